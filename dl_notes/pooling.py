r"""Pooling layers in NumPy: max and average pooling, forward and backward (Course 4, W1A1).

Taught in: Course 4, week 1 (pooling layers) and its first lab, "Convolution step by step"
(W1A1).

A pooling layer slides an $f \times f$ window over each channel separately, with stride
$s$ and no padding (as in the course), and keeps the window's largest entry (max pooling)
or its mean (average pooling):

$$A_{i,h,w,c} = \max_{0 \le u, v < f} A_{prev\; i,\, h s + u,\, w s + v,\, c}
\quad \text{or} \quad
A_{i,h,w,c} = \frac{1}{f^2} \sum_{u=0}^{f-1} \sum_{v=0}^{f-1}
A_{prev\; i,\, h s + u,\, w s + v,\, c},$$

$$n_H = \left\lfloor \frac{n_{H,prev} - f}{s} \right\rfloor + 1, \qquad
n_W = \left\lfloor \frac{n_{W,prev} - f}{s} \right\rfloor + 1, \qquad n_C = n_{C,prev}.$$

It has no parameters. In the backward pass, max pooling sends each window's gradient to
the entry that was the maximum (the mask of
[`create_mask_from_window`][dl_notes.pooling.create_mask_from_window]; to every entry of a
tie, as the course's mask does), and average pooling spreads it evenly over the window
([`distribute_value`][dl_notes.pooling.distribute_value]). Where windows overlap
($s < f$), an entry collects the gradients of every window it belongs to.

| array | shape |
|---|---|
| $A_{prev}$, $dA_{prev}$ | $(m, n_{H,prev}, n_{W,prev}, n_{C})$ |
| $A$, $dA$ | $(m, n_H, n_W, n_C)$ |
| `hparameters` | `{"f": f, "stride": s}` |

As everywhere in Course 4 (and unlike Course 1's columns-are-examples `(n_x, m)`), the
examples are the first axis and the channels the last, `(m, n_H, n_W, n_C)`.

Each layer comes twice, side by side: `pool_forward_loops` and `pool_backward_loops` are
the lab's loops over examples, positions and channels;
[`pool_forward`][dl_notes.pooling.pool_forward] and
[`pool_backward`][dl_notes.pooling.pool_backward], the ones to use, compute the same
numbers with a loop over the $f^2$ offsets inside a window only, each step handling every
window of every example at once. Both take and return the course's cache
`(A_prev, hparameters)`.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_choice, check_ndim, check_shape
from dl_notes.convolution import _as_images, _check_cache, _hyperparameters, _whole_number

__all__ = [
    "MODES",
    "pool_forward_loops",
    "create_mask_from_window",
    "distribute_value",
    "pool_backward_loops",
    "pool_forward",
    "pool_backward",
]

#: The two pooling modes.
MODES = ("max", "average")


# --8<-- [start:pool_forward_loops]
def pool_forward_loops(A_prev, hparameters, mode="max"):
    r"""Forward pass of a pooling layer, written with loops as in the lab.

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C)
    hparameters : dict
        `"f"` (the window size, an int >= 1) and `"stride"` (an int >= 1).
    mode : str, default "max"
        `"max"` or `"average"`.

    Returns
    -------
    A : ndarray, shape (m, n_H, n_W, n_C)
        $n_H = \lfloor (n_{H,prev} - f) / s \rfloor + 1$, and the same for $n_W$.
    cache : tuple
        `(A_prev, hparameters)`, for either backward pass.
    """
    A_prev, f, stride = _check_pool(A_prev, hparameters, mode, "pool_forward_loops")
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C), A_prev.dtype)
    for i in range(m):  # loop over the examples
        for h in range(n_H):  # over the output rows
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):  # over the output columns
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):  # over the channels
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache


# --8<-- [end:pool_forward_loops]


# --8<-- [start:mask_and_distribute]
def create_mask_from_window(x):
    r"""Where the window's maximum is: the path max pooling's gradient takes back.

    Parameters
    ----------
    x : ndarray, shape (f, f)
        One window of one channel.

    Returns
    -------
    mask : ndarray of bool, shape (f, f)
        True where `x` equals its maximum (at every entry of a tie).

    Examples
    --------
    >>> import numpy as np
    >>> create_mask_from_window(np.array([[1.0, 3.0], [-2.0, 0.5]]))
    array([[False,  True],
           [False, False]])
    """
    x = as_array(x, "x", "create_mask_from_window")
    check_ndim(x, 2, "x", "create_mask_from_window", "(f, f)")
    return _create_mask_from_window(x)


def _create_mask_from_window(x):
    mask = x == np.max(x)
    return mask


def distribute_value(dz, shape):
    r"""Spread a gradient evenly over a window: average pooling's way back.

    Every entry of the window counted $\frac{1}{n_H n_W}$ in the average, so each gets
    that share of `dz`.

    Parameters
    ----------
    dz : float
        The gradient of one average.
    shape : tuple of int
        `(n_H, n_W)`, the window's shape.

    Returns
    -------
    a : ndarray, shape (n_H, n_W)
        Every entry `dz / (n_H * n_W)`.

    Examples
    --------
    >>> distribute_value(2.0, (2, 2))
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    where = "distribute_value"
    dz = as_array(dz, "dz", where)
    if dz.size != 1:
        raise ValueError(
            f"{where}: dz must be one number, but an array of shape {dz.shape} was given."
        )
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"{where}: shape must be a pair (n_H, n_W), but {shape!r} was given.")
    shape = tuple(_whole_number(n, "each entry of shape", where, minimum=1) for n in shape)
    return _distribute_value(dz.item(), shape)


