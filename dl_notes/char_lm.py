r"""A character-level language model in NumPy: the RNN of "Dinosaurus Island", trained name by name.

Taught in: Course 5, week 1 ([language models and sampling novel
sequences](../../course5/week1.md)) and its lab, W1A2 ·
[Character-level language model](../../course5/labs/w1a2-character-level-language-model.ipynb).

The model reads a name one character at a time and, at every step $t$, predicts the next one.
The input $x^{\langle t \rangle}$ is the one-hot vector of the previous character
($x^{\langle 1 \rangle} = \vec 0$), the output a softmax over the $V = 27$ characters
(`"\n"` ends a name):

$$a^{\langle t \rangle} = \tanh\left(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle}
+ b\right), \qquad \hat y^{\langle t \rangle} = \mathrm{softmax}\left(W_{ya} a^{\langle t \rangle}
+ b_y\right),$$

and the loss of one name is the cross-entropy summed over its steps,
$\mathcal{L} = -\sum_t \log \hat y^{\langle t \rangle}_{y^{\langle t \rangle}}$, with
$y^{\langle t \rangle} = x^{\langle t+1 \rangle}$ and a final `"\n"`.

| name | shape |
|---|---|
| `X`, `Y` | lists of $T_x$ ints (character indices); `X[0]` is `None` (the zero input) |
| `Wax`, `dWax` | $(n_a, n_x)$ |
| `Waa`, `dWaa` | $(n_a, n_a)$ |
| `Wya`, `dWya` | $(n_y, n_a)$ |
| `b`, `db` | $(n_a, 1)$ |
| `by`, `dby` | $(n_y, 1)$ |
| `a_prev`, `a0` | $(n_a, 1)$ |

The module holds, with the course's names and signatures:

- the course's `utils` helpers: [`softmax`][dl_notes.char_lm.softmax],
  [`smooth`][dl_notes.char_lm.smooth], [`get_sample`][dl_notes.char_lm.get_sample],
  [`get_initial_loss`][dl_notes.char_lm.get_initial_loss],
  [`initialize_parameters`][dl_notes.char_lm.initialize_parameters],
  [`rnn_step_forward`][dl_notes.char_lm.rnn_step_forward],
  [`rnn_step_backward`][dl_notes.char_lm.rnn_step_backward],
  [`update_parameters`][dl_notes.char_lm.update_parameters],
  [`rnn_forward`][dl_notes.char_lm.rnn_forward], [`rnn_backward`][dl_notes.char_lm.rnn_backward];
- the four graded functions: [`clip`][dl_notes.char_lm.clip],
  [`sample`][dl_notes.char_lm.sample], [`optimize`][dl_notes.char_lm.optimize],
  [`model`][dl_notes.char_lm.model];
- beyond the assignment: [`train_char_lm`][dl_notes.char_lm.train_char_lm] (the course's
  training loop, returning the loss curve, samples and checkpoints instead of printing),
  sampling at a temperature (`sample(..., temperature=...)`,
  [`sample_names`][dl_notes.char_lm.sample_names],
  [`next_char_probabilities`][dl_notes.char_lm.next_char_probabilities]), and two measures of
  what the model learned: [`perplexity`][dl_notes.char_lm.perplexity] on held-out names and
  [`sample_quality`][dl_notes.char_lm.sample_quality] (how many samples are new names that only
  use letter pairs seen in training).

These are the course's loops: one name per update (stochastic gradient descent), one Python
step per character. Where the course calls `np.random.seed`, this module draws from a local
`np.random.RandomState` with the same seed: the numbers are the course's, and NumPy's global
generator is never touched.
"""

from __future__ import annotations

import math

import numpy as np

from dl_notes._checks import check_positive, check_seed
from dl_notes.activations import _softmax

__all__ = [
    "softmax",
    "smooth",
    "get_sample",
    "get_initial_loss",
    "initialize_parameters",
    "rnn_step_forward",
    "rnn_step_backward",
    "update_parameters",
    "rnn_forward",
    "rnn_backward",
    "clip",
    "sample",
    "optimize",
    "model",
    "train_char_lm",
    "sample_names",
    "next_char_probabilities",
    "perplexity",
    "sample_quality",
    "plot_temperatures",
]

_PARAMETER_KEYS = ("Wax", "Waa", "Wya", "b", "by")
_GRADIENT_KEYS = ("dWax", "dWaa", "dWya", "db", "dby")
#: The course stops a sample after 50 characters and ends it with a newline.
MAX_LENGTH = 50


# --- checks (once, at the front) -----------------------------------------------------


def _check_parameters(parameters, where):
    """Check the RNN's parameter dict; return `(n_a, n_x, n_y)`."""
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict with keys {', '.join(_PARAMETER_KEYS)}, but a "
            f"{type(parameters).__name__} was given."
        )
    for key in _PARAMETER_KEYS:
        if key not in parameters:
            raise ValueError(
                f"{where}: parameters has no {key!r}; expected keys "
                f"{', '.join(_PARAMETER_KEYS)}, but got {sorted(parameters)}."
            )
        value = parameters[key]
        if not (isinstance(value, np.ndarray) and value.dtype.kind == "f"):
            raise TypeError(
                f"{where}: parameters[{key!r}] must be a float NumPy array (it is updated in "
                f"place), but a {type(value).__name__} was given."
            )
        if value.ndim != 2:
            raise ValueError(
                f"{where}: parameters[{key!r}] must be 2-D, but it has shape {value.shape}."
            )
    n_a, n_x = parameters["Wax"].shape
    n_y = parameters["Wya"].shape[0]
    expected = {"Waa": (n_a, n_a), "Wya": (n_y, n_a), "b": (n_a, 1), "by": (n_y, 1)}
    for key, shape in expected.items():
        if parameters[key].shape != shape:
            raise ValueError(
                f"{where}: parameters[{key!r}] must have shape {shape}, but it has shape "
                f"{parameters[key].shape}; Wax has shape {(n_a, n_x)} (n_a = {n_a}) and Wya "
                f"has {n_y} rows (n_y)."
            )
    return n_a, n_x, n_y


