r"""Measurable stroke features of handwritten digits, and rules that tag images by them.

Taught in: Course 3, [week 2](../../course3/week2.md) (error analysis) and the
[error analysis lab](../../course3/labs/w2-error-analysis.ipynb), which tags a real
classifier's dev-set errors with these rules and tallies the tags.

Error analysis means looking at misclassified examples and sorting them into categories.
By eye that takes an hour or two per hundred errors, and two people sort differently.
Here each category is a rule on a number measured from the image:

| feature | what it measures | tags |
|---|---|---|
| [`ink`][dl_notes.digit_features.ink] | mean pixel intensity | "thick strokes", "thin strokes" |
| [`slant`][dl_notes.digit_features.slant] | horizontal shift per row, from image moments | "unusual slant" |
| [`loops`][dl_notes.digit_features.loops] | background regions enclosed by ink | "unusual loops" |
| [`pieces`][dl_notes.digit_features.pieces] | separate pieces of ink | "broken strokes" |

What counts as unusual depends on the digit: a 1 has far less ink than a 0, and a 4 with
a closed top has a loop that most 4s lack. So [`fit_norms`][dl_notes.digit_features.fit_norms]
measures the training images of each digit, and a tag marks a value that fewer than a
fraction `q` (10 % by default) of the training images of the same digit have. Each tag
therefore fires on at most about `q` of ordinary training images, and a tag that fires on far more
than `q` of the errors points at a weakness of the model.
[`deskew`][dl_notes.digit_features.deskew] removes slant, the classic fix for slanted digits.

Images are `(m, height, width)` arrays, either `uint8` in 0..255 (as the loaders return
them) or floats in [0, 1]. Everything is vectorized over the `m` images.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_notes._checks import check_interval, check_ndim

__all__ = [
    "TAGS",
    "INK_THRESHOLD",
    "ink",
    "slant",
    "loops",
    "pieces",
    "stroke_features",
    "deskew",
    "DigitNorms",
    "fit_norms",
    "tag_images",
    "tag_errors",
]

#: Every tag the rules can give, in the order `tag_images` lists them.
TAGS = ("thick strokes", "thin strokes", "unusual slant", "unusual loops", "broken strokes")

#: A pixel is ink when its intensity (in [0, 1]) is above this, for `loops` and `pieces`.
INK_THRESHOLD = 0.5


def _images(images, where):
    """Return `images` as floats in [0, 1], shape (m, height, width), or raise a clear error."""
    arr = np.asarray(images)
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"{where}: images must be a numeric array, but it has dtype {arr.dtype}.")
    check_ndim(arr, 3, "images", where, "(m, height, width); for one image pass image[None]")
    if arr.dtype == np.uint8:
        return arr / 255.0
    arr = arr.astype(np.float64)
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        raise ValueError(
            f"{where}: float images must lie in [0, 1], but they range from {arr.min():g} to "
            f"{arr.max():g}; pass uint8 images (0..255) or divide by 255."
        )
    return arr


def _labels(y, m, name, where):
    """Return integer labels of shape (m,) from an (m,) or (1, m) array."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[0] == 1:
        y = y[0]
    if y.ndim != 1 or y.shape[0] != m:
        raise ValueError(
            f"{where}: {name} must have shape ({m},) or (1, {m}), one label per image, "
            f"but it has shape {y.shape}."
        )
    if y.dtype.kind not in "iu" and y.size:
        raise TypeError(f"{where}: {name} must hold integer digits, but it has dtype {y.dtype}.")
    return y.astype(np.int64)


# --8<-- [start:features]
def ink(images):
    r"""Mean pixel intensity: how much ink an image carries, higher for thick strokes.

    $$\text{ink} = \frac{1}{hw} \sum_{i, j} I_{ij}, \qquad I_{ij} \in [0, 1].$$

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    ink : ndarray, shape (m,)
        Values in [0, 1].

    Examples
    --------
    >>> bar = np.zeros((1, 4, 4)); bar[0, :, 1] = 1.0      # a vertical bar, 1 pixel wide
    >>> ink(bar), ink(np.concatenate([bar, bar[:, :, ::-1] + bar]))
    (array([0.25]), array([0.25, 0.5 ]))
    """
    return _images(images, "ink").mean(axis=(1, 2))


