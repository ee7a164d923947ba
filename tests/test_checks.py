"""The shared input checks (dl_notes._checks) and the check-once structure built on them.

Public functions check their inputs once and then run unchecked kernels (`_linear_forward`,
`_l_model_backward`, ...). These tests pin the helpers' options and messages, and that the
kernels compute exactly what the public functions return.
"""

import inspect
import re

import numpy as np
import pytest

from dl_notes import _checks as ch
from dl_notes import deep_network as dn
from dl_notes import regularization as reg
from dl_notes import training as tr
from dl_notes.initialization import initialize_parameters_deep
from dl_notes.losses import compute_cost_backward


class Shaped:
    """Stands for a TensorFlow tensor or Variable: it has a `.shape` and is not a NumPy array."""

    def __init__(self, *shape):
        self.shape = shape


def _network(rng, dims=(4, 5, 3, 1), m=7):
    parameters = initialize_parameters_deep(list(dims), method="he", seed=1)
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((dims[-1], m)) > 0.5).astype(float)
    return parameters, X, Y


# --- check_parameters ----------------------------------------------------------------


def test_check_parameters_returns_the_same_dict_when_nothing_needs_converting(rng):
    parameters, _, _ = _network(rng)
    assert ch.check_parameters(parameters, 3, "f") is parameters


def test_check_parameters_converts_integer_arrays_without_touching_the_input():
    parameters = {"W1": np.ones((2, 3), int), "b1": np.zeros((2, 1))}
    checked = ch.check_parameters(parameters, 1, "f")
    assert checked is not parameters and checked["W1"].dtype == np.float64
    assert parameters["W1"].dtype.kind == "i" and checked["b1"] is parameters["b1"]


@pytest.mark.parametrize(
    "change, error, message",
    [
        (
            {"W2": np.zeros((3, 4))},
            ValueError,
            "f: W2 has shape (3, 4), so it expects 4 inputs, "
            "but W1 produces 5 units; W2 must be (3, 5).",
        ),
        (
            {"b2": np.zeros((3,))},
            ValueError,
            "f: b2 must have shape (3, 1), but it has shape (3,); W2 has 3 rows.",
        ),
        (
            {"W1": np.zeros(5)},
            ValueError,
            "f: W1 must be a 2-D array (n[l], n[l-1]), but it has shape (5,).",
        ),
        (
            {"W1": np.array([["a"]])},
            TypeError,
            "f: W1 must be a numeric array, but it has dtype <U1.",
        ),
    ],
)
def test_check_parameters_messages(change, error, message, rng):
    parameters, _, _ = _network(rng)
    with pytest.raises(error) as info:
        ch.check_parameters({**parameters, **change}, 3, "f")
    assert str(info.value) == message


def test_check_parameters_names_the_missing_key_and_the_layout(rng):
    parameters, _, _ = _network(rng)
    with pytest.raises(
        ValueError, match=re.escape("f: parameters has no 'b2'; expected keys W1, b1, ..., W3, b3")
    ):
        ch.check_parameters({k: v for k, v in parameters.items() if k != "b2"}, 3, "f")
    with pytest.raises(
        TypeError,
        match="f: parameters must be a dict with keys 'W1', 'b1', ..., but a list was given",
    ):
        ch.check_parameters([], 3, "f")
    bn_parameters, _ = tr.initialize_parameters_bn([4, 5, 1])
    with pytest.raises(
        ValueError, match=re.escape("f: parameters has no 'b1'; expected keys W1, b1, ..., W2, b2")
    ):
        ch.check_parameters(bn_parameters, 2, "f")  # the plain layout expects b1
    with pytest.raises(
        ValueError,
        match=re.escape("f: parameters has no 'gamma1'; expected keys W1, gamma1, beta1, ..."),
    ):
        ch.check_parameters(
            {k: v for k, v in bn_parameters.items() if k != "gamma1"}, 2, "f", batch_norm=True
        )


def test_check_parameters_batch_norm_layout():
    parameters, _ = tr.initialize_parameters_bn([4, 5, 3, 1])
    assert ch.check_parameters(parameters, 3, "f", batch_norm=True) is parameters
    with pytest.raises(
        ValueError,
        match=re.escape("f: beta2 must have shape (3, 1), but it has shape (1, 3); W2 has 3 rows."),
    ):
        ch.check_parameters(dict(parameters, beta2=np.zeros((1, 3))), 3, "f", batch_norm=True)


