package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Wiki links, as the wikis of Git hosts write them: [[Page Name]],
// [[Link text|Page Name]] and [[Page Name#Section]] link to a page by its
// name, which the site resolves (Link.Ref is Wiki); [[_TOC_]] marks where
// a wiki shows its table of contents, which a page shows itself. With
// pageFirst, the page comes first, [[Page Name|Link text]], as MediaWiki
// and Obsidian write it.
type wiki struct{ pageFirst bool }

// wikiMark starts the destination of a wiki link until it is read into
// a Link: no destination written in Markdown holds a NUL.
const wikiMark = "\x00wiki\x00"

// KindWikiTOC is the kind of a [[_TOC_]], which renders nothing.
var KindWikiTOC = ast.NewNodeKind("WikiTOC")

type wikiTOC struct{ ast.BaseInline }

func (n *wikiTOC) Kind() ast.NodeKind { return KindWikiTOC }

func (n *wikiTOC) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (w wiki) Extend(m goldmark.Markdown) {
	// Before the link parser, which would read "[[a]]" as "[a]" in
	// brackets.
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(wikiParser(w), 199)),
		parser.WithASTTransformers(util.Prioritized(wiki{}, 500)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(wiki{}, 500)))
}

func (wiki) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikiTOC, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

// Transform removes a paragraph that holds a [[_TOC_]] alone, which would
// be an empty one.
func (wiki) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if p, ok := n.(*ast.Paragraph); ok && p.ChildCount() == 1 && p.FirstChild().Kind() == KindWikiTOC {
			doc.RemoveChild(doc, p)
		}
		n = next
	}
}

type wikiParser struct{ pageFirst bool }

func (wikiParser) Trigger() []byte { return []byte{'['} }

func (w wikiParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end <= 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if bytes.ContainsAny(inner, "[]") {
		return nil
	}
	if after := line[2+end+2:]; len(after) > 0 && (after[0] == '(' || after[0] == '[') {
		// "[[x]](url)": a link whose text is "[x]".
		return nil
	}
	if bytes.EqualFold(bytes.TrimSpace(inner), []byte("_toc_")) {
		block.Advance(end + 4)
		return &wikiTOC{}
	}
	// GitHub's order: the text first, then the page; or the page first.
	labelAt, label, target := 2, inner, inner
	if i := bytes.IndexByte(inner, '|'); i >= 0 {
		label, target = inner[:i], inner[i+1:]
		if w.pageFirst {
			labelAt, label, target = 2+i+1, inner[i+1:], inner[:i]
		}
	}
	labelAt += len(label) - len(bytes.TrimLeft(label, " \t"))
	label, target = bytes.TrimSpace(label), bytes.TrimSpace(target)
	if len(label) == 0 || len(target) == 0 {
		return nil
	}
	link := ast.NewLink()
	link.Destination = append([]byte(wikiMark), target...)
	if !bytes.Equal(label, target) {
		// Kept to tell a site that reads the links the other way round
		// (see Link.WikiDest).
		link.Destination = append(append(link.Destination, 0), label...)
	}
	start := seg.Start + labelAt
	link.AppendChild(link, ast.NewTextSegment(text.NewSegment(start, start+len(label))))
	block.Advance(end + 4)
	return link
}
