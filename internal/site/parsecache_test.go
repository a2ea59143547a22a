package site

import (
	"io/fs"
	"strings"
	"sync"
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

// idFS is a ContentIDFS over a MapFS that counts the files opened:
// reading one opens it.
type idFS struct {
	m      fstest.MapFS
	mu     sync.Mutex
	opened map[string]int
}

func (f *idFS) Open(name string) (fs.File, error) {
	f.mu.Lock()
	f.opened[name]++
	f.mu.Unlock()
	return f.m.Open(name)
}

func (f *idFS) ContentID(name string) (string, error) {
	file, ok := f.m[name]
	if !ok {
		return "", fs.ErrNotExist
	}
	return BlobID(file.Data), nil
}

// TestParseCacheContentIDs loads a version of a site from a file system
// that names its files' content, after another version whose pages were
// parsed: a page of the same content is taken without its file being
// read, an edited one is read and parsed, and both versions load as they
// do without the cache.
func TestParseCacheContentIDs(t *testing.T) {
	first := fstest.MapFS{
		"content/a.md": {Data: []byte("# A\n\nSee [B](b.md).\n")},
		"content/b.md": {Data: []byte("# B\n\nFirst.\n")},
	}
	second := &idFS{m: fstest.MapFS{
		"content/a.md": first["content/a.md"],
		"content/b.md": {Data: []byte("# B again\n\nSecond.\n")},
	}, opened: map[string]int{}}
	cache := &ParseCache{}
	if _, ps := Load(first, Options{ParseCache: cache}); ps.Errors() > 0 {
		t.Fatal(ps)
	}
	s, ps := Load(second, Options{ParseCache: cache})
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	if n := second.opened["content/a.md"]; n != 0 {
		t.Errorf("content/a.md, parsed already, was opened %d times", n)
	}
	if n := second.opened["content/b.md"]; n == 0 {
		t.Error("content/b.md, edited, was not read")
	}
	cold, _ := Load(second.m, Options{})
	for i, p := range s.Pages {
		if p.URL != cold.Pages[i].URL || p.Title != cold.Pages[i].Title {
			t.Errorf("page %s: %q, want %s %q", p.URL, p.Title, cold.Pages[i].URL, cold.Pages[i].Title)
		}
	}
}
