r"""Image transforms for a batch of grayscale images: rotation, blur, contrast, shading, noise.

Taught in: Course 3, [week 2](../../course3/week2.md) (training and testing on different
distributions; addressing data mismatch with artificial data synthesis) and the
[data mismatch lab](../../course3/labs/w2-data-mismatch.ipynb) (W2), which uses
[`distort`][dl_notes.augmentation.distort] twice: once to build the distribution the model
will meet (digits as a phone camera might see them), and once, with other random draws and
the learner's own guess of the settings, to synthesize training data in that style.

Every function takes a batch `images` of shape $(m, H, W)$ with float values in $[0, 1]$
(divide `uint8` images by 255 first), returns a new array of the same shape and never
changes its input. Per-image settings are either one number for the whole batch or an
array of shape $(m,)$, one value per image. Nothing loops over images or pixels (only
over the taps of a blur kernel): [`distort`][dl_notes.augmentation.distort] turns 5,000
MNIST images in one to two seconds on one CPU core.

| function | what it does to pixel values $x$ |
|---|---|
| [`rotate_images`][dl_notes.augmentation.rotate_images] | resamples the image turned by $\theta$ about its centre (bilinear) |
| [`blur_images`][dl_notes.augmentation.blur_images] | convolves with a Gaussian of standard deviation $\sigma$ pixels |
| [`adjust_contrast`][dl_notes.augmentation.adjust_contrast] | $x \mapsto b + c\,x$ |
| [`add_shading`][dl_notes.augmentation.add_shading] | adds light that grows linearly across the image |
| [`add_noise`][dl_notes.augmentation.add_noise] | adds Gaussian noise, $x \mapsto x + \varepsilon$, $\varepsilon \sim \mathcal{N}(0, s^2)$ |
| [`distort`][dl_notes.augmentation.distort] | all of the above, with settings drawn at random per image |

Results are clipped to $[0, 1]$.

Taught in, too: Course 4, [week 2](../../course4/week2.md#data-augmentation) (data
augmentation), which adds three transforms that also take colour batches
$(m, n_H, n_W, n_C)$, the layout of Course 4:
[`mirror`][dl_notes.augmentation.mirror] flips each image left to right,
[`random_crop`][dl_notes.augmentation.random_crop] cuts a window out of each image at a
random place (so its output is smaller than its input), and
[`color_shift`][dl_notes.augmentation.color_shift] adds a random offset to each colour
channel of each image.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, as_rng, check_ndim

__all__ = [
    "rotate_images",
    "blur_images",
    "adjust_contrast",
    "add_shading",
    "add_noise",
    "distort",
    "mirror",
    "random_crop",
    "color_shift",
]


def _check_images(images, where):
    """Return `images` as a float64 array after checking shape (m, H, W) and values in [0, 1]."""
    if (
        isinstance(images, np.ndarray)
        and images.dtype.kind in "iub"
        and images.size
        and images.max() > 1
    ):
        raise TypeError(
            f"{where}: images must be floats in [0, 1], but an array of dtype {images.dtype} with "
            f"values up to {images.max()} was given; divide uint8 images by 255 first."
        )
    images = as_array(images, "images", where).astype(np.float64, copy=False)
    check_ndim(images, 3, "images", where, "(m, H, W)")
    if images.size and not np.isfinite(images).all():
        raise ValueError(f"{where}: images contain NaN or infinite values.")
    if images.size and (images.min() < 0 or images.max() > 1):
        raise ValueError(
            f"{where}: images must have values in [0, 1], but they range from "
            f"{images.min():.4g} to {images.max():.4g}; divide uint8 images by 255 first."
        )
    return images


def _per_image(value, m, name, where, low=-np.inf, high=np.inf):
    """Return `value` (a number or an array of shape (m,)) as a float array of shape (m,)."""
    if isinstance(value, bool):
        raise TypeError(
            f"{where}: {name} must be a number or an array of shape ({m},), but a bool was given."
        )
    v = as_array(value, name, where)
    if v.ndim == 0:
        v = np.full(m, float(v))
    elif v.shape != (m,):
        raise ValueError(
            f"{where}: {name} must be one number or an array of shape ({m},), one value per "
            f"image, but it has shape {v.shape}."
        )
    if not np.isfinite(v).all():
        raise ValueError(f"{where}: {name} contains NaN or infinite values.")
    if v.size and (v.min() < low or v.max() > high):
        raise ValueError(
            f"{where}: {name} must lie in [{low}, {high}], but "
            f"it ranges from {v.min():.4g} to {v.max():.4g}."
        )
    return v


# --8<-- [start:rotate_images]
def rotate_images(images, angles, fill=0.0):
    r"""Rotate each image about its centre, counter-clockwise by `angles` degrees (bilinear).

    Each output pixel looks up where it came from. With pixel positions measured from the
    centre $c = ((H-1)/2, (W-1)/2)$, $x$ along a row (to the right) and $y$ down the
    columns, the output pixel at $(x, y)$ takes the input value at

    $$\begin{pmatrix} x_s \\ y_s \end{pmatrix} =
    \begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}
    \begin{pmatrix} x \\ y \end{pmatrix},$$

    the inverse of a counter-clockwise turn by $\theta$ on screen (where $y$ points down).
    $(x_s, y_s)$ is rarely a pixel centre, so the value is interpolated bilinearly from
    the four pixels around it; positions outside the image read `fill`. A multiple of
    90° on a square image moves pixels exactly: `rotate_images(x, 90)` equals
    `np.rot90(x, axes=(1, 2))` up to rounding.

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    angles : float or ndarray, shape (m,)
        $\theta$ in degrees, one for all images or one per image; positive turns
        counter-clockwise.
    fill : float, default 0.0
        Value of pixels whose source lies outside the image (0 is MNIST's black background),
        in [0, 1].

    Returns
    -------
    rotated : ndarray, shape (m, H, W)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[[0.1, 0.2], [0.3, 0.4]]])
    >>> rotate_images(x, 90).round(6)
    array([[[0.2, 0.4],
            [0.1, 0.3]]])
    """
    where = "rotate_images"
    images = _check_images(images, where)
    m, H, W = images.shape
    theta = np.deg2rad(_per_image(angles, m, "angles", where))[:, None, None]
    fill = float(_per_image(fill, 1, "fill", where, 0.0, 1.0)[0])
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    y, x = y - (H - 1) / 2, x - (W - 1) / 2
    cos, sin = np.cos(theta), np.sin(theta)
    xs = cos * x - sin * y + (W - 1) / 2  # (m, H, W) source column
    ys = sin * x + cos * y + (H - 1) / 2  # (m, H, W) source row
    return _bilinear(images, ys, xs, fill)


# --8<-- [end:rotate_images]


def _bilinear(images, ys, xs, fill):
    """Sample `images` (m, H, W) at float positions (rows `ys`, columns `xs`, each (m, H, W))."""
    m, H, W = images.shape
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)), constant_values=fill)  # a border of `fill`
    ys = np.clip(np.round(ys, 9) + 1, 0, H + 1)  # rounding makes exact angles land on pixels
    xs = np.clip(np.round(xs, 9) + 1, 0, W + 1)
    y0 = np.minimum(ys.astype(np.intp), H)  # floor, as ys >= 0
    x0 = np.minimum(xs.astype(np.intp), W)
    wy, wx = ys - y0, xs - x0
    flat = padded.ravel()
    i = (np.arange(m)[:, None, None] * (H + 2) + y0) * (W + 2) + x0  # index of the top-left pixel
    top = flat.take(i) + wx * (flat.take(i + 1) - flat.take(i))
    i += W + 2
    bottom = flat.take(i) + wx * (flat.take(i + 1) - flat.take(i))
    return top + wy * (bottom - top)


# --8<-- [start:blur_images]
def blur_images(images, sigma):
    r"""Blur each image with a Gaussian of standard deviation `sigma` pixels (a camera out of
    focus).

    The 2-D Gaussian is separable, so the image is convolved with the 1-D kernel

    $$k_j = \frac{e^{-j^2 / (2\sigma^2)}}{\sum_{i=-r}^{r} e^{-i^2 / (2\sigma^2)}},
    \qquad j = -r, \dots, r, \quad r = \lceil 3 \max\sigma \rceil,$$

    first along the rows, then along the columns. Pixels beyond the border repeat the
    nearest edge pixel. `sigma = 0` leaves an image unchanged. Each kernel sums to 1, so
    blurring keeps the mean brightness (away from the borders).

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    sigma : float or ndarray, shape (m,)
        $\sigma \ge 0$ in pixels, one for all images or one per image.

    Returns
    -------
    blurred : ndarray, shape (m, H, W)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.zeros((1, 9, 9)); x[0, 4, 4] = 1.0
    >>> blurred = blur_images(x, 1.0)
    >>> round(float(blurred.sum()), 6), bool(blurred[0, 4, 4] < 1)
    (1.0, True)
    """
    where = "blur_images"
    images = _check_images(images, where)
    m = images.shape[0]
    sigma = _per_image(sigma, m, "sigma", where, 0.0, 100.0)
    r = int(np.ceil(3 * sigma.max())) if m else 0
    if r == 0:
        return images.copy()
    j = np.arange(-r, r + 1, dtype=np.float64)
    s = np.where(sigma > 0, sigma, 1.0)[:, None]
    kernel = np.where(sigma[:, None] > 0, np.exp(-(j**2) / (2 * s**2)), (j == 0).astype(np.float64))
    kernel = kernel / kernel.sum(axis=1, keepdims=True)  # (m, 2r + 1), rows sum to 1
    _, H, W = images.shape
    k = kernel[:, :, None, None]
    padded = np.pad(images, ((0, 0), (0, 0), (r, r)), mode="edge")  # along the rows ...
    out = k[:, 0] * padded[:, :, :W]
    for t in range(1, 2 * r + 1):
        out += k[:, t] * padded[:, :, t : t + W]
    padded = np.pad(out, ((0, 0), (r, r), (0, 0)), mode="edge")  # ... then down the columns
    out = k[:, 0] * padded[:, :H]
    for t in range(1, 2 * r + 1):
        out += k[:, t] * padded[:, t : t + H]
    return np.clip(out, 0.0, 1.0)


# --8<-- [end:blur_images]


def adjust_contrast(images, contrast, brightness=0.0):
    r"""Scale and lift pixel values: $x \mapsto b + c\,x$, clipped to $[0, 1]$.

    A contrast $c < 1$ with a brightness $b > 0$ turns MNIST's white-on-black digits into
    light strokes on a grey background, as in a dim photo.

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    contrast : float or ndarray, shape (m,)
        $c \ge 0$; 1 keeps the contrast.
    brightness : float or ndarray, shape (m,), default 0.0
        $b$ in $[-1, 1]$, added to every pixel.

    Returns
    -------
    adjusted : ndarray, shape (m, H, W)

    Examples
    --------
    >>> import numpy as np
    >>> adjust_contrast(np.array([[[0.0, 0.5, 1.0]]]), contrast=0.5, brightness=0.25)
    array([[[0.25, 0.5 , 0.75]]])
    """
    where = "adjust_contrast"
    images = _check_images(images, where)
    m = images.shape[0]
    c = _per_image(contrast, m, "contrast", where, 0.0, np.inf)[:, None, None]
    b = _per_image(brightness, m, "brightness", where, -1.0, 1.0)[:, None, None]
    return np.clip(b + c * images, 0.0, 1.0)


def add_shading(images, strength, angles=0.0):
    r"""Add uneven light: a brightness that grows linearly across the image, from 0 to `strength`.

    With $u$ the unit vector at `angles` degrees (counter-clockwise from the $x$ axis, $x$
    to the right, $y$ up on screen) and $p$ a pixel position, the added light is

    $$s \cdot \frac{u \cdot p - \min_q u \cdot q}{\max_q u \cdot q - \min_q u \cdot q},$$

    0 on the darkest edge or corner and $s$ on the brightest one ($q$ runs over the pixels).

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    strength : float or ndarray, shape (m,)
        $s$ in $[0, 1]$.
    angles : float or ndarray, shape (m,), default 0.0
        Direction in which the light grows, in degrees; 0 brightens towards the right,
        90 towards the top.

    Returns
    -------
    shaded : ndarray, shape (m, H, W)

    Examples
    --------
    >>> import numpy as np
    >>> add_shading(np.zeros((1, 1, 3)), strength=0.4)
    array([[[0. , 0.2, 0.4]]])
    """
    where = "add_shading"
    images = _check_images(images, where)
    m, H, W = images.shape
    s = _per_image(strength, m, "strength", where, 0.0, 1.0)[:, None, None]
    phi = np.deg2rad(_per_image(angles, m, "angles", where))[:, None, None]
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    proj = np.cos(phi) * x - np.sin(phi) * y  # y points down, so up is -y
    low = proj.min(axis=(1, 2), keepdims=True)
    span = proj.max(axis=(1, 2), keepdims=True) - low
    ramp = np.divide(proj - low, span, out=np.zeros_like(proj), where=span > 1e-12)
    return np.clip(images + s * ramp, 0.0, 1.0)


def add_noise(images, std, seed=None):
    r"""Add Gaussian pixel noise (a sensor in poor light): $x \mapsto x + \varepsilon$, clipped to
    $[0, 1]$.

    Every pixel gets its own $\varepsilon \sim \mathcal{N}(0, s^2)$. `std = 0` leaves the
    images unchanged.

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    std : float or ndarray, shape (m,)
        $s \ge 0$, one for all images or one per image.
    seed : int or numpy.random.Generator or None, default None
        Seeds the noise; the same seed gives the same noise.

    Returns
    -------
    noisy : ndarray, shape (m, H, W)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.full((2, 28, 28), 0.5)
    >>> noisy = add_noise(x, 0.1, seed=0)
    >>> round(float((noisy - x).std()), 2), bool(np.array_equal(noisy, add_noise(x, 0.1, seed=0)))
    (0.1, True)
    """
    where = "add_noise"
    images = _check_images(images, where)
    rng = as_rng(seed, where)
    s = _per_image(std, images.shape[0], "std", where, 0.0, np.inf)[:, None, None]
    return np.clip(images + s * rng.standard_normal(images.shape), 0.0, 1.0)


def _range(value, name, where, low, high):
    """Return a (low, high) pair from a number (both ends equal) or a pair, inside [low, high]."""
    if isinstance(value, bool):
        raise TypeError(
            f"{where}: {name} must be a number or a (low, high) pair, but a bool was given."
        )
    v = as_array(value, name, where)
    if v.ndim == 0:
        v = np.array([float(v), float(v)])
    if v.shape != (2,) or not np.isfinite(v).all() or v[0] > v[1] or v[0] < low or v[1] > high:
        raise ValueError(
            f"{where}: {name} must be a number or a pair (low, high) with {low} <= low <= high <= "
            f"{high}, but {value!r} was given."
        )
    return float(v[0]), float(v[1])


# --8<-- [start:distort]
def distort(
    images,
    seed=0,
    max_angle=40.0,
    blur=(0.4, 1.0),
    contrast=(0.4, 0.8),
    brightness=(0.1, 0.3),
    shading=(0.0, 0.3),
    noise=(0.03, 0.1),
):
    r"""Make each image look like a phone photo of a digit: turned, blurred, dim, unevenly lit,
    noisy.

    For every image, independently, draws

    $$\theta \sim U(-\theta_{\max}, \theta_{\max}),\;\; \sigma \sim U(\text{blur}),\;\;
    c \sim U(\text{contrast}),\;\; b \sim U(\text{brightness}),\;\; s \sim U(\text{shading}),\;\;
    \phi \sim U(0°, 360°),\;\; s_\varepsilon \sim U(\text{noise})$$

    and applies, in this order, [`rotate_images`][dl_notes.augmentation.rotate_images]
    by $\theta$, [`blur_images`][dl_notes.augmentation.blur_images] with $\sigma$,
    [`adjust_contrast`][dl_notes.augmentation.adjust_contrast] $x \mapsto b + c\,x$,
    [`add_shading`][dl_notes.augmentation.add_shading] of strength $s$ growing in
    direction $\phi$, and [`add_noise`][dl_notes.augmentation.add_noise] with standard
    deviation $s_\varepsilon$. A range given as one number fixes that setting;
    `max_angle=0`, `blur=0`, `contrast=1`, `brightness=0`, `shading=0` and `noise=0` switch
    the steps off one by one (all of them together return the images unchanged).

    The defaults define the target distribution of the data mismatch lab. Called with
    another seed, the same settings give new draws from the same distribution; called with
    other settings, a guess of it.

    Parameters
    ----------
    images : ndarray, shape (m, H, W)
        Float values in [0, 1].
    seed : int or numpy.random.Generator or None, default 0
        Seeds every random draw (settings and noise).
    max_angle : float, default 40.0
        $\theta_{\max}$ in degrees, in [0, 180].
    blur : float or (float, float), default (0.4, 1.0)
        Range of $\sigma$ in pixels, in [0, 5].
    contrast : float or (float, float), default (0.4, 0.8)
        Range of $c$, in [0, 1].
    brightness : float or (float, float), default (0.1, 0.3)
        Range of $b$, in [0, 1].
    shading : float or (float, float), default (0.0, 0.3)
        Range of $s$, in [0, 1].
    noise : float or (float, float), default (0.03, 0.1)
        Range of $s_\varepsilon$, in [0, 1].

    Returns
    -------
    distorted : ndarray, shape (m, H, W)
        Values in [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> x = np.random.default_rng(0).random((4, 28, 28))
    >>> same = np.array_equal(distort(x, seed=1), distort(x, seed=1))
    >>> other = np.array_equal(distort(x, seed=1), distort(x, seed=2))
    >>> same, other
    (True, False)
    >>> off = dict(max_angle=0, blur=0, contrast=1, brightness=0, shading=0, noise=0)
    >>> np.allclose(distort(x, **off), x)
    True
    """
    where = "distort"
    images = _check_images(images, where)
    rng = as_rng(seed, where)
    if isinstance(max_angle, bool) or not isinstance(
        max_angle, (int, float, np.integer, np.floating)
    ):
        raise TypeError(
            f"{where}: max_angle must be a number of degrees, "
            f"but a {type(max_angle).__name__} was given."
        )
    if not 0 <= max_angle <= 180:
        raise ValueError(
            f"{where}: max_angle must be in [0, 180] degrees, but {max_angle!r} was given."
        )
    ranges = {
        name: _range(value, name, where, 0.0, high)
        for name, value, high in (
            ("blur", blur, 5.0),
            ("contrast", contrast, 1.0),
            ("brightness", brightness, 1.0),
            ("shading", shading, 1.0),
            ("noise", noise, 1.0),
        )
    }
    m = images.shape[0]
    draw = {name: rng.uniform(low, high, m) for name, (low, high) in ranges.items()}
    theta = rng.uniform(-max_angle, max_angle, m)
    phi = rng.uniform(0.0, 360.0, m)
    out = rotate_images(images, theta)
    out = blur_images(np.clip(out, 0.0, 1.0), draw["blur"])
    out = adjust_contrast(out, draw["contrast"], draw["brightness"])
    out = add_shading(out, draw["shading"], phi)
    return add_noise(out, draw["noise"], rng)


# --8<-- [end:distort]


# --- Course 4: mirroring, random crops and colour shifts, on colour batches too ---------


def _check_batch(images, where, colour=False):
    """Check a batch `(m, n_H, n_W)` or `(m, n_H, n_W, n_C)` (only the latter if `colour`)."""
    x = images
    if isinstance(x, np.ndarray) and x.ndim in ((4,) if colour else (3, 4)):
        m, n_H, n_W = x.shape[:3]
        n_C = x.shape[3] if x.ndim == 4 else 1
        # the value checks of _check_images, on the channels laid side by side
        return _check_images(x.reshape(m, n_H, n_W * n_C), where).reshape(x.shape)
    if not isinstance(x, np.ndarray):
        x = as_array(x, "images", where)
    layout = (
        "a 4-D array (m, n_H, n_W, n_C)"
        if colour
        else "a 3-D array (m, n_H, n_W) or a 4-D array (m, n_H, n_W, n_C)"
    )
    if x.ndim not in ((4,) if colour else (3, 4)):
        raise ValueError(f"{where}: images must be {layout}, but it has shape {x.shape}.")
    return _check_batch(x, where, colour)


# --8<-- [start:mirror]
def mirror(images):
    r"""Mirror each image left to right: the first and simplest data augmentation.

    Column $j$ of the output is column $n_W - 1 - j$ of the input. A cat seen in a mirror is
    still a cat, so a mirrored copy of a training image is a new example with the same label
    (not for every task: a mirrored digit or letter is no longer the same symbol). In
    training, one usually mirrors a random half of each mini-batch.

    Parameters
    ----------
    images : ndarray, shape (m, n_H, n_W) or (m, n_H, n_W, n_C)
        Float values in [0, 1].

    Returns
    -------
    mirrored : ndarray, the shape of `images`

    Examples
    --------
    >>> import numpy as np
    >>> mirror(np.array([[[0.1, 0.2, 0.3]]]))
    array([[[0.3, 0.2, 0.1]]])
    """
    images = _check_batch(images, "mirror")
    return images[:, :, ::-1].copy()  # reverse the width axis


# --8<-- [end:mirror]


# --8<-- [start:random_crop]
def random_crop(images, size, seed=0):
    r"""Cut a window of `size` at a random place out of each image (random cropping).

    For image $i$ the window's top-left corner is drawn uniformly,
    $t_i \in \{0, \dots, n_H - h\}$ and $l_i \in \{0, \dots, n_W - w\}$, and the output is
    rows $t_i \dots t_i + h - 1$ and columns $l_i \dots l_i + w - 1$. Each crop shows the
    object a little shifted and, once resized to the network's input, a little larger: a
    new example with the same label, as long as the crop still contains the object.

    Parameters
    ----------
    images : ndarray, shape (m, n_H, n_W) or (m, n_H, n_W, n_C)
        Float values in [0, 1].
    size : int or (int, int)
        $(h, w)$, the crop's height and width (one number: a square), with
        $1 \le h \le n_H$ and $1 \le w \le n_W$.
    seed : int or numpy.random.Generator or None, default 0
        Seeds the corners.

    Returns
    -------
    crops : ndarray, shape (m, h, w) or (m, h, w, n_C)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(16.0).reshape(1, 4, 4) / 15
    >>> crop = random_crop(x, 2, seed=0)
    >>> crop.shape, bool(np.isin(crop, x).all())
    ((1, 2, 2), True)
    """
    where = "random_crop"
    images = _check_batch(images, where)
    rng = as_rng(seed, where)
    m, n_H, n_W = images.shape[:3]
    if isinstance(size, (tuple, list)) and len(size) == 2:
        h, w = size
    else:
        h = w = size
    ok = all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in (h, w))
    if not ok or not (1 <= h <= n_H and 1 <= w <= n_W):
        raise ValueError(
            f"{where}: size must be an int or a pair (h, w) of ints with 1 <= h "
            f"<= n_H = {n_H} and 1 <= w <= n_W = {n_W}, but {size!r} was given."
        )
    top = rng.integers(0, n_H - h + 1, size=m)  # (m,) first row of each crop
    left = rng.integers(0, n_W - w + 1, size=m)  # (m,) first column
    rows = top[:, None] + np.arange(h)  # (m, h)
    cols = left[:, None] + np.arange(w)  # (m, w)
    return images[np.arange(m)[:, None, None], rows[:, :, None], cols[:, None, :]]
    #      (m, h, w) or (m, h, w, n_C)


# --8<-- [end:random_crop]


# --8<-- [start:color_shift]
def color_shift(images, max_shift=0.1, seed=0, shifts=None):
    r"""Add a random offset to each colour channel of each image (colour shifting).

    For image $i$ and channel $c$ (red, green, blue), draws
    $\delta_{i,c} \sim U(-\delta_{\max}, \delta_{\max})$ and returns
    $\operatorname{clip}(x_{i,h,w,c} + \delta_{i,c}, 0, 1)$: the whole image turns a little
    redder, greener or bluer, as under another light or another camera. The course's
    example, +20, -20, +20 on the 0-255 scale, is `shifts=np.array([20, -20, 20]) / 255`.
    (AlexNet drew its shifts along the principal components of the training set's colours,
    "PCA colour augmentation"; uniform shifts are the simple version.)

    Parameters
    ----------
    images : ndarray, shape (m, n_H, n_W, n_C)
        Float values in [0, 1].
    max_shift : float, default 0.1
        $\delta_{\max}$, in [0, 1].
    seed : int or numpy.random.Generator or None, default 0
        Seeds the shifts.
    shifts : ndarray, shape (n_C,) or (m, n_C), optional
        Exact offsets to add instead of random ones (then `max_shift` and `seed` are not
        used), in [-1, 1].

    Returns
    -------
    shifted : ndarray, shape (m, n_H, n_W, n_C)

    Examples
    --------
    >>> import numpy as np
    >>> x = np.full((1, 1, 2, 3), 0.5)
    >>> color_shift(x, shifts=np.array([0.2, -0.2, 0.6]))[0, 0, 0]
    array([0.7, 0.3, 1. ])
    """
    where = "color_shift"
    images = _check_batch(images, where, colour=True)
    m, n_C = images.shape[0], images.shape[3]
    if shifts is None:
        delta_max = _per_image(max_shift, 1, "max_shift", where, 0.0, 1.0)[0]
        delta = as_rng(seed, where).uniform(-delta_max, delta_max, size=(m, n_C))
    else:
        delta = as_array(shifts, "shifts", where)
        if delta.shape not in ((n_C,), (m, n_C)):
            raise ValueError(
                f"{where}: shifts must have shape ({n_C},) or ({m}, {n_C}), one "
                f"offset per channel (and per image), but it has shape {delta.shape}."
            )
        delta = np.broadcast_to(delta, (m, n_C))
        if not np.isfinite(delta).all() or np.abs(delta).max(initial=0) > 1:
            raise ValueError(f"{where}: shifts must be finite numbers in [-1, 1].")
    return np.clip(images + delta[:, None, None, :], 0.0, 1.0)  # (m, n_H, n_W, n_C)


# --8<-- [end:color_shift]
