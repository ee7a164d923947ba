r"""Word vectors of our own, 50-d like the course's GloVe file: the loaders the labs call.

Taught in: Course 5, [week 2](../../course5/week2.md): the labs
[W2A1 · Operations on word vectors](../../course5/labs/w2a1-operations-on-word-vectors.ipynb)
and [W2A2 · Emojify](../../course5/labs/w2a2-emojify.ipynb). What the file stands in for is on
the [data page](../data.md).

The course loads GloVe 6B 50-d (`glove.6B.50d.txt`: 400,000 words, trained on 6 billion
tokens of Wikipedia and Gigaword), which no Python package ships and nothing here may
download. The project trains its own: `make weights` runs `scripts/train_word_vectors.py`,
gensim `Word2Vec` (skip-gram with negative sampling, 50 dimensions, one worker, seed 0) on
2.4 million tokens of WordNet 3.0 glosses, gensim's bundled Wikipedia excerpt and the
Debian fortunes, and writes [`WORD_VECTORS_FILE`][dl_notes.data.word_vectors.WORD_VECTORS_FILE]
(25,179 lower-case words, float16, 2.5 MB). Such vectors are far weaker than GloVe's: analogy
accuracy 0.118 on the 53 % of Mikolov et al.'s questions in their vocabulary, where the GloVe
paper reports 0.717 for 300-d vectors trained on 6 billion tokens. The lab says where that shows.

| function | returns | matches the course's |
|---|---|---|
| [`read_glove_vecs`][dl_notes.data.word_vectors.read_glove_vecs] | `words` (set), `word_to_vec_map` (dict word -> `(50,)` float64) | W2A1 `read_glove_vecs(glove_file)` |
| [`read_glove_vecs_indexed`][dl_notes.data.word_vectors.read_glove_vecs_indexed] | `word_to_index`, `index_to_word` (1-based, sorted), `word_to_vec_map` | W2A2 `read_glove_vecs(glove_file)` |
| [`load_word_vectors`][dl_notes.data.word_vectors.load_word_vectors] | `words` `(n,)`, `vectors` `(n, 50)` float64, most frequent first | (ours: the matrix for vectorised code) |
| [`word_vectors_info`][dl_notes.data.word_vectors.word_vectors_info] | the record the script stored: corpus, parameters, versions, figures | (ours) |

Every loader also reads a GloVe text file (`glove_file` ending in `.txt`, one word and its
numbers a line), so a learner who has `glove.6B.50d.txt` can pass it and get the course's
vectors.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

__all__ = [
    "WORD_VECTORS_FILE",
    "read_glove_vecs",
    "read_glove_vecs_indexed",
    "load_word_vectors",
    "word_vectors_info",
]

WORD_VECTORS_FILE = Path(__file__).resolve().parents[1] / "weights" / "word_vectors_50d.npz"
"""The vectors shipped in the package, `dl_notes/weights/word_vectors_50d.npz`.

A compressed NumPy archive with `words` (`(n,)` str, most frequent first), `vectors`
(`(n, 50)` float16) and `meta` (a JSON string: corpus, Word2Vec parameters, versions,
training time, evaluation figures). `make weights` writes it with
`scripts/train_word_vectors.py`.
"""


def _resolve(glove_file, where):
    path = WORD_VECTORS_FILE if glove_file is None else Path(glove_file)
    if not path.is_file():
        raise FileNotFoundError(
            f"{where}: the word vectors {path} are missing. They are not downloaded: the project "
            f"makes them with its own script. Run `make weights` in the repository (or "
            f"`python scripts/train_word_vectors.py --out {path}`, which needs the Debian "
            f"packages wordnet-base and fortunes): a few minutes on a CPU."
        )
    if path.suffix not in (".npz", ".txt"):
        raise ValueError(
            f"{where}: glove_file must be a .npz file written by scripts/train_word_vectors.py "
            f"or a GloVe .txt file, but {path.name!r} was given."
        )
    return path


def _read_glove_text(path, where):
    """Words and float64 vectors of a GloVe text file (`word x1 x2 ... xn` a line)."""
    words, rows = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            parts = line.rstrip().split(" ")
            if len(parts) < 2:
                continue
            if rows and len(parts) - 1 != len(rows[0]):
                raise ValueError(
                    f"{where}: line {number} of {path} has {len(parts) - 1} numbers, but the "
                    f"first line has {len(rows[0])}."
                )
            words.append(parts[0])
            rows.append(parts[1:])
    return np.array(words), np.array(rows, dtype=np.float64)


def _load(glove_file, where):
    path = _resolve(glove_file, where)
    if path.suffix == ".txt":
        return _read_glove_text(path, where)
    with np.load(path, allow_pickle=False) as data:
        return data["words"], data["vectors"].astype(np.float64)


def load_word_vectors(glove_file=None):
    r"""The word list and the embedding matrix, most frequent word first.

    Row $i$ of `vectors` is the embedding $e_w$ of `words[i]`: in the lecture's notation
    `vectors` is $E^T$, the transpose of the $(50, n)$ embedding matrix $E$, so that
    $E\,o_j = e_j$ is `vectors[j]`.

    Parameters
    ----------
    glove_file : str or pathlib.Path, optional
        A `.npz` file written by `scripts/train_word_vectors.py`, or a GloVe text file
        (`.txt`). Default: the file shipped in the package,
        [`WORD_VECTORS_FILE`][dl_notes.data.word_vectors.WORD_VECTORS_FILE].

    Returns
    -------
    words : ndarray of str, shape (n,)
        The vocabulary, lower-case (n = 25,179 for the shipped file).
    vectors : ndarray, shape (n, 50)
        float64 (stored as float16, so each entry is rounded to about 3 decimal digits).

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    return _load(glove_file, "load_word_vectors")


