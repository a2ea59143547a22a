package render

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

// cancelling is an Output that cancels a context at its nth file, and
// counts the files written.
type cancelling struct {
	n      int32
	cancel context.CancelFunc
	count  atomic.Int32
}

func (c *cancelling) WriteFile(name string, data []byte) error {
	if c.count.Add(1) == c.n {
		c.cancel()
	}
	return nil
}

// TestRenderStopsWhenCancelled cancels a render after a few files: the
// files being rendered then are finished, no other is started, and Render
// returns the context's error.
func TestRenderStopsWhenCancelled(t *testing.T) {
	fsys := genFS(200)
	_, r := loadRenderer(t, fsys)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &cancelling{n: 10, cancel: cancel}
	if err := r.Render(ctx, out); !errors.Is(err, context.Canceled) {
		t.Errorf("Render returned %v, want %v", err, context.Canceled)
	}
	// Each worker may finish the one file it was rendering.
	most := int(out.n) + runtime.GOMAXPROCS(0) - 1
	if got := int(out.count.Load()); got > most {
		t.Errorf("%d of %d files written after a cancel at the %dth; want at most %d", got, len(r.Names()), out.n, most)
	}
}

// failing is an Output that fails at its nth file, and counts the files
// written.
type failing struct {
	n     int32
	count atomic.Int32
}

var errDiskFull = errors.New("disk full")

func (f *failing) WriteFile(name string, data []byte) error {
	if f.count.Add(1) == f.n {
		return errDiskFull
	}
	return nil
}

// TestRenderStopsAtFirstError fails a render's tenth file: Render returns
// that error, and no file is started after it.
func TestRenderStopsAtFirstError(t *testing.T) {
	fsys := genFS(200)
	_, r := loadRenderer(t, fsys)
	out := &failing{n: 10}
	if err := r.Render(context.Background(), out); !errors.Is(err, errDiskFull) {
		t.Errorf("Render returned %v, want %v", err, errDiskFull)
	}
	most := int(out.n) + runtime.GOMAXPROCS(0) - 1
	if got := int(out.count.Load()); got > most {
		t.Errorf("%d of %d files written after a failure at the %dth; want at most %d", got, len(r.Names()), out.n, most)
	}
}
