package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeEnv names the file of axe-core's axe.min.js, which .ci/run installs
// from npm (axe-core 4.14, MPL-2.0) outside the repository.
const axeEnv = "PLAYBOOK_AXE"

// readerTimeout bounds the whole of TestBrowserReaderSite: one browser
// walks every page of the example site at two phone widths and runs axe on
// each kind of page four times.
const readerTimeout = 5 * time.Minute

// A readerPage is one page of the example site to check.
type readerPage struct {
	name string // what it is: "home", "promise", "404"...
	path string // under the site's root
	// status is what the host answers: 200, or 404 for the page shown
	// in place of a missing one.
	status int64
}

// TestBrowserReaderSite checks the example playbook as readers see it, on
// phones and desktops, in light and dark: no page is wider than a phone's
// window, the menu opens full height and scrolls with JavaScript and
// without, the theme choice has three states and says which is on, and
// axe-core finds no violation on any kind of page.
func TestBrowserReaderSite(t *testing.T) {
	findChromium(t)
	axe := axeSource(t)
	dir := buildExampleForBrowser(t)
	srv, _ := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	all, kinds := readerPages(t, dir)

	ctx, cancel := context.WithTimeout(t.Context(), readerTimeout)
	defer cancel()
	browser := startChromium(t, ctx)
	tab := func(t *testing.T) *chromeTab { return &chromeTab{t: t, ctx: browser.ctx} }

	t.Run("no page is wider than a phone's window, and its top bar fits", func(t *testing.T) {
		b := tab(t)
		for _, width := range []int64{320, 390} {
			b.do("set the window", chromedp.EmulateViewport(width, 700))
			for _, p := range all {
				b.openPage(p, base)
				if msg := tabValue(b, p.path+": width", chromedp.Evaluate[string](tooWideJS)); msg != "" {
					t.Errorf("%s (%s) at %d px: %s", p.name, p.path, width, msg)
				}
				if msg := tabValue(b, p.path+": top bar", chromedp.Evaluate[string](headerCutJS)); msg != "" {
					t.Errorf("%s (%s) at %d px: %s", p.name, p.path, width, msg)
				}
			}
		}
	})

	t.Run("a table shown as blocks or cards is no keyboard stop and does not scroll; one that scrolls is a stop", func(t *testing.T) {
		b := tab(t)
		for _, c := range []struct {
			page, path, boxes string
			width             int64
			stop              int
		}{
			{"a guide with a table of four columns", "guides/crm-fields/", ".table-stack", 390, -1},
			{"a guide with a table of four columns", "guides/crm-fields/", ".table-stack", 1280, 0},
			{"Alignment on a phone", "alignment/", ".table-cards", 390, -1},
			// Beside the sidebar the text is as narrow as on a tablet.
			{"Alignment beside the sidebar", "alignment/", ".table-cards", 900, -1},
			{"Alignment on a desktop", "alignment/", ".table-cards", 1280, 0},
		} {
			b.do("set the window", chromedp.EmulateViewport(c.width, 800))
			b.open(c.page, base+c.path)
			boxes := tabValue(b, c.boxes+" boxes", chromedp.Evaluate[[][2]int](
				`Array.from(document.querySelectorAll('`+c.boxes+`'), el => [el.tabIndex, el.scrollWidth - el.clientWidth])`))
			if len(boxes) == 0 {
				t.Fatalf("%s: no %s", c.page, c.boxes)
			}
			for _, box := range boxes {
				if box[0] != c.stop {
					t.Errorf("%s at %d px: a %s box's tabIndex is %d, want %d", c.page, c.width, c.boxes, box[0], c.stop)
				}
				if c.stop == -1 && box[1] > 0 {
					t.Errorf("%s at %d px: a %s box scrolls %d px sideways", c.page, c.width, c.boxes, box[1])
				}
			}
		}
	})

	// A short phone: the menu holds more than fits.
	for _, js := range []bool{true, false} {
		name := "the menu opens full height and scrolls with JavaScript"
		if !js {
			name = "the menu opens full height and scrolls without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			b := tab(t)
			b.do("set the window", chromedp.EmulateViewport(390, 480))
			b.do("scripts", scriptsDisabled(!js))
			defer b.do("scripts back on", scriptsDisabled(false))
			checkMenu(b, base+"behaviours/sales/", js)
		})
	}

	t.Run("a heading that wraps keeps its lines together", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(390, 844))
		for _, p := range kinds {
			b.openPage(p, base)
			loose := tabValue(b, p.path+": headings", chromedp.Evaluate[[]string](looseHeadingsJS))
			for _, h := range loose {
				t.Errorf("%s (%s): %s", p.name, p.path, h)
			}
		}
	})

	// A fact on a line of its own needs no mark; a step of the trail on
	// a line of its own does, or it reads as a label of the page's.
	t.Run("the mark between a page's facts never starts a line, and every step of the trail but the first has its mark", func(t *testing.T) {
		b := tab(t)
		for _, width := range []int64{320, 390, 1280} {
			b.do("set the window", chromedp.EmulateViewport(width, 800))
			for _, p := range kinds {
				b.openPage(p, base)
				for _, c := range []struct{ sel, js string }{{".meta-line", factMarksJS}, {".breadcrumbs ol", trailMarksJS}} {
					js := fmt.Sprintf(c.js, jsQuote(c.sel))
					for _, msg := range tabValue(b, p.path+": "+c.sel, chromedp.Evaluate[[]string](js)) {
						t.Errorf("%s (%s) at %d px, %s: %s", p.name, p.path, width, c.sel, msg)
					}
				}
			}
		}
	})

	t.Run("on a phone a short crumb of the trail is a finger wide with no gap before its mark", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(390, 800))
		b.open("a behaviour", base+"behaviours/sales/book-survey-on-first-call/")
		for _, msg := range tabValue(b, "the trail", chromedp.Evaluate[[]string](shortCrumbJS)) {
			t.Error(msg)
		}
	})

	// Its place in the page's order is where a screen reader reads it
	// and where Tab reaches it; on the screen it starts beside the title
	// (a battlecard's table of contents is of its notes, under the card).
	t.Run("On this page starts beside the title on a desktop, follows the page's header in the page's order, before the text, and stays in view", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(1280, 800))
		beside, placed := 0, 0
		for _, p := range kinds {
			b.openPage(p, base)
			at := tabValue(b, p.path+": table of contents", chromedp.Evaluate[[]float64](`(() => {
				const toc = document.querySelector('.toc'), head = document.querySelector('main .page-header');
				if (!toc || !toc.getClientRects().length || document.body.classList.contains('type-competitor')) return [];
				return [toc.getBoundingClientRect().top, head.getBoundingClientRect().top];
			})()`))
			if len(at) > 0 {
				beside++
				if at[0] > at[1] {
					t.Errorf("%s (%s): On this page starts %.0f px down, below the top of the page's header (%.0f px)", p.name, p.path, at[0], at[1])
				}
			}
			msg := tabValue(b, p.path+": On this page's place", chromedp.Evaluate[string](tocPlaceJS))
			if msg == "none" {
				continue
			}
			placed++
			if msg != "" {
				t.Errorf("%s (%s): %s", p.name, p.path, msg)
			}
		}
		if beside < 5 || placed < 5 {
			t.Errorf("On this page shows beside the title on %d kinds of page, and in its place on %d, want 5 or more", beside, placed)
		}
	})

	t.Run("on a phone a control or a link that stands alone is a finger's size", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(390, 844))
		menu := readerPage{name: "the open menu", path: "behaviours/sales/", status: http.StatusOK}
		for _, p := range append(kinds, menu) {
			b.openPage(p, base)
			if p == menu {
				b.do("open the menu", chromedp.Click(".nav-toggle"))
			}
			for _, s := range tabValue(b, p.path+": targets", chromedp.Evaluate[[]string](smallTargetsJS)) {
				t.Errorf("%s (%s): %s", p.name, p.path, s)
			}
		}

		// Paper is as narrow as a phone, and nothing on it is tapped.
		b.open("Alignment", base+"alignment/")
		b.do("print", emulatedMedia("print"))
		defer b.do("screen", emulatedMedia(""))
		if h := tabValue(b, "an owner's link on paper", chromedp.Evaluate[float64](`document.querySelector('.owner-index a').getBoundingClientRect().height`)); h >= 40 {
			t.Errorf("printed, an owner's link on Alignment is %.0f px high, a finger's size", h)
		}
	})

	t.Run("a site title too long for two lines on a phone shows two, and nothing of a third", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(390, 844))
		b.open("home", base)
		lines := tabValue(b, "the title's lines", chromedp.Evaluate[float64](`(() => {
			const brand = document.querySelector('.brand');
			brand.lastChild.textContent = ' The Kestrel Heat and Solar Sales Enablement Playbook';
			return brand.getBoundingClientRect().height / parseFloat(getComputedStyle(brand).lineHeight);
		})()`))
		if lines > 2.01 {
			t.Errorf("the site title shows %.2f lines, want 2", lines)
		}
	})

	t.Run("on a phone the count tiles of Alignment and Review fill the width, two to a row", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(390, 844))
		for _, path := range []string{"alignment/", "review/"} {
			b.open(path, base+path)
			narrow := tabValue(b, path+": tiles", chromedp.Evaluate[[]string](`(() => {
				const box = document.querySelector('.summary'), w = box.clientWidth, gap = parseFloat(getComputedStyle(box).columnGap) || 0;
				return Array.from(box.children).filter(s => s.getBoundingClientRect().width < (w - gap) / 2 - 1)
					.map(s => s.textContent.trim().replace(/\s+/g, ' ') + ': ' + Math.round(s.getBoundingClientRect().width) + ' px of ' + w);
			})()`))
			for _, n := range narrow {
				t.Errorf("%s: a tile narrower than half the row: %s", path, n)
			}
		}
	})

	t.Run("on a phone On this page is a folded box above the text, the column's links; on a desktop only the column shows", func(t *testing.T) {
		b := tab(t)
		shown := 0
		for _, p := range kinds {
			b.do("set the window", chromedp.EmulateViewport(390, 844))
			b.openPage(p, base)
			msg := tabValue(b, p.path+": On this page", chromedp.Evaluate[string](`(() => {
				const box = document.querySelector('.toc-inline'), column = document.querySelector('.toc');
				if (!column) return box ? 'a folded On this page with no column of its own' : 'none';
				if (!box || !box.getClientRects().length) return 'no folded On this page on a phone';
				if (box.querySelector('details').open) return 'On this page is open, not folded';
				const prose = document.querySelector('main .prose');
				if (!(box.compareDocumentPosition(prose) & Node.DOCUMENT_POSITION_FOLLOWING)) return 'On this page is not above the text';
				const gap = prose.getBoundingClientRect().top - box.getBoundingClientRect().bottom;
				if (gap > 40) return 'the text starts ' + Math.round(gap) + ' px below On this page, want a heading\'s space at most';
				const links = el => Array.from(el.querySelectorAll('a'), a => a.getAttribute('href')).join(' ');
				if (links(box) !== links(column)) return 'its links are ' + links(box) + ', the column\'s ' + links(column);
				box.querySelector('summary').click();
				const a = box.querySelector('a');
				if (!a.getClientRects().length) return 'opened, it shows no link';
				if (!document.getElementById(decodeURIComponent(a.hash.slice(1)))) return 'its first link ' + a.hash + ' leads nowhere';
				return '';
			})()`))
			if msg == "none" {
				continue
			}
			shown++
			if msg != "" {
				t.Errorf("%s (%s) at 390 px: %s", p.name, p.path, msg)
			}
			b.do("set the window", chromedp.EmulateViewport(1280, 800))
			if both := tabValue(b, p.path+": On this page on a desktop", chromedp.Evaluate[bool](`!!document.querySelector('.toc-inline')?.getClientRects().length`)); both {
				t.Errorf("%s (%s) at 1280 px: the folded On this page shows beside the column", p.name, p.path)
			}
		}
		if shown < 5 {
			t.Errorf("On this page is on %d kinds of page, want 5 or more", shown)
		}
	})

	t.Run("the theme choice has three states and shows which is on", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(1280, 800))
		defer b.do("system colours back", prefersDark(false))
		checkThemeChoice(b, base)
	})

	t.Run("in forced colours a badge is outlined, a dot is a ring, the chain's arrows keep their heads and the health bar its parts", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(1280, 800))
		b.do("forced colours", forcedColors(true))
		defer b.do("colours back", forcedColors(false))
		b.open("the home page", base)
		if got := tabValue(b, "the home page", chromedp.Evaluate[[]string](forcedColorsHomeJS)); len(got) > 0 {
			t.Errorf("the home page in forced colours: %s", strings.Join(got, "; "))
		}
		b.open("a promise", base+"promises/appointments-kept/")
		if got := tabValue(b, "a promise", chromedp.Evaluate[[]string](forcedColorsArrowsJS+" .concat("+forcedColorsDotsJS+")")); len(got) > 0 {
			t.Errorf("a promise in forced colours: %s", strings.Join(got, "; "))
		}
	})

	t.Run("a sidebar link the keyboard scrolls to shows its whole focus ring", func(t *testing.T) {
		b := tab(t)
		b.do("set the window", chromedp.EmulateViewport(1280, 500))
		b.open("a page with a long sidebar", base+"behaviours/sales/")
		cut := tabValue(b, "tab through the sidebar", chromedp.Evaluate[[]string](`(() => {
			const side = document.getElementById('pb-sidebar'), cut = [];
			for (const a of Array.from(side.querySelectorAll('a[href]')).filter(a => a.getClientRects().length)) {
				a.focus();
				const r = a.getBoundingClientRect(), s = side.getBoundingClientRect(), cs = getComputedStyle(a);
				const ring = parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
				if (r.top - ring < s.top || r.bottom + ring > s.bottom) cut.push(a.textContent.trim());
			}
			return cut;
		})()`))
		if len(cut) > 0 {
			t.Errorf("the focus ring of %d sidebar links is cut by the sidebar's edge: %q", len(cut), cut)
		}
	})

	t.Run("the theme choice opens in the window and closes by keyboard", func(t *testing.T) {
		b := tab(t)
		for _, width := range []int64{320, 390, 1280} {
			b.do("set the window", chromedp.EmulateViewport(width, 800))
			b.open("home", base)
			checkPopover(b, base, "details.theme-choice", width)
		}
	})

	for _, v := range []struct {
		name   string
		width  int64
		height int64
		dark   bool
	}{
		{"phone, light", 390, 844, false},
		{"phone, dark", 390, 844, true},
		{"desktop, light", 1280, 900, false},
		{"desktop, dark", 1280, 900, true},
	} {
		t.Run("axe finds no violation: "+v.name, func(t *testing.T) {
			b := tab(t)
			b.do("set the window", chromedp.EmulateViewport(v.width, v.height), prefersDark(v.dark))
			defer b.do("system colours back", prefersDark(false))
			for _, p := range kinds {
				b.openPage(p, base)
				for _, f := range runAxe(b, axe) {
					t.Errorf("%s (%s): %s", p.name, p.path, f)
				}
			}
		})
	}
}

