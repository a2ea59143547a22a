package search

import (
	"strings"
	"testing"

	"playbook/internal/gen"
	"playbook/internal/markdown"
)

// genDocs returns the documents of a generated playbook of n pages, their
// bodies read by heading as a build reads them.
func genDocs(b *testing.B, n int) []Doc {
	names, bodies := gen.Bodies(gen.Files(n))
	c := markdown.New(markdown.Options{Sections: true})
	var docs []Doc
	for i, name := range names {
		src := bodies[i]
		md, err := c.ParseTitled(src)
		if err != nil {
			b.Fatal(err)
		}
		d := Doc{URL: strings.TrimSuffix(strings.TrimPrefix(name, "content/"), ".md") + "/", Title: md.Title, Type: "promise", TypeName: "Promise", Path: "Promises", Fields: name}
		secs, err := c.Sections(md)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range secs {
			d.Sections = append(d.Sections, Section{ID: s.ID, Heading: s.Heading, Text: s.Text})
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkIndex builds the index of the pages of a generated playbook of
// 2,000 pages and writes each of its files, as a build does. cpu-ms/op is
// the processor time of one index, steadier than ns/op where other work
// shares the machine.
func BenchmarkIndex(b *testing.B) {
	docs := genDocs(b, 2000)
	cpu := cpuSeconds()
	for b.Loop() {
		x := New(len(docs), nil, func(i int) Doc { return docs[i] })
		for _, name := range x.Layout().Names() {
			if _, err := x.File(name); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
}

// BenchmarkDocTerms reads the terms of the pages of a generated playbook
// of 2,000 pages on one core: the tokenizer's part of an index.
func BenchmarkDocTerms(b *testing.B) {
	docs := genDocs(b, 2000)
	var buf []byte
	n := 0
	cpu := cpuSeconds()
	for b.Loop() {
		for i := range docs {
			docTerms(&docs[i], &buf, func(t []byte, code int) { n += len(t) })
		}
	}
	if n == 0 {
		b.Fatal("no terms")
	}
	b.ReportMetric((cpuSeconds()-cpu)*1e3/float64(b.N), "cpu-ms/op")
}
