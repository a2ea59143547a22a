package gitrepo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// TestOpenFromEnvironment: GIT_DIR and GIT_WORK_TREE choose the
// repository and its working tree as they do for git: a bare repository
// and a checkout beside it (a deploy hook's set-up), a .git folder with
// the current folder as its working tree, a .git file, core.worktree; a
// GIT_DIR naming nothing, and the variables of a pre-receive hook's
// quarantine, are said as such.
func TestOpenFromEnvironment(t *testing.T) {
	base := t.TempDir()
	repo, bare, checkout, elsewhere := filepath.Join(base, "repo"), filepath.Join(base, "site.git"), filepath.Join(base, "checkout"), filepath.Join(base, "elsewhere")
	for _, dir := range []string{repo, checkout, elsewhere} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	git := dayByDay(t, repo)
	git("init", "-q", "-b", "main")
	gittest.WriteFiles(t, repo, map[string]string{"docs/site.toml": "title = \"Acme\"\n", "docs/content/a.md": "# A\n"})
	git("add", "-A")
	git("commit", "-q", "-m", "first")
	head := strings.TrimSpace(git("rev-parse", "HEAD"))
	git("clone", "-q", "--bare", repo, bare)
	git("worktree", "add", "-q", filepath.Join(base, "linked"), "-b", "linked")
	// The checkout is files only, as git --work-tree=checkout checkout -f
	// leaves them: no .git to find.
	gittest.WriteFiles(t, checkout, map[string]string{"docs/site.toml": "title = \"Acme\"\n", "docs/content/a.md": "# A\n"})
	withWorkTree := filepath.Join(base, "with-worktree.git")
	git("clone", "-q", "--bare", repo, withWorkTree)
	gittest.Git(t, withWorkTree, time.Time{}, "config", "core.bare", "false")
	gittest.Git(t, withWorkTree, time.Time{}, "config", "core.worktree", checkout)

	tests := []struct {
		name       string
		env        map[string]string
		cwd        string // the current folder, if it matters
		dir        string // the site's folder, given to Open
		wantPrefix string
		wantErr    string // in the error of Open or Prefix
	}{
		{name: "a bare repository and its checkout", env: map[string]string{"GIT_DIR": bare, "GIT_WORK_TREE": checkout}, dir: filepath.Join(checkout, "docs"), wantPrefix: "docs"},
		{name: "GIT_DIR relative to the current folder", env: map[string]string{"GIT_DIR": "../site.git", "GIT_WORK_TREE": "."}, cwd: checkout, dir: filepath.Join(checkout, "docs"), wantPrefix: "docs"},
		{name: "GIT_DIR alone: the current folder is the working tree", env: map[string]string{"GIT_DIR": filepath.Join(repo, ".git")}, cwd: checkout, dir: filepath.Join(checkout, "docs"), wantPrefix: "docs"},
		{name: "GIT_DIR alone, the site outside the current folder", env: map[string]string{"GIT_DIR": filepath.Join(repo, ".git")}, cwd: elsewhere, dir: filepath.Join(checkout, "docs"), wantErr: "is not inside the working tree at " + elsewhere + " (the current folder, as GIT_DIR is set without GIT_WORK_TREE)"},
		{name: "GIT_DIR a .git file", env: map[string]string{"GIT_DIR": filepath.Join(base, "linked", ".git")}, cwd: checkout, dir: filepath.Join(checkout, "docs"), wantPrefix: "docs"},
		{name: "GIT_DIR with core.worktree", env: map[string]string{"GIT_DIR": withWorkTree}, cwd: elsewhere, dir: filepath.Join(checkout, "docs"), wantPrefix: "docs"},
		{name: "GIT_WORK_TREE alone", env: map[string]string{"GIT_WORK_TREE": checkout}, dir: filepath.Join(repo, "docs"), wantErr: "is not inside the working tree at " + checkout + " (named by GIT_WORK_TREE)"},
		{name: "GIT_DIR naming no repository", env: map[string]string{"GIT_DIR": filepath.Join(base, "missing")}, dir: checkout, wantErr: "GIT_DIR=" + filepath.Join(base, "missing") + ": not a git repository"},
		{name: "a relative GIT_DIR, as a hook's, from another folder", env: map[string]string{"GIT_DIR": "."}, cwd: checkout, dir: checkout, wantErr: "GIT_DIR=.: not a git repository from the current folder, " + checkout + " (a hook's GIT_DIR is relative"},
		{name: "a bare GIT_DIR without a working tree", env: map[string]string{"GIT_DIR": bare}, dir: checkout, wantErr: "names a bare repository, which has no working tree: set GIT_WORK_TREE"},
		{name: "a pre-receive hook's quarantine", env: map[string]string{"GIT_DIR": bare, "GIT_OBJECT_DIRECTORY": filepath.Join(bare, "objects", "incoming")}, dir: checkout, wantErr: "GIT_OBJECT_DIRECTORY is set, and playbook reads a repository's objects from its own folder only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR"} {
				t.Setenv(name, tt.env[name])
			}
			if tt.cwd != "" {
				t.Chdir(tt.cwd)
			}
			prefix, err := openPrefix(tt.dir)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				if errors.Is(err, ErrNoRepository) {
					t.Errorf("error %v is ErrNoRepository, which a build without versions passes over", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if prefix != tt.wantPrefix {
				t.Errorf("prefix %q, want %q", prefix, tt.wantPrefix)
			}
		})
	}
	// What the repository holds is read from GIT_DIR: HEAD, and the files
	// of a commit.
	t.Setenv("GIT_DIR", bare)
	t.Setenv("GIT_WORK_TREE", checkout)
	c := resolve(t, openRepo(t, filepath.Join(checkout, "docs")), "HEAD")
	if c.Hash != head {
		t.Errorf("HEAD is %s, want %s", c.Hash, head)
	}
}

