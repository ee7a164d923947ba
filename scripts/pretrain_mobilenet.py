"""Pretrain the MobileNetV2 base that dl_notes ships: `make weights` runs this script.

The Course 4 transfer-learning lab (W2A2) starts from MobileNetV2 with ImageNet weights,
which cannot be downloaded here. This script makes the project's stand-in: a small
MobileNetV2 (alpha 0.35, 32x32x3 inputs) trained from seeded random weights on the
handwritten digits 0 to 4 (`dl_notes.tf.transfer.pretrain_base`), and saves the weights of
the source model (base + 5-unit output layer) to
`dl_notes/weights/mobilenet_v2_0.35_32_digits_0_4.weights.h5` (about 2 MB).

    python scripts/pretrain_mobilenet.py            # the shipped file: 40 epochs, minutes
    python scripts/pretrain_mobilenet.py --tiny --out /tmp/x.weights.h5   # seconds: a check

TensorFlow runs with deterministic ops, so a rerun on the same machine and TensorFlow
version gives the same weights; another CPU or version may differ in the last bits and,
through them, in a test image or two. After a rerun, update `SOURCE_TEST_ACCURACY` in
`dl_notes/tf/transfer.py` and the data page with the accuracy this script prints.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv=None):
    """Parse the options, pretrain, save; print the time, the file size and the accuracy."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the .weights.h5 file"
    )
    parser.add_argument("--epochs", type=int, default=40, help="passes over the 2,250 images")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--tiny", action="store_true", help="64 images, 1 epoch: checks the pipeline in seconds"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    import tensorflow as tf

    from dl_notes.tf import transfer

    tf.config.experimental.enable_op_determinism()
    out = args.out or transfer.WEIGHTS_DIR / transfer.WEIGHTS_FILE
    if not out.name.endswith(".weights.h5"):
        parser.error(f"--out must end with .weights.h5 (Keras' weights format), not {out.name!r}")

    def report(epoch, logs):
        print(
            f"epoch {epoch + 1:>3}: cost {logs['cost']:.4f}, "
            f"training accuracy {logs['accuracy']:.4f}  ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )

    options = {"num_epochs": 1, "max_examples": 64} if args.tiny else {"num_epochs": args.epochs}
    source_model, history, test_accuracy = transfer.pretrain_base(
        seed=args.seed, on_epoch_end=report, **options
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    source_model.save_weights(out)
    print(
        f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): training {history['seconds'][0]:.0f} s, "
        f"all {time.perf_counter() - started:.0f} s; test accuracy on digits 0-4 "
        f"{test_accuracy:.4f}"
    )
    return {"path": out, "seconds": history["seconds"][0], "test_accuracy": test_accuracy}


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
