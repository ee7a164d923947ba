r"""Face verification and recognition in NumPy: the triplet loss, distances, thresholds (Course 4, W4A1).

Taught in: Course 4, week 4:
[face verification and recognition](../../course4/week4.md#face-verification-and-face-recognition),
[the triplet loss](../../course4/week4.md#the-triplet-loss) and
[choosing the triplets](../../course4/week4.md#choosing-the-triplets),
[verification as binary classification](../../course4/week4.md#face-verification-as-binary-classification);
and its lab [W4A1 · Face recognition](../../course4/labs/w4a1-face-recognition.ipynb).

An encoder $f$ maps a photo to a vector of $n_e$ numbers of length 1 (FaceNet's 128; 32 in
the lab). Two photos show the same person when their encodings are close:

$$d(x_1, x_2) = \lVert f(x_1) - f(x_2) \rVert_2 < \tau .$$

The encoder learns from triplets: an anchor $A$, a positive $P$ (another photo of the same
person) and a negative $N$ (a photo of someone else). The **triplet loss** asks the anchor to
be nearer its positive than its negative by a margin $\alpha$:

$$\mathcal{J} = \sum_{i=1}^{m} \max\left(\lVert f(A^{(i)}) - f(P^{(i)}) \rVert_2^2
- \lVert f(A^{(i)}) - f(N^{(i)}) \rVert_2^2 + \alpha,\; 0\right).$$

Triplets picked at random are mostly easy (the loss is already 0), so FaceNet *mines* hard
ones inside each mini-batch: [`mine_triplets`][dl_notes.face_recognition.mine_triplets].

| the course | here (NumPy, on encodings) |
|---|---|
| `triplet_loss(y_true, y_pred, alpha=0.2)` | [`triplet_loss`][dl_notes.face_recognition.triplet_loss], the same formula; [`triplet_loss_backward`][dl_notes.face_recognition.triplet_loss_backward], its gradient |
| `verify(image_path, identity, database, model)` | [`verify`][dl_notes.face_recognition.verify]`(encoding, identity, database, threshold=0.7)` |
| `who_is_it(image_path, database, model)` | [`who_is_it`][dl_notes.face_recognition.who_is_it]`(encoding, database, threshold=0.7)`; [`recognize`][dl_notes.face_recognition.recognize] for many photos at once |
| the threshold 0.7, fixed | [`roc_curve`][dl_notes.face_recognition.roc_curve], [`best_threshold`][dl_notes.face_recognition.best_threshold]: choose it on validation pairs |

The Keras half (the course's `triplet_loss` in TensorFlow, `img_to_encoding`, `verify` and
`who_is_it` on images, an encoder trained here) is
[`dl_notes.tf.face_recognition`](tf.face_recognition.md); its `verify` and `who_is_it` encode
the photo and call the functions here.

| name | shape |
|---|---|
| `anchor`, `positive`, `negative`, `encodings` | `(m, n_e)`: one encoding per row |
| `encoding` (one photo) | `(n_e,)` or `(1, n_e)`, as the course's `img_to_encoding` returns it |
| `database` | dict: name -> encoding `(n_e,)` or `(1, n_e)` |
| `labels` | `(m,)`: the person in each photo |
| `pairs`, `same` | `(n, 2)` indices into `encodings`; `(n,)` bool, True if one person |
| `distances` | `(n,)` |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    as_rng,
    check_choice,
    check_ndim,
    check_positive,
    check_same_shape,
)

__all__ = [
    "THRESHOLD",
    "triplet_loss",
    "triplet_loss_backward",
    "l2_normalize",
    "pairwise_distances",
    "mine_triplets",
    "verify",
    "who_is_it",
    "recognize",
    "make_pairs",
    "pair_distances",
    "roc_curve",
    "roc_auc",
    "best_threshold",
    "verification_accuracy",
    "plot_roc",
]

THRESHOLD = 0.7
"""The course's threshold on the L2 distance between two unit-length 128-d FaceNet encodings."""

STRATEGIES = ("batch_hard", "semi_hard")
"""The ways [`mine_triplets`][dl_notes.face_recognition.mine_triplets] picks triplets."""


# --- the triplet loss ----------------------------------------------------------------------


