"""Course 3, week 2 (beyond the course): dl_notes.tf.multitask, the masked multi-task loss and
transfer."""

import math

import numpy as np
import pytest

from dl_notes.losses import multi_task_cost

nan = np.nan


@pytest.fixture(scope="module")
def mt():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import multitask

    return multitask


@pytest.fixture(scope="module")
def tfm(mt):
    import tensorflow

    return tensorflow


@pytest.fixture(scope="module")
def keras(mt):
    import keras

    return keras


# --- the masked loss -----------------------------------------------------------------


def test_masked_loss_by_hand(mt):
    y_true = np.array([[1, nan, 0], [nan, 1, nan], [nan, nan, nan]], np.float32)
    y_pred = np.array([[0.8, 0.3, 0.4], [0.5, 0.9, 0.1], [0.2, 0.7, 0.6]], np.float32)
    loss = mt.masked_binary_crossentropy(y_true, y_pred)
    expected = [-math.log(0.8) - math.log(1 - 0.4), -math.log(0.9), 0.0]
    assert loss.shape == (3,) and loss.dtype.name == "float32"
    np.testing.assert_allclose(loss.numpy(), expected, rtol=1e-6)


def test_masked_loss_matches_the_numpy_multi_task_cost(mt, rng):
    """Keras averages the per-example losses over the batch: that is the course's J, as in
    dl_notes.losses."""
    m, n_y = 40, 4
    AL = rng.uniform(0.05, 0.95, (m, n_y))
    Y = (rng.random((m, n_y)) < 0.5).astype(np.float64)
    Y[rng.random((m, n_y)) < 0.4] = nan
    J = float(np.mean(mt.masked_binary_crossentropy(Y, AL).numpy()))
    assert J == pytest.approx(multi_task_cost(AL.T, Y.T), rel=1e-12)  # float64 in, float64 out


def test_masked_loss_without_missing_labels_is_plain_binary_crossentropy(mt, keras, rng):
    AL = rng.uniform(0.05, 0.95, (30, 3)).astype(np.float32)
    Y = (rng.random((30, 3)) < 0.5).astype(np.float32)
    ours = mt.masked_binary_crossentropy(Y, AL).numpy()
    # Keras's binary cross-entropy averages over the
    # tasks; the course's multi-task loss sums over them
    theirs = 3 * keras.losses.binary_crossentropy(Y, AL).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)
    # and with one task it is the course's logistic loss, as in compute_cost
    single = mt.masked_binary_crossentropy(Y[:, :1], AL[:, :1]).numpy()
    np.testing.assert_allclose(
        single, -(Y[:, 0] * np.log(AL[:, 0]) + (1 - Y[:, 0]) * np.log(1 - AL[:, 0])), rtol=1e-5
    )


def test_masked_loss_gradient_is_zero_where_the_label_is_missing(mt, tfm, rng):
    Y = (rng.random((20, 4)) < 0.5).astype(np.float64)
    missing = rng.random((20, 4)) < 0.5
    Y[missing] = nan
    A = tfm.Variable(rng.uniform(0.05, 0.95, (20, 4)))
    with tfm.GradientTape() as tape:
        J = tfm.reduce_mean(mt.masked_binary_crossentropy(Y, A))
    dA = tape.gradient(J, A).numpy()
    assert np.isfinite(dA).all(), "no nan reaches the gradient"
    assert (dA[missing] == 0).all(), "a missing label pulls on nothing"
    a, y = A.numpy()[~missing], Y[~missing]
    np.testing.assert_allclose(dA[~missing], (-y / a + (1 - y) / (1 - a)) / 20, rtol=1e-10)


def test_masked_loss_gradient_through_a_sigmoid_layer_has_no_nan(mt, tfm, keras, rng):
    """Even a saturated output (a = 0 or 1 in float32) with a missing label leaves every weight's
    gradient finite."""
    layer = keras.layers.Dense(3, activation="sigmoid")
    X = tfm.constant(rng.standard_normal((8, 5)) * 100, tfm.float32)  # saturates the sigmoid
    Y = np.where(rng.random((8, 3)) < 0.5, nan, 1.0).astype(np.float32)
    with tfm.GradientTape() as tape:
        J = tfm.reduce_mean(mt.masked_binary_crossentropy(Y, layer(X)))
    grads = tape.gradient(J, layer.trainable_variables)
    assert np.isfinite(float(J)) and all(np.isfinite(g.numpy()).all() for g in grads)


def test_masked_loss_in_a_graph_and_in_keras_fit(mt, tfm, keras, rng):
    fn = tfm.function(mt.masked_binary_crossentropy)
    Y = np.array([[1, nan], [0, 1]], np.float32)
    A = np.array([[0.7, 0.2], [0.4, 0.6]], np.float32)
    np.testing.assert_allclose(
        fn(Y, A).numpy(), mt.masked_binary_crossentropy(Y, A).numpy(), rtol=1e-6
    )
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(2, activation="sigmoid")])
    model.compile(optimizer="sgd", loss=mt.masked_binary_crossentropy)
    X = rng.standard_normal((16, 5)).astype(np.float32)
    Y = np.where(rng.random((16, 2)) < 0.5, nan, 1.0).astype(np.float32)
    history = model.fit(X, Y, epochs=2, batch_size=8, verbose=0)
    assert all(np.isfinite(v) for v in history.history["loss"])
    assert all(np.isfinite(w).all() for w in model.get_weights())


