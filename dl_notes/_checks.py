"""Input checks shared by every public function.

Shape mistakes are the most common bug when writing a network by hand, and NumPy's own
message ("operands could not be broadcast together with shapes (4,3) (5,2)") appears
several calls away from the mistake. Public functions of `dl_notes` call these helpers
first, so a bad input fails at once with a message that names the function, the
argument, what was expected and what was given.

A public function checks its inputs once, here, and then calls an unchecked private
kernel (`linear_forward` checks, `_linear_forward` computes); kernels call each other
freely, so a training loop does not pay for the same checks at every step.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "as_array",
    "check_ndim",
    "check_shape",
    "check_shape_of",
    "check_same_shape",
    "check_same_shape_of",
    "check_binary",
    "check_choice",
    "check_positive",
    "check_interval",
    "check_parameters",
    "check_inputs_fit",
    "as_rng",
    "check_seed",
]


def as_array(x, name: str, where: str) -> np.ndarray:
    """Return `x` as a floating-point ndarray, or raise `TypeError` naming what was given."""
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "fiub":
            return x if x.dtype.kind == "f" else x.astype(np.float64)
        raise TypeError(f"{where}: {name} must be a numeric array, but it has dtype {x.dtype}.")
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
    raise TypeError(f"{where}: {name} must be a NumPy array, but a {type(x).__name__} was given.")


def check_ndim(x: np.ndarray, ndim: int, name: str, where: str, layout: str = "") -> None:
    """Raise `ValueError` unless `x` has `ndim` dimensions; `layout` names them, e.g. `(n_x, m)`."""
    if x.ndim != ndim:
        hint = f" {layout}" if layout else ""
        raise ValueError(
            f"{where}: {name} must be a {ndim}-D array{hint}, but it has shape {x.shape}."
        )


def check_shape(x: np.ndarray, shape: tuple, name: str, where: str, why: str = "") -> None:
    """Raise `ValueError` unless `x.shape` matches `shape` (`None` entries match any size)."""
    check_shape_of(x.shape, shape, name, where, why)


def check_shape_of(actual: tuple, shape: tuple, name: str, where: str, why: str = "") -> None:
    """`check_shape` for a shape known without its array.

    A backward pass checks its caches before computing anything, so the shape of each
    `dZ` is known before `dZ` exists.
    """
    if actual == shape:
        return
    ok = len(actual) == len(shape) and all(s is None or s == d for s, d in zip(shape, actual))
    if not ok:
        want = "(" + ", ".join("any" if s is None else str(s) for s in shape)
        want += ",)" if len(shape) == 1 else ")"
        reason = f"; {why}" if why else ""
        raise ValueError(
            f"{where}: {name} must have shape {want}, but it has shape {tuple(actual)}{reason}."
        )


def check_same_shape(a: np.ndarray, b: np.ndarray, names: tuple[str, str], where: str) -> None:
    """Raise `ValueError` unless `a` and `b` have the same shape."""
    check_same_shape_of(a.shape, b.shape, names, where)


def check_same_shape_of(a: tuple, b: tuple, names: tuple[str, str], where: str) -> None:
    """`check_same_shape` for two shapes."""
    if a != b:
        raise ValueError(
            f"{where}: {names[0]} and {names[1]} must have the same shape, but "
            f"{names[0]} has shape {a} and {names[1]} has shape {b}."
        )


def check_binary(y: np.ndarray, name: str, where: str) -> None:
    """Raise `ValueError` unless every entry of `y` is 0 or 1."""
    bad = (y != 0) & (y != 1)  # nan is bad too
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
        raise TypeError(
            f"{where}: {name} must be a number, but a {type(value).__name__} was given."
        )
    if integer and int(value) != value:
        raise TypeError(f"{where}: {name} must be a whole number, but {value!r} was given.")
    if not value > 0:
        raise ValueError(f"{where}: {name} must be positive, but {value!r} was given.")


def check_interval(value, name, where, low, high, closed=(True, False)):
    """Raise `TypeError` unless `value` is a real number, `ValueError` unless it lies in the
    interval.

    `closed` says whether each end belongs to it: `(True, False)` is `[low, high)`.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(
            f"{where}: {name} must be a number, but a {type(value).__name__} was given."
        )
    above = value >= low if closed[0] else value > low
    below = value <= high if closed[1] else value < high
    if not (above and below):
        interval = ("[" if closed[0] else "(") + f"{low}, {high}" + ("]" if closed[1] else ")")
        raise ValueError(f"{where}: {name} must be in {interval}, but {value!r} was given.")


