r"""A network with one hidden layer, written out formula by formula (Course 1, W3A1).

Taught in: Course 1, [week 3](../../course1/week3.md) and the
[planar-data lab](../../course1/labs/w3a1-planar-classification.ipynb).

A tanh hidden layer of $n_h$ units and a sigmoid output unit:

$$Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = \tanh(Z^{[1]}), \quad
Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad A^{[2]} = \sigma(Z^{[2]})$$

and the six backpropagation equations

$$dZ^{[2]} = A^{[2]} - Y, \quad dW^{[2]} = \tfrac{1}{m} dZ^{[2]} A^{[1]T}, \quad db^{[2]} =
\tfrac{1}{m}\textstyle\sum dZ^{[2]},$$

$$dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 - A^{[1]2}), \quad dW^{[1]} = \tfrac{1}{m} dZ^{[1]} X^{T}, \quad
db^{[1]} = \tfrac{1}{m}\textstyle\sum dZ^{[1]}.$$

The course writes this network out in full before generalising it; so does this module.
[`dl_notes.deep_network`][dl_notes.deep_network] builds the same thing from reusable blocks.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    check_binary,
    check_inputs_fit,
    check_ndim,
    check_parameters,
    check_positive,
    check_shape,
)
from dl_notes.activations import _sigmoid
from dl_notes.initialization import initialize_parameters
from dl_notes.losses import _compute_cost
from dl_notes.optimizers import _update_parameters

__all__ = ["layer_sizes", "forward_propagation", "backward_propagation", "nn_model", "predict"]


def layer_sizes(X, Y, n_h=4):
    r"""The three layer sizes of the network, read off the data.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)
    n_h : int, default 4
        Hidden units (the course fixes 4 here).

    Returns
    -------
    n_x, n_h, n_y : int
    """
    X, Y = _check_examples(X, Y)
    return X.shape[0], n_h, Y.shape[0]


# --8<-- [start:forward_propagation]
def forward_propagation(X, parameters):
    r"""Forward pass: tanh hidden layer, sigmoid output.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        `W1` (n_h, n_x), `b1` (n_h, 1), `W2` (n_y, n_h), `b2` (n_y, 1).

    Returns
    -------
    A2 : ndarray, shape (n_y, m)
        Output probabilities.
    cache : dict
        `Z1`, `A1`, `Z2`, `A2`, for
        [`backward_propagation`][dl_notes.shallow_network.backward_propagation].
    """
    X, parameters = _check_X(X, parameters, "forward_propagation")
    return _forward_propagation(X, parameters)


def _forward_propagation(X, parameters):
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = _sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# --8<-- [end:forward_propagation]


# --8<-- [start:backward_propagation]
def backward_propagation(parameters, cache, X, Y):
    r"""Backward pass: the gradients of the cross-entropy cost (the six equations above).

    Parameters
    ----------
    parameters : dict
        `W1`, `b1`, `W2`, `b2`.
    cache : dict
        `A1` (n_h, m) and `A2` (n_y, m) from the forward pass.
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)

    Returns
    -------
    grads : dict
        `dW1` (n_h, n_x), `db1` (n_h, 1), `dW2` (n_y, n_h), `db2` (n_y, 1).
    """
    X, parameters = _check_X(X, parameters, "backward_propagation")
    Y = as_array(Y, "Y", "backward_propagation")
    check_shape(
        Y, cache["A2"].shape, "Y", "backward_propagation", "it must match A2 from the forward pass"
    )
    return _backward_propagation(parameters, cache, X, Y)


def _backward_propagation(parameters, cache, X, Y):
    A1, A2 = cache["A1"], cache["A2"]
    m = X.shape[1]
    W2 = parameters["W2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# --8<-- [end:backward_propagation]


# --8<-- [start:nn_model]
def nn_model(X, Y, n_h, num_iterations=10000, learning_rate=1.2, print_cost=False, seed=3):
    r"""Train the one-hidden-layer network by batch gradient descent.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)
    n_h : int
        Hidden units.
    num_iterations : int, default 10000
    learning_rate : float, default 1.2
    print_cost : bool, default False
        Print the cost every 1000 iterations.
    seed : int, default 3

    Returns
    -------
    parameters : dict
        The learned `W1`, `b1`, `W2`, `b2`.
    costs : list of float
        The cost every 1000 iterations.
    """
    check_positive(n_h, "n_h", "nn_model", integer=True)
    check_positive(num_iterations, "num_iterations", "nn_model", integer=True)
    X, Y = _check_examples(X, Y)
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=seed)
    check_positive(learning_rate, "learning_rate", "update_parameters")
    check_binary(Y, "Y", "compute_cost")
    costs = []
    for i in range(int(num_iterations)):  # checked above: the loop calls the unchecked steps
        A2, cache = _forward_propagation(X, parameters)
        grads = _backward_propagation(parameters, cache, X, Y)
        parameters = _update_parameters(parameters, grads, learning_rate)
        if i % 1000 == 0:
            costs.append(_compute_cost(A2, Y))
            if print_cost:
                print(f"Cost after iteration {i}: {costs[-1]:f}")
    return parameters, costs


# --8<-- [end:nn_model]


def predict(parameters, X):
    r"""Predict 0/1 labels: 1 where $A^{[2]} > 0.5$.

    Parameters
    ----------
    parameters : dict
    X : ndarray, shape (n_x, m)

    Returns
    -------
    predictions : ndarray, shape (n_y, m)
    """
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(np.float64)


def _check_X(X, parameters, where):
    parameters = check_parameters(parameters, 2, where)
    return check_inputs_fit(X, parameters, where), parameters


def _check_examples(X, Y, where="layer_sizes"):
    """The checks of `layer_sizes`: `X` is (n_x, m) and `Y` is (n_y, m)."""
    X = as_array(X, "X", where)
    Y = as_array(Y, "Y", where)
    check_ndim(X, 2, "X", where, "(n_x, m)")
    check_ndim(Y, 2, "Y", where, "(n_y, m)")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{where}: X and Y must have the same number of examples (columns), but X has "
            f"shape {X.shape} and Y has shape {Y.shape}."
        )
    return X, Y