def slant(images):
    r"""Slant from the image moments: columns moved right per row up, 0 for an upright digit.

    With the intensities $I_{ij}$ as weights, row $i$ (counted downwards) and column $j$,

    $$\text{slant} = -\frac{\operatorname{cov}(i, j)}{\operatorname{var}(i)},$$

    the slope of the least-squares line through the ink, written as a shift to the right
    per row upwards. A "/" has positive slant, a "\\" negative, a vertical bar 0. An empty
    image, or one whose ink lies on a single row, has slant 0.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    slant : ndarray, shape (m,)

    Examples
    --------
    >>> diag = np.eye(4)[None, ::-1]                       # "/": bottom-left to top-right
    >>> slant(diag), slant(diag[:, :, ::-1])
    (array([1.]), array([-1.]))
    """
    I = _images(images, "slant")
    centre_i, centre_j, total = _centres(I)
    i = np.arange(I.shape[1])[None, :, None] - centre_i[:, None, None]
    j = np.arange(I.shape[2])[None, None, :] - centre_j[:, None, None]
    cov = (I * i * j).sum(axis=(1, 2))
    var = (I * i * i).sum(axis=(1, 2))
    ok = (total > 0) & (var > 1e-12 * np.maximum(total, 1))
    return np.where(ok, -cov / np.where(ok, var, 1.0), 0.0)


def _centres(I):
    """Total ink and the intensity-weighted centre (row, column) of each image."""
    total = I.sum(axis=(1, 2))
    safe = np.where(total > 0, total, 1.0)
    centre_i = (I.sum(axis=2) * np.arange(I.shape[1])).sum(axis=1) / safe
    centre_j = (I.sum(axis=1) * np.arange(I.shape[2])).sum(axis=1) / safe
    return centre_i, centre_j, total


def loops(images):
    r"""Number of loops: background regions that ink encloses completely.

    A pixel is ink when its intensity is above `INK_THRESHOLD` (0.5). The background is
    flood-filled from the image border (4-connected); what the fill cannot reach is
    enclosed, and each 4-connected enclosed region is one loop. A typical 0, 6 or 9 has
    one loop, an 8 two, a 1 none; a 4 written with a closed top has one.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    loops : ndarray of int, shape (m,)

    Examples
    --------
    >>> ring = np.ones((1, 5, 5)); ring[0, 2, 2] = 0       # a square of ink with a hole
    >>> loops(np.pad(ring, ((0, 0), (1, 1), (1, 1)))).tolist()
    [1]
    """
    background = _images(images, "loops") <= INK_THRESHOLD
    border = np.zeros_like(background)
    border[:, [0, -1], :] = True
    border[:, :, [0, -1]] = True
    outside = _flood(border, background, diagonals=False)
    return _count_regions(background & ~outside, diagonals=False)


def pieces(images):
    r"""Number of separate pieces of ink (8-connected), 1 for a digit written in one stroke.

    A pixel is ink when its intensity is above `INK_THRESHOLD` (0.5); pixels that touch,
    diagonally included, belong to the same piece. A 5 whose top bar does not touch its
    body has two pieces; so does a stroke with a gap.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    pieces : ndarray of int, shape (m,)

    Examples
    --------
    >>> two_bars = np.zeros((1, 4, 5)); two_bars[0, :, [0, 3]] = 1.0
    >>> pieces(two_bars).tolist()
    [2]
    """
    return _count_regions(_images(images, "pieces") > INK_THRESHOLD, diagonals=True)


# --8<-- [end:features]


def _grow(region, diagonals):
    """Add to a boolean (m, h, w) region every pixel next to it."""
    grown = region.copy()
    grown[:, 1:, :] |= region[:, :-1, :]
    grown[:, :-1, :] |= region[:, 1:, :]
    grown[:, :, 1:] |= region[:, :, :-1]
    grown[:, :, :-1] |= region[:, :, 1:]
    if diagonals:
        grown[:, 1:, 1:] |= region[:, :-1, :-1]
        grown[:, :-1, :-1] |= region[:, 1:, 1:]
        grown[:, 1:, :-1] |= region[:, :-1, 1:]
        grown[:, :-1, 1:] |= region[:, 1:, :-1]
    return grown


def _flood(seed, mask, diagonals):
    """The pixels of `mask` connected to `seed` within `mask`, for all images at once."""
    reached = seed & mask
    active = np.arange(len(mask))  # images whose fill is still growing
    while active.size:
        before = reached[active]
        after = _grow(before, diagonals) & mask[active]
        reached[active] = after
        active = active[(after != before).any(axis=(1, 2))]
    return reached


