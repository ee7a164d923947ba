r"""Emojifier-V1 in NumPy: average a sentence's word vectors, then a softmax layer (Course 5, W2A2).

Taught in: Course 5, [week 2](../../course5/week2.md) (sentiment classification) and its lab
[W2A2 · Emojify](../../course5/labs/w2a2-emojify.ipynb).

The assignment's first model turns a sentence into one vector, the mean of its words'
vectors, and classifies that vector with a softmax layer, trained by stochastic gradient
descent one sentence at a time. For sentence $i$ with words $w_1, \dots, w_{T_i}$:

$$avg^{(i)} = \frac{1}{T_i} \sum_{t=1}^{T_i} e_{w_t}, \qquad
z^{(i)} = W \, avg^{(i)} + b, \qquad a^{(i)} = \mathrm{softmax}(z^{(i)}),$$

$$\mathcal{L}^{(i)} = -\sum_{k=0}^{n_y - 1} Y_{oh,k}^{(i)} \log a^{(i)}_k, \qquad
dz^{(i)} = a^{(i)} - Y_{oh}^{(i)}, \quad dW = dz^{(i)} \, avg^{(i)\,T}, \quad db = dz^{(i)}.$$

The mean forgets the order of the words: "not feeling happy" and "happy, not feeling..."
get the same vector, and "not" pulls both happy and sad sentences the same way. That is
the lesson of the lab, where the LSTM of
[`dl_notes.tf.emojify`](tf.emojify.md) gets such sentences right.

| the course | here |
|---|---|
| `sentence_to_avg(sentence, word_to_vec_map)` | [`sentence_to_avg`][dl_notes.emojify.sentence_to_avg] (the course's loop over words); [`sentences_to_avg`][dl_notes.emojify.sentences_to_avg] for many sentences at once |
| the forward and backward step inside `model` | [`softmax_cost_and_gradients`][dl_notes.emojify.softmax_cost_and_gradients] |
| `model(X, Y, word_to_vec_map, learning_rate=0.01, num_iterations=400)` | [`model`][dl_notes.emojify.model] |
| `predict(X, Y, W, b, word_to_vec_map)` (in `emo_utils`) | [`predict`][dl_notes.emojify.predict] |
| `plot_confusion_matrix(y_actual, y_pred)` (in `emo_utils`) | [`plot_confusion_matrix`][dl_notes.emojify.plot_confusion_matrix] |

**Words missing from the vocabulary.** The course's current notebook skips them silently
(a sentence of unknown words becomes the zero vector). Here they raise a `ValueError` that
names the word, unless `unknown="skip"` asks for the course's behaviour: a typo then
cannot quietly change a prediction.

| name | shape |
|---|---|
| `X` | `(m,)`: sentences (str) |
| `Y` | `(m,)` or `(m, 1)`: labels $0..n_y-1$ |
| `word_to_vec_map[w]` | `(n_h,)`: one word's vector ($n_h = 50$ here, as the course's GloVe) |
| `avg` | `(n_h,)` for a sentence, `(m, n_h)` for many |
| `W`, `b` | `(n_y, n_h)`, `(n_y,)` |
| `pred` | `(m, 1)`: predicted labels, float, as the course's |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    check_choice,
    check_positive,
    check_seed,
    check_shape,
)
from dl_notes.activations import _softmax
from dl_notes.data.emojify import EMOJIFY_CLASSES, convert_to_one_hot
from dl_notes.strategy import confusion_matrix

__all__ = [
    "sentence_to_avg",
    "sentences_to_avg",
    "softmax_cost_and_gradients",
    "model",
    "predict",
    "plot_confusion_matrix",
]

#: What `unknown=` may say about words missing from the vocabulary.
UNKNOWN = ("raise", "skip")


# --- checks --------------------------------------------------------------------------------


def _vector_size(word_to_vec_map, where):
    """$n_h$, the size of the vectors of a non-empty dict of 1-D vectors."""
    if not isinstance(word_to_vec_map, dict) or not word_to_vec_map:
        given = (
            "an empty dict"
            if isinstance(word_to_vec_map, dict)
            else f"a {type(word_to_vec_map).__name__}"
        )
        raise TypeError(
            f"{where}: word_to_vec_map must be a non-empty dict mapping each word to its "
            f"vector, but {given} was given."
        )
    any_word = next(iter(word_to_vec_map))
    shape = np.shape(word_to_vec_map[any_word])
    if len(shape) != 1:
        raise ValueError(
            f"{where}: word_to_vec_map[{any_word!r}] must be a 1-D vector (n_h,), but it has "
            f"shape {shape}."
        )
    return shape[0]


def _words(sentence, word_to_vec_map, unknown, where):
    """The sentence's lower-case words that have a vector; raise on the first missing one."""
    if not isinstance(sentence, str):
        raise TypeError(
            f"{where}: each sentence must be a str, but a {type(sentence).__name__} was given."
        )
    words = sentence.lower().split()
    known = [w for w in words if w in word_to_vec_map]
    if unknown == "raise" and len(known) < len(words):
        missing = next(w for w in words if w not in word_to_vec_map)
        raise ValueError(
            f"{where}: the word {missing!r} of the sentence {str(sentence)!r} is not in "
            f"word_to_vec_map ({len(word_to_vec_map):,} words). Rewrite the sentence with "
            f"words of the vocabulary (test with `word in word_to_vec_map`), or pass "
            f"unknown='skip' to leave unknown words out, as the course's notebook does."
        )
    return known


