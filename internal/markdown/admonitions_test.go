package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// alertHTML returns the HTML of an alert of variant titled title holding
// body.
func alertHTML(variant, title, body string) string {
	return `<div class="alert alert-` + variant + `" role="note"><p class="alert-title">` + title + "</p>\n" + body + "</div>\n"
}

// tabsHTML returns the HTML of a set of tabs, each a name and its body,
// as Hugo's tabs are rendered.
func tabsHTML(tabs ...string) string {
	var b strings.Builder
	b.WriteString(`<div class="tabs">` + "\n")
	for i := 0; i < len(tabs); i += 2 {
		b.WriteString(`<details class="tab" open>` + "\n<summary>" + tabs[i] + "</summary>\n" + tabs[i+1] + "</details>\n")
	}
	b.WriteString("</div>\n")
	return b.String()
}

// TestAdmonitions renders the admonitions of MkDocs and Docusaurus,
// MkDocs's content tabs and VitePress's code groups, written well and
// badly: each page's whole HTML.
func TestAdmonitions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "MkDocs: a title, then Markdown indented 4 spaces, blank lines among it",
			src:  "!!! warning \"Before you <quote>\"\n    Check *stock*.\n\n    - one\n    - [two](two.md)\n\n    ## Inside\n\n    ```\n    code\n    ```\n\nAfter.\n",
			want: alertHTML("warning", "Before you &lt;quote&gt;", "<p>Check <em>stock</em>.</p>\n<ul>\n<li>one</li>\n<li><a href=\"two.md\">two</a></li>\n</ul>\n"+
				`<h2 id="inside">Inside<a class="anchor" href="#inside" aria-hidden="true" tabindex="-1">#</a></h2>`+"\n<pre class=\"wrap\"><code>code\n</code></pre>\n") + "<p>After.</p>\n",
		},
		{
			name: "MkDocs: no title is the variant's word, a title \"\" none",
			src:  "!!! note\n    A.\n\n!!! danger \"\"\n    B.\n",
			want: alertHTML("note", "Note", "<p>A.</p>\n") + `<div class="alert alert-caution" role="note">` + "\n<p>B.</p>\n</div>\n",
		},
		{
			name: "MkDocs: folded closed and open; a title \"\" keeps the word to open it by",
			src:  "??? tip \"Why\"\n    Because.\n\n???+ bug\n    Open.\n\n??? note \"\"\n    x\n",
			want: "<details class=\"alert alert-tip\">\n<summary class=\"alert-title\">Why</summary>\n<p>Because.</p>\n</details>\n" +
				"<details class=\"alert alert-caution\" open>\n<summary class=\"alert-title\">Bug</summary>\n<p>Open.</p>\n</details>\n" +
				"<details class=\"alert alert-note\">\n<summary class=\"alert-title\">Note</summary>\n<p>x</p>\n</details>\n",
		},
		{
			name: "MkDocs: classes after the kind, the kind in capitals, no space after the marks",
			src:  "!!! note inline end \"Aside\"\n    A.\n\n!!! Success\n    B.\n\n!!!attention\n    C.\n",
			want: alertHTML("note", "Aside", "<p>A.</p>\n") + alertHTML("tip", "Success", "<p>B.</p>\n") + alertHTML("warning", "Attention", "<p>C.</p>\n"),
		},
		{
			name: "MkDocs: Material's kinds and their other names, each titled by its kind",
			src:  "!!! abstract\n    a\n!!! tldr\n    a\n!!! todo\n    a\n!!! faq\n    a\n!!! example\n    a\n!!! cite\n    a\n!!! done\n    a\n!!! important\n    a\n!!! caution\n    a\n!!! missing\n    a\n!!! error\n    a\n",
			want: alertHTML("note", "Abstract", "<p>a</p>\n") + alertHTML("note", "Tldr", "<p>a</p>\n") + alertHTML("note", "Todo", "<p>a</p>\n") +
				alertHTML("note", "Faq", "<p>a</p>\n") + alertHTML("note", "Example", "<p>a</p>\n") + alertHTML("note", "Cite", "<p>a</p>\n") +
				alertHTML("tip", "Done", "<p>a</p>\n") + alertHTML("important", "Important", "<p>a</p>\n") + alertHTML("caution", "Caution", "<p>a</p>\n") +
				alertHTML("caution", "Missing", "<p>a</p>\n") + alertHTML("caution", "Error", "<p>a</p>\n"),
		},
		{
			name: "MkDocs: an unknown kind is a note, titled by its kind",
			src:  "!!! sparkle \"Shiny\"\n    x\n\n!!! sparkle\n    y\n",
			want: alertHTML("note", "Shiny", "<p>x</p>\n") + alertHTML("note", "Sparkle", "<p>y</p>\n"),
		},
		{
			name: "MkDocs: nested by 8 spaces, and back to the outer one",
			src:  "!!! note\n    Outer.\n\n    !!! tip\n        Inner.\n\n            code\n\n    Outer again.\n",
			want: alertHTML("note", "Note", "<p>Outer.</p>\n"+alertHTML("tip", "Tip", "<p>Inner.</p>\n<pre><code>code\n</code></pre>\n")+"<p>Outer again.</p>\n"),
		},
		{
			name: "MkDocs: a line less indented ends it, after a blank line or not (no lazy line)",
			src:  "!!! note\n    In.\nOut.\n\n!!! tip\n    In.\n\nOut.\n",
			want: alertHTML("note", "Note", "<p>In.</p>\n") + "<p>Out.</p>\n" + alertHTML("tip", "Tip", "<p>In.</p>\n") + "<p>Out.</p>\n",
		},
		{
			name: "MkDocs: a tab is 4 columns, 2 spaces and a tab too",
			src:  "!!! note\n\tTab.\n\n  \tSpaces and tab.\n",
			want: alertHTML("note", "Note", "<p>Tab.</p>\n<p>Spaces and tab.</p>\n"),
		},
		{
			name: "MkDocs: content indented 3 spaces is not the admonition's",
			src:  "!!! note\n   Three.\n\n!!! note\n    Four.\n",
			want: alertHTML("note", "Note", "") + "<p>Three.</p>\n" + alertHTML("note", "Note", "<p>Four.</p>\n"),
		},
		{
			name: "MkDocs: a marker not at the start of a line, without a kind, or of other words, is text",
			src:  "See !!! note here.\n\n!!! \"Title\"\n\n!!! Warning: stop\n\n?? tip\n\n!!! note\"x\"\n",
			want: "<p>See !!! note here.</p>\n<p>!!! &ldquo;Title&rdquo;</p>\n<p>!!! Warning: stop</p>\n<p>?? tip</p>\n<p>!!! note&quot;x&quot;</p>\n",
		},
		{
			name: "MkDocs: markers in code are text",
			src:  "```\n!!! note\n    x\n=== \"T\"\n```\n\n`!!! note`\n",
			want: "<pre class=\"wrap\"><code>!!! note\n    x\n=== &quot;T&quot;\n</code></pre>\n<p><code>!!! note</code></p>\n",
		},
		{
			name: "MkDocs: in a list item and in a quote, after a paragraph",
			src:  "1. Step\n\n    !!! tip\n        In the step.\n\n> !!! note\n>     Quoted.\n\nText\n!!! note\n    x\n",
			want: "<ol>\n<li>\n<p>Step</p>\n" + alertHTML("tip", "Tip", "<p>In the step.</p>\n") + "</li>\n</ol>\n" +
				"<blockquote>\n" + alertHTML("note", "Note", "<p>Quoted.</p>\n") + "</blockquote>\n<p>Text</p>\n" + alertHTML("note", "Note", "<p>x</p>\n"),
		},
		{
			name: "MkDocs: CRLF line endings",
			src:  "!!! warning \"Quote\"\r\n    Check.\r\n\r\n    More.\r\nAfter.\r\n\r\n=== \"A\"\r\n    a\r\n=== \"B\"\r\n    b\r\n",
			want: alertHTML("warning", "Quote", "<p>Check.</p>\n<p>More.</p>\n") + "<p>After.</p>\n" + tabsHTML("A", "<p>a</p>\n", "B", "<p>b</p>\n"),
		},
		{
			name: "tabs: one set over blank lines, rendered as Hugo's tabs",
			src:  "=== \"Phone\"\n    Call *back*.\n\n=== \"Email <b>\"\n\n    Reply.\n\n===+ \"\"\n    Chat.\n\nAfter.\n",
			want: tabsHTML("Phone", "<p>Call <em>back</em>.</p>\n", "Email &lt;b&gt;", "<p>Reply.</p>\n", "Tab", "<p>Chat.</p>\n") + "<p>After.</p>\n",
		},
		{
			name: "tabs: ===! starts a set anew, a line less indented ends one",
			src:  "=== \"A\"\n    a\n===! \"B\"\n    b\n=== \"C\"\n    c\nEnd.\n",
			want: tabsHTML("A", "<p>a</p>\n") + tabsHTML("B", "<p>b</p>\n", "C", "<p>c</p>\n") + "<p>End.</p>\n",
		},
		{
			name: "tabs: in an admonition, an admonition in a tab, a tab without quotes is text",
			src:  "!!! note\n    === \"A\"\n        !!! tip\n            x\n\n=== A\n",
			want: alertHTML("note", "Note", tabsHTML("A", alertHTML("tip", "Tip", "<p>x</p>\n"))) + "<p>=== A</p>\n",
		},
		{
			name: "Docusaurus: a title after a space, in brackets, none; attributes passed over",
			src:  ":::tip\nPlain [link](a.md).\n:::\n\n:::warning Before you quote\nCheck.\n:::\n\n:::danger[Stop <here>]{#stop}\nRed.\n:::\n\n:::note{.x}\nN.\n:::\n",
			want: alertHTML("tip", "Tip", "<p>Plain <a href=\"a.md\">link</a>.</p>\n") + alertHTML("warning", "Before you quote", "<p>Check.</p>\n") +
				alertHTML("caution", "Stop &lt;here&gt;", "<p>Red.</p>\n") + alertHTML("note", "Note", "<p>N.</p>\n"),
		},
		{
			name: "Docusaurus: kinds, VitePress's spaced markers and details",
			src:  ":::info\na\n:::\n\n:::caution\nb\n:::\n\n::: important\nc\n:::\n\n::: details Click me\nd\n:::\n\n::: details\ne\n:::\n",
			want: alertHTML("note", "Info", "<p>a</p>\n") + alertHTML("caution", "Caution", "<p>b</p>\n") + alertHTML("important", "Important", "<p>c</p>\n") +
				"<details>\n<summary>Click me</summary>\n<p>d</p>\n</details>\n<details>\n<summary>Details</summary>\n<p>e</p>\n</details>\n",
		},
		{
			name: "Docusaurus: more colons nest, a line of as many or more closes",
			src:  "::::note Outer\nA.\n\n:::tip\nInner.\n:::\n\nB.\n:::::\n\nAfter.\n",
			want: alertHTML("note", "Outer", "<p>A.</p>\n"+alertHTML("tip", "Tip", "<p>Inner.</p>\n")+"<p>B.</p>\n") + "<p>After.</p>\n",
		},
		{
			name: "Docusaurus: as many colons, the first line of them closes the outer one",
			src:  ":::note\nA.\n:::tip\nB.\n:::\n:::\n",
			want: alertHTML("note", "Note", "<p>A.</p>\n"+alertHTML("tip", "Tip", "<p>B.</p>\n")) + "<p>:::</p>\n",
		},
		{
			name: "Docusaurus: never closed, it ends with the page",
			src:  "Before.\n\n:::info\nNever closed.\n\n- a\n",
			want: "<p>Before.</p>\n" + alertHTML("note", "Info", "<p>Never closed.</p>\n<ul>\n<li>a</li>\n</ul>\n"),
		},
		{
			name: "Docusaurus: markers in code are text, a closing line in its code block too",
			src:  "```\n:::tip\n```\n\n:::tip\n```\n:::\n```\n:::\n\n    :::tip\n",
			want: "<pre class=\"wrap\"><code>:::tip\n</code></pre>\n" + alertHTML("tip", "Tip", "<pre class=\"wrap\"><code>:::\n</code></pre>\n") + "<pre><code>:::tip\n</code></pre>\n",
		},
		{
			name: "Docusaurus: an unknown kind is a note, titled by its kind; colons before other text are text",
			src:  ":::sparkle\nx\n:::\n\n:::tip: not one\n\n:: tip\n\n::: {.note}\n",
			want: alertHTML("note", "Sparkle", "<p>x</p>\n") + "<p>:::tip: not one</p>\n<p>:: tip</p>\n<p>::: {.note}</p>\n",
		},
		{
			name: "Docusaurus: CRLF line endings",
			src:  ":::tip[T]\r\nx\r\n:::\r\n",
			want: alertHTML("tip", "T", "<p>x</p>\n"),
		},
		{
			name: "VitePress: a code group's blocks are tabs, titled by the words in brackets, else by their language",
			src:  "::: code-group\n\n```sh [npm]\nnpm install\n```\n\n```sh [pnpm <fast>]\npnpm install\n```\n\n```yaml\nx: 1\n```\n:::\n\nAfter.\n",
			want: tabsHTML("npm", `<pre tabindex="0" class="chroma"><code><span class="line"><span class="cl">npm install`+"\n</span></span></code></pre>",
				"pnpm &lt;fast&gt;", `<pre tabindex="0" class="chroma"><code><span class="line"><span class="cl">pnpm install`+"\n</span></span></code></pre>",
				"yaml", `<pre tabindex="0" class="chroma"><code><span class="line"><span class="cl"><span class="nt">x</span><span class="p">:</span><span class="w"> </span><span class="m">1</span><span class="w">`+"\n</span></span></span></code></pre>") +
				"<p>After.</p>\n",
		},
		{
			name: "VitePress: text between a code group's blocks goes with the tab before it, before them above the tabs; a block of no language is a Tab",
			src:  "::::Code-Group\nBefore.\n```\nplain\n```\nBetween.\n```text [A]\na\n```\n::::\n",
			want: `<div class="tabs">` + "\n<p>Before.</p>\n" +
				`<details class="tab" open>` + "\n<summary>Tab</summary>\n<pre class=\"wrap\"><code>plain\n</code></pre>\n<p>Between.</p>\n</details>\n" +
				`<details class="tab" open>` + "\n<summary>A</summary>\n<pre class=\"wrap\"><code>a\n</code></pre>\n</details>\n</div>\n",
		},
		{
			name: "blocks of MkDocs nest 8 deep apart from other callouts",
			src:  strings.Repeat(":::note\n", 8) + "=== \"T\"\n    x\n",
			want: strings.Repeat(`<div class="alert alert-note" role="note"><p class="alert-title">Note</p>`+"\n", 8) + tabsHTML("T", "<p>x</p>\n") + strings.Repeat("</div>\n", 8),
		},
		{
			name: "callouts nest 8 deep; the ninth is text",
			src:  strings.Repeat(":::note\n", 9) + "x\n",
			want: strings.Repeat(`<div class="alert alert-note" role="note"><p class="alert-title">Note</p>`+"\n", 8) + "<p>:::note\nx</p>\n" + strings.Repeat("</div>\n", 8),
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, err := c.RenderString(mustParse(t, c, tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if html != tt.want {
				t.Errorf("HTML\n%s\nwant\n%s", html, tt.want)
			}
		})
	}
}

