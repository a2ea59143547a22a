package serve

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gittest"
	"playbook/internal/render"
	"playbook/internal/site"
)

// smallSite is a connected playbook with links between pages.
var smallSite = map[string]string{
	"site.toml":         "title = \"Small\"\n",
	"content/_index.md": "+++\ntitle = \"Home\"\n+++\nSee [fast](promises/fast.md).\n",
	"content/promises/fast.md": `+++
promise = "We are fast."
expectation = "A call back today."
tags = ["speed"]
+++
## Why {#why}

Kept by [quoting](../behaviours/sales/quote.md) and [calling](../behaviours/service/call.md#how).
`,
	"content/promises/tidy.md": `+++
promise = "We leave it tidy."
expectation = "A clean room."
+++
Tidy.
`,
	"content/behaviours/sales/quote.md": `+++
stage = "sales"
fulfils = ["fast", "tidy"]
+++
Quote the same day. Back to [fast](../../promises/fast.md#why).
`,
	"content/behaviours/service/call.md": `+++
stage = "service"
fulfils = ["fast", "tidy"]
tags = ["speed"]
+++
## How {#how}

Call back.
`,
	"content/guides/glossary.md": "# Glossary\n\nWords.\n",
}

func newServer(t testing.TB, dir string) *Server {
	t.Helper()
	s, err := New(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(); p != nil {
		t.Fatalf("first build: %v", p)
	}
	return s
}

// cold builds dir from scratch, as a preview's first build does.
func cold(t *testing.T, dir string) (*render.MemOutput, site.Problems) {
	t.Helper()
	fsys := os.DirFS(dir)
	st, problems := site.Load(fsys, site.Options{Shortcodes: render.SiteShortcodes})
	theme, err := render.Theme(fsys, st.Config.Theme)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(st, render.Options{Source: fsys, Theme: theme, Preview: true})
	if err != nil {
		t.Fatal(err)
	}
	out := render.NewMemOutput()
	if err := r.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return out, problems
}

// sameAsCold checks that every file the server has equals a cold build's.
func sameAsCold(t *testing.T, s *Server, dir string) {
	t.Helper()
	want, problems := cold(t, dir)
	if problems.Errors() > 0 {
		t.Fatalf("the cold build has errors: %v", problems)
	}
	if got, want := s.Names(), want.Names(); !slices.Equal(got, want) {
		t.Fatalf("files differ:\n got %v\nwant %v", got, want)
	}
	// The search index is compared with the pages: it must follow every
	// change too.
	if !slices.Contains(want.Names(), "search/index.js") {
		t.Fatal("the cold build has no search index to compare")
	}
	for _, name := range want.Names() {
		w, _ := want.File(name)
		g, err := s.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("%s differs from a cold build", name)
		}
	}
}

func TestIncrementalEqualsCold(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	// Ask for every page once, so that stale copies would show.
	for _, name := range s.Names() {
		if _, err := s.File(name); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name    string
		do      func()
		changed []string
	}{
		{"edit a body", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
		}, []string{"content/guides/glossary.md"}},
		{"leave a page out of search", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "+++\nsearch = false\n+++\n# Glossary\n\nMore words.\n"})
		}, []string{"content/guides/glossary.md"}},
		{"edit a relation in front matter", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/behaviours/service/call.md": "+++\nstage = \"service\"\nfulfils = [\"fast\"]\n+++\n## How {#how}\n\nCall.\n"})
		}, []string{"content/behaviours/service/call.md"}},
		{"edit a title shown in every page's navigation", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": "+++\ntitle = \"Spotless\"\npromise = \"We leave it tidy.\"\nexpectation = \"A clean room.\"\n+++\nTidy.\n"})
		}, []string{"content/promises/tidy.md"}},
		{"rename a page", func() {
			if err := os.Rename(filepath.Join(dir, "content/guides/glossary.md"), filepath.Join(dir, "content/guides/words.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/guides/glossary.md", "content/guides/words.md"}},
		{"delete a page", func() {
			if err := os.Remove(filepath.Join(dir, "content/guides/words.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/guides/words.md"}},
		{"add a section", func() {
			gittest.WriteFiles(t, dir, map[string]string{
				"content/faqs/_index.md":  "+++\ntitle = \"Questions\"\nweight = 1\n+++\n",
				"content/faqs/weekend.md": "+++\nquestion = \"Weekends?\"\npromises = [\"fast\"]\n+++\nYes, see [fast](../promises/fast.md#why).\n",
			})
		}, []string{"content/faqs"}},
		{"link a page to another's file", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nFirst words.\n"})
			if err := os.MkdirAll(filepath.Join(dir, "content/team"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("../guides/terms.md", filepath.Join(dir, "content/team/terms.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/guides/terms.md", "content/team"}},
		{"edit the file a link leads to", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nSecond words.\n"})
		}, []string{"content/guides/terms.md"}},
		{"change a stylesheet", func() {
			gittest.WriteFiles(t, dir, map[string]string{"static/assets/extra.css": "body { color: red }\n"})
		}, []string{"static/assets/extra.css"}},
		{"override a layout", func() {
			gittest.WriteFiles(t, dir, map[string]string{"layouts/partials/toc.html": "<p class=\"no-toc\"></p>\n"})
		}, []string{"layouts/partials/toc.html"}},
		{"use a shortcode no one defines", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nCall {{< phone >}} today.\n"})
		}, []string{"content/guides/terms.md"}},
		{"define it", func() {
			gittest.WriteFiles(t, dir, map[string]string{"layouts/shortcodes/phone.html": "<b>0800 1</b>\n"})
		}, []string{"layouts/shortcodes/phone.html"}},
		{"edit it", func() {
			gittest.WriteFiles(t, dir, map[string]string{"layouts/shortcodes/phone.html": "<b>0800 2 {{.Page.Title}}</b>\n"})
		}, []string{"layouts/shortcodes/phone.html"}},
		{"make it read its inner text", func() {
			gittest.WriteFiles(t, dir, map[string]string{
				"layouts/shortcodes/phone.html": "<b>{{.Inner}}</b>\n",
				"content/guides/terms.md":       "# Terms\n\nCall {{% phone %}}*0800 3*{{% /phone %}} today.\n",
			})
		}, []string{"layouts/shortcodes/phone.html", "content/guides/terms.md"}},
		{"edit the page using it", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nCall {{% phone %}}*0800 4*{{% /phone %}} now.\n"})
		}, []string{"content/guides/terms.md"}},
		{"remove it", func() {
			if err := os.Remove(filepath.Join(dir, "layouts/shortcodes/phone.html")); err != nil {
				t.Fatal(err)
			}
		}, []string{"layouts/shortcodes/phone.html"}},
		{"stop using it", func() {
			gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nSecond words.\n"})
		}, []string{"content/guides/terms.md"}},
		{"change the settings", func() {
			gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Renamed\"\n[highlight]\nlight = \"monokailight\"\n"})
		}, []string{"site.toml"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			if _, err := s.Rebuild(st.changed); err != nil {
				t.Fatal(err)
			}
			if p := s.Problems(); p != nil {
				t.Fatalf("problems: %v", p)
			}
			sameAsCold(t, s, dir)
		})
	}

	t.Run("break then fix a link", func(t *testing.T) {
		before, _ := s.File("promises/fast/index.html")
		good := smallSite["content/promises/fast.md"]
		gittest.WriteFiles(t, dir, map[string]string{"content/promises/fast.md": good + "\n[gone](nowhere.md)\n"})
		events, stop := s.Subscribe()
		defer stop()
		if change, _ := s.Rebuild([]string{"content/promises/fast.md"}); change != Nothing {
			t.Errorf("a failed build asks browsers for %v", change)
		}
		if e := <-events; e != "problems" {
			t.Errorf("event %q, want problems", e)
		}
		problems := s.Problems()
		if problems.Errors() != 1 || !strings.Contains(problems[0].String(), `content/promises/fast.md:10:1: broken link "nowhere.md"`) {
			t.Errorf("problems: %v", problems)
		}
		if after, _ := s.File("promises/fast/index.html"); !bytes.Equal(after, before) {
			t.Error("a failed build changed the site served")
		}
		gittest.WriteFiles(t, dir, map[string]string{"content/promises/fast.md": good})
		if change, _ := s.Rebuild([]string{"content/promises/fast.md"}); change != Pages {
			t.Errorf("fixing the file asks browsers for %v, want a reload", change)
		}
		if e := <-events; e != "reload" {
			t.Errorf("event %q, want reload", e)
		}
		if s.Problems() != nil {
			t.Errorf("problems after the fix: %v", s.Problems())
		}
		sameAsCold(t, s, dir)
	})
}

