package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"playbook/internal/site"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// checkCmd runs "playbook check" with args and returns its exit status
// and output.
func checkCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"check"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestSiteFoldersThatAreFiles: content, layouts, static or themes made a
// file, not a folder, is said, where the theme's were passed over.
func TestSiteFoldersThatAreFiles(t *testing.T) {
	for _, dir := range []string{"content", "layouts", "static", "themes"} {
		t.Run(dir, func(t *testing.T) {
			src := t.TempDir()
			files := map[string]string{"site.toml": "title = \"T\"\n", dir: "not a folder\n"}
			if dir != "content" {
				files["content/a.md"] = "# A\n"
			}
			gittest.WriteFiles(t, src, files)
			code, _, stderr := checkCmd(t, "--source", src)
			want := filepath.Join(src, dir) + " is a file"
			if code != exitUsage || !strings.Contains(stderr, want) {
				t.Errorf("check: exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, want)
			}
		})
	}
}

// warnSite has one warning (a promise with no behaviour) and no error.
var warnSite = map[string]string{
	"site.toml":             "title = \"T\"\n",
	"content/_index.md":     "# Home\n",
	"content/promises/p.md": "+++\ntitle = \"P\"\npromise = \"We call back\"\nexpectation = \"A call\"\n+++\n",
}

func TestCheckExitStatus(t *testing.T) {
	errSite := with(warnSite, "content/a.md", "# A\n\n[x](missing.md)\n")
	draftSite := with(goodSite, "content/guides/d.md", "+++\ntitle = \"D\"\ndraft = true\n+++\n[x](missing.md)\n")
	for _, c := range []struct {
		name  string
		files map[string]string
		args  []string
		want  int
	}{
		{"a clean site passes", goodSite, nil, exitOK},
		{"warnings pass", warnSite, nil, exitOK},
		{"warnings fail with --strict", warnSite, []string{"--strict"}, exitContent},
		{"errors fail", errSite, nil, exitContent},
		{"a clean site passes with --strict", goodSite, []string{"--strict"}, exitOK},
		{"an unknown format is a usage error", goodSite, []string{"--format", "xml"}, exitUsage},
		{"an argument is a usage error", goodSite, []string{"extra"}, exitUsage},
		{"a draft's broken link passes", draftSite, nil, exitOK},
		{"a draft's broken link fails with --drafts", draftSite, []string{"--drafts"}, exitContent},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, c.files)
			code, _, stderr := checkCmd(t, append([]string{"--source", dir}, c.args...)...)
			if code != c.want {
				t.Errorf("exit %d, want %d\n%s", code, c.want, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("check wrote public/")
			}
		})
	}
}

// with returns files with one more file.
func with(files map[string]string, name, text string) map[string]string {
	out := map[string]string{name: text}
	for k, v := range files {
		if k != name {
			out[k] = v
		}
	}
	return out
}

func TestCheckPrintsWhatBuildPrints(t *testing.T) {
	dir := writeSite(t, with(warnSite, "content/a.md", "# A\n\n[x](missing.md)\n"))
	_, _, built := buildCmd(t, "--source", dir, "--dest", filepath.Join(t.TempDir(), "out"))
	code, checked, _ := checkCmd(t, "--source", dir)
	if code != exitContent {
		t.Errorf("exit %d, want %d", code, exitContent)
	}
	lines := strings.Split(strings.TrimSpace(checked), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 problems, got:\n%s", checked)
	}
	for _, l := range lines {
		if !strings.Contains(built, l+"\n") {
			t.Errorf("check prints %q, which build does not:\n%s", l, built)
		}
	}
}

