r"""One seeded training loop for every TensorFlow model of the course: GradientTape, mini-batches,
Adam.

Taught in: Course 2, [week 3](../../course2/week3.md#deep-learning-frameworks) (the loop
behind [`model`][dl_notes.tf.intro.model] of the
[TensorFlow introduction lab](../../course2/labs/w3a1-tensorflow-introduction.ipynb)) and
Course 3, [week 2](../../course3/week2.md#transfer-learning) (behind
[`train`][dl_notes.tf.multitask.train] of the transfer and multi-task labs).

Every training run in the course has the same shape: for each epoch, cut the training set
into mini-batches; for each mini-batch, record the forward pass and the cost on a
`tf.GradientTape`, ask the tape for the gradients of the trainable Variables and let the
optimizer apply them. [`fit`][dl_notes.tf.training.fit] is that loop, written once (in outline):

``` {.python notest}
for epoch in range(num_epochs):
    for X_batch, Y_batch in mini_batches:  # a new order every epoch (seeded)
        with tf.GradientTape() as tape:
            # mean (Keras) or sum (W3A1) over the batch
            J = reduce(loss(Y_batch, forward(X_batch)))
        grads = tape.gradient(J, variables)
        optimizer.apply_gradients(zip(grads, variables))
```

It trains a `keras.Model` (its trainable weights: frozen layers stay put) or any function
`forward(X)` together with the Variables it reads, such as the course's
`forward_propagation(X, parameters)` with the parameters dict. The loss is any function
`loss(y_true, y_pred)` that returns one value per example, as Keras losses do, so custom
costs (the masked multi-task loss, a triplet loss, a YOLO loss) plug in unchanged. The
data is a pair `(X, Y)` of arrays with one example per row, or a `tf.data.Dataset` of
`(x, y)` elements; `X` and `Y` may each be a tuple of arrays, for models with several
inputs or outputs.

**Options travel together.** The hyperparameters live in one
[`TrainingConfig`][dl_notes.tf.training.TrainingConfig] (learning rate, epochs, mini-batch
size, seed, optimizer, reduction), and any of them can be given to `fit` as a keyword:
`fit(model, (X, Y), loss, num_epochs=5, learning_rate=0.003)`.

**Reproducible.** With an int seed, two runs from the same initial weights give the same
costs and the same weights, bit for bit. Arrays are shuffled with a NumPy `Generator`, one
permutation per epoch, cut into slices as Course 2's
[`random_mini_batches`][dl_notes.optimizers.random_mini_batches] does; a dataset with its
seeded `shuffle`. Nothing here sets a global seed.

**Speed.** The step is compiled once per call with `tf.function`. Run eagerly, Keras 3's
`apply_gradients` alone takes about 15 ms on a 2-core CPU; compiled, a whole step of a
small network takes about 1 ms. `keras.Model.fit` does the same work but adds tens of
milliseconds per epoch, which dominates when a training set holds a few dozen images.

| name | shape | dtype |
|---|---|---|
| `X` (arrays) | `(m, ...)`, one example per row | any float (becomes float32) or int (int64) |
| `Y` (arrays) | `(m, ...)`: class indices, one-hot rows, 0/1/`nan` labels, as `loss` wants them | same |
| one element of a dataset | `(x, y)`, one example | as the model and the loss want them |
| `loss(Y_batch, Y_pred)` | `(m_batch,)`, one loss per example | float |
| `metrics[name](Y_batch, Y_pred)` | `(m_batch,)`, one value per example (or their sum) | float |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import as_rng, check_choice, check_positive, check_seed

__all__ = ["TrainingConfig", "fit"]

#: Optimizers `TrainingConfig.optimizer` can name; each is made with `cls(learning_rate)`.
OPTIMIZERS = {
    "adam": keras.optimizers.Adam,
    "sgd": keras.optimizers.SGD,
    "rmsprop": keras.optimizers.RMSprop,
}


@dataclasses.dataclass(frozen=True)
class TrainingConfig:
    r"""The hyperparameters of a training run, with the defaults [`fit`][dl_notes.tf.training.fit]
    uses.

    Parameters
    ----------
    learning_rate : float, default 0.001
        The optimizer's step size $\alpha$.
    num_epochs : int, default 10
        Passes over the training set.
    mini_batch_size : int, default 32
        Examples per mini-batch; the last mini-batch of an epoch may be smaller.
    seed : int or numpy.random.Generator or None, default 0
        Seed of the order of the examples: an int >= 0 gives the same order on every call;
        a Generator continues its stream; None gives a different order on every call.
    optimizer : {"adam", "sgd", "rmsprop"} or callable, default "adam"
        The Keras optimizer, made with `learning_rate` and Keras' defaults otherwise; or a
        function `learning_rate -> keras.optimizers.Optimizer` for other settings, e.g.
        `lambda lr: keras.optimizers.Adam(lr, beta_1=0.5)`. A new optimizer is made for
        every call of `fit`, so its state never leaks from one run into the next.
    reduction : {"mean", "sum"}, default "mean"
        How the per-example losses of a mini-batch become the cost that is differentiated:
        their mean, as Keras does, or their sum, as the course's `compute_total_loss` (W3A1)
        does. The recorded cost of an epoch is the mean per example either way.
    eval_batch_size : int, default 1024
        Examples per batch when evaluating `validation_data` (it only limits memory).
    """

    learning_rate: float = 0.001
    num_epochs: int = 10
    mini_batch_size: int = 32
    seed: int | np.random.Generator | None = 0
    optimizer: str | Callable = "adam"
    reduction: str = "mean"
    eval_batch_size: int = 1024


def fit(
    model,
    data,
    loss,
    *,
    variables=None,
    metrics=None,
    validation_data=None,
    on_epoch_end=None,
    config=None,
    **options,
):
    r"""Train `model` on mini-batches with a `GradientTape`; return the cost (and metrics) of every
    epoch.

    Each epoch visits the training examples in a new seeded order, cut into mini-batches of
    `mini_batch_size`, and takes one optimizer step per mini-batch on

    $$J_{\text{batch}} = \frac{1}{m_{\text{batch}}} \sum_{i \in \text{batch}} \mathcal{L}^{(i)}
    \quad (\text{reduction="mean"}) \qquad \text{or} \qquad
    J_{\text{batch}} = \sum_{i \in \text{batch}} \mathcal{L}^{(i)} \quad (\text{reduction="sum"}),$$

    where `loss(Y_batch, Y_pred)` returns the $\mathcal{L}^{(i)}$. The epoch's cost is the
    mean loss per example over the epoch, $J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}^{(i)}$,
    each term computed while the parameters change (as Keras reports it). Metrics are
    accumulated the same way; on `validation_data` they are computed after each epoch,
    with the model in inference mode.

    Parameters
    ----------
    model : keras.Model or callable
        A built Keras model, called as `model(X_batch, training=True)`; or a function
        `forward(X_batch)` returning the predictions, with `variables` the Variables it reads.
    data : tuple (X, Y) of ndarrays, or tf.data.Dataset
        The training set. Arrays: `X` of shape `(m, ...)` and `Y` of shape `(m, ...)`, one
        example per row (each may also be a tuple of arrays with the same `m`). A dataset:
        `m` elements `(x, y)`, one example each, with a known number of elements.
    loss : callable
        `loss(Y_batch, Y_pred)` returning one loss per example, shape `(m_batch,)` (any Keras
        loss function, or a custom one). With `reduction="sum"` it may return the batch's
        total instead.
    variables : list or dict of tf.Variable, optional
        What to train. Default: `model.trainable_variables`; required when `model` is a function.
    metrics : dict of str to callable, optional
        `name -> metric(Y_batch, Y_pred)` returning one value per example (or their sum),
        e.g. `keras.metrics.sparse_categorical_accuracy`. Recorded as the mean per example.
    validation_data : tuple (X, Y) of ndarrays, or tf.data.Dataset, optional
        Evaluated after each epoch: recorded as `val_cost` and `val_<name>`.
    on_epoch_end : callable, optional
        Called after each epoch as `on_epoch_end(epoch, logs)`, with `epoch` counted from 0
        and `logs` this epoch's values (`{"cost": ..., "val_cost": ..., ...}`): print
        progress, keep the best weights.
    config : TrainingConfig, optional
        The hyperparameters; default `TrainingConfig()`.
    **options
        Any field of [`TrainingConfig`][dl_notes.tf.training.TrainingConfig], overriding
        `config`: `learning_rate`, `num_epochs`, `mini_batch_size`, `seed`, `optimizer`,
        `reduction`, `eval_batch_size`.

    Returns
    -------
    history : dict of str to list of float
        `"cost"` and every metric name, plus `"val_cost"` and `"val_<name>"` with
        `validation_data`; `num_epochs` values each.

    Raises
    ------
    TypeError, ValueError
        When an argument is not what is described above; the message says what was given.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((64, 3)).astype(np.float32)
    >>> y = (X.sum(axis=1) > 0).astype(np.int64)
    >>> model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
    >>> history = fit(model, (X, y), keras.losses.sparse_categorical_crossentropy,
    ...               metrics={"accuracy": keras.metrics.sparse_categorical_accuracy},
    ...               num_epochs=20, learning_rate=0.05, seed=1)
    >>> sorted(history), history["cost"][-1] < history["cost"][0]
    (['accuracy', 'cost'], True)
    """
    where = "fit"
    config = _check_config(config, options, where)
    forward, variables = _check_model(model, variables, where)
    if not callable(loss):
        raise TypeError(
            f"{where}: loss must be a function loss(y_true, "
            f"y_pred), but a {type(loss).__name__} was given."
        )
    metrics = _check_metrics(metrics, where)
    if on_epoch_end is not None and not callable(on_epoch_end):
        raise TypeError(
            f"{where}: on_epoch_end must be a function on_epoch_end(epoch, "
            f"logs), but a {type(on_epoch_end).__name__} was given."
        )
    train = _check_data(data, "data", where)
    validation = (
        None if validation_data is None else _check_data(validation_data, "validation_data", where)
    )
    return _fit(forward, variables, train, loss, config, metrics, validation, on_epoch_end)


# --- the checks, once, at the front -----------------------------------------------------


def _check_config(config, options, where):
    """`config` (default `TrainingConfig()`) with `options` applied, every field checked."""
    if config is None:
        config = TrainingConfig()
    elif not isinstance(config, TrainingConfig):
        raise TypeError(
            f"{where}: config must be a TrainingConfig, but a {type(config).__name__} was given."
        )
    fields = [f.name for f in dataclasses.fields(TrainingConfig)]
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise TypeError(
            f"{where}: unknown option {unknown[0]!r}; the options are {', '.join(fields)}."
        )
    config = dataclasses.replace(config, **options)
    check_positive(config.learning_rate, "learning_rate", where)
    for name in ("num_epochs", "mini_batch_size", "eval_batch_size"):
        check_positive(getattr(config, name), name, where, integer=True)
    if not isinstance(config.seed, np.random.Generator):
        check_seed(config.seed, where, minimum=0, allow_none=True)
    if not callable(config.optimizer):
        check_choice(config.optimizer, tuple(OPTIMIZERS), "optimizer", where)
    check_choice(config.reduction, ("mean", "sum"), "reduction", where)
    return config


def _check_model(model, variables, where):
    """Return `(forward, variables)`: `forward(X, training)` and a non-empty list of Variables."""
    if isinstance(model, keras.Model):
        forward = _keras_forward(model)
        if variables is None:
            variables = model.trainable_variables
            if not variables:
                raise ValueError(
                    f"{where}: the model has no trainable weights: build it first (keras.Input, "
                    f"or call it once on a batch), and unfreeze at least one layer."
                )
    elif callable(model):
        forward = _function_forward(model)
        if variables is None:
            raise TypeError(
                f"{where}: model is a function, so pass the Variables it reads as variables=..., "
                f"e.g. variables=parameters for forward_propagation(X, parameters)."
            )
    else:
        raise TypeError(
            f"{where}: model must be a keras.Model or a function "
            f"forward(X), but a {type(model).__name__} was given."
        )
    variables = list(variables.values()) if isinstance(variables, dict) else list(variables)
    bad = [type(v).__name__ for v in variables if not isinstance(v, (tf.Variable, keras.Variable))]
    if bad or not variables:
        raise TypeError(
            f"{where}: variables must be a non-empty list or dict of tf.Variable "
            f"(or Keras weights), but it holds {'a ' + bad[0] if bad else 'nothing'}."
        )
    return forward, variables


def _keras_forward(model):
    def forward(X, training):
        return model(X, training=training)

    return forward


def _function_forward(function):
    def forward(X, training):
        return function(X)

    return forward


def _check_metrics(metrics, where):
    if metrics is None:
        return {}
    if not isinstance(metrics, dict) or not all(
        isinstance(k, str) and callable(f) for k, f in metrics.items()
    ):
        raise TypeError(
            f"{where}: metrics must be a dict of name -> function metric(y_true, y_pred), such as "
            f"{{'accuracy': keras.metrics.sparse_categorical_accuracy}}, but {metrics!r} was given."
        )
    if "cost" in metrics:
        raise ValueError(
            f"{where}: 'cost' is the name of the recorded loss; give the metric another name."
        )
    return dict(metrics)


@dataclasses.dataclass
class _Arrays:
    """Training data held as tensors: `X`, `Y` (each a tensor or a tuple of tensors) and `m`."""

    X: object
    Y: object
    m: int

    def spec(self):
        return tuple(
            tf.nest.map_structure(
                lambda t: tf.TensorSpec((None, *t.shape[1:]), t.dtype), (self.X, self.Y)
            )
        )

    def dataset(self):
        return tf.data.Dataset.from_tensor_slices((self.X, self.Y))


@dataclasses.dataclass
class _Examples:
    """Training data held as a `tf.data.Dataset` of `m` elements `(x, y)`."""

    data: tf.data.Dataset
    m: int

    def spec(self):
        return tuple(
            tf.nest.map_structure(
                lambda s: tf.TensorSpec((None, *s.shape), s.dtype), self.data.element_spec
            )
        )

    def dataset(self):
        return self.data


def _check_data(data, name, where):
    """`data` as `_Arrays` or `_Examples`, or raise naming what is wrong with it."""
    if isinstance(data, tf.data.Dataset):
        spec = data.element_spec
        if not isinstance(spec, tuple) or len(spec) != 2:
            raise ValueError(
                f"{where}: each element of {name} must be a pair (x, y), one "
                f"example, but the elements are {spec}; zip the inputs and "
                f"the labels: tf.data.Dataset.zip((X_dataset, Y_dataset))."
            )
        m = int(data.cardinality())
        if m <= 0:
            raise ValueError(
                f"{where}: {name} must have a known, finite, non-zero number of elements, but "
                f"its cardinality is {m} (-1: infinite, -2: unknown; a filter makes it unknown)."
            )
        return _Examples(data, m)
    if not isinstance(data, (tuple, list)) or len(data) != 2:
        raise TypeError(
            f"{where}: {name} must be a pair (X, Y) of arrays with one example per row, "
            f"or a tf.data.Dataset of (x, y) pairs, but a {type(data).__name__} was given."
        )
    X, Y = (tf.nest.map_structure(_as_tensor_of(name, where), _as_structure(part)) for part in data)
    shapes = [tuple(t.shape) for t in tf.nest.flatten((X, Y))]
    m = shapes[0][0] if shapes[0] else 0
    if m == 0 or any(not s or s[0] != m for s in shapes):
        X_shape, Y_shape = (
            tf.nest.map_structure(lambda t: tuple(t.shape), part) for part in (X, Y)
        )
        raise ValueError(
            f"{where}: X and Y must hold the same number m > 0 of examples in "
            f"their first axis, but X has shape {X_shape} and Y has shape {Y_shape}."
        )
    return _Arrays(X, Y, m)


def _as_structure(part):
    """A tuple or list of arrays becomes a tuple (several inputs or outputs); anything else is one
    array.

    A tuple, because tf.data would stack a list into one tensor.
    """
    if (
        isinstance(part, (tuple, list))
        and part
        and all(isinstance(p, (np.ndarray, tf.Tensor)) for p in part)
    ):
        return tuple(part)
    return np.asarray(part) if not isinstance(part, (np.ndarray, tf.Tensor)) else part


def _as_tensor_of(name, where):
    def convert(x):
        a = np.asarray(x)
        if a.dtype.kind == "f" or a.dtype.kind == "b":
            return tf.constant(a, dtype=keras.config.floatx())
        if a.dtype.kind in "iu":
            return tf.constant(a, dtype=tf.int64)
        raise TypeError(
            f"{where}: {name} must hold numbers, but an array of dtype {a.dtype} was given."
        )

    return convert


# --- the loop ----------------------------------------------------------------------------


def _make_optimizer(optimizer, learning_rate):
    if callable(optimizer):
        return optimizer(learning_rate)
    return OPTIMIZERS[optimizer](learning_rate)


def _fit(forward, variables, train, loss, config, metrics=None, validation=None, on_epoch_end=None):
    """The loop of `fit`, without the checks: its callers have checked every argument.

    `forward(X, training)` returns the predictions; `train` and `validation` are `_Arrays`
    or `_Examples`; `config` a checked `TrainingConfig`.
    """
    metrics = metrics or {}
    mean = config.reduction == "mean"
    mini_batch_size = int(config.mini_batch_size)
    optimizer = _make_optimizer(config.optimizer, config.learning_rate)
    optimizer.build(variables)

    def cost_and_predictions(X_batch, Y_batch, training):
        Y_pred = forward(X_batch, training)
        losses = loss(Y_batch, Y_pred)
        J = tf.reduce_mean(losses) if mean else tf.reduce_sum(losses)
        return J, Y_pred

    def metric_sums(Y_batch, Y_pred):
        return {name: tf.reduce_sum(metric(Y_batch, Y_pred)) for name, metric in metrics.items()}

    # --8<-- [start:step]
    def train_step(X_batch, Y_batch):
        with tf.GradientTape() as tape:
            J, Y_pred = cost_and_predictions(X_batch, Y_batch, training=True)
        grads = tape.gradient(J, variables)
        optimizer.apply_gradients(zip(grads, variables))
        return J, metric_sums(Y_batch, Y_pred)

    # --8<-- [end:step]

    def eval_step(X_batch, Y_batch):
        J, Y_pred = cost_and_predictions(X_batch, Y_batch, training=False)
        return J, metric_sums(Y_batch, Y_pred)

    mini_batches = _mini_batches(train, train_step, mini_batch_size, config.seed)
    evaluate = None
    if validation is not None:
        step = tf.function(eval_step, input_signature=validation.spec())
        batches = validation.dataset().batch(int(config.eval_batch_size))
        evaluate = (step, batches, validation.m)

    history = {"cost": [], **{name: [] for name in metrics}}
    if evaluate:
        history.update({"val_cost": [], **{f"val_{name}": [] for name in metrics}})
    # --8<-- [start:loop]
    for epoch in range(int(config.num_epochs)):
        total, sums = 0.0, dict.fromkeys(metrics, 0.0)
        for m_batch, (J, values) in mini_batches():
            total += (float(J) * m_batch) if mean else float(J)  # the batch's summed loss
            for name in metrics:
                sums[name] += float(values[name])
        logs = {"cost": total / train.m, **{name: sums[name] / train.m for name in metrics}}
        if evaluate:
            logs.update(_evaluate(*evaluate, mean, metrics))
        for key, value in logs.items():
            history[key].append(value)
        if on_epoch_end is not None:
            on_epoch_end(epoch, logs)
    # --8<-- [end:loop]
    return history


def _mini_batches(train, train_step, mini_batch_size, seed):
    """A function that runs one epoch of `train_step` and yields `(m_batch, step result)` per
    mini-batch."""
    if isinstance(train, _Arrays):
        # The course's random_mini_batches: one permutation per epoch, cut into slices.
        rng = as_rng(seed)
        X, Y, m = train.X, train.Y, train.m
        num_batches = math.ceil(m / mini_batch_size)

        @tf.function(input_signature=[tf.TensorSpec((None,), tf.int64)])
        def step(batch):
            X_batch = tf.nest.map_structure(lambda t: tf.gather(t, batch), X)
            Y_batch = tf.nest.map_structure(lambda t: tf.gather(t, batch), Y)
            return train_step(X_batch, Y_batch)

        def epoch():
            order = rng.permutation(m)
            for k in range(num_batches):
                batch = order[k * mini_batch_size : (k + 1) * mini_batch_size]
                yield len(batch), step(tf.constant(batch, tf.int64))

        return epoch

    if isinstance(seed, np.random.Generator):
        seed = int(seed.integers(2**31 - 1))
    step = tf.function(train_step, input_signature=train.spec())
    batches = train.data.shuffle(train.m, seed=seed, reshuffle_each_iteration=True)
    batches = batches.batch(mini_batch_size).prefetch(8)

    def epoch():
        for X_batch, Y_batch in batches:
            yield int(tf.nest.flatten(Y_batch)[0].shape[0]), step(X_batch, Y_batch)

    return epoch


def _evaluate(step, batches, m, mean, metrics):
    """The mean cost and metrics per example over a validation set, in inference mode."""
    total, sums = 0.0, dict.fromkeys(metrics, 0.0)
    for X_batch, Y_batch in batches:
        J, values = step(X_batch, Y_batch)
        total += (float(J) * int(tf.nest.flatten(Y_batch)[0].shape[0])) if mean else float(J)
        for name in metrics:
            sums[name] += float(values[name])
    return {"val_cost": total / m, **{f"val_{name}": sums[name] / m for name in metrics}}
