package render

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// overOutput writes files into a DirOutput made by NewDirOutputOver for
// dest, keeps the folders named in keep from the previous site, and
// returns it, not yet committed.
func overOutput(t *testing.T, dest string, files map[string]string, keep ...string) *DirOutput {
	t.Helper()
	out, err := NewDirOutputOver(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keep {
		if err := out.Keep(context.Background(), k, k); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		if err := out.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// stat returns the file or folder at name under dir.
func stat(t *testing.T, dir, name string) os.FileInfo {
	t.Helper()
	info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestDirOutputOver builds a site again and again over its previous
// output: each output holds what was written and kept, and nothing else,
// exactly; the site replaced is kept beside the destination and written
// over by the next build, its files reused where no other site shares
// them, a folder kept again left as it is; and the live site is never
// changed by a build that writes over the one before it.
func TestDirOutputOver(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	spare := spareName(dest)
	commit := func(out *DirOutput) {
		t.Helper()
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	// 1: into an empty destination; 2: over it, keeping v1: no spare yet.
	commit(overOutput(t, dest, map[string]string{"v1/a/index.html": "a1", "v1/b/index.html": "b1", "draft/x/index.html": "x1", "draft/gone/index.html": "gone", "index.html": "root1"}))
	if IsOutput(spare) {
		t.Fatal("a build that replaced nothing kept a spare")
	}
	commit(overOutput(t, dest, map[string]string{"draft/x/index.html": "x2", "draft/gone/index.html": "gone", "index.html": "root2"}, "v1"))
	if !IsOutput(spare) {
		t.Fatal("the site replaced is not kept beside the destination")
	}
	draftX := stat(t, spare, "draft/x/index.html")
	spareV1 := stat(t, spare, "v1/a")
	keptA := stat(t, dest, "v1/a/index.html")
	liveRoot := stat(t, dest, "index.html")

	// 3: over the spare (build 1's site): v1 there is build 1's, whose
	// files build 2 kept, so it stays as it is. draft/gone is gone; a
	// file becomes a folder and a folder a file.
	out := overOutput(t, dest, map[string]string{
		"draft/x/index.html": "x3 longer than before", "index.html": "r3",
		"draft/gone": "now a file", "v2/index.html": "",
	}, "v1")
	if IsOutput(spare) {
		t.Error("the spare is still there while a build writes over it")
	}
	if got := stat(t, out.Folder(), "v1/a/index.html"); !os.SameFile(got, keptA) {
		t.Error("v1/a/index.html is not the file of the live site")
	}
	if got := stat(t, out.Folder(), "v1/a"); !os.SameFile(got, spareV1) {
		t.Error("v1, the same in the site replaced, was not left as it was")
	}
	if got := stat(t, out.Folder(), "draft/x/index.html"); !os.SameFile(got, draftX) {
		t.Error("draft/x/index.html, shared with no other site, was not written over")
	}
	if got := stat(t, dest, "index.html"); !os.SameFile(got, liveRoot) {
		t.Error("the live site's index.html was replaced before the swap")
	}
	commit(out)
	want := map[string]string{
		Marker: markerText, "v1/a/index.html": "a1", "v1/b/index.html": "b1",
		"draft/x/index.html": "x3 longer than before", "draft/gone": "now a file",
		"index.html": "r3", "v2/index.html": "",
	}
	if got := readTree(t, dest); !maps.Equal(got, want) {
		t.Errorf("after writing over the spare the site holds\n%v\nwant\n%v", got, want)
	}
	// Build 2's site, now the spare, is whole as it was.
	if got := readTree(t, spare); got["draft/x/index.html"] != "x2" || got["index.html"] != "root2" || got["v1/a/index.html"] != "a1" {
		t.Errorf("the site replaced holds %v", got)
	}

	// 4: v1 rendered again rather than kept: its files in the spare are
	// build 3's too (links), and must not be written into.
	commit(overOutput(t, dest, map[string]string{"v1/a/index.html": "a4", "index.html": "r4"}, "draft"))
	if got := readTree(t, spare); got["v1/a/index.html"] != "a1" {
		t.Errorf("writing v1 again changed the site replaced: %q", got["v1/a/index.html"])
	}
	want = map[string]string{
		Marker: markerText, "v1/a/index.html": "a4", "index.html": "r4",
		"draft/x/index.html": "x3 longer than before", "draft/gone": "now a file",
	}
	if got := readTree(t, dest); !maps.Equal(got, want) {
		t.Errorf("after rendering v1 again the site holds\n%v\nwant\n%v", got, want)
	}

	// 5: over build 3's site, where draft/gone is a file: files of a
	// folder there, written at once, each clear the way.
	out, err := NewDirOutputOver(dest)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { errs[i] = out.WriteFile(fmt.Sprintf("draft/gone/%d/index.html", i), []byte("5")) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	commit(out)
	if got := listDir(t, filepath.Join(dest, "draft/gone")); len(got) != len(errs) {
		t.Errorf("draft/gone holds %v", got)
	}

	// A build over the spare that fails leaves the live site as it was,
	// and nothing beside it: the spare, half written, is removed.
	live := readTree(t, dest)
	out = overOutput(t, dest, map[string]string{"index.html": "failed", "draft/x/index.html": "failed"}, "draft")
	if err := out.Abort(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dest); !maps.Equal(got, live) {
		t.Errorf("after a failed build the live site holds\n%v\nwant\n%v", got, live)
	}
	if got := listDir(t, filepath.Dir(dest)); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside the destination after a failed build: %v", got)
	}
	commit(overOutput(t, dest, map[string]string{"index.html": "r6"}))
	commit(overOutput(t, dest, map[string]string{"index.html": "r7"}))

	// A build made by NewDirOutput has no use for the spare.
	out, err = NewDirOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(spare); !os.IsNotExist(err) {
		t.Errorf("NewDirOutput left the spare: %v", err)
	}
	if err := out.Abort(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, filepath.Dir(dest)); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside the destination: %v", got)
	}
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