def _check_sentences(X, where):
    X = np.asarray(X)
    if X.ndim == 2 and X.shape[1] == 1:  # the course's older (m, 1) layout
        X = X[:, 0]
    if X.ndim != 1 or X.dtype.kind not in "UO":
        raise ValueError(
            f"{where}: X must be a 1-D array of m sentences (str), shape (m,), but it has "
            f"shape {X.shape} and dtype {X.dtype}."
        )
    return X


def _check_labels(Y, m, where):
    Y = np.asarray(Y)
    if Y.ndim == 2 and Y.shape[1] == 1:
        Y = Y[:, 0]
    if Y.shape != (m,):
        raise ValueError(
            f"{where}: Y must hold one label per sentence, shape ({m},) or ({m}, 1), but it "
            f"has shape {np.shape(Y)}."
        )
    if Y.dtype.kind not in "iuf" or np.any(Y != np.round(Y)) or (m and Y.min() < 0):
        raise ValueError(f"{where}: Y must hold class labels 0, 1, 2, ..., but it has {Y[:5]}.")
    return Y.astype(np.int64)


def _check_softmax_parameters(W, b, n_h, where):
    W = as_array(W, "W", where)
    b = as_array(b, "b", where)
    if W.ndim != 2 or W.shape[1] != n_h:
        raise ValueError(
            f"{where}: W must have shape (n_y, n_h) = (n_y, {n_h}), one row per class and one "
            f"column per vector entry, but it has shape {W.shape}."
        )
    check_shape(b, (W.shape[0],), "b", where, f"W has {W.shape[0]} rows")
    return W, b


# --- the sentence's vector -------------------------------------------------------------------


# --8<-- [start:sentence_to_avg]
def sentence_to_avg(sentence, word_to_vec_map, unknown="raise"):
    r"""The mean of a sentence's word vectors: $avg = \frac{1}{T} \sum_{t=1}^{T} e_{w_t}$.

    The course's loop over the words of `sentence.lower().split()`.

    Parameters
    ----------
    sentence : str
        One sentence, e.g. `X_train[i]`.
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
        The word vectors.
    unknown : {"raise", "skip"}, default "raise"
        What to do with a word that has no vector: raise a `ValueError` naming it, or
        leave it out of the mean as the course's notebook does (a sentence without any known
        word then gives zeros).

    Returns
    -------
    avg : ndarray of float64, shape (n_h,)
    """
    where = "sentence_to_avg"
    check_choice(unknown, UNKNOWN, "unknown", where)
    n_h = _vector_size(word_to_vec_map, where)
    words = _words(sentence, word_to_vec_map, unknown, where)
    avg = np.zeros((n_h,))
    count = 0
    for w in words:  # only the words that have a vector
        avg += word_to_vec_map[w]
        count += 1
    if count > 0:
        avg = avg / count
    return avg


# --8<-- [end:sentence_to_avg]


