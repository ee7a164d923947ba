r"""Operations on word vectors in NumPy: similarity, analogies, debiasing, evaluation, a 2-D map.

Taught in: Course 5, [week 2](../../course5/week2.md) (word embeddings, analogies, debiasing)
and its first lab,
[W2A1 · Operations on word vectors](../../course5/labs/w2a1-operations-on-word-vectors.ipynb).

A word embedding maps each word $w$ of a vocabulary to a vector $e_w \in \mathbb{R}^{50}$
(the columns of the embedding matrix $E$, $e_w = E\,o_w$). The course's four functions take
the dict `word_to_vec_map` (word -> `(50,)` array) that
[`read_glove_vecs`][dl_notes.data.word_vectors.read_glove_vecs] returns:

| function | what it computes |
|---|---|
| [`cosine_similarity`][dl_notes.word_vectors.cosine_similarity] | $\cos\theta = \frac{u \cdot v}{\lVert u\rVert_2 \lVert v\rVert_2}$ |
| [`complete_analogy`][dl_notes.word_vectors.complete_analogy] | the word $d$ with $e_b - e_a \approx e_d - e_c$ (a loop, as in the lab) |
| [`complete_analogy_vectorized`][dl_notes.word_vectors.complete_analogy_vectorized] | the same, one matrix product over the vocabulary |
| [`neutralize`][dl_notes.word_vectors.neutralize] | $e$ minus its projection on the bias axis $g$ |
| [`equalize`][dl_notes.word_vectors.equalize] | a pair such as (actor, actress) moved to be symmetric about the axis |

Beyond the lab: [`bias_direction`][dl_notes.word_vectors.bias_direction] (the axis averaged
over several pairs), [`normalize_word_vectors`][dl_notes.word_vectors.normalize_word_vectors]
(unit vectors, which `equalize` assumes), the two standard measures of a set of vectors,
[`analogy_accuracy`][dl_notes.word_vectors.analogy_accuracy] (Mikolov et al.'s 19,544
analogy questions) and [`word_similarity_correlation`][dl_notes.word_vectors.word_similarity_correlation]
(WordSim353), both computed as gensim computes them (a test holds them equal), and a 2-D
picture: [`pca_projection`][dl_notes.word_vectors.pca_projection] and
[`plot_word_vectors_2d`][dl_notes.word_vectors.plot_word_vectors_2d].

A word not in the vocabulary is a `ValueError` that names it, as is a zero vector where a
direction is needed (the course's `cosine_similarity` returns 0 for it instead).
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_ndim, check_positive

__all__ = [
    "cosine_similarity",
    "complete_analogy",
    "complete_analogy_vectorized",
    "neutralize",
    "equalize",
    "bias_direction",
    "normalize_word_vectors",
    "analogy_accuracy",
    "word_similarity_correlation",
    "spearman_correlation",
    "pca_projection",
    "plot_word_vectors_2d",
]


# --- checks ------------------------------------------------------------------------------


def _check_map(word_to_vec_map, where):
    """Check that `word_to_vec_map` is a non-empty dict of equal-length 1-D vectors; return n."""
    if not isinstance(word_to_vec_map, dict):
        raise TypeError(
            f"{where}: word_to_vec_map must be a dict word -> vector, but a "
            f"{type(word_to_vec_map).__name__} was given."
        )
    if not word_to_vec_map:
        raise ValueError(f"{where}: word_to_vec_map is empty.")
    first = next(iter(word_to_vec_map))
    n = np.shape(word_to_vec_map[first])
    if len(n) != 1:
        raise ValueError(
            f"{where}: the vectors of word_to_vec_map must be 1-D, but {first!r} has shape {n}."
        )
    return n[0]


def _vector(word, word_to_vec_map, where, name="word"):
    """The vector of `word` as a float array, or a ValueError naming the word."""
    if not isinstance(word, str):
        raise TypeError(f"{where}: {name} must be a str, but a {type(word).__name__} was given.")
    if word not in word_to_vec_map:
        raise ValueError(
            f"{where}: {name} {word!r} is not in the vocabulary of word_to_vec_map "
            f"({len(word_to_vec_map):,} words, lower-case)."
        )
    return as_array(word_to_vec_map[word], f"the vector of {word!r}", where)


def _check_axis(g, n, name, where):
    """`g` as a float array of shape (n,) and not zero."""
    g = as_array(g, name, where)
    check_ndim(g, 1, name, where, "(n,)")
    if g.shape[0] != n:
        raise ValueError(f"{where}: {name} has {g.shape[0]} entries but the word vectors have {n}.")
    if not np.any(g):
        raise ValueError(f"{where}: {name} is the zero vector, which has no direction.")
    return g


def _matrix(word_to_vec_map, where):
    """The words and the (n_words, n) matrix of a word_to_vec_map, in the dict's order."""
    _check_map(word_to_vec_map, where)
    words = list(word_to_vec_map)
    try:
        E = np.array([word_to_vec_map[w] for w in words], dtype=np.float64)
    except (ValueError, TypeError):
        E = None
    if E is None or E.ndim != 2:
        raise ValueError(
            f"{where}: every vector of word_to_vec_map must be a 1-D array of numbers of the "
            f"same length."
        )
    return words, E


