//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// TestNamedPipes: a named pipe where a site has a file, site.toml, a page,
// or a theme's layout or static file, is reported at its path, and build
// and check end instead of waiting for a writer; the previous output
// stays.
func TestNamedPipes(t *testing.T) {
	for _, tt := range []struct {
		pipe string
		code int
		want string
	}{
		{"site.toml", 2, "site.toml is a named pipe, not a file: make it a file"},
		{"content/pipe.md", 1, "content/pipe.md:1: a named pipe, not a file: not published; remove it"},
		{"static/pipe.css", 1, "static/pipe.css:1: a named pipe, not a file: not published"},
		{"layouts/page.html", 1, "layouts/page.html:1: a named pipe, not a file: not used"},
	} {
		t.Run(tt.pipe, func(t *testing.T) {
			dir := t.TempDir()
			gittest.WriteFiles(t, dir, map[string]string{
				"site.toml":         "title = \"T\"\n",
				"content/_index.md": "# Home\n",
			})
			public := filepath.Join(dir, "public")
			if code, _, stderr := buildCmd(t, "--source", dir, "--dest", public); code != 0 {
				t.Fatalf("first build: exit %d:\n%s", code, stderr)
			}
			before := treeSum(t, public)
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(tt.pipe)), 0o755); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, tt.pipe))
			if err := syscall.Mkfifo(filepath.Join(dir, tt.pipe), 0o644); err != nil {
				t.Fatalf("mkfifo: %v", err)
			}
			for _, cmd := range []string{"check", "build"} {
				type result struct {
					code   int
					output string
				}
				done := make(chan result, 1)
				go func() {
					var code int
					var stdout, stderr string
					if cmd == "check" {
						code, stdout, stderr = checkCmd(t, "--source", dir)
					} else {
						code, stdout, stderr = buildCmd(t, "--source", dir, "--dest", public)
					}
					done <- result{code, stdout + stderr}
				}()
				select {
				case r := <-done:
					if r.code != tt.code || !strings.Contains(r.output, tt.want) {
						t.Errorf("%s: exit %d, want %d; output lacks %q:\n%s", cmd, r.code, tt.code, tt.want, r.output)
					}
				case <-time.After(30 * time.Second):
					t.Fatalf("%s is still reading the named pipe %s", cmd, tt.pipe)
				}
			}
			if treeSum(t, public) != before {
				t.Error("a failed build changed the previous output")
			}
		})
	}
}
