"""Tools for checking gradients two ways: centred finite differences and TensorFlow autodiff.

Both take a scalar function of named float64 arrays, so a test writes the computation once
in NumPy (through dl_notes) and once in TensorFlow, and compares each with the backward
pass under test.
"""

from __future__ import annotations

import numpy as np

H = 1e-5
#: cs231n's thresholds: below 1e-7 the gradient is right (away from kinks).
TOL = 1e-7


def rel_error(a, b):
    """Relative error |a - b| / max(1e-8, |a| + |b|), with norms over all entries."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))


def numerical_gradient(f, x, h=H):
    """Centred differences of scalar `f()` with respect to the array `x`, perturbed in place."""
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        plus = f()
        x[i] = old - h
        minus = f()
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


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
