"""Convolution and pooling: vectorised NumPy vs the lab's loops vs TensorFlow on the CPU.

    python -m benchmarks.conv              # the machine's default threads (as `make bench`)
    python -m benchmarks.conv --threads 1  # one BLAS and one TensorFlow thread

Times the forward and backward passes of `dl_notes.convolution` and `dl_notes.pooling`
(`conv_forward`, `conv_backward`, `pool_forward`, `pool_backward`: the vectorised ones), of
their loop versions (`*_loops`) and of `tf.nn.conv2d` / `tf.nn.max_pool2d` /
`tf.nn.avg_pool2d` with the same arrays, for the lab's shapes and for a realistic layer,
in float32 and float64. TensorFlow's backward pass is `GradientTape.gradient` of a
persistent tape (the input and filter gradients, and the bias's), so only the backward pass
is timed; padding is `tf.pad` then `"VALID"`, as in the tests.

Each time is the best of several runs (the machine is often shared: the best run is the
one least disturbed). The loop versions of the realistic layer are timed on the first
`LOOP_M` examples and scaled to the whole batch (they are linear in m); the table says so.
All NumPy timings run before the first TensorFlow operation, so TensorFlow's thread pool
cannot steal cycles from NumPy's, and the other way round. No test asserts on a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from dataclasses import dataclass, field

import numpy as np

from dl_notes import convolution as conv
from dl_notes import pooling as pool

#: The lab's conv layer and the realistic one: (name, A_prev shape, W shape, hparameters).
CONV_LAYERS = [
    ("conv, lab shapes", (2, 5, 7, 4), (3, 3, 4, 8), {"pad": 1, "stride": 2}),
    ("conv, m=64 28x28x8 -> 16", (64, 28, 28, 8), (3, 3, 8, 16), {"pad": 1, "stride": 1}),
]
#: Pooling after those layers: (name, A_prev shape, hparameters, mode).
POOL_LAYERS = [
    ("max pool, lab shapes", (2, 5, 5, 3), {"f": 3, "stride": 2}, "max"),
    ("avg pool, lab shapes", (2, 5, 5, 3), {"f": 3, "stride": 2}, "average"),
    ("max pool, m=64 28x28x16", (64, 28, 28, 16), {"f": 2, "stride": 2}, "max"),
    ("avg pool, m=64 28x28x16", (64, 28, 28, 16), {"f": 2, "stride": 2}, "average"),
]
DTYPES = (np.float32, np.float64)
#: The loop versions of a layer with more examples than this are timed on this many.
LOOP_M = 4
#: Seconds to spend on one measurement of a fast function (at least MIN_RUNS runs).
BUDGET = 0.4
MIN_RUNS = 5


def best_time(fn, budget=BUDGET, min_runs=MIN_RUNS, max_runs=500):
    """The fastest of repeated runs of `fn()`, in seconds (after one warm-up run)."""
    fn()
    times, spent = [], 0.0
    while len(times) < max_runs and (len(times) < min_runs or spent < budget):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return min(times)


@dataclass
class Row:
    layer: str
    dtype: str
    pass_: str
    fast: float
    loops: float
    loops_note: str
    tf: float = float("nan")
    checks: list = field(default_factory=list)


def _random(rng, shape, dtype):
    return rng.standard_normal(shape).astype(dtype)


def _loop_subset(A_prev, dZ):
    """The first LOOP_M examples, and the factor that scales their time to the whole batch."""
    m = A_prev.shape[0]
    if m <= LOOP_M:
        return A_prev, dZ, 1.0, ""
    return A_prev[:LOOP_M], dZ[:LOOP_M], m / LOOP_M, f"m={LOOP_M}, x{m // LOOP_M}"


def time_numpy(rng):
    """NumPy rows, fast and loops, forward and backward; also returns the arrays for TensorFlow."""
    rows, arrays = [], []
    for name, A_shape, W_shape, hp in CONV_LAYERS:
        for dtype in DTYPES:
            A_prev, W = _random(rng, A_shape, dtype), _random(rng, W_shape, dtype)
            b = _random(rng, (1, 1, 1, W_shape[3]), dtype)
            Z, cache = conv.conv_forward(A_prev, W, b, hp)
            dZ = _random(rng, Z.shape, dtype)
            A_sub, dZ_sub, scale, note = _loop_subset(A_prev, dZ)
            Z_sub, cache_sub = conv.conv_forward_loops(A_sub, W, b, hp)
            # The table is only worth something if the two versions agree.
            tol = 1e-4 if dtype == np.float32 else 1e-10
            np.testing.assert_allclose(Z_sub, Z[: len(A_sub)], rtol=tol, atol=tol)
            fwd = Row(
                name,
                dtype.__name__,
                "forward",
                best_time(lambda: conv.conv_forward(A_prev, W, b, hp)),
                best_time(lambda: conv.conv_forward_loops(A_sub, W, b, hp), budget=0, min_runs=1)
                * scale,
                note,
            )
            bwd = Row(
                name,
                dtype.__name__,
                "backward",
                best_time(lambda: conv.conv_backward(dZ, cache)),
                best_time(lambda: conv.conv_backward_loops(dZ_sub, cache_sub), budget=0, min_runs=1)
                * scale,
                note,
            )
            rows += [fwd, bwd]
            grads = conv.conv_backward(dZ, cache)
            arrays.append(("conv", fwd, bwd, (A_prev, W, b, hp, Z, dZ, grads)))
    for name, A_shape, hp, mode in POOL_LAYERS:
        for dtype in DTYPES:
            A_prev = _random(rng, A_shape, dtype)
            A, cache = pool.pool_forward(A_prev, hp, mode)
            dA = _random(rng, A.shape, dtype)
            A_sub, dA_sub, scale, note = _loop_subset(A_prev, dA)
            A_loops, cache_sub = pool.pool_forward_loops(A_sub, hp, mode)
            np.testing.assert_allclose(A_loops, A[: len(A_sub)], rtol=1e-6, atol=1e-6)
            fwd = Row(
                name,
                dtype.__name__,
                "forward",
                best_time(lambda: pool.pool_forward(A_prev, hp, mode)),
                best_time(lambda: pool.pool_forward_loops(A_sub, hp, mode), budget=0, min_runs=1)
                * scale,
                note,
            )
            bwd = Row(
                name,
                dtype.__name__,
                "backward",
                best_time(lambda: pool.pool_backward(dA, cache, mode)),
                best_time(
                    lambda: pool.pool_backward_loops(dA_sub, cache_sub, mode), budget=0, min_runs=1
                )
                * scale,
                note,
            )
            rows += [fwd, bwd]
            arrays.append(
                ("pool", fwd, bwd, (A_prev, hp, mode, A, dA, pool.pool_backward(dA, cache, mode)))
            )
    return rows, arrays


def time_tensorflow(tf, arrays):
    """Fill in the TensorFlow column, after checking TensorFlow computes the same numbers."""
    for kind, fwd, bwd, data in arrays:
        tol = 1e-3 if fwd.dtype == "float32" else 1e-9
        if kind == "conv":
            A_prev, W, b, hp, Z, dZ, grads = data
            p, s = hp["pad"], hp["stride"]
            paddings = [[0, 0], [p, p], [p, p], [0, 0]]
            A_t, W_t, b_t, dZ_t = (tf.constant(x) for x in (A_prev, W, b.reshape(-1), dZ))

            def forward(A_t=A_t, W_t=W_t, b_t=b_t, paddings=paddings, s=s):
                return tf.nn.conv2d(tf.pad(A_t, paddings), W_t, strides=s, padding="VALID") + b_t

            variables = [tf.Variable(x) for x in (A_prev, W, b.reshape(-1))]
            with tf.GradientTape(persistent=True) as tape:
                Z_t = (
                    tf.nn.conv2d(
                        tf.pad(variables[0], paddings), variables[1], strides=s, padding="VALID"
                    )
                    + variables[2]
                )
            expected_forward, expected_grads = Z, grads
        else:
            A_prev, hp, mode, A, dA, dA_prev = data
            op = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
            A_t, dZ_t = tf.constant(A_prev), tf.constant(dA)

            def forward(A_t=A_t, op=op, hp=hp):
                return op(A_t, ksize=hp["f"], strides=hp["stride"], padding="VALID")

            variables = [tf.Variable(A_prev)]
            with tf.GradientTape(persistent=True) as tape:
                Z_t = op(variables[0], ksize=hp["f"], strides=hp["stride"], padding="VALID")
            expected_forward, expected_grads = A, (dA_prev,)

        def backward(tape=tape, Z_t=Z_t, variables=variables, dZ_t=dZ_t):
            return [g.numpy() for g in tape.gradient(Z_t, variables, output_gradients=dZ_t)]

        np.testing.assert_allclose(forward().numpy(), expected_forward, rtol=tol, atol=tol)
        for ours, theirs in zip(expected_grads, backward()):
            np.testing.assert_allclose(np.reshape(ours, theirs.shape), theirs, rtol=tol, atol=tol)
        fwd.tf = best_time(lambda: forward().numpy())
        bwd.tf = best_time(backward)


def header(tf):
    import threadpoolctl

    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (1, 5, 15 min)",
        f"python {platform.python_version()}, numpy {np.__version__}, tensorflow {tf.__version__}",
    ]
    for pool_info in threadpoolctl.threadpool_info():
        lines.append(
            "threadpoolctl: "
            + ", ".join(
                f"{k}={pool_info.get(k)}"
                for k in (
                    "user_api",
                    "internal_api",
                    "version",
                    "num_threads",
                    "threading_layer",
                    "architecture",
                )
                if pool_info.get(k) is not None
            )
        )
    intra = tf.config.threading.get_intra_op_parallelism_threads()
    inter = tf.config.threading.get_inter_op_parallelism_threads()
    lines.append(
        f"tensorflow threads: intra-op {intra}, inter-op {inter} (0 = TensorFlow's "
        f"default, one per core); oneDNN "
        f"{os.environ.get('TF_ENABLE_ONEDNN_OPTS', 'default (on for x86 Linux)')}"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        in (
            "OMP_NUM_THREADS",
            "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS",
            "TF_NUM_INTRAOP_THREADS",
            "TF_NUM_INTEROP_THREADS",
        )
    }
    lines.append(f"thread variables: {env or 'none set'}")
    return "\n".join(lines)


def table(rows):
    head = (
        "layer",
        "dtype",
        "pass",
        "fast ms",
        "loops ms",
        "TF ms",
        "loops/fast",
        "fast/TF",
        "loops timed on",
    )
    body = [
        (
            r.layer,
            r.dtype,
            r.pass_,
            f"{r.fast * 1e3:.3f}",
            f"{r.loops * 1e3:.1f}",
            f"{r.tf * 1e3:.3f}",
            f"{r.loops / r.fast:.0f}x",
            f"{r.fast / r.tf:.2f}",
            r.loops_note or "all m",
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    right = {3, 4, 5, 6, 7}

    def fmt(cells):
        return (
            "| "
            + " | ".join(
                c.rjust(w) if i in right else c.ljust(w)
                for i, (c, w) in enumerate(zip(cells, widths))
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return "\n".join([fmt(head), rule, *(fmt(b) for b in body)])


def targets(rows):
    """The goals, for the realistic layers (m=64): fast >= 100x the loops; float32 conv within
    2x (forward) and 3x (backward) of TensorFlow. The lab's tiny shapes take microseconds, and
    there fixed per-call costs (checks, views, TensorFlow's eager dispatch) dominate."""
    lines = []
    realistic = [r for r in rows if "m=64" in r.layer]
    worst = min(realistic, key=lambda r: r.loops / r.fast)
    ok = worst.loops / worst.fast >= 100
    lines.append(
        f"{'met ' if ok else 'MISS'}  fast >= 100x loops (m=64 layers): lowest "
        f"{worst.loops / worst.fast:.0f}x ({worst.layer}, {worst.dtype}, {worst.pass_})"
    )
    for r in rows:
        if r.layer == CONV_LAYERS[1][0] and r.dtype == "float32":
            goal = 2.0 if r.pass_ == "forward" else 3.0
            ok = r.fast / r.tf <= goal
            lines.append(
                f"{'met ' if ok else 'MISS'}  float32 conv {r.pass_} within {goal:.0f}x "
                f"of tf.nn.conv2d: {r.fast / r.tf:.2f}x ({r.fast * 1e3:.2f} ms vs "
                f"{r.tf * 1e3:.2f} ms)"
            )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="limit BLAS (threadpoolctl) and TensorFlow to this many threads "
        "(default: the machine's default)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    limiter = None
    if args.threads:
        import threadpoolctl

        limiter = threadpoolctl.threadpool_limits(args.threads)
    import tensorflow as tf

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    print(header(tf), flush=True)
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    rows, arrays = time_numpy(rng)
    time_tensorflow(tf, arrays)
    print()
    print(table(rows))
    print()
    print(targets(rows))
    print(
        f"\n({time.perf_counter() - started:.0f} s; each time is the best of several runs; "
        f"fast = conv_forward/conv_backward/pool_forward/pool_backward, loops = their *_loops "
        f"versions)"
    )
    if limiter is not None:
        limiter.restore_original_limits()


if __name__ == "__main__":
    main()
