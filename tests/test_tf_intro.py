"""dl_notes.tf.intro (Course 2, W3A1 in TensorFlow): each function checked against NumPy, bad
input named in the message, and the training loop on a small sample of the digits."""

import itertools

import numpy as np
import pytest

from dl_notes import data
from dl_notes.activations import softmax
from dl_notes.deep_network import l_model_forward


@pytest.fixture(scope="module")
def intro():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import intro

    return intro


@pytest.fixture(scope="module")
def tfm(intro):
    import tensorflow

    return tensorflow


def test_linear_function_gives_the_course_values(intro):
    Y = intro.linear_function()
    assert Y.shape == (4, 1) and Y.dtype.name == "float64"
    rng = np.random.RandomState(1)
    X, W, b = rng.randn(3, 1), rng.randn(4, 3), rng.randn(4, 1)
    np.testing.assert_allclose(Y.numpy(), W @ X + b, rtol=1e-12)
    np.testing.assert_allclose(
        Y.numpy().ravel(), [-2.15657382, 2.95891446, -1.08926781, -0.84538042], atol=1e-8
    )
    assert not np.allclose(intro.linear_function(seed=2).numpy(), Y.numpy())


def test_sigmoid_matches_numpy(intro, rng):
    z = rng.standard_normal((3, 4)) * 5
    a = intro.sigmoid(z)
    assert a.dtype.name == "float32" and a.shape == (3, 4)
    np.testing.assert_allclose(a.numpy(), 1 / (1 + np.exp(-z)), rtol=1e-6, atol=1e-7)
    assert float(intro.sigmoid(0)) == 0.5, "integers are cast to float32"
    with pytest.raises(TypeError, match="sigmoid: z must be numeric, but it has dtype string"):
        intro.sigmoid("1")


def test_one_hot_matrix(intro, tfm):
    for C in (2, 4, 6):
        for label in range(C):
            v = intro.one_hot_matrix(tfm.constant(label), C)
            assert v.shape == (C,) and v.dtype.name == "float32"
            assert v.numpy().tolist() == np.eye(C)[label].tolist()
    assert intro.one_hot_matrix(np.array([3])).numpy().tolist() == [0, 0, 0, 1, 0, 0], (
        "shape (1,) is fine"
    )


def test_one_hot_matrix_bad_input(intro, tfm):
    with pytest.raises(
        ValueError, match=r"one_hot_matrix: label must be in 0\.\.5 for C=6, but 6 was given"
    ):
        intro.one_hot_matrix(6)
    with pytest.raises(ValueError, match=r"label must be in 0\.\.3 for C=4, but -1 was given"):
        intro.one_hot_matrix(-1, C=4)
    with pytest.raises(
        ValueError,
        match=r"label must be a single class label of shape \(\) or \(1,\), "
        r"but it has shape \(3,\)",
    ):
        intro.one_hot_matrix(np.array([0, 1, 2]))
    with pytest.raises(
        TypeError, match="label must be an integer class label, but it has dtype float32"
    ):
        intro.one_hot_matrix(tfm.constant(1.0))
    with pytest.raises(ValueError, match="one_hot_matrix: C must be positive, but 0 was given"):
        intro.one_hot_matrix(0, C=0)
    # Inside Dataset.map the check runs when the data flows, with the same message.
    labels = tfm.data.Dataset.from_tensor_slices(np.array([0, 7])).map(intro.one_hot_matrix)
    with pytest.raises(
        tfm.errors.InvalidArgumentError, match=r"one_hot_matrix: label must be in 0\.\.5 for C=6"
    ):
        list(labels)


def test_normalize_and_prepare_dataset(intro, rng):
    X_orig = rng.integers(0, 256, size=(7, 4, 3), dtype=np.uint8)
    Y_orig = np.array([[0, 1, 2, 5, 4, 3, 0]])
    x, y = intro.prepare_dataset(X_orig, Y_orig)
    assert x.element_spec.shape == (12,) and x.element_spec.dtype.name == "float32"
    assert y.element_spec.shape == (6,) and y.element_spec.dtype.name == "float32"
    assert int(x.cardinality()) == 7 and int(y.cardinality()) == 7
    np.testing.assert_allclose(
        np.stack(list(x.as_numpy_iterator())), X_orig.reshape(7, -1) / 255, rtol=1e-6
    )
    np.testing.assert_array_equal(np.stack(list(y.as_numpy_iterator())), np.eye(6)[Y_orig[0]])
    assert intro.normalize(np.full((2, 2, 3), 255, np.uint8)).numpy().tolist() == [1.0] * 12