// openReaderPages builds the example playbook, serves it under a sub-path
// and starts Chromium for the rest of t (readerTimeout at most); it
// returns the tab, the site's address and one page of each kind (see
// readerPages).
func openReaderPages(t *testing.T) (*chromeTab, string, []readerPage) {
	t.Helper()
	findChromium(t)
	dir := buildExampleForBrowser(t)
	srv, _ := serveUnderPrefix(t, dir)
	_, kinds := readerPages(t, dir)
	ctx, cancel := context.WithTimeout(t.Context(), readerTimeout)
	t.Cleanup(cancel)
	return startChromium(t, ctx), srv.URL + browserSitePrefix, kinds
}

// readerPages lists the pages of the build in dir: all of them, and one of
// each kind (home, a section, a page of each type, the generated pages and
// the 404 page), preferring a page that holds a table.
func readerPages(t *testing.T, dir string) (all, kinds []readerPage) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		path := filepath.ToSlash(rel) + "/"
		if path == "./" {
			path = ""
		}
		all = append(all, readerPage{name: path, path: path, status: http.StatusOK})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	missing := readerPage{name: "404", path: "promises/no-such-promise/", status: http.StatusNotFound}
	all = append(all, missing)
	kinds = []readerPage{
		{name: "home", path: "", status: http.StatusOK},
		{name: "section", path: "promises/", status: http.StatusOK},
		{name: "alignment", path: "alignment/", status: http.StatusOK},
		{name: "tags", path: "tags/", status: http.StatusOK},
		{name: "roles", path: "roles/", status: http.StatusOK},
		missing,
	}
	for _, typ := range []struct{ name, folder string }{
		{"promise", "promises"}, {"behaviour", "behaviours/sales"}, {"faq", "faqs"},
		{"competitor", "competitors"}, {"campaign", "campaigns"}, {"persona", "personas"},
		{"standard", "standards"}, {"positioning", "positioning"}, {"page", "guides"}, {"tag", "tags"}, {"role", "roles"},
	} {
		pages, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(typ.folder), "*", "index.html"))
		if len(pages) == 0 {
			t.Fatalf("no %s page in %s", typ.name, typ.folder)
		}
		slices.Sort(pages)
		pick := pages[0]
		for _, p := range pages {
			if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), "<table") {
				pick = p
				break
			}
		}
		kinds = append(kinds, readerPage{
			name:   typ.name,
			path:   typ.folder + "/" + filepath.Base(filepath.Dir(pick)) + "/",
			status: http.StatusOK,
		})
	}
	return all, kinds
}

