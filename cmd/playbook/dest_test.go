package main

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
	"playbook/internal/render"
)

// world makes a folder holding what a user has around a site: the site
// (a Git repository with content/, layouts/, static/ and themes/), a folder
// of documents, a file, an earlier output, an empty folder and a deploy
// folder. It returns its real path.
func world(t *testing.T) string {
	t.Helper()
	w, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"docs/plan.txt":                   "the plan\n",
		"docs/old/notes.md":               "# Notes\n",
		"notes.txt":                       "a note\n",
		"site/layouts/partials/note.html": "<!-- a partial of the site -->\n",
		"site/static/robots.txt":          "User-agent: *\n",
		"site/themes/plain/README":        "a theme\n",
	}
	for name, data := range goodSite {
		files["site/"+name] = data
	}
	gittest.WriteFiles(t, w, files)
	gittest.Git(t, filepath.Join(w, "site"), time.Time{}, "init", "-q")
	for _, dir := range []string{"empty", "deploy"} {
		if err := os.Mkdir(filepath.Join(w, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := buildCmd(t, "--source", filepath.Join(w, "site"), "--dest", filepath.Join(w, "earlier")); code != 0 {
		t.Fatalf("earlier build: exit %d\n%s", code, stderr)
	}
	return w
}

// TestBuildDest runs "playbook build --dest" at each kind of folder a user
// may name. A folder the build may not replace is refused before any work,
// naming it and saying why, and every file is left as it was; one it may
// replace gets the site, with the marker, and nothing else changes.
func TestBuildDest(t *testing.T) {
	const notOurs = "is not empty and is not the output of an earlier build (it has no .playbook-output file): " +
		"empty it, choose a new folder, or pass --force to replace what it holds"
	tests := []struct {
		name string
		// dest is relative to the world, but for "/"; {w} stands for the
		// world's path.
		dest  string
		force bool
		// setup makes what the case needs in the world w.
		setup func(t *testing.T, w string)
		// refused is the reason given; empty if the build is to succeed.
		refused string
		// real is where the site is written, if not at dest.
		real string
	}{
		{name: "a folder of other files is refused", dest: "docs", refused: notOurs},
		{name: "the site's folder is refused", dest: "site", refused: "is the site's folder"},
		{name: "the site's folder is refused when forced", dest: "site", force: true, refused: "is the site's folder"},
		{name: "the site's folder through .. is refused", dest: "site/content/..", refused: "is the site's folder"},
		{name: "the site's folder through a link is refused", dest: "link", setup: link("link", "site"), refused: "is the site's folder"},
		{name: "a folder holding the site is refused", dest: ".", refused: "holds the site's folder {w}/site"},
		{name: "a folder holding the site is refused when forced", dest: ".", force: true, refused: "holds the site's folder {w}/site"},
		{name: "content is refused", dest: "site/content", force: true, refused: "is the site's content/ folder"},
		{name: "a new folder inside content is refused", dest: "site/content/public", refused: "is inside the site's content/ folder"},
		{name: "a folder holding content through a link is refused", dest: "docs", force: true,
			setup: func(t *testing.T, w string) {
				if err := os.Rename(filepath.Join(w, "site/content"), filepath.Join(w, "docs/content")); err != nil {
					t.Fatal(err)
				}
				link("site/content", "docs/content")(t, w)
			},
			refused: "holds the site's content/ folder"},
		{name: "layouts is refused", dest: "site/layouts/partials", refused: "is inside the site's layouts/ folder"},
		{name: "static is refused", dest: "site/static", refused: "is the site's static/ folder"},
		{name: "themes is refused", dest: "site/themes/plain", force: true, refused: "is inside the site's themes/ folder"},
		{name: "the site's history is refused", dest: "site/.git", force: true, refused: "is the site's .git/ folder"},
		{name: "a file is refused", dest: "notes.txt", force: true, refused: "is a file, not a folder"},
		{name: "the root is refused", dest: "/", force: true, refused: "is the root of the file system"},
		{name: "the home folder is refused", dest: "home", force: true, setup: home("home"), refused: "is your home folder"},
		{name: "a folder holding the home folder is refused", dest: "users", force: true, setup: home("users/ann"), refused: "holds your home folder {w}/users/ann"},
		{name: "a link to nothing is refused", dest: "site/public", setup: link("site/public", "gone"), refused: "is a symbolic link to {w}/gone, which does not exist"},

		{name: "a missing folder gets the site", dest: "public"},
		{name: "an empty folder gets the site", dest: "empty"},
		{name: "an earlier output is replaced", dest: "earlier"},
		{name: "a folder of other files is replaced when forced", dest: "docs", force: true},
		{name: "a link to a deploy folder is kept and the folder gets the site", dest: "site/public", setup: link("site/public", "deploy"), real: "deploy"},
		{name: "a link to an earlier output is kept and the output replaced", dest: "site/public", setup: link("site/public", "earlier"), real: "earlier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := world(t)
			if tt.setup != nil {
				tt.setup(t, w)
			}
			dest := filepath.Join(w, tt.dest)
			if tt.dest == "/" {
				dest = "/"
			}
			args := []string{"--source", filepath.Join(w, "site"), "--dest", dest}
			if tt.force {
				args = append(args, "--force")
			}
			real := filepath.Join(w, cmp.Or(tt.real, tt.dest))
			before := treeSumExcept(t, w, real)
			if tt.refused != "" {
				before = treeSum(t, w)
			}

			code, _, stderr := buildCmd(t, args...)

			if tt.refused != "" {
				want := fmt.Sprintf("playbook build: --dest %s: %s\n", dest, strings.ReplaceAll(tt.refused, "{w}", w))
				if code != exitUsage || stderr != want {
					t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, stderr, exitUsage, want)
				}
				if after := treeSum(t, w); after != before {
					t.Errorf("files changed: %s, were %s", after, before)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, f := range []string{render.Marker, "index.html", "guides/a/index.html"} {
				if _, err := os.Stat(filepath.Join(real, f)); err != nil {
					t.Errorf("the output lacks %s: %v", f, err)
				}
			}
			if tt.force {
				if _, err := os.Stat(filepath.Join(real, "plan.txt")); err == nil {
					t.Error("the forced folder still holds what it held")
				}
			}
			if after := treeSumExcept(t, w, real); after != before {
				t.Errorf("files beside the output changed: %s, were %s", after, before)
			}
			noTemporary(t, w)
		})
	}
}

// link returns a setup that makes name a symbolic link to target, both
// in the world.
func link(name, target string) func(t *testing.T, w string) {
	return func(t *testing.T, w string) {
		t.Helper()
		if err := os.Symlink(filepath.Join(w, target), filepath.Join(w, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// home returns a setup that makes folder name in the world the home
// folder, with a file in it.
func home(name string) func(t *testing.T, w string) {
	return func(t *testing.T, w string) {
		t.Helper()
		gittest.WriteFiles(t, w, map[string]string{name + "/letter.txt": "Dear Ann\n"})
		t.Setenv("HOME", filepath.Join(w, name))
	}
}

// treeSumExcept fingerprints every file under dir as treeSum does, but for
// those under folder skip.
func treeSumExcept(t *testing.T, dir, skip string) string {
	t.Helper()
	h := new(strings.Builder)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == skip {
			return fs.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			fmt.Fprintf(h, "%s -> %s\n", rel, target)
			return err
		case d.IsDir():
			fmt.Fprintf(h, "%s/\n", rel)
			return nil
		}
		b, err := os.ReadFile(p)
		fmt.Fprintf(h, "%s %q\n", rel, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

// noTemporary fails if a temporary folder of a build is left under dir.
func noTemporary(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".new-") {
			t.Errorf("temporary folder left: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestExistingFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{dir, dir},
		{filepath.Join(dir, "public"), dir},
		{filepath.Join(dir, "a", "b", "public"), dir},
		// A file where a folder would be: the folder above it.
		{filepath.Join(file, "public"), dir},
	} {
		if got := existingFolder(tc.in); got != tc.want {
			t.Errorf("existingFolder(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got, want := existingFolder(string(filepath.Separator)), string(filepath.Separator); got != want {
		t.Errorf("existingFolder(root) = %s, want %s", got, want)
	}
}
