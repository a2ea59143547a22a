//go:build !linux

package render

import "errors"

// exchange would swap folders a and b in one step; only Linux can, so
// Commit falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
