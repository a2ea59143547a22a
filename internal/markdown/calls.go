package markdown

// A site's own Hugo shortcodes. A handbook moved from Hugo defines
// shortcodes of its own, as templates in layouts/shortcodes/NAME.html,
// and writes {{< pricing-table >}} and {{< icon "phone" >}} in its pages.
// Their output depends on the templates and on the page, which only the
// renderer has: a parse records each one used as a Call, writes marks
// around the HTML between its tags, and Render hands each Call, with
// that HTML, to the caller's Runner, whose output replaces it. Parsing
// runs no template, but to learn the text of a call in a heading, which
// its id and the table of contents read (ShortcodeDef.Text), so a parse
// is still the same for the same source and the same shortcodes
// (Options.Shortcodes, their Key). A tag may be written over several
// lines, as Hugo allows (see tagOverLines).

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A ShortcodeDef is what a parse needs to know of a shortcode the site
// defines (see Options.Shortcodes).
type ShortcodeDef struct {
	// Inner marks a shortcode whose template reads the text between its
	// tags (.Inner): its opening tag waits for a closing one, as in
	// Hugo, unless written {{< NAME />}}. Any other is whole in its tag.
	Inner bool
	// Text, if set, gives the plain text of what the shortcode writes
	// for call c, or false if it cannot tell without the page: the text
	// of a heading holding the call, its id and its entry in a table of
	// contents read it, as a reader sees the heading. It is asked while
	// a page is parsed, which runs no template but through it.
	Text func(c *Call) (string, bool)
	// Key names what Text's answers depend on besides the call, the
	// template's text for one: pages read with another Key are read
	// again.
	Key string
}

// A Call is a shortcode of the site's own met in a document: what its
// template is run with when the document renders (see RenderWith).
type Call struct {
	// Name is the shortcode's name, in lower case.
	Name string
	// Args are its arguments, in order.
	Args []Arg
	// Markdown marks a shortcode written {{% NAME %}}, whose inner text
	// is Markdown of the page; {{< NAME >}}'s is text as written.
	Markdown bool
	// Paired marks one with a closing tag, and so an inner text.
	Paired bool
	// Block marks one whose tags are lines of their own: what it writes
	// stands as a block of the page, not in a paragraph.
	Block bool
	// Text is the text between its tags, as written.
	Text string
	// Pos is where its opening tag is in the source.
	Pos Pos
	// Ordinal is its place among the calls of the page, or of the call
	// whose inner text it is in: 0 for the first.
	Ordinal int
	// Parent is the index in Doc.Calls of the call it is inside, or -1.
	Parent int
}

// An Arg is an argument of a shortcode: key="value" or, with no Key, a
// positional one.
type Arg struct {
	Key, Value string
}

// A Runner gives the HTML of a call: inner is the HTML between its tags,
// the Markdown rendered, with its links set and the calls inside it run
// first.
type Runner func(c *Call, inner string) (string, error)

// maxCallNesting is how deep calls written inline may be inside one
// another; a tag deeper is left as text. Those on lines of their own
// share maxCalloutNesting with the alerts.
const maxCallNesting = 16

// maxTagLen bounds the length of a tag read inline: a line of many
// "{{<" never closed is read up to it from each, not to its end.
const maxTagLen = 2048

// callTag matches a shortcode's tag at the start of its input: the
// opening delimiter, the slash of a closing tag, the name (with the
// folders it is in: {{< sub/name >}}), the arguments,
// the slash of a tag closing itself ({{< x />}}) and the closing
// delimiter.
var callTag = regexp.MustCompile(`^\{\{([<%])\s*(/?)\s*(` + shortcodeNamePattern + `)((?:\s+(?:[A-Za-z]\w*\s*=\s*)?(?:"(?:[^"\\\n]|\\.)*"|[^\s"{}/<>%]+))*)\s*(/?)\s*([>%])\}\}`)

// calls is the goldmark extension for a site's own shortcodes.
type calls struct {
	defs map[string]ShortcodeDef
}

