// Package markdown parses and renders the Markdown of playbook pages.
//
// It holds all of the goldmark and chroma set-up and knows nothing of pages or
// sites. Parsing and rendering are apart, as in goldmark itself, so that the
// caller can inspect a document in between:
//
//	c := markdown.New(markdown.Options{})
//	doc, err := c.Parse(src) // err: the page is beyond a limit
//	for i := range doc.Links {
//		l := &doc.Links[i]
//		l.SetDest(rewrite(l.Dest)) // check and rewrite links
//	}
//	err := c.Render(w, doc)
//	html, err := c.RenderWith(doc, run) // a page using the site's shortcodes
//
// A Doc records the position (line and column, in characters) of every link
// and heading, the ids a fragment may point at, the title given by its first
// "# heading", and warnings of what renders but likely not as meant.
// Parse renders the HTML at once, with a hole at each link's destination,
// and keeps it compressed instead of the syntax tree or the source; Render
// fills the holes. A site of thousands of pages holds every Doc at once and
// parses each page once. With Options.Spill, the compressed HTML waits in
// a file, and Pack moves a checked document's headings and links there
// too until Unpacked reads them back to render it.
//
// The dialect is GitHub-flavoured Markdown (tables, strikethrough, task lists,
// autolinks) with footnotes, typographic quotes, heading ids (automatic, or
// explicit with "## Title {#id}"), GitHub alerts ("> [!NOTE]") rendered as
// callouts, emoji codes, and fenced code highlighted by chroma with CSS
// classes (see HighlightCSS); and of Hugo's, block attributes ("{.lead}" on
// the line after a block), the common shortcodes ({{< note >}}), and the ref
// and relref shortcodes as a link's destination (see Link.Ref); the
// admonitions and content tabs of MkDocs ("!!! note", `=== "Tab"`) and
// the admonitions of Docusaurus (":::tip"), as the alerts, and VitePress's
// code groups ("::: code-group") as tabs. The shortcodes
// the site defines itself (Options.Shortcodes) are recorded as the Doc's
// Calls, inline in a paragraph or on lines of their own, and run when it
// renders: RenderWith hands each, with the HTML of its inner text, to the
// caller's Runner, so that the parse runs no template (see calls.go).
// Raw HTML
// keeps only the elements of SafeHTML, and links in it are Links, unless
// Options.Unsafe lets it all through.
package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"playbook/internal/deflate"
)

// Options configures a Converter.
type Options struct {
	// Unsafe lets raw HTML in Markdown through to the output as written. By
	// default only the elements of SafeHTML are kept, and the rest is shown
	// as text.
	Unsafe bool
	// Text keeps the text of each document (see Doc.Text), for comparing
	// versions of a page. It costs memory about the size of the source.
	Text bool
	// Sections keeps the text of each document by heading (see
	// Converter.Sections), for a search index. Without it a parse skips
	// that work.
	Sections bool
	// Spill, if set, holds the documents' HTML instead of memory (see
	// deflate.Spill); it must stay open while they are rendered.
	Spill *deflate.Spill
	// ParseOnly keeps of each document what checking it needs (title,
	// headings, links, ids, warnings, text) and makes no HTML, nor
	// sections: a parse then costs about half as much, and the document
	// holds none of its HTML. Rendering such a document is an error.
	ParseOnly bool
	// WikiPageFirst reads a wiki link's page first, [[Page|text]], as
	// MediaWiki and Obsidian write it, where GitHub's wikis write the
	// text first, [[text|Page]].
	WikiPageFirst bool
	// Titles, if set, gives the words the Markdown writes itself in the
	// site's language (see Titles). It is asked once, when a document is
	// first rendered.
	Titles func() Titles
	// Shortcodes names the shortcodes the site defines itself, in lower
	// case, which a parse records as Calls for RenderWith to run: each
	// replaces a built-in shortcode of its name. Hugo's ref and relref
	// are never among them.
	Shortcodes map[string]ShortcodeDef
}

// A Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// code renders code blocks, and says which it colours.
	code     *codeRenderer
	unsafe   bool
	text     bool
	sections bool
	spill    *deflate.Spill
	// parseOnly is Options.ParseOnly.
	parseOnly bool
	// titles are Options.Titles'.
	titles *titles
}

// Spill returns the spill the documents' HTML waits in, nil if none: what
// else a build keeps until its end (the search index's entries) may wait
// there too.
func (c *Converter) Spill() *deflate.Spill { return c.spill }

// New returns a Converter with the playbook dialect.
func New(opts Options) *Converter {
	var htmlOpts []renderer.Option
	if opts.Unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	code := newCodeRenderer()
	titles := &titles{ask: opts.Titles}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
			alerts{titles},
			hugo{titles},
			calls{defs: opts.Shortcodes},
			admonitions{},
			wiki{pageFirst: opts.WikiPageFirst},
			emoji.Emoji,
		),
		// Heading ids are made after parsing, from the text (see ids).
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{}, 100), util.Prioritized(code, 100)),
		),
	)
	return &Converter{md: md, code: code, titles: titles, unsafe: opts.Unsafe, text: opts.Text, sections: opts.Sections, spill: opts.Spill, parseOnly: opts.ParseOnly}
}

