package versions

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gen"
	"playbook/internal/gittest"
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

// BenchmarkLastChanges finds the last commit of every page of a generated
// 1,000-page playbook with 2,000 commits of history, each editing one of
// 50 pages: the pages never edited again take the walk to the first
// commit, as in a playbook kept for years.
func BenchmarkLastChanges(b *testing.B) {
	dir := b.TempDir()
	gittest.Git(b, dir, time.Time{}, "init", "-q", "-b", "main")
	files := gen.Files(1000)
	names := slices.Sorted(maps.Keys(files))
	var stream bytes.Buffer
	start := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	commit := func(i int, names []string, data func(string) []byte) {
		msg := fmt.Sprintf("change %d", i)
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter Ann Author <ann@example.com> %d +0000\ndata %d\n%s\n",
			start.Add(time.Duration(i)*time.Hour).Unix(), len(msg), msg)
		for _, name := range names {
			d := data(name)
			fmt.Fprintf(&stream, "M 100644 inline %s\ndata %d\n%s\n", name, len(d), d)
		}
	}
	commit(0, names, func(name string) []byte { return files[name] })
	var edited []string
	for _, name := range names {
		if strings.HasPrefix(name, "content/guides/") && len(edited) < 50 {
			edited = append(edited, name)
		}
	}
	for i := 1; i <= 2000; i++ {
		name := edited[i%len(edited)]
		files[name] = append(files[name], fmt.Sprintf("\nEdit %d.\n", i)...)
		commit(i, []string{name}, func(name string) []byte { return files[name] })
	}
	gittest.Import(b, dir, stream.Bytes())
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		b.Fatal(problems)
	}
	files = nil
	want := 0 // sections without an index file have no file to track
	for _, p := range s.Pages {
		if strings.HasSuffix(p.File, ".md") {
			want++
		}
	}
	b.ResetTimer()
	for b.Loop() {
		changes, err := LastChanges(context.Background(), dir, s)
		if err != nil {
			b.Fatal(err)
		}
		if len(changes) != want {
			b.Fatalf("%d last changes for %d page files", len(changes), want)
		}
	}
}
