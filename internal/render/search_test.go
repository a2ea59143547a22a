package render

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/site"
)

func TestSearchIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n")},
		"content/_index.md":       {Data: []byte("# Home\n")},
		"content/faqs/refunds.md": {Data: []byte("+++\nquestion = \"Can I get my money back?\"\n+++\n# Refunds\n\n## How {#how}\n\nAsk the zeppelin desk.\n")},
		"content/faqs/hidden.md":  {Data: []byte("+++\nquestion = \"Q\"\nsearch = false\n+++\n# Hidden\n\nquokka\n")},
		"content/faqs/draft.md":   {Data: []byte("+++\nquestion = \"Q\"\ndraft = true\n+++\n# Draft\n\nwombat\n")},
		// A page of a draft section is a draft too.
		"content/launch/_index.md": {Data: []byte("+++\ntitle = \"Launch\"\ndraft = true\n+++\n")},
		"content/launch/plan.md":   {Data: []byte("# Plan\n\nnumbat\n")},
		"content/promises/fast.md": {Data: []byte("+++\npromise = \"Fast\"\n+++\n# Fast\n")},
		// What customers say for a competitor is found, though the
		// page's body never says it.
		"content/competitors/rival.md": {Data: []byte("+++\ncompetitor = \"Rival\"\n[[objections]]\nobjection = \"Rival never gazumps.\"\nresponse = \"R\"\n+++\n# Rival\n")},
	}
	// Drafts shown, as a preview may: they are still not indexed.
	s, problems := site.Load(fsys, site.Options{Now: testNow, Drafts: true})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out := renderMem(t, fsys, s, Options{})
	b, ok := out.File("search/index.js")
	if !ok {
		t.Fatalf("no search/index.js in %v", out.Names())
	}
	index := string(b)
	for _, want := range []string{`"zeppelin":[`, `"money":[`, `"how","How","Ask the zeppelin desk."`, `"disconnected"`, `"gazumps":[`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	for _, left := range []string{"quokka", "wombat", "numbat", "hidden/", "draft/", "launch/"} {
		if strings.Contains(index, left) {
			t.Errorf("the index has %s", left)
		}
	}
	for _, name := range []string{"faqs/draft/index.html", "launch/plan/index.html"} {
		if _, ok := out.File(name); !ok {
			t.Errorf("the draft %s is not rendered: the test shows nothing", name)
		}
	}
}

// TestSearchFindsRoles: a role's page is in the index, by its name, the
// other spellings [roles] merges into it, its description and the
// promises it keeps.
func TestSearchFindsRoles(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range map[string]string{
		"site.toml":                "title = \"T\"\n[roles.sales-advisor]\ndescription = \"Answers the phone to new customers.\"\naliases = [\"sales adviser\"]\n",
		"content/promises/fast.md": "+++\npromise = \"Call back fast\"\n+++\n# Zephyr callbacks\n",
		"content/behaviours/b.md":  "+++\nstage = \"sales\"\nfulfils = [\"fast\", \"secret\"]\nroles = [\"sales advisor\"]\n+++\n# B\n",
		// A draft a role keeps, shown as a preview may, is no more found
		// by the role's page than by its own.
		"content/promises/secret.md": "+++\npromise = \"Soon\"\ndraft = true\n+++\n# Quokka plan\n",
	} {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow, Drafts: true})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out := renderMem(t, fsys, s, Options{})
	index := page(t, out, "search/index.js")
	for _, want := range []string{`"roles/sales-advisor/"`, `"Role"`, `"adviser":[`, `"answers":[`, `"zephyr":[`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	if strings.Contains(index, "quokka") {
		t.Error("the index names a draft a role keeps")
	}
	// In French, the promises a role keeps are parted as French parts a
	// list, with a space (the index's, for its narrow no-break one) before
	// the semicolon.
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\nlanguage = \"fr\"\n")}
	fsys["content/promises/secret.md"] = &fstest.MapFile{Data: []byte("+++\npromise = \"Soon\"\n+++\n# Quokka plan\n")}
	s, problems = site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	index = page(t, renderMem(t, fsys, s, Options{}), "search/index.js")
	if want := "Quokka plan ; Zephyr callbacks"; !strings.Contains(index, want) {
		t.Errorf("the index lacks %q", want)
	}
}

func TestSearchBox(t *testing.T) {
	out := buildMem(t, fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n")},
		"content/faqs/refunds.md": {Data: []byte("+++\nquestion = \"Q\"\n+++\n# Refunds\n")},
	})
	if !strings.Contains(string(mustFile(t, out, "faqs/refunds/index.html")), `<div class="search" data-root="../../" data-version="`) {
		t.Error("a page has no search box leading to the root and its index")
	}
	if !strings.Contains(string(mustFile(t, out, "404.html")), `class="search"`) {
		t.Error("the 404 page has no search box")
	}
	if _, ok := out.File("assets/search.js"); !ok {
		t.Error("no assets/search.js")
	}
}

