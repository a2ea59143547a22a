package site

import (
	"slices"
	"strings"
	"testing"
)

// TestWikiLinks: a wiki's links by a page's name ([[Page Name]],
// [[text|Page Name]], [[Page Name#Section]]) lead to the page whose file
// is named so, hyphens for spaces, in any folder and case; one that names
// no page is a broken link, quoted as written; [[_TOC_]] shows nothing,
// the page showing its own table of contents.
func TestWikiLinks(t *testing.T) {
	wiki := map[string]string{
		"content/Buyer-Personas.md":            "# Buyer personas\n\nWho buys.\n",
		"content/sales/Discovery-Questions.md": "# Discovery questions\n\n## Pain Questions\n\nWhat hurts?\n",
	}
	const fm = "+++\ntitle = \"P\"\n+++\nIntro.\n\nSee "
	checkLinkCases(t, wiki, fm, []linkCase{
		{"a page's name", "[[Buyer Personas]]", `<a href="../../buyer-personas/">Buyer Personas</a>`, ""},
		{"text, then the name", "[[the persona sheet|Buyer Personas]]", `<a href="../../buyer-personas/">the persona sheet</a>`, ""},
		{"in another folder, with a section", "[[Discovery Questions#Pain Questions]]", `<a href="../../sales/discovery-questions/#pain-questions">Discovery Questions#Pain Questions</a>`, ""},
		{"in lower case, with hyphens", "[[buyer-personas]]", `<a href="../../buyer-personas/">buyer-personas</a>`, ""},
		{"the table of contents", "this.\n\n[[_TOC_]]\n\nEnd.", "<p>See this.</p>\n<p>End.</p>", ""},
		{"a link around brackets", "[[x]](../Buyer-Personas.md)", `<a href="../../buyer-personas/">[x]</a>`, ""},
		{"in code", "`[[Buyer Personas]]`", `<code>[[Buyer Personas]]</code>`, ""},
		{"a section written with punctuation", "[[Discovery Questions#Pain Questions?]]", `href="../../sales/discovery-questions/#pain-questions"`, ""},
		{"a section of this page", "[[#Local Part]]\n\n## Local part", `href="#local-part"`, ""},
		{"no such page", "[[Pricing Matrix]]", "",
			`content/guides/p.md:6:5: broken link [[Pricing Matrix]]: no page is named "Pricing Matrix": a wiki link names a page by its file name, Pricing-Matrix.md`},
		{"no such section", "[[Buyer Personas#Budget]]", "",
			`content/guides/p.md:6:5: broken link [[Buyer Personas#Budget]]: content/Buyer-Personas.md has no heading with id "budget"`},
	})
}

// TestWikiEmbeds: Obsidian's embeds, ![[...]], of an image are the image,
// found by its file's name in any folder and case (the page's own folder
// first) or by its path, sized by a number after "|" or described by a
// text there; of a note or another file, a link to it; a wiki link to a
// file leads to it, and a page's name with a dot is still a page's.
func TestWikiEmbeds(t *testing.T) {
	files := map[string]string{
		"content/Buyer-Personas.md":     "# Buyer personas\n\nWho buys.\n",
		"content/Plan-2.0.md":           "# Plan 2.0\n\nNext year.\n",
		"content/attachments/Chart.png": "png",
		"content/attachments/local.png": "png",
		"content/guides/local.png":      "png",
		"content/docs/report.pdf":       "pdf",
	}
	const fm = "+++\ntitle = \"P\"\n+++\nIntro.\n\nSee "
	checkLinkCases(t, files, fm, []linkCase{
		{"an image by its name", "![[chart.PNG]]", `<img src="../../attachments/Chart.png" alt="chart">`, ""},
		{"an image in the page's folder first", "![[local.png]]", `<img src="../local.png" alt="local">`, ""},
		{"an image by its path", "![[attachments/local.png]]", `<img src="../../attachments/local.png" alt="local">`, ""},
		{"an image's width", "![[Chart.png|300]]", `<img src="../../attachments/Chart.png" alt="Chart" width="300">`, ""},
		{"an image's width and height", "![[Chart.png|300x200]]", `<img src="../../attachments/Chart.png" alt="Chart" width="300" height="200">`, ""},
		{"an image's text", "![[Chart.png| Sales by month ]]", `<img src="../../attachments/Chart.png" alt="Sales by month">`, ""},
		{"a note", "![[Buyer Personas]]", `<a href="../../buyer-personas/">Buyer Personas</a>`, ""},
		{"a note with text", "![[Buyer Personas|who buys]]", `<a href="../../buyer-personas/">who buys</a>`, ""},
		{"a document", "![[report.pdf]]", `<a href="../../docs/report.pdf">report.pdf</a>`, ""},
		{"a wiki link to a file", "[[report.pdf]]", `<a href="../../docs/report.pdf">report.pdf</a>`, ""},
		{"a page's name with a dot", "[[Plan 2.0]]", `<a href="../../plan-2-0/">Plan 2.0</a>`, ""},
		{"not an embed", "![[]] and ![[a", `See ![[]] and ![[a`, ""},
		{"an image no file has", "![[Missing.png]]", "",
			`content/guides/p.md:6:5: broken link ![[Missing.png]]: no file is named "Missing.png" in content/`},
	})
}

