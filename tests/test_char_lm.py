"""dl_notes.char_lm: the course's numbers, gradients (finite differences and TensorFlow),
sampling, training, the quality measures, and bad input.

The course's own checks are reproduced where the course gives numbers: `sample_test`
(`np.random.seed(24)` parameters) and `optimize_test` (`np.random.seed(1)`). The draws of the
course's global generator are made here with `np.random.RandomState` of the same seed, which
gives the same numbers.
"""

import math

import numpy as np
import pytest

from dl_notes import char_lm as cl
from tests.gradcheck import TOL, numerical_gradient, rel_error

VOCAB = "\nabcdefghijklmnopqrstuvwxyz"
CHAR_TO_IX = {ch: i for i, ch in enumerate(VOCAB)}
IX_TO_CHAR = dict(enumerate(VOCAB))
KEYS = ("Wax", "Waa", "Wya", "b", "by")
CORPUS = ["anna", "bob", "carla", "dan", "ella", "frank", "gina", "hal", "ida", "jon"] * 3


def _random_parameters(rng, n_a=6, V=27, scale=0.5):
    return {
        "Wax": rng.standard_normal((n_a, V)) * scale,
        "Waa": rng.standard_normal((n_a, n_a)) * scale,
        "Wya": rng.standard_normal((V, n_a)) * scale,
        "b": rng.standard_normal((n_a, 1)) * scale,
        "by": rng.standard_normal((V, 1)) * scale,
    }


def _global_state():
    return np.random.get_state()[1].copy()


# --- the course's own checks ------------------------------------------------------------


def test_sample_matches_the_course_test():
    random = np.random.RandomState(24)  # sample_test: np.random.seed(24)
    n_a, V = 100, 27
    Wax, Waa, Wya = random.randn(n_a, V), random.randn(n_a, n_a), random.randn(V, n_a)
    b, by = random.randn(n_a, 1), random.randn(V, 1)
    parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}
    state = _global_state()
    indices = cl.sample(parameters, CHAR_TO_IX, 0)
    assert np.array_equal(np.random.get_state()[1], state), "the global generator was touched"
    assert indices[:6] == [23, 16, 26, 26, 24, 3]  # the course's expected values
    assert len(indices) < 52 and indices[-1] == CHAR_TO_IX["\n"]
    assert min(indices) >= 0 and max(indices) < 27
    # temperature 1 is the course's sampling
    assert cl.sample(parameters, CHAR_TO_IX, 0, temperature=1.0) == indices


def _course_optimize_inputs():
    random = np.random.RandomState(1)  # optimize_test: np.random.seed(1)
    n_a, V = 100, 27
    a_prev = random.randn(n_a, 1)
    Wax, Waa, Wya = random.randn(n_a, V), random.randn(n_a, n_a), random.randn(V, n_a)
    b, by = random.randn(n_a, 1), random.randn(V, 1)
    parameters = {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}
    return [12, 3, 5, 11, 22, 3], [4, 14, 11, 22, 25, 26], a_prev, parameters


def test_optimize_matches_the_course_test():
    X, Y, a_prev, parameters = _course_optimize_inputs()
    old = {k: v.copy() for k, v in parameters.items()}
    loss, gradients, a_last = cl.optimize(X, Y, a_prev, parameters, learning_rate=0.01)
    assert np.isclose(loss, 126.5039757)  # the course's expected values
    assert np.allclose(gradients["dWaa"][1, 2], 0.1947093)
    assert np.allclose(gradients["dWya"][1, 2], -0.007773876)
    assert set(gradients) == {"dWax", "dWaa", "dWya", "db", "dby"}
    for g in gradients.values():
        assert g.min() >= -5 and g.max() <= 5
    # the update is W - 0.01 dW with the clipped gradients, in place
    for k in KEYS:
        np.testing.assert_allclose(parameters[k], old[k] - 0.01 * gradients["d" + k], rtol=1e-12)
    # a_last is the last hidden state of the forward pass on the old parameters
    _, cache = cl.rnn_forward(X, Y, a_prev, old)
    np.testing.assert_allclose(a_last, cache[1][len(X) - 1], rtol=1e-12)


