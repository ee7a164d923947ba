"""The prelude every lab runs first: seeds, print options and figure defaults in one place.

Taught in: every lab starts with `rng = dl_notes.lab.setup()`.
"""

from __future__ import annotations

import numpy as np

__all__ = ["setup"]


def setup(seed=1):
    """Make a lab reproducible and its output compact.

    Sets NumPy's print options (4 decimals, no scientific notation for small numbers),
    seeds NumPy's legacy global generator (for code copied from the course), sets compact
    Matplotlib defaults, and returns a seeded `numpy.random.Generator` for the lab's own use.

    Parameters
    ----------
    seed : int, default 1

    Returns
    -------
    rng : numpy.random.Generator
    """
    import matplotlib as mpl

    np.set_printoptions(precision=4, suppress=True, linewidth=100)
    np.random.seed(seed)
    mpl.rcParams.update({
        "figure.figsize": (5, 3.5),
        "figure.dpi": 72,
        "axes.grid": False,
        "font.size": 9,
    })
    return np.random.default_rng(seed)
