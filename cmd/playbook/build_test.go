package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// buildCmd runs "playbook build" with args and returns its exit status
// and output.
func buildCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"build"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeSite writes files (paths from the site root) under a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, files)
	return dir
}

// treeSum fingerprints every file under dir, names and contents.
func treeSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			fmt.Fprintf(h, "%s -> %s\n", p, target)
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %d\n", rel, len(b))
		h.Write(b)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d files %x", n, h.Sum(nil))
}

var goodSite = map[string]string{
	"site.toml":           "title = \"T\"\n",
	"content/_index.md":   "+++\ntitle = \"Home\"\n+++\nHello.\n",
	"content/guides/a.md": "# A\n\nSee [b](b.md).\n",
	"content/guides/b.md": "# B\n",
}

// TestCommandsInAFolderOfTheSite runs build and check in a folder of a
// site, as an editor's terminal may be: they work on the site, and build
// writes its output where it would from the site's folder.
func TestCommandsInAFolderOfTheSite(t *testing.T) {
	dir := writeSite(t, goodSite)
	t.Chdir(filepath.Join(dir, "content", "guides"))
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"check"}, &out, &errs); code != exitOK {
		t.Fatalf("check: exit %d\n%s%s", code, out.String(), errs.String())
	}
	if code, _, stderr := buildCmd(t); code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "guides", "a", "index.html")); err != nil {
		t.Errorf("the site is not built in its folder's public/: %v", err)
	}
	if _, err := os.Stat("public"); err == nil {
		t.Errorf("a public/ folder was made in the folder the command ran in")
	}
	// In the output itself, a build would replace the folder the shell
	// is in: it is refused, and the output left as it is.
	t.Chdir(filepath.Join(dir, "public", "guides"))
	code, _, stderr := buildCmd(t)
	if code != exitUsage || !strings.Contains(stderr, "is the output of a build, not a site") {
		t.Errorf("build in the output: exit %d, want %d\n%s", code, exitUsage, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "guides", "a", "index.html")); err != nil {
		t.Errorf("the output changed: %v", err)
	}
}

