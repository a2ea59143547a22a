package render

import (
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"playbook/internal/site"
)

// FuzzRender loads a small site with the fuzzed page and a page it may
// link to, and renders it with links rewritten: rendering must never panic,
// and every page must come out as valid UTF-8.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"",
		"# T\n\n[b](b.md#why) [x](../x.md) ![i](b.md)\n",
		"[b][r] [c]\n\n[r]: b.md#why\n[c]: <b.md> \"t\"\n",
		"## A {#a style=\"x\" class=\"c\"}\n\n[up](#a)\n",
		"> [!NOTE]\n> - [b](b.md)\n>   1. *x*[^1]\n\n[^1]: [b](b.md)\n",
		"| [b](b.md) | `x` |\n|---|---|\n| ~~y~~ |\n",
		"```go\nfunc f() {}\n```\n\n<div>raw</div>\n",
		"[[[[a](b.md)]]](b.md)\n",
		"{{< tabs \"x\" >}}\n{{< tab \"A\" >}}\n[b](b.md)\n{{< /tab >}}\n{{< /tabs >}}\n\n{{< gist u 1 >}}\n",
		"+++\nlinkTitle = \"L\"\n+++\n```text {hl_lines=1}\nx\n```\n\n[x]: b.md\n\n<!-- c -->\n",
		"!!! note \"T\"\n    [b](b.md)\n\n    ???+ tip\n    \t- x\nlazy\n\n=== \"A\"\n    ```\n    x\n    ```\n===! \"\"\n   y\n",
		"::::note[T]\n:::tip x\n[b](b.md)\n```\n:::\n```\n:::\n::::\n:::\n\n::: details\n:::sparkle\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{
			"site.toml":         {Data: []byte("title = \"F\"\n")},
			"content/_index.md": {Data: []byte("# Home\n")},
			"content/a.md":      {Data: page},
			"content/b.md":      {Data: []byte("# B\n\n## Why\n\n[a](a.md)\n")},
		}
		s, _ := site.Load(fsys, site.Options{Now: testNow})
		out := renderMem(t, fsys, s, Options{})
		for _, name := range out.Names() {
			data, _ := out.File(name)
			if !utf8.Valid(data) {
				t.Fatalf("%s is not valid UTF-8", name)
			}
		}
	})
}
