package versions

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
	"playbook/internal/render"
	"playbook/internal/site"
)

var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// repo is a Git repository in a temporary folder, driven by the git
// command as an author would; its n-th command is dated n months into 2026,
// so that commits are ordered and reproducible.
type repo struct {
	t   testing.TB
	dir string
	n   int
}

func newRepo(t testing.TB, dir string) *repo {
	t.Helper()
	r := &repo{t: t, dir: dir}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	r.n++
	return gittest.Git(r.t, r.dir, time.Date(2026, time.Month(min(r.n, 12)), 1, 10, 0, 0, 0, time.UTC), args...)
}

func (r *repo) write(files map[string]string) {
	r.t.Helper()
	gittest.WriteFiles(r.t, r.dir, files)
}

func (r *repo) commit(msg string, tag string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	if tag != "" {
		r.git("tag", tag)
	}
}

const promiseFast = `+++
title = "Fast"
promise = "Call before noon, hear back today."
expectation = "A call back before 6 pm."
+++
We call back.
`

const behaviourQuote = `+++
title = "Quote"
stage = "sales"
fulfils = ["fast"]
+++
Quote the same day.
`

const behaviourCall = `+++
title = "Call"
stage = "service"
fulfils = ["fast"]
+++
Call back.
`

const versionsToml = `title = "Acme"

[versions]
tags = "q*"
worktree = "draft"
`

// history makes three tagged quarters: q1 adds pages, q2 edits the
// promise and moves the glossary to another folder, q3 deletes a page; the working tree then
// edits the promise again without committing.
func history(t *testing.T) *repo {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                          versionsToml,
		"content/_index.md":                  "+++\ntitle = \"Acme\"\n+++\nHello.\n",
		"content/promises/fast.md":           promiseFast,
		"content/behaviours/sales/quote.md":  behaviourQuote,
		"content/behaviours/service/call.md": behaviourCall,
		"content/guides/glossary.md":         "# Glossary\n\nWords.\n",
		"content/guides/old-price-list.md":   "# Old price list\n\nPrices.\n",
	})
	r.commit("First playbook", "q1")
	r.write(map[string]string{"content/promises/fast.md": strings.Replace(promiseFast, "hear back today", "hear back within the hour", 1)})
	if err := os.MkdirAll(filepath.Join(r.dir, "content/reference"), 0o755); err != nil {
		t.Fatal(err)
	}
	r.git("mv", "content/guides/glossary.md", "content/reference/glossary.md")
	r.write(map[string]string{
		"site.toml": strings.Replace(versionsToml, `title = "Acme"`, `title = "Acme Playbook"`, 1),
		// A second sales behaviour now keeps the promise.
		"content/behaviours/sales/call-back-promptly.md": strings.Replace(behaviourQuote, `title = "Quote"`, `title = "Call back promptly"`, 1),
	})
	r.commit("Faster promise; glossary moved", "q2")
	// A commit that touches no page: the walk over history passes it by.
	r.write(map[string]string{"NOTES.md": "For authors.\n"})
	r.commit("Notes for authors", "")
	r.git("rm", "-q", "content/guides/old-price-list.md")
	r.commit("Drop the old price list", "q3")
	r.write(map[string]string{"content/promises/fast.md": strings.Replace(promiseFast, "hear back today", "hear back in ten minutes", 1)})
	return r
}

func build(t *testing.T, dir string) (*Build, *render.MemOutput) {
	t.Helper()
	b, problems, err := loadVersions(t, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if !p.Warning {
			t.Fatalf("problem: %s", p)
		}
	}
	return b, renderBuild(t, b)
}

// renderBuild renders b into memory.
func renderBuild(t *testing.T, b *Build) *render.MemOutput {
	t.Helper()
	out := render.NewMemOutput()
	if err := b.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return out
}

// loadVersions loads the versions the site.toml of dir's working tree
// names, closing them at the end of the test.
func loadVersions(t *testing.T, dir string, drafts bool) (*Build, site.Problems, error) {
	t.Helper()
	return loadVersionsWith(t, dir, Options{Drafts: drafts})
}

// loadVersionsWith is loadVersions with opts, whose source, working
// tree, settings and time it sets.
func loadVersionsWith(t *testing.T, dir string, opts Options) (*Build, site.Problems, error) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	data, _ := fs.ReadFile(root.FS(), "site.toml")
	cfg, ps := site.ParseConfig(data)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	opts.Source, opts.Worktree, opts.Config = dir, root.FS(), cfg
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	b, problems, err := Load(opts)
	t.Cleanup(func() { b.Close() })
	return b, problems, err
}