// openPage loads p and checks the host's answer.
func (b *chromeTab) openPage(p readerPage, base string) {
	b.t.Helper()
	resp := tabValue(b, "open "+p.path, chromedp.NavigateResponse(base+p.path))
	if resp == nil || resp.Status != p.status {
		b.t.Fatalf("open %s (%s): response %+v, want status %d", p.name, p.path, resp, p.status)
	}
}

// tocPlaceJS says how On this page's column is out of its place, or ""
// ("none" on a page without it): after the page's header in the page's
// order and before the text (.prose) and what comes between (the
// promise, the facts: .article-main); scrolled a screen down a long page,
// it still stands at the top of the window, where it sticks, no taller
// than the window below it.
const tocPlaceJS = `(() => {
	const toc = document.querySelector('.toc');
	if (!toc || !toc.getClientRects().length) return 'none';
	const after = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING);
	if (!after(toc, document.querySelector('main .page-header'))) return 'On this page comes before the page\'s header';
	for (const el of document.querySelectorAll('main :is(.prose, .article-main)')) {
		if (after(toc, el)) return 'On this page comes after ' + el.className;
	}
	const top = toc.getBoundingClientRect().top, stick = parseFloat(getComputedStyle(toc).top);
	const style = getComputedStyle(toc);
	if (!(parseFloat(style.maxHeight) <= innerHeight - stick) || style.overflowY !== 'auto') return 'On this page may be taller than the window below where it sticks (max-height ' + style.maxHeight + ', overflow ' + style.overflowY + '): the end of a long one is out of reach';
	const by = top - stick + innerHeight;
	if (document.documentElement.scrollHeight - innerHeight < by) return '';
	window.scrollTo(0, by);
	const now = toc.getBoundingClientRect().top;
	window.scrollTo(0, 0);
	if (Math.abs(now - stick) > 1) return 'scrolled ' + Math.round(by) + ' px down, On this page is at ' + Math.round(now) + ' px, want it stuck at ' + stick + ' px';
	return '';
})()`

