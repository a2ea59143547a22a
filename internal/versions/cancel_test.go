package versions

import (
	"context"
	"errors"
	"testing"

	"playbook/internal/render"
)

// TestRenderStopsWhenCancelled renders versions with a context already
// done: the walk over history and the pages stop at once, writing nothing.
func TestRenderStopsWhenCancelled(t *testing.T) {
	r := history(t)
	b, _, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := render.NewMemOutput()
	if err := b.Render(ctx, out); !errors.Is(err, context.Canceled) {
		t.Errorf("Render returned %v, want %v", err, context.Canceled)
	}
	if names := out.Names(); len(names) > 0 {
		t.Errorf("wrote %d files after the build was cancelled: %v", len(names), names)
	}
}