func file(t *testing.T, out *render.MemOutput, name string) string {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("%s is not in the output", name)
	}
	return string(b)
}

func TestVersionedBuild(t *testing.T) {
	r := history(t)
	b, out := build(t, r.dir)

	var names []string
	for _, v := range b.Versions {
		names = append(names, v.Name)
	}
	if got := strings.Join(names, " "); got != "draft q3 q2 q1" {
		t.Fatalf("versions %q, want newest first: draft q3 q2 q1", got)
	}
	if !b.Versions[1].Latest {
		t.Error("the latest should be the newest tag, q3, not the working tree")
	}

	t.Run("output tree", func(t *testing.T) {
		for _, name := range []string{
			"index.html", "changes.xml",
			"q1/promises/fast/index.html", "q1/guides/glossary/index.html", "q1/guides/old-price-list/index.html",
			"q2/reference/glossary/index.html", "q2/guides/old-price-list/index.html",
			"q3/reference/glossary/index.html", "latest/reference/glossary/index.html", "latest/assets/playbook.css",
			"draft/promises/fast/index.html",
			"q1/changes/index.html", "q2/changes/index.html", "q3/changes/index.html",
		} {
			file(t, out, name)
		}
		for _, name := range []string{"q2/guides/glossary/index.html", "q3/guides/old-price-list/index.html", "promises/fast/index.html"} {
			if _, ok := out.File(name); ok {
				t.Errorf("%s should not exist", name)
			}
		}
		if root := file(t, out, "index.html"); !strings.Contains(root, `url=latest/`) || !strings.Contains(root, `href="latest/assets/playbook.css?v=`) {
			t.Error("the root page does not lead to latest/, styled by its stylesheet as it is now")
		}
		// Static hosts show the root's 404.html for a missing page of any
		// version: it is the latest's, knowing every version's folder.
		if nf := file(t, out, "404.html"); nf != file(t, out, "q3/404.html") || !strings.Contains(nf, `versions=["latest","draft","q3","q2","q1"]`) {
			t.Errorf("root 404.html is not q3's, knowing the versions:\n%.600s", nf)
		}
		if file(t, out, "latest/promises/fast/index.html") != file(t, out, "q3/promises/fast/index.html") {
			t.Error("latest/ is not the same as q3/")
		}
	})

	t.Run("each version has its own wording and commit", func(t *testing.T) {
		for v, want := range map[string]string{"q1": "hear back today", "q2": "hear back within the hour", "q3": "hear back within the hour", "draft": "hear back in ten minutes"} {
			if page := file(t, out, v+"/promises/fast/index.html"); !strings.Contains(page, want) {
				t.Errorf("%s: the promise does not read %q", v, want)
			}
		}
		q1 := b.Versions[3].Commit.Short
		if page := file(t, out, "q1/promises/fast/index.html"); !strings.Contains(page, `(commit <code class="version-commit">`+q1+"</code>)") {
			t.Errorf("q1 pages do not name commit %s", q1)
		}
		if page := file(t, out, "draft/promises/fast/index.html"); !strings.Contains(page, "(working tree)") {
			t.Error("draft pages do not say they are the working tree")
		}
	})

	t.Run("each version has its own settings", func(t *testing.T) {
		if p := file(t, out, "q1/guides/old-price-list/index.html"); !strings.Contains(p, "<title>Old price list · Acme</title>") {
			t.Error("q1 does not use q1's site.toml")
		}
		if p := file(t, out, "q2/guides/old-price-list/index.html"); !strings.Contains(p, "<title>Old price list · Acme Playbook</title>") {
			t.Error("q2 does not use q2's site.toml")
		}
	})

	t.Run("last change of each page", func(t *testing.T) {
		// In q3, fast.md last changed in q2's commit; the glossary was
		// moved in q2 too.
		q2 := b.Versions[2].Commit.Short
		for _, page := range []string{"q3/promises/fast/index.html", "q3/reference/glossary/index.html"} {
			if p := file(t, out, page); !strings.Contains(p, "by Ann Author (commit <code>"+q2+"</code>)") {
				t.Errorf("%s does not name its last change, %s", page, q2)
			}
		}
		q1 := b.Versions[3].Commit.Short
		if p := file(t, out, "q3/behaviours/sales/quote/index.html"); !strings.Contains(p, q1) {
			t.Errorf("the unchanged quote page does not name q1's commit %s", q1)
		}
		// The working tree edits the promise: its page says so, with the
		// commit it was last in; the page as committed names its commit.
		head := b.Versions[1].Commit.Short
		if p := file(t, out, "draft/promises/fast/index.html"); !strings.Contains(p, "This page has changes not yet committed; last committed") ||
			!strings.Contains(p, "(commit <code>"+q2+"</code>)") || !strings.Contains(p, "<dd>not yet committed</dd>") {
			t.Error("the promise edited in the working tree does not say it has changes not yet committed")
		}
		if p := file(t, out, "draft/behaviours/sales/quote/index.html"); !strings.Contains(p, "This page last changed") || strings.Contains(p, "not yet committed") {
			t.Errorf("the quote page, as committed at %s, says it is not", head)
		}
		if p := file(t, out, "q3/promises/fast/index.html"); strings.Contains(p, "not yet committed") {
			t.Error("q3, read from its commit, says the promise edited in the working tree is not committed")
		}
	})

	t.Run("switcher keeps the page", func(t *testing.T) {
		// The glossary moved between q1 and q2: matched by id, it is
		// found in both.
		page := file(t, out, "q2/reference/glossary/index.html")
		for _, want := range []string{
			`href="../../../q3/reference/glossary/" data-version="q3"`,
			`href="../../../q1/guides/glossary/" data-version="q1"`,
			`href="./" aria-current="true" data-version="q2"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("q2's glossary switcher lacks %s", want)
			}
		}
		// The old price list is gone in q3: the switcher leads to q3's
		// home and says so.
		old := file(t, out, "q2/guides/old-price-list/index.html")
		if !strings.Contains(old, `href="../../../q3/" data-version="q3">q3 <span class="badge">latest</span> <span class="muted">(page not in this version)</span>`) {
			t.Error("q2 → q3 should lead to q3's home, saying the page is not there")
		}
		promise := file(t, out, "q1/promises/fast/index.html")
		for _, v := range []string{"draft", "q3", "q2"} {
			if !strings.Contains(promise, `href="../../../`+v+`/promises/fast/" data-version="`+v+`"`) {
				t.Errorf("q1 → %s does not keep the promise", v)
			}
		}
	})

	t.Run("what changed", func(t *testing.T) {
		q2 := file(t, out, "q2/changes/index.html")
		for _, want := range []string{
			"Since q1", "<del>today.</del><ins>within the hour.</ins>", // the promise, word by word
			"<dt>Sales behaviours</dt><dd class=\"diff\"><ins>Call back promptly</ins>, Quote</dd>",
			"Moved", `from <a href="../../q1/guides/glossary/">/guides/glossary/</a> in q1`,
		} {
			if !strings.Contains(q2, want) {
				t.Errorf("q2's What changed lacks %q", want)
			}
		}
		q3 := file(t, out, "q3/changes/index.html")
		if !strings.Contains(q3, "Removed") || !strings.Contains(q3, `href="../../q2/guides/old-price-list/">Old price list</a>`) {
			t.Error("q3's What changed does not list the removed price list, linked in q2")
		}
		if q1 := file(t, out, "q1/changes/index.html"); !strings.Contains(q1, "first version published") {
			t.Error("q1's What changed does not say it is the first")
		}
	})

	t.Run("feed", func(t *testing.T) {
		// The entries' HTML, as a reader shows it: each page linked in
		// the version that has it, a removed one in the version before.
		feed := html.UnescapeString(file(t, out, "changes.xml"))
		for _, want := range []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, "<title>Version q2</title>", `<link href="q2/changes/"></link>`,
			`changed <a href="q2/promises/fast/">Fast</a>`, `moved <a href="q2/reference/glossary/">Glossary</a>`, `removed <a href="q2/guides/old-price-list/">Old price list</a>`} {
			if !strings.Contains(feed, want) {
				t.Errorf("feed lacks %q", want)
			}
		}
	})
}

// treeSum fingerprints the working tree and the index.
func treeSum(t *testing.T, dir string) string {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == ".git" {
				// The index and HEAD are what a checkout would change.
				for _, f := range []string{"index", "HEAD"} {
					b, _ := os.ReadFile(filepath.Join(p, f))
					fmt.Fprintf(h, ".git/%s %x\n", f, sha256.Sum256(b))
				}
				return filepath.SkipDir
			}
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %x\n", rel, sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestBuildLeavesWorkingTreeAndIndexAlone(t *testing.T) {
	r := history(t)
	r.git("add", "content/promises/fast.md") // something staged, too
	before, status := treeSum(t, r.dir), r.git("status", "--porcelain")
	build(t, r.dir)
	if after := treeSum(t, r.dir); after != before {
		t.Error("the build changed the working tree or the index")
	}
	if got := r.git("status", "--porcelain"); got != status {
		t.Errorf("git status changed:\n%s\nwas:\n%s", got, status)
	}
}

func TestVersionErrors(t *testing.T) {
	// load returns what stops the versions: the error, or the first
	// problem of the versions block.
	load := func(dir string) error {
		_, problems, err := loadVersions(t, dir, false)
		if err == nil && len(problems) > 0 {
			err = errors.New(problems[0].String())
		}
		return err
	}
	t.Run("a ref that does not exist", func(t *testing.T) {
		r := history(t)
		r.write(map[string]string{"site.toml": "[versions]\n[[versions.ref]]\nname = \"q9\"\nref = \"q9\"\n"})
		err := load(r.dir)
		if err == nil || !strings.Contains(err.Error(), `ref "q9": no tag, branch or commit of that name (there are: main, q1, q2, q3)`) {
			t.Errorf("error: %v", err)
		}
	})
	t.Run("two versions in one folder", func(t *testing.T) {
		r := history(t)
		r.write(map[string]string{"site.toml": "[versions]\ntags = \"q*\"\nworktree = \"q2\"\n"})
		err := load(r.dir)
		if err == nil || !strings.Contains(err.Error(), `the working tree and "q2" would both be published as /q2/`) {
			t.Errorf("error: %v", err)
		}
	})
	t.Run("a tag pattern matching none beside other versions is warned of", func(t *testing.T) {
		r := history(t)
		r.write(map[string]string{"site.toml": "[versions]\ntags = \"playbook-*\"\nworktree = \"draft\"\n"})
		b, problems, err := loadVersions(t, r.dir, false)
		want := `site.toml:2: warning: versions: no tag matches "playbook-*": tag a commit (git tag playbook-1) to publish it`
		if err != nil || b == nil || !slices.ContainsFunc(problems, func(p site.Problem) bool { return p.String() == want }) {
			t.Errorf("problems %q, %v; want %q", problems, err, want)
		}
		if problems.Errors() != 0 {
			t.Errorf("%d errors, want none", problems.Errors())
		}
	})
	t.Run("a ref from before the playbook", func(t *testing.T) {
		r := newRepo(t, t.TempDir())
		r.write(map[string]string{"README.md": "Code first.\n"})
		r.commit("code", "q0")
		r.write(map[string]string{"site.toml": versionsToml, "content/a.md": "# A\n"})
		r.commit("playbook", "q1")
		err := load(r.dir)
		if err == nil || !strings.Contains(err.Error(), `versions: q0: commit `) || !strings.Contains(err.Error(), `has no content folder: is "q0" a version of this playbook?`) {
			t.Errorf("error: %v", err)
		}
	})
	t.Run("a repository with no commits", func(t *testing.T) {
		r := newRepo(t, t.TempDir())
		r.write(map[string]string{"site.toml": versionsToml, "content/a.md": "# A\n"})
		err := load(r.dir)
		if err == nil || !strings.Contains(err.Error(), "the repository has no commits yet") {
			t.Errorf("error: %v", err)
		}
	})
	t.Run("no repository", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "site.toml"), []byte(versionsToml), 0o644)
		err := load(dir)
		if err == nil || !strings.Contains(err.Error(), "open git repository") {
			t.Errorf("error: %v", err)
		}
	})
	t.Run("a shallow clone missing history", func(t *testing.T) {
		r := history(t)
		clone := &repo{t: t, dir: filepath.Join(t.TempDir(), "clone")}
		r.git("clone", "-q", "--depth", "1", "--no-single-branch", "file://"+r.dir, clone.dir)
		clone.write(map[string]string{"site.toml": "[versions]\n[[versions.ref]]\nname = \"q3\"\nref = \"origin/main\"\n"})
		b, _, err := loadVersions(t, clone.dir, false)
		if err == nil {
			err = b.Render(context.Background(), render.NewMemOutput())
		}
		if err == nil || !strings.Contains(err.Error(), "shallow clone") || !strings.Contains(err.Error(), "git fetch --unshallow") {
			t.Errorf("error: %v", err)
		}
	})
}

// TestBrokenOldVersion: a tag's own site.toml and pages are checked as
// the working tree's are, and each problem names its file, line and
// version, while the other versions have none.
// brokenOldVersion makes a playbook whose first version, q1, has a bad
// site.toml and a broken link, mended in q2.
func brokenOldVersion(t *testing.T) *repo {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                "title = \"Acme\"\n[markdown\nunsafe = true\n",
		"content/promises/fast.md": promiseFast,
		"content/guides/a.md":      "# A\n\nSee [the promise](../promises/slow.md).\n",
	})
	r.commit("Broken quarter", "q1")
	r.write(map[string]string{
		"site.toml":           versionsToml,
		"content/guides/a.md": "# A\n\nSee [the promise](../promises/fast.md).\n",
	})
	r.commit("Mended", "q2")
	return r
}

func TestBrokenOldVersion(t *testing.T) {
	r := brokenOldVersion(t)
	_, problems, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	// The problems come sorted by file, as check sorts them; a version
	// read from Git is named at the end, the working tree's are said as
	// check says them. A version read from Git, which cannot be mended,
	// has warnings only.
	want := []string{
		`content/guides/a.md:3:5: warning: broken link "../promises/slow.md": no page or file at content/promises/slow.md (version q1)`,
		`content/promises/fast.md:3: warning: promise "fast" is disconnected: no sales or service behaviour fulfils it`,
		`content/promises/fast.md:3: warning: promise "fast" is disconnected: no sales or service behaviour fulfils it (version q2)`,
		`content/promises/fast.md:3: warning: promise "fast" is disconnected: no sales or service behaviour fulfils it (version q1)`,
		`site.toml:2: warning: expected '.' or ']' to end table name, but got '\n' instead (version q1)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if problems.Errors() != 0 || problems.Warnings() != 5 {
		t.Errorf("%d errors and %d warnings, want 0 and 5", problems.Errors(), problems.Warnings())
	}
}

// TestLatestByTagName names the latest version by its tag, spelled as the
// tag is, though its folder is a slug of it.
func TestLatestByTagName(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{"site.toml": "title = \"Acme & Co\"\n", "content/a.md": "# A\n"})
	r.commit("one", "v1.0")
	r.write(map[string]string{"content/a.md": "# A, again\n"})
	r.commit("two", "v1.1")
	r.write(map[string]string{"site.toml": "title = \"Acme & Co\"\n[versions]\ntags = \"v*\"\nlatest = \"v1.0\"\n"})
	b, out := build(t, r.dir)
	if !b.Versions[1].Latest || b.Versions[1].Name != "v1-0" {
		t.Errorf("latest = v1.0 does not pick the tag v1.0 (folder v1-0)")
	}
	if !strings.Contains(file(t, out, "latest/a/index.html"), `<h1 id="a">A</h1>`) {
		t.Error("latest/ is not v1.0")
	}
	feed := file(t, out, "changes.xml")
	if !strings.Contains(feed, "<id>urn:playbook:acme-co:changes</id>") {
		t.Errorf("the feed's id is not made of a slug of the title")
	}
	// Entries are known by version and commit, not by the site's title;
	// the feed was updated when its newest entry was.
	v11 := b.Versions[0].Commit
	if !strings.Contains(feed, "<id>urn:playbook:version:v1-1:"+v11.Hash+"</id>") ||
		!strings.Contains(feed, "<updated>"+v11.When.UTC().Format(time.RFC3339)+"</updated>\n  <author>") {
		t.Errorf("feed entry ids or updated time:\n%s", feed)
	}
}

// TestFeedOfTheWorkingTree: the working tree's entry in the feed is dated
// by the commit checked out, not by the build: two builds of the same
// files, an hour apart, write the same feed.
func TestFeedOfTheWorkingTree(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n", "content/a.md": "# A\n"})
	r.commit("one", "q1")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\ntags = \"q*\"\nworktree = \"draft\"\n", "content/a.md": "# A, drafted\n"})
	var feeds []string
	for _, now := range []time.Time{testNow, testNow.Add(time.Hour)} {
		b, _, err := loadVersionsWith(t, r.dir, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		out := renderBuild(t, b)
		feeds = append(feeds, file(t, out, "changes.xml"))
	}
	if feeds[0] != feeds[1] {
		t.Errorf("two builds of the same files write different feeds:\n%s\n%s", feeds[0], feeds[1])
	}
	if !strings.Contains(feeds[0], "urn:playbook:version:draft:working-tree") {
		t.Errorf("no working tree entry:\n%s", feeds[0])
	}
}

// TestDraftsInTheWorkingTreeOnly: --drafts shows drafts in the working
// tree's version; a tagged version holds what was approved then.
func TestDraftsInTheWorkingTreeOnly(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":        "title = \"Acme\"\n",
		"content/a.md":     "# A\n",
		"content/draft.md": "+++\ntitle = \"Next\"\ndraft = true\n+++\nNot yet.\n",
	})
	r.commit("one", "q1")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\ntags = \"q*\"\nworktree = \"draft\"\n"})
	b, _, err := loadVersions(t, r.dir, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range b.Versions {
		if got, want := v.Site.ByID("draft") != nil, v.Name == "draft"; got != want {
			t.Errorf("version %s shows the draft: %v, want %v", v.Name, got, want)
		}
	}
}

