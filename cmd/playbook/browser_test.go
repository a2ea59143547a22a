package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test serves the built site under a sub-path, as an intranet
// often does, so that a link that is not relative breaks.
const browserSitePrefix = "/sales/playbook/"

const (
	browserTimeout     = 60 * time.Second // the whole browser session
	browserStepTimeout = 15 * time.Second // one wait, click or read
)

// TestBrowserFollowsPromiseChain builds the example playbook, serves it under
// a sub-path and walks it in headless Chromium by clicking, as a reader does:
// home, Promises, a promise, a sales behaviour of its chain, back to the
// promise through "Keeps these promises", then the alignment table.
func TestBrowserFollowsPromiseChain(t *testing.T) {
	dir := buildExampleForBrowser(t)
	srv, requests := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	// Checked last, and even when a step fails: an absolute link or asset
	// shows up here.
	t.Cleanup(func() { checkRequests(t, requests()) })

	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)

	// Home: the sidebar is there and has links.
	b.open("home", base)
	b.do("sidebar", chromedp.WaitVisible(chromedp.CSS(`nav#pb-sidebar.sidebar`)))
	if n := tabValue(b, "count sidebar links", chromedp.Evaluate[int](`document.querySelectorAll('nav#pb-sidebar a[href]').length`)); n < 2 {
		t.Fatalf("home: sidebar has %d links, want several", n)
	}
	b.stylesLoaded("home")

	// Click Promises in the sidebar, then the first promise listed under it.
	tabClick(b, "sidebar link to Promises", elementsNamed(`nav#pb-sidebar a`, "Promises"))
	b.wantURL("promises section", base+"promises/")
	first := `nav#pb-sidebar li.nav-page a`
	title := tabValue(b, "first promise in the sidebar", chromedp.TextContent(chromedp.CSS(first)))
	title = strings.TrimSpace(title)
	status := tabValue(b, "status dot of the first promise", chromedp.Evaluate[string](
		`document.querySelector('nav#pb-sidebar li.nav-page a .dot')?.title ?? ''`))
	promiseURL := tabClick(b, "first promise in the sidebar", chromedp.CSS(first))
	if !strings.HasPrefix(promiseURL, base+"promises/") {
		t.Fatalf("promise %q opened at %s, want it under %spromises/", title, promiseURL, base)
	}

	// The promise page draws its chain.
	b.do("promise heading", chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if h1 := strings.TrimSpace(tabValue(b, "promise heading", chromedp.TextContent(chromedp.CSS(`main h1`)))); h1 != title {
		t.Errorf("promise page heading = %q, want the sidebar's %q", h1, title)
	}
	b.do("breadcrumbs", chromedp.WaitVisible(chromedp.CSS(`nav.breadcrumbs a[href]`)))
	b.do("chain figure", chromedp.WaitVisible(chromedp.CSS(`figure.chain#pb-chain`)))
	chain := tabValue(b, "read the chain", chromedp.Evaluate[*browserChain](readChainJS))
	checkBrowserChain(t, chain, status)
	b.stylesLoaded("promise")
	if !tabValue(b, "chain layout", chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.chain-steps')).display === 'grid'`)) {
		t.Errorf("promise page: .chain-steps is not laid out as a grid: the stylesheet did not apply")
	}
	b.screenshot("promise page")

	// Click the first sales behaviour in the chain.
	behaviourURL := tabClick(b, "first behaviour of the Sales step", chainStepLinks("Sales"))
	if !strings.HasPrefix(behaviourURL, base+"behaviours/") {
		t.Fatalf("sales behaviour opened at %s, want it under %sbehaviours/", behaviourURL, base)
	}
	if want := chain.Steps[1].Links[0]; behaviourURL != want {
		t.Errorf("clicking the Sales step's first link opened %s, want %s", behaviourURL, want)
	}
	b.stylesLoaded("behaviour")

	// The behaviour page links back to the promise, under the same title.
	b.do("list of promises kept", chromedp.WaitVisible(chromedp.CSS(`ul.fulfils a[href]`)))
	back := elementsNamed(`ul.fulfils a`, title)
	if n := tabValue(b, "links back to the promise", chromedp.Evaluate[int](string(back)+`.length`)); n != 1 {
		fulfils := tabValue(b, "list of promises kept", chromedp.TextContent(chromedp.CSS(`ul.fulfils`)))
		t.Fatalf("behaviour page %s: .fulfils has %d links titled %q, want 1; it reads: %s", behaviourURL, n, title, fulfils)
	}
	if got := tabClick(b, "link back to the promise", back); got != promiseURL {
		t.Errorf("link back to %q opened %s, want %s", title, got, promiseURL)
	}
	b.do("chain figure, again", chromedp.WaitVisible(chromedp.CSS(`figure.chain#pb-chain`)))

	// The alignment table lists every promise the build wrote.
	tabClick(b, "Alignment in the top bar", elementsNamed(`header.topbar a`, "Alignment"))
	b.wantURL("alignment page", base+"alignment/")
	b.stylesLoaded("alignment")
	b.do("alignment table", chromedp.WaitVisible(chromedp.CSS(`table.alignment tbody tr`)))
	rows := tabValue(b, "alignment rows", chromedp.Evaluate[int](`document.querySelectorAll('table.alignment tbody tr').length`))
	listed := tabValue(b, "promises in the alignment table", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('table.alignment tbody tr th a[href]'), a => a.href)`))
	built := builtPromiseURLs(t, dir, base)
	if rows != len(built) {
		t.Errorf("alignment table has %d rows, want one for each of the %d promise pages built", rows, len(built))
	}
	slices.Sort(listed)
	if !slices.Equal(listed, built) {
		t.Errorf("alignment table links to promises\n%s\nwant the promise pages built\n%s",
			strings.Join(listed, "\n"), strings.Join(built, "\n"))
	}

	// A card is its title's link all over: a click on its description
	// opens the page.
	b.open("promises section, again", base+"promises/")
	card := tabValue(b, "first card's link", chromedp.Evaluate[string](`document.querySelector('.cards .card > a').href`))
	if got := tabClick(b, "first card's description", chromedp.CSS(`.cards .card p`)); got != card {
		t.Errorf("a click on a card's description opened %s, want its title's %s", got, card)
	}
}

// TestBrowserNotFoundPage asks the host for pages that are not there, deep
// in the site: the 404.html the host shows in their place finds the site's
// root, so that its stylesheet applies and its links lead into the site.
func TestBrowserNotFoundPage(t *testing.T) {
	dir := buildExampleForBrowser(t)
	srv, requests := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	// Chromium's preload scanner asks for the 404 page's assets under the
	// path asked for before its script has set the base, and the script
	// tries folders of that path: those requests fail by design.
	inSection, nowhere := browserSitePrefix+"promises/no-such-promise/", browserSitePrefix+"nothing-here/"
	t.Cleanup(func() { checkRequests(t, ignoreMissing(requests(), inSection, nowhere)) })

	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	// In a section: the root is guessed from the path.
	b.openMissing(srv.URL+inSection+"deeper/", base)
	if h1 := strings.TrimSpace(tabValue(b, "heading", chromedp.TextContent(chromedp.CSS(`main h1`)))); h1 != "Page not found" {
		t.Errorf("heading %q, want the 404 page's", h1)
	}
	// Under no folder of the site: the root is found by asking.
	b.openMissing(srv.URL+nowhere+"at-all/", base)
	tabClick(b, "sidebar link to Promises", elementsNamed(`nav#pb-sidebar a`, "Promises"))
	b.wantURL("promises section", base+"promises/")
}

