"""Course 5, W2A2: dl_notes.tf.emojify, Emojifier-V2 (frozen embedding + two LSTMs) in Keras."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def te():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import emojify

    return emojify


@pytest.fixture(scope="module")
def keras(te):
    import keras

    return keras


WORDS = "i love you we play ball am happy sad not feeling food is ready eat funny lol".split()


@pytest.fixture(scope="module")
def vocab():
    """A fake 50-d vocabulary, indexed from 1 in alphabetical order as the course's loader."""
    rng = np.random.default_rng(5)
    word_to_vec_map = {w: rng.standard_normal(50) for w in WORDS}
    word_to_index = {w: i for i, w in enumerate(sorted(WORDS), start=1)}
    return word_to_index, word_to_vec_map


def test_sentences_to_indices_hand_computed(te):
    word_to_index = {"funny": 3, "lol": 7, "food": 2, "is": 5, "ready": 6, "you": 9}
    X = np.array(["funny lol", "Food is ready", "you"])
    X_indices = te.sentences_to_indices(X, word_to_index, max_len=4)
    assert X_indices.dtype == np.float64 and X_indices.tolist() == [
        [3, 7, 0, 0],
        [2, 5, 6, 0],
        [9, 0, 0, 0],
    ]
    skipped = te.sentences_to_indices(np.array(["funny zzz lol"]), word_to_index, 3, unknown="skip")
    assert skipped.tolist() == [[3, 7, 0]]  # the course's current notebook: unknown words left out


def test_sentences_to_indices_bad_input(te):
    w2i = {"funny": 1, "lol": 2}
    with pytest.raises(
        ValueError,
        match=r"the word 'haha' of the sentence 'funny haha' is not in word_to_index \(2 words\)",
    ):
        te.sentences_to_indices(np.array(["funny haha"]), w2i, 3)
    with pytest.raises(ValueError, match="has more than max_len=1 words; pass max_len of at least"):
        te.sentences_to_indices(np.array(["funny lol"]), w2i, 1)
    with pytest.raises(
        ValueError,
        match=r"word_to_index maps 'lol' to 0, but indices must start at 1: 0 is the padding",
    ):
        te.sentences_to_indices(np.array(["funny"]), {"funny": 1, "lol": 0}, 2)
    with pytest.raises(ValueError, match="max_len must be positive"):
        te.sentences_to_indices(np.array(["funny"]), w2i, 0)
    with pytest.raises(ValueError, match=r"X must be a 1-D array of m sentences"):
        te.sentences_to_indices(np.array([1, 2]), w2i, 2)


def test_pretrained_embedding_layer_is_the_lookup(te, vocab):
    """The layer's output is the NumPy lookup of each word's vector; padding gives zeros."""
    word_to_index, word_to_vec_map = vocab
    layer = te.pretrained_embedding_layer(word_to_vec_map, word_to_index)
    assert not layer.trainable and layer.get_weights()[0].shape == (len(WORDS) + 1, 50)
    X = np.array(["not feeling happy", "i love you"])
    X_indices = te.sentences_to_indices(X, word_to_index, 5)
    out = np.asarray(layer(X_indices.astype("int32")))
    expected = np.zeros((2, 5, 50), np.float32)
    for i, s in enumerate(X):
        for j, w in enumerate(s.split()):
            expected[i, j] = word_to_vec_map[w]
    np.testing.assert_allclose(out, expected, rtol=1e-6)


def test_pretrained_embedding_layer_bad_input(te, vocab):
    word_to_index, word_to_vec_map = vocab
    with pytest.raises(
        ValueError, match=r"holds the index 99, but its 2 words should be numbered 1\.\.2"
    ):
        te.pretrained_embedding_layer(word_to_vec_map, {"i": 1, "you": 99})
    with pytest.raises(ValueError, match="the word 'zzz' of word_to_index has no vector"):
        te.pretrained_embedding_layer(word_to_vec_map, {"i": 1, "zzz": 2})
    with pytest.raises(TypeError, match="word_to_index must be a non-empty dict"):
        te.pretrained_embedding_layer(word_to_vec_map, {})


