"""dl_notes.detection: IoU, non-max suppression, YOLO's boxes, anchors, targets, loss and mAP.

Hand-computed cases first, then the vectorised functions against the course's scalar loops
on random boxes, then bad inputs. The TensorFlow twins are compared in test_tf_yolo.py.
"""

import math

import numpy as np
import pytest

from dl_notes import detection as det


def _random_boxes(rng, n, scale=10.0):
    """n random boxes (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2, some overlapping."""
    corners = rng.uniform(0, scale, (n, 2))
    sizes = rng.uniform(0.5, scale / 2, (n, 2))
    return np.concatenate([corners, corners + sizes], axis=1)


# --- IoU --------------------------------------------------------------------------------


def test_iou_course_case_and_edge_cases():
    assert det.iou((2, 1, 4, 3), (1, 2, 3, 4)) == pytest.approx(1 / 7)  # the course's test
    assert det.iou((1, 2, 3, 4), (5, 6, 7, 8)) == 0  # disjoint
    assert det.iou((1, 1, 2, 2), (2, 1, 3, 2)) == 0  # touching along an edge
    assert det.iou((1, 1, 2, 2), (2, 2, 3, 3)) == 0  # touching at a corner
    assert det.iou((1, 1, 3, 3), (1, 1, 3, 3)) == 1  # identical
    assert det.iou((0, 0, 4, 4), (1, 1, 3, 3)) == pytest.approx(4 / 16)  # one inside the other
    assert det.iou((0, 0, 2, 2), (1, 0, 3, 2)) == pytest.approx(2 / 6)
    # zero area: no division by zero, IoU 0 (the documented value)
    assert det.iou((1, 1, 1, 1), (1, 1, 1, 1)) == 0
    assert det.iou((0, 0, 0, 5), (0, 0, 0, 5)) == 0  # two identical lines
    assert det.iou((1, 1, 1, 1), (0, 0, 2, 2)) == 0  # a point inside a box
    assert isinstance(det.iou((0, 0, 1, 1), (0, 0, 1, 1)), float)


def test_iou_is_symmetric_and_order_free(rng):
    for a, b in zip(_random_boxes(rng, 20), _random_boxes(rng, 20)):
        value = det.iou(a, b)
        assert value == pytest.approx(det.iou(b, a))
        assert value == pytest.approx(det.iou(a[[1, 0, 3, 2]], b[[1, 0, 3, 2]]))  # y first
        assert 0 <= value <= 1


def test_iou_matrix_matches_the_course_loop(rng):
    a, b = _random_boxes(rng, 7), _random_boxes(rng, 5)
    a[0] = b[0]  # one identical pair
    a[1] = [3, 3, 3, 3]  # zero area
    expected = np.array([[det.iou(x, y) for y in b] for x in a])
    ious = det.iou_matrix(a, b)
    assert ious.shape == (7, 5)
    np.testing.assert_allclose(ious, expected, rtol=1e-12, atol=1e-15)
    assert ious[0, 0] == 1 and not ious[1].any()
    assert ious.std() > 0.05 and (ious > 0).sum() > 3, "the random case must have overlaps"
    assert det.iou_matrix(np.zeros((0, 4)), b).shape == (0, 5)
    assert det.iou_matrix(a, []).shape == (7, 0)
    np.testing.assert_array_equal(det.iou_matrix([[0, 0, 0, 0]], [[0, 0, 0, 0]]), [[0.0]])


def test_swap_xy():
    boxes = np.array([[1.0, 2, 3, 4]])
    np.testing.assert_array_equal(det.swap_xy(boxes), [[2, 1, 4, 3]])
    np.testing.assert_array_equal(det.swap_xy(det.swap_xy(boxes)), boxes)