func TestStylesOnlyChange(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	gittest.WriteFiles(t, dir, map[string]string{"static/assets/playbook.css": "body { color: red }\n"})
	if change, _ := s.Rebuild([]string{"static/assets/playbook.css"}); change != Styles {
		t.Errorf("a stylesheet change asks browsers for %v, want Styles", change)
	}
	if b, _ := s.File("assets/playbook.css"); string(b) != "body { color: red }\n" {
		t.Errorf("stylesheet served: %q", b)
	}
	gittest.WriteFiles(t, dir, map[string]string{"static/assets/playbook.js": "// new\n"})
	if change, _ := s.Rebuild([]string{"static/assets/playbook.js"}); change != Pages {
		t.Errorf("a script change asks browsers for %v, want Pages", change)
	}
}

// TestServesPagesBesideARefusedStaticFile: a static file refused (a link
// outside static/), which fails a build, is told over the pages, which
// are served without it, where every page answered 503; mended, it is
// served and told no more.
func TestServesPagesBesideARefusedStaticFile(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "static", "sec.txt")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	s, err := New(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	get := func(p string) (int, string) {
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body bytes.Buffer
		body.ReadFrom(res.Body)
		return res.StatusCode, body.String()
	}
	if code, _ := get("/"); code != http.StatusOK {
		t.Errorf("GET /: %d, want 200", code)
	}
	if code, body := get("/sec.txt"); code != http.StatusNotFound || strings.Contains(body, "SECRET") {
		t.Errorf("GET /sec.txt: %d, want 404 and not the file", code)
	}
	if ps := s.Problems(); len(ps) != 1 || !strings.HasPrefix(ps[0].String(), "static/sec.txt:1: symbolic link to ") {
		t.Errorf("problems %v, want the link refused", ps)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(link, []byte("mended"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Rebuild([]string{"static/sec.txt"})
	if code, body := get("/sec.txt"); code != http.StatusOK || body != "mended" {
		t.Errorf("GET /sec.txt mended: %d %q", code, body)
	}
	if ps := s.Problems(); len(ps) != 0 {
		t.Errorf("problems %v, want none", ps)
	}
}

func TestServesOnlyTheSite(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content", "secret.txt")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s, err := New(root.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, p := range []string{
		"/../site.toml", "/%2e%2e/site.toml", "/..%2fsite.toml", "/promises/../../site.toml",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/site.toml", "/content/promises/fast.md",
		"/secret.txt", "/promises/fast/%00", `/promises\..\..\site.toml`,
	} {
		req, _ := http.NewRequest("GET", ts.URL+p, nil)
		req.URL.Opaque = p // send the path exactly as written
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		body.ReadFrom(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
		if strings.Contains(body.String(), "SECRET") || strings.Contains(body.String(), "title = ") {
			t.Errorf("GET %s served a file from outside the site", p)
		}
	}
	// A client that follows no redirect, so that a 301 is seen as one.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for p, want := range map[string]int{"/": 200, "/promises/fast/": 200, "/promises/fast": 301, "/assets/playbook.css": 200, "/nope/": 404} {
		res, err := client.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", p, res.StatusCode, want)
		}
		if loc := res.Header.Get("Location"); want == 301 && loc != p+"/" {
			t.Errorf("GET %s: redirected to %q, want %q", p, loc, p+"/")
		}
	}
}

func TestPagesGetTheLiveScript(t *testing.T) {
	s, err := New(mapFS(smallSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/promises/fast/", nil))
	tag := regexp.MustCompile(`<script src="/_playbook/live.js" data-build="(\d+)" data-path="/promises/fast/" data-page="[0-9a-f]{24}"></script></body>`)
	if m := tag.FindStringSubmatch(rec.Body.String()); m == nil || m[1] != strconv.FormatInt(s.snap.Load().build, 10) {
		t.Error("page lacks the live reload script, telling its build, path and sum")
	}
	built, _ := s.File("promises/fast/index.html")
	if bytes.Contains(built, []byte("_playbook")) {
		t.Error("the live reload script leaks into the built site")
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", scriptPath, nil))
	if !strings.Contains(rec.Body.String(), "EventSource") {
		t.Error("no live script")
	}
}

func TestFirstBuildWithErrorsIsServedUnderTheOverlay(t *testing.T) {
	files := map[string]string{"content/a.md": "[x](missing.md)\n"}
	s, err := New(mapFS(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(); len(p) != 1 {
		t.Fatalf("problems: %v", p)
	}
	if _, err := s.File("a/index.html"); err != nil {
		t.Errorf("nothing served: %v", err)
	}
}

// TestFirstBuildWithABrokenLayoutShowsItsErrors: a layout broken when the
// preview starts does not stop it: every page shows the error, with its
// file and line, and reloads once it is fixed, to the site built.
func TestFirstBuildWithABrokenLayoutShowsItsErrors(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{if}}{{end}}\n"})
	s, err := New(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatalf("the preview does not start: %v", err)
	}
	if p := s.Problems(); len(p) != 1 || p[0].String() != "layouts/page.html:2: missing value for if" {
		t.Fatalf("problems: %v", p)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/guides/glossary/", nil))
	if body := rec.Body.String(); rec.Code != http.StatusServiceUnavailable || !strings.Contains(body, scriptPath) || !strings.Contains(body, "data-playbook-unbuilt") {
		t.Errorf("a page answers %d, want %d with the live script:\n%s", rec.Code, http.StatusServiceUnavailable, body)
	}
	if first := fetch(t, preview(t, s), "/guides/glossary/").listen(); first != "problems" {
		t.Errorf("the first event is %q, want the problems", first)
	}
	// Fixed with an error in the content left, the site is served under
	// it, as it would have been at the start.
	broken := smallSite["content/guides/glossary.md"] + "\n[gone](gone.md)\n"
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}{{.Content}}{{end}}\n", "content/guides/glossary.md": broken})
	if _, err := s.Rebuild([]string{"layouts/page.html", "content/guides/glossary.md"}); err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(); len(p) != 1 || !strings.Contains(p[0].String(), "content/guides/glossary.md:5:1: broken link") {
		t.Errorf("problems: %v", p)
	}
	if !contains(t, s, "guides/glossary/index.html", "Words.") {
		t.Error("the site is not served under its errors")
	}
	events, stop := s.Subscribe()
	defer stop()
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": smallSite["content/guides/glossary.md"]})
	if change, err := s.Rebuild([]string{"content/guides/glossary.md"}); change != Pages || err != nil {
		t.Fatalf("the fix: %v, %v; want a reload", change, err)
	}
	if e := <-events; e != "reload" {
		t.Errorf("event %q, want reload", e)
	}
	if p := s.Problems(); p != nil {
		t.Errorf("problems after the fix: %v", p)
	}
	sameAsCold(t, s, dir)
}

// TestTerminalTellsOfUnusedLayouts: a layout file no page is rendered
// with is told as build tells it, once.
func TestTerminalTellsOfUnusedLayouts(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"layouts/promise-page.html": "{{define \"main\"}}{{end}}\n"})
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore.\n"})
	s.Rebuild([]string{"content/guides/glossary.md"})
	if n := strings.Count(log.String(), "layouts/promise-page.html: warning: no page is rendered with this layout"); n != 1 {
		t.Errorf("the unused layout told %d times, want once:\n%s", n, log.String())
	}
	// Every version is rendered with the working tree's theme.
	dir = versionedSmallSite(t, time.Time{})
	gittest.WriteFiles(t, dir, map[string]string{"layouts/promise-page.html": "{{define \"main\"}}{{end}}\n"})
	log.Reset()
	if _, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true, Log: &log}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "layouts/promise-page.html: warning: no page is rendered with this layout") {
		t.Errorf("serve --versions does not tell the unused layout:\n%s", log.String())
	}
}

func TestTerminalPrintsEachErrorOnce(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/alone.md": "+++\npromise = \"Alone.\"\nexpectation = \"None.\"\n+++\n"})
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/bad.md": "+++\ntitle = \n+++\n"})
	for range 3 {
		s.Rebuild([]string{"content/bad.md"})
	}
	if n := strings.Count(log.String(), "content/bad.md:2:"); n != 1 {
		t.Errorf("error printed %d times:\n%s", n, log.String())
	}
	// Each save is answered all the same.
	if n := strings.Count(log.String(), "not rebuilt after content/bad.md: 1 error (content/bad.md:2), shown in the browser over the last good site\n"); n != 3 {
		t.Errorf("%d saves answered, want 3:\n%s", n, log.String())
	}
	// Fixed: the fix is told, and no warning is printed again.
	gittest.WriteFiles(t, dir, map[string]string{"content/bad.md": "+++\ntitle = \"Bad\"\n+++\n"})
	s.Rebuild([]string{"content/bad.md"})
	lines := strings.Split(log.String(), "\n")
	warnings := 0
	for i, l := range lines {
		if strings.Contains(l, ": warning: ") {
			warnings++
			if slices.Contains(lines[:i], l) {
				t.Errorf("printed again: %s", l)
			}
		}
	}
	if warnings == 0 || !strings.Contains(log.String(), "1 problem fixed\n") {
		t.Errorf("want the site's warnings once and the fix told:\n%s", log.String())
	}
	// A warning moved down by a line written above it is the same one.
	gittest.WriteFiles(t, dir, map[string]string{"content/form.md": "# Form\n\n<form>x</form>\n"})
	s.Rebuild([]string{"content/form.md"})
	log.Reset()
	gittest.WriteFiles(t, dir, map[string]string{"content/form.md": "# Form\n\nA line.\n\n<form>x</form>\n"})
	s.Rebuild([]string{"content/form.md"})
	if strings.Contains(log.String(), "warning:") || strings.Contains(log.String(), "fixed") {
		t.Errorf("a warning moved down is printed again, or said fixed:\n%s", log.String())
	}
	// A layout broken fixes none of the site's warnings, and mended, it
	// is the one problem fixed.
	log.Reset()
	gittest.WriteFiles(t, dir, map[string]string{"layouts/base.html": "{{if}}\n"})
	s.Rebuild([]string{"layouts/base.html"})
	if got := log.String(); !strings.Contains(got, "layouts/base.html:1:") || strings.Contains(got, "warning:") || strings.Contains(got, "fixed") {
		t.Errorf("a broken layout is not told alone:\n%s", got)
	}
	log.Reset()
	if err := os.Remove(filepath.Join(dir, "layouts/base.html")); err != nil {
		t.Fatal(err)
	}
	s.Rebuild([]string{"layouts/base.html"})
	if got := log.String(); strings.Contains(got, "warning:") || !strings.Contains(got, "1 problem fixed\n") {
		t.Errorf("the layout mended, want it told as the one problem fixed:\n%s", got)
	}
}

