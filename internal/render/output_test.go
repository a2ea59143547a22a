package render

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// writeOutput writes files into a DirOutput for dest and returns it,
// not yet committed.
func writeOutput(t *testing.T, dest string, files map[string]string) *DirOutput {
	t.Helper()
	out, err := NewDirOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := out.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestCommit replaces a destination in each state it may be in, with the
// exchange and with the two renames used where it is missing: the new site
// is there whole with its marker, the previous one is gone, and nothing is
// left beside it.
func TestCommit(t *testing.T) {
	commits := map[string]func(*DirOutput) error{
		"Commit":      (*DirOutput).Commit,
		"two renames": (*DirOutput).commitRenames,
	}
	before := map[string]func(t *testing.T, dest string){
		"an earlier output": func(t *testing.T, dest string) {
			if err := writeOutput(t, dest, map[string]string{"old.html": "old", "index.html": "old"}).Commit(); err != nil {
				t.Fatal(err)
			}
		},
		"an empty folder": func(t *testing.T, dest string) {
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
		},
		"no folder": func(t *testing.T, dest string) {},
	}
	for how, commit := range commits {
		for state, prepare := range before {
			if how == "two renames" && state == "no folder" {
				continue // Commit never falls back then: there is nothing to move aside.
			}
			t.Run(how+" over "+state, func(t *testing.T) {
				parent := t.TempDir()
				dest := filepath.Join(parent, "public")
				prepare(t, dest)
				out := writeOutput(t, dest, map[string]string{"index.html": "new", "a/index.html": "new a"})
				if err := commit(out); err != nil {
					t.Fatal(err)
				}
				if got, want := listDir(t, dest), []string{Marker, "a", "index.html"}; !slices.Equal(got, want) {
					t.Errorf("output holds %q, want %q", got, want)
				}
				if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "new" {
					t.Errorf("index.html = %q, want the new site's", b)
				}
				if !IsOutput(dest) {
					t.Error("the output has no marker")
				}
				if got := listDir(t, parent); !slices.Equal(got, []string{"public"}) {
					t.Errorf("left beside the output: %q", got)
				}
			})
		}
	}
}

// TestCommitSteps follows a commit over an earlier output step by step:
// at no step is the destination missing, and its hook sees the previous
// site before the swap and the new one after.
func TestCommitSteps(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(t, dest, map[string]string{"index.html": "old"}).Commit(); err != nil {
		t.Fatal(err)
	}
	out := writeOutput(t, dest, nil)
	var steps []string
	out.Hook = func(step string) {
		b, err := os.ReadFile(filepath.Join(dest, "index.html"))
		steps = append(steps, step+": "+string(b))
		if err != nil {
			t.Errorf("at %s the output is not whole: %v", step, err)
		}
	}
	if err := out.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := out.WriteFile("other.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	want := []string{"writing: old", "swap: old", "swapped: new"}
	if !slices.Equal(steps, want) {
		t.Errorf("steps %q, want %q", steps, want)
	}
}

// TestLeftoversRemoved leaves beside an output what builds killed at each
// step leave, and things that are not ours: the next build removes its
// own leftovers only.
func TestLeftoversRemoved(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := writeOutput(t, dest, map[string]string{"index.html": "old"}).Commit(); err != nil {
		t.Fatal(err)
	}
	mkdir := func(name string, files ...string) {
		dir := filepath.Join(parent, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	mkdir(".public.new-1", Marker, "index.html")     // killed while writing
	mkdir(".public.new-2.old", Marker, "index.html") // killed between two renames
	mkdir(".public.new-3")                           // killed before its marker
	mkdir(".public.new-4", "index.html")             // not ours: no marker
	mkdir(".site.new-5", Marker, "index.html")       // another output's
	mkdir("notes", Marker)
	out, err := NewDirOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Abort(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := []string{".public.new-4", ".site.new-5", "notes", "public"}
	if got := listDir(t, parent); !slices.Equal(got, want) {
		t.Errorf("beside the output: %q, want %q", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, ".public.new-4", "index.html")); !strings.Contains(string(b), "index.html") {
		t.Error("a folder without the marker was changed")
	}
}

// TestTwoBuildsAtOnce starts a second build into a destination while a
// first one writes: the second leaves the first's folder alone, and the
// first swaps its whole site in.
func TestTwoBuildsAtOnce(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	first := writeOutput(t, dest, map[string]string{"index.html": "first"})
	second := writeOutput(t, dest, map[string]string{"index.html": "second"})
	if err := first.WriteFile("a/index.html", []byte("first a")); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := listDir(t, dest), []string{Marker, "a", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("the first build's output holds %q, want %q", got, want)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "second" {
		t.Errorf("index.html = %q, want the second build's", b)
	}
	if got := listDir(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("left beside the output: %q", got)
	}
}

// TestAbort removes an unfinished site of nested folders and a link to a
// folder outside it, whose target stays; and stops an Abort whose time is
// up, leaving a folder with its marker that the next build removes.
func TestAbort(t *testing.T) {
	files := map[string]string{"index.html": "home", "b.css": "css"}
	for i := range 50 {
		files["s/"+strconv.Itoa(i)+"/index.html"] = "page"
		files["v/s/"+strconv.Itoa(i)+"/x/index.html"] = "deep page"
	}
	t.Run("removes all", func(t *testing.T) {
		parent := t.TempDir()
		outside := t.TempDir()
		if err := os.WriteFile(filepath.Join(outside, "keep"), []byte("keep"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := writeOutput(t, filepath.Join(parent, "public"), files)
		for _, link := range []string{"latest", "v/latest"} {
			if err := os.Symlink(outside, filepath.Join(out.Folder(), link)); err != nil {
				t.Fatal(err)
			}
		}
		if err := out.Abort(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := listDir(t, parent); len(got) != 0 {
			t.Errorf("left beside the output: %q", got)
		}
		if got := listDir(t, outside); !slices.Equal(got, []string{"keep"}) {
			t.Errorf("the folder a link led to holds %q, want only keep", got)
		}
	})
	t.Run("stops when its time is up", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		out := writeOutput(t, dest, files)
		ctx, cancel := context.WithTimeout(context.Background(), 0)
		defer cancel()
		if err := out.Abort(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Abort = %v, want the deadline's error", err)
		}
		if !IsOutput(out.Folder()) {
			t.Fatal("the folder left lost its marker")
		}
		next, err := NewDirOutput(dest)
		if err != nil {
			t.Fatal(err)
		}
		if err := next.Abort(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := listDir(t, parent); len(got) != 0 {
			t.Errorf("the next build left beside the output: %q", got)
		}
	})
}

// TestKeep keeps folders of the previous site in the next: the files are
// there, as links to the previous ones where the file system has them; a
// folder the previous site lacks is an error that leaves nothing; and the
// previous site is whole after the new one is aborted, and is replaced by
// it on Commit.
func TestKeep(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOutput(t, dest, map[string]string{"v1/a/index.html": "a", "v1/b.css": "b", "v2/index.html": "2"}).Commit(); err != nil {
		t.Fatal(err)
	}
	for _, commit := range []bool{false, true} {
		out := writeOutput(t, dest, map[string]string{"v3/index.html": "3"})
		if b, err := out.Previous(Marker); err != nil || string(b) != markerText {
			t.Errorf("Previous(%s): %q, %v", Marker, b, err)
		}
		if err := out.Keep(context.Background(), "v1", "v1"); err != nil {
			t.Fatal(err)
		}
		if err := out.Keep(context.Background(), "v1", "latest"); err != nil {
			t.Fatal(err)
		}
		if err := out.Keep(context.Background(), "v9", "v9"); err == nil {
			t.Error("kept a folder the previous site lacks")
		}
		if _, err := os.Stat(filepath.Join(out.Folder(), "v9")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a folder that could not be kept is there: %v", err)
		}
		for _, name := range []string{"v1/a/index.html", "latest/a/index.html"} {
			kept, err := os.Stat(filepath.Join(out.Folder(), name))
			if err != nil {
				t.Fatal(err)
			}
			prev, err := os.Stat(filepath.Join(dest, "v1/a/index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(kept, prev) {
				t.Errorf("%s is not a link to the previous file", name)
			}
		}
		if !commit {
			if err := out.Abort(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := listDir(t, dest); !slices.Equal(got, []string{Marker, "v1", "v2"}) {
				t.Errorf("after Abort the previous site holds %v", got)
			}
			continue
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := listDir(t, dest); !slices.Equal(got, []string{Marker, "latest", "v1", "v3"}) {
			t.Errorf("the new site holds %v", got)
		}
		if b, err := os.ReadFile(filepath.Join(dest, "latest/b.css")); err != nil || string(b) != "b" {
			t.Errorf("latest/b.css: %q, %v", b, err)
		}
	}
	// A folder that is not an output has no previous site to keep from.
	plain := t.TempDir()
	if err := os.MkdirAll(filepath.Join(plain, "v1"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := NewDirOutput(plain)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort(context.Background())
	if err := out.Keep(context.Background(), "v1", "v1"); err == nil {
		t.Error("kept a folder of a folder that is not an output")
	}
}

// TestAddedSince: what is newer than an output's Marker at its top is
// what was added by hand; an output whose Marker has an older text, whose
// time is the build's start, has nothing to say.
func TestAddedSince(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{Marker, "index.html", "guides"} {
		p := filepath.Join(dir, name)
		if name == "guides" {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(p, []byte(markerText), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"CNAME", "extra/a.txt"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := addedSince(dir), []string{"CNAME", "extra/"}; !slices.Equal(got, want) {
		t.Errorf("added %q, want %q", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, Marker), []byte("This folder is the output of playbook build.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := addedSince(dir); got != nil {
		t.Errorf("with an older Marker: added %q, want nothing", got)
	}
}
