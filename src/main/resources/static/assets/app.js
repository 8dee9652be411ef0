// Small progressive enhancements. No inline script anywhere: the CSP forbids it.
(function () {
  "use strict";

  // "Show"/"Hide" buttons next to password fields.
  document.querySelectorAll("button[data-reveal]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-reveal"));
    if (!input) { return; }
    button.setAttribute("aria-controls", input.id);
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var showing = input.type === "text";
      input.type = showing ? "password" : "text";
      button.textContent = showing ? button.getAttribute("data-show") : button.getAttribute("data-hide");
      button.setAttribute("aria-pressed", showing ? "false" : "true");
      input.focus();
    });
  });

  // Apply the language as soon as it is picked; the button stays for keyboard and no-script users.
  var language = document.getElementById("lang");
  if (language && language.form) {
    language.addEventListener("change", function () { language.form.requestSubmit(); });
  }

  // Move focus to the first field with an error, so screen readers announce it.
  var invalid = document.querySelector("[aria-invalid='true']");
  if (invalid) { invalid.focus(); }
})();
