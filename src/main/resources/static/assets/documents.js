// Documents pages: uploads and focus after an error. No inline script anywhere: the CSP forbids it.
//
// Uploads: files come from the drop zone (a real button: Enter or Space opens the file picker,
// files may also be dropped on it) or the picker itself, several at once. Each file is sent as its
// own raw request body (never multipart: the server streams it into encryption and never spools
// it) with XMLHttpRequest, because only XHR reports upload progress; the CSRF token travels in its
// header. Each file has its own progress bar (a native <progress>, so assistive technology reads
// its value), percent and bytes; screen readers hear one sentence per file started, finished or
// refused, never every percent. When all are done the list is fetched again and swapped in.
(function () {
  "use strict";

  var first = document.querySelector("[data-focus-on-load]");
  if (first) { first.focus(); }

  var form = document.getElementById("document-upload");
  var words = document.getElementById("upload-messages");
  if (!form || !words) { return; }
  var msg = words.dataset;
  var zone = document.getElementById("upload-drop");
  var input = document.getElementById("upload-files");
  var box = document.getElementById("upload-queue");
  var list = document.getElementById("upload-list");
  var status = document.getElementById("upload-status");
  var error = document.getElementById("upload-error");
  var start = document.getElementById("upload-start");
  var single = form.dataset.version === "true";
  var maxBytes = Number(msg.maxBytes) || 0;
  var queue = [];
  var busy = false;

  function fill(template, values) {
    return (template || "").replace(/%([a-z])/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function human(bytes) {
    var units = [msg.unitB, msg.unitKb, msg.unitMb, msg.unitGb];
    var value = bytes;
    var unit = 0;
    if (bytes >= 1024) {
      value = bytes / 1024;
      unit = 1;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
    }
    var digits = unit > 0 && value < 10 ? 1 : 0;
    var text;
    try {
      text = new Intl.NumberFormat(msg.lang || undefined, { maximumFractionDigits: digits }).format(value);
    } catch (e) {
      text = value.toFixed(digits);
    }
    return text + "\u00a0" + units[unit];
  }

  function say(text) {
    status.textContent = text;
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
    error.focus();
  }

  function clearFinished() {
    var finished = list.querySelectorAll("[data-state=done], [data-state=failed]");
    for (var i = 0; i < finished.length; i++) { finished[i].remove(); }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function add(files) {
    if (busy || !files || files.length === 0) { return; }
    error.hidden = true;
    clearFinished();
    if (single) {
      queue = [];
      list.textContent = "";
    }
    var count = single ? 1 : files.length;
    for (var i = 0; i < count; i++) {
      var file = files[i];
      var item = { file: file, state: "waiting", seen: [] };
      var li = element("li", "upload-item");
      li.dataset.state = "waiting";
      var head = element("div", "upload-item-head");
      var name = element("span", "upload-name", file.name);
      name.id = "upload-name-" + Date.now() + "-" + i;
      head.appendChild(name);
      head.appendChild(element("span", "upload-size", human(file.size)));
      var remove = element("button", "button button-quiet upload-remove");
      remove.type = "button";
      remove.appendChild(document.createTextNode(msg.msgRemove));
      remove.appendChild(element("span", "visually-hidden", " " + file.name));
      remove.addEventListener("click", removeItem(item));
      head.appendChild(remove);
      li.appendChild(head);
      var bar = element("progress", "upload-bar");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", fill(msg.msgBar, { f: file.name }));
      li.appendChild(bar);
      var text = element("p", "upload-progress", msg.msgWaiting);
      li.appendChild(text);
      var note = element("p", "upload-message");
      note.hidden = true;
      li.appendChild(note);
      item.li = li;
      item.bar = bar;
      item.text = text;
      item.note = note;
      item.remove = remove;
      queue.push(item);
      list.appendChild(li);
    }
    box.hidden = queue.length === 0;
  }

  function removeItem(item) {
    return function () {
      if (busy) { return; }
      queue = queue.filter(function (q) { return q !== item; });
      item.li.remove();
      box.hidden = list.children.length === 0;
      zone.focus();
    };
  }

  function fail(item, text) {
    item.state = "failed";
    item.li.dataset.state = "failed";
    item.text.textContent = msg.msgFailed;
    item.note.textContent = text;
    item.note.hidden = false;
    item.note.className = "upload-message field-message";
    say(item.file.name + ": " + msg.msgFailed + " " + text);
  }

  function progress(item, loaded, total) {
    var percent = total > 0 ? Math.floor(loaded * 100 / total) : 100;
    item.bar.value = percent;
    item.seen.push(percent);
    item.li.dataset.seen = item.seen.join(",");
    item.text.textContent = fill(msg.msgProgress, { p: percent, d: human(loaded), t: human(total) });
  }

  function query(item) {
    var params = new URLSearchParams();
    if (!single) {
      ["folder", "type", "title", "date", "tags", "sensitivity"].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field.value !== "") { params.set(name, field.value); }
      });
    }
    params.set("name", item.file.name);
    var strip = document.getElementById("upload-strip");
    if (strip && strip.checked) { params.set("strip", "true"); }
    var action = form.dataset.action;
    return action + (action.indexOf("?") < 0 ? "?" : "&") + params.toString();
  }

  function send(item, number, total) {
    return new Promise(function (resolve) {
      item.state = "uploading";
      item.li.dataset.state = "uploading";
      item.remove.remove();
      item.text.textContent = msg.msgUploading;
      say(fill(msg.msgStarting, { n: number, m: total, f: item.file.name }));
      progress(item, 0, item.file.size);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", query(item));
      xhr.setRequestHeader(form.dataset.csrfHeader, form.dataset.csrfToken);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) { progress(item, event.loaded, event.total); }
      });
      xhr.upload.addEventListener("load", function () {
        progress(item, item.file.size, item.file.size);
        item.text.textContent = fill(msg.msgProgress, { p: 100, d: human(item.file.size), t: human(item.file.size) }) + " " + msg.msgChecking;
      });
      xhr.addEventListener("load", function () {
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
        if ((xhr.status === 200 || xhr.status === 201) && answer && answer.location) {
          item.state = "done";
          item.li.dataset.state = "done";
          item.location = answer.location;
          item.text.textContent = "";
          var link = element("a", "upload-done", msg.msgDone);
          link.href = answer.location;
          link.appendChild(element("span", "visually-hidden", " " + item.file.name));
          item.text.appendChild(link);
          say(item.file.name + ": " + msg.msgDone);
        } else {
          fail(item, answer && answer.error ? answer.error : msg.msgFailed);
        }
        resolve(item);
      });
      xhr.addEventListener("error", function () { fail(item, msg.msgNetwork); resolve(item); });
      xhr.addEventListener("abort", function () { fail(item, msg.msgNetwork); resolve(item); });
      xhr.send(item.file);
    });
  }

  function refresh() {
    var target = document.getElementById("documents-listing");
    if (!target || !form.dataset.refresh) { return Promise.resolve(); }
    return fetch(form.dataset.refresh, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("refresh " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("documents-listing");
        if (fresh) {
          target.replaceWith(document.adoptNode(fresh));
        }
      });
  }

  function run() {
    var pending = queue.filter(function (q) { return q.state === "waiting"; });
    if (pending.length === 0) {
      showError(msg.msgNoFiles);
      zone.focus();
      return;
    }
    error.hidden = true;
    busy = true;
    start.disabled = true;
    zone.disabled = true;
    form.setAttribute("aria-busy", "true");
    var sendable = pending.filter(function (item) {
      if (item.file.size === 0) {
        fail(item, msg.msgEmpty);
        return false;
      }
      if (maxBytes > 0 && item.file.size > maxBytes) {
        fail(item, msg.msgTooLarge);
        return false;
      }
      return true;
    });
    var chain = Promise.resolve();
    sendable.forEach(function (item, index) {
      chain = chain.then(function () { return send(item, index + 1, sendable.length); });
    });
    chain.then(function () {
      var done = pending.filter(function (q) { return q.state === "done"; });
      var failed = pending.length - done.length;
      queue = queue.filter(function (q) { return q.state === "waiting"; });
      busy = false;
      start.disabled = false;
      zone.disabled = false;
      form.removeAttribute("aria-busy");
      form.dataset.finished = String(Number(form.dataset.finished || 0) + 1);
      if (single && done.length === 1) {
        window.location.assign(done[0].location);
        return;
      }
      say(fill(msg.msgAllDone, { n: done.length, m: failed }));
      if (done.length > 0) {
        refresh().then(function () { say(fill(msg.msgAllDone, { n: done.length, m: failed }) + " " + msg.msgListUpdated); })
          .catch(function () { /* the list shows the new documents on the next visit */ });
      }
      if (failed > 0) {
        var firstFailed = list.querySelector("[data-state=failed] .upload-message");
        if (firstFailed) {
          firstFailed.tabIndex = -1;
          firstFailed.focus();
        }
      }
    });
  }

  zone.addEventListener("click", function () {
    if (!busy) { input.click(); }
  });
  input.addEventListener("change", function () {
    add(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      if (event.dataTransfer) { event.dataTransfer.dropEffect = busy ? "none" : "copy"; }
      zone.classList.add("drop-zone-over");
    });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("drop-zone-over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("drop-zone-over");
    if (event.dataTransfer) { add(event.dataTransfer.files); }
  });
  // A file dropped beside the zone must not make the browser leave the page to show it.
  ["dragover", "drop"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types || [], "Files") >= 0) {
        event.preventDefault();
      }
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (busy) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!busy) { run(); }
  });

  // The sensitivity choice "as the folder says" names the folder's level.
  var folder = document.getElementById("upload-folder");
  var level = document.getElementById("upload-sensitivity");
  if (folder && level && level.options.length > 0) {
    var plain = level.options[0].textContent;
    var name = function () {
      var chosen = folder.options[folder.selectedIndex];
      var known = chosen ? chosen.getAttribute("data-default") : null;
      level.options[0].textContent = known ? plain + " (" + known + ")" : plain;
    };
    folder.addEventListener("change", name);
    name();
  }
}());
