// playbook serve adds this script to every page it shows. It keeps a page
// in step with the site: it reloads the page after a rebuild that changed
// it (keeping the reader's scroll position), and leaves it as it is after
// one that did not; it swaps stylesheets in place when only they changed,
// and shows the errors of a failed build over the page until they are
// fixed. It is never published by playbook build.
(function () {
  "use strict";
  var key = "playbook-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener("load", function () { window.scrollTo(0, +y); });
    }
  } catch (e) {}

  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(problems) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "playbook-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build error");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,23,28,.92);color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    var h = document.createElement("h2");
    // A preview whose first build failed has no good version to show.
    h.textContent = document.documentElement.hasAttribute("data-playbook-unbuilt")
      ? "Build failed: the site could not be built yet. Fix the file and save, and it shows."
      : "Build failed: the last good version is shown underneath. Fix the file and save.";
    h.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;color:#ff8a80;margin:0 0 1rem";
    overlay.appendChild(h);
    problems.forEach(function (p) {
      var line = document.createElement("pre");
      line.className = "playbook-problem";
      line.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem;padding:.75rem 1rem;background:#2a1a1a;border-left:4px solid #ff8a80";
      // As the terminal prints it: no line when none is known.
      var at = p.file + (p.line ? ":" + p.line + (p.col ? ":" + p.col : "") : "");
      line.textContent = (at ? at + ": " : "") + p.message;
      overlay.appendChild(line);
    });
    document.body.appendChild(overlay);
  }

  // The server puts its event stream beside this script, and tells what
  // the page shows in the script's data: the build it was rendered from,
  // its path and the sum of its HTML, for the server to tell whether a
  // rebuild changed it. (Opened again by the browser, the stream is told
  // the build of the last event heard by the browser itself.)
  var script = document.currentScript;
  var events = new URL("events", script.src);
  events.searchParams.set("path", script.dataset.path || "");
  events.searchParams.set("page", script.dataset.page || "");
  var build = script.dataset.build || "";
  // A page kept as it was after a rebuild searches the new site.
  function rebuilt() {
    if (window.playbookSearch && window.playbookSearch.reset) window.playbookSearch.reset();
  }
  var handlers = {
    reload: function () {
      try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
      location.reload();
    },
    css: function () {
      hide();
      rebuilt();
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href);
        url.searchParams.set("t", Date.now());
        link.href = url.href;
      });
    },
    problems: function (e) { show(JSON.parse(e.data)); },
    ok: function () { hide(); rebuilt(); }
  };
  // A browser gives a site six connections, and each stream holds one:
  // a page out of sight lets its stream go, so that a seventh tab of the
  // preview still loads, and opens it again when shown, told the build
  // of the last event it heard, to catch up with what it missed.
  var source = null;
  function open() {
    if (source) return;
    events.searchParams.set("build", build);
    source = new EventSource(events.href);
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (e) {
        if (e.lastEventId) build = e.lastEventId;
        handlers[name](e);
      });
    });
  }
  function close() {
    if (source) { source.close(); source = null; }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) close(); else open();
  });
  if (!document.hidden) open();
})();
