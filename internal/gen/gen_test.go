package gen

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/markdown"
	"playbook/internal/site"
)

// files10000 is Files(10000), made once for the tests that need a
// playbook that large: making it is most of their time.
var files10000 = sync.OnceValue(func() map[string][]byte { return Files(10000) })

// pages returns the content pages of files (every .md under content/ but the _index.md files).
func pages(files map[string][]byte) []string {
	var out []string
	for name := range files {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") && path.Base(name) != "_index.md" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// frontMatter splits a file into its TOML front matter and body.
func frontMatter(t *testing.T, name string, data []byte) (fm, body string) {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "+++\n") {
		t.Fatalf("%s: no TOML front matter", name)
	}
	end := strings.Index(s[4:], "\n+++\n")
	if end < 0 {
		t.Fatalf("%s: unterminated front matter", name)
	}
	return s[4 : 4+end+1], s[4+end+5:]
}

func TestDeterministic(t *testing.T) {
	a, b := Files(500), Files(500)
	if !maps.EqualFunc(a, b, bytes.Equal) {
		t.Fatal("Files(500) differs between two calls")
	}
	if c := Files(501); maps.EqualFunc(a, c, bytes.Equal) {
		t.Fatal("Files(501) equals Files(500)")
	}
}

func TestSiteToml(t *testing.T) {
	site := string(Files(10)["site.toml"])
	if !strings.Contains(site, "title = \"Generated playbook\"\n") {
		t.Fatalf("site.toml has no title:\n%s", site)
	}
}

func TestPageCount(t *testing.T) {
	t.Parallel()
	for _, n := range []int{100, 1000, 10000} {
		files := files10000()
		if n != 10000 {
			files = Files(n)
		}
		got := len(pages(files))
		if d := got - n; d*20 > n || -d*20 > n {
			t.Errorf("Files(%d): %d pages, want within 5%%", n, got)
		}
	}
}

func TestSections(t *testing.T) {
	t.Parallel()
	files := files10000()
	folders := map[string]bool{}
	pageCount := map[string]int{}
	for name := range files {
		if strings.HasPrefix(name, "content/") {
			for d := path.Dir(name); d != "."; d = path.Dir(d) {
				folders[d] = true
			}
			if path.Base(name) != "_index.md" {
				pageCount[path.Dir(name)]++
			}
		}
	}
	for d := range folders {
		idx, ok := files[d+"/_index.md"]
		if !ok {
			t.Errorf("%s has no _index.md", d)
			continue
		}
		fm, body := frontMatter(t, d+"/_index.md", idx)
		if !strings.Contains(fm, "title = ") || !strings.Contains(fm, "weight = ") || strings.TrimSpace(body) == "" {
			t.Errorf("%s/_index.md lacks title, weight or intro", d)
		}
	}
	if len(folders) < 150 {
		t.Errorf("%d sections for 10000 pages, want a few hundred", len(folders))
	}
	for _, top := range []string{"promises", "behaviours/sales", "behaviours/service", "faqs", "guides"} {
		for d, c := range pageCount {
			if path.Dir(d) == "content/"+top && (c < 20 || c > 60) {
				t.Errorf("%s has %d pages, want 20-60", d, c)
			}
		}
	}
	total := 0
	for _, p := range pages(files) {
		total += len(files[p])
	}
	if avg := total / len(pages(files)); avg < 3000 || avg > 6500 {
		t.Errorf("average page size %d bytes, want about 3-6 KB", avg)
	}
}

// load loads Files(n) as a build loads the playbook on disk, reporting
// each problem as an error.
func load(t *testing.T, n int) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range Files(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	// The generated pages were reviewed on 2026-10-01 and are due again
	// ten years on.
	s, problems := site.Load(fsys, site.Options{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, p := range problems {
		t.Errorf("Files(%d): %v", n, p)
	}
	return s
}

// TestLoad loads generated playbooks as a build does: no error and no
// warning (every id known, every link and anchor found, every promise
// kept in sales and in service), the pages of each type in the shares
// the package promises, and every page with its fields, headings and
// 3-8 links.
func TestLoad(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n    int
		want map[string]int // pages of each type
	}{
		// The smallest playbooks still have one page of each type a
		// chain needs.
		{-1, map[string]int{site.TypePositioning: 1, site.TypePromise: 1, site.TypeBehaviour: 2}},
		{0, map[string]int{site.TypePositioning: 1, site.TypePromise: 1, site.TypeBehaviour: 2}},
		{5, map[string]int{site.TypePositioning: 1, site.TypePromise: 1, site.TypeBehaviour: 2, site.TypeFAQ: 1}},
		{13, map[string]int{site.TypePositioning: 1, site.TypePromise: 1, site.TypeBehaviour: 6, site.TypeStandard: 1, site.TypeFAQ: 2, site.TypePage: 2}},
		{300, map[string]int{
			site.TypePositioning: 9, site.TypePromise: 30, site.TypeBehaviour: 120, site.TypeStandard: 15, site.TypeFAQ: 45,
			site.TypeCompetitor: 9, site.TypeCampaign: 6, site.TypePersona: 6, site.TypePage: 60,
		}},
	} {
		s := load(t, c.n)
		got := map[string]int{}
		for _, p := range s.Pages {
			if p.IsSection {
				continue
			}
			got[p.Type]++
			if p.Owner == "" || p.Description == "" || len(p.Tags) == 0 || p.Reviewed.IsZero() {
				t.Errorf("Files(%d): %s lacks an owner, description, tags or review date", c.n, p.File)
			}
			if !p.Doc.HasID("why") || !p.Doc.HasID("do") {
				t.Errorf("Files(%d): %s lacks the headings #why and #do", c.n, p.File)
			}
			if n := len(p.Doc.Links); n < 3 || n > 8 {
				t.Errorf("Files(%d): %s has %d links, want 3-8", c.n, p.File, n)
			}
		}
		if !maps.Equal(got, c.want) {
			t.Errorf("Files(%d): pages of each type %v, want %v", c.n, got, c.want)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 50); err != nil {
		t.Fatal(err)
	}
	for name, want := range Files(50) {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs on disk", name)
		}
	}
}

func BenchmarkFiles1000(b *testing.B) {
	for b.Loop() {
		Files(1000)
	}
}

// TestHandbook loads a generated handbook, Git host and Hugo halves, as a
// build does: no error and no warning, every link form (Hugo's refs
// too) resolved to the page it means, and the files that are not content
// left out.
func TestHandbook(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{}
	files := HandbookFiles(600)
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	s, problems := site.Load(fsys, site.Options{Now: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	for _, p := range problems {
		t.Errorf("HandbookFiles(600): %v", p)
	}
	if n := len(s.Pages); n < 560 || n > 640 {
		t.Errorf("%d pages, want about 600", n)
	}
	if len(s.OfType(site.TypePromise)) != 0 || len(s.Files) != 0 {
		t.Errorf("%d promises and files %v, want none", len(s.OfType(site.TypePromise)), s.Files)
	}
	if s.ByFile("content/docs/drafts/next.md") != nil {
		t.Error("the drafts folder is not left out")
	}
	// Each link form, rewritten: from a Git host's page and a Hugo page.
	for file, want := range map[string][]string{
		"content/company/discovery/discovery-topic-1.md": {
			"../discovery-topic-2/#how-we-work", "../../demos/demos-topic-1/",
			"../../demos/demos-topic-1/#demos-topic-1", "../discovery-topic-2/#instagram", "../../demos/", "", // a link within the page stays as written
		},
		"content/docs/billing/_index.md": {"guide-1/", "../contracts/"},
		"content/docs/billing/guide-1.md": {
			"../guide-2/", "../../contracts/guide-1/#進め方手順", "../../../company/discovery/discovery-topic-1/",
			"https://handbook.example.com/handbook/engineering/on-call/", "../", "",
		},
	} {
		p := s.ByFile(file)
		if p == nil {
			t.Fatalf("no page %s", file)
		}
		var got []string
		refs := 0
		for _, l := range p.Doc.Links {
			got = append(got, l.URL())
			if l.Ref != markdown.NoRef {
				refs++
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s links to\n%q\nwant\n%q", file, got, want)
		}
		if wantRefs := strings.Count(string(files[file]), "ref \""); refs != wantRefs {
			t.Errorf("%s has %d Hugo refs, want %d", file, refs, wantRefs)
		}
	}
}
