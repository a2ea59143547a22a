package gitrepo

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// UncommittedIn returns which of files (paths from the folder prefix of
// the repository, see Prefix) differ in the working tree from commit c:
// edited and not committed, or not in c at all (a new file). A file
// missing from the working tree is left out: it is no page to show.
//
// A file's bytes are compared as they are, with the blob Git keeps,
// without the filters git add would apply (core.autocrlf, a
// .gitattributes eol or text setting, a clean filter): playbook reads the
// bytes of the working tree, and so shows what they are. Git's index
// spares most of the work: a file whose size and modification time are
// those the index holds for it, with the blob c has, is the same, as git
// status takes it, and is not read. Any other file is read and hashed,
// and so is every file when there are few (see fewFiles). So
// a file Git converts on checkout is found the same while the index holds
// it so; once touched (its time changed, not its text), it is compared as
// it is, and shows as changed until git status or git add refreshes the
// index.
func (r *Repo) UncommittedIn(c *Commit, prefix string, files []string) (map[string]bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.uncommitted(c.c.TreeHash, "commit "+c.Short, prefix, files)
}

// uncommitted is UncommittedIn for the commit whose tree is tree, named
// what in errors. r.mu is held.
func (r *Repo) uncommitted(tree plumbing.Hash, what, prefix string, files []string) (map[string]bool, error) {
	root := r.Root()
	if root == "" {
		return nil, errors.New("the repository has no working tree")
	}
	// Without the index every file is read: slower, still right. For a
	// few files, as a preview asks after an edit, reading them is the
	// faster: decoding the index of a 10,000-page site took 13 ms, and a
	// file just saved has a time the index does not vouch for anyway.
	var idx *index.Index
	if len(files) > fewFiles {
		if i, err := r.repo.Storer.Index(); err == nil {
			idx = i
		}
	}
	recorded := map[string]*index.Entry{}
	if idx != nil {
		for _, e := range idx.Entries {
			// Stage 0 is a file without a merge conflict (go-git's
			// index.Merged is 1, the conflict's base).
			if e.Stage == 0 && !e.IntentToAdd && !e.SkipWorktree {
				recorded[e.Name] = e
			}
		}
	}
	// The entries of each folder of c, by name, read once.
	folders := map[string]map[string]object.TreeEntry{}
	out := map[string]bool{}
	for _, file := range files {
		name := file
		if prefix != "." {
			name = prefix + "/" + file
		}
		dir := path.Dir(name)
		entries, ok := folders[dir]
		if !ok {
			t, err := r.subtree(tree, folderPath(dir))
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", what, err)
			}
			if t != nil {
				entries = make(map[string]object.TreeEntry, len(t.Entries))
				for _, e := range t.Entries {
					entries[e.Name] = e
				}
			}
			folders[dir] = entries
		}
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(name)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		e, tracked := entries[path.Base(name)]
		if !tracked || e.Mode == filemode.Dir || e.Mode == filemode.Submodule {
			out[file] = true
			continue
		}
		if idx != nil && sameAsRecorded(recorded[name], e.Hash, info, idx) {
			continue
		}
		same, err := sameBlob(filepath.Join(root, filepath.FromSlash(name)), info, e.Hash)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if !same {
			out[file] = true
		}
	}
	return out, nil
}

// fewFiles is the most files uncommitted reads and hashes without
// reading Git's index.
const fewFiles = 64

// folderPath is a folder's path as subtree takes it: "" for the root.
func folderPath(dir string) string {
	if dir == "." {
		return ""
	}
	return dir
}

// sameAsRecorded reports whether the index entry e says the file of info
// holds blob h: the index names h for it, and the file's size and
// modification time are those the index recorded. A file changed in the
// same instant as the index was written, after it was recorded, would
// look the same: such a time ("racily clean", in Git's words) proves
// nothing, and the file is read.
func sameAsRecorded(e *index.Entry, h plumbing.Hash, info fs.FileInfo, idx *index.Index) bool {
	return e != nil && e.Hash == h && int64(e.Size) == info.Size() &&
		e.ModifiedAt.Equal(info.ModTime()) && e.ModifiedAt.Before(idx.ModTime)
}

// sameBlob reports whether the file at name (whose Lstat is info) holds
// blob h, its bytes hashed as Git hashes a blob: a symbolic link's blob is
// its target.
func sameBlob(name string, info fs.FileInfo, h plumbing.Hash) (bool, error) {
	var data []byte
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(name)
		if err != nil {
			return false, err
		}
		data = []byte(filepath.ToSlash(target))
	} else {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			return false, err
		}
	}
	return blobHash(data) == h, nil
}

// blobHash returns the name Git gives a blob of data: the SHA-1 of a
// header and data. go-git's own hashes detect collisions, at several times
// the cost, which a comparison with a name Git gave needs not.
func blobHash(data []byte) plumbing.Hash {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var sum plumbing.Hash
	h.Sum(sum[:0])
	return sum
}
