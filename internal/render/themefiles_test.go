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
