package gitrepo

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// Head returns the commit HEAD names in the repository holding the folder
// dir, reading references only: a preview asks it at every rebuild, to
// tell whether a commit was made.
func Head(dir string) (string, error) {
	repo, err := Open(dir)
	if err != nil {
		return "", err
	}
	defer repo.Close()
	return repo.Head()
}

// LastChanges returns the newest commit up to HEAD that changed each of
// files, paths from the folder dir (a site's folder, which may be deep in
// its repository), keyed by those paths. Builds and previews of the
// working tree show it on pages; the error says why they cannot (no
// repository, no commits, a shallow clone), or is ctx's when ctx is done
// before the walk over history ends.
func LastChanges(ctx context.Context, dir string, files []string) (map[string]LastChange, error) {
	repo, prefix, err := openAt(dir)
	if err != nil {
		return nil, err
	}
	defer repo.Close()
	head, err := repo.Resolve("HEAD")
	if err != nil {
		return nil, err
	}
	return repo.LastChangesIn(ctx, head, prefix, files)
}

// Uncommitted returns which of files, paths from the folder dir as
// LastChanges takes them, differ in the working tree from the commit HEAD
// names (see Repo.UncommittedIn): a build or a preview of the working
// tree shows their pages as not yet committed, rather than as the commit
// LastChanges names. Its errors are those of LastChanges. A preview asks
// at every edit, so it reads no more than it needs: HEAD's commit without
// the abbreviation of its hash.
func Uncommitted(dir string, files []string) (map[string]bool, error) {
	repo, prefix, err := openAt(dir)
	if err != nil {
		return nil, err
	}
	defer repo.Close()
	repo.mu.Lock()
	defer repo.mu.Unlock()
	head, err := repo.resolve("HEAD")
	if err != nil {
		return nil, err
	}
	return repo.uncommitted(head.TreeHash, "HEAD", prefix, files)
}

// openAt opens the repository holding the folder dir and returns it with
// dir's path in it (see Prefix).
func openAt(dir string) (*Repo, string, error) {
	repo, err := Open(dir)
	if err != nil {
		return nil, "", err
	}
	prefix, err := repo.Prefix(dir)
	if err != nil {
		repo.Close()
		return nil, "", err
	}
	return repo, prefix, nil
}

// LastChangesIn is LastChanges as of commit c, for files given as paths
// from the folder prefix of the repository (see Prefix).
func (r *Repo) LastChangesIn(ctx context.Context, c *Commit, prefix string, files []string) (map[string]LastChange, error) {
	repoPath := func(file string) string {
		if prefix == "." {
			return file
		}
		return prefix + "/" + file
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = repoPath(f)
	}
	changes, err := r.LastChanges(ctx, c, paths)
	if err != nil {
		return nil, err
	}
	out := map[string]LastChange{}
	for _, f := range files {
		if c, ok := changes[repoPath(f)]; ok {
			out[f] = c
		}
	}
	return out, nil
}

// Prefix returns the path of the folder dir inside the repository's
// working tree, slash-separated; "." for its root. Symbolic links on the
// way are resolved on both sides, as a temporary folder often has one.
func (r *Repo) Prefix(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	root := r.Root()
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	rel, err := filepath.Rel(root, abs)
	rel = filepath.ToSlash(rel)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		if r.workTree != "" {
			return "", fmt.Errorf("%s is not inside the working tree at %s (%s)", dir, root, r.workTree)
		}
		return "", fmt.Errorf("%s is not inside the repository at %s", dir, root)
	}
	return rel, nil
}
