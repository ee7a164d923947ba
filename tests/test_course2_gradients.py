"""Every Course 2 backward pass, checked against finite differences AND TensorFlow autodiff.

Same conventions as test_gradients.py: random, non-symmetric float64 inputs with a fixed
seed; a block's backward is checked on the random projection s = sum(G * output), whose
gradient is the block's backward applied to G; dA, dZ are derivatives of the summed loss
m*J while parameter gradients (dW, db, dgamma, dbeta) are derivatives of J, so the tests
scale by m where the convention asks for it. Dropout masks are seeded, hence fixed, so the
dropped-out network is a fixed function whose gradients can be checked.
"""

import numpy as np
import pytest

from dl_notes import batch_norm as bn
from dl_notes import gradient_check as gc
from dl_notes import regularization as reg
from dl_notes.activations import softmax
from dl_notes.deep_network import l_model_forward
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import (
    compute_cost,
    one_hot,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_cost,
)
from tests.gradcheck import (
    assert_close_grad,
    numerical_gradient,
    rel_error,
    tf_gradients,
)


def _net(rng, dims=(4, 5, 3, 1), m=7):
    params = initialize_parameters_deep(list(dims), method="he", seed=7)
    for l in range(1, len(dims)):  # non-zero biases: no exact zeros at the ReLU kink
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape) * 0.5
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return params, X, Y


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


def _tf_cost(tf, AL, Y):
    m = Y.shape[1]
    return -tf.reduce_sum(Y * tf.math.log(AL) + (1 - Y) * tf.math.log(1 - AL)) / m


def _tf_l2(tf, p, lambd, m):
    return lambd / (2 * m) * sum(tf.reduce_sum(tf.square(p[k])) for k in p if k.startswith("W"))


def _check_all(grads, params, J, ref, label):
    for key in params:
        assert_close_grad(grads["d" + key], numerical_gradient(J, params[key]), f"{label}: d{key} vs finite differences")
        assert_close_grad(grads["d" + key], ref[key], f"{label}: d{key} vs TensorFlow")


# --- dropout -------------------------------------------------------------------------

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
    params, X, Y = _net(rng, m=9)
    _, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.75, seed=5)
    grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.75)

    def J():  # the same seed gives the same masks: a fixed function of the parameters
        return compute_cost(reg.forward_propagation_with_dropout(X, params, keep_prob=0.75, seed=5)[0], Y)

    masks = [c[2][0] for c in cache if len(c) == 3]
    ref = tf_gradients(lambda **p: _tf_cost(tf, _tf_net(tf, X, p, masks, 0.75), Y), params)
    _check_all(grads, params, J, ref, "dropout network")


# --- L2 regularization ---------------------------------------------------------------

def test_l2_regularization_gradients(rng, tf):
    params, _, _ = _net(rng)
    lambd, m = 0.7, 9
    grads = reg.l2_regularization_gradients(params, lambd, m)
    weights = {k: v for k, v in params.items() if k.startswith("W")}
    ref = tf_gradients(lambda **p: _tf_l2(tf, p, lambd, m), weights)
    for key in weights:
        num = numerical_gradient(lambda: reg.l2_regularization_cost(params, lambd, m), params[key])
        assert_close_grad(grads["d" + key], num, f"L2 d{key} vs finite differences")
        assert_close_grad(grads["d" + key], ref[key], f"L2 d{key} vs TensorFlow")


def test_backward_propagation_with_regularization(rng, tf):
    params, X, Y = _net(rng)
    lambd = 0.4
    _, cache = l_model_forward(X, params)
    grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)

    def J():
        return reg.compute_cost_with_regularization(l_model_forward(X, params)[0], Y, params, lambd)

    ref = tf_gradients(lambda **p: _tf_cost(tf, _tf_net(tf, X, p), Y) + _tf_l2(tf, p, lambd, X.shape[1]), params)
    _check_all(grads, params, J, ref, "L2 network")


def test_l_model_backward_regularized_with_l2_and_dropout(rng, tf):
    params, X, Y = _net(rng, dims=(3, 6, 5, 4, 1), m=8)
    lambd, keep_prob = 0.3, 0.8
    AL, caches = reg.l_model_forward_regularized(X, params, keep_prob=keep_prob, seed=21)
    grads = reg.l_model_backward_regularized(AL, Y, caches, lambd=lambd)

    def J():
        AL = reg.l_model_forward_regularized(X, params, keep_prob=keep_prob, seed=21)[0]
        return reg.compute_cost_with_regularization(AL, Y, params, lambd)

    masks = [c[2][0] for c in caches if len(c) == 3]
    assert len(masks) == 3

    def tf_J(**p):
        return _tf_cost(tf, _tf_net(tf, X, p, masks, keep_prob), Y) + _tf_l2(tf, p, lambd, X.shape[1])

    _check_all(grads, params, J, tf_gradients(tf_J, params), "L2 + dropout, 4 layers")
    ref_X = tf_gradients(lambda X: _tf_cost(tf, _tf_net(tf, X, params, masks, keep_prob), Y), {"X": X})["X"]
    assert_close_grad(grads["dA0"], X.shape[1] * ref_X, "dA0 (= m dJ/dX) vs TensorFlow")


# --- batch normalization -------------------------------------------------------------

