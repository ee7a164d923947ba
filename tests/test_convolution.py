"""dl_notes.convolution: loops == vectorised, hand-computed cases, gradients, TensorFlow, bad input.

Every case uses random, non-symmetric float64 data with a fixed seed. The gradients of the
backward pass are the derivatives of sum(dZ * Z) for a random dZ: that is what
`eval_numerical_gradient_array(f, x, dZ)` approximates and what TensorFlow's
`GradientTape` computes with the same upstream gradient.
"""

import numpy as np
import pytest

from dl_notes.convolution import (
    conv_backward,
    conv_backward_loops,
    conv_forward,
    conv_forward_loops,
    conv_single_step,
    zero_pad,
)
from dl_notes.gradient_check import eval_numerical_gradient_array, rel_error

#: (A_prev shape, W shape, hparameters): the awkward shapes the two versions must agree on.
CASES = {
    "course": ((2, 5, 7, 4), (3, 3, 4, 8), {"pad": 1, "stride": 2}),
    "pad0": ((2, 5, 5, 3), (3, 3, 3, 2), {"pad": 0, "stride": 1}),
    "stride2-nonsquare": ((2, 7, 5, 3), (3, 3, 3, 2), {"pad": 0, "stride": 2}),
    "f1": ((2, 4, 6, 3), (1, 1, 3, 5), {"pad": 0, "stride": 1}),
    "many-channels": ((2, 4, 4, 32), (2, 2, 32, 16), {"pad": 1, "stride": 1}),
    "m1-pad2-stride3": ((1, 5, 6, 2), (3, 3, 2, 3), {"pad": 2, "stride": 3}),
    "filter-fills-padded-input": ((1, 3, 3, 2), (5, 5, 2, 2), {"pad": 1, "stride": 1}),
}
#: Smaller cases for the finite differences (two forward passes per entry).
GRAD_CASES = ["course", "pad0", "stride2-nonsquare", "f1", "m1-pad2-stride3"]
TIGHT = 1e-10


def _layer(rng, case):
    A_shape, W_shape, hparameters = CASES[case]
    A_prev = rng.standard_normal(A_shape)
    W = rng.standard_normal(W_shape)
    b = rng.standard_normal((1, 1, 1, W_shape[3]))
    return A_prev, W, b, dict(hparameters)


def _assert_equal(a, b, name):
    assert a.shape == b.shape, f"{name}: shapes {a.shape} and {b.shape}"
    np.testing.assert_allclose(a, b, rtol=TIGHT, atol=TIGHT, err_msg=name)


# --- the two versions agree ---------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_vectorised_matches_loops_forward_and_backward(case, rng):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z_loops, cache_loops = conv_forward_loops(A_prev, W, b, hparameters)
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    _assert_equal(Z, Z_loops, "Z")
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, pad, stride = W.shape[0], hparameters["pad"], hparameters["stride"]
    assert Z.shape == (
        m,
        (n_H_prev + 2 * pad - f) // stride + 1,
        (n_W_prev + 2 * pad - f) // stride + 1,
        W.shape[3],
    )

    dZ = rng.standard_normal(Z.shape)
    # Each backward pass gets the *other* forward pass's cache: the course's cache fits both.
    grads = conv_backward(dZ, cache_loops)
    grads_loops = conv_backward_loops(dZ, cache)
    for name, g, g_loops, like in zip(("dA_prev", "dW", "db"), grads, grads_loops, (A_prev, W, b)):
        assert g.shape == like.shape, name
        _assert_equal(g, g_loops, name)


def test_caches_are_the_course_cache(rng):
    A_prev, W, b, hparameters = _layer(rng, "course")
    for forward in (conv_forward, conv_forward_loops):
        _, cache = forward(A_prev, W, b, hparameters)
        assert len(cache) == 4
        assert cache[0] is A_prev and cache[1] is W and cache[2] is b and cache[3] is hparameters


