package serve

import (
	"context"
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
var watched = []string{"content", "layouts", "static", "themes"}

// Debounce is how long Watch waits for the file system to go quiet before
// rebuilding: editors save in several steps and a git checkout changes
// many files at once, and each burst should make one rebuild.
const Debounce = 20 * time.Millisecond

// maxDelay bounds the wait when changes never stop coming.
const maxDelay = 250 * time.Millisecond

// Watch rebuilds s whenever files under root (the site's folder) change,
// until ctx is done. Folders created later are watched too. Errors of the
// watcher itself are passed to onError; rebuilds report their own.
func (s *Server) Watch(ctx context.Context, root string, onError func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", root, err)
	}
	defer w.Close()
	if err := w.Add(root); err != nil {
		return fmt.Errorf("watch %s: %w", root, err)
	}
	for _, dir := range watched {
		if err := addTree(w, filepath.Join(root, dir)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("watch %s: %w", dir, err)
		}
	}
	history := watchHistory(w, root)

	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			onError(err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, ok := relevant(root, ev.Name)
			if history(ev.Name) {
				rel, ok = "HEAD", true
			}
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder, or one moved in, is watched with all it
				// holds; its files are new to the site.
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					if err := addTree(w, ev.Name); err != nil {
						onError(err)
					}
				}
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[rel] = true
			wait := Debounce
			if left := maxDelay - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
		case <-timer.C:
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			slices.Sort(changed)
			clear(pending)
			// Rebuild reports its own errors, to the log and the browsers.
			_, _ = s.Rebuild(changed)
		}
	}
}

// watchHistory watches what a commit, a checkout or a new tag writes in
// the Git repository holding root, if any: pages show their last change
// and serve --versions shows every tag, so these make a rebuild too,
// reported as "HEAD". It returns whether a changed file is one of those.
func watchHistory(w *fsnotify.Watcher, root string) func(name string) bool {
	none := func(string) bool { return false }
	r, err := gitrepo.Open(root)
	if err != nil {
		return none
	}
	dir := r.GitDir()
	r.Close()
	if dir == "" {
		return none
	}
	// The log of HEAD gets a line at every commit and checkout; a tag is
	// a new file under refs/tags. Their folders are watched, as git may
	// replace the log with a new file.
	log, tags := filepath.Join(dir, "logs", "HEAD"), filepath.Join(dir, "refs", "tags")
	_ = w.Add(filepath.Dir(log))
	_ = w.Add(tags)
	return func(name string) bool { return name == log || strings.HasPrefix(name, tags+string(filepath.Separator)) }
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
