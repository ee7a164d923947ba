r"""Object detection in NumPy: IoU, non-max suppression, YOLO's boxes, anchors, targets, mAP.

Taught in: Course 4, week 3 (bounding-box prediction, intersection over union, non-max
suppression, anchor boxes, YOLO) and its lab
[W3A1 · Car detection with YOLO](../../course4/labs/w3a1-car-detection-with-yolo.ipynb).

A YOLO detector cuts the image into an $S \times S$ grid and, for each cell and each of its
$B$ anchor boxes, predicts $5 + C$ numbers: where the box's centre lies in the cell, how
wide and tall the box is compared with the anchor, how likely it holds an object
($p_c$), and which of the $C$ classes the object is. Turning that volume into a few
boxes is the assignment, and every step of it is here in NumPy:

| step | function | in the course |
|---|---|---|
| raw outputs -> centres, sizes, $p_c$, class probabilities | [`yolo_head`][dl_notes.detection.yolo_head] | `yolo_head` (given, in `yad2k`) |
| centre and size -> corners | [`yolo_boxes_to_corners`][dl_notes.detection.yolo_boxes_to_corners] | given |
| keep the boxes whose score $p_c \cdot c_k$ passes a threshold | [`yolo_filter_boxes`][dl_notes.detection.yolo_filter_boxes] | graded |
| overlap of two boxes | [`iou`][dl_notes.detection.iou], [`iou_matrix`][dl_notes.detection.iou_matrix] | graded (`iou`) |
| drop the boxes that overlap a better one | [`non_max_suppression`][dl_notes.detection.non_max_suppression], [`yolo_non_max_suppression`][dl_notes.detection.yolo_non_max_suppression] | graded (with `tf.image.non_max_suppression`) |
| fractions of the image -> pixels | [`scale_boxes`][dl_notes.detection.scale_boxes] | given |
| the whole pipeline | [`yolo_eval`][dl_notes.detection.yolo_eval] | graded |

The TensorFlow versions, with the course's signatures, are in
[`dl_notes.tf.yolo`](tf.yolo.md); a test holds each pair equal. Beyond the assignment,
which loads a YOLOv2 trained elsewhere, this module has what training and measuring a
detector need: anchor shapes by k-means with the IoU distance
([`kmeans_anchors`][dl_notes.detection.kmeans_anchors]), the training target volume
([`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets] and back,
[`decode_yolo_targets`][dl_notes.detection.decode_yolo_targets]), the YOLO loss
([`yolo_loss`][dl_notes.detection.yolo_loss]), and average precision per class and its
mean, mAP ([`average_precision`][dl_notes.detection.average_precision],
[`mean_average_precision`][dl_notes.detection.mean_average_precision]).

**Two corner orders.** The course's `iou` takes boxes as $(x_1, y_1, x_2, y_2)$, upper-left
then lower-right corner, with $x$ the column and $y$ the row. Its `yolo_boxes_to_corners`
returns $(y_1, x_1, y_2, x_2)$, the order `tf.image.non_max_suppression` and `scale_boxes`
expect. IoU, non-max suppression and average precision give the same answer in either
order, as long as all boxes use the same one; [`swap_xy`][dl_notes.detection.swap_xy] turns
one order into the other. The data sets and the detector of the lab use $(x_1, y_1, x_2, y_2)$
in pixels.

| name | shape |
|---|---|
| a box | `(4,)`: $(x_1, y_1, x_2, y_2)$ with $x_1 \le x_2$, $y_1 \le y_2$ |
| `boxes` | `(n, 4)` |
| `feats` (raw output of a YOLO network) | `(m, S, S, B, 5 + C)` or `(m, S, S, B (5 + C))` |
| `box_xy`, `box_wh` | `(..., 2)`: centre $(x, y)$ and size $(w, h)$, fractions of the image |
| `box_confidence` | `(..., 1)`: $p_c$ |
| `box_class_probs` | `(..., C)` |
| `anchors` | `(B, 2)`: $(w, h)$ in grid cells |
| targets `Y` | `(m, S, S, B, 5 + C)`: $(x, y, w, h, p_c, c_1, \dots, c_C)$ |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, as_rng, check_interval, check_positive

__all__ = [
    "iou",
    "iou_matrix",
    "swap_xy",
    "non_max_suppression",
    "yolo_non_max_suppression",
    "yolo_boxes_to_corners",
    "yolo_filter_boxes",
    "scale_boxes",
    "yolo_head",
    "yolo_eval",
    "anchor_iou",
    "kmeans_anchors",
    "encode_yolo_targets",
    "decode_yolo_targets",
    "yolo_loss",
    "interpolated_ap",
    "average_precision",
    "mean_average_precision",
    "draw_detections",
]


# --- intersection over union ------------------------------------------------------------


# --8<-- [start:iou]
def iou(box1, box2):
    r"""Intersection over union of two boxes, the course's function.

    $$\text{IoU} = \frac{|B_1 \cap B_2|}{|B_1 \cup B_2|}
    = \frac{|B_1 \cap B_2|}{|B_1| + |B_2| - |B_1 \cap B_2|},$$

    with the intersection the box from $(\max(x_1), \max(y_1))$ to
    $(\min(x_2), \min(y_2))$, of width and height clipped at 0 when the boxes do not
    overlap. Boxes that only touch (along an edge or at a corner) have IoU 0; a box with
    itself has IoU 1.

    Two boxes of zero area (two points, or lines) have a union of zero area: the course's
    formula divides 0 by 0. Here their IoU is **0**, as for any boxes that share no area.

    Parameters
    ----------
    box1, box2 : sequence of 4 numbers
        $(x_1, y_1, x_2, y_2)$: upper-left then lower-right corner, $x_1 \le x_2$,
        $y_1 \le y_2$. $(y_1, x_1, y_2, x_2)$ for both gives the same IoU.

    Returns
    -------
    iou : float
        In [0, 1].

    Examples
    --------
    >>> iou((2, 1, 4, 3), (1, 2, 3, 4))  # the course's test: overlap 1, union 7
    0.14285714285714285
    """
    where = "iou"
    box1 = _check_box(box1, "box1", where)
    box2 = _check_box(box2, "box2", where)
    return _iou(box1, box2)


def _iou(box1, box2):
    (box1_x1, box1_y1, box1_x2, box1_y2) = box1
    (box2_x1, box2_y1, box2_x2, box2_y2) = box2
    # the intersection: the largest upper-left corner, the smallest lower-right corner
    xi1 = max(box1_x1, box2_x1)
    yi1 = max(box1_y1, box2_y1)
    xi2 = min(box1_x2, box2_x2)
    yi2 = min(box1_y2, box2_y2)
    inter_width = max(xi2 - xi1, 0)  # 0 when the boxes do not overlap
    inter_height = max(yi2 - yi1, 0)
    inter_area = inter_width * inter_height
    box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1)
    box2_area = (box2_x2 - box2_x1) * (box2_y2 - box2_y1)
    union_area = box1_area + box2_area - inter_area
    if union_area == 0:  # two boxes of zero area: 0, where the course divides 0 by 0
        return 0.0
    return float(inter_area / union_area)


# --8<-- [end:iou]


# --8<-- [start:iou_matrix]
def iou_matrix(boxes_a, boxes_b):
    r"""IoU of every box of `boxes_a` with every box of `boxes_b`, without loops.

    Entry $(i, j)$ is [`iou`][dl_notes.detection.iou]`(boxes_a[i], boxes_b[j])`: the corners
    of all $n k$ intersections are computed at once by broadcasting `(n, 1)` against
    `(1, k)`. Pairs whose union has zero area get 0, as in `iou`.

    Parameters
    ----------
    boxes_a : ndarray, shape (n, 4)
        $(x_1, y_1, x_2, y_2)$ per row (or $(y_1, x_1, y_2, x_2)$, the same for both).
    boxes_b : ndarray, shape (k, 4)

    Returns
    -------
    ious : ndarray of float64, shape (n, k)

    Examples
    --------
    >>> iou_matrix([[0, 0, 2, 2]], [[0, 0, 2, 2], [1, 0, 3, 2], [2, 2, 3, 3]]).round(4).tolist()
    [[1.0, 0.3333, 0.0]]
    """
    where = "iou_matrix"
    boxes_a = _check_boxes(boxes_a, "boxes_a", where)
    boxes_b = _check_boxes(boxes_b, "boxes_b", where)
    return _iou_matrix(boxes_a, boxes_b)


def _iou_matrix(boxes_a, boxes_b):
    a = boxes_a[:, None, :]  # (n, 1, 4)
    b = boxes_b[None, :, :]  # (1, k, 4)
    inter_w = np.clip(np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]), 0, None)
    inter_h = np.clip(np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]), 0, None)
    inter = inter_w * inter_h  # (n, k)
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])  # (n, 1)
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])  # (1, k)
    union = area_a + area_b - inter  # (n, k)
    out = np.zeros(union.shape)
    np.divide(inter, union, out=out, where=union > 0)  # 0 where the union has no area
    return out


# --8<-- [end:iou_matrix]


def swap_xy(boxes):
    r"""Swap the corner order: $(x_1, y_1, x_2, y_2) \leftrightarrow (y_1, x_1, y_2, x_2)$.

    The course's `yolo_boxes_to_corners` and `tf.image.non_max_suppression` put $y$ first;
    its `iou` and the data sets here put $x$ first. Swapping twice gives the boxes back.

    Parameters
    ----------
    boxes : ndarray, shape (..., 4)

    Returns
    -------
    swapped : ndarray, shape (..., 4)
        A new array: `boxes[..., [1, 0, 3, 2]]`.
    """
    boxes = as_array(boxes, "boxes", "swap_xy")
    if boxes.ndim == 0 or boxes.shape[-1] != 4:
        raise ValueError(
            f"swap_xy: boxes must have shape (..., 4), but it has shape {boxes.shape}."
        )
    return boxes[..., [1, 0, 3, 2]]


# --- non-max suppression ----------------------------------------------------------------


# --8<-- [start:non_max_suppression]
def non_max_suppression(boxes, scores, max_boxes=10, iou_threshold=0.5):
    r"""Greedy non-max suppression: the NumPy twin of `tf.image.non_max_suppression`.

    As in the lecture: take the box with the highest score and keep it; discard every
    remaining box whose IoU with it is **above** `iou_threshold` (equal is kept, as in
    TensorFlow); repeat with the boxes left, until none is left or `max_boxes` are kept.
    It does not look at classes: a box can suppress a box of another class, as in the course
    (which calls it once on all the boxes).

    Parameters
    ----------
    boxes : ndarray, shape (n, 4)
        Corners, $(x_1, y_1, x_2, y_2)$ or $(y_1, x_1, y_2, x_2)$. As in TensorFlow, any two
        opposite corners will do: $(x_2, y_2, x_1, y_1)$ is the same box (the course's test
        feeds random numbers, whose widths can be negative).
    scores : ndarray, shape (n,)
        One score per box. Equal scores are taken in the order of `boxes`.
    max_boxes : int, default 10
        The most boxes to keep.
    iou_threshold : float, default 0.5
        In [0, 1].

    Returns
    -------
    selected_indices : ndarray of int64, shape (k,)
        Indices into `boxes` of the kept boxes, best score first; $k \le$ `max_boxes`.

    Examples
    --------
    >>> boxes = np.array([[0, 0, 2, 2], [0, 0.2, 2, 2.2], [3, 3, 4, 4]])
    >>> non_max_suppression(boxes, np.array([0.9, 0.8, 0.7])).tolist()
    [0, 2]
    """
    where = "non_max_suppression"
    boxes, scores = _check_boxes_scores(boxes, scores, where)
    max_boxes, iou_threshold = _check_nms_options(max_boxes, iou_threshold, where)
    return _non_max_suppression(boxes, scores, max_boxes, iou_threshold)


def _non_max_suppression(boxes, scores, max_boxes, iou_threshold):
    order = np.argsort(-scores, kind="stable")  # best first; ties keep their order
    keep = []
    while order.size > 0 and len(keep) < max_boxes:
        best, rest = order[0], order[1:]
        keep.append(best)
        overlaps = _iou_matrix(boxes[best][None], boxes[rest])[0]  # (len(rest),)
        order = rest[overlaps <= iou_threshold]  # discard the boxes that overlap the best
    return np.array(keep, dtype=np.int64)


# --8<-- [end:non_max_suppression]


# --8<-- [start:yolo_non_max_suppression]
def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    r"""The course's `yolo_non_max_suppression` in NumPy: keep the boxes NMS selects.

    [`non_max_suppression`][dl_notes.detection.non_max_suppression] picks the indices, and
    the scores, boxes and classes at those indices are kept, best score first.

    Parameters
    ----------
    scores : ndarray, shape (n,)
        Output of [`yolo_filter_boxes`][dl_notes.detection.yolo_filter_boxes].
    boxes : ndarray, shape (n, 4)
        Corners, scaled to the image or not; any two opposite corners.
    classes : ndarray of int, shape (n,)
    max_boxes : int, default 10
    iou_threshold : float, default 0.5

    Returns
    -------
    scores : ndarray, shape (k,)
    boxes : ndarray, shape (k, 4)
    classes : ndarray, shape (k,)
        $k \le$ `max_boxes`.
    """
    where = "yolo_non_max_suppression"
    sorted_boxes, scores = _check_boxes_scores(boxes, scores, where)
    boxes = as_array(boxes, "boxes", where).reshape(sorted_boxes.shape)
    classes = np.asarray(classes)
    if classes.shape != scores.shape:
        raise ValueError(
            f"{where}: classes must have shape {scores.shape}, one class per box, but it has "
            f"shape {classes.shape}."
        )
    max_boxes, iou_threshold = _check_nms_options(max_boxes, iou_threshold, where)
    nms_indices = _non_max_suppression(sorted_boxes, scores, max_boxes, iou_threshold)
    return scores[nms_indices], boxes[nms_indices], classes[nms_indices]


# --8<-- [end:yolo_non_max_suppression]


# --- from YOLO's output volume to boxes ---------------------------------------------------


# --8<-- [start:yolo_boxes_to_corners]
def yolo_boxes_to_corners(box_xy, box_wh):
    r"""Centres and sizes to corners, in the course's order $(y_1, x_1, y_2, x_2)$.

    $$y_1 = y - \tfrac{h}{2}, \quad x_1 = x - \tfrac{w}{2}, \quad
    y_2 = y + \tfrac{h}{2}, \quad x_2 = x + \tfrac{w}{2}.$$

    Parameters
    ----------
    box_xy : ndarray, shape (..., 2)
        Centres $(x, y)$.
    box_wh : ndarray, shape (..., 2)
        Widths and heights $(w, h)$, in the same units.

    Returns
    -------
    boxes : ndarray, shape (..., 4)
        $(y_1, x_1, y_2, x_2)$: $y$ first, as `tf.image.non_max_suppression` wants;
        [`swap_xy`][dl_notes.detection.swap_xy] gives $(x_1, y_1, x_2, y_2)$.
    """
    where = "yolo_boxes_to_corners"
    box_xy = _check_last(box_xy, 2, "box_xy", where, "(x, y)")
    box_wh = _check_last(box_wh, 2, "box_wh", where, "(w, h)")
    if box_xy.shape != box_wh.shape:
        raise ValueError(
            f"{where}: box_xy and box_wh must have the same shape, but box_xy has shape "
            f"{box_xy.shape} and box_wh has shape {box_wh.shape}."
        )
    return _yolo_boxes_to_corners(box_xy, box_wh)


def _yolo_boxes_to_corners(box_xy, box_wh):
    box_mins = box_xy - box_wh / 2.0
    box_maxes = box_xy + box_wh / 2.0
    return np.concatenate(
        [
            box_mins[..., 1:2],  # y_min
            box_mins[..., 0:1],  # x_min
            box_maxes[..., 1:2],  # y_max
            box_maxes[..., 0:1],  # x_max
        ],
        axis=-1,
    )


# --8<-- [end:yolo_boxes_to_corners]


# --8<-- [start:yolo_filter_boxes]
def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    r"""Keep the boxes whose best class score reaches `threshold`: the course's function in NumPy.

    Each box's score for class $k$ is $p_c \cdot c_k$, the probability that it holds an
    object times the probability that the object is of class $k$. A box keeps its best
    class, $\arg\max_k p_c c_k$, and that score; boxes whose score is below `threshold`
    are dropped.

    Parameters
    ----------
    boxes : ndarray, shape (..., 4)
        E.g. `(19, 19, 5, 4)` in the course: grid, anchors, corners.
    box_confidence : ndarray, shape (..., 1)
        $p_c$ of each box.
    box_class_probs : ndarray, shape (..., C)
        $c_1, \dots, c_C$ of each box.
    threshold : float, default 0.6

    Returns
    -------
    scores : ndarray, shape (n,)
        The kept boxes' best class scores, $n$ the number of boxes that pass (0 to all).
    boxes : ndarray, shape (n, 4)
    classes : ndarray of int64, shape (n,)
        Their classes, 0 to C - 1.
    """
    where = "yolo_filter_boxes"
    boxes = _check_last(boxes, 4, "boxes", where, "corners")
    box_confidence = _check_last(box_confidence, 1, "box_confidence", where, "p_c")
    box_class_probs = as_array(box_class_probs, "box_class_probs", where)
    lead = boxes.shape[:-1]
    for name, x in (("box_confidence", box_confidence), ("box_class_probs", box_class_probs)):
        if x.shape[:-1] != lead:
            raise ValueError(
                f"{where}: {name} must have shape {lead + (x.shape[-1:] or ('C',))} to match "
                f"boxes {boxes.shape}, but it has shape {x.shape}."
            )
    _check_number(threshold, "threshold", where)
    return _yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold)


def _yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold):
    box_scores = box_confidence * box_class_probs  # (..., C)
    box_classes = np.argmax(box_scores, axis=-1)  # (...)
    box_class_scores = np.max(box_scores, axis=-1)  # (...)
    filtering_mask = box_class_scores >= threshold  # (...)
    scores = box_class_scores[filtering_mask]  # (n,)
    boxes = boxes[filtering_mask]  # (n, 4)
    classes = box_classes[filtering_mask].astype(np.int64)  # (n,)
    return scores, boxes, classes


# --8<-- [end:yolo_filter_boxes]


# --8<-- [start:scale_boxes]
def scale_boxes(boxes, image_shape):
    r"""Scale corners from fractions of the image to pixels: multiply by $(h, w, h, w)$.

    The course's helper (from `yad2k`): boxes in its order $(y_1, x_1, y_2, x_2)$, so the
    first and third coordinates are multiplied by the height, the others by the width.

    Parameters
    ----------
    boxes : ndarray, shape (..., 4)
        $(y_1, x_1, y_2, x_2)$ as fractions of the image.
    image_shape : tuple of 2 numbers
        (height, width) in pixels, e.g. the course's (720., 1280.).

    Returns
    -------
    boxes : ndarray, shape (..., 4)
        In pixels.
    """
    where = "scale_boxes"
    boxes = _check_last(boxes, 4, "boxes", where, "(y1, x1, y2, x2)")
    height, width = _check_image_shape(image_shape, where)
    return boxes * np.array([height, width, height, width])


# --8<-- [end:scale_boxes]


# --8<-- [start:yolo_head]
def yolo_head(feats, anchors, num_classes):
    r"""Turn a YOLO network's raw outputs into boxes and probabilities (the course's `yolo_head`).

    For the cell in row $i$, column $j$ of the $S_H \times S_W$ grid and anchor $b$ of shape
    $(a_w, a_h)$ grid cells, the raw outputs $t = (t_x, t_y, t_w, t_h, t_o, t_1, \dots, t_C)$
    become (YOLOv2)

    $$x = \frac{j + \sigma(t_x)}{S_W}, \quad y = \frac{i + \sigma(t_y)}{S_H}, \quad
    w = \frac{a_w e^{t_w}}{S_W}, \quad h = \frac{a_h e^{t_h}}{S_H}, \quad
    p_c = \sigma(t_o), \quad c = \text{softmax}(t_1, \dots, t_C),$$

    so the centre stays inside its cell and every size is positive, all as fractions of
    the image.

    Parameters
    ----------
    feats : ndarray, shape (m, S_H, S_W, B (5 + C)) or (m, S_H, S_W, B, 5 + C)
    anchors : ndarray, shape (B, 2)
        $(a_w, a_h)$ of each anchor, in grid cells (the course's `yolo_anchors.txt`).
    num_classes : int
        $C$.

    Returns
    -------
    box_xy : ndarray, shape (m, S_H, S_W, B, 2)
    box_wh : ndarray, shape (m, S_H, S_W, B, 2)
    box_confidence : ndarray, shape (m, S_H, S_W, B, 1)
    box_class_probs : ndarray, shape (m, S_H, S_W, B, C)
    """
    feats, anchors = _check_head(feats, anchors, num_classes, "yolo_head")
    return _yolo_head(feats, anchors)


def _yolo_head(feats, anchors):
    m, S_H, S_W, B, _ = feats.shape
    cols, rows = np.meshgrid(np.arange(S_W), np.arange(S_H))  # (S_H, S_W) each
    cell = np.stack([cols, rows], axis=-1)[None, :, :, None, :].astype(feats.dtype)
    #      (1, S_H, S_W, 1, 2): (j, i), the column first like x
    grid = np.array([S_W, S_H], dtype=feats.dtype)  # (x, y) divide by (S_W, S_H)
    anchors = anchors.astype(feats.dtype)  # float32 in, float32 out
    # (yad2k divides x by S_H and y by S_W, the same on the course's square 19 x 19 grid)
    box_xy = (_sigmoid(feats[..., 0:2]) + cell) / grid  # (m, S_H, S_W, B, 2)
    box_wh = np.exp(feats[..., 2:4]) * anchors / grid  # (m, S_H, S_W, B, 2)
    box_confidence = _sigmoid(feats[..., 4:5])  # (m, S_H, S_W, B, 1)
    logits = feats[..., 5:]
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    box_class_probs = e / e.sum(axis=-1, keepdims=True)  # (m, S_H, S_W, B, C)
    return box_xy, box_wh, box_confidence, box_class_probs


# --8<-- [end:yolo_head]


# --8<-- [start:yolo_eval]
def yolo_eval(
    yolo_outputs, image_shape=(720.0, 1280.0), max_boxes=10, score_threshold=0.6, iou_threshold=0.5
):
    r"""The course's `yolo_eval` in NumPy: corners, score filter, scale to pixels, NMS.

    Parameters
    ----------
    yolo_outputs : tuple of 4 ndarrays
        `(box_xy, box_wh, box_confidence, box_class_probs)` of **one** image, as
        [`yolo_head`][dl_notes.detection.yolo_head] returns them without the first axis:
        shapes `(S, S, B, 2)`, `(S, S, B, 2)`, `(S, S, B, 1)`, `(S, S, B, C)` (in the course
        `(19, 19, 5, 2)`, ..., `(19, 19, 5, 80)`).
    image_shape : tuple of 2 numbers, default (720., 1280.)
        (height, width) of the image in pixels.
    max_boxes : int, default 10
    score_threshold : float, default 0.6
    iou_threshold : float, default 0.5

    Returns
    -------
    scores : ndarray, shape (k,)
    boxes : ndarray, shape (k, 4)
        $(y_1, x_1, y_2, x_2)$ in pixels.
    classes : ndarray of int64, shape (k,)
    """
    where = "yolo_eval"
    if not isinstance(yolo_outputs, (tuple, list)) or len(yolo_outputs) != 4:
        raise TypeError(
            f"{where}: yolo_outputs must be the tuple (box_xy, box_wh, box_confidence, "
            f"box_class_probs), but {type(yolo_outputs).__name__} was given."
        )
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(
        boxes, box_confidence, box_class_probs, threshold=score_threshold
    )
    boxes = scale_boxes(boxes, image_shape)
    return yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)


# --8<-- [end:yolo_eval]


# --- anchors ----------------------------------------------------------------------------


def anchor_iou(wh, anchors):
    r"""IoU of box shapes with anchor shapes, both centred at the same point.

    Only the sizes matter: with the centres together the intersection is
    $\min(w, a_w) \min(h, a_h)$, so

    $$\text{IoU}(wh, a) = \frac{\min(w, a_w) \min(h, a_h)}
    {w h + a_w a_h - \min(w, a_w) \min(h, a_h)}.$$

    YOLO gives each object to the anchor of its cell with the highest such IoU;
    [`kmeans_anchors`][dl_notes.detection.kmeans_anchors] uses $1 - \text{IoU}$ as its
    distance.

    Parameters
    ----------
    wh : ndarray, shape (n, 2)
        $(w, h)$ of each box, positive.
    anchors : ndarray, shape (k, 2)
        $(a_w, a_h)$ in the same units.

    Returns
    -------
    ious : ndarray, shape (n, k)
    """
    where = "anchor_iou"
    wh = _check_wh(wh, "wh", where)
    anchors = _check_wh(anchors, "anchors", where)
    return _anchor_iou(wh, anchors)


def _anchor_iou(wh, anchors):
    inter = np.minimum(wh[:, None, 0], anchors[None, :, 0]) * np.minimum(
        wh[:, None, 1], anchors[None, :, 1]
    )  # (n, k)
    union = (wh[:, 0] * wh[:, 1])[:, None] + (anchors[:, 0] * anchors[:, 1])[None, :] - inter
    return inter / union


# --8<-- [start:kmeans_anchors]
def kmeans_anchors(wh, k, num_iterations=100, seed=0):
    r"""Anchor shapes from the training boxes: k-means with the distance $1 - \text{IoU}$.

    YOLOv2 chooses its anchors this way rather than by hand. Plain k-means on $(w, h)$ with
    the Euclidean distance lets large boxes dominate (an error of 5 pixels matters little
    for a 200-pixel box, a lot for a 10-pixel one); the IoU of shapes centred together
    ([`anchor_iou`][dl_notes.detection.anchor_iou]) is scale-free. Starting from $k$
    distinct boxes drawn at random, repeat until no box changes cluster:

    1. give each box to the anchor with the highest IoU (the smallest $1 - \text{IoU}$);
    2. move each anchor to the mean $(w, h)$ of its boxes (an anchor left with no box stays).

    Parameters
    ----------
    wh : ndarray, shape (n, 2)
        $(w, h)$ of the training boxes, positive, $n \ge k$.
    k : int
        Number of anchors, $B$.
    num_iterations : int, default 100
        At most this many rounds.
    seed : int or numpy.random.Generator or None, default 0
        Seed of the starting anchors.

    Returns
    -------
    anchors : ndarray, shape (k, 2)
        $(a_w, a_h)$, in the units of `wh`, sorted by area.
    """
    where = "kmeans_anchors"
    wh = _check_wh(wh, "wh", where)
    check_positive(k, "k", where, integer=True)
    check_positive(num_iterations, "num_iterations", where, integer=True)
    k = int(k)
    if k > len(wh):
        raise ValueError(f"{where}: k must be at most the number of boxes, {len(wh)}, but is {k}.")
    rng = as_rng(seed, where)
    anchors = wh[rng.choice(len(wh), size=k, replace=False)].copy()  # (k, 2)
    assignment = None
    for _ in range(int(num_iterations)):
        new_assignment = np.argmax(_anchor_iou(wh, anchors), axis=1)  # (n,) nearest anchor
        if assignment is not None and np.array_equal(new_assignment, assignment):
            break
        assignment = new_assignment
        for c in range(k):
            members = wh[assignment == c]
            if len(members):
                anchors[c] = members.mean(axis=0)
    return anchors[np.argsort(anchors[:, 0] * anchors[:, 1], kind="stable")]


# --8<-- [end:kmeans_anchors]


# --- training targets -------------------------------------------------------------------


# --8<-- [start:encode_yolo_targets]
def encode_yolo_targets(boxes, classes, image_shape, grid_size, anchors, num_classes):
    r"""Ground-truth boxes to YOLO's target volume $Y$, shape $(m, S, S, B, 5 + C)$.

    As in the lecture, each object belongs to one cell, the one that holds its centre
    (row $\lfloor y S / H \rfloor$, column $\lfloor x S / W \rfloor$ for an image of
    height $H$ and width $W$), and, within that cell, to the anchor whose shape overlaps
    its own best ([`anchor_iou`][dl_notes.detection.anchor_iou], in grid cells). That slot
    gets $(x, y, w, h, 1, \text{one-hot class})$, the centre and size as fractions of the
    image (the units of [`yolo_head`][dl_notes.detection.yolo_head]'s outputs); every other
    slot is all zeros, $p_c = 0$.

    If that slot is already taken by another object of the same image, the object goes to
    the next best anchor of the cell; if every anchor of the cell is taken, it is dropped
    (with $B$ anchors a cell holds at most $B$ objects: the limit the lecture mentions).

    Parameters
    ----------
    boxes : list of ndarray, shape (n_i, 4) each
        The $(x_1, y_1, x_2, y_2)$ boxes of each of the $m$ images, in pixels.
    classes : list of ndarray of int, shape (n_i,) each
        Their classes, 0 to C - 1.
    image_shape : tuple of 2 numbers
        (height, width) in pixels.
    grid_size : int
        $S$: the grid is $S \times S$.
    anchors : ndarray, shape (B, 2)
        $(a_w, a_h)$ in grid cells.
    num_classes : int
        $C$.

    Returns
    -------
    Y : ndarray of float32, shape (m, S, S, B, 5 + C)
    """
    where = "encode_yolo_targets"
    boxes, classes = _check_box_lists(boxes, classes, "boxes", "classes", where, num_classes)
    height, width = _check_image_shape(image_shape, where)
    check_positive(grid_size, "grid_size", where, integer=True)
    anchors = _check_wh(anchors, "anchors", where)
    S, B, C = int(grid_size), len(anchors), int(num_classes)
    Y = np.zeros((len(boxes), S, S, B, 5 + C), np.float32)
    for i, (image_boxes, image_classes) in enumerate(zip(boxes, classes)):
        for (x1, y1, x2, y2), c in zip(image_boxes, image_classes):
            x, y = (x1 + x2) / 2 / width, (y1 + y2) / 2 / height  # centre, fractions
            w, h = (x2 - x1) / width, (y2 - y1) / height  # size, fractions
            row, col = min(int(y * S), S - 1), min(int(x * S), S - 1)  # the centre's cell
            ious = _anchor_iou(np.array([[max(w, 1e-12) * S, max(h, 1e-12) * S]]), anchors)[0]
            for b in np.argsort(-ious, kind="stable"):  # best anchor first
                if Y[i, row, col, b, 4] == 0:  # a free slot
                    Y[i, row, col, b, :5] = (x, y, w, h, 1.0)
                    Y[i, row, col, b, 5 + int(c)] = 1.0
                    break
    return Y


# --8<-- [end:encode_yolo_targets]


def decode_yolo_targets(Y, image_shape):
    r"""The boxes and classes a target volume holds: the inverse of `encode_yolo_targets`.

    Parameters
    ----------
    Y : ndarray, shape (m, S, S, B, 5 + C)
        From [`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets].
    image_shape : tuple of 2 numbers
        (height, width) in pixels.

    Returns
    -------
    boxes : list of ndarray, shape (n_i, 4) each
        $(x_1, y_1, x_2, y_2)$ in pixels of the slots with $p_c = 1$, in the order of the
        volume (row, column, anchor).
    classes : list of ndarray of int64, shape (n_i,) each
    """
    where = "decode_yolo_targets"
    Y = as_array(Y, "Y", where)
    if Y.ndim != 5 or Y.shape[-1] < 6:
        raise ValueError(
            f"{where}: Y must have shape (m, S, S, B, 5 + C) with C >= 1, but it has shape "
            f"{Y.shape}."
        )
    height, width = _check_image_shape(image_shape, where)
    boxes, classes = [], []
    for Y_i in Y:
        slots = Y_i[Y_i[..., 4] > 0.5]  # (n_i, 5 + C)
        corners = swap_xy(_yolo_boxes_to_corners(slots[:, 0:2], slots[:, 2:4]))  # x first
        boxes.append(corners * np.array([width, height, width, height]))
        classes.append(np.argmax(slots[:, 5:], axis=1).astype(np.int64))
    return boxes, classes


# --- the loss ---------------------------------------------------------------------------


# --8<-- [start:yolo_loss]
def yolo_loss(Y, feats, anchors, lambda_coord=5.0, lambda_noobj=0.5):
    r"""The YOLO loss of each image: position, size, objectness and class, NumPy version.

    With $\mathbb{1}^{obj}$ marking the slots (cell, anchor) that hold an object in the
    target $Y$ and $\mathbb{1}^{noobj} = 1 - \mathbb{1}^{obj}$, the loss of one image sums
    over the $S^2 B$ slots

    $$\mathcal{L} = \sum \mathbb{1}^{obj} \Big[\lambda_{coord} \big(
    (\sigma(t_x) - \hat x)^2 + (\sigma(t_y) - \hat y)^2 + (t_w - \hat t_w)^2
    + (t_h - \hat t_h)^2 \big) - \log \sigma(t_o) - \log \text{softmax}(t)_{k} \Big]
    - \lambda_{noobj} \sum \mathbb{1}^{noobj} \log\big(1 - \sigma(t_o)\big),$$

    where $\hat x = x S - j$ and $\hat y = y S - i$ are the target centre's offsets in its
    cell, $\hat t_w = \log(w S / a_w)$, $\hat t_h = \log(h S / a_h)$ the raw sizes that
    would give the target's size, and $k$ the target class. YOLOv1 (the lecture) uses
    squared errors for all five terms; here, as in later versions, $p_c$ and the class
    use cross-entropies, which learn faster from a sigmoid and a softmax, and the size is
    compared in log space, so that the same relative error costs the same for small and
    large boxes. $\lambda_{coord} = 5$ and $\lambda_{noobj} = 0.5$ are YOLOv1's: most
    slots are empty, and their loss would otherwise swamp the few with objects.
    Computed from the raw outputs with $\log \sigma(t) = -\text{softplus}(-t)$, so no
    $\log 0$ can occur. The TensorFlow version,
    [`dl_notes.tf.yolo.yolo_loss`][dl_notes.tf.yolo.yolo_loss], is the one training
    differentiates; a test holds the two equal.

    Parameters
    ----------
    Y : ndarray, shape (m, S, S, B, 5 + C)
        Targets from [`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets].
    feats : ndarray, shape (m, S, S, B, 5 + C) or (m, S, S, B (5 + C))
        The network's raw outputs $t$.
    anchors : ndarray, shape (B, 2)
        In grid cells.
    lambda_coord : float, default 5.0
    lambda_noobj : float, default 0.5

    Returns
    -------
    loss : ndarray, shape (m,)
        One loss per image.
    """
    where = "yolo_loss"
    Y = as_array(Y, "Y", where)
    if Y.ndim != 5 or Y.shape[-1] < 6:
        raise ValueError(
            f"{where}: Y must have shape (m, S, S, B, 5 + C) with C >= 1, but it has shape "
            f"{Y.shape}."
        )
    feats, anchors = _check_head(feats, anchors, Y.shape[-1] - 5, where)
    if feats.shape != Y.shape:
        raise ValueError(
            f"{where}: feats must have the shape of Y, {Y.shape}, but it has shape {feats.shape}."
        )
    _check_number(lambda_coord, "lambda_coord", where)
    _check_number(lambda_noobj, "lambda_noobj", where)
    return _yolo_loss(Y, feats, anchors, lambda_coord, lambda_noobj)


def _yolo_loss(Y, feats, anchors, lambda_coord, lambda_noobj):
    m, S_H, S_W, B, _ = Y.shape
    obj = Y[..., 4]  # (m, S_H, S_W, B)
    cols, rows = np.meshgrid(np.arange(S_W), np.arange(S_H))
    cell = np.stack([cols, rows], axis=-1)[None, :, :, None, :]  # (1, S_H, S_W, 1, 2)
    grid = np.array([S_W, S_H])
    xy_target = Y[..., 0:2] * grid - cell  # offsets in the cell, (m, S_H, S_W, B, 2)
    wh_target = np.log(np.maximum(Y[..., 2:4] * grid / anchors, 1e-9))  # raw sizes (log 0: empty)
    xy_error = np.sum((_sigmoid(feats[..., 0:2]) - xy_target) ** 2, axis=-1)
    wh_error = np.sum((feats[..., 2:4] - wh_target) ** 2, axis=-1)
    t_o = feats[..., 4]
    obj_loss = np.logaddexp(0, -t_o)  # -log sigmoid(t_o)
    noobj_loss = np.logaddexp(0, t_o)  # -log(1 - sigmoid(t_o))
    logits = feats[..., 5:]
    log_probs = logits - _logsumexp(logits)  # log softmax, (m, S_H, S_W, B, C)
    class_loss = -np.sum(Y[..., 5:] * log_probs, axis=-1)
    per_slot = obj * (lambda_coord * (xy_error + wh_error) + obj_loss + class_loss)
    per_slot = per_slot + lambda_noobj * (1 - obj) * noobj_loss
    return per_slot.reshape(m, -1).sum(axis=1)


# --8<-- [end:yolo_loss]


# --- average precision ------------------------------------------------------------------


# --8<-- [start:average_precision]
def interpolated_ap(recall, precision):
    r"""Area under a precision-recall curve, with VOC's all-points interpolation.

    The curve is first made monotone: the precision at recall $r$ becomes the best
    precision at any recall $\ge r$,
    $p_{interp}(r) = \max_{r' \ge r} p(r')$; then the area is summed over every point where
    the recall grows:

    $$\text{AP} = \sum_n (r_{n+1} - r_n)\, p_{interp}(r_{n+1}), \qquad r_0 = 0.$$

    (PASCAL VOC from 2010 on; VOC 2007 averaged the precision at 11 recalls instead.)

    Parameters
    ----------
    recall : ndarray, shape (n,)
        Recall after each ranked detection, non-decreasing, in [0, 1].
    precision : ndarray, shape (n,)
        Precision after each ranked detection.

    Returns
    -------
    ap : float
        In [0, 1]; 0 for an empty curve.

    Examples
    --------
    >>> round(interpolated_ap(np.array([0.5, 0.5, 1.0]), np.array([1.0, 0.5, 2 / 3])), 4)
    0.8333
    """
    where = "interpolated_ap"
    recall = as_array(recall, "recall", where)
    precision = as_array(precision, "precision", where)
    if recall.ndim != 1 or recall.shape != precision.shape:
        raise ValueError(
            f"{where}: recall and precision must be 1-D arrays of the same length, but they "
            f"have shapes {recall.shape} and {precision.shape}."
        )
    if recall.size and (np.any(np.diff(recall) < 0) or recall[0] < 0 or recall[-1] > 1):
        raise ValueError(f"{where}: recall must be non-decreasing, in [0, 1].")
    return _interpolated_ap(recall, precision)


def _interpolated_ap(recall, precision):
    mrec = np.concatenate([[0.0], recall, [1.0]])
    mpre = np.concatenate([[0.0], precision, [0.0]])
    mpre = np.maximum.accumulate(mpre[::-1])[::-1]  # best precision at this recall or beyond
    steps = np.flatnonzero(mrec[1:] != mrec[:-1])  # where the recall grows
    return float(np.sum((mrec[steps + 1] - mrec[steps]) * mpre[steps + 1]))


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    r"""Average precision of one class over a set of images (AP@`iou_threshold`).

    All the detections of all the images are ranked by score, best first. Going down the
    list, a detection is a **true positive** if its IoU with the ground-truth box of its
    image that it overlaps most is at least `iou_threshold` and that box has not been
    matched by a better detection; otherwise (no overlap enough, or a duplicate) it is a
    **false positive**. After the $n$ best detections,

    $$\text{precision}_n = \frac{TP_n}{n}, \qquad
    \text{recall}_n = \frac{TP_n}{\text{number of ground-truth boxes}},$$

    and AP is the area under that curve, interpolated as in PASCAL VOC
    ([`interpolated_ap`][dl_notes.detection.interpolated_ap]). A detector that finds every
    object, with every false positive scored below every true one, has AP 1.

    Parameters
    ----------
    pred_boxes : list of ndarray, shape (n_i, 4) each
        The detections of this class in each image, $(x_1, y_1, x_2, y_2)$.
    pred_scores : list of ndarray, shape (n_i,) each
    gt_boxes : list of ndarray, shape (g_i, 4) each
        The ground-truth boxes of this class in each image (same images, same order).
    iou_threshold : float, default 0.5
        In [0, 1].

    Returns
    -------
    ap : float
        In [0, 1]; `nan` when there is no ground-truth box (AP is undefined).
    precision : ndarray, shape (n,)
        After each ranked detection, $n = \sum n_i$.
    recall : ndarray, shape (n,)
    """
    where = "average_precision"
    pred_boxes, pred_scores = _check_box_lists(
        pred_boxes, pred_scores, "pred_boxes", "pred_scores", where
    )
    gt_boxes = _check_box_list(gt_boxes, "gt_boxes", where)
    if len(gt_boxes) != len(pred_boxes):
        raise ValueError(
            f"{where}: pred_boxes and gt_boxes must list the same images, but they have "
            f"{len(pred_boxes)} and {len(gt_boxes)} entries."
        )
    check_interval(iou_threshold, "iou_threshold", where, 0, 1, closed=(True, True))
    return _average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold)


def _average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    n_gt = sum(len(g) for g in gt_boxes)
    image_of = np.concatenate([np.full(len(s), i) for i, s in enumerate(pred_scores)] + [[]])
    scores = np.concatenate([np.ravel(s) for s in pred_scores] + [[]])
    index_in_image = np.concatenate([np.arange(len(s)) for s in pred_scores] + [[]])
    order = np.argsort(-scores, kind="stable")  # all detections, best first
    matched = [np.zeros(len(g), bool) for g in gt_boxes]
    tp = np.zeros(len(order))
    for n, d in enumerate(order):
        i, j = int(image_of[d]), int(index_in_image[d])
        if len(gt_boxes[i]) == 0:
            continue  # nothing to find in this image: a false positive
        overlaps = _iou_matrix(pred_boxes[i][j][None], gt_boxes[i])[0]  # (g_i,)
        best = int(np.argmax(overlaps))
        if overlaps[best] >= iou_threshold and not matched[i][best]:
            matched[i][best] = True
            tp[n] = 1
    tp_cum = np.cumsum(tp)
    precision = tp_cum / np.arange(1, len(order) + 1)
    recall = tp_cum / n_gt if n_gt else np.zeros(len(order))
    ap = _interpolated_ap(recall, precision) if n_gt else float("nan")
    return ap, precision, recall


def mean_average_precision(
    pred_boxes, pred_scores, pred_classes, gt_boxes, gt_classes, num_classes, iou_threshold=0.5
):
    r"""mAP@`iou_threshold`: the mean over the classes of each class's average precision.

    For each class $k$, the detections and ground-truth boxes of class $k$ are passed to
    [`average_precision`][dl_notes.detection.average_precision]; a detection of the wrong
    class is a false positive of its own class and leaves the box it covers unfound. Then

    $$\text{mAP} = \frac{1}{|K|} \sum_{k \in K} \text{AP}_k,$$

    over the classes $K$ that have at least one ground-truth box (PASCAL VOC's mAP@0.5 with
    the default threshold).

    Parameters
    ----------
    pred_boxes : list of ndarray, shape (n_i, 4) each
        Detections of each image, $(x_1, y_1, x_2, y_2)$.
    pred_scores : list of ndarray, shape (n_i,) each
    pred_classes : list of ndarray of int, shape (n_i,) each
    gt_boxes : list of ndarray, shape (g_i, 4) each
    gt_classes : list of ndarray of int, shape (g_i,) each
    num_classes : int
        $C$; classes are 0 to C - 1.
    iou_threshold : float, default 0.5

    Returns
    -------
    mAP : float
        `nan` if no class has a ground-truth box.
    ap_per_class : ndarray, shape (C,)
        $\text{AP}_k$, `nan` for a class without ground truth.
    """
    where = "mean_average_precision"
    pred_boxes, pred_classes = _check_box_lists(
        pred_boxes, pred_classes, "pred_boxes", "pred_classes", where, num_classes
    )
    _, pred_scores = _check_box_lists(pred_boxes, pred_scores, "pred_boxes", "pred_scores", where)
    gt_boxes, gt_classes = _check_box_lists(
        gt_boxes, gt_classes, "gt_boxes", "gt_classes", where, num_classes
    )
    if len(gt_boxes) != len(pred_boxes):
        raise ValueError(
            f"{where}: pred_boxes and gt_boxes must list the same images, but they have "
            f"{len(pred_boxes)} and {len(gt_boxes)} entries."
        )
    check_interval(iou_threshold, "iou_threshold", where, 0, 1, closed=(True, True))
    ap_per_class = np.full(int(num_classes), np.nan)
    for k in range(int(num_classes)):
        ap_per_class[k], _, _ = _average_precision(
            [b[c == k] for b, c in zip(pred_boxes, pred_classes)],
            [s[c == k] for s, c in zip(pred_scores, pred_classes)],
            [b[c == k] for b, c in zip(gt_boxes, gt_classes)],
            iou_threshold,
        )
    known = ap_per_class[~np.isnan(ap_per_class)]
    return (float(known.mean()) if known.size else float("nan")), ap_per_class


# --8<-- [end:average_precision]


# --- drawing ----------------------------------------------------------------------------


def draw_detections(image, boxes, classes=None, scores=None, class_names=None, ax=None, title=None):
    r"""Draw an image with its boxes, each labelled with its class and score.

    Matplotlib is imported when this is called, not when the module is.

    Parameters
    ----------
    image : ndarray, shape (H, W, 3) or (H, W)
        Pixels in [0, 1].
    boxes : ndarray, shape (n, 4)
        $(x_1, y_1, x_2, y_2)$ in pixels.
    classes : ndarray of int, shape (n,), optional
        A colour and a name per class.
    scores : ndarray, shape (n,), optional
        Written after the class name.
    class_names : sequence of str, optional
        `class_names[k]` names class `k`; default the number.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    where = "draw_detections"
    boxes = _check_boxes(boxes, "boxes", where)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.5, 2.5))
    ax.imshow(np.asarray(image), cmap="gray" if np.ndim(image) == 2 else None)
    colours = plt.get_cmap("tab10")
    for n, (x1, y1, x2, y2) in enumerate(boxes):
        k = None if classes is None else int(classes[n])
        colour = colours(0 if k is None else k % 10)
        ax.add_patch(
            Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1, y2 - y1, fill=False, lw=1.5, ec=colour)
        )
        label = "" if k is None else (class_names[k] if class_names is not None else str(k))
        if scores is not None:
            label = f"{label} {float(scores[n]):.2f}".strip()
        if label:
            ax.text(x1, y1 - 1, label, color="white", fontsize=6, va="bottom",
                    bbox={"facecolor": colour, "pad": 0.5, "lw": 0})  # fmt: skip
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=8)
    return ax


