package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// repeatTo repeats unit until the result is about n bytes long.
func repeatTo(unit string, n int) []byte {
	return bytes.Repeat([]byte(unit), max(n/len(unit), 1))
}

// numbered writes line(i) for i = 0, 1, ... until the result is about n
// bytes long.
func numbered(n int, line func(i int) string) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		b.WriteString(line(i))
	}
	return b.Bytes()
}

// A hostile is a page made to cost goldmark, or us, more than its size.
type hostile struct {
	name string
	gen  func(n int) []byte // a page of about n bytes
	// limit is the error a page of 8 MiB gives, or "" if it builds; line
	// is the line it names.
	limit string
	line  int
}

// paragraphs repeats unit k times in each paragraph.
func paragraphs(unit string, k, n int) []byte {
	return repeatTo(strings.Repeat(unit, k)+"\n\n", n)
}

var hostiles = []hostile{
	{name: "equal headings", gen: func(n int) []byte { return repeatTo("## a\n\n", n) }},
	{name: "equal setext headings", gen: func(n int) []byte { return repeatTo("a\n=\n\n", n) }},
	{name: "lists opened on one line", gen: func(n int) []byte { return repeatTo("- ", n) },
		limit: "too deeply nested: lists and quotes opened on one line (limit 32)", line: 1},
	{name: "quotes opened on one line", gen: func(n int) []byte { return repeatTo(">", n) },
		limit: "too deeply nested: lists and quotes opened on one line (limit 32)", line: 1},
	{name: "numbered lists opened on one line", gen: func(n int) []byte { return append([]byte("text\n\n"), repeatTo("1. ", n)...) },
		limit: "too deeply nested: lists and quotes opened on one line (limit 32)", line: 3},
	{name: "nesting at the limit, then lazy lines", gen: func(n int) []byte {
		return append([]byte(strings.Repeat("> ", MaxNesting)+"a\n"), repeatTo("b\n", n)...)
	}},
	{name: "lists nested by indentation", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return strings.Repeat("  ", i%1000) + "- a\n" })
	}, limit: "too deeply nested: a list or quote marker indented 64 columns or more (limit 32 levels)", line: MaxNesting + 1},
	{name: "lists nested by indentation below the limit", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return strings.Repeat("  ", i%MaxNesting) + "- a\n" })
	}},
	{name: "lists nested by indentation and lazy lines", gen: func(n int) []byte {
		// A lazy line keeps every list open in goldmark.
		return numbered(n, func(i int) string { return strings.Repeat("  ", i) + "- a\n2. b\n" })
	}, limit: "too deeply nested: a list or quote marker indented 64 columns or more (limit 32 levels)", line: 2*MaxNesting + 1},
	{name: "quotes in lists nested by indentation", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return strings.Repeat("  ", i%1000) + "> - a\n" })
	}, limit: "too deeply nested: a list or quote marker indented 64 columns or more (limit 32 levels)", line: MaxNesting},
	{name: "many footnotes", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return fmt.Sprintf("[^%d]\n\n[^%d]: x\n\n", i, i) })
	}, limit: "too many footnotes (limit 10000)", line: 4*(MaxFootnotes/2) + 1},
	{name: "many footnote references", gen: func(n int) []byte { return append([]byte("[^a]: x\n\n"), repeatTo("[^a]\n\n", n)...) },
		limit: "too many footnotes (limit 10000)", line: 2 + 2*MaxFootnotes - 1},
	{name: "many reference definitions", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return fmt.Sprintf("[a%d]: /u\n", i) })
	}, limit: "too many link reference definitions in one paragraph (limit 1000)", line: MaxDefinitions + 1},
	{name: "reference definitions with labels on two lines", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return fmt.Sprintf("[a\n%d]: /u\n", i) })
	}, limit: "too many link reference definitions in one paragraph (limit 1000)", line: 2*MaxDefinitions + 1},
	{name: "reference definitions apart", gen: func(n int) []byte {
		return numbered(min(n, 1<<20), func(i int) string { return fmt.Sprintf("[a%d]: /u\n\n", i) })
	}},
	{name: "one long line", gen: func(n int) []byte { return repeatTo("a", n) }},
	{name: "long lines", gen: func(n int) []byte { return repeatTo(strings.Repeat("word ", 20000)+"\n", n) }},
	{name: "emphasis in short paragraphs", gen: func(n int) []byte { return paragraphs("*a**a*", 20, n) }},
	{name: "unmatched emphasis", gen: func(n int) []byte { return repeatTo("*a_", n) },
		limit: "too many emphasis marks (*, _, ~) in one paragraph (limit 250)", line: 1},
	{name: "unmatched emphasis at the limit", gen: func(n int) []byte { return paragraphs("*a_", MaxEmphasis/2, n) }},
	{name: "many links", gen: func(n int) []byte { return repeatTo("[a][a] ", n) },
		limit: "too many brackets \"[\" in one paragraph (limit 100)", line: 1},
	{name: "links in list items", gen: func(n int) []byte { return repeatTo("- [a](b) and [c](d)\n", n) }},
	{name: "unclosed links at the limit", gen: func(n int) []byte { return paragraphs("[a](", MaxBrackets, n) }},
	{name: "nested brackets", gen: func(n int) []byte { return repeatTo("[", n) },
		limit: "too many brackets \"[\" in one paragraph (limit 100)", line: 1},
	{name: "nested brackets at the limit", gen: func(n int) []byte {
		return paragraphs(strings.Repeat("[", MaxBrackets)+strings.Repeat("]", MaxBrackets), 1, n)
	}},
	{name: "table of many rows", gen: func(n int) []byte { return append([]byte("|a|b|\n|-|-|\n"), repeatTo("|[x](y)|*z*|\n", n)...) }},
	{name: "table of many columns", gen: func(n int) []byte {
		return append(append(repeatTo("|a", n/2), "\n"...), repeatTo("|-", n/2)...)
	}},
	{name: "wide table of short rows", gen: func(n int) []byte {
		return append([]byte(strings.Repeat("|a", 1000)+"\n"+strings.Repeat("|-", 1000)+"\n"), repeatTo("x\n", n)...)
	}, limit: "too many empty table cells: rows shorter than their header (limit 100000)", line: 103},
	{name: "undefined reference links", gen: func(n int) []byte { return repeatTo("[a][b]\n\n", n) }},
	{name: "link syntax with spaces", gen: func(n int) []byte { return repeatTo("[a](b c)\n\n", n) }},
	{name: "HTML blocks", gen: func(n int) []byte { return repeatTo("<div>\n\n", n) }},
	{name: "Hugo refs as links", gen: func(n int) []byte { return repeatTo("- [a]({{< ref \"a\" >}}) and [b]({{% relref \"b#c\" %}})\n", n) }},
	{name: "Hugo refs as text", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return fmt.Sprintf("a]({{< ref \"%d\" >}}) ", i) })
	}},
	{name: "Hugo ref definitions' ends on one line", gen: func(n int) []byte { return repeatTo("a]: {{< ref \"a\" >}} ", n) }},
	{name: "code block left open in a Hugo shortcode", gen: func(n int) []byte {
		// Read as code to the end of the page, as the limits read it.
		return append([]byte("{{< note >}}\n```\n{{< /note >}}\n"), repeatTo("[a](", n)...)
	}},
	{name: "indented fence on a paragraph's next line", gen: func(n int) []byte {
		// Goldmark reads it as the paragraph's text, and so do the limits.
		return append([]byte("text\n    ```\n    "), repeatTo("[a](", n)...)
	}, limit: "too many brackets \"[\" in one paragraph (limit 100)", line: 3},
	{name: "indented fence after a MkDocs tab inside 8 other callouts", gen: func(n int) []byte {
		return append([]byte(strings.Repeat(":::note\n", maxCalloutNesting)+"=== \"a\"\n    ```\n    "), repeatTo("[a](", n)...)
	}},
	{name: "indented fence after a MkDocs admonition in a list item", gen: func(n int) []byte {
		return append([]byte("- a\n  !!! note\n    ```\n    "), repeatTo("[a](", n)...)
	}},
	{name: "indented code after a blank line in a Hugo shortcode, its closing tag in it", gen: func(n int) []byte {
		return append([]byte("{{< note >}}\n\n    ```\n    {{< /note >}}\n    "), repeatTo("[a](", n)...)
	}},
	{name: "Docusaurus admonitions opened", gen: func(n int) []byte { return repeatTo(":::note\n", n) }},
	{name: "Docusaurus admonitions opened and closed", gen: func(n int) []byte { return repeatTo(":::note\nx\n:::\n", n) }},
	{name: "lines of colons", gen: func(n int) []byte { return repeatTo(":::\n", n) }},
	{name: "code block left open in a Docusaurus admonition", gen: func(n int) []byte {
		return append([]byte(":::note\n```\n:::\n"), repeatTo("[a](", n)...)
	}},
	{name: "MkDocs admonitions nested by indentation", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return strings.Repeat("    ", i%1000) + "!!! note\n" })
	}},
	{name: "MkDocs admonitions nested, then blank lines", gen: func(n int) []byte {
		var b strings.Builder
		for i := range MaxNesting {
			b.WriteString(strings.Repeat("\t", i) + "!!! note\n")
		}
		return append([]byte(b.String()), repeatTo("\n", n)...)
	}},
	{name: "MkDocs admonitions ended by lazy lines", gen: func(n int) []byte { return repeatTo("!!! note\n    a\nb\n", n) }},
	{name: "MkDocs tabs", gen: func(n int) []byte { return repeatTo("=== \"a\"\n    x\n", n) }},
	{name: "MkDocs tabs nested by indentation", gen: func(n int) []byte {
		return numbered(n, func(i int) string { return strings.Repeat("\t", i%1000) + "=== \"a\"\n" })
	}},
	{name: "Hugo shortcode tags over lines never closed", gen: func(n int) []byte { return repeatTo("{{< figure\n", n) }},
	{name: "Hugo shortcode tag over lines, never closed, then text", gen: func(n int) []byte {
		return append([]byte("{{< note\n"), repeatTo("a b\n", n)...)
	}},
	{name: "Hugo shortcode tags over lines", gen: func(n int) []byte { return repeatTo("{{< note\n  \"t\" >}}\n{{< figure\n  src=\"a\" >}}\n", n) }},
	{name: "code fence of marks", gen: func(n int) []byte {
		return append([]byte("```\n"), repeatTo("[^a] *_~ [x]\n", n)...)
	}},
}

