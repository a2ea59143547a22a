package markdown

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// The HTML of a Doc is kept compressed: a site holds every page's HTML from
// load to render, and HTML made from prose compresses to a fraction of its
// size at the fastest level, at a small cost beside parsing it.

// Writers and readers are pooled: each holds tens of kilobytes of tables
// and window, more than the HTML of a page.
var (
	writers = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.BestSpeed) // a valid level: no error
		return w
	}}
	readers = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)

// compress returns html compressed.
func compress(html []byte) []byte {
	var buf bytes.Buffer
	w := writers.Get().(*flate.Writer)
	defer writers.Put(w)
	w.Reset(&buf)
	// Writing to a bytes.Buffer cannot fail.
	_, _ = w.Write(html)
	_ = w.Close()
	return bytes.Clone(buf.Bytes())
}

// decompress returns what compress was given.
func decompress(data []byte) ([]byte, error) {
	if len(data) == 0 {
		return nil, nil
	}
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(data), nil); err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