# --- the course's functions --------------------------------------------------------------


# --8<-- [start:cosine_similarity]
def cosine_similarity(u, v):
    r"""Cosine of the angle between two word vectors.

    $$\text{CosineSimilarity}(u, v) = \frac{u \cdot v}{\lVert u\rVert_2\, \lVert v\rVert_2}
    = \cos\theta ,$$

    1 for vectors pointing the same way, 0 for orthogonal ones, -1 for opposite ones;
    unchanged when either vector is scaled.

    Parameters
    ----------
    u : ndarray, shape (n,)
    v : ndarray, shape (n,)

    Returns
    -------
    cosine_similarity : float

    Raises
    ------
    ValueError
        If the shapes differ or either vector is zero (the course's version returns 0 then;
        here the angle is undefined, so it is an error).
    """
    where = "cosine_similarity"
    u, v = as_array(u, "u", where), as_array(v, "v", where)
    check_ndim(u, 1, "u", where, "(n,)")
    if v.shape != u.shape:
        raise ValueError(
            f"{where}: u and v must have the same shape (n,), but u has shape {u.shape} and v "
            f"has shape {v.shape}."
        )
    for name, x in (("u", u), ("v", v)):
        if not np.any(x):
            raise ValueError(f"{where}: {name} is the zero vector; its angle is undefined.")
    return _cosine_similarity(u, v)


def _cosine_similarity(u, v):
    dot = np.dot(u, v)
    norm_u = np.sqrt(np.sum(u * u))
    norm_v = np.sqrt(np.sum(v * v))
    return float(dot / (norm_u * norm_v))


# --8<-- [end:cosine_similarity]


def _check_analogy(word_a, word_b, word_c, word_to_vec_map, where):
    _check_map(word_to_vec_map, where)
    # As in the course, the query is lower-cased (GloVe's words are lower-case).
    words = []
    for name, word in (("word_a", word_a), ("word_b", word_b), ("word_c", word_c)):
        if not isinstance(word, str):
            raise TypeError(
                f"{where}: {name} must be a str, but a {type(word).__name__} was given."
            )
        words.append(word.lower())
    e_a, e_b, e_c = (
        _vector(w, word_to_vec_map, where, name)
        for w, name in zip(words, ("word_a", "word_b", "word_c"))
    )
    if not np.any(e_b - e_a):
        raise ValueError(
            f"{where}: word_a {words[0]!r} and word_b {words[1]!r} have the same vector, so "
            f"e_b - e_a has no direction."
        )
    return (*words, e_a, e_b, e_c)


