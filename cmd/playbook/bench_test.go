package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"

	"playbook/internal/gen"
)

// largeBenchEnv names the environment variable that adds the
// 100,000-page case to BenchmarkBuild: it takes minutes and gigabytes of
// disk, too much for every run of the benchmarks.
const largeBenchEnv = "PLAYBOOK_BENCH_LARGE"

// BenchmarkBuild runs "playbook build" on generated playbooks: a cold
// build, content read from disk and the site written to disk.
// Each build goes into a new folder (see gen.Dest). With
// PLAYBOOK_BENCH_LARGE=1 it builds a 100,000-page playbook too.
//
// "handbook" is a handbook brought from a Git host and from Hugo
// (gen.HandbookFiles), beside a playbook of the same size: every link is
// read the several ways such handbooks write them.
//
// Besides the time of a build it reports:
//
//   - cpu-s/op: the processor time of a build, user and system, steadier
//     than ns/op where other work shares the machine;
//   - peak-MB: the most memory the Go runtime held from the system during
//     a build (what the process's resident size follows), and
//     peak-kB/page the same per page;
//   - floor-s/op and x-floor, cpu-x-floor: the floor, goldmark and chroma
//     rendering the Markdown of the same pages alone, on all cores, with
//     nothing else (see floor), measured between builds (its input is
//     let go before each build), and a build's time and processor time
//     as multiples of it;
//   - gc-cycles/op and gc-%: the collections a build made, and the
//     runtime's estimate of the share of its processor time they took:
//     the part of a build that grows faster than its pages;
//   - B/op and allocs/op: what a build allocated, which sets how often
//     it is collected.
func BenchmarkBuild(b *testing.B) {
	outputs := b.TempDir()
	cases := []struct {
		name  string
		n     int
		write func(dir string, n int) error
	}{
		{"pages=1000", 1000, gen.Write},
		{"handbook/pages=1000", 1000, gen.WriteHandbook},
		{"pages=10000", 10000, gen.Write},
	}
	if os.Getenv(largeBenchEnv) == "1" {
		cases = append(cases, struct {
			name  string
			n     int
			write func(dir string, n int) error
		}{"pages=100000", 100000, gen.Write})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			src := b.TempDir()
			if err := c.write(src, c.n); err != nil {
				b.Fatal(err)
			}
			var buildCPU, floorWall, floorCPU float64
			var peak uint64
			var gc gcStats
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				wall, cpu := measureFloor(b, src)
				floorWall, floorCPU = floorWall+wall, floorCPU+cpu
				// The floor's input is garbage now: a build measured
				// beside it held would be collected and limited as one
				// holding the site's Markdown twice. The memory it took
				// goes back to the system, or peak-MB would count it.
				debug.FreeOSMemory()
				c, _ := measureBuild(b, src, outputs)
				gc = gc.plus(c.gc)
				peak = max(peak, c.peak)
				buildCPU += c.cpu
			}
			b.StopTimer()
			n := float64(b.N)
			elapsed := b.Elapsed().Seconds()
			b.ReportMetric(buildCPU/n, "cpu-s/op")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
			b.ReportMetric(float64(peak)/1e3/float64(c.n), "peak-kB/page")
			b.ReportMetric(floorWall/n, "floor-s/op")
			b.ReportMetric(elapsed/floorWall, "x-floor")
			b.ReportMetric(buildCPU/floorCPU, "cpu-x-floor")
			b.ReportMetric(gc.cycles/n, "gc-cycles/op")
			b.ReportMetric(100*gc.cpu/gc.total, "gc-%")
		})
	}
}

// buildCost is what one build took: processor time (cpu-s), the most
// memory the Go runtime held (see watchPeak) and its collections.
type buildCost struct {
	cpu  float64
	peak uint64
	gc   gcStats
}

// measureBuild builds the playbook in src into a new folder under outputs
// (see gen.Dest) and returns what the build took and the folder.
func measureBuild(b *testing.B, src, outputs string) (buildCost, string) {
	dest := gen.Dest(b, outputs)
	start := cpuSeconds()
	stop := watchPeak()
	was := readGCStats()
	if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest}, io.Discard, io.Discard); code != 0 {
		b.Fatalf("build exited %d", code)
	}
	gc := readGCStats().minus(was)
	return buildCost{cpu: cpuSeconds() - start, peak: stop(), gc: gc}, dest
}

