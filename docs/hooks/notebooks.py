"""Render every lab from an executed copy, cached by content.

Notebook sources in git carry no outputs. The site shows each lab *with* its outputs, so
something has to execute it; this hook does, and keeps the executed copy in
`.cache/executed/<stem>-<key>/<name>.ipynb`, where `key` hashes

- the notebook's own bytes,
- every file of the `dl_notes` package, and
- the pinned environment (`requirements/lock.txt`).

A change to any of them gives a new key, so an edit to dl_notes re-executes the labs that
might show it, and an unchanged tree starts `mkdocs serve` without executing anything.
(mkdocs-jupyter's own cache is keyed on the notebook's bytes only, and would keep showing
outputs of an old package.)

The same cache is filled by the test suite: `python docs/hooks/notebooks.py stage` copies
each stale notebook to its cache path and prints those paths, and `pytest --nbmake
--overwrite` executes them in place. The build then finds them complete and executes
nothing, so CI runs every lab once.

The reader's download link offers the clean source notebook, not the executed copy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
CACHE = ROOT / ".cache" / "executed"
#: Seconds one cell may run before the execution fails (the same limit nbmake gets in the tests).
CELL_TIMEOUT = 300

log = logging.getLogger("mkdocs.hooks.notebooks")


def environment_digest() -> str:
    """Hash of everything outside a notebook that its outputs depend on."""
    h = hashlib.sha256()
    files = sorted((ROOT / "dl_notes").rglob("*.py")) + [ROOT / "requirements" / "lock.txt"]
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def executed_path(notebook: Path, env: str | None = None) -> Path:
    """Where the executed copy of `notebook` lives for the current content."""
    h = hashlib.sha256(notebook.read_bytes())
    h.update((env or environment_digest()).encode())
    return CACHE / f"{notebook.stem}-{h.hexdigest()[:16]}" / notebook.name


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


def all_notebooks() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def stage(notebooks: list[Path]) -> list[Path]:
    """Copy each notebook whose executed copy is missing or incomplete to its cache path."""
    env = environment_digest()
    stale = []
    for nb in notebooks:
        target = executed_path(nb, env)
        if not is_complete(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(nb, target)
            stale.append(target)
    return stale


def execute(path: Path) -> None:
    """Execute the notebook at `path` in place, in its own folder; raise if a cell fails."""
    import nbformat
    from nbclient import NotebookClient

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
    env = environment_digest()
    targets = {nb: executed_path(nb, env) for nb in notebooks}
    stale = stage([nb for nb, target in targets.items() if not is_complete(target)])
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


if __name__ == "__main__":
    if sys.argv[1:] != ["stage"]:
        sys.exit("usage: python docs/hooks/notebooks.py stage")
    for path in stage(all_notebooks()):
        print(path.relative_to(ROOT))
