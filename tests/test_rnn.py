"""dl_notes.rnn: the course's values, fast == loops, finite differences, bad input, vanishing.

The gradients are checked as in tests/gradcheck.py: every backward pass is the derivative of a
scalar, here the linear L = sum(da * a) over the hidden states it receives (plus
sum(dc_next * c_next) for one LSTM step), which is exactly what the course's backward passes
compute (see the module docstring), in float64 with random, non-symmetric data. TensorFlow
autodiff and Keras parity are in tests/test_rnn_keras_parity.py.
"""

import numpy as np
import pytest

from dl_notes import rnn
from dl_notes.rnn import (
    gradient_norms_through_time,
    gru_backward,
    gru_cell_backward,
    gru_cell_forward,
    gru_forward,
    initialize_gru_parameters,
    initialize_lstm_parameters,
    initialize_rnn_parameters,
    lstm_backward,
    lstm_cell_backward,
    lstm_cell_forward,
    lstm_forward,
    rnn_backward,
    rnn_cell_backward,
    rnn_cell_forward,
    rnn_forward,
    to_keras_weights,
)
from tests.gradcheck import TOL, numerical_gradient, rel_error

N_X, N_A, N_Y, M, T = 3, 4, 2, 3, 5


def _assert_grad(analytic, f, x, name):
    err = rel_error(analytic, numerical_gradient(f, x))
    assert err < TOL, f"{name}: relative error {err:.2e} vs finite differences"
    return err


def _random_params(cell, rng):
    init = {
        "rnn": initialize_rnn_parameters,
        "lstm": initialize_lstm_parameters,
        "gru": initialize_gru_parameters,
    }[cell]
    p = init(N_A, N_X, N_Y, seed=rng)
    for k in p:  # non-zero biases, larger weights: no symmetric or vanishing case
        p[k] = p[k] + rng.standard_normal(p[k].shape) * 0.5
    return p


# --- the course's printed values (np.random.seed(1) inputs, made with a local RandomState) --


def _course_rnn(shape_x, order=("Waa", "Wax", "Wya", "ba", "by")):
    r = np.random.RandomState(1)
    x = r.randn(*shape_x)
    a = r.randn(5, 10)
    shapes = {"Waa": (5, 5), "Wax": (5, 3), "Wya": (2, 5), "ba": (5, 1), "by": (2, 1)}
    return r, x, a, {k: r.randn(*shapes[k]) for k in order}


def _course_lstm(r, zero_output=False):
    shapes = [("Wf", (5, 8)), ("bf", (5, 1)), ("Wi", (5, 8)), ("bi", (5, 1)), ("Wo", (5, 8))]
    shapes += [("bo", (5, 1)), ("Wc", (5, 8)), ("bc", (5, 1))]
    p = {k: r.randn(*s) for k, s in shapes}
    if zero_output:
        p["Wy"], p["by"] = np.zeros((2, 5)), np.zeros((2, 1))
    else:
        p["Wy"], p["by"] = r.randn(2, 5), r.randn(2, 1)
    return p


def test_rnn_cell_forward_course_values():
    _, xt, a_prev, p = _course_rnn((3, 10))
    a_next, yt_pred, cache = rnn_cell_forward(xt, a_prev, p)
    assert a_next.shape == (5, 10) and yt_pred.shape == (2, 10)
    np.testing.assert_allclose(
        a_next[4],
        [0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201]
        + [0.99980978, -0.18887155, 0.99815551, 0.6531151, 0.82872037],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        yt_pred[1],
        [0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387]
        + [0.88945212, 0.36920224, 0.9966312, 0.9982559, 0.17746526],
        atol=1e-8,
    )
    assert cache[0] is a_next and cache[1] is a_prev and cache[2] is xt and len(cache) == 4


def test_rnn_forward_course_values():
    _, x, a0, p = _course_rnn((3, 10, 4))
    a, y_pred, caches = rnn_forward(x, a0, p)
    assert a.shape == (5, 10, 4) and y_pred.shape == (2, 10, 4) and len(caches) == 2
    np.testing.assert_allclose(
        a[4][1], [-0.99999375, 0.77911235, -0.99861469, -0.99833267], atol=1e-8
    )
    np.testing.assert_allclose(
        y_pred[1][3], [0.79560373, 0.86224861, 0.11118257, 0.81515947], atol=1e-8
    )
    np.testing.assert_allclose(
        caches[1][1][3], [-1.1425182, -0.34934272, -0.20889423, 0.58662319], atol=1e-8
    )


