package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/internal/gittest"
)

const (
	versionsTimeout = 90 * time.Second // the whole test: repository, build and browser

	// The promise whose wording changes from q1 to q2.
	versionsPromise = "content/promises/tidy-install.md"
	// Its q2 wording: it keeps some words of q1's, so that the word diff
	// has words in common as well as deleted and inserted ones.
	versionsNewWording = "Most heat pump installs take two to four days. We sweep up and take the rubbish away, every evening."
	// The page that moves to another folder, keeping its file name (and so
	// its id), from q1 to q2.
	versionsMovedFrom = "content/guides/glossary.md"
	versionsMovedTo   = "content/reference/glossary.md"
)

// TestBrowserSwitchesVersion builds a versioned playbook from a Git
// repository with two tags, q1 and q2: q2 rewords a promise and moves a page
// to another folder. It serves the build under a sub-path and uses the
// version switcher in headless Chromium, as a reader does: the root leads to
// the latest version; on the promise, switching to q1 keeps the page and
// shows q1's wording, and switching back leads to q2; on the moved page,
// switching to q1 finds it in its old folder. Then q2's What changed page
// shows the reworded promise word by word and the moved page.
func TestBrowserSwitchesVersion(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), versionsTimeout)
	defer cancel()
	start := time.Now()

	// 1. The repository: q1 is the example playbook; q2 rewords a promise
	// and moves a page.
	repo := newVersionsRepo(t)
	src := repo.dir
	if err := os.WriteFile(filepath.Join(src, "site.toml"), []byte(string(mustRead(t, filepath.Join("..", "..", "site.toml")))+"\n[versions]\ntags = \"q*\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(src, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	promiseMD := string(mustRead(t, filepath.Join(src, versionsPromise)))
	title, _ := frontMatterTitle(t, promiseMD)
	oldWording := promiseWording(t, promiseMD)
	if oldWording == versionsNewWording {
		t.Fatalf("%s already reads the q2 wording %q", versionsPromise, versionsNewWording)
	}
	movedTitle, _ := frontMatterTitle(t, string(mustRead(t, filepath.Join(src, versionsMovedFrom))))
	repo.commit("The example playbook", "q1")

	writeSource(t, filepath.Join(src, versionsPromise), setPromiseWording(t, promiseMD, versionsNewWording))
	if n := repo.move(versionsMovedFrom, versionsMovedTo); n == 0 {
		t.Fatalf("no page links to %s: the move tests nothing about links", versionsMovedFrom)
	}
	repo.commit("Reword "+title+"; move "+movedTitle, "q2")
	commits := map[string]string{"q1": repo.hash("q1"), "q2": repo.hash("q2")}

	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(ctx, []string{"build", "--source", src, "--dest", out}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build of the versioned playbook: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitOK, stdout.String(), stderr.String())
	}
	t.Logf("repository and build ready in %v:\n%s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(stdout.String()))

	srv, requests := serveUnderPrefix(t, out)
	base := srv.URL + browserSitePrefix
	// Step 6 asks for missing pages on purpose, and opens the root's
	// 404.html, whose assets the preload scanner asks for at the root
	// before its script points the page at latest/.
	bookmark, gone, rootAssets := browserSitePrefix+"promises/", browserSitePrefix+"q1/promises/gone/", browserSitePrefix+"assets/"
	t.Cleanup(func() { checkRequests(t, ignoreMissing(requests(), bookmark, gone, rootAssets)) })
	b := startChromium(t, ctx)

	// 2. The root leads to latest/, which is q2.
	b.open("the root page", base)
	waitInTab(b, "the root page to lead to latest/", browserStepTimeout,
		fmt.Sprintf(`location.href.startsWith(%s) && document.readyState === "complete" && !!document.querySelector("nav#pb-sidebar")`, jsQuote(base+"latest/")),
		`location.href + " " + document.readyState`)
	b.wantURL("the root page, followed", base+"latest/")
	// A page that names no icon makes the browser fetch /favicon.ico from
	// the root of the host, outside the sub-path. Chromium does so only when
	// it gets to it before the redirect, so the root page is read too.
	icons := tabValue(b, "icons of the root page", chromedp.Evaluate[[]string](fmt.Sprintf(
		`fetch(%s).then(r => r.text()).then(html => Array.from(
			new DOMParser().parseFromString(html, "text/html").querySelectorAll('link[rel~="icon"]'),
			l => l.getAttribute("href")))`, jsQuote(base)), chromedp.EvalAwaitPromise))
	if len(icons) == 0 {
		t.Errorf("the root page %s names no icon (<link rel=\"icon\">): browsers then fetch /favicon.ico from the host, outside %s", base, browserSitePrefix)
	}
	checkSwitcher(b, "latest/", "q2", commits)
	b.stylesLoaded("latest home")

	// 3. The promise, reached through the sidebar, in its q2 wording.
	tabClick(b, "sidebar link to Promises", elementsNamed(`nav#pb-sidebar a`, "Promises"))
	b.wantURL("promises section", base+"latest/promises/")
	promiseURL := tabClick(b, "the promise "+title+" in the sidebar", elementsNamed(`nav#pb-sidebar li.nav-page a`, title))
	id := strings.TrimSuffix(path.Base(versionsPromise), ".md")
	if want := base + "latest/promises/" + id + "/"; promiseURL != want {
		t.Fatalf("the sidebar link to %q opened %s, want %s", title, promiseURL, want)
	}
	checkPromisePage(b, "latest/", title, versionsNewWording)
	checkSwitcher(b, "latest/", "q2", commits)

	// Switch to q1: the same promise, in its q1 wording.
	switchVersion(b, "q1", base+"q1/promises/"+id+"/")
	checkPromisePage(b, "q1", title, oldWording)
	checkSwitcher(b, "q1", "q1", commits)
	if body := tabValue(b, "q1 page text", chromedp.Evaluate[string](`document.body.innerText`)); strings.Contains(body, versionsNewWording) {
		t.Errorf("q1's promise page shows q2's wording %q", versionsNewWording)
	}
	b.stylesLoaded("q1 promise")
	b.screenshot("q1 promise page")

	// And back to q2, by its own folder this time.
	switchVersion(b, "q2", base+"q2/promises/"+id+"/")
	checkPromisePage(b, "q2", title, versionsNewWording)
	checkSwitcher(b, "q2", "q2", commits)

	// A reader deep in the page keeps their place: the switcher and the
	// banner lead to the section read, in the other version. The links
	// are clicked from the page's script, as a tap clicks them: a click
	// of the browser's protocol scrolls the page to them first.
	const section = "where-it-breaks"
	keepPlace := func(what, link, want string) {
		b.t.Helper()
		b.do("read the section "+section, chromedp.Evaluate[chromedp.Void](`document.getElementById(`+jsQuote(section)+`).scrollIntoView()`))
		b.do(what, chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsQuote(link)+`).click()`))
		waitInTab(b, what+" to lead to the section read", browserStepTimeout,
			fmt.Sprintf(`location.href === %s && document.readyState === "complete"`, jsQuote(want)), `location.href`)
	}
	keepPlace("the switcher's q1 entry", `details.versions a[data-version="q1"]`, base+"q1/promises/"+id+"/#"+section)
	keepPlace("the banner's link to the latest", `.version-banner a`, base+"q2/promises/"+id+"/#"+section)

	// 4. The moved page: the switcher finds it in its old folder in q1.
	movedID := strings.TrimSuffix(path.Base(versionsMovedTo), ".md")
	newDir := strings.TrimPrefix(path.Dir(versionsMovedTo), "content/")
	oldDir := strings.TrimPrefix(path.Dir(versionsMovedFrom), "content/")
	b.open("the moved page in q2", base+"q2/"+newDir+"/"+movedID+"/")
	checkHeading(b, "q2 moved page", movedTitle)
	checkSwitcher(b, "q2", "q2", commits)
	switchVersion(b, "q1", base+"q1/"+oldDir+"/"+movedID+"/")
	checkHeading(b, "q1 moved page", movedTitle)
	checkSwitcher(b, "q1", "q1", commits)

	// The move made a section q1 does not have: the switcher leads to
	// q1's home, and says so.
	b.open("the new section in q2", base+"q2/"+newDir+"/")
	b.do("open the version switcher", chromedp.Click(chromedp.CSS(`details.versions > summary`)))
	q1Entry := chromedp.CSS(`details.versions a[data-version="q1"]`)
	b.do("the switcher's q1 entry", chromedp.WaitVisible(q1Entry))
	if label := strings.Join(strings.Fields(tabValue(b, "the switcher's q1 entry", chromedp.TextContent(q1Entry))), " "); label != "q1 (page not in this version)" {
		t.Errorf("q2/%s/: the switcher's q1 entry reads %q, want %q", newDir, label, "q1 (page not in this version)")
	}
	if got := tabClick(b, "the switcher's q1 entry", q1Entry); got != base+"q1/" {
		t.Errorf("q2/%s/: switching to q1, which has no such section, landed on %s, want q1's home %s", newDir, got, base+"q1/")
	}

	// 5. What changed in q2: the promise, word by word, and the move.
	b.open("What changed in q2", base+"q2/changes/")
	b.do("What changed", chromedp.WaitVisible(chromedp.CSS(`main section.change-group`)))
	b.stylesLoaded("What changed")
	changes := tabValue(b, "read What changed", chromedp.Evaluate[*browserChanges](readChangesJS))
	checkChanges(t, changes, base, title, id, oldWording, movedTitle, oldDir, newDir, movedID)

	// 6. Missing pages: the host shows the root's 404.html. A page
	// bookmarked before the site had versions leads to the latest
	// version's page; a page missing from a version shows that version's
	// own 404 page, leading into that version.
	resp := tabValue(b, "open a bookmark from before versions", chromedp.NavigateResponse(srv.URL+bookmark+id+"/"))
	if resp == nil || resp.Status != http.StatusNotFound {
		t.Fatalf("the bookmark: response %+v, want the host's 404 first", resp)
	}
	waitInTab(b, "the bookmark to lead to the latest version's page", browserStepTimeout,
		fmt.Sprintf(`location.href === %s && document.readyState === "complete"`, jsQuote(base+"latest/promises/"+id+"/")), `location.href`)
	checkPromisePage(b, "latest/", title, versionsNewWording)
	b.openMissing(srv.URL+gone, base+"q1/")
	waitInTab(b, "q1's own 404 page", browserStepTimeout,
		`(document.querySelector("details.versions summary")?.textContent ?? "").trim().startsWith("q1")`,
		`document.querySelector("details.versions summary")?.textContent`)
	b.stylesLoaded("q1's 404 page")
	// The root's copy, opened where it lies, leads to latest/ too.
	b.openNotFound(base+"404.html", http.StatusOK, base+"latest/")
	// Opened from disk, the root leads to latest/'s page, not to a
	// listing of its files.
	b.open("the root page from disk", "file://"+filepath.ToSlash(out)+"/index.html")
	waitInTab(b, "the root page from disk to lead to latest/index.html", browserStepTimeout,
		fmt.Sprintf(`location.href === %s && !!document.querySelector("nav#pb-sidebar")`, jsQuote("file://"+filepath.ToSlash(out)+"/latest/index.html")),
		`location.href`)

	// 7. On phones, What changed and a page under the switcher fit the
	// window, with the title and the switcher whole; axe finds nothing
	// there either.
	checkVersionedPages(b, base+"q2/changes/", base+"q1/promises/"+id+"/")
	checkLongVersionList(b, base+"q1/promises/"+id+"/")

	t.Logf("whole test took %v", time.Since(start).Round(time.Millisecond))
}

