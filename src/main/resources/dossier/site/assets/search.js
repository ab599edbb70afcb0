// Title completion in the search boxes, from /api/search/suggest. Without JavaScript the boxes still search.
(function () {
  "use strict";
  var list = document.getElementById("search-suggestions");
  if (!list || !window.fetch) { return; }
  var timer = null;
  var last = "";
  function suggest(input) {
    var q = input.value.trim();
    if (q.length < 2 || q === last) { return; }
    last = q;
    fetch("/api/search/suggest?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        items.forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.title;
          list.appendChild(option);
        });
      })
      .catch(function () { /* suggestions are a convenience; the search itself still works */ });
  }
  document.querySelectorAll('input[list="search-suggestions"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input); }, 150);
    });
  });
}());
