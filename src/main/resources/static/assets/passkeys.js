// Passkeys (WebAuthn): sign in, confirm a second factor, add a passkey. No inline script: the
// pages mark their containers with data-passkey="signin" or data-passkey="register" and carry the
// CSRF header name and token, the messages and the addresses this script needs as data attributes.
(function () {
  "use strict";

  if (window.strongroomPasskeys) {
    return; // Already loaded by another fragment on this page.
  }
  window.strongroomPasskeys = true;
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return; // The containers stay hidden; password and authenticator-app sign-in remain.
  }

  function toBytes(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  }

  function post(container, url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    headers[container.dataset.csrfHeader] = container.dataset.csrfToken;
    return fetch(url, {
      method: "POST",
      headers: headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)
    });
  }

  // Only a path on this site: never follow a "continue" that leads elsewhere.
  function localPath(path) {
    return typeof path === "string" && /^\/(?![\/\\])/.test(path) ? path : null;
  }

  function showError(container, message) {
    var error = container.querySelector("[data-passkey-error]");
    if (!error) { return; }
    error.textContent = message;
    error.hidden = false;
    error.focus();
  }

  function clearError(container) {
    var error = container.querySelector("[data-passkey-error]");
    if (error) { error.hidden = true; error.textContent = ""; }
  }

  function failure(container, err) {
    var cancelled = err && (err.name === "NotAllowedError" || err.name === "AbortError");
    showError(container, cancelled ? container.dataset.msgCancelled : container.dataset.msgFailed);
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return Object.assign({}, d, { id: toBytes(d.id) }); });
  }

  async function signIn(container, button) {
    clearError(container);
    button.disabled = true;
    try {
      var optionsResponse = await post(container, "/webauthn/authenticate/options");
      if (!optionsResponse.ok) { throw new Error("options " + optionsResponse.status); }
      var options = await optionsResponse.json();
      var credential = await navigator.credentials.get({
        publicKey: Object.assign({}, options, {
          challenge: toBytes(options.challenge),
          allowCredentials: descriptors(options.allowCredentials)
        })
      });
      var response = credential.response;
      var result = await post(container, "/login/webauthn", {
        id: credential.id,
        rawId: toBase64url(credential.rawId),
        type: credential.type,
        response: {
          authenticatorData: toBase64url(response.authenticatorData),
          clientDataJSON: toBase64url(response.clientDataJSON),
          signature: toBase64url(response.signature),
          userHandle: response.userHandle ? toBase64url(response.userHandle) : undefined
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment || undefined
      });
      if (!result.ok) { throw new Error("assertion " + result.status); }
      var answer = await result.json();
      window.location.assign(localPath(container.dataset.continue) || localPath(answer.redirectUrl) || "/");
    } catch (err) {
      failure(container, err);
      button.disabled = false;
    }
  }

  async function register(container, form) {
    clearError(container);
    var input = form.querySelector("input[name='label']");
    var label = input.value.trim();
    if (label.length === 0 || Array.from(label).length > 60) {
      input.setAttribute("aria-invalid", "true");
      showError(container, container.dataset.msgLabel);
      return;
    }
    input.removeAttribute("aria-invalid");
    var submit = form.querySelector("button[type='submit']");
    submit.disabled = true;
    try {
      var optionsResponse = await post(container, "/webauthn/register/options");
      if (optionsResponse.status === 403) {
        // The last factor is too old (or the session ended): confirm it is you, then come back.
        window.location.assign(localPath(container.dataset.stepUp) || "/login");
        return;
      }
      if (!optionsResponse.ok) { throw new Error("options " + optionsResponse.status); }
      var options = await optionsResponse.json();
      var credential = await navigator.credentials.create({
        publicKey: Object.assign({}, options, {
          challenge: toBytes(options.challenge),
          user: Object.assign({}, options.user, { id: toBytes(options.user.id) }),
          excludeCredentials: descriptors(options.excludeCredentials)
        })
      });
      var response = credential.response;
      var result = await post(container, "/webauthn/register", {
        publicKey: {
          label: label,
          credential: {
            id: credential.id,
            rawId: toBase64url(credential.rawId),
            type: credential.type,
            response: {
              attestationObject: toBase64url(response.attestationObject),
              clientDataJSON: toBase64url(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment || undefined
          }
        }
      });
      if (!result.ok) { throw new Error("registration " + result.status); }
      window.location.assign(localPath(container.dataset.done) || "/");
    } catch (err) {
      failure(container, err);
      submit.disabled = false;
    }
  }

  document.querySelectorAll("[data-passkey='signin']").forEach(function (container) {
    var button = container.querySelector("[data-passkey-start]");
    if (!button) { return; }
    container.hidden = false;
    button.addEventListener("click", function () { signIn(container, button); });
  });

  document.querySelectorAll("[data-passkey='register']").forEach(function (container) {
    var form = container.querySelector("form");
    if (!form) { return; }
    container.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      register(container, form);
    });
  });
})();
