package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// cssScrollY is where the reader is when the stylesheet changes.
const cssScrollY = 300

// TestBrowserSwapsStylesheetInPlace runs "playbook serve" on a copy of the
// example playbook that has its own static/assets/playbook.css, opens a
// promise in headless Chromium and edits the stylesheet: the new rule
// applies without the page reloading (the server sends "css", the live
// script swaps the stylesheets in place), so the reader keeps the page and
// the scroll position. Then an edit to the Markdown does reload the page,
// which shows that the test tells the two apart.
func TestBrowserSwapsStylesheetInPlace(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()

	src := copyExampleSite(t)
	css := filepath.Join(src, "static", "assets", "playbook.css")
	themeCSS, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "assets", "playbook.css"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
		t.Fatal(err)
	}
	writeSource(t, css, string(themeCSS))
	file := filepath.Join(src, "content", filepath.FromSlash(livePromise)+".md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	srv := startServe(t, ctx, src)

	b := startChromium(t, ctx)
	installLiveProbe(b)

	// The promise page, as served, listening for changes, scrolled down and
	// marked: nothing the test does reloads it.
	b.open("promise page", srv.url+livePromise+"/")
	b.do("promise heading", chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	b.stylesLoaded("promise")
	liveListening(b, "the first load")
	const spacing = `getComputedStyle(document.querySelector('h1')).letterSpacing`
	if got := tabValue(b, "letter spacing before the edit", chromedp.Evaluate[string](spacing)); got == "7px" {
		t.Fatalf("the h1 has letter-spacing %s before the stylesheet is edited: the test cannot tell the edit applied", got)
	}
	b.do("scroll down", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.scrollTo(0, %d)`, cssScrollY)))
	waitInTab(b, "scroll before the edit", 2*time.Second,
		fmt.Sprintf(`window.scrollY === %d`, cssScrollY),
		`"scrollY " + window.scrollY + ", page height " + document.documentElement.scrollHeight + ", window height " + window.innerHeight`)
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__notReloaded = true`))
	// What the reader sees: the element in the middle of the window, below
	// the heading the new rule makes taller.
	if bad := tabValue(b, "the element in view", chromedp.Evaluate[string](cssMarkInViewJS)); bad != "" {
		t.Fatalf("cannot mark the element in view: %s", bad)
	}

	// 1. A stylesheet edit applies in place.
	saved := time.Now()
	writeSource(t, css, string(themeCSS)+"\nh1 { letter-spacing: 7px !important; }\n")
	waitInTab(b, "the new rule of the stylesheet to apply", liveWaitTimeout,
		spacing+` === "7px"`, cssStateJS)
	t.Logf("the stylesheet edit applied in the browser %v after the save", time.Since(saved).Round(time.Millisecond))
	if !tabValue(b, "whether the page reloaded", chromedp.Evaluate[bool](`window.__notReloaded === true`)) {
		t.Fatalf("the page was reloaded for a stylesheet edit; want the stylesheets swapped in place (the page: %s)",
			tabValue(b, "the page", chromedp.Evaluate[string](cssStateJS)))
	}
	// The new rule makes the heading, above the window, taller: the
	// browser's scroll anchoring then scrolls down by as much, so that the
	// reader sees the same text at the same place.
	inView := tabValue(b, "the element in view after the stylesheet edit", chromedp.Evaluate[*cssView](cssViewJS))
	t.Logf("after the stylesheet edit: scrollY %v (was %d), the heading grew by %v px, the element in view moved by %v px",
		inView.ScrollY, cssScrollY, inView.Grown, inView.Moved)
	if d := inView.ScrollY - (cssScrollY + inView.Grown); d < -5 || d > 5 {
		t.Errorf("after the stylesheet edit the page is scrolled to %v, want %d plus the %v px the heading grew: the reader lost their place",
			inView.ScrollY, cssScrollY, inView.Grown)
	}
	if inView.Moved < -5 || inView.Moved > 5 {
		t.Errorf("after the stylesheet edit the element that was in the middle of the window moved %v px: the reader lost their place", inView.Moved)
	}
	events := tabValue(b, "events heard", chromedp.Evaluate[[]string](`window.__liveProbe.events`))
	if !cssEventsOnly(events) {
		t.Errorf("the page heard the events %q, want ok then css (and no reload) for a stylesheet edit", events)
	}
	swapped := tabValue(b, "stylesheet links", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('link[rel="stylesheet"]'), l => l.href)`))
	for _, href := range swapped {
		if !strings.Contains(href, "t=") {
			t.Errorf("stylesheet %s was not fetched again (no t= in its URL); the stylesheets: %q", href, swapped)
		}
	}
	b.stylesLoaded("promise, after the stylesheet edit")

	// 2. A Markdown edit reloads the page.
	marker := fmt.Sprintf("Stylesheet test marker %d.", time.Now().UnixNano())
	saved = time.Now()
	writeSource(t, file, strings.TrimRight(string(orig), "\n")+"\n\n"+marker+"\n")
	waitInTab(b, "the Markdown edit to show up", liveWaitTimeout,
		fmt.Sprintf(`document.readyState === "complete" && document.body.innerText.includes(%s)`, jsQuote(marker)),
		cssStateJS)
	t.Logf("the Markdown edit showed in the browser %v after the save", time.Since(saved).Round(time.Millisecond))
	if !tabValue(b, "whether the page reloaded", chromedp.Evaluate[bool](`window.__notReloaded === undefined`)) {
		t.Error("the page shows the Markdown edit but was not reloaded")
	}
	if nav := tabValue(b, "navigation type", chromedp.Evaluate[string](`performance.getEntriesByType("navigation")[0]?.type ?? ""`)); nav != "reload" {
		t.Errorf("after the Markdown edit the page's navigation type is %q, want reload (by the live script)", nav)
	}
	// The reloaded page is served the edited stylesheet, not only shown it.
	if got := tabValue(b, "letter spacing after the reload", chromedp.Evaluate[string](spacing)); got != "7px" {
		t.Errorf("after the reload the h1 has letter-spacing %q, want 7px from the edited stylesheet", got)
	}

	srv.stop(t)
}

// cssEventsOnly reports whether events are the first event of a page that
// loaded with a good build, "ok", followed by "css" only: one per rebuild
// (a save the watcher sees as two bursts rebuilds twice).
func cssEventsOnly(events []string) bool {
	if len(events) < 2 || events[0] != "ok" {
		return false
	}
	for _, e := range events[1:] {
		if e != "css" {
			return false
		}
	}
	return true
}

// cssMarkInViewJS remembers the element in the middle of the window, where
// it is on screen and how tall the heading is; it returns why it cannot, or
// "".
const cssMarkInViewJS = `(() => {
	const h1 = document.querySelector("h1");
	const main = document.querySelector("main").getBoundingClientRect();
	const el = document.elementFromPoint(main.left + main.width / 2, window.innerHeight / 2);
	if (!el) return "no element in the middle of the window";
	if (el.contains(h1)) return "the element in the middle of the window, " + el.tagName + ", holds the heading";
	window.__inView = { el, top: el.getBoundingClientRect().top, h1: h1.getBoundingClientRect().height };
	return "";
})()`

// cssView is what cssViewJS reads.
type cssView struct {
	ScrollY float64 `json:"scrollY"`
	Grown   float64 `json:"grown"` // how much taller the heading is
	Moved   float64 `json:"moved"` // how far the element in view moved on screen
}

// cssViewJS measures the page against what cssMarkInViewJS remembered.
const cssViewJS = `(() => {
	const v = window.__inView;
	return {
		scrollY: window.scrollY,
		grown: document.querySelector("h1").getBoundingClientRect().height - v.h1,
		moved: v.el.getBoundingClientRect().top - v.top,
	};
})()`

// cssStateJS describes the page for a failed wait.
const cssStateJS = `JSON.stringify({
	url: location.href,
	readyState: document.readyState,
	notReloaded: window.__notReloaded ?? null,
	navigation: performance.getEntriesByType("navigation")[0]?.type,
	scrollY: window.scrollY,
	events: window.__liveProbe?.events,
	letterSpacing: getComputedStyle(document.querySelector("h1")).letterSpacing,
	stylesheets: Array.from(document.querySelectorAll('link[rel="stylesheet"]'), l => l.href),
	overlay: document.querySelector("#playbook-overlay")?.innerText ?? null,
})`
