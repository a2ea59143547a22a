//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package render

import "os"

// lockFolder would lock folder dir for this process; without flock there
// is no lock (a nil file closes harmlessly), and two builds into one
// destination at once are not told apart.
func lockFolder(dir string) (*os.File, error) { return nil, nil }
