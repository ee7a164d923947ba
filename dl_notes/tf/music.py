r"""Music generation with an LSTM (Course 5, W1A3): a many-to-one training model, a one-to-many
sampler.

Taught in: Course 5, [week 1](../../course5/week1.md) (language models and sampling novel
sequences, the LSTM) and the lab
[W1A3 · Music generation with an LSTM](../../course5/labs/w1a3-music-generation-lstm.ipynb).

The assignment ("Improvise a jazz solo with an LSTM network") shares three layers between
two Keras models. The training model [`djmodel`][dl_notes.tf.music.djmodel] unrolls one
`LSTM` cell over $T_x$ steps: at step $t$ it reads the value $x^{\langle t \rangle}$, updates
$a^{\langle t \rangle}, c^{\langle t \rangle}$ and predicts the next value
$\hat y^{\langle t \rangle} = \text{softmax}(W_y a^{\langle t \rangle} + b_y)$. The inference
model [`music_inference_model`][dl_notes.tf.music.music_inference_model] reuses the same
trained layers, starts from $x^{\langle 1 \rangle} = \vec 0$ and feeds each prediction back
as the next input: the argmax, turned into a one-hot vector.

| the course | here |
|---|---|
| `n_a = 64`, `reshaper = Reshape((1, n_values))`, `LSTM_cell = LSTM(n_a, return_state=True)`, `densor = Dense(n_values, activation='softmax')` | [`shared_layers`][dl_notes.tf.music.shared_layers]`(n_values, n_a=64, seed=0)` returns `(reshaper, LSTM_cell, densor)`, seeded |
| `djmodel(Tx, LSTM_cell, densor, reshaper)` | [`djmodel`][dl_notes.tf.music.djmodel], the same |
| `model.compile(Adam(lr=0.01, beta_1=0.9, beta_2=0.999, decay=0.01), 'categorical_crossentropy')`, `model.fit([X, a0, c0], list(Y), epochs=100)` | [`train_djmodel`][dl_notes.tf.music.train_djmodel]`(model, X, Y, num_epochs=100)`, with [`fit`][dl_notes.tf.training.fit] |
| `music_inference_model(LSTM_cell, densor, Ty=100)` | [`music_inference_model`][dl_notes.tf.music.music_inference_model], the same |
| `predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer)` | [`predict_and_sample`][dl_notes.tf.music.predict_and_sample], the same (the initializers default to zeros) |
| (beyond) | [`sample_with_temperature`][dl_notes.tf.music.sample_with_temperature]: draw each next value instead of taking the argmax |

| name | shape |
|---|---|
| `X` | `(m, Tx, n_values)`, one-hot; `X[:, 0] = 0` |
| `Y` | `(Tx, m, n_values)`, one-hot; `Y[t] = X[:, t + 1]` |
| `a0`, `c0` | `(m, n_a)`, zeros |
| outputs of `djmodel` | a list of `Tx` arrays `(m, n_values)` |
| `results`, `indices` of `predict_and_sample` | `(Ty, n_values)` one-hot, `(Ty, 1)` |

**Keras 3.** The course wrote `tf.math.argmax` and `tf.one_hot` on the symbolic tensors of a
functional model, which TensorFlow's own Keras 2 wrapped in layers for it. Keras 3 refuses
TensorFlow functions on symbolic tensors; its `keras.ops.argmax` and `keras.ops.one_hot`
are the same operations and work there.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import as_array, as_rng, check_ndim, check_positive, check_seed
from dl_notes.tf.training import fit

__all__ = [
    "N_A",
    "shared_layers",
    "djmodel",
    "music_inference_model",
    "predict_and_sample",
    "sample_with_temperature",
    "course_optimizer",
    "sequence_loss",
    "train_djmodel",
    "evaluate_next_value",
]

N_A = 64
"""The course's `n_a`: units of the LSTM's hidden state."""


def shared_layers(n_values, n_a=N_A, seed=0):
    r"""The course's three shared layers, for a vocabulary of `n_values` values: reshaper,
    LSTM cell, densor.

    The course makes them as globals for its 90 values; the number of values is a property
    of the data, so here a function makes them. Both models take these same objects, so the
    inference model uses the weights the training model learned.

    Parameters
    ----------
    n_values : int
        Number of distinct values (the one-hot length).
    n_a : int, default 64
        Units of the LSTM.
    seed : int, default 0
        Seed of the initial weights (Keras' default initializers, seeded: Glorot uniform for
        the input kernels, orthogonal for the recurrent one).

    Returns
    -------
    reshaper : keras.layers.Reshape
        `Reshape((1, n_values))`: a value `(m, n_values)` as a sequence of one step.
    LSTM_cell : keras.layers.LSTM
        `LSTM(n_a, return_state=True)`: returns `(a, a, c)`.
    densor : keras.layers.Dense
        `Dense(n_values, activation="softmax")`.
    """
    where = "shared_layers"
    check_positive(n_values, "n_values", where, integer=True)
    check_positive(n_a, "n_a", where, integer=True)
    seed = check_seed(seed, where, minimum=0, why="the initializers")
    init = keras.initializers
    reshaper = keras.layers.Reshape((1, int(n_values)))
    LSTM_cell = keras.layers.LSTM(
        int(n_a),
        return_state=True,
        unroll=True,  # one step per call: no while-loop to trace, same numbers (faster)
        kernel_initializer=init.GlorotUniform(seed=seed),
        recurrent_initializer=init.Orthogonal(seed=seed + 1),
    )
    densor = keras.layers.Dense(
        int(n_values), activation="softmax", kernel_initializer=init.GlorotUniform(seed=seed + 2)
    )
    return reshaper, LSTM_cell, densor


# --8<-- [start:djmodel]
def djmodel(Tx, LSTM_cell, densor, reshaper):
    r"""The course's training model: one LSTM cell unrolled over `Tx` steps, a softmax at each.

    At each step $t$: take $x^{\langle t \rangle}$ = `X[:, t, :]`, reshape it to one time
    step, run the shared `LSTM_cell` from the previous $(a, c)$, and apply `densor` to the new
    $a^{\langle t \rangle}$: $\hat y^{\langle t \rangle} = \text{softmax}(W_y a^{\langle t
    \rangle} + b_y)$, the distribution of the next value.

    Parameters
    ----------
    Tx : int
        Length of the training sequences.
    LSTM_cell : keras.layers.LSTM
        The shared cell, made with `return_state=True`.
    densor : keras.layers.Dense
        The shared softmax layer with `n_values` units.
    reshaper : keras.layers.Reshape
        The shared `Reshape((1, n_values))`.

    Returns
    -------
    model : keras.Model
        Inputs `[X, a0, c0]` of shapes `(m, Tx, n_values)`, `(m, n_a)`, `(m, n_a)`; outputs a
        list of `Tx` tensors `(m, n_values)`.
    """
    _check_layers(LSTM_cell, densor, "djmodel", reshaper)
    check_positive(Tx, "Tx", "djmodel", integer=True)
    n_values = densor.units
    n_a = LSTM_cell.units
    X = keras.Input(shape=(Tx, n_values))
    a0 = keras.Input(shape=(n_a,), name="a0")
    c0 = keras.Input(shape=(n_a,), name="c0")
    a, c = a0, c0
    outputs = []
    for t in range(Tx):
        x = X[:, t, :]  # (m, n_values)
        x = reshaper(x)  # (m, 1, n_values)
        _, a, c = LSTM_cell(x, initial_state=[a, c])  # the output is a again
        out = densor(a)  # (m, n_values)
        outputs.append(out)
    return keras.Model(inputs=[X, a0, c0], outputs=outputs)


# --8<-- [end:djmodel]


# --8<-- [start:music_inference_model]
def music_inference_model(LSTM_cell, densor, Ty=100):
    r"""The course's one-to-many sampler: feed each step's most likely value back as the next
    input.

    From $x^{\langle 1 \rangle}$ and $(a_0, c_0)$, for $t = 1, \dots, T_y$: run the shared cell,
    $\hat y^{\langle t \rangle}$ = `densor(a)`, then
    $x^{\langle t+1 \rangle} = \text{one\_hot}(\arg\max \hat y^{\langle t \rangle})$.

    Parameters
    ----------
    LSTM_cell : keras.layers.LSTM
        The trained shared cell.
    densor : keras.layers.Dense
        The trained shared softmax layer.
    Ty : int, default 100
        Number of values to generate.

    Returns
    -------
    inference_model : keras.Model
        Inputs `[x0, a0, c0]` of shapes `(m, 1, n_values)`, `(m, n_a)`, `(m, n_a)`; outputs a
        list of `Ty` tensors `(m, n_values)`, the softmax at each step.
    """
    _check_layers(LSTM_cell, densor, "music_inference_model")
    check_positive(Ty, "Ty", "music_inference_model", integer=True)
    n_values = densor.units
    n_a = LSTM_cell.units
    x0 = keras.Input(shape=(1, n_values))
    a0 = keras.Input(shape=(n_a,), name="a0")
    c0 = keras.Input(shape=(n_a,), name="c0")
    a, c, x = a0, c0, x0
    outputs = []
    for _ in range(Ty):
        a, _, c = LSTM_cell(x, initial_state=[a, c])
        out = densor(a)  # (m, n_values)
        outputs.append(out)
        # keras.ops where the course has tf.math.argmax and tf.one_hot (Keras 3)
        x = keras.ops.argmax(out, axis=-1)  # (m,)
        x = keras.ops.one_hot(x, n_values)  # (m, n_values)
        x = keras.layers.RepeatVector(1)(x)  # (m, 1, n_values)
    return keras.Model(inputs=[x0, a0, c0], outputs=outputs)


# --8<-- [end:music_inference_model]


# --8<-- [start:predict_and_sample]
def predict_and_sample(inference_model, x_initializer=None, a_initializer=None, c_initializer=None):
    r"""Run the inference model once; return the generated values as one-hot rows and as indices.

    Parameters
    ----------
    inference_model : keras.Model
        From [`music_inference_model`][dl_notes.tf.music.music_inference_model].
    x_initializer : ndarray, shape (1, 1, n_values), optional
        The first input; default zeros, as in the course.
    a_initializer, c_initializer : ndarray, shape (1, n_a), optional
        The initial states; default zeros.

    Returns
    -------
    results : ndarray of float32, shape (Ty, n_values)
        One-hot rows of the chosen values.
    indices : ndarray of int, shape (Ty, 1)
        Index of the value chosen at each step.
    """
    x_initializer, a_initializer, c_initializer = _check_initializers(
        inference_model, x_initializer, a_initializer, c_initializer, "predict_and_sample"
    )
    n_values = x_initializer.shape[2]
    # the course calls inference_model.predict(...): the same numbers, but it compiles the
    # model first (seconds for Ty = 100); one example runs faster called directly
    pred = inference_model([x_initializer, a_initializer, c_initializer], training=False)
    pred = [np.asarray(p) for p in pred]  # Ty arrays (1, n_values)
    indices = np.argmax(pred, axis=-1)  # (Ty, 1): pred is Ty arrays (1, n_values)
    results = keras.utils.to_categorical(indices, num_classes=n_values)  # (Ty, 1, n_values)
    return results.reshape(len(pred), n_values), indices


# --8<-- [end:predict_and_sample]


def sample_with_temperature(LSTM_cell, densor, Ty=50, temperature=1.0, seed=0, x_initializer=None):
    r"""Generate `Ty` values by drawing each from the model's softmax, sharpened or flattened.

    Beyond the course. The argmax of the inference model is deterministic, and a small model
    soon repeats itself (the same few notes over and over). Drawing instead from
    $p_i \propto \hat y_i^{1/\tau}$ gives variety: $\tau = 1$ samples the model's own
    distribution, $\tau \to 0$ approaches the argmax, $\tau > 1$ flattens it. This runs the
    shared layers one step at a time (eagerly; `Ty` steps take a fraction of a second).

    Parameters
    ----------
    LSTM_cell : keras.layers.LSTM
        The trained shared cell.
    densor : keras.layers.Dense
        The trained shared softmax layer.
    Ty : int, default 50
    temperature : float, default 1.0
        $\tau > 0$.
    seed : int or numpy.random.Generator, default 0
    x_initializer : ndarray, shape (1, 1, n_values), optional
        The first input; default zeros.

    Returns
    -------
    indices : ndarray of int, shape (Ty,)
    """
    where = "sample_with_temperature"
    _check_layers(LSTM_cell, densor, where)
    check_positive(Ty, "Ty", where, integer=True)
    check_positive(temperature, "temperature", where)
    rng = as_rng(seed, where, allow_none=False)
    n_values, n_a = densor.units, LSTM_cell.units
    x = np.zeros((1, 1, n_values), np.float32) if x_initializer is None else x_initializer
    x = _check_array(x, (1, 1, n_values), "x_initializer", where)
    a = c = tf.zeros((1, n_a))
    eye = np.eye(n_values, dtype=np.float32)
    indices = np.empty(Ty, np.int64)
    for t in range(int(Ty)):
        a, _, c = LSTM_cell(x, initial_state=[a, c])
        p = np.asarray(densor(a), np.float64)[0]  # (n_values,)
        logp = np.log(np.maximum(p, 1e-30)) / temperature
        p = np.exp(logp - logp.max())
        indices[t] = rng.choice(n_values, p=p / p.sum())
        x = eye[indices[t]][None, None, :]  # (1, 1, n_values)
    return indices


def course_optimizer(learning_rate=0.01, decay=0.01):
    r"""The course's optimizer: `Adam(lr=0.01, beta_1=0.9, beta_2=0.999, decay=0.01)`, in Keras 3.

    Keras 2's `decay` lowered the rate after every step,
    $\alpha_k = \alpha_0 / (1 + \text{decay} \cdot k)$; Keras 3 dropped the argument, and
    `InverseTimeDecay(α0, decay_steps=1, decay_rate=decay)` is the same schedule.

    Parameters
    ----------
    learning_rate : float, default 0.01
    decay : float, default 0.01
        0 keeps the rate constant.

    Returns
    -------
    optimizer : keras.optimizers.Adam
    """
    where = "course_optimizer"
    check_positive(learning_rate, "learning_rate", where)
    if isinstance(decay, bool) or not isinstance(decay, (int, float)) or decay < 0:
        raise ValueError(f"{where}: decay must be a number >= 0, but {decay!r} was given.")
    rate = learning_rate
    if decay > 0:
        rate = keras.optimizers.schedules.InverseTimeDecay(learning_rate, 1, decay)
    return keras.optimizers.Adam(rate, beta_1=0.9, beta_2=0.999)


def sequence_loss(Y_true, Y_pred):
    r"""Categorical cross-entropy summed over the time steps, one value per example.

    $\mathcal{L}^{(i)} = -\sum_{t=1}^{T_x} \sum_{k} y_k^{(i)\langle t \rangle}
    \log \hat y_k^{(i)\langle t \rangle}$: what Keras minimises for a model with `Tx` outputs
    and the loss `'categorical_crossentropy'` (the sum of the outputs' losses), so the
    course's printed losses (about 130 at the first epoch, for 90 values) compare with these.

    Parameters
    ----------
    Y_true : sequence of Tx tensors, each of shape (m, n_values)
    Y_pred : sequence of Tx tensors, each of shape (m, n_values)

    Returns
    -------
    loss : tf.Tensor, shape (m,)
    """
    return tf.add_n([keras.losses.categorical_crossentropy(y, p) for y, p in zip(Y_true, Y_pred)])


def train_djmodel(model, X, Y, num_epochs=100, learning_rate=0.01, decay=0.01, seed=0, **options):
    r"""Train the course's `djmodel` as the course does: Adam with decay, 100 epochs, zero states.

    The course calls `model.fit([X, a0, c0], list(Y), epochs=100)` after compiling with
    [`course_optimizer`][dl_notes.tf.music.course_optimizer]'s Adam and
    `'categorical_crossentropy'` on each of the `Tx` outputs. This does the same with the
    project's loop, [`fit`][dl_notes.tf.training.fit] (mini-batches of 32, Keras' default),
    and [`sequence_loss`][dl_notes.tf.music.sequence_loss]; it also records the accuracy of
    the next-value prediction, averaged over the steps.

    Parameters
    ----------
    model : keras.Model
        From [`djmodel`][dl_notes.tf.music.djmodel].
    X : ndarray, shape (m, Tx, n_values)
    Y : ndarray, shape (Tx, m, n_values)
    num_epochs : int, default 100
    learning_rate : float, default 0.01
    decay : float, default 0.01
    seed : int, default 0
        Seed of the mini-batch order.
    **options
        Passed to `fit`: `mini_batch_size`, `validation_data` as `(X_dev, Y_dev)` in the same
        layouts, `on_epoch_end`.

    Returns
    -------
    history : dict of str to list of float
        `"cost"` (the summed loss per example, as Keras prints it) and `"accuracy"` per epoch,
        plus `"val_cost"`, `"val_accuracy"` with `validation_data`.
    """
    where = "train_djmodel"
    X, Y = _check_XY(model, X, Y, where)
    m = X.shape[0]
    n_a = model.inputs[1].shape[-1]
    inputs = (X.astype(np.float32), np.zeros((m, n_a), np.float32), np.zeros((m, n_a), np.float32))
    targets = tuple(Y.astype(np.float32))  # Tx arrays (m, n_values)
    if "validation_data" in options and options["validation_data"] is not None:
        Xd, Yd = options["validation_data"]
        Xd, Yd = _check_XY(model, Xd, Yd, where)
        md = Xd.shape[0]
        zeros = np.zeros((md, n_a), np.float32)
        options["validation_data"] = ((Xd.astype(np.float32), zeros, zeros), tuple(Yd))
    check_positive(learning_rate, "learning_rate", where)
    return fit(
        model,
        (inputs, targets),
        sequence_loss,
        metrics={"accuracy": _step_accuracy},
        optimizer=lambda lr: course_optimizer(lr, decay),
        num_epochs=num_epochs,
        learning_rate=learning_rate,
        seed=seed,
        **options,
    )


def _step_accuracy(Y_true, Y_pred):
    """Per example: the share of steps whose argmax is the true value (`(m,)`)."""
    hits = [
        tf.cast(tf.argmax(y, -1) == tf.argmax(p, -1), tf.float32) for y, p in zip(Y_true, Y_pred)
    ]
    return tf.add_n(hits) / len(hits)


def evaluate_next_value(model, X, Y):
    r"""How well the training model predicts each next value: mean cross-entropy and accuracy.

    Both are averaged over examples and steps, so the cross-entropy compares with the
    uniform guess's $\log n_{values}$ and the accuracy with always guessing the most
    frequent value.

    Parameters
    ----------
    model : keras.Model
        From [`djmodel`][dl_notes.tf.music.djmodel].
    X : ndarray, shape (m, Tx, n_values)
    Y : ndarray, shape (Tx, m, n_values)

    Returns
    -------
    scores : dict
        `"cross_entropy"` (nats per value) and `"accuracy"`, floats.
    """
    where = "evaluate_next_value"
    X, Y = _check_XY(model, X, Y, where)
    m = X.shape[0]
    n_a = model.inputs[1].shape[-1]
    zeros = np.zeros((m, n_a), np.float32)
    P = np.stack(model([X.astype(np.float32), zeros, zeros], training=False))  # (Tx, m, n)
    truth = Y.argmax(-1)  # (Tx, m)
    p_true = np.take_along_axis(P, truth[..., None], -1)[..., 0]
    return {
        "cross_entropy": float(-np.mean(np.log(np.maximum(p_true, 1e-12)))),
        "accuracy": float(np.mean(P.argmax(-1) == truth)),
    }


# --- checks ------------------------------------------------------------------------------


def _check_layers(LSTM_cell, densor, where, reshaper=None):
    if not isinstance(LSTM_cell, keras.layers.LSTM) or not LSTM_cell.return_state:
        raise TypeError(
            f"{where}: LSTM_cell must be a keras.layers.LSTM made with return_state=True "
            f"(see shared_layers), but {type(LSTM_cell).__name__} was given."
        )
    if not isinstance(densor, keras.layers.Dense):
        raise TypeError(
            f"{where}: densor must be a keras.layers.Dense, but {type(densor).__name__} was given."
        )
    if reshaper is not None:
        if not isinstance(reshaper, keras.layers.Reshape):
            raise TypeError(
                f"{where}: reshaper must be a keras.layers.Reshape, but "
                f"{type(reshaper).__name__} was given."
            )
        if tuple(reshaper.target_shape) != (1, densor.units):
            raise ValueError(
                f"{where}: reshaper must be Reshape((1, n_values)) with n_values = densor.units = "
                f"{densor.units}, but it reshapes to {tuple(reshaper.target_shape)}."
            )


def _check_array(x, shape, name, where):
    x = as_array(x, name, where)
    check_ndim(x, len(shape), name, where)
    if x.shape != shape:
        raise ValueError(f"{where}: {name} must have shape {shape}, but it has shape {x.shape}.")
    return x.astype(np.float32)


def _check_initializers(model, x, a, c, where):
    if not isinstance(model, keras.Model) or len(model.inputs) != 3:
        raise TypeError(
            f"{where}: inference_model must be the keras.Model of music_inference_model, with "
            f"inputs [x0, a0, c0], but a {type(model).__name__} was given."
        )
    n_values = model.inputs[0].shape[-1]
    n_a = model.inputs[1].shape[-1]
    x = np.zeros((1, 1, n_values), np.float32) if x is None else x
    a = np.zeros((1, n_a), np.float32) if a is None else a
    c = np.zeros((1, n_a), np.float32) if c is None else c
    return (
        _check_array(x, (1, 1, n_values), "x_initializer", where),
        _check_array(a, (1, n_a), "a_initializer", where),
        _check_array(c, (1, n_a), "c_initializer", where),
    )


def _check_XY(model, X, Y, where):
    if not isinstance(model, keras.Model) or len(model.inputs) != 3:
        raise TypeError(
            f"{where}: model must be the keras.Model of djmodel, with inputs [X, a0, c0], but a "
            f"{type(model).__name__} was given."
        )
    _, Tx, n_values = model.inputs[0].shape
    X = as_array(X, "X", where)
    Y = as_array(Y, "Y", where)
    check_ndim(X, 3, "X", where, "(m, Tx, n_values)")
    check_ndim(Y, 3, "Y", where, "(Tx, m, n_values)")
    if X.shape[1:] != (Tx, n_values):
        raise ValueError(
            f"{where}: X must have shape (m, {Tx}, {n_values}) for this model, but it has "
            f"shape {X.shape}."
        )
    if Y.shape != (Tx, X.shape[0], n_values):
        raise ValueError(
            f"{where}: Y must have shape (Tx, m, n_values) = ({Tx}, {X.shape[0]}, {n_values}), "
            f"time first as in the course, but it has shape {Y.shape}."
        )
    return X, Y