// tooWideJS says how the page is wider than the window and which elements
// stick out, or "" when it is not.
const tooWideJS = `(() => {
	const w = document.documentElement.clientWidth, sw = document.documentElement.scrollWidth;
	if (sw <= w) return "";
	const out = Array.from(document.querySelectorAll('body *'))
		.filter(e => e.getBoundingClientRect().right > w + 1)
		.slice(0, 6)
		.map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
			' (right edge at ' + Math.round(e.getBoundingClientRect().right) + ')');
	return 'page is ' + sw + ' px wide in a ' + w + ' px window; sticking out: ' + out.join(', ');
})()`

// factMarksJS, given the selector of a list (%s: the page's line of facts,
// owner · reviewed · review overdue, or its trail of breadcrumbs), lists
// its items whose leading mark ("·", "›") is seen at the start of a line,
// or is not seen between two items: the mark is drawn at the item's left
// edge, and seen where that lies inside the list's clip-path.
const factMarksJS = `(() => {
	const p = document.querySelector(%s);
	if (!p || !p.getClientRects().length) return [];
	const clip = getComputedStyle(p).clipPath.match(/^inset\(([^)]*)\)/);
	const cut = clip ? parseFloat(clip[1].split(/\s+/)[3] ?? clip[1].split(/\s+/)[1] ?? clip[1]) : 0;
	const visibleLeft = p.getBoundingClientRect().left + cut;
	const out = [];
	let lastTop = null;
	for (const s of p.children) {
		const r = s.getBoundingClientRect();
		const starts = lastTop === null || r.top > lastTop + r.height / 2;
		lastTop = r.top;
		const content = getComputedStyle(s, '::before').content;
		const marked = content !== 'none' && content !== 'normal';
		const seen = marked && r.left >= visibleLeft - 0.5;
		const name = '"' + s.textContent.trim().slice(0, 30) + '"';
		if (starts && seen) out.push(name + ' starts a line with its mark');
		if (!starts && !seen) out.push(name + ' follows another item without a mark');
	}
	return out;
})()`

// trailMarksJS, given the selector of a trail of breadcrumbs (%s), lists
// its steps after the first that show no mark ("›") before them, wherever
// the trail wraps, and the first step if it shows one.
const trailMarksJS = `(() => {
	const p = document.querySelector(%s);
	if (!p || !p.getClientRects().length) return [];
	return Array.from(p.children).flatMap((s, i) => {
		const content = getComputedStyle(s, '::before').content;
		const r = getComputedStyle(s, '::before');
		const marked = content !== 'none' && content !== 'normal' && r.display !== 'none' && parseFloat(r.width) > 0;
		const name = '"' + s.textContent.trim().slice(0, 30) + '"';
		if (i === 0 && marked) return [name + ' starts the trail with a mark'];
		if (i > 0 && !marked) return [name + ' has no mark before it'];
		return [];
	});
})()`

// looseHeadingsJS lists the shown headings whose lines stand further apart
// than 1.35 times their text's size: a heading of two lines at the text's
// 1.6 reads as two headings.
const looseHeadingsJS = `Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4)'))
	.filter(h => h.getClientRects().length)
	.map(h => [h, getComputedStyle(h)])
	.filter(([h, cs]) => parseFloat(cs.lineHeight) > 1.35 * parseFloat(cs.fontSize))
	.map(([h, cs]) => h.tagName.toLowerCase() + ' "' + h.textContent.trim().slice(0, 40) + '": line height ' + cs.lineHeight + ' for ' + cs.fontSize + ' text')`

