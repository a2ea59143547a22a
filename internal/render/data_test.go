package render

import (
	"html/template"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/markdown"
	"playbook/internal/site"
)

// TestLinkHTML checks that LinkHTML writes a link byte for byte as the
// layout markup it replaces does.
func TestLinkHTML(t *testing.T) {
	old := template.Must(template.New("").Parse(`<a href="{{$.Link .P}}">{{.P.Title}}</a>`))
	tests := []struct{ from, url, title string }{
		{"promises/a/", "promises/b/", "Plain title"},
		{"promises/a/", "", "Home"},
		{"promises/a/", "promises/a/", "Itself"},
		{"a/b/c/", "x/", `Quotes "double" & 'single' <b>bold</b> 1+1`},
		{"a/", "b/", "Nul \x00 and bad \xff UTF-8 and é and \ufdd0"},
		{"a/", "café/crème brûlée/", "Unicode path"},
		{"a/", "q&a/x+y/", "Reserved characters"},
		{"a/", "odd:scheme/", "A colon in the first element"},
		{"a/", "100%/#frag?q", "Percent, hash and query"},
		{"a/", "tab\tand space/", "Whitespace"},
	}
	for _, tt := range tests {
		p := &site.Page{URL: tt.url, Title: tt.title}
		d := &Data{URL: tt.from}
		var want strings.Builder
		if err := old.Execute(&want, struct {
			*Data
			P *site.Page
		}{d, p}); err != nil {
			t.Fatal(err)
		}
		got, err := d.LinkHTML(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("LinkHTML(%q -> %q, %q)\n got %s\nwant %s", tt.from, tt.url, tt.title, got, want.String())
		}
	}
}

// FuzzEscapeText checks escapeText against html/template's escaping of
// text.
func FuzzEscapeText(f *testing.F) {
	text := template.Must(template.New("").Parse(`<p>{{.}}</p>`))
	for _, s := range []string{"", "plain", `"&'+<>`, "\x00", "\xff\xfe", "é\ufdd0\uffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := text.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := "<p>" + escapeText(s) + "</p>"; got != want.String() {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want.String())
		}
	})
}

// TestMenuLinks checks a menu link's HTML and Plain against the layout
// markup they replace.
func TestMenuLinks(t *testing.T) {
	top := template.Must(template.New("").Parse(`{{range .}}<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>{{end}}`))
	side := template.Must(template.New("").Parse(`{{range .}}<a href="{{.Href}}">{{.Title}}</a>{{end}}`))
	r := &Renderer{menu: []MenuLink{
		{Title: "Alignment", URL: "alignment/", Kind: "alignment"},
		{Title: "Q&A + more", URL: "q&a/", Kind: "qa"},
		{Title: "Café", URL: "café/", Kind: "cafe"},
	}, opts: Options{}}
	for _, d := range []*Data{
		{URL: "promises/x/", Kind: "page", Site: &site.Site{}, index: -1},
		{URL: "alignment/", Kind: "alignment", Site: &site.Site{}, index: -1},
		{URL: "café/", Kind: "cafe", Site: &site.Site{}, index: -1},
	} {
		r.fill(d)
		var wantTop, wantSide, gotTop, gotSide strings.Builder
		if err := top.Execute(&wantTop, d.Menu); err != nil {
			t.Fatal(err)
		}
		if err := side.Execute(&wantSide, d.Menu); err != nil {
			t.Fatal(err)
		}
		for _, l := range d.Menu {
			gotTop.WriteString(string(l.HTML))
			gotSide.WriteString(string(l.Plain))
		}
		if gotTop.String() != wantTop.String() {
			t.Errorf("from %s: HTML\n got %s\nwant %s", d.URL, gotTop.String(), wantTop.String())
		}
		if gotSide.String() != wantSide.String() {
			t.Errorf("from %s: Plain\n got %s\nwant %s", d.URL, gotSide.String(), wantSide.String())
		}
	}
}

// TestTOCHTML checks TOCHTML against the layout markup it replaces.
func TestTOCHTML(t *testing.T) {
	old := template.Must(template.New("").Parse(`{{range .TOC}}<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}`))
	d := &Data{TOC: []markdown.Heading{
		{Level: 2, ID: "why", Text: "Why it matters"},
		{Level: 3, ID: "a-b_c.d~e", Text: `Quotes "x" & <y> 1+1`},
		{Level: 2, ID: "café", Text: "Café"},
		{Level: 3, ID: "a/b", Text: "Slash"},
		{Level: 2, ID: "q&a=1", Text: "Reserved"},
	}}
	var want strings.Builder
	if err := old.Execute(&want, d); err != nil {
		t.Fatal(err)
	}
	got, err := d.TOCHTML()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Errorf("TOCHTML\n got %s\nwant %s", got, want.String())
	}
}

