"""Course 5, W1A3: dl_notes.tf.music, the course's djmodel, inference model and sampler."""

import numpy as np
import pytest

N_VALUES, N_A, TX = 7, 5, 4


@pytest.fixture(scope="module")
def mu():
    pytest.importorskip("tensorflow")
    from dl_notes.tf import music

    return music


@pytest.fixture(scope="module")
def keras(mu):
    import keras

    return keras


@pytest.fixture(scope="module")
def layers(mu):
    """Small shared layers, built by a djmodel, with random non-zero biases."""
    reshaper, LSTM_cell, densor = mu.shared_layers(N_VALUES, n_a=N_A, seed=3)
    model = mu.djmodel(TX, LSTM_cell, densor, reshaper)
    rng = np.random.default_rng(0)
    for layer in (LSTM_cell, densor):
        weights = layer.get_weights()
        weights[-1] = rng.normal(0, 0.5, weights[-1].shape)
        layer.set_weights(weights)
    return reshaper, LSTM_cell, densor, model


def _data(m=6, seed=1):
    rng = np.random.default_rng(seed)
    tokens = rng.integers(0, N_VALUES, (m, TX))
    eye = np.eye(N_VALUES, dtype=np.float32)
    Y = eye[tokens.T]  # (Tx, m, n_values)
    X = np.zeros((m, TX, N_VALUES), np.float32)
    X[:, 1:] = eye[tokens[:, :-1]]
    return X, Y


def _numpy_step(x, a, c, LSTM_cell, densor):
    """One LSTM step and the softmax, written from the equations (Keras' gate order i, f, c, o)."""
    W, U, b = LSTM_cell.get_weights()
    Wy, by = densor.get_weights()
    z = x @ W + a @ U + b
    n = a.shape[1]

    def sigmoid(v):
        return 1 / (1 + np.exp(-v))

    i, f, g, o = (
        sigmoid(z[:, :n]),
        sigmoid(z[:, n : 2 * n]),
        np.tanh(z[:, 2 * n : 3 * n]),
        sigmoid(z[:, 3 * n :]),
    )
    c = f * c + i * g
    a = o * np.tanh(c)
    logits = a @ Wy + by
    p = np.exp(logits - logits.max(1, keepdims=True))
    return a, c, p / p.sum(1, keepdims=True)


def test_shared_layers_are_the_course_layers(mu, keras):
    reshaper, LSTM_cell, densor = mu.shared_layers(90)
    assert mu.N_A == 64
    assert isinstance(reshaper, keras.layers.Reshape) and reshaper.target_shape == (1, 90)
    assert isinstance(LSTM_cell, keras.layers.LSTM) and LSTM_cell.units == 64
    assert LSTM_cell.return_state
    assert isinstance(densor, keras.layers.Dense) and densor.units == 90
    assert densor.activation is keras.activations.softmax


def test_shared_layers_are_seeded(mu):
    weights = []
    for _ in range(2):
        reshaper, LSTM_cell, densor = mu.shared_layers(N_VALUES, n_a=N_A, seed=7)
        mu.djmodel(2, LSTM_cell, densor, reshaper)
        weights.append(LSTM_cell.get_weights() + densor.get_weights())
    for w1, w2 in zip(*weights):
        np.testing.assert_array_equal(w1, w2)


def test_djmodel_shapes_and_shared_weights(mu, layers):
    reshaper, LSTM_cell, densor, model = layers
    assert [tuple(i.shape) for i in model.inputs] == [
        (None, TX, N_VALUES),
        (None, N_A),
        (None, N_A),
    ]
    assert len(model.outputs) == TX and tuple(model.outputs[0].shape) == (None, N_VALUES)
    # the count does not grow with Tx: one LSTM and one Dense, shared by every step
    assert model.count_params() == 4 * (N_A * (N_A + N_VALUES) + N_A) + N_A * N_VALUES + N_VALUES
    assert mu.djmodel(2 * TX, LSTM_cell, densor, reshaper).count_params() == model.count_params()


