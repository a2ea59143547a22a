package render

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"playbook/internal/deflate"
	"playbook/internal/site"
)

// TestSpillRendersTheSame loads playbooks with a spill, as a build does
// (pages' HTML in it, and their headings and links packed once loaded),
// and wants every file as a load without one renders it: the bodies,
// their links, the tables of contents, the search index.
func TestSpillRendersTheSame(t *testing.T) {
	for name, fsys := range map[string]fs.FS{"example": os.DirFS("../.."), "generated": genFS(300)} {
		t.Run(name, func(t *testing.T) {
			plain, ps := site.Load(fsys, site.Options{Now: testNow})
			if ps.Errors() > 0 {
				t.Fatal(ps)
			}
			spill, err := deflate.NewSpill(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer spill.Close()
			spilled, ps := site.Load(fsys, site.Options{Now: testNow, Spill: spill})
			if ps.Errors() > 0 {
				t.Fatal(ps)
			}
			// The headings wait in the spill: a page that has some has
			// none in memory.
			packed := 0
			for i, p := range spilled.Pages {
				if q := plain.Pages[i]; q.Doc != nil && len(q.Doc.Headings) > 0 && len(p.Doc.Headings) == 0 {
					packed++
				}
			}
			if packed == 0 {
				t.Error("no page's headings were packed")
			}
			want, got := renderMem(t, fsys, plain, Options{}), renderMem(t, fsys, spilled, Options{})
			names := want.Names()
			if len(got.Names()) != len(names) {
				t.Fatalf("%d files, want %d", len(got.Names()), len(names))
			}
			for _, n := range names {
				w, _ := want.File(n)
				g, ok := got.File(n)
				if !ok || !bytes.Equal(g, w) {
					t.Errorf("%s differs with a spill", n)
				}
			}
		})
	}
}
