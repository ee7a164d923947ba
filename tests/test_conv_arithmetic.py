"""dl_notes.conv_arithmetic: the lecture's numbers, agreement with the layers, and errors."""

import numpy as np
import pytest

from dl_notes import conv_arithmetic as ca
from dl_notes.convolution import conv_forward
from dl_notes.pooling import pool_forward

# --- the lectures' numbers -----------------------------------------------------------


def test_output_sizes_from_the_lectures():
    assert ca.conv_output_size(6, 3) == 4  # valid: 6x6 * 3x3 -> 4x4
    assert ca.conv_output_size(6, 3, p=1) == 6  # same
    assert ca.conv_output_size(7, 3, s=2) == 3  # strided: 7x7, stride 2 -> 3x3
    assert ca.conv_output_size(32, 5) == 28  # LeNet's first layer
    assert ca.conv_output_size(227, 11, s=4) == 55  # AlexNet's first layer
    assert ca.conv_output_size(4, 2, s=2) == 2  # 2x2 max pooling, stride 2
    assert ca.conv_output_size(6, 3, s=2) == 2  # the floor: (6 - 3) / 2 = 1.5


def test_same_padding_keeps_the_size():
    for f in (1, 3, 5, 7, 11):
        p = ca.same_padding(f)
        assert ca.conv_output_size(28, f, p=p) == 28


def test_parameter_counts_from_the_lectures():
    assert ca.conv_layer_params(3, 3, 10) == 280  # ten 3x3x3 filters
    assert ca.conv_layer_params(5, 3, 6) == 456  # 32x32x3 -> 28x28x6
    assert ca.dense_layer_params(32 * 32 * 3, 28 * 28 * 6) == 3072 * 4704 + 4704
    assert 3072 * 4704 == 14_450_688  # "about 14 million" weights
    assert ca.dense_layer_params(400, 120) == 48_120


def test_bottleneck_multiplies_from_the_lecture():
    direct = ca.conv_multiplies(28, 28, 32, 5, 192)
    assert direct == 120_422_400  # "about 120 million"
    squeeze = ca.conv_multiplies(28, 28, 16, 1, 192)
    expand = ca.conv_multiplies(28, 28, 32, 5, 16)
    assert (squeeze, expand) == (2_408_448, 10_035_200)
    assert squeeze + expand == 12_443_648  # "about 12.4 million"


def test_depthwise_separable_from_the_lecture():
    assert ca.conv_multiplies(4, 4, 5, 3, 3) == 2160
    assert ca.depthwise_separable_multiplies(4, 4, 5, 3, 3) == 672
    assert 672 / 2160 == pytest.approx(1 / 5 + 1 / 3**2)


@pytest.mark.parametrize(
    "n_H, n_W, n_C, f, n_C_prev",
    [(4, 4, 5, 3, 3), (7, 9, 64, 5, 32), (1, 1, 1, 1, 1), (14, 14, 512, 3, 256)],
)
def test_depthwise_separable_is_depthwise_plus_pointwise(n_H, n_W, n_C, f, n_C_prev):
    cost = ca.depthwise_separable_multiplies(n_H, n_W, n_C, f, n_C_prev)
    depthwise = ca.conv_multiplies(n_H, n_W, n_C_prev, f, 1)  # one f x f x 1 filter per channel
    pointwise = ca.conv_multiplies(n_H, n_W, n_C, 1, n_C_prev)
    assert cost == depthwise + pointwise
    ratio = cost / ca.conv_multiplies(n_H, n_W, n_C, f, n_C_prev)
    assert ratio == pytest.approx(1 / n_C + 1 / f**2)


def test_results_are_exact_python_ints():
    big = ca.conv_multiplies(10**4, 10**4, 10**3, 11, 10**3)
    assert isinstance(big, int) and big == 10**14 * 121
    assert isinstance(ca.conv_output_size(np.int64(32), 5), int)


# --- agreement with the layers ------------------------------------------------------


@pytest.mark.parametrize(
    "n_H_prev, n_W_prev, f, p, s",
    [(5, 7, 3, 1, 2), (6, 6, 3, 0, 1), (8, 5, 2, 0, 2), (4, 4, 4, 0, 1), (9, 9, 5, 2, 3)],
)
def test_formula_matches_conv_forward(rng, n_H_prev, n_W_prev, f, p, s):
    n_C_prev, n_C = 3, 4
    A_prev = rng.standard_normal((2, n_H_prev, n_W_prev, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    Z, _ = conv_forward(A_prev, W, b, {"pad": p, "stride": s})
    assert Z.shape == (
        2,
        ca.conv_output_size(n_H_prev, f, p, s),
        ca.conv_output_size(n_W_prev, f, p, s),
        n_C,
    )
    assert W.size + b.size == ca.conv_layer_params(f, n_C_prev, n_C)


@pytest.mark.parametrize("f, s", [(2, 2), (3, 1), (3, 2)])
def test_formula_matches_pool_forward(rng, f, s):
    A, _ = pool_forward(rng.standard_normal((1, 7, 6, 2)), {"f": f, "stride": s})
    assert A.shape == (1, ca.conv_output_size(7, f, 0, s), ca.conv_output_size(6, f, 0, s), 2)


# --- errors -------------------------------------------------------------------------


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"conv_output_size: the filter \(f = 9\) is larger"):
        ca.conv_output_size(6, 9, p=1)
    with pytest.raises(ValueError, match="s must be an int >= 1"):
        ca.conv_output_size(6, 3, s=0)
    with pytest.raises(TypeError, match="p must be a whole number"):
        ca.conv_output_size(6, 3, p=0.5)
    with pytest.raises(ValueError, match="same_padding: f must be odd"):
        ca.same_padding(4)
    with pytest.raises(TypeError, match="conv_layer_params: n_C must be a whole number"):
        ca.conv_layer_params(3, 3, "10")
    with pytest.raises(ValueError, match="dense_layer_params: n must be an int >= 1"):
        ca.dense_layer_params(10, 0)
    with pytest.raises(ValueError, match="conv_multiplies: n_C_prev must be an int >= 1"):
        ca.conv_multiplies(4, 4, 5, 3, 0)
    with pytest.raises(TypeError, match="depthwise_separable_multiplies: f must be a whole number"):
        ca.depthwise_separable_multiplies(4, 4, 5, True, 3)
