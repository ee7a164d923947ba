r"""Gradient checking: compare a backward pass with centred finite differences of the cost.

Taught in: Course 2, [week 1](../../course2/week1.md#numerical-approximation-of-gradients)
(the numerical approximation of gradients and gradient checking) and the
[gradient-checking lab](../../course2/labs/w1a3-gradient-checking.ipynb) (W1A3).

For each parameter $\theta_i$, the two-sided difference

$$d\theta_{\text{approx}}[i] =
\frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots) - J(\theta_1, \dots, \theta_i - \varepsilon,
\dots)}{2 \varepsilon}$$

has an error of order $\varepsilon^2$ (a one-sided difference: order $\varepsilon$). The
check compares the whole vectors through

$$\text{difference} =
\frac{\lVert d\theta - d\theta_{\text{approx}} \rVert_2}{\lVert d\theta \rVert_2 + \lVert
d\theta_{\text{approx}} \rVert_2}:$$

below about $10^{-7}$ the backward pass is right; around $10^{-5}$ look closer; above
$10^{-3}$ it is almost surely wrong. The check is slow (two forward passes per
parameter), so run it once to debug, not while training, and with dropout off
(`keep_prob=1`): dropout makes the cost a different function at every call. Include
the regularization term in $J$ if the backward pass includes it.

To check all parameters at once they are unrolled into one column vector
([`dictionary_to_vector`][dl_notes.gradient_check.dictionary_to_vector]) and rolled
back ([`vector_to_dictionary`][dl_notes.gradient_check.vector_to_dictionary]).

For one layer at a time (a convolution, a pooling layer, an RNN cell), cs231n's form is
handier: [`eval_numerical_gradient`][dl_notes.gradient_check.eval_numerical_gradient] for a
scalar function of one array, and
[`eval_numerical_gradient_array`][dl_notes.gradient_check.eval_numerical_gradient_array] for
an array-valued layer `out = f(x)` and an upstream gradient `dout`, which gives
$\partial (\sum \text{out} \odot \text{dout}) / \partial x$, the `dx` its backward pass must
return. [`rel_error`][dl_notes.gradient_check.rel_error] compares the two.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_ndim, check_positive
from dl_notes.activations import activation_forward
from dl_notes.deep_network import l_model_backward, l_model_forward
from dl_notes.losses import compute_cost

__all__ = [
    "THRESHOLD",
    "rel_error",
    "eval_numerical_gradient",
    "eval_numerical_gradient_array",
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "forward_propagation_1d",
    "backward_propagation_1d",
    "gradient_check",
    "forward_propagation_n",
    "backward_propagation_n",
    "gradient_check_n",
]

#: A difference above this means "there is probably a mistake in the backward pass".
THRESHOLD = 2e-7


# --8<-- [start:numerical]
def rel_error(a, b):
    r"""Relative error of two arrays,
    $\lVert a - b \rVert_2 / \max(10^{-8}, \lVert a \rVert_2 + \lVert b \rVert_2)$.

    The norms run over all entries. Below about $10^{-7}$ two gradients agree; near a kink
    (ReLU, max pooling) $10^{-4}$ can still be right; above $10^{-2}$ one is wrong.

    Parameters
    ----------
    a, b : array_like, same shape

    Returns
    -------
    float
    """
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"rel_error: a and b must have the same shape, but they have {a.shape} and {b.shape}."
        )
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))


def eval_numerical_gradient(f, x, h=1e-5):
    r"""Centred differences of a scalar function:
    $\partial f / \partial x_i \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}$.

    Each entry of `x` is moved by $\pm h$ in place, `f(x)` is evaluated, and the entry is
    put back, so `f` may also read `x` through a closure. Two calls of `f` per entry.

    Parameters
    ----------
    f : callable
        `f(x)` returns a number.
    x : ndarray of float64, any shape
        The point; float64, so that the differences are accurate to about $h^2$.
    h : float, default 1e-5

    Returns
    -------
    grad : ndarray, shape of `x`, float64
    """
    x = _float64_point(x, "eval_numerical_gradient")
    check_positive(h, "h", "eval_numerical_gradient")
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = float(f(x))
        x[i] = old - h
        minus = float(f(x))
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def eval_numerical_gradient_array(f, x, df, h=1e-5):
    r"""Centred differences of an array-valued function against an upstream gradient (cs231n's
    form).

    For a layer `out = f(x)` and `df` $= \partial L / \partial\, \text{out}$, returns
    $\partial L / \partial x$ with
    $\partial L / \partial x_i \approx \sum \frac{f(x + h e_i) - f(x - h e_i)}{2h} \odot \text{df}$,
    which is what the layer's backward pass computes from `df`.

    Parameters
    ----------
    f : callable
        `f(x)` returns an array of the shape of `df` (e.g.
        `lambda x: conv_forward(x, W, b, hp)[0]`).
    x : ndarray of float64, any shape
        Moved entry by entry in place and restored.
    df : ndarray, shape of `f(x)`
        The upstream gradient; use random, non-symmetric values so a wrong backward pass cannot
        hide.
    h : float, default 1e-5

    Returns
    -------
    dx : ndarray, shape of `x`, float64
    """
    where = "eval_numerical_gradient_array"
    x = _float64_point(x, where)
    check_positive(h, "h", where)
    df = np.asarray(df, np.float64)
    out = np.asarray(f(x))
    if out.shape != df.shape:
        raise ValueError(
            f"{where}: df must have the shape of f(x), {out.shape}, but it has shape {df.shape}."
        )
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = np.array(f(x), np.float64)  # a copy: f may return a view of its own buffer
        x[i] = old - h
        minus = np.array(f(x), np.float64)
        x[i] = old
        grad[i] = np.sum((plus - minus) * df) / (2 * h)
    return grad


# --8<-- [end:numerical]


def _float64_point(x, where):
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        given = f"an array of {x.dtype}" if isinstance(x, np.ndarray) else f"a {type(x).__name__}"
        raise TypeError(
            f"{where}: x must be a float64 ndarray (it is moved in place by h, and float32 is too "
            f"coarse for differences of 1e-5), but {given} was given. Pass x.astype(np.float64)."
        )
    return x


# --8<-- [start:vectors]
def dictionary_to_vector(parameters, keys=None):
    r"""Unroll named arrays into one column vector $\theta$.

    Parameters
    ----------
    parameters : dict
        Named arrays, e.g. `W1` (n[1], n[0]), `b1` (n[1], 1), ...
    keys : sequence of str, optional
        The order in which to stack them; default: the dict's own order
        (`W1, b1, W2, b2, ...` for the dicts dl_notes makes).

    Returns
    -------
    theta : ndarray, shape (n, 1)
        All entries, array after array, each flattened in row-major order.
    element_keys : list of str
        `n` names: the key each entry of `theta` came from.

    Examples
    --------
    >>> import numpy as np
    >>> parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[3.0]])}
    >>> theta, element_keys = dictionary_to_vector(parameters)
    >>> theta.ravel(), element_keys
    (array([1., 2., 3.]), ['W1', 'W1', 'b1'])
    """
    where = "dictionary_to_vector"
    keys = _keys(parameters, keys, "parameters", where)
    arrays = [as_array(parameters[k], k, where) for k in keys]
    theta = np.concatenate([a.reshape(-1, 1) for a in arrays]) if arrays else np.zeros((0, 1))
    element_keys = [k for k, a in zip(keys, arrays) for _ in range(a.size)]
    return theta, element_keys


def vector_to_dictionary(theta, shapes):
    r"""Roll a column vector back into named arrays: the inverse of `dictionary_to_vector`.

    Parameters
    ----------
    theta : ndarray, shape (n, 1)
    shapes : dict
        The shape of each array, in the order they were stacked:
        `{"W1": (5, 4), "b1": (5, 1), ...}`. A dict of arrays works too (their shapes are used),
        e.g. the `parameters` that were unrolled.

    Returns
    -------
    parameters : dict
        New arrays with the given shapes (copies, not views of `theta`).
    """
    where = "vector_to_dictionary"
    theta = as_array(theta, "theta", where)
    check_ndim(theta, 2, "theta", where, "(n, 1)")
    if not isinstance(shapes, dict):
        raise TypeError(
            f"{where}: shapes must be a dict of shapes or "
            f"arrays, but a {type(shapes).__name__} was given."
        )
    shapes = {k: tuple(np.shape(v)) if hasattr(v, "shape") else tuple(v) for k, v in shapes.items()}
    sizes = [int(np.prod(s)) for s in shapes.values()]
    if theta.shape != (sum(sizes), 1):
        raise ValueError(
            f"{where}: theta must have shape ({sum(sizes)}, 1) to fill shapes {shapes}, "
            f"but it has shape {theta.shape}."
        )
    parameters, start = {}, 0
    for (key, shape), size in zip(shapes.items(), sizes):
        parameters[key] = theta[start : start + size, 0].reshape(shape).copy()
        start += size
    return parameters


def gradients_to_vector(gradients, keys=None):
    r"""Unroll the gradients into one column vector, in the same order as the parameters.

    Parameters
    ----------
    gradients : dict
        `dW{l}`, `db{l}` (other entries such as `dA{l}` are ignored).
    keys : sequence of str, optional
        The *parameter* names, in the order used for `dictionary_to_vector` (e.g.
        `list(parameters)`); entry `"d" + key` is taken for each. Default:
        `W1, b1, W2, b2, ...` for every `dW{l}` in `gradients`.

    Returns
    -------
    grad : ndarray, shape (n, 1)
    """
    where = "gradients_to_vector"
    if not isinstance(gradients, dict):
        raise TypeError(
            f"{where}: gradients must be a dict, but a {type(gradients).__name__} was given."
        )
    if keys is None:
        L = sum(1 for k in gradients if k.startswith("dW") and k[2:].isdigit())
        keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    missing = [f"d{k}" for k in keys if f"d{k}" not in gradients]
    if missing:
        raise ValueError(f"{where}: gradients has no {missing}; it has keys {sorted(gradients)}.")
    return dictionary_to_vector(gradients, [f"d{k}" for k in keys])[0]


# --8<-- [end:vectors]


# --8<-- [start:gradient_check]
def forward_propagation_1d(x, theta):
    r"""The lab's one-dimensional "network": $J(\theta) = \theta x$.

    Parameters
    ----------
    x : float
    theta : float

    Returns
    -------
    J : float
    """
    return float(theta * x)


def backward_propagation_1d(x, theta):
    r"""Its derivative: $\dfrac{\partial J}{\partial \theta} = x$.

    Parameters
    ----------
    x : float
    theta : float

    Returns
    -------
    dtheta : float
    """
    return float(x)


def gradient_check(
    x,
    theta,
    epsilon=1e-7,
    print_msg=False,
    *,
    forward=forward_propagation_1d,
    backward=backward_propagation_1d,
):
    r"""Check the derivative of a function of one number $\theta$ by a centred difference.

    $$\text{gradapprox} = \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon},
    \qquad \text{difference} = \frac{\lvert \text{grad} - \text{gradapprox} \rvert}{\lvert
    \text{grad} \rvert + \lvert \text{gradapprox} \rvert}$$

    Parameters
    ----------
    x : float
        The input, passed through to `forward` and `backward`.
    theta : float
        The parameter at which the derivative is checked.
    epsilon : float, default 1e-7
    print_msg : bool, default False
        Print whether the check passed.
    forward : callable, keyword-only
        `forward(x, theta) -> J`; default $J = \theta x$.
    backward : callable, keyword-only
        `backward(x, theta) -> dJ/dtheta`; default $x$.

    Returns
    -------
    difference : float
        0 when both derivatives are 0.

    Examples
    --------
    >>> gradient_check(2.0, 4.0) < 1e-7
    True
    """
    check_positive(epsilon, "epsilon", "gradient_check")
    gradapprox = (forward(x, theta + epsilon) - forward(x, theta - epsilon)) / (2 * epsilon)
    grad = backward(x, theta)
    difference = _relative_difference(np.asarray(grad, float), np.asarray(gradapprox, float))
    if print_msg:
        _report(difference)
    return difference


def forward_propagation_n(X, Y, parameters):
    r"""Cost of the L-layer network (`[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`), for the N-D
    check.

    Built from [`l_model_forward`][dl_notes.deep_network.l_model_forward] and
    [`compute_cost`][dl_notes.losses.compute_cost]; the course's version is the
    three-layer network.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.

    Returns
    -------
    cost : float
        The cross-entropy cost $J$.
    cache : list of tuple
        The layer caches of `l_model_forward`.
    """
    AL, caches = l_model_forward(X, parameters)
    return compute_cost(AL, Y), caches


def backward_propagation_n(X, Y, cache):
    r"""Gradients of [`forward_propagation_n`][dl_notes.gradient_check.forward_propagation_n]'s
    cost.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    cache : list of tuple
        From `forward_propagation_n`.

    Returns
    -------
    gradients : dict
        `dW{l}`, `db{l}`, `dA{l-1}` for l = 1..L, as
        [`l_model_backward`][dl_notes.deep_network.l_model_backward] returns them.
    """
    AL = activation_forward(cache[-1][1], "sigmoid")[0]
    return l_model_backward(AL, Y, cache)


def gradient_check_n(
    parameters,
    gradients,
    X,
    Y,
    epsilon=1e-7,
    print_msg=False,
    *,
    cost_fn=forward_propagation_n,
    return_gradapprox=False,
):
    r"""Check every entry of a backward pass against centred differences of the cost.

    $$\text{gradapprox}[i] =
    \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon}, \qquad
    \text{difference} = \frac{\lVert \text{grad} - \text{gradapprox} \rVert_2}{\lVert \text{grad}
    \rVert_2 + \lVert \text{gradapprox} \rVert_2}$$

    The cost is any function of the parameters, so the check works for any model: pass
    its forward-and-cost function as `cost_fn`.

    Parameters
    ----------
    parameters : dict
        The point at which to check: `W1`, `b1`, ... (any named arrays).
    gradients : dict
        The backward pass's output at that point: `"d" + key` for every key of `parameters`.
    X : ndarray, shape (n_x, m)
        Passed through to `cost_fn`.
    Y : ndarray, shape (n_y, m)
        Passed through to `cost_fn`.
    epsilon : float, default 1e-7
    print_msg : bool, default False
        Print whether the check passed (threshold `THRESHOLD = 2e-7`).
    cost_fn : callable, keyword-only
        `cost_fn(X, Y, parameters)` returning the cost $J$, or a tuple whose first item is
        $J$ (as the course's `forward_propagation_n` returns `(cost, cache)`). Default:
        [`forward_propagation_n`][dl_notes.gradient_check.forward_propagation_n].
    return_gradapprox : bool, keyword-only, default False
        Also return the finite differences, to find which components disagree: roll
        `gradients_to_vector(gradients, list(parameters)) - gradapprox` back into named arrays with
        [`vector_to_dictionary`][dl_notes.gradient_check.vector_to_dictionary].

    Returns
    -------
    difference : float
        Below about 1e-7 for a correct backward pass (away from ReLU's kink).
    gradapprox : ndarray, shape (n, 1)
        Only when `return_gradapprox=True`: the centred differences, in the order of
        `dictionary_to_vector(parameters)`.
    """
    where = "gradient_check_n"
    check_positive(epsilon, "epsilon", where)
    keys = _keys(parameters, None, "parameters", where)
    theta, _ = dictionary_to_vector(parameters, keys)
    grad = gradients_to_vector(gradients, keys)
    shapes = {k: np.shape(parameters[k]) for k in keys}
    for k, shape in shapes.items():
        if np.shape(gradients["d" + k]) != shape:
            raise ValueError(
                f"{where}: gradients['d{k}'] has shape {np.shape(gradients['d' + k])} but "
                f"parameters['{k}'] has shape {shape}; each gradient must match its parameter."
            )

    def J(vector):
        out = cost_fn(X, Y, vector_to_dictionary(vector, shapes))
        return float(out[0] if isinstance(out, tuple) else out)

    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):  # one pair of forward passes per parameter: slow by nature
        theta_plus, theta_minus = theta.copy(), theta.copy()
        theta_plus[i, 0] += epsilon
        theta_minus[i, 0] -= epsilon
        gradapprox[i, 0] = (J(theta_plus) - J(theta_minus)) / (2 * epsilon)
    difference = _relative_difference(grad, gradapprox)
    if print_msg:
        _report(difference)
    return (difference, gradapprox) if return_gradapprox else difference


# --8<-- [end:gradient_check]


def _relative_difference(grad, gradapprox):  # the course's formula, with 0 for two zero vectors
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    return 0.0 if denominator == 0 else float(np.linalg.norm(grad - gradapprox) / denominator)


def _report(difference):
    if difference > THRESHOLD:
        print(
            f"Gradient check failed: difference = {difference:.3e} > "
            f"{THRESHOLD:g}; the backward pass probably has a mistake."
        )
    else:
        print(f"Gradient check passed: difference = {difference:.3e} <= {THRESHOLD:g}.")


def _keys(parameters, keys, name, where):
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: {name} must be a dict of arrays, "
            f"but a {type(parameters).__name__} was given."
        )
    keys = list(parameters) if keys is None else list(keys)
    missing = [k for k in keys if k not in parameters]
    if missing:
        raise ValueError(f"{where}: {name} has no {missing}; it has keys {sorted(parameters)}.")
    return keys
