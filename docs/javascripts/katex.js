// Typeset math with the KaTeX copy served by this site (no CDN).
// Markdown pages and docstrings: arithmatex wraps math in .arithmatex as \( \) and \[ \].
// Notebook pages: nbconvert leaves $ $ and $$ $$ inside .jp-RenderedMarkdown.
document$.subscribe(({ body }) => {
  const options = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  };
  body
    .querySelectorAll(".arithmatex, .jp-RenderedMarkdown, .jp-RenderedLatex")
    .forEach((el) => renderMathInElement(el, options));
});
