// Package gitrepo reads a playbook's versions straight from the objects of
// its Git repository: no checkout, and no change to the working tree or
// the index.
//
// Open a repository, Resolve a tag, branch or commit to a Commit, read the
// files of a commit through FS (an fs.FS, so that site.Load reads a version
// as it reads a folder), and ask LastChanges which commit last touched each
// file: one walk over history, shared by every version asked about.
//
// Builds and previews of the working tree, versioned or not, use the
// functions of a folder: Head, to tell that a commit was made,
// LastChanges, for when each page's file last changed and by whom, and
// Uncommitted, for the files edited since (the index is read, never
// written).
package gitrepo

import (
	"bytes"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/objfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// A Repo is an open Git repository.
type Repo struct {
	repo *git.Repository
	// mu serialises object reads: go-git's object storage is not safe for
	// concurrent use, and site.Load reads files from many goroutines.
	mu sync.Mutex
	// changed memoises the paths each commit changed under a folder (see
	// changedPaths), so that versions sharing history walk it once.
	changed map[changeKey][][]string
	shallow map[plumbing.Hash]bool
	blobs   map[plumbing.Hash][]byte
	trees   map[plumbing.Hash]*object.Tree
	// present are the blobs a listing found, not read (see hasBlob).
	present map[plumbing.Hash]bool
	// isBlob are the objects a listing found to be blobs (see
	// checkBlob).
	isBlob map[plumbing.Hash]bool
	// storage keeps the packfiles open until Close.
	storage *filesystem.Storage
	// partial is set for a partial clone, whose missing objects are
	// ErrPartial.
	partial bool
	// abbrev abbreviates hashes as git does, loaded at the first.
	abbrev *abbrevIndex
	// workTree says where the working tree's root came from when the
	// environment or core.worktree named it ("named by GIT_WORK_TREE"),
	// for an error about it.
	workTree string
}

// Close closes the files the repository keeps open.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.storage == nil {
		return nil
	}
	return r.storage.Close()
}

// Errors a caller may want to tell apart.
var (
	// ErrNoRepository says a folder is in no Git repository.
	ErrNoRepository = errors.New("not in a git repository")
	// ErrShallow says the history needed is cut off in a shallow clone.
	ErrShallow = errors.New("the history is cut off: this is a shallow clone (git fetch --unshallow)")
	// ErrPartial says an object is missing from a partial clone: Git
	// fetches such objects when it needs them, and playbook, which reads
	// the objects itself, cannot.
	ErrPartial = errors.New("this is a partial clone (made with --filter), which leaves older files on the server: clone without --filter (actions/checkout: no filter)")
	// ErrNoCommits says the repository has no commits yet.
	ErrNoCommits = errors.New("the repository has no commits yet: commit the playbook, then tag the versions to publish")
	// ErrDamaged says an object that a tree, a tag or a ref names is
	// missing from a repository that is not a partial clone, or is not
	// of the type it is named as (a tree where a file is named): a
	// hand-made or damaged tree, or a file of .git/objects lost.
	ErrDamaged = errors.New("the repository's objects are damaged (git fsck lists what is wrong)")
	// ErrNotCommit says a ref leads to no commit: a tag of a tree or of a
	// blob, or a chain of tags longer than any made.
	ErrNotCommit = errors.New("tag a commit")
)

// Open opens the repository holding dir (dir or a folder above it), a
// working tree added with git worktree add included. As git does, it
// opens the repository GIT_DIR names instead, when it is set, and takes
// GIT_WORK_TREE, else the repository's core.worktree, else (with GIT_DIR)
// the current folder as the root of its working tree.
func Open(dir string) (*Repo, error) {
	r, workTree, err := openRepository(dir)
	if err != nil {
		return nil, err
	}
	repo := &Repo{repo: r, workTree: workTree, changed: map[changeKey][][]string{}, shallow: map[plumbing.Hash]bool{}, blobs: map[plumbing.Hash][]byte{}, trees: map[plumbing.Hash]*object.Tree{}, present: map[plumbing.Hash]bool{}, isBlob: map[plumbing.Hash]bool{}}
	// A walk over history reads thousands of objects, and go-git opens
	// the packfile again for each one unless told to keep packfiles open
	// (a bounded number of them): a 2,000-commit history took seconds.
	if st, ok := r.Storer.(*filesystem.Storage); ok {
		// A clone made with --shared or --reference reads objects from
		// the repository its objects/info/alternates names, by an
		// absolute path go-git looks up on this file system.
		kept := filesystem.NewStorageWithOptions(st.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{MaxOpenDescriptors: 64, AlternatesFS: osfs.New("/", osfs.WithBoundOS())})
		var wt billy.Filesystem
		if w, err := r.Worktree(); err == nil {
			wt = w.Filesystem
		}
		if r2, err := git.Open(kept, wt); err == nil {
			repo.repo, repo.storage = r2, kept
		}
	}
	if hs, err := r.Storer.Shallow(); err == nil {
		for _, h := range hs {
			repo.shallow[h] = true
		}
	}
	repo.partial = isPartial(r)
	return repo, nil
}

