package site

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/gen"
)

// parseOnlyBadPages are pages with problems of the kinds a page's
// Markdown gives, for TestParseOnlyFindsTheSameProblems.
var parseOnlyBadPages = map[string]string{
	"content/guides/broken.md": "+++\ntitle = \"Broken\"\n+++\n" +
		"A [missing page](../nowhere.md), a [missing heading](#no-such-part), " +
		"a raw <a href=\"../gone.md\">link</a>, <script>x()</script> and {{< tweet 1 >}}.\n",
	"content/guides/nested.md":   "+++\ntitle = \"Nested\"\n+++\n" + strings.Repeat("> ", 40) + "deep\n",
	"content/guides/badfm.md":    "+++\ntitle = \"Bad\n+++\nText\n",
	"content/guides/dup-a.md":    "+++\ntitle = \"Dup\"\nid = \"dup\"\n+++\nOne.\n",
	"content/guides/dup-b.md":    "+++\ntitle = \"Dup\"\nid = \"dup\"\n+++\nTwo.\n",
	"content/guides/latin1.md":   "+++\ntitle = \"Latin\"\n+++\ncaf\xe9\n",
	"content/guides/code.md":     "# Code\n\n```go\nfunc main() {}\n```\n\n[up](../_index.md#nope)\n",
	"content/guides/no-title.md": "Just text, [self](#just).\n",
}

// TestParseOnlyFindsTheSameProblems loads sites with and without
// Options.ParseOnly, as check and build do, and compares the problems:
// the example playbook, a generated playbook with bad pages added, and a
// handbook brought from a Git host.
func TestParseOnlyFindsTheSameProblems(t *testing.T) {
	withBad := fstest.MapFS{}
	for name, b := range gen.Files(300) {
		withBad[name] = &fstest.MapFile{Data: b}
	}
	for name, s := range parseOnlyBadPages {
		withBad[name] = &fstest.MapFile{Data: []byte(s)}
	}
	handbook := fstest.MapFS{}
	for name, b := range gen.HandbookFiles(200) {
		handbook[name] = &fstest.MapFile{Data: b}
	}
	sites := []struct {
		name    string
		load    func(Options) (*Site, Problems)
		atLeast int // problems the site has, so that the test compares something
	}{
		{"example", func(o Options) (*Site, Problems) { return Load(os.DirFS("../.."), o) }, 1},
		{"generated with bad pages", func(o Options) (*Site, Problems) { return Load(withBad, o) }, len(parseOnlyBadPages)},
		{"handbook", func(o Options) (*Site, Problems) { return Load(handbook, o) }, 0},
	}
	for _, c := range sites {
		t.Run(c.name, func(t *testing.T) {
			_, want := c.load(Options{Now: testNow})
			s, got := c.load(Options{Now: testNow, ParseOnly: true})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("problems differ:\n got  %v\n want %v", got, want)
			}
			if len(want) < c.atLeast {
				t.Errorf("%d problems, want at least %d: %v", len(want), c.atLeast, want)
			}
			if len(s.Pages) < 2 {
				t.Errorf("%d pages loaded", len(s.Pages))
			}
		})
	}
}
