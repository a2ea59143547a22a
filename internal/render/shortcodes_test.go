package render

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// shortcodeSite returns a site whose page calls the shortcode x, defined
// by template, as page writes it.
func shortcodeSite(template, page string) fstest.MapFS {
	return fstest.MapFS{
		"site.toml":                     {Data: []byte("title = \"T\"\n")},
		"layouts/shortcodes/x.html":     {Data: []byte(template)},
		"content/_index.md":             {Data: []byte("# Home\n")},
		"content/page.md":               {Data: []byte("---\ntitle: Page\nregion: EMEA\n---\n" + page)},
		"content/other.md":              {Data: []byte("# Other\n\nNo shortcode.\n")},
		"layouts/shortcodes/stamp.html": {Data: []byte(`<i>{{.Name}}</i>`)},
		"layouts/page.html":             {Data: []byte(`{{define "main"}}<hr id=start>{{.Content}}<hr id=end>{{end}}`)},
	}
}

// buildPage builds fsys and returns the <main> of page/, or the error of
// the build, or of the check.
func buildPage(t *testing.T, fsys fstest.MapFS) (html, buildErr, checkErr string) {
	t.Helper()
	s, problems := site.Load(fsys, site.Options{Now: testNow, Shortcodes: SiteShortcodes})
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	theme, err := Theme(fsys, s.Config.Theme)
	if err != nil {
		t.Fatal(err)
	}
	parsed, _ := site.Load(fsys, site.Options{Now: testNow, Shortcodes: SiteShortcodes, ParseOnly: true})
	var checked []string
	for _, p := range Check(parsed, Options{Source: fsys, Theme: theme, Now: testNow}) {
		checked = append(checked, p.String())
	}
	r, err := New(s, Options{Source: fsys, Theme: theme, Now: testNow})
	if err != nil {
		return "", err.Error(), strings.Join(checked, "\n")
	}
	out := NewMemOutput()
	if err := r.Render(context.Background(), out); err != nil {
		return "", err.Error(), strings.Join(checked, "\n")
	}
	page, _ := out.File("page/index.html")
	_, body, _ := strings.Cut(string(page), "<hr id=start>")
	body, _, _ = strings.Cut(body, "<hr id=end>")
	return body, "", strings.Join(checked, "\n")
}

// wantPage builds fsys and wants page/ to be want, or, where err is
// set, the build and the check to fail with it.
func wantPage(t *testing.T, fsys fstest.MapFS, want, err string) {
	t.Helper()
	html, buildErr, checkErr := buildPage(t, fsys)
	if err == "" {
		if buildErr != "" || checkErr != "" {
			t.Fatalf("build: %s\ncheck: %s", buildErr, checkErr)
		}
		if html != want {
			t.Errorf("got\n%q\nwant\n%q", html, want)
		}
		return
	}
	if !strings.Contains(buildErr, err) {
		t.Errorf("build error\n%s\nwant\n%s", buildErr, err)
	}
	if !strings.Contains(checkErr, err) {
		t.Errorf("check\n%s\nwant\n%s", checkErr, err)
	}
}

