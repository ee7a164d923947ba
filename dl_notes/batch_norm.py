r"""Batch normalization of a layer's pre-activations: forward (training and test time) and backward.

Taught in: Course 2, [week 3](../../course2/week3.md#batch-normalization): normalizing
activations, fitting batch norm into a network, why it works and batch norm at test time.

For a mini-batch of $m$ examples, each unit's pre-activation $z$ (one row of
$Z^{[l]}$) is normalised over the examples and then scaled and shifted by two learned
parameters:

$$\mu = \frac{1}{m} \sum_{i=1}^{m} z^{(i)}, \qquad
\sigma^2 = \frac{1}{m} \sum_{i=1}^{m} (z^{(i)} - \mu)^2, \qquad
z^{(i)}_{\text{norm}} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
\tilde z^{(i)} = \gamma\, z^{(i)}_{\text{norm}} + \beta.$$

| array | shape |
|---|---|
| $Z$, $\tilde Z$, $Z_{\text{norm}}$, $dZ$, $d\tilde Z$ | $(n^{[l]}, m)$ |
| $\gamma$, $\beta$, $\mu$, $\sigma^2$, running averages | $(n^{[l]}, 1)$ |

$\beta$ takes over the role of the bias $b^{[l]}$, which batch norm would cancel anyway.
At test time there may be a single example, so $\mu$ and $\sigma^2$ come from
exponentially weighted averages kept during training,
$\mu_{\text{run}} \leftarrow \text{momentum} \cdot \mu_{\text{run}} + (1 - \text{momentum})\, \mu$
(the same for $\sigma^2$).

The layer's state lives in a dict `bn_params`: `"mode"` (`"train"` or `"test"`),
optionally `"momentum"` (default `MOMENTUM = 0.9`) and `"epsilon"` (default
`EPSILON = 1e-5`), and the running averages `"running_mean"` and `"running_var"`, which
a training-mode call creates (zeros and ones, as Keras does) and updates.
"""

from __future__ import annotations

import numpy as np

from dl_notes._checks import (
    as_array,
    check_choice,
    check_interval,
    check_ndim,
    check_positive,
    check_same_shape,
    check_shape,
)

__all__ = ["MOMENTUM", "EPSILON", "MODES", "batchnorm_forward", "batchnorm_backward"]

#: Default decay of the running averages (the $\beta$ of an exponentially weighted average).
MOMENTUM = 0.9
#: Default $\varepsilon$ added to the variance.
EPSILON = 1e-5
#: The two modes of `bn_params["mode"]`.
MODES = ("train", "test")


# --8<-- [start:batchnorm_forward]
def batchnorm_forward(Z, gamma, beta, bn_params):
    r"""Normalise each row of `Z` over the examples, then scale by $\gamma$ and shift by $\beta$.

    In `"train"` mode the statistics are the mini-batch's own $\mu$, $\sigma^2$, and the
    running averages in `bn_params` are updated. In `"test"` mode the running averages
    replace them and nothing is updated:
    $\tilde Z = \gamma \, (Z - \mu_{\text{run}}) / \sqrt{\sigma^2_{\text{run}} + \varepsilon} +
    \beta$.

    Parameters
    ----------
    Z : ndarray, shape (n[l], m)
        Pre-activations $Z^{[l]} = W^{[l]} A^{[l-1]}$ of one mini-batch.
    gamma : ndarray, shape (n[l], 1)
        $\gamma$, the learned scale.
    beta : ndarray, shape (n[l], 1)
        $\beta$, the learned shift.
    bn_params : dict
        `"mode"`: `"train"` (the default) or `"test"`; optional `"momentum"` in $[0, 1)$ and
        `"epsilon"` > 0; `"running_mean"`, `"running_var"` of shape (n[l], 1) (required in test
        mode).

    Returns
    -------
    Z_tilde : ndarray, shape (n[l], m)
        $\tilde Z$.
    cache : tuple
        `(Z_norm, gamma, inv_std, mode)` for
        [`batchnorm_backward`][dl_notes.batch_norm.batchnorm_backward], where `inv_std` (n[l], 1) is
        $1/\sqrt{\sigma^2 + \varepsilon}$ of the statistics used.

    Notes
    -----
    `bn_params` is the layer's state: a training-mode call stores *new* running-average
    arrays under `"running_mean"` and `"running_var"` (the arrays it was given are not
    modified), as a Keras layer updates its `moving_mean` and `moving_variance`.

    Keras' `BatchNormalization(momentum, epsilon)` computes the same thing with a
    different layout and defaults: features on the *last* axis (pass $Z^T$, shape
    (m, n[l])); `momentum` has the same meaning as here, the weight of the old average
    (PyTorch's `momentum` is the opposite, the weight of the new batch), but defaults to
    0.99; `epsilon` defaults to $10^{-3}$ (ours $10^{-5}$); the moving variance starts at
    ones and is updated with the biased batch variance (divided by $m$), as here.
    `tests/test_keras_parity.py` pins each of these.
    """
    Z, gamma, beta = _check_forward(Z, gamma, beta, bn_params)
    return _batchnorm_forward(Z, gamma, beta, bn_params)


