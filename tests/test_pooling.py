"""dl_notes.pooling: loops == vectorised, hand-computed cases, gradients, TensorFlow, bad input.

Max pooling's gradient is only defined where each window has a single maximum, so every
case uses continuous random data (no ties; no two entries of a window within the
finite-difference step of each other, for this seed).
"""

import numpy as np
import pytest

from dl_notes.gradient_check import eval_numerical_gradient_array, rel_error
from dl_notes.pooling import (
    MODES,
    create_mask_from_window,
    distribute_value,
    pool_backward,
    pool_backward_loops,
    pool_forward,
    pool_forward_loops,
)

#: (A_prev shape, hparameters)
CASES = {
    "course": ((2, 5, 5, 3), {"f": 3, "stride": 2}),
    "f2-stride2": ((2, 4, 6, 3), {"f": 2, "stride": 2}),
    "overlapping-stride1": ((2, 5, 7, 3), {"f": 3, "stride": 1}),
    "f1": ((2, 3, 4, 2), {"f": 1, "stride": 1}),
    "m1-nonsquare-stride3": ((1, 9, 6, 5), {"f": 4, "stride": 3}),
    "many-channels": ((2, 4, 4, 32), {"f": 2, "stride": 1}),
    "window-is-input": ((2, 3, 3, 2), {"f": 3, "stride": 1}),
}
GRAD_CASES = ["course", "f2-stride2", "overlapping-stride1", "m1-nonsquare-stride3"]
TIGHT = 1e-10


def _assert_equal(a, b, name):
    assert a.shape == b.shape, f"{name}: shapes {a.shape} and {b.shape}"
    np.testing.assert_allclose(a, b, rtol=TIGHT, atol=TIGHT, err_msg=name)


# --- the two versions agree ---------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES)
def test_vectorised_matches_loops_forward_and_backward(case, mode, rng):
    shape, hparameters = CASES[case]
    A_prev = rng.standard_normal(shape)
    A_loops, cache_loops = pool_forward_loops(A_prev, hparameters, mode)
    A, cache = pool_forward(A_prev, hparameters, mode)
    _assert_equal(A, A_loops, "A")
    m, n_H_prev, n_W_prev, n_C = shape
    f, s = hparameters["f"], hparameters["stride"]
    assert A.shape == (m, (n_H_prev - f) // s + 1, (n_W_prev - f) // s + 1, n_C)

    dA = rng.standard_normal(A.shape)
    # Each backward pass gets the *other* forward pass's cache: the course's cache fits both.
    _assert_equal(
        pool_backward(dA, cache_loops, mode), pool_backward_loops(dA, cache, mode), "dA_prev"
    )


def test_caches_are_the_course_cache(rng):
    A_prev, hparameters = rng.standard_normal((2, 5, 5, 3)), {"f": 3, "stride": 2}
    for forward in (pool_forward, pool_forward_loops):
        _, cache = forward(A_prev, hparameters)
        assert len(cache) == 2 and cache[0] is A_prev and cache[1] is hparameters


@pytest.mark.parametrize("mode", MODES)
def test_float32_stays_float32(mode, rng):
    A_prev = rng.standard_normal((2, 5, 5, 3)).astype(np.float32)
    A, cache = pool_forward(A_prev, {"f": 2, "stride": 1}, mode)
    assert A.dtype == pool_forward_loops(A_prev, {"f": 2, "stride": 1}, mode)[0].dtype == np.float32
    assert pool_backward(np.ones_like(A), cache, mode).dtype == np.float32


# --- small cases computed by hand ---------------------------------------------------

X4 = np.arange(16.0).reshape(1, 4, 4, 1)  # rows [0..3], [4..7], [8..11], [12..15]
HP22 = {"f": 2, "stride": 2}


@pytest.mark.parametrize("forward", [pool_forward, pool_forward_loops])
def test_pool_forward_by_hand(forward):
    np.testing.assert_array_equal(forward(X4, HP22, "max")[0][0, :, :, 0], [[5, 7], [13, 15]])
    np.testing.assert_array_equal(
        forward(X4, HP22, "average")[0][0, :, :, 0], [[2.5, 4.5], [10.5, 12.5]]
    )
    # 3 x 3 windows at stride 1 overlap: maxima 10, 11, 14, 15
    np.testing.assert_array_equal(
        forward(X4, {"f": 3, "stride": 1})[0][0, :, :, 0], [[10, 11], [14, 15]]
    )


@pytest.mark.parametrize("backward", [pool_backward, pool_backward_loops])
def test_pool_backward_by_hand(backward):
    dA = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 2, 2, 1)
    dA_prev = backward(dA, (X4, HP22), "max")[0, :, :, 0]
    # each gradient goes to its window's maximum: the bottom-right entry of each 2 x 2 block
    np.testing.assert_array_equal(dA_prev, [[0, 0, 0, 0], [0, 1, 0, 2], [0, 0, 0, 0], [0, 3, 0, 4]])
    dA_prev = backward(dA, (X4, HP22), "average")[0, :, :, 0]
    np.testing.assert_array_equal(dA_prev, np.kron([[1, 2], [3, 4]], np.full((2, 2), 0.25)))
    # overlapping windows (f = 3, stride 1, dA = 1): an entry gets 1/9 from each window it is in
    dA_prev = backward(np.ones((1, 2, 2, 1)), (X4, {"f": 3, "stride": 1}), "average")[0, :, :, 0]
    np.testing.assert_allclose(
        dA_prev * 9, [[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]]
    )


