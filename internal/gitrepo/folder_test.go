package gitrepo

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// TestLastChangesOfAFolder: a site kept in a folder of its repository asks
// about its files by their paths from that folder, and gets the answers
// under the same paths, as of HEAD.
func TestLastChangesOfAFolder(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	git := func(n int, args ...string) string { return gittest.Git(t, dir, day.AddDate(0, 0, n), args...) }
	git(0, "init", "-q", "-b", "main")
	gittest.WriteFiles(t, dir, map[string]string{"docs/playbook/content/a.md": "A\n", "docs/playbook/content/b.md": "B\n", "content/a.md": "other\n"})
	git(1, "add", "-A")
	git(1, "commit", "-q", "-m", "start")
	gittest.WriteFiles(t, dir, map[string]string{"docs/playbook/content/b.md": "B again\n"})
	git(2, "commit", "-q", "-am", "edit b")
	second := strings.TrimSpace(git(2, "rev-parse", "--short=7", "HEAD"))
	first := strings.TrimSpace(git(2, "rev-parse", "--short=7", "HEAD~1"))

	site := filepath.Join(dir, "docs", "playbook")
	got, err := LastChanges(t.Context(), site, []string{"content/a.md", "content/b.md", "content/gone.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["content/a.md"].Commit != first || got["content/b.md"].Commit != second {
		t.Errorf("LastChanges = %v; want a.md at %s, b.md at %s", got, first, second)
	}
	if h, err := Head(site); err != nil || h[:7] != second {
		t.Errorf("Head = %q, %v; want %s…", h, err, second)
	}
	if _, err := LastChanges(t.Context(), t.TempDir(), []string{"content/a.md"}); !errors.Is(err, ErrNoRepository) {
		t.Errorf("outside a repository: %v, want ErrNoRepository", err)
	}
}