def test_clip_matches_the_course_test_and_leaves_its_input_alone():
    random = np.random.RandomState(3)  # clip_test: np.random.seed(3)
    gradients = {
        "dWax": random.randn(5, 3) * 10,
        "dWaa": random.randn(5, 5) * 10,
        "dWya": random.randn(2, 5) * 10,
        "db": random.randn(5, 1) * 10,
        "dby": random.randn(2, 1) * 10,
    }
    before = {k: v.copy() for k, v in gradients.items()}
    for m_value in (10, 5):
        clipped = cl.clip(gradients, m_value)
        for key, value in gradients.items():
            assert clipped[key].min() >= -m_value and clipped[key].max() <= m_value
            inside = np.abs(value) <= m_value
            assert np.array_equal(clipped[key][inside], value[inside])
            assert np.array_equal(clipped[key][~inside], np.sign(value[~inside]) * m_value)
            assert np.array_equal(value, before[key]), "clip changed its input"
    # rnn_backward's da_next is accepted and dropped, as in the course
    with_da = dict(gradients, da_next=np.ones((5, 1)) * 100)
    assert set(cl.clip(with_da, 5)) == set(gradients)


# --- hand-computed helpers ------------------------------------------------------------


def test_small_helpers_by_hand():
    assert math.isclose(cl.get_initial_loss(27, 7), 7 * math.log(27))
    assert cl.get_initial_loss(27, 0) == 0
    assert math.isclose(cl.smooth(10.0, 20.0), 10.01)
    np.testing.assert_allclose(cl.softmax(np.array([[0.0], [np.log(3.0)]])), [[0.25], [0.75]])
    assert cl.get_sample([2, 1, 18, 1, 0], IX_TO_CHAR) == "Bara\n"


def test_initialize_parameters_is_the_course_draw_without_the_global_generator():
    state = _global_state()
    parameters = cl.initialize_parameters(4, 27, 27)
    assert np.array_equal(np.random.get_state()[1], state)
    random = np.random.RandomState(1)  # the course: np.random.seed(1), then randn three times
    np.testing.assert_array_equal(parameters["Wax"], random.randn(4, 27) * 0.01)
    np.testing.assert_array_equal(parameters["Waa"], random.randn(4, 4) * 0.01)
    np.testing.assert_array_equal(parameters["Wya"], random.randn(27, 4) * 0.01)
    assert not parameters["b"].any() and parameters["b"].shape == (4, 1)
    assert not parameters["by"].any() and parameters["by"].shape == (27, 1)
    other = cl.initialize_parameters(4, 27, 27, seed=2)
    assert not np.array_equal(other["Wax"], parameters["Wax"])


def test_rnn_step_forward_by_hand_and_over_a_batch(rng):
    parameters = _random_parameters(rng)
    a_prev = rng.standard_normal((6, 3))
    x = np.zeros((27, 3))
    x[[1, 5, 0], [0, 1, 2]] = 1
    a_next, p = cl.rnn_step_forward(parameters, a_prev, x)
    expected_a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a_prev + parameters["b"])
    np.testing.assert_allclose(a_next, expected_a, rtol=1e-12)
    z = parameters["Wya"] @ expected_a + parameters["by"]
    np.testing.assert_allclose(p, np.exp(z) / np.exp(z).sum(axis=0), rtol=1e-12)
    for i in range(3):  # each column is the course's single-example step
        a_i, p_i = cl.rnn_step_forward(parameters, a_prev[:, i : i + 1], x[:, i : i + 1])
        np.testing.assert_allclose(a_i[:, 0], a_next[:, i], rtol=1e-12)
        np.testing.assert_allclose(p_i[:, 0], p[:, i], rtol=1e-12)


