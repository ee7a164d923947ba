r"""Neural style transfer in NumPy: the content cost, the Gram matrix, the style cost (Course 4, W4A2).

Taught in: Course 4, week 4 (neural style transfer: what deep ConvNets learn, the content
cost, the style cost with the Gram matrix, the total cost) and its lab
[W4A2 · Art generation with neural style transfer](../../course4/labs/w4a2-art-generation-nst.ipynb).

Style transfer generates an image $G$ with the content of an image $C$ and the style of an
image $S$. A fixed, already trained ConvNet looks at all three; the costs compare what its
hidden layers see, and gradient descent changes the *pixels* of $G$ (not the network's
weights) to lower

$$J(G) = \alpha\, J_{content}(C, G) + \beta\, J_{style}(S, G).$$

**Content.** One layer's activations $a^{(C)}$ and $a^{(G)}$, each of shape
$(1, n_H, n_W, n_C)$, should agree:

$$J_{content}(C, G) = \frac{1}{4\, n_H n_W n_C} \sum_{\text{all entries}}
\left(a^{(C)} - a^{(G)}\right)^2 .$$

**Style.** Within one layer, style is how often channels fire together. Unroll the
activations into $A$ of shape $(n_C, n_H n_W)$, one row per channel; the Gram matrix
$G_{gram} = A A^T$, of shape $(n_C, n_C)$, holds in entry $(k, k')$ the correlation
$\sum_{i,j} a_{ijk}\, a_{ijk'}$ of channels $k$ and $k'$ over all positions (where in the
image they fire does not matter any more). The layer's style cost compares the Gram matrices
of $S$ and $G$:

$$J_{style}^{[l]}(S, G) = \frac{1}{4\, n_C^2 (n_H n_W)^2} \sum_{k=1}^{n_C} \sum_{k'=1}^{n_C}
\left(G^{(S)}_{gram\, kk'} - G^{(G)}_{gram\, kk'}\right)^2 ,$$

and the style cost is a weighted sum over the layers of `STYLE_LAYERS`,
$J_{style}(S, G) = \sum_l \lambda^{[l]} J_{style}^{[l]}(S, G)$.

| array | shape |
|---|---|
| `a_C`, `a_S`, `a_G`: one layer's activations | `(1, n_H, n_W, n_C)` |
| `A`, the unrolled activations | `(n_C, n_H * n_W)` |
| `GA`, `GS`, `GG`: Gram matrices | `(n_C, n_C)` |
| `content_output`, `style_image_output`, `generated_image_output` | a list of activations, one per layer of `STYLE_LAYERS`, then the content layer's last |

**The course's calling convention.** The assignment's network returns a list: one output per
style layer, then the content layer's. So `compute_content_cost(content_output,
generated_output)` takes the two lists and uses their last entries, and
`compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS)` uses all but
the last. The functions here take the same lists (of NumPy arrays), so they are the NumPy
twins of [`dl_notes.tf.style_transfer`][dl_notes.tf.style_transfer], which trains with them.

**Unrolling.** `a.reshape(n_H * n_W, n_C).T`: first one row per position, then transposed
to one row per channel. Reshaping straight to `(n_C, n_H * n_W)` is a common mistake: it
mixes channels and positions, and the "Gram matrix" it gives means nothing (a test shows the
two differ).

**Gradients.** Beyond the assignment, which leaves them to TensorFlow:
[`content_cost_backward`][dl_notes.style_transfer.content_cost_backward] and
[`layer_style_cost_backward`][dl_notes.style_transfer.layer_style_cost_backward] give
$\partial J / \partial a^{(G)}$ in closed form, checked against finite differences and
TensorFlow.

[`prepare_image`][dl_notes.style_transfer.prepare_image] crops and resizes a picture to the
course's input, `(1, size, size, 3)` in [0, 1].
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_ndim, check_positive, check_same_shape
from dl_notes.data._common import _require

__all__ = [
    "STYLE_LAYERS",
    "CONTENT_LAYER",
    "compute_content_cost",
    "gram_matrix",
    "compute_layer_style_cost",
    "compute_style_cost",
    "total_cost",
    "content_cost_backward",
    "layer_style_cost_backward",
    "prepare_image",
]

STYLE_LAYERS = [
    ("block1_conv1", 0.2),
    ("block2_conv1", 0.2),
    ("block3_conv1", 0.2),
    ("block4_conv1", 0.2),
    ("block5_conv1", 0.2),
]
"""The course's style layers of VGG-19 and their weights $\\lambda^{[l]}$: the first
convolution of each of the five blocks, 0.2 each."""

CONTENT_LAYER = [("block5_conv4", 1)]
"""The course's content layer of VGG-19, `content_layer = [('block5_conv4', 1)]`."""