func TestShortcodeTemplates(t *testing.T) {
	tests := []struct {
		name, template, page string
		// want is the page's HTML, or err the error of the build and
		// the check.
		want, err string
	}{
		{
			name:     "positional",
			template: `<b>{{.Get 0}}|{{.Get 1}}|{{.Get 2}}|{{.Get "k"}}</b>`,
			page:     `A {{< x "one" two >}} b.`,
			want:     "<p>A <b>one|two||</b> b.</p>\n",
		},
		{
			name:     "named",
			template: `{{.Get "title"}}|{{.Get 0}}|{{.IsNamedParams}}|{{.Params.title}}|{{.Name}}|{{.Ordinal}}`,
			page:     "{{< stamp >}} {{< x title=\"A & B\" >}}",
			want:     "<p><i>stamp</i> A &amp; B||true|A &amp; B|x|1</p>\n",
		},
		{
			name:     "page and site",
			template: `{{.Page.Title}} {{.Page.Params.region}} {{.Site.Config.Title}} {{T "search_placeholder"}} {{.Rel "other/"}}`,
			page:     "{{< x >}}",
			want:     "Page EMEA T Search ../other/\n",
		},
		{
			name:     "markdown inner",
			template: `<div>{{.Inner}}</div>`,
			page:     "{{% x %}}\nSee [other](other.md) {{< stamp >}}.\n{{% /x %}}",
			want:     "<div><p>See <a href=\"../other/\">other</a> <i>stamp</i>.</p>\n</div>\n",
		},
		{
			name:     "raw inner, escaped in safe mode",
			template: `<div>{{.Inner}}|{{.Inner | markdownify}}|{{.InnerDeindent}}</div>`,
			page:     "{{< x >}}<b>b</b> [o](other.md){{< /x >}}",
			want:     "<p><div>&lt;b&gt;b&lt;/b&gt; [o](other.md)|<b>b</b> <a href=\"../other/\">o</a>|&lt;b&gt;b&lt;/b&gt; [o](other.md)</div></p>\n",
		},
		{
			name:     "markdownify of other text",
			template: `{{markdownify "**b** [l](l.md)"}}`,
			page:     "{{< x >}}",
			want:     "<strong>b</strong> <a href=\"l.md\">l</a>\n",
		},
		{
			name:     "replaces a built-in",
			template: `<p class="mine">{{.Inner}}</p>`,
			page:     "{{< x >}}\nhi\n{{< /x >}}",
			want:     "<p class=\"mine\">hi\n</p>\n",
		},
		{
			name:     "does not parse",
			template: "<b>\n{{.Get 0}</b>",
			page:     "{{< x >}}",
			err:      `layouts/shortcodes/x.html:2: unexpected "}" in operand`,
		},
		{
			name:     "fails when run",
			template: "<b>\n{{.Get 1.5}}</b>",
			page:     "Text.\n\nA {{< x >}}",
			err:      `content/page.md:7:3: shortcode "x": layouts/shortcodes/x.html:2:2: executing "shortcodes/x.html" at <.Get>: error calling Get: Get: want a position (0, 1, ...) or a name, not 1.5`,
		},
		{
			name:     "fails when run, its tag and one before it over several lines",
			template: "<b>\n{{.Get 1.5}}</b>",
			page:     "{{< stamp\n  a=1 >}} and\n\nA {{< x\n  a=\"b\" >}}",
			err:      `content/page.md:8:3: shortcode "x": layouts/shortcodes/x.html:2:2: executing "shortcodes/x.html" at <.Get>`,
		},
		{
			name:     "a field it lacks",
			template: "{{.Page.Titel}}",
			page:     "{{< x >}}",
			err:      `content/page.md:5:1: shortcode "x": layouts/shortcodes/x.html:1:7: executing "shortcodes/x.html" at <.Page.Titel>: can't evaluate field Titel in type *site.Page: did you mean Title?`,
		},
		{
			name:     "calls itself",
			template: `{{define "loop"}}{{template "loop" .}}{{end}}{{template "loop" .}}`,
			page:     "{{< x >}}",
			err:      "exceeded maximum template depth",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantPage(t, shortcodeSite(tt.template, tt.page), tt.want, tt.err)
		})
	}
}

// TestShortcodeParam checks Hugo's {{< param >}}: a setting of the page's
// front matter, else of site.toml's [params], dotted keys reading into
// tables and keys in any case, and a key set nowhere an error at the call,
// in the build and in check.
func TestShortcodeParam(t *testing.T) {
	tests := []struct {
		name, page string
		want, err  string
	}{
		{"the page's", `Region {{< param "region" >}}.`, "<p>Region EMEA.</p>\n", ""},
		{"the site's", `Call {{< param phone >}}.`, "<p>Call 0800 &lt;555&gt;.</p>\n", ""},
		{"the page's before the site's", `By {{< param company >}}`, "<p>By Kestrel UK</p>\n", ""},
		{"on a line of its own, a paragraph", "Made by\n\n{{< param company >}}\n\nin Leeds.", "<p>Made by</p>\n<p>Kestrel UK</p>\n<p>in Leeds.</p>\n", ""},
		{"a dotted key, in any case", `{{< param "Support.Hours" >}} {{< param name="support.days" >}}`, "<p>8–18 [Mon Fri]</p>\n", ""},
		{"a key set nowhere", "Text.\n\nA {{< param fax >}}.", "", `content/page.md:8:3: shortcode "param": "fax" is set neither in the page's front matter nor in site.toml's [params]`},
		{"no key", "{{< param >}}", "", `content/page.md:6:1: shortcode "param": no key given`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := shortcodeSite("<b>x</b>", tt.page)
			fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\n[params]\nphone = \"0800 <555>\"\ncompany = \"Kestrel\"\n[params.support]\nhours = \"8–18\"\ndays = [\"Mon\", \"Fri\"]\n")}
			fsys["content/page.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Page\nregion: EMEA\ncompany: Kestrel UK\n---\n" + tt.page)}
			wantPage(t, fsys, tt.want, tt.err)
		})
	}
}

