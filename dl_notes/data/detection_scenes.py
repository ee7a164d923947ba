r"""Shapes on textured backgrounds, with a box and a class for each: the stand-in for W3A1's road photos.

Taught in: Course 4, week 3 (object detection, YOLO) and its lab
[W3A1 · Car detection with YOLO](../../course4/labs/w3a1-car-detection-with-yolo.ipynb).
What the set stands in for is on the [data page](../data.md).

The course's detector is YOLOv2 trained elsewhere on COCO (80 classes); the assignment runs it
on photos of roads taken from a car (drive.ai), and has no labelled boxes of its own.
Training a detector needs images with boxes, and none can be downloaded here, so
[`load_detection_scenes`][dl_notes.data.detection_scenes.load_detection_scenes] draws them
with NumPy: 1 to `max_objects` filled shapes of four classes
([`DETECTION_CLASSES`][dl_notes.data.detection_scenes.DETECTION_CLASSES]) on a square
canvas.

| label | class | drawn as |
|---|---|---|
| 0 | ellipse | an ellipse filling its box |
| 1 | rectangle | the whole box |
| 2 | triangle | apex at the middle of the box's top edge, base along its bottom edge |
| 3 | cross | a plus sign: two bars across the box, each a third as thick as the box |

Each shape has its own size (about 15 % to 45 % of the canvas side) and aspect ratio (from
1:2 to 2:1), so that the boxes have varied shapes and anchor boxes matter. Its colour is
random, but far from the background around it, and carries no information on the class.
Shapes may overlap a little (the IoU of two boxes is at most 0.1); a later shape covers an
earlier one. The background is a random colour with smooth blotches and pixel noise, so
that a detector cannot just look for any non-flat pixel.

**Format.** The number of objects varies from image to image, so boxes and classes come
as Python lists with one array per image (as the ground truth of
[`mean_average_precision`][dl_notes.detection.mean_average_precision] and
[`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets] wants it):

| name | shape | dtype |
|---|---|---|
| `X` (images) | `(m, size, size, 3)` | float32 in [0, 1] |
| `boxes[i]` (boxes of image `i`) | `(n_i, 4)`: $(x_1, y_1, x_2, y_2)$ in pixels, $1 \le n_i \le$ `max_objects` | float32 |
| `classes[i]` | `(n_i,)`: 0 to 3 | int64 |

A box's corners are pixel edges: the shape covers the pixels whose centres lie in it, so
a box `(10, 20, 30, 25)` spans columns 10 to 29 and rows 20 to 24. Everything is NumPy;
every random choice takes a seed and nothing touches NumPy's global generator.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_rng, check_positive
from dl_notes.detection import _iou_matrix

__all__ = ["DETECTION_CLASSES", "draw_detection_scenes", "load_detection_scenes"]

DETECTION_CLASSES = ("ellipse", "rectangle", "triangle", "cross")
"""Names of the classes: `DETECTION_CLASSES[k]` names class `k`."""

_MAX_OVERLAP = 0.1  # largest IoU of two boxes of one image
_TRIES = 30  # placements tried for one shape before giving up on it


# --8<-- [start:load_detection_scenes]
def load_detection_scenes(n_train=800, n_test=200, size=64, max_objects=4, seed=0):
    r"""Scenes of shapes with their boxes and classes, split into a training and a test set.

    Stands in for the road photos of W3A1 (see the module's page). Both sets come from one
    generator, the test set after the training set, so they share no scene.

    Source and license: generated here (no data file); the images and this code are ours,
    MIT like the rest of dl_notes. The default 1,000 scenes take about a second.

    Parameters
    ----------
    n_train : int, default 800
        Training scenes.
    n_test : int, default 200
        Test scenes.
    size : int, default 64
        Side of the square canvas in pixels, at least 32.
    max_objects : int, default 4
        Each scene holds 1 to `max_objects` shapes (uniformly; fewer when a shape finds no
        place that overlaps the others little enough, which is rare).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    X_train : ndarray of float32, shape (n_train, size, size, 3)
        Pixels in [0, 1].
    boxes_train : list of ndarray of float32, shape (n_i, 4) each
        $(x_1, y_1, x_2, y_2)$ in pixels, one list entry per image.
    classes_train : list of ndarray of int64, shape (n_i,) each
        0 to 3, see [`DETECTION_CLASSES`][dl_notes.data.detection_scenes.DETECTION_CLASSES].
    X_test : ndarray of float32, shape (n_test, size, size, 3)
    boxes_test : list of ndarray of float32
    classes_test : list of ndarray of int64

    Examples
    --------
    >>> X, boxes, classes, X_t, boxes_t, classes_t = load_detection_scenes(5, 2, seed=0)
    >>> X.shape, X_t.shape, len(boxes), boxes[0].shape[1], classes[0].dtype.name
    ((5, 64, 64, 3), (2, 64, 64, 3), 5, 4, 'int64')
    """
    where = "load_detection_scenes"
    check_positive(n_train, "n_train", where, integer=True)
    check_positive(n_test, "n_test", where, integer=True)
    size, max_objects = _check_scene_options(size, max_objects, where)
    rng = as_rng(seed, where)
    train = _draw_scenes(int(n_train), size, max_objects, rng)
    test = _draw_scenes(int(n_test), size, max_objects, rng)
    return (*train, *test)


# --8<-- [end:load_detection_scenes]


def draw_detection_scenes(m, size=64, max_objects=4, seed=0):
    r"""Draw `m` scenes of shapes: the images, and the box and class of every shape.

    Parameters
    ----------
    m : int
        Number of scenes.
    size : int, default 64
        Side of the square canvas, at least 32.
    max_objects : int, default 4
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    X : ndarray of float32, shape (m, size, size, 3)
    boxes : list of ndarray of float32, shape (n_i, 4) each
        $(x_1, y_1, x_2, y_2)$ in pixels.
    classes : list of ndarray of int64, shape (n_i,) each
    """
    where = "draw_detection_scenes"
    check_positive(m, "m", where, integer=True)
    size, max_objects = _check_scene_options(size, max_objects, where)
    return _draw_scenes(int(m), size, max_objects, as_rng(seed, where))


def _check_scene_options(size, max_objects, where):
    check_positive(size, "size", where, integer=True)
    check_positive(max_objects, "max_objects", where, integer=True)
    if size < 32:
        raise ValueError(f"{where}: size must be at least 32 pixels, but {size} was given.")
    return int(size), int(max_objects)


def _draw_scenes(m, size, max_objects, rng):
    X = _backgrounds(m, size, rng)  # (m, size, size, 3)
    boxes, classes = [], []
    for i in range(m):
        b, c = _draw_shapes(X[i], max_objects, rng)  # draws on X[i] in place
        boxes.append(b)
        classes.append(c)
    np.clip(X, 0, 1, out=X)
    return X, boxes, classes


def _backgrounds(m, size, rng):
    """A random colour per image with smooth blotches (coarse noise, upsampled) and pixel noise."""
    base = rng.uniform(0.15, 0.85, (m, 1, 1, 3))
    coarse = rng.normal(0, 1, (m, 5, 5, 3))  # (m, 5, 5, 3)
    t = np.linspace(0, 4, size)  # bilinear upsampling of the coarse grid: a (size, 5) matrix
    U = np.maximum(0, 1 - np.abs(t[:, None] - np.arange(5)[None, :])).astype(np.float32)
    smooth = np.einsum("ia,jb,mabc->mijc", U, U, coarse.astype(np.float32), optimize=True)
    #        (m, size, size, 3)
    noise = rng.standard_normal((m, size, size, 3), dtype=np.float32)
    return (base + 0.08 * smooth).astype(np.float32) + np.float32(0.03) * noise


def _shape_mask(k, w, h):
    """Mask of shape `k` drawn in a box `w` pixels wide, `h` tall: (h, w) of bool."""
    v, u = np.mgrid[0:h, 0:w]
    u = (u + 0.5) / w * 2 - 1  # pixel centres, -1 to 1 across the box
    v = (v + 0.5) / h * 2 - 1
    if k == 0:  # ellipse
        return u**2 + v**2 <= 1
    if k == 1:  # rectangle
        return np.ones((h, w), bool)
    if k == 2:  # triangle: apex at the top middle, base at the bottom
        return np.abs(u) <= (v + 1) / 2
    return (np.abs(u) <= 1 / 3) | (np.abs(v) <= 1 / 3)  # cross


def _draw_shapes(image, max_objects, rng):
    """Draw 1 to `max_objects` shapes on `image` (size, size, 3); return their boxes, classes."""
    size = image.shape[0]
    n = int(rng.integers(1, max_objects + 1))
    boxes = np.zeros((0, 4))
    classes = []
    for _ in range(n):
        k = int(rng.integers(len(DETECTION_CLASSES)))
        for _ in range(_TRIES):
            side = rng.uniform(0.15, 0.45) * size  # geometric mean of w and h
            aspect = np.exp(rng.uniform(np.log(0.5), np.log(2.0)))  # w / h
            w = int(np.clip(round(side * np.sqrt(aspect)), 6, size // 2))
            h = int(np.clip(round(side / np.sqrt(aspect)), 6, size // 2))
            x1, y1 = int(rng.integers(0, size - w + 1)), int(rng.integers(0, size - h + 1))
            box = np.array([[x1, y1, x1 + w, y1 + h]], float)
            if len(boxes) == 0 or _iou_matrix(box, boxes).max() <= _MAX_OVERLAP:
                break
        else:
            continue  # no room: the scene has one shape fewer
        mask = _shape_mask(k, w, h)
        region = image[y1 : y1 + h, x1 : x1 + w]  # (h, w, 3), a view
        around = region.mean(axis=(0, 1))
        colour = rng.uniform(0, 1, 3)
        while np.abs(colour - around).mean() < 0.3:  # far enough from the background
            colour = rng.uniform(0, 1, 3)
        shading = 1 + 0.1 * np.linspace(-1, 1, h)[:, None, None]  # light from above
        region[mask] = (colour * shading * np.ones((h, w, 1)))[mask]
        region[mask] += rng.normal(0, 0.02, (int(mask.sum()), 3))
        boxes = np.concatenate([boxes, box])
        classes.append(k)
    return boxes.astype(np.float32), np.array(classes, np.int64)
