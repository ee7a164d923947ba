"""dl_notes.face_recognition: the triplet loss and its gradient, mining, verify/who_is_it, ROC."""

import numpy as np
import pytest

from dl_notes import face_recognition as fr
from tests.gradcheck import assert_close_grad, numerical_gradient

# --- the triplet loss ------------------------------------------------------------------------

#: The course's hand-made cases (its `triplet_loss` test): (y_pred, alpha, expected loss).
COURSE_CASES = [
    (([1.0, 1.0], [1.0, 1.0], [1.0, 1.0]), 5, 5.0),  # alpha added
    (([1.0, 1.0], [1.0, 1.0], [0.0, 0.0]), 3, 1.0),  # pos_dist 0, neg_dist 2
    (([1.0, 1.0], [0.0, 0.0], [1.0, 1.0]), 0, 2.0),  # pos_dist 2, neg_dist 0
    (([0.0, 0.0], [0.0, 0.0], [0.0, 0.0]), -2, 0.0),  # the hinge at 0
    (([[1.0, 0.0], [1.0, 0.0]], [[1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]]), 3, 2.0),
    (([[1.0, 1.0], [2.0, 0.0]], [[0.0, 3.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]), 1, 5.0),
]


@pytest.mark.parametrize("y_pred, alpha, expected", COURSE_CASES)
def test_triplet_loss_course_cases(y_pred, alpha, expected):
    assert fr.triplet_loss(None, y_pred, alpha) == expected


def test_triplet_loss_hand_computed_and_sums_over_the_batch():
    anchor = np.array([[0.0, 0.0], [1.0, 2.0], [3.0, -1.0]])
    positive = np.array([[1.0, 0.0], [1.0, 1.0], [3.0, 1.0]])
    negative = np.array([[0.0, 2.0], [1.0, 1.5], [3.0, 0.0]])
    # pos: 1, 1, 4; neg: 4, 0.25, 1; + 0.5 -> -2.5, 1.25, 3.5 -> 0 + 1.25 + 3.5
    assert fr.triplet_loss(None, [anchor, positive, negative], 0.5) == pytest.approx(4.75)
    assert fr.triplet_loss("ignored", (anchor, positive, negative)) == pytest.approx(
        0 + 0.95 + 3.2
    )  # default alpha 0.2


def test_triplet_loss_backward_matches_finite_differences(rng):
    A, P, N = (rng.standard_normal((6, 5)) for _ in range(3))
    alpha = 0.7
    basic = ((A - P) ** 2).sum(1) - ((A - N) ** 2).sum(1) + alpha
    assert (basic > 0.05).any() and (basic < -0.05).any(), "both active and inactive triplets"
    assert np.abs(basic).min() > 1e-3, "away from the kink"
    dA, dP, dN = fr.triplet_loss_backward((A, P, N), alpha)
    for name, x, grad in (("anchor", A, dA), ("positive", P, dP), ("negative", N, dN)):
        num = numerical_gradient(lambda: fr.triplet_loss(None, (A, P, N), alpha), x)
        assert_close_grad(grad, num, f"d{name}")
    assert np.all(dA[basic < 0] == 0)


def test_triplet_loss_bad_input():
    A = np.zeros((2, 3))
    with pytest.raises(TypeError, match="three arrays"):
        fr.triplet_loss(None, (A, A))
    with pytest.raises(TypeError, match="list or tuple of three"):
        fr.triplet_loss(None, np.stack([A, A, A]))
    with pytest.raises(ValueError, match="anchor and negative must have the same shape"):
        fr.triplet_loss(None, (A, A, np.zeros((2, 4))))
    with pytest.raises(ValueError, match="anchor must be a 1-D"):
        fr.triplet_loss(None, (np.zeros((1, 2, 3)),) * 3)
    with pytest.raises(TypeError, match="alpha must be a number"):
        fr.triplet_loss(None, (A, A, A), alpha="0.2")
    with pytest.raises(TypeError, match="negative must be numeric"):
        fr.triplet_loss_backward((A, A, [["a", "b", "c"]]))


# --- distances and mining --------------------------------------------------------------------


def test_l2_normalize_and_pairwise_distances(rng):
    E = fr.l2_normalize(rng.standard_normal((5, 4)))
    np.testing.assert_allclose(np.linalg.norm(E, axis=1), 1)
    np.testing.assert_array_equal(fr.l2_normalize(np.zeros((1, 3))), np.zeros((1, 3)))
    F = rng.standard_normal((3, 4))
    loops = np.array([[np.linalg.norm(e - f) for f in F] for e in E])
    np.testing.assert_allclose(fr.pairwise_distances(E, F), loops, atol=1e-12)
    np.testing.assert_allclose(fr.pairwise_distances(E, F, squared=True), loops**2, atol=1e-12)
    D = fr.pairwise_distances(E)
    assert np.all(np.diag(D) == 0) and np.allclose(D, D.T)
    with pytest.raises(ValueError, match="same encoding size n_e"):
        fr.pairwise_distances(E, np.zeros((2, 5)))
    with pytest.raises(ValueError, match=r"E1 must be a 2-D array \(m1, n_e\)"):
        fr.pairwise_distances(np.zeros(4))
    with pytest.raises(ValueError, match="epsilon must be positive"):
        fr.l2_normalize(E, epsilon=0)


def _brute_force_batch_hard(E, labels):
    """Loop over anchors: the farthest same-label photo and the nearest other-label photo."""
    out = []
    for a in range(len(E)):
        d = [float(np.sum((E[a] - e) ** 2)) for e in E]
        pos = [j for j in range(len(E)) if labels[j] == labels[a] and j != a]
        neg = [j for j in range(len(E)) if labels[j] != labels[a]]
        if pos and neg:
            out.append((a, max(pos, key=lambda j: d[j]), min(neg, key=lambda j: d[j])))
    return out


def test_batch_hard_picks_the_hardest_positive_and_negative(rng):
    E = rng.standard_normal((12, 3))
    labels = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4])  # person 3 has no positive
    a, p, n = fr.mine_triplets(E, labels)
    assert list(zip(a, p, n)) == _brute_force_batch_hard(E, labels)
    assert 9 not in a
    # hand-made: on a line, 0 at 0, its partner at 3; the other person at 1 and 10
    E = np.array([[0.0], [3.0], [1.0], [10.0]])
    a, p, n = fr.mine_triplets(E, np.array([7, 7, 8, 8]))
    assert list(zip(a, p, n)) == [(0, 1, 2), (1, 0, 2), (2, 3, 0), (3, 2, 1)]