// TestBrowserNotFoundPageAnsweredOK: where the host answers a missing page
// with the site's 404.html and status 200 (a CDN's error page, a fallback
// rule), and so any file asked for, the page still finds the site's root.
func TestBrowserNotFoundPageAnsweredOK(t *testing.T) {
	dir := buildExampleForBrowser(t)
	srv, _ := serveAnsweringMissing(t, dir, http.StatusOK)
	base := srv.URL + browserSitePrefix
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	for _, missing := range []string{"promises/no-such-promise/deeper/", "nothing-here/at-all/"} {
		b.openNotFound(base+missing, http.StatusOK, base)
	}
	tabClick(b, "sidebar link to Promises", elementsNamed(`nav#pb-sidebar a`, "Promises"))
	b.wantURL("promises section", base+"promises/")
}

// TestBrowserAliasFromDisk: a page's old path, opened from disk, leads to
// the page's index.html, not to a listing of its folder's files.
func TestBrowserAliasFromDisk(t *testing.T) {
	src := writeSite(t, map[string]string{
		"site.toml":                    "title = \"T\"\n",
		"content/_index.md":            "# Home\n",
		"content/guides/first-week.md": "+++\ntitle = \"Your first week\"\naliases = [\"/guides/your-first-week/\"]\n+++\nWelcome.\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	at := "file://" + filepath.ToSlash(dest)
	b.open("the old path from disk", at+"/guides/your-first-week/index.html")
	waitInTab(b, "the old path to lead to the page's index.html", browserStepTimeout,
		fmt.Sprintf(`location.href === %s && document.querySelector("main h1")?.textContent.includes("Your first week")`, jsQuote(at+"/guides/first-week/index.html")),
		`location.href`)
}

// openMissing opens url, which the site does not have, and checks that
// the 404 page the host shows there finds the site: its stylesheets load
// and its home link leads to home.
func (b *chromeTab) openMissing(url, home string) {
	b.t.Helper()
	b.openNotFound(url, http.StatusNotFound, home)
}

// openNotFound opens a 404 page at url, answered with status, and checks
// that it finds the site.
func (b *chromeTab) openNotFound(url string, status int64, home string) {
	b.t.Helper()
	resp := tabValue(b, "open "+url, chromedp.NavigateResponse(url))
	if resp == nil || resp.Status != status {
		b.t.Fatalf("%s: response %+v, want status %d", url, resp, status)
	}
	waitInTab(b, "the 404 page at "+url+" to find the site", browserStepTimeout,
		`Array.from(document.querySelectorAll('link[rel="stylesheet"]')).every(l => { try { return l.sheet && l.sheet.cssRules.length > 0 } catch (e) { return false } }) &&
		Array.from(document.querySelectorAll('main a')).some(a => a.textContent.includes('home page') && a.href === `+jsQuote(home)+`)`,
		`document.baseURI + " " + Array.from(document.querySelectorAll('link[rel="stylesheet"]'), l => l.href + (l.sheet ? " loaded" : " not loaded")).join(", ")`)
}

// ignoreMissing drops the failed requests under the given paths.
func ignoreMissing(requests []servedRequest, paths ...string) []servedRequest {
	var kept []servedRequest
	for _, r := range requests {
		if r.status == http.StatusNotFound && slices.ContainsFunc(paths, func(p string) bool { return strings.HasPrefix(r.path, p) }) {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// openExample builds the example playbook, serves it under a sub-path
// and starts Chromium for the rest of t (browserTimeout at most), and
// returns the tab and the site's address. The requests the browser made
// are checked when t ends, even when a step failed: an absolute link or
// asset shows up there (see checkRequests).
func openExample(t *testing.T) (*chromeTab, string) {
	t.Helper()
	return openBuilt(t, buildExampleForBrowser(t), browserTimeout)
}

// openBuilt serves the built site in dir under a sub-path and starts
// Chromium, for at most timeout; it returns the tab and the site's root
// URL. The requests the pages made are checked at the end of the test.
func openBuilt(t *testing.T, dir string, timeout time.Duration) (*chromeTab, string) {
	t.Helper()
	srv, requests := serveUnderPrefix(t, dir)
	t.Cleanup(func() { checkRequests(t, requests()) })
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	t.Cleanup(cancel)
	return startChromium(t, ctx), srv.URL + browserSitePrefix
}

// buildExampleForBrowser builds the example playbook of the repository into
// a temporary folder and returns it.
func buildExampleForBrowser(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"build", "--source", "../..", "--dest", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	return dir
}

// servedRequest is one request the test server answered.
type servedRequest struct {
	path   string
	status int
}

// serveUnderPrefix serves dir under browserSitePrefix, and nothing anywhere
// else. It returns the server and a func that lists the requests so far.
func serveUnderPrefix(t testing.TB, dir string) (*httptest.Server, func() []servedRequest) {
	t.Helper()
	return serveAnsweringMissing(t, dir, http.StatusNotFound)
}

// serveAnsweringMissing is serveUnderPrefix answering a missing file with
// the site's 404.html and status missing.
func serveAnsweringMissing(t testing.TB, dir string, missing int) (*httptest.Server, func() []servedRequest) {
	t.Helper()
	var (
		mu   sync.Mutex
		seen []servedRequest
	)
	files := http.FileServer(http.Dir(dir))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// As static hosts do, a missing page gets the site's 404.html.
		name := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(missing)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
	mux := http.NewServeMux()
	mux.Handle(browserSitePrefix, http.StripPrefix(strings.TrimSuffix(browserSitePrefix, "/"), site))
	mux.Handle("/", http.NotFoundHandler())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		mu.Lock()
		seen = append(seen, servedRequest{r.URL.Path, rec.status})
		mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return srv, func() []servedRequest {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// checkRequests checks that everything the browser fetched came from under
// the prefix, and was found. It reports each path once.
func checkRequests(t *testing.T, requests []servedRequest) {
	t.Helper()
	reported := map[string]bool{}
	for _, r := range requests {
		switch {
		case reported[r.path]:
		case !strings.HasPrefix(r.path, browserSitePrefix):
			t.Errorf("the browser requested %s (status %d), outside %s: a link or asset is not relative", r.path, r.status, browserSitePrefix)
			reported[r.path] = true
		case r.status >= 400:
			t.Errorf("the browser requested %s: status %d", r.path, r.status)
			reported[r.path] = true
		}
	}
}

// builtPromiseURLs returns the URLs of the promise pages in the build output,
// sorted.
func builtPromiseURLs(t *testing.T, dir, base string) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(dir, "promises", "*", "index.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no promise pages in %s (err %v)", dir, err)
	}
	var urls []string
	for _, p := range pages {
		urls = append(urls, base+"promises/"+filepath.Base(filepath.Dir(p))+"/")
	}
	slices.Sort(urls)
	return urls
}

// findChromium finds the browser. Without one, the test is skipped with
// a line saying why, so that go test passes on a machine without it;
// except in CI (CI=true, which CI services set), where the browser tests
// must run and a missing browser fails them.
func findChromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const missing = "no Chromium on PATH (looked for chromium, chromium-browser, google-chrome); " +
		"install Debian's chromium: apt-get install -y --no-install-recommends chromium"
	if os.Getenv("CI") == "true" {
		t.Fatal(missing + " (CI=true: browser tests must run in CI; .ci/run installs it)")
	}
	t.Skip(missing)
	return ""
}

// chromeTab is one headless Chromium tab.
type chromeTab struct {
	t   testing.TB
	ctx context.Context
}

// startChromium starts headless Chromium for the life of ctx.
func startChromium(t testing.TB, ctx context.Context) *chromeTab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium refuses to start as root with its sandbox
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900), // wide enough for the sidebar to show
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for Chromium to exit
	})
	// The first run starts the browser and ties it to ctx, not to the
	// shorter context of a step.
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start Chromium: %v", err) // the error holds its output
	}
	return &chromeTab{t: t, ctx: tabCtx}
}

