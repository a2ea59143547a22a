package markdown

import (
	"bytes"
	"slices"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer renders fenced code as goldmark-highlighting does, byte for
// byte, but with one chroma formatter for every block and one lexer per
// language: goldmark-highlighting makes both anew for each block, and the
// new formatter works out the style's CSS again, a third of the cost of
// highlighting a short block. A block with attributes ("```go {linenos=true}")
// is left to goldmark-highlighting itself.
type codeRenderer struct {
	full      renderer.NodeRenderer
	fullFunc  renderer.NodeRendererFunc
	formatter *chromahtml.Formatter
	// style is goldmark-highlighting's default: with CSS classes, the
	// output names token types and no colours.
	style *chroma.Style
	// lexers holds the coalesced lexer of each language name met, or nil
	// for a name chroma does not know.
	lexers sync.Map
	// slow holds, by the writer of a render in progress, the blocks it
	// took at least ruleLimit to colour (see slowBlocks).
	slow sync.Map
}

// slowBlock is a block that took long to colour: where its code starts,
// its language, and how long it took.
type slowBlock struct {
	off      int
	language string
	took     time.Duration
}

// slowBlocks returns, and forgets, the blocks a render into w took long
// to colour.
func (r *codeRenderer) slowBlocks(w util.BufWriter) []slowBlock {
	if v, ok := r.slow.LoadAndDelete(w); ok {
		return v.([]slowBlock)
	}
	return nil
}

func newCodeRenderer() *codeRenderer {
	opts := []chromahtml.Option{chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})}
	r := &codeRenderer{
		full: highlighting.NewHTMLRenderer(
			highlighting.WithFormatOptions(opts...),
			highlighting.WithGuessLanguage(false),
		),
		formatter: chromahtml.New(opts...),
		style:     styles.Get(highlighting.NewConfig().Style),
	}
	r.full.RegisterFuncs(funcOf{kind: ast.KindFencedCodeBlock, f: &r.fullFunc})
	return r
}

// funcOf is a registerer that keeps the function registered for kind.
type funcOf struct {
	kind ast.NodeKind
	f    *renderer.NodeRendererFunc
}

func (g funcOf) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	if kind == g.kind {
		*g.f = f
	}
}

// SetOption passes goldmark's renderer options on to goldmark-highlighting.
func (r *codeRenderer) SetOption(name renderer.OptionName, value any) {
	if s, ok := r.full.(renderer.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

// highlights reports whether render colours the code of n, as its
// branches go: a block of a language chroma knows, not plain text, or of
// plain text with attributes, which goldmark-highlighting formats.
func (r *codeRenderer) highlights(n *ast.FencedCodeBlock, src []byte) bool {
	language := n.Language(src)
	if language == nil {
		return false
	}
	l := r.lexer(language)
	if l == nil {
		return false
	}
	attributed := n.Attributes() != nil || n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(src), '{') > 0
	return attributed || l.Config().Name != "plaintext"
}

// lexer returns the lexer of language, coalesced, or nil.
func (r *codeRenderer) lexer(language []byte) chroma.Lexer {
	if l, ok := r.lexers.Load(string(language)); ok {
		return l.(cachedLexer).l
	}
	var l cachedLexer
	if found := lexers.Get(string(language)); found != nil {
		l.l = chroma.Coalesce(withRuleLimit(found))
	}
	r.lexers.Store(string(language), l)
	return l.l
}

// cachedLexer is an entry of codeRenderer.lexers: a nil Lexer is kept too.
type cachedLexer struct{ l chroma.Lexer }

func (r *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Attributes() != nil || n.Info != nil && bytes.IndexByte(n.Info.Segment.Value(src), '{') > 0 {
		return r.fullFunc(w, src, node, entering)
	}
	language := n.Language(src)
	if language == nil {
		writeProse(w, src, n)
		return ast.WalkContinue, nil
	}
	lexer := r.lexer(language)
	if lexer != nil && lexer.Config().Name == "plaintext" {
		writeProse(w, src, n)
		return ast.WalkContinue, nil
	}
	if lexer == nil {
		// Written as it is, with no formatter.
		return r.fullFunc(w, src, node, entering)
	}
	var code bytes.Buffer
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		code.Write(line.Value(src))
	}
	var err error
	took, cpu := timed(func() {
		var it chroma.Iterator
		if it, err = lexer.Tokenise(nil, code.String()); err == nil {
			// Lexing is done as the formatter reads the tokens.
			_ = r.formatter.Format(w, r.style, it)
		}
	})
	if err != nil {
		return r.fullFunc(w, src, node, entering)
	}
	if tooSlow(took, cpu) && n.Lines().Len() > 0 {
		var blocks []slowBlock
		if v, ok := r.slow.Load(w); ok {
			blocks = v.([]slowBlock)
		}
		r.slow.Store(w, append(blocks, slowBlock{off: n.Lines().At(0).Start, language: string(language), took: took}))
	}
	return ast.WalkContinue, nil
}

