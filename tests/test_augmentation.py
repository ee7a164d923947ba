"""dl_notes.augmentation: hand-checkable cases, seeds, and errors a learner can act on."""

import numpy as np
import pytest

from dl_notes import augmentation as aug


@pytest.fixture
def images():
    return np.random.default_rng(0).random((3, 7, 7))


# --- rotate_images -----------------------------------------------------------------


def test_rotate_by_zero_and_full_turn_is_identity(images):
    assert np.array_equal(aug.rotate_images(images, 0), images)
    assert np.allclose(aug.rotate_images(images, 360), images, atol=1e-12)


@pytest.mark.parametrize("k", [1, 2, 3, -1])
def test_rotate_by_multiples_of_90_equals_rot90(images, k):
    assert np.allclose(
        aug.rotate_images(images, 90 * k), np.rot90(images, k, axes=(1, 2)), atol=1e-12
    )


def test_rotate_per_image_angles(images):
    out = aug.rotate_images(images, np.array([0.0, 90.0, 180.0]))
    for i, k in enumerate((0, 1, 2)):
        assert np.allclose(out[i], np.rot90(images[i], k), atol=1e-12)


def test_rotate_by_45_degrees_by_hand():
    # A horizontal bar through the centre of a 3x3 image, turned counter-clockwise by 45 degrees,
    # becomes the diagonal from bottom-left to top-right. The top-right output pixel, at (x, y) =
    # (1, -1) from the centre, reads the source at (x_s, y_s) = (sqrt 2, 0): on the bar, 0.414 of
    # the way from the last column (value 1) to the fill outside (0), so 1 - 0.414 = 2 - sqrt 2.
    x = np.zeros((1, 3, 3))
    x[0, 1, :] = 1.0
    out = aug.rotate_images(x, 45)[0]
    corner = 2 - np.sqrt(2)
    assert out[1, 1] == pytest.approx(1.0)
    assert out[0, 2] == pytest.approx(corner) and out[2, 0] == pytest.approx(corner)
    assert out[0, 0] == pytest.approx(0.0) and out[2, 2] == pytest.approx(0.0)
    # the edge midpoints read the source at distance 1 along a diagonal: (+-0.71, +-0.71)
    # from the centre, i.e. 0.29 of a row away from the bar on each side
    assert out[0, 1] == pytest.approx(1 - np.sqrt(0.5))


def test_rotate_fill_value_outside_the_image():
    x = np.zeros((1, 4, 4))
    out = aug.rotate_images(x, 45, fill=1.0)
    assert out[0, 0, 0] > 0.5 and out[0, 1, 1] == pytest.approx(0.0)


def test_rotate_keeps_a_centred_disc():
    yy, xx = np.mgrid[0:28, 0:28] - 13.5
    disc = (np.hypot(yy, xx) < 8).astype(float)[None]
    out = aug.rotate_images(disc, 33)
    r = np.hypot(yy, xx)[None]
    assert np.allclose(out[r < 6.5], 1) and np.allclose(out[r > 9.5], 0)  # only the rim changes
    assert out.sum() == pytest.approx(disc.sum(), rel=0.02)  # and keeps its mass


# --- blur, contrast, shading, noise ------------------------------------------------


def test_blur_sigma_zero_is_identity_and_blur_keeps_mass(images):
    assert np.array_equal(aug.blur_images(images, 0), images)
    x = np.zeros((2, 15, 15))
    x[:, 7, 7] = 1.0
    out = aug.blur_images(x, np.array([0.0, 1.0]))
    assert np.array_equal(out[0], x[0])  # per-image sigma: image 0 untouched
    assert out[1].sum() == pytest.approx(1.0)
    assert out[1, 7, 7] == out[1].max() < 1
    assert np.allclose(out[1], out[1].T) and np.allclose(out[1], out[1][::-1, ::-1])  # symmetric
    g = np.exp(-(np.arange(-3, 4) ** 2) / 2)
    g /= g.sum()
    assert np.allclose(out[1, 4:11, 4:11], np.outer(g, g))  # separable Gaussian kernel


def test_blur_keeps_a_constant_image(images):
    x = np.full((1, 10, 10), 0.3)
    assert np.allclose(aug.blur_images(x, 2.0), 0.3)


def test_adjust_contrast_formula_and_clipping():
    x = np.array([[[0.0, 0.5, 1.0]], [[0.0, 0.5, 1.0]]])
    out = aug.adjust_contrast(x, np.array([0.5, 2.0]), 0.25)
    assert np.allclose(out, [[[0.25, 0.5, 0.75]], [[0.25, 1.0, 1.0]]])
    assert np.array_equal(aug.adjust_contrast(x, 1.0), x)


