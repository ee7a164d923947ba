r"""Transfer learning and multi-task learning with Keras (Course 3, week 2; beyond the course).

Taught in: Course 3, [week 2](../../course3/week2.md#transfer-learning) (transfer learning
and [multi-task learning](../../course3/week2.md#multi-task-learning)) and the labs
[W2 · Transfer learning](../../course3/labs/w2-transfer-learning.ipynb) and
[W2 · Multi-task learning](../../course3/labs/w2-multitask-learning.ipynb).

The course teaches both ideas in lectures only. This module holds what the labs need to
measure them on handwritten digits:

| step | function |
|---|---|
| make the images harder: each digit at a random place in a larger frame | [`place_digits`][dl_notes.tf.multitask.place_digits] |
| several yes/no labels per image ("even", "at least 5", ...) | [`digit_attributes`][dl_notes.tf.multitask.digit_attributes] |
| remove some labels, as when nobody labelled them | [`hide_labels`][dl_notes.tf.multitask.hide_labels] |
| a small training set with the same number of images of each class | [`balanced_subset`][dl_notes.tf.multitask.balanced_subset] |
| the multi-task cost, summed over the known labels only | [`masked_binary_crossentropy`][dl_notes.tf.multitask.masked_binary_crossentropy] |
| accuracy of each task over its known labels, or of a classifier | [`masked_accuracy`][dl_notes.tf.multitask.masked_accuracy], [`class_accuracy`][dl_notes.tf.multitask.class_accuracy] |
| a small ConvNet | [`build_cnn`][dl_notes.tf.multitask.build_cnn] |
| copy a trained network's layers, frozen, under a new output layer | [`transfer`][dl_notes.tf.multitask.transfer] |
| a seeded training loop (Adam, mini-batches) | [`train`][dl_notes.tf.multitask.train] |

**Where the examples go.** Keras puts examples in *rows*: images are `(m, height, width, 1)`
and the labels of $n_y$ tasks are `(m, n_y)`, the transpose of the course's `Y` of shape
`(n_y, m)`. The NumPy multi-task cost
[`multi_task_cost`][dl_notes.losses.multi_task_cost] keeps the course's layout; the tests
check that both give the same number.

| name | shape | dtype |
|---|---|---|
| `X_train_orig` (from [`load_mnist_digits`][dl_notes.data.load_mnist_digits]) | `(m, 28, 28)` | uint8 |
| `X` from `place_digits(X_train_orig, size=36)` | `(m, 36, 36, 1)` | float32 in [0, 1] |
| `Y` from `digit_attributes(Y_train_orig)` | `(m, 4)` | float32: 0, 1, or `nan` after `hide_labels` |
| output of a multi-task model | `(m, 4)` | float32 in (0, 1), one sigmoid per task |

**Reproducible.** Every random choice takes a seed: the initial weights (each layer gets its
own seeded Glorot initializer), the placement of the digits, the hidden labels and the order
of the mini-batches. Nothing here touches a global random generator.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import (
    as_array,
    as_rng,
    check_choice,
    check_interval,
    check_positive,
)

__all__ = [
    "ATTRIBUTES",
    "place_digits",
    "digit_attributes",
    "hide_labels",
    "balanced_subset",
    "masked_binary_crossentropy",
    "masked_accuracy",
    "class_accuracy",
    "build_cnn",
    "transfer",
    "train",
]

ATTRIBUTES = {
    "even": (0, 2, 4, 6, 8),
    "at least 5": (5, 6, 7, 8, 9),
    "closed loop": (0, 6, 8, 9),
    "prime": (2, 3, 5, 7),
}
"""The four yes/no questions asked about a digit: question -> the digits answered yes.

