package render

import (
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// TestFrameLinks: a Frame's links are those of every page it stands for.
// To the site's top level, where the menu, the assets and the Review page
// are, they are the page's own (Data.Rel); deeper, they lead where the
// page's own do. And pages share few Frames.
func TestFrameLinks(t *testing.T) {
	s, r := loadRenderer(t, genFS(1000))
	top := []string{"", "review/", "assets/playbook.css", "404.html"}
	for _, l := range r.menu {
		top = append(top, l.URL)
	}
	var deep []string
	for i, p := range s.Pages {
		if i%25 == 0 {
			deep = append(deep, p.URL)
		}
	}
	frames := map[*Frame]bool{}
	files := 0
	for name, j := range r.files {
		if j.source != "" || j.search != "" {
			continue
		}
		files++
		d := r.dataOf(j)
		f := r.frame(d.URL, d.Kind)
		frames[f] = true
		if f.Root != site.Rel(d.URL, "") {
			t.Errorf("%s: Root %q, want %q", name, f.Root, site.Rel(d.URL, ""))
		}
		for _, u := range top {
			if got, want := f.Rel(u), site.Rel(d.URL, u); got != want {
				t.Errorf("%s: Rel(%q) = %q, want %q as the page's own", name, u, got, want)
			}
		}
		for _, u := range deep {
			if got := resolve(d.URL, f.Rel(u)); got != u {
				t.Errorf("%s: Rel(%q) = %q leads to %q", name, u, f.Rel(u), got)
			}
		}
		for _, l := range f.Menu {
			if l.Current != (l.Kind == d.Kind) {
				t.Errorf("%s: menu link to %s current = %v on a page of kind %s", name, l.URL, l.Current, d.Kind)
			}
		}
	}
	if len(frames) == 0 || len(frames) > files/20 {
		t.Errorf("%d files share %d frames", files, len(frames))
	}
}

// resolve returns the URL (a path from the site root, as Page.URL) that
// href leads to from the page at URL from.
func resolve(from, href string) string {
	dir := from[:strings.LastIndex(from, "/")+1]
	u := path.Join(dir, href)
	if strings.HasSuffix(href, "/") || href == "." || href == "./" {
		u += "/"
	}
	return strings.TrimPrefix(strings.TrimPrefix(u, "."), "/")
}

// TestCachedOncePerFrame: a cached part is made at its first call for a
// Frame and given again after, whatever changes; another Frame has its
// own.
func TestCachedOncePerFrame(t *testing.T) {
	_, r := loadRenderer(t, genFS(100))
	layout := r.layouts["page.html"]
	cached := cachedFunc(layout)
	deep, top := r.frame("promises/x/", "page"), r.frame("", "home")
	first, err := cached("partials/frame-sidebar.html", deep)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), `href="../../"`) {
		t.Errorf("sidebar of a page two folders deep:\n%s", first)
	}
	deep.Root = "changed/"
	again, err := cached("partials/frame-sidebar.html", deep)
	if err != nil {
		t.Fatal(err)
	}
	if again != first {
		t.Errorf("made again:\n%s\nnot\n%s", again, first)
	}
	home, err := cached("partials/frame-sidebar.html", top)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(home), `href="./" aria-current="page">Home</a>`) {
		t.Errorf("sidebar of the home page:\n%s", home)
	}
	if _, err := cached("partials/frame-sidebar.html", nil); err != errNoFrame {
		t.Errorf("cached with no Frame: error %v, want %v", err, errNoFrame)
	}
}

// TestForSiteFramesAnew: the Renderer of a preview's next site makes its
// Frames anew, so that a part kept for the last site (here the top bar's
// menu, which gains Alignment with the first promise) is not shown again.
func TestForSiteFramesAnew(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"T\"\n")},
		"content/_index.md": {Data: []byte("# Home\n")},
		"content/a.md":      {Data: []byte("# A\n")},
	}
	_, r := loadRenderer(t, fsys)
	before, err := r.File("a/index.html")
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/promises/fast.md"] = &fstest.MapFile{Data: []byte("+++\npromise = \"Fast.\"\n+++\n# Fast\n")}
	next, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	after, err := r.ForSite(next).File("a/index.html")
	if err != nil {
		t.Fatal(err)
	}
	link := `<a href="../alignment/">Alignment</a>`
	if strings.Contains(string(before), link) || !strings.Contains(string(after), link) {
		t.Errorf("menu link %s: on the page before the promise %v, after %v", link, strings.Contains(string(before), link), strings.Contains(string(after), link))
	}
}

// TestVersionShort: a phone shows the end of a tag's name that tells it
// from the versions named alike, and a label of a team's own whole.
func TestVersionShort(t *testing.T) {
	all := func(names ...string) []*VersionPages {
		var vs []*VersionPages
		for _, n := range names {
			label := n
			if n == "2026-q2" {
				label = "Q2 2026"
			}
			vs = append(vs, &VersionPages{Name: n, Label: label})
		}
		return vs
	}
	versions := all("draft", "playbook-2026-q4", "playbook-2026-q3", "playbook-2025-q4", "2026-q2", "v1.2", "v1.10", "release")
	for name, want := range map[string]string{
		"playbook-2026-q4": "2026-q4", // beside 2025-q4, the year tells it
		"playbook-2025-q4": "2025-q4",
		"draft":            "draft",
		"2026-q2":          "Q2 2026",
		"v1.2":             "v1.2",
		"v1.10":            "v1.10",
		"release":          "release",
	} {
		label := name
		for _, v := range versions {
			if v.Name == name {
				label = v.Label
			}
		}
		v := &VersionInfo{Name: name, Label: label, All: versions}
		if got := v.Short(); got != want {
			t.Errorf("Short of %s = %q, want %q", name, got, want)
		}
	}
	v := &VersionInfo{Name: "playbook-2026-q4", Label: "playbook-2026-q4", All: all("playbook-2026-q4", "playbook-2026-q3")}
	if got := v.Short(); got != "q4" {
		t.Errorf("Short = %q, want q4", got)
	}
}