def _batchnorm_forward(Z, gamma, beta, bn_params):
    mode = bn_params.get("mode", "train")
    momentum = bn_params.get("momentum", MOMENTUM)
    epsilon = bn_params.get("epsilon", EPSILON)
    if "running_mean" in bn_params and "running_var" in bn_params:
        running_mean, running_var = bn_params["running_mean"], bn_params["running_var"]
    else:  # a first training step: they start at 0 and 1, as in Keras
        running_mean, running_var = np.zeros((Z.shape[0], 1)), np.ones((Z.shape[0], 1))
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
        bn_params["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_params["running_var"] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    inv_std = 1 / np.sqrt(var + epsilon)
    Z_norm = (Z - mu) * inv_std
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde, (Z_norm, gamma, inv_std, mode)


# --8<-- [end:batchnorm_forward]


# --8<-- [start:batchnorm_backward]
def batchnorm_backward(dZ_tilde, cache):
    r"""Backward step of batch normalization.

    $$d\gamma = \frac{1}{m} \sum_{i} d\tilde z^{(i)} z^{(i)}_{\text{norm}}, \qquad
    d\beta = \frac{1}{m} \sum_{i} d\tilde z^{(i)}, \qquad dZ_{\text{norm}} = \gamma\, d\tilde Z,$$

    and, because $\mu$ and $\sigma^2$ depend on every example of the batch (training mode),

    $$dZ = \frac{1}{\sqrt{\sigma^2 + \varepsilon}} \left( dZ_{\text{norm}}
    - \frac{1}{m}\sum_i dz^{(i)}_{\text{norm}}
    - Z_{\text{norm}} * \frac{1}{m} \sum_i dz^{(i)}_{\text{norm}} z^{(i)}_{\text{norm}} \right)$$

    (row by row). In test mode the statistics are constants and
    $dZ = dZ_{\text{norm}} / \sqrt{\sigma^2_{\text{run}} + \varepsilon}$.

    Parameters
    ----------
    dZ_tilde : ndarray, shape (n[l], m)
        Gradient with respect to $\tilde Z$.
    cache : tuple
        From [`batchnorm_forward`][dl_notes.batch_norm.batchnorm_forward].

    Returns
    -------
    dZ : ndarray, shape (n[l], m)
    dgamma : ndarray, shape (n[l], 1)
    dbeta : ndarray, shape (n[l], 1)

    Notes
    -----
    The $\frac{1}{m}$ follows dl_notes' convention (see
    [`compute_cost_backward`][dl_notes.losses.compute_cost_backward]): `dZ_tilde` and `dZ`
    are derivatives of the summed loss $mJ$, like every `dA` and `dZ`, while the parameter
    gradients `dgamma` and `dbeta`, like `dW` and `db`, are derivatives of the cost $J$.
    """
    where = "batchnorm_backward"
    Z_norm, gamma, inv_std, mode = cache
    dZ_tilde = as_array(dZ_tilde, "dZ_tilde", where)
    check_same_shape(dZ_tilde, Z_norm, ("dZ_tilde", "the cached Z_norm"), where)
    return _batchnorm_backward(dZ_tilde, cache)


def _batchnorm_backward(dZ_tilde, cache):
    Z_norm, gamma, inv_std, mode = cache
    m = Z_norm.shape[1]
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True) / m
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / m
    dZ_norm = gamma * dZ_tilde
    if mode == "train":
        dZ = inv_std * (
            dZ_norm
            - np.mean(dZ_norm, axis=1, keepdims=True)
            - Z_norm * np.mean(dZ_norm * Z_norm, axis=1, keepdims=True)
        )
    else:
        dZ = inv_std * dZ_norm
    return dZ, dgamma, dbeta


# --8<-- [end:batchnorm_backward]


def _check_forward(Z, gamma, beta, bn_params, where="batchnorm_forward"):
    """The checks of `batchnorm_forward`."""
    Z = as_array(Z, "Z", where)
    check_ndim(Z, 2, "Z", where, "(n[l], m)")
    n = Z.shape[0]
    gamma = as_array(gamma, "gamma", where)
    beta = as_array(beta, "beta", where)
    check_shape(gamma, (n, 1), "gamma", where, f"Z has {n} rows (units)")
    check_shape(beta, (n, 1), "beta", where, f"Z has {n} rows (units)")
    _check_bn_params(bn_params, n, where)
    return Z, gamma, beta


def _check_bn_params(bn_params, n, where="batchnorm_forward"):
    """Check one layer's state dict for `n` units: mode, momentum, epsilon, running averages."""
    if not isinstance(bn_params, dict):
        raise TypeError(
            f"{where}: bn_params must be a dict with a 'mode' "
            f"key, but a {type(bn_params).__name__} was given."
        )
    mode = bn_params.get("mode", "train")
    check_choice(mode, MODES, "mode", where)
    check_interval(bn_params.get("momentum", MOMENTUM), "bn_params['momentum']", where, 0, 1)
    check_positive(bn_params.get("epsilon", EPSILON), "bn_params['epsilon']", where)
    _check_running_averages(bn_params, n, mode, where)


def _check_running_averages(bn_params, n, mode, where):
    if "running_mean" not in bn_params or "running_var" not in bn_params:
        if mode == "test":
            raise ValueError(
                f"{where}: mode 'test' needs bn_params['running_mean'] and "
                f"bn_params['running_var'] of shape ({n}, 1), but bn_params has keys "
                f"{sorted(bn_params)}; run the forward pass in mode 'train' first to collect them."
            )
        return
    for key in ("running_mean", "running_var"):
        name = f"bn_params[{key!r}]"
        check_shape(
            as_array(bn_params[key], name, where), (n, 1), name, where, f"Z has {n} rows (units)"
        )
