package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func reviewCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"review"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReviewMarksPages(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":          "title = \"T\"\n",
		"content/_index.md":  "# Home\n",
		"content/a.md":       "+++\ntitle = \"A\" # the title\nreviewed = 2020-01-01\n+++\nBody\n",
		"content/b.md":       "---\ntitle: B\nowner: Ann\n---\nBody\n",
		"content/c.markdown": "+++\ntitle = \"C\"\n+++\nBody\n",
	})
	today := time.Now().Format(time.DateOnly)
	code, out, stderr := reviewCmd(t, "--source", dir, filepath.Join(dir, "content/a.md"), filepath.Join(dir, "content/b.md"), filepath.Join(dir, "content/c.markdown"))
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if want := "content/a.md: reviewed " + today + "\ncontent/b.md: reviewed " + today + "\ncontent/c.markdown: reviewed " + today + "\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
	for file, want := range map[string]string{
		"content/a.md": "+++\ntitle = \"A\" # the title\nreviewed = " + today + "\n+++\nBody\n",
		"content/b.md": "---\ntitle: B\nreviewed: " + today + "\nowner: Ann\n---\nBody\n",
	} {
		got, _ := os.ReadFile(filepath.Join(dir, file))
		if string(got) != want {
			t.Errorf("%s:\n%q\nwant\n%q", file, got, want)
		}
	}
}

func TestReviewRefuses(t *testing.T) {
	files := map[string]string{
		"site.toml":          "title = \"T\"\n",
		"content/_index.md":  "# Home\n",
		"content/a.md":       "+++\ntitle = \"A\"\n+++\n",
		"content/bad.md":     "+++\ntitle = \"A\"\nowner = [\n+++\n",
		"notes.md":           "+++\ntitle = \"N\"\n+++\n",
		"content/.hidden.md": "+++\ntitle = \"H\"\n+++\n",
		"content/.old/x.md":  "+++\ntitle = \"X\"\n+++\n",
		"content/json.md":    "{\n  \"title\": \"J\"\n}\n",
	}
	for _, c := range []struct {
		name string
		file string
		want string
	}{
		{"a file outside content/", "notes.md", "notes.md: not a page: it is outside"},
		{"a file that does not parse, at its line", "content/bad.md", "content/bad.md:3: front matter: "},
		{"a file that does not exist, without the system's words", "content/none.md", "content/none.md: no such file: check its name (pages end in .md)\n"},
		{"a section", "content/_index.md", "content/_index.md: a section is not reviewed, its pages are"},
		{"a hidden file a build leaves out", "content/.hidden.md", "content/.hidden.md: not a page: a build leaves out"},
		{"a file in a hidden folder", "content/.old/x.md", "content/.old/x.md: not a page: a build leaves out"},
		{"front matter written as JSON", "content/json.md", "content/json.md:1: front matter written as JSON: set \"reviewed\" in it by hand"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, files)
			code, _, stderr := reviewCmd(t, "--source", dir, filepath.Join(dir, "content/a.md"), filepath.Join(dir, c.file))
			if code != exitContent || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant it to hold %q", code, stderr, c.want)
			}
			// Refused for one file, the command changes none.
			if got, _ := os.ReadFile(filepath.Join(dir, "content/a.md")); string(got) != files["content/a.md"] {
				t.Errorf("content/a.md was changed:\n%s", got)
			}
		})
	}
	if code, _, _ := reviewCmd(t); code != exitUsage {
		t.Errorf("no files: exit %d, want %d", code, exitUsage)
	}
	dir := writeSite(t, files)
	if code, _, stderr := reviewCmd(t, "--source", filepath.Join(dir, "content"), filepath.Join(dir, "content/a.md")); code != exitUsage || !strings.Contains(stderr, "has no content/ folder: is --source the site's folder?") {
		t.Errorf("a source without content/: exit %d, want %d\n%s", code, exitUsage, stderr)
	}
}

// TestFromASubfolder: review and new, run without --source in a folder
// of the site's content/, as an author's editor leaves them, work on the
// site above it; in a folder of no site, they say so.
func TestFromASubfolder(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":             "title = \"T\"\n",
		"content/_index.md":     "# Home\n",
		"content/promises/a.md": "+++\npromise = \"We call.\"\n+++\nBody\n",
	})
	t.Chdir(filepath.Join(dir, "content", "promises"))
	if code, out, stderr := reviewCmd(t, "a.md"); code != exitOK || !strings.HasPrefix(out, "content/promises/a.md: reviewed ") {
		t.Errorf("review a.md: exit %d, output %q\n%s", code, out, stderr)
	}
	if b, _ := os.ReadFile("a.md"); !strings.Contains(string(b), "reviewed = ") {
		t.Errorf("a.md after review:\n%s", b)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"new", "promise", "Same-day callback"}, &out, &errOut); code != exitOK || out.String() != "content/promises/same-day-callback.md\n" {
		t.Errorf("new promise: exit %d, output %q\n%s", code, out.String(), errOut.String())
	}
	if _, err := os.Stat("same-day-callback.md"); err != nil {
		t.Errorf("new promise from content/promises/: %v", err)
	}

	t.Chdir(t.TempDir())
	if code, _, stderr := reviewCmd(t, "a.md"); code != exitUsage || !strings.Contains(stderr, "has no content/ folder") {
		t.Errorf("review outside a site: exit %d\n%s", code, stderr)
	}
}
