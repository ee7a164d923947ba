r"""Logistic regression with a neural-network mindset (Course 1, W2A2).

Taught in: Course 1, [week 2](../../course1/week2.md) and the
[logistic-regression lab](../../course1/labs/w2a2-logistic-regression.ipynb).

One unit, vectorized over the $m$ examples (the columns of `X`):

$$Z = w^T X + b, \qquad A = \sigma(Z), \qquad J = -\frac{1}{m}\sum_{i=1}^{m} y^{(i)}\log a^{(i)} +
(1-y^{(i)})\log(1-a^{(i)})$$

$$dw = \frac{1}{m} X (A - Y)^T, \qquad db = \frac{1}{m}\sum_{i=1}^{m} (a^{(i)} - y^{(i)})$$
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_binary, check_ndim, check_positive, check_shape
from dl_notes.activations import _sigmoid
from dl_notes.initialization import initialize_with_zeros
from dl_notes.losses import _compute_cost

__all__ = ["propagate", "optimize", "predict", "model"]


# --8<-- [start:propagate]
def propagate(w, b, X, Y):
    r"""Forward and backward pass of logistic regression: the cost and its gradients.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    grads : dict
        `dw` of shape (n_x, 1) and `db` (a float): $\partial J/\partial w$ and
        $\partial J/\partial b$.
    cost : float
        The cross-entropy cost $J$.
    """
    w, X, Y = _check_inputs(w, X, Y, "propagate")
    return _propagate(w, b, X, Y)


def _propagate(w, b, X, Y):
    m = X.shape[1]
    A = _sigmoid(w.T @ X + b)  # (1, m): forward pass
    cost = _compute_cost(A, Y)
    dZ = A - Y  # (1, m): backward pass
    dw = X @ dZ.T / m  # (n_x, 1)
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, cost


# --8<-- [end:propagate]


# --8<-- [start:optimize]
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    r"""Gradient descent on `w` and `b`: $w \leftarrow w - \alpha\, dw$,
    $b \leftarrow b - \alpha\, db$.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    num_iterations : int, default 100
    learning_rate : float, default 0.009
        $\alpha$.
    print_cost : bool, default False
        Print the cost every 100 iterations.

    Returns
    -------
    params : dict
        The learned `w` and `b`.
    grads : dict
        The last `dw` and `db`.
    costs : list of float
        The cost every 100 iterations (the first one included).
    """
    check_positive(num_iterations, "num_iterations", "optimize", integer=True)
    check_positive(learning_rate, "learning_rate", "optimize")
    w = as_array(w, "w", "optimize").copy()
    b = float(b)
    w, X, Y = _check_inputs(w, X, Y, "propagate")
    costs = []
    for i in range(int(num_iterations)):  # checked above: the loop calls the unchecked step
        grads, cost = _propagate(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b -= learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs


# --8<-- [end:optimize]


# --8<-- [start:predict]
def predict(w, b, X):
    r"""Predict labels: 1 where $\sigma(w^T x + b) > 0.5$, else 0.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)

    Returns
    -------
    Y_prediction : ndarray, shape (1, m)
        Zeros and ones (floats, as in the course).
    """
    w, X = _check_weights(w, X, "predict")
    return (_sigmoid(w.T @ X + b) > 0.5).astype(np.float64)


# --8<-- [end:predict]


def model(
    X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False
):
    r"""Train logistic regression from zero weights and report train and test accuracy.

    Parameters
    ----------
    X_train : ndarray, shape (n_x, m_train)
    Y_train : ndarray, shape (1, m_train)
    X_test : ndarray, shape (n_x, m_test)
    Y_test : ndarray, shape (1, m_test)
    num_iterations : int, default 2000
    learning_rate : float, default 0.5
    print_cost : bool, default False

    Returns
    -------
    d : dict
        `costs`, `Y_prediction_test`, `Y_prediction_train`, `w`, `b`, `learning_rate`,
        `num_iterations`, and the accuracies `train_accuracy`, `test_accuracy` (fractions in
        [0, 1]).
    """
    X_train = as_array(X_train, "X_train", "model")
    check_ndim(X_train, 2, "X_train", "model", "(n_x, m_train)")
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
        "train_accuracy": float(np.mean(Y_prediction_train == Y_train)),
        "test_accuracy": float(np.mean(Y_prediction_test == Y_test)),
    }


def _check_weights(w, X, where):
    """`X` is (n_x, m) and `w` is (n_x, 1)."""
    w = as_array(w, "w", where)
    X = as_array(X, "X", where)
    check_ndim(X, 2, "X", where, "(n_x, m)")
    check_shape(w, (X.shape[0], 1), "w", where, f"X has {X.shape[0]} features (rows)")
    return w, X


def _check_inputs(w, X, Y, where):
    """As `_check_weights`, and `Y` holds one 0/1 label per example."""
    w, X = _check_weights(w, X, where)
    Y = as_array(Y, "Y", where)
    check_shape(Y, (1, X.shape[1]), "Y", where, f"X has {X.shape[1]} examples (columns)")
    check_binary(Y, "Y", where)
    return w, X, Y
