package versions

import (
	"cmp"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"playbook/internal/gittest"
	"playbook/internal/site"
)

// missingID is the id of an object no test repository holds.
var missingID = strings.Repeat("ab", 20)

// tagTree tags q4 a commit after HEAD whose tree is the site of HEAD,
// its content/ with the entries extra beside its own, unchecked: a
// damaged or hand-made tree. site, if set, is the id of its site.toml.
func tagTree(r *repo, site string, extra ...gittest.TreeEntry) {
	r.t.Helper()
	rev := func(what string) string { return strings.TrimSpace(r.git("rev-parse", what)) }
	var content []gittest.TreeEntry
	for _, line := range strings.Split(strings.TrimSpace(r.git("ls-tree", "HEAD:content")), "\n") {
		// "<mode> <type> <id>\t<name>"
		meta, name, _ := strings.Cut(line, "\t")
		f := strings.Fields(meta)
		content = append(content, gittest.TreeEntry{Mode: strings.TrimPrefix(f[0], "0"), Name: name, ID: f[2]})
	}
	content = append(content, extra...)
	root := gittest.Tree(r.t, r.dir,
		gittest.TreeEntry{Mode: "100644", Name: "site.toml", ID: cmp.Or(site, rev("HEAD:site.toml"))},
		gittest.TreeEntry{Mode: "40000", Name: "content", ID: gittest.Tree(r.t, r.dir, content...)},
	)
	commit := strings.TrimSpace(r.git("commit-tree", root, "-p", "HEAD", "-m", "Q4"))
	r.git("tag", "q4", commit)
}

// tagRoot tags q4 a commit after HEAD whose tree is HEAD's site.toml and
// entries.
func tagRoot(r *repo, entries ...gittest.TreeEntry) {
	r.t.Helper()
	site := gittest.TreeEntry{Mode: "100644", Name: "site.toml", ID: strings.TrimSpace(r.git("rev-parse", "HEAD:site.toml"))}
	root := gittest.Tree(r.t, r.dir, append(entries, site)...)
	r.git("tag", "q4", strings.TrimSpace(r.git("commit-tree", root, "-p", "HEAD", "-m", "Q4")))
}

