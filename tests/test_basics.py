"""dl_notes.basics: reshaping and normalising images and rows."""

import numpy as np
import pytest

from dl_notes.basics import image2vector, normalize_rows


def test_image2vector_keeps_order():
    image = np.arange(3 * 3 * 2, dtype=float).reshape(3, 3, 2)
    v = image2vector(image)
    assert v.shape == (18, 1)
    assert np.array_equal(v[:, 0], image.ravel())


def test_image2vector_rejects_2d():
    with pytest.raises(
        ValueError,
        match=r"image must be a 3-D array \(height, width, channels\), but it has shape \(4, 4\)",
    ):
        image2vector(np.zeros((4, 4)))


def test_normalize_rows():
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0], [0.0, 0.0, 0.0]])
    n = normalize_rows(x)
    assert np.allclose(np.linalg.norm(n[:2], axis=1), 1)
    assert np.allclose(n[0], [0, 0.6, 0.8])
    assert np.array_equal(n[2], [0, 0, 0])


def test_normalize_rows_rejects_vector():
    with pytest.raises(
        ValueError, match=r"x must be a 2-D array \(n, d\), but it has shape \(3,\)"
    ):
        normalize_rows(np.ones(3))


def test_flatten_images_makes_one_column_per_image_and_scales_uint8():
    from dl_notes.basics import flatten_images

    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    X = flatten_images(images)
    assert X.shape == (12, 2)
    assert np.array_equal(X[:, 1], images[1].ravel() / 255.0)  # column i is image i, row-major
    floats = images / 255.0
    assert np.array_equal(flatten_images(floats), X)  # floats are taken as they are
    assert flatten_images(floats.astype(np.float32)).dtype == np.float32
    assert flatten_images(np.zeros((5, 2, 2, 3))).shape == (12, 5)  # with channels
    with pytest.raises(ValueError, match=r"\(m, height, width\).*shape \(4, 4\)"):
        flatten_images(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="a list was given"):
        flatten_images([[[0]]])
