"""dl_notes.data.detection_scenes: shapes with boxes and classes, the stand-in for W3A1's photos."""

import numpy as np
import pytest

from dl_notes.data import detection_scenes as ds
from dl_notes.detection import iou_matrix


@pytest.fixture(scope="module")
def scenes():
    return ds.load_detection_scenes(200, 50, seed=0)


def test_shapes_dtypes_and_ranges(scenes):
    X, boxes, classes, X_test, boxes_test, classes_test = scenes
    assert X.shape == (200, 64, 64, 3) and X.dtype == np.float32
    assert X_test.shape == (50, 64, 64, 3)
    assert X.min() >= 0 and X.max() <= 1
    assert len(boxes) == len(classes) == 200 and len(boxes_test) == len(classes_test) == 50
    counts = np.array([len(b) for b in boxes])
    assert counts.min() >= 1 and counts.max() <= 4 and len(np.unique(counts)) == 4
    for b, c in zip(boxes + boxes_test, classes + classes_test):
        assert b.dtype == np.float32 and b.shape == (len(c), 4) and c.dtype == np.int64
        assert b.min() >= 0 and b.max() <= 64
        w, h = b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]
        assert w.min() >= 6 and h.min() >= 6 and w.max() <= 32 and h.max() <= 32
        if len(b) > 1:
            ious = iou_matrix(b, b)
            assert ious[~np.eye(len(b), dtype=bool)].max() <= 0.1
    all_classes = np.concatenate(classes)
    assert set(all_classes.tolist()) == {0, 1, 2, 3}
    assert np.bincount(all_classes).min() > 0.15 * len(all_classes)  # about a quarter each
    wh = np.concatenate(boxes)
    aspect = (wh[:, 2] - wh[:, 0]) / (wh[:, 3] - wh[:, 1])
    assert aspect.min() < 0.6 and aspect.max() > 1.7, "varied box shapes"


def test_shapes_are_drawn_inside_their_boxes(scenes):
    """A rectangle fills its box with one shaded colour, far from the background outside it."""
    X, boxes, classes = scenes[:3]
    checked = 0
    for image, b, c in zip(X, boxes, classes):
        for k, (x1, y1, x2, y2) in enumerate(b.astype(int)):
            if c[k] != 1:
                continue
            others = np.delete(b, k, axis=0)
            if len(others) and iou_matrix(b[k : k + 1], others).max() > 0:
                continue  # covered in part by another shape
            inside = image[y1:y2, x1:x2].reshape(-1, 3)
            assert inside.std(axis=0).max() < 0.12
            checked += 1
    assert checked > 20
    # the centre pixel of every ellipse and cross differs from the pixel just outside its box
    ellipse_or_cross = 0
    for image, b, c in zip(X, boxes, classes):
        for k, (x1, y1, x2, y2) in enumerate(b.astype(int)):
            if c[k] in (0, 3) and len(b) == 1 and y1 > 0:
                centre = image[(y1 + y2) // 2, (x1 + x2) // 2]
                corner = image[y1, x1]  # a corner pixel of the box: background for both shapes
                assert np.abs(centre - corner).mean() > 0.15
                ellipse_or_cross += 1
    assert ellipse_or_cross > 5


def test_seeded_and_split():
    a = ds.load_detection_scenes(10, 5, seed=3)
    b = ds.load_detection_scenes(10, 5, seed=3)
    np.testing.assert_array_equal(a[0], b[0])
    for x, y in zip(a[1] + a[4], b[1] + b[4]):
        np.testing.assert_array_equal(x, y)
    c = ds.load_detection_scenes(10, 5, seed=4)
    assert not np.array_equal(a[0], c[0])
    assert not np.array_equal(a[0][:5], a[3]), "the test scenes are not the training scenes"
    X, boxes, classes = ds.draw_detection_scenes(3, size=48, max_objects=2, seed=0)
    assert X.shape == (3, 48, 48, 3) and all(1 <= len(b) <= 2 for b in boxes)
    state = np.random.get_state()[1].copy()
    ds.load_detection_scenes(2, 1, seed=None)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # the global RNG is untouched


def test_bad_input():
    with pytest.raises(ValueError, match="load_detection_scenes: size must be at least 32 pixels"):
        ds.load_detection_scenes(size=16)
    with pytest.raises(ValueError, match="n_train must be positive"):
        ds.load_detection_scenes(n_train=0)
    with pytest.raises(TypeError, match="max_objects must be a whole number"):
        ds.draw_detection_scenes(3, max_objects=2.5)
    with pytest.raises(TypeError, match="seed must be an int"):
        ds.draw_detection_scenes(3, seed="a")
