package render

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/site"
)

// renderFiles loads the site made of files and renders it into memory
// with opts, failing on any error.
func renderFiles(t *testing.T, files map[string]string, opts Options) *MemOutput {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return renderMem(t, fsys, s, opts)
}

// page returns the output file name of out as a string.
func page(t *testing.T, out *MemOutput, name string) string {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("%s: not in the output; output has %v", name, out.Names())
	}
	return string(b)
}

// between returns the text of s after the first start, up to the next end.
func between(s, start, end string) (string, bool) {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(after, end)
	return in, ok
}

// TestNotFoundPage: the 404 page points to what every reader has, on a
// phone too: the home page and the menu's pages, not a sidebar.
func TestNotFoundPage(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md":     "# Home\n",
		"content/promises/a.md": "+++\npromise = \"A.\"\n+++\n",
	}, Options{})
	html := page(t, out, "404.html")
	for _, want := range []string{
		`<a href="./">Go to the home page</a>`,
		`<a href="alignment/">Alignment</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if strings.Contains(html, "on the left") {
		t.Error("404.html points to a sidebar on the left, which phones do not show")
	}
}

// TestMetaLine: a page's facts are one short line (owner, reviewed, the
// stale mark); the review interval, tags and edit link are folded below.
func TestMetaLine(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"site.toml":           "edit_url = \"https://git.example.com/edit/{path}\"\n",
		"content/_index.md":   "# Home\n",
		"content/guides/a.md": "+++\ntitle = \"A\"\nowner = \"Sales Ops\"\nreviewed = 2025-01-01\nreview_every = \"90d\"\ntags = [\"onboarding\"]\n+++\nText.\n",
	}, Options{})
	html := page(t, out, "guides/a/index.html")
	line, ok := between(html, `<p class="meta-line">`, "</p>")
	if !ok {
		t.Fatal("the page has no meta line")
	}
	for _, want := range []string{"Sales Ops", `<time datetime="2025-01-01">1 Jan 2025</time>`, "Review overdue"} {
		if !strings.Contains(line, want) {
			t.Errorf("the meta line lacks %q: %s", want, line)
		}
	}
	for _, folded := range []string{"90d", "onboarding", "Edit this page"} {
		if strings.Contains(line, folded) {
			t.Errorf("the meta line shows %q, which belongs folded: %s", folded, line)
		}
	}
	more, ok := between(html, `<details class="meta-more">`, "</details>")
	if !ok {
		t.Fatal("the page has no folded facts")
	}
	for _, want := range []string{"every 90 days, next by", `href="../../tags/onboarding/"`, "Edit this page"} {
		if !strings.Contains(more, want) {
			t.Errorf("the folded facts lack %q: %s", want, more)
		}
	}
}

// TestPromisePage: the promise page lists each related page once, the
// behaviours in the chain with their summaries, the rest before the
// pager; a gap names who closes it, the promise's owner.
func TestPromisePage(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md": "# Home\n",
		"content/promises/fast.md": "+++\ntitle = \"Fast\"\npromise = \"Hear back today.\"\nexpectation = \"A call before 6 pm.\"\n" +
			"channels = [\"van livery\"]\nowner = \"Service Ops\"\n+++\nText.\n",
		"content/promises/slow.md":          "+++\ntitle = \"Slow\"\npromise = \"Later.\"\n+++\n",
		"content/behaviours/sales/quote.md": "+++\ntitle = \"Quote\"\ndescription = \"Quote in writing, same day.\"\nstage = \"sales\"\nfulfils = [\"fast\"]\n+++\n",
		"content/faqs/when.md":              "+++\nquestion = \"When?\"\npromises = [\"fast\"]\n+++\n",
	}, Options{})
	html := page(t, out, "promises/fast/index.html")
	main, ok := between(html, "<main", "</main>")
	if !ok {
		t.Fatal("no <main>")
	}
	for _, tt := range []struct {
		what, text string
		want       int
	}{
		{"the sales behaviour", `href="../../behaviours/sales/quote/"`, 1},
		{"its summary", `<span class="step-summary">Quote in writing, same day.</span>`, 1},
		{"the FAQ", `href="../../faqs/when/"`, 1},
		{"the channels", "van livery", 1},
		{"the title", ">Fast<", 1},
		{"who closes the service gap", "To close it: Service Ops, who owns this promise.", 1},
	} {
		if n := strings.Count(main, tt.text); n != tt.want {
			t.Errorf("%s (%s) is on the page %d times, want %d", tt.what, tt.text, n, tt.want)
		}
	}
	faq, pager := strings.Index(main, `href="../../faqs/when/"`), strings.Index(main, `class="pager"`)
	if pager < 0 || faq > pager {
		t.Errorf("the related FAQ (at %d) is not before the pager (at %d)", faq, pager)
	}
	if strings.Contains(main, "Service behaviours") || strings.Contains(main, "Sales behaviours") {
		t.Error("the behaviours are listed again below the chain")
	}
	if slow := page(t, out, "promises/slow/index.html"); !strings.Contains(slow, "No owner is named to close it") {
		t.Error("a gap of a promise without an owner does not say that nobody owns closing it")
	}
}

// TestHomePage: the home page starts with its start list, then the
// chain's health in one line leading to Alignment; each count is shown
// once.
func TestHomePage(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md":               "+++\ntitle = \"Home\"\nstart = [\"week\", \"fast\"]\n+++\nWelcome.\n",
		"content/guides/week.md":          "+++\ntitle = \"Your first week\"\ndescription = \"Read this first.\"\n+++\n",
		"content/promises/fast.md":        "+++\ntitle = \"Fast\"\npromise = \"Fast.\"\nexpectation = \"Soon.\"\n+++\n",
		"content/promises/slow.md":        "+++\ntitle = \"Slow\"\npromise = \"Slow.\"\nexpectation = \"Later.\"\n+++\n",
		"content/behaviours/sales/a.md":   "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\n+++\n",
		"content/behaviours/service/b.md": "+++\nstage = \"service\"\nfulfils = [\"fast\"]\n+++\n",
	}, Options{})
	html := page(t, out, "index.html")
	start, ok := between(html, `<section class="start"`, "</section>")
	if !ok {
		t.Fatal("the home page has no start list")
	}
	week, fast := strings.Index(start, `<a href="guides/week/">Your first week</a><p>Read this first.</p>`), strings.Index(start, `<a href="promises/fast/">Fast</a>`)
	if week < 0 || fast < week {
		t.Errorf("the start list does not list the first week, then the promise, in order:\n%s", start)
	}
	if s, w := strings.Index(html, `<section class="start"`), strings.Index(html, "Welcome."); s > w {
		t.Error("the start list comes after the home page's text")
	}
	health, ok := between(html, `<p class="chain-health">`, "</p>")
	if !ok {
		t.Fatal("the home page has no line on the chain's health")
	}
	for _, want := range []string{`<a href="alignment/">1 of 2 promises connected to the front line</a>`, `<span class="badge badge-disconnected">1 disconnected</span>`} {
		if !strings.Contains(health, want) {
			t.Errorf("the chain's health lacks %s:\n%s", want, health)
		}
	}
	if strings.Contains(html, `class="stat`) {
		t.Error("the home page still shows count tiles")
	}
}

