package render

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps folders a and b in one step (renameat2 with
// RENAME_EXCHANGE). It returns an error wrapping errors.ErrUnsupported
// where the kernel or the file system cannot, and one wrapping
// fs.ErrNotExist if either is missing.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return errors.Join(errors.ErrUnsupported, err)
	}
	return err
}