// noCallsKey marks a parse that reads no call (see Markdownify).
var noCallsKey = parser.NewContextKey()

// callsKey holds the inline tags of a parse, for Transform to pair.
var callsKey = parser.NewContextKey()

// textCallsKey holds the inline calls of a parse of shortcodes with a
// Text, for Transform to give those in headings their text.
var textCallsKey = parser.NewContextKey()

func (c calls) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(callBlockParser(c), 89)),
		parser.WithInlineParsers(util.Prioritized(callInlineParser(c), 150)),
		parser.WithASTTransformers(util.Prioritized(callInlineParser(c), 90)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(callRenderer{}, 400)))
}

// KindCall is the node kind of a site's own shortcode.
var KindCall = ast.NewNodeKind("Call")

// callNode is what a block and an inline call have in common.
type callNode struct {
	name     string
	args     string
	markdown bool
	inner    bool
	// closed marks a call whose closing tag was met, or that needs none.
	closed bool
	// tag is the opening tag's bytes in the source; innerStart and
	// innerStop the inner text's, once closed.
	tag                   text.Segment
	innerStart, innerStop int
	// plain is the call's plain text, in a heading (see
	// ShortcodeDef.Text); hasPlain marks it given.
	plain    string
	hasPlain bool
	// mark is where the call's marks start (see holeMark): the
	// document's links come first, then two for each call.
	mark int
}

func (n *callNode) node() *callNode { return n }

// A callBlock is a call whose tags are lines of their own.
type callBlock struct {
	ast.BaseBlock
	callNode
}

// Dump implements ast.Node.
func (b *callBlock) Dump(src []byte, level int) {
	ast.DumpHelper(b, src, level, map[string]string{"Name": b.name}, nil)
}

// Kind implements ast.Node.
func (b *callBlock) Kind() ast.NodeKind { return KindCall }

// A callInline is a call in a paragraph; until paired, a closing tag
// too (closing).
type callInline struct {
	ast.BaseInline
	callNode
	closing bool
}

// Dump implements ast.Node.
func (c *callInline) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Name": c.name}, nil)
}

// Kind implements ast.Node.
func (c *callInline) Kind() ast.NodeKind { return KindCall }

// callOf returns the call n is, or nil.
func callOf(n ast.Node) *callNode {
	if c, ok := n.(interface{ node() *callNode }); ok {
		return c.node()
	}
	return nil
}

// readTag reads the tag at the start of line, of a shortcode in defs.
func (c calls) readTag(line []byte, pc parser.Context) (n callNode, closing bool, length int, ok bool) {
	if len(c.defs) == 0 || pc.Get(noCallsKey) != nil || !bytes.HasPrefix(line, []byte("{{")) {
		return n, false, 0, false
	}
	m := callTag.FindSubmatchIndex(line[:min(len(line), maxTagLen)])
	if m == nil {
		return n, false, 0, false
	}
	open, end := line[m[2]], line[m[12]]
	name := strings.ToLower(string(line[m[6]:m[7]]))
	def, defined := c.defs[name]
	if !defined || (open == '<') != (end == '>') {
		return n, false, 0, false
	}
	closing = m[5] > m[4]
	self := m[11] > m[10]
	n = callNode{name: name, args: string(line[m[8]:m[9]]), markdown: open == '%', inner: def.Inner && !self && !closing}
	n.closed = !n.inner
	return n, closing, m[1], true
}

// callBlockParser reads a line that is only a call's opening tag, and,
// for one with an inner text, the blocks up to the line that is only its
// closing tag.
type callBlockParser calls

func (p callBlockParser) Trigger() []byte { return []byte{'{'} }

