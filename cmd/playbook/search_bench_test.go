package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/internal/gen"
	"playbook/internal/site"
)

// searchBenchQueries are typed, key by key, into the search box of the
// generated 10,000-page playbook: words of its vocabulary, a
// competitor's name, a misspelling, and two words.
var searchBenchQueries = []string{"escalation", "northwind", "renewl", "refund deadline", "pricing desk"}

// BenchmarkSearch builds the generated 10,000-page playbook, serves it
// under a sub-path and types queries into its search box in headless
// Chromium. It reports, for the query that downloads most:
//
//   - first-query-gzip-kB: everything the first query downloads (the
//     script and the index parts), gzip-compressed at the default level
//     as a web server would send it;
//
// and over every keystroke of every query, once the parts it needs are
// loaded:
//
//   - ms/keystroke and max-ms/keystroke: from the input to the results
//     laid out in the page, as search.js measures it.
func BenchmarkSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 10,000-page playbook")
	}
	src, dir := b.TempDir(), filepath.Join(b.TempDir(), "public")
	if err := gen.Write(src, 10000); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	if code := run(b.Context(), []string{"build", "--source", src, "--dest", dir}, &out, &out); code != exitOK {
		b.Fatalf("build: exit %d\n%s", code, out.String())
	}
	srv, _ := serveUnderPrefix(b, dir)
	base := srv.URL + browserSitePrefix

	ctx, cancel := context.WithTimeout(b.Context(), 10*time.Minute)
	defer cancel()
	tab := startChromium(b, ctx)

	firstKB := 0.0
	worst := ""
	for _, q := range searchBenchQueries {
		tab.open("home", base)
		typeAndWait(tab, q)
		loaded := tabValue(tab, "parts loaded", chromedp.Evaluate[[]string](`playbookSearch.loaded`))
		files := []string{"assets/search.js"}
		for _, p := range loaded {
			files = append(files, "search/"+p+".js")
		}
		kb := float64(gzipSize(b, dir, files)) / 1000
		b.Logf("%q: %d files, %.1f kB gzip-compressed: %s", q, len(files), kb, strings.Join(files, " "))
		if kb > firstKB {
			firstKB, worst = kb, q
		}
	}
	b.Logf("the first query downloading most: %q", worst)

	// Every part is loaded now: each keystroke computes and draws only.
	var times []float64
	b.ResetTimer()
	for b.Loop() {
		for _, q := range searchBenchQueries {
			tab.do("clear the box", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById('pb-search-input'); i.value = ''; i.focus(); })()`))
			for i := range q {
				tab.do("type", chromedp.KeyEvent(q[i:i+1]))
				if strings.TrimSpace(q[:i+1]) == "" || q[i] == ' ' {
					continue
				}
				times = append(times, waitShown(tab, q[:i+1]))
			}
		}
	}
	b.StopTimer()
	sum := 0.0
	for _, ms := range times {
		sum += ms
	}
	b.ReportMetric(sum/float64(len(times)), "ms/keystroke")
	b.ReportMetric(slices.Max(times), "max-ms/keystroke")
	b.ReportMetric(firstKB, "first-query-gzip-kB")
}

// typeAndWait focuses the search box, types q and waits for its results.
func typeAndWait(tab *chromeTab, q string) {
	tab.do("focus the box", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-search-input').focus()`))
	tab.do("type "+q, chromedp.KeyEvent(q))
	waitShown(tab, q)
}

// waitShown waits until the results of q are shown and returns how long
// search.js took to compute and lay them out, in milliseconds.
func waitShown(tab *chromeTab, q string) float64 {
	waitInTab(tab, "results of "+q, browserStepTimeout,
		fmt.Sprintf(`window.playbookSearch && playbookSearch.shown === %s`, jsQuote(q)), `playbookSearch.shown`)
	return tabValue(tab, "time of "+q, chromedp.Evaluate[float64](`playbookSearch.ms`))
}

// gzipSize returns the size of the named files of dir, each compressed
// with gzip at the default level.
func gzipSize(b *testing.B, dir string, names []string) int {
	n := 0
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		io.Copy(w, bytes.NewReader(data))
		w.Close()
		n += buf.Len()
	}
	return n
}

// BenchmarkSearchIndexBuild builds the generated 10,000-page playbook
// with and without its search index, to weigh what the index adds to
// the build time (ns/op of the two) and to the output (output-MB; and
// index-% of the rest of the output, with it).
func BenchmarkSearchIndexBuild(b *testing.B) {
	src, outputs := b.TempDir(), b.TempDir()
	if err := gen.Write(src, 10000); err != nil {
		b.Fatal(err)
	}
	// Without first: a build deleting many files leaves the next one
	// slower on some file systems (see the README), so that order favours
	// the build without the index, if anything.
	for _, with := range []bool{false, true} {
		b.Run(fmt.Sprintf("index=%t", with), func(b *testing.B) {
			if !with {
				all := site.GeneratedPages
				site.GeneratedPages = slices.DeleteFunc(slices.Clone(all), func(g site.Generated) bool { return g.Kind == "search" })
				b.Cleanup(func() { site.GeneratedPages = all })
			}
			var dest string
			for b.Loop() {
				dest = gen.Dest(b, outputs)
				if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("build exited %d", code)
				}
			}
			b.StopTimer()
			total, index := dirSize(b, dest), dirSize(b, filepath.Join(dest, "search"))
			b.ReportMetric(float64(total)/1e6, "output-MB")
			if with {
				b.ReportMetric(100*float64(index)/float64(total-index), "index-%")
			}
		})
	}
}

// dirSize returns the size of the files under dir; 0 if there is none.
func dirSize(b *testing.B, dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
