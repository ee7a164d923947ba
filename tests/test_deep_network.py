"""dl_notes.deep_network (L layers): shapes, learning, bad input named in the message, and
every backward pass (the linear block, linear -> activation, the whole network with a sigmoid
or a softmax output) against finite differences AND TensorFlow (conventions in
tests/gradcheck.py).
"""

import numpy as np
import pytest

from dl_notes import deep_network as dn
from dl_notes.deep_network import l_model_forward
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import compute_cost, one_hot, softmax_cross_entropy_cost
from tests.gradcheck import (
    assert_close_grad,
    assert_param_grads,
    gradient_net,
    numerical_gradient,
    tf_activation,
    tf_cost,
    tf_gradients,
)


def test_linear_forward_course_shapes():
    Z, cache = dn.linear_forward(np.ones((3, 2)), np.ones((1, 3)), np.ones((1, 1)))
    assert Z.shape == (1, 2) and np.allclose(Z, 4)
    assert len(cache) == 3


def test_linear_forward_error_names_shapes():
    with pytest.raises(
        ValueError,
        match=r"linear_forward: W has shape \(4, 3\) but A_prev has 5 rows; W needs "
        r"A_prev.shape\[0\] == W.shape\[1\]",
    ):
        dn.linear_forward(np.ones((5, 2)), np.ones((4, 3)), np.ones((4, 1)))
    with pytest.raises(
        ValueError, match=r"b must have shape \(4, 1\), but it has shape \(4,\); W has 4 rows"
    ):
        dn.linear_forward(np.ones((3, 2)), np.ones((4, 3)), np.ones(4))
    with pytest.raises(TypeError, match="A_prev must be a NumPy array, but a str was given"):
        dn.linear_forward("x", np.ones((4, 3)), np.ones((4, 1)))


def test_linear_backward_checks_dZ():
    _, cache = dn.linear_forward(np.ones((3, 2)), np.ones((4, 3)), np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"dZ must have shape \(4, 2\), but it has shape \(2, 4\)"):
        dn.linear_backward(np.ones((2, 4)), cache)


def test_l_model_forward_and_backward_shapes(rng):
    dims = [6, 5, 4, 1]
    p = initialize_parameters_deep(dims, method="he", seed=2)
    X = rng.standard_normal((6, 9))
    AL, caches = dn.l_model_forward(X, p)
    assert AL.shape == (1, 9) and len(caches) == 3
    grads = dn.l_model_backward(AL, (rng.uniform(size=(1, 9)) > 0.5).astype(int), caches)
    for l in range(1, 4):
        assert grads[f"dW{l}"].shape == p[f"W{l}"].shape
        assert grads[f"db{l}"].shape == p[f"b{l}"].shape
        assert grads[f"dA{l - 1}"].shape == (dims[l - 1], 9)


def test_l_model_forward_errors():
    p = initialize_parameters_deep([6, 5, 1], seed=2)
    with pytest.raises(
        ValueError, match=r"X has 4 features \(rows\) but W1 has shape \(5, 6\), which expects 6"
    ):
        dn.l_model_forward(np.ones((4, 3)), p)
    bad = dict(p, W2=np.ones((1, 3)))
    with pytest.raises(
        ValueError,
        match=r"W2 has shape \(1, 3\), so it expects 3 inputs, but W1 produces 5 units; W2 must be "
        r"\(1, 5\)",
    ):
        dn.l_model_forward(np.ones((6, 3)), bad)
    with pytest.raises(TypeError, match="parameters must be a dict"):
        dn.l_model_forward(np.ones((6, 3)), [p["W1"], p["b1"]])


def test_l_layer_model_learns(separable):
    X, Y = separable
    params, costs = dn.l_layer_model(X, Y, [2, 5, 3, 1], learning_rate=0.1, num_iterations=600)
    assert costs[-1] < costs[0]
    assert dn.accuracy(dn.predict(X, params), Y) > 0.9


def test_two_layer_model_wants_three_sizes(separable):
    X, Y = separable
    with pytest.raises(
        ValueError, match=r"layers_dims must be \(n_x, n_h, n_y\), but \(2, 3, 3, 1\) has 4 entries"
    ):
        dn.two_layer_model(X, Y, (2, 3, 3, 1))
    params, _ = dn.two_layer_model(X, Y, (2, 4, 1), learning_rate=0.1, num_iterations=300)
    assert sorted(params) == ["W1", "W2", "b1", "b2"]


# --- gradients --------------------------------------------------------------------------