def sentences_to_avg(X, word_to_vec_map, unknown="raise"):
    r"""[`sentence_to_avg`][dl_notes.emojify.sentence_to_avg] of every sentence of `X`, at once.

    All the word vectors of all the sentences go into one `(total words, n_h)` array, and
    `np.add.reduceat` sums each sentence's rows: one pass instead of a Python loop per word.

    Parameters
    ----------
    X : ndarray of str, shape (m,)
        Sentences.
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
    unknown : {"raise", "skip"}, default "raise"
        As for `sentence_to_avg`.

    Returns
    -------
    avg : ndarray of float64, shape (m, n_h)
        Row $i$ is $avg^{(i)}$, the mean vector of sentence $i$ (zeros if none of its words
        has a vector).
    """
    where = "sentences_to_avg"
    check_choice(unknown, UNKNOWN, "unknown", where)
    n_h = _vector_size(word_to_vec_map, where)
    X = _check_sentences(X, where)
    return _sentences_to_avg(X, word_to_vec_map, n_h, unknown, where)


def _sentences_to_avg(X, word_to_vec_map, n_h, unknown, where):
    per_sentence = [_words(s, word_to_vec_map, unknown, where) for s in X]
    counts = np.array([len(words) for words in per_sentence])
    flat = [word_to_vec_map[w] for words in per_sentence for w in words]
    avg = np.zeros((len(X), n_h))
    if flat:
        bad = next((v for v in flat if np.shape(v) != (n_h,)), None)
        if bad is not None:
            raise ValueError(
                f"{where}: every vector of word_to_vec_map must have shape ({n_h},), like its "
                f"first one, but one of the sentences' words has shape {np.shape(bad)}."
            )
        vectors = np.asarray(flat, dtype=np.float64)  # (total words, n_h)
        has_words = counts > 0
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])[has_words]
        avg[has_words] = np.add.reduceat(vectors, starts, axis=0) / counts[has_words, None]
    return avg


# --- the softmax layer: one forward and backward step ----------------------------------------


# --8<-- [start:softmax_cost_and_gradients]
def softmax_cost_and_gradients(avg, Y_oh, W, b):
    r"""The softmax layer's cost and gradients on a batch of sentence vectors.

    $$Z = avg \, W^T + b, \qquad A = \mathrm{softmax}(Z) \text{ (each row)}, \qquad
    J = -\sum_{i} \sum_{k} Y_{oh,ik} \log A_{ik},$$

    $$dZ = A - Y_{oh}, \qquad \frac{\partial J}{\partial W} = dZ^T avg, \qquad
    \frac{\partial J}{\partial b} = \sum_i dZ_{i,:}.$$

    The cost is the *sum* of the examples' losses, as the course's `model` adds them up;
    with one sentence (`m = 1`) these are the course's `cost`, `dW` and `db`.

    Parameters
    ----------
    avg : ndarray, shape (m, n_h)
        The sentences' mean vectors (rows of `sentences_to_avg`).
    Y_oh : ndarray, shape (m, n_y)
        Their one-hot labels.
    W : ndarray, shape (n_y, n_h)
    b : ndarray, shape (n_y,)

    Returns
    -------
    cost : float
        $J$, the summed cross-entropy.
    grads : dict
        `"dW"`, shape (n_y, n_h), and `"db"`, shape (n_y,).
    """
    where = "softmax_cost_and_gradients"
    avg = as_array(avg, "avg", where)
    if avg.ndim != 2:
        raise ValueError(
            f"{where}: avg must be a 2-D array (m, n_h), but it has shape {avg.shape}."
        )
    W, b = _check_softmax_parameters(W, b, avg.shape[1], where)
    Y_oh = as_array(Y_oh, "Y_oh", where)
    check_shape(Y_oh, (avg.shape[0], W.shape[0]), "Y_oh", where, "one row per sentence of avg")
    return _softmax_cost_and_gradients(avg, Y_oh, W, b)


def _softmax_cost_and_gradients(avg, Y_oh, W, b):
    Z = avg @ W.T + b  # (m, n_y): the course's z = np.dot(W, avg) + b, for each row
    A = _softmax(Z, axis=1)
    cost = -np.sum(Y_oh * np.log(A))
    dZ = A - Y_oh  # (m, n_y)
    return float(cost), {"dW": dZ.T @ avg, "db": dZ.sum(axis=0)}


