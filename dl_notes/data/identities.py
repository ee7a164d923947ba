r"""Cartoon faces of made-up people, many photos of each: the stand-in for W4A1's faces.

Taught in: Course 4, [week 4](../../course4/week4.md#siamese-networks) (face verification and
recognition, one-shot learning, the triplet loss) and its lab
[W4A1 · Face recognition](../../course4/labs/w4a1-face-recognition.ipynb).

The assignment encodes photos of people (the FaceNet encoder, trained on millions of faces)
and checks a photo at the door against a database holding one photo per employee. No set of
faces with identities can be had offline (scikit-image's `lfw_subset` only tells faces from
non-faces), so this module draws people with NumPy. A person (an *identity*) is a set of
features drawn once and kept for every photo of them:

- the face's size and shape (width, height to width) and the skin's colour;
- the hair: where the hairline sits, whether the hair falls down the sides, its colour;
- the eyes: spacing, height, size, shape (round to slit) and colour; the eyebrows' slant;
- the nose's length and width; the mouth's height, width, thickness and colour.

Each photo of a person changes what a camera and a mood change:

- pose: the face shifts (up to 6 % of the image), turns in the image plane (up to $\pm 12°$)
  and is nearer or farther (scale 0.9 to 1.1);
- light: brighter or darker (a factor 0.75 to 1.15) and lit from one side;
- expression: the mouth smiles, stays flat or turns down; the eyes open wider or narrow;
- the background's colour and the camera's noise.

So two photos of one person differ, pixel by pixel, by about as much as photos of two
people: what stays the same is the geometry of the face, and an encoder has to learn it.
[`load_identities_dataset`][dl_notes.data.identities.load_identities_dataset] returns
training, validation and test photos of **different** people, so that verification and
recognition are measured on people the encoder never saw, as at the assignment's door.

| name | shape | dtype |
|---|---|---|
| `X_train`, `X_val`, `X_test` | `(m, size, size, 3)` | uint8, 0..255 |
| `y_train`, `y_val`, `y_test` | `(m,)`: the person in each photo | int64 |

Source and license: generated here (no data file); the images and this code are ours, MIT like
the rest of dl_notes. Drawing the default 2,600 photos of 32x32 pixels takes about half a second.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_rng, check_positive

__all__ = [
    "make_identities",
    "draw_faces",
    "load_identities_dataset",
]

#: Hair colours: black, dark brown, brown, auburn, blond, grey (RGB in [0, 1]).
_HAIR = np.array(
    [
        [0.08, 0.07, 0.07],
        [0.25, 0.15, 0.08],
        [0.45, 0.30, 0.16],
        [0.60, 0.25, 0.10],
        [0.85, 0.72, 0.40],
        [0.65, 0.65, 0.65],
    ]
)


def make_identities(n_identities, seed=0):
    r"""Draw the fixed features of `n_identities` made-up people.

    Lengths are fractions of the face's half-width $r$ (or, for $r$, of the image's side);
    colours are RGB in [0, 1]. The features and their ranges are listed in the
    module's description above.

    Parameters
    ----------
    n_identities : int
        How many people.
    seed : int or numpy.random.Generator or None, default 0
        Seed of the features: the same seed draws the same people.

    Returns
    -------
    identities : dict of str to ndarray
        One entry per feature, each of shape `(n_identities,)` (colours `(n_identities, 3)`).

    Examples
    --------
    >>> people = make_identities(3)
    >>> people["face_r"].shape, people["skin"].shape
    ((3,), (3, 3))
    """
    where = "make_identities"
    check_positive(n_identities, "n_identities", where, integer=True)
    rng = as_rng(seed, where)
    n = int(n_identities)
    u = rng.uniform
    light, dark = np.array([0.98, 0.84, 0.72]), np.array([0.36, 0.23, 0.16])
    return {
        "face_r": u(0.27, 0.35, n),  # half-width of the face, fraction of the image
        "face_aspect": u(1.0, 1.4, n),  # height / width
        "skin": np.clip(light + u(0, 1, (n, 1)) * (dark - light) + u(-0.05, 0.05, (n, 3)), 0, 1),
        "hairline": u(-0.95, -0.25, n),  # in face radii above the centre
        "hair_sides": (u(0, 1, n) < 0.4).astype(float),  # long hair down the sides
        "hair_colour": _HAIR[rng.integers(0, len(_HAIR), n)] + u(-0.04, 0.04, (n, 3)),
        "eye_dx": u(0.28, 0.46, n),
        "eye_dy": u(0.05, 0.35, n),
        "eye_r": u(0.08, 0.16, n),
        "eye_ratio": u(0.35, 1.1, n),  # height / width of an open eye
        "eye_colour": u(0.0, 0.35, (n, 3)),
        "brow_slant": u(-0.25, 0.25, n),
        "nose_l": u(0.12, 0.38, n),
        "nose_w": u(0.05, 0.14, n),
        "mouth_y": u(0.38, 0.62, n),
        "mouth_w": u(0.22, 0.5, n),
        "mouth_t": u(0.08, 0.16, n),
        "mouth_colour": np.stack([u(0.4, 0.8, n), u(0.05, 0.3, n), u(0.05, 0.3, n)], 1),
    }


# --8<-- [start:draw_faces]
def draw_faces(identities, y, size=32, seed=0):
    r"""Photos of the people `y`: each face in a new pose, light and expression.

    Photo $i$ shows person `y[i]` of `identities`, with the person's fixed features and a new
    draw of everything a photo changes (listed in the module's description above).

    Parameters
    ----------
    identities : dict of str to ndarray
        People from [`make_identities`][dl_notes.data.identities.make_identities].
    y : ndarray of int, shape (m,)
        Which person each photo shows: indices into `identities`, 0 to `n_identities - 1`.
    size : int, default 32
        Height and width of a photo in pixels, at least 24.
    seed : int or numpy.random.Generator or None, default 0
        Seed of the pose, light, expression, background and noise.

    Returns
    -------
    X : ndarray of uint8, shape (m, size, size, 3)
        RGB photos, pixels in 0..255.
    """
    where = "draw_faces"
    if not isinstance(identities, dict) or "face_r" not in identities:
        raise TypeError(
            f"{where}: identities must be the dict that make_identities returns, but a "
            f"{type(identities).__name__} was given."
        )
    n = len(identities["face_r"])
    y = np.asarray(y)
    if y.ndim != 1 or (y.size and y.dtype.kind not in "ui"):
        raise ValueError(
            f"{where}: y must be a 1-D array of integer identities, shape (m,), but it has shape "
            f"{y.shape} and dtype {y.dtype}."
        )
    if y.size and not 0 <= y.min() <= y.max() < n:
        raise ValueError(
            f"{where}: y must hold identities 0 to {n - 1} (identities has {n} people), but it "
            f"holds {y.min()} to {y.max()}."
        )
    check_positive(size, "size", where, integer=True)
    if size < 24:
        raise ValueError(
            f"{where}: size must be at least 24 pixels, so that a face shows its eyes, nose and "
            f"mouth, but {size!r} was given."
        )
    rng = as_rng(seed, where)
    photo = _photo_parameters(len(y), rng)
    person = {k: v[y] for k, v in identities.items()}  # (m, ...) each
    return _draw(person, photo, int(size))


# --8<-- [end:draw_faces]


# --8<-- [start:load_identities_dataset]
def load_identities_dataset(
    n_identities=(300, 40, 40), n_per_identity=(6, 10, 10), size=32, seed=0
):
    r"""Photos of made-up people, split into training, validation and test sets of different people.

    Draws `sum(n_identities)` people with
    [`make_identities`][dl_notes.data.identities.make_identities]; the first
    `n_identities[0]` are the training people, the next `n_identities[1]` the validation
    people, the last `n_identities[2]` the test people. Each person has `n_per_identity[k]`
    photos in split `k`, drawn by [`draw_faces`][dl_notes.data.identities.draw_faces]. A
    person's label is their number among all people, so labels never repeat across splits.
    Within a split the photos are shuffled.

    Train the encoder on the training people, choose the verification threshold on the
    validation people, measure on the test people: all three are strangers to one another,
    as a new employee at the door is a stranger to FaceNet.

    Parameters
    ----------
    n_identities : tuple of 3 int, default (300, 40, 40)
        People in the training, validation and test sets, each at least 2. Many people
        with few photos each teach an encoder more about new people than few people with
        many photos.
    n_per_identity : tuple of 3 int, default (6, 10, 10)
        Photos of each person in each set, each at least 2 (a pair of the same person).
    size : int, default 32
        Height and width of a photo in pixels, at least 24.
    seed : int or numpy.random.Generator or None, default 0
        Seed of the people and their photos: the same seed draws the same sets.

    Returns
    -------
    X_train : ndarray of uint8, shape (n_identities[0] * n_per_identity[0], size, size, 3)
    y_train : ndarray of int64, shape (n_identities[0] * n_per_identity[0],)
        Labels 0 to `n_identities[0] - 1`.
    X_val : ndarray of uint8, shape (n_identities[1] * n_per_identity[1], size, size, 3)
    y_val : ndarray of int64, shape (n_identities[1] * n_per_identity[1],)
        Labels `n_identities[0]` to `n_identities[0] + n_identities[1] - 1`.
    X_test : ndarray of uint8, shape (n_identities[2] * n_per_identity[2], size, size, 3)
    y_test : ndarray of int64, shape (n_identities[2] * n_per_identity[2],)
        The last `n_identities[2]` labels.

    Examples
    --------
    >>> X_train, y_train, X_val, y_val, X_test, y_test = load_identities_dataset()
    >>> X_train.shape, X_val.shape, X_test.shape
    ((1800, 32, 32, 3), (400, 32, 32, 3), (400, 32, 32, 3))
    >>> set(y_train) & set(y_val), set(y_val) & set(y_test)
    (set(), set())
    """
    where = "load_identities_dataset"
    n_identities = _three_counts(n_identities, "n_identities", where)
    n_per_identity = _three_counts(n_per_identity, "n_per_identity", where)
    check_positive(size, "size", where, integer=True)
    if size < 24:
        raise ValueError(
            f"{where}: size must be at least 24 pixels, so that a face shows its eyes, nose and "
            f"mouth, but {size!r} was given."
        )
    rng = as_rng(seed, where)
    people = make_identities(sum(n_identities), rng)
    out, first = [], 0
    for n, k in zip(n_identities, n_per_identity):
        y = rng.permutation(np.repeat(np.arange(first, first + n), k)).astype(np.int64)
        person = {key: v[y] for key, v in people.items()}  # the features of each photo's person
        out += [_draw(person, _photo_parameters(len(y), rng), int(size)), y]
        first += n
    return tuple(out)


# --8<-- [end:load_identities_dataset]


def _three_counts(value, name, where):
    try:
        counts = tuple(value)
    except TypeError:
        counts = ()
    ok = len(counts) == 3 and all(
        isinstance(c, (int, np.integer)) and not isinstance(c, bool) and c >= 2 for c in counts
    )
    if not ok:
        raise ValueError(
            f"{where}: {name} must be three ints of at least 2 (training, validation, test), "
            f"but {value!r} was given."
        )
    return tuple(int(c) for c in counts)


def _photo_parameters(m, rng):
    """What changes from one photo to the next: a dict of arrays of shape (m,) or (m, 3)."""
    u = rng.uniform
    return {
        "dx": u(-0.06, 0.06, m),  # shift of the face's centre, fraction of the image
        "dy": u(-0.06, 0.06, m),
        "angle": u(-0.21, 0.21, m),  # radians, +-12 degrees
        "scale": u(0.9, 1.1, m),
        "light": u(0.75, 1.15, m),
        "light_dir": u(0, 2 * np.pi, m),
        "light_grad": u(0.0, 0.35, m),
        "smile": u(-0.5, 0.9, m),  # mouth curvature, in mouth half-widths
        "eye_open": u(0.55, 1.15, m),
        "bg": u(0.15, 0.9, (m, 3)),
        "noise": u(0.02, 0.05, m),
        "noise_seed": rng.integers(0, 2**31, m),
    }


def _draw(person, photo, size, chunk=256):
    """Render photos in chunks: uint8 images of shape (m, size, size, 3)."""
    m = len(photo["dx"])
    out = np.empty((m, size, size, 3), np.uint8)
    for start in range(0, m, chunk):
        part = slice(start, start + chunk)
        out[part] = _draw_chunk(
            {k: v[part] for k, v in person.items()}, {k: v[part] for k, v in photo.items()}, size
        )
    return out


def _draw_chunk(person, photo, size):
    """The drawing, vectorised over a chunk of k photos: coverage masks painted in order."""
    k = len(photo["dx"])

    def c(values):  # (k,) -> (k, 1, 1), to broadcast over the pixels
        return np.asarray(values, np.float32)[:, None, None]

    def paint(image, coverage, colour):  # coverage (k, s, s) in [0, 1], colour (k, 3)
        image += coverage[..., None] * (colour[:, None, None, :].astype(np.float32) - image)

    def ellipse(u, v, ru, rv):  # about the distance in pixels outside an ellipse (< 0 inside)
        return (np.sqrt((u / ru) ** 2 + (v / rv) ** 2) - 1) * np.minimum(ru, rv)

    # pixel centres, then the face's own frame: centred, turned and scaled with the photo
    py, px = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5  # (s, s) each
    x0 = px[None] - c(0.5 + photo["dx"]) * size  # (k, s, s)
    y0 = py[None] - c(0.5 + photo["dy"]) * size
    cos, sin = c(np.cos(photo["angle"])), c(np.sin(photo["angle"]))
    u = cos * x0 + sin * y0  # across the face, pixels
    v = -sin * x0 + cos * y0  # down the face
    r = c(person["face_r"] * photo["scale"]) * size  # the face's half-width, pixels (k, 1, 1)

    image = np.broadcast_to(photo["bg"][:, None, None, :], (k, size, size, 3)).astype(np.float32)
    skin, hair = person["skin"], np.clip(person["hair_colour"], 0, 1)
    face = ellipse(u, v, r, r * c(person["face_aspect"]))
    # long hair: a wider ellipse behind the face, cut off below the chin's height
    behind = ellipse(u, v + 0.15 * r, 1.25 * r, 1.15 * r * c(person["face_aspect"]))
    below = v - 0.6 * r * c(person["face_aspect"])
    paint(image, c(person["hair_sides"]) * np.clip(0.5 - np.maximum(behind, below), 0, 1), hair)
    paint(image, np.clip(1.0 - face, 0, 1), 0.6 * skin)  # outline
    paint(image, np.clip(0.2 - face, 0, 1), skin)
    hairline = c(person["hairline"]) * r * c(person["face_aspect"])
    paint(image, np.clip(1.0 - face, 0, 1) * np.clip(hairline - v + 0.5, 0, 1), hair)
    # eyes (open by the photo's expression) and eyebrows
    eye_r = c(person["eye_r"]) * r
    eye_h = eye_r * c(person["eye_ratio"] * photo["eye_open"])
    for side in (-1.0, 1.0):
        eu, ev = u - side * c(person["eye_dx"]) * r, v + c(person["eye_dy"]) * r
        eye = ellipse(eu, ev, eye_r, np.maximum(eye_h, 0.3))
        paint(image, np.clip(0.5 - eye, 0, 1), person["eye_colour"])
        slant = side * c(person["brow_slant"])
        bv = ev + eye_h + 0.12 * r + slant * eu  # the brow's centre line
        brow = np.maximum(np.abs(eu) - 1.3 * eye_r, np.abs(bv) - 0.06 * r - 0.3)
        paint(image, np.clip(0.5 - brow, 0, 1), 0.8 * hair)
    # nose: a narrow darker ellipse below the eyes
    nose_l, nose_w = c(person["nose_l"]) * r, c(person["nose_w"]) * r
    nose = ellipse(u, v - nose_l / 2, np.maximum(nose_w, 0.5), np.maximum(nose_l / 2, 0.5))
    paint(image, 0.7 * np.clip(0.5 - nose, 0, 1), 0.7 * skin)
    # mouth: an arc v(u) = mouth_y - depth t^2, t = u / mouth_w (a smile, depth > 0, lifts the
    # corners: v grows downwards)
    mw = c(person["mouth_w"]) * r
    depth = c(photo["smile"]) * mw * 0.35
    t = u / mw
    arc = c(person["mouth_y"]) * r - depth * t**2
    slope = -2 * depth * t / mw
    across = np.abs(v - arc) / np.sqrt(1 + slope**2) - c(person["mouth_t"]) * r / 2
    paint(image, np.clip(0.5 - np.maximum(across, np.abs(u) - mw), 0, 1), person["mouth_colour"])
    # light: a brightness and a gradient across the image; then the camera's noise
    d = c(np.cos(photo["light_dir"])) * x0 + c(np.sin(photo["light_dir"])) * y0
    image *= (c(photo["light"]) * (1 + c(photo["light_grad"]) * d / size))[..., None]
    noise = np.stack(
        [
            np.random.default_rng(s).standard_normal((size, size, 3), np.float32)
            for s in photo["noise_seed"]
        ]
    )  # (k, s, s, 3)
    image += photo["noise"][:, None, None, None].astype(np.float32) * noise
    return np.round(np.clip(image, 0, 1) * 255).astype(np.uint8)