// TestLayoutFailingOnAPageEdited: a layout that fails on a page only
// once the page is edited (not on the first page of its layout, which the
// theme's check renders) fails the rebuild as it fails a build: the
// problem is told at the layout's line, in the browsers and the
// terminal, and the page served stays the last good one until it is
// mended, whichever file is saved meanwhile.
func TestLayoutFailingOnAPageEdited(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"layouts/promise.html": "{{define \"main\"}}<h1>{{.Page.Title}}</h1>{{with .Page.Params.regions}}<p>{{index . 0}}</p>{{end}}{{end}}\n"})
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.File("promises/tidy/index.html")
	if err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": "+++\npromise = \"We leave it tidy.\"\nexpectation = \"A clean room.\"\nregions = 5\n+++\nTidy.\n"})
	s.Rebuild([]string{"content/promises/tidy.md"})
	want := "layouts/promise.html:1:"
	if ps := s.Problems(); len(ps) != 1 || !strings.HasPrefix(ps[0].String(), want) {
		t.Fatalf("problems %v, want one at %s", ps, want)
	}
	if !strings.Contains(log.String(), want) || !strings.Contains(log.String(), "not rebuilt after content/promises/tidy.md: 1 error (layouts/promise.html:1:") {
		t.Errorf("terminal:\n%s", log.String())
	}
	// Another page saved: the error stands.
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/fast.md": smallSite["content/promises/fast.md"] + "\nMore.\n"})
	s.Rebuild([]string{"content/promises/fast.md"})
	if ps := s.Problems(); len(ps) != 1 {
		t.Errorf("after another save: problems %v, want the layout's", ps)
	}
	if b, err := s.File("promises/tidy/index.html"); err != nil || !bytes.Equal(b, good) {
		t.Errorf("the page served is not the last good one: %v\n%s", err, b)
	}
	// Mended: the page shows.
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": "+++\npromise = \"We leave it tidy.\"\nexpectation = \"A clean room.\"\nregions = [\"North\"]\n+++\nTidy.\n"})
	s.Rebuild([]string{"content/promises/tidy.md"})
	if ps := s.Problems(); ps != nil {
		t.Fatalf("after the fix: %v", ps)
	}
	if b, err := s.File("promises/tidy/index.html"); err != nil || !bytes.Contains(b, []byte("<p>North</p>")) {
		t.Errorf("after the fix: %v\n%s", err, b)
	}
	sameAsCold(t, s, dir)
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestRebuildsDoNotLeak edits a page 500 times: memory and goroutines stay
// flat.
func TestRebuildsDoNotLeak(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	measure := func() (heap uint64, goroutines int) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc, runtime.NumGoroutine()
	}
	var heap100 uint64
	var g100 int
	for i := 1; i <= 500; i++ {
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": fmt.Sprintf("# Glossary\n\nEdit %d.\n", i)})
		if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.File("guides/glossary/index.html"); err != nil {
			t.Fatal(err)
		}
		if i == 100 {
			heap100, g100 = measure()
		}
	}
	heap500, g500 := measure()
	t.Logf("heap after 100 rebuilds %d KiB, after 500 %d KiB; goroutines %d, %d", heap100>>10, heap500>>10, g100, g500)
	if heap500 > heap100+1<<20 {
		t.Errorf("heap grew from %d KiB to %d KiB over 400 rebuilds", heap100>>10, heap500>>10)
	}
	if g500 > g100 {
		t.Errorf("goroutines grew from %d to %d", g100, g500)
	}
}

