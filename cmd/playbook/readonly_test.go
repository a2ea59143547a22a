package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"playbook/internal/gittest"
)

// TestReadOnlyPreviousOutput: a previous site made read-only since (a
// folder of it, whose files cannot be removed) does not make a build that
// swapped the new site in say it failed, nor stop the builds after it;
// the folder published read-only is the build's to empty. The build runs as
// a child process, as a user other than root when the test is root: root
// removes what it likes.
func TestReadOnlyPreviousOutput(t *testing.T) {
	// Every folder from the temporary one down is open to the child.
	top := t.TempDir()
	if err := os.Chmod(top, 0o777); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(top, "playbook.test")
	b, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, b, 0o755); err != nil {
		t.Fatal(err)
	}
	src, parent := filepath.Join(top, "site"), filepath.Join(top, "out")
	gittest.WriteFiles(t, src, goodSite)
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	// Made with the umask; opened up here.
	for _, dir := range []string{parent, src, filepath.Join(src, "content"), filepath.Join(src, "content/guides")} {
		if err := os.Chmod(dir, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	// The folders above t.TempDir's own are the test's, made 0700.
	if err := os.Chmod(filepath.Dir(top), 0o755); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(parent, "public")
	build := func(text string) string {
		t.Helper()
		gittest.WriteFiles(t, src, map[string]string{"content/guides/b.md": "# B\n\n" + text + "\n"})
		cmd := exec.Command(exe, "build", "--source", src, "--dest", dest)
		cmd.Env = append(os.Environ(), "PLAYBOOK_TEST_COMMAND=1", "TMPDIR="+top)
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("build with %q: %v\n%s", text, err, stderr.String())
		}
		if b, err := os.ReadFile(filepath.Join(dest, "guides/b/index.html")); err != nil || !strings.Contains(string(b), text) {
			t.Fatalf("build with %q: the page is not in place: %v\n%s", text, err, stderr.String())
		}
		return stderr.String()
	}
	build("First.")
	for _, dir := range []string{filepath.Join(dest, "guides"), dest} {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		// Open again, for the test's own clean-up.
		_ = filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = os.Chmod(p, 0o777)
			}
			return nil
		})
	})
	if said := build("Second."); !strings.Contains(said, "note: the new site is in place, but the previous one could not be removed from "+filepath.Join(parent, ".public.new-")) {
		t.Errorf("the second build does not say the previous site is left:\n%s", said)
	}
	if said := build("Third."); !strings.Contains(said, "note: what an earlier build left beside "+dest+" could not be removed (remove it by hand)") {
		t.Errorf("the third build does not say what is left:\n%s", said)
	}
	// The second site, published read-only as its folder was, went: only
	// the first is left.
	left, _ := filepath.Glob(filepath.Join(parent, ".public.new-*"))
	if len(left) != 1 {
		t.Errorf("left beside the output: %q, want the first site alone", left)
	}
}
