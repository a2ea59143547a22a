package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

const (
	liveTimeout      = 90 * time.Second // the whole test: server, browser and every wait
	liveStartTimeout = 15 * time.Second // for runServe to print its URL
	liveWaitTimeout  = 10 * time.Second // for the browser to catch up with one edit
	liveStopTimeout  = 5 * time.Second  // for runServe to return once cancelled
	livePromise      = "promises/tidy-install"
	liveScrollY      = 400
)

// TestBrowserLivePreviewUnbuilt starts "playbook serve" on a copy of the
// example whose layout is broken: a page shows the error over nothing,
// without saying a last good version is underneath, and the site once
// the layout is fixed.
func TestBrowserLivePreviewUnbuilt(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), liveTimeout)
	defer cancel()
	src := copyExampleSite(t)
	layout := filepath.Join(src, "layouts", "promise.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	writeSource(t, layout, "{{define \"main\"}}\n{{if}}{{end}}\n")
	srv := startServe(t, ctx, src)
	b := startChromium(t, ctx)
	installLiveProbe(b)
	// Answered 503: there is no page yet, only the live script.
	b.do("open the promise page", chromedp.Navigate(srv.url+livePromise+"/"))
	waitInTab(b, "the overlay", liveWaitTimeout, `!!document.querySelector("#playbook-overlay pre.playbook-problem")`, liveStateJS)
	heading := tabValue(b, "the overlay's heading", chromedp.Evaluate[string](`document.querySelector("#playbook-overlay h2").textContent`))
	if strings.Contains(heading, "underneath") || !strings.Contains(heading, "could not be built") {
		t.Errorf("overlay heading %q, want it to say the site could not be built, and nothing of a version underneath", heading)
	}
	liveListening(b, "the overlay")
	writeSource(t, layout, "{{define \"main\"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}\n")
	waitInTab(b, "the page once fixed", liveWaitTimeout,
		`document.readyState === "complete" && !document.querySelector("#playbook-overlay") && !!document.querySelector("main h1")`, liveStateJS)
}

// liveProbeJS runs in every document of the tab before the page's own
// scripts. It counts what the live reload script's EventSource receives, so
// that the test edits a file only once the page listens (an edit made
// before that is never announced to the page), and it turns the browser's
// own scroll restoration off, so that the scroll check tests the live
// script, which keeps the scroll position itself.
const liveProbeJS = `(() => {
	history.scrollRestoration = "manual";
	const probe = window.__liveProbe = { open: 0, closed: 0, events: [] };
	const Native = window.EventSource;
	window.EventSource = class extends Native {
		constructor(...args) {
			super(...args);
			this.addEventListener("open", () => probe.open++);
			for (const name of ["reload", "css", "problems", "ok"]) {
				this.addEventListener(name, () => probe.events.push(name));
			}
		}
		close() {
			probe.closed++;
			super.close();
		}
	};
})()`

// TestBrowserLivePreview runs "playbook serve" on a copy of the example
// playbook, opens a promise in headless Chromium and edits its Markdown as
// an author does: the page reloads by itself and keeps its scroll position,
// a broken front matter shows the error over the last good page, and the
// fix takes the overlay away; so does a broken layout, at its own file and
// line, and a missing theme, at no line. Then the server stops cleanly.
func TestBrowserLivePreview(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), liveTimeout)
	defer cancel()

	src := copyExampleSite(t)
	file := filepath.Join(src, "content", filepath.FromSlash(livePromise)+".md")
	relFile := "content/" + livePromise + ".md"
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title, titleLine := frontMatterTitle(t, string(orig))

	srv := startServe(t, ctx, src)

	b := startChromium(t, ctx)
	installLiveProbe(b)

	// The promise page, as served, listening for changes.
	b.open("promise page", srv.url+livePromise+"/")
	if h1 := strings.TrimSpace(tabValue(b, "promise heading", chromedp.TextContent(chromedp.CSS(`main h1`)))); h1 != title {
		t.Fatalf("promise page heading = %q, want the front matter's title %q", h1, title)
	}
	liveListening(b, "the first load")
	b.do("scroll down", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.scrollTo(0, %d)`, liveScrollY)))
	waitInTab(b, "scroll before the edit", 2*time.Second,
		fmt.Sprintf(`window.scrollY === %d`, liveScrollY),
		`"scrollY " + window.scrollY + ", page height " + document.documentElement.scrollHeight + ", window height " + window.innerHeight`)
	// Nothing the test does reloads the page; this flag tells whether the
	// live script did.
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__liveFirstLoad = true`))

	// 1. An edit shows up by itself, at the same scroll position.
	marker := fmt.Sprintf("Live preview marker %d.", time.Now().UnixNano())
	edited := strings.TrimRight(string(orig), "\n") + "\n\n" + marker + "\n"
	saved := time.Now()
	writeSource(t, file, edited)
	waitInTab(b, "the edit to show up without the test reloading", liveWaitTimeout,
		fmt.Sprintf(`document.readyState === "complete" && document.body.innerText.includes(%s)`, jsQuote(marker)),
		liveStateJS)
	t.Logf("the edit showed in the browser %v after the save", time.Since(saved).Round(time.Millisecond))
	if !tabValue(b, "whether the page reloaded", chromedp.Evaluate[bool](`window.__liveFirstLoad !== true`)) {
		t.Error("the page shows the edit but was not reloaded")
	}
	if nav := tabValue(b, "navigation type", chromedp.Evaluate[string](`performance.getEntriesByType("navigation")[0]?.type ?? ""`)); nav != "reload" {
		t.Errorf("after the edit the page's navigation type is %q, want reload (by the live script)", nav)
	}
	waitInTab(b, "the scroll position to be kept across the live reload", 3*time.Second,
		fmt.Sprintf(`Math.abs(window.scrollY - %d) <= 5`, liveScrollY),
		`"scrollY " + window.scrollY`)
	liveListening(b, "the live reload")
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__liveBeforeBreak = true`))

	// 2. A broken front matter shows the error over the last good page.
	broken := replaceLine(t, edited, titleLine, "title = ")
	saved = time.Now()
	writeSource(t, file, broken)
	waitInTab(b, "the problems overlay", liveWaitTimeout,
		`!!document.querySelector("#playbook-overlay pre.playbook-problem")`, liveStateJS)
	t.Logf("the overlay showed %v after the save", time.Since(saved).Round(time.Millisecond))
	problems := tabValue(b, "problems in the overlay", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#playbook-overlay pre.playbook-problem"), p => p.textContent)`))
	wantProblem := regexp.MustCompile(`^` + regexp.QuoteMeta(relFile) + `:(\d+)(:\d+)?: \S`)
	found := false
	for _, p := range problems {
		if m := wantProblem.FindStringSubmatch(p); m != nil {
			found = true
			t.Logf("overlay shows %q (among %d problems)", p, len(problems))
			if m[1] != fmt.Sprint(titleLine) {
				t.Errorf("overlay: %q points at line %s, want %d (the broken title = line)", p, m[1], titleLine)
			}
		}
	}
	if !found {
		t.Errorf("overlay lists %q, want a problem at %s:LINE: MESSAGE", problems, relFile)
	}
	if !tabValue(b, "whether the page stayed", chromedp.Evaluate[bool](`window.__liveBeforeBreak === true`)) {
		t.Error("the page reloaded on a failed build; it should stay, under the overlay")
	}
	underneath := tabValue(b, "the page under the overlay", chromedp.Evaluate[string](
		`Array.from(document.body.children).filter(e => e.id !== "playbook-overlay").map(e => e.textContent).join("\n")`))
	if !strings.Contains(underneath, marker) {
		t.Errorf("under the overlay the page no longer shows the last good content (marker %q)", marker)
	}
	if !strings.Contains(underneath, title) {
		t.Errorf("under the overlay the page no longer shows the last good title %q", title)
	}
	b.screenshot("live preview overlay")

	// 3. The fix takes the overlay away and shows the fixed page.
	marker2 := fmt.Sprintf("Fixed marker %d.", time.Now().UnixNano())
	saved = time.Now()
	writeSource(t, file, edited+"\n"+marker2+"\n")
	waitInTab(b, "the overlay to go and the fixed page to show", liveWaitTimeout,
		fmt.Sprintf(`document.readyState === "complete" && !document.querySelector("#playbook-overlay") && document.body.innerText.includes(%s) && document.body.innerText.includes(%s)`,
			jsQuote(marker), jsQuote(marker2)),
		liveStateJS)
	t.Logf("the fix showed %v after the save", time.Since(saved).Round(time.Millisecond))
	if h1 := strings.TrimSpace(tabValue(b, "promise heading after the fix", chromedp.TextContent(chromedp.CSS(`main h1`)))); h1 != title {
		t.Errorf("after the fix the heading is %q, want %q", h1, title)
	}
	// The overlay must not come back: the page listens again and hears
	// that the build is good.
	liveListening(b, "the fix")
	if first := tabValue(b, "first event after the fix", chromedp.Evaluate[string](`window.__liveProbe.events[0]`)); first != "ok" {
		t.Errorf("after the fix the server's first event to the page is %q, want ok", first)
	}
	if n := tabValue(b, "overlay after the fix", chromedp.Evaluate[int](`document.querySelectorAll("#playbook-overlay").length`)); n != 0 {
		t.Errorf("after the fix the page has %d overlays, want none", n)
	}

	// 4. A layout that does not parse shows over the page at its own file
	// and line, and taking it away takes the overlay away.
	layout := filepath.Join(src, "layouts", "promise.html")
	if err := os.MkdirAll(filepath.Dir(layout), 0o755); err != nil {
		t.Fatal(err)
	}
	writeSource(t, layout, "{{define \"main\"}}\n\n{{if}}{{end}}\n")
	waitInTab(b, "the overlay for the broken layout", liveWaitTimeout,
		`!!document.querySelector("#playbook-overlay pre.playbook-problem")`, liveStateJS)
	problems = tabValue(b, "problems in the overlay", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#playbook-overlay pre.playbook-problem"), p => p.textContent)`))
	if want := "layouts/promise.html:3: missing value for if"; !slices.Contains(problems, want) {
		t.Errorf("overlay lists %q, want %q", problems, want)
	}
	if err := os.Remove(layout); err != nil {
		t.Fatal(err)
	}
	waitInTab(b, "the overlay to go once the layout is removed", liveWaitTimeout,
		`document.readyState === "complete" && !document.querySelector("#playbook-overlay")`, liveStateJS)
	// A theme that is not there shows at the line of site.toml naming it.
	config := filepath.Join(src, "site.toml")
	settings, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	writeSource(t, config, "theme = \"corp\"\n"+string(settings))
	waitInTab(b, "the overlay for the missing theme", liveWaitTimeout,
		`!!document.querySelector("#playbook-overlay pre.playbook-problem")`, liveStateJS)
	problems = tabValue(b, "problems in the overlay", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#playbook-overlay pre.playbook-problem"), p => p.textContent)`))
	if want := `site.toml:1: theme "corp": no folder themes/corp`; !slices.Contains(problems, want) {
		t.Errorf("overlay lists %q, want %q", problems, want)
	}
	writeSource(t, config, string(settings))
	waitInTab(b, "the overlay to go once the theme is fixed", liveWaitTimeout,
		`document.readyState === "complete" && !document.querySelector("#playbook-overlay")`, liveStateJS)

	// 5. The server stops cleanly, with the page still open.
	srv.stop(t)
}

// TestBrowserLivePreviewReloadsOnlyTheChangedPage opens a FAQ of a copy
// of the example in one tab of headless Chromium, and in two more tabs a
// promise the FAQ is about and the home page, and fixes a typo in the
// FAQ's answer as an author does: the FAQ's tab reloads and shows the fix;
// the others, whose pages the fix does not change, hear of the rebuild
// and stay as they are, with the reader's place.
func TestBrowserLivePreviewReloadsOnlyTheChangedPage(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), liveTimeout)
	defer cancel()
	const faq = "faqs/price-over-the-phone"
	file, orig, srv := serveExampleToEdit(t, ctx, faq)

	faqTab := startChromium(t, ctx)
	tabs := []struct {
		b    *chromeTab
		page string
	}{
		{faqTab, faq + "/"},
		{faqTab.newTab(), "promises/fixed-price-quote/"},
		{faqTab.newTab(), ""},
	}
	for _, tab := range tabs {
		installLiveProbe(tab.b)
		tab.b.open("/"+tab.page, srv.url+tab.page)
		liveListening(tab.b, "the first load of /"+tab.page)
		// Nothing the test does reloads a page; this flag tells whether
		// the live script did.
		tab.b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__liveNotReloaded = true`))
	}

	// The promise's tab has searched, and so loaded the index, before
	// the edit: kept as it is, it must still search the new site.
	promiseTab := tabs[1].b
	promiseTab.do("focus the search box", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-search-input').focus()`))
	typeQuery(promiseTab, "quote")
	firstResult(promiseTab, "quote")

	marker := fmt.Sprintf("Typo fixed quokkafix%d.", time.Now().UnixNano())
	writeSource(t, file, strings.TrimRight(string(orig), "\n")+"\n\n"+marker+"\n")
	waitInTab(faqTab, "the fix to show in the FAQ's tab", liveWaitTimeout,
		fmt.Sprintf(`document.readyState === "complete" && document.body.innerText.includes(%s)`, jsQuote(marker)),
		liveStateJS)
	if tabValue(faqTab, "whether the FAQ reloaded", chromedp.Evaluate[bool](`window.__liveNotReloaded === true`)) {
		t.Error("the FAQ's tab shows the fix but was not reloaded")
	}
	for _, tab := range tabs[1:] {
		// The page hears the rebuild (the first event was the page's
		// own, when it opened), or loses its mark to a reload.
		waitInTab(tab.b, "/"+tab.page+" to hear of the rebuild", liveWaitTimeout,
			`window.__liveNotReloaded !== true || window.__liveProbe.events.length > 1`, liveStateJS)
		if !tabValue(tab.b, "whether the page stayed", chromedp.Evaluate[bool](`window.__liveNotReloaded === true`)) {
			t.Errorf("/%s was reloaded by a fix to %s, which does not change it", tab.page, faq)
		}
		events := tabValue(tab.b, "events heard", chromedp.Evaluate[[]string](`window.__liveProbe.events`))
		if slices.ContainsFunc(events, func(e string) bool { return e != "ok" }) {
			t.Errorf("/%s heard %q, want ok alone", tab.page, events)
		}
	}
	word := strings.TrimSuffix(strings.Fields(marker)[2], ".")
	promiseTab.do("empty the search box", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById('pb-search-input'); i.value = ''; i.focus(); })()`))
	typeQuery(promiseTab, word)
	// The list shows the last query's results until the new one's parts
	// are loaded: wait for the FAQ among them.
	waitInTab(promiseTab, "a search for the FAQ's new word, in a tab kept as it was, to find the FAQ", liveWaitTimeout,
		fmt.Sprintf(`document.getElementById('pb-search-input').value === %s && Array.from(document.querySelectorAll('#pb-search-list [role=option] a'), a => a.href).some(h => h.includes(%s))`, jsQuote(word), jsQuote("/"+faq+"/")),
		`JSON.stringify(Array.from(document.querySelectorAll('#pb-search-list [role=option] a'), a => a.href))`)
	srv.stop(t)
}

// TestBrowserLivePreviewLetsHiddenPagesGo: a page out of sight closes its
// event stream, since a browser gives a site six connections and a
// seventh tab of the preview would not load, and opens it again when
// shown: an edit made meanwhile reloads it then.
func TestBrowserLivePreviewLetsHiddenPagesGo(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), liveTimeout)
	defer cancel()
	const faq = "faqs/price-over-the-phone"
	file, orig, srv := serveExampleToEdit(t, ctx, faq)
	b := startChromium(t, ctx)
	installLiveProbe(b)
	b.open("/"+faq+"/", srv.url+faq+"/")
	liveListening(b, "the first load")
	b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.__liveNotReloaded = true`))
	setHidden := func(hidden bool) {
		b.do(fmt.Sprintf("make the page hidden=%v", hidden), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
			`Object.defineProperty(document, "hidden", {configurable: true, get: () => %v}); document.dispatchEvent(new Event("visibilitychange"))`, hidden)))
	}
	setHidden(true)
	if closed := tabValue(b, "streams closed", chromedp.Evaluate[int](`window.__liveProbe.closed`)); closed != 1 {
		t.Fatalf("a hidden page closed %d streams, want 1", closed)
	}
	rebuilds := strings.Count(srv.stderr.String(), "rebuilt in")
	marker := fmt.Sprintf("Seen when shown %d.", time.Now().UnixNano())
	writeSource(t, file, strings.TrimRight(string(orig), "\n")+"\n\n"+marker+"\n")
	deadline := time.Now().Add(liveWaitTimeout)
	for strings.Count(srv.stderr.String(), "rebuilt in") == rebuilds {
		if time.Now().After(deadline) {
			t.Fatalf("no rebuild after the edit:\n%s", srv.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // time for an event a stream would carry
	if !tabValue(b, "whether the hidden page stayed", chromedp.Evaluate[bool](`window.__liveNotReloaded === true`)) {
		t.Fatal("the hidden page reloaded: its stream was open")
	}
	setHidden(false)
	waitInTab(b, "the page shown to catch up with the edit", liveWaitTimeout,
		fmt.Sprintf(`document.readyState === "complete" && document.body.innerText.includes(%s)`, jsQuote(marker)),
		liveStateJS)
	srv.stop(t)
}

// serveExampleToEdit runs "playbook serve" on a copy of the example
// playbook and returns the Markdown file of its page at path (a URL path
// without its slashes) and the file's text, for a test to edit.
func serveExampleToEdit(t *testing.T, ctx context.Context, path string) (file string, orig []byte, srv *liveServer) {
	t.Helper()
	src := copyExampleSite(t)
	file = filepath.Join(src, "content", filepath.FromSlash(path)+".md")
	orig, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return file, orig, startServe(t, ctx, src)
}

// liveStateJS describes the page for a failed wait.
const liveStateJS = `JSON.stringify({
	url: location.href,
	readyState: document.readyState,
	scrollY: window.scrollY,
	events: window.__liveProbe?.events,
	overlay: document.querySelector("#playbook-overlay")?.innerText ?? null,
	end: document.body.innerText.slice(-200),
})`

// installLiveProbe makes every page the tab opens record the live
// reload events it receives, before any script of the page runs.
func installLiveProbe(b *chromeTab) {
	b.do("install the EventSource probe", chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: liveProbeJS})
		return err
	}))
}

