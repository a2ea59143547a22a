package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name   string
		unsafe bool
		src    string
		want   []string // substrings of the HTML
		not    []string // must not appear
	}{
		{
			name: "alert becomes a callout without its marker",
			src:  "> [!WARNING]\n> Stock is *limited*.\n",
			want: []string{`<div class="alert alert-warning" role="note"><p class="alert-title">Warning</p>`, `<p>Stock is <em>limited</em>.</p>`},
			not:  []string{"[!WARNING]", "<blockquote>"},
		},
		{
			name: "unknown alert kind stays a quote",
			src:  "> [!SHOUT]\n> Hello\n",
			want: []string{"<blockquote>", "[!SHOUT]"},
		},
		{
			name: "alert with its first words on the marker's line",
			src:  "> [!NOTE] Stock is *limited*\n> this week.\n",
			want: []string{`<div class="alert alert-note" role="note"><p class="alert-title">Note</p>` + "\n<p>Stock is <em>limited</em>\nthis week.</p>\n</div>"},
			not:  []string{"[!NOTE]", "<blockquote>"},
		},
		{
			name: "Hugo alert shortcodes become alerts, with Markdown inside",
			src:  "{{< warning >}}\nStock is *limited*.\n{{< /warning >}}\n\n{{% alert title=\"Heads up\" color=\"danger\" %}}\n- one\n{{% /alert %}}\n\nText\n{{< tip >}}\nTip\n{{< /tip >}}\n",
			want: []string{
				`<div class="alert alert-warning" role="note"><p class="alert-title">Warning</p>` + "\n<p>Stock is <em>limited</em>.</p>\n</div>",
				`<div class="alert alert-caution" role="note"><p class="alert-title">Heads up</p>` + "\n<ul>\n<li>one</li>\n</ul>\n</div>",
				"<p>Text</p>\n" + `<div class="alert alert-tip" role="note"><p class="alert-title">Tip</p>` + "\n<p>Tip</p>\n</div>",
			},
			not: []string{"{{"},
		},
		{
			name: "Hugo details shortcode becomes details, its summary escaped",
			src:  "{{< details summary=\"Why <b>\" >}}\nBecause.\n{{< /details >}}\n\n{{< details \"Plain\" >}}\nx\n{{< /details >}}\n",
			want: []string{"<details>\n<summary>Why &lt;b&gt;</summary>\n<p>Because.</p>\n</details>", "<summary>Plain</summary>"},
		},
		{
			name: "other shortcodes stay text",
			src:  "{{< param \"company\" >}}\n\n{{< gist alice >}}\n",
			want: []string{"<p>{{&lt; param", "<p>{{&lt; gist alice"},
		},
		{
			name: "tabs of Hugo Book, Docsy and the Learn theme are their panels, each open under its name; a gist a link to it",
			src: "{{< tabs \"os\" >}}\n{{< tab \"Phone\" >}}\nCall *back*.\n{{< /tab >}}\n{{< tab \"Email\" >}}\nReply.\n{{< /tab >}}\n{{< /tabs >}}\n\n" +
				"{{< tabpane text=true >}}\n{{% tab header=\"Retail <b>\" %}}\nR\n{{% /tab %}}\n{{< /tabpane >}}\n\n{{% tabs %}}\n{{% tab title=\"A\" %}}\nA\n{{% /tab %}}\n{{% tab name=\"B\" %}}\nB\n{{% /tab %}}\n{{% /tabs %}}\n\n{{< tab >}}\nx\n{{< /tab >}}\n\n{{< gist alice 1234 >}}\n",
			want: []string{
				"<div class=\"tabs\">\n<details class=\"tab\" open>\n<summary>Phone</summary>\n<p>Call <em>back</em>.</p>\n</details>\n<details class=\"tab\" open>\n<summary>Email</summary>\n<p>Reply.</p>\n</details>\n</div>",
				"<div class=\"tabs\">\n<details class=\"tab\" open>\n<summary>Retail &lt;b&gt;</summary>\n<p>R</p>\n</details>\n</div>",
				"<summary>A</summary>", "<summary>B</summary>", "<summary>Tab</summary>",
				`<p class="video"><a href="https://gist.github.com/alice/1234">alice/1234</a> (GitHub Gist)</p>`,
			},
			not: []string{"{{", "os"},
		},
		{
			name: "a closing tag in a code block of a shortcode is code, where the block does not end",
			src:  "{{< note >}}\n```\n{{< /note >}}\n```\n{{< /note >}}\n\nAfter.\n",
			want: []string{"<code>{{&lt; /note &gt;}}\n</code></pre>\n</div>\n<p>After.</p>"},
		},
		{
			name: "a shortcode inside one of its name closes first, as Hugo pairs them",
			src:  "{{< details \"Outer\" >}}\n{{< details \"Inner\" >}}\nin\n{{< /details >}}\nafter\n{{< /details >}}\n\n{{% notice tip %}}\nA\n{{% notice warning %}}\nB\n{{% /notice %}}\nC\n{{% /notice %}}\n",
			want: []string{
				"<details>\n<summary>Outer</summary>\n<details>\n<summary>Inner</summary>\n<p>in</p>\n</details>\n<p>after</p>\n</details>",
				`<div class="alert alert-tip" role="note"><p class="alert-title">Tip</p>` + "\n<p>A</p>\n" +
					`<div class="alert alert-warning" role="note"><p class="alert-title">Warning</p>` + "\n<p>B</p>\n</div>\n<p>C</p>\n</div>",
			},
			not: []string{"{{"},
		},
		{
			name: "the Learn theme's notice and expand, and a hint's variant",
			src:  "{{% notice warning \"Before you quote\" %}}\nCheck stock.\n{{% /notice %}}\n\n{{% expand \"Why\" %}}\nBecause.\n{{% /expand %}}\n\n{{< hint danger >}}\nNo.\n{{< /hint >}}\n\n{{< warning \"Important\" >}}\nW.\n{{< /warning >}}\n",
			want: []string{
				`<div class="alert alert-warning" role="note"><p class="alert-title">Important</p>`,
				`<div class="alert alert-warning" role="note"><p class="alert-title">Before you quote</p>` + "\n<p>Check stock.</p>\n</div>",
				"<details>\n<summary>Why</summary>\n<p>Because.</p>\n</details>",
				`<div class="alert alert-caution" role="note">`,
			},
			not: []string{"{{"},
		},
		{
			name: "a figure is an image with its caption, a video a link to it",
			src:  "{{< figure src=\"concessions.jpg\" alt=\"Concessions\" caption=\"What we give, <and> what we get\" >}}\n\nText.\n\n{{< youtube id=\"dQw4w9WgXcQ\" title=\"Discovery call\" >}}\n",
			want: []string{
				"<figure>\n" + `<img src="concessions.jpg" alt="Concessions">` + "\n<figcaption>What we give, &lt;and&gt; what we get</figcaption>\n</figure>",
				"<p>Text.</p>",
				`<p class="video"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Discovery call</a> (YouTube)</p>`,
			},
			not: []string{"{{"},
		},
		{
			name: "a Hugo shortcode's tag over several lines",
			src:  "{{< figure\n    src=\"x.png\"\n    caption=\"A caption\" >}}\n\n{{< note\n  \"Heads up\" >}}\nBody.\n{{< /note >}}\n",
			want: []string{
				"<figure>\n" + `<img src="x.png" alt="A caption">` + "\n<figcaption>A caption</figcaption>\n</figure>",
				`<div class="alert alert-note" role="note"><p class="alert-title">Heads up</p>` + "\n<p>Body.</p>\n</div>",
			},
			not: []string{"{{", "caption="},
		},
		{
			name: "emoji codes",
			src:  "Well done :+1: :tada:\n",
			want: []string{"Well done &#x1f44d; &#x1f389;"},
		},
		{
			name: "block attributes set a block's id and class, and only those",
			src:  "A lead paragraph.\n{.lead #intro style=\"position:fixed\" onclick=\"x()\"}\n\n- a\n\n{.checklist}\n",
			want: []string{`<p class="lead" id="intro">A lead paragraph.</p>`, `<ul class="checklist">`},
			not:  []string{"style=", "onclick", "{."},
		},
		{
			name:   "block attributes pass whole when unsafe",
			unsafe: true,
			src:    "Para\n{style=\"color:red\"}\n",
			want:   []string{`<p style="color:red">Para</p>`},
		},
		{
			name: "plain quote stays a quote",
			src:  "> Just a quote\n",
			want: []string{"<blockquote>\n<p>Just a quote</p>"},
		},
		{
			name: "each table above every heading scrolls in a focusable box named by its place",
			src:  "| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| c |\n|---|\n| 3 |\n",
			want: []string{
				`<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1"><table>`,
				`<div class="table-wrap" tabindex="0" role="region" aria-label="Table 2"><table>`,
				"</table></div>",
			},
		},
		{
			name: "a table and its box are named by the nearest heading above it, a deeper one too",
			src: "| a |\n|---|\n| 0 |\n\n## Our numbers {#numbers}\n\nText.\n\n| a |\n|---|\n| 1 |\n\n" +
				"### Last quarter\n\n> | b |\n> |---|\n> | 2 |\n\n## Where it breaks\n\n| c | d |\n|---|---|\n| 3 | 4 |\n",
			want: []string{
				`<div class="table-wrap" tabindex="0" role="region" aria-label="Table 1"><table>`,
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="numbers"><table aria-labelledby="numbers">`,
				"<blockquote>\n" + `<div class="table-wrap" tabindex="0" role="region" aria-labelledby="last-quarter"><table aria-labelledby="last-quarter">`,
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="where-it-breaks"><table aria-labelledby="where-it-breaks">`,
			},
			not: []string{"Table 2", "Table 3", "Table 4"},
		},
		{
			name: "a second table under a heading is named by the heading and its place under it",
			src:  "## Price & *terms* \"now\"\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n## Next\n\n| c |\n|---|\n| 3 |\n",
			want: []string{
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="price--terms-now"><table aria-labelledby="price--terms-now">`,
				`<div class="table-wrap" tabindex="0" role="region" aria-label="Price &amp; terms “now”, table 2"><table aria-label="Price &amp; terms “now”, table 2">`,
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="next"><table aria-labelledby="next">`,
			},
		},
		{
			name: "a table above every heading is named by the title the text gives the page, a second one by its place under it",
			src:  "# Support *Handbook*\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n## Close\n\n| c |\n|---|\n| 3 |\n",
			want: []string{
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="support-handbook"><table aria-labelledby="support-handbook">`,
				`<div class="table-wrap" tabindex="0" role="region" aria-label="Support Handbook, table 2"><table aria-label="Support Handbook, table 2">`,
				`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="close"><table aria-labelledby="close">`,
			},
			not: []string{"<h1", "pb-title"},
		},
		{
			name: "a table with block attributes keeps them beside its name",
			src:  "## Terms\n\n| a |\n|---|\n| 1 |\n{.compact #terms-table}\n",
			want: []string{`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="terms"><table class="compact" id="terms-table" aria-labelledby="terms">`},
		},
		{
			name: "a table of three columns or more labels each body cell with its header, as plain text",
			src: "| **Field** | What `<goes>` in | R&amp;D \\& \"risk\" <blink>x</blink> |  |\n" +
				"|---|:-:|---|---|\n| a | b | c | d |\n| e |\n",
			want: []string{
				`<div class="table-wrap table-stack table-keyed" tabindex="0" role="region" aria-label="Table 1"><table>`,
				`<th><strong>Field</strong></th>`,
				`<td data-label="Field">a</td>`,
				`<td data-label="What &lt;goes&gt; in" style="text-align:center">b</td>`,
				`<td data-label="R&amp;D &amp; “risk” &lt;blink&gt;x&lt;/blink&gt;">c</td>`,
				`<td>d</td>`,
				`<td data-label="Field">e</td>`,
			},
			not: []string{`<th data-label`, `data-label=""`},
		},
		{
			name:   "a header's HTML kept when unsafe is left out of its label",
			unsafe: true,
			src:    "| <b>Field</b> one | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n",
			want:   []string{`<td data-label="Field one">1</td>`},
		},
		{
			name: "a stacked table whose first cells are not all short names is not keyed by them",
			src:  "| Say | Not | Why |\n|---|---|---|\n| Yes | No | Short |\n| \u201cMost installs come to between \u00a311,000 and \u00a316,000.\u201d | x | y |\n",
			want: []string{`<div class="table-wrap table-stack" tabindex="0"`, `<td data-label="Say">Yes</td>`},
			not:  []string{"table-keyed"},
		},
		{
			name: "a table of two columns keeps its rows",
			src:  "| a | b |\n|---|---|\n| 1 | 2 |\n",
			want: []string{`<div class="table-wrap" tabindex="0"`, `<td>1</td>`},
			not:  []string{"data-label", "table-stack"},
		},
		{
			name: "raw HTML is escaped by default",
			src:  "Hi <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n",
			want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<div>block</div>"},
			not:  []string{"<script>", "onclick"},
		},
		{
			name:   "raw HTML passes when unsafe",
			unsafe: true,
			src:    "Hi <b>bold</b>\n",
			want:   []string{"<b>bold</b>"},
		},
		{
			name: "heading ids, explicit and automatic, with self-links",
			src:  "## Why it matters {#why}\n\n## Price & terms\n\n## Über uns\n\n## Über uns\n",
			want: []string{`<h2 id="why">Why it matters<a class="anchor" href="#why" aria-hidden="true" tabindex="-1">#</a></h2>`, `<h2 id="price--terms">`, `<h2 id="über-uns">`, `<h2 id="über-uns-1">`},
		},
		{
			name: "only id and class attributes pass, escaped",
			src:  "## T {#t style=\"position:fixed;inset:0\" onclick=\"x()\" data-x=\"y\" class=\"a&quot; onmouseover=&quot;b\"}\n",
			want: []string{`<h2 id="t" class="a&amp;quot; onmouseover=&amp;quot;b">`},
			not:  []string{"style=", "onclick", "data-x", `" onmouseover`},
		},
		{
			name: "class with a quote cannot close the attribute",
			src:  "## T {class=\"a\\\" onmouseover=\\\"b\"}\n",
			want: []string{"<h2", `class="a`},
			not:  []string{`" onmouseover`, "onmouseover=\""},
		},
		{
			name:   "unsafe keeps every attribute",
			unsafe: true,
			src:    "## T {style=\"color:red\" data-x=\"y\"}\n",
			want:   []string{`style="color:red"`, `data-x="y"`},
		},
		{
			name: "code is highlighted with classes",
			src:  "```go\nfunc f() {}\n```\n",
			want: []string{`<pre tabindex="0" class="chroma">`, `<span class="kd">func</span>`},
			not:  []string{"style="},
		},
		{
			name: "GFM tables, strikethrough, task lists and autolinks",
			src:  "| a |\n|---|\n| 1 |\n\n~~old~~\n\n- [x] done\n\nhttps://example.com\n",
			want: []string{"<table>", "<del>old</del>", `<input checked="" disabled="" type="checkbox">`, `<a href="https://example.com">`},
		},
		{
			name: "footnotes and typographer",
			src:  "It's \"quoted\"[^1].\n\n[^1]: A note.\n",
			want: []string{"It&rsquo;s &ldquo;quoted&rdquo;", `<li id="fn:1">`},
		},
		{
			// A glossary as Hugo and PHP Markdown Extra write one.
			name: "definition list",
			src:  "Loss leader\n: An offer sold below cost to bring customers in.\n\nSLA\n: What we promise to answer in.\n: Not what we aim for.\n",
			want: []string{"<dl>\n<dt>Loss leader</dt>\n<dd>An offer sold below cost to bring customers in.</dd>", "<dd>What we promise to answer in.</dd>\n<dd>Not what we aim for.</dd>\n</dl>"},
			not:  []string{": An offer"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{Unsafe: tt.unsafe})
			d, err := c.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			html, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("HTML has %q:\n%s", n, html)
				}
			}
		})
	}
}

