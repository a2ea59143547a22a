// playbook's default theme: the phone menu, the theme choice, and links
// that work when the site is opened from disk.
(function () {
  "use strict";
  var root = document.documentElement;

  // Opened from disk, a link to a folder shows a file listing, not the
  // page: point folder links at their index.html instead.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href) || href.charAt(0) === "#") return;
      var parts = href.split("#");
      if (parts[0] === "" || !/\/$/.test(parts[0])) return;
      parts[0] += "index.html";
      a.setAttribute("href", parts.join("#"));
    });
  }

  // The theme choice: follow the system, or keep light or dark. Without
  // JavaScript it stays hidden, and the system's choice applies.
  var choice = document.querySelector(".theme-choice");
  if (choice) {
    var current = root.dataset.theme || "system";
    choice.querySelectorAll("input[name=pb-theme]").forEach(function (input) {
      input.checked = input.value === current;
      input.addEventListener("change", function () {
        if (input.value === "system") {
          delete root.dataset.theme;
        } else {
          root.dataset.theme = input.value;
        }
        try {
          if (input.value === "system") localStorage.removeItem("playbook-theme");
          else localStorage.setItem("playbook-theme", input.value);
        } catch (e) {}
      });
    });
    choice.hidden = false;
    // Escape or a click elsewhere closes it, as a menu does.
    document.addEventListener("click", function (e) {
      if (choice.open && !choice.contains(e.target)) choice.open = false;
    });
    choice.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && choice.open) {
        choice.open = false;
        choice.querySelector("summary").focus();
      }
    });
  }

  // The menu on a phone opens with a checkbox, which works without
  // JavaScript; with it, Escape closes the menu, as does following a link
  // within the page.
  var navState = document.getElementById("pb-nav-open");
  var sidebar = document.getElementById("pb-sidebar");
  if (navState && sidebar) {
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && navState.checked) {
        navState.checked = false;
        navState.focus();
      }
    });
    sidebar.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a[href^='#']")) navState.checked = false;
    });
  }

  // Keep the current page in view in a long sidebar.
  var current = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 2;
  }
})();