# --8<-- [end:softmax_cost_and_gradients]


# --8<-- [start:model]
def model(
    X,
    Y,
    word_to_vec_map,
    learning_rate=0.01,
    num_iterations=400,
    *,
    seed=1,
    n_y=5,
    accumulate=False,
    print_cost=False,
):
    r"""Train Emojifier-V1: the softmax layer on the sentences' mean vectors, by SGD.

    $W$ starts as the course's Xavier draw $W = \mathrm{randn}(n_y, n_h) / \sqrt{n_h}$ and
    $b = 0$. Each of the `num_iterations` epochs visits the sentences in order and takes one
    step per sentence, $W \leftarrow W - \alpha \, dW$, $b \leftarrow b - \alpha \, db$ with
    the gradients of [`softmax_cost_and_gradients`][dl_notes.emojify.softmax_cost_and_gradients]
    on that sentence.

    Departures from the course's code, none of which changes the result of a step:

    - the course calls `np.random.seed(1)` before `model`; here `seed` feeds a private
      `np.random.RandomState(seed)`, which draws the same numbers as the global one seeded
      with `seed` but leaves NumPy's global generator alone;
    - the sentence vectors are computed once, before the loop, instead of once per sentence
      per epoch (the same numbers, 400 times fewer look-ups);
    - the course's current notebook accumulates the gradients within an epoch
      (`dW += ...; db += dz` before each update, so the step after the $i$-th sentence of
      an epoch is the sum of $i$ gradients). That is not the SGD the lecture teaches, and
      the course's earlier version stepped by each sentence's own gradient; so does this
      function. `accumulate=True` reproduces the current notebook.

    Parameters
    ----------
    X : ndarray of str, shape (m,)
        Training sentences.
    Y : ndarray of int, shape (m,) or (m, 1)
        Their labels, 0..n_y-1.
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
        The word vectors (every word of `X` must have one).
    learning_rate : float, default 0.01
        $\alpha$.
    num_iterations : int, default 400
        Epochs.
    seed : int, default 1
        Seed of $W$'s initial draw: the course's `np.random.seed(1)`.
    n_y : int, default 5
        Number of classes (the course's 5).
    accumulate : bool, default False
        Step by the running sum of the epoch's gradients, as the current notebook does.
    print_cost : bool, default False
        Print the epoch's summed cost and the training accuracy every 100 epochs, as the
        course does.

    Returns
    -------
    pred : ndarray of float64, shape (m, 1)
        Predicted labels of the training sentences with the final $W$, $b$.
    W : ndarray, shape (n_y, n_h)
    b : ndarray, shape (n_y,)
    """
    where = "model"
    n_h = _vector_size(word_to_vec_map, where)
    X = _check_sentences(X, where)
    Y = _check_labels(Y, len(X), where)
    check_positive(learning_rate, "learning_rate", where)
    check_positive(num_iterations, "num_iterations", where, integer=True)
    check_positive(n_y, "n_y", where, integer=True)
    seed = check_seed(seed, where, minimum=0)
    if len(X) and Y.max() >= n_y:
        raise ValueError(
            f"{where}: Y holds the label {Y.max()}, but n_y={n_y} classes allow 0..{n_y - 1}."
        )
    avg = _sentences_to_avg(X, word_to_vec_map, n_h, "raise", where)  # (m, n_h)
    return _model(
        avg, Y, learning_rate, int(num_iterations), seed, int(n_y), accumulate, print_cost
    )