def test_check_parameters_accepts_anything_with_a_shape_when_not_numpy():
    """The layout of TensorFlow Variables: only static shapes are read, nothing is converted."""
    parameters = {"W1": Shaped(5, 4), "b1": Shaped(5, 1), "W2": Shaped(3, 5), "b2": Shaped(3, 1)}
    assert ch.check_parameters(parameters, 2, "f", numpy=False) is parameters
    with pytest.raises(
        ValueError,
        match=re.escape("f: W2 has shape (3, 6), so it expects 6 inputs, but W1 produces 5 units"),
    ):
        ch.check_parameters(dict(parameters, W2=Shaped(3, 6)), 2, "f", numpy=False)
    with pytest.raises(
        ValueError,
        match=re.escape("f: b1 must have shape (5, 1), but it has shape (5,); W1 has 5 rows."),
    ):
        ch.check_parameters(dict(parameters, b1=Shaped(5)), 2, "f", numpy=False)
    with pytest.raises(TypeError, match="must be a NumPy array, but a Shaped was given"):
        ch.check_parameters(parameters, 2, "f")  # numpy=True wants arrays


def test_check_parameters_works_on_tensorflow_variables_inside_tf_function(tf):
    parameters = {"W1": tf.Variable(tf.zeros((5, 4))), "b1": tf.Variable(tf.zeros((5, 1)))}

    @tf.function
    def forward(X):
        ch.check_parameters(parameters, 1, "forward", numpy=False)
        return parameters["W1"] @ X + parameters["b1"]

    assert tuple(forward(tf.ones((4, 2))).shape) == (5, 2)
    with pytest.raises(
        ValueError, match=re.escape("b1 must have shape (5, 1), but it has shape (5,)")
    ):
        ch.check_parameters(
            {**parameters, "b1": tf.Variable(tf.zeros(5))}, 1, "forward", numpy=False
        )


# --- shapes, labels -------------------------------------------------------------------


def test_shape_checks_on_shapes_alone():
    ch.check_shape_of((3, 4), (3, None), "dZ", "f")
    with pytest.raises(
        ValueError, match=re.escape("f: dZ must have shape (3, any), but it has shape (4, 4); why.")
    ):
        ch.check_shape_of((4, 4), (3, None), "dZ", "f", "why")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "f: a and b must have the same shape, but a has shape (2,) and b has shape (3,)."
        ),
    ):
        ch.check_same_shape_of((2,), (3,), ("a", "b"), "f")


@pytest.mark.parametrize(
    "y, bad",
    [
        (np.array([[0.0, 1.0, 1.0]]), None),
        (np.array([[True, False]]), None),
        (np.array([[0, 2, 1]]), [2]),
        (np.array([[0.0, np.nan, 0.5]]), [0.5, np.nan]),
    ],
)
def test_check_binary(y, bad):
    if bad is None:
        ch.check_binary(y, "Y", "f")
    else:
        with pytest.raises(
            ValueError,
            match=re.escape(f"f: Y must hold binary labels 0 or 1, but it contains {bad}."),
        ):
            ch.check_binary(y, "Y", "f")


# --- seeds ----------------------------------------------------------------------------


def test_as_rng():
    g = np.random.default_rng(0)
    assert ch.as_rng(g) is g
    assert ch.as_rng(3, "f").random() == np.random.default_rng(3).random()
    assert isinstance(ch.as_rng(None), np.random.Generator)
    with pytest.raises(
        TypeError,
        match="^f: seed must be an int, a numpy.random.Generator or None, but a float was given.$",
    ):
        ch.as_rng(1.5, "f")
    with pytest.raises(TypeError, match="^seed must be an int"):
        ch.as_rng(True)
    with pytest.raises(
        TypeError,
        match=re.escape(
            "f: seed must be an int or a numpy.random.Generator (None would not be reproducible)."
        ),
    ):
        ch.as_rng(None, "f", allow_none=False)


@pytest.mark.parametrize(
    "kwargs, seed, result",
    [
        ({}, 3, 3),
        ({}, np.int64(4), 4),
        ({"allow_none": True}, None, None),
        ({"minimum": 0}, 0, 0),
    ],
)
def test_check_seed_accepts(kwargs, seed, result):
    out = ch.check_seed(seed, "f", **kwargs)
    assert out == result and (out is None or type(out) is int)


@pytest.mark.parametrize(
    "kwargs, seed, error, message",
    [
        ({}, None, TypeError, "f: seed must be an int, but a NoneType was given."),
        ({}, True, TypeError, "f: seed must be an int, but a bool was given."),
        (
            {"allow_none": True},
            "1",
            TypeError,
            "f: seed must be an int or None, but a str was given.",
        ),
        (
            {"why": "make_moons' random_state"},
            1.5,
            TypeError,
            "f: seed must be an int (make_moons' random_state), but a float was given.",
        ),
        ({"minimum": 0}, 1.5, TypeError, "f: seed must be an int >= 0, but a float was given."),
        ({"minimum": 0}, -1, ValueError, "f: seed must be an int >= 0, but -1 was given."),
    ],
)
def test_check_seed_rejects(kwargs, seed, error, message):
    with pytest.raises(error) as info:
        ch.check_seed(seed, "f", **kwargs)
    assert str(info.value) == message


# --- the kernels compute what the public functions return -------------------------------