# --8<-- [start:triplet_loss]
def triplet_loss(y_true, y_pred, alpha=0.2):
    r"""The course's triplet loss, in NumPy: the sum over the triplets of the hinge on the gap.

    $$\mathcal{J} = \sum_{i=1}^{m} \max\left(\lVert f(A^{(i)}) - f(P^{(i)}) \rVert_2^2
    - \lVert f(A^{(i)}) - f(N^{(i)}) \rVert_2^2 + \alpha,\; 0\right)$$

    Parameters
    ----------
    y_true : any
        Ignored (Keras passes labels to every loss; the course's function ignores them too).
    y_pred : sequence of 3 ndarrays
        `(anchor, positive, negative)`, the encodings of the three photos of each triplet,
        each of shape `(m, n_e)` (or `(n_e,)` for a single triplet).
    alpha : float, default 0.2
        The margin $\alpha$.

    Returns
    -------
    loss : float
        $\mathcal{J}$, summed (not averaged) over the $m$ triplets, as in the course.

    Examples
    --------
    >>> triplet_loss(None, ([[1.0, 1.0]], [[1.0, 1.0]], [[0.0, 0.0]]), alpha=3)
    1.0
    """
    anchor, positive, negative = _check_triplet(y_pred, alpha, "triplet_loss")
    return _triplet_loss(anchor, positive, negative, alpha)


def _triplet_loss(anchor, positive, negative, alpha):
    pos_dist = np.sum((anchor - positive) ** 2, axis=-1)  # (m,)
    neg_dist = np.sum((anchor - negative) ** 2, axis=-1)  # (m,)
    basic_loss = pos_dist - neg_dist + alpha
    loss = np.sum(np.maximum(basic_loss, 0.0))
    return float(loss)


# --8<-- [end:triplet_loss]


def triplet_loss_backward(y_pred, alpha=0.2):
    r"""Gradient of [`triplet_loss`][dl_notes.face_recognition.triplet_loss] with respect to the
    three encodings.

    A triplet whose hinge is active ($\lVert A-P \rVert^2 - \lVert A-N \rVert^2 + \alpha > 0$)
    pulls the positive towards the anchor and pushes the negative away:

    $$\frac{\partial \mathcal{J}}{\partial A} = 2 (N - P), \qquad
    \frac{\partial \mathcal{J}}{\partial P} = 2 (P - A), \qquad
    \frac{\partial \mathcal{J}}{\partial N} = 2 (A - N);$$

    an inactive triplet contributes nothing (at the kink, exactly 0, the gradient is taken as 0,
    as TensorFlow's `maximum` does).

    Parameters
    ----------
    y_pred : sequence of 3 ndarrays
        `(anchor, positive, negative)`, each of shape `(m, n_e)` (or `(n_e,)`).
    alpha : float, default 0.2

    Returns
    -------
    danchor, dpositive, dnegative : ndarray, shape (m, n_e) (or (n_e,)) each
        $\partial \mathcal{J} / \partial A$, $\partial \mathcal{J} / \partial P$ and
        $\partial \mathcal{J} / \partial N$.
    """
    anchor, positive, negative = _check_triplet(y_pred, alpha, "triplet_loss_backward")
    basic_loss = np.sum((anchor - positive) ** 2, -1) - np.sum((anchor - negative) ** 2, -1) + alpha
    active = (basic_loss > 0)[..., None]  # (m, 1): which hinges are on
    danchor = active * 2 * (negative - positive)
    dpositive = active * 2 * (positive - anchor)
    dnegative = active * 2 * (anchor - negative)
    return danchor, dpositive, dnegative


def _check_triplet(y_pred, alpha, where):
    if not isinstance(y_pred, (list, tuple)) or len(y_pred) != 3:
        raise TypeError(
            f"{where}: y_pred must be a list or tuple of three arrays [anchor, positive, "
            f"negative], but {type(y_pred).__name__}"
            + (f" of length {len(y_pred)}" if isinstance(y_pred, (list, tuple)) else "")
            + " was given."
        )
    names = ("anchor", "positive", "negative")
    arrays = [as_array(x, name, where) for x, name in zip(y_pred, names)]
    if arrays[0].ndim not in (1, 2):
        raise ValueError(
            f"{where}: anchor must be a 1-D (n_e,) or 2-D (m, n_e) array of encodings, but it "
            f"has shape {arrays[0].shape}."
        )
    for x, name in zip(arrays[1:], names[1:]):
        check_same_shape(arrays[0], x, ("anchor", name), where)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: alpha must be a number, but a {type(alpha).__name__} was given.")
    return arrays


