"""dl_notes.data.identities: made-up people, many photos each, for W4A1's face recognition."""

import numpy as np
import pytest

from dl_notes.data import identities as ids
from dl_notes.face_recognition import pairwise_distances


@pytest.fixture(scope="module")
def sets():
    return ids.load_identities_dataset((30, 10, 12), (6, 5, 4), size=32, seed=0)


def test_shapes_dtypes_and_disjoint_people(sets):
    X_train, y_train, X_val, y_val, X_test, y_test = sets
    assert X_train.shape == (180, 32, 32, 3) and X_val.shape == (50, 32, 32, 3)
    assert X_test.shape == (48, 32, 32, 3)
    assert X_train.dtype == X_val.dtype == X_test.dtype == np.uint8
    assert y_train.dtype == y_val.dtype == y_test.dtype == np.int64
    assert set(y_train) == set(range(30)) and set(y_val) == set(range(30, 40))
    assert set(y_test) == set(range(40, 52))
    assert (
        np.bincount(y_train).tolist() == [6] * 30 and np.bincount(y_test)[40:].tolist() == [4] * 12
    )
    assert np.count_nonzero(np.diff(y_train)) > 100, "shuffled, not grouped by person"
    # real photos: pixels spread over the range, no two alike
    assert X_train.min() < 30 and X_train.max() > 225 and X_train.std() > 30
    assert len({image.tobytes() for image in X_train}) == 180


def test_seeded(sets):
    again = ids.load_identities_dataset((30, 10, 12), (6, 5, 4), size=32, seed=0)
    for a, b in zip(sets, again):
        np.testing.assert_array_equal(a, b)
    other = ids.load_identities_dataset((30, 10, 12), (6, 5, 4), size=32, seed=1)
    assert not np.array_equal(other[0], sets[0])
    state = np.random.get_state()[1].copy()
    ids.draw_faces(ids.make_identities(3, seed=2), np.array([0, 1, 2]), seed=2)
    np.testing.assert_array_equal(np.random.get_state()[1], state)  # the global RNG untouched


def test_photos_of_one_person_are_alike_but_not_identical():
    """Same person: nearer in pixels than two people, on average, though every photo differs."""
    people = ids.make_identities(40, seed=5)
    y = np.repeat(np.arange(40), 6)
    X = ids.draw_faces(people, y, size=32, seed=6).reshape(len(y), -1).astype(float) / 255
    D = pairwise_distances(X)  # (240, 240)
    same = (y[:, None] == y[None]) & ~np.eye(len(y), dtype=bool)
    within, between = D[same].mean(), D[y[:, None] != y[None]].mean()
    assert within < 0.9 * between, (within, between)
    assert D[same].min() > 1.0, "no two photos of a person are (nearly) the same"
    # the face itself (the centre of the photo, not the background) is where people differ
    centre = X.reshape(-1, 32, 32, 3)[:, 10:22, 10:22].reshape(len(y), -1)
    Dc = pairwise_distances(centre)
    assert Dc[same].mean() < 0.8 * Dc[y[:, None] != y[None]].mean()


def test_a_person_keeps_their_features_across_photos():
    people = ids.make_identities(2, seed=0)
    X = ids.draw_faces(people, np.array([0, 0, 1]), size=40, seed=0)
    assert X.shape == (3, 40, 40, 3)
    # the same identity, drawn with the same photo seed, is the same photo
    again = ids.draw_faces(people, np.array([0, 0, 1]), size=40, seed=0)
    np.testing.assert_array_equal(X, again)
    assert not np.array_equal(X[0], X[1])
    assert set(people) >= {"face_r", "skin", "hair_colour", "eye_dx", "nose_l", "mouth_w"}
    assert people["skin"].shape == (2, 3) and people["eye_dx"].shape == (2,)


def test_bad_input():
    people = ids.make_identities(3)
    with pytest.raises(ValueError, match="n_identities must be three ints of at least 2"):
        ids.load_identities_dataset((10, 1, 5))
    with pytest.raises(ValueError, match="n_per_identity must be three ints"):
        ids.load_identities_dataset(n_per_identity=5)
    with pytest.raises(ValueError, match="size must be at least 24 pixels"):
        ids.load_identities_dataset(size=16)
    with pytest.raises(ValueError, match="must hold identities 0 to 2"):
        ids.draw_faces(people, np.array([0, 3]))
    with pytest.raises(ValueError, match=r"y must be a 1-D array of integer identities"):
        ids.draw_faces(people, np.array([[0, 1]]))
    with pytest.raises(TypeError, match="identities must be the dict that make_identities"):
        ids.draw_faces([1, 2], np.array([0]))
    with pytest.raises(ValueError, match="size must be at least 24"):
        ids.draw_faces(people, np.array([0]), size=20)
    with pytest.raises(TypeError, match="n_identities must be a whole number"):
        ids.make_identities(2.5)
    with pytest.raises(TypeError, match="seed must be an int"):
        ids.make_identities(2, seed="a")
