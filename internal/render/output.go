package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// An Output receives the files of a rendered site. Names are
// slash-separated paths from the site root ("promises/x/index.html").
// WriteFile is called from many goroutines at once, and must not keep
// data once it returns: the renderer reuses it.
type Output interface {
	WriteFile(name string, data []byte) error
}

// A Keeper is an Output that replaces an earlier output of the same build
// and can keep folders of it as they are, rather than have their files
// written again. The earlier output is only read: it stays whole until
// the new one replaces it.
type Keeper interface {
	Output
	// Previous returns a file of the output being replaced; an error when
	// there is none, or it lacks the file.
	Previous(name string) ([]byte, error)
	// Keep puts folder from of the previous output, all it holds, at
	// folder to of this one. It stops when ctx is done, returning ctx's
	// error.
	Keep(ctx context.Context, from, to string) error
}

// Marker is the file every DirOutput writes into its folder. It marks the
// folder as an output of playbook: a later build may replace it whole, and
// may remove a temporary folder of a build that was killed.
const Marker = ".playbook-output"

// markerText is the Marker's text. The Marker's time is when the build
// that wrote it swapped it in: what is newer at the top of the folder was
// added after (see DirOutput.Added). An older text's time is not that.
const markerText = "This folder is the output of playbook build. The next build replaces it whole: a file added here is lost then; put it in static/.\n"

// IsOutput reports whether folder dir holds the marker of a playbook output.
func IsOutput(dir string) bool {
	info, err := os.Lstat(filepath.Join(dir, Marker))
	return err == nil && info.Mode().IsRegular()
}

// A DirOutput writes a site into a fresh folder beside its destination and
// swaps it in only on Commit, so that a failed build leaves the previous
// site in place.
//
// The temporary folder is named .NAME.new-RANDOM beside the destination
// NAME, and holds the Marker from the start, so that NewDirOutput can tell
// and remove what a killed build left.
type DirOutput struct {
	dest, tmp string
	// lock is held on the temporary folder while the site is written, so
	// that another build into the same destination leaves it alone.
	lock *os.File
	// Hook, if set, is called at each step of a build: "writing" once the
	// first file is written or kept, "swap" just before the new site is swapped in,
	// "swapped" after it, before the previous site is removed. Tests stop
	// the process there.
	Hook    func(step string)
	writing sync.Once
	// reuse, if set, is what is written over the previous site's folder
	// (see NewDirOutputOver); nil for a fresh folder.
	reuse *reuse
	// left is why what earlier builds left could not be removed (Left).
	left error
	// added is what Commit found at the top of the previous site that was
	// added or changed after the build that wrote it (Added).
	added []string
	// mode is the mode the site is published with (see publishMode).
	mode fs.FileMode
}

// hideNew makes the temporary folder tmp of a new site for dest the
// user's alone until Commit gives it its mode, and returns the DirOutput
// writing into it.
func hideNew(dest, tmp string, lock *os.File) (*DirOutput, error) {
	mode, gid, err := publishMode(dest, tmp)
	if err != nil {
		return nil, err
	}
	groupErr, err := hide(tmp, mode, gid)
	if err != nil {
		return nil, err
	}
	if groupErr != nil {
		// Published with the user's group and the folder's mode, the site
		// would be one its web server may not read: better none.
		return nil, fmt.Errorf("%s belongs to group %d, which a web server may read it by, and the new site cannot be given that group (%w): run the build as a member of the group, or give %s your own", dest, gid, groupErr, dest)
	}
	return &DirOutput{dest: dest, tmp: tmp, lock: lock, mode: mode}, nil
}

// Added returns the names of the files and folders at the top of the
// previous site (CNAME, a folder holding a file added to it) added or
// changed after the build that wrote it: Commit replaced them with the
// rest of it, and the user is to be told. A folder's name ends in "/".
func (o *DirOutput) Added() []string { return o.added }

// addedSince returns the files and folders at the top of folder dir, an
// output, newer than its Marker, which the build that wrote it set to
// the time it swapped the folder in; nil for an output of a build that
// did not (its Marker has another text).
func addedSince(dir string) []string {
	if b, err := os.ReadFile(filepath.Join(dir, Marker)); err != nil || string(b) != markerText {
		return nil
	}
	mark, err := os.Lstat(filepath.Join(dir, Marker))
	if err != nil {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var added []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".playbook-") {
			continue // the Marker, and a versioned build's own
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().After(mark.ModTime()) {
			continue
		}
		name := e.Name()
		if e.IsDir() {
			name += "/"
		}
		added = append(added, name)
	}
	return added
}