func TestParse(t *testing.T) {
	src := "# The “Title”\n\nIntro [a](a.md#x) and ![i](i.png).\n\n## One {#one}\n\nText[^n] with [ext](https://x.org) and [ref][r].\n\n### Two\n\n[^n]: note\n\n[r]: ../r.md\n"
	d := mustParse(t, New(Options{}), src)
	if d.Title != "The “Title”" {
		t.Errorf("Title = %q", d.Title)
	}
	var links []string
	for _, l := range d.Links {
		links = append(links, l.Dest+"@"+strconv.Itoa(int(l.Pos.Line))+":"+strconv.Itoa(int(l.Pos.Col)))
	}
	if got, want := strings.Join(links, " "), "a.md#x@3:7 i.png@3:23 ../r.md@7:40"; got != want {
		t.Errorf("links = %s, want %s", got, want)
	}
	var hs []string
	for _, h := range d.Headings {
		hs = append(hs, h.ID+"@"+strconv.Itoa(int(h.Pos.Line)))
	}
	if got, want := strings.Join(hs, " "), "one@5 two@9"; got != want {
		t.Errorf("headings = %s, want %s", got, want)
	}
	for _, id := range []string{"one", "two", "fn:1"} {
		if !d.HasID(id) {
			t.Errorf("IDs lacks %q: %v", id, d.IDs)
		}
	}
	html, _ := New(Options{}).RenderString(d)
	if strings.Contains(html, "<h1") {
		t.Errorf("the title heading is rendered:\n%s", html)
	}
	d.Links[0].SetDest("../a/#x")
	d.Links[2].SetDest("../r/")
	html, _ = New(Options{}).RenderString(d)
	if !strings.Contains(html, `href="../a/#x"`) || !strings.Contains(html, `href="../r/"`) {
		t.Errorf("SetDest not rendered:\n%s", html)
	}
	clone := d.Clone()
	clone.Links[0].SetDest("../b/")
	again, _ := New(Options{}).RenderString(d)
	if again != html {
		t.Errorf("a Doc renders differently after its clone's link was set:\n%s\nwant:\n%s", again, html)
	}
	other, _ := New(Options{}).RenderString(clone)
	if !strings.Contains(other, `href="../b/"`) || !strings.Contains(other, `href="../r.md"`) {
		t.Errorf("the clone's links not its own, as set and as written:\n%s", other)
	}
}

