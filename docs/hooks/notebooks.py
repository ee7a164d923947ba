"""Render every lab from an executed copy, cached by what the lab depends on.

Notebook sources in git carry no outputs. The site shows each lab *with* its outputs, so
something has to execute it; this hook does, and keeps the executed copy in
`.cache/executed/<stem>-<key>/<name>.ipynb`, where `key` hashes

- the notebook's own bytes,
- the `dl_notes` modules the lab reaches: the ones its code cells import, then the ones
  those modules import, transitively, with their parent packages (`dl_notes/__init__.py`,
  `dl_notes/tf/__init__.py`). The imports are read from the source with `ast`, nothing is
  imported, so an import inside a function counts too;
- any data file shipped inside `dl_notes/` (weights, corpora): every lab's key has them;
- the pinned environment (`requirements/lock.txt`).

An edit to `dl_notes/strategy.py` then gives a new key only to the labs that reach
`strategy`, and an unchanged tree starts `mkdocs serve` without executing anything.
(mkdocs-jupyter's own cache is keyed on the notebook's bytes only, and would keep showing
outputs of an old package.) Each cache folder keeps `inputs.json`, the hash of every file
in its key, so that a re-execution can say which file changed.

The same cache is filled by the test suite: `python docs/hooks/notebooks.py stage [DIR ...]`
copies each stale notebook (below DIR, default all of docs/) to its cache path, prints
those paths, and says on stderr why each one is stale; `pytest --nbmake --overwrite` then
executes them in place. The build finds them complete and executes nothing. With
`DL_NOTES_NO_EXECUTE=1` (the Pages workflow's build job, which downloads executed copies)
a stale lab fails the build instead of executing.

The reader's download link offers the clean source notebook, not the executed copy.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CACHE = ROOT / ".cache" / "executed"
PACKAGE = "dl_notes"
#: Seconds one cell may run before the execution fails (the same limit nbmake gets in the tests).
CELL_TIMEOUT = 300
#: One BLAS and one TensorFlow thread per executing lab: labs run two at a time on two cores.
THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
}

log = logging.getLogger("mkdocs.hooks.notebooks")


# --- what a lab depends on ---------------------------------------------------------


def _module_file(name: str) -> Path | None:
    """`dl_notes.tf.intro` -> dl_notes/tf/intro.py (or .../intro/__init__.py); None if no such
    module."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str, current: str = "") -> set[str]:
    """The `dl_notes` modules that `source` imports, anywhere in it (read with `ast`).

    `current` is the dotted name of the module the source belongs to, for relative imports.
    `from dl_notes import lab` names the module `dl_notes.lab`; `from dl_notes.losses import
    one_hot` names `dl_notes.losses`. Raises SyntaxError if the source does not parse.
    """
    tree = ast.parse(source)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..data import y
                is_package = (
                    _module_file(current) is not None
                    and _module_file(current).name == "__init__.py"
                )
                parts = current.split(".")[: len(current.split(".")) - node.level + is_package]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] != PACKAGE:
                continue
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if _module_file(f"{base}.{a.name}")}
    return {name for name in found if _module_file(name)}


def _with_parents(names: set[str]) -> set[str]:
    """Importing `dl_notes.tf.intro` runs `dl_notes` and `dl_notes.tf` first."""
    out = set(names)
    for name in names:
        parts = name.split(".")
        out |= {".".join(parts[:i]) for i in range(1, len(parts))}
    return out


@cache
def _module_imports(path: Path, mtime_ns: int, name: str) -> frozenset[str]:
    return frozenset(imported_modules(path.read_text(encoding="utf-8"), current=name))


def module_closure(names: set[str]) -> set[str]:
    """Every `dl_notes` module that importing `names` runs, transitively."""
    seen, todo = set(), list(_with_parents(names))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        todo += sorted(
            _with_parents(set(_module_imports(path, path.stat().st_mtime_ns, name))) - seen
        )
    return seen


