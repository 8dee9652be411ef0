// Personal access tokens page: copy the new token, and move focus to it once shown.
(function () {
  "use strict";

  var heading = document.querySelector("[data-focus-on-load]");
  if (heading) { heading.focus(); }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    if (!input) { return; }
    button.setAttribute("aria-controls", input.id);
    input.addEventListener("focus", function () { input.select(); });
    button.addEventListener("click", function () {
      var say = function (text) { if (status) { status.textContent = text; } };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(
          function () { say(button.getAttribute("data-copied")); },
          function () { input.select(); say(button.getAttribute("data-failed")); });
      } else {
        input.select();
        say(button.getAttribute("data-failed"));
      }
    });
  });
})();