// smallTargetsJS lists the shown links and controls smaller than 44 × 44
// px, each once with its size, and those that overlap another. Left out,
// as WCAG leaves them out: a link in a sentence or a table's cell, whose
// size is the text's; a control whose label is its target (the menu's
// checkbox, a theme's radio button); a heading's # link, for a pointer
// only. The search box and the version switcher are sized where they are
// made; on the narrowest phones the site's title is its two lines high,
// wider than 44 px, where a taller box would show a third line in part.
const smallTargetsJS = `(() => {
	const small = new Map(), shown = [];
	for (const el of document.querySelectorAll('a[href], summary, button, select, input, label')) {
		if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
		if (el.closest(".search, .versions, .skip-link, .visually-hidden, [aria-hidden=true]")) continue;
		if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
		if (el.matches('input[type=checkbox], input[type=radio]')) continue;
		if (el.tagName === 'LABEL' && !el.matches('.nav-toggle')) continue;
		const r = el.getBoundingClientRect();
		if (r.right < 0 || r.left > innerWidth) continue;
		if (el.closest('td, th')) continue;
		const block = el.parentElement.closest('p, li, dd, blockquote, td, th');
		if (getComputedStyle(el).display === 'inline' && block && block.textContent.trim().length > el.textContent.trim().length + 2) continue;
		const name = el.tagName.toLowerCase() + (el.className ? '.' + el.className.split(' ')[0] : '') + ' in ' +
			el.parentElement.tagName.toLowerCase() + (el.parentElement.className ? '.' + el.parentElement.className.split(' ')[0] : '');
		const what = '"' + el.textContent.trim().slice(0, 30) + '"';
		for (const [o, ow] of shown) {
			const x = Math.min(r.right, o.right) - Math.max(r.left, o.left), y = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
			if (x > 1 && y > 1 && !small.has(name + ' overlaps')) small.set(name + ' overlaps', what + ' overlaps ' + ow + ' by ' + Math.round(y) + ' px');
		}
		shown.push([r, what]);
		if (r.height >= 43.5 && r.width >= 43.5) continue;
		if (el.matches('.brand') && innerWidth <= 480 && r.height >= 34 && r.width >= 88) continue;
		if (!small.has(name)) small.set(name, what + ' ' + Math.round(r.width) + ' × ' + Math.round(r.height) + ' px');
	}
	return Array.from(small, ([name, what]) => name + ': ' + what);
})()`

// scriptsDisabled turns the page's JavaScript off or back on.
func scriptsDisabled(off bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
		return err
	})
}

// prefersDark makes the system's colour scheme dark, or light.
func prefersDark(dark bool) chromedp.Action[chromedp.Void] {
	if dark {
		return mediaFeature("prefers-color-scheme", "dark")
	}
	return mediaFeature("prefers-color-scheme", "light")
}

// mediaFeature emulates the media feature name at value.
func mediaFeature(name, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: name, Value: value}},
		})
		return err
	})
}

// shortCrumbJS names the first crumb of the trail "FAQ", shorter than a
// finger's width, and lists what is wrong: a target narrower or lower
// than 44 px, or a gap of more than 2 px between its text and the mark
// after it.
const shortCrumbJS = `(() => {
	const a = document.querySelector('.breadcrumbs li:first-child a'), next = document.querySelector('.breadcrumbs li + li');
	if (!a || !next) return ['no trail of two steps'];
	a.textContent = 'FAQ';
	const text = document.createRange();
	text.selectNodeContents(a);
	const box = a.getBoundingClientRect(), end = text.getBoundingClientRect().right, out = [];
	if (box.width < 43.5 || box.height < 43.5) out.push('the crumb is ' + Math.round(box.width) + ' × ' + Math.round(box.height) + ' px');
	const gap = next.getBoundingClientRect().left - end;
	if (gap > 2) out.push('a gap of ' + Math.round(gap) + ' px between the crumb "FAQ" and its mark');
	return out;
})()`

// forcedColors turns the system's forced colours (Windows' contrast
// themes) on or off.
func forcedColors(on bool) chromedp.Action[chromedp.Void] {
	if on {
		return mediaFeature("forced-colors", "active")
	}
	return mediaFeature("forced-colors", "none")
}

// forcedColorsHomeJS lists what forced colours leave unseen on the home
// page: a badge without an outline (its pill was its background), and a
// health bar whose connected part is the colour of the bar around it.
const forcedColorsHomeJS = `(() => {
	const out = [];
	const badges = document.querySelectorAll('.badge');
	if (!badges.length) out.push('no badge on the page');
	for (const el of badges) {
		const cs = getComputedStyle(el);
		if (cs.borderTopStyle === 'none' || parseFloat(cs.borderTopWidth) < 1) out.push('badge "' + el.textContent.trim() + '" has no outline');
	}
	const bar = document.querySelector('.health-bar'), part = document.querySelector('.health-connected');
	if (!bar || !part) out.push('no health bar with a connected part');
	else if (getComputedStyle(part).backgroundColor === getComputedStyle(bar).backgroundColor) out.push('the connected part is the colour of the bar: ' + getComputedStyle(part).backgroundColor);
	return out;
})()`

// forcedColorsDotsJS lists the sidebar's dots of a promise's chain that
// forced colours leave unseen: no border, and no fill but the page's.
const forcedColorsDotsJS = `(() => {
	const out = [], dots = document.querySelectorAll('.sidebar .dot');
	if (!dots.length) out.push('no dot in the sidebar');
	for (const el of dots) {
		const cs = getComputedStyle(el);
		if (cs.borderTopStyle === 'none' || parseFloat(cs.borderTopWidth) < 1) out.push('a dot (' + el.getAttribute('aria-label') + ') has no border');
	}
	const on = document.querySelector('.sidebar .dot-connected');
	if (on && getComputedStyle(on).backgroundColor === getComputedStyle(document.body).backgroundColor) out.push('a connected dot is not filled');
	return out;
})()`