# --- distances and mining ------------------------------------------------------------------


def l2_normalize(x, epsilon=1e-12):
    r"""Scale each row to length 1: $x / \max(\lVert x \rVert_2, \epsilon)$.

    The course's `img_to_encoding` divides FaceNet's output by its norm, so that every
    encoding lies on the unit sphere and two encodings are at most 2 apart.

    Parameters
    ----------
    x : ndarray, shape (m, n_e) or (n_e,)
    epsilon : float, default 1e-12
        Floor on the norm, so that a zero row stays zero instead of becoming `nan`.

    Returns
    -------
    x_normalized : ndarray, same shape as `x`
    """
    where = "l2_normalize"
    x = as_array(x, "x", where)
    check_positive(epsilon, "epsilon", where)
    norm = np.linalg.norm(x, axis=-1, keepdims=True)
    return x / np.maximum(norm, epsilon)


def pairwise_distances(E1, E2=None, squared=False):
    r"""Euclidean distances between every row of `E1` and every row of `E2`.

    $$D_{ij} = \lVert E_{1,i} - E_{2,j} \rVert_2
    = \sqrt{\lVert E_{1,i} \rVert^2 - 2\, E_{1,i} \cdot E_{2,j} + \lVert E_{2,j} \rVert^2},$$

    computed with one matrix product; rounding can make the sum under the root slightly
    negative, so it is clipped at 0.

    Parameters
    ----------
    E1 : ndarray, shape (m1, n_e)
    E2 : ndarray, shape (m2, n_e), optional
        Default: `E1` (the distances within one set, 0 on the diagonal).
    squared : bool, default False
        Return $D_{ij}^2$, the distance the triplet loss uses.

    Returns
    -------
    D : ndarray, shape (m1, m2)
    """
    where = "pairwise_distances"
    E1 = as_array(E1, "E1", where)
    check_ndim(E1, 2, "E1", where, "(m1, n_e)")
    if E2 is None:
        E2 = E1
    else:
        E2 = as_array(E2, "E2", where)
        check_ndim(E2, 2, "E2", where, "(m2, n_e)")
        if E2.shape[1] != E1.shape[1]:
            raise ValueError(
                f"{where}: E1 and E2 must have the same encoding size n_e, but E1 has shape "
                f"{E1.shape} and E2 has shape {E2.shape}."
            )
    return _pairwise_distances(E1, E2, squared)


def _pairwise_distances(E1, E2, squared=False):
    sq = np.sum(E1**2, axis=1)[:, None] - 2 * E1 @ E2.T + np.sum(E2**2, axis=1)[None, :]  # (m1, m2)
    sq = np.maximum(sq, 0.0)
    if E1 is E2:
        np.fill_diagonal(sq, 0.0)
    return sq if squared else np.sqrt(sq)


# --8<-- [start:mine_triplets]
def mine_triplets(encodings, labels, strategy="batch_hard"):
    r"""Pick hard triplets inside a mini-batch: indices of anchors, positives and negatives.

    Random triplets are mostly easy, $\lVert A-P \rVert^2 + \alpha < \lVert A-N \rVert^2$, and
    teach nothing. The course's lecture says to choose triplets that are hard to train on;
    two standard ways, on the squared distances $D$ between the batch's encodings:

    - `"batch_hard"` (Hermans et al., 2017): for every anchor $a$ that has a positive and a
      negative in the batch, its hardest positive $p = \arg\max_{y_p = y_a,\, p \ne a} D_{ap}$
      and its hardest negative $n = \arg\min_{y_n \ne y_a} D_{an}$. One triplet per anchor.
    - `"semi_hard"` (FaceNet, Schroff et al., 2015): for every anchor-positive pair, the
      nearest negative that is still farther than the positive,
      $n = \arg\min_{y_n \ne y_a,\; D_{an} > D_{ap}} D_{an}$ (the hardest negatives can stall
      training early on); when every negative is nearer than the positive, the farthest
      negative. One triplet per anchor-positive pair.

    Ties go to the first index.

    Parameters
    ----------
    encodings : ndarray, shape (m, n_e)
        The batch's encodings.
    labels : ndarray of int, shape (m,)
        The person in each photo.
    strategy : {"batch_hard", "semi_hard"}, default "batch_hard"

    Returns
    -------
    anchor, positive, negative : ndarray of int, shape (k,) each
        Row indices into `encodings`: triplet $i$ is `(anchor[i], positive[i], negative[i])`.
        Empty when no anchor has both a positive and a negative.
    """
    where = "mine_triplets"
    encodings = as_array(encodings, "encodings", where)
    check_ndim(encodings, 2, "encodings", where, "(m, n_e)")
    labels = _check_labels(labels, len(encodings), where)
    check_choice(strategy, STRATEGIES, "strategy", where)
    return _mine_triplets(encodings, labels, strategy)


