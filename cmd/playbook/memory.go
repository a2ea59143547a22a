package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// buildMemory is the memory a build aims to stay within: a soft limit on
// what the Go runtime holds (see debug.SetMemoryLimit).
//
// A build's live data is its loaded site, a few kilobytes a page, and by
// default the collector lets garbage (parse trees, pages being written)
// grow to as much again before it collects: a 100,000-page site took
// twice the memory it holds. The limit makes the collector work harder
// only as the process nears it, so a site of a few thousand pages builds
// as before.
const buildMemory = 1 << 30

// limitMemory sets the soft memory limit of a build, unless GOMEMLIMIT
// sets one. Call loaded once the site is loaded, and restore when the
// build is done: the command's tests run builds in one process.
func limitMemory() (loaded, restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}, func() {}
	}
	prev := debug.SetMemoryLimit(buildMemory)
	loaded = func() {
		// A site holding nearly all of the limit would have the
		// collector run back to back for little: it is given room for
		// a quarter as much garbage as it holds.
		if limit := liveHeap() * 5 / 4; limit > buildMemory {
			debug.SetMemoryLimit(limit)
		}
	}
	return loaded, func() { debug.SetMemoryLimit(prev) }
}

// liveHeap returns the bytes of the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
