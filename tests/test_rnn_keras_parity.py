"""dl_notes.rnn against TensorFlow: autodiff of independent TF cells, and Keras's recurrent layers.

The TF cells below are written from the lecture's equations, independently of dl_notes (no
shared code): each runs the whole sequence in TensorFlow, float64, and `tf.GradientTape`
differentiates L = sum(da * a), the scalar whose gradients the course's backward passes
return. Then Keras's `SimpleRNN`, `LSTM` and `GRU` layers, given the course's parameters
through `to_keras_weights`, must produce the same hidden states (`return_sequences=True`);
for the GRU with `reset_after=False`, while Keras's default `reset_after=True` computes a
different function.
"""

import numpy as np
import pytest

from dl_notes import rnn
from tests.gradcheck import TOL, rel_error, tf_gradients

N_X, N_A, N_Y, M, T = 3, 4, 2, 3, 5
KEEP = {"rnn": ("Wax", "Waa", "ba"), "lstm": tuple(f"{p}{g}" for g in "fico" for p in "Wb")}
KEEP["gru"] = tuple(f"{p}{g}" for g in "urc" for p in "Wb")


def _params(cell, seed):
    rng = np.random.default_rng(seed)
    init = {
        "rnn": rnn.initialize_rnn_parameters,
        "lstm": rnn.initialize_lstm_parameters,
        "gru": rnn.initialize_gru_parameters,
    }[cell]
    p = init(N_A, N_X, N_Y, seed=rng)
    for k in p:
        p[k] = p[k] + rng.standard_normal(p[k].shape) * 0.5
    x = rng.standard_normal((N_X, M, T))
    a0 = rng.standard_normal((N_A, M))
    da = rng.standard_normal((N_A, M, T))
    return p, x, a0, da


# --- independent TensorFlow cells (the lecture's equations) ---------------------------------


def _tf_sequence(tf, cell, x, a0, **W):
    """The hidden states of the whole sequence, stacked to (n_a, m, T)."""
    a, c, states = a0, tf.zeros_like(a0), []
    for t in range(x.shape[2]):
        xt = x[:, :, t]
        if cell == "rnn":
            a = tf.tanh(tf.matmul(W["Waa"], a) + tf.matmul(W["Wax"], xt) + W["ba"])
        elif cell == "lstm":
            z = tf.concat([a, xt], axis=0)
            f = tf.sigmoid(tf.matmul(W["Wf"], z) + W["bf"])
            i = tf.sigmoid(tf.matmul(W["Wi"], z) + W["bi"])
            o = tf.sigmoid(tf.matmul(W["Wo"], z) + W["bo"])
            c = f * c + i * tf.tanh(tf.matmul(W["Wc"], z) + W["bc"])
            a = o * tf.tanh(c)
        else:
            z = tf.concat([a, xt], axis=0)
            u = tf.sigmoid(tf.matmul(W["Wu"], z) + W["bu"])
            r = tf.sigmoid(tf.matmul(W["Wr"], z) + W["br"])
            cc = tf.tanh(tf.matmul(W["Wc"], tf.concat([r * a, xt], axis=0)) + W["bc"])
            a = u * cc + (1 - u) * a
        states.append(a)
    return tf.stack(states, axis=2)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_backward_matches_tensorflow_autodiff(cell, tf):
    forward = {"rnn": rnn.rnn_forward, "lstm": rnn.lstm_forward, "gru": rnn.gru_forward}[cell]
    backward = {"rnn": rnn.rnn_backward, "lstm": rnn.lstm_backward, "gru": rnn.gru_backward}[cell]
    p, x, a0, da = _params(cell, seed=11)
    out = forward(x, a0, p)
    g = backward(da, out[-1])
    arrays = {"x": x, "a0": a0, **{k: p[k] for k in KEEP[cell]}}

    def L(x, a0, **W):
        a = _tf_sequence(tf, cell, x, a0, **W)
        return tf.reduce_sum(tf.constant(da) * a)

    ref = tf_gradients(L, arrays)
    a_tf = _tf_sequence(
        tf, cell, tf.constant(x), tf.constant(a0), **{k: tf.constant(p[k]) for k in KEEP[cell]}
    )
    np.testing.assert_allclose(out[0], a_tf.numpy(), rtol=1e-12, atol=1e-12)
    for name, ours in [("x", g["dx"]), ("a0", g["da0"])] + [(k, g["d" + k]) for k in KEEP[cell]]:
        err = rel_error(ours, ref[name])
        assert err < TOL, f"{cell}: d{name} vs TensorFlow: {err:.2e}"


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_one_step_backward_matches_tensorflow_autodiff(cell, tf):
    """The cell functions alone, with dc_next for the LSTM."""
    p, x, a0, da = _params(cell, seed=5)
    xt, da_next = x[:, :, 0], da[:, :, 0]
    rng = np.random.default_rng(6)
    c_prev, dc_next = rng.standard_normal((N_A, M)), rng.standard_normal((N_A, M))
    if cell == "lstm":
        _, _, _, cache = rnn.lstm_cell_forward(xt, a0, c_prev, p)
        g = rnn.lstm_cell_backward(da_next, dc_next, cache)
    else:
        _, _, cache = rnn.gru_cell_forward(xt, a0, p)
        g = rnn.gru_cell_backward(da_next, cache)

    def L(xt, a_prev, c_prev, **W):
        z = tf.concat([a_prev, xt], axis=0)
        if cell == "lstm":
            f = tf.sigmoid(tf.matmul(W["Wf"], z) + W["bf"])
            i = tf.sigmoid(tf.matmul(W["Wi"], z) + W["bi"])
            o = tf.sigmoid(tf.matmul(W["Wo"], z) + W["bo"])
            c = f * c_prev + i * tf.tanh(tf.matmul(W["Wc"], z) + W["bc"])
            return tf.reduce_sum(da_next * o * tf.tanh(c)) + tf.reduce_sum(dc_next * c)
        u = tf.sigmoid(tf.matmul(W["Wu"], z) + W["bu"])
        r = tf.sigmoid(tf.matmul(W["Wr"], z) + W["br"])
        cc = tf.tanh(tf.matmul(W["Wc"], tf.concat([r * a_prev, xt], axis=0)) + W["bc"])
        return tf.reduce_sum(da_next * (u * cc + (1 - u) * a_prev)) + 0 * tf.reduce_sum(c_prev)

    ref = tf_gradients(
        L, {"xt": xt, "a_prev": a0, "c_prev": c_prev, **{k: p[k] for k in KEEP[cell]}}
    )
    names = [("xt", "dxt"), ("a_prev", "da_prev")] + [(k, "d" + k) for k in KEEP[cell]]
    if cell == "lstm":
        names.append(("c_prev", "dc_prev"))
    for name, key in names:
        err = rel_error(g[key], ref[name])
        assert err < TOL, f"{cell}: {key} vs TensorFlow: {err:.2e}"


