"""dl_notes.strategy against hand-computed cases, including ties and every edge case."""

import re

import numpy as np
import pytest

from dl_notes import strategy as st

# A binary example worked by hand:
#   y_true 1 1 1 1 0 0 0 0 0 1
#   y_pred 1 1 0 0 0 0 0 1 1 1
# TP = 3 (positions 0, 1, 9), FN = 2 (2, 3), FP = 2 (7, 8), TN = 3 (4, 5, 6)
Y_TRUE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]
Y_PRED = [1, 1, 0, 0, 0, 0, 0, 1, 1, 1]


# --- metrics ---------------------------------------------------------------------------


def test_confusion_matrix_by_hand():
    assert st.confusion_matrix(Y_TRUE, Y_PRED).tolist() == [[3, 2], [2, 3]]


def test_confusion_matrix_follows_the_labels_order_and_counts_absent_classes():
    cm = st.confusion_matrix([2, 0, 2, 1], [2, 2, 0, 1], labels=[2, 1, 0, 5])
    # rows/cols in the order 2, 1, 0, 5; class 5 never occurs
    assert cm.tolist() == [[1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]
    assert cm.sum() == 4


def test_confusion_matrix_accepts_row_vectors_and_string_labels():
    assert st.confusion_matrix(np.array([[0, 1, 1]]), np.array([[1, 1, 1]])).tolist() == [
        [0, 1],
        [0, 2],
    ]
    assert st.confusion_matrix(["cat", "dog"], ["dog", "dog"]).tolist() == [[0, 1], [0, 1]]


def test_binary_precision_recall_f1_by_hand():
    assert st.precision(Y_TRUE, Y_PRED) == pytest.approx(3 / 5)
    assert st.recall(Y_TRUE, Y_PRED) == pytest.approx(3 / 5)
    assert st.f1_score(Y_TRUE, Y_PRED) == pytest.approx(3 / 5)
    # an unbalanced case: TP = 1, FP = 3, FN = 0 -> P = 1/4, R = 1, F1 = 2 * 1/4 / (5/4) = 2/5
    y_true, y_pred = [1, 0, 0, 0], [1, 1, 1, 1]
    assert st.precision(y_true, y_pred) == pytest.approx(0.25)
    assert st.recall(y_true, y_pred) == 1.0
    assert st.f1_score(y_true, y_pred) == pytest.approx(0.4)


def test_the_harmonic_mean_punishes_imbalance_more_than_the_average():
    # the course's classifiers A (P 95 %, R 90 %) and B (P 98 %, R 85 %): A has the higher F1
    def f1(p, r):
        return 2 * p * r / (p + r)

    assert f1(0.95, 0.90) > f1(0.98, 0.85)
    # the same ranking from predictions: build A-like and
    # B-like predictions on 100 positives + 100 negatives
    y_true = np.r_[np.ones(100, int), np.zeros(100, int)]
    a = np.r_[
        np.ones(90, int), np.zeros(10, int), np.ones(5, int), np.zeros(95, int)
    ]  # TP 90, FP 5
    b = np.r_[
        np.ones(85, int), np.zeros(15, int), np.ones(2, int), np.zeros(98, int)
    ]  # TP 85, FP 2
    assert st.f1_score(y_true, a) == pytest.approx(2 * 90 / (2 * 90 + 5 + 10))
    assert st.f1_score(y_true, a) > st.f1_score(y_true, b)


def test_zero_division_gives_zero():
    assert st.precision([1, 0], [0, 0]) == 0.0  # nothing predicted positive
    assert st.recall([0, 0], [1, 0]) == 0.0  # no positive example
    assert st.f1_score([0, 0], [0, 0]) == 0.0  # P = R = 0
    assert st.f1_score([1, 1], [1, 1]) == 1.0


def test_macro_averages_classes_equally():
    y_true = [0, 0, 0, 0, 1, 1, 2, 2]
    y_pred = [0, 0, 0, 1, 1, 2, 2, 2]
    # class 0: TP 3, pred 3, actual 4 -> P 1, R 3/4, F1 6/7
    # class 1: TP 1, pred 2, actual 2 -> P 1/2, R 1/2, F1 1/2
    # class 2: TP 2, pred 3, actual 2 -> P 2/3, R 1, F1 4/5
    assert st.precision(y_true, y_pred, average="macro") == pytest.approx((1 + 0.5 + 2 / 3) / 3)
    assert st.recall(y_true, y_pred, average="macro") == pytest.approx((0.75 + 0.5 + 1) / 3)
    assert st.f1_score(y_true, y_pred, average="macro") == pytest.approx((6 / 7 + 0.5 + 0.8) / 3)
    # a listed class that never occurs scores 0 and pulls the mean down
    assert st.recall(y_true, y_pred, average="macro", labels=[0, 1, 2, 3]) == pytest.approx(
        (0.75 + 0.5 + 1) / 4
    )


def test_macro_on_binary_labels_averages_both_classes():
    # class 1: P 3/5, R 3/5; class 0: TP 3, pred 5, actual 5 -> 3/5 too
    assert st.f1_score(Y_TRUE, Y_PRED, average="macro") == pytest.approx(0.6)
    assert st.precision([1, 1, 0], [1, 1, 1], average="macro") == pytest.approx((2 / 3 + 0) / 2)


@pytest.mark.parametrize("fn", [st.confusion_matrix, st.precision, st.recall, st.f1_score])
def test_metrics_reject_mismatched_lengths(fn):
    with pytest.raises(ValueError, match=re.escape("y_true has 3 labels and y_pred has 2")):
        fn([0, 1, 1], [0, 1])


@pytest.mark.parametrize("fn", [st.confusion_matrix, st.precision, st.recall, st.f1_score])
def test_metrics_reject_empty_input(fn):
    with pytest.raises(ValueError, match="empty"):
        fn([], [])


@pytest.mark.parametrize("fn", [st.precision, st.recall, st.f1_score])
def test_binary_metrics_reject_non_binary_labels(fn):
    with pytest.raises(ValueError, match=r"needs labels 0 and 1.*\[2\].*average='macro'"):
        fn([0, 1, 2], [0, 1, 1])


def test_metrics_reject_probabilities_matrices_and_bad_options():
    with pytest.raises(TypeError, match=r"threshold probabilities first"):
        st.precision([0, 1], [0.2, 0.9])
    with pytest.raises(ValueError, match=r"shape \(m,\).*\(2, 2\)"):
        st.confusion_matrix(np.eye(2), np.eye(2))
    with pytest.raises(ValueError, match="'binary' or 'macro'"):
        st.f1_score([0, 1], [0, 1], average="micro")
    with pytest.raises(ValueError, match=r"contain \[2\].*not in labels=\[0, 1\]"):
        st.confusion_matrix([0, 2], [0, 1], labels=[0, 1])


# --- model selection -------------------------------------------------------------------

CANDIDATES = {
    "A": {"accuracy": 0.90, "running_time_ms": 80, "memory_mb": 10},
    "B": {"accuracy": 0.92, "running_time_ms": 95, "memory_mb": 30},
    "C": {"accuracy": 0.95, "running_time_ms": 1500, "memory_mb": 10},
    "D": {"accuracy": 0.97, "running_time_ms": 50, "memory_mb": 500},
}


def test_select_model_optimizes_among_those_that_satisfy():
    result = st.select_model(
        CANDIDATES,
        "accuracy",
        satisficing={"running_time_ms": ("<=", 100), "memory_mb": ("<", 100)},
    )
    assert result.choice == "B"
    assert list(result.reasons) == ["A", "C", "D"]
    assert "0.9 is worse than B's 0.92" in result.reasons["A"]
    assert result.reasons["C"] == "running_time_ms 1500 does not satisfy <= 100"
    assert result.reasons["D"] == "memory_mb 500 does not satisfy < 100"


def test_select_model_without_constraints_is_plain_optimization_and_can_minimize():
    assert st.select_model(CANDIDATES, "accuracy").choice == "D"
    assert st.select_model(CANDIDATES, "running_time_ms", maximize=False).choice == "D"
    assert (
        st.select_model(CANDIDATES, "memory_mb", maximize=False).choice == "A"
    )  # tie A/C: first listed


def test_select_model_breaks_ties_by_table_order_and_says_so():
    tied = {"X": {"acc": 0.9}, "Y": {"acc": 0.9}, "Z": {"acc": 0.8}}
    result = st.select_model(tied, "acc")
    assert result.choice == "X"
    assert "ties with X on acc (0.9); X comes first" in result.reasons["Y"]


def test_select_model_reports_every_failed_constraint_and_no_choice():
    result = st.select_model(
        CANDIDATES, "accuracy", satisficing={"running_time_ms": ("<", 50), "memory_mb": (">=", 600)}
    )
    assert result.choice is None
    assert result.reasons["D"] == (
        "running_time_ms 50 does not satisfy < 50; memory_mb 500 does not satisfy >= 600"
    )
    assert "none" in str(result)


def test_select_model_rejects_bad_tables_and_constraints():
    with pytest.raises(KeyError, match=r"'A' has no value for \['latency'\]"):
        st.select_model(CANDIDATES, "accuracy", satisficing={"latency": ("<=", 1)})
    with pytest.raises(ValueError, match=r"pair \(op, threshold\)"):
        st.select_model(CANDIDATES, "accuracy", satisficing={"running_time_ms": 100})
    with pytest.raises(ValueError, match=r"pair \(op, threshold\)"):
        st.select_model(CANDIDATES, "accuracy", satisficing={"running_time_ms": ("=<", 100)})
    with pytest.raises(TypeError, match="non-empty dict"):
        st.select_model({}, "accuracy")
    with pytest.raises(TypeError, match="non-empty dict"):
        st.select_model([("A", 0.9)], "accuracy")


# --- split sizes ------------------------------------------------------------------------


def test_split_sizes_by_hand():
    assert st.split_sizes(1_000_000, {"train": 0.98, "dev": 0.01, "test": 0.01}) == {
        "train": 980_000,
        "dev": 10_000,
        "test": 10_000,
    }
    assert st.split_sizes(100, {"train": 0.6, "dev": 0.2, "test": 0.2}) == {
        "train": 60,
        "dev": 20,
        "test": 20,
    }
    # 10 / 3 each: remainders tie, the first sets listed get the extra example
    assert st.split_sizes(10, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}) == {"a": 4, "b": 3, "c": 3}
    # the largest remainder gets the leftover: 7 * (0.5, 0.3, 0.2) = 3.5, 2.1, 1.4
    assert st.split_sizes(7, {"train": 0.5, "dev": 0.3, "test": 0.2}) == {
        "train": 4,
        "dev": 2,
        "test": 1,
    }
    assert st.split_sizes(1, {"train": 0.98, "dev": 0.01, "test": 0.01}) == {
        "train": 1,
        "dev": 0,
        "test": 0,
    }


