package render

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"playbook/internal/site"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/*.txtar with the output")

// testNow is the build time of every golden site, so output is stable.
var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// TestGolden builds each site in testdata/*.txtar and compares the files
// under want/ with the output. Files not under want/ are the site.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden sites in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want/") {
					fsys[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			out := buildMem(t, fsys)
			changed := false
			for i, f := range ar.Files {
				name, ok := strings.CutPrefix(f.Name, "want/")
				if !ok {
					continue
				}
				got, ok := out.File(name)
				if !ok {
					t.Errorf("%s: not in the output; output has %v", name, out.Names())
					continue
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

// buildMem loads and renders fsys into memory, failing on any error.
func buildMem(t *testing.T, fsys fstest.MapFS) *MemOutput {
	t.Helper()
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return renderMem(t, fsys, s, Options{})
}

// renderMem renders s, loaded from fsys, into memory with the theme of
// fsys; opts adds to the source, theme and time it is given.
func renderMem(t testing.TB, fsys fs.FS, s *site.Site, opts Options) *MemOutput {
	t.Helper()
	theme, err := Theme(fsys, s.Config.Theme)
	if err != nil {
		t.Fatal(err)
	}
	opts.Source, opts.Theme, opts.Now = fsys, theme, testNow
	r, err := New(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := NewMemOutput()
	if err := r.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
