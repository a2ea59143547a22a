package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"playbook/internal/gen"
)

// BenchmarkEdit saves one page of a generated playbook and measures the
// time from the write to the reload event sent to browsers: the watcher's
// debounce, the rebuild, and the snapshot swap. It reports the median
// and the slowest edit.
func BenchmarkEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := gen.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			s, err := New(os.DirFS(dir), Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-cold-build")
			if p := s.Problems(); p != nil {
				b.Fatal(p)
			}
			events, stop := s.Subscribe()
			defer stop()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done, err := s.Watch(ctx, dir, func(err error) { b.Error(err) })
			if err != nil {
				b.Fatal(err)
			}
			defer func() { cancel(); <-done }()

			pages, _ := filepath.Glob(filepath.Join(dir, "content", "guides", "*", "guide-*.md"))
			if len(pages) == 0 {
				b.Fatal("no guide to edit")
			}
			page := pages[0]
			orig, err := os.ReadFile(page)
			if err != nil {
				b.Fatal(err)
			}
			var took []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				text := append(slices.Clip(orig), fmt.Sprintf("\nEdit %d.\n", i)...)
				t0 := time.Now()
				if err := os.WriteFile(page, text, 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case e := <-events:
					if e != "reload" {
						b.Fatalf("event %q", e)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no reload")
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
		})
	}
}
