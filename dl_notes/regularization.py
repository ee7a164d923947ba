r"""L2 regularization and inverted dropout, for the L-layer network of dl_notes.deep_network.

Taught in: Course 2, [week 1](../../course2/week1.md#l2-regularization) (L2 regularization
and dropout) and the [regularization lab](../../course2/labs/w1a2-regularization.ipynb) (W1A2).

**L2 regularization** adds the squared Frobenius norms of the weights to the cost,

$$J_{\text{reg}} = J + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2,
\qquad dW^{[l]}_{\text{reg}} = dW^{[l]} + \frac{\lambda}{m} W^{[l]},$$

so every step of gradient descent also shrinks the weights ("weight decay").

**Inverted dropout** keeps each hidden unit with probability `keep_prob` during training
and divides the survivors by `keep_prob`, so the expected activation is unchanged and
nothing needs rescaling at test time:

$$D^{[l]}_{ij} \sim \text{Bernoulli}(\text{keep\_prob}), \qquad
A^{[l]} \leftarrow \frac{A^{[l]} * D^{[l]}}{\text{keep\_prob}}, \qquad
dA^{[l]} \leftarrow \frac{dA^{[l]} * D^{[l]}}{\text{keep\_prob}}.$$

Dropout is applied to the hidden layers only, never to the input or the output.

Everything here is built from the blocks of [`dl_notes.deep_network`][dl_notes.deep_network]:
a layer cache is the `(linear_cache, activation_cache)` pair of
[`linear_activation_forward`][dl_notes.deep_network.linear_activation_forward], with the
dropout cache appended as a third item when the layer dropped units. The course's
three-layer functions (`forward_propagation_with_dropout`, ...) are these generic ones
applied to `W1, b1, W2, b2, W3, b3`; they work for any depth.
"""

from __future__ import annotations

import re

import numpy as np

from dl_notes._checks import (
    as_array,
    as_rng,
    check_interval,
    check_positive,
    check_same_shape,
)
from dl_notes.activations import _activation_backward, _sigmoid
from dl_notes.deep_network import (
    _check_l_model_backward,
    _check_network,
    _check_xy,
    _layer_activation,
    _linear_activation_forward,
    _linear_backward,
    _output_dZ,
)
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import _compute_cost, compute_cost
from dl_notes.optimizers import _update_parameters

__all__ = [
    "l2_regularization_cost",
    "l2_regularization_gradients",
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "dropout_forward",
    "dropout_backward",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "l_model_forward_regularized",
    "l_model_backward_regularized",
    "l_layer_model_regularized",
]


# --8<-- [start:l2]
def l2_regularization_cost(parameters, lambd, m):
    r"""The L2 penalty on the weights: $\dfrac{\lambda}{2m} \sum_{l} \lVert W^{[l]} \rVert_F^2$.

    Only the weights `W1, W2, ...` are penalised, not the biases.

    Parameters
    ----------
    parameters : dict
        `W{l}` of shape (n[l], n[l-1]) (and `b{l}`, which are ignored).
    lambd : float
        $\lambda \ge 0$ (`lambda` is a Python keyword).
    m : int
        Number of examples.

    Returns
    -------
    cost : float

    Examples
    --------
    >>> import numpy as np
    >>> parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]])}
    >>> l2_regularization_cost(parameters, lambd=0.1, m=5)
    0.05
    """
    weights = _check_l2(parameters, lambd, m, "l2_regularization_cost")
    return _l2_regularization_cost(weights, lambd, m)


def _l2_regularization_cost(weights, lambd, m):
    return float(lambd / (2 * m) * sum(np.sum(np.square(W)) for W in weights.values()))