def test_lstm_cell_forward_and_backward_course_values():
    r = np.random.RandomState(1)
    xt, a_prev, c_prev = r.randn(3, 10), r.randn(5, 10), r.randn(5, 10)
    p = _course_lstm(r)
    a_next, c_next, yt, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
    assert len(cache) == 10
    np.testing.assert_allclose(
        a_next[4],
        [-0.66408471, 0.0036921, 0.02088357, 0.22834167, -0.85575339]
        + [0.00138482, 0.76566531, 0.34631421, -0.00215674, 0.43827275],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        c_next[2],
        [0.63267805, 1.00570849, 0.35504474, 0.20690913, -1.64566718]
        + [0.11832942, 0.76449811, -0.0981561, -0.74348425, -0.26810932],
        atol=1e-8,
    )
    np.testing.assert_allclose(
        yt[1],
        [0.79913913, 0.15986619, 0.22412122, 0.15606108, 0.97057211]
        + [0.31146381, 0.00943007, 0.12666353, 0.39380172, 0.07828381],
        atol=1e-8,
    )
    g = lstm_cell_backward(r.randn(5, 10), r.randn(5, 10), cache)
    expected = {
        ("dxt", (1, 2)): 3.23055911511,
        ("da_prev", (2, 3)): -0.0639621419711,
        ("dc_prev", (2, 3)): 0.797522038797,
        ("dWf", (3, 1)): -0.147954838164,
        ("dWi", (1, 2)): 1.05749805523,
        ("dWc", (3, 1)): 2.30456216369,
        ("dWo", (1, 2)): 0.331311595289,
        ("dbf", (4, 0)): 0.18864637,
        ("dbi", (4, 0)): -0.40142491,
        ("dbc", (4, 0)): 0.25587763,
        ("dbo", (4, 0)): 0.13893342,
    }
    for (key, index), value in expected.items():
        assert np.isclose(g[key][index], value, atol=1e-8), key
    assert g["dWf"].shape == (5, 8) and g["dxt"].shape == (3, 10) and g["dbo"].shape == (5, 1)


def test_lstm_forward_course_values():
    r = np.random.RandomState(1)
    x, a0 = r.randn(3, 10, 7), r.randn(5, 10)
    a, y, c, caches = lstm_forward(x, a0, _course_lstm(r))
    assert a.shape == c.shape == (5, 10, 7) and y.shape == (2, 10, 7)
    assert np.isclose(a[4][3][6], 0.172117767533)
    assert np.isclose(y[1][4][3], 0.95087346185)
    assert np.isclose(c[1][2][1], -0.855544916718)
    np.testing.assert_allclose(
        caches[1][1][1],
        [0.82797464, 0.23009474, 0.76201118, -0.22232814, -0.20075807, 0.18656139, 0.41005165],
        atol=1e-8,
    )


def test_rnn_backward_course_values():
    r, xt, a_prev, p = _course_rnn((3, 10), order=("Wax", "Waa", "Wya", "ba", "by"))
    _, _, cache = rnn_cell_forward(xt, a_prev, p)
    g = rnn_cell_backward(r.randn(5, 10), cache)
    assert np.isclose(g["dxt"][1][2], -1.3872130506)
    assert np.isclose(g["da_prev"][2][3], -0.152399493774)
    assert np.isclose(g["dWax"][3][1], 0.410772824935)
    assert np.isclose(g["dWaa"][1][2], 1.15034506685)
    assert np.isclose(g["dba"][4, 0], 0.20023491)

    r, x, a0, p = _course_rnn((3, 10, 4), order=("Wax", "Waa", "Wya", "ba", "by"))
    _, _, caches = rnn_forward(x, a0, p)
    g = rnn_backward(r.randn(5, 10, 4), caches)
    np.testing.assert_allclose(
        g["dx"][1][2], [-2.07101689, -0.59255627, 0.02466855, 0.01483317], atol=1e-8
    )
    assert np.isclose(g["da0"][2][3], -0.314942375127)
    assert np.isclose(g["dWax"][3][1], 11.2641044965)
    assert np.isclose(g["dWaa"][1][2], 2.30333312658)
    assert np.isclose(g["dba"][4, 0], -0.74747722)


