package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// testTiming gathers bursts for longer than a user waits: a loaded machine
// may pause a test between two writes of one editor's save for tens of
// milliseconds, which must not split it into two rebuilds.
var testTiming = timing{quiet: 100 * time.Millisecond, max: 5 * time.Second}

// watching serves dir with opts and watches it. It returns the server,
// the events sent to browsers, and the lines it logs, one by one.
func watching(t *testing.T, dir string, opts Options) (*Server, <-chan string, <-chan string) {
	t.Helper()
	log := make(logLines, 1000)
	opts.Log = log
	s, err := New(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	s.timing = testTiming
	return s, watch(t, s, dir), log
}

// watch has s watch dir until the test ends, and returns the events s
// sends to browsers.
func watch(t testing.TB, s *Server, dir string) <-chan string {
	t.Helper()
	events, stop := s.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done, err := s.Watch(ctx, dir, func(err error) { t.Errorf("watch: %v", err) })
	if err != nil {
		stop()
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		<-done
		stop()
	})
	return events
}

// logLines is a Log that passes on each line written to it, so that a
// test can wait for the rebuilds it causes.
type logLines chan string

func (l logLines) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSuffix(string(p), "\n"), "\n") {
		l <- line
	}
	return len(p), nil
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

// nextRebuild waits for the next rebuild the log tells of, and returns
// what it was for: a path, "N files" or "a commit or tag".
func nextRebuild(t *testing.T, log <-chan string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line := <-log:
			if rest, ok := strings.CutPrefix(line, "rebuilt in "); ok {
				_, what, _ := strings.Cut(rest, " (")
				return strings.TrimSuffix(what, ")")
			}
		case <-timeout:
			t.Fatal("no rebuild within 5s")
		}
	}
}

// waitRebuild waits for a rebuild that reloads the pages, and returns
// what it was for.
func waitRebuild(t *testing.T, events, log <-chan string) string {
	t.Helper()
	waitEvent(t, events, "reload")
	return nextRebuild(t, log)
}

// nothingElse checks that the watcher rebuilds for nothing more than what
// the test has seen: it changes one more file, and the next rebuild must
// be for that file alone. Unlike waiting a while for no event, it fails
// when the watcher is dead.
func nothingElse(t *testing.T, dir string, events, log <-chan string) {
	t.Helper()
	const marker = "content/marker.md"
	gittest.WriteFiles(t, dir, map[string]string{marker: "# Marker\n\n" + t.Name() + "\n"})
	if got := waitRebuild(t, events, log); got != marker {
		t.Fatalf("rebuilt for %s, want nothing before the rebuild for %s", got, marker)
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
			s, events, log := watching(t, dir, Options{})
			text := "# Glossary\n\nSaved " + string(rune('A'+i)) + " marker.\n"
			sv.save(t, dir, text)
			waitRebuild(t, events, log)
			nothingElse(t, dir, events, log)
			if !contains(t, s, "guides/glossary/index.html", "Saved "+string(rune('A'+i))+" marker.") {
				t.Error("the page does not show the saved text")
			}
		})
	}
}

