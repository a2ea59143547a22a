package render

import (
	"html/template"
	"strings"
	"testing"

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
