import numpy as np
import pytest

from dl_notes.initialization import (
    INIT_METHODS,
    initialize_parameters,
    initialize_parameters_deep,
    initialize_with_zeros,
)


def test_initialize_with_zeros():
    w, b = initialize_with_zeros(3)
    assert w.shape == (3, 1) and not w.any() and b == 0.0


def test_initialize_parameters_shapes_and_scale():
    p = initialize_parameters(2, 4, 1)
    assert {k: v.shape for k, v in p.items()} == {
        "W1": (4, 2),
        "b1": (4, 1),
        "W2": (1, 4),
        "b2": (1, 1),
    }
    assert np.abs(p["W1"]).max() < 0.05 and not p["b1"].any()


@pytest.mark.parametrize("method", INIT_METHODS)
def test_deep_shapes(method):
    dims = [5, 4, 3, 1]
    p = initialize_parameters_deep(dims, method=method, seed=0)
    assert sorted(p) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for l in range(1, 4):
        assert p[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert p[f"b{l}"].shape == (dims[l], 1)
        assert not p[f"b{l}"].any()


def test_deep_standard_deviations():
    """Large layers: the empirical std of W matches each method's formula within 3%."""
    n_prev, n = 400, 300
    want = {
        "random": 0.01,
        "xavier": np.sqrt(1 / n_prev),
        "glorot": np.sqrt(2 / (n_prev + n)),
        "he": np.sqrt(2 / n_prev),
    }
    for method, std in want.items():
        W = initialize_parameters_deep([n_prev, n], method=method, seed=1)["W1"]
        assert W.std() == pytest.approx(std, rel=0.03), method
    assert not initialize_parameters_deep([n_prev, n], method="zeros")["W1"].any()


def test_deep_is_seeded():
    a = initialize_parameters_deep([3, 2, 1], seed=4)
    b = initialize_parameters_deep([3, 2, 1], seed=4)
    c = initialize_parameters_deep([3, 2, 1], seed=5)
    assert np.array_equal(a["W1"], b["W1"]) and not np.array_equal(a["W1"], c["W1"])


def test_bad_inputs():
    with pytest.raises(
        ValueError, match=r"unknown method 'kaiming'; expected one of 'zeros', 'random'"
    ):
        initialize_parameters_deep([3, 1], method="kaiming")
    with pytest.raises(
        ValueError, match=r"layer_dims needs at least \[n_x, n_y\], but \[3\] was given"
    ):
        initialize_parameters_deep([3])
    with pytest.raises(
        ValueError, match="every entry of layer_dims must be positive, but 0 was given"
    ):
        initialize_parameters_deep([3, 0, 1])
    with pytest.raises(
        TypeError, match=r"every entry of layer_dims must be a whole number, but 2.5 was given"
    ):
        initialize_parameters_deep([3, 2.5, 1])
    with pytest.raises(TypeError, match="dim must be a number, but a str was given"):
        initialize_with_zeros("3")
    with pytest.raises(TypeError, match="seed must be an int"):
        initialize_parameters_deep([3, 1], seed="x")
