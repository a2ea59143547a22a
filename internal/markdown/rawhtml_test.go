package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// TestRawHTML renders raw HTML in safe mode (and in unsafe mode where
// said) and compares the whole HTML of the page.
func TestRawHTML(t *testing.T) {
	tests := []struct {
		name   string
		unsafe bool
		src    string
		want   string
	}{
		{
			name: "comments are dropped, inline and as a block",
			src:  "<!-- converted by md-tool -->\n\nText<!-- note --> here.\n",
			want: "<p>Text here.</p>\n",
		},
		{
			name: "a multi-line comment is dropped",
			src:  "<!--\nTODO: check\n-->\nText\n",
			want: "<p>Text</p>\n",
		},
		{
			name: "br in a table cell is kept",
			src:  "| a |\n|---|\n| one<br>two<br/>three |\n",
			want: "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table 1\"><table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>one<br>two<br>three</td>\n</tr>\n</tbody>\n</table></div>\n",
		},
		{
			name: "details and summary are kept around Markdown",
			src:  "<details open>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n",
			want: "<details open>\n<summary>More</summary>\n<p>Hidden <em>text</em>.</p>\n</details>\n",
		},
		{
			name: "kbd, sup, sub and mark are kept",
			src:  "Press <kbd>Ctrl</kbd>, x<sup>2</sup>, H<sub>2</sub>O, <mark>new</mark>.\n",
			want: "<p>Press <kbd>Ctrl</kbd>, x<sup>2</sup>, H<sub>2</sub>O, <mark>new</mark>.</p>\n",
		},
		{
			name: "other tags are escaped, with their text; formatting is kept without its class",
			src:  "A <span class=\"x\">b</span> <script>alert(1)</script> <style>p{}</style> <iframe src=\"x\"></iframe>\n",
			want: "<p>A <span>b</span> &lt;script&gt;alert(1)&lt;/script&gt; &lt;style&gt;p{}&lt;/style&gt; &lt;iframe src=&quot;x&quot;&gt;&lt;/iframe&gt;</p>\n",
		},
		{
			name: "an HTML block of other tags is escaped, not a code box",
			src:  "<form action=\"x\">\nHi\n</form>\n",
			want: "&lt;form action=&quot;x&quot;&gt;\nHi\n&lt;/form&gt;\n",
		},
		{
			name: "a wiki's export of a table and paragraphs keeps them, without their classes",
			src:  "<table class=\"confluenceTable\"><tbody>\n<tr><th class=\"h\">Tier</th><th>Discount</th></tr>\n<tr><td colspan=\"2\" style=\"color:red\"><p><strong>Gold</strong> <em>only</em></p></td></tr>\n</tbody></table>\n",
			want: "<table><tbody>\n<tr><th>Tier</th><th>Discount</th></tr>\n<tr><td colspan=\"2\"><p><strong>Gold</strong> <em>only</em></p></td></tr>\n</tbody></table>\n",
		},
		{
			name: "attributes beyond the safe ones are dropped",
			src:  "<a name=\"top\" id=\"t\" style=\"position:fixed\" onclick=\"x()\" href=\"https://x.org/\" class=\"c\">a</a> <img src=\"https://x.org/i.png\" alt=\"I\" onerror=\"x()\" width=\"9\"> <kbd title=\"t\">k</kbd>\n",
			want: "<p><a name=\"top\" id=\"t\" href=\"https://x.org/\">a</a> <img src=\"https://x.org/i.png\" alt=\"I\" width=\"9\"> <kbd>k</kbd></p>\n",
		},
		{
			name: "a javascript: href is refused, however it is spelt",
			src:  "<a href=\"javascript:alert(1)\">a</a> <a href=\" JaVa&#x53;cript:x\">b</a> <a href=\"java\tscript:x\">c</a> <a href=\"vbscript:x\">d</a>\n",
			want: "<p><a>a</a> <a>b</a> <a>c</a> <a>d</a></p>\n",
		},
		{
			name: "data: URLs are refused but for images",
			src:  "<a href=\"data:text/html,x\">a</a> <img src=\"data:image/png;base64,AA==\" alt=\"\"> <img src=\"data:text/html,x\">\n",
			want: "<p><a>a</a> <img src=\"data:image/png;base64,AA==\" alt=\"\"> <img></p>\n",
		},
		{
			name: "mailto and tel links are kept",
			src:  "<a href=\"mailto:a@b.c\">m</a> <a href=\"tel:+123\">t</a>\n",
			want: "<p><a href=\"mailto:a@b.c\">m</a> <a href=\"tel:+123\">t</a></p>\n",
		},
		{
			name: "an unclosed a is closed at the end of its paragraph",
			src:  "See <a href=\"https://x.org/\">this\n\nNext paragraph.\n",
			want: "<p>See <a href=\"https://x.org/\">this</a></p>\n<p>Next paragraph.</p>\n",
		},
		{
			name: "an unclosed details is closed at the end of the page",
			src:  "<details>\n<summary>S</summary>\n\nText\n",
			want: "<details>\n<summary>S</summary>\n<p>Text</p>\n</details>\n",
		},
		{
			name: "elements closed out of order are closed in order",
			src:  "<kbd><sup>1</kbd></sup>\n",
			want: "<p><kbd><sup>1</sup></kbd></p>\n",
		},
		{
			name: "an end tag with nothing to close is dropped",
			src:  "</details>\n\nA</a> b</kbd>\n",
			want: "<p>A b</p>\n",
		},
		{
			name: "an end tag cannot close what an outer block opened",
			src:  "<details>\n\n- item </details>\n\n</details>\n",
			want: "<details>\n<ul>\n<li>item </li>\n</ul>\n</details>\n",
		},
		{
			name: "character references are kept as text",
			src:  "<kbd>&lt;Enter&gt; &amp; &copy;</kbd>\n",
			want: "<p><kbd>&lt;Enter&gt; &amp; ©</kbd></p>\n",
		},
		{
			name:   "unsafe lets everything through as written",
			unsafe: true,
			src:    "<!-- c -->\n<div style=\"color:red\" onclick=\"x()\">d</div>\n\nA <a href=\"javascript:x\">j</a> <span>s</span>\n",
			want:   "<!-- c -->\n<div style=\"color:red\" onclick=\"x()\">d</div>\n<p>A <a href=\"javascript:x\">j</a> <span>s</span></p>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{Unsafe: tt.unsafe})
			d := mustParse(t, c, tt.src)
			got, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("HTML of %q:\n got: %q\nwant: %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestRawHTMLLinks: the links and images of raw HTML are links of the
// page, at the line and column of their tag, rewritten as Markdown's are,
// in both modes, also after the document is released; their ids are ids
// of the page.
func TestRawHTMLLinks(t *testing.T) {
	src := "Intro [md](a.md).\n\n<p align=\"center\">\n  <a href=\"b.md#x\"><img src=\"logo.png\" alt=\"L\"></a>\n</p>\n\nSee <a href=\"c.md\">c</a> and <a href=\"https://x.org/\">x</a>.\n\n<a name=\"pricing\"></a>\n"
	for _, unsafe := range []bool{false, true} {
		t.Run("unsafe="+strconv.FormatBool(unsafe), func(t *testing.T) {
			c := New(Options{Unsafe: unsafe})
			d := mustParse(t, c, src)
			var links []string
			for i := range d.Links {
				l := &d.Links[i]
				links = append(links, l.Dest+"@"+strconv.Itoa(int(l.Pos.Line))+":"+strconv.Itoa(int(l.Pos.Col))+map[bool]string{true: "(image)"}[l.Image])
				l.SetDest("/new/" + l.Dest)
			}
			if got, want := strings.Join(links, " "), "a.md@1:7 b.md#x@4:3 logo.png@4:20(image) c.md@7:5"; got != want {
				t.Errorf("links = %s, want %s", got, want)
			}
			if !d.HasID("pricing") {
				t.Errorf("IDs = %v, want pricing among them", d.IDs)
			}
			html, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{`<a href="/new/a.md">`, `<a href="/new/b.md#x"><img src="/new/logo.png" alt="L"`, `<a href="/new/c.md">c</a>`, `<a href="https://x.org/">`} {
				if !strings.Contains(html, w) {
					t.Errorf("HTML lacks %s:\n%s", w, html)
				}
			}
		})
	}
}

// TestRawHTMLWarnings: what safe mode shows as text or drops is a warning
// at its line and column, once for each tag name.
func TestRawHTMLWarnings(t *testing.T) {
	c := New(Options{})
	d := mustParse(t, c, "<form>\nx\n</form>\n\n日本語 <div class=\"a\">y</div> <div class=\"b\">w</div> <a href=\"javascript:x\">z</a>\n")
	var got []string
	for _, w := range d.Warnings {
		got = append(got, strconv.Itoa(int(w.Pos.Line))+":"+strconv.Itoa(int(w.Pos.Col))+": "+w.Msg)
	}
	want := []string{
		"1:1: raw HTML <form> shown as text: safe mode keeps the formatting a Git host keeps, no script, style, form or frame (set unsafe = true in [markdown] of site.toml to let all HTML through)",
		"5:5: raw HTML: class of <div> dropped, here and further down the page: safe mode keeps no style, class or script (set unsafe = true in [markdown] of site.toml to keep it)",
		`5:51: raw HTML: href="javascript:x" dropped: only relative, http:, https:, mailto: and tel: links are kept`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := mustParse(t, New(Options{Unsafe: true}), "<div>x</div>\n"); len(d.Warnings) > 0 {
		t.Errorf("unsafe mode warns: %v", d.Warnings)
	}
}