// forcedColorsArrowsJS lists the chain's arrows whose head, a border
// beside transparent ones, has a side painted: a square, not an arrow.
const forcedColorsArrowsJS = `(() => {
	const out = [], links = document.querySelectorAll('.link:not(.link-broken)');
	if (!links.length) out.push('no arrow in the chain');
	for (const el of links) {
		const cs = getComputedStyle(el, '::after');
		if (cs.borderLeftColor !== 'rgba(0, 0, 0, 0)' || cs.borderRightColor !== 'rgba(0, 0, 0, 0)') out.push('an arrowhead has its sides painted: ' + cs.borderLeftColor + ', ' + cs.borderRightColor);
		if (cs.borderTopColor === 'rgba(0, 0, 0, 0)') out.push('an arrowhead is not drawn');
	}
	return out;
})()`

// menuState is what menuStateJS reads of the menu.
type menuState struct {
	Shown        bool    `json:"shown"`
	Top          float64 `json:"top"`
	Bottom       float64 `json:"bottom"`
	BarBottom    float64 `json:"barBottom"`
	Window       float64 `json:"window"`
	Scrolls      bool    `json:"scrolls"`
	LastVisible  bool    `json:"lastVisible"`
	PageLocked   bool    `json:"pageLocked"`
	PageScrolls  bool    `json:"pageScrolls"`
	Links        int     `json:"links"`
	ScrolledDown bool    `json:"scrolledDown"`
}

// menuStateJS scrolls the menu to its end and reads where it is.
const menuStateJS = `(() => {
	const m = document.getElementById('pb-sidebar'), r = m.getBoundingClientRect();
	const links = m.querySelectorAll('a[href]'), last = links[links.length - 1];
	const scrolls = m.scrollHeight > m.clientHeight + 1;
	m.scrollTop = m.scrollHeight;
	const lr = last.getBoundingClientRect();
	const root = document.documentElement;
	return {
		shown: getComputedStyle(m).display !== 'none' && getComputedStyle(m).visibility !== 'hidden' && r.height > 0,
		top: r.top, bottom: r.bottom,
		barBottom: document.querySelector('.topbar').getBoundingClientRect().bottom,
		window: window.innerHeight,
		scrolls: scrolls,
		scrolledDown: m.scrollTop > 0,
		lastVisible: lr.top >= r.top - 1 && lr.bottom <= r.bottom + 1 && lr.bottom <= window.innerHeight + 1,
		pageLocked: getComputedStyle(root).overflowY === 'hidden',
		pageScrolls: root.scrollHeight > root.clientHeight,
		links: links.length,
	};
})()`

// checkMenu opens the menu on a phone, checks that it covers the window
// below the top bar, scrolls to its last link and holds the page behind
// still, and closes it.
func checkMenu(b *chromeTab, url string, js bool) {
	b.t.Helper()
	b.open("a page with a long menu", url)
	if got := tabValue(b, "scripts on", chromedp.Evaluate[bool](`document.documentElement.dataset.js === 'on'`)); got != js {
		b.t.Fatalf("page's scripts ran: %v, want %v", got, js)
	}
	closed := tabValue(b, "menu, closed", chromedp.Evaluate[menuState](menuStateJS))
	if closed.Shown {
		b.t.Fatalf("the menu shows before it is opened on a phone")
	}
	if closed.PageLocked || !closed.PageScrolls {
		b.t.Fatalf("with the menu closed, the page must scroll (locked %v, taller than the window %v)", closed.PageLocked, closed.PageScrolls)
	}
	b.do("open the menu", chromedp.Click(chromedp.CSS(`.nav-toggle`)))
	open := tabValue(b, "menu, open", chromedp.Evaluate[menuState](menuStateJS))
	switch {
	case !open.Shown:
		b.t.Fatalf("the menu does not show once its button is pressed")
	case open.Top < open.BarBottom-1:
		b.t.Errorf("the menu starts at %.0f px, under the top bar, which ends at %.0f px", open.Top, open.BarBottom)
	case open.Bottom < open.Window-1:
		b.t.Errorf("the menu ends at %.0f px in a %.0f px window: the page shows under it", open.Bottom, open.Window)
	}
	if !open.Scrolls || !open.ScrolledDown || !open.LastVisible {
		b.t.Errorf("the menu's %d links do not scroll into view (taller than the menu %v, scrolled %v, last link in view %v)",
			open.Links, open.Scrolls, open.ScrolledDown, open.LastVisible)
	}
	if !open.PageLocked {
		b.t.Errorf("with the menu open, the page behind still scrolls")
	}
	// Tab past the menu's last link does not go on into the page the
	// menu covers.
	b.do("focus the menu's last link", chromedp.Evaluate[chromedp.Void](
		`Array.from(document.querySelectorAll('#pb-sidebar a[href]')).pop().focus()`))
	b.do("Tab past the menu", chromedp.KeyEvent("\t"))
	if under := tabValue(b, "where the focus went", chromedp.Evaluate[string](
		`(() => { const e = document.activeElement; return e && e.closest('.main, .footer') ? (e.textContent || e.tagName).trim() : ''; })()`)); under != "" {
		b.t.Errorf("Tab past the open menu's last link focuses %q, on the page under the menu", under)
	}
	if js {
		b.do("Escape closes the menu", chromedp.KeyEvent("\x1b"))
	} else {
		b.do("close the menu", chromedp.Click(chromedp.CSS(`.nav-toggle`)))
	}
	if again := tabValue(b, "menu, closed again", chromedp.Evaluate[menuState](menuStateJS)); again.Shown || again.PageLocked {
		b.t.Errorf("the menu did not close (shown %v, page locked %v)", again.Shown, again.PageLocked)
	}
}

