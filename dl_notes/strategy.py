r"""Tools for the decisions of Course 3: metrics, model selection, error diagnosis, error analysis.

Taught in: Course 3, [week 1](../../course3/week1.md) (single-number metrics, satisficing
metrics, split sizes, avoidable bias) and [week 2](../../course3/week2.md) (error
analysis, the train-dev set and data mismatch), with the case studies on
[bird recognition](../../course3/case-birds.md) and
[autonomous driving](../../course3/case-driving.md).

Course 3 has no programming assignments: its lessons are judgements. This module turns
each judgement the course makes by hand into a function, so a chapter or a lab can make it
on real numbers:

| question | function |
|---|---|
| how good is a classifier, in one number? | [`confusion_matrix`][dl_notes.strategy.confusion_matrix], [`precision`][dl_notes.strategy.precision], [`recall`][dl_notes.strategy.recall], [`f1_score`][dl_notes.strategy.f1_score] |
| which model do we ship? | [`select_model`][dl_notes.strategy.select_model]: one optimizing metric, any number of satisficing constraints |
| how big should dev and test be? | [`split_sizes`][dl_notes.strategy.split_sizes] |
| what do we work on next? | [`diagnose`][dl_notes.strategy.diagnose]: avoidable bias, variance, data mismatch, overfitting to dev |
| which kind of error is worth fixing? | [`error_analysis`][dl_notes.strategy.error_analysis]: share of the errors and ceiling per category |

Labels are integers (or anything NumPy compares with `==`) in 1-D arrays or in the
course's (1, m) row vectors. Error rates are fractions in [0, 1]: 8 % is `0.08`.
Everything here is NumPy; no function trains a model.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import operator
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "confusion_matrix",
    "precision",
    "recall",
    "f1_score",
    "select_model",
    "Selection",
    "split_sizes",
    "diagnose",
    "Diagnosis",
    "PROBLEMS",
    "RECIPE",
    "error_analysis",
    "Tally",
]


# --- labels --------------------------------------------------------------------------


def _labels(y_true, y_pred, where):
    """Both label arrays as 1-D arrays of the same, non-zero length."""
    arrays = []
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[0] == 1:  # the course's (1, m) row vector
            y = y[0]
        if y.ndim != 1:
            raise ValueError(
                f"{where}: {name} must hold one label per example, as a 1-D array of shape (m,) "
                f"or a row vector of shape (1, m), but it has shape {y.shape}."
            )
        if y.dtype.kind not in "biuUSO" and not (y.dtype.kind == "f" and np.all(y == np.round(y))):
            raise TypeError(
                f"{where}: {name} must hold class labels (integers or strings), but it has dtype "
                f"{y.dtype} with non-integer values such as {y[y != np.round(y)][:3].tolist()}; "
                f"threshold probabilities first, e.g. (A > 0.5).astype(int)."
            )
        arrays.append(y)
    y_true, y_pred = arrays
    if len(y_true) != len(y_pred):
        raise ValueError(
            f"{where}: y_true and y_pred must have one label per example each, but y_true has "
            f"{len(y_true)} labels and y_pred has {len(y_pred)}."
        )
    if len(y_true) == 0:
        raise ValueError(
            f"{where}: y_true and y_pred are empty; a metric needs at least one example."
        )
    return y_true, y_pred


def _label_set(y_true, y_pred, labels, where):
    if labels is None:
        return np.unique(np.concatenate([y_true, y_pred]))
    labels = np.asarray(labels)
    if labels.ndim != 1 or len(labels) == 0 or len(np.unique(labels)) != len(labels):
        raise ValueError(
            f"{where}: labels must be a non-empty list of "
            f"distinct classes, but {labels.tolist()!r} was given."
        )
    unknown = np.setdiff1d(np.concatenate([y_true, y_pred]), labels)
    if unknown.size:
        raise ValueError(
            f"{where}: y_true or y_pred contain {unknown[:5].tolist()}, which are not in "
            f"labels={labels.tolist()}; list every class that occurs."
        )
    return labels


# --8<-- [start:confusion_matrix]
def confusion_matrix(y_true, y_pred, labels=None):
    r"""Count how often each true class is predicted as each class.

    Entry $(i, j)$ counts the examples whose true class is `labels[i]` and whose predicted
    class is `labels[j]`: the diagonal holds the correct predictions, everything off it an
    error. For binary labels `[0, 1]` the matrix is

    |  | predicted 0 | predicted 1 |
    |---|---|---|
    | **true 0** | true negatives (TN) | false positives (FP) |
    | **true 1** | false negatives (FN) | true positives (TP) |

    Parameters
    ----------
    y_true : array_like, shape (m,) or (1, m)
        True labels.
    y_pred : array_like, shape (m,) or (1, m)
        Predicted labels.
    labels : sequence, optional
        The classes, in the order of the rows and columns. Default: every class that occurs
        in `y_true` or `y_pred`, sorted.

    Returns
    -------
    cm : ndarray of int, shape (C, C)
        `cm[i, j]` = number of examples of class `labels[i]` predicted as `labels[j]`;
        the entries sum to $m$.

    Raises
    ------
    ValueError
        If the two arrays differ in length, are empty, or contain a class missing from `labels`.

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 0, 1], [0, 1, 0, 0, 1])
    array([[2, 0],
           [1, 2]])
    """
    where = "confusion_matrix"
    y_true, y_pred = _labels(y_true, y_pred, where)
    labels = _label_set(y_true, y_pred, labels, where)
    return _counts(y_true, y_pred, labels)


def _counts(y_true, y_pred, labels):
    """The confusion matrix of checked 1-D label arrays, rows and columns in the order of
    `labels`."""
    order = np.argsort(labels)  # position in `labels` of each sorted label
    sorted_labels = labels[order]
    rows = order[np.searchsorted(sorted_labels, y_true)]
    cols = order[np.searchsorted(sorted_labels, y_pred)]
    cm = np.zeros((len(labels), len(labels)), dtype=np.int64)
    np.add.at(cm, (rows, cols), 1)
    return cm


# --8<-- [end:confusion_matrix]


# --8<-- [start:metrics]
def _per_class(y_true, y_pred, average, labels, where):
    """True positives, predicted positives and actual positives per class, read off the confusion
    matrix."""
    if average not in ("binary", "macro"):
        raise ValueError(
            f"{where}: average must be 'binary' or 'macro', but {average!r} was given."
        )
    y_true, y_pred = _labels(y_true, y_pred, where)
    if average == "binary":
        values = np.unique(np.concatenate([y_true, y_pred]))
        if not np.all(np.isin(values, [0, 1])):
            raise ValueError(
                f"{where}: average='binary' needs labels 0 and 1 (1 is the positive class), "
                f"but the labels include {values[~np.isin(values, [0, 1])][:5].tolist()}; "
                f"use average='macro' for several classes."
            )
        cm = _counts(y_true, y_pred, np.array([0, 1]))
        return cm.diagonal()[1:], cm.sum(axis=0)[1:], cm.sum(axis=1)[1:]
    cm = _counts(y_true, y_pred, _label_set(y_true, y_pred, labels, where))
    # true positives on the diagonal, predictions per
    # class down the columns, examples along the rows
    return cm.diagonal(), cm.sum(axis=0), cm.sum(axis=1)


def _ratio(num, den):
    """num / den per class, 0 where den is 0 (no prediction or no example of that class)."""
    return np.divide(num, den, out=np.zeros(len(num)), where=den > 0)


def precision(y_true, y_pred, average="binary", labels=None):
    r"""Of the examples predicted positive, the fraction that are positive.

    $$\text{precision} = \frac{TP}{TP + FP}$$

    With `average="macro"` every class in turn is "positive" and the result is the
    unweighted mean over classes, so rare classes count as much as common ones. A class
    that is never predicted has precision 0 (scikit-learn's default too).

    Parameters
    ----------
    y_true, y_pred : array_like, shape (m,) or (1, m)
        True and predicted labels; 0/1 for `average="binary"`.
    average : {"binary", "macro"}, default "binary"
    labels : sequence, optional
        With `"macro"`, the classes to average over (default: all that occur).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> precision([0, 1, 1, 0, 1], [1, 1, 0, 0, 1])   # TP = 2, FP = 1
    0.6666666666666666
    """
    tp, predicted, _ = _per_class(y_true, y_pred, average, labels, "precision")
    return float(np.mean(_ratio(tp, predicted)))


def recall(y_true, y_pred, average="binary", labels=None):
    r"""Of the positive examples, the fraction the classifier finds.

    $$\text{recall} = \frac{TP}{TP + FN}$$

    With `average="macro"`, the unweighted mean of the per-class recalls. A class with no
    example has recall 0.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (m,) or (1, m)
        True and predicted labels; 0/1 for `average="binary"`.
    average : {"binary", "macro"}, default "binary"
    labels : sequence, optional
        With `"macro"`, the classes to average over (default: all that occur).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> recall([0, 1, 1, 0, 1], [1, 1, 0, 0, 1])      # TP = 2, FN = 1
    0.6666666666666666
    """
    tp, _, actual = _per_class(y_true, y_pred, average, labels, "recall")
    return float(np.mean(_ratio(tp, actual)))


def f1_score(y_true, y_pred, average="binary", labels=None):
    r"""The harmonic mean of precision $P$ and recall $R$: one number that needs both to be high.

    $$F_1 = \frac{2}{\frac{1}{P} + \frac{1}{R}} = \frac{2PR}{P + R}$$

    ($F_1 = 0$ when $P + R = 0$.) With `average="macro"`, $F_1$ is computed per class and
    the per-class values are averaged without weights.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (m,) or (1, m)
        True and predicted labels; 0/1 for `average="binary"`.
    average : {"binary", "macro"}, default "binary"
    labels : sequence, optional
        With `"macro"`, the classes to average over (default: all that occur).

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    >>> round(f1_score([0, 1, 1, 0, 1], [1, 1, 0, 0, 1]), 4)
    0.6667
    """
    tp, predicted, actual = _per_class(y_true, y_pred, average, labels, "f1_score")
    P, R = _ratio(tp, predicted), _ratio(tp, actual)
    return float(np.mean(_ratio(2 * P * R, P + R)))


# --8<-- [end:metrics]


# --8<-- [start:select_model]
_OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}


@dataclass(frozen=True)
class Selection:
    """The result of [`select_model`][dl_notes.strategy.select_model].

    Attributes
    ----------
    choice : str or None
        The chosen candidate, or None when no candidate meets every constraint.
    reasons : dict of str to str
        For every candidate that was not chosen, why.
    """

    choice: str | None
    reasons: dict = field(default_factory=dict)

    def __str__(self):
        choice = (
            self.choice if self.choice is not None else "none (no candidate meets every constraint)"
        )
        lines = [f"choice: {choice}"]
        lines += [f"  rejected {name}: {why}" for name, why in self.reasons.items()]
        return "\n".join(lines)


def select_model(candidates, optimizing, maximize=True, satisficing=None):
    r"""Pick the best candidate on one optimizing metric among those that meet every constraint.

    Each satisficing metric only has to be good enough: a candidate that misses one
    constraint is out, however good its optimizing metric. Among the candidates left,
    the best optimizing metric wins. With $N$ metrics you care about, that is one
    optimizing and $N - 1$ satisficing metrics.

    Ties on the optimizing metric go to the candidate listed first: the table's order is
    the tie-breaker, and the reason says so.

    Parameters
    ----------
    candidates : dict of str to dict
        `{name: {metric: value, ...}, ...}`; every candidate must have the optimizing
        metric and every satisficing metric.
    optimizing : str
        The metric to make as good as possible, e.g. `"accuracy"`.
    maximize : bool, default True
        True when larger is better (accuracy), False when smaller is (error).
    satisficing : dict of str to (str, float), optional
        `{metric: (op, threshold)}` with `op` one of `"<="`, `"<"`, `">="`, `">"`, e.g.
        `{"running_time_ms": ("<=", 100)}`.

    Returns
    -------
    Selection
        `.choice` (a name, or None when nobody meets the constraints) and `.reasons`, one
        sentence per rejected candidate.

    Examples
    --------
    >>> result = select_model(
    ...     {"A": {"accuracy": 0.90, "running_time_ms": 80},
    ...      "B": {"accuracy": 0.92, "running_time_ms": 95},
    ...      "C": {"accuracy": 0.95, "running_time_ms": 1500}},
    ...     optimizing="accuracy", satisficing={"running_time_ms": ("<=", 100)})
    >>> result.choice
    'B'
    >>> print(result)
    choice: B
      rejected A: meets every constraint, but its accuracy 0.9 is worse than B's 0.92
      rejected C: running_time_ms 1500 does not satisfy <= 100
    """
    where = "select_model"
    if not isinstance(candidates, dict) or not candidates:
        raise TypeError(
            f"{where}: candidates must be a non-empty dict {{name: {{metric: value}}}}, but "
            f"{type(candidates).__name__} {candidates!r:.60} was given."
        )
    satisficing = dict(satisficing or {})
    for metric, rule in satisficing.items():
        if not (isinstance(rule, tuple) and len(rule) == 2 and rule[0] in _OPERATORS):
            raise ValueError(
                f"{where}: each satisficing constraint must be a pair (op, threshold) with op in "
                f"{list(_OPERATORS)}, but {metric!r} has {rule!r}."
            )
    needed = [optimizing, *satisficing]
    for name, metrics in candidates.items():
        missing = [k for k in needed if not isinstance(metrics, dict) or k not in metrics]
        if missing:
            raise KeyError(
                f"{where}: candidate {name!r} has no value for {missing}; "
                f"every candidate needs the optimizing metric {optimizing!r} "
                f"and each satisficing metric {list(satisficing)}."
            )
    reasons, feasible = {}, []
    for name, metrics in candidates.items():
        failed = [
            f"{k} {metrics[k]:g} does not satisfy {op} {limit:g}"
            for k, (op, limit) in satisficing.items()
            if not _OPERATORS[op](metrics[k], limit)
        ]
        if failed:
            reasons[name] = "; ".join(failed)
        else:
            feasible.append(name)
    if not feasible:
        return Selection(None, reasons)
    sign = 1 if maximize else -1
    best = max(
        feasible, key=lambda n: sign * candidates[n][optimizing]
    )  # max keeps the first of ties
    best_value = candidates[best][optimizing]
    for name in feasible:
        if name == best:
            continue
        value = candidates[name][optimizing]
        if value == best_value:
            reasons[name] = (
                f"meets every constraint and ties with {best} on "
                f"{optimizing} ({value:g}); {best} comes first in the table"
            )
        else:
            reasons[name] = (
                f"meets every constraint, but its {optimizing} "
                f"{value:g} is worse than {best}'s {best_value:g}"
            )
    return Selection(best, {name: reasons[name] for name in candidates if name in reasons})


# --8<-- [end:select_model]


# --8<-- [start:split_sizes]
def split_sizes(m, fractions):
    r"""Split $m$ examples into named sets by fractions, as whole numbers that add up to $m$.

    Each set gets $\lfloor f m \rfloor$ examples; the few left over go, one each, to the
    sets with the largest remainders (ties to the set listed first).

    Parameters
    ----------
    m : int
        Number of examples, at least 1.
    fractions : dict of str to float
        `{name: fraction}`, fractions in [0, 1] summing to 1, e.g.
        `{"train": 0.98, "dev": 0.01, "test": 0.01}`.

    Returns
    -------
    dict of str to int
        The same names, with sizes summing to `m`.

    Examples
    --------
    >>> split_sizes(1_000_000, {"train": 0.98, "dev": 0.01, "test": 0.01})
    {'train': 980000, 'dev': 10000, 'test': 10000}
    >>> split_sizes(10, {"train": 0.6, "dev": 0.2, "test": 0.2})
    {'train': 6, 'dev': 2, 'test': 2}
    """
    where = "split_sizes"
    if isinstance(m, bool) or not isinstance(m, (int, np.integer)) or m < 1:
        raise ValueError(
            f"{where}: m must be a positive whole number of examples, but {m!r} was given."
        )
    if not isinstance(fractions, dict) or not fractions:
        raise TypeError(
            f"{where}: fractions must be a dict such as {{'train': 0.98, "
            f"'dev': 0.01, 'test': 0.01}}, but {fractions!r} was given."
        )
    f = np.array([float(v) for v in fractions.values()])
    if np.any(f < 0) or np.any(f > 1) or abs(f.sum() - 1) > 1e-9:
        raise ValueError(
            f"{where}: the fractions must lie in [0, 1] and "
            f"sum to 1, but {fractions} sums to {f.sum():g}."
        )
    exact = f * int(m)
    sizes = np.floor(exact + 1e-9).astype(np.int64)
    left = int(m) - int(sizes.sum())
    remainders = exact - sizes
    for i in sorted(range(len(f)), key=lambda i: -remainders[i])[:left]:
        sizes[i] += 1
    return {name: int(n) for name, n in zip(fractions, sizes)}


# --8<-- [end:split_sizes]


# --8<-- [start:diagnose]
PROBLEMS = ("avoidable bias", "variance", "data mismatch", "overfitting to the dev set")
"""The four gaps of the error table, in the order the recipe works on them."""

RECIPE = {
    "avoidable bias": (
        "train a bigger model (more layers or hidden units)",
        "train longer, or with a better optimizer (momentum, RMSprop, Adam)",
        "try another architecture or search the hyperparameters",
    ),
    "variance": (
        "get more training data",
        "regularize: L2, dropout, data augmentation",
        "try another architecture or search the hyperparameters",
    ),
    "data mismatch": (
        "do error analysis on dev errors to see how training and dev data differ",
        "make training data more like the dev/test data: artificial data synthesis",
        "collect more training data like the dev/test data",
    ),
    "overfitting to the dev set": ("get a bigger dev set",),
}
"""What to try for each problem (Course 3, week 1 "improving your model's performance" and week
2)."""


@dataclass(frozen=True)
class Diagnosis:
    """The result of [`diagnose`][dl_notes.strategy.diagnose]; `str()` prints it as a report.

    Attributes
    ----------
    errors : dict of str to float
        The error table that was diagnosed, with the levels that were given, keyed
        `"human level"`, `"train"`, `"train-dev"`, `"dev"`, `"test"`.
    avoidable_bias, variance, data_mismatch, dev_overfitting : float or None
        The four gaps (None when an error needed for it was not given).
    dominant : str or None
        The largest positive gap, one of [`PROBLEMS`][dl_notes.strategy.PROBLEMS]; None if
        no gap is positive.
    next_steps : tuple of str
        The recipe's steps for `dominant` (from [`RECIPE`][dl_notes.strategy.RECIPE]).
    notes : tuple of str
        Anything else worth knowing: a model below human-level error, a missing train-dev set.
    """

    errors: dict
    avoidable_bias: float
    variance: float
    data_mismatch: float | None
    dev_overfitting: float | None
    dominant: str | None
    next_steps: tuple
    notes: tuple = ()

    @property
    def gaps(self):
        """The gaps that could be computed, by problem name, in recipe order."""
        values = (self.avoidable_bias, self.variance, self.data_mismatch, self.dev_overfitting)
        return {name: v for name, v in zip(PROBLEMS, values) if v is not None}

    def __str__(self):
        width = max(len(k) for k in self.errors)
        lines = ["error table"] + [f"  {k:<{width}}  {v:7.2%}" for k, v in self.errors.items()]
        lines.append("gaps")
        width = max(len(k) for k in self.gaps)
        for name, gap in self.gaps.items():
            mark = "  <- dominant" if name == self.dominant else ""
            lines.append(f"  {name:<{width}}  {gap:+7.2%}{mark}")
        lines.append(f"dominant problem: {self.dominant or 'none'}")
        lines += ["next steps"] + [f"  - {step}" for step in self.next_steps]
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


def diagnose(human_level, train, dev, train_dev=None, test=None):
    r"""Read an error table: how big each problem is, which one dominates, and what to try next.

    With human-level error as the proxy for Bayes error, each gap between neighbouring
    levels of the table measures one problem:

    | gap | formula | problem |
    |---|---|---|
    | avoidable bias | train $-$ human-level | the model does not fit the training set as well as it could |
    | variance | train-dev $-$ train | it does not generalise to unseen data of the training distribution |
    | data mismatch | dev $-$ train-dev | the dev/test distribution differs from the training distribution |
    | overfitting to the dev set | test $-$ dev | the dev set has been tuned on too much |

    Without a train-dev set, variance is measured as dev $-$ train, which then also contains
    any data mismatch (a note says so). Without a test error, overfitting to the dev set is
    not measured.

    The dominant problem is the largest positive gap; when two gaps are equal, the one
    earlier in the table wins, because the recipe fixes the training set first. If no gap
    is positive there is nothing left to fix (`dominant` is None).

    Parameters
    ----------
    human_level : float
        Human-level error, the proxy for Bayes error (use the best human performance you
        know of), a fraction in [0, 1].
    train : float
        Training-set error.
    dev : float
        Dev-set error.
    train_dev : float, optional
        Error on the train-dev set: held-out examples from the training distribution.
    test : float, optional
        Test-set error.

    Returns
    -------
    Diagnosis
        `avoidable_bias`, `variance`, `data_mismatch`, `dev_overfitting`, `dominant`,
        `next_steps`, `notes`; `print()` it for a report.

    Examples
    --------
    >>> d = diagnose(human_level=0.04, train=0.07, train_dev=0.10, dev=0.12)
    >>> round(d.avoidable_bias, 4), round(d.variance, 4), round(d.data_mismatch, 4)
    (0.03, 0.03, 0.02)
    >>> d.dominant          # a tie between bias and variance: fit the training set first
    'avoidable bias'
    """  # noqa: E501 (markdown table rows cannot wrap)
    where = "diagnose"
    given = {
        "human_level": human_level,
        "train": train,
        "train_dev": train_dev,
        "dev": dev,
        "test": test,
    }
    errors = {}
    for name, value in given.items():
        if value is None and name in ("train_dev", "test"):
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float, np.integer, np.floating))
            or not np.isfinite(value)
        ):
            raise TypeError(
                f"{where}: {name} must be an error rate (a "
                f"number in [0, 1]), but {value!r} was given."
            )
        if not 0 <= value <= 1:
            hint = f"; write {value:g} % as {value / 100:g}" if 1 < value <= 100 else ""
            raise ValueError(
                f"{where}: {name} must be a fraction in [0, 1], but {value!r} was given{hint}."
            )
        errors[{"human_level": "human level", "train_dev": "train-dev"}.get(name, name)] = float(
            value
        )
    notes = []
    avoidable_bias = train - human_level
    if train_dev is None:
        variance, data_mismatch = dev - train, None
        notes.append(
            "without a train-dev set, 'variance' is dev - train and also contains any data mismatch"
        )
    else:
        variance, data_mismatch = train_dev - train, dev - train_dev
    dev_overfitting = None if test is None else test - dev
    if avoidable_bias < 0:
        notes.append(
            "the training error is below human level: human-level error is no "
            "longer a good proxy for Bayes error, and progress gets harder to judge"
        )
    values = (avoidable_bias, variance, data_mismatch, dev_overfitting)
    gaps = [(v, -i) for i, v in enumerate(values) if v is not None]
    top, index = max(gaps)
    dominant = PROBLEMS[-index] if top > 1e-12 else None
    next_steps = (
        RECIPE[dominant] if dominant else ("nothing to fix: every gap is zero or negative",)
    )
    return Diagnosis(
        errors,
        float(avoidable_bias),
        float(variance),
        None if data_mismatch is None else float(data_mismatch),
        None if dev_overfitting is None else float(dev_overfitting),
        dominant,
        tuple(next_steps),
        tuple(notes),
    )


# --8<-- [end:diagnose]


# --8<-- [start:error_analysis]
@dataclass(frozen=True)
class Tally:
    """The result of [`error_analysis`][dl_notes.strategy.error_analysis]; `str()` prints the table.

    Attributes
    ----------
    rows : list of (str, int, float, float or None)
        `(category, count, share, ceiling)`, most frequent first.
    n_errors : int
        Number of misclassified examples looked at.
    error_rate : float or None
        The overall error rate they come from.
    untagged : int
        Errors with no category.
    """

    rows: list
    n_errors: int
    error_rate: float | None = None
    untagged: int = 0

    @property
    def best(self):
        """The category whose fix could lower the error most (the first row), or None."""
        return self.rows[0][0] if self.rows and self.rows[0][1] > 0 else None

    def __str__(self):
        width = max([len("category")] + [len(r[0]) for r in self.rows])
        head = f"{'category':<{width}}  {'count':>5}  {'share':>6}"
        if self.error_rate is not None:
            head += f"  {'ceiling':>8}  {'error after':>11}"
        lines = [head]
        for category, count, share, ceiling in self.rows:
            line = f"{category:<{width}}  {count:>5}  {share:>6.1%}"
            if ceiling is not None:
                line += f"  {ceiling:>8.2%}  {self.error_rate - ceiling:>11.2%}"
            lines.append(line)
        total = f"{self.n_errors} errors"
        if self.error_rate is not None:
            total += f", error rate {self.error_rate:.2%}"
        if self.untagged:
            total += f", {self.untagged} untagged"
        lines.append(total)
        return "\n".join(lines)


def error_analysis(tags, error_rate=None, categories=None):
    r"""Tally misclassified examples by category: the share of the errors and the ceiling of each
    fix.

    Error analysis looks at (about a hundred) misclassified dev examples and notes, for each,
    the categories it falls into ("dog", "blurry", "mislabeled"...). An example can be in
    several categories, so the shares can add up to more than 100 %. If the dev error is
    $E$ and a category covers a share $s$ of the errors, then fixing that category
    completely lowers the error to $E(1 - s)$ at best: its **ceiling** is $E \cdot s$. A
    category with a small ceiling is not worth much work, however interesting it looks.

    Parameters
    ----------
    tags : sequence
        One entry per misclassified example: a category name (str), an iterable of names,
        or an empty iterable (an error you could not put in any category).
    error_rate : float, optional
        The error rate $E$ the errors come from (a fraction in [0, 1]); gives the ceilings.
    categories : sequence of str, optional
        Categories to report, in this order on ties, including those with no error. Tags
        not listed are an error (a typo would otherwise become a category). Default:
        every tag that occurs, in order of first appearance on ties.

    Returns
    -------
    Tally
        `.rows` = `[(category, count, share, ceiling), ...]`, by count, largest first
        (`ceiling` is None without `error_rate`); `.n_errors`, `.error_rate`, `.untagged`,
        `.best`.

    Examples
    --------
    >>> tags = ["dog", "blurry", ["dog", "blurry"], "great cat", []]
    >>> tally = error_analysis(tags, error_rate=0.10)
    >>> print(tally)
    category   count   share   ceiling  error after
    dog            2   40.0%     4.00%        6.00%
    blurry         2   40.0%     4.00%        6.00%
    great cat      1   20.0%     2.00%        8.00%
    5 errors, error rate 10.00%, 1 untagged
    """
    where = "error_analysis"
    if isinstance(tags, (str, bytes)) or not hasattr(tags, "__len__"):
        raise TypeError(
            f"{where}: tags must be a list with one entry per misclassified example (a category, "
            f"or a list of categories), but {type(tags).__name__} {tags!r:.40} was given."
        )
    if len(tags) == 0:
        raise ValueError(f"{where}: tags is empty; tag at least one misclassified example.")
    if error_rate is not None and (
        isinstance(error_rate, bool)
        or not isinstance(error_rate, (int, float, np.number))
        or not 0 <= error_rate <= 1
    ):
        raise ValueError(
            f"{where}: error_rate must be a fraction in [0, "
            f"1] (8 % is 0.08), but {error_rate!r} was given."
        )
    per_example = []
    for i, entry in enumerate(tags):
        names = (
            [entry]
            if isinstance(entry, str)
            else list(entry)
            if hasattr(entry, "__iter__")
            else None
        )
        if names is None or not all(isinstance(n, str) for n in names):
            raise TypeError(
                f"{where}: tags[{i}] must be a category name "
                f"or a list of names, but {entry!r} was given."
            )
        per_example.append(list(dict.fromkeys(names)))  # a category counts once per example
    order = list(dict.fromkeys(n for names in per_example for n in names))
    if categories is not None:
        categories = list(categories)
        unknown = [n for n in order if n not in categories]
        if unknown:
            raise ValueError(
                f"{where}: tags use {unknown}, which are not in categories={categories}."
            )
        order = categories
    counts = {name: 0 for name in order}
    for names in per_example:
        for name in names:
            counts[name] += 1
    n = len(per_example)
    ranked = sorted(order, key=lambda name: -counts[name])  # stable: ties keep their order
    rows = [
        (
            name,
            counts[name],
            counts[name] / n,
            None if error_rate is None else float(error_rate) * counts[name] / n,
        )
        for name in ranked
    ]
    return Tally(
        rows,
        n,
        None if error_rate is None else float(error_rate),
        sum(1 for names in per_example if not names),
    )


# --8<-- [end:error_analysis]
