package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gen"
	"playbook/internal/gittest"
)

// BenchmarkEditVersions edits one page of the working tree of a generated
// 1,000-page playbook served with --versions (the working tree and three
// tagged quarters) and rebuilds, as the watcher would after the save. It
// reports the time of a rebuild, against that of the first build.
func BenchmarkEditVersions(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, 1000); err != nil {
		b.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content", "guides", "*", "guide-*.md"))
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.Git(b, dir, when, "init", "-q")
	for q := 1; q <= 3; q++ {
		for _, p := range pages[q*5 : q*5+5] {
			data, _ := os.ReadFile(p)
			os.WriteFile(p, append(data, fmt.Sprintf("\nEdited in quarter %d.\n", q)...), 0o644)
		}
		when = when.AddDate(0, 3, 0)
		gittest.Git(b, dir, when, "add", "-A")
		gittest.Git(b, dir, when, "commit", "-q", "-m", fmt.Sprintf("quarter %d", q))
		gittest.Git(b, dir, when, "tag", fmt.Sprintf("q%d", q))
	}
	config, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		b.Fatal(err)
	}
	config = fmt.Appendf(config, "\n[versions]\ntags = \"q*\"\nworktree = \"draft\"\n")
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), config, 0o644); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	s, err := New(os.DirFS(dir), Options{Dir: dir, Versions: true})
	if err != nil {
		b.Fatal(err)
	}
	first := time.Since(start)
	page := pages[0]
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.ToSlash(strings.TrimPrefix(page, dir+string(filepath.Separator)))
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(page, fmt.Appendf(slices.Clip(orig), "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if change, err := s.Rebuild([]string{name}); change != Pages || err != nil {
			b.Fatalf("rebuild: %v, %v", change, err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Milliseconds()), "ms-median-rebuild")
	b.ReportMetric(float64(first.Milliseconds()), "ms-first-build")
}
