//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package render

import (
	"os"
	"syscall"
)

// overwrite writes data into the file p, over what it holds, keeping the
// file (no inode freed, none made) unless another site shares it: a file
// the previous site kept is a hard link of the site being replaced, and
// writing into it would change that site, so it is replaced by a new one.
func overwrite(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	if st, ok := info.Sys().(*syscall.Stat_t); !ok || uint64(st.Nlink) != 1 || !info.Mode().IsRegular() {
		f.Close()
		if err := os.Remove(p); err != nil {
			return err
		}
		return writeNew(p, data)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if info.Size() > int64(len(data)) {
		if err := f.Truncate(int64(len(data))); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// writeNew writes data into a new file p.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