def _mine_triplets(encodings, labels, strategy):
    m = len(labels)
    D = _pairwise_distances(encodings, encodings, squared=True)  # (m, m)
    same = labels[:, None] == labels[None, :]  # (m, m)
    pos_mask = same & ~np.eye(m, dtype=bool)
    neg_mask = ~same
    usable = pos_mask.any(axis=1) & neg_mask.any(axis=1)  # anchors with a positive and a negative
    if strategy == "batch_hard":
        anchor = np.flatnonzero(usable)
        positive = np.argmax(np.where(pos_mask, D, -np.inf), axis=1)[anchor]
        negative = np.argmin(np.where(neg_mask, D, np.inf), axis=1)[anchor]
        return anchor, positive, negative
    anchor, positive = np.nonzero(pos_mask & usable[:, None])  # every anchor-positive pair
    D_an = D[anchor]  # (k, m)
    farther = neg_mask[anchor] & (D_an > D[anchor, positive][:, None])  # semi-hard candidates
    nearest_farther = np.argmin(np.where(farther, D_an, np.inf), axis=1)
    farthest = np.argmax(np.where(neg_mask[anchor], D_an, -np.inf), axis=1)
    negative = np.where(farther.any(axis=1), nearest_farther, farthest)
    return anchor, positive, negative


# --8<-- [end:mine_triplets]


def _check_labels(labels, m, where, name="labels"):
    """`labels` as an int array of shape (m,); `m=None` accepts any length."""
    labels = np.asarray(labels)
    if m is None:
        m = labels.shape[0] if labels.ndim == 1 else "m"
    if labels.ndim != 1 or labels.shape[0] != m or (labels.size and labels.dtype.kind not in "ui"):
        raise ValueError(
            f"{where}: {name} must be {m} integer labels, shape ({m},), one per encoding, but "
            f"it has shape {labels.shape} and dtype {labels.dtype}."
        )
    return labels


# --- verification and recognition on encodings ----------------------------------------------


# --8<-- [start:verify]
def verify(encoding, identity, database, threshold=THRESHOLD, verbose=True):
    r"""The course's `verify`, on an encoding: is this the person `identity` claims to be?

    The door opens when the L2 distance (not its square) between the photo's encoding and
    the one stored for `identity` is below the threshold, $\lVert f(x) - f_{identity} \rVert_2
    < \tau$. The course encodes the photo inside `verify` (`img_to_encoding(image_path,
    model)`); here the encoding is given, and
    [`dl_notes.tf.face_recognition.verify`][dl_notes.tf.face_recognition.verify] is the
    course's function on a photo.

    Parameters
    ----------
    encoding : ndarray, shape (n_e,) or (1, n_e)
        The encoding of the photo taken at the door.
    identity : str
        The name on the ID card: a key of `database`.
    database : dict of str to ndarray
        Name -> the encoding of that person's photo, shape `(n_e,)` or `(1, n_e)`.
    threshold : float, default 0.7
        $\tau$; the course's 0.7 suits FaceNet's 128-d encodings. Choose it for another encoder
        with [`best_threshold`][dl_notes.face_recognition.best_threshold].
    verbose : bool, default True
        Print the course's message ("It's younes, welcome in!" or "It's not kian, please go
        away").

    Returns
    -------
    dist : float
        The distance between the encoding and `database[identity]`.
    door_open : bool
        True if `dist < threshold`.
    """
    where = "verify"
    encoding = _check_encoding(encoding, "encoding", where)
    database = _check_database(database, encoding.shape[-1], where)
    if identity not in database:
        raise ValueError(
            f"{where}: identity {identity!r} is not in the database; it holds "
            f"{_some_names(database)}."
        )
    _check_threshold(threshold, where)
    # Step 2 of the course: the distance to the identity's encoding
    dist = float(np.linalg.norm(encoding - database[identity]))
    # Step 3: open the door if dist < threshold (the course's 0.7)
    door_open = bool(dist < threshold)
    if verbose:
        print(
            f"It's {identity}, welcome in!" if door_open else f"It's not {identity}, please go away"
        )
    return dist, door_open


