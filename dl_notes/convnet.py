r"""A LeNet-style ConvNet trained from scratch in NumPy, built from the package's own layers.

Taught in: [Course 4](../../course4/index.md), week 1 (the lecture's "CNN example" in the
style of LeNet-5), and the lab W1A1, "Convolution step by step", whose last part goes beyond
the course: the assignment builds the layers but never trains a network with them.

The network stacks two convolution blocks and one dense softmax layer:

    X -> CONV(f, "same") -> RELU -> MAXPOOL(2) -> CONV(f, "same") -> RELU -> MAXPOOL(2)
      -> FLATTEN -> DENSE -> SOFTMAX

and every step is a layer of `dl_notes`, called through its unchecked kernel:

- convolution: [`conv_forward`][dl_notes.convolution.conv_forward] and
  [`conv_backward`][dl_notes.convolution.conv_backward];
- ReLU: [`relu`][dl_notes.activations.relu] and
  [`relu_backward`][dl_notes.activations.relu_backward];
- max pooling: [`pool_forward`][dl_notes.pooling.pool_forward] and
  [`pool_backward`][dl_notes.pooling.pool_backward];
- softmax and its cost: [`softmax`][dl_notes.activations.softmax] and
  [`softmax_cross_entropy_cost`][dl_notes.losses.softmax_cross_entropy_cost];
- the update: [`update_parameters_with_adam`][dl_notes.optimizers.update_parameters_with_adam]
  (or another optimizer of [`OptimConfig`][dl_notes.training.OptimConfig]).

The convolutions have stride 1 and "same" padding, $p = (f - 1) / 2$ for an odd filter size
$f$, so they keep the height and width; each $2 \times 2$ max pooling with stride 2 halves
them (rounding down). With $n_{H1} = \lfloor n_H / 2 \rfloor$,
$n_{H2} = \lfloor n_{H1} / 2 \rfloor$ (the same for the widths) and
$n_F = n_{H2} n_{W2} n_{C2}$, the shapes are, for $28 \times 28$ digits and
`filters=(8, 16)`, $f = 5$ in the last column:

| array | shape | digits |
|---|---|---|
| `X` | $(m, n_H, n_W, n_C)$ | $(m, 28, 28, 1)$ |
| `W1` | $(f, f, n_C, n_{C1})$ | $(5, 5, 1, 8)$ |
| `b1` | $(1, 1, 1, n_{C1})$ | $(1, 1, 1, 8)$ |
| $Z^{[1]}$, $A^{[1]}$ | $(m, n_H, n_W, n_{C1})$ | $(m, 28, 28, 8)$ |
| $P^{[1]}$ | $(m, n_{H1}, n_{W1}, n_{C1})$ | $(m, 14, 14, 8)$ |
| `W2` | $(f, f, n_{C1}, n_{C2})$ | $(5, 5, 8, 16)$ |
| `b2` | $(1, 1, 1, n_{C2})$ | $(1, 1, 1, 16)$ |
| $Z^{[2]}$, $A^{[2]}$ | $(m, n_{H1}, n_{W1}, n_{C2})$ | $(m, 14, 14, 16)$ |
| $P^{[2]}$ | $(m, n_{H2}, n_{W2}, n_{C2})$ | $(m, 7, 7, 16)$ |
| $F$ | $(m, n_F)$ | $(m, 784)$ |
| `W3`, `b3` | $(n_F, C)$, $(1, C)$ | $(784, 10)$, $(1, 10)$ |
| $Z^{[3]}$, $A^{[3]}$ (`AL`), `Y` | $(m, C)$ | $(m, 10)$ |

**Examples first, everywhere.** As in all of Course 4 (see
[the notation page](../notation.md#course-4-images-are-examples-first)), the images are
`(m, n_H, n_W, n_C)`. The dense layer keeps
that order: it reads the flattened batch as **rows**, $Z^{[3]} = F W^{[3]} + b^{[3]}$ with
`W3` of shape $(n_F, C)$, which is Keras's `Flatten` and `Dense` (same kernel shape, same
flattening order). This departs from Course 1, where a dense layer computes
$Z = W A + b$ on **columns**, `W` of shape $(n^{[l]}, n^{[l-1]})$: here `W3` is that matrix
transposed, `Y` holds one one-hot **row** per example, and the softmax normalises each row.

**Where the $\frac{1}{m}$ goes.** The cost is the mean cross-entropy over the $m$ examples,
$J = -\frac{1}{m} \sum_i \sum_k y^{(i)}_k \log a^{(i)}_k$. The backward pass puts its
$\frac{1}{m}$ into the first gradient, $dZ^{[3]} = \frac{1}{m}(A^{[3]} - Y)$ (Course 1 kept
it for `dW`), because the convolution and pooling layers return plain sums over the
examples: so every gradient below, `dW1` to `db3`, is exactly $\partial J / \partial$
parameter, as a gradient check measures it.

**Fast enough to train.** The layers run vectorised (im2col convolutions, pooling by
window offsets) and keep the dtype: float32 images and parameters train nearly twice as
fast as float64. The public functions check their inputs once and then call the layers'
unchecked kernels, so a mini-batch never pays for the checks.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from dl_notes._checks import (
    as_array,
    as_rng,
    check_ndim,
    check_positive,
    check_shape,
    check_shape_of,
)
from dl_notes.activations import _relu, _relu_backward, _softmax
from dl_notes.augmentation import random_crop
from dl_notes.convolution import (
    _as_images,
    _conv_backward,
    _conv_forward,
    _whole_number,
    _zero_pad,
)
from dl_notes.losses import _softmax_cross_entropy_cost
from dl_notes.optimizers import update_lr
from dl_notes.pooling import _pool_backward, _pool_forward
from dl_notes.training import OptimConfig, _check_config, _check_hyperparameters, _optimizer

__all__ = [
    "POOL",
    "LENET_CONFIG",
    "initialize_lenet",
    "lenet_forward",
    "lenet_cost",
    "lenet_backward",
    "train_lenet",
    "predict_lenet",
]

#: The pooling of both blocks: a 2 x 2 max pooling with stride 2.
POOL = {"f": 2, "stride": 2}

#: The default options of `train_lenet`: Adam, mini-batches of 64 and 12 epochs, the
#: learning rate $\alpha = 0.002 / (1 + 0.2 \cdot \text{epoch})$ of `update_lr`.
LENET_CONFIG = OptimConfig(
    optimizer="adam",
    learning_rate=0.002,
    mini_batch_size=64,
    num_epochs=12,
    decay=update_lr,
    decay_rate=0.2,
)


# --8<-- [start:initialize_lenet]
def initialize_lenet(input_shape, filters, n_classes, seed=0, *, f=5, dtype=np.float64):
    r"""He-initialised parameters of the LeNet-style network, zero biases.

    Each weight is drawn from $\mathcal{N}(0, \sigma^2)$ with He's
    $\sigma = \sqrt{2 / n_{in}}$, where $n_{in}$ counts the inputs of one unit: $f^2 n_{C,prev}$
    for a filter, $n_F$ for a dense unit. (Course 2, week 1: it keeps the variance of the
    activations steady through ReLU layers.)

    Parameters
    ----------
    input_shape : tuple of int
        `(n_H, n_W, n_C)` of one image, e.g. `(28, 28, 1)`; both sides at least 4.
    filters : tuple of int
        `(n_C1, n_C2)`: the number of filters of the two convolutions.
    n_classes : int
        $C$, the number of classes (units of the softmax layer), at least 2.
    seed : int or numpy.random.Generator, default 0
    f : int, default 5, keyword-only
        The filter size of both convolutions, odd ("same" padding needs $p = (f-1)/2$).
    dtype : numpy dtype, default float64, keyword-only
        `np.float32` trains nearly twice as fast; the gradient check wants float64.

    Returns
    -------
    parameters : dict
        `W1` (f, f, n_C, n_C1), `b1` (1, 1, 1, n_C1), `W2` (f, f, n_C1, n_C2),
        `b2` (1, 1, 1, n_C2), `W3` (n_F, C), `b3` (1, C), with
        $n_F = \lfloor \lfloor n_H/2 \rfloor / 2 \rfloor \cdot
        \lfloor \lfloor n_W/2 \rfloor / 2 \rfloor \cdot n_{C2}$.

    Examples
    --------
    >>> parameters = initialize_lenet((28, 28, 1), (8, 16), 10)
    >>> {key: value.shape for key, value in parameters.items()}["W3"]
    (784, 10)
    """
    where = "initialize_lenet"
    n_H, n_W, n_C, n_C1, n_C2, n_classes, f = _check_architecture(
        input_shape, filters, n_classes, f, where
    )
    rng = as_rng(seed, where, allow_none=False)
    n_F = (n_H // 2 // 2) * (n_W // 2 // 2) * n_C2  # features after the two poolings
    shapes = {"W1": (f, f, n_C, n_C1), "W2": (f, f, n_C1, n_C2), "W3": (n_F, n_classes)}
    fan_in = {"W1": f * f * n_C, "W2": f * f * n_C1, "W3": n_F}
    parameters = {}
    for l in (1, 2, 3):
        W = rng.standard_normal(shapes[f"W{l}"]) * np.sqrt(2.0 / fan_in[f"W{l}"])
        parameters[f"W{l}"] = W.astype(dtype)
        n_out = shapes[f"W{l}"][-1]
        parameters[f"b{l}"] = np.zeros((1, 1, 1, n_out) if l < 3 else (1, n_out), dtype)
    return parameters


# --8<-- [end:initialize_lenet]


# --8<-- [start:lenet_forward]
def lenet_forward(X, parameters):
    r"""Forward pass: two CONV -> RELU -> MAXPOOL blocks, then DENSE -> SOFTMAX on rows.

    $$
    \begin{aligned}
    Z^{[1]} &= \mathrm{conv}(X, W^{[1]}) + b^{[1]}, & A^{[1]} &= \mathrm{ReLU}(Z^{[1]}),
    & P^{[1]} &= \mathrm{maxpool}(A^{[1]}), \\
    Z^{[2]} &= \mathrm{conv}(P^{[1]}, W^{[2]}) + b^{[2]}, & A^{[2]} &= \mathrm{ReLU}(Z^{[2]}),
    & P^{[2]} &= \mathrm{maxpool}(A^{[2]}), \\
    F &= \mathrm{flatten}(P^{[2]}), & Z^{[3]} &= F W^{[3]} + b^{[3]},
    & A^{[3]} &= \mathrm{softmax}(Z^{[3]}) \text{ (each row)}.
    \end{aligned}
    $$

    Parameters
    ----------
    X : ndarray, shape (m, n_H, n_W, n_C)
        Images, examples first (pixels scaled to [0, 1] train best).
    parameters : dict
        From [`initialize_lenet`][dl_notes.convnet.initialize_lenet]: `W1`, `b1`, `W2`, `b2`,
        `W3`, `b3`.

    Returns
    -------
    AL : ndarray, shape (m, C)
        The softmax probabilities $A^{[3]}$: one row per example, summing to 1.
    caches : tuple
        What [`lenet_backward`][dl_notes.convnet.lenet_backward] needs, one entry per layer:
        `(conv_cache1, Z1, pool_cache1, conv_cache2, Z2, pool_cache2, dense_cache)`, where a
        conv cache is the course's `(A_prev, W, b, hparameters)`, a pool cache
        `(A_prev, hparameters)` and the dense cache `(F, W3, P2_shape)`.
    """
    X, parameters = _check_lenet(X, parameters, "lenet_forward")
    return _lenet_forward(X, parameters)


def _lenet_forward(X, parameters):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    conv1 = {"stride": 1, "pad": (W1.shape[0] - 1) // 2}  # "same": keeps n_H, n_W
    conv2 = {"stride": 1, "pad": (W2.shape[0] - 1) // 2}
    Z1 = _conv_forward(X, W1, b1, conv1["stride"], conv1["pad"])  # (m, n_H, n_W, n_C1)
    A1 = _relu(Z1)
    P1 = _pool_forward(A1, POOL["f"], POOL["stride"], "max")  # (m, n_H1, n_W1, n_C1)
    Z2 = _conv_forward(P1, W2, b2, conv2["stride"], conv2["pad"])  # (m, n_H1, n_W1, n_C2)
    A2 = _relu(Z2)
    P2 = _pool_forward(A2, POOL["f"], POOL["stride"], "max")  # (m, n_H2, n_W2, n_C2)
    F = P2.reshape(P2.shape[0], -1)  # (m, n_F): a row per example
    Z3 = F @ W3 + b3  # (m, C): rows, not columns
    AL = _softmax(Z3, axis=1)  # (m, C): each row sums to 1
    caches = (
        (X, W1, b1, conv1),
        Z1,
        (A1, POOL),
        (P1, W2, b2, conv2),
        Z2,
        (A2, POOL),
        (F, W3, P2.shape),
    )
    return AL, caches


# --8<-- [end:lenet_forward]


def lenet_cost(AL, Y):
    r"""Mean cross-entropy of the softmax rows.

    $$J = -\frac{1}{m} \sum_{i=1}^{m} \sum_{k=1}^{C} y^{(i)}_k \log a^{(i)}_k$$

    [`softmax_cross_entropy_cost`][dl_notes.losses.softmax_cross_entropy_cost] on the
    transposes: that function takes Course 2's columns, $(C, m)$.

    Parameters
    ----------
    AL : ndarray, shape (m, C)
        Softmax probabilities, one row per example (from `lenet_forward`).
    Y : ndarray, shape (m, C)
        One-hot labels, one row per example: `one_hot(labels, C).T`.

    Returns
    -------
    cost : float
    """
    AL, Y = _check_rows(AL, Y, "lenet_cost")
    return _softmax_cross_entropy_cost(AL.T, Y.T)


# --8<-- [start:lenet_backward]
def lenet_backward(AL, Y, caches):
    r"""Backward pass: the gradient of the mean cross-entropy $J$ with respect to every parameter.

    The layers in reverse, each with its own backward pass:

    $$dZ^{[3]} = \tfrac{1}{m}(A^{[3]} - Y), \quad dW^{[3]} = F^T dZ^{[3]}, \quad
    db^{[3]} = \textstyle\sum_i dZ^{[3]}_{i,:}, \quad dF = dZ^{[3]} W^{[3]T},$$

    then $dP^{[2]}$ (unflattened) $\to$ `pool_backward` $\to dA^{[2]} \to$ `relu_backward`
    $\to dZ^{[2]} \to$ `conv_backward` $\to dP^{[1]}, dW^{[2]}, db^{[2]}$, and the same for
    the first block. With the $\frac{1}{m}$ in $dZ^{[3]}$, the sums the convolution layers
    return are derivatives of $J$ itself.

    Parameters
    ----------
    AL : ndarray, shape (m, C)
        The probabilities `lenet_forward` returned.
    Y : ndarray, shape (m, C)
        One-hot labels, one row per example.
    caches : tuple
        The caches `lenet_forward` returned with `AL`.

    Returns
    -------
    grads : dict
        `dW1`, `db1`, `dW2`, `db2`, `dW3`, `db3`, each with the shape of its parameter:
        $\partial J / \partial W^{[1]}$, and so on.
    """
    AL, Y = _check_rows(AL, Y, "lenet_backward")
    _check_caches(AL, caches, "lenet_backward")
    return _lenet_backward(AL, Y, caches)


def _lenet_backward(AL, Y, caches):
    conv_cache1, Z1, pool_cache1, conv_cache2, Z2, pool_cache2, (F, W3, P2_shape) = caches
    m = AL.shape[0]
    # the dense layer, on rows; the 1/m of J goes in here, once, for every layer below
    dZ3 = (AL - Y) / m  # softmax + cross-entropy: (m, C)
    dW3 = F.T @ dZ3  # (n_F, C)
    db3 = dZ3.sum(axis=0, keepdims=True)  # (1, C)
    dP2 = (dZ3 @ W3.T).reshape(P2_shape)  # unflatten dF: (m, n_H2, n_W2, n_C2)
    # the second block, in reverse: pool, ReLU, convolution
    A2, _ = pool_cache2
    dA2 = _pool_backward(dP2, A2, POOL["f"], POOL["stride"], "max")  # (m, n_H1, n_W1, n_C2)
    dZ2 = _same_dtype(_relu_backward(dA2, Z2), Z2)
    P1, W2, _, conv2 = conv_cache2
    dP1, dW2, db2 = _conv_backward(dZ2, P1, W2, conv2["stride"], conv2["pad"])
    # the first block
    A1, _ = pool_cache1
    dA1 = _pool_backward(dP1, A1, POOL["f"], POOL["stride"], "max")  # (m, n_H, n_W, n_C1)
    dZ1 = _same_dtype(_relu_backward(dA1, Z1), Z1)
    X, W1, _, conv1 = conv_cache1
    _, dW1, db1 = _conv_backward(dZ1, X, W1, conv1["stride"], conv1["pad"])  # (dX: not needed)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def _same_dtype(dZ, Z):
    # departs from relu_backward alone: it multiplies by a float64 mask, which would turn
    # float32 gradients (and every layer below) into float64
    return dZ.astype(Z.dtype, copy=False)


# --8<-- [end:lenet_backward]


# --8<-- [start:train_lenet]
def train_lenet(X, Y, parameters, config=None, seed=0, print_cost=False, *, shift=0, **options):
    r"""Train the network on mini-batches with Adam (by default); return it and its costs.

    Every epoch shuffles the examples (one seeded permutation of the rows, as
    [`random_mini_batches`][dl_notes.optimizers.random_mini_batches] does with columns), cuts
    them into mini-batches and, for each, runs `lenet_forward`, `lenet_backward` and one
    update of the optimizer. Adam's bias correction counts updates across epochs.

    With `shift` $= s > 0$, every epoch sees every image moved by a random number of pixels
    between $-s$ and $s$, down and across (data augmentation, Course 4, week 2): the batch
    is zero-padded by $s$ ([`zero_pad`][dl_notes.convolution.zero_pad]) and a window of the
    original size is cut out of each image at a random place
    ([`random_crop`][dl_notes.augmentation.random_crop]).

    Parameters
    ----------
    X : ndarray, shape (m, n_H, n_W, n_C)
        Training images, examples first; float32 trains nearly twice as fast as float64
        (give `initialize_lenet` the same dtype).
    Y : ndarray, shape (m, C)
        One-hot labels, one row per example: `one_hot(labels, C).T`.
    parameters : dict
        The starting point, e.g. `initialize_lenet(X.shape[1:], (8, 16), C)`; not modified.
    config : OptimConfig, optional
        The optimizer and its options; default `LENET_CONFIG`: Adam, mini-batches of 64,
        12 epochs, and the learning rate $0.002 / (1 + 0.2 \cdot \text{epoch})$
        ([`update_lr`][dl_notes.optimizers.update_lr] with `decay_rate=0.2`). `decay` and
        `decay_rate` work as in [`train_with_optimizer`][dl_notes.training.train_with_optimizer].
    seed : int or numpy.random.Generator, default 0
        Seeds the shuffles (and the shifts).
    print_cost : bool, default False
        Print the cost after every epoch.
    shift : int, default 0, keyword-only
        The largest shift in pixels, $0 \le s < \min(n_H, n_W)$; 0 trains on the images as
        they are. Needs pixel values in [0, 1].
    **options
        Any field of [`OptimConfig`][dl_notes.training.OptimConfig], overriding `config`:
        `train_lenet(X, Y, parameters, num_epochs=2, learning_rate=0.001)`.

    Returns
    -------
    parameters : dict
        The trained parameters (new arrays).
    costs : list of float
        The cost of every epoch: the mean of its mini-batches' costs, weighted by their
        sizes (computed while the parameters change, as in Course 2).
    """
    where = "train_lenet"
    X, parameters = _check_lenet(X, parameters, where)
    Y = as_array(Y, "Y", where)
    check_shape(
        Y,
        (X.shape[0], parameters["W3"].shape[1]),
        "Y",
        where,
        f"one one-hot row per image of X (shape {X.shape}) and one column per class "
        f"(W3 has {parameters['W3'].shape[1]}); one_hot(labels, C).T makes it",
    )
    config = _lenet_config(config, options, where)
    rng = as_rng(seed, where, allow_none=False)
    shift = _check_shift(shift, X, where)
    update = _optimizer(config, parameters)  # the chosen optimizer, with its own state
    m, batch = X.shape[0], int(config.mini_batch_size)
    costs = []
    for epoch in range(int(config.num_epochs)):
        rate = config.learning_rate
        if config.decay is not None:
            rate = config.decay(config.learning_rate, epoch, config.decay_rate)
            _check_hyperparameters(config, rate)
        X_epoch = X
        if shift:  # every image moved by up to shift pixels
            X_epoch = random_crop(_zero_pad(X, shift), X.shape[1:3], seed=rng).astype(X.dtype)
        permutation = rng.permutation(m)  # a new order of the rows every epoch
        total = 0.0
        for k in range(0, m, batch):
            rows = permutation[k : k + batch]
            X_batch, Y_batch = X_epoch[rows], Y[rows]  # (m_batch, n_H, n_W, n_C), (m_batch, C)
            AL, caches = _lenet_forward(X_batch, parameters)
            total += _softmax_cross_entropy_cost(AL.T, Y_batch.T) * len(rows)
            grads = _lenet_backward(AL, Y_batch, caches)
            parameters = update(parameters, grads, rate)
        costs.append(total / m)
        if print_cost:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    return parameters, costs


# --8<-- [end:train_lenet]


def predict_lenet(X, parameters, batch_size=500):
    r"""The predicted class of every image: the index of the largest probability in its row.

    The forward pass runs on `batch_size` images at a time, so that the im2col matrices
    of a large set stay small.

    Parameters
    ----------
    X : ndarray, shape (m, n_H, n_W, n_C)
    parameters : dict
        A trained network.
    batch_size : int, default 500

    Returns
    -------
    labels : ndarray of int, shape (m,)
        Class indices in $0, \dots, C-1$: compare with the integer labels, e.g.
        `np.mean(predict_lenet(X, parameters) == labels)` is the accuracy.
    """
    where = "predict_lenet"
    X, parameters = _check_lenet(X, parameters, where)
    check_positive(batch_size, "batch_size", where, integer=True)
    batch_size = int(batch_size)
    labels = [
        np.argmax(_lenet_forward(X[k : k + batch_size], parameters)[0], axis=1)
        for k in range(0, X.shape[0], batch_size)
    ]
    return np.concatenate(labels) if labels else np.zeros(0, np.int64)


# --- input checks: once, at the front of each public function ---------------------


def _check_architecture(input_shape, filters, n_classes, f, where):
    """Return `n_H, n_W, n_C, n_C1, n_C2, n_classes, f` as ints, or raise saying what is wrong."""
    if not isinstance(input_shape, (tuple, list)) or len(input_shape) != 3:
        raise ValueError(
            f"{where}: input_shape must be (n_H, n_W, n_C), the shape of one image, "
            f"but {input_shape!r} was given."
        )
    n_H, n_W, n_C = (_whole_number(n, "each entry of input_shape", where, 1) for n in input_shape)
    if min(n_H, n_W) < 4:
        raise ValueError(
            f"{where}: the images must be at least 4 x 4 (two 2 x 2 poolings halve "
            f"them twice), but input_shape is {tuple(input_shape)}."
        )
    if not isinstance(filters, (tuple, list)) or len(filters) != 2:
        raise ValueError(
            f"{where}: filters must be a pair (n_C1, n_C2), the number of filters "
            f"of the two convolutions, but {filters!r} was given."
        )
    n_C1, n_C2 = (_whole_number(n, "each entry of filters", where, 1) for n in filters)
    n_classes = _whole_number(n_classes, "n_classes", where, 2)
    f = _whole_number(f, "f", where, 1)
    if f % 2 == 0:
        raise ValueError(
            f"{where}: f must be odd, so that 'same' padding p = (f - 1) / 2 keeps "
            f"the image size, but f = {f} was given."
        )
    return n_H, n_W, n_C, n_C1, n_C2, n_classes, f


def _check_shift(shift, X, where):
    shift = _whole_number(shift, "shift", where, 0)
    if shift and shift >= min(X.shape[1:3]):
        raise ValueError(
            f"{where}: shift must be smaller than the images ({X.shape[1]} x "
            f"{X.shape[2]}), but {shift} was given."
        )
    if shift and X.size and (X.min() < 0 or X.max() > 1):
        raise ValueError(
            f"{where}: shift needs pixel values in [0, 1] (random_crop checks them), "
            f"but X ranges from {X.min():.4g} to {X.max():.4g}; divide uint8 images "
            f"by 255."
        )
    return shift


def _check_lenet(X, parameters, where):
    """Check `X` and every parameter against each other; return `X` and the parameters as arrays."""
    X = _as_images(X, "X", where, "(m, n_H, n_W, n_C)")
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be the dict of initialize_lenet, with keys W1, "
            f"b1, W2, b2, W3, b3, but a {type(parameters).__name__} was given."
        )
    missing = [k for k in ("W1", "b1", "W2", "b2", "W3", "b3") if k not in parameters]
    if missing:
        raise ValueError(
            f"{where}: parameters has no {missing[0]!r}; it needs W1, b1, W2, b2, W3, "
            f"b3 (initialize_lenet makes them) but has {sorted(parameters)}."
        )
    p = {k: as_array(parameters[k], k, where) for k in ("W1", "b1", "W2", "b2", "W3", "b3")}
    m, n_H, n_W, n_C = X.shape
    if min(n_H, n_W) < 4:
        raise ValueError(
            f"{where}: the images must be at least 4 x 4 (two 2 x 2 poolings halve "
            f"them twice), but X has shape {X.shape}."
        )
    n_C_prev = n_C
    for l in (1, 2):
        W = p[f"W{l}"]
        check_ndim(W, 4, f"W{l}", where, "(f, f, n_C_prev, n_C)")
        f = W.shape[0]
        if W.shape[1] != f or f % 2 == 0:
            raise ValueError(
                f"{where}: W{l} must hold square filters of an odd size f, shape "
                f"(f, f, n_C_prev, n_C), but it has shape {W.shape}."
            )
        source = "X" if l == 1 else "W1"
        check_shape_of(
            W.shape,
            (f, f, n_C_prev, None),
            f"W{l}",
            where,
            f"its filters need {n_C_prev} channels, the channels {source} gives",
        )
        check_shape(
            p[f"b{l}"], (1, 1, 1, W.shape[3]), f"b{l}", where, f"one bias per filter of W{l}"
        )
        n_C_prev = W.shape[3]
    n_F = (n_H // 2 // 2) * (n_W // 2 // 2) * n_C_prev
    check_ndim(p["W3"], 2, "W3", where, "(n_F, C)")
    check_shape(
        p["W3"],
        (n_F, None),
        "W3",
        where,
        f"the second pooling gives {n_H // 2 // 2} x {n_W // 2 // 2} x {n_C_prev} = {n_F} "
        f"features per image of shape {X.shape[1:]}",
    )
    check_shape(p["b3"], (1, p["W3"].shape[1]), "b3", where, "one bias per class, a row")
    return X, {**parameters, **p}


def _check_rows(AL, Y, where):
    AL = as_array(AL, "AL", where)
    Y = as_array(Y, "Y", where)
    check_ndim(AL, 2, "AL", where, "(m, C)")
    check_shape(
        Y,
        AL.shape,
        "Y",
        where,
        "one one-hot row per example, like AL; one_hot(labels, C).T makes it",
    )
    return AL, Y


def _check_caches(AL, caches, where):
    if not isinstance(caches, tuple) or len(caches) != 7:
        raise ValueError(f"{where}: caches must be the 7-tuple that lenet_forward returns with AL.")
    F = caches[6][0]
    if F.shape[0] != AL.shape[0]:
        raise ValueError(
            f"{where}: AL has {AL.shape[0]} rows but the caches hold {F.shape[0]} "
            f"examples; pass the caches lenet_forward returned with this AL."
        )


def _lenet_config(config, options, where):
    """`config` (default `LENET_CONFIG`) with `options` applied, every field checked."""
    if config is None:
        config = LENET_CONFIG
    elif not isinstance(config, OptimConfig):
        raise TypeError(
            f"{where}: config must be an OptimConfig, but a {type(config).__name__} was given."
        )
    fields = [field.name for field in dataclasses.fields(OptimConfig)]
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise TypeError(
            f"{where}: unknown option {unknown[0]!r}; the options are {', '.join(fields)}."
        )
    config = dataclasses.replace(config, **options)
    _check_config(config, where)
    return config