// liveListening waits until the page's live script hears the server: the
// server sends the first event once it has counted the page in, so an edit
// after that is announced to it.
func liveListening(b *chromeTab, after string) {
	b.t.Helper()
	waitInTab(b, "the live script to listen after "+after, liveWaitTimeout,
		`(window.__liveProbe?.events.length ?? 0) > 0`, liveStateJS)
	if loaded := tabValue(b, "live script", chromedp.Evaluate[int](
		`document.querySelectorAll('script[src="/_playbook/live.js"]').length`)); loaded != 1 {
		b.t.Errorf("after %s the page has %d live scripts, want 1", after, loaded)
	}
}

// waitInTab evaluates cond in the tab until it is true, for up to timeout.
// Unlike chromedp.Poll it survives the page reloading under it. On failure
// it reports what state (a JS expression) says.
func waitInTab(b *chromeTab, what string, timeout time.Duration, cond, state string) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		if b.ctx.Err() != nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](state))
	if err != nil {
		got = fmt.Sprintf("(cannot tell: %v)", err)
	}
	b.t.Fatalf("waiting for %s: not so after %v (last error: %v); the page: %s", what, timeout, lastErr, got)
}

// liveServer is "playbook serve" running in the test.
type liveServer struct {
	url            string
	cancel         context.CancelFunc
	done           chan int
	stdout, stderr *lockedBuffer
}

