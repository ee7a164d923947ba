"""Cache what markdown-exec's build-time fences print, keyed on what they depend on.

A chapter draws its figures and computes its answers at build time with
```` ```python exec="on" ```` fences (markdown-exec). Running them is most of a build's
time, and their output is pure: it depends only on

- the fence itself: its source, its options and its place among identical fences of the page;
- the `dl_notes` modules its source reaches through imports, read statically exactly as
  for the labs (`notebooks.source_inputs`), the package's data files and the lock file.

This hook wraps the formatter that markdown-exec registers with SuperFences and keeps each
fence's HTML in `.cache/exec/<key>.html`. An unchanged fence is not run again; an edit to
the fence, or to a module it reaches, runs it again. A fence that logs a warning (an
exception in the code, an unexpected exit code) is never cached, so `--strict` still fails
on it every time. No fence uses markdown-exec's `session` option (state shared between
fences), which such a cache could not honour: `on_page_markdown` refuses it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import weakref
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import notebooks  # noqa: E402  (the import graph the lab cache uses)

CACHE = notebooks.ROOT / ".cache" / "exec"
SESSION = re.compile(r'^\s*(`{3,}|~{3,})[^\n]*\bexec="(?:on|1|true|yes)"[^\n]*\bsession=', re.M)

log = logging.getLogger("mkdocs.hooks.exec_cache")
stats = {"hits": 0, "misses": 0}


class _Warnings(logging.Handler):
    """Counts the warnings logged while one fence runs."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def cached(format_):
    """Wrap a SuperFences formatter so that its output is cached by content."""
    if getattr(format_, "__wrapped__", None):
        return format_
    seen: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Markdown -> {base key: count}

    def formatter(
        src, language, css_class, options, md, classes=None, id_value="", attrs=None, **kwargs
    ):
        fence = json.dumps(
            {
                "language": language,
                "source": src,
                "options": repr(sorted(options.items())),
                "classes": classes,
                "id": id_value,
                "attrs": repr(sorted((attrs or {}).items())),
            },
            sort_keys=True,
        )
        base = hashlib.sha256(fence.encode()).hexdigest()
        counts = seen.setdefault(md, {})
        counts[base] = counts.get(base, 0) + 1
        h = hashlib.sha256(base.encode())
        h.update(str(counts[base]).encode())
        h.update(json.dumps(notebooks.source_inputs(src), sort_keys=True).encode())
        path = CACHE / f"{h.hexdigest()[:24]}.html"
        if path.exists():
            stats["hits"] += 1
            return path.read_text(encoding="utf-8")
        stats["misses"] += 1
        watcher = _Warnings()
        logging.getLogger("mkdocs").addHandler(watcher)
        try:
            html = format_(
                src,
                language,
                css_class,
                options,
                md,
                classes=classes,
                id_value=id_value,
                attrs=attrs,
                **kwargs,
            )
        finally:
            logging.getLogger("mkdocs").removeHandler(watcher)
        if not watcher.count:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(str(html), encoding="utf-8")
        return html

    formatter.__wrapped__ = format_
    return formatter


def on_config(config):
    """Wrap the formatter markdown-exec registered (its plugin's on_config runs before hooks)."""
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    for fence in fences:
        if getattr(fence.get("format"), "__module__", "").startswith("markdown_exec"):
            fence["format"] = cached(fence["format"])
    stats.update(hits=0, misses=0)
    return config


def on_page_markdown(markdown, page, config, files):
    if SESSION.search(markdown):
        raise ValueError(
            f"{page.file.src_uri}: an exec fence uses session=, which docs/hooks/exec_cache.py "
            "cannot cache; make the fence self-contained"
        )
    return markdown


def on_post_build(config):
    log.info("build-time fences: %d from .cache/exec, %d executed", stats["hits"], stats["misses"])
