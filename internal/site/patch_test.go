package site

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gen"
)

// dump writes out what a site is made of, in its order: every page with
// its place, title, relations both ways and mentions, the tags and roles
// with their pages, and the problems.
func dump(s *Site, ps Problems) string {
	var b strings.Builder
	files := func(ps []*Page) string {
		var fs []string
		for _, p := range ps {
			fs = append(fs, p.File)
		}
		return strings.Join(fs, ",")
	}
	for i, p := range s.Pages {
		bl := p.Backlinks
		fmt.Fprintf(&b, "%d %s %q %s children=%s fulfils=%s promises=%s sales=%s service=%s faqs=%s campaigns=%s bpromises=%s standards=%s mentioned=%s tags=%v stale=%v chain=%v\n",
			i, p.File, p.Title, p.sortTitle, files(p.Children), files(p.Fulfils), files(p.Promises),
			files(bl.Sales), files(bl.Service), files(bl.FAQs), files(bl.Campaigns), files(bl.Promises), files(bl.Standards),
			files(p.MentionedBy), p.Tags, p.Stale, p.Chain.Status)
		if p.Doc != nil {
			for _, l := range p.Doc.Links {
				fmt.Fprintf(&b, "  link %s -> %s\n", l.Dest, l.URL())
			}
		}
	}
	for _, t := range s.Tags {
		fmt.Fprintf(&b, "tag %s %s\n", t.Name, files(t.Pages))
	}
	for _, r := range s.Roles {
		fmt.Fprintf(&b, "role %s %s %s %s %s\n", r.Name, files(r.Behaviours), files(r.Standards), files(r.FAQs), files(r.Campaigns))
	}
	for _, p := range ps {
		fmt.Fprintln(&b, p)
	}
	return b.String()
}

// TestPatchEqualsLoad edits the files of a generated playbook and checks
// that Patch makes the edits it can and that the site it leaves equals a
// fresh Load of the same files, order and all.
func TestPatchEqualsLoad(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, b := range gen.Files(120) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	opts := Options{Now: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	ld := NewLoader(fsys, opts)
	s, _ := ld.Load(nil)
	sales := s.OfType(TypeBehaviour)[0]
	siblings := sales.Parent.Children
	other := siblings[len(siblings)-1].File
	guide := s.OfType(TypePage)[0].File
	promises := s.OfType(TypePromise)
	promise := promises[len(promises)-1].File
	// warned is made a page with a warning of its own, which its
	// edits keep: a promise stating no expectation.
	warned := promises[0].File
	noExpectation := func(text string) string {
		var out []string
		for _, line := range strings.Split(text, "\n") {
			if !strings.HasPrefix(line, "expectation = ") {
				out = append(out, line)
			}
		}
		return strings.Join(out, "\n")
	}
	edit := func(file string, f func(string) string) {
		fsys[file] = &fstest.MapFile{Data: []byte(f(string(fsys[file].Data)))}
	}
	retitle := func(title string) func(string) string {
		return func(text string) string { return strings.Replace(text, "\ntitle = \"", "\ntitle = \""+title+" ", 1) }
	}
	// untitle takes a page's title away: its file name titles it.
	untitle := func(text string) string {
		var out []string
		for _, line := range strings.Split(text, "\n") {
			if !strings.HasPrefix(line, "title = ") && !strings.HasPrefix(line, "# ") {
				out = append(out, line)
			}
		}
		return strings.Join(out, "\n")
	}
	// unweigh gives a page no weight, and the roles and tags of sales.
	unweigh := func(text string) string {
		var out []string
		for _, line := range strings.Split(text, "\n") {
			k, _, _ := strings.Cut(line, " = ")
			switch k {
			case "weight":
				continue
			case "roles", "tags":
				for _, l := range strings.Split(string(fsys[sales.File].Data), "\n") {
					if strings.HasPrefix(l, k+" = ") {
						line = l
					}
				}
			}
			out = append(out, line)
		}
		return strings.Join(out, "\n")
	}
	steps := []struct {
		name    string
		edit    func()
		changed []string
		patched bool
	}{
		{"body", func() { edit(guide, func(s string) string { return s + "\nMore.\n" }) }, []string{guide}, true},
		{"title", func() { edit(promise, retitle("Aardvark")) }, []string{promise}, true},
		{"weights, roles and tags", func() { edit(other, unweigh); edit(sales.File, unweigh) }, []string{other, sales.File}, false},
		{"title moving a page", func() { edit(other, retitle("Aaa")) }, []string{other}, true},
		{"title moving it back", func() { edit(other, retitle("Zzz")) }, []string{other}, true},
		{"a warning", func() { edit(warned, noExpectation) }, []string{warned}, false},
		{"body of a page with warnings", func() { edit(warned, func(s string) string { return s + "\nMore.\n" }) }, []string{warned}, true},
		{"title of a page with warnings", func() { edit(warned, retitle("Zzz")) }, []string{warned}, true},
		{"a line more in front matter", func() {
			edit(warned, func(s string) string { return strings.Replace(s, "\ntitle = ", "\ntitle = \"Two\"\n#title = ", 1) })
		}, []string{warned}, false},
		{"link syntax left as text", func() { edit(guide, func(s string) string { return s + "\nSee [the price](Price list).\n" }) }, []string{guide}, true},
		{"link syntax mended", func() {
			edit(guide, func(s string) string { return strings.Replace(s, "[the price](Price list)", "the price", 1) })
		}, []string{guide}, true},
		{"an admonition of a kind playbook does not know", func() { edit(guide, func(s string) string { return s + "\n!!! sparkle\n    x\n" }) }, []string{guide}, true},
		{"its kind mended", func() {
			edit(guide, func(s string) string { return strings.Replace(s, "!!! sparkle", "!!! tip", 1) })
		}, []string{guide}, true},
		{"title taken away", func() { edit(promise, untitle) }, []string{promise}, false},
		{"body of a page its file name titles", func() { edit(promise, func(s string) string { return s + "\nMore.\n" }) }, []string{promise}, true},
		{"section title taken away", func() { edit(sales.Parent.File, untitle) }, []string{sales.Parent.File}, false},
		{"body of a section its folder titles", func() { edit(sales.Parent.File, func(s string) string { return s + "\nMore.\n" }) }, []string{sales.Parent.File}, false},
		{"a Hugo ref", func() {
			edit(guide, func(s string) string {
				return s + "\nSee [the promise]({{< relref \"/" + strings.TrimPrefix(promise, "content/") + "\" >}}).\n"
			})
		}, []string{guide}, true},
		{"heading id", func() { edit(guide, func(s string) string { return s + "\n## New heading\n" }) }, []string{guide}, false},
		{"a new error", func() { edit(guide, func(s string) string { return s + "\n[gone](gone.md)\n" }) }, []string{guide}, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.edit()
			ed, ok := ld.Patch(st.changed)
			if ok != st.patched {
				t.Fatalf("patched: %v, want %v", ok, st.patched)
			}
			if st.name == "body of a page with warnings" && !slices.ContainsFunc(ed.Problems, func(p Problem) bool { return p.File == warned }) {
				t.Fatal("the warned has no warning to keep")
			}
			var got string
			if ok {
				got = dump(ed.Site, ed.Problems)
			} else {
				got = dump(ld.Load(st.changed))
			}
			want := dump(Load(fsys, opts))
			if got != want {
				g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := range min(len(g), len(w)) {
					if g[i] != w[i] {
						t.Fatalf("differs from a fresh load at line %d:\n got %s\nwant %s", i+1, g[i], w[i])
					}
				}
				t.Fatalf("differs from a fresh load: %d lines, want %d", len(g), len(w))
			}
			if ok && !slices.ContainsFunc(ed.Bodies, func(p *Page) bool { return p.File == st.changed[0] }) {
				t.Errorf("the edit names no body changed: %v", ed.Bodies)
			}
		})
	}
}