func (p callBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimRight(line, " \t\r\n")
	lead := len(line) - len(bytes.TrimLeft(line, " \t"))
	n, closing, length, ok := calls(p).readTag(trimmed[lead:], pc)
	tag := text.NewSegment(seg.Start+lead, seg.Start+len(trimmed))
	advance := reader.AdvanceToEOL
	if !ok && len(p.defs) > 0 && pc.Get(noCallsKey) == nil {
		var over []byte
		if over, tag, advance, ok = blockTagOverLines(reader, lead); ok {
			n, closing, length, ok = calls(p).readTag(over, pc)
			ok = ok && length == len(over)
			length = len(trimmed) - lead // the first line is the tag's
		}
	}
	if !ok || closing || lead+length != len(trimmed) || calloutDepth(parent) >= maxCalloutNesting {
		return nil, parser.NoChildren
	}
	b := &callBlock{callNode: n}
	b.tag = tag
	b.SetPos(seg.Start + lead)
	advance()
	if !b.inner {
		return b, parser.NoChildren
	}
	// The inner text starts on the line after the tag's last.
	src := reader.Source()
	b.innerStart = len(src)
	if nl := bytes.IndexByte(src[b.tag.Stop:], '\n'); nl >= 0 {
		b.innerStart = b.tag.Stop + nl + 1
	}
	return b, parser.HasChildren
}

func (p callBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	b := node.(*callBlock)
	if !b.inner {
		return parser.Close
	}
	if inFence(pc) {
		return parser.Continue | parser.HasChildren
	}
	line, seg := reader.PeekLine()
	if name, closing, _, ok := parseShortcodeLine(line); ok && closing && name == b.name && !openInside(b) {
		b.closed = true
		b.innerStop = seg.Start
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// openInside reports whether a call of b's name is open inside b: goldmark
// asks the outer blocks first, and a closing line is the innermost's.
// The blocks open are the last child of the last child, and so on.
func openInside(b *callBlock) bool {
	for n := b.LastChild(); n != nil; n = n.LastChild() {
		if c, ok := n.(*callBlock); ok && c.name == b.name && c.inner && !c.closed {
			return true
		}
	}
	return false
}

func (p callBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (p callBlockParser) CanInterruptParagraph() bool                                { return true }
func (p callBlockParser) CanAcceptIndentedLine() bool                                { return false }

// callInlineParser reads a call's tag in a paragraph, and pairs the
// opening and closing tags of each paragraph once it is parsed.
type callInlineParser calls

func (p callInlineParser) Trigger() []byte { return []byte{'{'} }

func (p callInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n, closing, length, ok := calls(p).readTag(line, pc)
	tag := text.NewSegment(seg.Start, seg.Start+length)
	if !ok {
		if n, closing, tag, ok = p.tagOverLines(block, pc); !ok {
			return nil
		}
	} else {
		block.Advance(length)
	}
	c := &callInline{callNode: n, closing: closing}
	c.tag = tag
	if c.inner || closing {
		tags, _ := pc.Get(callsKey).([]*callInline)
		pc.Set(callsKey, append(tags, c))
	}
	if !closing && p.defs[c.name].Text != nil {
		texts, _ := pc.Get(textCallsKey).([]*callInline)
		pc.Set(textCallsKey, append(texts, c))
	}
	return c
}

// tagOverLines reads a tag written over several lines of the paragraph
// at block's position (see tagOverLines in shortcodes.go) and advances
// block past it. A tag whose lines the paragraph does not all hold is
// left as text, and warned of: one parted by a list, or whose last line
// starts with ">}}", which Markdown reads as a quote ending the
// paragraph. On lines of its own, a tag may end so (see callBlockParser).
func (p callInlineParser) tagOverLines(block text.Reader, pc parser.Context) (n callNode, closing bool, tag text.Segment, ok bool) {
	if len(p.defs) == 0 || pc.Get(noCallsKey) != nil {
		return n, false, tag, false
	}
	line, pos := block.Position()
	src := block.Source()
	over, end, ok := tagOverLines(src, pos.Start)
	if !ok {
		return n, false, tag, false
	}
	n, closing, length, ok := calls(p).readTag(over, pc)
	if !ok || length != len(over) {
		return n, false, tag, false
	}
	for {
		l, s := block.PeekLine()
		switch {
		case l == nil || end < s.Start:
			block.SetPosition(line, pos)
			return n, false, tag, false
		case end <= s.Stop:
			block.Advance(end - s.Start)
			return n, closing, text.NewSegment(pos.Start, end), true
		}
		block.AdvanceLine()
	}
}

// Transform pairs each closing tag read inline with the nearest opening
// tag of the same name and delimiter before it among its siblings, and
// moves what is between into the opening tag's call. A tag left unpaired
// renders as written.
func (p callInlineParser) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	tags, _ := pc.Get(callsKey).([]*callInline)
	// The tags are in source order; each parent's own stack of the
	// opening tags not yet closed.
	open := map[ast.Node][]*callInline{}
	for _, t := range tags {
		parent := t.Parent()
		if parent == nil {
			continue
		}
		stack := open[parent]
		if !t.closing {
			if len(stack) < maxCallNesting && callDepth(parent) < maxCallNesting {
				open[parent] = append(stack, t)
			}
			continue
		}
		i := len(stack) - 1
		for i >= 0 && (stack[i].name != t.name || stack[i].markdown != t.markdown) {
			i--
		}
		if i < 0 {
			continue
		}
		o := stack[i]
		open[parent] = stack[:i]
		for n := o.NextSibling(); n != nil && n != ast.Node(t); {
			next := n.NextSibling()
			o.AppendChild(o, n)
			n = next
		}
		o.closed, o.innerStart, o.innerStop = true, o.tag.Stop, t.tag.Start
		parent.RemoveChild(parent, t)
	}
	p.giveTexts(pc.Get(textCallsKey), reader.Source())
}

// giveTexts gives each call of calls, once paired, that is in a heading
// its plain text (see ShortcodeDef.Text). Hugo makes a heading's id of
// the output of {{% NAME %}}, which is Markdown of the page, and of a
// placeholder for {{< NAME >}}'s: the output serves both, as a reader
// sees it.
func (p callInlineParser) giveTexts(calls any, src []byte) {
	list, _ := calls.([]*callInline)
	for _, c := range list {
		if !c.closed || !inHeading(c) {
			continue
		}
		call := newCall(&c.callNode, src)
		c.plain, c.hasPlain = p.defs[c.name].Text(&call)
	}
}

// inHeading reports whether n is in a heading.
func inHeading(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindHeading:
			return true
		case ast.KindDocument:
			return false
		}
	}
	return false
}