def test_djmodel_matches_the_lstm_equations_in_numpy(layers):
    _, LSTM_cell, densor, model = layers
    X, _ = _data()
    rng = np.random.default_rng(2)
    a0 = rng.normal(0, 0.5, (6, N_A)).astype(np.float32)
    c0 = rng.normal(0, 0.5, (6, N_A)).astype(np.float32)
    outputs = model([X, a0, c0])
    a, c = a0.astype(np.float64), c0.astype(np.float64)
    for t in range(TX):
        a, c, p = _numpy_step(X[:, t].astype(np.float64), a, c, LSTM_cell, densor)
        np.testing.assert_allclose(np.asarray(outputs[t]), p, rtol=1e-5, atol=1e-6)


def test_inference_model_feeds_back_the_argmax(mu, layers):
    _, LSTM_cell, densor, _ = layers
    inference_model = mu.music_inference_model(LSTM_cell, densor, Ty=6)
    assert len(inference_model.outputs) == 6
    results, indices = mu.predict_and_sample(inference_model)
    assert results.shape == (6, N_VALUES) and indices.shape == (6, 1)
    np.testing.assert_array_equal(results.argmax(1), indices[:, 0])
    np.testing.assert_array_equal(results.sum(1), 1)
    # the same loop in NumPy: argmax -> one-hot -> next input
    x, a, c = np.zeros((1, N_VALUES)), np.zeros((1, N_A)), np.zeros((1, N_A))
    expected = []
    for _ in range(6):
        a, c, p = _numpy_step(x, a, c, LSTM_cell, densor)
        expected.append(p.argmax())
        x = np.eye(N_VALUES)[[p.argmax()]]
    np.testing.assert_array_equal(indices[:, 0], expected)
    # the course's explicit zero initializers give the same
    again = mu.predict_and_sample(
        inference_model, np.zeros((1, 1, N_VALUES)), np.zeros((1, N_A)), np.zeros((1, N_A))
    )
    np.testing.assert_array_equal(again[1], indices)


def test_sampling_is_seeded_and_tends_to_the_argmax(mu, layers):
    _, LSTM_cell, densor, _ = layers
    one = mu.sample_with_temperature(LSTM_cell, densor, Ty=20, temperature=1.0, seed=5)
    two = mu.sample_with_temperature(LSTM_cell, densor, Ty=20, temperature=1.0, seed=5)
    assert one.shape == (20,) and np.array_equal(one, two)
    assert ((0 <= one) & (one < N_VALUES)).all()
    cold = mu.sample_with_temperature(LSTM_cell, densor, Ty=6, temperature=1e-3, seed=5)
    inference_model = mu.music_inference_model(LSTM_cell, densor, Ty=6)
    np.testing.assert_array_equal(cold, mu.predict_and_sample(inference_model)[1][:, 0])
    hot = [
        mu.sample_with_temperature(LSTM_cell, densor, Ty=20, temperature=5.0, seed=s)
        for s in range(3)
    ]
    assert len(set(np.concatenate(hot))) > len(set(cold))


def test_course_optimizer_decays_as_keras_2_did(mu, keras):
    optimizer = mu.course_optimizer()
    schedule = optimizer._learning_rate
    for k in (0, 1, 10, 100):
        assert float(schedule(k)) == pytest.approx(0.01 / (1 + 0.01 * k))
    assert (optimizer.beta_1, optimizer.beta_2) == (0.9, 0.999)
    assert float(mu.course_optimizer(0.05, decay=0).learning_rate) == pytest.approx(0.05)


def test_sequence_loss_is_what_keras_reports_for_tx_outputs(mu, keras, layers):
    _, _, _, model = layers
    X, Y = _data(m=8)
    zeros = np.zeros((8, N_A), np.float32)
    P = model([X, zeros, zeros])
    ours = np.asarray(mu.sequence_loss(tuple(Y), P))
    by_hand = -np.sum(np.log(np.take_along_axis(np.stack(P), Y.argmax(-1)[..., None], -1)), (0, 2))
    np.testing.assert_allclose(ours, by_hand, rtol=1e-5)
    model.compile(optimizer="adam", loss=["categorical_crossentropy"] * TX)
    keras_loss = model.evaluate([X, zeros, zeros], list(Y), verbose=0, batch_size=8)
    keras_loss = keras_loss[0] if isinstance(keras_loss, list) else keras_loss
    assert keras_loss == pytest.approx(ours.mean(), rel=1e-5)