def test_semi_hard_picks_the_nearest_negative_beyond_the_positive():
    # anchor 0 at 0; positives at 2 and 5; negatives at 1, 3, 4
    E = np.array([[0.0], [2.0], [5.0], [1.0], [3.0], [4.0]])
    labels = np.array([0, 0, 0, 1, 1, 1])
    a, p, n = fr.mine_triplets(E, labels, strategy="semi_hard")
    found = dict(((int(i), int(j)), int(k)) for i, j, k in zip(a, p, n))
    assert len(found) == 12  # every anchor-positive pair of both people
    assert found[0, 1] == 4  # d_ap = 4: nearest negative beyond it is at 3 (d = 9), not 1
    assert found[0, 2] == 5  # d_ap = 25: every negative is nearer, so the farthest (at 4)
    assert found[1, 0] == 5  # from 2: positive at 0 (d = 4); negatives at d 1, 1, 4: none
    # strictly farther (4 is not > 4), so the farthest
    assert found[3, 4] == 2  # from 1: positive at 3 (d = 4); negatives at d 1, 1, 16: the 16
    assert found[4, 3] == 0  # from 3: positive at 1 (d = 4); negatives at d 9, 1, 4: the 9


def test_mine_triplets_bad_input(rng):
    E = rng.standard_normal((4, 2))
    with pytest.raises(ValueError, match=r"labels must be 4 integer labels, shape \(4,\)"):
        fr.mine_triplets(E, np.array([0, 1, 1]))
    with pytest.raises(ValueError, match="integer labels"):
        fr.mine_triplets(E, np.array([0.0, 1.0, 1.0, 0.0]))
    with pytest.raises(ValueError, match="unknown strategy 'hardest'"):
        fr.mine_triplets(E, np.array([0, 1, 1, 0]), strategy="hardest")
    a, p, n = fr.mine_triplets(E, np.array([0, 1, 2, 3]))  # nobody has a positive
    assert a.size == p.size == n.size == 0