def test_rnn_forward_loss_is_the_sum_of_minus_log_probabilities(rng):
    parameters = _random_parameters(rng)
    X, Y = [None, 3, 1, 18], [3, 1, 18, 0]
    a0 = rng.standard_normal((6, 1))
    loss, (y_hat, a, x) = cl.rnn_forward(X, Y, a0, parameters)
    assert set(y_hat) == {0, 1, 2, 3} and set(a) == {-1, 0, 1, 2, 3}
    assert not x[0].any() and x[1][3, 0] == 1 and x[1].sum() == 1
    assert math.isclose(loss, -sum(math.log(y_hat[t][Y[t], 0]) for t in range(4)), rel_tol=1e-12)
    # step by step with rnn_step_forward
    state = a0
    for t in range(4):
        state, p = cl.rnn_step_forward(parameters, state, x[t])
        np.testing.assert_allclose(p, y_hat[t], rtol=1e-12)
    # zero weights: every character has probability 1/27, so the loss is T log 27
    zeros = {k: np.zeros_like(v) for k, v in parameters.items()}
    assert math.isclose(cl.rnn_forward(X, Y, a0, zeros)[0], 4 * math.log(27), rel_tol=1e-12)


# --- gradients ----------------------------------------------------------------------------


def _loss_fn(X, Y, a0, parameters):
    return lambda: cl.rnn_forward(X, Y, a0, parameters)[0]


@pytest.mark.parametrize("X, Y", [([None, 3, 1, 18, 1], [3, 1, 18, 1, 0]), ([None], [0])])
def test_rnn_backward_against_finite_differences(rng, X, Y):
    parameters = _random_parameters(rng)
    a0 = rng.standard_normal((6, 1)) * 0.5
    loss, cache = cl.rnn_forward(X, Y, a0, parameters)
    gradients, a = cl.rnn_backward(X, Y, parameters, cache)
    assert a is cache[1]
    J = _loss_fn(X, Y, a0, parameters)
    for key in KEYS:
        err = rel_error(gradients["d" + key], numerical_gradient(J, parameters[key]))
        assert err < TOL, f"d{key}: relative error {err:.1e}"
    # da_next, after the last step back, is the gradient with respect to a0
    err = rel_error(gradients["da_next"], numerical_gradient(J, a0))
    assert err < TOL, f"da0: relative error {err:.1e}"


def _tf_loss(tf, X, Y, Wax, Waa, Wya, b, by, a0):
    """The loss of one name, written separately in TensorFlow (log_softmax, one_hot)."""
    V = Wax.shape[1]
    a = a0
    loss = tf.constant(0.0, tf.float64)
    for x_t, y_t in zip(X, Y):
        x = tf.zeros((V, 1), tf.float64) if x_t is None else tf.one_hot([x_t], V, dtype=tf.float64)
        x = tf.reshape(x, (V, 1))
        a = tf.tanh(tf.matmul(Wax, x) + tf.matmul(Waa, a) + b)
        logits = tf.matmul(Wya, a) + by
        loss -= tf.nn.log_softmax(logits, axis=0)[y_t, 0]
    return loss


@pytest.mark.slow
def test_rnn_forward_and_backward_against_tensorflow(tf, rng):
    from tests.gradcheck import tf_gradients

    parameters = _random_parameters(rng)
    a0 = rng.standard_normal((6, 1)) * 0.5
    X, Y = [None, 3, 1, 18, 1, 3, 5], [3, 1, 18, 1, 3, 5, 0]
    loss, cache = cl.rnn_forward(X, Y, a0, parameters)
    gradients, _ = cl.rnn_backward(X, Y, parameters, cache)
    arrays = dict(parameters, a0=a0)
    tf_loss = _tf_loss(tf, X, Y, *(tf.constant(arrays[k]) for k in (*KEYS, "a0")))
    assert math.isclose(loss, float(tf_loss), rel_tol=1e-12)
    ref = tf_gradients(lambda **t: _tf_loss(tf, X, Y, *(t[k] for k in (*KEYS, "a0"))), arrays)
    for key in KEYS:
        err = rel_error(gradients["d" + key], ref[key])
        assert err < 1e-10, f"d{key} vs TensorFlow: relative error {err:.1e}"
    assert rel_error(gradients["da_next"], ref["a0"]) < 1e-10


