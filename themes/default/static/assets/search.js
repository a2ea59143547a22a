// playbook's search box: results as you type, from the index playbook
// writes into search/ (see package internal/search). The index is loaded
// as script files, each calling playbookSearch.add, because browsers
// refuse fetch from disk (file://); only the parts a query needs are
// loaded. Words are folded as the index folds them: accents dropped, lower
// case, CJK text by pairs of characters.
(function () {
  "use strict";
  var box = document.querySelector(".search");
  if (!box) return;

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

  var input = box.querySelector("input");
  var panel = box.querySelector(".search-panel");
  var chipsEl = box.querySelector(".search-chips");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector(".search-status");
  var root = box.getAttribute("data-root") || "";
  // The index's files of the build that wrote this page, whatever a cache
  // holds of another's.
  var version = box.getAttribute("data-version");
  // note says when no page has all the words: the results have some.
  var note = panel.insertBefore(document.createElement("p"), list);
  note.className = "search-note";
  note.hidden = true;
  var empty = panel.appendChild(document.createElement("p"));
  empty.className = "search-empty";
  empty.hidden = true;
  var fromDisk = location.protocol === "file:";
  // Shown by the script only: without it the box would do nothing.
  box.hidden = false;

  var FIELD = [1, 3, 6, 16]; // body, the type's fields, heading, title
  var EXACT = 1, PLURAL = 0.9, FORM = 0.8, PREFIX = 0.7, TYPO = 0.5;
  var SHOWN = 10;
  // MINPREFIX is the shortest word that matches longer ones: two letters
  // begin too many words (and would load many shards of a large index).
  var MINPREFIX = 3;

  var parts = {}; // name → {promise, resolve, data}
  var api = window.playbookSearch = {
    add: function (name, data) { part(name).resolve(data); },
    // ms is how long the last query took to compute and draw, once its
    // parts were loaded; the benchmarks read it.
    ms: 0,
    loaded: [],
    // reset forgets the parts loaded: the preview calls it when the site
    // was rebuilt under a page it did not reload, whose next query then
    // loads the index anew.
    reset: function () {
      parts = {};
      manifest = null;
      generation++;
    }
  };
  var generation = 0;

  function part(name) {
    var p = parts[name];
    if (!p) {
      p = parts[name] = {};
      p.promise = new Promise(function (resolve, reject) {
        p.resolve = function (d) { p.data = d; resolve(d); };
        p.reject = reject;
      });
    }
    return p;
  }

  // load returns a promise of the index part name, inserting its script
  // once; the script is resolved against the page (and its <base>).
  function load(name) {
    var p = part(name);
    if (!p.script && !p.data) {
      p.script = document.createElement("script");
      var query = [];
      if (version) query.push("v=" + version);
      if (generation) query.push(generation);
      p.script.src = root + "search/" + name + ".js" + (query.length ? "?" + query.join("&") : "");
      p.script.onerror = function () { p.reject(new Error("cannot load " + p.script.src)); };
      document.head.appendChild(p.script);
      api.loaded.push(name);
    }
    return p.promise;
  }

  var manifest = null;
  function loadManifest() {
    return load("index").then(function (m) {
      if (manifest) return manifest;
      manifest = m;
      manifest.stopSet = {};
      m.stop.forEach(function (w) { manifest.stopSet[w] = true; });
      if (m.k === 0) {
        part("t").resolve(m.terms);
        m.c = m.docs.length || 1;
      }
      return manifest;
    });
  }

  // Folding and tokenizing, as internal/search does it.
  var LETTERS = { "ß": "ss", "ł": "l", "œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h" };
  function fold(s) {
    return s.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC").toLowerCase()
      .replace(/[ßłœæøđðþıħ]/g, function (c) { return LETTERS[c]; });
  }
  function isCJK(c) {
    var r = c.codePointAt(0);
    return (r >= 0x2E80 && r <= 0x9FFF) || (r >= 0xAC00 && r <= 0xD7AF) ||
      (r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFF66 && r <= 0xFF9F) ||
      (r >= 0x20000 && r <= 0x3FFFF);
  }
  // runs splits folded text into words, CJK apart. Words joined by
  // hyphens or apostrophes are one ("e-mail" is "email", "don't" is
  // "dont", "customer's" is "customer"), as the index has them.
  var JOINER = { "-": true, "\u2010": true, "\u2011": true, "'": true, "\u2019": true };
  function isWord(c) { return c !== undefined && /[\p{L}\p{N}]/u.test(c); }
  function runs(s) {
    var cs = Array.from(s), out = [], i = 0;
    while (i < cs.length) {
      if (!isWord(cs[i])) { i++; continue; }
      var cjk = isCJK(cs[i]), w = "", parts = [];
      for (;;) {
        var run = "";
        while (isWord(cs[i]) && isCJK(cs[i]) === cjk) run += cs[i++];
        parts.push(run);
        if (cjk || !JOINER[cs[i]] || !isWord(cs[i + 1]) || isCJK(cs[i + 1])) break;
        parts.push(cs[i++]);
      }
      // A possessive's s ends no word of its own.
      var n = parts.length;
      if (n > 2 && parts[n - 1] === "s" && /['\u2019]/.test(parts[n - 2])) parts.length = n - 2;
      // The runs a hyphen parts: "follow-up" is written "follow up" too.
      var apart = [], run = "";
      for (var k = 0; k < parts.length; k += 2) {
        w += parts[k];
        run += parts[k];
        if (k + 1 >= parts.length || /['\u2019]/.test(parts[k + 1])) continue;
        apart.push(run);
        run = "";
      }
      if (apart.length) apart.push(run);
      out.push({ w: w, cjk: cjk, apart: apart });
    }
    return out;
  }
  // tokens returns the words of a query; the last, still being typed,
  // is kept even if it is a stop-word, as the beginning of a longer word.
  function tokens(q) {
    var rs = runs(fold(q)), out = [];
    var open = !/[\s\p{P}]$/u.test(q);
    rs.forEach(function (r, i) {
      var last = open && i === rs.length - 1;
      if (r.cjk) {
        var cs = Array.from(r.w);
        if (cs.length === 1) out.push({ t: cs[0], cjk: true });
        for (var j = 0; j + 1 < cs.length; j++) out.push({ t: cs[j] + cs[j + 1], cjk: true });
        return;
      }
      if (Array.from(r.w).length < 2) return;
      if (manifest.stopSet[r.w] && !last) return;
      var tok = { t: r.w, stop: !!manifest.stopSet[r.w], bases: bases(r.w) };
      // Its parts, each a word the page must have, are another way of
      // finding it, but for those too common to tell pages apart. A
      // part of one letter is no word written apart ("e-mail").
      var apart = r.apart.filter(function (p) { return !manifest.stopSet[p]; });
      // One part left ("check" of "check-in") would find every page that
      // has it: two at least, or none. Each is matched as a word, or its
      // plural, not as the start of a longer one: "follow" of "follow-up"
      // is not "followers".
      var words = apart.every(function (p) { return Array.from(p).length >= 2; });
      if (words && apart.length >= 2) tok.apart = apart.map(function (p) { return { t: p, whole: true }; });
      out.push(tok);
    });
    return out;
  }

  // shardOf returns the shard holding term t: the last whose first term
  // is not after t.
  function shardOf(t) {
    var b = manifest.bounds, lo = 0, hi = b.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (b[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // shardsFor names the shards a token needs: those holding the words it
  // begins (or the word itself, if it is too short to begin others), and
  // for a typo those sharing its first three letters.
  function shardsFor(tok) {
    if (manifest.k === 0) return ["t"];
    var from = tok.t, to = tok.t + "\uffff", names = [];
    if (!tok.cjk && tok.t.length < MINPREFIX) to = tok.t;
    if (!tok.cjk && tok.t.length >= 5) from = tok.t.slice(0, 3);
    // The word's singulars, and its plurals: policy's policies sort
    // before it, policies' policy after.
    if (!tok.cjk) {
      singulars(tok.t).forEach(function (w) {
        if (w < from) from = w;
        if (w + "\uffff" > to) to = w + "\uffff";
      });
      if (/y$/.test(tok.t) && tok.t.slice(0, -1) < from) from = tok.t.slice(0, -1);
      (tok.bases || []).forEach(function (b) {
        if (b < from) from = b;
        if (b + "\uffff" > to) to = b + "\uffff";
      });
    }
    for (var i = shardOf(from), j = shardOf(to); i <= j; i++) names.push("t" + i);
    return names;
  }

  // bases returns the stems of the forms of a verb that w may be, so that
  // one form finds the others: missed finds missing and misses, quoting
  // finds quote and quoted, stopped finds stop, surveying finds surveys.
  // Only for words of five letters or more, whose stem keeps three.
  function bases(w) {
    if (w.length < 5) return [];
    var m = /^(.{3,}?)(ing|ed)$/.exec(w);
    if (!m) return /[^e]e$/.test(w) ? [w.slice(0, -1)] : [w];
    var b = m[1], out = [b];
    if (/([b-df-hj-np-tv-z])\1$/.test(b)) out.push(b.slice(0, -1)); // stopp: stop
    if (m[2] === "ed" && /i$/.test(b)) out.push(b.slice(0, -1) + "y"); // appli: apply
    return out;
  }
  // FORMS are the endings a stem of bases takes in the forms it finds.
  var FORMS = { "": true, e: true, s: true, es: true, ed: true, ing: true };
  // isForm reports whether term is a form of a verb tok may be (see
  // bases): a stem and an ending, its last consonant doubled before -ed
  // and -ing (stop, stopped).
  function isForm(tok, term) {
    var bs = tok.bases || [];
    for (var i = 0; i < bs.length; i++) {
      var b = bs[i];
      if (term.lastIndexOf(b, 0) !== 0) continue;
      var rest = term.slice(b.length);
      if (FORMS[rest]) return true;
      if (rest[0] === b[b.length - 1] && (rest.slice(1) === "ed" || rest.slice(1) === "ing")) return true;
    }
    return false;
  }
  // singulars returns the words w may be the plural of, so that a word
  // finds its plural and the reverse: promises → promise, boxes → box,
  // policies → policy. Not words in -ss, -us or -is (process, status,
  // analysis), nor of fewer than three letters.
  function singulars(w) {
    if (w.length < 4 || w[w.length - 1] !== "s" || /(ss|us|is)$/.test(w)) return [];
    var out = [w.slice(0, -1)];
    if (/es$/.test(w)) out.push(w.slice(0, -2));
    if (/ies$/.test(w)) out.push(w.slice(0, -3) + "y");
    return out.filter(function (s) { return s.length >= 3; });
  }
  // oneEdit reports whether a and b are at most one edit apart: one
  // letter changed, added, dropped, or two swapped.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  // how returns how term matches token: EXACT, PLURAL, FORM, PREFIX, TYPO
  // or 0.
  function how(tok, term) {
    var t = tok.t;
    if (term === t) return tok.stop ? 0 : EXACT;
    if (!tok.cjk && term.charCodeAt(0) === t.charCodeAt(0) && Math.abs(term.length - t.length) < 3 &&
      (singulars(t).indexOf(term) >= 0 || singulars(term).indexOf(t) >= 0)) return PLURAL;
    if (!tok.cjk && isForm(tok, term)) return FORM;
    if (tok.whole) return 0;
    if ((tok.cjk || t.length >= MINPREFIX) && term.lastIndexOf(t, 0) === 0) return PREFIX;
    if (tok.cjk || t.length < 5 || term.slice(0, 3) !== t.slice(0, 3)) return 0;
    if (oneEdit(t, term)) return TYPO;
    // As you type: one edit away from the beginning of the term.
    for (var n = t.length - 1; n <= t.length + 1; n++) {
      if (n < term.length && oneEdit(t, term.slice(0, n))) return TYPO;
    }
    return 0;
  }

  function termsOf(names) {
    var out = [];
    names.forEach(function (n) { out.push(parts[n].data); });
    return out;
  }

  // rank scores every document for the tokens, in typed arrays (a site
  // may have tens of thousands of pages): for each token, the best score
  // of each document and the section it is in. It returns the documents
  // matching the most tokens, of the chosen type: how many there are of
  // each type, and the best SHOWN by score.
  function rank(toks) {
    var n = manifest.n, per = [];
    var total = new Float64Array(n), hits = new Uint8Array(n);
    // scores sets, for each document, the best score of tok in it and
    // the section it is in.
    function scores(tok, best, sec) {
      termsOf(shardsFor(tok)).forEach(function (terms) {
        for (var term in terms) {
          var m = how(tok, term);
          if (!m) continue;
          var ps = terms[term], d = 0;
          for (var i = 0; i < ps.length; i += 2) {
            d += ps[i];
            var code = ps[i + 1], sc = FIELD[code & 3] * m;
            if (sc > best[d]) { best[d] = sc; sec[d] = code >> 2; }
          }
        }
      });
    }
    toks.forEach(function (tok) {
      var best = new Float32Array(n), sec = new Uint16Array(n);
      per.push({ best: best, sec: sec });
      scores(tok, best, sec);
      if (tok.apart) {
        // A page with every part of a hyphened word has it written
        // apart: scored as its part found worst, below the word whole.
        var least = null, leastSec = null;
        tok.apart.forEach(function (p) {
          var b = new Float32Array(n), s = new Uint16Array(n);
          scores(p, b, s);
          if (!least) { least = b; leastSec = s; return; }
          for (var d = 0; d < n; d++) {
            if (b[d] < least[d]) { least[d] = b[d]; leastSec[d] = s[d]; }
          }
        });
        for (var d = 0; d < n; d++) {
          var sc = least[d] * PLURAL;
          if (sc > best[d]) { best[d] = sc; sec[d] = leastSec[d]; }
        }
      }
      // How rare a word is counts the pages of all the words it finds,
      // not of each: else a word it begins, rarer than itself (heat,
      // HeatNation), would weigh more than the word itself.
      var df = 0, d;
      for (d = 0; d < n; d++) if (best[d] > 0) df++;
      var idf = Math.log(1 + n / (df || 1));
      for (d = 0; d < n; d++) {
        if (best[d] > 0) { best[d] *= idf; hits[d]++; total[d] += best[d]; }
      }
    });
    var most = 0, d;
    for (d = 0; d < n; d++) if (hits[d] > most) most = hits[d];
    var out = { count: 0, all: 0, counts: {}, top: [], most: most };
    if (!most) return out;
    for (d = 0; d < n; d++) {
      if (hits[d] !== most) continue;
      var t = typeOf(d);
      out.counts[t] = (out.counts[t] || 0) + 1;
      out.all++;
      if (filter && t !== filter) continue;
      out.count++;
      // Keep the best SHOWN, best first; ties keep site order.
      var top = out.top;
      if (top.length === SHOWN && total[d] <= total[top[SHOWN - 1]]) continue;
      var j = Math.min(top.length, SHOWN - 1);
      while (j > 0 && total[top[j - 1]] < total[d]) { top[j] = top[j - 1]; j--; }
      top[j] = d;
    }
    // A result links to the section most of its words are found in (a
    // title has none).
    out.top = out.top.map(function (d) {
      var secs = {}, bestSec = 0, bestScore = 0;
      per.forEach(function (p) {
        if (p.sec[d] > 0) secs[p.sec[d]] = (secs[p.sec[d]] || 0) + p.best[d];
      });
      for (var k in secs) if (secs[k] > bestScore) { bestScore = secs[k]; bestSec = +k; }
      return { id: d, sec: bestSec };
    });
    return out;
  }

  function docOf(id) {
    var c = manifest.c;
    var chunk = manifest.k === 0 ? manifest.docs : parts["d" + Math.floor(id / c)].data;
    var a = chunk[id % c];
    return { url: a[0], title: a[1], type: a[2], path: a[3], chain: a[4], sections: a[5] };
  }

  // quiet is set while Esc gives the focus back to the box.
  var seq = 0, results = [], active = -1, filter = "", quiet = false;
  function search() {
    var q = input.value, my = ++seq;
    // An empty box starts afresh: the next query is not filtered.
    if (!q.trim()) { filter = ""; close(); return Promise.resolve(); }
    return loadManifest().then(function () {
      var toks = tokens(q);
      var need = [];
      toks.forEach(function (tok) {
        need = need.concat(shardsFor(tok));
        (tok.apart || []).forEach(function (p) { need = need.concat(shardsFor(p)); });
      });
      return Promise.all(need.map(load)).then(function () {
        if (my !== seq) return;
        var t0 = performance.now();
        var ranked = rank(toks);
        // A type chosen for an earlier query that this one does not
        // find is let go, rather than hide the pages it finds.
        if (filter && !ranked.count && ranked.all) {
          filter = "";
          ranked = rank(toks);
        }
        var chunks = {};
        if (manifest.k !== 0) ranked.top.forEach(function (r) { chunks["d" + Math.floor(r.id / manifest.c)] = true; });
        var pending = Object.keys(chunks).filter(function (c) { return !parts[c] || !parts[c].data; });
        var spent = performance.now() - t0;
        return Promise.all(pending.map(load)).then(function () {
          if (my !== seq) return;
          var t1 = performance.now();
          draw(q, toks, ranked);
          // Reading a size lays the results out: the time counts it.
          void list.offsetHeight;
          api.ms = spent + performance.now() - t1;
          api.shown = q;
        });
      });
    }).catch(function (e) {
      if (my !== seq) return;
      open(true);
      list.textContent = "";
      status.textContent = empty.textContent = word("search_unavailable", "Search is unavailable: {error}", {error: e.message});
      empty.hidden = false;
    });
  }

  // typeOf reads a document's type from the manifest, which has them all
  // so that chips count and filter without loading documents.
  function typeOf(id) {
    return manifest.types[manifest.doctypes.charCodeAt(id) - 97][0];
  }
  function typeName(t) {
    for (var i = 0; i < manifest.types.length; i++) if (manifest.types[i][0] === t) return manifest.types[i][1];
    return t;
  }

  function href(d, sec) {
    var url = root + d.url;
    if (fromDisk && (url === "" || /\/$/.test(url))) url += "index.html";
    if (url === "") url = "./";
    var s = d.sections[sec];
    return s && s[0] ? url + "#" + encodeURIComponent(s[0]) : url;
  }

  function draw(q, toks, ranked) {
    drawChips(ranked.counts, ranked.all);
    list.textContent = "";
    results = ranked.top;
    // Open, so that the snippets can be cut to the panel's width.
    open(true);
    var chars = snippetChars();
    results.forEach(function (r, i) {
      var d = docOf(r.id);
      var li = el("li", "search-result");
      li.id = "pb-search-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = el("a");
      a.href = href(d, r.sec);
      a.tabIndex = -1;
      // The words found are marked in the title and the heading too:
      // a page found by its title has them nowhere else, often.
      var title = el("span", "search-title");
      title.appendChild(marked(el("span", "search-page"), d.title, marks(d.title, toks), 0));
      var sec = d.sections[r.sec];
      if (r.sec > 0 && sec && sec[1]) {
        var h = title.appendChild(el("span", "search-heading", " › "));
        marked(h, sec[1], marks(sec[1], toks), 0);
      }
      a.appendChild(title);
      var meta = el("span", "search-meta");
      meta.appendChild(el("span", "badge search-type", typeName(d.type)));
      if (d.chain) meta.appendChild(el("span", "badge badge-" + d.chain.replace(/ /g, "-"), word("chain_" + d.chain.replace(/ /g, "-"), d.chain)));
      if (d.path) meta.appendChild(el("span", "search-path", d.path));
      a.appendChild(meta);
      var snip = snippet(d, r.sec, toks, chars);
      if (snip) a.appendChild(snip);
      li.appendChild(a);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); });
      list.appendChild(li);
    });
    active = results.length ? 0 : -1;
    mark();
    var n = ranked.count, some = n > 0 && ranked.most < toks.length;
    note.textContent = some ? word("search_some_words", "No page has all the words: these have some of them.") : "";
    note.hidden = !some;
    status.textContent = n === 0 ? word("search_no_results", "No results for {query}", {query: q.trim()}) :
      (some ? word("search_some_words_short", "No page has all the words.") + " " : "") +
      (filter ? word("search_count_filtered", "{count} of {all} results, {type} only", {count: n, all: ranked.all, type: typeName(filter)}) :
        word("search_count", {one: "{count} result", other: "{count} results"}, {count: n})) +
      (n > SHOWN ? word("search_first_shown", ", the first {shown} shown", {shown: SHOWN}) : "");
    empty.textContent = n === 0 ? status.textContent : "";
    empty.hidden = n !== 0;
  }

  function drawChips(counts, all) {
    chipsEl.textContent = "";
    var types = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    if (types.length < 2 && !filter) return;
    [""].concat(types).forEach(function (t) {
      var b = el("button", "search-chip", (t ? typeName(t) : word("search_all", "All")) + " " + (t ? counts[t] : all));
      b.type = "button";
      b.setAttribute("aria-pressed", filter === t ? "true" : "false");
      b.addEventListener("click", function () {
        filter = filter === t ? "" : t;
        search();
        input.focus();
      });
      chipsEl.appendChild(b);
    });
  }

  // snippetChars returns about how many characters the two lines of a
  // snippet hold, the panel as wide as it is: a phone's hold half of a
  // desktop's, and the words found must be in them to be seen.
  function snippetChars() {
    var w = list.clientWidth || 560;
    return Math.max(60, Math.round(2 * (w - 24) / 7));
  }

  // snippet returns the line of a result: about chars characters around
  // the words found in the text of section sec, or else of the first
  // section that has any (a word may be found in a section that links to
  // the page), or else the section's beginning. It shows where most of
  // the query's words are found together, a few words before them, the
  // words marked.
  function snippet(d, sec, toks, chars) {
    var texts = [d.sections[sec]].concat(d.sections), text = "", mk = [];
    for (var i = 0; i < texts.length && !mk.length; i++) {
      var t = texts[i] && texts[i][2];
      if (!t) continue;
      if (!text) text = t;
      var m = marks(t, toks);
      if (m.length) { text = t; mk = m; }
    }
    if (!text) return null;
    var lead = Math.round(chars / 5), from = 0, most = 0;
    mk.forEach(function (m) {
      var seen = {}, n = 0;
      mk.forEach(function (o) {
        if (o[0] >= m[0] && o[1] <= m[0] + chars - lead && !seen[o[2]]) { seen[o[2]] = true; n++; }
      });
      if (n > most) { most = n; from = m[0]; }
    });
    var start = 0, end = text.length;
    // A few words before the first one found, cut at a space.
    if (from > lead) start = text.lastIndexOf(" ", from - lead) + 1;
    if (end - start > chars * 2) {
      end = text.lastIndexOf(" ", start + chars * 2);
      if (end <= from) end = start + chars * 2;
    }
    var p = el("span", "search-snippet");
    if (start > 0) p.appendChild(document.createTextNode("…"));
    marked(p, text.slice(0, end), mk, start);
    if (end < text.length && !/…$/.test(text.slice(0, end))) p.appendChild(document.createTextNode("…"));
    return p;
  }
  // marks returns where in text the words of the query are, as [start,
  // end) pairs in order.
  function marks(text, toks) {
    var out = [], re = /[\p{L}\p{N}]+(?:['\u2019\u2010\u2011-][\p{L}\p{N}]+)*/gu, part = /[\p{L}\p{N}]+/gu, m, p;
    while ((m = re.exec(text))) {
      // A word joined by hyphens or apostrophes is marked whole when
      // the query has it as one, else where its parts are found.
      var n = out.length, r = /[^\p{L}\p{N}]/u.test(m[0]) && runs(fold(m[0]));
      if (r && r.length === 1) matchesWord(r[0].w, toks, m.index, out, m[0].length);
      if (out.length > n) continue;
      part.lastIndex = 0;
      while ((p = part.exec(m[0]))) matchesWord(fold(p[0]), toks, m.index + p.index, out, 0, p[0].length);
    }
    // Pairs of CJK characters overlap: merge their marks.
    out.sort(function (a, b) { return a[0] - b[0]; });
    return out.reduce(function (all, mk) {
      var last = all[all.length - 1];
      if (last && mk[0] <= last[1]) last[1] = Math.max(last[1], mk[1]);
      else all.push(mk);
      return all;
    }, []);
  }
  // marked appends to p the text from start, its marks in <mark>.
  function marked(p, text, mk, start) {
    var at = start;
    mk.forEach(function (m) {
      if (m[0] < at || m[0] >= text.length) return;
      p.appendChild(document.createTextNode(text.slice(at, m[0])));
      p.appendChild(el("mark", "", text.slice(m[0], m[1])));
      at = m[1];
    });
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  // matchesWord adds to marks where word w, folded, is, at at, if it is
  // one of toks; size is the length in the text of a word joined by
  // hyphens, and length that of w as written ("Straße" folds to seven
  // letters).
  function matchesWord(w, toks, at, marks, size, length) {
    for (var i = 0; i < toks.length; i++) {
      var tok = toks[i];
      if (tok.cjk) {
        for (var k = w.indexOf(tok.t); k >= 0; k = w.indexOf(tok.t, k + 1)) {
          marks.push([at + k, at + k + tok.t.length, i]);
        }
        continue;
      }
      if (w.length === 0 || w.length > 60) continue;
      // As the search matches: a word of under MINPREFIX letters marks
      // itself, not the words it begins, which it did not find. The
      // parts of a hyphened word mark themselves where written apart.
      var alike = function (t) { return w === t.t || how(t, w); };
      if (alike(tok) || (!size && tok.apart && tok.apart.some(alike))) {
        marks.push([at, at + (size || length || w.length), i]);
        return;
      }
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function open(yes) {
    panel.hidden = !yes;
    input.setAttribute("aria-expanded", yes ? "true" : "false");
    if (!yes) input.removeAttribute("aria-activedescendant");
  }
  function close() {
    seq++;
    open(false);
    list.textContent = "";
    results = [];
    active = -1;
  }
  function mark() {
    Array.prototype.forEach.call(list.children, function (li, i) {
      li.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    if (active >= 0) {
      var li = list.children[active];
      input.setAttribute("aria-activedescendant", li.id);
      if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  input.addEventListener("focus", function () {
    loadManifest().catch(function () {});
    if (!quiet && input.value.trim() && panel.hidden) search();
  });
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (e) {
    var n = results.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (panel.hidden) { search(); e.preventDefault(); return; }
      if (!n) return;
      active = (active + (e.key === "ArrowDown" ? 1 : n - 1)) % n;
      mark();
      e.preventDefault();
    } else if (e.key === "Enter") {
      if (active >= 0 && !panel.hidden) {
        e.preventDefault();
        location.href = list.children[active].querySelector("a").href;
      }
    } else if (e.key === "Escape") {
      if (!panel.hidden) close();
      else { input.value = ""; filter = ""; }
      e.preventDefault();
    }
  });
  // Esc on a chip closes the results too, and takes the focus back to
  // the box, without opening them again.
  box.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || e.target === input || panel.hidden) return;
    e.preventDefault();
    close();
    quiet = true;
    input.focus();
    quiet = false;
  });
  box.addEventListener("focusout", function (e) {
    if (!box.contains(e.relatedTarget)) open(false);
  });
  // A link may carry a query: page.html?q=refund opens its results.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search();
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) || e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