@pytest.mark.parametrize(
    "hidden, output", [("relu", "sigmoid"), ("tanh", "linear"), ("leaky_relu", "tanh")]
)
def test_l_model_kernels_equal_the_public_functions(hidden, output, rng):
    parameters, X, Y = _network(rng)
    AL, caches = dn.l_model_forward(X, parameters, hidden, output)
    AL_k, caches_k = dn._l_model_forward(X, parameters, hidden, output)
    assert np.array_equal(AL, AL_k)
    Y = np.clip(Y, 0, 1) if output != "linear" else Y
    grads = dn.l_model_backward(np.clip(AL, 0.01, 0.99), Y, caches, hidden, output)
    grads_k = dn._l_model_backward(np.clip(AL, 0.01, 0.99), Y, caches_k, hidden, output)
    assert grads.keys() == grads_k.keys()
    assert all(np.array_equal(grads[k], grads_k[k]) for k in grads)


def test_output_dZ_is_the_chain_rule_for_a_sigmoid_output(rng):
    """dZ[L] = AL - Y (the shortcut) equals dA[L] * sigma'(Z[L]) (the lecture) away from
    saturation."""
    parameters, X, Y = _network(rng)
    AL, caches = dn.l_model_forward(X, parameters)
    ZL = caches[-1][1]
    chain = compute_cost_backward(AL, Y) * AL * (1 - AL)
    np.testing.assert_allclose(dn._output_dZ(AL, Y, ZL, "sigmoid"), chain, rtol=1e-12, atol=1e-15)


def test_batch_norm_output_layer_starts_from_AL_minus_Y(rng):
    """l_model_backward_bn's output layer equals linear_activation_backward of dA[L] (the lecture's
    path)."""
    parameters, bn_params = tr.initialize_parameters_bn([4, 5, 3, 1], seed=2)
    X = rng.standard_normal((4, 9))
    Y = (rng.random((1, 9)) > 0.5).astype(float)
    AL, caches = tr.l_model_forward_bn(X, parameters, bn_params)
    grads = tr.l_model_backward_bn(AL, Y, caches)
    dA2, dW3, db3 = dn.linear_activation_backward(
        compute_cost_backward(AL, Y), caches[-1], "sigmoid"
    )
    np.testing.assert_allclose(grads["dW3"], dW3, rtol=1e-12)
    np.testing.assert_allclose(grads["db3"], db3, rtol=1e-12)
    np.testing.assert_allclose(grads["dA2"], dA2, rtol=1e-12)


def test_regularized_backward_without_regularization_is_l_model_backward(rng):
    parameters, X, Y = _network(rng)
    AL, caches = dn.l_model_forward(X, parameters)
    plain = dn.l_model_backward(AL, Y, caches)
    regularized = reg.l_model_backward_regularized(AL, Y, caches, lambd=0.0)
    assert all(np.array_equal(plain[k], regularized[k]) for k in plain)


# --- the caches are checked once, before the backward pass ------------------------------


def test_backward_pass_checks_every_cache_before_computing(rng):
    parameters, X, Y = _network(rng)
    AL, caches = dn.l_model_forward(X, parameters)
    _, other = dn.l_model_forward(X[:, :4], parameters)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "relu_backward: dA and the cached Z must have the same shape, "
            "but dA has shape (5, 7) and the cached Z has shape (5, 4)."
        ),
    ):
        dn.l_model_backward(
            AL, Y, [other[0]] + caches[1:]
        )  # the first layer's cache is another batch's
    with pytest.raises(
        ValueError,
        match=re.escape("linear_backward: dZ must have shape (1, 4), but it has shape (1, 7)"),
    ):
        dn.l_model_backward(AL, Y, other)
    with pytest.raises(ValueError, match="l_model_backward: caches is empty"):
        dn.l_model_backward(AL, Y, [])


# --- the trainers gather their options in one OptimConfig --------------------------------


@pytest.mark.parametrize("trainer", [tr.train_with_optimizer, tr.train_bn])
def test_trainer_defaults_are_optim_config_s(trainer):
    defaults = tr.OptimConfig()
    signature = inspect.signature(trainer).parameters
    for field in tr.OptimConfig.__dataclass_fields__:
        assert signature[field].default == getattr(defaults, field), field


def test_the_shared_loop_takes_at_most_seven_parameters():
    assert len(inspect.signature(tr._train).parameters) <= 7


def test_a_decay_schedule_s_rates_are_checked_as_the_update_checks_them():
    X = np.random.default_rng(0).standard_normal((2, 20))
    Y = (X[:1] > 0).astype(float)

    def decay(learning_rate0, epoch_num, decay_rate):
        return learning_rate0 if epoch_num < 2 else -1.0

    for optimizer, where in [("gd", "update_parameters"), ("adam", "update_parameters_with_adam")]:
        with pytest.raises(
            ValueError, match=f"^{where}: learning_rate must be positive, but -1.0 was given"
        ):
            tr.train_with_optimizer(
                X, Y, [2, 3, 1], optimizer=optimizer, decay=decay, num_epochs=5, print_cost=False
            )
