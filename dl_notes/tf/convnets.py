r"""The Keras ConvNets of Course 4: W1A2's two classifiers and W2A1's residual networks.

Taught in: Course 4, [week 1](../../course4/week1.md#why-convolutions) and
[week 2](../../course4/week2.md#residual-networks), and their labs
[W1A2 · Convolution application](../../course4/labs/w1a2-convolution-application.ipynb)
(`happyModel`, `convolutional_model`) and
[W2A1 · Residual networks](../../course4/labs/w2a1-residual-networks.ipynb)
(`identity_block`, `convolutional_block`, `ResNet50`, and the lecture's claim that skip
connections let a deep network train).

| assignment | what it builds | here |
|---|---|---|
| W1A2 | `happyModel()`: a `Sequential` binary classifier | [`happy_model`][dl_notes.tf.convnets.happy_model] (alias `happyModel`) |
| W1A2 | `convolutional_model(input_shape)`: a Functional-API six-class ConvNet | [`convolutional_model`][dl_notes.tf.convnets.convolutional_model] |
| W2A1 | `identity_block(X, f, filters, initializer)`: three convolutions and a shortcut | [`identity_block`][dl_notes.tf.convnets.identity_block] |
| W2A1 | `convolutional_block(X, f, filters, s, initializer)`: the same with a strided 1x1 convolution on the shortcut | [`convolutional_block`][dl_notes.tf.convnets.convolutional_block] |
| W2A1 | `ResNet50(input_shape, classes)`: 50 layers, 23.6 million parameters | [`resnet50`][dl_notes.tf.convnets.resnet50] (alias `ResNet50`) |
| beyond | a ResNet that trains on a CPU in seconds | [`resnet_small`][dl_notes.tf.convnets.resnet_small] |
| beyond | a plain and a residual network of the same depth, for the lecture's claim | [`plain_and_residual`][dl_notes.tf.convnets.plain_and_residual] |
| test utility | the course's `summary(model)`: one row per layer | [`summary`][dl_notes.tf.convnets.summary] |

**Names.** PEP 8 asks for lower case, so the package's names are `happy_model` and
`resnet50`; the course's `happyModel` and `ResNet50` are the same functions under their
course names, so a call copied from the assignment works unchanged.

**Sequential or Functional.** A `keras.Sequential` model is a list of layers, each feeding
the next: enough for `happyModel`. The Functional API calls layers on tensors,
`Z1 = Conv2D(8, 4, padding="same")(input_img)`, and so can build any graph of layers: several
inputs or outputs, and the shortcut of a residual block, where one tensor feeds two layers
and `Add()([X, X_shortcut])` joins the two paths again.

**Where the examples go.** Keras puts examples in rows and channels last: a batch of images
is `(m, n_H, n_W, n_C)`, as in the course's NumPy convolution of week 1. The
`BatchNormalization(axis=3)` of the course normalizes each channel over the batch and the
two spatial axes.

| name | shape | dtype |
|---|---|---|
| `X` for `happy_model()` | `(m, 64, 64, 3)` | float32 in [0, 1] |
| `happy_model()(X)` | `(m, 1)`: the probability of "smiling" | float32 |
| `X` for `convolutional_model((28, 28, 1))`, `resnet_small()`, `plain_and_residual()` | `(m, 28, 28, 1)` | float32 in [0, 1] |
| their output | `(m, classes)`: softmax probabilities | float32 |
| `X` of a block, and its output | `(m, n_H, n_W, n_C)` | float32 |

**Reproducible.** Every builder takes a `seed` (default 0) and gives each layer its own
seeded initializer, so two calls build the same weights; nothing here touches a global
random generator. The course's blocks seed every convolution with `initializer(seed=0)`,
and so do [`identity_block`][dl_notes.tf.convnets.identity_block] and
[`convolutional_block`][dl_notes.tf.convnets.convolutional_block] when given a plain
initializer class; the builders here pass a counting initializer instead, so that no two
layers start from the same numbers.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np

from dl_notes._checks import check_interval, check_positive, check_seed

__all__ = [
    "happy_model",
    "happyModel",
    "convolutional_model",
    "identity_block",
    "convolutional_block",
    "resnet50",
    "ResNet50",
    "resnet_small",
    "plain_and_residual",
    "summary",
]

layers = keras.layers
random_uniform = keras.initializers.RandomUniform
glorot_uniform = keras.initializers.GlorotUniform


class _CountingInitializer:
    """An initializer factory like `glorot_uniform`, but each call gets the next seed.

    The course calls `initializer(seed=0)` for every convolution of a block. Called that
    way, this returns `cls(seed=start)`, then `cls(seed=start + 1)`, ...: a model built with
    it is reproducible and no two layers of the same shape start equal.
    """

    def __init__(self, cls, start):
        self.cls, self.next = cls, start

    def __call__(self, seed=0):
        self.next += 1
        return self.cls(seed=self.next - 1)


def _counting(seed, cls=glorot_uniform, where=""):
    seed = check_seed(seed, where, minimum=0)
    return _CountingInitializer(cls, seed * 1000)


def _check_input_shape(input_shape, where, minimum=1):
    try:
        shape = tuple(int(d) for d in input_shape)
        ok = len(shape) == 3 and all(d == s and d >= 1 for d, s in zip(shape, input_shape))
    except (TypeError, ValueError):
        ok = False
    if not ok or min(shape[:2]) < minimum:
        raise ValueError(
            f"{where}: input_shape must be (height, width, channels), three positive ints with "
            f"height and width at least {minimum}, but {input_shape!r} was given."
        )
    return shape


# --- W1A2: the Sequential and the Functional API ---------------------------------------


# --8<-- [start:happy_model]
def happy_model(input_shape=(64, 64, 3), momentum=0.99, seed=0):
    r"""The course's `happyModel()`: a `Sequential` ConvNet that says whether a face smiles.

    `ZEROPAD2D -> CONV2D -> BATCHNORM -> RELU -> MAXPOOL -> FLATTEN -> DENSE`:

    | layer | output shape, 64x64x3 input | parameters |
    |---|---|---|
    | `ZeroPadding2D(padding=3)` | (m, 70, 70, 3) | 0 |
    | `Conv2D(32, 7, strides=1)` | (m, 64, 64, 32) | $7 \cdot 7 \cdot 3 \cdot 32 + 32 = 4736$ |
    | `BatchNormalization(axis=3)` | (m, 64, 64, 32) | $4 \cdot 32 = 128$ |
    | `ReLU()` | (m, 64, 64, 32) | 0 |
    | `MaxPool2D()` (2x2, stride 2) | (m, 32, 32, 32) | 0 |
    | `Flatten()` | (m, 32768) | 0 |
    | `Dense(1, activation="sigmoid")` | (m, 1) | $32768 + 1 = 32769$ |

    37,633 parameters in all, 37,569 of them trained: batch norm has 4 numbers per channel,
    $\gamma$ and $\beta$, which are trained, and the moving mean and variance, which are not.
    The padding of 3 keeps the 7x7 convolution's output at the input's size: a "same"
    convolution written as two layers.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (64, 64, 3)
        (height, width, channels) of one image: the course's 64x64 RGB.
    momentum : float, default 0.99
        Momentum of batch norm's moving averages, in [0, 1): Keras' default, as in the
        course. The averages start at mean 0 and variance 1 and forget that start slowly
        (by a factor `momentum` per mini-batch), while the convolution's outputs on images
        in [0, 1] have a variance of the order of 0.01; after a short training run the model
        then normalizes with the wrong numbers in inference mode. 0.9 forgets within tens of
        mini-batches.
    seed : int, default 0
        Seeds the Glorot-uniform initializers of the convolution and the dense layer.

    Returns
    -------
    model : keras.Sequential
        Built, not compiled. `model(X)` has shape (m, 1): the probability of class 1.

    Raises
    ------
    ValueError
        If `input_shape` is not three positive ints, or `momentum` is not in [0, 1).

    Examples
    --------
    >>> model = happy_model()
    >>> model.output_shape, model.count_params()
    ((None, 1), 37633)
    """
    where = "happy_model"
    input_shape = _check_input_shape(input_shape, where)
    check_interval(momentum, "momentum", where, 0, 1)
    init = _counting(seed, where=where)
    return keras.Sequential(
        [
            keras.Input(input_shape),
            layers.ZeroPadding2D(padding=3),
            layers.Conv2D(32, 7, strides=1, kernel_initializer=init()),
            layers.BatchNormalization(axis=3, momentum=momentum),
            layers.ReLU(),
            layers.MaxPool2D(),
            layers.Flatten(),
            layers.Dense(1, activation="sigmoid", kernel_initializer=init()),
        ],
        name="happy_model",
    )


# --8<-- [end:happy_model]


happyModel = happy_model  # the course's name


# --8<-- [start:convolutional_model]
def convolutional_model(input_shape, seed=0):
    r"""The course's `convolutional_model(input_shape)`: a six-class ConvNet in the Functional API.

    `CONV2D -> RELU -> MAXPOOL -> CONV2D -> RELU -> MAXPOOL -> FLATTEN -> DENSE`:

    | layer | output shape, 64x64x3 input | output shape, 28x28x1 input |
    |---|---|---|
    | `Conv2D(8, 4, padding="same")` | (m, 64, 64, 8) | (m, 28, 28, 8) |
    | `ReLU()` | (m, 64, 64, 8) | (m, 28, 28, 8) |
    | `MaxPool2D(8, strides=8, padding="same")` | (m, 8, 8, 8) | (m, 4, 4, 8) |
    | `Conv2D(16, 2, padding="same")` | (m, 8, 8, 16) | (m, 4, 4, 16) |
    | `ReLU()` | (m, 8, 8, 16) | (m, 4, 4, 16) |
    | `MaxPool2D(4, strides=4, padding="same")` | (m, 2, 2, 16) | (m, 1, 1, 16) |
    | `Flatten()` | (m, 64) | (m, 16) |
    | `Dense(6, activation="softmax")` | (m, 6) | (m, 6) |

    On the course's SIGNS images (64x64x3) it has $392 + 528 + 390 = 1310$ parameters; on
    28x28 grayscale digits $136 + 528 + 102 = 766$. A "same" pooling of an $n$-pixel side
    with stride $s$ gives $\lceil n / s \rceil$ pixels.

    Parameters
    ----------
    input_shape : tuple of 3 int
        (height, width, channels) of one image, e.g. (64, 64, 3) for SIGNS, (28, 28, 1) for
        the digits of [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5].
    seed : int, default 0
        Seeds the Glorot-uniform initializers of the three layers with weights.

    Returns
    -------
    model : keras.Model
        Built, not compiled. `model(X)` has shape (m, 6): the softmax probabilities.

    Raises
    ------
    ValueError
        If `input_shape` is not three positive ints.

    Examples
    --------
    >>> signs, digits = convolutional_model((64, 64, 3)), convolutional_model((28, 28, 1))
    >>> signs.count_params(), digits.count_params()
    (1310, 766)
    """
    where = "convolutional_model"
    input_shape = _check_input_shape(input_shape, where)
    init = _counting(seed, where=where)
    input_img = keras.Input(shape=input_shape)
    Z1 = layers.Conv2D(8, 4, padding="same", kernel_initializer=init())(input_img)
    A1 = layers.ReLU()(Z1)
    P1 = layers.MaxPool2D(pool_size=8, strides=8, padding="same")(A1)
    Z2 = layers.Conv2D(16, 2, padding="same", kernel_initializer=init())(P1)
    A2 = layers.ReLU()(Z2)
    P2 = layers.MaxPool2D(pool_size=4, strides=4, padding="same")(A2)
    F = layers.Flatten()(P2)
    outputs = layers.Dense(6, activation="softmax", kernel_initializer=init())(F)
    return keras.Model(inputs=input_img, outputs=outputs, name="convolutional_model")


# --8<-- [end:convolutional_model]


# --- W2A1: residual networks -----------------------------------------------------------


def _set_momentum(model, momentum):
    """Set the momentum of every BatchNormalization layer of `model` (read at each call)."""
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.momentum = float(momentum)
    return model


def _check_block(X, f, filters, where, s=None):
    """Check a block's arguments once, at the front; return `(n_C_prev, (F1, F2, F3))`."""
    shape = tuple(X.shape) if hasattr(X, "shape") else np.shape(X)
    if len(shape) != 4:
        raise ValueError(
            f"{where}: X must be a 4-D tensor (m, n_H_prev, n_W_prev, n_C_prev), "
            f"but it has shape {shape}."
        )
    check_positive(f, "f", where, integer=True)
    if s is not None:
        check_positive(s, "s", where, integer=True)
    try:
        F1, F2, F3 = (int(F) for F in filters)
        ok = all(F >= 1 for F in (F1, F2, F3)) and all(int(F) == F for F in filters)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            f"{where}: filters must be three positive ints [F1, F2, F3], the filters "
            f"of the main path's three convolutions, but {filters!r} was given."
        )
    return shape[3], (F1, F2, F3)