// openPrefix opens the repository of dir and returns dir's path in it.
func openPrefix(dir string) (string, error) {
	r, err := Open(dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	return r.Prefix(dir)
}

// TestOpenBelowCeiling: GIT_CEILING_DIRECTORIES stops the search for the
// repository as it stops git's: a site in a folder of its own below the
// ceiling, inside a repository above it, is in no repository; a
// repository between the site and the ceiling, or the site's own, is
// found; a ceiling that is not above the site changes nothing.
func TestOpenBelowCeiling(t *testing.T) {
	base := t.TempDir()
	outer := filepath.Join(base, "outer")
	site := filepath.Join(outer, "team", "site")
	inner := filepath.Join(outer, "team", "inner")
	for _, dir := range []string{site, filepath.Join(inner, "docs")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{outer, inner} {
		git := dayByDay(t, dir)
		git("init", "-q", "-b", "main")
		gittest.WriteFiles(t, dir, map[string]string{"README.md": "x\n"})
		git("add", "-A")
		git("commit", "-q", "-m", "first")
	}
	t.Setenv("GIT_DIR", "")
	t.Setenv("GIT_WORK_TREE", "")
	tests := []struct {
		name, ceilings, dir string
		wantPrefix          string // "" for no repository
	}{
		{"no ceiling", "", site, "team/site"},
		{"a ceiling between the site and the repository", filepath.Join(outer, "team"), site, ""},
		{"the repository's own folder as ceiling", outer, site, ""},
		{"a repository below the ceiling", filepath.Join(outer, "team"), filepath.Join(inner, "docs"), "docs"},
		{"the site's own folder as ceiling", site, site, "team/site"},
		{"a ceiling elsewhere, an empty and a relative entry", string(filepath.ListSeparator) + filepath.Join(base, "elsewhere") + string(filepath.ListSeparator) + "team", site, "team/site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GIT_CEILING_DIRECTORIES", tt.ceilings)
			prefix, err := openPrefix(tt.dir)
			if tt.wantPrefix == "" {
				if !errors.Is(err, ErrNoRepository) {
					t.Fatalf("prefix %q, error %v; want ErrNoRepository", prefix, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if prefix != tt.wantPrefix {
				t.Errorf("prefix %q, want %q", prefix, tt.wantPrefix)
			}
		})
	}
}