func TestWatchFollowsTheTree(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s, events, log := watching(t, dir, Options{})

	t.Run("a burst of changes makes one rebuild", func(t *testing.T) {
		files := map[string]string{}
		for _, name := range []string{"content/promises/fast.md", "content/promises/tidy.md", "content/behaviours/sales/quote.md", "content/behaviours/service/call.md"} {
			files[name] = smallSite[name] + "\nCheckout.\n"
		}
		for i := range 20 {
			files["content/guides/g"+string(rune('a'+i))+".md"] = "# G\n"
		}
		gittest.WriteFiles(t, dir, files)
		if got := waitRebuild(t, events, log); got != "24 files" {
			t.Errorf("rebuilt for %s, want the 24 files at once", got)
		}
		nothingElse(t, dir, events, log)
		if !contains(t, s, "guides/gt/index.html", `<h1 id="g">G</h1>`) {
			t.Error("a page of the burst is missing")
		}
	})
	t.Run("a folder created after start is watched", func(t *testing.T) {
		if err := os.MkdirAll(filepath.Join(dir, "content/new/deeper"), 0o755); err != nil {
			t.Fatal(err)
		}
		waitRebuild(t, events, log)
		gittest.WriteFiles(t, dir, map[string]string{"content/new/deeper/page.md": "# Deep page\n"})
		waitRebuild(t, events, log)
		if !contains(t, s, "new/deeper/page/index.html", "Deep page") {
			t.Error("the page in the new folder is missing")
		}
		gittest.WriteFiles(t, dir, map[string]string{"content/new/deeper/page.md": "# Deeper page\n"})
		waitRebuild(t, events, log)
		if !contains(t, s, "new/deeper/page/index.html", "Deeper page") {
			t.Error("an edit in the new folder is missed")
		}
	})
	t.Run("renaming a page moves it", func(t *testing.T) {
		if err := os.Rename(filepath.Join(dir, "content/guides/glossary.md"), filepath.Join(dir, "content/guides/terms.md")); err != nil {
			t.Fatal(err)
		}
		waitRebuild(t, events, log)
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
		waitRebuild(t, events, log)
		if !contains(t, s, "moved/two/index.html", "Two") {
			t.Error("the pages of the moved folder are missing")
		}
	})
	t.Run("a folder renamed is still watched, and so are folders in it", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"content/extra/pg.md": "# Page\n", "content/extra/sub/deep.md": "# Deep\n"})
		waitRebuild(t, events, log)
		if err := os.Rename(filepath.Join(dir, "content/extra"), filepath.Join(dir, "content/extra1")); err != nil {
			t.Fatal(err)
		}
		waitRebuild(t, events, log)
		for _, edit := range []struct{ file, text, page string }{
			{"content/extra1/pg.md", "# Page edited\n", "extra1/pg/index.html"},
			{"content/extra1/new.md", "# New page\n", "extra1/new/index.html"},
			{"content/extra1/sub/deep.md", "# Deep edited\n", "extra1/sub/deep/index.html"},
		} {
			gittest.WriteFiles(t, dir, map[string]string{edit.file: edit.text})
			waitRebuild(t, events, log)
			if !contains(t, s, edit.page, strings.TrimPrefix(strings.TrimSpace(edit.text), "# ")) {
				t.Errorf("%s: the edit is not served", edit.file)
			}
		}
	})
	t.Run("deleting a folder removes its pages", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, "content/moved")); err != nil {
			t.Fatal(err)
		}
		waitRebuild(t, events, log)
		if _, err := s.File("moved/one/index.html"); err == nil {
			t.Error("a page of the deleted folder is still there")
		}
	})
	t.Run("site.toml is watched", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Watched title\"\n"})
		waitRebuild(t, events, log)
		if !contains(t, s, "index.html", "Watched title") {
			t.Error("the new title is not shown")
		}
	})
	t.Run("editor litter does not rebuild", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"content/.draft.md.swp": "x", "content/notes.md~": "x", "public/index.html": "x"})
		nothingElse(t, dir, events, log)
	})
}

// TestWatchSeesCommits: a commit, made with no file of the site changing
// after it, rebuilds the site, so that pages show it as their last change;
// so does a new tag under serve --versions. The same holds in a working
// tree added with git worktree add, whose log of HEAD is its own and
// whose tags are the main repository's.
func TestWatchSeesCommits(t *testing.T) {
	t.Run("repository", func(t *testing.T) {
		dir := t.TempDir()
		gittest.WriteFiles(t, dir, smallSite)
		first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
		gittest.Git(t, dir, first, "init", "-q")
		gittest.Git(t, dir, first, "add", "-A")
		gittest.Git(t, dir, first, "commit", "-q", "-m", "first")
		watchCommits(t, dir, first)
	})
	t.Run("linked worktree", func(t *testing.T) {
		main, dir := filepath.Join(t.TempDir(), "main"), filepath.Join(t.TempDir(), "linked")
		gittest.WriteFiles(t, main, smallSite)
		first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
		gittest.Git(t, main, first, "init", "-q")
		gittest.Git(t, main, first, "add", "-A")
		gittest.Git(t, main, first, "commit", "-q", "-m", "first")
		gittest.Git(t, main, first, "worktree", "add", "-q", "-b", "draft", dir)
		watchCommits(t, dir, first)
	})
}

// TestWatchSeesTheFirstCommit: a preview started in a repository with no
// commit yet rebuilds at the first, which makes the log of HEAD its later
// commits are seen by.
func TestWatchSeesTheFirstCommit(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	first := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	gittest.Git(t, dir, first, "init", "-q")
	s, events, log := watching(t, dir, Options{Dir: dir})
	gittest.Git(t, dir, first, "add", "-A")
	gittest.Git(t, dir, first, "commit", "-q", "-m", "first")
	waitRebuild(t, events, log)
	if !contains(t, s, "guides/glossary/index.html", `<time datetime="2026-03-14">14 Mar 2026</time> by Ann Author`) {
		t.Error("the first commit does not show on the pages")
	}
	if !commitEdit(t, s, dir, events, log, "More words.", first.AddDate(0, 0, 1)) {
		t.Error("the second commit does not show on the page it changed")
	}
}