func TestHighlightCSS(t *testing.T) {
	css, err := HighlightCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{".chroma .kd {", "@media (prefers-color-scheme: dark)", `html[data-theme="dark"] .chroma .kd {`} {
		if !strings.Contains(string(css), w) {
			t.Errorf("CSS lacks %q", w)
		}
	}
	if _, err := HighlightCSS("no-such-style", "github-dark"); err == nil {
		t.Error("unknown style accepted")
	}
}

func TestText(t *testing.T) {
	c := New(Options{Text: true})
	src := "# Fast quotes\n\nWe quote *the same day*, see [the rule](../rules/quote.md#when \"Rule\").\n\n" +
		"## Why\n\n- One price.\n- No \"extras\".\n\n```text\nline one\nline two\n```\n\n" +
		"| Step | Who |\n|---|---|\n| Call | Sales |\n\n<div>raw</div>\n\n> [!NOTE]\n> Keep it short.\n\n" +
		"Write to <help@example.com>,\\\nor ring us.  \nAny day.\n"
	// An autolink's text is the address; a hard line break is a space.
	want := "Fast quotes\n\nWe quote the same day, see the rule.\n\nWhy\n\nOne price.\n\nNo “extras”.\n\n" +
		"line one\nline two\n\nStep — Who\n\nCall — Sales\n\nKeep it short.\n\nWrite to help@example.com, or ring us. Any day."
	if got := mustParse(t, c, src).Text(); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
	// Where a link leads is not part of the text.
	moved := strings.Replace(src, "../rules/quote.md", "../../handbook/rules/quote.md", 1)
	if mustParse(t, c, moved).Text() != want {
		t.Error("a link's destination changes the text")
	}
	if got := mustParse(t, New(Options{}), src).Text(); got != "" {
		t.Errorf("Text kept without Options.Text: %q", got)
	}
}