# --8<-- [start:compute_content_cost]
def compute_content_cost(content_output, generated_output):
    r"""The content cost: how far the generated image's activations are from the content image's.

    $$J_{content}(C, G) = \frac{1}{4\, n_H n_W n_C} \sum_{\text{all entries}}
    \left(a^{(C)} - a^{(G)}\right)^2$$

    with $a^{(C)}$ = `content_output[-1]` and $a^{(G)}$ = `generated_output[-1]`, the
    content layer's activations (the last output of the course's network).

    Parameters
    ----------
    content_output : list of ndarray, or ndarray of shape (k, 1, n_H, n_W, n_C)
        The network's outputs for the content image; the last, of shape
        `(1, n_H, n_W, n_C)`, is the content layer's $a^{(C)}$.
    generated_output : list of ndarray, or ndarray of shape (k, 1, n_H, n_W, n_C)
        The same for the generated image; its last is $a^{(G)}$.

    Returns
    -------
    J_content : float

    Examples
    --------
    >>> a_C, a_G = np.ones((1, 2, 2, 3)), np.zeros((1, 2, 2, 3))
    >>> compute_content_cost([a_C], [a_G])  # 12 entries, each (1 - 0)^2, over 4 * 12
    0.25
    """
    where = "compute_content_cost"
    a_C = _last_output(content_output, "content_output", where)
    a_G = _last_output(generated_output, "generated_output", where)
    _check_activations_pair(a_C, a_G, ("a_C", "a_G"), where)
    return _content_cost(a_C, a_G)


def _content_cost(a_C, a_G):
    _, n_H, n_W, n_C = a_G.shape
    a_C_unrolled = a_C.reshape(n_H * n_W, n_C)  # (n_H * n_W, n_C); any unrolling would do here
    a_G_unrolled = a_G.reshape(n_H * n_W, n_C)
    J_content = np.sum(np.square(a_C_unrolled - a_G_unrolled)) / (4 * n_H * n_W * n_C)
    return float(J_content)


# --8<-- [end:compute_content_cost]


# --8<-- [start:gram_matrix]
def gram_matrix(A):
    r"""The Gram matrix $G_A = A A^T$: every pair of rows' dot product.

    For unrolled activations, one row per channel, entry $(k, k')$ is
    $\sum_{i,j} a_{ijk}\, a_{ijk'}$: how much channels $k$ and $k'$ fire together, summed
    over all positions. The diagonal holds how much each channel fires at all.

    Parameters
    ----------
    A : ndarray, shape (n_C, n_H * n_W)

    Returns
    -------
    GA : ndarray, shape (n_C, n_C)
        Symmetric.

    Examples
    --------
    >>> gram_matrix(np.array([[1.0, 2.0], [3.0, 4.0]]))
    array([[ 5., 11.],
           [11., 25.]])
    """
    A = as_array(A, "A", "gram_matrix")
    check_ndim(A, 2, "A", "gram_matrix", "(n_C, n_H * n_W)")
    return _gram_matrix(A)


def _gram_matrix(A):
    GA = A @ A.T  # (n_C, n_C)
    return GA


# --8<-- [end:gram_matrix]


