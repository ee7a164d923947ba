r"""The U-Net of Course 4, W3A2: encoder blocks, decoder blocks, the model, masks from its logits.

Taught in: Course 4, week 3 (semantic segmentation, transposed convolutions, U-Net) and its
lab [W3A2 · Image segmentation with U-Net](../../course4/labs/w3a2-image-segmentation-unet.ipynb).

A U-Net labels every pixel. Its **encoder** (contracting path) is a plain ConvNet: blocks
of two 3x3 convolutions, each block followed by a 2x2 max pooling that halves the height and
width while the next block doubles the channels. Its **decoder** (expanding path) climbs back
up: a transposed convolution with stride 2 doubles the height and width, the encoder's
output at that size (before its pooling) is concatenated to it along the channels (the
**skip connection**, which brings back the detail the pooling threw away) and two 3x3
convolutions mix the two. A 1x1 convolution gives one logit per class at every pixel.

| the course | here |
|---|---|
| `conv_block(inputs, n_filters, dropout_prob, max_pooling)` | [`conv_block`][dl_notes.tf.unet.conv_block] |
| `upsampling_block(expansive_input, contractive_input, n_filters)` | [`upsampling_block`][dl_notes.tf.unet.upsampling_block] |
| `unet_model(input_size, n_filters, n_classes)`: 24 convolutions, 8,640,471 weights | [`unet_model`][dl_notes.tf.unet.unet_model] |
| `create_mask(pred_mask)` | [`create_mask`][dl_notes.tf.unet.create_mask]; [`predict_masks`][dl_notes.tf.unet.predict_masks] for a whole batch |
| `unet.compile(...)`, `unet.fit(train_dataset, epochs=40)` | [`train_unet`][dl_notes.tf.unet.train_unet], with the project's seeded [`fit`][dl_notes.tf.training.fit] |
| `summary(model)` of the assignment's `test_utils` | [`summary`][dl_notes.tf.unet.summary] |

**Departures.** Each builder takes a keyword `seed` after the course's arguments. The course
writes `kernel_initializer='he_normal'` and leaves the transposed convolutions and the last
layer at Keras' default (Glorot uniform), all unseeded, and its dropout unseeded: here
`seed=None` in a block does the same, while an int gives every layer its own seed, and
[`unet_model`][dl_notes.tf.unet.unet_model] is seeded (`seed=0`) by default. Same layers,
same initializer classes, same numbers of weights.

| name | shape | dtype |
|---|---|---|
| `X`, the images | `(m, n_H, n_W, 3)`, $n_H$ and $n_W$ multiples of 16 | float32 in [0, 1] |
| `Y`, the masks | `(m, n_H, n_W)` (the course's `(m, n_H, n_W, 1)` works too) | int, class labels |
| `unet(X)`, the logits | `(m, n_H, n_W, n_classes)` | float32 |
| `create_mask(pred_mask)` | `(n_H, n_W, 1)`: the first image's mask, as in the course | int64 |
| `predict_masks(unet, X)` | `(m, n_H, n_W)` | int64 |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import check_interval, check_positive, check_seed
from dl_notes.tf.training import fit

__all__ = [
    "conv_block",
    "upsampling_block",
    "unet_model",
    "summary",
    "segmentation_loss",
    "train_unet",
    "create_mask",
    "predict_masks",
]

layers = keras.layers


class _Seeds:
    """Seeds for the layers of a block: `None` every time, or `start`, `start + 1`, ..."""

    def __init__(self, seed):
        self.next = seed

    def __call__(self):
        if self.next is None:
            return None
        self.next += 1
        return self.next - 1


def _he_normal(seeds):
    seed = seeds()
    return "he_normal" if seed is None else keras.initializers.HeNormal(seed=seed)


def _glorot_uniform(seeds):
    seed = seeds()
    return "glorot_uniform" if seed is None else keras.initializers.GlorotUniform(seed=seed)


def _shape(x, name, where):
    shape = tuple(x.shape) if hasattr(x, "shape") else np.shape(x)
    if len(shape) != 4:
        raise ValueError(
            f"{where}: {name} must be a 4-D tensor (m, n_H, n_W, n_C), but it has shape {shape}."
        )
    return shape


# --8<-- [start:conv_block]
def conv_block(inputs=None, n_filters=32, dropout_prob=0, max_pooling=True, *, seed=None):
    r"""The course's encoder block: two 3x3 convolutions, optional dropout, optional max pooling.

    `CONV2D (n_filters, 3x3, same, ReLU, He normal) -> CONV2D (the same) -> [DROPOUT] ->
    [MAXPOOL 2x2]`. The block returns two tensors: `next_layer` goes on down the encoder,
    `skip_connection` goes across to the decoder block of the same size. With max pooling,
    `next_layer` is the pooled output (half the height and width) and `skip_connection` the
    output before the pooling; without, both are the same tensor.

    A 3x3 convolution over $n_{C,prev}$ channels has $9 n_{C,prev} n_{filters} + n_{filters}$
    weights: on 96x128x3 images with 32 filters, $896$ and then $9248$.

    Parameters
    ----------
    inputs : KerasTensor or tf.Tensor, shape (m, n_H, n_W, n_C_prev)
        The block's input.
    n_filters : int, default 32
        Filters of both convolutions.
    dropout_prob : float, default 0
        Dropout rate after the convolutions, in [0, 1); 0 adds no Dropout layer.
    max_pooling : bool, default True
        Add a `MaxPooling2D` (2x2, stride 2) for `next_layer`.
    seed : int or None, default None
        Keyword only (not in the course). None: the course's unseeded `'he_normal'` and
        dropout. An int: the convolutions get `HeNormal(seed)`, `HeNormal(seed + 1)` and the
        dropout `seed + 2`.

    Returns
    -------
    next_layer : KerasTensor or tf.Tensor, shape (m, n_H // 2, n_W // 2, n_filters)
        (m, n_H, n_W, n_filters) without max pooling.
    skip_connection : KerasTensor or tf.Tensor, shape (m, n_H, n_W, n_filters)

    Raises
    ------
    ValueError
        If `inputs` is not 4-D or `dropout_prob` is not in [0, 1).
    TypeError, ValueError
        If `n_filters` is not a positive int, `max_pooling` not a bool or `seed` not an int.

    Examples
    --------
    >>> next_layer, skip = conv_block(keras.Input((96, 128, 3)), 32)
    >>> tuple(next_layer.shape), tuple(skip.shape)
    ((None, 48, 64, 32), (None, 96, 128, 32))
    """
    where = "conv_block"
    _shape(inputs, "inputs", where)
    check_positive(n_filters, "n_filters", where, integer=True)
    check_interval(dropout_prob, "dropout_prob", where, 0, 1)
    if not isinstance(max_pooling, (bool, np.bool_)):
        raise TypeError(
            f"{where}: max_pooling must be True or False, but a "
            f"{type(max_pooling).__name__} was given."
        )
    seeds = _Seeds(check_seed(seed, where, minimum=0, allow_none=True))
    n_filters = int(n_filters)
    conv = layers.Conv2D(
        n_filters, 3, activation="relu", padding="same", kernel_initializer=_he_normal(seeds)
    )(inputs)
    conv = layers.Conv2D(
        n_filters, 3, activation="relu", padding="same", kernel_initializer=_he_normal(seeds)
    )(conv)
    if dropout_prob > 0:
        conv = layers.Dropout(dropout_prob, seed=seeds())(conv)
    if max_pooling:
        next_layer = layers.MaxPooling2D(pool_size=(2, 2))(conv)
    else:
        next_layer = conv
    skip_connection = conv
    return next_layer, skip_connection


# --8<-- [end:conv_block]


# --8<-- [start:upsampling_block]
def upsampling_block(expansive_input, contractive_input, n_filters=32, *, seed=None):
    r"""The course's decoder block: a transposed convolution, the skip connection, two convolutions.

    `CONV2DTRANSPOSE (n_filters, 3x3, stride 2, same)` doubles the height and width of
    `expansive_input`; `concatenate([up, contractive_input], axis=3)` puts the encoder's
    output of that size beside it (the skip connection); then two
    `CONV2D (n_filters, 3x3, same, ReLU, He normal)`.

    With 'same' padding a stride-2 transposed convolution maps $n$ pixels to $2n$ (TensorFlow
    crops the $(n - 1)\,2 + 3 = 2n + 1$ of the full output to $2n$; see
    [`conv_transpose_forward`][dl_notes.segmentation.conv_transpose_forward]). It has
    $9\, n_{C,prev}\, n_{filters} + n_{filters}$ weights, like a convolution.

    Parameters
    ----------
    expansive_input : KerasTensor or tf.Tensor, shape (m, n_H, n_W, n_C_prev)
        The previous (lower) layer's output.
    contractive_input : KerasTensor or tf.Tensor, shape (m, 2 n_H, 2 n_W, n_C_skip)
        The skip connection: the encoder block's output before its pooling.
    n_filters : int, default 32
        Filters of the transposed convolution and of both convolutions.
    seed : int or None, default None
        Keyword only (not in the course). None: the course's unseeded initializers (Keras'
        default Glorot uniform for the transposed convolution, `'he_normal'` for the
        convolutions). An int: `GlorotUniform(seed)`, `HeNormal(seed + 1)`, `HeNormal(seed + 2)`.

    Returns
    -------
    conv : KerasTensor or tf.Tensor, shape (m, 2 n_H, 2 n_W, n_filters)

    Raises
    ------
    ValueError
        If an input is not 4-D, or `contractive_input` is not twice the height and width of
        `expansive_input`.
    TypeError, ValueError
        If `n_filters` is not a positive int or `seed` not an int.

    Examples
    --------
    >>> up = upsampling_block(keras.Input((12, 16, 256)), keras.Input((24, 32, 128)), 32)
    >>> tuple(up.shape)
    (None, 24, 32, 32)
    """
    where = "upsampling_block"
    low = _shape(expansive_input, "expansive_input", where)
    skip = _shape(contractive_input, "contractive_input", where)
    if low[1] is not None and skip[1] is not None and (2 * low[1], 2 * low[2]) != tuple(skip[1:3]):
        raise ValueError(
            f"{where}: contractive_input must have twice the height and width of "
            f"expansive_input, {(2 * low[1], 2 * low[2])}, to be concatenated with its "
            f"upsampled version, but expansive_input has shape {low} and contractive_input "
            f"{skip}."
        )
    check_positive(n_filters, "n_filters", where, integer=True)
    seeds = _Seeds(check_seed(seed, where, minimum=0, allow_none=True))
    n_filters = int(n_filters)
    up = layers.Conv2DTranspose(
        n_filters, 3, strides=(2, 2), padding="same", kernel_initializer=_glorot_uniform(seeds)
    )(expansive_input)
    merge = layers.concatenate([up, contractive_input], axis=3)
    conv = layers.Conv2D(
        n_filters, 3, activation="relu", padding="same", kernel_initializer=_he_normal(seeds)
    )(merge)
    conv = layers.Conv2D(
        n_filters, 3, activation="relu", padding="same", kernel_initializer=_he_normal(seeds)
    )(conv)
    return conv


# --8<-- [end:upsampling_block]


# --8<-- [start:unet_model]
def unet_model(input_size=(96, 128, 3), n_filters=32, n_classes=23, *, seed=0):
    r"""The course's U-Net: four encoder blocks, a bottleneck, four decoder blocks, a 1x1 output.

    With $F$ = `n_filters`:

    | block | filters | dropout | output, 96x128x3 input |
    |---|---|---|---|
    | `cblock1` = `conv_block(inputs, F)` | F | | (m, 48, 64, F), skip (m, 96, 128, F) |
    | `cblock2` | 2F | | (m, 24, 32, 2F) |
    | `cblock3` | 4F | | (m, 12, 16, 4F) |
    | `cblock4` | 8F | 0.3 | (m, 6, 8, 8F), skip (m, 12, 16, 8F) |
    | `cblock5`, no pooling: the bottleneck | 16F | 0.3 | (m, 6, 8, 16F) |
    | `ublock6` = `upsampling_block(cblock5[0], cblock4[1], 8F)` | 8F | | (m, 12, 16, 8F) |
    | `ublock7`, `ublock8`, `ublock9` | 4F, 2F, F | | (m, 96, 128, F) |
    | `conv9`: 3x3, ReLU, He normal | F | | (m, 96, 128, F) |
    | `conv10`: 1x1, no activation | `n_classes` | | (m, 96, 128, n_classes) |

    With the course's defaults it has 24 convolutions (20 `Conv2D` and 4 `Conv2DTranspose`;
    the course's text says 23, the count of the original U-Net paper) and 8,640,471 weights;
    the number grows as $F^2$ (with 8 filters, 540,846 for 6 classes).
    The output is logits: train with sparse categorical cross-entropy `from_logits=True`.

    Parameters
    ----------
    input_size : tuple of 3 int, default (96, 128, 3)
        (n_H, n_W, n_C) of the images; n_H and n_W multiples of 16 (four poolings, and the
        skip connections need each halving to be exact).
    n_filters : int, default 32
        $F$, the filters of the first block.
    n_classes : int, default 23
        Classes, the channels of the output (CARLA's 23 in the course).
    seed : int, default 0
        Keyword only (not in the course). Seeds every initializer and dropout layer: block
        $k$ gets seeds from $100 k$ on.

    Returns
    -------
    model : keras.Model
        Built, not compiled, untrained. `model(X)` has shape (m, n_H, n_W, n_classes).

    Raises
    ------
    ValueError
        If `input_size` is not three positive ints with height and width multiples of 16.
    TypeError, ValueError
        If `n_filters` or `n_classes` is not a positive int or `seed` not an int >= 0.

    Examples
    --------
    >>> unet = unet_model()
    >>> unet.output_shape, unet.count_params()
    ((None, 96, 128, 23), 8640471)
    """
    where = "unet_model"
    input_size = _check_input_size(input_size, where)
    check_positive(n_filters, "n_filters", where, integer=True)
    check_positive(n_classes, "n_classes", where, integer=True)
    seed = check_seed(seed, where, minimum=0)
    F = int(n_filters)

    def s(k):  # the seeds of block k
        return seed * 10_000 + 100 * k

    inputs = keras.Input(input_size)
    # Contracting path (encoding): double the filters at each step
    cblock1 = conv_block(inputs, F, seed=s(1))
    cblock2 = conv_block(cblock1[0], F * 2, seed=s(2))
    cblock3 = conv_block(cblock2[0], F * 4, seed=s(3))
    cblock4 = conv_block(cblock3[0], F * 8, dropout_prob=0.3, seed=s(4))
    cblock5 = conv_block(cblock4[0], F * 16, dropout_prob=0.3, max_pooling=False, seed=s(5))
    # Expanding path (decoding): each block takes the skip connection before the pooling
    ublock6 = upsampling_block(cblock5[0], cblock4[1], F * 8, seed=s(6))
    ublock7 = upsampling_block(ublock6, cblock3[1], F * 4, seed=s(7))
    ublock8 = upsampling_block(ublock7, cblock2[1], F * 2, seed=s(8))
    ublock9 = upsampling_block(ublock8, cblock1[1], F, seed=s(9))

    conv9 = layers.Conv2D(
        F,
        3,
        activation="relu",
        padding="same",
        kernel_initializer=keras.initializers.HeNormal(seed=s(10)),
    )(ublock9)
    conv10 = layers.Conv2D(
        int(n_classes),
        1,
        padding="same",
        kernel_initializer=keras.initializers.GlorotUniform(seed=s(10) + 1),
    )(conv9)
    return keras.Model(inputs=inputs, outputs=conv10, name="unet")


# --8<-- [end:unet_model]


def _check_input_size(input_size, where):
    try:
        shape = tuple(int(d) for d in input_size)
        ok = len(shape) == 3 and all(d == s and d >= 1 for d, s in zip(shape, input_size))
    except (TypeError, ValueError):
        ok = False
    if not ok or shape[0] % 16 or shape[1] % 16:
        raise ValueError(
            f"{where}: input_size must be (n_H, n_W, n_C), three positive ints with n_H and n_W "
            f"multiples of 16 (the U-Net halves them four times), but {input_size!r} was given."
        )
    return shape


def summary(model):
    r"""The `summary(model)` of W3A2's `test_utils`: one row per layer, input layers included.

    Each row is `[class name, output shape, number of weights]`, followed by: for `Conv2D`
    (not `Conv2DTranspose`), its padding, activation and initializer class; for
    `MaxPooling2D`, its pool size; for `Dropout`, its rate. Input layers are listed, with their
    shape in a list, `[(None, 96, 128, 3)]`, as Keras 2 printed it. This differs from W1A2's
    and W2A1's `summary` ([`dl_notes.tf.convnets.summary`][dl_notes.tf.convnets.summary]),
    which leaves the input layer out and lists a pooling's strides and padding as well.

    Parameters
    ----------
    model : keras.Model
        A built model.

    Returns
    -------
    rows : list of list
        One row per layer, in the order of `model.layers`.

    Raises
    ------
    TypeError
        If `model` is not a keras.Model.

    Examples
    --------
    >>> inputs = keras.Input((96, 128, 3))
    >>> for row in summary(keras.Model(inputs, conv_block(inputs, 32))):
    ...     print(row)
    ['InputLayer', [(None, 96, 128, 3)], 0]
    ['Conv2D', (None, 96, 128, 32), 896, 'same', 'relu', 'HeNormal']
    ['Conv2D', (None, 96, 128, 32), 9248, 'same', 'relu', 'HeNormal']
    ['MaxPooling2D', (None, 48, 64, 32), 0, (2, 2)]
    """
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"summary: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    rows = []
    for layer in model.layers:
        if isinstance(layer, layers.InputLayer):
            rows.append([layer.__class__.__name__, [tuple(layer.output.shape)], 0])
            continue
        row = [layer.__class__.__name__, tuple(layer.output.shape), layer.count_params()]
        if type(layer) is layers.Conv2D:  # the course's type(layer) == Conv2D
            row += [
                layer.padding,
                layer.activation.__name__,
                layer.kernel_initializer.__class__.__name__,
            ]
        elif isinstance(layer, layers.MaxPooling2D):
            row.append(tuple(layer.pool_size))
        elif isinstance(layer, layers.Dropout):
            row.append(layer.rate)
        rows.append(row)
    return rows


# --- training and prediction ---------------------------------------------------------------


def segmentation_loss(Y_true, logits):
    r"""Sparse categorical cross-entropy from logits, averaged over each image's pixels.

    The course's `SparseCategoricalCrossentropy(from_logits=True)` averages over every pixel
    of the batch; this returns one number per image,

    $$\mathcal{L}^{(i)} = -\frac{1}{n_H n_W} \sum_{h,w}
    \log \operatorname{softmax}\big(z^{(i)}_{h,w}\big)_{y^{(i)}_{h,w}},$$

    which is what [`fit`][dl_notes.tf.training.fit] expects; their mean over a batch is the
    course's loss (all images have the same number of pixels).

    Parameters
    ----------
    Y_true : tf.Tensor of int, shape (m, n_H, n_W) or (m, n_H, n_W, 1)
        True classes.
    logits : tf.Tensor, shape (m, n_H, n_W, n_classes)
        The U-Net's output.

    Returns
    -------
    loss : tf.Tensor, shape (m,)
    """
    Y_true = tf.reshape(Y_true, tf.shape(logits)[:3])  # drop the course's trailing axis of 1
    per_pixel = tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.cast(Y_true, tf.int32), logits=logits
    )  # (m, n_H, n_W)
    return tf.reduce_mean(per_pixel, axis=[1, 2])


def _pixel_accuracy_per_image(Y_true, logits):
    Y_true = tf.reshape(tf.cast(Y_true, tf.int64), tf.shape(logits)[:3])
    right = tf.cast(tf.equal(tf.argmax(logits, axis=-1), Y_true), tf.float32)
    return tf.reduce_mean(right, axis=[1, 2])


def train_unet(model, X, Y, num_epochs=10, learning_rate=0.003, mini_batch_size=16, seed=0):
    r"""Train a U-Net on images and masks: Adam on the pixel-wise cross-entropy, seeded.

    The course compiles its U-Net with Adam and `SparseCategoricalCrossentropy(from_logits=True)`
    and calls `unet.fit(train_dataset, epochs=40)` with mini-batches of 32. This does the same
    with the project's [`fit`][dl_notes.tf.training.fit]: the loss is
    [`segmentation_loss`][dl_notes.tf.unet.segmentation_loss], and the per-pixel accuracy is
    recorded as the course's `accuracy`.

    Parameters
    ----------
    model : keras.Model
        A U-Net from [`unet_model`][dl_notes.tf.unet.unet_model] (or any model mapping
        `(m, n_H, n_W, n_C)` to logits `(m, n_H, n_W, n_classes)`).
    X : ndarray, shape (m, n_H, n_W, n_C)
        Images, float in [0, 1].
    Y : ndarray of int, shape (m, n_H, n_W) or (m, n_H, n_W, 1)
        Masks: the class of every pixel.
    num_epochs : int, default 10
        Passes over the images.
    learning_rate : float, default 0.003
        Adam's step size (the course: Keras' default, 0.001, for 40 epochs).
    mini_batch_size : int, default 16
        Images per mini-batch.
    seed : int, default 0
        Seed of the order of the images in each epoch.

    Returns
    -------
    history : dict of str to list of float
        `"cost"` and `"accuracy"` (the fraction of pixels right), one value per epoch,
        computed while the weights change, as Keras reports them.

    Raises
    ------
    ValueError
        If `X` and `Y` do not fit each other or the model.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X, Y = rng.random((4, 16, 16, 3)), rng.integers(0, 2, (4, 16, 16))
    >>> history = train_unet(unet_model((16, 16, 3), 2, 2), X, Y, num_epochs=2)
    >>> sorted(history), len(history["cost"])
    (['accuracy', 'cost'], 2)
    """
    where = "train_unet"
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"{where}: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    X = np.asarray(X)
    Y = np.asarray(Y)
    if Y.ndim == 4 and Y.shape[-1] == 1:
        Y = Y[..., 0]
    if X.ndim != 4 or Y.ndim != 3 or X.shape[:3] != Y.shape:
        raise ValueError(
            f"{where}: X must be (m, n_H, n_W, n_C) images and Y (m, n_H, n_W) masks of the same "
            f"m, n_H and n_W, but X has shape {X.shape} and Y has shape {Y.shape}."
        )
    if Y.dtype.kind not in "iu":
        raise TypeError(f"{where}: Y must hold integer class labels, but it has dtype {Y.dtype}.")
    expected = tuple(model.input_shape[1:])
    if any(e is not None and e != d for e, d in zip(expected, X.shape[1:])):
        raise ValueError(
            f"{where}: the model takes images of shape {expected}, but X has shape {X.shape}."
        )
    n_classes = model.output_shape[-1]
    if Y.min() < 0 or Y.max() >= n_classes:
        raise ValueError(
            f"{where}: Y must hold classes 0 to {n_classes - 1} (the model's {n_classes} "
            f"outputs), but it holds {int(Y.min())} to {int(Y.max())}."
        )
    return fit(
        model,
        (X.astype(np.float32), Y.astype(np.int64)),
        segmentation_loss,
        metrics={"accuracy": _pixel_accuracy_per_image},
        num_epochs=num_epochs,
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        seed=seed,
    )


# --8<-- [start:create_mask]
def create_mask(pred_mask):
    r"""The course's `create_mask`: the most likely class of every pixel of the first image.

    `argmax` over the last axis (the classes), a trailing axis of 1 added, and the first image
    of the batch kept, as the course's function does. For every image of a batch, use
    [`predict_masks`][dl_notes.tf.unet.predict_masks].

    Parameters
    ----------
    pred_mask : ndarray or tf.Tensor, shape (m, n_H, n_W, n_classes)
        The U-Net's output (logits or probabilities) for a batch, e.g. `unet.predict(X)`.

    Returns
    -------
    mask : ndarray of int64, shape (n_H, n_W, 1)
        The class of every pixel of the first image. (The course returns a tf.Tensor.)

    Examples
    --------
    >>> logits = np.zeros((2, 2, 3, 4)); logits[0, 1, 2, 3] = 1.0
    >>> create_mask(logits)[..., 0]
    array([[0, 0, 0],
           [0, 0, 3]])
    """
    shape = np.shape(pred_mask)
    if len(shape) != 4:
        raise ValueError(
            f"create_mask: pred_mask must have shape (m, n_H, n_W, n_classes), but it has shape "
            f"{shape}."
        )
    pred_mask = np.argmax(np.asarray(pred_mask), axis=-1)  # (m, n_H, n_W)
    pred_mask = pred_mask[..., np.newaxis]  # (m, n_H, n_W, 1)
    return pred_mask[0].astype(np.int64)


# --8<-- [end:create_mask]


def predict_masks(model, X, batch_size=64):
    r"""The predicted class of every pixel of every image: `argmax` of the model's logits.

    Runs the model in inference mode (dropout off), `batch_size` images at a time.

    Parameters
    ----------
    model : keras.Model
        A trained U-Net.
    X : ndarray, shape (m, n_H, n_W, n_C)
        Images.
    batch_size : int, default 64
        Images per forward pass (it only limits memory).

    Returns
    -------
    masks : ndarray of int64, shape (m, n_H, n_W)

    Examples
    --------
    >>> masks = predict_masks(unet_model((16, 16, 3), 2, 5), np.zeros((3, 16, 16, 3)))
    >>> masks.shape, masks.dtype.name
    ((3, 16, 16), 'int64')
    """
    where = "predict_masks"
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"{where}: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    X = np.asarray(X, np.float32)
    if X.ndim != 4:
        raise ValueError(
            f"{where}: X must be (m, n_H, n_W, n_C) images, but it has shape {X.shape}."
        )
    check_positive(batch_size, "batch_size", where, integer=True)
    out = [
        np.argmax(np.asarray(model(X[k : k + batch_size], training=False)), axis=-1)
        for k in range(0, len(X), int(batch_size))
    ]
    return np.concatenate(out).astype(np.int64)
