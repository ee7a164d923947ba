"""Course 2 in NumPy: behaviour on hand-computed cases, and bad input named in the message.

Regularization, gradient checking, optimizers and learning-rate decay, batch norm and
softmax cross-entropy. Gradients are checked in test_course2_gradients.py; agreement
with TensorFlow/Keras in test_course2_parity.py.
"""

import copy

import numpy as np
import pytest

from dl_notes import batch_norm as bn
from dl_notes import gradient_check as gc
from dl_notes import optimizers as opt
from dl_notes import regularization as reg
from dl_notes.deep_network import l_model_backward, l_model_forward
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import (
    compute_cost,
    one_hot,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_cost,
)


def _net(rng, dims=(3, 4, 2, 1), m=6):
    params = initialize_parameters_deep(list(dims), method="he", seed=2)
    for l in range(1, len(dims)):
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape) * 0.5
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return params, X, Y


def _grads_like(params, rng):
    return {"d" + k: rng.standard_normal(v.shape) for k, v in params.items()}


# --- regularization ------------------------------------------------------------------

def test_l2_cost_hand_computed():
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[100.0]]), "W2": np.array([[3.0]]), "b2": np.zeros((1, 1))}
    # lambda / (2m) * (1 + 4 + 9), biases ignored
    assert reg.l2_regularization_cost(params, lambd=0.5, m=7) == pytest.approx(0.5 / 14 * 14)
    grads = reg.l2_regularization_gradients(params, lambd=0.5, m=7)
    assert sorted(grads) == ["dW1", "dW2"]
    assert np.allclose(grads["dW1"], 0.5 / 7 * params["W1"])


def test_compute_cost_with_regularization_course_example():
    """The course's own test case: seed-1 randn parameters, lambd = 0.1."""
    rs = np.random.RandomState(1)
    shapes = [("W1", (2, 3)), ("b1", (2, 1)), ("W2", (3, 2)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1))]
    params = {k: rs.randn(*s) for k, s in shapes}
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    Y = np.array([[1, 1, 0, 1, 0]])
    assert reg.compute_cost_with_regularization(A3, Y, params, 0.1) == pytest.approx(1.78648594516, abs=1e-10)
    assert reg.compute_cost_with_regularization(A3, Y, params, 0.0) == pytest.approx(compute_cost(A3, Y))


def test_dropout_forward_masks_and_scales(rng):
    A = rng.uniform(0.5, 1.5, (50, 400))
    A_drop, (D, keep_prob) = reg.dropout_forward(A, 0.8, seed=0)
    assert keep_prob == 0.8 and set(np.unique(D)) == {0.0, 1.0}
    assert D.mean() == pytest.approx(0.8, abs=0.01)
    assert np.allclose(A_drop[D == 1], A[D == 1] / 0.8) and not A_drop[D == 0].any()
    assert A_drop.mean() == pytest.approx(A.mean(), rel=0.02), "inverted dropout keeps the expected value"
    again, _ = reg.dropout_forward(A, 0.8, seed=0)
    other, _ = reg.dropout_forward(A, 0.8, seed=1)
    assert np.array_equal(A_drop, again) and not np.array_equal(A_drop, other)
    assert np.array_equal(reg.dropout_forward(A, 1.0)[0], A), "keep_prob = 1 keeps everything"


def test_dropout_backward_uses_the_same_mask(rng):
    A, dA = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    _, cache = reg.dropout_forward(A, 0.5, seed=3)
    D = cache[0]
    assert np.array_equal(reg.dropout_backward(dA, cache), dA * D / 0.5)


def test_regularized_model_reduces_to_the_plain_one(rng):
    params, X, Y = _net(rng)
    AL, caches = reg.l_model_forward_regularized(X, params, keep_prob=1.0)
    AL_plain, caches_plain = l_model_forward(X, params)
    assert np.array_equal(AL, AL_plain) and all(len(c) == 2 for c in caches)
    grads = reg.l_model_backward_regularized(AL, Y, caches, lambd=0.0)
    plain = l_model_backward(AL_plain, Y, caches_plain)
    assert all(np.array_equal(grads[k], plain[k]) for k in plain)
    l2 = reg.backward_propagation_with_regularization(X, Y, caches_plain, lambd=0.7)
    for l in (1, 2, 3):
        assert np.allclose(l2[f"dW{l}"], plain[f"dW{l}"] + 0.7 / 6 * params[f"W{l}"])
        assert np.array_equal(l2[f"db{l}"], plain[f"db{l}"]), "biases are not regularized"


