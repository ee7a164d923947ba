r"""The classic ConvNets of Course 4, week 2, built untrained in Keras: LeNet-5, AlexNet, VGG-16.

Taught in: Course 4, [week 2](../../course4/week2.md#classic-networks) (classic networks:
their layers, their shapes, their parameter counts).

Each builder returns an untrained, uncompiled `keras.Sequential` model whose layers follow
the lecture's drawing of the network, named as the papers name them (`conv1`, `pool1`, ...,
`fc6`). Building one downloads nothing: the weights start random. They are here so that the
architectures can be read, printed (`model.summary()`) and counted, and so that a small one
can be trained; pretrained ImageNet weights are not available offline.

| network | input | stands out by | parameters |
|---|---|---|---|
| [`lenet5`][dl_notes.tf.classic_nets.lenet5] | 32×32×1 | 2 conv + avg-pool stages | 61,706 |
| [`alexnet`][dl_notes.tf.classic_nets.alexnet] | 227×227×3 | big strided convs, ReLU | 62,378,344 |
| [`vgg16`][dl_notes.tf.classic_nets.vgg16] | 224×224×3 | only 3×3 convs, 2×2 pools | 138,357,544 |

Each departs from its paper where the paper used something the course leaves out; the
docstrings say where. The counts are for the default 1000 classes (10 for LeNet-5);
`keras.applications.VGG16(weights=None)` has exactly as many parameters as
[`vgg16`][dl_notes.tf.classic_nets.vgg16] (a test checks it).
"""

from __future__ import annotations

import keras

from dl_notes._checks import check_choice, check_positive, check_seed

__all__ = ["lenet5", "alexnet", "vgg16"]


def _check(input_shape, n_classes, seed, min_size, where):
    """Check the builders' shared arguments; return them as `(tuple of int, int, int)`."""
    shape = tuple(input_shape) if isinstance(input_shape, (tuple, list)) else None
    ok = shape is not None and len(shape) == 3
    ok = ok and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in shape)
    if not ok or min(shape[:2]) < min_size:
        raise ValueError(
            f"{where}: input_shape must be (n_H, n_W, n_C), whole numbers with n_H and n_W at "
            f"least {min_size} (smaller inputs shrink to nothing before the dense layers), but "
            f"{input_shape!r} was given."
        )
    check_positive(n_classes, "n_classes", where, integer=True)
    return shape, int(n_classes), check_seed(seed, where, minimum=0)


# --8<-- [start:lenet5]
def lenet5(input_shape=(32, 32, 1), n_classes=10, activation="tanh", seed=0):
    r"""LeNet-5 (LeCun et al., 1998) in the modern form the course draws, untrained.

    | layer | output shape | parameters |
    |---|---|---|
    | input | 32×32×1 | 0 |
    | `conv1`: 6 filters 5×5, stride 1, valid | 28×28×6 | 156 |
    | `pool1`: average pool 2×2, stride 2 | 14×14×6 | 0 |
    | `conv2`: 16 filters 5×5, stride 1, valid | 10×10×16 | 2,416 |
    | `pool2`: average pool 2×2, stride 2 | 5×5×16 | 0 |
    | `flatten` | 400 | 0 |
    | `fc3`: dense | 120 | 48,120 |
    | `fc4`: dense | 84 | 10,164 |
    | `output`: dense, softmax | 10 | 850 |

    61,706 parameters in all, the "about 60 thousand" of the lecture. Where it departs
    from the 1998 paper: every `conv2` filter sees all 6 channels (the paper connected each
    to a subset, to save computation); the pools have no trainable scale and bias; the
    output is a softmax, where the paper had Euclidean RBF units; and the activation is a
    plain `tanh`, where the paper scaled it ($1.7159 \tanh(2z/3)$).

    Parameters
    ----------
    input_shape : tuple of 3 int, default (32, 32, 1)
        $(n_H, n_W, n_C)$ of one image, at least 16×16.
    n_classes : int, default 10
        Units of the softmax output.
    activation : {"tanh", "sigmoid", "relu"}, default "tanh"
        Of the conv and hidden dense layers. The paper's era used tanh or sigmoid.
    seed : int, default 0
        Seeds each layer's Glorot-uniform initializer (layer `k` gets `seed * 100 + k`).

    Returns
    -------
    model : keras.Sequential
        Built, not compiled; `model(X)` maps `X` of shape $(m, n_H, n_W, n_C)$ to
        probabilities of shape $(m, n_{classes})$.
    """
    where = "lenet5"
    # 16x16 -> conv 12 -> pool 6 -> conv 2 -> pool 1: the smallest input that works.
    input_shape, n_classes, seed = _check(input_shape, n_classes, seed, 16, where)
    check_choice(activation, ("tanh", "sigmoid", "relu"), "activation", where)

    def init(k):
        return keras.initializers.GlorotUniform(seed=seed * 100 + k)

    L = keras.layers
    return keras.Sequential(
        [
            keras.Input(input_shape),
            L.Conv2D(6, 5, activation=activation, kernel_initializer=init(1), name="conv1"),
            L.AveragePooling2D(2, strides=2, name="pool1"),
            L.Conv2D(16, 5, activation=activation, kernel_initializer=init(2), name="conv2"),
            L.AveragePooling2D(2, strides=2, name="pool2"),
            L.Flatten(name="flatten"),
            L.Dense(120, activation=activation, kernel_initializer=init(3), name="fc3"),
            L.Dense(84, activation=activation, kernel_initializer=init(4), name="fc4"),
            L.Dense(n_classes, activation="softmax", kernel_initializer=init(5), name="output"),
        ],
        name="lenet5",
    )


