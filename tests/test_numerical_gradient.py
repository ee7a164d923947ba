"""dl_notes.gradient_check's public finite differences: eval_numerical_gradient(_array) and rel_error."""

from __future__ import annotations

import numpy as np
import pytest

from dl_notes.gradient_check import eval_numerical_gradient, eval_numerical_gradient_array, rel_error


def test_scalar_function_gradient_matches_the_calculus(rng):
    x = rng.normal(size=(3, 4))
    grad = eval_numerical_gradient(lambda x: np.sum(x ** 3) + 2 * x[0, 0], x)
    expected = 3 * x ** 2
    expected[0, 0] += 2
    assert rel_error(grad, expected) < 1e-8


def test_array_function_gives_what_a_backward_pass_gives(rng):
    """For out = x @ W and upstream dout, dx = dout @ W.T (a linear layer's backward pass)."""
    x, W, dout = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    dx = eval_numerical_gradient_array(lambda x: x @ W, x, dout)
    assert dx.shape == x.shape and rel_error(dx, dout @ W.T) < 1e-9
    relu_dx = eval_numerical_gradient_array(lambda x: np.maximum(x, 0), x, dout[:, :3])
    assert rel_error(relu_dx, dout[:, :3] * (x > 0)) < 1e-9


def test_the_point_is_restored_and_a_reused_output_buffer_is_copied(rng):
    x = rng.normal(size=(2, 3))
    before = x.copy()
    buffer = np.empty_like(x)

    def f(x):  # returns the same array object every call, as a careless layer might
        np.multiply(x, 2.0, out=buffer)
        return buffer

    dx = eval_numerical_gradient_array(f, x, np.ones_like(x))
    assert np.array_equal(x, before)
    assert np.allclose(dx, 2.0)


def test_rel_error_values():
    assert rel_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0            # max(1e-8, ...) keeps it finite
    assert rel_error([1.0, 0.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert rel_error([3.0], [1.0]) == pytest.approx(0.5)         # |3 - 1| / (3 + 1)
    with pytest.raises(ValueError, match=r"same shape.*\(2,\) and \(3,\)"):
        rel_error([1.0, 2.0], [1.0, 2.0, 3.0])


def test_bad_input_says_what_was_expected(rng):
    x32 = rng.normal(size=(2, 2)).astype(np.float32)
    with pytest.raises(TypeError, match=r"float64 ndarray.*float32 was given.*astype\(np.float64\)"):
        eval_numerical_gradient(np.sum, x32)
    with pytest.raises(TypeError, match=r"float64 ndarray.*a list was given"):
        eval_numerical_gradient_array(np.sin, [1.0, 2.0], np.ones(2))
    with pytest.raises(ValueError, match=r"df must have the shape of f\(x\), \(2, 2\), but it has shape \(4,\)"):
        eval_numerical_gradient_array(np.sin, rng.normal(size=(2, 2)), np.ones(4))
    with pytest.raises(ValueError, match=r"h must be"):
        eval_numerical_gradient(np.sum, rng.normal(size=3), h=0)