// newTab opens another tab of b's browser, for the life of the test.
func (b *chromeTab) newTab() *chromeTab {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatalf("open another tab: %v", err)
	}
	return &chromeTab{t: b.t, ctx: ctx}
}

// do runs actions, and fails the test naming what it was doing.
func (b *chromeTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, explain(err), b.location())
	}
}

// tabValue runs an action that returns a value.
func tabValue[T any](b *chromeTab, what string, action chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, explain(err), b.location())
	}
	return v
}

// open loads url and waits for the page to load.
func (b *chromeTab) open(what, url string) {
	b.t.Helper()
	resp := tabValue(b, "open "+what, chromedp.NavigateResponse(url))
	if resp == nil || resp.Status != http.StatusOK {
		status := 0
		if resp != nil {
			status = int(resp.Status)
		}
		b.t.Fatalf("open %s (%s): status %d, want 200", what, url, status)
	}
}

// tabClick clicks the element with the mouse, waits for the page it opens to
// load, and returns its URL. (A method cannot have a type parameter.)
func tabClick[S chromedp.Selectable](b *chromeTab, what string, sel S) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, browserStepTimeout)
	defer cancel()
	from := b.location()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(sel))
	if err != nil {
		b.t.Fatalf("click %s on %s: %v", what, from, explain(err))
	}
	if resp == nil {
		b.t.Fatalf("click %s on %s: no page loaded", what, from)
	}
	if resp.Status != http.StatusOK && resp.Status != http.StatusNotModified {
		b.t.Fatalf("click %s on %s: %s answered %d %s, want 200", what, from, resp.URL, resp.Status, resp.StatusText)
	}
	return b.location()
}

