// Package deflate keeps bytes compressed in memory: a build holds every
// page's HTML and every search entry from the moment it is made until it
// is written, and text made from prose compresses to a third or less at the
// fastest level, at a cost near that of parsing the page once.
//
// Compressors and readers are pooled: each holds tens of kilobytes of
// tables and window, more than what one page compresses to.
package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

type compressor struct {
	w   *flate.Writer
	buf bytes.Buffer
}

var (
	compressors = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // a valid level: no error
		return &compressor{w: w}
	}}
	readers = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// Compress returns b compressed.
func Compress(b []byte) []byte {
	c := compressors.Get().(*compressor)
	defer compressors.Put(c)
	c.buf.Reset()
	c.w.Reset(&c.buf)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = c.w.Write(b)
	_ = c.w.Close()
	return bytes.Clone(c.buf.Bytes())
}

// Read calls f with a reader of what Compress was given to make data.
func Read(data []byte, f func(io.Reader) error) error {
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(data), nil); err != nil {
		return err
	}
	return f(r)
}

// Append appends to b what Compress was given to make data.
func Append(b, data []byte) ([]byte, error) {
	out := bytes.NewBuffer(b)
	err := Read(data, func(r io.Reader) error {
		_, err := out.ReadFrom(r)
		return err
	})
	return out.Bytes(), err
}
