r"""Parameter updates: gradient descent, momentum, RMSprop and Adam; mini-batches and learning-rate
decay.

Taught in: Course 1, [week 3](../../course1/week3.md) and
[week 4](../../course1/week4.md) (plain gradient descent), and
Course 2, [week 2](../../course2/week2.md): mini-batches, exponentially weighted
averages, momentum, RMSprop, Adam and learning-rate decay.

Every update takes the parameters and the gradients as the dicts used throughout
dl_notes (`"W1", "b1", ...` and `"dW1", "db1", ...`) and returns new parameters;
the inputs are left unchanged. The optimizers that keep a state share one signature
style, *state in, state out*:

| update | state | returns |
|---|---|---|
| [`update_parameters_with_gd`][dl_notes.optimizers.update_parameters_with_gd] | none | `parameters` |
| [`update_parameters_with_momentum`][dl_notes.optimizers.update_parameters_with_momentum] | `v` | `parameters, v` |
| [`update_parameters_with_rmsprop`][dl_notes.optimizers.update_parameters_with_rmsprop] | `s` | `parameters, s` |
| [`update_parameters_with_adam`][dl_notes.optimizers.update_parameters_with_adam] | `v, s, t` | `parameters, v, s, v_corrected, s_corrected` |

A state dict has the gradients' keys (`"dW1", "db1", ...`) and starts at zero
([`initialize_velocity`][dl_notes.optimizers.initialize_velocity],
[`initialize_rmsprop`][dl_notes.optimizers.initialize_rmsprop],
[`initialize_adam`][dl_notes.optimizers.initialize_adam]). The default hyperparameters
are set once, in the module constants `LEARNING_RATE`, `BETA`, `BETA1`, `BETA2` and
`EPSILON`.
"""  # noqa: E501 (markdown table rows cannot wrap)

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    as_rng,
    check_interval,
    check_ndim,
    check_positive,
    check_same_shape,
)

__all__ = [
    "LEARNING_RATE",
    "BETA",
    "BETA1",
    "BETA2",
    "EPSILON",
    "update_parameters",
    "update_parameters_with_gd",
    "random_mini_batches",
    "exponentially_weighted_average",
    "initialize_velocity",
    "update_parameters_with_momentum",
    "initialize_rmsprop",
    "update_parameters_with_rmsprop",
    "initialize_adam",
    "update_parameters_with_adam",
    "update_lr",
    "schedule_lr_decay",
]

#: Default learning rate $\alpha$ of the Course 2 optimizers (the course's Adam default).
LEARNING_RATE = 0.01
#: Default $\beta$ of momentum (an average over about $1/(1-\beta) = 10$ steps).
BETA = 0.9
#: Default $\beta_1$ of Adam: the decay of the first moment (the average gradient).
BETA1 = 0.9
#: Default $\beta_2$ of RMSprop and Adam: the decay of
#: the second moment (the average squared gradient).
BETA2 = 0.999
#: Default $\varepsilon$ of RMSprop and Adam, which keeps the division finite.
EPSILON = 1e-8


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate):
    r"""One step of gradient descent: $W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}$,
    $b^{[l]} \leftarrow b^{[l]} - \alpha\, db^{[l]}$.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    learning_rate : float
        $\alpha$.

    Returns
    -------
    parameters : dict
        A new dict with the updated arrays.
    """
    _check_update(parameters, grads, learning_rate)
    return _update_parameters(parameters, grads, learning_rate)