def test_prepare_dataset_bad_input(intro):
    X = np.zeros((5, 4, 4), np.uint8)
    with pytest.raises(
        ValueError,
        match=r"prepare_dataset: Y_orig must have shape \(1, 5\).*but it has shape \(5,\)",
    ):
        intro.prepare_dataset(X, np.zeros(5, int))
    with pytest.raises(
        ValueError, match=r"Y_orig must hold labels in 0\.\.5 for C=6, but it contains \[6, 9\]"
    ):
        intro.prepare_dataset(X, np.array([[0, 6, 9, 1, 2]]))
    with pytest.raises(
        ValueError,
        match=r"X_orig must be a 3-D array \(m, height, width\).*but it has shape \(5, 16\)",
    ):
        intro.prepare_dataset(np.zeros((5, 16)), np.zeros((1, 5), int))
    with pytest.raises(
        TypeError, match="Y_orig must hold integer labels, but it has dtype float64"
    ):
        intro.prepare_dataset(X, np.zeros((1, 5)))


def test_initialize_parameters(intro):
    p = intro.initialize_parameters()
    assert {k: tuple(v.shape) for k, v in p.items()} == {
        "W1": (25, 784),
        "b1": (25, 1),
        "W2": (12, 25),
        "b2": (12, 1),
        "W3": (6, 12),
        "b3": (6, 1),
    }
    assert all(v.dtype.name == "float32" for v in p.values())
    W1 = p["W1"].numpy()
    assert W1.std() == pytest.approx(np.sqrt(2 / (784 + 25)), rel=0.03), (
        "Glorot's standard deviation"
    )
    assert np.abs(W1).max() <= 2 * np.sqrt(2 / (784 + 25)) / 0.87962566 + 1e-6, (
        "truncated at 2 sigma"
    )
    again, other = intro.initialize_parameters(), intro.initialize_parameters(seed=2)
    assert all(np.array_equal(p[k].numpy(), again[k].numpy()) for k in p)
    assert not np.array_equal(W1, other["W1"].numpy())
    small = intro.initialize_parameters(n_x=12288, n_h1=4, n_h2=3, n_y=2)
    assert tuple(small["W1"].shape) == (4, 12288) and tuple(small["b3"].shape) == (2, 1)
    with pytest.raises(
        ValueError, match="initialize_parameters: n_h2 must be positive, but 0 was given"
    ):
        intro.initialize_parameters(n_h2=0)
    with pytest.raises(
        TypeError, match="initialize_parameters: seed must be an int or None, but a str was given"
    ):
        intro.initialize_parameters(seed="1")


def _random_parameters(tfm, rng, dims=(10, 5, 4, 3)):
    """float64 Variables with non-zero biases, so nothing can hide behind zeros."""
    params = {}
    for l in range(1, 4):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.standard_normal((dims[l], 1))
    return params, {k: tfm.Variable(v) for k, v in params.items()}


def test_forward_propagation_matches_numpy(intro, tfm, rng):
    params_np, params_tf = _random_parameters(tfm, rng)
    X = rng.standard_normal((10, 8))
    Z3 = intro.forward_propagation(X, params_tf)
    assert Z3.shape == (3, 8) and Z3.dtype.name == "float64"
    expected, _ = l_model_forward(
        X, params_np, hidden_activation="relu", output_activation="linear"
    )
    np.testing.assert_allclose(Z3.numpy(), expected, rtol=1e-12, atol=1e-12)
    # float32 Glorot parameters on digit-sized inputs
    p = intro.initialize_parameters(seed=3)
    X = rng.random((784, 5))
    expected, _ = l_model_forward(
        X,
        {k: v.numpy().astype(float) for k, v in p.items()},
        hidden_activation="relu",
        output_activation="linear",
    )
    np.testing.assert_allclose(
        intro.forward_propagation(X, p).numpy(), expected, rtol=1e-4, atol=1e-5
    )


def test_forward_propagation_bad_input(intro, tfm, rng):
    _, params = _random_parameters(tfm, rng)
    with pytest.raises(
        ValueError,
        match=r"forward_propagation: X must have shape \(10, m\), one example per column, "
        r"but it has shape \(8, 10\).*pass tf.transpose\(minibatch_X\)",
    ):
        intro.forward_propagation(rng.standard_normal((8, 10)), params)
    with pytest.raises(ValueError, match=r"X must have shape \(10, m\).*but it has shape \(10,\)"):
        intro.forward_propagation(rng.standard_normal(10), params)
    with pytest.raises(ValueError, match=r"parameters has no 'b3'"):
        intro.forward_propagation(
            rng.standard_normal((10, 2)), {k: v for k, v in params.items() if k != "b3"}
        )
    bad = dict(params, W2=tfm.Variable(rng.standard_normal((4, 6))))
    with pytest.raises(
        ValueError, match=r"W2 has shape \(4, 6\), so it expects 6 inputs, but W1 produces 5 units"
    ):
        intro.forward_propagation(rng.standard_normal((10, 2)), bad)
    with pytest.raises(TypeError, match="parameters must be a dict"):
        intro.forward_propagation(rng.standard_normal((10, 2)), list(params.values()))


