"""Parity with the framework: the NumPy code against TensorFlow/Keras, same inputs, same numbers.

Optimizers: NumPy momentum, RMSprop and Adam follow the same parameter trajectories as
`tf.keras.optimizers` over several steps, with the gradients of a small network computed
at each side's own current parameters (so differences would compound). Where Keras
defines a detail differently, the test configures or transforms so that the trajectories
must match, and a second test asserts the documented difference itself:

- SGD momentum: Keras' velocity is m = mu*m - lr*g (W += m), the course's v = b*v + (1-b)*g
  (W -= alpha*v): equal with lr = alpha*(1 - b).
- RMSprop: Keras' rho is our beta2; Keras puts epsilon inside the square root.
- Adam: Keras' epsilon sits next to the uncorrected sqrt(s): ours with
  epsilon_t = epsilon_K / sqrt(1 - beta2^t) is Keras'. Keras also rounds the betas to
  float32 when it computes beta^t.
- Keras casts Python hyperparameters such as beta and momentum through float32, and keeps
  the learning rate in a float32 variable; so the exact-match tests use values that float32
  represents exactly (0.875, 0.998046875, 2^-k), and one test measures the effect with the
  course's own values.

Batch norm matches `keras.layers.BatchNormalization` (training, running averages,
inference, and gradients); softmax cross-entropy matches `tf.nn.softmax_cross_entropy_with_logits`
and Keras' categorical cross-entropy; dropout is inverted dropout in TensorFlow too.
"""

import numpy as np
import pytest

from dl_notes import batch_norm as bn
from dl_notes import optimizers as opt
from dl_notes import regularization as reg
from dl_notes.activations import softmax
from dl_notes.deep_network import l_model_backward, l_model_forward
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import (
    one_hot,
    softmax_cross_entropy_backward,
    softmax_cross_entropy_cost,
)
from tests.gradcheck import rel_error

STEPS = 8
#: Exactly representable in float32, so Keras' float32 casts change nothing.
BETA_F32 = 0.875
BETA2_F32 = 1 - 2.0**-9  # 0.998046875
TIGHT = 1e-12


@pytest.fixture
def problem(rng):
    """A small network and a function giving the gradients of its cost at any parameters."""
    params = initialize_parameters_deep([3, 5, 2, 1], method="he", seed=4)
    for l in (1, 2, 3):
        params[f"b{l}"] = rng.standard_normal(params[f"b{l}"].shape) * 0.3
    X = rng.standard_normal((3, 16))
    Y = (X[0:1] - X[2:3] > 0).astype(float)

    def grad_fn(p):
        AL, caches = l_model_forward(X, p)
        return l_model_backward(AL, Y, caches)

    return params, grad_fn


def _keras_trajectory(tf, optimizer, params, grad_fn, steps=STEPS):
    variables = {k: tf.Variable(v) for k, v in params.items()}
    trajectory = []
    for _ in range(steps):
        grads = grad_fn({k: v.numpy() for k, v in variables.items()})
        optimizer.apply_gradients([(tf.constant(grads["d" + k]), variables[k]) for k in variables])
        trajectory.append({k: v.numpy().copy() for k, v in variables.items()})
    return trajectory


def _numpy_trajectory(step, state, params, grad_fn, steps=STEPS):
    """`step(params, grads, state, t) -> (params, state)`."""
    trajectory = []
    for t in range(1, steps + 1):
        params, state = step(params, grad_fn(params), state, t)
        trajectory.append(params)
    return trajectory


def _max_rel_error(a, b):
    return max(rel_error(pa[k], pb[k]) for pa, pb in zip(a, b) for k in pa)


# --- SGD with momentum ---------------------------------------------------------------


def _momentum_step(beta, learning_rate):
    def step(params, grads, v, t):
        return opt.update_parameters_with_momentum(params, grads, v, beta, learning_rate)

    return step


def test_momentum_matches_keras_sgd(tf, problem):
    params, grad_fn = problem
    alpha, beta = 0.5, BETA_F32
    ours = _numpy_trajectory(
        _momentum_step(beta, alpha), opt.initialize_velocity(params), params, grad_fn
    )
    keras_sgd = tf.keras.optimizers.SGD(learning_rate=alpha * (1 - beta), momentum=beta)
    theirs = _keras_trajectory(tf, keras_sgd, params, grad_fn)
    assert _max_rel_error(ours, theirs) < TIGHT
    assert _max_rel_error(ours[:1], [params]) > 1e-3, "the parameters did move"


