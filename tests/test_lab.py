"""dl_notes.lab: the prelude every lab runs first."""

import numpy as np

from dl_notes import lab


def test_lab_setup_is_reproducible():
    a = lab.setup(3).standard_normal(3)
    g1 = np.random.rand()
    b = lab.setup(3).standard_normal(3)
    g2 = np.random.rand()
    assert np.array_equal(a, b) and g1 == g2
    assert not np.array_equal(a, lab.setup(4).standard_normal(3))
    assert np.get_printoptions()["precision"] == 4
    from threadpoolctl import threadpool_info

    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)