# --- input checks: once, at the front -----------------------------------------------------


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^{-z}), without overflow


def _logsumexp(z):
    top = z.max(axis=-1, keepdims=True)
    return top + np.log(np.sum(np.exp(z - top), axis=-1, keepdims=True))


def _check_number(value, name, where):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"{where}: {name} must be a number, but a {type(value).__name__} was given."
        )


def _check_box(box, name, where):
    box = as_array(box, name, where)
    if box.shape != (4,):
        raise ValueError(
            f"{where}: {name} must hold 4 numbers (x1, y1, x2, y2), but it has shape {box.shape}."
        )
    if box[2] < box[0] or box[3] < box[1]:
        raise ValueError(
            f"{where}: {name} = {tuple(box.tolist())} is not (x1, y1, x2, y2) with x1 <= x2 and "
            f"y1 <= y2 (upper-left corner first)."
        )
    return box.tolist()  # plain floats: the course's function works on numbers


def _check_boxes(boxes, name, where, any_diagonal=False):
    """Return `boxes` as an (n, 4) array; with `any_diagonal`, corners in either order, sorted."""
    boxes = as_array(boxes, name, where)
    if boxes.ndim == 1 and boxes.size == 0:
        boxes = boxes.reshape(0, 4)
    if boxes.ndim != 2 or boxes.shape[1] != 4:
        raise ValueError(
            f"{where}: {name} must have shape (n, 4), one box (x1, y1, x2, y2) per row, but it "
            f"has shape {boxes.shape}."
        )
    if any_diagonal:  # as tf.image.non_max_suppression: any two opposite corners
        return np.concatenate(
            [np.minimum(boxes[:, :2], boxes[:, 2:]), np.maximum(boxes[:, :2], boxes[:, 2:])], axis=1
        )
    bad = (boxes[:, 2] < boxes[:, 0]) | (boxes[:, 3] < boxes[:, 1])
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{where}: {name}[{first}] = {tuple(boxes[first].tolist())} is not (x1, y1, x2, y2) "
            f"with x1 <= x2 and y1 <= y2 (upper-left corner first)."
        )
    return boxes


