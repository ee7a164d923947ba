"""dl_notes.regularization: L2 and dropout on hand-computed cases, bad input named in the
message, and every backward pass against finite differences AND TensorFlow autodiff.

Gradient conventions as in tests/gradcheck.py. Dropout masks are seeded, hence fixed, so the
dropped-out network is a fixed function whose gradients can be checked.
"""

import numpy as np
import pytest

from dl_notes import regularization as reg
from dl_notes.deep_network import l_model_backward, l_model_forward
from dl_notes.losses import compute_cost
from tests.gradcheck import (
    assert_close_grad,
    assert_param_grads,
    gradient_net,
    numerical_gradient,
    small_net,
    tf_cost,
    tf_gradients,
)


def test_l2_cost_hand_computed():
    params = {
        "W1": np.array([[1.0, -2.0]]),
        "b1": np.array([[100.0]]),
        "W2": np.array([[3.0]]),
        "b2": np.zeros((1, 1)),
    }
    # lambda / (2m) * (1 + 4 + 9), biases ignored
    assert reg.l2_regularization_cost(params, lambd=0.5, m=7) == pytest.approx(0.5 / 14 * 14)
    grads = reg.l2_regularization_gradients(params, lambd=0.5, m=7)
    assert sorted(grads) == ["dW1", "dW2"]
    assert np.allclose(grads["dW1"], 0.5 / 7 * params["W1"])


def test_compute_cost_with_regularization_course_example():
    """The course's own test case: seed-1 randn parameters, lambd = 0.1."""
    rs = np.random.RandomState(1)
    shapes = [
        ("W1", (2, 3)),
        ("b1", (2, 1)),
        ("W2", (3, 2)),
        ("b2", (3, 1)),
        ("W3", (1, 3)),
        ("b3", (1, 1)),
    ]
    params = {k: rs.randn(*s) for k, s in shapes}
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    Y = np.array([[1, 1, 0, 1, 0]])
    assert reg.compute_cost_with_regularization(A3, Y, params, 0.1) == pytest.approx(
        1.78648594516, abs=1e-10
    )
    assert reg.compute_cost_with_regularization(A3, Y, params, 0.0) == pytest.approx(
        compute_cost(A3, Y)
    )


def test_dropout_forward_masks_and_scales(rng):
    A = rng.uniform(0.5, 1.5, (50, 400))
    A_drop, (D, keep_prob) = reg.dropout_forward(A, 0.8, seed=0)
    assert keep_prob == 0.8 and set(np.unique(D)) == {0.0, 1.0}
    assert D.mean() == pytest.approx(0.8, abs=0.01)
    assert np.allclose(A_drop[D == 1], A[D == 1] / 0.8) and not A_drop[D == 0].any()
    assert A_drop.mean() == pytest.approx(A.mean(), rel=0.02), (
        "inverted dropout keeps the expected value"
    )
    again, _ = reg.dropout_forward(A, 0.8, seed=0)
    other, _ = reg.dropout_forward(A, 0.8, seed=1)
    assert np.array_equal(A_drop, again) and not np.array_equal(A_drop, other)
    assert np.array_equal(reg.dropout_forward(A, 1.0)[0], A), "keep_prob = 1 keeps everything"


def test_dropout_backward_uses_the_same_mask(rng):
    A, dA = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    _, cache = reg.dropout_forward(A, 0.5, seed=3)
    D = cache[0]
    assert np.array_equal(reg.dropout_backward(dA, cache), dA * D / 0.5)


def test_regularized_model_reduces_to_the_plain_one(rng):
    params, X, Y = small_net(rng)
    AL, caches = reg.l_model_forward_regularized(X, params, keep_prob=1.0)
    AL_plain, caches_plain = l_model_forward(X, params)
    assert np.array_equal(AL, AL_plain) and all(len(c) == 2 for c in caches)
    grads = reg.l_model_backward_regularized(AL, Y, caches, lambd=0.0)
    plain = l_model_backward(AL_plain, Y, caches_plain)
    assert all(np.array_equal(grads[k], plain[k]) for k in plain)
    l2 = reg.backward_propagation_with_regularization(X, Y, caches_plain, lambd=0.7)
    for l in (1, 2, 3):
        assert np.allclose(l2[f"dW{l}"], plain[f"dW{l}"] + 0.7 / 6 * params[f"W{l}"])
        assert np.array_equal(l2[f"db{l}"], plain[f"db{l}"]), "biases are not regularized"