def test_rnn_step_backward_adds_to_the_gradients_in_place(rng):
    parameters = _random_parameters(rng)
    X, Y = [None, 4], [4, 0]
    _, (y_hat, a, x) = cl.rnn_forward(X, Y, np.zeros((6, 1)), parameters)
    gradients = {"d" + k: np.zeros_like(v) for k, v in parameters.items()}
    gradients["da_next"] = np.zeros((6, 1))
    dy = y_hat[1].copy()
    dy[0] -= 1
    out = cl.rnn_step_backward(dy, gradients, parameters, x[1], a[1], a[0])
    assert out is gradients
    np.testing.assert_allclose(gradients["dWya"], dy @ a[1].T)
    np.testing.assert_allclose(gradients["dby"], dy)
    daraw = (1 - a[1] ** 2) * (parameters["Wya"].T @ dy)
    np.testing.assert_allclose(gradients["da_next"], parameters["Waa"].T @ daraw)


def test_update_parameters_in_place(rng):
    parameters = _random_parameters(rng)
    old = {k: v.copy() for k, v in parameters.items()}
    gradients = {"d" + k: rng.standard_normal(v.shape) for k, v in parameters.items()}
    out = cl.update_parameters(parameters, gradients, 0.1)
    assert out is parameters
    for k in KEYS:
        np.testing.assert_allclose(parameters[k], old[k] - 0.1 * gradients["d" + k])


# --- sampling -------------------------------------------------------------------------------


def _never_ends(rng):
    parameters = _random_parameters(rng, scale=0.1)
    parameters["by"][0] = -1e3  # the newline is (almost) never drawn
    return parameters


def test_sample_stops_after_50_characters(rng):
    indices = cl.sample(_never_ends(rng), CHAR_TO_IX, 3)
    assert len(indices) == 51 and indices[-1] == 0 and 0 not in indices[:-1]
    names = cl.sample_names(_never_ends(rng), CHAR_TO_IX, 5)
    assert all(len(name) == 50 for name in names)


def test_sample_names_follows_the_model(rng):
    # zero weights: the first letter is drawn from softmax(by); with by favouring 'q' and
    # newline equally, half the names are '' and the others start with 'q'
    parameters = {k: np.zeros_like(v) for k, v in _random_parameters(rng).items()}
    parameters["by"][[0, 17]] = 20.0
    names = cl.sample_names(parameters, CHAR_TO_IX, 4000, seed=0)
    assert set(names) <= {""} | {"q" * k for k in range(1, 51)}
    assert abs(names.count("") / 4000 - 0.5) < 0.03
    state = _global_state()
    assert cl.sample_names(parameters, CHAR_TO_IX, 50, seed=1) == cl.sample_names(
        parameters, CHAR_TO_IX, 50, seed=1
    )
    assert np.array_equal(np.random.get_state()[1], state)


def test_temperature(rng):
    parameters = _random_parameters(rng, scale=1.0)
    p1 = cl.next_char_probabilities(parameters, CHAR_TO_IX, "an")
    assert math.isclose(p1.sum(), 1.0)
    # the same distribution as the forward pass gives at that step
    _, (y_hat, _, _) = cl.rnn_forward([None, 1, 14], [1, 14, 0], np.zeros((6, 1)), parameters)
    np.testing.assert_allclose(p1, y_hat[2][:, 0], rtol=1e-12)

    def entropy(p):
        return -(p * np.log(p)).sum()

    cold = cl.next_char_probabilities(parameters, CHAR_TO_IX, "an", temperature=0.5)
    hot = cl.next_char_probabilities(parameters, CHAR_TO_IX, "an", temperature=2.0)
    assert entropy(cold) < entropy(p1) < entropy(hot)
    np.testing.assert_allclose(cold, p1**2 / (p1**2).sum(), rtol=1e-10)  # softmax(z / 0.5)
    # very cold sampling always takes the most likely character
    first = cl.sample(parameters, CHAR_TO_IX, 0, temperature=1e-3)[0]
    assert first == int(np.argmax(cl.next_char_probabilities(parameters, CHAR_TO_IX, "")))