def test_iou_bad_input():
    with pytest.raises(ValueError, match=r"iou: box1 must hold 4 numbers \(x1, y1, x2, y2\)"):
        det.iou((1, 2, 3), (1, 2, 3, 4))
    with pytest.raises(ValueError, match=r"iou: box2 = \(3.0, 1.0, 1.0, 2.0\) is not .* x1 <= x2"):
        det.iou((0, 0, 1, 1), (3, 1, 1, 2))
    with pytest.raises(TypeError, match="iou: box1 must be numeric"):
        det.iou(("a", 1, 2, 3), (0, 0, 1, 1))
    with pytest.raises(ValueError, match=r"iou_matrix: boxes_b must have shape \(n, 4\)"):
        det.iou_matrix(np.zeros((2, 4)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"boxes_a\[1\] = \(2.0, 0.0, 1.0, 1.0\) is not"):
        det.iou_matrix([[0, 0, 1, 1], [2, 0, 1, 1]], [[0, 0, 1, 1]])
    with pytest.raises(ValueError, match=r"swap_xy: boxes must have shape \(..., 4\)"):
        det.swap_xy(np.zeros((2, 3)))


# --- non-max suppression ------------------------------------------------------------------


def test_nms_by_hand():
    boxes = np.array(
        [
            [0, 0, 2, 2],  # 0: best
            [0, 0.2, 2, 2.2],  # 1: IoU 0.82 with 0 -> dropped
            [3, 3, 4, 4],  # 2: alone -> kept
            [0, 1, 2, 3],  # 3: IoU 1/3 with 0 -> kept at 0.5, dropped at 0.3
            [3, 3, 4, 4.1],  # 4: IoU 0.91 with 2 -> dropped
        ]
    )
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.95])
    assert det.non_max_suppression(boxes, scores).tolist() == [4, 0, 3]
    assert det.non_max_suppression(boxes, scores, iou_threshold=0.3).tolist() == [4, 0]
    assert det.non_max_suppression(boxes, scores, max_boxes=2).tolist() == [4, 0]
    assert det.non_max_suppression(boxes, scores, iou_threshold=1.0).tolist() == [4, 0, 1, 2, 3]
    # IoU exactly at the threshold is kept (dropped only above), as in TensorFlow
    half = np.array([[0, 0, 2, 1], [0, 0, 1, 1.0]])  # IoU 0.5
    assert det.non_max_suppression(half, np.array([0.9, 0.8]), iou_threshold=0.5).tolist() == [0, 1]
    # identical boxes: only the best survives; boxes touching at an edge both survive
    same = np.array([[0, 0, 1, 1], [0, 0, 1, 1.0], [1, 0, 2, 1]])
    assert det.non_max_suppression(same, np.array([0.5, 0.6, 0.4])).tolist() == [1, 2]
    # any two opposite corners, as tf.image.non_max_suppression
    flipped = np.array([[2, 2, 0, 0], [0, 0, 2, 2.0]])
    assert det.non_max_suppression(flipped, np.array([0.9, 0.8])).tolist() == [0]


def test_nms_empty_and_yolo_nms():
    keep = det.non_max_suppression(np.zeros((0, 4)), np.zeros(0))
    assert keep.shape == (0,) and keep.dtype == np.int64
    scores, boxes, classes = det.yolo_non_max_suppression(
        np.zeros(0), np.zeros((0, 4)), np.zeros(0, np.int64)
    )
    assert scores.shape == (0,) and boxes.shape == (0, 4) and classes.shape == (0,)
    boxes = np.array([[2, 2, 0, 0], [0, 0, 2, 2.1], [5, 5, 6, 6]])
    s, b, c = det.yolo_non_max_suppression(np.array([0.7, 0.9, 0.8]), boxes, np.array([1, 2, 0]))
    np.testing.assert_array_equal(s, [0.9, 0.8])
    np.testing.assert_array_equal(b, boxes[[1, 2]])  # the boxes as given
    np.testing.assert_array_equal(c, [2, 0])


def test_nms_bad_input():
    boxes, scores = np.zeros((3, 4)), np.zeros(3)
    with pytest.raises(ValueError, match=r"non_max_suppression: scores must have shape \(3,\)"):
        det.non_max_suppression(boxes, np.zeros(2))
    with pytest.raises(ValueError, match=r"iou_threshold must be in \[0, 1\], but 1.5"):
        det.non_max_suppression(boxes, scores, iou_threshold=1.5)
    with pytest.raises(ValueError, match="max_boxes must be positive"):
        det.non_max_suppression(boxes, scores, max_boxes=0)
    with pytest.raises(ValueError, match=r"yolo_non_max_suppression: classes must have shape"):
        det.yolo_non_max_suppression(scores, boxes, np.zeros(2, int))


