r"""Plots used by the chapters and labs: decision boundaries, cost curves, image grids.

Taught in: the Course 1 labs ([planar data](../../course1/labs/w3a1-planar-classification.ipynb),
[deep network application](../../course1/labs/w4a2-deep-network-application.ipynb)) and the
figures of [week 2](../../course1/week2.md#loss-and-cost) (the sigmoid and the logistic loss),
[week 3](../../course1/week3.md) and [week 4](../../course1/week4.md#forward-and-backward-blocks)
(forward and backward blocks); in Course 2, the figures of [week 1](../../course2/week1.md)
(bias and variance, the basic recipe, early stopping, input normalization, vanishing
gradients), [week 2](../../course2/week2.md) (optimizer paths) and
[week 3](../../course2/week3.md#softmax-regression) (softmax decision regions).

A function that draws one panel draws on a Matplotlib `Axes` (a new figure when `ax` is
`None`) and returns it, so figures compose into subplots; a function that draws several
panels returns their `Figure`.
"""

from __future__ import annotations

import html
import io
import re

import matplotlib.pyplot as plt
import numpy as np

from dl_notes._checks import as_array, check_ndim
from dl_notes.activations import (
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from dl_notes.losses import compute_cost

__all__ = [
    "plot_decision_boundary",
    "plot_costs",
    "show_images",
    "plot_activations",
    "plot_network",
    "plot_flowchart",
    "plot_contours_gd",
    "plot_decision_boundaries",
    "plot_sigmoid_and_loss",
    "plot_forward_backward",
    "plot_early_stopping",
    "plot_gradient_norms",
    "svg",
]


def plot_decision_boundary(predict_fn, X, Y, ax=None, title=None, resolution=200):
    r"""Shade the regions a classifier assigns to each class, and scatter the data on top.

    Parameters
    ----------
    predict_fn : callable
        Takes points as an array of shape (2, k), one point per column (the course's
        convention), and returns labels of shape (1, k) or (k,): 0/1, or the classes
        0, ..., C-1 of a softmax classifier (each class gets its own colour).
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m)
        Labels, drawn as the points' colours.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    resolution : int, default 200
        Grid points along each axis.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    X = as_array(X, "X", "plot_decision_boundary")
    check_ndim(X, 2, "X", "plot_decision_boundary", "(2, m)")
    if X.shape[0] != 2:
        raise ValueError(
            f"plot_decision_boundary: X must have shape (2, m) (two features, one point per "
            f"column), but it has shape {X.shape}."
        )
    ax = ax or plt.subplots(figsize=(5, 4))[1]
    pad = 0.5
    x0 = np.linspace(X[0].min() - pad, X[0].max() + pad, resolution)
    x1 = np.linspace(X[1].min() - pad, X[1].max() + pad, resolution)
    G0, G1 = np.meshgrid(x0, x1)
    Z = np.asarray(predict_fn(np.vstack([G0.ravel(), G1.ravel()]))).reshape(G0.shape)
    labels = np.concatenate([Z.ravel(), np.ravel(Y)]).astype(float)
    if np.all(labels == np.round(labels)):
        # class labels 0, 1, ..., C-1: one filled band per class, coloured as its points
        low, high = labels.min(), max(labels.max(), labels.min() + 1)
        colours = {"cmap": plt.cm.Spectral, "vmin": low, "vmax": high}
        ax.contourf(G0, G1, Z, levels=np.arange(low, high + 2) - 0.5, alpha=0.8, **colours)
    else:
        colours = {"cmap": plt.cm.Spectral}
        ax.contourf(G0, G1, Z, alpha=0.8, **colours)
    ax.scatter(X[0], X[1], c=np.ravel(Y), s=14, edgecolors="k", linewidths=0.4, **colours)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return ax


def plot_costs(costs, every=100, ax=None, title=None, log=False):
    r"""Plot one or several cost curves.

    Parameters
    ----------
    costs : list of float, or dict of str -> list of float
        Costs recorded every `every` iterations; a dict plots one labelled curve per entry.
    every : int, default 100
        Iterations between two recorded costs (sets the x axis).
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    log : bool, default False
        Use a logarithmic y axis.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    ax = ax or plt.subplots(figsize=(5, 3.5))[1]
    curves = costs if isinstance(costs, dict) else {None: costs}
    for label, c in curves.items():
        ax.plot(np.arange(len(c)) * every, c, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if log:
        ax.set_yscale("log")
    if isinstance(costs, dict):
        ax.legend()
    if title:
        ax.set_title(title)
    return ax


def show_images(images, titles=None, ncols=8, cmap="gray", size=1.4):
    r"""Show images in a grid.

    Parameters
    ----------
    images : ndarray, shape (k, height, width) or (k, height, width, channels)
    titles : list of str, optional
        One per image.
    ncols : int, default 8
    cmap : str, default "gray"
        Colour map for single-channel images.
    size : float, default 1.4
        Inches per image.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(
            f"show_images: images must have shape (k, height, width) or (k, height, width, "
            f"channels), but it has shape {images.shape}."
        )
    k = len(images)
    ncols = max(1, min(ncols, k))
    nrows = int(np.ceil(k / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size * ncols, size * nrows + 0.3 * nrows), squeeze=False
    )
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i < k:
            ax.imshow(images[i], cmap=cmap if images.ndim == 3 else None, interpolation="nearest")
            if titles is not None:
                ax.set_title(titles[i], fontsize=8)
    fig.tight_layout()
    return fig


def plot_activations():
    r"""The four hidden-layer activations and their derivatives, side by side.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    z = np.linspace(-5, 5, 401)
    pairs = [
        ("sigmoid", sigmoid, sigmoid_derivative),
        ("tanh", tanh, tanh_derivative),
        ("ReLU", relu, relu_derivative),
        (
            "leaky ReLU ($\\alpha = 0.1$)",
            lambda z: leaky_relu(z, 0.1),
            lambda z: leaky_relu_derivative(z, 0.1),
        ),
    ]
    fig, axes = plt.subplots(1, 4, figsize=(12, 2.8), sharex=True)
    for ax, (name, g, dg) in zip(axes, pairs):
        ax.axhline(0, color="0.8", lw=0.8)
        ax.axvline(0, color="0.8", lw=0.8)
        ax.plot(z, g(z), label="$g(z)$")
        ax.plot(z, dg(z), "--", label="$g'(z)$")
        ax.set_title(name)
        ax.set_xlabel("$z$")
        ax.set_ylim(-1.2, 2.2)
    axes[0].legend(loc="upper left")
    fig.tight_layout()
    return fig


def plot_network(layer_dims, names=None, ax=None, title=None, max_units=8):
    r"""Draw a fully connected network: a column of units per layer, adjacent layers joined.

    Layer 0 is the input $x$, so `layer_dims = [3, 4, 1]` draws the course's two-layer
    network (one hidden layer of 4 units, $L = 2$): the input layer is not counted.
    Under each column the figure names the layer and its size $n^{[l]}$.

    Parameters
    ----------
    layer_dims : sequence of int
        `[n[0], n[1], ..., n[L]]`, as for
        [`initialize_parameters_deep`][dl_notes.initialization.initialize_parameters_deep].
    names : list of list of str, optional
        One list of unit labels per layer (`None` for a layer keeps its default). Labels of
        the input layer go left of the units, those of the output layer right of them, the
        others inside. Defaults: $x_j$, $a^{[l]}_j$, and $\hat y$ for a single output unit.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    max_units : int, default 8
        A layer with more units is drawn with its first `max_units - 1` units, a vertical
        ellipsis and its last unit.

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    dims = [int(n) for n in layer_dims]
    if len(dims) < 2 or min(dims) < 1:
        raise ValueError(
            f"plot_network: layer_dims must be [n_x, ..., n_y] with at least two positive "
            f"sizes, but {list(layer_dims)} was given."
        )
    names = list(names) if names is not None else [None] * len(dims)
    if len(names) != len(dims):
        raise ValueError(
            f"plot_network: names must have one entry per layer ({len(dims)}), "
            f"but it has {len(names)}."
        )
    L = len(dims) - 1
    shown = [min(n, max_units) for n in dims]
    gap, radius = 2.6, 0.3  # distance between layers, unit radius
    top, bottom = (max(shown) - 1) / 2 + 0.5, -(max(shown) - 1) / 2 - 1.6
    left, right = -1.6, L * gap + 1.6
    ax = ax or plt.subplots(figsize=(0.5 * (right - left), 0.5 * (top - bottom)))[1]

    def units(l):
        """(index of the unit, y position) of the units drawn for layer l; index None = ellipsis."""
        n, k = dims[l], shown[l]
        idx = list(range(n)) if n <= max_units else list(range(k - 2)) + [None, n - 1]
        ys = (np.arange(k) - (k - 1) / 2)[::-1]
        return list(zip(idx, ys))

    def default_name(l, j):
        if l == 0:
            return f"$x_{{{j + 1}}}$"
        if l == L and dims[L] == 1:
            return r"$\hat{y}$"
        return f"$a^{{[{l}]}}_{{{j + 1}}}$"

    for l in range(L):
        for j0, y0 in units(l):
            for j1, y1 in units(l + 1):
                if j0 is not None and j1 is not None:
                    ax.plot([l * gap, (l + 1) * gap], [y0, y1], color="0.75", lw=0.6, zorder=1)
    for l in range(L + 1):
        x = l * gap
        color = "#c5cae9" if l == 0 else ("#ffccbc" if l == L else "#e8eaf6")
        for j, y in units(l):
            if j is None:
                ax.text(x, y, r"$\vdots$", ha="center", va="center", fontsize=12)
                continue
            ax.add_patch(plt.Circle((x, y), radius, facecolor=color, edgecolor="#3949ab", zorder=2))
            given = names[l][j] if names[l] is not None and j < len(names[l]) else None
            label = default_name(l, j) if given is None else given
            if l == 0:
                ax.text(x - radius - 0.1, y, label, ha="right", va="center", fontsize=10)
            elif l == L:
                ax.text(x + radius + 0.1, y, label, ha="left", va="center", fontsize=10)
            else:
                ax.text(x, y, label, ha="center", va="center", fontsize=8, zorder=3)
        kind = "input" if l == 0 else ("output layer" if l == L else f"hidden layer {l}")
        ax.text(
            x,
            -(max(shown) - 1) / 2 - 0.6,
            f"{kind}\n$n^{{[{l}]}} = {dims[l]}$",
            ha="center",
            va="top",
            fontsize=9,
        )
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_flowchart(nodes, edges, ax=None, title=None, fontsize=9):
    r"""Draw a flowchart: labelled boxes joined by arrows, with matplotlib only (renders offline).

    A node is drawn as a box around its text: a rounded box for an action, an ellipse
    for a question (`kind="decision"`), a square box for an end point. An arrow starts
    and ends on the boxes' borders; a non-zero curvature bends it, which draws loops
    that go back to an earlier question.

    Parameters
    ----------
    nodes : dict of str -> tuple
        `name -> (x, y, text)` or `(x, y, text, kind)`: the centre of the box in data
        coordinates, its text (may contain newlines and `$math$`), and `kind`, one of
        `"action"` (the default), `"decision"`, `"end"`.
    edges : sequence of tuple
        `(source, target)`, `(source, target, label)` or `(source, target, label, rad)`:
        node names, an optional label written at the middle of the arrow, and the
        curvature `rad` of the arrow (0 for a straight arrow, e.g. 0.4 for a loop).
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    fontsize : float, default 9

    Returns
    -------
    ax : matplotlib.axes.Axes
        The axes, without frame or ticks and with equal scales on both axes (so a node
        one unit away reads as the same distance across and down): the nodes are its
        first `len(nodes)` texts, followed by one annotation (arrow) per edge and its label.

    Raises
    ------
    ValueError
        If a node has an unknown `kind` or an edge names an unknown node.
    """
    styles = {
        "action": {"boxstyle": "round,pad=0.5", "facecolor": "#e8eaf6", "edgecolor": "#3949ab"},
        "decision": {"boxstyle": "ellipse,pad=0.3", "facecolor": "#ffccbc", "edgecolor": "#bf360c"},
        "end": {"boxstyle": "square,pad=0.5", "facecolor": "#c8e6c9", "edgecolor": "#2e7d32"},
    }
    ax = ax or plt.subplots(figsize=(7, 4))[1]
    boxes, centres, middles = {}, {}, []
    for name, spec in nodes.items():
        if len(spec) not in (3, 4):
            raise ValueError(
                f"plot_flowchart: node {name!r} must be (x, y, text) or (x, y, text, kind), "
                f"but {spec!r} was given."
            )
        x, y, text = spec[:3]
        kind = spec[3] if len(spec) == 4 else "action"
        if kind not in styles:
            raise ValueError(
                f"plot_flowchart: node {name!r} has kind {kind!r}; expected one of "
                f"{', '.join(repr(k) for k in styles)}."
            )
        centres[name] = (float(x), float(y))
        boxes[name] = ax.text(
            x, y, text, ha="center", va="center", fontsize=fontsize, bbox=styles[kind], zorder=3
        )
    for edge in edges:
        if len(edge) not in (2, 3, 4):
            raise ValueError(
                f"plot_flowchart: an edge must be (source, target[, label[, rad]]), "
                f"but {edge!r} was given."
            )
        source, target = edge[:2]
        label = edge[2] if len(edge) > 2 else None
        rad = float(edge[3]) if len(edge) > 3 else 0.0
        for end in (source, target):
            if end not in boxes:
                raise ValueError(
                    f"plot_flowchart: edge {edge!r} names the node {end!r}, which is not one of "
                    f"{sorted(boxes)}."
                )
        # drawn after the boxes (higher zorder): an arrow is clipped at the boxes' borders,
        # which are only known once the boxes are drawn
        ax.annotate(
            "",
            xy=centres[target],
            xytext=centres[source],
            zorder=3.5,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "0.3",
                "lw": 1.2,
                "shrinkA": 2,
                "shrinkB": 2,
                "patchA": boxes[source].get_bbox_patch(),
                "patchB": boxes[target].get_bbox_patch(),
                "connectionstyle": f"arc3,rad={rad}",
            },
        )
        (x0, y0), (x1, y1) = centres[source], centres[target]
        # the middle of an arc3 curve: the chord's midpoint moved sideways by rad * chord / 2
        mx, my = (x0 + x1) / 2 + rad * (y1 - y0) / 2, (y0 + y1) / 2 - rad * (x1 - x0) / 2
        middles.append((mx, my))
        if label:
            ax.text(
                mx,
                my,
                label,
                ha="center",
                va="center",
                fontsize=fontsize - 1,
                style="italic",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"},
                zorder=4,
            )
    xs = [c[0] for c in centres.values()] + [m[0] for m in middles]
    ys = [c[1] for c in centres.values()] + [m[1] for m in middles]
    ax.set_xlim(min(xs) - 1.6, max(xs) + 1.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_aspect("equal")  # curved arrows bend in display space: equal scales keep labels on them
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def plot_contours_gd(
    cost_fn, paths, ax=None, title=None, minimum=None, levels=12, resolution=200, extent=None
):
    r"""Contours of a cost of two parameters, with the path an optimizer took across them.

    Parameters
    ----------
    cost_fn : callable
        Takes points as an array of shape (2, k), one point $(w_1, w_2)$ per column (the
        course's convention), and returns their costs, shape (k,) or (1, k).
    paths : ndarray of shape (2, T), or dict of str -> ndarray of shape (2, T)
        The iterates $w_0, w_1, \dots$ as columns; a dict draws one labelled path per entry.
    ax : matplotlib.axes.Axes, optional
    title : str, optional
    minimum : array-like of shape (2,), optional
        Marked with a star.
    levels : int, default 12
        Number of contour lines, spaced evenly in the square root of the cost above its
        smallest value on the grid, so that a quadratic bowl gets evenly spaced ellipses.
    resolution : int, default 200
        Grid points along each axis.
    extent : tuple of 4 floats, optional
        `(w1_min, w1_max, w2_min, w2_max)`; by default the paths and the minimum with a margin.

    Returns
    -------
    ax : matplotlib.axes.Axes
        With equal scales on both axes, so that the contours keep their true shape.
    """
    where = "plot_contours_gd"
    named = paths if isinstance(paths, dict) else {None: paths}
    arrays = {}
    for label, path in named.items():
        path = as_array(path, "paths", where)
        check_ndim(path, 2, "paths", where, "(2, T)")
        if path.shape[0] != 2:
            raise ValueError(
                f"{where}: a path must have shape (2, T) (one point (w1, w2) per column), but it "
                f"has shape {path.shape}."
            )
        arrays[label] = path
    ax = ax or plt.subplots(figsize=(5, 4))[1]
    if extent is None:
        points = np.hstack(
            list(arrays.values()) + ([np.reshape(minimum, (2, 1))] if minimum is not None else [])
        )
        low, high = points.min(axis=1), points.max(axis=1)
        pad = 0.15 * (high - low).max() + 1e-12
        extent = (low[0] - pad, high[0] + pad, low[1] - pad, high[1] + pad)
    w1 = np.linspace(extent[0], extent[1], resolution)
    w2 = np.linspace(extent[2], extent[3], resolution)
    G1, G2 = np.meshgrid(w1, w2)
    J = np.asarray(cost_fn(np.vstack([G1.ravel(), G2.ravel()])), dtype=float).reshape(G1.shape)
    floor = J.min()
    heights = floor + np.linspace(0, np.sqrt(J.max() - floor), levels + 2)[1:-1] ** 2
    ax.contour(G1, G2, J, levels=heights, colors="0.6", linewidths=0.8)
    for label, path in arrays.items():
        ax.plot(path[0], path[1], ".-", ms=4, lw=1.2, label=label)
        ax.plot(path[0, :1], path[1, :1], "o", color="k", ms=5)
    if minimum is not None:
        ax.plot(*np.ravel(minimum), "*", color="#bf360c", ms=12)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    if any(label is not None for label in arrays):
        ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundaries(predict_fns, X, Y, ncols=3, size=(4.2, 3.6), resolution=200):
    r"""Several classifiers' decision regions on the same data, one panel each.

    [`plot_decision_boundary`][dl_notes.plotting.plot_decision_boundary] for every entry,
    side by side, to compare models: an underfitting, a good and an overfitting one, or a
    network with and without a hidden layer.

    Parameters
    ----------
    predict_fns : dict of str -> callable
        Panel title -> classifier. Each classifier takes points of shape (2, k), one per
        column, and returns labels of shape (1, k) or (k,).
    X : ndarray, shape (2, m), or dict of str -> ndarray of shape (2, m)
        The points scattered on every panel; a dict (same keys as `predict_fns`) gives each
        panel its own data.
    Y : ndarray, shape (1, m), or dict of str -> ndarray of shape (1, m)
        Their labels, laid out as `X`.
    ncols : int, default 3
        Panels per row.
    size : tuple of 2 floats, default (4.2, 3.6)
        Width and height of one panel, in inches.
    resolution : int, default 200
        Grid points along each axis of each panel.

    Returns
    -------
    fig : matplotlib.figure.Figure
        One axes per classifier, in the order of `predict_fns`, with its title (extra
        cells of the last row are removed).
    """
    if not isinstance(predict_fns, dict) or not predict_fns:
        raise ValueError(
            "plot_decision_boundaries: predict_fns must be a non-empty dict {title: predict_fn}, "
            f"but {type(predict_fns).__name__} was given."
        )
    for name, data in (("X", X), ("Y", Y)):
        if isinstance(data, dict) and set(data) != set(predict_fns):
            raise ValueError(
                f"plot_decision_boundaries: {name} as a dict must have the keys of predict_fns, "
                f"{sorted(predict_fns)}, but it has {sorted(data)}."
            )
    k = len(predict_fns)
    ncols = max(1, min(int(ncols), k))
    nrows = int(np.ceil(k / ncols))
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size[0] * ncols, size[1] * nrows), squeeze=False
    )
    for ax, (title, predict_fn) in zip(axes.ravel(), predict_fns.items()):
        points = X[title] if isinstance(X, dict) else X
        labels = Y[title] if isinstance(Y, dict) else Y
        plot_decision_boundary(
            predict_fn, points, labels, ax=ax, title=title, resolution=resolution
        )
    for ax in axes.ravel()[k:]:
        fig.delaxes(ax)
    fig.tight_layout()
    return fig


def plot_sigmoid_and_loss():
    r"""The sigmoid $\sigma(z)$, and the logistic loss of its output for $y = 1$ and $y = 0$.

    Left, $\hat y = \sigma(z)$ with its two asymptotes and $\sigma(0) = 0.5$. Right, the loss
    $\mathcal{L}(\hat y, y)$ of one example as a function of $\hat y$: $-\log \hat y$ when
    $y = 1$ and $-\log(1 - \hat y)$ when $y = 0$, each computed by
    [`compute_cost`][dl_notes.losses.compute_cost] on that single example.

    Returns
    -------
    fig : matplotlib.figure.Figure
        Two axes: the sigmoid (one curve, lines at 0, 0.5 and 1), then the loss (two curves,
        labelled `y = 1` and `y = 0`).
    """
    z = np.linspace(-8, 8, 321)
    y_hat = np.linspace(0.002, 0.998, 250)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
    for level in (0, 1):
        left.axhline(level, color="0.75", lw=0.8, ls="--")
    left.axvline(0, color="0.85", lw=0.8)
    left.plot(z, sigmoid(z), color="#3949ab", lw=2)
    left.plot([0], [0.5], "o", color="#3949ab")
    left.annotate(r"$\sigma(0) = 0.5$", (0, 0.5), xytext=(1.0, 0.35), fontsize=9)
    left.set_xlabel("$z = w^T x + b$")
    left.set_ylabel(r"$\hat y = \sigma(z)$")
    left.set_title(r"the sigmoid squashes $z$ into $(0, 1)$")
    left.set_ylim(-0.1, 1.1)
    for label, colour in ((1, "#2e7d32"), (0, "#bf360c")):
        loss = [compute_cost(np.array([[p]]), np.array([[label]])) for p in y_hat]
        formula = r"$-\log \hat y$" if label == 1 else r"$-\log(1 - \hat y)$"
        right.plot(y_hat, loss, color=colour, lw=2, label=f"$y = {label}$: {formula}")
    right.set_xlabel(r"prediction $\hat y$")
    right.set_ylabel(r"loss $\mathcal{L}(\hat y, y)$")
    right.set_title("the loss of one example")
    right.set_ylim(0, 5)
    right.legend(loc="upper center", fontsize=9)
    fig.tight_layout()
    return fig


def plot_forward_backward(L=3, ax=None, title=None):
    r"""The forward and backward blocks of an L-layer network, joined by their caches.

    The top row runs the forward blocks from layer 1 to $L$: block $l$ takes $A^{[l-1]}$
    and returns $A^{[l]}$, then the cost compares $A^{[L]} = \hat Y$ with $Y$. The bottom row
    runs the backward blocks from $L$ down to 1: block $l$ takes $dA^{[l]}$ and returns
    $dA^{[l-1]}$, and its parameters' gradients $dW^{[l]}, db^{[l]}$ drop out below it. A
    vertical arrow carries each layer's cache ($A^{[l-1]}, W^{[l]}, b^{[l]}, Z^{[l]}$) from
    its forward block to its backward block. Drawn with
    [`plot_flowchart`][dl_notes.plotting.plot_flowchart].

    Parameters
    ----------
    L : int, default 3
        Number of layers (at least 1).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        As from `plot_flowchart`: $3L + 2$ nodes (input, $L$ forward blocks, the cost,
        $L$ backward blocks, $L$ gradient boxes), then the arrows.
    """
    if isinstance(L, bool) or not isinstance(L, (int, np.integer)) or L < 1:
        raise ValueError(
            f"plot_forward_backward: L must be a whole number of layers >= 1, but {L!r} was given."
        )
    gap, top, bottom, grads = 3.8, 2.6, 0.0, -1.9
    nodes = {"x": (0, top, "$A^{[0]} = X$", "end")}
    edges = []
    for l in range(1, L + 1):
        x = gap * l
        nodes[f"f{l}"] = (x, top, f"forward {l}\n$W^{{[{l}]}}, b^{{[{l}]}}$")
        nodes[f"b{l}"] = (x, bottom, f"backward {l}\n$dZ^{{[{l}]}}$")
        nodes[f"g{l}"] = (x, grads, f"$dW^{{[{l}]}}, db^{{[{l}]}}$", "end")
        edges.append(
            ("x" if l == 1 else f"f{l - 1}", f"f{l}", f"$A^{{[{l - 1}]}}$" if l > 1 else None)
        )
        edges.append((f"f{l}", f"b{l}", "cache"))
        edges.append((f"b{l}", f"g{l}"))
        if l > 1:
            edges.append((f"b{l}", f"b{l - 1}", f"$dA^{{[{l - 1}]}}$"))
    nodes["cost"] = (gap * (L + 1), (top + bottom) / 2, "cost\n$J(\\hat Y, Y)$", "decision")
    edges.append((f"f{L}", "cost", f"$A^{{[{L}]}}$"))
    edges.append(("cost", f"b{L}", f"$dA^{{[{L}]}}$"))
    ax = plot_flowchart(
        nodes,
        edges,
        ax=ax or plt.subplots(figsize=(2.1 * (L + 2), 3.6))[1],
        title=title,
        fontsize=10,
    )
    return ax


def plot_early_stopping(epochs, train_costs, dev_costs, ax=None, title=None):
    r"""Training and dev costs against training time, with the epoch of the lowest dev cost marked.

    Early stopping keeps the parameters of that epoch: the training cost goes on falling
    after it, while the dev cost rises as the network starts to overfit.

    Parameters
    ----------
    epochs : sequence of int, length T
        When each pair of costs was measured.
    train_costs, dev_costs : sequence of float, length T
        The cost $J$ on the training set and on the dev set at those times.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        Its lines: the training cost, the dev cost, the vertical line at the best epoch and
        the marker on the lowest dev cost.
    """
    where = "plot_early_stopping"
    epochs = as_array(epochs, "epochs", where)
    train_costs = as_array(train_costs, "train_costs", where)
    dev_costs = as_array(dev_costs, "dev_costs", where)
    for name, values in (
        ("epochs", epochs),
        ("train_costs", train_costs),
        ("dev_costs", dev_costs),
    ):
        check_ndim(values, 1, name, where, "(T,)")
    if not len(epochs) == len(train_costs) == len(dev_costs) >= 1:
        raise ValueError(
            f"{where}: epochs, train_costs and dev_costs must have the same length >= 1, but they "
            f"have lengths {len(epochs)}, {len(train_costs)} and {len(dev_costs)}."
        )
    best = int(np.argmin(dev_costs))
    ax = ax or plt.subplots(figsize=(6.5, 3.6))[1]
    ax.plot(epochs, train_costs, color="#3949ab", lw=2, label="training cost")
    ax.plot(epochs, dev_costs, color="#bf360c", lw=2, label="dev cost")
    ax.axvline(epochs[best], color="0.5", ls="--", lw=1)
    ax.plot([epochs[best]], [dev_costs[best]], "o", color="#bf360c", ms=7)
    ax.annotate(
        f"lowest dev cost: stop here\n(epoch {epochs[best]:g})",
        (epochs[best], dev_costs[best]),
        xytext=(12, 14),
        textcoords="offset points",
        fontsize=9,
    )
    ax.set_xlabel("epochs of training")
    ax.set_ylabel("cost $J$")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def plot_gradient_norms(norms, ax=None, title=None):
    r"""The size of each layer's weight gradient, $\lVert dW^{[l]} \rVert_F$, on a log scale.

    With one curve per network, this shows gradients that vanish (fall by orders of
    magnitude from the last layer back to the first), explode (grow towards the first), or
    keep their size.

    Parameters
    ----------
    norms : dict of str -> sequence of float
        Label -> the Frobenius norms $\lVert dW^{[1]} \rVert_F, \dots, \lVert dW^{[L]} \rVert_F$
        of one network, in layer order.
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        One line per entry of `norms`, against the layer number $l = 1, \dots, L$, with a
        logarithmic y axis.
    """
    if not isinstance(norms, dict) or not norms:
        raise ValueError(
            "plot_gradient_norms: norms must be a non-empty dict {label: [||dW1||, ..., ||dWL||]}, "
            f"but {type(norms).__name__} was given."
        )
    ax = ax or plt.subplots(figsize=(6.5, 3.8))[1]
    markers = "osD^v<>"
    L = 1
    for i, (label, values) in enumerate(norms.items()):
        values = as_array(values, "norms", "plot_gradient_norms")
        check_ndim(values, 1, "norms", "plot_gradient_norms", "(L,)")
        L = max(L, len(values))
        ax.plot(
            np.arange(1, len(values) + 1),
            values,
            marker=markers[i % len(markers)],
            ms=4,
            lw=1.5,
            label=label,
        )
    ax.set_yscale("log")
    ax.set_xticks(np.arange(1, L + 1))
    ax.set_xlabel("layer $l$ (input side left, output right)")
    ax.set_ylabel(r"$\Vert dW^{[l]} \Vert_F$ (log scale)")
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


_GREEK = {
    name: chr(code)
    for name, code in [
        ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4),
        ("epsilon", 0x3B5), ("varepsilon", 0x3B5), ("eta", 0x3B7), ("theta", 0x3B8),
        ("lambda", 0x3BB), ("mu", 0x3BC), ("sigma", 0x3C3), ("tau", 0x3C4), ("phi", 0x3C6),
        ("Delta", 0x394), ("Sigma", 0x3A3), ("nabla", 0x2207), ("times", 0xD7),
        ("cdot", 0xB7), ("leq", 0x2264), ("geq", 0x2265), ("approx", 0x2248),
    ]
}  # fmt: skip


def _plain_text(text):
    """Matplotlib mathtext (`"$\\hat v_t$, $\\alpha = 0.1$"`) as plain words for an accessible
    name (`"v̂_t, α = 0.1"`): a screen reader should not spell out TeX, and a page should not
    show it."""

    def inline(match):
        tex = match.group(1)
        tex = re.sub(r"\\hat\s*\{?(\w)\}?", "\\1\u0302", tex)
        tex = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK.get(m.group(1), m.group(1)), tex)
        return tex.replace("{", "").replace("}", "").replace("\\", "")

    text = re.sub(r"\$([^$]*)\$", inline, text)
    return " ".join(text.split())


def svg(fig, alt=None):
    """Return a figure as inline SVG markup and close it; the chapters embed figures this way.

    The `<svg>` element gets `role="img"` and an accessible name (`aria-label` and a
    `<title>`), as an `<img>` gets alt text: screen readers announce the figure by that name
    and skip its drawing.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    alt : str or None, default None
        The figure's accessible name. Without one it is made from the figure's titles:
        `"Figure: <suptitle>; <title of each axes>"` (or just `"Figure"` when it has none).

    Returns
    -------
    str
        `<svg role="img" aria-label=...>...</svg>`, without the XML prolog, ready to sit
        inside HTML.
    """
    if alt is None:
        titles = [fig.get_suptitle(), *(ax.get_title() for ax in fig.axes)]
        titles = [_plain_text(t) for t in titles if t and t.strip()]
        alt = "Figure: " + "; ".join(titles) if titles else "Figure"
    alt = _plain_text(alt)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog so the SVG can sit inside HTML
    # and the RDF metadata (date, creator), which the site's search would index as page text
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    label = html.escape(" ".join(alt.split()), quote=True)
    head = text.index(">") + 1  # the end of the opening <svg ...> tag
    return (
        text[: head - 1]
        + f' role="img" aria-label="{label}">'
        + f"<title>{label}</title>"
        + text[head:]
    )