// A linkCase is a link written on a page, and what it makes.
type linkCase struct {
	name, link string
	// html is a piece of the page's HTML, or problem the start of the
	// one problem of the site.
	html, problem string
}

// checkLinkCases writes each case's link on a page of the site of files,
// after fm, and checks what it makes.
func checkLinkCases(t *testing.T, files map[string]string, fm string, cases []linkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, problems := loadFiles(t, with(files, "content/guides/p.md", fm+tc.link+"\n"))
			got := problemLines(problems)
			if tc.problem != "" {
				if len(got) != 1 || !strings.HasPrefix(got[0], tc.problem) {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.problem)
				}
				return
			}
			if len(got) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
			}
			wantHTML(t, s, "content/guides/p.md", tc.html)
		})
	}
}

// TestWikiLinksPageFirst: with [markdown] wiki = "page-first", a wiki
// link names its page first, as MediaWiki and Obsidian write it; a value
// of the setting other than the two is an error at its line.
func TestWikiLinksPageFirst(t *testing.T) {
	files := map[string]string{
		"site.toml":                 "title = \"T\"\n[markdown]\nwiki = \"page-first\"\n",
		"content/Buyer-Personas.md": "# Buyer personas\n\n## Budget\n\nWho buys.\n",
		"content/guides/p.md":       "# P\n\nSee [[Buyer Personas|the persona sheet]], [[Buyer Personas#Budget|what they spend]] and [[Buyer Personas]].\n",
	}
	s, problems := loadFiles(t, files)
	if got := problemLines(problems); len(got) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	wantHTML(t, s, "content/guides/p.md", `<a href="../../buyer-personas/">the persona sheet</a>, <a href="../../buyer-personas/#budget">what they spend</a> and <a href="../../buyer-personas/">Buyer Personas</a>`)
	// Written the other way round from how the site reads them, a link
	// whose text names a page says so, with the setting.
	files["content/guides/q.md"] = "# Q\n\nSee [[the persona sheet|Buyer Personas]].\n"
	_, problems = loadFiles(t, files)
	want := `content/guides/q.md:3:5: broken link [[the persona sheet]]: no page is named "the persona sheet": a wiki link names a page by its file name, the-persona-sheet.md; its text names a page: [[text|Page]] is read page first here, as [markdown] wiki = "page-first" in site.toml says`
	if got := problemLines(problems); !slices.Equal(got, []string{want}) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	delete(files, "content/guides/q.md")
	files["site.toml"] = "title = \"T\"\n"
	_, problems = loadFiles(t, files)
	want = `content/guides/p.md:3:5: broken link [[the persona sheet]]: no page is named "the persona sheet": a wiki link names a page by its file name, the-persona-sheet.md; its text names a page: for links written page first, [[Page|text]], as MediaWiki and Obsidian write them, set [markdown] wiki = "page-first" in site.toml`
	if got := problemLines(problems); len(got) != 2 || got[0] != want {
		t.Errorf("problems:\n%s\nwant first:\n%s", strings.Join(got, "\n"), want)
	}
	files["site.toml"] = "title = \"T\"\n[markdown]\nwiki = \"obsidian\"\n"
	_, problems = loadFiles(t, files)
	want = `site.toml:3: markdown: wiki = "obsidian": want "text-first" ([[text|Page]], as GitHub's wikis write links) or "page-first" ([[Page|text]], as MediaWiki and Obsidian do)`
	if got := problemLines(problems); !slices.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestHomeBesideAnIndexFile: a home.md where content/ has an index file
// is a page as any, of the type its front matter sets, under its own id.
func TestHomeBesideAnIndexFile(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(), "content/README.md", "# Handbook\n",
		"content/home.md", "+++\nid = \"home-promise\"\ntype = \"promise\"\npromise = \"Home visits.\"\nexpectation = \"A visit.\"\n+++\n"))
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("problem: %v", p)
		}
	}
	if p := s.ByID("home-promise"); p == nil || p.IsSection || p.Type != TypePromise {
		t.Errorf("home.md = %+v, want a promise", p)
	}
}