# --- from the output volume to boxes --------------------------------------------------------


def test_yolo_boxes_to_corners_and_scale_boxes():
    corners = det.yolo_boxes_to_corners(np.array([[0.5, 0.25]]), np.array([[0.2, 0.1]]))
    np.testing.assert_allclose(corners, [[0.2, 0.4, 0.3, 0.6]])  # (y1, x1, y2, x2)
    np.testing.assert_allclose(
        det.scale_boxes(corners, (720.0, 1280.0)), [[144, 512, 216, 768]], rtol=1e-12
    )
    assert det.yolo_boxes_to_corners(np.zeros((19, 19, 5, 2)), np.ones((19, 19, 5, 2))).shape == (
        19,
        19,
        5,
        4,
    )


def test_yolo_filter_boxes_by_hand():
    boxes = np.arange(3 * 4, dtype=float).reshape(3, 4)
    box_confidence = np.array([[0.9], [0.5], [1.0]])
    box_class_probs = np.array([[0.1, 0.9], [0.8, 0.2], [0.6, 0.4]])
    scores, kept, classes = det.yolo_filter_boxes(boxes, box_confidence, box_class_probs, 0.6)
    # scores 0.81 (class 1), 0.4 (class 0, dropped), 0.6 (class 0, equal: kept)
    np.testing.assert_allclose(scores, [0.81, 0.6])
    np.testing.assert_array_equal(kept, boxes[[0, 2]])
    np.testing.assert_array_equal(classes, [1, 0])
    # nothing passes: empty outputs of the right shapes
    scores, kept, classes = det.yolo_filter_boxes(boxes, box_confidence, box_class_probs, 0.99)
    assert scores.shape == (0,) and kept.shape == (0, 4) and classes.shape == (0,)
    assert classes.dtype == np.int64


def test_yolo_head_by_hand():
    anchors = np.array([[1.0, 2.0], [3.0, 0.5]])
    feats = np.zeros((1, 2, 3, 2, 5 + 4))  # a 2 x 3 grid: not square
    box_xy, box_wh, box_confidence, box_class_probs = det.yolo_head(feats, anchors, 4)
    assert box_xy.shape == (1, 2, 3, 2, 2) and box_class_probs.shape == (1, 2, 3, 2, 4)
    np.testing.assert_allclose(box_xy[0, 1, 2, 0], [(2 + 0.5) / 3, (1 + 0.5) / 2])  # row 1, col 2
    np.testing.assert_allclose(box_wh[0, 0, 0], [[1 / 3, 2 / 2], [3 / 3, 0.5 / 2]])
    np.testing.assert_allclose(box_confidence, 0.5)
    np.testing.assert_allclose(box_class_probs, 0.25)
    flat = det.yolo_head(feats.reshape(1, 2, 3, 18), anchors, 4)  # the network's flat layout
    for a, b in zip(flat, (box_xy, box_wh, box_confidence, box_class_probs)):
        np.testing.assert_array_equal(a, b)


def test_yolo_eval_on_the_course_shapes(rng):
    """The course's random output volume (19 x 19 x 5 anchors x 80 classes)."""
    outputs = (
        rng.normal(1, 4, (19, 19, 5, 2)),
        rng.normal(1, 4, (19, 19, 5, 2)),
        rng.normal(1, 4, (19, 19, 5, 1)),
        rng.normal(1, 4, (19, 19, 5, 80)),
    )
    scores, boxes, classes = det.yolo_eval(outputs)
    assert scores.shape == (10,) and boxes.shape == (10, 4) and classes.shape == (10,)
    assert np.all(np.diff(scores) <= 0) and np.all(scores >= 0.6)
    scores, boxes, classes = det.yolo_eval(outputs, score_threshold=1e9)  # nothing passes
    assert scores.shape == (0,) and boxes.shape == (0, 4) and classes.shape == (0,)