// TestEditsReachLinkedPages: a page that is a symbolic link to another
// page's file shows every edit of that file, as a fresh Load does, made
// in place or not, and so does a chain of links.
func TestEditsReachLinkedPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":       {Data: []byte("# Home\n")},
		"content/guides/terms.md": {Data: []byte("+++\ntitle = \"Terms\"\n+++\nFirst words.\n")},
		"content/words/terms.md":  {Data: []byte("../guides/terms.md"), Mode: fs.ModeSymlink},
		"content/team/terms.md":   {Data: []byte("../words/terms.md"), Mode: fs.ModeSymlink},
	}
	opts := Options{Now: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	ld := NewLoader(fsys, opts)
	if _, ps := ld.Load(nil); ps.Errors() > 0 {
		t.Fatal(ps)
	}
	target := "content/guides/terms.md"
	for _, edit := range []struct{ name, text string }{
		{"a body", "+++\ntitle = \"Terms\"\n+++\nSecond words, [home](../_index.md).\n"},
		{"a title", "+++\ntitle = \"Words\"\n+++\nSecond words.\n"},
		{"front matter", "+++\ntitle = \"Words\"\ntags = [\"new\"]\n+++\nSecond words.\n"},
	} {
		t.Run(edit.name, func(t *testing.T) {
			fsys[target] = &fstest.MapFile{Data: []byte(edit.text)}
			changed := []string{target}
			var got string
			if ed, ok := ld.Patch(changed); ok {
				got = dump(ed.Site, ed.Problems)
			} else {
				got = dump(ld.Load(changed))
			}
			if want := dump(Load(fsys, opts)); got != want {
				t.Errorf("differs from a fresh load:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// TestPatchSlowCode: a code block mended in the preview takes its
// slow-code warning with it, as a fresh load would.
func TestPatchSlowCode(t *testing.T) {
	slow := "+++\ntitle = \"A\"\n+++\nCode:\n\n```go\nx := \"" + strings.Repeat(`\\`, 40) + "\n```\n"
	fsys := fstest.MapFS{
		"content/a.md": &fstest.MapFile{Data: []byte(slow)},
		"content/b.md": &fstest.MapFile{Data: []byte("# B\n")},
	}
	ld := NewLoader(fsys, Options{Now: testNow})
	_, ps := ld.Load(nil)
	if !slices.ContainsFunc(ps, func(p Problem) bool { return p.Check == slowCodeCheck }) {
		t.Fatalf("no slow-code warning: %v", ps)
	}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(slow, `x := "`, `x := "ok" // `, 1))}
	ed, ok := ld.Patch([]string{"content/a.md"})
	if !ok {
		t.Fatal("not patched")
	}
	if slices.ContainsFunc(ed.Problems, func(p Problem) bool { return p.Check == slowCodeCheck }) {
		t.Errorf("the mended block is still warned of: %v", ed.Problems)
	}
}
