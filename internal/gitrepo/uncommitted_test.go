package gitrepo

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// TestUncommitted: the files of a site in a folder of its repository that
// differ from HEAD are those edited, grown, retargeted (a link), written
// with other line endings, or never committed; a file touched but not
// changed, or untouched, is not, and one deleted is left out.
func TestUncommitted(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	git := func(args ...string) string { return gittest.Git(t, dir, day, args...) }
	git("init", "-q", "-b", "main")
	site := filepath.Join(dir, "docs", "playbook")
	gittest.WriteFiles(t, site, map[string]string{
		"content/same.md":    "Same\n",
		"content/edited.md":  "Edited\n",
		"content/grown.md":   "Grown\n",
		"content/touched.md": "Touched\n",
		"content/crlf.md":    "one\ntwo\n",
		"content/gone.md":    "Gone\n",
	})
	symlink(t, "same.md", filepath.Join(site, "content", "link.md"))
	symlink(t, "same.md", filepath.Join(site, "content", "relinked.md"))
	git("add", "-A")
	git("commit", "-q", "-m", "start")

	gittest.WriteFiles(t, site, map[string]string{
		"content/edited.md": "Edixed\n", // the same size
		"content/grown.md":  "Grown, and more\n",
		"content/crlf.md":   "one\r\ntwo\r\n",
		"content/new.md":    "New\n",
		"content/added.md":  "Added\n",
	})
	git("add", "docs/playbook/content/added.md")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(site, "content", "touched.md"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content", "gone.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "content", "relinked.md")); err != nil {
		t.Fatal(err)
	}
	symlink(t, "edited.md", filepath.Join(site, "content", "relinked.md"))

	files := []string{"content/same.md", "content/edited.md", "content/grown.md", "content/touched.md", "content/crlf.md",
		"content/gone.md", "content/link.md", "content/relinked.md", "content/new.md", "content/added.md"}
	got, err := Uncommitted(site, files)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/added.md", "content/crlf.md", "content/edited.md", "content/grown.md", "content/new.md", "content/relinked.md"}
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) {
		t.Errorf("Uncommitted = %v, want %v", keys, want)
	}
	if _, err := Uncommitted(t.TempDir(), files); !errors.Is(err, ErrNoRepository) {
		t.Errorf("outside a repository: %v, want ErrNoRepository", err)
	}
}

// TestUncommittedTakesTheIndexAtItsWord: a file whose size and time are
// those the index recorded is not read, as git status does not read it;
// one whose time is the index's own, which it cannot vouch for, is.
func TestUncommittedTakesTheIndexAtItsWord(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	git := func(args ...string) string { return gittest.Git(t, dir, day, args...) }
	git("init", "-q", "-b", "main")
	gittest.WriteFiles(t, dir, map[string]string{"content/a.md": "aaaa\n"})
	file := filepath.Join(dir, "content", "a.md")
	if err := os.Chtimes(file, day, day); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "start")
	// Another text of the same size, at the time the index recorded: only
	// reading the file could tell.
	gittest.WriteFiles(t, dir, map[string]string{"content/a.md": "bbbb\n"})
	if err := os.Chtimes(file, day, day); err != nil {
		t.Fatal(err)
	}
	r := openRepo(t, dir)
	head := resolve(t, r, "HEAD")
	// The index is read for many files (a build's); the others asked
	// for here are not there, and left out.
	files := []string{"content/a.md"}
	for i := range fewFiles {
		files = append(files, fmt.Sprintf("content/gone-%d.md", i))
	}
	got, err := r.UncommittedIn(head, ".", files)
	if err != nil || len(got) != 0 {
		t.Errorf("a file as the index recorded it: %v, %v; want it taken as committed, unread", got, err)
	}
	// A few files (a preview's, after an edit) are read without it.
	got, err = r.UncommittedIn(head, ".", files[:1])
	if err != nil || !got["content/a.md"] {
		t.Errorf("a file asked alone: %v, %v; want it read, and found changed", got, err)
	}
	// An index written in the same instant as the file could have been
	// written before the file changed in that instant.
	if err := os.Chtimes(filepath.Join(dir, ".git", "index"), day, day); err != nil {
		t.Fatal(err)
	}
	got, err = r.UncommittedIn(head, ".", files)
	if err != nil || !got["content/a.md"] {
		t.Errorf("a file of the index's own time: %v, %v; want it read, and found changed", got, err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}
