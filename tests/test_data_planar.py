"""dl_notes.data.planar: the flower, the extra data sets, circles and the regularization
moons: shapes in the course's format, seeding, balance, disjoint splits, bad arguments, and the
missing optional package named in the message."""

import builtins
import sys

import numpy as np
import pytest

from dl_notes import data


def _points(X):
    return {tuple(np.round(x, 12)) for x in X.T}


def test_planar_dataset():
    X, Y = data.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.sum() == 200
    assert np.abs(X).max() < 6
    with pytest.raises(ValueError, match="m must be even"):
        data.load_planar_dataset(m=401)


def test_extra_datasets():
    sets = data.load_extra_datasets()
    assert sorted(sets) == ["blobs", "gaussian_quantiles", "noisy_circles", "noisy_moons"]
    for X, Y in sets.values():
        assert X.shape == (2, 200) and Y.shape == (1, 200) and set(np.unique(Y)) == {0, 1}


def test_load_circles_dataset_shapes_and_balance():
    train_X, train_Y, test_X, test_Y = data.load_circles_dataset()
    assert train_X.shape == (2, 300) and train_Y.shape == (1, 300)
    assert test_X.shape == (2, 100) and test_Y.shape == (1, 100)
    assert train_X.dtype == np.float64 and np.issubdtype(train_Y.dtype, np.integer)
    assert set(np.unique(train_Y)) == set(np.unique(test_Y)) == {0, 1}
    assert train_Y.sum() == 150 and test_Y.sum() == 50  # make_circles: half and half
    radius = np.hypot(*train_X)
    assert radius[train_Y[0] == 1].mean() < radius[train_Y[0] == 0].mean()  # label 1: inner circle
    assert np.abs(radius[train_Y[0] == 1].mean() - 0.8) < 0.02
    assert np.abs(radius[train_Y[0] == 0].mean() - 1.0) < 0.02


def test_load_circles_dataset_is_the_courses_and_seeded():
    sk = pytest.importorskip("sklearn.datasets")
    train_X, train_Y, test_X, test_Y = data.load_circles_dataset()
    state = np.random.get_state()
    try:  # the course: np.random.seed(1) / (2), then make_circles
        np.random.seed(1)
        course_train = sk.make_circles(n_samples=300, noise=0.05)
        np.random.seed(2)
        course_test = sk.make_circles(n_samples=100, noise=0.05)
    finally:
        np.random.set_state(state)
    assert np.array_equal(train_X, course_train[0].T) and np.array_equal(
        train_Y[0], course_train[1]
    )
    assert np.array_equal(test_X, course_test[0].T) and np.array_equal(test_Y[0], course_test[1])
    again = data.load_circles_dataset()
    assert all(np.array_equal(a, b) for a, b in zip(again, (train_X, train_Y, test_X, test_Y)))
    other = data.load_circles_dataset(seed=5)
    assert not np.array_equal(other[0], train_X)


def test_load_circles_dataset_splits_are_disjoint_and_sizes_follow_arguments():
    train_X, _, test_X, _ = data.load_circles_dataset()
    assert not _points(train_X) & _points(test_X)
    tr_X, tr_Y, te_X, te_Y = data.load_circles_dataset(n_train=50, n_test=21, noise=0.0, seed=7)
    assert (
        tr_X.shape == (2, 50) and te_Y.shape == (1, 21) and te_Y.sum() == 11
    )  # n // 2 outer, the rest inner
    assert np.allclose(np.hypot(*tr_X)[tr_Y[0] == 0], 1.0)  # noise 0: on the circles


def test_load_circles_dataset_rejects_bad_arguments():
    with pytest.raises(ValueError, match="noise must be a number >= 0"):
        data.load_circles_dataset(noise=-0.1)
    with pytest.raises(TypeError, match="seed must be an int"):
        data.load_circles_dataset(seed=1.5)
    with pytest.raises((TypeError, ValueError), match="n_train"):
        data.load_circles_dataset(n_train=0)


def test_load_regularization_dataset_shapes_balance_and_seeding():
    train_X, train_Y, test_X, test_Y = data.load_regularization_dataset()
    assert train_X.shape == (2, 150) and train_Y.shape == (1, 150)
    assert test_X.shape == (2, 1000) and test_Y.shape == (1, 1000)
    assert train_X.dtype == np.float64 and np.issubdtype(train_Y.dtype, np.integer)
    assert train_Y.sum() == 75 and test_Y.sum() == 500  # half and half
    again = data.load_regularization_dataset()
    assert all(np.array_equal(a, b) for a, b in zip(again, (train_X, train_Y, test_X, test_Y)))
    other = data.load_regularization_dataset(seed=2)
    assert not np.array_equal(other[0], train_X)
    assert np.array_equal(other[0], data.load_regularization_dataset(seed=2)[0])
    assert not _points(train_X) & _points(test_X)  # disjoint train and test


def test_load_regularization_dataset_is_noisy_and_not_linearly_separable():
    train_X, train_Y, _, _ = data.load_regularization_dataset(n_train=2000)
    y = train_Y[0]
    # the moons' centres of mass are apart (learnable) ...
    assert np.linalg.norm(train_X[:, y == 0].mean(axis=1) - train_X[:, y == 1].mean(axis=1)) > 0.8
    # ... but noise 0.3 makes the classes overlap: a
    # point's nearest other point often has the other label
    sample = train_X[:, :400]
    d = np.linalg.norm(sample[:, :, None] - sample[:, None, :], axis=0)
    np.fill_diagonal(d, np.inf)
    disagree = np.mean(y[:400] != y[:400][d.argmin(axis=1)])
    assert 0.05 < disagree < 0.3
    # and no straight line separates them: the best least-squares line misclassifies many points
    A = np.vstack([train_X, np.ones(2000)]).T
    w = np.linalg.lstsq(A, 2.0 * y - 1, rcond=None)[0]
    assert np.mean((A @ w > 0) != (y == 1)) > 0.1


def test_load_regularization_dataset_rejects_bad_arguments():
    with pytest.raises(ValueError, match="noise must be a number >= 0"):
        data.load_regularization_dataset(noise=-1)
    with pytest.raises(TypeError, match="seed must be an int"):
        data.load_regularization_dataset(seed="1")
    with pytest.raises((TypeError, ValueError), match="n_test"):
        data.load_regularization_dataset(n_test=-5)


def test_course2_loaders_name_the_missing_package(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError("No module named 'sklearn'")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.startswith("sklearn")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    for loader in (data.load_circles_dataset, data.load_regularization_dataset):
        with pytest.raises(
            ImportError, match=r"needs the 'scikit-learn' package.*pip install scikit-learn"
        ):
            loader()