// TestWatchSeesARepositoryMadeLater: a preview started in a folder that
// is not yet a Git repository sees the commits of one made there later
// (git init, then commits), and of one made again after the first was
// removed.
func TestWatchSeesARepositoryMadeLater(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s, events, log := watching(t, dir, Options{Dir: dir})
	for i, first := range []time.Time{
		time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC),
		time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC),
	} {
		if i > 0 {
			if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
				t.Fatal(err)
			}
			waitRebuild(t, events, log)
		}
		gittest.Git(t, dir, first, "init", "-q")
		gittest.Git(t, dir, first, "add", "-A")
		gittest.Git(t, dir, first, "commit", "-q", "-m", "first")
		waitRebuild(t, events, log)
		if !contains(t, s, "guides/glossary/index.html", first.Format(`<time datetime="2006-01-02">2 Jan 2006</time> by Ann Author`)) {
			t.Fatalf("repository %d: the first commit does not show on the pages", i+1)
		}
		if !commitEdit(t, s, dir, events, log, fmt.Sprintf("More words %d.", i), first.AddDate(0, 0, 1)) {
			t.Errorf("repository %d: the second commit does not show on the page it changed", i+1)
		}
	}
}

// commitEdit saves the glossary with text and commits it at when, waiting
// for the rebuild after each, and reports whether the glossary's page
// then shows when as its last change.
func commitEdit(t *testing.T, s *Server, dir string, events, log <-chan string, text string, when time.Time) bool {
	t.Helper()
	gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\n" + text + "\n"})
	waitRebuild(t, events, log)
	gittest.Git(t, dir, when, "commit", "-q", "-am", text)
	waitRebuild(t, events, log)
	return contains(t, s, "guides/glossary/index.html", when.Format(`<time datetime="2006-01-02">2 Jan 2006</time>`))
}

// watchCommits is TestWatchSeesCommits in the working tree dir, whose
// last commit was made at first.
func watchCommits(t *testing.T, dir string, first time.Time) {
	s, events, log := watching(t, dir, Options{Dir: dir})
	if !commitEdit(t, s, dir, events, log, "More words.", first.AddDate(0, 0, 2)) ||
		!contains(t, s, "guides/glossary/index.html", `<time datetime="2026-03-16">16 Mar 2026</time> by Ann Author`) {
		t.Error("the commit does not show on the page it changed")
	}
	// git may replace its log of HEAD (reflog expire, gc): commits still
	// rebuild afterwards.
	gittest.Git(t, dir, time.Time{}, "reflog", "expire", "--expire=now", "--all")
	if !commitEdit(t, s, dir, events, log, "Even more words.", first.AddDate(0, 0, 3)) {
		t.Error("a commit after the log of HEAD was replaced does not show")
	}
	// A new tag changes no page of the working tree: no reload. (The
	// watcher's own rebuild for it says nothing, and may gather a change
	// made after it, so Rebuild is asked directly.)
	gittest.Git(t, dir, time.Time{}, "tag", "v1")
	if change, err := s.Rebuild([]string{"HEAD"}); change != Nothing || err != nil {
		t.Errorf("a new tag: %v, %v; want no reload", change, err)
	}

	// serve --versions shows every tag: a new one rebuilds it.
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\ntags = \"v*\"\n"})
	vs, vevents, _ := watching(t, dir, Options{Dir: dir, Versions: true})
	gittest.Git(t, dir, time.Time{}, "tag", "v2")
	waitEvent(t, vevents, "reload")
	if _, err := vs.File("v2/index.html"); err != nil {
		t.Errorf("the new tag is not served: %v", err)
	}

	// A branch it names, moved without a commit here (a fetch, git
	// branch -f), rebuilds it too.
	gittest.Git(t, dir, time.Time{}, "branch", "release/next", "HEAD~1")
	gittest.WriteFiles(t, dir, map[string]string{"site.toml": "title = \"Small\"\n[versions]\ntags = \"v*\"\n[[versions.ref]]\nname = \"next\"\nref = \"release/next\"\n"})
	bs, bevents, _ := watching(t, dir, Options{Dir: dir, Versions: true})
	if contains(t, bs, "next/guides/glossary/index.html", "Even more words.") {
		t.Fatal("the branch's version holds the last commit before it moved")
	}
	gittest.Git(t, dir, time.Time{}, "branch", "-f", "release/next", "HEAD")
	waitEvent(t, bevents, "reload")
	if !contains(t, bs, "next/guides/glossary/index.html", "Even more words.") {
		t.Error("the branch's version does not show where it moved")
	}
}