def test_lstm_backward_course_values_with_da_padded():
    """The course's test runs 7 steps forward but passes da for 4; its loop then runs over the
    first 4 caches. The same numbers come out here with da zero for the last 3 steps."""
    r = np.random.RandomState(1)
    x, a0 = r.randn(3, 10, 7), r.randn(5, 10)
    _, _, _, caches = lstm_forward(x, a0, _course_lstm(r, zero_output=True))
    da = np.concatenate([r.randn(5, 10, 4), np.zeros((5, 10, 3))], axis=2)
    g = lstm_backward(da, caches)
    np.testing.assert_allclose(
        g["dx"][1][2][:4], [0.00218254, 0.28205375, -0.48292508, -0.43281115], atol=1e-8
    )
    expected = {
        ("da0", (2, 3)): 0.312770310257,
        ("dWf", (3, 1)): -0.0809802310938,
        ("dWi", (1, 2)): 0.40512433093,
        ("dWc", (3, 1)): -0.0793746735512,
        ("dWo", (1, 2)): 0.038948775763,
        ("dbf", (4, 0)): -0.15745657,
        ("dbi", (4, 0)): -0.50848333,
        ("dbc", (4, 0)): -0.42510818,
        ("dbo", (4, 0)): -0.17958196,
    }
    for (key, index), value in expected.items():
        assert np.isclose(g[key][index], value, atol=1e-8), key


def test_hand_computed_one_unit_rnn():
    """n_x = n_a = m = 1, two steps, worked out by hand."""
    p = {
        "Wax": [[0.5]],
        "Waa": [[2.0]],
        "ba": [[0.1]],
        "Wya": [[1.0], [-1.0]],
        "by": [[0.0], [0.0]],
    }
    x = np.array([1.0, -1.0]).reshape(1, 1, 2)
    a, y, caches = rnn_forward(x, np.array([[0.2]]), p)
    a1 = np.tanh(2.0 * 0.2 + 0.5 * 1.0 + 0.1)  # tanh(1.0)
    a2 = np.tanh(2.0 * a1 + 0.5 * -1.0 + 0.1)
    np.testing.assert_allclose(a[0, 0], [a1, a2])
    np.testing.assert_allclose(y[0, 0], 1 / (1 + np.exp(-2 * a[0, 0])))  # softmax of (a, -a)
    g = rnn_backward(np.array([0.0, 1.0]).reshape(1, 1, 2), caches)  # L = a2
    d2 = 1 - a2**2
    assert np.isclose(g["da0"][0, 0], d2 * 2.0 * (1 - a1**2) * 2.0)
    assert np.isclose(g["dWaa"][0, 0], d2 * a1 + d2 * 2.0 * (1 - a1**2) * 0.2)
    assert np.isclose(g["dba"][0, 0], d2 + d2 * 2.0 * (1 - a1**2))


# --- the fast LSTM == the course's loop ---------------------------------------------


@pytest.mark.parametrize("m, T_x", [(1, 1), (3, 5), (4, 2)])
def test_lstm_fast_equals_the_course_loop(m, T_x, rng):
    p = _random_params("lstm", rng)
    x, a0 = rng.standard_normal((N_X, m, T_x)), rng.standard_normal((N_A, m))
    fast = lstm_forward(x, a0, p)
    loops = rnn._lstm_forward_loops(x, a0, p)
    for name, f, s in zip(("a", "y", "c"), fast[:3], loops[:3]):
        np.testing.assert_allclose(f, s, rtol=1e-12, atol=1e-13, err_msg=name)
    for cf, cs in zip(fast[3][0], loops[3][0]):
        for u, v in zip(cf[:-1], cs[:-1]):
            np.testing.assert_allclose(u, v, rtol=1e-12, atol=1e-13)
    da = rng.standard_normal((N_A, m, T_x))
    g, g_loops = lstm_backward(da, fast[3]), rnn._lstm_backward_loops(da, loops[3])
    assert (
        set(g) == set(g_loops) == {"dx", "da0"} | {f"{p}{g}" for p in ("dW", "db") for g in "fico"}
    )
    for k in g:
        np.testing.assert_allclose(g[k], g_loops[k], rtol=1e-10, atol=1e-12, err_msg=k)