// TestBuildTellsOfFilesAddedToItsOutput: a file put into the output by
// hand goes with it at the next build, which says so and where such a
// file belongs, and a page of the site changed by hand is written again,
// which it says too; a build after that has nothing to say.
func TestBuildTellsOfFilesAddedToItsOutput(t *testing.T) {
	dir := writeSite(t, goodSite)
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", dir, "--dest", dest); code != exitOK || strings.Contains(stderr, "note:") {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	// After the swap, by a clock that may tick coarsely.
	time.Sleep(20 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(dest, "CNAME"), []byte("handbook.example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "index.html"), []byte("<p>Closed for the holidays</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := buildCmd(t, "--source", dir, "--dest", dest)
	for _, want := range []string{
		"note: " + filepath.Join(dest, "CNAME") + ", added or changed after the last build, went with the previous site: what the site needs goes in static/ (static/CNAME), which every build copies\n",
		"note: " + filepath.Join(dest, "index.html") + ", changed after the last build, is the build's own and was written again: change the page's Markdown, a layout or a file of static/\n",
	} {
		if code != exitOK || !strings.Contains(stderr, want) {
			t.Errorf("second build: exit %d, want %q in:\n%s", code, want, stderr)
		}
	}
	if strings.Contains(stderr, "static/index.html") {
		t.Errorf("second build tells to put the home page in static/:\n%s", stderr)
	}
	if code, _, stderr := buildCmd(t, "--source", dir, "--dest", dest); code != exitOK || strings.Contains(stderr, "note:") {
		t.Errorf("third build: exit %d, and a note:\n%s", code, stderr)
	}
}

func TestBuildExample(t *testing.T) {
	// Into a folder not made yet: the pages still wait in a file, in the
	// folder above, and not in memory (a note would say so).
	dest := filepath.Join(t.TempDir(), "site", "public")
	code, stdout, stderr := buildCmd(t, "--source", "../..", "--dest", dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// The example keeps one live campaign whose front line is not ready,
	// to show the warning, while its dates last, and one channel no sales
	// behaviour follows up: no other problem.
	channelGap := `content/promises/heat-back-in-24-hours.md:5: warning: promise "heat-back-in-24-hours" is made by Kestrel Care leaflet; no sales behaviour follows up Kestrel Care leaflet: add "Kestrel Care leaflet" to the channels of a sales behaviour that keeps it, or take it off the promise's`
	if !strings.Contains(stderr, channelGap) {
		t.Errorf("the example playbook lacks its channel gap:\n%s", stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.Contains(line, "the front line is not ready") && line != channelGap {
			t.Errorf("the example playbook has problems:\n%s", stderr)
			break
		}
	}
	if !regexp.MustCompile(`(\d+) warnings? \((\d+ campaign-not-ready, )?1 channel-gap\), 0 errors`).MatchString(stdout) {
		t.Errorf("summary:\n%s", stdout)
	}
	for _, f := range []string{"index.html", "404.html", "alignment/index.html", "tags/index.html", "roles/index.html", "assets/playbook.css", "assets/chroma.css"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Error(err)
		}
	}
	// The pages' HTML waited beside the output, in a file now gone.
	for _, dir := range []string{filepath.Dir(dest), filepath.Dir(filepath.Dir(dest))} {
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("left behind beside the output: %v", entries)
		}
	}
}

func TestBuildExitStatus(t *testing.T) {
	good := writeSite(t, goodSite)
	bad := writeSite(t, map[string]string{"content/a.md": "[x](missing.md)\n"})
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"good site builds", []string{"--source", good}, 0, ""},
		{"unknown flag is a usage error", []string{"--nope"}, 2, "flag provided but not defined: -nope"},
		{"extra argument is a usage error", []string{"--source", good, "extra"}, 2, `unexpected argument "extra"`},
		{"folder without content is a usage error", []string{"--source", t.TempDir()}, 2, "has no content/ folder"},
		{"a source that is no folder is a usage error", []string{"--source", filepath.Join(t.TempDir(), "nope")}, 2, "there is no folder "},
		{"a source that is a file is a usage error", []string{"--source", filepath.Join(good, "site.toml")}, 2, "site.toml is a file: --source names the site's folder"},
		{"content error exits 1 naming file and line", []string{"--source", bad}, 1, `content/a.md:1:1: broken link "missing.md": no page or file at content/missing.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := buildCmd(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
	if code := run(context.Background(), nil, &bytes.Buffer{}, &bytes.Buffer{}); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
}

// TestFailedBuildKeepsOutput breaks a built site in each way a build can
// fail and checks that the previous output stays exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	breaks := []struct {
		name, file, data, stderr string
	}{
		{"bad front matter", "content/guides/a.md", "+++\ntitle = \n+++\n", "content/guides/a.md:2: front matter:"},
		{"broken link", "content/guides/a.md", "[x](gone.md)\n", `content/guides/a.md:1:1: broken link "gone.md"`},
		{"layout calling a missing partial", "layouts/page.html", `{{define "main"}}{{template "partials/nope.html" .}}{{end}}`, `layouts/page.html:1:`},
		{"layout that does not parse", "layouts/page.html", `{{define "main"}}{{if}}{{end}}`, "layouts/page.html:1: missing value for if"},
		{"unknown theme", "site.toml", "theme = \"nope\"\n", `theme "nope": no folder themes/nope`},
	}
	for _, br := range breaks {
		t.Run(br.name, func(t *testing.T) {
			src := writeSite(t, goodSite)
			dest := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != 0 {
				t.Fatalf("first build: exit %d\n%s", code, stderr)
			}
			before := treeSum(t, dest)
			if err := os.MkdirAll(filepath.Dir(filepath.Join(src, br.file)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(src, br.file), []byte(br.data), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := buildCmd(t, "--source", src, "--dest", dest)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			if !strings.Contains(stderr, br.stderr) {
				t.Errorf("stderr lacks %q:\n%s", br.stderr, stderr)
			}
			if after := treeSum(t, dest); after != before {
				t.Errorf("output changed: %s, was %s", after, before)
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			if len(entries) != 1 {
				t.Errorf("left behind beside the output: %v", entries)
			}
		})
	}
}

// TestBuildVersions builds two tagged versions of a site into a folder:
// latest/ leads to the newest, and a ref that does not exist is an error
// that leaves the output alone.
func TestBuildVersions(t *testing.T) {
	src := writeSite(t, goodSite)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) { gittest.Git(t, src, when, args...) }
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("tag", "v1")
	if err := os.WriteFile(filepath.Join(src, "content/guides/b.md"), []byte("# B, second edition\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	when = when.AddDate(0, 3, 0)
	git("commit", "-q", "-am", "two")
	git("tag", "v2")
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"T\"\n[versions]\ntags = \"v*\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := buildCmd(t, "--source", src, "--dest", dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Built 2 versions") || !strings.Contains(stdout, "v2: 2 pages in 2 sections; from v2 (") ||
		!strings.Contains(stdout, "2026-04-01), also at latest/") {
		t.Errorf("summary:\n%s", stdout)
	}
	b, err := os.ReadFile(filepath.Join(dest, "latest", "guides", "b", "index.html"))
	if err != nil || !strings.Contains(string(b), "B, second edition") {
		t.Errorf("latest/ does not show v2: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "v1", "guides", "b", "index.html")); err != nil || strings.Contains(string(b), "second edition") {
		t.Errorf("v1/ does not show v1: %v", err)
	}

	// Built again, nothing changed: both versions are kept from the
	// previous output.
	code, stdout, stderr = buildCmd(t, "--source", src, "--dest", dest)
	if code != 0 || strings.Count(stdout, "; kept from the previous build") != 2 {
		t.Errorf("exit %d, summary of a build again:\n%s%s", code, stdout, stderr)
	}

	before := treeSum(t, dest)
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("[versions]\n[[versions.ref]]\nname = \"v1\"\nref = \"v1\"\n[[versions.ref]]\nname = \"v9\"\nref = \"v9\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = buildCmd(t, "--source", src, "--dest", dest)
	if code != 1 || !strings.Contains(stderr, `site.toml:7: versions: v9: ref "v9": no tag, branch or commit of that name`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if after := treeSum(t, dest); after != before {
		t.Error("a failed versioned build changed the output")
	}
}

// TestBuildVersionsWithABrokenTag: a tag whose commit has no tree in the
// repository, or that tags a blob, is left out of the build with a
// warning naming it; the other versions are published over the previous
// output.
func TestBuildVersionsWithABrokenTag(t *testing.T) {
	src := writeSite(t, goodSite)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) string { return strings.TrimSpace(gittest.Git(t, src, when, args...)) }
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("tag", "v1")
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte("title = \"T\"\n[versions]\ntags = \"v*\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	missing := strings.Repeat("ab", 20)
	git("tag", "v2", gittest.Object(t, src, "commit", []byte("tree "+missing+"\nparent "+git("rev-parse", "v1")+
		"\nauthor Ann Author <ann@example.com> 1780000000 +0000\ncommitter Ann Author <ann@example.com> 1780000000 +0000\n\ntwo\n")))
	git("tag", "v3", git("rev-parse", "v1:content/guides/b.md"))
	code, stdout, stderr := buildCmd(t, "--source", src, "--dest", dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"site.toml:3: warning: versions: v2 is left out: ref \"v2\": read commit " + git("rev-parse", "--short=7", "v2") + ": its tree: object abababa is missing from the repository",
		"site.toml:3: warning: versions: v3 is left out: ref \"v3\": the tag points at a blob, not a commit",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "Built 1 version") || !strings.Contains(stdout, "v1: 2 pages in 2 sections; from v1 (") {
		t.Errorf("summary:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dest, "latest", "guides", "b", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestBuildDraftsKeepsThemOutOfTheFeed: build --drafts publishes the
// working tree's drafts on its pages, and its feed as a build without
// them writes it.
func TestBuildDraftsKeepsThemOutOfTheFeed(t *testing.T) {
	src := writeSite(t, goodSite)
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, src, when, "one")
	gittest.Git(t, src, when, "tag", "v1")
	gittest.WriteFiles(t, src, map[string]string{
		"site.toml":              "title = \"T\"\n[versions]\ntags = \"v*\"\nworktree = \"next\"\n",
		"content/guides/c.md":    "# C\n",
		"content/guides/next.md": "+++\ntitle = \"Secret offer\"\ndraft = true\n+++\nNot yet.\n",
	})
	var feeds []string
	for _, args := range [][]string{nil, {"--drafts"}} {
		dest := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := buildCmd(t, append([]string{"--source", src, "--dest", dest}, args...)...); code != 0 {
			t.Fatalf("build %v: exit %d\n%s", args, code, stderr)
		}
		feed, err := os.ReadFile(filepath.Join(dest, "changes.xml"))
		if err != nil {
			t.Fatal(err)
		}
		feeds = append(feeds, string(feed))
		if _, err := os.Stat(filepath.Join(dest, "next", "guides", "next", "index.html")); (err == nil) != (args != nil) {
			t.Errorf("build %v: the draft page is published: %v", args, err == nil)
		}
	}
	if feeds[1] != feeds[0] || !strings.Contains(html.UnescapeString(feeds[1]), `added <a href="next/guides/c/">C</a>`) || strings.Contains(feeds[1], "Secret") {
		t.Errorf("the feed of build --drafts:\n%s\nwithout --drafts:\n%s", feeds[1], feeds[0])
	}
}

// TestBuildShowsLastChange builds a site in a Git repository: each page
// shows its last commit; a folder outside any repository builds without.
func TestBuildShowsLastChange(t *testing.T) {
	src := writeSite(t, goodSite)
	when := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, src, when, "first")
	dest := filepath.Join(t.TempDir(), "public")
	code, _, stderr := buildCmd(t, "--source", src, "--dest", dest)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "guides", "a", "index.html"))
	if !strings.Contains(string(page), `last changed <time datetime="2026-03-14">14 Mar 2026</time> by Ann Author`) {
		t.Error("the page does not show its last change")
	}
	plain := writeSite(t, goodSite)
	if code, _, stderr := buildCmd(t, "--source", plain, "--dest", filepath.Join(t.TempDir(), "public")); code != 0 || stderr != "" {
		t.Errorf("a folder outside git: exit %d\n%s", code, stderr)
	}
}

// TestBuildShowsUncommittedChanges: a page edited since its last commit
// says so, and when it was last committed, in its footer and its About
// this page; a page never committed says that; a page as committed shows
// its commit. Two builds of the same files are the same.
func TestBuildShowsUncommittedChanges(t *testing.T) {
	src := writeSite(t, goodSite)
	when := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, src, when, "first")
	gittest.WriteFiles(t, src, map[string]string{
		"content/guides/a.md": "# A\n\nSee [b](b.md), edited.\n",
		"content/guides/c.md": "# C\n",
	})
	var builds []string
	for range 2 {
		dest := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != 0 || stderr != "" {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		builds = append(builds, dest)
	}
	read := func(dest, name string) string {
		b, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct{ page, footer, changed string }{
		{"guides/a/index.html", `This page has changes not yet committed; last committed <time datetime="2026-03-14">14 Mar 2026</time> by Ann Author`, `<dd>not yet committed</dd>`},
		{"guides/b/index.html", `This page last changed <time datetime="2026-03-14">14 Mar 2026</time> by Ann Author`, `<dd><time datetime="2026-03-14">14 Mar 2026</time></dd>`},
		{"guides/c/index.html", `This page is not yet committed</p>`, `<dd>not yet committed</dd>`},
	} {
		page := read(builds[0], c.page)
		if !strings.Contains(page, c.footer) || !strings.Contains(page, c.changed) {
			t.Errorf("%s lacks %q or %q", c.page, c.footer, c.changed)
		}
		if again := read(builds[1], c.page); again != page {
			t.Errorf("%s differs between two builds of the same files", c.page)
		}
	}
}

// TestBuildSummaryCountsWarningsByCheck checks the summary a team works
// down while it cleans up a handbook: warnings counted by check, and no
// promise count for a site without promises.
func TestBuildSummaryCountsWarningsByCheck(t *testing.T) {
	t.Run("a handbook without promises", func(t *testing.T) {
		src := writeSite(t, map[string]string{
			"site.toml":    "[links]\nbroken = \"warn\"\n",
			"content/a.md": "# A\n\n[x](gone.md) [y](b.md#nowhere)\n",
			"content/b.md": "# B\n",
		})
		code, stdout, stderr := buildCmd(t, "--source", src, "--dest", filepath.Join(t.TempDir(), "public"))
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if !strings.Contains(stdout, "\n  2 warnings (2 broken-link), 0 errors\n") || strings.Contains(stdout, "promises") {
			t.Errorf("summary:\n%s", stdout)
		}
	})
	t.Run("a playbook with promises", func(t *testing.T) {
		src := writeSite(t, map[string]string{
			"site.toml":             "[links]\nbroken = \"warn\"\n",
			"content/a.md":          "# A\n\n[x](gone.md)\n",
			"content/promises/p.md": "+++\npromise = \"P\"\n+++\n",
			"content/promises/q.md": "+++\npromise = \"Q\"\n+++\n",
		})
		code, stdout, stderr := buildCmd(t, "--source", src, "--dest", filepath.Join(t.TempDir(), "public"))
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		// One of a type is named in the singular.
		if !strings.Contains(stdout, "\n  2 promises, 1 page\n  0 of 2 promises connected to the front line\n  Trust Score: no page has a review interval\n  3 warnings (2 chain-gap, 1 broken-link), 0 errors\n") {
			t.Errorf("summary:\n%s", stdout)
		}
	})
}

// TestMemoryLimit checks the soft limit a build runs under: the floor
// for a small heap, one and a half times a large one; set while the build
// runs, the limit there was put back after it, and none set when
// GOMEMLIMIT is.
func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct{ live, want int64 }{
		{0, memoryFloor},
		{400 << 20, memoryFloor},
		{800 << 20, 1200 << 20},
		{2 << 30, 3 << 30},
	} {
		if got := memoryLimit(tt.live); got != tt.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", tt.live>>20, got>>20, tt.want>>20)
		}
	}
	was := debug.SetMemoryLimit(-1)
	t.Setenv("GOMEMLIMIT", "")
	stop := limitMemory()
	if got := debug.SetMemoryLimit(-1); got < memoryFloor || got == was {
		t.Errorf("limit while building = %d, want at least %d", got, memoryFloor)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != was {
		t.Errorf("limit after the build = %d, want %d as before", got, was)
	}
	t.Setenv("GOMEMLIMIT", "4GiB")
	stop = limitMemory()
	if got := debug.SetMemoryLimit(-1); got != was {
		t.Errorf("with GOMEMLIMIT set, limit = %d, want %d untouched", got, was)
	}
	stop()
}

// TestBuildEndsWithItsErrors: a failed build prints its warnings first
// and its errors last, above a line counting the warnings by check, so
// that an error is not lost among the warnings of a handbook brought in.
func TestBuildEndsWithItsErrors(t *testing.T) {
	files := with(warnSite, "content/a.md", "# A\n\n[x](missing.md)\n")
	dir := writeSite(t, with(files, "content/promises/q.md", "+++\ntitle = \"Q\"\npromise = \"Q\"\nexpectation = \"Q\"\n+++\n"))
	code, _, stderr := buildCmd(t, "--source", dir, "--dest", filepath.Join(t.TempDir(), "out"))
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if code != exitContent || len(lines) != 4 {
		t.Fatalf("exit %d, want %d, and 4 lines:\n%s", code, exitContent, stderr)
	}
	if !strings.Contains(lines[0], "warning:") || !strings.Contains(lines[1], "warning:") || !strings.HasPrefix(lines[2], "content/a.md:3:1: broken link") {
		t.Errorf("want the warnings, then the error:\n%s", stderr)
	}
	if !strings.HasPrefix(lines[3], "1 error, 2 warnings (2 chain-gap): nothing written") {
		t.Errorf("last line: %s", lines[3])
	}
}

// TestBuildTellsOfUnusedLayouts: a layout file no page is rendered with
// is a warning of a build, with versions or without, as of check.
func TestBuildTellsOfUnusedLayouts(t *testing.T) {
	const warning = "layouts/promise-page.html: warning: no page is rendered with this layout"
	src := writeSite(t, with(goodSite, "layouts/promise-page.html", "{{define \"main\"}}{{end}}\n"))
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != exitOK || !strings.Contains(stderr, warning) {
		t.Errorf("build: exit %d, want the warning:\n%s", code, stderr)
	}
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, src, when, "one")
	gittest.Git(t, src, when, "tag", "v1")
	gittest.WriteFiles(t, src, map[string]string{"site.toml": "title = \"T\"\n[versions]\ntags = \"v*\"\n"})
	dest = filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != exitOK || !strings.Contains(stderr, warning) {
		t.Errorf("versioned build: exit %d, want the warning:\n%s", code, stderr)
	}
}
