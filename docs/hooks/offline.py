"""Keep notebook pages offline and light.

nbconvert's page template, which mkdocs-jupyter uses, adds three things to every
notebook page that this site does not want:

- a MathJax loader (`<script src="">`, an empty URL that requests the page itself) and its
  configuration: the site typesets math with its own copy of KaTeX instead;
- a module script that imports mermaid from cdnjs when a notebook has a mermaid diagram
  (none has; it would break offline anyway);
- about 600 KB of JupyterLab CSS inlined in `<style>` blocks, the same on every page.

This hook (on each notebook page's content, before the search plugin indexes it) removes
the first two and moves each distinct style block into one stylesheet
under `assets/stylesheets/jupyter/`, named by its content hash, that every notebook page
links to and the browser caches.

Figures the lab drew are embedded by nbconvert as base64 `data:` URIs, which make a page
heavy and are downloaded again on every visit; the hook writes each one to
`assets/images/nb/<hash>.png` and links it, with a generic description where the notebook
gave none.

It also mends the table of contents: mkdocs-jupyter slugs a heading without its inline
code ("2.1 The linear part: `linear_forward`" -> `#21-the-linear-part`) while the heading's
id keeps it (`21-the-linear-part-linear_forward`), so such TOC links point nowhere. Each
`#anchor` that names no id is pointed at the heading whose code-less text slugs to it.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from pathlib import Path

MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
MERMAID = re.compile(
    r'<script type="module">(?:(?!</script>).)*?jp-Mermaid.*?'
    r"<!-- End of mermaid configuration -->",
    re.S,
)
HREF = re.compile(r'href="#([^"]+)"')
ID = re.compile(r'\sid="([^"]+)"')
HEADING = re.compile(r'<h[1-6][^>]*\sid="([^"]+)"[^>]*>(.*?)</h[1-6]>', re.S)
STYLE = re.compile(r'<style type="text/css">\n?(.*?)</style>', re.S)
CSS_DIR = "assets/stylesheets/jupyter"
IMG_DIR = "assets/images/nb"
DATA_IMG = re.compile(r'src="data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)"')
NO_ALT = 'alt="No description has been provided for this image"'
ALT = 'alt="Figure drawn by the code cell above"'


def on_page_content(html: str, page, config, files) -> str:
    """Lighten the notebook's own HTML before the search plugin and the theme see it."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    html = MERMAID.sub("", MATHJAX.sub("", html))
    start = html.find('<div class="jupyter-wrapper">')
    styles, body = html[:start], html[start:]
    page_dir = posixpath.dirname(page.file.dest_uri) or "."

    def extract(match: re.Match) -> str:
        css = match.group(1)
        name = hashlib.sha256(css.encode()).hexdigest()[:12] + ".css"
        target = Path(config.site_dir) / CSS_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, encoding="utf-8")
        return f'<link rel="stylesheet" href="{posixpath.relpath(f"{CSS_DIR}/{name}", page_dir)}">'

    def image_file(match: re.Match) -> str:
        data = base64.b64decode(re.sub(r"\s", "", match.group(2)))
        name = hashlib.sha256(data).hexdigest()[:16] + "." + match.group(1)
        target = Path(config.site_dir) / IMG_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return f'src="{posixpath.relpath(f"{IMG_DIR}/{name}", page_dir)}"'

    return STYLE.sub(extract, styles) + DATA_IMG.sub(image_file, body).replace(NO_ALT, ALT)


def on_post_page(output: str, page, config) -> str:
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return _mend_anchors(output)


def _mend_anchors(html: str) -> str:
    from markdown.extensions.toc import slugify

    ids = set(ID.findall(html))
    # What mkdocs-jupyter's TOC calls each heading: its text without the inline code.
    toc_slug = {}
    for match in HEADING.finditer(html):
        text = re.sub(r"<code>.*?</code>", "", match.group(2), flags=re.S)
        text = re.sub(r'<a class="anchor-link".*?</a>', "", text, flags=re.S)
        text = re.sub(r"<[^>]+>", "", text)
        toc_slug.setdefault(slugify(text, "-"), match.group(1))

    def fix(match: re.Match) -> str:
        anchor = match.group(1)
        if anchor in ids or anchor not in toc_slug:
            return match.group(0)
        return f'href="#{toc_slug[anchor]}"'

    return HREF.sub(fix, html)