@pytest.mark.parametrize(
    "m, fractions, error, message",
    [
        (0, {"train": 1.0}, ValueError, "positive whole number"),
        (10.5, {"train": 1.0}, ValueError, "positive whole number"),
        (10, {"train": 0.9, "dev": 0.2}, ValueError, "sum to 1"),
        (10, {"train": 1.2, "dev": -0.2}, ValueError, r"in \[0, 1\]"),
        (10, [0.5, 0.5], TypeError, "must be a dict"),
    ],
)
def test_split_sizes_rejects_bad_input(m, fractions, error, message):
    with pytest.raises(error, match=message):
        st.split_sizes(m, fractions)


# --- diagnosis --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table, dominant, gaps",
    [
        # the course's week-1 table: same train/dev errors, different human levels
        (dict(human_level=0.01, train=0.08, dev=0.10), "avoidable bias", (0.07, 0.02, None, None)),
        (dict(human_level=0.075, train=0.08, dev=0.10), "variance", (0.005, 0.02, None, None)),
        # the course's week-2 tables with a train-dev set
        (
            dict(human_level=0.0, train=0.01, train_dev=0.09, dev=0.10),
            "variance",
            (0.01, 0.08, 0.01, None),
        ),
        (
            dict(human_level=0.0, train=0.01, train_dev=0.015, dev=0.10),
            "data mismatch",
            (0.01, 0.005, 0.085, None),
        ),
        (
            dict(human_level=0.0, train=0.10, train_dev=0.11, dev=0.12),
            "avoidable bias",
            (0.10, 0.01, 0.01, None),
        ),
        (
            dict(human_level=0.0, train=0.10, train_dev=0.11, dev=0.20),
            "avoidable bias",
            (0.10, 0.01, 0.09, None),
        ),
        (
            dict(human_level=0.04, train=0.07, train_dev=0.10, dev=0.12, test=0.20),
            "overfitting to the dev set",
            (0.03, 0.03, 0.02, 0.08),
        ),
    ],
)
def test_diagnose_by_hand(table, dominant, gaps):
    d = st.diagnose(**table)
    got = (d.avoidable_bias, d.variance, d.data_mismatch, d.dev_overfitting)
    for value, expected in zip(got, gaps):
        assert (value is None) if expected is None else value == pytest.approx(expected)
    assert d.dominant == dominant
    assert d.next_steps == st.RECIPE[dominant]
    assert f"dominant problem: {dominant}" in str(d)


