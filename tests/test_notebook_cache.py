"""The lab execution cache (docs/hooks/notebooks.py): keyed on exactly what each lab reaches.

A lab's key hashes its own bytes, the `dl_notes` modules it reaches through imports (read
statically), the package's data files and the lock file. These tests hold the static import
graph against what importing a lab's cells really loads, and check that an edit re-executes
exactly the labs that reach the edited module.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _hook():
    spec = importlib.util.spec_from_file_location("notebooks_hook", DOCS / "hooks" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOOK = _hook()
LABS = HOOK.all_notebooks()


def _notebook(path: Path, *cells: str) -> Path:
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": textwrap.dedent(c),
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            }
            for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb))
    return path


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A small package `dl_notes` in a folder of its own, with the hook pointed at it."""
    pkg = tmp_path / "dl_notes"
    (pkg / "tf").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "_checks.py": "import numpy as np\n",
        "activations.py": "from dl_notes._checks import as_array\n",
        "losses.py": "import numpy as np\n",
        "deep.py": (
            "from dl_notes.activations import relu\n\ndef f():\n    from dl_notes import losses\n"
        ),
        "strategy.py": "import operator\n",
        "unused.py": "x = 1\n",
        "tf/__init__.py": "import os\n",
        "tf/intro.py": "from .. import activations\nfrom . import helpers\n",
        "tf/helpers.py": "from ..strategy import select_model\n",
    }
    for name, text in files.items():
        (pkg / name).write_text(text)
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "lock.txt").write_text("numpy==2\n")
    (tmp_path / "docs").mkdir()
    monkeypatch.setattr(HOOK, "ROOT", tmp_path)
    monkeypatch.setattr(HOOK, "DOCS", tmp_path / "docs")
    monkeypatch.setattr(HOOK, "CACHE", tmp_path / ".cache" / "executed")
    return tmp_path


def _names(modules):
    return sorted(m.removeprefix("dl_notes.") for m in modules)


def test_static_imports_follow_every_form_of_import(tree):
    nb = _notebook(
        tree / "docs" / "lab.ipynb",
        "from dl_notes import deep\n%matplotlib inline\n!ls",
        "import dl_notes.tf.intro as intro",
    )
    assert _names(HOOK.notebook_imports(nb)) == ["deep", "dl_notes", "tf.intro"]
    closure = HOOK.module_closure(HOOK.notebook_imports(nb))
    # deep -> activations -> _checks; deep's function-level import of losses counts too;
    # tf.intro -> activations (relative ..), helpers (relative .) -> strategy; parents dl_notes, tf.
    assert _names(closure) == [
        "_checks",
        "activations",
        "deep",
        "dl_notes",
        "losses",
        "strategy",
        "tf",
        "tf.helpers",
        "tf.intro",
    ]
    files = {str(p.relative_to(tree)) for p in HOOK.dependencies(nb)}
    assert "dl_notes/__init__.py" in files and "dl_notes/tf/__init__.py" in files
    assert "dl_notes/unused.py" not in files and "requirements/lock.txt" in files


def test_a_package_and_its_relative_imports(tree):
    """`dl_notes.data` as a package: its `__init__` re-exports from submodules with relative
    imports."""
    data = tree / "dl_notes" / "data"
    data.mkdir()
    files = {
        "__init__.py": (
            "from .planar import load_moons\nfrom . import images\nfrom .images import *\n"
        ),
        "_common.py": "from .. import _checks\n",
        "planar.py": "from ._common import _require\n",
        "images.py": "from dl_notes.data._common import _require\n",
        "unused.py": "x = 1\n",
    }
    for name, text in files.items():
        (data / name).write_text(text)
    # importing the package runs its __init__, which imports its submodules
    assert _names(HOOK.module_closure({"dl_notes.data"})) == [
        "_checks",
        "data",
        "data._common",
        "data.images",
        "data.planar",
        "dl_notes",
    ]
    nb = _notebook(tree / "docs" / "lab.ipynb", "from dl_notes.data import load_moons")
    assert _names(HOOK.notebook_imports(nb)) == ["data"]
    # a submodule brings its parent package, and so every submodule the package imports
    assert HOOK.module_closure({"dl_notes.data.planar"}) == HOOK.module_closure({"dl_notes.data"})
    assert _names(
        HOOK.imported_modules(
            "from . import planar, images\nfrom .. import _checks", current="dl_notes.data"
        )
    ) == ["_checks", "data", "data.images", "data.planar", "dl_notes"]
    files = {str(p.relative_to(tree)) for p in HOOK.dependencies(nb)}
    assert {
        "dl_notes/data/__init__.py",
        "dl_notes/data/planar.py",
        "dl_notes/data/_common.py",
    } <= files
    assert "dl_notes/data/unused.py" not in files
    before = HOOK.executed_path(nb)
    (data / "_common.py").write_text("from .. import _checks  # edited\n")
    assert HOOK.executed_path(nb) != before, "an edit two relative imports away reaches the lab"