def test_keras_momentum_steps_are_larger_by_one_over_one_minus_beta(tf, problem):
    """The documented difference: same learning rate, Keras' velocity lacks the (1 - beta)."""
    params, grad_fn = problem
    alpha, beta = 0.5, BETA_F32
    ours = _numpy_trajectory(
        _momentum_step(beta, alpha), opt.initialize_velocity(params), params, grad_fn, 1
    )[0]
    theirs = _keras_trajectory(
        tf, tf.keras.optimizers.SGD(learning_rate=alpha, momentum=beta), params, grad_fn, 1
    )[0]
    for k in params:
        assert rel_error(theirs[k] - params[k], (ours[k] - params[k]) / (1 - beta)) < TIGHT


# --- RMSprop -------------------------------------------------------------------------


def _rmsprop_step(learning_rate, beta2, epsilon):
    def step(params, grads, s, t):
        return opt.update_parameters_with_rmsprop(params, grads, s, learning_rate, beta2, epsilon)

    return step


def test_rmsprop_matches_keras(tf, problem):
    """rho = beta2; epsilon so small that it vanishes next to s in float64, inside or outside the
    root."""
    params, grad_fn = problem
    lr, beta2, eps = 2.0**-6, 0.999, 1e-300
    ours = _numpy_trajectory(
        _rmsprop_step(lr, beta2, eps), opt.initialize_rmsprop(params), params, grad_fn
    )
    keras_rmsprop = tf.keras.optimizers.RMSprop(learning_rate=lr, rho=beta2, epsilon=eps)
    assert _max_rel_error(ours, _keras_trajectory(tf, keras_rmsprop, params, grad_fn)) < TIGHT


def test_keras_rmsprop_puts_epsilon_inside_the_root(tf, problem):
    params, grad_fn = problem
    lr, beta2, eps = 2.0**-6, 0.9, 0.01
    grads = grad_fn(params)
    ours, s = opt.update_parameters_with_rmsprop(
        params, grads, opt.initialize_rmsprop(params), lr, beta2, eps
    )
    theirs = _keras_trajectory(
        tf, tf.keras.optimizers.RMSprop(lr, rho=beta2, epsilon=eps), params, grad_fn, 1
    )[0]
    for k in params:
        d = "d" + k
        assert rel_error(theirs[k], params[k] - lr * grads[d] / np.sqrt(s[d] + eps)) < TIGHT
        assert rel_error(theirs[k] - params[k], ours[k] - params[k]) > 1e-3
    defaults = tf.keras.optimizers.RMSprop()
    assert (defaults.rho, defaults.epsilon) == (0.9, 1e-7), (
        "Keras' defaults; ours are beta2=0.999, epsilon=1e-8"
    )


# --- Adam ----------------------------------------------------------------------------


def _adam_step(learning_rate, beta1, beta2, epsilon_at, learning_rate_at=None):
    def step(params, grads, state, t):
        v, s = state
        lr = learning_rate if learning_rate_at is None else learning_rate_at(t)
        params, v, s, _, _ = opt.update_parameters_with_adam(
            params, grads, v, s, t, lr, beta1, beta2, epsilon_at(t)
        )
        return params, (v, s)

    return step


def test_adam_matches_keras(tf, problem):
    """Keras' epsilon_K next to the uncorrected sqrt(s) is our epsilon = epsilon_K / sqrt(1 -
    beta2^t)."""
    params, grad_fn = problem
    lr, beta1, beta2, eps_keras = 2.0**-5, BETA_F32, BETA2_F32, 1e-3
    ours = _numpy_trajectory(
        _adam_step(lr, beta1, beta2, lambda t: eps_keras / np.sqrt(1 - beta2**t)),
        opt.initialize_adam(params),
        params,
        grad_fn,
    )
    keras_adam = tf.keras.optimizers.Adam(
        learning_rate=lr, beta_1=beta1, beta_2=beta2, epsilon=eps_keras
    )
    theirs = _keras_trajectory(tf, keras_adam, params, grad_fn)
    assert _max_rel_error(ours, theirs) < TIGHT
    # the documented difference: the same epsilon on both sides does not give the same steps
    same_eps = _numpy_trajectory(
        _adam_step(lr, beta1, beta2, lambda t: eps_keras),
        opt.initialize_adam(params),
        params,
        grad_fn,
    )
    assert _max_rel_error(same_eps, theirs) > 1e-3
    assert tf.keras.optimizers.Adam().epsilon == 1e-7, "Keras' default; ours is 1e-8"