# --8<-- [end:verify]


# --8<-- [start:who_is_it]
def who_is_it(encoding, database, threshold=THRESHOLD, verbose=True):
    r"""The course's `who_is_it`, on an encoding: the nearest person of the database.

    Loops over the database, as the course does, keeping the name with the smallest L2
    distance. As in the course, the nearest name is returned even when it is farther than the
    threshold: the threshold only decides the message ("Not in the database."). Compare
    `min_dist` with the threshold to turn strangers away;
    [`recognize`][dl_notes.face_recognition.recognize] does the same for many photos at once.

    Parameters
    ----------
    encoding : ndarray, shape (n_e,) or (1, n_e)
        The encoding of the photo taken at the door.
    database : dict of str to ndarray
        Name -> encoding `(n_e,)` or `(1, n_e)`; at least one entry.
    threshold : float, default 0.7
    verbose : bool, default True
        Print the course's message.

    Returns
    -------
    min_dist : float
        The distance to the nearest encoding of the database.
    identity : str
        Its name.
    """
    where = "who_is_it"
    encoding = _check_encoding(encoding, "encoding", where)
    database = _check_database(database, encoding.shape[-1], where)
    _check_threshold(threshold, where)
    # Initialize "min_dist" to a large value (the course's 100: encodings of length 1 are
    # at most 2 apart), then loop over the database
    min_dist, identity = 100.0, None
    for name, db_enc in database.items():
        dist = float(np.linalg.norm(encoding - db_enc))
        if dist < min_dist:
            min_dist, identity = dist, name
    if verbose:
        if min_dist > threshold:
            print("Not in the database.")
        else:
            print(f"it's {identity}, the distance is {min_dist}")
    return min_dist, identity


# --8<-- [end:who_is_it]


def recognize(encodings, database):
    r"""[`who_is_it`][dl_notes.face_recognition.who_is_it] for many photos at once, vectorised.

    $$\text{identity}^{(i)} = \arg\min_{k} \lVert f(x^{(i)}) - e_k \rVert_2$$

    over the database's encodings $e_k$, with one matrix product instead of a loop.

    Parameters
    ----------
    encodings : ndarray, shape (m, n_e)
        The encodings of $m$ photos.
    database : dict of str to ndarray
        Name -> encoding `(n_e,)` or `(1, n_e)`; at least one entry.

    Returns
    -------
    min_dist : ndarray, shape (m,)
        The distance from each photo to its nearest database entry.
    identities : ndarray of str, shape (m,)
        The names of those entries (the first name on a tie, as in the loop).
    """
    where = "recognize"
    encodings = as_array(encodings, "encodings", where)
    check_ndim(encodings, 2, "encodings", where, "(m, n_e)")
    database = _check_database(database, encodings.shape[1], where)
    names = np.array(list(database))
    entries = np.stack([e.reshape(-1) for e in database.values()])  # (n_database, n_e)
    D = _pairwise_distances(encodings, entries)  # (m, n_database)
    nearest = np.argmin(D, axis=1)
    return D[np.arange(len(encodings)), nearest], names[nearest]


def _check_encoding(encoding, name, where):
    encoding = as_array(encoding, name, where)
    if not (encoding.ndim == 1 or (encoding.ndim == 2 and encoding.shape[0] == 1)):
        raise ValueError(
            f"{where}: {name} must be one encoding of shape (n_e,) or (1, n_e), but it has "
            f"shape {encoding.shape}."
        )
    return encoding.reshape(-1)