def _is_index(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _check_indices(seq, name, n, where, allow_none=False):
    """Check a list of character indices in range(n) (and `None`s if `allow_none`)."""
    if not isinstance(seq, (list, tuple)):
        raise TypeError(
            f"{where}: {name} must be a list of character indices, but a "
            f"{type(seq).__name__} was given."
        )
    if not seq:
        raise ValueError(f"{where}: {name} is empty; a name has at least one step.")
    for t, v in enumerate(seq):
        if v is None and allow_none:
            continue
        if not _is_index(v) or not 0 <= v < n:
            extra = " or None (the zero input)" if allow_none else ""
            raise ValueError(
                f"{where}: {name}[{t}] must be a character index in 0..{n - 1}{extra}, but "
                f"{v!r} was given."
            )


def _check_sequence(X, Y, n_x, n_y, where):
    _check_indices(X, "X", n_x, where, allow_none=True)
    _check_indices(Y, "Y", n_y, where)
    if len(X) != len(Y):
        raise ValueError(
            f"{where}: X and Y must have the same length (Y is X shifted by one, plus the final "
            f"newline), but X has {len(X)} entries and Y has {len(Y)}."
        )


def _check_state(a, name, n_a, where, m=1):
    if not isinstance(a, np.ndarray) or a.dtype.kind not in "fiu":
        raise TypeError(
            f"{where}: {name} must be a NumPy array of shape ({n_a}, {m}), but a "
            f"{type(a).__name__} was given."
        )
    if a.shape != (n_a, m):
        raise ValueError(
            f"{where}: {name} must have shape ({n_a}, {m}) (n_a = {n_a} rows of Waa), but it "
            f"has shape {a.shape}."
        )


def _check_char_to_ix(char_to_ix, vocab_size, where):
    """`char_to_ix` maps characters to distinct indices in range(vocab_size), "\n" included."""
    if not isinstance(char_to_ix, dict):
        raise TypeError(
            f"{where}: char_to_ix must be a dict of character -> index, but a "
            f"{type(char_to_ix).__name__} was given."
        )
    if "\n" not in char_to_ix:
        raise ValueError(
            rf"{where}: char_to_ix has no '\n'; the newline is the end-of-name character."
        )
    values = list(char_to_ix.values())
    if not all(_is_index(v) and 0 <= v < vocab_size for v in values) or len(set(values)) != len(
        values
    ):
        raise ValueError(
            f"{where}: char_to_ix must map each character to a distinct index in "
            f"0..{vocab_size - 1} (the model's vocabulary), but it holds {sorted(values)[:30]}."
        )


def _check_ix_to_char(ix_to_char, char_to_ix, where):
    if not isinstance(ix_to_char, dict) or any(
        ix_to_char.get(i) != ch for ch, i in char_to_ix.items()
    ):
        raise ValueError(
            f"{where}: ix_to_char must be the inverse of char_to_ix (ix_to_char[char_to_ix[c]] "
            "== c for every character c)."
        )


def _check_names(names, char_to_ix, name, where):
    """Each element a str whose characters are all in `char_to_ix`."""
    if not isinstance(names, (list, tuple)):
        raise TypeError(
            f"{where}: {name} must be a list of str, but a {type(names).__name__} was given."
        )
    for i, text in enumerate(names):
        if not isinstance(text, str):
            raise TypeError(
                f"{where}: {name}[{i}] must be a str, but a {type(text).__name__} was given."
            )
        for ch in text.strip():
            if ch not in char_to_ix:
                raise ValueError(
                    f"{where}: unknown character {ch!r} in {name}[{i}] ({text!r}); char_to_ix "
                    f"has {''.join(sorted(char_to_ix)).strip()!r} and '\\n'."
                )


def _check_whole(value, name, where, minimum):
    if not _is_index(value):
        raise TypeError(
            f"{where}: {name} must be a whole number, but a {type(value).__name__} was given."
        )
    if value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, but {value!r} was given.")


# --- the course's utils ----------------------------------------------------------------


# --8<-- [start:softmax]
def softmax(x):
    r"""The course's `utils.softmax`: $\mathrm{softmax}(x)_i = e^{x_i} / \sum_j e^{x_j}$ by column.

    The same as [`dl_notes.activations.softmax`][dl_notes.activations.softmax] with `axis=0`.

    Parameters
    ----------
    x : ndarray, shape (n_y, m)
        Scores (logits), one column per example.

    Returns
    -------
    p : ndarray, shape (n_y, m)
        Positive, each column sums to 1.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (1, 2):
        raise ValueError(f"softmax: x must be 1-D or 2-D (n_y, m), but it has shape {x.shape}.")
    return _softmax(x, 0)


# --8<-- [end:softmax]


# --8<-- [start:smooth]
def smooth(loss, cur_loss):
    r"""The course's exponentially smoothed loss: $0.999\,\text{loss} + 0.001\,\text{cur\_loss}$.

    One name's loss jumps with its length and its letters; the smoothed value averages about
    the last thousand names.

    Parameters
    ----------
    loss : float
        The smoothed loss so far.
    cur_loss : float
        The loss of the latest name.

    Returns
    -------
    loss : float
    """
    return loss * 0.999 + cur_loss * 0.001


# --8<-- [end:smooth]


# --8<-- [start:get_sample]
def get_sample(sample_ix, ix_to_char):
    r"""The course's helper: the characters of `sample_ix`, joined, the first one capitalised.

    Parameters
    ----------
    sample_ix : list of int
        Character indices, as returned by [`sample`][dl_notes.char_lm.sample].
    ix_to_char : dict of int -> str

    Returns
    -------
    txt : str
        E.g. `"Maria\n"` (the newline the sample ends with is kept, as in the course).
    """
    if not sample_ix:
        raise ValueError("get_sample: sample_ix is empty.")
    for ix in sample_ix:
        if ix not in ix_to_char:
            raise ValueError(f"get_sample: index {ix!r} is not in ix_to_char.")
    txt = "".join(ix_to_char[ix] for ix in sample_ix)
    return txt[0].upper() + txt[1:]  # capitalize the first character


# --8<-- [end:get_sample]


# --8<-- [start:get_initial_loss]
def get_initial_loss(vocab_size, seq_length):
    r"""The loss of a model that guesses uniformly: $-T \log \frac{1}{V}$, the smoothing's start.

    Parameters
    ----------
    vocab_size : int
        $V$, the number of characters.
    seq_length : int
        $T \ge 0$, the number of predicted characters (the course passes `dino_names`, 7).

    Returns
    -------
    loss : float
        $T \log V$; for $V = 27$, $T = 7$: 23.07.
    """
    where = "get_initial_loss"
    check_positive(vocab_size, "vocab_size", where, integer=True)
    if isinstance(seq_length, bool) or not isinstance(seq_length, (int, float, np.number)):
        raise TypeError(f"{where}: seq_length must be a number, but {seq_length!r} was given.")
    if seq_length < 0:
        raise ValueError(f"{where}: seq_length must be >= 0, but {seq_length!r} was given.")
    return -np.log(1.0 / vocab_size) * seq_length


# --8<-- [end:get_initial_loss]


# --8<-- [start:initialize_parameters]
def initialize_parameters(n_a, n_x, n_y, *, seed=1):
    r"""The course's initialisation: small Gaussian weights ($\times 0.01$), zero biases.

    The course calls `np.random.seed(1)` and then `np.random.randn`; this draws the same numbers
    from a local `np.random.RandomState(seed)`, so NumPy's global generator is left alone.

    Parameters
    ----------
    n_a : int
        Number of hidden units.
    n_x : int
        Size of the input (the vocabulary, 27).
    n_y : int
        Size of the output (the vocabulary, 27).
    seed : int, default 1
        Keyword only (ours): the course's seed is 1.

    Returns
    -------
    parameters : dict
        `Wax` $(n_a, n_x)$, `Waa` $(n_a, n_a)$, `Wya` $(n_y, n_a)$, `b` $(n_a, 1)$,
        `by` $(n_y, 1)$.
    """
    where = "initialize_parameters"
    for name, value in (("n_a", n_a), ("n_x", n_x), ("n_y", n_y)):
        check_positive(value, name, where, integer=True)
    random = np.random.RandomState(check_seed(seed, where, minimum=0))  # the course: np.random.seed
    Wax = random.randn(n_a, n_x) * 0.01  # input to hidden
    Waa = random.randn(n_a, n_a) * 0.01  # hidden to hidden
    Wya = random.randn(n_y, n_a) * 0.01  # hidden to output
    b = np.zeros((n_a, 1))  # hidden bias
    by = np.zeros((n_y, 1))  # output bias
    return {"Wax": Wax, "Waa": Waa, "Wya": Wya, "b": b, "by": by}


# --8<-- [end:initialize_parameters]


# --8<-- [start:rnn_step_forward]
def rnn_step_forward(parameters, a_prev, x):
    r"""One step forward: the next hidden state and the next character's probabilities.

    $$a = \tanh(W_{ax} x + W_{aa} a_{prev} + b), \qquad
    \hat y = \mathrm{softmax}(W_{ya} a + b_y).$$

    Note the course's argument order here: `parameters` first (W1A1's `rnn_cell_forward` takes
    `xt, a_prev, parameters`).

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by` (see the module's table).
    a_prev : ndarray, shape (n_a, m)
        The previous hidden state ($m = 1$ in the course).
    x : ndarray, shape (n_x, m)
        The input: one-hot columns (or zeros at the first step).

    Returns
    -------
    a_next : ndarray, shape (n_a, m)
    p_t : ndarray, shape (n_y, m)
        The probabilities of the next character.
    """
    where = "rnn_step_forward"
    n_a, n_x, _ = _check_parameters(parameters, where)
    if not isinstance(x, np.ndarray) or x.ndim != 2 or x.shape[0] != n_x:
        raise ValueError(
            f"{where}: x must have shape ({n_x}, m) (n_x = the columns of Wax), but it has "
            f"shape {getattr(x, 'shape', type(x).__name__)}."
        )
    _check_state(a_prev, "a_prev", n_a, where, m=x.shape[1])
    return _rnn_step_forward(parameters, a_prev, x)


def _rnn_step_forward(parameters, a_prev, x):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    a_next = np.tanh(Wax @ x + Waa @ a_prev + b)  # hidden state
    p_t = _softmax(Wya @ a_next + by, 0)  # probabilities of the next character
    return a_next, p_t


# --8<-- [end:rnn_step_forward]


# --8<-- [start:rnn_step_backward]
def rnn_step_backward(dy, gradients, parameters, x, a, a_prev):
    r"""One step back through time; adds this step's share to `gradients` (in place, as the course).

    With $dy = \hat y - y$ (softmax and cross-entropy together) and $da_{next}$ the gradient
    flowing back from step $t+1$:

    $$
    da = W_{ya}^T dy + da_{next}, \qquad da_{raw} = (1 - a^2) \odot da,
    $$

    $$
    dW_{ya} \mathrel{+}= dy\, a^T, \quad db_y \mathrel{+}= dy, \quad
    dW_{ax} \mathrel{+}= da_{raw}\, x^T, \quad dW_{aa} \mathrel{+}= da_{raw}\, a_{prev}^T, \quad
    db \mathrel{+}= da_{raw}, \quad da_{next} = W_{aa}^T da_{raw}.
    $$

    Parameters
    ----------
    dy : ndarray, shape (n_y, 1)
        $\hat y^{\langle t \rangle} - y^{\langle t \rangle}$.
    gradients : dict
        `dWax`, `dWaa`, `dWya`, `db`, `dby` (the sums so far) and `da_next`, shape (n_a, 1).
    parameters : dict
    x : ndarray, shape (n_x, 1)
        This step's input.
    a : ndarray, shape (n_a, 1)
        This step's hidden state.
    a_prev : ndarray, shape (n_a, 1)
        The previous one.

    Returns
    -------
    gradients : dict
        The same dict, updated; `da_next` is now the gradient with respect to `a_prev`.
    """
    where = "rnn_step_backward"
    n_a, n_x, n_y = _check_parameters(parameters, where)
    _check_gradients(gradients, where, _shapes_of(parameters), need_da_next=True)
    expected = {"dy": (dy, (n_y, 1)), "x": (x, (n_x, 1)), "a": (a, (n_a, 1))}
    expected["a_prev"] = (a_prev, (n_a, 1))
    for name, (value, shape) in expected.items():
        if not isinstance(value, np.ndarray) or value.shape != shape:
            raise ValueError(
                f"{where}: {name} must have shape {shape}, but it has shape "
                f"{getattr(value, 'shape', type(value).__name__)}."
            )
    return _rnn_step_backward(dy, gradients, parameters, x, a, a_prev)


def _rnn_step_backward(dy, gradients, parameters, x, a, a_prev):
    gradients["dWya"] += dy @ a.T
    gradients["dby"] += dy
    da = parameters["Wya"].T @ dy + gradients["da_next"]  # backprop into a
    daraw = (1 - a * a) * da  # backprop through tanh
    gradients["db"] += daraw
    gradients["dWax"] += daraw @ x.T
    gradients["dWaa"] += daraw @ a_prev.T
    gradients["da_next"] = parameters["Waa"].T @ daraw
    return gradients


# --8<-- [end:rnn_step_backward]


def _check_gradients(gradients, where, shapes=None, need_da_next=False):
    """The five gradient keys (and `da_next`, which the course's `rnn_backward` adds)."""
    if not isinstance(gradients, dict):
        raise TypeError(
            f"{where}: gradients must be a dict with keys {', '.join(_GRADIENT_KEYS)}, but a "
            f"{type(gradients).__name__} was given."
        )
    allowed = set(_GRADIENT_KEYS) | {"da_next"}
    required = _GRADIENT_KEYS + (("da_next",) if need_da_next else ())
    missing = [k for k in required if k not in gradients]
    unknown = sorted(set(gradients) - allowed)
    if missing or unknown:
        raise ValueError(
            f"{where}: gradients must have the keys {', '.join(required)}"
            + ("" if need_da_next else " (and optionally da_next)")
            + f", but got {sorted(gradients)}"
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {unknown}" if unknown else "")
            + "."
        )
    for key in gradients:
        value = gradients[key]
        if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
            raise TypeError(
                f"{where}: gradients[{key!r}] must be a float NumPy array, but a "
                f"{type(value).__name__} was given."
            )
        if shapes and key in shapes and value.shape != shapes[key]:
            raise ValueError(
                f"{where}: gradients[{key!r}] must have shape {shapes[key]} (the shape of "
                f"parameters[{key[1:]!r}]), but it has shape {value.shape}."
            )


def _shapes_of(parameters):
    return {"d" + k: parameters[k].shape for k in _PARAMETER_KEYS}


# --8<-- [start:update_parameters]
def update_parameters(parameters, gradients, lr):
    r"""One step of gradient descent, $W \leftarrow W - \alpha\, dW$, in place (as in the course).

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`; changed in place.
    gradients : dict
        `dWax`, `dWaa`, `dWya`, `db`, `dby` of the same shapes (`da_next` is ignored).
    lr : float
        The learning rate $\alpha > 0$.

    Returns
    -------
    parameters : dict
        The same dict.
    """
    where = "update_parameters"
    _check_parameters(parameters, where)
    _check_gradients(gradients, where, _shapes_of(parameters))
    check_positive(lr, "lr", where)
    return _update_parameters(parameters, gradients, lr)


def _update_parameters(parameters, gradients, lr):
    parameters["Wax"] += -lr * gradients["dWax"]
    parameters["Waa"] += -lr * gradients["dWaa"]
    parameters["Wya"] += -lr * gradients["dWya"]
    parameters["b"] += -lr * gradients["db"]
    parameters["by"] += -lr * gradients["dby"]
    return parameters


# --8<-- [end:update_parameters]


# --8<-- [start:rnn_forward]
def rnn_forward(X, Y, a0, parameters, vocab_size=27):
    r"""Forward pass over one name, and its loss $-\sum_t \log \hat y^{\langle t \rangle}_{Y_t}$.

    `X[t]` becomes the one-hot $x^{\langle t \rangle}$ (`None` gives the zero vector, the
    first input); the loss adds the log-probability the model gave to the true next character.

    Parameters
    ----------
    X : list of int or None, length T_x
        Input character indices, `X[0] = None` in the course.
    Y : list of int, length T_x
        The characters to predict: `X[1:]` and the newline's index.
    a0 : ndarray, shape (n_a, 1)
        The hidden state before the first step.
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`.
    vocab_size : int, default 27
        $n_x$, the size of the one-hot inputs (must equal the columns of `Wax`).

    Returns
    -------
    loss : float
        The cross-entropy of the name, summed over its $T_x$ steps.
    cache : tuple
        `(y_hat, a, x)`: dicts keyed by the step `t` holding $\hat y^{\langle t \rangle}$
        $(n_y, 1)$, $a^{\langle t \rangle}$ $(n_a, 1)$ (and `a[-1] = a0`) and
        $x^{\langle t \rangle}$ $(n_x, 1)$.
    """
    where = "rnn_forward"
    n_a, n_x, n_y = _check_parameters(parameters, where)
    if vocab_size != n_x:
        raise ValueError(
            f"{where}: vocab_size is {vocab_size!r} but Wax has {n_x} columns (n_x); the one-hot "
            f"inputs must have n_x = vocab_size entries."
        )
    _check_sequence(X, Y, n_x, n_y, where)
    _check_state(a0, "a0", n_a, where)
    return _rnn_forward(X, Y, a0, parameters, vocab_size)


def _rnn_forward(X, Y, a0, parameters, vocab_size=27):
    x, a, y_hat = {}, {}, {}
    a[-1] = np.copy(a0)
    loss = 0.0
    for t in range(len(X)):
        # x[t] is the one-hot vector of X[t]; None (the first step) gives the zero vector
        x[t] = np.zeros((vocab_size, 1))
        if X[t] is not None:  # the course writes X[t] != None
            x[t][X[t]] = 1
        a[t], y_hat[t] = _rnn_step_forward(parameters, a[t - 1], x[t])
        loss -= np.log(y_hat[t][Y[t], 0])  # cross-entropy of this step
    cache = (y_hat, a, x)
    return loss, cache


# --8<-- [end:rnn_forward]


# --8<-- [start:rnn_backward]
def rnn_backward(X, Y, parameters, cache):
    r"""Backpropagation through time over one name: the gradients of the summed loss.

    Walks the steps from last to first, starting each with $dy = \hat y^{\langle t \rangle} -
    \text{onehot}(Y_t)$ and calling [`rnn_step_backward`][dl_notes.char_lm.rnn_step_backward].
    The gradients are sums over the steps (no average).

    Parameters
    ----------
    X : list of int or None, length T_x
    Y : list of int, length T_x
    parameters : dict
    cache : tuple
        `(y_hat, a, x)` from [`rnn_forward`][dl_notes.char_lm.rnn_forward] on the same `X`, `Y`.

    Returns
    -------
    gradients : dict
        `dWax` $(n_a, n_x)$, `dWaa` $(n_a, n_a)$, `dWya` $(n_y, n_a)$, `db` $(n_a, 1)$,
        `dby` $(n_y, 1)$, and `da_next` $(n_a, 1)$: the gradient with respect to `a0`.
    a : dict
        The hidden states of the cache, `a[-1]` to `a[T_x - 1]`.
    """
    where = "rnn_backward"
    n_a, n_x, n_y = _check_parameters(parameters, where)
    _check_sequence(X, Y, n_x, n_y, where)
    if not (
        isinstance(cache, tuple) and len(cache) == 3 and all(isinstance(c, dict) for c in cache)
    ):
        raise ValueError(
            f"{where}: cache must be the tuple (y_hat, a, x) of dicts from rnn_forward."
        )
    y_hat, a, x = cache
    T_x = len(X)
    if len(y_hat) != T_x or len(x) != T_x or len(a) != T_x + 1:
        raise ValueError(
            f"{where}: the cache holds {len(y_hat)} steps but X has {T_x}; pass the cache of "
            f"rnn_forward on the same X and Y."
        )
    for t in range(T_x):
        if t not in y_hat or y_hat[t].shape != (n_y, 1) or a[t].shape != (n_a, 1):
            raise ValueError(
                f"{where}: cache step {t} does not fit the parameters (expected y_hat[{t}] "
                f"({n_y}, 1) and a[{t}] ({n_a}, 1))."
            )
    return _rnn_backward(X, Y, parameters, cache)


def _rnn_backward(X, Y, parameters, cache):
    (y_hat, a, x) = cache
    gradients = {"d" + k: np.zeros_like(parameters[k]) for k in _PARAMETER_KEYS}
    gradients["da_next"] = np.zeros_like(a[0])
    for t in reversed(range(len(X))):  # backpropagation through time
        dy = np.copy(y_hat[t])
        dy[Y[t]] -= 1  # softmax + cross-entropy: dz = y_hat - y
        gradients = _rnn_step_backward(dy, gradients, parameters, x[t], a[t], a[t - 1])
    return gradients, a


# --8<-- [end:rnn_backward]


# --- the graded functions --------------------------------------------------------------


# --8<-- [start:clip]
def clip(gradients, maxValue):
    r"""Clip each gradient entry to $[-\text{maxValue}, \text{maxValue}]$: no exploding steps.

    Returns new arrays; the input is not changed (the current course version deep-copies the
    dict first). As in the course, the result holds the five parameter gradients only:
    `da_next`, which `rnn_backward` adds, is accepted and dropped.

    Parameters
    ----------
    gradients : dict
        `dWax`, `dWaa`, `dWya`, `db`, `dby` (and optionally `da_next`), float arrays.
    maxValue : float
        The bound, $> 0$ (the course uses 5).

    Returns
    -------
    gradients : dict
        A new dict of the five clipped arrays, same shapes.
    """
    where = "clip"
    _check_gradients(gradients, where)
    check_positive(maxValue, "maxValue", where)
    return _clip(gradients, maxValue)


def _clip(gradients, maxValue):
    # np.clip without out=: new arrays, the caller's gradients stay as they were
    return {k: np.clip(gradients[k], -maxValue, maxValue) for k in _GRADIENT_KEYS}


# --8<-- [end:clip]


# --8<-- [start:sample]
def sample(parameters, char_to_ix, seed, *, temperature=1.0):
    r"""Sample one name, character by character, from the model's own predictions.

    Starts from $x^{\langle 1 \rangle} = \vec 0$ and $a^{\langle 0 \rangle} = \vec 0$; at each
    step draws the next index from $\hat y^{\langle t \rangle}$, feeds its one-hot vector back
    as the next input, and stops at the newline or after 50 characters (then a newline is
    appended).

    Seeds as in the course: step $k$ draws with `np.random.seed(counter + seed)` where both
    `counter` and `seed` grow by one per step, i.e. with seed $\text{seed} + 2k$. Here each draw
    uses a local `np.random.RandomState` of that seed, so the indices are the course's and the
    global generator is untouched.

    Beyond the course, `temperature` $\tau$ divides the logits: $\hat y = \mathrm{softmax}(z /
    \tau)$. $\tau < 1$ sharpens the distribution (safer, more repetitive names), $\tau > 1$
    flattens it (more varied, more mistakes); $\tau = 1$ is the course's sampling.

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`, with $n_x = n_y$ = the vocabulary size.
    char_to_ix : dict of str -> int
        Must contain `"\n"`.
    seed : int
        The course's seed (the lab increments it by one per name).
    temperature : float, default 1.0
        Keyword only (ours), $> 0$.

    Returns
    -------
    indices : list of int
        The sampled character indices, ending with the newline's index; at most 51 entries.
    """
    where = "sample"
    _, n_x, n_y = _check_parameters(parameters, where)
    if n_x != n_y:
        raise ValueError(
            f"{where}: the sampled output is fed back as the next input, so n_x (columns of Wax, "
            f"{n_x}) must equal n_y (rows of Wya, {n_y})."
        )
    _check_char_to_ix(char_to_ix, n_y, where)
    seed = check_seed(seed, where, minimum=0)
    check_positive(temperature, "temperature", where)
    return _sample(parameters, char_to_ix, seed, temperature)


def _sample(parameters, char_to_ix, seed, temperature=1.0):
    Waa, Wax, Wya, by, b = (parameters[k] for k in ("Waa", "Wax", "Wya", "by", "b"))
    vocab_size = by.shape[0]
    n_a = Waa.shape[1]
    x = np.zeros((vocab_size, 1))  # the first input: zeros
    a_prev = np.zeros((n_a, 1))
    indices = []
    idx = -1
    counter = 0
    newline_character = char_to_ix["\n"]
    while idx != newline_character and counter != MAX_LENGTH:
        a = np.tanh(Wax @ x + Waa @ a_prev + b)
        z = Wya @ a + by
        y = _softmax(z / temperature, 0)  # temperature: ours; 1.0 is the course
        # the course: np.random.seed(counter + seed); np.random.choice(...). A local
        # RandomState with the same seed draws the same index without touching the global one.
        random = np.random.RandomState(counter + seed)
        idx = int(random.choice(vocab_size, p=y.ravel()))
        indices.append(idx)
        x = np.zeros((vocab_size, 1))  # the sampled character is the next input
        x[idx] = 1
        a_prev = a
        seed += 1
        counter += 1
    if counter == MAX_LENGTH:
        indices.append(newline_character)
    return indices


# --8<-- [end:sample]


# --8<-- [start:optimize]
def optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    r"""One training step on one name: forward, backward, clip to $[-5, 5]$, update.

    Parameters
    ----------
    X : list of int or None, length T_x
        Input indices, `X[0] = None`.
    Y : list of int, length T_x
        Targets: `X[1:]` and the newline's index.
    a_prev : ndarray, shape (n_a, 1)
        The hidden state to start from (the course carries it from one name to the next).
    parameters : dict
        Updated in place.
    learning_rate : float, default 0.01

    Returns
    -------
    loss : float
        The name's loss before the update.
    gradients : dict
        The clipped gradients `dWax`, `dWaa`, `dWya`, `db`, `dby`.
    a_last : ndarray, shape (n_a, 1)
        `a[len(X) - 1]`, the last hidden state.
    """
    where = "optimize"
    n_a, n_x, n_y = _check_parameters(parameters, where)
    _check_sequence(X, Y, n_x, n_y, where)
    _check_state(a_prev, "a_prev", n_a, where)
    check_positive(learning_rate, "learning_rate", where)
    return _optimize(X, Y, a_prev, parameters, learning_rate)


def _optimize(X, Y, a_prev, parameters, learning_rate=0.01):
    vocab_size = parameters["Wax"].shape[1]
    loss, cache = _rnn_forward(X, Y, a_prev, parameters, vocab_size)  # forward through time
    gradients, a = _rnn_backward(X, Y, parameters, cache)  # backpropagate through time
    gradients = _clip(gradients, 5)  # between -5 and 5
    parameters = _update_parameters(parameters, gradients, learning_rate)
    return loss, gradients, a[len(X) - 1]


# --8<-- [end:optimize]


def _check_training(data_x, char_to_ix, vocab_size, num_iterations, n_a, where):
    check_positive(vocab_size, "vocab_size", where, integer=True)
    _check_char_to_ix(char_to_ix, vocab_size, where)
    if len(char_to_ix) != vocab_size:
        raise ValueError(
            f"{where}: vocab_size is {vocab_size} but char_to_ix has {len(char_to_ix)} "
            "characters; they must agree."
        )
    _check_names(data_x, char_to_ix, "data_x", where)
    if not data_x:
        raise ValueError(f"{where}: data_x is empty; give it the training names.")
    _check_whole(num_iterations, "num_iterations", where, 1)
    _check_whole(n_a, "n_a", where, 1)


def _train(
    examples, char_to_ix, num_iterations, n_a, vocab_size, learning_rate, every, on_sample,
    n_names=7, verbose=False,
):  # fmt: skip
    """The course's loop; calls `on_sample(j, loss, parameters)` when `j % every == 0`.

    Returns the parameters and the smoothed and raw losses of every iteration. `verbose`
    prints the course's debugging lines.
    """
    n_x, n_y = vocab_size, vocab_size
    parameters = initialize_parameters(n_a, n_x, n_y)
    loss = get_initial_loss(vocab_size, n_names)  # the course passes dino_names as seq_length
    examples = [x.strip() for x in examples]
    # the course: np.random.seed(0); np.random.shuffle(examples). Same order, local generator.
    np.random.RandomState(0).shuffle(examples)
    a_prev = np.zeros((n_a, 1))  # carried from one name to the next, as in the course
    ix_newline = char_to_ix["\n"]
    smoothed, raw = np.empty(num_iterations), np.empty(num_iterations)
    for j in range(num_iterations):
        idx = j % len(examples)
        X = [None] + [char_to_ix[ch] for ch in examples[idx]]  # None: the zero first input
        Y = X[1:] + [ix_newline]  # the next characters, then the end of the name
        if verbose and j in (0, len(examples) - 1, len(examples)):  # the course's debug lines
            print("j = ", j, "idx = ", idx)
        if verbose and j == 0:
            print("single_example_chars", list(examples[idx]))
            print("single_example_ix", X[1:])
            print(" X = ", X, "\n", "Y =       ", Y, "\n")
        curr_loss, gradients, a_prev = _optimize(X, Y, a_prev, parameters, learning_rate)
        loss = smooth(loss, curr_loss)  # the course's "latency trick" to keep the loss smooth
        smoothed[j], raw[j] = loss, curr_loss
        if every and j % every == 0:
            on_sample(j, loss, parameters)
    return parameters, smoothed, raw


# --8<-- [start:model]
def model(
    data_x,
    ix_to_char,
    char_to_ix,
    num_iterations=35000,
    n_a=50,
    dino_names=7,
    vocab_size=27,
    verbose=False,
):
    r"""Train the character-level model on a list of names, printing samples as it goes.

    The course's loop: shuffle the names once (the course's seed 0), then for each iteration
    $j$ take name $j \bmod n$, set `X = [None] + indices` and `Y = X[1:] + [newline]`, and call
    [`optimize`][dl_notes.char_lm.optimize] with learning rate 0.01, carrying the last hidden
    state to the next name. Every 1000 iterations it prints the smoothed loss and `dino_names`
    samples (seeds 0, 1, ...). With `verbose=True` it also prints the course's debugging lines
    (the indices of the first name, `X` and `Y`).

    [`train_char_lm`][dl_notes.char_lm.train_char_lm] runs the same loop and returns the
    loss curve and the samples instead of printing them.

    Parameters
    ----------
    data_x : list of str
        The names (the course passes `data.split("\n")`); each is stripped.
    ix_to_char : dict of int -> str
    char_to_ix : dict of str -> int
        The vocabulary, `"\n"` included; `ix_to_char` is its inverse.
    num_iterations : int, default 35000
    n_a : int, default 50
        Hidden units.
    dino_names : int, default 7
        Names sampled at each report.
    vocab_size : int, default 27
    verbose : bool, default False

    Returns
    -------
    parameters : dict
        The trained `Wax`, `Waa`, `Wya`, `b`, `by`.
    last_dino_name : str
        The last name sampled (capitalised, with its newline), `"abc"` if none was.
    """
    where = "model"
    _check_training(data_x, char_to_ix, vocab_size, num_iterations, n_a, where)
    _check_ix_to_char(ix_to_char, char_to_ix, where)
    _check_whole(dino_names, "dino_names", where, 0)
    last = ["abc"]  # the course's placeholder, for grading

    def report(j, loss, parameters):
        print(f"Iteration: {j}, Loss: {loss:f}\n")
        for seed in range(dino_names):  # the course increments the seed by one per name
            last[0] = get_sample(_sample(parameters, char_to_ix, seed), ix_to_char)
            print(last[0].replace("\n", ""))
        print("\n")

    parameters, _, _ = _train(
        data_x, char_to_ix, num_iterations, n_a, vocab_size, learning_rate=0.01, every=1000,
        on_sample=report, n_names=dino_names, verbose=verbose,
    )  # fmt: skip
    return parameters, last[0]


# --8<-- [end:model]


# --- beyond the assignment -------------------------------------------------------------


def train_char_lm(
    data_x, char_to_ix, num_iterations=35000, n_a=50, learning_rate=0.01, sample_every=1000,
    n_samples=7,
):  # fmt: skip
    r"""The course's training loop, returning the loss curve, samples and checkpoints.

    Exactly the loop of [`model`][dl_notes.char_lm.model] (same shuffle, same initial
    parameters, same updates: with `learning_rate=0.01` the trained parameters are equal), but
    silent. Every `sample_every` iterations it keeps `n_samples` names sampled with the course's
    seeds 0, 1, ... and a copy of the parameters, so a lab can measure how the samples improve.

    Parameters
    ----------
    data_x : list of str
        The training names.
    char_to_ix : dict of str -> int
        The vocabulary (its size is the model's $n_x = n_y$).
    num_iterations : int, default 35000
    n_a : int, default 50
    learning_rate : float, default 0.01
    sample_every : int, default 1000
        Iterations between two reports (samples and a checkpoint), from iteration 0.
    n_samples : int, default 7

    Returns
    -------
    history : dict
        `"parameters"`: the trained parameters; `"loss"`: ndarray (num_iterations,), the
        smoothed loss after each iteration (starting, as in the course, from
        `get_initial_loss(vocab_size, n_samples)`); `"raw_loss"`: ndarray (num_iterations,),
        each name's own loss; `"samples"`: dict iteration -> list of `n_samples` names (str,
        no newline); `"checkpoints"`: dict iteration -> a copy of the parameters then.
    """
    where = "train_char_lm"
    vocab_size = len(char_to_ix) if isinstance(char_to_ix, dict) else 0
    _check_training(data_x, char_to_ix, vocab_size, num_iterations, n_a, where)
    check_positive(learning_rate, "learning_rate", where)
    _check_whole(sample_every, "sample_every", where, 1)
    _check_whole(n_samples, "n_samples", where, 0)
    ix_to_char = {i: ch for ch, i in char_to_ix.items()}
    samples, checkpoints = {}, {}

    def report(j, loss, parameters):
        checkpoints[j] = {k: v.copy() for k, v in parameters.items()}
        samples[j] = [
            "".join(ix_to_char[i] for i in _sample(parameters, char_to_ix, seed)).rstrip("\n")
            for seed in range(n_samples)
        ]

    parameters, smoothed, raw = _train(
        data_x, char_to_ix, num_iterations, n_a, vocab_size, learning_rate, every=sample_every,
        on_sample=report, n_names=n_samples,
    )  # fmt: skip
    return {
        "parameters": parameters,
        "loss": smoothed,
        "raw_loss": raw,
        "samples": samples,
        "checkpoints": checkpoints,
    }


def _check_model_and_vocabulary(parameters, char_to_ix, where):
    _, n_x, n_y = _check_parameters(parameters, where)
    if n_x != n_y:
        raise ValueError(
            f"{where}: n_x (columns of Wax, {n_x}) must equal n_y (rows of Wya, {n_y}): the "
            "model reads and predicts the same characters."
        )
    _check_char_to_ix(char_to_ix, n_y, where)
    return n_y


def sample_names(parameters, char_to_ix, n, seed=0, *, temperature=1.0):
    r"""Sample `n` independent names at once, from one seeded generator.

    The same process as [`sample`][dl_notes.char_lm.sample] (zero start, feed back the sampled
    character, stop at the newline or after 50 characters), run on all `n` names together as
    the columns of $a$ $(n_a, n)$. The course's per-name seeds overlap (name $s$ draws its
    second character with the seed name $s + 2$ draws its first with); one
    `np.random.Generator` gives independent draws, which a measure over many samples needs.

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`, with $n_x = n_y$.
    char_to_ix : dict of str -> int
        The vocabulary, `"\n"` included.
    n : int
        How many names.
    seed : int or numpy.random.Generator, default 0
    temperature : float, default 1.0
        $\tau$ in $\mathrm{softmax}(z / \tau)$.

    Returns
    -------
    names : list of str
        `n` names without their newline (possibly empty strings; 50 characters at most).
    """
    where = "sample_names"
    vocab_size = _check_model_and_vocabulary(parameters, char_to_ix, where)
    _check_whole(n, "n", where, 1)
    check_positive(temperature, "temperature", where)
    if isinstance(seed, np.random.Generator):
        rng = seed
    else:
        rng = np.random.default_rng(check_seed(seed, where, minimum=0))
    return _sample_names(parameters, char_to_ix, n, rng, temperature, vocab_size)


def _sample_names(parameters, char_to_ix, n, rng, temperature, vocab_size):
    ix_to_char = {i: ch for ch, i in char_to_ix.items()}
    newline = char_to_ix["\n"]
    n_a = parameters["Waa"].shape[0]
    x = np.zeros((vocab_size, n))  # (n_x, m): the first inputs are zeros
    a = np.zeros((n_a, n))
    chosen = np.full((MAX_LENGTH, n), newline)
    done = np.zeros(n, bool)
    for t in range(MAX_LENGTH):
        a, y = _rnn_step_forward_tau(parameters, a, x, temperature)  # (n_a, m), (n_y, m)
        cdf = np.cumsum(y, axis=0)  # inverse-CDF sampling, one uniform per column
        idx = np.minimum((cdf < rng.random(n) * cdf[-1]).sum(axis=0), vocab_size - 1)
        idx[done] = newline
        chosen[t] = idx
        done |= idx == newline
        if done.all():
            break
        x = np.zeros((vocab_size, n))
        x[idx, np.arange(n)] = 1
    names = []
    for column in chosen.T:
        end = np.flatnonzero(column == newline)
        length = end[0] if end.size else MAX_LENGTH
        names.append("".join(ix_to_char[int(i)] for i in column[:length]))
    return names


def _rnn_step_forward_tau(parameters, a_prev, x, temperature):
    a = np.tanh(parameters["Wax"] @ x + parameters["Waa"] @ a_prev + parameters["b"])
    return a, _softmax((parameters["Wya"] @ a + parameters["by"]) / temperature, 0)


def next_char_probabilities(parameters, char_to_ix, prefix="", *, temperature=1.0):
    r"""The model's distribution of the next character after reading `prefix` (from a zero state).

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`, with $n_x = n_y$.
    char_to_ix : dict of str -> int
    prefix : str, default ""
        The start of a name; `""` gives the distribution of first letters.
    temperature : float, default 1.0

    Returns
    -------
    p : ndarray, shape (n_y,)
        $\mathrm{softmax}(z / \tau)$ at the step after the prefix; sums to 1.
    """
    where = "next_char_probabilities"
    vocab_size = _check_model_and_vocabulary(parameters, char_to_ix, where)
    if not isinstance(prefix, str):
        raise TypeError(f"{where}: prefix must be a str, but a {type(prefix).__name__} was given.")
    _check_names([prefix], char_to_ix, "prefix", where)
    check_positive(temperature, "temperature", where)
    x = np.zeros((vocab_size, 1))
    a = np.zeros((parameters["Waa"].shape[0], 1))
    for ch in prefix:
        a, _ = _rnn_step_forward_tau(parameters, a, x, temperature)
        x = np.zeros((vocab_size, 1))
        x[char_to_ix[ch]] = 1
    _, y = _rnn_step_forward_tau(parameters, a, x, temperature)
    return y[:, 0]


def perplexity(parameters, names, char_to_ix):
    r"""Character-level perplexity of the model on `names`: $\exp$ of the mean loss per character.

    Each name is read from a zero hidden state, as [`sample`][dl_notes.char_lm.sample] starts,
    and every character is predicted, its final newline included:

    $$\mathrm{PP} = \exp\left(\frac{1}{N} \sum_{\text{names}} \sum_t -\log
    \hat y^{\langle t \rangle}_{y^{\langle t \rangle}}\right),$$

    with $N$ the number of predicted characters (the letters plus one newline per name). A model
    that guesses uniformly among $V$ characters has perplexity exactly $V$ (27); a perfect one, 1.
    It is the number of characters the model hesitates between, on average.

    Parameters
    ----------
    parameters : dict
        `Wax`, `Waa`, `Wya`, `b`, `by`, with $n_x = n_y$.
    names : list of str
        E.g. the held-out names of [`load_names`][dl_notes.data.names.load_names]`("test")`.
    char_to_ix : dict of str -> int

    Returns
    -------
    perplexity : float
    """
    where = "perplexity"
    vocab_size = _check_model_and_vocabulary(parameters, char_to_ix, where)
    _check_names(names, char_to_ix, "names", where)
    if not names:
        raise ValueError(f"{where}: names is empty.")
    # all names together, as the columns of a batch; shorter names are masked after their end
    names = [name.strip() for name in names]
    m, T = len(names), max(len(name) for name in names) + 1
    targets = np.full((T, m), char_to_ix["\n"])
    mask = np.zeros((T, m), bool)
    for i, name in enumerate(names):
        targets[: len(name), i] = [char_to_ix[ch] for ch in name]
        mask[: len(name) + 1, i] = True  # the letters and the final newline
    x = np.zeros((vocab_size, m))  # (n_x, m): the zero first input
    a = np.zeros((parameters["Waa"].shape[0], m))
    total = 0.0
    for t in range(T):
        a, y = _rnn_step_forward_tau(parameters, a, x, 1.0)
        total -= np.log(y[targets[t], np.arange(m)])[mask[t]].sum()
        x = np.zeros((vocab_size, m))
        x[targets[t], np.arange(m)] = 1
    return float(math.exp(total / mask.sum()))


def _bigrams(name):
    text = "\n" + name + "\n"  # the start and the end of a name are pairs too
    return {text[i : i + 2] for i in range(len(text) - 1)}


def sample_quality(samples, training_names):
    r"""How many samples are new names made only of letter pairs seen in training.

    A sample is *new* if it is not one of the training names; it is *plausible* if every pair
    of neighbouring characters in `"\n" + name + "\n"` occurs in some training name written
    the same way. So a plausible name starts with a letter some training name starts with,
    ends with a letter some training name ends with, and has no pair such as `"qx"` that no
    training name has. The empty name is never plausible (`"\n\n"` never occurs). A model
    that learned nothing (uniform letters) almost never writes a plausible name; one that only
    memorised its training set writes no new ones.

    Parameters
    ----------
    samples : list of str
        Sampled names without newlines (e.g. from
        [`sample_names`][dl_notes.char_lm.sample_names]).
    training_names : list of str

    Returns
    -------
    quality : dict of str -> float
        `"new"`, `"plausible"`, `"new_and_plausible"`: the share of `samples` that are new,
        plausible, and both; `"distinct"`: the share of distinct samples;
        `"mean_length"`: their mean length in characters.
    """
    where = "sample_quality"
    for name, value in (("samples", samples), ("training_names", training_names)):
        if not isinstance(value, (list, tuple)) or not all(isinstance(s, str) for s in value):
            raise TypeError(f"{where}: {name} must be a list of str.")
        if not value:
            raise ValueError(f"{where}: {name} is empty.")
    training = {name.strip() for name in training_names}
    seen = set().union(*(_bigrams(name) for name in training))
    new = np.array([s not in training for s in samples])
    plausible = np.array([_bigrams(s) <= seen for s in samples])
    return {
        "new": float(new.mean()),
        "plausible": float(plausible.mean()),
        "new_and_plausible": float((new & plausible).mean()),
        "distinct": len(set(samples)) / len(samples),
        "mean_length": float(np.mean([len(s) for s in samples])),
    }


def plot_temperatures(parameters, char_to_ix, temperatures=(0.5, 1.0, 2.0), prefix="", ax=None):
    r"""Bar chart of the next-character distribution at several temperatures.

    Parameters
    ----------
    parameters : dict
    char_to_ix : dict of str -> int
    temperatures : tuple of float, default (0.5, 1.0, 2.0)
    prefix : str, default ""
        The start of a name whose next character is shown (`""`: the first letter).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    ax : matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    where = "plot_temperatures"
    if not isinstance(temperatures, (tuple, list)) or not temperatures:
        raise ValueError(f"{where}: temperatures must be a non-empty tuple of numbers.")
    probs = [
        next_char_probabilities(parameters, char_to_ix, prefix, temperature=tau)
        for tau in temperatures
    ]
    labels = [repr(ch)[1:-1] for ch, _ in sorted(char_to_ix.items(), key=lambda kv: kv[1])]
    ax = ax or plt.subplots(figsize=(7, 3))[1]
    width = 0.8 / len(temperatures)
    positions = np.arange(len(labels))
    for k, (tau, p) in enumerate(zip(temperatures, probs)):
        ax.bar(positions + (k - (len(temperatures) - 1) / 2) * width, p, width, label=f"τ = {tau}")
    ax.set_xticks(positions, labels)
    ax.set_ylabel("probability")
    shown = f"after {prefix!r}" if prefix else "first character"
    ax.set_title(f"next-character distribution, {shown}")
    ax.legend()
    return ax
