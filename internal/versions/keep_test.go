package versions

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/render"
	"playbook/internal/site"
)

// buildInto builds the versions of dir's working tree into the folder dest
// at the time now, as playbook build does, and returns the names of the
// versions kept from the previous output.
func buildInto(t *testing.T, dir, dest string, now time.Time) []string {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	cfg, ps := site.ParseConfig(readFile(root.FS(), site.ConfigFile))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	b, problems, err := Load(Options{Source: dir, Worktree: root.FS(), Config: cfg, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out, err := render.NewDirOutputOver(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, v := range b.Versions {
		if v.Kept {
			kept = append(kept, v.Name)
		}
	}
	return kept
}

// outputFiles reads every file of an output folder, by slash path; a
// symbolic link reads as "-> target".
func outputFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			files[filepath.ToSlash(rel)] = []byte("-> " + target)
			return err
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameOutput reports how the output folder got differs from want.
func sameOutput(t *testing.T, got, want string) {
	t.Helper()
	g, w := outputFiles(t, got), outputFiles(t, want)
	for name, b := range w {
		if gb, ok := g[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(gb, b) {
			t.Errorf("%s: not as a cold build writes it:\n%.300s\nwant\n%.300s", name, gb, b)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: not written by a cold build", name)
		}
	}
}

// TestKeepUnchangedVersions builds versions, changes one input, and builds
// again into the same folder: the versions whose inputs did not change are
// kept from the previous output, and the output is byte for byte what a
// cold build of the same inputs writes into an empty folder.
func TestKeepUnchangedVersions(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, r *repo, dest string) time.Time
		kept   []string
	}{
		{"nothing changed", func(*testing.T, *repo, string) time.Time { return testNow }, []string{"q3", "q2", "q1"}},
		{"a page of the working tree edited", func(t *testing.T, r *repo, _ string) time.Time {
			r.write(map[string]string{"content/reference/glossary.md": "# Glossary\n\nMore words.\n"})
			return testNow
		}, []string{"q3", "q2", "q1"}},
		{"later the same day", func(*testing.T, *repo, string) time.Time { return testNow.Add(time.Hour) }, []string{"q3", "q2", "q1"}},
		{"a page added to the working tree", func(t *testing.T, r *repo, _ string) time.Time {
			// No page of the other versions leads to it.
			r.write(map[string]string{"content/promises/slow.md": "+++\ntitle = \"Slow\"\npromise = \"We call back this week.\"\n+++\nSlow.\n"})
			return testNow
		}, []string{"q3", "q2", "q1"}},
		{"a page added to a section new to the working tree", func(t *testing.T, r *repo, _ string) time.Time {
			// q3 and the working tree had no guides/ left; now the guides
			// section of q2 and q1 leads to the working tree's.
			r.write(map[string]string{"content/guides/new.md": "# New\n"})
			return testNow
		}, []string{"q3"}},
		{"a page moved in the working tree", func(t *testing.T, r *repo, _ string) time.Time {
			// The switcher of every version leads to its new place.
			r.git("rm", "-q", "content/reference/glossary.md")
			r.write(map[string]string{"content/guides/glossary.md": "+++\nid = \"glossary\"\n+++\n# Glossary\n"})
			return testNow
		}, nil},
		{"a page removed from the working tree", func(t *testing.T, r *repo, _ string) time.Time {
			// The switcher of every version says it is not there.
			r.git("rm", "-q", "content/reference/glossary.md")
			return testNow
		}, nil},
		{"a new tag", func(t *testing.T, r *repo, _ string) time.Time {
			r.commit("Fourth quarter", "q4")
			return testNow
		}, nil},
		{"the theme changed", func(t *testing.T, r *repo, _ string) time.Time {
			r.write(map[string]string{"static/extra.css": "p { color: red }\n"})
			return testNow
		}, nil},
		{"the settings changed", func(t *testing.T, r *repo, _ string) time.Time {
			r.write(map[string]string{"site.toml": versionsToml + "latest = \"q2\"\n"})
			return testNow
		}, nil},
		{"the next day", func(*testing.T, *repo, string) time.Time { return testNow.AddDate(0, 0, 1) }, nil},
		{"another playbook program", func(t *testing.T, _ *repo, _ string) time.Time {
			was := toolID
			toolID = func() string { return "another" }
			t.Cleanup(func() { toolID = was })
			return testNow
		}, nil},
		{"no fingerprints", func(t *testing.T, _ *repo, dest string) time.Time {
			if err := os.Remove(filepath.Join(dest, FingerprintFile)); err != nil {
				t.Fatal(err)
			}
			return testNow
		}, nil},
		{"unreadable fingerprints", func(t *testing.T, _ *repo, dest string) time.Time {
			if err := os.WriteFile(filepath.Join(dest, FingerprintFile), []byte("{\"format\": 1, \"versions\": [tr"), 0o644); err != nil {
				t.Fatal(err)
			}
			return testNow
		}, nil},
		{"not a marked output", func(t *testing.T, _ *repo, dest string) time.Time {
			if err := os.Remove(filepath.Join(dest, render.Marker)); err != nil {
				t.Fatal(err)
			}
			return testNow
		}, nil},
		{"a version's folder gone from the output", func(t *testing.T, _ *repo, dest string) time.Time {
			if err := os.RemoveAll(filepath.Join(dest, "q2")); err != nil {
				t.Fatal(err)
			}
			return testNow
		}, []string{"q3", "q1"}},
	}
	for _, tt := range tests {
		for _, over := range []bool{false, true} {
			name := tt.name
			if over {
				name += " over the output before the last"
			}
			t.Run(name, func(t *testing.T) {
				r := history(t)
				dest := filepath.Join(t.TempDir(), "public")
				if kept := buildInto(t, r.dir, dest, testNow); len(kept) > 0 {
					t.Fatalf("the first build kept %v", kept)
				}
				if over {
					// The second build keeps the first's site beside dest,
					// and the third is written over it.
					buildInto(t, r.dir, dest, testNow)
				}
				spare := filepath.Join(filepath.Dir(dest), ".public.prev", render.Marker)
				before, _ := os.Stat(spare)
				now := tt.change(t, r, dest)
				kept := buildInto(t, r.dir, dest, now)
				if after, err := os.Stat(filepath.Join(dest, render.Marker)); over && (err != nil || !os.SameFile(before, after)) {
					t.Error("the build was not written over the output before the last")
				}
				if !slices.Equal(kept, tt.kept) {
					t.Errorf("kept %v, want %v", kept, tt.kept)
				}
				cold := filepath.Join(t.TempDir(), "public")
				if kept := buildInto(t, r.dir, cold, now); len(kept) > 0 {
					t.Fatalf("a cold build kept %v", kept)
				}
				sameOutput(t, dest, cold)
			})
		}
	}
}

// TestKeepUntilAReviewFallsDue builds a version with a page whose review
// falls due at 1 pm: it is kept by a build at 12:30, and rendered again by
// one at 2 pm, when the page shows it overdue, as a cold build does.
func TestKeepUntilAReviewFallsDue(t *testing.T) {
	r := history(t)
	r.write(map[string]string{"content/guides/due.md": "+++\ntitle = \"Due\"\nreviewed = 2026-10-02T13:00:00Z\nreview_every = \"30d\"\n+++\nDue.\n"})
	r.commit("A page to review", "q4")
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, r.dir, dest, testNow)
	if kept := buildInto(t, r.dir, dest, testNow.Add(30*time.Minute)); !slices.Equal(kept, []string{"q4", "q3", "q2", "q1"}) {
		t.Errorf("kept %v before the review fell due, want every version", kept)
	}
	later := testNow.Add(2 * time.Hour)
	if kept := buildInto(t, r.dir, dest, later); !slices.Equal(kept, []string{"q3", "q2", "q1"}) {
		t.Errorf("kept %v once the review fell due, want all but q4", kept)
	}
	cold := filepath.Join(t.TempDir(), "public")
	buildInto(t, r.dir, cold, later)
	sameOutput(t, dest, cold)
}

// TestKeepFromMemory keeps unchanged versions from a previous output in
// memory, as serve --versions does: their files are the previous ones.
func TestKeepFromMemory(t *testing.T) {
	r := history(t)
	_, first := build(t, r.dir)
	r.write(map[string]string{"content/reference/glossary.md": "# Glossary\n\nMore words.\n"})
	b, _, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	out := render.NewMemOutputAfter(first)
	if err := b.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	for _, v := range b.Versions {
		if v.Kept != (v.Commit != nil) {
			t.Errorf("%s: kept %v", v.Name, v.Kept)
		}
	}
	_, cold := build(t, r.dir)
	if got, want := out.Names(), cold.Names(); !slices.Equal(got, want) {
		t.Fatalf("files %v\nwant %v", got, want)
	}
	for _, name := range cold.Names() {
		got, _ := out.File(name)
		want, _ := cold.File(name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: not as a cold build writes it", name)
		}
	}
	if !strings.Contains(file(t, out, "draft/reference/glossary/index.html"), "More words.") {
		t.Error("the working tree's edit is not shown")
	}
}

// TestKeepStopsWhenCancelled builds over a previous output with a context
// already done: nothing is kept or written, and the previous output is as
// it was.
func TestKeepStopsWhenCancelled(t *testing.T) {
	r := history(t)
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, r.dir, dest, testNow)
	before := outputFiles(t, dest)
	b, _, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	out, err := render.NewDirOutput(dest)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := b.Render(ctx, out); !errors.Is(err, context.Canceled) {
		t.Errorf("Render returned %v, want %v", err, context.Canceled)
	}
	if err := out.Abort(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := outputFiles(t, dest)
	if len(after) != len(before) {
		t.Errorf("the previous output has %d files, had %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s changed", name)
		}
	}
}