def _count_regions(mask, diagonals):
    """Connected regions of a boolean (m, h, w) mask: fill from one left pixel per round."""
    count = np.zeros(len(mask), dtype=np.int64)
    left = mask.copy()
    todo = np.flatnonzero(left.any(axis=(1, 2)))
    while todo.size:
        sub = left[todo]
        flat = sub.reshape(len(todo), -1)
        seed = np.zeros_like(flat)
        seed[np.arange(len(todo)), flat.argmax(axis=1)] = True  # first pixel left
        left[todo] = sub & ~_flood(seed.reshape(sub.shape), sub, diagonals)
        count[todo] += 1
        todo = todo[left[todo].any(axis=(1, 2))]
    return count


def stroke_features(images):
    r"""All four features of every image.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    features : dict of str to ndarray, shape (m,)
        `"ink"`, `"slant"`, `"loops"`, `"pieces"`, as computed by the functions of the
        same names.
    """
    I = _images(images, "stroke_features")
    return {"ink": ink(I), "slant": slant(I), "loops": loops(I), "pieces": pieces(I)}


# --8<-- [start:deskew]
def deskew(images):
    r"""Shear each image so that its slant becomes 0, keeping its centre row in place.

    Row $i$ is shifted horizontally by the amount the slant $s$ moved it, with linear
    interpolation between pixels and zeros beyond the border:

    $$J_{ij} = I_{i,\; j + s\,(\bar\imath - i)},$$

    where $\bar\imath$ is the intensity-weighted centre row. A slanted digit becomes
    upright; an upright one is unchanged.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].

    Returns
    -------
    deskewed : ndarray of float, shape (m, height, width)
        Values in [0, 1].

    Examples
    --------
    >>> diag = np.eye(5)[None, ::-1]
    >>> deskew(diag)[0].round(2)
    array([[0., 0., 1., 0., 0.],
           [0., 0., 1., 0., 0.],
           [0., 0., 1., 0., 0.],
           [0., 0., 1., 0., 0.],
           [0., 0., 1., 0., 0.]])
    """
    I = _images(images, "deskew")
    centre_i, _, _ = _centres(I)
    s = slant(I)
    _, h, w = I.shape
    rows = np.arange(h)
    source = np.arange(w)[None, None, :] + (s[:, None] * (centre_i[:, None] - rows))[:, :, None]
    left = np.floor(source).astype(np.int64)
    frac = source - left
    padded = np.pad(I, ((0, 0), (0, 0), (1, 1)))  # a zero column on each side

    def take(cols):
        return np.take_along_axis(padded, np.clip(cols + 1, 0, w + 1), axis=2)

    return (1 - frac) * take(left) + frac * take(left + 1)


# --8<-- [end:deskew]


@dataclass(frozen=True)
class DigitNorms:
    r"""What is usual for each digit, measured on training images by `fit_norms`.

    Attributes
    ----------
    q : float
        The fraction of training images a tag is allowed to mark.
    ink_low, ink_high : dict of int to float
        Per digit, the `q` and `1 - q` quantiles of `ink`.
    slant_low, slant_high : dict of int to float
        Per digit, the `q / 2` and `1 - q / 2` quantiles of `slant`.
    loops_common, pieces_common : dict of int to frozenset of int
        Per digit, the counts that at least a fraction `q` of its training images have.

    `str(norms)` gives a table, one row per digit.
    """

    q: float
    ink_low: dict
    ink_high: dict
    slant_low: dict
    slant_high: dict
    loops_common: dict
    pieces_common: dict

    def __str__(self):
        lines = [
            f"norms from training images (a tag marks fewer than {self.q:.0%} of a digit's images)",
            "digit   ink range       slant range      usual loops  usual pieces",
        ]
        for d in sorted(self.ink_low):
            lines.append(
                f"{d:>5}   {self.ink_low[d]:.3f}-{self.ink_high[d]:.3f}   "
                f"{self.slant_low[d]:+.2f} to {self.slant_high[d]:+.2f}   "
                f"{','.join(map(str, sorted(self.loops_common[d]))):<11}  "
                f"{','.join(map(str, sorted(self.pieces_common[d])))}"
            )
        return "\n".join(lines)


