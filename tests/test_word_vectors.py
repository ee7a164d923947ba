"""dl_notes.word_vectors: hand cases, loop == vectorised, debiasing, gensim parity, bad input.

The course's toy analogy map (W2A1's `complete_analogy_test`) is reproduced here; the real
vectors are the shipped file (`dl_notes/weights/word_vectors_50d.npz`), and the evaluation
figures are compared with gensim's `KeyedVectors.evaluate_word_analogies` /
`evaluate_word_pairs` on the same vectors.
"""

import numpy as np
import pytest

from dl_notes.data.word_vectors import load_word_vectors, read_glove_vecs, word_vectors_info
from dl_notes.word_vectors import (
    analogy_accuracy,
    bias_direction,
    complete_analogy,
    complete_analogy_vectorized,
    cosine_similarity,
    equalize,
    neutralize,
    normalize_word_vectors,
    pca_projection,
    plot_word_vectors_2d,
    spearman_correlation,
    word_similarity_correlation,
)

TRIADS = [
    ("italy", "italian", "spain"),
    ("india", "delhi", "japan"),
    ("man", "woman", "boy"),
    ("small", "smaller", "large"),
    ("man", "woman", "king"),
    ("good", "better", "bad"),
    ("france", "french", "germany"),
]
NEUTRAL = ["nurse", "doctor", "engineer", "teacher", "lipstick", "science", "fashion"]


@pytest.fixture(scope="module")
def glove():
    """The shipped vectors as the lab loads them: (words, word_to_vec_map)."""
    return read_glove_vecs()


@pytest.fixture(scope="module")
def matrix():
    return load_word_vectors()


@pytest.fixture
def toy_map():
    """The course's `complete_analogy_test` map: 2-D vectors around 'a' and 'c'."""
    vectors = {
        "a": [3, 3],
        "synonym_of_a": [3, 3],
        "a_nw": [2, 4],
        "a_s": [3, 2],
        "c": [-2, 1],
        "c_n": [-2, 2],
        "c_ne": [-1, 2],
        "c_e": [-1, 1],
        "c_se": [-1, 0],
        "c_s": [-2, 0],
        "c_sw": [-3, 0],
        "c_w": [-3, 1],
        "c_nw": [-3, 2],
    }
    return {k: np.array(v) for k, v in vectors.items()}


# --- cosine similarity ------------------------------------------------------------------


def test_cosine_similarity_hand_cases():
    assert cosine_similarity(np.array([1.0, 0.0]), np.array([1.0, 1.0])) == pytest.approx(
        1 / np.sqrt(2), abs=1e-15
    )
    assert cosine_similarity(np.array([3.0, 4.0]), np.array([4.0, 3.0])) == pytest.approx(24 / 25)
    assert cosine_similarity([1, 2], [-2, 1]) == 0.0
    assert cosine_similarity([1, 2], [-1, -2]) == pytest.approx(-1)


def test_cosine_similarity_matches_scipy_and_is_scale_free(rng):
    distance = pytest.importorskip("scipy.spatial.distance")
    for _ in range(5):
        u, v = rng.standard_normal(50), rng.standard_normal(50)
        assert cosine_similarity(u, v) == pytest.approx(1 - distance.cosine(u, v), abs=1e-14)
        assert cosine_similarity(2 * u, 4 * v) == pytest.approx(cosine_similarity(u, v), abs=1e-14)
        assert cosine_similarity(u, u) == pytest.approx(1.0, abs=1e-14)


def test_cosine_similarity_of_the_course_examples(glove):
    _, m = glove
    # father/mother are close, ball/crocodile much less so (GloVe: 0.89 and 0.27).
    assert cosine_similarity(m["father"], m["mother"]) > 0.8
    assert cosine_similarity(m["ball"], m["crocodile"]) < 0.5


