"""dl_notes.activations: values, stability, derivatives, bad input, and every backward pass
against finite differences AND TensorFlow (conventions in tests/gradcheck.py)."""

import numpy as np
import pytest

from dl_notes import activations as act
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_activation, tf_gradients


def test_sigmoid_values_and_stability():
    z = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
    s = act.sigmoid(z)
    assert np.allclose(s, [0.0, 1 / (1 + np.e), 0.5, 1 / (1 + np.exp(-1)), 1.0])
    assert np.all(np.isfinite(s))


def test_derivatives_match_closed_forms():
    z = np.linspace(-3, 3, 13)
    assert np.allclose(act.sigmoid_derivative(z), act.sigmoid(z) * (1 - act.sigmoid(z)))
    assert act.sigmoid_derivative(np.array(0.0)) == pytest.approx(0.25)
    assert np.allclose(act.tanh_derivative(z), 1 / np.cosh(z) ** 2)
    assert np.array_equal(act.relu_derivative(z), (z > 0).astype(float))
    assert np.allclose(act.leaky_relu_derivative(z, 0.1), np.where(z > 0, 1, 0.1))


def test_relu_and_leaky_relu():
    z = np.array([[-2.0, 0.0, 3.0]])
    assert np.array_equal(act.relu(z), [[0.0, 0.0, 3.0]])
    assert np.allclose(act.leaky_relu(z, 0.1), [[-0.2, 0.0, 3.0]])


def test_softmax_columns_and_rows():
    z = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])
    cols = act.softmax(z)
    assert np.allclose(cols.sum(axis=0), 1)
    assert np.allclose(cols[:, 0], [0.5, 0.5])
    rows = act.softmax(z, axis=1)
    assert np.allclose(rows.sum(axis=1), 1)
    # the W2A1 example: softmax of [9, 2, 5, 0, 0] along the row
    x = np.array([[9.0, 2, 5, 0, 0]])
    assert act.softmax(x, axis=1)[0, 0] == pytest.approx(np.exp(9) / np.exp(x).sum())
    # invariant to adding a constant, and no overflow
    assert np.allclose(act.softmax(z + 1000), cols)


def test_activation_forward_returns_Z_as_cache():
    Z = np.array([[0.5, -0.5]])
    for name in act.ACTIVATIONS:
        A, cache = act.activation_forward(Z, name)
        assert A.shape == Z.shape and np.array_equal(cache, Z)


def test_unknown_activation_is_named():
    with pytest.raises(ValueError, match=r"unknown activation 'sigmoidd'.*'sigmoid'"):
        act.activation_forward(np.zeros((2, 2)), "sigmoidd")
    with pytest.raises(ValueError, match="unknown activation"):
        act.activation_backward(np.zeros((2, 2)), np.zeros((2, 2)), "Relu")


def test_backward_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"dA has shape \(3, 2\).*Z has shape \(2, 3\)"):
        act.relu_backward(np.zeros((3, 2)), np.zeros((2, 3)))


def test_non_numeric_input_is_a_type_error():
    with pytest.raises(TypeError, match="sigmoid: Z must be a numeric array, but it has dtype <U1"):
        act.sigmoid(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="a dict was given"):
        act.relu({"Z": 1})


def test_softmax_bad_axis():
    with pytest.raises(ValueError, match=r"axis=2 is out of range for Z with shape \(2, 3\)"):
        act.softmax(np.zeros((2, 3)), axis=2)


# --- gradients ----------------------------------------------------------------------------


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
    g = tf_activation(tf, name)
    ref = tf_gradients(lambda Z: tf.reduce_sum(dA * g(Z)), {"Z": Z})["Z"]
    assert_close_grad(dZ, ref, f"{name} vs TensorFlow")


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu"])
def test_derivative_functions_match_tensorflow(name, rng, tf):
    Z = _away_from_kink(rng.standard_normal((3, 7)) * 3)
    derivative = getattr(act, f"{name}_derivative")(Z)
    g = tf_activation(tf, name)
    ref = tf_gradients(lambda Z: tf.reduce_sum(g(Z)), {"Z": Z})["Z"]
    assert_close_grad(derivative, ref, f"{name}_derivative vs TensorFlow")
