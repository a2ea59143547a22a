package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// stepsSite is a playbook with one long page: forty sections, an outline
// taller than a desktop's window.
func stepsSite() map[string]string {
	var page strings.Builder
	page.WriteString("+++\ntitle = \"Onboarding steps\"\n+++\n\nWhat a new hire does, in order.\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&page, "\n## Step %d\n\n%s\n", i,
			strings.Repeat("Read the notes of the step, ask your buddy what is unclear, and tick it off in the checklist. ", 4))
	}
	return map[string]string{
		"site.toml":                "title = \"Kestrel\"\n",
		"content/_index.md":        "# Home\n\nWelcome.\n",
		"content/guides/steps.md":  page.String(),
		"content/guides/_index.md": "+++\ntitle = \"Guides\"\n+++\n",
	}
}

// tocMark is what tocMarkJS reads of On this page's column.
type tocMark struct {
	Marked   []string // the text of each link marked as the section read
	Visible  bool     // the marked link lies within the column's box
	Scrolls  bool     // the column is taller than it shows
	PageY    float64  // the page's scroll
	Color    string   // the marked link's colour
	BarColor string   // the colour of its bar
	Accent   string   // the theme's --accent
}

// tocMarkJS reads which links of the column are marked.
const tocMarkJS = `(() => {
	const toc = document.querySelector('nav.toc');
	const marked = Array.from(toc.querySelectorAll('a[aria-current="location"]'));
	const out = {Marked: marked.map(a => a.textContent.trim()), Visible: false,
		Scrolls: toc.scrollHeight > toc.clientHeight, PageY: window.scrollY,
		Color: '', BarColor: '', Accent: ''};
	if (marked.length === 1) {
		const a = marked[0], box = toc.getBoundingClientRect(), r = a.getBoundingClientRect();
		out.Visible = r.top >= box.top && r.bottom <= box.bottom && r.height > 0;
		out.Color = getComputedStyle(a).color;
		out.BarColor = getComputedStyle(a, '::before').backgroundColor;
		const probe = document.createElement('span');
		probe.style.color = 'var(--accent)';
		document.body.appendChild(probe);
		out.Accent = getComputedStyle(probe).color;
		probe.remove();
	}
	return out;
})()`

// scrollToHeadingJS scrolls the page so that the heading with this id is
// just under the top bar, and waits for the next frames to be drawn.
func scrollToHeadingJS(id string) string {
	return fmt.Sprintf(`new Promise(done => {
		const h = document.getElementById(%s), bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
		window.scrollBy(0, h.getBoundingClientRect().top - bar - 10);
		requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY)));
	})`, jsQuote(id))
}

// TestBrowserTOCMarksSectionRead scrolls a long page on a desktop: On this
// page marks the one section whose heading was passed last, in the accent
// colour in light and dark, keeps it in view in its own scrolling column
// without moving the page, and marks none above the first heading; without
// JavaScript nothing is marked.
func TestBrowserTOCMarksSectionRead(t *testing.T) {
	b, base := openBuilt(t, buildSiteForBrowser(t, stepsSite()), browserTimeout)
	b.do("set the window", chromedp.EmulateViewport(1280, 800))
	url := base + "guides/steps/"
	read := func(what string) tocMark {
		return tabValue(b, what, chromedp.Evaluate[tocMark](tocMarkJS, chromedp.EvalAwaitPromise))
	}
	for _, dark := range []bool{false, true} {
		b.do("the screen's colours", prefersDark(dark))
		b.open("the steps", url)
		if m := read("at the top"); len(m.Marked) != 0 {
			t.Errorf("dark %v, at the top: marked %q, want none above the first heading", dark, m.Marked)
		} else if !m.Scrolls {
			t.Fatalf("the outline of forty steps fits its column: the test needs it to scroll")
		}
		for _, n := range []int{1, 12, 27, 30} {
			id := fmt.Sprintf("step-%d", n)
			y := tabValue(b, "scroll to "+id, chromedp.Evaluate[float64](scrollToHeadingJS(id), chromedp.EvalAwaitPromise))
			m := read("after scrolling to " + id)
			want := fmt.Sprintf("Step %d", n)
			if len(m.Marked) != 1 || m.Marked[0] != want {
				t.Errorf("dark %v, %s under the top bar: marked %q, want just %q", dark, id, m.Marked, want)
				continue
			}
			if !m.Visible {
				t.Errorf("dark %v, %s: the marked link is outside the column's box", dark, id)
			}
			if m.PageY != y {
				t.Errorf("dark %v, %s: the page moved from %v to %v as the column scrolled", dark, id, y, m.PageY)
			}
			if m.Color != m.Accent || m.BarColor != m.Accent {
				t.Errorf("dark %v, %s: the marked link is %s with a bar %s, want the accent %s", dark, id, m.Color, m.BarColor, m.Accent)
			}
		}
		tabValue(b, "scroll back to the top", chromedp.Evaluate[float64](
			`new Promise(done => { window.scrollTo(0, 0); requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY))) })`,
			chromedp.EvalAwaitPromise))
		if m := read("back at the top"); len(m.Marked) != 0 {
			t.Errorf("dark %v, back at the top: marked %q, want none", dark, m.Marked)
		}
	}
	b.do("light colours back", prefersDark(false))

	b.do("scripts off", scriptsDisabled(true))
	defer b.do("scripts back on", scriptsDisabled(false))
	b.open("the steps without JavaScript", url)
	// With the page's scripts off no frame callback runs: the scroll is
	// given time instead.
	b.do("scroll to step-12", chromedp.Evaluate[chromedp.Void](
		`window.scrollBy(0, document.getElementById('step-12').getBoundingClientRect().top - 66)`),
		chromedp.Sleep(300*time.Millisecond))
	if m := read("without JavaScript"); len(m.Marked) != 0 {
		t.Errorf("without JavaScript: marked %q, want none", m.Marked)
	}
}
