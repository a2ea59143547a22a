package render

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExchange swaps two folders in one step, as Linux file systems used
// for sites (ext4, xfs, btrfs, tmpfs) allow.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(a, b); err != nil {
		t.Fatalf("exchange: %v", err)
	}
	for dir, want := range map[string]string{a: "b", b: "a"} {
		if got, _ := os.ReadFile(filepath.Join(dir, "name")); string(got) != want {
			t.Errorf("%s holds %q, want %q", filepath.Base(dir), got, want)
		}
	}
}
