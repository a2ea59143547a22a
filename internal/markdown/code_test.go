package markdown

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/parser"
)

// TestCodeAsHighlighting wants fenced code rendered byte for byte as
// goldmark-highlighting renders it with the same options, for each kind of
// block: a known language (twice, so that the second comes from the
// cache), an unknown one, and attributes in the info string. A block of no
// language or of plain text is the theme's own (TestProseCode).
func TestCodeAsHighlighting(t *testing.T) {
	blocks := map[string]string{
		"known language":        "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n",
		"known language again":  "```go\nx := 1 // one\n```\n",
		"known by alias":        "```sh\necho \"$HOME\" && ls\n```\n",
		"unknown language":      "```nolanguage\n<b>as is</b>\n```\n",
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

// TestProseCode wants a block of no language or of plain text written
// escaped, in a pre of class "wrap" that takes no focus, and a block of
// a language, or of plain text with attributes, highlighted in one that
// scrolls.
func TestProseCode(t *testing.T) {
	c := New(Options{})
	for _, tt := range []struct{ src, want string }{
		{"```\nDear <name> & co,\n\nThanks.\n```\n", "<pre class=\"wrap\"><code>Dear &lt;name&gt; &amp; co,\n\nThanks.\n</code></pre>\n"},
		{"```text\n\"Hi\"\n```\n", "<pre class=\"wrap\"><code>&quot;Hi&quot;\n</code></pre>\n"},
		{"```txt\nHi\n```\n", "<pre class=\"wrap\"><code>Hi\n</code></pre>\n"},
		{"```plain\nHi\n```\n", "<pre class=\"wrap\"><code>Hi\n</code></pre>\n"},
		{"> ```\n> quoted\n> ```\n", "<blockquote>\n<pre class=\"wrap\"><code>quoted\n</code></pre>\n</blockquote>\n"},
		{"```\n```\n", "<pre class=\"wrap\"><code></code></pre>\n"},
		{"```go\nx := 1\n```\n", `<pre tabindex="0" class="chroma"><code>`},
		{"```text {linenos=true}\nHi\n```\n", `<pre tabindex="0" class="chroma"><code>`},
	} {
		d, err := c.Parse([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: got\n%s\nwant it to start\n%s", tt.src, got, tt.want)
		}
	}
}

// TestLexerRuleLimit wants every rule of a lexer from withRuleLimit, those its
// includes bring in too, to give up after ruleLimit, not chroma's 250 ms, and the lexer's
// own rules unchanged; the rules are read where chroma hands them out, to
// a rule's mutator as it matches.
func TestLexerRuleLimit(t *testing.T) {
	var seen chroma.CompiledRules
	record := chroma.MutatorFunc(func(s *chroma.LexerState) error {
		seen = s.Rules
		return nil
	})
	newLexer := func() *chroma.RegexLexer {
		return chroma.MustNewLexer(&chroma.Config{Name: "test"}, func() chroma.Rules {
			return chroma.Rules{
				"root":  {chroma.Include("words"), {Pattern: `x`, Type: chroma.Keyword, Mutator: record}},
				"words": {{Pattern: `[a-w]+`, Type: chroma.Name}, {Pattern: `\s+`, Type: chroma.Text}},
			}
		})
	}
	tokens := func(l chroma.Lexer) []chroma.Token {
		it, err := l.Tokenise(nil, "ab x cd")
		if err != nil {
			t.Fatal(err)
		}
		return it.Tokens()
	}
	limits := func(l chroma.Lexer) (timeouts []time.Duration, patterns []string) {
		seen = nil
		tokens(l)
		for _, state := range slices.Sorted(maps.Keys(seen)) {
			for _, r := range seen[state] {
				timeouts = append(timeouts, r.Regexp.MatchTimeout)
				patterns = append(patterns, state+" "+r.Pattern)
			}
		}
		return timeouts, patterns
	}
	plain, plainRules := limits(newLexer())
	if !slices.Contains(plain, 250*time.Millisecond) {
		t.Fatalf("chroma's own limits are %v: the test no longer shows them lifted", plain)
	}
	lifted, rules := limits(withRuleLimit(newLexer()))
	for i, d := range lifted {
		if d != ruleLimit {
			t.Errorf("rule %s gives up after %v", rules[i], d)
		}
	}
	if !slices.Equal(rules, plainRules) {
		t.Errorf("rules %q, want the lexer's own %q", rules, plainRules)
	}
	if got, want := tokens(withRuleLimit(newLexer())), tokens(newLexer()); !slices.Equal(got, want) {
		t.Errorf("tokens %v, want %v", got, want)
	}
}

// TestHasCode: a document has code to colour exactly where its HTML has
// the highlighter's markup, which the page's highlighting stylesheet
// styles; a check, which renders no HTML, reads it from the parse.
func TestHasCode(t *testing.T) {
	c := New(Options{})
	for _, src := range []string{
		"```go\nfunc f() {}\n```\n",
		"```GO\nfunc f() {}\n```\n",
		"```text\nDear Mrs Tate,\n```\n",
		"```plain\nx\n```\n",
		"```nosuchlanguage\nx\n```\n",
		"```\nx\n```\n",
		"    indented\n",
		"```text {hl_lines=1}\nx\n```\n",
		"```nosuchlanguage {hl_lines=1}\nx\n```\n",
		"```go {.wide}\nfunc f() {}\n```\n",
		"```go {linenos=true}\nfunc f() {}\n```\n",
		"- a list\n\n  ```python\n  print(1)\n  ```\n",
		"Just text.\n",
	} {
		d := mustParse(t, c, src)
		html, err := c.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Contains(html, `class="chroma"`)
		if d.HasCode() != want {
			t.Errorf("%q: HasCode %v, but its HTML %s", src, d.HasCode(), html)
		}
	}
}

// TestHasBody: a document has a body exactly where its HTML holds
// anything; a check, which renders no HTML, reads it from the parse.
func TestHasBody(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		c := New(Options{Unsafe: unsafe})
		for _, src := range []string{
			"# Title only\n",
			"# Title\n\nText.\n",
			"<!-- a note for authors -->\n",
			"# Title\n\n<!-- a note -->\n",
			"[x]: https://example.com\n",
			"[[_TOC_]]\n",
			"\n\n",
			"<div>raw</div>\n",
		} {
			d := mustParse(t, c, src)
			html, err := c.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSpace(html) != ""; d.HasBody() != want {
				t.Errorf("unsafe %v, %q: HasBody %v, but its HTML is %q", unsafe, src, d.HasBody(), html)
			}
		}
	}
}

// TestTooSlow: a block is slow code when it took ruleLimit on the clock
// and spent its thread's time on it, not when a busy machine paused it.
func TestTooSlow(t *testing.T) {
	for _, c := range []struct {
		wall, cpu time.Duration
		want      bool
	}{
		{1100 * time.Millisecond, 1050 * time.Millisecond, true}, // a rule gave up, on an idle machine
		{1100 * time.Millisecond, 530 * time.Millisecond, true},  // the same beside another build
		{1200 * time.Millisecond, 5 * time.Millisecond, false},   // a small block paused by other work
		{900 * time.Millisecond, 900 * time.Millisecond, false},  // long, but no rule gave up
	} {
		if got := tooSlow(c.wall, c.cpu); got != c.want {
			t.Errorf("tooSlow(%v, %v) = %v, want %v", c.wall, c.cpu, got, c.want)
		}
	}
}
