r"""Convolutional layers in NumPy: padding, one convolution step, forward and backward passes.

Taught in: Course 4, week 1 (padding, strided convolution, convolution over volumes, one
convolutional layer) and its first lab, "Convolution step by step" (W1A1); week 4
([1-D and 3-D convolutions](../../course4/week4.md#1-d-and-3-d-convolutions):
`conv1d_forward`).

A convolutional layer slides each of its $n_C$ filters over the zero-padded input and, at
every position $(h, w)$, multiplies the filter entry by entry with the window under it and
adds the products and a bias:

$$Z_{i,h,w,c} = \sum_{u=0}^{f-1} \sum_{v=0}^{f-1} \sum_{k=0}^{n_{C,prev}-1}
A^{pad}_{i,\, h s + u,\, w s + v,\, k}\; W_{u, v, k, c} + b_c .$$

With padding $p$ and stride $s$, the output has

$$n_H = \left\lfloor \frac{n_{H,prev} + 2p - f}{s} \right\rfloor + 1, \qquad
n_W = \left\lfloor \frac{n_{W,prev} + 2p - f}{s} \right\rfloor + 1 .$$

| array | shape |
|---|---|
| $A_{prev}$, $dA_{prev}$ | $(m, n_{H,prev}, n_{W,prev}, n_{C,prev})$ |
| $W$, $dW$ | $(f, f, n_{C,prev}, n_C)$ |
| $b$, $db$ | $(1, 1, 1, n_C)$ |
| $Z$, $dZ$ | $(m, n_H, n_W, n_C)$ |
| `hparameters` | `{"stride": s, "pad": p}` |

Course 4 leaves Course 1's convention: there the columns were the examples, `(n_x, m)`;
here the examples are the **first** axis and the channels the **last**,
`(m, n_H, n_W, n_C)`, as in TensorFlow. And, as the course does, the backward pass returns
sums over the examples: `dW` and `db` have no $\frac{1}{m}$ (in Course 1 it sat in `dW`);
if the cost is an average over the examples, its $\frac{1}{m}$ is already in `dZ`.

Each layer comes twice, side by side. `conv_forward_loops` and `conv_backward_loops` are
the lab's loops over examples, output rows, output columns and filters: slow, but they
read like the formula. [`conv_forward`][dl_notes.convolution.conv_forward] and
[`conv_backward`][dl_notes.convolution.conv_backward], the ones to use, compute the same
numbers with one matrix product ("im2col": every window becomes one row of a matrix) and
no loop over examples or positions. A test holds the two equal; both take and return the
course's cache `(A_prev, W, b, hparameters)`, so either backward pass accepts either
forward pass's cache.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dl_notes._checks import as_array, check_ndim, check_shape

__all__ = [
    "zero_pad",
    "conv_single_step",
    "conv_forward_loops",
    "conv_backward_loops",
    "conv_forward",
    "conv_backward",
]


# --8<-- [start:zero_pad]
def zero_pad(X, pad):
    r"""Pad every image of `X` with `pad` rows and columns of zeros on each side.

    Only the height and width are padded, not the examples or the channels.

    Parameters
    ----------
    X : ndarray, shape (m, n_H, n_W, n_C)
        A batch of `m` images (or activations).
    pad : int
        How many zeros to add on each side, $p \ge 0$.

    Returns
    -------
    X_pad : ndarray, shape (m, n_H + 2 pad, n_W + 2 pad, n_C)

    Examples
    --------
    >>> import numpy as np
    >>> zero_pad(np.ones((4, 3, 3, 2)), 2).shape
    (4, 7, 7, 2)
    """
    X = _as_images(X, "X", "zero_pad", "(m, n_H, n_W, n_C)")
    pad = _whole_number(pad, "pad", "zero_pad", minimum=0)
    return _zero_pad(X, pad)


def _zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


# --8<-- [end:zero_pad]


# --8<-- [start:conv_single_step]
def conv_single_step(a_slice_prev, W, b):
    r"""One step of a convolution: one filter on one window, $Z = \sum a_{slice} \odot W + b$.

    Parameters
    ----------
    a_slice_prev : ndarray, shape (f, f, n_C_prev)
        The window of the (padded) input under the filter.
    W : ndarray, shape (f, f, n_C_prev)
        One filter's weights.
    b : ndarray, shape (1, 1, 1)
        Its bias.

    Returns
    -------
    Z : float
        A NumPy scalar: one entry of the output volume.
    """
    where = "conv_single_step"
    a_slice_prev = as_array(a_slice_prev, "a_slice_prev", where)
    W = as_array(W, "W", where)
    b = as_array(b, "b", where)
    check_ndim(a_slice_prev, 3, "a_slice_prev", where, "(f, f, n_C_prev)")
    check_shape(W, a_slice_prev.shape, "W", where, "the filter must cover the window exactly")
    if b.size != 1:
        raise ValueError(
            f"{where}: b must hold one bias, shape (1, 1, 1), but it has shape {b.shape}."
        )
    return _conv_single_step(a_slice_prev, W, b)


def _conv_single_step(a_slice_prev, W, b):
    s = a_slice_prev * W  # element-wise product, (f, f, n_C_prev)
    Z = np.sum(s)
    return Z + b.item()  # the course's float(b): an error in recent NumPy


# --8<-- [end:conv_single_step]


# --8<-- [start:conv_forward_loops]
def conv_forward_loops(A_prev, W, b, hparameters):
    r"""Forward pass of a convolutional layer, written with loops as in the lab.

    For each example `i`, output row `h`, output column `w` and filter `c`, the window of the
    padded input that starts at row $h s$ and column $w s$ is convolved with filter `c` by
    [`conv_single_step`][dl_notes.convolution.conv_single_step]. Same numbers as
    [`conv_forward`][dl_notes.convolution.conv_forward], which has no Python loops.

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
        Activations of the previous layer (or the input images).
    W : ndarray, shape (f, f, n_C_prev, n_C)
        `n_C` filters of size `f` x `f`.
    b : ndarray, shape (1, 1, 1, n_C)
        One bias per filter.
    hparameters : dict
        `"stride"` (an int >= 1) and `"pad"` (an int >= 0).

    Returns
    -------
    Z : ndarray, shape (m, n_H, n_W, n_C)
        With $n_H = \lfloor (n_{H,prev} + 2p - f) / s \rfloor + 1$ and the same for $n_W$;
        the dtype of `A_prev` and `W` (float32 stays float32).
    cache : tuple
        `(A_prev, W, b, hparameters)`, for either backward pass.
    """
    A_prev, W, b, stride, pad = _check_conv(A_prev, W, b, hparameters, "conv_forward_loops")
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C), dtype=np.result_type(A_prev, W))
    A_prev_pad = _zero_pad(A_prev, pad)
    # The inputs were checked once, above; the loops call the unchecked _zero_pad and
    # _conv_single_step, the bodies of zero_pad and conv_single_step.
    for i in range(m):  # loop over the examples
        a_prev_pad = A_prev_pad[i]  # (n_H_prev+2p, n_W_prev+2p, n_C_prev)
        for h in range(n_H):  # over the output rows
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):  # over the output columns
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):  # over the filters (output channels)
                    a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = _conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache


# --8<-- [end:conv_forward_loops]


# --8<-- [start:conv_backward_loops]
def conv_backward_loops(dZ, cache):
    r"""Backward pass of a convolutional layer, written with loops as in the lab.

    Each output entry $Z_{i,h,w,c}$ came from one window and one filter, so its gradient
    $dZ_{i,h,w,c}$ flows back to both, and to the bias:

    $$dA^{pad}_{i,\,\text{window}} \mathrel{+}= W_{:,:,:,c}\; dZ_{i,h,w,c}, \qquad
    dW_{:,:,:,c} \mathrel{+}= a^{pad}_{i,\,\text{window}}\; dZ_{i,h,w,c}, \qquad
    db_c \mathrel{+}= dZ_{i,h,w,c}.$$

    Sums over the examples, with no $\frac{1}{m}$, as in the course. Same numbers as
    [`conv_backward`][dl_notes.convolution.conv_backward].

    Parameters
    ----------
    dZ : ndarray, shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output `Z`.
    cache : tuple
        `(A_prev, W, b, hparameters)` from `conv_forward` or `conv_forward_loops`.

    Returns
    -------
    dA_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray, shape (f, f, n_C_prev, n_C)
    db : ndarray, shape (1, 1, 1, n_C)
    """
    dZ, A_prev, W, b, stride, pad = _check_conv_backward(dZ, cache, "conv_backward_loops")
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    (m, n_H, n_W, n_C) = dZ.shape
    dtype = np.result_type(A_prev, W, dZ)
    dA_prev = np.zeros(A_prev.shape, dtype)
    dW = np.zeros(W.shape, dtype)
    db = np.zeros(b.shape, dtype)
    A_prev_pad = _zero_pad(A_prev, pad)
    dA_prev_pad = _zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    dz = dZ[i, h, w, c]
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dz
                    dW[:, :, :, c] += a_slice * dz
                    db[:, :, :, c] += dz
        # Unpad. The course writes da_prev_pad[pad:-pad, pad:-pad, :], which is empty when pad = 0.
        dA_prev[i, :, :, :] = da_prev_pad[pad : pad + n_H_prev, pad : pad + n_W_prev, :]
    return dA_prev, dW, db


# --8<-- [end:conv_backward_loops]


# --8<-- [start:conv_forward]
def conv_forward(A_prev, W, b, hparameters):
    r"""Forward pass of a convolutional layer, vectorised: one matrix product for all positions.

    "im2col": every $f \times f \times n_{C,prev}$ window of the padded input, for every
    example and output position, is flattened into one row of a matrix `cols` of shape
    $(m\, n_H\, n_W,\; f f n_{C,prev})$; the filters, flattened the same way, are the
    columns of a matrix of shape $(f f n_{C,prev},\; n_C)$. Their product holds every
    `conv_single_step` of [`conv_forward_loops`][dl_notes.convolution.conv_forward_loops]
    at once:

    $$Z = \text{cols}\; W_{\text{col}} + b .$$

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
    W : ndarray, shape (f, f, n_C_prev, n_C)
    b : ndarray, shape (1, 1, 1, n_C)
    hparameters : dict
        `"stride"` (an int >= 1) and `"pad"` (an int >= 0).

    Returns
    -------
    Z : ndarray, shape (m, n_H, n_W, n_C)
        $n_H = \lfloor (n_{H,prev} + 2p - f) / s \rfloor + 1$, and the same for $n_W$;
        the dtype of `A_prev` and `W` (float32 stays float32).
    cache : tuple
        `(A_prev, W, b, hparameters)`, the course's cache.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> A_prev, W, b = rng.random((2, 5, 7, 4)), rng.random((3, 3, 4, 8)), rng.random((1, 1, 1, 8))
    >>> Z, cache = conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
    >>> Z.shape
    (2, 3, 4, 8)
    """
    A_prev, W, b, stride, pad = _check_conv(A_prev, W, b, hparameters, "conv_forward")
    Z = _conv_forward(A_prev, W, b, stride, pad)
    return Z, (A_prev, W, b, hparameters)


def _conv_forward(A_prev, W, b, stride, pad):
    f, f, n_C_prev, n_C = W.shape
    cols, (m, n_H, n_W) = _im2col(A_prev, f, stride, pad)  # (m n_H n_W, f f n_C_prev)
    Z = cols @ W.reshape(f * f * n_C_prev, n_C)  # (m n_H n_W, n_C)
    Z += b.reshape(n_C)
    return Z.reshape(m, n_H, n_W, n_C)  # (m, n_H, n_W, n_C)


def _im2col(A_prev, f, stride, pad):
    """Every window of the padded input as one row, `cols`; and `(m, n_H, n_W)`."""
    A_prev_pad = _zero_pad(A_prev, pad)  # (m, n_H_prev+2p, n_W_prev+2p, n_C_prev)
    windows = sliding_window_view(A_prev_pad, (f, f), axis=(1, 2))
    #                        a view, no copy: (m, n_H_prev + 2p - f + 1, ..., n_C_prev, f, f)
    windows = windows[:, ::stride, ::stride]  # (m, n_H, n_W, n_C_prev, f, f)
    windows = windows.transpose(0, 1, 2, 4, 5, 3)  # (m, n_H, n_W, f, f, n_C_prev), as in W
    m, n_H, n_W, f, f, n_C_prev = windows.shape
    cols = windows.reshape(m * n_H * n_W, f * f * n_C_prev)  # a copy: (m n_H n_W, f f n_C_prev)
    return cols, (m, n_H, n_W)


# --8<-- [end:conv_forward]


# --8<-- [start:conv_backward]
def conv_backward(dZ, cache):
    r"""Backward pass of a convolutional layer, vectorised: matrix products and $f^2$ strided adds.

    With `cols` and $W_{\text{col}}$ as in [`conv_forward`][dl_notes.convolution.conv_forward]
    (`cols` is rebuilt from the cache) and $dZ$ flattened to one row per output position,
    $dZ_{\text{rows}}$, shape $(m\, n_H\, n_W,\; n_C)$:

    $$dW_{\text{col}} = \text{cols}^T dZ_{\text{rows}}, \qquad
    db = \textstyle\sum_{\text{rows}} dZ_{\text{rows}}, \qquad
    dA^{pad}_{:,\; s h + u,\; s w + v,\; :} \mathrel{+}= dZ_{:,h,w,:}\; W_{u,v}^T
    \quad \text{for each filter offset } (u, v).$$

    The last line loops over the $f^2$ offsets only: for each, every window's entry
    $(u, v)$ receives its share at once, through a strided slice of $dA^{pad}$. Sums over
    the examples, with no $\frac{1}{m}$, as in the course. Same numbers as
    [`conv_backward_loops`][dl_notes.convolution.conv_backward_loops].

    Parameters
    ----------
    dZ : ndarray, shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output `Z`.
    cache : tuple
        `(A_prev, W, b, hparameters)` from `conv_forward` or `conv_forward_loops`.

    Returns
    -------
    dA_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray, shape (f, f, n_C_prev, n_C)
    db : ndarray, shape (1, 1, 1, n_C)
    """
    dZ, A_prev, W, b, stride, pad = _check_conv_backward(dZ, cache, "conv_backward")
    return _conv_backward(dZ, A_prev, W, stride, pad)


def _conv_backward(dZ, A_prev, W, stride, pad):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    m, n_H, n_W, n_C = dZ.shape
    dtype = np.result_type(A_prev, W, dZ)
    dZ_rows = dZ.reshape(m * n_H * n_W, n_C)  # (m n_H n_W, n_C): a row per position
    db = np.einsum("pc->c", dZ_rows).reshape(1, 1, 1, n_C)  # sum over the positions p
    #    (1, 1, 1, n_C); einsum sums these short rows 4x faster than dZ_rows.sum(axis=0)
    cols, _ = _im2col(A_prev, f, stride, pad)  # (m n_H n_W, f f n_C_prev)
    dW = (cols.T @ dZ_rows).reshape(f, f, n_C_prev, n_C)  # (f, f, n_C_prev, n_C)
    dA_prev_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev), dtype)
    for u in range(f):  # the f^2 offsets (u, v) in a window
        for v in range(f):
            dentries = dZ_rows @ W[u, v].T  # (m n_H n_W, n_C_prev): entry (u, v)
            dentries = dentries.reshape(m, n_H, n_W, n_C_prev)  # of every window
            dA_prev_pad[:, u : u + stride * n_H : stride, v : v + stride * n_W : stride, :] += (
                dentries
            )
    dA_prev = dA_prev_pad[:, pad : pad + n_H_prev, pad : pad + n_W_prev, :]
    #         unpadded: (m, n_H_prev, n_W_prev, n_C_prev)
    return np.ascontiguousarray(dA_prev), dW.astype(dtype, copy=False), db.astype(dtype, copy=False)


# --8<-- [end:conv_backward]


# --- input checks: once, at the front of each public function ---------------------


def _as_images(x, name, where, layout):
    x = as_array(x, name, where)
    check_ndim(x, 4, name, where, layout)
    return x


def _whole_number(value, name, where, minimum):
    """Return `value` as an int after checking it is a whole number >= `minimum`."""
    numeric = isinstance(value, (int, float, np.integer, np.floating))
    numeric = numeric and not isinstance(value, bool)
    if not numeric or not np.isfinite(value) or int(value) != value:
        given = repr(value) if numeric else f"a {type(value).__name__}"
        raise TypeError(f"{where}: {name} must be a whole number (an int), but {given} was given.")
    if value < minimum:
        raise ValueError(f"{where}: {name} must be an int >= {minimum}, but {value!r} was given.")
    return int(value)


def _hyperparameters(hparameters, minimums, where):
    """Read the int hyperparameters `minimums` names (`{"stride": 1, "pad": 0}`) from the dict."""
    keys = ", ".join(repr(k) for k in minimums)
    if not isinstance(hparameters, Mapping):
        raise TypeError(
            f"{where}: hparameters must be a dict with keys {keys}, but a "
            f"{type(hparameters).__name__} was given."
        )
    values = []
    for key, minimum in minimums.items():
        if key not in hparameters:
            raise ValueError(
                f"{where}: hparameters has no {key!r}; it needs keys {keys} but has "
                f"{sorted(hparameters)}."
            )
        values.append(_whole_number(hparameters[key], f'hparameters["{key}"]', where, minimum))
    return values


def _check_conv(A_prev, W, b, hparameters, where):
    """Check a convolution's inputs; return `A_prev, W, b` as arrays, and `stride, pad` as ints."""
    A_prev = _as_images(A_prev, "A_prev", where, "(m, n_H_prev, n_W_prev, n_C_prev)")
    W = _as_images(W, "W", where, "(f, f, n_C_prev, n_C)")
    b = as_array(b, "b", where)
    if W.shape[0] != W.shape[1]:
        raise ValueError(
            f"{where}: W must hold square f x f filters, shape (f, f, n_C_prev, n_C), "
            f"but it has shape {W.shape}."
        )
    if W.shape[2] != A_prev.shape[3]:
        raise ValueError(
            f"{where}: W has shape {W.shape}, so its filters have {W.shape[2]} channels, but "
            f"A_prev has {A_prev.shape[3]} channels (shape {A_prev.shape}); W needs "
            f"W.shape[2] == A_prev.shape[3] == n_C_prev."
        )
    check_shape(
        b, (1, 1, 1, W.shape[3]), "b", where, f"one bias per filter, and W has {W.shape[3]} filters"
    )
    stride, pad = _hyperparameters(hparameters, {"stride": 1, "pad": 0}, where)
    f = W.shape[0]
    n_H_pad, n_W_pad = A_prev.shape[1] + 2 * pad, A_prev.shape[2] + 2 * pad
    if f > min(n_H_pad, n_W_pad):
        raise ValueError(
            f"{where}: the {f} x {f} filter is larger than the padded input, {n_H_pad} x {n_W_pad} "
            f"(A_prev is {A_prev.shape[1]} x {A_prev.shape[2]}, pad {pad}); the filter needs "
            f"f <= n_H_prev + 2 pad and f <= n_W_prev + 2 pad."
        )
    return A_prev, W, b, stride, pad


