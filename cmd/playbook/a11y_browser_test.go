package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// TestBrowserScreenReader checks one page of each kind of the example
// playbook as a screen reader presents it, beyond what axe checks, on a
// desktop and a phone: one main, one banner and one footer; every other
// landmark named, and no two of a role named alike; headings that start
// at the page's title and skip no level; each table of the text named by
// the heading above it (the second under one heading, "heading, table
// 2"); on a promise page, the chain a heading that says its status, each
// of its steps a heading under it.
func TestBrowserScreenReader(t *testing.T) {
	b, base, kinds := openReaderPages(t)
	for _, width := range []int64{1280, 390} {
		b.do("set the window", chromedp.EmulateViewport(width, 900))
		for _, p := range kinds {
			b.openPage(p, base)
			for _, msg := range checkLandmarks(axLandmarks(b, p.path)) {
				t.Errorf("%s (%s) at %d px: %s", p.name, p.path, width, msg)
			}
			heads := tabValue(b, p.path+": headings", chromedp.Evaluate[[]string](headingsJS))
			for _, msg := range checkHeadings(heads) {
				t.Errorf("%s (%s) at %d px: %s", p.name, p.path, width, msg)
			}
			names := axNames(b, p.path+": tables", "main .prose table")
			if want := tabValue(b, p.path+": tables' headings", chromedp.Evaluate[[]string](tableHeadingsJS)); !slices.Equal(names, want) {
				t.Errorf("%s (%s) at %d px: a screen reader names the text's tables %q, want %q", p.name, p.path, width, names, want)
			}
			if p.name == "page" && len(names) == 0 {
				t.Errorf("%s (%s): no table in the text, to check its name", p.name, p.path)
			}
			if p.name == "promise" {
				if msg := checkChainHeadings(heads); msg != "" {
					t.Errorf("%s (%s) at %d px: %s; its headings: %q", p.name, p.path, width, msg, heads)
				}
			}
		}
	}
}

// An axLandmark is a landmark of the accessibility tree: its role and name.
type axLandmark struct{ role, name string }