def test_adam_with_the_course_defaults_differs_only_by_float32_rounding(tf, problem):
    """beta1=0.9, beta2=0.999, lr=0.01: Keras' bias correction uses float32 betas, its lr is
    float32.

    Close but not exact as they are; exact once our step size carries the same rounding:
    Keras' step factor is lr32 * sqrt(1 - b2_32^t) / (1 - b1_32^t) with float32-rounded values.
    """
    params, grad_fn = problem
    lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
    theirs = _keras_trajectory(tf, tf.keras.optimizers.Adam(lr, beta1, beta2, eps), params, grad_fn)

    def eps_at(t):
        return eps / np.sqrt(1 - beta2**t)

    plain = _numpy_trajectory(
        _adam_step(lr, beta1, beta2, eps_at), opt.initialize_adam(params), params, grad_fn
    )
    assert 1e-9 < _max_rel_error(plain, theirs) < 1e-5

    def f32(x):
        return float(np.float32(x))

    def factor(b1, b2, t):
        return np.sqrt(1 - b2**t) / (1 - b1**t)

    def lr_at(t):
        return f32(lr) * factor(f32(beta1), f32(beta2), t) / factor(beta1, beta2, t)

    rounded = _numpy_trajectory(
        _adam_step(lr, beta1, beta2, eps_at, lr_at), opt.initialize_adam(params), params, grad_fn
    )
    assert _max_rel_error(rounded, theirs) < TIGHT


# --- learning-rate decay -------------------------------------------------------------


def test_learning_rate_decay_matches_keras_inverse_time_decay(tf):
    epochs = np.arange(0, 5000, 250)
    continuous = tf.keras.optimizers.schedules.InverseTimeDecay(0.5, decay_steps=1, decay_rate=0.3)
    staircase = tf.keras.optimizers.schedules.InverseTimeDecay(
        0.5, decay_steps=1000, decay_rate=0.3, staircase=True
    )
    for e in epochs:
        assert opt.update_lr(0.5, int(e), 0.3) == pytest.approx(float(continuous(int(e))), rel=1e-6)
        assert opt.schedule_lr_decay(0.5, int(e), 0.3, 1000) == pytest.approx(
            float(staircase(int(e))), rel=1e-6
        )


# --- batch normalization -------------------------------------------------------------


def _keras_bn(tf, gamma, beta, **kwargs):
    layer = tf.keras.layers.BatchNormalization(dtype="float64", **kwargs)
    layer.build((None, gamma.shape[0]) if kwargs.get("axis", -1) == -1 else (gamma.shape[0], None))
    layer.gamma.assign(gamma.ravel())
    layer.beta.assign(beta.ravel())
    return layer


def test_batchnorm_matches_keras_in_training_and_inference(tf, rng):
    n, m = 4, 10
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.standard_normal((n, 1))
    momentum, eps = 0.9, 1e-5
    layer = _keras_bn(tf, gamma, beta, momentum=momentum, epsilon=eps)
    assert np.array_equal(layer.moving_variance.numpy(), np.ones(n)), (
        "Keras starts the variance at 1, as we do"
    )
    bn_params = {"mode": "train", "momentum": momentum, "epsilon": eps}
    for step in range(5):
        Z = rng.standard_normal((n, m)) * (step + 1) + step
        ours, _ = bn.batchnorm_forward(Z, gamma, beta, bn_params)
        theirs = layer(Z.T, training=True).numpy().T  # Keras: features on the last axis
        assert rel_error(ours, theirs) < TIGHT
        assert rel_error(bn_params["running_mean"].ravel(), layer.moving_mean.numpy()) < TIGHT
        assert rel_error(bn_params["running_var"].ravel(), layer.moving_variance.numpy()) < TIGHT
    Z_test = rng.standard_normal((n, 3))
    ours, _ = bn.batchnorm_forward(Z_test, gamma, beta, dict(bn_params, mode="test"))
    assert rel_error(ours, layer(Z_test.T, training=False).numpy().T) < TIGHT


