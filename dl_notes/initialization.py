r"""Parameter initialization: zeros, small random, Xavier, Glorot and He.

Taught in: Course 1, [week 2](../../course1/week2.md) (zeros for logistic regression),
[week 3](../../course1/week3.md) (why a hidden layer needs random weights) and
[week 4](../../course1/week4.md) (initializing an L-layer network); Course 2,
[week 1](../../course2/week1.md#weight-initialization-for-deep-networks) (Xavier and He
scales against vanishing and exploding signals).

Shapes follow the course: $W^{[l]}$ is `(n[l], n[l-1])` and $b^{[l]}$ is `(n[l], 1)`.
Biases always start at zero; only the weights need to break symmetry.

| method | $W^{[l]}$ drawn as | used for |
|---|---|---|
| `"zeros"` | $0$ | shows why symmetry must be broken |
| `"random"` | $\text{scale} \cdot \mathcal{N}(0, 1)$ | the course's small random weights (scale 0.01) |
| `"xavier"` | $\mathcal{N}(0, 1) \cdot \sqrt{1 / n^{[l-1]}}$ | tanh layers; the W4A2 initializer |
| `"glorot"` | $\mathcal{N}(0, 1) \cdot \sqrt{2 / (n^{[l-1]} + n^{[l]})}$ | Keras' `GlorotNormal` (untruncated) |
| `"he"` | $\mathcal{N}(0, 1) \cdot \sqrt{2 / n^{[l-1]}}$ | ReLU layers |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_positive

__all__ = [
    "INIT_METHODS",
    "initialize_with_zeros",
    "initialize_parameters",
    "initialize_parameters_deep",
]

#: Names accepted by `initialize_parameters_deep(..., method=...)`.
INIT_METHODS = ("zeros", "random", "xavier", "glorot", "he")


def initialize_with_zeros(dim):
    r"""Zero weights and bias for logistic regression (W2A2).

    Zeros are fine here: a single unit has no symmetry to break.

    Parameters
    ----------
    dim : int
        Number of input features $n_x$.

    Returns
    -------
    w : ndarray, shape (dim, 1)
    b : float
    """
    check_positive(dim, "dim", "initialize_with_zeros", integer=True)
    return np.zeros((int(dim), 1)), 0.0


def initialize_parameters(n_x, n_h, n_y, seed=2, scale=0.01):
    r"""Parameters of a network with one hidden layer (W3A1): small random weights, zero biases.

    Parameters
    ----------
    n_x, n_h, n_y : int
        Sizes of the input, hidden and output layers.
    seed : int or numpy.random.Generator or None, default 2
    scale : float, default 0.01
        Standard deviation of the weights.

    Returns
    -------
    parameters : dict
        `W1` (n_h, n_x), `b1` (n_h, 1), `W2` (n_y, n_h), `b2` (n_y, 1).
    """
    return initialize_parameters_deep([n_x, n_h, n_y], method="random", scale=scale, seed=seed)


# --8<-- [start:initialize_parameters_deep]
def initialize_parameters_deep(layer_dims, method="random", scale=0.01, seed=3):
    r"""Parameters of an L-layer network, for any list of layer sizes.

    Parameters
    ----------
    layer_dims : sequence of int
        `[n[0], n[1], ..., n[L]]`, with `n[0] = n_x` the number of input features.
    method : str, default "random"
        One of `"zeros"`, `"random"`, `"xavier"`, `"glorot"`, `"he"` (see the table above).
    scale : float, default 0.01
        Standard deviation for `method="random"`; ignored otherwise.
    seed : int or numpy.random.Generator or None, default 3

    Returns
    -------
    parameters : dict
        `W{l}` of shape (n[l], n[l-1]) and `b{l}` of shape (n[l], 1), for l = 1..L.
    """
    where = "initialize_parameters_deep"
    check_choice(method, INIT_METHODS, "method", where)
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{where}: layer_dims needs at least [n_x, n_y], but {dims} was given.")
    for n in dims:
        check_positive(n, "every entry of layer_dims", where, integer=True)
    rng = as_rng(seed, where)
    parameters = {}
    for l in range(1, len(dims)):
        n_prev, n = int(dims[l - 1]), int(dims[l])
        std = {
            "zeros": 0.0,
            "random": scale,
            "xavier": np.sqrt(1 / n_prev),
            "glorot": np.sqrt(2 / (n_prev + n)),
            "he": np.sqrt(2 / n_prev),
        }[method]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * std
        parameters[f"b{l}"] = np.zeros((n, 1))
    return parameters


# --8<-- [end:initialize_parameters_deep]