def _update_parameters(parameters, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


# --8<-- [end:update_parameters]


def update_parameters_with_gd(parameters, grads, learning_rate):
    r"""One step of (mini-batch) gradient descent, under the name the Course 2 lab uses.

    $$W^{[l]} \leftarrow W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} \leftarrow b^{[l]} - \alpha\,
    db^{[l]}$$

    The same update as [`update_parameters`][dl_notes.optimizers.update_parameters]; with
    mini-batches, `grads` are the gradients of one mini-batch's cost.

    Parameters
    ----------
    parameters : dict
        `W{l}` of shape (n[l], n[l-1]) and `b{l}` of shape (n[l], 1).
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    learning_rate : float
        $\alpha$.

    Returns
    -------
    parameters : dict
        A new dict with the updated arrays.
    """
    return update_parameters(parameters, grads, learning_rate)


# --8<-- [start:random_mini_batches]
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    r"""Shuffle the examples, then cut them into mini-batches of `mini_batch_size` columns.

    The same permutation is applied to the columns of `X` and `Y`, so every example keeps
    its label. With $m$ examples there are $\lfloor m / \text{mini\_batch\_size} \rfloor$
    full mini-batches and, when `mini_batch_size` does not divide $m$, one last smaller
    mini-batch with the $m \bmod \text{mini\_batch\_size}$ examples left over. Every example
    appears in exactly one mini-batch.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (n_y, m)
        Labels, one column per example.
    mini_batch_size : int, default 64
        Examples per mini-batch (powers of two are customary: 64, 128, 256, 512).
    seed : int or numpy.random.Generator or None, default 0
        Seeds the shuffle. Pass a new seed (or one Generator) each epoch to reshuffle.

    Returns
    -------
    mini_batches : list of tuple
        `(mini_batch_X, mini_batch_Y)` pairs with shapes `(n_x, mini_batch_size)` and
        `(n_y, mini_batch_size)`; the last pair may have fewer columns.

    Examples
    --------
    >>> import numpy as np
    >>> X, Y = np.zeros((2, 10)), np.zeros((1, 10))
    >>> [mb_X.shape[1] for mb_X, mb_Y in random_mini_batches(X, Y, mini_batch_size=4)]
    [4, 4, 2]
    """
    where = "random_mini_batches"
    X = as_array(X, "X", where)
    Y = as_array(Y, "Y", where)
    check_ndim(X, 2, "X", where, "(n_x, m)")
    check_ndim(Y, 2, "Y", where, "(n_y, m)")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"{where}: X and Y must have the same number of examples (columns), but X has "
            f"shape {X.shape} and Y has shape {Y.shape}."
        )
    check_positive(mini_batch_size, "mini_batch_size", where, integer=True)
    return _random_mini_batches(X, Y, int(mini_batch_size), as_rng(seed, where))


def _random_mini_batches(X, Y, mini_batch_size, rng):
    m = X.shape[1]
    permutation = rng.permutation(m)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    return [
        (shuffled_X[:, k : k + mini_batch_size], shuffled_Y[:, k : k + mini_batch_size])
        for k in range(0, m, mini_batch_size)
    ]


# --8<-- [end:random_mini_batches]


# --8<-- [start:exponentially_weighted_average]
def exponentially_weighted_average(values, beta, bias_correction=True):
    r"""Exponentially weighted averages $v_1, \dots, v_T$ of a sequence $\theta_1, \dots, \theta_T$.

    $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t, \qquad
    \text{corrected: } \hat v_t = \frac{v_t}{1 - \beta^t}$$

    $v_t$ averages roughly the last $1 / (1 - \beta)$ values. Because it starts at 0, the
    first averages are too small; dividing by $1 - \beta^t$ (bias correction) removes that
    start-up bias and matters less and less as $\beta^t \to 0$.

    Parameters
    ----------
    values : ndarray, shape (T,) or (T, ...)
        $\theta_1, \dots, \theta_T$ along the first axis (e.g. daily temperatures, or one
        gradient array per step).
    beta : float
        In $[0, 1)$.
    bias_correction : bool, default True
        Return $\hat v_t$ instead of $v_t$.

    Returns
    -------
    averages : ndarray, same shape as `values`
        `averages[t - 1]` is $v_t$ (or $\hat v_t$).

    Examples
    --------
    >>> exponentially_weighted_average([10.0, 10.0], beta=0.9, bias_correction=False).round(2)
    array([1. , 1.9])
    >>> exponentially_weighted_average([10.0, 10.0], beta=0.9)
    array([10., 10.])
    """
    where = "exponentially_weighted_average"
    values = as_array(values, "values", where)
    if values.ndim == 0:
        raise ValueError(
            f"{where}: values must be a sequence (shape (T,) or (T, ...)), but a scalar was given."
        )
    _check_beta(beta, "beta", where)
    averages = np.empty_like(values, dtype=np.float64)
    v = np.zeros_like(values[0], dtype=np.float64)
    for t in range(1, values.shape[0] + 1):  # a recursion over time: each v_t needs v_{t-1}
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v
    if bias_correction:
        powers = beta ** np.arange(1, values.shape[0] + 1, dtype=np.float64)
        averages /= (1 - powers).reshape((-1,) + (1,) * (values.ndim - 1))
    return averages


