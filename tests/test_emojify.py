"""Course 5, W2A2: dl_notes.emojify, Emojifier-V1 (mean of word vectors + softmax) in NumPy."""

import numpy as np
import pytest

from dl_notes import emojify as em
from dl_notes.data.emojify import convert_to_one_hot
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients

WORDS = "i love you we play ball am happy sad not feeling food is ready eat".split()


@pytest.fixture
def word_to_vec_map():
    """A small fake vocabulary: random, non-symmetric 6-d vectors."""
    rng = np.random.default_rng(3)
    return {w: rng.standard_normal(6) for w in WORDS}


@pytest.fixture
def toy():
    """Sentences of the fake vocabulary, one class each (bag of words suffices)."""
    X = np.array(
        [
            "i love you",
            "we love you",
            "we play ball",
            "i play ball",
            "i am happy",
            "we am happy",
            "i am sad",
            "we am sad",
            "food is ready",
            "eat food",
        ]
    )
    Y = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
    return X, Y


# --- sentence_to_avg --------------------------------------------------------------------------


def test_sentence_to_avg_hand_computed():
    w2v = {"a": np.array([3.0, 0.0]), "b": np.array([0.0, 4.0]), "c": np.array([-1.0, 1.0])}
    assert em.sentence_to_avg("a b c", w2v).tolist() == [2 / 3, 5 / 3]
    assert em.sentence_to_avg("A a", w2v).tolist() == [3.0, 0.0]  # lower-cased, repeats count
    assert em.sentence_to_avg("a zzz c", w2v, unknown="skip").tolist() == [1.0, 0.5]
    assert em.sentence_to_avg("zzz", w2v, unknown="skip").tolist() == [0.0, 0.0]


def test_sentences_to_avg_matches_the_loop(word_to_vec_map, toy):
    X = np.concatenate([toy[0], ["not feeling happy", "i"]])
    avg = em.sentences_to_avg(X, word_to_vec_map)
    assert avg.shape == (12, 6)
    for s, row in zip(X, avg):
        np.testing.assert_allclose(row, em.sentence_to_avg(s, word_to_vec_map), rtol=1e-14)
    skipped = em.sentences_to_avg(np.array(["zzz", "i zzz"]), word_to_vec_map, unknown="skip")
    np.testing.assert_allclose(skipped, [np.zeros(6), word_to_vec_map["i"]])


def test_float16_vectors_are_averaged_in_float64():
    w2v = {"a": np.array([1.0, 2.0], np.float16), "b": np.array([2.0, 2.0], np.float16)}
    avg = em.sentences_to_avg(np.array(["a b"]), w2v)
    assert avg.dtype == np.float64 and avg.tolist() == [[1.5, 2.0]]


def test_unknown_word_is_named(word_to_vec_map):
    for call in (
        lambda: em.sentence_to_avg("i love pizza", word_to_vec_map),
        lambda: em.sentences_to_avg(np.array(["i love you", "i love pizza"]), word_to_vec_map),
    ):
        with pytest.raises(
            ValueError,
            match=(
                r"the word 'pizza' of the sentence 'i love pizza' is not in word_to_vec_map "
                r"\(15 words\)\. Rewrite .* unknown='skip'"
            ),
        ):
            call()


def test_sentence_bad_input(word_to_vec_map):
    with pytest.raises(ValueError, match=r"unknown 'ignore'; expected one of 'raise', 'skip'"):
        em.sentence_to_avg("i", word_to_vec_map, unknown="ignore")
    with pytest.raises(
        TypeError, match="word_to_vec_map must be a non-empty dict .* but an empty dict"
    ):
        em.sentence_to_avg("i", {})
    with pytest.raises(TypeError, match="but a list was given"):
        em.sentence_to_avg("i", [np.zeros(3)])
    with pytest.raises(
        ValueError,
        match=r"word_to_vec_map\['a'\] must be a 1-D vector \(n_h,\), but it has shape \(2, 2\)",
    ):
        em.sentence_to_avg("a", {"a": np.zeros((2, 2))})
    with pytest.raises(TypeError, match="each sentence must be a str, but a int was given"):
        em.sentence_to_avg(3, word_to_vec_map)
    with pytest.raises(
        ValueError,
        match=r"X must be a 1-D array of m sentences \(str\), shape \(m,\), "
        r"but it has shape \(2, 2\)",
    ):
        em.sentences_to_avg(np.array([["i", "we"], ["i", "we"]]), word_to_vec_map)
    with pytest.raises(ValueError, match=r"every vector of word_to_vec_map must have shape \(2,\)"):
        em.sentences_to_avg(np.array(["a b"]), {"a": np.zeros(2), "b": np.zeros(3)})


