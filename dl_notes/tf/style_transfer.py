r"""Neural style transfer in TensorFlow (Course 4, W4A2): the costs, the feature extractor, training.

Taught in: Course 4, week 4 (neural style transfer) and its lab
[W4A2 · Art generation with neural style transfer](../../course4/labs/w4a2-art-generation-nst.ipynb).

The assignment loads VGG-19 with its ImageNet weights, makes it return the activations of
five style layers and one content layer, and then changes the pixels of a generated image $G$
(a `tf.Variable`) with Adam to lower $J(G) = \alpha J_{content} + \beta J_{style}$. The cost
functions here are the course's, with its arguments; their NumPy twins are in
[`dl_notes.style_transfer`][dl_notes.style_transfer], which gives the formulas.

| the course | here |
|---|---|
| `compute_content_cost(content_output, generated_output)` | [`compute_content_cost`][dl_notes.tf.style_transfer.compute_content_cost] |
| `gram_matrix(A)` | [`gram_matrix`][dl_notes.tf.style_transfer.gram_matrix] |
| `compute_layer_style_cost(a_S, a_G)` | [`compute_layer_style_cost`][dl_notes.tf.style_transfer.compute_layer_style_cost] |
| `compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS)` | [`compute_style_cost`][dl_notes.tf.style_transfer.compute_style_cost] |
| `total_cost(J_content, J_style, alpha=10, beta=40)` | [`total_cost`][dl_notes.tf.style_transfer.total_cost] |
| `get_layer_outputs(vgg, layer_names)` | [`get_layer_outputs`][dl_notes.tf.style_transfer.get_layer_outputs] |
| `clip_0_1(image)` | [`clip_0_1`][dl_notes.tf.style_transfer.clip_0_1] |
| `train_step(generated_image)`, a `tf.function` over global variables | [`make_train_step`][dl_notes.tf.style_transfer.make_train_step]`(vgg_model_outputs, a_C, a_S, ...)` returns it |
| the noisy start: content image + uniform noise in $\pm 0.25$, clipped | [`initial_generated_image`][dl_notes.tf.style_transfer.initial_generated_image] |
| `VGG19(include_top=False, weights="imagenet")` | [`random_vgg19`][dl_notes.tf.style_transfer.random_vgg19]: VGG-19 with fixed random weights; [`digit_extractor`][dl_notes.tf.style_transfer.digit_extractor]: the MobileNetV2 trained here on digits |
| the training loop of the notebook | [`style_transfer`][dl_notes.tf.style_transfer.style_transfer] |

**`train_step` without globals.** In the course, `train_step` reads `vgg_model_outputs`,
`a_C`, `a_S` and `optimizer` from the notebook's globals. Here
[`make_train_step`][dl_notes.tf.style_transfer.make_train_step] takes them as arguments and
returns the course's `train_step(generated_image)`: one Adam step on the pixels, then
`clip_0_1`, returning $J$. A learner's loop, `for i in range(epochs):
train_step(generated_image)`, works unchanged.

**No ImageNet weights.** They cannot be downloaded here. Two networks stand in for the
course's VGG-19:

- [`random_vgg19`][dl_notes.tf.style_transfer.random_vgg19]: Keras' VGG-19 architecture,
  `weights=None`, cut after block 3 and given fixed, seeded random weights. A network that
  was never trained still sees texture: its Gram matrices are statistics of many random
  filters, and matching them reproduces colours and local patterns. Ustyuzhaninov, Brendel,
  Gatys and Bethge, *What does it take to generate natural textures?* (ICLR 2017), synthesise
  textures with single-layer random networks; He, Wang and Hopcroft, *A powerful generative
  model using random weights for the deep image representation* (NeurIPS 2016), do style
  transfer with a random-weight VGG. What random weights lack is what ImageNet training gives
  the deep layers: objects and their parts, so the course's `block5_conv4` content layer
  would mean little here; the content layer is in block 3.
- [`digit_extractor`][dl_notes.tf.style_transfer.digit_extractor]: the small MobileNetV2
  that the project pretrained on handwritten digits 0 to 4
  ([`pretrained_base`][dl_notes.tf.transfer.pretrained_base]), rebuilt for larger inputs
  (its convolutions do not depend on the image size). It has learned strokes, on gray
  images only.

Both take images in [0, 1], as the course's `vgg_model_outputs(generated_image)` does, and
map them to [-1, 1] in their first layer.

**Sizes.** The course works at 400x400 for 2,500 steps on a GPU; the lab at 96x96 for a
hundred-odd steps on a CPU.

| name | shape | dtype |
|---|---|---|
| `content_image`, `style_image` | `(1, n_H, n_W, 3)` | float32 in [0, 1] (uint8 0..255 accepted) |
| `generated_image` | `(1, n_H, n_W, 3)` | `tf.Variable`, float32 in [0, 1] |
| `vgg_model_outputs(image)`, `a_C`, `a_S`, `a_G` | list: one `(1, n_H, n_W, n_C)` per style layer, then the content layer's | float32 |

**Reproducible.** The random weights, the noise of the first image and the training are
seeded; building a Keras application draws from Python's `random`, which is seeded while it
builds and restored afterwards.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from dl_notes._checks import check_positive, check_seed
from dl_notes.style_transfer import (
    CONTENT_LAYER,
    STYLE_LAYERS,
    _check_number,
    _style_weights,
)
from dl_notes.tf.transfer import ALPHA, _seeded_python_random, pretrained_base

__all__ = [
    "STYLE_LAYERS",
    "CONTENT_LAYER",
    "VGG_STYLE_LAYERS",
    "VGG_CONTENT_LAYER",
    "DIGIT_STYLE_LAYERS",
    "DIGIT_CONTENT_LAYER",
    "compute_content_cost",
    "gram_matrix",
    "compute_layer_style_cost",
    "compute_style_cost",
    "total_cost",
    "get_layer_outputs",
    "clip_0_1",
    "initial_generated_image",
    "make_train_step",
    "style_transfer",
    "random_vgg19",
    "digit_extractor",
]

VGG_STYLE_LAYERS = [
    ("block1_conv1", 1 / 3),
    ("block2_conv1", 1 / 3),
    ("block3_conv1", 1 / 3),
]
"""Style layers of [`random_vgg19`][dl_notes.tf.style_transfer.random_vgg19]: the first
convolution of blocks 1 to 3, weights summing to 1 as the course's do."""