# --- finite differences ---------------------------------------------------------------


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_cell_backward_matches_finite_differences(cell, rng):
    p = _random_params(cell, rng)
    xt, a_prev = rng.standard_normal((N_X, M)), rng.standard_normal((N_A, M))
    c_prev = rng.standard_normal((N_A, M))
    da_next, dc_next = rng.standard_normal((N_A, M)), rng.standard_normal((N_A, M))
    if cell == "rnn":
        _, _, cache = rnn_cell_forward(xt, a_prev, p)
        g = rnn_cell_backward(da_next, cache)

        def L():
            return np.sum(da_next * rnn_cell_forward(xt, a_prev, p)[0])
    elif cell == "gru":
        _, _, cache = gru_cell_forward(xt, a_prev, p)
        g = gru_cell_backward(da_next, cache)

        def L():
            return np.sum(da_next * gru_cell_forward(xt, a_prev, p)[0])
    else:
        _, _, _, cache = lstm_cell_forward(xt, a_prev, c_prev, p)
        g = lstm_cell_backward(da_next, dc_next, cache)

        def L():
            a_next, c_next, _, _ = lstm_cell_forward(xt, a_prev, c_prev, p)
            return np.sum(da_next * a_next) + np.sum(dc_next * c_next)

        _assert_grad(g["dc_prev"], L, c_prev, "dc_prev")
    _assert_grad(g["dxt"], L, xt, "dxt")
    _assert_grad(g["da_prev"], L, a_prev, "da_prev")
    for key in rnn._KEYS[cell]:
        if key in ("Wya", "Wy", "by"):  # the output layer is not part of the course's backward
            assert "d" + key not in g
            continue
        _assert_grad(g["d" + key], L, p[key], f"{cell}: d{key}")


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_sequence_backward_matches_finite_differences(cell, rng):
    forward = {"rnn": rnn_forward, "lstm": lstm_forward, "gru": gru_forward}[cell]
    backward = {"rnn": rnn_backward, "lstm": lstm_backward, "gru": gru_backward}[cell]
    p = _random_params(cell, rng)
    x, a0 = rng.standard_normal((N_X, M, T)), rng.standard_normal((N_A, M))
    da = rng.standard_normal((N_A, M, T))

    def L():  # the loss whose direct gradients are da
        return np.sum(da * forward(x, a0, p)[0])

    g = backward(da, forward(x, a0, p)[-1])
    errors = [_assert_grad(g["dx"], L, x, "dx"), _assert_grad(g["da0"], L, a0, "da0")]
    for key in rnn._KEYS[cell]:
        if key not in ("Wya", "Wy", "by"):
            errors.append(_assert_grad(g["d" + key], L, p[key], f"{cell}: d{key}"))
    assert max(errors) < TOL


# --- bad input: one clear ValueError each ---------------------------------------------------


@pytest.fixture
def lstm_case(rng):
    p = _random_params("lstm", rng)
    return p, rng.standard_normal((N_X, M, T)), rng.standard_normal((N_A, M))


def test_mismatched_n_x(lstm_case):
    p, x, a0 = lstm_case
    with pytest.raises(ValueError, match=r"x has 2 rows \(n_x\) but the parameters expect n_x = 3"):
        lstm_forward(x[:2], a0, p)
    with pytest.raises(
        ValueError,
        match=r"xt has 4 rows but the parameters expect n_x = 3 .*Wax has shape \(4, 3\)",
    ):
        rnn_cell_forward(np.ones((4, M)), a0, _random_params("rnn", np.random.default_rng(0)))


def test_mismatched_n_a_and_m(lstm_case):
    p, x, a0 = lstm_case
    with pytest.raises(ValueError, match=r"a0 has 5 rows but the parameters have n_a = 4"):
        lstm_forward(x, np.ones((5, M)), p)
    with pytest.raises(
        ValueError, match=r"a_prev has 2 columns \(examples\) but the input has m = 3"
    ):
        gru_cell_forward(x[:, :, 0], a0[:, :2], _random_params("gru", np.random.default_rng(0)))
    bad = dict(p, Wi=p["Wi"][:, :-1])
    with pytest.raises(
        ValueError, match=r"parameters\['Wi'\] must have shape \(4, 7\), but it has shape \(4, 6\)"
    ):
        lstm_forward(x, a0, bad)


