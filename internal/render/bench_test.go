package render

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
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
			fsys := genFS(n)
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

// BenchmarkSearchIndexCost loads and renders the generated 10,000-page
// playbook in memory with and without its search index: what the index
// adds to the work of a build, without the disk's noise (see
// cmd/playbook's BenchmarkSearchIndexBuild for a whole build). Without
// the index's entry in site.GeneratedPages, Load does not read pages by
// heading either, so index=false does none of the index's work. cpu-s/op
// is the processor time of a build, steadier than ns/op where other
// work shares the machine.
func BenchmarkSearchIndexCost(b *testing.B) {
	fsys := genFS(10000)
	for _, with := range []bool{false, true} {
		b.Run(fmt.Sprintf("index=%t", with), func(b *testing.B) {
			if !with {
				all := site.GeneratedPages
				site.GeneratedPages = slices.DeleteFunc(slices.Clone(all), func(g site.Generated) bool { return g.Kind == "search" })
				b.Cleanup(func() { site.GeneratedPages = all })
			}
			var out *MemOutput
			cpu := cpuSeconds()
			for b.Loop() {
				s, problems := site.Load(fsys, site.Options{Now: testNow})
				if problems.Errors() > 0 {
					b.Fatal(problems)
				}
				out = renderMem(b, fsys, s, Options{})
			}
			b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
			total, index := 0, 0
			for _, name := range out.Names() {
				data, _ := out.File(name)
				total += len(data)
				if strings.HasPrefix(name, "search/") {
					index += len(data)
				}
			}
			b.ReportMetric(float64(total)/1e6, "output-MB")
			if with {
				b.ReportMetric(100*float64(index)/float64(total-index), "index-%")
			}
		})
	}
}

// BenchmarkAlignment renders the Alignment of the generated 10,000-page
// playbook (1,000 promises), the pages that grow with every promise, its
// channels and its owner: its first page (the overview, once it is split),
// and every file it makes, with the largest. cpu-s/op is the processor
// time, steadier than ns/op where other work shares the machine.
func BenchmarkAlignment(b *testing.B) {
	fsys := genFS(10000)
	_, r := loadRenderer(b, fsys)
	b.Run("first", func(b *testing.B) {
		cpu := cpuSeconds()
		for b.Loop() {
			page, err := r.File("alignment/index.html")
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(page)))
		}
		b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
	})
	b.Run("every", func(b *testing.B) {
		names := alignmentFiles(r)
		var total, largest int
		cpu := cpuSeconds()
		for b.Loop() {
			total, largest = 0, 0
			for _, name := range names {
				page, err := r.File(name)
				if err != nil {
					b.Fatal(err)
				}
				total += len(page)
				largest = max(largest, len(page))
			}
		}
		b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		b.SetBytes(int64(total))
		b.ReportMetric(float64(len(names)), "files")
		b.ReportMetric(float64(largest)/1e3, "largest-KB")
	})
}

// BenchmarkRenderPages renders every page of generated playbooks in
// memory, one after the other, with the pages' Markdown kept from a first
// rendering: the work of the layouts alone, without loading, Markdown, the
// search index or the disk. cpu-s/op is the processor time of rendering
// all pages once.
func BenchmarkRenderPages(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			fsys := genFS(n)
			s, problems := site.Load(fsys, site.Options{Now: testNow})
			if problems.Errors() > 0 {
				b.Fatal(problems)
			}
			r := newRenderer(b, fsys, s, Options{Bodies: &BodyCache{}})
			var names []string
			for name, j := range r.files {
				// Pages, generated pages and redirects: not the files of
				// content/ or of the search index. A page's own file has
				// no Data until it is rendered.
				if j.source == "" && j.search == "" {
					names = append(names, name)
				}
			}
			slices.Sort(names)
			var buf bytes.Buffer
			render := func() int {
				total := 0
				for _, name := range names {
					buf.Reset()
					if _, err := r.file(name, &buf); err != nil {
						b.Fatal(err)
					}
					total += buf.Len()
				}
				return total
			}
			render()
			b.ResetTimer()
			cpu := cpuSeconds()
			for b.Loop() {
				b.SetBytes(int64(render()))
			}
			b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		})
	}
}

// genFS returns a generated playbook of n pages as a file system.
func genFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range gen.Files(n) {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}