// TestMentionedOn: a page lists the pages whose text links to it, by
// type, before the pager; a page already listed through a relation is
// not listed again.
func TestMentionedOn(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md":          "# Home\n",
		"content/promises/fast.md":   "+++\ntitle = \"Fast\"\npromise = \"Hear back today.\"\n+++\nText.\n",
		"content/faqs/when.md":       "+++\ntitle = \"When\"\nquestion = \"When?\"\npromises = [\"fast\"]\n+++\nSee [fast](../promises/fast.md) and [the glossary](../guides/glossary.md).\n",
		"content/guides/glossary.md": "# Glossary\n\nText.\n",
		"content/guides/week.md":     "# Week\n\nRead [the glossary](glossary.md) and [fast](../promises/fast.md).\n",
	}, Options{})
	glossary, _ := between(page(t, out, "guides/glossary/index.html"), "<main", "</main>")
	mentions, ok := between(glossary, `<h2 id="pb-mentions">Mentioned on</h2>`, "</section>")
	if !ok {
		t.Fatalf("the glossary has no Mentioned on:\n%s", glossary)
	}
	want := `<h3>FAQs</h3>
  <ul><li><a href="../../faqs/when/">When</a></li></ul>
  <h3>Pages</h3>
  <ul><li><a href="../week/">Week</a></li></ul>`
	if strings.TrimSpace(mentions) != want {
		t.Errorf("Mentioned on is\n%s\nwant\n%s", mentions, want)
	}
	if m, p := strings.Index(glossary, "pb-mentions"), strings.Index(glossary, `class="pager"`); p < 0 || m > p {
		t.Errorf("Mentioned on (at %d) is not before the pager (at %d)", m, p)
	}
	fast, _ := between(page(t, out, "promises/fast/index.html"), "<main", "</main>")
	if n := strings.Count(fast, `href="../../faqs/when/"`); n != 1 {
		t.Errorf("the FAQ, related and linking, is on the promise page %d times, want 1", n)
	}
	if n := strings.Count(fast, `href="../../guides/week/"`); n != 1 {
		t.Errorf("the page linking to the promise is on it %d times, want 1", n)
	}
}