def test_float32_stays_float32(rng):
    A_prev, W, b, hparameters = _layer(rng, "course")
    A32, W32 = A_prev.astype(np.float32), W.astype(np.float32)
    Z, cache = conv_forward(A32, W32, b.astype(np.float32), hparameters)
    Z_loops, _ = conv_forward_loops(A32, W32, b.astype(np.float32), hparameters)
    assert Z.dtype == Z_loops.dtype == np.float32
    np.testing.assert_allclose(Z, conv_forward(A_prev, W, b, hparameters)[0], rtol=1e-5, atol=1e-5)
    grads = conv_backward(np.ones_like(Z), cache)
    assert all(g.dtype == np.float32 for g in grads)


# --- small cases computed by hand ---------------------------------------------------

X3 = np.arange(1.0, 10.0).reshape(1, 3, 3, 1)  # [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
W2 = np.array([[1.0, 2.0], [0.0, -1.0]]).reshape(2, 2, 1, 1)


def test_zero_pad_by_hand():
    X = np.arange(1.0, 5.0).reshape(1, 2, 2, 1)
    X_pad = zero_pad(X, 1)
    assert X_pad.shape == (1, 4, 4, 1)
    np.testing.assert_array_equal(
        X_pad[0, :, :, 0], [[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]
    )
    assert zero_pad(X, 0).shape == X.shape
    assert zero_pad(np.ones((4, 3, 3, 2)), 2).shape == (4, 7, 7, 2)  # only H and W grow


def test_conv_single_step_by_hand():
    a = np.arange(8.0).reshape(2, 2, 2)
    W = np.array([1.0, -1.0, 2.0, 0.0, 0.5, 1.0, -2.0, 3.0]).reshape(2, 2, 2)
    # 0*1 + 1*(-1) + 2*2 + 3*0 + 4*0.5 + 5*1 + 6*(-2) + 7*3 = 19, plus the bias
    assert conv_single_step(a, W, np.array([[[0.5]]])) == pytest.approx(19.5)


@pytest.mark.parametrize("forward", [conv_forward, conv_forward_loops])
def test_conv_forward_by_hand(forward):
    # stride 1, no padding: each output is 1*x00 + 2*x01 + 0*x10 - 1*x11 of its window, plus b
    Z, _ = forward(X3, W2, np.full((1, 1, 1, 1), 0.5), {"pad": 0, "stride": 1})
    np.testing.assert_allclose(Z[0, :, :, 0], [[0.5, 2.5], [6.5, 8.5]])
    # pad 1, stride 2: the windows start at rows/columns 0 and 2 of the 5 x 5 padded input
    Z, _ = forward(X3, W2, np.zeros((1, 1, 1, 1)), {"pad": 1, "stride": 2})
    np.testing.assert_allclose(Z[0, :, :, 0], [[-1.0, -3.0], [1.0, 8.0]])


@pytest.mark.parametrize("backward", [conv_backward, conv_backward_loops])
def test_conv_backward_by_hand(backward):
    _, cache = conv_forward(X3, W2, np.zeros((1, 1, 1, 1)), {"pad": 0, "stride": 1})
    dA_prev, dW, db = backward(np.ones((1, 2, 2, 1)), cache)
    # db: the sum of dZ; dW[u, v]: the sum of the input entries filter entry (u, v) met
    assert db.reshape(()) == 4.0
    np.testing.assert_allclose(
        dW[:, :, 0, 0], [[1 + 2 + 4 + 5, 2 + 3 + 5 + 6], [4 + 5 + 7 + 8, 5 + 6 + 8 + 9]]
    )
    # dA_prev[y, x]: the sum of the filter entries that touched input (y, x)
    np.testing.assert_allclose(
        dA_prev[0, :, :, 0], [[1, 1 + 2, 2], [1 + 0, 1 + 2 + 0 - 1, 2 - 1], [0, 0 - 1, -1]]
    )


# --- gradients: finite differences and TensorFlow -----------------------------------


@pytest.mark.parametrize("case", GRAD_CASES)
def test_conv_backward_against_finite_differences(case, rng):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    dZ = rng.standard_normal(Z.shape)
    dA_prev, dW, db = conv_backward(dZ, cache)
    numeric = {
        "dA_prev": eval_numerical_gradient_array(
            lambda x: conv_forward(x, W, b, hparameters)[0], A_prev.copy(), dZ
        ),
        "dW": eval_numerical_gradient_array(
            lambda x: conv_forward(A_prev, x, b, hparameters)[0], W.copy(), dZ
        ),
        "db": eval_numerical_gradient_array(
            lambda x: conv_forward(A_prev, W, x, hparameters)[0], b.copy(), dZ
        ),
    }
    for name, analytic in (("dA_prev", dA_prev), ("dW", dW), ("db", db)):
        err = rel_error(analytic, numeric[name])
        assert err < 1e-7, f"{case} {name}: relative error {err:.2e}"


def _tf_conv(tf, A_prev, W, b, hparameters):
    p, s = hparameters["pad"], hparameters["stride"]
    A_pad = tf.pad(A_prev, [[0, 0], [p, p], [p, p], [0, 0]])
    return tf.nn.conv2d(A_pad, W, strides=s, padding="VALID") + tf.reshape(b, [-1])


@pytest.mark.parametrize("case", CASES)
def test_conv_forward_and_backward_match_tensorflow(case, rng, tf):
    A_prev, W, b, hparameters = _layer(rng, case)
    Z, cache = conv_forward(A_prev, W, b, hparameters)
    dZ = rng.standard_normal(Z.shape)
    dA_prev, dW, db = conv_backward(dZ, cache)

    variables = {k: tf.Variable(v) for k, v in {"A_prev": A_prev, "W": W, "b": b}.items()}
    with tf.GradientTape() as tape:
        Z_tf = _tf_conv(tf, variables["A_prev"], variables["W"], variables["b"], hparameters)
    grads = tape.gradient(Z_tf, variables, output_gradients=tf.constant(dZ))
    assert Z_tf.dtype == tf.float64
    assert rel_error(Z, Z_tf.numpy()) < 1e-12
    for name, analytic in (("A_prev", dA_prev), ("W", dW), ("b", db)):
        err = rel_error(analytic, grads[name].numpy())
        assert err < 1e-10, f"{case} d{name} vs TensorFlow: relative error {err:.2e}"


def test_float32_matches_tensorflow(rng, tf):
    A_prev, W, b, hparameters = (
        x.astype(np.float32) if isinstance(x, np.ndarray) else x
        for x in _layer(rng, "many-channels")
    )
    Z, _ = conv_forward(A_prev, W, b, hparameters)
    assert rel_error(Z, _tf_conv(tf, A_prev, W, b, hparameters).numpy()) < 1e-6


# --- bad input: one clear message, from the public function -------------------------

A_OK = np.ones((2, 5, 7, 4))
W_OK = np.ones((3, 3, 4, 8))
B_OK = np.ones((1, 1, 1, 8))
HP_OK = {"pad": 1, "stride": 2}


def _hp(**changes):
    hp = dict(HP_OK, **changes)
    return {k: v for k, v in hp.items() if v is not None}


BAD_FORWARD = {
    "A_prev rank 3": (
        (np.ones((5, 7, 4)), W_OK, B_OK, HP_OK),
        ValueError,
        r"A_prev must be a 4-D array \(m, n_H_prev, n_W_prev, "
        r"n_C_prev\)",
    ),
    "W rank 3": (
        (A_OK, np.ones((3, 3, 4)), B_OK, HP_OK),
        ValueError,
        r"W must be a 4-D array \(f, f, n_C_prev, n_C\)",
    ),
    "channel mismatch": (
        (np.ones((2, 5, 7, 3)), W_OK, B_OK, HP_OK),
        ValueError,
        r"W has shape \(3, 3, 4, 8\), so its filters have 4 channels, "
        r"but A_prev has 3 channels",
    ),
    "non-square filter": (
        (A_OK, np.ones((3, 2, 4, 8)), B_OK, HP_OK),
        ValueError,
        r"W must hold square f x f filters",
    ),
    "filter larger than padded input": (
        (A_OK, np.ones((8, 8, 4, 8)), B_OK, HP_OK),
        ValueError,
        r"the 8 x 8 filter is larger than the "
        r"padded input, 7 x 9",
    ),
    "negative pad": (
        (A_OK, W_OK, B_OK, _hp(pad=-1)),
        ValueError,
        r'hparameters\["pad"\] must be an int >= 0, but -1',
    ),
    "zero stride": (
        (A_OK, W_OK, B_OK, _hp(stride=0)),
        ValueError,
        r'hparameters\["stride"\] must be an int >= 1, but 0',
    ),
    "negative stride": (
        (A_OK, W_OK, B_OK, _hp(stride=-2)),
        ValueError,
        r'hparameters\["stride"\] must be an int >= 1, but -2',
    ),
    "fractional stride": (
        (A_OK, W_OK, B_OK, _hp(stride=1.5)),
        TypeError,
        r'hparameters\["stride"\] must be a whole number \(an int\), '
        r"but 1.5",
    ),
    "string pad": (
        (A_OK, W_OK, B_OK, _hp(pad="same")),
        TypeError,
        r'hparameters\["pad"\] must be a whole number \(an int\), but a str',
    ),
    "b wrong shape": (
        (A_OK, W_OK, np.ones((8,)), HP_OK),
        ValueError,
        r"b must have shape \(1, 1, 1, 8\), but it has shape \(8,\); "
        r"one bias per filter",
    ),
    "b one bias short": (
        (A_OK, W_OK, np.ones((1, 1, 1, 7)), HP_OK),
        ValueError,
        r"b must have shape \(1, 1, 1, 8\)",
    ),
    "missing stride": (
        (A_OK, W_OK, B_OK, _hp(stride=None)),
        ValueError,
        r"hparameters has no 'stride'; it needs keys 'stride', 'pad'",
    ),
    "missing pad": ((A_OK, W_OK, B_OK, _hp(pad=None)), ValueError, r"hparameters has no 'pad'"),
    "hparameters not a dict": (
        (A_OK, W_OK, B_OK, (1, 2)),
        TypeError,
        r"hparameters must be a dict with keys 'stride', 'pad'",
    ),
    "A_prev not an array": (
        ("images", W_OK, B_OK, HP_OK),
        TypeError,
        r"A_prev must be a NumPy array, but a str",
    ),
}


@pytest.mark.parametrize("forward", [conv_forward, conv_forward_loops], ids=lambda f: f.__name__)
@pytest.mark.parametrize("case", BAD_FORWARD)
def test_conv_forward_rejects_bad_input(case, forward):
    args, error, match = BAD_FORWARD[case]
    with pytest.raises(error, match=rf"^{forward.__name__}: {match}"):
        forward(*args)


@pytest.mark.parametrize("backward", [conv_backward, conv_backward_loops], ids=lambda f: f.__name__)
def test_conv_backward_rejects_bad_input(backward):
    name = backward.__name__
    _, cache = conv_forward(A_OK, W_OK, B_OK, HP_OK)  # Z is (2, 3, 4, 8)
    with pytest.raises(
        ValueError,
        match=rf"^{name}: dZ must have shape \(2, 3, 4, 8\), but it has "
        r"shape \(2, 4, 4, 8\); it must match Z = conv_forward",
    ):
        backward(np.ones((2, 4, 4, 8)), cache)
    with pytest.raises(ValueError, match=rf"^{name}: dZ must be a 4-D array"):
        backward(np.ones((3, 4, 8)), cache)
    with pytest.raises(
        ValueError,
        match=rf"^{name}: cache must be the tuple \(A_prev, W, b, "
        r"hparameters\) that conv_forward returns, but it has 3",
    ):
        backward(np.ones((2, 3, 4, 8)), cache[:3])
    with pytest.raises(TypeError, match=rf"^{name}: cache must be the tuple"):
        backward(np.ones((2, 3, 4, 8)), {"A_prev": A_OK})
    with pytest.raises(ValueError, match=rf"^{name}: hparameters has no 'pad'"):
        backward(np.ones((2, 3, 4, 8)), (A_OK, W_OK, B_OK, {"stride": 2}))


def test_zero_pad_and_single_step_reject_bad_input():
    with pytest.raises(ValueError, match=r"^zero_pad: pad must be an int >= 0, but -1"):
        zero_pad(A_OK, -1)
    with pytest.raises(TypeError, match=r"^zero_pad: pad must be a whole number"):
        zero_pad(A_OK, 0.5)
    with pytest.raises(ValueError, match=r"^zero_pad: X must be a 4-D array \(m, n_H, n_W, n_C\)"):
        zero_pad(np.ones((3, 3)), 1)
    with pytest.raises(
        ValueError,
        match=r"^conv_single_step: W must have shape \(3, 3, 4\), but "
        r"it has shape \(3, 3, 2\); the filter must cover",
    ):
        conv_single_step(np.ones((3, 3, 4)), np.ones((3, 3, 2)), np.ones((1, 1, 1)))
    with pytest.raises(ValueError, match=r"^conv_single_step: b must hold one bias"):
        conv_single_step(np.ones((3, 3, 4)), np.ones((3, 3, 4)), np.ones((1, 1, 2)))
    with pytest.raises(ValueError, match=r"^conv_single_step: a_slice_prev must be a 3-D array"):
        conv_single_step(np.ones((3, 3)), np.ones((3, 3)), np.ones((1, 1, 1)))


# --- conv1d_forward: 1-D convolution (Course 4, week 4) -----------------------------

from dl_notes.convolution import conv1d_forward  # noqa: E402 (appended with its section)

#: (A_prev shape (m, n_L_prev, n_C_prev), W shape (f, n_C_prev, n_C), hparameters)
CASES_1D = {
    "lecture-ecg": ((2, 14, 1), (5, 1, 16), {"pad": 0, "stride": 1}),  # 14 -> 10 x 16
    "pad-stride2": ((3, 11, 4), (3, 4, 5), {"pad": 1, "stride": 2}),
    "m1-stride3": ((1, 9, 2), (4, 2, 3), {"pad": 2, "stride": 3}),
    "f1": ((2, 6, 3), (1, 3, 2), {"pad": 0, "stride": 1}),
    "filter-fills-padded-input": ((2, 3, 2), (5, 2, 2), {"pad": 1, "stride": 1}),
}


def _layer_1d(rng, case):
    A_shape, W_shape, hparameters = CASES_1D[case]
    A_prev = rng.standard_normal(A_shape)
    W = rng.standard_normal(W_shape)
    b = rng.standard_normal((1, 1, W_shape[2]))
    return A_prev, W, b, dict(hparameters)


@pytest.mark.parametrize("forward", [conv_forward, conv_forward_loops], ids=lambda f: f.__name__)
@pytest.mark.parametrize("case", CASES_1D)
def test_conv1d_forward_is_conv_forward_on_one_row(case, forward, rng):
    A_prev, W, b, hparameters = _layer_1d(rng, case)
    Z, cache = conv1d_forward(A_prev, W, b, hparameters)
    m, n_L_prev, n_C_prev = A_prev.shape
    f, _, n_C = W.shape
    p, s = hparameters["pad"], hparameters["stride"]
    assert Z.shape == (m, (n_L_prev + 2 * p - f) // s + 1, n_C)
    assert all(x is y for x, y in zip(cache, (A_prev, W, b, hparameters)))
    # conv_forward takes square f x f filters and pads the height too. So: an image of f rows
    # whose row 0 is the signal (the rest zeros), and a filter whose only nonzero row, p, is W.
    # Padded by p, the signal sits in row p, under the filter's row p at output row 0 only.
    assert p < f
    image = np.zeros((m, f, n_L_prev, n_C_prev))
    image[:, 0] = A_prev
    W_2d = np.zeros((f, f, n_C_prev, n_C))
    W_2d[p] = W
    Z_2d, _ = forward(image, W_2d, b[None], hparameters)  # (m, n_H, n_L, n_C)
    _assert_equal(Z, Z_2d[:, 0], f"Z vs {forward.__name__}, output row 0")


@pytest.mark.parametrize("case", CASES_1D)
def test_conv1d_forward_matches_tensorflow(case, rng, tf):
    A_prev, W, b, hparameters = _layer_1d(rng, case)
    Z, _ = conv1d_forward(A_prev, W, b, hparameters)
    p, s = hparameters["pad"], hparameters["stride"]
    A_pad = tf.pad(A_prev, [[0, 0], [p, p], [0, 0]])
    Z_tf = tf.nn.conv1d(A_pad, W, stride=s, padding="VALID") + tf.reshape(b, [-1])
    assert Z_tf.dtype == tf.float64
    assert rel_error(Z, Z_tf.numpy()) < 1e-12


def test_conv1d_forward_by_hand():
    signal = np.array([1.0, 2.0, 4.0, 7.0, 11.0])[None, :, None]  # (1, 5, 1)
    W = np.array([1.0, 0.0, -1.0])[:, None, None]  # (3, 1, 1): x[l] - x[l + 2]
    b = np.full((1, 1, 1), 0.5)
    Z, _ = conv1d_forward(signal, W, b, {"pad": 0, "stride": 1})
    np.testing.assert_array_equal(Z[0, :, 0], [1 - 4 + 0.5, 2 - 7 + 0.5, 4 - 11 + 0.5])
    # padding 1 and stride 2 on the padded signal 0, 1, 2, 4, 7, 11, 0
    Z, _ = conv1d_forward(signal, W, b, {"pad": 1, "stride": 2})
    np.testing.assert_array_equal(Z[0, :, 0], [0 - 2 + 0.5, 2 - 7 + 0.5, 7 - 0 + 0.5])
    # two channels in, two filters out: filter 0 adds the channels, filter 1 takes channel 1
    two = np.stack([signal[0, :, 0], 10 * signal[0, :, 0]], axis=-1)[None]  # (1, 5, 2)
    W2 = np.zeros((1, 2, 2))
    W2[0, :, 0] = 1.0
    W2[0, 1, 1] = 1.0
    Z, _ = conv1d_forward(two, W2, np.zeros((1, 1, 2)), {"pad": 0, "stride": 1})
    np.testing.assert_array_equal(Z[0], np.stack([11 * signal[0, :, 0], 10 * signal[0, :, 0]], 1))


def test_conv1d_forward_keeps_float32(rng):
    A_prev, W, b, hparameters = (
        x.astype(np.float32) if isinstance(x, np.ndarray) else x
        for x in _layer_1d(rng, "pad-stride2")
    )
    Z, _ = conv1d_forward(A_prev, W, b, hparameters)
    assert Z.dtype == np.float32


A1_OK = np.ones((2, 9, 3))
W1_OK = np.ones((3, 3, 4))
B1_OK = np.ones((1, 1, 4))
BAD_1D = {
    "A_prev 4-D": (
        (np.ones((2, 9, 9, 3)), W1_OK, B1_OK, HP_OK),
        ValueError,
        r"A_prev must be a 3-D array \(m, n_L_prev, n_C_prev\), but it has shape \(2, 9, 9, 3\)",
    ),
    "W 4-D": (
        (A1_OK, np.ones((3, 3, 3, 4)), B1_OK, HP_OK),
        ValueError,
        r"W must be a 3-D array \(f, n_C_prev, n_C\)",
    ),
    "channels differ": (
        (A1_OK, np.ones((3, 2, 4)), B1_OK, HP_OK),
        ValueError,
        r"W has shape \(3, 2, 4\), so its filters have 2 channels, but A_prev has 3 channels",
    ),
    "b per filter": (
        (A1_OK, W1_OK, np.ones((1, 1, 3)), HP_OK),
        ValueError,
        r"b must have shape \(1, 1, 4\), but it has shape \(1, 1, 3\); one bias per filter",
    ),
    "filter too long": (
        (A1_OK, np.ones((12, 3, 4)), B1_OK, HP_OK),
        ValueError,
        r"the filter of length 12 must fit in the padded signal, of length 11",
    ),
    "stride 0": (
        (A1_OK, W1_OK, B1_OK, _hp(stride=0)),
        ValueError,
        r'hparameters\["stride"\] must be an int >= 1, but 0',
    ),
    "pad missing": (
        (A1_OK, W1_OK, B1_OK, _hp(pad=None)),
        ValueError,
        r"hparameters has no 'pad'",
    ),
    "pad not whole": (
        (A1_OK, W1_OK, B1_OK, _hp(pad=0.5)),
        TypeError,
        r'hparameters\["pad"\] must be a whole number',
    ),
    "A_prev not an array": (
        ("signal", W1_OK, B1_OK, HP_OK),
        TypeError,
        r"A_prev must be a NumPy array, but a str",
    ),
}


@pytest.mark.parametrize("case", BAD_1D)
def test_conv1d_forward_rejects_bad_input(case):
    args, error, match = BAD_1D[case]
    with pytest.raises(error, match=rf"^conv1d_forward: {match}"):
        conv1d_forward(*args)