// callDepth returns how many calls n is in, n included.
func callDepth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if n.Kind() == KindCall {
			d++
		}
	}
	return d
}

// callRenderer writes a call's marks around the HTML of its inner text,
// and a tag left unpaired as written.
type callRenderer struct{}

func (callRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCall, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		c := callOf(n)
		_, block := n.(*callBlock)
		if !c.closed {
			// Left as text, warned of (see shortcodeWarnings).
			if entering {
				if block {
					w.WriteString("<p>")
				}
				w.Write(util.EscapeHTML(c.tag.Value(src)))
				if block {
					w.WriteString("</p>\n")
				}
			}
			return ast.WalkContinue, nil
		}
		if entering {
			w.Write(holeMark(c.mark))
		} else {
			w.Write(holeMark(c.mark + 1))
			if block {
				w.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
}

// newCall returns the Call of c, a call of src.
func newCall(c *callNode, src []byte) Call {
	call := Call{Name: c.name, Markdown: c.markdown, Paired: c.inner}
	for _, m := range shortcodeArg.FindAllStringSubmatch(c.args, -1) {
		call.Args = append(call.Args, Arg{Key: m[1], Value: strings.ReplaceAll(m[2]+m[3], `\"`, `"`)})
	}
	if c.inner && c.innerStop >= c.innerStart {
		call.Text = string(src[c.innerStart:c.innerStop])
	}
	return call
}

// addCall adds the call n to d's Calls, inside the call around it if
// any, and returns its index.
func (d *Doc) addCall(n ast.Node, c *callNode, src []byte) {
	call := newCall(c, src)
	_, call.Block = n.(*callBlock)
	call.Pos = d.posOf(c.tag.Start)
	call.Parent = -1
	for p := n.Parent(); p != nil; p = p.Parent() {
		if pc := callOf(p); pc != nil && pc.closed {
			call.Parent = pc.mark // the index, until marks are set
			break
		}
	}
	if d.ordinals == nil {
		d.ordinals = map[int]int{}
	}
	call.Ordinal = d.ordinals[call.Parent]
	d.ordinals[call.Parent]++
	c.mark = len(d.Calls)
	d.Calls = append(d.Calls, call)
	d.callNodes = append(d.callNodes, c)
}

// setCallMarks gives each call its marks, after the document's links.
func (d *Doc) setCallMarks() {
	for i, c := range d.callNodes {
		c.mark = len(d.Links) + 2*i
	}
}

// holeCall returns, for a hole that is a call's mark, the index of the
// call and whether it is the start; ok is false for a link's hole.
func (d *Doc) holeCall(h hole) (i int, start, ok bool) {
	k := int(h.link) - len(d.Links)
	if k < 0 {
		return 0, false, false
	}
	return k / 2, k%2 == 0, true
}

// RenderWith renders d as Render does, each call of the site's own
// shortcodes (Doc.Calls) replaced by what run returns for it; the calls
// inside another's inner text run first. The first error of run stops
// it and is returned as it is.
func (c *Converter) RenderWith(d *Doc, run Runner) (string, error) {
	var s string
	err := c.renderCalls(d, run, func(html []byte) error {
		s = string(html)
		return nil
	})
	return s, err
}

// Markdownify renders src as Markdown of the dialect, for a template:
// links as written, no title taken out, and the site's shortcodes as
// written. A text of one paragraph is its text alone, without <p>, as
// Hugo's markdownify writes it.
func (c *Converter) Markdownify(src string) (string, error) {
	d, err := c.parseWith([]byte(src), parseMode{noTitle: true, noCalls: true})
	if err != nil {
		return "", err
	}
	if c.parseOnly {
		return "", nil
	}
	s, err := c.RenderString(d)
	if err != nil {
		return "", err
	}
	return OneParagraph(s), nil
}

// OneParagraph returns html without its <p> and </p> if it is one
// paragraph, as Hugo's markdownify writes a text of one paragraph.
func OneParagraph(html string) string {
	t := strings.TrimSuffix(html, "\n")
	if inner, ok := strings.CutPrefix(t, "<p>"); ok {
		if inner, ok := strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			return inner
		}
	}
	return html
}

// callFrame is the HTML of a call's inner text while it is read.
type callFrame struct {
	call int
	buf  bytes.Buffer
}

// fillCalls writes text, the document's HTML with its holes, to out: the
// links' destinations filled by link, and each call replaced by what run
// returns for it.
func (d *Doc) fillCalls(out *bytes.Buffer, text []byte, run Runner, link func(w *bytes.Buffer, l *Link)) error {
	stack := []*callFrame{{call: -1}}
	top := func() *bytes.Buffer {
		if len(stack) == 1 {
			return out
		}
		return &stack[len(stack)-1].buf
	}
	at := 0
	for _, h := range d.holes {
		top().Write(text[at:h.off])
		at = int(h.off)
		i, start, ok := d.holeCall(h)
		switch {
		case !ok:
			link(top(), &d.Links[h.link])
		case start:
			stack = append(stack, &callFrame{call: i})
		default:
			f := stack[len(stack)-1]
			if f.call != i || len(stack) == 1 {
				return errCallMarks
			}
			stack = stack[:len(stack)-1]
			inner := f.buf.String()
			if run == nil {
				top().WriteString(inner)
				continue
			}
			html, err := run(&d.Calls[i], inner)
			if err != nil {
				return err
			}
			top().WriteString(html)
		}
	}
	if len(stack) != 1 {
		return errCallMarks
	}
	out.Write(text[at:])
	return nil
}

// errCallMarks is a document whose marks of calls do not nest: cannot
// happen with a document Parse made.
var errCallMarks = errors.New("render markdown: the marks of the shortcodes do not nest")