// TestTitle: the title is the first level-1 heading at the top level,
// wherever it is, and is left out of the HTML; text before it stays. A
// page titled elsewhere (ParseTitled) gives up only a leading heading.
func TestTitle(t *testing.T) {
	tests := []struct {
		name   string
		titled bool
		src    string
		title  string
		want   []string // substrings of the HTML
		not    []string // must not appear
	}{
		{name: "a leading heading", src: "# Prices\n\nText.\n", title: "Prices", not: []string{"<h1"}},
		{name: "after a comment", src: "<!-- owner: sales -->\n\n# Prices\n\nText.\n", title: "Prices", not: []string{"<h1"}},
		{name: "after a badge", src: "[![build](badge.svg)](ci)\n\n# Prices\n\nText.\n", title: "Prices", want: []string{`<img src="badge.svg"`}, not: []string{"<h1"}},
		{name: "after a blank paragraph", src: "&nbsp;\n\n# Prices\n", title: "Prices", not: []string{"<h1"}},
		{name: "after a lower heading", src: "## Summary\n\n# Prices\n", title: "Prices", want: []string{"<h2", "Summary"}, not: []string{"<h1"}},
		{name: "the first of two", src: "# Prices\n\n# Discounts\n", title: "Prices", want: []string{"<h1", "Discounts"}},
		{name: "not in a quote", src: "> # Quoted\n\nText.\n", title: "", want: []string{"<h1", "Quoted"}},
		{name: "not in a list", src: "- # Listed\n", title: "", want: []string{"<h1", "Listed"}},
		{name: "not a level-2 heading", src: "## Prices\n", title: "", want: []string{"<h2"}},
		{name: "titled elsewhere: a leading heading", titled: true, src: "# Prices\n\nText.\n", title: "Prices", not: []string{"<h1"}},
		{name: "titled elsewhere: a later heading stays", titled: true, src: "Intro.\n\n# Part one\n", title: "", want: []string{"<h1", "Part one"}},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parse := c.Parse
			if tt.titled {
				parse = c.ParseTitled
			}
			d, err := parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tt.title {
				t.Errorf("Title = %q, want %q", d.Title, tt.title)
			}
			html, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %q:\n%s", w, html)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(html, n) {
					t.Errorf("HTML has %q:\n%s", n, html)
				}
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	// Explicit ids taken before and after, and equal headings far apart,
	// get the same suffixes as GitHub gives them.
	src := "## A {#a-2}\n\n## A\n\n## A\n\n## A 1\n\n## A\n\n## A {#a-5}\n\n## A\n"
	d, err := New(Options{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID)
	}
	if want := "a-2 a a-1 a-1-1 a-3 a-5 a-4"; strings.Join(got, " ") != want {
		t.Errorf("ids = %s, want %s", strings.Join(got, " "), want)
	}
}

