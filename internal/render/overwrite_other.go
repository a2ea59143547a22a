//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package render

import "os"

// overwrite writes data into a new file p in place of what is there:
// without a link count to tell whether another site shares the file,
// none is written into.
func overwrite(p string, data []byte) error {
	if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
