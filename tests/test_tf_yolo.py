"""Course 4, W3A1: dl_notes.tf.yolo, the course's YOLO functions in TensorFlow, equal to the NumPy
twins of dl_notes.detection; the YOLO loss (autodiff against finite differences); the tiny detector.
"""

import numpy as np
import pytest

from dl_notes import detection as det
from dl_notes.gradient_check import rel_error


@pytest.fixture(scope="module")
def yolo():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import yolo

    return yolo


def _course_outputs(rng, S=19, B=5, C=80):
    """The course's test volume: normal(1, 4) for every output of a 19 x 19 x 5 x 85 head."""
    return (
        rng.normal(1, 4, (S, S, B, 2)),
        rng.normal(1, 4, (S, S, B, 2)),
        rng.normal(1, 4, (S, S, B, 1)),
        rng.normal(1, 4, (S, S, B, C)),
    )


def _np(t):
    return np.asarray(t)


def test_filter_corners_scale_equal_numpy(yolo, tf, rng):
    box_xy, box_wh, box_confidence, box_class_probs = _course_outputs(rng)
    corners = yolo.yolo_boxes_to_corners(tf.constant(box_xy), tf.constant(box_wh))
    np.testing.assert_allclose(_np(corners), det.yolo_boxes_to_corners(box_xy, box_wh), rtol=1e-12)
    np.testing.assert_allclose(
        _np(yolo.scale_boxes(corners, (720.0, 1280.0))),
        det.scale_boxes(_np(corners), (720.0, 1280.0)),
        rtol=1e-12,
    )
    for threshold in (0.6, 10.0, 1e9):
        got = yolo.yolo_filter_boxes(
            corners, tf.constant(box_confidence), tf.constant(box_class_probs), threshold
        )
        want = det.yolo_filter_boxes(_np(corners), box_confidence, box_class_probs, threshold)
        for g, w in zip(got, want):
            assert _np(g).shape == w.shape
            np.testing.assert_allclose(_np(g), w, rtol=1e-12)
    assert want[0].shape == (0,) and want[1].shape == (0, 4), "1e9: nothing passes"
    assert 0 < len(det.yolo_filter_boxes(_np(corners), box_confidence, box_class_probs, 10.0)[0])


def test_yolo_head_equals_numpy(yolo, tf, rng):
    anchors = np.array([[0.6, 0.7], [1.9, 2.1], [3.3, 5.5]])
    feats = rng.normal(0, 2, (2, 3, 4, 3 * 9))  # a 3 x 4 grid, 4 classes, flat layout
    got = yolo.yolo_head(tf.constant(feats), anchors, 4)
    want = det.yolo_head(feats, anchors, 4)
    for g, w in zip(got, want):
        assert tuple(g.shape) == w.shape
        np.testing.assert_allclose(_np(g), w, rtol=1e-10, atol=1e-12)


def test_nms_equals_numpy_and_tf_image(yolo, tf, rng):
    for _ in range(5):
        corners = rng.uniform(0, 20, (40, 2))
        boxes = np.concatenate([corners, corners + rng.uniform(1, 8, (40, 2))], axis=1)
        boxes = boxes.astype(np.float32)  # tf.image.non_max_suppression takes float32 only
        scores = (rng.permutation(40) / 40 + 0.01).astype(np.float32)  # distinct: no ties
        classes = rng.integers(0, 3, 40)
        for max_boxes, iou_threshold in ((10, 0.5), (40, 0.3), (3, 0.7)):
            keep = tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold)
            ours = det.non_max_suppression(boxes, scores, max_boxes, iou_threshold)
            np.testing.assert_array_equal(ours, _np(keep))
            got = yolo.yolo_non_max_suppression(
                tf.constant(scores),
                tf.constant(boxes),
                tf.constant(classes),
                max_boxes,
                iou_threshold,
            )
            want = det.yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)
            for g, w in zip(got, want):
                np.testing.assert_array_equal(_np(g), w)
        kept = len(det.non_max_suppression(boxes, scores, 40, 0.3))
        assert 3 < kept < 40, "some boxes kept, some suppressed"


def test_yolo_eval_equals_numpy_on_the_course_shapes(yolo, tf, rng):
    outputs = tuple(o.astype(np.float32) for o in _course_outputs(rng))  # NMS: float32 only
    got = yolo.yolo_eval(tuple(tf.constant(o) for o in outputs))
    want = det.yolo_eval(outputs)
    assert [tuple(g.shape) for g in got] == [(10,), (10, 4), (10,)]
    for g, w in zip(got, want):
        np.testing.assert_allclose(_np(g), w, rtol=1e-6)
    # nothing above the threshold: empty outputs of the right shapes
    scores, boxes, classes = yolo.yolo_eval(
        tuple(tf.constant(o) for o in outputs), score_threshold=1e9
    )
    assert (
        tuple(scores.shape) == (0,)
        and tuple(boxes.shape) == (0, 4)
        and tuple(classes.shape) == (0,)
    )


