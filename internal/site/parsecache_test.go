package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestParseCacheNext loads a site twice, the second time with the cache
// that follows the first's after one page was edited: the unchanged page
// is taken, not parsed again, and the edited page's old reading is
// dropped with the first cache.
func TestParseCacheNext(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": {Data: []byte("# A\n\nFirst.\n")},
		"content/b.md": {Data: []byte("# B\n\nSee [A](a.md).\n")},
	}
	first := &ParseCache{}
	if _, ps := Load(fsys, Options{ParseCache: first}); ps.Errors() > 0 {
		t.Fatal(ps)
	}
	if n := len(first.files.m); n != 2 {
		t.Fatalf("the first cache holds %d pages, want 2", n)
	}
	var a, b *readResult
	for key, r := range first.files.m {
		switch {
		case strings.HasPrefix(key, "content/a.md\x00"):
			a = r
		case strings.HasPrefix(key, "content/b.md\x00"):
			b = r
		}
	}
	if a == nil || b == nil {
		t.Fatalf("the first cache lacks a page: %v", first.files.m)
	}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("# A\n\nSecond.\n")}
	second := first.Next()
	if _, ps := Load(fsys, Options{ParseCache: second}); ps.Errors() > 0 {
		t.Fatal(ps)
	}
	if n := len(second.files.m); n != 2 {
		t.Errorf("the second cache holds %d pages, want the 2 it used", n)
	}
	var taken, stale bool
	for _, r := range second.files.m {
		taken = taken || r == b
		stale = stale || r == a
	}
	if !taken {
		t.Error("the unchanged page was parsed again")
	}
	if stale {
		t.Error("the edited page's old reading is kept")
	}
	third := second.Next()
	if first.prev != nil || second.prev != nil || third.prev != second {
		t.Error("a cache keeps more than the one before it")
	}
}
