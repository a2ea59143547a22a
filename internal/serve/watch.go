package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"playbook/internal/gitrepo"
	"playbook/internal/site"
)

// watched are the folders of a site whose files make the site; site.toml
// is watched through the site's own folder.
var watched = []string{"content", "layouts", "static", "themes", "i18n"}

// Debounce is how long Watch waits for the file system to go quiet before
// rebuilding: editors save in several steps and a git checkout changes
// many files at once, and each burst should make one rebuild.
const Debounce = 20 * time.Millisecond

// maxDelay bounds the wait when changes never stop coming.
const maxDelay = 250 * time.Millisecond

// timing is how long the watcher gathers a burst of changes: until none
// came for quiet, and no longer than max after the first. The zero value
// is Debounce and maxDelay; tests under load set longer ones.
type timing struct {
	quiet, max time.Duration
}

// A batch gathers the changes of one burst, for one rebuild.
type batch struct {
	timing
	pending map[string]bool
	// made are the paths the burst created before it changed them
	// otherwise, with their names on disk: one gone again when the burst
	// ends was an editor's temporary file, and is no change.
	made  map[string]string
	first time.Time
}

// created records that path, named name on disk, was created. Called
// before add for that change, it tells whether the path did not exist
// when the burst began.
func (b *batch) created(path, name string) {
	if b.pending[path] {
		return
	}
	if b.made == nil {
		b.made = map[string]string{}
	}
	b.made[path] = name
}

// add records a change to path made at now, and returns how long to wait
// for more before rebuilding.
func (b *batch) add(path string, now time.Time) time.Duration {
	if b.quiet == 0 {
		b.timing = timing{quiet: Debounce, max: maxDelay}
	}
	if len(b.pending) == 0 {
		b.pending, b.first = map[string]bool{}, now
	}
	b.pending[path] = true
	return max(min(b.quiet, b.max-now.Sub(b.first)), 0)
}

// take returns the paths gathered, sorted, and starts a new batch. A
// path the burst created and then renamed away or removed is left out:
// sed -i and many editors save by writing a temporary file beside the
// page and renaming it over the page, and only the page changed.
func (b *batch) take() []string {
	changed := make([]string, 0, len(b.pending))
	for p := range b.pending {
		if name, ok := b.made[p]; ok && gone(name) {
			continue
		}
		changed = append(changed, p)
	}
	slices.Sort(changed)
	clear(b.pending)
	clear(b.made)
	return changed
}

// gone reports whether no file is at name. A file that cannot be looked
// at for another reason is taken as there, to be rebuilt and reported.
func gone(name string) bool {
	_, err := os.Lstat(name)
	return errors.Is(err, fs.ErrNotExist)
}

// Watch watches the files under root (the site's folder) and rebuilds s
// when they change, until ctx is done. Folders created later are watched
// too. It returns once the watches are set, so that no change made after
// it returns is missed, with a channel closed when watching has stopped.
// Errors of the watcher itself are passed to onError; rebuilds report
// their own.
func (s *Server) Watch(ctx context.Context, root string, onError func(error)) (<-chan struct{}, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if err := w.Add(root); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	for _, dir := range watched {
		if err := addTree(w, filepath.Join(root, dir)); err != nil && !os.IsNotExist(err) {
			w.Close()
			return nil, fmt.Errorf("watch %s: %w", dir, err)
		}
	}
	history, found := watchHistory(w, root)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer w.Close()
		s.watch(ctx, w, root, history, found, onError)
	}()
	return done, nil
}