def test_diagnose_ties_go_to_the_earlier_problem_in_the_recipe():
    # exact ties (computed from the same differences): bias = variance = mismatch = 0.25
    d = st.diagnose(human_level=0.0, train=0.25, train_dev=0.5, dev=0.75)
    assert d.avoidable_bias == d.variance == d.data_mismatch == 0.25
    assert d.dominant == "avoidable bias"
    d = st.diagnose(human_level=0.25, train=0.25, train_dev=0.5, dev=0.75)
    assert d.dominant == "variance"


def test_diagnose_with_nothing_left_to_fix():
    d = st.diagnose(human_level=0.02, train=0.02, train_dev=0.02, dev=0.02, test=0.02)
    assert d.dominant is None
    assert "nothing to fix" in d.next_steps[0]


def test_diagnose_notes_a_model_below_human_level_and_a_missing_train_dev_set():
    d = st.diagnose(human_level=0.05, train=0.03, dev=0.04)
    assert d.avoidable_bias == pytest.approx(-0.02)
    assert d.data_mismatch is None and d.variance == pytest.approx(0.01)
    assert d.dominant == "variance"
    assert any("below human level" in note for note in d.notes)
    assert any("train-dev" in note for note in d.notes)
    assert "train-dev" not in d.errors and list(d.errors) == ["human level", "train", "dev"]


