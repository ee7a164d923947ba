"""dl_notes.data.synthetic_vision.load_happy_dataset: the cartoon faces of Course 4's W1A2."""

import numpy as np
import pytest

from dl_notes.data import HAPPY_CLASSES, load_happy_dataset
from dl_notes.data import synthetic_vision as sv


@pytest.fixture(scope="module")
def happy():
    return load_happy_dataset()


def test_shapes_dtypes_and_classes(happy):
    X_train, Y_train, X_test, Y_test, classes = happy
    assert X_train.shape == (600, 64, 64, 3) and X_test.shape == (150, 64, 64, 3)
    assert Y_train.shape == (1, 600) and Y_test.shape == (1, 150)
    assert X_train.dtype == X_test.dtype == np.uint8
    assert Y_train.dtype == Y_test.dtype == np.int64
    assert set(np.unique(Y_train)) == set(np.unique(Y_test)) == {0, 1}
    assert classes.tolist() == HAPPY_CLASSES.tolist() == ["not smiling", "smiling"]
    mine = load_happy_dataset(n_train=2, n_test=2, size=32)[4]
    mine[0] = "changed"  # a copy: the constant is safe
    assert HAPPY_CLASSES[0] == "not smiling"
    # real images: pixels spread over the range, no two images alike
    assert X_train.min() < 30 and X_train.max() > 225 and X_train.std() > 30
    assert len({image.tobytes() for image in X_train}) == 600


def test_balanced_and_shuffled(happy):
    _, Y_train, _, Y_test, _ = happy
    assert Y_train.sum() == 300 and Y_test.sum() == 75
    runs = np.count_nonzero(np.diff(Y_train[0]))  # label changes along the set
    assert 200 < runs < 400, "shuffled, not sorted or alternating"
    _, Y_odd, _, Y_odd_test, _ = load_happy_dataset(n_train=7, n_test=3, size=32)
    assert (Y_odd.sum(), Y_odd_test.sum()) == (3, 1)  # m // 2 smiling


def test_seeded(happy):
    X_train, Y_train, X_test, Y_test, _ = load_happy_dataset(n_train=20, n_test=10, seed=3)
    again = load_happy_dataset(n_train=20, n_test=10, seed=3)
    assert np.array_equal(X_train, again[0]) and np.array_equal(Y_train, again[1])
    assert np.array_equal(X_test, again[2]) and np.array_equal(Y_test, again[3])
    other = load_happy_dataset(n_train=20, n_test=10, seed=4)
    assert not np.array_equal(X_train, other[0])
    generator = load_happy_dataset(n_train=20, n_test=10, seed=np.random.default_rng(3))
    assert np.array_equal(X_train, generator[0])  # a Generator with the same seed
    assert not np.array_equal(happy[0][:20], X_train)


def test_other_sizes():
    X_train, Y_train, X_test, Y_test, _ = load_happy_dataset(n_train=10, n_test=4, size=40)
    assert X_train.shape == (10, 40, 40, 3) and X_test.shape == (4, 40, 40, 3)
    assert Y_train.shape == (1, 10) and Y_test.shape == (1, 4)


def test_only_the_mouth_tells_the_classes_apart():
    rng = np.random.default_rng(0)
    y = np.zeros(40, np.int64)
    faces = sv._face_parameters(y, rng)
    assert np.all(faces["curve"] <= 0.05 * faces["mouth_w"])  # flat or turned down
    smiling = dict(faces, curve=0.6 * faces["mouth_w"])  # the same faces, smiling
    before, after = sv._draw_faces(faces, 64), sv._draw_faces(smiling, 64)
    changed = np.any(before != after, axis=3)  # (40, 64, 64)
    assert changed.any(axis=(1, 2)).all(), "every face changed"
    rows, cols = np.mgrid[0:64, 0:64] + 0.5
    for i in range(40):
        cx, cy = 64 * faces["cx"][i], 64 * faces["cy"][i]
        mx, my = cx + 64 * faces["mouth_x"][i], cy + 64 * faces["mouth_y"][i]
        w = 64 * faces["mouth_w"][i]
        near_mouth = (np.abs(cols - mx) <= w + 2) & (np.abs(rows - my) <= 0.9 * w + 4)
        assert not (changed[i] & ~near_mouth).any(), f"face {i} changed outside its mouth"
    # and the smiles' curves are the other way round
    labels = np.array([0, 1] * 50)
    curves = sv._face_parameters(labels, rng)["curve"]
    assert curves[labels == 1].min() > 0.3 * curves[labels == 1].max() > 0
    assert curves[labels == 0].max() < curves[labels == 1].min()


def test_the_classes_differ_most_around_the_mouth(happy):
    X_train, Y_train, *_ = happy
    gray = X_train.mean(axis=3) / 255
    difference = np.abs(gray[Y_train[0] == 1].mean(axis=0) - gray[Y_train[0] == 0].mean(axis=0))
    row, col = np.unravel_index(difference.argmax(), difference.shape)
    assert 34 <= row <= 54 and 20 <= col <= 44, (row, col)  # the faces' centres are near row 32
    assert difference.max() > 4 * np.median(difference)


def test_bad_input():
    with pytest.raises(ValueError, match=r"load_happy_dataset: size must be at least 32"):
        load_happy_dataset(size=16)
    with pytest.raises(ValueError, match=r"load_happy_dataset: n_train must be positive"):
        load_happy_dataset(n_train=0)
    with pytest.raises(TypeError, match=r"load_happy_dataset: n_test must be a whole number"):
        load_happy_dataset(n_test=1.5)
    with pytest.raises(TypeError, match=r"load_happy_dataset: seed must be an int"):
        load_happy_dataset(seed="zero")
