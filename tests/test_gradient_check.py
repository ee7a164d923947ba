"""dl_notes.gradient_check: the public finite differences (eval_numerical_gradient(_array),
rel_error), the course's gradient checking (vectors, gradient_check, gradient_check_n), and the
checker itself: it passes a correct backward pass and flags wrong ones.
"""

from __future__ import annotations

import numpy as np
import pytest

from dl_notes import gradient_check as gc
from dl_notes import logistic_regression as lr
from dl_notes import regularization as reg
from dl_notes.deep_network import l_model_forward
from dl_notes.gradient_check import (
    eval_numerical_gradient,
    eval_numerical_gradient_array,
    rel_error,
)
from tests.gradcheck import gradient_net, numerical_gradient, small_net

# --- the public finite differences -----------------------------------------------------


def test_scalar_function_gradient_matches_the_calculus(rng):
    x = rng.normal(size=(3, 4))
    grad = eval_numerical_gradient(lambda x: np.sum(x**3) + 2 * x[0, 0], x)
    expected = 3 * x**2
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
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0  # max(1e-8, ...) keeps it finite
    assert rel_error([1.0, 0.0], [0.0, 0.0]) == pytest.approx(1.0)
    assert rel_error([3.0], [1.0]) == pytest.approx(0.5)  # |3 - 1| / (3 + 1)
    with pytest.raises(ValueError, match=r"same shape.*\(2,\) and \(3,\)"):
        rel_error([1.0, 2.0], [1.0, 2.0, 3.0])


def test_bad_input_says_what_was_expected(rng):
    x32 = rng.normal(size=(2, 2)).astype(np.float32)
    with pytest.raises(
        TypeError, match=r"float64 ndarray.*float32 was given.*astype\(np.float64\)"
    ):
        eval_numerical_gradient(np.sum, x32)
    with pytest.raises(TypeError, match=r"float64 ndarray.*a list was given"):
        eval_numerical_gradient_array(np.sin, [1.0, 2.0], np.ones(2))
    with pytest.raises(
        ValueError, match=r"df must have the shape of f\(x\), \(2, 2\), but it has shape \(4,\)"
    ):
        eval_numerical_gradient_array(np.sin, rng.normal(size=(2, 2)), np.ones(4))
    with pytest.raises(ValueError, match=r"h must be"):
        eval_numerical_gradient(np.sum, rng.normal(size=3), h=0)


# --- the course's gradient checking -----------------------------------------------------


def test_vector_round_trip(rng):
    params, _, _ = small_net(rng)
    theta, element_keys = gc.dictionary_to_vector(params)
    assert theta.shape == (sum(v.size for v in params.values()), 1)
    assert element_keys[:12] == ["W1"] * 12 and element_keys[12] == "b1"
    back = gc.vector_to_dictionary(theta, params)
    assert list(back) == list(params) and all(np.array_equal(back[k], params[k]) for k in params)
    back["W1"][0, 0] = 99.0
    assert theta[0, 0] != 99.0, "vector_to_dictionary returns copies"
    grads = {"dA0": np.zeros((3, 6)), **{"d" + k: v * 2 for k, v in reversed(params.items())}}
    assert np.array_equal(gc.gradients_to_vector(grads), 2 * theta), (
        "same order as the parameters, dA ignored"
    )


def test_gradient_check_1d():
    assert gc.gradient_check(2.0, 4.0) < 1e-7
    wrong = gc.gradient_check(
        2.0, 4.0, backward=lambda x, theta: theta
    )  # dJ/dtheta is x, not theta
    assert wrong == pytest.approx(abs(4 - 2) / (4 + 2), rel=1e-6)
    cube = gc.gradient_check(0.0, 1.5, forward=lambda x, t: t**3, backward=lambda x, t: 3 * t**2)
    assert cube < 1e-7