// TestBatch times the gathering of changes by the clock of the test:
// changes closer together than Debounce make one rebuild, and changes
// that never stop are rebuilt once maxDelay has passed.
func TestBatch(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	t.Run("a burst of changes makes one rebuild", func(t *testing.T) {
		var b batch
		gap := Debounce / 2
		var want []string
		for i := range 24 {
			name := fmt.Sprintf("content/g%02d.md", i)
			want = append(want, name)
			if wait := b.add(name, start.Add(time.Duration(i)*gap)); wait <= gap && i < 23 {
				t.Fatalf("change %d: rebuild due in %s, before the next change %s later", i, wait, gap)
			}
		}
		if got := b.take(); !slices.Equal(got, want) {
			t.Errorf("one rebuild for %v, want all %d changes", got, len(want))
		}
		if got := b.take(); len(got) != 0 {
			t.Errorf("a second rebuild for %v", got)
		}
	})
	t.Run("changes that never stop are rebuilt after the longest wait", func(t *testing.T) {
		var b batch
		gap := Debounce / 2
		var at time.Duration
		for ; at < maxDelay; at += gap {
			if wait := b.add("content/a.md", start.Add(at)); at+wait > maxDelay {
				t.Fatalf("a change at %s puts the rebuild at %s, past %s", at, at+wait, maxDelay)
			}
		}
		if wait := b.add("content/a.md", start.Add(at)); wait != 0 {
			t.Errorf("past the longest wait, the rebuild is due in %s, not now", wait)
		}
		b.take()
		if wait := b.add("content/a.md", start.Add(at+gap)); wait != Debounce {
			t.Errorf("the first change after a rebuild waits %s, want %s", wait, Debounce)
		}
	})
	t.Run("a file created and gone again is no change", func(t *testing.T) {
		dir := t.TempDir()
		var b batch
		for _, name := range []string{"sedAb12Cd", "page.md", "old.md"} {
			b.created("content/"+name, filepath.Join(dir, name))
			b.add("content/"+name, start)
		}
		b.add("content/gone.md", start)
		if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte("# Page\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		want := []string{"content/gone.md", "content/page.md"}
		if got := b.take(); !slices.Equal(got, want) {
			t.Errorf("rebuild for %v, want %v", got, want)
		}
		// A path changed before it was created existed before the burst.
		b.add("content/old.md", start)
		b.created("content/old.md", filepath.Join(dir, "old.md"))
		if got := b.take(); !slices.Equal(got, []string{"content/old.md"}) {
			t.Errorf("rebuild for %v, want the file removed", got)
		}
	})
	t.Run("a duplicate change is rebuilt once", func(t *testing.T) {
		var b batch
		b.add("content/a.md", start)
		b.add("content/a.md", start)
		if got := b.take(); !slices.Equal(got, []string{"content/a.md"}) {
			t.Errorf("rebuild for %v", got)
		}
	})
}

// nextRebuildLine waits for the next rebuild the log tells of, and
// returns its whole line: "rebuilt in 19ms, in place (content/x.md)".
func nextRebuildLine(t *testing.T, log <-chan string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line := <-log:
			if strings.HasPrefix(line, "rebuilt in ") {
				return line
			}
		case <-timeout:
			t.Fatal("no rebuild within 5s")
		}
	}
}

