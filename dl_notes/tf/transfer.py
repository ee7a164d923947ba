r"""Transfer learning with MobileNetV2 (Course 4, W2A2): augment, reuse a frozen base, fine-tune.

Taught in: Course 4, [week 2](../../course4/week2.md#transfer-learning) (MobileNet, transfer
learning, data augmentation) and the lab
[W2A2 · Transfer learning with MobileNetV2](../../course4/labs/w2a2-transfer-learning-mobilenet.ipynb).

The assignment takes MobileNetV2 with its ImageNet weights, drops its top (the 1000-class
output layer), freezes it, and puts a new head on it to tell alpacas from other animals in
a few hundred photos. Then it unfreezes the top layers of the base and trains again at a
tenth of the learning rate. The functions here are the assignment's, with one difference
forced by the project's rule that nothing is downloaded: `weights="imagenet"` cannot be
fetched, so the base is an argument.

| the course | here |
|---|---|
| `data_augmenter()`: random flips and turns | [`data_augmenter`][dl_notes.tf.transfer.data_augmenter], the same; [`digit_augmenter`][dl_notes.tf.transfer.digit_augmenter] for digits |
| `MobileNetV2(weights="imagenet", include_top=False)` | [`pretrained_base`][dl_notes.tf.transfer.pretrained_base]: a small MobileNetV2 pretrained here on digits 0 to 4 |
| `alpaca_model(image_shape, data_augmentation)` | [`alpaca_model`][dl_notes.tf.transfer.alpaca_model]`(image_shape, data_augmentation, base_model=..., n_classes=...)` |
| the fine-tuning cell (`fine_tune_at = 120`, `0.1 * base_learning_rate`) | [`fine_tune`][dl_notes.tf.transfer.fine_tune] |

**The base pretrained here.** [`mobilenet_base`][dl_notes.tf.transfer.mobilenet_base] is
Keras' MobileNetV2 without its top, made small: width multiplier $\alpha = 0.35$ and
32x32x3 inputs (MobileNetV2's smallest), 410,208 weights.
[`pretrain_base`][dl_notes.tf.transfer.pretrain_base] trains it on the handwritten digits
0 to 4 of [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits] (2,250 images,
padded to 32x32 and copied to three channels by
[`digits_to_rgb`][dl_notes.tf.transfer.digits_to_rgb]). That takes minutes, longer than a lab
may run, so the project ships the result: `make weights` runs
`scripts/pretrain_mobilenet.py`, which writes the file `dl_notes/weights/`
[`WEIGHTS_FILE`][dl_notes.tf.transfer.WEIGHTS_FILE] (2 MB), and
[`pretrained_base`][dl_notes.tf.transfer.pretrained_base] loads it (or says how to make it).
The [data page](../data.md) gives the time, the size and the accuracy.

**Where the examples go.** Keras puts examples in rows and channels last.

| name | shape | dtype |
|---|---|---|
| `X` from [`digits_to_rgb`][dl_notes.tf.transfer.digits_to_rgb]`(X_train_orig)` | `(m, 32, 32, 3)` | float32 in [0, 255], as the course's photos |
| inside the model, after `preprocess_input` | `(m, 32, 32, 3)` | float32 in [-1, 1] |
| output of the base | `(m, 1, 1, 1280)` | float32 |
| output of `alpaca_model(..., n_classes=1)` | `(m, 1)` | float32 logits, the course's |
| output of `alpaca_model(..., n_classes=C)` | `(m, C)` | float32 logits |

**Reproducible.** Every random choice takes a seed: the base's initial weights, the head's,
dropout and each augmentation layer. Keras draws the seeds of the initializers of
`keras.applications` models from Python's `random` module;
[`mobilenet_base`][dl_notes.tf.transfer.mobilenet_base] seeds it while it builds the base
and restores its state afterwards, so nothing global changes.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import contextlib
import random
import time
from pathlib import Path

import keras
import numpy as np

from dl_notes._checks import check_choice, check_positive, check_seed
from dl_notes.tf.training import fit

__all__ = [
    "IMG_SIZE",
    "DIGIT_SIZE",
    "SOURCE_DIGITS",
    "ALPHA",
    "BN_MOMENTUM",
    "WEIGHTS_DIR",
    "WEIGHTS_FILE",
    "SOURCE_TEST_ACCURACY",
    "FINE_TUNE_AT",
    "data_augmenter",
    "digit_augmenter",
    "digits_to_rgb",
    "mobilenet_base",
    "alpaca_model",
    "fine_tune",
    "pretrain_base",
    "pretrained_source_model",
    "pretrained_base",
]

IMG_SIZE = (160, 160)
"""The course's image size: the alpaca photos are 160x160 RGB."""