// TestFeedNeverNamesADraft: with --drafts, the working tree's version
// shows its drafts, its What changed page included, but its entry in the
// feed is the one a build without them writes: no draft added, a page
// made a draft removed, a promise kept by a draft behaviour unchanged.
func TestFeedNeverNamesADraft(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                "title = \"Acme\"\n",
		"content/a.md":             "# A\n",
		"content/old.md":           "# Old offer\n",
		"content/promises/fast.md": promiseFast,
	})
	r.commit("one", "q1")
	r.write(map[string]string{
		"site.toml":                          "title = \"Acme\"\n[versions]\ntags = \"q*\"\nworktree = \"draft\"\n",
		"content/b.md":                       "# Bee page\n",
		"content/next.md":                    "+++\ntitle = \"Secret next offer\"\ndraft = true\n+++\nNot yet.\n",
		"content/old.md":                     "+++\ntitle = \"Old offer\"\ndraft = true\n+++\n",
		"content/launch/_index.md":           "+++\ntitle = \"Secret launch\"\ndraft = true\n+++\n",
		"content/launch/plan.md":             "# Secret plan\n",
		"content/behaviours/sales/quote.md":  "+++\ntitle = \"Secret quote\"\nstage = \"sales\"\nfulfils = [\"fast\"]\ndraft = true\n+++\n",
		"content/behaviours/service/call.md": "+++\ntitle = \"Secret call\"\nstage = \"service\"\nfulfils = [\"fast\"]\ndraft = true\n+++\n",
	})
	var feeds []string
	for _, drafts := range []bool{false, true} {
		b, _, err := loadVersions(t, r.dir, drafts)
		if err != nil {
			t.Fatal(err)
		}
		out := renderBuild(t, b)
		feeds = append(feeds, file(t, out, "changes.xml"))
		if changes := file(t, out, "draft/changes/index.html"); drafts != strings.Contains(changes, "Secret next offer") {
			t.Errorf("with drafts %v, What changed shows the draft: %v", drafts, !drafts)
		}
	}
	if feeds[0] != feeds[1] {
		t.Errorf("the feed with --drafts differs from the feed without:\n%s\nwithout:\n%s", feeds[1], feeds[0])
	}
	if !strings.Contains(html.UnescapeString(feeds[1]), `added <a href="draft/b/">Bee page</a>; removed <a href="q1/old/">Old offer</a>`) {
		t.Errorf("the feed does not tell the page added and the page made a draft:\n%s", feeds[1])
	}
	for _, secret := range []string{"Secret", "Fast"} {
		if strings.Contains(feeds[1], secret) {
			t.Errorf("the feed names %q:\n%s", secret, feeds[1])
		}
	}
}