// TestDamagedVersion: what a tag read from Git has wrong is a warning
// naming the version, the path and the object, and the rest of the site
// is built. A file or a folder that cannot be read is left out of its
// version; a tag whose commit or tree cannot be read is left out of the
// build, its switcher, its feed and the next version's What changed.
func TestDamagedVersion(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(r *repo, ids map[string]string)
		// warning is the warning of q4's damage, %s the id of the commit
		// q4 names; "" for none.
		warning string
		// leftOut says q4 is not built; else the page gone, if any.
		leftOut bool
		gone    string
	}{
		{name: "a good tag", damage: func(r *repo, ids map[string]string) { tagTree(r, "") }},
		{
			name: "a page whose object is a tree",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100644", Name: "bad.md", ID: ids["tree"]})
			},
			warning: `content/bad.md:1: warning: read: object {tree} is a tree, not a blob: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/bad/index.html",
		},
		{
			name: "a page whose object is a commit",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100644", Name: "bad.md", ID: ids["commit"]})
			},
			warning: `content/bad.md:1: warning: read: object {commit} is a commit, not a blob: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/bad/index.html",
		},
		{
			name: "a page missing",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100644", Name: "bad.md", ID: missingID})
			},
			warning: `content/bad.md: warning: cannot be read from "q4" (commit %s), left out: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/bad/index.html",
		},
		{
			name: "an attachment missing",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100644", Name: "logo.png", ID: missingID})
			},
			warning: `content/logo.png: warning: cannot be read from "q4" (commit %s), left out: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/logo.png",
		},
		{
			name: "an attachment whose object is a tree",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100644", Name: "logo.png", ID: ids["tree"]})
			},
			warning: `content/logo.png: warning: cannot be read from "q4" (commit %s), left out: object {tree} is a tree, not a blob: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/logo.png",
		},
		{
			name: "an attachment whose object is a commit",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "100755", Name: "price-list.pdf", ID: ids["commit"]})
			},
			warning: `content/price-list.pdf: warning: cannot be read from "q4" (commit %s), left out: object {commit} is a commit, not a blob: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/price-list.pdf",
		},
		{
			name: "a folder whose object is a blob",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "40000", Name: "more", ID: ids["blob"]})
			},
			warning: `content/more: warning: cannot be read from "q4" (commit %s), left out: object {blob} is a blob, not a tree: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/more/index.html",
		},
		{
			name: "a folder missing",
			damage: func(r *repo, ids map[string]string) {
				tagTree(r, "", gittest.TreeEntry{Mode: "40000", Name: "more", ID: missingID})
			},
			warning: `content/more: warning: cannot be read from "q4" (commit %s), left out: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
			gone:    "q4/more/index.html",
		},
		{
			name:    "its site.toml missing",
			damage:  func(r *repo, ids map[string]string) { tagTree(r, missingID) },
			warning: `site.toml:1: warning: read: read site.toml: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong) (version q4)`,
		},
		{
			name: "a damaged commit in its history",
			damage: func(r *repo, ids map[string]string) {
				// The damaged commit is no version; q4, after it, is
				// whole, and its pages last changed before it.
				tagTree(r, "", gittest.TreeEntry{Mode: "40000", Name: "more", ID: ids["blob"]})
				damaged := strings.TrimSpace(r.git("rev-parse", "q4"))
				r.git("tag", "-d", "q4")
				r.git("tag", "q4", strings.TrimSpace(r.git("commit-tree", "HEAD^{tree}", "-p", damaged, "-m", "Q4 mended")))
			},
		},
		{
			name: "its tree missing",
			damage: func(r *repo, ids map[string]string) {
				r.git("tag", "q4", gittest.Object(r.t, r.dir, "commit", []byte("tree "+missingID+"\nparent "+ids["head"]+
					"\nauthor Ann Author <ann@example.com> 1800000000 +0000\ncommitter Ann Author <ann@example.com> 1800000000 +0000\n\nQ4\n")))
			},
			warning: `site.toml:4: warning: versions: q4 is left out: ref "q4": read commit %s: its tree: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong)`,
			leftOut: true,
		},
		{
			name: "its content a file",
			damage: func(r *repo, ids map[string]string) {
				tagRoot(r, gittest.TreeEntry{Mode: "100644", Name: "content", ID: ids["blob"]})
			},
			warning: `site.toml:4: warning: versions: q4 is left out: commit %s has a file at content, not a folder of pages: there is nothing to publish`,
			leftOut: true,
		},
		{
			name: "no page in its content",
			damage: func(r *repo, ids map[string]string) {
				tagRoot(r, gittest.TreeEntry{Mode: "40000", Name: "content", ID: gittest.Tree(r.t, r.dir,
					gittest.TreeEntry{Mode: "100644", Name: "logo.png", ID: ids["blob"]},
					gittest.TreeEntry{Mode: "40000", Name: "images", ID: gittest.Tree(r.t, r.dir, gittest.TreeEntry{Mode: "100644", Name: "team.jpg", ID: ids["blob"]})},
				)})
			},
			warning: `site.toml:4: warning: versions: q4 is left out: commit %s has no page in content: there is nothing to publish`,
			leftOut: true,
		},
		{
			name:    "a tag of a blob",
			damage:  func(r *repo, ids map[string]string) { r.git("tag", "q4", ids["blob"]) },
			warning: `site.toml:4: warning: versions: q4 is left out: ref "q4": the tag points at a blob, not a commit: tag a commit`,
			leftOut: true,
		},
		{
			name: "a tag that cannot be read",
			damage: func(r *repo, ids map[string]string) {
				ids["tag"] = gittest.Object(r.t, r.dir, "tag", []byte("no header\n"))
				if err := os.WriteFile(filepath.Join(r.dir, ".git", "packed-refs"), []byte(ids["tag"]+" refs/tags/q4\n"), 0o644); err != nil {
					r.t.Fatal(err)
				}
			},
			warning: `site.toml:4: warning: versions: q4 is left out: tag "q4": tag {tag} cannot be read (malformed tag: object header must be first): the repository's objects are damaged (git fsck lists what is wrong)`,
			leftOut: true,
		},
		{
			name: "a tag of a commit missing",
			damage: func(r *repo, ids map[string]string) {
				packed := missingID + " refs/tags/q4\n"
				if err := os.WriteFile(filepath.Join(r.dir, ".git", "packed-refs"), []byte(packed), 0o644); err != nil {
					r.t.Fatal(err)
				}
			},
			warning: `site.toml:4: warning: versions: q4 is left out: ref "q4": object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong)`,
			leftOut: true,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := history(t)
			rev := func(what string) string { return strings.TrimSpace(r.git("rev-parse", what)) }
			ids := map[string]string{"tree": rev("HEAD:content/promises"), "blob": rev("HEAD:content/_index.md"), "commit": rev("q1"), "head": rev("HEAD"), "missing": missingID}
			c.damage(r, ids)
			b, problems, err := loadVersions(t, r.dir, false)
			if err != nil {
				t.Fatal(err)
			}
			if problems.Errors() > 0 {
				t.Fatalf("errors:\n%s", problems)
			}
			out := renderBuild(t, b)
			damage := damageOf(problems)
			want := []string{}
			if c.warning != "" {
				w := c.warning
				if i := strings.Index(w, "%s"); i >= 0 {
					// The commit q4 names, abbreviated as the build does;
					// asked only then, as q4 may name none.
					w = w[:i] + rev("q4")[:7] + w[i+2:]
				}
				for kind, id := range ids {
					w = strings.ReplaceAll(w, "{"+kind+"}", id[:7])
				}
				want = append(want, w)
			}
			if !slices.Equal(damage, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(damage, "\n"), strings.Join(want, "\n"))
			}
			// The other versions are built whole, the latest too.
			for _, name := range []string{"index.html", "latest/index.html", "q3/promises/fast/index.html", "q1/index.html", "draft/index.html"} {
				file(t, out, name)
			}
			_, built := out.File("q4/index.html")
			if built == c.leftOut {
				t.Errorf("q4 built: %v, want %v", built, !c.leftOut)
			}
			if c.gone != "" {
				if _, ok := out.File(c.gone); ok {
					t.Errorf("%s is in the output", c.gone)
				}
			}
			if c.leftOut {
				latest := b.Versions[slices.IndexFunc(b.Versions, func(v *Version) bool { return v.Latest })]
				if latest.Name != "q3" {
					t.Errorf("the latest is %s, want q3", latest.Name)
				}
				for _, name := range []string{"q3/promises/fast/index.html", "changes.xml", "index.html", "draft/changes/index.html"} {
					if page := file(t, out, name); strings.Contains(page, "q4") {
						t.Errorf("%s names q4, left out", name)
					}
				}
			}
		})
	}
}