# --8<-- [start:compute_layer_style_cost]
def compute_layer_style_cost(a_S, a_G):
    r"""One layer's style cost: the squared distance between the two Gram matrices.

    $$J_{style}^{[l]}(S, G) = \frac{1}{4\, n_C^2 (n_H n_W)^2} \sum_{k, k'}
    \left(G^{(S)}_{gram\, kk'} - G^{(G)}_{gram\, kk'}\right)^2$$

    Parameters
    ----------
    a_S : ndarray, shape (1, n_H, n_W, n_C)
        The layer's activations for the style image.
    a_G : ndarray, shape (1, n_H, n_W, n_C)
        The layer's activations for the generated image.

    Returns
    -------
    J_style_layer : float
    """
    where = "compute_layer_style_cost"
    a_S = as_array(a_S, "a_S", where)
    a_G = as_array(a_G, "a_G", where)
    _check_activations_pair(a_S, a_G, ("a_S", "a_G"), where)
    return _layer_style_cost(a_S, a_G)


def _unroll(a):
    """`(1, n_H, n_W, n_C)` activations to `(n_C, n_H * n_W)`, one row per channel."""
    n_C = a.shape[-1]
    return a.reshape(-1, n_C).T  # (n_H * n_W, n_C), then (n_C, n_H * n_W)


def _layer_style_cost(a_S, a_G):
    _, n_H, n_W, n_C = a_G.shape
    GS = _gram_matrix(_unroll(a_S))  # (n_C, n_C)
    GG = _gram_matrix(_unroll(a_G))
    J_style_layer = np.sum(np.square(GS - GG)) / (4 * n_C**2 * (n_H * n_W) ** 2)
    return float(J_style_layer)


# --8<-- [end:compute_layer_style_cost]


# --8<-- [start:compute_style_cost]
def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    r"""The style cost over several layers: $J_{style} = \sum_l \lambda^{[l]} J_{style}^{[l]}$.

    The outputs are the course's lists: one activation per layer of `STYLE_LAYERS`, in the
    same order, then the content layer's, which the style cost leaves out.

    Parameters
    ----------
    style_image_output : list of ndarray
        `len(STYLE_LAYERS) + 1` activations of the style image, each `(1, n_H, n_W, n_C)`
        (the sizes change from layer to layer); the last (the content layer) is not used.
    generated_image_output : list of ndarray
        The same for the generated image.
    STYLE_LAYERS : list of (str, float), default the course's five VGG-19 layers, 0.2 each
        The layers' names and weights $\lambda^{[l]}$; only the weights are used here.

    Returns
    -------
    J_style : float
    """
    where = "compute_style_cost"
    a_S, a_G, weights = _check_style_outputs(
        style_image_output, generated_image_output, STYLE_LAYERS, where
    )
    return _style_cost(a_S, a_G, weights)


def _style_cost(a_S, a_G, weights):
    J_style = 0.0
    for a_S_layer, a_G_layer, weight in zip(a_S, a_G, weights):
        J_style += weight * _layer_style_cost(a_S_layer, a_G_layer)
    return float(J_style)


# --8<-- [end:compute_style_cost]


# --8<-- [start:total_cost]
def total_cost(J_content, J_style, alpha=10, beta=40):
    r"""The total cost $J(G) = \alpha\, J_{content}(C, G) + \beta\, J_{style}(S, G)$.

    Parameters
    ----------
    J_content : float
    J_style : float
    alpha : float, default 10
        Weight of the content cost.
    beta : float, default 40
        Weight of the style cost.

    Returns
    -------
    J : float

    Examples
    --------
    >>> total_cost(0.2, 0.8)  # the course's test: 10 * 0.2 + 40 * 0.8
    34.0
    """
    where = "total_cost"
    for name, value in (("J_content", J_content), ("J_style", J_style)):
        _check_number(value, name, where)
    for name, value in (("alpha", alpha), ("beta", beta)):
        _check_number(value, name, where)
    J = alpha * J_content + beta * J_style
    return float(J)


# --8<-- [end:total_cost]


# --- gradients (beyond the assignment) -----------------------------------------------------