// NewDirOutput prepares to write the site that will replace folder dest,
// a real path: a symbolic link there would itself be replaced, so a caller
// that means to keep one passes its target. It first removes what earlier builds that were killed left beside dest:
// temporary folders of dest that carry the Marker.
func NewDirOutput(dest string) (*DirOutput, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	// What earlier builds left is removed as far as it can be: a folder
	// that cannot be (made read-only since) must not stop every build
	// after; the new site is written beside it under another name.
	left := removeLeftovers(dest)
	// The folder a build written over the previous site kept is not
	// this build's to write over: it goes.
	left = errors.Join(left, removeSpare(dest))
	o, err := newDirOutput(dest)
	if err != nil {
		return nil, err
	}
	o.left = left
	return o, nil
}

// Left returns why NewDirOutput could not remove what earlier builds left
// beside the destination, or nil: the build goes on, and the caller
// tells the user, who must remove it by hand.
func (o *DirOutput) Left() error { return o.left }

// A CleanupError is the error of Commit when the new site is in place
// but the previous one, moved aside, could not be removed.
type CleanupError struct {
	// Folder is where the previous site is left.
	Folder string
	Err    error
}

func (e *CleanupError) Error() string {
	return fmt.Sprintf("the new site is in place, but the previous one could not be removed from %s (remove it by hand): %v", e.Folder, e.Err)
}

func (e *CleanupError) Unwrap() error { return e.Err }

// newDirOutput makes the temporary folder of a new site for dest, its
// leftovers removed.
func newDirOutput(dest string) (*DirOutput, error) {
	parent := filepath.Dir(dest)
	tmp, err := os.MkdirTemp(parent, tempPrefix(dest))
	if err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	lock, err := lockFolder(tmp)
	if err != nil {
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	o, err := hideNew(dest, tmp, lock)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644)
	}
	if err != nil {
		lock.Close()
		_ = os.Remove(filepath.Join(tmp, Marker))
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	return o, nil
}

// tempPrefix is the start of the names of dest's temporary folders.
func tempPrefix(dest string) string { return "." + filepath.Base(dest) + ".new-" }

// errLocked is the error of lockFolder for a folder another build holds.
var errLocked = errors.New("in use by another build")

