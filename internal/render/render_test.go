package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
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
	"playbook/themes"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/*.txtar with the output")

// testNow is the build time of every golden site, so output is stable.
var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// TestGolden builds each site in testdata/*.txtar and compares the files
// under want/ with the output. A file named "problems" holds the problems
// the site is loaded with, one a line as printed; without it the site
// must load without errors. Other files are the site.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden sites in testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, fsys := readArchive(t, file)
			wantProblems := -1
			for i, f := range ar.Files {
				if f.Name == "problems" {
					wantProblems = i
				}
			}
			changed := false
			var out *MemOutput
			if wantProblems < 0 {
				out = buildMem(t, fsys)
			} else {
				s, problems := site.Load(fsys, site.Options{Now: testNow, Words: SiteWords})
				var got bytes.Buffer
				for _, p := range problems {
					got.WriteString(p.String() + "\n")
				}
				if want := ar.Files[wantProblems].Data; !bytes.Equal(got.Bytes(), want) {
					if *update {
						ar.Files[wantProblems].Data = got.Bytes()
						changed = true
					} else {
						t.Errorf("problems differ (run go test -update to accept):\n%s", firstDiff(want, got.Bytes()))
					}
				}
				out = renderMem(t, fsys, s, Options{})
			}
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
	s, problems := site.Load(fsys, site.Options{Now: testNow, Words: SiteWords})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return renderMem(t, fsys, s, Options{})
}

// renderMem renders s, loaded from fsys, into memory with the theme of
// fsys; opts adds to the source, theme and time it is given.
func renderMem(t testing.TB, fsys fs.FS, s *site.Site, opts Options) *MemOutput {
	t.Helper()
	r := newRenderer(t, fsys, s, opts)
	out := NewMemOutput()
	if err := r.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// newRenderer makes the renderer of s, loaded from fsys, with the theme of
// fsys; opts adds to the source, theme and time it is given.
func newRenderer(t testing.TB, fsys fs.FS, s *site.Site, opts Options) *Renderer {
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
	return r
}

// loadRenderer loads the site in fsys, which must have no errors, and
// makes its renderer.
func loadRenderer(t testing.TB, fsys fs.FS) (*site.Site, *Renderer) {
	t.Helper()
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return s, newRenderer(t, fsys, s, Options{})
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

// TestThemeSymlinks: a symbolic link among the site's layouts and static
// files, or a theme's, is followed only inside the folder it is in, as in
// content/; else the build fails at its path, and nothing of it is output.
func TestThemeSymlinks(t *testing.T) {
	const secret = "token = s3cr3t-from-git-config"
	tests := []struct {
		name  string
		links map[string]string
		want  string // the error, or "" for a build
	}{
		{
			name:  "a static file linked inside static/ is published",
			links: map[string]string{"static/copy.txt": "../static/real.txt", "static/chain.txt": "copy.txt"},
		},
		{
			name:  "a layout linked inside layouts/ is used",
			links: map[string]string{"layouts/faq.html": "page.html"},
		},
		{
			name:  "a static file linked to the repository's config is refused",
			links: map[string]string{"static/ci.txt": "../.git/config"},
			want:  "static/ci.txt:1: symbolic link to ../.git/config points outside static/: not published",
		},
		{
			name:  "a layout linked to the repository's config is refused",
			links: map[string]string{"layouts/page.html": "../.git/config"},
			want:  "layouts/page.html:1: symbolic link to ../.git/config points outside layouts/: not used",
		},
		{
			name:  "a theme's static file linked outside its static/ is refused",
			links: map[string]string{"themes/corp/static/x.txt": "../../../static/real.txt"},
			want:  "themes/corp/static/x.txt:1: symbolic link to ../../../static/real.txt points outside themes/corp/static/: not published",
		},
		{
			name: "every static file refused is told, with one a page is published over",
			links: map[string]string{"static/ci.txt": "../.git/config", "static/x/ci.txt": "../../.git/config",
				"static/faqs/q/index.html": "../../real.txt"},
			want: "static/ci.txt:1: symbolic link to ../.git/config points outside static/: not published\n" +
				"static/faqs/q/index.html: not published: the page content/faqs/q.md is published there, at /faqs/q/; rename or remove the static file\n" +
				"static/x/ci.txt:1: symbolic link to ../../.git/config points outside static/: not published",
		},
		{
			name:  "a linked static/ folder is refused",
			links: map[string]string{"static": ".git"},
			want:  "static:1: symbolic link to .git points outside static/: not published",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"site.toml":            "theme = \"corp\"\n",
				"content/_index.md":    "# Home\n",
				"content/faqs/q.md":    "+++\nquestion = \"Q?\"\n+++\n",
				".git/config":          secret,
				"themes/corp/static/c": "corp",
				"static/real.txt":      "real",
			}
			if _, linked := tt.links["static"]; linked {
				delete(files, "static/real.txt")
			}
			for name, data := range files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, linked := tt.links["layouts/page.html"]; !linked {
				// A full copy of the default page layout, to link to.
				b, err := fs.ReadFile(themes.Default, "layouts/page.html")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "layouts", "page.html"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for link, target := range tt.links {
				p := filepath.Join(dir, filepath.FromSlash(link))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, p); err != nil {
					t.Fatal(err)
				}
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			src := root.FS()
			s, problems := site.Load(src, site.Options{Now: testNow})
			if problems.Errors() > 0 {
				t.Fatalf("load: %v", problems)
			}
			theme, err := Theme(src, s.Config.Theme)
			var r *Renderer
			if err == nil {
				r, err = New(s, Options{Source: src, Theme: theme, Now: testNow})
			}
			out := NewMemOutput()
			if err == nil {
				err = r.Render(context.Background(), out)
			}
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("build: %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Fatalf("build error %v, want %s", err, tt.want)
			case tt.want != "":
				return
			}
			for _, name := range out.Names() {
				b, _ := out.File(name)
				if bytes.Contains(b, []byte(secret)) {
					t.Errorf("%s holds the secret", name)
				}
			}
			for link := range tt.links {
				if name, ok := strings.CutPrefix(link, "static/"); ok {
					if b, _ := out.File(name); string(b) != "real" {
						t.Errorf("%s is %q in the output, want the file it links to", name, b)
					}
				}
			}
		})
	}
}

// TestParseOnlySiteIsNotRendered: a site loaded for its problems alone
// has no HTML for its pages, and New says so rather than rendering pages
// without their text.
func TestParseOnlySiteIsNotRendered(t *testing.T) {
	fsys := genFS(20)
	s, problems := site.Load(fsys, site.Options{Now: testNow, ParseOnly: true})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	theme, err := Theme(fsys, s.Config.Theme)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow}); err == nil || !strings.Contains(err.Error(), "ParseOnly") {
		t.Errorf("New = %v, want an error naming ParseOnly", err)
	}
}

// TestStylesheets: the stylesheets a preview swaps in place are the
// theme's and the site's own, with the fingerprints the pages link them
// by, and no other static file.
func TestStylesheets(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                  {Data: []byte("title = \"S\"\n")},
		"content/a.md":               {Data: []byte("# A\n")},
		"static/assets/playbook.css": {Data: []byte("body { color: navy }\n")},
		"static/assets/extra.js":     {Data: []byte("// extra\n")},
	}
	_, r := loadRenderer(t, fsys)
	got := r.Stylesheets()
	sum := sha256.Sum256([]byte("body { color: navy }\n"))
	own := "assets/playbook.css?v=" + hex.EncodeToString(sum[:4])
	if len(got) != 2 || !strings.HasPrefix(got[0], "assets/chroma.css?v=") || got[1] != own {
		t.Fatalf("stylesheets %q, want chroma.css and the site's playbook.css, %s", got, own)
	}
	page, err := r.File("a/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`<link rel="stylesheet" href="../`+own+`">`)) {
		t.Errorf("the page does not link its stylesheet as %s", own)
	}
}