def test_forward_propagation_with_dropout_drops_hidden_units_only(rng):
    params, X, Y = small_net(rng, dims=(3, 8, 6, 1), m=40)
    A3, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.7, seed=4)
    assert [len(c) for c in cache] == [3, 3, 2], "dropout on hidden layers, not on the output"
    A3_again, _ = reg.forward_propagation_with_dropout(X, params, keep_prob=0.7, seed=4)
    assert np.array_equal(A3, A3_again)
    grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.7)
    assert {k: grads[k].shape for k in ("dW1", "db1", "dW3")} == {
        "dW1": (8, 3),
        "db1": (8, 1),
        "dW3": (1, 6),
    }
    # a hidden unit dropped for every example gets no gradient at all
    keep_all_but_unit0 = [
        c[:2] + ((c[2][0] * (np.arange(c[2][0].shape[0]) != 0)[:, None], 0.7),)
        if len(c) == 3
        else c
        for c in cache
    ]
    grads = reg.backward_propagation_with_dropout(X, Y, keep_all_but_unit0, keep_prob=0.7)
    assert not grads["dW1"][0].any() and not grads["db1"][0].any() and grads["dW1"][1:].any()


def test_l_layer_model_regularized_shrinks_weights(rng):
    X = rng.standard_normal((2, 60))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    plain, costs = reg.l_layer_model_regularized(
        X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1
    )
    l2, _ = reg.l_layer_model_regularized(
        X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1, lambd=2.0
    )
    _, dcosts = reg.l_layer_model_regularized(
        X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1, keep_prob=0.8
    )

    def norm(p):
        return sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2, 3))

    assert norm(l2) < 0.7 * norm(plain)
    assert len(costs) == 2 and costs[-1] < costs[0] and np.all(np.isfinite(dcosts))


def test_regularization_bad_input(rng):
    params, X, Y = small_net(rng)
    with pytest.raises(
        ValueError, match=r"dropout_forward: keep_prob must be in \(0, 1\], but 0 was given"
    ):
        reg.dropout_forward(X, 0)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\], but 1.5 was given"):
        reg.forward_propagation_with_dropout(X, params, keep_prob=1.5)
    with pytest.raises(
        TypeError, match=r"dropout_forward: keep_prob must be a number, but a str was given"
    ):
        reg.dropout_forward(X, "0.5")
    with pytest.raises(
        TypeError, match=r"dropout_forward: A must be a numeric array, but it has dtype <U1"
    ):
        reg.dropout_forward(np.array(["a", "b"]), 0.5)
    with pytest.raises(TypeError, match=r"dropout_forward: seed must be an int"):
        reg.dropout_forward(X, 0.5, seed="x")
    _, cache = reg.dropout_forward(X, 0.5, seed=0)
    with pytest.raises(
        ValueError,
        match=r"dropout_backward: dA and the cached mask D must have the same shape, but dA has "
        r"shape \(2, 6\) and the cached mask D has shape \(3, 6\)",
    ):
        reg.dropout_backward(np.ones((2, 6)), cache)
    with pytest.raises(
        ValueError, match=r"l2_regularization_cost: lambd must be in \[0, inf\), but -1 was given"
    ):
        reg.l2_regularization_cost(params, -1, 6)
    with pytest.raises(
        ValueError, match=r"parameters has no weights 'W1', 'W2', ...; it has keys \['b1'\]"
    ):
        reg.l2_regularization_cost({"b1": np.zeros((2, 1))}, 0.1, 6)
    with pytest.raises(
        ValueError,
        match=r"compute_cost: AL and Y must have the same shape, but AL has shape \(1, 6\) and Y "
        r"has shape \(1, 5\)",
    ):
        reg.compute_cost_with_regularization(np.full((1, 6), 0.5), np.ones((1, 5)), params, 0.1)
    _, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.5)
    with pytest.raises(
        ValueError,
        match=r"backward_propagation_with_dropout: keep_prob is 0.8 but the forward pass used 0.5",
    ):
        reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.8)
    with pytest.raises(
        ValueError,
        match=r"X has shape \(3, 4\) but the forward pass was given an input of shape \(3, 6\)",
    ):
        reg.backward_propagation_with_regularization(X[:, :4], Y, cache, 0.1)
    with pytest.raises(
        ValueError,
        match=r"l_model_forward_regularized: X has 5 features \(rows\) but W1 has shape \(4, 3\)",
    ):
        reg.l_model_forward_regularized(np.ones((5, 2)), params, keep_prob=0.5)


# --- gradients: the same networks in TensorFlow ---------------------------------------


