package serve

import (
	"bufio"
	"context"
	"html"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// liveScriptServed returns the live reload script s serves.
func liveScriptServed(s *Server) string {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", scriptPath, nil))
	return rec.Body.String()
}

func TestSiteOverridesLiveScript(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	if got := liveScriptServed(s); !strings.Contains(got, "EventSource") {
		t.Fatalf("the default theme's live script is not served: %q", got)
	}

	gittest.WriteFiles(t, dir, map[string]string{"layouts/live.js": "/* the site's own */\n"})
	if _, err := s.Rebuild([]string{"layouts/live.js"}); err != nil {
		t.Fatal(err)
	}
	if got := liveScriptServed(s); got != "/* the site's own */\n" {
		t.Errorf("after the site adds layouts/live.js, the server sends %q, want the site's file", got)
	}
	if _, err := s.File("live.js"); err == nil {
		t.Error("layouts/live.js is published with the site")
	}
}

// preview serves s over HTTP until the test ends, and returns its URL.
func preview(t *testing.T, s *Server) string {
	ts := httptest.NewServer(s)
	// Cleaned up last: the pages' streams, ended with the test's context,
	// must close before the server can.
	t.Cleanup(ts.Close)
	return ts.URL
}

// An openPage is a page as a browser shows it: fetched from a preview,
// then listening to its event stream as the live script does.
type openPage struct {
	t     *testing.T
	base  string
	path  string
	query url.Values // what the page's script tells its stream
	// lastID is the id of the last event heard, which the browser sends
	// when it opens the stream again.
	lastID string
	events chan sse
	stop   context.CancelFunc
}

// An sse is one event of a stream.
type sse struct{ id, name string }

var liveTag = regexp.MustCompile(`<script src="/_playbook/live.js" data-build="(\d+)" data-path="([^"]*)" data-page="([0-9a-f]+)"></script>`)

// fetch gets the page at path from the preview at base, as a browser
// would, without listening yet.
func fetch(t *testing.T, base, path string) *openPage {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	m := liveTag.FindSubmatch(body)
	if m == nil {
		t.Fatalf("GET %s: %d without the live script:\n%.400s", path, res.StatusCode, body)
	}
	q := url.Values{"build": {string(m[1])}, "path": {html.UnescapeString(string(m[2]))}, "page": {string(m[3])}}
	return &openPage{t: t, base: base, path: path, query: q}
}

// open fetches the page at path and listens, as a browser opening it
// does; it checks the first event is ok.
func open(t *testing.T, base, path string) *openPage {
	t.Helper()
	p := fetch(t, base, path)
	if e := p.listen(); e != "ok" {
		t.Fatalf("%s: first event %q, want ok", path, e)
	}
	return p
}

// listen opens the page's event stream, again if it was open, and
// returns the name of the first event.
func (p *openPage) listen() string {
	p.t.Helper()
	if p.stop != nil {
		p.stop()
	}
	ctx, stop := context.WithCancel(p.t.Context())
	req, err := http.NewRequestWithContext(ctx, "GET", p.base+eventsPath+"?"+p.query.Encode(), nil)
	if err != nil {
		p.t.Fatal(err)
	}
	if p.lastID != "" {
		req.Header.Set("Last-Event-ID", p.lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	p.stop, p.events = stop, make(chan sse, 16)
	go func(body io.ReadCloser, events chan<- sse) {
		defer body.Close()
		defer close(events)
		var e sse
		sc := bufio.NewScanner(body)
		for sc.Scan() {
			k, v, _ := strings.Cut(sc.Text(), ": ")
			switch k {
			case "id":
				e.id = v
			case "event":
				e.name = v
			case "":
				events <- e
				e = sse{}
			}
		}
	}(res.Body, p.events)
	return p.next()
}

// next returns the name of the next event of the page's stream.
func (p *openPage) next() string {
	p.t.Helper()
	select {
	case e, ok := <-p.events:
		if !ok {
			p.t.Fatalf("%s: the event stream ended", p.path)
		}
		p.lastID = e.id
		return e.name
	case <-time.After(5 * time.Second):
		p.t.Fatalf("%s: no event within 5s", p.path)
	}
	return ""
}

// liveSite writes the small site into a new folder, with a second guide
// to edit, whose edits no other page shows, and serves it.
func liveSite(t *testing.T) (dir string, s *Server, base string) {
	dir = t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/faq.md": "# FAQ\n\nAsk.\n"})
	s = newServer(t, dir)
	return dir, s, preview(t, s)
}

// rebuild writes files into dir and rebuilds s with them.
func rebuild(t *testing.T, s *Server, dir string, files map[string]string) {
	t.Helper()
	gittest.WriteFiles(t, dir, files)
	if _, err := s.Rebuild(slices.Sorted(maps.Keys(files))); err != nil {
		t.Fatal(err)
	}
}

// wantEvents checks the next event of each page.
func wantEvents(t *testing.T, want map[*openPage]string) {
	t.Helper()
	for p, name := range want {
		if got := p.next(); got != name {
			t.Errorf("%s: event %q, want %q", p.path, got, name)
		}
	}
}

func TestRebuildReloadsOnlyThePagesItChanged(t *testing.T) {
	dir, s, base := liveSite(t)
	glossary, tidy := open(t, base, "/guides/glossary/"), open(t, base, "/promises/tidy/")

	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
	wantEvents(t, map[*openPage]string{glossary: "reload", tidy: "ok"})

	// The page left as it was is now at the latest build: it stays at
	// the next edit of another page too, and reloads at an edit of its
	// own.
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nEven more words.\n"})
	wantEvents(t, map[*openPage]string{tidy: "ok"})
	rebuild(t, s, dir, map[string]string{"content/promises/tidy.md": strings.Replace(smallSite["content/promises/tidy.md"], "Tidy.", "Tidy, always.", 1)})
	wantEvents(t, map[*openPage]string{tidy: "reload"})
}

// TestPageFromAnOlderBuildReloadsIfItChanged: a page fetched two builds
// ago, whose stream opens only now (it was loading, or its stream was
// down), is compared with the build it came from, not with the latest
// change alone.
func TestPageFromAnOlderBuildReloadsIfItChanged(t *testing.T) {
	dir, s, base := liveSite(t)
	glossary, tidy := fetch(t, base, "/guides/glossary/"), fetch(t, base, "/promises/tidy/")
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
	glossaryAfter := fetch(t, base, "/guides/glossary/")
	rebuild(t, s, dir, map[string]string{"content/guides/faq.md": "# FAQ\n\nAsk us.\n"})

	if e := glossary.listen(); e != "reload" {
		t.Errorf("a page changed two builds ago gets %q, want reload", e)
	}
	if e := tidy.listen(); e != "ok" {
		t.Errorf("a page unchanged for two builds gets %q, want ok", e)
	}
	if e := glossaryAfter.listen(); e != "ok" {
		t.Errorf("a page from the build that changed it, unchanged since, gets %q, want ok", e)
	}

	// A stream opened again says where the page got to.
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nOther words.\n"})
	if e := tidy.next(); e != "ok" {
		t.Fatalf("tidy: %q, want ok", e)
	}
	if e := tidy.listen(); e != "ok" {
		t.Errorf("a page's stream opened again gets %q, want ok", e)
	}
	if e := glossaryAfter.listen(); e != "reload" {
		t.Errorf("a page changed while its stream was down gets %q, want reload", e)
	}
}

func TestRemovedPageReloads(t *testing.T) {
	dir, s, base := liveSite(t)
	glossary, tidy := open(t, base, "/guides/glossary/"), open(t, base, "/promises/tidy/")
	if err := os.Remove(filepath.Join(dir, "content", "guides", "glossary.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
		t.Fatal(err)
	}
	wantEvents(t, map[*openPage]string{glossary: "reload", tidy: "ok"})

	// Back again, the page shown at its address, the 404 page, reloads.
	gone := fetch(t, base, "/guides/glossary/")
	if e := gone.listen(); e != "ok" {
		t.Fatalf("the 404 page: first event %q, want ok", e)
	}
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": smallSite["content/guides/glossary.md"]})
	wantEvents(t, map[*openPage]string{gone: "reload"})
}

func TestStylesheetChangeSwapsInPlace(t *testing.T) {
	dir, s, base := liveSite(t)
	rebuild(t, s, dir, map[string]string{"static/assets/playbook.css": "body { color: black }\n"})
	glossary, tidy := open(t, base, "/guides/glossary/"), open(t, base, "/promises/tidy/")
	loading := fetch(t, base, "/promises/fast/")
	edited := fetch(t, base, "/guides/faq/")
	rebuild(t, s, dir, map[string]string{"content/guides/faq.md": "# FAQ\n\nAsk us.\n"})
	wantEvents(t, map[*openPage]string{glossary: "ok", tidy: "ok"})

	rebuild(t, s, dir, map[string]string{"static/assets/playbook.css": "body { color: navy }\n"})
	wantEvents(t, map[*openPage]string{glossary: "css", tidy: "css"})
	if e := loading.listen(); e != "css" {
		t.Errorf("a page fetched before the stylesheet changed gets %q, want css", e)
	}
	if e := edited.listen(); e != "reload" {
		t.Errorf("a page edited, then its stylesheet, gets %q, want reload", e)
	}
	// Swapped already, a page whose stream opens again is up to date.
	if e := glossary.listen(); e != "ok" {
		t.Errorf("a page that swapped its stylesheets, its stream opened again, gets %q, want ok", e)
	}

	// A script is named with its fingerprint by every page: each reloads.
	rebuild(t, s, dir, map[string]string{"static/assets/playbook.js": "// the site's own\n"})
	wantEvents(t, map[*openPage]string{glossary: "reload", tidy: "reload"})
}

// TestChangeOfAFilePagesLoadReloadsThem: a page names an image by its
// name alone, which does not change with the image: a change to a
// static file other than a stylesheet, or to the live script, reloads
// every page.
func TestChangeOfAFilePagesLoadReloadsThem(t *testing.T) {
	dir, s, base := liveSite(t)
	for _, files := range []map[string]string{
		{"static/images/logo.svg": "<svg/>"},
		{"content/guides/diagram.svg": "<svg/>"},
		{"layouts/live.js": "// the site's own\n"},
	} {
		page := open(t, base, "/promises/tidy/")
		rebuild(t, s, dir, files)
		if e := page.next(); e != "reload" {
			t.Errorf("after a change to %v, the page gets %q, want reload", slices.Collect(maps.Keys(files)), e)
		}
	}
}

func TestFailedThenFixedBuild(t *testing.T) {
	dir, s, base := liveSite(t)
	glossary, tidy := open(t, base, "/guides/glossary/"), open(t, base, "/promises/tidy/")

	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\n[gone](gone.md)\n"})
	wantEvents(t, map[*openPage]string{glossary: "problems", tidy: "problems"})
	// A page opened while the build is broken shows the overlay too.
	fast := fetch(t, base, "/promises/fast/")
	if e := fast.listen(); e != "problems" {
		t.Errorf("a page opened during a failed build gets %q, want problems", e)
	}

	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nFixed words.\n"})
	wantEvents(t, map[*openPage]string{glossary: "reload", tidy: "ok", fast: "ok"})
}

// TestPageFromAnEarlierRunReloads: a page left open while the preview
// was stopped, its files changed and the preview started again, reloads
// when it hears the new one, whatever its HTML.
func TestPageFromAnEarlierRunReloads(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	page := fetch(t, preview(t, newServer(t, dir)), "/promises/tidy/")
	time.Sleep(2 * time.Millisecond)
	page.base = preview(t, newServer(t, dir))
	if e := page.listen(); e != "reload" {
		t.Errorf("a page from an earlier run gets %q, want reload", e)
	}
}

// TestStreamWithoutPage: a site's own live script that does not say what
// its page shows reloads at every build, as all pages once did.
func TestStreamWithoutPage(t *testing.T) {
	dir, s, base := liveSite(t)
	page := fetch(t, base, "/promises/tidy/")
	page.query.Del("page")
	if e := page.listen(); e != "ok" {
		t.Fatalf("first event %q, want ok", e)
	}
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
	if e := page.next(); e != "reload" {
		t.Errorf("event %q, want reload", e)
	}
}

// TestServeVersionsReloadsOnlyThePagesItChanged: with every version
// served, an edit of the working tree reloads the pages of its version
// that show it, and leaves the others, and those of the other versions.
func TestServeVersionsReloadsOnlyThePagesItChanged(t *testing.T) {
	dir := versionedSmallSite(t, time.Time{})
	s, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true})
	if err != nil {
		t.Fatal(err)
	}
	base := preview(t, s)
	draft, tidy, v1 := open(t, base, "/draft/guides/glossary/"), open(t, base, "/draft/promises/tidy/"), open(t, base, "/v1/guides/glossary/")
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nDraft words.\n"})
	wantEvents(t, map[*openPage]string{draft: "reload", tidy: "ok", v1: "ok"})
}