def test_gradient_check_n_prints(rng, capsys):
    params, X, Y = small_net(rng)
    _, cache = gc.forward_propagation_n(X, Y, params)
    grads = gc.backward_propagation_n(X, Y, cache)
    assert gc.gradient_check_n(params, grads, X, Y, 1e-7, True) < gc.THRESHOLD
    assert "passed" in capsys.readouterr().out
    grads["db1"] = grads["db1"] + 1e-3
    assert gc.gradient_check_n(params, grads, X, Y, print_msg=True) > gc.THRESHOLD
    assert "failed" in capsys.readouterr().out


def test_gradient_check_bad_input(rng):
    params, X, Y = small_net(rng)
    theta, _ = gc.dictionary_to_vector(params)
    with pytest.raises(
        ValueError,
        match=r"vector_to_dictionary: theta must have shape \(29, 1\) to fill shapes \{'W1': \(4, "
        r"3\), .*\}, but it has shape \(28, 1\)",
    ):
        gc.vector_to_dictionary(theta[:-1], params)
    with pytest.raises(
        ValueError,
        match=r"vector_to_dictionary: theta must be a 2-D array \(n, 1\), but it has shape \(29,\)",
    ):
        gc.vector_to_dictionary(theta.ravel(), params)
    with pytest.raises(ValueError, match=r"gradients_to_vector: gradients has no \['db2'\]"):
        gc.gradients_to_vector({"dW1": 1, "db1": 1, "dW2": 1}, ["W1", "b1", "W2", "b2"])
    grads = {"d" + k: np.zeros_like(v) for k, v in params.items()}
    grads["dW2"] = np.zeros((4, 2))
    with pytest.raises(
        ValueError,
        match=r"gradient_check_n: gradients\['dW2'\] has shape \(4, 2\) but parameters\['W2'\] has "
        r"shape \(2, 4\)",
    ):
        gc.gradient_check_n(params, grads, X, Y)
    with pytest.raises(
        TypeError, match=r"gradient_check_n: epsilon must be a number, but a function was given"
    ):
        gc.gradient_check_n(params, grads, X, Y, gc.forward_propagation_n)
    with pytest.raises(
        TypeError,
        match=r"dictionary_to_vector: parameters must be a dict of arrays, but a list was given",
    ):
        gc.dictionary_to_vector([params["W1"]])


# --- the gradient checker itself --------------------------------------------------------


def test_gradient_check_n_passes_a_correct_backward_and_flags_wrong_ones(rng):
    params, X, Y = gradient_net(rng)
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
    params, X, Y = gradient_net(rng)
    lambd = 0.5

    def cost_fn(X, Y, parameters):
        return reg.compute_cost_with_regularization(
            l_model_forward(X, parameters)[0], Y, parameters, lambd
        )

    _, cache = l_model_forward(X, params)
    grads = reg.backward_propagation_with_regularization(X, Y, cache, lambd)
    assert gc.gradient_check_n(params, grads, X, Y, cost_fn=cost_fn) < 1e-7
    forgot_l2 = reg.backward_propagation_with_regularization(X, Y, cache, 0.0)
    assert gc.gradient_check_n(params, forgot_l2, X, Y, cost_fn=cost_fn) > 1e-3


def test_gradient_check_n_agrees_with_the_suite_s_checker(rng):
    """gradient_check_n's difference is the suite's rel_error of the unrolled vectors."""
    params, X, Y = gradient_net(rng)
    _, cache = gc.forward_propagation_n(X, Y, params)
    grads = gc.backward_propagation_n(X, Y, cache)
    grads["dW1"] = grads["dW1"] * 1.01
    numeric = np.concatenate(
        [
            numerical_gradient(
                lambda: gc.forward_propagation_n(X, Y, params)[0], params[k], h=1e-7
            ).reshape(-1, 1)
            for k in params
        ]
    )
    expected = rel_error(gc.gradients_to_vector(grads, list(params)), numeric)
    assert gc.gradient_check_n(params, grads, X, Y) == pytest.approx(expected, rel=1e-6)


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