def test_batchnorm_keras_conventions(tf, rng):
    """momentum means the same (weight of the old average); axis=0 takes the course layout; defaults
    differ."""
    n, m = 3, 8
    gamma, beta = np.ones((n, 1)), np.zeros((n, 1))
    Z = rng.standard_normal((n, m)) + 2
    layer = _keras_bn(tf, gamma, beta, momentum=0.9, epsilon=1e-5, axis=0)
    theirs = layer(Z, training=True).numpy()  # (n, m) as it is, features on axis 0
    bn_params = {"mode": "train", "momentum": 0.9, "epsilon": 1e-5}
    ours, _ = bn.batchnorm_forward(Z, gamma, beta, bn_params)
    assert rel_error(ours, theirs) < TIGHT
    assert np.allclose(layer.moving_mean.numpy(), 0.9 * 0 + 0.1 * Z.mean(axis=1)), (
        "old average weighted by momentum"
    )
    assert np.allclose(layer.moving_variance.numpy(), 0.9 * 1 + 0.1 * Z.var(axis=1)), (
        "biased batch variance"
    )
    defaults = tf.keras.layers.BatchNormalization()
    assert (defaults.momentum, defaults.epsilon) == (0.99, 1e-3), (
        "Keras' defaults; ours are 0.9 and 1e-5"
    )
    keras_default = _keras_bn(tf, gamma, beta, axis=0)(Z[:, :2], training=True).numpy()
    ours_default, _ = bn.batchnorm_forward(Z[:, :2], gamma, beta, {"mode": "train"})
    assert rel_error(ours_default, keras_default) > 1e-4, "with m = 2, epsilon 1e-3 vs 1e-5 shows"


def test_batchnorm_backward_matches_keras_autodiff(tf, rng):
    n, m = 4, 9
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.standard_normal((n, 1))
    Z, G = rng.standard_normal((n, m)) * 2 + 1, rng.standard_normal((n, m))
    _, cache = bn.batchnorm_forward(Z, gamma, beta, {"mode": "train", "epsilon": 1e-5})
    dZ, dgamma, dbeta = bn.batchnorm_backward(G, cache)
    layer = _keras_bn(tf, gamma, beta, epsilon=1e-5)
    Zt = tf.Variable(Z.T)
    with tf.GradientTape() as tape:
        out = tf.reduce_sum(G.T * layer(Zt, training=True))
    g_Z, g_gamma, g_beta = tape.gradient(out, [Zt, layer.gamma, layer.beta])
    assert rel_error(dZ, g_Z.numpy().T) < 1e-10
    assert rel_error(dgamma.ravel() * m, g_gamma.numpy()) < 1e-10
    assert rel_error(dbeta.ravel() * m, g_beta.numpy()) < 1e-10


# --- softmax cross-entropy and dropout -----------------------------------------------


def test_softmax_cross_entropy_matches_tensorflow(tf, rng):
    C, m = 5, 8
    Z = rng.standard_normal((C, m)) * 3
    Y = one_hot(rng.integers(0, C, m), C)
    cost = softmax_cross_entropy_cost(softmax(Z), Y)
    per_example = tf.nn.softmax_cross_entropy_with_logits(
        labels=Y.T, logits=Z.T
    )  # classes last: (m, C)
    assert per_example.shape == (m,), "one loss per example, not the cost"
    assert cost == pytest.approx(float(tf.reduce_mean(per_example)), rel=1e-12)
    assert cost == pytest.approx(
        float(tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(Y, Z, axis=0))), rel=1e-12
    )
    keras_per_example = tf.keras.losses.categorical_crossentropy(
        Y.T, Z.T, from_logits=True
    )  # the course's W3A1 call
    assert cost == pytest.approx(float(tf.reduce_mean(keras_per_example)), rel=1e-12)
    logits = tf.Variable(Z.T)
    with tf.GradientTape() as tape:
        J = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y.T, logits=logits))
    grad = tape.gradient(J, logits).numpy().T
    dZ = softmax_cross_entropy_backward(softmax(Z), Y)
    assert rel_error(dZ, m * grad) < 1e-12, "TensorFlow's gradient of the mean is (A - Y) / m"


def test_tensorflow_dropout_is_inverted_dropout_too(tf, rng):
    A = rng.uniform(1, 2, (6, 50))
    G = rng.standard_normal(A.shape)
    keep_prob = 0.8
    A_var = tf.Variable(A)
    with tf.GradientTape() as tape:
        dropped = tf.nn.dropout(
            A_var, rate=1 - keep_prob, seed=3
        )  # TensorFlow's rate = 1 - keep_prob
        out = tf.reduce_sum(G * dropped)
    theirs = dropped.numpy()
    kept = theirs != 0
    assert 0.7 < kept.mean() < 0.9
    assert np.allclose(theirs[kept], A[kept] / keep_prob), "survivors are scaled by 1 / keep_prob"
    # with TensorFlow's mask, our forward and backward give TensorFlow's numbers
    D = kept.astype(float)
    assert rel_error(A * D / keep_prob, theirs) < TIGHT
    assert (
        rel_error(reg.dropout_backward(G, (D, keep_prob)), tape.gradient(out, A_var).numpy())
        < TIGHT
    )
    layer = tf.keras.layers.Dropout(rate=1 - keep_prob, dtype="float64")
    assert np.array_equal(layer(A, training=False).numpy(), A), "no dropout at test time"
