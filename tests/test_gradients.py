"""Every backward pass of dl_notes, checked against finite differences and TensorFlow.

Inputs are random float64 arrays with a fixed seed. Derivatives are taken of a scalar:
either the cross-entropy cost J itself, or a random projection sum(G * output) for a
single block. The course's convention is that dA and dZ are derivatives of the summed
loss m*J while dW and db are derivatives of J (see dl_notes.losses.compute_cost_backward);
the tests scale accordingly.
"""

import numpy as np
import pytest

from dl_notes import activations as act
from dl_notes import deep_network as dn
from dl_notes import logistic_regression as lr
from dl_notes import shallow_network as sn
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import compute_cost, compute_cost_backward
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients


def _tf_activation(tf, name):
    return {
        "sigmoid": tf.math.sigmoid,
        "tanh": tf.math.tanh,
        "relu": tf.nn.relu,
        "leaky_relu": lambda z: tf.nn.leaky_relu(z, alpha=0.01),
        "softmax": lambda z: tf.nn.softmax(z, axis=0),
        "linear": tf.identity,
    }[name]


def _tf_cost(tf, AL, Y):
    m = Y.shape[1]
    return -tf.reduce_sum(Y * tf.math.log(AL) + (1 - Y) * tf.math.log(1 - AL)) / m


def _away_from_kink(Z):
    """Move entries away from 0 so ReLU-type kinks cannot sit inside the difference step."""
    return np.where(np.abs(Z) < 1e-2, 0.5, Z)


@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activation_backward(name, rng, tf):
    Z = _away_from_kink(rng.standard_normal((4, 5)) * 2)
    dA = rng.standard_normal((4, 5))
    _, cache = act.activation_forward(Z, name)
    dZ = act.activation_backward(dA, cache, name)

    def f():
        return float(np.sum(dA * act.activation_forward(Z, name)[0]))

    assert_close_grad(dZ, numerical_gradient(f, Z), f"{name} vs finite differences")
    g = _tf_activation(tf, name)
    ref = tf_gradients(lambda Z: tf.reduce_sum(dA * g(Z)), {"Z": Z})["Z"]
    assert_close_grad(dZ, ref, f"{name} vs TensorFlow")


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_derivative_functions_match_tensorflow(name, rng, tf):
    Z = _away_from_kink(rng.standard_normal((3, 7)) * 3)
    derivative = getattr(act, f"{name}_derivative")(Z)
    g = _tf_activation(tf, name)
    ref = tf_gradients(lambda Z: tf.reduce_sum(g(Z)), {"Z": Z})["Z"]
    assert_close_grad(derivative, ref, f"{name}_derivative vs TensorFlow")


def test_linear_backward(rng, tf):
    A_prev, W, b = rng.standard_normal((3, 6)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    G = rng.standard_normal((4, 6))  # upstream dZ
    m = A_prev.shape[1]
    _, cache = dn.linear_forward(A_prev, W, b)
    dA_prev, dW, db = dn.linear_backward(G, cache)

    def s():  # sum(G * Z): its gradient is what the course's formulas give, times m for dW, db
        return float(np.sum(G * dn.linear_forward(A_prev, W, b)[0]))

    assert_close_grad(dW * m, numerical_gradient(s, W), "dW vs finite differences")
    assert_close_grad(db * m, numerical_gradient(s, b), "db vs finite differences")
    assert_close_grad(dA_prev, numerical_gradient(s, A_prev), "dA_prev vs finite differences")
    ref = tf_gradients(lambda A_prev, W, b: tf.reduce_sum(G * (W @ A_prev + b)),
                       {"A_prev": A_prev, "W": W, "b": b})
    assert_close_grad(dW * m, ref["W"], "dW vs TensorFlow")
    assert_close_grad(db * m, ref["b"], "db vs TensorFlow")
    assert_close_grad(dA_prev, ref["A_prev"], "dA_prev vs TensorFlow")


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "softmax"])
def test_linear_activation_backward(activation, rng, tf):
    A_prev, W, b = rng.standard_normal((3, 5)), rng.standard_normal((4, 3)), rng.standard_normal((4, 1))
    G = rng.standard_normal((4, 5))
    m = 5
    _, cache = dn.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = dn.linear_activation_backward(G, cache, activation)
    g = _tf_activation(tf, activation)
    ref = tf_gradients(lambda A_prev, W, b: tf.reduce_sum(G * g(W @ A_prev + b)),
                       {"A_prev": A_prev, "W": W, "b": b})

    def s():
        return float(np.sum(G * dn.linear_activation_forward(A_prev, W, b, activation)[0]))

    assert_close_grad(dW * m, numerical_gradient(s, W), "dW vs finite differences")
    assert_close_grad(dW * m, ref["W"], "dW vs TensorFlow")
    assert_close_grad(db * m, ref["b"], "db vs TensorFlow")
    assert_close_grad(dA_prev, ref["A_prev"], "dA_prev vs TensorFlow")