def _numpy_total_loss(Z, Y):
    return -np.sum(Y * np.log(softmax(Z, axis=0)))


def test_compute_total_loss_matches_numpy(intro, tfm, rng):
    logits = rng.standard_normal((6, 9)) * 3
    labels = np.eye(6)[rng.integers(0, 6, 9)].T
    total = intro.compute_total_loss(logits, labels)
    assert total.shape == () and total.dtype.name == "float64"
    assert float(total) == pytest.approx(_numpy_total_loss(logits, labels), rel=1e-12)
    # a sum over examples: the loss of 9 examples is the sum of 9 one-example losses
    singles = [
        float(intro.compute_total_loss(logits[:, i : i + 1], labels[:, i : i + 1]))
        for i in range(9)
    ]
    assert float(total) == pytest.approx(sum(singles), rel=1e-12)
    # its gradient with respect to the logits is softmax(Z) - Y
    Z = tfm.Variable(logits)
    with tfm.GradientTape() as tape:
        loss = intro.compute_total_loss(Z, labels)
    np.testing.assert_allclose(tape.gradient(loss, Z).numpy(), softmax(logits) - labels, atol=1e-12)


def test_compute_total_loss_bad_input(intro, rng):
    with pytest.raises(
        ValueError,
        match=r"compute_total_loss: logits and labels must have the same shape \(C, m\), "
        r"but logits has shape \(6, 4\) and labels has shape \(4, 6\)",
    ):
        intro.compute_total_loss(rng.standard_normal((6, 4)), np.eye(6)[:4])
    with pytest.raises(
        ValueError, match=r"logits must be a 2-D tensor \(C, m\).*but it has shape \(6,\)"
    ):
        intro.compute_total_loss(rng.standard_normal(6), np.eye(6)[0])


@pytest.fixture(scope="module")
def small_digits(intro, fast_mnist):
    """300 training and 60 test digits: enough for the cost to fall in a few epochs."""
    X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, _ = data.load_digits_0_to_5()
    return (
        *intro.prepare_dataset(X_train_orig[:300], Y_train_orig[:, :300]),
        *intro.prepare_dataset(X_test_orig[:60], Y_test_orig[:, :60]),
    )


@pytest.mark.slow
def test_model_lowers_the_cost_and_is_deterministic(intro, small_digits, capsys):
    parameters, costs, train_acc, test_acc = intro.model(
        *small_digits, learning_rate=0.001, num_epochs=5, seed=1
    )
    assert len(costs) == len(train_acc) == len(test_acc) == 5
    assert all(isinstance(v, float) for v in costs + train_acc + test_acc)
    assert all(b < a for a, b in itertools.pairwise(costs)), f"the cost falls every epoch: {costs}"
    assert costs[0] < np.log(6) + 0.5 and costs[-1] < 0.6 * costs[0]
    assert train_acc[-1] > train_acc[0] and test_acc[-1] > 0.6
    assert all(0 <= a <= 1 for a in train_acc + test_acc)
    assert {k: tuple(v.shape) for k, v in parameters.items()}["W1"] == (25, 784)
    printed = capsys.readouterr().out
    assert "Cost after epoch 0:" in printed and "Cost after epoch 4:" in printed
    again = intro.model(*small_digits, learning_rate=0.001, num_epochs=5, seed=1, print_cost=False)
    assert again[1] == costs and again[3] == test_acc, "same seed, same run"
    assert np.array_equal(again[0]["W1"].numpy(), parameters["W1"].numpy())
    assert capsys.readouterr().out == ""


def test_model_bad_input(intro, small_digits, rng):
    x_train, y_train, x_test, y_test = small_digits
    with pytest.raises(
        TypeError,
        match=r"model: X_train must be a tf.data.Dataset with one example per element "
        r"\(see prepare_dataset\), but a ndarray was given",
    ):
        intro.model(rng.random((300, 784)), y_train, x_test, y_test)
    with pytest.raises(
        ValueError, match="model: X_train has 300 examples but Y_train has 60; they must match"
    ):
        intro.model(x_train, y_test, x_test, y_test)
    x_small, y_small = intro.prepare_dataset(
        np.zeros((4, 14, 14), np.uint8), np.array([[0, 1, 2, 3]])
    )
    with pytest.raises(
        ValueError,
        match="model: the test set has 196 features and 6 classes but the training set "
        "has 784 and 6; they must match",
    ):
        intro.model(x_train, y_train, x_small, y_small)
    with pytest.raises(ValueError, match="model: num_epochs must be positive, but 0 was given"):
        intro.model(x_train, y_train, x_test, y_test, num_epochs=0)
    with pytest.raises(
        ValueError, match="model: learning_rate must be positive, but -0.1 was given"
    ):
        intro.model(x_train, y_train, x_test, y_test, learning_rate=-0.1)
