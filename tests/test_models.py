"""Logistic regression, the shallow network and the L-layer network: behaviour and bad input."""

import numpy as np
import pytest

from dl_notes import deep_network as dn
from dl_notes import logistic_regression as lr
from dl_notes import shallow_network as sn
from dl_notes.data import load_planar_dataset
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.optimizers import update_parameters


@pytest.fixture
def separable(rng):
    X = rng.standard_normal((2, 200))
    Y = (X[0:1] + 0.5 * X[1:2] > 0).astype(int)
    return X, Y


# --- logistic regression -----------------------------------------------------------

def test_propagate_course_example():
    """The values of the course's own test case (w=[1,2], b=2, X=[[1,2,-1],[3,4,-3.2]], Y=[1,0,1])."""
    w, b = np.array([[1.0], [2.0]]), 2.0
    X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1, 0, 1]])
    grads, cost = lr.propagate(w, b, X, Y)
    assert np.allclose(grads["dw"], [[0.99845601], [2.39507239]])
    assert grads["db"] == pytest.approx(0.00145557813678)
    assert cost == pytest.approx(5.801545319394553)


def test_optimize_lowers_the_cost_and_model_learns(separable):
    X, Y = separable
    w, b = np.zeros((2, 1)), 0.0
    params, grads, costs = lr.optimize(w, b, X, Y, num_iterations=300, learning_rate=0.5)
    assert costs[-1] < costs[0]
    assert not w.any(), "optimize must not modify its input"
    d = lr.model(X, Y, X, Y, num_iterations=300, learning_rate=0.5)
    assert d["train_accuracy"] > 0.95
    assert d["Y_prediction_train"].shape == (1, 200)
    assert len(d["costs"]) == 3


def test_logistic_regression_bad_input():
    X = np.zeros((3, 5))
    with pytest.raises(ValueError, match=r"propagate: w must have shape \(3, 1\), but it has shape \(2, 1\); X has 3 features"):
        lr.propagate(np.zeros((2, 1)), 0.0, X, np.zeros((1, 5)))
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 5\), but it has shape \(1, 4\); X has 5 examples"):
        lr.propagate(np.zeros((3, 1)), 0.0, X, np.zeros((1, 4)))
    with pytest.raises(ValueError, match=r"predict: X must be a 2-D array \(n_x, m\), but it has shape \(3,\)"):
        lr.predict(np.zeros((3, 1)), 0.0, np.zeros(3))
    with pytest.raises(ValueError, match="learning_rate must be positive, but -0.1 was given"):
        lr.optimize(np.zeros((3, 1)), 0.0, X, np.zeros((1, 5)), learning_rate=-0.1)


# --- one hidden layer --------------------------------------------------------------

def test_layer_sizes():
    assert sn.layer_sizes(np.zeros((5, 3)), np.zeros((2, 3))) == (5, 4, 2)
    with pytest.raises(ValueError, match=r"X has shape \(5, 3\) and Y has shape \(2, 4\)"):
        sn.layer_sizes(np.zeros((5, 3)), np.zeros((2, 4)))


def test_nn_model_learns_the_flower():
    X, Y = load_planar_dataset()
    params, costs = sn.nn_model(X, Y, n_h=4, num_iterations=3000)
    acc = np.mean(sn.predict(params, X) == Y)
    assert acc > 0.85 and costs[-1] < costs[0]


def test_shallow_forward_shapes_and_errors():
    p = initialize_parameters_deep([2, 4, 1], seed=0)
    A2, cache = sn.forward_propagation(np.ones((2, 7)), p)
    assert A2.shape == (1, 7) and cache["A1"].shape == (4, 7)
    with pytest.raises(ValueError, match=r"X has 3 features \(rows\) but W1 has shape \(4, 2\), which expects 2"):
        sn.forward_propagation(np.ones((3, 7)), p)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 7\), but it has shape \(7,\)"):
        sn.backward_propagation(p, cache, np.ones((2, 7)), np.ones(7))
    with pytest.raises(ValueError, match="parameters has no 'b2'"):
        sn.forward_propagation(np.ones((2, 7)), {"W1": p["W1"], "b1": p["b1"], "W2": p["W2"]})


# --- L layers ----------------------------------------------------------------------

def test_linear_forward_course_shapes():
    Z, cache = dn.linear_forward(np.ones((3, 2)), np.ones((1, 3)), np.ones((1, 1)))
    assert Z.shape == (1, 2) and np.allclose(Z, 4)
    assert len(cache) == 3


def test_linear_forward_error_names_shapes():
    with pytest.raises(ValueError, match=r"linear_forward: W has shape \(4, 3\) but A_prev has 5 rows; W needs A_prev.shape\[0\] == W.shape\[1\]"):
        dn.linear_forward(np.ones((5, 2)), np.ones((4, 3)), np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"b must have shape \(4, 1\), but it has shape \(4,\); W has 4 rows"):
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
    with pytest.raises(ValueError, match=r"X has 4 features \(rows\) but W1 has shape \(5, 6\), which expects 6"):
        dn.l_model_forward(np.ones((4, 3)), p)
    bad = dict(p, W2=np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"W2 has shape \(1, 3\), so it expects 3 inputs, but W1 produces 5 units; W2 must be \(1, 5\)"):
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
    with pytest.raises(ValueError, match=r"layers_dims must be \(n_x, n_h, n_y\), but \(2, 3, 3, 1\) has 4 entries"):
        dn.two_layer_model(X, Y, (2, 3, 3, 1))
    params, _ = dn.two_layer_model(X, Y, (2, 4, 1), learning_rate=0.1, num_iterations=300)
    assert sorted(params) == ["W1", "W2", "b1", "b2"]


def test_update_parameters():
    p = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    g = {"dW1": np.full((2, 2), 0.5), "db1": np.ones((2, 1))}
    new = update_parameters(p, g, 0.1)
    assert np.allclose(new["W1"], 0.95) and np.allclose(new["b1"], -0.1)
    assert np.all(p["W1"] == 1), "inputs are not modified"
    with pytest.raises(ValueError, match=r"grads has no 'db1' for parameter 'b1'"):
        update_parameters(p, {"dW1": g["dW1"]}, 0.1)
    with pytest.raises(ValueError, match=r"W1 and dW1 must have the same shape, but W1 has shape \(2, 2\) and dW1 has shape \(2, 1\)"):
        update_parameters(p, {"dW1": np.ones((2, 1)), "db1": g["db1"]}, 0.1)