// TestPageLoadedDuringARebuildReloads covers a rebuild made after a page
// was fetched but before its event stream opened: the page must still
// learn that it is out of date.
func TestPageLoadedDuringARebuildReloads(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	base := preview(t, s)
	if e := fetch(t, base, "/guides/glossary/").listen(); e != "ok" {
		t.Errorf("an up-to-date page gets %q, want ok", e)
	}
	before := fetch(t, base, "/guides/glossary/")
	rebuild(t, s, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nNew.\n"})
	if e := before.listen(); e != "reload" {
		t.Errorf("a page from the build before gets %q, want reload", e)
	}
	if e := fetch(t, base, "/guides/glossary/").listen(); e != "ok" {
		t.Errorf("a page from the latest build gets %q, want ok", e)
	}
}

// versionedSmallSite writes smallSite into a new Git repository, commits
// it at when and tags the commit v1, then sets site.toml to serve the
// tags and the working tree, as "draft"; it returns the folder.
func versionedSmallSite(t *testing.T, when time.Time) string {
	t.Helper()
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	git := func(args ...string) { gittest.Git(t, dir, when, args...) }
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("tag", "v1")
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\ntags = \"v*\"\nworktree = \"draft\"\n"})
	return dir
}

// TestServeVersions shows every version of a site in a Git repository,
// and the working tree's edits in its draft version.
func TestServeVersions(t *testing.T) {
	dir := versionedSmallSite(t, time.Time{})
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "v1/guides/glossary/index.html", "latest/guides/glossary/index.html", "draft/guides/glossary/index.html", "changes.xml"} {
		if _, err := s.File(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nDraft words.\n"})
	if change, err := s.Rebuild([]string{"content/guides/glossary.md"}); change != Pages || err != nil {
		t.Fatalf("rebuild: %v, %v", change, err)
	}
	if !contains(t, s, "draft/guides/glossary/index.html", "Draft words.") {
		t.Error("the draft does not show the edit")
	}
	if contains(t, s, "v1/guides/glossary/index.html", "Draft words.") {
		t.Error("v1 shows an edit made after it")
	}
	// Each save made while an error stands is answered, the error told
	// once.
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "+++\ntitle = \n+++\n"})
	for range 2 {
		s.Rebuild([]string{"content/guides/glossary.md"})
	}
	if n := strings.Count(log.String(), "not rebuilt after content/guides/glossary.md: 1 error (content/guides/glossary.md:2)"); n != 2 || strings.Count(log.String(), "nothing after") != 1 {
		t.Errorf("%d saves answered, want 2, and the error once:\n%s", n, log.String())
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nDraft words.\n"})
	if change, err := s.Rebuild([]string{"content/guides/glossary.md"}); change != Pages || err != nil {
		t.Fatalf("rebuild after the fix: %v, %v", change, err)
	}
	// A missing page shows the latest version's 404 page, whose script
	// finds the version asked for (no base set before it).
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/guides/gone/", nil))
	if body := rec.Body.String(); rec.Code != 404 || strings.Contains(body, `<base `) || !strings.Contains(body, `versions=["latest","draft","v1"]`) {
		t.Errorf("404 in a versioned site: %d, not latest's page with its script:\n%.400s", rec.Code, body)
	}
}

