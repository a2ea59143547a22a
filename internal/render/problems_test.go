package render

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// TestLayoutErrorsAreProblems: a theme's faults come back as problems at
// their file and line (errors.As), and print as they always have.
func TestLayoutErrorsAreProblems(t *testing.T) {
	for _, c := range []struct {
		name   string
		layout string            // layouts/page.html of the site
		files  map[string]string // more files of the site
		theme  fstest.MapFS
		want   site.Problem
		text   string // the start of the error's text
		end    string // and its end
	}{
		{
			name:   "a layout that does not parse is at its line",
			layout: "{{define \"main\"}}\n\n{{if}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 3, Msg: "missing value for if"},
			text:   "layouts/page.html:3: missing value for if",
		},
		{
			name:   "a block left open says what it lacks",
			layout: "{{define \"main\"}}\n{{if .Content}}<p>{{.Content}}</p>\n{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 4, Msg: "unexpected EOF: an {{if}}, {{range}}, {{with}}, {{block}} or {{define}} above has no {{end}}"},
			text:   "layouts/page.html:4: unexpected EOF: an {{if}}",
		},
		{
			name:   "a layout failing on a page is at its line and column, naming the page",
			layout: "{{define \"main\"}}\n  {{.Nope}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 4},
			text:   "layouts/page.html:2:4: executing \"main\" at <.Nope>: can't evaluate field Nope",
			end:    " (rendering content/a.md)",
		},
		{
			name:   "a part cached with a page's data is refused at its line",
			layout: "{{define \"main\"}}\n{{cached \"partials/toc.html\" .}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 2},
			text:   "layouts/page.html:2:2: executing \"main\" at <cached \"partials/toc.html\" .>: error calling cached: cached: the data of a cached part must be .Frame",
			end:    " (rendering content/a.md)",
		},
		{
			name:   "a cached part that is not there is named",
			layout: "{{define \"main\"}}\n{{cached \"partials/nope.html\" .Frame}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 2},
			text:   "layouts/page.html:2:2: executing \"main\" at <cached \"partials/nope.html\" .Frame>: error calling cached: html/template: \"partials/nope.html\" is undefined",
			end:    " (rendering content/a.md)",
		},
		{
			name:  "a cached part failing is at its own line, not at its caller's",
			files: map[string]string{"layouts/partials/frame-footer.html": "<p>\n  {{.Nope}}</p>\n"},
			want:  site.Problem{File: "layouts/partials/frame-footer.html", Line: 2, Col: 4},
			text:  "layouts/partials/frame-footer.html:2:4: executing \"partials/frame-footer.html\" at <.Nope>: can't evaluate field Nope",
		},
		{
			name:  "a cached part calling a part that is not there is at its own line",
			files: map[string]string{"layouts/partials/frame-footer.html": "<p>\n{{template \"partials/nope.html\" .}}</p>\n"},
			want:  site.Problem{File: "layouts/partials/frame-footer.html", Line: 2, Col: 11},
			text:  "layouts/partials/frame-footer.html:2:11: no such template \"partials/nope.html\"",
		},
		{
			name:   "a field mistyped is at its line, with the name meant, of a page's data or a page",
			layout: "{{define \"main\"}}\n{{.Titel}}{{.Page.Ownr}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 2},
			text:   "layouts/page.html:2:2: executing \"main\" at <.Titel>: can't evaluate field Titel in type *render.Data: did you mean Title?",
			end:    " (rendering content/a.md)",
		},
		{
			name:   "a field of a page mistyped names the page's field meant",
			layout: "{{define \"main\"}}\n{{.Page.Ownr}}{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 7},
			text:   "layouts/page.html:2:7: executing \"main\" at <.Page.Ownr>: can't evaluate field Ownr in type *site.Page: did you mean Owner?",
			end:    " (rendering content/a.md)",
		},
		{
			name:   "an asset that is not there is at its line, with the name meant",
			layout: "{{define \"main\"}}\n<link href=\"{{.Asset \"assets/playbok.css\"}}\">{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 14},
			text:   "layouts/page.html:2:14: executing \"main\" at <.Asset>: error calling Asset: asset \"assets/playbok.css\": no such file in static/ of the theme or the site: did you mean \"assets/playbook.css\"?",
			end:    " (rendering content/a.md)",
		},
		{
			name:   "a word's key unknown in English is at its line, with the key meant",
			layout: "{{define \"main\"}}\n<p>{{T \"skip_to_contnet\"}}</p>{{end}}\n",
			want:   site.Problem{File: "layouts/page.html", Line: 2, Col: 5},
			text:   "layouts/page.html:2:5: executing \"main\" at <T \"skip_to_contnet\">: error calling T: T \"skip_to_contnet\": no such key in i18n/en.toml of the site, its theme or the default theme: did you mean \"skip_to_content\"?",
			end:    " (rendering content/a.md)",
		},
		{
			name:  "a language file that is not TOML is at its line",
			files: map[string]string{"i18n/en.toml": "next = \"Onward\"\nprevious = Back\n"},
			want:  site.Problem{File: "i18n/en.toml", Line: 2, Msg: "expected value but found \"Back\" instead"},
			text:  "i18n/en.toml:2: expected value but found \"Back\" instead",
		},
		{
			name:  "a missing layout is its file, with no line",
			theme: fstest.MapFS{"layouts/base.html": {Data: []byte(`{{template "main" .}}`)}},
			want:  site.Problem{File: "layouts/home.html", Msg: "missing: the theme must have it"},
			text:  "layouts/home.html: missing: the theme must have it",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.toml":         {Data: []byte("title = \"T\"\n")},
				"content/_index.md": {Data: []byte("# Home\n")},
				"content/a.md":      {Data: []byte("# A\n")},
			}
			if c.layout != "" {
				fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(c.layout)}
			}
			for name, text := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			s, problems := site.Load(fsys, site.Options{Now: testNow})
			if problems.Errors() > 0 {
				t.Fatal(problems)
			}
			var theme fs.FS = c.theme
			if c.theme == nil {
				var err error
				if theme, err = Theme(fsys, "default"); err != nil {
					t.Fatal(err)
				}
			}
			r, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow})
			if err == nil {
				err = r.Render(t.Context(), NewMemOutput())
			}
			var pe *site.ProblemError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is no problem", err, err)
			}
			got := pe.Problem
			if c.want.Msg == "" {
				got.Msg = "" // long and Go's own: the text is checked below
			}
			if got != c.want {
				t.Errorf("problem %+v, want %+v", pe.Problem, c.want)
			}
			if !strings.HasPrefix(err.Error(), c.text) || !strings.HasSuffix(err.Error(), c.end) {
				t.Errorf("text %q, want it to start %q and end %q", err, c.text, c.end)
			}
		})
	}
}