// isPartial reports whether r is a partial clone: one with a promisor
// remote, which git clone --filter sets up.
func isPartial(r *git.Repository) bool {
	cfg, err := r.Config()
	if err != nil || cfg.Raw == nil {
		return false
	}
	if cfg.Raw.Section("extensions").Option("partialclone") != "" {
		return true
	}
	for _, sub := range cfg.Raw.Section("remote").Subsections {
		if sub.Option("promisor") == "true" || sub.Option("partialclonefilter") != "" {
			return true
		}
	}
	return false
}

// objectErr returns err, met reading object h as an object of type want,
// saying what is wrong: go-git says "object not found" both for an object
// the repository lacks and for one of another type. An object missing
// from a partial clone is ErrPartial, the clone to be mended; any other
// missing or of the wrong type is ErrDamaged. Other errors (a pack that
// cannot be read) are returned as they are. r.mu is held.
func (r *Repo) objectErr(h plumbing.Hash, want plumbing.ObjectType, err error) error {
	if !errors.Is(err, plumbing.ErrObjectNotFound) {
		return err
	}
	id := h.String()[:7]
	obj, lookErr := r.repo.Storer.EncodedObject(plumbing.AnyObject, h)
	switch {
	case lookErr == nil && want != plumbing.AnyObject && obj.Type() != want:
		return fmt.Errorf("object %s is a %s, not a %s: %w", id, obj.Type(), want, ErrDamaged)
	case lookErr == nil:
		return err // there, as named: not found for another reason
	case r.partial:
		return fmt.Errorf("object %s: %w", id, ErrPartial)
	}
	return fmt.Errorf("object %s is missing from the repository: %w", id, ErrDamaged)
}

// GitDir returns the Git folder of the working tree, holding its HEAD
// and the log of HEAD: ".git", or for a working tree added with git
// worktree add, the folder its .git file names. It is "" if the
// repository is not on disk.
func (r *Repo) GitDir() string {
	if st, ok := r.repo.Storer.(*filesystem.Storage); ok {
		return st.Filesystem().Root()
	}
	return ""
}

// CommonDir returns the Git folder holding the repository's objects,
// branches and tags: GitDir, or for a working tree added with git worktree
// add, the main repository's, which GitDir's file commondir names.
func (r *Repo) CommonDir() string {
	dir := r.GitDir()
	if dir == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(dir, "commondir"))
	if err != nil {
		return dir
	}
	common := strings.TrimSpace(string(b))
	if !filepath.IsAbs(common) {
		common = filepath.Join(dir, common)
	}
	return filepath.Clean(common)
}

// Root returns the folder of the repository's working tree.
func (r *Repo) Root() string {
	if wt, err := r.repo.Worktree(); err == nil {
		return wt.Filesystem.Root()
	}
	return ""
}

// Head returns the hash of the commit HEAD names, reading references
// only: cheap enough to ask at every rebuild of a preview.
func (r *Repo) Head() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, err := r.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", ErrNoCommits
	}
	if err != nil {
		return "", fmt.Errorf("read HEAD: %w", err)
	}
	return ref.Hash().String(), nil
}

// A Commit is a commit of the repository.
type Commit struct {
	Hash string
	// Short is the hash abbreviated as git abbreviates it: to 7
	// characters (more in a repository of 16,384 objects or more) or
	// core.abbrev's, and past any other object's hash that starts the
	// same.
	Short   string
	When    time.Time
	Author  string
	Subject string
	c       *object.Commit
}

// Resolve returns the commit a tag, branch or commit hash names.
func (r *Repo) Resolve(ref string) (*Commit, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.resolve(ref)
	if err != nil {
		return nil, err
	}
	return r.newCommit(c), nil
}

// resolve returns the commit object ref names, without the abbreviation
// of its hash (see short), which lists every object of the repository
// the first time. r.mu is held.
func (r *Repo) resolve(ref string) (*object.Commit, error) {
	if _, err := r.repo.Head(); errors.Is(err, plumbing.ErrReferenceNotFound) {
		if it, err := r.repo.CommitObjects(); err == nil {
			if _, err := it.Next(); err == io.EOF {
				return nil, ErrNoCommits
			}
		}
		// A branch made with checkout --orphan has no commit until
		// its first.
		if head, err := r.repo.Reference(plumbing.HEAD, false); err == nil && head.Type() == plumbing.SymbolicReference && (ref == "HEAD" || ref == "@") {
			return nil, fmt.Errorf("ref %q: the branch checked out, %s, has no commits yet: commit, or check out a branch that has", ref, head.Target().Short())
		}
	}
	if strings.Contains(ref, "@{") {
		// go-git reads "main@{1}" as main: refuse what it cannot read.
		return nil, fmt.Errorf("ref %q: @{...} (reflog, upstream or previous branch) is not supported: name a tag, a branch or a commit, with ~ or ^ if need be", ref)
	}
	h, err := r.repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		peeled, ok := r.peelTag(ref)
		if !ok && len(r.shallow) > 0 {
			// HEAD~5 or an old commit's hash may be in history the
			// clone does not have.
			return nil, fmt.Errorf("ref %q: not found, maybe in the history this clone leaves out%s: %w", ref, r.known(), ErrShallow)
		}
		if !ok {
			if err := r.noCommit(ref); err != nil {
				return nil, fmt.Errorf("ref %q: %w", ref, err)
			}
			return nil, fmt.Errorf("ref %q: no tag, branch or commit of that name%s", ref, r.known())
		}
		h = &peeled
	}
	c, err := r.repo.CommitObject(*h)
	if err != nil {
		if r.shallow[*h] || len(r.shallow) > 0 {
			return nil, fmt.Errorf("ref %q: commit %s is missing: %w", ref, h.String()[:7], ErrShallow)
		}
		return nil, fmt.Errorf("ref %q: %w", ref, r.objectErr(*h, plumbing.CommitObject, err))
	}
	return c, nil
}

