package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchQuery is a query typed into the search box, and the page its
// first result must be.
type searchQuery struct {
	name  string
	query string
	// first is the path of the first result from the site's root, with
	// the anchor it links to, if any.
	first string
	// title is the first result's title.
	title string
}

// exampleQueries are typed into the example playbook's search box.
var exampleQueries = []searchQuery{
	{"the words of a customer's question find its FAQ", "rough price over the phone",
		"faqs/price-over-the-phone/", "Can you give me a price over the phone?"},
	{"a competitor's name finds its page", "heatnation", "competitors/heatnation/", "HeatNation"},
	{"a misspelt word still finds it", "Northgird", "competitors/northgrid-home/", "Northgrid Home"},
	{"a word as it is being typed finds it", "radiat", "faqs/can-i-keep-my-radiators/", "Can I keep my existing radiators?"},
	// heat begins HeatNation, a rarer word: the page whose title has
	// both words comes before the competitor whose name begins with one.
	{"two words of a title find the page before a word one of them begins", "heat pump",
		"faqs/will-it-keep-us-warm/", "Will a heat pump really keep us warm in January?"},
}

// TestBrowserSearch types into the search box of the example playbook,
// served under a sub-path, with the keyboard only: / focuses the box,
// the words are typed, Enter opens the first result, and another query's
// second result is reached with the arrow keys.
func TestBrowserSearch(t *testing.T) {
	b, base := openBuilt(t, buildExampleForBrowser(t), 2*browserTimeout)

	for _, q := range exampleQueries {
		t.Run(q.name, func(t *testing.T) {
			b.t = t
			// From a page deep in the site, so that the index is found
			// from the page's root, not from where the page is.
			b.open("a promise", base+"promises/fixed-price-quote/")
			b.do("press /", pressSlash())
			typeQuery(b, q.query)
			got := firstResult(b, q.query)
			if got.title != q.title || got.href != base+q.first {
				t.Errorf("%q: first result %q at %s, want %q at %s", q.query, got.title, got.href, q.title, base+q.first)
			}
			// Each of these is found by its title: the words are
			// marked there.
			if got.titleMarked == "" {
				t.Errorf("%q: no word marked in the title %q", q.query, got.title)
			}
			b.do("press Enter", chromedp.KeyEvent(kb.Enter))
			waitInTab(b, "the first result to open", browserStepTimeout,
				fmt.Sprintf(`location.href === %s && document.readyState === "complete"`, jsQuote(base+q.first)), `location.href`)
		})
	}
	b.t = t

	// Ctrl-K focuses the box; the arrow keys move; Enter opens the result
	// chosen; Esc closes the results.
	b.open("home", base)
	b.do("press Ctrl-K", chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	typeQuery(b, "heat pump")
	firstResult(b, "heat pump")
	second := tabValue(b, "second result", chromedp.Evaluate[string](`document.querySelectorAll('#pb-search-list [role=option] a')[1].href`))
	b.do("press ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	active := tabValue(b, "active option", chromedp.Evaluate[string](
		`document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).querySelector('a').href`))
	if active != second {
		t.Errorf("ArrowDown made %s active, want the second result %s", active, second)
	}
	announced := tabValue(b, "the live region", chromedp.Evaluate[string](`document.querySelector('.search-status[aria-live]').textContent`))
	if !strings.Contains(announced, "result") {
		t.Errorf("the live region says %q, want the number of results", announced)
	}
	b.do("press Escape", chromedp.KeyEvent(kb.Escape))
	if open := tabValue(b, "results after Esc", chromedp.Evaluate[string](`document.activeElement.getAttribute('aria-expanded')`)); open != "false" {
		t.Errorf("after Esc the box says aria-expanded=%s, want false", open)
	}
	b.do("press ArrowDown to open the results again", chromedp.KeyEvent(kb.ArrowDown))
	firstResult(b, "heat pump")
	b.do("press ArrowDown", chromedp.KeyEvent(kb.ArrowDown)) // The example's index is one file: a query needs no other.
	if parts := tabValue(b, "index parts loaded", chromedp.Evaluate[[]string](`playbookSearch.loaded`)); len(parts) != 1 || parts[0] != "index" {
		t.Errorf("a query on the example loaded %v, want the one file index", parts)
	}
	b.do("press Enter", chromedp.KeyEvent(kb.Enter))
	waitInTab(b, "the second result to open", browserStepTimeout,
		fmt.Sprintf(`location.href === %s && document.readyState === "complete"`, jsQuote(second)), `location.href`)

}