# --8<-- [end:exponentially_weighted_average]


def initialize_velocity(parameters):
    r"""Zero velocity for momentum: one zero array per gradient.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L (any named arrays).

    Returns
    -------
    v : dict
        `dW{l}` and `db{l}`: zeros with the shapes of `W{l}` and `b{l}`.
    """
    return _zeros_like_grads(parameters, "initialize_velocity")


# --8<-- [start:momentum]
def update_parameters_with_momentum(parameters, grads, v, beta=BETA, learning_rate=LEARNING_RATE):
    r"""One step of gradient descent with momentum.

    The velocity is an exponentially weighted average of the gradients, and the step
    follows it instead of the latest gradient:

    $$v_{dW} \leftarrow \beta\, v_{dW} + (1 - \beta)\, dW, \qquad W \leftarrow W - \alpha\, v_{dW}$$

    (and the same for $b$). Oscillating gradient components average out; consistent ones
    add up.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    v : dict
        The velocity, `dW{l}`, `db{l}` (from
        [`initialize_velocity`][dl_notes.optimizers.initialize_velocity] or the previous step).
    beta : float, default 0.9
        $\beta$, in $[0, 1)$; $\beta = 0$ is plain gradient descent.
    learning_rate : float, default 0.01
        $\alpha$.

    Returns
    -------
    parameters : dict
        New updated parameters.
    v : dict
        The new velocity.

    Notes
    -----
    Keras' `SGD(learning_rate=lr, momentum=mu)` keeps a velocity of another form,
    $m \leftarrow \mu m - \text{lr}\, dW$, $W \leftarrow W + m$, without the $(1 - \beta)$.
    Both give the same trajectory when $\mu = \beta$ and $\text{lr} = \alpha (1 - \beta)$
    (then $m = -\alpha v$); with the same learning rate, Keras' steps are $1/(1-\beta)$
    times larger. Keras also converts `momentum` to float32 and keeps the learning rate in a
    float32 variable, so the two agree exactly only for values float32 represents exactly
    (e.g. 0.875; with 0.9 they differ by about $10^{-10}$ relative).
    `tests/test_keras_parity.py` pins these facts.
    """
    _check_momentum(beta, learning_rate)
    _check_state(parameters, grads, {"v": v}, "update_parameters_with_momentum")
    return _momentum(parameters, grads, v, beta, learning_rate)


def _momentum(parameters, grads, v, beta, learning_rate):
    new_parameters, new_v = {}, {}
    for key, value in parameters.items():
        d = "d" + key
        new_v[d] = beta * v[d] + (1 - beta) * grads[d]
        new_parameters[key] = value - learning_rate * new_v[d]
    return new_parameters, new_v


# --8<-- [end:momentum]


def initialize_rmsprop(parameters):
    r"""Zero running average of squared gradients for RMSprop.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.

    Returns
    -------
    s : dict
        `dW{l}` and `db{l}`: zeros with the shapes of `W{l}` and `b{l}`.
    """
    return _zeros_like_grads(parameters, "initialize_rmsprop")