// TestHeadingIDWarnings: an id given twice, or given to a heading after
// another's text made it, is warned of at the later heading; so is one
// starting as the theme's ids do, which a heading's text never makes.
func TestHeadingIDWarnings(t *testing.T) {
	src := "# Title {#t}\n\n## First {#x}\n\n## Second {#x}\n\n## Made\n\n## Given {#made}\n\n## pb-main\n\n## Mine {#pb-mine}\n\n## Again {#t}\n"
	d := mustParse(t, New(Options{}), src)
	var ids []string
	for _, h := range d.Headings {
		ids = append(ids, h.ID)
	}
	if want := "x x made made h-pb-main pb-mine t"; strings.Join(ids, " ") != want {
		t.Errorf("ids = %s, want %s", strings.Join(ids, " "), want)
	}
	var got []string
	for _, w := range d.Warnings {
		if w.Kind == WarnHeadingID {
			got = append(got, fmt.Sprintf("%d:%d: %s", w.Pos.Line, w.Pos.Col, w.Msg))
		}
	}
	want := []string{
		`5:4: heading id "x" is taken by an earlier heading: a link to #x leads there; give this one another`,
		`9:4: heading id "made" is taken by an earlier heading: a link to #made leads there; give this one another`,
		`13:4: heading id "pb-mine" starts with "pb-", which the theme's own ids do: give it another`,
		`15:4: heading id "t" is taken by an earlier heading: a link to #t leads there; give this one another`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func mustParse(t testing.TB, c *Converter, src string) *Doc {
	t.Helper()
	d, err := c.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSections(t *testing.T) {
	c := New(Options{Sections: true})
	src := "# Title\n\nIntro *text*.\n\n## Why it matters {#why}\n\nBecause.\n\n- one\n- two\n\n### Details\n\nMore.\n"
	want := []Section{
		{Text: "Intro text."},
		{ID: "why", Heading: "Why it matters", Text: "Because.\none\ntwo"},
		{ID: "details", Heading: "Details", Text: "More."},
	}
	if got := sections(t, c, mustParse(t, c, src)); !slices.Equal(got, want) {
		t.Errorf("Sections = %q\nwant %q", got, want)
	}
	// A page that opens with a heading has an empty first section.
	if got := sections(t, c, mustParse(t, c, "## Only\n\nText.\n")); len(got) != 2 || got[0] != (Section{}) || got[1].ID != "only" {
		t.Errorf("Sections of a page opening with a heading = %q", got)
	}
	// Without Options.Sections a parse skips the work.
	plain := New(Options{})
	if got := sections(t, plain, mustParse(t, plain, src)); got != nil {
		t.Errorf("Sections without Options.Sections = %q, want none", got)
	}
}

// TestRefusedDocRendersNothing checks that a page beyond a limit gets no
// HTML and no text: goldmark never parses it, not even to render.
func TestRefusedDocRendersNothing(t *testing.T) {
	c := New(Options{Text: true})
	d, err := c.Parse([]byte(strings.Repeat("> ", MaxNesting+1) + "deep\n"))
	if err == nil {
		t.Fatal("not refused")
	}
	if html, err := c.RenderString(d); html != "" || err != nil {
		t.Errorf("Render = %q, %v; want nothing", html, err)
	}
	if secs := sections(t, c, d); len(secs) != 1 || secs[0] != (Section{}) {
		t.Errorf("Sections = %q, want one empty section", secs)
	}
	if text := d.Text(); text != "" {
		t.Errorf("Text = %q, want nothing", text)
	}
}

// TestShortcodeWarnings: a shortcode left as text is a warning at its
// line and column, once for each name (a ref, for each page it names,
// with the link to write, in Markdown if it is in raw HTML); one in code
// is not, nor the tags of rendered ones, nor a ref that is a link's
// target or a definition's; a rendered one never closed is.
func TestShortcodeWarnings(t *testing.T) {
	src := "{{< note >}}\nx\n{{< /note >}}\n\nSee 日本 {{< ref \"a.md\" >}} and {{% ref \"b\" %}}.\n\n`{{< code >}}`\n\n```\n{{< fenced >}}\n```\n\n{{< tabs2 >}}\nt\n{{< /tabs2 >}}\n\n{{< tip >}}\nopen\n\n[c]({{< relref \"c.md\" >}}) [d][] <a href=\"{{< ref \"e.md\" >}}\">e</a> f]({{< ref \"f\" >}})\n<a href='{{< ref \"g.md\" >}}'>g</a>\n\n[d]: {{< ref \"d\" >}}\n"
	d := mustParse(t, New(Options{}), src)
	var got []string
	for _, w := range d.Warnings {
		if w.Kind == WarnNotLink {
			continue
		}
		if w.Kind != WarnShortcode {
			t.Errorf("warning of kind %d: %s", w.Kind, w.Msg)
		}
		got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
	}
	want := []string{
		`17:1: Hugo shortcode "tip" is never closed: add {{< /tip >}} where it ends`,
		`5:8: Hugo shortcode "ref" left as text: playbook reads a ref as a link's target only, [its title]({{< ref "a.md" >}}), or a link definition's`,
		`5:31: Hugo shortcode "ref" left as text: playbook reads a ref as a link's target only, [its title]({{< ref "b" >}}), or a link definition's`,
		`13:1: Hugo shortcode "tabs2" left as text`,
		`20:43: Hugo shortcode "ref" left as text: playbook reads no shortcode in HTML; write the link in Markdown, [its title]({{< ref "e.md" >}})`,
		`20:72: Hugo shortcode "ref" left as text: playbook reads a ref as a link's target only, [its title]({{< ref "f" >}}), or a link definition's`,
		`21:10: Hugo shortcode "ref" left as text: playbook reads no shortcode in HTML; write the link in Markdown, [its title]({{< ref "g.md" >}})`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNotLinkWarnings: link syntax left as text because its target has
// a space is a warning at its place, saying what to write (for a web
// address, %20; for a shortcode, a ref), between HTML tags too; a link
// with a title, one in <>, one in code, one to a Hugo ref is not.
func TestNotLinkWarnings(t *testing.T) {
	src := "See [the callback](Same-day callback), [ok](a.md \"A title\"), [angle](<My File.md>).\n\n" +
		"`[code](x y)` and <span>[html](x y)</span>\n\n```\n[fenced](x y)\n```\n\n- 日本 [two words](My File.md)\n\n" +
		"[site](https://example.com/price list) [mail](mailto:sales team@example.com)\n\n" +
		"[quote]({{< ref page=\"sales/quote\" >}}) [why]({{% relref \"/sales/quote.md#why\" %}}) [tab]({{< tab 1 >}})\n"
	d := mustParse(t, New(Options{}), src)
	var got []string
	for _, w := range d.Warnings {
		if w.Kind != WarnNotLink {
			continue
		}
		got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
	}
	want := []string{
		`1:5: [the callback](Same-day callback) is not a link: its target has a space; name the page's file, as [the callback](same-day-callback.md) if that is its name`,
		`3:25: [html](x y) is not a link: its target has a space; name the page's file, as [html](x-y.md) if that is its name`,
		`9:6: [two words](My File.md) is not a link: its target has a space; write a file name with spaces in <>: [two words](<My File.md>)`,
		`11:1: [site](https://example.com/price list) is not a link: its target has a space; a web address holds none: write each as %20, [site](https://example.com/price%20list)`,
		`11:40: [mail](mailto:sales team@example.com) is not a link: its target has a space; a web address holds none: write each as %20, [mail](mailto:sales%20team@example.com)`,
		`13:1: [quote]({{< ref page="sales/quote" >}}) is not a link: of Hugo's shortcodes, a link's target may be only a ref or relref that gives a path, as [quote]({{< ref "sales/quote.md" >}})`,
		`13:85: [tab]({{< tab 1 >}}) is not a link: of Hugo's shortcodes, a link's target may be only a ref or relref that gives a path, as [tab]({{< ref "sales/quote.md" >}})`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDroppedLinkWarnings: a link or image whose address safe mode drops
// (javascript:, vbscript:, data: but for an image) is a warning at its
// place, once a page for each scheme; unsafe, it is not dropped, and not
// warned of.
func TestDroppedLinkWarnings(t *testing.T) {
	src := "See [a](javascript:alert(1)) and ![i](data:text/html,x).\n\n" +
		"![ok](data:image/png;base64,AA) [v](VBScript:x) [web](https://example.com)\n\n[b](javascript:y)\n"
	for _, unsafe := range []bool{false, true} {
		d := mustParse(t, New(Options{Unsafe: unsafe}), src)
		var got []string
		for _, w := range d.Warnings {
			if w.Kind == WarnNotLink {
				got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
			}
		}
		var want []string
		if !unsafe {
			const why = " address is dropped, as a script could run from it (allowed only where raw HTML is, [markdown] unsafe = true)"
			want = []string{
				"1:5: this link leads nowhere: its javascript:" + why,
				"1:34: this image leads nowhere: its data:" + why,
				"3:33: this link leads nowhere: its vbscript:" + why,
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("unsafe %v: warnings:\n%s\nwant:\n%s", unsafe, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestUndefinedReferenceWarnings: a reference link or a footnote
// reference whose label the page does not define is left as text, and
// warned of at its place with the definition to add; a defined one, one
// escaped and one in code are not.
func TestUndefinedReferenceWarnings(t *testing.T) {
	src := "[ok][r1], [gone][r2], [collapsed][], [Defined][] and `[code][x]` and \\[esc][x].\n\n" +
		"A note[^1], a lost one[^2].\n\n- 日本 [a][b]\n\n```\n[fenced][x] [^9]\n```\n\n" +
		"[r1]: a.md\n[defined]: b.md\n\n[^1]: The note.\n"
	d := mustParse(t, New(Options{}), src)
	var got []string
	for _, w := range d.Warnings {
		got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
	}
	want := []string{
		`1:11: [gone][r2] is not a link: this page defines no [r2]; add a line [r2]: and the file it names, or write [gone](file.md)`,
		`1:23: [collapsed][] is not a link: this page defines no [collapsed]; add a line [collapsed]: and the file it names, or write [collapsed](file.md)`,
		`3:23: [^2] is not a footnote: this page defines no [^2]; add a line [^2]: and the note`,
		`5:6: [a][b] is not a link: this page defines no [b]; add a line [b]: and the file it names, or write [a](file.md)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestGitHubHeadingIDs checks heading ids against those GitHub gives the
// same headings, so that links written for a Git host keep working.
func TestGitHubHeadingIDs(t *testing.T) {
	for _, tc := range []struct{ heading, id string }{
		{"## Instagram <a name=\"instagram\"></a>", "instagram-"},
		{"## Use **bold** and `code`", "use-bold-and-code"},
		{"## See [the price list](prices.md)", "see-the-price-list"},
		{"## - Leading hyphen", "--leading-hyphen"},
		{"## Trailing (see below) -", "trailing-see-below--"},
		{"## 営業の進め方（概要）", "営業の進め方概要"},
		{"## snake_case & Co.", "snake_case--co"},
		{"## Café 2026", "café-2026"},
	} {
		t.Run(tc.heading, func(t *testing.T) {
			d := mustParse(t, New(Options{}), tc.heading+"\n")
			if len(d.Headings) != 1 || d.Headings[0].ID != tc.id {
				t.Errorf("headings = %+v, want id %q", d.Headings, tc.id)
			}
		})
	}
}

// TestAnchors checks the ids a fragment may point at besides headings: the
// title's, and those raw HTML sets.
func TestAnchors(t *testing.T) {
	src := "# Product Marketing <a id=\"pm\"></a>\n\n### Instagram <a name=\"instagram\"></a>\n\n<div id=\"block-anchor\">\nx\n</div>\n\nText <span id='inline'>here</span> and <b name=\"not-an-anchor\">b</b>.\n"
	for _, unsafe := range []bool{false, true} {
		d := mustParse(t, New(Options{Unsafe: unsafe}), src)
		if d.TitleID != "product-marketing-" {
			t.Errorf("unsafe=%v: TitleID = %q", unsafe, d.TitleID)
		}
		for _, id := range []string{"product-marketing-", "pm", "instagram-", "instagram", "block-anchor", "inline"} {
			if !d.HasID(id) {
				t.Errorf("unsafe=%v: IDs lacks %q: %v", unsafe, id, d.IDs)
			}
		}
		if d.HasID("not-an-anchor") {
			t.Errorf("unsafe=%v: the name of a <b> is taken as an anchor", unsafe)
		}
	}
	// Block attributes give a paragraph, a list, a quote or a table the id
	// the page then shows.
	for _, unsafe := range []bool{false, true} {
		c := New(Options{Unsafe: unsafe})
		d := mustParse(t, c, "A lead.\n{.lead #intro}\n\n- a\n\n{#steps}\n\n> q\n\n{#quote}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n{#prices}\n")
		html, err := c.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"intro", "steps", "quote", "prices"} {
			if !d.HasID(id) {
				t.Errorf("unsafe=%v: IDs lacks the block attribute's %q: %v", unsafe, id, d.IDs)
			}
			if !strings.Contains(html, `id="`+id+`"`) {
				t.Errorf("unsafe=%v: the page lacks id %q:\n%s", unsafe, id, html)
			}
		}
	}
	// An id set twice is listed once; the list is sorted, as HasID needs.
	d := mustParse(t, New(Options{}), "## B\n\n<a id=\"a\"></a><a name=\"a\"></a><a id=\"b\"></a>\n")
	if want := []string{"a", "b"}; !slices.Equal(d.IDs, want) {
		t.Errorf("IDs = %q, want %q", d.IDs, want)
	}
	d = mustParse(t, New(Options{}), "# Product Marketing\n\n## Product Marketing\n")
	if d.TitleID != "product-marketing" || d.Headings[0].ID != "product-marketing-1" {
		t.Errorf("TitleID = %q, heading %q; want the title first, as on GitHub", d.TitleID, d.Headings[0].ID)
	}
}

// TestRenderFillsHolesAsGoldmark renders documents with links of every
// kind, some set anew, and compares the HTML with goldmark's own, rendered
// from a tree whose destinations were set before rendering.
func TestRenderFillsHolesAsGoldmark(t *testing.T) {
	src := "# T\n\n[a](a.md#x) ![i *alt*](i%20x.png \"t\") [s](<b c.md>) [e](e&amp;.md) [j](javascript:x) [r][r]\n\n" +
		"> - [q](q.md) in a quote [^n]\n\n| [t](t.md) | ![u](u.png) |\n|---|---|\n\n![outer [inner](in.md)](o.png)\n\n" +
		"[![badge](b.svg)](ci.md)\n\n<a href=\"h.md\">raw</a> <img src=\"r&amp;.png\">\n\n[^n]: note [f](f.md)\n\n[r]: ../r.md\n\n```go\n[not](a link)\n```\n\n\xff0\xff text with a stray byte\n"
	set := map[int]string{0: "../a/#x", 2: `../b c/"<q>`, 3: "../e/?a=1&b=2", 6: "javascript:alert(1)", 11: "../ci/", 13: `../h/?a=1&b="2"`}
	for _, unsafe := range []bool{false, true} {
		c := New(Options{Unsafe: unsafe})
		d, _ := c.Parse([]byte(src))
		for i, dest := range set {
			if i < len(d.Links) {
				d.Links[i].SetDest(dest)
			}
		}
		got, err := c.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		// What goldmark makes of the same page, read as Parse reads it.
		valid := bytes.ToValidUTF8([]byte(src), []byte("\uFFFD"))
		i := 0
		root, _ := c.parse(valid, valid, parseMode{}, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.Link:
				if dest := set[i]; dest != "" {
					n.Destination = []byte(dest)
				}
				i++
			case *ast.Image:
				if dest := set[i]; dest != "" {
					n.Destination = []byte(dest)
				}
				i++
			case *ast.RawHTML, *ast.HTMLBlock:
				for _, l := range rawInfo(n).links {
					if dest := set[i]; dest != "" {
						l.dest = dest
					}
					i++
				}
			}
		})
		var want bytes.Buffer
		if err := c.md.Renderer().Render(&want, valid, root); err != nil {
			t.Fatal(err)
		}
		if got != want.String() {
			t.Errorf("unsafe=%v: HTML differs from goldmark's:\n%s\nwant:\n%s", unsafe, got, want.String())
		}
		if i != len(d.Links) || len(d.Links) < 15 {
			t.Errorf("%d links, %d found again", len(d.Links), i)
		}
	}
}

// sections returns c.Sections(d), failing t on an error.
func sections(t *testing.T, c *Converter, d *Doc) []Section {
	t.Helper()
	secs, err := c.Sections(d)
	if err != nil {
		t.Fatal(err)
	}
	return secs
}

// TestDocStrings checks the strings a Doc keeps of its source, made from
// one buffer at the end of the parse: each where it belongs, trimmed as
// plainText trims (Unicode spaces too).
func TestDocStrings(t *testing.T) {
	src := "#  Big\u00a0*title* {#top}\n\n## \u2003Why *it* `matters`\u00a0 {#why}\n\nSee [a](a.md) and ![b](b.png).[^1]\n\n## Café\n\n## \u00a0\n\n[^1]: x\n"
	d := mustParse(t, New(Options{}), src)
	if d.Title != "Big\u00a0title" || d.TitleID != "top" {
		t.Errorf("title %q, id %q", d.Title, d.TitleID)
	}
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID+"="+h.Text)
	}
	if want := []string{"why=Why it matters", "café=Café", "heading="}; !slices.Equal(got, want) {
		t.Errorf("headings %q, want %q", got, want)
	}
	if len(d.Links) != 2 || d.Links[0].Dest != "a.md" || d.Links[1].Dest != "b.png" || !d.Links[1].Image {
		t.Errorf("links %+v", d.Links)
	}
	if want := []string{"café", "fn:1", "heading", "top", "why"}; !slices.Equal(d.IDs, want) {
		t.Errorf("IDs %q, want %q", d.IDs, want)
	}
}

// TestNilDoc: a page without a file of its own has no Doc, and a layout
// asking it for its text, body or code reads nothing, not a crash.
func TestNilDoc(t *testing.T) {
	var d *Doc
	if d.Text() != "" || d.HasBody() || d.HasCode() {
		t.Error("a nil Doc has text, a body or code")
	}
}