// writeProse writes a block of no language, or of plain text ("text",
// "txt", "plain"), as a pre of class "wrap": such a block is a letter, an
// email or a template, whose lines the stylesheet wraps to the page's width
// rather than making a reader scroll each one sideways. Having nothing to
// scroll, it takes no keyboard focus, and having nothing to highlight, it
// has no chroma spans.
func writeProse(w util.BufWriter, src []byte, n *ast.FencedCodeBlock) {
	w.WriteString(`<pre class="wrap"><code>`)
	for i := range n.Lines().Len() {
		line := n.Lines().At(i)
		w.Write(util.EscapeHTML(line.Value(src)))
	}
	w.WriteString("</code></pre>\n")
}

// withRuleLimit returns a copy of a regular-expression lexer whose rules give
// up after ruleLimit rather than chroma's 250 ms. Chroma goes on as if a
// rule that gave up had not matched: a machine busy enough to pause a
// build for 250 ms would highlight a block otherwise, and two builds of
// the same pages would differ. Its rules are the lexer's own, plus one
// that matches nothing and, as chroma compiles them, sets the limit and
// takes itself out. A lexer of another kind is returned as it is.
func withRuleLimit(l chroma.Lexer) chroma.Lexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return l
	}
	rules, err := rl.Rules()
	if err != nil {
		return l
	}
	rules = rules.Clone()
	rules["root"] = append(rules["root"], chroma.Rule{Pattern: `(?!)`, Mutator: setRuleLimit{}})
	u, err := chroma.NewLexer(rl.Config(), func() chroma.Rules { return rules })
	if err != nil {
		return l
	}
	u.SetRegistry(lexers.GlobalLexerRegistry)
	return u
}

// ruleLimit is how long a rule of a fenced block's lexer may take at one
// place: far beyond any pause of a loaded machine (a rule takes
// microseconds), and a bound on a block that makes a pattern backtrack
// without end: a string left open before forty backslashes does, in the
// lexers of Go, JavaScript, JSON, YAML, TOML and shell. Such a block is
// warned of (WarnSlowCode), as the build's time it costs: a block that
// took as long on the clock, and a tenth of it in processor time (see
// timed). A rule giving up spends its thread's time the while, all of
// it on an idle machine and half of it on one shared with another build;
// a block that is not slow, paused by other work for a second, spends
// next to none.
const ruleLimit = time.Second

// setRuleLimit is the rule withRuleLimit adds: chroma calls MutateLexer once it has
// compiled every rule and set each one's limit.
type setRuleLimit struct{}

func (setRuleLimit) Mutate(*chroma.LexerState) error { return nil }

func (setRuleLimit) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = ruleLimit
			}
		}
	}
	rules[state] = slices.Delete(rules[state], rule, rule+1)
	return nil
}

// tooSlow reports whether a block that took wall on the clock and cpu of
// its thread's time to colour is slow code (see ruleLimit).
func tooSlow(wall, cpu time.Duration) bool { return wall >= ruleLimit && cpu >= ruleLimit/10 }

// wallTime runs f and returns the time it took on the clock.
func wallTime(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}
