"""dl_notes.data.segmentation_scenes: shapes, seeds, and masks that describe their images."""

import numpy as np
import pytest

from dl_notes.data.segmentation_scenes import (
    SCENE_CLASSES,
    SCENE_COLOURS,
    draw_scenes,
    load_segmentation_scenes,
)

SKY, ROAD, LANE, ROADSIDE, VEHICLE, POLE = range(6)


@pytest.fixture(scope="module")
def scenes():
    return draw_scenes(60, size=(48, 64), seed=3)


def test_shapes_dtypes_and_ranges():
    X_train, Y_train, X_test, Y_test, classes = load_segmentation_scenes(12, 5, size=(32, 48))
    assert X_train.shape == (12, 32, 48, 3) and X_test.shape == (5, 32, 48, 3)
    assert Y_train.shape == (12, 32, 48) and Y_test.shape == (5, 32, 48)
    assert X_train.dtype == np.float32 and Y_train.dtype == np.uint8
    assert 0 <= X_train.min() and X_train.max() <= 1
    assert Y_train.max() < len(SCENE_CLASSES) == len(classes) == len(SCENE_COLOURS) == 6
    assert classes == SCENE_CLASSES and classes[VEHICLE] == "vehicle"


def test_same_seed_same_scenes_and_the_sets_differ():
    a = load_segmentation_scenes(6, 3, size=(32, 32), seed=7)
    b = load_segmentation_scenes(6, 3, size=(32, 32), seed=7)
    c = load_segmentation_scenes(6, 3, size=(32, 32), seed=8)
    for x, y in zip(a[:4], b[:4]):
        assert np.array_equal(x, y)
    assert not np.array_equal(a[0], c[0])
    assert not any(np.array_equal(a[1][i], a[3][j]) for i in range(6) for j in range(3))
    state = np.random.get_state()[1].copy()
    draw_scenes(2, seed=None)
    assert np.array_equal(np.random.get_state()[1], state)  # the global generator is untouched


def test_every_class_occurs_and_the_big_ones_dominate(scenes):
    _, Y = scenes
    share = np.bincount(Y.ravel(), minlength=6) / Y.size
    assert np.all(share > 0)
    assert share[[SKY, ROAD, ROADSIDE]].sum() > 0.8  # unbalanced, as in a real frame
    assert share[LANE] < 0.05 and share[POLE] < 0.05
    assert np.all((Y == VEHICLE).any(axis=(1, 2)))  # 1 to 3 vehicles in every scene


def test_sky_is_above_the_ground_in_every_column(scenes):
    _, Y = scenes
    rows = np.arange(Y.shape[1])[None, :, None]
    sky_bottom = np.where(Y == SKY, rows, -1).max(axis=1)  # (m, n_W)
    ground_top = np.where(np.isin(Y, (ROAD, LANE, ROADSIDE)), rows, 10**6).min(axis=1)
    assert np.all(sky_bottom < ground_top)


def test_masks_describe_their_images(scenes):
    X, Y = scenes
    brightness = X.mean(axis=-1)
    for i in range(len(X)):
        road, lane = brightness[i][Y[i] == ROAD], brightness[i][Y[i] == LANE]
        if lane.size:
            assert lane.mean() > 1.2 * road.mean()  # lane markings are painted bright
    # pixels of one class look alike; across a class boundary they change
    same = Y[:, :, 1:] == Y[:, :, :-1]
    step = np.abs(X[:, :, 1:] - X[:, :, :-1]).sum(axis=-1)
    assert step[~same].mean() > 3 * step[same].mean()
    # the road is one region that widens towards the camera
    road_width = (Y == ROAD).sum(axis=2) + (Y == LANE).sum(axis=2)  # (m, n_H)
    assert np.all(road_width[:, -1] >= road_width[:, Y.shape[1] // 2])


def test_bad_input():
    with pytest.raises(ValueError, match=r"load_segmentation_scenes: size must be \(n_H, n_W\)"):
        load_segmentation_scenes(size=(8, 64))
    with pytest.raises(ValueError, match=r"draw_scenes: size must be \(n_H, n_W\), two ints"):
        draw_scenes(2, size=64)
    with pytest.raises(ValueError, match=r"load_segmentation_scenes: n_train must be positive"):
        load_segmentation_scenes(0)
    with pytest.raises(TypeError, match=r"draw_scenes: m must be a whole number"):
        draw_scenes(2.5)
    with pytest.raises(TypeError, match=r"draw_scenes: seed must be an int"):
        draw_scenes(2, seed="one")
