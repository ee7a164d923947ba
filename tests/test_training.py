"""dl_notes.training: the batch-norm network's gradients (finite differences AND TensorFlow),
the training loops' behaviour and input checks, and the moons loader.

Gradient conventions as in tests/gradcheck.py: parameter gradients (dW, db, dgamma, dbeta) are
derivatives of the cost J; dA is a derivative of the summed loss m*J. Batch norm has no
randomness, so both modes are fixed functions of the parameters: in training mode the
statistics are the batch's own (and depend on the parameters), in test mode they are the
given running averages (constants).
"""

import functools
import re

import numpy as np
import pytest

from dl_notes import training as tr
from dl_notes.data import load_moons_dataset
from dl_notes.deep_network import accuracy, l_model_backward, l_model_forward
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import compute_cost
from dl_notes.optimizers import (
    initialize_adam,
    random_mini_batches,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
)
from tests.gradcheck import assert_close_grad, numerical_gradient, tf_gradients

EPS_BN = 1e-5


# --- the batch-norm network: gradients ----------------------------------------------


def _bn_net(rng, dims=(4, 5, 3, 1), m=7, mode="train"):
    """A batch-norm network with random, non-trivial gamma, beta, output bias and running
    averages."""
    params, bn_params = tr.initialize_parameters_bn(list(dims), method="he", seed=7)
    for l in range(1, len(dims) - 1):
        params[f"gamma{l}"] = rng.uniform(0.5, 2.0, params[f"gamma{l}"].shape)
        params[f"beta{l}"] = rng.standard_normal(params[f"beta{l}"].shape) * 0.5
        bn_params[l - 1] = {
            "epsilon": EPS_BN,
            "running_mean": rng.standard_normal((dims[l], 1)) * 0.3,
            "running_var": rng.uniform(0.5, 2.0, (dims[l], 1)),
        }
    L = len(dims) - 1
    params[f"b{L}"] = rng.standard_normal(params[f"b{L}"].shape) * 0.5
    X = rng.standard_normal((dims[0], m)) * 1.5 + 0.3
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    Y[0, :2] = [0, 1]  # both classes present
    return params, bn_params, X, Y


def _tf_bn_cost(tf, X, Y, p, bn_params, mode, hidden="relu"):
    g = {"relu": tf.nn.relu, "tanh": tf.math.tanh}[hidden]
    L = sum(1 for k in p if k.startswith("W"))
    A = X
    for l in range(1, L):
        Z = p[f"W{l}"] @ A
        if mode == "train":
            mean, var = tf.nn.moments(Z, axes=[1], keepdims=True)
        else:
            mean, var = bn_params[l - 1]["running_mean"], bn_params[l - 1]["running_var"]
        A = g(tf.nn.batch_normalization(Z, mean, var, p[f"beta{l}"], p[f"gamma{l}"], EPS_BN))
    AL = tf.math.sigmoid(p[f"W{L}"] @ A + p[f"b{L}"])
    m = Y.shape[1]
    return -tf.reduce_sum(Y * tf.math.log(AL) + (1 - Y) * tf.math.log(1 - AL)) / m


@pytest.mark.parametrize("mode", ["train", "test"])
@pytest.mark.parametrize("hidden", ["relu", "tanh"])
@pytest.mark.parametrize("dims", [(4, 5, 3, 1), (3, 6, 1)], ids=["L3", "L2"])
def test_l_model_backward_bn(dims, hidden, mode, rng, tf):
    params, bn_params, X, Y = _bn_net(rng, dims, mode=mode)
    AL, caches = tr.l_model_forward_bn(X, params, bn_params, mode=mode, hidden_activation=hidden)
    grads = tr.l_model_backward_bn(AL, Y, caches, hidden_activation=hidden)
    assert set(grads) == {"d" + k for k in params} | {f"dA{l}" for l in range(len(dims) - 1)}

    def J():
        return compute_cost(
            tr.l_model_forward_bn(X, params, bn_params, mode=mode, hidden_activation=hidden)[0], Y
        )

    ref = tf_gradients(
        lambda X, **p: _tf_bn_cost(tf, X, Y, p, bn_params, mode, hidden), {"X": X, **params}
    )
    for key in params:
        assert grads["d" + key].shape == params[key].shape
        assert_close_grad(
            grads["d" + key],
            numerical_gradient(J, params[key]),
            f"{mode}/{hidden}: d{key} vs finite differences",
        )
        assert_close_grad(grads["d" + key], ref[key], f"{mode}/{hidden}: d{key} vs TensorFlow")
    m = X.shape[1]
    assert_close_grad(
        grads["dA0"], m * numerical_gradient(J, X), f"{mode}/{hidden}: dA0 vs finite differences"
    )
    assert_close_grad(grads["dA0"], m * ref["X"], f"{mode}/{hidden}: dA0 (= m dJ/dX) vs TensorFlow")