def test_forward_propagation_with_dropout_drops_hidden_units_only(rng):
    params, X, Y = _net(rng, dims=(3, 8, 6, 1), m=40)
    A3, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.7, seed=4)
    assert [len(c) for c in cache] == [3, 3, 2], "dropout on hidden layers, not on the output"
    A3_again, _ = reg.forward_propagation_with_dropout(X, params, keep_prob=0.7, seed=4)
    assert np.array_equal(A3, A3_again)
    grads = reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.7)
    assert {k: grads[k].shape for k in ("dW1", "db1", "dW3")} == {"dW1": (8, 3), "db1": (8, 1), "dW3": (1, 6)}
    # a hidden unit dropped for every example gets no gradient at all
    keep_all_but_unit0 = [c[:2] + ((c[2][0] * (np.arange(c[2][0].shape[0]) != 0)[:, None], 0.7),) if len(c) == 3 else c
                          for c in cache]
    grads = reg.backward_propagation_with_dropout(X, Y, keep_all_but_unit0, keep_prob=0.7)
    assert not grads["dW1"][0].any() and not grads["db1"][0].any() and grads["dW1"][1:].any()


def test_l_layer_model_regularized_shrinks_weights(rng):
    X = rng.standard_normal((2, 60))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    plain, costs = reg.l_layer_model_regularized(X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1)
    l2, _ = reg.l_layer_model_regularized(X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1, lambd=2.0)
    _, dcosts = reg.l_layer_model_regularized(X, Y, [2, 10, 5, 1], num_iterations=1001, learning_rate=0.1,
                                              keep_prob=0.8)

    def norm(p):
        return sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2, 3))

    assert norm(l2) < 0.7 * norm(plain)
    assert len(costs) == 2 and costs[-1] < costs[0] and np.all(np.isfinite(dcosts))


def test_regularization_bad_input(rng):
    params, X, Y = _net(rng)
    with pytest.raises(ValueError, match=r"dropout_forward: keep_prob must be in \(0, 1\], but 0 was given"):
        reg.dropout_forward(X, 0)
    with pytest.raises(ValueError, match=r"keep_prob must be in \(0, 1\], but 1.5 was given"):
        reg.forward_propagation_with_dropout(X, params, keep_prob=1.5)
    with pytest.raises(TypeError, match=r"dropout_forward: keep_prob must be a number, but a str was given"):
        reg.dropout_forward(X, "0.5")
    with pytest.raises(TypeError, match=r"dropout_forward: A must be a numeric array, but it has dtype <U1"):
        reg.dropout_forward(np.array(["a", "b"]), 0.5)
    with pytest.raises(TypeError, match=r"dropout_forward: seed must be an int"):
        reg.dropout_forward(X, 0.5, seed="x")
    _, cache = reg.dropout_forward(X, 0.5, seed=0)
    with pytest.raises(ValueError, match=r"dropout_backward: dA and the cached mask D must have the same shape, but dA has shape \(2, 6\) and the cached mask D has shape \(3, 6\)"):
        reg.dropout_backward(np.ones((2, 6)), cache)
    with pytest.raises(ValueError, match=r"l2_regularization_cost: lambd must be in \[0, inf\), but -1 was given"):
        reg.l2_regularization_cost(params, -1, 6)
    with pytest.raises(ValueError, match=r"parameters has no weights 'W1', 'W2', ...; it has keys \['b1'\]"):
        reg.l2_regularization_cost({"b1": np.zeros((2, 1))}, 0.1, 6)
    with pytest.raises(ValueError, match=r"compute_cost: AL and Y must have the same shape, but AL has shape \(1, 6\) and Y has shape \(1, 5\)"):
        reg.compute_cost_with_regularization(np.full((1, 6), 0.5), np.ones((1, 5)), params, 0.1)
    _, cache = reg.forward_propagation_with_dropout(X, params, keep_prob=0.5)
    with pytest.raises(ValueError, match=r"backward_propagation_with_dropout: keep_prob is 0.8 but the forward pass used 0.5"):
        reg.backward_propagation_with_dropout(X, Y, cache, keep_prob=0.8)
    with pytest.raises(ValueError, match=r"X has shape \(3, 4\) but the forward pass was given an input of shape \(3, 6\)"):
        reg.backward_propagation_with_regularization(X[:, :4], Y, cache, 0.1)
    with pytest.raises(ValueError, match=r"l_model_forward_regularized: X has 5 features \(rows\) but W1 has shape \(4, 3\)"):
        reg.l_model_forward_regularized(np.ones((5, 2)), params, keep_prob=0.5)


