r"""Image sets made here: digits placed in larger frames, labels per attribute, cartoon faces.

Taught in: Course 3, [week 2](../../course3/week2.md#transfer-learning): the labs
[W2 · Transfer learning](../../course3/labs/w2-transfer-learning.ipynb) and
[W2 · Multi-task learning](../../course3/labs/w2-multitask-learning.ipynb); Course 4, week 1:
the lab [W1A2 · Convolution application](../../course4/labs/w1a2-convolution-application.ipynb)
(the faces of [`load_happy_dataset`][dl_notes.data.synthetic_vision.load_happy_dataset]). What
each set stands in for is on the [data page](../data.md).

The course teaches transfer and multi-task learning in lectures only. To measure them, the
labs make harder images and richer labels out of the handwritten digits of
[`load_mnist_digits`][dl_notes.data.images.load_mnist_digits]:

- make the images harder, each digit at a random place in a larger frame:
  [`place_digits`][dl_notes.data.synthetic_vision.place_digits];
- several yes/no labels per image ("even", "at least 5", ...):
  [`digit_attributes`][dl_notes.data.synthetic_vision.digit_attributes] and
  [`ATTRIBUTES`][dl_notes.data.synthetic_vision.ATTRIBUTES];
- remove some labels, as when nobody labelled them:
  [`hide_labels`][dl_notes.data.synthetic_vision.hide_labels];
- a small training set with the same number of images of each class:
  [`balanced_subset`][dl_notes.data.synthetic_vision.balanced_subset].

Everything here is NumPy: the arrays are laid out as Keras wants them (examples in rows,
a channel axis last), but making them needs no TensorFlow. Every random choice takes a
seed and nothing touches NumPy's global generator.

Course 4's W1A2 classifies photos of faces, smiling or not ("Happy House"), which cannot be
downloaded: [`load_happy_dataset`][dl_notes.data.synthetic_vision.load_happy_dataset] draws
cartoon faces instead, with NumPy alone, in the course's sizes and format.

| name | shape | dtype |
|---|---|---|
| `X_train_orig` (from `load_mnist_digits`) | `(m, 28, 28)` | uint8 |
| `X` from `place_digits(X_train_orig, size=36)` | `(m, 36, 36, 1)` | float32 in [0, 1] |
| `Y` from `digit_attributes(Y_train_orig)` | `(m, 4)` | float32: 0, 1 (`nan` if hidden) |
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, as_rng, check_interval, check_positive

__all__ = [
    "ATTRIBUTES",
    "place_digits",
    "digit_attributes",
    "hide_labels",
    "balanced_subset",
    "load_happy_dataset",
    "HAPPY_CLASSES",
]

ATTRIBUTES = {
    "even": (0, 2, 4, 6, 8),
    "at least 5": (5, 6, 7, 8, 9),
    "closed loop": (0, 6, 8, 9),
    "prime": (2, 3, 5, 7),
}
"""The four yes/no questions asked about a digit: question -> the digits answered yes.

