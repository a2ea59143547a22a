package deflate

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sync"

	"github.com/klauspost/compress/s2"
)

// A Spill is a file that compressed bytes are written to instead of being
// kept in memory. A build of a large site holds every page's HTML from
// the moment the page is parsed until the page and its search entry are
// written; at 100,000 pages that is hundreds of megabytes, which a file
// holds at the cost of a read per page, mostly from the system's cache.
// It is safe for concurrent use.
//
// A Spill compresses with S2 (klauspost/compress/s2), not Zstandard:
// every page of a build passes through it and is read back several
// times, and S2 does both three to four times faster, for a file a third
// larger, which costs no memory.
type Spill struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer
	// end is the size of what was written, flushed what of it reached the
	// file.
	end, flushed int64
	// named reports whether the file still has its name: where a system
	// cannot remove an open file, Close does.
	named bool
	// failed is set once a write failed: what comes after stays in memory.
	failed bool
}

// NewSpill makes a Spill in a new file in folder dir. The file has no
// name from the start where the system allows it, so that nothing is left
// behind however the program ends.
func NewSpill(dir string) (*Spill, error) {
	f, err := os.CreateTemp(dir, ".playbook-spill-*")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	s := &Spill{f: f, w: bufio.NewWriterSize(f, 1<<20), named: true}
	if os.Remove(f.Name()) == nil {
		s.named = false
	}
	return s, nil
}

// Close removes the file; Blobs in it can no longer be read.
func (s *Spill) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.f.Close()
	if s.named {
		if rerr := os.Remove(s.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}

// A Blob is bytes compressed by Keep: in memory, or in a Spill. The zero
// Blob holds nothing.
type Blob struct {
	mem   []byte
	spill *Spill
	off   int64
	n     int32
}

// Keep returns b compressed, written to s, or held in memory when s is nil
// or cannot be written (a full disk costs memory, not the build).
func (s *Spill) Keep(b []byte) Blob {
	if s == nil {
		return Blob{mem: Compress(b)}
	}
	if len(b) == 0 {
		return Blob{}
	}
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	if n := s2.MaxEncodedLen(len(b)); cap(*buf) < n {
		*buf = make([]byte, n)
	}
	*buf = s2.Encode((*buf)[:cap(*buf)], b)
	s.mu.Lock()
	if !s.failed {
		if _, err := s.w.Write(*buf); err == nil {
			x := Blob{spill: s, off: s.end, n: int32(len(*buf))}
			s.end += int64(len(*buf))
			s.mu.Unlock()
			return x
		}
		s.failed = true
	}
	s.mu.Unlock()
	// In memory, as without a Spill: what is in memory is Zstandard.
	return Blob{mem: Compress(b)}
}

// Append appends to dst what Keep was given to make x.
func (x Blob) Append(dst []byte) ([]byte, error) {
	if x.spill == nil {
		return Append(dst, x.mem)
	}
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	if cap(*buf) < int(x.n) {
		*buf = make([]byte, x.n)
	}
	*buf = (*buf)[:x.n]
	if err := x.spill.readAt(*buf, x.off); err != nil {
		return dst, err
	}
	return appendFast(dst, *buf)
}

// appendFast appends to dst what src, S2, holds.
func appendFast(dst, src []byte) ([]byte, error) {
	n, err := s2.DecodedLen(src)
	if err != nil {
		return dst, fmt.Errorf("spill: %w", err)
	}
	dst = slices.Grow(dst, n)
	out, err := s2.Decode(dst[len(dst):len(dst)+n], src)
	if err != nil {
		return dst, fmt.Errorf("spill: %w", err)
	}
	return dst[:len(dst)+len(out)], nil
}

// readAt reads len(b) bytes at off, flushing what is still buffered.
func (s *Spill) readAt(b []byte, off int64) error {
	end := off + int64(len(b))
	s.mu.Lock()
	if end > s.flushed {
		err := s.w.Flush()
		s.flushed = s.end
		if err != nil {
			s.mu.Unlock()
			return fmt.Errorf("spill: %w", err)
		}
	}
	s.mu.Unlock()
	if _, err := s.f.ReadAt(b, off); err != nil {
		return fmt.Errorf("spill: read %d bytes at %d: %w", len(b), off, err)
	}
	return nil
}
