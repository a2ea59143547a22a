package markdown

import (
	"bytes"
	"testing"

	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"

	"playbook/internal/gen"
)

// genBodies returns the Markdown of the pages of a generated playbook of
// n pages, front matter taken off, in order of file name.
func genBodies(n int) [][]byte {
	_, bodies := gen.Bodies(gen.Files(n))
	return bodies
}

// BenchmarkParse parses and renders the pages of a generated playbook of
// 1,000 pages on one core, as a build does (sections kept for search),
// beside the floor: goldmark and chroma alone on the same bodies, as
// cmd/playbook's BenchmarkBuild measures it. cpu-ms/op is the processor
// time of one pass, steadier than ns/op where other work shares the
// machine.
func BenchmarkParse(b *testing.B) {
	bodies := genBodies(1000)
	b.Run("playbook", func(b *testing.B) {
		c := New(Options{Sections: true})
		var buf bytes.Buffer
		cpu := cpuSeconds()
		for b.Loop() {
			for _, src := range bodies {
				d, err := c.ParseTitled(src)
				if err != nil {
					b.Fatal(err)
				}
				buf.Reset()
				if err := c.Render(&buf, d); err != nil {
					b.Fatal(err)
				}
				if _, err := c.Sections(d); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
	})
	b.Run("floor", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(
			extension.GFM,
			highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true))),
		))
		var buf bytes.Buffer
		cpu := cpuSeconds()
		for b.Loop() {
			for _, src := range bodies {
				buf.Reset()
				if err := md.Convert(src, &buf); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
	})
}