def test_a_cell_that_does_not_parse_depends_on_the_whole_package(tree):
    nb = _notebook(tree / "docs" / "lab.ipynb", "from dl_notes import losses\ndef broken(:")
    assert "dl_notes.unused" in HOOK.module_closure(HOOK.notebook_imports(nb))


def test_key_follows_notebook_reached_modules_data_files_and_lock(tree):
    nb = _notebook(tree / "docs" / "lab.ipynb", "from dl_notes import deep")
    other = _notebook(tree / "docs" / "other.ipynb", "from dl_notes import strategy")
    keys = [HOOK.executed_path(nb)]
    assert keys[0] == HOOK.executed_path(nb), "same content, same key"
    assert keys[0].name == "lab.ipynb" and keys[0].parent.name.startswith("lab-")
    before_other = HOOK.executed_path(other)
    (tree / "dl_notes" / "losses.py").write_text("import numpy as np  # edited\n")  # reached lazily
    keys.append(HOOK.executed_path(nb))
    (tree / "dl_notes" / "__init__.py").write_text("# edited\n")
    keys.append(HOOK.executed_path(nb))
    (tree / "dl_notes" / "weights.npz").write_bytes(b"\x00\x01")  # a shipped data file
    keys.append(HOOK.executed_path(nb))
    (tree / "requirements" / "lock.txt").write_text("numpy==3\n")
    keys.append(HOOK.executed_path(nb))
    _notebook(nb, "from dl_notes import deep\nprint(1)")
    keys.append(HOOK.executed_path(nb))
    assert len(set(keys)) == len(keys), "each edit gives a new key"
    assert HOOK.executed_path(other) != before_other, (
        "the package root, data files and lock reach every lab"
    )


def test_editing_a_module_no_lab_reaches_makes_no_lab_stale(tree):
    labs = [
        _notebook(tree / "docs" / "a.ipynb", "from dl_notes import deep"),
        _notebook(tree / "docs" / "b.ipynb", "import dl_notes.tf.intro"),
    ]
    before = [HOOK.executed_path(nb) for nb in labs]
    (tree / "dl_notes" / "unused.py").write_text("x = 2\n")
    assert [HOOK.executed_path(nb) for nb in labs] == before


def test_stage_says_which_file_changed(tree):
    nb = _notebook(tree / "docs" / "lab.ipynb", "from dl_notes import deep")
    lines = []
    [staged] = HOOK.stage([nb], report=lines.append)
    assert "never executed here" in lines[0]
    data = json.loads(staged.read_text())
    for cell in data["cells"]:  # pretend it ran
        cell["execution_count"] = 1
    staged.write_text(json.dumps(data))
    assert HOOK.stage([nb], report=lines.append) == [] and "cached" in lines[1]
    (tree / "dl_notes" / "activations.py").write_text(
        "from dl_notes._checks import as_array  # edited\n"
    )
    assert len(HOOK.stage([nb], report=lines.append)) == 1
    assert lines[2].endswith("(changed: dl_notes/activations.py)"), lines[2]


def test_cache_rejects_failed_or_unexecuted_notebooks(tmp_path):
    def write(cells):
        path = tmp_path / "nb.ipynb"
        path.write_text(json.dumps({"cells": cells}))
        return path

    ok = {"cell_type": "code", "source": ["1"], "execution_count": 1, "outputs": []}
    assert HOOK.is_complete(write([ok]))
    assert not HOOK.is_complete(write([dict(ok, execution_count=None)]))
    assert not HOOK.is_complete(write([dict(ok, outputs=[{"output_type": "error"}])]))
    assert not HOOK.is_complete(tmp_path / "missing.ipynb")