# --- verify and who_is_it --------------------------------------------------------------------


@pytest.fixture
def database():
    """Three people on the unit circle, stored as the course stores them: (1, n_e)."""

    def at(deg):
        return np.array([[np.cos(np.radians(deg)), np.sin(np.radians(deg))]])

    return {"younes": at(0), "kian": at(90), "danielle": at(200)}, at


def test_verify_opens_below_the_threshold(database, capsys):
    db, at = database
    dist, door_open = fr.verify(at(30), "younes", db)  # chord of 30 degrees: 0.5176
    assert dist == pytest.approx(2 * np.sin(np.radians(15))) and door_open is True
    assert capsys.readouterr().out == "It's younes, welcome in!\n"
    dist, door_open = fr.verify(at(30), "kian", db)  # 60 degrees: 1.0
    assert dist == pytest.approx(1.0) and door_open is False
    assert capsys.readouterr().out == "It's not kian, please go away\n"
    assert fr.verify(at(30)[0], "kian", db, threshold=1.01, verbose=False)[1] is True
    assert capsys.readouterr().out == ""


def test_who_is_it_returns_the_nearest_even_if_far(database, capsys):
    db, at = database
    min_dist, identity = fr.who_is_it(at(80), db)
    assert identity == "kian" and min_dist == pytest.approx(2 * np.sin(np.radians(5)))
    assert capsys.readouterr().out.startswith("it's kian, the distance is 0.17")
    min_dist, identity = fr.who_is_it(at(144), db)  # 54 degrees from kian, 56 from danielle
    assert identity == "kian"
    assert capsys.readouterr().out == "Not in the database.\n"
    # recognize: the same answers for many photos, vectorised
    queries = np.concatenate([at(d) for d in (80, 144, 350, 210, 95)])
    dists, names = fr.recognize(queries, db)
    loop = [fr.who_is_it(q, db, verbose=False) for q in queries]
    np.testing.assert_allclose(dists, [d for d, _ in loop])
    assert names.tolist() == [n for _, n in loop] == ["kian", "kian", "younes", "danielle", "kian"]


def test_verify_and_who_is_it_bad_input(database):
    db, at = database
    with pytest.raises(ValueError, match="identity 'benoit' is not in the database"):
        fr.verify(at(0), "benoit", db)
    with pytest.raises(ValueError, match=r"one encoding of shape \(n_e,\) or \(1, n_e\)"):
        fr.verify(np.zeros((2, 2)), "kian", db)
    with pytest.raises(
        ValueError, match="database\\['younes'\\] has 2 numbers but the encoding has 3"
    ):
        fr.who_is_it(np.zeros(3), db)
    with pytest.raises(TypeError, match="database must be a dict"):
        fr.who_is_it(at(0), list(db.values()))
    with pytest.raises(ValueError, match="database is empty"):
        fr.recognize(at(0), {})
    with pytest.raises(TypeError, match="threshold must be a number"):
        fr.verify(at(0), "kian", db, threshold="0.7")


# --- pairs, ROC curve, threshold -------------------------------------------------------------

#: Hand-computed: sorted, the pairs are 0.2 same, 0.3 diff, 0.5 diff, 0.6 same, 0.8 diff.
D_HAND = np.array([0.2, 0.3, 0.6, 0.5, 0.8])
SAME_HAND = np.array([True, False, True, False, False])


def test_roc_curve_hand_computed():
    fpr, tpr, thresholds = fr.roc_curve(D_HAND, SAME_HAND)
    np.testing.assert_allclose(thresholds, [0.2, 0.25, 0.4, 0.55, 0.7, np.inf])
    np.testing.assert_allclose(tpr, [0, 0.5, 0.5, 0.5, 1, 1])
    np.testing.assert_allclose(fpr, [0, 0, 1 / 3, 2 / 3, 2 / 3, 1])
    # area: 1/3 * 0.5 + 1/3 * 0.5 + 1/3 * 1 = 2/3
    assert fr.roc_auc(fpr, tpr) == pytest.approx(2 / 3)
    # accuracies 3/5, 4/5, 3/5, 2/5, 3/5, 2/5: best 0.25
    assert fr.best_threshold(D_HAND, SAME_HAND) == (0.25, pytest.approx(0.8))
    for t, acc in zip(thresholds, [0.6, 0.8, 0.6, 0.4, 0.6, 0.4]):
        assert fr.verification_accuracy(D_HAND, SAME_HAND, t) == pytest.approx(acc)