def _check_boxes_scores(boxes, scores, where):
    """The boxes (any two opposite corners), sorted, and the scores of non-max suppression."""
    boxes = _check_boxes(boxes, "boxes", where, any_diagonal=True)
    scores = as_array(scores, "scores", where)
    if scores.shape != (len(boxes),):
        raise ValueError(
            f"{where}: scores must have shape ({len(boxes)},), one score per box, but it has "
            f"shape {scores.shape}."
        )
    return boxes, scores


def _check_nms_options(max_boxes, iou_threshold, where):
    check_positive(max_boxes, "max_boxes", where, integer=True)
    check_interval(iou_threshold, "iou_threshold", where, 0, 1, closed=(True, True))
    return int(max_boxes), float(iou_threshold)


def _check_last(x, size, name, where, what):
    x = as_array(x, name, where)
    if x.ndim == 0 or x.shape[-1] != size:
        raise ValueError(
            f"{where}: {name} must have shape (..., {size}), {what} last, but it has shape "
            f"{x.shape}."
        )
    return x


def _check_image_shape(image_shape, where):
    try:
        height, width = (float(v) for v in image_shape)
    except (TypeError, ValueError):
        raise ValueError(
            f"{where}: image_shape must be (height, width), two numbers, but {image_shape!r} "
            f"was given."
        ) from None
    if not (height > 0 and width > 0):
        raise ValueError(f"{where}: image_shape must be positive, but {image_shape!r} was given.")
    return height, width