DIGIT_SIZE = (32, 32)
"""The image size of the base pretrained here: digits padded from 28x28 to 32x32."""

ALPHA = 0.35
"""MobileNetV2's width multiplier for the base pretrained here (the course's is 1.0)."""

SOURCE_DIGITS = (0, 1, 2, 3, 4)
"""The digits the base is pretrained on: the source task."""

BN_MOMENTUM = 0.9
"""Momentum of the base's batch-norm moving averages while it learns.

Keras' MobileNetV2 uses 0.999, right for ImageNet's long training; after a few hundred steps
such averages still sit near their initial values, and the network predicts badly in
inference mode.
"""

WEIGHTS_DIR = Path(__file__).resolve().parents[1] / "weights"
"""The folder of the weights shipped in the package, `dl_notes/weights/`."""

WEIGHTS_FILE = "mobilenet_v2_0.35_32_digits_0_4.weights.h5"
"""The file, in `WEIGHTS_DIR`, that `make weights` writes and `pretrained_base` reads.

It holds the weights of the source model (the base and its 5-unit output layer).
"""

SOURCE_TEST_ACCURACY = 0.964
"""Accuracy of the shipped source model on its test set.

The test set is the 250 test images of digits 0 to 4 of
`load_mnist_digits(SOURCE_DIGITS, test_size=0.1, seed=0)`. A test holds the file to it.
"""

FINE_TUNE_AT = 120
"""The course's first layer to fine-tune: `fine_tune_at = 120`."""


# --8<-- [start:data_augmenter]
def data_augmenter(
    flip="horizontal", rotation=0.2, translation=0.0, zoom=0.0, fill_mode="reflect", seed=None
):
    r"""The course's data augmentation: a `Sequential` of random flips and turns (shifts, zooms).

    Called with no argument it is the course's function,
    `Sequential([RandomFlip("horizontal"), RandomRotation(0.2)])`: each training image is
    mirrored left-right with probability 1/2 and turned by an angle drawn uniformly from
    $\pm 0.2 \cdot 360° = \pm 72°$. The layers act only while the model trains
    (`training=True`); in inference mode they pass the images through unchanged.

    Flips and large turns suit photos of alpacas, which can face either way. They do not suit
    digits: a mirrored 2, 3, 4, 5, 7 or 9 is not that digit, and a 6 turned far becomes a 9.
    For digits use [`digit_augmenter`][dl_notes.tf.transfer.digit_augmenter].

    Parameters
    ----------
    flip : {"horizontal", "vertical", "horizontal_and_vertical"} or None, default "horizontal"
        Mode of `RandomFlip`; None leaves the flip out.
    rotation : float, default 0.2
        Largest turn as a fraction of a full turn, in [0, 0.5]; 0 leaves `RandomRotation` out.
    translation : float, default 0.0
        Largest shift as a fraction of the height (and of the width), in [0, 1); 0 leaves
        `RandomTranslation` out (the course has none).
    zoom : float, default 0.0
        Largest zoom in or out, as a fraction of the height and width, in [0, 1); 0 leaves
        `RandomZoom` out (the course has none).
    fill_mode : {"reflect", "constant", "nearest", "wrap"}, default "reflect"
        How turned, shifted or zoomed images fill the pixels they uncover: Keras' default
        ("reflect") or `"constant"` (black, MNIST's background).
    seed : int or None, default None
        Seeds the layers (layer `k` gets `seed + k`); None draws new seeds.

    Returns
    -------
    data_augmentation : keras.Sequential
        Maps images `(m, n_H, n_W, n_C)` to images of the same shape.

    Examples
    --------
    >>> [layer.__class__.__name__ for layer in data_augmenter().layers]
    ['RandomFlip', 'RandomRotation']
    """
    where = "data_augmenter"
    if flip is not None:
        check_choice(flip, ("horizontal", "vertical", "horizontal_and_vertical"), "flip", where)
    rotation = _fraction(rotation, "rotation", where, 0.5, closed=True)
    translation = _fraction(translation, "translation", where, 1.0, closed=False)
    zoom = _fraction(zoom, "zoom", where, 1.0, closed=False)
    check_choice(fill_mode, ("reflect", "constant", "nearest", "wrap"), "fill_mode", where)
    if seed is not None:
        seed = check_seed(seed, where, minimum=0)

    def seed_of(k):
        return None if seed is None else seed + k

    layers = []
    if flip is not None:
        layers.append(keras.layers.RandomFlip(flip, seed=seed_of(0)))
    if rotation:
        layers.append(keras.layers.RandomRotation(rotation, fill_mode=fill_mode, seed=seed_of(1)))
    if translation:
        layers.append(
            keras.layers.RandomTranslation(
                translation, translation, fill_mode=fill_mode, seed=seed_of(2)
            )
        )
    if zoom:
        layers.append(keras.layers.RandomZoom(zoom, fill_mode=fill_mode, seed=seed_of(3)))
    if not layers:  # every option off: pass the images through
        layers.append(keras.layers.Identity())
    return keras.Sequential(layers, name="data_augmentation")