def test_compute_cost_and_its_gradient(rng, tf):
    AL = rng.uniform(0.05, 0.95, (1, 8))
    Y = (rng.uniform(size=(1, 8)) > 0.5).astype(float)
    m = 8
    ref = tf_gradients(lambda AL: _tf_cost(tf, AL, Y), {"AL": AL})["AL"]
    assert_close_grad(compute_cost_backward(AL, Y), m * ref, "dAL vs TensorFlow")
    assert_close_grad(compute_cost_backward(AL, Y), m * numerical_gradient(lambda: compute_cost(AL, Y), AL),
                      "dAL vs finite differences")
    import tensorflow as tf_

    assert compute_cost(AL, Y) == pytest.approx(float(_tf_cost(tf_, tf_.constant(AL), tf_.constant(Y))), rel=1e-12)


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
            assert_close_grad(grads[f"d{p}{l}"], numerical_gradient(J, params[f"{p}{l}"]),
                              f"d{p}{l} vs finite differences")

    def tf_J(X, **p):
        A = X
        for l in range(1, len(dims)):
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            A = tf.nn.relu(Z) if l < len(dims) - 1 else tf.math.sigmoid(Z)
        return _tf_cost(tf, A, Y)

    ref = tf_gradients(tf_J, {"X": X, **params})
    for l in range(1, len(dims)):
        assert_close_grad(grads[f"dW{l}"], ref[f"W{l}"], f"dW{l} vs TensorFlow")
        assert_close_grad(grads[f"db{l}"], ref[f"b{l}"], f"db{l} vs TensorFlow")
    assert_close_grad(grads["dA0"], X.shape[1] * ref["X"], "dA0 (= m dJ/dX) vs TensorFlow")


def test_shallow_backward_propagation(rng, tf):
    X = rng.standard_normal((2, 9))
    Y = (rng.uniform(size=(1, 9)) > 0.5).astype(float)
    params = initialize_parameters_deep([2, 4, 1], method="xavier", seed=5)
    params["b1"] = rng.standard_normal((4, 1)) * 0.5
    A2, cache = sn.forward_propagation(X, params)
    grads = sn.backward_propagation(params, cache, X, Y)

    def J():
        return compute_cost(sn.forward_propagation(X, params)[0], Y)

    def tf_J(W1, b1, W2, b2):
        A1 = tf.math.tanh(W1 @ X + b1)
        return _tf_cost(tf, tf.math.sigmoid(W2 @ A1 + b2), Y)

    ref = tf_gradients(tf_J, params)
    for k in params:
        assert_close_grad(grads["d" + k], numerical_gradient(J, params[k]), f"d{k} vs finite differences")
        assert_close_grad(grads["d" + k], ref[k], f"d{k} vs TensorFlow")


def test_logistic_propagate(rng, tf):
    X = rng.standard_normal((3, 10))
    Y = (rng.uniform(size=(1, 10)) > 0.5).astype(float)
    w = rng.standard_normal((3, 1))
    b = np.array(0.3)
    grads, cost = lr.propagate(w, float(b), X, Y)

    def J():
        return lr.propagate(w, float(b), X, Y)[1]

    assert_close_grad(grads["dw"], numerical_gradient(J, w), "dw vs finite differences")
    assert_close_grad(grads["db"], numerical_gradient(J, b), "db vs finite differences")
    ref = tf_gradients(lambda w, b: _tf_cost(tf, tf.math.sigmoid(tf.transpose(w) @ X + b), Y), {"w": w, "b": b})
    assert_close_grad(grads["dw"], ref["w"], "dw vs TensorFlow")
    assert_close_grad(grads["db"], ref["b"], "db vs TensorFlow")


def test_a_wrong_backward_pass_is_caught(rng):
    """The checker itself can fail: a backward pass missing its 1/m is flagged."""
    from tests.gradcheck import rel_error

    X = rng.standard_normal((3, 10))
    Y = (rng.uniform(size=(1, 10)) > 0.5).astype(float)
    w = rng.standard_normal((3, 1))
    grads, _ = lr.propagate(w, 0.0, X, Y)
    wrong = grads["dw"] * X.shape[1]
    numeric = numerical_gradient(lambda: lr.propagate(w, 0.0, X, Y)[1], w)
    assert rel_error(wrong, numeric) > 1e-2