# --- the softmax layer's gradients --------------------------------------------------------------


def _softmax_problem(rng, m=5, n_h=6, n_y=4):
    avg = rng.standard_normal((m, n_h))
    Y_oh = convert_to_one_hot(rng.integers(0, n_y, m), n_y)
    W = rng.standard_normal((n_y, n_h)) * 0.7
    b = rng.standard_normal(n_y) * 0.3
    return avg, Y_oh, W, b


def test_softmax_gradients_finite_differences_and_tensorflow(rng, tf):
    avg, Y_oh, W, b = _softmax_problem(rng)
    cost, grads = em.softmax_cost_and_gradients(avg, Y_oh, W, b)

    def J():
        return em.softmax_cost_and_gradients(avg, Y_oh, W, b)[0]

    def J_tf(W, b):  # written independently: log-softmax of avg W^T + b, summed
        Z = tf.matmul(tf.constant(avg), W, transpose_b=True) + b
        return -tf.reduce_sum(tf.constant(Y_oh) * tf.nn.log_softmax(Z, axis=1))

    ref = tf_gradients(J_tf, {"W": W, "b": b})
    for key, x in (("W", W), ("b", b)):
        assert_close_grad(
            grads["d" + key], numerical_gradient(J, x), f"d{key} vs finite differences"
        )
        assert_close_grad(grads["d" + key], ref[key], f"d{key} vs TensorFlow")
    assert cost == pytest.approx(float(J_tf(tf.constant(W), tf.constant(b))), rel=1e-12)


def test_softmax_cost_hand_computed():
    """W = 0, b = 0: every class has probability 1/n_y, so J = m log n_y and dZ = 1/n_y - Y_oh."""
    avg = np.array([[1.0, 2.0], [3.0, -1.0]])
    Y_oh = np.array([[1.0, 0.0], [0.0, 1.0]])
    cost, grads = em.softmax_cost_and_gradients(avg, Y_oh, np.zeros((2, 2)), np.zeros(2))
    assert cost == pytest.approx(2 * np.log(2))
    # dZ = [[-0.5, 0.5], [0.5, -0.5]]; dW = dZ^T avg
    np.testing.assert_allclose(grads["dW"], [[1.0, -1.5], [-1.0, 1.5]])
    np.testing.assert_allclose(grads["db"], [0.0, 0.0])


def test_softmax_bad_input(rng):
    avg, Y_oh, W, b = _softmax_problem(rng)
    with pytest.raises(
        ValueError,
        match=r"W must have shape \(n_y, n_h\) = \(n_y, 6\), .* but it has shape \(4, 5\)",
    ):
        em.softmax_cost_and_gradients(avg, Y_oh, W[:, :5], b)
    with pytest.raises(
        ValueError, match=r"b must have shape \(4,\), but it has shape \(4, 1\); W has 4 rows"
    ):
        em.softmax_cost_and_gradients(avg, Y_oh, W, b[:, None])
    with pytest.raises(
        ValueError, match=r"Y_oh must have shape \(5, 4\), but it has shape \(4, 4\)"
    ):
        em.softmax_cost_and_gradients(avg, Y_oh[:4], W, b)
    with pytest.raises(
        ValueError, match=r"avg must be a 2-D array \(m, n_h\), but it has shape \(6,\)"
    ):
        em.softmax_cost_and_gradients(avg[0], Y_oh, W, b)


# --- model and predict --------------------------------------------------------------------------


def _manual_sgd(avg, Y, num_iterations, learning_rate, seed, accumulate):
    """The course's loop written out, with the course's global-seed draw done on a RandomState."""
    n_y, n_h = 5, avg.shape[1]
    W = np.random.RandomState(seed).randn(n_y, n_h) / np.sqrt(n_h)
    b = np.zeros(n_y)
    Y_oh = np.eye(n_y)[Y]
    for _ in range(num_iterations):
        dW, db = 0, 0
        for i in range(len(Y)):
            z = W @ avg[i] + b
            a = np.exp(z) / np.exp(z).sum()
            dz = a - Y_oh[i]
            g_W, g_b = np.outer(dz, avg[i]), dz
            dW, db = (dW + g_W, db + g_b) if accumulate else (g_W, g_b)
            W, b = W - learning_rate * dW, b - learning_rate * db
    return W, b