// peelTag returns the commit a tag of a tag (of a tag...) named ref leads
// to, which go-git's ResolveRevision does not follow, nor a ref whose
// name it cannot parse (bytes that are not UTF-8). r.mu is held.
func (r *Repo) peelTag(ref string) (plumbing.Hash, bool) {
	for _, name := range []plumbing.ReferenceName{plumbing.NewTagReferenceName(ref), plumbing.ReferenceName(ref)} {
		found, err := r.repo.Reference(name, true)
		if err != nil {
			continue
		}
		h := found.Hash()
	peel:
		for range 16 { // a bound on chains of tags, far past any made
			obj, err := r.repo.Storer.EncodedObject(plumbing.AnyObject, h)
			if err != nil {
				break
			}
			switch obj.Type() {
			case plumbing.CommitObject:
				return h, true
			case plumbing.TagObject:
				tag, err := object.DecodeTag(r.repo.Storer, obj)
				if err != nil {
					break peel
				}
				if tag.TargetType == plumbing.CommitObject {
					return tag.Target, true
				}
				h = tag.Target
			default:
				break peel
			}
		}
	}
	return plumbing.ZeroHash, false
}

// noCommit says why the tag or branch ref, which go-git could not
// resolve, leads to no commit: a tag of a tree or of a blob
// (ErrNotCommit), an object missing or of another type than named
// (ErrDamaged, or ErrPartial). It is nil for a name that is no tag,
// branch or ref. r.mu is held.
func (r *Repo) noCommit(ref string) error {
	var found *plumbing.Reference
	for _, name := range []plumbing.ReferenceName{plumbing.NewTagReferenceName(ref), plumbing.NewBranchReferenceName(ref), plumbing.ReferenceName(ref)} {
		if f, err := r.repo.Reference(name, true); err == nil {
			found = f
			break
		}
	}
	if found == nil {
		return nil
	}
	what := "ref"
	switch {
	case found.Name().IsTag():
		what = "tag"
	case found.Name().IsBranch():
		what = "branch"
	}
	// A ref names an object of any type; a tag names its target's.
	h, want := found.Hash(), plumbing.AnyObject
	for range 16 {
		obj, err := r.repo.Storer.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return r.objectErr(h, want, err)
		}
		if want != plumbing.AnyObject && obj.Type() != want {
			return fmt.Errorf("object %s is a %s, not a %s: %w", h.String()[:7], obj.Type(), want, ErrDamaged)
		}
		switch obj.Type() {
		case plumbing.CommitObject:
			// go-git found no commit, yet one is there: it cannot be
			// read.
			return fmt.Errorf("commit %s cannot be read: %w", h.String()[:7], ErrDamaged)
		case plumbing.TagObject:
			tag, err := object.DecodeTag(r.repo.Storer, obj)
			if err != nil {
				return fmt.Errorf("tag %s cannot be read (%v): %w", h.String()[:7], err, ErrDamaged)
			}
			h, want = tag.Target, tag.TargetType
		default:
			return fmt.Errorf("the %s points at a %s, not a commit: %w", what, obj.Type(), ErrNotCommit)
		}
	}
	return fmt.Errorf("the %s is a chain of more than 16 tags: %w", what, ErrNotCommit)
}

// newCommit returns c as a Commit. r.mu is held.
func (r *Repo) newCommit(c *object.Commit) *Commit {
	subject, _, _ := strings.Cut(c.Message, "\n")
	return &Commit{
		Hash: c.Hash.String(), Short: r.short(c.Hash),
		When: c.Committer.When, Author: c.Author.Name, Subject: subject, c: c,
	}
}

// known lists the repository's tags and branches, remote ones too, for an
// error message.
func (r *Repo) known() string {
	var names []string
	if refs, err := r.repo.References(); err == nil {
		refs.ForEach(func(ref *plumbing.Reference) error {
			if ref.Name().IsTag() || ref.Name().IsBranch() || ref.Name().IsRemote() && !strings.HasSuffix(ref.Name().String(), "/HEAD") {
				names = append(names, ref.Name().Short())
			}
			return nil
		})
	}
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	if len(names) > 12 {
		names = append(names[:12], "...")
	}
	return " (there are: " + strings.Join(names, ", ") + ")"
}