@pytest.mark.parametrize("mode", ["train", "test"])
def test_batchnorm_backward(mode, rng, tf):
    n, m, eps = 4, 6, 1e-5
    Z = rng.standard_normal((n, m)) * 2 + 1
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    running = {"running_mean": rng.standard_normal((n, 1)), "running_var": rng.uniform(0.5, 2, (n, 1))}

    def forward():
        return bn.batchnorm_forward(Z, gamma, beta, {"mode": mode, "epsilon": eps, **running})

    _, cache = forward()
    dZ, dgamma, dbeta = bn.batchnorm_backward(G, cache)

    def s():
        return float(np.sum(G * forward()[0]))

    assert_close_grad(dZ, numerical_gradient(s, Z), f"{mode}: dZ vs finite differences")
    assert_close_grad(dgamma * m, numerical_gradient(s, gamma), f"{mode}: dgamma vs finite differences")
    assert_close_grad(dbeta * m, numerical_gradient(s, beta), f"{mode}: dbeta vs finite differences")

    def tf_s(Z, gamma, beta):
        if mode == "train":
            mean, var = tf.nn.moments(Z, axes=[1], keepdims=True)
        else:
            mean, var = running["running_mean"], running["running_var"]
        return tf.reduce_sum(G * tf.nn.batch_normalization(Z, mean, var, beta, gamma, eps))

    ref = tf_gradients(tf_s, {"Z": Z, "gamma": gamma, "beta": beta})
    assert_close_grad(dZ, ref["Z"], f"{mode}: dZ vs TensorFlow")
    assert_close_grad(dgamma * m, ref["gamma"], f"{mode}: dgamma vs TensorFlow")
    assert_close_grad(dbeta * m, ref["beta"], f"{mode}: dbeta vs TensorFlow")


# --- softmax cross-entropy -----------------------------------------------------------

def test_softmax_cross_entropy_backward(rng, tf):
    C, m = 4, 7
    Z = rng.standard_normal((C, m)) * 2
    Y = one_hot(rng.integers(0, C, m), C)
    dZ = softmax_cross_entropy_backward(softmax(Z), Y)

    def mJ():  # dZ is the derivative of m * J (the summed loss)
        return m * softmax_cross_entropy_cost(softmax(Z), Y)

    assert_close_grad(dZ, numerical_gradient(mJ, Z), "softmax CE dZ vs finite differences")
    ref = tf_gradients(lambda Z: tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(Y, Z, axis=0)), {"Z": Z})["Z"]
    assert_close_grad(dZ, ref, "softmax CE dZ vs TensorFlow")


def test_l_model_backward_with_a_softmax_output(rng, tf):
    """The L-layer network with a softmax output (Course 3's digit classifiers), both ways."""
    from dl_notes.deep_network import l_model_backward

    params, X, _ = _net(rng, dims=(4, 5, 3, 3), m=7)
    Y = one_hot(rng.integers(0, 3, size=(1, 7)), 3)
    AL, caches = l_model_forward(X, params, output_activation="softmax")
    grads = l_model_backward(AL, Y, caches, output_activation="softmax")

    def J():
        return softmax_cross_entropy_cost(l_model_forward(X, params, output_activation="softmax")[0], Y)

    def tf_J(**p):
        A = X
        for l in (1, 2):
            A = tf.nn.relu(p[f"W{l}"] @ A + p[f"b{l}"])
        Z3 = p["W3"] @ A + p["b3"]
        return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(Y, Z3, axis=0))

    _check_all(grads, params, J, tf_gradients(tf_J, params), "softmax L-model")


# --- the gradient checker itself -----------------------------------------------------

def test_gradient_check_n_passes_a_correct_backward_and_flags_wrong_ones(rng):
    params, X, Y = _net(rng)
    _, cache = gc.forward_propagation_n(X, Y, params)
    grads = gc.backward_propagation_n(X, Y, cache)
    assert gc.gradient_check_n(params, grads, X, Y) < 1e-7
    # the lab's planted mistakes: dW2 twice too large, db1 with 4/m instead of 1/m
    wrong = dict(grads, dW2=2 * grads["dW2"], db1=4 * grads["db1"])
    assert gc.gradient_check_n(params, wrong, X, Y) > 1e-2
    # a subtle one: a single entry off by 1e-4
    subtle = dict(grads, dW3=grads["dW3"] + np.eye(1, grads["dW3"].shape[1]) * 1e-4)
    assert gc.gradient_check_n(params, subtle, X, Y) > gc.THRESHOLD


def test_gradient_check_n_with_any_cost_function(rng):
    """The check takes the model's cost function: here the L2-regularized cost."""
    params, X, Y = _net(rng)
    lambd = 0.5

    def cost_fn(X, Y, parameters):
        return reg.compute_cost_with_regularization(l_model_forward(X, parameters)[0], Y, parameters, lambd)

    _, cache = l_model_forward(X, params)
    grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    assert gc.gradient_check_n(params, grads, X, Y, cost_fn=cost_fn) < 1e-7
    forgot_l2 = reg.backward_propagation_with_regularization(X, Y, cache, 0.0)
    assert gc.gradient_check_n(params, forgot_l2, X, Y, cost_fn=cost_fn) > 1e-3


def test_gradient_check_n_agrees_with_the_suite_s_checker(rng):
    """gradient_check_n's difference is the suite's rel_error of the unrolled vectors."""
    params, X, Y = _net(rng)
    _, cache = gc.forward_propagation_n(X, Y, params)
    grads = gc.backward_propagation_n(X, Y, cache)
    grads["dW1"] = grads["dW1"] * 1.01
    numeric = np.concatenate([
        numerical_gradient(lambda: gc.forward_propagation_n(X, Y, params)[0], params[k], h=1e-7).reshape(-1, 1)
        for k in params
    ])
    expected = rel_error(gc.gradients_to_vector(grads, list(params)), numeric)
    assert gc.gradient_check_n(params, grads, X, Y) == pytest.approx(expected, rel=1e-6)
