import builtins
import sys

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from dl_notes import data, lab, plotting  # noqa: E402


def test_load_faces_split():
    tr_x, tr_y, te_x, te_y, classes = data.load_faces()
    assert tr_x.shape == (150, 25, 25) and te_x.shape == (50, 25, 25)
    assert tr_x.dtype == np.uint8 and tr_x.max() > 200
    assert tr_y.shape == (1, 150) and te_y.shape == (1, 50)
    assert tr_y.sum() == 75 and te_y.sum() == 25  # stratified
    assert list(classes) == ["non-face", "face"]
    # train and test are disjoint sets of images
    train = {x.tobytes() for x in tr_x}
    assert not any(x.tobytes() in train for x in te_x)
    again = data.load_faces()
    assert np.array_equal(again[0], tr_x), "seeded"


def test_load_faces_bad_argument():
    with pytest.raises(ValueError, match="n_test_per_class must be below 100"):
        data.load_faces(100)


def test_load_own_image():
    for name in data.OWN_IMAGES:
        img = data.load_own_image(name)
        assert img.shape == (25, 25) and img.dtype == np.uint8 and img.std() > 10
    with pytest.raises(ValueError, match=r"unknown image name 'cat'; expected one of 'astronaut', 'chelsea'"):
        data.load_own_image("cat")


def test_planar_dataset():
    X, Y = data.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400) and Y.sum() == 200
    assert np.abs(X).max() < 6
    with pytest.raises(ValueError, match="m must be even"):
        data.load_planar_dataset(m=401)


def test_extra_datasets():
    sets = data.load_extra_datasets()
    assert sorted(sets) == ["blobs", "gaussian_quantiles", "noisy_circles", "noisy_moons"]
    for X, Y in sets.values():
        assert X.shape == (2, 200) and Y.shape == (1, 200) and set(np.unique(Y)) == {0, 1}


def test_missing_optional_dependency_names_the_package(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.startswith("skimage"):
            raise ImportError("No module named 'skimage'")
        return real_import(name, *args, **kwargs)

    for mod in [m for m in sys.modules if m.startswith("skimage")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match=r"needs the 'scikit-image' package.*pip install scikit-image.*dl-notes\[data\]"):
        data.load_faces()


def test_plotting_functions_draw():
    X, Y = data.load_planar_dataset()
    ax = plotting.plot_decision_boundary(lambda P: (P[0] > 0).astype(int), X, Y, title="x1 > 0")
    assert ax.get_title() == "x1 > 0" and len(ax.collections) >= 2
    ax = plotting.plot_costs({"a": [3, 2, 1], "b": [3, 1, 0.5]}, every=100)
    assert len(ax.lines) == 2 and ax.lines[0].get_xdata()[-1] == 200
    fig = plotting.show_images(np.zeros((5, 4, 4)), titles=list("abcde"), ncols=3)
    assert len(fig.axes) == 6
    ax = plotting.plot_network([3, 4, 12, 1], title="net")
    assert ax.get_title() == "net" and len(ax.patches) + len(ax.collections) > 0
    fig = plotting.plot_activations()
    assert len(fig.axes) == 4
    text = plotting.svg(fig)
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")
    assert "<metadata>" not in text and "Matplotlib v" not in text, "no metadata for search to index"


def test_plotting_bad_input():
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\).*but it has shape \(3, 5\)"):
        plotting.plot_decision_boundary(lambda P: P[0], np.zeros((3, 5)), np.zeros((1, 5)))
    with pytest.raises(ValueError, match=r"images must have shape \(k, height, width\).*but it has shape \(4, 4\)"):
        plotting.show_images(np.zeros((4, 4)))


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


def test_plot_flowchart_draws_boxes_and_arrows():
    nodes = {"q": (0, 1, "High bias?", "decision"), "a": (3, 1, "bigger network"), "end": (0, 0, "done", "end")}
    ax = plotting.plot_flowchart(nodes, [("q", "a", "yes"), ("a", "q", None, 0.5), ("q", "end", "no")], title="recipe")
    assert ax.get_title() == "recipe"
    assert [t.get_text() for t in ax.texts[:3]] == ["High bias?", "bigger network", "done"]
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]   # annotations
    assert len(arrows) == 3
    assert {"yes", "no"} <= {t.get_text() for t in ax.texts}
    assert plotting.svg(ax.figure).startswith("<svg")
    with pytest.raises(ValueError, match=r"names the node 'missing'"):
        plotting.plot_flowchart(nodes, [("q", "missing")])
    with pytest.raises(ValueError, match=r"node 'q' has kind 'diamond'"):
        plotting.plot_flowchart({"q": (0, 0, "?", "diamond")}, [])


def test_plot_contours_gd_draws_contours_and_paths():
    H = np.diag([1.0, 10.0])
    path = np.array([[-2.0, -1.0, 0.0], [1.0, -0.5, 0.0]])
    ax = plotting.plot_contours_gd(lambda P: 0.5 * np.sum(P * (H @ P), axis=0),
                                   {"gd": path, "other": path / 2}, minimum=[0, 0], title="bowl")
    assert ax.get_title() == "bowl" and ax.get_aspect() == 1.0
    assert len(ax.collections) >= 1                       # the contour set
    drawn = [line for line in ax.lines if line.get_label() in ("gd", "other")]
    assert len(drawn) == 2 and np.array_equal(drawn[0].get_xdata(), path[0])
    xmin, xmax = ax.get_xlim()
    assert xmin < -2 and xmax > 0                           # the path fits in the default extent
    with pytest.raises(ValueError, match=r"a path must have shape \(2, T\).*\(3, 2\)"):
        plotting.plot_contours_gd(lambda P: P[0], np.zeros((3, 2)))
