package gitrepo

import (
	"context"
	"crypto/sha1"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

func TestCommonDir(t *testing.T) {
	for _, c := range []struct {
		paths []string
		want  string
	}{
		{nil, ""},
		{[]string{"content/a.md"}, "content"},
		{[]string{"content/a.md", "content/promises/b.md"}, "content"},
		{[]string{"site/content/x/a.md", "site/content/x/b.md"}, "site/content/x"},
		{[]string{"content/a.md", "contents/b.md"}, ""},
		{[]string{"a.md", "content/b.md"}, ""},
	} {
		if got := commonDir(c.paths); got != c.want {
			t.Errorf("commonDir(%q) = %q, want %q", c.paths, got, c.want)
		}
	}
}

// TestLastChangesThroughMerge: a file changed on a branch is credited to
// the branch's commit, not to the merge that brought it in, as git log
// credits it; a merge that resolves a file its own way is credited.
func TestLastChangesThroughMerge(t *testing.T) {
	dir := t.TempDir()
	git := dayByDay(t, dir)
	write := func(name, text string) { gittest.WriteFiles(t, dir, map[string]string{name: text}) }
	git("init", "-q", "-b", "main")
	write("content/a.md", "A\n")
	write("content/b.md", "B\n")
	write("content/c.md", "C\n")
	git("add", "-A")
	git("commit", "-q", "-m", "start")
	git("checkout", "-q", "-b", "side")
	write("content/b.md", "B on the side\n")
	write("content/c.md", "C on the side\n")
	git("commit", "-q", "-am", "side edits b and c")
	side := strings.TrimSpace(git("rev-parse", "--short=7", "HEAD"))
	git("checkout", "-q", "main")
	write("content/a.md", "A on main\n")
	write("content/c.md", "C on main\n")
	git("commit", "-q", "-am", "main edits a and c")
	mainEdit := strings.TrimSpace(git("rev-parse", "--short=7", "HEAD"))
	if _, err := gittest.Run(dir, time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), "merge", "-q", "--no-ff", "side", "-m", "merge"); err == nil {
		t.Fatal("the merge should conflict on c.md")
	}
	write("content/c.md", "C, both\n")
	git("commit", "-q", "-am", "merge side")
	merge := strings.TrimSpace(git("rev-parse", "--short=7", "HEAD"))

	r := openRepo(t, dir)
	head := resolve(t, r, "HEAD")
	got, err := r.LastChanges(context.Background(), head, []string{"content/a.md", "content/b.md", "content/c.md"})
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"content/a.md": mainEdit, "content/b.md": side, "content/c.md": merge} {
		if got[file].Commit != want {
			t.Errorf("%s: last changed in %s, want %s", file, got[file].Commit, want)
		}
		if log := strings.TrimSpace(git("log", "-1", "--format=%h", "--abbrev=7", "--", file)); log != want {
			t.Errorf("%s: git log says %s, the test expects %s", file, log, want)
		}
	}
	if h, err := r.Head(); err != nil || h[:7] != merge {
		t.Errorf("Head() = %q, %v; want %s…", h, err, merge)
	}
	// An interrupted build stops the walk over history.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.LastChanges(ctx, head, []string{"content/a.md"}); !errors.Is(err, context.Canceled) {
		t.Errorf("LastChanges with a cancelled context returned %v, want %v", err, context.Canceled)
	}
}

// TestLastChangesOfMergesKeepingOneSide: a merge that keeps one side's
// version of a file takes the file's history from that side alone, as
// git log's history simplification does: a change the merge left out is
// not the file's last change, however much newer it is.
func TestLastChangesOfMergesKeepingOneSide(t *testing.T) {
	for _, tt := range []struct {
		name  string
		merge []string
		// kept is the side whose edit the file keeps.
		kept string
	}{
		{"ours", []string{"merge", "-q", "-s", "ours", "side", "-m", "merge keeping main"}, "main"},
		{"theirs", []string{"merge", "-q", "-X", "theirs", "side", "-m", "merge keeping side"}, "side"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			git := dayByDay(t, dir)
			write := func(text string) { gittest.WriteFiles(t, dir, map[string]string{"content/a.md": text}) }
			git("init", "-q", "-b", "main")
			write("A\n")
			git("add", "-A")
			git("commit", "-q", "-m", "start")
			git("branch", "side")
			// Each side edits the file, the side the merge keeps first:
			// the edit it leaves out is the newer.
			edits := map[string]string{}
			other := map[string]string{"main": "side", "side": "main"}[tt.kept]
			for _, branch := range []string{tt.kept, other} {
				git("checkout", "-q", branch)
				write("A on " + branch + "\n")
				git("commit", "-q", "-am", branch+" edit")
				edits[branch] = strings.TrimSpace(git("rev-parse", "--short=7", "HEAD"))
			}
			git("checkout", "-q", "main")
			git(tt.merge...)
			want := edits[tt.kept]
			if log := strings.TrimSpace(git("log", "-1", "--format=%h", "--abbrev=7", "--", "content/a.md")); log != want {
				t.Fatalf("git log says %s, the test expects %s", log, want)
			}
			r := openRepo(t, dir)
			head := resolve(t, r, "HEAD")
			got, err := r.LastChanges(context.Background(), head, []string{"content/a.md"})
			if err != nil {
				t.Fatal(err)
			}
			if got["content/a.md"].Commit != want {
				t.Errorf("content/a.md last changed in %s, want %s (the %s edit the merge kept)", got["content/a.md"].Commit, want, tt.kept)
			}
		})
	}
}

