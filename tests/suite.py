"""The suite's driver: `make test` and `make check` run it, and it prints the timing report.

    python -m tests.suite test     # everything: labs, unit tests, snippets, build, browser
    python -m tests.suite check    # the quick loop: unit, gradient, doctest and snippet tests
    python -m tests.suite execute [DIR..]
                                   # only the stale labs below DIR (default docs/), in parallel
    python -m tests.suite site     # only the build, the site checks and the browser tests,
                                   # from labs already executed (a stale lab fails the build)

`execute` and `site` are the halves the Pages workflow runs in separate jobs (one `execute`
job per course, then one `site` job on their executed copies); `test` runs them with
`check` on one machine.

`test` runs in two pytest sessions:

1. **in parallel** (pytest-xdist, one process per core): the labs whose executed copy is
   stale (`docs/hooks/notebooks.py stage` says which, and why), longest first, then the
   unit, gradient, bad-input and drift tests, the doc snippets and the doctests. Each
   process runs one BLAS and one TensorFlow thread, so two of them don't oversubscribe
   two cores;
2. **the site**: the strict build (which finds every lab executed and executes nothing),
   the checks of the built HTML, the per-lab time budget and the browser tests (whose
   sweep spreads the pages over its own worker processes).

Each session writes its measurements; this driver merges them into
`test-output/timings.json`, prints a short table, and ends with one line
`suite: N passed, N failed, N skipped` counting both sessions. No test asserts on a time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
HOOK = ROOT / "docs" / "hooks" / "notebooks.py"
SITE_TESTS = ["tests/test_site.py", "tests/test_browser.py"]
#: Seconds one notebook cell may run in the tests (also nbmake's limit).
CELL_TIMEOUT = os.environ.get("CELL_TIMEOUT", "120")
THREADS = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
}
COMMON = ["-p", "tests.timings", "-p", "no:cacheprovider", "-q", "--durations=15"]
#: Work stealing: a worker that runs out of tests takes the last ones queued for the other, so
#: a long lab at the front of one queue does not leave the other core idle at the end.
DIST = ["--dist", "worksteal"]
UNIT = [
    "tests",
    "docs",
    "dl_notes",
    "--markdown-docs",
    "--markdown-docs-syntax=superfences",
    "--doctest-modules",
    "--ignore=docs/hooks",
    "--ignore-glob=docs/**/*.ipynb",
    *[f"--ignore={t}" for t in SITE_TESTS],
]


WHAT = {
    "test": "labs, tests, build and browser",
    "check": "no labs, build or browser",
    "execute": "labs only",
    "site": "build, site checks and browser only",
}


def _hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("notebooks_hook", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _workers() -> str:
    return os.environ.get("DL_NOTES_WORKERS", str(min(2, os.cpu_count() or 1)))


def _pytest(args: list[str], phase: str, extra_env: dict[str, str]) -> dict:
    target = OUTPUT / f"timings-{phase}.json"
    target.unlink(missing_ok=True)
    env = dict(os.environ, DL_NOTES_TIMINGS_FILE=str(target), **extra_env)
    print(
        f"\n=== {phase}: pytest {' '.join(a for a in args if not a.startswith('.cache'))[:300]}",
        flush=True,
    )
    code = subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env).returncode
    if target.exists():
        result = json.loads(target.read_text())
    else:  # pytest died before its session finished
        result = {"wall_seconds": 0, "counts": {}, "tests": {}, "extra": {}}
    result["exit_code"] = code
    return result


def _group(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        return "labs"
    if path.startswith("docs/"):
        return "doc snippets"
    if path.startswith("dl_notes/"):
        return "doctests"
    if path == "tests/test_site.py":
        return "build and site checks"
    if path == "tests/test_browser.py":
        return "browser tests"
    return "unit tests"


def _venv_line(started: float) -> tuple[float | None, str]:
    """The venv's creation time, and whether make created it just before this run."""
    record = ROOT / ".venv" / ".install-seconds"
    if not record.exists():
        return None, "not measured"
    fresh = started - record.stat().st_mtime < 60
    return float(
        record.read_text().strip() or 0
    ), "created this run" if fresh else "reused (last creation)"


def main(argv: list[str]) -> int:
    mode, dirs = (argv[0], argv[1:]) if argv else ("test", [])
    if mode not in ("test", "check", "execute", "site") or (dirs and mode != "execute"):
        print(__doc__, file=sys.stderr)
        return 2
    started = time.time()
    venv = _venv_line(started)
    OUTPUT.mkdir(exist_ok=True)
    hook = _hook()
    labs: dict[str, dict] = {}
    staged: list[Path] = []
    if mode in ("test", "execute"):
        lines: list[str] = []
        notebooks = hook.all_notebooks([ROOT / d for d in dirs] or None)
        staged = hook.stage(notebooks, report=lines.append)
        print(
            f"labs: {len(staged)} of {len(notebooks)} to "
            f"execute; the rest are cached in .cache/executed/"
        )
        print("\n".join(lines), flush=True)
        staged.sort(key=lambda p: -(_last_seconds(hook, p) or 1e9))  # longest first
        for nb in notebooks:
            labs[str(nb.relative_to(ROOT / "docs").with_suffix(""))] = {"executed": False}

    phases = {}
    first = [str(p.relative_to(ROOT)) for p in staged]
    if staged:
        first += ["--nbmake", f"--nbmake-timeout={CELL_TIMEOUT}", "--overwrite"]
    if mode in ("test", "check"):
        first += UNIT
    if first:
        phases["parallel"] = _pytest(
            [*COMMON, "-n", _workers(), *DIST, *first], "parallel", THREADS
        )
    if mode in ("test", "site"):
        phases["site"] = _pytest([*COMMON, *SITE_TESTS], "site", {"DL_NOTES_NO_EXECUTE": "1"})
    if not phases:
        print("labs: nothing to execute")
        return 0

    report = _report(mode, hook, labs, phases, started, venv)
    (OUTPUT / "timings.json").write_text(json.dumps(report, indent=1))
    _print(report)
    return max(p["exit_code"] for p in phases.values())


