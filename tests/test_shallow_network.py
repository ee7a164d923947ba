"""dl_notes.shallow_network (one hidden layer): learning the flower, shapes, bad input, and the
backward pass against finite differences AND TensorFlow (conventions in tests/gradcheck.py)."""

import numpy as np
import pytest

from dl_notes import shallow_network as sn
from dl_notes.data import load_planar_dataset
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import compute_cost
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_cost, tf_gradients


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
    with pytest.raises(
        ValueError, match=r"X has 3 features \(rows\) but W1 has shape \(4, 2\), which expects 2"
    ):
        sn.forward_propagation(np.ones((3, 7)), p)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 7\), but it has shape \(7,\)"):
        sn.backward_propagation(p, cache, np.ones((2, 7)), np.ones(7))
    with pytest.raises(ValueError, match="parameters has no 'b2'"):
        sn.forward_propagation(np.ones((2, 7)), {"W1": p["W1"], "b1": p["b1"], "W2": p["W2"]})


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
        return tf_cost(tf, tf.math.sigmoid(W2 @ A1 + b2), Y)

    ref = tf_gradients(tf_J, params)
    for k in params:
        assert_close_grad(
            grads["d" + k], numerical_gradient(J, params[k]), f"d{k} vs finite differences"
        )
        assert_close_grad(grads["d" + k], ref[k], f"d{k} vs TensorFlow")