// TestTemporaryFilesAreNoChange: a file that appears and is gone again
// within one burst, as sed -i's or an editor's temporary file is, changes
// nothing; the page it was renamed onto is edited in place.
func TestTemporaryFilesAreNoChange(t *testing.T) {
	page := "content/guides/glossary.md"
	saveThrough := func(t *testing.T, dir, temp, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, temp), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, temp), filepath.Join(dir, page)); err != nil {
			t.Fatal(err)
		}
	}
	// savedInPlace saves the page with save, and wants the rebuild that
	// follows to be its in-place edit, showing text, and nothing else.
	savedInPlace := func(t *testing.T, save func(dir string), text string) *Server {
		t.Helper()
		dir := t.TempDir()
		gittest.WriteFiles(t, dir, smallSite)
		s, events, log := watching(t, dir, Options{})
		save(dir)
		waitEvent(t, events, "reload")
		if got, want := nextRebuildLine(t, log), ", in place ("+page+")"; !strings.HasSuffix(got, want) {
			t.Errorf("%q, want a rebuild ending %q", got, want)
		}
		nothingElse(t, dir, events, log)
		if !contains(t, s, "guides/glossary/index.html", text) {
			t.Error("the page does not show the saved text")
		}
		return s
	}
	for _, temp := range []string{"content/guides/sedAb12Cd", "content/guides/.goutputstream-X1Y2Z3", "content/guides/glossary.md.crswap", "content/guides/.glossary.md.tmp"} {
		t.Run("saved through "+path.Base(temp), func(t *testing.T) {
			s := savedInPlace(t, func(dir string) {
				saveThrough(t, dir, temp, "# Glossary\n\nSaved through a temporary file.\n")
			}, "Saved through a temporary file.")
			if _, err := s.File(strings.TrimPrefix(temp, "content/")); err == nil {
				t.Error("the temporary file is published")
			}
		})
	}
	t.Run("sed -i", func(t *testing.T) {
		// sed is on every system the tests run on; a missing one is
		// a failure, not a pass that saves through sed unchecked.
		sed, err := exec.LookPath("sed")
		if err != nil {
			t.Fatalf("sed -i is what this case saves with: %v", err)
		}
		savedInPlace(t, func(dir string) {
			if out, err := exec.Command(sed, "-i", "s/^# Glossary$/# Glossary\\n\\nEdited by sed./", filepath.Join(dir, page)).CombinedOutput(); err != nil {
				t.Fatalf("sed: %v: %s", err, out)
			}
		}, "Edited by sed.")
	})

	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s, events, log := watching(t, dir, Options{})
	t.Run("a temporary file created and removed", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/sedQw34Er": "x", "content/guides/scratch/4kB1": "x"})
		for _, name := range []string{"content/guides/sedQw34Er", "content/guides/scratch/4kB1", "content/guides/scratch"} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
		// Made and gone in one burst, they make no rebuild (TestBatch
		// holds the rule). A machine busy enough to hear the removals
		// after the burst ended rebuilds for them twice: allowed, as
		// long as the site ends without them.
		const marker = "content/marker.md"
		gittest.WriteFiles(t, dir, map[string]string{marker: "# Marker\n"})
		// A rebuild for the temporary files changes no page and so
		// reloads none, and a busy machine may hear the marker in their
		// burst: the log is read to the rebuild that publishes the
		// marker, and its reload (sent before the log line) is then
		// waiting.
		for {
			got := nextRebuild(t, log)
			if _, err := s.File("marker/index.html"); err == nil {
				break
			}
			if !strings.Contains(got, "files") && !strings.Contains(got, "sedQw34Er") && !strings.Contains(got, "scratch") {
				t.Fatalf("rebuilt for %s, want nothing but the temporary files before the rebuild for %s", got, marker)
			}
		}
		waitEvent(t, events, "reload")
		for drained := false; !drained; {
			select {
			case <-events:
			default:
				drained = true
			}
		}
		for _, name := range []string{"guides/sedQw34Er", "guides/scratch/4kB1"} {
			if _, err := s.File(name); err == nil {
				t.Errorf("%s is published", name)
			}
		}
	})
	t.Run("a new attachment is published", func(t *testing.T) {
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/rates.csv": "plan,price\n"})
		if got := waitRebuild(t, events, log); got != "content/guides/rates.csv" {
			t.Errorf("rebuilt for %s, want the attachment", got)
		}
		if !contains(t, s, "guides/rates.csv", "plan,price") {
			t.Error("the attachment is not published")
		}
	})
	t.Run("a page deleted is gone", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, page)); err != nil {
			t.Fatal(err)
		}
		if got := waitRebuild(t, events, log); got != page {
			t.Errorf("rebuilt for %s, want the deleted page", got)
		}
		if _, err := s.File("guides/glossary/index.html"); err == nil {
			t.Error("the deleted page is still served")
		}
	})
	t.Run("a file deleted and made again within a burst is a change", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "content/guides/rates.csv")); err != nil {
			t.Fatal(err)
		}
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/rates.csv": "plan,price,seats\n"})
		if got := waitRebuild(t, events, log); got != "content/guides/rates.csv" {
			t.Errorf("rebuilt for %s, want the attachment", got)
		}
		if !contains(t, s, "guides/rates.csv", "plan,price,seats") {
			t.Error("the attachment is not the new one")
		}
	})
}
