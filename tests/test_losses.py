"""dl_notes.losses: L1/L2, the cross-entropy cost and softmax cross-entropy on hand-computed
cases, bad input named in the message, and their gradients against finite differences AND
TensorFlow (conventions in tests/gradcheck.py).
"""

import numpy as np
import pytest

from dl_notes.activations import softmax
from dl_notes.losses import (
    compute_cost,
    compute_cost_backward,
    l1_loss,
    l2_loss,
    one_hot,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_cost,
)
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_cost, tf_gradients

# --- L1, L2 and the cross-entropy cost --------------------------------------------------


def test_l1_l2_course_values():
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    assert l1_loss(yhat, y) == pytest.approx(1.1)
    assert l2_loss(yhat, y) == pytest.approx(0.43)


def test_losses_reject_mismatched_shapes():
    with pytest.raises(
        ValueError,
        match=r"yhat and y must have the same shape, but yhat has shape \(3,\) and y has shape "
        r"\(4,\)",
    ):
        l1_loss(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="same shape"):
        l2_loss(np.ones((2, 1)), np.ones((1, 2)))


def test_compute_cost_known_value():
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3
    assert compute_cost(AL, Y) == pytest.approx(expected)


def test_compute_cost_is_finite_for_confident_mistakes():
    assert np.isfinite(compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]])))
    assert np.all(np.isfinite(compute_cost_backward(np.array([[0.0, 1.0]]), np.array([[1, 0]]))))


def test_compute_cost_rejects_bad_labels_and_shapes():
    with pytest.raises(
        ValueError, match=r"Y must hold binary labels 0 or 1, but it contains \[2.0\]"
    ):
        compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 2]]))
    with pytest.raises(
        ValueError,
        match=r"AL and Y must have the same shape, but AL has shape \(1, 3\) and Y has shape \(1, "
        r"2\)",
    ):
        compute_cost(np.array([[0.5, 0.5, 0.5]]), np.array([[1, 0]]))
    with pytest.raises(
        ValueError, match=r"AL must be a 2-D array \(1, m\), but it has shape \(3,\)"
    ):
        compute_cost(np.array([0.5, 0.5, 0.5]), np.array([1, 0, 1]))


def test_compute_cost_and_its_gradient(rng, tf):
    AL = rng.uniform(0.05, 0.95, (1, 8))
    Y = (rng.uniform(size=(1, 8)) > 0.5).astype(float)
    m = 8
    ref = tf_gradients(lambda AL: tf_cost(tf, AL, Y), {"AL": AL})["AL"]
    assert_close_grad(compute_cost_backward(AL, Y), m * ref, "dAL vs TensorFlow")
    assert_close_grad(
        compute_cost_backward(AL, Y),
        m * numerical_gradient(lambda: compute_cost(AL, Y), AL),
        "dAL vs finite differences",
    )
    import tensorflow as tf_

    assert compute_cost(AL, Y) == pytest.approx(
        float(tf_cost(tf_, tf_.constant(AL), tf_.constant(Y))), rel=1e-12
    )


# --- softmax cross-entropy --------------------------------------------------------------


def test_one_hot():
    Y = one_hot(np.array([[2, 0, 1, 2]]), 3)
    assert np.array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])


def test_softmax_cross_entropy_hand_computed():
    AL = np.array([[0.7, 0.2], [0.3, 0.8]])
    Y = np.array([[1, 0], [0, 1]])
    assert softmax_cross_entropy_cost(AL, Y) == pytest.approx(-(np.log(0.7) + np.log(0.8)) / 2)
    assert np.allclose(softmax_cross_entropy_backward(AL, Y), [[-0.3, 0.2], [0.3, -0.2]])
    assert np.isfinite(softmax_cross_entropy_cost(np.array([[0.0], [1.0]]), np.array([[1], [0]])))


def test_softmax_cross_entropy_bad_input():
    AL = np.full((3, 4), 1 / 3)
    with pytest.raises(
        ValueError,
        match=r"AL and Y must have the same shape \(C, m\), but AL has shape \(3, 4\) and Y has "
        r"shape \(1, 4\) \(labels as integers\? one_hot",
    ):
        softmax_cross_entropy_cost(AL, np.array([[0, 1, 2, 1]]))
    with pytest.raises(
        ValueError,
        match=r"each column of Y must be one-hot \(or a probability distribution\), but column 1 "
        r"is \[1.0, 1.0, 0.0\]",
    ):
        softmax_cross_entropy_backward(AL, np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]]))
    with pytest.raises(
        ValueError,
        match=r"softmax_cross_entropy_cost: AL must be a 2-D array \(C, m\), but it has shape "
        r"\(3,\)",
    ):
        softmax_cross_entropy_cost(np.ones(3), np.ones(3))
    with pytest.raises(
        ValueError, match=r"one_hot: labels must lie in 0..2 for C=3, but they contain \[3\]"
    ):
        one_hot(np.array([0, 3]), 3)
    with pytest.raises(
        TypeError,
        match=r"one_hot: labels must be whole numbers \(class indices\), but they have dtype "
        r"float64",
    ):
        one_hot(np.array([0.5, 1.0]), 3)


def test_softmax_cross_entropy_backward(rng, tf):
    C, m = 4, 7
    Z = rng.standard_normal((C, m)) * 2
    Y = one_hot(rng.integers(0, C, m), C)
    dZ = softmax_cross_entropy_backward(softmax(Z), Y)

    def mJ():  # dZ is the derivative of m * J (the summed loss)
        return m * softmax_cross_entropy_cost(softmax(Z), Y)

    assert_close_grad(dZ, numerical_gradient(mJ, Z), "softmax CE dZ vs finite differences")
    ref = tf_gradients(
        lambda Z: tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits(Y, Z, axis=0)), {"Z": Z}
    )["Z"]
    assert_close_grad(dZ, ref, "softmax CE dZ vs TensorFlow")
