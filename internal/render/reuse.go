package render

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// NewDirOutputOver is NewDirOutput for a build run again and again into
// one destination, most of whose files stay as they were (a versioned
// build keeping the versions that did not change). On Commit the site
// replaced is not removed but kept beside dest, as .NAME.prev, and the
// next build made by NewDirOutputOver is written over that folder rather
// than into an empty one: a folder of it that is already what Keep would
// put there (the same files, hard links of the previous site's) stays as
// it is, a file written again is written over where no other site shares
// it, and what the new site lacks is removed before the swap. The site
// being replaced is never written: it stays whole until the swap, as with
// NewDirOutput.
//
// Making thousands of files and folders, and removing as many, costs far
// more than that where the file system is slow to reuse what it freed
// (ext4 without a journal skips inodes freed in the last minutes one by
// one); the price is a copy of the site's own files kept beside it.
func NewDirOutputOver(dest string) (*DirOutput, error) {
	dest = filepath.Clean(dest)
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	left := removeLeftovers(dest) // see NewDirOutput
	o := takeSpare(dest)
	if o == nil {
		var err error
		if o, err = newDirOutput(dest); err != nil {
			return nil, err
		}
	}
	o.reuse = &reuse{written: map[string]bool{Marker: true}, kept: map[string]bool{}}
	o.left = left
	return o, nil
}

// spareName is the folder beside dest where a DirOutput made by
// NewDirOutputOver keeps the site it replaced.
func spareName(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".prev")
}

// takeSpare returns a DirOutput writing over the site kept beside dest, or
// nil when there is none to take: none kept, not an output, or another
// build taking it.
func takeSpare(dest string) *DirOutput {
	spare := spareName(dest)
	if !IsOutput(spare) {
		return nil
	}
	// Locked before it is moved, the lock going with the folder: another
	// build neither takes it too nor removes it as a leftover.
	lock, err := lockFolder(spare)
	if err != nil {
		return nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), tempPrefix(dest))
	if err == nil {
		if err = os.Remove(tmp); err == nil {
			err = os.Rename(spare, tmp)
		}
	}
	if err != nil {
		lock.Close()
		return nil
	}
	// The link latest/ of a versioned site is made again or replaced;
	// none is followed meanwhile.
	entries, err := os.ReadDir(tmp)
	for _, e := range entries {
		if err == nil && e.Type()&fs.ModeSymlink != 0 {
			err = os.Remove(filepath.Join(tmp, e.Name()))
		}
	}
	var o *DirOutput
	if err == nil {
		o, err = hideNew(dest, tmp, lock)
	}
	if err != nil {
		// Named as a temporary folder, the next build removes it.
		lock.Close()
		return nil
	}
	return o
}

// keepSpare keeps the previous site, in folder old once swapped out, as
// the spare of dest, and reports whether it did: only an output of
// playbook is kept, and only where no spare is.
func keepSpare(old, dest string) bool {
	if !IsOutput(old) {
		return false
	}
	// Beside a web server's folder, a site withdrawn is not to be served.
	info, err := os.Stat(old)
	if err != nil || os.Chmod(old, 0o700|info.Mode()&fs.ModeSetgid) != nil {
		return false
	}
	return os.Rename(old, spareName(dest)) == nil
}

// removeSpare removes the site kept beside dest by a build made by
// NewDirOutputOver, which a build made by NewDirOutput does not use.
func removeSpare(dest string) error {
	spare := spareName(dest)
	if !IsOutput(spare) {
		return nil
	}
	lock, err := lockFolder(spare)
	if errors.Is(err, errLocked) {
		return nil // another build is taking it
	}
	if err != nil {
		return fmt.Errorf("remove the previous site kept: %w", err)
	}
	defer lock.Close()
	if err := removeFolder(context.Background(), spare); err != nil {
		return fmt.Errorf("remove the previous site kept: %w", err)
	}
	return nil
}

// reuse is what a DirOutput written over an earlier site has put there,
// so that Commit removes the rest.
type reuse struct {
	mu sync.Mutex
	// written are the files and links written, kept the folders kept, by
	// slash-separated name.
	written, kept map[string]bool
}

func (r *reuse) wrote(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written[name] = true
}

func (r *reuse) keptFolder(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.kept[name] = true
}

// writeFile writes the file name, at p in folder tmp, over what the
// earlier site had there.
func (r *reuse) writeFile(tmp, name, p string, data []byte) error {
	r.wrote(name)
	err := overwrite(p, data)
	if err == nil {
		return nil
	}
	// The earlier site had a folder where the file goes, or a file where
	// one of its folders goes, or it lacks the folder.
	dir := tmp
	for _, part := range strings.Split(path.Dir(name), "/") {
		if part == "." {
			break
		}
		dir = filepath.Join(dir, part)
		info, err := os.Lstat(dir)
		if err != nil {
			break
		}
		if !info.IsDir() {
			// Unlink removes no folder: another file of that folder may
			// have replaced the file by the folder first.
			if err := syscall.Unlink(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
				if info, lerr := os.Lstat(dir); lerr != nil || !info.IsDir() {
					return err
				}
			}
			break
		}
	}
	if info, err := os.Lstat(p); err == nil && info.IsDir() {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// keepInPlace reports whether folder dst, to by name, is already what
// Keep would make of folder src of the previous site, and then leaves it
// as it is. Otherwise it removes what is there, for Keep to make it anew.
func (r *reuse) keepInPlace(ctx context.Context, src, dst, to string) (bool, error) {
	info, err := os.Lstat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err == nil && info.IsDir() {
		same, err := sameTree(ctx, src, dst)
		if err != nil {
			return false, err
		}
		if same {
			r.keptFolder(to)
			return true, nil
		}
	}
	return false, os.RemoveAll(dst)
}

// sameTree reports whether folder b holds the same names as folder a, its
// files the very files of a (hard links), as a folder kept from a does.
func sameTree(ctx context.Context, a, b string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	ea, err := os.ReadDir(a)
	if err != nil {
		// Keep reports what it cannot read.
		return false, nil
	}
	eb, err := os.ReadDir(b)
	if err != nil || len(ea) != len(eb) {
		return false, nil
	}
	for i, e := range ea {
		f := eb[i]
		if e.Name() != f.Name() || e.Type() != f.Type() {
			return false, nil
		}
		switch {
		case e.IsDir():
			same, err := sameTree(ctx, filepath.Join(a, e.Name()), filepath.Join(b, f.Name()))
			if !same || err != nil {
				return false, err
			}
		case e.Type().IsRegular():
			ia, err := e.Info()
			if err != nil {
				return false, nil
			}
			ib, err := f.Info()
			if err != nil || !os.SameFile(ia, ib) {
				return false, nil
			}
		default:
			return false, nil
		}
	}
	return true, nil
}

// removeStale removes from folder tmp what the earlier site had and this
// one has not written or kept.
func (r *reuse) removeStale(tmp string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	// The folders holding what was written or kept.
	dirs := map[string]bool{}
	for _, names := range []map[string]bool{r.written, r.kept} {
		for name := range names {
			for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
				dirs[d] = true
			}
		}
	}
	var clean func(rel string) error
	clean = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(tmp, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := path.Join(rel, e.Name())
			p := filepath.Join(tmp, filepath.FromSlash(name))
			switch {
			case r.kept[name]:
			case e.IsDir() && dirs[name]:
				if err := clean(name); err != nil {
					return err
				}
			case e.IsDir():
				if err := os.RemoveAll(p); err != nil {
					return err
				}
			case !r.written[name]:
				if err := os.Remove(p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return clean(".")
}