// TestServeVersionsRendersWhatChanged edits the working tree of a
// versioned site: only the working tree's version is rendered again, the
// others kept as they were; a new tag changes what every version's
// switcher lists, so all are rendered again. Each rebuild serves what a
// fresh start would.
func TestServeVersionsRendersWhatChanged(t *testing.T) {
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	dir := versionedSmallSite(t, when)
	git := func(args ...string) { gittest.Git(t, dir, when, args...) }
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	fresh := func(what string) {
		t.Helper()
		f, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := s.Names(), f.Names(); !slices.Equal(got, want) {
			t.Fatalf("%s: files %v, a fresh start has %v", what, got, want)
		}
		for _, name := range f.Names() {
			got, _ := s.File(name)
			want, _ := f.File(name)
			// The feed holds the time of its build, to the second.
			if !bytes.Equal(got, want) && name != "changes.xml" {
				t.Errorf("%s: %s is not what a fresh start serves", what, name)
			}
		}
	}

	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nDraft words.\n"})
	log.Reset()
	if change, err := s.Rebuild([]string{"content/guides/glossary.md"}); change != Pages || err != nil {
		t.Fatalf("rebuild: %v, %v", change, err)
	}
	if !strings.HasPrefix(log.String(), "rebuilt version draft in ") || !strings.Contains(log.String(), ", kept 1 (content/guides/glossary.md)") {
		t.Errorf("an edit of the working tree: %q, want draft rebuilt and v1 kept", log.String())
	}
	if !contains(t, s, "draft/guides/glossary/index.html", "Draft words.") || contains(t, s, "v1/guides/glossary/index.html", "Draft words.") {
		t.Error("the edit is not in draft/ alone")
	}
	fresh("after an edit")

	git("add", "-A")
	git("commit", "-q", "-m", "two")
	git("tag", "v2")
	log.Reset()
	if _, err := s.Rebuild([]string{"HEAD"}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(log.String(), "rebuilt versions draft, v2, v1 in ") || !strings.Contains(log.String(), ", kept 0 (a commit or tag)") {
		t.Errorf("a new tag: %q, want every version rebuilt", log.String())
	}
	if !contains(t, s, "v1/guides/glossary/index.html", `data-version="v2"`) {
		t.Error("v1's switcher does not list v2")
	}
	fresh("after a tag")
}

// TestServeVersionsStartError: a versions block that cannot be built
// stops serve with the problem, said once.
func TestServeVersionsStartError(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.Git(t, dir, time.Time{}, "init", "-q")
	gittest.Git(t, dir, time.Time{}, "add", "-A")
	gittest.Git(t, dir, time.Time{}, "commit", "-q", "-m", "one")
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\n[[versions.ref]]\nname = \"q9\"\nref = \"q9\"\n"})
	var log bytes.Buffer
	_, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true, Log: &log})
	if err == nil || strings.Count(err.Error(), "versions:") != 1 || !strings.Contains(err.Error(), `site.toml:5: versions: q9: ref "q9": no tag, branch or commit of that name`) {
		t.Errorf("error: %v", err)
	}
	if log.Len() > 0 {
		t.Errorf("also printed:\n%s", log.String())
	}
	// Without a versions block there is no line to point at.
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n"})
	_, err = New(os.DirFS(dir), Options{Dir: dir, Versions: true, Log: &log})
	if err == nil || err.Error() != "site.toml: serve --versions: site.toml has no [versions] block" {
		t.Errorf("error: %v", err)
	}
}

