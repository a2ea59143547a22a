// Package deflate keeps bytes compressed in memory: a build holds every
// page's HTML and every search entry from the moment it is made until it
// is written, and text made from prose compresses to a quarter or less.
//
// The format is Zstandard at its fastest level (klauspost/compress), which
// compresses as small as DEFLATE's fastest level in half the time and
// reads back several times faster; the name is the job's, not the
// format's. The encoder and decoder are made once and shared: each call
// takes one of their per-core states, tens of kilobytes of tables and
// window, more than what one page compresses to.
//
// A Spill holds compressed bytes in a file instead: a build of a large
// site parks every page's HTML there between parsing and rendering. It
// writes S2 (klauspost/compress/s2), larger but several times faster.
package deflate

import (
	"sync"

	"github.com/klauspost/compress/zstd"
)

var (
	// The options are valid ones: making them cannot fail.
	encoder, _ = zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedFastest),
		// The bytes never leave memory: a checksum guards nothing.
		zstd.WithEncoderCRC(false),
	)
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
	// scratch holds buffers to compress into: EncodeAll would otherwise
	// allocate as much as its input, which the result would keep.
	scratch = sync.Pool{New: func() any { return new([]byte) }}
)

// Compress returns b compressed.
func Compress(b []byte) []byte {
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	*buf = encoder.EncodeAll(b, (*buf)[:0])
	if len(*buf) == 0 {
		return nil
	}
	out := make([]byte, len(*buf))
	copy(out, *buf)
	return out
}

// Append appends to b what Compress was given to make data.
func Append(b, data []byte) ([]byte, error) {
	return decoder.DecodeAll(data, b)
}