// themeState is what the theme choice shows and does.
type themeState struct {
	Theme      string   `json:"theme"`
	Stored     string   `json:"stored"`
	Checked    []string `json:"checked"`
	Background string   `json:"background"`
}

const themeStateJS = `(() => ({
	theme: document.documentElement.dataset.theme || '',
	stored: localStorage.getItem('playbook-theme') || '',
	checked: Array.from(document.querySelectorAll('.theme-choice input:checked'), i => i.value),
	background: getComputedStyle(document.body).backgroundColor,
}))()`

// checkThemeChoice picks each theme in turn and checks what the page
// shows and keeps, after a reload too.
func checkThemeChoice(b *chromeTab, base string) {
	b.t.Helper()
	const light, dark = "rgb(255, 255, 255)", "rgb(20, 23, 28)"
	b.do("system light", prefersDark(false))
	b.open("home", base)
	b.do("open the theme choice", chromedp.Click(chromedp.CSS(`.theme-choice summary`)))
	for _, c := range []struct {
		pick, theme, background string
		systemDark              bool
	}{
		{"dark", "dark", dark, false},
		{"light", "light", light, true},
		{"system", "", dark, true},
		{"system", "", light, false},
	} {
		b.do("system colours", prefersDark(c.systemDark))
		b.do("pick "+c.pick, chromedp.Click(chromedp.CSS(`.theme-choice input[value="`+c.pick+`"]`)))
		for _, when := range []string{"picked", "after a reload"} {
			s := tabValue(b, "theme state", chromedp.Evaluate[themeState](themeStateJS))
			if s.Theme != c.theme || s.Stored != c.theme || !slices.Equal(s.Checked, []string{c.pick}) || s.Background != c.background {
				b.t.Errorf("%s %s (system dark %v): data-theme %q, stored %q, checked %q, background %s; want %q, %q, [%s], %s",
					c.pick, when, c.systemDark, s.Theme, s.Stored, s.Checked, s.Background, c.theme, c.theme, c.pick, c.background)
			}
			if when == "picked" {
				b.do("reload", chromedp.Reload())
				b.do("open the theme choice", chromedp.Click(chromedp.CSS(`.theme-choice summary`)))
			}
		}
	}
}

// axeSource reads axe-core from the file PLAYBOOK_AXE names. Without it the
// test is skipped, except in CI, where it fails.
func axeSource(t *testing.T) string {
	t.Helper()
	name := os.Getenv(axeEnv)
	if name == "" {
		msg := axeEnv + " does not name axe-core's axe.min.js (npm install --no-save axe-core@4.14; .ci/run does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: the accessibility checks must run in CI)")
		}
		t.Skip(msg)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read axe-core: %v", err)
	}
	return string(b)
}

// axeViolation is one rule axe-core found broken, with where.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v axeViolation) String() string {
	nodes := v.Nodes
	if len(nodes) > 4 {
		nodes = append(nodes[:4:4], fmt.Sprintf("and %d more", len(v.Nodes)-4))
	}
	return fmt.Sprintf("axe %s (%s, %d nodes): %s\n\t%s", v.ID, v.Impact, len(v.Nodes), v.Help, strings.Join(nodes, "\n\t"))
}