// TestShadowedStaticFiles: a static file a file of the site is published
// over fails the build, and playbook check, at the static file, naming
// what is published there; a static file nothing covers is published.
func TestShadowedStaticFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                          {Data: []byte("title = \"T\"\ntheme = \"corp\"\n")},
		"content/_index.md":                  {Data: []byte("# Home\n")},
		"content/guides/a.md":                {Data: []byte("# A\n")},
		"content/guides/b.md":                {Data: []byte("+++\naliases = [\"old/\"]\n+++\n# B\n")},
		"content/robots.txt":                 {Data: []byte("content\n")},
		"static/guides/a/index.html":         {Data: []byte("static\n")},
		"static/old/index.html":              {Data: []byte("static\n")},
		"static/robots.txt":                  {Data: []byte("static\n")},
		"static/guides/a/notes.txt":          {Data: []byte("kept\n")},
		"themes/corp/static/tags/index.html": {Data: []byte("theme\n")},
	}
	want := []string{
		"static/guides/a/index.html: not published: the page content/guides/a.md is published there, at /guides/a/; rename or remove the static file",
		"static/old/index.html: not published: a redirect to /guides/b/ is published there; rename or remove the static file",
		"static/robots.txt: not published: content/robots.txt is published there; rename or remove the static file",
		"themes/corp/static/tags/index.html: not published: playbook generates the page /tags/ there (its layout changes it); rename or remove the static file",
	}
	theme, err := Theme(fsys, "corp")
	if err != nil {
		t.Fatal(err)
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	_, err = New(s, Options{Source: fsys, Theme: theme, Now: testNow})
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("New: %v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	var pe *site.ProblemError
	if !errors.As(err, &pe) || pe.File != "static/guides/a/index.html" {
		t.Errorf("New's error holds no problem at the first file: %#v", pe)
	}

	// playbook check loads the site for its problems alone.
	s, _ = site.Load(fsys, site.Options{Now: testNow, ParseOnly: true})
	var got []string
	for _, p := range Check(s, Options{Source: fsys, Theme: theme, Now: testNow}) {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without the four, the site builds, with the static file beside.
	for _, name := range []string{"static/guides/a/index.html", "static/old/index.html", "static/robots.txt", "themes/corp/static/tags/index.html"} {
		delete(fsys, name)
	}
	s, _ = site.Load(fsys, site.Options{Now: testNow})
	r, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := r.File("guides/a/notes.txt"); err != nil || string(b) != "kept\n" {
		t.Errorf("guides/a/notes.txt: %q, %v", b, err)
	}
	if ps := Check(s, Options{Source: fsys, Theme: theme, Now: testNow}); len(ps) != 0 {
		t.Errorf("Check of a good site: %v", ps)
	}
}

// TestCheckRendersEachLayout: Check renders a file of each layout,
// without the Markdown's HTML a site loaded for its problems lacks: a good
// theme passes on pages of every kind, and a layout failing on its page
// is found, at its line.
func TestCheckRendersEachLayout(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                       {Data: []byte("title = \"T\"\n")},
		"content/_index.md":               {Data: []byte("# Home\n")},
		"content/guides/a.md":             {Data: []byte("+++\ntags = [\"x\"]\naliases = [\"old/\"]\n+++\n# A\n\n## Part\n\nText.\n")},
		"content/promises/p.md":           {Data: []byte("+++\npromise = \"We call.\"\nexpectation = \"A call.\"\n+++\n")},
		"content/behaviours/sales/b.md":   {Data: []byte("+++\nstage = \"sales\"\nfulfils = [\"p\"]\nroles = [\"advisor\"]\n+++\n")},
		"content/faqs/q.md":               {Data: []byte("+++\nquestion = \"Why?\"\n+++\nBecause.\n")},
		"content/competitors/c.md":        {Data: []byte("+++\ncompetitor = \"C\"\n+++\n")},
		"content/campaigns/w.md":          {Data: []byte("+++\nstarts = 2026-01-01\nends = 2026-02-01\n+++\n")},
		"content/behaviours/service/s.md": {Data: []byte("+++\nstage = \"service\"\nfulfils = [\"p\"]\n+++\n")},
		"content/standards/st.md":         {Data: []byte("+++\nroles = [\"advisor\"]\n+++\n")},
		"content/personas/pe.md":          {Data: []byte("+++\nrole = \"Owner\"\n+++\n")},
		"content/positioning/po.md":       {Data: []byte("+++\nposition = \"Warm.\"\n+++\n")},
	}
	if ps := checkOf(t, fsys); len(ps) > 0 {
		t.Errorf("a good theme: %v", ps)
	}
	fsys["layouts/faq.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n\n  {{.Nope}}{{end}}\n")}
	ps := checkOf(t, fsys)
	if len(ps) != 1 || ps[0].File != "layouts/faq.html" || ps[0].Line != 3 || !strings.HasSuffix(ps[0].Msg, "(rendering content/faqs/q.md)") {
		t.Errorf("a layout failing on its page: %v", ps)
	}
}

