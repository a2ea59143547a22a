package main

import (
	"context"
	"io"
	"testing"

	"playbook/internal/gen"
)

// BenchmarkBuild runs "playbook build" on generated playbooks: a cold
// build, content read from disk and the site written to disk.
// Each build goes into a new folder (see gen.Dest).
//
// "handbook" is a handbook brought from a Git host and from Hugo
// (gen.HandbookFiles), beside a playbook of the same size: every link is
// read the several ways such handbooks write them.
func BenchmarkBuild(b *testing.B) {
	outputs := b.TempDir()
	for _, c := range []struct {
		name  string
		n     int
		write func(dir string, n int) error
	}{
		{"pages=1000", 1000, gen.Write},
		{"handbook/pages=1000", 1000, gen.WriteHandbook},
		{"pages=10000", 10000, gen.Write},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := b.TempDir()
			if err := c.write(src, c.n); err != nil {
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
