r"""Losses and costs: binary and softmax cross-entropy, and the W2A1 L1/L2 losses.

Taught in: Course 1, [week 2](../../course1/week2.md) (the logistic loss and the cost)
and [week 4](../../course1/week4.md) (the cost of an L-layer network and its
gradient $dA^{[L]}$); Course 2, [week 3](../../course2/week3.md#softmax-regression)
(softmax regression and its cross-entropy cost); Course 3,
[week 2](../../course3/week2.md#multi-task-learning) (the multi-task cost with missing labels).

The cross-entropy cost of $m$ examples with predictions $A^{[L]}$ and labels $Y$ is

$$J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} + (1 - y^{(i)}) \log(1 -
a^{[L](i)}) \right).$$

With $C$ classes, $Y$ holds one one-hot column per example and $A^{[L]}$ the softmax
probabilities, and the cost becomes
$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{C} y^{(i)}_k \log a^{[L](i)}_k$.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    check_binary,
    check_ndim,
    check_positive,
    check_same_shape,
)

__all__ = [
    "l1_loss",
    "l2_loss",
    "compute_cost",
    "compute_cost_backward",
    "one_hot",
    "softmax_cross_entropy_cost",
    "softmax_cross_entropy_backward",
    "multi_task_cost",
    "multi_task_cost_backward",
]

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

    $$J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})
    \right)$$

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
    return _compute_cost(AL, Y)


def _compute_cost(AL, Y):
    m = Y.shape[1]
    A = np.clip(
        AL, EPS, 1 - EPS
    )  # departs from the lecture: clipped, so that log(0) cannot give inf
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
    return _compute_cost_backward(AL, Y)


def _compute_cost_backward(AL, Y):
    A = np.clip(AL, EPS, 1 - EPS)  # as in the cost: no division by 0
    return -(Y / A - (1 - Y) / (1 - A))


# --8<-- [end:compute_cost]


def one_hot(labels, C):
    r"""One-hot columns for integer class labels: column $i$ is $e_{y^{(i)}}$.

    Parameters
    ----------
    labels : ndarray of int, shape (m,) or (1, m)
        Class labels in $0, \dots, C-1$.
    C : int
        Number of classes.

    Returns
    -------
    Y : ndarray, shape (C, m)
        `Y[k, i] = 1` where `labels[i] == k`, else 0.

    Examples
    --------
    >>> import numpy as np
    >>> one_hot(np.array([1, 2, 3, 0, 2, 1]), C=4).astype(int)
    array([[0, 0, 0, 1, 0, 0],
           [1, 0, 0, 0, 0, 1],
           [0, 1, 0, 0, 1, 0],
           [0, 0, 1, 0, 0, 0]])
    """
    where = "one_hot"
    check_positive(C, "C", where, integer=True)
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu" and not (
        labels.dtype.kind == "f" and np.all(labels == np.round(labels))
    ):
        raise TypeError(
            f"{where}: labels must be whole numbers (class "
            f"indices), but they have dtype {labels.dtype}."
        )
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    if labels.ndim != 1:
        raise ValueError(
            f"{where}: labels must have shape (m,) or (1, m), but they have shape {labels.shape}."
        )
    labels = labels.astype(np.int64)
    bad = (labels < 0) | (labels >= C)
    if bad.any():
        raise ValueError(
            f"{where}: labels must lie in 0..{int(C) - 1} for C={int(C)}, but they contain "
            f"{np.unique(labels[bad])[:5].tolist()}."
        )
    return (np.arange(int(C)).reshape(-1, 1) == labels).astype(np.float64)


# --8<-- [start:softmax_cross_entropy]
def softmax_cross_entropy_cost(AL, Y):
    r"""Cross-entropy cost of softmax predictions over $C$ classes.

    $$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{C} y^{(i)}_k \log a^{(i)}_k$$

    With one-hot labels only the log-probability of the true class counts.

    Parameters
    ----------
    AL : ndarray, shape (C, m)
        Softmax probabilities, one column per example (e.g. `softmax(ZL)` of
        [`dl_notes.activations`][dl_notes.activations.softmax]).
    Y : ndarray, shape (C, m)
        One-hot labels (see [`one_hot`][dl_notes.losses.one_hot]); any columns that are
        probability distributions work.

    Returns
    -------
    cost : float

    Notes
    -----
    TensorFlow's `tf.nn.softmax_cross_entropy_with_logits(labels, logits)` takes the
    *logits* $Z^{[L]}$ rather than $A^{[L]}$, puts the classes on the last axis (shape
    (m, C): transpose, or pass `axis=0`), and returns one loss per example: its
    `reduce_mean` is this cost.
    """
    AL, Y = _probabilities_and_labels(AL, Y, "softmax_cross_entropy_cost")
    return _softmax_cross_entropy_cost(AL, Y)


def _softmax_cross_entropy_cost(AL, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(np.clip(AL, EPS, 1))) / m)


def softmax_cross_entropy_backward(AL, Y):
    r"""Gradient of the softmax cross-entropy with respect to the logits: $dZ^{[L]} = A^{[L]} - Y$.

    The softmax's Jacobian and the derivative of the log combine into this one line.
    As in [`compute_cost_backward`][dl_notes.losses.compute_cost_backward], `dZ` is the
    derivative of the summed loss $mJ$ (no $\frac{1}{m}$); the $\frac{1}{m}$ appears in
    $dW^{[L]} = \frac{1}{m} dZ^{[L]} A^{[L-1]T}$ and $db^{[L]}$, so
    [`linear_backward`][dl_notes.deep_network.linear_backward] can take it as it is.

    Parameters
    ----------
    AL : ndarray, shape (C, m)
        Softmax probabilities $A^{[L]} = \mathrm{softmax}(Z^{[L]})$.
    Y : ndarray, shape (C, m)
        One-hot labels.

    Returns
    -------
    dZL : ndarray, shape (C, m)
        $\partial (mJ) / \partial Z^{[L]}$.

    Notes
    -----
    The gradient TensorFlow computes for `reduce_mean(softmax_cross_entropy_with_logits(...))`
    is $(A - Y)/m$ (transposed to (m, C)): this array divided by $m$.
    """
    AL, Y = _probabilities_and_labels(AL, Y, "softmax_cross_entropy_backward")
    return AL - Y


# --8<-- [end:softmax_cross_entropy]


# --8<-- [start:multi_task]
def multi_task_cost(AL, Y):
    r"""Cost of $n_y$ independent sigmoid outputs with some labels missing (multi-task learning).

    Each example has $n_y$ binary labels, one per task (pedestrian? car? stop sign?...),
    and the network one sigmoid output per task. A label may be unknown, written `nan`
    (the course's "?"). The cost sums the logistic loss over the examples and over the
    tasks, **skipping the missing labels**:

    $$J = \frac{1}{m} \sum_{i=1}^{m} \sum_{\substack{j = 1 \\ y^{(i)}_j \neq \,?}}^{n_y}
    \mathcal{L}\big(a^{(i)}_j, y^{(i)}_j\big), \qquad
    \mathcal{L}(a, y) = -y \log a - (1 - y) \log(1 - a).$$

    The sum is divided by $m$, the number of examples, not by the number of labels, as in
    the course. With no label missing and $n_y = 1$ this is
    [`compute_cost`][dl_notes.losses.compute_cost].

    Parameters
    ----------
    AL : ndarray, shape (n_y, m)
        Sigmoid outputs, one row per task.
    Y : ndarray, shape (n_y, m)
        Labels 0 or 1, or `nan` where a label is missing.

    Returns
    -------
    cost : float

    Examples
    --------
    >>> nan = np.nan
    >>> AL, Y = np.array([[0.9, 0.2], [0.5, 0.7]]), np.array([[1, nan], [nan, 1]])
    >>> round(multi_task_cost(AL, Y), 4)
    0.231
    """
    AL, Y, labelled = _multi_task_inputs(AL, Y, "multi_task_cost")
    A = np.clip(AL, EPS, 1 - EPS)
    y = np.where(labelled, Y, 0.0)
    losses = -(y * np.log(A) + (1 - y) * np.log(1 - A))
    return float(np.sum(losses, where=labelled) / Y.shape[1])


def multi_task_cost_backward(AL, Y):
    r"""Gradient of the multi-task cost with respect to the logits: $A - Y$ where a label exists, 0
    elsewhere.

    For each sigmoid output, the loss and the sigmoid combine into $dZ = A - Y$, as for one
    output (see [`l_model_backward`][dl_notes.deep_network.l_model_backward]). A missing
    label contributes nothing to the cost, so it contributes nothing to the gradient:

    $$dZ^{[L]}_{j}{}^{(i)} = \begin{cases} a^{(i)}_j - y^{(i)}_j & \text{if } y^{(i)}_j
    \text{ is known,} \\ 0 & \text{if it is missing.} \end{cases}$$

    As everywhere in dl_notes, this is the derivative of the summed loss $mJ$; the
    $\frac{1}{m}$ comes in [`linear_backward`][dl_notes.deep_network.linear_backward].

    Parameters
    ----------
    AL : ndarray, shape (n_y, m)
        Sigmoid outputs $A^{[L]} = \sigma(Z^{[L]})$.
    Y : ndarray, shape (n_y, m)
        Labels 0 or 1, or `nan` where missing.

    Returns
    -------
    dZL : ndarray, shape (n_y, m)
        $\partial (mJ) / \partial Z^{[L]}$; exactly 0 at every missing label.
    """
    AL, Y, labelled = _multi_task_inputs(AL, Y, "multi_task_cost_backward")
    return np.where(labelled, AL - np.where(labelled, Y, 0.0), 0.0)


# --8<-- [end:multi_task]


def _multi_task_inputs(AL, Y, where):
    AL = as_array(AL, "AL", where)
    Y = as_array(Y, "Y", where)
    check_ndim(AL, 2, "AL", where, "(n_y, m)")
    check_same_shape(AL, Y, ("AL", "Y"), where)
    labelled = ~np.isnan(Y)
    bad = labelled & (Y != 0) & (Y != 1)
    if bad.any():
        raise ValueError(
            f"{where}: Y must hold labels 0 or 1, or nan for a missing label, but it contains "
            f"{np.unique(Y[bad])[:5].tolist()}."
        )
    if np.isnan(AL).any():
        raise ValueError(
            f"{where}: AL contains nan; missing labels belong in Y, not in the predictions."
        )
    return AL, Y, labelled


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


def _probabilities_and_labels(AL, Y, where):
    AL = as_array(AL, "AL", where)
    Y = as_array(Y, "Y", where)
    check_ndim(AL, 2, "AL", where, "(C, m)")
    if Y.shape != AL.shape:
        hint = (
            " (labels as integers? one_hot(labels, C) makes the (C, m) one-hot array)"
            if Y.ndim == 1 or Y.shape[0] == 1
            else ""
        )
        raise ValueError(
            f"{where}: AL and Y must have the same shape (C, m), but AL has shape {AL.shape} "
            f"and Y has shape {Y.shape}{hint}."
        )
    sums = Y.sum(axis=0)
    bad = np.flatnonzero((np.abs(sums - 1) > 1e-6) | (Y < 0).any(axis=0))
    if bad.size:
        raise ValueError(
            f"{where}: each column of Y must be one-hot (or a probability distribution), but "
            f"column {bad[0]} is {Y[:, bad[0]].tolist()}."
        )
    return AL, Y
