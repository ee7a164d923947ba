r"""Semantic segmentation in NumPy: scoring masks, and the transposed convolution that upsamples.

Taught in: Course 4, week 3 (semantic segmentation, transposed convolutions, U-Net) and its
lab [W3A2 · Image segmentation with U-Net](../../course4/labs/w3a2-image-segmentation-unet.ipynb).

**Scoring a mask.** A segmentation network predicts a class for every pixel. The course
reports Keras' `accuracy`, the fraction of pixels labelled right,
[`pixel_accuracy`][dl_notes.segmentation.pixel_accuracy]. When a few classes cover most of
the image (sky, road), that number stays high even if the small classes (lane markings,
poles) are never found. The intersection over union of each class, the lecture's IoU of
boxes applied to sets of pixels, does not hide them:

$$\text{IoU}_k = \frac{|\{\hat y = k\} \cap \{y = k\}|}{|\{\hat y = k\} \cup \{y = k\}|}
= \frac{TP_k}{TP_k + FP_k + FN_k},$$

and the mean IoU averages it over the classes:
[`class_iou`][dl_notes.segmentation.class_iou], [`mean_iou`][dl_notes.segmentation.mean_iou].
Both count pixels over the whole set of images (the union and intersection of all the masks
together), as the usual benchmark code and `keras.metrics.MeanIoU` do, not per image.

**Transposed convolution.** A convolution with stride $s$ makes an image smaller; the U-Net's
decoder needs the opposite. A transposed convolution paints a copy of its filter, scaled by
each input value, onto the output at $s$ times the input's position, and adds where the copies
overlap:

$$Z^{full}_{i,\; s h + u,\; s w + v,\; c} \mathrel{+}= A_{i,h,w,k}\; W_{u,v,c,k}, \qquad
Z = \text{crop}_p(Z^{full}) + b,$$

then crops $p$ rows and columns from each side. An $n$-pixel side becomes

$$n_{out} = (n - 1)\, s + f - 2 p .$$

It is exactly the backward pass of a convolution with respect to its input, $dA_{prev}$ in
[`conv_backward`][dl_notes.convolution.conv_backward]: the convolution with the same `W`,
stride and padding maps an $n_{out}$-pixel side back to $n$ pixels, and the transposed
convolution is the transpose of that linear map (its matrix, written out). Hence the name,
and hence its own backward pass: the gradient with respect to its input is an ordinary
convolution of $dZ$ with `W`.

| array | shape |
|---|---|
| $A_{prev}$, $dA_{prev}$ | $(m, n_{H,prev}, n_{W,prev}, n_{C,prev})$ |
| $W$, $dW$ | $(f, f, n_C, n_{C,prev})$: TensorFlow's layout, output channels first |
| $b$, $db$ | $(1, 1, 1, n_C)$ |
| $Z$, $dZ$ | $(m, n_H, n_W, n_C)$ with $n_H = (n_{H,prev} - 1) s + f - 2p$ |
| `hparameters` | `{"stride": s, "pad": p}`; `p` an int, or `"valid"` / `"same"` as in TensorFlow |

The filter layout is the one of `tf.nn.conv2d_transpose` and of a Keras `Conv2DTranspose`
kernel, `(f, f, n_C, n_C_prev)`: it is the layout `(f, f, n_C_prev, n_C)` of the convolution
being transposed, whose input has the transposed convolution's $n_C$ output channels.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_ndim, check_shape
from dl_notes.convolution import (
    _as_images,
    _check_cache,
    _conv_forward,
    _im2col,
    _whole_number,
)

__all__ = [
    "pixel_accuracy",
    "confusion_matrix",
    "class_iou",
    "mean_iou",
    "conv_transpose_output_size",
    "conv_transpose_forward_loops",
    "conv_transpose_forward",
    "conv_transpose_backward",
]


# --- scoring masks -----------------------------------------------------------------------


def pixel_accuracy(Y_true, Y_pred):
    r"""The fraction of pixels whose predicted class is the true one: Keras' `accuracy` on masks.

    $$\text{accuracy} = \frac{1}{N} \sum_{j=1}^{N} \mathbb{1}\big[\hat y_j = y_j\big]$$

    over all $N$ pixels of all the images.

    Parameters
    ----------
    Y_true : ndarray of int, shape (m, n_H, n_W) or any shape
        True classes, e.g. the masks of
        [`load_segmentation_scenes`][dl_notes.data.segmentation_scenes.load_segmentation_scenes].
    Y_pred : ndarray of int, the shape of `Y_true`
        Predicted classes, e.g. from [`create_mask`][dl_notes.tf.unet.create_mask]; a trailing
        axis of 1 on either (the course's `(n_H, n_W, 1)` masks) is ignored.

    Returns
    -------
    accuracy : float
        In [0, 1].

    Examples
    --------
    >>> pixel_accuracy(np.array([[0, 1], [1, 1]]), np.array([[0, 1], [0, 0]]))
    0.5
    """
    Y_true, Y_pred = _check_masks(Y_true, Y_pred, "pixel_accuracy")
    return float(np.mean(Y_true == Y_pred))


def confusion_matrix(Y_true, Y_pred, n_classes):
    r"""Pixel counts: entry $(k, l)$ is the number of pixels of true class $k$ predicted as $l$.

    Parameters
    ----------
    Y_true : ndarray of int, any shape
        True classes in $0, \dots, n_{classes} - 1$.
    Y_pred : ndarray of int, the shape of `Y_true`
        Predicted classes in the same range.
    n_classes : int
        Number of classes.

    Returns
    -------
    C : ndarray of int64, shape (n_classes, n_classes)
        Rows: true class; columns: predicted class. The diagonal holds the $TP_k$; the sum of
        row $k$ is the number of pixels of class $k$, the sum of column $k$ the number
        predicted as $k$.

    Examples
    --------
    >>> confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]), 3)
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    """
    where = "confusion_matrix"
    Y_true, Y_pred = _check_masks(Y_true, Y_pred, where, n_classes)
    return _confusion_matrix(Y_true, Y_pred, int(n_classes))


def _confusion_matrix(Y_true, Y_pred, n_classes):
    flat = Y_true.ravel().astype(np.int64) * n_classes + Y_pred.ravel()
    return np.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def class_iou(Y_true, Y_pred, n_classes):
    r"""The intersection over union of each class's pixels, over all the images together.

    $$\text{IoU}_k = \frac{TP_k}{TP_k + FP_k + FN_k},$$

    with $TP_k$ the pixels of class $k$ predicted as $k$, $FP_k$ the pixels predicted as $k$
    that are of another class, $FN_k$ the pixels of class $k$ predicted as another.

    **Absent classes.** A class that is in neither `Y_true` nor `Y_pred` has an empty union:
    its IoU is $0/0$, returned as `nan` (nothing to score), and
    [`mean_iou`][dl_notes.segmentation.mean_iou] leaves it out. A class predicted but absent
    from `Y_true` (or the reverse) has an IoU of 0.

    Parameters
    ----------
    Y_true : ndarray of int, shape (m, n_H, n_W) or any shape
        True classes in $0, \dots, n_{classes} - 1$.
    Y_pred : ndarray of int, the shape of `Y_true`
        Predicted classes in the same range.
    n_classes : int
        Number of classes.

    Returns
    -------
    iou : ndarray of float64, shape (n_classes,)
        $\text{IoU}_k$ in [0, 1], `nan` for a class absent from both.

    Examples
    --------
    >>> class_iou(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 3).round(4).tolist()
    [0.5, 0.6667, nan]
    """
    where = "class_iou"
    Y_true, Y_pred = _check_masks(Y_true, Y_pred, where, n_classes)
    return _class_iou(_confusion_matrix(Y_true, Y_pred, int(n_classes)))


def _class_iou(C):
    TP = np.diag(C).astype(np.float64)
    union = C.sum(axis=0) + C.sum(axis=1) - TP  # TP + FP + FN
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, TP / union, np.nan)


def mean_iou(Y_true, Y_pred, n_classes):
    r"""The mean of [`class_iou`][dl_notes.segmentation.class_iou] over the classes present.

    $$\text{mean IoU} = \frac{1}{|K|} \sum_{k \in K} \text{IoU}_k,$$

    where $K$ is the set of classes that occur in `Y_true` or in `Y_pred`: a class absent
    from both is left out (its IoU is undefined, not 0, and not 1). A class that is predicted
    but never true counts, with IoU 0. This is the convention of scikit-learn's
    `jaccard_score(average="macro")` restricted to the labels present; `keras.metrics.MeanIoU`
    averages over the classes with a non-empty union too.

    Parameters
    ----------
    Y_true : ndarray of int, shape (m, n_H, n_W) or any shape
        True classes in $0, \dots, n_{classes} - 1$.
    Y_pred : ndarray of int, the shape of `Y_true`
        Predicted classes in the same range.
    n_classes : int
        Number of classes.

    Returns
    -------
    miou : float
        In [0, 1].

    Examples
    --------
    >>> round(mean_iou(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 3), 4)
    0.5833
    """
    where = "mean_iou"
    Y_true, Y_pred = _check_masks(Y_true, Y_pred, where, n_classes)
    return float(np.nanmean(_class_iou(_confusion_matrix(Y_true, Y_pred, int(n_classes)))))


def _check_masks(Y_true, Y_pred, where, n_classes=None):
    """Check two masks of integer classes; return them as integer arrays of the same shape."""
    if n_classes is not None:
        _whole_number(n_classes, "n_classes", where, minimum=1)
    out = []
    for name, Y in (("Y_true", Y_true), ("Y_pred", Y_pred)):
        Y = np.asarray(Y)
        if Y.dtype.kind == "f" and np.all(np.isfinite(Y)) and np.all(Y == np.round(Y)):
            Y = Y.astype(np.int64)  # whole-number floats, e.g. a mask read from a float array
        if Y.dtype.kind not in "iub":
            raise TypeError(
                f"{where}: {name} must hold integer class labels, but it has dtype {Y.dtype}; "
                f"take the argmax over the classes first (create_mask)."
            )
        if Y.ndim > 1 and Y.shape[-1] == 1:
            Y = Y[..., 0]  # the course's masks have a trailing axis of 1
        out.append(Y.astype(np.int64, copy=False))
    Y_true, Y_pred = out
    if Y_true.shape != Y_pred.shape:
        raise ValueError(
            f"{where}: Y_true and Y_pred must have the same shape, but Y_true has shape "
            f"{Y_true.shape} and Y_pred has shape {Y_pred.shape}."
        )
    if Y_true.size == 0:
        raise ValueError(f"{where}: the masks are empty (shape {Y_true.shape}).")
    low = min(int(Y_true.min()), int(Y_pred.min()))
    high = max(int(Y_true.max()), int(Y_pred.max()))
    if low < 0 or (n_classes is not None and high >= n_classes):
        bound = f"0 to {int(n_classes) - 1}" if n_classes is not None else ">= 0"
        raise ValueError(
            f"{where}: class labels must be {bound}, but the masks hold labels from {low} to "
            f"{high}."
        )
    return Y_true, Y_pred


# --- transposed convolution --------------------------------------------------------------


def conv_transpose_output_size(n, f, stride, pad):
    r"""Side of a transposed convolution's output: $(n - 1)\, s + f - 2p$.

    Parameters
    ----------
    n : int
        Side (height or width) of the input.
    f : int
        Side of the filter.
    stride : int
        $s \ge 1$.
    pad : int or {"valid", "same"}
        $p \ge 0$; `"valid"` is $p = 0$; `"same"` gives $n\, s$, TensorFlow's choice.

    Returns
    -------
    n_out : int

    Examples
    --------
    >>> conv_transpose_output_size(3, 3, 2, 0), conv_transpose_output_size(3, 3, 2, "same")
    (7, 6)
    """
    where = "conv_transpose_output_size"
    n = _whole_number(n, "n", where, minimum=1)
    f = _whole_number(f, "f", where, minimum=1)
    stride = _whole_number(stride, "stride", where, minimum=1)
    pad = _check_pad(pad, "pad", where)
    return _crop(n, f, stride, pad)[1]


def _crop(n, f, stride, pad):
    """`(begin, n_out)`: crop `begin` entries from the full output of `(n - 1) s + f`, keep
    `n_out`.

    `"same"`: the convolution it transposes maps `n s` pixels to `n` with TensorFlow's 'SAME'
    padding, `max(f - s, 0)` zeros in all, the smaller half before: crop that half.
    """
    if pad == "valid":
        pad = 0
    if pad == "same":
        return max(f - stride, 0) // 2, n * stride
    return pad, (n - 1) * stride + f - 2 * pad


# --8<-- [start:conv_transpose_forward_loops]
def conv_transpose_forward_loops(A_prev, W, b, hparameters):
    r"""Forward pass of a transposed convolution, with loops: paint a scaled filter per input value.

    For each example `i`, input row `h`, input column `w` and input channel `k`, the filter
    `W[:, :, :, k]`, scaled by $A_{i,h,w,k}$, is added to the output window that starts at row
    $s h$ and column $s w$ (of the uncropped output); then $p$ rows and columns are cropped
    from each side and the bias added. Same numbers as
    [`conv_transpose_forward`][dl_notes.segmentation.conv_transpose_forward].

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
    W : ndarray, shape (f, f, n_C, n_C_prev)
        TensorFlow's layout: output channels before input channels.
    b : ndarray, shape (1, 1, 1, n_C)
    hparameters : dict
        `"stride"` (an int >= 1) and `"pad"` (an int >= 0, or `"valid"` or `"same"`).

    Returns
    -------
    Z : ndarray, shape (m, n_H, n_W, n_C)
        $n_H = (n_{H,prev} - 1) s + f - 2p$, and the same for $n_W$.
    cache : tuple
        `(A_prev, W, b, hparameters)`.
    """
    A_prev, W, b, stride, pad = _check_conv_transpose(
        A_prev, W, b, hparameters, "conv_transpose_forward_loops"
    )
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C, n_C_prev = W.shape
    full = np.zeros(
        (m, (n_H_prev - 1) * stride + f, (n_W_prev - 1) * stride + f, n_C),
        np.result_type(A_prev, W),
    )
    for i in range(m):  # the examples
        for h in range(n_H_prev):  # the input rows
            vert_start = stride * h
            for w in range(n_W_prev):  # the input columns
                horiz_start = stride * w
                for k in range(n_C_prev):  # the input channels
                    full[i, vert_start : vert_start + f, horiz_start : horiz_start + f, :] += (
                        A_prev[i, h, w, k] * W[:, :, :, k]
                    )
    Z = _crop_full(full, f, stride, pad, n_H_prev, n_W_prev) + b
    return Z, (A_prev, W, b, hparameters)


# --8<-- [end:conv_transpose_forward_loops]


# --8<-- [start:conv_transpose_forward]
def conv_transpose_forward(A_prev, W, b, hparameters):
    r"""Forward pass of a transposed convolution, vectorised: $f^2$ matrix products and strided
    adds.

    For each filter offset $(u, v)$, every input pixel's contribution to the output pixel at
    offset $(u, v)$ of its window is one matrix product over the channels,
    $A_{i,h,w,:}\, W_{u,v}^T$, and all of them land at once on the strided slice
    $Z^{full}_{:,\; u + s h,\; v + s w,\; :}$:

    $$Z^{full}_{:,\; u + s h,\; v + s w,\; :} \mathrel{+}= A_{:,h,w,:}\; W_{u,v}^T ,
    \qquad Z = \text{crop}_p(Z^{full}) + b.$$

    The same loop over $(u, v)$ computes $dA_{prev}$ in
    [`conv_backward`][dl_notes.convolution.conv_backward]: with `W` in TensorFlow's layout
    `(f, f, n_C, n_C_prev)` and `pad` an int, `conv_transpose_forward(A, W, 0, hp)` equals
    `conv_backward(A, (X, W, 0, hp))[0]` for any `X` of the output's shape. Same numbers as
    `tf.nn.conv2d_transpose(A, W, output_shape, strides=s, padding=...)` with
    `padding="VALID"` for `pad=0` or `"valid"`, and `"SAME"` for `"same"`.

    Parameters
    ----------
    A_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
        The input: activations of the previous layer.
    W : ndarray, shape (f, f, n_C, n_C_prev)
        `n_C` filters; the layout of `tf.nn.conv2d_transpose` and of a Keras
        `Conv2DTranspose` kernel.
    b : ndarray, shape (1, 1, 1, n_C)
        One bias per output channel.
    hparameters : dict
        `"stride"` (an int >= 1) and `"pad"`: an int $p \ge 0$ (crop $p$ from each side),
        `"valid"` ($p = 0$) or `"same"` (output $n\, s$, TensorFlow's cropping, which takes
        one pixel more from the end than from the start when $f - s$ is odd).

    Returns
    -------
    Z : ndarray, shape (m, n_H, n_W, n_C)
        $n_H = (n_{H,prev} - 1) s + f - 2p$ and the same for $n_W$ ($n_{H,prev}\, s$ with
        `"same"`); the dtype of `A_prev` and `W`.
    cache : tuple
        `(A_prev, W, b, hparameters)`, for
        [`conv_transpose_backward`][dl_notes.segmentation.conv_transpose_backward].

    Examples
    --------
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 2, 2, 1)
    >>> W, b = np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1))
    >>> Z, _ = conv_transpose_forward(A, W, b, {"stride": 1, "pad": 0})
    >>> Z[0, :, :, 0]
    array([[ 1.,  3.,  2.],
           [ 4., 10.,  6.],
           [ 3.,  7.,  4.]])
    """
    A_prev, W, b, stride, pad = _check_conv_transpose(
        A_prev, W, b, hparameters, "conv_transpose_forward"
    )
    Z = _conv_transpose_forward(A_prev, W, b, stride, pad)
    return Z, (A_prev, W, b, hparameters)


def _conv_transpose_forward(A_prev, W, b, stride, pad):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C, n_C_prev = W.shape
    full = np.zeros(
        (m, (n_H_prev - 1) * stride + f, (n_W_prev - 1) * stride + f, n_C),
        np.result_type(A_prev, W),
    )  # (m, (n_H_prev-1)s+f, (n_W_prev-1)s+f, n_C): the output before cropping
    for u in range(f):  # the f^2 offsets (u, v) in a window
        for v in range(f):
            full[:, u : u + stride * n_H_prev : stride, v : v + stride * n_W_prev : stride, :] += (
                A_prev @ W[u, v].T  # (m, n_H_prev, n_W_prev, n_C)
            )
    Z = _crop_full(full, f, stride, pad, n_H_prev, n_W_prev)  # (m, n_H, n_W, n_C)
    return Z + b.reshape(n_C).astype(Z.dtype, copy=False)


def _crop_full(full, f, stride, pad, n_H_prev, n_W_prev):
    """Crop (or, for 'same' with f < s, zero-extend) the full output to the output's size."""
    top, n_H = _crop(n_H_prev, f, stride, pad)
    left, n_W = _crop(n_W_prev, f, stride, pad)
    Z = full[:, top : top + n_H, left : left + n_W, :]
    if Z.shape[1:3] != (n_H, n_W):  # 'same' with f < s: the last rows get no filter copy
        Z = np.pad(Z, ((0, 0), (0, n_H - Z.shape[1]), (0, n_W - Z.shape[2]), (0, 0)))
    return np.ascontiguousarray(Z)


