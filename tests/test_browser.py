"""The built site as a reader sees it: Playwright driving a real Chromium, offline.

The site is served on 127.0.0.1; every request to any other host is recorded and blocked.
For every page in the sitemap: no console errors, no failed requests, no foreign hosts,
every image loaded and described, every formula typeset, no serious or critical axe-core
violation (beyond the short allow-list below). Plus: search, the light/dark toggle, the
notebook download, a phone-sized viewport, and screenshots for a person to look at.

Chromium comes from the system (Debian: `apt-get install chromium-headless-shell`, the
lighter headless build that `.ci/run` installs, or `chromium`) or from
`DL_NOTES_CHROMIUM=/path/to/chrome`. Without one, these tests skip and say how to enable them.

The sweep is fast where it can be and cached where it is pure:

- one browser context per worker process, a fresh page per visit; a page is ready when its
  load event has fired, no request is in flight, every formula is typeset and the fonts have
  settled (no fixed waits); axe-core is installed once per context as an init script;
- axe runs without `preload` (re-fetching every stylesheet to build a CSSOM), which only
  its `css-orientation-lock` rule needs: that rule runs once for each distinct set of
  stylesheets, with the CSSOM, and its findings are reported against the page it ran on;
- each page's findings are kept in `.cache/browser/`, keyed on the page's HTML, every file
  it requested, this file, axe-core and the browser binary. A page whose key is unchanged
  is not visited again: an edit re-sweeps the pages it changed, not the whole book.
  `DL_NOTES_BROWSER_CACHE=0` sweeps every page.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import http.server
import json
import multiprocessing
import os
import shutil
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NO_CHROMIUM = (
    "browser tests need Chromium: install it (Debian/Ubuntu: apt-get install "
    "chromium-headless-shell, or chromium; .ci/run does this) "
    "or set DL_NOTES_CHROMIUM=/path/to/chrome"
)
CACHE = ROOT / ".cache" / "browser"
#: Requested files whose content no check reads (the search index changes with every page):
#: only their presence is part of a page's key.
PRESENCE_ONLY = ("search/search_index.json",)

#: axe-core rules whose serious/critical findings come from the theme or from nbconvert's
#: notebook markup and cannot be fixed from this site's configuration or overrides.
#: Each entry: rule id -> (CSS selector prefix of the nodes it may excuse, the reason).
AXE_ALLOW: dict[str, tuple[str, str]] = {}


def _find_chromium() -> str | None:
    for candidate in (
        os.environ.get("DL_NOTES_CHROMIUM"),
        "/usr/bin/chromium-headless-shell",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    exe = _find_chromium()
    if exe is None:
        pytest.skip(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)  # a fresh profile each run
        yield b
        b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(built):
    handler = functools.partial(_QuietHandler, directory=str(built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _pages(built) -> list[str]:
    """Every page of the site, as paths relative to its root (from the sitemap)."""
    tree = ET.parse(built / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    base = urlsplit(tree.find("s:url/s:loc", ns).text).path
    site_root = base[: base.index("/", 1) + 1] if base.count("/") > 1 else "/"
    paths = [
        urlsplit(loc.text).path.removeprefix(site_root) for loc in tree.findall("s:url/s:loc", ns)
    ]
    return sorted(set(paths))


class Visit:
    """One page load with every request, failure and console error recorded.

    `context` is a browser context to open the page in (the sweep keeps one per worker
    and opens a fresh page for each visit); without one, the visit makes its own from
    `context_args` and closes it afterwards. The page is ready once its load event has
    fired, no request is still in flight, every formula is typeset and the fonts have
    settled: no fixed wait.
    """

    def __init__(self, browser, server, path, context=None, **context_args):
        self.server = server
        self.own_context = context is None
        self.context = browser.new_context(**context_args) if context is None else context
        self.foreign, self.failed, self.errors, self.bytes, self.in_flight = [], [], [], 0, 0
        self.requested: set[str] = set()  # local files the page loaded, relative to the site
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.on("requestfinished", self._done)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.goto(server + path, wait_until="load")
        self._settle()
        try:  # KaTeX typesets after the load event; give a heavy page a moment
            self.page.wait_for_function(TYPESET, timeout=15000, polling="raf")
        except Exception:  # the page checks then report what stayed raw
            pass
        # Let the fonts settle and the page's own after-font work run (site.js).
        self.page.evaluate(
            "() => document.fonts.ready.then(() => new Promise("
            "r => requestAnimationFrame(() => requestAnimationFrame(r))))"
        )
        self._settle()

    def _settle(self, timeout=10.0):
        """Wait until no request of the page is in flight (the scripts' own fetches included)."""
        waited = 0.0
        while self.in_flight > 0 and waited < timeout:
            self.page.wait_for_timeout(20)
            waited += 0.02

    def _route(self, route):
        if route.request.url.startswith(self.server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def _request(self, request):
        self.in_flight += 1
        if request.url.startswith(self.server):
            self.requested.add(unquote(urlsplit(request.url).path).lstrip("/"))

    def _done(self, request):
        self.in_flight -= 1

    def _request_failed(self, request):
        self.in_flight -= 1
        if request.url.startswith(self.server):  # a foreign one is reported as foreign
            self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")
        elif response.url.startswith(self.server):
            try:
                self.bytes += len(response.body())
            except Exception:  # redirects and aborted bodies have none
                pass

    def close(self):
        self.page.close()
        if self.own_context:
            self.context.close()


#: True once every formula that arithmatex marked has been typeset by KaTeX.
TYPESET = (
    "() => [...document.querySelectorAll('.arithmatex')].every(e => e.querySelector('.katex'))"
)

# Runs in the page: what a reader would see wrong.
_PAGE_CHECKS = r"""
() => {
  const problems = [];
  for (const img of document.querySelectorAll("img")) {
    const where = img.currentSrc.slice(0, 80);
    if (!img.complete || img.naturalWidth === 0) problems.push("image not loaded: " + where);
    const alt = img.getAttribute("alt");
    if (alt === null || !alt.trim()) problems.push("image without alt text: " + where);
  }
  const figures = ".md-content svg[width][height]:not([aria-hidden='true'])";
  for (const fig of document.querySelectorAll(figures)) {
    if (fig.closest(".katex")) continue; // KaTeX draws tall brackets as SVG, inside the formula
    if (fig.getAttribute("role") !== "img" || !(fig.getAttribute("aria-label") || "").trim())
      problems.push("figure without role=img and a name: " + fig.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll(".arithmatex")) {
    if (!el.querySelector(".katex"))
      problems.push("formula not typeset: " + el.textContent.slice(0, 60));
  }
  const scope = document.querySelector(".md-content");
  if (scope) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement.closest(
        "pre, code, script, style, .katex, .highlight, textarea, .clipboard-copy-txt")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    let text = "";
    while (walker.nextNode()) text += walker.currentNode.nodeValue;
    const raw = text.match(/\\\(|\\\[|\$\$|\$[^$\s][^$]{0,80}\$/);
    if (raw) problems.push("raw TeX left in the page: " + raw[0].slice(0, 60));
  }
  return problems;
}
"""


ORIENTATION = "css-orientation-lock"


def _checks_digest(exe: str) -> str:
    """What a cached result was checked with: this file, axe-core and the browser binary."""
    h = hashlib.sha256(Path(__file__).read_bytes() + AXE.read_bytes())
    stat = Path(exe).stat()
    h.update(f"{Path(exe).resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.hexdigest()


def _page_key(site: Path, path: str, resources, checks: str) -> str | None:
    """The content key of one page: its HTML and every file it requested (None if one is gone)."""
    h = hashlib.sha256(checks.encode())
    for name in sorted({f"{path}index.html", *resources}):
        file = site / name
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None
        h.update(name.encode())
        h.update(b"" if name in PRESENCE_ONLY else file.read_bytes())
    return h.hexdigest()


def _cached_result(site: Path, path: str, checks: str):
    entry = CACHE / (hashlib.sha256(path.encode()).hexdigest()[:20] + ".json")
    if os.environ.get("DL_NOTES_BROWSER_CACHE", "1") == "0" or not entry.exists():
        return None
    data = json.loads(entry.read_text())
    if data["key"] != _page_key(site, path, data["resources"], checks):
        return None
    return tuple(data["result"])


def _store_result(site: Path, path: str, checks: str, resources, result) -> None:
    key = _page_key(site, path, resources, checks)
    if key is None:
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    entry = CACHE / (hashlib.sha256(path.encode()).hexdigest()[:20] + ".json")
    entry.write_text(
        json.dumps({"path": path, "key": key, "resources": sorted(resources), "result": result})
    )


def _sweep_pages(server, paths, site):
    """Visit `paths` in a browser of its own.

    Returns {path: (problems, axe violations, bytes, seconds or None if cached, phone widths)}.
    Runs in a worker process, so that the sweep can use both cores (Playwright's sync API
    drives one page at a time per process).
    """
    import time

    from playwright.sync_api import sync_playwright

    site = Path(site)
    exe = _find_chromium()
    checks = _checks_digest(exe)
    results, todo = {}, []
    for path in paths:
        cached = _cached_result(site, path, checks)
        if cached is None:
            todo.append(path)
        else:
            results[path] = (*cached[:3], None, cached[4])
    if not todo:
        return results
    stylesheet_sets: set[str] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
        context = browser.new_context()
        context.add_init_script(path=str(AXE))
        for path in todo:
            started = time.time()
            visit = Visit(browser, server, path, context=context)
            try:
                problems = visit.page.evaluate(_PAGE_CHECKS)
                problems += [f"request to another host: {u}" for u in visit.foreign]
                problems += [f"failed request: {u}" for u in visit.failed]
                problems += [f"console error: {e}" for e in visit.errors]
                violations = _axe_violations(visit.page, preload=False)
                sheets = visit.page.evaluate(
                    "() => [...document.styleSheets]"
                    ".map(s => s.href || s.ownerNode.textContent).join('\\n')"
                )
                digest = hashlib.sha256(sheets.encode()).hexdigest()
                if (
                    digest not in stylesheet_sets
                ):  # the one rule that reads the stylesheets themselves
                    stylesheet_sets.add(digest)
                    violations += _axe_violations(visit.page, preload=True, rules=[ORIENTATION])
                # Then the same page on a phone: nothing may be wider than the screen.
                visit.page.set_viewport_size(PHONE)
                visit.page.evaluate(
                    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                )
                widths = visit.page.evaluate(
                    "() => [document.documentElement.scrollWidth,"
                    " document.documentElement.clientWidth]"
                )
                result = (problems, violations, visit.bytes, time.time() - started, widths)
                results[path] = result
                if (
                    not problems and not violations and widths[0] <= widths[1]
                ):  # only clean pages are kept
                    _store_result(site, path, checks, visit.requested, list(result))
            finally:
                visit.close()
        context.close()
        browser.close()
    return results


@pytest.fixture(scope="session")
def sweep(server, built):
    """Visit every page once, spread over `DL_NOTES_BROWSER_WORKERS` processes (default: 2)."""
    import time

    from tests.timings import EXTRA

    if _find_chromium() is None:
        pytest.skip(NO_CHROMIUM)
    OUTPUT.mkdir(exist_ok=True)
    paths = _pages(built)
    workers = max(1, int(os.environ.get("DL_NOTES_BROWSER_WORKERS", min(2, os.cpu_count() or 1))))
    # Deal the pages out heaviest first (by HTML size), so the workers finish together.
    paths.sort(
        key=lambda p: (
            -(built / p / "index.html").stat().st_size if (built / p / "index.html").exists() else 0
        )
    )
    chunks = [paths[i::workers] for i in range(workers)]
    results = {}
    started = time.time()
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        for part in pool.map(_sweep_pages, [server] * workers, chunks, [str(built)] * workers):
            results.update(part)
    wall = time.time() - started
    results = dict(sorted(results.items()))
    weights = {"/" + p: r[2] for p, r in results.items()}
    (OUTPUT / "page-weights.json").write_text(json.dumps(weights, indent=1))
    seconds = {"/" + p: round(r[3], 2) for p, r in results.items() if r[3] is not None}
    per_page = sum(seconds.values()) / max(1, len(seconds))
    (OUTPUT / "browser-timings.json").write_text(
        json.dumps(
            {
                "workers": workers,
                "pages": len(results),
                "visited": len(seconds),
                "cached": len(results) - len(seconds),
                "wall_seconds": round(wall, 1),
                "seconds_per_page_per_worker": round(per_page, 2),
                "pages_seconds": seconds,
            },
            indent=1,
        )
    )
    EXTRA[
        f"browser sweep ({len(seconds)} of {len(results)} pages visited, the rest cached; "
        f"{workers} workers, {per_page:.2f} s a page per worker)"
    ] = round(wall, 1)
    return results


def test_every_page_renders_offline_cleanly(sweep):
    assert len(sweep) >= 20, f"only {len(sweep)} pages found in the sitemap"
    problems = [f"/{path}: {p}" for path, (found, *_) in sweep.items() for p in found]
    assert not problems, "\n".join(problems[:60])


def test_accessibility_axe(sweep):
    problems = [f"/{path}: {p}" for path, (_, found, *_) in sweep.items() for p in found]
    assert not problems, f"{len(problems)} serious/critical axe violations:\n" + "\n".join(
        problems[:80]
    )


@pytest.mark.parametrize(
    "path",
    ["", "course1/week3/", "course1/labs/w2a1-python-basics/", "reference/api/deep_network/"],
)
def test_accessibility_axe_dark_scheme(browser, server, path):
    visit = Visit(browser, server, path, color_scheme="dark")
    try:
        assert visit.page.get_attribute("body", "data-md-color-scheme") == "slate"
        found = _axe_violations(visit.page)
    finally:
        visit.close()
    assert not found, "\n".join(found[:40])


def _axe_violations(page, preload=True, rules=None):
    """Serious and critical axe-core violations on `page`, as lines.

    `preload=False` skips building the CSSOM (and so `css-orientation-lock`, which the sweep
    runs on its own once per stylesheet set); `rules` runs only those rules.
    """
    if not page.evaluate("() => typeof axe !== 'undefined'"):  # the sweep's context installs it
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"], "preload": preload}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    elif not preload:
        options["rules"] = {ORIENTATION: {"enabled": False}}
    result = page.evaluate("async (options) => await axe.run(document, options)", options)
    found = []
    for v in result["violations"]:
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            allowed = AXE_ALLOW.get(v["id"])
            if allowed and target.startswith(allowed[0]):
                continue
            found.append(f"{v['id']} ({v['impact']}): {target} — {v['help']}")
    return found


def test_search_finds_a_chapter(browser, server):
    visit = Visit(browser, server, "")
    try:
        page = visit.page
        page.keyboard.press("/")  # the theme's shortcut focuses the search box
        page.keyboard.type("backpropagation")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(e => e.href)"
        )
        assert any("course1/week3" in h or "course1/week4" in h for h in hrefs), hrefs
    finally:
        visit.close()


def test_palette_toggle_switches_scheme(browser, server):
    visit = Visit(browser, server, "course1/week3/", color_scheme="light")
    try:
        page = visit.page
        before = page.get_attribute("body", "data-md-color-scheme")
        page.click("form[data-md-component='palette'] label:visible")
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
        after = page.get_attribute("body", "data-md-color-scheme")
        assert (before, after) == ("default", "slate")
    finally:
        visit.close()


def test_notebook_download_link_returns_the_notebook(browser, server):
    visit = Visit(browser, server, "course1/labs/w2a2-logistic-regression/")
    try:
        href = visit.page.get_attribute("a[download]", "href")
        assert href.endswith(".ipynb")
        response = visit.page.request.get(visit.page.url + href)
        assert response.status == 200
        nb = json.loads(response.body())
        assert nb["nbformat"] == 4 and nb["cells"]
    finally:
        visit.close()


def test_music_lab_audio_players_load_offline(browser, server):
    """The W1A3 lab's sound is embedded in the page: every <audio> player loads its WAV data."""
    visit = Visit(browser, server, "course5/labs/w1a3-music-generation-lstm/")
    try:
        page = visit.page
        page.wait_for_function(
            "() => { const a = [...document.querySelectorAll('audio')];"
            " return a.length > 0 && a.every(e => e.readyState >= 1 || e.error); }",
            timeout=15000,
        )
        players = page.eval_on_selector_all(
            "audio",
            "els => els.map(e => ({src: e.currentSrc.slice(0, 22), duration: e.duration,"
            " error: e.error && e.error.code, label: e.getAttribute('aria-label')}))",
        )
        links = page.eval_on_selector_all(
            "a[download$='.mid']", "els => els.map(e => e.href.slice(0, 30))"
        )
    finally:
        visit.close()
    assert len(players) >= 3, players
    for p in players:
        assert p["src"].startswith("data:audio/wav"), p  # nothing fetched
        assert p["error"] is None and p["duration"] > 1, p
        assert p["label"], p
    assert links and all(h.startswith("data:audio/midi;base64,") for h in links), links


def test_phone_viewport_has_no_horizontal_overflow(sweep):
    """At 390x844 no page is wider than the screen (wide code and tables scroll inside)."""
    problems = [
        f"/{path}: {scroll} px of content in a {client} px viewport"
        for path, (*_, (scroll, client)) in sweep.items()
        if scroll > client
    ]
    assert not problems, "\n".join(problems)


def test_screenshots_for_a_person(browser, server):
    shots = OUTPUT / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, path in [
        ("chapter-week3", "course1/week3/"),
        ("lab-w3a1", "course1/labs/w3a1-planar-classification/"),
        ("api-deep_network", "reference/api/deep_network/"),
    ]:
        visit = Visit(browser, server, path, viewport={"width": 1280, "height": 900})
        try:
            visit.page.screenshot(path=str(shots / f"{name}.png"), full_page=False)
        finally:
            visit.close()
        assert (shots / f"{name}.png").stat().st_size > 10_000