// TestAdmonitionWarnings: an admonition of a kind playbook does not know,
// one of Docusaurus never closed, a line of colons closing none, and an
// admonition or tab of MkDocs left empty by content indented 3 spaces are
// warnings at their line and column; admonitions and tabs written well,
// one with a title alone, VitePress's code group, and markers in code are
// not.
func TestAdmonitionWarnings(t *testing.T) {
	src := "!!! sparkle\n    x\n\n- :::Glitter[T]\n  y\n  :::\n\n:::note\nA.\n:::tip\nB.\n:::\n:::\n\n" + // 1-13
		"!!! note\n   three\n\n=== \"Phone\"\n\n   call\n\n!!! note \"A title alone\"\n\nText.\n\n" + // 15-24
		"```\n!!! odd\n:::\n```\n\n::: code-group\n```sh [npm]\nx\n```\n:::\n\n:::warning\r\nNever closed.\r\n" // 26-38
	d := mustParse(t, New(Options{}), src)
	var got []string
	for _, w := range d.Warnings {
		if w.Kind != WarnAdmonition {
			t.Errorf("warning of kind %d: %s", w.Kind, w.Msg)
		}
		got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
	}
	want := []string{
		`1:1: admonition "!!! sparkle" is of no kind playbook knows, and shows as a note: write note, tip, important, warning or caution`,
		`4:3: admonition ":::Glitter" is of no kind playbook knows, and shows as a note: write note, tip, important, warning or caution`,
		`10:1: ":::tip" inside ":::note" is never closed: a line ":::" closes the outer one first; write that one with more colons, "::::note"`,
		`13:1: ":::" closes no admonition, and shows as text`,
		`15:1: "!!! note" holds nothing: indent its content 4 spaces`,
		`18:1: tab "Phone" holds nothing: indent its content 4 spaces`,
		`37:1: ":::warning" is never closed: add a line ":::" where it ends`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAdmonitionLinks: the links, images and headings inside admonitions
// and tabs are the page's, at their places, and render as set.
func TestAdmonitionLinks(t *testing.T) {
	src := "!!! note \"N\"\n    See [a](a.md).\n\n    ### Inside\n\n:::tip\n![b](b.png)\n:::\n\n=== \"T\"\n    [c](c.md#x)\n"
	c := New(Options{})
	d := mustParse(t, c, src)
	var links []string
	for i := range d.Links {
		l := &d.Links[i]
		links = append(links, l.Dest+"@"+strconv.Itoa(int(l.Pos.Line))+":"+strconv.Itoa(int(l.Pos.Col)))
		l.SetDest("/to/" + l.Dest)
	}
	if got, want := strings.Join(links, " "), "a.md@2:9 b.png@7:1 c.md#x@11:5"; got != want {
		t.Errorf("links %s, want %s", got, want)
	}
	if len(d.Headings) != 1 || d.Headings[0].ID != "inside" || d.Headings[0].Pos != (Pos{4, 5}) {
		t.Errorf("headings %+v, want one, inside, at 4:5", d.Headings)
	}
	html, err := c.RenderString(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<a href="/to/a.md">a</a>`, `<img src="/to/b.png" alt="b">`, `<a href="/to/c.md#x">c</a>`} {
		if !strings.Contains(html, w) {
			t.Errorf("HTML lacks %s:\n%s", w, html)
		}
	}
}