func TestTags(t *testing.T) {
	dir := t.TempDir()
	git := func(args ...string) { gittest.Git(t, dir, time.Time{}, args...) }
	git("init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("A\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "a")
	for _, tag := range []string{"q1", "q2", "release/2026-q1"} {
		git("tag", tag)
	}
	r := openRepo(t, dir)
	for pattern, want := range map[string]string{
		"*":         "q1 q2 release/2026-q1", // as git tag --list '*'
		"q*":        "q1 q2",
		"release/*": "release/2026-q1",
		"*q1":       "q1 release/2026-q1",
	} {
		got, _, err := r.Tags(pattern)
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("Tags(%q) = %q, %v; want %s", pattern, got, err, want)
		}
	}
	if _, _, err := r.Tags("["); err == nil {
		t.Error("a bad pattern gives no error")
	}
}

// TestPrefix finds a folder's path in the repository's working tree,
// folders whose names start with dots included, and refuses one outside.
func TestPrefix(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	gittest.WriteFiles(t, repo, map[string]string{"..handbook/site.toml": "", "docs/.hidden/site.toml": "", "a.md": "A\n"})
	gittest.Git(t, repo, time.Time{}, "init", "-q")
	r := openRepo(t, repo)
	for folder, want := range map[string]string{".": ".", "..handbook": "..handbook", "docs/.hidden": "docs/.hidden"} {
		if got, err := r.Prefix(filepath.Join(repo, folder)); err != nil || got != want {
			t.Errorf("Prefix(%s) = %q, %v; want %q", folder, got, err, want)
		}
	}
	for _, outside := range []string{dir, filepath.Join(dir, "..other")} {
		if got, err := r.Prefix(outside); err == nil {
			t.Errorf("Prefix(%s) = %q, want an error: it is outside the repository", outside, got)
		}
	}
	// A link made elsewhere to a folder of the repository is in it, as
	// git finds it from the folder's real place.
	link := filepath.Join(dir, "docs-link")
	if err := os.Symlink(filepath.Join(repo, "docs"), link); err != nil {
		t.Fatal(err)
	}
	linked, err := Open(link)
	if err != nil {
		t.Fatalf("Open(a link to docs): %v", err)
	}
	defer linked.Close()
	if got, err := linked.Prefix(link); err != nil || got != "docs" {
		t.Errorf("Prefix(a link to docs) = %q, %v; want docs", got, err)
	}
}

// TestBorrowedObjects reads a clone made with --shared or --reference,
// whose objects stay in the repository it was cloned from (named in its
// objects/info/alternates), as CI caches of repositories make them.
func TestBorrowedObjects(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	gittest.WriteFiles(t, src, map[string]string{"content/a.md": "A\n"})
	gittest.Git(t, src, day, "init", "-q", "-b", "main")
	gittest.Git(t, src, day, "add", "-A")
	gittest.Git(t, src, day, "commit", "-q", "-m", "start")
	gittest.Git(t, src, day, "tag", "-a", "v1", "-m", "One")
	want := strings.TrimSpace(gittest.Git(t, src, day, "rev-parse", "HEAD"))
	for _, how := range []string{"--shared", "--reference=" + src} {
		clone := filepath.Join(dir, strings.TrimLeft(strings.Split(how, "=")[0], "-"))
		gittest.Git(t, dir, day, "clone", "-q", how, src, clone)
		r := openRepo(t, clone)
		for _, ref := range []string{"HEAD", "v1"} {
			if c, err := r.Resolve(ref); err != nil || c.Hash != want {
				t.Errorf("clone %s: Resolve(%s) = %v, %v; want %s", how, ref, c, err, want[:7])
			}
		}
		head, err := r.Resolve("HEAD")
		if err != nil {
			continue
		}
		got, err := r.LastChanges(context.Background(), head, []string{"content/a.md"})
		if err != nil || got["content/a.md"].Commit != want[:7] {
			t.Errorf("clone %s: LastChanges = %v, %v; want %s", how, got, err, want[:7])
		}
	}
}

// TestResolveInAShallowClone: a ref a shallow clone cut off says so, and
// the names listed when a ref is not found include the remote branches
// such a clone has (origin/main), as CI checkouts name them.
func TestResolveInAShallowClone(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	gittest.Git(t, dir, day, "init", "-q", "-b", "main", src)
	for i, text := range []string{"A\n", "A again\n"} {
		gittest.WriteFiles(t, src, map[string]string{"a.md": text})
		gittest.Git(t, src, day.AddDate(0, 0, i), "add", "-A")
		gittest.Git(t, src, day.AddDate(0, 0, i), "commit", "-q", "-m", text)
	}
	first := strings.TrimSpace(gittest.Git(t, src, day, "rev-parse", "HEAD~1"))
	clone := filepath.Join(dir, "clone")
	gittest.Git(t, dir, day, "clone", "-q", "--depth", "1", "file://"+src, clone)
	r := openRepo(t, clone)
	for _, ref := range []string{"HEAD~1", first, "origin/main~1"} {
		if _, err := r.Resolve(ref); !errors.Is(err, ErrShallow) {
			t.Errorf("Resolve(%s) = %v; want an error saying the clone is shallow", ref[:min(len(ref), 13)], err)
		}
	}
	if _, err := r.Resolve("nothing"); err == nil || !strings.Contains(err.Error(), "origin/main") {
		t.Errorf("Resolve(nothing) = %v; want the remote branches listed", err)
	}
}