VGG_CONTENT_LAYER = [("block3_conv2", 1)]
"""Content layer of [`random_vgg19`][dl_notes.tf.style_transfer.random_vgg19], its last."""

DIGIT_STYLE_LAYERS = [
    ("Conv1_relu", 0.25),
    ("block_1_expand_relu", 0.25),
    ("block_3_expand_relu", 0.25),
    ("block_6_expand_relu", 0.25),
]
"""Style layers of [`digit_extractor`][dl_notes.tf.style_transfer.digit_extractor]: the first
convolution and the expansions of blocks 1, 3 and 6, each at a new image size (1/2, 1/2,
1/4, 1/8 of the input)."""

DIGIT_CONTENT_LAYER = [("block_6_project_BN", 1)]
"""Content layer of [`digit_extractor`][dl_notes.tf.style_transfer.digit_extractor]: the
output of block 6 (after its stride-2 depthwise convolution), at 1/16 of the input's size."""


# --- the costs -------------------------------------------------------------------------------


# --8<-- [start:compute_content_cost]
def compute_content_cost(content_output, generated_output):
    r"""The course's content cost, $\frac{1}{4 n_H n_W n_C} \sum (a^{(C)} - a^{(G)})^2$.

    Parameters
    ----------
    content_output : list of tf.Tensor, or tf.Tensor of shape (k, 1, n_H, n_W, n_C)
        The network's outputs for the content image; the last, `(1, n_H, n_W, n_C)`, is the
        content layer's $a^{(C)}$.
    generated_output : list of tf.Tensor, or tf.Tensor of shape (k, 1, n_H, n_W, n_C)
        The same for the generated image; its last is $a^{(G)}$.

    Returns
    -------
    J_content : tf.Tensor, shape ()
    """
    a_C = content_output[-1]
    a_G = generated_output[-1]
    _check_pair(a_C, a_G, ("a_C", "a_G"), "compute_content_cost")
    # Retrieve dimensions from a_G
    _, n_H, n_W, n_C = a_G.get_shape().as_list()
    # Unroll a_C and a_G to (1, n_H * n_W, n_C)
    a_C_unrolled = tf.reshape(a_C, shape=[1, n_H * n_W, n_C])
    a_G_unrolled = tf.reshape(a_G, shape=[1, n_H * n_W, n_C])
    J_content = tf.reduce_sum(tf.square(a_C_unrolled - a_G_unrolled)) / (4.0 * n_H * n_W * n_C)
    return J_content


