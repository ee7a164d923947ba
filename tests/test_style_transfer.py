"""dl_notes.style_transfer: hand-computed costs, the normalisations, the gradients, bad input.

The activations are random, non-symmetric float64 arrays with a fixed seed. The gradients
are checked against centred finite differences here and against TensorFlow in
tests/test_tf_style_transfer.py.
"""

import numpy as np
import pytest

from dl_notes.style_transfer import (
    STYLE_LAYERS,
    compute_content_cost,
    compute_layer_style_cost,
    compute_style_cost,
    content_cost_backward,
    gram_matrix,
    layer_style_cost_backward,
    prepare_image,
    total_cost,
)
from tests.gradcheck import TOL, assert_close_grad, numerical_gradient


def _activations(rng, shape=(1, 3, 2, 4)):
    return rng.standard_normal(shape) + 0.3, rng.standard_normal(shape) - 0.2


# --- hand-computed cases ---------------------------------------------------------------------


def test_gram_matrix_by_hand():
    A = np.array([[1.0, 2.0, 0.0], [-1.0, 3.0, 2.0]])  # (n_C, n_H * n_W) = (2, 3)
    # rows' dot products: 1+4+0 = 5, -1+6+0 = 5, 1+9+4 = 14
    np.testing.assert_array_equal(gram_matrix(A), [[5.0, 5.0], [5.0, 14.0]])


def test_content_cost_by_hand():
    a_C = np.arange(8.0).reshape(1, 2, 2, 2)
    a_G = a_C.copy()
    a_G[0, 1, 0, 1] += 2.0  # one entry off by 2, another by -1
    a_G[0, 0, 0, 0] -= 1.0
    # (4 + 1) / (4 * 2 * 2 * 2)
    assert compute_content_cost([a_C], [a_G]) == pytest.approx(5 / 32)
    assert compute_content_cost([a_C], [a_C]) == 0.0


def test_layer_style_cost_by_hand():
    # n_H = 1, n_W = 2, n_C = 2: positions (1, 2) and (3, 4) for S, (1, 0) and (0, 1) for G
    a_S = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    a_G = np.array([[[[1.0, 0.0], [0.0, 1.0]]]])
    # channels of S: (1, 3) and (2, 4): GS = [[10, 14], [14, 20]]; GG = identity
    # sum of squared differences: 81 + 196 + 196 + 361 = 834, over 4 * 2^2 * 2^2 = 64
    assert compute_layer_style_cost(a_S, a_G) == pytest.approx(834 / 64)


def test_unrolling_is_one_row_per_channel(rng):
    """The Gram matrix is sum over positions of a_ijk a_ijk'; a straight reshape gets it wrong."""
    a_S, a_G = _activations(rng, (1, 3, 2, 4))
    _, n_H, n_W, n_C = a_G.shape
    GS = np.einsum("hwk,hwl->kl", a_S[0], a_S[0])  # the lecture's double sum, channel by channel
    GG = np.einsum("hwk,hwl->kl", a_G[0], a_G[0])
    expected = np.sum((GS - GG) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)
    assert compute_layer_style_cost(a_S, a_G) == pytest.approx(expected, rel=1e-12)
    wrong_S, wrong_G = a_S.reshape(n_C, -1), a_G.reshape(n_C, -1)  # mixes channels and positions
    wrong = np.sum((gram_matrix(wrong_S) - gram_matrix(wrong_G)) ** 2) / (
        4 * n_C**2 * (n_H * n_W) ** 2
    )
    assert abs(wrong - expected) > 0.1 * expected


def test_style_cost_is_the_weighted_sum_without_the_content_layer(rng):
    shapes = [(1, 4, 4, 2), (1, 2, 2, 3), (1, 1, 1, 5)]
    style = [rng.standard_normal(s) for s in shapes]
    generated = [rng.standard_normal(s) for s in shapes]
    layers = [("a", 0.5), ("b", 2.0)]
    expected = 0.5 * compute_layer_style_cost(style[0], generated[0]) + 2.0 * (
        compute_layer_style_cost(style[1], generated[1])
    )
    assert compute_style_cost(style, generated, layers) == pytest.approx(expected, rel=1e-12)
    style[-1] = rng.standard_normal((1, 1, 1, 5))  # the content layer does not count
    assert compute_style_cost(style, generated, layers) == pytest.approx(expected, rel=1e-12)
    five = [rng.standard_normal((1, 2, 2, 3)) for _ in range(6)]
    assert compute_style_cost(five, five) == 0.0  # the course's STYLE_LAYERS: 5 + 1 outputs


def test_total_cost_course_values():
    assert total_cost(0.2, 0.8) == 34.0
    assert total_cost(0.3, 0.5, 3, 8) == pytest.approx(4.9)


# --- the normalisations ----------------------------------------------------------------------


def test_costs_scale_as_their_normalisations_say(rng):
    a_S, a_G = _activations(rng)
    c = 3.0  # activations c times larger: content cost c^2, style cost c^4
    assert compute_content_cost([c * a_S], [c * a_G]) == pytest.approx(
        c**2 * compute_content_cost([a_S], [a_G])
    )
    assert compute_layer_style_cost(c * a_S, c * a_G) == pytest.approx(
        c**4 * compute_layer_style_cost(a_S, a_G)
    )


