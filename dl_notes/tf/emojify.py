r"""Emojifier-V2 in Keras: word indices, a frozen embedding layer and two stacked LSTMs (Course 5, W2A2).

Taught in: Course 5, [week 2](../../course5/week2.md) (the embedding matrix, sentiment
classification with an RNN) and its lab [W2A2 · Emojify](../../course5/labs/w2a2-emojify.ipynb).

The assignment's second model reads the words in order. Each sentence becomes a row of word
indices, padded with zeros to `max_len`; a Keras `Embedding` layer holding the pretrained
word vectors turns the indices into vectors; two LSTM layers read them, and a softmax layer
picks the emoji:

`Input (m, max_len) -> Embedding (m, max_len, 50), frozen -> LSTM(128), every step ->
Dropout(0.5) -> LSTM(128), last step -> Dropout(0.5) -> Dense(5) -> softmax`

| the course | here |
|---|---|
| `sentences_to_indices(X, word_to_index, max_len)` | [`sentences_to_indices`][dl_notes.tf.emojify.sentences_to_indices] |
| `pretrained_embedding_layer(word_to_vec_map, word_to_index)` | [`pretrained_embedding_layer`][dl_notes.tf.emojify.pretrained_embedding_layer] |
| `Emojify_V2(input_shape, word_to_vec_map, word_to_index)` | [`Emojify_V2`][dl_notes.tf.emojify.Emojify_V2] (plus `seed`) |
| `model.compile(...)`, `model.fit(X_train_indices, Y_train_oh, epochs=50, batch_size=32, shuffle=True)` | [`train_emojify_v2`][dl_notes.tf.emojify.train_emojify_v2]: the same Adam, loss and schedule through [`fit`][dl_notes.tf.training.fit] |

**Index 0 is padding.** The course's `read_glove_vecs` numbers the words from 1, so that a
zero in `sentences_to_indices`' output means "no word here"; the embedding matrix has
`len(word_to_index) + 1` rows and row 0 stays all zeros. The functions here require the
same numbering (a `word_to_index` that uses 0 is refused).

**Reproducible.** `Emojify_V2` seeds every initializer and both dropout layers from its
`seed` (the course relies on `np.random.seed(1)` and Keras' global state), so two calls
build the same network and, trained by `train_emojify_v2` with the same seed, give the same
weights.

| name | shape | dtype |
|---|---|---|
| `X` | `(m,)` | str: sentences |
| `X_indices = sentences_to_indices(X, word_to_index, max_len)` | `(m, max_len)` | float64 holding whole numbers, as the course's |
| embedding matrix | `(len(word_to_index) + 1, n_h)` | float32 |
| `Emojify_V2(...)(X_indices)` | `(m, 5)`: softmax probabilities | float32 |
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np

from dl_notes._checks import check_choice, check_positive, check_seed
from dl_notes.data.emojify import convert_to_one_hot
from dl_notes.emojify import UNKNOWN, _check_labels, _check_sentences, _vector_size
from dl_notes.tf.training import fit

__all__ = [
    "sentences_to_indices",
    "pretrained_embedding_layer",
    "Emojify_V2",
    "emojify_v2",
    "train_emojify_v2",
]

layers = keras.layers


def _check_word_to_index(word_to_index, where):
    if not isinstance(word_to_index, dict) or not word_to_index:
        raise TypeError(
            f"{where}: word_to_index must be a non-empty dict mapping each word to its index "
            f"1, 2, ..., but a {type(word_to_index).__name__} was given."
        )
    smallest = min(word_to_index.values())
    if smallest < 1:
        word = next(w for w, i in word_to_index.items() if i == smallest)
        raise ValueError(
            f"{where}: word_to_index maps {word!r} to {smallest}, but indices must start at 1: "
            f"0 is the padding of sentences_to_indices. Number the words from 1, as the "
            f"course's read_glove_vecs does."
        )


# --8<-- [start:sentences_to_indices]
def sentences_to_indices(X, word_to_index, max_len, unknown="raise"):
    """Each sentence as a row of word indices, padded with zeros to `max_len`.

    Word $j$ of sentence $i$ (of `X[i].lower().split()`) goes to `X_indices[i, j]`; the
    rest of the row stays 0, the padding index. The result is what Keras' `Embedding`
    layer takes.

    Parameters
    ----------
    X : ndarray of str, shape (m,)
        Sentences.
    word_to_index : dict of str to int
        Each word's index, numbered from 1.
    max_len : int
        Length of the rows: at least the number of words of the longest sentence.
    unknown : {"raise", "skip"}, default "raise"
        A word without an index raises a `ValueError` naming it; `"skip"` leaves it out
        (the next word takes its place), as the course's current notebook does.

    Returns
    -------
    X_indices : ndarray of float64, shape (m, max_len)
        Word indices (whole numbers, float as in the course), 0 after each sentence's end.
    """
    where = "sentences_to_indices"
    check_choice(unknown, UNKNOWN, "unknown", where)
    _check_word_to_index(word_to_index, where)
    X = _check_sentences(X, where)
    check_positive(max_len, "max_len", where, integer=True)
    m = X.shape[0]
    X_indices = np.zeros((m, int(max_len)))
    for i in range(m):  # loop over the sentences, as the course
        words = X[i].lower().split()
        j = 0
        for w in words:
            if w in word_to_index:
                if j >= max_len:
                    raise ValueError(
                        f"{where}: the sentence {str(X[i])!r} has more than max_len={max_len} "
                        f"words; pass max_len of at least the longest sentence's length."
                    )
                X_indices[i, j] = word_to_index[w]
                j = j + 1
            elif unknown == "raise":
                raise ValueError(
                    f"{where}: the word {w!r} of the sentence {str(X[i])!r} is not in "
                    f"word_to_index ({len(word_to_index):,} words). Rewrite the sentence "
                    f"with words of the vocabulary, or pass unknown='skip' to leave unknown "
                    f"words out, as the course's notebook does."
                )
    return X_indices


# --8<-- [end:sentences_to_indices]


# --8<-- [start:pretrained_embedding_layer]
def pretrained_embedding_layer(word_to_vec_map, word_to_index):
    """A frozen Keras `Embedding` layer whose row `word_to_index[w]` is the vector of `w`.

    The embedding matrix $E$ has `vocab_size = len(word_to_index) + 1` rows (row 0, the
    padding, is zeros) and $n_h$ columns; the layer maps an index $j$ to row $E_j$. It is
    not trained (`trainable=False`): the training set is far too small to improve vectors
    learned from millions of words, and words that occur only in the test set keep their
    place next to the training words they resemble.

    Parameters
    ----------
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
        The word vectors.
    word_to_index : dict of str to int
        Each word's index, numbered from 1; every word needs a vector.

    Returns
    -------
    embedding_layer : keras.layers.Embedding
        Built, with weights of shape `(len(word_to_index) + 1, n_h)`, not trainable.
    """
    where = "pretrained_embedding_layer"
    emb_dim = _vector_size(word_to_vec_map, where)
    _check_word_to_index(word_to_index, where)
    vocab_size = len(word_to_index) + 1  # adding 1 to fit Keras embedding (requirement)
    if max(word_to_index.values()) >= vocab_size:
        raise ValueError(
            f"{where}: word_to_index holds the index {max(word_to_index.values())}, but its "
            f"{len(word_to_index)} words should be numbered 1..{len(word_to_index)}."
        )
    emb_matrix = np.zeros((vocab_size, emb_dim))
    for word, idx in word_to_index.items():
        if word not in word_to_vec_map:
            raise ValueError(
                f"{where}: the word {word!r} of word_to_index has no vector in word_to_vec_map."
            )
        emb_matrix[idx, :] = word_to_vec_map[word]
    embedding_layer = layers.Embedding(vocab_size, emb_dim, trainable=False)
    embedding_layer.build((None,))  # build before setting the weights
    embedding_layer.set_weights([emb_matrix])
    return embedding_layer


# --8<-- [end:pretrained_embedding_layer]


# --8<-- [start:Emojify_V2]
def Emojify_V2(input_shape, word_to_vec_map, word_to_index, *, seed=0, n_classes=5):
    """The course's Emojifier-V2: a frozen embedding, two LSTM(128) with dropout, a softmax.

    | layer | output shape | parameters (50-d vectors, vocabulary V) |
    |---|---|---|
    | `Input(input_shape, dtype="int32")` | (m, max_len) | 0 |
    | `pretrained_embedding_layer` | (m, max_len, 50) | 50 (V + 1), not trained |
    | `LSTM(128, return_sequences=True)` | (m, max_len, 128) | 4 (128 (50 + 128) + 128) = 91,648 |
    | `Dropout(0.5)` | (m, max_len, 128) | 0 |
    | `LSTM(128, return_sequences=False)` | (m, 128) | 4 (128 (128 + 128) + 128) = 131,584 |
    | `Dropout(0.5)` | (m, 128) | 0 |
    | `Dense(5)` | (m, 5) | 645 |
    | `Activation("softmax")` | (m, 5) | 0 |

    223,877 trained parameters, as in the course. The name keeps the course's spelling,
    so a call copied from the assignment works; `emojify_v2` is the same function.

    Parameters
    ----------
    input_shape : tuple of 1 int
        `(max_len,)`, the length of the rows of `sentences_to_indices`.
    word_to_vec_map : dict of str to ndarray, each of shape (n_h,)
    word_to_index : dict of str to int
        Numbered from 1.
    seed : int, default 0
        Seeds the initializers (Glorot-uniform kernels, orthogonal recurrent kernels, as
        Keras' defaults) and the two dropout layers; beyond the course.
    n_classes : int, default 5
        Units of the output layer (the course's 5).

    Returns
    -------
    model : keras.Model
        Takes `(m, max_len)` indices, returns `(m, n_classes)` probabilities.
    """
    where = "Emojify_V2"
    seed = check_seed(seed, where, minimum=0)
    check_positive(n_classes, "n_classes", where, integer=True)
    try:
        ok = len(input_shape) == 1 and int(input_shape[0]) == input_shape[0] >= 1
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(
            f"{where}: input_shape must be (max_len,), one positive int, but "
            f"{input_shape!r} was given."
        )
    glorot, orthogonal = keras.initializers.GlorotUniform, keras.initializers.Orthogonal
    s = 10 * seed  # each layer its own seed

    sentence_indices = keras.Input(shape=input_shape, dtype="int32")
    embedding_layer = pretrained_embedding_layer(word_to_vec_map, word_to_index)
    embeddings = embedding_layer(sentence_indices)
    X = layers.LSTM(
        128,
        return_sequences=True,
        kernel_initializer=glorot(seed=s),
        recurrent_initializer=orthogonal(seed=s + 1),
    )(embeddings)
    X = layers.Dropout(0.5, seed=s + 2)(X)
    X = layers.LSTM(
        128,
        return_sequences=False,
        kernel_initializer=glorot(seed=s + 3),
        recurrent_initializer=orthogonal(seed=s + 4),
    )(X)
    X = layers.Dropout(0.5, seed=s + 5)(X)
    X = layers.Dense(int(n_classes), kernel_initializer=glorot(seed=s + 6))(X)
    X = layers.Activation("softmax")(X)
    return keras.Model(inputs=sentence_indices, outputs=X)


# --8<-- [end:Emojify_V2]

emojify_v2 = Emojify_V2


def train_emojify_v2(model, X_indices, Y, num_epochs=50, mini_batch_size=32, seed=0):
    """Train Emojifier-V2 as the course does: Adam, categorical cross-entropy, 50 epochs of 32.

    The course compiles with `loss="categorical_crossentropy", optimizer="adam"` and calls
    `model.fit(X_train_indices, Y_train_oh, epochs=50, batch_size=32, shuffle=True)`. This
    runs the same training through the project's [`fit`][dl_notes.tf.training.fit]: Adam
    at Keras' default rate 0.001, the mean cross-entropy of each mini-batch, a new seeded
    order every epoch.

    Parameters
    ----------
    model : keras.Model
        From `Emojify_V2`.
    X_indices : ndarray, shape (m, max_len)
        From `sentences_to_indices`.
    Y : ndarray of int, shape (m,) or (m, 1)
        Labels 0..n_classes-1 (one-hot encoded here, as the course's `Y_train_oh`).
    num_epochs : int, default 50
    mini_batch_size : int, default 32
    seed : int, default 0
        Seed of the order of the examples.

    Returns
    -------
    history : dict
        `"cost"` and `"accuracy"`: the mean per epoch, `num_epochs` values each.
    """
    where = "train_emojify_v2"
    X_indices = np.asarray(X_indices)
    if X_indices.ndim != 2:
        raise ValueError(
            f"{where}: X_indices must be (m, max_len) from sentences_to_indices, but it has "
            f"shape {X_indices.shape}."
        )
    Y = _check_labels(Y, X_indices.shape[0], where)
    n_classes = model.output_shape[-1]
    Y_oh = convert_to_one_hot(Y, C=n_classes).astype(np.float32)
    return fit(
        model,
        (X_indices.astype(np.int32), Y_oh),
        keras.losses.categorical_crossentropy,
        metrics={"accuracy": keras.metrics.categorical_accuracy},
        num_epochs=num_epochs,
        mini_batch_size=mini_batch_size,
        seed=seed,
        learning_rate=0.001,
    )