// runAxe runs axe-core on the page and returns its violations.
func runAxe(b *chromeTab, axe string) []axeViolation {
	b.t.Helper()
	b.do("load axe-core", chromedp.Evaluate[chromedp.Void](axe))
	return tabValue(b, "run axe-core", chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
			nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' '))})))`,
		chromedp.EvalAwaitPromise))
}

// headerCutJS says what of the top bar is cut short or pushed out of the
// window, or "" when all of it shows.
const headerCutJS = `(() => {
	const bar = document.querySelector('.topbar'), w = document.documentElement.clientWidth, out = [];
	const brand = bar.querySelector('.brand');
	if (brand.scrollWidth > brand.clientWidth + 1 || brand.scrollHeight > brand.clientHeight + 1) out.push('the site title is cut short');
	for (const el of bar.querySelectorAll('.brand, .nav-toggle, details > summary')) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && (r.left < -1 || r.right > w + 1)) out.push(el.className || el.tagName + ' is out of the window');
	}
	return out.join('; ');
})()`

// versionLabelJS sets the version switcher's label to the text given
// (the .version-label inside its button, else the button's own text) and
// says what of it does not show, or "" when the reader can read all of it:
// a label cut short, a button too small to tap, or one out of the window
// or under another of the bar's controls.
const versionLabelJS = `((text) => {
	const s = document.querySelector('details.versions > summary'), w = document.documentElement.clientWidth;
	const label = s.querySelector('.version-label') || s;
	label.textContent = text;
	const out = [];
	for (const el of new Set([s, label])) {
		if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) out.push('the label ' + JSON.stringify(text) + ' is cut short');
	}
	const r = s.getBoundingClientRect();
	if (r.width < 24 || r.height < 16) out.push('the switcher is ' + Math.round(r.width) + ' by ' + Math.round(r.height) + ' px, too small to read or tap');
	if (r.left < 0 || r.right > w) out.push('the switcher is out of the window');
	const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	if (!s.contains(hit)) out.push('the switcher is under ' + (hit ? hit.className || hit.tagName : 'nothing'));
	return out.join('; ');
})`

// checkVersionedPages checks pages of a versioned build on phones: not
// wider than the window, the top bar whole, the version's label whole, and, where axe-core is at hand
// (always in CI, where TestBrowserReaderSite requires it), no violation on
// phone or desktop, light or dark.
func checkVersionedPages(b *chromeTab, urls ...string) {
	b.t.Helper()
	var axe string
	if name := os.Getenv(axeEnv); name != "" {
		src, err := os.ReadFile(name)
		if err != nil {
			b.t.Fatalf("read axe-core: %v", err)
		}
		axe = string(src)
	}
	defer b.do("window back", chromedp.EmulateViewport(1280, 900), prefersDark(false))
	for _, width := range []int64{320, 390} {
		b.do("set the window", chromedp.EmulateViewport(width, 700))
		for _, url := range urls {
			b.open(url, url)
			if msg := tabValue(b, url+": width", chromedp.Evaluate[string](tooWideJS)); msg != "" {
				b.t.Errorf("%s at %d px: %s", url, width, msg)
			}
			if msg := tabValue(b, url+": top bar", chromedp.Evaluate[string](headerCutJS)); msg != "" {
				b.t.Errorf("%s at %d px: %s", url, width, msg)
			}
			checkPopover(b, url, "details.versions", width)
			// A label as a tag's annotation gives it (git tag -a -m "Q4
			// 2026") reads whole: the reader knows the version.
			if msg := tabValue(b, url+": version label", chromedp.Evaluate[string](versionLabelJS+`("Q4 2026")`)); msg != "" {
				b.t.Errorf("%s at %d px: %s", url, width, msg)
			}
			// A version labelled by its tag's name gives way to the title.
			b.do("a long version label", chromedp.Evaluate[chromedp.Void](versionLabelJS+`("playbook-2026-q4-final")`))
			if msg := tabValue(b, url+": top bar with a long label", chromedp.Evaluate[string](headerCutJS)); msg != "" {
				b.t.Errorf("%s at %d px, with a long version label: %s", url, width, msg)
			}
		}
	}
	if axe == "" {
		return
	}
	for _, width := range []int64{390, 1280} {
		for _, dark := range []bool{false, true} {
			b.do("set the window", chromedp.EmulateViewport(width, 800), prefersDark(dark))
			for _, url := range urls {
				b.open(url, url)
				for _, v := range runAxe(b, axe) {
					b.t.Errorf("%s at %d px, dark %v: %s", url, width, dark, v)
				}
			}
		}
	}
}

// popoverState is what popoverStateJS reads of a menu made of a details
// element: whether it is open, what has the focus, and what of it is out
// of the window.
type popoverState struct {
	Open    bool   `json:"open"`
	Focus   string `json:"focus"`
	Outside string `json:"outside"`
}

const popoverStateJS = `((sel) => {
	const d = document.querySelector(sel), w = document.documentElement.clientWidth, e = document.activeElement;
	const out = Array.from(d.querySelectorAll('a[href], input, summary')).filter(el => {
		const r = el.getBoundingClientRect();
		return r.width > 0 && (r.left < 0 || r.right > w);
	}).map(el => (el.textContent.trim() || el.value) + ' (' + Math.round(el.getBoundingClientRect().left) + ' to ' + Math.round(el.getBoundingClientRect().right) + ')');
	return {
		open: d.open,
		focus: e === d.querySelector('summary') ? 'summary' : d.contains(e) ? 'inside' : e ? e.tagName.toLowerCase() : '',
		outside: out.join(', '),
	};
})`

// checkPopover opens the menu sel (the theme choice, the version switcher)
// by keyboard on the page at url and checks that all of it shows in the
// window, that Escape closes it and gives the focus back to its button,
// and that the focus moving on past it closes it too.
func checkPopover(b *chromeTab, url, sel string, width int64) {
	b.t.Helper()
	state := func(what string) popoverState {
		b.t.Helper()
		return tabValue(b, what, chromedp.Evaluate[popoverState](popoverStateJS+"("+jsQuote(sel)+")"))
	}
	open := func() {
		b.t.Helper()
		b.do("focus "+sel, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsQuote(sel+" > summary")+`).focus()`))
		b.do("open "+sel, chromedp.KeyEvent("\r"))
		b.do("into "+sel, chromedp.KeyEvent("\t"))
	}
	open()
	if s := state("opened"); !s.Open || s.Focus != "inside" {
		b.t.Fatalf("%s at %d px: %s opened by keyboard: open %v, focus on %q, want open with the focus in it", url, width, sel, s.Open, s.Focus)
	} else if s.Outside != "" {
		b.t.Errorf("%s at %d px: %s opened runs out of the window: %s", url, width, sel, s.Outside)
	}
	b.do("Escape", chromedp.KeyEvent("\x1b"))
	if s := state("after Escape"); s.Open || s.Focus != "summary" {
		b.t.Errorf("%s at %d px: after Escape in %s: open %v, focus on %q; want it closed, the focus on its button", url, width, sel, s.Open, s.Focus)
	}
	open()
	for i := 0; i < 8 && state("tabbing on").Focus == "inside"; i++ {
		b.do("Tab", chromedp.KeyEvent("\t"))
	}
	if s := state("after tabbing past"); s.Open {
		b.t.Errorf("%s at %d px: %s stays open once the focus has moved on to %s", url, width, sel, s.Focus)
	}
}

// TestBrowserRolePart: on a role page, each promise's card says which of
// the role's behaviours keep it, and those links lead to the behaviours,
// on a phone and a desktop, though the card's own link covers the card.
func TestBrowserRolePart(t *testing.T) {
	b, base := openExample(t)
	for _, width := range []int64{390, 1280} {
		b.do("set the window", chromedp.EmulateViewport(width, 844))
		b.open("a role", base+"roles/sales-advisor/")
		part := `main ul.cards > li .card-keeps a`
		want := tabValue(b, "the first part's link", chromedp.Evaluate[string](`document.querySelector('`+part+`').href`))
		if !strings.Contains(want, "/behaviours/") {
			t.Fatalf("%d px: the first part links to %q, want a behaviour", width, want)
		}
		b.do("scroll to it", chromedp.ScrollIntoView(chromedp.CSS(part)))
		if got := tabClick(b, "the part's link", chromedp.CSS(part)); got != want {
			t.Errorf("%d px: the part's link led to %s, want %s", width, got, want)
		}
	}
}
