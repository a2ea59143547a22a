//go:build unix

package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeInContent: a named pipe in content/ is reported, not read:
// reading one waits for a writer, and the build would never end.
func TestNamedPipeInContent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content", "_index.md"), "# Home\n")
	for _, name := range []string{"pipe.md", "pipe.pdf"} {
		if err := syscall.Mkfifo(filepath.Join(dir, "content", name), 0o644); err != nil {
			t.Fatalf("mkfifo: %v", err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	done := make(chan Problems, 1)
	go func() {
		_, problems := Load(root.FS(), Options{Now: testNow})
		done <- problems
	}()
	select {
	case problems := <-done:
		want := "content/pipe.md:1: a named pipe, not a file: not published; remove it\n" +
			"content/pipe.pdf:1: a named pipe, not a file: not published; remove it"
		var got []string
		for _, p := range problems {
			got = append(got, p.String())
		}
		if strings.Join(got, "\n") != want {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Load is still reading a named pipe")
	}
}
