r"""Face recognition in Keras (Course 4, W4A1): the triplet loss, encodings, verify, who_is_it.

Taught in: Course 4, week 4: [Siamese networks](../../course4/week4.md#siamese-networks),
[the triplet loss](../../course4/week4.md#the-triplet-loss) and
[choosing the triplets](../../course4/week4.md#choosing-the-triplets); and its lab
[W4A1 · Face recognition](../../course4/labs/w4a1-face-recognition.ipynb).

The assignment writes the triplet loss in TensorFlow, then loads FaceNet (an Inception
network trained by others on millions of faces with that loss), encodes one photo per
employee into a database, and writes `verify` (is this person who their ID card says?) and
`who_is_it` (who, of the database, is this?). FaceNet's weights cannot be downloaded here, so
this module also builds and trains a small encoder of its own, on the made-up people of
[`load_identities_dataset`][dl_notes.data.identities.load_identities_dataset].

| the course | here |
|---|---|
| `triplet_loss(y_true, y_pred, alpha=0.2)` | [`triplet_loss`][dl_notes.tf.face_recognition.triplet_loss], the same |
| FaceNet: Inception, 96x96 (or 160x160) photos, 128-d encodings, 3.7 million weights | [`face_encoder`][dl_notes.tf.face_recognition.face_encoder]: four convolutions, 63,168 weights, 32x32 photos, 32-d encodings, trained here by [`train_encoder`][dl_notes.tf.face_recognition.train_encoder] |
| `img_to_encoding(image_path, model)` | [`img_to_encoding`][dl_notes.tf.face_recognition.img_to_encoding]: a photo as an array (or a path) |
| `verify(image_path, identity, database, model)` | [`verify`][dl_notes.tf.face_recognition.verify]`(image_path, identity, database, model, threshold=0.7)` |
| `who_is_it(image_path, database, model)` | [`who_is_it`][dl_notes.tf.face_recognition.who_is_it]`(image_path, database, model, threshold=0.7)` |
| triplets chosen outside the notebook | [`batch_hard_triplets`][dl_notes.tf.face_recognition.batch_hard_triplets]: the hardest positive and negative of each anchor in a mini-batch |

**The course's arguments first.** `verify` and `who_is_it` take the course's arguments in
the course's order and return its tuples, `(dist, door_open)` and `(min_dist, identity)`. They
add one keyword, `threshold`: the course's 0.7 fits FaceNet's encodings, and an encoder of
another size needs its own, chosen on validation pairs with
[`best_threshold`][dl_notes.face_recognition.best_threshold]. The `image_path` may be what
the course passes, a path to an image file, or (the departure: our photos are made in
memory) the photo itself as an array.

**Training.** FaceNet learned from triplets mined in large batches. [`train_encoder`][dl_notes.tf.face_recognition.train_encoder]
does the same on a small scale: each mini-batch holds $K$ photos of each of $P$ people
(chosen at random), each photo in turn is the anchor, its hardest positive and hardest
negative in the batch complete the triplet (*batch-hard* mining), and the course's
`triplet_loss` over those triplets, divided by their number, is the cost.

| name | shape | dtype |
|---|---|---|
| photos `X` | `(m, 32, 32, 3)` | uint8 or float, 0..255 |
| `face_encoder()(X)` | `(m, 32)`, rows of length 1 | float32 |
| `img_to_encoding(image, model)` | `(1, 32)`, as the course's `(1, 128)` | float32 |
| `database` | dict: name -> encoding `(1, n_e)` | float32 |
| `y_pred` of `triplet_loss` | `[anchor, positive, negative]`, each `(m, n_e)` | float32 |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import time
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from dl_notes import face_recognition as fr
from dl_notes._checks import as_rng, check_positive, check_seed

__all__ = [
    "THRESHOLD",
    "IMAGE_SHAPE",
    "triplet_loss",
    "batch_hard_triplets",
    "batch_hard_triplet_loss",
    "face_encoder",
    "encode",
    "img_to_encoding",
    "verify",
    "who_is_it",
    "train_encoder",
]

THRESHOLD = fr.THRESHOLD
"""The course's threshold, 0.7, the default of `verify` and `who_is_it`."""

IMAGE_SHAPE = (32, 32, 3)
"""The photos of [`load_identities_dataset`][dl_notes.data.identities.load_identities_dataset]
(the course's FaceNet takes 96x96 or 160x160)."""