# --8<-- [end:compute_content_cost]


# --8<-- [start:gram_matrix]
def gram_matrix(A):
    r"""The Gram matrix $G_A = A A^T$ of the unrolled activations.

    Parameters
    ----------
    A : tf.Tensor, shape (n_C, n_H * n_W)

    Returns
    -------
    GA : tf.Tensor, shape (n_C, n_C)
    """
    if len(A.shape) != 2:
        raise ValueError(
            f"gram_matrix: A must be a 2-D tensor (n_C, n_H * n_W), but it has shape "
            f"{tuple(A.shape)}."
        )
    GA = tf.matmul(A, tf.transpose(A))
    return GA


# --8<-- [end:gram_matrix]


# --8<-- [start:compute_layer_style_cost]
def compute_layer_style_cost(a_S, a_G):
    r"""One layer's style cost, $\frac{1}{4 n_C^2 (n_H n_W)^2} \sum (G^{(S)} - G^{(G)})^2$.

    Parameters
    ----------
    a_S : tf.Tensor, shape (1, n_H, n_W, n_C)
        The layer's activations for the style image.
    a_G : tf.Tensor, shape (1, n_H, n_W, n_C)
        The same for the generated image.

    Returns
    -------
    J_style_layer : tf.Tensor, shape ()
    """
    _check_pair(a_S, a_G, ("a_S", "a_G"), "compute_layer_style_cost")
    # Retrieve dimensions from a_G
    _, n_H, n_W, n_C = a_G.get_shape().as_list()
    # Unroll to (n_H * n_W, n_C), then transpose to (n_C, n_H * n_W): one row per channel
    a_S = tf.transpose(tf.reshape(a_S, shape=[-1, n_C]))
    a_G = tf.transpose(tf.reshape(a_G, shape=[-1, n_C]))
    GS = gram_matrix(a_S)  # (n_C, n_C)
    GG = gram_matrix(a_G)
    J_style_layer = tf.reduce_sum(tf.square(GS - GG)) / (4.0 * (n_C**2) * ((n_H * n_W) ** 2))
    return J_style_layer


# --8<-- [end:compute_layer_style_cost]


# --8<-- [start:compute_style_cost]
def compute_style_cost(style_image_output, generated_image_output, STYLE_LAYERS=STYLE_LAYERS):
    r"""The style cost over the style layers, $\sum_l \lambda^{[l]} J_{style}^{[l]}$.

    Parameters
    ----------
    style_image_output : list of tf.Tensor
        The network's `len(STYLE_LAYERS) + 1` outputs for the style image; the last (the
        content layer) is left out.
    generated_image_output : list of tf.Tensor
        The same for the generated image.
    STYLE_LAYERS : list of (str, float), default the course's five VGG-19 layers, 0.2 each
        The layers' names and weights $\lambda^{[l]}$.

    Returns
    -------
    J_style : tf.Tensor, shape ()
    """
    where = "compute_style_cost"
    weights = _style_weights(STYLE_LAYERS, where)
    for output, name in (
        (style_image_output, "style_image_output"),
        (generated_image_output, "generated_image_output"),
    ):
        if len(output) != len(weights) + 1:
            raise ValueError(
                f"{where}: {name} has {len(output)} outputs, but STYLE_LAYERS names "
                f"{len(weights)} layers; the network must return one output per style layer and "
                f"then the content layer's ({len(weights) + 1} in all)."
            )
    J_style = 0
    # The last output is the content layer's: not used for the style
    a_S = style_image_output[:-1]
    a_G = generated_image_output[:-1]
    for i, weight in zip(range(len(a_S)), STYLE_LAYERS):
        J_style_layer = compute_layer_style_cost(a_S[i], a_G[i])
        J_style += weight[1] * J_style_layer
    return J_style


# --8<-- [end:compute_style_cost]