def content_cost_backward(a_C, a_G):
    r"""The gradient of the content cost with respect to the generated image's activations.

    $$\frac{\partial J_{content}}{\partial a^{(G)}} = \frac{a^{(G)} - a^{(C)}}{2\, n_H n_W n_C}$$

    Parameters
    ----------
    a_C : ndarray, shape (1, n_H, n_W, n_C)
        The content layer's activations for the content image.
    a_G : ndarray, shape (1, n_H, n_W, n_C)
        The same for the generated image.

    Returns
    -------
    da_G : ndarray, shape (1, n_H, n_W, n_C)
    """
    where = "content_cost_backward"
    a_C = as_array(a_C, "a_C", where)
    a_G = as_array(a_G, "a_G", where)
    _check_activations_pair(a_C, a_G, ("a_C", "a_G"), where)
    _, n_H, n_W, n_C = a_G.shape
    return (a_G - a_C) / (2 * n_H * n_W * n_C)


def layer_style_cost_backward(a_S, a_G):
    r"""The gradient of one layer's style cost with respect to the generated image's activations.

    With $A_G$ the unrolled $a^{(G)}$, $(n_C, n_H n_W)$, and $J = c \lVert G^{(G)} - G^{(S)}
    \rVert^2$, $c = 1 / (4 n_C^2 (n_H n_W)^2)$: since $G^{(G)} = A_G A_G^T$ is symmetric,
    $\partial J / \partial A_G = 4c\, (G^{(G)} - G^{(S)}) A_G$, which is rolled back to
    `(1, n_H, n_W, n_C)`:

    $$\frac{\partial J_{style}^{[l]}}{\partial A_G} = \frac{1}{n_C^2 (n_H n_W)^2}
    \left(G^{(G)} - G^{(S)}\right) A_G .$$

    Parameters
    ----------
    a_S : ndarray, shape (1, n_H, n_W, n_C)
    a_G : ndarray, shape (1, n_H, n_W, n_C)

    Returns
    -------
    da_G : ndarray, shape (1, n_H, n_W, n_C)
    """
    where = "layer_style_cost_backward"
    a_S = as_array(a_S, "a_S", where)
    a_G = as_array(a_G, "a_G", where)
    _check_activations_pair(a_S, a_G, ("a_S", "a_G"), where)
    _, n_H, n_W, n_C = a_G.shape
    A_G = _unroll(a_G)  # (n_C, n_H * n_W)
    GS, GG = _gram_matrix(_unroll(a_S)), _gram_matrix(A_G)
    dA_G = (GG - GS) @ A_G / (n_C**2 * (n_H * n_W) ** 2)  # (n_C, n_H * n_W)
    return dA_G.T.reshape(a_G.shape)  # back to (1, n_H, n_W, n_C)


# --- images ----------------------------------------------------------------------------------


def prepare_image(image, size=96):
    r"""A picture as the course feeds it to the network: a square `(1, size, size, 3)` in [0, 1].

    The largest centred square is cut out and resized (with anti-aliasing, by scikit-image)
    to `size` x `size`; a grayscale picture (such as scikit-image's `brick` or `gravel`
    textures) is copied to the three colour channels. The course resizes its 400x400 pictures
    with PIL and converts them with `tf.image.convert_image_dtype`, which also maps 0..255 to
    [0, 1].

    Parameters
    ----------
    image : ndarray, shape (height, width, 3) or (height, width)
        uint8 values 0..255 or floats in [0, 1].
    size : int, default 96
        Side of the square result, at least 8.

    Returns
    -------
    image : ndarray of float32, shape (1, size, size, 3)
        Values in [0, 1].
    """
    where = "prepare_image"
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.repeat(image[..., None], 3, axis=-1)  # gray to (height, width, 3)
    if image.ndim != 3 or image.shape[2] != 3:
        raise ValueError(
            f"{where}: image must have shape (height, width, 3) or (height, width), but it has "
            f"shape {image.shape}."
        )
    check_positive(size, "size", where, integer=True)
    if size < 8:
        raise ValueError(f"{where}: size must be at least 8, but {size!r} was given.")
    if image.dtype == np.uint8:
        image = image / 255.0
    elif image.dtype.kind != "f" or image.min() < 0 or image.max() > 1:
        raise ValueError(
            f"{where}: image must hold uint8 values or floats in [0, 1], but it has dtype "
            f"{image.dtype} and values from {image.min()} to {image.max()}."
        )
    transform = _require("skimage.transform", "scikit-image")
    height, width = image.shape[:2]
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    square = image[top : top + side, left : left + side]
    resized = transform.resize(square, (size, size), anti_aliasing=True)
    return np.clip(resized, 0, 1).astype(np.float32)[None]  # (1, size, size, 3)


