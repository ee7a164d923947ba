"""The NumPy LSTM (forward + backward through time) against a Keras `LSTM` layer on the CPU.

    python -m benchmarks.rnn              # NumPy on one BLAS thread, TensorFlow's defaults
    python -m benchmarks.rnn --threads 1  # one BLAS and one TensorFlow thread
    python -m benchmarks.rnn --threads 2  # two of each

Times `dl_notes.rnn.lstm_forward` followed by `lstm_backward` and a Keras `LSTM` layer
(`return_sequences=True`, the same weights through `to_keras_weights`) whose forward pass
runs under a `tf.GradientTape` that then computes the gradients of the same scalar,
L = sum(da * a), with respect to the input, the initial state and the three weight arrays:
the work `lstm_backward` does. Keras is timed twice: eagerly, as a learner calls a layer,
and compiled with `tf.function` into a graph, as `model.fit` runs it; both at the
size the issue asks for (m = 64, T_x = 50, n_x = 32, n_a = 64), in float32 and float64.
Before timing, the two are checked to give the same hidden states and gradients.

NumPy runs with one BLAS thread unless `--threads` says otherwise, as the labs do
(`dl_notes.lab.setup`): the LSTM's matrices are small, (256, 64) by (64, 64), and with two
OpenBLAS threads on a shared machine each product waits for a busy core (measured under
load: 880 ms for a forward and backward pass with two threads, 70 ms with one).
TensorFlow keeps its own defaults (one thread per core).

Each time is the best of several runs (the machine is often shared: the best run is the
one least disturbed). All NumPy timings run before the first TensorFlow operation, so
TensorFlow's thread pool cannot steal cycles from NumPy's. No test asserts on a time.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from benchmarks.conv import best_time, header
from dl_notes import rnn

#: The issue's realistic size, and the lab's.
SIZES = [
    ("LSTM m=64 T=50 n_x=32 n_a=64", 64, 50, 32, 64),
    ("LSTM, lab shapes m=10 T=7 n_x=3 n_a=5", 10, 7, 3, 5),
]
DTYPES = (np.float32, np.float64)
#: The goal: NumPy forward + backward within this factor of Keras on the realistic size.
GOAL = 3.0


def _problem(m, T_x, n_x, n_a, dtype, seed=0):
    rng = np.random.default_rng(seed)
    p = rnn.initialize_lstm_parameters(n_a, n_x, 1, seed=rng)
    p = {k: v.astype(dtype) for k, v in p.items()}
    x = rng.standard_normal((n_x, m, T_x)).astype(dtype)
    a0 = (rng.standard_normal((n_a, m)) * 0.1).astype(dtype)
    da = rng.standard_normal((n_a, m, T_x)).astype(dtype)
    return p, x, a0, da


def numpy_step(p, x, a0, da):
    a, _, _, caches = rnn.lstm_forward(x, a0, p)
    return a, rnn.lstm_backward(da, caches)


def time_numpy():
    rows = []
    for name, m, T_x, n_x, n_a in SIZES:
        for dtype in DTYPES:
            p, x, a0, da = _problem(m, T_x, n_x, n_a, dtype)
            rows.append(
                {
                    "size": name,
                    "dtype": dtype.__name__,
                    "numpy": best_time(lambda p=p, x=x, a0=a0, da=da: numpy_step(p, x, a0, da)),
                    "data": (p, x, a0, da),
                }
            )
    return rows


def time_keras(tf, keras, rows):
    for row in rows:
        p, x, a0, da = row["data"]
        n_x, m, T_x = x.shape
        n_a = a0.shape[0]
        layer = keras.layers.LSTM(n_a, return_sequences=True, dtype=row["dtype"])
        layer.build((m, T_x, n_x))
        layer.set_weights(rnn.to_keras_weights(p, "lstm"))
        xs = tf.Variable(np.transpose(x, (1, 2, 0)))  # (m, T_x, n_x)
        h0 = tf.Variable(a0.T)  # (m, n_a)
        da_t = tf.constant(np.transpose(da, (1, 2, 0)))  # (m, T_x, n_a)

        def keras_step(layer=layer, xs=xs, h0=h0, da_t=da_t):
            with tf.GradientTape() as tape:
                out = layer(xs, initial_state=[h0, tf.zeros_like(h0)])  # (m, T_x, n_a)
                L = tf.reduce_sum(da_t * out)
            grads = tape.gradient(L, [xs, h0, *layer.trainable_weights])
            return out, grads

        # the table is only worth something if the two compute the same numbers
        a, g = numpy_step(p, x, a0, da)
        out, grads = keras_step()
        tol = 2e-3 if row["dtype"] == "float32" else 1e-9
        np.testing.assert_allclose(np.transpose(out.numpy(), (2, 0, 1)), a, rtol=tol, atol=tol)
        np.testing.assert_allclose(
            np.transpose(grads[0].numpy(), (2, 0, 1)), g["dx"], rtol=tol, atol=tol
        )
        np.testing.assert_allclose(grads[1].numpy().T, g["da0"], rtol=tol, atol=tol)
        row["keras"] = best_time(keras_step)
        compiled = tf.function(keras_step)  # a graph, as model.fit runs it
        out, grads = compiled()
        np.testing.assert_allclose(np.transpose(out.numpy(), (2, 0, 1)), a, rtol=tol, atol=tol)
        row["graph"] = best_time(lambda: [g.numpy() for g in compiled()[1]])


def table(rows):
    head = (
        "size",
        "dtype",
        "NumPy fwd+bwd ms",
        "Keras eager ms",
        "Keras tf.function ms",
        "NumPy / eager",
        "NumPy / tf.function",
    )
    body = [
        (
            r["size"],
            r["dtype"],
            f"{r['numpy'] * 1e3:.2f}",
            f"{r['keras'] * 1e3:.2f}",
            f"{r['graph'] * 1e3:.2f}",
            f"{r['numpy'] / r['keras']:.2f}",
            f"{r['numpy'] / r['graph']:.2f}",
        )
        for r in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(head, *body)]

    def fmt(cells):
        return (
            "| "
            + " | ".join(
                c.rjust(w) if i >= 2 else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(("-" * (w + 1) + ":") if i >= 2 else "-" * (w + 2) for i, w in enumerate(widths))
        + "|"
    )
    return "\n".join([fmt(head), rule, *(fmt(b) for b in body)])


def targets(rows):
    lines = []
    for r in rows:
        if r["size"] == SIZES[0][0]:
            for mode, key in (("eager", "keras"), ("tf.function", "graph")):
                ratio = r["numpy"] / r[key]
                lines.append(
                    f"{'met ' if ratio <= GOAL else 'MISS'}  {r['dtype']} NumPy LSTM forward+"
                    f"backward within {GOAL:.0f}x of Keras ({mode}): {ratio:.2f}x "
                    f"({r['numpy'] * 1e3:.1f} ms vs {r[key] * 1e3:.1f} ms)"
                )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--threads", type=int, default=None, help="limit BLAS and TensorFlow threads"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import threadpoolctl

    limiter = threadpoolctl.threadpool_limits(args.threads or 1, user_api="blas")
    started = time.perf_counter()
    rows = time_numpy()
    import keras
    import tensorflow as tf

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    print(header(tf), flush=True)
    print(f"NumPy BLAS threads while timing: {args.threads or 1}")
    time_keras(tf, keras, rows)
    print()
    print(table(rows))
    print()
    print(targets(rows))
    print(
        f"\n({time.perf_counter() - started:.0f} s; each time is the best of several runs; "
        f"NumPy = lstm_forward + lstm_backward, Keras = LSTM layer under a GradientTape + "
        f"tape.gradient)"
    )
    limiter.restore_original_limits()


if __name__ == "__main__":
    main()
