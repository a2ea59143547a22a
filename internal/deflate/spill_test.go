package deflate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
)

// TestSpillRoundTrip keeps pages from several goroutines and reads each
// back, some while still buffered, some after the buffer was written out.
func TestSpillRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s, err := NewSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page := func(g, i int) []byte {
		return []byte(strings.Repeat(fmt.Sprintf("<p>Page %d of writer %d: most homes in three days.</p>\n", i, g), 1+i%50))
	}
	const writers, pages = 4, 400
	blobs := make([][]Blob, writers)
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := range pages {
				x := s.Keep(page(g, i))
				if x.spill == nil {
					t.Errorf("writer %d page %d kept in memory", g, i)
				}
				blobs[g] = append(blobs[g], x)
				if i%97 == 0 {
					// Read back at once: still in the buffer.
					if got, err := x.Append(nil); err != nil || !bytes.Equal(got, page(g, i)) {
						t.Errorf("writer %d page %d read at once: %d bytes, %v", g, i, len(got), err)
					}
				}
			}
		})
	}
	wg.Wait()
	for g := range writers {
		for i, x := range blobs[g] {
			got, err := x.Append([]byte("head:"))
			if want := append([]byte("head:"), page(g, i)...); err != nil || !bytes.Equal(got, want) {
				t.Fatalf("writer %d page %d: %d bytes, %v; want %d", g, i, len(got), err, len(want))
			}
		}
	}
	if (Blob{}).spill != nil {
		t.Fatal("zero Blob in a spill")
	}
	if got, err := s.Keep(nil).Append(nil); err != nil || len(got) != 0 {
		t.Errorf("empty input: %q, %v", got, err)
	}
}

// TestSpillLeavesNothing wants no file left in the folder, while the
// spill is open (where the system allows) and after Close.
func TestSpillLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s, err := NewSpill(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Keep([]byte("<p>x</p>"))
	if !s.named {
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("open spill left %v", left)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("closed spill left %v", left)
	}
}

// TestSpillWriteFails keeps in memory what the file cannot take, and
// reads it back.
func TestSpillWriteFails(t *testing.T) {
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.f.Close()                // every write fails from here
	big := make([]byte, 3<<20) // more than the buffer: written at once
	for i := range big {
		big[i] = byte(rand.IntN(256))
	}
	x := s.Keep(big)
	if x.spill != nil {
		t.Fatal("kept in a file that cannot be written")
	}
	if got, err := x.Append(nil); err != nil || !bytes.Equal(got, big) {
		t.Fatalf("read back %d bytes, %v", len(got), err)
	}
	if y := s.Keep([]byte("<p>after</p>")); y.spill != nil {
		t.Error("kept in the file after a failed write")
	}
}

// TestSpillReadFails wants an error, not a panic, for a spill that cannot
// be read back.
func TestSpillReadFails(t *testing.T) {
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	x := s.Keep([]byte("<p>Most homes in three days.</p>"))
	s.Close()
	if _, err := x.Append(nil); err == nil || !strings.Contains(err.Error(), "spill") {
		t.Errorf("read after Close: %v, want a spill error", err)
	}
}

// TestNewSpillNoFolder wants an error for a folder that is not there.
func TestNewSpillNoFolder(t *testing.T) {
	if _, err := NewSpill(t.TempDir() + "/missing"); err == nil {
		t.Error("no error")
	}
}

// TestSpillDamaged wants an error, not a panic, for bytes in the file that
// are not what Keep wrote.
func TestSpillDamaged(t *testing.T) {
	s, err := NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	page := []byte(strings.Repeat("<p>Most homes in three days.</p>\n", 40))
	x := s.Keep(page)
	if got, err := x.Append(nil); err != nil || !bytes.Equal(got, page) {
		t.Fatalf("read back %d bytes, %v", len(got), err)
	}
	if _, err := s.f.WriteAt(bytes.Repeat([]byte{0xff}, int(x.n)), x.off); err != nil {
		t.Fatal(err)
	}
	if got, err := x.Append(nil); err == nil || !strings.Contains(err.Error(), "spill") {
		t.Errorf("damaged: %d bytes, %v; want a spill error", len(got), err)
	}
}