def test_masked_loss_bad_input(mt):
    with pytest.raises(
        ValueError,
        match=r"masked_binary_crossentropy: y_true and y_pred must have the same shape "
        r"\(m, n_y\).*y_true has shape \(2, 3\) and y_pred has shape \(2, 4\)",
    ):
        mt.masked_binary_crossentropy(np.zeros((2, 3)), np.full((2, 4), 0.5))
    with pytest.raises(ValueError, match=r"y_true has shape \(3,\) and y_pred has shape \(3,\)"):
        mt.masked_binary_crossentropy(np.zeros(3), np.full(3, 0.5))
    with pytest.raises(
        ValueError,
        match=r"y_true must hold labels 0 or 1, or nan for a missing label, but it "
        r"contains \[2.0\]",
    ):
        mt.masked_binary_crossentropy(np.array([[2.0, nan]]), np.full((1, 2), 0.5))


# --- accuracy ------------------------------------------------------------------------


def test_the_numpy_data_helpers_live_in_dl_notes_data(mt):
    """Placing digits and making labels is NumPy: dl_notes.data.synthetic_vision, not this
    TensorFlow module."""
    for name in (
        "place_digits",
        "digit_attributes",
        "hide_labels",
        "balanced_subset",
        "ATTRIBUTES",
    ):
        assert not hasattr(mt, name), f"dl_notes.tf.multitask.{name}: import it from dl_notes.data"


def test_masked_accuracy_by_hand(mt):
    Y = np.array([[1, 0], [0, nan], [1, nan], [nan, nan]])
    P = np.array([[0.9, 0.6], [0.2, 0.1], [0.4, 0.9], [0.7, 0.3]])
    acc = mt.masked_accuracy(Y, P)
    np.testing.assert_allclose(
        acc, [2 / 3, 0.0]
    )  # task 1: right, right, wrong; task 2: 0.6 > 0.5 is wrong
    assert np.isnan(mt.masked_accuracy(np.full((2, 1), nan), np.zeros((2, 1))))[0]
    with pytest.raises(
        ValueError, match=r"masked_accuracy: Y and Y_prob must both have shape \(m, n_y\)"
    ):
        mt.masked_accuracy(Y, P[:, :1])


def test_class_accuracy_by_hand(mt, keras):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, use_bias=False)])
    model.layers[0].set_weights([np.eye(2)])  # the output is the input: argmax of each row
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 3.0]])
    assert mt.class_accuracy(model, X, np.array([0, 1, 0])) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match=r"class_accuracy: y must have shape \(m,\) with m = 3"):
        mt.class_accuracy(model, X, np.array([[0, 1, 0]]))


# --- models, transfer, training ------------------------------------------------------


def test_build_cnn_shapes_names_and_seeds(mt, rng):
    model = mt.build_cnn((36, 36, 1), n_y=4, output_activation="sigmoid", seed=2)
    assert [layer.name for layer in model.layers] == [
        "conv1",
        "pool1",
        "conv2",
        "pool2",
        "flatten",
        "output",
    ]
    assert model.get_layer("flatten").output.shape[1:] == (7 * 7 * 32,)
    out = model(rng.random((3, 36, 36, 1)).astype(np.float32)).numpy()
    assert out.shape == (3, 4) and ((out > 0) & (out < 1)).all()
    same, other = (
        mt.build_cnn((36, 36, 1), 4, "sigmoid", seed=2),
        mt.build_cnn((36, 36, 1), 4, "sigmoid", seed=3),
    )
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), same.get_weights()))
    assert not np.array_equal(model.get_weights()[0], other.get_weights()[0])
    probs = mt.build_cnn((28, 28, 1), 6)(np.zeros((2, 28, 28, 1), np.float32)).numpy()
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-6)


def test_build_cnn_bad_input(mt):
    with pytest.raises(
        ValueError, match=r"build_cnn: input_shape must be \(height, width, channels\)"
    ):
        mt.build_cnn((36, 36))
    with pytest.raises(ValueError, match="build_cnn: unknown output_activation 'relu'"):
        mt.build_cnn(output_activation="relu")
    with pytest.raises(TypeError, match="build_cnn: seed must be an int >= 0"):
        mt.build_cnn(seed=1.5)
    with pytest.raises(ValueError, match="build_cnn: seed must be an int >= 0, but -1 was given"):
        mt.build_cnn(seed=-1)


