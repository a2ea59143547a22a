package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestHugoRefs: a link whose destination is Hugo's ref or relref
// shortcode, or a reference link defined by one, is a Link to the
// shortcode's path, marked as a ref, at the link's place, and renders
// with the destination set; a shortcode in code, in text, or that is
// not a ref with a path alone is no link and shows as written.
func TestHugoRefs(t *testing.T) {
	type link struct {
		Dest, Ref string
		Line, Col int32
	}
	for _, tc := range []struct {
		name  string
		src   string
		links []link
		// html is a piece of the page rendered with every destination
		// set to "URL".
		html string
	}{
		{"ref is a link", `See [the quote process]({{< ref "sales/quote.md" >}}).`,
			[]link{{"sales/quote.md", "ref", 1, 5}}, `<p>See <a href="URL">the quote process</a>.</p>`},
		{"relref with percent delimiters", `[x]({{% relref "quote" %}})`,
			[]link{{"quote", "relref", 1, 1}}, `<a href="URL">x</a>`},
		{"fragment stays in the path", `[x]({{% ref "/sales/quote.md#deposits" %}})`,
			[]link{{"/sales/quote.md#deposits", "ref", 1, 1}}, `<a href="URL">x</a>`},
		{"fragment alone", `[why]({{< relref "#why" >}})`,
			[]link{{"#why", "relref", 1, 1}}, `<a href="URL">why</a>`},
		{"spaces are optional", `[a]({{<ref "a">}}) [b]( {{<   relref   "b"   >}} )`,
			[]link{{"a", "ref", 1, 1}, {"b", "relref", 1, 20}}, `<a href="URL">a</a> <a href="URL">b</a>`},
		{"path without quotes", `[a]({{< ref sales/a.md >}})`,
			[]link{{"sales/a.md", "ref", 1, 1}}, `<a href="URL">a</a>`},
		{"named path, with a language before it and an output format after", `[a]({{< ref lang="en" path="sales/a.md" outputFormat="html" >}}) [b]({{% relref path="b" %}})`,
			[]link{{"sales/a.md", "ref", 1, 1}, {"b", "relref", 1, 66}}, `<a href="URL">a</a> <a href="URL">b</a>`},
		{"link with a title", `[a]({{< ref "a" >}} "The A page")`,
			[]link{{"a", "ref", 1, 1}}, `<a href="URL" title="The A page">a</a>`},
		{"label with emphasis, after Japanese", "日本語\n\nそして [the *quote*]({{< ref \"q\" >}})",
			[]link{{"q", "ref", 3, 5}}, `<a href="URL">the <em>quote</em></a>`},
		{"reference definition", "[the quote][q], [q] and [Q][]\n\n[q]: {{< ref \"sales/quote.md\" >}}\n",
			[]link{{"sales/quote.md", "ref", 1, 1}, {"sales/quote.md", "ref", 1, 17}, {"sales/quote.md", "ref", 1, 25}},
			`<p><a href="URL">the quote</a>, <a href="URL">q</a> and <a href="URL">Q</a></p>`},
		{"reference definition in a quote, indented", "> [q][d]\n>\n>   [d]: {{% relref \"x\" %}}\n",
			[]link{{"x", "relref", 1, 3}}, `<blockquote>
<p><a href="URL">q</a></p>
</blockquote>`},
		{"image", `![chart]({{< ref "chart" >}})`,
			[]link{{"chart", "ref", 1, 1}}, `<img src="URL" alt="chart">`},
		{"code span", "`[x]({{< ref \"a\" >}})` and [y](b.md)",
			[]link{{"b.md", "", 1, 28}}, `<code>[x]({{&lt; ref &quot;a&quot; &gt;}})</code>`},
		{"fenced code", "```\n[x]({{< ref \"a\" >}})\n[d]: {{< ref \"d\" >}}\n```\n",
			nil, "[x]({{&lt; ref &quot;a&quot; &gt;}})\n[d]: {{&lt; ref &quot;d&quot; &gt;}}\n"},
		{"a ref in text", `See {{< ref "a" >}}.`,
			nil, `See {{&lt; ref &ldquo;a&rdquo; &gt;}}.`},
		{"no opening bracket", `See a]({{< ref "a" >}}).`,
			nil, `See a]({{&lt; ref &quot;a&quot; &gt;}}).`},
		{"not a ref", `[x]({{< tab "a" >}}) [y]({{< reference "a" >}})`,
			nil, `[x]({{&lt; tab &ldquo;a&rdquo; &gt;}}) [y]({{&lt; reference &ldquo;a&rdquo; &gt;}})`},
		{"a ref with more than a path", `[x]({{< ref "a" "b" >}}) [y]({{< ref path="a" site="b" >}})`,
			nil, `[x]({{&lt; ref &ldquo;a&rdquo; &ldquo;b&rdquo; &gt;}})`},
		{"delimiters that do not pair", `[x]({{< ref "a" %}})`,
			nil, `[x]({{&lt; ref &ldquo;a&rdquo; %}})`},
		{"a ref in raw HTML", "<a href='{{< ref \"a\" >}}'>a</a> and <img src='{{% ref \"b.png\" %}}'>",
			nil, `<a href="{{&lt; ref &quot;a&quot; &gt;}}">a</a>`},
		{"definition inside a paragraph", "Text\n[d]: {{< ref \"d\" >}}\n",
			nil, `[d]: {{&lt; ref &quot;d&quot; &gt;}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(Options{})
			d := mustParse(t, c, tc.src)
			var got []link
			for i := range d.Links {
				l := &d.Links[i]
				got = append(got, link{l.Dest, l.Ref.String(), l.Pos.Line, l.Pos.Col})
				l.SetDest("URL")
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.links) {
				t.Errorf("links %v, want %v", got, tc.links)
			}
			html, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(html, tc.html) {
				t.Errorf("HTML:\n%s\nwant it to hold:\n%s", html, tc.html)
			}
			if strings.ContainsRune(html, refMarkByte) || strings.Contains(html, "\ufffd") {
				t.Errorf("HTML holds a mark:\n%q", html)
			}
		})
	}
}

// TestHugoRefsText: a page with Hugo refs renders as the same page with
// ordinary links to the same paths, and has the same text; a page with
// no ref is parsed as it is, not copied.
func TestHugoRefsText(t *testing.T) {
	c := New(Options{Text: true})
	refs := mustParse(t, c, "# T\n\nRead [the *quote*]({{< ref \"q.md\" >}}) and `{{< ref \"x\" >}}`.\n\n[d]: {{< ref \"q.md\" >}}\n\n[again][d]\n")
	plain := mustParse(t, c, "# T\n\nRead [the *quote*](q.md) and `{{< ref \"x\" >}}`.\n\n[d]: q.md\n\n[again][d]\n")
	if refs.Text() != plain.Text() {
		t.Errorf("text %q, want %q", refs.Text(), plain.Text())
	}
	a, err := c.RenderString(refs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.RenderString(plain)
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Errorf("HTML:\n%s\nwant:\n%s", a, b)
	}
	if src := []byte("no shortcode here {{ but braces"); func() bool { m, _ := markRefs(src); return &m[0] != &src[0] }() {
		t.Error("markRefs copied a page without refs")
	}
}
