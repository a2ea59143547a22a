package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// An Output receives the files of a rendered site. Names are
// slash-separated paths from the site root ("promises/x/index.html").
// WriteFile is called from many goroutines at once, and must not keep
// data once it returns: the renderer reuses it.
type Output interface {
	WriteFile(name string, data []byte) error
}

// A DirOutput writes a site into a fresh folder beside its destination and
// swaps it in only on Commit, so that a failed build leaves the previous
// site in place.
type DirOutput struct {
	dest, tmp string
	// made records the folders created, sparing a mkdir per file.
	made sync.Map
}

// NewDirOutput prepares to write the site that will replace folder dest.
func NewDirOutput(dest string) (*DirOutput, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	return &DirOutput{dest: dest, tmp: tmp}, nil
}

// WriteFile writes one file of the site.
func (o *DirOutput) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." {
		// Never outside the output folder, whatever a name is made of.
		return fmt.Errorf("write %q: not a path inside the site", name)
	}
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if dir := filepath.Dir(p); dir != o.tmp {
		if _, ok := o.made.Load(dir); !ok {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("write %s: %w", name, err)
			}
			o.made.Store(dir, true)
		}
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
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
	if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
		return fmt.Errorf("link %s: %w", name, err)
	}
	return nil
}

// Commit replaces the destination with the new site. The old one is moved
// aside first and removed only once the new one is in place.
func (o *DirOutput) Commit() error {
	old := ""
	if _, err := os.Lstat(o.dest); err == nil {
		old = o.tmp + ".old"
		if err := os.Rename(o.dest, old); err != nil {
			return fmt.Errorf("replace %s: %w", o.dest, err)
		}
	}
	if err := os.Rename(o.tmp, o.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, o.dest)
		}
		return fmt.Errorf("replace %s: %w", o.dest, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove previous site: %w", err)
		}
	}
	return nil
}

// Abort removes the unfinished site, leaving the destination as it was.
func (o *DirOutput) Abort() error { return os.RemoveAll(o.tmp) }

// A MemOutput keeps a rendered site in memory.
type MemOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemOutput returns an empty MemOutput.
func NewMemOutput() *MemOutput { return &MemOutput{files: map[string][]byte{}} }

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