// TestPartialClone: a file of an older commit that a partial clone left
// on the server says so, for a clone without blobs and one without
// trees; the files the clone has read as ever.
func TestPartialClone(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	gittest.Git(t, dir, day, "init", "-q", "-b", "main", src)
	gittest.Git(t, src, day, "config", "uploadpack.allowFilter", "true")
	for i, text := range []string{"A\n", "A again\n"} {
		gittest.WriteFiles(t, src, map[string]string{"content/a.md": text})
		gittest.Git(t, src, day.AddDate(0, 0, i), "add", "-A")
		gittest.Git(t, src, day.AddDate(0, 0, i), "commit", "-q", "-m", text)
		gittest.Git(t, src, day.AddDate(0, 0, i), "tag", fmt.Sprintf("v%d", i+1))
	}
	for _, filter := range []string{"blob:none", "tree:0"} {
		clone := filepath.Join(dir, strings.ReplaceAll(filter, ":", "-"))
		gittest.Git(t, dir, day, "clone", "-q", "--filter="+filter, "file://"+src, clone)
		r := openRepo(t, clone)
		fsys, err := r.FS(resolve(t, r, "v2"))
		if err != nil {
			t.Fatalf("%s: FS(v2): %v", filter, err)
		}
		if b, err := fs.ReadFile(fsys, "content/a.md"); err != nil || string(b) != "A again\n" {
			t.Errorf("%s: v2's content/a.md = %q, %v", filter, b, err)
		}
		fsys, err = r.FS(resolve(t, r, "v1"))
		if err == nil {
			_, err = fs.ReadFile(fsys, "content/a.md")
		}
		if !errors.Is(err, ErrPartial) {
			t.Errorf("%s: v1's content/a.md: %v; want an error saying the clone is partial", filter, err)
		}
	}
}

// TestResolve resolves what site.toml's versions and check --new-since
// name: branches, tags (a tag of a tag too, which git peels to its
// commit), hashes and ancestors; reflog and upstream selectors, which
// git reads from files beside the history, are refused by name rather
// than read as the branch they start with.
func TestResolve(t *testing.T) {
	dir := t.TempDir()
	days := dayByDay(t, dir)
	git := func(args ...string) string { return strings.TrimSpace(days(args...)) }
	git("init", "-q", "-b", "main")
	gittest.WriteFiles(t, dir, map[string]string{"a.md": "A\n"})
	git("add", "-A")
	git("commit", "-q", "-m", "first")
	first := git("rev-parse", "HEAD")
	gittest.WriteFiles(t, dir, map[string]string{"a.md": "A again\n"})
	git("commit", "-q", "-am", "second")
	second := git("rev-parse", "HEAD")
	git("tag", "-a", "inner", "-m", "Inner", first)
	git("tag", "-a", "playbook-1", "-m", "Q1", "inner")
	git("tag", "light", first)
	git("tag", "-a", "on-a-tree", "-m", "Tree", "HEAD^{tree}")
	git("tag", "light-tree", "HEAD^{tree}")
	r := openRepo(t, dir)
	for ref, want := range map[string]string{
		"HEAD": second, "main": second, "HEAD~1": first, "main^": first, second[:7]: second,
		"inner": first, "playbook-1": first, "refs/tags/playbook-1": first, "light": first,
	} {
		c, err := r.Resolve(ref)
		if err != nil || c.Hash != want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", ref, c, err, want[:7])
		}
	}
	for _, ref := range []string{"HEAD@{1}", "main@{1}", "@{1}", "main@{u}", "@{-1}", "main@{yesterday}"} {
		if c, err := r.Resolve(ref); err == nil || !strings.Contains(err.Error(), "@{") {
			t.Errorf("Resolve(%q) = %v, %v; want an error naming @{", ref, c, err)
		}
	}
	for _, ref := range []string{"on-a-tree", "light-tree"} {
		if c, err := r.Resolve(ref); err == nil || !strings.Contains(err.Error(), "the tag points at a tree, not a commit") {
			t.Errorf("Resolve(%q) = %v, %v; want an error saying it is a tree", ref, c, err)
		}
	}
	if _, err := r.Resolve("nothing"); err == nil || !strings.Contains(err.Error(), "playbook-1") {
		t.Errorf("Resolve(nothing) = %v; want an error listing the tags", err)
	}
	// On a branch with no commit yet, HEAD names none, and says why;
	// the tags still resolve.
	git("checkout", "-q", "--orphan", "fresh")
	if _, err := r.Resolve("HEAD"); err == nil || !strings.Contains(err.Error(), "fresh, has no commits yet") {
		t.Errorf("Resolve(HEAD) on an orphan branch = %v; want an error naming the branch", err)
	}
	if c, err := r.Resolve("playbook-1"); err != nil || c.Hash != first {
		t.Errorf("Resolve(playbook-1) on an orphan branch = %v, %v", c, err)
	}
}