// explain turns a step's timeout into what it means: the element or page
// never came.
func explain(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("not there after %v: %w", browserStepTimeout, err)
	}
	return err
}

// location returns the URL of the page, or why it cannot.
func (b *chromeTab) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return fmt.Sprintf("unknown page: %v", err)
	}
	return loc
}

func (b *chromeTab) wantURL(what, want string) {
	b.t.Helper()
	if got := b.location(); got != want {
		b.t.Fatalf("%s: at %s, want %s", what, got, want)
	}
}

// stylesLoaded checks that every stylesheet the page links to loaded and has
// rules.
func (b *chromeTab) stylesLoaded(page string) {
	b.t.Helper()
	bad := tabValue(b, page+": stylesheets", chromedp.Evaluate[[]string](`
		Array.from(document.querySelectorAll('link[rel="stylesheet"]'))
			.filter(l => { try { return !l.sheet || l.sheet.cssRules.length === 0 } catch (e) { return true } })
			.map(l => l.href)`))
	if len(bad) > 0 {
		b.t.Errorf("%s page: stylesheets did not load: %s", page, strings.Join(bad, ", "))
	}
}

// screenshot saves a full-page screenshot outside the repository.
func (b *chromeTab) screenshot(name string) {
	b.t.Helper()
	png := tabValue(b, "screenshot of the "+name, chromedp.FullScreenshot(100))
	path := filepath.Join(b.t.TempDir(), strings.ReplaceAll(name, " ", "-")+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot of the %s: %s", name, path)
}

// elementsNamed selects the elements matching css whose text is text.
func elementsNamed(css, text string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(
		`Array.from(document.querySelectorAll(%s)).filter(a => a.textContent.trim() === %s)`,
		jsQuote(css), jsQuote(text)))
}