# --8<-- [start:complete_analogy]
def complete_analogy(word_a, word_b, word_c, word_to_vec_map, *, exclude_inputs=False):
    r"""Complete "a is to b as c is to ____", looping over the vocabulary as the lab does.

    Returns the word $d$ whose offset from $c$ points most nearly the way $b$'s offset from
    $a$ does:

    $$d = \arg\max_{w \neq c}\ \text{CosineSimilarity}(e_b - e_a,\; e_w - e_c) .$$

    As in the course, only `word_c` is excluded by default (so "a : b :: a : ?" can answer
    b); `exclude_inputs=True` (ours) excludes all three query words, as the course's first
    version of the lab and gensim do. Words whose vector equals $e_c$ are skipped (no
    direction), and ties go to the first word in the dict's order. Where the course's
    version returns a word when $e_a = e_b$ (every similarity is then its "0"), this one
    raises.

    Parameters
    ----------
    word_a, word_b, word_c : str
        The query; lower-cased first, as in the course.
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).
    exclude_inputs : bool, default False
        Also exclude `word_a` and `word_b` from the answers (ours; keyword only).

    Returns
    -------
    best_word : str
        The answer.

    Raises
    ------
    ValueError
        If a word is not in the vocabulary (the message names it) or $e_a = e_b$.
    """
    word_a, word_b, word_c, e_a, e_b, e_c = _check_analogy(
        word_a, word_b, word_c, word_to_vec_map, "complete_analogy"
    )
    skip = {word_a, word_b, word_c} if exclude_inputs else {word_c}
    max_cosine_sim = -np.inf  # the course starts at -100
    best_word = None
    for w in word_to_vec_map:
        if w in skip:  # the answer must differ from the query word c
            continue
        d = np.asarray(word_to_vec_map[w], dtype=np.float64) - e_c
        if not np.any(d):  # a copy of e_c: no direction (the course's test has none)
            continue
        cosine_sim = _cosine_similarity(e_b - e_a, d)
        if cosine_sim > max_cosine_sim:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word


# --8<-- [end:complete_analogy]


# --8<-- [start:complete_analogy_vectorized]
def complete_analogy_vectorized(word_a, word_b, word_c, word_to_vec_map, *, exclude_inputs=False):
    r"""[`complete_analogy`][dl_notes.word_vectors.complete_analogy] without the Python loop.

    Stacks the vectors into a matrix $E$ with one word a row, and computes every
    $\text{CosineSimilarity}(e_b - e_a, e_w - e_c)$ at once:
    $D = E - e_c$, $\; s = D\,(e_b - e_a) \,/\, (\lVert D_w\rVert_2\,\lVert e_b - e_a\rVert_2)$.
    Same answer as the loop (a test holds them equal).

    Parameters
    ----------
    word_a, word_b, word_c : str
        The query; lower-cased first.
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).
    exclude_inputs : bool, default False
        Also exclude `word_a` and `word_b` from the answers (ours; keyword only).

    Returns
    -------
    best_word : str
        The answer.

    Raises
    ------
    ValueError
        If a word is not in the vocabulary (the message names it) or $e_a = e_b$.
    """
    word_a, word_b, word_c, e_a, e_b, e_c = _check_analogy(
        word_a, word_b, word_c, word_to_vec_map, "complete_analogy_vectorized"
    )
    words, E = _matrix(word_to_vec_map, "complete_analogy_vectorized")
    D = E - e_c  # (n_words, n): every e_w - e_c
    target = e_b - e_a  # (n,)
    norms = np.sqrt(np.sum(D * D, axis=1))  # (n_words,)
    with np.errstate(divide="ignore", invalid="ignore"):
        sims = (D @ target) / (norms * np.sqrt(np.sum(target * target)))  # (n_words,)
    sims[norms == 0] = -np.inf  # word_c itself and copies of it
    for w in {word_a, word_b, word_c} if exclude_inputs else {word_c}:
        sims[words.index(w)] = -np.inf
    return words[int(np.argmax(sims))]  # the first maximum, as the loop's strict ">"


# --8<-- [end:complete_analogy_vectorized]