def _distribute_value(dz, shape):
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a


# --8<-- [end:mask_and_distribute]


# --8<-- [start:pool_backward_loops]
def pool_backward_loops(dA, cache, mode="max"):
    r"""Backward pass of a pooling layer, written with loops as in the lab.

    For each example, position and channel, the window's gradient `dA[i, h, w, c]` goes to
    its maximum (max pooling, through the mask) or is spread over the window (average
    pooling); overlapping windows add up.

    Parameters
    ----------
    dA : ndarray, shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output `A`.
    cache : tuple
        `(A_prev, hparameters)` from `pool_forward` or `pool_forward_loops`.
    mode : str, default "max"
        The same mode as in the forward pass.

    Returns
    -------
    dA_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C)
    """
    dA, A_prev, f, stride = _check_pool_backward(dA, cache, mode, "pool_backward_loops")
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (m, n_H, n_W, n_C) = dA.shape
    dA_prev = np.zeros(A_prev.shape, np.result_type(A_prev, dA))
    # The inputs were checked once, above; the loops call the unchecked bodies
    # _create_mask_from_window and _distribute_value.
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    window = (i, slice(vert_start, vert_end), slice(horiz_start, horiz_end), c)
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = _create_mask_from_window(a_prev_slice)
                        dA_prev[window] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        shape = (f, f)
                        dA_prev[window] += _distribute_value(da, shape)
    return dA_prev


# --8<-- [end:pool_backward_loops]


# --8<-- [start:pool_forward]
def pool_forward(A_prev, hparameters, mode="max"):
    r"""Forward pass of a pooling layer, vectorised: a loop over the $f^2$ window offsets only.

    For each offset $(u, v)$, the strided slice
    `A_prev[:, u::s, v::s, :]` (cut to $n_H \times n_W$) holds entry $(u, v)$ of every
    window of every example and channel, shape $(m, n_H, n_W, n_C)$. The largest of these
    $f^2$ slices, entry by entry, is max pooling; their mean is average pooling. Same numbers
    as [`pool_forward_loops`][dl_notes.pooling.pool_forward_loops]. (One line would do it
    too, `sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::s, ::s].max(axis=(4, 5))`,
    but it runs 4 to 7 times slower: NumPy reduces slowly over short, strided axes.)

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C)
    hparameters : dict
        `"f"` (the window size, an int >= 1) and `"stride"` (an int >= 1).
    mode : str, default "max"
        `"max"` or `"average"`.

    Returns
    -------
    A : ndarray, shape (m, n_H, n_W, n_C)
        $n_H = \lfloor (n_{H,prev} - f) / s \rfloor + 1$, and the same for $n_W$.
    cache : tuple
        `(A_prev, hparameters)`, the course's cache.

    Examples
    --------
    >>> import numpy as np
    >>> A, cache = pool_forward(np.arange(16.0).reshape(1, 4, 4, 1), {"f": 2, "stride": 2})
    >>> A[0, :, :, 0]
    array([[ 5.,  7.],
           [13., 15.]])
    """
    A_prev, f, stride = _check_pool(A_prev, hparameters, mode, "pool_forward")
    return _pool_forward(A_prev, f, stride, mode), (A_prev, hparameters)


