r"""Emojify's labelled sentences, written for this project: 399 sentences in the course's 5 classes.

Taught in: Course 5, [week 2](../../course5/week2.md) (sentiment classification) and its lab
[W2A2 · Emojify](../../course5/labs/w2a2-emojify.ipynb).

The course's W2A2 trains its emoji classifiers on EMOJISET: 132 training and 56 test
sentences, each labelled with one of five emoji. That file ships with the assignment only.
This project writes its own set instead: 399 short English sentences in the same five
classes, in the file `emojify_sentences.csv` next to this module. They are original text
written for dl-notes and released with the repository under the MIT license.

| label | emoji | class | train | test | of which negations / word order |
|---|---|---|---|---|---|
| 0 | ❤️ | love | 52 | 18 | - |
| 1 | ⚾ | sports, play | 52 | 18 | - |
| 2 | 😄 | happy | 71 | 25 | 40 / 4 |
| 3 | 😞 | sad, disappointed | 68 | 25 | 46 / 4 |
| 4 | 🍴 | food | 52 | 18 | - |
| | | all | 295 | 104 | |

Each sentence is lower case, its words separated by single spaces, without punctuation,
so `sentence.lower().split()` (what the course's functions do) gives its words. Every word
is in the vocabulary of the project's word vectors
([`dl_notes.data.word_vectors`](data.word_vectors.md)); a test checks it.

**The lesson's sentences.** Beside its label and its split, each sentence has a *kind*:

- `"plain"`: the words say the class ("we won the game", "dinner is ready");
- `"negation"`: a "not", "no longer" or "never" flips the sentiment. As in the course,
  where "not feeling happy" is 😞, a negated happy sentence is sad (3), a negated sad
  sentence happy (2: "i am not sad", "this is not bad at all"), and a negated love
  sentence sad ("i do not love you anymore"). A negated *topic* keeps its topic: "this is
  not good food" is 🍴 and "we did not win the game" ⚾; those are `"plain"`;
- `"order"`: the same words in another order take the other label: "i was sad but now i am
  happy" is happy, "i was happy but now i am sad" sad. An average of word vectors cannot
  tell such a pair apart.

Negations appear on both sides: "not" occurs as often in happy sentences as in sad ones,
so it says nothing about the class on its own, only together with the word it negates.
The [lab](../../course5/labs/w2a2-emojify.ipynb) names its test cases in advance by this
column: the test sentences of kind `"negation"` and `"order"`
([`load_emojify_kinds`][dl_notes.data.emojify.load_emojify_kinds]).

**The split** was drawn once at random (25 % of each class and kind to the test set, the
course's own "not feeling happy" among them) and is stored in the file; it never changes.
The set was written in two rounds: 296 sentences first, then 103 more (34 of them
negations) after a first LSTM run showed that 38 training negations were too few to learn
from; the second round was split in the same way, and the first round's split was kept.

| name | shape | dtype |
|---|---|---|
| `X_train`, `X_test` | `(m,)` | str (`<U...`), as the course's `read_csv` gives |
| `Y_train`, `Y_test` | `(m,)` | int64, labels 0..4 |
| `convert_to_one_hot(Y, C)` | `(m, C)` | float64 |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np

from dl_notes._checks import check_positive

__all__ = [
    "DATA_FILE",
    "EMOJIFY_CLASSES",
    "EMOJIS",
    "KINDS",
    "load_emojify_dataset",
    "load_emojify_kinds",
    "label_to_emoji",
    "convert_to_one_hot",
]

#: The sentences, with label, split and kind: `dl_notes/data/emojify_sentences.csv`.
DATA_FILE = Path(__file__).with_name("emojify_sentences.csv")

#: The class of each label, 0..4.
EMOJIFY_CLASSES = ("love", "sports", "happy", "sad", "food")

#: The emoji of each label, 0..4, as the course's `label_to_emoji` prints them.
EMOJIS = ("\u2764\ufe0f", "\u26be", "\U0001f604", "\U0001f61e", "\U0001f374")

#: The kinds of sentence (see the module's text).
KINDS = ("plain", "negation", "order")


@cache
def _rows():
    """The file's rows as a tuple of (sentence, label, split, kind), comment lines skipped."""
    with open(DATA_FILE, encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    reader = csv.DictReader(lines)
    return tuple((r["sentence"], int(r["label"]), r["split"], r["kind"]) for r in reader)


def _column(index, split, dtype=None):
    values = [row[index] for row in _rows() if row[2] == split]
    return np.asarray(values, dtype=dtype)


# --8<-- [start:load_emojify_dataset]
def load_emojify_dataset():
    """The Emojify sentences and their labels, split as the file fixes it.

    The course reads two files with `read_csv("data/train_emoji.csv")` and
    `read_csv("data/tesss.csv")`; this returns the same four arrays from the project's own
    sentences (see the module's text: 295 training and 104 test sentences, written for
    dl-notes, MIT license).

    Returns
    -------
    X_train : ndarray of str, shape (295,)
        Lower-case sentences, words separated by single spaces.
    Y_train : ndarray of int64, shape (295,)
        Their labels, 0..4 (`EMOJIFY_CLASSES`: love, sports, happy, sad, food).
    X_test : ndarray of str, shape (104,)
    Y_test : ndarray of int64, shape (104,)

    Examples
    --------
    >>> X_train, Y_train, X_test, Y_test = load_emojify_dataset()
    >>> X_train.shape, Y_test.shape
    ((295,), (104,))
    >>> "not feeling happy" in X_test
    True
    """
    return (
        _column(0, "train"),
        _column(1, "train", np.int64),
        _column(0, "test"),
        _column(1, "test", np.int64),
    )


# --8<-- [end:load_emojify_dataset]


def load_emojify_kinds():
    """The kind of each sentence of the data set: plain, negation or word order.

    The kinds follow the order of
    [`load_emojify_dataset`][dl_notes.data.emojify.load_emojify_dataset].

    Returns
    -------
    kind_train : ndarray of str, shape (295,)
        `"plain"`, `"negation"` or `"order"` for each training sentence, in the same order.
    kind_test : ndarray of str, shape (104,)
        The same for the test sentences: those of kind `"negation"` and `"order"` are the
        lab's named cases, fixed here before any model was trained.
    """
    return _column(3, "train"), _column(3, "test")


# --8<-- [start:label_to_emoji]
def label_to_emoji(label):
    """The emoji of a label, as the course's `label_to_emoji` gives it.

    The course looks the label up in a dict of emoji aliases and converts it with the
    `emoji` package; here the five emoji are plain Unicode strings (`EMOJIS`), so nothing
    extra is needed.

    Parameters
    ----------
    label : int or str or numpy integer or float
        0..4 (a float such as `pred[i]` of the course's `predict`, e.g. `2.0`, works too).

    Returns
    -------
    emoji : str
        One of ❤️ ⚾ 😄 😞 🍴.

    Examples
    --------
    >>> label_to_emoji(0) == "\u2764\ufe0f", label_to_emoji("4")
    (True, '🍴')
    """
    try:
        index = int(float(np.asarray(label).item()))
        ok = index == float(np.asarray(label).item()) and 0 <= index < len(EMOJIS)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            f"label_to_emoji: label must be one of the classes 0..{len(EMOJIS) - 1} "
            f"({', '.join(EMOJIFY_CLASSES)}), but {label!r} was given."
        )
    return EMOJIS[index]