// HasBody reports whether the document's HTML holds anything: a page
// whose Markdown is its title alone has none. A document parsed with
// Options.ParseOnly knows it too. A nil Doc, a section's without an index
// file, has none: a layout may ask.
func (d *Doc) HasBody() bool { return d != nil && d.body }

// HasCode reports whether the document's HTML holds code the highlighter
// colours, which a page styles with the highlighting stylesheet. A
// document parsed with Options.ParseOnly knows it too. A nil Doc has
// none.
func (d *Doc) HasCode() bool { return d != nil && d.code }

// ParseOnly reports whether c makes documents without HTML (see
// Options.ParseOnly).
func (c *Converter) ParseOnly() bool { return c.parseOnly }

// A Doc is a parsed Markdown document: what was learnt from it, and its
// HTML with the destinations of its Links left to fill in.
//
// A Doc keeps neither its syntax tree nor its source: a site of thousands
// of pages holds every Doc at once, and the HTML, compressed, is a fraction
// of the size of either.
type Doc struct {
	// sum is the SHA-256 of the source, for caches to compare.
	sum [sha256.Size]byte
	// html is the document's HTML, compressed, without the destinations of
	// Links, which go at holes, in order of offset in the HTML. If the
	// Converter keeps sections, they follow the HTML in the same stream,
	// packed (see writeSections): the text of the sections is that of the
	// HTML, which the compressor finds, so that they add a fraction of
	// what they would compressed apart. A site holds every page's until
	// its search index is built, at the end of a build.
	html  deflate.Blob
	size  int32 // of the HTML uncompressed
	holes []hole
	// text is the text of the document, if the Converter keeps it.
	text string
	// sections reports whether html holds the document's sections.
	sections bool
	// refused marks a document beyond a limit: it is never parsed and has
	// neither HTML nor text.
	refused bool
	// unrendered marks a document parsed with Options.ParseOnly: it has
	// no HTML.
	unrendered bool
	// body and code say whether the HTML has anything besides the
	// title, and code the highlighter colours (see HasBody, HasCode).
	body, code bool
	// packed marks a document whose headings, links, ids and holes are
	// in rest (see Pack).
	packed bool
	rest   deflate.Blob
	// parsing is what a parse needs of the source; nil after it: a site
	// holds every page's Doc for the whole build.
	*parsing

	// Title is the text of the document's first level-1 heading at the top
	// level (not in a quote or a list), wherever it is: a handbook page
	// often opens with a comment or a badge. That heading is not rendered:
	// the page shows its title itself.
	Title string
	// TitleID is the id the title heading has, as on a Git host, where
	// the title is a heading like the others: "#product-marketing" on the
	// page titled "# Product Marketing". The page shows it on its title.
	TitleID string
	// Headings lists the headings after the title, in order.
	Headings []Heading
	// Links lists the links and images whose destination is not an
	// absolute URL with a scheme, in order.
	Links []Link
	// IDs holds every id a fragment may point at, sorted, each once:
	// headings (the title's included), footnotes, and the anchors raw
	// HTML sets (an element's id, an <a name>). A list, not a map: a site
	// holds every page's for the whole build. HasID looks one up.
	IDs []string
	// Warnings lists what renders, but likely not as its author meant, in
	// order.
	Warnings []Warning
	// Calls lists the site's own shortcodes the document uses (see
	// Options.Shortcodes), in order of their opening tags; RenderWith
	// runs them. Most pages have none.
	Calls []Call
}

// A WarningKind says what a Warning is about.
type WarningKind int

const (
	// WarnHTML is raw HTML that safe mode shows as text or drops.
	WarnHTML WarningKind = iota + 1
	// WarnShortcode is a Hugo shortcode that is not rendered.
	WarnShortcode
	// WarnHeadingID is a heading id a link cannot tell from another's,
	// or one the theme's ids start with.
	WarnHeadingID
	// WarnNotLink is link syntax left as text: [text](a target with spaces).
	WarnNotLink
	// WarnSlowCode is a code block that took a second or more to colour:
	// a pattern of its language's highlighter backtracking over it.
	WarnSlowCode
	// WarnAdmonition is an admonition of MkDocs or Docusaurus that
	// renders, but not as written: of a kind playbook does not know,
	// never closed, or empty for want of indentation; or a line of colons
	// closing none.
	WarnAdmonition
)

// A Warning is something in a document that renders, but likely not as
// its author meant.
type Warning struct {
	Kind WarningKind
	Pos  Pos
	Msg  string
	// off is the offset in the source Pos is made from.
	off int
}

// A Heading is a heading of a document.
type Heading struct {
	ID   string
	Text string
	Pos  Pos
	// Level is 1 to 6; small, as Pos, for a site holds every page's
	// headings for the whole build.
	Level int8
}

// A Pos is a 1-based line and column in the source of a document.
type Pos struct {
	Line, Col int32
}