def test_plot_temperatures(rng):
    import matplotlib

    matplotlib.use("Agg")
    ax = cl.plot_temperatures(_random_parameters(rng), CHAR_TO_IX, temperatures=(0.5, 1.0))
    assert len(ax.patches) == 2 * 27
    assert "first character" in ax.get_title()


# --- the quality measures -----------------------------------------------------------------


def test_perplexity_by_hand(rng):
    zeros = {k: np.zeros_like(v) for k, v in _random_parameters(rng).items()}
    assert math.isclose(cl.perplexity(zeros, ["ab", "c"], CHAR_TO_IX), 27.0, rel_tol=1e-12)
    # the exponential of the course's rnn_forward losses, each name from a zero state
    parameters = _random_parameters(rng)
    names = ["anna", "bo", "x"]
    total, count = 0.0, 0
    for name in names:
        X = [None] + [CHAR_TO_IX[c] for c in name]
        loss, _ = cl.rnn_forward(X, X[1:] + [0], np.zeros((6, 1)), parameters)
        total, count = total + loss, count + len(X)
    expected = math.exp(total / count)
    assert math.isclose(cl.perplexity(parameters, names, CHAR_TO_IX), expected, rel_tol=1e-12)


def test_sample_quality_by_hand():
    quality = cl.sample_quality(["ab", "aba", "bb", ""], ["ab", "ba"])
    # 'ab' is a training name; 'aba' is new and uses only \na, ab, ba, a\n (all seen);
    # 'bb' has the unseen pair 'bb'; '' is the unseen pair '\n\n'
    assert quality == {
        "new": 0.75,
        "plausible": 0.5,
        "new_and_plausible": 0.25,
        "distinct": 1.0,
        "mean_length": 7 / 4,
    }
    assert cl.sample_quality(["ab", "ab"], ["ab"])["distinct"] == 0.5


# --- training -------------------------------------------------------------------------------


def test_model_prints_like_the_course_and_equals_train_char_lm(capsys):
    state = _global_state()
    parameters, last = cl.model(CORPUS, IX_TO_CHAR, CHAR_TO_IX, 1500, n_a=8, dino_names=3)
    assert np.array_equal(np.random.get_state()[1], state)
    out = capsys.readouterr().out
    assert "Iteration: 1000, Loss:" in out and "Iteration: 2000" not in out
    assert last[0].isupper() and last.endswith("\n")
    history = cl.train_char_lm(CORPUS, CHAR_TO_IX, 1500, n_a=8, sample_every=1000, n_samples=3)
    for k in KEYS:
        np.testing.assert_array_equal(history["parameters"][k], parameters[k])
    # the last name model printed is train_char_lm's last sample
    assert last.strip().lower() == history["samples"][1000][-1]
    assert history["loss"].shape == history["raw_loss"].shape == (1500,)
    # the smoothing starts from get_initial_loss(vocab_size, dino_names), as in the course
    first = 0.999 * 3 * math.log(27) + 0.001 * history["raw_loss"][0]
    assert math.isclose(history["loss"][0], first) and f"Iteration: 0, Loss: {first:f}" in out
    assert sorted(history["samples"]) == sorted(history["checkpoints"]) == [0, 1000]
    cl.model(CORPUS, IX_TO_CHAR, CHAR_TO_IX, 2, n_a=4, dino_names=0, verbose=True)
    verbose = capsys.readouterr().out
    assert "single_example_ix" in verbose and " X =  [None," in verbose


def test_training_lowers_the_loss_and_the_perplexity():
    history = cl.train_char_lm(CORPUS, CHAR_TO_IX, 3000, n_a=16, sample_every=1000)
    loss = history["raw_loss"]
    assert loss[-300:].mean() < 0.5 * loss[:300].mean()
    assert history["loss"][-1] < history["loss"][0]
    first = cl.perplexity(history["checkpoints"][0], CORPUS, CHAR_TO_IX)
    last = cl.perplexity(history["parameters"], CORPUS, CHAR_TO_IX)
    assert first > 25 and last < 5


