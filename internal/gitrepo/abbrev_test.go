package gitrepo

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShortHashes: a commit's short hash, on pages and in the summary, is
// the one git gives (git rev-parse --short): 7 characters, or
// core.abbrev's, and more where another object, loose or packed, shares
// them.
func TestShortHashes(t *testing.T) {
	dir := t.TempDir()
	git := dayByDay(t, dir)
	git("init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "first")
	head := strings.TrimSpace(git("rev-parse", "HEAD"))

	check := func(t *testing.T) {
		t.Helper()
		want := strings.TrimSpace(git("rev-parse", "--short", "HEAD"))
		r := openRepo(t, dir)
		c := resolve(t, r, "HEAD")
		if c.Short != want {
			t.Errorf("Short = %q, want git's %q", c.Short, want)
		}
		last, err := r.LastChanges(context.Background(), c, []string{"a.md"})
		if err != nil {
			t.Fatal(err)
		}
		if got := last["a.md"].Commit; got != want {
			t.Errorf("the last change of a.md is commit %q, want git's %q", got, want)
		}
	}
	t.Run("7 characters", check)
	git("config", "core.abbrev", "5")
	t.Run("core.abbrev = 5", check)
	git("config", "core.abbrev", "no")
	t.Run("core.abbrev = no", check)

	// A blob whose hash starts as the commit's does, for 4 characters:
	// with core.abbrev = 4, git abbreviates the commit past them.
	git("config", "core.abbrev", "4")
	blob := filepath.Join(t.TempDir(), "blob")
	for i := 0; ; i++ {
		text := fmt.Sprintf("text %d\n", i)
		sum := sha1.Sum(fmt.Appendf(nil, "blob %d\x00%s", len(text), text))
		if hex.EncodeToString(sum[:])[:4] == head[:4] {
			if err := os.WriteFile(blob, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	h := strings.TrimSpace(git("hash-object", "-w", blob))
	if h[:4] != head[:4] {
		t.Fatalf("blob %s does not start as commit %s", h, head)
	}
	t.Run("a loose object shares the first characters", check)
	// Both packed: the blob is kept by a tag.
	git("tag", "blob", h)
	git("repack", "-adq")
	if n := strings.TrimSpace(git("count-objects")); !strings.HasPrefix(n, "0 objects") {
		t.Fatalf("after git repack: %s, want every object packed", n)
	}
	t.Run("a packed object shares the first characters", check)
}

// TestAutoAbbrev: as the repository grows, git's abbreviations do.
func TestAutoAbbrev(t *testing.T) {
	for _, c := range []struct{ count, want int }{
		{0, 7}, {100, 7}, {16383, 7}, {16384, 8}, {65535, 8}, {65536, 9}, {8_000_000, 12},
	} {
		if got := autoAbbrev(c.count); got != c.want {
			t.Errorf("autoAbbrev(%d) = %d, want %d", c.count, got, c.want)
		}
	}
}
