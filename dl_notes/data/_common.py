"""Helpers shared by the loaders of `dl_notes.data`: optional imports and generator arguments."""

from __future__ import annotations

import importlib

import numpy as np

from dl_notes._checks import check_positive, check_seed


def _require(module, package, extra="data"):
    """Import `module`, or raise an ImportError that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"This loader needs the '{package}' package, which is not installed. "
            f"Install it with: pip install {package}  (or: pip install 'dl-notes[{extra}]')."
        ) from err


def _check_generator_args(where, maker, sizes, noise, seed):
    """Check the arguments of a loader that calls a scikit-learn generator; return `seed` as an int.

    `sizes` maps each size argument's name to its value (`{"n": n}` or
    `{"n_train": n_train, "n_test": n_test}`); `maker` names the generator in the message
    about `seed`, which becomes its `random_state`.
    """
    for name, n in sizes.items():
        check_positive(n, name, where, integer=True)
    if (
        isinstance(noise, bool)
        or not isinstance(noise, (int, float, np.integer, np.floating))
        or noise < 0
    ):
        raise ValueError(
            f"{where}: noise must be a number >= 0 (a standard deviation), but {noise!r} was given."
        )
    return check_seed(seed, where, why=f"{maker}' random_state")