def test_executed_seconds_reads_the_cells_timestamps(tmp_path):
    def cell(start, end):
        return {
            "cell_type": "code",
            "source": "1",
            "outputs": [],
            "execution_count": 1,
            "metadata": {"execution": {"iopub.execute_input": start, "shell.execute_reply": end}},
        }

    path = tmp_path / "nb.ipynb"
    path.write_text(
        json.dumps(
            {
                "cells": [
                    cell("2026-01-01T00:00:01.000Z", "2026-01-01T00:00:03.500Z"),
                    cell("2026-01-01T00:00:03.600Z", "2026-01-01T00:00:42.000Z"),
                ]
            }
        )
    )
    assert HOOK.executed_seconds(path) == pytest.approx(41.0)
    path.write_text(
        json.dumps({"cells": [{"cell_type": "markdown", "source": "x", "metadata": {}}]})
    )
    assert HOOK.executed_seconds(path) is None


def test_no_execute_mode_refuses_to_execute(tree, monkeypatch):
    nb = _notebook(tree / "docs" / "lab.ipynb", "from dl_notes import deep")
    monkeypatch.setenv("DL_NOTES_NO_EXECUTE", "1")
    with pytest.raises(RuntimeError, match="lab.ipynb"):
        HOOK.ensure_executed([nb])


# --- the real labs --------------------------------------------------------------------


def test_notebook_file_names_are_unique():
    """The cache and the timing report find a lab by its file name."""
    names = [nb.name for nb in LABS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


#: Run first in the subprocess: TensorFlow and Keras become permissive stand-ins, so that the
#: test sees which dl_notes modules an import loads without paying TensorFlow's start-up.
STUB_FRAMEWORKS = """
import importlib.machinery, sys, types
from unittest import mock

class _Stub(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return mock.MagicMock(name=f"{self.__name__}.{name}")

class _Frameworks:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tensorflow", "keras"):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec):
        return _Stub(spec.name)
    def exec_module(self, module):
        module.__path__ = []

sys.meta_path.insert(0, _Frameworks())
"""


@cache
def _loaded_by_importing(nb: Path) -> frozenset[str]:
    """The dl_notes modules in sys.modules after running every import statement of the lab."""
    imports = []
    for cell in HOOK._code_cells(nb):
        source = "\n".join(x for x in cell.splitlines() if not x.lstrip().startswith(("%", "!")))
        imports += [
            ast.unparse(n)
            for n in ast.walk(ast.parse(source))
            if isinstance(n, (ast.Import, ast.ImportFrom))
        ]
    code = (
        STUB_FRAMEWORKS
        + "\n".join(imports)
        + ("\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'dl_notes'))")
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
        check=True,
    )
    return frozenset(ast.literal_eval(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("nb", LABS, ids=lambda p: p.stem)
def test_each_labs_import_graph_is_what_its_cells_import(nb):
    """Static reading finds every module that importing the lab's cells loads; nothing is missed."""
    static = HOOK.module_closure(HOOK.notebook_imports(nb))
    loaded = _loaded_by_importing(nb)
    assert loaded <= static, f"{nb.name}: the cache key misses {sorted(loaded - static)}"
    direct = {m for m in HOOK.notebook_imports(nb)}
    assert "dl_notes.lab" in direct, f"{nb.name}: every lab imports dl_notes.lab"


def test_editing_activations_makes_stale_exactly_the_labs_that_reach_it(tmp_path, monkeypatch):
    """On a copy of the real tree: the labs whose keys change are those that load the module."""
    for part in ("dl_notes", "docs"):
        shutil.copytree(
            ROOT / part,
            tmp_path / part,
            ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.md", "*.css", "*.js"),
        )
    (tmp_path / "requirements").mkdir()
    shutil.copy(ROOT / "requirements" / "lock.txt", tmp_path / "requirements")
    monkeypatch.setattr(HOOK, "ROOT", tmp_path)
    monkeypatch.setattr(HOOK, "DOCS", tmp_path / "docs")
    labs = HOOK.all_notebooks()
    assert len(labs) == len(LABS)

    def stale_after_editing(module: str) -> set[str]:
        before = {nb.stem: HOOK.executed_path(nb) for nb in labs}
        path = tmp_path / "dl_notes" / f"{module.replace('.', '/')}.py"
        path.write_text(path.read_text() + "\n# an edit\n")
        return {nb.stem for nb in labs if HOOK.executed_path(nb) != before[nb.stem]}

    for module in ("activations", "strategy", "tf.intro", "data.images"):
        expected = {nb.stem for nb in LABS if f"dl_notes.{module}" in _loaded_by_importing(nb)}
        assert stale_after_editing(module) == expected, module
    (tmp_path / "dl_notes" / "nothing_imports_me.py").write_text("x = 1\n")
    assert stale_after_editing("nothing_imports_me") == set()
