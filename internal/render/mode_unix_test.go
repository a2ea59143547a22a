//go:build unix

package render

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// otherGroup returns a group the user may give a file, other than the
// user's own, or -1: root may give any.
func otherGroup() int {
	if os.Getuid() == 0 {
		return 1
	}
	for _, g := range must(os.Getgroups()) {
		if g != os.Getgid() {
			return g
		}
	}
	return -1
}

func must[T any](v T, _ error) T { return v }

// modeOf returns the permission, setgid and sticky bits of file and its
// group.
func modeOf(t *testing.T, file string) (fs.FileMode, int) {
	t.Helper()
	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky), int(info.Sys().(*syscall.Stat_t).Gid)
}

// TestPublishedMode: a site replacing a folder takes its mode, setgid and
// group, what is written in it the group too; a site in a new folder has
// the umask's mode; and until the swap, the site being written and the
// previous site kept beside the destination are the user's alone.
func TestPublishedMode(t *testing.T) {
	was := syscall.Umask(0o027)
	defer syscall.Umask(was)

	t.Run("replacing a folder", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		if err := os.Mkdir(dest, 0o700); err != nil {
			t.Fatal(err)
		}
		gid := otherGroup()
		if gid < 0 {
			gid = os.Getgid()
		}
		if err := os.Chown(dest, -1, gid); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dest, 0o751|fs.ModeSetgid); err != nil {
			t.Fatal(err)
		}
		out := writeOutput(t, dest, map[string]string{"a/index.html": "a"})
		if mode, _ := modeOf(t, out.Folder()); mode != 0o700|fs.ModeSetgid {
			t.Errorf("the site being written is %v, want only the user's", mode)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		if mode, g := modeOf(t, dest); mode != 0o751|fs.ModeSetgid || g != gid {
			t.Errorf("published %v group %d, want %v group %d", mode, g, 0o751|fs.ModeSetgid, gid)
		}
		if mode, g := modeOf(t, filepath.Join(dest, "a/index.html")); mode != 0o640 || g != gid {
			t.Errorf("a page is %v group %d, want %v group %d", mode, g, fs.FileMode(0o640), gid)
		}
	})
	t.Run("a new folder", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		if err := writeOutput(t, dest, map[string]string{"index.html": "x"}).Commit(); err != nil {
			t.Fatal(err)
		}
		if mode, _ := modeOf(t, dest); mode != 0o750 {
			t.Errorf("published %v, want the umask's %v", mode, fs.FileMode(0o750))
		}
	})
	t.Run("the previous site kept beside", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		for i, page := range []string{"one", "two", "three"} {
			out, err := NewDirOutputOver(dest)
			if err != nil {
				t.Fatal(err)
			}
			if err := out.WriteFile(page+"/index.html", []byte(page)); err != nil {
				t.Fatal(err)
			}
			if mode, _ := modeOf(t, out.Folder()); mode != 0o700 {
				t.Errorf("build %d: the site being written is %v, want only the user's", i+1, mode)
			}
			if err := out.Commit(); err != nil {
				t.Fatal(err)
			}
			if mode, _ := modeOf(t, dest); mode != 0o750 {
				t.Errorf("build %d: published %v, want %v", i+1, mode, fs.FileMode(0o750))
			}
			if i == 0 {
				continue
			}
			if mode, _ := modeOf(t, spareName(dest)); mode != 0o700 {
				t.Errorf("build %d: the site kept beside is %v, want only the user's", i+1, mode)
			}
		}
	})
	t.Run("a group that cannot be given", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		if err := os.Mkdir(dest, 0o750); err != nil {
			t.Fatal(err)
		}
		gid := otherGroup()
		if gid < 0 {
			t.Skip("no group but the user's to give the folder")
		}
		if err := os.Chown(dest, -1, gid); err != nil {
			t.Fatal(err)
		}
		// As for a user not in the group.
		was := chown
		chown = func(string, int, int) error { return syscall.EPERM }
		defer func() { chown = was }()
		out, err := NewDirOutput(dest)
		if err == nil {
			out.Abort(t.Context())
			t.Fatal("a site that cannot have its folder's group is written")
		}
		if !strings.Contains(err.Error(), "run the build as a member of the group") {
			t.Errorf("error %q does not say what to do", err)
		}
		if got := listDir(t, filepath.Dir(dest)); !slices.Equal(got, []string{"public"}) {
			t.Errorf("left beside the output: %q", got)
		}
	})
	t.Run("the previous site, while it goes, and a folder published read-only", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "public")
		if err := writeOutput(t, dest, map[string]string{"index.html": "1"}).Commit(); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dest, 0o555); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			out := writeOutput(t, dest, map[string]string{"index.html": "again"})
			out.Hook = func(step string) {
				if step != "swapped" {
					return
				}
				if mode, _ := modeOf(t, out.Folder()); mode != 0o700 {
					t.Errorf("build %d: the previous site, being removed, is %v, want only the user's", i+2, mode)
				}
			}
			if err := out.Commit(); err != nil {
				t.Fatal(err)
			}
			if mode, _ := modeOf(t, dest); mode != 0o555 {
				t.Errorf("build %d: published %v, want %v", i+2, mode, fs.FileMode(0o555))
			}
			if got := listDir(t, filepath.Dir(dest)); !slices.Equal(got, []string{"public"}) {
				t.Errorf("build %d: left beside the output: %q", i+2, got)
			}
		}
	})
}