# --8<-- [start:identity_block]
def identity_block(X, f, filters, initializer=random_uniform):
    r"""The course's identity block: three convolutions on the main path, the input on the shortcut.

    Main path: `CONV2D (F1, 1x1) -> BATCHNORM -> RELU -> CONV2D (F2, fxf, same) -> BATCHNORM
    -> RELU -> CONV2D (F3, 1x1) -> BATCHNORM`. The shortcut carries `X` unchanged, is added
    to the main path's output, and a ReLU follows:

    $$a^{[l+3]} = g\big(z^{[l+3]} + a^{[l]}\big).$$

    The addition needs both to have the same shape, so `F3` must equal the input's channels
    `n_C_prev`; [`convolutional_block`][dl_notes.tf.convnets.convolutional_block] is the block
    for a change of shape. If the main path learns nothing ($z^{[l+3]} = 0$), the block
    passes $g(a^{[l]}) = a^{[l]}$ on: adding it cannot make the network worse than without.

    Batch norm runs in the mode of the call: `model(X, training=True)` normalizes with the
    batch's statistics, inference with the moving averages. (An earlier version of the
    assignment passed `training=True` to each `BatchNormalization`; the current one, followed
    here, does not.)

    Parameters
    ----------
    X : KerasTensor or tf.Tensor, shape (m, n_H_prev, n_W_prev, n_C_prev)
        The block's input: a symbolic tensor while building a Functional model, or a batch of
        images to compute the output at once.
    f : int
        Height and width of the middle convolution's window.
    filters : list of 3 int
        `[F1, F2, F3]`, the filters of the three convolutions; `F3 == n_C_prev`.
    initializer : callable, default keras.initializers.RandomUniform
        Called as `initializer(seed=0)` for each convolution's kernel, as in the course.

    Returns
    -------
    X : KerasTensor or tf.Tensor, shape (m, n_H_prev, n_W_prev, n_C_prev)
        The block's output, the shape of its input.

    Raises
    ------
    ValueError
        If `X` is not 4-D, `filters` is not three positive ints, or `F3 != n_C_prev`.

    Examples
    --------
    >>> X = np.ones((3, 4, 4, 6), np.float32)
    >>> tuple(identity_block(X, f=2, filters=[4, 4, 6]).shape)
    (3, 4, 4, 6)
    """
    where = "identity_block"
    n_C_prev, (F1, F2, F3) = _check_block(X, f, filters, where)
    if F3 != n_C_prev:
        raise ValueError(
            f"{where}: the shortcut adds X, with n_C_prev = {n_C_prev} channels, to the main "
            f"path's output, with F3 = {F3}: they must be equal. Use convolutional_block to "
            f"change the number of channels."
        )
    X_shortcut = X
    X = layers.Conv2D(F1, 1, strides=1, padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)

    X = layers.Conv2D(F2, f, strides=1, padding="same", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)

    X = layers.Conv2D(F3, 1, strides=1, padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)

    X = layers.Add()([X_shortcut, X])  # the skip connection
    return layers.Activation("relu")(X)


