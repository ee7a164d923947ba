r"""Training loops that combine the building blocks: mini-batches, optimizers, learning-rate decay,
batch norm.

Taught in: Course 2, [week 2](../../course2/week2.md) (mini-batch gradient descent,
momentum, Adam and learning-rate decay: the W2A1 lab's `model`) and
[week 3](../../course2/week3.md#batch-normalization) (batch normalization).

Nothing here computes a derivative of its own. A training loop is assembled from blocks
that other modules define and test:

| step | block |
|---|---|
| shuffle and cut the examples | [`random_mini_batches`][dl_notes.optimizers.random_mini_batches] |
| forward pass (plain network) | [`l_model_forward`][dl_notes.deep_network.l_model_forward] |
| backward pass (plain network) | [`l_model_backward`][dl_notes.deep_network.l_model_backward] |
| forward / backward with batch norm | [`linear_forward`][dl_notes.deep_network.linear_forward], [`batchnorm_forward`][dl_notes.batch_norm.batchnorm_forward], [`activation_forward`][dl_notes.activations.activation_forward] and their backward steps |
| cost | [`compute_cost`][dl_notes.losses.compute_cost] |
| update | [`update_parameters_with_gd`][dl_notes.optimizers.update_parameters_with_gd], [`update_parameters_with_momentum`][dl_notes.optimizers.update_parameters_with_momentum], [`update_parameters_with_rmsprop`][dl_notes.optimizers.update_parameters_with_rmsprop], [`update_parameters_with_adam`][dl_notes.optimizers.update_parameters_with_adam] |
| learning-rate decay | [`update_lr`][dl_notes.optimizers.update_lr], [`schedule_lr_decay`][dl_notes.optimizers.schedule_lr_decay] |

Each trainer checks its inputs once, before the first epoch; its loop then runs these
blocks' unchecked kernels (`_l_model_forward`, `_adam`, ...), so no mini-batch pays for
the checks again. The options of the optimizer and the learning-rate schedule travel
together in one [`OptimConfig`][dl_notes.training.OptimConfig].

One epoch is one pass over the training set: the examples are reshuffled, cut into
mini-batches, and every mini-batch makes one update. With $m$ examples and mini-batches
of size $b$ an epoch makes $\lceil m / b \rceil$ updates. The epoch's cost is the mean of
the per-example losses accumulated over its mini-batches (computed while the parameters
change, as in the course):

$$J_{\text{epoch}} = \frac{1}{m} \sum_{t} m_t\, J\bigl(A^{[L]}_t, Y_t\bigr),$$

where $m_t$ is the size of mini-batch $t$ and $J$ the cross-entropy cost of that mini-batch.

**Batch norm.** In the network with batch norm, every hidden layer computes

$$Z^{[l]} = W^{[l]} A^{[l-1]}, \qquad \tilde Z^{[l]} = \gamma^{[l]} Z^{[l]}_{\text{norm}} +
\beta^{[l]}, \qquad A^{[l]} = g^{[l]}(\tilde Z^{[l]}),$$

with no bias $b^{[l]}$ ($\beta^{[l]}$ replaces it); the output layer is a plain
`LINEAR -> SIGMOID`. Its parameters dict holds `W{l}`, `gamma{l}`, `beta{l}` for the
hidden layers and `W{L}`, `b{L}` for the output layer; the running averages used at test
time live apart, in a list `bn_params` with one dict per hidden layer.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dl_notes._checks import (
    as_array,
    as_rng,
    check_binary,
    check_choice,
    check_inputs_fit,
    check_ndim,
    check_parameters,
    check_positive,
    check_same_shape_of,
    check_shape,
)
from dl_notes.activations import _activation_backward, _activation_forward, _check_activation
from dl_notes.batch_norm import MOMENTUM, _batchnorm_backward, _batchnorm_forward, _check_bn_params
from dl_notes.deep_network import (
    _DZ_IS_AL_MINUS_Y,
    _check_activation_step,
    _check_linear_step,
    _check_output,
    _l_model_backward,
    _l_model_forward,
    _linear_activation_forward,
    _linear_backward,
    _linear_forward,
    _output_dZ,
)
from dl_notes.initialization import INIT_METHODS, initialize_parameters_deep
from dl_notes.losses import _compute_cost, _softmax_cross_entropy_cost
from dl_notes.optimizers import (
    _adam,
    _check_adam,
    _check_momentum,
    _check_rmsprop,
    _momentum,
    _random_mini_batches,
    _rmsprop,
    _update_parameters,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
)

__all__ = [
    "OPTIMIZERS",
    "OptimConfig",
    "train_with_optimizer",
    "initialize_parameters_bn",
    "l_model_forward_bn",
    "l_model_backward_bn",
    "train_bn",
    "predict_bn",
]

#: The optimizer names the training loops accept (the course's three, plus RMSprop).
OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")


@dataclass(frozen=True)
class OptimConfig:
    r"""The optimizer and learning-rate options of a training run, with the course's W2A1 defaults.

    [`train_with_optimizer`][dl_notes.training.train_with_optimizer] and
    [`train_bn`][dl_notes.training.train_bn] keep the course's long signature and gather
    these ten options into one `OptimConfig` for the loop they share (as cs231n's `Solver`
    passes one `optim_config` to its update rule). The defaults are the course's, set here once;
    the trainers' own defaults are the same values (a test holds them equal).

    Parameters
    ----------
    optimizer : str, default "gd"
        One of `"gd"`, `"momentum"`, `"rmsprop"`, `"adam"` (`OPTIMIZERS`).
    learning_rate : float, default 0.0007
        $\alpha$ (with `decay`, the initial rate $\alpha_0$).
    mini_batch_size : int, default 64
    beta : float, default 0.9
        Momentum's $\beta$.
    beta1, beta2 : float, default 0.9 and 0.999
        Adam's $\beta_1$ and $\beta_2$ (RMSprop uses `beta2`).
    epsilon : float, default 1e-8
        $\varepsilon$ of RMSprop and Adam.
    num_epochs : int, default 5000
    decay : callable or None, default None
        `decay(learning_rate0, epoch_num, decay_rate) -> learning_rate`, e.g.
        [`update_lr`][dl_notes.optimizers.update_lr].
    decay_rate : float, default 1

    Examples
    --------
    >>> config = OptimConfig(optimizer="adam", num_epochs=100)
    >>> config.learning_rate, config.beta2
    (0.0007, 0.999)
    """

    optimizer: str = "gd"
    learning_rate: float = 0.0007
    mini_batch_size: int = 64
    beta: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    num_epochs: int = 5000
    decay: Callable | None = None
    decay_rate: float = 1


# --8<-- [start:train_with_optimizer]
def train_with_optimizer(
    X,
    Y,
    layers_dims,
    optimizer="gd",
    learning_rate=0.0007,
    mini_batch_size=64,
    beta=0.9,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    num_epochs=5000,
    print_cost=True,
    decay=None,
    decay_rate=1,
    init="he",
    seed=3,
    output_activation="sigmoid",
):
    r"""Train `[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID` (or `SOFTMAX`) with mini-batches and a
    chosen optimizer.

    The course's W2A1 `model`. Every epoch reshuffles the examples
    ([`random_mini_batches`][dl_notes.optimizers.random_mini_batches]) and, for each
    mini-batch, runs [`l_model_forward`][dl_notes.deep_network.l_model_forward],
    [`l_model_backward`][dl_notes.deep_network.l_model_backward] and one update:

    - `"gd"`: $W \leftarrow W - \alpha\, dW$;
    - `"momentum"`: $v \leftarrow \beta v + (1-\beta)\, dW$, $W \leftarrow W - \alpha v$;
    - `"rmsprop"`: $s \leftarrow \beta_2 s + (1-\beta_2)\, dW^2$,
      $W \leftarrow W - \alpha\, dW / (\sqrt{s} + \varepsilon)$;
    - `"adam"`: both averages, bias-corrected with the update count $t$ (which runs over
      all mini-batches of all epochs),
      $W \leftarrow W - \alpha\, \hat v / (\sqrt{\hat s} + \varepsilon)$.

    With `decay` (for example [`update_lr`][dl_notes.optimizers.update_lr] or
    [`schedule_lr_decay`][dl_notes.optimizers.schedule_lr_decay]) epoch $i$ (from 0) uses
    the rate `decay(learning_rate, i, decay_rate)`; without it, every epoch uses `learning_rate`.

    With `output_activation="softmax"` the same loop trains a $C$-class classifier (Course 2,
    week 3): the output layer has $C$ units, `Y` is one-hot, and the cost is the categorical
    cross-entropy of [`softmax_cross_entropy_cost`][dl_notes.losses.softmax_cross_entropy_cost].
    Course 3's labs train their digit classifiers this way;
    [`predict_classes`][dl_notes.deep_network.predict_classes] turns the network into labels.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (1, m), or (C, m) with `output_activation="softmax"`
        Labels, 0 or 1; for a softmax output, one-hot columns
        ([`one_hot`][dl_notes.losses.one_hot] makes them from integer labels).
    layers_dims : sequence of int
        `[n_x, n[1], ..., n[L-1], 1]`; the course's W2A1 uses `[2, 5, 2, 1]`. For a softmax
        output the last entry is the number of classes $C$.
    optimizer : str, default "gd"
        One of `"gd"`, `"momentum"`, `"rmsprop"`, `"adam"`.
    learning_rate : float, default 0.0007
        $\alpha$ (with `decay`, the initial rate $\alpha_0$).
    mini_batch_size : int, default 64
        Examples per mini-batch; `m` gives (full-)batch gradient descent, 1 stochastic
        gradient descent.
    beta : float, default 0.9
        Momentum's $\beta$.
    beta1, beta2 : float, default 0.9 and 0.999
        Adam's $\beta_1$ and $\beta_2$ (RMSprop uses `beta2`).
    epsilon : float, default 1e-8
        $\varepsilon$ of RMSprop and Adam.
    num_epochs : int, default 5000
        Passes over the training set.
    print_cost : bool, default True
        Print the cost (and, with `decay`, the learning rate) every 1000 epochs and after the last.
    decay : callable or None, default None
        `decay(learning_rate0, epoch_num, decay_rate) -> learning_rate`.
    decay_rate : float, default 1
        Passed to `decay`.
    init : str, default "he"
        Weight initialization, as in
        [`initialize_parameters_deep`][dl_notes.initialization.initialize_parameters_deep]
        (the course's W2A1 uses He: standard deviation $\sqrt{2 / n^{[l-1]}}$).
    seed : int or numpy.random.Generator, default 3
        Seeds one Generator that draws the initial weights and then every epoch's shuffle.
    output_activation : str, default "sigmoid"
        `"sigmoid"` (binary labels, one output unit) or `"softmax"` (one-hot labels, $C$ units).

    Returns
    -------
    parameters : dict
        The trained `W{l}` (n[l], n[l-1]) and `b{l}` (n[l], 1).
    costs : list of float
        $J_{\text{epoch}}$ of every epoch (`num_epochs` values; the course keeps every 100th).
    learning_rates : list of float
        The learning rate each epoch used.

    Raises
    ------
    ValueError
        For an unknown `optimizer` or `init`, a `decay` that is not callable, labels other
        than 0/1, or `layers_dims` that do not fit `X` and `Y`.

    Examples
    --------
    >>> from dl_notes.data import load_moons_dataset
    >>> train_X, train_Y = load_moons_dataset()
    >>> parameters, costs, _ = train_with_optimizer(
    ...     train_X, train_Y, [2, 5, 2, 1], optimizer="adam", num_epochs=50, print_cost=False
    ... )
    >>> costs[-1] < costs[0]
    True
    """
    where = "train_with_optimizer"
    config = OptimConfig(
        optimizer=optimizer,
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        beta=beta,
        beta1=beta1,
        beta2=beta2,
        epsilon=epsilon,
        num_epochs=num_epochs,
        decay=decay,
        decay_rate=decay_rate,
    )
    check_choice(output_activation, ("sigmoid", "softmax"), "output_activation", where)
    X, Y = _check_data(X, Y, layers_dims, where, output_activation)
    check_choice(init, INIT_METHODS, "init", where)
    rng = as_rng(seed, where, allow_none=False)
    parameters = initialize_parameters_deep(layers_dims, method=init, seed=rng)
    _check_config(config, where)
    cost = _softmax_cross_entropy_cost if output_activation == "softmax" else _compute_cost

    def loss(X, Y, parameters):
        AL, caches = _l_model_forward(X, parameters, "relu", output_activation)
        return cost(AL, Y), _l_model_backward(AL, Y, caches, "relu", output_activation)

    return _train(X, Y, parameters, loss, rng, config, print_cost)


# --8<-- [end:train_with_optimizer]


# --8<-- [start:bn_network]
def initialize_parameters_bn(layers_dims, method="he", seed=3):
    r"""Parameters and running averages of an L-layer network with batch norm in every hidden layer.

    The weights are those of
    [`initialize_parameters_deep`][dl_notes.initialization.initialize_parameters_deep]
    with the same `method` and `seed`, so a plain network and a batch-norm network can
    start from identical weights. Each hidden layer swaps its bias for $\gamma^{[l]} = 1$
    and $\beta^{[l]} = 0$: at the start, batch norm only standardises $Z^{[l]}$.

    Parameters
    ----------
    layers_dims : sequence of int
        `[n_x, n[1], ..., n[L]]`, with $L \ge 2$ (at least one hidden layer).
    method : str, default "he"
        Weight initialization (`"random"`, `"xavier"`, `"glorot"`, `"he"`, `"zeros"`).
    seed : int or numpy.random.Generator or None, default 3

    Returns
    -------
    parameters : dict
        `W{l}` (n[l], n[l-1]), `gamma{l}` and `beta{l}` (n[l], 1) for l = 1..L-1;
        `W{L}` (n[L], n[L-1]) and `b{L}` (n[L], 1).
    bn_params : list of dict
        One dict per hidden layer with `"running_mean"` (zeros) and `"running_var"` (ones),
        both (n[l], 1), updated by training-mode forward passes.
    """
    where = "initialize_parameters_bn"
    dims = list(layers_dims) if not isinstance(layers_dims, (str, bytes)) else []
    if len(dims) < 3:
        raise ValueError(
            f"{where}: layers_dims must be [n_x, n[1], ..., n[L]] with at least one hidden layer "
            f"(batch norm sits in the hidden layers), but {layers_dims!r} was given."
        )
    plain = initialize_parameters_deep(dims, method=method, seed=seed)
    L = len(dims) - 1
    parameters, bn_params = {}, []
    for l in range(1, L):
        n = int(dims[l])
        parameters[f"W{l}"] = plain[f"W{l}"]
        parameters[f"gamma{l}"] = np.ones((n, 1))
        parameters[f"beta{l}"] = np.zeros((n, 1))
        bn_params.append({"running_mean": np.zeros((n, 1)), "running_var": np.ones((n, 1))})
    parameters[f"W{L}"], parameters[f"b{L}"] = plain[f"W{L}"], plain[f"b{L}"]
    return parameters, bn_params


def l_model_forward_bn(
    X, parameters, bn_params, mode="train", hidden_activation="relu", output_activation="sigmoid"
):
    r"""Forward pass `[LINEAR -> BATCHNORM -> RELU] * (L-1) -> LINEAR -> SIGMOID`.

    Hidden layer $l$: $Z^{[l]} = W^{[l]} A^{[l-1]}$ by
    [`linear_forward`][dl_notes.deep_network.linear_forward] (with a zero bias),
    $\tilde Z^{[l]}$ by [`batchnorm_forward`][dl_notes.batch_norm.batchnorm_forward],
    $A^{[l]} = g(\tilde Z^{[l]})$ by
    [`activation_forward`][dl_notes.activations.activation_forward]. The output layer is
    [`linear_activation_forward`][dl_notes.deep_network.linear_activation_forward].

    In `"train"` mode batch norm uses each mini-batch's mean and variance and updates the
    running averages in `bn_params` (in place: the list's dicts get new arrays, as a
    Keras layer updates its moving averages). In `"test"` mode it uses the running averages
    and changes nothing, so one example can be classified on its own.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        From [`initialize_parameters_bn`][dl_notes.training.initialize_parameters_bn].
    bn_params : list of dict
        One per hidden layer: `"running_mean"`, `"running_var"` (n[l], 1), optional
        `"momentum"` and `"epsilon"` (see [`dl_notes.batch_norm`][dl_notes.batch_norm]).
    mode : str, default "train"
        `"train"` or `"test"`.
    hidden_activation : str, default "relu"
    output_activation : str, default "sigmoid"

    Returns
    -------
    AL : ndarray, shape (n[L], m)
    caches : list of tuple
        For hidden layer `l`, `caches[l-1] = (linear_cache, bn_cache, activation_cache)`;
        for the output layer, `(linear_cache, activation_cache)`.
    """
    X, parameters = _check_bn_forward(
        X, parameters, bn_params, mode, hidden_activation, output_activation
    )
    return _l_model_forward_bn(X, parameters, bn_params, mode, hidden_activation, output_activation)


def _l_model_forward_bn(X, parameters, bn_params, mode, hidden_activation, output_activation):
    L = len(bn_params) + 1
    caches = []
    A = X
    for l in range(1, L):
        W = parameters[f"W{l}"]
        Z, linear_cache = _linear_forward(A, W, np.zeros((W.shape[0], 1)))
        state = {**bn_params[l - 1], "mode": mode}
        Z_tilde, bn_cache = _batchnorm_forward(
            Z, parameters[f"gamma{l}"], parameters[f"beta{l}"], state
        )
        if mode == "train":
            bn_params[l - 1]["running_mean"] = state["running_mean"]
            bn_params[l - 1]["running_var"] = state["running_var"]
        A, activation_cache = _activation_forward(Z_tilde, hidden_activation)
        caches.append((linear_cache, bn_cache, activation_cache))
    AL, cache = _linear_activation_forward(
        A, parameters[f"W{L}"], parameters[f"b{L}"], output_activation
    )
    caches.append(cache)
    return AL, caches


def l_model_backward_bn(AL, Y, caches, hidden_activation="relu", output_activation="sigmoid"):
    r"""Backward pass of [`l_model_forward_bn`][dl_notes.training.l_model_forward_bn] with the
    cross-entropy cost.

    The output layer starts from $dZ^{[L]} = A^{[L]} - Y$, as in
    [`l_model_backward`][dl_notes.deep_network.l_model_backward], and goes through
    [`linear_backward`][dl_notes.deep_network.linear_backward]; each
    hidden layer, in reverse, through three steps:

    $$d\tilde Z^{[l]} = dA^{[l]} * g'(\tilde Z^{[l]}), \qquad
    dZ^{[l]}, d\gamma^{[l]}, d\beta^{[l]} = \text{batchnorm\_backward}(d\tilde Z^{[l]}), \qquad
    dA^{[l-1]} = W^{[l]T} dZ^{[l]}, \; dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]T}.$$

    Parameters
    ----------
    AL : ndarray, shape (1, m)
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    caches : list of tuple
        From `l_model_forward_bn` (in either mode).
    hidden_activation, output_activation : str
        The same names as in the forward pass.

    Returns
    -------
    grads : dict
        `dW{l}`, `dgamma{l}`, `dbeta{l}` (l < L), `dW{L}`, `db{L}`: derivatives of the cost
        $J$, with the shapes of the parameters; and `dA{l-1}` (n[l-1], m) for l = 1..L,
        derivatives of the summed loss $mJ$ as everywhere in dl_notes.
    """
    AL, Y = _check_bn_backward(AL, Y, caches, hidden_activation, output_activation)
    return _l_model_backward_bn(AL, Y, caches, hidden_activation, output_activation)


def _l_model_backward_bn(AL, Y, caches, hidden_activation, output_activation):
    L = len(caches)
    grads = {}
    linear_cache, activation_cache = caches[L - 1]
    dZ = _output_dZ(AL, Y, activation_cache, output_activation)
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _linear_backward(dZ, linear_cache)
    grads[f"dA{L - 1}"] = dA
    for l in reversed(range(1, L)):
        linear_cache, bn_cache, activation_cache = caches[l - 1]
        dZ_tilde = _activation_backward(dA, activation_cache, hidden_activation)
        dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = _batchnorm_backward(dZ_tilde, bn_cache)
        dA, grads[f"dW{l}"], _ = _linear_backward(
            dZ, linear_cache
        )  # the zero bias is not a parameter
        grads[f"dA{l - 1}"] = dA
    return grads


# --8<-- [end:bn_network]


def train_bn(
    X,
    Y,
    layers_dims,
    optimizer="gd",
    learning_rate=0.0007,
    mini_batch_size=64,
    beta=0.9,
    beta1=0.9,
    beta2=0.999,
    epsilon=1e-8,
    num_epochs=5000,
    print_cost=True,
    decay=None,
    decay_rate=1,
    init="he",
    seed=3,
    bn_momentum=MOMENTUM,
):
    r"""Train the batch-norm network `[LINEAR -> BATCHNORM -> RELU] * (L-1) -> LINEAR -> SIGMOID`.

    The same loop, arguments and defaults as
    [`train_with_optimizer`][dl_notes.training.train_with_optimizer], with
    [`l_model_forward_bn`][dl_notes.training.l_model_forward_bn] (training mode) and
    [`l_model_backward_bn`][dl_notes.training.l_model_backward_bn] in place of the plain
    network's passes; $\gamma^{[l]}$ and $\beta^{[l]}$ are updated by the optimizer like
    the weights. With the same `layers_dims`, `init` and `seed`, the weights start equal to
    those of `train_with_optimizer` and the mini-batches come in the same order, so the two
    runs differ only by batch norm.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    layers_dims : sequence of int
        `[n_x, n[1], ..., n[L-1], 1]` with at least one hidden layer.
    optimizer, learning_rate, mini_batch_size, beta, beta1, beta2, epsilon, num_epochs, print_cost
        As in [`train_with_optimizer`][dl_notes.training.train_with_optimizer].
    decay, decay_rate, init, seed
        As in [`train_with_optimizer`][dl_notes.training.train_with_optimizer].
    bn_momentum : float, default 0.9
        Decay of batch norm's running averages, in $[0, 1)$.

    Returns
    -------
    parameters : dict
        The trained `W{l}`, `gamma{l}`, `beta{l}` (l < L), `W{L}`, `b{L}`.
    bn_params : list of dict
        The running averages of every hidden layer, for
        [`predict_bn`][dl_notes.training.predict_bn].
    costs : list of float
        $J_{\text{epoch}}$ of every epoch (training mode: each mini-batch normalised by its own
        statistics).
    learning_rates : list of float
        The learning rate each epoch used.
    """
    where = "train_bn"
    config = OptimConfig(
        optimizer=optimizer,
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        beta=beta,
        beta1=beta1,
        beta2=beta2,
        epsilon=epsilon,
        num_epochs=num_epochs,
        decay=decay,
        decay_rate=decay_rate,
    )
    X, Y = _check_data(X, Y, layers_dims, where)
    check_choice(init, INIT_METHODS, "init", where)
    rng = as_rng(seed, where, allow_none=False)
    parameters, bn_params = initialize_parameters_bn(layers_dims, method=init, seed=rng)
    _check_config(config, where)
    for state in bn_params:
        state["momentum"] = bn_momentum
        _check_bn_params(state, state["running_mean"].shape[0])

    def loss(X, Y, parameters):
        AL, caches = _l_model_forward_bn(X, parameters, bn_params, "train", "relu", "sigmoid")
        return _compute_cost(AL, Y), _l_model_backward_bn(AL, Y, caches, "relu", "sigmoid")

    parameters, costs, learning_rates = _train(X, Y, parameters, loss, rng, config, print_cost)
    return parameters, bn_params, costs, learning_rates


def predict_bn(X, parameters, bn_params, threshold=0.5):
    r"""Predict 0/1 labels with a trained batch-norm network, in test mode (running averages).

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Any number of examples, even one.
    parameters : dict
    bn_params : list of dict
        From [`train_bn`][dl_notes.training.train_bn].
    threshold : float, default 0.5

    Returns
    -------
    p : ndarray, shape (1, m)
        1 where $A^{[L]} > \text{threshold}$, else 0.
    """
    AL, _ = l_model_forward_bn(X, parameters, bn_params, mode="test")
    return (AL > threshold).astype(np.float64)


# --- the loop both trainers share ----------------------------------------------------


def _train(X, Y, parameters, loss, rng, config, print_cost):
    """Mini-batch training on checked inputs: `loss(X, Y, parameters) -> (cost, grads)` for each
    mini-batch."""
    update = _optimizer(config, parameters)
    m = X.shape[1]
    costs, learning_rates = [], []
    for epoch in range(int(config.num_epochs)):
        rate = config.learning_rate
        if config.decay is not None:
            rate = config.decay(config.learning_rate, epoch, config.decay_rate)
            _check_hyperparameters(config, rate)  # a schedule may return anything
        total = 0.0
        for minibatch_X, minibatch_Y in _random_mini_batches(
            X, Y, int(config.mini_batch_size), rng
        ):
            cost, grads = loss(minibatch_X, minibatch_Y, parameters)
            total += cost * minibatch_Y.shape[1]
            parameters = update(parameters, grads, rate)
        costs.append(total / m)
        learning_rates.append(float(rate))
        if print_cost and (epoch % 1000 == 0 or epoch == config.num_epochs - 1):
            extra = f"   learning rate {rate:.6f}" if config.decay is not None else ""
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}{extra}")
    return parameters, costs, learning_rates


def _optimizer(config, parameters):
    """An update function `step(parameters, grads, learning_rate) -> parameters` that keeps its own
    state."""
    if config.optimizer == "gd":
        return _update_parameters
    if config.optimizer == "momentum":
        state = {"v": initialize_velocity(parameters)}

        def step(parameters, grads, learning_rate):
            parameters, state["v"] = _momentum(
                parameters, grads, state["v"], config.beta, learning_rate
            )
            return parameters
    elif config.optimizer == "rmsprop":
        state = {"s": initialize_rmsprop(parameters)}

        def step(parameters, grads, learning_rate):
            parameters, state["s"] = _rmsprop(
                parameters, grads, state["s"], learning_rate, config.beta2, config.epsilon
            )
            return parameters
    else:
        v, s = initialize_adam(parameters)
        state = {"v": v, "s": s, "t": 0}

        def step(parameters, grads, learning_rate):
            state["t"] += 1  # Adam's bias correction counts updates, not epochs
            parameters, state["v"], state["s"], _, _ = _adam(
                parameters,
                grads,
                state["v"],
                state["s"],
                state["t"],
                learning_rate,
                config.beta1,
                config.beta2,
                config.epsilon,
            )
            return parameters

    return step


# --- input checks --------------------------------------------------------------------


def _check_config(config, where):
    """The checks of a trainer's options, before its first epoch."""
    check_choice(config.optimizer, OPTIMIZERS, "optimizer", where)
    check_positive(config.learning_rate, "learning_rate", where)
    check_positive(config.mini_batch_size, "mini_batch_size", where, integer=True)
    check_positive(config.num_epochs, "num_epochs", where, integer=True)
    if config.decay is not None and not callable(config.decay):
        raise TypeError(
            f"{where}: decay must be None or a function decay(learning_rate0, "
            f"epoch_num, decay_rate), such as update_lr or schedule_lr_decay, "
            f"but a {type(config.decay).__name__} was given."
        )
    _check_hyperparameters(config, config.learning_rate)


