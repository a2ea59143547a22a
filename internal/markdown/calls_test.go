package markdown

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"playbook/internal/deflate"
)

// testDefs are the shortcodes a site of the tests defines: box, note and
// sub/box (layouts/shortcodes/sub/box.html) read their inner text, icon
// does not.
var testDefs = map[string]ShortcodeDef{"icon": {}, "box": {Inner: true}, "note": {Inner: true}, "sub/box": {Inner: true}}

// echo is a Runner writing what it is given: [name args|inner].
func echo(c *Call, inner string) (string, error) {
	var args []string
	for _, a := range c.Args {
		if a.Key != "" {
			args = append(args, a.Key+"="+a.Value)
		} else {
			args = append(args, a.Value)
		}
	}
	return fmt.Sprintf("[%s %s|%s]", c.Name, strings.Join(args, ","), inner), nil
}

func TestCalls(t *testing.T) {
	tests := []struct {
		name, src, want string
		// calls are the calls' names, parents and ordinals; text their
		// inner texts as written.
		calls string
		warn  string
	}{
		{
			name:  "inline positional",
			src:   `Call {{< icon "phone" >}} or {{< icon mail >}} now.`,
			want:  "<p>Call [icon phone|] or [icon mail|] now.</p>\n",
			calls: "icon -1 0; icon -1 1",
		},
		{
			name:  "named arguments",
			src:   `{{< icon name="phone" size=big label="say \"hi\"" >}}`,
			want:  "[icon name=phone,size=big,label=say \"hi\"|]\n",
			calls: "icon -1 0",
		},
		{
			name:  "a line alone is a block",
			src:   "Before.\n\n{{< icon \"phone\" >}}\n\nAfter.",
			want:  "<p>Before.</p>\n[icon phone|]\n<p>After.</p>\n",
			calls: "icon -1 0",
		},
		{
			name:  "closing itself",
			src:   "{{< box />}}\n\nText {{< box title=\"x\" />}}.",
			want:  "[box |]\n<p>Text [box title=x|].</p>\n",
			calls: "box -1 0; box -1 1",
		},
		{
			name:  "markdown inner",
			src:   "{{% box title=\"T\" %}}\nSee [the quote](quote.md), **now**.\n{{% /box %}}",
			want:  "[box title=T|<p>See <a href=\"quote.md\">the quote</a>, <strong>now</strong>.</p>\n]\n",
			calls: "box -1 0",
		},
		{
			name:  "inline pair",
			src:   "A {{% box %}}**b** c{{% /box %}} d.",
			want:  "<p>A [box |<strong>b</strong> c] d.</p>\n",
			calls: "box -1 0",
		},
		{
			name:  "raw inner keeps its text",
			src:   "{{< note >}}\nraw *x*\n{{< /note >}}",
			want:  "[note |<p>raw <em>x</em></p>\n]\n",
			calls: "note -1 0 \"raw *x*\\n\"",
		},
		{
			name:  "nested",
			src:   "{{% box %}}\nOne {{< icon a >}} and {{% box %}}two {{< icon b >}}{{% /box %}}.\n{{% /box %}}",
			want:  "[box |<p>One [icon a|] and [box |two [icon b|]].</p>\n]\n",
			calls: "box -1 0; icon 0 0; box 0 1; icon 2 0",
		},
		{
			name:  "nested blocks of one name",
			src:   "{{% box %}}\n{{% box %}}\ninner\n{{% /box %}}\nouter\n{{% /box %}}",
			want:  "[box |[box |<p>inner</p>\n]\n<p>outer</p>\n]\n",
			calls: "box -1 0; box 0 0",
		},
		{
			name:  "a site's shortcode replaces the built-in",
			src:   "{{< note >}}\nHi\n{{< /note >}}",
			want:  "[note |<p>Hi</p>\n]\n",
			calls: "note -1 0 \"Hi\\n\"",
		},
		{
			name: "unknown name left as text",
			src:  "{{< pricing-table >}}\n\nA {{< price \"x\" >}}.",
			want: "<p>{{&lt; pricing-table &gt;}}</p>\n<p>A {{&lt; price &ldquo;x&rdquo; &gt;}}.</p>\n",
			warn: `Hugo shortcode "pricing-table" left as text; Hugo shortcode "price" left as text`,
		},
		{
			name: "never closed",
			src:  "A {{% box %}}b.",
			want: "<p>A {{% box %}}b.</p>\n",
			warn: `Hugo shortcode "box" is never closed: its template reads .Inner; add {{< /box >}} where it ends, or write {{< box />}}`,
		},
		{
			name: "in code",
			src:  "`{{< icon x >}}`\n\n```\n{{< icon y >}}\n```",
			want: "<p><code>{{&lt; icon x &gt;}}</code></p>\n<pre class=\"wrap\"><code>{{&lt; icon y &gt;}}\n</code></pre>\n",
		},
		{
			name:  "a tag over several lines, as Hugo reads it",
			src:   "{{< icon\n    name=\"phone\"\n    size=big >}}\n\nAfter.",
			want:  "[icon name=phone,size=big|]\n<p>After.</p>\n",
			calls: "icon -1 0",
		},
		{
			name:  "a tag over several lines in a paragraph",
			src:   "Call {{< icon\n  \"phone\" >}} now, {{< icon\n  mail\n  %}}, {{% icon\n  mail\n  %}}.",
			want:  "<p>Call [icon phone|] now, {{&lt; icon\nmail\n%}}, [icon mail|].</p>\n",
			calls: "icon -1 0; icon -1 1",
			warn:  `Hugo shortcode "icon" left as text`,
		},
		{
			name:  "an opening tag over several lines, and its inner text",
			src:   "{{< note\n  title=\"T\" >}}\nraw *x*\n{{< /note >}}\n\n- {{% box\n  %}}\n  In the list.\n  {{% /box %}}",
			want:  "[note title=T|<p>raw <em>x</em></p>\n]\n<ul>\n<li>\n[box |<p>In the list.</p>\n]\n</li>\n</ul>\n",
			calls: "note -1 0 \"raw *x*\\n\"; box -1 1",
		},
		{
			name: "a tag over lines with a blank line is text",
			src:  "{{< icon\n\n  x >}}",
			want: "<p>{{&lt; icon</p>\n<p>x &gt;}}</p>\n",
			warn: `Hugo shortcode "icon" left as text`,
		},
		{
			name: "a tag whose lines a list parts is text",
			src:  "A {{< icon\n- x >}}",
			want: "<p>A {{&lt; icon</p>\n<ul>\n<li>x &gt;}}</li>\n</ul>\n",
			warn: `Hugo shortcode "icon" left as text`,
		},
		{
			name:  "a name with the folder of its template",
			src:   "{{< sub/box >}}\nA {{< Sub/Box />}}\n{{< /sub/box >}}\n\nB {{% sub/box %}}c{{% /sub/box %}} {{< sub/icon >}}",
			want:  "[sub/box |<p>A [sub/box |]</p>\n]\n<p>B [sub/box |c] {{&lt; sub/icon &gt;}}</p>\n",
			calls: "sub/box -1 0 \"A {{< Sub/Box />}}\\n\"; sub/box 0 0; sub/box -1 1",
			warn:  `Hugo shortcode "sub/icon" left as text`,
		},
		{
			name:  "ref stays a link",
			src:   `[Quote]({{< ref "quote.md" >}}) {{< icon x >}}`,
			want:  "<p><a href=\"quote.md\">Quote</a> [icon x|]</p>\n",
			calls: "icon -1 0",
		},
	}
	c := New(Options{Shortcodes: testDefs})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := c.Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.RenderWith(d, echo)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			var calls []string
			for _, c := range d.Calls {
				s := fmt.Sprintf("%s %d %d", c.Name, c.Parent, c.Ordinal)
				if !c.Markdown && c.Paired {
					s += fmt.Sprintf(" %q", c.Text)
				}
				calls = append(calls, s)
			}
			if got := strings.Join(calls, "; "); got != tt.calls {
				t.Errorf("calls %q, want %q", got, tt.calls)
			}
			var warns []string
			for _, w := range d.Warnings {
				warns = append(warns, w.Msg)
			}
			if got := strings.Join(warns, "; "); got != tt.warn {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestCallsPos checks that a call knows where it is, for its errors.
func TestCallsPos(t *testing.T) {
	c := New(Options{Shortcodes: testDefs})
	d, err := c.Parse([]byte("# T\n\nOne\nand é {{< icon x >}}"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Calls) != 1 || d.Calls[0].Pos != (Pos{Line: 4, Col: 7}) {
		t.Errorf("calls %+v, want one at 4:7", d.Calls)
	}
}

// TestCallsPosOverLines checks that a tag written over several lines is
// where its first line is, and that the lines after it are counted.
func TestCallsPosOverLines(t *testing.T) {
	c := New(Options{Shortcodes: testDefs})
	d, err := c.Parse([]byte("{{< icon\n  x >}}\n\nOne {{< icon\n  y >}} and {{< icon z >}}\n\n{{< nope\n  a >}}"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range d.Calls {
		got = append(got, fmt.Sprintf("%d:%d", c.Pos.Line, c.Pos.Col))
	}
	for _, w := range d.Warnings {
		got = append(got, fmt.Sprintf("%d:%d %s", w.Pos.Line, w.Pos.Col, w.Msg))
	}
	want := `1:1; 4:5; 5:13; 7:1 Hugo shortcode "nope" left as text`
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("got %s, want %s", g, want)
	}
}

// TestCallsWithoutDefs checks that a site defining no shortcode reads
// them as text, as before.
func TestCallsWithoutDefs(t *testing.T) {
	d, err := New(Options{}).Parse([]byte("A {{< icon x >}}."))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Calls) != 0 || len(d.Warnings) != 1 {
		t.Errorf("calls %v, warnings %v", d.Calls, d.Warnings)
	}
}

// TestCallsRunError checks that the first error of the runner stops the
// render and is returned as it is.
func TestCallsRunError(t *testing.T) {
	c := New(Options{Shortcodes: testDefs})
	d, err := c.Parse([]byte("{{% box %}}\nA {{< icon x >}}\n{{% /box %}}"))
	if err != nil {
		t.Fatal(err)
	}
	fail := fmt.Errorf("icon fails")
	_, err = c.RenderWith(d, func(c *Call, inner string) (string, error) {
		if c.Name == "icon" {
			return "", fail
		}
		return inner, nil
	})
	if err != fail {
		t.Errorf("got %v, want %v", err, fail)
	}
}

// TestCallsPacked checks that a packed document, as a build keeps it,
// runs its calls once unpacked.
func TestCallsPacked(t *testing.T) {
	spill, err := deflate.NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer spill.Close()
	c := New(Options{Shortcodes: testDefs, Spill: spill})
	d, err := c.Parse([]byte("See [q](q.md) {{% box %}}[r](r.md){{% /box %}} {{< icon x >}}"))
	if err != nil {
		t.Fatal(err)
	}
	d.Links[0].SetDest("q/")
	d.Links[1].SetDest("r/")
	c.Pack(d)
	u, err := c.Unpacked(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.RenderWith(u, echo)
	if want := "<p>See <a href=\"q/\">q</a> [box |<a href=\"r/\">r</a>] [icon x|]</p>\n"; got != want || err != nil {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
}

func TestMarkdownify(t *testing.T) {
	c := New(Options{Shortcodes: testDefs})
	for src, want := range map[string]string{
		"**b** [x](x.md)":       `<strong>b</strong> <a href="x.md">x</a>`,
		"# Title\n\nText":       "<h1 id=\"title\">Title<a class=\"anchor\" href=\"#title\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h1>\n<p>Text</p>\n",
		"{{< icon x >}}":        "{{&lt; icon x &gt;}}",
		"<script>x</script> ok": "&lt;script&gt;x&lt;/script&gt; ok",
	} {
		got, err := c.Markdownify(src)
		if err != nil || got != want {
			t.Errorf("Markdownify(%q) = %q, %v; want %q", src, got, err, want)
		}
	}
}

// hostileCalls returns pages of many calls, or of calls nested deep, or
// never closed, by the name of each: of n calls, or n/5 nested; about a
// megabyte for n = 100,000.
func hostileCalls(n int) map[string]string {
	return map[string]string{
		"many inline":        strings.Repeat("a {{< icon x >}} ", n),
		"many on one line":   strings.Repeat("{{< icon x >}}", n),
		"never closed":       strings.Repeat("{{% box %}} {{< box ", n/2),
		"nested inline":      strings.Repeat("{{% box %}}", n/5) + "x" + strings.Repeat("{{% /box %}}", n/5),
		"nested blocks":      strings.Repeat("{{% box %}}\n", n/20) + "x\n" + strings.Repeat("{{% /box %}}\n", n/20),
		"closing tags alone": strings.Repeat("{{% /box %}} ", n),
		"long arguments":     strings.Repeat("{{< icon "+strings.Repeat("a ", n/20)+" ", 100),
		"many inline pairs":  strings.Repeat("{{% box %}}x{{% /box %}} ", n),
		// Each "{{<" reads at most maxTagLen bytes for the end of its tag.
		"never closed over lines":    "{{< icon\n" + strings.Repeat("a b\n", n),
		"many never closed on lines": strings.Repeat("{{< icon\n", n),
		"many tags over lines":       strings.Repeat("{{< icon\n  x >}} a\n{{% box\n  %}}\nx\n{{% /box %}}\n", n/4),
	}
}

// TestCallsHostile: each hostile page of calls parses and renders, its
// calls nested no deeper than maxCallNesting. Their time, at ten times
// the size, is BenchmarkCallsHostile's.
func TestCallsHostile(t *testing.T) {
	c := New(Options{Shortcodes: testDefs})
	for name, src := range hostileCalls(10_000) {
		t.Run(name, func(t *testing.T) {
			d, err := c.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.RenderWith(d, echo); err != nil {
				t.Fatal(err)
			}
			depth := 0
			for i := range d.Calls {
				n := 0
				for p := d.Calls[i].Parent; p >= 0; p = d.Calls[p].Parent {
					n++
				}
				depth = max(depth, n)
			}
			if depth > maxCallNesting {
				t.Errorf("calls %d deep", depth)
			}
		})
	}
}

// BenchmarkCallsHostile parses and renders each hostile page of calls:
// a page written by hand takes milliseconds, and these a second at most.
func BenchmarkCallsHostile(b *testing.B) {
	c := New(Options{Shortcodes: testDefs})
	pages := hostileCalls(100_000)
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		src := []byte(pages[name])
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			cpu := cpuSeconds()
			for b.Loop() {
				d, err := c.Parse(src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.RenderWith(d, echo); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuSeconds()-cpu)/float64(b.N), "cpu-s/op")
		})
	}
}

// TestCallsInHeadings checks that a heading holding a call is read with
// the call's text, where its shortcode gives it: its text, its id and
// the links to it.
func TestCallsInHeadings(t *testing.T) {
	defs := maps.Clone(testDefs)
	defs["phone"] = ShortcodeDef{Text: func(c *Call) (string, bool) { return "555 0100" + c.Text, true }}
	defs["pagename"] = ShortcodeDef{Inner: true, Text: func(*Call) (string, bool) { return "", false }}
	c := New(Options{Shortcodes: defs})
	d, err := c.Parse([]byte("# Dial {{< phone >}}\n\n## Call {{< phone >}} now\n\n## Call {{< icon x >}} now\n\n" +
		"## A {{< pagename >}}*b*{{< /pagename >}}\n\nSee [above](#call-555-0100-now), {{< phone >}}."))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range d.Headings {
		got = append(got, h.ID+" "+h.Text)
	}
	want := "call-555-0100-now Call 555 0100 now; call--now Call  now; a-b A b"
	if g := strings.Join(got, "; "); g != want || d.Title != "Dial 555 0100" || d.TitleID != "dial-555-0100" {
		t.Errorf("headings %q, title %q #%s; want %q, title \"Dial 555 0100\" #dial-555-0100", g, d.Title, d.TitleID, want)
	}
	html, err := c.RenderWith(d, echo)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<h2 id="call-555-0100-now">Call [phone |] now<a class="anchor" href="#call-555-0100-now"`, `<p>See <a href="#call-555-0100-now">above</a>, [phone |].</p>`} {
		if !strings.Contains(html, w) {
			t.Errorf("HTML lacks %s:\n%s", w, html)
		}
	}
}
