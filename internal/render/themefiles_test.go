package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// TestSiteOverridesThemeFiles: the script of the 404 page and the page
// left at an alias are theme files, which a site's own layouts/ replace.
func TestSiteOverridesThemeFiles(t *testing.T) {
	tests := []struct {
		name, file, override string
		page, want           string
	}{
		{"the 404 page's script", "layouts/partials/notfound.js", `var own={{.NotFound.Versions}};`,
			"404.html", `<script>var own=[];</script>`},
		{"the page left at an alias", "layouts/redirect.html", `moved to {{.Rel .Redirect}}`,
			"old/index.html", `moved to ../guides/a/`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/guides/a.md": {Data: []byte("+++\ntitle = \"A\"\naliases = [\"old\"]\n+++\nA.\n")},
			}
			s, problems := site.Load(fsys, site.Options{Now: testNow})
			if problems.Errors() > 0 {
				t.Fatal(problems)
			}
			page := func() string {
				b, _ := renderMem(t, fsys, s, Options{}).File(tt.page)
				return string(b)
			}
			if got := page(); strings.Contains(got, tt.want) {
				t.Fatalf("the default theme's %s already writes %q", tt.file, tt.want)
			}
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.override)}
			if got := page(); !strings.Contains(got, tt.want) {
				t.Errorf("with the site's own %s, %s is\n%s\nwant it to hold %q", tt.file, tt.page, got, tt.want)
			}
		})
	}
}

// TestStaticRefusesPlaybooksNames: a static file named as the files
// playbook keeps in its output (the marker it knows its output by, the
// inputs of a versioned build) would replace them; it is refused, naming
// the file.
func TestStaticRefusesPlaybooksNames(t *testing.T) {
	for _, name := range []string{"static/.playbook-output", "static/deep/.playbook-versions"} {
		fsys := fstest.MapFS{
			"content/a.md": {Data: []byte("# A\n")},
			name:           {Data: []byte("mine")},
		}
		s, problems := site.Load(fsys, site.Options{Now: testNow})
		if problems.Errors() > 0 {
			t.Fatal(problems)
		}
		theme, err := Theme(fsys, s.Config.Theme)
		if err != nil {
			t.Fatal(err)
		}
		_, err = New(s, Options{Source: fsys, Theme: theme, Now: testNow})
		if err == nil || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: New = %v, want an error naming the file", name, err)
		}
	}
}