// TestDuplicateIDFailsCheckAndBuild: a page whose front matter sets the
// id another page's file name makes fails check and build alike, told at
// the line of its id, naming the other file; build writes nothing.
func TestDuplicateIDFailsCheckAndBuild(t *testing.T) {
	dir := writeSite(t, with(warnSite, "content/faqs/a.md", "+++\nquestion = \"Call back?\"\nid = \"p\"\n+++\nYes.\n"))
	want := `content/faqs/a.md:3: id "p" is already the id of content/promises/p.md`
	code, checked, _ := checkCmd(t, "--source", dir)
	if code != exitContent || !strings.Contains(checked, want+"\n") {
		t.Errorf("check: exit %d, want %d and %q:\n%s", code, exitContent, want, checked)
	}
	dest := filepath.Join(t.TempDir(), "out")
	code, _, built := buildCmd(t, "--source", dir, "--dest", dest)
	if code != exitContent || !strings.Contains(built, want+"\n") {
		t.Errorf("build: exit %d, want %d and %q:\n%s", code, exitContent, want, built)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a build with a duplicate id wrote the site")
	}
}

// TestCheckFindsWhatFailsTheRender: a theme site.toml names that cannot
// be found, a layout that does not parse, one that fails on a page, and a
// static file a page is published over fail check as they fail build,
// with the same lines.
func TestCheckFindsWhatFailsTheRender(t *testing.T) {
	for _, c := range []struct {
		name, file, text, want string
	}{
		{"a theme that is not there", "site.toml", "title = \"T\"\ntheme = \"nope\"\n", `site.toml:2: theme "nope": no folder themes/nope`},
		{"a theme that is no folder name", "site.toml", "title = \"T\"\ntheme = \"../../etc\"\n", `site.toml:2: theme "../../etc": want the name of a folder under themes/`},
		{"a layout that does not parse", "layouts/page.html", "{{define \"main\"}}\n{{if}}{{end}}\n", "layouts/page.html:2: missing value for if"},
		{"a layout failing on a page", "layouts/promise.html", "{{define \"main\"}}\n  {{.Nope}}{{end}}\n",
			`layouts/promise.html:2:4: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Data (rendering content/promises/p.md)`},
		{"a static file under a page", "static/promises/p/index.html", "old\n",
			"static/promises/p/index.html: not published: the page content/promises/p.md is published there, at /promises/p/; rename or remove the static file"},
	} {
		dir := writeSite(t, with(warnSite, c.file, c.text))
		code, stdout, stderr := checkCmd(t, "--source", dir)
		if code != exitContent || !strings.Contains(stdout, c.want+"\n") {
			t.Errorf("%s: exit %d, want %d, and %q in:\n%s%s", c.name, code, exitContent, c.want, stdout, stderr)
		}
		if code, _, stderr := buildCmd(t, "--source", dir, "--dest", filepath.Join(t.TempDir(), "out")); code != exitContent || !strings.Contains(stderr, c.want+"\n") {
			t.Errorf("%s: build exit %d, want %d, and %q in:\n%s", c.name, code, exitContent, c.want, stderr)
		}
	}
}

// TestCheckListsEveryConfigProblem: a theme that is not there is told
// beside site.toml's other problems, not once they are fixed.
func TestCheckListsEveryConfigProblem(t *testing.T) {
	dir := writeSite(t, with(goodSite, "site.toml", "title = 3\ntheme = \"nope\"\n"))
	code, out, _ := checkCmd(t, "--source", dir)
	want := "site.toml:1: title: want text, got 3\nsite.toml:2: theme \"nope\": no folder themes/nope\n"
	if code != exitContent || out != want {
		t.Errorf("exit %d, want %d, and\n%s\ngot\n%s", code, exitContent, want, out)
	}
}