// TestSamePageAcrossVersions: a page is the same page in another version
// when id and type match, or, its id changed, type and file do; an id
// taken over by another kind of page is another page. The switcher and
// What changed agree.
func TestSamePageAcrossVersions(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                  "title = \"Acme\"\n",
		"content/faqs/price.md":      "+++\nquestion = \"Price on the phone?\"\n+++\nNo.\n",
		"content/faqs/warm.md":       "+++\nquestion = \"Warm in January?\"\n+++\nYes.\n",
		"content/standards/calls.md": "+++\ntitle = \"Calls\"\n+++\nPick up.\n",
	})
	r.commit("one", "q1")
	r.git("rm", "-q", "content/faqs/price.md")
	r.write(map[string]string{
		// A standard takes the retired FAQ's id.
		"content/standards/price.md": "+++\nid = \"price\"\ntitle = \"Prices\"\n+++\nIn writing.\n",
		// The FAQ gets an id of its own, at the same file.
		"content/faqs/warm.md": "+++\nid = \"warm-faq\"\nquestion = \"Warm in January?\"\n+++\nYes.\n",
	})
	r.commit("two", "q2")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\ntags = \"q*\"\nlatest = \"q1\"\n\n[[versions.ref]]\nname = \"second\"\nref = \"q1\"\n"})
	b, out := build(t, r.dir)

	for _, v := range b.Versions {
		if v.Latest != (v.Name == "q1") {
			t.Errorf("latest = \"q1\": %s is latest: %v (a version's name wins over another's ref)", v.Name, v.Latest)
		}
	}
	standard := file(t, out, "q2/standards/price/index.html")
	if !strings.Contains(standard, `href="../../../q1/" data-version="q1">q1 <span class="badge">latest</span> <span class="muted">(page not in this version)</span>`) {
		t.Error("the standard's switcher leads to q1's FAQ of the same id")
	}
	if faq := file(t, out, "q2/faqs/warm/index.html"); !strings.Contains(faq, `href="../../../q1/faqs/warm/" data-version="q1"`) {
		t.Error("the FAQ whose id changed is not found at its file in q1")
	}
	changes := file(t, out, "q2/changes/index.html")
	for _, want := range []string{"<h2>Standards</h2>", "Added", "<h2>FAQs</h2>", "Removed"} {
		if !strings.Contains(changes, want) {
			t.Errorf("What changed lacks %q", want)
		}
	}
	if strings.Contains(changes, "Warm in January?") {
		t.Error("What changed lists the FAQ whose id alone changed")
	}
}