// tagMissingTree tags q4 a commit after HEAD whose tree is missing.
func tagMissingTree(r *repo) {
	r.t.Helper()
	head := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	r.git("tag", "q4", gittest.Object(r.t, r.dir, "commit", []byte("tree "+missingID+"\nparent "+head+
		"\nauthor Ann Author <ann@example.com> 1800000000 +0000\ncommitter Ann Author <ann@example.com> 1800000000 +0000\n\nQ4\n")))
}

// TestDamagedListedRef: a version listed in [[versions.ref]] that cannot
// be built at all is told at its line of site.toml, as a warning, and
// left out; latest naming it leaves the latest to the newest version. A
// ref that names nothing is still an error of the setting.
func TestDamagedListedRef(t *testing.T) {
	for _, c := range []struct {
		name, toml string
		want       []string
		errors     int
	}{
		{
			name: "listed",
			toml: "title = \"Acme\"\n[versions]\nlatest = \"next\"\n\n[[versions.ref]]\nname = \"q3\"\nref = \"q3\"\n\n[[versions.ref]]\nname = \"next\"\nref = \"q4\"\nlabel = \"Next\"\n",
			want: []string{
				`site.toml:3: warning: versions: latest = "next" is left out: the latest is q3, the newest version`,
				`site.toml:11: warning: versions: next is left out: ref "q4": read commit {q4}: its tree: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong)`,
			},
		},
		{
			name: "named as latest by its ref",
			toml: "title = \"Acme\"\n[versions]\ntags = \"q*\"\nlatest = \"q4\"\n",
			want: []string{
				`site.toml:3: warning: versions: q4 is left out: ref "q4": read commit {q4}: its tree: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong)`,
				`site.toml:4: warning: versions: latest = "q4" is left out: the latest is q3, the newest version`,
			},
		},
		{
			name:   "a ref that names nothing",
			toml:   "title = \"Acme\"\n[versions]\n[[versions.ref]]\nname = \"q3\"\nref = \"q3\"\n[[versions.ref]]\nname = \"q9\"\nref = \"q9\"\n",
			want:   []string{`site.toml:8: versions: q9: ref "q9": no tag, branch or commit of that name (there are: main, q1, q2, q3, q4)`},
			errors: 1,
		},
		{
			name: "every version left out",
			toml: "title = \"Acme\"\n[versions]\ntags = \"q4\"\n",
			want: []string{
				`site.toml:2: versions: every version is left out: nothing to publish`,
				`site.toml:3: warning: versions: q4 is left out: ref "q4": read commit {q4}: its tree: object {missing} is missing from the repository: the repository's objects are damaged (git fsck lists what is wrong)`,
			},
			errors: 1,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := history(t)
			tagMissingTree(r)
			r.write(map[string]string{"site.toml": c.toml})
			b, problems, err := loadVersions(t, r.dir, false)
			if err != nil {
				t.Fatal(err)
			}
			got := damageOf(problems)
			q4 := strings.TrimSpace(r.git("rev-parse", "--short=7", "q4"))
			want := slices.Clone(c.want)
			for i := range want {
				want[i] = strings.NewReplacer("{q4}", q4, "{missing}", missingID[:7]).Replace(want[i])
			}
			if !slices.Equal(got, want) || problems.Errors() != c.errors {
				t.Errorf("problems (%d errors):\n%s\nwant (%d errors):\n%s", problems.Errors(), strings.Join(got, "\n"), c.errors, strings.Join(want, "\n"))
			}
			if c.errors > 0 {
				if b != nil {
					t.Error("a build with errors was loaded")
				}
				return
			}
			if b == nil {
				t.Fatal("nothing was loaded")
			}
			out := renderBuild(t, b)
			if page := file(t, out, "latest/promises/fast/index.html"); page != file(t, out, "q3/promises/fast/index.html") {
				t.Error("latest/ is not q3")
			}
		})
	}
}

