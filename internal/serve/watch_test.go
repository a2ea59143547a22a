package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// watching starts s watching dir and returns its events.
func watching(t *testing.T, s *Server, dir string) <-chan string {
	t.Helper()
	events, stop := s.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Watch(ctx, dir, func(err error) { t.Errorf("watch: %v", err) }); err != nil {
			t.Errorf("watch: %v", err)
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-done
		stop()
	})
	// Let the watcher add its watches before the test changes anything.
	time.Sleep(50 * time.Millisecond)
	return events
}

func waitEvent(t *testing.T, events <-chan string, want string) {
	t.Helper()
	select {
	case e := <-events:
		if e != want {
			t.Fatalf("event %q, want %q", e, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no %q event within 5s", want)
	}
}

// quiet fails if an event comes within d.
func quiet(t *testing.T, events <-chan string, d time.Duration) {
	t.Helper()
	select {
	case e := <-events:
		t.Fatalf("unexpected event %q", e)
	case <-time.After(d):
	}
}

func contains(t *testing.T, s *Server, name, text string) bool {
	t.Helper()
	b, err := s.File(name)
	return err == nil && strings.Contains(string(b), text)
}

// TestEditorSaves saves a page the ways editors do, against a real
// watcher, and checks each save gives one rebuild with the new text.
func TestEditorSaves(t *testing.T) {
	page := "content/guides/glossary.md"
	write := func(t *testing.T, dir, name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	move := func(t *testing.T, dir, from, to string) {
		if err := os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(t *testing.T, dir, name string) {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	saves := []struct {
		name string
		save func(t *testing.T, dir, text string)
	}{
		{"write in place", func(t *testing.T, dir, text string) {
			write(t, dir, page, text)
		}},
		{"vim: rename to a backup, write anew, delete the backup", func(t *testing.T, dir, text string) {
			write(t, dir, "content/guides/4913", "")
			remove(t, dir, "content/guides/4913")
			move(t, dir, page, page+"~")
			write(t, dir, page, text)
			remove(t, dir, page+"~")
		}},
		{"JetBrains: write a copy, swap it in", func(t *testing.T, dir, text string) {
			write(t, dir, page+"___jb_tmp___", text)
			move(t, dir, page, page+"___jb_old___")
			move(t, dir, page+"___jb_tmp___", page)
			remove(t, dir, page+"___jb_old___")
		}},
		{"VS Code and others: write a temporary file, rename it over", func(t *testing.T, dir, text string) {
			write(t, dir, "content/guides/.glossary.md.tmp", text)
			move(t, dir, "content/guides/.glossary.md.tmp", page)
		}},
		{"delete and create again", func(t *testing.T, dir, text string) {
			remove(t, dir, page)
			write(t, dir, page, text)
		}},
	}
	for i, sv := range saves {
		t.Run(sv.name, func(t *testing.T) {
			dir := t.TempDir()
			gittest.WriteFiles(t, dir, smallSite)
			s := newServer(t, dir)
			events := watching(t, s, dir)
			text := "# Glossary\n\nSaved " + string(rune('A'+i)) + " marker.\n"
			sv.save(t, dir, text)
			waitEvent(t, events, "reload")
			quiet(t, events, 100*time.Millisecond)
			if !contains(t, s, "guides/glossary/index.html", "Saved "+string(rune('A'+i))+" marker.") {
				t.Error("the page does not show the saved text")
			}
		})
	}
}

func TestWatchFollowsTheTree(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	events := watching(t, s, dir)

	t.Run("a burst of changes makes one rebuild", func(t *testing.T) {
		files := map[string]string{}
		for _, name := range []string{"content/promises/fast.md", "content/promises/tidy.md", "content/behaviours/sales/quote.md", "content/behaviours/service/call.md"} {
			files[name] = smallSite[name] + "\nCheckout.\n"
		}
		for i := range 20 {
			files["content/guides/g"+string(rune('a'+i))+".md"] = "# G\n"
		}
		gittest.WriteFiles(t, dir, files)
		waitEvent(t, events, "reload")
		quiet(t, events, 200*time.Millisecond)
		if !contains(t, s, "guides/gt/index.html", "<h1>G</h1>") {
			t.Error("a page of the burst is missing")
		}
	})
	t.Run("a folder created after start is watched", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(dir, "content/new/deeper"), 0o755); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, events, "reload")
		gittest.WriteFiles(t, dir, map[string]string{"content/new/deeper/page.md": "# Deep page\n"})
		waitEvent(t, events, "reload")
		if !contains(t, s, "new/deeper/page/index.html", "Deep page") {
			t.Error("the page in the new folder is missing")
		}
		gittest.WriteFiles(t, dir, map[string]string{"content/new/deeper/page.md": "# Deeper page\n"})
		waitEvent(t, events, "reload")
		if !contains(t, s, "new/deeper/page/index.html", "Deeper page") {
			t.Error("an edit in the new folder is missed")
		}
	})
	t.Run("renaming a page moves it", func(t *testing.T) {
		if err := os.Rename(filepath.Join(dir, "content/guides/glossary.md"), filepath.Join(dir, "content/guides/terms.md")); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, events, "reload")
		if _, err := s.File("guides/glossary/index.html"); err == nil {
			t.Error("the old page is still there")
		}
		if !contains(t, s, "guides/terms/index.html", "Glossary") {
			t.Error("the page is not at its new place")
		}
	})
	t.Run("moving a folder in brings its pages", func(t *testing.T) {
		outside := t.TempDir()
		gittest.WriteFiles(t, outside, map[string]string{"moved/one.md": "# One\n", "moved/two.md": "# Two\n"})
		if err := os.Rename(filepath.Join(outside, "moved"), filepath.Join(dir, "content/moved")); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, events, "reload")
		if !contains(t, s, "moved/two/index.html", "Two") {
			t.Error("the pages of the moved folder are missing")
		}
	})
	t.Run("deleting a folder removes its pages", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, "content/moved")); err != nil {
			t.Fatal(err)
		}
		waitEvent(t, events, "reload")
		if _, err := s.File("moved/one/index.html"); err == nil {
			t.Error("a page of the deleted folder is still there")
		}
	})
	t.Run("site.toml is watched", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Watched title\"\n"})
		waitEvent(t, events, "reload")
		if !contains(t, s, "index.html", "Watched title") {
			t.Error("the new title is not shown")
		}
	})
	t.Run("editor litter does not rebuild", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"content/.draft.md.swp": "x", "content/notes.md~": "x", "public/index.html": "x"})
		quiet(t, events, 150*time.Millisecond)
	})
}

