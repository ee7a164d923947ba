"""Course 5, W2A2: dl_notes.data.emojify, the project's own labelled sentences."""

import re
from collections import Counter

import numpy as np
import pytest

from dl_notes.data import emojify as de


@pytest.fixture(scope="module")
def data():
    return de.load_emojify_dataset()


@pytest.fixture(scope="module")
def kinds():
    return de.load_emojify_kinds()


def test_sizes_and_classes(data):
    X_train, Y_train, X_test, Y_test = data
    assert X_train.shape == Y_train.shape == (295,) and X_test.shape == Y_test.shape == (104,)
    assert len(X_train) + len(X_test) >= 250  # the issue asks for at least 250
    assert X_train.dtype.kind == "U" and Y_train.dtype == np.int64
    assert np.bincount(Y_train).tolist() == [52, 52, 71, 68, 52]  # the module's table
    assert np.bincount(Y_test).tolist() == [18, 18, 25, 25, 18]


def test_kind_table(data, kinds):
    """The module's table: negations and word-order sentences, train + test, per class."""
    Y = np.concatenate([data[1], data[3]])
    kind = np.concatenate(kinds)
    assert set(kind) == set(de.KINDS)
    assert [int(((Y == c) & (kind == "negation")).sum()) for c in range(5)] == [0, 0, 40, 46, 0]
    assert [int(((Y == c) & (kind == "order")).sum()) for c in range(5)] == [0, 0, 4, 4, 0]
    for k, Yk in zip(kinds, (data[1], data[3])):  # both splits hold both directions
        assert set(Yk[k == "negation"]) == {2, 3} and set(Yk[k == "order"]) == {2, 3}


def test_sentences_are_clean_and_distinct(data):
    X_train, _, X_test, _ = data
    everything = np.concatenate([X_train, X_test]).tolist()
    assert all(re.fullmatch(r"[a-z]+( [a-z]+)*", s) for s in everything)
    assert len(set(everything)) == len(everything)  # no sentence twice, none in both splits
    assert max(len(s.split()) for s in everything) <= 8


def test_the_course_example_is_held_out(data, kinds):
    _, _, X_test, Y_test = data
    i = X_test.tolist().index("not feeling happy")
    assert Y_test[i] == 3 and kinds[1][i] == "negation"


def test_negation_labels(data, kinds):
    """A negation flips the sentiment: every negated sentence is happy or sad and contains one
    of the negating words; "not" alone says nothing about the class."""
    X = np.concatenate([data[0], data[2]])
    Y = np.concatenate([data[1], data[3]])
    kind = np.concatenate(kinds)
    negating = {"not", "no", "never", "nobody", "nothing"}
    for s, y in zip(X[kind == "negation"], Y[kind == "negation"]):
        assert y in (2, 3) and negating & set(s.split()), s
    has_not = np.array(["not" in s.split() for s in X])
    happy, sad = int((has_not & (Y == 2)).sum()), int((has_not & (Y == 3)).sum())
    assert happy >= 15 and sad >= 15 and abs(happy - sad) <= 0.5 * max(happy, sad)


def test_order_sentences_come_in_pairs(data, kinds):
    """Each word-order sentence has a partner with the same words and the other label."""
    X = np.concatenate([data[0], data[2]])
    Y = np.concatenate([data[1], data[3]])
    order = np.concatenate(kinds) == "order"
    bags = {}
    for s, y in zip(X[order], Y[order]):
        bags.setdefault(tuple(sorted(Counter(s.split()).items())), []).append(int(y))
    assert len(bags) == 4 and all(sorted(labels) == [2, 3] for labels in bags.values())


def test_file_header_states_the_license():
    header = [
        line for line in de.DATA_FILE.read_text(encoding="utf-8").splitlines() if line[:1] == "#"
    ]
    text = " ".join(header)
    assert "MIT license" in text and "Written for this project" in text


def test_every_word_has_a_vector(data):
    """Full coverage of the project's word vectors: no sentence loses a word."""
    wv = pytest.importorskip("dl_notes.data.word_vectors")
    word_to_index, _, word_to_vec_map = wv.read_glove_vecs_indexed()
    words = {w for X in (data[0], data[2]) for s in X for w in s.split()}
    missing = sorted(w for w in words if w not in word_to_vec_map)
    assert not missing, f"words without a vector: {missing}"
    assert all(w in word_to_index for w in words)


def test_label_to_emoji():
    assert [de.label_to_emoji(k) for k in range(5)] == list(de.EMOJIS)
    assert de.label_to_emoji("3") == "\U0001f61e" and de.label_to_emoji(np.float64(1.0)) == "\u26be"
    assert de.label_to_emoji(np.array([4.0])) == "\U0001f374"  # a row of the course's pred
    for bad in (5, -1, 2.5, "happy", None):
        with pytest.raises(
            ValueError, match=r"label_to_emoji: label must be one of the classes 0\.\.4"
        ):
            de.label_to_emoji(bad)


def test_convert_to_one_hot():
    Y_oh = de.convert_to_one_hot(np.array([2, 0, 4]), C=5)
    assert Y_oh.tolist() == [[0, 0, 1, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 1]]
    assert de.convert_to_one_hot(np.array([[1], [0]]), 2).tolist() == [[0, 1], [1, 0]]
    assert de.convert_to_one_hot(np.array([], dtype=int), 3).shape == (0, 3)


def test_convert_to_one_hot_bad_input():
    with pytest.raises(ValueError, match=r"labels must be in 0\.\.2 for C=3, but Y holds \[3\]"):
        de.convert_to_one_hot(np.array([0, 3]), 3)
    with pytest.raises(
        ValueError, match=r"Y must have shape \(m,\) or \(m, 1\), but it has shape \(2, 2\)"
    ):
        de.convert_to_one_hot(np.zeros((2, 2), int), 3)
    with pytest.raises(TypeError, match="whole-number labels"):
        de.convert_to_one_hot(np.array([0.5]), 3)
    with pytest.raises(ValueError, match="C must be positive"):
        de.convert_to_one_hot(np.array([0]), 0)


def test_loading_twice_gives_the_same_arrays(data):
    again = de.load_emojify_dataset()
    assert all(np.array_equal(a, b) for a, b in zip(data, again))
