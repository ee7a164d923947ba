r"""Image sets made here from real images: digits placed in larger frames, labels per attribute.

Taught in: Course 3, [week 2](../../course3/week2.md#transfer-learning): the labs
[W2 · Transfer learning](../../course3/labs/w2-transfer-learning.ipynb) and
[W2 · Multi-task learning](../../course3/labs/w2-multitask-learning.ipynb). What each set
stands in for is on the [data page](../data.md).

The course teaches transfer and multi-task learning in lectures only. To measure them, the
labs make harder images and richer labels out of the handwritten digits of
[`load_mnist_digits`][dl_notes.data.images.load_mnist_digits]:

| step | function |
|---|---|
| make the images harder: each digit at a random place in a larger frame | [`place_digits`][dl_notes.data.synthetic_vision.place_digits] |
| several yes/no labels per image ("even", "at least 5", ...) | [`digit_attributes`][dl_notes.data.synthetic_vision.digit_attributes], [`ATTRIBUTES`][dl_notes.data.synthetic_vision.ATTRIBUTES] |
| remove some labels, as when nobody labelled them | [`hide_labels`][dl_notes.data.synthetic_vision.hide_labels] |
| a small training set with the same number of images of each class | [`balanced_subset`][dl_notes.data.synthetic_vision.balanced_subset] |

Everything here is NumPy: the arrays are laid out as Keras wants them (examples in rows,
a channel axis last), but making them needs no TensorFlow. Every random choice takes a
seed and nothing touches NumPy's global generator. The detection and segmentation sets of
Course 4 (shapes with boxes and masks) will live here too.

| name | shape | dtype |
|---|---|---|
| `X_train_orig` (from `load_mnist_digits`) | `(m, 28, 28)` | uint8 |
| `X` from `place_digits(X_train_orig, size=36)` | `(m, 36, 36, 1)` | float32 in [0, 1] |
| `Y` from `digit_attributes(Y_train_orig)` | `(m, 4)` | float32: 0, 1, or `nan` after `hide_labels` |
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, as_rng, check_interval, check_positive

__all__ = [
    "ATTRIBUTES",
    "place_digits",
    "digit_attributes",
    "hide_labels",
    "balanced_subset",
]

ATTRIBUTES = {
    "even": (0, 2, 4, 6, 8),
    "at least 5": (5, 6, 7, 8, 9),
    "closed loop": (0, 6, 8, 9),
    "prime": (2, 3, 5, 7),
}
"""The four yes/no questions asked about a digit: question -> the digits answered yes.