// TestWatchSeesCommits: a commit, made with no file of the site changing
// after it, rebuilds the site, so that pages show it as their last change.
func TestWatchSeesCommits(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	gittest.Git(t, dir, first, "init", "-q")
	gittest.Git(t, dir, first, "add", "-A")
	gittest.Git(t, dir, first, "commit", "-q", "-m", "first")
	s, err := New(os.DirFS(dir), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	events := watching(t, s, dir)
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nMore words.\n"})
	waitEvent(t, events, "reload")
	gittest.Git(t, dir, first.AddDate(0, 0, 2), "commit", "-q", "-am", "second")
	waitEvent(t, events, "reload")
	if !contains(t, s, "guides/glossary/index.html", `<time datetime="2026-03-16">16 Mar 2026</time> by Ann Author`) {
		t.Error("the commit does not show on the page it changed")
	}
	// git may replace its log of HEAD (reflog expire, gc): commits still
	// rebuild afterwards.
	gittest.Git(t, dir, time.Time{}, "reflog", "expire", "--expire=now", "--all")
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nEven more words.\n"})
	waitEvent(t, events, "reload")
	gittest.Git(t, dir, first.AddDate(0, 0, 3), "commit", "-q", "-am", "third")
	waitEvent(t, events, "reload")
	if !contains(t, s, "guides/glossary/index.html", `<time datetime="2026-03-17">17 Mar 2026</time>`) {
		t.Error("a commit after the log of HEAD was replaced does not show")
	}
	// A new tag changes no page of the working tree: no reload.
	gittest.Git(t, dir, time.Time{}, "tag", "v1")
	quiet(t, events, 300*time.Millisecond)

	// serve --versions shows every tag: a new one rebuilds it.
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\ntags = \"v*\"\n"})
	vs, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true})
	if err != nil {
		t.Fatal(err)
	}
	vevents := watching(t, vs, dir)
	gittest.Git(t, dir, time.Time{}, "tag", "v2")
	waitEvent(t, vevents, "reload")
	if _, err := vs.File("v2/index.html"); err != nil {
		t.Errorf("the new tag is not served: %v", err)
	}
}
