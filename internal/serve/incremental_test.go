package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"playbook/internal/gen"
	"playbook/internal/site"
)

// TestEditsEqualCold edits a generated playbook in every way an author
// does and checks, after each rebuild, that every file served equals a
// cold build of the same files, byte for byte: the edits made in place
// and the pages kept from before them included, as every page is asked
// for before each edit. Edits of bodies and titles are made in place;
// the others load the site again.
func TestEditsEqualCold(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, 120); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	s, err := New(os.DirFS(dir), Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Problems(); p != nil {
		t.Fatal(p)
	}
	st := s.snap.Load().r.Site()
	first := func(typ string) *site.Page { return st.OfType(typ)[0] }
	// The last promise: a new title moves it to the front of the lists
	// of promises.
	promises := st.OfType(site.TypePromise)
	promise, sales, guide := promises[len(promises)-1].File, first(site.TypeBehaviour).File, first(site.TypePage).File
	// The last behaviour of the first one's section: a new title moves it
	// in the lists of its roles and tags.
	siblings := st.ByFile(sales).Parent.Children
	behaviour := siblings[len(siblings)-1].File
	// other is a page the guide does not link to yet.
	var other *site.Page
	for _, q := range st.OfType(site.TypeFAQ) {
		if !slices.Contains(q.MentionedBy, st.ByFile(guide)) && len(q.MentionedBy) > 0 {
			other = q
			break
		}
	}
	read := func(file string) string {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(file, text string) {
		full := filepath.Join(dir, file)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace := func(file, old, new string) func() {
		return func() {
			text := read(file)
			if !strings.Contains(text, old) {
				t.Fatalf("%s has no %q", file, old)
			}
			write(file, strings.Replace(text, old, new, 1))
		}
	}
	// link is a Markdown link from file to the FAQ.
	link := func(file string) string {
		rel, err := filepath.Rel(filepath.Dir(filepath.Join(dir, file)), filepath.Join(dir, other.File))
		if err != nil {
			t.Fatal(err)
		}
		return "[a question](" + filepath.ToSlash(rel) + ")"
	}
	added := "content/guides/added.md"
	steps := []struct {
		name    string
		do      func()
		changed []string
		inPlace bool
	}{
		{"edit a body", func() { write(guide, read(guide)+"\nOne more paragraph.\n") }, []string{guide}, true},
		{"link to another page", func() { write(guide, read(guide)+"\nSee "+link(guide)+".\n") }, []string{guide}, true},
		{"drop that link", replace(guide, "See "+link(guide)+".", "See nothing."), []string{guide}, true},
		{"edit a title shown by many pages", replace(promise, "\ntitle = \"", "\ntitle = \"Aardvark "), []string{promise}, true},
		{"edit two pages at once", func() {
			replace(promise, "\ntitle = \"Aardvark ", "\ntitle = \"Zebra ")()
			write(sales, read(sales)+"\nAnd a body.\n")
		}, []string{promise, sales}, true},
		{"unweigh two behaviours of the same roles and tags", func() {
			from := strings.Split(read(sales), "\n")
			key := func(line string) string { k, _, _ := strings.Cut(line, " = "); return k }
			same := map[string]string{}
			for _, line := range from {
				if k := key(line); k == "roles" || k == "tags" {
					same[k] = line
				}
			}
			for _, file := range []string{sales, behaviour} {
				var out []string
				for _, line := range strings.Split(read(file), "\n") {
					if k := key(line); k == "weight" {
						continue
					} else if same[k] != "" {
						line = same[k]
					}
					out = append(out, line)
				}
				write(file, strings.Join(out, "\n"))
			}
		}, []string{sales, behaviour}, false},
		{"move a page in its section, roles and tags", replace(behaviour, "\ntitle = \"", "\ntitle = \"Aaa "), []string{behaviour}, true},
		{"set an id", replace(guide, "+++\n", "+++\nid = \"renamed-guide\"\n"), []string{guide}, false},
		{"edit a relation", func() {
			text := read(sales)
			i := strings.Index(text, "\nfulfils = [")
			j := strings.Index(text[i+1:], "\n")
			write(sales, text[:i]+"\nfulfils = [\""+site.Slug(strings.TrimSuffix(filepath.Base(promise), ".md"))+"\"]"+text[i+1+j:])
		}, []string{sales}, false},
		{"edit the tags", replace(promise, "\ntags = [", "\ntags = [\"edited\", "), []string{promise}, false},
		{"edit a description", replace(promise, "\ndescription = \"", "\ndescription = \"Edited. "), []string{promise}, false},
		{"add a page", func() { write(added, "+++\ntitle = \"Added\"\n+++\nLinks to "+link(added)+".\n") }, []string{added}, false},
		{"rename it", func() {
			if err := os.Rename(filepath.Join(dir, added), filepath.Join(dir, "content/guides/moved.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{added, "content/guides/moved.md"}, false},
		{"delete it", func() {
			if err := os.Remove(filepath.Join(dir, "content/guides/moved.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/guides/moved.md"}, false},
		{"edit a body after all that", func() { write(promise, read(promise)+"\nLast words.\n") }, []string{promise}, true},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			// Every page asked for, so that a copy kept stale would show.
			for _, name := range s.Names() {
				if _, err := s.File(name); err != nil {
					t.Fatal(err)
				}
			}
			step.do()
			log.Reset()
			if _, err := s.Rebuild(step.changed); err != nil {
				t.Fatal(err)
			}
			if p := s.Problems(); p != nil {
				t.Fatalf("problems: %v", p)
			}
			if inPlace := strings.Contains(log.String(), "in place"); inPlace != step.inPlace {
				t.Errorf("made in place: %v, want %v (%s)", inPlace, step.inPlace, strings.TrimSpace(log.String()))
			}
			sameAsCold(t, s, dir)
		})
	}
}