@pytest.mark.slow
def test_training_on_names_makes_new_plausible_names():
    pytest.importorskip("faker")
    from dl_notes.data.names import load_names

    train, test = load_names("train"), load_names("test")
    history = cl.train_char_lm(train, CHAR_TO_IX, 4000, n_a=20, sample_every=4000)
    untrained, trained = history["checkpoints"][0], history["parameters"]
    assert abs(cl.perplexity(untrained, test, CHAR_TO_IX) - 27) < 0.2  # about uniform
    assert cl.perplexity(trained, test, CHAR_TO_IX) < 16  # measured 13.9
    before = cl.sample_quality(cl.sample_names(untrained, CHAR_TO_IX, 300), train)
    after = cl.sample_quality(cl.sample_names(trained, CHAR_TO_IX, 300), train)
    assert before["new_and_plausible"] < 0.15 and after["new_and_plausible"] > 0.45  # 0.09, 0.62


# --- bad input -------------------------------------------------------------------------------


def test_bad_parameters_and_sequences(rng):
    parameters = _random_parameters(rng)
    a0 = np.zeros((6, 1))
    X, Y = [None, 1], [1, 0]
    with pytest.raises(ValueError, match=r"rnn_forward: parameters has no 'by'; expected keys"):
        cl.rnn_forward(X, Y, a0, {k: v for k, v in parameters.items() if k != "by"})
    bad = dict(parameters, Waa=np.zeros((6, 5)))
    with pytest.raises(ValueError, match=r"parameters\['Waa'\] must have shape \(6, 6\)"):
        cl.rnn_forward(X, Y, a0, bad)
    with pytest.raises(TypeError, match=r"parameters\['b'\] must be a float NumPy array"):
        cl.rnn_forward(X, Y, a0, dict(parameters, b=[[0.0]] * 6))
    with pytest.raises(ValueError, match="vocab_size is 26 but Wax has 27 columns"):
        cl.rnn_forward(X, Y, a0, parameters, vocab_size=26)
    with pytest.raises(ValueError, match=r"X\[1\] must be a character index in 0..26"):
        cl.rnn_forward([None, 27], Y, a0, parameters)
    with pytest.raises(ValueError, match=r"Y\[0\] must be a character index in 0..26, but None"):
        cl.rnn_forward(X, [None, 0], a0, parameters)
    with pytest.raises(ValueError, match="X and Y must have the same length"):
        cl.rnn_forward(X, [1], a0, parameters)
    with pytest.raises(ValueError, match=r"a0 must have shape \(6, 1\)"):
        cl.rnn_forward(X, Y, np.zeros((5, 1)), parameters)
    with pytest.raises(ValueError, match=r"optimize: a_prev must have shape \(6, 1\)"):
        cl.optimize(X, Y, np.zeros((6, 2)), parameters)
    with pytest.raises(ValueError, match="optimize: learning_rate must be positive"):
        cl.optimize(X, Y, a0, parameters, learning_rate=-0.1)
    _, cache = cl.rnn_forward(X, Y, a0, parameters)
    with pytest.raises(ValueError, match="rnn_backward: the cache holds 2 steps but X has 3"):
        cl.rnn_backward([None, 1, 2], [1, 2, 0], parameters, cache)
    with pytest.raises(ValueError, match=r"rnn_step_forward: x must have shape \(27, m\)"):
        cl.rnn_step_forward(parameters, a0, np.zeros((26, 1)))