def test_add_shading_ramp_directions():
    zeros = np.zeros((1, 3, 3))
    right = aug.add_shading(zeros, 0.6, 0)
    assert np.allclose(right[0], [[0, 0.3, 0.6]] * 3)
    up = aug.add_shading(zeros, 0.6, 90)
    assert np.allclose(up[0], [[0.6] * 3, [0.3] * 3, [0] * 3])
    assert np.array_equal(aug.add_shading(zeros, 0.0, 45), zeros)


def test_add_noise_zero_std_is_identity_and_seeds_reproduce(images):
    assert np.array_equal(aug.add_noise(images, 0.0, seed=1), images)
    a, b = aug.add_noise(images, 0.1, seed=1), aug.add_noise(images, 0.1, seed=1)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, aug.add_noise(images, 0.1, seed=2))
    assert a.min() >= 0 and a.max() <= 1
    flat = aug.add_noise(np.full((50, 20, 20), 0.5), 0.05, seed=0) - 0.5  # clipping never bites
    assert flat.std() == pytest.approx(0.05, rel=0.02) and abs(flat.mean()) < 0.002


def test_inputs_are_not_changed(images):
    before = images.copy()
    for f, args in [
        (aug.rotate_images, (30,)),
        (aug.blur_images, (1.0,)),
        (aug.adjust_contrast, (0.5, 0.1)),
        (aug.add_shading, (0.3, 10)),
        (aug.add_noise, (0.1, 0)),
        (aug.distort, ()),
    ]:
        out = f(images, *args)
        assert out.shape == images.shape and out is not images
    assert np.array_equal(images, before)


# --- distort ------------------------------------------------------------------------


def test_distort_seeds_and_switches(images):
    assert np.array_equal(aug.distort(images, seed=3), aug.distort(images, seed=3))
    assert not np.array_equal(aug.distort(images, seed=3), aug.distort(images, seed=4))
    off = dict(max_angle=0, blur=0, contrast=1, brightness=0, shading=0, noise=0)
    assert np.allclose(aug.distort(images, **off), images)
    rotated_only = aug.distort(images, seed=5, **dict(off, max_angle=40))
    assert not np.allclose(rotated_only, images)


def test_distort_matches_its_steps_with_fixed_settings(images):
    # fixed settings (one-number ranges) and no rotation: distort is the composition of its steps
    out = aug.distort(
        images, seed=0, max_angle=0, blur=0.8, contrast=0.5, brightness=0.2, shading=0, noise=0
    )
    expected = aug.adjust_contrast(aug.blur_images(images, 0.8), 0.5, 0.2)
    assert np.allclose(out, expected)


def test_distort_makes_digit_images_dimmer_and_grey():
    x = np.zeros((200, 28, 28))
    x[:, 6:22, 12:16] = 1.0  # a bright "1" on black
    out = aug.distort(x, seed=0)
    assert out.min() >= 0 and out.max() <= 1
    background = out[:, :3, :3].mean()
    assert 0.1 < background < 0.5  # grey, not black
    assert out.max(axis=(1, 2)).mean() < 1  # no longer pure white strokes