// TestTreeSubmodule: a submodule in a commit's tree, of which Git keeps
// only the commit it points at, is left out of its folder's listing, so
// that a version read from Git has the pages it has and no more.
func TestTreeSubmodule(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	vendor, site := filepath.Join(dir, "vendor"), filepath.Join(dir, "site")
	gittest.WriteFiles(t, vendor, map[string]string{"v.md": "# V\n"})
	gittest.WriteFiles(t, site, map[string]string{"content/a.md": "# A\n"})
	for _, d := range []string{vendor, site} {
		gittest.Git(t, d, day, "init", "-q", "-b", "main")
		gittest.Git(t, d, day, "add", "-A")
		gittest.Git(t, d, day, "commit", "-q", "-m", "start")
	}
	gittest.Git(t, site, day, "-c", "protocol.file.allow=always", "submodule", "add", "-q", "file://"+vendor, "content/vendor")
	gittest.Git(t, site, day, "commit", "-q", "-m", "vendor")
	r := openRepo(t, site)
	head := resolve(t, r, "HEAD")
	tree, err := r.FS(head)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	err = fs.WalkDir(tree, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, name)
		}
		return err
	})
	if err != nil || strings.Join(files, " ") != ".gitmodules content/a.md" {
		t.Errorf("files = %q, %v; want .gitmodules and content/a.md", files, err)
	}
}

// TestTreeSymlinks: a Git tree reads its symbolic links as the folder it
// was committed from reads them through os.Root: followed inside, chains
// and links to folders included, and never above the root.
func TestTreeSymlinks(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, map[string]string{"content/a.md": "A\n", "content/sub/b.md": "B\n"})
	for link, target := range map[string]string{
		"content/link.md":  "a.md",
		"content/chain.md": "link.md",
		"content/subdir":   "sub",
		"content/up.md":    "../content/a.md",
		"content/out.txt":  "../../outside.txt",
		"content/abs.txt":  "/etc/hostname",
		"content/loop1":    "loop2",
		"content/loop2":    "loop1",
		"content/gone.md":  "missing.md",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	gittest.Git(t, dir, time.Time{}, "init", "-q", "-b", "main")
	gittest.Git(t, dir, time.Time{}, "add", "-A")
	gittest.Git(t, dir, time.Time{}, "commit", "-q", "-m", "links")
	r := openRepo(t, dir)
	head := resolve(t, r, "HEAD")
	tree, err := r.FS(head)
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	folder := root.FS()

	for _, c := range []struct {
		name string
		want string // the content read, or "" for an error
	}{
		{"content/a.md", "A\n"},
		{"content/link.md", "A\n"},
		{"content/chain.md", "A\n"},
		{"content/subdir/b.md", "B\n"},
		{"content/up.md", "A\n"},
		{"content/out.txt", ""},
		{"content/abs.txt", ""},
		{"content/loop1", ""},
		{"content/gone.md", ""},
	} {
		got, err := fs.ReadFile(tree, c.name)
		if c.want == "" && err == nil {
			t.Errorf("%s: read %q from the tree, want an error", c.name, got)
		}
		if c.want != "" && (err != nil || string(got) != c.want) {
			t.Errorf("%s: read %q, %v from the tree, want %q", c.name, got, err, c.want)
		}
		if fromFolder, err := fs.ReadFile(folder, c.name); (err == nil) != (c.want != "") || err == nil && string(fromFolder) != c.want {
			t.Errorf("%s: the folder reads %q, %v: the test expects %q", c.name, fromFolder, err, c.want)
		}
		// The content's name, as Git gives it, without reading it.
		id, err := tree.(interface{ ContentID(string) (string, error) }).ContentID(c.name)
		if want := fmt.Sprintf("%x", sha1.Sum([]byte(fmt.Sprintf("blob %d\x00%s", len(c.want), c.want)))); c.want != "" && (err != nil || id != want) {
			t.Errorf("ContentID(%s) = %q, %v; want %q", c.name, id, err, want)
		}
		if c.want == "" && err == nil {
			t.Errorf("ContentID(%s) = %q, want an error", c.name, id)
		}
	}
	if id, err := tree.(interface{ ContentID(string) (string, error) }).ContentID("content/subdir"); err == nil {
		t.Errorf("ContentID of a folder = %q, want an error", id)
	}

	for _, name := range []string{"content/a.md", "content/link.md", "content/subdir", "content/sub", "content/loop1", "content/subdir/b.md"} {
		treeInfo, err := fs.Lstat(tree, name)
		if err != nil {
			t.Errorf("Lstat(%s): %v", name, err)
			continue
		}
		folderInfo, err := fs.Lstat(folder, name)
		if err != nil {
			t.Fatal(err)
		}
		if treeInfo.Mode().Type() != folderInfo.Mode().Type() {
			t.Errorf("Lstat(%s) is %v in the tree, %v in the folder", name, treeInfo.Mode().Type(), folderInfo.Mode().Type())
		}
		treeTarget, treeErr := fs.ReadLink(tree, name)
		folderTarget, folderErr := fs.ReadLink(folder, name)
		if treeTarget != folderTarget || (treeErr == nil) != (folderErr == nil) {
			t.Errorf("ReadLink(%s) = %q, %v in the tree; %q, %v in the folder", name, treeTarget, treeErr, folderTarget, folderErr)
		}
	}
	if info, err := fs.Stat(tree, "content/subdir"); err != nil || !info.IsDir() {
		t.Errorf("Stat(content/subdir) = %v, %v; want the folder it links to", info, err)
	}
}

