package markdown

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// The HTML of a Doc is kept compressed: a site holds every page's HTML from
// load to render, and HTML made from prose compresses to about a third of
// its size at the fastest level, at a cost near that of parsing it once.

// A compressor and its buffer are pooled, and so are readers: each holds
// tens of kilobytes of tables and window, more than the HTML of a page.
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

// compress returns html compressed.
func compress(html []byte) []byte {
	c := compressors.Get().(*compressor)
	defer compressors.Put(c)
	c.buf.Reset()
	c.w.Reset(&c.buf)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = c.w.Write(html)
	_ = c.w.Close()
	return bytes.Clone(c.buf.Bytes())
}

// decompress calls f with a reader of what compress was given data.
func decompress(data []byte, f func(io.Reader) error) error {
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(data), nil); err != nil {
		return err
	}
	return f(r)
}