# --8<-- [start:triplet_loss]
def triplet_loss(y_true, y_pred, alpha=0.2):
    r"""The course's triplet loss in TensorFlow: summed over the batch.

    $$\mathcal{J} = \sum_{i=1}^{m} \max\left(\lVert f(A^{(i)}) - f(P^{(i)}) \rVert_2^2
    - \lVert f(A^{(i)}) - f(N^{(i)}) \rVert_2^2 + \alpha,\; 0\right)$$

    Parameters
    ----------
    y_true : any
        Not used (Keras passes labels to every loss).
    y_pred : list of 3 tensors or arrays
        `[anchor, positive, negative]`: the encodings of the anchors, positives and negatives,
        each of shape `(m, n_e)` (or `(n_e,)`).
    alpha : float, default 0.2
        The margin $\alpha$.

    Returns
    -------
    loss : tf.Tensor, shape ()
        The sum over the triplets (a scalar tensor).

    Examples
    --------
    >>> float(triplet_loss(None, ([[1.0, 1.0]], [[1.0, 1.0]], [[0.0, 0.0]]), 3))
    1.0
    """
    anchor, positive, negative = y_pred[0], y_pred[1], y_pred[2]
    # Step 1: the squared distance between the anchor and the positive, per triplet
    pos_dist = tf.reduce_sum(tf.square(tf.subtract(anchor, positive)), axis=-1)
    # Step 2: the same for the anchor and the negative
    neg_dist = tf.reduce_sum(tf.square(tf.subtract(anchor, negative)), axis=-1)
    # Step 3: their difference plus the margin
    basic_loss = tf.add(tf.subtract(pos_dist, neg_dist), alpha)
    # Step 4: the hinge, summed over the triplets
    loss = tf.reduce_sum(tf.maximum(basic_loss, 0.0))
    return loss


# --8<-- [end:triplet_loss]


# --8<-- [start:batch_hard]
def batch_hard_triplets(encodings, labels):
    r"""The hardest positive and negative of every anchor of a mini-batch, in TensorFlow.

    The TensorFlow twin of [`mine_triplets`][dl_notes.face_recognition.mine_triplets] with
    `strategy="batch_hard"`: on the squared distances $D$ between the encodings, each anchor
    $a$ with a positive and a negative in the batch gets
    $p = \arg\max_{y_p = y_a, p \ne a} D_{ap}$ and $n = \arg\min_{y_n \ne y_a} D_{an}$.
    The choice of indices is not differentiated (the gradient flows through the encodings).

    Parameters
    ----------
    encodings : tf.Tensor or ndarray, shape (m, n_e)
    labels : tf.Tensor or ndarray of int, shape (m,)

    Returns
    -------
    anchor, positive, negative : tf.Tensor of int64, shape (k,) each
        Row indices into `encodings`.
    """
    E = tf.stop_gradient(tf.convert_to_tensor(encodings))
    labels = tf.convert_to_tensor(labels)
    sq = tf.reduce_sum(tf.square(E), axis=1)
    D = sq[:, None] - 2.0 * tf.matmul(E, E, transpose_b=True) + sq[None, :]  # (m, m)
    D = tf.maximum(D, 0.0)
    same = tf.equal(labels[:, None], labels[None, :])
    pos_mask = tf.logical_and(same, tf.logical_not(tf.eye(tf.shape(E)[0], dtype=tf.bool)))
    neg_mask = tf.logical_not(same)
    usable = tf.logical_and(tf.reduce_any(pos_mask, axis=1), tf.reduce_any(neg_mask, axis=1))
    anchor = tf.reshape(tf.where(usable), [-1])  # (k,)
    inf = tf.constant(np.inf, D.dtype)
    positive = tf.argmax(tf.where(pos_mask, D, -inf), axis=1)
    negative = tf.argmin(tf.where(neg_mask, D, inf), axis=1)
    return anchor, tf.gather(positive, anchor), tf.gather(negative, anchor)


def batch_hard_triplet_loss(labels, encodings, alpha=0.2):
    r"""The mean of the course's triplet loss over the batch-hard triplets of a mini-batch.

    $$\mathcal{J}_{\text{batch}} = \frac{1}{k} \, \texttt{triplet\_loss}\big(\text{None},
    [E_{a}, E_{p}, E_{n}], \alpha\big)$$

    for the $k$ triplets of
    [`batch_hard_triplets`][dl_notes.tf.face_recognition.batch_hard_triplets]. The course's
    loss is a sum; dividing by $k$ makes the learning rate independent of the batch size.

    Parameters
    ----------
    labels : tf.Tensor or ndarray of int, shape (m,)
    encodings : tf.Tensor, shape (m, n_e)
    alpha : float, default 0.2

    Returns
    -------
    loss : tf.Tensor, shape ()
        0 when the batch holds no usable anchor.
    """
    anchor, positive, negative = batch_hard_triplets(encodings, labels)
    y_pred = [tf.gather(encodings, i) for i in (anchor, positive, negative)]
    k = tf.cast(tf.maximum(tf.size(anchor), 1), encodings.dtype)
    return triplet_loss(None, y_pred, alpha) / k