// TestSiteInAFolder publishes versions of a site in a folder of its
// repository: each version read from Git still names its files' content
// (so the pages the working tree had are not read again) and still shows
// its symbolic links, as fs.Sub does.
func TestSiteInAFolder(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"README.md":                  "Not the playbook.\n",
		"handbook/site.toml":         versionsToml,
		"handbook/content/_index.md": "+++\ntitle = \"Acme\"\n+++\nHello.\n",
		"handbook/content/fast.md":   promiseFast,
	})
	r.commit("A playbook in a folder", "q1")
	b, problems, err := loadVersions(t, filepath.Join(r.dir, "handbook"), false)
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	if len(b.Versions) != 2 || b.Versions[1].Name != "q1" {
		t.Fatalf("versions %v", b.Versions)
	}
	q1 := b.Versions[1]
	ids, ok := q1.fsys.(site.ContentIDFS)
	if !ok {
		t.Fatal("the version's files are not named by content")
	}
	if id, err := ids.ContentID("content/fast.md"); err != nil || id != site.BlobID([]byte(promiseFast)) {
		t.Errorf("ContentID(content/fast.md) = %q, %v", id, err)
	}
	if _, err := ids.ContentID("../README.md"); err == nil {
		t.Error("ContentID named a file outside the site's folder")
	}
	if _, ok := q1.fsys.(fs.ReadLinkFS); !ok {
		t.Error("the version's files do not show symbolic links")
	}
	if p := q1.Site.ByID("fast"); p == nil || p.Title != "Fast" {
		t.Errorf("q1's page fast: %v", p)
	}
}