@pytest.mark.parametrize("accumulate", [False, True])
def test_model_is_the_course_loop(word_to_vec_map, toy, accumulate):
    X, Y = toy
    pred, W, b = em.model(
        X, Y, word_to_vec_map, learning_rate=0.05, num_iterations=3, accumulate=accumulate
    )
    W_ref, b_ref = _manual_sgd(em.sentences_to_avg(X, word_to_vec_map), Y, 3, 0.05, 1, accumulate)
    np.testing.assert_allclose(W, W_ref, rtol=1e-12)
    np.testing.assert_allclose(b, b_ref, rtol=1e-12, atol=1e-15)
    assert pred.shape == (10, 1) and pred.dtype == np.float64


def test_model_initial_draw_is_the_courses_and_leaves_the_global_generator_alone(
    word_to_vec_map, toy
):
    X, Y = toy
    state = np.random.get_state()
    _, W, _ = em.model(X, Y, word_to_vec_map, learning_rate=1e-300, num_iterations=1)
    after = np.random.get_state()
    assert np.array_equal(state[1], after[1]) and state[2:] == after[2:]
    np.random.seed(1)  # what the course's notebook does before calling model
    np.testing.assert_allclose(W, np.random.randn(5, 6) / np.sqrt(6))
    np.random.set_state(state)


def test_model_learns_and_predict_agrees(word_to_vec_map, toy, capsys):
    X, Y = toy
    pred, W, b = em.model(X, Y, word_to_vec_map, num_iterations=200, print_cost=True)
    printed = capsys.readouterr().out
    assert printed.startswith("Epoch: 0 --- cost = ") and "Epoch: 100 --- cost = " in printed
    assert np.mean(pred[:, 0] == Y) == 1.0
    again = em.predict(X, Y, W, b, word_to_vec_map)
    assert capsys.readouterr().out == "Accuracy: 1.0\n"
    np.testing.assert_array_equal(again, pred)
    quiet = em.predict(X, None, W, b, word_to_vec_map)
    assert capsys.readouterr().out == "" and np.array_equal(quiet, pred)
    # the same seed gives the same weights; another seed other weights
    _, W2, _ = em.model(X, Y, word_to_vec_map, num_iterations=200)
    _, W3, _ = em.model(X, Y, word_to_vec_map, num_iterations=200, seed=2)
    assert np.array_equal(W, W2) and not np.allclose(W, W3)


def test_averages_cannot_tell_word_order(word_to_vec_map):
    """The lab's lesson in one line: reordered words give the same vector, so the same emoji."""
    a = em.sentences_to_avg(np.array(["not feeling happy", "happy not feeling"]), word_to_vec_map)
    np.testing.assert_allclose(a[0], a[1], rtol=1e-14, atol=1e-15)


def test_model_bad_input(word_to_vec_map, toy):
    X, Y = toy
    with pytest.raises(
        ValueError,
        match=r"Y must hold one label per sentence, shape \(10,\) or \(10, 1\), "
        r"but it has shape \(9,\)",
    ):
        em.model(X, Y[:9], word_to_vec_map)
    with pytest.raises(ValueError, match=r"Y holds the label 4, but n_y=3 classes allow 0\.\.2"):
        em.model(X, Y, word_to_vec_map, n_y=3)
    with pytest.raises(ValueError, match=r"Y must hold class labels 0, 1, 2, \.\.\."):
        em.model(X, Y - 1, word_to_vec_map)
    with pytest.raises(ValueError, match="learning_rate must be positive, but -0.1 was given"):
        em.model(X, Y, word_to_vec_map, learning_rate=-0.1)
    with pytest.raises(TypeError, match="num_iterations must be a whole number"):
        em.model(X, Y, word_to_vec_map, num_iterations=2.5)
    with pytest.raises(ValueError, match="the word 'pizza'"):
        em.model(np.array(["i love pizza"]), np.array([4]), word_to_vec_map)
    with pytest.raises(ValueError, match=r"W must have shape \(n_y, n_h\) = \(n_y, 6\)"):
        em.predict(X, Y, np.zeros((5, 50)), np.zeros(5), word_to_vec_map)
    with pytest.raises(ValueError, match=r"b must have shape \(5,\)"):
        em.predict(X, Y, np.zeros((5, 6)), np.zeros(4), word_to_vec_map)


def test_plot_confusion_matrix():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = em.plot_confusion_matrix(
        np.array([0, 1, 2, 3, 4, 3]), np.array([[0.0], [1], [2], [2], [4], [3]])
    )
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 25 and texts.count("1") == 6 and texts.count("0") == 19
    assert ax.texts[3 * 5 + 2].get_text() == "1"  # a sad sentence predicted happy
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "love",
        "sports",
        "happy",
        "sad",
        "food",
    ]
    plt.close(ax.figure)
