import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fixed-seed generator: tests use random, non-symmetric, non-zero data."""
    return np.random.default_rng(12345)


@pytest.fixture(scope="session")
def tf():
    """TensorFlow in float64, imported once per session (a test dependency only)."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    return tf