// TestCheckListsEveryBrokenLayout: each layout that does not parse is
// told, and a typo in site.toml does not hide them, so that a change
// breaking a second layout is not passed for the first one's problem.
func TestCheckListsEveryBrokenLayout(t *testing.T) {
	files := with(warnSite, "layouts/faq.html", "{{define \"main\"}}{{if}}{{end}}\n")
	files = with(files, "layouts/promise.html", "{{define \"main\"}}{{end}\n")
	files = with(files, "site.toml", "title = \"T\"\ntitel = \"typo\"\n")
	dir := writeSite(t, files)
	want := []string{
		"layouts/faq.html:1: missing value for if\n",
		"layouts/promise.html:1: bad character U+007D '}'\n",
		"site.toml:2: unknown setting \"titel\"",
	}
	code, out, stderr := checkCmd(t, "--source", dir)
	for _, w := range want {
		if code != exitContent || !strings.Contains(out, w) {
			t.Errorf("check: exit %d, want %d, and %q in:\n%s%s", code, exitContent, w, out, stderr)
		}
	}
	// A bad highlighting style is told once, at its line.
	style := writeSite(t, with(warnSite, "site.toml", "title = \"T\"\n[highlight]\nlight = \"nope\"\n"))
	if _, out, _ := checkCmd(t, "--source", style); strings.Count(out, "nope") != 1 || !strings.Contains(out, "site.toml:3: highlight: light: unknown chroma style \"nope\"") {
		t.Errorf("a bad style:\n%s", out)
	}
	// build stops at site.toml; with it fixed, both layouts are told.
	dir = writeSite(t, with(files, "site.toml", "title = \"T\"\n"))
	code, _, stderr = buildCmd(t, "--source", dir, "--dest", filepath.Join(t.TempDir(), "out"))
	for _, w := range want[:2] {
		if code != exitContent || !strings.Contains(stderr, w) {
			t.Errorf("build: exit %d, want %d, and %q in:\n%s", code, exitContent, w, stderr)
		}
	}
}

// TestEmptyPagesFailCheckAndBuild: a base.html that writes nothing, as
// one holding only {{define}}s, would publish blank pages; check and
// build fail on it, at the layout, and build writes nothing.
func TestEmptyPagesFailCheckAndBuild(t *testing.T) {
	dir := writeSite(t, with(warnSite, "layouts/base.html", "{{define \"main\"}}{{.Page.Title}}{{end}}\n"))
	want := "layouts/base.html: base.html wrote nothing: the page would be empty (rendering "
	code, stdout, _ := checkCmd(t, "--source", dir)
	if code != exitContent || !strings.Contains(stdout, want) {
		t.Errorf("check: exit %d, want %d, and %q in:\n%s", code, exitContent, want, stdout)
	}
	dest := filepath.Join(t.TempDir(), "out")
	code, _, stderr := buildCmd(t, "--source", dir, "--dest", dest)
	if code != exitContent || !strings.Contains(stderr, want) {
		t.Errorf("build: exit %d, want %d, and %q in:\n%s", code, exitContent, want, stderr)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a build of empty pages wrote the site")
	}
}

func TestCheckFormats(t *testing.T) {
	dir := writeSite(t, with(warnSite, "content/a.md", "# A\n\n[x](missing.md)\n"))
	_, out, _ := checkCmd(t, "--source", dir, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got) != 2 || got[0]["file"] != "content/a.md" || got[0]["check"] != "broken-link" || got[0]["line"] != 3.0 || got[1]["severity"] != "warning" {
		t.Errorf("json:\n%s", out)
	}
	_, out, _ = checkCmd(t, "--source", dir, "--format", "github")
	want := "::error file=content/a.md,line=3,col=1,title=playbook broken-link::broken link"
	if !strings.HasPrefix(out, want) {
		t.Errorf("github: got\n%s\nwant a first line starting\n%s", out, want)
	}
}

