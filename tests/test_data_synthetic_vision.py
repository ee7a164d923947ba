"""dl_notes.data.synthetic_vision: digits placed in larger frames, attribute labels, hidden labels,
balanced subsets."""

import numpy as np
import pytest

from dl_notes.data import synthetic_vision as sv

nan = np.nan


def test_digit_attributes_by_hand():
    Y = sv.digit_attributes(np.arange(10)[None, :])
    assert Y.shape == (10, 4) and Y.dtype == np.float32
    assert list(sv.ATTRIBUTES) == ["even", "at least 5", "closed loop", "prime"]
    expected = {  # digit: even, at least 5, closed loop, prime
        0: (1, 0, 1, 0),
        1: (0, 0, 0, 0),
        2: (1, 0, 0, 1),
        3: (0, 0, 0, 1),
        4: (1, 0, 0, 0),
        5: (0, 1, 0, 1),
        6: (1, 1, 1, 0),
        7: (0, 1, 0, 1),
        8: (1, 1, 1, 0),
        9: (0, 1, 1, 0),
    }
    assert {d: tuple(int(v) for v in Y[d]) for d in range(10)} == expected
    # a 1-D input and a custom question
    np.testing.assert_array_equal(
        sv.digit_attributes(np.array([3, 1]), {"odd": (1, 3, 5, 7, 9)}), [[1], [1]]
    )


def test_digit_attributes_bad_input():
    with pytest.raises(ValueError, match=r"digit_attributes: Y_orig must hold integer digits 0..9"):
        sv.digit_attributes(np.array([[1, 12]]))
    with pytest.raises(ValueError, match=r"digit_attributes: Y_orig must hold integer digits 0..9"):
        sv.digit_attributes(np.array([[1.0, 2.0]]))
    with pytest.raises(
        ValueError, match=r"Y_orig must have shape \(1, m\) or \(m,\), but it has shape \(2, 2\)"
    ):
        sv.digit_attributes(np.zeros((2, 2), int))
    with pytest.raises(TypeError, match="attributes must be a non-empty dict"):
        sv.digit_attributes(np.array([1]), attributes=[(1, 2)])


def test_hide_labels():
    Y = sv.digit_attributes(np.arange(10).repeat(100))
    hidden = sv.hide_labels(Y, 0.3, seed=0)
    missing = np.isnan(hidden)
    assert hidden.shape == Y.shape and hidden.dtype == np.float32
    assert 0.27 < missing.mean() < 0.33  # 4,000 draws at p = 0.3
    assert (hidden[~missing] == Y[~missing]).all(), "what is kept is unchanged"
    assert not np.isnan(Y).any(), "Y itself is not modified"
    assert np.array_equal(np.isnan(sv.hide_labels(Y, 0.3, seed=0)), missing), (
        "same seed, same labels hidden"
    )
    assert not np.array_equal(np.isnan(sv.hide_labels(Y, 0.3, seed=1)), missing)
    assert not np.isnan(sv.hide_labels(Y, 0.0)).any()
    with pytest.raises(
        ValueError, match=r"hide_labels: fraction must be in \[0, 1\), but 1.0 was given"
    ):
        sv.hide_labels(Y, 1.0)
    with pytest.raises(ValueError, match=r"hide_labels: Y must have shape \(m, n_y\)"):
        sv.hide_labels(Y[:, 0], 0.5)


def test_place_digits_keeps_every_pixel_and_moves_the_digits(rng):
    X_orig = rng.integers(1, 256, (50, 28, 28)).astype(
        np.uint8
    )  # no zero pixel: each digit's box is visible
    X = sv.place_digits(X_orig, size=36, seed=3)
    assert X.shape == (50, 36, 36, 1) and X.dtype == np.float32
    offsets = []
    for image, digit in zip(X[..., 0], X_orig):
        rows, cols = np.nonzero(image)
        top, left = rows.min(), cols.min()
        assert rows.max() - top == 27 and cols.max() - left == 27
        np.testing.assert_allclose(image[top : top + 28, left : left + 28], digit / 255, rtol=1e-6)
        offsets.append((top, left))
    offsets = np.array(offsets)
    assert offsets.min() == 0 and offsets.max() == 8, "offsets run from 0 to 36 - 28 = 8"
    assert len({tuple(o) for o in offsets}) > 20, "and differ from image to image"
    assert np.array_equal(sv.place_digits(X_orig, size=36, seed=3), X), "seeded"
    np.testing.assert_allclose(sv.place_digits(X_orig, size=28)[..., 0], X_orig / 255, rtol=1e-6)


def test_place_digits_bad_input():
    with pytest.raises(
        ValueError,
        match=r"place_digits: X_orig must have shape \(m, 28, 28\), but it has shape \(2, 8, 8\)",
    ):
        sv.place_digits(np.zeros((2, 8, 8)))
    with pytest.raises(
        ValueError, match="place_digits: size must be at least 28 .* but 20 was given"
    ):
        sv.place_digits(np.zeros((2, 28, 28)), size=20)


def test_balanced_subset():
    y = np.repeat([3, 5, 7], [10, 4, 6])
    idx = sv.balanced_subset(y[None, :], 4, seed=0)
    assert idx.shape == (12,) and len(set(idx.tolist())) == 12
    assert np.bincount(y[idx]).tolist()[3::2] == [4, 4, 4]
    assert not (np.diff(y[idx]) == 0).all(), "shuffled, not grouped by class"
    assert np.array_equal(sv.balanced_subset(y, 4, seed=0), idx)
    assert not np.array_equal(sv.balanced_subset(y, 4, seed=1), idx)
    with pytest.raises(
        ValueError, match="balanced_subset: class 5 has only 4 examples, fewer than n_per_class=5"
    ):
        sv.balanced_subset(y, 5)
    with pytest.raises(
        ValueError, match=r"balanced_subset: y must be integer labels of shape \(m,\) or \(1, m\)"
    ):
        sv.balanced_subset(y.astype(float), 2)


def test_reexported_by_the_data_package():
    from dl_notes import data

    assert data.place_digits is sv.place_digits and data.ATTRIBUTES is sv.ATTRIBUTES
    assert {
        "place_digits",
        "digit_attributes",
        "hide_labels",
        "balanced_subset",
        "ATTRIBUTES",
    } <= set(data.__all__)