# --- gradient checking ---------------------------------------------------------------

def test_vector_round_trip(rng):
    params, _, _ = _net(rng)
    theta, element_keys = gc.dictionary_to_vector(params)
    assert theta.shape == (sum(v.size for v in params.values()), 1)
    assert element_keys[:12] == ["W1"] * 12 and element_keys[12] == "b1"
    back = gc.vector_to_dictionary(theta, params)
    assert list(back) == list(params) and all(np.array_equal(back[k], params[k]) for k in params)
    back["W1"][0, 0] = 99.0
    assert theta[0, 0] != 99.0, "vector_to_dictionary returns copies"
    grads = {"dA0": np.zeros((3, 6)), **{"d" + k: v * 2 for k, v in reversed(params.items())}}
    assert np.array_equal(gc.gradients_to_vector(grads), 2 * theta), "same order as the parameters, dA ignored"


def test_gradient_check_1d():
    assert gc.gradient_check(2.0, 4.0) < 1e-7
    wrong = gc.gradient_check(2.0, 4.0, backward=lambda x, theta: theta)   # dJ/dtheta is x, not theta
    assert wrong == pytest.approx(abs(4 - 2) / (4 + 2), rel=1e-6)
    cube = gc.gradient_check(0.0, 1.5, forward=lambda x, t: t ** 3, backward=lambda x, t: 3 * t ** 2)
    assert cube < 1e-7


def test_gradient_check_n_prints(rng, capsys):
    params, X, Y = _net(rng)
    _, cache = gc.forward_propagation_n(X, Y, params)
    grads = gc.backward_propagation_n(X, Y, cache)
    assert gc.gradient_check_n(params, grads, X, Y, 1e-7, True) < gc.THRESHOLD
    assert "passed" in capsys.readouterr().out
    grads["db1"] = grads["db1"] + 1e-3
    assert gc.gradient_check_n(params, grads, X, Y, print_msg=True) > gc.THRESHOLD
    assert "failed" in capsys.readouterr().out


def test_gradient_check_bad_input(rng):
    params, X, Y = _net(rng)
    theta, _ = gc.dictionary_to_vector(params)
    with pytest.raises(ValueError, match=r"vector_to_dictionary: theta must have shape \(29, 1\) to fill shapes \{'W1': \(4, 3\), .*\}, but it has shape \(28, 1\)"):
        gc.vector_to_dictionary(theta[:-1], params)
    with pytest.raises(ValueError, match=r"vector_to_dictionary: theta must be a 2-D array \(n, 1\), but it has shape \(29,\)"):
        gc.vector_to_dictionary(theta.ravel(), params)
    with pytest.raises(ValueError, match=r"gradients_to_vector: gradients has no \['db2'\]"):
        gc.gradients_to_vector({"dW1": 1, "db1": 1, "dW2": 1}, ["W1", "b1", "W2", "b2"])
    grads = {"d" + k: np.zeros_like(v) for k, v in params.items()}
    grads["dW2"] = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"gradient_check_n: gradients\['dW2'\] has shape \(4, 2\) but parameters\['W2'\] has shape \(2, 4\)"):
        gc.gradient_check_n(params, grads, X, Y)
    with pytest.raises(TypeError, match=r"gradient_check_n: epsilon must be a number, but a function was given"):
        gc.gradient_check_n(params, grads, X, Y, gc.forward_propagation_n)
    with pytest.raises(TypeError, match=r"dictionary_to_vector: parameters must be a dict of arrays, but a list was given"):
        gc.dictionary_to_vector([params["W1"]])