// removeLeftovers removes the temporary folders of dest that a killed
// build left: ones being written, and previous sites moved aside; those
// it cannot remove, it names in its error. Only
// folders carrying the Marker are removed, and empty ones (a build killed
// before it wrote the marker): nothing else is ours to remove. A folder a
// running build holds is left to it.
func removeLeftovers(dest string) error {
	parent := filepath.Dir(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("read output folder's parent: %w", err)
	}
	prefix := tempPrefix(dest)
	var errs []error
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if !IsOutput(p) {
			_ = os.Remove(p) // only if empty
			continue
		}
		lock, err := lockFolder(p)
		if errors.Is(err, errLocked) {
			continue
		}
		if err == nil {
			err = removeFolder(context.Background(), p)
			lock.Close()
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// removers is how many goroutines remove a folder's files at once.
const removers = 4

// removeFolder removes folder dir and all it holds, its Marker last, so
// that a build killed meanwhile leaves a folder the next one still knows
// as its own to remove. When ctx is done it stops, leaving the Marker, and
// returns ctx's error.
//
// An output holds a folder for each page: the entries one level down (the
// pages' folders, or the sections of a version) are removed on several
// goroutines, as the kernel unlinks in separate folders at once.
func removeFolder(ctx context.Context, dir string) error {
	// A site published read-only (its folder given mode 0555) is
	// emptied all the same: the folder is the user's, who may write it.
	_ = os.Chmod(dir, 0o700)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(removers)
	for _, e := range entries {
		if e.Name() == Marker {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			g.Go(func() error { return removeAll(gctx, p, false) })
			continue
		}
		sub, err := os.ReadDir(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			_ = g.Wait()
			return err
		}
		for _, s := range sub {
			g.Go(func() error { return removeAll(gctx, filepath.Join(p, s.Name()), s.IsDir()) })
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != Marker {
			if err := removeAll(ctx, filepath.Join(dir, e.Name()), e.IsDir()); err != nil {
				return err
			}
		}
	}
	return os.RemoveAll(dir)
}

// removeAll removes path and, if it is a folder (not a link to one), all
// it holds, as os.RemoveAll does, but stops when ctx is done.
func removeAll(ctx context.Context, path string, isDir bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if isDir {
		entries, err := os.ReadDir(path)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for _, e := range entries {
			if err := removeAll(ctx, filepath.Join(path, e.Name()), e.IsDir()); err != nil {
				return err
			}
		}
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func (o *DirOutput) hook(step string) {
	if o.Hook != nil {
		o.Hook(step)
	}
}

// WriteFile writes one file of the site.
func (o *DirOutput) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		// Never outside the output folder, whatever a name is made of.
		return fmt.Errorf("write %q: not a path inside the site", name)
	}
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if o.reuse != nil {
		if err := o.reuse.writeFile(o.tmp, name, p, data); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		o.writing.Do(func() { o.hook("writing") })
		return nil
	}
	if strings.HasSuffix(name, "/index.html") {
		// Most files are a page in a folder of its own, made here: made
		// first, it takes one call, where writing first fails once and
		// makes the folder with three. One made already, or whose
		// parent is not, is left to the write below.
		_ = os.Mkdir(filepath.Dir(p), 0o755)
	}
	err := os.WriteFile(p, data, 0o644)
	if errors.Is(err, fs.ErrNotExist) {
		// Its folder is not made yet: remembering the folders made
		// would cost memory for each.
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		err = os.WriteFile(p, data, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	o.writing.Do(func() { o.hook("writing") })
	return nil
}

// Symlink makes name a symbolic link to target (relative to name's
// folder), where the file system allows it.
func (o *DirOutput) Symlink(name, target string) error {
	if !fs.ValidPath(name) || !fs.ValidPath(target) || strings.Contains(name, "/") {
		return fmt.Errorf("link %q to %q: not a folder of the site", name, target)
	}
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("link %s: %w", name, err)
	}
	if o.reuse != nil {
		// What the previous site had there goes; the new link is kept.
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("link %s: %w", name, err)
		}
		o.reuse.wrote(name)
	}
	if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
		return fmt.Errorf("link %s: %w", name, err)
	}
	return nil
}

// Commit replaces the destination with the new site and removes the
// previous one. Where the system can (Linux, on most file systems), the
// two folders are exchanged in one step, so that a reader never finds the
// destination missing; elsewhere the previous site is moved aside first,
// leaving a moment without one.
func (o *DirOutput) Commit() error {
	defer o.lock.Close()
	if o.reuse != nil {
		// What the previous site had and this one does not goes first:
		// the folder swapped in holds this site and nothing else.
		if err := o.reuse.removeStale(o.tmp); err != nil {
			return fmt.Errorf("remove what the site no longer has: %w", err)
		}
	}
	o.added = addedSince(o.dest)
	// The Marker's time says when this site was swapped in, by the clock
	// of the file system, which set the times of its files: it is written
	// again, with this version's text, over a kept previous site's too.
	if err := os.WriteFile(filepath.Join(o.tmp, Marker), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("mark the new site: %w", err)
	}
	if err := os.Chmod(o.tmp, o.mode); err != nil {
		return fmt.Errorf("publish the new site: %w", err)
	}
	o.hook("swap")
	err := exchange(o.tmp, o.dest)
	switch {
	case err == nil:
		// The temporary folder now holds the previous site: beside a web
		// server's folder, it is not to be served while it goes.
		_ = os.Chmod(o.tmp, 0o700)
		o.hook("swapped")
		if o.reuse != nil && keepSpare(o.tmp, o.dest) {
			return nil
		}
		if err := removeFolder(context.Background(), o.tmp); err != nil {
			return &CleanupError{Folder: o.tmp, Err: err}
		}
		return nil
	case errors.Is(err, fs.ErrNotExist):
		// No previous site: nothing to exchange with.
		if err := os.Rename(o.tmp, o.dest); err != nil {
			return fmt.Errorf("replace %s: %w", o.dest, err)
		}
		o.hook("swapped")
		return nil
	case errors.Is(err, errors.ErrUnsupported):
		return o.commitRenames()
	}
	return fmt.Errorf("replace %s: %w", o.dest, err)
}

// commitRenames replaces the destination in two renames, for systems that
// cannot exchange two folders: the previous site is moved aside into a
// temporary folder (named .NAME.new-RANDOM.old, so that the next build
// removes it if this one is killed), the new one moved in, and the
// previous one removed.
func (o *DirOutput) commitRenames() error {
	old := o.tmp + ".old"
	if err := os.Rename(o.dest, old); err != nil {
		return fmt.Errorf("replace %s: %w", o.dest, err)
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		_ = os.Rename(old, o.dest)
		return fmt.Errorf("replace %s: %w", o.dest, err)
	}
	_ = os.Chmod(old, 0o700) // as in Commit
	o.hook("swapped")
	if o.reuse != nil && keepSpare(old, o.dest) {
		return nil
	}
	if err := removeFolder(context.Background(), old); err != nil {
		return &CleanupError{Folder: old, Err: err}
	}
	return nil
}

// Previous returns a file of the site being replaced, if the destination
// is an earlier output (it holds the Marker).
func (o *DirOutput) Previous(name string) ([]byte, error) {
	if !fs.ValidPath(name) || !IsOutput(o.dest) {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(filepath.Join(o.dest, filepath.FromSlash(name)))
}

// Keep puts folder from of the site being replaced at folder to of the new
// one: each file hard-linked where the file system allows, else copied. A
// file kept must never be written again (WriteFile would write through
// the link into the previous site): the caller keeps whole folders it
// does not otherwise write. If Keep fails, to is removed again, so that
// the folder can be written instead.
func (o *DirOutput) Keep(ctx context.Context, from, to string) error {
	if !fs.ValidPath(from) || !fs.ValidPath(to) || from == "." || to == "." || !IsOutput(o.dest) {
		return fmt.Errorf("keep %q as %q: not a folder of the previous site", from, to)
	}
	src := filepath.Join(o.dest, filepath.FromSlash(from))
	dst := filepath.Join(o.tmp, filepath.FromSlash(to))
	if o.reuse != nil {
		kept, err := o.reuse.keepInPlace(ctx, src, dst, to)
		if err != nil {
			return fmt.Errorf("keep %s: %w", from, err)
		}
		if kept {
			o.writing.Do(func() { o.hook("writing") })
			return nil
		}
	}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.IsDir() && p == src:
			return os.MkdirAll(target, 0o755)
		case d.IsDir():
			// The walk makes each folder after the one holding it.
			return os.Mkdir(target, 0o755)
		case d.Type().IsRegular():
			if err := linkOrCopy(p, target); err != nil {
				return err
			}
			o.writing.Do(func() { o.hook("writing") })
			return nil
		}
		return fmt.Errorf("%s: not a file or a folder", p)
	})
	if err != nil {
		_ = os.RemoveAll(dst)
		return fmt.Errorf("keep %s: %w", from, err)
	}
	if o.reuse != nil {
		o.reuse.keptFolder(to)
	}
	return nil
}

