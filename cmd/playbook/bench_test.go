package main

import (
	"context"
	"fmt"
	"io"
	"testing"

	"playbook/internal/gen"
)

// BenchmarkBuild runs "playbook build" on generated playbooks: a cold
// build, content read from disk and the site written to disk.
// Each build goes into a new folder (see gen.Dest).
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
				dest := gen.Dest(b, outputs)
				if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("build exited %d", code)
				}
			}
		})
	}
}
