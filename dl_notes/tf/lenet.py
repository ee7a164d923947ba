r"""The NumPy LeNet of `dl_notes.convnet`, in Keras: the same network, to compare accuracy and time.

Taught in: [Course 4](../../course4/index.md), week 1 (a ConvNet in the style of LeNet-5)
and the lab W1A1, "Convolution step by step", which trains the NumPy network and this one on
the same digits.

[`lenet_keras`][dl_notes.tf.lenet.lenet_keras] builds, layer for layer, the network of
[`dl_notes.convnet`][dl_notes.convnet]:

    Conv2D(n_C1, f, "same", relu) -> MaxPooling2D(2) -> Conv2D(n_C2, f, "same", relu)
      -> MaxPooling2D(2) -> Flatten -> Dense(C, softmax)

Keras stores the weights as the NumPy network does, so one set of numbers fits both:
layer `conv1` holds `W1` as its kernel, $(f, f, n_C, n_{C1})$, and `b1` as its bias, flat,
$(n_{C1},)$ instead of $(1, 1, 1, n_{C1})$; `conv2` holds `W2` and `b2` the same way; and
`dense` holds `W3`, $(n_F, C)$, and `b3`, $(C,)$ instead of $(1, C)$.

`Flatten` on `(m, n_H2, n_W2, n_C2)` orders the features as NumPy's `reshape(m, -1)` does,
and `padding="same"` with an odd $f$ and stride 1 pads $(f - 1)/2$ on each side, as
[`lenet_forward`][dl_notes.convnet.lenet_forward] does: given the same parameters, the
two networks compute the same probabilities, to float32 rounding (a test holds them equal
to $10^{-5}$).

| name | shape | dtype |
|---|---|---|
| `X` | `(m, n_H, n_W, n_C)`, e.g. `(m, 28, 28, 1)` | float32 in [0, 1] |
| `model(X)` | `(m, C)`: softmax probabilities | float32 |

Train it with [`fit`][dl_notes.tf.training.fit] (or Keras's `model.fit`) and
`keras.losses.categorical_crossentropy` on one-hot rows, the labels `train_lenet` takes.
`fit(..., seed=s)` and [`train_lenet(..., seed=s)`][dl_notes.convnet.train_lenet] draw the
same permutation of the examples every epoch, so from the same parameters (`parameters=`
below) and with the same optimizer settings the two trainings visit the same mini-batches
in the same order.
"""

from __future__ import annotations

import keras
import numpy as np

from dl_notes._checks import check_seed
from dl_notes.convnet import _check_architecture, _check_lenet

__all__ = ["lenet_keras"]

layers = keras.layers


def lenet_keras(input_shape, filters, n_classes, seed=0, *, f=5, parameters=None):
    r"""The LeNet-style network of `dl_notes.convnet` as a `keras.Sequential` model.

    Parameters
    ----------
    input_shape : tuple of int
        `(n_H, n_W, n_C)` of one image, e.g. `(28, 28, 1)`; both sides at least 4.
    filters : tuple of int
        `(n_C1, n_C2)`: the number of filters of the two convolutions.
    n_classes : int
        $C$, the number of softmax units, at least 2.
    seed : int, default 0
        Seeds the He-normal initializers of the three layers (`seed`, `seed + 1`,
        `seed + 2`), so that two calls build the same weights.
    f : int, default 5, keyword-only
        The (odd) filter size of both convolutions.
    parameters : dict, optional, keyword-only
        NumPy parameters `W1`, `b1`, `W2`, `b2`, `W3`, `b3` (e.g. from
        [`initialize_lenet`][dl_notes.convnet.initialize_lenet] with the same arguments):
        the model starts from them instead of its initializers, so that both networks
        start from the same point.

    Returns
    -------
    model : keras.Sequential
        Built, not compiled. Layers `conv1`, `pool1`, `conv2`, `pool2`, `flatten`, `dense`;
        input `(m, n_H, n_W, n_C)`, output `(m, C)`.

    Examples
    --------
    >>> model = lenet_keras((28, 28, 1), (8, 16), 10)
    >>> model.output_shape, model.count_params()
    ((None, 10), 11274)
    """
    where = "lenet_keras"
    n_H, n_W, n_C, n_C1, n_C2, n_classes, f = _check_architecture(
        input_shape, filters, n_classes, f, where
    )
    seed = check_seed(seed, where, minimum=0, why="the seed of Keras's initializers")
    if parameters is not None:
        _, parameters = _check_lenet(np.zeros((1, n_H, n_W, n_C)), parameters, where)
        wanted = {"W1": (f, f, n_C, n_C1), "W2": (f, f, n_C1, n_C2)}
        for key, shape in wanted.items():
            if parameters[key].shape != shape or parameters["W3"].shape[1] != n_classes:
                raise ValueError(
                    f"{where}: parameters do not fit input_shape {tuple(input_shape)}, filters "
                    f"{tuple(filters)}, n_classes {n_classes} and f {f}: {key} should have shape "
                    f"{shape} and W3 {n_classes} columns, but W1, W2, W3 have shapes "
                    f"{parameters['W1'].shape}, {parameters['W2'].shape}, "
                    f"{parameters['W3'].shape}."
                )

    def he(k):
        return keras.initializers.HeNormal(seed=seed + k)

    model = keras.Sequential(
        [
            keras.Input((n_H, n_W, n_C)),  # (m, n_H, n_W, n_C)
            layers.Conv2D(
                n_C1, f, padding="same", activation="relu", kernel_initializer=he(0), name="conv1"
            ),  # (m, n_H, n_W, n_C1)
            layers.MaxPooling2D(2, name="pool1"),  # (m, n_H/2, n_W/2, .)
            layers.Conv2D(
                n_C2, f, padding="same", activation="relu", kernel_initializer=he(1), name="conv2"
            ),  # (.., n_C2)
            layers.MaxPooling2D(2, name="pool2"),  # (m, n_H2, n_W2, n_C2)
            layers.Flatten(name="flatten"),  # (m, n_F)
            layers.Dense(
                n_classes, activation="softmax", kernel_initializer=he(2), name="dense"
            ),  # (m, C)
        ],
        name="lenet",
    )
    if parameters is not None:
        model.set_weights(
            [
                np.asarray(parameters[key]).reshape(shape)
                for key, shape in (
                    ("W1", (f, f, n_C, n_C1)),
                    ("b1", (n_C1,)),
                    ("W2", (f, f, n_C1, n_C2)),
                    ("b2", (n_C2,)),
                    ("W3", parameters["W3"].shape),
                    ("b3", (n_classes,)),
                )
            ]
        )
    return model
