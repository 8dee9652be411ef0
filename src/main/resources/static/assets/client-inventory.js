// The catalogue, data inventory and export pages: move focus to the error summary, so a screen
// reader announces every problem at once and each links to its field. Runs after app.js (which
// focuses the first invalid field) and takes precedence.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