"closed loop" follows the usual handwriting, in which 4 is written open.
"""


# --8<-- [start:data]
def place_digits(X_orig, size=36, seed=0):
    r"""Put each 28x28 digit at a random position in a larger black frame, and scale to [0, 1].

    MNIST digits are centred, so their raw pixels already line up from one image to the next,
    and a network fits them well from a handful of examples. In photos the object can be
    anywhere. Shifting each digit by a random offset of up to `size - 28` pixels in each
    direction (uniform, independently for rows and columns) makes the pixels alone a much
    weaker clue: the network has to learn features that find strokes wherever they are.

    Parameters
    ----------
    X_orig : ndarray, shape (m, 28, 28)
        Images with pixels in 0..255, e.g. `X_train_orig` from
        [`load_mnist_digits`][dl_notes.data.load_mnist_digits].
    size : int, default 36
        Side of the frame, at least 28 (28 returns the digits where they are).
    seed : int or numpy.random.Generator or None, default 0
        Seed of the offsets.

    Returns
    -------
    X : ndarray of float32, shape (m, size, size, 1)
        The framed images, pixels in [0, 1], with the channel axis Keras convolutions expect.

    Examples
    --------
    >>> X = place_digits(np.full((2, 28, 28), 255, np.uint8), size=30, seed=0)
    >>> X.shape, float(X.sum(axis=(1, 2, 3))[0]) == 28 * 28
    ((2, 30, 30, 1), True)
    """
    where = "place_digits"
    X_orig = as_array(X_orig, "X_orig", where)
    if X_orig.ndim != 3 or X_orig.shape[1:] != (28, 28):
        raise ValueError(f"{where}: X_orig must have shape (m, 28, 28), but it has shape {X_orig.shape}.")
    check_positive(size, "size", where, integer=True)
    size = int(size)
    if size < 28:
        raise ValueError(f"{where}: size must be at least 28 (the side of a digit), but {size} was given.")
    rng = as_rng(seed, where)
    m = X_orig.shape[0]
    top, left = rng.integers(0, size - 28 + 1, size=(2, m))
    rows = top[:, None, None] + np.arange(28)[None, :, None]        # (m, 28, 1)
    cols = left[:, None, None] + np.arange(28)[None, None, :]       # (m, 1, 28)
    X = np.zeros((m, size, size), np.float32)
    X[np.arange(m)[:, None, None], rows, cols] = X_orig / 255.0
    return X[..., None]


def digit_attributes(Y_orig, attributes=None):
    r"""Several yes/no labels per digit: one column per question of `attributes`.

    Like the course's road images labelled for pedestrian, car, stop sign and traffic light at
    once, each digit gets $n_y$ binary labels:

    $$Y_{ij} = \mathbb{1}\big[\text{digit}^{(i)} \in S_j\big], \qquad j = 1, \dots, n_y,$$

    where $S_j$ is the set of digits for which question $j$ is answered yes.

    Parameters
    ----------
    Y_orig : ndarray of int, shape (1, m) or (m,)
        Digits 0..9, e.g. `Y_train_orig` from [`load_mnist_digits`][dl_notes.data.load_mnist_digits].
    attributes : dict of str to iterable of int, optional
        Question name -> digits answered yes. Default [`ATTRIBUTES`][dl_notes.tf.multitask.ATTRIBUTES]:
        even, at least 5, closed loop (0, 6, 8, 9), prime.

    Returns
    -------
    Y : ndarray of float32, shape (m, n_y)
        0 or 1; column `j` answers the `j`-th question of `attributes`.

    Examples
    --------
    >>> digit_attributes(np.array([[0, 7]]))
    array([[1., 0., 1., 0.],
           [0., 1., 0., 1.]], dtype=float32)
    """
    where = "digit_attributes"
    attributes = ATTRIBUTES if attributes is None else attributes
    if not isinstance(attributes, dict) or not attributes:
        raise TypeError(
            f"{where}: attributes must be a non-empty dict of question name -> digits, such as "
            f"{{'even': (0, 2, 4, 6, 8)}}, but {attributes!r} was given."
        )
    Y_orig = np.asarray(Y_orig)
    if Y_orig.ndim == 2 and Y_orig.shape[0] == 1:
        Y_orig = Y_orig[0]
    if Y_orig.ndim != 1:
        raise ValueError(f"{where}: Y_orig must have shape (1, m) or (m,), but it has shape {Y_orig.shape}.")
    if Y_orig.dtype.kind not in "ui" or (Y_orig.size and not 0 <= Y_orig.min() <= Y_orig.max() <= 9):
        raise ValueError(f"{where}: Y_orig must hold integer digits 0..9, but it holds {np.unique(Y_orig)[:10]}.")
    return np.stack([np.isin(Y_orig, list(digits)) for digits in attributes.values()], axis=1).astype(np.float32)


def hide_labels(Y, fraction, seed=0):
    r"""A copy of `Y` with a random `fraction` of its entries replaced by `nan` ("not labelled").

    Each entry is hidden independently with probability `fraction`, so an image may keep all
    its labels, some of them, or none.

    Parameters
    ----------
    Y : ndarray, shape (m, n_y)
        Labels 0 or 1.
    fraction : float
        Probability of hiding each label, in [0, 1).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    Y_missing : ndarray of float32, shape (m, n_y)
        `Y` with `nan` where a label is hidden.
    """
    where = "hide_labels"
    Y = as_array(Y, "Y", where)
    if Y.ndim != 2:
        raise ValueError(f"{where}: Y must have shape (m, n_y), one row per example, but it has shape {Y.shape}.")
    check_interval(fraction, "fraction", where, 0, 1)
    rng = as_rng(seed, where)
    Y_missing = Y.astype(np.float32)
    Y_missing[rng.random(Y.shape) < fraction] = np.nan
    return Y_missing


def balanced_subset(y, n_per_class, seed=0):
    r"""Indices of a random training subset with `n_per_class` examples of every class of `y`.

    Parameters
    ----------
    y : ndarray of int, shape (m,) or (1, m)
        Class labels.
    n_per_class : int
        How many examples of each class to draw (without replacement).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    idx : ndarray of int, shape (n_classes * n_per_class,)
        Positions in `y`, shuffled (not grouped by class).

    Examples
    --------
    >>> idx = balanced_subset(np.array([0, 0, 1, 1, 1, 2, 2]), 2)
    >>> sorted(np.array([0, 0, 1, 1, 1, 2, 2])[idx].tolist())
    [0, 0, 1, 1, 2, 2]
    """
    where = "balanced_subset"
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == 1:
        y = y[0]
    if y.ndim != 1 or y.dtype.kind not in "ui":
        raise ValueError(f"{where}: y must be integer labels of shape (m,) or (1, m), but it has shape "
                         f"{y.shape} and dtype {y.dtype}.")
    check_positive(n_per_class, "n_per_class", where, integer=True)
    classes, counts = np.unique(y, return_counts=True)
    if counts.min() < n_per_class:
        raise ValueError(
            f"{where}: class {classes[counts.argmin()]} has only {counts.min()} examples, fewer than "
            f"n_per_class={n_per_class}."
        )
    rng = as_rng(seed, where)
    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), int(n_per_class), replace=False) for c in classes])
    return rng.permutation(idx)
# --8<-- [end:data]


# --8<-- [start:masked_binary_crossentropy]
def masked_binary_crossentropy(y_true, y_pred):
    r"""The course's multi-task loss: binary cross-entropy summed over the known labels only.

    For one example with $n_y$ sigmoid outputs $\hat y_j$ and labels $y_j \in \{0, 1, ?\}$
    (`nan` for "?"):

    $$\mathcal{L}^{(i)} = \sum_{j:\; y^{(i)}_j \ne\, ?} -\Big(y^{(i)}_j \log \hat y^{(i)}_j
    + (1 - y^{(i)}_j) \log\big(1 - \hat y^{(i)}_j\big)\Big).$$

    Keras averages the returned per-example losses over a mini-batch, which gives the course's
    cost $J = \frac{1}{m} \sum_{i=1}^m \mathcal{L}^{(i)}$, the same number as
    [`multi_task_cost`][dl_notes.losses.multi_task_cost]. Use it like any Keras loss,
    `model.compile(loss=masked_binary_crossentropy)`, or in [`train`][dl_notes.tf.multitask.train].

    **NaN never reaches the gradient.** A `nan` label is replaced by 0 *before* the loss is
    computed and the loss of that entry is then replaced by 0 with `tf.where`; predictions are
    clipped to $[\epsilon, 1 - \epsilon]$ ($\epsilon = 10^{-7}$, Keras's `epsilon()`), so every
    term is finite. The gradient with respect to a prediction whose label is missing is exactly
    0. (Multiplying the losses by a 0/1 mask, without replacing the `nan` labels first, would not
    do: $0 \cdot \text{nan} = \text{nan}$.)

    Parameters
    ----------
    y_true : tf.Tensor or ndarray, shape (m, n_y)
        Labels 0 or 1, or `nan` where missing. Any batch of rows works, including a single task
        of shape (m, 1).
    y_pred : tf.Tensor or ndarray, shape (m, n_y)
        Sigmoid outputs in [0, 1].

    Returns
    -------
    loss : tf.Tensor, shape (m,)
        $\mathcal{L}^{(i)}$ of each example, in the dtype of `y_pred` (0 for an example with no
        known label).

    Raises
    ------
    ValueError
        If the shapes differ or have fewer than 2 dimensions; or, when called eagerly, if
        `y_true` holds a value other than 0, 1 or `nan`.

    Examples
    --------
    >>> nan = float("nan")
    >>> loss = masked_binary_crossentropy([[1.0, nan], [nan, nan]], [[0.5, 0.9], [0.2, 0.3]])
    >>> np.round(loss.numpy(), 4)   # log 2, and 0 for the example with no label
    array([0.6931, 0.    ], dtype=float32)
    """
    where = "masked_binary_crossentropy"
    y_pred = tf.convert_to_tensor(y_pred)
    if not y_pred.dtype.is_floating:
        y_pred = tf.cast(y_pred, keras.config.floatx())
    y_true = tf.cast(tf.convert_to_tensor(y_true), y_pred.dtype)
    _check_same_shape(y_true, y_pred, where)
    labelled = tf.logical_not(tf.math.is_nan(y_true))
    if tf.executing_eagerly():
        bad = tf.logical_and(labelled, tf.logical_and(y_true != 0, y_true != 1))
        if bool(tf.reduce_any(bad)):
            raise ValueError(
                f"{where}: y_true must hold labels 0 or 1, or nan for a missing label, but it contains "
                f"{np.unique(y_true.numpy()[bad.numpy()])[:5].tolist()}."
            )
    y = tf.where(labelled, y_true, tf.zeros_like(y_true))          # no nan from here on
    eps = keras.config.epsilon()
    a = tf.clip_by_value(y_pred, eps, 1.0 - eps)
    losses = -(y * tf.math.log(a) + (1.0 - y) * tf.math.log(1.0 - a))
    losses = tf.where(labelled, losses, tf.zeros_like(losses))      # missing labels cost nothing
    return tf.reduce_sum(losses, axis=-1)
# --8<-- [end:masked_binary_crossentropy]


def masked_accuracy(Y, Y_prob, threshold=0.5):
    r"""Accuracy of each task over its known labels: predict 1 where the output exceeds `threshold`.

    $$\text{acc}_j = \frac{\#\{i : y^{(i)}_j \ne ?,\ \mathbb{1}[\hat y^{(i)}_j > \text{threshold}] = y^{(i)}_j\}}
    {\#\{i : y^{(i)}_j \ne ?\}}$$

    Parameters
    ----------
    Y : ndarray, shape (m, n_y)
        Labels 0 or 1, or `nan` where missing.
    Y_prob : ndarray or tf.Tensor, shape (m, n_y)
        Sigmoid outputs, e.g. `model(X)`.
    threshold : float, default 0.5

    Returns
    -------
    acc : ndarray of float64, shape (n_y,)
        One accuracy per task, in [0, 1]; `nan` for a task with no known label.
    """
    where = "masked_accuracy"
    Y = as_array(Y, "Y", where)
    Y_prob = as_array(np.asarray(Y_prob), "Y_prob", where)
    if Y.ndim != 2 or Y.shape != Y_prob.shape:
        raise ValueError(
            f"{where}: Y and Y_prob must both have shape (m, n_y), but Y has shape {Y.shape} "
            f"and Y_prob has shape {Y_prob.shape}."
        )
    labelled = ~np.isnan(Y)
    correct = ((Y_prob > threshold) == (Y == 1)) & labelled
    with np.errstate(invalid="ignore", divide="ignore"):
        return correct.sum(axis=0) / labelled.sum(axis=0)


def class_accuracy(model, X, y):
    r"""Fraction of examples whose most probable class is the label: $\frac{1}{m}\sum_i \mathbb{1}[\arg\max_k \hat y^{(i)}_k = y^{(i)}]$.

    Parameters
    ----------
    model : keras.Model
        A classifier with a softmax output: `model(X)` has shape (m, C).
    X : ndarray, shape (m, ...)
    y : ndarray of int, shape (m,)
        Class labels in 0..C-1.

    Returns
    -------
    accuracy : float
        In [0, 1].
    """
    where = "class_accuracy"
    y = np.asarray(y)
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"{where}: y must have shape (m,) with m = {len(X)} (the examples of X), "
                         f"but it has shape {y.shape}.")
    probs = np.asarray(model(np.asarray(X, np.float32), training=False))
    return float(np.mean(np.argmax(probs, axis=1) == y))


# --8<-- [start:models]
def build_cnn(input_shape=(36, 36, 1), n_y=6, output_activation="softmax", filters=(16, 32), seed=0):
    r"""A small ConvNet: `CONV5x5 -> RELU -> MAXPOOL -> CONV3x3 -> RELU -> MAXPOOL -> FLATTEN -> DENSE`.

    The convolutions have `filters[0]` and `filters[1]` filters, 'valid' padding and stride 1;
    each pool halves the height and width. For 36x36 inputs and `filters=(16, 32)` the shapes are
    (36, 36, 1) -> (32, 32, 16) -> (16, 16, 16) -> (14, 14, 32) -> (7, 7, 32) -> 1568 -> `n_y`.
    Layers are named `conv1`, `pool1`, `conv2`, `pool2`, `flatten` and `output`.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (36, 36, 1)
        (height, width, channels) of one image; at least 10x10.
    n_y : int, default 6
        Units of the output layer: classes for softmax, tasks for sigmoid.
    output_activation : {"softmax", "sigmoid"}, default "softmax"
    filters : tuple of 2 int, default (16, 32)
    seed : int, default 0
        Seeds each layer's Glorot-uniform initializer (layer `k` gets `seed * 100 + k`);
        biases start at 0.

    Returns
    -------
    model : keras.Sequential
        Built (its weights exist), not compiled. `model(X)` has shape (m, n_y).
    """
    where = "build_cnn"
    if len(tuple(input_shape)) != 3 or min(input_shape[:2]) < 10:
        raise ValueError(
            f"{where}: input_shape must be (height, width, channels) with height and width at least 10, "
            f"but {tuple(input_shape)!r} was given."
        )
    check_positive(n_y, "n_y", where, integer=True)
    check_choice(output_activation, ("softmax", "sigmoid"), "output_activation", where)
    if len(tuple(filters)) != 2:
        raise ValueError(f"{where}: filters must give 2 numbers of filters, but {filters!r} was given.")
    for f in filters:
        check_positive(f, "filters", where, integer=True)
    seed = _check_seed(seed, where)

    def init(k):
        return keras.initializers.GlorotUniform(seed=seed * 100 + k)

    layers = keras.layers
    return keras.Sequential([
        keras.Input(tuple(input_shape)),
        layers.Conv2D(int(filters[0]), 5, activation="relu", kernel_initializer=init(1), name="conv1"),
        layers.MaxPooling2D(2, name="pool1"),
        layers.Conv2D(int(filters[1]), 3, activation="relu", kernel_initializer=init(2), name="conv2"),
        layers.MaxPooling2D(2, name="pool2"),
        layers.Flatten(name="flatten"),
        layers.Dense(int(n_y), activation=output_activation, kernel_initializer=init(3), name="output"),
    ], name="cnn")


def transfer(source, n_y, n_layers=None, trainable=False, output_activation="softmax", seed=0):
    r"""Reuse a trained network for a new task: copy its first layers, add a new output layer.

    The course's recipe: keep what the network learned on task A (the first `n_layers` layers,
    weights included), delete its output layer, and put a new, randomly initialized output
    layer for task B on top. With `trainable=False` the copied layers are frozen and only the
    new layer learns: the right choice when task B has little data. With more data, set
    `trainable=True` to *fine-tune* every layer, starting from A's weights.

    The layers are copies: training the new model never changes `source`.

    Parameters
    ----------
    source : keras.Sequential
        The trained network of task A.
    n_y : int
        Units of the new output layer.
    n_layers : int, optional
        How many of the source's layers to copy, counted from the input. Default: all but the
        last (the source's output layer). When the copied layers end inside the ConvNet (their
        output is an image of features), a `Flatten` layer named `flatten_new` comes before the
        new output layer.
    trainable : bool, default False
        Whether the copied layers keep learning (fine-tuning) or stay frozen.
    output_activation : {"softmax", "sigmoid"}, default "softmax"
    seed : int, default 0
        Seed of the new layer's Glorot-uniform initializer; its bias starts at 0.

    Returns
    -------
    model : keras.Sequential
        The copied layers, then `Dense(n_y)` named `output`. Built, not compiled;
        `model(X)` has shape (m, n_y).
    """
    where = "transfer"
    if not isinstance(source, keras.Sequential):
        raise TypeError(f"{where}: source must be a keras.Sequential model, but a {type(source).__name__} was given.")
    check_positive(n_y, "n_y", where, integer=True)
    check_choice(output_activation, ("softmax", "sigmoid"), "output_activation", where)
    most = len(source.layers) - 1                                     # every layer but the output layer
    n_layers = most if n_layers is None else n_layers
    if isinstance(n_layers, bool) or not isinstance(n_layers, (int, np.integer)) or not 1 <= n_layers <= most:
        raise ValueError(
            f"{where}: n_layers must be an int from 1 to {most} (the source has {most + 1} layers and "
            f"its output layer is replaced), but {n_layers!r} was given."
        )
    if not isinstance(trainable, bool):
        raise TypeError(f"{where}: trainable must be True or False, but {trainable!r} was given.")
    seed = _check_seed(seed, where)

    copies = []
    for layer in source.layers[:int(n_layers)]:
        copy = layer.__class__.from_config(layer.get_config())
        copy.trainable = trainable
        copies.append(copy)
    model = keras.Sequential([keras.Input(source.input_shape[1:]), *copies], name="transfer")
    for copy, layer in zip(copies, source.layers):
        copy.set_weights(layer.get_weights())
    if len(model.output_shape) > 2:                                   # stopped inside the ConvNet
        model.add(keras.layers.Flatten(name="flatten_new"))
    model.add(keras.layers.Dense(int(n_y), activation=output_activation, name="output",
                                 kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 99)))
    return model
# --8<-- [end:models]


# --8<-- [start:train]
def train(model, X, Y, loss, learning_rate=0.001, num_epochs=10, mini_batch_size=32, seed=0):
    r"""Train `model` with Adam on shuffled mini-batches; return the cost of each epoch.

    Each epoch draws a new order of the examples (seeded), cuts it into mini-batches of
    `mini_batch_size` (the last one may be smaller) and takes one Adam step per mini-batch on

    $$J_{\text{batch}} = \frac{1}{m_{\text{batch}}} \sum_{i \in \text{batch}} \mathcal{L}^{(i)},$$

    where `loss(Y_batch, model(X_batch))` returns the $\mathcal{L}^{(i)}$. Only the trainable
    weights move: frozen layers (see [`transfer`][dl_notes.tf.multitask.transfer]) stay put.
    The step is compiled once per call with `tf.function`, as in [`dl_notes.tf.intro.model`][dl_notes.tf.intro.model]:
    `model.fit` does the same work but costs tens of milliseconds per epoch, which dominates
    when a training set holds a few dozen images.

    Parameters
    ----------
    model : keras.Model
        A built model; `model(X)` has the shape of `Y`.
    X : ndarray, shape (m, ...)
        Inputs, one example per row.
    Y : ndarray, shape (m,) or (m, n_y)
        Labels as `loss` wants them (class indices for `keras.losses.sparse_categorical_crossentropy`,
        0/1/`nan` for [`masked_binary_crossentropy`][dl_notes.tf.multitask.masked_binary_crossentropy]).
    loss : callable
        `loss(y_true, y_pred)` returning one loss per example, shape (m_batch,).
    learning_rate : float, default 0.001
        Adam's $\alpha$.
    num_epochs : int, default 10
    mini_batch_size : int, default 32
    seed : int, default 0
        Seed of the order of the examples.

    Returns
    -------
    costs : list of float
        The mean of $J_{\text{batch}}$ over each epoch's mini-batches, weighted by their sizes
        (`num_epochs` values).
    """
    where = "train"
    if not isinstance(model, keras.Model):
        raise TypeError(f"{where}: model must be a keras.Model, but a {type(model).__name__} was given.")
    if not callable(loss):
        raise TypeError(f"{where}: loss must be a function loss(y_true, y_pred), but a {type(loss).__name__} was given.")
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim < 2 or Y.ndim < 1 or X.shape[0] != Y.shape[0] or X.shape[0] == 0:
        raise ValueError(
            f"{where}: X and Y must hold the same number m > 0 of examples in their first axis, but X has "
            f"shape {X.shape} and Y has shape {Y.shape}."
        )
    check_positive(learning_rate, "learning_rate", where)
    check_positive(num_epochs, "num_epochs", where, integer=True)
    check_positive(mini_batch_size, "mini_batch_size", where, integer=True)
    rng = as_rng(seed, where)
    m, mini_batch_size = X.shape[0], int(mini_batch_size)
    X = tf.constant(X, dtype=tf.float32)
    Y = tf.constant(Y, dtype=tf.float32 if Y.dtype.kind == "f" else tf.int64)

    variables = model.trainable_variables
    optimizer = keras.optimizers.Adam(learning_rate)
    optimizer.build(variables)

    @tf.function(input_signature=[tf.TensorSpec((None,), tf.int64)])
    def train_step(batch):
        X_batch, Y_batch = tf.gather(X, batch), tf.gather(Y, batch)
        with tf.GradientTape() as tape:
            J = tf.reduce_mean(loss(Y_batch, model(X_batch, training=True)))
        grads = tape.gradient(J, variables)
        optimizer.apply_gradients(zip(grads, variables))
        return J

    costs = []
    num_batches = math.ceil(m / mini_batch_size)
    for _ in range(int(num_epochs)):
        order = rng.permutation(m)
        total = 0.0
        for k in range(num_batches):
            batch = order[k * mini_batch_size:(k + 1) * mini_batch_size]
            total += float(train_step(tf.constant(batch, tf.int64))) * len(batch)
        costs.append(total / m)
    return costs
# --8<-- [end:train]


def _check_seed(seed, where):
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise TypeError(f"{where}: seed must be an int >= 0, but {seed!r} was given.")
    return int(seed)


def _check_same_shape(y_true, y_pred, where):
    """Raise ValueError unless the static shapes agree (unknown sizes match anything) and have rank >= 2."""
    a, b = y_true.shape, y_pred.shape
    if a.rank is None or b.rank is None:
        return
    if a.rank < 2 or a.rank != b.rank or not a.is_compatible_with(b):
        raise ValueError(
            f"{where}: y_true and y_pred must have the same shape (m, n_y), one row per example and one "
            f"column per task, but y_true has shape {tuple(a.as_list())} and y_pred has shape "
            f"{tuple(b.as_list())}."
        )
