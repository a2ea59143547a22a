package gitrepo

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gen"
	"playbook/internal/gittest"
)

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
	// The pages' files: sections without an index file have none to track.
	var pages []string
	for _, name := range names {
		if strings.HasSuffix(name, ".md") {
			pages = append(pages, name)
		}
	}
	files = nil
	b.ResetTimer()
	for b.Loop() {
		changes, err := LastChanges(b.Context(), dir, pages)
		if err != nil {
			b.Fatal(err)
		}
		if len(changes) != len(pages) {
			b.Fatalf("%d last changes for %d page files", len(changes), len(pages))
		}
	}
}