# --8<-- [end:conv_transpose_forward]


# --8<-- [start:conv_transpose_backward]
def conv_transpose_backward(dZ, cache):
    r"""Backward pass of a transposed convolution: an ordinary convolution of $dZ$, and sums.

    Undo the cropping (put $dZ$ back in the full output, zeros where the crop removed rows
    and columns), then, with the same offsets as the forward pass,

    $$dA_{prev\; i,h,w,:} = \sum_{u,v} dZ^{full}_{i,\; s h + u,\; s w + v,\; :}\; W_{u,v},
    \qquad dW_{u,v} = \sum_{i,h,w} \big(dZ^{full}_{i,\; s h + u,\; s w + v,\; :}\big)^T
    A_{prev\; i,h,w,:}, \qquad db = \sum_{i,h,w} dZ_{i,h,w,:}.$$

    The first is a convolution of $dZ^{full}$ with `W` read as a `(f, f, n_C, n_C_prev)`
    convolution filter, stride $s$, no padding:
    [`conv_forward`][dl_notes.convolution.conv_forward]'s kernel does it. The transposed
    convolution's input gradient is a convolution, as the convolution's input gradient is a
    transposed convolution. Sums over the examples, with no $\frac{1}{m}$, as in the course's
    `conv_backward`.

    Parameters
    ----------
    dZ : ndarray, shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the output `Z`.
    cache : tuple
        `(A_prev, W, b, hparameters)` from
        [`conv_transpose_forward`][dl_notes.segmentation.conv_transpose_forward] or its loop
        version.

    Returns
    -------
    dA_prev : ndarray, shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray, shape (f, f, n_C, n_C_prev)
    db : ndarray, shape (1, 1, 1, n_C)
    """
    where = "conv_transpose_backward"
    _check_cache(cache, "(A_prev, W, b, hparameters)", "conv_transpose_forward", where)
    A_prev, W, b, stride, pad = _check_conv_transpose(*cache, where)
    dZ = _as_images(dZ, "dZ", where, "(m, n_H, n_W, n_C)")
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[2]
    expected = (m, _crop(n_H_prev, f, stride, pad)[1], _crop(n_W_prev, f, stride, pad)[1], n_C)
    check_shape(
        dZ,
        expected,
        "dZ",
        where,
        f"it must match Z = conv_transpose_forward(A_prev, W, b, hparameters) from the cache, "
        f"with A_prev {A_prev.shape}, W {W.shape}, stride {stride} and pad {pad!r}",
    )
    return _conv_transpose_backward(dZ, A_prev, W, stride, pad)