def _tf_net(tf, X, p, masks=(), keep_prob=1.0):
    """The same network in TensorFlow; `masks[l-1]` is layer l's dropout mask (if any)."""
    L = len(p) // 2
    A = X
    for l in range(1, L + 1):
        Z = p[f"W{l}"] @ A + p[f"b{l}"]
        if l < L:
            A = tf.nn.relu(Z)
            if l <= len(masks):
                A = A * masks[l - 1] / keep_prob
        else:
            A = tf.math.sigmoid(Z)
    return A


def _tf_l2(tf, p, lambd, m):
    return lambd / (2 * m) * sum(tf.reduce_sum(tf.square(p[k])) for k in p if k.startswith("W"))


# --- gradients: dropout ----------------------------------------------------------------


def test_dropout_backward(rng, tf):
    A, G = rng.standard_normal((4, 6)), rng.standard_normal((4, 6))
    _, cache = reg.dropout_forward(A, 0.6, seed=11)
    dA = reg.dropout_backward(G, cache)

    def s():
        return float(np.sum(G * reg.dropout_forward(A, 0.6, seed=11)[0]))

    assert_close_grad(dA, numerical_gradient(s, A), "dropout dA vs finite differences")
    D = cache[0]
    ref = tf_gradients(lambda A: tf.reduce_sum(G * A * D / 0.6), {"A": A})["A"]
    assert_close_grad(dA, ref, "dropout dA vs TensorFlow")


def test_backward_propagation_with_dropout(rng, tf):
    params, X, Y = gradient_net(rng, m=9)
    _, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.75, seed=5)
    grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.75)

    def J():  # the same seed gives the same masks: a fixed function of the parameters
        return compute_cost(
            reg.forward_propagation_with_dropout(X, params, keep_prob=0.75, seed=5)[0], Y
        )

    masks = [c[2][0] for c in cache if len(c) == 3]
    ref = tf_gradients(lambda **p: tf_cost(tf, _tf_net(tf, X, p, masks, 0.75), Y), params)
    assert_param_grads(grads, params, J, ref, "dropout network")


# --- gradients: L2 regularization -------------------------------------------------------


def test_l2_regularization_gradients(rng, tf):
    params, _, _ = gradient_net(rng)
    lambd, m = 0.7, 9
    grads = reg.l2_regularization_gradients(params, lambd, m)
    weights = {k: v for k, v in params.items() if k.startswith("W")}
    ref = tf_gradients(lambda **p: _tf_l2(tf, p, lambd, m), weights)
    for key in weights:
        num = numerical_gradient(lambda: reg.l2_regularization_cost(params, lambd, m), params[key])
        assert_close_grad(grads["d" + key], num, f"L2 d{key} vs finite differences")
        assert_close_grad(grads["d" + key], ref[key], f"L2 d{key} vs TensorFlow")


def test_backward_propagation_with_regularization(rng, tf):
    params, X, Y = gradient_net(rng)
    lambd = 0.4
    _, cache = l_model_forward(X, params)
    grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)

    def J():
        return reg.compute_cost_with_regularization(l_model_forward(X, params)[0], Y, params, lambd)

    ref = tf_gradients(
        lambda **p: tf_cost(tf, _tf_net(tf, X, p), Y) + _tf_l2(tf, p, lambd, X.shape[1]), params
    )
    assert_param_grads(grads, params, J, ref, "L2 network")


def test_l_model_backward_regularized_with_l2_and_dropout(rng, tf):
    params, X, Y = gradient_net(rng, dims=(3, 6, 5, 4, 1), m=8)
    lambd, keep_prob = 0.3, 0.8
    AL, caches = reg.l_model_forward_regularized(X, params, keep_prob=keep_prob, seed=21)
    grads = reg.l_model_backward_regularized(AL, Y, caches, lambd=lambd)

    def J():
        AL = reg.l_model_forward_regularized(X, params, keep_prob=keep_prob, seed=21)[0]
        return reg.compute_cost_with_regularization(AL, Y, params, lambd)

    masks = [c[2][0] for c in caches if len(c) == 3]
    assert len(masks) == 3

    def tf_J(**p):
        return tf_cost(tf, _tf_net(tf, X, p, masks, keep_prob), Y) + _tf_l2(
            tf, p, lambd, X.shape[1]
        )

    assert_param_grads(grads, params, J, tf_gradients(tf_J, params), "L2 + dropout, 4 layers")
    ref_X = tf_gradients(
        lambda X: tf_cost(tf, _tf_net(tf, X, params, masks, keep_prob), Y), {"X": X}
    )["X"]
    assert_close_grad(grads["dA0"], X.shape[1] * ref_X, "dA0 (= m dJ/dX) vs TensorFlow")