def _projection(e, g):
    """The component of e (shape (n,) or (k, n)) along g: (e . g / ||g||^2) g."""
    return np.multiply.outer(e @ g / np.sum(g * g), g)


# --8<-- [start:neutralize]
def neutralize(word, g, word_to_vec_map):
    r"""Remove the bias of a word that should be neutral (such as "receptionist").

    Projects $e$ on the space orthogonal to the bias axis $g$:

    $$e^{bias\_component} = \frac{e \cdot g}{\lVert g\rVert_2^2}\, g , \qquad
    e^{debiased} = e - e^{bias\_component} ,$$

    so that $e^{debiased} \cdot g = 0$.

    Parameters
    ----------
    word : str
        The word to debias.
    g : ndarray, shape (n,)
        The bias axis, e.g. $e_{woman} - e_{man}$.
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).

    Returns
    -------
    e_debiased : ndarray, shape (n,)
        The neutralized vector (the dict is not changed).

    Raises
    ------
    ValueError
        If the word is not in the vocabulary, or `g` is zero or has the wrong length.
    """
    where = "neutralize"
    n = _check_map(word_to_vec_map, where)
    e = _vector(word, word_to_vec_map, where)
    g = _check_axis(g, n, "g", where)
    return _neutralize(e, g)


def _neutralize(e, g):
    e_biascomponent = _projection(e, g)
    e_debiased = e - e_biascomponent
    return e_debiased


# --8<-- [end:neutralize]


# --8<-- [start:equalize]
def equalize(pair, bias_axis, word_to_vec_map):
    r"""Make a pair of gender-specific words (such as actor, actress) symmetric about the axis.

    With $B$ the bias axis, the pair is moved so that both words share the same component
    orthogonal to $B$ and have opposite components along it, of the size that keeps unit
    vectors at unit length:

    $$\mu = \frac{e_{w1} + e_{w2}}{2}, \quad
    \mu_B = \frac{\mu \cdot B}{\lVert B\rVert_2^2} B, \quad \mu_\perp = \mu - \mu_B,$$

    $$e_{w1B} = \frac{e_{w1} \cdot B}{\lVert B\rVert_2^2} B, \quad
    e_{w2B} = \frac{e_{w2} \cdot B}{\lVert B\rVert_2^2} B,$$

    $$e_{w1B}^{corrected} = \sqrt{\lvert 1 - \lVert\mu_\perp\rVert_2^2\rvert}\;
    \frac{e_{w1B} - \mu_B}{\lVert (e_{w1} - \mu_\perp) - \mu_B\rVert_2}, \quad
    e_{w2B}^{corrected} = \sqrt{\lvert 1 - \lVert\mu_\perp\rVert_2^2\rvert}\;
    \frac{e_{w2B} - \mu_B}{\lVert (e_{w2} - \mu_\perp) - \mu_B\rVert_2},$$

    $$e_1 = e_{w1B}^{corrected} + \mu_\perp , \qquad e_2 = e_{w2B}^{corrected} + \mu_\perp .$$

    Both then lie at the same distance from every vector orthogonal to $B$ (for instance a
    neutralized word), and $e_1 \cdot B = -e_2 \cdot B$. The formula assumes unit vectors,
    as the course's lab does (it calls this on `word_to_vec_map_unit_vectors`; see
    [`normalize_word_vectors`][dl_notes.word_vectors.normalize_word_vectors]).

    Parameters
    ----------
    pair : tuple of str
        The two words, e.g. `("man", "woman")`.
    bias_axis : ndarray, shape (n,)
        The bias axis $B$, e.g. $e_{woman} - e_{man}$.
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).

    Returns
    -------
    e_1 : ndarray, shape (n,)
        The new vector of the first word.
    e_2 : ndarray, shape (n,)
        The new vector of the second word.

    Raises
    ------
    ValueError
        If a word is not in the vocabulary, the pair is not two words, the two vectors are
        equal, or `bias_axis` is zero or has the wrong length.
    """
    where = "equalize"
    n = _check_map(word_to_vec_map, where)
    if isinstance(pair, str) or len(pair) != 2:
        raise ValueError(f"{where}: pair must be two words such as ('man', 'woman'), not {pair!r}.")
    w1, w2 = pair
    e_w1 = _vector(w1, word_to_vec_map, where, "pair[0]")
    e_w2 = _vector(w2, word_to_vec_map, where, "pair[1]")
    bias_axis = _check_axis(bias_axis, n, "bias_axis", where)
    if not np.any(e_w1 - e_w2):
        raise ValueError(f"{where}: {w1!r} and {w2!r} have the same vector; nothing to equalize.")
    return _equalize(e_w1, e_w2, bias_axis)