// TestCheckHugoRefs: a Hugo ref that leads to no page is a broken link at
// its file, line and column, in text and in JSON, and one that leads to
// a page is not.
func TestCheckHugoRefs(t *testing.T) {
	dir := writeSite(t, with(goodSite, "content/guides/a.md", "# A\n\nSee [b]({{< ref \"b\" >}}) and [the quote]({{% relref \"sales/quote.md#deposits\" %}}).\n"))
	code, out, stderr := checkCmd(t, "--source", dir)
	want := `content/guides/a.md:3:30: broken link {{< relref "sales/quote.md#deposits" >}}: no page or file at content/guides/sales/quote.md or content/sales/quote.md` + "\n"
	if code != exitContent || out != want {
		t.Errorf("exit %d, output\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	_, out, _ = checkCmd(t, "--source", dir, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got) != 1 || got[0]["file"] != "content/guides/a.md" || got[0]["line"] != 3.0 || got[0]["column"] != 30.0 ||
		got[0]["check"] != "broken-link" || got[0]["message"] != strings.TrimPrefix(strings.TrimSuffix(want, "\n"), "content/guides/a.md:3:30: ") {
		t.Errorf("json:\n%s", out)
	}
}

func TestCheckGitHubPathsFromTheRepositoryRoot(t *testing.T) {
	repo := t.TempDir()
	gittest.Git(t, repo, time.Time{}, "init", "-q")
	site := filepath.Join(repo, "docs")
	gittest.WriteFiles(t, site, warnSite)
	_, out, _ := checkCmd(t, "--source", site, "--format", "github")
	if !strings.HasPrefix(out, "::warning file=docs/content/promises/p.md,") {
		t.Errorf("github: %s", out)
	}
}

func TestCheckVersions(t *testing.T) {
	repo := t.TempDir()
	gittest.WriteFiles(t, repo, with(goodSite, "content/guides/b.md", "# B\n\n[gone](gone.md)\n"))
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, repo, when, "one")
	gittest.Git(t, repo, when, "tag", "v1")
	// The working tree is fixed, but the published tag is not.
	gittest.WriteFiles(t, repo, with(goodSite, "site.toml", "title = \"T\"\n[versions]\ntags = \"v*\"\n"))
	// A tag cannot be mended: its problems are warnings, which --strict
	// refuses.
	code, out, stderr := checkCmd(t, "--source", repo)
	if code != exitOK || !strings.Contains(out, `content/guides/b.md:3:1: warning: broken link "gone.md": no page or file at content/guides/gone.md (version v1)`) {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	if code, _, _ := checkCmd(t, "--source", repo, "--strict"); code != exitContent {
		t.Errorf("--strict: exit %d, want %d", code, exitContent)
	}
	// A tag pattern that matches none, the working tree published
	// beside it, is warned of by check as build warns of it.
	gittest.WriteFiles(t, repo, with(goodSite, "site.toml", "title = \"T\"\n[versions]\ntags = \"release-*\"\nworktree = \"draft\"\n"))
	want := `site.toml:3: warning: versions: no tag matches "release-*": tag a commit (git tag release-1) to publish it` + "\n"
	if code, out, stderr := checkCmd(t, "--source", repo); code != exitOK || !strings.Contains(out, want) {
		t.Errorf("check: exit %d, want %d and %q:\n%s%s", code, exitOK, want, out, stderr)
	}
	if code, _, stderr := buildCmd(t, "--source", repo, "--dest", filepath.Join(t.TempDir(), "out")); code != exitOK || !strings.Contains(stderr, want) {
		t.Errorf("build: exit %d, want %d and %q:\n%s", code, exitOK, want, stderr)
	}
}

// TestCheckNewSince commits a site with a broken link and a chain gap,
// then changes it: lines move above the old problems, and one new broken
// link is added. Only the new one is reported.
func TestCheckNewSince(t *testing.T) {
	repo := t.TempDir()
	old := with(warnSite, "content/a.md", "# A\n\n[x](missing.md)\n")
	gittest.WriteFiles(t, repo, old)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.Git(t, repo, when, "init", "-q", "-b", "main")
	gittest.Git(t, repo, when, "add", ".")
	gittest.Git(t, repo, when, "commit", "-q", "-m", "one")
	gittest.WriteFiles(t, repo, map[string]string{"content/a.md": "# A\n\nMore text.\n\n[x](missing.md)\n\n[y](gone.md)\n"})
	gittest.Git(t, repo, when.Add(time.Hour), "commit", "-q", "-am", "two")

	code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "HEAD~1")
	if want := "content/a.md:7:1: broken link \"gone.md\": no page or file at content/gone.md\n"; code != exitContent || out != want {
		t.Errorf("exit %d, output\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	if !strings.Contains(stderr, "new since HEAD~1 (2 already there)") {
		t.Errorf("stderr: %s", stderr)
	}
	// At HEAD every problem is already there: the old warning passes
	// --strict.
	if code, out, _ := checkCmd(t, "--source", repo, "--new-since", "main", "--strict"); code != exitOK || out != "" {
		t.Errorf("against main: exit %d\n%s", code, out)
	}
	if code, _, stderr := checkCmd(t, "--source", repo, "--new-since", "no-such-ref"); code != exitUsage {
		t.Errorf("a missing ref: exit %d\n%s", code, stderr)
	}

	// One more of the same broken link, above the old one: the new one is
	// reported, at its line, not the old one moved down.
	gittest.WriteFiles(t, repo, map[string]string{"content/a.md": "# A\n\nAlso [gone again](gone.md).\n\nMore text.\n\n[x](missing.md)\n\n[y](gone.md)\n"})
	code, out, stderr = checkCmd(t, "--source", repo, "--new-since", "HEAD")
	if want := "content/a.md:3:6: broken link \"gone.md\": no page or file at content/gone.md\n"; code != exitContent || out != want {
		t.Errorf("one more of a broken link: exit %d, output\n%s\nwant\n%s%s", code, out, want, stderr)
	}
}

// TestCheckNewSinceDamagedRef: a file at the ref whose Git object cannot
// be read, left out of the ref's site, is warned of, naming the file and
// what is wrong, as a build warns of it: its problems now are all told as
// new, the ref's being unknown.
func TestCheckNewSinceDamagedRef(t *testing.T) {
	repo := t.TempDir()
	files := with(goodSite, "content/guides/c.md", "# C\n\n[x](missing.md)\n")
	files["content/guides/d.md"] = "# D\n"
	gittest.WriteFiles(t, repo, files)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) string { return strings.TrimSpace(gittest.Git(t, repo, when, args...)) }
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	// The ref: the same files, c.md's object missing and d.md's a tree.
	missing, tree := strings.Repeat("ab", 20), git("rev-parse", "HEAD:content/guides")
	guides := gittest.Tree(t, repo,
		gittest.TreeEntry{Mode: "100644", Name: "a.md", ID: git("rev-parse", "HEAD:content/guides/a.md")},
		gittest.TreeEntry{Mode: "100644", Name: "b.md", ID: git("rev-parse", "HEAD:content/guides/b.md")},
		gittest.TreeEntry{Mode: "100644", Name: "c.md", ID: missing},
		gittest.TreeEntry{Mode: "100644", Name: "d.md", ID: tree},
	)
	content := gittest.Tree(t, repo,
		gittest.TreeEntry{Mode: "100644", Name: "_index.md", ID: git("rev-parse", "HEAD:content/_index.md")},
		gittest.TreeEntry{Mode: "40000", Name: "guides", ID: guides},
	)
	root := gittest.Tree(t, repo,
		gittest.TreeEntry{Mode: "100644", Name: "site.toml", ID: git("rev-parse", "HEAD:site.toml")},
		gittest.TreeEntry{Mode: "40000", Name: "content", ID: content},
	)
	git("tag", "damaged", git("commit-tree", root, "-p", "HEAD", "-m", "damaged"))
	short := git("rev-parse", "--short=7", "damaged")

	code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "damaged")
	damaged := ": the repository's objects are damaged (git fsck lists what is wrong)\n"
	want := "content/guides/c.md: warning: cannot be read from \"damaged\" (commit " + short + "), left out: object " + missing[:7] + " is missing from the repository" + damaged +
		"content/guides/c.md:3:1: broken link \"missing.md\": no page or file at content/guides/missing.md\n" +
		"content/guides/d.md: warning: cannot be read from \"damaged\" (commit " + short + "), left out: object " + tree[:7] + " is a tree, not a blob" + damaged
	if code != exitContent || out != want {
		t.Errorf("exit %d, output\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	// The ref's whole commit reads as ever.
	if code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "main"); code != exitOK || out != "" {
		t.Errorf("against main: exit %d\n%s%s", code, out, stderr)
	}
}

// TestCheckNewSinceRenamesAndMends: a file renamed since the ref keeps
// its problems, as Git finds the rename, and a disconnected promise given
// a sales behaviour is mended, not refused for the service gap left; one
// that loses it again is broken further.
func TestCheckNewSinceRenamesAndMends(t *testing.T) {
	repo := t.TempDir()
	bad := "# Bad\n\nSee [x](missing.md) and [y](gone.md).\n\nA line of its own.\n"
	gittest.WriteFiles(t, repo, with(warnSite, "content/guides/bad.md", bad))
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) { gittest.Git(t, repo, when, args...) }
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "one")

	git("mv", "content/guides/bad.md", "content/guides/renamed.md")
	gittest.WriteFiles(t, repo, map[string]string{
		"content/guides/renamed.md":        bad + "One more line.\n",
		"content/behaviours/sales/call.md": "+++\ntitle = \"Call\"\nstage = \"sales\"\nfulfils = [\"p\"]\n+++\n",
	})
	code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "main", "--strict")
	if code != exitOK || out != "" {
		t.Errorf("exit %d, want %d, and nothing new:\n%s%s", code, exitOK, out, stderr)
	}
	// A page removed and another added are no rename, however alike
	// their fences: the new page's problem is new.
	gittest.WriteFiles(t, repo, map[string]string{"content/faqs/old.md": "+++\ntitle = \"Old question\"\n+++\n"})
	git("add", ".")
	git("commit", "-q", "-m", "two")
	git("rm", "-q", "content/faqs/old.md")
	gittest.WriteFiles(t, repo, map[string]string{"content/faqs/new.md": "+++\ntitle = \"New question\"\n+++\n"})
	if code, out, _ := checkCmd(t, "--source", repo, "--new-since", "HEAD"); code != exitContent || !strings.Contains(out, "content/faqs/new.md:1: missing \"question\"") {
		t.Errorf("a page removed, another added: exit %d, want %d and the new page's error:\n%s", code, exitContent, out)
	}
	git("checkout", "-q", "HEAD", "--", "content/faqs/old.md")
	if err := os.Remove(filepath.Join(repo, "content/faqs/new.md")); err != nil {
		t.Fatal(err)
	}
	// A new broken link in the renamed file is new.
	gittest.WriteFiles(t, repo, map[string]string{"content/guides/renamed.md": bad + "[z](lost.md)\n"})
	code, out, _ = checkCmd(t, "--source", repo, "--new-since", "main")
	if want := "content/guides/renamed.md:6:1: broken link \"lost.md\": no page or file at content/guides/lost.md\n"; code != exitContent || out != want {
		t.Errorf("exit %d, output\n%s\nwant\n%s", code, out, want)
	}
	// Taking the promise's sales behaviour away again breaks it further:
	// new, though it was not connected before either.
	git("add", ".")
	git("commit", "-q", "-m", "three")
	git("rm", "-q", "content/behaviours/sales/call.md")
	code, out, stderr = checkCmd(t, "--source", repo, "--new-since", "HEAD")
	if want := "content/promises/p.md:3: warning: promise \"p\" is disconnected: no sales or service behaviour fulfils it\n"; code != exitOK || out != want {
		t.Errorf("the sales behaviour taken away: exit %d, output\n%s%s\nwant\n%s", code, out, stderr, want)
	}
}

