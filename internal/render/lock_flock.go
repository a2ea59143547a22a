//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package render

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFolder locks folder dir for this process until the returned file is
// closed, or the process ends, however it ends. It fails with errLocked if
// another holds the lock: a build still writing there.
func lockFolder(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return f, nil
}