def test_transfer_copies_freezes_and_leaves_the_source_alone(mt, keras, rng):
    source = mt.build_cnn((36, 36, 1), n_y=6, seed=0)
    frozen = mt.transfer(source, n_y=4, seed=1)
    assert [layer.name for layer in frozen.layers] == [
        "conv1",
        "pool1",
        "conv2",
        "pool2",
        "flatten",
        "output",
    ]
    assert frozen.output_shape == (None, 4)
    for name in ("conv1", "conv2"):
        for a, b in zip(frozen.get_layer(name).get_weights(), source.get_layer(name).get_weights()):
            assert np.array_equal(a, b)
        assert frozen.get_layer(name) is not source.get_layer(name), "a copy, not the same layer"
    assert len(frozen.trainable_variables) == 2, "only the new output layer's W and b learn"
    tuned = mt.transfer(source, n_y=4, trainable=True, seed=1)
    assert len(tuned.trainable_variables) == 6

    before = [w.copy() for w in source.get_weights()]
    X = rng.random((16, 36, 36, 1)).astype(np.float32)
    y = rng.integers(0, 4, 16)
    loss = keras.losses.sparse_categorical_crossentropy
    conv1 = frozen.get_layer("conv1").get_weights()[0].copy()
    head = frozen.get_layer("output").get_weights()[0].copy()
    mt.train(frozen, X, y, loss, num_epochs=2, mini_batch_size=8)
    mt.train(tuned, X, y, loss, num_epochs=2, mini_batch_size=8)
    assert np.array_equal(frozen.get_layer("conv1").get_weights()[0], conv1), (
        "frozen layers do not move"
    )
    assert not np.array_equal(frozen.get_layer("output").get_weights()[0], head)
    assert not np.array_equal(tuned.get_layer("conv1").get_weights()[0], conv1), (
        "fine-tuning moves them"
    )
    assert all(np.array_equal(a, b) for a, b in zip(source.get_weights(), before)), (
        "the source is untouched"
    )
    partial = mt.transfer(source, n_y=2, n_layers=2, output_activation="sigmoid")
    assert [layer.name for layer in partial.layers] == ["conv1", "pool1", "flatten_new", "output"]
    assert partial(X).shape == (16, 2) and len(partial.trainable_variables) == 2
    assert np.array_equal(partial.get_layer("conv1").get_weights()[0], conv1)


def test_transfer_bad_input(mt):
    source = mt.build_cnn((28, 28, 1), n_y=6)
    with pytest.raises(
        ValueError,
        match=r"transfer: n_layers must be an int from 1 to 5 \(the source has 6 layers "
        r"and its output layer is replaced\), but 6 was given",
    ):
        mt.transfer(source, 4, n_layers=6)
    with pytest.raises(
        TypeError, match="transfer: source must be a keras.Sequential model, but a dict was given"
    ):
        mt.transfer({}, 4)
    with pytest.raises(TypeError, match="transfer: trainable must be True or False"):
        mt.transfer(source, 4, trainable="yes")


@pytest.mark.slow
def test_train_lowers_the_cost_and_is_reproducible(mt, rng):
    """A learnable toy task: task j asks whether the image has a bright square at place j."""
    Y = (rng.random((48, 3)) < 0.5).astype(np.float32)
    X = 0.2 * rng.random((48, 28, 28, 1)).astype(np.float32)
    for j, (r, c) in enumerate([(2, 2), (2, 18), (18, 10)]):
        X[Y[:, j] == 1, r : r + 8, c : c + 8] = 1.0
    Y[rng.random((48, 3)) < 0.3] = nan
    runs = []
    for _ in range(2):
        model = mt.build_cnn((28, 28, 1), n_y=3, output_activation="sigmoid", seed=5)
        costs = mt.train(
            model,
            X,
            Y,
            mt.masked_binary_crossentropy,
            learning_rate=0.003,
            num_epochs=8,
            mini_batch_size=16,
            seed=7,
        )
        runs.append((costs, model.get_weights()))
    costs, weights = runs[0]
    assert len(costs) == 8 and all(np.isfinite(costs))
    assert costs[-1] < 0.5 * costs[0], f"the cost falls: {costs}"
    assert runs[1][0] == costs and all(np.array_equal(a, b) for a, b in zip(runs[1][1], weights)), (
        "same seeds, same run"
    )
    # the first epoch's cost is the mean masked loss,
    # as multi_task_cost would compute it at each step
    assert costs[0] == pytest.approx(3 * np.log(2) * 0.7, rel=0.2)


def test_train_bad_input(mt, keras, rng):
    model = mt.build_cnn((28, 28, 1), n_y=2)
    loss = keras.losses.sparse_categorical_crossentropy
    X = rng.random((4, 28, 28, 1))
    with pytest.raises(
        ValueError,
        match=r"train: X and Y must hold the same number m > 0 of examples.*X has shape "
        r"\(4, 28, 28, 1\) and Y has shape \(3,\)",
    ):
        mt.train(model, X, np.zeros(3, int), loss)
    with pytest.raises(TypeError, match="train: model must be a keras.Model"):
        mt.train("cnn", X, np.zeros(4, int), loss)
    with pytest.raises(TypeError, match="train: loss must be a function"):
        mt.train(model, X, np.zeros(4, int), "bce")
    with pytest.raises(ValueError, match="train: num_epochs must be positive, but 0 was given"):
        mt.train(model, X, np.zeros(4, int), loss, num_epochs=0)