"closed loop" follows the usual handwriting, in which 4 is written open.
"""


# --8<-- [start:data]
def place_digits(X_orig, size=36, seed=0):
    r"""Put each 28x28 digit at a random position in a larger black frame, and scale to [0, 1].

    MNIST digits are centred, so their raw pixels already line up from one image to the next,
    and a network fits them well from a handful of examples. In photos the object can be
    anywhere. Shifting each digit by a random offset of up to `size - 28` pixels in each
    direction (uniform, independently for rows and columns) makes the pixels alone a much
    weaker clue: the network has to learn features that find strokes wherever they are.

    Parameters
    ----------
    X_orig : ndarray, shape (m, 28, 28)
        Images with pixels in 0..255, e.g. `X_train_orig` from
        [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits].
    size : int, default 36
        Side of the frame, at least 28 (28 returns the digits where they are).
    seed : int or numpy.random.Generator or None, default 0
        Seed of the offsets.

    Returns
    -------
    X : ndarray of float32, shape (m, size, size, 1)
        The framed images, pixels in [0, 1], with the channel axis Keras convolutions expect.

    Examples
    --------
    >>> X = place_digits(np.full((2, 28, 28), 255, np.uint8), size=30, seed=0)
    >>> X.shape, float(X.sum(axis=(1, 2, 3))[0]) == 28 * 28
    ((2, 30, 30, 1), True)
    """
    where = "place_digits"
    X_orig = as_array(X_orig, "X_orig", where)
    if X_orig.ndim != 3 or X_orig.shape[1:] != (28, 28):
        raise ValueError(f"{where}: X_orig must have shape (m, 28, 28), but it has shape {X_orig.shape}.")
    check_positive(size, "size", where, integer=True)
    size = int(size)
    if size < 28:
        raise ValueError(f"{where}: size must be at least 28 (the side of a digit), but {size} was given.")
    rng = as_rng(seed, where)
    m = X_orig.shape[0]
    top, left = rng.integers(0, size - 28 + 1, size=(2, m))
    rows = top[:, None, None] + np.arange(28)[None, :, None]        # (m, 28, 1)
    cols = left[:, None, None] + np.arange(28)[None, None, :]       # (m, 1, 28)
    X = np.zeros((m, size, size), np.float32)
    X[np.arange(m)[:, None, None], rows, cols] = X_orig / 255.0
    return X[..., None]


def digit_attributes(Y_orig, attributes=None):
    r"""Several yes/no labels per digit: one column per question of `attributes`.

    Like the course's road images labelled for pedestrian, car, stop sign and traffic light at
    once, each digit gets $n_y$ binary labels:

    $$Y_{ij} = \mathbb{1}\big[\text{digit}^{(i)} \in S_j\big], \qquad j = 1, \dots, n_y,$$

    where $S_j$ is the set of digits for which question $j$ is answered yes.

    Parameters
    ----------
    Y_orig : ndarray of int, shape (1, m) or (m,)
        Digits 0..9, e.g. `Y_train_orig` from [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits].
    attributes : dict of str to iterable of int, optional
        Question name -> digits answered yes. Default [`ATTRIBUTES`][dl_notes.data.synthetic_vision.ATTRIBUTES]:
        even, at least 5, closed loop (0, 6, 8, 9), prime.

    Returns
    -------
    Y : ndarray of float32, shape (m, n_y)
        0 or 1; column `j` answers the `j`-th question of `attributes`.

    Examples
    --------
    >>> digit_attributes(np.array([[0, 7]]))
    array([[1., 0., 1., 0.],
           [0., 1., 0., 1.]], dtype=float32)
    """
    where = "digit_attributes"
    attributes = ATTRIBUTES if attributes is None else attributes
    if not isinstance(attributes, dict) or not attributes:
        raise TypeError(
            f"{where}: attributes must be a non-empty dict of question name -> digits, such as "
            f"{{'even': (0, 2, 4, 6, 8)}}, but {attributes!r} was given."
        )
    Y_orig = np.asarray(Y_orig)
    if Y_orig.ndim == 2 and Y_orig.shape[0] == 1:
        Y_orig = Y_orig[0]
    if Y_orig.ndim != 1:
        raise ValueError(f"{where}: Y_orig must have shape (1, m) or (m,), but it has shape {Y_orig.shape}.")
    if Y_orig.dtype.kind not in "ui" or (Y_orig.size and not 0 <= Y_orig.min() <= Y_orig.max() <= 9):
        raise ValueError(f"{where}: Y_orig must hold integer digits 0..9, but it holds {np.unique(Y_orig)[:10]}.")
    return np.stack([np.isin(Y_orig, list(digits)) for digits in attributes.values()], axis=1).astype(np.float32)


def hide_labels(Y, fraction, seed=0):
    r"""A copy of `Y` with a random `fraction` of its entries replaced by `nan` ("not labelled").

    Each entry is hidden independently with probability `fraction`, so an image may keep all
    its labels, some of them, or none.

    Parameters
    ----------
    Y : ndarray, shape (m, n_y)
        Labels 0 or 1.
    fraction : float
        Probability of hiding each label, in [0, 1).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    Y_missing : ndarray of float32, shape (m, n_y)
        `Y` with `nan` where a label is hidden.
    """
    where = "hide_labels"
    Y = as_array(Y, "Y", where)
    if Y.ndim != 2:
        raise ValueError(f"{where}: Y must have shape (m, n_y), one row per example, but it has shape {Y.shape}.")
    check_interval(fraction, "fraction", where, 0, 1)
    rng = as_rng(seed, where)
    Y_missing = Y.astype(np.float32)
    Y_missing[rng.random(Y.shape) < fraction] = np.nan
    return Y_missing


def balanced_subset(y, n_per_class, seed=0):
    r"""Indices of a random training subset with `n_per_class` examples of every class of `y`.

    Parameters
    ----------
    y : ndarray of int, shape (m,) or (1, m)
        Class labels.
    n_per_class : int
        How many examples of each class to draw (without replacement).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    idx : ndarray of int, shape (n_classes * n_per_class,)
        Positions in `y`, shuffled (not grouped by class).

    Examples
    --------
    >>> idx = balanced_subset(np.array([0, 0, 1, 1, 1, 2, 2]), 2)
    >>> sorted(np.array([0, 0, 1, 1, 1, 2, 2])[idx].tolist())
    [0, 0, 1, 1, 2, 2]
    """
    where = "balanced_subset"
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == 1:
        y = y[0]
    if y.ndim != 1 or y.dtype.kind not in "ui":
        raise ValueError(f"{where}: y must be integer labels of shape (m,) or (1, m), but it has shape "
                         f"{y.shape} and dtype {y.dtype}.")
    check_positive(n_per_class, "n_per_class", where, integer=True)
    classes, counts = np.unique(y, return_counts=True)
    if counts.min() < n_per_class:
        raise ValueError(
            f"{where}: class {classes[counts.argmin()]} has only {counts.min()} examples, fewer than "
            f"n_per_class={n_per_class}."
        )
    rng = as_rng(seed, where)
    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), int(n_per_class), replace=False) for c in classes])
    return rng.permutation(idx)
# --8<-- [end:data]