def test_create_mask_from_window_by_hand():
    np.testing.assert_array_equal(
        create_mask_from_window(np.array([[1.0, 3.0], [-2.0, 0.5]])),
        [[False, True], [False, False]],
    )
    # a tie: the course's mask marks every maximum
    np.testing.assert_array_equal(
        create_mask_from_window(np.array([[3.0, 3.0], [-2.0, 0.5]])), [[True, True], [False, False]]
    )


def test_distribute_value_by_hand():
    a = distribute_value(2.0, (2, 2))
    np.testing.assert_array_equal(a, np.full((2, 2), 0.5))
    assert distribute_value(np.float64(3.0), (1, 3)).tolist() == [[1.0, 1.0, 1.0]]


def test_max_pool_backward_sends_ties_to_every_maximum():
    A_prev = np.array([[2.0, 2.0], [1.0, 0.0]]).reshape(1, 2, 2, 1)
    for backward in (pool_backward, pool_backward_loops):
        dA_prev = backward(np.full((1, 1, 1, 1), 5.0), (A_prev, HP22), "max")
        np.testing.assert_array_equal(dA_prev[0, :, :, 0], [[5, 5], [0, 0]])


# --- gradients: finite differences and TensorFlow -----------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", GRAD_CASES)
def test_pool_backward_against_finite_differences(case, mode, rng):
    shape, hparameters = CASES[case]
    A_prev = rng.standard_normal(shape)
    A, cache = pool_forward(A_prev, hparameters, mode)
    dA = rng.standard_normal(A.shape)
    numeric = eval_numerical_gradient_array(
        lambda x: pool_forward(x, hparameters, mode)[0], A_prev.copy(), dA
    )
    err = rel_error(pool_backward(dA, cache, mode), numeric)
    assert err < 1e-7, f"{case} {mode}: relative error {err:.2e}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES)
def test_pool_forward_and_backward_match_tensorflow(case, mode, rng, tf):
    shape, hparameters = CASES[case]
    A_prev = rng.standard_normal(shape)
    A, cache = pool_forward(A_prev, hparameters, mode)
    dA = rng.standard_normal(A.shape)
    pool = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
    x = tf.Variable(A_prev)
    with tf.GradientTape() as tape:
        A_tf = pool(x, ksize=hparameters["f"], strides=hparameters["stride"], padding="VALID")
    dA_prev_tf = tape.gradient(A_tf, x, output_gradients=tf.constant(dA))
    assert A_tf.dtype == tf.float64
    assert rel_error(A, A_tf.numpy()) < 1e-12
    err = rel_error(pool_backward(dA, cache, mode), dA_prev_tf.numpy())
    assert err < 1e-10, f"{case} {mode}: dA_prev vs TensorFlow: relative error {err:.2e}"


# --- bad input: one clear message, from the public function -------------------------

A_OK = np.ones((2, 5, 7, 3))
HP_OK = {"f": 2, "stride": 2}

