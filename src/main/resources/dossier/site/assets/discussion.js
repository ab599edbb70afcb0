// Progressive enhancement of the discussion: posting, replying and editing without leaving the page.
// Without JavaScript the same forms post normally and the server answers with the page.
(function () {
  "use strict";
  var section = document.getElementById("comments");
  if (!section || !window.fetch || !window.DOMParser) { return; }

  function replaceSection(html, focusId) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("comments");
    if (!fresh) { return false; }
    section.replaceWith(fresh);
    section = fresh;
    var target = focusId ? document.getElementById(focusId) : null;
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
    return true;
  }

  function showError(form, message) {
    var box = form.querySelector(".form-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "form-error";
      box.setAttribute("role", "alert");
      form.insertBefore(box, form.firstChild);
    }
    box.textContent = message;
  }

  // Posting and replying: send the form as the browser would, then swap in the thread the server returns.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!section.contains(form) || !form.matches('form[action$="/comments"], form[action$="/edit"]')) { return; }
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      redirect: "follow",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      return response.text().then(function (html) { return { response: response, html: html }; });
    }).then(function (r) {
      var hash = r.response.url.indexOf("#") >= 0 ? r.response.url.split("#")[1] : null;
      if (r.response.ok) {
        var page = r.response.url.split("#")[0];
        return fetch(page, { credentials: "same-origin", headers: { "Accept": "text/html" } })
          .then(function (p) { return p.text(); })
          .then(function (html) { replaceSection(html, hash || (location.hash || "").slice(1)); });
      }
      var doc = new DOMParser().parseFromString(r.html, "text/html");
      var reason = doc.querySelector(".form-error");
      showError(form, reason ? reason.textContent : "The comment could not be sent (" + r.response.status + "). Your text is still here.");
      if (button) { button.disabled = false; }
    }).catch(function () {
      showError(form, "The connection failed. Your text is still here; try again.");
      if (button) { button.disabled = false; }
    });
  });

  // Editing in place: the edit link opens the edit form inside the comment instead of a new page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href$="/edit"]');
    if (!link || !section.contains(link)) { return; }
    event.preventDefault();
    fetch(link.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var form = doc.querySelector('form[action$="/edit"]');
        var comment = link.closest(".comment");
        if (!form || !comment) { location.href = link.href; return; }
        var body = comment.querySelector(".comment-body");
        (body || comment).replaceWith(document.importNode(form, true));
        var area = comment.querySelector("textarea");
        if (area) { area.focus(); }
      });
  });
}());
