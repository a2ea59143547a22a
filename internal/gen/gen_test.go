package gen

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

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
	for _, n := range []int{100, 1000, 10000} {
		files := Files(n)
		got := len(pages(files))
		if d := got - n; d*20 > n || -d*20 > n {
			t.Errorf("Files(%d): %d pages, want within 5%%", n, got)
		}
	}
}

func TestSmall(t *testing.T) {
	for _, n := range []int{-1, 0, 1, 2, 5, 13} {
		files := Files(n)
		if len(pages(files)) < 4 {
			t.Errorf("Files(%d): %d pages, want at least 4 (positioning, promise, sales, service)", n, len(pages(files)))
		}
		checkLinks(t, files)
		checkRelations(t, files)
	}
}

func TestSections(t *testing.T) {
	files := Files(10000)
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

var (
	linkRE   = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	relRE    = regexp.MustCompile(`(?m)^(fulfils|promises|applies_to|positioning) = \[(.*)\]$`)
	quotedRE = regexp.MustCompile(`"([^"]*)"`)
)

func checkLinks(t *testing.T, files map[string][]byte) {
	t.Helper()
	for _, name := range pages(files) {
		_, body := frontMatter(t, name, files[name])
		links := linkRE.FindAllStringSubmatch(body, -1)
		if len(links) < 3 || len(links) > 8 {
			t.Errorf("%s: %d links, want 3-8", name, len(links))
		}
		for _, m := range links {
			target, anchor, _ := strings.Cut(m[1], "#")
			if strings.Contains(target, "://") || !strings.HasSuffix(target, ".md") {
				t.Errorf("%s: unexpected link %q", name, m[1])
				continue
			}
			file := path.Join(path.Dir(name), target)
			data, ok := files[file]
			if !ok {
				t.Errorf("%s: link %q: %s does not exist", name, m[1], file)
				continue
			}
			if file == name {
				t.Errorf("%s: links to itself", name)
			}
			if anchor != "" && !bytes.Contains(data, []byte("{#"+anchor+"}")) {
				t.Errorf("%s: link %q: no anchor #%s in %s", name, m[1], anchor, file)
			}
		}
	}
}

func checkRelations(t *testing.T, files map[string][]byte) {
	t.Helper()
	ids := map[string]string{} // id -> file
	for _, name := range pages(files) {
		id := strings.TrimSuffix(path.Base(name), ".md")
		if other, dup := ids[id]; dup {
			t.Errorf("id %s in both %s and %s", id, other, name)
		}
		ids[id] = name
	}
	sales, service := map[string]bool{}, map[string]bool{}
	for _, name := range pages(files) {
		fm, body := frontMatter(t, name, files[name])
		for _, key := range []string{"title = ", "owner = ", "reviewed = 2026-10-01\n", "review_every = \"3650d\"\n", "tags = [", "description = ", "weight = "} {
			if !strings.Contains(fm, "\n"+key) && !strings.HasPrefix(fm, key) {
				t.Errorf("%s: no %q in front matter", name, key)
			}
		}
		for _, h := range []string{"## Why it matters {#why}\n", "## What to do {#do}\n"} {
			if !strings.Contains(body, h) {
				t.Errorf("%s: no heading %q", name, h)
			}
		}
		var refs []string
		for _, m := range relRE.FindAllStringSubmatch(fm, -1) {
			for _, q := range quotedRE.FindAllStringSubmatch(m[2], -1) {
				refs = append(refs, q[1])
				if m[1] == "fulfils" {
					switch {
					case strings.Contains(fm, "\nstage = \"sales\"\n"):
						sales[q[1]] = true
					case strings.Contains(fm, "\nstage = \"service\"\n"):
						service[q[1]] = true
					default:
						t.Errorf("%s: fulfils without a stage", name)
					}
				}
			}
		}
		inGaps := false
		for line := range strings.Lines(fm) {
			switch {
			case line == "[[gaps]]\n":
				inGaps = true
			case inGaps && strings.HasPrefix(line, "promise = "):
				refs = append(refs, quotedRE.FindStringSubmatch(line)[1])
			}
		}
		for _, ref := range refs {
			if _, ok := ids[ref]; !ok {
				t.Errorf("%s: unknown id %q", name, ref)
			}
		}
		dir := strings.Split(name, "/")[1]
		required := map[string][]string{
			"positioning": {"position = "},
			"promises":    {"promise = ", "expectation = ", "positioning = ["},
			"behaviours":  {"stage = ", "fulfils = ["},
			"faqs":        {"question = ", "promises = ["},
			"competitors": {"competitor = ", "[[gaps]]"},
			"campaigns":   {"starts = ", "ends = ", "promises = ["},
			"personas":    {"role = "},
			"standards":   {"applies_to = ["},
		}[dir]
		for _, key := range required {
			if !strings.Contains(fm, "\n"+key) {
				t.Errorf("%s: no %q in front matter", name, key)
			}
		}
	}
	for id, name := range ids {
		if strings.HasPrefix(path.Base(name), "promise-") {
			if !sales[id] {
				t.Errorf("promise %s is fulfilled by no sales behaviour", id)
			}
			if !service[id] {
				t.Errorf("promise %s is fulfilled by no service behaviour", id)
			}
		}
	}
}

func TestLinks(t *testing.T) {
	for _, n := range []int{100, 3000} {
		checkLinks(t, Files(n))
	}
}

func TestRelations(t *testing.T) {
	for _, n := range []int{100, 3000} {
		checkRelations(t, Files(n))
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