def test_diagnosis_report_lists_table_gaps_and_steps():
    text = str(st.diagnose(human_level=0.01, train=0.015, train_dev=0.02, dev=0.10, test=0.11))
    assert "  train-dev      2.00%" in text.splitlines()
    assert "data mismatch" in text and "<- dominant" in text
    assert "artificial data synthesis" in text


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(human_level=1, train=8, dev=10), ValueError, r"write 8 % as 0.08"),
        (
            dict(human_level=-0.1, train=0.1, dev=0.1),
            ValueError,
            r"human_level must be a fraction in \[0, 1\]",
        ),
        (dict(human_level=0.01, train="8%", dev=0.1), TypeError, "train must be an error rate"),
        (
            dict(human_level=None, train=0.1, dev=0.1),
            TypeError,
            "human_level must be an error rate",
        ),
        (
            dict(human_level=0.01, train=0.1, dev=float("nan")),
            TypeError,
            "dev must be an error rate",
        ),
    ],
)
def test_diagnose_rejects_bad_error_rates(kwargs, error, message):
    with pytest.raises(error, match=message):
        st.diagnose(**kwargs)


# --- error analysis -----------------------------------------------------------------------


def test_error_analysis_by_hand():
    # 10 errors from a dev error of 10 %: 5 dogs, 3 blurry
    # (one of them also a dog), 1 mislabeled, 2 untagged
    tags = ["dog", "dog", "dog", "dog", ["dog", "blurry"], "blurry", "blurry", "mislabeled", [], ()]
    tally = st.error_analysis(tags, error_rate=0.10)
    assert tally.n_errors == 10 and tally.untagged == 2
    assert [r[:2] for r in tally.rows] == [("dog", 5), ("blurry", 3), ("mislabeled", 1)]
    assert [r[2] for r in tally.rows] == pytest.approx([0.5, 0.3, 0.1])
    assert [r[3] for r in tally.rows] == pytest.approx([0.05, 0.03, 0.01])
    assert tally.best == "dog"
    # shares can add to more than the tagged fraction (one example in two categories)
    assert sum(r[1] for r in tally.rows) == 9 > tally.n_errors - tally.untagged


def test_error_analysis_ties_keep_the_given_order_and_list_empty_categories():
    tally = st.error_analysis(["b", "a", "a", "b", "c"], categories=["a", "b", "c", "d"])
    assert [r[:2] for r in tally.rows] == [("a", 2), ("b", 2), ("c", 1), ("d", 0)]
    # without categories: ties in order of first appearance
    assert [r[0] for r in st.error_analysis(["b", "a", "a", "b"]).rows] == ["b", "a"]
    # without error_rate: no ceilings
    assert all(r[3] is None for r in st.error_analysis(["x"]).rows)
    assert st.error_analysis([[]], categories=["x"]).best is None


def test_error_analysis_counts_a_category_once_per_example():
    tally = st.error_analysis([["dog", "dog"], "dog"], error_rate=0.2)
    assert tally.rows == [("dog", 2, 1.0, pytest.approx(0.2))]


def test_error_analysis_report():
    text = str(st.error_analysis(["dog", "dog", "blurry", []], error_rate=0.1))
    lines = text.splitlines()
    assert lines[0].split() == ["category", "count", "share", "ceiling", "error", "after"]
    assert lines[1].split() == ["dog", "2", "50.0%", "5.00%", "5.00%"]
    assert lines[-1] == "4 errors, error rate 10.00%, 1 untagged"


@pytest.mark.parametrize(
    "tags, kwargs, error, message",
    [
        ([], {}, ValueError, "empty"),
        ("dog", {}, TypeError, "one entry per misclassified example"),
        (["dog", 3], {}, TypeError, r"tags\[1\] must be a category name"),
        (
            ["dog", "dgo"],
            {"categories": ["dog", "cat"]},
            ValueError,
            r"\['dgo'\], which are not in categories",
        ),
        (["dog"], {"error_rate": 10}, ValueError, "8 % is 0.08"),
    ],
)
def test_error_analysis_rejects_bad_input(tags, kwargs, error, message):
    with pytest.raises(error, match=message):
        st.error_analysis(tags, **kwargs)
