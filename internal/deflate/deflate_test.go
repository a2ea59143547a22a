package deflate

import (
	"bytes"
	"strings"
	"testing"
)

// TestRoundTrip wants back what was compressed, appended after what the
// buffer held, for empty, short and long inputs, from many goroutines
// sharing the pools.
func TestRoundTrip(t *testing.T) {
	inputs := [][]byte{nil, []byte("a"), []byte(strings.Repeat("<p>Most homes in three days.</p>\n", 5000))}
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, in := range inputs {
				got, err := Append([]byte("head:"), Compress(in))
				if err != nil {
					t.Error(err)
					return
				}
				if want := append([]byte("head:"), in...); !bytes.Equal(got, want) {
					t.Errorf("Append gave %d bytes, want %d", len(got), len(want))
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

// TestNotCompressed wants an error, not a panic, for data Compress did not
// make.
func TestNotCompressed(t *testing.T) {
	if _, err := Append(nil, []byte{0xff, 0xff, 0xff}); err == nil {
		t.Error("Append of data that Compress did not make: no error")
	}
}

// TestCompressKeepsItsSize wants a result that holds no more memory than
// its length: a build keeps every page's, and the encoder would leave room
// for as much as its input.
func TestCompressKeepsItsSize(t *testing.T) {
	c := Compress([]byte(strings.Repeat("<p>Most homes in three days.</p>\n", 5000)))
	if cap(c) != len(c) || len(c) > 1000 {
		t.Errorf("Compress gave %d bytes in %d", len(c), cap(c))
	}
}