// TestShortcodeUnknownToCheck checks that check warns of a shortcode no
// template defines, and not of those defined.
func TestShortcodeUnknownToCheck(t *testing.T) {
	fsys := shortcodeSite("<b>x</b>", "{{< x >}} {{< stamp >}} {{< nowhere >}}")
	_, problems := site.Load(fsys, site.Options{Now: testNow, Shortcodes: SiteShortcodes, ParseOnly: true})
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if want := `content/page.md:5:25: warning: Hugo shortcode "nowhere" left as text`; strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestShortcodeFolders checks that a template in a folder under
// layouts/shortcodes/ is called by its path there, as in Hugo, that a
// template sees the shortcode around it as .Parent, and that a fault of
// one in a folder is told at its file.
func TestShortcodeFolders(t *testing.T) {
	fsys := shortcodeSite(`<div>{{.Inner}}</div>`,
		"{{% x title=\"Outer\" %}}\n{{< sub/Name >}}\n{{% /x %}}\n\nA {{< sub/name />}} and {{< sub/deep/name >}}.")
	fsys["layouts/shortcodes/sub/name.html"] = &fstest.MapFile{Data: []byte(`<u>{{.Name}}{{with .Parent}} in {{.Name}} {{.Get "title"}}{{if not .Parent}} at the top{{end}}{{end}}</u>`)}
	fsys["layouts/shortcodes/sub/deep/name.html"] = &fstest.MapFile{Data: []byte(`<s>{{.Name}}{{if not .Parent}} at the top{{end}}</s>`)}
	html, buildErr, checkErr := buildPage(t, fsys)
	if buildErr != "" || checkErr != "" {
		t.Fatalf("build: %s\ncheck: %s", buildErr, checkErr)
	}
	want := "<div><u>sub/name in x Outer at the top</u>\n</div>\n<p>A <u>sub/name</u> and <s>sub/deep/name at the top</s>.</p>\n"
	if html != want {
		t.Errorf("got\n%q\nwant\n%q", html, want)
	}

	fsys["layouts/shortcodes/sub/name.html"] = &fstest.MapFile{Data: []byte(`{{.Page.Titel}}`)}
	_, buildErr, checkErr = buildPage(t, fsys)
	want = `content/page.md:6:1: shortcode "sub/name": layouts/shortcodes/sub/name.html:1:7: executing "shortcodes/sub/name.html" at <.Page.Titel>`
	if !strings.Contains(buildErr, want) || !strings.Contains(checkErr, want) {
		t.Errorf("build error\n%s\ncheck\n%s\nwant\n%s", buildErr, checkErr, want)
	}
}

// TestShortcodeInHeading checks that a heading holding a call reads as
// the call's output, the site's settings in it: its id, a link to that
// id, and its entry in the table of contents. A template reading the
// page, not read yet when its headings are, leaves its output out.
func TestShortcodeInHeading(t *testing.T) {
	fsys := shortcodeSite("<b>{{.Page.Title}}</b>", "## Call {{< phone >}} now\n\nSee [the number](#call-555-0100-now).\n\n## On {{< x >}}\n\n## {{% em %}}*Now*{{% /em %}}\n")
	fsys["layouts/shortcodes/em.html"] = &fstest.MapFile{Data: []byte(`<span>{{.Inner}}!</span>`)}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\n[params]\nphone = \"555 0100\"\n")}
	fsys["layouts/shortcodes/phone.html"] = &fstest.MapFile{Data: []byte(`<a href="tel:{{.Site.Params.phone}}">{{.Site.Params.phone}}</a>` + "\n")}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<hr id=start>{{range .TOC}}[{{.ID}} {{.Text}}]{{end}}{{.Content}}<hr id=end>{{end}}`)}
	html, buildErr, checkErr := buildPage(t, fsys)
	if buildErr != "" || checkErr != "" {
		t.Fatalf("build: %s\ncheck: %s", buildErr, checkErr)
	}
	for _, want := range []string{
		"[call-555-0100-now Call 555 0100 now][on- On][now Now!]",
		`<h2 id="call-555-0100-now">Call <a href="tel:555%200100">555 0100</a> now<a class="anchor" href="#call-555-0100-now"`,
		`<a href="#call-555-0100-now">the number</a>`,
		`<h2 id="on-">On <b>Page</b>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s:\n%s", want, html)
		}
	}
}

// TestShortcodeInHeadingReloaded checks that a preview's Load reads a
// page again when the template of a call in its heading changes: its id
// is made of the call's output.
func TestShortcodeInHeadingReloaded(t *testing.T) {
	fsys := shortcodeSite("x", "## Call {{< stamp >}}\n")
	ld := site.NewLoader(fsys, site.Options{Now: testNow, Shortcodes: SiteShortcodes})
	ids := func() string {
		s, _ := ld.Load([]string{"layouts/shortcodes/stamp.html"})
		var got []string
		for _, h := range s.ByFile("content/page.md").Doc.Headings {
			got = append(got, h.ID)
		}
		return strings.Join(got, " ")
	}
	if got := ids(); got != "call-stamp" {
		t.Errorf("first load: %s, want call-stamp", got)
	}
	fsys["layouts/shortcodes/stamp.html"] = &fstest.MapFile{Data: []byte(`<i>now {{.Name}}</i>`)}
	if got := ids(); got != "call-now-stamp" {
		t.Errorf("after the template changed: %s, want call-now-stamp", got)
	}
}