def _equalize(e_w1, e_w2, bias_axis):
    mu = (e_w1 + e_w2) / 2
    mu_B = _projection(mu, bias_axis)
    mu_orth = mu - mu_B
    e_w1B = _projection(e_w1, bias_axis)
    e_w2B = _projection(e_w2, bias_axis)
    scale = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    corrected_e_w1B = scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
    corrected_e_w2B = scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    e1 = corrected_e_w1B + mu_orth
    e2 = corrected_e_w2B + mu_orth
    return e1, e2


# --8<-- [end:equalize]


def bias_direction(pairs, word_to_vec_map):
    r"""A bias axis averaged over several pairs, steadier than one difference.

    $$g = \frac{1}{K} \sum_{k=1}^{K} \left(e_{a_k} - e_{b_k}\right) ,$$

    for instance over (woman, man), (mother, father), (girl, boy), as the lecture suggests.
    With one pair it is the lab's $g = e_{woman} - e_{man}$.

    Parameters
    ----------
    pairs : sequence of (str, str)
        The pairs $(a_k, b_k)$, each in the same order (e.g. female word first).
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).

    Returns
    -------
    g : ndarray, shape (n,)

    Raises
    ------
    ValueError
        If there is no pair, a pair is not two words, or a word is not in the vocabulary.
    """
    where = "bias_direction"
    _check_map(word_to_vec_map, where)
    if isinstance(pairs, str) or len(pairs) == 0:
        raise ValueError(f"{where}: pairs must be a non-empty list of (word, word) pairs.")
    diffs = []
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2:
            raise ValueError(f"{where}: each pair must be two words, but {pair!r} was given.")
        a, b = pair
        diffs.append(_vector(a, word_to_vec_map, where) - _vector(b, word_to_vec_map, where))
    return np.mean(diffs, axis=0)


def normalize_word_vectors(word_to_vec_map):
    r"""The same dict with every vector scaled to unit length, $e_w / \lVert e_w\rVert_2$.

    The course's lab builds this (`word_to_vec_map_unit_vectors`) before it calls
    [`equalize`][dl_notes.word_vectors.equalize], whose formula assumes unit vectors.

    Parameters
    ----------
    word_to_vec_map : dict
        Word -> ndarray of shape (n,), none of them zero.

    Returns
    -------
    word_to_vec_map_unit_vectors : dict
        Word -> ndarray of shape (n,), float64, of norm 1.

    Raises
    ------
    ValueError
        If a vector is zero (the message names its word).
    """
    words, E = _matrix(word_to_vec_map, "normalize_word_vectors")
    norms = np.sqrt(np.sum(E * E, axis=1, keepdims=True))  # (n_words, 1)
    if np.any(norms == 0):
        word = words[int(np.argmin(norms[:, 0]))]
        raise ValueError(f"normalize_word_vectors: the vector of {word!r} is zero.")
    return dict(zip(words, E / norms))


# --- evaluation (as gensim computes it) ----------------------------------------------------


def _gensim_datapath(name, where):
    try:
        from gensim.test.utils import datapath
    except ImportError as err:
        raise ImportError(
            f"{where}: the default test set {name} ships with gensim's test data, and gensim is "
            f"not installed. Install it with: pip install gensim  (or: pip install "
            f"'dl-notes[data]'), or pass the file."
        ) from err
    return datapath(name)