def test_forward_bn_matches_tensorflow_and_updates_running_averages(rng, tf):
    params, bn_params, X, Y = _bn_net(rng)
    old = [dict(d) for d in bn_params]
    AL, _ = tr.l_model_forward_bn(X, params, bn_params, mode="train")
    cost_tf = float(
        _tf_bn_cost(
            tf, tf.constant(X), Y, {k: tf.constant(v) for k, v in params.items()}, old, "train"
        )
    )
    assert compute_cost(AL, Y) == pytest.approx(cost_tf, rel=1e-12)
    Z1 = params["W1"] @ X
    expected_mean = 0.9 * old[0]["running_mean"] + 0.1 * Z1.mean(axis=1, keepdims=True)
    expected_var = 0.9 * old[0]["running_var"] + 0.1 * Z1.var(axis=1, keepdims=True)
    assert np.allclose(bn_params[0]["running_mean"], expected_mean)
    assert np.allclose(bn_params[0]["running_var"], expected_var)
    frozen = [dict(d) for d in bn_params]
    tr.l_model_forward_bn(X, params, bn_params, mode="test")
    for before, after in zip(frozen, bn_params):
        assert (
            after["running_mean"] is before["running_mean"]
            and after["running_var"] is before["running_var"]
        )
        assert "mode" not in after, "the mode is not written into the caller's bn_params"


def test_test_mode_classifies_one_example_at_a_time_train_mode_does_not(rng):
    params, bn_params, X, _ = _bn_net(rng, m=9)
    batch = tr.l_model_forward_bn(X, params, bn_params, mode="test")[0]
    alone = np.hstack(
        [tr.l_model_forward_bn(X[:, [i]], params, bn_params, mode="test")[0] for i in range(9)]
    )
    assert np.allclose(batch, alone)
    in_train = tr.l_model_forward_bn(X, params, [dict(d) for d in bn_params], mode="train")[0]
    half = tr.l_model_forward_bn(X[:, :4], params, [dict(d) for d in bn_params], mode="train")[0]
    assert not np.allclose(in_train[:, :4], half), "training mode depends on the rest of the batch"


def test_initialize_parameters_bn_shares_weights_with_the_plain_network():
    dims = [3, 6, 4, 1]
    plain = initialize_parameters_deep(dims, method="he", seed=11)
    params, bn_params = tr.initialize_parameters_bn(dims, method="he", seed=11)
    assert list(params) == ["W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"]
    for l in (1, 2, 3):
        assert np.array_equal(params[f"W{l}"], plain[f"W{l}"])
    assert np.array_equal(params["b3"], plain["b3"])
    for l, n in ((1, 6), (2, 4)):
        assert np.array_equal(params[f"gamma{l}"], np.ones((n, 1)))
        assert np.array_equal(params[f"beta{l}"], np.zeros((n, 1)))
        assert np.array_equal(bn_params[l - 1]["running_mean"], np.zeros((n, 1)))
        assert np.array_equal(bn_params[l - 1]["running_var"], np.ones((n, 1)))


# --- the training loops: behaviour --------------------------------------------------


@pytest.fixture(scope="module")
def moons():
    return load_moons_dataset()


@pytest.mark.parametrize("optimizer", tr.OPTIMIZERS)
def test_train_with_optimizer_lowers_the_cost(optimizer, moons):
    X, Y = moons
    lr = {"gd": 0.1, "momentum": 0.1, "rmsprop": 0.01, "adam": 0.01}[optimizer]
    params, costs, rates = tr.train_with_optimizer(
        X, Y, [2, 5, 2, 1], optimizer=optimizer, learning_rate=lr, num_epochs=60, print_cost=False
    )
    assert len(costs) == len(rates) == 60 and rates == [lr] * 60
    assert costs[-1] < 0.8 * costs[0], (optimizer, costs[0], costs[-1])
    assert {k: v.shape for k, v in params.items()} == {
        "W1": (5, 2),
        "b1": (5, 1),
        "W2": (2, 5),
        "b2": (2, 1),
        "W3": (1, 2),
        "b3": (1, 1),
    }