# --8<-- [start:read_glove_vecs]
def read_glove_vecs(glove_file=None):
    r"""The course's W2A1 loader: the set of words and a dict word -> vector.

    Same return values as the course's `read_glove_vecs('data/glove.6B.50d.txt')`; here the
    argument is optional and defaults to the project's own vectors.

    Parameters
    ----------
    glove_file : str or pathlib.Path, optional
        A `.npz` file written by `scripts/train_word_vectors.py` or a GloVe `.txt` file.
        Default: the file shipped in the package.

    Returns
    -------
    words : set of str
        The vocabulary.
    word_to_vec_map : dict
        Word -> its vector $e_w$, an ndarray of shape (50,), float64.

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    words, vectors = _load(glove_file, "read_glove_vecs")
    words = words.tolist()
    return set(words), dict(zip(words, vectors))  # each value a row (a view) of one matrix


# --8<-- [end:read_glove_vecs]


# --8<-- [start:read_glove_vecs_indexed]
def read_glove_vecs_indexed(glove_file=None):
    r"""The course's W2A2 (Emojify) loader: indices for an Embedding layer, and the vectors.

    The course's W2A2 `read_glove_vecs` returns these three values under the same name as
    W2A1's two; here it has its own name. As in the course, the words are numbered in
    alphabetical order **from 1**: index 0 is left free for padding, so an embedding matrix
    for Keras has `len(word_to_index) + 1` rows.

    Parameters
    ----------
    glove_file : str or pathlib.Path, optional
        A `.npz` file written by `scripts/train_word_vectors.py` or a GloVe `.txt` file.
        Default: the file shipped in the package.

    Returns
    -------
    word_to_index : dict
        Word -> its index, 1 to n, in alphabetical order of the words.
    index_to_word : dict
        Index -> word, the inverse of `word_to_index`.
    word_to_vec_map : dict
        Word -> its vector, an ndarray of shape (50,), float64.

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    words, vectors = _load(glove_file, "read_glove_vecs_indexed")
    words = words.tolist()
    word_to_index = {w: i for i, w in enumerate(sorted(words), start=1)}
    index_to_word = {i: w for w, i in word_to_index.items()}
    return word_to_index, index_to_word, dict(zip(words, vectors))


# --8<-- [end:read_glove_vecs_indexed]


def word_vectors_info(glove_file=None):
    """The record `scripts/train_word_vectors.py` stored with the vectors.

    Parameters
    ----------
    glove_file : str or pathlib.Path, optional
        A `.npz` file written by the script. Default: the file shipped in the package.

    Returns
    -------
    info : dict
        `corpus`, `sources_tokens` (tokens per source), `tokens`, `vocabulary`, `word2vec`
        (the parameters), `gensim`, `numpy`, `python`, `train_seconds` and `evaluation`
        (`analogy_accuracy`, `analogy_coverage`, `wordsim353_spearman`, ... as gensim computed
        them on the stored vectors).

    Raises
    ------
    FileNotFoundError
        If the file is missing; the message says to run `make weights`.
    """
    where = "word_vectors_info"
    path = _resolve(glove_file, where)
    if path.suffix != ".npz":
        raise ValueError(f"{where}: only a .npz file written by the script has a record.")
    with np.load(path, allow_pickle=False) as data:
        return json.loads(str(data["meta"]))