def _check_hyperparameters(config, learning_rate):
    """The checks the chosen update makes, with its name: the loop calls the update unchecked."""
    if config.optimizer == "gd":
        check_positive(learning_rate, "learning_rate", "update_parameters")
    elif config.optimizer == "momentum":
        _check_momentum(config.beta, learning_rate)
    elif config.optimizer == "rmsprop":
        _check_rmsprop(learning_rate, config.beta2, config.epsilon)
    else:
        _check_adam(1, learning_rate, config.beta1, config.beta2, config.epsilon)


def _check_data(X, Y, layers_dims, where, output_activation="sigmoid"):
    X = as_array(X, "X", where)
    Y = as_array(Y, "Y", where)
    check_ndim(X, 2, "X", where, "(n_x, m)")
    softmax = output_activation == "softmax"
    if softmax:
        n_y = layers_dims[-1] if hasattr(layers_dims, "__len__") and len(layers_dims) else "C"
        check_shape(
            Y,
            (n_y, X.shape[1]),
            "Y",
            where,
            f"one one-hot column per column of X (shape {X.shape}) and one row per output "
            f"unit (layers_dims[-1] = {n_y}); one_hot(labels, C) makes it from integer labels",
        )
        check_binary(Y, "Y", where)
        if not np.all(Y.sum(axis=0) == 1):
            bad = int(np.flatnonzero(Y.sum(axis=0) != 1)[0])
            raise ValueError(
                f"{where}: each column of Y must be one-hot, "
                f"but column {bad} is {Y[:, bad].tolist()}."
            )
    else:
        check_shape(
            Y,
            (1, X.shape[1]),
            "Y",
            where,
            f"one 0/1 label per column of X, which has shape {X.shape}",
        )
        check_binary(Y, "Y", where)
    if (
        isinstance(layers_dims, (str, bytes))
        or not hasattr(layers_dims, "__len__")
        or len(layers_dims) < 2
    ):
        raise ValueError(
            f"{where}: layers_dims must be a list [n_x, "
            f"n[1], ..., 1], but {layers_dims!r} was given."
        )
    if layers_dims[0] != X.shape[0]:
        raise ValueError(
            f"{where}: layers_dims[0] must be the number of features n_x = "
            f"X.shape[0] = {X.shape[0]}, but layers_dims is {list(layers_dims)}."
        )
    if not softmax and layers_dims[-1] != 1:
        raise ValueError(
            f"{where}: the output layer must have 1 unit (a sigmoid "
            f"for labels 0/1), but layers_dims is {list(layers_dims)}."
        )
    return X, Y