def test_missing_parameter_key_names_it_and_lists_the_keys(lstm_case):
    p, x, a0 = lstm_case
    p = {k: v for k, v in p.items() if k != "bo"}
    with pytest.raises(
        ValueError,
        match=r"no 'bo'; the LSTM cell needs the keys Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by",
    ):
        lstm_forward(x, a0, p)
    with pytest.raises(
        ValueError, match=r"no 'Waa'; the RNN cell needs the keys Wax, Waa, Wya, ba, by"
    ):
        rnn_cell_forward(x[:, :, 0], a0, {"Wax": np.ones((N_A, N_X))})


def test_c_prev_shape_must_match_a_prev(lstm_case):
    p, x, a0 = lstm_case
    with pytest.raises(
        ValueError,
        match=r"c_prev must have the shape of a_prev, \(n_a, m\) = \(4, 3\), but it has "
        r"shape \(4, 2\)",
    ):
        lstm_cell_forward(x[:, :, 0], a0, a0[:, :2], p)


def test_da_shape_must_match_the_forward_pass(lstm_case, rng):
    p, x, a0 = lstm_case
    _, _, _, caches = lstm_forward(x, a0, p)
    with pytest.raises(
        ValueError,
        match=r"da must have the shape of the hidden states a from lstm_forward, "
        r"\(n_a, m, T_x\) = \(4, 3, 5\), but it has shape \(4, 3, 4\)",
    ):
        lstm_backward(np.ones((N_A, M, T - 1)), caches)
    _, _, cache = rnn_cell_forward(x[:, :, 0], a0, _random_params("rnn", rng))
    with pytest.raises(
        ValueError,
        match=r"da_next must have the shape of a_next .* \(4, 3\), but it has shape \(3, 4\)",
    ):
        rnn_cell_backward(np.ones((M, N_A)), cache)
    _, _, _, cache = lstm_cell_forward(x[:, :, 0], a0, a0, p)
    with pytest.raises(ValueError, match=r"dc_next must have the shape of c_next"):
        lstm_cell_backward(np.ones((N_A, M)), np.ones((N_A, 1)), cache)
    with pytest.raises(
        ValueError, match=r"caches must be the pair \(list of caches, x\) that rnn_forward returns"
    ):
        rnn_backward(np.ones((N_A, M, T)), caches[0])


def test_two_d_x_where_three_d_is_expected(lstm_case):
    p, x, a0 = lstm_case
    with pytest.raises(
        ValueError,
        match=r"x must be a 3-D array \(n_x, m, T_x\), but it has shape \(3, 3\)\. "
        r"For one time step",
    ):
        lstm_forward(x[:, :, 0], a0, p)
    with pytest.raises(
        ValueError,
        match=r"xt must be a 2-D array \(n_x, m\), but it has shape \(3, 3, 5\) "
        r"\(for a whole sequence",
    ):
        lstm_cell_forward(x, a0, a0, p)


def test_wrong_types_and_caches(lstm_case):
    p, x, a0 = lstm_case
    with pytest.raises(TypeError, match=r"parameters must be a dict with keys Wf, bf"):
        lstm_forward(x, a0, [p])
    with pytest.raises(
        ValueError,
        match=r"cache must be the tuple \(a_next, a_prev, xt, parameters\) that "
        r"rnn_cell_forward returns, but a tuple of 3 entries",
    ):
        rnn_cell_backward(a0, (a0, a0, x[:, :, 0]))


# --- initialisers, Keras weights ------------------------------------------------------------


def test_initializers_shapes_and_seeds():
    state = np.random.get_state()[1].copy()
    p = initialize_lstm_parameters(5, 3, 2, seed=7, forget_bias=2.0)
    assert {k: v.shape for k, v in p.items()} == {
        **{f"W{g}": (5, 8) for g in "fico"},
        **{f"b{g}": (5, 1) for g in "fico"},
        "Wy": (2, 5),
        "by": (2, 1),
    }
    assert np.all(p["bf"] == 2.0) and not p["bi"].any()
    assert np.array_equal(
        initialize_lstm_parameters(5, 3, 2, seed=7, forget_bias=2.0)["Wc"], p["Wc"]
    )
    r = initialize_rnn_parameters(5, 3, 2, seed=7)
    assert r["Wax"].shape == (5, 3) and r["Waa"].shape == (5, 5) and r["Wya"].shape == (2, 5)
    assert abs(r["Waa"].std() * np.sqrt(5) - 1) < 0.5  # variance 1 / n_in
    g = initialize_gru_parameters(5, 3, 2, seed=7)
    assert set(g) == set(rnn.GRU_KEYS)
    assert np.array_equal(np.random.get_state()[1], state), "the global RNG was touched"
    with pytest.raises(ValueError, match="n_a must be positive"):
        initialize_rnn_parameters(0, 3, 2)


