package versions

import (
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
// build from the file system's.
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
	// Each build goes into a new folder (see gen.Dest).
	outputs := b.TempDir()
	for _, c := range []struct {
		n    int
		disk bool
	}{{1, true}, {4, true}, {1, false}, {4, false}} {
		n := c.n
		where := "memory"
		if c.disk {
			where = "disk"
		}
		b.Run(fmt.Sprintf("versions=%d/output=%s", n, where), func(b *testing.B) {
			var refs []string
			for q := 4; q > 4-n; q-- {
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
			b.ResetTimer()
			for range b.N {
				dest := gen.Dest(b, outputs)
				bl, problems, err := Load(Options{Source: r.dir, Worktree: root.FS(), Config: cfg, Now: testNow})
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range problems {
					if !p.Warning {
						b.Fatal(p)
					}
				}
				if !c.disk {
					if err := bl.Render(context.Background(), render.NewMemOutput()); err != nil {
						b.Fatal(err)
					}
					bl.Close()
					continue
				}
				out, err := render.NewDirOutput(dest)
				if err != nil {
					b.Fatal(err)
				}
				if err := bl.Render(context.Background(), out); err != nil {
					b.Fatal(err)
				}
				if err := out.Commit(); err != nil {
					b.Fatal(err)
				}
				bl.Close()
			}
		})
	}
}