def test_train_with_optimizer_is_the_composition_of_the_blocks(moons):
    """Two epochs of Adam, re-done by hand with the same Generator: identical parameters and
    costs."""
    X, Y = moons
    dims, lr = [2, 5, 2, 1], 0.01
    params, costs, _ = tr.train_with_optimizer(
        X,
        Y,
        dims,
        optimizer="adam",
        learning_rate=lr,
        mini_batch_size=64,
        num_epochs=2,
        print_cost=False,
        seed=5,
    )
    rng = np.random.default_rng(5)
    p = initialize_parameters_deep(dims, method="he", seed=rng)
    v, s = initialize_adam(p)
    t, by_hand = 0, []
    for _ in range(2):
        total = 0.0
        for mb_X, mb_Y in random_mini_batches(X, Y, 64, seed=rng):
            AL, caches = l_model_forward(mb_X, p)
            total += compute_cost(AL, mb_Y) * mb_Y.shape[1]
            t += 1
            p, v, s, _, _ = update_parameters_with_adam(
                p, l_model_backward(AL, mb_Y, caches), v, s, t, lr
            )
        by_hand.append(total / X.shape[1])
    assert costs == pytest.approx(by_hand, rel=1e-12)
    for key in p:
        assert np.allclose(params[key], p[key], rtol=1e-12, atol=1e-14)


def test_training_is_reproducible_and_the_seed_matters(moons):
    X, Y = moons
    run = functools.partial(
        tr.train_with_optimizer,
        X,
        Y,
        [2, 5, 2, 1],
        optimizer="momentum",
        learning_rate=0.05,
        num_epochs=5,
        print_cost=False,
    )
    a, b, c = run(seed=1), run(seed=1), run(seed=2)
    assert a[1] == b[1] and all(np.array_equal(a[0][k], b[0][k]) for k in a[0])
    assert a[1] != c[1]


def test_decay_sets_each_epoch_s_learning_rate(moons):
    X, Y = moons
    _, _, rates = tr.train_with_optimizer(
        X,
        Y,
        [2, 3, 1],
        optimizer="gd",
        learning_rate=0.2,
        num_epochs=7,
        decay=update_lr,
        decay_rate=0.5,
        print_cost=False,
    )
    assert rates == pytest.approx([0.2 / (1 + 0.5 * i) for i in range(7)])
    _, _, rates = tr.train_with_optimizer(
        X,
        Y,
        [2, 3, 1],
        optimizer="gd",
        learning_rate=0.2,
        num_epochs=7,
        decay=functools.partial(schedule_lr_decay, time_interval=3),
        decay_rate=1,
        print_cost=False,
    )
    assert rates == pytest.approx([0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.2 / 3])


def test_print_cost_prints_every_1000_epochs_and_the_last(moons, capsys):
    X, Y = moons
    tr.train_with_optimizer(
        X[:, :20],
        Y[:, :20],
        [2, 3, 1],
        num_epochs=1002,
        mini_batch_size=20,
        decay=update_lr,
        decay_rate=0.001,
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after epoch 0",
        "Cost after epoch 1000",
        "Cost after epoch 1001",
    ]
    assert "learning rate" in lines[-1]


def test_train_bn_lowers_the_cost_and_predicts_in_test_mode(moons):
    X, Y = moons
    params, bn_params, costs, rates = tr.train_bn(
        X, Y, [2, 8, 8, 1], optimizer="adam", learning_rate=0.01, num_epochs=60, print_cost=False
    )
    assert len(costs) == len(rates) == 60
    assert costs[-1] < 0.6 * costs[0], (costs[0], costs[-1])
    assert set(params) == {"W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"}
    assert len(bn_params) == 2 and all(d["running_mean"].shape == (8, 1) for d in bn_params)
    assert not np.allclose(params["gamma1"], 1), "gamma is trained"
    p = tr.predict_bn(X, params, bn_params)
    assert p.shape == (1, X.shape[1]) and set(np.unique(p)) <= {0.0, 1.0}
    assert accuracy(p, Y) > 0.85
    assert tr.predict_bn(X[:, :1], params, bn_params).shape == (1, 1)
    # the running averages track the statistics of the whole training set
    Z1 = params["W1"] @ X
    assert np.allclose(
        bn_params[0]["running_mean"], Z1.mean(axis=1, keepdims=True), atol=0.25 * Z1.std()
    )