// TestLinkedWorktree opens a playbook checked out with git worktree add,
// whose .git is a file naming a folder that holds HEAD and the logs of
// that worktree, while the objects, branches and tags stay with the main
// repository: its history and tags are read as in the main one.
func TestLinkedWorktree(t *testing.T) {
	dir := t.TempDir()
	main, linked := filepath.Join(dir, "main"), filepath.Join(dir, "linked")
	day := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	git := func(args ...string) string { return gittest.Git(t, main, day, args...) }
	gittest.WriteFiles(t, main, map[string]string{"content/a.md": "A\n"})
	git("init", "-q", "-b", "main")
	git("add", "-A")
	git("commit", "-q", "-m", "start")
	git("tag", "v1")
	git("worktree", "add", "-q", "-b", "draft", linked)
	gittest.WriteFiles(t, linked, map[string]string{"content/a.md": "A, redrafted\n"})
	gittest.Git(t, linked, day.AddDate(0, 0, 1), "commit", "-q", "-am", "redraft")
	want := strings.TrimSpace(gittest.Git(t, linked, day, "rev-parse", "HEAD"))

	r := openRepo(t, filepath.Join(linked, "content"))
	if h, err := r.Head(); err != nil || h != want {
		t.Errorf("Head() = %q, %v; want %s, the linked worktree's", h, err, want)
	}
	head := resolve(t, r, "HEAD")
	got, err := r.LastChanges(context.Background(), head, []string{"content/a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if c := got["content/a.md"].Commit; c != want[:7] {
		t.Errorf("content/a.md last changed in %q, want %s", c, want[:7])
	}
	if tags, _, err := r.Tags("v*"); err != nil || len(tags) != 1 || tags[0] != "v1" {
		t.Errorf("Tags = %q, %v; want [v1]", tags, err)
	}
	if root := r.Root(); root != linked {
		t.Errorf("Root() = %q, want %q", root, linked)
	}
	if p, err := r.Prefix(filepath.Join(linked, "content")); err != nil || p != "content" {
		t.Errorf("Prefix = %q, %v; want content", p, err)
	}
	gitDir := strings.TrimSpace(gittest.Git(t, linked, day, "rev-parse", "--absolute-git-dir"))
	common := filepath.Join(main, ".git")
	if got := r.GitDir(); got != gitDir {
		t.Errorf("GitDir() = %q, want %q", got, gitDir)
	}
	if got := r.CommonDir(); got != common {
		t.Errorf("CommonDir() = %q, want %q", got, common)
	}
	m, err := Open(main)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if m.GitDir() != common || m.CommonDir() != common {
		t.Errorf("the main working tree: GitDir() = %q, CommonDir() = %q; want %q for both", m.GitDir(), m.CommonDir(), common)
	}
}

// openRepo opens the repository holding dir until the test ends.
func openRepo(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// resolve returns the commit ref names in r.
func resolve(t *testing.T, r *Repo, ref string) *Commit {
	t.Helper()
	c, err := r.Resolve(ref)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// dayByDay returns a function running git in dir, each command a day
// after the one before, from 2 January 2026: commits in the order made.
func dayByDay(t *testing.T, dir string) func(args ...string) string {
	n := 0
	return func(args ...string) string {
		n++
		return gittest.Git(t, dir, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, n), args...)
	}
}

// damagedRepo makes a repository whose commit "good" has content/a.md
// and content/sub/b.md, and whose commit "damaged", after it, has a
// tree naming objects that are missing or of another type than named,
// beside the good files. It returns the ids of the objects it names.
func damagedRepo(t *testing.T) (dir string, ids map[string]string) {
	dir = t.TempDir()
	days := dayByDay(t, dir)
	git := func(args ...string) string { return strings.TrimSpace(days(args...)) }
	git("init", "-q", "-b", "main")
	gittest.WriteFiles(t, dir, map[string]string{"content/a.md": "A\n", "content/sub/b.md": "B\n"})
	git("add", "-A")
	git("commit", "-q", "-m", "good")
	git("tag", "good")
	ids = map[string]string{
		"blob":    git("rev-parse", "HEAD:content/a.md"),
		"tree":    git("rev-parse", "HEAD:content/sub"),
		"commit":  git("rev-parse", "HEAD"),
		"missing": strings.Repeat("ab", 20),
	}
	content := gittest.Tree(t, dir,
		gittest.TreeEntry{Mode: "100644", Name: "a.md", ID: ids["blob"]},
		gittest.TreeEntry{Mode: "40000", Name: "sub", ID: ids["tree"]},
		gittest.TreeEntry{Mode: "100644", Name: "tree.md", ID: ids["tree"]},
		gittest.TreeEntry{Mode: "100644", Name: "commit.md", ID: ids["commit"]},
		gittest.TreeEntry{Mode: "100644", Name: "missing.md", ID: ids["missing"]},
		gittest.TreeEntry{Mode: "120000", Name: "link.md", ID: ids["missing"]},
		gittest.TreeEntry{Mode: "40000", Name: "blob-folder", ID: ids["blob"]},
		gittest.TreeEntry{Mode: "40000", Name: "missing-folder", ID: ids["missing"]},
	)
	root := gittest.Tree(t, dir, gittest.TreeEntry{Mode: "40000", Name: "content", ID: content})
	damaged := git("commit-tree", root, "-p", "HEAD", "-m", "damaged")
	git("tag", "damaged", damaged)
	return dir, ids
}

// TestDamagedTree: an entry of a commit's tree whose object is missing,
// or a folder's of another type than its mode says, is left out of its
// folder's listing and told by Damaged; a file's of another type is
// listed (a listing reads no file) and told when read, by the error and
// by Damaged. Opened by its path, each says what is wrong and which
// object, as ErrDamaged. The good entries beside them read as ever.
func TestDamagedTree(t *testing.T) {
	dir, ids := damagedRepo(t)
	r := openRepo(t, dir)
	fsys, err := r.FS(resolve(t, r, "damaged"))
	if err != nil {
		t.Fatal(err)
	}
	listed, err := walked(fsys)
	if want := ". content content/a.md content/commit.md content/sub content/sub/b.md content/tree.md"; err != nil || strings.Join(listed, " ") != want {
		t.Errorf("walked %q, %v; want %s", listed, err, want)
	}
	short := func(kind string) string { return ids[kind][:7] }
	for _, c := range []struct {
		path string
		want string // the error of reading it; "" for none
	}{
		{"content/a.md", ""},
		{"content/sub/b.md", ""},
		{"content/tree.md", "object " + short("tree") + " is a tree, not a blob"},
		{"content/commit.md", "object " + short("commit") + " is a commit, not a blob"},
		{"content/missing.md", "object " + short("missing") + " is missing from the repository"},
		{"content/link.md", "object " + short("missing") + " is missing from the repository"},
		{"content/blob-folder", "object " + short("blob") + " is a blob, not a tree"},
		{"content/blob-folder/x.md", "object " + short("blob") + " is a blob, not a tree"},
		{"content/missing-folder", "object " + short("missing") + " is missing from the repository"},
	} {
		var err error
		if strings.HasSuffix(c.path, "folder") {
			_, err = fs.ReadDir(fsys, c.path)
		} else {
			_, err = fs.ReadFile(fsys, c.path)
		}
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.path, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrDamaged)):
			t.Errorf("%s: %v; want an error saying %q, ErrDamaged", c.path, err, c.want)
		}
	}
	var damaged []string
	for _, d := range Damaged(fsys) {
		if !errors.Is(d.Err, ErrDamaged) {
			t.Errorf("Damaged: %s: %v is not ErrDamaged", d.Path, d.Err)
		}
		damaged = append(damaged, d.Path+": "+d.Err.Error())
	}
	// The files of another type, read above, are told too.
	want := []string{
		"content/blob-folder: object " + short("blob") + " is a blob, not a tree: " + ErrDamaged.Error(),
		"content/commit.md: object " + short("commit") + " is a commit, not a blob: " + ErrDamaged.Error(),
		"content/link.md: object " + short("missing") + " is missing from the repository: " + ErrDamaged.Error(),
		"content/missing-folder: object " + short("missing") + " is missing from the repository: " + ErrDamaged.Error(),
		"content/missing.md: object " + short("missing") + " is missing from the repository: " + ErrDamaged.Error(),
		"content/tree.md: object " + short("tree") + " is a tree, not a blob: " + ErrDamaged.Error(),
	}
	if !slices.Equal(damaged, want) {
		t.Errorf("Damaged:\n%s\nwant:\n%s", strings.Join(damaged, "\n"), strings.Join(want, "\n"))
	}
	// The good commit's tree has no damage.
	good, err := r.FS(resolve(t, r, "good"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.ReadDir(good, "content"); err != nil || len(Damaged(good)) != 0 {
		t.Errorf("the good commit: %v, damaged %v", err, Damaged(good))
	}
}

// TestCheckFiles: the files CheckFiles names whose objects are not blobs
// are left out of their folder's listing and told by Damaged, as missing
// ones are; the others are listed as ever, told when read.
func TestCheckFiles(t *testing.T) {
	dir, ids := damagedRepo(t)
	r := openRepo(t, dir)
	fsys, err := r.FS(resolve(t, r, "damaged"))
	if err != nil {
		t.Fatal(err)
	}
	CheckFiles(fsys, func(name string) bool { return name != "content/commit.md" })
	listed, err := walked(fsys)
	if want := ". content content/a.md content/commit.md content/sub content/sub/b.md"; err != nil || strings.Join(listed, " ") != want {
		t.Errorf("walked %q, %v; want %s", listed, err, want)
	}
	i := slices.IndexFunc(Damaged(fsys), func(d Damage) bool { return d.Path == "content/tree.md" })
	want := "object " + ids["tree"][:7] + " is a tree, not a blob: " + ErrDamaged.Error()
	if i < 0 || Damaged(fsys)[i].Err.Error() != want || !errors.Is(Damaged(fsys)[i].Err, ErrDamaged) {
		t.Errorf("Damaged: %v; want content/tree.md: %s", Damaged(fsys), want)
	}
	// Packed, the objects are told apart as well.
	gittest.Pack(t, dir)
	r = openRepo(t, dir)
	if fsys, err = r.FS(resolve(t, r, "damaged")); err != nil {
		t.Fatal(err)
	}
	CheckFiles(fsys, func(string) bool { return true })
	if _, err := fs.ReadDir(fsys, "content"); err != nil {
		t.Fatal(err)
	}
	var damaged []string
	for _, d := range Damaged(fsys) {
		damaged = append(damaged, d.Path)
	}
	if got, want := strings.Join(damaged, " "), "content/blob-folder content/commit.md content/link.md content/missing-folder content/missing.md content/tree.md"; got != want {
		t.Errorf("Damaged of a packed repository: %s; want %s", got, want)
	}
}

// TestHistoryThroughDamage: the walk over history for when each file last
// changed goes through a commit whose tree is damaged, or whose parent is
// missing, rather than failing: a folder that cannot be read is taken as
// empty in that commit, and a commit whose parent is lost as the first.
func TestHistoryThroughDamage(t *testing.T) {
	dir, ids := damagedRepo(t)
	days := dayByDay(t, dir)
	git := func(args ...string) string { return strings.TrimSpace(days(args...)) }
	good := git("rev-parse", "--short=7", "good")
	// The damaged commit's blob-folder is a blob: the commit after it,
	// making it a folder, is where its file changed as far as Git can
	// tell; a.md and sub/b.md went through unchanged.
	folder := gittest.Tree(t, dir, gittest.TreeEntry{Mode: "100644", Name: "x.md", ID: ids["blob"]})
	content := gittest.Tree(t, dir,
		gittest.TreeEntry{Mode: "100644", Name: "a.md", ID: ids["blob"]},
		gittest.TreeEntry{Mode: "40000", Name: "sub", ID: ids["tree"]},
		gittest.TreeEntry{Mode: "40000", Name: "blob-folder", ID: folder},
	)
	root := gittest.Tree(t, dir, gittest.TreeEntry{Mode: "40000", Name: "content", ID: content})
	mended := git("commit-tree", root, "-p", "damaged", "-m", "mended")
	git("tag", "mended", mended)
	// A commit whose parent is missing from the repository.
	orphan := gittest.Object(t, dir, "commit", []byte("tree "+git("rev-parse", "good^{tree}")+"\nparent "+ids["missing"]+
		"\nauthor Ann Author <ann@example.com> 1780000000 +0000\ncommitter Ann Author <ann@example.com> 1780000000 +0000\n\nlost parent\n"))
	git("tag", "orphan", orphan)
	r := openRepo(t, dir)
	paths := []string{"content/a.md", "content/sub/b.md", "content/blob-folder/x.md"}
	for _, c := range []struct {
		ref  string
		want map[string]string
	}{
		{"good", map[string]string{"content/a.md": good, "content/sub/b.md": good}},
		{"damaged", map[string]string{"content/a.md": good, "content/sub/b.md": good}},
		{"mended", map[string]string{"content/a.md": good, "content/sub/b.md": good, "content/blob-folder/x.md": mended[:7]}},
		{"orphan", map[string]string{"content/a.md": orphan[:7], "content/sub/b.md": orphan[:7]}},
	} {
		got, err := r.LastChanges(context.Background(), resolve(t, r, c.ref), paths)
		if err != nil {
			t.Errorf("%s: %v", c.ref, err)
			continue
		}
		commits := map[string]string{}
		for p, lc := range got {
			commits[p] = lc.Commit
		}
		if !maps.Equal(commits, c.want) {
			t.Errorf("%s: last changes %v, want %v", c.ref, commits, c.want)
		}
	}
}

// TestResolveRefsLeadingNowhere: a ref that exists but leads to no commit
// says why, and which object: a tag of a blob or of a tree, or a chain of
// tags too long, is ErrNotCommit; an object missing, or not of the type
// its tag names, is ErrDamaged. The good neighbours resolve: a chain of
// tags, a name of bytes that are not UTF-8, a name longer than a file
// system takes for a loose ref (in packed-refs).
func TestResolveRefsLeadingNowhere(t *testing.T) {
	dir, ids := damagedRepo(t)
	days := dayByDay(t, dir)
	git := func(args ...string) string { return strings.TrimSpace(days(args...)) }
	commit := ids["commit"]
	tag := func(target, kind string) string {
		return gittest.Object(t, dir, "tag", []byte("object "+target+"\ntype "+kind+"\ntag x\ntagger Ann Author <ann@example.com> 1780000000 +0000\n\nQ1\n"))
	}
	chain := func(n int) string {
		h := commit
		for i := range n {
			kind := "tag"
			if i == 0 {
				kind = "commit"
			}
			h = tag(h, kind)
		}
		return h
	}
	long := "q" + strings.Repeat("x", 300)
	refs := map[string]string{
		"blob":            ids["blob"],
		"annotated-tree":  tag(ids["tree"], "tree"),
		"missing":         ids["missing"],
		"annotated-gone":  tag(ids["missing"], "commit"),
		"says-commit":     tag(ids["blob"], "commit"),
		"malformed":       gittest.Object(t, dir, "tag", []byte("no header\n")),
		"chain-of-3":      chain(3),
		"chain-of-20":     chain(20),
		"q\xff":           commit,
		long:              commit,
		"refs/heads/lost": ids["missing"],
	}
	// Written as git writes packed refs: a name too long for a file, or
	// naming an object missing, would not be taken by git tag.
	packed := "# pack-refs with: peeled fully-peeled sorted \n"
	for name, id := range refs {
		if !strings.HasPrefix(name, "refs/") {
			name = "refs/tags/" + name
		}
		packed += id + " " + name + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "packed-refs"), []byte(packed), 0o644); err != nil {
		t.Fatal(err)
	}
	git("tag", "light", commit) // a loose ref beside them
	r := openRepo(t, dir)
	short := func(kind string) string { return ids[kind][:7] }
	for _, c := range []struct {
		ref  string
		want string // the error; "" to resolve to commit
		is   error
	}{
		{"light", "", nil},
		{"chain-of-3", "", nil},
		{"q\xff", "", nil},
		{long, "", nil},
		{"blob", "the tag points at a blob, not a commit: tag a commit", ErrNotCommit},
		{"annotated-tree", "the tag points at a tree, not a commit: tag a commit", ErrNotCommit},
		{"chain-of-20", "the tag is a chain of more than 16 tags", ErrNotCommit},
		{"missing", "object " + short("missing") + " is missing from the repository", ErrDamaged},
		{"annotated-gone", "object " + short("missing") + " is missing from the repository", ErrDamaged},
		{"says-commit", "object " + short("blob") + " is a blob, not a commit", ErrDamaged},
		{"lost", "object " + short("missing") + " is missing from the repository", ErrDamaged},
		{"malformed", "tag " + refs["malformed"][:7] + " cannot be read (malformed tag: object header must be first)", ErrDamaged},
	} {
		got, err := r.Resolve(c.ref)
		name := c.ref[:min(len(c.ref), 20)]
		switch {
		case c.want == "" && (err != nil || got.Hash != commit):
			t.Errorf("Resolve(%q) = %v, %v; want %s", name, got, err, commit[:7])
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, c.is)):
			t.Errorf("Resolve(%q) = %v; want an error saying %q, %v", name, err, c.want, c.is)
		}
	}
	// A tag's label is read before the tag is resolved.
	if _, err := r.TagSubject("malformed"); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("TagSubject(malformed) = %v; want an error saying it cannot be read, ErrDamaged", err)
	}
	if label, err := r.TagSubject("chain-of-3"); err != nil || label != "Q1" {
		t.Errorf("TagSubject(chain-of-3) = %q, %v; want Q1", label, err)
	}
}