def l2_regularization_gradients(parameters, lambd, m):
    r"""The terms that L2 regularization adds to the weight gradients: $\dfrac{\lambda}{m} W^{[l]}$.

    The derivative of [`l2_regularization_cost`][dl_notes.regularization.l2_regularization_cost]
    with respect to each `W{l}`.

    Parameters
    ----------
    parameters : dict
        `W{l}` of shape (n[l], n[l-1]).
    lambd : float
        $\lambda \ge 0$.
    m : int
        Number of examples.

    Returns
    -------
    grads : dict
        `dW{l}` of shape (n[l], n[l-1]), one per weight matrix.
    """
    weights = _check_l2(parameters, lambd, m, "l2_regularization_gradients")
    return {"d" + key: lambd / m * W for key, W in weights.items()}


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    r"""Cross-entropy cost plus the L2 penalty.

    $$J_{\text{reg}} = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{[L](i)} + (1 - y^{(i)})
    \log(1 - a^{[L](i)}) \right)
    + \frac{\lambda}{2m} \sum_{l} \lVert W^{[l]} \rVert_F^2$$

    Parameters
    ----------
    A3 : ndarray, shape (1, m)
        The network's output $A^{[L]}$ (the course's network has $L = 3$).
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    lambd : float
        $\lambda \ge 0$.

    Returns
    -------
    cost : float
    """
    cross_entropy = compute_cost(A3, Y)
    return cross_entropy + l2_regularization_cost(parameters, lambd, np.shape(Y)[1])


# --8<-- [end:l2]


# --8<-- [start:dropout]
def dropout_forward(A, keep_prob, seed=None):
    r"""Inverted dropout: keep each unit with probability `keep_prob`, scale survivors by
    $1/\text{keep\_prob}$.

    $$D_{ij} = \mathbb{1}[u_{ij} < \text{keep\_prob}],\ u_{ij} \sim U[0, 1), \qquad
    A_{\text{drop}} = \frac{A * D}{\text{keep\_prob}}$$

    Parameters
    ----------
    A : ndarray, shape (n[l], m)
        Activations of a hidden layer (any shape works).
    keep_prob : float
        Probability of keeping a unit, in $(0, 1]$; 1 keeps everything.
    seed : int or numpy.random.Generator or None, default None
        Seeds the mask. Pass one Generator through a whole training run so that every
        layer and every iteration draws a new mask; `None` draws fresh entropy.

    Returns
    -------
    A_drop : ndarray, same shape as `A`
    cache : tuple
        `(D, keep_prob)`: the mask of zeros and ones (shape of `A`) and the keep probability,
        for [`dropout_backward`][dl_notes.regularization.dropout_backward].

    Notes
    -----
    TensorFlow's `tf.nn.dropout(x, rate)` and Keras' `Dropout(rate)` are inverted dropout
    too, parameterised by the *drop* probability `rate = 1 - keep_prob`.
    """
    where = "dropout_forward"
    A = as_array(A, "A", where)
    _check_keep_prob(keep_prob, where)
    return _dropout_forward(A, keep_prob, as_rng(seed, where))


def _dropout_forward(A, keep_prob, rng):
    D = (rng.random(A.shape) < keep_prob).astype(np.float64)
    return A * D / keep_prob, (D, keep_prob)


def dropout_backward(dA, cache):
    r"""Backward step of inverted dropout: the same mask and scale,
    $dA = \dfrac{dA_{\text{drop}} * D}{\text{keep\_prob}}$.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
        Gradient with respect to the dropped-out activations $A_{\text{drop}}$.
    cache : tuple
        `(D, keep_prob)` from [`dropout_forward`][dl_notes.regularization.dropout_forward].

    Returns
    -------
    dA : ndarray, shape (n[l], m)
        Gradient with respect to the activations before dropout.
    """
    where = "dropout_backward"
    D, keep_prob = cache
    dA = as_array(dA, "dA", where)
    check_same_shape(dA, D, ("dA", "the cached mask D"), where)
    return _dropout_backward(dA, cache)


def _dropout_backward(dA, cache):
    D, keep_prob = cache
    return dA * D / keep_prob


# --8<-- [end:dropout]


