r"""Convolution arithmetic: output sizes, parameter counts and the cost of a layer, by formula.

Taught in: Course 4, [week 1](../../course4/week1.md) (padding and strides, one
convolutional layer, [a LeNet-style network](../../course4/week1.md#a-full-example-lenet-style),
[why convolutions](../../course4/week1.md#why-convolutions)) and
[week 2](../../course4/week2.md) ([1×1 convolutions](../../course4/week2.md#1x1-convolutions),
[MobileNet](../../course4/week2.md#mobilenet-depthwise-separable-convolutions)).

The lectures answer many questions with a line of arithmetic: how large is the output of
this layer, how many parameters does it learn, how many multiplications does it cost? Each
function below is that line, named, with its inputs checked. Nothing here touches an array:
the layers themselves are in [`dl_notes.convolution`](convolution.md) and
[`dl_notes.pooling`](pooling.md), and the tests hold these formulas equal to the shapes
those layers return.

- the output's height (or width),
  [`conv_output_size`][dl_notes.conv_arithmetic.conv_output_size]:
  $\lfloor (n + 2p - f) / s \rfloor + 1$;
- the padding of a "same" convolution, [`same_padding`][dl_notes.conv_arithmetic.same_padding]:
  $p = (f - 1) / 2$;
- the parameters of a conv layer,
  [`conv_layer_params`][dl_notes.conv_arithmetic.conv_layer_params]:
  $(f \cdot f \cdot n_{C,prev} + 1)\, n_C$;
- the parameters of a dense layer,
  [`dense_layer_params`][dl_notes.conv_arithmetic.dense_layer_params]:
  $(n^{[l-1]} + 1)\, n^{[l]}$;
- the multiplications of a conv layer,
  [`conv_multiplies`][dl_notes.conv_arithmetic.conv_multiplies]:
  $n_H n_W n_C \cdot f f n_{C,prev}$;
- the multiplications of a depthwise-separable one,
  [`depthwise_separable_multiplies`][dl_notes.conv_arithmetic.depthwise_separable_multiplies]:
  $n_H n_W n_{C,prev} \cdot f f + n_H n_W n_C \cdot n_{C,prev}$.

Sizes use the course's names: an input of $n_{H,prev} \times n_{W,prev} \times n_{C,prev}$,
$n_C$ filters of $f \times f \times n_{C,prev}$, padding $p$, stride $s$, an output of
$n_H \times n_W \times n_C$. Every argument is a whole number; every result is a Python
`int`, exact however large.
"""

from __future__ import annotations

from dl_notes.convolution import _whole_number

__all__ = [
    "conv_output_size",
    "same_padding",
    "conv_layer_params",
    "dense_layer_params",
    "conv_multiplies",
    "depthwise_separable_multiplies",
]


def conv_output_size(n, f, p=0, s=1):
    r"""Height (or width) of a convolution's or a pooling layer's output.

    $$n_{out} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1 .$$

    The floor is there because a filter that would stick out of the padded input is not
    applied: the last window must fit entirely.

    Parameters
    ----------
    n : int
        Height (or width) of the input, $n_{H,prev}$ (or $n_{W,prev}$), >= 1.
    f : int
        Filter (or pooling window) size, >= 1, at most $n + 2p$.
    p : int, default 0
        Padding on each side, >= 0 (pooling layers use 0).
    s : int, default 1
        Stride, >= 1.

    Returns
    -------
    n_out : int
        $n_H$ (or $n_W$) of the output.

    Examples
    --------
    >>> conv_output_size(6, 3)            # a "valid" convolution: 6x6 * 3x3 -> 4x4
    4
    >>> conv_output_size(7, 3, p=0, s=2)
    3
    """
    where = "conv_output_size"
    n = _whole_number(n, "n", where, minimum=1)
    f = _whole_number(f, "f", where, minimum=1)
    p = _whole_number(p, "p", where, minimum=0)
    s = _whole_number(s, "s", where, minimum=1)
    if f > n + 2 * p:
        raise ValueError(
            f"{where}: the filter (f = {f}) is larger than the padded input (n + 2p = "
            f"{n} + 2 * {p} = {n + 2 * p}); a filter needs f <= n + 2p."
        )
    return (n + 2 * p - f) // s + 1


def same_padding(f):
    r"""The padding that keeps a stride-1 convolution's output as large as its input.

    A "same" convolution needs $n + 2p - f + 1 = n$, so

    $$p = \frac{f - 1}{2},$$

    a whole number only when $f$ is odd, one reason filters are almost always 3×3, 5×5,
    7×7 (the other: an odd filter has a centre pixel).

    Parameters
    ----------
    f : int
        An odd filter size, >= 1.

    Returns
    -------
    p : int

    Examples
    --------
    >>> same_padding(3), same_padding(5)
    (1, 2)
    """
    f = _whole_number(f, "f", "same_padding", minimum=1)
    if f % 2 == 0:
        raise ValueError(
            f"same_padding: f must be odd for a 'same' convolution with equal padding on both "
            f"sides, but f = {f}; p = (f - 1) / 2 would be {(f - 1) / 2}."
        )
    return (f - 1) // 2