// TestLimitsLetRealPagesThrough parses pages as people write them, near
// the nesting limit's allowance of two columns a level: none is refused.
func TestLimitsLetRealPagesThrough(t *testing.T) {
	outline := func(indent string, levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat(indent, i) + "- level\n")
		}
		return b.String()
	}
	long := func() string {
		var b strings.Builder
		for i := 1; i <= 200; i++ {
			fmt.Fprintf(&b, "%d. Step\n   - detail\n     1. more\n        text\n", i)
		}
		return b.String()
	}
	// code returns 60 lines of Python, each with underscores and
	// brackets, indented by indent.
	code := func(indent string) string {
		var b strings.Builder
		for i := range 60 {
			fmt.Fprintf(&b, "%sresult_%d = data_list[%d][key_name] * my_factor_%d\n", indent, i, i, i)
		}
		return b.String()
	}
	tests := []struct{ name, src string }{
		{"code in MkDocs's tabs, right after their markers", "=== \"Python\"\n    ```python\n" + code("    ") + "    ```\n=== \"Shell\"\n\t```\n" + code("\t") + "\t```\n"},
		{"code in a MkDocs admonition after a blank line", "!!! example\n    Run:\n\n    ```python\n" + code("    ") + "    ```\n"},
		{"code in a tab of an admonition after a blank line", "!!! note\n    === \"A\"\n\n        ```\n" + code("        ") + "        ```\n"},
		{"an outline 32 levels deep by two spaces", outline("  ", 32)},
		{"an outline 16 levels deep by four spaces", outline("    ", 16)},
		{"a long numbered list with nested lists", long()},
		{"deep YAML in a list item's fence", "- item\n\n  ```yaml\n" + strings.ReplaceAll(outline("  ", 60), "- level", "  - key: value") + "  ```\n"},
		{"YAML lists in a fence", "```yaml\n" + outline("  ", 24) + "```\n"},
		{"quotes in an outline", strings.ReplaceAll(outline("  ", 28), "- ", "- > ")},
		{"an arrow far out in text", strings.Repeat("word ", 30) + "\n" + strings.Repeat(" ", 40) + "> a\n"},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := c.Parse([]byte(tt.src)); err != nil {
				t.Errorf("refused: %v", err)
			}
		})
	}
}

// TestHostile parses and renders every hostile page at 128 KiB: each
// builds, or is refused with its limit at the line that crossed it. The
// sizes of a real page are in BenchmarkHostile.
func TestHostile(t *testing.T) {
	c := New(Options{})
	for _, h := range hostiles {
		t.Run(h.name, func(t *testing.T) {
			src := h.gen(128 << 10)
			d, err := c.Parse(src)
			if h.limit == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if _, err := c.RenderString(d); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := fmt.Sprintf("line %d: %s", h.line, h.limit)
			if err == nil || err.Error() != want {
				t.Fatalf("err = %v, want %s", err, want)
			}
		})
	}
}

// BenchmarkHostile parses and renders each hostile page at 8 MiB, the
// largest page the loader reads.
func BenchmarkHostile(b *testing.B) {
	c := New(Options{})
	for _, h := range hostiles {
		src := h.gen(8 << 20)
		b.Run(strings.ReplaceAll(h.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				d, err := c.Parse(src)
				if (err == nil) != (h.limit == "") {
					b.Fatalf("err = %v, want limit %q", err, h.limit)
				}
				if _, err := c.RenderString(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