# --8<-- [start:total_cost]
def total_cost(J_content, J_style, alpha=10, beta=40):
    r"""The total cost $J = \alpha J_{content} + \beta J_{style}$.

    The course decorates it with `@tf.function()`; here it is a plain function, which returns
    a tensor all the same (called eagerly, an `EagerTensor`) and is compiled as part of
    `train_step`.

    Parameters
    ----------
    J_content : tf.Tensor or float
    J_style : tf.Tensor or float
    alpha : float, default 10
    beta : float, default 40

    Returns
    -------
    J : tf.Tensor, shape ()
    """
    for name, value in (("alpha", alpha), ("beta", beta)):
        _check_number(value, name, "total_cost")
    J_content = tf.convert_to_tensor(J_content)
    J_style = tf.cast(J_style, J_content.dtype)
    J = alpha * J_content + beta * J_style
    return J


# --8<-- [end:total_cost]


# --- the network and the training ------------------------------------------------------------


# --8<-- [start:get_layer_outputs]
def get_layer_outputs(vgg, layer_names):
    r"""A model that returns the outputs of the named layers of `vgg`, in order.

    Parameters
    ----------
    vgg : keras.Model
        A functional model whose layers have these names.
    layer_names : list of (str, float)
        The course passes `STYLE_LAYERS + content_layer`; only the names are used.

    Returns
    -------
    model : keras.Model
        `model(image)` is a list: one tensor `(1, n_H, n_W, n_C)` per entry of `layer_names`.
    """
    names = [layer[0] for layer in layer_names]
    known = {layer.name for layer in vgg.layers}
    missing = [name for name in names if name not in known]
    if missing:
        raise ValueError(
            f"get_layer_outputs: {vgg.name} has no layer named {missing}; its layers include "
            f"{[layer.name for layer in vgg.layers][1:8]}, ..."
        )
    outputs = [vgg.get_layer(name).output for name in names]
    model = keras.Model(vgg.input, outputs)  # the course writes [vgg.input]: Keras 3 warns
    return model


# --8<-- [end:get_layer_outputs]


def clip_0_1(image):
    r"""Truncate all the pixels to [0, 1]: `tf.clip_by_value(image, 0.0, 1.0)`.

    Parameters
    ----------
    image : tf.Tensor, shape (1, n_H, n_W, 3)

    Returns
    -------
    image : tf.Tensor, shape (1, n_H, n_W, 3)
    """
    return tf.clip_by_value(image, clip_value_min=0.0, clip_value_max=1.0)


def initial_generated_image(content_image, noise=0.25, seed=0):
    r"""The course's first generated image: the content image plus uniform noise, clipped.

    $G_0 = \text{clip}_{[0,1]}(C + U)$, $U$ uniform in $[-\text{noise}, \text{noise}]$.
    Starting near the content image, rather than from pure noise, lets the content come
    through sooner.

    Parameters
    ----------
    content_image : ndarray or tf.Tensor, shape (1, n_H, n_W, 3)
        float in [0, 1], or uint8 0..255 (converted as `tf.image.convert_image_dtype` does).
    noise : float, default 0.25
        Half-width of the noise, >= 0.
    seed : int, default 0
        Seeds the noise (a NumPy generator: nothing global changes).

    Returns
    -------
    generated_image : tf.Variable, shape (1, n_H, n_W, 3)
        float32 in [0, 1].
    """
    where = "initial_generated_image"
    content = _as_image(content_image, "content_image", where)
    _check_number(noise, "noise", where)
    if noise < 0:
        raise ValueError(f"{where}: noise must be >= 0, but {noise!r} was given.")
    rng = np.random.default_rng(check_seed(seed, where))
    U = rng.uniform(-noise, noise, content.shape).astype(np.float32)
    return tf.Variable(np.clip(content + U, 0.0, 1.0))


