// Clients pages: the master index's search box (a combobox over live results) and focus on the
// first thing to read after an error (the error summary, the duplicates, the conflict). No inline
// script anywhere: the CSP forbids it.
(function () {
  "use strict";

  var first = document.querySelector("[data-focus-on-load]");
  if (first) { first.focus(); }

  var input = document.getElementById("client-search");
  var box = document.getElementById("client-search-results");
  var status = document.getElementById("client-search-status");
  if (!input || !box || !status) { return; }

  var endpoint = input.getAttribute("data-search");
  var timer = null;
  var sequence = 0;
  var active = -1;

  // ARIA 1.2 combobox: focus stays in the input; the selected option is its active descendant.
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", "client-search-listbox");

  function options() {
    return box.querySelectorAll("[role=option]");
  }

  function select(index) {
    var list = options();
    for (var i = 0; i < list.length; i++) {
      list[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0 && list[index]) {
      input.setAttribute("aria-activedescendant", list[index].id);
      list[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function clear() {
    box.textContent = "";
    input.setAttribute("aria-expanded", "false");
    select(-1);
  }

  function search() {
    var query = input.value.trim();
    var mine = ++sequence;
    if (query.length < 2) {
      clear();
      status.textContent = query.length === 1 ? input.getAttribute("data-too-short") : "";
      return;
    }
    fetch(endpoint + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { throw new Error("search " + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (mine !== sequence) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var inner = doc.querySelector(".client-search-inner");
        if (!inner) { throw new Error("search answer"); }
        box.replaceChildren(document.adoptNode(inner));
        var count = options().length;
        input.setAttribute("aria-expanded", count > 0 ? "true" : "false");
        select(-1);
        status.textContent = inner.getAttribute("data-announce") || "";
      })
      .catch(function () {
        if (mine === sequence) {
          clear();
          status.textContent = input.getAttribute("data-failed");
        }
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });

  input.addEventListener("keydown", function (event) {
    var list = options();
    if (event.key === "ArrowDown" && list.length > 0) {
      event.preventDefault();
      select(active + 1 >= list.length ? 0 : active + 1);
    } else if (event.key === "ArrowUp" && list.length > 0) {
      event.preventDefault();
      select(active <= 0 ? list.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && list[active]) {
      event.preventDefault();
      window.location.assign(list[active].getAttribute("data-href"));
    } else if (event.key === "Escape" && (input.value !== "" || list.length > 0)) {
      event.preventDefault();
      clearTimeout(timer);
      sequence++;
      input.value = "";
      clear();
      status.textContent = "";
    }
  });

  box.addEventListener("click", function (event) {
    var option = event.target.closest("[role=option]");
    if (option && !event.target.closest("a")) {
      window.location.assign(option.getAttribute("data-href"));
    }
  });

  // A query already in the box (back button, or the no-script results page) shows its results at once.
  if (input.value.trim().length >= 2 && !document.getElementById("results-heading")) { search(); }
})();
