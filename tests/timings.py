"""A pytest plugin that records how long each test took, for the suite's timing report.

`tests/suite.py` loads it (`-p tests.timings`) and names the file to write in
`DL_NOTES_TIMINGS_FILE`. Under pytest-xdist the controller receives every worker's
reports, so it alone writes the file. Fixtures add their own measurements (the strict
build, the browser sweep) to `EXTRA`. Nothing here asserts on a time.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

#: Named durations measured inside the session (seconds), e.g. {"strict build": 24.1}.
EXTRA: dict[str, float] = {}

_durations: dict[str, float] = defaultdict(float)
_busy: dict[str, float] = defaultdict(
    float
)  # seconds in tests, per xdist worker ("main" without xdist)
_outcomes: dict[str, str] = {}
_started = time.time()


def pytest_runtest_logreport(report):
    _durations[report.nodeid] += report.duration
    gateway = getattr(getattr(report, "node", None), "gateway", None)
    _busy[getattr(gateway, "id", "main")] += report.duration
    if report.failed:
        outcome = "failed" if report.when == "call" else "error"
    elif report.skipped:
        outcome = "skipped"
    elif report.when == "call":
        outcome = "passed"
    else:  # a setup or teardown that passed says nothing new
        return
    if _outcomes.get(report.nodeid) not in ("failed", "error"):
        _outcomes[report.nodeid] = outcome


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("DL_NOTES_TIMINGS_FILE")
    if not target or hasattr(session.config, "workerinput"):  # an xdist worker
        return
    counts = defaultdict(int)
    for outcome in _outcomes.values():
        counts[outcome] += 1
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(
        json.dumps(
            {
                "wall_seconds": time.time() - _started,
                "exit_status": int(exitstatus),
                "counts": dict(counts),
                "tests": {
                    nodeid: {"seconds": round(_durations[nodeid], 3), "outcome": outcome}
                    for nodeid, outcome in _outcomes.items()
                },
                "extra": EXTRA,
                "busy_seconds_per_worker": {k: round(v, 1) for k, v in sorted(_busy.items())},
            },
            indent=1,
        )
    )
