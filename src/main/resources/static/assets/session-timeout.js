// Warns two minutes before an idle session ends and offers to keep it. Loaded only on the pages
// of a signed-in person (fragments/session-timeout.html), which carry the idle timeout in
// <meta name="session-idle-seconds"> and the dialog in <template id="session-timeout-dialog">.
// Tabs share the time of the last activity through localStorage, so an active tab keeps the
// warning away in the others. No inline script anywhere: the CSP forbids it.
(function () {
  "use strict";

  var meta = document.querySelector("meta[name='session-idle-seconds']");
  var template = document.getElementById("session-timeout-dialog");
  var idleSeconds = meta ? parseInt(meta.getAttribute("content"), 10) : NaN;
  if (!template || !(idleSeconds > 0)) { return; }

  var WARN_BEFORE_MS = Math.min(120000, idleSeconds * 500);
  var STORAGE_KEY = "strongroom.session.lastActive";
  var idleMs = idleSeconds * 1000;
  var dialog = null;
  var returnFocus = null;
  var timer = null;
  var localActive = Date.now();

  function lastActive() {
    var stored = 0;
    try { stored = parseInt(window.localStorage.getItem(STORAGE_KEY), 10) || 0; } catch (e) { stored = 0; }
    return Math.max(stored, localActive);
  }

  function touched() {
    localActive = Date.now();
    try { window.localStorage.setItem(STORAGE_KEY, String(localActive)); } catch (e) { /* private mode */ }
    schedule();
  }

  function csrfToken() {
    var input = document.querySelector("form[action$='/logout'] input[name='_csrf']")
      || document.querySelector("input[name='_csrf']");
    return input ? input.value : "";
  }

  function expired() {
    window.location.assign("/login?expired");
  }

  function closeDialog() {
    if (dialog && dialog.open) { dialog.close(); }
    if (returnFocus && typeof returnFocus.focus === "function") { returnFocus.focus(); }
    returnFocus = null;
  }

  function stay() {
    fetch("/session/keep-alive", {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRF-TOKEN": csrfToken() }
    }).then(function (response) {
      if (response.status === 204) {
        closeDialog();
        touched();
      } else {
        expired();
      }
    }, expired);
  }

  function signOut() {
    var form = document.querySelector("form[action$='/logout']");
    if (form) { form.requestSubmit ? form.requestSubmit() : form.submit(); } else { expired(); }
  }

  function showDialog() {
    if (!dialog) {
      dialog = template.content.firstElementChild.cloneNode(true);
      document.body.appendChild(dialog);
      dialog.querySelector("[data-session-stay]").addEventListener("click", stay);
      dialog.querySelector("[data-session-sign-out]").addEventListener("click", signOut);
      // Escape means the person is here: treat it as "stay signed in".
      dialog.addEventListener("cancel", function (event) { event.preventDefault(); stay(); });
    }
    if (dialog.open) { return; }
    returnFocus = document.activeElement;
    if (typeof dialog.showModal === "function") { dialog.showModal(); } else { dialog.setAttribute("open", ""); }
    dialog.querySelector("[data-session-stay]").focus();
  }

  function check() {
    var remaining = lastActive() + idleMs - Date.now();
    if (remaining <= 0) {
      expired();
      return;
    }
    if (remaining <= WARN_BEFORE_MS) {
      showDialog();
    } else if (dialog && dialog.open) {
      // Another tab kept the session alive.
      closeDialog();
    }
    schedule();
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    var remaining = lastActive() + idleMs - Date.now();
    var next = remaining > WARN_BEFORE_MS ? remaining - WARN_BEFORE_MS : Math.min(remaining, 5000);
    timer = window.setTimeout(check, Math.max(250, Math.min(next, 30000)));
  }

  // Requests made without reloading the page (htmx) also count as activity on the server.
  document.addEventListener("htmx:afterRequest", touched);
  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) { check(); }
  });
  touched();
})();