def _conv_transpose_backward(dZ, A_prev, W, stride, pad):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C, n_C_prev = W.shape
    dtype = np.result_type(A_prev, W, dZ)
    top, n_H = _crop(n_H_prev, f, stride, pad)
    left, n_W = _crop(n_W_prev, f, stride, pad)
    full_H, full_W = (n_H_prev - 1) * stride + f, (n_W_prev - 1) * stride + f
    dZ_full = np.zeros((m, full_H, full_W, n_C), dtype)  # (m, full_H, full_W, n_C): uncropped
    keep_H, keep_W = min(n_H, full_H - top), min(n_W, full_W - left)  # 'same', f < s: fewer
    dZ_full[:, top : top + keep_H, left : left + keep_W, :] = dZ[:, :keep_H, :keep_W, :]
    zero_bias = np.zeros((1, 1, 1, n_C_prev), dtype)
    dA_prev = _conv_forward(dZ_full, W, zero_bias, stride, 0)  # (m, n_H_prev, n_W_prev, n_C_prev)
    cols, _ = _im2col(dZ_full, f, stride, 0)  # (m n_H_prev n_W_prev, f f n_C)
    A_rows = A_prev.reshape(m * n_H_prev * n_W_prev, n_C_prev)  # (m n_H_prev n_W_prev, n_C_prev)
    dW = (cols.T @ A_rows).reshape(f, f, n_C, n_C_prev)  # (f, f, n_C, n_C_prev)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    return dA_prev.astype(dtype, copy=False), dW.astype(dtype), db.astype(dtype)