def _check_bn_network(parameters, bn_params, where):
    """Check a batch-norm parameters dict and its bn_params list; return the parameters as
    arrays."""
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict (W1, gamma1, beta1, ..., WL, bL), but a "
            f"{type(parameters).__name__} was given."
        )
    L = sum(1 for key in parameters if key.startswith("W"))
    expected = [k for l in range(1, L) for k in (f"W{l}", f"gamma{l}", f"beta{l}")] + [
        f"W{L}",
        f"b{L}",
    ]
    if L < 2 or sorted(parameters) != sorted(expected):
        raise ValueError(
            f"{where}: parameters must have keys W1, gamma1, beta1, ..., W{{L}}, b{{L}} (see "
            f"initialize_parameters_bn), but it has {sorted(parameters)}."
        )
    parameters = check_parameters(parameters, L, where, batch_norm=True)
    if (
        not isinstance(bn_params, (list, tuple))
        or len(bn_params) != L - 1
        or not all(isinstance(d, dict) for d in bn_params)
    ):
        raise ValueError(
            f"{where}: bn_params must be a list of {L - 1} dicts, one per hidden "
            f"layer (see initialize_parameters_bn), but {type(bn_params).__name__} "
            f"{'of length ' + str(len(bn_params)) if hasattr(bn_params, '__len__') else ''} "
            f"was given."
        )
    return parameters


