r"""Driving scenes drawn here, with a class for every pixel: the stand-in for W3A2's CARLA frames.

Taught in: Course 4, week 3 (semantic segmentation, U-Net) and its lab
[W3A2 · Image segmentation with U-Net](../../course4/labs/w3a2-image-segmentation-unet.ipynb).
What the set stands in for is on the [data page](../data.md).

The course's U-Net learns to label every pixel of frames from CARLA, a self-driving-car
simulator: 1,060 RGB camera frames of 480x640, resized to 96x128, each with a mask that gives
one of 23 classes (road, road line, sidewalk, vehicle, pole, traffic sign, ...) per pixel.
Those frames cannot be downloaded here, so
[`load_segmentation_scenes`][dl_notes.data.segmentation_scenes.load_segmentation_scenes]
draws road scenes with NumPy, in the same spirit and format, with six of CARLA's kinds of
pixel ([`SCENE_CLASSES`][dl_notes.data.segmentation_scenes.SCENE_CLASSES]):

| label | class | drawn as |
|---|---|---|
| 0 | sky | everything above the horizon, a vertical gradient, clear or overcast |
| 1 | road | a trapezoid from the bottom of the image to a vanishing point on the horizon |
| 2 | lane marking | a dashed middle line, wider near the camera; sometimes solid edge lines |
| 3 | roadside | grass or pavement left and right of the road, with a striped texture |
| 4 | vehicle | 1 to 3 boxes on the road, sized by their distance, with windows and wheels |
| 5 | pole / sign | 0 to 2 poles beside the road, with a round or square sign on top |

Everything varies from scene to scene: the horizon's height, the vanishing point, the road's
width, the colours (of sky, road, roadside, vehicles and signs), the light (a brightness
factor and a left-to-right gradient over the whole image) and the strength of Gaussian noise.
Farther objects are smaller and drawn first, so nearer ones cover them, and the mask records
what is visible. The classes are as unbalanced as in a real frame: sky, road and roadside
cover most pixels, lane markings and poles a few percent at most.

| name | shape | dtype |
|---|---|---|
| `X` (images) | `(m, n_H, n_W, 3)` | float32 in [0, 1] |
| `Y` (masks) | `(m, n_H, n_W)` | uint8, labels 0 to 5 |

Everything is NumPy; every random choice takes a seed and nothing touches NumPy's global
generator.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_rng, check_positive

__all__ = ["SCENE_CLASSES", "SCENE_COLOURS", "draw_scenes", "load_segmentation_scenes"]

SCENE_CLASSES = ("sky", "road", "lane marking", "roadside", "vehicle", "pole / sign")
"""Names of the labels of the masks: `SCENE_CLASSES[k]` names label `k`."""

SCENE_COLOURS = np.array(
    [
        [0.45, 0.70, 0.95],  # sky
        [0.35, 0.35, 0.38],  # road
        [0.98, 0.92, 0.30],  # lane marking
        [0.35, 0.65, 0.25],  # roadside
        [0.85, 0.20, 0.20],  # vehicle
        [0.95, 0.55, 0.10],  # pole / sign
    ],
    dtype=np.float32,
)
"""A colour for each label, shape (6, 3), RGB in [0, 1]: `SCENE_COLOURS[Y]` paints a mask."""


# --8<-- [start:load_segmentation_scenes]
def load_segmentation_scenes(n_train=400, n_test=100, size=(64, 96), seed=0):
    r"""Road scenes with per-pixel masks, split into a training and a test set.

    Stands in for the CARLA frames of W3A2 (see the module's page). The two sets are drawn
    from the same distribution with one generator, the test set after the training set, so
    they share no scene.

    Source and license: generated here (no data file); the images and this code are ours, MIT
    like the rest of dl_notes. The default 500 scenes take about a second.

    Parameters
    ----------
    n_train : int, default 400
        Training scenes.
    n_test : int, default 100
        Test scenes.
    size : tuple of 2 int, default (64, 96)
        (n_H, n_W) of every image, each at least 16. The course's frames are (96, 128); a
        U-Net with four poolings needs sides divisible by 16.
    seed : int or numpy.random.Generator or None, default 0
        Seed of every random choice: the same seed draws the same scenes.

    Returns
    -------
    X_train : ndarray of float32, shape (n_train, n_H, n_W, 3)
        RGB images, values in [0, 1].
    Y_train : ndarray of uint8, shape (n_train, n_H, n_W)
        The class of every pixel, 0 to 5 (the course's masks have a trailing axis of 1:
        `Y_train[..., None]`).
    X_test : ndarray of float32, shape (n_test, n_H, n_W, 3)
    Y_test : ndarray of uint8, shape (n_test, n_H, n_W)
    classes : tuple of str
        [`SCENE_CLASSES`][dl_notes.data.segmentation_scenes.SCENE_CLASSES].

    Examples
    --------
    >>> X_train, Y_train, X_test, Y_test, classes = load_segmentation_scenes(20, 5)
    >>> X_train.shape, Y_train.shape, X_test.shape, Y_test.shape, len(classes)
    ((20, 64, 96, 3), (20, 64, 96), (5, 64, 96, 3), (5, 64, 96), 6)
    """
    where = "load_segmentation_scenes"
    check_positive(n_train, "n_train", where, integer=True)
    check_positive(n_test, "n_test", where, integer=True)
    size = _check_size(size, where)
    rng = as_rng(seed, where)
    X_train, Y_train = _draw_scenes(int(n_train), size, rng)
    X_test, Y_test = _draw_scenes(int(n_test), size, rng)
    return X_train, Y_train, X_test, Y_test, SCENE_CLASSES


# --8<-- [end:load_segmentation_scenes]


def draw_scenes(m, size=(64, 96), seed=0):
    r"""Draw `m` road scenes and their masks.

    Parameters
    ----------
    m : int
        Number of scenes.
    size : tuple of 2 int, default (64, 96)
        (n_H, n_W), each at least 16.
    seed : int or numpy.random.Generator or None, default 0
        Seed of every random choice.

    Returns
    -------
    X : ndarray of float32, shape (m, n_H, n_W, 3)
        RGB images, values in [0, 1].
    Y : ndarray of uint8, shape (m, n_H, n_W)
        The class of every pixel, an index into
        [`SCENE_CLASSES`][dl_notes.data.segmentation_scenes.SCENE_CLASSES].

    Examples
    --------
    >>> X, Y = draw_scenes(3, size=(32, 48), seed=1)
    >>> X.shape, X.dtype.name, Y.shape, Y.dtype.name
    ((3, 32, 48, 3), 'float32', (3, 32, 48), 'uint8')
    """
    where = "draw_scenes"
    check_positive(m, "m", where, integer=True)
    size = _check_size(size, where)
    return _draw_scenes(int(m), size, as_rng(seed, where))


def _check_size(size, where):
    try:
        n_H, n_W = (int(s) for s in size)
        ok = all(int(s) == s for s in size) and min(n_H, n_W) >= 16
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            f"{where}: size must be (n_H, n_W), two ints of at least 16, but {size!r} was given."
        )
    return n_H, n_W


def _draw_scenes(m, size, rng):
    n_H, n_W = size
    X = np.empty((m, n_H, n_W, 3), np.float32)
    Y = np.empty((m, n_H, n_W), np.uint8)
    for i in range(m):
        X[i], Y[i] = _draw_scene(n_H, n_W, rng)
    return X, Y


def _draw_scene(n_H, n_W, rng):
    """One scene: image (n_H, n_W, 3) float32 in [0, 1] and mask (n_H, n_W) uint8."""
    u = rng.uniform
    y, x = np.mgrid[0:n_H, 0:n_W].astype(np.float32) + 0.5  # pixel centres, (n_H, n_W) each
    image = np.empty((n_H, n_W, 3), np.float32)
    mask = np.empty((n_H, n_W), np.uint8)

    def paint(region, label, colour):
        mask[region] = label
        image[region] = colour

    # sky above the horizon: blue to pale towards the horizon, or grey when overcast
    horizon = n_H * u(0.3, 0.5)
    if u() < 0.7:
        top, low = np.array([0.25, 0.45, 0.85]), np.array([0.7, 0.82, 0.95])
        top, low = top + u(-0.08, 0.08, 3), low + u(-0.05, 0.05, 3)
    else:
        grey = u(0.55, 0.8)
        top, low = np.full(3, grey - 0.1), np.full(3, grey + 0.05)
    t = np.clip(y / horizon, 0, 1)[..., None]
    image[:] = top + t * (low - top)
    mask[:] = 0

    # roadside below the horizon: grass or pavement, striped across
    below = y >= horizon
    if u() < 0.6:
        side = np.array([0.3, 0.55, 0.2]) + u(-0.08, 0.08, 3)  # grass
    else:
        side = np.full(3, u(0.55, 0.7)) + u(-0.04, 0.04, 3)  # pavement
    stripes = 0.04 * np.sin(2 * np.pi * (y - horizon) / u(3, 7) + u(0, 2 * np.pi))
    paint(below, 3, (side + stripes[..., None])[below])

    # the road: between two lines from the vanishing point to the bottom edge
    vx = n_W * u(0.35, 0.65)  # vanishing point (vx, horizon)
    half_bottom = n_W * u(0.35, 0.7)  # half the road's width at the bottom edge
    bx = vx + n_W * u(-0.15, 0.15)  # road's centre at the bottom edge
    depth = np.clip((y - horizon) / (n_H - horizon), 0, None)  # 0 at the horizon, 1 at the bottom
    centre = vx + depth * (bx - vx)
    half = depth * half_bottom
    road = below & (np.abs(x - centre) <= half)
    road_colour = np.full(3, u(0.25, 0.45)) + u(-0.03, 0.03, 3)
    paint(road, 1, np.broadcast_to(road_colour, (n_H, n_W, 3))[road])

    # lane markings: a dashed middle line, sometimes solid edge lines
    line_colour = np.array([0.95, 0.95, 0.9]) if u() < 0.6 else np.array([0.95, 0.8, 0.2])
    width = 0.04 * half + 0.3  # half-width in pixels, wider near the camera
    dash = np.sin(2 * np.pi * u(1.5, 3.0) / np.maximum(depth, 0.05) + u(0, 2 * np.pi)) > -0.2
    lines = road & (np.abs(x - centre) <= width) & dash & (depth > 0.08)
    if u() < 0.5:
        edge = np.abs(np.abs(x - centre) - 0.9 * half) <= width
        lines |= road & edge & (depth > 0.08)
    paint(lines, 2, line_colour)

    # poles and signs beside the road, the farther first
    poles = []
    for _ in range(rng.integers(0, 3)):
        d = u(0.15, 0.9)
        poles.append((d, rng.choice([-1, 1]), u(1.1, 1.5)))
    # vehicles on the road
    cars = [(u(0.2, 0.85), u(-0.6, 0.6)) for _ in range(rng.integers(1, 4))]
    objects = [("pole", p) for p in poles] + [("car", c) for c in cars]
    objects.sort(key=lambda o: o[1][0])  # by depth: the nearest is drawn last
    for kind, params in objects:
        d = params[0]
        base_y = horizon + d * (n_H - horizon)  # where the object stands
        c_x = vx + d * (bx - vx)
        if kind == "pole":
            _, side_sign, out = params
            px = c_x + side_sign * out * d * half_bottom
            h = d * n_H * 0.55
            pw = max(0.6, 0.025 * d * n_W)
            pole = (np.abs(x - px) <= pw) & (y <= base_y) & (y >= base_y - h)
            paint(pole, 5, np.full(3, u(0.35, 0.6)))
            r = max(1.2, 0.07 * d * n_W)
            sy = base_y - h
            if u() < 0.5:
                sign = (x - px) ** 2 + (y - sy) ** 2 <= r**2
            else:
                sign = (np.abs(x - px) <= r) & (np.abs(y - sy) <= r)
            sign_colour = [np.array([0.85, 0.1, 0.1]), np.array([0.1, 0.3, 0.8])][rng.integers(2)]
            paint(sign, 5, np.clip(sign_colour + u(-0.05, 0.05, 3), 0, 1))
        else:
            _, offset = params
            cw = d * half_bottom * u(0.35, 0.5)  # half-width of the car
            ch = cw * u(0.8, 1.2)  # its height
            cx = c_x + offset * d * half_bottom
            car = (np.abs(x - cx) <= cw) & (y <= base_y) & (y >= base_y - ch)
            body = np.clip(rng.uniform(0.05, 0.95, 3), 0, 1)
            paint(car, 4, body)
            window = car & (y >= base_y - 0.85 * ch) & (y <= base_y - 0.55 * ch)
            window &= np.abs(x - cx) <= 0.8 * cw
            image[window] = 0.3 * body + np.array([0.1, 0.12, 0.15])
            wheels = (
                car & (y >= base_y - 0.15 * ch) & (np.abs(np.abs(x - cx) - 0.65 * cw) <= 0.2 * cw)
            )
            image[wheels] = 0.08

    # light over the whole image, then noise
    gain = u(0.65, 1.15) * (1 + u(-0.25, 0.25) * (x / n_W - 0.5))
    image *= gain[..., None]
    image += u(0.01, 0.05) * rng.standard_normal(image.shape, dtype=np.float32)
    return np.clip(image, 0, 1), mask