# --8<-- [end:lenet5]


# --8<-- [start:alexnet]
def alexnet(input_shape=(227, 227, 3), n_classes=1000, seed=0):
    r"""AlexNet (Krizhevsky, Sutskever and Hinton, 2012) as the course draws it, untrained.

    | layer | output shape | parameters |
    |---|---|---|
    | input | 227×227×3 | 0 |
    | `conv1`: 96 filters 11×11, stride 4, valid, ReLU | 55×55×96 | 34,944 |
    | `pool1`: max pool 3×3, stride 2 | 27×27×96 | 0 |
    | `conv2`: 256 filters 5×5, same, ReLU | 27×27×256 | 614,656 |
    | `pool2`: max pool 3×3, stride 2 | 13×13×256 | 0 |
    | `conv3`: 384 filters 3×3, same, ReLU | 13×13×384 | 885,120 |
    | `conv4`: 384 filters 3×3, same, ReLU | 13×13×384 | 1,327,488 |
    | `conv5`: 256 filters 3×3, same, ReLU | 13×13×256 | 884,992 |
    | `pool5`: max pool 3×3, stride 2 | 6×6×256 | 0 |
    | `flatten` | 9216 | 0 |
    | `fc6`: dense, ReLU (dropout 0.5 before) | 4096 | 37,752,832 |
    | `fc7`: dense, ReLU (dropout 0.5 before) | 4096 | 16,781,312 |
    | `fc8`: dense, softmax | 1000 | 4,097,000 |

    62,378,344 parameters in all, the "about 60 million" of the lecture, nearly all of them
    (94 %) in the three dense layers. Where it departs from the 2012 paper: one tower, where
    the paper split `conv2`, `conv4` and `conv5` into two groups, one per GPU, each filter
    seeing half the channels (that saves 1,413,120 parameters, hence the paper's
    60.97 million); no local response normalization (it has no parameters and later work
    dropped it); and the 227×227 input of the lecture (the paper says 224, which does not
    give 55×55 with these filters).

    Parameters
    ----------
    input_shape : tuple of 3 int, default (227, 227, 3)
        $(n_H, n_W, n_C)$ of one image, at least 67×67.
    n_classes : int, default 1000
        Units of the softmax output (ImageNet's 1000 classes).
    seed : int, default 0
        Seeds each layer's Glorot-uniform initializer (layer `k` gets `seed * 100 + k`).

    Returns
    -------
    model : keras.Sequential
        Built, not compiled; `model(X)` maps `X` of shape $(m, n_H, n_W, n_C)$ to
        probabilities of shape $(m, n_{classes})$.
    """
    # 67x67 -> conv1 15 -> pool1 7 -> conv2 7 -> pool2 3 -> conv3-5 3 -> pool5 1: the smallest.
    input_shape, n_classes, seed = _check(input_shape, n_classes, seed, 67, "alexnet")

    def conv(k, n_C, f, **kwargs):
        return keras.layers.Conv2D(
            n_C,
            f,
            activation="relu",
            name=f"conv{k}",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + k),
            **kwargs,
        )

    def dense(k, n, activation="relu"):
        return keras.layers.Dense(
            n,
            activation=activation,
            name=f"fc{k}",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 100 + k),
        )

    L = keras.layers
    return keras.Sequential(
        [
            keras.Input(input_shape),
            conv(1, 96, 11, strides=4),
            L.MaxPooling2D(3, strides=2, name="pool1"),
            conv(2, 256, 5, padding="same"),
            L.MaxPooling2D(3, strides=2, name="pool2"),
            conv(3, 384, 3, padding="same"),
            conv(4, 384, 3, padding="same"),
            conv(5, 256, 3, padding="same"),
            L.MaxPooling2D(3, strides=2, name="pool5"),
            L.Flatten(name="flatten"),
            L.Dropout(0.5, seed=seed, name="dropout6"),
            dense(6, 4096),
            L.Dropout(0.5, seed=seed + 1, name="dropout7"),
            dense(7, 4096),
            dense(8, n_classes, activation="softmax"),
        ],
        name="alexnet",
    )


