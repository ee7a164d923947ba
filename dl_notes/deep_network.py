r"""An L-layer network built from forward and backward blocks (Course 1, W4A1 and W4A2).

Taught in: Course 1, [week 4](../../course1/week4.md), the
[step-by-step lab](../../course1/labs/w4a1-deep-network-step-by-step.ipynb) and the
[application lab](../../course1/labs/w4a2-deep-network-application.ipynb).

Layer $l$ computes, for all $m$ examples at once,

$$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]})$$

and its backward block turns $dA^{[l]}$ into

$$dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]}), \quad
dW^{[l]} = \tfrac{1}{m}\, dZ^{[l]} A^{[l-1]T}, \quad
db^{[l]} = \tfrac{1}{m} \textstyle\sum_{i} dZ^{[l](i)}, \quad
dA^{[l-1]} = W^{[l]T} dZ^{[l]}.$$

| array | shape |
|---|---|
| $W^{[l]}$, $dW^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ |
| $b^{[l]}$, $db^{[l]}$ | $(n^{[l]}, 1)$ |
| $Z^{[l]}$, $A^{[l]}$, $dZ^{[l]}$, $dA^{[l]}$ | $(n^{[l]}, m)$ |

Each forward function returns `(output, cache)`; the matching backward function takes
the upstream gradient and that cache. As in the course, `dA` and `dZ` are derivatives of
the summed loss and the $\frac{1}{m}$ appears in `dW` and `db` (see
[`compute_cost_backward`][dl_notes.losses.compute_cost_backward]).

Each public function checks its inputs once (the `_check_*` helpers at the end of the
module) and then runs its kernel: the same name with a leading underscore, which computes
the lecture's formulas and checks nothing (`linear_forward` runs `_linear_forward`). The
blocks call each other's kernels, so a training loop does not repeat the checks at every step.
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
    check_same_shape_of,
    check_shape,
    check_shape_of,
)
from dl_notes.activations import (
    _activation_backward,
    _activation_forward,
    _backward_inputs,
    _check_activation,
)
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import (
    _compute_cost,
    _compute_cost_backward,
    _predictions_and_labels,
    _probabilities_and_labels,
)
from dl_notes.optimizers import _update_parameters

__all__ = [
    "linear_forward",
    "linear_activation_forward",
    "l_model_forward",
    "linear_backward",
    "linear_activation_backward",
    "l_model_backward",
    "l_layer_model",
    "two_layer_model",
    "predict",
    "predict_classes",
    "accuracy",
]

# The output activations whose backward pass starts from dZ[L] = AL - Y: the sigmoid with the
# binary cross-entropy, the softmax with the categorical cross-entropy.
_DZ_IS_AL_MINUS_Y = ("sigmoid", "softmax")


# --8<-- [start:forward]
def linear_forward(A_prev, W, b):
    r"""Linear part of a layer: $Z = W A_{prev} + b$.

    Parameters
    ----------
    A_prev : ndarray, shape (n[l-1], m)
        Activations of the previous layer (or the input `X`).
    W : ndarray, shape (n[l], n[l-1])
    b : ndarray, shape (n[l], 1)

    Returns
    -------
    Z : ndarray, shape (n[l], m)
    cache : tuple
        `(A_prev, W, b)`, for [`linear_backward`][dl_notes.deep_network.linear_backward].

    Raises
    ------
    ValueError
        If `W.shape[1] != A_prev.shape[0]` or `b` is not `(W.shape[0], 1)`.
    """
    A_prev, W, b = _check_linear(A_prev, W, b)
    return _linear_forward(A_prev, W, b)


def _linear_forward(A_prev, W, b):
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    r"""One layer: $A = g(W A_{prev} + b)$.

    Parameters
    ----------
    A_prev : ndarray, shape (n[l-1], m)
    W : ndarray, shape (n[l], n[l-1])
    b : ndarray, shape (n[l], 1)
    activation : str
        `"relu"`, `"sigmoid"`, `"tanh"`, `"leaky_relu"`, `"softmax"` or `"linear"`.

    Returns
    -------
    A : ndarray, shape (n[l], m)
    cache : tuple
        `(linear_cache, activation_cache)`: `(A_prev, W, b)` and `Z`.
    """
    A_prev, W, b = _check_linear(A_prev, W, b)
    _check_activation(activation, "activation_forward")
    return _linear_activation_forward(A_prev, W, b, activation)


def _linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = _linear_forward(A_prev, W, b)
    A, activation_cache = _activation_forward(Z, activation)
    return A, (linear_cache, activation_cache)


def l_model_forward(X, parameters, hidden_activation="relu", output_activation="sigmoid"):
    r"""Forward pass of an L-layer network: `[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        `W1`, `b1`, ..., `WL`, `bL`, as made by
        [`initialize_parameters_deep`][dl_notes.initialization.initialize_parameters_deep].
    hidden_activation : str, default "relu"
    output_activation : str, default "sigmoid"

    Returns
    -------
    AL : ndarray, shape (n[L], m)
        The output layer's activations (the predictions).
    caches : list of tuple
        One cache per layer, `caches[l-1]` for layer `l`.
    """
    X, parameters = _check_network(
        X, parameters, hidden_activation, output_activation, "l_model_forward"
    )
    return _l_model_forward(X, parameters, hidden_activation, output_activation)


def _l_model_forward(X, parameters, hidden_activation, output_activation):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        activation = _layer_activation(l, L, hidden_activation, output_activation)
        A, cache = _linear_activation_forward(
            A, parameters[f"W{l}"], parameters[f"b{l}"], activation
        )
        caches.append(cache)
    return A, caches


def _layer_activation(l, L, hidden_activation, output_activation):
    """The activation of layer `l` of `L`: the output layer has its own."""
    return hidden_activation if l < L else output_activation


# --8<-- [end:forward]


# --8<-- [start:backward]
def linear_backward(dZ, cache):
    r"""Backward step through $Z = W A_{prev} + b$.

    $$dW = \frac{1}{m} dZ\, A_{prev}^T, \qquad db = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)}, \qquad
    dA_{prev} = W^T dZ$$

    Parameters
    ----------
    dZ : ndarray, shape (n[l], m)
    cache : tuple
        `(A_prev, W, b)` from [`linear_forward`][dl_notes.deep_network.linear_forward].

    Returns
    -------
    dA_prev : ndarray, shape (n[l-1], m)
    dW : ndarray, shape (n[l], n[l-1])
    db : ndarray, shape (n[l], 1)
    """
    dZ = _check_linear_backward(dZ, cache)
    return _linear_backward(dZ, cache)


def _linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    r"""Backward step through one layer: first $dZ = dA * g'(Z)$, then the linear step.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
    cache : tuple
        `(linear_cache, activation_cache)` from
        [`linear_activation_forward`][dl_notes.deep_network.linear_activation_forward].
    activation : str
        The same name as in the forward pass.

    Returns
    -------
    dA_prev : ndarray, shape (n[l-1], m)
    dW : ndarray, shape (n[l], n[l-1])
    db : ndarray, shape (n[l], 1)
    """
    dA, cache = _check_linear_activation_backward(dA, cache, activation)
    return _linear_activation_backward(dA, cache, activation)


def _linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    dZ = _activation_backward(dA, activation_cache, activation)
    return _linear_backward(dZ, linear_cache)


def l_model_backward(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid"):
    r"""Backward pass of an L-layer network with the cross-entropy cost.

    Starts from $dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1-Y}{1-A^{[L]}}\right)$ and walks the
    caches in reverse. With `output_activation="softmax"` the cost is the categorical
    cross-entropy of [`softmax_cross_entropy_cost`][dl_notes.losses.softmax_cross_entropy_cost],
    `Y` is one-hot with shape (C, m), and the first step is its gradient with respect to the
    logits, $dZ^{[L]} = A^{[L]} - Y$
    ([`softmax_cross_entropy_backward`][dl_notes.losses.softmax_cross_entropy_backward]). For a
    sigmoid output the first step, $dZ^{[L]} = dA^{[L]} * \sigma'(Z^{[L]})$, is computed in its
    simplified form $dZ^{[L]} = A^{[L]} - Y$: the same number, except that it survives a saturated
    sigmoid. When $|Z^{[L]}|$ is large (say after an initialization with large weights), $A^{[L]}$
    rounds to exactly 0 or 1 and $\sigma'(Z^{[L]})$ to 0, so the product would be 0 and a
    confidently wrong network could never learn.

    Parameters
    ----------
    AL : ndarray, shape (1, m), or (C, m) for a softmax output
        Output of [`l_model_forward`][dl_notes.deep_network.l_model_forward].
    Y : ndarray, shape (1, m), or (C, m) one-hot for a softmax output
        Labels, 0 or 1.
    caches : list of tuple
        As returned by `l_model_forward`.
    hidden_activation, output_activation : str
        The same names as in the forward pass.

    Returns
    -------
    grads : dict
        `dA{l-1}`, `dW{l}`, `db{l}` for l = 1..L (`dA0` is the gradient with respect to `X`).
    """
    AL, Y = _check_l_model_backward(AL, Y, caches, hidden_activation, output_activation)
    return _l_model_backward(AL, Y, caches, hidden_activation, output_activation)


def _l_model_backward(AL, Y, caches, hidden_activation, output_activation):
    grads = {}
    L = len(caches)
    linear_cache, activation_cache = caches[L - 1]  # the output layer
    dZ = _output_dZ(AL, Y, activation_cache, output_activation)
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _linear_backward(dZ, linear_cache)
    grads[f"dA{L - 1}"] = dA
    for l in reversed(range(1, L)):  # the hidden layers
        linear_cache, activation_cache = caches[l - 1]
        dZ = _activation_backward(dA, activation_cache, hidden_activation)
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _linear_backward(dZ, linear_cache)
        grads[f"dA{l - 1}"] = dA
    return grads


def _output_dZ(AL, Y, ZL, output_activation):
    """dZ[L] of the cross-entropy cost; `ZL` is the output layer's activation cache."""
    if output_activation in _DZ_IS_AL_MINUS_Y:
        # departs from the lecture: dZ[L] = AL - Y directly, not dA[L] * g'(Z[L]); the same number,
        # except that it survives a saturated sigmoid (where sigma'(Z[L]) rounds to 0)
        return np.subtract(AL, Y, dtype=np.float64)
    return _activation_backward(_compute_cost_backward(AL, Y), ZL, output_activation)


# --8<-- [end:backward]


# --8<-- [start:l_layer_model]
def l_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    init="xavier",
    seed=1,
    scale=0.01,
):
    r"""Train an L-layer network `[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID` by gradient
    descent.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    layers_dims : sequence of int
        `[n_x, n[1], ..., n[L]]`, e.g. `[n_x, 20, 7, 5, 1]`.
    learning_rate : float, default 0.0075
    num_iterations : int, default 3000
    print_cost : bool, default False
        Print the cost every 100 iterations.
    init : str, default "xavier"
        Initialization method (the course's W4A2 scales by $1/\sqrt{n^{[l-1]}}$, which is
        `"xavier"`). The course's `two_layer_model` uses small random weights (`"random"`, scale
        0.01); dl_notes initializes both models alike, so that comparing them compares depth only.
    seed : int, default 1
    scale : float, default 0.01
        Standard deviation of the weights when `init="random"` (Course 2's initialization lab
        uses 10 for its "large random" weights); ignored by the other methods.

    Returns
    -------
    parameters : dict
    costs : list of float
        The cost every 100 iterations.
    """
    check_positive(num_iterations, "num_iterations", "l_layer_model", integer=True)
    parameters = initialize_parameters_deep(layers_dims, method=init, scale=scale, seed=seed)
    X, Y = _check_xy(X, Y, parameters, "l_model_forward")
    check_positive(learning_rate, "learning_rate", "update_parameters")
    costs = []
    for i in range(int(num_iterations)):  # checked above: the loop calls the unchecked blocks
        AL, caches = _l_model_forward(X, parameters, "relu", "sigmoid")
        if i % 100 == 0:
            costs.append(_compute_cost(AL, Y))
            if print_cost:
                print(f"Cost after iteration {i}: {costs[-1]:f}")
        grads = _l_model_backward(AL, Y, caches, "relu", "sigmoid")
        parameters = _update_parameters(parameters, grads, learning_rate)
    return parameters, costs


# --8<-- [end:l_layer_model]


def two_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    init="xavier",
    seed=1,
):
    r"""Train `LINEAR -> RELU -> LINEAR -> SIGMOID`: the L-layer model with $L = 2$.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    layers_dims : tuple of int
        `(n_x, n_h, n_y)`.
    learning_rate, num_iterations, print_cost, init, seed
        As in [`l_layer_model`][dl_notes.deep_network.l_layer_model].

    Returns
    -------
    parameters : dict
        `W1`, `b1`, `W2`, `b2`.
    costs : list of float
    """
    if len(layers_dims) != 3:
        raise ValueError(
            f"two_layer_model: layers_dims must be (n_x, n_h, n_y), but {tuple(layers_dims)} "
            f"has {len(layers_dims)} entries; use l_layer_model for deeper networks."
        )
    return l_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost, init, seed)


def predict(X, parameters, threshold=0.5):
    r"""Predict 0/1 labels with a trained L-layer network: 1 where $A^{[L]} > \text{threshold}$.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
    threshold : float, default 0.5

    Returns
    -------
    p : ndarray, shape (1, m)
        Zeros and ones.
    """
    AL, _ = l_model_forward(X, parameters)
    return (AL > threshold).astype(np.float64)


def predict_classes(X, parameters, hidden_activation="relu"):
    r"""Predict class labels with a trained softmax network:
    $\hat y^{(i)} = \arg\max_k a^{[L](i)}_k$.

    The multi-class counterpart of [`predict`][dl_notes.deep_network.predict], for a network
    trained with `output_activation="softmax"` (for example by
    [`train_with_optimizer`][dl_notes.training.train_with_optimizer]).

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        `W1`, `b1`, ..., `WL`, `bL`; `WL` has one row per class.
    hidden_activation : str, default "relu"

    Returns
    -------
    labels : ndarray of int, shape (1, m)
        The most probable class of each example, in 0..C-1.
    """
    AL, _ = l_model_forward(
        X, parameters, hidden_activation=hidden_activation, output_activation="softmax"
    )
    return np.argmax(AL, axis=0)[None, :]


def accuracy(predictions, Y):
    r"""Fraction of correct predictions, $\frac{1}{m}\sum_i \mathbb{1}[\hat y^{(i)} = y^{(i)}]$.

    Parameters
    ----------
    predictions : ndarray, shape (1, m)
    Y : ndarray, shape (1, m)

    Returns
    -------
    float
        In [0, 1].
    """
    predictions = as_array(predictions, "predictions", "accuracy")
    Y = as_array(Y, "Y", "accuracy")
    check_shape(Y, predictions.shape, "Y", "accuracy", "it must match predictions")
    return float(np.mean(predictions == Y))


# --- input checks: each public function above calls one of these, once -----------------


def _check_linear(A_prev, W, b):
    """The checks of `linear_forward`; also those of every block that starts with it."""
    A_prev = as_array(A_prev, "A_prev", "linear_forward")
    W = as_array(W, "W", "linear_forward")
    b = as_array(b, "b", "linear_forward")
    check_ndim(A_prev, 2, "A_prev", "linear_forward", "(n[l-1], m)")
    check_ndim(W, 2, "W", "linear_forward", "(n[l], n[l-1])")
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(
            f"linear_forward: W has shape {W.shape} but A_prev has {A_prev.shape[0]} rows; "
            f"W needs A_prev.shape[0] == W.shape[1] (A_prev has shape {A_prev.shape})."
        )
    check_shape(b, (W.shape[0], 1), "b", "linear_forward", f"W has {W.shape[0]} rows")
    return A_prev, W, b


def _check_network(X, parameters, hidden_activation, output_activation, where):
    """The checks of `l_model_forward`: the parameters, `X`, and the activations the layers use."""
    L = len(parameters) // 2 if isinstance(parameters, dict) else 0
    parameters = check_parameters(parameters, L, where)
    X = check_inputs_fit(X, parameters, where)
    if L > 1:
        _check_activation(hidden_activation, "activation_forward")
    _check_activation(output_activation, "activation_forward")
    return X, parameters


def _check_xy(X, Y, parameters, where):
    """The checks a training loop's first forward pass and cost would make: `X` fits `W1`, `Y` is
    0/1.

    `where` names the forward pass; `Y` is checked as `compute_cost` checks it.
    """
    X = check_inputs_fit(X, parameters, where)
    Y = as_array(Y, "Y", "compute_cost")
    n_L = parameters[f"W{len(parameters) // 2}"].shape[0]
    check_same_shape_of((n_L, X.shape[1]), Y.shape, ("AL", "Y"), "compute_cost")
    check_binary(Y, "Y", "compute_cost")
    return X, Y


def _check_linear_backward(dZ, cache):
    dZ = as_array(dZ, "dZ", "linear_backward")
    _check_linear_step(dZ.shape, cache)
    return dZ


def _check_linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    _check_activation(activation, "activation_backward")
    dA, Z = _backward_inputs(dA, Z, f"{activation}_backward")
    _check_linear_step(Z.shape, linear_cache)
    return dA, (linear_cache, Z)


def _check_l_model_backward(
    AL, Y, caches, hidden_activation, output_activation, where="l_model_backward", dropout=False
):
    """The checks of `l_model_backward`: `AL` and `Y`, then the caches, walked as the backward pass
    walks them.

    Only shapes are compared, so the walk costs little; with `dropout`, a hidden layer's cache
    may carry a dropout mask as a third item.
    """
    L = len(caches)
    AL, Y = _check_output(AL, Y, output_activation)
    if L == 0:
        raise ValueError(
            f"{where}: caches is empty; pass the list of caches the forward pass returned."
        )
    shape = AL.shape  # of dA[L], and of dZ[L] = AL - Y
    for l in reversed(range(1, L + 1)):
        cache = caches[l - 1]
        if dropout and len(cache) == 3 and l < L:
            check_same_shape_of(
                shape, cache[2][0].shape, ("dA", "the cached mask D"), "dropout_backward"
            )
            cache = cache[:2]
        linear_cache, Z = cache
        activation = _layer_activation(l, L, hidden_activation, output_activation)
        if l < L or activation not in _DZ_IS_AL_MINUS_Y:
            shape = _check_activation_step(shape, Z, activation)
        shape = _check_linear_step(shape, linear_cache)
    return AL, Y


def _check_output(AL, Y, output_activation):
    """The checks of the cost's gradient: one-hot columns for a softmax output, 0/1 labels
    otherwise."""
    if output_activation == "softmax":
        return _probabilities_and_labels(AL, Y, "softmax_cross_entropy_backward")
    return _predictions_and_labels(AL, Y, "compute_cost_backward")


def _check_activation_step(shape, Z, activation):
    """Check `dA` of `shape` against the cached `Z`, as `activation_backward` does; return `dZ`'s
    shape."""
    _check_activation(activation, "activation_backward")
    where = f"{activation}_backward"
    Z = as_array(Z, "cache (Z)", where)
    check_same_shape_of(shape, Z.shape, ("dA", "the cached Z"), where)
    return Z.shape


def _check_linear_step(shape, cache):
    """Check `dZ` of `shape` against the linear cache, as `linear_backward` does; return `dA_prev`'s
    shape."""
    A_prev, W, b = cache
    check_shape_of(
        shape,
        (W.shape[0], A_prev.shape[1]),
        "dZ",
        "linear_backward",
        "it must match Z = W @ A_prev + b from the cache",
    )
    return (W.shape[1], shape[1])