// TestTagsHTML checks TagsHTML against the layout markup it replaces.
func TestTagsHTML(t *testing.T) {
	old := template.Must(template.New("").Parse(`{{range .Names}}<a class="tag" href="{{$.D.TagLink .}}">{{.}}</a>{{end}}`))
	names := []string{"pricing", "Q&A + more", "café", "heat-pumps", `"quoted" <b>`}
	for _, from := range []string{"promises/x/", "tags/pricing/", ""} {
		d := &Data{URL: from}
		var want strings.Builder
		if err := old.Execute(&want, struct {
			D     *Data
			Names []string
		}{d, names}); err != nil {
			t.Fatal(err)
		}
		got, err := d.TagsHTML(names)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("from %q:\n got %s\nwant %s", from, got, want.String())
		}
	}
}

// listedPages returns pages as lists show them: a promise of each chain
// status, behaviours of both stages, a live, an upcoming and an ended
// campaign, sections of one page and of several,
// and titles, descriptions and URLs that html/template escapes.
func listedPages() []*site.Page {
	page := func(typ, url, title, description string) *site.Page {
		return &site.Page{Type: typ, URL: url, Title: title, Description: description,
			Promise: &site.Promise{}, Behaviour: &site.Behaviour{}}
	}
	var pages []*site.Page
	for s := site.Disconnected; s <= site.Connected; s++ {
		p := page(site.TypePromise, "promises/p/", "Heat back in 24 hours", `Within "24" hours & <no> excuses + more`)
		p.Chain.Status = s
		pages = append(pages, p)
	}
	for _, stage := range []string{site.StageSales, site.StageService, `odd "stage" <b>`} {
		p := page(site.TypeBehaviour, "behaviours/b/", "Quote in writing", "")
		p.Behaviour = &site.Behaviour{Stage: stage}
		pages = append(pages, p)
	}
	one := page("", "guides/", "Guides", "")
	one.IsSection = true
	one.Children = []*site.Page{page("", "guides/a/", "A", "")}
	many := page("", "faqs/", "FAQs", "Questions")
	many.IsSection = true
	many.Children = []*site.Page{page("", "faqs/a/", "A", ""), one, page("", "faqs/b/", "B", "")}
	for _, starts := range []time.Time{testNow.AddDate(0, -1, 0), testNow.AddDate(0, 1, 0), testNow.AddDate(-1, 0, 0)} {
		p := page(site.TypeCampaign, "campaigns/c/", "Winter check", "£49 <b>off</b>")
		p.Campaign = &site.Campaign{Starts: starts, Ends: starts.AddDate(0, 2, 0)}
		pages = append(pages, p)
	}
	pages = append(pages, one, many,
		page("", "q&a/x+y/", "Reserved characters in the URL", "\x00 nul, \xff bad UTF-8, é"),
		page("", "café/", "Unicode path", ""))
	return pages
}

// TestListsHTML checks CardsHTML and ItemsHTML against the layout markup
// they replace, on listedPages and on no page, from pages at three depths.
func TestListsHTML(t *testing.T) {
	for _, tt := range []struct {
		name string
		old  string
		list func(*Data, []*site.Page) (template.HTML, error)
	}{
		{"CardsHTML", `{{$d := index . 0}}{{$mixed := index . 2}}{{range index . 1}}{{$promise := .IsPromise}}{{$class := ""}}
<li class="card{{if $promise}}{{$class = .Chain.Status.Class}} card-{{$class}}{{end}}">
  {{$d.LinkHTML .}}
  {{if and $mixed (not .IsSection)}}<span class="badge badge-type">{{$d.TypeName .Type}}</span> {{end}}{{if $promise}}<span class="badge badge-{{$class}}">{{.Chain.Status}}</span>{{end}}{{if eq .Type "campaign"}}{{template "campaign" (list $d .)}}{{end}}
  {{with .Behaviour.Stage}}<span class="badge badge-stage">{{.}}</span>{{end}}
  {{if .IsSection}}{{$n := .PageCount}}<span class="badge">{{$n}} {{if eq $n 1}}page{{else}}pages{{end}}</span>{{end}}
  {{with .Description}}<p>{{.}}</p>{{end}}
</li>
{{- end}}`, (*Data).CardsHTML},
		{"ItemsHTML", `{{$d := index . 0}}{{range index . 1}}<li>{{$d.LinkHTML .}}{{if eq .Type "campaign"}} {{template "campaign" (list $d .)}}{{end}}{{if and .IsPromise (ne .Chain.Status.Class "connected")}} <span class="badge badge-{{.Chain.Status.Class}}">{{.Chain.Status}}</span>{{end}}{{with .Description}} <span class="muted">— {{.}}</span>{{end}}</li>{{end}}`, (*Data).ItemsHTML},
	} {
		old := template.Must(template.New("").Funcs(funcs).Parse(tt.old))
		template.Must(old.New("campaign").Parse(`{{$d := index . 0}}{{with index . 1}}{{$state := $d.CampaignState .}}<span class="badge badge-{{$state}}">{{$state}}</span>{{if and (ne $state "ended") (not .Readiness.Ready)}} <span class="badge badge-not-ready">front line not ready</span>{{end}}{{end}}`))
		for _, from := range []string{"tags/pricing/", "roles/sales/page/2/", ""} {
			d := &Data{URL: from, Now: testNow}
			for _, pages := range [][]*site.Page{nil, listedPages()} {
				var want strings.Builder
				if err := old.Execute(&want, []any{d, pages, len(pages) > 0}); err != nil {
					t.Fatal(err)
				}
				got, err := tt.list(d, pages)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want.String() {
					t.Errorf("%s from %q:\n got %s\nwant %s", tt.name, from, got, want.String())
				}
			}
		}
	}
}