# --8<-- [end:data_augmenter]


def digit_augmenter(seed=None):
    r"""Data augmentation for digits: small turns and shifts, no flips.

    `data_augmenter(flip=None, rotation=0.05, translation=0.1, fill_mode="constant")`:
    turns of at most $\pm 18°$ (about how far handwriting slants), shifts of at most 10 % of
    the image (3 pixels of 32), black fill. It leaves out the course's horizontal flip,
    because a mirrored digit is not a digit (a flipped 2 is no 2, and no one writes one), and
    its $\pm 72°$ turns, which move a 6 halfway to a 9.

    Parameters
    ----------
    seed : int or None, default None
        Seeds the layers; None draws new seeds.

    Returns
    -------
    data_augmentation : keras.Sequential
        `RandomRotation` then `RandomTranslation`; images keep their shape.

    Examples
    --------
    >>> [layer.__class__.__name__ for layer in digit_augmenter(seed=0).layers]
    ['RandomRotation', 'RandomTranslation']
    """
    return data_augmenter(
        flip=None, rotation=0.05, translation=0.1, fill_mode="constant", seed=seed
    )


def digits_to_rgb(X_orig, size=DIGIT_SIZE):
    r"""Make 28x28 grayscale digits look like the course's photos: `size` RGB, pixels 0 to 255.

    Each digit is padded with black to `size` (MNIST draws every digit inside the central
    20x20 pixels, so padding loses nothing) and its gray value copied to the three colour
    channels, which MobileNetV2 expects. Pixels stay in [0, 255]: the model's
    `preprocess_input` scales them to [-1, 1], as in the course.

    Parameters
    ----------
    X_orig : ndarray, shape (m, 28, 28)
        Digits as [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits] returns them
        (uint8 0..255).
    size : tuple of 2 int, default (32, 32)
        (height, width), each at least 28.

    Returns
    -------
    X : ndarray of float32, shape (m, size[0], size[1], 3)
        Values in [0, 255]; the three channels are equal.

    Examples
    --------
    >>> X = digits_to_rgb(np.full((2, 28, 28), 255, np.uint8))
    >>> X.shape, X.dtype.name, float(X.sum()) == 2 * 28 * 28 * 3 * 255
    ((2, 32, 32, 3), 'float32', True)
    """
    where = "digits_to_rgb"
    X_orig = np.asarray(X_orig)
    if X_orig.ndim != 3 or X_orig.shape[1:] != (28, 28):
        raise ValueError(
            f"{where}: X_orig must hold 28x28 digits, shape (m, 28, 28), but it has shape "
            f"{X_orig.shape}."
        )
    size = _image_shape(size, "size", where, minimum=28)
    top, left = (size[0] - 28) // 2, (size[1] - 28) // 2
    padded = np.pad(
        X_orig.astype(np.float32), ((0, 0), (top, size[0] - 28 - top), (left, size[1] - 28 - left))
    )
    return np.repeat(padded[..., None], 3, axis=-1)  # (m, n_H, n_W, 3), gray in every channel