def test_cosine_similarity_bad_input():
    with pytest.raises(ValueError, match=r"u is the zero vector"):
        cosine_similarity(np.zeros(3), np.ones(3))
    with pytest.raises(ValueError, match=r"v is the zero vector"):
        cosine_similarity(np.ones(3), np.zeros(3))
    with pytest.raises(ValueError, match=r"same shape \(n,\).*\(3,\).*\(4,\)"):
        cosine_similarity(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match=r"u must be a 1-D array"):
        cosine_similarity(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(TypeError, match=r"u must be a NumPy array"):
        cosine_similarity("king", np.ones(3))


# --- analogies ------------------------------------------------------------------------------


def test_complete_analogy_passes_the_course_toy_test(toy_map):
    for fn in (complete_analogy, complete_analogy_vectorized):
        assert fn("a", "a_nw", "c", toy_map) == "c_nw"
        assert fn("a", "a_s", "c", toy_map) == "c_s"
        assert fn("a", "c", "a", toy_map) == "c"  # only word_c is excluded
        assert fn("A", "A_S", "C", toy_map) == "c_s"  # the query is lower-cased
        # ours: with all three query words excluded, "a : c :: a : ?" cannot answer c
        assert fn("a", "c", "a", toy_map, exclude_inputs=True) != "c"


def test_loop_and_vectorised_analogies_agree_on_real_vectors(glove):
    _, m = glove
    for triad in TRIADS[2:4]:  # the loop takes about 1 s a call
        for exclude in (False, True):
            loop = complete_analogy(*triad, m, exclude_inputs=exclude)
            assert loop == complete_analogy_vectorized(*triad, m, exclude_inputs=exclude), triad


def test_loop_and_vectorised_analogies_agree_on_random_maps(rng):
    for _ in range(20):
        m = {f"w{i}": rng.standard_normal(4) for i in range(30)}
        a, b, c = rng.choice(30, 3, replace=False)
        triad = (f"w{a}", f"w{b}", f"w{c}")
        assert complete_analogy(*triad, m) == complete_analogy_vectorized(*triad, m)


def test_what_our_vectors_get_right_and_wrong(glove):
    """The lab's claims: with all inputs excluded these work, the capitals fail."""
    _, m = glove
    right = {
        ("small", "smaller", "large"): "larger",
        ("good", "better", "bad"): "worse",
        ("man", "woman", "father"): "mother",
        ("france", "french", "germany"): "german",
    }
    for triad, answer in right.items():
        assert complete_analogy_vectorized(*triad, m, exclude_inputs=True) == answer
    assert complete_analogy_vectorized("india", "delhi", "japan", m, exclude_inputs=True) != "tokyo"
    # the course's rule (only c excluded) answers word_b itself here
    assert complete_analogy_vectorized("italy", "italian", "spain", m) == "italian"


def test_complete_analogy_bad_input(toy_map):
    for fn in (complete_analogy, complete_analogy_vectorized):
        with pytest.raises(ValueError, match=r"word_b 'queen' is not in the vocabulary"):
            fn("a", "queen", "c", toy_map)
        with pytest.raises(ValueError, match=r"same vector, so e_b - e_a has no direction"):
            fn("a", "synonym_of_a", "c", toy_map)
        with pytest.raises(TypeError, match=r"word_c must be a str"):
            fn("a", "c", 3, toy_map)
        with pytest.raises(TypeError, match=r"word_to_vec_map must be a dict"):
            fn("a", "c", "a", list(toy_map))
        with pytest.raises(ValueError, match=r"word_to_vec_map is empty"):
            fn("a", "c", "a", {})
    with pytest.raises(ValueError, match=r"same length"):
        complete_analogy_vectorized("a", "c", "c_n", toy_map | {"odd": np.ones(3)})


# --- debiasing ------------------------------------------------------------------------------


def test_neutralize_hand_case():
    m = {"nurse": np.array([1.0, 1.0, 2.0])}
    np.testing.assert_allclose(neutralize("nurse", np.array([2.0, 0.0, 0.0]), m), [0, 1, 2])
    np.testing.assert_array_equal(m["nurse"], [1, 1, 2])  # the dict is not changed


def test_neutralize_leaves_no_projection_on_g(glove):
    _, m = glove
    for g in (m["woman"] - m["man"], bias_direction([("woman", "man"), ("girl", "boy")], m)):
        for word in NEUTRAL:
            before = cosine_similarity(m[word], g)
            after = neutralize(word, g, m)
            assert abs(np.dot(after, g)) < 1e-12 * np.linalg.norm(after) * np.linalg.norm(g)
            # only the component along g changed
            np.testing.assert_allclose(m[word] - after, np.dot(m[word], g) / g.dot(g) * g)
            assert abs(before) > 1e-3


def test_equalize_hand_case():
    # B = x axis, e_w1 = (0.8, 0.6), e_w2 = (-0.6, 0.8): mu = (0.1, 0.7), mu_orth = (0, 0.7),
    # |e_w1 - mu| = |e_w2 - mu| = sqrt(0.5), so e_1,2 = (+-0.7 sqrt(0.51 / 0.5), 0.7).
    m = {"w1": np.array([0.8, 0.6]), "w2": np.array([-0.6, 0.8])}
    e1, e2 = equalize(("w1", "w2"), np.array([1.0, 0.0]), m)
    x = 0.7 * np.sqrt(0.51 / 0.5)
    np.testing.assert_allclose(e1, [x, 0.7], atol=1e-15)
    np.testing.assert_allclose(e2, [-x, 0.7], atol=1e-15)


def test_equalized_pairs_are_equidistant_from_neutral_words(glove):
    _, m = glove
    unit = normalize_word_vectors(m)
    g = unit["woman"] - unit["man"]
    neutral = [neutralize(w, g, unit) for w in NEUTRAL]
    for pair in [("man", "woman"), ("actor", "actress"), ("boy", "girl"), ("king", "queen")]:
        before = [
            np.linalg.norm(unit[pair[0]] - n) - np.linalg.norm(unit[pair[1]] - n) for n in neutral
        ]
        e1, e2 = equalize(pair, g, unit)
        after = [np.linalg.norm(e1 - n) - np.linalg.norm(e2 - n) for n in neutral]
        assert max(abs(d) for d in after) < 1e-12
        if pair != ("man", "woman"):  # (unit vectors with g = e_woman - e_man: already were)
            assert max(abs(d) for d in before) > 1e-3  # the others were not before
        assert cosine_similarity(e1, g) == pytest.approx(-cosine_similarity(e2, g), abs=1e-12)


def test_bias_direction_is_the_mean_difference():
    m = {"a": np.array([1.0, 2.0]), "b": np.array([0.0, 1.0]), "c": np.array([3.0, 0.0])}
    np.testing.assert_array_equal(bias_direction([("a", "b")], m), [1, 1])
    np.testing.assert_allclose(bias_direction([("a", "b"), ("c", "b")], m), [2, 0])


def test_normalize_word_vectors(glove):
    _, m = glove
    unit = normalize_word_vectors(m)
    assert list(unit) == list(m)
    norms = np.linalg.norm(np.array(list(unit.values())), axis=1)
    np.testing.assert_allclose(norms, 1, atol=1e-12)


def test_debiasing_bad_input():
    m = {"a": np.array([1.0, 2.0]), "b": np.array([0.0, 1.0]), "z": np.zeros(2)}
    with pytest.raises(ValueError, match=r"word 'nurse' is not in the vocabulary"):
        neutralize("nurse", np.ones(2), m)
    with pytest.raises(ValueError, match=r"g is the zero vector"):
        neutralize("a", np.zeros(2), m)
    with pytest.raises(ValueError, match=r"g has 3 entries but the word vectors have 2"):
        neutralize("a", np.ones(3), m)
    with pytest.raises(ValueError, match=r"pair must be two words"):
        equalize("ab", np.ones(2), m)
    with pytest.raises(ValueError, match=r"pair\[1\] 'c' is not in the vocabulary"):
        equalize(("a", "c"), np.ones(2), m)
    with pytest.raises(ValueError, match=r"'a' and 'a' have the same vector"):
        equalize(("a", "a"), np.ones(2), m)
    with pytest.raises(ValueError, match=r"bias_axis is the zero vector"):
        equalize(("a", "b"), np.zeros(2), m)
    with pytest.raises(ValueError, match=r"pairs must be a non-empty list"):
        bias_direction([], m)
    with pytest.raises(ValueError, match=r"each pair must be two words, but 'ab'"):
        bias_direction(["ab"], m)
    with pytest.raises(ValueError, match=r"the vector of 'z' is zero"):
        normalize_word_vectors(m)


# --- evaluation: parity with gensim -------------------------------------------------------


@pytest.fixture(scope="module")
def keyed_vectors(matrix):
    models = pytest.importorskip("gensim.models")
    words, vectors = matrix
    kv = models.KeyedVectors(vectors.shape[1])
    kv.add_vectors(list(words), vectors.astype(np.float32))
    return kv


def _datapath(name):
    return pytest.importorskip("gensim.test.utils").datapath(name)


def test_analogy_accuracy_matches_gensim(matrix, keyed_vectors, tmp_path):
    """Every 80th question of each section (about 250): the same counts, section by section."""
    lines, kept = open(_datapath("questions-words.txt")).read().splitlines(), []
    count = 0
    for line in lines:
        if line.startswith(":"):
            kept.append(line)
            count = 0
        else:
            count += 1
            if count % 80 == 1:
                kept.append(line)
    subset = tmp_path / "questions.txt"
    subset.write_text("\n".join(kept) + "\n")
    ours = analogy_accuracy(*matrix, subset)
    accuracy, sections = keyed_vectors.evaluate_word_analogies(str(subset))
    assert ours["accuracy"] == pytest.approx(accuracy, abs=1e-12)
    total = sections[-1]
    assert ours["correct"] == len(total["correct"]) > 0
    assert ours["questions_in_vocabulary"] == len(total["correct"]) + len(total["incorrect"])
    for section in sections[:-1]:
        n = len(section["correct"]) + len(section["incorrect"])
        assert ours["sections"][section["section"]] == (len(section["correct"]), n)


def test_analogy_accuracy_hand_case(tmp_path):
    # king - man + woman = (1, 1) is nearest queen; "paris" is out of the vocabulary.
    words = ["man", "woman", "king", "queen", "prince"]
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.2], [0.2, 1.0], [1.0, -0.5]])
    path = tmp_path / "q.txt"
    path.write_text(
        ": family\nman woman king queen\nMAN WOMAN PARIS QUEEN\nman king woman prince\n"
    )
    result = analogy_accuracy(words, vectors, path)
    assert result["questions"] == 3 and result["questions_in_vocabulary"] == 2
    assert result["correct"] == 1 and result["coverage"] == pytest.approx(2 / 3)
    assert result["sections"] == {"family": (1, 2)}