def _check_conv_backward(dZ, cache, where):
    """Check `dZ` against the cache; return `dZ, A_prev, W, b, stride, pad`."""
    _check_cache(cache, "(A_prev, W, b, hparameters)", "conv_forward", where)
    A_prev, W, b, stride, pad = _check_conv(*cache, where)
    dZ = _as_images(dZ, "dZ", where, "(m, n_H, n_W, n_C)")
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    check_shape(
        dZ,
        (m, n_H, n_W, n_C),
        "dZ",
        where,
        f"it must match Z = conv_forward(A_prev, W, b, hparameters) from the cache, "
        f"with A_prev {A_prev.shape}, W {W.shape}, stride {stride} and pad {pad}",
    )
    return dZ, A_prev, W, b, stride, pad


def _check_cache(cache, items, forward, where):
    """Raise unless `cache` is a tuple with one entry per name in `items`, e.g. `"(A_prev, W)"`."""
    if not isinstance(cache, (tuple, list)):
        raise TypeError(
            f"{where}: cache must be the tuple {items} that {forward} returns, but a "
            f"{type(cache).__name__} was given."
        )
    if len(cache) != items.count(",") + 1:
        raise ValueError(
            f"{where}: cache must be the tuple {items} that {forward} returns, but it has "
            f"{len(cache)} entries."
        )


