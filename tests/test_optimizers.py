"""dl_notes.optimizers: gradient descent, mini-batches, exponentially weighted averages,
momentum, RMSprop, Adam and learning-rate decay on hand-computed cases, and bad input named in
the message. Agreement with Keras' optimizers is in test_keras_parity.py.
"""

import copy

import numpy as np
import pytest

from dl_notes import optimizers as opt
from dl_notes.optimizers import update_parameters
from tests.gradcheck import small_net


def _grads_like(params, rng):
    return {"d" + k: rng.standard_normal(v.shape) for k, v in params.items()}


def test_update_parameters():
    p = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}
    g = {"dW1": np.full((2, 2), 0.5), "db1": np.ones((2, 1))}
    new = update_parameters(p, g, 0.1)
    assert np.allclose(new["W1"], 0.95) and np.allclose(new["b1"], -0.1)
    assert np.all(p["W1"] == 1), "inputs are not modified"
    with pytest.raises(ValueError, match=r"grads has no 'db1' for parameter 'b1'"):
        update_parameters(p, {"dW1": g["dW1"]}, 0.1)
    with pytest.raises(
        ValueError,
        match=r"W1 and dW1 must have the same shape, but W1 has shape \(2, 2\) and dW1 has shape "
        r"\(2, 1\)",
    ):
        update_parameters(p, {"dW1": np.ones((2, 1)), "db1": g["db1"]}, 0.1)


def test_random_mini_batches_cover_every_example_once(rng):
    X = np.arange(2 * 148, dtype=float).reshape(2, 148)
    Y = X[:1] * 10
    batches = opt.random_mini_batches(X, Y, mini_batch_size=64, seed=0)
    assert [b[0].shape for b in batches] == [(2, 64), (2, 64), (2, 20)], "the last batch is smaller"
    seen = np.concatenate([b[0][0] for b in batches])
    assert sorted(seen.tolist()) == X[0].tolist(), "every example exactly once"
    assert not np.array_equal(seen, X[0]), "shuffled"
    assert all(np.array_equal(bY, bX[:1] * 10) for bX, bY in batches), (
        "labels stay with their examples"
    )
    again = opt.random_mini_batches(X, Y, 64, seed=0)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(batches, again))
    assert len(opt.random_mini_batches(X[:, :128], Y[:, :128], 64)) == 2, "no empty last batch"


def test_exponentially_weighted_average_hand_computed():
    raw = opt.exponentially_weighted_average([1.0, 2.0, 3.0], beta=0.5, bias_correction=False)
    assert np.allclose(raw, [0.5, 1.25, 2.125])
    corrected = opt.exponentially_weighted_average([1.0, 2.0, 3.0], beta=0.5)
    assert np.allclose(corrected, [1.0, 1.25 / 0.75, 2.125 / 0.875])
    arrays = opt.exponentially_weighted_average(np.ones((4, 2, 3)) * 7, beta=0.9)
    assert arrays.shape == (4, 2, 3) and np.allclose(arrays, 7), (
        "corrected average of a constant is the constant"
    )


def test_exponentially_weighted_average_matches_pandas(rng):
    pd = pytest.importorskip("pandas")
    values = rng.standard_normal(50)
    # pandas' adjust=True normalises the weights: exactly the bias-corrected average
    ewm = pd.Series(values).ewm(alpha=1 - 0.9, adjust=True).mean().to_numpy()
    assert np.allclose(opt.exponentially_weighted_average(values, 0.9), ewm, rtol=1e-12)


def test_momentum_rmsprop_adam_first_steps_by_hand():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.2, -0.4]]), "db1": np.array([[1.0]])}
    new, v = opt.update_parameters_with_momentum(
        params, grads, opt.initialize_velocity(params), beta=0.9, learning_rate=0.1
    )
    assert np.allclose(v["dW1"], [[0.02, -0.04]]) and np.allclose(new["W1"], [[0.998, -0.996]])
    new, s = opt.update_parameters_with_rmsprop(
        params, grads, opt.initialize_rmsprop(params), learning_rate=0.1, beta2=0.99, epsilon=1e-8
    )
    assert np.allclose(s["dW1"], [[0.0004, 0.0016]])
    assert np.allclose(new["W1"], [[1 - 0.1 / 0.1, -1 + 0.1 / 0.1]], atol=1e-6), (
        "first RMSprop step: lr * g / (sqrt(1-b2)|g|)"
    )
    v, s = opt.initialize_adam(params)
    new, v, s, v_hat, s_hat = opt.update_parameters_with_adam(
        params, grads, v, s, t=1, learning_rate=0.1
    )
    assert np.allclose(v_hat["dW1"], grads["dW1"]) and np.allclose(s_hat["dW1"], grads["dW1"] ** 2)
    assert np.allclose(new["W1"], params["W1"] - 0.1 * np.sign(grads["dW1"])), (
        "first Adam step: lr * sign(g)"
    )
    assert np.allclose(v["dW1"], 0.1 * grads["dW1"]) and np.allclose(s["db1"], 0.001)


