"""dl_notes.digit_features: features checked on hand-made images whose values are known."""

import numpy as np
import pytest

from dl_notes import digit_features as dfe


def bar(width=2, shear=0.0, size=28, length=16):
    """A bar `width` pixels wide, moved `shear` columns right per row up, centred."""
    image = np.zeros((size, size))
    top = (size - length) // 2
    for i in range(top, top + length):
        left = size // 2 - width // 2 + shear * ((top + length - 1) / 2 - i)
        image[i, round(left) : round(left) + width] = 1.0
    return image


def ring(size=28, outer=8, inner=4):
    """A square ring: ink between two centred squares."""
    image = np.zeros((size, size))
    c = size // 2
    image[c - outer : c + outer, c - outer : c + outer] = 1.0
    image[c - inner : c + inner, c - inner : c + inner] = 0.0
    return image


def stack(*images):
    return np.stack(images)


# --- features ------------------------------------------------------------------------


def test_ink_is_the_mean_intensity_and_grows_with_stroke_width():
    thin, thick = bar(width=2), bar(width=4)
    values = dfe.ink(stack(thin, thick))
    assert values[0] == pytest.approx(2 * 16 / 784)
    assert values[1] == pytest.approx(2 * values[0])
    as_uint8 = (stack(thin, thick) * 255).astype(np.uint8)
    assert np.allclose(dfe.ink(as_uint8), values), "uint8 0..255 and floats in [0, 1] agree"


def test_slant_of_upright_and_sheared_bars():
    values = dfe.slant(
        stack(bar(shear=0), bar(shear=0.5), bar(shear=-0.5), bar(width=3, shear=1.0))
    )
    assert values[0] == pytest.approx(0, abs=1e-12)
    assert values[1] == pytest.approx(0.5, abs=0.05)  # rounding to whole pixels blurs it a little
    assert values[2] == pytest.approx(-0.5, abs=0.05)
    assert values[3] == pytest.approx(1.0, abs=0.05)
    diag = np.eye(6)[::-1]  # "/" from bottom left to top right
    assert dfe.slant(stack(diag, diag[:, ::-1])) == pytest.approx([1.0, -1.0])


def test_slant_is_zero_for_empty_images_and_single_rows():
    row = np.zeros((28, 28))
    row[10, 5:20] = 1.0
    assert dfe.slant(stack(np.zeros((28, 28)), row)).tolist() == [0.0, 0.0]


def test_loops_count_enclosed_background():
    figure_eight = ring()
    figure_eight[13:15, 6:22] = 1.0  # a bar across the hole splits it in two
    c_shape = ring()
    c_shape[12:16, 18:22] = 0.0  # open the right side
    diamond = np.zeros((28, 28))
    for k in range(6):  # corners touch only diagonally
        diamond[8 + k, 14 - k] = diamond[8 + k, 14 + k] = 1.0
        diamond[19 - k, 14 - k] = diamond[19 - k, 14 + k] = 1.0
    images = stack(ring(), figure_eight, c_shape, bar(), diamond, np.zeros((28, 28)))
    assert dfe.loops(images).tolist() == [1, 2, 0, 0, 1, 0]


def test_pieces_count_ink_connected_diagonals_included():
    two = bar()
    two[:, 4:6] = 0.0
    two[2:6, 4:6] = 1.0  # a second, separate mark
    diag = np.eye(28)[::-1]
    three = np.zeros((28, 28))
    three[5, [3, 10, 20]] = 1.0
    assert dfe.pieces(stack(bar(), two, diag, three, np.zeros((28, 28)))).tolist() == [
        1,
        2,
        1,
        3,
        0,
    ]


def test_faint_ink_below_the_threshold_is_not_a_piece():
    faint = bar() * 0.4  # INK_THRESHOLD is 0.5
    assert dfe.pieces(stack(faint)).tolist() == [0] and dfe.ink(stack(faint))[0] > 0


def test_stroke_features_returns_the_four_features():
    images = stack(ring(), bar(shear=0.5))
    features = dfe.stroke_features(images)
    assert list(features) == ["ink", "slant", "loops", "pieces"]
    for name, values in features.items():
        assert np.array_equal(values, getattr(dfe, name)(images))


# --- deskew --------------------------------------------------------------------------


def test_deskew_makes_sheared_bars_upright_and_keeps_upright_ones():
    sheared = stack(bar(width=3, shear=0.6), bar(width=3, shear=-0.4))
    straight = dfe.deskew(sheared)
    assert straight.shape == sheared.shape
    assert np.abs(dfe.slant(straight)).max() < 0.05 < np.abs(dfe.slant(sheared)).min()
    assert np.allclose(dfe.ink(straight), dfe.ink(sheared), rtol=0.02)  # nothing falls off the edge
    upright = stack(bar(), ring())
    assert np.allclose(dfe.deskew(upright), upright)
    assert 0 <= straight.min() and straight.max() <= 1


def test_deskew_reduces_the_slant_of_random_blobs(rng):
    images = np.zeros((20, 28, 28))
    images[:, 6:22, 8:20] = rng.random((20, 16, 12))
    sheared = np.stack(
        [np.stack([np.roll(im[i], round(0.4 * (14 - i))) for i in range(28)]) for im in images]
    )
    assert np.abs(dfe.slant(dfe.deskew(sheared))).mean() < 0.2 * np.abs(dfe.slant(sheared)).mean()


