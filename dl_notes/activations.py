r"""Activation functions, their derivatives, and forward/backward pairs.

Taught in: Course 1, [week 2](../../course1/week2.md) (sigmoid),
[week 3](../../course1/week3.md) (tanh, ReLU, leaky ReLU and their derivatives) and
[week 4](../../course1/week4.md) (the forward/backward blocks); the row-wise softmax
is the W2A1 exercise.

Each activation $g$ comes in three forms:

- `g(Z)`: the plain function, elementwise on an array of any shape;
- `g_derivative(Z)`: $g'(Z)$, elementwise;
- `g_backward(dA, cache)`: the backward step of a layer, $dZ = dA * g'(Z)$, where
  `cache` is the `Z` that the forward pass kept.

`activation_forward` and `activation_backward` pick an activation by name
(`"sigmoid"`, `"tanh"`, `"relu"`, `"leaky_relu"`, `"softmax"`, `"linear"`), which is
how the dense layers in [`dl_notes.deep_network`][dl_notes.deep_network] use them.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import as_array, check_choice, check_same_shape

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_backward",
    "tanh",
    "tanh_derivative",
    "tanh_backward",
    "relu",
    "relu_derivative",
    "relu_backward",
    "leaky_relu",
    "leaky_relu_derivative",
    "leaky_relu_backward",
    "softmax",
    "softmax_backward",
    "ACTIVATIONS",
    "activation_forward",
    "activation_backward",
]


# --8<-- [start:sigmoid]
def sigmoid(Z):
    r"""Logistic sigmoid, elementwise: $\sigma(z) = \dfrac{1}{1 + e^{-z}}$.

    Parameters
    ----------
    Z : ndarray, any shape
        Pre-activations (or any real numbers).

    Returns
    -------
    A : ndarray, same shape as `Z`
        Values in $(0, 1)$.

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(np.array([-1.0, 0.0, 1.0])).round(4)
    array([0.2689, 0.5   , 0.7311])
    """
    return _sigmoid(as_array(Z, "Z", "sigmoid"))


def _sigmoid(Z):
    """The sigmoid of an array already checked."""
    # departs from the lecture's 1 / (1 + exp(-z)): written
    # with exp(-|z|) so that large |z| cannot overflow
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + E), E / (1 + E))


def sigmoid_derivative(Z):
    r"""Derivative of the sigmoid: $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$.

    Parameters
    ----------
    Z : ndarray, any shape

    Returns
    -------
    ndarray, same shape as `Z`
        Values in $(0, 0.25]$; the maximum 0.25 is reached at $z = 0$.
    """
    return _sigmoid_derivative(as_array(Z, "Z", "sigmoid"))


def _sigmoid_derivative(Z):
    s = _sigmoid(Z)
    return s * (1 - s)


# --8<-- [end:sigmoid]


def tanh(Z):
    r"""Hyperbolic tangent, elementwise: $\tanh(z) = \dfrac{e^z - e^{-z}}{e^z + e^{-z}}$.

    Parameters
    ----------
    Z : ndarray, any shape

    Returns
    -------
    A : ndarray, same shape as `Z`
        Values in $(-1, 1)$, centred on 0.
    """
    return np.tanh(as_array(Z, "Z", "tanh"))


def _tanh_derivative(Z):
    return 1 - np.tanh(Z) ** 2


def tanh_derivative(Z):
    r"""Derivative of tanh: $\tanh'(z) = 1 - \tanh^2(z)$.

    Parameters
    ----------
    Z : ndarray, any shape

    Returns
    -------
    ndarray, same shape as `Z`
    """
    return _tanh_derivative(as_array(Z, "Z", "tanh"))


def relu(Z):
    r"""Rectified linear unit, elementwise: $\mathrm{ReLU}(z) = \max(0, z)$.

    Parameters
    ----------
    Z : ndarray, any shape

    Returns
    -------
    A : ndarray, same shape as `Z`
    """
    return _relu(as_array(Z, "Z", "relu"))


def _relu(Z):
    return np.maximum(0, Z)


def relu_derivative(Z):
    r"""Derivative of ReLU: $1$ where $z > 0$, else $0$ (we take $0$ at the kink $z = 0$).

    Parameters
    ----------
    Z : ndarray, any shape

    Returns
    -------
    ndarray, same shape as `Z`
    """
    return _relu_derivative(as_array(Z, "Z", "relu_derivative"))


def _relu_derivative(Z):
    return (Z > 0).astype(Z.dtype)  # float32 stays float32 (Course 4 layers)


def leaky_relu(Z, alpha=0.01):
    r"""Leaky ReLU, elementwise: $z$ where $z > 0$, else $\alpha z$.

    Parameters
    ----------
    Z : ndarray, any shape
    alpha : float, default 0.01
        Slope for negative inputs.

    Returns
    -------
    A : ndarray, same shape as `Z`
    """
    return _leaky_relu(as_array(Z, "Z", "leaky_relu"), alpha)


def _leaky_relu(Z, alpha=0.01):
    return np.where(Z > 0, Z, alpha * Z)


def leaky_relu_derivative(Z, alpha=0.01):
    r"""Derivative of leaky ReLU: $1$ where $z > 0$, else $\alpha$.

    Parameters
    ----------
    Z : ndarray, any shape
    alpha : float, default 0.01

    Returns
    -------
    ndarray, same shape as `Z`
    """
    return _leaky_relu_derivative(as_array(Z, "Z", "leaky_relu_derivative"), alpha)


def _leaky_relu_derivative(Z, alpha=0.01):
    return np.where(Z > 0, 1.0, alpha)


def softmax(Z, axis=0):
    r"""Softmax along `axis`: $\mathrm{softmax}(z)_i = \dfrac{e^{z_i}}{\sum_j e^{z_j}}$.

    The course's notation keeps examples in columns, so the default normalises each
    column (`axis=0`). The W2A1 exercise normalises each *row* of an `(m, n)` matrix:
    call `softmax(x, axis=1)` for that.

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Scores; each column (for `axis=0`) is one example.
    axis : int, default 0
        The axis that sums to one.

    Returns
    -------
    A : ndarray, same shape as `Z`
        Positive, and summing to 1 along `axis`.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([[1.0, 2.0], [1.0, 0.0]])).round(3)
    array([[0.5  , 0.881],
           [0.5  , 0.119]])
    """
    Z = as_array(Z, "Z", "softmax")
    if Z.ndim == 0 or not -Z.ndim <= axis < Z.ndim:
        raise ValueError(
            f"softmax: axis={axis} is out of range for Z with shape {Z.shape}; "
            f"use an axis between {-max(Z.ndim, 1)} and {max(Z.ndim, 1) - 1}."
        )
    return _softmax(Z, axis)


def _softmax(Z, axis=0):
    """Softmax of an array already checked."""
    # departs from the lecture's e^z / sum(e^z): subtracting the maximum changes nothing
    # mathematically and prevents overflow
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


# --8<-- [start:backward]
def sigmoid_backward(dA, cache):
    r"""Backward step through a sigmoid layer: $dZ = dA * \sigma'(Z)$.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
        Gradient of the cost with respect to the activation $A = \sigma(Z)$.
    cache : ndarray, shape (n[l], m)
        `Z`, as kept by the forward pass.

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    """
    dA, Z = _backward_inputs(dA, cache, "sigmoid_backward")
    return _sigmoid_backward(dA, Z)


def _sigmoid_backward(dA, Z):
    return dA * _sigmoid_derivative(Z)


def relu_backward(dA, cache):
    r"""Backward step through a ReLU layer: $dZ = dA * \mathbb{1}[Z > 0]$.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
    cache : ndarray, shape (n[l], m)
        `Z`, as kept by the forward pass.

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    """
    dA, Z = _backward_inputs(dA, cache, "relu_backward")
    return _relu_backward(dA, Z)


def _relu_backward(dA, Z):
    return dA * _relu_derivative(Z)


# --8<-- [end:backward]


def tanh_backward(dA, cache):
    r"""Backward step through a tanh layer: $dZ = dA * (1 - \tanh^2 Z)$.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
    cache : ndarray, shape (n[l], m)
        `Z`, as kept by the forward pass.

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    """
    dA, Z = _backward_inputs(dA, cache, "tanh_backward")
    return _tanh_backward(dA, Z)


def _tanh_backward(dA, Z):
    return dA * _tanh_derivative(Z)


def leaky_relu_backward(dA, cache, alpha=0.01):
    r"""Backward step through a leaky-ReLU layer: $dZ = dA * g'(Z)$ with slope `alpha` below 0.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
    cache : ndarray, shape (n[l], m)
        `Z`, as kept by the forward pass.
    alpha : float, default 0.01

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    """
    dA, Z = _backward_inputs(dA, cache, "leaky_relu_backward")
    return _leaky_relu_backward(dA, Z, alpha)


def _leaky_relu_backward(dA, Z, alpha=0.01):
    return dA * _leaky_relu_derivative(Z, alpha)


def softmax_backward(dA, cache):
    r"""Backward step through a column-wise softmax.

    Each column $a = \mathrm{softmax}(z)$ has Jacobian $\partial a_i / \partial z_j =
    a_i(\delta_{ij} - a_j)$, so $dz = a * (da - \sum_i a_i\, da_i)$. (Followed by the
    cross-entropy cost this simplifies to $dZ = A - Y$; this general form works for any
    upstream gradient.)

    Parameters
    ----------
    dA : ndarray, shape (n[L], m)
    cache : ndarray, shape (n[L], m)
        `Z`, as kept by the forward pass.

    Returns
    -------
    dZ : ndarray, shape (n[L], m)
    """
    dA, Z = _backward_inputs(dA, cache, "softmax_backward")
    return _softmax_backward(dA, Z)


def _softmax_backward(dA, Z):
    A = _softmax(Z, axis=0)
    return A * (dA - np.sum(A * dA, axis=0, keepdims=True))


def _linear(Z):
    return as_array(Z, "Z", "linear")


def _linear_backward(dA, cache):
    dA, _ = _backward_inputs(dA, cache, "linear_backward")
    return dA


def _identity(Z):
    return Z


def _identity_backward(dA, Z):
    return dA


def _backward_inputs(dA, cache, where):
    dA = as_array(dA, "dA", where)
    Z = as_array(cache, "cache (Z)", where)
    check_same_shape(dA, Z, ("dA", "the cached Z"), where)
    return dA, Z


#: The activations known by name: `name -> (forward, backward)`.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "tanh": (tanh, tanh_backward),
    "relu": (relu, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_backward),
    "softmax": (softmax, softmax_backward),
    "linear": (_linear, _linear_backward),
}

# The same, unchecked: `name -> (g(Z), backward(dA, Z))` for arrays already checked.
_KERNELS = {
    "sigmoid": (_sigmoid, _sigmoid_backward),
    "tanh": (np.tanh, _tanh_backward),
    "relu": (_relu, _relu_backward),
    "leaky_relu": (_leaky_relu, _leaky_relu_backward),
    "softmax": (_softmax, _softmax_backward),
    "linear": (_identity, _identity_backward),
}


def activation_forward(Z, activation):
    r"""Apply the activation called `activation` and keep what its backward step needs.

    Parameters
    ----------
    Z : ndarray, shape (n[l], m)
    activation : str
        One of `"sigmoid"`, `"tanh"`, `"relu"`, `"leaky_relu"`, `"softmax"`, `"linear"`.

    Returns
    -------
    A : ndarray, shape (n[l], m)
        $g(Z)$.
    cache : ndarray, shape (n[l], m)
        `Z` itself.

    Raises
    ------
    ValueError
        If `activation` is not one of the names above.
    """
    _check_activation(activation, "activation_forward")
    Z = as_array(Z, "Z", "activation_forward")
    return _activation_forward(Z, activation)


def _activation_forward(Z, activation):
    """`activation_forward` without the checks."""
    return _KERNELS[activation][0](Z), Z


def activation_backward(dA, cache, activation):
    r"""Backward step of the activation called `activation`: $dZ = dA * g'(Z)$.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
    cache : ndarray, shape (n[l], m)
        `Z`, as returned by [`activation_forward`][dl_notes.activations.activation_forward].
    activation : str
        The same name that was given to the forward pass.

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    """
    _check_activation(activation, "activation_backward")
    dA, Z = _backward_inputs(dA, cache, f"{activation}_backward")
    return _activation_backward(dA, Z, activation)


def _activation_backward(dA, Z, activation):
    """`activation_backward` without the checks."""
    return _KERNELS[activation][1](dA, Z)


def _check_activation(activation, where):
    """Raise `ValueError` unless `activation` is one of the names of `ACTIVATIONS`."""
    check_choice(activation, tuple(ACTIVATIONS), "activation", where)