// Tags returns the names of the tags matching pattern ("v*"), sorted. As
// in git tag --list, a star matches slashes too: "*" lists release/q1.
// A name git refuses (git check-ref-format: a control character, a
// space, "..") is no tag to git, which ignores it with a warning; such
// names matching are returned apart, as ignored.
func (r *Repo) Tags(pattern string) (names, ignored []string, _ error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	it, err := r.repo.Tags()
	if err != nil {
		return nil, nil, fmt.Errorf("list tags: %w", err)
	}
	err = it.ForEach(func(ref *plumbing.Reference) error {
		// Not Short(), which makes a name of bytes that are not UTF-8
		// another name.
		name := strings.TrimPrefix(ref.Name().String(), "refs/tags/")
		// path.Match's star stops at a slash; a slash turned into NUL
		// on both sides is matched like any other character.
		ok, err := path.Match(strings.ReplaceAll(pattern, "/", "\x00"), strings.ReplaceAll(name, "/", "\x00"))
		if err != nil {
			return fmt.Errorf("tag pattern %q: %w", pattern, err)
		}
		switch {
		case ok && !refNameOK(name):
			ignored = append(ignored, name)
		case ok:
			names = append(names, name)
		}
		return nil
	})
	slices.Sort(names)
	slices.Sort(ignored)
	return names, ignored, err
}

// refNameOK reports whether git takes name as the name of a ref below
// refs/, as git check-ref-format judges it.
func refNameOK(name string) bool {
	if name == "" || name == "@" || strings.HasSuffix(name, ".") || strings.Contains(name, "..") || strings.Contains(name, "@{") {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || strings.HasPrefix(part, ".") || strings.HasSuffix(part, ".lock") {
			return false
		}
	}
	for i := range len(name) {
		if c := name[i]; c < 0x20 || c == 0x7f || strings.IndexByte(" ~^:?*[\\", c) >= 0 {
			return false
		}
	}
	return true
}

// TagSubject returns the first line of the message of the annotated tag
// name ("Q4 2026" for git tag -a playbook-2026-q4 -m "Q4 2026"), or ""
// for a lightweight tag or one with no message.
func (r *Repo) TagSubject(name string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, err := r.repo.Tag(name)
	if err != nil {
		return "", fmt.Errorf("tag %q: %w", name, err)
	}
	t, err := r.repo.TagObject(ref.Hash())
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		// A lightweight tag names the commit itself; what a tag
		// naming no object has wrong, Resolve tells.
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("tag %q: tag %s cannot be read (%v): %w", name, ref.Hash().String()[:7], err, ErrDamaged)
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(t.Message), "\n")
	return strings.TrimSpace(subject), nil
}

// TaggedAt returns when the tag name was made, as far as Git tells: an
// annotated tag's date, else (a lightweight tag, which has none) its
// commit's.
func (r *Repo) TaggedAt(name string) (time.Time, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	ref, err := r.repo.Tag(name)
	if err != nil {
		return time.Time{}, fmt.Errorf("tag %q: %w", name, err)
	}
	if t, err := r.repo.TagObject(ref.Hash()); err == nil {
		return t.Tagger.When, nil
	}
	c, err := r.resolve(name)
	if err != nil {
		return time.Time{}, err
	}
	return c.Committer.When, nil
}

// FS returns the files of commit c.
func (r *Repo) FS(c *Commit) (fs.FS, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, err := r.tree(c.c.TreeHash)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: its tree: %w", c.Short, err)
	}
	return &treeFS{repo: r, root: t, when: c.When, damaged: map[string]error{}}, nil
}

// A Damage is an entry of a commit's tree that its folder's listing
// leaves out (see FS), or a file that failed to be read: its object is
// missing from the repository, or is not of the type the entry's mode
// names.
type Damage struct {
	// Path is the entry's, slash-separated, from the root of the tree.
	Path string
	// Err says what is wrong with its object, naming it: it wraps
	// ErrDamaged, or ErrPartial in a partial clone.
	Err error
}