# --8<-- [start:rmsprop]
def update_parameters_with_rmsprop(
    parameters, grads, s, learning_rate=LEARNING_RATE, beta2=BETA2, epsilon=EPSILON
):
    r"""One step of RMSprop: divide each gradient component by the root of its mean square.

    $$s_{dW} \leftarrow \beta_2\, s_{dW} + (1 - \beta_2)\, dW^2, \qquad
    W \leftarrow W - \alpha\, \frac{dW}{\sqrt{s_{dW}} + \varepsilon}$$

    (squares and roots elementwise; the same for $b$). Directions with large gradients get
    smaller steps, directions with small gradients larger ones.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    s : dict
        Running averages of the squared gradients, `dW{l}`, `db{l}` (from
        [`initialize_rmsprop`][dl_notes.optimizers.initialize_rmsprop] or the previous step).
    learning_rate : float, default 0.01
        $\alpha$.
    beta2 : float, default 0.999
        $\beta_2$, in $[0, 1)$ (the lecture names it $\beta_2$ so that it does not clash
        with momentum's $\beta$).
    epsilon : float, default 1e-8
        $\varepsilon > 0$.

    Returns
    -------
    parameters : dict
        New updated parameters.
    s : dict
        The new running averages.

    Notes
    -----
    Keras' `RMSprop(learning_rate, rho, epsilon)` computes the same average with
    `rho` $= \beta_2$ (its default is 0.9, ours 0.999), but puts epsilon *inside* the root,
    $W \leftarrow W - \alpha\, dW / \sqrt{s_{dW} + \varepsilon}$, with default
    $\varepsilon = 10^{-7}$. No bias correction in either. The trajectories coincide when
    $\varepsilon$ is negligible next to $s$ (and the learning rate, which Keras keeps in
    float32, is exact in float32); `tests/test_keras_parity.py` pins both the match and
    Keras' placement of epsilon.
    """
    _check_rmsprop(learning_rate, beta2, epsilon)
    _check_state(parameters, grads, {"s": s}, "update_parameters_with_rmsprop")
    return _rmsprop(parameters, grads, s, learning_rate, beta2, epsilon)


def _rmsprop(parameters, grads, s, learning_rate, beta2, epsilon):
    new_parameters, new_s = {}, {}
    for key, value in parameters.items():
        d = "d" + key
        new_s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
        new_parameters[key] = value - learning_rate * grads[d] / (np.sqrt(new_s[d]) + epsilon)
    return new_parameters, new_s


# --8<-- [end:rmsprop]


def initialize_adam(parameters):
    r"""Zero first and second moments for Adam.

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.

    Returns
    -------
    v : dict
        `dW{l}`, `db{l}`: zeros, the running average of the gradients.
    s : dict
        `dW{l}`, `db{l}`: zeros, the running average of the squared gradients.
    """
    return _zeros_like_grads(parameters, "initialize_adam"), _zeros_like_grads(
        parameters, "initialize_adam"
    )