// TestBrowserSearchFromDisk opens the example playbook from disk
// (file://), where browsers refuse fetch, and searches it.
func TestBrowserSearchFromDisk(t *testing.T) {
	dir := buildExampleForBrowser(t)
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	home := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/faqs/index.html"}).String()
	b.do("open from disk", chromedp.Navigate(home))
	b.do("press /", pressSlash())
	typeQuery(b, "heatnation")
	got := firstResult(b, "heatnation")
	want := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/competitors/heatnation/index.html"}).String()
	if got.href != want {
		t.Errorf("first result %q at %s, want %s: from disk a folder's link names its index.html", got.title, got.href, want)
	}
	b.do("press Enter", chromedp.KeyEvent(kb.Enter))
	waitInTab(b, "the result to open", browserStepTimeout,
		fmt.Sprintf(`location.href === %s && document.readyState === "complete"`, jsQuote(want)), `location.href`)
}

// japaneseSite is a small playbook with a Japanese page among English ones.
var japaneseSite = map[string]string{
	"site.toml":         "title = \"Kestrel\"\n",
	"content/_index.md": "# Home\n\nWelcome.\n",
	"content/guides/refunds.md": "+++\ntitle = \"Refunds\"\n+++\n\nA refund is paid within ten days.\n\n" +
		"## Exceptions {#exceptions}\n\nA résumé of the cases where no refund is due.\n",
	"content/guides/henkin.md": "+++\ntitle = \"返金について\"\n+++\n\nお客様への返金は十日以内に行います。\n\n" +
		"## 例外 {#reigai}\n\n保証期間を過ぎた場合、返金の対象外です。\n",
	"content/guides/hours.md": "+++\ntitle = \"Opening hours\"\n+++\n\nWe open at nine.\n",
	"content/guides/werkstatt.md": "+++\ntitle = \"Werkstatt\"\n+++\n\nWo wir sind.\n\n" +
		"## Anfahrt {#anfahrt}\n\nDie Werkstatt liegt in der Hauptstraße 4, nah am Depot in Łódź.\n",
}

// TestBrowserSearchJapanese searches a small site for a Japanese phrase
// and for words without their accents, or typed without letters a
// keyboard lacks (ß, ł), under a sub-path.
func TestBrowserSearchJapanese(t *testing.T) {
	b, base := openBuilt(t, buildSiteForBrowser(t, japaneseSite), browserTimeout)

	for _, q := range []searchQuery{
		{"a Japanese phrase finds the Japanese page", "返金の対象", "guides/henkin/#reigai", "返金について"},
		{"a Japanese word finds the Japanese page", "返金", "guides/henkin/", "返金について"},
		{"a word without its accents finds it with them", "resume", "guides/refunds/#exceptions", "Refunds"},
		{"ß typed as ss finds it", "hauptstrasse", "guides/werkstatt/#anfahrt", "Werkstatt"},
		{"ł typed as l finds it", "lodz", "guides/werkstatt/#anfahrt", "Werkstatt"},
	} {
		t.Run(q.name, func(t *testing.T) {
			b.t = t
			b.open("hours", base+"guides/hours/")
			b.do("press /", pressSlash())
			typeQuery(b, q.query)
			got := firstResult(b, q.query)
			if got.title != q.title || got.href != base+q.first {
				t.Errorf("%q: first result %q at %s, want %q at %s", q.query, got.title, got.href, q.title, base+q.first)
			}
			if got.marked == "" {
				t.Errorf("%q: no word marked in the snippet", q.query)
			}
			// The word as written is marked, whatever its length folded.
			if want := map[string]string{"hauptstrasse": "Hauptstraße", "lodz": "Łódź"}[q.query]; want != "" && got.marked != want {
				t.Errorf("%q: %q marked, want %q", q.query, got.marked, want)
			}
		})
	}
}

// buildSiteForBrowser builds a site of the given files and returns the
// folder it is built into.
func buildSiteForBrowser(t *testing.T, files map[string]string) string {
	t.Helper()
	src := t.TempDir()
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"build", "--source", src, "--dest", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	return dir
}