# --8<-- [start:tagging]
def fit_norms(images, digits, q=0.1):
    r"""Measure, per digit, the feature values that are usual, from labelled training images.

    For each digit $d$ and its training images:

    - ink is usual between its $q$ and $1 - q$ quantiles;
    - slant is usual between its $q/2$ and $1 - q/2$ quantiles;
    - a number of loops (or pieces) is usual when at least a fraction $q$ of the images have it.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        Training images, `uint8` in 0..255 or floats in [0, 1].
    digits : ndarray of int, shape (m,) or (1, m)
        The true digit of each image (`Y_train_orig`).
    q : float, default 0.1
        In (0, 0.5): how rare a value must be, within its digit, to be tagged.

    Returns
    -------
    norms : DigitNorms
    """
    where = "fit_norms"
    check_interval(q, "q", where, 0, 0.5, closed=(False, False))
    f = stroke_features(_images(images, where))
    digits = _labels(digits, len(f["ink"]), "digits", where)
    norms = {
        key: {}
        for key in (
            "ink_low",
            "ink_high",
            "slant_low",
            "slant_high",
            "loops_common",
            "pieces_common",
        )
    }
    for d in np.unique(digits).tolist():
        of_d = digits == d
        norms["ink_low"][d], norms["ink_high"][d] = np.quantile(f["ink"][of_d], [q, 1 - q])
        norms["slant_low"][d], norms["slant_high"][d] = np.quantile(
            f["slant"][of_d], [q / 2, 1 - q / 2]
        )
        for name in ("loops", "pieces"):
            counts = np.bincount(f[name][of_d])
            norms[f"{name}_common"][d] = frozenset(
                np.flatnonzero(counts >= q * of_d.sum()).tolist()
            )
    return DigitNorms(q=q, **norms)


def tag_images(images, digits, norms):
    r"""Tag every image by what is unusual about it for its digit.

    | tag | rule, for an image of digit $d$ |
    |---|---|
    | "thick strokes" | ink above the $1 - q$ quantile of the training images of $d$ |
    | "thin strokes" | ink below their $q$ quantile |
    | "unusual slant" | slant outside their $q/2$ to $1 - q/2$ quantiles |
    | "unusual loops" | a number of loops fewer than a fraction $q$ of them have |
    | "broken strokes" | more than one piece of ink, a number fewer than a fraction $q$ of them have |

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].
    digits : ndarray of int, shape (m,) or (1, m)
        The digit each image is compared with, usually its true label.
    norms : DigitNorms
        From [`fit_norms`][dl_notes.digit_features.fit_norms] on the training images.

    Returns
    -------
    tags : list of tuple of str, length m
        The tags of each image, in the order of `TAGS`; `()` when nothing is unusual.
    """  # noqa: E501 (markdown table rows cannot wrap)
    where = "tag_images"
    if not isinstance(norms, DigitNorms):
        raise TypeError(
            f"{where}: norms must be a DigitNorms from "
            f"fit_norms, but a {type(norms).__name__} was given."
        )
    f = stroke_features(_images(images, where))
    digits = _labels(digits, len(f["ink"]), "digits", where)
    unknown = sorted(set(digits.tolist()) - set(norms.ink_low))
    if unknown:
        raise ValueError(
            f"{where}: digits {unknown} have no norms; fit_norms saw only {sorted(norms.ink_low)}."
        )

    def per_digit(table):
        return np.array([table[d] for d in digits.tolist()])

    def rare(name, common):
        return np.array(
            [c not in common[d] for c, d in zip(f[name].tolist(), digits.tolist())], dtype=bool
        )

    flags = {
        "thick strokes": f["ink"] > per_digit(norms.ink_high),
        "thin strokes": f["ink"] < per_digit(norms.ink_low),
        "unusual slant": (f["slant"] < per_digit(norms.slant_low))
        | (f["slant"] > per_digit(norms.slant_high)),
        "unusual loops": rare("loops", norms.loops_common),
        "broken strokes": (f["pieces"] > 1) & rare("pieces", norms.pieces_common),
    }
    return [tuple(tag for tag in TAGS if flags[tag][i]) for i in range(len(digits))]


def tag_errors(images, y_true, y_pred, norms):
    r"""The misclassified images and their tags, ready for an error-analysis tally.

    Parameters
    ----------
    images : ndarray, shape (m, height, width)
        `uint8` in 0..255 or floats in [0, 1].
    y_true, y_pred : ndarray of int, shape (m,) or (1, m)
        True and predicted digits.
    norms : DigitNorms
        From [`fit_norms`][dl_notes.digit_features.fit_norms] on the training images.

    Returns
    -------
    errors : ndarray of int, shape (k,)
        Positions of the $k$ misclassified images, in increasing order.
    tags : list of tuple of str, length k
        Their tags, each image compared with the norms of its true digit.
    """
    where = "tag_errors"
    I = _images(images, where)
    y_true = _labels(y_true, len(I), "y_true", where)
    y_pred = _labels(y_pred, len(I), "y_pred", where)
    errors = np.flatnonzero(y_true != y_pred)
    return errors, tag_images(I[errors], y_true[errors], norms)


# --8<-- [end:tagging]