"closed loop" follows the usual handwriting, in which 4 is written open.
"""


# --8<-- [start:data]
def place_digits(X_orig, size=36, seed=0):
    r"""Put each 28x28 digit at a random position in a larger black frame, and scale to [0, 1].

    MNIST digits are centred, so their raw pixels already line up from one image to the next,
    and a network fits them well from a handful of examples. In photos the object can be
    anywhere. Shifting each digit by a random offset of up to `size - 28` pixels in each
    direction (uniform, independently for rows and columns) makes the pixels alone a much
    weaker clue: the network has to learn features that find strokes wherever they are.

    Parameters
    ----------
    X_orig : ndarray, shape (m, 28, 28)
        Images with pixels in 0..255, e.g. `X_train_orig` from
        [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits].
    size : int, default 36
        Side of the frame, at least 28 (28 returns the digits where they are).
    seed : int or numpy.random.Generator or None, default 0
        Seed of the offsets.

    Returns
    -------
    X : ndarray of float32, shape (m, size, size, 1)
        The framed images, pixels in [0, 1], with the channel axis Keras convolutions expect.

    Examples
    --------
    >>> X = place_digits(np.full((2, 28, 28), 255, np.uint8), size=30, seed=0)
    >>> X.shape, float(X.sum(axis=(1, 2, 3))[0]) == 28 * 28
    ((2, 30, 30, 1), True)
    """
    where = "place_digits"
    X_orig = as_array(X_orig, "X_orig", where)
    if X_orig.ndim != 3 or X_orig.shape[1:] != (28, 28):
        raise ValueError(
            f"{where}: X_orig must have shape (m, 28, 28), but it has shape {X_orig.shape}."
        )
    check_positive(size, "size", where, integer=True)
    size = int(size)
    if size < 28:
        raise ValueError(
            f"{where}: size must be at least 28 (the side of a digit), but {size} was given."
        )
    rng = as_rng(seed, where)
    m = X_orig.shape[0]
    top, left = rng.integers(0, size - 28 + 1, size=(2, m))
    rows = top[:, None, None] + np.arange(28)[None, :, None]  # (m, 28, 1)
    cols = left[:, None, None] + np.arange(28)[None, None, :]  # (m, 1, 28)
    X = np.zeros((m, size, size), np.float32)
    X[np.arange(m)[:, None, None], rows, cols] = X_orig / 255.0
    return X[..., None]


def digit_attributes(Y_orig, attributes=None):
    r"""Several yes/no labels per digit: one column per question of `attributes`.

    Like the course's road images labelled for pedestrian, car, stop sign and traffic light at
    once, each digit gets $n_y$ binary labels:

    $$Y_{ij} = \mathbb{1}\big[\text{digit}^{(i)} \in S_j\big], \qquad j = 1, \dots, n_y,$$

    where $S_j$ is the set of digits for which question $j$ is answered yes.

    Parameters
    ----------
    Y_orig : ndarray of int, shape (1, m) or (m,)
        Digits 0..9, e.g. `Y_train_orig` from
        [`load_mnist_digits`][dl_notes.data.images.load_mnist_digits].
    attributes : dict of str to iterable of int, optional
        Question name -> digits answered yes. Default
        [`ATTRIBUTES`][dl_notes.data.synthetic_vision.ATTRIBUTES]: even, at least 5, closed
        loop (0, 6, 8, 9), prime.

    Returns
    -------
    Y : ndarray of float32, shape (m, n_y)
        0 or 1; column `j` answers the `j`-th question of `attributes`.

    Examples
    --------
    >>> digit_attributes(np.array([[0, 7]]))
    array([[1., 0., 1., 0.],
           [0., 1., 0., 1.]], dtype=float32)
    """
    where = "digit_attributes"
    attributes = ATTRIBUTES if attributes is None else attributes
    if not isinstance(attributes, dict) or not attributes:
        raise TypeError(
            f"{where}: attributes must be a non-empty dict of question name -> digits, such as "
            f"{{'even': (0, 2, 4, 6, 8)}}, but {attributes!r} was given."
        )
    Y_orig = np.asarray(Y_orig)
    if Y_orig.ndim == 2 and Y_orig.shape[0] == 1:
        Y_orig = Y_orig[0]
    if Y_orig.ndim != 1:
        raise ValueError(
            f"{where}: Y_orig must have shape (1, m) or (m,), but it has shape {Y_orig.shape}."
        )
    if Y_orig.dtype.kind not in "ui" or (
        Y_orig.size and not 0 <= Y_orig.min() <= Y_orig.max() <= 9
    ):
        raise ValueError(
            f"{where}: Y_orig must hold integer digits 0..9, but it holds {np.unique(Y_orig)[:10]}."
        )
    return np.stack(
        [np.isin(Y_orig, list(digits)) for digits in attributes.values()], axis=1
    ).astype(np.float32)


def hide_labels(Y, fraction, seed=0):
    r"""A copy of `Y` with a random `fraction` of its entries replaced by `nan` ("not labelled").

    Each entry is hidden independently with probability `fraction`, so an image may keep all
    its labels, some of them, or none.

    Parameters
    ----------
    Y : ndarray, shape (m, n_y)
        Labels 0 or 1.
    fraction : float
        Probability of hiding each label, in [0, 1).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    Y_missing : ndarray of float32, shape (m, n_y)
        `Y` with `nan` where a label is hidden.
    """
    where = "hide_labels"
    Y = as_array(Y, "Y", where)
    if Y.ndim != 2:
        raise ValueError(
            f"{where}: Y must have shape (m, n_y), one row per example, but it has shape {Y.shape}."
        )
    check_interval(fraction, "fraction", where, 0, 1)
    rng = as_rng(seed, where)
    Y_missing = Y.astype(np.float32)
    Y_missing[rng.random(Y.shape) < fraction] = np.nan
    return Y_missing


def balanced_subset(y, n_per_class, seed=0):
    r"""Indices of a random training subset with `n_per_class` examples of every class of `y`.

    Parameters
    ----------
    y : ndarray of int, shape (m,) or (1, m)
        Class labels.
    n_per_class : int
        How many examples of each class to draw (without replacement).
    seed : int or numpy.random.Generator or None, default 0

    Returns
    -------
    idx : ndarray of int, shape (n_classes * n_per_class,)
        Positions in `y`, shuffled (not grouped by class).

    Examples
    --------
    >>> idx = balanced_subset(np.array([0, 0, 1, 1, 1, 2, 2]), 2)
    >>> sorted(np.array([0, 0, 1, 1, 1, 2, 2])[idx].tolist())
    [0, 0, 1, 1, 2, 2]
    """
    where = "balanced_subset"
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == 1:
        y = y[0]
    if y.ndim != 1 or y.dtype.kind not in "ui":
        raise ValueError(
            f"{where}: y must be integer labels of shape (m,) or (1, m), but it has shape "
            f"{y.shape} and dtype {y.dtype}."
        )
    check_positive(n_per_class, "n_per_class", where, integer=True)
    classes, counts = np.unique(y, return_counts=True)
    if counts.min() < n_per_class:
        raise ValueError(
            f"{where}: class {classes[counts.argmin()]} has only {counts.min()} examples, "
            f"fewer than n_per_class={n_per_class}."
        )
    rng = as_rng(seed, where)
    idx = np.concatenate(
        [rng.choice(np.flatnonzero(y == c), int(n_per_class), replace=False) for c in classes]
    )
    return rng.permutation(idx)


# --8<-- [end:data]


# --- Course 4, W1A2: "Happy House" faces, drawn here -----------------------------------

HAPPY_CLASSES = np.array(["not smiling", "smiling"])
"""Names of the labels of [`load_happy_dataset`][dl_notes.data.synthetic_vision.load_happy_dataset]:
`HAPPY_CLASSES[y]` names label `y`."""


# --8<-- [start:load_happy_dataset]
def load_happy_dataset(n_train=600, n_test=150, size=64, seed=0):
    r"""Cartoon faces, smiling or not, drawn here: the stand-in for W1A2's "Happy House".

    The course's `happyModel` learns to tell smiling faces from the others on 600 + 150
    photos (64x64 RGB) of people at the door of the Happy House. Those photos cannot be
    downloaded, so this function draws faces with NumPy. Each image has a face (an ellipse)
    at a random position and of a random size and skin colour, sometimes with hair, two eyes
    of a random shape (round to slit), and a mouth: an arc whose curvature decides the label.
    The corners of a smiling mouth are higher than its middle; a mouth that is not smiling
    is flat or turned down. The mouth's width, thickness, colour and tilt vary too. Behind
    the face is the house's wall, the same in every photo but for its light: its colour
    shifts a little, and a gradient and a striped texture cross it. The whole image carries
    Gaussian noise of a random strength. Only the mouth's curvature tells the classes apart;
    the rest varies in the same way in both, so a classifier has to find a small part of the
    face wherever the face is.

    Both sets hold as many smiling as other faces (one more of the other for an odd size),
    in a shuffled order. Pixels are `uint8` in 0..255 and the labels a row vector, as the
    course's `load_happy_dataset()` returns them, so its `X_train_orig / 255.` and
    `Y_train_orig.T` apply unchanged.

    Source and license: generated here (no data file); the images and this code are ours,
    MIT like the rest of dl_notes. Drawing the default 750 faces takes under a second.

    Parameters
    ----------
    n_train : int, default 600
        Training images (the course's 600).
    n_test : int, default 150
        Test images (the course's 150).
    size : int, default 64
        Height and width of an image in pixels, at least 32 (the course's 64).
    seed : int or numpy.random.Generator or None, default 0
        Seed of every random choice: the same seed draws the same faces.

    Returns
    -------
    X_train_orig : ndarray of uint8, shape (n_train, size, size, 3)
        RGB images, pixels in 0..255.
    Y_train_orig : ndarray of int64, shape (1, n_train)
        1 for a smiling face, 0 otherwise.
    X_test_orig : ndarray of uint8, shape (n_test, size, size, 3)
    Y_test_orig : ndarray of int64, shape (1, n_test)
    classes : ndarray of str, shape (2,)
        [`HAPPY_CLASSES`][dl_notes.data.synthetic_vision.HAPPY_CLASSES],
        `["not smiling", "smiling"]`: `classes[y]` names label `y`.

    Examples
    --------
    >>> X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes = load_happy_dataset()
    >>> X_train_orig.shape, Y_train_orig.shape, X_test_orig.shape, Y_test_orig.shape
    ((600, 64, 64, 3), (1, 600), (150, 64, 64, 3), (1, 150))
    >>> int(Y_train_orig.sum()), int(Y_test_orig.sum()), classes.tolist()
    (300, 75, ['not smiling', 'smiling'])
    """
    where = "load_happy_dataset"
    check_positive(n_train, "n_train", where, integer=True)
    check_positive(n_test, "n_test", where, integer=True)
    check_positive(size, "size", where, integer=True)
    if size < 32:
        raise ValueError(
            f"{where}: size must be at least 32 pixels, so that a face shows its "
            f"eyes and mouth, but {size!r} was given."
        )
    rng = as_rng(seed, where)
    sets = []
    for m in (int(n_train), int(n_test)):
        y = rng.permutation(np.arange(m) % 2).astype(np.int64)  # m // 2 smiling, shuffled
        faces = _face_parameters(y, rng)
        sets += [_draw_faces(faces, int(size)), y[None, :]]
    return (*sets, HAPPY_CLASSES.copy())


# --8<-- [end:load_happy_dataset]


def _face_parameters(y, rng):
    """Draw one face's parameters per label of `y` (1 = smiling): a dict of arrays of shape (m,).

    Lengths are fractions of the image's side; colours are RGB in [0, 1], shape (m, 3).
    """
    m = len(y)
    u = rng.uniform
    r = u(0.28, 0.34, m)  # the face's half-width
    tone = u(0, 1, m)[:, None]
    light, dark = np.array([0.98, 0.84, 0.72]), np.array([0.36, 0.23, 0.16])
    mouth_w = r * u(0.4, 0.6, m)  # half-width of the mouth
    curve = np.where(y == 1, u(0.4, 0.9, m), u(-0.9, 0.05, m))
    return {
        "bg": np.array([0.72, 0.62, 0.5]) + u(-0.1, 0.1, (m, 3)),  # the house's wall, lit anew
        "bg_grad": u(-0.15, 0.15, (m, 2)),  # brightness change across x and y
        "bg_stripes": np.stack([u(0, 0.1, m), u(0, np.pi, m), u(2, 10, m), u(0, 2 * np.pi, m)], 1),
        "cx": u(0.46, 0.54, m),
        "cy": u(0.45, 0.53, m),  # near the middle, as at a door
        "rx": r,
        "ry": r * u(1.0, 1.25, m),
        "skin": np.clip(light + tone * (dark - light) + u(-0.05, 0.05, (m, 3)), 0, 1),
        "hair": np.where(u(0, 1, m) < 0.6, u(-0.75, -0.2, m), -2.0),  # hairline (in face radii)
        "hair_colour": u(0.0, 0.6, (m, 1)) * np.array([1.0, 0.8, 0.5]) + u(0, 0.1, (m, 3)),
        "eye_dx": r * u(0.3, 0.42, m),
        "eye_dy": r * u(0.15, 0.35, m),
        "eye_rx": r * u(0.07, 0.14, m),
        "eye_ratio": u(0.3, 1.3, m),
        "eye_colour": u(0.0, 0.25, (m, 3)),
        "mouth_x": r * u(-0.05, 0.05, m),
        "mouth_y": r * u(0.35, 0.5, m),
        "mouth_w": mouth_w,
        "curve": curve * mouth_w,  # depth of the arc; > 0 is a smile
        "tilt": u(-0.15, 0.15, m),
        "mouth_t": u(0.04, 0.065, m),
        "mouth_colour": np.stack([u(0.35, 0.75, m), u(0.0, 0.25, m), u(0.0, 0.25, m)], 1),
        "noise": u(0.02, 0.06, m),
        "noise_seed": rng.integers(0, 2**31, m),
    }


def _draw_faces(p, size, chunk=128):
    """Render the faces of `_face_parameters` as uint8 images of shape (m, size, size, 3)."""
    m = len(p["cx"])
    out = np.empty((m, size, size, 3), np.uint8)
    for start in range(0, m, chunk):
        part = {k: v[start : start + chunk] for k, v in p.items()}
        out[start : start + chunk] = _draw_chunk(part, size)
    return out


def _draw_chunk(p, size):
    p = {k: v if k == "noise_seed" else v.astype(np.float32) for k, v in p.items()}

    def col(name):  # (k,) -> (k, 1, 1) for broadcasting
        return p[name][:, None, None] * size

    def paint(image, coverage, colour):  # coverage (k, s, s), colour (k, 3)
        colour = colour[:, None, None, :].astype(np.float32)
        image += coverage[..., None] * (colour - image)  # in place: a blend per pixel
        return image

    y, x = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5  # pixel centres, (s, s) each
    x, y = x[None], y[None]
    # background: a colour, a gradient and stripes
    s = p["bg_stripes"]
    stripes = s[:, 0, None, None] * np.sin(
        2
        * np.pi
        * s[:, 2, None, None]
        / size
        * (x * np.cos(s[:, 1, None, None]) + y * np.sin(s[:, 1, None, None]))
        + s[:, 3, None, None]
    )
    shade = (
        p["bg_grad"][:, 0, None, None] * (x / size - 0.5)
        + p["bg_grad"][:, 1, None, None] * (y / size - 0.5)
        + stripes
    )
    image = np.clip(p["bg"][:, None, None, :] + shade[..., None], 0, 1).astype(np.float32)
    # the face, with a darker outline, and the hair
    cx, cy, rx, ry = col("cx"), col("cy"), col("rx"), col("ry")
    rho = np.sqrt(((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2)
    edge = (rho - 1) * np.minimum(rx, ry)  # about the distance to the outline, px
    image = paint(image, np.clip(1.5 - edge, 0, 1), 0.6 * p["skin"])
    image = paint(image, np.clip(0.5 - edge, 0, 1), p["skin"])
    hairline = cy + p["hair"][:, None, None] * ry
    hair = np.clip(1.5 - edge, 0, 1) * np.clip(hairline - y + 0.5, 0, 1)
    image = paint(image, hair, np.clip(p["hair_colour"], 0, 1))
    # the eyes: two ellipses, round to slit
    erx = col("eye_rx")
    ery = erx * p["eye_ratio"][:, None, None]
    for side in (-1, 1):
        ex, ey = cx + side * col("eye_dx"), cy - col("eye_dy")
        d = (np.sqrt(((x - ex) / erx) ** 2 + ((y - ey) / ery) ** 2) - 1) * np.minimum(erx, ery)
        image = paint(image, np.clip(0.5 - d, 0, 1), p["eye_colour"])
    # the mouth: an arc y(x) = my + curve (1 - u^2) + tilt (x - mx), u = (x - mx) / w
    mx, my, w = cx + col("mouth_x"), cy + col("mouth_y"), col("mouth_w")
    curve, tilt = col("curve"), p["tilt"][:, None, None]
    t = (x - mx) / w
    arc = my + curve * (1 - t**2) + tilt * (x - mx)
    slope = -2 * curve * t / w + tilt
    across = np.abs(y - arc) / np.sqrt(1 + slope**2) - col("mouth_t") / 2
    along = np.abs(x - mx) - w
    d = np.maximum(across, along)
    image = paint(image, np.clip(0.5 - d, 0, 1), p["mouth_colour"])
    # noise, then 8-bit pixels
    noise = np.stack(
        [
            np.random.default_rng(n).standard_normal((size, size, 3), np.float32)
            for n in p["noise_seed"]
        ]
    )
    image = image + p["noise"][:, None, None, None] * noise
    return np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
