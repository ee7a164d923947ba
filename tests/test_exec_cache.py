"""The build-time fence cache (docs/hooks/exec_cache.py): a fence runs again only when it or what it
imports changes."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location(
        "exec_cache_hook", ROOT / "docs" / "hooks" / "exec_cache.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Markdown:
    """Stands in for one page's Markdown instance (the hook only needs it to be
    weak-referenceable)."""


@pytest.fixture
def hook(tmp_path, monkeypatch):
    module = _load()
    pkg = tmp_path / "dl_notes"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "plotting.py").write_text("x = 1\n")
    (pkg / "strategy.py").write_text("y = 1\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "lock.txt").write_text("numpy==2\n")
    monkeypatch.setattr(module.notebooks, "ROOT", tmp_path)
    monkeypatch.setattr(module, "CACHE", tmp_path / ".cache" / "exec")
    return module


def _formatter(hook, outputs=None, warn=False):
    calls = []

    def format_(src, language, css_class, options, md, **kwargs):
        calls.append(src)
        if warn:
            logging.getLogger("mkdocs.plugins.markdown_exec").warning(
                "Execution of python code block exited"
            )
        return f"<p>{src}:{len(calls)}</p>"

    return hook.cached(format_), calls


def test_an_unchanged_fence_is_served_from_the_cache(hook):
    fmt, calls = _formatter(hook)
    src = "from dl_notes.plotting import x\nprint(x)"
    first = fmt(src, "python", "python", {"html": True}, Markdown())
    again = fmt(src, "python", "python", {"html": True}, Markdown())  # the next build
    assert first == again and len(calls) == 1
    fmt(src, "python", "python", {"html": False}, Markdown())  # other options: runs
    assert len(calls) == 2


def test_identical_fences_on_one_page_are_kept_apart(hook):
    fmt, calls = _formatter(hook)
    page = Markdown()
    a = fmt("print(1)", "python", "python", {}, page)
    b = fmt("print(1)", "python", "python", {}, page)
    assert len(calls) == 2 and a != b
    page = Markdown()  # the next build of the same page: both from the cache, in order
    assert [fmt("print(1)", "python", "python", {}, page) for _ in range(2)] == [a, b] and len(
        calls
    ) == 2


def test_editing_an_imported_module_runs_the_fence_again(hook):
    fmt, calls = _formatter(hook)
    src = "from dl_notes.plotting import x"
    fmt(src, "python", "python", {}, Markdown())
    (hook.notebooks.ROOT / "dl_notes" / "strategy.py").write_text("y = 2\n")  # not imported
    fmt(src, "python", "python", {}, Markdown())
    assert len(calls) == 1
    (hook.notebooks.ROOT / "dl_notes" / "plotting.py").write_text("x = 2\n")  # imported
    fmt(src, "python", "python", {}, Markdown())
    (hook.notebooks.ROOT / "requirements" / "lock.txt").write_text("numpy==3\n")
    fmt(src, "python", "python", {}, Markdown())
    assert len(calls) == 3


def test_a_fence_that_warns_is_never_cached(hook):
    fmt, calls = _formatter(hook, warn=True)
    fmt("raise ValueError", "python", "python", {}, Markdown())
    fmt("raise ValueError", "python", "python", {}, Markdown())
    assert len(calls) == 2, "a failing fence must fail every build"


def test_sessions_are_refused(hook):
    class Page:
        class file:
            src_uri = "x.md"

    ok = '```python exec="on" html="true"\nprint(1)\n```\n'
    assert hook.on_page_markdown(ok, Page, None, None) == ok
    with pytest.raises(ValueError, match="session="):
        hook.on_page_markdown('```python exec="on" session="a"\nx = 1\n```\n', Page, None, None)


def test_the_hook_wraps_markdown_execs_formatter_once():
    import markdown_exec

    hook = _load()
    config = type("Config", (), {})()
    config.mdx_configs = {
        "pymdownx.superfences": {
            "custom_fences": [
                {
                    "name": "python",
                    "class": "python",
                    "validator": markdown_exec.validator,
                    "format": markdown_exec.formatter,
                }
            ]
        }
    }
    hook.on_config(config)
    hook.on_config(config)
    wrapped = config.mdx_configs["pymdownx.superfences"]["custom_fences"][0]["format"]
    assert wrapped.__wrapped__ is markdown_exec.formatter