def conv_layer_params(f, n_C_prev, n_C):
    r"""Number of parameters a convolutional layer learns.

    Each of the $n_C$ filters has $f \cdot f \cdot n_{C,prev}$ weights and one bias, so

    $$\text{params} = (f \cdot f \cdot n_{C,prev} + 1)\, n_C,$$

    the sizes of `W`, shape $(f, f, n_{C,prev}, n_C)$, and `b`, shape $(1, 1, 1, n_C)$.
    It does not depend on the size of the image.

    Parameters
    ----------
    f : int
        Filter size, >= 1.
    n_C_prev : int
        Channels of the input, >= 1.
    n_C : int
        Number of filters (channels of the output), >= 1.

    Returns
    -------
    params : int

    Examples
    --------
    >>> conv_layer_params(3, 3, 10)      # ten 3x3x3 filters
    280
    """
    where = "conv_layer_params"
    f = _whole_number(f, "f", where, minimum=1)
    n_C_prev = _whole_number(n_C_prev, "n_C_prev", where, minimum=1)
    n_C = _whole_number(n_C, "n_C", where, minimum=1)
    return (f * f * n_C_prev + 1) * n_C


def dense_layer_params(n_prev, n):
    r"""Number of parameters a fully connected (dense) layer learns.

    $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ shape $(n^{[l]}, 1)$, so

    $$\text{params} = (n^{[l-1]} + 1)\, n^{[l]} .$$

    Parameters
    ----------
    n_prev : int
        Units (inputs) of the previous layer, $n^{[l-1]}$, >= 1; for a flattened volume,
        $n_H \cdot n_W \cdot n_C$.
    n : int
        Units of this layer, $n^{[l]}$, >= 1.

    Returns
    -------
    params : int

    Examples
    --------
    >>> dense_layer_params(400, 120)
    48120
    """
    where = "dense_layer_params"
    n_prev = _whole_number(n_prev, "n_prev", where, minimum=1)
    n = _whole_number(n, "n", where, minimum=1)
    return (n_prev + 1) * n


def conv_multiplies(n_H, n_W, n_C, f, n_C_prev):
    r"""Multiplications a convolutional layer performs for one example.

    Every one of the $n_H \cdot n_W \cdot n_C$ output entries is a sum of
    $f \cdot f \cdot n_{C,prev}$ products (one
    [`conv_single_step`][dl_notes.convolution.conv_single_step]):

    $$\text{multiplies} = (n_H\, n_W\, n_C) \cdot (f\, f\, n_{C,prev}) .$$

    Additions and biases are left out, as in the lecture; they are about as many.

    Parameters
    ----------
    n_H, n_W, n_C : int
        The output's height, width and channels (number of filters), each >= 1.
    f : int
        Filter size, >= 1.
    n_C_prev : int
        Channels of the input, >= 1.

    Returns
    -------
    multiplies : int

    Examples
    --------
    >>> conv_multiplies(28, 28, 32, 5, 192)   # a 5x5 "same" conv, 28x28x192 -> 28x28x32
    120422400
    """
    where = "conv_multiplies"
    sizes = {"n_H": n_H, "n_W": n_W, "n_C": n_C, "f": f, "n_C_prev": n_C_prev}
    n_H, n_W, n_C, f, n_C_prev = (_whole_number(v, k, where, minimum=1) for k, v in sizes.items())
    return (n_H * n_W * n_C) * (f * f * n_C_prev)


def depthwise_separable_multiplies(n_H, n_W, n_C, f, n_C_prev):
    r"""Multiplications of a depthwise-separable convolution (MobileNet) for one example.

    It replaces one $f \times f \times n_{C,prev} \to n_C$ convolution by two steps:

    1. **depthwise**: one $f \times f$ filter per input channel, applied to that channel only:
       an $n_H \times n_W \times n_{C,prev}$ volume, $f \cdot f$ products per entry;
    2. **pointwise**: $n_C$ filters of $1 \times 1 \times n_{C,prev}$ that mix the channels:
       an $n_H \times n_W \times n_C$ volume, $n_{C,prev}$ products per entry.

    $$\text{multiplies} = n_H n_W n_{C,prev} \cdot f^2 \;+\; n_H n_W n_C \cdot n_{C,prev} .$$

    Divided by [`conv_multiplies`][dl_notes.conv_arithmetic.conv_multiplies] of the same
    layer, $n_H n_W n_C \cdot f^2 n_{C,prev}$, this is $\frac{1}{n_C} + \frac{1}{f^2}$.

    Parameters
    ----------
    n_H, n_W, n_C : int
        The output's height, width and channels, each >= 1.
    f : int
        Size of the depthwise filters, >= 1.
    n_C_prev : int
        Channels of the input, >= 1.

    Returns
    -------
    multiplies : int
        Depthwise plus pointwise.

    Examples
    --------
    >>> depthwise_separable_multiplies(4, 4, 5, 3, 3)   # 6x6x3 input, 3x3 filters, 5 channels out
    672
    """
    where = "depthwise_separable_multiplies"
    sizes = {"n_H": n_H, "n_W": n_W, "n_C": n_C, "f": f, "n_C_prev": n_C_prev}
    n_H, n_W, n_C, f, n_C_prev = (_whole_number(v, k, where, minimum=1) for k, v in sizes.items())
    depthwise = (n_H * n_W * n_C_prev) * (f * f)
    pointwise = (n_H * n_W * n_C) * n_C_prev
    return depthwise + pointwise