def _check_words_vectors(words, vectors, where):
    vectors = as_array(vectors, "vectors", where)
    check_ndim(vectors, 2, "vectors", where, "(n_words, n)")
    words = list(words)
    if len(words) != vectors.shape[0]:
        raise ValueError(
            f"{where}: words has {len(words)} entries but vectors has {vectors.shape[0]} rows; "
            f"row i must be the vector of words[i]."
        )
    return words, vectors


def analogy_accuracy(words, vectors, questions_file=None, restrict_vocab=300000):
    r"""Accuracy on analogy questions "a b c d" (a is to b as c is to d), as gensim scores it.

    For each question whose four words are among the `restrict_vocab` first words (lower
    case), the prediction is the word $w \notin \{a, b, c\}$ that maximises
    $\hat e_w \cdot (\hat e_b - \hat e_a + \hat e_c)$ with unit vectors
    $\hat e = e / \lVert e\rVert_2$ ("3CosAdd", gensim's `most_similar`); questions with an
    unknown word are left out and counted in the coverage. This is the figure gensim's
    `KeyedVectors.evaluate_word_analogies` reports (a test holds them equal). It differs
    from the lab's [`complete_analogy`][dl_notes.word_vectors.complete_analogy], which
    compares the offsets $e_b - e_a$ and $e_w - e_c$ and excludes only $c$.

    Parameters
    ----------
    words : sequence of str, length n_words
        The vocabulary, most frequent first.
    vectors : ndarray, shape (n_words, n)
        Row $i$ is the vector of `words[i]`.
    questions_file : str or pathlib.Path, optional
        Mikolov et al.'s format (`: section` lines, then `a b c d`). Default: gensim's
        `questions-words.txt` (19,544 questions in 14 sections).
    restrict_vocab : int, default 300000
        Only the first `restrict_vocab` words are used, as in gensim.

    Returns
    -------
    result : dict
        `accuracy` (float), `correct`, `questions_in_vocabulary`, `questions` (ints),
        `coverage` (the fraction of questions in the vocabulary) and `sections`
        (section name -> `(correct, in vocabulary)`).

    Raises
    ------
    ValueError
        If `words` and `vectors` do not match.
    """
    where = "analogy_accuracy"
    words, vectors = _check_words_vectors(words, vectors, where)
    check_positive(restrict_vocab, "restrict_vocab", where, integer=True)
    path = questions_file or _gensim_datapath("questions-words.txt", where)
    words = [w.lower() for w in words[:restrict_vocab]]
    index = {}
    for i in reversed(range(len(words))):  # the first of duplicate words wins, as in gensim
        index[words[i]] = i
    E = vectors[: len(words)].astype(np.float32)  # gensim's precision
    E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), np.finfo(np.float32).tiny)
    sections, questions, section = {}, [], None
    n_questions = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(":"):
                section = line[1:].strip()
                sections[section] = [0, 0]
                continue
            parts = line.lower().split()
            if len(parts) != 4:
                continue
            n_questions += 1
            if all(p in index for p in parts):
                questions.append((section, *(index[p] for p in parts)))
    correct = 0
    for start in range(0, len(questions), 512):  # (512, n_words) scores at a time
        batch = np.array([q[1:] for q in questions[start : start + 512]], dtype=np.int64)
        target = E[batch[:, 1]] - E[batch[:, 0]] + E[batch[:, 2]]  # (k, n)
        scores = target @ E.T  # (k, n_words); the norm of target does not change the argmax
        rows = np.arange(len(batch))[:, None]
        scores[rows, batch[:, :3]] = -np.inf  # a, b and c are not answers
        hit = scores.argmax(axis=1) == batch[:, 3]
        for (name, *_), h in zip(questions[start : start + 512], hit):
            sections[name][0] += int(h)
            sections[name][1] += 1
        correct += int(hit.sum())
    n_in = len(questions)
    return {
        "accuracy": correct / n_in if n_in else 0.0,
        "correct": correct,
        "questions_in_vocabulary": n_in,
        "questions": n_questions,
        "coverage": n_in / n_questions if n_questions else 0.0,
        "sections": {k: tuple(v) for k, v in sections.items()},
    }