// TestTagLink: a tag named as a page spells it links to the tag's page,
// from a page at any depth.
func TestTagLink(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":   {Data: []byte("# Home\n")},
		"content/guides/a.md": {Data: []byte("+++\ntitle = \"A\"\ntags = [\"Price & Plans\"]\n+++\nText.\n")},
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 || len(s.Tags) != 1 {
		t.Fatalf("load: %v, tags %v", problems, s.Tags)
	}
	tag := s.Tags[0].URL
	for _, tc := range []struct{ from, name, want string }{
		{"", "Price & Plans", tag},
		{"guides/a/", "Price & Plans", "../../" + tag},
		{"guides/page/2/", "price & plans", "../../../" + tag},
		{tag, "Price & Plans", "./"},
	} {
		d := &Data{URL: tc.from}
		if got := d.TagLink(tc.name); got != tc.want {
			t.Errorf("from %q, TagLink(%q) = %q, want %q", tc.from, tc.name, got, tc.want)
		}
	}
}

// TestLastChangeAndUncommitted: a page's footer and its About this page
// say when its file was last committed; a page edited since says it has
// changes not yet committed, and a page never committed says that alone,
// in both places, which agree.
func TestLastChangeAndUncommitted(t *testing.T) {
	when := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	last := map[string]gitrepo.LastChange{
		"content/committed.md": {Commit: "abc1234", When: when, Author: "Ann Author"},
		"content/edited.md":    {Commit: "abc1234", When: when, Author: "Ann Author"},
	}
	out := renderFiles(t, map[string]string{
		"content/_index.md":    "# Home\n",
		"content/committed.md": "# Committed\n",
		"content/edited.md":    "# Edited\n",
		"content/new.md":       "# New\n",
	}, Options{LastChange: last, Uncommitted: map[string]bool{"content/edited.md": true, "content/new.md": true}})
	for _, c := range []struct{ page, footer, changed string }{
		{"committed/index.html",
			`This page last changed <time datetime="2026-03-14">14 Mar 2026</time> by Ann Author (commit <code>abc1234</code>)`,
			`<dt>Changed</dt><dd><time datetime="2026-03-14">14 Mar 2026</time></dd>`},
		{"edited/index.html",
			`This page has changes not yet committed; last committed <time datetime="2026-03-14">14 Mar 2026</time> by Ann Author (commit <code>abc1234</code>)`,
			`<dt>Changed</dt><dd>not yet committed</dd>`},
		{"new/index.html", `This page is not yet committed`, `<dt>Changed</dt><dd>not yet committed</dd>`},
	} {
		html := page(t, out, c.page)
		footer, _ := between(html, `<p class="footer-change">`, `</p>`)
		if footer != c.footer {
			t.Errorf("%s: footer %q, want %q", c.page, footer, c.footer)
		}
		if !strings.Contains(html, c.changed) {
			t.Errorf("%s: About this page lacks %s", c.page, c.changed)
		}
	}
}