// TestMixedTypes: cards name their pages' types in a list of several
// (a tag's), not in a list of one type with its sections (a section's).
func TestMixedTypes(t *testing.T) {
	promise := &site.Page{Type: site.TypePromise}
	faq := &site.Page{Type: site.TypeFAQ}
	section := &site.Page{Type: site.TypePage, IsSection: true}
	for _, tt := range []struct {
		pages []*site.Page
		want  bool
	}{
		{nil, false},
		{[]*site.Page{promise, promise}, false},
		{[]*site.Page{section, promise, promise}, false},
		{[]*site.Page{promise, faq}, true},
		{[]*site.Page{section, promise, section, faq}, true},
	} {
		if got := mixedTypes(tt.pages); got != tt.want {
			t.Errorf("mixedTypes(%d pages) = %v, want %v", len(tt.pages), got, tt.want)
		}
	}
	if !mixedTypes(listedPages()) {
		t.Error("listedPages are of several types: TestListsHTML would not see the type badges")
	}
}

// TestEvery: a review interval reads as a reader says it, whatever unit
// it is written in, and its String stays as written.
func TestEvery(t *testing.T) {
	for in, want := range map[string]string{
		"365d": "every year",
		"730d": "every 2 years",
		"90d":  "every 90 days",
		"1d":   "every day",
		"14d":  "every 2 weeks",
		"7d":   "every week",
		"1w":   "every week",
		"12w":  "every 12 weeks",
		"1m":   "every month",
		"6m":   "every 6 months",
		"12m":  "every year",
		"18m":  "every 18 months",
		"24m":  "every 2 years",
		"1y":   "every year",
		"3y":   "every 3 years",
	} {
		i, err := site.ParseInterval(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := every(i); got != want {
			t.Errorf("every(%s) = %q, want %q", in, got, want)
		}
		if i.String() != in {
			t.Errorf("%s: String() = %q", in, i.String())
		}
	}
	if got := every(site.Interval{}); got != "" {
		t.Errorf("every of no interval = %q, want none", got)
	}
}

// TestLayoutFuncs runs the functions layouts have beside the data.
func TestLayoutFuncs(t *testing.T) {
	reviewed := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ layout, want string }{
		{`{{isodate .When}}|{{isodate .Never}}|{{date .When}}|{{date .Never}}`, "2026-03-04||4 Mar 2026|"},
		{`{{upper "eu"}} {{lower "Q3"}}`, "EU q3"},
		{`{{.Never | isodate | default "never"}} {{"set" | default "unset"}} {{.Zero | default 5}}`, "never set 5"},
		{`{{with dict "a" 1 "b" "two"}}{{.a}}-{{.b}}{{end}}`, "1-two"},
	} {
		tmpl, err := template.New("t").Funcs(funcs).Parse(c.layout)
		if err != nil {
			t.Fatalf("%s: %v", c.layout, err)
		}
		var b strings.Builder
		if err := tmpl.Execute(&b, map[string]any{"When": reviewed, "Never": time.Time{}, "Zero": 0}); err != nil {
			t.Fatalf("%s: %v", c.layout, err)
		}
		if b.String() != c.want {
			t.Errorf("%s = %q, want %q", c.layout, b.String(), c.want)
		}
	}
	for _, bad := range []string{`{{dict "a"}}`, `{{dict 1 2}}`} {
		tmpl := template.Must(template.New("t").Funcs(funcs).Parse(bad))
		if err := tmpl.Execute(io.Discard, nil); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestCampaignsInOrder: campaigns running come first, the soonest to end
// first, then those to come, the soonest first, then those over, the
// latest first.
func TestCampaignsInOrder(t *testing.T) {
	day := func(n int) time.Time { return testNow.AddDate(0, 0, n) }
	campaign := func(title string, starts, ends time.Time) *site.Page {
		return &site.Page{Type: site.TypeCampaign, Title: title, Campaign: &site.Campaign{Starts: starts, Ends: ends}}
	}
	pages := []*site.Page{
		campaign("ended long ago", day(-90), day(-60)),
		campaign("upcoming later", day(30), day(60)),
		campaign("live, ends later", day(-10), day(40)),
		campaign("ended lately", day(-30), day(-5)),
		campaign("upcoming soon", day(3), day(20)),
		campaign("live, ends soon", day(-20), day(2)),
		campaign("live, no end", day(-5), time.Time{}),
	}
	var got []string
	for _, p := range (&Data{Now: testNow}).CampaignsInOrder(pages) {
		got = append(got, p.Title)
	}
	want := []string{"live, ends soon", "live, ends later", "live, no end", "upcoming soon", "upcoming later", "ended lately", "ended long ago"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}