def test_train_bn_and_train_with_optimizer_start_from_the_same_weights(moons):
    """One epoch of one mini-batch at a tiny learning rate: the weights hardly move from a shared
    start."""
    X, Y = moons
    plain, _, _ = tr.train_with_optimizer(
        X,
        Y,
        [2, 4, 1],
        learning_rate=1e-12,
        num_epochs=1,
        mini_batch_size=300,
        print_cost=False,
        seed=9,
    )
    bn, _, _, _ = tr.train_bn(
        X,
        Y,
        [2, 4, 1],
        learning_rate=1e-12,
        num_epochs=1,
        mini_batch_size=300,
        print_cost=False,
        seed=9,
    )
    for key in ("W1", "W2", "b2"):
        assert np.allclose(plain[key], bn[key], atol=1e-10)


# --- bad inputs ---------------------------------------------------------------------


@pytest.mark.parametrize("trainer", [tr.train_with_optimizer, tr.train_bn], ids=["plain", "bn"])
@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (
            {"optimizer": "sgd"},
            ValueError,
            "unknown optimizer 'sgd'; expected one of 'gd', 'momentum', 'rmsprop', 'adam'",
        ),
        ({"optimizer": "Adam"}, ValueError, "unknown optimizer 'Adam'"),
        ({"init": "kaiming"}, ValueError, "unknown init 'kaiming'"),
        ({"decay": "update_lr"}, TypeError, "decay must be None or a function"),
        ({"learning_rate": 0}, ValueError, "learning_rate must be positive"),
        ({"mini_batch_size": 0}, ValueError, "mini_batch_size must be positive"),
        ({"mini_batch_size": 6.5}, TypeError, "mini_batch_size must be a whole number"),
        ({"num_epochs": -3}, ValueError, "num_epochs must be positive"),
        ({"seed": None}, TypeError, "seed must be an int"),
        (
            {"layers_dims": [3, 4, 1]},
            ValueError,
            "layers_dims[0] must be the number of features n_x = X.shape[0] = 2",
        ),
        ({"layers_dims": [2, 4, 2]}, ValueError, "the output layer must have 1 unit"),
        ({"Y": np.full((1, 300), 2.0)}, ValueError, "Y must hold binary labels 0 or 1"),
        ({"Y": np.zeros((300,))}, ValueError, "Y must have shape (1, 300)"),
        ({"X": np.zeros((2, 299))}, ValueError, "Y must have shape (1, 299)"),
    ],
)
def test_trainers_reject_bad_inputs(trainer, kwargs, error, message, moons):
    args = {
        "X": moons[0],
        "Y": moons[1],
        "layers_dims": [2, 4, 1],
        "num_epochs": 1,
        "print_cost": False,
    }
    args.update(kwargs)
    with pytest.raises(error) as info:
        trainer(**args)
    assert message in str(info.value)
    assert str(info.value).startswith(trainer.__name__ + ":")


def test_optimizer_hyperparameters_are_checked_by_the_updates(moons):
    with pytest.raises(ValueError, match=r"update_parameters_with_adam: beta1 must be in \[0, 1\)"):
        tr.train_with_optimizer(
            *moons, [2, 3, 1], optimizer="adam", beta1=1.0, num_epochs=1, print_cost=False
        )
    with pytest.raises(
        ValueError, match=r"update_parameters_with_momentum: beta must be in \[0, 1\)"
    ):
        tr.train_with_optimizer(
            *moons, [2, 3, 1], optimizer="momentum", beta=-0.1, num_epochs=1, print_cost=False
        )


def test_batch_norm_network_rejects_bad_inputs(rng):
    params, bn_params, X, Y = _bn_net(rng)
    plain = initialize_parameters_deep([4, 5, 3, 1], seed=1)
    with pytest.raises(ValueError, match="parameters must have keys W1, gamma1, beta1"):
        tr.l_model_forward_bn(X, plain, bn_params)
    with pytest.raises(ValueError, match="bn_params must be a list of 2 dicts"):
        tr.l_model_forward_bn(X, params, bn_params[:1])
    with pytest.raises(ValueError, match="unknown mode 'eval'"):
        tr.l_model_forward_bn(X, params, bn_params, mode="eval")
    with pytest.raises(ValueError, match="X has 3 features"):
        tr.l_model_forward_bn(X[:3], params, bn_params)
    with pytest.raises(ValueError, match="W2 has shape"):
        tr.l_model_forward_bn(X, dict(params, W2=np.zeros((3, 4))), bn_params)
    with pytest.raises(ValueError, match="gamma1 must have shape"):
        tr.l_model_forward_bn(X, dict(params, gamma1=np.ones((4, 1))), bn_params)
    with pytest.raises(ValueError, match="mode 'test' needs bn_params"):
        tr.l_model_forward_bn(X, params, [{}, {}], mode="test")
    _, plain_caches = l_model_forward(X, plain)
    AL, _ = tr.l_model_forward_bn(X, params, bn_params)
    with pytest.raises(ValueError, match="pass the caches of l_model_forward_bn"):
        tr.l_model_backward_bn(AL, Y, plain_caches)
    with pytest.raises(ValueError, match="at least one hidden layer"):
        tr.initialize_parameters_bn([4, 1])
    with pytest.raises(ValueError, match="unknown method"):
        tr.initialize_parameters_bn([4, 3, 1], method="kaiming")


