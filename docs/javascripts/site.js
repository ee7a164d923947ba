// Runs on every page load (and every instant navigation) of the site. No CDN: all local.

// 1. Typeset math with the KaTeX copy served by this site.
//    Markdown pages and docstrings: arithmatex wraps math in .arithmatex as \( \) and \[ \].
//    Notebook pages: nbconvert leaves $ $ and $$ $$ inside .jp-RenderedMarkdown.
const KATEX_OPTIONS = {
  delimiters: [
    { left: "$$", right: "$$", display: true },
    { left: "$", right: "$", display: false },
    { left: "\\(", right: "\\)", display: false },
    { left: "\\[", right: "\\]", display: true },
  ],
  throwOnError: false,
};

// 2. Accessibility repairs for markup that comes from the theme or from nbconvert:
//    - the search dialog gets a name;
//    - a region that scrolls sideways (a code cell, a wide formula) becomes focusable, so a
//      keyboard user can scroll it too.
function repairAccessibility(body) {
  const search = body.querySelector(".md-search[role='dialog']");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  const content = body.querySelector(".md-content");
  if (!content) return;
  for (const el of content.querySelectorAll("*")) {
    if (el.hasAttribute("tabindex") || el.scrollWidth <= el.clientWidth + 1) continue;
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowX) && !el.querySelector("a, button, input, [tabindex]")) {
      el.setAttribute("tabindex", "0");
    }
  }
}

document$.subscribe(({ body }) => {
  body
    .querySelectorAll(".arithmatex, .jp-RenderedMarkdown, .jp-RenderedLatex")
    .forEach((el) => renderMathInElement(el, KATEX_OPTIONS));
  repairAccessibility(body);
  // Widths change once the web fonts (KaTeX's) have loaded: look again then.
  document.fonts.ready.then(() => repairAccessibility(body));
});