# --8<-- [end:conv_transpose_backward]


# --- input checks: once, at the front ----------------------------------------------------


def _check_pad(pad, name, where):
    if isinstance(pad, str):
        if pad.lower() not in ("valid", "same"):
            raise ValueError(
                f"{where}: {name} must be an int >= 0, 'valid' or 'same', but {pad!r} was given."
            )
        return pad.lower()
    return _whole_number(pad, name, where, minimum=0)


def _check_conv_transpose(A_prev, W, b, hparameters, where):
    """Check a transposed convolution's inputs; return `A_prev, W, b, stride, pad`."""
    A_prev = _as_images(A_prev, "A_prev", where, "(m, n_H_prev, n_W_prev, n_C_prev)")
    W = _as_images(W, "W", where, "(f, f, n_C, n_C_prev)")
    b = as_array(b, "b", where)
    if W.shape[0] != W.shape[1]:
        raise ValueError(
            f"{where}: W must hold square f x f filters, shape (f, f, n_C, n_C_prev), "
            f"but it has shape {W.shape}."
        )
    if W.shape[3] != A_prev.shape[3]:
        raise ValueError(
            f"{where}: W has shape {W.shape}, so it takes {W.shape[3]} input channels (its last "
            f"axis, TensorFlow's layout (f, f, n_C, n_C_prev)), but A_prev has "
            f"{A_prev.shape[3]} channels (shape {A_prev.shape})."
        )
    check_ndim(b, 4, "b", where, "(1, 1, 1, n_C)")
    check_shape(b, (1, 1, 1, W.shape[2]), "b", where, "one bias per output channel, W.shape[2]")
    if not isinstance(hparameters, dict):
        raise TypeError(
            f"{where}: hparameters must be a dict with keys 'stride' and 'pad', but a "
            f"{type(hparameters).__name__} was given."
        )
    for key in ("stride", "pad"):
        if key not in hparameters:
            raise ValueError(
                f"{where}: hparameters has no {key!r}; it needs keys 'stride' and 'pad' but has "
                f"{sorted(hparameters)}."
            )
    stride = _whole_number(hparameters["stride"], 'hparameters["stride"]', where, minimum=1)
    pad = _check_pad(hparameters["pad"], 'hparameters["pad"]', where)
    f = W.shape[0]
    for axis, n in (("height", A_prev.shape[1]), ("width", A_prev.shape[2])):
        n_out = _crop(n, f, stride, pad)[1]
        if n_out < 1:
            raise ValueError(
                f"{where}: the output would have {axis} (n - 1) s + f - 2p = ({n} - 1) * {stride} "
                f"+ {f} - 2 * {pad} = {n_out}; pad must be smaller."
            )
    return A_prev, W, b, stride, pad