def test_linear_backward(rng, tf):
    A_prev, W, b = (
        rng.standard_normal((3, 6)),
        rng.standard_normal((4, 3)),
        rng.standard_normal((4, 1)),
    )
    G = rng.standard_normal((4, 6))  # upstream dZ
    m = A_prev.shape[1]
    _, cache = dn.linear_forward(A_prev, W, b)
    dA_prev, dW, db = dn.linear_backward(G, cache)

    def s():  # sum(G * Z): its gradient is what the course's formulas give, times m for dW, db
        return float(np.sum(G * dn.linear_forward(A_prev, W, b)[0]))

    assert_close_grad(dW * m, numerical_gradient(s, W), "dW vs finite differences")
    assert_close_grad(db * m, numerical_gradient(s, b), "db vs finite differences")
    assert_close_grad(dA_prev, numerical_gradient(s, A_prev), "dA_prev vs finite differences")
    ref = tf_gradients(
        lambda A_prev, W, b: tf.reduce_sum(G * (W @ A_prev + b)), {"A_prev": A_prev, "W": W, "b": b}
    )
    assert_close_grad(dW * m, ref["W"], "dW vs TensorFlow")
    assert_close_grad(db * m, ref["b"], "db vs TensorFlow")
    assert_close_grad(dA_prev, ref["A_prev"], "dA_prev vs TensorFlow")


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "softmax"])
def test_linear_activation_backward(activation, rng, tf):
    A_prev, W, b = (
        rng.standard_normal((3, 5)),
        rng.standard_normal((4, 3)),
        rng.standard_normal((4, 1)),
    )
    G = rng.standard_normal((4, 5))
    m = 5
    _, cache = dn.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = dn.linear_activation_backward(G, cache, activation)
    g = tf_activation(tf, activation)
    ref = tf_gradients(
        lambda A_prev, W, b: tf.reduce_sum(G * g(W @ A_prev + b)),
        {"A_prev": A_prev, "W": W, "b": b},
    )

    def s():
        return float(np.sum(G * dn.linear_activation_forward(A_prev, W, b, activation)[0]))

    assert_close_grad(dW * m, numerical_gradient(s, W), "dW vs finite differences")
    assert_close_grad(dW * m, ref["W"], "dW vs TensorFlow")
    assert_close_grad(db * m, ref["b"], "db vs TensorFlow")
    assert_close_grad(dA_prev, ref["A_prev"], "dA_prev vs TensorFlow")


def test_l_model_backward(rng, tf):
    dims = [4, 5, 3, 1]
    X = rng.standard_normal((4, 7))
    Y = (rng.uniform(size=(1, 7)) > 0.5).astype(float)
    params = initialize_parameters_deep(dims, method="he", seed=7)
    for l in range(1, len(dims)):  # non-zero biases: no exact zeros at the ReLU kink
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape) * 0.5
    AL, caches = dn.l_model_forward(X, params)
    grads = dn.l_model_backward(AL, Y, caches)

    def J():
        return compute_cost(dn.l_model_forward(X, params)[0], Y)

    for l in range(1, len(dims)):
        for p in ("W", "b"):
            assert_close_grad(
                grads[f"d{p}{l}"],
                numerical_gradient(J, params[f"{p}{l}"]),
                f"d{p}{l} vs finite differences",
            )

    def tf_J(X, **p):
        A = X
        for l in range(1, len(dims)):
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            A = tf.nn.relu(Z) if l < len(dims) - 1 else tf.math.sigmoid(Z)
        return tf_cost(tf, A, Y)

    ref = tf_gradients(tf_J, {"X": X, **params})
    for l in range(1, len(dims)):
        assert_close_grad(grads[f"dW{l}"], ref[f"W{l}"], f"dW{l} vs TensorFlow")
        assert_close_grad(grads[f"db{l}"], ref[f"b{l}"], f"db{l} vs TensorFlow")
    assert_close_grad(grads["dA0"], X.shape[1] * ref["X"], "dA0 (= m dJ/dX) vs TensorFlow")


def test_l_model_backward_with_a_softmax_output(rng, tf):
    """The L-layer network with a softmax output (Course 3's digit classifiers), both ways."""
    from dl_notes.deep_network import l_model_backward

    params, X, _ = gradient_net(rng, dims=(4, 5, 3, 3), m=7)
    Y = one_hot(rng.integers(0, 3, size=(1, 7)), 3)
    AL, caches = l_model_forward(X, params, output_activation="softmax")
    grads = l_model_backward(AL, Y, caches, output_activation="softmax")

    def J():
        return softmax_cross_entropy_cost(
            l_model_forward(X, params, output_activation="softmax")[0], Y
        )

    def tf_J(**p):
        A = X
        for l in (1, 2):
            A = tf.nn.relu(p[f"W{l}"] @ A + p[f"b{l}"])
        Z3 = p["W3"] @ A + p["b3"]
        return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(Y, Z3, axis=0))

    assert_param_grads(grads, params, J, tf_gradients(tf_J, params), "softmax L-model")