def _check_database(database, n_e, where):
    if not isinstance(database, dict):
        raise TypeError(
            f"{where}: database must be a dict of name -> encoding, but a "
            f"{type(database).__name__} was given."
        )
    if not database:
        raise ValueError(f"{where}: database is empty; it needs at least one name -> encoding.")
    checked = {}
    for name, value in database.items():
        value = _check_encoding(value, f"database[{name!r}]", where)
        if value.shape[0] != n_e:
            raise ValueError(
                f"{where}: database[{name!r}] has {value.shape[0]} numbers but the encoding has "
                f"{n_e}; both must come from the same encoder."
            )
        checked[name] = value
    return checked


def _some_names(database, k=5):
    names = list(database)
    return ", ".join(repr(n) for n in names[:k]) + (", ..." if len(names) > k else "")


def _check_threshold(threshold, where):
    if isinstance(threshold, bool) or not isinstance(
        threshold, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"{where}: threshold must be a number, but a {type(threshold).__name__} was given."
        )


# --- verification pairs, ROC curve and the threshold ------------------------------------------


def make_pairs(labels, n_pairs, seed=0):
    r"""Pairs of photos for measuring verification: half of one person, half of two people.

    Each "same" pair is two different photos of one person (a person drawn at random among
    those with at least two photos, then two of their photos); each "different" pair is two
    photos of two different people (two photos drawn at random until their labels differ).

    Parameters
    ----------
    labels : ndarray of int, shape (m,)
        The person in each photo; at least one person with two photos and two people.
    n_pairs : int
        How many pairs; `n_pairs // 2` of them are "same" pairs (rounded down), the rest
        "different" pairs, shuffled.
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    pairs : ndarray of int, shape (n_pairs, 2)
        Indices into `labels` (and into the photos or encodings they label).
    same : ndarray of bool, shape (n_pairs,)
        True where both photos show the same person.
    """
    where = "make_pairs"
    labels = _check_labels(labels, None, where)
    check_positive(n_pairs, "n_pairs", where, integer=True)
    people, counts = np.unique(labels, return_counts=True)
    if len(people) < 2 or counts.max() < 2:
        raise ValueError(
            f"{where}: labels must hold at least two people and someone with two photos, but "
            f"it holds {len(people)} people with at most {counts.max()} photos each."
        )
    rng = as_rng(seed, where)
    n_same = int(n_pairs) // 2
    n_diff = int(n_pairs) - n_same
    # same: a person with >= 2 photos, then two distinct photos of theirs
    eligible = people[counts >= 2]
    who = rng.choice(eligible, n_same)
    same_pairs = np.array(
        [rng.choice(np.flatnonzero(labels == p), 2, replace=False) for p in who], dtype=np.int64
    ).reshape(n_same, 2)
    # different: two photos drawn until their labels differ (redraw the clashes)
    diff_pairs = rng.integers(0, len(labels), (n_diff, 2))
    clash = labels[diff_pairs[:, 0]] == labels[diff_pairs[:, 1]]
    while clash.any():
        diff_pairs[clash, 1] = rng.integers(0, len(labels), int(clash.sum()))
        clash = labels[diff_pairs[:, 0]] == labels[diff_pairs[:, 1]]
    pairs = np.concatenate([same_pairs, diff_pairs])
    same = np.r_[np.ones(n_same, bool), np.zeros(n_diff, bool)]
    order = rng.permutation(int(n_pairs))
    return pairs[order], same[order]


def pair_distances(encodings, pairs):
    r"""The L2 distance between the two encodings of each pair,
    $d_k = \lVert f(x_{k,1}) - f(x_{k,2}) \rVert_2$.

    Parameters
    ----------
    encodings : ndarray, shape (m, n_e)
    pairs : ndarray of int, shape (n, 2)
        Row indices into `encodings`, from [`make_pairs`][dl_notes.face_recognition.make_pairs].

    Returns
    -------
    distances : ndarray, shape (n,)
    """
    where = "pair_distances"
    encodings = as_array(encodings, "encodings", where)
    check_ndim(encodings, 2, "encodings", where, "(m, n_e)")
    pairs = np.asarray(pairs)
    if pairs.ndim != 2 or pairs.shape[1] != 2 or (pairs.size and pairs.dtype.kind not in "ui"):
        raise ValueError(
            f"{where}: pairs must be an (n, 2) array of integer indices, but it has shape "
            f"{pairs.shape} and dtype {pairs.dtype}."
        )
    if pairs.size and not 0 <= pairs.min() <= pairs.max() < len(encodings):
        raise ValueError(
            f"{where}: pairs must index rows 0 to {len(encodings) - 1} of encodings, but it holds "
            f"{pairs.min()} to {pairs.max()}."
        )
    return np.linalg.norm(encodings[pairs[:, 0]] - encodings[pairs[:, 1]], axis=1)