# --- mini-batches, averages, optimizers, decay ----------------------------------------

def test_random_mini_batches_cover_every_example_once(rng):
    X = np.arange(2 * 148, dtype=float).reshape(2, 148)
    Y = X[:1] * 10
    batches = opt.random_mini_batches(X, Y, mini_batch_size=64, seed=0)
    assert [b[0].shape for b in batches] == [(2, 64), (2, 64), (2, 20)], "the last batch is smaller"
    seen = np.concatenate([b[0][0] for b in batches])
    assert sorted(seen.tolist()) == X[0].tolist(), "every example exactly once"
    assert not np.array_equal(seen, X[0]), "shuffled"
    assert all(np.array_equal(bY, bX[:1] * 10) for bX, bY in batches), "labels stay with their examples"
    again = opt.random_mini_batches(X, Y, 64, seed=0)
    assert all(np.array_equal(a[0], b[0]) for a, b in zip(batches, again))
    assert len(opt.random_mini_batches(X[:, :128], Y[:, :128], 64)) == 2, "no empty last batch"


def test_exponentially_weighted_average_hand_computed():
    raw = opt.exponentially_weighted_average([1.0, 2.0, 3.0], beta=0.5, bias_correction=False)
    assert np.allclose(raw, [0.5, 1.25, 2.125])
    corrected = opt.exponentially_weighted_average([1.0, 2.0, 3.0], beta=0.5)
    assert np.allclose(corrected, [1.0, 1.25 / 0.75, 2.125 / 0.875])
    arrays = opt.exponentially_weighted_average(np.ones((4, 2, 3)) * 7, beta=0.9)
    assert arrays.shape == (4, 2, 3) and np.allclose(arrays, 7), "corrected average of a constant is the constant"


def test_exponentially_weighted_average_matches_pandas(rng):
    pd = pytest.importorskip("pandas")
    values = rng.standard_normal(50)
    # pandas' adjust=True normalises the weights: exactly the bias-corrected average
    ewm = pd.Series(values).ewm(alpha=1 - 0.9, adjust=True).mean().to_numpy()
    assert np.allclose(opt.exponentially_weighted_average(values, 0.9), ewm, rtol=1e-12)


def test_momentum_rmsprop_adam_first_steps_by_hand():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.2, -0.4]]), "db1": np.array([[1.0]])}
    new, v = opt.update_parameters_with_momentum(params, grads, opt.initialize_velocity(params), beta=0.9,
                                                 learning_rate=0.1)
    assert np.allclose(v["dW1"], [[0.02, -0.04]]) and np.allclose(new["W1"], [[0.998, -0.996]])
    new, s = opt.update_parameters_with_rmsprop(params, grads, opt.initialize_rmsprop(params), learning_rate=0.1,
                                                beta2=0.99, epsilon=1e-8)
    assert np.allclose(s["dW1"], [[0.0004, 0.0016]])
    assert np.allclose(new["W1"], [[1 - 0.1 / 0.1, -1 + 0.1 / 0.1]], atol=1e-6), "first RMSprop step: lr * g / (sqrt(1-b2)|g|)"
    v, s = opt.initialize_adam(params)
    new, v, s, v_hat, s_hat = opt.update_parameters_with_adam(params, grads, v, s, t=1, learning_rate=0.1)
    assert np.allclose(v_hat["dW1"], grads["dW1"]) and np.allclose(s_hat["dW1"], grads["dW1"] ** 2)
    assert np.allclose(new["W1"], params["W1"] - 0.1 * np.sign(grads["dW1"])), "first Adam step: lr * sign(g)"
    assert np.allclose(v["dW1"], 0.1 * grads["dW1"]) and np.allclose(s["db1"], 0.001)


def test_optimizers_leave_their_inputs_alone(rng):
    params, _, _ = _net(rng)
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
    params, _, _ = _net(rng)
    grads = _grads_like(params, rng)
    gd = opt.update_parameters_with_gd(params, grads, 0.05)
    momentum, _ = opt.update_parameters_with_momentum(params, grads, opt.initialize_velocity(params), 0.0, 0.05)
    assert all(np.allclose(gd[k], momentum[k]) for k in params)