def _ranks(x):
    """Ranks 1..n of x, ties given their average rank (as scipy.stats.rankdata)."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=np.float64)
    ranks[order] = np.arange(1, len(x) + 1)
    values, inverse = np.unique(x, return_inverse=True)
    sums = np.bincount(inverse, weights=ranks)
    counts = np.bincount(inverse)
    return (sums / counts)[inverse]


def spearman_correlation(x, y):
    r"""Spearman's rank correlation $\rho$: the Pearson correlation of the ranks.

    $$\rho = \frac{\operatorname{cov}(r_x, r_y)}{\sigma_{r_x}\, \sigma_{r_y}},$$

    with tied values given their average rank (as `scipy.stats.spearmanr`).

    Parameters
    ----------
    x : ndarray, shape (k,)
    y : ndarray, shape (k,)

    Returns
    -------
    rho : float
        In [-1, 1].

    Raises
    ------
    ValueError
        If the shapes differ, there are fewer than 2 values, or one of them is constant.
    """
    where = "spearman_correlation"
    x, y = as_array(x, "x", where), as_array(y, "y", where)
    check_ndim(x, 1, "x", where, "(k,)")
    if y.shape != x.shape or len(x) < 2:
        raise ValueError(
            f"{where}: x and y must have the same shape (k,) with k >= 2, but x has shape "
            f"{x.shape} and y has shape {y.shape}."
        )
    if np.all(x == x[0]) or np.all(y == y[0]):
        raise ValueError(f"{where}: x or y is constant, so its ranks have no spread.")
    return float(np.corrcoef(_ranks(x), _ranks(y))[0, 1])


def word_similarity_correlation(words, vectors, pairs_file=None):
    r"""How well cosine similarity ranks word pairs as people do (WordSim353), as gensim does.

    For the pairs whose two words are in the vocabulary (lower case), the Spearman
    correlation $\rho$ between the human scores and
    $\text{CosineSimilarity}(e_{w_1}, e_{w_2})$; pairs with an unknown word are left out
    and counted in `oov_ratio`. The figures of gensim's `KeyedVectors.evaluate_word_pairs`
    (a test holds them equal).

    Parameters
    ----------
    words : sequence of str, length n_words
        The vocabulary.
    vectors : ndarray, shape (n_words, n)
        Row $i$ is the vector of `words[i]`.
    pairs_file : str or pathlib.Path, optional
        Tab-separated `word1 word2 score` lines, `#` comments. Default: gensim's
        `wordsim353.tsv` (353 pairs).

    Returns
    -------
    result : dict
        `spearman` and `pearson` (floats), `pairs_in_vocabulary`, `pairs` (ints) and
        `oov_ratio` (the percentage of pairs left out, as gensim reports it).

    Raises
    ------
    ValueError
        If `words` and `vectors` do not match, or fewer than 2 pairs are in the vocabulary.
    """
    where = "word_similarity_correlation"
    words, vectors = _check_words_vectors(words, vectors, where)
    path = pairs_file or _gensim_datapath("wordsim353.tsv", where)
    index = {}
    for i in reversed(range(len(words))):
        index[words[i].lower()] = i
    gold, pairs, n_pairs = [], [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.strip().lower().split("\t")
            if len(parts) != 3:
                continue
            n_pairs += 1
            a, b, score = parts
            if a in index and b in index:
                pairs.append((index[a], index[b]))
                gold.append(float(score))
    if len(pairs) < 2:
        raise ValueError(f"{where}: fewer than 2 of the {n_pairs} pairs are in the vocabulary.")
    pairs = np.array(pairs)
    A, B = vectors[pairs[:, 0]], vectors[pairs[:, 1]]  # (k, n) each
    sims = np.sum(A * B, axis=1) / (np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1))
    gold = np.array(gold)
    return {
        "spearman": spearman_correlation(gold, sims),
        "pearson": float(np.corrcoef(gold, sims)[0, 1]),
        "pairs_in_vocabulary": len(pairs),
        "pairs": n_pairs,
        "oov_ratio": 100 * (n_pairs - len(pairs)) / n_pairs,
    }


# --- a 2-D picture ---------------------------------------------------------------------------


def pca_projection(X, n_components=2):
    r"""Principal component analysis with NumPy's SVD: the best $k$-D view of the rows of X.

    With $\bar x$ the mean row and $X - \bar x = U \Sigma V^T$, the projection is
    $Z = (X - \bar x)\, V_{:, :k}$: the $k$ orthogonal directions of largest variance. The
    sign of each direction is fixed so that its largest entry is positive (SVD leaves it
    free), so the picture does not flip from one machine to another.

    Parameters
    ----------
    X : ndarray, shape (m, n)
        One point (e.g. one word vector) a row; m >= 2.
    n_components : int, default 2
        k, at most min(m, n).

    Returns
    -------
    Z : ndarray, shape (m, k)
        The coordinates.
    components : ndarray, shape (k, n)
        The directions, orthonormal rows.
    explained_variance_ratio : ndarray, shape (k,)
        The share of the total variance along each direction.

    Raises
    ------
    ValueError
        If X is not 2-D with at least 2 rows, or `n_components` is too large.
    """
    where = "pca_projection"
    X = as_array(X, "X", where)
    check_ndim(X, 2, "X", where, "(m, n)")
    check_positive(n_components, "n_components", where, integer=True)
    if X.shape[0] < 2 or n_components > min(X.shape):
        raise ValueError(
            f"{where}: X of shape {X.shape} needs at least 2 rows and n_components <= "
            f"{min(X.shape)}, but n_components is {n_components}."
        )
    Xc = X - X.mean(axis=0)
    _, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    components = Vt[:n_components]  # (k, n)
    signs = np.sign(components[np.arange(n_components), np.abs(components).argmax(axis=1)])
    components = components * signs[:, None]
    variance = S**2
    return Xc @ components.T, components, variance[:n_components] / variance.sum()


def plot_word_vectors_2d(words, word_to_vec_map, ax=None, title=None, groups=None):
    """Scatter words at their first two principal components, each labelled.

    Parameters
    ----------
    words : sequence of str
        The words to draw (at least 2); the PCA is fitted on their vectors.
    word_to_vec_map : dict
        Word -> ndarray of shape (n,).
    ax : matplotlib Axes, optional
        Where to draw; default: a new figure.
    title : str, optional
    groups : sequence of int, optional
        One group number per word; each group gets its own colour.

    Returns
    -------
    ax : matplotlib Axes

    Raises
    ------
    ValueError
        If a word is not in the vocabulary (the message names it).
    """
    import matplotlib.pyplot as plt

    where = "plot_word_vectors_2d"
    _check_map(word_to_vec_map, where)
    words = list(words)
    X = np.array([_vector(w, word_to_vec_map, where) for w in words])
    if groups is not None and len(groups) != len(words):
        raise ValueError(
            f"{where}: groups has {len(groups)} entries but there are {len(words)} words."
        )
    Z, _, ratio = pca_projection(X, 2)
    ax = ax or plt.subplots(figsize=(6, 4.5))[1]
    colours = None if groups is None else [f"C{int(k) % 10}" for k in groups]
    ax.scatter(Z[:, 0], Z[:, 1], s=14, c=colours or "C0")
    for (x, y), w in zip(Z, words):
        ax.annotate(w, (x, y), xytext=(3, 2), textcoords="offset points", fontsize=8)
    ax.set_xlabel(f"PC 1 ({ratio[0]:.0%} of the variance)")
    ax.set_ylabel(f"PC 2 ({ratio[1]:.0%})")
    if title:
        ax.set_title(title)
    return ax