# --8<-- [start:make_train_step]
def make_train_step(
    vgg_model_outputs, a_C, a_S, STYLE_LAYERS=STYLE_LAYERS, optimizer=None, alpha=10, beta=40
):
    r"""The course's `train_step(generated_image)`, with what it reads from globals as arguments.

    The returned function does what the course's does: compute
    $a^{(G)}$ = `vgg_model_outputs(generated_image)`, the costs against the fixed
    $a^{(C)}$ and $a^{(S)}$, $J = \alpha J_{content} + \beta J_{style}$ and its gradient with
    respect to the pixels (`tf.GradientTape`); apply one step of the optimizer to the image;
    clip it to [0, 1]. It is a `tf.function`, compiled at its first call.

    Parameters
    ----------
    vgg_model_outputs : keras.Model
        From [`get_layer_outputs`][dl_notes.tf.style_transfer.get_layer_outputs]: an image
        to `len(STYLE_LAYERS) + 1` outputs, the content layer's last.
    a_C : list of tf.Tensor
        `vgg_model_outputs(content_image)`.
    a_S : list of tf.Tensor
        `vgg_model_outputs(style_image)`.
    STYLE_LAYERS : list of (str, float), default the course's
        The weights of the style layers.
    optimizer : keras.optimizers.Optimizer, optional
        Default: the course's `Adam(learning_rate=0.01)`.
    alpha : float, default 10
    beta : float, default 40

    Returns
    -------
    train_step : callable
        `train_step(generated_image)`, with `generated_image` a `tf.Variable`
        `(1, n_H, n_W, 3)`: updates it in place and returns $J$ before the step, a float32
        `tf.Tensor` of shape ().
    """
    step = _make_step(vgg_model_outputs, a_C, a_S, STYLE_LAYERS, optimizer, alpha, beta)

    def train_step(generated_image):
        J, _, _ = step(generated_image)
        return J

    return train_step


def _make_step(vgg_model_outputs, a_C, a_S, STYLE_LAYERS, optimizer, alpha, beta):
    """One step on the pixels, returning (J, J_content, J_style) of the image before it."""
    _style_weights(STYLE_LAYERS, "make_train_step")
    for name, value in (("alpha", alpha), ("beta", beta)):
        _check_number(value, name, "make_train_step")
    optimizer = optimizer if optimizer is not None else keras.optimizers.Adam(learning_rate=0.01)

    @tf.function()
    def step(generated_image):
        with tf.GradientTape() as tape:
            # a_C and a_S are fixed; only a_G depends on the pixels
            a_G = vgg_model_outputs(generated_image)
            J_style = compute_style_cost(a_S, a_G, STYLE_LAYERS)
            J_content = compute_content_cost(a_C, a_G)
            J = total_cost(J_content, J_style, alpha=alpha, beta=beta)
        grad = tape.gradient(J, generated_image)
        optimizer.apply_gradients([(grad, generated_image)])
        generated_image.assign(clip_0_1(generated_image))
        return J, J_content, J_style

    return step


# --8<-- [end:make_train_step]


def style_transfer(
    vgg_model_outputs,
    content_image,
    style_image,
    generated_image,
    STYLE_LAYERS=STYLE_LAYERS,
    *,
    num_iterations=100,
    learning_rate=0.01,
    alpha=10,
    beta=40,
):
    r"""The course's training loop: `num_iterations` steps of `train_step`, with a record.

    Encodes the content and style images once ($a^{(C)}$, $a^{(S)}$), then runs the steps of
    [`make_train_step`][dl_notes.tf.style_transfer.make_train_step] with
    `Adam(learning_rate)`, keeping the three costs at every step and the image at five steps
    (0, a quarter, half, three quarters, the end).

    Parameters
    ----------
    vgg_model_outputs : keras.Model
        From [`get_layer_outputs`][dl_notes.tf.style_transfer.get_layer_outputs].
    content_image : ndarray or tf.Tensor, shape (1, n_H, n_W, 3)
        In [0, 1] (or uint8 0..255).
    style_image : ndarray or tf.Tensor, shape (1, n_H, n_W, 3)
        The same size as `content_image`.
    generated_image : tf.Variable, shape (1, n_H, n_W, 3)
        The start, e.g. from
        [`initial_generated_image`][dl_notes.tf.style_transfer.initial_generated_image];
        updated in place.
    STYLE_LAYERS : list of (str, float), default the course's
    num_iterations : int, default 100
    learning_rate : float, default 0.01
        Adam's step size on the pixels (the course's 0.01).
    alpha : float, default 10
    beta : float, default 40

    Returns
    -------
    generated_image : tf.Variable, shape (1, n_H, n_W, 3)
        The same variable, after the last step.
    history : dict
        `"J"`, `"J_content"`, `"J_style"`: ndarrays of `num_iterations + 1` floats, the
        costs of the image after 0, 1, ..., `num_iterations` steps; `"images"`: a dict from
        step to the image then, `(n_H, n_W, 3)` in [0, 1].
    """
    where = "style_transfer"
    check_positive(num_iterations, "num_iterations", where, integer=True)
    check_positive(learning_rate, "learning_rate", where)
    content = _as_image(content_image, "content_image", where)
    style = _as_image(style_image, "style_image", where)
    if not isinstance(generated_image, tf.Variable):
        raise TypeError(
            f"{where}: generated_image must be a tf.Variable (its pixels are what is trained), "
            f"but a {type(generated_image).__name__} was given."
        )
    if content.shape != style.shape or tuple(generated_image.shape) != content.shape:
        raise ValueError(
            f"{where}: content_image, style_image and generated_image must have the same shape, "
            f"but they have {content.shape}, {style.shape} and {tuple(generated_image.shape)}."
        )
    a_C = vgg_model_outputs(content)  # the content encoding, fixed
    a_S = vgg_model_outputs(style)  # the style encoding, fixed
    optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    step = _make_step(vgg_model_outputs, a_C, a_S, STYLE_LAYERS, optimizer, alpha, beta)
    shown = {round(num_iterations * q) for q in (0, 0.25, 0.5, 0.75, 1)}
    costs, images = [], {}
    for i in range(num_iterations):
        if i in shown:
            images[i] = generated_image.numpy()[0]
        costs.append([float(c) for c in step(generated_image)])
    a_G = vgg_model_outputs(generated_image)  # the costs after the last step
    J_style = compute_style_cost(a_S, a_G, STYLE_LAYERS)
    J_content = compute_content_cost(a_C, a_G)
    costs.append(
        [float(total_cost(J_content, J_style, alpha, beta)), float(J_content), float(J_style)]
    )
    images[num_iterations] = generated_image.numpy()[0]
    J, J_content, J_style = np.array(costs).T
    return generated_image, {"J": J, "J_content": J_content, "J_style": J_style, "images": images}