def test_roc_curve_ties_and_auc_as_a_probability(rng):
    d = np.array([0.1, 0.1, 0.4, 0.4, 0.4])
    same = np.array([1, 0, 1, 0, 0])
    fpr, tpr, thresholds = fr.roc_curve(d, same)
    np.testing.assert_allclose(thresholds, [0.1, 0.25, np.inf])
    np.testing.assert_allclose(tpr, [0, 0.5, 1])
    np.testing.assert_allclose(fpr, [0, 1 / 3, 1])
    # AUC = P(a same pair is nearer than a different pair), ties half
    d = rng.random(60)
    same = rng.random(60) < 0.4
    ds, dd = d[same][:, None], d[~same][None, :]
    expected = np.mean((ds < dd) + 0.5 * (ds == dd))
    assert fr.roc_auc(*fr.roc_curve(d, same)[:2]) == pytest.approx(expected)


def test_make_pairs_and_pair_distances(rng):
    labels = np.repeat(np.arange(10), 4)
    pairs, same = fr.make_pairs(labels, 101, seed=3)
    assert pairs.shape == (101, 2) and same.sum() == 50
    np.testing.assert_array_equal(labels[pairs[:, 0]] == labels[pairs[:, 1]], same)
    assert np.all(pairs[:, 0] != pairs[:, 1])
    again = fr.make_pairs(labels, 101, seed=3)
    np.testing.assert_array_equal(again[0], pairs)
    E = rng.standard_normal((40, 3))
    np.testing.assert_allclose(
        fr.pair_distances(E, pairs), [np.linalg.norm(E[i] - E[j]) for i, j in pairs]
    )


def test_pairs_and_roc_bad_input():
    with pytest.raises(ValueError, match="at least two people and someone with two photos"):
        fr.make_pairs(np.array([0, 1, 2]), 10)
    with pytest.raises(ValueError, match=r"labels must be m integer labels, shape \(m,\)"):
        fr.make_pairs(np.array([[0, 0, 1]]), 10)
    with pytest.raises(TypeError, match="n_pairs must be a whole number"):
        fr.make_pairs(np.array([0, 0, 1]), 2.5)
    with pytest.raises(ValueError, match=r"pairs must be an \(n, 2\) array"):
        fr.pair_distances(np.zeros((3, 2)), np.array([0, 1]))
    with pytest.raises(ValueError, match="pairs must index rows 0 to 2"):
        fr.pair_distances(np.zeros((3, 2)), np.array([[0, 3]]))
    with pytest.raises(ValueError, match="at least one pair of the same person and one of two"):
        fr.roc_curve(np.array([0.1, 0.2]), np.array([True, True]))
    with pytest.raises(ValueError, match=r"same must have one entry per distance, shape \(2,\)"):
        fr.best_threshold(np.array([0.1, 0.2]), np.array([True, False, True]))
    with pytest.raises(ValueError, match="same must hold booleans"):
        fr.verification_accuracy(np.array([0.1, 0.2]), np.array([2, 0]), 0.5)
    with pytest.raises(ValueError, match="distances contains nan"):
        fr.roc_curve(np.array([0.1, np.nan]), np.array([True, False]))
    with pytest.raises(ValueError, match="fpr must be non-decreasing"):
        fr.roc_auc(np.array([0, 1, 0.5]), np.array([0, 1, 1]))


def test_plot_roc():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fpr, tpr, _ = fr.roc_curve(D_HAND, SAME_HAND)
    ax = fr.plot_roc({"hand": (fpr, tpr)}, points={"0.25": (0, 0.5)}, title="t")
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[:2] == ["hand (AUC 0.667)", "chance"]
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="curves must be a non-empty dict"):
        fr.plot_roc([])