def check_parameters(
    parameters: dict, L: int, where: str, *, batch_norm: bool = False, numpy: bool = True
) -> dict:
    """Check a parameters dict `{"W1", "b1", ..., "WL", "bL"}` for consistent shapes; return it.

    `W[l]` must be `(n[l], n[l-1])` and `b[l]` must be `(n[l], 1)`, with `n[l-1]` equal to the
    number of rows of `W[l-1]`.

    With `batch_norm=True` the hidden layers have `gamma{l}` and `beta{l}`, both `(n[l], 1)`,
    instead of `b{l}` (the layout of `initialize_parameters_bn`); the output layer keeps `b{L}`.

    With `numpy=True` every value must be numeric and is converted by `as_array` (integer
    arrays become float64); the dict returned holds the converted arrays (it is `parameters`
    itself when nothing needed converting). With `numpy=False` any value with a `.shape`
    is accepted as it is, e.g. TensorFlow tensors and Variables, also inside `tf.function`:
    only the static shapes are checked and `parameters` is returned unchanged.
    """
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict with keys 'W1', 'b1', ..., but a "
            f"{type(parameters).__name__} was given."
        )
    converted = {}
    n_prev = None  # rows of W[l-1]
    for l in range(1, L + 1):
        keys = (f"W{l}", f"gamma{l}", f"beta{l}") if batch_norm and l < L else (f"W{l}", f"b{l}")
        for key in keys:
            if key not in parameters:
                first = "W1, gamma1, beta1" if batch_norm else "W1, b1"
                raise ValueError(
                    f"{where}: parameters has no {key!r}; expected keys {first}, ..., W{L}, b{L} "
                    f"but got {sorted(parameters)}."
                )
        shapes = []
        for key in keys:
            value = parameters[key]
            if numpy:
                array = as_array(value, key, where)
                if array is not value:
                    converted[key] = array
                shapes.append(array.shape)
            else:
                shapes.append(_static_shape(value))
        W = shapes[0]
        if len(W) != 2:
            raise ValueError(
                f"{where}: W{l} must be a 2-D array (n[l], n[l-1]), but it has shape {W}."
            )
        for key, shape in zip(keys[1:], shapes[1:]):
            if shape != (W[0], 1):
                check_shape_of(shape, (W[0], 1), key, where, f"W{l} has {W[0]} rows")
        if n_prev is not None and W[1] != n_prev:
            raise ValueError(
                f"{where}: W{l} has shape {W}, so it expects {W[1]} inputs, "
                f"but W{l - 1} produces {n_prev} units; W{l} must be ({W[0]}, {n_prev})."
            )
        n_prev = W[0]
    return {**parameters, **converted} if converted else parameters


def _static_shape(x) -> tuple:
    """The shape of anything with a `.shape` (a TensorFlow shape may hold `None`; unknown rank gives
    `()`)."""
    try:
        return tuple(x.shape)
    except ValueError:  # iterating a TensorShape of unknown rank
        return ()


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


# --- seeds: the one check every seeded function uses -----------------------------------


def as_rng(seed, where: str = "", *, allow_none: bool = True) -> np.random.Generator:
    """Return a NumPy `Generator` from an int seed, an existing Generator or `None`.

    With `allow_none=False`, `None` is refused: a training run that must be reproducible
    takes an int or a Generator.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    prefix = f"{where}: " if where else ""
    if seed is None and not allow_none:
        raise TypeError(
            f"{prefix}seed must be an int or a "
            f"numpy.random.Generator (None would not be reproducible)."
        )
    if seed is None or _is_int(seed):
        return np.random.default_rng(seed)
    raise TypeError(
        f"{prefix}seed must be an int, a numpy.random.Generator or None, but a "
        f"{type(seed).__name__} was given."
    )


def check_seed(
    seed, where: str, *, allow_none: bool = False, minimum: int | None = None, why: str = ""
) -> int | None:
    """Return `seed` as a Python int, for libraries that take an integer seed.

    TensorFlow (`tf.random.set_seed`, Keras initializers) and scikit-learn (`random_state`)
    take an int, not a NumPy Generator. `allow_none` also accepts `None` (and returns it);
    `minimum` is the smallest seed allowed (`0` for Keras); `why` says where the seed
    goes, e.g. `"make_moons' random_state"`. Raises `TypeError` for anything but an int
    (bools included) and `ValueError` for an int below `minimum`.
    """
    if seed is None and allow_none:
        return None
    bound = f" >= {minimum}" if minimum is not None else ""
    expected = f"an int{bound}{' or None' if allow_none else ''}{f' ({why})' if why else ''}"
    if not _is_int(seed):
        raise TypeError(f"{where}: seed must be {expected}, but a {type(seed).__name__} was given.")
    if minimum is not None and seed < minimum:
        raise ValueError(f"{where}: seed must be {expected}, but {seed!r} was given.")
    return int(seed)


def _is_int(x) -> bool:
    return isinstance(x, (int, np.integer)) and not isinstance(x, bool)
