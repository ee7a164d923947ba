"""The multi-task cost with missing labels (Course 3, week 2): by hand, by finite differences, by
TensorFlow."""

import numpy as np
import pytest

from dl_notes.activations import sigmoid
from dl_notes.losses import compute_cost, multi_task_cost, multi_task_cost_backward
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients

nan = np.nan


def _labels(rng, n_y=4, m=6, missing=0.4):
    Y = (rng.uniform(size=(n_y, m)) > 0.5).astype(float)
    Y[rng.uniform(size=(n_y, m)) < missing] = nan
    return Y


def test_multi_task_cost_by_hand():
    AL = np.array([[0.9, 0.2, 0.5], [0.4, 0.7, 0.6]])
    Y = np.array([[1, 0, nan], [nan, 1, 0]])
    # labelled entries: -log .9, -log .8, -log .7, -log .4; divided by m = 3 examples
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.7) + np.log(0.4)) / 3
    assert multi_task_cost(AL, Y) == pytest.approx(expected)
    assert multi_task_cost_backward(AL, Y) == pytest.approx(
        np.array([[-0.1, 0.2, 0], [0, -0.3, 0.6]])
    )


def test_without_missing_labels_it_is_the_summed_binary_cost(rng):
    AL = rng.uniform(0.05, 0.95, size=(3, 8))
    Y = (rng.uniform(size=(3, 8)) > 0.5).astype(float)
    assert multi_task_cost(AL, Y) == pytest.approx(
        sum(compute_cost(AL[j : j + 1], Y[j : j + 1]) for j in range(3))
    )
    assert multi_task_cost(AL[:1], Y[:1]) == pytest.approx(compute_cost(AL[:1], Y[:1]))


def test_a_missing_label_changes_neither_cost_nor_gradient(rng):
    Y = _labels(rng)
    AL = rng.uniform(0.05, 0.95, size=Y.shape)
    moved = AL.copy()
    moved[np.isnan(Y)] = rng.uniform(
        0.05, 0.95, size=np.isnan(Y).sum()
    )  # change only unlabelled outputs
    assert multi_task_cost(moved, Y) == pytest.approx(multi_task_cost(AL, Y))
    dZ = multi_task_cost_backward(AL, Y)
    assert np.all(dZ[np.isnan(Y)] == 0) and not np.isnan(dZ).any()


def test_multi_task_backward_against_finite_differences_and_tensorflow(rng, tf):
    Y = _labels(rng)
    Z = rng.standard_normal(Y.shape) * 2
    m = Y.shape[1]
    dZ = multi_task_cost_backward(sigmoid(Z), Y)

    def mJ():  # dZ is the derivative of m * J (the summed loss)
        return m * multi_task_cost(sigmoid(Z), Y)

    assert_close_grad(dZ, numerical_gradient(mJ, Z), "multi-task dZ vs finite differences")
    labelled = ~np.isnan(Y)

    def tf_summed_loss(Z):
        losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=np.nan_to_num(Y), logits=Z)
        return tf.reduce_sum(tf.where(labelled, losses, tf.zeros_like(losses)))

    assert_close_grad(
        dZ, tf_gradients(tf_summed_loss, {"Z": Z})["Z"], "multi-task dZ vs TensorFlow"
    )


@pytest.mark.parametrize(
    "AL, Y, message",
    [
        (np.full((2, 3), 0.5), np.full((3, 2), 1.0), "same shape"),
        (np.full((2, 3), 0.5), np.array([[1, 0, 2], [0, nan, 1]]), r"0 or 1, or nan.*\[2.0\]"),
        (np.array([[0.5, nan, 0.5]]), np.array([[1, 0, 1]]), "AL contains nan"),
        (np.full(3, 0.5), np.full(3, 1.0), r"\(n_y, m\)"),
    ],
)
def test_multi_task_cost_rejects_bad_input(AL, Y, message):
    for fn in (multi_task_cost, multi_task_cost_backward):
        with pytest.raises(ValueError, match=message):
            fn(AL, Y)
