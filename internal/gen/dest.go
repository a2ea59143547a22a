package gen

import (
	"os"
	"path/filepath"
	"testing"
)

// Dest returns a new, not yet existing output folder under parent for one
// build of a benchmark, with the benchmark's timer stopped meanwhile.
//
// Each build goes into a new folder, and none should be removed before
// the benchmark ends (parent is best b.TempDir() of the outer benchmark):
// ext4 without a journal skips inodes freed in the last minutes when it
// allocates, so a build right after removing thousands of files costs
// several times more, a cost of the benchmark loop, not of a build on a
// fresh machine.
func Dest(b *testing.B, parent string) string {
	b.StopTimer()
	defer b.StartTimer()
	dir, err := os.MkdirTemp(parent, "")
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "public")
}