// TestParseOnlyVersions loads the versions of a playbook for their
// problems alone, as check does: the same problems as a build's load,
// no text kept for What changed, and no rendering.
func TestParseOnlyVersions(t *testing.T) {
	r := brokenOldVersion(t)
	_, want, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	b, got, err := loadVersionsWith(t, r.dir, Options{ParseOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%v\nwant:\n%v", got, want)
	}
	if want.Errors() != 0 || want.Warnings() != 5 {
		t.Errorf("%d errors and %d warnings, want TestBrokenOldVersion's 0 and 5", want.Errors(), want.Warnings())
	}
	for _, v := range b.Versions {
		for _, p := range v.Site.Pages {
			if p.Doc != nil && p.Doc.Text() != "" {
				t.Errorf("version %s: %s keeps its text", v.Name, p.File)
			}
		}
	}
	if err := b.Render(context.Background(), render.NewMemOutput()); err == nil {
		t.Error("a build loaded for its problems alone rendered")
	}
}

// TestTopStaticFiles: the static files at the top of the site, and under
// .well-known/, are at the top of the output too, where hosts and
// crawlers look for them (every version has the working tree's theme and
// static files); others are not, nor one named as a version's folder.
func TestTopStaticFiles(t *testing.T) {
	r := history(t)
	r.write(map[string]string{
		"static/robots.txt":               "User-agent: *\nDisallow: /\n",
		"static/CNAME":                    "playbook.acme.example\n",
		"static/.well-known/security.txt": "Contact: mailto:security@acme.example\n",
		"static/img/logo.png":             "PNG",
		"static/q1":                       "not a folder",
	})
	_, out := build(t, r.dir)
	for name, want := range map[string]string{
		"robots.txt":               "User-agent: *\nDisallow: /\n",
		"CNAME":                    "playbook.acme.example\n",
		".well-known/security.txt": "Contact: mailto:security@acme.example\n",
		"q3/robots.txt":            "User-agent: *\nDisallow: /\n",
		"q3/img/logo.png":          "PNG",
	} {
		if got := file(t, out, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"img/logo.png", "q1"} {
		if _, ok := out.File(name); ok {
			t.Errorf("%s is at the top of the output", name)
		}
	}
}

// TestRenamedPageFoundByItsOldPath: a page renamed, its old path named in
// its aliases, is the same page in both versions: What changed lists it
// as moved, not added and removed, and each version's switcher leads to
// the other's.
func TestRenamedPageFoundByItsOldPath(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                         "title = \"Acme\"\n[versions]\ntags = \"q*\"\n",
		"content/_index.md":                 "# Acme\n",
		"content/guides/your-first-week.md": "+++\ntitle = \"Your first week\"\n+++\nWelcome.\n",
	})
	r.commit("one", "q1")
	r.git("mv", "content/guides/your-first-week.md", "content/guides/first-week.md")
	r.write(map[string]string{"content/guides/first-week.md": "+++\ntitle = \"Your first week\"\naliases = [\"/guides/your-first-week/\"]\n+++\nWelcome aboard.\n"})
	r.commit("two", "q2")
	_, out := build(t, r.dir)

	if page := file(t, out, "q2/guides/first-week/index.html"); !strings.Contains(page, `href="../../../q1/guides/your-first-week/" data-version="q1"`) {
		t.Error("q2's page does not lead to q1's at its old path")
	}
	if page := file(t, out, "q1/guides/your-first-week/index.html"); !strings.Contains(page, `href="../../../q2/guides/first-week/" data-version="q2"`) {
		t.Error("q1's page does not lead to q2's, which names its path as its old one")
	}
	changes := file(t, out, "q2/changes/index.html")
	for _, not := range []string{"Added", "Removed"} {
		if strings.Contains(changes, not) {
			t.Errorf("What changed lists the renamed page as %s", not)
		}
	}
	if !strings.Contains(changes, "Moved") {
		t.Error("What changed does not list the renamed page as moved")
	}
}

