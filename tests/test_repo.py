"""Drift checks: whatever can fall out of step (notebooks, nav, API pages, index, CI, README) is
tested."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser as a package (pytest requires it there)
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PUBLIC_MODULES = sorted(  # "activations", ..., and subpackage modules as "tf.intro"
    ".".join(p.relative_to(ROOT / "dl_notes").with_suffix("").parts)
    for p in (ROOT / "dl_notes").rglob("*.py")
    if not any(part.startswith("_") for part in p.relative_to(ROOT / "dl_notes").parts)
)
NUMPY_MODULES = [m for m in PUBLIC_MODULES if not m.startswith("tf.")]
NOTEBOOKS = sorted(p for p in DOCS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
LABS = [p for p in NOTEBOOKS if p.parent.name == "labs"]


def _mkdocs_config():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)


def _nav_files(nav):
    for item in nav:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():
                yield from (_nav_files(value) if isinstance(value, list) else [value])


def _public_functions() -> list[str]:
    """Qualified names of every public function, e.g. 'dl_notes.activations.sigmoid'."""
    found = []
    for mod in PUBLIC_MODULES:
        module = importlib.import_module(f"dl_notes.{mod}")
        for name in getattr(module, "__all__", []):
            if inspect.isfunction(getattr(module, name)):
                found.append(f"dl_notes.{mod}.{name}")
    return found


def _cells(nb_path, kind):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


# --- notebooks ---------------------------------------------------------------------


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_sources_carry_no_outputs(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    for cell in data["cells"]:
        assert "id" in cell, f"{nb.name}: every cell needs an id (nbformat 4.5)"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], (
                f"{nb.name}: a code cell has outputs; clear them before committing"
            )
            assert cell["execution_count"] is None, f"{nb.name}: a code cell has an execution count"
        assert "execution" not in cell.get("metadata", {}), (
            f"{nb.name}: execution timestamps in metadata"
        )


@pytest.mark.parametrize("nb", LABS, ids=lambda p: p.name)
def test_lab_conventions(nb):
    md = _cells(nb, "markdown")
    code = [c for c in _cells(nb, "code") if c.strip()]
    assert re.match(r"# W\d(A\d)? · \S", md[0]), (
        f"{nb.name}: the first cell is the title '# WxAy · Title'"
    )
    assert any("Original vs. here" in c for c in md), (
        f"{nb.name}: say what the original used and what we use"
    )
    assert "lab.setup(" in code[0], f"{nb.name}: the first code cell calls dl_notes.lab.setup()"
    assert "What to remember" in md[-1], f"{nb.name}: end with 'What to remember'"
    assert any("assert " in c for c in code), f"{nb.name}: a lab asserts the claims it makes"
    assert not any("matplotlib.use(" in c for c in code), (
        f"{nb.name}: matplotlib.use() hides inline figures"
    )


def _defined_functions(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {
        n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    }


def _python_fences(md_text: str):
    for m in re.finditer(r"^```\s*(\{[^}\n]*\}|[^\n]*)\n(.*?)^```", md_text, re.S | re.M):
        info = m.group(1)
        if "python" in info or re.match(r"\{?\.?py\b", info):
            yield m.group(2)


def _includes_outside_fences(text: str) -> list[int]:
    """Line numbers of snippet includes (`--8<-- "file"`) that sit outside a code fence."""
    found, fence = [], None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker.group(1)
            elif stripped.startswith(fence) and not stripped[len(fence) :].strip():
                fence = None
        elif fence is None and re.match(r'--8<--\s+"', stripped):
            found.append(number)
    return found


def test_includes_outside_fences_finds_the_bare_one():
    text = (
        '??? example "x"\n    ``` {.python notest}\n    --8<-- "a.py:x"\n    ```\n\n'
        '    --8<-- "b.py:y"\n'
    )
    assert _includes_outside_fences(text) == [6]


def test_every_snippet_include_sits_inside_a_code_fence():
    """An include outside a fence renders the code as a paragraph of text."""
    offenders = [
        f"{page.relative_to(ROOT)}:{n}"
        for page in sorted(DOCS.rglob("*.md"))
        for n in _includes_outside_fences(page.read_text(encoding="utf-8"))
    ]
    assert not offenders, "put these includes inside a ``` {.python notest} fence: " + ", ".join(
        offenders
    )


def test_notebooks_and_pages_never_retype_package_functions():
    """Code lives once, in dl_notes: no notebook or page defines a function the package has."""
    package = {q.rsplit(".", 1)[1] for q in _public_functions()}
    offenders = []
    for nb in NOTEBOOKS:
        for src in _cells(nb, "code"):
            offenders += [
                f"{nb.relative_to(ROOT)}: def {n}" for n in _defined_functions(src) & package
            ]
    for page in DOCS.rglob("*.md"):
        for src in _python_fences(page.read_text(encoding="utf-8")):
            offenders += [
                f"{page.relative_to(ROOT)}: def {n}" for n in _defined_functions(src) & package
            ]
    assert not offenders, "import these from dl_notes instead: " + ", ".join(offenders)


# --- site structure ----------------------------------------------------------------


def test_every_page_and_notebook_is_in_the_nav():
    config = _mkdocs_config()
    nav = set(_nav_files(config["nav"]))
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")} | {
        str(p.relative_to(DOCS)) for p in NOTEBOOKS
    }
    missing = sorted(pages - nav)
    assert not missing, f"not in mkdocs.yml nav: {missing}"
    dangling = sorted(p for p in nav if not (DOCS / p).exists())
    assert not dangling, f"nav entries with no file: {dangling}"


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_module_has_an_api_page(module):
    page = DOCS / "reference" / "api" / f"{module}.md"
    assert page.exists(), f"add docs/reference/api/{module}.md with '::: dl_notes.{module}'"
    assert f"::: dl_notes.{module}" in page.read_text()
    assert f"reference/api/{module}.md" in set(_nav_files(_mkdocs_config()["nav"]))


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_the_reference_index_lists_every_module(module):
    text = (DOCS / "reference" / "index.md").read_text()
    assert f"[`dl_notes.{module}`](api/{module}.md)" in text, (
        f"list dl_notes.{module} in docs/reference/index.md"
    )


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_module_names_the_chapters_that_teach_it(module):
    doc = importlib.import_module(f"dl_notes.{module}").__doc__ or ""
    assert "Taught in:" in doc, (
        f"dl_notes.{module}: its docstring must say 'Taught in:' with chapter links"
    )


@pytest.mark.parametrize("qualname", sorted(_public_functions()))
def test_every_public_function_documents_parameters_and_returns(qualname):
    mod, name = qualname.rsplit(".", 1)
    func = getattr(importlib.import_module(mod), name)
    doc = inspect.getdoc(func) or ""
    if inspect.signature(func).parameters:
        assert "Parameters\n----------" in doc, f"{qualname}: numpy-style 'Parameters' section"
    assert "Returns\n-------" in doc, f"{qualname}: numpy-style 'Returns' section with shapes"


def test_course_function_index_points_at_real_functions():
    text = (DOCS / "reference" / "course-functions.md").read_text()
    rows = [line for line in text.splitlines() if line.startswith("| W")]
    assert len(rows) >= 40
    for row in rows:
        targets = re.findall(r"\]\[(dl_notes\.[\w.]+)\]", row)
        assert targets, f"no dl_notes link in: {row}"
        for target in targets:
            mod, name = target.rsplit(".", 1)
            assert hasattr(importlib.import_module(mod), name), f"{target} does not exist"


def test_chapters_link_to_the_api():
    for chapter in sorted(DOCS.glob("course*/week*.md")):
        text = chapter.read_text()
        included = set(re.findall(r'--8<-- "dl_notes/(\w+)\.py', text))
        linked = set(re.findall(r"\]\[dl_notes\.(\w+)", text))
        assert linked or not included, f"{chapter.name}: link the functions you show to the API"
        assert included <= linked, (
            f"{chapter.relative_to(ROOT)}: shows code of "
            f"{included - linked} without linking its API"
        )


# --- packaging, CI and README ------------------------------------------------------


def test_numpy_modules_do_not_import_tensorflow():
    code = (
        "import sys, importlib; "
        f"[importlib.import_module('dl_notes.' + m) for m in {NUMPY_MODULES!r}]; "
        "sys.exit('tensorflow' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_lock_pins_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    names = {re.split(r"[ <>=!;\[]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    names.discard("dl-notes")
    lock = (ROOT / "requirements" / "lock.txt").read_text().lower()
    pinned = set(re.findall(r"^([a-z0-9][a-z0-9._-]*)==", lock, re.M))
    assert not names - pinned, (
        f"declared but not pinned in requirements/lock.txt (run make lock): {names - pinned}"
    )


def _quickstart_commands():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]


def test_readme_quickstart_is_two_commands():
    assert _quickstart_commands() == ["make serve", "make test"]


def test_readme_names_the_quick_loop_under_the_quickstart():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "make check" in section, "the README names `make check` under the Quickstart commands"


def test_ci_and_workflow_run_the_readme_test_command():
    """.ci/run runs `make test`; the workflow runs its parts (`make check`, `make execute` per
    course, `make site-check`) in separate jobs, and `make test` is exactly those parts."""
    test_command = _quickstart_commands()[1]
    assert re.search(rf"^\s*{test_command}\s*$", (ROOT / ".ci" / "run").read_text(), re.M)
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    runs = [
        step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    ]
    for part in (
        "make check",
        "make execute DIR=docs/${{ matrix.course }}",
        "make site-check",
        "make build",
    ):
        assert part in runs, f"the workflow does not run {part!r}"
    makefile = (ROOT / "Makefile").read_text()

    def recipe(target):
        return makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]

    assert "mkdocs build --strict" in recipe("build")
    assert "tests.suite test" in recipe("test") and "tests.suite check" in recipe("check")
    assert "tests.suite execute" in recipe("execute") and "tests.suite site" in recipe("site-check")
    site = workflow["jobs"]["site"]
    assert site["needs"] == "labs" and site["env"]["DL_NOTES_NO_EXECUTE"] == "1", (
        "the site job builds from the labs jobs' executed copies and executes nothing"
    )


def test_workflow_lab_matrix_covers_every_lab_directory():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    job = workflow["jobs"]["labs"]
    courses = sorted(job["strategy"]["matrix"]["course"])
    with_labs = sorted({p.relative_to(DOCS).parts[0] for p in LABS})
    assert courses == with_labs, f"the labs matrix lists {courses}, but labs live in {with_labs}"
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload and upload[0]["with"]["path"].rstrip("/") == ".cache/executed"
    download = [
        s
        for s in workflow["jobs"]["site"]["steps"]
        if s.get("uses", "").startswith("actions/download-artifact@")
    ]
    assert download and download[0]["with"]["path"].rstrip("/") == ".cache/executed"
    assert (
        download[0]["with"]["pattern"] == "executed-*"
        and download[0]["with"]["merge-multiple"] is True
    )


def test_workflow_permissions_are_least_privilege():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "concurrency" in workflow and "concurrency" in deploy
    uses = [s.get("uses", "") for s in deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build_uses = [s.get("uses", "") for s in workflow["jobs"]["site"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in build_uses)


def test_workflow_passes_actionlint():
    exe = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(exe), str(ROOT / ".github" / "workflows" / "site.yml")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lints_and_formats_the_repository():
    """`ruff check` and `ruff format --check` pass on the repository, with pyproject's settings
    (`ruff check --fix .` and `ruff format .` fix most of what they report)."""
    failures = []
    for args in (["check", "--no-fix", "--output-format", "concise"], ["format", "--check"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "."], cwd=ROOT, capture_output=True, text=True
        )
        if result.returncode != 0:
            failures.append(f"$ ruff {' '.join(args)} .\n{result.stdout}{result.stderr}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("page", sorted((DOCS / "course3").glob("case-*.md")), ids=lambda p: p.name)
def test_case_study_questions_each_have_a_collapsed_answer(page):
    """Each question of a case study is followed by one collapsed answer, so a reader can think
    first."""
    sections = re.split(r"^### ", page.read_text(), flags=re.M)[1:]
    questions = [s for s in sections if s.startswith("Question")]
    assert len(questions) >= 8, f"{page.name}: only {len(questions)} questions"
    for section in questions:
        title = section.splitlines()[0]
        assert section.count('??? success "Answer"') == 1, (
            f"{page.name}: '{title}' needs one collapsed answer"
        )
    assert "dl_notes" in page.read_text() and 'exec="on"' in page.read_text(), (
        f"{page.name}: computed answers must be computed with dl_notes at build time"
    )