# --- 1-D convolution (Course 4, week 4: "1D and 3D generalizations") ---------------

__all__ += ["conv1d_forward"]  # appended with this section


# --8<-- [start:conv1d_forward]
def conv1d_forward(A_prev, W, b, hparameters):
    r"""Forward pass of a 1-D convolutional layer, on signals (a sequence of numbers per channel).

    The 2-D layer of [`conv_forward`][dl_notes.convolution.conv_forward] with the width taken
    away: each of the $n_C$ filters, $f$ numbers long and $n_{C,prev}$ channels deep, slides
    along the zero-padded signal, and at every position $l$ the window under it is multiplied
    entry by entry with the filter and summed, with a bias:

    $$Z_{i,l,c} = \sum_{u=0}^{f-1} \sum_{k=0}^{n_{C,prev}-1}
    A^{pad}_{i,\, l s + u,\, k}\; W_{u, k, c} + b_c, \qquad
    n_L = \left\lfloor \frac{n_{L,prev} + 2p - f}{s} \right\rfloor + 1 .$$

    Like every deep-learning convolution it does not flip the filter (a cross-correlation).
    It equals `conv_forward` on images of height 1 with filters of height 1, and Keras's
    `Conv1D` and `tf.nn.conv1d` with the same padding.

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_L_prev, n_C_prev)
        `m` signals of length `n_L_prev` with `n_C_prev` channels (an ECG: one channel;
        the leads of a 12-lead ECG: twelve).
    W : ndarray, shape (f, n_C_prev, n_C)
        `n_C` filters of length `f`.
    b : ndarray, shape (1, 1, n_C)
        One bias per filter.
    hparameters : dict
        `"stride"` (an int >= 1) and `"pad"` (an int >= 0), as for `conv_forward`.

    Returns
    -------
    Z : ndarray, shape (m, n_L, n_C)
        $n_L = \lfloor (n_{L,prev} + 2p - f) / s \rfloor + 1$; the dtype of `A_prev` and `W`.
    cache : tuple
        `(A_prev, W, b, hparameters)`, the same convention as `conv_forward`.

    Examples
    --------
    >>> import numpy as np
    >>> signal = np.array([0.0, 0.0, 1.0, 1.0, 1.0, 0.0])[None, :, None]   # (1, 6, 1)
    >>> W = np.array([-1.0, 1.0])[:, None, None]                          # (2, 1, 1)
    >>> Z, _ = conv1d_forward(signal, W, np.zeros((1, 1, 1)), {"pad": 0, "stride": 1})
    >>> Z[0, :, 0]                          # the difference of neighbours: +1 up, -1 down
    array([ 0.,  1.,  0.,  0., -1.])
    """
    A_prev, W, b, stride, pad = _check_conv1d(A_prev, W, b, hparameters, "conv1d_forward")
    Z = _conv1d_forward(A_prev, W, b, stride, pad)
    return Z, (A_prev, W, b, hparameters)