# --8<-- [start:l_model_regularized]
def l_model_forward_regularized(
    X, parameters, keep_prob=1.0, seed=None, hidden_activation="relu", output_activation="sigmoid"
):
    r"""Forward pass of an L-layer network with inverted dropout on every hidden layer.

    `[LINEAR -> RELU -> DROPOUT] * (L-1) -> LINEAR -> SIGMOID`. With `keep_prob=1` this is
    exactly [`l_model_forward`][dl_notes.deep_network.l_model_forward].

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        `W{l}` of shape (n[l], n[l-1]) and `b{l}` of shape (n[l], 1), for l = 1..L.
    keep_prob : float, default 1.0
        In $(0, 1]$.
    seed : int or numpy.random.Generator or None, default None
        Seeds the dropout masks (one Generator is shared by all layers).
    hidden_activation : str, default "relu"
    output_activation : str, default "sigmoid"

    Returns
    -------
    AL : ndarray, shape (n[L], m)
    caches : list of tuple
        `caches[l-1]` is `(linear_cache, activation_cache)` for layer `l`, plus the dropout
        cache `(D, keep_prob)` as a third item for hidden layers when `keep_prob < 1`.
    """
    where = "l_model_forward_regularized"
    X, parameters = _check_network(X, parameters, hidden_activation, output_activation, where)
    _check_keep_prob(keep_prob, where)
    rng = as_rng(seed, where)
    return _l_model_forward_regularized(
        X, parameters, keep_prob, rng, hidden_activation, output_activation
    )


def _l_model_forward_regularized(
    X, parameters, keep_prob, rng, hidden_activation, output_activation
):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        activation = _layer_activation(l, L, hidden_activation, output_activation)
        A, cache = _linear_activation_forward(
            A, parameters[f"W{l}"], parameters[f"b{l}"], activation
        )
        if l < L and keep_prob < 1:
            A, dropout_cache = _dropout_forward(A, keep_prob, rng)
            cache = cache + (dropout_cache,)
        caches.append(cache)
    return A, caches


def l_model_backward_regularized(
    AL, Y, caches, lambd=0.0, hidden_activation="relu", output_activation="sigmoid"
):
    r"""Backward pass of an L-layer network with L2 regularization and/or dropout.

    Walks the caches in reverse like [`l_model_backward`][dl_notes.deep_network.l_model_backward]
    (starting, for a sigmoid output, from $dZ^{[L]} = A^{[L]} - Y$); a layer that dropped units
    first sends $dA^{[l]}$ through [`dropout_backward`][dl_notes.regularization.dropout_backward],
    and every weight gradient gets the L2 term $\frac{\lambda}{m} W^{[l]}$. With `lambd=0` and no
    dropout caches the result equals `l_model_backward`'s.

    Parameters
    ----------
    AL : ndarray, shape (1, m)
        Output of the forward pass.
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    caches : list of tuple
        From [`l_model_forward_regularized`][dl_notes.regularization.l_model_forward_regularized]
        (or from `l_model_forward`, which has no dropout caches).
    lambd : float, default 0.0
        $\lambda \ge 0$.
    hidden_activation, output_activation : str
        The same names as in the forward pass.

    Returns
    -------
    grads : dict
        `dA{l-1}`, `dW{l}`, `db{l}` for l = 1..L; `dW{l}` includes the L2 term.
    """
    _check_lambd(lambd, "l_model_backward_regularized")
    AL, Y = _check_l_model_backward(
        AL,
        Y,
        caches,
        hidden_activation,
        output_activation,
        "l_model_backward_regularized",
        dropout=True,
    )
    return _l_model_backward_regularized(AL, Y, caches, lambd, hidden_activation, output_activation)


def _l_model_backward_regularized(AL, Y, caches, lambd, hidden_activation, output_activation):
    grads = {}
    L = len(caches)
    scale = lambd / AL.shape[1]  # lambda / m
    dZ = _output_dZ(AL, Y, caches[L - 1][1], output_activation)  # the output layer
    dA = _linear_backward_l2(dZ, caches[L - 1][0], scale, L, grads)
    for l in reversed(range(1, L)):  # the hidden layers
        cache = caches[l - 1]
        if len(cache) == 3:  # this layer dropped units
            dA = _dropout_backward(dA, cache[2])
        dZ = _activation_backward(dA, cache[1], hidden_activation)
        dA = _linear_backward_l2(dZ, cache[0], scale, l, grads)
    return grads