def _check_bn_forward(X, parameters, bn_params, mode, hidden_activation, output_activation):
    """The checks of `l_model_forward_bn`, including each layer's batch-norm state."""
    where = "l_model_forward_bn"
    parameters = _check_bn_network(parameters, bn_params, where)
    check_choice(mode, ("train", "test"), "mode", where)
    X = check_inputs_fit(X, parameters, where)
    for l, state in enumerate(bn_params, start=1):
        _check_bn_params({**state, "mode": mode}, parameters[f"W{l}"].shape[0])
    _check_activation(hidden_activation, "activation_forward")
    _check_activation(output_activation, "activation_forward")
    return X, parameters


def _check_bn_backward(AL, Y, caches, hidden_activation, output_activation):
    """The checks of `l_model_backward_bn`: `AL` and `Y`, then every cache, walked as the backward
    pass walks them."""
    where = "l_model_backward_bn"
    if not isinstance(caches, (list, tuple)) or len(caches) < 2:
        raise ValueError(
            f"{where}: caches must be the list returned by l_model_forward_bn (one per layer)."
        )
    L = len(caches)
    AL, Y = _check_output(AL, Y, output_activation)
    linear_cache, Z = caches[L - 1]
    shape = AL.shape
    if output_activation not in _DZ_IS_AL_MINUS_Y:
        shape = _check_activation_step(shape, Z, output_activation)
    shape = _check_linear_step(shape, linear_cache)
    for l in reversed(range(1, L)):
        if len(caches[l - 1]) != 3:
            raise ValueError(
                f"{where}: caches[{l - 1}] is not a batch-norm layer's cache (linear, bn, "
                f"activation); pass the caches of l_model_forward_bn, not of l_model_forward."
            )
        linear_cache, bn_cache, Z = caches[l - 1]
        shape = _check_activation_step(shape, Z, hidden_activation)
        check_same_shape_of(
            shape, bn_cache[0].shape, ("dZ_tilde", "the cached Z_norm"), "batchnorm_backward"
        )
        shape = _check_linear_step(shape, linear_cache)
    return AL, Y
