r"""YOLO in TensorFlow (Course 4, W3A1): the course's functions, and a tiny detector trained here.

Taught in: Course 4, week 3 (bounding boxes, IoU, non-max suppression, anchor boxes, YOLO) and
the lab [W3A1 · Car detection with YOLO](../../course4/labs/w3a1-car-detection-with-yolo.ipynb).

The assignment takes YOLOv2, trained elsewhere on COCO (80 classes, 5 anchors, a 19x19 grid
on 608x608 images), and writes what turns its output volume into a few boxes. These are the
assignment's functions, with its signatures:

| the course | here | |
|---|---|---|
| `yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=.6)` | [`yolo_filter_boxes`][dl_notes.tf.yolo.yolo_filter_boxes] | graded |
| `iou(box1, box2)` | [`dl_notes.detection.iou`][dl_notes.detection.iou] | graded; plain Python in the course too |
| `yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5)` | [`yolo_non_max_suppression`][dl_notes.tf.yolo.yolo_non_max_suppression] | graded |
| `yolo_boxes_to_corners(box_xy, box_wh)` | [`yolo_boxes_to_corners`][dl_notes.tf.yolo.yolo_boxes_to_corners] | given |
| `scale_boxes(boxes, image_shape)` (from `yad2k`) | [`scale_boxes`][dl_notes.tf.yolo.scale_boxes] | given |
| `yolo_head(feats, anchors, num_classes)` (from `yad2k`) | [`yolo_head`][dl_notes.tf.yolo.yolo_head] | given |
| `yolo_eval(yolo_outputs, image_shape=(720, 1280), max_boxes=10, score_threshold=.6, iou_threshold=.5)` | [`yolo_eval`][dl_notes.tf.yolo.yolo_eval] | graded |

Their NumPy twins are in [`dl_notes.detection`](detection.md), and a test holds each pair
equal. The pretrained YOLOv2 cannot be downloaded here, so the module adds what the course
leaves out, a detector trained from scratch:
[`tiny_yolo`][dl_notes.tf.yolo.tiny_yolo] (a small ConvNet whose output is a YOLO volume
$S \times S \times B \times (5 + C)$), its loss [`yolo_loss`][dl_notes.tf.yolo.yolo_loss],
[`train_yolo`][dl_notes.tf.yolo.train_yolo] (the project's
[`fit`][dl_notes.tf.training.fit] with that loss) and [`detect`][dl_notes.tf.yolo.detect]
(`yolo_head` and `yolo_eval` on each image). It learns the shapes of
[`load_detection_scenes`][dl_notes.data.detection_scenes.load_detection_scenes] in about
twenty seconds.

| name | shape | |
|---|---|---|
| `feats`, the network's output | `(m, S, S, B, 5 + C)` | raw $t_x, t_y, t_w, t_h, t_o, t_1, \dots, t_C$ |
| `yolo_outputs` of one image | `(S, S, B, 2)`, `(S, S, B, 2)`, `(S, S, B, 1)`, `(S, S, B, C)` | `box_xy, box_wh, box_confidence, box_class_probs` |
| `boxes` after `yolo_boxes_to_corners` | `(..., 4)` | $(y_1, x_1, y_2, x_2)$, $y$ first |
| targets `Y` ([`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets]) | `(m, S, S, B, 5 + C)` | $(x, y, w, h, p_c, \text{one-hot})$ |
| `anchors` | `(B, 2)` | $(a_w, a_h)$ in grid cells |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import check_interval, check_positive, check_seed
from dl_notes.detection import (
    _check_head,
    _check_image_shape,
    _check_nms_options,
    _check_wh,
    swap_xy,
)
from dl_notes.tf.training import fit

__all__ = [
    "yolo_filter_boxes",
    "yolo_non_max_suppression",
    "yolo_boxes_to_corners",
    "scale_boxes",
    "yolo_head",
    "yolo_eval",
    "yolo_loss",
    "tiny_yolo",
    "train_yolo",
    "detect",
]


# --8<-- [start:yolo_filter_boxes]
def yolo_filter_boxes(boxes, box_confidence, box_class_probs, threshold=0.6):
    r"""Keep the boxes whose best class score reaches `threshold` (the course's function).

    Each box's score for class $k$ is $p_c \cdot c_k$; a box keeps its best class and that
    score, and is dropped if the score is below `threshold`. `tf.boolean_mask` removes the
    masked axes, so the outputs are flat lists of boxes.

    Parameters
    ----------
    boxes : tf.Tensor, shape (19, 19, 5, 4) in the course; any (..., 4)
    box_confidence : tf.Tensor, shape (..., 1)
        $p_c$.
    box_class_probs : tf.Tensor, shape (..., C)
        In the course C = 80.
    threshold : float, default 0.6

    Returns
    -------
    scores : tf.Tensor, shape (None,)
        The kept boxes' class scores.
    boxes : tf.Tensor, shape (None, 4)
    classes : tf.Tensor of int64, shape (None,)
    """
    box_scores = box_confidence * box_class_probs  # (..., C)
    box_classes = tf.math.argmax(box_scores, axis=-1)  # (...)
    box_class_scores = tf.math.reduce_max(box_scores, axis=-1)  # (...)
    filtering_mask = box_class_scores >= threshold  # (...)
    scores = tf.boolean_mask(box_class_scores, filtering_mask)
    boxes = tf.boolean_mask(boxes, filtering_mask)
    classes = tf.boolean_mask(box_classes, filtering_mask)
    return scores, boxes, classes


# --8<-- [end:yolo_filter_boxes]


# --8<-- [start:yolo_non_max_suppression]
def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
    r"""Non-max suppression with `tf.image.non_max_suppression` (the course's function).

    TensorFlow picks the indices of the boxes to keep (best first, dropping any box whose
    IoU with a kept one is above `iou_threshold`); `tf.gather` keeps the scores, boxes and
    classes at those indices. Like the course, one call on all boxes, whatever their class.

    Parameters
    ----------
    scores : tf.Tensor, shape (None,)
        Output of [`yolo_filter_boxes`][dl_notes.tf.yolo.yolo_filter_boxes].
    boxes : tf.Tensor, shape (None, 4)
        $(y_1, x_1, y_2, x_2)$ (any two opposite corners).
    classes : tf.Tensor, shape (None,)
    max_boxes : int, default 10
        The most boxes to keep.
    iou_threshold : float, default 0.5

    Returns
    -------
    scores : tf.Tensor, shape (None,)
    boxes : tf.Tensor, shape (None, 4)
    classes : tf.Tensor, shape (None,)
        At most `max_boxes` each.
    """
    max_boxes, iou_threshold = _check_nms_options(
        max_boxes, iou_threshold, "yolo_non_max_suppression"
    )
    # (the course makes max_boxes a tf.Variable, a leftover of TensorFlow 1; an int will do)
    nms_indices = tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold)
    scores = tf.gather(scores, nms_indices)
    boxes = tf.gather(boxes, nms_indices)
    classes = tf.gather(classes, nms_indices)
    return scores, boxes, classes


# --8<-- [end:yolo_non_max_suppression]


# --8<-- [start:yolo_boxes_to_corners]
def yolo_boxes_to_corners(box_xy, box_wh):
    r"""Centres and sizes to corners, $(y_1, x_1, y_2, x_2)$ (the course's helper).

    $y_1 = y - h/2$, $x_1 = x - w/2$, $y_2 = y + h/2$, $x_2 = x + w/2$.

    Parameters
    ----------
    box_xy : tf.Tensor, shape (..., 2)
        Centres $(x, y)$.
    box_wh : tf.Tensor, shape (..., 2)
        Sizes $(w, h)$.

    Returns
    -------
    boxes : tf.Tensor, shape (..., 4)
        $(y_1, x_1, y_2, x_2)$.
    """
    box_mins = box_xy - (box_wh / 2.0)
    box_maxes = box_xy + (box_wh / 2.0)
    return tf.concat(
        [
            box_mins[..., 1:2],  # y_min
            box_mins[..., 0:1],  # x_min
            box_maxes[..., 1:2],  # y_max
            box_maxes[..., 0:1],  # x_max
        ],
        axis=-1,
    )


# --8<-- [end:yolo_boxes_to_corners]


# --8<-- [start:scale_boxes]
def scale_boxes(boxes, image_shape):
    r"""Scale $(y_1, x_1, y_2, x_2)$ from fractions of the image to pixels (the course's helper).

    Parameters
    ----------
    boxes : tf.Tensor, shape (..., 4)
    image_shape : tuple of 2 numbers
        (height, width).

    Returns
    -------
    boxes : tf.Tensor, shape (..., 4)
        `boxes` times $(h, w, h, w)$.
    """
    height, width = _check_image_shape(image_shape, "scale_boxes")
    image_dims = tf.constant([[height, width, height, width]], dtype=boxes.dtype)  # (1, 4)
    return boxes * image_dims


# --8<-- [end:scale_boxes]


# --8<-- [start:yolo_head]
def yolo_head(feats, anchors, num_classes):
    r"""Raw outputs to `(box_xy, box_wh, box_confidence, box_class_probs)` (the course's helper).

    For cell $(i, j)$ of an $S_H \times S_W$ grid and an anchor $(a_w, a_h)$ in grid cells:
    $x = (j + \sigma(t_x)) / S_W$, $y = (i + \sigma(t_y)) / S_H$,
    $w = a_w e^{t_w} / S_W$, $h = a_h e^{t_h} / S_H$, $p_c = \sigma(t_o)$,
    $c = \text{softmax}(t_1, \dots, t_C)$: fractions of the image, as the course's `yolo_eval`
    expects them. NumPy twin: [`dl_notes.detection.yolo_head`][dl_notes.detection.yolo_head].

    Parameters
    ----------
    feats : tf.Tensor, shape (m, S_H, S_W, B (5 + C)) or (m, S_H, S_W, B, 5 + C)
    anchors : ndarray, shape (B, 2)
        In grid cells.
    num_classes : int

    Returns
    -------
    box_xy : tf.Tensor, shape (m, S_H, S_W, B, 2)
    box_wh : tf.Tensor, shape (m, S_H, S_W, B, 2)
    box_confidence : tf.Tensor, shape (m, S_H, S_W, B, 1)
    box_class_probs : tf.Tensor, shape (m, S_H, S_W, B, C)
    """
    anchors = _check_wh(np.asarray(anchors), "anchors", "yolo_head")
    B, D = len(anchors), 5 + int(num_classes)
    feats = tf.convert_to_tensor(feats)
    S_H, S_W = feats.shape[1], feats.shape[2]
    feats = tf.reshape(feats, [-1, S_H, S_W, B, D])  # (m, S_H, S_W, B, 5 + C)
    cols, rows = tf.meshgrid(tf.range(S_W), tf.range(S_H))  # (S_H, S_W) each
    cell = tf.cast(tf.stack([cols, rows], axis=-1), feats.dtype)[None, :, :, None, :]
    #      (1, S_H, S_W, 1, 2): (j, i), the column first like x
    grid = tf.constant([S_W, S_H], feats.dtype)  # divide x by S_W and y by S_H
    # (yad2k divides x by S_H and y by S_W: the same on the course's square grid)
    anchors_tensor = tf.constant(anchors, feats.dtype)  # (B, 2)
    box_xy = (tf.sigmoid(feats[..., 0:2]) + cell) / grid
    box_wh = tf.exp(feats[..., 2:4]) * anchors_tensor / grid
    box_confidence = tf.sigmoid(feats[..., 4:5])
    box_class_probs = tf.nn.softmax(feats[..., 5:])
    return box_xy, box_wh, box_confidence, box_class_probs


# --8<-- [end:yolo_head]


# --8<-- [start:yolo_eval]
def yolo_eval(
    yolo_outputs, image_shape=(720.0, 1280.0), max_boxes=10, score_threshold=0.6, iou_threshold=0.5
):
    r"""From YOLO's output of one image to its best boxes (the course's function).

    Corners ([`yolo_boxes_to_corners`][dl_notes.tf.yolo.yolo_boxes_to_corners]), score
    filter ([`yolo_filter_boxes`][dl_notes.tf.yolo.yolo_filter_boxes] with
    `score_threshold`), pixels ([`scale_boxes`][dl_notes.tf.yolo.scale_boxes]), non-max
    suppression ([`yolo_non_max_suppression`][dl_notes.tf.yolo.yolo_non_max_suppression]).

    Parameters
    ----------
    yolo_outputs : tuple of 4 tf.Tensor
        `(box_xy, box_wh, box_confidence, box_class_probs)` of one image, shapes
        `(S, S, B, 2)`, `(S, S, B, 2)`, `(S, S, B, 1)`, `(S, S, B, C)`; the course's are
        `(19, 19, 5, 2)`, `(19, 19, 5, 2)`, `(19, 19, 5, 1)`, `(19, 19, 5, 80)`.
    image_shape : tuple of 2 numbers, default (720., 1280.)
        (height, width) of the image in pixels.
    max_boxes : int, default 10
    score_threshold : float, default 0.6
    iou_threshold : float, default 0.5

    Returns
    -------
    scores : tf.Tensor, shape (None,)
    boxes : tf.Tensor, shape (None, 4)
        $(y_1, x_1, y_2, x_2)$ in pixels.
    classes : tf.Tensor of int64, shape (None,)
    """
    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    boxes = yolo_boxes_to_corners(box_xy, box_wh)
    scores, boxes, classes = yolo_filter_boxes(
        boxes, box_confidence, box_class_probs, threshold=score_threshold
    )
    boxes = scale_boxes(boxes, image_shape)
    scores, boxes, classes = yolo_non_max_suppression(
        scores, boxes, classes, max_boxes, iou_threshold
    )
    return scores, boxes, classes


# --8<-- [end:yolo_eval]


# --8<-- [start:yolo_loss]
def yolo_loss(Y, feats, anchors, lambda_coord=5.0, lambda_noobj=0.5):
    r"""The YOLO loss of each image, in TensorFlow (differentiable).

    The formula and the departures from the lecture's YOLOv1 loss (cross-entropies for
    $p_c$ and the class, sizes in log space) are on the NumPy twin,
    [`dl_notes.detection.yolo_loss`][dl_notes.detection.yolo_loss]; a test holds the two
    equal, and TensorFlow's autodiff gives the gradient.

    Parameters
    ----------
    Y : tf.Tensor, shape (m, S, S, B, 5 + C)
        Targets from [`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets].
    feats : tf.Tensor, shape (m, S, S, B, 5 + C)
        Raw outputs.
    anchors : ndarray, shape (B, 2)
        In grid cells.
    lambda_coord : float, default 5.0
    lambda_noobj : float, default 0.5

    Returns
    -------
    loss : tf.Tensor, shape (m,)
    """
    feats = tf.convert_to_tensor(feats)
    Y = tf.cast(Y, feats.dtype)
    S_H, S_W, B = Y.shape[1], Y.shape[2], Y.shape[3]
    feats = tf.reshape(feats, [-1, S_H, S_W, B, Y.shape[4]])
    obj = Y[..., 4]  # (m, S_H, S_W, B)
    cols, rows = tf.meshgrid(tf.range(S_W), tf.range(S_H))
    cell = tf.cast(tf.stack([cols, rows], axis=-1), feats.dtype)[None, :, :, None, :]
    grid = tf.constant([S_W, S_H], feats.dtype)
    anchors_tensor = tf.constant(np.asarray(anchors), feats.dtype)  # (B, 2)
    xy_target = Y[..., 0:2] * grid - cell  # offset of the centre in its cell
    wh_target = tf.math.log(tf.maximum(Y[..., 2:4] * grid / anchors_tensor, 1e-9))
    xy_error = tf.reduce_sum(tf.square(tf.sigmoid(feats[..., 0:2]) - xy_target), axis=-1)
    wh_error = tf.reduce_sum(tf.square(feats[..., 2:4] - wh_target), axis=-1)
    t_o = feats[..., 4]
    obj_loss = tf.nn.softplus(-t_o)  # -log sigmoid(t_o)
    noobj_loss = tf.nn.softplus(t_o)  # -log(1 - sigmoid(t_o))
    class_loss = -tf.reduce_sum(Y[..., 5:] * tf.nn.log_softmax(feats[..., 5:]), axis=-1)
    per_slot = obj * (lambda_coord * (xy_error + wh_error) + obj_loss + class_loss)
    per_slot += lambda_noobj * (1 - obj) * noobj_loss
    return tf.reduce_sum(per_slot, axis=[1, 2, 3])  # (m,)


# --8<-- [end:yolo_loss]


# --8<-- [start:tiny_yolo]
def tiny_yolo(input_shape=(64, 64, 3), num_anchors=3, num_classes=4, filters=16, seed=0):
    r"""A tiny YOLO detector: four 3x3 convolutions, three halvings, a 1x1 convolution.

    `[CONV 3x3 (F) -> BATCHNORM -> LEAKY RELU -> MAXPOOL 2x2]` with $F$, $2F$, $4F$ filters,
    then `CONV 3x3 (4F) -> BATCHNORM -> LEAKY RELU` and `CONV 1x1 (B (5 + C))`, reshaped to
    $(S, S, B, 5 + C)$ with $S$ = the input's side / 8. The same plan as YOLOv2's Darknet-19
    (3x3 convolutions, batch norm, leaky ReLU with slope 0.1, max pooling, a 1x1 convolution
    to the output volume) with 5 layers instead of 23 and a stride of 8 instead of 32: a
    64x64 image gets an 8x8 grid of 8-pixel cells. Each output cell sees a 38-pixel window
    of the image, enough for the largest shapes of
    [`load_detection_scenes`][dl_notes.data.detection_scenes.load_detection_scenes].

    The input's pixels are expected in [0, 1]. The objectness biases start at $-4$
    ($p_c \approx 0.02$), since nearly every slot is empty; the other weights are
    Glorot-uniform, seeded. Batch-norm momentum 0.9, so the moving averages settle in a
    few hundred steps.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (64, 64, 3)
        Height and width multiples of 8.
    num_anchors : int, default 3
        $B$.
    num_classes : int, default 4
        $C$.
    filters : int, default 16
        $F$.
    seed : int, default 0

    Returns
    -------
    model : keras.Model
        `model(X)` has shape (m, S_H, S_W, B, 5 + C): the raw $t$ of
        [`yolo_head`][dl_notes.tf.yolo.yolo_head]. Not compiled.
    """
    where = "tiny_yolo"
    input_shape = tuple(int(v) for v in input_shape)
    if len(input_shape) != 3 or input_shape[0] % 8 or input_shape[1] % 8 or min(input_shape) < 1:
        raise ValueError(
            f"{where}: input_shape must be (height, width, channels) with height and width "
            f"multiples of 8, but {input_shape!r} was given."
        )
    for name, value in (
        ("num_anchors", num_anchors),
        ("num_classes", num_classes),
        ("filters", filters),
    ):
        check_positive(value, name, where, integer=True)
    seed = check_seed(seed, where, minimum=0)
    B, D, F = int(num_anchors), 5 + int(num_classes), int(filters)
    layers = keras.layers
    init = iter(range(seed * 100, seed * 100 + 100))
    X_input = keras.Input(input_shape)
    X = X_input
    for n_filters, pool in ((F, True), (2 * F, True), (4 * F, True), (4 * F, False)):
        kernel_initializer = keras.initializers.GlorotUniform(next(init))
        X = layers.Conv2D(n_filters, 3, padding="same", use_bias=False,
                          kernel_initializer=kernel_initializer)(X)  # fmt: skip
        X = layers.BatchNormalization(momentum=0.9)(X)
        X = layers.LeakyReLU(negative_slope=0.1)(X)
        if pool:
            X = layers.MaxPooling2D(2)(X)
    bias = np.zeros((B, D), np.float32)
    bias[:, 4] = -4.0  # p_c = sigmoid(-4) ~ 0.02 at the start
    X = layers.Conv2D(B * D, 1, kernel_initializer=keras.initializers.GlorotUniform(next(init)),
                      bias_initializer=keras.initializers.Constant(bias.ravel()))(X)  # fmt: skip
    S_H, S_W = input_shape[0] // 8, input_shape[1] // 8
    X = layers.Reshape((S_H, S_W, B, D))(X)  # (m, S_H, S_W, B, 5 + C)
    return keras.Model(X_input, X, name="tiny_yolo")


# --8<-- [end:tiny_yolo]


def train_yolo(model, X, Y, anchors, lambda_coord=5.0, lambda_noobj=0.5, **options):
    r"""Train a YOLO model on images and target volumes with [`fit`][dl_notes.tf.training.fit].

    The loss is [`yolo_loss`][dl_notes.tf.yolo.yolo_loss] with these anchors, averaged over
    each mini-batch; everything else is `fit`'s (Adam, seeded mini-batches).

    Parameters
    ----------
    model : keras.Model
        E.g. [`tiny_yolo`][dl_notes.tf.yolo.tiny_yolo]; output shape (m, S, S, B, 5 + C).
    X : ndarray, shape (m, H, W, 3)
    Y : ndarray, shape (m, S, S, B, 5 + C)
        From [`encode_yolo_targets`][dl_notes.detection.encode_yolo_targets].
    anchors : ndarray, shape (B, 2)
        In grid cells, the ones `Y` was encoded with.
    lambda_coord, lambda_noobj : float
        Weights of the loss.
    **options
        Any field of [`TrainingConfig`][dl_notes.tf.training.TrainingConfig]:
        `learning_rate`, `num_epochs`, `mini_batch_size`, `seed`, ...

    Returns
    -------
    history : dict of str to list of float
        `"cost"`: the mean loss per image of each epoch.
    """
    where = "train_yolo"
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"{where}: model must be a keras.Model, but a {type(model).__name__} was given."
        )
    Y = np.asarray(Y, np.float32)
    anchors = _check_wh(np.asarray(anchors, np.float64), "anchors", where)
    expected = tuple(model.output_shape[1:])
    if Y.shape[1:] != expected or len(anchors) != expected[2]:
        raise ValueError(
            f"{where}: Y must have shape (m,) + {expected}, the model's output, and anchors "
            f"{expected[2]} rows, but Y has shape {Y.shape} and anchors {anchors.shape}."
        )

    def loss(Y_batch, feats):
        return yolo_loss(Y_batch, feats, anchors, lambda_coord, lambda_noobj)

    return fit(model, (np.asarray(X, np.float32), Y), loss, **options)


def detect(model, X, anchors, max_boxes=10, score_threshold=0.5, iou_threshold=0.5):
    r"""Detect objects in each image: the model, [`yolo_head`][dl_notes.tf.yolo.yolo_head], then
    [`yolo_eval`][dl_notes.tf.yolo.yolo_eval].

    The boxes are turned to $(x_1, y_1, x_2, y_2)$ in pixels (the order of the data sets and
    of [`mean_average_precision`][dl_notes.detection.mean_average_precision]) and clipped
    to the image. For mAP, use a low `score_threshold` (e.g. 0.05): average precision
    measures the whole ranking, and boxes left out cannot count.

    Parameters
    ----------
    model : keras.Model
        Output (m, S, S, B, 5 + C).
    X : ndarray, shape (m, H, W, 3)
    anchors : ndarray, shape (B, 2)
        In grid cells.
    max_boxes : int, default 10
    score_threshold : float, default 0.5
    iou_threshold : float, default 0.5

    Returns
    -------
    boxes : list of ndarray, shape (k_i, 4) each
        $(x_1, y_1, x_2, y_2)$ in pixels.
    scores : list of ndarray, shape (k_i,) each
    classes : list of ndarray of int64, shape (k_i,) each
    """
    where = "detect"
    X = np.asarray(X, np.float32)
    if X.ndim != 4:
        raise ValueError(
            f"{where}: X must have shape (m, H, W, channels), but it has shape {X.shape}."
        )
    _check_nms_options(max_boxes, iou_threshold, where)
    check_interval(score_threshold, "score_threshold", where, 0, 1, closed=(True, True))
    feats = model.predict_on_batch(X) if len(X) else np.zeros((0,) + model.output_shape[1:])
    _check_head(feats, anchors, feats.shape[-1] - 5, where)
    outputs = yolo_head(feats, anchors, feats.shape[-1] - 5)
    height, width = X.shape[1:3]
    boxes, scores, classes = [], [], []
    for i in range(len(X)):
        s, b, c = yolo_eval(tuple(t[i] for t in outputs), (height, width), max_boxes,
                            score_threshold, iou_threshold)  # fmt: skip
        b = np.clip(swap_xy(b.numpy()), 0, [width, height, width, height])  # x first, inside
        boxes.append(b)
        scores.append(s.numpy())
        classes.append(c.numpy().astype(np.int64))
    return boxes, scores, classes