# --8<-- [end:alexnet]


#: VGG-16's convolutional blocks: (number of 3x3 "same" convs, filters), each ending in a pool.
VGG16_BLOCKS = ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512))


# --8<-- [start:vgg16]
def vgg16(input_shape=(224, 224, 3), n_classes=1000, seed=0):
    r"""VGG-16 (Simonyan and Zisserman, 2015), untrained.

    Five blocks of 3×3 "same" convolutions (stride 1, ReLU), each followed by a 2×2 max pool
    with stride 2 that halves the height and width, while the number of filters doubles
    from block to block up to 512:

    | block | layers | output shape | parameters |
    |---|---|---|---|
    | 1 | 2 conv, 64 filters; pool | 112×112×64 | 38,720 |
    | 2 | 2 conv, 128 filters; pool | 56×56×128 | 221,440 |
    | 3 | 3 conv, 256 filters; pool | 28×28×256 | 1,475,328 |
    | 4 | 3 conv, 512 filters; pool | 14×14×512 | 5,899,776 |
    | 5 | 3 conv, 512 filters; pool | 7×7×512 | 7,079,424 |
    | `fc1`, `fc2` | dense 4096, ReLU (twice) | 4096 | 102,764,544 + 16,781,312 |
    | `predictions` | dense, softmax | 1000 | 4,097,000 |

    13 conv and 3 dense layers, the 16 of its name, and 138,357,544 parameters, exactly as
    many as `keras.applications.VGG16(weights=None)`, whose layer names it uses
    (`block1_conv1`, ..., `block5_pool`, `fc1`, `fc2`, `predictions`). Unlike the paper's
    training setup, it has no dropout.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (224, 224, 3)
        $(n_H, n_W, n_C)$ of one image, at least 32×32 (five pools halve it five times).
    n_classes : int, default 1000
        Units of the softmax output.
    seed : int, default 0
        Seeds each layer's Glorot-uniform initializer (layer `k` gets `seed * 100 + k`).

    Returns
    -------
    model : keras.Sequential
        Built, not compiled; `model(X)` maps `X` of shape $(m, n_H, n_W, n_C)$ to
        probabilities of shape $(m, n_{classes})$.
    """
    input_shape, n_classes, seed = _check(input_shape, n_classes, seed, 32, "vgg16")
    L = keras.layers
    k = 0

    def init():
        nonlocal k
        k += 1
        return keras.initializers.GlorotUniform(seed=seed * 100 + k)

    layers = [keras.Input(input_shape)]
    for block, (n_convs, n_C) in enumerate(VGG16_BLOCKS, start=1):
        for i in range(1, n_convs + 1):
            layers.append(
                L.Conv2D(
                    n_C,
                    3,
                    padding="same",
                    activation="relu",
                    kernel_initializer=init(),
                    name=f"block{block}_conv{i}",
                )
            )
        layers.append(L.MaxPooling2D(2, strides=2, name=f"block{block}_pool"))
    layers += [
        L.Flatten(name="flatten"),
        L.Dense(4096, activation="relu", kernel_initializer=init(), name="fc1"),
        L.Dense(4096, activation="relu", kernel_initializer=init(), name="fc2"),
        L.Dense(n_classes, activation="softmax", kernel_initializer=init(), name="predictions"),
    ]
    return keras.Sequential(layers, name="vgg16")


# --8<-- [end:vgg16]
