package main

import (
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	prev := debug.SetMemoryLimit(-1) // -1 reads the limit
	loaded, restore := limitMemory()
	if got := debug.SetMemoryLimit(-1); got != buildMemory {
		t.Errorf("limit during a build = %d, want %d", got, buildMemory)
	}
	// A test's live heap is far below the limit: it stays.
	loaded()
	if got := debug.SetMemoryLimit(-1); got != buildMemory {
		t.Errorf("limit once a small site is loaded = %d, want %d", got, buildMemory)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != prev {
		t.Errorf("limit after the build = %d, want the one before, %d", got, prev)
	}

	t.Setenv("GOMEMLIMIT", "2GiB")
	loaded, restore = limitMemory()
	loaded()
	if got := debug.SetMemoryLimit(-1); got != prev {
		t.Errorf("limit with GOMEMLIMIT set = %d, want it left at %d", got, prev)
	}
	restore()
}
