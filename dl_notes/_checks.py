"""Input checks shared by every public function.

Shape mistakes are the most common bug when writing a network by hand, and NumPy's own
message ("operands could not be broadcast together with shapes (4,3) (5,2)") appears
several calls away from the mistake. Public functions of `dl_notes` call these helpers
first, so a bad input fails at once with a message that names the function, the
argument, what was expected and what was given.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "as_array",
    "check_ndim",
    "check_shape",
    "check_same_shape",
    "check_binary",
    "check_choice",
    "check_positive",
    "check_interval",
    "check_parameters",
    "check_inputs_fit",
    "as_rng",
]


def as_array(x, name: str, where: str) -> np.ndarray:
    """Return `x` as a floating-point ndarray, or raise `TypeError` naming what was given."""
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "fiub":
            return x if x.dtype.kind == "f" else x.astype(np.float64)
        raise TypeError(
            f"{where}: {name} must be a numeric array, but it has dtype {x.dtype}."
        )
    if isinstance(x, (int, float, np.number)) and not isinstance(x, bool):
        return np.asarray(x, dtype=np.float64)
    if isinstance(x, (list, tuple)):
        try:
            return np.asarray(x, dtype=np.float64)
        except (TypeError, ValueError) as err:
            raise TypeError(
                f"{where}: {name} must be numeric; could not convert the given "
                f"{type(x).__name__} to an array of numbers ({err})."
            ) from None
    raise TypeError(
        f"{where}: {name} must be a NumPy array, but a {type(x).__name__} was given."
    )


def check_ndim(x: np.ndarray, ndim: int, name: str, where: str, layout: str = "") -> None:
    """Raise `ValueError` unless `x` has `ndim` dimensions; `layout` names them, e.g. `(n_x, m)`."""
    if x.ndim != ndim:
        hint = f" {layout}" if layout else ""
        raise ValueError(
            f"{where}: {name} must be a {ndim}-D array{hint}, but it has shape {x.shape}."
        )


def check_shape(x: np.ndarray, shape: tuple, name: str, where: str, why: str = "") -> None:
    """Raise `ValueError` unless `x.shape` matches `shape` (`None` entries match any size)."""
    ok = x.ndim == len(shape) and all(s is None or s == d for s, d in zip(shape, x.shape))
    if not ok:
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape)
        want += ",)" if len(shape) == 1 else ")"
        reason = f"; {why}" if why else ""
        raise ValueError(
            f"{where}: {name} must have shape {want}, but it has shape {x.shape}{reason}."
        )


def check_same_shape(a: np.ndarray, b: np.ndarray, names: tuple[str, str], where: str) -> None:
    """Raise `ValueError` unless `a` and `b` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(
            f"{where}: {names[0]} and {names[1]} must have the same shape, but "
            f"{names[0]} has shape {a.shape} and {names[1]} has shape {b.shape}."
        )


def check_binary(y: np.ndarray, name: str, where: str) -> None:
    """Raise `ValueError` unless every entry of `y` is 0 or 1."""
    bad = ~np.isin(y, (0, 1))
    if bad.any():
        raise ValueError(
            f"{where}: {name} must hold binary labels 0 or 1, but it contains "
            f"{np.unique(y[bad])[:5].tolist()}."
        )


def check_choice(value: str, choices: Sequence[str], name: str, where: str) -> None:
    """Raise `ValueError` unless `value` is one of `choices`."""
    if value not in choices:
        raise ValueError(
            f"{where}: unknown {name} {value!r}; expected one of "
            + ", ".join(repr(c) for c in choices)
            + "."
        )


def check_positive(value, name: str, where: str, integer: bool = False) -> None:
    """Raise `ValueError`/`TypeError` unless `value` is a positive number (an int if `integer`)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{where}: {name} must be a number, but a {type(value).__name__} was given.")
    if integer and int(value) != value:
        raise TypeError(f"{where}: {name} must be a whole number, but {value!r} was given.")
    if not value > 0:
        raise ValueError(f"{where}: {name} must be positive, but {value!r} was given.")


def check_interval(value, name, where, low, high, closed=(True, False)):
    """Raise `TypeError` unless `value` is a real number, `ValueError` unless it lies in the interval.

    `closed` says whether each end belongs to it: `(True, False)` is `[low, high)`.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: {name} must be a number, but a {type(value).__name__} was given.")
    above = value >= low if closed[0] else value > low
    below = value <= high if closed[1] else value < high
    if not (above and below):
        interval = ("[" if closed[0] else "(") + f"{low}, {high}" + ("]" if closed[1] else ")")
        raise ValueError(f"{where}: {name} must be in {interval}, but {value!r} was given.")


def check_parameters(parameters: dict, L: int, where: str) -> None:
    """Check a parameters dict `{"W1", "b1", ..., "WL", "bL"}` for consistent shapes.

    `W[l]` must be `(n[l], n[l-1])` and `b[l]` must be `(n[l], 1)`, with `n[l-1]` equal to the
    number of rows of `W[l-1]`.
    """
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict with keys 'W1', 'b1', ..., but a "
            f"{type(parameters).__name__} was given."
        )
    for l in range(1, L + 1):
        for key in (f"W{l}", f"b{l}"):
            if key not in parameters:
                raise ValueError(
                    f"{where}: parameters has no {key!r}; expected keys W1, b1, ..., W{L}, b{L} "
                    f"but got {sorted(parameters)}."
                )
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        check_ndim(np.asarray(W), 2, f"W{l}", where, "(n[l], n[l-1])")
        check_shape(np.asarray(b), (W.shape[0], 1), f"b{l}", where, f"W{l} has {W.shape[0]} rows")
        if l > 1:
            prev = parameters[f"W{l - 1}"].shape[0]
            if W.shape[1] != prev:
                raise ValueError(
                    f"{where}: W{l} has shape {W.shape}, so it expects {W.shape[1]} inputs, "
                    f"but W{l - 1} produces {prev} units; W{l} must be ({W.shape[0]}, {prev})."
                )


def check_inputs_fit(X, parameters, where: str) -> np.ndarray:
    """Return `X` as an array after checking it is `(n_x, m)` with `n_x` the columns of `W1`."""
    X = as_array(X, "X", where)
    check_ndim(X, 2, "X", where, "(n_x, m)")
    W1 = parameters["W1"]
    if X.shape[0] != W1.shape[1]:
        raise ValueError(
            f"{where}: X has {X.shape[0]} features (rows) but W1 has shape {W1.shape}, "
            f"which expects {W1.shape[1]}."
        )
    return X


def as_rng(seed, where: str = "") -> np.random.Generator:
    """Return a NumPy `Generator` from an int seed, an existing Generator or `None`."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)):
        return np.random.default_rng(seed)
    prefix = f"{where}: " if where else ""
    raise TypeError(
        f"{prefix}seed must be an int, a numpy.random.Generator or None, but a "
        f"{type(seed).__name__} was given."
    )