def _linear_backward_l2(dZ, linear_cache, scale, l, grads):
    """`linear_backward` of layer `l` with the L2 term `scale * W` in `dW`; puts the gradients in
    `grads`."""
    dA, dW, grads[f"db{l}"] = _linear_backward(dZ, linear_cache)
    grads[f"dW{l}"] = dW + scale * linear_cache[1]  # linear_cache = (A_prev, W, b)
    grads[f"dA{l - 1}"] = dA
    return dA


# --8<-- [end:l_model_regularized]


# --8<-- [start:course_functions]
def backward_propagation_with_regularization(X, Y, cache, lambd):
    r"""Gradients of the L2-regularized cost for the course's network
    (LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID).

    $$dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}$$

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        The input the forward pass was given (checked against the cache).
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    cache : list of tuple
        From [`l_model_forward`][dl_notes.deep_network.l_model_forward] (the course's
        `forward_propagation`) or `l_model_forward_regularized` with `keep_prob=1`.
    lambd : float
        $\lambda \ge 0$.

    Returns
    -------
    gradients : dict
        `dW{l}`, `db{l}` and `dA{l-1}` for l = 1..L.
    """
    AL = _output_from_cache(X, cache, "backward_propagation_with_regularization")
    return l_model_backward_regularized(AL, Y, cache, lambd=lambd)


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, seed=1):
    r"""Forward pass of the course's network with inverted dropout on its hidden layers.

    LINEAR -> RELU -> DROPOUT -> LINEAR -> RELU -> DROPOUT -> LINEAR -> SIGMOID (any depth works).

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        `W1`, `b1`, `W2`, `b2`, `W3`, `b3`.
    keep_prob : float, default 0.5
        In $(0, 1]$.
    seed : int or numpy.random.Generator or None, default 1
        Seeds the masks. The course reseeds with 1 at every call, so its masks are the same
        at every iteration; pass one Generator for a new mask each call.

    Returns
    -------
    A3 : ndarray, shape (1, m)
        The output $A^{[L]}$.
    cache : list of tuple
        The layer caches, with the masks $D^{[l]}$, for
        [`backward_propagation_with_dropout`][dl_notes.regularization.backward_propagation_with_dropout].
    """
    return l_model_forward_regularized(X, parameters, keep_prob=keep_prob, seed=seed)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    r"""Gradients of the course's network through the dropout masks of the forward pass.

    $dA^{[l]} \leftarrow dA^{[l]} * D^{[l]} / \text{keep\_prob}$ for each hidden layer, then the
    usual backward blocks.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        The input the forward pass was given (checked against the cache).
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    cache : list of tuple
        From
        [`forward_propagation_with_dropout`][dl_notes.regularization.forward_propagation_with_dropout].
    keep_prob : float
        The value the forward pass used (checked against the cache).

    Returns
    -------
    gradients : dict
        `dW{l}`, `db{l}` and `dA{l-1}` for l = 1..L.
    """
    where = "backward_propagation_with_dropout"
    _check_keep_prob(keep_prob, where)
    used = {c[2][1] for c in cache if len(c) == 3} or {1.0}
    if used != {keep_prob}:
        raise ValueError(
            f"{where}: keep_prob is {keep_prob!r} but the forward pass used "
            f"{', '.join(repr(k) for k in sorted(used))}; pass the same keep_prob to both."
        )
    AL = _output_from_cache(X, cache, where)
    return l_model_backward_regularized(AL, Y, cache, lambd=0.0)


# --8<-- [end:course_functions]