# --- Keras layers with the same weights --------------------------------------------------------


def _keras_states(tf, layer, x, a0, cell):
    """Run a Keras layer on the course's x (n_x, m, T) and a0; return its states as (n_a, m, T)."""
    xs = tf.constant(np.transpose(x, (1, 2, 0)))  # (m, T, n_x): Keras's batch-major layout
    h0 = tf.constant(a0.T)  # (m, n_a)
    state = [h0, tf.zeros_like(h0)] if cell == "lstm" else [h0]
    out = layer(xs, initial_state=state).numpy()  # (m, T, n_a)
    return np.transpose(out, (2, 0, 1))  # (n_a, m, T)


def _keras_layer(cell, **kwargs):
    import keras

    make = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}[cell]
    layer = make(N_A, return_sequences=True, dtype="float64", **kwargs)
    layer.build((M, T, N_X))
    return layer


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_forward_matches_keras_layers(cell, tf):
    p, x, a0, _ = _params(cell, seed=3)
    kwargs = {"reset_after": False} if cell == "gru" else {}
    layer = _keras_layer(cell, **kwargs)
    layer.set_weights(rnn.to_keras_weights(p, cell))
    forward = {"rnn": rnn.rnn_forward, "lstm": rnn.lstm_forward, "gru": rnn.gru_forward}[cell]
    a = forward(x, a0, p)[0]
    ours_vs_keras = np.abs(a - _keras_states(tf, layer, x, a0, cell)).max()
    assert ours_vs_keras < 1e-12, f"{cell}: {ours_vs_keras:.2e}"


def test_keras_gru_default_reset_after_is_a_different_gru(tf):
    """reset_after=True applies the reset gate after the recurrent product (and has two biases):
    with the same weights and a zero second bias, it does not give the lecture's states."""
    p, x, a0, _ = _params("gru", seed=3)
    kernel, recurrent, bias = rnn.to_keras_weights(p, "gru")
    layer = _keras_layer("gru", reset_after=True)
    layer.set_weights([kernel, recurrent, np.stack([bias, np.zeros_like(bias)])])
    keras_default = _keras_states(tf, layer, x, a0, "gru")
    lecture = rnn.gru_forward(x, a0, p)[0]
    assert np.abs(keras_default - lecture).max() > 1e-2
    # ... but when the reset gate is fully open (Γr = 1) the two variants agree
    p_open = dict(p, br=np.full_like(p["br"], 60.0), Wr=np.zeros_like(p["Wr"]))
    kernel, recurrent, bias = rnn.to_keras_weights(p_open, "gru")
    layer.set_weights([kernel, recurrent, np.stack([bias, np.zeros_like(bias)])])
    np.testing.assert_allclose(
        _keras_states(tf, layer, x, a0, "gru"), rnn.gru_forward(x, a0, p_open)[0], atol=1e-12
    )
