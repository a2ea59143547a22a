// playbook's default theme: navigation toggle, light/dark switch, and links
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

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var dark = root.dataset.theme
        ? root.dataset.theme === "dark"
        : matchMedia("(prefers-color-scheme: dark)").matches;
      root.dataset.theme = dark ? "light" : "dark";
      try { localStorage.setItem("playbook-theme", root.dataset.theme); } catch (e) {}
    });
  }

  var navToggle = document.querySelector(".nav-toggle");
  var sidebar = document.getElementById("pb-sidebar");
  if (navToggle && sidebar) {
    navToggle.addEventListener("click", function () {
      var open = document.body.classList.toggle("nav-open");
      navToggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Keep the current page in view in a long sidebar.
  var current = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 2;
  }
})();
