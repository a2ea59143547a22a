package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"playbook/internal/gen"
)

// BenchmarkBuild runs "playbook build" on generated playbooks: a cold
// build, content read from disk and the site written to disk.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := gen.Write(src, n); err != nil {
				b.Fatal(err)
			}
			dest := filepath.Join(b.TempDir(), "public")
			b.ResetTimer()
			for b.Loop() {
				if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("build exited %d", code)
				}
			}
		})
	}
}