# --8<-- [end:batch_hard]


# --8<-- [start:face_encoder]
def face_encoder(input_shape=IMAGE_SHAPE, n_e=32, filters=(16, 32, 64, 64), seed=0):
    r"""A small ConvNet that maps a photo to an encoding of length 1: our stand-in for FaceNet.

    `Rescaling(1/255) -> [Conv2D(3x3, same) -> BatchNormalization -> ReLU -> MaxPool(2)] x 3
    -> Conv2D(3x3) -> ReLU -> GlobalAveragePooling2D -> Dense(n_e) -> UnitNormalization`.
    The last layer divides each encoding by its length, as the course's `img_to_encoding`
    divides FaceNet's output: encodings lie on the unit sphere, at most 2 apart.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (32, 32, 3)
        (height, width, channels); pixels in 0..255.
    n_e : int, default 32
        Size of the encoding (FaceNet's is 128).
    filters : tuple of 4 int, default (16, 32, 64, 64)
        Filters of the four convolutions (63,168 weights in all with the defaults).
    seed : int, default 0
        Seeds every initializer: the same seed builds the same weights.

    Returns
    -------
    model : keras.Model
        Named `face_encoder`; `model(X)` has shape `(m, n_e)`, each row of length 1.
    """
    where = "face_encoder"
    input_shape = tuple(input_shape)
    if len(input_shape) != 3 or not all(
        isinstance(d, (int, np.integer)) and d >= 8 for d in input_shape[:2]
    ):
        raise ValueError(
            f"{where}: input_shape must be (height, width, channels) with height and width at "
            f"least 8, but {input_shape!r} was given."
        )
    check_positive(n_e, "n_e", where, integer=True)
    filters = tuple(filters)
    if len(filters) != 4 or not all(isinstance(f, (int, np.integer)) and f > 0 for f in filters):
        raise ValueError(f"{where}: filters must be four positive ints, but {filters!r} was given.")
    seed = check_seed(seed, where, minimum=0)
    layers = keras.layers
    init = keras.initializers

    inputs = keras.Input(shape=input_shape)
    x = layers.Rescaling(1 / 255)(inputs)
    for k, f in enumerate(filters[:3]):
        x = layers.Conv2D(f, 3, padding="same", kernel_initializer=init.HeNormal(seed + k))(x)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        x = layers.MaxPooling2D(2)(x)  # 32 -> 16 -> 8 -> 4
    x = layers.Conv2D(filters[3], 3, padding="same", kernel_initializer=init.HeNormal(seed + 3))(x)
    x = layers.ReLU()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(n_e, kernel_initializer=init.GlorotUniform(seed + 4))(x)
    x = layers.BatchNormalization()(x)  # centres the encodings before they go onto the sphere
    outputs = layers.UnitNormalization()(x)  # (m, n_e), each row of length 1
    return keras.Model(inputs, outputs, name="face_encoder")


# --8<-- [end:face_encoder]


def encode(model, X, batch_size=500):
    r"""The encodings of many photos, in inference mode, as a NumPy array.

    Parameters
    ----------
    model : keras.Model
        An encoder, e.g. [`face_encoder`][dl_notes.tf.face_recognition.face_encoder].
    X : ndarray, shape (m, n_H, n_W, n_C)
        Photos, pixels in 0..255.
    batch_size : int, default 500
        Photos per forward pass (it only limits memory).

    Returns
    -------
    encodings : ndarray of float32, shape (m, n_e)
    """
    where = "encode"
    _check_model(model, where)
    X = np.asarray(X)
    if X.ndim != 4:
        raise ValueError(
            f"{where}: X must be photos of shape (m, n_H, n_W, n_C), but it has shape {X.shape}."
        )
    check_positive(batch_size, "batch_size", where, integer=True)
    X = X.astype(np.float32)
    if not len(X):
        return np.zeros((0, model.output_shape[-1]), np.float32)
    batches = range(0, len(X), int(batch_size))
    return np.concatenate(
        [np.asarray(model(X[i : i + batch_size], training=False)) for i in batches]
    )  # (m, n_e)