def test_evaluate_next_value_by_hand(mu, layers):
    _, _, _, model = layers
    X, Y = _data(m=5, seed=4)
    zeros = np.zeros((5, N_A), np.float32)
    P = np.stack(model([X, zeros, zeros]))
    scores = mu.evaluate_next_value(model, X, Y)
    truth = Y.argmax(-1)
    assert scores["accuracy"] == pytest.approx(np.mean(P.argmax(-1) == truth))
    p_true = np.take_along_axis(P, truth[..., None], -1)
    assert scores["cross_entropy"] == pytest.approx(-np.mean(np.log(p_true)), rel=1e-5)


@pytest.mark.slow
def test_train_djmodel_learns_a_repeating_tune(mu):
    """A tune that cycles through 0..6: the next value is always predictable."""
    reshaper, LSTM_cell, densor = mu.shared_layers(N_VALUES, n_a=16, seed=0)
    model = mu.djmodel(TX, LSTM_cell, densor, reshaper)
    rng = np.random.default_rng(0)
    starts = rng.integers(0, N_VALUES, 32)
    tokens = (starts[:, None] + np.arange(TX)) % N_VALUES  # (m, Tx)
    eye = np.eye(N_VALUES, dtype=np.float32)
    Y = eye[tokens.T]
    X = np.zeros((32, TX, N_VALUES), np.float32)
    X[:, 1:] = eye[tokens[:, :-1]]
    history = mu.train_djmodel(
        model, X, Y, num_epochs=40, mini_batch_size=8, validation_data=(X, Y)
    )
    assert sorted(history) == ["accuracy", "cost", "val_accuracy", "val_cost"]
    assert len(history["cost"]) == 40
    # at first about Tx log(n_values); at the end only the first value, drawn at random, is
    # unpredictable: log(n_values)
    assert history["cost"][0] > 0.9 * TX * np.log(N_VALUES)
    assert history["cost"][-1] < np.log(N_VALUES) + 0.5
    # every step after the first is determined by the one before: (Tx - 1) / Tx at least
    assert history["val_accuracy"][-1] >= (TX - 1) / TX
    again = mu.shared_layers(N_VALUES, n_a=16, seed=0)
    model2 = mu.djmodel(TX, again[1], again[2], again[0])
    assert mu.train_djmodel(model2, X, Y, num_epochs=2, mini_batch_size=8)["cost"] == pytest.approx(
        history["cost"][:2], rel=1e-6
    )


def test_bad_input_says_what_is_wrong(mu, keras, layers):
    reshaper, LSTM_cell, densor, model = layers
    with pytest.raises(
        ValueError, match=r"Reshape\(\(1, n_values\)\) with n_values = densor.units"
    ):
        mu.djmodel(TX, LSTM_cell, densor, keras.layers.Reshape((1, N_VALUES + 1)))
    with pytest.raises(TypeError, match="return_state=True"):
        mu.djmodel(TX, keras.layers.LSTM(N_A), densor, reshaper)
    with pytest.raises(TypeError, match="densor must be a keras.layers.Dense"):
        mu.music_inference_model(LSTM_cell, reshaper)
    with pytest.raises(ValueError, match="Ty must be positive"):
        mu.music_inference_model(LSTM_cell, densor, Ty=0)
    X, Y = _data()
    with pytest.raises(ValueError, match="time first as in the course"):
        mu.train_djmodel(model, X, Y.transpose(1, 0, 2), num_epochs=1)
    with pytest.raises(ValueError, match=rf"X must have shape \(m, {TX}, {N_VALUES}\)"):
        mu.evaluate_next_value(model, X[:, :2], Y)
    inference_model = mu.music_inference_model(LSTM_cell, densor, Ty=3)
    with pytest.raises(ValueError, match=r"x_initializer must be a 3-D array"):
        mu.predict_and_sample(inference_model, np.zeros((1, N_VALUES)))
    with pytest.raises(ValueError, match=r"a_initializer must have shape \(1, 5\)"):
        mu.predict_and_sample(inference_model, None, np.zeros((1, N_A + 1)))
    with pytest.raises(TypeError, match="inputs \\[x0, a0, c0\\]"):
        mu.predict_and_sample(densor)
    with pytest.raises(ValueError, match="temperature must be positive"):
        mu.sample_with_temperature(LSTM_cell, densor, temperature=0)
    with pytest.raises(ValueError, match="decay must be a number >= 0"):
        mu.course_optimizer(decay=-1)
    with pytest.raises(ValueError, match="n_values must be positive"):
        mu.shared_layers(0)