# --8<-- [end:identity_block]


# --8<-- [start:convolutional_block]
def convolutional_block(X, f, filters, s=2, initializer=glorot_uniform):
    r"""The course's convolutional block: a strided 1x1 convolution on the shortcut.

    Main path: `CONV2D (F1, 1x1, stride s) -> BATCHNORM -> RELU -> CONV2D (F2, fxf, same) ->
    BATCHNORM -> RELU -> CONV2D (F3, 1x1) -> BATCHNORM`. Shortcut: `CONV2D (F3, 1x1, stride s)
    -> BATCHNORM`, the course's $W_s a^{[l]}$ that gives the input the main path's shape.
    Both are added and a ReLU follows. With `s=2` the block halves the height and width
    (rounding up) and sets the channels to `F3`.

    Parameters
    ----------
    X : KerasTensor or tf.Tensor, shape (m, n_H_prev, n_W_prev, n_C_prev)
        The block's input.
    f : int
        Height and width of the middle convolution's window.
    filters : list of 3 int
        `[F1, F2, F3]`, the filters of the main path's three convolutions.
    s : int, default 2
        The stride of the first convolution and of the shortcut's.
    initializer : callable, default keras.initializers.GlorotUniform
        Called as `initializer(seed=0)` for each convolution's kernel, as in the course.

    Returns
    -------
    X : KerasTensor or tf.Tensor, shape (m, ceil(n_H_prev / s), ceil(n_W_prev / s), F3)

    Raises
    ------
    ValueError
        If `X` is not 4-D or `filters` is not three positive ints.
    TypeError, ValueError
        If `f` or `s` is not a positive int.

    Examples
    --------
    >>> X = np.ones((3, 4, 4, 6), np.float32)
    >>> tuple(convolutional_block(X, f=2, filters=[2, 4, 6], s=2).shape)
    (3, 2, 2, 6)
    """
    where = "convolutional_block"
    _, (F1, F2, F3) = _check_block(X, f, filters, where, s=s)
    s = int(s)
    X_shortcut = X
    X = layers.Conv2D(F1, 1, strides=s, padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)

    X = layers.Conv2D(F2, f, strides=1, padding="same", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)

    X = layers.Conv2D(F3, 1, strides=1, padding="valid", kernel_initializer=initializer(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)

    X_shortcut = layers.Conv2D(
        F3, 1, strides=s, padding="valid", kernel_initializer=initializer(seed=0)
    )(X_shortcut)
    X_shortcut = layers.BatchNormalization(axis=3)(X_shortcut)

    X = layers.Add()([X, X_shortcut])
    return layers.Activation("relu")(X)


# --8<-- [end:convolutional_block]


# --8<-- [start:resnet50]
def resnet50(input_shape=(64, 64, 3), classes=6):
    r"""The course's `ResNet50`: 50 layers with weights, built from 4 + 12 blocks, untrained.

    `ZEROPAD -> CONV2D (64, 7x7, stride 2) -> BATCHNORM -> RELU -> MAXPOOL (3x3, stride 2)`,
    then four stages of one convolutional block and 2, 3, 5 and 2 identity blocks,
    `AVGPOOL (2x2) -> FLATTEN -> DENSE (softmax)`:

    | stage | blocks | filters | stride | output, 64x64x3 input |
    |---|---|---|---|---|
    | 1 | conv 7x7, max pool | 64 | 2, 2 | (m, 15, 15, 64) |
    | 2 | convolutional + 2 identity | [64, 64, 256] | 1 | (m, 15, 15, 256) |
    | 3 | convolutional + 3 identity | [128, 128, 512] | 2 | (m, 8, 8, 512) |
    | 4 | convolutional + 5 identity | [256, 256, 1024] | 2 | (m, 4, 4, 1024) |
    | 5 | convolutional + 2 identity | [512, 512, 2048] | 2 | (m, 2, 2, 2048) |
    | | average pool, flatten, dense | | | (m, 2048) -> (m, classes) |

    1 + 3 * 16 = 49 convolutions on the main path and the output layer make the 50 layers.
    On 64x64x3 images with 6 classes it has 23,600,006 parameters, 23,546,886 of them
    trained: too many to train on a laptop CPU in a minute, and the course itself loads
    weights trained elsewhere. The identity blocks use the course's `random_uniform`
    initializer and the convolutional blocks `glorot_uniform`, each with `seed=0`.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (64, 64, 3)
        (height, width, channels) of one image; at least 37x37, so that stage 5 is at least
        2x2 for the 2x2 average pooling (with 'valid' padding).
    classes : int, default 6
        Units of the softmax output layer.

    Returns
    -------
    model : keras.Model
        Built, not compiled, untrained. `model(X)` has shape (m, classes).

    Raises
    ------
    ValueError
        If `input_shape` is not three ints, at least 37x37.
    TypeError, ValueError
        If `classes` is not a positive int.

    Examples
    --------
    >>> resnet50().count_params()
    23600006
    """
    where = "resnet50"
    input_shape = _check_input_shape(input_shape, where, minimum=37)
    check_positive(classes, "classes", where, integer=True)
    X_input = keras.Input(input_shape)
    X = layers.ZeroPadding2D((3, 3))(X_input)

    X = layers.Conv2D(64, (7, 7), strides=(2, 2), kernel_initializer=glorot_uniform(seed=0))(X)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)
    X = layers.MaxPooling2D((3, 3), strides=(2, 2))(X)

    X = convolutional_block(X, f=3, filters=[64, 64, 256], s=1)
    X = identity_block(X, 3, [64, 64, 256])
    X = identity_block(X, 3, [64, 64, 256])

    X = convolutional_block(X, f=3, filters=[128, 128, 512], s=2)
    for _ in range(3):
        X = identity_block(X, 3, [128, 128, 512])

    X = convolutional_block(X, f=3, filters=[256, 256, 1024], s=2)
    for _ in range(5):
        X = identity_block(X, 3, [256, 256, 1024])

    X = convolutional_block(X, f=3, filters=[512, 512, 2048], s=2)
    X = identity_block(X, 3, [512, 512, 2048])
    X = identity_block(X, 3, [512, 512, 2048])

    X = layers.AveragePooling2D((2, 2))(X)
    X = layers.Flatten()(X)
    X = layers.Dense(int(classes), activation="softmax", kernel_initializer=glorot_uniform(seed=0))(
        X
    )
    return keras.Model(inputs=X_input, outputs=X, name="ResNet50")