def test_yolo_box_functions_bad_input():
    with pytest.raises(ValueError, match=r"yolo_filter_boxes: box_confidence must have shape"):
        det.yolo_filter_boxes(np.zeros((2, 4)), np.zeros((3, 1)), np.zeros((2, 5)))
    with pytest.raises(ValueError, match=r"boxes must have shape \(\.\.\., 4\), corners last"):
        det.yolo_filter_boxes(np.zeros((2, 3)), np.zeros((2, 1)), np.zeros((2, 5)))
    with pytest.raises(ValueError, match="box_xy and box_wh must have the same shape"):
        det.yolo_boxes_to_corners(np.zeros((2, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"scale_boxes: image_shape must be \(height, width\)"):
        det.scale_boxes(np.zeros((2, 4)), (720,))
    with pytest.raises(ValueError, match=r"yolo_head: feats must have shape \(m, S_H, S_W, 2, 9\)"):
        det.yolo_head(np.zeros((1, 2, 2, 17)), np.ones((2, 2)), 4)
    with pytest.raises(ValueError, match="every width and height in anchors must be positive"):
        det.yolo_head(np.zeros((1, 2, 2, 18)), np.array([[1.0, 0.0], [1, 1]]), 4)
    with pytest.raises(TypeError, match="yolo_filter_boxes: threshold must be a number"):
        det.yolo_filter_boxes(np.zeros((2, 4)), np.zeros((2, 1)), np.zeros((2, 5)), "0.6")
    with pytest.raises(ValueError, match=r"scale_boxes: image_shape must be positive"):
        det.scale_boxes(np.zeros((2, 4)), (720, -1))
    with pytest.raises(TypeError, match="yolo_eval: yolo_outputs must be the tuple"):
        det.yolo_eval(np.zeros((19, 19, 5, 85)))


# --- anchors --------------------------------------------------------------------------------


def test_anchor_iou_by_hand():
    ious = det.anchor_iou(np.array([[2.0, 1.0], [1.0, 1.0]]), np.array([[1.0, 2.0], [2.0, 1.0]]))
    np.testing.assert_allclose(ious, [[1 / 3, 1.0], [0.5, 0.5]])


def test_kmeans_anchors_finds_three_shapes(rng):
    shapes = np.array([[1.0, 3.0], [3.0, 1.0], [4.0, 4.0]])  # tall, wide, big
    wh = np.repeat(shapes, 50, axis=0) * rng.uniform(0.9, 1.1, (150, 2))
    anchors = det.kmeans_anchors(wh, 3, seed=0)
    assert anchors.shape == (3, 2)
    areas = anchors.prod(axis=1)
    assert np.all(np.diff(areas) >= 0), "sorted by area"
    found = sorted(anchors.tolist(), key=lambda a: a[0])
    np.testing.assert_allclose(found, shapes[[0, 1, 2]][np.argsort(shapes[:, 0])], rtol=0.05)
    np.testing.assert_array_equal(anchors, det.kmeans_anchors(wh, 3, seed=0))  # seeded
    mean_iou = det.anchor_iou(wh, anchors).max(axis=1).mean()
    one = det.anchor_iou(wh, det.kmeans_anchors(wh, 1, seed=0)).max(axis=1).mean()
    assert mean_iou > 0.85 > one


def test_kmeans_anchors_bad_input():
    with pytest.raises(
        ValueError, match="kmeans_anchors: k must be at most the number of boxes, 2"
    ):
        det.kmeans_anchors(np.ones((2, 2)), 3)
    with pytest.raises(ValueError, match=r"kmeans_anchors: wh must have shape \(n, 2\)"):
        det.kmeans_anchors(np.ones((5, 4)), 2)
    with pytest.raises(TypeError, match="k must be a whole number"):
        det.kmeans_anchors(np.ones((5, 2)), 1.5)


# --- targets --------------------------------------------------------------------------------


def test_encode_yolo_targets_by_hand():
    anchors = np.array([[1.0, 1.0], [2.0, 1.0]])  # grid cells
    boxes = [np.array([[8.0, 16.0, 24.0, 24.0], [0.0, 0.0, 4.0, 4.0]]), np.zeros((0, 4))]
    classes = [np.array([2, 0]), np.array([], np.int64)]
    Y = det.encode_yolo_targets(boxes, classes, (32, 32), 4, anchors, 3)  # 8-pixel cells
    assert Y.shape == (2, 4, 4, 2, 8) and Y.dtype == np.float32
    # box 0: centre (16, 20) -> row 2, column 2; 2 x 1 cells wide -> anchor 1
    np.testing.assert_allclose(Y[0, 2, 2, 1], [0.5, 0.625, 0.5, 0.25, 1, 0, 0, 1])
    # box 1: centre (2, 2) -> cell (0, 0); 0.5 x 0.5 cells -> anchor 0
    np.testing.assert_allclose(Y[0, 0, 0, 0], [1 / 16, 1 / 16, 1 / 8, 1 / 8, 1, 1, 0, 0])
    assert Y[0, ..., 4].sum() == 2 and not Y[1].any()


def test_encode_yolo_targets_full_cell():
    """Three objects centred in one cell with two anchors: the second takes the other anchor,
    the third is dropped."""
    anchors = np.array([[1.0, 1.0], [2.0, 2.0]])
    boxes = [np.array([[1.0, 1.0, 7.0, 7.0], [2.0, 2.0, 6.0, 6.0], [3.0, 3.0, 5.0, 5.0]])]
    Y = det.encode_yolo_targets(boxes, [np.array([0, 1, 0])], (16, 16), 2, anchors, 2)
    assert Y[0, 0, 0, :, 4].tolist() == [1, 1] and Y[0, ..., 4].sum() == 2
    # all three fit anchor 0 best (0.75, 0.5 and 0.25 cells wide): the first takes it,
    # the second gets the next best, anchor 1, and the third finds no free anchor
    np.testing.assert_allclose(Y[0, 0, 0, 0, 2:4], [6 / 16, 6 / 16])
    np.testing.assert_allclose(Y[0, 0, 0, 1, 2:4], [4 / 16, 4 / 16])
    np.testing.assert_array_equal(Y[0, 0, 0, :, 5:], [[1, 0], [0, 1]])


def test_encode_decode_round_trip(rng):
    anchors = np.array([[1.0, 1.5], [2.0, 1.0], [3.0, 3.0]])
    boxes, classes = [], []
    for _ in range(5):
        corners = rng.uniform(0, 40, (3, 2))
        b = np.concatenate([corners, corners + rng.uniform(4, 20, (3, 2))], axis=1)
        b[:, [0, 2]] += np.arange(3)[:, None] * 50  # different cells
        boxes.append(np.minimum(b, 160))
        classes.append(rng.integers(0, 4, 3))
    Y = det.encode_yolo_targets(boxes, classes, (64, 160), 8, anchors, 4)
    got_boxes, got_classes = det.decode_yolo_targets(Y, (64, 160))
    for b, c, gb, gc in zip(boxes, classes, got_boxes, got_classes):
        order, got = np.lexsort(b.T[::-1]), np.lexsort(gb.T[::-1])
        np.testing.assert_allclose(gb[got], b[order], atol=1e-4)
        np.testing.assert_array_equal(gc[got], c[order])


def test_targets_bad_input():
    anchors = np.ones((2, 2))
    with pytest.raises(ValueError, match=r"classes\[0\] must hold integer classes 0 to 2"):
        det.encode_yolo_targets([np.zeros((1, 4))], [np.array([3])], (8, 8), 2, anchors, 3)
    with pytest.raises(ValueError, match=r"classes\[0\] must have shape \(1,\), one per box"):
        det.encode_yolo_targets([np.zeros((1, 4))], [np.array([0, 1])], (8, 8), 2, anchors, 3)
    with pytest.raises(TypeError, match="boxes must be a list with one"):
        det.encode_yolo_targets(np.zeros((1, 1, 4)), [np.array([0])], (8, 8), 2, anchors, 3)
    with pytest.raises(ValueError, match=r"decode_yolo_targets: Y must have shape \(m, S, S"):
        det.decode_yolo_targets(np.zeros((2, 4, 4, 9)), (8, 8))


# --- the loss -------------------------------------------------------------------------------


def test_yolo_loss_by_hand():
    """One cell, two anchors, two classes; one object fitting anchor 0 exactly, all outputs 0.

    Object slot: centre offset sigmoid(0) = 0.5 = target, log-size 0 = target, so the
    coordinates cost 0; -log sigmoid(0) = log 2; the class, -log softmax = log 2.
    Empty slot: 0.5 * -log(1 - sigmoid(0)) = 0.5 log 2. Total 2.5 log 2.
    """
    anchors = np.array([[0.5, 0.25], [1.0, 1.0]])
    Y = np.zeros((1, 1, 1, 2, 7))
    Y[0, 0, 0, 0] = [0.5, 0.5, 0.5, 0.25, 1, 0, 1]
    loss = det.yolo_loss(Y, np.zeros_like(Y), anchors)
    assert loss.shape == (1,)
    assert loss[0] == pytest.approx(2.5 * math.log(2))
    # moving the predicted centre costs lambda_coord * offset^2; shrinking size the same in log
    feats = np.zeros_like(Y)
    feats[0, 0, 0, 0, 3] = 0.2  # t_h
    assert det.yolo_loss(Y, feats, anchors, lambda_coord=2.0)[0] == pytest.approx(
        2.5 * math.log(2) + 2.0 * 0.04
    )


def test_yolo_loss_bad_input():
    Y = np.zeros((1, 2, 2, 2, 7))
    with pytest.raises(ValueError, match=r"yolo_loss: feats must have the shape of Y"):
        det.yolo_loss(Y, np.zeros((1, 3, 3, 2, 7)), np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"yolo_loss: Y must have shape \(m, S, S, B, 5 \+ C\)"):
        det.yolo_loss(np.zeros((1, 2, 2, 7)), np.zeros((1, 2, 2, 7)), np.ones((1, 2)))


# --- average precision ----------------------------------------------------------------------


def test_interpolated_ap_by_hand():
    # precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1: 1/2 * 1 + 1/2 * 2/3
    assert det.interpolated_ap([0.5, 0.5, 1.0], [1.0, 0.5, 2 / 3]) == pytest.approx(5 / 6)
    assert det.interpolated_ap([], []) == 0
    # the dip at recall 0.5 is filled by the later, better precision
    assert det.interpolated_ap([0.25, 0.5, 0.75], [1.0, 0.5, 0.75]) == pytest.approx(
        0.25 + 0.5 * 0.75
    )
    with pytest.raises(ValueError, match="interpolated_ap: recall must be non-decreasing"):
        det.interpolated_ap([0.5, 0.2], [1, 1])
    with pytest.raises(ValueError, match="recall and precision must be 1-D arrays of the same"):
        det.interpolated_ap([0.5, 0.7], [1])


def test_average_precision_two_truths_three_detections():
    """2 ground-truth boxes in 2 images; 3 detections: TP (0.9), duplicate FP (0.8), TP (0.7)."""
    gt = [np.array([[0.0, 0, 10, 10]]), np.array([[20.0, 20, 30, 30]])]
    pred = [np.array([[0.0, 0, 10, 10], [1.0, 0, 10, 10]]), np.array([[21.0, 20, 31, 30]])]
    scores = [np.array([0.9, 0.8]), np.array([0.7])]
    ap, precision, recall = det.average_precision(pred, scores, gt)
    np.testing.assert_allclose(precision, [1, 1 / 2, 2 / 3])
    np.testing.assert_allclose(recall, [1 / 2, 1 / 2, 1])
    assert ap == pytest.approx(5 / 6)
    # the third detection's IoU is 9 * 10 / 110 = 0.818: a miss at a threshold of 0.85
    ap, _, recall = det.average_precision(pred, scores, gt, iou_threshold=0.85)
    assert recall[-1] == 0.5 and ap == pytest.approx(0.5)
    # reversed scores: the duplicate ranks first and takes the match; AP changes
    ap, precision, _ = det.average_precision(pred, [np.array([0.8, 0.9]), np.array([0.7])], gt)
    np.testing.assert_allclose(precision, [1, 1 / 2, 2 / 3])


def test_average_precision_limits():
    gt = [np.array([[0.0, 0, 10, 10], [20, 20, 30, 30]])]
    perfect = det.average_precision([gt[0] + 0.0], [np.array([0.9, 0.8])], gt)
    assert perfect[0] == 1
    # a false positive ranked below both: still AP 1; ranked above: lower
    extra = np.array([[50.0, 50, 60, 60]])
    boxes = [np.concatenate([gt[0], extra])]
    assert det.average_precision(boxes, [np.array([0.9, 0.8, 0.1])], gt)[0] == 1
    # precision 0, 1/2, 2/3 at recall 0, 1/2, 1; interpolated, 2/3 all the way
    assert det.average_precision(boxes, [np.array([0.9, 0.8, 0.95])], gt)[0] == pytest.approx(2 / 3)
    none = det.average_precision([np.zeros((0, 4))], [np.zeros(0)], gt)
    assert none[0] == 0 and none[1].shape == (0,)
    assert math.isnan(
        det.average_precision(boxes, [np.array([0.9, 0.8, 0.1])], [np.zeros((0, 4))])[0]
    )


def test_mean_average_precision_by_hand():
    gt_boxes = [np.array([[0.0, 0, 10, 10], [20, 20, 30, 30]]), np.array([[5.0, 5, 15, 15]])]
    gt_classes = [np.array([0, 1]), np.array([0])]
    pred_boxes = [np.array([[0.0, 0, 10, 10], [20, 20, 30, 30]]), np.array([[5.0, 5, 15, 15]])]
    pred_scores = [np.array([0.9, 0.8]), np.array([0.7])]
    # the box of class 1 is called class 0, a false positive of class 0 ranked second
    pred_classes = [np.array([0, 0]), np.array([0])]
    mAP, ap = det.mean_average_precision(
        pred_boxes, pred_scores, pred_classes, gt_boxes, gt_classes, 3
    )
    # class 0: TP, FP, TP -> 5/6; class 1: nothing found -> 0; class 2: no ground truth
    np.testing.assert_allclose(ap[:2], [5 / 6, 0])
    assert math.isnan(ap[2]) and mAP == pytest.approx((5 / 6 + 0) / 2)
    right = [np.array([0, 1]), np.array([0])]
    mAP, ap = det.mean_average_precision(pred_boxes, pred_scores, right, gt_boxes, gt_classes, 2)
    assert mAP == 1 and ap.tolist() == [1, 1]


def test_average_precision_bad_input():
    gt = [np.zeros((1, 4))]
    with pytest.raises(ValueError, match="pred_boxes and gt_boxes must list the same images"):
        det.average_precision([np.zeros((0, 4))] * 2, [np.zeros(0)] * 2, gt)
    with pytest.raises(ValueError, match=r"pred_scores\[0\] must have shape \(2,\)"):
        det.average_precision([np.zeros((2, 4))], [np.zeros(3)], gt)
    with pytest.raises(ValueError, match=r"pred_classes\[0\] must hold integer classes 0 to 1"):
        det.mean_average_precision(
            [np.zeros((1, 4))], [np.ones(1)], [np.array([2])], gt, [np.array([0])], 2
        )
    with pytest.raises(ValueError, match=r"iou_threshold must be in \[0, 1\]"):
        det.average_precision([np.zeros((0, 4))], [np.zeros(0)], gt, iou_threshold=-0.1)


def test_draw_detections():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = det.draw_detections(
        np.zeros((16, 16, 3)),
        np.array([[1.0, 2, 8, 9]]),
        np.array([1]),
        np.array([0.7]),
        ["a", "b"],
    )
    assert len(ax.patches) == 1 and ax.texts[0].get_text() == "b 0.70"
    plt.close("all")