def test_to_keras_weights_shapes_and_gate_order(rng):
    p = _random_params("lstm", rng)
    kernel, recurrent, bias = to_keras_weights(p, "lstm")
    assert kernel.shape == (N_X, 4 * N_A) and recurrent.shape == (N_A, 4 * N_A)
    np.testing.assert_array_equal(kernel[:, :N_A], p["Wi"][:, N_A:].T)  # i first
    np.testing.assert_array_equal(recurrent[:, N_A : 2 * N_A], p["Wf"][:, :N_A].T)  # then f
    np.testing.assert_array_equal(bias[3 * N_A :], p["bo"][:, 0])  # o last
    g = _random_params("gru", rng)
    kernel, recurrent, bias = to_keras_weights(g, "gru")
    np.testing.assert_array_equal(kernel[:, :N_A], -g["Wu"][:, N_A:].T)  # Keras's z = 1 - Γu
    with pytest.raises(ValueError, match="unknown cell 'elman'"):
        to_keras_weights(p, "elman")


# --- the vanishing-gradient experiment -----------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_plain_rnn_gradients_vanish_much_faster_than_the_lstm(seed):
    T_steps = 50
    r = gradient_norms_through_time("rnn", T=T_steps, seed=seed)
    l = gradient_norms_through_time("lstm", T=T_steps, seed=seed)
    assert r.shape == l.shape == (T_steps,)
    r, l = r / r[-1], l / l[-1]  # relative to the gradient at the loss
    back30, back49 = -31, 0
    assert r[back30] < 1e-4 and r[back49] < 1e-7  # the RNN: gone after 30 steps
    assert l[back30] > 1e-3 and l[back49] > 1e-4  # the LSTM keeps a usable share
    assert l[back49] / r[back49] > 1e3  # margin: over three orders of magnitude
    assert np.all(np.diff(np.log(r)) > 0)  # the RNN's shrinks at every step back


def test_lstm_needs_its_forget_gate_open():
    """With b_f = 0 the forget gate starts half shut and the LSTM's gradient vanishes too."""
    shut = gradient_norms_through_time("lstm", T=50, seed=0, forget_bias=0.0)
    open_ = gradient_norms_through_time("lstm", T=50, seed=0, forget_bias=1.0)
    assert (shut[0] / shut[-1]) * 1e3 < open_[0] / open_[-1]


def test_gradient_norms_bad_input():
    with pytest.raises(ValueError, match="unknown cell 'gru'"):
        gradient_norms_through_time("gru")
    with pytest.raises(TypeError, match="seed must be an int"):
        gradient_norms_through_time("rnn", seed=None)


def test_plots_draw():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = rnn.plot_gradient_norms_through_time(
        {
            "RNN": gradient_norms_through_time("rnn", T=10),
            "LSTM": gradient_norms_through_time("lstm", T=10),
        }
    )
    assert len(ax.lines) == 2 and ax.get_yscale() == "log"
    assert ax.lines[0].get_xdata()[-1] == 0  # the loss's step at 0 steps back
    with pytest.raises(ValueError, match="non-empty dict"):
        rnn.plot_gradient_norms_through_time([])
    ax = rnn.plot_unrolled_rnn(3)
    assert sum("RNN cell" in t.get_text() for t in ax.texts) == 3
    plt.close("all")


@pytest.mark.parametrize(
    ("cell", "gates"),
    [
        ("lstm", ("forget", "update", "candidate", "output")),
        ("gru", ("relevance", "candidate", "update")),
    ],
)
def test_gate_diagram_draws_each_gate_once(cell, gates):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = rnn.plot_gated_cell(cell)
    first_lines = [t.get_text().split("\n")[0] for t in ax.texts]
    for gate in gates:
        assert first_lines.count(gate) == 1, (cell, gate)
    assert (
        sum(line.startswith(("forget", "output")) for line in first_lines) == (cell == "lstm") * 2
    )
    plt.close("all")


def test_gate_diagram_bad_cell():
    with pytest.raises(ValueError, match=r"plot_gated_cell: unknown cell 'rnn'; expected one of"):
        rnn.plot_gated_cell("rnn")
