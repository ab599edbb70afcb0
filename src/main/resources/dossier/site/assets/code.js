// Syntax colours for code blocks that name their language, from the bundled highlight.js (loaded only on pages
// that have such blocks). It only wraps tokens in <span class="hljs-…">: the text stays the server's.
(function () {
  "use strict";
  if (!window.hljs) { return; }
  document.querySelectorAll('pre code[class*="language-"]').forEach(function (block) {
    window.hljs.highlightElement(block);
  });
})();