// A Link is a link or image destination in a document.
type Link struct {
	// Dest is the destination as written (in raw HTML, with its
	// character references decoded).
	Dest string
	// url replaces Dest in the output when set.
	url string
	Pos Pos
	// Image reports whether the link is an image.
	Image bool
	// Ref says whether the destination was written as Hugo's ref or
	// relref shortcode ({{< ref "sales/quote.md#why" >}}), whose path
	// Dest then holds ("sales/quote.md#why"), to resolve as Hugo does,
	// or as a wiki's link by name ([[Quote#Why]]: Dest is "Quote#Why",
	// see WikiDest).
	Ref RefKind
	// raw marks a link in raw HTML, whose destination is written as is.
	raw bool
}

// WikiDest returns, for a wiki's link, the page it names, as
// "Page Name#Section", and its text, if written apart from it: a NUL
// parts the two in Dest. A site reading its wiki's links the other way
// round ([[text|Page]] for [[Page|text]]) finds the page in the text.
func (l *Link) WikiDest() (dest, text string) {
	dest, text, _ = strings.Cut(l.Dest, "\x00")
	return dest, text
}

// A RefKind says which of Hugo's shortcodes, if any, a link's
// destination was written as, or that it is a wiki's link by a page's
// name. It is a byte, not the name: a site holds
// every page's links for the whole build.
type RefKind uint8

const (
	// NoRef is a destination written as a URL or a file's path.
	NoRef RefKind = iota
	// Ref is Hugo's {{< ref "path" >}}.
	Ref
	// RelRef is Hugo's {{< relref "path" >}}.
	RelRef
	// Wiki is a wiki's link by a page's name ([[Page Name]]), which
	// Dest then holds ("Page Name#Section").
	Wiki
)

// String returns the shortcode's name, "ref" or "relref", or "" for
// NoRef.
func (k RefKind) String() string {
	switch k {
	case Ref:
		return "ref"
	case RelRef:
		return "relref"
	}
	return ""
}

// URL returns the destination set with SetDest, or "".
func (l *Link) URL() string { return l.url }

// SetDest replaces the destination the link renders with.
func (l *Link) SetDest(dest string) { l.url = dest }

// A hole is where the destination of Links[link] goes in a Doc's HTML,
// at byte off of the uncompressed HTML.
type hole struct {
	off, link int32
}

// Parse parses src and renders its HTML. Markdown has no syntax errors,
// but a page beyond one of the limits (see MaxNesting) is refused with a
// *LimitError and a Doc that renders as nothing, before goldmark spends
// minutes on it. Invalid UTF-8 is read as U+FFFD, as a browser reads it.
func (c *Converter) Parse(src []byte) (*Doc, error) { return c.parseWith(src, parseMode{}) }

// ParseTitled parses the Markdown of a page whose title is set elsewhere
// (in its front matter), as Parse does. Only a leading "# heading" is then
// taken as the title and left out of the text; a level-1 heading further
// down is a heading of the text.
func (c *Converter) ParseTitled(src []byte) (*Doc, error) {
	return c.parseWith(src, parseMode{titled: true})
}

// parseMode says how a parse reads a document.
type parseMode struct {
	// titled takes only a leading "# heading" as the title (see
	// ParseTitled); noTitle takes none.
	titled, noTitle bool
	// noCalls reads no call of the site's shortcodes: they are text.
	noCalls bool
}

