r"""The TensorFlow introduction (Course 2, W3A1): a 3-layer softmax classifier trained with Adam.

Taught in: Course 2, [week 3](../../course2/week3.md#deep-learning-frameworks) and the
[TensorFlow introduction lab](../../course2/labs/w3a1-tensorflow-introduction.ipynb) (W3A1).

The assignment rebuilds, with TensorFlow, what Courses 1 and 2 wrote by hand in NumPy: a
network `LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SOFTMAX`, trained with mini-batches
and Adam. TensorFlow records the forward pass on a `tf.GradientTape` and computes every
gradient itself, so there is no backward pass to write. The course trains it on SIGNS
(hand signs 0 to 5, 64x64 RGB, so $n_x = 12288$); dl_notes uses the handwritten digits
0 to 5 of [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5] (28x28 gray, so
$n_x = 784$). The defaults are the course's with $n_x$ adapted: layer sizes
$[n_x, 25, 12, 6] = [784, 25, 12, 6]$.

**Where the examples go.** Inside the network, examples are *columns*, as everywhere in
the course and in dl_notes: `forward_propagation` takes `X` of shape `(n_x, m)`, with
`W1` of shape `(25, n_x)` and `b1` of shape `(25, 1)`, and returns logits of shape
`(6, m)`; `compute_total_loss` takes logits and one-hot labels of shape `(6, m)`.
A `tf.data.Dataset` yields one example per element, as tf.data and Keras always do, so a
mini-batch arrives with examples as *rows*, `(minibatch_size, n_x)`: `model` transposes
each mini-batch before the forward pass, exactly where the course does.

| name | shape | dtype |
|---|---|---|
| `X_train_orig` (from the loader) | `(m, 28, 28)` | uint8 |
| one element of `X_train` (a `tf.data.Dataset`) | `(n_x,)` | float32 in [0, 1] |
| one element of `Y_train` | `(6,)` (one-hot) | float32 |
| `X` given to `forward_propagation` | `(n_x, m)` | float32 |
| `W1`, `b1`, `W2`, `b2`, `W3`, `b3` | `(25, n_x)`, `(25, 1)`, `(12, 25)`, `(12, 1)`, `(6, 12)`, `(6, 1)` | float32 |
| logits `Z3`, labels | `(6, m)` | float32 |

**Speed.** The course runs the training step eagerly. With Keras 3 that is slow: on a
2-core CPU an eager `Adam.apply_gradients` alone takes about 15 ms and a whole step
about 25 ms, so one epoch over 2,700 digits (85 mini-batches) takes about 2 s. `model`
therefore trains with the package's one training loop,
[`dl_notes.tf.training.fit`][dl_notes.tf.training.fit], which wraps the step (forward pass,
loss, gradients, update) in `tf.function` and so traces it once into a graph: about 1 ms a
step, 0.2 s an epoch, 40 epochs in about 8 s (measured on an idle machine; twice that when
other work shares the CPU). The step is the course's, line for line: a `GradientTape`
around `forward_propagation` and `compute_total_loss`, `tape.gradient`, `apply_gradients`.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np
import tensorflow as tf

from dl_notes._checks import check_parameters, check_positive, check_seed
from dl_notes.tf.training import fit

__all__ = [
    "linear_function",
    "sigmoid",
    "one_hot_matrix",
    "normalize",
    "prepare_dataset",
    "initialize_parameters",
    "forward_propagation",
    "compute_total_loss",
    "model",
]


def _shape(x) -> tuple:
    """The static shape of a tensor, Variable or array as a tuple (`None` for unknown sizes)."""
    shape = x.shape
    if isinstance(shape, tf.TensorShape):
        return tuple(shape.as_list()) if shape.rank is not None else ()
    return tuple(shape)


def _as_tensor(x, name, where):
    """Convert `x` to a numeric tensor, or raise `TypeError` naming what was given."""
    try:
        t = tf.convert_to_tensor(x)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{where}: {name} must be a tensor or an array of numbers, but a "
            f"{type(x).__name__} was given ({err})."
        ) from None
    if not (t.dtype.is_floating or t.dtype.is_integer or t.dtype.is_bool):
        raise TypeError(f"{where}: {name} must be numeric, but it has dtype {t.dtype.name}.")
    return t


# --8<-- [start:linear_function]
def linear_function(seed=1):
    r"""The course's first TensorFlow computation: $Y = WX + b$ with fixed random values.

    `X` is a constant of shape (3, 1), `W` and `b` are Variables of shapes (4, 3) and (4, 1),
    all drawn from a standard normal distribution with NumPy's legacy generator seeded with
    `seed`, in the course's order, so `seed=1` gives the course's numbers.

    Parameters
    ----------
    seed : int, default 1
        Seed of `numpy.random.RandomState` (NumPy's global generator is left alone).

    Returns
    -------
    Y : tf.Tensor of float64, shape (4, 1)
        `tf.add(tf.matmul(W, X), b)`.

    Examples
    --------
    >>> linear_function().numpy().round(4)
    array([[-2.1566],
           [ 2.9589],
           [-1.0893],
           [-0.8454]])
    """
    rng = np.random.RandomState(seed)
    X = tf.constant(rng.randn(3, 1), name="X")
    W = tf.Variable(rng.randn(4, 3), name="W")
    b = tf.Variable(rng.randn(4, 1), name="b")
    Y = tf.add(tf.matmul(W, X), b)
    return Y


# --8<-- [end:linear_function]


# --8<-- [start:sigmoid]
def sigmoid(z):
    r"""Sigmoid of a tensor, elementwise, computed by Keras: $\sigma(z) = \dfrac{1}{1 + e^{-z}}$.

    As in the course, the input is cast to float32 first (`tf.keras.activations.sigmoid`
    does not accept integers). The NumPy version is
    [`dl_notes.activations.sigmoid`][dl_notes.activations.sigmoid].

    Parameters
    ----------
    z : tf.Tensor or ndarray or number, any shape

    Returns
    -------
    a : tf.Tensor of float32, same shape as `z`
        Values in $[0, 1]$.

    Examples
    --------
    >>> sigmoid(0.0).numpy()
    np.float32(0.5)
    """
    z = tf.cast(_as_tensor(z, "z", "sigmoid"), tf.float32)
    a = tf.keras.activations.sigmoid(z)
    return a


# --8<-- [end:sigmoid]


# --8<-- [start:one_hot_matrix]
def one_hot_matrix(label, C=6):
    r"""One-hot encoding of one label: a vector of `C` zeros with a 1 at index `label`.

    $$\text{one\_hot}(y)_k = \begin{cases} 1 & k = y \\ 0 & k \ne y \end{cases}, \qquad k = 0,
    \dots, C-1$$

    Made to be mapped over a `tf.data.Dataset` of labels (`y_train.map(one_hot_matrix)`),
    as in the course. `tf.one_hot` silently returns all zeros for a label outside
    $0..C-1$; this function raises instead (at once when called eagerly, or when the
    dataset is iterated when it runs inside `Dataset.map`).

    Parameters
    ----------
    label : int or tf.Tensor of int, shape () or (1,)
        A class label in $0..C-1$.
    C : int, default 6
        Number of classes.

    Returns
    -------
    one_hot : tf.Tensor of float32, shape (C,)

    Raises
    ------
    ValueError
        If `label` holds more than one value or lies outside $0..C-1$.

    Examples
    --------
    >>> one_hot_matrix(2, C=4).numpy()
    array([0., 0., 1., 0.], dtype=float32)
    """
    where = "one_hot_matrix"
    check_positive(C, "C", where, integer=True)
    C = int(C)
    label = _as_tensor(label, "label", where)
    if not label.dtype.is_integer:
        raise TypeError(
            f"{where}: label must be an integer class label, but it has dtype {label.dtype.name}."
        )
    if _shape(label) not in ((), (1,)):
        raise ValueError(
            f"{where}: label must be a single class label of shape () or (1,), but it has shape "
            f"{_shape(label)}; map one_hot_matrix over a tf.data.Dataset to encode many labels."
        )
    if tf.executing_eagerly():
        value = int(tf.reshape(label, [-1])[0])
        if not 0 <= value < C:
            raise ValueError(
                f"{where}: label must be in 0..{C - 1} for C={C}, but {value} was given."
            )
    else:  # inside Dataset.map or tf.function: checked when the graph runs
        tf.debugging.assert_non_negative(
            label, message=f"{where}: label must be in 0..{C - 1} for C={C}"
        )
        tf.debugging.assert_less(
            label,
            tf.cast(C, label.dtype),
            message=f"{where}: label must be in 0..{C - 1} for C={C}",
        )
    one_hot = tf.reshape(tf.one_hot(label, C, axis=0), shape=[C])
    return one_hot


# --8<-- [end:one_hot_matrix]


# --8<-- [start:prepare_dataset]
def normalize(image):
    r"""Flatten one image and scale its pixels to $[0, 1]$: `reshape(image, [-1]) / 255`.

    Made to be mapped over a `tf.data.Dataset` of images, as in the course.

    Parameters
    ----------
    image : tf.Tensor or ndarray, shape (height, width) or (height, width, channels)
        Pixels in 0..255.

    Returns
    -------
    image : tf.Tensor of float32, shape (height * width * channels,)
    """
    image = tf.cast(_as_tensor(image, "image", "normalize"), tf.float32) / 255.0
    image = tf.reshape(image, [-1])
    return image


def prepare_dataset(X_orig, Y_orig, C=6):
    r"""Turn images and labels into the two `tf.data.Dataset`s that `model` trains on.

    As in the course: one dataset element per example, images mapped through
    [`normalize`][dl_notes.tf.intro.normalize] (flatten, divide by 255) and labels through
    [`one_hot_matrix`][dl_notes.tf.intro.one_hot_matrix].

    Parameters
    ----------
    X_orig : ndarray, shape (m, height, width) or (m, height, width, channels)
        Images with pixels in 0..255, e.g. `X_train_orig` from
        [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5].
    Y_orig : ndarray of int, shape (1, m)
        Labels in $0..C-1$.
    C : int, default 6
        Number of classes.

    Returns
    -------
    x_dataset : tf.data.Dataset
        `m` elements of shape (n_x,), float32 in [0, 1], with `n_x = height * width * channels`.
    y_dataset : tf.data.Dataset
        `m` elements of shape (C,), float32, one-hot.
    """
    where = "prepare_dataset"
    check_positive(C, "C", where, integer=True)
    C = int(C)
    X_orig, Y_orig = np.asarray(X_orig), np.asarray(Y_orig)
    if X_orig.dtype.kind not in "uif":
        raise TypeError(f"{where}: X_orig must hold pixel values, but it has dtype {X_orig.dtype}.")
    if X_orig.ndim not in (3, 4):
        raise ValueError(
            f"{where}: X_orig must be a 3-D array (m, height, width) or a 4-D array "
            f"(m, height, width, channels), but it has shape {X_orig.shape}."
        )
    m = X_orig.shape[0]
    if Y_orig.shape != (1, m):
        raise ValueError(
            f"{where}: Y_orig must have shape (1, {m}) (one label per image of X_orig), "
            f"but it has shape {Y_orig.shape}."
        )
    if Y_orig.dtype.kind not in "ui":
        raise TypeError(
            f"{where}: Y_orig must hold integer labels, but it has dtype {Y_orig.dtype}."
        )
    bad = (Y_orig < 0) | (Y_orig >= C)
    if bad.any():
        raise ValueError(
            f"{where}: Y_orig must hold labels in 0..{C - 1} for C={C}, but it contains "
            f"{np.unique(Y_orig[bad])[:5].tolist()}."
        )
    x_dataset = tf.data.Dataset.from_tensor_slices(X_orig).map(normalize)
    y_dataset = tf.data.Dataset.from_tensor_slices(Y_orig[0]).map(lambda y: one_hot_matrix(y, C))
    return x_dataset, y_dataset


# --8<-- [end:prepare_dataset]


# --8<-- [start:initialize_parameters]
def initialize_parameters(n_x=784, n_h1=25, n_h2=12, n_y=6, seed=1):
    r"""Glorot-normal parameters of the 3-layer network, as `tf.Variable`s.

    Every array is drawn by `tf.keras.initializers.GlorotNormal(seed=seed)`: a normal
    distribution truncated at two standard deviations, with standard deviation

    $$\sigma = \sqrt{\frac{2}{\text{fan\_in} + \text{fan\_out}}}, \qquad
    \text{e.g. } \sigma_{W^{[1]}} = \sqrt{\frac{2}{n_x + n_{h1}}}.$$

    As in the course, the biases are drawn by the same initializer (zeros would do as
    well: only the weights need to break symmetry). The course's sizes are
    `(12288, 25, 12, 6)`; the default `n_x = 784` fits 28x28 images.

    Parameters
    ----------
    n_x : int, default 784
        Input features.
    n_h1, n_h2 : int, default 25 and 12
        Units of the two hidden layers.
    n_y : int, default 6
        Classes (units of the output layer).
    seed : int, default 1
        Seed of the initializer: the same seed gives the same parameters.

    Returns
    -------
    parameters : dict of tf.Variable (float32)
        `W1` (n_h1, n_x), `b1` (n_h1, 1), `W2` (n_h2, n_h1), `b2` (n_h2, 1),
        `W3` (n_y, n_h2), `b3` (n_y, 1).
    """
    where = "initialize_parameters"
    dims = {"n_x": n_x, "n_h1": n_h1, "n_h2": n_h2, "n_y": n_y}
    for name, n in dims.items():
        check_positive(n, name, where, integer=True)
    seed = check_seed(seed, where, allow_none=True)
    initializer = tf.keras.initializers.GlorotNormal(seed=seed)
    sizes = [int(n) for n in dims.values()]
    parameters = {}
    for l in range(1, 4):
        parameters[f"W{l}"] = tf.Variable(initializer(shape=(sizes[l], sizes[l - 1])), name=f"W{l}")
        parameters[f"b{l}"] = tf.Variable(initializer(shape=(sizes[l], 1)), name=f"b{l}")
    return parameters


# --8<-- [end:initialize_parameters]


# --8<-- [start:forward_propagation]
def forward_propagation(X, parameters):
    r"""Forward pass `LINEAR -> RELU -> LINEAR -> RELU -> LINEAR`, up to the logits.

    $$Z^{[1]} = W^{[1]} X + b^{[1]},\; A^{[1]} = \mathrm{ReLU}(Z^{[1]}),\;
    Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\; A^{[2]} = \mathrm{ReLU}(Z^{[2]}),\;
    Z^{[3]} = W^{[3]} A^{[2]} + b^{[3]}$$

    The softmax is not applied here: [`compute_total_loss`][dl_notes.tf.intro.compute_total_loss]
    applies it inside the loss (`from_logits=True`), which is more accurate than taking
    the log of a computed softmax. Examples are columns (the course's notation); a batch
    from a `tf.data.Dataset` has examples as rows and must be transposed first.

    Parameters
    ----------
    X : tf.Tensor or ndarray, shape (n_x, m)
        Input, one example per column; cast to the dtype of `W1`.
    parameters : dict
        `W1` (n_h1, n_x), `b1` (n_h1, 1), `W2` (n_h2, n_h1), `b2` (n_h2, 1), `W3` (n_y, n_h2),
        `b3` (n_y, 1), as made by
        [`initialize_parameters`][dl_notes.tf.intro.initialize_parameters].

    Returns
    -------
    Z3 : tf.Tensor, shape (n_y, m)
        The logits: the output of the last LINEAR unit.
    """
    where = "forward_propagation"
    check_parameters(
        parameters, 3, where, numpy=False
    )  # static shapes: works on Variables in tf.function
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    X = tf.cast(_as_tensor(X, "X", where), W1.dtype)
    n_x = _shape(W1)[1]
    if len(_shape(X)) != 2 or _shape(X)[0] not in (n_x, None):
        raise ValueError(
            f"{where}: X must have shape ({n_x}, m), one example per column, but it has shape "
            f"{_shape(X)}; W1 has shape {_shape(W1)}. A batch from tf.data has examples as "
            f"rows: pass tf.transpose(minibatch_X)."
        )
    Z1 = tf.math.add(tf.linalg.matmul(W1, X), b1)
    A1 = tf.keras.activations.relu(Z1)
    Z2 = tf.math.add(tf.linalg.matmul(W2, A1), b2)
    A2 = tf.keras.activations.relu(Z2)
    Z3 = tf.math.add(tf.linalg.matmul(W3, A2), b3)
    return Z3


# --8<-- [end:forward_propagation]


# --8<-- [start:compute_total_loss]
def compute_total_loss(logits, labels):
    r"""Categorical cross-entropy of softmax(logits), *summed* over the examples.

    $$\mathcal{J}_{\text{total}} = \sum_{i=1}^{m} \mathcal{L}^{(i)}, \qquad
    \mathcal{L}^{(i)} = -\sum_{k=1}^{C} y_k^{(i)} \log \frac{e^{z_k^{(i)}}}{\sum_{j=1}^{C}
    e^{z_j^{(i)}}}$$

    The sum, not the mean: `model` adds the totals of all mini-batches and divides by
    the number of examples $m$ once per epoch, so the epoch's cost is the exact mean even
    when the last mini-batch is smaller. Keras' `categorical_crossentropy` expects one
    example per row, so both inputs are transposed before it.

    Parameters
    ----------
    logits : tf.Tensor or ndarray, shape (C, m)
        Output of [`forward_propagation`][dl_notes.tf.intro.forward_propagation], before the
        softmax.
    labels : tf.Tensor or ndarray, shape (C, m)
        One-hot labels (or any probability distributions over the C classes).

    Returns
    -------
    total_loss : tf.Tensor, shape ()
        Same dtype as `logits`.
    """
    where = "compute_total_loss"
    logits = _as_tensor(logits, "logits", where)
    if not logits.dtype.is_floating:
        logits = tf.cast(logits, tf.float32)
    labels = tf.cast(_as_tensor(labels, "labels", where), logits.dtype)
    if len(_shape(logits)) != 2:
        raise ValueError(
            f"{where}: logits must be a 2-D tensor (C, m), one example per column, but it has "
            f"shape {_shape(logits)}."
        )
    if _shape(logits) != _shape(labels):
        raise ValueError(
            f"{where}: logits and labels must have the same shape (C, m), but logits has "
            f"shape {_shape(logits)} and labels has shape {_shape(labels)}."
        )
    total_loss = tf.reduce_sum(
        tf.keras.losses.categorical_crossentropy(
            tf.transpose(labels), tf.transpose(logits), from_logits=True
        )
    )
    return total_loss


# --8<-- [end:compute_total_loss]


def _check_dataset(dataset, name, where):
    """Check that `dataset` is a finite `tf.data.Dataset` of vectors; return (size, vector
    length)."""
    if not isinstance(dataset, tf.data.Dataset):
        raise TypeError(
            f"{where}: {name} must be a tf.data.Dataset with one example per element (see "
            f"prepare_dataset), but a {type(dataset).__name__} was given."
        )
    spec = dataset.element_spec
    if not isinstance(spec, tf.TensorSpec) or spec.shape.rank != 1 or spec.shape[0] is None:
        raise ValueError(
            f"{where}: each element of {name} must be a vector of known length (n_x,) or (C,), "
            f"but the elements are {spec}; flatten the images first (see prepare_dataset)."
        )
    if not (spec.dtype.is_floating or spec.dtype.is_integer):
        raise TypeError(
            f"{where}: {name} must hold numbers, but its elements have dtype {spec.dtype.name}."
        )
    size = int(dataset.cardinality())
    if size <= 0:
        raise ValueError(
            f"{where}: {name} must have a known, finite, non-zero number of elements, but "
            f"its cardinality is {size} (-1: infinite, -2: unknown)."
        )
    return size, spec.shape[0]


def _check_pair(X, Y, names, where):
    """Check a dataset of inputs and a dataset of one-hot labels of the same size; return (m, n_x,
    C)."""
    m, n_x = _check_dataset(X, names[0], where)
    m_y, C = _check_dataset(Y, names[1], where)
    if m != m_y:
        raise ValueError(
            f"{where}: {names[0]} has {m} examples but {names[1]} has {m_y}; they must match."
        )
    return m, n_x, C


# --8<-- [start:model]
def model(
    X_train,
    Y_train,
    X_test,
    Y_test,
    learning_rate=0.0001,
    num_epochs=40,
    minibatch_size=32,
    print_cost=True,
    seed=1,
):
    r"""Train the 3-layer network with mini-batches, `tf.GradientTape` and Adam.

    Each epoch shuffles the training set (seeded), splits it into mini-batches of
    `minibatch_size` examples and, for each mini-batch, records the forward pass and
    [`compute_total_loss`][dl_notes.tf.intro.compute_total_loss] on a `GradientTape`, asks
    the tape for the gradients of the six Variables and lets Adam update them; the loop is
    the shared [`fit`][dl_notes.tf.training.fit], with the summed loss as the cost of a
    mini-batch (`reduction="sum"`). The epoch's cost is the summed loss of all mini-batches
    divided by $m$:

    $$J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}^{(i)}.$$

    The training accuracy is accumulated during the epoch, while the parameters change
    (as the course's `CategoricalAccuracy` metric does); the test accuracy is computed
    after the epoch. The course keeps one value every 10 epochs; this function keeps one
    per epoch and prints every 10 epochs (and the last). Deterministic: the same `seed`
    gives the same parameters and the same costs (it calls `tf.random.set_seed(seed)`).

    Parameters
    ----------
    X_train : tf.data.Dataset
        `m_train` elements of shape (n_x,), float; see
        [`prepare_dataset`][dl_notes.tf.intro.prepare_dataset].
    Y_train : tf.data.Dataset
        `m_train` one-hot elements of shape (C,).
    X_test : tf.data.Dataset
        `m_test` elements of shape (n_x,).
    Y_test : tf.data.Dataset
        `m_test` one-hot elements of shape (C,).
    learning_rate : float, default 0.0001
        Adam's step size $\alpha$ (the course's value).
    num_epochs : int, default 40
        Passes over the training set (the course trains SIGNS for 100).
    minibatch_size : int, default 32
    print_cost : bool, default True
        Print the cost and both accuracies every 10 epochs and after the last.
    seed : int, default 1
        Seeds the initializer, the shuffling and TensorFlow's global generator.

    Returns
    -------
    parameters : dict of tf.Variable
        The trained `W1`, `b1`, `W2`, `b2`, `W3`, `b3` (shapes as in
        [`initialize_parameters`][dl_notes.tf.intro.initialize_parameters], with n_x and C
        taken from the data).
    costs : list of float
        The cost $J$ of each epoch (`num_epochs` values).
    train_acc : list of float
        Training accuracy of each epoch, in [0, 1].
    test_acc : list of float
        Test accuracy after each epoch, in [0, 1].
    """
    where = "model"
    _, n_x, C = _check_pair(X_train, Y_train, ("X_train", "Y_train"), where)
    _, n_x_test, C_test = _check_pair(X_test, Y_test, ("X_test", "Y_test"), where)
    if (n_x_test, C_test) != (n_x, C):
        raise ValueError(
            f"{where}: the test set has {n_x_test} features and {C_test} classes but the "
            f"training set has {n_x} and {C}; they must match."
        )
    check_positive(learning_rate, "learning_rate", where)
    check_positive(num_epochs, "num_epochs", where, integer=True)
    check_positive(minibatch_size, "minibatch_size", where, integer=True)

    tf.random.set_seed(seed)
    parameters = initialize_parameters(n_x=n_x, n_y=C, seed=seed)

    def as_float(x, y):
        return tf.cast(x, tf.float32), tf.cast(y, tf.float32)

    dataset = tf.data.Dataset.zip((X_train, Y_train)).map(as_float).cache()
    test_dataset = tf.data.Dataset.zip((X_test, Y_test)).map(as_float).cache()

    def forward(minibatch_X):  # tf.data gives examples as rows, the network wants columns
        return forward_propagation(tf.transpose(minibatch_X), parameters)

    def total_loss(minibatch_Y, Z3):
        return compute_total_loss(Z3, tf.transpose(minibatch_Y))

    def report(epoch, logs):
        if print_cost and (epoch % 10 == 0 or epoch == num_epochs - 1):
            print(
                f"Cost after epoch {epoch}: {logs['cost']:.6f}   train accuracy: "
                f"{logs['accuracy']:.4f}   test accuracy: {logs['val_accuracy']:.4f}"
            )

    # Each mini-batch: a GradientTape around forward and total_loss, gradients, an Adam step.
    history = fit(
        forward,
        dataset,
        total_loss,
        variables=parameters,
        metrics={"accuracy": _count_correct},
        validation_data=test_dataset,
        on_epoch_end=report,
        learning_rate=learning_rate,
        num_epochs=num_epochs,
        mini_batch_size=minibatch_size,
        seed=seed,
        reduction="sum",
    )
    return parameters, history["cost"], history["accuracy"], history["val_accuracy"]


# --8<-- [end:model]


def _count_correct(minibatch_Y, Z3):
    """Number of examples whose largest logit (a column of `Z3`) is the labelled class (a row of
    `minibatch_Y`)."""
    hits = tf.equal(tf.argmax(Z3, axis=0), tf.argmax(minibatch_Y, axis=1))
    return tf.reduce_sum(tf.cast(hits, tf.float32))
