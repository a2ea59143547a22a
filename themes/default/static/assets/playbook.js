// playbook's default theme: the phone menu, the theme choice, links
// that work when the site is opened from disk and say where they lead on
// paper, the day a page was printed, stacked tables' keyboard stops,
// tabs, and Alignment's filters.
(function () {
  "use strict";
  var root = document.documentElement;

  // word returns the text of a key of the words the page gives its
  // scripts (<script id="pb-words">, written where the site's language is
  // not English), or en, the English one; {name} in it is vals' value,
  // and a table of plural forms is chosen by vals.count.
  var words = {};
  try {
    var wordsEl = document.getElementById("pb-words");
    if (wordsEl) words = JSON.parse(wordsEl.textContent);
  } catch (e) { words = {}; }
  function word(key, en, vals) {
    vals = vals || {};
    var t = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : en;
    if (t && typeof t === "object") {
      var cat = "other";
      try { cat = new Intl.PluralRules(document.documentElement.lang || "en").select(vals.count); } catch (e) {}
      t = t[cat] !== undefined ? t[cat] : t.other;
    }
    return String(t).replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(vals, k) ? vals[k] : m; });
  }

  // A table stacked on a phone, or shown as cards where the text is
  // narrow (see .table-stack and .table-cards in playbook.css), has
  // nothing to scroll: its box is no keyboard stop there, as it is where
  // it scrolls sideways.
  [[".table-stack[tabindex]", "(max-width: 40rem)"],
   [".table-cards[tabindex]", "(max-width: 44rem), (min-width: 52.0625rem) and (max-width: 68rem)"]].forEach(function (kind) {
    var stacked = window.matchMedia(kind[1]);
    var stops = function () {
      document.querySelectorAll(kind[0]).forEach(function (box) {
        box.tabIndex = stacked.matches ? -1 : 0;
      });
    };
    stops();
    stacked.addEventListener("change", stops);
  });

  // On paper the footer also says the day the page was printed: the
  // copy is of that day, whatever the site says later. Written as the
  // site writes its dates ("2 Jan 2006" in English).
  var footer = document.querySelector("body > .footer");
  if (footer) {
    var months = words.months || ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    window.addEventListener("beforeprint", function () {
      var d = new Date();
      var date = word("date", "{day} {month} {year}", {day: d.getDate(), month: months[d.getMonth()], year: d.getFullYear()});
      footer.setAttribute("data-printed", word("printed", "Printed {date}", {date: date}));
    });
    window.addEventListener("afterprint", function () { footer.removeAttribute("data-printed"); });
  }

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

  // A set of tabs is written as its tabs one below the other, each a
  // <details open> under its name: what paper and a reader without
  // JavaScript get. On screen it becomes a tab widget, as WAI-ARIA's
  // Authoring Practices draw one: a strip of the names (one keyboard stop,
  // the arrows, Home and End move along it and show the tab reached) over
  // the one panel shown. The others are hidden "until found": the
  // browser's find in page, or a link to something in one, shows it (see
  // beforematch); where that is not known, a link still does (openAt).
  // Sets with a tab of the same name ("macOS", "Windows") switch together,
  // and the names chosen are kept for the site's other pages, the latest
  // first, as Docusaurus's groupId and MkDocs's linked tabs do.
  var tabSets = [], tabKey = "playbook-tabs", tabsChosen = [];
  try { tabsChosen = JSON.parse(localStorage.getItem(tabKey)) || []; } catch (e) {}
  if (!Array.isArray(tabsChosen)) tabsChosen = [];
  var showTab = function (set, k) {
    set.tabs.forEach(function (tab, j) {
      tab.setAttribute("aria-selected", j === k ? "true" : "false");
      tab.tabIndex = j === k ? 0 : -1;
      // A panel hidden until found keeps its box: no keyboard stop, and
      // nothing a screen reader is given.
      set.panels[j].tabIndex = j === k ? 0 : -1;
      if (j === k) {
        set.panels[j].removeAttribute("hidden");
        set.panels[j].removeAttribute("aria-hidden");
      } else {
        set.panels[j].setAttribute("hidden", "until-found");
        set.panels[j].setAttribute("aria-hidden", "true");
      }
    });
    // The strip scrolls on a phone: the tab shown stays in it.
    var strip = set.list.getBoundingClientRect(), r = set.tabs[k].getBoundingClientRect();
    if (r.left < strip.left || r.right > strip.right) set.list.scrollLeft += r.left - strip.left;
  };
  var nameOf = function (tab) { return tab.textContent.trim(); };
  // chooseTab shows tab k of set and the tabs of its name in the other
  // sets, the tab chosen staying where it is on the screen as the sets
  // above it change height, and keeps the name.
  var chooseTab = function (set, k) {
    var name = nameOf(set.tabs[k]), top = set.tabs[k].getBoundingClientRect().top;
    tabSets.forEach(function (other) {
      var j = other === set ? k : other.tabs.map(nameOf).indexOf(name);
      if (j >= 0) showTab(other, j);
    });
    window.scrollBy(0, set.tabs[k].getBoundingClientRect().top - top);
    tabsChosen = [name].concat(tabsChosen.filter(function (n) { return n !== name; })).slice(0, 20);
    try { localStorage.setItem(tabKey, JSON.stringify(tabsChosen)); } catch (e) {}
  };
  document.querySelectorAll(".tabs").forEach(function (box, i) {
    var details = Array.prototype.filter.call(box.children, function (c) { return c.matches("details.tab"); });
    if (!details.length) return;
    var set = { list: document.createElement("div"), tabs: [], panels: [] };
    set.list.className = "tab-list";
    set.list.setAttribute("role", "tablist");
    details.forEach(function (d, j) {
      var summary = d.querySelector(":scope > summary");
      var tab = document.createElement("button"), panel = document.createElement("div"), title = document.createElement("p");
      tab.type = "button";
      tab.id = "pb-tab-" + i + "-" + j;
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", "pb-tabpanel-" + i + "-" + j);
      tab.textContent = summary ? summary.textContent : "";
      // The name stays over its panel for paper, where every panel shows.
      title.className = "tab-title";
      title.textContent = tab.textContent;
      panel.id = "pb-tabpanel-" + i + "-" + j;
      panel.className = "tab-panel";
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.appendChild(title);
      if (summary) summary.remove();
      while (d.firstChild) panel.appendChild(d.firstChild);
      d.replaceWith(panel);
      tab.addEventListener("click", function () { chooseTab(set, j); });
      panel.addEventListener("beforematch", function () { showTab(set, j); });
      set.list.appendChild(tab);
      set.tabs.push(tab);
      set.panels.push(panel);
    });
    set.list.addEventListener("keydown", function (e) {
      var k = set.tabs.indexOf(document.activeElement), n = set.tabs.length;
      var to = { ArrowLeft: k - 1, ArrowRight: k + 1, Home: 0, End: n - 1 }[e.key];
      if (k < 0 || to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      to = (to + n) % n;
      set.tabs[to].focus();
      chooseTab(set, to);
    });
    set.panels[0].before(set.list);
    // The strip is named by the heading of the part of the page it is
    // in ("Install"), which a screen reader says with it; the heading's
    // anchor (#) is hidden from one.
    var heading = null;
    document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6").forEach(function (h) {
      if (h.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
    });
    if (heading && heading.id) set.list.setAttribute("aria-labelledby", heading.id);
    else if (heading) set.list.setAttribute("aria-label", heading.textContent.trim());
    box.classList.add("tabbed");
    tabSets.push(set);
    // The name chosen last that the set has, else its first tab.
    var names = set.tabs.map(nameOf), k = 0;
    for (var c = 0; c < tabsChosen.length; c++) {
      if (names.indexOf(tabsChosen[c]) >= 0) { k = names.indexOf(tabsChosen[c]); break; }
    }
    showTab(set, k);
  });
  // openAt shows the tabs holding the element of id, and reports whether
  // one was hidden.
  var openAt = function (id) {
    var el = null, opened = false;
    try { el = document.getElementById(decodeURIComponent(id)); } catch (e) {}
    for (var p = el && el.closest(".tab-panel"); p; p = p.parentElement.closest(".tab-panel")) {
      if (!p.hidden) continue;
      tabSets.forEach(function (set) {
        var j = set.panels.indexOf(p);
        if (j >= 0) showTab(set, j);
      });
      opened = true;
    }
    return opened && el;
  };
  if (tabSets.length) {
    var openHash = function () {
      var el = location.hash.length > 1 && openAt(location.hash.slice(1));
      if (el) el.scrollIntoView();
    };
    window.addEventListener("hashchange", openHash);
    // A link to where the page already is changes no hash.
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest('a[href^="#"]');
      if (a && a.getAttribute("href").length > 1) openAt(a.getAttribute("href").slice(1));
    });
    openHash();
  }

  // On paper a link's address is lost: a link of the text to another page
  // of the playbook prints where it leads, the page's path from the site's
  // root (see the print stylesheet), which a reader can find again. The
  // root is where the site's title leads.
  var brand = document.querySelector("a.brand");
  if (brand) {
    var rootPath = new URL(brand.getAttribute("href"), location.href).pathname.replace(/index\.html$/, "");
    document.querySelectorAll(".prose a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) return;
      var url = new URL(href, location.href);
      if (url.pathname.indexOf(rootPath) !== 0 || url.pathname === location.pathname) return;
      var hash = url.hash;
      try { hash = decodeURIComponent(hash); } catch (e) {}
      var path = url.pathname.slice(rootPath.length).replace(/index\.html$/, "");
      a.setAttribute("data-print-path", (path || "home page") + hash);
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
  }

  // The theme choice and the version switcher open over the page: Escape
  // (giving the focus back to the button), a click elsewhere or the focus
  // moving on closes them, as a menu does.
  document.querySelectorAll("details.theme-choice, details.versions").forEach(function (menu) {
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        // Taken: the phone menu under it stays open.
        e.preventDefault();
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    menu.addEventListener("focusout", function (e) {
      if (menu.open && e.relatedTarget && !menu.contains(e.relatedTarget)) menu.open = false;
    });
  });

  // A long list of versions scrolls (see the stylesheet): it opens with
  // the version read in view.
  var versions = document.querySelector("details.versions");
  if (versions) {
    versions.addEventListener("toggle", function () {
      var list = versions.querySelector("ul"), read = versions.querySelector('a[aria-current="true"]');
      if (versions.open && list && read && list.scrollHeight > list.clientHeight) {
        list.scrollTop = read.parentNode.offsetTop - list.clientHeight / 2;
      }
    });
  }

  // A link to this page in another version (the switcher's, the
  // banner's) keeps the reader's place: it leads to the section read,
  // which the other version most likely has too, else to the top.
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[data-keep-place]");
    if (!link) return;
    // The link as written, without the section of an earlier click (a
    // page come back to keeps its links as they were left).
    var href = link.getAttribute("data-href") || link.getAttribute("href");
    link.setAttribute("data-href", href);
    // The section read is the last one whose heading is above a line a
    // quarter down the window, under the top bar; at the end of a page
    // scrolled, whose last heading may not reach that line, the last in
    // the window.
    var bar = document.querySelector(".topbar"), below = bar ? bar.getBoundingClientRect().bottom : 0;
    var end = window.scrollY > 0 && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    var top = end ? window.innerHeight : below + (window.innerHeight - below) / 4, at = "";
    document.querySelectorAll("main :is(h2, h3)[id]").forEach(function (h) {
      if (h.getBoundingClientRect().top <= top) at = h.id;
    });
    link.setAttribute("href", at ? href + "#" + encodeURIComponent(at) : href);
  });

  // The menu on a phone opens with a checkbox, which works without
  // JavaScript but which a screen reader announces as a checkbox. Here a
  // button takes its place, and the checkbox and its label go, so that
  // there is one control: the button says whether the menu is open
  // (aria-expanded, which the stylesheet shows the menu by). Escape
  // closes the menu, the focus back on the button, as does following a
  // link within the page.
  var sidebar = document.getElementById("pb-sidebar");
  var navButton = document.querySelector("button.nav-toggle[aria-controls='pb-sidebar']");
  if (navButton && sidebar) {
    var navState = document.getElementById("pb-nav-open");
    var setOpen = function (open) { navButton.setAttribute("aria-expanded", open ? "true" : "false"); };
    if (navState) {
      // Tapped before this script ran: the menu stays open.
      setOpen(navState.checked);
      document.querySelectorAll("label[for='pb-nav-open']").forEach(function (label) { label.remove(); });
      navState.remove();
    }
    navButton.hidden = false;
    navButton.addEventListener("click", function () {
      setOpen(navButton.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (e) {
      // An Escape the search or a popover took closes that alone.
      if (e.key === "Escape" && !e.defaultPrevented && navButton.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        navButton.focus();
      }
    });
    // The skip link as well: the page it leads to is hidden under the menu.
    document.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a[href^='#']")) setOpen(false);
    });
  }

  // Keep the current page in view in a long sidebar.
  var current = sidebar && sidebar.querySelector('[aria-current="page"]');
  if (current && sidebar.scrollHeight > sidebar.clientHeight) {
    sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 2;
  }
  // On this page, in its column beside the text, marks the section being
  // read, as a reader's finger would: the last whose heading has passed a
  // line just under the top bar (a heading a link of the column leads to
  // stops above it, see scroll-padding-top). Above the first heading, in
  // the page's introduction, no section is marked; at the end of the page,
  // whose last headings may never reach the line, the last heading in the
  // window is. Headings come in the page's order, so a binary search finds
  // the section with a few reads of the layout, on a long page too.
  var toc = document.querySelector("nav.toc");
  var tocLinks = [], tocHeads = [];
  if (toc) {
    toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
      var id = a.getAttribute("href").slice(1), h;
      try { id = decodeURIComponent(id); } catch (e) {}
      h = document.getElementById(id);
      if (h) { tocLinks.push(a); tocHeads.push(h); }
    });
  }
  if (tocLinks.length) {
    var topBar = document.querySelector(".topbar"), marked = null, queued = false;
    var passed = function (line) {
      // The number of headings whose top is at or above line.
      var lo = 0, hi = tocHeads.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (tocHeads[mid].getBoundingClientRect().top <= line) lo = mid + 1; else hi = mid;
      }
      return lo;
    };
    var mark = function () {
      queued = false;
      // The column is hidden on narrow screens, where the folded box
      // above the text stands in for it.
      if (!toc.getClientRects().length) return;
      var rem = parseFloat(getComputedStyle(root).fontSize) || 16;
      var line = (topBar ? topBar.getBoundingClientRect().bottom : 0) + 2 * rem;
      var end = window.scrollY > 0 && window.innerHeight + window.scrollY >= root.scrollHeight - 2;
      var at = passed(end ? window.innerHeight : line) - 1;
      var link = at >= 0 ? tocLinks[at] : null;
      if (link === marked) return;
      if (marked) marked.removeAttribute("aria-current");
      marked = link;
      if (!link) return;
      link.setAttribute("aria-current", "location");
      // A long outline scrolls in its column: the link marked stays in
      // view there, a third down, moved at once. Only the column scrolls,
      // never the page, as scrollIntoView would.
      if (toc.scrollHeight > toc.clientHeight) {
        var box = toc.getBoundingClientRect(), r = link.getBoundingClientRect();
        if (r.top < box.top || r.bottom > box.bottom) {
          toc.scrollTop += r.top - box.top - toc.clientHeight / 3;
        }
      }
    };
    var queue = function () {
      if (!queued) { queued = true; requestAnimationFrame(mark); }
    };
    window.addEventListener("scroll", queue, { passive: true });
    window.addEventListener("resize", queue);
    // Images and fonts arriving move the headings.
    window.addEventListener("load", queue);
    mark();
  }

  // Alignment's filters: by owner and by status, kept in the URL's query
  // (?owner=...&status=...) so that a filtered view can be shared. A row
  // names its owner and statuses in data-owner and data-status.
  var filters = document.querySelector("[data-filters]");
  if (filters && "filtersSplit" in filters.dataset) {
    // An Alignment split over pages: the filters go to the list chosen,
    // an owner's by status under the owner's. Each option names its list.
    var ownerSel = filters.elements.owner, statusSel = filters.elements.status;
    var target = function (owner, status) {
      var o = owner && ownerSel.querySelector('option[value="' + CSS.escape(owner) + '"]');
      var s = status && statusSel.querySelector('option[value="' + CSS.escape(status) + '"]');
      var url = o && s ? o.dataset.url + s.value + "/" : (o || s || ownerSel.options[0]).dataset.url;
      // Opened from disk, a folder shows a file listing, not the page.
      return location.protocol === "file:" ? url + "index.html" : url;
    };
    // A link shared before Alignment was split: ?owner=...&status=...
    var old = new URLSearchParams(location.search);
    if (old.has("owner") || old.has("status")) {
      location.replace(target(old.get("owner"), old.get("status")) + location.hash);
    } else {
      var go = function () { location.assign(target(ownerSel.value, statusSel.value)); };
      // A choice made with the mouse opens its list at once; one made with
      // the keyboard waits for Enter or Show, for the arrows that step
      // through the choices change the value as they go.
      var typed = false;
      filters.addEventListener("pointerdown", function () { typed = false; });
      filters.addEventListener("keydown", function (e) {
        if (e.target.tagName !== "SELECT") return;
        if (e.key === "Enter") {
          e.preventDefault();
          go();
        } else if (e.key !== "Tab" && e.key !== "Shift") {
          typed = true;
        }
      });
      filters.addEventListener("change", function () { if (!typed) go(); });
      filters.addEventListener("submit", function (e) { e.preventDefault(); go(); });
      filters.hidden = false;
    }
  } else if (filters) {
    var byOwner = filters.elements.owner, byStatus = filters.elements.status;
    var query = new URLSearchParams(location.search);
    [byOwner, byStatus].forEach(function (select) {
      var want = query.get(select.name);
      if (want && select.querySelector('option[value="' + CSS.escape(want) + '"]')) select.value = want;
    });
    var apply = function (changed) {
      var owner = byOwner.value, status = byStatus.value;
      document.querySelectorAll("[data-filter-row]").forEach(function (row) {
        row.hidden = !!owner && row.dataset.owner !== owner ||
          !!status && (" " + row.dataset.status + " ").indexOf(" " + status + " ") < 0;
      });
      document.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-row]:not([hidden])");
      });
      document.querySelectorAll("[data-filter-owner]").forEach(function (section) {
        section.hidden = !!owner && section.dataset.filterOwner !== owner ||
          !!status && !section.querySelector("[data-filter-row]:not([hidden])");
      });
      var rows = document.querySelectorAll("table.alignment [data-filter-row]");
      var shown = Array.prototype.filter.call(rows, function (row) { return !row.hidden; }).length;
      // The count names the filters, so that a screen reader says each
      // change, even one that shows as many promises as the last.
      var named = [];
      if (owner) named.push(word("filter_owner", "owner {owner}", {owner: byOwner.selectedOptions[0].text}));
      if (status) named.push(word("filter_status", "status {status}", {status: byStatus.selectedOptions[0].text}));
      filters.querySelector("[data-filter-count]").textContent =
        named.length ? word("filter_showing", "Showing {shown} of {total} promises: {filters}.", {shown: shown, total: rows.length, filters: named.join(", ")}) :
        changed === true ? word("filter_showing_all", "Showing all {total} promises.", {total: rows.length}) : "";
      // A list that shows nothing says so, in place of its empty table
      // or its heading with nothing under it.
      document.querySelectorAll("[data-filter-scope]").forEach(function (scope) {
        var any = !!scope.querySelector("tr[data-filter-row]:not([hidden]), [data-filter-owner]:not([hidden])");
        var table = scope.querySelector(".table-wrap"), empty = scope.querySelector("[data-filter-empty]");
        if (table) table.hidden = !any;
        if (empty) empty.hidden = any;
      });
      // Always owner, then status: one view, one URL.
      query.delete("owner");
      query.delete("status");
      if (owner) query.set("owner", owner);
      if (status) query.set("status", status);
      var search = query.toString();
      try {
        history.replaceState(null, "", (search ? "?" + search : location.pathname) + location.hash);
      } catch (e) {}
    };
    filters.addEventListener("change", function () { apply(true); });
    // A count of promises leads to the first of them; it shows only them,
    // of every owner, as it counts them.
    document.querySelectorAll("[data-status-link]").forEach(function (link) {
      link.addEventListener("click", function () {
        byOwner.value = "";
        byStatus.value = link.dataset.statusLink;
        apply();
      });
    });
    filters.addEventListener("submit", function (e) { e.preventDefault(); });
    filters.hidden = false;
    apply();
  }
})();
