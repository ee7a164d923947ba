"""dl_notes.logistic_regression: the course's values, learning, bad input, and the gradients
against finite differences AND TensorFlow (conventions in tests/gradcheck.py)."""

import numpy as np
import pytest

from dl_notes import logistic_regression as lr
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_cost, tf_gradients


def test_propagate_course_example():
    """The values of the course's own test case (w=[1,2], b=2, X=[[1,2,-1],[3,4,-3.2]],
    Y=[1,0,1])."""
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
    with pytest.raises(
        ValueError,
        match=r"propagate: w must have shape \(3, 1\), but it has shape \(2, 1\); X has 3 features",
    ):
        lr.propagate(np.zeros((2, 1)), 0.0, X, np.zeros((1, 5)))
    with pytest.raises(
        ValueError, match=r"Y must have shape \(1, 5\), but it has shape \(1, 4\); X has 5 examples"
    ):
        lr.propagate(np.zeros((3, 1)), 0.0, X, np.zeros((1, 4)))
    with pytest.raises(
        ValueError, match=r"predict: X must be a 2-D array \(n_x, m\), but it has shape \(3,\)"
    ):
        lr.predict(np.zeros((3, 1)), 0.0, np.zeros(3))
    with pytest.raises(ValueError, match="learning_rate must be positive, but -0.1 was given"):
        lr.optimize(np.zeros((3, 1)), 0.0, X, np.zeros((1, 5)), learning_rate=-0.1)


def test_logistic_propagate(rng, tf):
    X = rng.standard_normal((3, 10))
    Y = (rng.uniform(size=(1, 10)) > 0.5).astype(float)
    w = rng.standard_normal((3, 1))
    b = np.array(0.3)
    grads, cost = lr.propagate(w, float(b), X, Y)

    def J():
        return lr.propagate(w, float(b), X, Y)[1]

    assert_close_grad(grads["dw"], numerical_gradient(J, w), "dw vs finite differences")
    assert_close_grad(grads["db"], numerical_gradient(J, b), "db vs finite differences")
    ref = tf_gradients(
        lambda w, b: tf_cost(tf, tf.math.sigmoid(tf.transpose(w) @ X + b), Y), {"w": w, "b": b}
    )
    assert_close_grad(grads["dw"], ref["w"], "dw vs TensorFlow")
    assert_close_grad(grads["db"], ref["b"], "db vs TensorFlow")