# --8<-- [start:adam]
def update_parameters_with_adam(
    parameters,
    grads,
    v,
    s,
    t,
    learning_rate=LEARNING_RATE,
    beta1=BETA1,
    beta2=BETA2,
    epsilon=EPSILON,
):
    r"""One step of Adam: momentum and RMSprop together, both bias-corrected.

    $$v_{dW} \leftarrow \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad
    s_{dW} \leftarrow \beta_2 s_{dW} + (1 - \beta_2)\, dW^2,$$

    $$\hat v_{dW} = \frac{v_{dW}}{1 - \beta_1^t}, \qquad \hat s_{dW} = \frac{s_{dW}}{1 - \beta_2^t},
    \qquad W \leftarrow W - \alpha\, \frac{\hat v_{dW}}{\sqrt{\hat s_{dW}} + \varepsilon}$$

    (elementwise; the same for $b$).

    Parameters
    ----------
    parameters : dict
        `W{l}`, `b{l}` for l = 1..L.
    grads : dict
        `dW{l}`, `db{l}` with the same shapes.
    v : dict
        First moments `dW{l}`, `db{l}` (from
        [`initialize_adam`][dl_notes.optimizers.initialize_adam] or the previous step).
    s : dict
        Second moments, same keys and shapes.
    t : int
        The number of this step, counting from 1 (it drives the bias correction).
    learning_rate : float, default 0.01
        $\alpha$.
    beta1 : float, default 0.9
        $\beta_1$, in $[0, 1)$.
    beta2 : float, default 0.999
        $\beta_2$, in $[0, 1)$.
    epsilon : float, default 1e-8
        $\varepsilon > 0$.

    Returns
    -------
    parameters : dict
        New updated parameters.
    v : dict
        New first moments.
    s : dict
        New second moments.
    v_corrected : dict
        $\hat v$, the bias-corrected first moments of this step.
    s_corrected : dict
        $\hat s$, the bias-corrected second moments of this step.

    Notes
    -----
    Keras' `Adam(learning_rate, beta_1, beta_2, epsilon)` folds the two corrections into
    the step size, $W \leftarrow W - \alpha \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t} \cdot
    \frac{v}{\sqrt{s} + \varepsilon_K}$. That is this update with
    $\varepsilon = \varepsilon_K / \sqrt{1 - \beta_2^t}$: Keras' epsilon sits next to the
    *uncorrected* $\sqrt{s}$, so its effect is larger in the first steps. Its default is
    $\varepsilon_K = 10^{-7}$ (ours $10^{-8}$). Keras also rounds $\beta_1$ and $\beta_2$
    to float32 when it computes $\beta^t$ (about $10^{-5}$ relative in the first step for
    $\beta_2 = 0.999$), and keeps the learning rate in float32.
    `tests/test_keras_parity.py` pins all of these: the trajectories agree to
    $10^{-12}$ once the epsilon is converted and the rounding accounted for.
    """
    _check_adam(t, learning_rate, beta1, beta2, epsilon)
    _check_state(parameters, grads, {"v": v, "s": s}, "update_parameters_with_adam")
    return _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    new_parameters, new_v, new_s, v_corrected, s_corrected = {}, {}, {}, {}, {}
    for key, value in parameters.items():
        d = "d" + key
        new_v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
        new_s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
        v_corrected[d] = new_v[d] / (1 - beta1**t)
        s_corrected[d] = new_s[d] / (1 - beta2**t)
        new_parameters[key] = value - learning_rate * v_corrected[d] / (
            np.sqrt(s_corrected[d]) + epsilon
        )
    return new_parameters, new_v, new_s, v_corrected, s_corrected


# --8<-- [end:adam]


# --8<-- [start:lr_decay]
def update_lr(learning_rate0, epoch_num, decay_rate):
    r"""Learning-rate decay at every epoch:
    $\alpha = \dfrac{\alpha_0}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}$.

    Parameters
    ----------
    learning_rate0 : float
        $\alpha_0$, the initial learning rate.
    epoch_num : int or ndarray of int
        The epoch (0 for the first); an array gives one rate per entry.
    decay_rate : float
        $\ge 0$; 0 keeps the rate constant.

    Returns
    -------
    learning_rate : float or ndarray
        The decayed rate (an array with the shape of `epoch_num` if it is one).

    Notes
    -----
    Keras' `optimizers.schedules.InverseTimeDecay(learning_rate0, decay_steps=1, decay_rate)`
    is the same schedule counted in steps instead of epochs.

    Examples
    --------
    >>> update_lr(0.5, 2, 1)
    0.16666666666666666
    """
    where = "update_lr"
    epoch_num = _check_decay_args(learning_rate0, epoch_num, decay_rate, where)
    return _scalar_or_array(learning_rate0 / (1 + decay_rate * epoch_num))


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    r"""Learning-rate decay in steps: lower the rate once every `time_interval` epochs.

    $$\alpha =
    \frac{\alpha_0}{1 + \text{decay\_rate} \cdot \lfloor \text{epoch\_num} / \text{time\_interval}
    \rfloor}$$

    [`update_lr`][dl_notes.optimizers.update_lr] decays the rate so fast that after a few
    hundred epochs it is nearly zero; this schedule keeps each rate for `time_interval` epochs.

    Parameters
    ----------
    learning_rate0 : float
        $\alpha_0$, the initial learning rate.
    epoch_num : int or ndarray of int
        The epoch (0 for the first).
    decay_rate : float
        $\ge 0$.
    time_interval : int, default 1000
        Epochs between two decreases.

    Returns
    -------
    learning_rate : float or ndarray
        The rate for `epoch_num`.

    Notes
    -----
    Keras' `InverseTimeDecay(learning_rate0, decay_steps=time_interval, decay_rate,
    staircase=True)` is the same schedule counted in steps.

    Examples
    --------
    >>> schedule_lr_decay(0.5, 100, 0.3, time_interval=1000), schedule_lr_decay(0.5, 1000, 0.3)
    (0.5, 0.3846153846153846)
    """
    where = "schedule_lr_decay"
    epoch_num = _check_decay_args(learning_rate0, epoch_num, decay_rate, where)
    check_positive(time_interval, "time_interval", where, integer=True)
    return _scalar_or_array(learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval)))