# --8<-- [end:resnet50]


ResNet50 = resnet50  # the course's name


# --8<-- [start:resnet_small]
def resnet_small(input_shape=(28, 28, 1), classes=6, filters=8, momentum=0.9, seed=0):
    r"""A ResNet-50 in miniature: the same blocks, fewer of them and narrower, for a CPU.

    `CONV2D (2F, 3x3, same) -> BATCHNORM -> RELU -> MAXPOOL (2x2)`, then two stages of one
    [`convolutional_block`][dl_notes.tf.convnets.convolutional_block] and one
    [`identity_block`][dl_notes.tf.convnets.identity_block], then
    `GLOBAL AVERAGE POOL -> DENSE (softmax)`. With `F = filters`:

    | stage | blocks | filters | stride | output, 28x28x1 input |
    |---|---|---|---|---|
    | 1 | conv 3x3, max pool | 2F | 1, 2 | (m, 14, 14, 2F) |
    | 2 | convolutional + identity | [F, F, 4F] | 1 | (m, 14, 14, 4F) |
    | 3 | convolutional + identity | [2F, 2F, 8F] | 2 | (m, 7, 7, 8F) |
    | | global average pool, dense | | | (m, 8F) -> (m, classes) |

    15 convolutions; with `F = 8`, 15,334 parameters, 1,500 times fewer than
    ResNet-50. Global average pooling (the mean of each channel over the image) replaces the
    course's `AveragePooling2D((2, 2))` and `Flatten`, so any image size works.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (28, 28, 1)
        (height, width, channels) of one image, at least 4x4.
    classes : int, default 6
        Units of the softmax output layer.
    filters : int, default 8
        `F`, the width of the network: the blocks have F to 8F filters.
    momentum : float, default 0.9
        Momentum of every batch norm's moving averages, in [0, 1). Keras' (and the course's)
        0.99 averages over about 100 steps and starts from mean 0, variance 1, so after a
        few hundred steps the averages still remember their start, and the model can predict
        badly in inference mode although it fits the training batches. 0.9 averages over
        about 10 steps.
    seed : int, default 0
        Seeds the Glorot-uniform initializer of each layer (each gets its own seed).

    Returns
    -------
    model : keras.Model
        Built, not compiled. `model(X)` has shape (m, classes).

    Raises
    ------
    ValueError
        If `input_shape` is not three positive ints, at least 4x4.
    TypeError, ValueError
        If `classes`, `filters` or `seed` is not a positive (for the seed: non-negative) int.

    Examples
    --------
    >>> model = resnet_small()
    >>> model.output_shape, model.count_params()
    ((None, 6), 15334)
    """
    where = "resnet_small"
    input_shape = _check_input_shape(input_shape, where, minimum=4)
    check_positive(classes, "classes", where, integer=True)
    check_positive(filters, "filters", where, integer=True)
    check_interval(momentum, "momentum", where, 0, 1)
    init = _counting(seed, where=where)
    F = int(filters)
    X_input = keras.Input(input_shape)
    X = layers.Conv2D(2 * F, 3, padding="same", kernel_initializer=init())(X_input)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)
    X = layers.MaxPooling2D(2)(X)

    X = convolutional_block(X, f=3, filters=[F, F, 4 * F], s=1, initializer=init)
    X = identity_block(X, 3, [F, F, 4 * F], initializer=init)

    X = convolutional_block(X, f=3, filters=[2 * F, 2 * F, 8 * F], s=2, initializer=init)
    X = identity_block(X, 3, [2 * F, 2 * F, 8 * F], initializer=init)

    X = layers.GlobalAveragePooling2D()(X)
    X = layers.Dense(int(classes), activation="softmax", kernel_initializer=init())(X)
    model = keras.Model(inputs=X_input, outputs=X, name="resnet_small")
    return _set_momentum(model, momentum)