// watch turns the events of w into rebuilds, a burst of them into one.
// history tells the files of the repository's history (see watchHistory),
// found whether there is one.
func (s *Server) watch(ctx context.Context, w *fsnotify.Watcher, root string, history func(string) bool, found bool, onError func(error)) {
	b := batch{timing: s.timing}
	// A repository made in root after the preview started (git init), or
	// made again, is watched once git has written enough of it to open.
	gitDir := filepath.Join(root, ".git")
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			onError(err)
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Name == gitDir && ev.Has(fsnotify.Create) {
				found = false
			}
			if !found && (ev.Name == gitDir || strings.HasPrefix(ev.Name, gitDir+string(filepath.Separator))) {
				if history, found = watchHistory(w, root); !found {
					_ = w.Add(gitDir)
				}
			}
			rel, ok := relevant(root, ev.Name)
			if history(ev.Name) {
				rel, ok = "HEAD", true
			}
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				// A folder moved away keeps the watches of its folders
				// under their old names, and a watch added under the
				// new name would be given the old one: they go, and the
				// folder is watched afresh where it lands.
				unwatchTree(w, ev.Name)
			}
			if ev.Has(fsnotify.Create) && rel != "HEAD" {
				b.created(rel, ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				// A new folder, or one moved in, is watched with all it
				// holds; its files are new to the site.
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// One removed while it is walked, as a tool's
					// scratch folder is, is no error: its removal is
					// the next event.
					if err := addTree(w, ev.Name); err != nil && !errors.Is(err, fs.ErrNotExist) {
						onError(err)
					}
				}
			}
			timer.Reset(b.add(rel, time.Now()))
		case <-timer.C:
			// Files that came and went within the burst change nothing.
			if changed := b.take(); len(changed) > 0 {
				// Rebuild reports its own errors, to the log and the browsers.
				_, _ = s.Rebuild(changed)
			}
		}
	}
}

// watchHistory watches what a commit, a checkout, a new tag or a branch
// moved writes in the Git repository holding root, if any: pages show
// their last change and serve --versions shows every tag and the
// branches it names, so these make a rebuild too, reported as "HEAD". It
// returns whether a changed file is one of those, and whether root is in
// a repository.
func watchHistory(w *fsnotify.Watcher, root string) (func(name string) bool, bool) {
	none := func(string) bool { return false }
	r, err := gitrepo.Open(root)
	if err != nil {
		return none, false
	}
	dir, common := r.GitDir(), r.CommonDir()
	r.Close()
	if dir == "" {
		return none, false
	}
	// The log of HEAD gets a line at every commit and checkout; a tag is
	// a new file under refs/tags, which a working tree added with git
	// worktree add shares with the main one. Their folders are watched,
	// as git may replace the log with a new file.
	log, tags := filepath.Join(dir, "logs", "HEAD"), filepath.Join(common, "refs", "tags")
	// A branch serve --versions publishes moves without a commit here: a
	// fetch, git branch -f. Branches are files under refs/heads, in
	// folders of their own (release/next), or lines of packed-refs.
	heads, packed := filepath.Join(common, "refs", "heads"), filepath.Join(common, "packed-refs")
	logs := filepath.Dir(log)
	if w.Add(logs) != nil {
		// A repository without a commit has no logs yet: the first
		// commit makes them, in the Git folder, then watched (the
		// watcher watches a folder made in a watched one, see watch).
		_ = w.Add(dir)
	}
	_ = w.Add(tags)
	_ = addTree(w, heads)
	_ = w.Add(common)
	under := func(name, dir string) bool { return strings.HasPrefix(name, dir+string(filepath.Separator)) }
	return func(name string) bool {
		return name == log || name == logs || name == packed || under(name, tags) || under(name, heads)
	}, true
}

// relevant returns the path of a changed file from the site root, and
// whether it can change the site: site.toml, or a file in the watched
// folders that is not hidden nor an editor's temporary file.
func relevant(root, name string) (string, bool) {
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == "site.toml" {
		return rel, true
	}
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(watched, top) {
		return "", false
	}
	for _, part := range strings.Split(rel, "/") {
		if site.Ignored(part) {
			return "", false
		}
	}
	return rel, true
}

// unwatchTree stops watching dir and every folder under it that is
// watched.
func unwatchTree(w *fsnotify.Watcher, dir string) {
	for _, p := range w.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			_ = w.Remove(p)
		}
	}
}

// addTree watches dir and every folder under it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != dir && site.Ignored(d.Name()) {
				return filepath.SkipDir
			}
			return w.Add(p)
		}
		return nil
	})
}