// TestServeShowsLastChange: pages show their last commit, as a build
// does; after a commit, the next rebuild shows the new one.
func TestServeShowsLastChange(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	git := func(when time.Time, args ...string) string { return gittest.Git(t, dir, when, args...) }
	first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	git(first, "init", "-q")
	git(first, "add", "-A")
	git(first, "commit", "-q", "-m", "first")
	s, err := New(os.DirFS(dir), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	changed := func(day string) string {
		return `last changed <time datetime="2026-03-` + day + `">` + day + ` Mar 2026</time> by Ann Author`
	}
	if !contains(t, s, "guides/glossary/index.html", changed("14")) {
		t.Error("the glossary does not show its last change")
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
	second := first.AddDate(0, 0, 2)
	git(second, "commit", "-q", "-am", "second")
	if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
		t.Fatal(err)
	}
	if !contains(t, s, "guides/glossary/index.html", changed("16")) || !contains(t, s, "promises/fast/index.html", changed("14")) {
		t.Error("after a commit, the glossary does not show it, or the promise not its own")
	}
	// A page broken when the history was read shows its change once
	// fixed, though HEAD did not move.
	good := smallSite["content/promises/tidy.md"]
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": "+++\npromise = \n+++\n"})
	if _, err := s.Rebuild([]string{"content/promises/tidy.md"}); err != nil {
		t.Fatal(err)
	}
	s, err = New(os.DirFS(dir), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": good})
	if _, err := s.Rebuild([]string{"content/promises/tidy.md"}); err != nil {
		t.Fatal(err)
	}
	if !contains(t, s, "promises/tidy/index.html", changed("14")) {
		t.Error("a page fixed after the history was read does not show its last change")
	}

	// A folder outside Git builds without, until it is committed.
	plain := t.TempDir()
	gittest.WriteFiles(t, plain, smallSite)
	s, err = New(os.DirFS(plain), Options{Dir: plain})
	if err != nil || contains(t, s, "guides/glossary/index.html", "last changed") {
		t.Errorf("a folder outside Git: %v, or it shows a last change", err)
	}
	gittest.Git(t, plain, first, "init", "-q")
	gittest.Git(t, plain, first, "add", "-A")
	gittest.Git(t, plain, first, "commit", "-q", "-m", "first")
	gittest.WriteFiles(t, plain, map[string]string{"content/guides/glossary.md": "# Glossary\n\nWords, again.\n"})
	if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
		t.Fatal(err)
	}
	if !contains(t, s, "promises/fast/index.html", changed("14")) {
		t.Error("a folder committed while served does not show last changes at the next rebuild")
	}
}

// TestServeShowsUncommittedChanges: a page edited and not committed says
// so, whether the edit is made in place or the site loaded again; edited
// back, it shows its commit again, and a new page says it is not yet
// committed until it is.
func TestServeShowsUncommittedChanges(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	git := func(when time.Time, args ...string) string { return gittest.Git(t, dir, when, args...) }
	git(first, "init", "-q")
	git(first, "add", "-A")
	git(first, "commit", "-q", "-m", "first")
	var log strings.Builder
	s, err := New(os.DirFS(dir), Options{Dir: dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	const (
		committed = `<p class="footer-change">This page last changed <time datetime="2026-03-14">14 Mar 2026</time>`
		edited    = `<p class="footer-change">This page has changes not yet committed; last committed <time datetime="2026-03-14">14 Mar 2026</time>`
		added     = `<p class="footer-change">This page is not yet committed</p>`
	)
	rebuild := func(text string, changed ...string) {
		t.Helper()
		log.Reset()
		if _, err := s.Rebuild(changed); err != nil || s.Problems() != nil {
			t.Fatalf("rebuild: %v, %v", err, s.Problems())
		}
		if !strings.Contains(log.String(), text) {
			t.Fatalf("rebuild log %q lacks %q", log.String(), text)
		}
	}
	glossary := "content/guides/glossary.md"
	if !contains(t, s, "guides/glossary/index.html", committed) {
		t.Fatal("the glossary does not show its commit")
	}
	gittest.WriteFiles(t, dir, map[string]string{glossary: "# Glossary\n\nMore words.\n"})
	rebuild("in place", glossary)
	if !contains(t, s, "guides/glossary/index.html", edited) || !contains(t, s, "promises/fast/index.html", committed) {
		t.Error("an edit made in place: the glossary does not say it is not committed, or the promise does")
	}
	gittest.WriteFiles(t, dir, map[string]string{glossary: smallSite[glossary]})
	rebuild("in place", glossary)
	if !contains(t, s, "guides/glossary/index.html", committed) {
		t.Error("the glossary edited back does not show its commit")
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/promises/tidy.md": strings.Replace(smallSite["content/promises/tidy.md"], "A clean room.", "A spotless room.", 1)})
	rebuild("rebuilt in", "content/promises/tidy.md")
	if !contains(t, s, "promises/tidy/index.html", edited) {
		t.Error("an edit loading the site again: the promise does not say it is not committed")
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/new.md": "# New\n"})
	rebuild("rebuilt in", "content/guides/new.md")
	if !contains(t, s, "guides/new/index.html", added) || !contains(t, s, "promises/tidy/index.html", edited) {
		t.Error("a new page does not say it is not yet committed, or the edited promise lost its note")
	}
	second := first.AddDate(0, 0, 2)
	git(second, "add", "-A")
	git(second, "commit", "-q", "-m", "second")
	rebuild("rebuilt in", "HEAD")
	for _, page := range []string{"guides/new/index.html", "promises/tidy/index.html"} {
		if !contains(t, s, page, `<p class="footer-change">This page last changed <time datetime="2026-03-16">16 Mar 2026</time>`) {
			t.Errorf("%s, committed, does not show its commit", page)
		}
	}
}

// TestRequestsDuringRebuildsSeeWholeSites reads pages while the site is
// rebuilt again and again: every answer is a whole page of one version,
// its title and body from the same edit.
func TestRequestsDuringRebuildsSeeWholeSites(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	ts := httptest.NewServer(s)
	defer ts.Close()
	done := make(chan struct{})
	errs := make(chan string, 100)
	for range 4 {
		go func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				res, err := http.Get(ts.URL + "/guides/glossary/")
				if err != nil {
					errs <- err.Error()
					return
				}
				var body bytes.Buffer
				body.ReadFrom(res.Body)
				res.Body.Close()
				page := body.String()
				if !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
					errs <- "a cut page"
					return
				}
				// The edit number is in the title and in the body: they
				// must agree.
				var title, text int
				fmt.Sscanf(page[strings.Index(page, "\">Edition ")+len("\">Edition "):], "%d", &title)
				fmt.Sscanf(page[strings.Index(page, "<p>Text ")+len("<p>Text "):], "%d", &text)
				if title != text {
					errs <- fmt.Sprintf("title from edit %d, text from edit %d", title, text)
					return
				}
			}
		}()
	}
	for i := 1; i <= 100; i++ {
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": fmt.Sprintf("# Edition %d\n\nText %d.\n", i, i)})
		if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	select {
	case e := <-errs:
		t.Error(e)
	default:
	}
}

func TestThemeChangeWhileContentIsBroken(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "+++\ntitle = \n+++\n"})
	s.Rebuild([]string{"content/guides/glossary.md"})
	gittest.WriteFiles(t, dir, map[string]string{"layouts/partials/toc.html": "<p class=\"new-toc\"></p>\n"})
	s.Rebuild([]string{"layouts/partials/toc.html"})
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": smallSite["content/guides/glossary.md"]})
	s.Rebuild([]string{"content/guides/glossary.md"})
	if !contains(t, s, "promises/fast/index.html", "new-toc") {
		t.Error("the layout changed while the content was broken is not used once it is fixed")
	}
	sameAsCold(t, s, dir)
}

func TestUnsafeSettingChange(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "[markdown]\nunsafe = true\n", "content/guides/glossary.md": "# Glossary\n\n<u2>raw</u2>\n"})
	s := newServer(t, dir)
	if !contains(t, s, "guides/glossary/index.html", "<u2>raw</u2>") {
		t.Fatal("unsafe = true does not let raw HTML through")
	}
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "[markdown]\nunsafe = false\n"})
	s.Rebuild([]string{"site.toml"})
	if contains(t, s, "guides/glossary/index.html", "<u2>raw</u2>") {
		t.Error("raw HTML still passes after unsafe = false")
	}
	sameAsCold(t, s, dir)
}