def mobilenet_base(input_shape=DIGIT_SIZE + (3,), alpha=ALPHA, seed=0):
    r"""MobileNetV2 without its top, with random weights: the architecture of the pretrained base.

    `keras.applications.MobileNetV2(input_shape, alpha, include_top=False, weights=None)`,
    built offline in about half a second: 154 layers, from the input to `out_relu`, whose
    output for 32x32 images is `(m, 1, 1, 1280)`. The width multiplier $\alpha$ scales the
    filters of every layer but the last (1280 filters whatever $\alpha \le 1$); with
    $\alpha = 0.35$ the base has 410,208 weights instead of 2,257,984.

    Two departures from Keras' defaults: the initial weights are seeded, and the batch-norm
    layers average their statistics with momentum 0.9 instead of 0.999, so that a few hundred
    training steps suffice to estimate them. The momentum is a setting, not a weight: it does
    not change what `load_weights` accepts.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (32, 32, 3)
        (height, width, 3); height and width at least 32.
    alpha : float, default 0.35
        Width multiplier, in (0, 1.4].
    seed : int, default 0
        Seeds the initial weights: the same seed gives the same weights.

    Returns
    -------
    base_model : keras.Model
        Named `mobilenetv2_<alpha>_<height>`; trainable, not compiled.
    """
    where = "mobilenet_base"
    input_shape = tuple(input_shape)
    if len(input_shape) != 3 or input_shape[2] != 3:
        raise ValueError(
            f"{where}: input_shape must be (height, width, 3), but {input_shape!r} was given."
        )
    _image_shape(input_shape[:2], "input_shape", where, minimum=32)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha <= 1.4:
        raise ValueError(f"{where}: alpha must be a number in (0, 1.4], but {alpha!r} was given.")
    seed = check_seed(seed, where, minimum=0)
    with _seeded_python_random(seed):
        base_model = keras.applications.MobileNetV2(
            input_shape=input_shape, alpha=alpha, include_top=False, weights=None
        )
    for layer in base_model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.momentum = BN_MOMENTUM
    return base_model


