"""Tools for checking gradients two ways: centred finite differences and TensorFlow autodiff.

The finite differences are the package's own (`dl_notes.gradient_check`), so the tests use
what a learner uses. A test writes the computation once in NumPy (through dl_notes) and once
in TensorFlow, and compares each with the backward pass under test.
"""

from __future__ import annotations

import numpy as np

from dl_notes.gradient_check import eval_numerical_gradient, rel_error  # noqa: F401  (the tests import both)

#: cs231n's thresholds: below 1e-7 the gradient is right (away from kinks).
TOL = 1e-7


def numerical_gradient(f, x, h=1e-5):
    """`dl_notes.gradient_check.eval_numerical_gradient` for a zero-argument closure `f()` over `x`."""
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
