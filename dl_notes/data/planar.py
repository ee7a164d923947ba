r"""Two-dimensional data sets: the planar "flower" and scikit-learn's generated sets.

Taught in: Course 1, [week 3](../../course1/week3.md) (the flower and the extra sets of the
[planar classification lab](../../course1/labs/w3a1-planar-classification.ipynb)); Course 2,
[week 1](../../course2/week1.md) (the
[initialization](../../course2/labs/w1a1-initialization.ipynb) and
[regularization](../../course2/labs/w1a2-regularization.ipynb) labs) and
[week 2](../../course2/week2.md) (the
[optimization lab](../../course2/labs/w2a1-optimization.ipynb)). What each set stands in for is on
the [data page](../data.md).

Each set is two features and two classes that no straight line separates, returned in the
course's layout: `X` of shape `(2, m)`, one point per column, and `Y` of shape `(1, m)`.
The flower is generated here with NumPy, as the course generates it; the others come from
scikit-learn's generators (BSD-3-Clause), called with `random_state=seed`, so nothing
touches NumPy's global generator.

| loader | lab | from |
|---|---|---|
| [`load_planar_dataset`][dl_notes.data.planar.load_planar_dataset] | Course 1, W3A1 | NumPy, as the course generates it |
| [`load_extra_datasets`][dl_notes.data.planar.load_extra_datasets] | Course 1, W3A1 ("try other data") | scikit-learn generators |
| [`load_circles_dataset`][dl_notes.data.planar.load_circles_dataset] | Course 2, W1A1 | scikit-learn `make_circles` |
| [`load_regularization_dataset`][dl_notes.data.planar.load_regularization_dataset] | Course 2, W1A2 | scikit-learn `make_moons`, noise 0.3 |
| [`load_moons_dataset`][dl_notes.data.planar.load_moons_dataset] | Course 2, W2A1 | scikit-learn `make_moons` |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_rng, check_positive, check_seed
from dl_notes.data._common import _check_generator_args, _require

__all__ = [
    "load_planar_dataset",
    "load_extra_datasets",
    "load_circles_dataset",
    "load_regularization_dataset",
    "load_moons_dataset",
]


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
    where = "load_planar_dataset"
    check_positive(m, "m", where, integer=True)
    if m % 2:
        raise ValueError(f"{where}: m must be even (two equal classes), but {m} was given.")
    rng = as_rng(seed, where)
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
    where = "load_extra_datasets"
    check_positive(m, "m", where, integer=True)
    seed = check_seed(seed, where, why="scikit-learn's random_state")
    sk = _require("sklearn.datasets", "scikit-learn")
    raw = {
        "noisy_circles": sk.make_circles(n_samples=m, factor=0.5, noise=0.3, random_state=seed),
        "noisy_moons": sk.make_moons(n_samples=m, noise=0.2, random_state=seed),
        "blobs": sk.make_blobs(n_samples=m, random_state=seed + 2, n_features=2, centers=6),
        "gaussian_quantiles": sk.make_gaussian_quantiles(
            mean=None,
            cov=0.5,
            n_samples=m,
            n_features=2,
            n_classes=2,
            shuffle=True,
            random_state=seed,
        ),
    }
    return {name: (X.T, (y % 2).reshape(1, -1)) for name, (X, y) in raw.items()}


# --8<-- [start:load_circles_dataset]
def load_circles_dataset(n_train=300, n_test=100, noise=0.05, seed=1):
    r"""Two noisy concentric circles, split into train and test sets: the initialization lab (Course
    2, W1A1).

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
    seed = _check_generator_args(
        "load_circles_dataset", "make_circles", {"n_train": n_train, "n_test": n_test}, noise, seed
    )
    sk = _require("sklearn.datasets", "scikit-learn")
    train_X, train_y = sk.make_circles(
        n_samples=int(n_train), noise=float(noise), random_state=seed
    )
    test_X, test_y = sk.make_circles(
        n_samples=int(n_test), noise=float(noise), random_state=seed + 1
    )
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)


# --8<-- [end:load_circles_dataset]


# --8<-- [start:load_regularization_dataset]
def load_regularization_dataset(n_train=150, n_test=1000, noise=0.3, seed=1):
    r"""A small, noisy 2-D set on which an unregularized network overfits: the regularization lab
    (Course 2, W1A2).

    The course's lab uses 211 training and 200 test positions on a football field (where the
    goalkeeper kicked the ball, labelled by which team headed it), stored in a `.mat` file that
    is not available here. This substitute keeps what the lab needs from it: two features, two
    classes separated by a curved boundary, classes that overlap so that some labels look like
    noise, and so few training points that a network fitting them all draws a jagged boundary.
    It is scikit-learn's two interleaving half-moons with heavy Gaussian noise (standard
    deviation `noise` = 0.3 on each coordinate, against 0.2 in the optimization lab's
    [`load_moons_dataset`][dl_notes.data.planar.load_moons_dataset]).

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
    seed = _check_generator_args(
        "load_regularization_dataset",
        "make_moons",
        {"n_train": n_train, "n_test": n_test},
        noise,
        seed,
    )
    sk = _require("sklearn.datasets", "scikit-learn")
    train_X, train_y = sk.make_moons(n_samples=int(n_train), noise=float(noise), random_state=seed)
    test_X, test_y = sk.make_moons(n_samples=int(n_test), noise=float(noise), random_state=seed + 1)
    return train_X.T, train_y.reshape(1, -1), test_X.T, test_y.reshape(1, -1)


# --8<-- [end:load_regularization_dataset]


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
    seed = _check_generator_args("load_moons_dataset", "make_moons", {"n": n}, noise, seed)
    sk = _require("sklearn.datasets", "scikit-learn")
    X, y = sk.make_moons(n_samples=int(n), noise=float(noise), random_state=seed)
    return X.T, y.reshape(1, -1)


# --8<-- [end:load_moons_dataset]