func (c *Converter) parseWith(src []byte, mode parseMode) (*Doc, error) {
	sum := sha256.Sum256(src)
	if err := checkLimits(src); err != nil {
		return &Doc{sum: sum, refused: true}, err
	}
	if !utf8.Valid(src) {
		// The holes are marked with a byte no UTF-8 text holds.
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	marked, refs := markRefs(src)
	if len(refs) > 0 {
		defer markBufs.Put(&marked)
	}
	d := &Doc{sum: sum, parsing: &parsing{src: src, hugoRefs: refs}}
	d.strs = textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(d.strs)
	d.strs.Reset()
	d.lineStarts = append(d.lineStarts, 0)
	for i, b := range src {
		if b == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
	root, title := c.parse(src, marked, mode, func(n ast.Node) {
		if cn := callOf(n); cn != nil {
			if cn.closed {
				d.addCall(n, cn, src)
			}
			return
		}
		switch n := n.(type) {
		case *ast.Heading:
			i := len(d.Headings)
			d.Headings = append(d.Headings, Heading{Level: int8(n.Level), Pos: d.pos(n)})
			d.set(strHeadingText, i, d.keepText(n, src))
			if id, ok := n.AttributeString("id"); ok {
				sp := d.keep(id.([]byte))
				d.set(strHeadingID, i, sp)
				d.set(strID, len(d.IDs), sp)
				d.IDs = append(d.IDs, "")
			}
		case *ast.Link:
			d.addLink(n, n.Destination, false)
			n.Destination = holeMark(len(d.Links) - 1)
		case *ast.Image:
			d.addLink(n, n.Destination, true)
			n.Destination = holeMark(len(d.Links) - 1)
		case *ast.Paragraph, *ast.List, *ast.Blockquote, *east.Table:
			// An id that block attributes set.
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					d.set(strID, len(d.IDs), d.keep(b))
					d.IDs = append(d.IDs, "")
				}
			}
		case *ast.FencedCodeBlock:
			d.code = d.code || c.code.highlights(n, src)
		case *east.Footnote:
			// Footnote ids are fixed by the footnote extension.
			d.set(strID, len(d.IDs), d.keep(strconv.AppendInt([]byte("fn:"), int64(n.Index), 10)))
			d.IDs = append(d.IDs, "")
		case *ast.RawHTML, *ast.HTMLBlock:
			r := rawInfo(n)
			for _, l := range r.links {
				if strings.HasPrefix(l.dest, "{{") {
					// A Hugo shortcode, which playbook does not read
					// in HTML: its warning says what to write, where a
					// broken link would name a file of that name.
					continue
				}
				d.Links = append(d.Links, Link{Dest: l.dest, Image: l.image, Pos: d.posOf(l.off), raw: true})
				l.dest = string(holeMark(len(d.Links) - 1))
			}
			for _, w := range r.warnings {
				d.warn(w)
			}
			d.IDs = append(d.IDs, htmlAnchors(rawHTML(n, src))...)
		}
	})
	if title != nil {
		d.set(strTitle, 0, d.keepText(title, src))
		if id, ok := title.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				sp := d.keep(b)
				d.set(strTitleID, 0, sp)
				d.set(strID, len(d.IDs), sp)
				d.IDs = append(d.IDs, "")
			}
		}
		for n := title.FirstChild(); n != nil; n = n.NextSibling() {
			if n.Kind() == ast.KindRawHTML {
				d.IDs = append(d.IDs, htmlAnchors(rawHTML(n, src))...)
			}
		}
	}
	for _, w := range shortcodeWarnings(root, src, refs) {
		d.warn(w)
	}
	for _, w := range admonitionWarnings(root, src) {
		d.warn(w)
	}
	for _, w := range headingIDWarnings(root, title) {
		d.warn(w)
	}
	for _, w := range notLinkWarnings(root, src, marked) {
		d.warn(w)
	}
	if !c.unsafe {
		for _, w := range droppedLinkWarnings(root, src) {
			d.warn(w)
		}
	}
	d.body = c.hasBody(root)
	d.setCallMarks()
	d.setStrings()
	d.parsing = nil
	// A site holds every page's Doc for the whole build: the lists keep
	// no room to grow.
	if cap(d.Headings) > len(d.Headings) {
		d.Headings = slices.Clone(d.Headings)
	}
	if cap(d.Links) > len(d.Links) {
		d.Links = slices.Clone(d.Links)
	}
	slices.Sort(d.IDs)
	d.IDs = slices.Clip(slices.Compact(d.IDs))
	if c.text {
		d.text = blocksText(root, title, src)
	}
	if c.parseOnly {
		// Everything a check reads is known: rendering is the other half
		// of the work (highlighting code above all).
		d.unrendered = true
		return d, nil
	}
	var secs *bytes.Buffer
	if c.sections {
		// The search index reads each page's text by heading from this
		// parse.
		secs = textBufs.Get().(*bytes.Buffer)
		defer textBufs.Put(secs)
		secs.Reset()
		writeSections(secs, root, src)
	}
	// The HTML is only kept compressed: it is made in a buffer used again
	// for the next page.
	rb := renderBufs.Get().(*renderBuf)
	defer renderBufs.Put(rb)
	rb.buf.Reset()
	rb.w.Reset(&rb.buf)
	err := c.md.Renderer().Render(rb.w, src, root)
	for _, b := range c.code.slowBlocks(rb.w) {
		// Parsing is over: the line is counted here.
		if len(d.Warnings) < maxWarnings {
			d.Warnings = append(d.Warnings, Warning{Kind: WarnSlowCode, off: b.off,
				Pos: Pos{Line: int32(bytes.Count(src[:b.off], []byte("\n")) + 1), Col: 1},
				Msg: fmt.Sprintf("this %s block took %.1f s to colour: a pattern of the highlighter backtracks over it (most often a string left open before many backslashes); close the string, or mark the block text", b.language, b.took.Seconds())})
		}
	}
	if err != nil {
		return d, fmt.Errorf("render markdown: %w", err)
	}
	html, holes := cutHoles(rb.buf.Bytes(), len(d.Links)+2*len(d.Calls))
	d.holes = holes
	d.size = int32(len(html))
	if c.sections {
		html = append(html, secs.Bytes()...)
		d.sections = true
	}
	d.html = c.spill.Keep(html)
	if cap(html) > rb.buf.Cap() {
		// The sections grew it: keep the larger array for the next page.
		rb.buf = *bytes.NewBuffer(html[:0])
	}
	return d, nil
}