// TestBaseURL: with base_url set, the feed's links are whole addresses,
// as feed readers want them, and the root has a sitemap of the latest
// version's pages.
func TestBaseURL(t *testing.T) {
	r := history(t)
	r.write(map[string]string{"site.toml": strings.Replace(versionsToml, `title = "Acme"`, "title = \"Acme\"\nbase_url = \"https://intranet.example.com/playbook/\"", 1)})
	_, out := build(t, r.dir)
	feed := file(t, out, "changes.xml")
	for _, want := range []string{
		`<link href="https://intranet.example.com/playbook/changes.xml" rel="self"></link>`,
		`<link href="https://intranet.example.com/playbook/q3/changes/"></link>`,
		`href=&#34;https://intranet.example.com/playbook/q2/promises/fast/&#34;`,
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("the feed lacks %s:\n%s", want, feed)
		}
	}
	if strings.Contains(feed, `href="q`) || strings.Contains(feed, `href=&#34;q`) {
		t.Errorf("the feed has a relative link:\n%s", feed)
	}
	sitemap := file(t, out, "sitemap.xml")
	if !strings.Contains(sitemap, "<loc>https://intranet.example.com/playbook/latest/promises/fast/</loc>") || strings.Contains(sitemap, "/q2/") {
		t.Errorf("the sitemap is not of latest/:\n%s", sitemap)
	}
}