func TestNotFoundPageWorksAtAnyDepth(t *testing.T) {
	s, err := New(mapFS(smallSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/promises/gone/deeper/", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), `<head><base href="/">`) {
		t.Errorf("404 at depth: %d, base missing", rec.Code)
	}
}

// TestPageOverAStaticFile: a page added where a static file is published
// fails the preview as it fails a build, at the static file, and the
// site served before stays; removing the static file mends it.
func TestPageOverAStaticFile(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"static/guides/new/index.html": "static page\n"})
	s := newServer(t, dir)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/new.md": "# New\n"})
	if _, err := s.Rebuild([]string{"content/guides/new.md"}); err != nil {
		t.Fatal(err)
	}
	want := "static/guides/new/index.html: not published: the page content/guides/new.md is published there, at /guides/new/; rename or remove the static file"
	if p := s.Problems(); len(p) != 1 || p[0].String() != want {
		t.Errorf("problems: %v, want %s", p, want)
	}
	if !contains(t, s, "guides/new/index.html", "static page") {
		t.Error("the site served before is not kept")
	}
	if err := os.Remove(filepath.Join(dir, "static/guides/new/index.html")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rebuild([]string{"static/guides/new/index.html"}); err != nil || s.Problems() != nil {
		t.Fatalf("static file removed: %v, %v", err, s.Problems())
	}
	if !contains(t, s, "guides/new/index.html", "<h1") {
		t.Error("the new page is not served")
	}
	sameAsCold(t, s, dir)
}

// TestDuplicateIDShownInTheOverlay: a page saved with the id of another
// is shown as a problem over the last good site, as build and check
// report it, and the site follows once the id is fixed.
func TestDuplicateIDShownInTheOverlay(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/speed.md": "+++\nid = \"fast\"\n+++\nFast, again.\n"})
	if _, err := s.Rebuild([]string{"content/guides/speed.md"}); err != nil {
		t.Fatal(err)
	}
	p := s.Problems()
	if got, want := problemsJSON(p), `[{"file":"content/guides/speed.md","line":2,"message":"id \"fast\" is already the id of content/promises/fast.md"}]`; got != want {
		t.Errorf("overlay data %s, want %s", got, want)
	}
	if contains(t, s, "guides/speed/index.html", "Fast, again") {
		t.Error("the page with a duplicate id is served, not the last good site")
	}
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/speed.md": "+++\nid = \"speed\"\n+++\nFast, again.\n"})
	if _, err := s.Rebuild([]string{"content/guides/speed.md"}); err != nil || s.Problems() != nil {
		t.Fatalf("id fixed: %v, %v", err, s.Problems())
	}
	if !contains(t, s, "guides/speed/index.html", "Fast, again") {
		t.Error("the page whose id is fixed is not served")
	}
	sameAsCold(t, s, dir)
}

