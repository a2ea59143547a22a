package gen

import (
	"os"
	"path/filepath"
)

// A Timer is what Dest needs of a benchmark; a *testing.B is one. Taking
// it instead of a *testing.B keeps package testing out of the programs
// that import gen.
type Timer interface {
	StopTimer()
	StartTimer()
	Fatal(args ...any)
}

// Dest returns a new, not yet existing output folder under parent for one
// build of a benchmark, with the benchmark's timer stopped meanwhile.
//
// Each build goes into a new folder, and none should be removed before
// the benchmark ends (parent is best b.TempDir() of the outer benchmark):
// ext4 without a journal skips inodes freed in the last minutes when it
// allocates, so a build right after removing thousands of files costs
// several times more, a cost of the benchmark loop, not of a build on a
// fresh machine.
func Dest(b Timer, parent string) string {
	b.StopTimer()
	defer b.StartTimer()
	dir, err := os.MkdirTemp(parent, "")
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "public")
}