def test_adam_minimises_a_badly_scaled_quadratic():
    """f(W) = 0.5 * (100 w1^2 + w2^2): Adam and momentum get close to 0 where plain GD must crawl."""
    scales = np.array([[100.0, 1.0]])
    params = {"W1": np.array([[1.0, 1.0]])}
    v, s = opt.initialize_adam(params)
    for t in range(1, 501):
        params, v, s, _, _ = opt.update_parameters_with_adam(params, {"dW1": scales * params["W1"]}, v, s, t,
                                                             learning_rate=0.05)
    assert np.abs(params["W1"]).max() < 0.05


def test_learning_rate_decay_hand_computed():
    assert opt.update_lr(0.5, 2, 1) == pytest.approx(0.5 / 3)
    assert opt.update_lr(0.5, 0, 1) == 0.5
    assert opt.schedule_lr_decay(0.5, 999, 0.3) == 0.5
    assert opt.schedule_lr_decay(0.5, 1000, 0.3) == pytest.approx(0.5 / 1.3)
    assert opt.schedule_lr_decay(0.5, 2500, 0.3, time_interval=1000) == pytest.approx(0.5 / 1.6)
    epochs = np.arange(0, 3000, 500)
    assert np.allclose(opt.schedule_lr_decay(1.0, epochs, 1.0), 1 / (1 + np.array([0, 0, 1, 1, 2, 2])))


def test_optimizers_bad_input(rng):
    params, X, Y = _net(rng)
    grads = _grads_like(params, rng)
    v, s = opt.initialize_adam(params)
    with pytest.raises(ValueError, match=r"update_parameters_with_adam: beta1 must be in \[0, 1\), but 1.0 was given"):
        opt.update_parameters_with_adam(params, grads, v, s, 1, beta1=1.0)
    with pytest.raises(TypeError, match=r"update_parameters_with_adam: t must be a whole number, but 1.5 was given"):
        opt.update_parameters_with_adam(params, grads, v, s, 1.5)
    with pytest.raises(ValueError, match=r"update_parameters_with_adam: t must be positive, but 0 was given"):
        opt.update_parameters_with_adam(params, grads, v, s, 0)
    with pytest.raises(ValueError, match=r"update_parameters_with_momentum: v has no 'db3' for parameter 'b3'"):
        opt.update_parameters_with_momentum(params, grads, {k: x for k, x in v.items() if k != "db3"})
    bad = dict(grads, dW2=np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"update_parameters_with_rmsprop: W2 and grads\['dW2'\] must have the same shape, but W2 has shape \(2, 4\) and grads\['dW2'\] has shape \(4, 2\)"):
        opt.update_parameters_with_rmsprop(params, bad, s)
    with pytest.raises(ValueError, match=r"update_parameters_with_rmsprop: epsilon must be positive, but 0 was given"):
        opt.update_parameters_with_rmsprop(params, grads, s, epsilon=0)
    with pytest.raises(ValueError, match=r"random_mini_batches: X and Y must have the same number of examples \(columns\), but X has shape \(3, 6\) and Y has shape \(1, 5\)"):
        opt.random_mini_batches(X, Y[:, :5])
    with pytest.raises(TypeError, match=r"random_mini_batches: mini_batch_size must be a whole number, but 6.5 was given"):
        opt.random_mini_batches(X, Y, 6.5)
    with pytest.raises(ValueError, match=r"random_mini_batches: Y must be a 2-D array \(n_y, m\), but it has shape \(6,\)"):
        opt.random_mini_batches(X, Y.ravel())
    with pytest.raises(TypeError, match=r"update_lr: epoch_num must be a whole number .*, but 1.5 was given"):
        opt.update_lr(0.1, 1.5, 1)
    with pytest.raises(ValueError, match=r"schedule_lr_decay: decay_rate must be in \[0, inf\), but -1 was given"):
        opt.schedule_lr_decay(0.1, 3, -1)
    with pytest.raises(ValueError, match=r"exponentially_weighted_average: beta must be in \[0, 1\), but 1 was given"):
        opt.exponentially_weighted_average([1.0, 2.0], 1)
    with pytest.raises(TypeError, match=r"initialize_adam: parameters must be a dict"):
        opt.initialize_adam([1, 2])