// TestWikiHome: a wiki's Home.md is the home page where content/ has no
// index file, and [[Home]] leads there; its _Sidebar.md and _Footer.md,
// the frame of its pages, are not pages.
func TestWikiHome(t *testing.T) {
	s, problems := loadFiles(t, map[string]string{
		"content/Home.md":           "# Sales wiki\n\nStart with [[Buyer Personas]].\n",
		"content/Buyer-Personas.md": "# Buyer personas\n\nBack [[Home]].\n",
		"content/_Sidebar.md":       "[[Home]]\n",
		"content/_Footer.md":        "Footer.\n",
	})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if s.Home.File != "content/Home.md" || s.Home.Title != "Sales wiki" {
		t.Errorf("home = %s, %q; want content/Home.md, \"Sales wiki\"", s.Home.File, s.Home.Title)
	}
	if len(s.Pages) != 2 {
		var files []string
		for _, p := range s.Pages {
			files = append(files, p.File)
		}
		t.Errorf("pages %v, want the home and the personas", files)
	}
	wantHTML(t, s, "content/Buyer-Personas.md", `<a href="../">Home</a>`)
}

// TestPageBesideItsFolder: a page beside a folder of its name with no
// index file, as a wiki or a notes tool exports a page and the pages
// under it, is the folder's page, and links written for those tools,
// from the page's file and to it, lead where they meant.
func TestPageBesideItsFolder(t *testing.T) {
	s, problems := loadFiles(t, map[string]string{
		"content/Pricing 3f2a.md":                      "# Pricing\n\nSee [the matrix](Pricing%203f2a/Discount%20Matrix%20b71c.md).\n",
		"content/Pricing 3f2a/Discount Matrix b71c.md": "# Discount matrix\n\nUp: [Pricing](../Pricing%203f2a.md).\n",
	})
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	sec := s.ByFile("content/Pricing 3f2a.md")
	if sec == nil || !sec.IsSection || sec.URL != "pricing-3f2a/" || sec.Title != "Pricing" || len(sec.Children) != 1 || sec.ID != "pricing-3f2a" {
		t.Fatalf("the page = %+v, want the folder's page, at pricing-3f2a/, with its page, its id its file's", sec)
	}
	// Links and wiki links name it as the page it was.
	guide, problems := loadFiles(t, map[string]string{
		"content/guides/onboarding.md":         "# Onboarding\n",
		"content/guides/onboarding/day-one.md": "# Day one\n\nBack to [[Onboarding]] and [the guide](../onboarding.md).\n",
		"content/promises/fast.md":             "+++\npromise = \"Fast.\"\nexpectation = \"Soon.\"\n+++\n",
		"content/promises/fast/evidence.md":    "# Evidence\n",
	})
	got := problemLines(problems)
	// A promise is not a folder's page: it keeps its chain, and the
	// clash is told.
	if want := "content/promises/fast.md:1: the page fast.md and the folder fast/ would have the same URL"; len(got) == 0 || !strings.HasPrefix(got[0], want) {
		t.Errorf("problems:\n%s\nwant first %s", strings.Join(got, "\n"), want)
	}
	wantHTML(t, guide, "content/guides/onboarding/day-one.md", `<a href="../">Onboarding</a> and <a href="../">the guide</a>`)
	for file, want := range map[string]string{
		"content/Pricing 3f2a.md":                      `href="discount-matrix-b71c/"`,
		"content/Pricing 3f2a/Discount Matrix b71c.md": `href="../"`,
	} {
		wantHTML(t, s, file, want)
	}
}