def test_costs_do_not_grow_with_the_layer_size(rng):
    """Repeating a layer's activations 2x2 times leaves both costs unchanged: they are means."""
    a_S, a_G = _activations(rng, (1, 2, 3, 4))

    def tile(a):
        return np.tile(a, (1, 2, 2, 1))

    assert compute_content_cost([tile(a_S)], [tile(a_G)]) == pytest.approx(
        compute_content_cost([a_S], [a_G])
    )
    assert compute_layer_style_cost(tile(a_S), tile(a_G)) == pytest.approx(
        compute_layer_style_cost(a_S, a_G)
    )


def test_style_ignores_where_content_does_not(rng):
    """Shuffling the positions keeps the Gram matrix, and so the style cost, but not the content."""
    a_S, a_G = _activations(rng, (1, 3, 3, 4))
    order = rng.permutation(9)
    shuffled = a_G.reshape(1, 9, 4)[:, order].reshape(a_G.shape)
    assert compute_layer_style_cost(a_S, shuffled) == pytest.approx(
        compute_layer_style_cost(a_S, a_G), rel=1e-12
    )
    assert compute_content_cost([a_G], [shuffled]) > 0.1


# --- gradients -------------------------------------------------------------------------------


def test_content_cost_backward_matches_finite_differences(rng):
    a_C, a_G = _activations(rng)
    da_G = content_cost_backward(a_C, a_G)
    numeric = numerical_gradient(lambda: compute_content_cost([a_C], [a_G]), a_G)
    assert_close_grad(da_G, numeric, "da_G of the content cost", TOL)


@pytest.mark.parametrize("shape", [(1, 3, 2, 4), (1, 1, 5, 2), (1, 2, 2, 1)])
def test_layer_style_cost_backward_matches_finite_differences(rng, shape):
    a_S, a_G = _activations(rng, shape)
    da_G = layer_style_cost_backward(a_S, a_G)
    numeric = numerical_gradient(lambda: compute_layer_style_cost(a_S, a_G), a_G)
    assert_close_grad(da_G, numeric, f"da_G of the style cost, shape {shape}", TOL)


# --- images ----------------------------------------------------------------------------------


def test_prepare_image_crops_the_centre_and_scales_to_0_1():
    image = np.zeros((40, 60, 3), np.uint8)
    image[:, 10:50] = 255  # the centred 40x40 square is all white
    X = prepare_image(image, size=16)
    assert X.shape == (1, 16, 16, 3) and X.dtype == np.float32
    np.testing.assert_allclose(X, 1.0, atol=1e-6)
    gray = prepare_image(np.linspace(0, 1, 30 * 30).reshape(30, 30), size=10)
    assert gray.shape == (1, 10, 10, 3) and (gray[..., 0] == gray[..., 2]).all()
    assert 0 <= gray.min() and gray.max() <= 1


# --- bad input -------------------------------------------------------------------------------


def test_bad_input_messages(rng):
    a = rng.standard_normal((1, 2, 2, 3))
    with pytest.raises(ValueError, match=r"compute_content_cost: content_output must be the list"):
        compute_content_cost(a, [a])
    with pytest.raises(TypeError, match=r"compute_content_cost: generated_output must be a non"):
        compute_content_cost([a], "a_G")
    with pytest.raises(ValueError, match=r"a_C and a_G must have the same shape"):
        compute_content_cost([a], [a[:, :1]])
    with pytest.raises(ValueError, match=r"a_S must hold the activations of one image"):
        compute_layer_style_cost(np.concatenate([a, a]), a)
    with pytest.raises(ValueError, match=r"a_G must be a 4-D array \(1, n_H, n_W, n_C\)"):
        compute_layer_style_cost(a, a[0])
    with pytest.raises(ValueError, match=r"gram_matrix: A must be a 2-D array \(n_C, n_H \* n_W\)"):
        gram_matrix(a)
    with pytest.raises(ValueError, match=r"style_image_output has 3 outputs, but STYLE_LAYERS"):
        compute_style_cost([a, a, a], [a, a, a], STYLE_LAYERS)
    with pytest.raises(TypeError, match=r"STYLE_LAYERS must be a non-empty list of \(layer name"):
        compute_style_cost([a, a], [a, a], ["block1_conv1"])
    with pytest.raises(TypeError, match=r"total_cost: beta must be a number"):
        total_cost(0.2, 0.8, beta="40")
    with pytest.raises(ValueError, match=r"prepare_image: image must have shape \(height, width"):
        prepare_image(np.zeros((4, 8, 8, 3)))
    with pytest.raises(ValueError, match=r"prepare_image: image must hold uint8 values or floats"):
        prepare_image(np.full((8, 8, 3), 2.0))
    with pytest.raises(ValueError, match=r"prepare_image: size must be at least 8"):
        prepare_image(np.zeros((8, 8, 3)), size=4)