def _conv1d_forward(A_prev, W, b, stride, pad):
    f, n_C_prev, n_C = W.shape
    A_prev_pad = np.pad(A_prev, ((0, 0), (pad, pad), (0, 0)))  # (m, n_L_prev + 2p, n_C_prev)
    windows = sliding_window_view(A_prev_pad, f, axis=1)  # a view: (m, ..., n_C_prev, f)
    windows = windows[:, ::stride]  # (m, n_L, n_C_prev, f)
    Z = np.tensordot(windows, W, axes=([3, 2], [0, 1]))  # sum over u and k: (m, n_L, n_C)
    return Z + b.reshape(n_C)  # (m, n_L, n_C)


# --8<-- [end:conv1d_forward]


def _check_conv1d(A_prev, W, b, hparameters, where):
    """Check a 1-D convolution's inputs; return `A_prev, W, b` as arrays, `stride, pad` as ints."""
    A_prev = as_array(A_prev, "A_prev", where)
    check_ndim(A_prev, 3, "A_prev", where, "(m, n_L_prev, n_C_prev)")
    W = as_array(W, "W", where)
    check_ndim(W, 3, "W", where, "(f, n_C_prev, n_C)")
    b = as_array(b, "b", where)
    if W.shape[1] != A_prev.shape[2]:
        raise ValueError(
            f"{where}: W has shape {W.shape}, so its filters have {W.shape[1]} channels, but "
            f"A_prev has {A_prev.shape[2]} channels (shape {A_prev.shape}); W needs "
            f"W.shape[1] == A_prev.shape[2] == n_C_prev."
        )
    check_shape(
        b, (1, 1, W.shape[2]), "b", where, f"one bias per filter, and W has {W.shape[2]} filters"
    )
    stride, pad = _hyperparameters(hparameters, {"stride": 1, "pad": 0}, where)
    f, n_L_pad = W.shape[0], A_prev.shape[1] + 2 * pad
    if f > n_L_pad or f == 0:
        raise ValueError(
            f"{where}: the filter of length {f} must fit in the padded signal, of length "
            f"{n_L_pad} (A_prev has length {A_prev.shape[1]}, pad {pad}); the filter needs "
            f"1 <= f <= n_L_prev + 2 pad."
        )
    return A_prev, W, b, stride, pad