// TestSearchVersion: the version of the index a page names is the same
// for the same site and another where what the index holds changed (a
// page's text, title, description or type's field), and none in a
// preview, which tells its pages itself.
func TestSearchVersion(t *testing.T) {
	files := map[string]string{
		"site.toml":                "title = \"T\"\n",
		"content/faqs/refunds.md":  "+++\nquestion = \"Can I have my money back?\"\ndescription = \"Refunds\"\naudience = [\"service desk\"]\n+++\n# Refunds\n\nWithin 30 days.\n",
		"content/guides/_index.md": "# Guides\n",
	}
	version := func(files map[string]string, opts Options) string {
		t.Helper()
		html := page(t, renderFiles(t, files, opts), "guides/index.html")
		v, _ := between(html, `data-version="`, `"`)
		return v
	}
	first := version(files, Options{})
	if len(first) != 12 || version(files, Options{}) != first {
		t.Fatalf("version %q, then %q for the same site", first, version(files, Options{}))
	}
	for what, edit := range map[string][2]string{
		"text":        {"Within 30 days.", "Within 14 days."},
		"title":       {"# Refunds", "# Money back"},
		"description": {`"Refunds"`, `"Money back"`},
		"field":       {"money back?", "refund?"},
		"role":        {`"service desk"`, `"returns desk"`},
	} {
		changed := maps.Clone(files)
		changed["content/faqs/refunds.md"] = strings.Replace(files["content/faqs/refunds.md"], edit[0], edit[1], 1)
		if v := version(changed, Options{}); v == first {
			t.Errorf("a page's %s changed, and the index's version did not", what)
		}
	}
	if v := version(files, Options{Preview: true}); v != "" {
		t.Errorf("a preview's page names version %q of the index", v)
	}
}

func mustFile(t *testing.T, out *MemOutput, name string) []byte {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return b
}

// TestSitemap: with base_url set, the site has a sitemap of its pages by
// their whole address, escaped, with when they last changed where Git
// says, and no draft; without it, or where the site has its own, none of
// playbook's.
func TestSitemap(t *testing.T) {
	files := map[string]string{
		"site.toml":                  "title = \"T\"\nbase_url = \"https://intranet.example.com/sales/playbook\"\n",
		"content/_index.md":          "# Home\n",
		"content/guides/café.md":     "# Café\n",
		"content/guides/wip.md":      "+++\ntitle = \"WIP\"\ndraft = true\n+++\n",
		"content/guides/hid.md":      "+++\ntitle = \"Hidden\"\nsearch = false\n+++\n",
		"content/behaviours/call.md": "+++\ntitle = \"Call\"\nstage = \"sales\"\nroles = [\"sales advisor\"]\n+++\n",
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow, Drafts: true})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	when := time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	out := renderMem(t, fsys, s, Options{LastChange: map[string]gitrepo.LastChange{"content/guides/café.md": {When: when}}})
	got := page(t, out, "sitemap.xml")
	for _, want := range []string{
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
		"<url><loc>https://intranet.example.com/sales/playbook/</loc></url>",
		"<url><loc>https://intranet.example.com/sales/playbook/guides/caf%C3%A9/</loc><lastmod>2026-10-02</lastmod></url>",
		"<url><loc>https://intranet.example.com/sales/playbook/roles/sales-advisor/</loc></url>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("sitemap lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "wip") || strings.Contains(got, "hid") {
		t.Errorf("sitemap names a draft, or a page left out of search:\n%s", got)
	}
	delete(files, "content/guides/wip.md")
	files["site.toml"] = "title = \"T\"\n"
	if _, ok := renderFiles(t, files, Options{}).File("sitemap.xml"); ok {
		t.Error("a sitemap without base_url")
	}
	files["site.toml"] = "title = \"T\"\nbase_url = \"https://intranet.example.com/\"\n"
	files["static/sitemap.xml"] = "ours"
	if got := page(t, renderFiles(t, files, Options{}), "sitemap.xml"); got != "ours" {
		t.Errorf("the site's own sitemap is replaced: %q", got)
	}
}

// TestSearchFindsTags: a page is found by its tags, as its authors file
// it, though its text never says them.
func TestSearchFindsTags(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"site.toml":                "title = \"T\"\n",
		"content/competitors/x.md": "+++\ncompetitor = \"X\"\ntags = [\"objections\"]\n+++\n# X\n\nThey sell hard.\n",
	}, Options{})
	if index := page(t, out, "search/index.js"); !strings.Contains(index, `"objections":[`) {
		t.Error("the index lacks the page's tag")
	}
}
