// Client import pages: sends the chosen file as the raw request body (never multipart, so the
// server holds it in memory only) and follows a running import's progress.
(function () {
  "use strict";

  var form = document.getElementById("client-import-upload");
  if (form) {
    var error = document.getElementById("client-import-error");
    var status = document.getElementById("client-import-status");
    var showError = function (text) {
      error.textContent = text;
      error.hidden = false;
      error.focus();
      status.textContent = "";
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = document.getElementById("import-file");
      if (!input.files || input.files.length === 0) {
        input.focus();
        return;
      }
      var file = input.files[0];
      if (file.size > 50 * 1024 * 1024) {
        showError(form.dataset.msgTooLarge);
        return;
      }
      error.hidden = true;
      status.textContent = form.dataset.msgUploading;
      var query = "?format=" + encodeURIComponent(document.getElementById("import-format").value)
        + "&encoding=" + encodeURIComponent(document.getElementById("import-encoding").value);
      var headers = { "Content-Type": "application/octet-stream", "Accept": "application/json" };
      headers[form.dataset.csrfHeader] = form.dataset.csrfToken;
      fetch(form.dataset.action + query, { method: "POST", headers: headers, body: file, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.location) {
            window.location.assign(answer.location);
          } else {
            showError(answer.error || "");
          }
        })
        .catch(function () { showError(form.dataset.msgTooLarge); });
    });
  }

  var progress = document.getElementById("client-import-progress");
  if (progress) {
    var bar = document.getElementById("import-progress-bar");
    var text = document.getElementById("import-progress-text");
    var poll = function () {
      fetch(progress.dataset.progress, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (p) {
          if (p.phase !== "CHECKING" && p.phase !== "IMPORTING") {
            window.location.assign(progress.dataset.report);
            return;
          }
          bar.max = Math.max(1, p.total);
          bar.value = p.done;
          text.textContent = p.done + " / " + p.total;
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }
}());