# --8<-- [start:alpaca_model]
def alpaca_model(
    image_shape=IMG_SIZE,
    data_augmentation=None,
    base_model=None,
    n_classes=1,
    freeze=True,
    dropout=0.2,
    seed=0,
):
    r"""The course's model: augmentation, `preprocess_input`, a frozen MobileNetV2, a new head.

    `inputs -> data_augmentation -> preprocess_input -> base_model(training=False)
    -> GlobalAveragePooling2D -> Dropout(dropout) -> Dense(n_classes)`. The head outputs
    logits: train it with `from_logits=True` losses, binary cross-entropy for one output
    (the course's alpaca or not), sparse categorical cross-entropy for `n_classes` > 1.

    The base is frozen (`trainable = False`), which in Keras 3 also keeps its batch-norm
    layers in inference mode, and called with `training=False`, as in the course. (In Keras
    2, the course's version, that call is what keeps the batch norm in inference mode once the
    base is unfrozen; in Keras 3 the outer `training=True` of a training step overrides it,
    and [`fine_tune`][dl_notes.tf.transfer.fine_tune] freezes the batch-norm layers instead.)

    **Departures from the course.** The base is an argument (the course builds it inside,
    with `weights="imagenet"`, which cannot be downloaded here); pass
    [`pretrained_base`][dl_notes.tf.transfer.pretrained_base]`()`. The course's call
    `alpaca_model(IMG_SIZE, data_augmentation)` still works, but builds a full-width
    MobileNetV2 with *random* weights: the course's architecture with nothing learned in it.
    `data_augmentation=None` makes a new [`data_augmenter`][dl_notes.tf.transfer.data_augmenter]`()`
    at each call (the course's default argument is one object, made once, shared by every
    model). `freeze=False` trains the whole base with its batch norm in training mode: that
    is training from scratch when the base is new.

    The base is used as it is, not copied: training the model with an unfrozen base changes
    the base's weights. Load a fresh base for each model.

    Parameters
    ----------
    image_shape : tuple of 2 int, default (160, 160)
        (height, width) of the images, at least 32 each; the images have 3 channels.
    data_augmentation : callable, optional
        A layer or model that maps image batches to image batches, such as
        [`data_augmenter`][dl_notes.tf.transfer.data_augmenter]`()` or
        [`digit_augmenter`][dl_notes.tf.transfer.digit_augmenter]`()`. Default: a new
        `data_augmenter(seed=seed)`.
    base_model : keras.Model, optional
        MobileNetV2 without its top, taking `image_shape + (3,)` images in [-1, 1]. Default:
        a new, untrained `MobileNetV2(image_shape + (3,), include_top=False, weights=None)`.
    n_classes : int, default 1
        Units of the output layer: 1 for the course's binary task, the number of classes
        otherwise.
    freeze : bool, default True
        Freeze the base (the course) or train all of it (from scratch).
    dropout : float, default 0.2
        The course's dropout rate before the output layer, in [0, 1).
    seed : int, default 0
        Seeds the output layer's Glorot-uniform initializer, dropout and the default
        augmentation; the output bias starts at 0.

    Returns
    -------
    model : keras.Model
        Named `alpaca_model`; built, not compiled. `model(X)` has shape `(m, n_classes)`.

    Raises
    ------
    ValueError
        If the base does not take `image_shape + (3,)` images, or an argument is out of range.

    Examples
    --------
    >>> model = alpaca_model(DIGIT_SIZE, digit_augmenter(seed=0), mobilenet_base(), n_classes=5)
    >>> model.output_shape, [layer.name for layer in model.layers][-3:]
    ((None, 5), ['global_average_pooling2d', 'dropout', 'output'])
    """
    where = "alpaca_model"
    input_shape = _image_shape(image_shape, "image_shape", where, minimum=32) + (3,)
    check_positive(n_classes, "n_classes", where, integer=True)
    if not isinstance(freeze, bool):
        raise TypeError(f"{where}: freeze must be True or False, but {freeze!r} was given.")
    dropout = _fraction(dropout, "dropout", where, 1.0, closed=False)
    seed = check_seed(seed, where, minimum=0)
    if data_augmentation is None:
        data_augmentation = data_augmenter(seed=seed)
    elif not callable(data_augmentation):
        raise TypeError(
            f"{where}: data_augmentation must be a Keras layer or model, such as "
            f"data_augmenter(), but a {type(data_augmentation).__name__} was given."
        )
    if base_model is None:
        with _seeded_python_random(seed):
            base_model = keras.applications.MobileNetV2(
                input_shape=input_shape, include_top=False, weights=None
            )  # the course: weights="imagenet"
    elif not isinstance(base_model, keras.Model):
        raise TypeError(
            f"{where}: base_model must be a keras.Model (MobileNetV2 without its top), but "
            f"a {type(base_model).__name__} was given."
        )
    elif tuple(base_model.input_shape[1:]) != input_shape:
        raise ValueError(
            f"{where}: base_model takes images of shape {tuple(base_model.input_shape[1:])}, "
            f"but image_shape + (3,) is {input_shape}; pass the base's image_shape."
        )

    base_model.trainable = not freeze
    inputs = keras.Input(shape=input_shape)
    x = data_augmentation(inputs)
    x = keras.applications.mobilenet_v2.preprocess_input(x)  # [0, 255] -> [-1, 1]
    x = (
        base_model(x, training=False) if freeze else base_model(x)
    )  # frozen: batch norm in inference mode
    x = keras.layers.GlobalAveragePooling2D(name="global_average_pooling2d")(x)  # (m, 1280)
    x = keras.layers.Dropout(dropout, seed=seed, name="dropout")(x)
    outputs = keras.layers.Dense(
        int(n_classes),
        name="output",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
    )(x)
    return keras.Model(inputs, outputs, name="alpaca_model")


# --8<-- [end:alpaca_model]