// TestHugoURLs: Hugo's slug and url set a page's URL, and a link written
// as a page's alias leads to the page; a url that cannot be a page's is
// warned of and not used.
func TestHugoURLs(t *testing.T) {
	s, problems := loadFiles(t, map[string]string{
		"content/sales/demo.md":        "---\ntitle: Demo\nslug: demo-playbook\naliases: [/sales/demos/]\n---\nSee [closing](/negotiate/).\n",
		"content/sales/closing/neg.md": "---\ntitle: Negotiation\nurl: /negotiate/\n---\nBack to [the demos](/sales/demos/).\n",
		"content/sales/bad.md":         "---\ntitle: Bad\nurl: /x.html\n---\n",
	})
	got := problemLines(problems)
	if want := `content/sales/bad.md:3: warning: url "/x.html" is not used`; len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("problems:\n%s\nwant %s", strings.Join(got, "\n"), want)
	}
	// A URL playbook keeps, or another page's, is told at the key.
	_, problems = loadFiles(t, map[string]string{
		"content/a.md":        "---\ntitle: A\ntags: [sales]\nurl: /tags/sales/\n---\n",
		"content/guides/b.md": "---\ntitle: B\n\nslug: c\n---\n",
		"content/guides/c.md": "# C\n",
	})
	got = problemLines(problems)
	for _, want := range []string{
		`content/a.md:4: warning: url "/tags/sales/" is not used: playbook publishes pages of its own at /tags/sales/`,
		`content/guides/b.md:4: slug gives this page the URL /guides/c/, which content/guides/c.md has too`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("want %s in:\n%s", want, strings.Join(got, "\n"))
		}
	}
	for file, url := range map[string]string{"content/sales/demo.md": "sales/demo-playbook/", "content/sales/closing/neg.md": "negotiate/", "content/sales/bad.md": "sales/bad/"} {
		if p := s.ByFile(file); p == nil || p.URL != url {
			t.Errorf("%s at %v, want %s", file, p, url)
		}
	}
	for file, want := range map[string]string{
		"content/sales/demo.md":        `href="../../negotiate/"`,
		"content/sales/closing/neg.md": `href="../sales/demo-playbook/"`,
	} {
		wantHTML(t, s, file, want)
	}
}

// TestHugoFigure: a figure's image is an image of the page, found and
// checked as any: beside a bundle's page, or a broken link at its line.
func TestHugoFigure(t *testing.T) {
	s, problems := loadFiles(t, map[string]string{
		"content/sales/deck/index.md":  "# Deck\n\n{{< figure src=\"chart.png\" caption=\"Wins by quarter\" >}}\n\n{{< figure src=\"gone.png\" >}}\n",
		"content/sales/deck/chart.png": "PNG",
	})
	got := problemLines(problems)
	if want := `content/sales/deck/index.md:5:1: broken link "gone.png"`; len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("problems:\n%s\nwant %s", strings.Join(got, "\n"), want)
	}
	wantHTML(t, s, "content/sales/deck/index.md", `<img src="chart.png" alt="Wins by quarter">`)
}

// TestHugoSummary: Hugo's summary is a page's description where it has
// none.
func TestHugoSummary(t *testing.T) {
	s, _ := loadFiles(t, map[string]string{
		"content/a.md": "---\ntitle: A\nsummary: How we qualify.\n---\n",
		"content/b.md": "---\ntitle: B\nsummary: Not this.\ndescription: This.\n---\n",
	})
	if got := s.ByID("a").Description; got != "How we qualify." {
		t.Errorf("a: %q", got)
	}
	if got := s.ByID("b").Description; got != "This." {
		t.Errorf("b: %q", got)
	}
}

// problemLines returns the problems as printed, a string each.
func problemLines(ps Problems) []string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	return lines
}

// wantHTML fails t unless the HTML of the page of file holds want.
func wantHTML(t *testing.T, s *Site, file, want string) {
	t.Helper()
	html, err := s.Markdown.RenderString(s.ByFile(file).Doc)
	if err != nil || !strings.Contains(html, want) {
		t.Errorf("%s: %v, want %s in\n%s", file, err, want, html)
	}
}