BAD_FORWARD = {
    "A_prev rank 3": (
        (np.ones((5, 7, 3)), HP_OK, "max"),
        ValueError,
        r"A_prev must be a 4-D array \(m, n_H_prev, n_W_prev, n_C\)",
    ),
    "unknown mode": (
        (A_OK, HP_OK, "min"),
        ValueError,
        r"unknown mode 'min'; expected one of 'max', 'average'",
    ),
    "mode avg": ((A_OK, HP_OK, "avg"), ValueError, r"unknown mode 'avg'"),
    "window larger than input": (
        (A_OK, {"f": 6, "stride": 1}, "max"),
        ValueError,
        r"the 6 x 6 window is larger than the input, 5 x 7",
    ),
    "zero stride": (
        (A_OK, {"f": 2, "stride": 0}, "max"),
        ValueError,
        r'hparameters\["stride"\] must be an int >= 1, but 0',
    ),
    "negative stride": (
        (A_OK, {"f": 2, "stride": -1}, "max"),
        ValueError,
        r'hparameters\["stride"\] must be an int >= 1, but -1',
    ),
    "fractional stride": (
        (A_OK, {"f": 2, "stride": 0.5}, "max"),
        TypeError,
        r'hparameters\["stride"\] must be a whole number',
    ),
    "zero f": (
        (A_OK, {"f": 0, "stride": 1}, "max"),
        ValueError,
        r'hparameters\["f"\] must be an int >= 1, but 0',
    ),
    "missing f": (
        (A_OK, {"stride": 2}, "max"),
        ValueError,
        r"hparameters has no 'f'; it needs keys 'f', 'stride'",
    ),
    "conv hparameters": (
        (A_OK, {"stride": 2, "pad": 0}, "max"),
        ValueError,
        r"hparameters has no 'f'",
    ),
    "hparameters not a dict": (
        (A_OK, [2, 2], "max"),
        TypeError,
        r"hparameters must be a dict with keys 'f', 'stride'",
    ),
}


@pytest.mark.parametrize("forward", [pool_forward, pool_forward_loops], ids=lambda f: f.__name__)
@pytest.mark.parametrize("case", BAD_FORWARD)
def test_pool_forward_rejects_bad_input(case, forward):
    args, error, match = BAD_FORWARD[case]
    with pytest.raises(error, match=rf"^{forward.__name__}: {match}"):
        forward(*args)


@pytest.mark.parametrize("backward", [pool_backward, pool_backward_loops], ids=lambda f: f.__name__)
def test_pool_backward_rejects_bad_input(backward):
    name = backward.__name__
    _, cache = pool_forward(A_OK, HP_OK)  # A is (2, 2, 3, 3)
    with pytest.raises(
        ValueError,
        match=rf"^{name}: dA must have shape \(2, 2, 3, 3\), but it has "
        r"shape \(2, 3, 3, 3\); it must match A = pool_forward",
    ):
        backward(np.ones((2, 3, 3, 3)), cache)
    with pytest.raises(ValueError, match=rf"^{name}: unknown mode 'mean'"):
        backward(np.ones((2, 2, 3, 3)), cache, mode="mean")
    with pytest.raises(
        ValueError,
        match=rf"^{name}: cache must be the tuple \(A_prev, "
        r"hparameters\) that pool_forward returns, but it has 3",
    ):
        backward(np.ones((2, 2, 3, 3)), (A_OK, HP_OK, "max"))
    with pytest.raises(TypeError, match=rf"^{name}: cache must be the tuple"):
        backward(np.ones((2, 2, 3, 3)), A_OK)


def test_mask_and_distribute_reject_bad_input():
    with pytest.raises(
        ValueError,
        match=r"^create_mask_from_window: x must be a 2-D array "
        r"\(f, f\)",
    ):
        create_mask_from_window(np.ones((2, 2, 3)))
    with pytest.raises(ValueError, match=r"^distribute_value: shape must be a pair \(n_H, n_W\)"):
        distribute_value(1.0, (2, 2, 2))
    with pytest.raises(
        ValueError,
        match=r"^distribute_value: each entry of shape must be an int "
        r">= 1, but 0",
    ):
        distribute_value(1.0, (2, 0))
    with pytest.raises(ValueError, match=r"^distribute_value: dz must be one number"):
        distribute_value(np.ones(3), (2, 2))