// A renderBuf is where parse renders a page's HTML: goldmark writes
// through a bufio.Writer, which it would otherwise make for each page.
type renderBuf struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var renderBufs = sync.Pool{New: func() any {
	rb := new(renderBuf)
	rb.w = bufio.NewWriter(&rb.buf)
	return rb
}}

// holeMark returns the destination that marks the hole of link i while
// rendering: 0xFF, i, 0xFF. goldmark writes it as it is (it leaves bytes
// that are not UTF-8 alone when it escapes a URL), and no other HTML made
// from UTF-8 holds an 0xFF byte.
func holeMark(i int) []byte {
	b := append([]byte{0xff}, strconv.Itoa(i)...)
	return append(b, 0xff)
}

// cutHoles removes the marks of holeMark, for links links, from html, in
// place, and returns what is left and where they were.
func cutHoles(html []byte, links int) ([]byte, []hole) {
	var holes []hole
	out := html[:0] // out never passes the reading
	for {
		i := bytes.IndexByte(html, 0xff)
		if i < 0 {
			break
		}
		j := bytes.IndexByte(html[i+1:], 0xff)
		k := -1
		if j >= 0 {
			if n, err := strconv.Atoi(string(html[i+1 : i+1+j])); err == nil && n < links {
				k = n
			}
		}
		if k < 0 {
			// Not a mark of ours; cannot happen with UTF-8 input.
			out = append(out, html[:i+1]...)
			html = html[i+1:]
			continue
		}
		out = append(out, html[:i]...)
		holes = append(holes, hole{off: int32(len(out)), link: int32(k)})
		html = html[i+1+j+1:]
	}
	return append(out, html...), holes
}

// maxWarnings is how many warnings a Doc keeps: past a hundred, more of
// them help no author.
const maxWarnings = 100

// warn adds w to d's warnings, at its position, unless d already has one
// saying the same: a page's hundred <div>s are one warning, at the first.
func (d *Doc) warn(w Warning) {
	if len(d.Warnings) >= maxWarnings {
		return
	}
	for _, o := range d.Warnings {
		if o.Kind == w.Kind && o.Msg == w.Msg {
			return
		}
	}
	w.Pos = d.posOf(w.off)
	d.Warnings = append(d.Warnings, w)
}

// parse parses src, removes the title heading (the first "# heading" at
// the top level, or only a leading one if titled) and returns it, and
// calls visit for every heading, footnote, raw HTML node, and link or
// image whose destination has no scheme, in document order. Goldmark
// reads marked, src with its Hugo refs marked (see markRefs); the tree
// it makes points at src, which is as long.
func (c *Converter) parse(src, marked []byte, mode parseMode, visit func(ast.Node)) (root, title ast.Node) {
	ids := newIDs()
	pc := parser.NewContext(parser.WithIDs(ids))
	if mode.noCalls {
		pc.Set(noCallsKey, true)
	}
	root = c.md.Parser().Parse(text.NewReader(marked), parser.WithContext(pc))
	ids.assignIDs(root, src)
	for n := root.FirstChild(); n != nil && !mode.noTitle; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			title = h
			root.RemoveChild(root, h)
			break
		}
		if mode.titled {
			break
		}
	}
	hs := &htmlState{src: src, unsafe: c.unsafe}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			hs.leave(n)
			return ast.WalkContinue, nil
		}
		hs.enter(n)
		if !c.unsafe && n.Attributes() != nil {
			keepSafeAttributes(n)
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			hs.filter(n)
			visit(n)
		case *ast.Link:
			if !hasScheme(string(n.Destination)) {
				visit(n)
			}
		case *ast.Image:
			if !hasScheme(string(n.Destination)) {
				visit(n)
			}
		case *ast.Heading, *east.Footnote, *ast.FencedCodeBlock, *callBlock, *callInline:
			visit(n)
		case *ast.Paragraph, *ast.List, *ast.Blockquote, *east.Table:
			// Block attributes ("{#intro}") may give these an id.
			if _, ok := n.AttributeString("id"); ok {
				visit(n)
			}
		}
		return ast.WalkContinue, nil
	})
	if title != nil {
		// After the walk, which keeps only id and class.
		root.SetAttributeString(titleAttr, title)
	}
	return root, title
}

// hasBody reports whether the document root renders to anything: not
// when all it holds is link definitions, or, in safe mode, HTML comments,
// which it drops.
func (c *Converter) hasBody(root ast.Node) bool {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.LinkReferenceDefinition:
			continue
		case *ast.HTMLBlock:
			if !c.unsafe && n.HTMLBlockType == ast.HTMLBlockType2 {
				continue
			}
		}
		return true
	}
	return false
}

// titleAttr names the attribute of a document's root that holds the title
// heading parse takes out of it: the page shows the title, with its id
// (see Doc.TitleID), and a table above every other heading is named by it
// (see tableNames).
const titleAttr = "pb-title"