def test_word_similarity_correlation_matches_gensim(matrix, keyed_vectors):
    ours = word_similarity_correlation(*matrix)
    pearson, spearman, oov = keyed_vectors.evaluate_word_pairs(_datapath("wordsim353.tsv"))
    assert ours["spearman"] == pytest.approx(spearman.statistic, abs=1e-6)
    assert ours["pearson"] == pytest.approx(pearson.statistic, abs=1e-6)
    assert ours["oov_ratio"] == pytest.approx(oov)
    assert ours["pairs"] == 353


def test_spearman_matches_scipy_with_ties(rng):
    stats = pytest.importorskip("scipy.stats")
    x = rng.integers(0, 6, 40).astype(float)  # many ties
    y = x + rng.standard_normal(40)
    assert spearman_correlation(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)
    assert spearman_correlation([1, 2, 3], [10, 20, 30]) == pytest.approx(1)
    assert spearman_correlation([1, 2, 3], [3, 1, 0]) == pytest.approx(-1)


@pytest.mark.slow
def test_shipped_vectors_reach_the_figures_the_pages_claim(matrix):
    """All 19,544 questions (about 8 s) and WordSim353, recomputed from the shipped file."""
    figures = word_vectors_info()["evaluation"]
    analogies = analogy_accuracy(*matrix)
    assert analogies["accuracy"] == pytest.approx(figures["analogy_accuracy"], abs=1e-4)
    assert analogies["coverage"] == pytest.approx(figures["analogy_coverage"])
    assert 0.10 < analogies["accuracy"] < 0.14  # the figure the pages quote: 0.118
    rho = word_similarity_correlation(*matrix)["spearman"]
    assert rho == pytest.approx(figures["wordsim353_spearman"], abs=1e-6)
    assert 0.58 < rho < 0.66  # the pages quote 0.62


