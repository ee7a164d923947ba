"""dl_notes.segmentation: pixel accuracy and IoU by hand, the transposed convolution against
TensorFlow, its backward pass against finite differences and autodiff, and bad input.

Random, non-symmetric float64 data with fixed seeds. The backward pass is checked on the scalar
sum(dZ * Z) for a random dZ, whose gradients are what `conv_transpose_backward(dZ, cache)`
returns.
"""

import numpy as np
import pytest

from dl_notes.convolution import conv_backward
from dl_notes.gradient_check import eval_numerical_gradient_array, rel_error
from dl_notes.segmentation import (
    class_iou,
    confusion_matrix,
    conv_transpose_backward,
    conv_transpose_forward,
    conv_transpose_forward_loops,
    conv_transpose_output_size,
    mean_iou,
    pixel_accuracy,
)

# --- scoring masks ----------------------------------------------------------------------


def _masks():
    """Two 3x4 masks, 4 classes; class 3 is absent from both, class 2 is only predicted."""
    Y_true = np.array([[0, 0, 1, 1], [0, 0, 1, 1], [0, 1, 1, 1]])
    Y_pred = np.array([[0, 0, 0, 1], [0, 2, 1, 1], [0, 1, 1, 2]])
    return Y_true, Y_pred


def test_pixel_accuracy_by_hand():
    Y_true, Y_pred = _masks()
    # wrong: (0, 2) 1->0, (1, 1) 0->2, (2, 3) 1->2: 9 of 12 right
    assert pixel_accuracy(Y_true, Y_pred) == pytest.approx(9 / 12)
    assert pixel_accuracy(Y_true[None, ..., None], Y_pred[None]) == pytest.approx(9 / 12)
    assert pixel_accuracy(Y_true, Y_true) == 1.0


