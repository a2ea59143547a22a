package markdown

import (
	"bytes"
	"path"
	"strings"

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
//
// Obsidian's embeds are read too: ![[chart.png]] is an image of the file
// of that name, ![[chart.png|300]] (or |300x200) one that wide (and
// high), ![[chart.png|A chart]] one with that text; ![[Note]] and
// ![[report.pdf]] are links to the note and the file, whose content a
// page does not take in.
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
		parser.WithInlineParsers(util.Prioritized(wikiParser(w), 199), util.Prioritized(embedParser{}, 199)),
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

// embedParser reads Obsidian's embeds, "![[...]]" (see wiki), before the
// link parser, which would read "![[a]]" as "!" and "[a]" in brackets.
type embedParser struct{}

func (embedParser) Trigger() []byte { return []byte{'!'} }

func (embedParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("![[")) {
		return nil
	}
	end := bytes.Index(line[3:], []byte("]]"))
	if end <= 0 {
		return nil
	}
	inner := line[3 : 3+end]
	if bytes.ContainsAny(inner, "[]") {
		return nil
	}
	target, opt, _ := bytes.Cut(inner, []byte("|"))
	optAt := 3 + len(target) + 1
	target = bytes.TrimSpace(target)
	optAt += len(opt) - len(bytes.TrimLeft(opt, " \t"))
	opt = bytes.TrimSpace(opt)
	if len(target) == 0 {
		return nil
	}
	// The text: what follows the "|", or else the name of the file or note.
	textAt := 3 + bytes.Index(inner, target)
	label := target
	if name, _, _ := bytes.Cut(target, []byte("#")); len(name) > 0 {
		label = name
	}
	if i := bytes.LastIndexByte(label, '/'); i >= 0 && i < len(label)-1 {
		textAt, label = textAt+i+1, label[i+1:]
	}
	width, height, sized := embedSize(opt)
	image := isImageFile(target)
	switch {
	case len(opt) > 0 && !sized:
		textAt, label = optAt, opt
	case image:
		label = bytes.TrimSuffix(label, []byte(path.Ext(string(label))))
	}
	dest := append([]byte(wikiMark), target...)
	start := seg.Start + textAt
	txt := ast.NewTextSegment(text.NewSegment(start, start+len(label)))
	block.Advance(end + 5)
	if !image {
		link := ast.NewLink()
		link.Destination = dest
		link.AppendChild(link, txt)
		return link
	}
	img := ast.NewImage(ast.NewLink())
	img.Destination = dest
	img.AppendChild(img, txt)
	if width != nil {
		img.SetAttributeString("width", width)
	}
	if height != nil {
		img.SetAttributeString("height", height)
	}
	return img
}

// embedSize reads an embed's size, "300" or "300x200", as Obsidian
// writes it.
func embedSize(opt []byte) (width, height []byte, ok bool) {
	w, h, hasH := bytes.Cut(opt, []byte("x"))
	if !isPixels(w) || hasH && !isPixels(h) {
		return nil, nil, false
	}
	if hasH {
		return w, h, true
	}
	return w, nil, true
}

// isImageFile reports whether name is of a kind of image a browser shows.
func isImageFile(name []byte) bool {
	switch strings.ToLower(path.Ext(string(name))) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico":
		return true
	}
	return false
}