def _model(avg, Y, learning_rate, num_iterations, seed, n_y, accumulate, print_cost):
    m, n_h = avg.shape
    W = np.random.RandomState(seed).randn(n_y, n_h) / np.sqrt(n_h)  # Xavier, as the course
    b = np.zeros((n_y,))
    Y_oh = convert_to_one_hot(Y, C=n_y)  # (m, n_y)
    for t in range(num_iterations):
        cost, dW, db = 0.0, 0.0, 0.0
        for i in range(m):  # stochastic gradient descent: one sentence per step
            cost_i, grads = _softmax_cost_and_gradients(avg[i : i + 1], Y_oh[i : i + 1], W, b)
            cost += cost_i
            if accumulate:  # the current notebook's dW += ..., db += dz
                dW, db = dW + grads["dW"], db + grads["db"]
            else:
                dW, db = grads["dW"], grads["db"]
            W = W - learning_rate * dW
            b = b - learning_rate * db
        if print_cost and t % 100 == 0:
            accuracy = np.mean(_predict(avg, W, b) == Y)
            print(f"Epoch: {t} --- cost = {cost:.4f} --- training accuracy {accuracy:.4f}")
    pred = _predict(avg, W, b).astype(np.float64)[:, None]
    return pred, W, b


# --8<-- [end:model]


# --8<-- [start:predict]
def predict(X, Y, W, b, word_to_vec_map, *, print_accuracy=True):
    r"""Predicted labels $\hat y^{(i)} = \arg\max_k \, \mathrm{softmax}(W \, avg^{(i)} + b)_k$.

    The course's `predict` of `emo_utils`, which also prints the accuracy on `(X, Y)`.

    Parameters
    ----------
    X : ndarray of str, shape (m,)
        Sentences.
    Y : ndarray of int, shape (m,) or (m, 1), or None
        Their labels, for the printed accuracy; None for sentences without labels.
    W : ndarray, shape (n_y, n_h)
    b : ndarray, shape (n_y,)
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
    print_accuracy : bool, default True
        Print `Accuracy: ...` as the course does (only when `Y` is given).

    Returns
    -------
    pred : ndarray of float64, shape (m, 1)
        The predicted labels (float, as the course's).
    """
    where = "predict"
    n_h = _vector_size(word_to_vec_map, where)
    X = _check_sentences(X, where)
    W, b = _check_softmax_parameters(W, b, n_h, where)
    if Y is not None:
        Y = _check_labels(Y, len(X), where)
    avg = _sentences_to_avg(X, word_to_vec_map, n_h, "raise", where)
    pred = _predict(avg, W, b)
    if Y is not None and print_accuracy:
        print("Accuracy: " + str(np.mean(pred == Y)))
    return pred.astype(np.float64)[:, None]


def _predict(avg, W, b):
    return np.argmax(avg @ W.T + b, axis=1)  # softmax keeps the order: argmax of z is enough


# --8<-- [end:predict]


def plot_confusion_matrix(
    y_actual, y_pred, title="Confusion matrix", ax=None, class_names=EMOJIFY_CLASSES
):
    """Draw the confusion matrix of a classifier's predictions, with the counts written in.

    The course's `plot_confusion_matrix` of `emo_utils`; the counts come from
    [`dl_notes.strategy.confusion_matrix`][dl_notes.strategy.confusion_matrix]. Rows are
    the true classes, columns the predicted ones.

    Parameters
    ----------
    y_actual : array_like of int, shape (m,) or (m, 1)
        True labels, 0..C-1.
    y_pred : array_like of int or float, shape (m,) or (m, 1)
        Predicted labels (`pred` of `predict` works as it is).
    title : str, default "Confusion matrix"
    ax : matplotlib Axes, optional
        Where to draw; default a new figure.
    class_names : sequence of str, default `EMOJIFY_CLASSES`
        The names of the classes 0..C-1.

    Returns
    -------
    ax : matplotlib Axes
    """
    import matplotlib.pyplot as plt

    y_actual = np.asarray(y_actual).reshape(-1)
    y_pred = np.asarray(y_pred).reshape(-1)
    C = len(class_names)
    cm = confusion_matrix(y_actual, y_pred, labels=list(range(C)))
    if ax is None:
        _, ax = plt.subplots(figsize=(0.6 * C + 1.6, 0.6 * C + 1.2))
    ax.imshow(cm, cmap="Blues")
    for i in range(C):
        for j in range(C):
            color = "white" if cm[i, j] > cm.max() / 2 else "black"
            ax.text(j, i, str(cm[i, j]), ha="center", va="center", color=color)
    ax.set_xticks(range(C), class_names, rotation=45)
    ax.set_yticks(range(C), class_names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    return ax