// wordsSite is a small playbook whose words are written in more than one
// way, and one of whose sections is long.
var wordsSite = map[string]string{
	"site.toml":         "title = \"Kestrel\"\n",
	"content/_index.md": "# Home\n\nWelcome.\n",
	"content/guides/warranty.md": "+++\ntitle = \"Warranty\"\n+++\n\nOur cover in brief.\n\n## Claims {#claims}\n\n" +
		"A warranty covers parts and labour for ten years. " +
		strings.Repeat("The engineer checks the pipes, the pump and the controls, and writes down what was done. ", 8) +
		"To make a warranty claim, read the serial number from the plate on the boiler.\n",
	"content/guides/boilers.md": "+++\ntitle = \"Boilers\"\n+++\n\nOur boilers.\n\n## Service {#service}\n\n" +
		"Every boiler is serviced once a year by our own engineers, who check the flue, the gas pressure, the controls " +
		"and the condensate pipe, and who write down what they found. A serviced boiler keeps its cover.\n",
	"content/guides/contact.md":    "+++\ntitle = \"Contact\"\n+++\n\nWe answer every email within a working day.\n",
	"content/guides/cancelling.md": "+++\ntitle = \"Cancelling\"\n+++\n\nOur cancellation policy is short: fourteen days, no fee.\n",
	"content/guides/honesty.md":    "+++\ntitle = \"Honesty\"\n+++\n\nDon\u2019t promise a date you can\u2019t keep.\n",
	"content/guides/visits.md":     "+++\ntitle = \"Visits\"\n+++\n\nBook the follow up before you leave the house.\n",
	"content/guides/social.md":     "+++\ntitle = \"Social\"\n+++\n\nOur followers on social media pick up on every complaint.\n",
	"content/guides/chargers.md":   "+++\ntitle = \"Chargers\"\n+++\n\nWe fit an EV charger in an evening, every weekday.\n",
	"content/guides/callbacks.md":  "+++\ntitle = \"Callbacks\"\n+++\n\nMissing a callback costs us a customer.\n",
	"content/guides/prices.md":     "+++\ntitle = \"Prices\"\n+++\n\nWe stopped giving prices by phone in March.\n",
}

