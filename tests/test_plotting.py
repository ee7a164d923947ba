"""dl_notes.plotting: each function returns the figure or axes it promises, with the expected
panels, lines and labels; bad input is named in the message; figures render to SVG."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from dl_notes import data, plotting  # noqa: E402
from dl_notes.activations import sigmoid  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _points():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 30))
    return X, (X[0] > 0).astype(int)[None, :]


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
    assert "<metadata>" not in text and "Matplotlib v" not in text, (
        "no metadata for search to index"
    )


def test_plotting_bad_input():
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\).*but it has shape \(3, 5\)"):
        plotting.plot_decision_boundary(lambda P: P[0], np.zeros((3, 5)), np.zeros((1, 5)))
    with pytest.raises(
        ValueError, match=r"images must have shape \(k, height, width\).*but it has shape \(4, 4\)"
    ):
        plotting.show_images(np.zeros((4, 4)))


def test_plot_decision_boundaries_draws_one_panel_per_classifier():
    X, Y = _points()
    fns = {"by x1": lambda P: P[0] > 0, "by x2": lambda P: P[1] > 0, "never": lambda P: 0 * P[0]}
    fig = plotting.plot_decision_boundaries(fns, X, Y, resolution=20)
    assert isinstance(fig, Figure)
    assert [ax.get_title() for ax in fig.axes] == list(fns)
    for ax in fig.axes:
        assert len(ax.collections) >= 2  # the shaded regions and the scattered points


def test_plot_decision_boundaries_removes_unused_cells_and_takes_data_per_panel():
    X, Y = _points()
    fns = {"a": lambda P: P[0] > 0, "b": lambda P: P[1] > 0}
    fig = plotting.plot_decision_boundaries(
        fns, {"a": X, "b": X[:, :10]}, {"a": Y, "b": Y[:, :10]}, ncols=3, resolution=20
    )
    assert len(fig.axes) == 2
    assert len(fig.axes[1].collections[-1].get_offsets()) == 10
    with pytest.raises(ValueError, match="keys of predict_fns"):
        plotting.plot_decision_boundaries(fns, {"a": X}, Y)
    with pytest.raises(ValueError, match="non-empty dict"):
        plotting.plot_decision_boundaries({}, X, Y)


def test_plot_decision_boundary_gives_each_class_its_own_band():
    X, _ = _points()
    Y = np.digitize(X[0], [-0.5, 0.5])[None, :]  # classes 0, 1, 2
    ax = plotting.plot_decision_boundary(
        lambda P: np.digitize(P[0], [-0.5, 0.5]), X, Y, resolution=30
    )
    contour = ax.collections[0]
    assert np.allclose(contour.levels, [-0.5, 0.5, 1.5, 2.5])  # one band per class
    assert contour.norm.vmin == 0 and contour.norm.vmax == 2
    points = ax.collections[-1]
    assert points.norm.vmin == 0 and points.norm.vmax == 2  # points coloured like their band


def test_plot_sigmoid_and_loss():
    fig = plotting.plot_sigmoid_and_loss()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    left, right = fig.axes
    curve = max(left.lines, key=lambda line: len(line.get_xdata()))
    z = np.asarray(curve.get_xdata())
    assert np.allclose(curve.get_ydata(), sigmoid(z)) and z.min() < -5 and z.max() > 5
    assert len(right.lines) == 2
    labels = [line.get_label() for line in right.lines]
    assert labels[0].startswith("$y = 1$") and labels[1].startswith("$y = 0$")
    for line, y in zip(right.lines, (1, 0)):
        y_hat, loss = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert np.allclose(loss, -np.log(y_hat if y == 1 else 1 - y_hat))


@pytest.mark.parametrize("L", [1, 3])
def test_plot_forward_backward(L):
    ax = plotting.plot_forward_backward(L=L, title="blocks")
    assert ax.get_title() == "blocks"
    texts = [t.get_text() for t in ax.texts]
    nodes = texts[: 3 * L + 2]  # input, 2L blocks, cost, L grads
    assert sum(t.startswith("forward") for t in nodes) == L
    assert sum(t.startswith("backward") for t in nodes) == L
    assert sum("dW^{[" in t for t in nodes) == L
    assert sum(t.startswith("cost") for t in nodes) == 1
    assert texts.count("cache") == L
    arrows = [child for child in ax.get_children() if isinstance(child, matplotlib.text.Annotation)]
    assert (
        len(arrows) == 4 * L + 1
    )  # per layer: in, cache, grads; L - 1 backward; to and from the cost


def test_plot_forward_backward_rejects_a_bad_L():
    with pytest.raises(ValueError, match="L must be"):
        plotting.plot_forward_backward(L=0)


def test_plot_early_stopping_marks_the_lowest_dev_cost():
    epochs = [10, 20, 30, 40, 50]
    train, dev = [0.6, 0.4, 0.3, 0.2, 0.1], [0.65, 0.5, 0.45, 0.55, 0.7]
    ax = plotting.plot_early_stopping(epochs, train, dev, title="early stopping")
    assert ax.get_title() == "early stopping"
    train_line, dev_line, stop_line, marker = ax.lines
    assert list(train_line.get_ydata()) == train and list(dev_line.get_ydata()) == dev
    assert list(stop_line.get_xdata()) == [30, 30]  # the vertical line at the best epoch
    assert list(marker.get_xdata()) == [30] and list(marker.get_ydata()) == [0.45]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training cost", "dev cost"]
    with pytest.raises(ValueError, match="same length"):
        plotting.plot_early_stopping(epochs, train[:3], dev)


def test_plot_gradient_norms():
    norms = {"vanishing": [1e-8, 1e-5, 1e-2], "steady": [0.1, 0.2, 0.1]}
    ax = plotting.plot_gradient_norms(norms)
    assert ax.get_yscale() == "log"
    assert [line.get_label() for line in ax.lines] == list(norms)
    for line, values in zip(ax.lines, norms.values()):
        assert list(line.get_xdata()) == [1, 2, 3] and list(line.get_ydata()) == values
    with pytest.raises(ValueError, match="non-empty dict"):
        plotting.plot_gradient_norms({})


def test_plot_flowchart_draws_boxes_and_arrows():
    nodes = {
        "q": (0, 1, "High bias?", "decision"),
        "a": (3, 1, "bigger network"),
        "end": (0, 0, "done", "end"),
    }
    ax = plotting.plot_flowchart(
        nodes, [("q", "a", "yes"), ("a", "q", None, 0.5), ("q", "end", "no")], title="recipe"
    )
    assert ax.get_title() == "recipe"
    assert [t.get_text() for t in ax.texts[:3]] == ["High bias?", "bigger network", "done"]
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]  # annotations
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
    ax = plotting.plot_contours_gd(
        lambda P: 0.5 * np.sum(P * (H @ P), axis=0),
        {"gd": path, "other": path / 2},
        minimum=[0, 0],
        title="bowl",
    )
    assert ax.get_title() == "bowl" and ax.get_aspect() == 1.0
    assert len(ax.collections) >= 1  # the contour set
    drawn = [line for line in ax.lines if line.get_label() in ("gd", "other")]
    assert len(drawn) == 2 and np.array_equal(drawn[0].get_xdata(), path[0])
    xmin, xmax = ax.get_xlim()
    assert xmin < -2 and xmax > 0  # the path fits in the default extent
    with pytest.raises(ValueError, match=r"a path must have shape \(2, T\).*\(3, 2\)"):
        plotting.plot_contours_gd(lambda P: P[0], np.zeros((3, 2)))


def test_new_figures_render_to_svg():
    fig = plotting.plot_sigmoid_and_loss()
    text = plotting.svg(fig)
    assert text.startswith("<svg") and "</svg>" in text


def test_svg_names_a_figure_in_plain_words_not_tex():
    # The accessible name sits in the page as <title> text: TeX there is read aloud and shown raw.
    fig, ax = plt.subplots()
    ax.set_title(r"$\hat v_t$ with $\alpha = 0.1$ and $J_{min}$")
    text = plotting.svg(fig)
    assert 'aria-label="Figure: v\u0302_t with \u03b1 = 0.1 and J_min"' in text
    assert "$" not in text.split("<title>")[1].split("</title>")[0]