// TestCheckNewSinceThemeAndVersions: a change that breaks a layout, or
// adds a version that cannot be published, is new since the ref, as
// check and build find it; a layout broken at the ref already is not.
func TestCheckNewSinceThemeAndVersions(t *testing.T) {
	repo := t.TempDir()
	gittest.WriteFiles(t, repo, with(warnSite, "layouts/faq.html", "{{define \"main\"}}{{if}}{{end}}\n"))
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) { gittest.Git(t, repo, when, args...) }
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	git("tag", "q1")
	git("checkout", "-q", "--orphan", "empty")
	git("rm", "-q", "-r", "--cached", ".")
	git("commit", "-q", "--allow-empty", "-m", "nothing")
	git("checkout", "-q", "-f", "main")

	// A layout that does not parse, there at the ref, is not new.
	if code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "main", "--strict"); code != exitOK || out != "" {
		t.Errorf("a layout broken at the ref: exit %d\n%s%s", code, out, stderr)
	}
	git("rm", "-q", "layouts/faq.html")
	git("commit", "-q", "-m", "mended")
	for _, c := range []struct {
		name, file, text, want string
	}{
		{"a layout broken by the change", "layouts/promise.html", "{{define \"main\"}}\n{{if}}{{end}}\n", "layouts/promise.html:2: missing value for if\n"},
		{"a version added that has no playbook", "site.toml", "title = \"T\"\n[versions]\ntags = \"q*\"\n[[versions.ref]]\nname = \"old\"\nref = \"empty\"\n",
			"site.toml:6: versions: old: commit "},
	} {
		gittest.WriteFiles(t, repo, map[string]string{c.file: c.text})
		code, out, stderr := checkCmd(t, "--source", repo, "--new-since", "main")
		if code != exitContent || !strings.Contains(out, c.want) {
			t.Errorf("%s: exit %d, want %d and %q in:\n%s%s", c.name, code, exitContent, c.want, out, stderr)
		}
		if c.file == "site.toml" {
			git("checkout", "-q", "--", c.file)
		} else if err := os.Remove(filepath.Join(repo, c.file)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckDue(t *testing.T) {
	today := time.Now().Format(time.DateOnly)
	dir := writeSite(t, map[string]string{
		"site.toml":         "[review]\nevery = \"30d\"\n",
		"content/_index.md": "+++\nreviewed = " + today + "\n+++\n",
		"content/a.md":      "+++\ntitle = \"A\"\nowner = \"Ann\"\nreviewed = 2020-01-01\n+++\n",
		"content/b.md":      "+++\ntitle = \"B\"\nowner = \"Bob\"\nreviewed = " + today + "\n+++\n",
	})
	code, out, stderr := checkCmd(t, "--source", dir, "--due", "7d")
	if code != exitOK || !strings.HasPrefix(out, "Ann: 1 due\n  content/a.md: overdue since 2020-01-31") || strings.Contains(out, "Bob") {
		t.Errorf("exit %d\n%s%s", code, out, stderr)
	}
	code, out, _ = checkCmd(t, "--source", dir, "--due", "31d", "--format", "json")
	var got []struct {
		Owner string
		Pages []struct{ File string }
	}
	if err := json.Unmarshal([]byte(out), &got); code != exitOK || err != nil || len(got) != 2 || got[1].Owner != "Bob" || got[1].Pages[0].File != "content/b.md" {
		t.Errorf("exit %d, %v\n%s", code, err, out)
	}
	if code, _, _ := checkCmd(t, "--source", dir, "--due", "soon"); code != exitUsage {
		t.Errorf("a bad interval: exit %d", code)
	}
	if code, _, _ := checkCmd(t, "--source", dir, "--due", "7d", "--strict"); code != exitUsage {
		t.Errorf("--due with --strict: exit %d, want %d", code, exitUsage)
	}
	// A broken link elsewhere does not stop the list: it is noted.
	gittest.WriteFiles(t, dir, map[string]string{"content/c.md": "# C\n\n[x](missing.md)\n"})
	code, out, stderr = checkCmd(t, "--source", dir, "--due", "7d")
	if code != exitOK || !strings.HasPrefix(out, "Ann: 1 due\n") || !strings.Contains(stderr, "note: the site has 1 error (playbook check lists them)") {
		t.Errorf("with an error: exit %d\n%s%s", code, out, stderr)
	}
}

// TestWarningsByCheckNamesAsReports: the summary counts each warning
// under the name JSON and GitHub's annotations give it: a problem met
// reading a page is the page's, not "other".
func TestWarningsByCheckNamesAsReports(t *testing.T) {
	ps := site.Problems{
		{File: "content/a.md", Line: 2, Msg: `unknown key "titel"`, Warning: true},
		{File: "content/b.md", Line: 1, Msg: "gap", Warning: true, Check: "chain-gap"},
		{File: "site.toml", Line: 3, Msg: "unknown key", Warning: true},
	}
	if got, want := warningsByCheck(ps), "3 warnings (1 chain-gap, 1 config, 1 page)"; got != want {
		t.Errorf("warningsByCheck = %q, want %q", got, want)
	}
}