# --8<-- [end:resnet_small]


# --8<-- [start:plain_and_residual]
def plain_and_residual(input_shape=(28, 28, 1), classes=6, num_blocks=10, filters=16, seed=0):
    r"""Two networks of the same depth, one plain and one residual, with the same initial weights.

    The lecture's claim: in theory a deeper network can only fit the training set better (its
    extra layers could learn the identity), but in practice a deep *plain* network is harder
    to train, and its training error goes up with depth; with skip connections it keeps
    going down. This builds the two networks that test the claim. Both are

    `CONV2D (3x3, stride 2) -> BATCHNORM -> RELU`, then `num_blocks` times
    `CONV2D (3x3) -> BATCHNORM -> RELU -> CONV2D (3x3) -> BATCHNORM -> [+ a[l]] -> RELU`,
    then `GLOBAL AVERAGE POOL -> DENSE (softmax)`,

    with `filters` filters in every convolution ('same' padding), so that the lecture's
    residual block $a^{[l+2]} = g(z^{[l+2]} + a^{[l]})$ needs no change of shape. The only
    difference is the `+ a[l]`: the residual network adds each block's input to its output
    before the ReLU, the plain one does not. They have the same layers, the same parameters
    and, layer by layer, the same initial weights (He-normal, seeded), so trained the same
    way, any difference comes from the skip connections alone.

    With `num_blocks=10` each has $1 + 2 \cdot 10 = 21$ convolutions and 22 layers with weights.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (28, 28, 1)
        (height, width, channels) of one image, at least 2x2.
    classes : int, default 6
        Units of the softmax output layer.
    num_blocks : int, default 10
        Blocks of two convolutions after the first convolution.
    filters : int, default 16
        Filters of every convolution.
    seed : int, default 0
        Seeds the initializers; both networks use the same seeds, layer by layer.

    Returns
    -------
    plain : keras.Model
        The network without skip connections, named "plain".
    residual : keras.Model
        The same network with a skip connection around each block, named "residual".
        Both built, not compiled; `model(X)` has shape (m, classes).

    Raises
    ------
    ValueError
        If `input_shape` is not three positive ints, at least 2x2.
    TypeError, ValueError
        If `classes`, `num_blocks`, `filters` or `seed` is not a positive (for the seed:
        non-negative) int.

    Examples
    --------
    >>> plain, residual = plain_and_residual()
    >>> conv = keras.layers.Conv2D
    >>> [sum(isinstance(layer, conv) for layer in m.layers) for m in (plain, residual)]
    [21, 21]
    >>> plain.count_params() == residual.count_params()
    True
    """
    where = "plain_and_residual"
    input_shape = _check_input_shape(input_shape, where, minimum=2)
    for name, value in (("classes", classes), ("num_blocks", num_blocks), ("filters", filters)):
        check_positive(value, name, where, integer=True)
    seed = check_seed(seed, where, minimum=0)
    return tuple(
        _stacked_convnet(input_shape, int(classes), int(num_blocks), int(filters), seed, residual)
        for residual in (False, True)
    )


