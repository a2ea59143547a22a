package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// renderFiles loads the site made of files and renders it into memory
// with opts, failing on any error.
func renderFiles(t *testing.T, files map[string]string, opts Options) *MemOutput {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return renderMem(t, fsys, s, opts)
}

// page returns the output file name of out as a string.
func page(t *testing.T, out *MemOutput, name string) string {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("%s: not in the output; output has %v", name, out.Names())
	}
	return string(b)
}

// TestNotFoundPage: the 404 page points to what every reader has, on a
// phone too: the home page and the menu's pages, not a sidebar.
func TestNotFoundPage(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md":     "# Home\n",
		"content/promises/a.md": "+++\npromise = \"A.\"\n+++\n",
	}, Options{})
	html := page(t, out, "404.html")
	for _, want := range []string{
		`<a href="./">Go to the home page</a>`,
		`<a href="alignment/">Alignment</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if strings.Contains(html, "on the left") {
		t.Error("404.html points to a sidebar on the left, which phones do not show")
	}
}