def _code_cells(notebook: Path) -> list[str]:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def notebook_imports(notebook: Path) -> set[str]:
    """The `dl_notes` modules a notebook's code cells import directly.

    IPython lines (`%magic`, `!shell`) are left out. A cell that does not parse makes the
    lab depend on the whole package, so that a mistake cannot hide a dependency.
    """
    found = set()
    for cell in _code_cells(notebook):
        source = "\n".join(
            line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        try:
            found |= imported_modules(source)
        except SyntaxError:
            return {
                PACKAGE + "." + ".".join(p.relative_to(ROOT / PACKAGE).with_suffix("").parts)
                for p in (ROOT / PACKAGE).rglob("*.py")
                if p.name != "__init__.py"
            } | {PACKAGE}
    return found


def package_data_files() -> list[Path]:
    """Files inside the package that are not Python source (weights, corpora): in every key."""
    return sorted(
        p
        for p in (ROOT / PACKAGE).rglob("*")
        if p.is_file()
        and p.suffix not in (".py", ".pyc")
        and "__pycache__" not in p.parts
        and p.name != "py.typed"
    )


def dependencies(notebook: Path) -> list[Path]:
    """Every file outside the notebook whose content its outputs depend on, sorted."""
    return module_files(module_closure(notebook_imports(notebook)))


def module_files(modules: set[str]) -> list[Path]:
    """The files of `modules`, the package's data files and the lock file."""
    files = {_module_file(m) for m in modules} | set(package_data_files())
    return sorted(files) + [ROOT / "requirements" / "lock.txt"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs(notebook: Path) -> dict[str, str]:
    """`{path relative to the repository: sha256}` for the notebook and everything it depends on."""
    files = [notebook] + dependencies(notebook)
    return {str(p.relative_to(ROOT)): _digest(p) for p in files}


def source_inputs(source: str) -> dict[str, str]:
    """The same for a piece of Python source (a fence that runs at build time)."""
    try:
        modules = module_closure(imported_modules(source))
    except SyntaxError:
        modules = module_closure({PACKAGE})
    return {str(p.relative_to(ROOT)): _digest(p) for p in module_files(modules)}


def executed_path(notebook: Path) -> Path:
    """Where the executed copy of `notebook` lives for the current content."""
    h = hashlib.sha256(json.dumps(inputs(notebook), sort_keys=True).encode())
    return CACHE / f"{notebook.stem}-{h.hexdigest()[:16]}" / notebook.name


# --- the cache ---------------------------------------------------------------------


def is_complete(path: Path) -> bool:
    """True when every code cell of `path` has run and none raised."""
    if not path.exists():
        return False
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        if cell.get("execution_count") is None:
            return False
        if any(out.get("output_type") == "error" for out in cell.get("outputs", [])):
            return False
    return True


def executed_seconds(path: Path) -> float | None:
    """How long the executed copy at `path` took: first cell started to last cell done.

    Read from the per-cell timestamps that nbclient records (`metadata.execution`), so it is
    known for a cached copy too. Kernel start-up is not included. None without timestamps.
    """
    from datetime import datetime

    nb = json.loads(path.read_text(encoding="utf-8"))
    starts, ends = [], []
    for cell in nb["cells"]:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            starts.append(
                datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
            )
            ends.append(
                datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
            )
    return (max(ends) - min(starts)).total_seconds() if starts else None


def all_notebooks(under: list[Path] | None = None) -> list[Path]:
    """Every notebook below the folders `under` (default: all of docs/)."""
    folders = [Path(u).resolve() for u in under] if under else [DOCS]
    return sorted(
        {
            p
            for folder in folders
            for p in folder.rglob("*.ipynb")
            if ".ipynb_checkpoints" not in p.parts
        }
    )


def _previous_inputs(notebook: Path, current: Path) -> dict[str, str] | None:
    """The inputs of the newest other complete executed copy of the same notebook, if any."""
    pattern = re.compile(re.escape(notebook.stem) + r"-[0-9a-f]{16}")
    candidates = [
        d
        for d in CACHE.glob(f"{notebook.stem}-*")
        if pattern.fullmatch(d.name)
        and d != current.parent
        and (d / "inputs.json").exists()
        and is_complete(d / notebook.name)
    ]
    if not candidates:
        return None
    newest = max(candidates, key=lambda d: (d / notebook.name).stat().st_mtime)
    return json.loads((newest / "inputs.json").read_text())


def why_stale(notebook: Path, target: Path, now: dict[str, str]) -> str:
    """A short reason for re-executing `notebook`: which of its inputs changed since the last
    copy."""
    if target.exists():
        return "its last execution failed or did not finish"
    before = _previous_inputs(notebook, target)
    if before is None:
        return "never executed here"
    changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
    shown = ", ".join(changed[:4]) + (f" and {len(changed) - 4} more" if len(changed) > 4 else "")
    return f"changed: {shown}"


def stage(notebooks: list[Path], report=None) -> list[Path]:
    """Copy each notebook whose executed copy is missing or incomplete to its cache path.

    Returns the staged paths. `report(line)` is told, for each notebook, whether it is
    cached or why it is stale.
    """
    stale = []
    for nb in notebooks:
        now = inputs(nb)
        target = executed_path(nb)
        if is_complete(target):
            if report:
                report(f"  cached    {nb.relative_to(DOCS)}")
            continue
        if report:
            report(f"  execute   {nb.relative_to(DOCS)}  ({why_stale(nb, target, now)})")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(nb, target)
        (target.parent / "inputs.json").write_text(json.dumps(now, indent=1, sort_keys=True))
        stale.append(target)
    return stale


def execute(path: Path) -> None:
    """Execute the notebook at `path` in place, in its own folder; raise if a cell fails."""
    import nbformat
    from nbclient import NotebookClient

    os.environ.update({k: os.environ.get(k, v) for k, v in THREAD_ENV.items()})
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    finally:
        nbformat.write(nb, path)


def ensure_executed(notebooks: list[Path]) -> dict[Path, Path]:
    """Return `{source: executed copy}`, executing the stale ones (two at a time)."""
    targets = {nb: executed_path(nb) for nb in notebooks}
    todo = [nb for nb, target in targets.items() if not is_complete(target)]
    if todo and os.environ.get("DL_NOTES_NO_EXECUTE"):
        names = ", ".join(str(nb.relative_to(DOCS)) for nb in todo)
        raise RuntimeError(
            f"DL_NOTES_NO_EXECUTE is set, but these labs have "
            f"no executed copy for the current content: {names}"
        )
    stale = stage(todo, report=log.info)
    if stale:
        log.info("Executing %d notebook(s); unchanged ones come from %s", len(stale), CACHE)
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(execute, stale))
    return targets


# --- mkdocs events -------------------------------------------------------------------

_sources: dict[str, Path] = {}


def on_files(files, config):
    notebooks = {Path(f.abs_src_path): f for f in files if f.src_uri.endswith(".ipynb")}
    executed = ensure_executed(sorted(notebooks))
    for source, file in notebooks.items():
        # mkdocs-jupyter wraps notebook files; `abs_src_path` is a cached property, so set it
        # on the wrapper (which renders the page) and on the wrapped file alike.
        file.abs_src_path = str(executed[source])
        getattr(file, "file", file).abs_src_path = str(executed[source])
        _sources[file.src_uri] = source
    return files


def on_post_page(output, page, config):
    source = _sources.get(page.file.src_uri)
    if source is not None:
        # Offer the clean source beside the page: the download link is relative to it.
        target = Path(page.file.abs_dest_path).parent / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return output


def main(argv: list[str]) -> int:
    """`stage [DIR ...]`: stage the stale labs, print their paths, say why on stderr."""
    if not argv or argv[0] != "stage":
        print("usage: python docs/hooks/notebooks.py stage [DIR ...]", file=sys.stderr)
        return 2
    notebooks = all_notebooks([Path(d) for d in argv[1:]])
    lines: list[str] = []
    staged = stage(notebooks, report=lines.append)
    print(
        f"labs: {len(staged)} of {len(notebooks)} to "
        f"execute, the rest from {CACHE.relative_to(ROOT)}/",
        file=sys.stderr,
    )
    print("\n".join(lines), file=sys.stderr)
    for path in staged:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