// keepSafeAttributes drops every attribute of n but id and class, and an
// image's size in pixels (an embed's, see wiki): a style or an event
// handler written in Markdown ("## T {style=...}") could cover the page or
// run a script, which raw HTML may only do when unsafe.
func keepSafeAttributes(n ast.Node) {
	attrs := n.Attributes()
	_, image := n.(*ast.Image)
	safe := func(a ast.Attribute) bool {
		name := string(a.Name)
		size := image && (name == "width" || name == "height") && isPixels(a.Value)
		return name == "id" || name == "class" || size
	}
	// Nearly every node with attributes has but its heading's id: it
	// keeps them as they are, where setting them again allocated anew.
	if !slices.ContainsFunc(attrs, func(a ast.Attribute) bool { return !safe(a) }) {
		return
	}
	n.RemoveAttributes()
	for _, a := range attrs {
		if safe(a) {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}

// isPixels reports whether v is a number of pixels, as an image's width.
func isPixels(v any) bool {
	b, ok := v.([]byte)
	if !ok || len(b) == 0 || len(b) > 5 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// HasID reports whether id is one of d's IDs.
func (d *Doc) HasID(id string) bool {
	_, ok := slices.BinarySearch(d.IDs, id)
	return ok
}

// Sum returns the SHA-256 of the Markdown d was parsed from: documents
// with the same Sum have the same source.
func (d *Doc) Sum() [sha256.Size]byte { return d.sum }

// Clone returns a copy of d whose links can be set anew. The copy shares
// d's HTML, which neither changes.
func (d *Doc) Clone() *Doc {
	c := *d
	c.Links = slices.Clone(d.Links)
	for i := range c.Links {
		c.Links[i].url = ""
	}
	return &c
}

// pos returns the position of n, or of its nearest positioned ancestor.
func (d *Doc) pos(n ast.Node) Pos {
	off := -1
	for p := n; p != nil && off < 0; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
		if q := p.Pos(); q >= 0 && (off < 0 || p == n) {
			off = q
		}
	}
	if off < 0 {
		return Pos{Line: 1, Col: 1}
	}
	return d.posOf(off)
}

// posOf returns the line and column of byte offset off in the source. The
// column counts characters, as an editor does, not bytes: in a line of
// Japanese each character is three bytes.
// Positions are mostly asked for in order, so it counts on from the last
// one when it can: a page on one long line would cost the square of its
// length.
func (d *Doc) posOf(off int) Pos {
	off = min(off, len(d.src))
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off }) - 1
	start, col := d.lineStarts[i], 1
	if last := d.lastPos; last.col > 0 && last.line == i && start <= last.off && last.off <= off {
		start, col = last.off, last.col
	}
	col += utf8.RuneCount(d.src[start:off])
	d.lastPos = lastPos{off: off, line: i, col: col}
	// Lines and columns fit for any source under 2 GiB (pages are 8 MiB
	// at most).
	return Pos{Line: int32(i + 1), Col: int32(col)}
}

// lastPos is the last position posOf returned: its offset, line index and
// column.
type lastPos struct{ off, line, col int }

// parsing is what parseWith needs of the source while it parses.
type parsing struct {
	src []byte
	// lineStarts holds the offset of the start of each line.
	lineStarts []int
	// hugoRefs are the Hugo refs markRefs marked.
	hugoRefs []hugoRef
	lastPos  lastPos
	// strs holds the bytes of the Doc's strings (its title, headings, ids
	// and links' destinations) until the parse ends, and refs where each
	// goes: they become one string then, each a piece of it. A site holds
	// every page's Doc for the whole build, and one object a page rather
	// than dozens is that much less for the collector to mark.
	strs *bytes.Buffer
	refs []strRef
	// ordinals counts the calls met inside each call, by its index (-1
	// for the page), and callNodes are the calls' nodes, for their
	// marks.
	ordinals  map[int]int
	callNodes []*callNode
}

// A strRef is where a span of parsing.strs goes: field kind of the i-th
// heading, link or id.
type strRef struct {
	kind strKind
	i    int
	span span
}

// A span is the bytes start to end of parsing.strs.
type span struct{ start, end int }

// The fields of a Doc a strRef sets.
type strKind uint8

const (
	strHeadingID strKind = iota
	strHeadingText
	strLinkDest
	strID
	strTitle
	strTitleID
)

// addLink adds the link or image n, whose destination as parsed is dest,
// to d's Links: a Hugo ref's mark as the ref's path.
func (d *Doc) addLink(n ast.Node, dest []byte, image bool) {
	l := Link{Image: image, Pos: d.pos(n)}
	if r := d.markedRef(dest); r != nil {
		l.Ref, dest = r.kind, r.path
	} else if name, ok := bytes.CutPrefix(dest, []byte(wikiMark)); ok {
		l.Ref, dest = Wiki, name
	}
	d.set(strLinkDest, len(d.Links), d.keep(dest))
	d.Links = append(d.Links, l)
}

// keep adds b to the Doc's strings.
func (p *parsing) keep(b []byte) span {
	start := p.strs.Len()
	p.strs.Write(b)
	return span{start, p.strs.Len()}
}