# --- the feature extractors -------------------------------------------------------------------


def random_vgg19(input_shape=(96, 96, 3), last_layer="block3_conv2", seed=0):
    r"""VGG-19 with fixed random weights, cut after `last_layer`: the stand-in for ImageNet's.

    Keras' `VGG19(include_top=False, weights=None)`, built offline, kept up to `last_layer`
    (the default leaves 6 of its 16 convolutions: blocks 1 and 2 and two of block 3). Every
    convolution's kernel is drawn from $\mathcal{N}(0, 2 / \text{fan-in})$ (He et al. 2015)
    with a seeded NumPy generator, its bias 0. Keras' default (Glorot) would shrink the
    activations by about $\sqrt 2$ a layer, so that deep costs end up near $10^{-7}$, where
    Adam's $\epsilon$ starts to damp the steps; He's scale keeps them of the same order. A
    first layer maps the [0, 1] pixels to [-1, 1] (the course feeds [0, 1] pixels to VGG as
    they are; with random weights, centring them keeps the Gram matrices from being dominated
    by the mean brightness). The weights are frozen.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (96, 96, 3)
        (height, width, 3), height and width at least 32 (VGG-19 halves them five times).
    last_layer : str, default "block3_conv2"
        The last VGG-19 layer kept, e.g. `"block3_conv1"`, `"block5_conv4"` (all of it).
    seed : int, default 0
        Seeds the weights.

    Returns
    -------
    vgg : keras.Model
        `(m, height, width, 3)` in [0, 1] to `last_layer`'s output; its layers keep VGG-19's
        names (`block1_conv1`, ...), so `get_layer_outputs(vgg, VGG_STYLE_LAYERS +
        VGG_CONTENT_LAYER)` works.
    """
    where = "random_vgg19"
    input_shape = _check_input_shape(input_shape, where, minimum=32)
    seed = check_seed(seed, where, minimum=0)
    inputs = keras.Input(shape=input_shape)
    x = keras.layers.Rescaling(2.0, offset=-1.0, name="to_minus1_1")(inputs)  # [0, 1] to [-1, 1]
    with _seeded_python_random(seed):
        full = keras.applications.VGG19(include_top=False, weights=None, input_tensor=x)
    names = [layer.name for layer in full.layers]
    if last_layer not in names:
        raise ValueError(
            f"{where}: VGG-19 has no layer {last_layer!r}; its layers are {names[2:]}."
        )
    vgg = keras.Model(inputs, full.get_layer(last_layer).output, name="random_vgg19")
    rng = np.random.default_rng(seed)
    for layer in vgg.layers:
        if isinstance(layer, keras.layers.Conv2D):
            kernel, bias = layer.get_weights()
            fan_in = np.prod(kernel.shape[:3])  # f * f * n_C_prev
            He = rng.normal(0.0, np.sqrt(2.0 / fan_in), kernel.shape)
            layer.set_weights([He.astype(np.float32), np.zeros_like(bias)])
    vgg.trainable = False
    return vgg