// Damaged returns the entries of the tree fsys that could not be read so
// far, sorted by path: those its listings left out, of every folder
// listed through it, as fs.WalkDir lists them, and the files whose
// objects failed to be read when opened. fsys is a tree of Repo.FS; any
// other has none.
func Damaged(fsys fs.FS) []Damage {
	t, ok := fsys.(*treeFS)
	if !ok {
		return nil
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	var out []Damage
	for p, err := range t.damaged {
		out = append(out, Damage{Path: p, Err: err})
	}
	slices.SortFunc(out, func(a, b Damage) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// CheckFiles makes the listings of fsys, a tree of Repo.FS, look at the
// type of the object of each file whose path (slash-separated, from the
// root of the tree) check accepts, and leave out as damaged one that is
// not a blob (see Damaged), as they leave out a missing one. A listing
// only looks for a file's object, and one of another type is told when
// the file is read; a file that is copied as it is when the site is
// written, not read when it is loaded, is to be checked here, so that it
// is left out rather than failing the writing. It is to be called before
// fsys is listed; any other file system is left as it is.
func CheckFiles(fsys fs.FS, check func(name string) bool) {
	t, ok := fsys.(*treeFS)
	if !ok {
		return
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	t.check = check
}

// A LastChange is the last commit that touched a file, as a page shows it
// (themes read .Commit, .When and .Author).
type LastChange struct {
	// Commit is the commit's short hash (see Commit.Short).
	Commit string
	When   time.Time
	Author string
}

// LastChanges returns, for each of paths (slash-separated, from the
// repository root) that exists at commit c, the newest commit up to c that
// changed it, the commit git log -1 -- path names. Each path goes back
// from c as git log's history simplification takes it: through a merge,
// by the first parent the path is the same in, so that a change a merge
// left out is not the path's, and to the merge itself where it differs
// from every parent. Paths going the same way are carried together, the
// newest commit first, until every path has its commit; when ctx is done
// the walk stops with ctx's error.
func (r *Repo) LastChanges(ctx context.Context, c *Commit, paths []string) (map[string]LastChange, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	dir := commonDir(paths)
	out := map[string]LastChange{}
	var q commitQueue
	start := map[string]bool{}
	for _, p := range paths {
		start[p] = true
	}
	q.add(c.c, start)
	for len(q.items) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		commit, want := q.next()
		if r.shallow[commit.Hash] {
			// What this commit changed cannot be told without its parents.
			return nil, fmt.Errorf("read history: %d files changed before commit %s: %w", len(want), commit.Hash.String()[:7], ErrShallow)
		}
		changed, err := r.changedPaths(commit, dir)
		if err != nil {
			return nil, err
		}
		// ways[i] are the paths that go on to parent i: the same there.
		ways := make([]map[string]bool, commit.NumParents())
		if len(ways) <= 1 {
			for _, p := range changed[0] {
				if want[p] {
					delete(want, p)
					out[p] = r.lastChange(commit)
				}
			}
			if len(ways) == 1 {
				ways[0] = want
			}
		} else {
			differs := make([]map[string]bool, len(ways))
			for i, ps := range changed {
				differs[i] = map[string]bool{}
				for _, p := range ps {
					differs[i][p] = true
				}
			}
			for p := range want {
				i := slices.IndexFunc(differs, func(d map[string]bool) bool { return !d[p] })
				if i < 0 {
					out[p] = r.lastChange(commit)
					continue
				}
				if ways[i] == nil {
					ways[i] = map[string]bool{}
				}
				ways[i][p] = true
			}
		}
		for i, w := range ways {
			if len(w) == 0 {
				continue
			}
			parent, err := r.parent(commit, i)
			if err != nil {
				if len(r.shallow) > 0 {
					return nil, fmt.Errorf("read history of %d files: %w", len(w), ErrShallow)
				}
				return nil, fmt.Errorf("read parent of %s: %w", commit.Hash.String()[:7], err)
			}
			if parent == nil {
				// Lost: against no parent, every file of commit was
				// changed (see changedPaths); the rest are not in it.
				continue
			}
			q.add(parent, w)
		}
	}
	return out, nil
}

// parent returns the parent i of commit, or nil where the repository
// lacks it (ErrDamaged): as far as it can tell, history ends there, as at
// a root commit, rather than every build that walks through it failing.
// A parent a partial clone left on the server is ErrPartial. r.mu is
// held.
func (r *Repo) parent(commit *object.Commit, i int) (*object.Commit, error) {
	p, err := commit.Parent(i)
	if err == nil {
		return p, nil
	}
	err = r.objectErr(commit.ParentHashes[i], plumbing.CommitObject, err)
	if errors.Is(err, ErrDamaged) && len(r.shallow) == 0 {
		return nil, nil
	}
	return nil, err
}

// lastChange returns c as the last change of a file. r.mu is held.
func (r *Repo) lastChange(c *object.Commit) LastChange {
	return LastChange{Commit: r.short(c.Hash), When: c.Author.When, Author: c.Author.Name}
}

// A commitQueue holds the commits a walk over history is yet to read,
// each with the paths that reach it, newest first (by commit time, as git
// log orders them); a commit reached again before it is read gathers the
// paths of both ways. It is a heap (container/heap).
type commitQueue struct {
	items  []queued
	queued map[plumbing.Hash]int // index in items
}

type queued struct {
	commit *object.Commit
	paths  map[string]bool
}

// add queues commit with paths, which it then owns.
func (q *commitQueue) add(commit *object.Commit, paths map[string]bool) {
	if q.queued == nil {
		q.queued = map[plumbing.Hash]int{}
	}
	if i, ok := q.queued[commit.Hash]; ok {
		for p := range paths {
			q.items[i].paths[p] = true
		}
		return
	}
	heap.Push(q, queued{commit, paths})
}

// next takes the newest commit off the queue, with its paths.
func (q *commitQueue) next() (*object.Commit, map[string]bool) {
	top := heap.Pop(q).(queued)
	return top.commit, top.paths
}

func (q *commitQueue) Len() int { return len(q.items) }

// Less reports whether item i goes before item j: the newer commit, or
// for commits made in the same second, the one with the smaller hash, so
// that the walk's order does not depend on how they were reached.
func (q *commitQueue) Less(i, j int) bool {
	a, b := q.items[i].commit, q.items[j].commit
	if !a.Committer.When.Equal(b.Committer.When) {
		return a.Committer.When.After(b.Committer.When)
	}
	return bytes.Compare(a.Hash[:], b.Hash[:]) < 0
}

func (q *commitQueue) Swap(i, j int) {
	q.items[i], q.items[j] = q.items[j], q.items[i]
	q.queued[q.items[i].commit.Hash] = i
	q.queued[q.items[j].commit.Hash] = j
}

func (q *commitQueue) Push(x any) {
	q.items = append(q.items, x.(queued))
	q.queued[x.(queued).commit.Hash] = len(q.items) - 1
}

func (q *commitQueue) Pop() any {
	last := q.items[len(q.items)-1]
	q.items = q.items[:len(q.items)-1]
	delete(q.queued, last.commit.Hash)
	return last
}

// changedPaths returns, for each parent of commit (one list for a root
// commit, against no tree), the files under folder dir ("" for all) that
// commit added or changed against it. Only folders whose trees differ are
// read: a commit that left dir as it was costs a few lookups, and most
// commits of a repository holding code beside its playbook touch no page.
func (r *Repo) changedPaths(commit *object.Commit, dir string) ([][]string, error) {
	key := changeKey{commit.Hash, dir}
	if ps, ok := r.changed[key]; ok {
		return ps, nil
	}
	tree, err := r.subtree(commit.TreeHash, dir)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", commit.Hash.String()[:7], err)
	}
	ps := make([][]string, max(1, commit.NumParents()))
	for i := range ps {
		var parent *object.Tree // none for a root commit
		if commit.NumParents() > 0 {
			p, err := r.parent(commit, i)
			if err != nil {
				return nil, fmt.Errorf("read parent of %s: %w (a shallow clone? git fetch --unshallow)", commit.Hash.String()[:7], err)
			}
			// A parent the repository lacks is none: against it,
			// every file is changed.
			if p != nil {
				if parent, err = r.subtree(p.TreeHash, dir); err != nil {
					return nil, fmt.Errorf("read commit %s: %w", p.Hash.String()[:7], err)
				}
			}
		}
		if ps[i], err = r.changedFiles(nil, dir, parent, tree); err != nil {
			return nil, fmt.Errorf("compare commit %s: %w", commit.Hash.String()[:7], err)
		}
	}
	r.changed[key] = ps
	return ps, nil
}

// changedFiles appends to out the files under dir that are in tree b
// (nil for none) and not the same in tree a (nil for none).
func (r *Repo) changedFiles(out []string, dir string, a, b *object.Tree) ([]string, error) {
	if b == nil || a != nil && a.Hash == b.Hash {
		return out, nil
	}
	before := map[string]object.TreeEntry{}
	if a != nil {
		for _, e := range a.Entries {
			before[e.Name] = e
		}
	}
	for _, e := range b.Entries {
		o, had := before[e.Name]
		if had && o.Hash == e.Hash && o.Mode == e.Mode {
			continue
		}
		p := path.Join(dir, e.Name)
		if e.Mode != filemode.Dir {
			out = append(out, p)
			continue
		}
		sub, err := r.historyTree(e.Hash)
		if err != nil {
			return nil, err
		}
		var was *object.Tree
		if had && o.Mode == filemode.Dir {
			if was, err = r.historyTree(o.Hash); err != nil {
				return nil, err
			}
		}
		if out, err = r.changedFiles(out, p, was, sub); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// changeKey names the changes of a commit under a folder.
type changeKey struct {
	commit plumbing.Hash
	dir    string
}

// subtree returns the tree of folder dir ("" for the root) in the tree
// root, or nil if it has no such folder.
func (r *Repo) subtree(root plumbing.Hash, dir string) (*object.Tree, error) {
	t, err := r.historyTree(root)
	if err != nil || t == nil || dir == "" {
		return t, err
	}
	for _, name := range strings.Split(dir, "/") {
		e := slices.IndexFunc(t.Entries, func(e object.TreeEntry) bool { return e.Name == name })
		if e < 0 || t.Entries[e].Mode != filemode.Dir {
			return nil, nil
		}
		if t, err = r.historyTree(t.Entries[e].Hash); err != nil || t == nil {
			return nil, err
		}
	}
	return t, nil
}

// historyTree returns tree h as the walk over history reads it: nil, an
// empty folder, where the repository lacks it or holds another type of
// object (ErrDamaged). Its files are then taken as absent from that
// commit, as a version read from it leaves them out (see treeFS), and one
// damaged commit does not stop every build whose history goes through
// it. A tree a partial clone left on the server is ErrPartial. r.mu is
// held.
func (r *Repo) historyTree(h plumbing.Hash) (*object.Tree, error) {
	t, err := r.tree(h)
	if errors.Is(err, ErrDamaged) {
		return nil, nil
	}
	return t, err
}

// tree returns a tree object. go-git keeps objects as read, not decoded;
// a walk over history meets each tree of a commit again as its parent's,
// so decoded trees are kept, a bounded number. r.mu is held.
func (r *Repo) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := r.trees[h]; ok {
		return t, nil
	}
	t, err := object.GetTree(r.repo.Storer, h)
	if err != nil {
		return nil, r.objectErr(h, plumbing.TreeObject, err)
	}
	if len(r.trees) >= maxTrees {
		clear(r.trees)
	}
	r.trees[h] = t
	return t, nil
}

// maxTrees bounds the decoded trees kept: far more than the folders of a
// commit, far less memory than a long history's.
const maxTrees = 4096

// commonDir returns the deepest folder holding every path, "" for the
// root.
func commonDir(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	dir := path.Dir(paths[0])
	for _, p := range paths[1:] {
		for dir != "." && !strings.HasPrefix(p, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	if dir == "." {
		return ""
	}
	return dir
}

// blob returns the content of a blob. Versions share most files, so each
// blob is read from the object store once. r.mu is held.
func (r *Repo) blob(h plumbing.Hash) ([]byte, error) {
	if data, ok := r.blobs[h]; ok {
		return data, nil
	}
	blob, err := r.repo.BlobObject(h)
	if err != nil {
		return nil, r.objectErr(h, plumbing.BlobObject, err)
	}
	rd, err := blob.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	r.blobs[h] = data
	return data, nil
}

// hasBlob returns nil if the repository has the object h, without reading
// it; else what is wrong (see objectErr). Versions share most files: each
// is looked for once. r.mu is held.
func (r *Repo) hasBlob(h plumbing.Hash) error {
	if _, ok := r.blobs[h]; ok || r.present[h] {
		return nil
	}
	if err := r.has(h); err != nil {
		return r.objectErr(h, plumbing.BlobObject, err)
	}
	r.present[h] = true
	return nil
}

// checkBlob returns nil if the object h is a blob, reading no more of it
// than its type needs: a loose object's header, a packed one as go-git
// reads it (a large one's header only); else what is wrong (see
// objectErr). Versions share most files: each is looked at once. r.mu is
// held.
func (r *Repo) checkBlob(h plumbing.Hash) error {
	if _, ok := r.blobs[h]; ok || r.isBlob[h] {
		return nil
	}
	typ, err := r.objectType(h)
	if err != nil {
		return r.objectErr(h, plumbing.BlobObject, err)
	}
	if typ != plumbing.BlobObject {
		return fmt.Errorf("object %s is a %s, not a blob: %w", h.String()[:7], typ, ErrDamaged)
	}
	r.isBlob[h] = true
	return nil
}

// objectType returns the type of the object h. r.mu is held.
func (r *Repo) objectType(h plumbing.Hash) (plumbing.ObjectType, error) {
	if r.storage != nil {
		// go-git reads a loose object whole to tell its type.
		id := h.String()
		if f, err := r.storage.Filesystem().Open(path.Join("objects", id[:2], id[2:])); err == nil {
			defer f.Close()
			if zr, err := objfile.NewReader(f); err == nil {
				defer zr.Close()
				if typ, _, err := zr.Header(); err == nil {
					return typ, nil
				}
			}
		}
	}
	obj, err := r.repo.Storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return plumbing.InvalidObject, err
	}
	return obj.Type(), nil
}

// has returns nil if the repository has the object h. A loose object's
// file is looked at, not opened as go-git does; any other is go-git's to
// find, in the packfiles and the repositories objects/info/alternates
// names. r.mu is held.
func (r *Repo) has(h plumbing.Hash) error {
	if r.storage != nil {
		id := h.String()
		if _, err := r.storage.Filesystem().Stat(path.Join("objects", id[:2], id[2:])); err == nil {
			return nil
		}
	}
	return r.repo.Storer.HasEncodedObject(h)
}

// treeFS is an fs.FS over a Git tree. Symbolic links (mode 120000, whose
// blob is the target) are followed as a file system follows them, but
// never above the tree's root; ReadLink and Lstat (fs.ReadLinkFS) show
// them, so that a reader can judge where a link leads before it reads
// through it, as it can on a folder.
//
// An entry whose object is missing or of another type than its mode says
// is left out of its folder's listing, and kept in damaged: a reader
// walking the tree meets only what it can read, and is told the rest
// (see Damaged). Opened by its path, it is an error saying what is wrong.
type treeFS struct {
	repo *Repo
	root *object.Tree
	when time.Time
	// damaged holds, by path, what is wrong with each entry left out of
	// a listing, and with each file that failed to be read. repo.mu
	// guards it.
	damaged map[string]error
	// check, if set, says which files' objects a listing checks to be
	// blobs (see CheckFiles). repo.mu guards it.
	check func(name string) bool
}

var _ fs.ReadLinkFS = (*treeFS)(nil)

// maxLinks bounds the symbolic links followed for one path, as operating
// systems bound it: more means a loop.
const maxLinks = 40

func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	real, e, err := t.lookup(name, true)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if e == nil {
		return &dir{info: t.info(".", filemode.Dir, 0), entries: t.entries(t.root, ".")}, nil
	}
	switch e.Mode {
	case filemode.Dir:
		sub, err := t.repo.tree(e.Hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{info: t.info(path.Base(name), e.Mode, 0), entries: t.entries(sub, real)}, nil
	case filemode.Regular, filemode.Executable, filemode.Deprecated:
		data, err := t.repo.blob(e.Hash)
		if err != nil {
			if errors.Is(err, ErrDamaged) || errors.Is(err, ErrPartial) {
				t.damaged[real] = err
			}
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		return &file{Reader: bytes.NewReader(data), info: t.info(path.Base(name), e.Mode, int64(len(data)))}, nil
	}
	// Submodules are other repositories: not followed into.
	return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file in the Git tree (a submodule)")}
}

// ContentID returns the id of the blob the file name holds, its links
// followed, without reading it: for a repository of SHA-1 ids, the
// hexadecimal SHA-1 of the blob's header and content, as Git names it.
func (t *treeFS) ContentID(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "contentid", Path: name, Err: fs.ErrInvalid}
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	_, e, err := t.lookup(name, true)
	if err == nil && (e == nil || !e.Mode.IsFile() || e.Mode == filemode.Symlink) {
		err = errors.New("not a regular file in the Git tree")
	}
	if err != nil {
		return "", &fs.PathError{Op: "contentid", Path: name, Err: err}
	}
	return e.Hash.String(), nil
}

// ReadLink returns the target of the symbolic link at name.
func (t *treeFS) ReadLink(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	_, e, err := t.lookup(name, false)
	if err == nil && (e == nil || e.Mode != filemode.Symlink) {
		err = fs.ErrInvalid
	}
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	target, err := t.repo.blob(e.Hash)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return string(target), nil
}

// Lstat describes the file at name; a symbolic link is described, not
// followed.
func (t *treeFS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	t.repo.mu.Lock()
	defer t.repo.mu.Unlock()
	_, e, err := t.lookup(name, false)
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	if e == nil {
		return t.info(".", filemode.Dir, 0), nil
	}
	size := int64(0)
	if e.Mode != filemode.Dir && e.Mode != filemode.Submodule {
		data, err := t.repo.blob(e.Hash)
		if err != nil {
			return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
		}
		size = int64(len(data))
	}
	return t.info(path.Base(name), e.Mode, size), nil
}

// lookup returns the real path of name (no link in it) and its entry, nil
// for the root. Links in the folders of name are followed; a link at name
// itself only if follow is set. r.mu is held.
func (t *treeFS) lookup(name string, follow bool) (string, *object.TreeEntry, error) {
	if name == "." {
		return ".", nil, nil
	}
	// Almost every path has no link in it: one lookup.
	if e, err := t.root.FindEntry(name); err == nil && (e.Mode != filemode.Symlink || !follow) {
		return name, e, nil
	}
	real := "."
	var entry *object.TreeEntry
	todo := strings.Split(name, "/")
	for hops := 0; len(todo) > 0; {
		elem := todo[0]
		todo = todo[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if real == "." {
				return "", nil, errors.New("symbolic link leads outside the tree")
			}
			real = path.Dir(real)
			entry = nil
			if real != "." {
				e, err := t.root.FindEntry(real)
				if err != nil {
					return "", nil, fs.ErrNotExist
				}
				entry = e
			}
			continue
		}
		next := path.Join(real, elem)
		e, err := t.root.FindEntry(next)
		if err != nil {
			if entry != nil && entry.Mode == filemode.Dir {
				// Not there, or its folder cannot be read: say which.
				if _, err := t.repo.tree(entry.Hash); err != nil {
					return "", nil, err
				}
			}
			return "", nil, fs.ErrNotExist
		}
		if e.Mode == filemode.Symlink && (len(todo) > 0 || follow) {
			if hops++; hops > maxLinks {
				return "", nil, errors.New("too many levels of symbolic links")
			}
			target, err := t.repo.blob(e.Hash)
			if err != nil {
				return "", nil, err
			}
			if path.IsAbs(string(target)) {
				return "", nil, errors.New("symbolic link leads outside the tree")
			}
			todo = append(strings.Split(string(target), "/"), todo...)
			continue
		}
		if len(todo) > 0 && e.Mode != filemode.Dir {
			return "", nil, fs.ErrNotExist
		}
		real, entry = next, e
	}
	return real, entry, nil
}

// entries lists tree, the folder dir of t, leaving out the entries
// whose objects cannot be read as their modes say (kept in t.damaged).
// t.repo.mu is held.
func (t *treeFS) entries(tree *object.Tree, dir string) []fs.DirEntry {
	es := make([]fs.DirEntry, 0, len(tree.Entries))
	for _, e := range tree.Entries {
		if e.Mode == filemode.Submodule {
			// Another repository, of which the tree holds only a
			// commit's hash: its files are not in this one.
			continue
		}
		// A folder is read now (and kept, see Repo.tree): the walk that
		// lists a folder reads what is in it next. A file is only looked
		// for: most of a version's files are the previous version's,
		// which a build knows by their ids (see ContentID) and does not
		// read again, and its size would cost a read (Stat has it). A
		// file's object of another type is told when the file is read,
		// or here for the files CheckFiles names.
		var err error
		p := path.Join(dir, e.Name)
		switch {
		case e.Mode == filemode.Dir:
			_, err = t.repo.tree(e.Hash)
		case e.Mode.IsFile() && t.check != nil && t.check(p):
			err = t.repo.checkBlob(e.Hash)
		case e.Mode.IsFile():
			err = t.repo.hasBlob(e.Hash)
		}
		if err != nil {
			t.damaged[p] = err
			continue
		}
		es = append(es, fs.FileInfoToDirEntry(t.info(e.Name, e.Mode, 0)))
	}
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return es
}

func (t *treeFS) info(name string, mode filemode.FileMode, size int64) fileInfo {
	m, err := mode.ToOSFileMode()
	if err != nil {
		m = fs.ModeIrregular
	}
	return fileInfo{name: name, mode: m, size: size, when: t.when}
}

type fileInfo struct {
	name string
	mode fs.FileMode
	size int64
	when time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return i.when }
func (i fileInfo) IsDir() bool        { return i.mode.IsDir() }
func (i fileInfo) Sys() any           { return nil }

type file struct {
	*bytes.Reader
	info fileInfo
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }

type dir struct {
	info    fileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