def _check_wh(wh, name, where):
    wh = as_array(wh, name, where)
    if wh.ndim != 2 or wh.shape[1] != 2:
        raise ValueError(
            f"{where}: {name} must have shape (n, 2), one (w, h) per row, but it has shape "
            f"{wh.shape}."
        )
    if not np.all(wh > 0):
        raise ValueError(f"{where}: every width and height in {name} must be positive.")
    return wh


def _check_head(feats, anchors, num_classes, where):
    """Return `feats` as (m, S_H, S_W, B, 5 + C) and `anchors` as (B, 2)."""
    feats = as_array(feats, "feats", where)
    anchors = _check_wh(anchors, "anchors", where)
    check_positive(num_classes, "num_classes", where, integer=True)
    B, D = len(anchors), 5 + int(num_classes)
    if feats.ndim == 4 and feats.shape[-1] == B * D:
        feats = feats.reshape(feats.shape[:3] + (B, D))  # (m, S_H, S_W, B, 5 + C)
    if feats.ndim != 5 or feats.shape[3:] != (B, D):
        raise ValueError(
            f"{where}: feats must have shape (m, S_H, S_W, {B}, {D}) or (m, S_H, S_W, {B * D}) "
            f"for {B} anchors and {num_classes} classes, but it has shape {feats.shape}."
        )
    return feats, anchors


