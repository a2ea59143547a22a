package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// TestBodyCacheRendersOnlyChangedPages marks the cached HTML of every page
// and renders a new version of the site: pages whose source and links did
// not change keep the mark, the edited page and the page whose link target
// moved lose it.
func TestBodyCacheRendersOnlyChangedPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("# A\n\nAlpha.\n")},
		"content/b.md": {Data: []byte("# B\n\nSee [c](c.md).\n")},
		"content/c.md": {Data: []byte("# C\n\nGamma.\n")},
		"content/d.md": {Data: []byte("# D\n\nDelta.\n")},
	}
	loader := site.NewLoader(fsys, site.Options{Now: testNow})
	var bodies BodyCache
	renderAll := func(s *site.Site) *MemOutput { return renderMem(t, fsys, s, Options{Bodies: &bodies}) }
	s, _ := loader.Load(nil)
	renderAll(s)
	for file, b := range bodies.m {
		b.html = "MARK"
		bodies.m[file] = b
	}

	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("# A\n\nAlpha, edited.\n")}
	fsys["content/sub/c.md"] = fsys["content/c.md"]
	delete(fsys, "content/c.md")
	fsys["content/b.md"] = &fstest.MapFile{Data: fsys["content/b.md"].Data} // same bytes, new file read
	_, problems := loader.Load([]string{"content/a.md", "content/c.md", "content/sub"})
	if problems.Errors() == 0 {
		t.Fatal("b's link to the moved c should be broken")
	}
	// Mend b's link and load again, as an author would.
	fsys["content/b.md"] = &fstest.MapFile{Data: []byte("# B\n\nSee [c](sub/c.md).\n")}
	s, problems = loader.Load([]string{"content/b.md"})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out := renderAll(s)
	marked := func(name string) bool {
		b, _ := out.File(name)
		return strings.Contains(string(b), "MARK")
	}
	for name, want := range map[string]bool{
		"a/index.html":     false, // edited
		"b/index.html":     false, // edited
		"sub/c/index.html": false, // moved: a new file to the cache
		"d/index.html":     true,  // untouched: not rendered again
	} {
		if got := marked(name); got != want {
			t.Errorf("%s kept the cached HTML: %v, want %v", name, got, want)
		}
	}
}

// TestBodiesInTheirLanguage: the HTML of a page kept for another site
// (a version) is not taken by a site of another language, whose
// Markdown writes its own words (an alert's title).
func TestBodiesInTheirLanguage(t *testing.T) {
	bodies := &BodyCache{}
	for _, c := range []struct{ lang, want string }{{"de", "Hinweis"}, {"fr", "Remarque"}, {"de", "Hinweis"}} {
		fsys := fstest.MapFS{
			"site.toml":    {Data: []byte("language = \"" + c.lang + "\"\n")},
			"content/a.md": {Data: []byte("# A\n\n> [!NOTE]\n> Read this.\n")},
		}
		s, problems := site.Load(fsys, site.Options{Now: testNow, Words: SiteWords})
		if problems.Errors() > 0 {
			t.Fatal(problems)
		}
		page, err := newRenderer(t, fsys, s, Options{Bodies: bodies}).File("a/index.html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), `alert-title">`+c.want+`</p>`) {
			t.Errorf("%s: the alert is not titled %s", c.lang, c.want)
		}
	}
}
