"""dl_notes.tf.training.fit: the one seeded training loop (GradientTape, mini-batches, Adam) of the
package."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def tr():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import training

    return training


@pytest.fixture(scope="module")
def tfm(tr):
    import tensorflow

    return tensorflow


@pytest.fixture(scope="module")
def keras(tr):
    import keras

    return keras


@pytest.fixture(scope="module")
def toy():
    """A learnable 3-class task on 5 features: the class is the argmax of three fixed
    projections."""
    rng = np.random.default_rng(7)
    X = rng.standard_normal((120, 5)).astype(np.float32)
    y = np.argmax(X @ rng.standard_normal((5, 3)), axis=1).astype(np.int64)
    return X, y


def _dense(keras, seed=0, n_x=5, n_y=3):
    init = keras.initializers.GlorotUniform(seed=seed)
    return keras.Sequential(
        [
            keras.Input((n_x,)),
            keras.layers.Dense(8, activation="relu", kernel_initializer=init),
            keras.layers.Dense(n_y, activation="softmax", kernel_initializer=init),
        ]
    )


# --- what it computes ----------------------------------------------------------------


def test_two_runs_with_the_same_seed_are_identical(tr, keras, toy):
    X, y = toy
    loss = keras.losses.sparse_categorical_crossentropy
    runs = []
    for _ in range(2):
        model = _dense(keras, seed=3)
        history = tr.fit(model, (X, y), loss, num_epochs=4, mini_batch_size=16, seed=11)
        runs.append((history["cost"], model.get_weights()))
    assert runs[0][0] == runs[1][0], "same seed, same costs, bit for bit"
    assert all(np.array_equal(a, b) for a, b in zip(runs[0][1], runs[1][1])), "and the same weights"
    other = tr.fit(_dense(keras, seed=3), (X, y), loss, num_epochs=4, mini_batch_size=16, seed=12)
    assert other["cost"] != runs[0][0], "another seed, another order of the mini-batches"


def test_the_cost_falls_and_metrics_are_recorded(tr, keras, toy):
    X, y = toy
    logs_seen = []
    history = tr.fit(
        _dense(keras),
        (X[:90], y[:90]),
        keras.losses.sparse_categorical_crossentropy,
        metrics={"accuracy": keras.metrics.sparse_categorical_accuracy},
        validation_data=(X[90:], y[90:]),
        on_epoch_end=lambda epoch, logs: logs_seen.append((epoch, logs)),
        num_epochs=30,
        learning_rate=0.02,
        mini_batch_size=32,
        seed=0,
    )
    assert sorted(history) == ["accuracy", "cost", "val_accuracy", "val_cost"]
    assert all(len(v) == 30 and all(isinstance(x, float) for x in v) for v in history.values())
    costs = history["cost"]
    assert costs[0] == pytest.approx(np.log(3), abs=0.5) and costs[-1] < 0.5 * costs[0], costs
    assert all(b < a for a, b in zip(costs[::5], costs[5::5])), f"falling all along: {costs}"
    assert history["accuracy"][-1] > 0.8 and history["val_accuracy"][-1] > 0.7
    assert all(0 <= a <= 1 for a in history["accuracy"] + history["val_accuracy"])
    assert [e for e, _ in logs_seen] == list(range(30))
    assert logs_seen[-1][1] == {k: v[-1] for k, v in history.items()}


def test_one_epoch_of_one_mini_batch_is_one_adam_step(tr, tfm, keras, toy):
    """With mini_batch_size = m: the recorded cost is the loss before the step, the weights those of
    one Adam step."""
    X, y = toy
    loss = keras.losses.sparse_categorical_crossentropy
    model, reference = _dense(keras, seed=1), _dense(keras, seed=1)
    history = tr.fit(
        model, (X, y), loss, num_epochs=1, mini_batch_size=len(y), learning_rate=0.01, seed=0
    )
    optimizer = keras.optimizers.Adam(0.01)
    with tfm.GradientTape() as tape:
        J = tfm.reduce_mean(loss(y, reference(X, training=True)))
    grads = tape.gradient(J, reference.trainable_variables)
    optimizer.apply_gradients(zip(grads, reference.trainable_variables))
    assert history["cost"][0] == pytest.approx(float(J), rel=1e-6)
    for a, b in zip(model.get_weights(), reference.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_a_forward_function_with_variables_and_the_summed_cost(tr, tfm, toy):
    """The course's style (W3A1): Variables in a dict, examples as columns inside, the loss summed
    over the batch.

    With plain gradient descent on one mini-batch, the sum at rate alpha / m is the mean at rate
    alpha.
    """
    X, y = toy
    rng = np.random.default_rng(0)
    start = {"W": rng.standard_normal((3, 5)) * 0.1, "b": rng.standard_normal((3, 1)) * 0.1}
    Y = np.eye(3, dtype=np.float32)[y]  # (m, 3) one-hot rows
    results = {}
    for reduction, learning_rate in (("mean", 0.5), ("sum", 0.5 / len(y))):
        parameters = {k: tfm.Variable(v, dtype=tfm.float32) for k, v in start.items()}

        def forward(X_batch, parameters=parameters):  # (m, 5) -> logits (3, m)
            return parameters["W"] @ tfm.transpose(X_batch) + parameters["b"]

        def loss(Y_batch, Z):
            return tfm.nn.softmax_cross_entropy_with_logits(Y_batch, tfm.transpose(Z))  # (m,)

        history = tr.fit(
            forward,
            (X, Y),
            loss,
            variables=parameters,
            reduction=reduction,
            optimizer="sgd",
            learning_rate=learning_rate,
            num_epochs=3,
            mini_batch_size=len(y),
        )
        results[reduction] = (history["cost"], {k: v.numpy() for k, v in parameters.items()})
    np.testing.assert_allclose(
        results["sum"][0], results["mean"][0], rtol=1e-5
    )  # the cost per example either way
    for k in start:
        np.testing.assert_allclose(
            results["sum"][1][k], results["mean"][1][k], rtol=1e-4, atol=1e-6
        )
    assert results["mean"][0][-1] < results["mean"][0][0]


def test_a_dataset_is_shuffled_with_its_seed(tr, tfm, keras, toy):
    X, y = toy
    dataset = tfm.data.Dataset.from_tensor_slices((X, y))
    loss = keras.losses.sparse_categorical_crossentropy
    runs = [
        tr.fit(_dense(keras, seed=2), dataset, loss, num_epochs=3, mini_batch_size=25, seed=5)[
            "cost"
        ]
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert (
        tr.fit(_dense(keras, seed=2), dataset, loss, num_epochs=3, mini_batch_size=25, seed=6)[
            "cost"
        ]
        != runs[0]
    )
    with_arrays = tr.fit(
        _dense(keras, seed=2), (X, y), loss, num_epochs=3, mini_batch_size=25, seed=5
    )["cost"]
    np.testing.assert_allclose(with_arrays, runs[0], rtol=0.1)  # another order, the same task


def test_several_inputs_and_outputs(tr, keras, toy):
    """Course 5's models take several inputs (X, a0, c0); YOLO-like models return several
    outputs."""
    X, y = toy
    left, right = keras.Input((3,)), keras.Input((2,))
    hidden = keras.layers.Dense(8, activation="relu")(keras.layers.Concatenate()([left, right]))
    model = keras.Model([left, right], keras.layers.Dense(3, activation="softmax")(hidden))
    history = tr.fit(
        model,
        ([X[:90, :3], X[:90, 3:]], y[:90]),
        keras.losses.sparse_categorical_crossentropy,
        validation_data=((X[90:, :3], X[90:, 3:]), y[90:]),
        num_epochs=5,
        learning_rate=0.02,
        seed=0,
    )
    assert (
        history["cost"][-1] < history["cost"][0]
        and history["val_cost"][-1] < history["val_cost"][0]
    )

    def two_outputs(y_true, y_pred):  # a loss over a tuple of outputs
        return keras.losses.sparse_categorical_crossentropy(
            y_true[0], y_pred[0]
        ) + keras.losses.mean_squared_error(y_true[1], y_pred[1])

    head = keras.Input((5,))
    body = keras.layers.Dense(8, activation="relu")(head)
    model = keras.Model(
        head, [keras.layers.Dense(3, activation="softmax")(body), keras.layers.Dense(1)(body)]
    )
    target = X[:, :1].astype(np.float32)
    history = tr.fit(model, (X, (y, target)), two_outputs, num_epochs=5, learning_rate=0.02, seed=0)
    assert history["cost"][-1] < history["cost"][0]


def test_config_and_options(tr, keras, toy):
    X, y = toy
    loss = keras.losses.sparse_categorical_crossentropy
    config = tr.TrainingConfig(num_epochs=2, mini_batch_size=40, seed=3)
    by_config = tr.fit(_dense(keras), (X, y), loss, config=config)["cost"]
    by_options = tr.fit(_dense(keras), (X, y), loss, num_epochs=2, mini_batch_size=40, seed=3)[
        "cost"
    ]
    assert by_config == by_options and len(by_config) == 2
    assert tr.fit(_dense(keras), (X, y), loss, config=config, num_epochs=3)["cost"][:2] == by_config
    factory = tr.fit(
        _dense(keras), (X, y), loss, config=config, optimizer=lambda lr: keras.optimizers.Adam(lr)
    )
    assert factory["cost"] == by_config, "a factory making the same optimizer gives the same run"


def test_frozen_layers_stay_put(tr, keras, toy):
    X, y = toy
    model = _dense(keras)
    model.layers[0].trainable = False
    first = model.layers[0].get_weights()[0].copy()
    tr.fit(model, (X, y), keras.losses.sparse_categorical_crossentropy, num_epochs=2)
    assert np.array_equal(model.layers[0].get_weights()[0], first)


# --- bad input -------------------------------------------------------------------------


def test_bad_input_says_what_was_given(tr, tfm, keras, toy):
    X, y = toy
    model = _dense(keras)
    loss = keras.losses.sparse_categorical_crossentropy
    with pytest.raises(
        TypeError,
        match="fit: model must be a keras.Model or a function forward\\(X\\), but a str was given",
    ):
        tr.fit("cnn", (X, y), loss)
    with pytest.raises(
        TypeError, match="fit: model is a function, so pass the Variables it reads as variables="
    ):
        tr.fit(lambda X: X, (X, y), loss)
    with pytest.raises(
        TypeError, match="fit: variables must be a non-empty list or dict of tf.Variable.*ndarray"
    ):
        tr.fit(lambda X: X, (X, y), loss, variables=[np.zeros(3)])
    with pytest.raises(
        TypeError,
        match="fit: loss must be a function loss\\(y_true, y_pred\\), but a str was given",
    ):
        tr.fit(model, (X, y), "bce")
    with pytest.raises(
        ValueError,
        match=r"fit: X and Y must hold the same number m > 0 of examples in their first "
        r"axis, but X has shape \(120, 5\) and Y has shape \(100,\)",
    ):
        tr.fit(model, (X, y[:100]), loss)
    with pytest.raises(
        TypeError, match="fit: data must be a pair \\(X, Y\\) of arrays.*but a ndarray was given"
    ):
        tr.fit(model, X, loss)
    with pytest.raises(ValueError, match="fit: each element of data must be a pair \\(x, y\\)"):
        tr.fit(model, tfm.data.Dataset.from_tensor_slices(X), loss)
    with pytest.raises(
        ValueError, match="fit: data must have a known, finite, non-zero number of elements.*-1"
    ):
        tr.fit(model, tfm.data.Dataset.from_tensor_slices((X, y)).repeat(), loss)
    with pytest.raises(ValueError, match="fit: validation_data must have a known.*-2"):
        tr.fit(
            model,
            (X, y),
            loss,
            validation_data=tfm.data.Dataset.from_tensor_slices((X, y)).filter(lambda a, b: b > 0),
        )
    with pytest.raises(
        TypeError, match="fit: unknown option 'epochs'; the options are learning_rate, num_epochs"
    ):
        tr.fit(model, (X, y), loss, epochs=3)
    with pytest.raises(ValueError, match="fit: num_epochs must be positive, but 0 was given"):
        tr.fit(model, (X, y), loss, num_epochs=0)
    with pytest.raises(
        ValueError, match="fit: unknown reduction 'max'; expected one of 'mean', 'sum'"
    ):
        tr.fit(model, (X, y), loss, reduction="max")
    with pytest.raises(
        ValueError, match="fit: unknown optimizer 'adamw'; expected one of 'adam', 'sgd', 'rmsprop'"
    ):
        tr.fit(model, (X, y), loss, optimizer="adamw")
    with pytest.raises(
        TypeError, match="fit: seed must be an int >= 0 or None, but a float was given"
    ):
        tr.fit(model, (X, y), loss, seed=1.5)
    with pytest.raises(ValueError, match="fit: seed must be an int >= 0 or None, but -1 was given"):
        tr.fit(model, (X, y), loss, seed=-1)
    with pytest.raises(
        TypeError, match="fit: config must be a TrainingConfig, but a dict was given"
    ):
        tr.fit(model, (X, y), loss, config={"num_epochs": 2})
    with pytest.raises(TypeError, match="fit: metrics must be a dict of name -> function"):
        tr.fit(model, (X, y), loss, metrics=[keras.metrics.sparse_categorical_accuracy])
    with pytest.raises(ValueError, match="fit: 'cost' is the name of the recorded loss"):
        tr.fit(model, (X, y), loss, metrics={"cost": keras.metrics.sparse_categorical_accuracy})
    with pytest.raises(
        TypeError, match="fit: on_epoch_end must be a function on_epoch_end\\(epoch, logs\\)"
    ):
        tr.fit(model, (X, y), loss, on_epoch_end="print")
    with pytest.raises(
        TypeError, match="fit: data must hold numbers, but an array of dtype <U1 was given"
    ):
        tr.fit(model, (X, np.array(["a"] * 120)), loss)
    unbuilt = keras.Sequential([keras.layers.Dense(3)])
    with pytest.raises(ValueError, match="fit: the model has no trainable weights: build it first"):
        tr.fit(unbuilt, (X, y), loss)
