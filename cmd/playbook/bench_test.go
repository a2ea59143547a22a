package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"playbook/internal/gen"
)

// BenchmarkBuild runs "playbook build" on generated playbooks: a cold
// build, content read from disk and the site written to disk.
//
// Each build goes into a new empty folder and none is removed before the
// end: ext4 without a journal skips inodes freed in the last minutes when
// it allocates, so a build right after removing thousands of files costs
// several times more, a cost of the loop, not of a build on a fresh
// machine.
func BenchmarkBuild(b *testing.B) {
	outputs := b.TempDir()
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := gen.Write(src, n); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				dir, err := os.MkdirTemp(outputs, "")
				if err != nil {
					b.Fatal(err)
				}
				dest := filepath.Join(dir, "public")
				b.StartTimer()
				if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("build exited %d", code)
				}
			}
		})
	}
}
