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
    Matplotlib defaults, limits NumPy's BLAS to one thread, and returns a seeded
    `numpy.random.Generator` for the lab's own use.

    One BLAS thread is faster for the labs' small matrices and keeps a lab's time steady when
    other processes share the CPU (measured: 500 iterations of a 12k-parameter network took
    9 s with two contending threads, about 1 s with one).

    Parameters
    ----------
    seed : int, default 1

    Returns
    -------
    rng : numpy.random.Generator
    """
    import matplotlib as mpl
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    np.set_printoptions(precision=4, suppress=True, linewidth=100)
    np.random.seed(seed)
    mpl.rcParams.update(
        {
            "figure.figsize": (5, 3.5),
            "figure.dpi": 72,
            "axes.grid": False,
            "font.size": 9,
        }
    )
    return np.random.default_rng(seed)