# --- errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, match",
    [
        (
            np.zeros((28, 28)),
            r"rotate_images: images must be a 3-D array \(m, H, W\), but it has shape \(28, 28\)",
        ),
        (np.full((1, 2, 2), 255, dtype=np.uint8), "divide uint8 images by 255"),
        (np.full((1, 2, 2), 1.5), r"values in \[0, 1\], but they range from 1.5 to 1.5"),
        (np.full((1, 2, 2), np.nan), "NaN"),
        ("images", "must be a NumPy array"),
    ],
)
def test_bad_images(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        aug.rotate_images(bad, 10)


def test_bad_settings(images):
    with pytest.raises(ValueError, match=r"angles must be one number or an array of shape \(3,\)"):
        aug.rotate_images(images, np.zeros(2))
    with pytest.raises(
        ValueError, match=r"sigma must lie in \[0.0, 100.0\], but it ranges from -1"
    ):
        aug.blur_images(images, -1.0)
    with pytest.raises(ValueError, match="contrast must lie in"):
        aug.adjust_contrast(images, -0.5)
    with pytest.raises(ValueError, match="strength must lie in"):
        aug.add_shading(images, 2.0)
    with pytest.raises(ValueError, match="std must lie in"):
        aug.add_noise(images, -0.1)
    with pytest.raises(TypeError, match="seed must be an int"):
        aug.add_noise(images, 0.1, seed="zero")
    with pytest.raises(ValueError, match=r"distort: blur must be a number or a pair \(low, high\)"):
        aug.distort(images, blur=(1.0, 0.5))
    with pytest.raises(ValueError, match=r"max_angle must be in \[0, 180\]"):
        aug.distort(images, max_angle=200)
    with pytest.raises(TypeError, match="std must be a number"):
        aug.add_noise(images, True)


# --- Course 4: mirror, random_crop, color_shift ---------------------------------------


@pytest.fixture
def colour():
    return np.random.default_rng(1).random((4, 6, 9, 3))


def test_mirror_reverses_the_columns(images, colour):
    for x in (images, colour):
        out = aug.mirror(x)
        assert out.shape == x.shape
        assert np.array_equal(out[:, :, 0], x[:, :, -1])
        assert np.array_equal(aug.mirror(out), x)  # twice is the identity
    assert np.array_equal(aug.mirror(colour)[..., 1], aug.mirror(colour[..., 1]))


def test_random_crop_takes_a_window_of_each_image(colour):
    crops = aug.random_crop(colour, (4, 5), seed=3)
    assert crops.shape == (4, 4, 5, 3)
    corners = []
    for x, crop in zip(colour, crops):
        found = [
            (t, l)
            for t in range(6 - 4 + 1)
            for l in range(9 - 5 + 1)
            if np.array_equal(x[t : t + 4, l : l + 5], crop)
        ]
        assert len(found) == 1
        corners.append(found[0])
    assert len(set(corners)) > 1  # each image gets its own corner
    assert np.array_equal(aug.random_crop(colour, (4, 5), seed=3), crops)
    assert np.array_equal(aug.random_crop(colour, (6, 9)), colour)  # the whole image


def test_random_crop_corners_are_uniform():
    x = np.tile(np.arange(10.0) / 10, (2000, 1, 1))  # (2000, 1, 10): column j holds j/10
    first = aug.random_crop(x, (1, 7), seed=0)[:, 0, 0] * 10  # the crop's first column: 0..3
    counts = np.bincount(np.round(first).astype(int), minlength=4)
    assert len(counts) == 4 and counts.min() > 400  # about 500 each


def test_color_shift_adds_one_offset_per_image_and_channel(colour):
    x = np.full((3, 2, 2, 3), 0.5)
    out = aug.color_shift(x, max_shift=0.2, seed=0)
    delta = out - x
    assert np.allclose(delta, delta[:, :1, :1, :])  # the same offset at every pixel
    assert np.abs(delta).max() <= 0.2 and not np.allclose(delta, 0)
    assert not np.allclose(delta[0], delta[1])  # per image
    same = aug.color_shift(colour, 0.1, seed=2), aug.color_shift(colour, 0.1, seed=2)
    assert np.array_equal(*same)
    assert np.array_equal(aug.color_shift(colour, 0.0), colour)


def test_color_shift_exact_shifts_and_clipping():
    x = np.full((2, 1, 1, 3), 0.95)
    out = aug.color_shift(x, shifts=np.array([20, -20, 20]) / 255)  # the lecture's +20 -20 +20
    assert np.allclose(out[:, 0, 0], [1.0, 0.95 - 20 / 255, 1.0])  # clipped at 1
    per_image = aug.color_shift(x, shifts=np.array([[0.0, 0.0, -1.0], [0.02, 0.0, 0.0]]))
    assert np.allclose(per_image[:, 0, 0], [[0.95, 0.95, 0.0], [0.97, 0.95, 0.95]])


def test_course4_transforms_leave_their_input_alone(colour):
    before = colour.copy()
    for out in (aug.mirror(colour), aug.random_crop(colour, 3), aug.color_shift(colour)):
        assert out is not colour
        out[...] = 0
    assert np.array_equal(colour, before)


def test_course4_transforms_bad_inputs(images, colour):
    with pytest.raises(ValueError, match=r"mirror: images must be a 3-D array \(m, n_H, n_W\) or"):
        aug.mirror(np.zeros((5, 5)))
    with pytest.raises(ValueError, match=r"color_shift: images must be a 4-D array"):
        aug.color_shift(images)
    with pytest.raises(TypeError, match="divide uint8 images by 255"):
        aug.mirror(np.full((1, 2, 2, 3), 200, dtype=np.uint8))
    with pytest.raises(ValueError, match=r"values in \[0, 1\]"):
        aug.color_shift(colour * 2)
    with pytest.raises(ValueError, match=r"random_crop: size must be .* n_H = 6"):
        aug.random_crop(colour, (7, 2))
    with pytest.raises(ValueError, match="random_crop: size must be"):
        aug.random_crop(colour, 2.5)
    with pytest.raises(ValueError, match=r"max_shift must lie in \[0.0, 1.0\]"):
        aug.color_shift(colour, max_shift=-0.1)
    with pytest.raises(ValueError, match=r"shifts must have shape \(3,\) or \(4, 3\)"):
        aug.color_shift(colour, shifts=np.zeros(2))
    with pytest.raises(ValueError, match=r"shifts must be finite numbers in \[-1, 1\]"):
        aug.color_shift(colour, shifts=np.array([0.0, 2.0, 0.0]))
