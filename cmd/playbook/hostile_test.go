package main

import (
	"os"
	"strings"
	"testing"
)

// TestBuildRefusesHostileMarkdown builds a folder holding a page of
// 100,000 nested lists, as an author would: the build fails at once with
// the page's file and line in the file (after its front matter) instead
// of spending minutes in the parser, and the output is not written.
func TestBuildRefusesHostileMarkdown(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":             "title = \"T\"\n",
		"content/_index.md":     "# Home\n",
		"content/ok.md":         "# Fine\n\n- a\n  - b\n",
		"content/pages/deep.md": "+++\ntitle = \"Deep\"\n+++\nIntro.\n\n" + strings.Repeat("- ", 100_000) + "x\n",
	})
	code, _, stderr := buildCmd(t, "--source", dir, "--dest", dir+"/public")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	want := "content/pages/deep.md:6: too deeply nested: lists and quotes opened on one line (limit 32)"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}
	if _, err := os.Stat(dir + "/public/index.html"); err == nil {
		t.Error("a failed build wrote its output")
	}
}