func TestBrokenLayoutShowsItsFileAndLine(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{if}}{{end}}\n"})
	if _, err := s.Rebuild([]string{"layouts/page.html"}); err == nil {
		t.Fatal("a layout that does not parse is accepted")
	}
	p := s.Problems()
	if len(p) != 1 || p[0].File != "layouts/page.html" || p[0].Line != 2 || p[0].String() != "layouts/page.html:2: missing value for if" {
		t.Errorf("problems: %v", p)
	}
	// What the overlay is sent, and shows.
	if got, want := problemsJSON(p), `[{"file":"layouts/page.html","line":2,"message":"missing value for if"}]`; got != want {
		t.Errorf("overlay data %s, want %s", got, want)
	}
	if !contains(t, s, "guides/glossary/index.html", "Glossary") {
		t.Error("the last good site is not served")
	}
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}{{.Content}}{{end}}\n"})
	if _, err := s.Rebuild([]string{"layouts/page.html"}); err != nil || s.Problems() != nil {
		t.Errorf("fixed layout: %v, %v", err, s.Problems())
	}

	// A layout that fails on a page is shown when it is saved, not as a
	// page that cannot be rendered when it is asked for.
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}\n  {{.Page.Nope}}{{end}}\n"})
	if _, err := s.Rebuild([]string{"layouts/page.html"}); err == nil {
		t.Fatal("a layout failing on a page is accepted")
	}
	if p := s.Problems(); len(p) != 1 || p[0].File != "layouts/page.html" || p[0].Line != 2 || !strings.Contains(p[0].Msg, "can't evaluate field Nope") {
		t.Errorf("problems: %v", p)
	}
	if !contains(t, s, "guides/glossary/index.html", "Glossary") {
		t.Error("the last good site is not served")
	}
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}{{.Content}}{{end}}\n"})
	if _, err := s.Rebuild([]string{"layouts/page.html"}); err != nil || s.Problems() != nil {
		t.Errorf("fixed layout: %v, %v", err, s.Problems())
	}

	// A theme that is not there is shown at the line of site.toml naming
	// it, as build and check show it.
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\ntheme = \"corp\"\n"})
	if _, err := s.Rebuild([]string{"site.toml"}); err == nil {
		t.Fatal("a theme that is not there is accepted")
	}
	if p := s.Problems(); len(p) != 1 || p[0] != (site.Problem{File: "site.toml", Line: 2, Msg: `theme "corp": no folder themes/corp`}) {
		t.Errorf("problems: %#v", p)
	}
}

// TestBrokenLayoutInVersionsShowsItsFileAndLine: with --versions too, a
// layout that does not parse is shown at its file and line.
func TestBrokenLayoutInVersionsShowsItsFileAndLine(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	git := func(args ...string) { gittest.Git(t, dir, time.Time{}, args...) }
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\nworktree = \"draft\"\n"})
	s, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true})
	if err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, dir, map[string]string{"layouts/page.html": "{{define \"main\"}}\n\n{{if}}{{end}}\n"})
	if _, err := s.Rebuild([]string{"layouts/page.html"}); err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(); len(p) != 1 || p[0].String() != "layouts/page.html:3: missing value for if" {
		t.Errorf("problems: %v", p)
	}
}

// TestServesFurtherPagesOfLists: the pages of a split list are served,
// and page/1/ leads to the first.
func TestServesFurtherPagesOfLists(t *testing.T) {
	files := maps.Clone(smallSite)
	files["site.toml"] = "title = \"Small\"\n[pagination]\nsize = 1\n"
	s, err := New(mapFS(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"/promises/":        `<a href="page/2/" rel="next">Next</a>`,
		"/promises/page/2/": `<a href="../../" rel="prev">Previous</a>`,
		"/promises/page/1/": `<meta http-equiv="refresh" content="0; url=../../">`,
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GET %s: %d, want 200 with %s", p, rec.Code, want)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/promises/page/3/", nil))
	if rec.Code != 404 {
		t.Errorf("GET /promises/page/3/: %d, want 404", rec.Code)
	}
}

// TestShortcodeEdits: a shortcode's template defined, edited and broken
// while the preview runs shows on the page using it at once, and so
// does an edit of that page.
func TestShortcodeEdits(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/terms.md": "# Terms\n\nCall {{< phone >}} today.\n"})
	s := newServer(t, dir)
	page := func() string {
		t.Helper()
		b, err := s.File("guides/terms/index.html")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if !strings.Contains(page(), "Call {{&lt; phone &gt;}} today.") {
		t.Fatalf("an undefined shortcode is not as written:\n%s", page())
	}
	for _, step := range []struct {
		files   map[string]string
		changed string
		want    string
	}{
		{map[string]string{"layouts/shortcodes/phone.html": "<b>0800 1</b>\n"}, "layouts/shortcodes/phone.html", "Call <b>0800 1</b> today."},
		{map[string]string{"layouts/shortcodes/phone.html": "<b>0800 2, {{.Page.Title}}</b>\n"}, "layouts/shortcodes/phone.html", "Call <b>0800 2, Terms</b> today."},
		{map[string]string{"content/guides/terms.md": "# Terms\n\nRing {{< phone >}} now.\n"}, "content/guides/terms.md", "Ring <b>0800 2, Terms</b> now."},
	} {
		gittest.WriteFiles(t, dir, step.files)
		if _, err := s.Rebuild([]string{step.changed}); err != nil {
			t.Fatal(err)
		}
		if got := page(); !strings.Contains(got, step.want) {
			t.Errorf("after %s, the page has not %q:\n%s", step.changed, step.want, got)
		}
	}
	// A template failing on the page is told, and the last good page
	// stays served.
	gittest.WriteFiles(t, dir, map[string]string{"layouts/shortcodes/phone.html": "{{.Page.Nope}}\n"})
	s.Rebuild([]string{"layouts/shortcodes/phone.html"})
	if p := s.Problems(); len(p) != 1 || !strings.Contains(p[0].String(), `content/guides/terms.md:3:6: shortcode "phone": layouts/shortcodes/phone.html:1:7:`) {
		t.Errorf("problems: %v", p)
	}
}