// keepText adds the text of n, as plainText returns it, to the Doc's
// strings.
func (p *parsing) keepText(n ast.Node, src []byte) span {
	start := p.strs.Len()
	writePlainText(p.strs, n, src)
	text := p.strs.Bytes()[start:]
	t := bytes.TrimSpace(text)
	if len(t) == 0 {
		return span{start, start}
	}
	// t is a piece of text: its offset in it is what its capacity lacks.
	start += cap(text) - cap(t)
	return span{start, start + len(t)}
}

// set records that field kind of the i-th heading, link or id is sp.
func (p *parsing) set(kind strKind, i int, sp span) {
	p.refs = append(p.refs, strRef{kind, i, sp})
}

// setStrings makes the Doc's strings, one allocation for all.
func (d *Doc) setStrings() {
	all := d.strs.String()
	for _, r := range d.refs {
		s := all[r.span.start:r.span.end]
		switch r.kind {
		case strHeadingID:
			d.Headings[r.i].ID = s
		case strHeadingText:
			d.Headings[r.i].Text = s
		case strLinkDest:
			d.Links[r.i].Dest = s
		case strID:
			d.IDs[r.i] = s
		case strTitle:
			d.Title = s
		case strTitleID:
			d.TitleID = s
		}
	}
}

// Render writes the HTML of d to w, each link's destination as set with
// SetDest or else as written. A document refused by Parse has none.
func (c *Converter) Render(w io.Writer, d *Doc) error {
	return c.renderCalls(d, nil, func(html []byte) error {
		_, err := w.Write(html)
		return err
	})
}

// RenderString renders d and returns the HTML.
func (c *Converter) RenderString(d *Doc) (string, error) {
	var s string
	err := c.renderCalls(d, nil, func(html []byte) error {
		s = string(html)
		return nil
	})
	return s, err
}

// renderCalls calls use with the HTML of d, in a buffer that is only its
// until use returns, each call replaced by what run returns for it, or
// by the HTML of its inner text where run is nil.
func (c *Converter) renderCalls(d *Doc, run Runner, use func([]byte) error) error {
	if d.refused {
		return use(nil)
	}
	if d.packed {
		// Its links are not where its HTML needs them.
		return errors.New("render markdown: the document is packed (see Pack)")
	}
	if d.unrendered {
		return errors.New("render markdown: the document was parsed without its HTML (see Options.ParseOnly)")
	}
	raw := htmlBufs.Get().(*[]byte)
	defer htmlBufs.Put(raw)
	text, err := d.html.Append((*raw)[:0])
	*raw = text
	if err != nil {
		return fmt.Errorf("render markdown: %w", err)
	}
	// The sections, if any, follow the HTML.
	text = text[:d.size]
	if len(d.holes) == 0 {
		return use(text)
	}
	filled := htmlBufs.Get().(*[]byte)
	defer htmlBufs.Put(filled)
	buf := bytes.NewBuffer((*filled)[:0])
	buf.Grow(int(d.size) + 32*len(d.holes))
	if len(d.Calls) > 0 {
		err := d.fillCalls(buf, text, run, c.writeDest)
		*filled = buf.Bytes()
		if err != nil {
			return err
		}
		return use(buf.Bytes())
	}
	at := 0
	for _, h := range d.holes {
		buf.Write(text[at:h.off])
		at = int(h.off)
		c.writeDest(buf, &d.Links[h.link])
	}
	buf.Write(text[at:])
	*filled = buf.Bytes()
	return use(buf.Bytes())
}

// writeDest writes the destination of l to buf, as set with SetDest or
// else as written.
func (c *Converter) writeDest(buf *bytes.Buffer, l *Link) {
	dest := l.url
	if dest == "" {
		dest, _ = l.WikiDest()
	}
	if l.raw {
		// As renderRaw writes it: parse checked it.
		buf.WriteString(escape(dest))
		return
	}
	// As goldmark writes a destination.
	u := util.URLEscape([]byte(dest), true)
	if c.unsafe || !html.IsDangerousURL(u) {
		buf.Write(util.EscapeHTML(u))
	}
}

// htmlBufs holds buffers to read a Doc's HTML into, as long as the
// longest read yet: a build reads every page's once or twice.
var htmlBufs = sync.Pool{New: func() any { return new([]byte) }}

// Text returns the text of d as a reader reads it: a block (paragraph,
// heading, list item's text, code block, table row) a paragraph, blocks
// apart by a blank line, with no Markdown, link destinations or HTML. It
// is for comparing versions of a page: moving the pages a page links to
// does not change its text. Only a Converter made with Options.Text keeps
// it; otherwise, and for a refused document or a nil Doc, it is "".
func (d *Doc) Text() string {
	if d == nil {
		return ""
	}
	return d.text
}

// blocksText returns the text of the document root, titled title, as
// Doc.Text.
func blocksText(root, title ast.Node, src []byte) string {
	var blocks []string
	if title != nil {
		blocks = append(blocks, plainText(title, src))
	}
	eachBlock(root, src, func(_ ast.Node, text string) {
		if text != "" {
			blocks = append(blocks, text)
		}
	})
	return strings.Join(blocks, "\n\n")
}