// TestPartialCloneStopsTheBuild: a file an older version lacks in a
// partial clone is an error naming the version and the file, as the
// clone, not the tag, is to be mended: a build without it must not
// replace an output that had it. A full clone builds.
func TestPartialCloneStopsTheBuild(t *testing.T) {
	r := history(t)
	r.git("config", "uploadpack.allowFilter", "true")
	for _, c := range []struct {
		args []string
		want string // the error; "" for none
	}{
		{[]string{"--filter=blob:none"}, `versions: q2: content/guides/old-price-list.md: object {id}: this is a partial clone`},
		{[]string{"--filter=tree:0"}, `site.toml:4: versions: q1: ref "q1": read commit {q1}: its tree: object {tree}: this is a partial clone`},
		{nil, ""},
	} {
		clone := &repo{t: t, dir: filepath.Join(t.TempDir(), "clone")}
		r.git(append([]string{"clone", "-q"}, append(c.args, "file://"+r.dir, clone.dir)...)...)
		clone.write(map[string]string{"site.toml": versionsToml})
		b, problems, err := loadVersions(t, clone.dir, false)
		if err == nil && problems.Errors() > 0 {
			err = errors.New(problems[0].String())
		}
		if err == nil && b != nil {
			renderBuild(t, b)
		}
		rev := func(what string) string { return strings.TrimSpace(r.git("rev-parse", "--short=7", what)) }
		want := strings.NewReplacer("{id}", rev("q2:content/guides/old-price-list.md"), "{q1}", rev("q1"), "{tree}", rev("q1^{tree}")).Replace(c.want)
		switch {
		case want == "" && err != nil:
			t.Errorf("clone %q: %v", c.args, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("clone %q: %v; want an error saying %s", c.args, err, want)
		}
	}
}

// TestTagFolder: a tag's folder is its name as a URL and a file system
// take it, the same at every build; a name of no letter or digit,
// "latest", or one too long for a folder ends with a hash of the tag's
// name, and is still a name site.toml takes for a version.
func TestTagFolder(t *testing.T) {
	long, longer := "q"+strings.Repeat("x", 300), "q"+strings.Repeat("x", 300)+"y"
	for _, c := range []struct{ tag, want string }{
		{"v1.0", "v1-0"},
		{"release/2026-q1", "release-2026-q1"},
		{"q%25", "q-25"},
		{"q#1", "q-1"},
		{"q\xff", "q"},
		{"Été", "été"},
		{"%%", "tag-3a6e1a1b"},
		{"latest", "latest-5e1e2bca"},
		{long, "q" + strings.Repeat("x", 90) + "-f87f38c6"},
		{longer, "q" + strings.Repeat("x", 90) + "-0bddca31"},
		{strings.Repeat("é", 200), strings.Repeat("é", 45) + "-df20b2aa"},
		{strings.Repeat("x", 100), strings.Repeat("x", 100)},
	} {
		got := tagFolder(c.tag)
		if got != c.want || tagFolder(c.tag) != got {
			t.Errorf("tagFolder(%.20q) = %q, want %q", c.tag, got, c.want)
		}
		if len(got) > site.MaxVersionName || site.Slug(got) != got || got == "latest" {
			t.Errorf("tagFolder(%.20q) = %q: not a name of a version's folder", c.tag, got)
		}
	}
}

// TestOddTagNames builds into a folder the tags whose names a URL or a
// file system dislikes: each is published at a folder of its own, the
// latest too, with a label shown as a browser shows it; a name git
// refuses is left out, as git tag --list leaves it out, with a warning.
func TestOddTagNames(t *testing.T) {
	r := history(t)
	q3 := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	r.git("commit", "-q", "-am", "Q4")
	q4 := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	// Written as git packs refs: no file system takes a loose ref of the
	// long name, and git tag refuses a control character. Tagged after
	// the quarters, the long name is the latest.
	long := "q" + strings.Repeat("x", 300)
	packed := q4 + " refs/tags/" + long + "\n"
	for _, name := range []string{"q\xff", "q%25", "q\x01"} {
		packed += q3 + " refs/tags/" + name + "\n"
	}
	if err := os.WriteFile(filepath.Join(r.dir, ".git", "packed-refs"), []byte(packed), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	buildInto(t, r.dir, dest, testNow)
	folder := "q" + strings.Repeat("x", 90) + "-f87f38c6"
	for _, name := range []string{folder + "/index.html", "q-25/index.html", "q/index.html", "latest/index.html", "index.html"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err != nil {
			t.Error(err)
		}
	}
	if target, err := os.Readlink(filepath.Join(dest, "latest")); err != nil || target != folder {
		t.Errorf("latest leads to %q, %v; want %s", target, err, folder)
	}
	root, err := os.ReadFile(filepath.Join(dest, "index.html"))
	if err != nil || !strings.Contains(string(root), `url=latest/`) || !strings.Contains(string(root), `<a href="q/">q`+"\uFFFD"+`</a>`) {
		t.Errorf("the root page does not lead to latest/, or lists q\\xff otherwise:\n%s", root)
	}
	_, problems, err := loadVersions(t, r.dir, false)
	want := `site.toml:4: warning: versions: tag "q\x01" is left out: git ignores a ref of that name (see git check-ref-format)`
	if err != nil || !slices.ContainsFunc(problems, func(p site.Problem) bool { return p.String() == want }) {
		t.Errorf("problems %v, %v; want %s", problems, err, want)
	}
}

// TestEmptyListedRef: a version listed in [[versions.ref]] whose commit
// has no page is left out with a warning at its line of site.toml, not
// published empty; latest naming it leaves the latest to the newest
// version.
func TestEmptyListedRef(t *testing.T) {
	r := history(t)
	tagRoot(r, gittest.TreeEntry{Mode: "40000", Name: "content", ID: gittest.Tree(t, r.dir)})
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\nlatest = \"next\"\n\n[[versions.ref]]\nname = \"q3\"\nref = \"q3\"\n\n[[versions.ref]]\nname = \"next\"\nref = \"q4\"\nlabel = \"Next\"\n"})
	b, problems, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	got := damageOf(problems)
	q4 := strings.TrimSpace(r.git("rev-parse", "--short=7", "q4"))
	want := []string{
		`site.toml:3: warning: versions: latest = "next" is left out: the latest is q3, the newest version`,
		`site.toml:11: warning: versions: next is left out: commit ` + q4 + ` has no page in content: there is nothing to publish`,
	}
	if !slices.Equal(got, want) || problems.Errors() != 0 {
		t.Fatalf("problems (%d errors):\n%s\nwant:\n%s", problems.Errors(), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	out := renderBuild(t, b)
	if _, ok := out.File("next/index.html"); ok {
		t.Error("the empty version is published")
	}
	if page := file(t, out, "latest/promises/fast/index.html"); page != file(t, out, "q3/promises/fast/index.html") {
		t.Error("latest/ is not q3")
	}
}

// TestTagsOfOneFolder: tags whose folders would be the same on a file
// system or in a URL that does not tell case apart (q2 and Q2) are both
// published, each in a folder of its own, with a warning naming both and
// the folders: the tag made first keeps the folder, else, made at the
// same time, the one named as its folder is; the other's ends with a
// hash of its name. The switcher, the feed and What changed lead to the
// folders chosen, which do not depend on the order the tags are listed
// in.
func TestTagsOfOneFolder(t *testing.T) {
	r := history(t)
	r.git("tag", "-a", "Q2", "-m", "Q2 again", "q2") // after q2 was tagged
	r.git("tag", "Q3", "q3")                         // a lightweight tag: q3's date
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\ntags = \"*\"\nworktree = \"draft\"\n"})
	b, problems, err := loadVersions(t, r.dir, false)
	if err != nil {
		t.Fatal(err)
	}
	got := damageOf(problems)
	want := []string{
		`site.toml:3: warning: versions: tags "q2" and "Q2" would both be published as /q2/ (a file system or a URL may not tell them apart): "q2", made first, keeps /q2/; "Q2" is published as /q2-8845886b/`,
		`site.toml:3: warning: versions: tags "q3" and "Q3" would both be published as /q3/ (a file system or a URL may not tell them apart): "q3", made at the same time and named as its folder is, keeps /q3/; "Q3" is published as /q3-9fc58f1a/`,
	}
	if !slices.Equal(got, want) || problems.Errors() != 0 {
		t.Fatalf("problems (%d errors):\n%s\nwant:\n%s", problems.Errors(), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	out := renderBuild(t, b)
	for _, name := range []string{"q2/index.html", "q2-8845886b/index.html", "q3/index.html", "q3-9fc58f1a/index.html"} {
		file(t, out, name)
	}
	if page := file(t, out, "q1/promises/fast/index.html"); !strings.Contains(page, `href="../../../q2-8845886b/promises/fast/" data-version="q2-8845886b">Q2 again</a>`) ||
		!strings.Contains(page, `href="../../../q2/promises/fast/" data-version="q2">q2</a>`) {
		t.Errorf("the switcher does not lead to both q2 and Q2:\n%s", page)
	}
	if feed := file(t, out, "changes.xml"); !strings.Contains(feed, `<link href="q2-8845886b/changes/">`) || !strings.Contains(feed, `<link href="q2/changes/">`) {
		t.Errorf("the feed does not lead to both q2 and Q2:\n%s", feed)
	}
	// q3's What changed is against Q2, the version before it.
	if page := file(t, out, "q3/changes/index.html"); !strings.Contains(page, `../../q2-8845886b/guides/old-price-list/`) {
		t.Errorf("q3's What changed does not lead to Q2's folder:\n%s", page)
	}
	tags := []string{"Q2", "Q3", "q2", "q3"}
	folders, _ := tagFolders(b.repo, tags, nil)
	slices.Reverse(tags)
	if again, _ := tagFolders(b.repo, tags, nil); !maps.Equal(folders, again) {
		t.Errorf("the folders depend on the order of the tags: %v, then %v", folders, again)
	}
	// Listed in [[versions.ref]] at its folder, a tag keeps it.
	if listed, _ := tagFolders(b.repo, tags, map[string]string{"q2": "Q2"}); listed["Q2"] != "q2" || listed["q2"] == "q2" {
		t.Errorf("Q2 listed at q2: folders %v", listed)
	}
}

// damageOf returns problems as text, but those of the chain the test
// histories leave disconnected.
func damageOf(problems site.Problems) []string {
	var out []string
	for _, p := range problems {
		if !strings.Contains(p.Msg, "disconnected") {
			out = append(out, p.String())
		}
	}
	return out
}