def test_evaluation_bad_input(matrix, tmp_path):
    words, vectors = matrix
    with pytest.raises(ValueError, match=r"words has 3 entries but vectors has"):
        analogy_accuracy(words[:3], vectors)
    with pytest.raises(ValueError, match=r"vectors must be a 2-D array"):
        word_similarity_correlation(words[:1], vectors[0])
    with pytest.raises(ValueError, match=r"fewer than 2 of the 1 pairs"):
        path = tmp_path / "p.tsv"
        path.write_text("# a comment\nking\tqueen\t8.5\n")
        word_similarity_correlation(words, vectors, path)
    with pytest.raises(ValueError, match=r"x or y is constant"):
        spearman_correlation([1, 1, 1], [1, 2, 3])
    with pytest.raises(ValueError, match=r"same shape \(k,\) with k >= 2"):
        spearman_correlation([1, 2], [1, 2, 3])


# --- the 2-D picture -----------------------------------------------------------------------


def test_pca_projection_finds_the_main_direction(rng):
    t = rng.standard_normal(200)
    direction = np.array([3.0, -4.0, 0.0]) / 5
    X = np.outer(t, direction) + 0.01 * rng.standard_normal((200, 3)) + 7  # a thin line
    Z, components, ratio = pca_projection(X)
    assert Z.shape == (200, 2) and components.shape == (2, 3)
    np.testing.assert_allclose(components @ components.T, np.eye(2), atol=1e-12)
    assert abs(components[0] @ direction) == pytest.approx(1, abs=1e-4)
    assert components[0, np.abs(components[0]).argmax()] > 0  # the sign convention
    assert ratio[0] > 0.999
    # the variances along the directions are the top eigenvalues of the covariance
    eig = np.sort(np.linalg.eigvalsh(np.cov(X.T, bias=True)))[::-1]
    np.testing.assert_allclose(Z.var(axis=0), eig[:2], rtol=1e-10)


def test_plot_word_vectors_2d(glove):
    plt = pytest.importorskip("matplotlib.pyplot")
    _, m = glove
    words = ["man", "woman", "king", "queen", "happy", "sad"]
    ax = plot_word_vectors_2d(words, m, groups=[0, 0, 1, 1, 2, 2], title="t")
    assert [t.get_text() for t in ax.texts] == words
    plt.close(ax.figure)


def test_projection_bad_input(glove):
    _, m = glove
    with pytest.raises(ValueError, match=r"needs at least 2 rows and n_components <= 3"):
        pca_projection(np.ones((5, 3)), 4)
    with pytest.raises(ValueError, match=r"X must be a 2-D array"):
        pca_projection(np.ones(5))
    with pytest.raises(ValueError, match=r"word 'zzzqx' is not in the vocabulary"):
        plot_word_vectors_2d(["man", "zzzqx"], m)
    with pytest.raises(ValueError, match=r"groups has 1 entries but there are 2 words"):
        plot_word_vectors_2d(["man", "woman"], m, groups=[0])