def _last_seconds(hook, staged: Path) -> float | None:
    """How long the previous execution of a staged lab took, to start the longest first."""
    name = staged.name
    stem = staged.parent.name.rsplit("-", 1)[0]
    copies = [p for p in hook.CACHE.glob(f"{stem}-*/{name}") if p != staged and hook.is_complete(p)]
    if not copies:
        return None
    return hook.executed_seconds(max(copies, key=lambda p: p.stat().st_mtime))


def _report(mode, hook, labs, phases, started, venv) -> dict:
    groups: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for phase in phases.values():
        for outcome, n in phase["counts"].items():
            counts[outcome] = counts.get(outcome, 0) + n
        for nodeid, test in phase["tests"].items():
            g = groups.setdefault(_group(nodeid), {"tests": 0, "seconds": 0.0})
            g["tests"] += 1
            g["seconds"] = round(g["seconds"] + test["seconds"], 2)
            if nodeid.split("::")[0].endswith(".ipynb"):
                executed = ROOT / nodeid.split("::")[0]
                source = next(
                    nb for nb in hook.all_notebooks() if nb.name == executed.name
                )  # names are unique
                key = str(source.relative_to(ROOT / "docs").with_suffix(""))
                labs[key] = {
                    "executed": True,
                    "seconds": round(test["seconds"], 1),
                    "outcome": test["outcome"],
                }
    for nb in hook.all_notebooks() if mode in ("test", "site") else []:
        entry = labs.setdefault(
            str(nb.relative_to(ROOT / "docs").with_suffix("")), {"executed": False}
        )
        copy = hook.executed_path(nb)
        if copy.exists() and hook.is_complete(copy):
            entry["cells_seconds"] = round(hook.executed_seconds(copy) or 0, 1)
    venv, venv_note = venv
    extra = {k: v for p in phases.values() for k, v in p["extra"].items()}
    return {
        "mode": mode,
        "venv_seconds": venv,
        "venv": venv_note,
        "phases": {name: round(p["wall_seconds"], 1) for name, p in phases.items()},
        "busy_seconds_per_worker": {
            name: p.get("busy_seconds_per_worker", {}) for name, p in phases.items()
        },
        "workers": int(_workers()),
        "labs": labs,
        "groups": groups,
        "extra": extra,
        "counts": counts,
        "suite_seconds": round(time.time() - started, 1),
        "since_ci_start_seconds": (
            round(time.time() - float(os.environ["DL_NOTES_T0"]), 1)
            if os.environ.get("DL_NOTES_T0")
            else None
        ),
    }


def _print(r: dict) -> None:
    rows = []
    if r["venv_seconds"] is not None:
        rows.append(("venv", r["venv_seconds"], r["venv"]))
    for name, lab in sorted(r["labs"].items()):
        if lab.get("executed"):
            rows.append((f"  lab {name}", lab["seconds"], f"executed ({lab['outcome']})"))
        else:
            rows.append(
                (
                    f"  lab {name}",
                    lab.get("cells_seconds"),
                    "cached (its cells' time when executed)",
                )
            )
    for name in (
        "labs",
        "unit tests",
        "doc snippets",
        "doctests",
        "build and site checks",
        "browser tests",
    ):
        g = r["groups"].get(name)
        if g:
            rows.append(
                (
                    name,
                    g["seconds"],
                    f"{g['tests']} items, summed over {r['workers']} workers"
                    if name not in ("build and site checks", "browser tests")
                    else f"{g['tests']} tests",
                )
            )
    for name, seconds in r["extra"].items():
        rows.append((name, seconds, ""))
    for name, seconds in r["phases"].items():
        busy = r["busy_seconds_per_worker"].get(name, {})
        note = ", ".join(f"{w} busy {b:.0f} s" for w, b in busy.items()) if len(busy) > 1 else ""
        rows.append((f"pytest session '{name}' (wall)", seconds, note))
    rows.append(("suite total (wall)", r["suite_seconds"], WHAT[r["mode"]]))
    if r["since_ci_start_seconds"] is not None:
        rows.append(
            ("since .ci/run started (wall)", r["since_ci_start_seconds"], "apt, venv and suite")
        )
    print("\n=== timings (seconds), also in test-output/timings.json")
    for name, seconds, note in rows:
        shown = f"{seconds:8.1f}" if isinstance(seconds, (int, float)) else "       -"
        print(f"{shown}  {name:<58} {note}")
    c = r["counts"]
    failed = c.get("failed", 0) + c.get("error", 0)
    print(
        f"\nsuite: {c.get('passed', 0)} passed, {failed} failed, {c.get('skipped', 0)} skipped",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