# --- checks ----------------------------------------------------------------------------------


def _last_output(output, name, where):
    """The last layer's activations of a list of outputs (or of a stacked 5-D array)."""
    if isinstance(output, np.ndarray):
        if output.ndim != 5:
            raise ValueError(
                f"{where}: {name} must be the list of the network's outputs (the last is the "
                f"content layer's, shape (1, n_H, n_W, n_C)), or a 5-D array stacking them, but "
                f"an array of shape {output.shape} was given; wrap one layer's activations in a "
                f"list: [a]."
            )
    elif not isinstance(output, (list, tuple)) or len(output) == 0:
        raise TypeError(
            f"{where}: {name} must be a non-empty list of the network's outputs (the last is "
            f"the content layer's), but a {type(output).__name__} was given."
        )
    return as_array(output[-1], f"{name}[-1]", where)


def _check_activations_pair(a, b, names, where):
    """Both `(1, n_H, n_W, n_C)` and of the same shape."""
    for x, name in zip((a, b), names):
        check_ndim(x, 4, name, where, "(1, n_H, n_W, n_C)")
        if x.shape[0] != 1:
            raise ValueError(
                f"{where}: {name} must hold the activations of one image, shape "
                f"(1, n_H, n_W, n_C), but it has shape {x.shape}."
            )
    check_same_shape(a, b, names, where)


def _check_style_outputs(style_image_output, generated_image_output, STYLE_LAYERS, where):
    """Check the two lists against `STYLE_LAYERS`; return the style layers' arrays and weights."""
    weights = _style_weights(STYLE_LAYERS, where)
    outputs = []
    for output, name in (
        (style_image_output, "style_image_output"),
        (generated_image_output, "generated_image_output"),
    ):
        if not isinstance(output, (list, tuple)):
            raise TypeError(
                f"{where}: {name} must be the list of the network's outputs, but a "
                f"{type(output).__name__} was given."
            )
        if len(output) != len(weights) + 1:
            raise ValueError(
                f"{where}: {name} has {len(output)} outputs, but STYLE_LAYERS names "
                f"{len(weights)} layers; the network must return one output per style layer and "
                f"then the content layer's ({len(weights) + 1} in all)."
            )
        outputs.append([as_array(a, f"{name}[{i}]", where) for i, a in enumerate(output[:-1])])
    a_S, a_G = outputs
    for i, (s, g) in enumerate(zip(a_S, a_G)):
        _check_activations_pair(
            s, g, (f"style_image_output[{i}]", f"generated_image_output[{i}]"), where
        )
    return a_S, a_G, weights


def _style_weights(STYLE_LAYERS, where):
    """The weights of `STYLE_LAYERS`, a list of (name, weight) pairs."""
    try:
        weights = [float(weight) for _, weight in STYLE_LAYERS]
        ok = len(weights) > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise TypeError(
            f"{where}: STYLE_LAYERS must be a non-empty list of (layer name, weight) pairs, such "
            f"as [('block1_conv1', 0.2), ...], but {STYLE_LAYERS!r} was given."
        )
    return weights


def _check_number(value, name, where):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        if not (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "fi"):
            raise TypeError(
                f"{where}: {name} must be a number, but a {type(value).__name__} was given."
            )