def _check_scores(distances, same, where):
    distances = as_array(distances, "distances", where)
    check_ndim(distances, 1, "distances", where, "(n,)")
    same = np.asarray(same)
    if same.shape != distances.shape:
        raise ValueError(
            f"{where}: same must have one entry per distance, shape {distances.shape}, but it has "
            f"shape {same.shape}."
        )
    if same.dtype != bool:
        if same.dtype.kind not in "uif" or not np.isin(same, (0, 1)).all():
            raise ValueError(
                f"{where}: same must hold booleans (or 0 and 1): True where the pair shows one "
                f"person."
            )
        same = same.astype(bool)
    if not (same.any() and (~same).any()):
        raise ValueError(
            f"{where}: same must hold at least one pair of the same person and one of two "
            f"people, but it holds {int(same.sum())} and {int((~same).sum())}."
        )
    if np.isnan(distances).any():
        raise ValueError(f"{where}: distances contains nan.")
    return distances, same


# --8<-- [start:roc_curve]
def roc_curve(distances, same):
    r"""The ROC curve of verification by distance: each threshold, its true and false positive
    rates.

    A pair is declared "same person" when its distance is below the threshold, $d < \tau$ (the
    course's rule). Sweeping $\tau$ from below the smallest distance to above the largest
    trades false rejections for false acceptances:

    $$\text{TPR}(\tau) = \frac{\#\{\text{same}, d < \tau\}}{\#\{\text{same}\}}, \qquad
    \text{FPR}(\tau) = \frac{\#\{\text{different}, d < \tau\}}{\#\{\text{different}\}}.$$

    The thresholds are the smallest distance (nothing accepted), the midpoints between
    consecutive distinct distances, and $+\infty$ (everything accepted).

    Parameters
    ----------
    distances : ndarray, shape (n,)
        The distance of each pair, e.g. from
        [`pair_distances`][dl_notes.face_recognition.pair_distances].
    same : ndarray of bool, shape (n,)
        True where the pair shows one person; at least one True and one False.

    Returns
    -------
    fpr : ndarray, shape (k + 1,)
        False positive rates, from 0 up to 1 (k distinct distances).
    tpr : ndarray, shape (k + 1,)
        True positive rates, from 0 up to 1.
    thresholds : ndarray, shape (k + 1,)
        Increasing; `thresholds[j]` gives `fpr[j]` and `tpr[j]`.
    """
    distances, same = _check_scores(distances, same, "roc_curve")
    return _roc_curve(distances, same)


def _roc_curve(distances, same):
    order = np.argsort(distances, kind="stable")
    d, s = distances[order], same[order]
    ends = np.r_[np.flatnonzero(np.diff(d) > 0), len(d) - 1]  # last index of each distinct distance
    tp = np.cumsum(s)[ends]  # accepted same pairs once tau passes d[ends]
    fp = np.cumsum(~s)[ends]
    values = d[ends]  # the distinct distances, increasing
    thresholds = np.r_[values[0], (values[:-1] + values[1:]) / 2, np.inf]
    tpr = np.r_[0, tp] / s.sum()
    fpr = np.r_[0, fp] / (~s).sum()
    return fpr, tpr, thresholds


# --8<-- [end:roc_curve]