// BenchmarkScale measures how a build's cost grows with its pages, with
// PLAYBOOK_BENCH_LARGE=1 only: each op builds a 10,000-page playbook, a
// 100,000-page one and the 10,000-page one again, each into a new folder
// (about 1.8 GB an op, kept to the end: see gen.Dest), and reports
//
//   - x-cpu: the larger build's processor time over the mean of the two
//     smaller ones beside it, so that a machine whose speed drifts over
//     minutes weighs on both sides alike (linear is 10);
//   - cpu-s-10k and cpu-s-100k, gc-%-10k and gc-%-100k: each size's
//     processor time and the share of it the collector took;
//   - peak-MB-100k and kB/page-after-10k: the most memory the Go runtime
//     held for the larger build, and what each page past the first
//     10,000 added to it.
func BenchmarkScale(b *testing.B) {
	if os.Getenv(largeBenchEnv) != "1" {
		b.Skip("set " + largeBenchEnv + "=1: it builds 100,000 pages several times")
	}
	small, large, outputs := b.TempDir(), b.TempDir(), b.TempDir()
	if err := gen.Write(small, 10000); err != nil {
		b.Fatal(err)
	}
	if err := gen.Write(large, 100000); err != nil {
		b.Fatal(err)
	}
	build := func(src string) buildCost {
		debug.FreeOSMemory()
		c, _ := measureBuild(b, src, outputs)
		return c
	}
	var ratio, cpuSmall, cpuLarge float64
	var gcSmall, gcLarge gcStats
	var peakSmall, peakLarge uint64
	b.ResetTimer()
	for b.Loop() {
		before, l, after := build(small), build(large), build(small)
		ratio += l.cpu / ((before.cpu + after.cpu) / 2)
		cpuSmall += before.cpu + after.cpu
		cpuLarge += l.cpu
		gcSmall = gcSmall.plus(before.gc).plus(after.gc)
		gcLarge = gcLarge.plus(l.gc)
		peakSmall = max(peakSmall, before.peak, after.peak)
		peakLarge = max(peakLarge, l.peak)
	}
	n := float64(b.N)
	b.ReportMetric(ratio/n, "x-cpu")
	b.ReportMetric(cpuSmall/2/n, "cpu-s-10k")
	b.ReportMetric(cpuLarge/n, "cpu-s-100k")
	b.ReportMetric(100*gcSmall.cpu/gcSmall.total, "gc-%-10k")
	b.ReportMetric(100*gcLarge.cpu/gcLarge.total, "gc-%-100k")
	b.ReportMetric(float64(peakLarge)/1e6, "peak-MB-100k")
	b.ReportMetric((float64(peakLarge)-float64(peakSmall))/1e3/90000, "kB/page-after-10k")
}

// gcStats are the runtime's counts of its collections: cycles, and the
// processor time they took (cpu) of all the program used (total), in the
// runtime's own estimate (runtime/metrics, /cpu/classes), which is
// comparable only with itself.
type gcStats struct{ cycles, cpu, total float64 }

// readGCStats returns the counts since the program started.
func readGCStats() gcStats {
	samples := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/cpu/classes/total:cpu-seconds"},
		{Name: "/cpu/classes/idle:cpu-seconds"},
	}
	metrics.Read(samples)
	return gcStats{
		cycles: float64(samples[0].Value.Uint64()),
		cpu:    samples[1].Value.Float64(),
		total:  samples[2].Value.Float64() - samples[3].Value.Float64(),
	}
}

func (s gcStats) plus(t gcStats) gcStats {
	return gcStats{s.cycles + t.cycles, s.cpu + t.cpu, s.total + t.total}
}

func (s gcStats) minus(t gcStats) gcStats {
	return gcStats{s.cycles - t.cycles, s.cpu - t.cpu, s.total - t.total}
}

// BenchmarkCheck runs "playbook check" on generated playbooks, reporting
// its processor time (cpu-s/op) and the most memory the Go runtime held
// during it (peak-MB), as BenchmarkBuild does. With PLAYBOOK_BENCH_LARGE=1
// it checks a 100,000-page playbook too.
func BenchmarkCheck(b *testing.B) {
	sizes := []int{1000, 10000}
	if os.Getenv(largeBenchEnv) == "1" {
		sizes = append(sizes, 100000)
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			src := b.TempDir()
			if err := gen.Write(src, n); err != nil {
				b.Fatal(err)
			}
			var cpu float64
			var peak uint64
			debug.FreeOSMemory()
			b.ResetTimer()
			for b.Loop() {
				start, stop := cpuSeconds(), watchPeak()
				if code := run(context.Background(), []string{"check", "--source", src}, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("check exited %d", code)
				}
				peak = max(peak, stop())
				cpu += cpuSeconds() - start
			}
			b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(peak)/1e6, "peak-MB")
		})
	}
}

// measureFloor reads the Markdown of the pages under dir's content/ and
// returns the wall and processor time of floor on it; the Markdown is
// not kept.
func measureFloor(b *testing.B, dir string) (wall, cpu float64) {
	bodies := markdownBodies(b, dir)
	start, startCPU := time.Now(), cpuSeconds()
	floor(bodies)
	return time.Since(start).Seconds(), cpuSeconds() - startCPU
}

// markdownBodies returns the Markdown of the pages under dir's content/,
// front matter taken off, for floor.
func markdownBodies(b *testing.B, dir string) [][]byte {
	var bodies [][]byte
	err := fs.WalkDir(os.DirFS(dir), "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".md") {
			return err
		}
		src, err := os.ReadFile(dir + "/" + name)
		if err != nil {
			return err
		}
		for _, fence := range []string{"+++\n", "---\n"} {
			if rest, ok := bytes.CutPrefix(src, []byte(fence)); ok {
				if _, body, ok := bytes.Cut(rest, []byte("\n"+fence)); ok {
					src = body
				}
			}
		}
		bodies = append(bodies, src)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return bodies
}

// floor renders bodies to HTML with goldmark (GitHub-flavoured Markdown)
// and chroma (fenced code highlighted with CSS classes) alone, on all
// cores: the least a build of the same pages could cost.
func floor(bodies [][]byte) {
	md := goldmark.New(goldmark.WithExtensions(
		extension.GFM,
		highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true))),
	))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := w; i < len(bodies); i += workers {
				buf.Reset()
				if err := md.Convert(bodies[i], &buf); err != nil {
					panic(fmt.Sprintf("floor: %v", err))
				}
			}
		})
	}
	wg.Wait()
}

// watchPeak samples, until the function it returns is called, the memory
// the Go runtime holds from the system and has not returned to it, and
// that function returns the most seen.
func watchPeak() (stop func() uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	held := func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() - samples[1].Value.Uint64()
	}
	done, result := make(chan struct{}), make(chan uint64)
	go func() {
		peak := held()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				peak = max(peak, held())
			case <-done:
				result <- max(peak, held())
				return
			}
		}
	}()
	return func() uint64 {
		close(done)
		return <-result
	}
}