// axTree returns the nodes of the page's accessibility tree that a screen
// reader is given (not ignored).
func axTree(b *chromeTab, page string) []*accessibility.Node {
	b.t.Helper()
	nodes := tabValue(b, page+": accessibility tree", chromedp.Action[[]*accessibility.Node](
		func(ctx context.Context, t *chromedp.Target) ([]*accessibility.Node, error) {
			res, err := cdp.Call(ctx, t, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
			return res.Nodes, err
		}))
	return slices.DeleteFunc(nodes, func(n *accessibility.Node) bool { return n.Ignored })
}

// axText returns an accessibility value as text: a string without its
// quotes, else its JSON ("true"), or "" for none.
func axText(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	return strings.Trim(string(v.Value), `"`)
}

// axNames returns the name a screen reader is given of each element css
// selects, in the page's order; "" for one it is given no name, or not
// given at all.
func axNames(b *chromeTab, what, css string) []string {
	b.t.Helper()
	return tabValue(b, what, chromedp.Action[[]string](func(ctx context.Context, t *chromedp.Target) ([]string, error) {
		doc, err := cdp.Call(ctx, t, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return nil, err
		}
		found, err := cdp.Call(ctx, t, dom.QuerySelectorAll, dom.QuerySelectorAllParams{NodeID: doc.Root.NodeID, Selector: css})
		if err != nil {
			return nil, err
		}
		names := []string{}
		relatives := false
		for _, id := range found.NodeIDs {
			res, err := cdp.Call(ctx, t, accessibility.GetPartialAXTree, accessibility.GetPartialAXTreeParams{NodeID: id, FetchRelatives: &relatives})
			if err != nil {
				return nil, err
			}
			name := ""
			if len(res.Nodes) > 0 && !res.Nodes[0].Ignored {
				name = axText(res.Nodes[0].Name)
			}
			names = append(names, name)
		}
		return names, nil
	}))
}

// tableHeadingsJS names each table of the page's text by the nearest
// heading above it in the text, or the page's title where the text gave
// it (and its id), as a screen reader should: the heading's text, with ",
// table 2" for the second table under it; "" for a table above every
// heading.
const tableHeadingsJS = `(() => {
	const heads = Array.from(document.querySelectorAll('main .page-header h1[id], main .prose :is(h1, h2, h3, h4, h5, h6)'));
	const text = h => Array.from(h.childNodes)
		.filter(n => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))
		.map(n => n.textContent).join('').trim().replace(/\s+/g, ' ');
	const under = new Map();
	return Array.from(document.querySelectorAll('main .prose table'), t => {
		const h = heads.filter(h => h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
		if (!h) return '';
		const k = (under.get(h) || 0) + 1;
		under.set(h, k);
		return k === 1 ? text(h) : text(h) + ', table ' + k;
	});
})()`

// axLandmarks returns the landmarks of the page's accessibility tree.
func axLandmarks(b *chromeTab, page string) []axLandmark {
	b.t.Helper()
	var marks []axLandmark
	for _, n := range axTree(b, page) {
		role := axText(n.Role)
		switch role {
		case "banner", "main", "contentinfo", "navigation", "complementary", "region", "form", "search":
		default:
			continue
		}
		marks = append(marks, axLandmark{role, axText(n.Name)})
	}
	return marks
}

// checkLandmarks says what is wrong with a page's landmarks.
func checkLandmarks(marks []axLandmark) []string {
	var out []string
	count := map[string]int{}
	named := map[axLandmark]bool{}
	for _, m := range marks {
		count[m.role]++
		switch {
		case m.role == "banner" || m.role == "main" || m.role == "contentinfo":
		case m.name == "":
			out = append(out, fmt.Sprintf("a %s landmark has no name", m.role))
		case named[m]:
			out = append(out, fmt.Sprintf("two %s landmarks are named %q", m.role, m.name))
		}
		named[m] = true
	}
	for _, role := range []string{"banner", "main", "contentinfo"} {
		if count[role] != 1 {
			out = append(out, fmt.Sprintf("%d %s landmarks, want 1", count[role], role))
		}
	}
	return out
}

// headingsJS lists the headings a screen reader finds on the page, in
// order, each as its level and its text: "2 The chain: connected".
const headingsJS = `Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
	.filter(h => h.getClientRects().length && !h.closest('[aria-hidden=true]'))
	.map(h => h.tagName.slice(1) + ' ' + Array.from(h.childNodes)
		.filter(n => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))
		.map(n => n.textContent).join('').trim().replace(/\s+/g, ' '))`

// checkHeadings says what is wrong with the order of a page's headings:
// the first is the one level-1 heading, and none skips a level.
func checkHeadings(heads []string) []string {
	var out []string
	prev := 0
	for i, h := range heads {
		level := int(h[0] - '0')
		switch {
		case i == 0 && level != 1:
			out = append(out, fmt.Sprintf("the first heading is %q, not the page's title", h))
		case i > 0 && level == 1:
			out = append(out, fmt.Sprintf("a second level-1 heading, %q", h))
		case level > prev+1:
			out = append(out, fmt.Sprintf("%q follows a level-%d heading, skipping a level", h, prev))
		}
		prev = level
	}
	return out
}

// checkChainHeadings says how a promise page's headings do not lead to
// its chain: a level-2 heading that names it and its status, then one of
// level 3 for each step.
func checkChainHeadings(heads []string) string {
	for i, h := range heads {
		if !strings.HasPrefix(h, "2 The chain: ") {
			continue
		}
		if status := strings.TrimPrefix(h, "2 The chain: "); status == "" {
			return "the chain's heading does not say its status"
		}
		want := []string{"3 Expectation", "3 Sales", "3 Service"}
		if i+len(want) >= len(heads) || strings.Join(heads[i+1:i+1+len(want)], "|") != strings.Join(want, "|") {
			return fmt.Sprintf("the chain's steps are not headed %q under it", want)
		}
		return ""
	}
	return "no level-2 heading names the chain"
}

// TestBrowserKeyboardPromise walks a promise page with the keyboard, on a
// desktop and a phone: the first Tab shows the skip link over the top bar,
// Enter on it takes the focus to the text, and every stop after it, to
// the footer, is shown, in the window and ringed. On this page is met
// where it stands: on a desktop, its column right after the page's header;
// on a phone, the folded box before the text; one of the two, never both.
func TestBrowserKeyboardPromise(t *testing.T) {
	findChromium(t)
	dir := buildExampleForBrowser(t)
	srv, _ := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	urls := builtPromiseURLs(t, dir, base)

	ctx, cancel := context.WithTimeout(t.Context(), readerTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	for _, width := range []int64{1280, 390} {
		b.do("set the window", chromedp.EmulateViewport(width, 800))
		b.open("a promise", urls[0])
		b.do("Tab", chromedp.KeyEvent("\t"))
		if msg := tabValue(b, "the skip link", chromedp.Evaluate[string](skipLinkJS)); msg != "" {
			t.Errorf("at %d px, the first Tab: %s", width, msg)
		}
		b.do("Enter", chromedp.KeyEvent("\r"))
		if at := tabValue(b, "the focus", chromedp.Evaluate[string](`document.activeElement.id`)); at != "pb-main" {
			t.Errorf("at %d px, Enter on the skip link focuses %q, want the text, pb-main", width, at)
		}
		var parts []string
		for i := 0; i < 200; i++ {
			b.do("Tab", chromedp.KeyEvent("\t"))
			stop := tabValue(b, "the focus", chromedp.Evaluate[[3]string](focusStopJS))
			if stop[0] == "" {
				if i < 10 {
					t.Errorf("at %d px, the page's text and footer have %d Tab stops, want the chain's links and more", width, i)
				}
				break
			}
			if stop[1] != "" {
				t.Errorf("at %d px, Tab stop %d, %s: %s", width, i+1, stop[0], stop[1])
			}
			if len(parts) == 0 || parts[len(parts)-1] != stop[2] {
				parts = append(parts, stop[2])
			}
		}
		// The column of On this page shows on screens wider than 72rem.
		if msg := tocOrderProblem(parts, width > 72*16); msg != "" {
			t.Errorf("at %d px, %s; the Tab stops go through %q", width, msg, parts)
		}
	}
}

// tocOrderProblem says how the parts of a page that Tab stops in, in
// order and each run of stops named once (see focusStopJS), do not meet
// On this page where it stands, or "": on a wide screen its column (toc)
// right after the page's header, on a narrow one its folded box
// (toc-inline) before the text (prose); one of the two, once.
func tocOrderProblem(parts []string, wide bool) string {
	want, other := "toc-inline", "toc"
	if wide {
		want, other = "toc", "toc-inline"
	}
	at := -1
	for i, p := range parts {
		switch {
		case p == other:
			return fmt.Sprintf("Tab reaches the %s, hidden at this width", other)
		case p == want && at >= 0:
			return fmt.Sprintf("Tab reaches the %s twice", want)
		case p == want:
			at = i
		}
	}
	switch {
	case at < 0:
		return fmt.Sprintf("Tab never reaches On this page (%s)", want)
	case wide && (at == 0 || parts[at-1] != "header"):
		return "On this page is not the next stop after the page's header"
	case slices.Contains(parts[:at], "prose"):
		return "On this page comes after the text it lists"
	}
	return ""
}

// skipLinkJS says how the focused element is not a skip link a sighted
// keyboard user sees, or "".
const skipLinkJS = `(() => {
	const a = document.activeElement;
	if (!a.matches('a.skip-link[href="#pb-main"]')) return 'focuses ' + a.outerHTML.slice(0, 60) + ', not the skip link';
	const r = a.getBoundingClientRect();
	if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight) return 'the skip link is outside the window';
	if (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) !== a) return 'the skip link is under something';
	return '';
})()`

// focusStopJS names the focused element, says how a sighted keyboard
// user does not see it ("" when they do), and names the part of the page
// it is in: header (the breadcrumbs and the page's header), toc (On this
// page's column), toc-inline (its folded box), prose (the page's text),
// other (the rest of main) or footer. Its name is "" once the focus has
// left the page's text and footer.
const focusStopJS = `(() => {
	const a = document.activeElement;
	if (!a || !a.closest('main, body > .footer')) return ['', '', ''];
	const name = a.tagName.toLowerCase() + ' "' + a.textContent.trim().replace(/\s+/g, ' ').slice(0, 30) + '"';
	const part = a.closest('.breadcrumbs, .page-header') ? 'header' : a.closest('.toc') ? 'toc' :
		a.closest('.toc-inline') ? 'toc-inline' : a.closest('.prose') ? 'prose' : a.closest('main') ? 'other' : 'footer';
	const r = a.getBoundingClientRect(), cs = getComputedStyle(a);
	if (!r.width || !r.height || cs.visibility === 'hidden') return [name, 'not shown', part];
	if (r.bottom < 0 || r.top > innerHeight) return [name, 'outside the window', part];
	const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
	if (r.bottom <= bar) return [name, 'under the top bar', part];
	if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0) return [name, 'no focus ring', part];
	return [name, '', part];
})()`

// TestBrowserMenuButton opens and closes the menu on a phone as a keyboard
// and screen reader user does: the top bar holds one control for it, a
// button named Menu (not a checkbox) that says whether the menu is open,
// the second Tab stop after the skip link; Enter opens the menu, Escape
// closes it and gives the focus back to the button, and a tap opens and
// closes it too.
func TestBrowserMenuButton(t *testing.T) {
	findChromium(t)
	dir := buildExampleForBrowser(t)
	srv, _ := serveUnderPrefix(t, dir)
	urls := builtPromiseURLs(t, dir, srv.URL+browserSitePrefix)

	ctx, cancel := context.WithTimeout(t.Context(), readerTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	b.do("set the window", chromedp.EmulateViewport(390, 844))
	b.open("a promise", urls[0])

	// Any checkbox, and whatever is named Menu but its text.
	var controls []string
	for _, n := range axTree(b, "a promise") {
		role, name := axText(n.Role), axText(n.Name)
		if role == "checkbox" || name == "Menu" && role != "StaticText" && role != "InlineTextBox" {
			controls = append(controls, role+" "+name)
		}
	}
	if !slices.Equal(controls, []string{"button Menu"}) {
		t.Errorf("a screen reader finds %q for the menu, want one button named Menu", controls)
	}

	b.do("Tab to the skip link", chromedp.KeyEvent("\t"))
	b.do("Tab on", chromedp.KeyEvent("\t"))
	want := menuButton{Focused: true, Expanded: "false", Controls: "pb-sidebar", Ring: true, Size: 44}
	if got := tabValue(b, "the menu button", chromedp.Evaluate[menuButton](menuButtonJS)); got != want {
		t.Fatalf("the second Tab stop: %+v, want the menu button %+v", got, want)
	}
	if expanded := axMenuExpanded(b); expanded != "false" {
		t.Errorf("a screen reader is told the closed menu's button is expanded: %q", expanded)
	}

	b.do("Enter", chromedp.KeyEvent("\r"))
	want.Expanded, want.Shown = "true", true
	if got := tabValue(b, "the menu, opened", chromedp.Evaluate[menuButton](menuButtonJS)); got != want {
		t.Errorf("Enter on the menu button: %+v, want %+v", got, want)
	}
	if expanded := axMenuExpanded(b); expanded != "true" {
		t.Errorf("a screen reader is told the open menu's button is expanded: %q, want true", expanded)
	}

	b.do("focus a link of the menu", chromedp.Evaluate[chromedp.Void](`document.querySelector('#pb-sidebar a[href]').focus()`))
	b.do("Escape", chromedp.KeyEvent("\x1b"))
	want.Expanded, want.Shown = "false", false
	if got := tabValue(b, "the menu, closed", chromedp.Evaluate[menuButton](menuButtonJS)); got != want {
		t.Errorf("Escape in the open menu: %+v, want the menu closed and the focus on its button %+v", got, want)
	}

	b.do("tap the button", chromedp.Click(chromedp.CSS(`button.nav-toggle`)))
	if got := tabValue(b, "the menu, tapped", chromedp.Evaluate[menuButton](menuButtonJS)); got.Expanded != "true" || !got.Shown {
		t.Errorf("a tap on the menu button: %+v, want the menu open", got)
	}
	b.do("tap the button again", chromedp.Click(chromedp.CSS(`button.nav-toggle`)))
	if got := tabValue(b, "the menu, tapped again", chromedp.Evaluate[menuButton](menuButtonJS)); got.Expanded != "false" || got.Shown {
		t.Errorf("a second tap on the menu button: %+v, want the menu closed", got)
	}
}

// menuButton is what menuButtonJS reads of the phone menu and its button.
type menuButton struct {
	Focused  bool   `json:"focused"`  // the button has the focus
	Expanded string `json:"expanded"` // its aria-expanded
	Controls string `json:"controls"` // its aria-controls
	Ring     bool   `json:"ring"`     // focused, it shows a focus ring
	Size     int    `json:"size"`     // its smaller side in px, at most 44
	Shown    bool   `json:"shown"`    // the menu shows
}

// menuButtonJS reads the phone menu's button and whether the menu shows.
const menuButtonJS = `(() => {
	const b = document.querySelector('.topbar button.nav-toggle'), m = document.getElementById('pb-sidebar');
	if (!b) return {};
	const r = b.getBoundingClientRect(), cs = getComputedStyle(b), ms = getComputedStyle(m);
	return {
		focused: document.activeElement === b,
		expanded: b.getAttribute('aria-expanded') || '',
		controls: b.getAttribute('aria-controls') || '',
		ring: document.activeElement === b && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
		size: Math.min(44, Math.round(Math.min(r.width, r.height))),
		shown: ms.display !== 'none' && ms.visibility !== 'hidden' && m.getBoundingClientRect().height > 0,
	};
})()`

// axMenuExpanded returns the expanded state a screen reader is told of the
// button named Menu, "" if it has none.
func axMenuExpanded(b *chromeTab) string {
	b.t.Helper()
	for _, n := range axTree(b, "the menu button") {
		if axText(n.Role) != "button" || axText(n.Name) != "Menu" {
			continue
		}
		for _, p := range n.Properties {
			if p.Name == accessibility.PropertyNameExpanded {
				return axText(p.Value)
			}
		}
	}
	return ""
}