# --8<-- [start:img_to_encoding]
def img_to_encoding(image_path, model):
    r"""The course's `img_to_encoding`: the unit-length encoding of one photo, shape `(1, n_e)`.

    $$f(x) \,/\, \lVert f(x) \rVert_2$$

    The course reads the photo from a file, resizes it to the model's input and scales its
    pixels to [0, 1]; our encoder scales the pixels itself, so the photo goes in as 0..255.
    Departure: our photos are made in memory, so `image_path` may also be the photo itself.

    Parameters
    ----------
    image_path : str, pathlib.Path or ndarray of shape (n_H, n_W, n_C) or (1, n_H, n_W, n_C)
        A path to an image file (loaded with `keras.utils.load_img` at the model's input
        size), or the photo, pixels in 0..255.
    model : keras.Model
        The encoder.

    Returns
    -------
    encoding : ndarray of float32, shape (1, n_e)
        Of length 1, as the course's `embedding / np.linalg.norm(embedding, ord=2)`.
    """
    where = "img_to_encoding"
    _check_model(model, where)
    x = _load_photo(image_path, model, where)  # (1, n_H, n_W, n_C)
    embedding = np.asarray(model(x, training=False))
    return embedding / np.linalg.norm(embedding, ord=2)


# --8<-- [end:img_to_encoding]


# --8<-- [start:verify]
def verify(image_path, identity, database, model, threshold=THRESHOLD, verbose=True):
    r"""The course's `verify`: does the photo at the door show the person named on the ID card?

    Encodes the photo with [`img_to_encoding`][dl_notes.tf.face_recognition.img_to_encoding]
    and opens the door when its L2 distance to `database[identity]` is below `threshold`
    (the NumPy [`verify`][dl_notes.face_recognition.verify] on the encoding).

    Parameters
    ----------
    image_path : str, pathlib.Path or ndarray
        The photo taken at the door: a path or (departure) the photo, pixels in 0..255.
    identity : str
        The name on the ID card: a key of `database`.
    database : dict of str to ndarray
        Name -> encoding `(1, n_e)` of that person's photo.
    model : keras.Model
        The encoder.
    threshold : float, default 0.7
        The course's 0.7; pass the threshold chosen on validation pairs for our encoder.
    verbose : bool, default True
        Print the course's message.

    Returns
    -------
    dist : float
        Distance between the photo's encoding and the identity's.
    door_open : bool
        True if `dist < threshold`.
    """
    encoding = img_to_encoding(image_path, model)
    return fr.verify(encoding, identity, database, threshold=threshold, verbose=verbose)


# --8<-- [end:verify]


# --8<-- [start:who_is_it]
def who_is_it(image_path, database, model, threshold=THRESHOLD, verbose=True):
    r"""The course's `who_is_it`: the nearest person of the database to the photo at the door.

    Encodes the photo and returns the nearest entry of the database (the NumPy
    [`who_is_it`][dl_notes.face_recognition.who_is_it]); as in the course, `threshold` only
    decides whether it prints "Not in the database.".

    Parameters
    ----------
    image_path : str, pathlib.Path or ndarray
        The photo: a path or (departure) the photo, pixels in 0..255.
    database : dict of str to ndarray
        Name -> encoding `(1, n_e)`.
    model : keras.Model
        The encoder.
    threshold : float, default 0.7
    verbose : bool, default True

    Returns
    -------
    min_dist : float
        The distance to the nearest encoding of the database.
    identity : str
        Its name.
    """
    encoding = img_to_encoding(image_path, model)
    return fr.who_is_it(encoding, database, threshold=threshold, verbose=verbose)


# --8<-- [end:who_is_it]


# --- training --------------------------------------------------------------------------------