def roc_auc(fpr, tpr):
    r"""The area under a ROC curve, by the trapezoidal rule: 1 for perfect verification, 1/2
    for chance.

    It is also the probability that a random "same" pair is nearer than a random "different"
    pair (ties counting one half).

    Parameters
    ----------
    fpr, tpr : ndarray, shape (k,)
        From [`roc_curve`][dl_notes.face_recognition.roc_curve], `fpr` non-decreasing.

    Returns
    -------
    auc : float
        In [0, 1].
    """
    where = "roc_auc"
    fpr, tpr = as_array(fpr, "fpr", where), as_array(tpr, "tpr", where)
    check_ndim(fpr, 1, "fpr", where, "(k,)")
    check_same_shape(fpr, tpr, ("fpr", "tpr"), where)
    if np.any(np.diff(fpr) < 0):
        raise ValueError(f"{where}: fpr must be non-decreasing, as roc_curve returns it.")
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def verification_accuracy(distances, same, threshold):
    r"""The fraction of pairs judged right by the rule $d < \tau$.

    $$\text{accuracy} = \frac{1}{n} \sum_{k=1}^{n}
    \mathbb{1}\big[(d_k < \tau) = \text{same}_k\big]$$

    Parameters
    ----------
    distances : ndarray, shape (n,)
    same : ndarray of bool, shape (n,)
    threshold : float
        $\tau$.

    Returns
    -------
    accuracy : float
    """
    where = "verification_accuracy"
    distances, same = _check_scores(distances, same, where)
    _check_threshold(threshold, where)
    return float(np.mean((distances < threshold) == same))


def best_threshold(distances, same):
    r"""The threshold of highest verification accuracy on these pairs: choose it on validation
    pairs.

    Tries every threshold of [`roc_curve`][dl_notes.face_recognition.roc_curve] and keeps the
    one of highest accuracy,

    $$\tau^* = \arg\max_{\tau} \; \frac{n_{\text{same}}\,\text{TPR}(\tau)
    + n_{\text{diff}}\,(1 - \text{FPR}(\tau))}{n},$$

    the smallest on a tie. Accuracy weighs a false acceptance and a false rejection the same;
    a door that must keep strangers out would rather pick a threshold of low FPR on the curve.

    Parameters
    ----------
    distances : ndarray, shape (n,)
    same : ndarray of bool, shape (n,)
        At least one True and one False.

    Returns
    -------
    threshold : float
        $\tau^*$: a midpoint between two distances (or the smallest distance, or `inf`).
    accuracy : float
        The accuracy of $\tau^*$ on these pairs.
    """
    distances, same = _check_scores(distances, same, "best_threshold")
    fpr, tpr, thresholds = _roc_curve(distances, same)
    n_same, n_diff = same.sum(), (~same).sum()
    accuracy = (n_same * tpr + n_diff * (1 - fpr)) / len(same)
    best = int(np.argmax(accuracy))
    return float(thresholds[best]), float(accuracy[best])


def plot_roc(curves, ax=None, title=None, points=None):
    r"""ROC curves of verification, one per encoder, with their areas in the legend.

    Parameters
    ----------
    curves : dict of str to tuple
        Name -> `(fpr, tpr)` (or `(fpr, tpr, thresholds)`, as
        [`roc_curve`][dl_notes.face_recognition.roc_curve] returns it).
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    points : dict of str to tuple of 2 float, optional
        Label -> `(fpr, tpr)`: operating points to mark, such as the chosen threshold.

    Returns
    -------
    ax : matplotlib.axes.Axes
        One line per curve, the chance diagonal, and a marker per point.
    """
    import matplotlib.pyplot as plt

    where = "plot_roc"
    if not isinstance(curves, dict) or not curves:
        raise TypeError(
            f"{where}: curves must be a non-empty dict of name -> (fpr, tpr), but "
            f"{type(curves).__name__} was given."
        )
    ax = ax or plt.subplots(figsize=(4.2, 4.0))[1]
    for name, curve in curves.items():
        fpr, tpr = np.asarray(curve[0]), np.asarray(curve[1])
        ax.plot(fpr, tpr, lw=2, label=f"{name} (AUC {roc_auc(fpr, tpr):.3f})")
    ax.plot([0, 1], [0, 1], color="0.6", ls="--", lw=1, label="chance")
    for label, (x, y) in (points or {}).items():
        ax.plot([x], [y], "o", color="black", ms=6)
        ax.annotate(label, (x, y), xytext=(8, -12), textcoords="offset points", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_xlabel("false positive rate (strangers let in)")
    ax.set_ylabel("true positive rate (people let in)")
    ax.legend(loc="lower right", fontsize=8)
    if title:
        ax.set_title(title)
    return ax