def test_emojify_v2_is_the_courses(te, keras, vocab):
    word_to_index, word_to_vec_map = vocab
    model = te.Emojify_V2((10,), word_to_vec_map, word_to_index)
    assert te.emojify_v2 is te.Emojify_V2
    rows = [(type(layer).__name__, layer.output.shape) for layer in model.layers]
    assert rows == [
        ("InputLayer", (None, 10)),
        ("Embedding", (None, 10, 50)),
        ("LSTM", (None, 10, 128)),
        ("Dropout", (None, 10, 128)),
        ("LSTM", (None, 128)),
        ("Dropout", (None, 128)),
        ("Dense", (None, 5)),
        ("Activation", (None, 5)),
    ]
    trained = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    assert trained == 223_877  # the course's count: 91,648 + 131,584 + 645
    assert model.count_params() == trained + 50 * (len(WORDS) + 1)
    assert [layer.rate for layer in model.layers if isinstance(layer, keras.layers.Dropout)] == [
        0.5,
        0.5,
    ]
    X = te.sentences_to_indices(np.array(["i love you", "not feeling happy"]), word_to_index, 10)
    p = np.asarray(model(X.astype("int32"), training=False))
    assert p.shape == (2, 5)
    np.testing.assert_allclose(p.sum(axis=1), 1, rtol=1e-5)


def test_emojify_v2_is_seeded(te, vocab):
    word_to_index, word_to_vec_map = vocab
    a, b, c = (te.Emojify_V2((4,), word_to_vec_map, word_to_index, seed=s) for s in (0, 0, 1))
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_array_equal(wa, wb)
    assert not np.allclose(a.get_weights()[1], c.get_weights()[1])  # first LSTM kernel


def test_emojify_v2_bad_input(te, vocab):
    word_to_index, word_to_vec_map = vocab
    with pytest.raises(
        ValueError,
        match=r"input_shape must be \(max_len,\), one positive int, but \(10, 50\) was given",
    ):
        te.Emojify_V2((10, 50), word_to_vec_map, word_to_index)
    with pytest.raises(ValueError, match="seed must be an int >= 0"):
        te.Emojify_V2((10,), word_to_vec_map, word_to_index, seed=-1)


def test_train_emojify_v2_learns_and_is_reproducible(te, vocab):
    """A few epochs on a toy set: the cost falls, and the same seeds give the same weights."""
    word_to_index, word_to_vec_map = vocab
    X = np.array(
        [
            "i love you",
            "we play ball",
            "i am happy",
            "i am sad",
            "food is ready",
            "we love you",
            "i play ball",
            "we am happy",
            "we am sad",
            "eat food",
        ]
    )
    Y = np.array([0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    X_indices = te.sentences_to_indices(X, word_to_index, 4)
    runs = []
    for _ in range(2):
        model = te.Emojify_V2((4,), word_to_vec_map, word_to_index, seed=3)
        history = te.train_emojify_v2(model, X_indices, Y, num_epochs=15, mini_batch_size=4, seed=2)
        runs.append((history, model.get_weights()))
    history = runs[0][0]
    assert sorted(history) == ["accuracy", "cost"] and len(history["cost"]) == 15
    assert history["cost"][-1] < 0.8 * history["cost"][0]
    for wa, wb in zip(runs[0][1], runs[1][1]):
        np.testing.assert_array_equal(wa, wb)
    with pytest.raises(ValueError, match=r"X_indices must be \(m, max_len\)"):
        te.train_emojify_v2(model, X_indices[0], Y)
    with pytest.raises(ValueError, match=r"Y must hold one label per sentence, shape \(10,\)"):
        te.train_emojify_v2(model, X_indices, Y[:3])
