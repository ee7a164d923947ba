r"""Losses and costs for binary classification, and the W2A1 L1/L2 losses.

Taught in: Course 1, [week 2](../../course1/week2.md) (the logistic loss and the cost)
and [week 4](../../course1/week4.md) (the cost of an L-layer network and its
gradient $dA^{[L]}$).

The cross-entropy cost of $m$ examples with predictions $A^{[L]}$ and labels $Y$ is

$$J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log(1 - a^{[L](i)}) \right).$$
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_binary, check_ndim, check_same_shape

__all__ = ["l1_loss", "l2_loss", "compute_cost", "compute_cost_backward"]

#: Predictions are clipped to [EPS, 1 - EPS] before taking logs, so a confident wrong
#: prediction gives a large but finite cost instead of `inf`.
EPS = 1e-12


def l1_loss(yhat, y):
    r"""L1 loss: $\sum_i |y^{(i)} - \hat y^{(i)}|$.

    Parameters
    ----------
    yhat : ndarray, shape (m,)
        Predictions.
    y : ndarray, shape (m,)
        True values.

    Returns
    -------
    float
    """
    yhat, y = _pair(yhat, y, "l1_loss")
    return float(np.sum(np.abs(y - yhat)))


def l2_loss(yhat, y):
    r"""L2 loss: $\sum_i (y^{(i)} - \hat y^{(i)})^2$, computed as a dot product.

    Parameters
    ----------
    yhat : ndarray, shape (m,)
    y : ndarray, shape (m,)

    Returns
    -------
    float
    """
    yhat, y = _pair(yhat, y, "l2_loss")
    d = (y - yhat).ravel()
    return float(np.dot(d, d))


# --8<-- [start:compute_cost]
def compute_cost(AL, Y):
    r"""Cross-entropy cost of binary predictions.

    $$J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)}) \right)$$

    Parameters
    ----------
    AL : ndarray, shape (1, m)
        Predicted probabilities $a^{(i)} = P(y^{(i)} = 1 \mid x^{(i)})$.
    Y : ndarray, shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    cost : float
    """
    AL, Y = _predictions_and_labels(AL, Y, "compute_cost")
    m = Y.shape[1]
    A = np.clip(AL, EPS, 1 - EPS)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def compute_cost_backward(AL, Y):
    r"""The gradient that starts backpropagation: the derivative of the *loss* with respect to `AL`.

    $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)$$

    This follows the course's convention: `dA` and `dZ` arrays hold the derivative of each
    example's loss $\mathcal{L}(a^{(i)}, y^{(i)})$, i.e. of $m J$, and the $\frac{1}{m}$ of the
    cost appears later, in $dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}$ and $db^{[l]}$. So
    `dW` and `db` are exact derivatives of $J$, which is what gradient checking compares.

    Parameters
    ----------
    AL : ndarray, shape (1, m)
    Y : ndarray, shape (1, m)

    Returns
    -------
    dAL : ndarray, shape (1, m)
    """
    AL, Y = _predictions_and_labels(AL, Y, "compute_cost_backward")
    A = np.clip(AL, EPS, 1 - EPS)
    return -(Y / A - (1 - Y) / (1 - A))
# --8<-- [end:compute_cost]


def _pair(yhat, y, where):
    yhat = as_array(yhat, "yhat", where)
    y = as_array(y, "y", where)
    check_same_shape(yhat, y, ("yhat", "y"), where)
    return yhat, y


def _predictions_and_labels(AL, Y, where):
    AL = as_array(AL, "AL", where)
    Y = as_array(Y, "Y", where)
    check_ndim(AL, 2, "AL", where, "(1, m)")
    check_same_shape(AL, Y, ("AL", "Y"), where)
    check_binary(Y, "Y", where)
    return AL, Y
