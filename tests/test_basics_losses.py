import numpy as np
import pytest

from dl_notes.basics import image2vector, normalize_rows
from dl_notes.losses import compute_cost, compute_cost_backward, l1_loss, l2_loss


def test_image2vector_keeps_order():
    image = np.arange(3 * 3 * 2, dtype=float).reshape(3, 3, 2)
    v = image2vector(image)
    assert v.shape == (18, 1)
    assert np.array_equal(v[:, 0], image.ravel())


def test_image2vector_rejects_2d():
    with pytest.raises(ValueError, match=r"image must be a 3-D array \(height, width, channels\), but it has shape \(4, 4\)"):
        image2vector(np.zeros((4, 4)))


def test_normalize_rows():
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0], [0.0, 0.0, 0.0]])
    n = normalize_rows(x)
    assert np.allclose(np.linalg.norm(n[:2], axis=1), 1)
    assert np.allclose(n[0], [0, 0.6, 0.8])
    assert np.array_equal(n[2], [0, 0, 0])


def test_normalize_rows_rejects_vector():
    with pytest.raises(ValueError, match=r"x must be a 2-D array \(n, d\), but it has shape \(3,\)"):
        normalize_rows(np.ones(3))


def test_l1_l2_course_values():
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    assert l1_loss(yhat, y) == pytest.approx(1.1)
    assert l2_loss(yhat, y) == pytest.approx(0.43)


def test_losses_reject_mismatched_shapes():
    with pytest.raises(ValueError, match=r"yhat and y must have the same shape, but yhat has shape \(3,\) and y has shape \(4,\)"):
        l1_loss(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="same shape"):
        l2_loss(np.ones((2, 1)), np.ones((1, 2)))


def test_compute_cost_known_value():
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3
    assert compute_cost(AL, Y) == pytest.approx(expected)


def test_compute_cost_is_finite_for_confident_mistakes():
    assert np.isfinite(compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]])))
    assert np.all(np.isfinite(compute_cost_backward(np.array([[0.0, 1.0]]), np.array([[1, 0]]))))


def test_compute_cost_rejects_bad_labels_and_shapes():
    with pytest.raises(ValueError, match=r"Y must hold binary labels 0 or 1, but it contains \[2.0\]"):
        compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 2]]))
    with pytest.raises(ValueError, match=r"AL and Y must have the same shape, but AL has shape \(1, 3\) and Y has shape \(1, 2\)"):
        compute_cost(np.array([[0.5, 0.5, 0.5]]), np.array([[1, 0]]))
    with pytest.raises(ValueError, match=r"AL must be a 2-D array \(1, m\), but it has shape \(3,\)"):
        compute_cost(np.array([0.5, 0.5, 0.5]), np.array([1, 0, 1]))


def test_flatten_images_makes_one_column_per_image_and_scales_uint8():
    from dl_notes.basics import flatten_images

    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    X = flatten_images(images)
    assert X.shape == (12, 2)
    assert np.array_equal(X[:, 1], images[1].ravel() / 255.0)          # column i is image i, row-major
    floats = images / 255.0
    assert np.array_equal(flatten_images(floats), X)                    # floats are taken as they are
    assert flatten_images(floats.astype(np.float32)).dtype == np.float32
    assert flatten_images(np.zeros((5, 2, 2, 3))).shape == (12, 5)      # with channels
    with pytest.raises(ValueError, match=r"\(m, height, width\).*shape \(4, 4\)"):
        flatten_images(np.zeros((4, 4)))
    with pytest.raises(ValueError, match="a list was given"):
        flatten_images([[[0]]])