// linkOrCopy makes a hard link at dst to the file src, or where the file
// system has none, a copy.
func linkOrCopy(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}

// Folder returns the temporary folder the site is written into.
func (o *DirOutput) Folder() string { return o.tmp }

// Abort removes the unfinished site, leaving the destination as it was.
// When ctx is done first, it stops and returns an error wrapping ctx's:
// what is left keeps the Marker, and the next build into the destination
// removes it.
func (o *DirOutput) Abort(ctx context.Context) error {
	defer o.lock.Close()
	if err := removeFolder(ctx, o.tmp); err != nil {
		return fmt.Errorf("remove the unfinished output %s: %w", o.tmp, err)
	}
	return nil
}

// A MemOutput keeps a rendered site in memory.
type MemOutput struct {
	mu    sync.Mutex
	files map[string][]byte
	// prev is the output this one replaces, to keep folders of.
	prev *MemOutput
}

// NewMemOutput returns an empty MemOutput.
func NewMemOutput() *MemOutput { return &MemOutput{files: map[string][]byte{}} }

// NewMemOutputAfter returns an empty MemOutput that replaces prev: it can
// keep folders of prev (see Keeper). prev's own previous output is
// forgotten, so that a chain of rebuilds holds two sites, not all of them.
func NewMemOutputAfter(prev *MemOutput) *MemOutput {
	o := NewMemOutput()
	if prev != nil {
		prev.mu.Lock()
		prev.prev = nil
		prev.mu.Unlock()
		o.prev = prev
	}
	return o
}

// Previous returns a file of the output this one replaces.
func (o *MemOutput) Previous(name string) ([]byte, error) {
	if o.prev != nil {
		if b, ok := o.prev.File(name); ok {
			return b, nil
		}
	}
	return nil, fs.ErrNotExist
}

// Keep puts folder from of the output this one replaces at folder to. The
// files are shared, not copied: neither output changes a file once written.
func (o *MemOutput) Keep(ctx context.Context, from, to string) error {
	if o.prev == nil {
		return fmt.Errorf("keep %s: no previous site", from)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	o.prev.mu.Lock()
	kept := map[string][]byte{}
	for name, b := range o.prev.files {
		if rest, ok := strings.CutPrefix(name, from+"/"); ok {
			kept[to+"/"+rest] = b
		}
	}
	o.prev.mu.Unlock()
	o.mu.Lock()
	defer o.mu.Unlock()
	maps.Copy(o.files, kept)
	return nil
}

// WriteFile records one file of the site.
func (o *MemOutput) WriteFile(name string, data []byte) error {
	data = bytes.Clone(data)
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[name] = data
	return nil
}

// File returns the content of the named file and whether it exists.
func (o *MemOutput) File(name string) ([]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	b, ok := o.files[name]
	return b, ok
}

// Names returns the names of all files, sorted.
func (o *MemOutput) Names() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Sorted(maps.Keys(o.files))
}
