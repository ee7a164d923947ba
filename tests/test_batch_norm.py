"""dl_notes.batch_norm: training and test modes, bad input named in the message, and the
backward pass against finite differences AND TensorFlow (conventions in tests/gradcheck.py).
Agreement with keras.layers.BatchNormalization is in test_keras_parity.py.
"""

import numpy as np
import pytest

from dl_notes import batch_norm as bn
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients


def test_batchnorm_train_normalises_and_tracks_running_averages(rng):
    Z = rng.standard_normal((4, 32)) * 3 + 5
    gamma, beta = rng.uniform(0.5, 2, (4, 1)), rng.standard_normal((4, 1))
    params = {"mode": "train", "epsilon": 1e-12}
    Zt, _ = bn.batchnorm_forward(Z, gamma, beta, params)
    assert np.allclose(Zt.mean(axis=1, keepdims=True), beta)
    assert np.allclose(Zt.std(axis=1, keepdims=True), gamma)
    # running averages start at 0 and 1 and take one step of size (1 - momentum)
    assert np.allclose(params["running_mean"], 0.1 * Z.mean(axis=1, keepdims=True))
    assert np.allclose(params["running_var"], 0.9 + 0.1 * Z.var(axis=1, keepdims=True))
    old_mean = params["running_mean"]
    bn.batchnorm_forward(Z, gamma, beta, params)
    assert params["running_mean"] is not old_mean and np.allclose(
        old_mean, 0.1 * Z.mean(axis=1, keepdims=True)
    )


def test_batchnorm_test_mode_uses_running_averages(rng):
    Z = rng.standard_normal((3, 8))
    gamma, beta = np.full((3, 1), 2.0), np.full((3, 1), 0.5)
    mean, var = rng.standard_normal((3, 1)), rng.uniform(1, 2, (3, 1))
    params = {"mode": "test", "running_mean": mean, "running_var": var, "epsilon": 1e-3}
    Zt, _ = bn.batchnorm_forward(Z, gamma, beta, params)
    assert np.allclose(Zt, 2 * (Z - mean) / np.sqrt(var + 1e-3) + 0.5)
    assert params["running_mean"] is mean, "test mode updates nothing"
    one, _ = bn.batchnorm_forward(Z[:, :1], gamma, beta, params)
    assert np.allclose(one, Zt[:, :1]), "at test time each example is normalised on its own"


def test_batchnorm_bad_input(rng):
    Z = rng.standard_normal((3, 8))
    g, b = np.ones((3, 1)), np.zeros((3, 1))
    with pytest.raises(
        ValueError, match=r"batchnorm_forward: unknown mode 'eval'; expected one of 'train', 'test'"
    ):
        bn.batchnorm_forward(Z, g, b, {"mode": "eval"})
    with pytest.raises(
        ValueError,
        match=r"batchnorm_forward: gamma must have shape \(3, 1\), but it has shape \(1, 3\); Z "
        r"has 3 rows",
    ):
        bn.batchnorm_forward(Z, g.T, b, {"mode": "train"})
    with pytest.raises(
        ValueError,
        match=r"batchnorm_forward: Z must be a 2-D array \(n\[l\], m\), but it has shape \(3,\)",
    ):
        bn.batchnorm_forward(Z[:, 0], g, b, {"mode": "train"})
    with pytest.raises(
        ValueError,
        match=r"mode 'test' needs bn_params\['running_mean'\] and bn_params\['running_var'\] of "
        r"shape \(3, 1\)",
    ):
        bn.batchnorm_forward(Z, g, b, {"mode": "test"})
    with pytest.raises(
        ValueError,
        match=r"bn_params\['running_var'\] must have shape \(3, 1\), but it has shape \(4, 1\)",
    ):
        bn.batchnorm_forward(
            Z, g, b, {"mode": "test", "running_mean": b, "running_var": np.ones((4, 1))}
        )
    with pytest.raises(
        ValueError,
        match=r"batchnorm_forward: bn_params\['momentum'\] must be in \[0, 1\), but 1.5 was given",
    ):
        bn.batchnorm_forward(Z, g, b, {"mode": "train", "momentum": 1.5})
    with pytest.raises(
        TypeError, match=r"batchnorm_forward: Z must be a numeric array, but it has dtype object"
    ):
        bn.batchnorm_forward(np.array([[None]]), g, b, {"mode": "train"})
    _, cache = bn.batchnorm_forward(Z, g, b, {"mode": "train"})
    with pytest.raises(
        ValueError,
        match=r"batchnorm_backward: dZ_tilde and the cached Z_norm must have the same shape, but "
        r"dZ_tilde has shape \(3, 7\)",
    ):
        bn.batchnorm_backward(Z[:, :7], cache)


@pytest.mark.parametrize("mode", ["train", "test"])
def test_batchnorm_backward(mode, rng, tf):
    n, m, eps = 4, 6, 1e-5
    Z = rng.standard_normal((n, m)) * 2 + 1
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.standard_normal((n, 1))
    G = rng.standard_normal((n, m))
    running = {
        "running_mean": rng.standard_normal((n, 1)),
        "running_var": rng.uniform(0.5, 2, (n, 1)),
    }

    def forward():
        return bn.batchnorm_forward(Z, gamma, beta, {"mode": mode, "epsilon": eps, **running})

    _, cache = forward()
    dZ, dgamma, dbeta = bn.batchnorm_backward(G, cache)

    def s():
        return float(np.sum(G * forward()[0]))

    assert_close_grad(dZ, numerical_gradient(s, Z), f"{mode}: dZ vs finite differences")
    assert_close_grad(
        dgamma * m, numerical_gradient(s, gamma), f"{mode}: dgamma vs finite differences"
    )
    assert_close_grad(
        dbeta * m, numerical_gradient(s, beta), f"{mode}: dbeta vs finite differences"
    )

    def tf_s(Z, gamma, beta):
        if mode == "train":
            mean, var = tf.nn.moments(Z, axes=[1], keepdims=True)
        else:
            mean, var = running["running_mean"], running["running_var"]
        return tf.reduce_sum(G * tf.nn.batch_normalization(Z, mean, var, beta, gamma, eps))

    ref = tf_gradients(tf_s, {"Z": Z, "gamma": gamma, "beta": beta})
    assert_close_grad(dZ, ref["Z"], f"{mode}: dZ vs TensorFlow")
    assert_close_grad(dgamma * m, ref["gamma"], f"{mode}: dgamma vs TensorFlow")
    assert_close_grad(dbeta * m, ref["beta"], f"{mode}: dbeta vs TensorFlow")