def test_confusion_matrix_by_hand():
    Y_true, Y_pred = _masks()
    expected = np.array([[4, 0, 1, 0], [1, 5, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    np.testing.assert_array_equal(confusion_matrix(Y_true, Y_pred, 4), expected)


def test_class_iou_and_mean_iou_by_hand():
    Y_true, Y_pred = _masks()
    iou = class_iou(Y_true, Y_pred, 4)
    # class 0: true 5 pixels, predicted 5, both 4 -> 4 / 6
    # class 1: true 7, predicted 5, both 5 -> 5 / 7
    # class 2: predicted twice, never true -> 0 / 2 = 0
    # class 3: in neither -> nan, left out of the mean
    np.testing.assert_allclose(iou[:3], [4 / 6, 5 / 7, 0.0])
    assert np.isnan(iou[3])
    assert mean_iou(Y_true, Y_pred, 4) == pytest.approx((4 / 6 + 5 / 7 + 0) / 3)
    assert mean_iou(Y_true, Y_true, 4) == 1.0  # classes 2 and 3 absent: perfect, not 0.75


def test_iou_counts_pixels_over_all_images_not_per_image():
    Y_true = np.array([[[1, 1, 1, 1]], [[1, 0, 0, 0]]])
    Y_pred = np.array([[[1, 1, 1, 1]], [[0, 0, 0, 0]]])
    # pooled: class 1 is true at 5 pixels, predicted at 4, both 4 -> 0.8 (per image: 1 and 0)
    assert class_iou(Y_true, Y_pred, 2)[1] == pytest.approx(4 / 5)


def test_mean_iou_matches_keras(tf):
    import keras

    rng = np.random.default_rng(3)
    Y_true = rng.integers(0, 4, (3, 6, 5))
    Y_pred = np.where(rng.random((3, 6, 5)) < 0.6, Y_true, rng.integers(0, 4, (3, 6, 5)))
    metric = keras.metrics.MeanIoU(num_classes=5)  # class 4 absent from both
    metric.update_state(Y_true, Y_pred)
    assert mean_iou(Y_true, Y_pred, 5) == pytest.approx(float(metric.result()), rel=1e-6)


def test_scores_reject_bad_input():
    Y_true, Y_pred = _masks()
    with pytest.raises(ValueError, match=r"pixel_accuracy: Y_true and Y_pred must have the same"):
        pixel_accuracy(Y_true, Y_pred[:2])
    with pytest.raises(TypeError, match=r"class_iou: Y_pred must hold integer class labels"):
        class_iou(Y_true, Y_pred + 0.5, 4)
    with pytest.raises(ValueError, match=r"mean_iou: class labels must be 0 to 1, .* from 0 to 2"):
        mean_iou(Y_true, Y_pred, 2)
    with pytest.raises(ValueError, match=r"confusion_matrix: n_classes must be an int >= 1"):
        confusion_matrix(Y_true, Y_pred, 0)
    with pytest.raises(ValueError, match=r"pixel_accuracy: the masks are empty"):
        pixel_accuracy(np.zeros((0, 3), int), np.zeros((0, 3), int))


# --- transposed convolution ---------------------------------------------------------------

#: (A_prev shape, W shape (f, f, n_C, n_C_prev), stride, pad)
CASES = {
    "s2-f3-valid": ((2, 3, 4, 3), (3, 3, 5, 3), 2, "valid"),
    "s2-f3-same": ((2, 3, 4, 3), (3, 3, 5, 3), 2, "same"),
    "s1-f3-same": ((1, 4, 3, 2), (3, 3, 4, 2), 1, "same"),
    "s1-f2-pad0": ((1, 4, 5, 3), (2, 2, 2, 3), 1, 0),
    "s2-f2-same": ((1, 3, 3, 4), (2, 2, 3, 4), 2, "same"),
    "s3-f2-same (f < s)": ((2, 2, 3, 2), (2, 2, 3, 2), 3, "same"),
    "s2-f4-pad1": ((2, 3, 3, 2), (4, 4, 3, 2), 2, 1),
    "s1-f1": ((1, 3, 3, 6), (1, 1, 2, 6), 1, 0),
}
TF_CASES = [k for k, v in CASES.items() if v[3] in ("valid", "same", 0)]


def _layer(rng, case):
    A_shape, W_shape, stride, pad = CASES[case]
    A_prev = rng.standard_normal(A_shape)
    W = rng.standard_normal(W_shape)
    b = rng.standard_normal((1, 1, 1, W_shape[2]))
    return A_prev, W, b, {"stride": stride, "pad": pad}


def _tf_conv_transpose(tf, A_prev, W, b, hparameters, out_shape):
    padding = "SAME" if hparameters["pad"] == "same" else "VALID"
    Z = tf.nn.conv2d_transpose(A_prev, W, out_shape, strides=hparameters["stride"], padding=padding)
    return Z + b


def test_output_size_formula():
    assert conv_transpose_output_size(3, 3, 2, 0) == 7  # (3 - 1) 2 + 3
    assert conv_transpose_output_size(3, 3, 2, 1) == 5
    assert conv_transpose_output_size(3, 3, 2, "same") == 6
    assert conv_transpose_output_size(3, 2, 3, "same") == 9
    assert conv_transpose_output_size(4, 3, 1, "valid") == 6
    with pytest.raises(ValueError, match=r"conv_transpose_output_size: pad must be an int >= 0"):
        conv_transpose_output_size(3, 3, 2, "full")


def test_forward_by_hand():
    # each input value paints a 2x2 copy of the filter, 2 apart: no overlap with stride 2
    A = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 2, 2, 1)
    W = np.array([[1.0, 10.0], [100.0, 1000.0]]).reshape(2, 2, 1, 1)
    b = np.full((1, 1, 1, 1), 0.5)
    Z, _ = conv_transpose_forward(A, W, b, {"stride": 2, "pad": 0})
    expected = np.array(
        [
            [1, 10, 2, 20],
            [100, 1000, 200, 2000],
            [3, 30, 4, 40],
            [300, 3000, 400, 4000],
        ]
    )
    np.testing.assert_allclose(Z[0, :, :, 0], expected + 0.5)
    # stride 1 and pad 1 crop the border of the 3x3 sum of overlapping copies
    Z1, _ = conv_transpose_forward(A, np.ones((2, 2, 1, 1)), 0 * b, {"stride": 1, "pad": 0})
    np.testing.assert_allclose(Z1[0, :, :, 0], [[1, 3, 2], [4, 10, 6], [3, 7, 4]])


@pytest.mark.parametrize("case", CASES)
def test_loops_match_vectorised(case, rng):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, cache = conv_transpose_forward(A_prev, W, b, hparameters)
    Z_loops, cache_loops = conv_transpose_forward_loops(A_prev, W, b, hparameters)
    np.testing.assert_allclose(Z, Z_loops, rtol=1e-12, atol=1e-12)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, s, p = W.shape[0], hparameters["stride"], hparameters["pad"]
    sizes = [conv_transpose_output_size(n, f, s, p) for n in (n_H_prev, n_W_prev)]
    assert Z.shape == (m, *sizes, W.shape[2])
    assert cache[1] is W and cache_loops[3] is hparameters


@pytest.mark.parametrize("case", TF_CASES)
def test_forward_matches_tensorflow(case, rng, tf):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, _ = conv_transpose_forward(A_prev, W, b, hparameters)
    Z_tf = _tf_conv_transpose(tf, A_prev, W, b, hparameters, Z.shape).numpy()
    np.testing.assert_allclose(Z, Z_tf, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("case", [k for k, v in CASES.items() if isinstance(v[3], int)])
def test_forward_is_the_input_gradient_of_a_convolution(case, rng):
    """conv_transpose_forward(A, W) == conv_backward's dA_prev for dZ = A and the same W."""
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, _ = conv_transpose_forward(A_prev, W, 0 * b, hparameters)
    X = rng.standard_normal(Z.shape)  # any input of the output's shape: dA_prev ignores it
    conv_b = np.zeros((1, 1, 1, W.shape[3]))
    dA_prev, _, _ = conv_backward(A_prev, (X, W, conv_b, hparameters))
    np.testing.assert_allclose(Z, dA_prev, rtol=1e-12, atol=1e-12)


def test_keras_conv2d_transpose_layer_matches(rng, tf):
    """The U-Net's layer: Conv2DTranspose(n_C, 3, strides=2, padding='same') with its kernel."""
    import keras

    A_prev = rng.standard_normal((1, 3, 4, 6)).astype(np.float32)
    layer = keras.layers.Conv2DTranspose(5, 3, strides=2, padding="same")
    Z_keras = np.asarray(layer(A_prev))
    W, bias = (np.asarray(w) for w in layer.get_weights())  # W: (3, 3, 5, 6)
    Z, _ = conv_transpose_forward(A_prev, W, bias.reshape(1, 1, 1, 5), {"stride": 2, "pad": "same"})
    assert Z.dtype == np.float32 and Z.shape == (1, 6, 8, 5)
    np.testing.assert_allclose(Z, Z_keras, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case", CASES)
def test_backward_against_finite_differences(case, rng):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, cache = conv_transpose_forward(A_prev, W, b, hparameters)
    dZ = rng.standard_normal(Z.shape)
    dA_prev, dW, db = conv_transpose_backward(dZ, cache)
    numeric = {
        "dA_prev": eval_numerical_gradient_array(
            lambda a: conv_transpose_forward(a, W, b, hparameters)[0], A_prev, dZ
        ),
        "dW": eval_numerical_gradient_array(
            lambda w: conv_transpose_forward(A_prev, w, b, hparameters)[0], W, dZ
        ),
        "db": eval_numerical_gradient_array(
            lambda bb: conv_transpose_forward(A_prev, W, bb, hparameters)[0], b, dZ
        ),
    }
    for name, grad, like in (("dA_prev", dA_prev, A_prev), ("dW", dW, W), ("db", db, b)):
        assert grad.shape == like.shape, name
        err = rel_error(grad, numeric[name])
        assert err < 1e-7, f"{case}: {name} relative error {err:.1e}"


@pytest.mark.parametrize("case", TF_CASES)
def test_backward_matches_tensorflow_autodiff(case, rng, tf):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, cache = conv_transpose_forward(A_prev, W, b, hparameters)
    dZ = rng.standard_normal(Z.shape)
    grads = conv_transpose_backward(dZ, cache)
    variables = [tf.Variable(x) for x in (A_prev, W, b)]
    with tf.GradientTape() as tape:
        Z_tf = _tf_conv_transpose(tf, *variables, hparameters, Z.shape)
        J = tf.reduce_sum(Z_tf * dZ)
    for name, grad, ref in zip(("dA_prev", "dW", "db"), grads, tape.gradient(J, variables)):
        np.testing.assert_allclose(grad, ref.numpy(), rtol=1e-10, atol=1e-10, err_msg=name)


def test_conv_transpose_rejects_bad_input(rng):
    A_prev, W, b, hparameters = _layer(rng, "s2-f3-valid")  # A (2, 3, 4, 3), W (3, 3, 5, 3)
    fwd = conv_transpose_forward
    with pytest.raises(ValueError, match=r"conv_transpose_forward: A_prev must be a 4-D array"):
        fwd(A_prev[0], W, b, hparameters)
    with pytest.raises(ValueError, match=r"W has shape \(3, 3, 5, 2\), so it takes 2 input"):
        fwd(A_prev, W[..., :2], b, hparameters)
    with pytest.raises(ValueError, match=r"W must hold square f x f filters"):
        fwd(A_prev, W[:2], b, hparameters)
    with pytest.raises(ValueError, match=r"b must have shape \(1, 1, 1, 5\), .* \(1, 1, 1, 4\)"):
        fwd(A_prev, W, b[..., :4], hparameters)
    with pytest.raises(ValueError, match=r"hparameters has no 'pad'"):
        fwd(A_prev, W, b, {"stride": 2})
    with pytest.raises(TypeError, match=r"hparameters must be a dict"):
        fwd(A_prev, W, b, [2, 0])
    with pytest.raises(ValueError, match=r'hparameters\["stride"\] must be an int >= 1'):
        fwd(A_prev, W, b, {"stride": 0, "pad": 0})
    with pytest.raises(ValueError, match=r"pad\"\] must be an int >= 0, 'valid' or 'same'"):
        fwd(A_prev, W, b, {"stride": 1, "pad": "full"})
    with pytest.raises(ValueError, match=r"the output would have height .* = -1; pad must"):
        fwd(A_prev[:, :1], W, b, {"stride": 1, "pad": 2})
    _, cache = fwd(A_prev, W, b, hparameters)
    with pytest.raises(ValueError, match=r"conv_transpose_backward: dZ must have shape \(2, 7, 9"):
        conv_transpose_backward(np.zeros((2, 7, 8, 5)), cache)
    with pytest.raises(TypeError, match=r"cache must be the tuple \(A_prev, W, b, hparameters\)"):
        conv_transpose_backward(np.zeros((2, 7, 9, 5)), "cache")
