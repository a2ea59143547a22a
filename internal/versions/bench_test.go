package versions

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"playbook/internal/gen"
	"playbook/internal/render"
	"playbook/internal/site"
)

// BenchmarkVersions builds a generated 1,000-page playbook from Git: one
// version, then four quarters of it, each a few pages apart; written to
// disk as playbook build does, and to memory, to tell the work of the
// build from the file system's. The case worktree-edited is four versions
// (the working tree and three quarters) built again over their previous
// output after an edit of one page of the working tree, as an author
// rebuilding does: the quarters are kept, not rendered.
func BenchmarkVersions(b *testing.B) {
	r := newRepo(b, b.TempDir())
	runGit := func(args ...string) { r.git(args...) }
	if err := gen.Write(r.dir, 1000); err != nil {
		b.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(r.dir, "content", "guides", "*", "guide-*.md"))
	for q := 1; q <= 4; q++ {
		for _, p := range pages[q*5 : q*5+5] {
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append(data, fmt.Sprintf("\nEdited in quarter %d.\n", q)...), 0o644)
		}
		runGit("add", "-A")
		runGit("commit", "-q", "-m", fmt.Sprintf("quarter %d", q))
		runGit("tag", fmt.Sprintf("q%d", q))
	}
	edited := pages[0]
	original, err := os.ReadFile(edited)
	if err != nil {
		b.Fatal(err)
	}
	// Each cold build goes into a new folder (see gen.Dest).
	outputs := b.TempDir()
	for _, c := range []struct {
		n        int
		disk     bool
		worktree bool
	}{{1, true, false}, {4, true, false}, {4, true, true}, {1, false, false}, {4, false, false}, {4, false, true}} {
		n := c.n
		where := "memory"
		if c.disk {
			where = "disk"
		}
		name := fmt.Sprintf("versions=%d/output=%s", n, where)
		if c.worktree {
			name = fmt.Sprintf("versions=%d/worktree-edited/output=%s", n, where)
		}
		b.Run(name, func(b *testing.B) {
			var refs []string
			from := 4
			if c.worktree {
				refs = append(refs, "worktree = \"draft\"\n")
				from = 3
			}
			for q := from; q > 4-n; q-- {
				refs = append(refs, fmt.Sprintf("[[versions.ref]]\nname = \"q%d\"\nref = \"q%d\"\n", q, q))
			}
			cfg, ps := site.ParseConfig([]byte("title = \"Generated\"\n[versions]\n" + strings.Join(refs, "")))
			if len(ps) > 0 {
				b.Fatal(ps)
			}
			root, err := os.OpenRoot(r.dir)
			if err != nil {
				b.Fatal(err)
			}
			defer root.Close()
			defer os.WriteFile(edited, original, 0o644)
			var mem *render.MemOutput
			build := func(i int, dest string) {
				if c.worktree {
					// An edit of one page of the working tree.
					os.WriteFile(edited, fmt.Appendf(bytes.Clone(original), "\nEdit %d.\n", i), 0o644)
				}
				bl, problems, err := Load(Options{Source: r.dir, Worktree: root.FS(), Config: cfg, Now: testNow})
				if err != nil {
					b.Fatal(err)
				}
				defer bl.Close()
				for _, p := range problems {
					if !p.Warning {
						b.Fatal(p)
					}
				}
				if !c.disk {
					out := render.NewMemOutput()
					if c.worktree {
						out = render.NewMemOutputAfter(mem)
					}
					if err := bl.Render(context.Background(), out); err != nil {
						b.Fatal(err)
					}
					mem = out
					return
				}
				out, err := render.NewDirOutputOver(dest)
				if err != nil {
					b.Fatal(err)
				}
				if err := bl.Render(context.Background(), out); err != nil {
					b.Fatal(err)
				}
				if err := out.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			// The edited working tree is built over its previous output,
			// made before the timer starts: twice, so that each build
			// timed writes over the output before the previous one, as
			// every rebuild of an author's after the first does (see
			// render.NewDirOutputOver).
			dest := gen.Dest(b, outputs)
			if c.worktree {
				build(-2, dest)
				build(-1, dest)
			}
			b.ResetTimer()
			cpu := cpuSeconds()
			for i := range b.N {
				if !c.worktree {
					dest = gen.Dest(b, outputs)
				}
				build(i, dest)
			}
			b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		})
	}
}
