package markdown

import (
	"bytes"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/parser"
)

// TestCodeAsHighlighting wants fenced code rendered byte for byte as
// goldmark-highlighting renders it with the same options, for each kind of
// block: a known language (twice, so that the second comes from the
// cache), an unknown one, none, and attributes in the info string.
func TestCodeAsHighlighting(t *testing.T) {
	blocks := map[string]string{
		"known language":        "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n",
		"known language again":  "```go\nx := 1 // one\n```\n",
		"known by alias":        "```sh\necho \"$HOME\" && ls\n```\n",
		"unknown language":      "```nolanguage\n<b>as is</b>\n```\n",
		"no language":           "```\nplain & <raw>\n```\n",
		"empty block":           "```go\n```\n",
		"line numbers":          "```go {linenos=true}\na := 1\nb := 2\n```\n",
		"highlighted lines":     "```go {hl_lines=[2]}\na := 1\nb := 2\n```\n",
		"indented code":         "    indented <code>\n",
		"quoted language":       "> ```python\n> print('hi')\n> ```\n",
		"language with escapes": "```a&b\ntext\n```\n",
	}
	opts := []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})}
	ref := goldmark.New(
		goldmark.WithExtensions(highlighting.NewHighlighting(
			highlighting.WithFormatOptions(opts...),
			highlighting.WithGuessLanguage(false),
		)),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
	c := New(Options{})
	for name, src := range blocks {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			if err := ref.Convert([]byte(src), &want); err != nil {
				t.Fatal(err)
			}
			d, err := c.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if got != want.String() {
				t.Errorf("got\n%s\nwant\n%s", got, want.String())
			}
		})
	}
}