# --8<-- [end:lr_decay]


# --- input checks shared by the Course 2 modules -------------------------------------


def _check_beta(beta, name, where):
    check_interval(beta, name, where, 0, 1, closed=(True, False))


def _check_update(parameters, grads, learning_rate):
    """The checks of `update_parameters`: a positive rate and one gradient of the right shape per
    parameter."""
    check_positive(learning_rate, "learning_rate", "update_parameters")
    for key, value in parameters.items():
        grad_key = "d" + key
        if grad_key not in grads:
            raise ValueError(
                f"update_parameters: grads has no {grad_key!r} for parameter {key!r}; "
                f"grads has keys {sorted(grads)}."
            )
        check_same_shape(value, grads[grad_key], (key, grad_key), "update_parameters")


# The hyperparameter checks of each update, in the order its arguments come. A training loop
# calls them before its first update (and on each epoch's decayed rate), so that the message
# names the update, and then runs the unchecked `_momentum`, `_rmsprop` or `_adam`.


def _check_momentum(beta, learning_rate, where="update_parameters_with_momentum"):
    _check_beta(beta, "beta", where)
    check_positive(learning_rate, "learning_rate", where)


def _check_rmsprop(learning_rate, beta2, epsilon, where="update_parameters_with_rmsprop"):
    check_positive(learning_rate, "learning_rate", where)
    _check_beta(beta2, "beta2", where)
    check_positive(epsilon, "epsilon", where)


def _check_adam(t, learning_rate, beta1, beta2, epsilon, where="update_parameters_with_adam"):
    check_positive(t, "t", where, integer=True)
    check_positive(learning_rate, "learning_rate", where)
    _check_beta(beta1, "beta1", where)
    _check_beta(beta2, "beta2", where)
    check_positive(epsilon, "epsilon", where)


def _zeros_like_grads(parameters, where):
    if not isinstance(parameters, dict):
        raise TypeError(
            f"{where}: parameters must be a dict with keys 'W1', 'b1', ..., but a "
            f"{type(parameters).__name__} was given."
        )
    return {
        "d" + key: np.zeros_like(as_array(value, key, where)) for key, value in parameters.items()
    }


def _check_state(parameters, grads, states, where):
    """Every parameter `key` needs `grads["d" + key]` and `state["d" + key]` of its shape."""
    for label, d in (("parameters", parameters), ("grads", grads), *states.items()):
        if not isinstance(d, dict):
            raise TypeError(f"{where}: {label} must be a dict, but a {type(d).__name__} was given.")
    for key, value in parameters.items():
        d = "d" + key
        for label, container in (("grads", grads), *states.items()):
            if d not in container:
                raise ValueError(
                    f"{where}: {label} has no {d!r} for parameter {key!r}; "
                    f"{label} has keys {sorted(container)}."
                )
            check_same_shape(
                np.asarray(value), np.asarray(container[d]), (key, f"{label}[{d!r}]"), where
            )


def _check_decay_args(learning_rate0, epoch_num, decay_rate, where):
    check_positive(learning_rate0, "learning_rate0", where)
    check_interval(decay_rate, "decay_rate", where, 0, np.inf)
    epochs = np.asarray(epoch_num)
    if epochs.dtype.kind not in "iu":
        raise TypeError(
            f"{where}: epoch_num must be a whole number (or "
            f"an array of them), but {epoch_num!r} was given."
        )
    if (epochs < 0).any():
        raise ValueError(f"{where}: epoch_num must be 0 or more, but {epoch_num!r} was given.")
    return epochs


def _scalar_or_array(x):
    return float(x) if np.ndim(x) == 0 else x
