r"""Transfer learning and multi-task learning with Keras (Course 3, week 2; beyond the course).

Taught in: Course 3, [week 2](../../course3/week2.md#transfer-learning) (transfer learning
and [multi-task learning](../../course3/week2.md#multi-task-learning)) and the labs
[W2 · Transfer learning](../../course3/labs/w2-transfer-learning.ipynb) and
[W2 · Multi-task learning](../../course3/labs/w2-multitask-learning.ipynb).

The course teaches both ideas in lectures only. This module holds the Keras half of what
the labs need to measure them on handwritten digits; the images and labels themselves
(digits placed at random in a larger frame, yes/no attribute labels, hidden labels,
balanced subsets) are NumPy and live in
[`dl_notes.data.synthetic_vision`](data.synthetic_vision.md).

| step | function |
|---|---|
| the multi-task cost, summed over the known labels only | [`masked_binary_crossentropy`][dl_notes.tf.multitask.masked_binary_crossentropy] |
| accuracy of each task over its known labels, or of a classifier | [`masked_accuracy`][dl_notes.tf.multitask.masked_accuracy], [`class_accuracy`][dl_notes.tf.multitask.class_accuracy] |
| a small ConvNet | [`build_cnn`][dl_notes.tf.multitask.build_cnn] |
| copy a trained network's layers, frozen, under a new output layer | [`transfer`][dl_notes.tf.multitask.transfer] |
| a seeded training loop (Adam, mini-batches) | [`train`][dl_notes.tf.multitask.train], on the shared [`fit`][dl_notes.tf.training.fit] |

**Where the examples go.** Keras puts examples in *rows*: images are `(m, height, width, 1)`
and the labels of $n_y$ tasks are `(m, n_y)`, the transpose of the course's `Y` of shape
`(n_y, m)`. The NumPy multi-task cost
[`multi_task_cost`][dl_notes.losses.multi_task_cost] keeps the course's layout; the tests
check that both give the same number.

| name | shape | dtype |
|---|---|---|
| `X` from [`place_digits`][dl_notes.data.synthetic_vision.place_digits]`(X_train_orig, size=36)` | `(m, 36, 36, 1)` | float32 in [0, 1] |
| `Y` from [`digit_attributes`][dl_notes.data.synthetic_vision.digit_attributes]`(Y_train_orig)` | `(m, 4)` | float32: 0, 1, or `nan` after `hide_labels` |
| output of a multi-task model | `(m, 4)` | float32 in (0, 1), one sigmoid per task |

**Reproducible.** Every random choice takes a seed: the initial weights (each layer gets its
own seeded Glorot initializer) and the order of the mini-batches. Nothing here touches a
global random generator.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import as_array, as_rng, check_choice, check_positive, check_seed
from dl_notes.tf.training import fit

__all__ = [
    "masked_binary_crossentropy",
    "masked_accuracy",
    "class_accuracy",
    "build_cnn",
    "transfer",
    "train",
]


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
                f"{where}: y_true must hold labels 0 or 1, or nan for a missing label, "
                f"but it contains {np.unique(y_true.numpy()[bad.numpy()])[:5].tolist()}."
            )
    y = tf.where(labelled, y_true, tf.zeros_like(y_true))  # no nan from here on
    eps = keras.config.epsilon()
    a = tf.clip_by_value(y_pred, eps, 1.0 - eps)
    losses = -(y * tf.math.log(a) + (1.0 - y) * tf.math.log(1.0 - a))
    losses = tf.where(labelled, losses, tf.zeros_like(losses))  # missing labels cost nothing
    return tf.reduce_sum(losses, axis=-1)


# --8<-- [end:masked_binary_crossentropy]


def masked_accuracy(Y, Y_prob, threshold=0.5):
    r"""Accuracy of each task over its known labels: predict 1 where the output exceeds `threshold`.

    $$\text{acc}_j =
    \frac{\#\{i : y^{(i)}_j \ne ?,\ \mathbb{1}[\hat y^{(i)}_j > \text{threshold}] = y^{(i)}_j\}}
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
    r"""Fraction of examples whose most probable class is the label:
    $\frac{1}{m}\sum_i \mathbb{1}[\arg\max_k \hat y^{(i)}_k = y^{(i)}]$.

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
        raise ValueError(
            f"{where}: y must have shape (m,) with m = {len(X)} "
            f"(the examples of X), but it has shape {y.shape}."
        )
    probs = np.asarray(model(np.asarray(X, np.float32), training=False))
    return float(np.mean(np.argmax(probs, axis=1) == y))


# --8<-- [start:models]
def build_cnn(
    input_shape=(36, 36, 1), n_y=6, output_activation="softmax", filters=(16, 32), seed=0
):
    r"""A small ConvNet:
    `CONV5x5 -> RELU -> MAXPOOL -> CONV3x3 -> RELU -> MAXPOOL -> FLATTEN -> DENSE`.

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
            f"{where}: input_shape must be (height, width, channels) with "
            f"height and width at least 10, but {tuple(input_shape)!r} was given."
        )
    check_positive(n_y, "n_y", where, integer=True)
    check_choice(output_activation, ("softmax", "sigmoid"), "output_activation", where)
    if len(tuple(filters)) != 2:
        raise ValueError(
            f"{where}: filters must give 2 numbers of filters, but {filters!r} was given."
        )
    for f in filters:
        check_positive(f, "filters", where, integer=True)
    seed = check_seed(seed, where, minimum=0)

    def init(k):
        return keras.initializers.GlorotUniform(seed=seed * 100 + k)

    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input(tuple(input_shape)),
            layers.Conv2D(
                int(filters[0]), 5, activation="relu", kernel_initializer=init(1), name="conv1"
            ),
            layers.MaxPooling2D(2, name="pool1"),
            layers.Conv2D(
                int(filters[1]), 3, activation="relu", kernel_initializer=init(2), name="conv2"
            ),
            layers.MaxPooling2D(2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(
                int(n_y), activation=output_activation, kernel_initializer=init(3), name="output"
            ),
        ],
        name="cnn",
    )


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
        raise TypeError(
            f"{where}: source must be a keras.Sequential "
            f"model, but a {type(source).__name__} was given."
        )
    check_positive(n_y, "n_y", where, integer=True)
    check_choice(output_activation, ("softmax", "sigmoid"), "output_activation", where)
    most = len(source.layers) - 1  # every layer but the output layer
    n_layers = most if n_layers is None else n_layers
    if (
        isinstance(n_layers, bool)
        or not isinstance(n_layers, (int, np.integer))
        or not 1 <= n_layers <= most
    ):
        raise ValueError(
            f"{where}: n_layers must be an int from 1 to {most} (the source has {most + 1} "
            f"layers and its output layer is replaced), but {n_layers!r} was given."
        )
    if not isinstance(trainable, bool):
        raise TypeError(f"{where}: trainable must be True or False, but {trainable!r} was given.")
    seed = check_seed(seed, where, minimum=0)

    copies = []
    for layer in source.layers[: int(n_layers)]:
        copy = layer.__class__.from_config(layer.get_config())
        copy.trainable = trainable
        copies.append(copy)
    model = keras.Sequential([keras.Input(source.input_shape[1:]), *copies], name="transfer")
    for copy, layer in zip(copies, source.layers):
        copy.set_weights(layer.get_weights())
    if len(model.output_shape) > 2:  # stopped inside the ConvNet
        model.add(keras.layers.Flatten(name="flatten_new"))
    model.add(
        keras.layers.Dense(
            int(n_y),
            activation=output_activation,
            name="output",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + 99),
        )
    )
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
    The loop is the shared [`fit`][dl_notes.tf.training.fit], which compiles the step once per
    call with `tf.function`: `model.fit` does the same work but costs tens of milliseconds per
    epoch, which dominates when a training set holds a few dozen images.

    Parameters
    ----------
    model : keras.Model
        A built model; `model(X)` has the shape of `Y`.
    X : ndarray, shape (m, ...)
        Inputs, one example per row.
    Y : ndarray, shape (m,) or (m, n_y)
        Labels as `loss` wants them (class indices for
        `keras.losses.sparse_categorical_crossentropy`, 0/1/`nan` for
        [`masked_binary_crossentropy`][dl_notes.tf.multitask.masked_binary_crossentropy]).
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
        raise TypeError(
            f"{where}: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    if not callable(loss):
        raise TypeError(
            f"{where}: loss must be a function loss(y_true, "
            f"y_pred), but a {type(loss).__name__} was given."
        )
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim < 2 or Y.ndim < 1 or X.shape[0] != Y.shape[0] or X.shape[0] == 0:
        raise ValueError(
            f"{where}: X and Y must hold the same number m > 0 of examples in "
            f"their first axis, but X has shape {X.shape} and Y has shape {Y.shape}."
        )
    check_positive(learning_rate, "learning_rate", where)
    check_positive(num_epochs, "num_epochs", where, integer=True)
    check_positive(mini_batch_size, "mini_batch_size", where, integer=True)
    X = X.astype(np.float32)
    Y = Y.astype(np.int64) if Y.dtype.kind in "biu" else Y  # class indices; float labels stay float
    history = fit(
        model,
        (X, Y),
        loss,
        learning_rate=learning_rate,
        num_epochs=num_epochs,
        mini_batch_size=mini_batch_size,
        seed=as_rng(seed, where),
    )
    return history["cost"]


# --8<-- [end:train]


def _check_same_shape(y_true, y_pred, where):
    """Raise ValueError unless the static shapes agree (unknown sizes match anything) and have
    rank >= 2."""
    a, b = y_true.shape, y_pred.shape
    if a.rank is None or b.rank is None:
        return
    if a.rank < 2 or a.rank != b.rank or not a.is_compatible_with(b):
        raise ValueError(
            f"{where}: y_true and y_pred must have the same shape (m, n_y), "
            f"one row per example and one column per task, but y_true has shape "
            f"{tuple(a.as_list())} and y_pred has shape {tuple(b.as_list())}."
        )
