package render

import (
	"fmt"
	"testing"
	"testing/fstest"

	"playbook/internal/gen"
	"playbook/internal/site"
)

// BenchmarkSite loads and renders generated playbooks in memory: the work
// of a build without the disk (see cmd/playbook's BenchmarkBuild for that).
func BenchmarkSite(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			fsys := fstest.MapFS{}
			for name, data := range gen.Files(n) {
				fsys[name] = &fstest.MapFile{Data: data}
			}
			b.ResetTimer()
			for b.Loop() {
				s, problems := site.Load(fsys, site.Options{Now: testNow})
				if problems.Errors() > 0 {
					b.Fatal(problems)
				}
				renderMem(b, fsys, s, Options{})
			}
		})
	}
}