// TestTagsGitIgnores: a tag's name is listed as it is, bytes that are not
// UTF-8 included; a name git refuses (git check-ref-format), which git
// tag --list leaves out with a warning, is returned apart.
func TestTagsGitIgnores(t *testing.T) {
	dir, ids := damagedRepo(t)
	var packed string
	// Not "q 1": go-git refuses a packed-refs file with such a line.
	for _, name := range []string{"q\xff", "q\x01", "q..1", "q1.lock", "q%25", "q#1"} {
		packed += ids["commit"] + " refs/tags/" + name + "\n"
	}
	if err := os.WriteFile(filepath.Join(dir, ".git", "packed-refs"), []byte(packed), 0o644); err != nil {
		t.Fatal(err)
	}
	r := openRepo(t, dir)
	names, ignored, err := r.Tags("q*")
	if want := []string{"q#1", "q%25", "q\xff"}; err != nil || !slices.Equal(names, want) {
		t.Errorf("Tags = %q, %v; want %q", names, err, want)
	}
	if want := []string{"q\x01", "q..1", "q1.lock"}; !slices.Equal(ignored, want) {
		t.Errorf("ignored %q, want %q", ignored, want)
	}
	// Git's warnings come first, each on a line of its own.
	list := gittest.Git(t, dir, time.Time{}, "tag", "--list", "q*")
	if _, tags, _ := strings.Cut(list, "q1.lock\n"); tags != "q#1\nq%25\nq\xff\n" {
		t.Errorf("git tag --list = %q; the test expects what Tags lists", list)
	}
}

// walked returns the names fs.WalkDir lists in fsys, and its error.
func walked(fsys fs.FS) ([]string, error) {
	var listed []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		listed = append(listed, name)
		return err
	})
	return listed, err
}
