"""Tools for checking gradients two ways: centred finite differences and TensorFlow autodiff.

The finite differences are the package's own (`dl_notes.gradient_check`), so the tests use
what a learner uses. A test writes the computation once in NumPy (through dl_notes) and once
in TensorFlow, and compares each with the backward pass under test.

Conventions of the gradient tests: inputs are random, non-symmetric float64 arrays with a
fixed seed. Derivatives are taken of a scalar: either the cost J itself, or a random
projection s = sum(G * output) for a single block, whose gradient is the block's backward
applied to G. The course's convention is that dA and dZ are derivatives of the summed loss
m*J while parameter gradients (dW, db, dgamma, dbeta) are derivatives of J (see
dl_notes.losses.compute_cost_backward); the tests scale by m where the convention asks for it.

Also here: the small random networks that several test files share.
"""

from __future__ import annotations

import numpy as np

from dl_notes.gradient_check import eval_numerical_gradient, rel_error  # noqa: F401  (the tests import both)
from dl_notes.initialization import initialize_parameters_deep

#: cs231n's thresholds: below 1e-7 the gradient is right (away from kinks).
TOL = 1e-7


def numerical_gradient(f, x, h=1e-5):
    """`dl_notes.gradient_check.eval_numerical_gradient` for a zero-argument closure `f()` over
    `x`."""
    return eval_numerical_gradient(lambda _: f(), x, h)


def tf_gradients(fn, arrays):
    """Gradients of `fn(**tensors)` (a scalar TensorFlow expression) w.r.t. each named array."""
    import tensorflow as tf

    tensors = {k: tf.Variable(np.asarray(v, np.float64)) for k, v in arrays.items()}
    with tf.GradientTape() as tape:
        out = fn(**tensors)
    grads = tape.gradient(out, tensors)
    return {k: g.numpy() for k, g in grads.items()}


def assert_close_grad(analytic, reference, name, tol=TOL):
    err = rel_error(analytic, reference)
    assert err < tol, f"{name}: relative error {err:.2e} exceeds {tol:.0e}"


def assert_param_grads(grads, params, J, ref, label):
    """Each `grads['d' + key]` against finite differences of `J()` and against TensorFlow's
    `ref[key]`."""
    for key in params:
        assert_close_grad(
            grads["d" + key],
            numerical_gradient(J, params[key]),
            f"{label}: d{key} vs finite differences",
        )
        assert_close_grad(grads["d" + key], ref[key], f"{label}: d{key} vs TensorFlow")


# --- the same computations in TensorFlow -------------------------------------------------


def tf_activation(tf, name):
    """The TensorFlow function of the activation dl_notes calls `name`."""
    return {
        "sigmoid": tf.math.sigmoid,
        "tanh": tf.math.tanh,
        "relu": tf.nn.relu,
        "leaky_relu": lambda z: tf.nn.leaky_relu(z, alpha=0.01),
        "softmax": lambda z: tf.nn.softmax(z, axis=0),
        "linear": tf.identity,
    }[name]


def tf_cost(tf, AL, Y):
    """The cross-entropy cost J of `dl_notes.losses.compute_cost`, in TensorFlow."""
    m = Y.shape[1]
    return -tf.reduce_sum(Y * tf.math.log(AL) + (1 - Y) * tf.math.log(1 - AL)) / m


# --- small random networks -----------------------------------------------------------------


def _random_net(rng, dims, m, seed):
    params = initialize_parameters_deep(list(dims), method="he", seed=seed)
    for l in range(1, len(dims)):  # non-zero biases: no exact zeros at the ReLU kink
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape) * 0.5
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return params, X, Y


def small_net(rng, dims=(3, 4, 2, 1), m=6):
    """(parameters, X, Y) of the behaviour and bad-input tests (their messages name these
    shapes)."""
    return _random_net(rng, dims, m, seed=2)


def gradient_net(rng, dims=(4, 5, 3, 1), m=7):
    """(parameters, X, Y) of the gradient tests."""
    return _random_net(rng, dims, m, seed=7)
