package markdown

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// parseOnlyPage has a piece of every kind a parse learns: a title with
// an id, headings, links and images in Markdown and in raw HTML, anchors,
// a footnote, a shortcode and raw HTML that safe mode drops (warnings),
// an alert, code to highlight and a table.
const parseOnlyPage = "# The Title {#custom}\n\n" +
	"Intro with a [link](other.md#part) and ![a picture](pic.png \"t\").\n\n" +
	"## Section one\n\n" +
	"<div id=\"anchor\">raw <b>bold</b> and <a href=\"raw.md\">a raw link</a></div>\n\n" +
	"<script>alert(1)</script>\n\n" +
	"{{< figure src=\"x.png\" >}}\n\n" +
	"A footnote[^1] and a <a name=\"old-anchor\"></a> named anchor.\n\n" +
	"[^1]: The note, linking [there](/promises/).\n\n" +
	"> [!WARNING]\n> Careful with [this](#section-one).\n\n" +
	"```go\nfunc main() {}\n```\n\n" +
	"| a | b |\n|---|---|\n| [cell](c.md) | x |\n\n" +
	"## Section one\n\nThe same heading again.\n"

// TestParseOnly parses pages with and without Options.ParseOnly and
// checks that a document parsed without its HTML holds everything else
// the full parse finds, and that rendering it is an error, not a page
// without its text.
func TestParseOnly(t *testing.T) {
	srcs := map[string][]byte{"every kind": []byte(parseOnlyPage)}
	pages, err := filepath.Glob("../../content/*/*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("the example playbook's pages: %v (%d found)", err, len(pages))
	}
	for _, name := range pages {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = b
	}
	for _, h := range hostiles {
		srcs["hostile: "+h.name] = h.gen(8 << 10)
	}

	var seen struct{ headings, links, ids, warnings, refused int }
	for _, unsafe := range []bool{false, true} {
		full := New(Options{Unsafe: unsafe, Text: true})
		only := New(Options{Unsafe: unsafe, Text: true, ParseOnly: true})
		for name, src := range srcs {
			for _, titled := range []bool{false, true} {
				parse := (*Converter).Parse
				if titled {
					parse = (*Converter).ParseTitled
				}
				want, wantErr := parse(full, src)
				got, gotErr := parse(only, src)
				if errText(gotErr) != errText(wantErr) {
					t.Errorf("%s (unsafe %v, titled %v): error %q, a full parse %q", name, unsafe, titled, errText(gotErr), errText(wantErr))
					continue
				}
				type learnt struct {
					Title, TitleID string
					Headings       []Heading
					Links          []Link
					IDs            []string
					Warnings       []Warning
					Text           string
				}
				of := func(d *Doc) learnt {
					return learnt{d.Title, d.TitleID, d.Headings, d.Links, d.IDs, d.Warnings, d.Text()}
				}
				if !reflect.DeepEqual(of(got), of(want)) {
					t.Errorf("%s (unsafe %v, titled %v):\n got  %+v\n want %+v", name, unsafe, titled, of(got), of(want))
				}
				seen.headings += len(got.Headings)
				seen.links += len(got.Links)
				seen.ids += len(got.IDs)
				seen.warnings += len(got.Warnings)
				if got.refused {
					seen.refused++
					continue // it has no HTML either way
				}
				if _, err := full.RenderString(want); err != nil {
					t.Errorf("%s: a full parse does not render: %v", name, err)
				}
				if html, err := only.RenderString(got); err == nil {
					t.Errorf("%s: a document parsed without its HTML rendered %d bytes", name, len(html))
				}
			}
		}
	}
	if seen.headings == 0 || seen.links == 0 || seen.ids == 0 || seen.warnings == 0 || seen.refused == 0 {
		t.Errorf("the pages compared lack a kind: %+v", seen)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