# --8<-- [start:fine_tune]
def fine_tune(model, fine_tune_at=FINE_TUNE_AT, learning_rate=0.0001):
    r"""The course's fine-tuning: unfreeze the base from layer `fine_tune_at` on, recompile slower.

    ``` {.python notest}
    base_model.trainable = True
    for layer in base_model.layers[:fine_tune_at]:
        layer.trainable = False
    model.compile(optimizer=Adam(learning_rate), loss=..., metrics=[...])
    ```

    The first `fine_tune_at` layers stay frozen; the top ones learn again, at a learning rate
    smaller than the head's (the course's $0.1 \times 0.001$), so that the first steps, driven
    by a head that is still new, do not wreck what the base learned.

    **One departure: the batch-norm layers stay frozen.** Their statistics (moving mean and
    variance) describe the source data and must not be replaced by those of a few small
    target batches. The course relies on calling the base with `training=False`. In Keras 3,
    which dl_notes uses, that is not enough: `fit` calls the whole model with
    `training=True`, which overrides it
    ([keras#20285](https://github.com/keras-team/keras/issues/20285)), so an unfrozen batch-norm
    layer would normalize with batch statistics and update its averages. A frozen
    (`trainable = False`) batch-norm layer runs in inference mode, so this function leaves
    every `BatchNormalization` layer frozen; its scale $\gamma$ and shift $\beta$, which the
    course lets learn, stay put too. Convolution weights above `fine_tune_at` learn.

    The model is compiled for `model.fit` with Adam, a `from_logits=True` cross-entropy
    (binary for one output, sparse categorical otherwise) and accuracy. The project's own
    loop, [`fit`][dl_notes.tf.training.fit], ignores the compiled settings: give it the
    same `learning_rate`.

    Parameters
    ----------
    model : keras.Model
        A model from [`alpaca_model`][dl_notes.tf.transfer.alpaca_model]: exactly one of its
        layers is a `keras.Model` other than the augmentation `Sequential` (the base).
    fine_tune_at : int, default 120
        Index of the first base layer to unfreeze, from 0 (all) to `len(base.layers)` (none).
        The course's 120 of MobileNetV2's 154 layers leaves blocks 13 to 16 and the last
        convolution to learn.
    learning_rate : float, default 0.0001
        Adam's $\alpha$ for the fine-tuning.

    Returns
    -------
    model : keras.Model
        The same model, compiled, the base's layers from `fine_tune_at` on unfrozen except
        the batch-norm layers.
    """
    where = "fine_tune"
    base_model = _base_of(model, where)
    n_layers = len(base_model.layers)
    if (
        isinstance(fine_tune_at, bool)
        or not isinstance(fine_tune_at, (int, np.integer))
        or not 0 <= fine_tune_at <= n_layers
    ):
        raise ValueError(
            f"{where}: fine_tune_at must be an int from 0 to {n_layers} (the base's layers), "
            f"but {fine_tune_at!r} was given."
        )
    check_positive(learning_rate, "learning_rate", where)
    base_model.trainable = True
    for layer in base_model.layers[: int(fine_tune_at)]:
        layer.trainable = False
    for layer in base_model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.trainable = False  # inference mode: the source statistics stay (see above)
    if model.output_shape[-1] == 1:
        loss = keras.losses.BinaryCrossentropy(from_logits=True)
        metrics = [keras.metrics.BinaryAccuracy(threshold=0.0)]  # logits: 0 is probability 1/2
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        metrics = [keras.metrics.SparseCategoricalAccuracy()]
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss, metrics=metrics)
    return model


# --8<-- [end:fine_tune]


