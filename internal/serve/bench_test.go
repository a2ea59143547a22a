package serve

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"playbook/internal/gen"
	"playbook/internal/gittest"
)

// BenchmarkEdit saves one page of a generated playbook and measures the
// time from the write to the reload event sent to browsers: the watcher's
// debounce, the rebuild, and the snapshot swap. It reports the median
// and the slowest edit.
func BenchmarkEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := gen.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			s := newServer(b, dir)
			b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms-cold-build")
			events := watch(b, s, dir)

			pages, _ := filepath.Glob(filepath.Join(dir, "content", "guides", "*", "guide-*.md"))
			if len(pages) == 0 {
				b.Fatal("no guide to edit")
			}
			page := pages[0]
			orig, err := os.ReadFile(page)
			if err != nil {
				b.Fatal(err)
			}
			var took []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				text := append(slices.Clip(orig), fmt.Sprintf("\nEdit %d.\n", i)...)
				t0 := time.Now()
				if err := os.WriteFile(page, text, 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case e := <-events:
					if e != "reload" {
						b.Fatalf("event %q", e)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no reload")
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
		})
	}
}

// BenchmarkEdits saves 200 pages of a 10,000-page generated playbook,
// committed to Git, in turn, one file each (every fifth edit changes the page's title, the
// others its body), and measures the time from the write to the edited
// page being served with the change: the watcher's debounce, the
// rebuild, the reload event and the page rendered for the request. It
// reports the median and the 95th percentile, the time to the reload
// event alone, and the process's memory as the OS sees it (resident now
// and at its peak) after 50, 100 and 200 edits.
func BenchmarkEdits(b *testing.B) {
	const n, edits = 10000, 200
	dir := b.TempDir()
	if err := gen.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	// In Git, as authors keep a playbook: the preview reads when each
	// page last changed, and whether an edited one is committed.
	gittest.InitCommit(b, dir, time.Time{}, "playbook")
	s, err := New(os.DirFS(dir), Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	if p := s.Problems(); p != nil {
		b.Fatalf("first build: %v", p)
	}
	events := watch(b, s, dir)
	files := editedPages(b, s, edits)

	for run := 0; b.Loop(); run++ {
		var served, reloaded []time.Duration
		for i, file := range files {
			full := filepath.Join(dir, filepath.FromSlash(file))
			orig, err := os.ReadFile(full)
			if err != nil {
				b.Fatal(err)
			}
			marker := fmt.Sprintf("Edit %d of run %d", i, run)
			text := string(orig) + "\n" + marker + ".\n"
			if i%5 == 4 {
				text = strings.Replace(string(orig), "\ntitle = \"", "\ntitle = \""+marker+" ", 1)
			}
			u := s.snap.Load().r.Site().ByFile(file).URL
			t0 := time.Now()
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			reloaded = append(reloaded, waitReload(b, events).Sub(t0))
			for !strings.Contains(get(b, s, "/"+u), marker) {
				// A burst split in two: the change is in the next rebuild.
				waitReload(b, events)
			}
			served = append(served, time.Since(t0))
			switch i + 1 {
			case 50, 100, 200:
				rss, peak := memory(b)
				b.ReportMetric(rss, fmt.Sprintf("MiB-rss-%d", i+1))
				b.ReportMetric(peak, fmt.Sprintf("MiB-peak-%d", i+1))
			}
		}
		b.ReportMetric(percentile(served, 50), "ms-median")
		b.ReportMetric(percentile(served, 95), "ms-p95")
		b.ReportMetric(percentile(reloaded, 50), "ms-reload-median")
		b.ReportMetric(percentile(reloaded, 95), "ms-reload-p95")
	}
}

// editedPages returns k page files of s spread over the site, sections
// left out.
func editedPages(b *testing.B, s *Server, k int) []string {
	var pages []string
	for _, p := range s.snap.Load().r.Site().Pages {
		if p.HasFile() && !p.IsSection {
			pages = append(pages, p.File)
		}
	}
	if len(pages) < k {
		b.Fatalf("%d pages, want %d", len(pages), k)
	}
	picked := make([]string, k)
	for i := range picked {
		picked[i] = pages[i*len(pages)/k]
	}
	return picked
}

// waitReload waits for the next reload event and returns when it came.
func waitReload(b *testing.B, events <-chan string) time.Time {
	for {
		select {
		case e := <-events:
			if e == "reload" {
				return time.Now()
			}
		case <-time.After(10 * time.Second):
			b.Fatal("no reload")
		}
	}
}

// get returns the page at the URL path u as the server answers it.
func get(b *testing.B, s *Server, u string) string {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d", u, rec.Code)
	}
	return rec.Body.String()
}

func percentile(d []time.Duration, pc int) float64 {
	d = slices.Sorted(slices.Values(d))
	return float64(d[(len(d)-1)*pc/100].Microseconds()) / 1000
}

// memory returns the process's resident memory now and at its peak, in
// MiB, as Linux reports them.
func memory(b *testing.B) (rss, peak float64) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "VmRSS":
			rss = float64(kb) / 1024
		case "VmHWM":
			peak = float64(kb) / 1024
		}
	}
	return rss, peak
}