def _loss_case(rng, m=2, S=3, B=2, C=3):
    anchors = np.array([[0.8, 1.2], [2.0, 1.5]])
    boxes, classes = [], []
    for _ in range(m):
        corners = rng.uniform(0, 30, (2, 2))
        boxes.append(np.concatenate([corners, corners + rng.uniform(3, 16, (2, 2))], axis=1))
        classes.append(rng.integers(0, C, 2))
    Y = det.encode_yolo_targets(boxes, classes, (48, 48), S, anchors, C).astype(np.float64)
    feats = rng.normal(0, 1, (m, S, S, B, 5 + C))
    return Y, feats, anchors


def test_yolo_loss_equals_numpy_and_its_gradient(yolo, tf, rng):
    Y, feats, anchors = _loss_case(rng)
    assert Y[..., 4].sum() >= 3, "objects in the case"
    want = det.yolo_loss(Y, feats, anchors, lambda_coord=5.0, lambda_noobj=0.5)
    f = tf.Variable(feats)
    with tf.GradientTape() as tape:
        got = yolo.yolo_loss(tf.constant(Y), f, anchors)
        total = tf.reduce_sum(got)
    np.testing.assert_allclose(_np(got), want, rtol=1e-12)
    grad = _np(tape.gradient(total, f))
    # finite differences of the NumPy loss, centred, float64
    numeric = np.zeros_like(feats)
    h = 1e-5
    it = np.nditer(feats, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        plus, minus = feats.copy(), feats.copy()
        plus[i] += h
        minus[i] -= h
        numeric[i] = (
            det.yolo_loss(Y, plus, anchors).sum() - det.yolo_loss(Y, minus, anchors).sum()
        ) / (2 * h)
    assert rel_error(grad, numeric) < 1e-7
    assert np.abs(grad).max() > 0.1


def test_tiny_yolo_shape_and_bad_input(yolo):
    model = yolo.tiny_yolo((64, 64, 3), num_anchors=3, num_classes=4, filters=8, seed=0)
    assert model.output_shape == (None, 8, 8, 3, 9)
    out = np.asarray(model(np.zeros((1, 64, 64, 3), np.float32), training=False))
    np.testing.assert_allclose(out[..., 4], -4.0, atol=1e-5)  # p_c starts near 0.02
    again = yolo.tiny_yolo((64, 64, 3), 3, 4, filters=8, seed=0)
    for a, b in zip(model.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="tiny_yolo: input_shape must be .* multiples of 8"):
        yolo.tiny_yolo((60, 64, 3))
    with pytest.raises(ValueError, match="num_classes must be positive"):
        yolo.tiny_yolo(num_classes=0)


def test_train_yolo_and_detect(yolo):
    from dl_notes.data.detection_scenes import load_detection_scenes

    X, boxes, classes, X_test, _, _ = load_detection_scenes(64, 4, size=32, seed=0)
    anchors = np.array([[0.8, 0.8], [1.5, 1.5]])
    Y = det.encode_yolo_targets(boxes, classes, (32, 32), 4, anchors, 4)
    model = yolo.tiny_yolo((32, 32, 3), num_anchors=2, num_classes=4, filters=4, seed=0)
    history = yolo.train_yolo(model, X, Y, anchors, num_epochs=3, learning_rate=0.01, seed=0)
    assert len(history["cost"]) == 3 and history["cost"][-1] < history["cost"][0]
    pred_boxes, scores, pred_classes = yolo.detect(model, X_test, anchors, score_threshold=0.0)
    assert len(pred_boxes) == len(scores) == len(pred_classes) == 4
    for b, s, c in zip(pred_boxes, scores, pred_classes):
        assert b.shape == (len(s), 4) and c.shape == (len(s),) and 0 < len(s) <= 10
        assert b.min() >= 0 and b.max() <= 32 and np.all(b[:, 2:] >= b[:, :2])
        assert np.all(np.diff(s) <= 0)
    with pytest.raises(ValueError, match=r"train_yolo: Y must have shape \(m,\) \+ \(4, 4, 2, 9\)"):
        yolo.train_yolo(model, X, Y[:, :2], anchors, num_epochs=1)
    with pytest.raises(TypeError, match="train_yolo: model must be a keras.Model"):
        yolo.train_yolo(lambda X: X, X, Y, anchors)
    with pytest.raises(ValueError, match=r"detect: X must have shape \(m, H, W, channels\)"):
        yolo.detect(model, X_test[0], anchors)
    with pytest.raises(ValueError, match=r"detect: score_threshold must be in \[0, 1\]"):
        yolo.detect(model, X_test, anchors, score_threshold=2.0)