# --8<-- [end:label_to_emoji]


# --8<-- [start:convert_to_one_hot]
def convert_to_one_hot(Y, C):
    r"""One row per label with a 1 in the label's column: the course's `convert_to_one_hot`.

    $Y_{oh}[i, k] = 1$ if $Y^{(i)} = k$, else 0. This is the Emojify version, with examples
    in rows (Course 2's version of the same name puts them in columns).

    Parameters
    ----------
    Y : array_like of int, shape (m,) or (m, 1)
        Labels in 0..C-1.
    C : int
        The number of classes.

    Returns
    -------
    Y_oh : ndarray of float64, shape (m, C)

    Examples
    --------
    >>> convert_to_one_hot(np.array([2, 0]), C=3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    where = "convert_to_one_hot"
    check_positive(C, "C", where, integer=True)
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[1] == 1:
        Y = Y[:, 0]
    if Y.ndim != 1:
        raise ValueError(f"{where}: Y must have shape (m,) or (m, 1), but it has shape {Y.shape}.")
    if Y.size and (Y.dtype.kind not in "iuf" or np.any(Y != np.round(Y))):
        raise TypeError(f"{where}: Y must hold whole-number labels, but it has {Y[:5]!r}...")
    Y = Y.astype(np.int64)
    if Y.size and (Y.min() < 0 or Y.max() >= C):
        raise ValueError(
            f"{where}: labels must be in 0..{int(C) - 1} for C={C}, but Y holds "
            f"{sorted(set(Y[(Y < 0) | (Y >= C)].tolist()))[:5]}."
        )
    return np.eye(int(C))[Y]


# --8<-- [end:convert_to_one_hot]