def _check_box_list(boxes, name, where):
    if not isinstance(boxes, (list, tuple)):
        raise TypeError(
            f"{where}: {name} must be a list with one (n_i, 4) array per image, but a "
            f"{type(boxes).__name__} was given."
        )
    return [_check_boxes(b, f"{name}[{i}]", where) for i, b in enumerate(boxes)]


def _check_box_lists(boxes, values, name, values_name, where, num_classes=None):
    """Check a list of per-image boxes and a list of per-image values (scores or classes)."""
    boxes = _check_box_list(boxes, name, where)
    if not isinstance(values, (list, tuple)) or len(values) != len(boxes):
        given = len(values) if isinstance(values, (list, tuple)) else type(values).__name__
        raise ValueError(
            f"{where}: {values_name} must be a list with one array per image, like {name} "
            f"({len(boxes)} images), but {given} was given."
        )
    out = []
    for i, (b, v) in enumerate(zip(boxes, values)):
        v = np.asarray(v)
        if v.shape != (len(b),):
            raise ValueError(
                f"{where}: {values_name}[{i}] must have shape ({len(b)},), one per box of "
                f"{name}[{i}], but it has shape {v.shape}."
            )
        if num_classes is not None:
            check_positive(num_classes, "num_classes", where, integer=True)
            if v.size and (v.dtype.kind not in "iu" or v.min() < 0 or v.max() >= int(num_classes)):
                raise ValueError(
                    f"{where}: {values_name}[{i}] must hold integer classes 0 to "
                    f"{int(num_classes) - 1}, but it holds {np.unique(v)[:5].tolist()}."
                )
        out.append(v)
    return boxes, out