def train_encoder(
    model,
    X,
    y,
    num_steps=300,
    n_people=16,
    n_photos=4,
    learning_rate=0.005,
    alpha=0.2,
    seed=0,
):
    r"""Train an encoder with the triplet loss on batch-hard triplets: $P$ people, $K$ photos each.

    Each of `num_steps` Adam steps draws `n_people` people ($P$) of `y` at random and
    `n_photos` ($K$) of each one's photos, encodes the $PK$ photos and minimises
    [`batch_hard_triplet_loss`][dl_notes.tf.face_recognition.batch_hard_triplet_loss]:
    every photo is an anchor, with its hardest positive and negative in the batch. The
    learning rate decays along a cosine to 0.

    Parameters
    ----------
    model : keras.Model
        The encoder, e.g. [`face_encoder`][dl_notes.tf.face_recognition.face_encoder](); trained
        in place.
    X : ndarray, shape (m, n_H, n_W, n_C)
        Training photos, pixels 0..255.
    y : ndarray of int, shape (m,)
        The person in each photo; every person needs at least two photos.
    num_steps : int, default 300
    n_people : int, default 16
        $P$, people per mini-batch; at most the number of people in `y`.
    n_photos : int, default 4
        $K$, photos per person per mini-batch (drawn with replacement from a person who has
        fewer).
    learning_rate : float, default 0.005
        Adam's rate at the first step.
    alpha : float, default 0.2
        The margin of the triplet loss.
    seed : int, default 0
        Seeds the choice of the mini-batches.

    Returns
    -------
    history : dict of str to list of float
        `"cost"`: the batch's loss at every step; `"active"`: the fraction of its triplets with
        a positive loss; `"seconds"`: the training time (one value).
    """
    where = "train_encoder"
    _check_model(model, where)
    X = np.asarray(X)
    if X.ndim != 4:
        raise ValueError(
            f"{where}: X must be photos of shape (m, n_H, n_W, n_C), but it has shape {X.shape}."
        )
    y = fr._check_labels(y, len(X), where, name="y")
    for name, value in (("num_steps", num_steps), ("n_people", n_people), ("n_photos", n_photos)):
        check_positive(value, name, where, integer=True)
    check_positive(learning_rate, "learning_rate", where)
    seed = check_seed(seed, where, minimum=0)
    people, counts = np.unique(y, return_counts=True)
    if n_people > len(people) or n_people < 2 or n_photos < 2 or counts.min() < 2:
        raise ValueError(
            f"{where}: a mini-batch needs n_people >= 2 people (y holds {len(people)}) and "
            f"n_photos >= 2 photos of each (each person needs two or more; the fewest is "
            f"{counts.min()}), but n_people={n_people} and n_photos={n_photos} were given."
        )
    rng = as_rng(seed, where)
    photos_of = {p: np.flatnonzero(y == p) for p in people}
    X = X.astype(np.float32)
    schedule = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=int(num_steps))
    optimizer = keras.optimizers.Adam(schedule)
    variables = model.trainable_variables

    @tf.function
    def step(X_batch, y_batch):
        with tf.GradientTape() as tape:
            encodings = model(X_batch, training=True)
            cost = batch_hard_triplet_loss(y_batch, encodings, alpha)
        grads = tape.gradient(cost, variables)
        optimizer.apply_gradients(zip(grads, variables))
        anchor, positive, negative = batch_hard_triplets(encodings, y_batch)
        pos = tf.reduce_sum(
            tf.square(tf.gather(encodings, anchor) - tf.gather(encodings, positive)), -1
        )
        neg = tf.reduce_sum(
            tf.square(tf.gather(encodings, anchor) - tf.gather(encodings, negative)), -1
        )
        return cost, tf.reduce_mean(tf.cast(pos - neg + alpha > 0, tf.float32))

    history = {"cost": [], "active": []}
    started = time.perf_counter()
    for _ in range(int(num_steps)):
        chosen = rng.choice(people, int(n_people), replace=False)
        idx = np.concatenate(
            [
                rng.choice(photos_of[p], int(n_photos), replace=len(photos_of[p]) < n_photos)
                for p in chosen
            ]
        )  # (P K,): K photos of each of P people
        cost, active = step(tf.constant(X[idx]), tf.constant(y[idx]))
        history["cost"].append(float(cost))
        history["active"].append(float(active))
    history["seconds"] = [time.perf_counter() - started]
    return history


# --- helpers ---------------------------------------------------------------------------------


def _check_model(model, where):
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"{where}: model must be a keras.Model (an encoder such as face_encoder()), but a "
            f"{type(model).__name__} was given."
        )


def _load_photo(image_path, model, where):
    """`image_path` as a float32 batch of one photo, (1, n_H, n_W, n_C), pixels 0..255."""
    shape = tuple(model.input_shape[1:])
    if isinstance(image_path, (str, Path)):
        if not Path(image_path).is_file():
            raise FileNotFoundError(f"{where}: no image file at {image_path!r}.")
        image = keras.utils.load_img(image_path, target_size=shape[:2])
        x = np.asarray(image, np.float32)[None]
    elif isinstance(image_path, np.ndarray):
        x = image_path.astype(np.float32)
        if x.ndim == 3:
            x = x[None]
    else:
        raise TypeError(
            f"{where}: image_path must be a path to an image file or a photo as an ndarray, but "
            f"a {type(image_path).__name__} was given."
        )
    if x.shape[1:] != shape or x.shape[0] != 1:
        raise ValueError(
            f"{where}: the photo must have shape {shape} (or (1, {', '.join(map(str, shape))})) "
            f"to fit the model, but it has shape {image_path.shape}."
        )
    return x
