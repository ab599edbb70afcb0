// The article editor's live preview and uploads. Without JavaScript the "Preview" button asks the server
// for the same rendering, and images are uploaded from elsewhere; with it, the preview follows the typing.
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  var text = document.getElementById("markdown");
  var preview = document.getElementById("preview");
  var tokenMeta = document.querySelector('meta[name="csrf-token"]');
  if (!form || !text || !preview || !window.fetch || !tokenMeta) { return; }
  var token = tokenMeta.getAttribute("content");
  var timer = null;
  var sent = 0;

  function render() {
    var mine = ++sent;
    fetch("/api/preview", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify({ markdown: text.value })
    }).then(function (r) {
      if (!r.ok) { throw new Error("preview " + r.status); }
      return r.json();
    }).then(function (json) {
      // Answers can overtake each other: only the newest request's answer is shown.
      if (mine === sent) { preview.innerHTML = json.html; } // sanitized by the server's allow-list
    }).catch(function () { /* the Preview button still works */ });
  }

  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 400);
  });
  render();

  // Uploads: the file goes to the server, which checks its content; the answer's Markdown goes in at the cursor.
  var box = form.querySelector(".upload");
  var input = document.getElementById("upload");
  if (!box || !input) { return; }
  var status = box.querySelector(".upload-status");
  box.hidden = false;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) { return; }
    status.textContent = "Uploading " + file.name + "…";
    fetch("/api/media?name=" + encodeURIComponent(file.name), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/octet-stream", "Accept": "application/json", "X-CSRF-Token": token },
      body: file
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok, json: json }; });
    }).then(function (answer) {
      if (!answer.ok) {
        status.textContent = answer.json.detail || "The upload was refused.";
        return;
      }
      var at = text.selectionStart || text.value.length;
      var insert = answer.json.markdown + "\n";
      text.value = text.value.slice(0, at) + insert + text.value.slice(at);
      text.selectionStart = text.selectionEnd = at + insert.length;
      text.focus();
      status.textContent = "Inserted " + answer.json.url;
      render();
    }).catch(function () { status.textContent = "The upload failed; try again."; });
    input.value = "";
  });
})();
