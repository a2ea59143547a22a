package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"playbook/internal/site"
)

// TestHandbooks builds each handbook in testdata/handbooks/*.txtar, sites
// brought from a Git host or from Hugo, and compares: want/problems, every
// problem of the build as printed, one a line; and each want/PATH, the
// <main> element of the page at PATH in the output (the rest of a page is
// the theme's, tested by TestGolden), or the whole file if it is not a
// page. A want/PATH.absent asks that PATH is not in the output. The site
// is rendered even when it has errors, to show what it would be.
func TestHandbooks(t *testing.T) {
	files, _ := filepath.Glob("testdata/handbooks/*.txtar")
	if len(files) == 0 {
		t.Fatal("no handbooks in testdata/handbooks")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, fsys := readArchive(t, file)
			s, problems := site.Load(fsys, site.Options{Now: testNow, Shortcodes: SiteShortcodes})
			var lines bytes.Buffer
			for _, p := range problems {
				lines.WriteString(p.String() + "\n")
			}
			out := renderMem(t, fsys, s, Options{})
			changed := false
			for i, f := range ar.Files {
				name, ok := strings.CutPrefix(f.Name, "want/")
				if !ok {
					continue
				}
				var got []byte
				switch {
				case name == "problems":
					got = lines.Bytes()
				case strings.HasSuffix(name, ".absent"):
					if _, ok := out.File(strings.TrimSuffix(name, ".absent")); ok {
						t.Errorf("%s is in the output", strings.TrimSuffix(name, ".absent"))
					}
					continue
				default:
					page, ok := out.File(name)
					if !ok {
						t.Errorf("%s: not in the output; output has %v", name, out.Names())
						continue
					}
					got = mainElement(page)
				}
				if !bytes.Equal(got, f.Data) {
					if *update {
						ar.Files[i].Data = got
						changed = true
						continue
					}
					t.Errorf("%s differs from want/%s (run go test -update to accept):\n%s", name, name, firstDiff(f.Data, got))
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// mainElement returns the <main> element of an HTML page and a newline,
// or the whole file if it has none.
func mainElement(page []byte) []byte {
	i := bytes.Index(page, []byte("<main"))
	j := bytes.LastIndex(page, []byte("</main>"))
	if i < 0 || j < i {
		return page
	}
	return append(bytes.Clone(page[i:j+len("</main>")]), '\n')
}

// readArchive parses the txtar archive file and returns it with the site
// it holds: every file but those under want/ and the problems file.
func readArchive(t *testing.T, file string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name != "problems" && !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return ar, fsys
}
