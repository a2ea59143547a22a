package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
)

// unsupportedEnv are the variables of git's environment that move a
// repository's objects elsewhere: a pre-receive hook sets the first two
// for the pushed objects, held apart until the hook accepts them.
// playbook reads objects from the repository's own folder only, so it
// refuses them rather than read another commit than git would.
var unsupportedEnv = []string{"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR"}

// openRepository opens the repository holding dir, or the one GIT_DIR
// names, with the working tree git's rules give it (see Open). from says
// what named the working tree's root, "" when it is the repository's own.
func openRepository(dir string) (r *git.Repository, from string, err error) {
	for _, name := range unsupportedEnv {
		if os.Getenv(name) != "" {
			return nil, "", fmt.Errorf("open git repository: %s is set, and playbook reads a repository's objects from its own folder only (a pre-receive hook holds the pushed objects apart: build from a post-receive hook)", name)
		}
	}
	gitDir, workTree := os.Getenv("GIT_DIR"), os.Getenv("GIT_WORK_TREE")
	if gitDir == "" {
		// git looks up from the folder's real place: a link to a folder
		// of a repository, made elsewhere, is in that repository.
		real := dir
		if abs, err := filepath.Abs(dir); err == nil {
			if r, err := filepath.EvalSymlinks(abs); err == nil {
				real = r
			}
		}
		from, ok := belowCeiling(real, os.Getenv("GIT_CEILING_DIRECTORIES"))
		if !ok {
			return nil, "", fmt.Errorf("open git repository at %s: %w (GIT_CEILING_DIRECTORIES stops the search above it)", dir, ErrNoRepository)
		}
		r, err := git.PlainOpenWithOptions(from, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
		if errors.Is(err, git.ErrRepositoryNotExists) {
			return nil, "", fmt.Errorf("open git repository at %s: %w", dir, ErrNoRepository)
		}
		if err != nil {
			return nil, "", fmt.Errorf("open git repository at %s: %w", dir, err)
		}
		if workTree == "" {
			return r, "", nil
		}
		// git finds the repository and takes the working tree named.
		return withWorkTree(r, workTree, "named by GIT_WORK_TREE")
	}
	// A wrong GIT_DIR is said as such, not as a folder outside any
	// repository, which a build without versions passes over in silence.
	abs, err := filepath.Abs(gitDir)
	if err != nil {
		return nil, "", fmt.Errorf("GIT_DIR=%s: %w", gitDir, err)
	}
	if abs, err = gitFile(abs); err != nil {
		return nil, "", fmt.Errorf("GIT_DIR=%s: %w", gitDir, err)
	}
	r, err = git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		if !filepath.IsAbs(gitDir) {
			// git sets GIT_DIR=. for a hook of a bare repository: a
			// script that changes folder leaves it behind.
			cwd, _ := os.Getwd()
			return nil, "", fmt.Errorf("GIT_DIR=%s: not a git repository from the current folder, %s (a hook's GIT_DIR is relative to the folder git ran it in: unset it or make it absolute before changing folder)", gitDir, cwd)
		}
		return nil, "", fmt.Errorf("GIT_DIR=%s: not a git repository", gitDir)
	}
	if err != nil {
		return nil, "", fmt.Errorf("GIT_DIR=%s: %w", gitDir, err)
	}
	if workTree != "" {
		return withWorkTree(r, workTree, "named by GIT_WORK_TREE")
	}
	cfg, err := r.Config()
	if err != nil {
		return nil, "", fmt.Errorf("GIT_DIR=%s: %w", gitDir, err)
	}
	if wt := cfg.Raw.Section("core").Option("worktree"); wt != "" {
		if !filepath.IsAbs(wt) {
			wt = filepath.Join(abs, wt)
		}
		return withWorkTree(r, wt, "named by core.worktree of "+gitDir)
	}
	if cfg.Core.IsBare {
		return nil, "", fmt.Errorf("GIT_DIR=%s names a bare repository, which has no working tree: set GIT_WORK_TREE to the folder the site is checked out in", gitDir)
	}
	return withWorkTree(r, ".", "the current folder, as GIT_DIR is set without GIT_WORK_TREE")
}

// withWorkTree returns r with the working tree whose root is dir, named
// by from.
func withWorkTree(r *git.Repository, dir, from string) (*git.Repository, string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", from, err)
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, "", fmt.Errorf("the working tree %s (%s) is not a folder", dir, from)
	}
	r, err = git.Open(r.Storer, osfs.New(abs))
	if err != nil {
		return nil, "", fmt.Errorf("open git repository with the working tree %s: %w", dir, err)
	}
	return r, from, nil
}

// gitFile returns the folder a .git file ("gitdir: ...") at name leads
// to, as git follows one named by GIT_DIR; name itself when it is a
// folder.
func gitFile(name string) (string, error) {
	fi, err := os.Stat(name)
	if err != nil || fi.IsDir() {
		return name, nil // a missing folder is said as no repository
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	target, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir: ")
	if !ok {
		return "", errors.New("not a git repository, nor a .git file naming one")
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(name), target)
	}
	return target, nil
}

// belowCeiling returns the folder to look for the repository holding dir
// from, and whether there is one to find, as git reads ceilings, a list
// of absolute paths (GIT_CEILING_DIRECTORIES): git looks in dir and the
// folders above it, but never goes up into a ceiling. With no ceiling
// above dir, it is dir, found or not; otherwise the first folder up to
// the ceiling that holds a .git, if one does.
func belowCeiling(dir, ceilings string) (string, bool) {
	if ceilings == "" {
		return dir, true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir, true
	}
	stops := map[string]bool{}
	for _, c := range filepath.SplitList(ceilings) {
		if c == "" || !filepath.IsAbs(c) {
			continue // git passes over entries that are not absolute
		}
		if real, err := filepath.EvalSymlinks(c); err == nil {
			c = real
		}
		stops[filepath.Clean(c)] = true
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		up := filepath.Dir(d)
		if up == d || stops[up] {
			return "", false
		}
		if real, err := filepath.EvalSymlinks(up); err == nil && stops[real] {
			return "", false
		}
		d = up
	}
}