def pretrain_base(
    num_epochs=40,
    learning_rate=0.003,
    mini_batch_size=64,
    max_examples=None,
    seed=0,
    on_epoch_end=None,
):
    r"""Pretrain the base on digits 0 to 4: this project's stand-in for ImageNet pretraining.

    The source task: the 2,250 training images of digits 0 to 4 of
    `load_mnist_digits(SOURCE_DIGITS, test_size=0.1, seed=0)`, made RGB 32x32 by
    [`digits_to_rgb`][dl_notes.tf.transfer.digits_to_rgb]. The model is
    [`alpaca_model`][dl_notes.tf.transfer.alpaca_model] with 5 classes and the base unfrozen
    (`freeze=False`): every layer learns, from seeded random weights. It is regularized
    more than a head on a frozen base needs, because what matters is how well the base's
    features serve *other* digits: dropout 0.5, and turns of up to $\pm 29°$, shifts and
    zooms of up to 15 % and 10 % (`data_augmenter(flip=None, rotation=0.08,
    translation=0.15, zoom=0.1, fill_mode="constant")`). Adam on mini-batches with the
    softmax cross-entropy (from logits), its learning rate decaying from `learning_rate` to
    0 along a cosine over all steps, through the project's loop
    [`fit`][dl_notes.tf.training.fit].

    `scripts/pretrain_mobilenet.py` (`make weights`) calls this with the defaults and saves
    the source model; its `--tiny` flag runs it on a few examples for one epoch (a test does).

    Parameters
    ----------
    num_epochs : int, default 40
    learning_rate : float, default 0.003
        Adam's $\alpha$ at the first step.
    mini_batch_size : int, default 64
    max_examples : int, optional
        Train on the first `max_examples` training images only (a quick check of the
        pipeline). Default: all 2,250.
    seed : int, default 0
        Seeds the base's weights, the head's, dropout, augmentation and the order of the
        mini-batches. The split of the digits is always `seed=0`, so that the test set is the
        one [`SOURCE_TEST_ACCURACY`][dl_notes.tf.transfer.SOURCE_TEST_ACCURACY] refers to.
    on_epoch_end : callable, optional
        Called after each epoch as `on_epoch_end(epoch, logs)` (see `fit`).

    Returns
    -------
    source_model : keras.Model
        `inputs -> preprocess_input -> base -> GlobalAveragePooling2D -> Dense(5)`, sharing the
        trained layers (no augmentation, no dropout): what `source_model.save_weights` writes
        and [`pretrained_source_model`][dl_notes.tf.transfer.pretrained_source_model] reads.
    history : dict of str to list of float
        `"cost"` and `"accuracy"` (training, one value per epoch), `"seconds"` (the training time).
    test_accuracy : float
        Accuracy on the 250 test images of digits 0 to 4.
    """
    where = "pretrain_base"
    from dl_notes.data.images import load_mnist_digits

    for name, value in (("num_epochs", num_epochs), ("mini_batch_size", mini_batch_size)):
        check_positive(value, name, where, integer=True)
    check_positive(learning_rate, "learning_rate", where)
    if max_examples is not None:
        check_positive(max_examples, "max_examples", where, integer=True)
    seed = check_seed(seed, where, minimum=0)
    X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, _ = load_mnist_digits(
        SOURCE_DIGITS, test_size=0.1, seed=0
    )
    X_train, y_train = digits_to_rgb(X_train_orig)[:max_examples], Y_train_orig[0][:max_examples]
    X_test, y_test = digits_to_rgb(X_test_orig), Y_test_orig[0]

    base_model = mobilenet_base(seed=seed)
    augmentation = data_augmenter(
        flip=None, rotation=0.08, translation=0.15, zoom=0.1, fill_mode="constant", seed=seed
    )
    model = alpaca_model(
        DIGIT_SIZE,
        augmentation,
        base_model,
        n_classes=len(SOURCE_DIGITS),
        freeze=False,
        dropout=0.5,
        seed=seed,
    )
    steps = num_epochs * -(-len(y_train) // mini_batch_size)

    def adam_with_cosine_decay(lr):
        return keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(lr, decay_steps=steps))

    started = time.perf_counter()
    history = fit(
        model,
        (X_train, y_train),
        _sparse_logit_loss,
        metrics={"accuracy": keras.metrics.sparse_categorical_accuracy},
        num_epochs=num_epochs,
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        seed=seed,
        optimizer=adam_with_cosine_decay,
        on_epoch_end=on_epoch_end,
    )
    history["seconds"] = [time.perf_counter() - started]
    source_model = _source_model(base_model, model.get_layer("output"))
    return source_model, history, _accuracy(source_model, X_test, y_test)