// versionsRepo is a Git repository in a temporary folder, written by the git
// command with fixed authors and dates, one day later for each commit.
type versionsRepo struct {
	t       *testing.T
	dir     string
	commits int
}

func newVersionsRepo(t *testing.T) *versionsRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("this test needs the git command to make a repository with tagged versions: apt-get install -y git")
	}
	r := &versionsRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *versionsRepo) git(args ...string) string {
	r.t.Helper()
	return gittest.Git(r.t, r.dir, time.Date(2026, 1, 1+r.commits, 10, 0, 0, 0, time.UTC), args...)
}

// commit commits every change and tags the commit.
func (r *versionsRepo) commit(msg, tag string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	r.git("tag", tag)
	r.commits++
}

// hash returns the commit a ref names.
func (r *versionsRepo) hash(ref string) string {
	r.t.Helper()
	return strings.TrimSpace(r.git("rev-parse", ref+"^{commit}"))
}

// mdLink matches the target of an inline Markdown link: ](target#anchor).
var mdLink = regexp.MustCompile(`\]\(([^()\s#]+)(#[^()\s]*)?\)`)

// move moves a Markdown file with git mv, and rewrites the relative links
// to it in every other Markdown file, and those in it, so that none breaks.
// It returns how many links to it it rewrote.
func (r *versionsRepo) move(from, to string) int {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Join(r.dir, filepath.Dir(to)), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.git("mv", from, to)
	rel := func(fromDir, target string) string {
		p, err := filepath.Rel(fromDir, target)
		if err != nil {
			r.t.Fatal(err)
		}
		return filepath.ToSlash(p)
	}
	relative := func(target string) bool {
		return !strings.Contains(target, ":") && !strings.HasPrefix(target, "/")
	}
	rewritten := 0
	err := filepath.WalkDir(filepath.Join(r.dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		file := filepath.ToSlash(strings.TrimPrefix(p, r.dir+string(filepath.Separator)))
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dir := path.Dir(file)
		md := mdLink.ReplaceAllStringFunc(string(data), func(link string) string {
			m := mdLink.FindStringSubmatch(link)
			target, anchor := m[1], m[2]
			if !relative(target) {
				return link
			}
			switch {
			case file == to: // the moved file's own links, from its old folder
				return "](" + rel(path.Dir(to), path.Join(path.Dir(from), target)) + anchor + ")"
			case path.Join(dir, target) == from:
				rewritten++
				return "](" + rel(dir, to) + anchor + ")"
			}
			return link
		})
		if md != string(data) {
			return os.WriteFile(p, []byte(md), 0o644)
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return rewritten
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var promiseLine = regexp.MustCompile(`(?m)^promise\s*=\s*(".*")\s*$`)

// promiseWording returns the promise = "..." of a promise's front matter.
func promiseWording(t *testing.T, md string) string {
	t.Helper()
	m := promiseLine.FindStringSubmatch(md)
	if m == nil {
		t.Fatalf("no promise = \"...\" line in:\n%s", md)
	}
	s, err := strconv.Unquote(m[1])
	if err != nil {
		t.Fatalf("promise = %s: %v", m[1], err)
	}
	return s
}

// setPromiseWording replaces the promise = "..." line of a promise.
func setPromiseWording(t *testing.T, md, wording string) string {
	t.Helper()
	promiseWording(t, md)
	return promiseLine.ReplaceAllLiteralString(md, "promise = "+strconv.Quote(wording))
}

// switchVersion opens the version switcher, clicks the version and checks
// the page it lands on.
func switchVersion(b *chromeTab, version, want string) {
	b.t.Helper()
	entry := chromedp.CSS(fmt.Sprintf(`details.versions a[data-version=%s]`, jsQuote(version)))
	if open := tabValue(b, "switcher state", chromedp.Evaluate[bool](`document.querySelector("details.versions").open`)); open {
		b.t.Errorf("at %s the version switcher is open before it is clicked", b.location())
	}
	b.do("open the version switcher", chromedp.Click(chromedp.CSS(`details.versions > summary`)))
	b.do("the switcher's "+version+" entry", chromedp.WaitVisible(entry))
	label := strings.TrimSpace(tabValue(b, "the switcher's "+version+" entry", chromedp.TextContent(entry)))
	if strings.Contains(label, "not in this version") {
		b.t.Errorf("at %s the switcher says the page is not in %s: %q", b.location(), version, label)
	}
	if got := tabClick(b, "the switcher's "+version+" entry", entry); got != want {
		b.t.Fatalf("switching to %s landed on %s, want %s", version, got, want)
	}
}

// checkSwitcher checks that the switcher shows the version, the footer its
// commit, and the switcher marks it current.
func checkSwitcher(b *chromeTab, page, version string, commits map[string]string) {
	b.t.Helper()
	summary := strings.Join(strings.Fields(tabValue(b, page+": switcher summary", chromedp.TextContent(chromedp.CSS(`details.versions > summary`)))), " ")
	commit := tabValue(b, page+": footer commit", chromedp.TextContent(chromedp.CSS(`footer code.version-commit`)))
	if want := commits[version]; len(commit) < 7 || !strings.HasPrefix(want, commit) {
		b.t.Errorf("%s: the footer shows commit %q, want a prefix of %s's %s", page, commit, version, want)
	}
	if want := version; summary != want {
		b.t.Errorf("%s: the switcher summary reads %q, want %q", page, summary, want)
	}
	current := tabValue(b, page+": current switcher entry", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('details.versions a[aria-current="true"]'), a => a.dataset.version)`))
	if len(current) != 1 || current[0] != version {
		b.t.Errorf("%s: the switcher marks %q as current, want only %s", page, current, version)
	}
}

func checkHeading(b *chromeTab, page, title string) {
	b.t.Helper()
	if h1 := strings.TrimSpace(tabValue(b, page+": heading", chromedp.TextContent(chromedp.CSS(`main h1`)))); h1 != title {
		b.t.Errorf("%s (%s): heading %q, want %q", page, b.location(), h1, title)
	}
}

// checkPromisePage checks the title and the statement of a promise page.
func checkPromisePage(b *chromeTab, page, title, wording string) {
	b.t.Helper()
	checkHeading(b, page+" promise", title)
	statement := tabValue(b, page+": promise statement", chromedp.TextContent(chromedp.CSS(`main blockquote.promise-statement > p`)))
	statement = strings.TrimSpace(strings.Trim(strings.TrimSpace(statement), "“”\""))
	if statement != wording {
		b.t.Errorf("%s promise page (%s): the statement reads %q, want %q", page, b.location(), statement, wording)
	}
}

// browserChanges is what readChangesJS reads from a What changed page.
type browserChanges struct {
	Lede    string `json:"lede"`
	Changed []struct {
		Group string `json:"group"`
		Title string `json:"title"`
		Href  string `json:"href"`
		Diffs []struct {
			Field string `json:"field"`
			Old   string `json:"old"`
			New   string `json:"new"`
			Kept  string `json:"kept"`
			Dels  int    `json:"dels"`
			Ins   int    `json:"ins"`
		} `json:"diffs"`
	} `json:"changed"`
	Moved []struct {
		Title string `json:"title"`
		Href  string `json:"href"`
		Note  string `json:"note"`
		From  string `json:"from"`
	} `json:"moved"`
}

// readChangesJS reads the changed and moved pages of a What changed page.
// Each diff is read three ways: without its insertions (the old wording),
// without its deletions (the new) and without either (the words kept).
const readChangesJS = `(() => {
	const text = el => el ? el.textContent.trim() : '';
	const without = (el, sel) => {
		const c = el.cloneNode(true);
		c.querySelectorAll(sel).forEach(e => e.remove());
		return c.textContent;
	};
	const listAfter = cls => Array.from(document.querySelectorAll('main h3.' + cls), h => h.nextElementSibling)
		.filter(ul => ul && ul.tagName === 'UL').flatMap(ul => Array.from(ul.children));
	return {
		lede: text(document.querySelector('main .page-header .lede')),
		changed: listAfter('change-changed').map(li => ({
			group: text(li.closest('section.change-group')?.querySelector('h2')),
			title: text(li.querySelector('a')),
			href: li.querySelector('a')?.href ?? '',
			diffs: Array.from(li.querySelectorAll('dl.diffs dd.diff'), dd => ({
				field: text(dd.previousElementSibling),
				old: without(dd, 'ins'),
				new: without(dd, 'del'),
				kept: without(dd, 'ins, del'),
				dels: dd.querySelectorAll('del').length,
				ins: dd.querySelectorAll('ins').length,
			})),
		})),
		moved: listAfter('change-moved').map(li => ({
			title: text(li.querySelector('a')),
			href: li.querySelector('a')?.href ?? '',
			note: text(li.querySelector('.muted')),
			from: li.querySelector('.muted a')?.href ?? '',
		})),
	};
})()`

func checkChanges(t *testing.T, c *browserChanges, base, title, id, oldWording, movedTitle, oldDir, newDir, movedID string) {
	t.Helper()
	if c == nil {
		t.Fatal("What changed: nothing read")
	}
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if !strings.HasPrefix(c.Lede, "Since q1") {
		t.Errorf("What changed in q2 says %q, want it to compare with q1 (Since q1...)", c.Lede)
	}
	found := false
	for _, p := range c.Changed {
		if p.Title != title {
			continue
		}
		found = true
		if p.Group != "Promises" {
			t.Errorf("What changed lists %q under %q, want Promises", title, p.Group)
		}
		if want := base + "q2/promises/" + id + "/"; p.Href != want {
			t.Errorf("What changed links %q to %s, want %s", title, p.Href, want)
		}
		diffed := false
		for _, d := range p.Diffs {
			if d.Field != "Promise" {
				continue
			}
			diffed = true
			if got := words(d.Old); got != oldWording {
				t.Errorf("the promise diff without its <ins> reads %q, want q1's wording %q", got, oldWording)
			}
			if got := words(d.New); got != versionsNewWording {
				t.Errorf("the promise diff without its <del> reads %q, want q2's wording %q", got, versionsNewWording)
			}
			if d.Dels == 0 || d.Ins == 0 {
				t.Errorf("the promise diff has %d <del> and %d <ins>, want both", d.Dels, d.Ins)
			}
			// Word by word: the words both wordings share are kept, not
			// deleted and inserted again.
			kept := strings.Fields(d.Kept)
			if len(kept) == 0 {
				t.Errorf("the promise diff keeps no word: want a word diff keeping the words q1 and q2 share")
			}
			for _, w := range kept {
				if !slices.Contains(strings.Fields(oldWording), w) || !slices.Contains(strings.Fields(versionsNewWording), w) {
					t.Errorf("the promise diff keeps %q, which is not in both wordings", w)
				}
			}
		}
		if !diffed {
			t.Errorf("What changed lists %q without a diff of its Promise wording (diffs: %+v)", title, p.Diffs)
		}
	}
	if !found {
		t.Errorf("What changed in q2 does not list %q as changed; it lists %+v", title, c.Changed)
	}
	found = false
	for _, m := range c.Moved {
		if m.Title != movedTitle {
			continue
		}
		found = true
		if want := base + "q2/" + newDir + "/" + movedID + "/"; m.Href != want {
			t.Errorf("What changed links moved %q to %s, want %s", movedTitle, m.Href, want)
		}
		if want := "from /" + oldDir + "/" + movedID + "/ in q1"; m.Note != want {
			t.Errorf("What changed says moved %q %q, want %q", movedTitle, m.Note, want)
		}
		// Its old place leads to it in the version before.
		if want := base + "q1/" + oldDir + "/" + movedID + "/"; m.From != want {
			t.Errorf("What changed links the old place of moved %q to %s, want %s", movedTitle, m.From, want)
		}
	}
	if !found {
		t.Errorf("What changed in q2 does not list %q under Moved; it lists %+v", movedTitle, c.Moved)
	}
}

// longVersionListJS gives the version switcher of the page twenty more
// versions, before the one read, which the list has last, opens it, and
// says what of it is out of reach, or "": the list must end inside the
// window (it hangs from the top bar, which stays put as the page
// scrolls), show the version read, and scroll to its last entry.
const longVersionListJS = `(async () => {
	const d = document.querySelector('details.versions'), list = d.querySelector('ul');
	const other = list.querySelector('li:not(:has([aria-current]))');
	for (let i = 0; i < 20; i++) list.insertBefore(other.cloneNode(true), list.firstElementChild);
	d.querySelector('summary').click();
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const out = [], h = window.innerHeight, box = list.getBoundingClientRect();
	if (box.bottom > h + 1) out.push('the list ends ' + Math.round(box.bottom - h) + ' px below the window');
	const read = list.querySelector('[aria-current]').getBoundingClientRect();
	if (read.top < box.top || read.bottom > box.bottom + 1) out.push('the version read is out of the list\'s view when it opens');
	list.scrollTop = list.scrollHeight;
	const last = list.lastElementChild.getBoundingClientRect();
	if (last.bottom > h + 1 || last.bottom > list.getBoundingClientRect().bottom + 1) out.push('its last entry cannot be scrolled into the window');
	return out.join('; ');
})()`

// checkLongVersionList checks, on a phone held sideways and on a desktop
// of little height, that a long list of versions can be read to its end.
func checkLongVersionList(b *chromeTab, url string) {
	b.t.Helper()
	defer b.do("window back", chromedp.EmulateViewport(1280, 900))
	for _, size := range [][2]int64{{390, 480}, {320, 480}, {1280, 500}} {
		b.do("set the window", chromedp.EmulateViewport(size[0], size[1]))
		b.open(url, url)
		if msg := tabValue(b, url+": a long list of versions", chromedp.Evaluate[string](longVersionListJS, chromedp.EvalAwaitPromise)); msg != "" {
			b.t.Errorf("%s at %dx%d px, with 22 versions: %s", url, size[0], size[1], msg)
		}
	}
}
