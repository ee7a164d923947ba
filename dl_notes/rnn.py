r"""Recurrent layers in NumPy: the RNN, LSTM and GRU cells, forward and backward through time.

Taught in: Course 5, [week 1](../../course5/week1.md) (the RNN forward pass,
backpropagation through time, vanishing gradients, the GRU and the LSTM) and its first lab,
[W1A1 · Building an RNN step by step](../../course5/labs/w1a1-building-an-rnn-step-by-step.ipynb).

The course's shapes: one time step of input `xt` is $(n_x, m)$, a whole sequence `x` is
$(n_x, m, T_x)$, a hidden state is $(n_a, m)$ and all of them `a` is $(n_a, m, T_x)$. The
examples are the *columns*, as in Course 1, so every cell is vectorised over the batch and
only time is a Python loop (step $t$ needs step $t - 1$).

| cell | parameters (the course's keys) | shapes |
|---|---|---|
| RNN | `Wax`, `Waa`, `ba` | $(n_a, n_x)$, $(n_a, n_a)$, $(n_a, 1)$ |
| LSTM | `Wf`, `Wi`, `Wc`, `Wo`; `bf`, `bi`, `bc`, `bo` | $(n_a, n_a + n_x)$; $(n_a, 1)$ |
| GRU | `Wu`, `Wr`, `Wc`; `bu`, `br`, `bc` | $(n_a, n_a + n_x)$; $(n_a, 1)$ |
| output layer | `Wya` (RNN) or `Wy`, and `by` | $(n_y, n_a)$, $(n_y, 1)$ |

The RNN computes $a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax}
x^{\langle t \rangle} + b_a)$; the LSTM's and the GRU's gates act on the hidden state
stacked on the input, $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ (their equations
are in `lstm_cell_forward` and `gru_cell_forward`).
Every cell also predicts $\hat y^{\langle t \rangle} = \mathrm{softmax}(W_{y} a^{\langle t
\rangle} + b_y)$, as the course's cells do.

**What the backward passes compute (the course's contract).** The course's backward passes
start at the hidden states, not at the loss: they leave out the output layer
(`Wya`/`Wy`, `by` and the softmax), whose gradient is assumed computed elsewhere.
`da[:, :, t]` is the gradient of the loss with respect to $a^{\langle t \rangle}$ through
that step's *own* output only; the backward pass adds the part that comes back from step
$t + 1$. So `rnn_backward(da, caches)` returns the exact gradients of any loss $L$ whose
direct derivatives $\partial L / \partial a^{\langle t \rangle}$ are `da[:, :, t]`,
for example the linear $L = \sum_t \sum_{i,j} da_{ij}^{\langle t \rangle}
a_{ij}^{\langle t \rangle}$ the tests differentiate. For the LSTM, `da` carries only
hidden-state gradients: the loss reaches the cell states $c^{\langle t \rangle}$ only
through the hidden states, so `lstm_backward` starts the cell-state gradient at zero, and
returns no `dc0` (the course's `lstm_forward` starts from $c^{\langle 0 \rangle} = 0$).
No gradient is divided by $m$: as the course says, the loss is assumed already averaged.
The course's first `lstm_backward` passed only `da[:, :, t]` to each step and dropped the
gradient coming back through $a^{\langle t \rangle}$ from step $t + 1$; later versions, and
this one, pass `da[:, :, t] + da_prevt`.

**The same layers in Keras.** [`to_keras_weights`][dl_notes.rnn.to_keras_weights] turns the
course's parameters into the list `layer.set_weights` takes; the tests check that
`SimpleRNN`, `LSTM` and `GRU` layers (with `return_sequences=True`) then give the same
hidden states.

- Keras keeps the examples in rows, `(m, T_x, n_x)`, and has two matrices per layer: the
  `kernel` acting on $x^{\langle t \rangle}$ and the `recurrent_kernel` acting on
  $a^{\langle t-1 \rangle}$, both transposed against the course (`x @ kernel`). For the
  RNN: `kernel = Wax.T`, `recurrent_kernel = Waa.T`, `bias = ba[:, 0]`.
- The LSTM stacks its four gates side by side in the order **i, f, c, o**: `kernel` is
  $(n_x, 4 n_a)$ with `kernel[:, :n_a] = Wi[:, n_a:].T`, `kernel[:, n_a:2n_a] = Wf[:, n_a:].T`
  and so on, and `recurrent_kernel` takes the first $n_a$ columns, `Wi[:, :n_a].T`, ...
  (the course concatenates $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, hidden state
  first). Keras's defaults match the course's activations (tanh, and a sigmoid for the gates).
- The GRU stacks **z, r, h**, and Keras's update gate $z$ keeps the *old* state:
  $h_t = z \odot h_{t-1} + (1 - z) \odot \tilde h$, where the lecture's $\Gamma_u$ lets the
  *new* one in. Since $1 - \sigma(s) = \sigma(-s)$, Keras's $z$ is the lecture's
  $1 - \Gamma_u$ exactly when its weights and bias are $-W_u$, $-b_u$.
- Keras's GRU defaults to `reset_after=True`, $\tilde h = \tanh(W_h x + r \odot (U_h h + b_{rec}))$:
  the reset gate scales the recurrent product *after* the matrix multiply (the cuDNN
  variant, with a second recurrent bias). The lecture resets *before* it,
  $\tilde c = \tanh(W_c [\Gamma_r \odot a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_c)$,
  which is Keras's `reset_after=False`. The two are different functions (they agree
  only when $\Gamma_r = 1$ or the recurrent weights are 0), so the parity test uses
  `reset_after=False`, and a second test shows `reset_after=True` gives other numbers.

**The vanishing-gradient experiment.**
[`gradient_norms_through_time`][dl_notes.rnn.gradient_norms_through_time] runs the backward
passes above from a loss at the last step and records
$\lVert \partial L / \partial a^{\langle t \rangle} \rVert$ at every earlier step;
[`plot_gradient_norms_through_time`][dl_notes.rnn.plot_gradient_norms_through_time] draws it.
The chapter's diagrams are drawn by [`plot_unrolled_rnn`][dl_notes.rnn.plot_unrolled_rnn] (the
RNN unrolled over time, with backpropagation through time) and
[`plot_gated_cell`][dl_notes.rnn.plot_gated_cell] (the LSTM's and the GRU's gates).

Every public function checks its inputs once, at the front (shapes, missing keys) and then
calls unchecked kernels (`_rnn_cell_forward`, ...), so the loop over time pays for no checks.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dl_notes._checks import as_array, as_rng, check_choice, check_positive
from dl_notes.activations import _sigmoid, _softmax

__all__ = [
    "initialize_rnn_parameters",
    "initialize_lstm_parameters",
    "initialize_gru_parameters",
    "rnn_cell_forward",
    "rnn_forward",
    "rnn_cell_backward",
    "rnn_backward",
    "lstm_cell_forward",
    "lstm_forward",
    "lstm_cell_backward",
    "lstm_backward",
    "gru_cell_forward",
    "gru_forward",
    "gru_cell_backward",
    "gru_backward",
    "to_keras_weights",
    "gradient_norms_through_time",
    "plot_gradient_norms_through_time",
    "plot_unrolled_rnn",
    "plot_gated_cell",
]

#: The course's parameter keys for each cell.
RNN_KEYS = ("Wax", "Waa", "Wya", "ba", "by")
LSTM_KEYS = ("Wf", "bf", "Wi", "bi", "Wc", "bc", "Wo", "bo", "Wy", "by")
GRU_KEYS = ("Wu", "bu", "Wr", "br", "Wc", "bc", "Wy", "by")
_KEYS = {"rnn": RNN_KEYS, "lstm": LSTM_KEYS, "gru": GRU_KEYS}
_GATES = {"lstm": ("f", "i", "c", "o"), "gru": ("u", "r", "c")}


# --- parameters ------------------------------------------------------------------------


def _init(shapes, seed, where):
    """Gaussian weights with variance 1 / (number of columns) (Xavier), zero biases."""
    rng = as_rng(seed, where)
    return {
        key: rng.standard_normal(shape) / np.sqrt(shape[1]) if key[0] == "W" else np.zeros(shape)
        for key, shape in shapes.items()
    }


def _dims(n_a, n_x, n_y, where):
    for name, n in (("n_a", n_a), ("n_x", n_x), ("n_y", n_y)):
        check_positive(n, name, where, integer=True)
    return int(n_a), int(n_x), int(n_y)


def initialize_rnn_parameters(n_a, n_x, n_y, seed=None):
    r"""Random parameters of an RNN cell: the course's keys `Wax, Waa, Wya, ba, by`.

    Weights are drawn from $\mathcal N(0, 1/n_{in})$ with $n_{in}$ the number of columns
    (Xavier initialisation); biases are zero.

    Parameters
    ----------
    n_a : int
        Number of hidden units.
    n_x : int
        Size of an input vector $x^{\langle t \rangle}$.
    n_y : int
        Size of an output vector $\hat y^{\langle t \rangle}$.
    seed : int, numpy.random.Generator or None, default None

    Returns
    -------
    parameters : dict
        `Wax` $(n_a, n_x)$, `Waa` $(n_a, n_a)$, `Wya` $(n_y, n_a)$, `ba` $(n_a, 1)$,
        `by` $(n_y, 1)$.
    """
    n_a, n_x, n_y = _dims(n_a, n_x, n_y, "initialize_rnn_parameters")
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1)}
    return _init({**shapes, "by": (n_y, 1)}, seed, "initialize_rnn_parameters")


def initialize_lstm_parameters(n_a, n_x, n_y, seed=None, forget_bias=1.0):
    r"""Random parameters of an LSTM cell, with the course's keys `Wf, bf, ..., Wy, by`.

    Weights from $\mathcal N(0, 1/n_{in})$, biases zero except the forget gate's, set to
    `forget_bias` (Keras's `unit_forget_bias=True` sets 1): a cell that starts by keeping
    its memory, $\Gamma_f \approx \sigma(1) = 0.73$.

    Parameters
    ----------
    n_a : int
        Number of hidden units.
    n_x : int
        Size of an input vector.
    n_y : int
        Size of an output vector.
    seed : int, numpy.random.Generator or None, default None
    forget_bias : float, default 1.0
        The initial value of every entry of `bf`.

    Returns
    -------
    parameters : dict
        `Wf`, `Wi`, `Wc`, `Wo` $(n_a, n_a + n_x)$ acting on $[a^{\langle t-1 \rangle};
        x^{\langle t \rangle}]$; `bf`, `bi`, `bc`, `bo` $(n_a, 1)$; `Wy` $(n_y, n_a)$;
        `by` $(n_y, 1)$.
    """
    n_a, n_x, n_y = _dims(n_a, n_x, n_y, "initialize_lstm_parameters")
    shapes = {}
    for g in _GATES["lstm"]:
        shapes[f"W{g}"], shapes[f"b{g}"] = (n_a, n_a + n_x), (n_a, 1)
    shapes["Wy"], shapes["by"] = (n_y, n_a), (n_y, 1)
    parameters = _init(shapes, seed, "initialize_lstm_parameters")
    parameters["bf"] += float(forget_bias)
    return parameters


def initialize_gru_parameters(n_a, n_x, n_y, seed=None):
    r"""Random parameters of the lecture's GRU cell: `Wu, bu, Wr, br, Wc, bc, Wy, by`.

    Weights from $\mathcal N(0, 1/n_{in})$, biases zero.

    Parameters
    ----------
    n_a : int
        Number of hidden units.
    n_x : int
        Size of an input vector.
    n_y : int
        Size of an output vector.
    seed : int, numpy.random.Generator or None, default None

    Returns
    -------
    parameters : dict
        `Wu`, `Wr`, `Wc` $(n_a, n_a + n_x)$; `bu`, `br`, `bc` $(n_a, 1)$; `Wy` $(n_y, n_a)$;
        `by` $(n_y, 1)$.
    """
    n_a, n_x, n_y = _dims(n_a, n_x, n_y, "initialize_gru_parameters")
    shapes = {}
    for g in _GATES["gru"]:
        shapes[f"W{g}"], shapes[f"b{g}"] = (n_a, n_a + n_x), (n_a, 1)
    shapes["Wy"], shapes["by"] = (n_y, n_a), (n_y, 1)
    return _init(shapes, seed, "initialize_gru_parameters")


# --- the basic RNN ---------------------------------------------------------------------


# --8<-- [start:rnn_cell_forward]
def rnn_cell_forward(xt, a_prev, parameters):
    r"""One time step of the basic RNN cell.

    $$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle}
    + b_a), \qquad \hat y^{\langle t \rangle} = \mathrm{softmax}(W_{ya} a^{\langle t \rangle}
    + b_y).$$

    Parameters
    ----------
    xt : ndarray, shape (n_x, m)
        The input at time step $t$, one column per example.
    a_prev : ndarray, shape (n_a, m)
        The hidden state at time step $t - 1$.
    parameters : dict
        `Wax` $(n_a, n_x)$, `Waa` $(n_a, n_a)$, `Wya` $(n_y, n_a)$, `ba` $(n_a, 1)$,
        `by` $(n_y, 1)$.

    Returns
    -------
    a_next : ndarray, shape (n_a, m)
        The hidden state $a^{\langle t \rangle}$.
    yt_pred : ndarray, shape (n_y, m)
        The prediction $\hat y^{\langle t \rangle}$; each column sums to 1.
    cache : tuple
        `(a_next, a_prev, xt, parameters)`, for `rnn_cell_backward`.
    """
    where = "rnn_cell_forward"
    parameters, (n_a, n_x, _) = _check_parameters(parameters, "rnn", where)
    xt, a_prev = _check_step(xt, a_prev, n_x, n_a, "rnn", where)
    return _rnn_cell_forward(xt, a_prev, parameters)


def _rnn_cell_forward(xt, a_prev, parameters):
    Wax, Waa, Wya = parameters["Wax"], parameters["Waa"], parameters["Wya"]
    ba, by = parameters["ba"], parameters["by"]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)  # (n_a, m)
    yt_pred = _softmax(Wya @ a_next + by)  # (n_y, m)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


# --8<-- [end:rnn_cell_forward]


# --8<-- [start:rnn_forward]
def rnn_forward(x, a0, parameters):
    r"""The basic RNN over a whole sequence: `rnn_cell_forward` at each of the $T_x$ steps.

    The same parameters serve every step; step $t$ starts from the hidden state of step
    $t - 1$, and step 1 from `a0`.

    Parameters
    ----------
    x : ndarray, shape (n_x, m, T_x)
        The inputs at every time step.
    a0 : ndarray, shape (n_a, m)
        The initial hidden state $a^{\langle 0 \rangle}$.
    parameters : dict
        `Wax`, `Waa`, `Wya`, `ba`, `by`, as for `rnn_cell_forward`.

    Returns
    -------
    a : ndarray, shape (n_a, m, T_x)
        The hidden states $a^{\langle 1 \rangle}, \dots, a^{\langle T_x \rangle}$.
    y_pred : ndarray, shape (n_y, m, T_x)
        The predictions at every step.
    caches : tuple
        `(list of the T_x caches of rnn_cell_forward, x)`, for `rnn_backward`.
    """
    where = "rnn_forward"
    parameters, (n_a, n_x, n_y) = _check_parameters(parameters, "rnn", where)
    x, a0 = _check_sequence(x, a0, n_x, n_a, where)
    return _rnn_forward(x, a0, parameters)


def _rnn_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):  # the only loop: step t needs a^<t-1>
        a_next, yt_pred, cache = _rnn_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    caches = (caches, x)
    return a, y_pred, caches


# --8<-- [end:rnn_forward]


# --8<-- [start:rnn_cell_backward]
def rnn_cell_backward(da_next, cache):
    r"""Backward pass of one RNN step, from $da_{next}$, the gradient at $a^{\langle t \rangle}$.

    With $dz = da_{next} * (1 - (a^{\langle t \rangle})^2)$, the derivative through the tanh,

    $$dW_{ax} = dz\, x^{\langle t \rangle T}, \quad dW_{aa} = dz\, a^{\langle t-1 \rangle T},
    \quad db_a = \textstyle\sum_{batch} dz, \quad dx^{\langle t \rangle} = W_{ax}^T dz,
    \quad da_{prev} = W_{aa}^T dz .$$

    As in the course, the output layer is left out: `da_next` already holds everything the
    loss sends to $a^{\langle t \rangle}$ (through $\hat y^{\langle t \rangle}$ and through
    later steps), and no `dWya`, `dby` are returned.

    Parameters
    ----------
    da_next : ndarray, shape (n_a, m)
        Gradient of the loss with respect to $a^{\langle t \rangle}$.
    cache : tuple
        `(a_next, a_prev, xt, parameters)` from `rnn_cell_forward`.

    Returns
    -------
    gradients : dict
        `dxt` $(n_x, m)$, `da_prev` $(n_a, m)$, `dWax` $(n_a, n_x)$, `dWaa` $(n_a, n_a)$,
        `dba` $(n_a, 1)$.
    """
    da_next, cache = _check_cell_backward(da_next, cache, "rnn", "rnn_cell_backward")
    return _rnn_cell_backward(da_next, cache)


def _rnn_cell_backward(da_next, cache):
    (a_next, a_prev, xt, parameters) = cache
    Wax, Waa = parameters["Wax"], parameters["Waa"]
    dtanh = (1 - a_next**2) * da_next  # the course's dtanh, (n_a, m)
    dxt = Wax.T @ dtanh  # (n_x, m)
    dWax = dtanh @ xt.T  # (n_a, n_x)
    da_prev = Waa.T @ dtanh  # (n_a, m)
    dWaa = dtanh @ a_prev.T  # (n_a, n_a)
    dba = np.sum(dtanh, axis=1, keepdims=True)  # (n_a, 1)
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


# --8<-- [end:rnn_cell_backward]


# --8<-- [start:rnn_backward]
def rnn_backward(da, caches):
    r"""Backpropagation through time for the basic RNN.

    Walks the steps backwards. At step $t$ the gradient reaching $a^{\langle t \rangle}$ is
    its own `da[:, :, t]` plus `da_prevt`, what step $t + 1$ sent back; `rnn_cell_backward`
    turns it into this step's share of the parameter gradients, which add up over the
    steps (the same weights serve every step), and into the next `da_prevt`.

    Parameters
    ----------
    da : ndarray, shape (n_a, m, T_x)
        The direct ("upstream") gradients of the loss with respect to each hidden state,
        without what comes back through later steps (see the module's docstring).
    caches : tuple
        `(list of caches, x)` from `rnn_forward`.

    Returns
    -------
    gradients : dict
        `dx` $(n_x, m, T_x)$, `da0` $(n_a, m)$, `dWax` $(n_a, n_x)$, `dWaa` $(n_a, n_a)$,
        `dba` $(n_a, 1)$.
    """
    da, caches = _check_backward(da, caches, "rnn", "rnn_backward")
    return _rnn_backward(da, caches)


def _rnn_backward(da, caches):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        gradients = _rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        da_prevt = gradients["da_prev"]
        dx[:, :, t] = gradients["dxt"]
        dWax += gradients["dWax"]
        dWaa += gradients["dWaa"]
        dba += gradients["dba"]
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}


# --8<-- [end:rnn_backward]


# --- the LSTM --------------------------------------------------------------------------


# --8<-- [start:lstm_cell_forward]
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    r"""One time step of the LSTM cell.

    With $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ the hidden state stacked on the input,

    $$\begin{aligned}
    \Gamma_f &= \sigma(W_f [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f), &
    \Gamma_i &= \sigma(W_i [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_i), \\
    \tilde c^{\langle t \rangle} &= \tanh(W_c [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]
    + b_c), &
    \Gamma_o &= \sigma(W_o [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_o), \\
    c^{\langle t \rangle} &= \Gamma_f * c^{\langle t-1 \rangle}
    + \Gamma_i * \tilde c^{\langle t \rangle}, &
    a^{\langle t \rangle} &= \Gamma_o * \tanh(c^{\langle t \rangle}),
    \end{aligned}$$

    and $\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$.
    The lecture calls the update gate $\Gamma_u$; the code, like the course's, says `Wi`,
    `bi`, `it`.

    Parameters
    ----------
    xt : ndarray, shape (n_x, m)
        The input at time step $t$.
    a_prev : ndarray, shape (n_a, m)
        The hidden state at $t - 1$.
    c_prev : ndarray, shape (n_a, m)
        The cell state (the memory) at $t - 1$.
    parameters : dict
        `Wf`, `Wi`, `Wc`, `Wo` $(n_a, n_a + n_x)$, `bf`, `bi`, `bc`, `bo` $(n_a, 1)$,
        `Wy` $(n_y, n_a)$, `by` $(n_y, 1)$.

    Returns
    -------
    a_next : ndarray, shape (n_a, m)
    c_next : ndarray, shape (n_a, m)
    yt_pred : ndarray, shape (n_y, m)
    cache : tuple
        `(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)`, the course's
        cache (`cct` is $\tilde c^{\langle t \rangle}$).
    """
    where = "lstm_cell_forward"
    parameters, (n_a, n_x, _) = _check_parameters(parameters, "lstm", where)
    xt, a_prev = _check_step(xt, a_prev, n_x, n_a, "lstm", where)
    c_prev = _check_c_prev(c_prev, a_prev, where)
    return _lstm_cell_forward(xt, a_prev, c_prev, parameters)


def _lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf, bf, Wi, bi = parameters["Wf"], parameters["bf"], parameters["Wi"], parameters["bi"]
    Wc, bc, Wo, bo = parameters["Wc"], parameters["bc"], parameters["Wo"], parameters["bo"]
    Wy, by = parameters["Wy"], parameters["by"]
    concat = np.concatenate([a_prev, xt])  # (n_a + n_x, m)
    ft = _sigmoid(Wf @ concat + bf)  # forget gate, (n_a, m)
    it = _sigmoid(Wi @ concat + bi)  # update gate (the lecture's Gamma_u)
    cct = np.tanh(Wc @ concat + bc)  # candidate value, c tilde
    c_next = ft * c_prev + it * cct
    ot = _sigmoid(Wo @ concat + bo)  # output gate
    a_next = ot * np.tanh(c_next)
    yt_pred = _softmax(Wy @ a_next + by)  # (n_y, m)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


# --8<-- [end:lstm_cell_forward]


# --8<-- [start:lstm_forward]
def lstm_forward(x, a0, parameters):
    r"""An LSTM over a whole sequence: `lstm_cell_forward` at each of the $T_x$ steps.

    The hidden state starts at `a0` and, as in the course, the cell state at
    $c^{\langle 0 \rangle} = 0$.

    The loop calls the cell once per step, as the course does, with one change for speed:
    the four gates' weights are stacked into one matrix before the loop, so each step makes
    one matrix product instead of four, and the input's share of every step,
    $W x^{\langle t \rangle}$, is one product for all the steps at once (it does not
    depend on the recurrence). Same numbers as calling `lstm_cell_forward` $T_x$ times; a
    test holds them equal.

    Parameters
    ----------
    x : ndarray, shape (n_x, m, T_x)
        The inputs at every time step.
    a0 : ndarray, shape (n_a, m)
        The initial hidden state.
    parameters : dict
        `Wf, bf, Wi, bi, Wc, bc, Wo, bo, Wy, by`, as for `lstm_cell_forward`.

    Returns
    -------
    a : ndarray, shape (n_a, m, T_x)
        The hidden states.
    y : ndarray, shape (n_y, m, T_x)
        The predictions.
    c : ndarray, shape (n_a, m, T_x)
        The cell states.
    caches : tuple
        `(list of the T_x caches of lstm_cell_forward, x)`, for `lstm_backward`.
    """
    where = "lstm_forward"
    parameters, (n_a, n_x, n_y) = _check_parameters(parameters, "lstm", where)
    x, a0 = _check_sequence(x, a0, n_x, n_a, where)
    return _lstm_forward(x, a0, parameters)


def _lstm_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    # departs from the course's loop (the same numbers, faster): the gates f, i, c, o stacked
    W = np.concatenate([parameters[k] for k in ("Wf", "Wi", "Wc", "Wo")])  # (4 n_a, n_a + n_x)
    b = np.concatenate([parameters[k] for k in ("bf", "bi", "bc", "bo")])  # (4 n_a, 1)
    Wa, Wx = np.ascontiguousarray(W[:, :n_a]), W[:, n_a:]  # (4 n_a, n_a), (4 n_a, n_x)
    Zx = (Wx @ x.reshape(n_x, m * T_x)).reshape(4 * n_a, m, T_x) + b[:, :, None]
    #    the inputs' part of every step at once: (4 n_a, m, T_x)
    Zx = np.ascontiguousarray(Zx.transpose(2, 0, 1))  # (T_x, 4 n_a, m): each step contiguous
    a = np.zeros((T_x, n_a, m), dtype=Zx.dtype)  # time first while filling; (n_a, m, T_x) after
    c = np.zeros((T_x, n_a, m), dtype=Zx.dtype)
    a_next, c_next = a0, np.zeros((n_a, m), dtype=Zx.dtype)
    for t in range(T_x):
        a_prev, c_prev = a_next, c_next
        Z = Wa @ a_prev  # all four gates' pre-activations, (4 n_a, m)
        Z += Zx[t]
        ft = _fast_sigmoid(Z[:n_a])  # forget gate
        it = _fast_sigmoid(Z[n_a : 2 * n_a])  # update gate
        cct = np.tanh(Z[2 * n_a : 3 * n_a])  # candidate value
        ot = _fast_sigmoid(Z[3 * n_a :])  # output gate
        c_next = ft * c_prev + it * cct
        a_next = ot * np.tanh(c_next)
        a[t], c[t] = a_next, c_next
        caches.append((a_next, c_next, a_prev, c_prev, ft, it, cct, ot, x[:, :, t], parameters))
    a = a.transpose(1, 2, 0)  # (n_a, m, T_x), as a view
    c = c.transpose(1, 2, 0)
    Wy, by = parameters["Wy"], parameters["by"]
    y = _softmax((Wy @ a.reshape(n_a, m * T_x)).reshape(n_y, m, T_x) + by[:, :, None])
    #   every step's prediction with one product, (n_y, m, T_x)
    return a, y, c, (caches, x)


def _fast_sigmoid(Z):
    r"""$\sigma(z) = (1 + \tanh(z / 2)) / 2$: the sigmoid in one pass of tanh, and no overflow."""
    S = np.tanh(Z * 0.5)
    S *= 0.5
    S += 0.5
    return S


# --8<-- [end:lstm_forward]


def _lstm_forward_loops(x, a0, parameters):
    """The course's `lstm_forward`: `lstm_cell_forward` once per step (tests compare)."""
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a, c, y = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x)), np.zeros((n_y, m, T_x))
    a_next, c_next = a0, np.zeros((n_a, m))
    for t in range(T_x):
        a_next, c_next, yt, cache = _lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
        a[:, :, t], c[:, :, t], y[:, :, t] = a_next, c_next, yt
        caches.append(cache)
    return a, y, c, (caches, x)


# --8<-- [start:lstm_cell_backward]
def lstm_cell_backward(da_next, dc_next, cache):
    r"""Backward pass of one LSTM step.

    The gradient reaching $c^{\langle t \rangle}$ is `dc_next` plus what comes through
    $a^{\langle t \rangle} = \Gamma_o * \tanh(c^{\langle t \rangle})$:
    $dc = dc_{next} + da_{next} * \Gamma_o * (1 - \tanh^2 c^{\langle t \rangle})$. The
    gradients of the gates' pre-activations (the course's `dft`, `dit`, `dcct`, `dot`) are

    $$\begin{aligned}
    d\gamma_o &= da_{next} * \tanh(c^{\langle t \rangle}) * \Gamma_o (1 - \Gamma_o), &
    d\tilde c &= dc * \Gamma_i * (1 - (\tilde c^{\langle t \rangle})^2), \\
    d\gamma_i &= dc * \tilde c^{\langle t \rangle} * \Gamma_i (1 - \Gamma_i), &
    d\gamma_f &= dc * c^{\langle t-1 \rangle} * \Gamma_f (1 - \Gamma_f),
    \end{aligned}$$

    then $dW_f = d\gamma_f [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$ (and so for
    $W_i, W_c, W_o$), the biases sum over the batch, and $[da_{prev}; dx^{\langle t \rangle}]
    = W_f^T d\gamma_f + W_i^T d\gamma_i + W_c^T d\tilde c + W_o^T d\gamma_o$,
    $dc_{prev} = dc * \Gamma_f$. As in the course, `Wy` and `by` are left out.

    Parameters
    ----------
    da_next : ndarray, shape (n_a, m)
        Gradient of the loss with respect to $a^{\langle t \rangle}$.
    dc_next : ndarray, shape (n_a, m)
        Gradient of the loss with respect to $c^{\langle t \rangle}$ (from step $t + 1$).
    cache : tuple
        The cache of `lstm_cell_forward`.

    Returns
    -------
    gradients : dict
        `dxt` $(n_x, m)$, `da_prev`, `dc_prev` $(n_a, m)$, `dWf`, `dWi`, `dWc`, `dWo`
        $(n_a, n_a + n_x)$, `dbf`, `dbi`, `dbc`, `dbo` $(n_a, 1)$.
    """
    where = "lstm_cell_backward"
    da_next, cache = _check_cell_backward(da_next, cache, "lstm", where)
    dc_next = as_array(dc_next, "dc_next", where)
    _same_shape(dc_next, cache[1], "dc_next", "c_next", where)
    return _lstm_cell_backward(da_next, dc_next, cache)


def _lstm_cell_backward(da_next, dc_next, cache):
    (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters) = cache
    n_a, m = a_next.shape
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c**2)  # all that reaches c^<t>, (n_a, m)
    dot = da_next * tanh_c * ot * (1 - ot)  # the gates' pre-activations
    dcct = dc * it * (1 - cct**2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate([a_prev, xt])  # (n_a + n_x, m)
    dWf, dWi, dWc, dWo = (d @ concat.T for d in (dft, dit, dcct, dot))  # (n_a, n_a + n_x)
    dbf, dbi, dbc, dbo = (np.sum(d, axis=1, keepdims=True) for d in (dft, dit, dcct, dot))
    dconcat = (
        parameters["Wf"].T @ dft
        + parameters["Wi"].T @ dit
        + parameters["Wc"].T @ dcct
        + parameters["Wo"].T @ dot
    )  # (n_a + n_x, m)
    da_prev = dconcat[:n_a]  # the course's W[:, :n_a].T @ ...
    dxt = dconcat[n_a:]  # and W[:, n_a:].T @ ...
    dc_prev = dc * ft
    return {
        "dxt": dxt,
        "da_prev": da_prev,
        "dc_prev": dc_prev,
        "dWf": dWf,
        "dbf": dbf,
        "dWi": dWi,
        "dbi": dbi,
        "dWc": dWc,
        "dbc": dbc,
        "dWo": dWo,
        "dbo": dbo,
    }


# --8<-- [end:lstm_cell_backward]


# --8<-- [start:lstm_backward]
def lstm_backward(da, caches):
    r"""Backpropagation through time for an LSTM.

    As `rnn_backward`, with two gradients carried back from step to step: `da_prevt` for
    the hidden state and `dc_prevt` for the cell state (which starts at 0: `da` holds only
    hidden-state gradients). Along the cell state the gradient is multiplied by the forget
    gate, $dc^{\langle t-1 \rangle} = dc^{\langle t \rangle} * \Gamma_f$, with no weight
    matrix and no tanh in the way: the path that lets the LSTM remember.

    The loop is the course's; the parameter gradients and `dx` are collected after it, with
    one matrix product each over all the steps (the same sums as adding each step's share,
    faster). A test holds it equal to calling `lstm_cell_backward` at each step.

    Parameters
    ----------
    da : ndarray, shape (n_a, m, T_x)
        The direct gradients of the loss with respect to each hidden state (see the
        module's docstring).
    caches : tuple
        `(list of caches, x)` from `lstm_forward`.

    Returns
    -------
    gradients : dict
        `dx` $(n_x, m, T_x)$, `da0` $(n_a, m)$, `dWf`, `dWi`, `dWc`, `dWo`
        $(n_a, n_a + n_x)$, `dbf`, `dbi`, `dbc`, `dbo` $(n_a, 1)$.
    """
    da, caches = _check_backward(da, caches, "lstm", "lstm_backward")
    return _lstm_backward(da, caches)


def _lstm_backward(da, caches):
    (caches, x) = caches
    (a1, c1, a0, c0, f1, i1, cc1, o1, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    W = np.concatenate([parameters[k] for k in ("Wf", "Wi", "Wc", "Wo")])  # (4 n_a, n_a + n_x)
    Wa_T = np.ascontiguousarray(W[:, :n_a].T)  # (n_a, 4 n_a)
    dtype = np.result_type(da, a1)
    dZ = np.empty((T_x, 4 * n_a, m), dtype)  # the gates' pre-activation gradients, every step
    concat = np.empty((T_x, n_a + n_x, m), dtype)  # [a^<t-1>; x^<t>] of every step
    da_prevt = np.zeros((n_a, m), dtype)
    dc_prevt = np.zeros((n_a, m), dtype)
    for t in reversed(range(T_x)):
        (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, _) = caches[t]
        da_next = da[:, :, t] + da_prevt
        tanh_c = np.tanh(c_next)
        dc = dc_prevt + da_next * ot * (1 - tanh_c**2)  # all that reaches c^<t>
        dZ[t, :n_a] = dc * c_prev * ft * (1 - ft)  # dft
        dZ[t, n_a : 2 * n_a] = dc * cct * it * (1 - it)  # dit
        dZ[t, 2 * n_a : 3 * n_a] = dc * it * (1 - cct**2)  # dcct
        dZ[t, 3 * n_a :] = da_next * tanh_c * ot * (1 - ot)  # dot
        da_prevt = Wa_T @ dZ[t]  # (n_a, m)
        dc_prevt = dc * ft
        concat[t, :n_a], concat[t, n_a:] = a_prev, xt
    # departs from the course's "dWf += gradients['dWf']" at every step: the same sums, with
    # one product over all the steps at once
    dZ2 = dZ.transpose(1, 0, 2).reshape(4 * n_a, T_x * m)  # (4 n_a, T_x m)
    dW = dZ2 @ concat.transpose(1, 0, 2).reshape(n_a + n_x, T_x * m).T  # (4 n_a, n_a + n_x)
    db = dZ2.sum(axis=1, keepdims=True)  # (4 n_a, 1)
    dx = (W[:, n_a:].T @ dZ2).reshape(n_x, T_x, m).transpose(0, 2, 1)  # (n_x, m, T_x)
    gradients = {"dx": dx, "da0": da_prevt}
    for k, g in enumerate(("f", "i", "c", "o")):
        gradients[f"dW{g}"] = dW[k * n_a : (k + 1) * n_a]
        gradients[f"db{g}"] = db[k * n_a : (k + 1) * n_a]
    return gradients


# --8<-- [end:lstm_backward]


def _lstm_backward_loops(da, caches):
    """The course's `lstm_backward`: `lstm_cell_backward` once per step (tests compare)."""
    (caches, x) = caches
    parameters = caches[0][-1]
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    gradients = {"dx": np.zeros((n_x, m, T_x))}
    for g in ("f", "i", "c", "o"):
        gradients[f"dW{g}"] = np.zeros_like(parameters[f"W{g}"])
        gradients[f"db{g}"] = np.zeros((n_a, 1))
    da_prevt, dc_prevt = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = _lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
        da_prevt, dc_prevt = step["da_prev"], step["dc_prev"]
        gradients["dx"][:, :, t] = step["dxt"]
        for g in ("f", "i", "c", "o"):
            gradients[f"dW{g}"] += step[f"dW{g}"]
            gradients[f"db{g}"] += step[f"db{g}"]
    gradients["da0"] = da_prevt
    return gradients


# --- the GRU (the lecture's; not in the assignment) -----------------------------------


# --8<-- [start:gru_cell_forward]
def gru_cell_forward(xt, a_prev, parameters):
    r"""One time step of the lecture's (full) GRU cell.

    In a GRU the memory cell is the hidden state, $c^{\langle t \rangle} = a^{\langle t
    \rangle}$. With $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ the hidden state
    stacked on the input,

    $$\begin{aligned}
    \Gamma_u &= \sigma(W_u [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_u), &
    \Gamma_r &= \sigma(W_r [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_r), \\
    \tilde c^{\langle t \rangle} &= \tanh(W_c [\Gamma_r * a^{\langle t-1 \rangle};
    x^{\langle t \rangle}] + b_c), &
    a^{\langle t \rangle} &= \Gamma_u * \tilde c^{\langle t \rangle}
    + (1 - \Gamma_u) * a^{\langle t-1 \rangle},
    \end{aligned}$$

    and $\hat y^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y)$. The
    reset ("relevance") gate $\Gamma_r$ scales the old state *before* the matrix product:
    Keras's `GRU(reset_after=False)`, not its default (see the module's docstring).

    Parameters
    ----------
    xt : ndarray, shape (n_x, m)
        The input at time step $t$.
    a_prev : ndarray, shape (n_a, m)
        The hidden state (= memory cell) at $t - 1$.
    parameters : dict
        `Wu`, `Wr`, `Wc` $(n_a, n_a + n_x)$, `bu`, `br`, `bc` $(n_a, 1)$, `Wy` $(n_y, n_a)$,
        `by` $(n_y, 1)$.

    Returns
    -------
    a_next : ndarray, shape (n_a, m)
    yt_pred : ndarray, shape (n_y, m)
    cache : tuple
        `(a_next, a_prev, xt, ut, rt, cct, parameters)`, for `gru_cell_backward`.
    """
    where = "gru_cell_forward"
    parameters, (n_a, n_x, _) = _check_parameters(parameters, "gru", where)
    xt, a_prev = _check_step(xt, a_prev, n_x, n_a, "gru", where)
    return _gru_cell_forward(xt, a_prev, parameters)


def _gru_cell_forward(xt, a_prev, parameters):
    Wu, bu, Wr, br = parameters["Wu"], parameters["bu"], parameters["Wr"], parameters["br"]
    Wc, bc, Wy, by = parameters["Wc"], parameters["bc"], parameters["Wy"], parameters["by"]
    concat = np.concatenate([a_prev, xt])  # (n_a + n_x, m)
    ut = _sigmoid(Wu @ concat + bu)  # update gate, (n_a, m)
    rt = _sigmoid(Wr @ concat + br)  # reset (relevance) gate
    cct = np.tanh(Wc @ np.concatenate([rt * a_prev, xt]) + bc)  # candidate, c tilde
    a_next = ut * cct + (1 - ut) * a_prev  # c^<t> = a^<t>
    yt_pred = _softmax(Wy @ a_next + by)
    cache = (a_next, a_prev, xt, ut, rt, cct, parameters)
    return a_next, yt_pred, cache


# --8<-- [end:gru_cell_forward]


# --8<-- [start:gru_forward]
def gru_forward(x, a0, parameters):
    r"""A GRU over a whole sequence: `gru_cell_forward` at each of the $T_x$ steps.

    Parameters
    ----------
    x : ndarray, shape (n_x, m, T_x)
        The inputs at every time step.
    a0 : ndarray, shape (n_a, m)
        The initial hidden state.
    parameters : dict
        `Wu, bu, Wr, br, Wc, bc, Wy, by`, as for `gru_cell_forward`.

    Returns
    -------
    a : ndarray, shape (n_a, m, T_x)
        The hidden states.
    y_pred : ndarray, shape (n_y, m, T_x)
        The predictions.
    caches : tuple
        `(list of the T_x caches of gru_cell_forward, x)`, for `gru_backward`.
    """
    where = "gru_forward"
    parameters, (n_a, n_x, n_y) = _check_parameters(parameters, "gru", where)
    x, a0 = _check_sequence(x, a0, n_x, n_a, where)
    return _gru_forward(x, a0, parameters)


def _gru_forward(x, a0, parameters):
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        a_next, yt_pred, cache = _gru_cell_forward(x[:, :, t], a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    return a, y_pred, (caches, x)


# --8<-- [end:gru_forward]


# --8<-- [start:gru_cell_backward]
def gru_cell_backward(da_next, cache):
    r"""Backward pass of one GRU step (the output layer left out, as in the course).

    From $a^{\langle t \rangle} = \Gamma_u * \tilde c + (1 - \Gamma_u) * a^{\langle t-1 \rangle}$,
    with $d\gamma$ the gradients of the gates' pre-activations:

    $$\begin{aligned}
    d\tilde\gamma_c &= da_{next} * \Gamma_u * (1 - \tilde c^2), &
    d\gamma_u &= da_{next} * (\tilde c - a^{\langle t-1 \rangle}) * \Gamma_u (1 - \Gamma_u), \\
    [d(\Gamma_r * a^{\langle t-1 \rangle}); dx_c] &= W_c^T d\tilde\gamma_c, &
    d\gamma_r &= d(\Gamma_r * a^{\langle t-1 \rangle}) * a^{\langle t-1 \rangle}
    * \Gamma_r (1 - \Gamma_r),
    \end{aligned}$$

    $dW_c = d\tilde\gamma_c [\Gamma_r * a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$,
    $dW_u = d\gamma_u [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$ (and $dW_r$ so),
    and $a^{\langle t-1 \rangle}$ collects four terms: the direct path
    $da_{next} * (1 - \Gamma_u)$, the path through the reset product
    $d(\Gamma_r * a^{\langle t-1 \rangle}) * \Gamma_r$, and the two gates'
    $W_u^T d\gamma_u$ and $W_r^T d\gamma_r$ (their first $n_a$ rows).

    Parameters
    ----------
    da_next : ndarray, shape (n_a, m)
        Gradient of the loss with respect to $a^{\langle t \rangle}$.
    cache : tuple
        `(a_next, a_prev, xt, ut, rt, cct, parameters)` from `gru_cell_forward`.

    Returns
    -------
    gradients : dict
        `dxt` $(n_x, m)$, `da_prev` $(n_a, m)$, `dWu`, `dWr`, `dWc` $(n_a, n_a + n_x)$,
        `dbu`, `dbr`, `dbc` $(n_a, 1)$.
    """
    da_next, cache = _check_cell_backward(da_next, cache, "gru", "gru_cell_backward")
    return _gru_cell_backward(da_next, cache)


def _gru_cell_backward(da_next, cache):
    (a_next, a_prev, xt, ut, rt, cct, parameters) = cache
    Wu, Wr, Wc = parameters["Wu"], parameters["Wr"], parameters["Wc"]
    n_a = a_prev.shape[0]
    dcct = da_next * ut * (1 - cct**2)  # candidate's pre-activation, (n_a, m)
    dut = da_next * (cct - a_prev) * ut * (1 - ut)  # update gate's pre-activation
    dconcat_r = Wc.T @ dcct  # (n_a + n_x, m): [d(rt * a_prev); dxt through c tilde]
    dra = dconcat_r[:n_a]  # d(rt * a_prev)
    drt = dra * a_prev * rt * (1 - rt)  # reset gate's pre-activation
    concat = np.concatenate([a_prev, xt])  # (n_a + n_x, m)
    dconcat = Wu.T @ dut + Wr.T @ drt  # (n_a + n_x, m)
    da_prev = da_next * (1 - ut) + dra * rt + dconcat[:n_a]
    dxt = dconcat_r[n_a:] + dconcat[n_a:]
    return {
        "dxt": dxt,
        "da_prev": da_prev,
        "dWu": dut @ concat.T,
        "dbu": np.sum(dut, axis=1, keepdims=True),
        "dWr": drt @ concat.T,
        "dbr": np.sum(drt, axis=1, keepdims=True),
        "dWc": dcct @ np.concatenate([rt * a_prev, xt]).T,
        "dbc": np.sum(dcct, axis=1, keepdims=True),
    }


# --8<-- [end:gru_cell_backward]


# --8<-- [start:gru_backward]
def gru_backward(da, caches):
    r"""Backpropagation through time for the GRU, as `rnn_backward` does it for the RNN.

    Parameters
    ----------
    da : ndarray, shape (n_a, m, T_x)
        The direct gradients of the loss with respect to each hidden state.
    caches : tuple
        `(list of caches, x)` from `gru_forward`.

    Returns
    -------
    gradients : dict
        `dx` $(n_x, m, T_x)$, `da0` $(n_a, m)$, `dWu`, `dWr`, `dWc` $(n_a, n_a + n_x)$,
        `dbu`, `dbr`, `dbc` $(n_a, 1)$.
    """
    da, caches = _check_backward(da, caches, "gru", "gru_backward")
    return _gru_backward(da, caches)


def _gru_backward(da, caches):
    (caches, x) = caches
    parameters = caches[0][-1]
    n_a, m, T_x = da.shape
    n_x = x.shape[0]
    gradients = {"dx": np.zeros((n_x, m, T_x))}
    for g in ("u", "r", "c"):
        gradients[f"dW{g}"] = np.zeros_like(parameters[f"W{g}"])
        gradients[f"db{g}"] = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        step = _gru_cell_backward(da[:, :, t] + da_prevt, caches[t])
        da_prevt = step["da_prev"]
        gradients["dx"][:, :, t] = step["dxt"]
        for g in ("u", "r", "c"):
            gradients[f"dW{g}"] += step[f"dW{g}"]
            gradients[f"db{g}"] += step[f"db{g}"]
    gradients["da0"] = da_prevt
    return gradients


# --8<-- [end:gru_backward]


# --- Keras -----------------------------------------------------------------------------


def to_keras_weights(parameters, cell="lstm"):
    r"""The course's parameters as the weights of a Keras recurrent layer (`layer.set_weights`).

    The output layer (`Wya`/`Wy`, `by`) is not part of a Keras recurrent layer and is left
    out. For `"rnn"`, `SimpleRNN`: `[Wax.T, Waa.T, ba[:, 0]]`. For `"lstm"`, `LSTM`: gates
    stacked in Keras's order i, f, c, o, the input columns of each $W$ in `kernel` and
    its hidden-state columns in `recurrent_kernel`. For `"gru"`, `GRU(reset_after=False)`:
    gates in Keras's order z, r, h with $z$ from $-W_u$, $-b_u$ (Keras's $z$ is the
    lecture's $1 - \Gamma_u$).

    Parameters
    ----------
    parameters : dict
        The course's parameters of the cell (see the module's table).
    cell : {"rnn", "lstm", "gru"}, default "lstm"

    Returns
    -------
    weights : list of ndarray
        `[kernel (n_x, k n_a), recurrent_kernel (n_a, k n_a), bias (k n_a,)]` with
        $k = 1, 4, 3$ gates.

    Examples
    --------
    >>> p = initialize_lstm_parameters(n_a=4, n_x=3, n_y=2, seed=0)
    >>> [w.shape for w in to_keras_weights(p, "lstm")]
    [(3, 16), (4, 16), (16,)]
    """
    where = "to_keras_weights"
    check_choice(cell, tuple(_KEYS), "cell", where)
    parameters, (n_a, n_x, _) = _check_parameters(parameters, cell, where)
    if cell == "rnn":
        p = parameters
        return [p["Wax"].T.copy(), p["Waa"].T.copy(), p["ba"][:, 0].copy()]
    if cell == "lstm":
        Ws = [parameters[f"W{g}"] for g in ("i", "f", "c", "o")]
        bs = [parameters[f"b{g}"] for g in ("i", "f", "c", "o")]
    else:
        Ws = [-parameters["Wu"], parameters["Wr"], parameters["Wc"]]
        bs = [-parameters["bu"], parameters["br"], parameters["bc"]]
    kernel = np.concatenate([W[:, n_a:].T for W in Ws], axis=1)  # (n_x, k n_a)
    recurrent_kernel = np.concatenate([W[:, :n_a].T for W in Ws], axis=1)  # (n_a, k n_a)
    bias = np.concatenate([b[:, 0] for b in bs])  # (k n_a,)
    return [kernel, recurrent_kernel, bias]


# --- the vanishing-gradient experiment -------------------------------------------------


# --8<-- [start:gradient_norms_through_time]
def gradient_norms_through_time(cell="rnn", T=50, n_a=32, seed=0, forget_bias=1.0):
    r"""How the gradient of a loss at the last step shrinks on its way back through time.

    Builds a cell with random parameters (`initialize_rnn_parameters` or
    `initialize_lstm_parameters` with the given `seed`, $n_x = 8$ inputs), runs it forward
    over `T` steps of random inputs ($m = 16$ examples), and puts a loss on the last
    hidden state only: $L = \sum v * a^{\langle T \rangle}$ for a fixed random $v$. Then it
    walks back with the cell's backward pass (`rnn_cell_backward` or `lstm_cell_backward`,
    which carries the cell-state gradient too) and records, at every step,

    $$g_t = \lVert \partial L / \partial a^{\langle t \rangle} \rVert_F ,
    \qquad t = T, T - 1, \dots, 1 .$$

    In the plain RNN each step back multiplies the gradient by $W_{aa}^T$ and by the
    tanh's slope, below 1, so it shrinks geometrically. The LSTM's cell state carries it
    back multiplied only by the forget gate, $\Gamma_f \approx \sigma(b_f)$, and much more
    of it survives.

    Parameters
    ----------
    cell : {"rnn", "lstm"}, default "rnn"
    T : int, default 50
        Number of time steps.
    n_a : int, default 32
        Number of hidden units.
    seed : int, default 0
        Seeds the parameters, the inputs, `a0` and $v$.
    forget_bias : float, default 1.0
        The LSTM's initial forget-gate bias (ignored for the RNN).

    Returns
    -------
    norms : ndarray, shape (T,)
        `norms[t - 1]` $= g_t$, in time order: `norms[-1]` is at the loss,
        `norms[0]` is $T - 1$ steps back.
    """
    where = "gradient_norms_through_time"
    check_choice(cell, ("rnn", "lstm"), "cell", where)
    check_positive(T, "T", where, integer=True)
    check_positive(n_a, "n_a", where, integer=True)
    rng = as_rng(seed, where, allow_none=False)
    n_x, m = 8, 16
    if cell == "rnn":
        parameters = initialize_rnn_parameters(n_a, n_x, 1, seed=rng)
    else:
        parameters = initialize_lstm_parameters(n_a, n_x, 1, seed=rng, forget_bias=forget_bias)
    x = rng.standard_normal((n_x, m, int(T)))
    a0 = rng.standard_normal((int(n_a), m)) * 0.1
    v = rng.standard_normal((int(n_a), m))  # L = sum(v * a^<T>), so dL/da^<T> = v
    if cell == "rnn":
        _, _, (caches, _) = _rnn_forward(x, a0, parameters)
    else:
        _, _, _, (caches, _) = _lstm_forward(x, a0, parameters)
    norms = np.zeros(int(T))
    da, dc = v, np.zeros_like(v)
    for t in reversed(range(int(T))):
        norms[t] = np.linalg.norm(da)  # ||dL/da^<t>||, everything the loss sends to a^<t>
        if cell == "rnn":
            da = _rnn_cell_backward(da, caches[t])["da_prev"]
        else:
            step = _lstm_cell_backward(da, dc, caches[t])
            da, dc = step["da_prev"], step["dc_prev"]
    return norms


# --8<-- [end:gradient_norms_through_time]


def plot_gradient_norms_through_time(norms, ax=None, title=None):
    r"""Plot $\lVert \partial L / \partial a^{\langle t \rangle} \rVert$ against steps back.

    Parameters
    ----------
    norms : dict of str -> ndarray, shape (T,)
        Label -> the output of `gradient_norms_through_time` (time order, the loss at the
        last step).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        One line per entry, against $T - t$ (0 at the loss), log-scaled y axis.
    """
    import matplotlib.pyplot as plt

    if not isinstance(norms, Mapping) or not norms:
        raise ValueError(
            "plot_gradient_norms_through_time: norms must be a non-empty dict "
            f"{{label: norms}}, but {type(norms).__name__} was given."
        )
    ax = ax or plt.subplots(figsize=(6.5, 3.6))[1]
    for label, values in norms.items():
        values = as_array(values, "norms", "plot_gradient_norms_through_time")
        steps_back = np.arange(len(values))[::-1]  # T - t
        ax.plot(steps_back, values / values[-1], lw=1.8, label=label)
    ax.set_yscale("log")
    ax.set_xlabel(r"steps back from the loss, $T - t$")
    ax.set_ylabel(
        r"$\Vert \partial L / \partial a^{\langle t \rangle} \Vert$ / its value at $t = T$"
    )
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return ax


def plot_unrolled_rnn(T_x=4, ax=None, backward=True, title=None):
    r"""Draw an RNN unrolled over `T_x` time steps: one box per step, the same parameters in each.

    Each box takes $x^{\langle t \rangle}$ from below and $a^{\langle t-1 \rangle}$ from
    the left, and sends $a^{\langle t \rangle}$ right and $\hat y^{\langle t \rangle}$ up,
    where the loss $\mathcal L^{\langle t \rangle}$ compares it with $y^{\langle t
    \rangle}$. With `backward=True`, red arrows show backpropagation through time: from
    each loss down to its step, and from step to step right to left.

    Parameters
    ----------
    T_x : int, default 4
        Number of time steps drawn.
    ax : matplotlib.axes.Axes, optional
    backward : bool, default True
        Also draw the backward pass.
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    from dl_notes.plotting import plot_flowchart

    check_positive(T_x, "T_x", "plot_unrolled_rnn", integer=True)
    T_x = int(T_x)
    ax = ax or plt.subplots(figsize=(2.4 * T_x + 1.6, 4.2))[1]
    dx = 3.0
    nodes = {"a0": (0, 0, r"$a^{\langle 0 \rangle}$", "end")}
    edges = []
    for t in range(1, T_x + 1):
        nodes[f"x{t}"] = (t * dx, -1.6, rf"$x^{{\langle {t} \rangle}}$", "end")
        nodes[f"a{t}"] = (t * dx, 0, "RNN cell\n$W_{aa}, W_{ax}, b_a$", "action")
        nodes[f"y{t}"] = (t * dx, 1.6, rf"$\hat y^{{\langle {t} \rangle}}$", "decision")
        nodes[f"L{t}"] = (t * dx, 3.0, rf"$\mathcal{{L}}^{{\langle {t} \rangle}}$", "end")
        prev = f"a{t - 1}"
        edges += [
            (prev, f"a{t}", rf"$a^{{\langle {t - 1} \rangle}}$" if t > 1 else None),
            (f"x{t}", f"a{t}"),
            (f"a{t}", f"y{t}"),
            (f"y{t}", f"L{t}"),
        ]
    plot_flowchart(nodes, edges, ax=ax, fontsize=8)
    if backward:
        style = {"arrowstyle": "-|>", "color": "#c62828", "lw": 1.3}
        for t in range(1, T_x + 1):
            x0 = t * dx + 0.5
            ax.annotate("", xy=(x0, 0.45), xytext=(x0, 2.7), arrowprops=style, zorder=5)
            if t > 1:
                ax.annotate(
                    "",
                    xy=((t - 1) * dx + 0.9, -0.55),
                    xytext=(t * dx - 0.9, -0.55),
                    arrowprops={**style, "connectionstyle": "arc3,rad=-0.3"},
                    zorder=5,
                )
        ax.text(
            (T_x + 1) * dx / 2,
            -2.45,
            "red: backpropagation through time (right to left)",
            color="#c62828",
            ha="center",
            fontsize=8,
        )
        ax.set_ylim(-2.8, ax.get_ylim()[1])
    if title:
        ax.set_title(title)
    return ax


def plot_gated_cell(cell="lstm", ax=None, title=None):
    r"""Draw one LSTM or GRU step as the lecture's gate diagram: inputs, gates, and the memory line.

    Ellipses are the gates and the candidate, each with its name, symbol and activation
    ($\sigma$ or $\tanh$ of its own weights times the stacked vector it reads, plus its
    bias); rounded boxes are the stacked inputs and the element-wise operations ($*$,
    $+$); square boxes are the step's inputs and outputs. The memory $c$ runs along the
    top line, from $c^{\langle t-1 \rangle}$ on the left to $c^{\langle t \rangle}$ on
    the right, touched only by element-wise products and sums (no weight matrix): the
    path along which the gradient crosses many steps. The equations are in
    `lstm_cell_forward` and `gru_cell_forward`.

    Parameters
    ----------
    cell : {"lstm", "gru"}, default "lstm"
        Which cell: the LSTM (forget, update and output gates, a separate hidden state
        $a^{\langle t \rangle} = \Gamma_o * \tanh c^{\langle t \rangle}$) or the GRU (update
        and relevance gates, $a^{\langle t \rangle} = c^{\langle t \rangle}$).
    ax : matplotlib.axes.Axes, optional
    title : str, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
        The flowchart's axes (see `dl_notes.plotting.plot_flowchart`): the nodes are its
        first texts.
    """
    import matplotlib.pyplot as plt

    from dl_notes.plotting import plot_flowchart

    check_choice(cell, ("lstm", "gru"), "cell", "plot_gated_cell")
    z = r"$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$"
    ax = ax or plt.subplots(figsize=(8.6, 4.4))[1]
    if cell == "lstm":
        nodes = {
            "c_prev": (0.0, 3.0, r"$c^{\langle t-1 \rangle}$", "end"),
            "a_prev": (0.0, -2.2, r"$a^{\langle t-1 \rangle}$", "end"),
            "x": (3.0, -3.6, r"$x^{\langle t \rangle}$", "end"),
            "z": (3.0, -2.2, z, "action"),
            "f": (1.4, 0.2, "forget\n$\\Gamma_f$\n$\\sigma$", "decision"),
            "u": (4.0, 0.2, "update\n$\\Gamma_u$\n$\\sigma$", "decision"),
            "cc": (6.6, 0.2, "candidate\n$\\tilde c^{\\langle t \\rangle}$\n$\\tanh$", "decision"),
            "o": (9.2, 0.2, "output\n$\\Gamma_o$\n$\\sigma$", "decision"),
            "keep": (1.4, 3.0, "$*$", "action"),
            "write": (5.3, 1.8, "$*$", "action"),
            "add": (5.3, 3.0, "$+$", "action"),
            "tanh": (10.9, 1.8, r"$\tanh$", "action"),
            "out": (10.9, 0.2, "$*$", "action"),
            "c_next": (12.8, 3.0, r"$c^{\langle t \rangle}$", "end"),
            "a_next": (12.8, -2.2, r"$a^{\langle t \rangle}$", "end"),
        }
        edges = [
            ("a_prev", "z"),
            ("x", "z"),
            ("z", "f"),
            ("z", "u"),
            ("z", "cc"),
            ("z", "o"),
            ("c_prev", "keep"),
            ("f", "keep"),
            ("keep", "add"),
            ("u", "write"),
            ("cc", "write"),
            ("write", "add"),
            ("add", "c_next"),
            ("add", "tanh", None, -0.2),
            ("tanh", "out"),
            ("o", "out"),
            ("out", "a_next"),
        ]
    else:
        nodes = {
            "c_prev": (0.0, 3.0, r"$c^{\langle t-1 \rangle}$", "end"),
            "x": (2.4, -3.6, r"$x^{\langle t \rangle}$", "end"),
            "z": (2.4, -2.2, z.replace("a^", "c^"), "action"),
            "r": (2.4, 0.2, "relevance\n$\\Gamma_r$\n$\\sigma$", "decision"),
            "reset": (
                5.0,
                1.6,
                r"$[\Gamma_r * c^{\langle t-1 \rangle}; x^{\langle t \rangle}]$",
                "action",
            ),
            "cc": (6.8, -0.4, "candidate\n$\\tilde c^{\\langle t \\rangle}$\n$\\tanh$", "decision"),
            "u": (9.0, -2.2, "update\n$\\Gamma_u$\n$\\sigma$", "decision"),
            "mix": (
                10.0,
                3.0,
                r"$\Gamma_u * \tilde c^{\langle t \rangle}"
                r" + (1 - \Gamma_u) * c^{\langle t-1 \rangle}$",
                "action",
            ),
            "c_next": (13.6, 3.0, r"$c^{\langle t \rangle} = a^{\langle t \rangle}$", "end"),
        }
        edges = [
            ("c_prev", "z", None, 0.25),
            ("x", "z"),
            ("z", "r"),
            ("z", "u"),
            ("r", "reset"),
            ("c_prev", "reset"),
            ("x", "reset", None, 0.3),
            ("reset", "cc"),
            ("cc", "mix"),
            ("u", "mix"),
            ("c_prev", "mix"),
            ("mix", "c_next"),
        ]
    plot_flowchart(nodes, edges, ax=ax, fontsize=8)
    if title:
        ax.set_title(title)
    return ax


# --- input checks: once, at the front of each public function -----------------------


def _check_parameters(parameters, cell, where):
    """Check the course's parameter dict of `cell`; return it (arrays) and `(n_a, n_x, n_y)`."""
    keys = _KEYS[cell]
    if not isinstance(parameters, Mapping):
        raise TypeError(
            f"{where}: parameters must be a dict with keys {', '.join(keys)}, but a "
            f"{type(parameters).__name__} was given."
        )
    missing = [k for k in keys if k not in parameters]
    if missing:
        raise ValueError(
            f"{where}: parameters has no {missing[0]!r}; the {cell.upper()} cell needs the keys "
            f"{', '.join(keys)}, but the dict has {', '.join(sorted(parameters)) or 'none'}."
        )
    p = {k: as_array(parameters[k], k, where) for k in keys}
    for k in keys:
        if p[k].ndim != 2:
            raise ValueError(
                f"{where}: parameters[{k!r}] must be 2-D, but it has shape {p[k].shape}."
            )
    if cell == "rnn":
        n_a, n_x = p["Wax"].shape
        n_y = p["Wya"].shape[0]
        expected = {"Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
        why = f"Wax has shape {p['Wax'].shape}, so n_a = {n_a} and n_x = {n_x}"
    else:
        n_y, n_a = p["Wy"].shape
        W0 = "Wf" if cell == "lstm" else "Wu"
        n_x = p[W0].shape[1] - n_a
        if n_x < 1:
            raise ValueError(
                f"{where}: {W0} has shape {p[W0].shape}, but it must be (n_a, n_a + n_x) with "
                f"n_a = {n_a} (the columns of Wy) and n_x >= 1: it acts on [a_prev; xt]."
            )
        expected = {"by": (n_y, 1)}
        for g in _GATES[cell]:
            expected[f"W{g}"], expected[f"b{g}"] = (n_a, n_a + n_x), (n_a, 1)
        why = f"Wy has shape {p['Wy'].shape}, so n_a = {n_a}, and {W0} gives n_x = {n_x}"
    for k, shape in expected.items():
        if p[k].shape != shape:
            raise ValueError(
                f"{where}: parameters[{k!r}] must have shape {shape}, but it has shape "
                f"{p[k].shape}; {why}."
            )
    return {**parameters, **p}, (n_a, n_x, n_y)


def _check_step(xt, a_prev, n_x, n_a, cell, where):
    """Check one step's `xt` (n_x, m) and `a_prev` (n_a, m) against the parameters."""
    xt = as_array(xt, "xt", where)
    a_prev = as_array(a_prev, "a_prev", where)
    W = {"rnn": "Wax", "lstm": "Wf", "gru": "Wu"}[cell]
    if xt.ndim != 2:
        hint = " (for a whole sequence (n_x, m, T_x), use the *_forward function)"
        raise ValueError(
            f"{where}: xt must be a 2-D array (n_x, m), but it has shape {xt.shape}"
            f"{hint if xt.ndim == 3 else ''}."
        )
    if xt.shape[0] != n_x:
        raise ValueError(
            f"{where}: xt has {xt.shape[0]} rows but the parameters expect n_x = {n_x} inputs "
            f"({W} has shape {_shape_of(cell, n_a, n_x)}); xt must be (n_x, m)."
        )
    _check_state(a_prev, "a_prev", n_a, xt.shape[1], where)
    return xt, a_prev


def _check_state(a, name, n_a, m, where):
    if a.ndim != 2:
        raise ValueError(
            f"{where}: {name} must be a 2-D array (n_a, m), but it has shape {a.shape}."
        )
    if a.shape[0] != n_a:
        raise ValueError(
            f"{where}: {name} has {a.shape[0]} rows but the parameters have n_a = {n_a} hidden "
            f"units; {name} must be (n_a, m) = ({n_a}, {m})."
        )
    if a.shape[1] != m:
        raise ValueError(
            f"{where}: {name} has {a.shape[1]} columns (examples) but the input has m = {m}; "
            f"{name} must be (n_a, m) = ({n_a}, {m})."
        )


def _shape_of(cell, n_a, n_x):
    return (n_a, n_x) if cell == "rnn" else (n_a, n_a + n_x)


def _check_c_prev(c_prev, a_prev, where):
    c_prev = as_array(c_prev, "c_prev", where)
    if c_prev.shape != a_prev.shape:
        raise ValueError(
            f"{where}: c_prev must have the shape of a_prev, (n_a, m) = {a_prev.shape}, but it "
            f"has shape {c_prev.shape}."
        )
    return c_prev


def _check_sequence(x, a0, n_x, n_a, where):
    """Check a sequence `x` (n_x, m, T_x) and `a0` (n_a, m) against the parameters."""
    x = as_array(x, "x", where)
    a0 = as_array(a0, "a0", where)
    if x.ndim != 3:
        hint = (
            " For one time step, add the time axis (x[:, :, None]) or call the *_cell_forward "
            "function."
            if x.ndim == 2
            else ""
        )
        raise ValueError(
            f"{where}: x must be a 3-D array (n_x, m, T_x), but it has shape {x.shape}.{hint}"
        )
    if x.shape[0] != n_x:
        raise ValueError(
            f"{where}: x has {x.shape[0]} rows (n_x) but the parameters expect n_x = {n_x} "
            f"inputs; x must be (n_x, m, T_x)."
        )
    if x.shape[2] == 0:
        raise ValueError(f"{where}: x has no time steps (shape {x.shape}); T_x must be >= 1.")
    _check_state(a0, "a0", n_a, x.shape[1], where)
    return x, a0


_CACHE_LEN = {"rnn": 4, "lstm": 10, "gru": 7}
_CACHE_ITEMS = {
    "rnn": "(a_next, a_prev, xt, parameters)",
    "lstm": "(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)",
    "gru": "(a_next, a_prev, xt, ut, rt, cct, parameters)",
}


def _check_cache(cache, cell, where):
    forward = f"{cell}_cell_forward"
    if not isinstance(cache, (tuple, list)) or len(cache) != _CACHE_LEN[cell]:
        given = (
            f"a tuple of {len(cache)} entries"
            if isinstance(cache, (tuple, list))
            else f"a {type(cache).__name__}"
        )
        raise ValueError(
            f"{where}: cache must be the tuple {_CACHE_ITEMS[cell]} that {forward} returns, "
            f"but {given} was given."
        )
    _check_parameters(cache[-1], cell, where)


def _same_shape(d, like, name, of, where):
    if d.shape != like.shape:
        raise ValueError(
            f"{where}: {name} must have the shape of {of} from the forward pass, {like.shape}, "
            f"but it has shape {d.shape}."
        )


def _check_cell_backward(da_next, cache, cell, where):
    _check_cache(cache, cell, where)
    da_next = as_array(da_next, "da_next", where)
    _same_shape(da_next, cache[0], "da_next", "a_next", where)
    return da_next, cache


def _check_backward(da, caches, cell, where):
    """Check `da` (n_a, m, T_x) against the caches of the sequence's forward pass."""
    forward = f"{cell}_forward"
    if not (isinstance(caches, (tuple, list)) and len(caches) == 2):
        raise ValueError(
            f"{where}: caches must be the pair (list of caches, x) that {forward} returns."
        )
    steps, x = caches
    x = np.asarray(x)
    if x.ndim != 3 or not isinstance(steps, (list, tuple)) or len(steps) != x.shape[2]:
        raise ValueError(
            f"{where}: caches must be the pair (list of caches, x) that {forward} returns, "
            f"with one cache per time step of x."
        )
    _check_cache(steps[0], cell, where)
    da = as_array(da, "da", where)
    n_a, m = steps[0][0].shape
    expected = (n_a, m, x.shape[2])
    if da.shape != expected:
        raise ValueError(
            f"{where}: da must have the shape of the hidden states a from {forward}, "
            f"(n_a, m, T_x) = {expected}, but it has shape {da.shape}."
        )
    return da, caches
