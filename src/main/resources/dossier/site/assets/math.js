// Formulas the server marked (<span class="math">TeX</span>) typeset as MathML by the bundled KaTeX, loaded
// only on pages that have them. MathML needs no fonts or styles of its own; without JavaScript the TeX shows.
(function () {
  "use strict";
  if (!window.katex) { return; }
  document.querySelectorAll("span.math").forEach(function (el) {
    var tex = el.textContent;
    try {
      window.katex.render(tex, el, { output: "mathml", displayMode: el.classList.contains("display"), throwOnError: false, trust: false });
      el.setAttribute("data-tex", tex);
    } catch (e) { /* leave the TeX as it is */ }
  });
})();