# --- norms and tags ------------------------------------------------------------------


def _training_set(rng, m=200):
    """Digit 0: rings of random thickness; digit 1: bars of random width and shear."""
    images, digits = [], []
    for _ in range(m):
        images.append(ring(outer=8, inner=int(rng.integers(3, 7))))
        digits.append(0)
        images.append(bar(width=int(rng.integers(1, 5)), shear=float(rng.normal(0, 0.3))))
        digits.append(1)
    return np.stack(images), np.array(digits)[None, :]


def test_fit_norms_takes_quantiles_and_common_counts_per_digit(rng):
    images, digits = _training_set(rng)
    norms = dfe.fit_norms(images, digits, q=0.1)
    ink, slant = dfe.ink(images), dfe.slant(images)
    ones = digits[0] == 1
    assert norms.ink_low[1] == pytest.approx(np.quantile(ink[ones], 0.1))
    assert norms.ink_high[0] == pytest.approx(np.quantile(ink[~ones], 0.9))
    assert norms.slant_low[1] == pytest.approx(np.quantile(slant[ones], 0.05))
    assert norms.slant_high[1] == pytest.approx(np.quantile(slant[ones], 0.95))
    assert norms.loops_common == {0: frozenset({1}), 1: frozenset({0})}
    assert norms.pieces_common == {0: frozenset({1}), 1: frozenset({1})}
    assert "digit" in str(norms) and len(str(norms).splitlines()) == 4


def test_each_tag_marks_at_most_about_q_of_the_training_images(rng):
    images, digits = _training_set(rng)
    tags = dfe.tag_images(images, digits, dfe.fit_norms(images, digits, q=0.1))
    for tag in ("thick strokes", "thin strokes", "unusual slant"):
        assert np.mean([tag in t for t in tags]) <= 0.1 + 1e-12, tag


def test_tag_rules_on_hand_set_norms():
    norms = dfe.DigitNorms(
        q=0.1,
        ink_low={4: 0.03},
        ink_high={4: 0.06},
        slant_low={4: -0.2},
        slant_high={4: 0.2},
        loops_common={4: frozenset({0})},
        pieces_common={4: frozenset({1})},
    )
    broken = bar(width=2)
    broken[13:15] = 0.0  # 28 pixels of ink in two pieces
    images = stack(
        bar(width=2),  # ink 32/784 = 0.041: usual
        bar(width=4),  # 64/784 = 0.082
        bar(width=1),  # 16/784 = 0.020
        bar(width=3, shear=0.5),  # 48/784 = 0.061, slant 0.5
        ring(outer=4, inner=2),  # 48/784 = 0.061, one loop
        broken,  # 28/784 = 0.036, two pieces
    )
    assert dfe.tag_images(images, [4] * 6, norms) == [
        (),
        ("thick strokes",),
        ("thin strokes",),
        ("thick strokes", "unusual slant"),
        ("thick strokes", "unusual loops"),
        ("broken strokes",),
    ]


def test_tag_errors_returns_the_misclassified_images_with_tags_for_their_true_digit(rng):
    images, digits = _training_set(rng, m=50)
    norms = dfe.fit_norms(images, digits)
    y_pred = digits.copy()
    y_pred[0, [3, 10, 11]] = 1 - y_pred[0, [3, 10, 11]]
    errors, tags = dfe.tag_errors(images, digits, y_pred, norms)
    assert errors.tolist() == [3, 10, 11]
    assert tags == dfe.tag_images(images[[3, 10, 11]], digits[0, [3, 10, 11]], norms)
    none, no_tags = dfe.tag_errors(images, digits, digits, norms)
    assert none.size == 0 and no_tags == []


# --- input checks --------------------------------------------------------------------


def test_bad_inputs_give_clear_errors(rng):
    images, digits = _training_set(rng, m=10)
    norms = dfe.fit_norms(images, digits)
    with pytest.raises(
        ValueError, match=r"ink: images must be a 3-D array \(m, height, width\).*image\[None\]"
    ):
        dfe.ink(images[0])
    with pytest.raises(
        ValueError, match="slant: float images must lie in \\[0, 1\\].*divide by 255"
    ):
        dfe.slant(images * 255.0)
    with pytest.raises(TypeError, match="loops: images must be a numeric array"):
        dfe.loops(np.array([[["a"]]]))
    with pytest.raises(
        ValueError, match=r"fit_norms: digits must have shape \(20,\) or \(1, 20\).*\(19,\)"
    ):
        dfe.fit_norms(images, digits[0, :19])
    with pytest.raises(TypeError, match="fit_norms: digits must hold integer digits"):
        dfe.fit_norms(images, digits.astype(float))
    with pytest.raises(ValueError, match=r"fit_norms: q must be in \(0, 0.5\)"):
        dfe.fit_norms(images, digits, q=0.5)
    with pytest.raises(TypeError, match="tag_images: norms must be a DigitNorms from fit_norms"):
        dfe.tag_images(images, digits, {"ink_low": {}})
    with pytest.raises(
        ValueError, match=r"tag_images: digits \[7\] have no norms; fit_norms saw only \[0, 1\]"
    ):
        dfe.tag_images(images[:2], [0, 7], norms)
    with pytest.raises(
        ValueError, match=r"tag_errors: y_pred must have shape \(20,\) or \(1, 20\)"
    ):
        dfe.tag_errors(images, digits, digits[:, :5], norms)