// TestCheckRendersEveryFileOfOwnLayouts: with layouts of the site's own,
// Check renders every file, so that a layout failing on some pages only
// fails check as it fails build; each place that fails is reported once.
func TestCheckRendersEveryFileOfOwnLayouts(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":           {Data: []byte("title = \"T\"\n")},
		"content/_index.md":   {Data: []byte("# Home\n")},
		"content/guides/a.md": {Data: []byte("# A\n")},
		"content/guides/b.md": {Data: []byte("# B\n")},
		"content/guides/c.md": {Data: []byte("# C\n")},
		"layouts/page.html":   {Data: []byte("{{define \"main\"}}\n{{if eq .Title \"B\" \"C\"}}{{.Nope}}{{end}}{{end}}\n")},
	}
	ps := checkOf(t, fsys)
	want := `layouts/page.html:2:26: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Data (rendering content/guides/b.md, and 1 other file)`
	if len(ps) != 1 || ps[0].String() != want {
		t.Errorf("problems %v\nwant %s", ps, want)
	}
}

// TestCheckTakesTheBranchesOfABuild: a layout failing only where a page
// has a body, or code to colour, fails check as it fails build, though
// check renders no Markdown; a page without either does not.
func TestCheckTakesTheBranchesOfABuild(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":              {Data: []byte("title = \"T\"\n")},
		"content/_index.md":      {Data: []byte("# Home\n")},
		"content/guides/code.md": {Data: []byte("# Code\n\n```go\nfunc main() {}\n```\n")},
		"content/guides/text.md": {Data: []byte("# Text\n\n```text\nDear customer,\n```\n")},
		"content/guides/bare.md": {Data: []byte("# Bare\n")},
		"layouts/page.html":      {Data: []byte("{{define \"main\"}}\n{{if .HasCode}}{{.NoCode}}{{end}}\n{{if .Content}}{{.NoBody}}{{end}}{{end}}\n")},
	}
	got := checkTexts(t, fsys)
	want := []string{
		`layouts/page.html:2:17: executing "main" at <.NoCode>: can't evaluate field NoCode in type *render.Data (rendering content/guides/code.md)`,
		`layouts/page.html:3:17: executing "main" at <.NoBody>: can't evaluate field NoBody in type *render.Data (rendering content/guides/text.md)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// And a build fails at the same places.
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	theme, err := Theme(fsys, "default")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, want string }{{"guides/code/index.html", "NoCode"}, {"guides/text/index.html", "NoBody"}, {"guides/bare/index.html", ""}} {
		_, err := r.File(f.name)
		if f.want == "" && err != nil || f.want != "" && (err == nil || !strings.Contains(err.Error(), f.want)) {
			t.Errorf("build of %s: %v, want an error at %q", f.name, err, f.want)
		}
	}
}

// checkTexts returns what checkOf finds, a line each, as check prints it.
func checkTexts(t *testing.T, fsys fstest.MapFS) []string {
	t.Helper()
	var lines []string
	for _, p := range checkOf(t, fsys) {
		lines = append(lines, p.String())
	}
	return lines
}

// checkOf loads fsys for its problems alone, as playbook check does, and
// returns what Check finds with the theme site.toml names.
func checkOf(t *testing.T, fsys fstest.MapFS) site.Problems {
	t.Helper()
	s, problems := site.Load(fsys, site.Options{Now: testNow, ParseOnly: true})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	theme, err := Theme(fsys, s.Config.Theme)
	if err != nil {
		t.Fatal(err)
	}
	return Check(s, Options{Source: fsys, Theme: theme, Now: testNow})
}

// TestThemeLayoutErrorsNameTheirFile: a layout of a theme folder that
// does not parse, or fails on a page, is named by its path in the site,
// not as the site's own layouts/ would hold it.
func TestThemeLayoutErrorsNameTheirFile(t *testing.T) {
	for _, c := range []struct{ layout, want string }{
		{"{{define \"main\"}}\n{{if}}{{end}}\n", "themes/corp/layouts/page.html:2: missing value for if"},
		{"{{define \"main\"}}\n  {{.Nope}}{{end}}\n", "themes/corp/layouts/page.html:2:4: executing \"main\" at <.Nope>"},
	} {
		fsys := fstest.MapFS{
			"site.toml":                     {Data: []byte("title = \"T\"\ntheme = \"corp\"\n")},
			"content/_index.md":             {Data: []byte("# Home\n")},
			"content/a.md":                  {Data: []byte("# A\n")},
			"themes/corp/layouts/page.html": {Data: []byte(c.layout)},
		}
		s, problems := site.Load(fsys, site.Options{Now: testNow})
		if problems.Errors() > 0 {
			t.Fatal(problems)
		}
		theme, err := Theme(fsys, "corp")
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow})
		if err == nil {
			err = r.Render(t.Context(), NewMemOutput())
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("error %v, want it to start %q", err, c.want)
		}
	}
}

// TestLayoutNames: a type's layout written in the plural or the American
// spelling is the type's, over the theme's, and an error in it is at its
// own file; a layout named after nothing playbook renders is a warning
// in check, not silence.
func TestLayoutNames(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                   {Data: []byte("title = \"T\"\n")},
		"content/_index.md":           {Data: []byte("# Home\n")},
		"content/behaviours/quote.md": {Data: []byte("+++\nstage = \"sales\"\n+++\n# Quote\n")},
		"layouts/behaviors.html":      {Data: []byte("{{define \"main\"}}<p class=\"own\">{{.Title}}</p>{{end}}\n")},
		"layouts/promise-page.html":   {Data: []byte("{{define \"main\"}}{{end}}\n")},
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out := renderMem(t, fsys, s, Options{})
	if got := page(t, out, "behaviours/quote/index.html"); !strings.Contains(got, `<p class="own">Quote</p>`) {
		t.Error("the behaviour is not rendered with layouts/behaviors.html")
	}
	got := checkTexts(t, fsys)
	want := "layouts/promise-page.html: warning: no page is rendered with this layout: a layout is named after a kind of page (home.html, section.html, page.html, tag.html, ...) or a type (promise.html, behaviour.html, ...); a part other layouts call goes in layouts/partials/"
	if len(got) != 1 || got[0] != want {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	fsys["layouts/behaviors.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{.Nope}}{{end}}\n")}
	bad := checkTexts(t, fsys)
	if len(bad) == 0 || !strings.HasPrefix(bad[0], "layouts/behaviors.html:2:") {
		t.Errorf("an error in layouts/behaviors.html is told as %q", bad)
	}
}

// TestLayoutNamesAcrossLayers: the site's own layout of a type is used
// over its theme folder's, whatever either's spelling; two spellings in
// one layer use the type's own, and the other is told.
func TestLayoutNamesAcrossLayers(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                     {Data: []byte("title = \"T\"\ntheme = \"corp\"\n")},
		"content/_index.md":             {Data: []byte("# Home\n")},
		"content/faqs/refund.md":        {Data: []byte("+++\nquestion = \"Refund?\"\n+++\n# Refund\n")},
		"content/promises/fast.md":      {Data: []byte("+++\npromise = \"Fast\"\n+++\n# Fast\n")},
		"layouts/faq.html":              {Data: []byte("{{define \"main\"}}<p class=\"site\">{{.Title}}</p>{{end}}\n")},
		"themes/corp/layouts/faqs.html": {Data: []byte("{{define \"main\"}}<p class=\"theme\">{{.Title}}</p>{{end}}\n")},
		"layouts/promise.html":          {Data: []byte("{{define \"main\"}}<p class=\"own\">{{.Title}}</p>{{end}}\n")},
		"layouts/promises.html":         {Data: []byte("{{define \"main\"}}<p class=\"plural\">{{.Title}}</p>{{end}}\n")},
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	theme, err := Theme(fsys, "corp")
	if err != nil {
		t.Fatal(err)
	}
	out := renderMem(t, fsys, s, Options{Theme: theme})
	if got := page(t, out, "faqs/refund/index.html"); !strings.Contains(got, `<p class="site">Refund</p>`) {
		t.Error("the FAQ is not rendered with the site's own layouts/faq.html")
	}
	if got := page(t, out, "promises/fast/index.html"); !strings.Contains(got, `<p class="own">Fast</p>`) {
		t.Error("the promise is not rendered with layouts/promise.html, the type's own spelling")
	}
	got := checkTexts(t, fsys)
	want := "layouts/promises.html: warning: no page is rendered with this layout: promise.html beside it is the same type's, and used; keep one of them"
	if len(got) != 1 || got[0] != want {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestStaticFilesDifferingInCase: two static files whose names differ in
// case alone are warned of, in check and by a build's Renderer: on a
// Windows or macOS share one replaces the other.
func TestStaticFilesDifferingInCase(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"T\"\n")},
		"content/_index.md": {Data: []byte("# Home\n")},
		"static/Logo.PNG":   {Data: []byte("a")},
		"static/logo.PNG":   {Data: []byte("b")},
		"static/logo.svg":   {Data: []byte("c")},
	}
	want := "static/logo.PNG: warning: differs from static/Logo.PNG in case alone: on a Windows or macOS file share, or a host that ignores case, one replaces the other; rename one"
	got := checkTexts(t, fsys)
	if len(got) != 1 || got[0] != want {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	theme, err := Theme(fsys, "default")
	if err != nil {
		t.Fatal(err)
	}
	if ps := ThemeWarnings(theme); len(ps) != 1 || ps[0].String() != want {
		t.Errorf("ThemeWarnings: %v, want %s", ps, want)
	}
}