# --8<-- [start:l_layer_model_regularized]
def l_layer_model_regularized(
    X,
    Y,
    layers_dims,
    learning_rate=0.3,
    num_iterations=30000,
    print_cost=False,
    lambd=0.0,
    keep_prob=1.0,
    init="xavier",
    seed=3,
):
    r"""Train an L-layer network by gradient descent, with L2 regularization and/or dropout.

    The course's W1A2 `model(X, Y, learning_rate, num_iterations, print_cost, lambd, keep_prob)`
    for any `layers_dims` (the course uses `[n_x, 20, 3, 1]`). `lambd=0` and `keep_prob=1`
    train the unregularized baseline. Unlike the course, both can be on at once.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    layers_dims : sequence of int
        `[n_x, n[1], ..., n[L]]`.
    learning_rate : float, default 0.3
    num_iterations : int, default 30000
    print_cost : bool, default False
        Print the cost every 10000 iterations.
    lambd : float, default 0.0
        $\lambda$ of L2 regularization.
    keep_prob : float, default 1.0
        Dropout's keep probability for the hidden layers.
    init : str, default "xavier"
        Initialization method (the lab scales by $1/\sqrt{n^{[l-1]}}$, i.e. `"xavier"`).
    seed : int, default 3
        Seeds the initialization and every dropout mask.

    Returns
    -------
    parameters : dict
    costs : list of float
        The cost every 1000 iterations (regularized cost when `lambd > 0`; with dropout, the
        cost of the dropped-out network).
    """
    where = "l_layer_model_regularized"
    check_positive(num_iterations, "num_iterations", where, integer=True)
    _check_lambd(lambd, where)
    _check_keep_prob(keep_prob, where)
    rng = as_rng(seed, where)
    parameters = initialize_parameters_deep(layers_dims, method=init, seed=rng)
    X, Y = _check_xy(X, Y, parameters, "l_model_forward_regularized")
    check_positive(learning_rate, "learning_rate", "update_parameters")
    costs = []
    for i in range(int(num_iterations)):  # checked above: the loop calls the unchecked blocks
        AL, caches = _l_model_forward_regularized(X, parameters, keep_prob, rng, "relu", "sigmoid")
        if i % 1000 == 0:
            costs.append(_compute_cost_with_regularization(AL, Y, parameters, lambd))
            if print_cost and i % 10000 == 0:
                print(f"Cost after iteration {i}: {costs[-1]:f}")
        grads = _l_model_backward_regularized(AL, Y, caches, lambd, "relu", "sigmoid")
        parameters = _update_parameters(parameters, grads, learning_rate)
    return parameters, costs


# --8<-- [end:l_layer_model_regularized]


def _compute_cost_with_regularization(AL, Y, parameters, lambd):
    weights = {key: W for key, W in parameters.items() if re.fullmatch(r"W\d+", key)}
    return _compute_cost(AL, Y) + _l2_regularization_cost(weights, lambd, Y.shape[1])


def _check_l2(parameters, lambd, m, where):
    """The checks of the L2 functions; return the weights `W1, W2, ...` as arrays."""
    weights = _weights(parameters, where)
    _check_lambd(lambd, where)
    check_positive(m, "m", where, integer=True)
    return weights


def _weights(parameters, where):
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict with keys 'W1', 'b1', ..., but a "
            f"{type(parameters).__name__} was given."
        )
    weights = {k: as_array(v, k, where) for k, v in parameters.items() if re.fullmatch(r"W\d+", k)}
    if not weights:
        raise ValueError(
            f"{where}: parameters has no weights 'W1', 'W2', ...; it has keys {sorted(parameters)}."
        )
    return weights


def _check_lambd(lambd, where):
    check_interval(lambd, "lambd", where, 0, np.inf)


def _check_keep_prob(keep_prob, where):
    check_interval(keep_prob, "keep_prob", where, 0, 1, closed=(False, True))


def _output_from_cache(X, cache, where):
    """Check `X` against the first layer's cache and recompute $A^{[L]} = \\sigma(Z^{[L]})$ from the
    last."""
    X = as_array(X, "X", where)
    if not cache:
        raise ValueError(f"{where}: cache is empty; pass the caches the forward pass returned.")
    A0 = cache[0][0][0]
    if X.shape != A0.shape:
        raise ValueError(
            f"{where}: X has shape {X.shape} but the forward pass was given an input of shape "
            f"{A0.shape}; pass the same X to both."
        )
    return _sigmoid(as_array(cache[-1][1], "Z", "activation_forward"))
