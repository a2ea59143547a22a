// Package gittest runs the git command for tests that need a real
// repository (the versions of a playbook are read from one), and writes
// the files of a site as an author would.
package gittest

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Git runs git with args in dir and returns its output, failing t if git
// fails. Commits are made by a fixed author, dated when unless it is zero.
func Git(t testing.TB, dir string, when time.Time, args ...string) string {
	t.Helper()
	out, err := Run(dir, when, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// InitCommit makes dir a repository and commits all it holds, dated
// when, with message.
func InitCommit(t testing.TB, dir string, when time.Time, message string) {
	t.Helper()
	Git(t, dir, when, "init", "-q")
	Git(t, dir, when, "add", "-A")
	Git(t, dir, when, "commit", "-q", "-m", message)
}

// WriteFiles writes files (slash-separated paths from dir, and their
// text) under dir, making folders as needed.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Run is Git returning the error, for set-ups without a testing.TB.
func Run(dir string, when time.Time, args ...string) (string, error) {
	return run(dir, when, nil, args)
}

// Import feeds stream to git fast-import in dir: thousands of commits in
// a second, where a commit command each takes minutes.
func Import(t testing.TB, dir string, stream []byte) {
	t.Helper()
	if _, err := run(dir, time.Time{}, stream, []string{"fast-import", "--quiet"}); err != nil {
		t.Fatal(err)
	}
}

func run(dir string, when time.Time, stdin []byte, args []string) (string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", fmt.Errorf("these tests need the git command (apt-get install git): %w", err)
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	// Nothing of the environment's Git (a GIT_DIR set by a hook, a global
	// configuration that signs commits) reaches the test repository.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Ann Author", "GIT_AUTHOR_EMAIL=ann@example.com",
		"GIT_COMMITTER_NAME=Ann Author", "GIT_COMMITTER_EMAIL=ann@example.com")
	if !when.IsZero() {
		date := when.UTC().Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// Pack moves every loose object of the repository of dir into a pack,
// as git gc does, damaged and hand-made ones too, which git repack
// refuses to walk to.
func Pack(t testing.TB, dir string) {
	t.Helper()
	objects := filepath.Join(dir, ".git", "objects")
	var ids bytes.Buffer
	folders, err := os.ReadDir(objects)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folders {
		if len(f.Name()) != 2 {
			continue // pack, info
		}
		files, err := os.ReadDir(filepath.Join(objects, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range files {
			fmt.Fprintf(&ids, "%s%s\n", f.Name(), o.Name())
		}
	}
	if _, err := run(dir, time.Time{}, ids.Bytes(), []string{"pack-objects", "-q", filepath.Join(objects, "pack", "pack")}); err != nil {
		t.Fatal(err)
	}
	Git(t, dir, time.Time{}, "prune-packed")
}

// Object writes data into the repository of dir as an object of type kind
// ("blob", "tree", "commit", "tag"), unchecked, as a damaged or a
// hand-made repository holds it, and returns its id.
func Object(t testing.TB, dir, kind string, data []byte) string {
	t.Helper()
	out, err := run(dir, time.Time{}, data, []string{"hash-object", "-t", kind, "--literally", "-w", "--stdin"})
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

// A TreeEntry is an entry of a tree that Tree writes.
type TreeEntry struct {
	// Mode is the entry's mode as Git writes it: "100644" for a file,
	// "40000" for a folder, "120000" for a symbolic link.
	Mode, Name string
	// ID is the hexadecimal id of its object, which may be missing from
	// the repository or of another type than Mode says.
	ID string
}

// Tree writes a tree of entries into the repository of dir, unchecked
// (git mktree refuses an entry whose object is of the wrong type), and
// returns its id.
func Tree(t testing.TB, dir string, entries ...TreeEntry) string {
	t.Helper()
	// Git sorts a folder's entries by name, a folder's as if it ended
	// with a slash.
	key := func(e TreeEntry) string {
		if e.Mode == "40000" {
			return e.Name + "/"
		}
		return e.Name
	}
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b TreeEntry) int { return strings.Compare(key(a), key(b)) })
	var b bytes.Buffer
	for _, e := range entries {
		id, err := hex.DecodeString(e.ID)
		if err != nil {
			t.Fatalf("tree entry %s: id %q: %v", e.Name, e.ID, err)
		}
		fmt.Fprintf(&b, "%s %s\x00", e.Mode, e.Name)
		b.Write(id)
	}
	return Object(t, dir, "tree", b.Bytes())
}