def _pool_forward(A_prev, f, stride, mode):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.full((m, n_H, n_W, n_C), -np.inf if mode == "max" else 0.0, A_prev.dtype)
    for u in range(f):  # the f^2 offsets (u, v) in a window
        for v in range(f):
            entries = A_prev[:, u : u + stride * n_H : stride, v : v + stride * n_W : stride, :]
            #         entry (u, v) of every window: (m, n_H, n_W, n_C)
            if mode == "max":
                np.maximum(A, entries, out=A)
            else:
                A += entries
    if mode == "average":
        A /= f * f
    return A


# --8<-- [end:pool_forward]


# --8<-- [start:pool_backward]
def pool_backward(dA, cache, mode="max"):
    r"""Backward pass of a pooling layer, vectorised: a loop over the $f^2$ window offsets only.

    For each offset $(u, v)$, the strided slice of `dA_prev` that holds entry $(u, v)$ of every
    window receives, at once for all windows,

    - max pooling: `dA` where that entry equals the window's maximum (the
      [`create_mask_from_window`][dl_notes.pooling.create_mask_from_window] mask of every
      window, built by comparing with the recomputed output), else 0;
    - average pooling: `dA / f**2` (what
      [`distribute_value`][dl_notes.pooling.distribute_value] gives every entry).

    Same numbers as [`pool_backward_loops`][dl_notes.pooling.pool_backward_loops].

    Parameters
    ----------
    dA : ndarray, shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output `A`.
    cache : tuple
        `(A_prev, hparameters)` from `pool_forward` or `pool_forward_loops`.
    mode : str, default "max"
        The same mode as in the forward pass.

    Returns
    -------
    dA_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C)
    """
    dA, A_prev, f, stride = _check_pool_backward(dA, cache, mode, "pool_backward")
    return _pool_backward(dA, A_prev, f, stride, mode)


def _pool_backward(dA, A_prev, f, stride, mode):
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape, np.result_type(A_prev, dA))  # (m, n_H_prev, n_W_prev, n_C)
    if mode == "max":
        A = _pool_forward(A_prev, f, stride, "max")  # each window's max, (m, n_H, n_W, n_C)
    else:
        da = dA / (f * f)  # each entry's share, (m, n_H, n_W, n_C)
    for u in range(f):  # the f^2 offsets (u, v) in a window
        for v in range(f):
            window_entries = (
                slice(None),
                slice(u, u + stride * n_H, stride),
                slice(v, v + stride * n_W, stride),
                slice(None),
            )
            if mode == "max":
                mask = A_prev[window_entries] == A  # (m, n_H, n_W, n_C)
                dA_prev[window_entries] += mask * dA
            else:
                dA_prev[window_entries] += da
    return dA_prev


# --8<-- [end:pool_backward]


# --- input checks: once, at the front of each public function ---------------------


def _check_pool(A_prev, hparameters, mode, where):
    """Check a pooling layer's inputs; return `A_prev` as an array and `f, stride` as ints."""
    A_prev = _as_images(A_prev, "A_prev", where, "(m, n_H_prev, n_W_prev, n_C)")
    check_choice(mode, MODES, "mode", where)
    f, stride = _hyperparameters(hparameters, {"f": 1, "stride": 1}, where)
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    if f > min(n_H_prev, n_W_prev):
        raise ValueError(
            f"{where}: the {f} x {f} window is larger than the input, {n_H_prev} x {n_W_prev} "
            f"(A_prev has shape {A_prev.shape}); pooling does not pad, so it needs "
            f"f <= n_H_prev and f <= n_W_prev."
        )
    return A_prev, f, stride


def _check_pool_backward(dA, cache, mode, where):
    """Check `dA` against the cache; return `dA, A_prev, f, stride`."""
    _check_cache(cache, "(A_prev, hparameters)", "pool_forward", where)
    A_prev, f, stride = _check_pool(*cache, mode, where)
    dA = _as_images(dA, "dA", where, "(m, n_H, n_W, n_C)")
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    check_shape(
        dA,
        (m, n_H, n_W, n_C),
        "dA",
        where,
        f"it must match A = pool_forward(A_prev, hparameters) from the cache, with A_prev "
        f"{A_prev.shape}, f {f} and stride {stride}",
    )
    return dA, A_prev, f, stride