def test_bad_gradients(rng):
    gradients = {"d" + k: v for k, v in _random_parameters(rng).items()}
    with pytest.raises(ValueError, match=r"clip: gradients must have the keys .*missing \['dby'\]"):
        cl.clip({k: v for k, v in gradients.items() if k != "dby"}, 5)
    with pytest.raises(ValueError, match=r"unknown \['dW'\]"):
        cl.clip(dict(gradients, dW=np.zeros(1)), 5)
    with pytest.raises(ValueError, match="clip: maxValue must be positive, but -5 was given"):
        cl.clip(gradients, -5)
    with pytest.raises(TypeError, match="clip: maxValue must be a number"):
        cl.clip(gradients, "5")
    with pytest.raises(TypeError, match=r"gradients\['db'\] must be a float NumPy array"):
        cl.clip(dict(gradients, db=[1.0]), 5)
    parameters = _random_parameters(rng)
    with pytest.raises(ValueError, match=r"update_parameters: gradients\['dWaa'\] must have shape"):
        cl.update_parameters(parameters, dict(gradients, dWaa=np.zeros((2, 2))), 0.1)
    with pytest.raises(
        ValueError, match=r"rnn_step_backward: gradients must have the keys .*da_next"
    ):
        cl.rnn_step_backward(
            np.zeros((27, 1)), gradients, parameters, np.zeros((27, 1)), *[np.zeros((6, 1))] * 2
        )


def test_bad_sampling_and_training_input(rng):
    parameters = _random_parameters(rng)
    no_newline = {ch: i for ch, i in CHAR_TO_IX.items() if ch != "\n"}
    with pytest.raises(ValueError, match=r"sample: char_to_ix has no '\\n'"):
        cl.sample(parameters, no_newline, 0)
    with pytest.raises(ValueError, match="char_to_ix must map each character to a distinct index"):
        cl.sample(parameters, dict(CHAR_TO_IX, A=27), 0)
    with pytest.raises(ValueError, match="sample: temperature must be positive, but 0 was given"):
        cl.sample(parameters, CHAR_TO_IX, 0, temperature=0)
    with pytest.raises(TypeError, match="sample: seed must be an int"):
        cl.sample(parameters, CHAR_TO_IX, 0.5)
    wide = dict(parameters, Wax=np.zeros((6, 30)))
    with pytest.raises(ValueError, match=r"n_x \(columns of Wax, 30\) must equal n_y"):
        cl.sample(wide, CHAR_TO_IX, 0)
    with pytest.raises(ValueError, match=r"model: unknown character 'é' in data_x\[1\] \('josé'\)"):
        cl.model(["ana", "josé"], IX_TO_CHAR, CHAR_TO_IX, 10)
    with pytest.raises(ValueError, match="model: ix_to_char must be the inverse of char_to_ix"):
        cl.model(["ana"], {0: "a"}, CHAR_TO_IX, 10)
    with pytest.raises(ValueError, match="vocab_size is 30 but char_to_ix has 27 characters"):
        cl.model(["ana"], IX_TO_CHAR, CHAR_TO_IX, 10, vocab_size=30)
    with pytest.raises(ValueError, match="num_iterations must be at least 1, but 0 was given"):
        cl.model(["ana"], IX_TO_CHAR, CHAR_TO_IX, 0)
    with pytest.raises(TypeError, match="n_a must be a whole number"):
        cl.train_char_lm(["ana"], CHAR_TO_IX, 10, n_a=2.5)
    with pytest.raises(ValueError, match="train_char_lm: data_x is empty"):
        cl.train_char_lm([], CHAR_TO_IX, 10)
    with pytest.raises(ValueError, match=r"perplexity: unknown character 'A' in names\[0\]"):
        cl.perplexity(parameters, ["Anna"], CHAR_TO_IX)
    with pytest.raises(ValueError, match="sample_names: n must be at least 1"):
        cl.sample_names(parameters, CHAR_TO_IX, 0)
    with pytest.raises(TypeError, match="sample_quality: samples must be a list of str"):
        cl.sample_quality("abc", ["abc"])
    with pytest.raises(ValueError, match="sample_quality: training_names is empty"):
        cl.sample_quality(["abc"], [])
    with pytest.raises(ValueError, match="get_initial_loss: seq_length must be >= 0"):
        cl.get_initial_loss(27, -1)
    with pytest.raises(ValueError, match="get_sample: index 99 is not in ix_to_char"):
        cl.get_sample([99], IX_TO_CHAR)