def test_optimizers_leave_their_inputs_alone(rng):
    params, _, _ = small_net(rng)
    grads = _grads_like(params, rng)
    v, s = opt.initialize_adam(params)
    before = copy.deepcopy((params, grads, v, s))
    opt.update_parameters_with_gd(params, grads, 0.1)
    opt.update_parameters_with_momentum(params, grads, v, 0.9, 0.1)
    opt.update_parameters_with_rmsprop(params, grads, s)
    opt.update_parameters_with_adam(params, grads, v, s, 1)
    for a, b in zip((params, grads, v, s), before):
        assert all(np.array_equal(a[k], b[k]) for k in b)


def test_beta_zero_momentum_is_gradient_descent(rng):
    params, _, _ = small_net(rng)
    grads = _grads_like(params, rng)
    gd = opt.update_parameters_with_gd(params, grads, 0.05)
    momentum, _ = opt.update_parameters_with_momentum(
        params, grads, opt.initialize_velocity(params), 0.0, 0.05
    )
    assert all(np.allclose(gd[k], momentum[k]) for k in params)


def test_adam_minimises_a_badly_scaled_quadratic():
    """f(W) = 0.5 * (100 w1^2 + w2^2): Adam and momentum get close to 0 where plain GD must
    crawl."""
    scales = np.array([[100.0, 1.0]])
    params = {"W1": np.array([[1.0, 1.0]])}
    v, s = opt.initialize_adam(params)
    for t in range(1, 501):
        params, v, s, _, _ = opt.update_parameters_with_adam(
            params, {"dW1": scales * params["W1"]}, v, s, t, learning_rate=0.05
        )
    assert np.abs(params["W1"]).max() < 0.05


def test_learning_rate_decay_hand_computed():
    assert opt.update_lr(0.5, 2, 1) == pytest.approx(0.5 / 3)
    assert opt.update_lr(0.5, 0, 1) == 0.5
    assert opt.schedule_lr_decay(0.5, 999, 0.3) == 0.5
    assert opt.schedule_lr_decay(0.5, 1000, 0.3) == pytest.approx(0.5 / 1.3)
    assert opt.schedule_lr_decay(0.5, 2500, 0.3, time_interval=1000) == pytest.approx(0.5 / 1.6)
    epochs = np.arange(0, 3000, 500)
    assert np.allclose(
        opt.schedule_lr_decay(1.0, epochs, 1.0), 1 / (1 + np.array([0, 0, 1, 1, 2, 2]))
    )


def test_optimizers_bad_input(rng):
    params, X, Y = small_net(rng)
    grads = _grads_like(params, rng)
    v, s = opt.initialize_adam(params)
    with pytest.raises(
        ValueError,
        match=r"update_parameters_with_adam: beta1 must be in \[0, 1\), but 1.0 was given",
    ):
        opt.update_parameters_with_adam(params, grads, v, s, 1, beta1=1.0)
    with pytest.raises(
        TypeError, match=r"update_parameters_with_adam: t must be a whole number, but 1.5 was given"
    ):
        opt.update_parameters_with_adam(params, grads, v, s, 1.5)
    with pytest.raises(
        ValueError, match=r"update_parameters_with_adam: t must be positive, but 0 was given"
    ):
        opt.update_parameters_with_adam(params, grads, v, s, 0)
    with pytest.raises(
        ValueError, match=r"update_parameters_with_momentum: v has no 'db3' for parameter 'b3'"
    ):
        opt.update_parameters_with_momentum(
            params, grads, {k: x for k, x in v.items() if k != "db3"}
        )
    bad = dict(grads, dW2=np.zeros((4, 2)))
    with pytest.raises(
        ValueError,
        match=r"update_parameters_with_rmsprop: W2 and grads\['dW2'\] must have the same shape, "
        r"but W2 has shape \(2, 4\) and grads\['dW2'\] has shape \(4, 2\)",
    ):
        opt.update_parameters_with_rmsprop(params, bad, s)
    with pytest.raises(
        ValueError,
        match=r"update_parameters_with_rmsprop: epsilon must be positive, but 0 was given",
    ):
        opt.update_parameters_with_rmsprop(params, grads, s, epsilon=0)
    with pytest.raises(
        ValueError,
        match=r"random_mini_batches: X and Y must have the same number of examples \(columns\), "
        r"but X has shape \(3, 6\) and Y has shape \(1, 5\)",
    ):
        opt.random_mini_batches(X, Y[:, :5])
    with pytest.raises(
        TypeError,
        match=r"random_mini_batches: mini_batch_size must be a whole number, but 6.5 was given",
    ):
        opt.random_mini_batches(X, Y, 6.5)
    with pytest.raises(
        ValueError,
        match=r"random_mini_batches: Y must be a 2-D array \(n_y, m\), but it has shape \(6,\)",
    ):
        opt.random_mini_batches(X, Y.ravel())
    with pytest.raises(
        TypeError, match=r"update_lr: epoch_num must be a whole number .*, but 1.5 was given"
    ):
        opt.update_lr(0.1, 1.5, 1)
    with pytest.raises(
        ValueError, match=r"schedule_lr_decay: decay_rate must be in \[0, inf\), but -1 was given"
    ):
        opt.schedule_lr_decay(0.1, 3, -1)
    with pytest.raises(
        ValueError,
        match=r"exponentially_weighted_average: beta must be in \[0, 1\), but 1 was given",
    ):
        opt.exponentially_weighted_average([1.0, 2.0], 1)
    with pytest.raises(TypeError, match=r"initialize_adam: parameters must be a dict"):
        opt.initialize_adam([1, 2])