def _stacked_convnet(input_shape, classes, num_blocks, filters, seed, residual):
    init = _CountingInitializer(keras.initializers.HeNormal, seed * 1000)
    X_input = keras.Input(input_shape)
    X = layers.Conv2D(filters, 3, strides=2, padding="same", kernel_initializer=init())(X_input)
    X = layers.BatchNormalization(axis=3)(X)
    X = layers.Activation("relu")(X)
    for _ in range(num_blocks):
        a = X  # a[l]
        X = layers.Conv2D(filters, 3, padding="same", kernel_initializer=init())(X)
        X = layers.BatchNormalization(axis=3)(X)
        X = layers.Activation("relu")(X)
        X = layers.Conv2D(filters, 3, padding="same", kernel_initializer=init())(X)
        X = layers.BatchNormalization(axis=3)(X)  # z[l+2]
        if residual:
            X = layers.Add()([X, a])  # z[l+2] + a[l]
        X = layers.Activation("relu")(X)  # a[l+2]
    X = layers.GlobalAveragePooling2D()(X)
    X = layers.Dense(
        classes,
        activation="softmax",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 1000 + 999),
    )(X)
    return keras.Model(X_input, X, name="residual" if residual else "plain")


# --8<-- [end:plain_and_residual]


def summary(model):
    r"""The course's `summary(model)` (from its `test_utils`): one row per layer, to compare with.

    Each row is `[class name, output shape, number of parameters]`, followed by what the
    course checks for some layers: `padding` for `ZeroPadding2D`; `padding`, the activation's
    name and the initializer's class for `Conv2D`; `pool_size`, `strides` and `padding` for
    `MaxPooling2D`; the activation's name for `Dense`. The input layer is left out.

    Parameters
    ----------
    model : keras.Model
        A built model.

    Returns
    -------
    rows : list of list
        One row per layer, in order.

    Raises
    ------
    TypeError
        If `model` is not a keras.Model.

    Examples
    --------
    >>> for row in summary(happy_model())[:2]:
    ...     print(row)
    ['ZeroPadding2D', (None, 70, 70, 3), 0, ((3, 3), (3, 3))]
    ['Conv2D', (None, 64, 64, 32), 4736, 'valid', 'linear', 'GlorotUniform']
    """
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"summary: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    rows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        row = [layer.__class__.__name__, tuple(layer.output.shape), layer.count_params()]
        if isinstance(layer, layers.ZeroPadding2D):
            row.append(tuple(tuple(p) for p in layer.padding))
        elif isinstance(layer, layers.Conv2D):
            row += [
                layer.padding,
                layer.activation.__name__,
                layer.kernel_initializer.__class__.__name__,
            ]
        elif isinstance(layer, layers.MaxPooling2D):
            row += [tuple(layer.pool_size), tuple(layer.strides), layer.padding]
        elif isinstance(layer, layers.Dense):
            row.append(layer.activation.__name__)
        rows.append(row)
    return rows