# --- the moons loader ---------------------------------------------------------------


def test_load_moons_dataset_is_the_course_s_data():
    import sklearn.datasets

    X, Y = load_moons_dataset()
    assert X.shape == (2, 300) and Y.shape == (1, 300) and X.dtype == np.float64
    assert set(np.unique(Y)) == {0, 1} and Y.sum() == 150
    # the course: np.random.seed(3); make_moons(n_samples=300, noise=.2) draws from this very state
    X_course, y_course = sklearn.datasets.make_moons(
        n_samples=300, noise=0.2, random_state=np.random.RandomState(3)
    )
    assert np.array_equal(X, X_course.T) and np.array_equal(Y[0], y_course)
    X2, Y2 = load_moons_dataset(n=51, noise=0.0, seed=1)
    assert X2.shape == (2, 51) and Y2.shape == (1, 51)
    assert not np.array_equal(load_moons_dataset(seed=4)[0], X)


def test_load_moons_dataset_leaves_numpy_s_global_state_alone():
    np.random.seed(0)
    expected = np.random.rand()
    np.random.seed(0)
    load_moons_dataset()
    assert np.random.rand() == expected


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"n": 0}, ValueError, "n must be positive"),
        ({"n": 10.5}, TypeError, "n must be a whole number"),
        ({"noise": -0.1}, ValueError, "noise must be a number >= 0"),
        ({"seed": None}, TypeError, "seed must be an int"),
    ],
)
def test_load_moons_dataset_rejects_bad_inputs(kwargs, error, message):
    with pytest.raises(error, match=message):
        load_moons_dataset(**kwargs)


# --- a softmax output (Course 3's digit classifiers) -----------------------------------


def _blobs(rng, m=240, C=3):
    labels = rng.integers(0, C, size=(1, m))
    centres = np.array([[2.0, -2.0, 0.0], [0.0, 0.0, 2.5]])[:, :C]
    X = centres[:, labels[0]] + 0.6 * rng.standard_normal((2, m))
    return X, labels


def test_train_with_optimizer_trains_a_softmax_classifier(rng):
    from dl_notes.deep_network import predict_classes
    from dl_notes.losses import one_hot

    X, labels = _blobs(rng)
    parameters, costs, _ = tr.train_with_optimizer(
        X,
        one_hot(labels, 3),
        [2, 8, 3],
        optimizer="adam",
        learning_rate=0.01,
        num_epochs=60,
        print_cost=False,
        output_activation="softmax",
    )
    assert parameters["W2"].shape == (3, 8)
    assert costs[-1] < 0.5 * costs[0]
    predicted = predict_classes(X, parameters)
    assert predicted.shape == (1, X.shape[1]) and predicted.dtype.kind == "i"
    assert np.mean(predicted == labels) > 0.9


@pytest.mark.parametrize(
    "Y, dims, message",
    [
        ("labels", [2, 8, 3], "one_hot(labels, C)"),
        ("two_hot", [2, 8, 3], "must be one-hot"),
        ("one_hot", [2, 8, 4], "layers_dims[-1] = 4"),
    ],
)
def test_softmax_training_rejects_labels_that_are_not_one_hot(Y, dims, message, rng):
    from dl_notes.losses import one_hot

    X, labels = _blobs(rng, m=20)
    Ys = {"labels": labels, "one_hot": one_hot(labels, 3)}
    Ys["two_hot"] = Ys["one_hot"].copy()
    Ys["two_hot"][:, 0] = 1
    with pytest.raises(ValueError, match=re.escape(message)):
        tr.train_with_optimizer(
            X, Ys[Y], dims, num_epochs=1, print_cost=False, output_activation="softmax"
        )


def test_unknown_output_activation_is_named():
    with pytest.raises(ValueError, match="output_activation"):
        tr.train_with_optimizer(
            np.zeros((2, 4)), np.zeros((1, 4)), [2, 1], output_activation="tanh"
        )