// TestBrowserSearchWords searches for words as readers write them, and
// wants the page that has them otherwise written, the words marked where
// the reader sees them: in a long section, the part that has most of
// them.
func TestBrowserSearchWords(t *testing.T) {
	b, base := openBuilt(t, buildSiteForBrowser(t, wordsSite), browserTimeout)

	queries := []struct {
		searchQuery
		// marked are the words marked in the snippet, in order.
		marked string
	}{
		{searchQuery{"words far apart in a section are shown where they are together", "warranty serial", "guides/warranty/#claims", "Warranty"}, "warranty serial"},
		{searchQuery{"words together are shown rather than the first of them alone", "boiler cover", "guides/boilers/#service", "Boilers"}, "boiler cover"},
		{searchQuery{"a word written with a hyphen finds it written without", "e-mail", "guides/contact/", "Contact"}, "email"},
		{searchQuery{"a word without its apostrophe finds it with one", "dont promise", "guides/honesty/", "Honesty"}, "Don\u2019t promise"},
		{searchQuery{"a word written with a hyphen finds it written apart", "follow-up", "guides/visits/", "Visits"}, "follow up"},
		{searchQuery{"a plural finds the singular", "policies", "guides/cancelling/", "Cancelling"}, "policy"},
		{searchQuery{"a verb finds its other forms", "missed callback", "guides/callbacks/", "Callbacks"}, "Missing callback"},
		{searchQuery{"a verb finds its forms with the consonant doubled", "stopping prices", "guides/prices/", "Prices"}, "stopped prices"},
		// Too short to find the words it begins, it marks none of them.
		{searchQuery{"a word of two letters marks itself alone", "ev charger", "guides/chargers/", "Chargers"}, "EV charger"},
	}
	for _, width := range []int64{390, 1280} {
		b.do("set the window", chromedp.EmulateViewport(width, 844))
		for _, q := range queries {
			t.Run(fmt.Sprint(width, " ", q.name), func(t *testing.T) {
				b.t = t
				b.open("home", base)
				b.do("press /", pressSlash())
				typeQuery(b, q.query)
				got := firstResult(b, q.query)
				if got.title != q.title || got.href != base+q.first {
					t.Errorf("%q: first result %q at %s, want %q at %s", q.query, got.title, got.href, q.title, base+q.first)
				}
				// The snippet shows two lines: a word marked below them is
				// not seen.
				seen := tabValue(b, "the marks seen", chromedp.Evaluate[string](`(() => {
					const s = document.querySelector('#pb-search-list [role=option] .search-snippet').getBoundingClientRect();
					return Array.from(document.querySelectorAll('#pb-search-list [role=option] .search-snippet mark'))
						.filter(m => m.getBoundingClientRect().bottom <= s.bottom + 1).map(m => m.textContent).join(' ');
				})()`))
				if seen != q.marked {
					t.Errorf("%q: the snippet shows %q marked, want %q", q.query, seen, q.marked)
				}
				titles := tabValue(b, "the results' titles", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#pb-search-list [role=option] .search-title'), e => e.firstChild.textContent)`))
				// Its parts are whole words: "followers" is not "follow".
				if q.query == "follow-up" && slices.Contains(titles, "Social") {
					t.Errorf("%q: the results %q have the page of followers, which has no word follow", q.query, titles)
				}
			})
		}
	}
	b.t = t
}

// TestBrowserSearchFilter narrows the results to a type with a chip,
// then types other queries: a type the new query does not find is let
// go rather than hide its results, and a box emptied with Esc starts
// afresh. Esc on a chip closes the results and gives the focus back to
// the box.
func TestBrowserSearchFilter(t *testing.T) {
	b, base := openExample(t)

	status := func() string {
		return tabValue(b, "the live region", chromedp.Evaluate[string](`document.querySelector('.search-status').textContent`))
	}
	pressed := func() string {
		return tabValue(b, "the chip pressed", chromedp.Evaluate[string](
			`Array.from(document.querySelectorAll('.search-chip[aria-pressed=true]'), c => c.textContent).join()`))
	}
	persona := func() {
		b.t.Helper()
		b.do("click the Persona chip", chromedp.Evaluate[chromedp.Void](
			`Array.from(document.querySelectorAll('.search-chip')).find(c => c.textContent.startsWith('Persona ')).click()`))
		waitInTab(b, "the results of one type", browserStepTimeout,
			`document.querySelector('.search-chip[aria-pressed=true]')?.textContent.startsWith('Persona ') && document.activeElement.id === 'pb-search-input'`,
			`document.querySelector('.search-chips').textContent`)
		if got := status(); !strings.Contains(got, "Persona only") {
			t.Errorf("with the Persona chip pressed the live region says %q, want it to say the results are of one type", got)
		}
	}

	b.open("promises", base+"promises/")
	b.do("press /", pressSlash())
	typeQuery(b, "grant")
	firstResult(b, "grant")
	persona()

	// Esc on a chip.
	b.do("press Tab", chromedp.KeyEvent(kb.Tab))
	if on := tabValue(b, "focused element", chromedp.Evaluate[string](`document.activeElement.className`)); on != "search-chip" {
		t.Fatalf("Tab from the box went to %q, want the first chip", on)
	}
	b.do("press Escape", chromedp.KeyEvent(kb.Escape))
	got := tabValue(b, "after Esc on a chip", chromedp.Evaluate[[]string](
		`[document.activeElement.id, document.getElementById('pb-search-input').getAttribute('aria-expanded')]`))
	if got[0] != "pb-search-input" || got[1] != "false" {
		t.Errorf("after Esc on a chip the focus is on %q and the results have aria-expanded=%s, want the box's focus and the results closed", got[0], got[1])
	}

	// A query no persona has: its results are shown, of all types.
	b.do("empty the box", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-search-input').value = ''`))
	typeQuery(b, "ashp")
	if r := firstResult(b, "ashp"); r.title != "Glossary" {
		t.Errorf("ashp: first result %q, want Glossary", r.title)
	}
	// One type only: no chips, or All pressed.
	if p := pressed(); p != "" && !strings.HasPrefix(p, "All ") {
		t.Errorf("ashp, which no persona has: the chip pressed is %q, want All or none", p)
	}

	// Esc twice empties the box: the next query is not filtered.
	b.do("empty the box", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-search-input').value = ''`))
	typeQuery(b, "grant")
	firstResult(b, "grant")
	persona()
	b.do("press Escape twice", chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
	if v := tabValue(b, "the box", chromedp.Evaluate[string](`document.getElementById('pb-search-input').value`)); v != "" {
		t.Fatalf("Esc twice left %q in the box, want it empty", v)
	}
	typeQuery(b, "grant")
	firstResult(b, "grant")
	if p := pressed(); !strings.HasPrefix(p, "All ") {
		t.Errorf("a query typed into a box emptied by Esc: the chip pressed is %q, want All", p)
	}
	if s := status(); strings.Contains(s, "only") {
		t.Errorf("a query typed into a box emptied by Esc: the live region says %q, want all the results", s)
	}
}

// TestBrowserSearchSomeWords types two words no page has both of: the
// pages with one are shown, and the reader is told they lack the other.
func TestBrowserSearchSomeWords(t *testing.T) {
	b, base := openExample(t)

	b.open("promises", base+"promises/")
	b.do("press /", pressSlash())
	for _, q := range []struct {
		query string
		some  bool
	}{{"heatnation xylophone", true}, {"heatnation", false}} {
		b.do("empty the box", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-search-input').value = ''`))
		typeQuery(b, q.query)
		if r := firstResult(b, q.query); r.title != "HeatNation" {
			t.Errorf("%q: first result %q, want HeatNation", q.query, r.title)
		}
		got := tabValue(b, "what the reader is told", chromedp.Evaluate[[]string](
			`[document.querySelector('.search-status').textContent, document.querySelector('.search-note')?.hidden === false ? document.querySelector('.search-note').textContent : '']`))
		said := strings.Contains(got[0], "all the words") && got[1] != ""
		if said != q.some {
			t.Errorf("%q: the live region says %q and the panel %q; want them to say no page has all the words: %v", q.query, got[0], got[1], q.some)
		}
	}
}

// TestBrowserSearchOnPhone searches on a phone's screen and a desktop's:
// the results stay on the screen, and on the phone the chips of a query
// that finds many types take one row, which scrolls sideways, so that
// the first results show above the fold.
func TestBrowserSearchOnPhone(t *testing.T) {
	b, base := openExample(t)

	for _, width := range []int64{390, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			b.t = t
			b.do("set the window", chromedp.EmulateViewport(width, 844))
			b.open("a guide", base+"guides/glossary/")
			b.do("press /", pressSlash())
			typeQuery(b, "heat pump")
			firstResult(b, "heat pump")
			got := tabValue(b, "where the results are", chromedp.Evaluate[resultsBox](`(() => {
				const p = document.querySelector('.search-panel').getBoundingClientRect();
				const chips = document.querySelectorAll('.search-chip');
				return {Left: p.left, Right: p.right, Bottom: p.bottom, Width: innerWidth, Height: innerHeight,
					Scroll: document.documentElement.scrollWidth,
					Chips: document.querySelector('.search-chips').getBoundingClientRect().height,
					Chip: chips[0].getBoundingClientRect().height, Types: chips.length};
			})()`))
			if got.Left < 0 || got.Right > got.Width || got.Bottom > got.Height || got.Scroll > got.Width {
				t.Errorf("the results run off the screen: %+v", got)
			}
			if got.Types < 8 {
				t.Fatalf("heat pump finds %d types, want many for the chips to need room", got.Types)
			}
			if width < 500 && got.Chips > 2*got.Chip {
				t.Errorf("on a phone %d chips take %.0f px, more than one row of %.0f px", got.Types, got.Chips, got.Chip)
			}
		})
	}
}

// resultsBox is where the results are on the screen: the panel's edges,
// the window's size and the page's width, and the height of the chips'
// rows and of one chip.
type resultsBox struct {
	Left, Right, Bottom, Width, Height float64
	Scroll                             float64
	Chips, Chip                        float64
	Types                              int
}

// typeQuery types q into the focused search box, key by key.
func typeQuery(b *chromeTab, q string) {
	b.t.Helper()
	focused := tabValue(b, "focused element", chromedp.Evaluate[string](`document.activeElement.id`))
	if focused != "pb-search-input" {
		b.t.Fatalf("the focus is on %q, not the search box", focused)
	}
	b.do("type "+q, chromedp.KeyEvent(q))
}

// shownResult is a result in the list.
type shownResult struct {
	title, href string
	// marked is the text of the marked words of its snippet, and
	// titleMarked of its title and heading.
	marked, titleMarked string
}

// firstResult waits for the results of q and returns the first.
func firstResult(b *chromeTab, q string) shownResult {
	b.t.Helper()
	waitInTab(b, "results of "+q, browserStepTimeout,
		fmt.Sprintf(`document.getElementById('pb-search-input').value === %s && document.querySelector('#pb-search-input[aria-expanded=true]') !== null && document.querySelectorAll('#pb-search-list [role=option]').length > 0`, jsQuote(q)),
		`JSON.stringify([document.getElementById('pb-search-input').value, document.querySelector('#pb-search-input[aria-expanded=true]') !== null, document.querySelectorAll('#pb-search-list [role=option]').length])`)
	r := tabValue(b, "first result", chromedp.Evaluate[[]string](`(() => {
		const a = document.querySelector('#pb-search-list [role=option] a');
		return [a.querySelector('.search-title').firstChild.textContent, a.href,
			Array.from(a.querySelectorAll('.search-snippet mark'), m => m.textContent).join(' '),
			Array.from(a.querySelectorAll('.search-title mark'), m => m.textContent).join(' ')];
	})()`))
	return shownResult{title: r[0], href: r[1], marked: r[2], titleMarked: r[3]}
}

// pressSlash presses / as a keyboard does: one keyDown carrying its text,
// so that a page stopping the keydown (as the search box's shortcut does)
// stops the character too. chromedp.KeyEvent sends the character as an
// event of its own, which no keydown handler can stop.
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash",
			Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}
