"""The built site: strict build, offline assets, page weight, downloads, links and anchors.

The site is built once per session (`mkdocs build --strict` into a temporary folder); the
labs come from the execution cache that the nbmake run earlier in the same session filled.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

SITE_PATH = urlsplit(
    re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
).path

#: A notebook page's own HTML must stay below this many bytes (its CSS is a shared file).
#: Measured without its images, the navigation and the syntax-colouring spans of its code:
#: the labs of Courses 1-4 weigh 59-133 kB that way; inlined CSS or scripts would add more.
NOTEBOOK_PAGE_LIMIT = 160_000
#: Embedded sound (base64 WAV and MIDI in `data:` URIs) a lab page may carry: a few seconds.
AUDIO_PAGE_LIMIT = 400_000


def test_strict_build_passes_without_warnings(site):
    out, code, log = site
    # MkDocs logs `WARNING -  message`; TensorFlow's C++ start-up lines in build-time fences
    # (`WARNING: All log messages before absl::InitializeLog()...`) are not the build's.
    warnings = [line for line in log.splitlines() if re.match(r"(WARNING|ERROR)\s*-", line)]
    assert code == 0 and not warnings, "\n".join(warnings) or log[-3000:]


class _Refs(HTMLParser):
    """Collect asset references, links and ids from one HTML page."""

    ASSET_ATTRS = {
        ("script", "src"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("video", "src"),
        ("audio", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("track", "src"),
        ("input", "src"),
    }

    def __init__(self):
        super().__init__()
        self.assets, self.links, self.ids, self.inline = [], [], set(), []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for t, attr in self.ASSET_ATTRS:
            if tag == t and a.get(attr):
                self.assets.append(a[attr])
        if tag in ("img", "source") and a.get("srcset"):
            self.assets += [part.split()[0] for part in a["srcset"].split(",") if part.strip()]
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if rel in ("canonical", "alternate", "next", "prev", "author", "license"):
                self.links.append(a["href"])
            else:  # stylesheet, icon, preload, modulepreload, manifest ...
                self.assets.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)


def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def _is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme in ("http", "https") or url.startswith("//"))


CDN = re.compile(
    r"https?://(?:[\w-]+\.)*(?:unpkg\.com|jsdelivr\.net|cdnjs\.cloudflare\.com|googleapis\.com|"
    r"gstatic\.com|polyfill\.io|mathjax\.org|jquery\.com|esm\.sh|bootstrapcdn\.com|"
    r"api\.github\.com|cloudflare\.com|skypack\.dev|typekit\.net)[^\s\"'`)]*"
)


def _allowed_in_theme_js(url: str, built: Path) -> str | None:
    """Theme code paths that load from a CDN only in conditions this site never meets.

    Each entry says why, and the condition is checked, so the allowance cannot outlive it.
    """
    if url.startswith("https://unpkg.com/mermaid@"):
        # Material loads mermaid only on a page with a mermaid diagram.
        pages = [
            p for p in built.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")
        ]
        return None if pages else "mermaid: no page has a diagram"
    if url.startswith("https://unpkg.com/resize-observer-polyfill"):
        return "polyfill: loaded only by browsers without ResizeObserver (none current)"
    if url.startswith("https://api.github.com/"):
        config = (ROOT / "mkdocs.yml").read_text()
        return (
            None
            if re.search(r"^repo_url:", config, re.M)
            else "repository facts: repo_url is not set"
        )
    return None


def test_no_external_assets(built):
    """Offline use: no page, stylesheet or script loads anything from another host."""
    problems = []
    for page in built.rglob("*.html"):
        refs = _parse(page)
        problems += [f"{page.relative_to(built)}: {u}" for u in refs.assets if _is_external(u)]
        for script in refs.inline:
            problems += [f"{page.relative_to(built)} (inline): {u}" for u in CDN.findall(script)]
            problems += [
                f"{page.relative_to(built)} (inline import): {u}"
                for u in re.findall(r"import\(\s*[\"'](https?://[^\"']+)", script)
            ]
    for css in built.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
            r"@import\s+['\"]([^'\"]+)", text
        ):
            if _is_external(url):
                problems.append(f"{css.relative_to(built)}: {url}")
    for js in built.rglob("*.js"):
        for url in CDN.findall(js.read_text(encoding="utf-8", errors="replace")):
            if not _allowed_in_theme_js(url, built):
                problems.append(f"{js.relative_to(built)}: {url}")
    assert not problems, "external assets:\n" + "\n".join(sorted(set(problems)))


def test_no_google_fonts_and_math_is_self_hosted(built):
    index = (built / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index
    assert "assets/vendor/katex/katex.min.js" in index and "javascripts/site.js" in index
    assert (built / "assets" / "vendor" / "katex" / "fonts" / "KaTeX_Main-Regular.woff2").exists()


def _notebook_pages(built):
    return sorted(p.parent for p in (ROOT / "docs").rglob("*.ipynb"))


def test_notebook_pages_are_light_and_offer_the_clean_notebook(built):
    for source in (ROOT / "docs").rglob("*.ipynb"):
        rel = source.relative_to(ROOT / "docs").with_suffix("")
        page = built / rel / "index.html"
        html = page.read_text(encoding="utf-8")
        # The lab's own weight: the images it drew, the sound it embedded (capped on its own
        # below), the site's navigation (which grows with every page of the site) and the
        # colouring of its code don't count; inlined CSS or scripts would.
        audio = sum(len(m) for m in re.findall(r"data:audio/[^\"']+", html))
        assert audio < AUDIO_PAGE_LIMIT, f"{rel}: {audio} bytes of embedded sound"
        own = re.sub(r"data:(?:image|audio)/[^\"']+|<nav\b.*?</nav>", "", html, flags=re.S)
        own = len(re.sub(r"</?span\b[^>]*>", "", own).encode())
        assert own < NOTEBOOK_PAGE_LIMIT, (
            f"{rel}: {own} bytes of HTML besides its images, the navigation and code colouring"
        )
        assert f'href="{source.name}" download' in html, f"{rel}: no download link"
        offered = page.parent / source.name
        assert offered.read_bytes() == source.read_bytes(), (
            f"{rel}: the download is not the clean source"
        )
        assert "jp-OutputArea-output" in html, f"{rel}: the page shows no outputs"


def test_internal_links_and_anchors_resolve(built):
    """Every internal link and anchor resolves; external links are listed, not fetched (no
    network)."""
    pages = {p: _parse(p) for p in built.rglob("*.html")}
    broken, external = [], set()
    for page, refs in pages.items():
        for url in refs.links + refs.assets:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                external.add(url)
                continue
            if parts.scheme or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # absolute (404.html): below site_url's path
                target = built / parts.path.removeprefix(SITE_PATH).lstrip("/")
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = (page.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built)} -> {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built)} -> {url} (no such anchor)")
    (ROOT / "test-output").mkdir(exist_ok=True)
    (ROOT / "test-output" / "external-links.txt").write_text(
        "".join(f"{u}\n" for u in sorted(external))
    )
    assert not broken, "broken links:\n" + "\n".join(sorted(broken)[:50])


def test_api_pages_link_their_chapters_and_chapters_link_the_api(built):
    for api in (built / "reference" / "api").iterdir():
        html = (api / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)+course\d/', html), f"{api.name}: no link to a chapter"
    for chapter in built.glob("course*/week*/index.html"):
        html = chapter.read_text(encoding="utf-8")
        assert "reference/api/" in html, f"{chapter.parent.name}: no link to the API"


def test_math_reaches_the_renderer(built):
    """Markdown math is wrapped for KaTeX; notebook math keeps its delimiters inside rendered
    Markdown."""
    week = (built / "course1" / "week2" / "index.html").read_text(encoding="utf-8")
    assert 'class="arithmatex"' in week
    api = (built / "reference" / "api" / "deep_network" / "index.html").read_text(encoding="utf-8")
    assert 'class="arithmatex"' in api, "docstring math is wrapped too"
    lab = (built / "course1" / "labs" / "w2a2-logistic-regression" / "index.html").read_text(
        encoding="utf-8"
    )
    assert re.search(r"jp-RenderedMarkdown[^>]*>(?:(?!</div>).)*\$", lab, re.S)


def test_search_index_covers_chapters_and_labs(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "course1/week4/" in locations
    assert "course1/labs/w4a2-deep-network-application/" in locations


#: A lab should run in under a minute on 2 cores; past the per-cell limit of the tests it fails.
LAB_BUDGET_WARN, LAB_BUDGET_FAIL = 60.0, 120.0


def test_every_lab_runs_within_its_time_budget(built):
    """Each lab's time, read from its executed copy's cell timestamps: warn over 60 s, fail over 120
    s.

    The build has just made sure every lab has an executed copy for the current content, so
    this reads the run that produced what the site shows (in the suite: two labs at a time,
    one thread each). No other test asserts on a time.
    """
    import importlib.util
    import warnings

    spec = importlib.util.spec_from_file_location(
        "notebooks_hook", ROOT / "docs" / "hooks" / "notebooks.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    times = {}
    for nb in hook.all_notebooks():
        copy = hook.executed_path(nb)
        assert hook.is_complete(copy), f"{nb.name}: no complete executed copy after the build"
        seconds = hook.executed_seconds(copy)
        assert seconds is not None, f"{nb.name}: its executed copy has no cell timestamps"
        times[str(nb.relative_to(ROOT / "docs"))] = seconds
    slow = {k: round(v, 1) for k, v in times.items() if LAB_BUDGET_WARN < v <= LAB_BUDGET_FAIL}
    if slow:
        warnings.warn(f"labs over the {LAB_BUDGET_WARN:.0f} s budget: {slow}", stacklevel=1)
    over = {k: round(v, 1) for k, v in times.items() if v > LAB_BUDGET_FAIL}
    assert not over, f"labs over {LAB_BUDGET_FAIL:.0f} s: {over}"