def pretrained_source_model(path=None):
    r"""The source model shipped with dl_notes: a small MobileNetV2 trained on digits 0 to 4.

    Builds [`mobilenet_base`][dl_notes.tf.transfer.mobilenet_base] under a 5-unit output layer
    (`inputs -> preprocess_input -> base -> GlobalAveragePooling2D -> Dense(5)`, logits) and
    loads the weights that `make weights` wrote with
    [`pretrain_base`][dl_notes.tf.transfer.pretrain_base]. Its accuracy on the 250 test images
    of digits 0 to 4 is [`SOURCE_TEST_ACCURACY`][dl_notes.tf.transfer.SOURCE_TEST_ACCURACY].

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A `.weights.h5` file written by `scripts/pretrain_mobilenet.py`. Default: the file
        shipped in the package, `WEIGHTS_DIR / WEIGHTS_FILE`.

    Returns
    -------
    source_model : keras.Model
        `model(X)` has shape `(m, 5)`: the logits of digits 0 to 4, for `X` of shape
        `(m, 32, 32, 3)` in [0, 255].

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    where = "pretrained_source_model"
    path = WEIGHTS_DIR / WEIGHTS_FILE if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{where}: the pretrained weights {path} are missing. They are not downloaded: the "
            f"project makes them with its own script. Run `make weights` in the repository (or "
            f"`python scripts/pretrain_mobilenet.py --out {path}`): a few minutes on a CPU."
        )
    source_model = _source_model(
        mobilenet_base(), keras.layers.Dense(len(SOURCE_DIGITS), name="output")
    )
    source_model.load_weights(path)
    return source_model


def pretrained_base(path=None):
    r"""The base pretrained here on digits 0 to 4: the stand-in for ImageNet's MobileNetV2.

    The course loads `MobileNetV2(input_shape, include_top=False, weights="imagenet")`, trained
    on 1.2 million photos of 1000 classes. That file cannot be downloaded here, so this returns
    the base of [`pretrained_source_model`][dl_notes.tf.transfer.pretrained_source_model]:
    MobileNetV2 with $\alpha = 0.35$ and 32x32 inputs, trained on 2,250 handwritten digits 0 to 4.
    Each call builds a new base with its own copy of the weights.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The weights file; default: the one shipped in the package.

    Returns
    -------
    base_model : keras.Model
        MobileNetV2 without its top: `(m, 32, 32, 3)` in [-1, 1] to `(m, 1, 1, 1280)`.
        Trainable; [`alpaca_model`][dl_notes.tf.transfer.alpaca_model] freezes it.

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    return _base_of(pretrained_source_model(path), "pretrained_base")


# --- helpers -------------------------------------------------------------------------------


@contextlib.contextmanager
def _seeded_python_random(seed):
    """Seed Python's `random` (where Keras draws unseeded initializers' seeds), then restore it."""
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)


def _source_model(base_model, output_layer):
    """`inputs -> preprocess_input -> base -> GAP -> output_layer`: the weights file's layout."""
    inputs = keras.Input(shape=tuple(base_model.input_shape[1:]))
    x = keras.applications.mobilenet_v2.preprocess_input(inputs)
    x = base_model(x)
    x = keras.layers.GlobalAveragePooling2D(name="global_average_pooling2d")(x)
    return keras.Model(inputs, output_layer(x), name="source_model")


def _base_of(model, where):
    """The one nested `keras.Model` of `model` that is not a `Sequential` (the augmentation)."""
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"{where}: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    bases = [
        layer
        for layer in model.layers
        if isinstance(layer, keras.Model) and not isinstance(layer, keras.Sequential)
    ]
    if len(bases) != 1:
        raise ValueError(
            f"{where}: the model must hold exactly one base model (a keras.Model layer other "
            f"than the augmentation Sequential), as alpaca_model builds it, but it holds "
            f"{len(bases)}."
        )
    return bases[0]


def _sparse_logit_loss(y_true, y_pred):
    return keras.losses.sparse_categorical_crossentropy(y_true, y_pred, from_logits=True)


def _accuracy(model, X, y, batch_size=500):
    """Fraction of `X` whose largest logit is at the label `y`."""
    logits = np.concatenate(
        [
            np.asarray(model(X[i : i + batch_size], training=False))
            for i in range(0, len(X), batch_size)
        ]
    )
    return float(np.mean(np.argmax(logits, axis=1) == y))


def _fraction(value, name, where, high, closed):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"{where}: {name} must be a number, but a {type(value).__name__} was given."
        )
    if not (0 <= value <= high if closed else 0 <= value < high):
        raise ValueError(
            f"{where}: {name} must lie in [0, {high}{']' if closed else ')'}, but {value!r} "
            f"was given."
        )
    return float(value)


def _image_shape(shape, name, where, minimum):
    """`shape` as a (height, width) tuple of ints >= minimum, or raise naming what was given."""
    try:
        shape = tuple(shape)
    except TypeError:
        shape = None
    if (
        shape is None
        or len(shape) != 2
        or not all(
            isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s >= minimum
            for s in shape
        )
    ):
        raise ValueError(
            f"{where}: {name} must be (height, width), two ints of at least {minimum}, but "
            f"{shape!r} was given."
        )
    return tuple(int(s) for s in shape)