// startServe runs "playbook serve --port 0" on src until stop, or the end
// of the test, and waits for its URL.
func startServe(t *testing.T, ctx context.Context, src string) *liveServer {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	s := &liveServer{cancel: cancel, done: make(chan int, 1), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	go func() {
		s.done <- runServe(ctx, []string{"--source", src, "--port", "0"}, s.stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(liveStopTimeout):
			t.Errorf("playbook serve still running %v after the test", liveStopTimeout)
		}
		if t.Failed() {
			t.Logf("playbook serve stdout:\n%s\nstderr:\n%s", s.stdout, s.stderr)
		}
	})

	serving := regexp.MustCompile(`(?m)^Serving .* at (http://\S+/) `)
	deadline := time.After(liveStartTimeout)
	for {
		if m := serving.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case code := <-s.done:
			s.done <- code
			t.Fatalf("playbook serve exited %d before serving\nstdout:\n%s\nstderr:\n%s", code, s.stdout, s.stderr)
		case <-deadline:
			t.Fatalf("playbook serve printed no \"Serving ... at URL\" line in %v\nstdout:\n%s\nstderr:\n%s", liveStartTimeout, s.stdout, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// stop cancels the server and checks that it stops cleanly.
func (s *liveServer) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	cancelled := time.Now()
	select {
	case code := <-s.done:
		t.Logf("playbook serve returned %d, %v after it was cancelled", code, time.Since(cancelled).Round(time.Millisecond))
		s.done <- code // for the cleanup
		if code != exitOK {
			t.Errorf("playbook serve exited %d when stopped, want %d\nstderr:\n%s", code, exitOK, s.stderr)
		}
	case <-time.After(liveStopTimeout):
		t.Fatalf("playbook serve did not return within %v of being stopped\nstdout:\n%s", liveStopTimeout, s.stdout)
	}
	if out := s.stdout.String(); !strings.Contains(out, "stopped") {
		t.Errorf("playbook serve stdout does not say it stopped:\n%s", out)
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and many readers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// copyExampleSite copies the example playbook (site.toml and content/ of
// the repository) into a temporary folder, for the test to edit.
func copyExampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join("..", "..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// frontMatterTitle returns the title of a page and the 1-based line of its
// "title = " line.
func frontMatterTitle(t *testing.T, md string) (string, int) {
	t.Helper()
	title := regexp.MustCompile(`^title\s*=\s*"(.*)"\s*$`)
	for i, line := range strings.Split(md, "\n") {
		if i > 0 && strings.TrimSpace(line) == "+++" {
			break
		}
		if m := title.FindStringSubmatch(line); m != nil {
			return m[1], i + 1
		}
	}
	t.Fatalf("no title = \"...\" line in the front matter of:\n%s", md)
	return "", 0
}

// replaceLine replaces the 1-based line n of text.
func replaceLine(t *testing.T, text string, n int, with string) string {
	t.Helper()
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		t.Fatalf("no line %d in a text of %d lines", n, len(lines))
	}
	lines[n-1] = with
	return strings.Join(lines, "\n")
}

// writeSource saves a source file in place, as most editors do.
func writeSource(t *testing.T, file, text string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