// chainStepLinks selects the links of the chain step with this label.
func chainStepLinks(label string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(
		`Array.from(document.querySelectorAll('#pb-chain .step'))
			.filter(s => s.querySelector('.step-label')?.textContent.trim() === %s)
			.flatMap(s => Array.from(s.querySelectorAll('a[href]')))`,
		jsQuote(label)))
}

func jsQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// browserChain is what readChainJS reads from the chain figure of a promise
// page.
type browserChain struct {
	Classes []string `json:"classes"`
	Badge   string   `json:"badge"`
	Steps   []struct {
		Label string   `json:"label"`
		Links []string `json:"links"`
	} `json:"steps"`
	Missing int `json:"missing"`
	Broken  int `json:"broken"`
}

const readChainJS = `(() => {
	const fig = document.querySelector('figure#pb-chain');
	if (!fig) return null;
	const text = el => el ? el.textContent.trim() : '';
	return {
		classes: Array.from(fig.classList),
		badge: text(fig.querySelector('figcaption .badge')),
		steps: Array.from(fig.querySelectorAll('.step'), li => ({
			label: text(li.querySelector('.step-label')),
			links: Array.from(li.querySelectorAll('a[href]'), a => a.href),
		})),
		missing: fig.querySelectorAll('.step-missing').length,
		broken: fig.querySelectorAll('.link-broken').length,
	};
})()`

// checkBrowserChain checks the chain of a promise whose sidebar dot says status.
func checkBrowserChain(t *testing.T, c *browserChain, status string) {
	t.Helper()
	if c == nil {
		t.Fatal("promise page has no figure#pb-chain")
	}
	var labels []string
	for _, s := range c.Steps {
		labels = append(labels, s.Label)
	}
	if want := []string{"Expectation", "Sales", "Service"}; !slices.Equal(labels, want) {
		t.Fatalf("chain has %d steps %q, want exactly %q", len(labels), labels, want)
	}
	if status == "" {
		t.Error("the sidebar shows no status for the promise")
	}
	if !slices.Contains(c.Classes, "chain") || !slices.Contains(c.Classes, "chain-"+status) {
		t.Errorf("chain figure has classes %q, want chain and chain-%s (the sidebar's status)", c.Classes, status)
	}
	if c.Badge != status {
		t.Errorf("chain badge says %q, want %q", c.Badge, status)
	}
	if status == "connected" && (c.Missing > 0 || c.Broken > 0) {
		t.Errorf("connected chain has %d missing steps and %d broken links", c.Missing, c.Broken)
	}
	if len(c.Steps[1].Links) == 0 {
		t.Fatal("the Sales step of the chain links to no behaviour")
	}
}

// TestFindChromium runs findChromium in a copy of this test binary with
// no browser on PATH: it skips the test, unless CI=true, where it fails it.
func TestFindChromium(t *testing.T) {
	if os.Getenv("PLAYBOOK_FIND_CHROMIUM") == "1" {
		findChromium(t)
		return
	}
	for _, ci := range []string{"", "true"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestFindChromium$", "-test.v")
		cmd.Env = []string{"PLAYBOOK_FIND_CHROMIUM=1", "PATH=" + t.TempDir(), "CI=" + ci}
		out, err := cmd.CombinedOutput()
		switch {
		case ci == "" && (err != nil || !strings.Contains(string(out), "--- SKIP") || !strings.Contains(string(out), "no Chromium on PATH")):
			t.Errorf("without CI: %v, not skipped with the reason:\n%s", err, out)
		case ci == "true" && (err == nil || !strings.Contains(string(out), "--- FAIL") || !strings.Contains(string(out), "no Chromium on PATH")):
			t.Errorf("with CI=true: %v, not failed with the reason:\n%s", err, out)
		}
	}
}