// A Section is the text of a document from one heading to the next.
type Section struct {
	// ID is the heading's id; empty for the text before the first heading.
	ID      string
	Heading string
	// Text is the text of the section's blocks, a line each.
	Text string
}

// Sections returns the text of d (as Text reads it, without the title)
// split at its headings: the text before the first heading, then a
// section for each heading. A document refused by Parse has one empty
// section. Search indexes it, so that a match links to
// its heading. Only a Converter made with Options.Sections keeps the
// sections; otherwise a parsed document has none. It fails only when the
// Spill holding the document cannot be read.
func (c *Converter) Sections(d *Doc) ([]Section, error) {
	if d.refused {
		return []Section{{}}, nil
	}
	if !d.sections {
		return nil, nil
	}
	var secs []Section
	err := withBlob(d.html, func(b []byte) error {
		secs = unpackSections(b[d.size:])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read sections: %w", err)
	}
	return secs, nil
}

// withBlob calls f with what x holds, read into a buffer used again: the
// bytes are good until f returns.
func withBlob(x deflate.Blob, f func([]byte) error) error {
	raw := htmlBufs.Get().(*[]byte)
	defer htmlBufs.Put(raw)
	b, err := x.Append((*raw)[:0])
	*raw = b
	if err != nil {
		return err
	}
	return f(b)
}

// unpackSections reads what writeSections wrote.
func unpackSections(b []byte) []Section {
	all := string(b) // one copy that the sections' strings share
	var secs []Section
	next := func() string {
		n, k := binary.Uvarint(b)
		s := all[len(all)-len(b)+k : len(all)-len(b)+k+int(n)]
		b = b[k+int(n):]
		return s
	}
	for len(b) > 0 {
		secs = append(secs, Section{ID: next(), Heading: next(), Text: next()})
	}
	return secs
}

// writeSections writes the text of the tree under root by heading to
// buf, packed as one run of bytes: for the ID, Heading and Text of each
// section in turn, its length as an unsigned varint and the string.
func writeSections(buf *bytes.Buffer, root ast.Node, src []byte) {
	text := textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(text)
	text.Reset()
	field := func(s string) {
		buf.Write(binary.AppendUvarint(buf.AvailableBuffer(), uint64(len(s))))
		buf.WriteString(s)
	}
	fieldOf := func(b []byte) {
		buf.Write(binary.AppendUvarint(buf.AvailableBuffer(), uint64(len(b))))
		buf.Write(b)
	}
	field("") // the first section has no ID
	field("") // nor heading
	eachBlock(root, src, func(n ast.Node, s string) {
		if h, ok := n.(*ast.Heading); ok {
			fieldOf(text.Bytes())
			text.Reset()
			id, _ := h.AttributeString("id")
			idText, _ := id.([]byte)
			fieldOf(idText)
			field(s)
			return
		}
		if text.Len() > 0 {
			text.WriteByte('\n')
		}
		text.WriteString(s)
	})
	fieldOf(text.Bytes())
}

// eachBlock calls f with each block of root that holds text and the
// block's text: a paragraph, heading, list item's text, code block or
// table row.
func eachBlock(root ast.Node, src []byte, f func(n ast.Node, text string)) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var text string
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			text = plainText(n, src)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var b bytes.Buffer
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			text = strings.TrimRight(b.String(), "\n")
		case *east.TableRow, *east.TableHeader:
			var cells []string
			for cell := n.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, plainText(cell, src))
			}
			text = strings.Join(cells, " — ")
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		if text != "" || n.Kind() == ast.KindHeading {
			f(n, text)
		}
		return ast.WalkSkipChildren, nil
	})
}

// hasScheme reports whether dest is an absolute URL ("https:", "mailto:")
// or a protocol-relative one ("//host/").
func hasScheme(dest string) bool {
	if len(dest) >= 2 && dest[0] == '/' && dest[1] == '/' {
		return true
	}
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// plainText returns the text of n's inline children, without markup.
func plainText(n ast.Node, src []byte) string {
	b := textBufs.Get().(*bytes.Buffer)
	defer textBufs.Put(b)
	b.Reset()
	writePlainText(b, n, src)
	return string(bytes.TrimSpace(b.Bytes()))
}

// textBufs holds buffers for plainText, which is called for every
// paragraph, heading and table cell of a page.
var textBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writePlainText writes the text of n's inline children to buf, as
// plainText returns it but for the spaces around it.
func writePlainText(buf *bytes.Buffer, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			buf.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				buf.WriteByte(' ')
			}
		case *ast.String:
			// The typographer leaves entities such as "&rsquo;" here.
			buf.WriteString(stdhtml.UnescapeString(string(c.Value)))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					buf.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			// Its text is its own, not a child's: <help@example.com>.
			buf.Write(c.Label(src))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *callInline:
			// The output of a call in a heading, if known; the text
			// between its tags otherwise, as before it runs.
			if c.hasPlain {
				buf.WriteString(c.plain)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
}