# --- batch normalization -------------------------------------------------------------

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
    assert params["running_mean"] is not old_mean and np.allclose(old_mean, 0.1 * Z.mean(axis=1, keepdims=True))


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
    with pytest.raises(ValueError, match=r"batchnorm_forward: unknown mode 'eval'; expected one of 'train', 'test'"):
        bn.batchnorm_forward(Z, g, b, {"mode": "eval"})
    with pytest.raises(ValueError, match=r"batchnorm_forward: gamma must have shape \(3, 1\), but it has shape \(1, 3\); Z has 3 rows"):
        bn.batchnorm_forward(Z, g.T, b, {"mode": "train"})
    with pytest.raises(ValueError, match=r"batchnorm_forward: Z must be a 2-D array \(n\[l\], m\), but it has shape \(3,\)"):
        bn.batchnorm_forward(Z[:, 0], g, b, {"mode": "train"})
    with pytest.raises(ValueError, match=r"mode 'test' needs bn_params\['running_mean'\] and bn_params\['running_var'\] of shape \(3, 1\)"):
        bn.batchnorm_forward(Z, g, b, {"mode": "test"})
    with pytest.raises(ValueError, match=r"bn_params\['running_var'\] must have shape \(3, 1\), but it has shape \(4, 1\)"):
        bn.batchnorm_forward(Z, g, b, {"mode": "test", "running_mean": b, "running_var": np.ones((4, 1))})
    with pytest.raises(ValueError, match=r"batchnorm_forward: bn_params\['momentum'\] must be in \[0, 1\), but 1.5 was given"):
        bn.batchnorm_forward(Z, g, b, {"mode": "train", "momentum": 1.5})
    with pytest.raises(TypeError, match=r"batchnorm_forward: Z must be a numeric array, but it has dtype object"):
        bn.batchnorm_forward(np.array([[None]]), g, b, {"mode": "train"})
    _, cache = bn.batchnorm_forward(Z, g, b, {"mode": "train"})
    with pytest.raises(ValueError, match=r"batchnorm_backward: dZ_tilde and the cached Z_norm must have the same shape, but dZ_tilde has shape \(3, 7\)"):
        bn.batchnorm_backward(Z[:, :7], cache)


# --- softmax cross-entropy -----------------------------------------------------------

def test_one_hot():
    Y = one_hot(np.array([[2, 0, 1, 2]]), 3)
    assert np.array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])


def test_softmax_cross_entropy_hand_computed():
    AL = np.array([[0.7, 0.2], [0.3, 0.8]])
    Y = np.array([[1, 0], [0, 1]])
    assert softmax_cross_entropy_cost(AL, Y) == pytest.approx(-(np.log(0.7) + np.log(0.8)) / 2)
    assert np.allclose(softmax_cross_entropy_backward(AL, Y), [[-0.3, 0.2], [0.3, -0.2]])
    assert np.isfinite(softmax_cross_entropy_cost(np.array([[0.0], [1.0]]), np.array([[1], [0]])))


def test_softmax_cross_entropy_bad_input():
    AL = np.full((3, 4), 1 / 3)
    with pytest.raises(ValueError, match=r"AL and Y must have the same shape \(C, m\), but AL has shape \(3, 4\) and Y has shape \(1, 4\) \(labels as integers\? one_hot"):
        softmax_cross_entropy_cost(AL, np.array([[0, 1, 2, 1]]))
    with pytest.raises(ValueError, match=r"each column of Y must be one-hot \(or a probability distribution\), but column 1 is \[1.0, 1.0, 0.0\]"):
        softmax_cross_entropy_backward(AL, np.array([[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]]))
    with pytest.raises(ValueError, match=r"softmax_cross_entropy_cost: AL must be a 2-D array \(C, m\), but it has shape \(3,\)"):
        softmax_cross_entropy_cost(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match=r"one_hot: labels must lie in 0..2 for C=3, but they contain \[3\]"):
        one_hot(np.array([0, 3]), 3)
    with pytest.raises(TypeError, match=r"one_hot: labels must be whole numbers \(class indices\), but they have dtype float64"):
        one_hot(np.array([0.5, 1.0]), 3)