def digit_extractor(input_shape=(96, 96, 3), path=None):
    r"""The project's own trained ConvNet as the extractor: MobileNetV2 trained on digits.

    The base of [`pretrained_base`][dl_notes.tf.transfer.pretrained_base] (MobileNetV2,
    $\alpha = 0.35$, trained here on 2,250 handwritten digits 0 to 4 at 32x32), rebuilt for
    `input_shape` with the same weights (a convolution's weights do not depend on the image
    size), after a first layer that maps [0, 1] pixels to the base's [-1, 1]. Its batch-norm
    layers use the statistics of the digits. Frozen.

    It was trained on gray images, the same value in all three channels: the first
    convolution learned from the sum of the channels only, and what tells colours apart is
    still its random start.

    Parameters
    ----------
    input_shape : tuple of 3 int, default (96, 96, 3)
        (height, width, 3), height and width at least 32.
    path : str or pathlib.Path, optional
        The weights file; default: the one shipped in the package.

    Returns
    -------
    net : keras.Model
        `(m, height, width, 3)` in [0, 1] to `out_relu`; its layers keep MobileNetV2's names
        (`Conv1_relu`, `block_1_expand_relu`, ...).

    Raises
    ------
    FileNotFoundError
        If the weights file is missing; the message says to run `make weights`.
    """
    where = "digit_extractor"
    input_shape = _check_input_shape(input_shape, where, minimum=32)
    trained = pretrained_base(path)
    inputs = keras.Input(shape=input_shape)
    x = keras.layers.Rescaling(2.0, offset=-1.0, name="to_minus1_1")(inputs)  # [0, 1] to [-1, 1]
    with _seeded_python_random(0):  # the weights are replaced below
        base = keras.applications.MobileNetV2(
            input_tensor=x, alpha=ALPHA, include_top=False, weights=None
        )
    net = keras.Model(inputs, base.output, name="digit_extractor")
    net.set_weights(trained.get_weights())  # the same layers in the same order
    net.trainable = False
    return net


# --- checks ----------------------------------------------------------------------------------


def _check_pair(a, b, names, where):
    """Both `(1, n_H, n_W, n_C)` with the same static shape."""
    for x, name in zip((a, b), names):
        shape = tuple(x.shape)
        if len(shape) != 4 or shape[0] not in (1, None):
            raise ValueError(
                f"{where}: {name} must hold one image's activations, shape (1, n_H, n_W, n_C), "
                f"but it has shape {shape}."
            )
    if tuple(a.shape)[1:] != tuple(b.shape)[1:]:
        raise ValueError(
            f"{where}: {names[0]} and {names[1]} must have the same shape, but {names[0]} has "
            f"shape {tuple(a.shape)} and {names[1]} has shape {tuple(b.shape)}."
        )


def _as_image(image, name, where):
    """`(1, n_H, n_W, 3)` as float32 in [0, 1]; uint8 is scaled from 0..255."""
    image = np.asarray(image)
    if image.ndim != 4 or image.shape[0] != 1 or image.shape[3] != 3:
        raise ValueError(
            f"{where}: {name} must be one RGB image, shape (1, n_H, n_W, 3), but it has shape "
            f"{image.shape}."
        )
    if image.dtype == np.uint8:
        return (image / 255.0).astype(np.float32)
    if image.dtype.kind != "f" or image.min() < 0 or image.max() > 1:
        raise ValueError(
            f"{where}: {name} must hold uint8 values or floats in [0, 1], but it has dtype "
            f"{image.dtype} and values from {image.min()} to {image.max()}."
        )
    return image.astype(np.float32)


def _check_input_shape(input_shape, where, minimum=8):
    try:
        shape = tuple(int(d) for d in input_shape)
        ok = len(shape) == 3 and shape[2] == 3 and min(shape[:2]) >= minimum
        ok = ok and all(d == s for d, s in zip(shape, input_shape))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(
            f"{where}: input_shape must be (height, width, 3) with height and width at least "
            f"{minimum}, but {input_shape!r} was given."
        )
    return shape
