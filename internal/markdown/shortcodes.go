package markdown

// Hugo's dialect: shortcodes and block attributes. A handbook moved from a
// Hugo site keeps its {{< note >}} blocks; the common ones render as the
// built-in alerts and as <details>, and the others are warnings, since
// they show on the page as written.

import (
	"bytes"
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// shortcodeVariants maps the names of the shortcodes rendered as alerts
// (those of Hugo's common themes) to the alert's variant.
var shortcodeVariants = map[string]string{
	"alert":      "note",
	"callout":    "note",
	"notice":     "note",
	"admonition": "note",
	"note":       "note",
	"info":       "note",
	"tip":        "tip",
	"hint":       "tip",
	"important":  "important",
	"warning":    "warning",
	"caution":    "caution",
	"danger":     "caution",
}

// shortcodeNamePattern matches a shortcode's name, with the folders its
// template is in, as Hugo names one in layouts/shortcodes/sub/:
// "sub/name".
const shortcodeNamePattern = `[A-Za-z][\w-]*(?:/[A-Za-z][\w-]*)*`

// shortcodeLine matches a line that is only a shortcode's tag, opening
// ({{< note >}}, {{% alert title="x" %}}) or closing ({{< /note >}}).
var shortcodeLine = regexp.MustCompile(`^\{\{([<%])\s*(/?)\s*(` + shortcodeNamePattern + `)(.*?)\s*([>%])\}\}\s*$`)

// shortcodeStart matches the start of any shortcode, for warnings.
var shortcodeStart = regexp.MustCompile(`\{\{[<%]\s*(/?)\s*([A-Za-z][\w./-]*)`)

// shortcodeArg matches an argument: key="value", key=value or "value".
var shortcodeArg = regexp.MustCompile(`(?:([A-Za-z]\w*)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|(\S+))`)

// parseShortcodeLine returns the name of the shortcode that line is only
// the tag of, whether it is a closing tag, and its arguments.
func parseShortcodeLine(line []byte) (name string, closing bool, args string, ok bool) {
	line = bytes.TrimSpace(line)
	if !bytes.HasPrefix(line, []byte("{{")) || !bytes.HasSuffix(line, []byte("}}")) {
		return "", false, "", false
	}
	m := shortcodeLine.FindSubmatch(line)
	if m == nil || (string(m[1]) == "<") != (string(m[5]) == ">") {
		return "", false, "", false
	}
	return strings.ToLower(string(m[3])), len(m[2]) > 0, string(m[4]), true
}

// tagOverLines returns the tag of a shortcode that starts at src[start]
// and ends on a later line, as Hugo reads one written over several
// lines: up to the first "}}" after start, that many bytes, each line
// break made a space for the tag's patterns, and the offset of its end
// in src. Such a tag holds no blank line and is at most maxTagLen long:
// a "{{<" never closed is read no further, which keeps a page of many of
// them linear.
func tagOverLines(src []byte, start int) (tag []byte, end int, ok bool) {
	window := src[start:min(len(src), start+maxTagLen)]
	if !bytes.HasPrefix(window, []byte("{{<")) && !bytes.HasPrefix(window, []byte("{{%")) {
		return nil, 0, false
	}
	i := bytes.Index(window, []byte("}}"))
	if i < 0 || bytes.IndexByte(window[:i], '\n') < 0 {
		return nil, 0, false
	}
	tag = bytes.Clone(window[:i+2])
	for j, line := range bytes.Split(tag, []byte("\n")) {
		if j > 0 && len(bytes.TrimSpace(line)) == 0 {
			return nil, 0, false
		}
	}
	for j, b := range tag {
		if b == '\n' || b == '\r' {
			tag[j] = ' '
		}
	}
	return tag, start + len(tag), true
}

// blockTagOverLines returns the tag of a shortcode written over several
// lines, starting lead bytes into reader's line, whose last line holds
// nothing after it (see tagOverLines); advance moves reader to the end of
// that line.
func blockTagOverLines(reader text.Reader, lead int) (tag []byte, seg text.Segment, advance func(), ok bool) {
	_, first := reader.PeekLine()
	src := reader.Source()
	tag, end, ok := tagOverLines(src, first.Start+lead)
	if !ok {
		return nil, seg, nil, false
	}
	rest := src[end:]
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, seg, nil, false
	}
	advance = func() {
		for {
			_, s := reader.PeekLine()
			if end <= s.Stop || s.Start >= len(src) {
				break
			}
			reader.AdvanceLine()
		}
		reader.AdvanceToEOL()
	}
	return tag, text.NewSegment(first.Start+lead, end), advance, true
}

// KindShortcode is the node kind of a rendered Hugo shortcode.
var KindShortcode = ast.NewNodeKind("Shortcode")

// A Shortcode is a Hugo shortcode rendered as an alert ("note", "tip",
// ...) or as a <details> block, with the Markdown between its tags; tabs
// as their panels one below the other, each open with its name, which a
// page without scripts and a printed page show, and which the theme's
// script makes tabs on screen (and MkDocs's content tabs and VitePress's
// code groups, as Hugo's tabs); or
// one of a line alone, a figure (its image a child Image, resolved as any
// image of the page), a YouTube video or a GitHub gist (a link to it: an
// intranet page loads nothing from outside).
type Shortcode struct {
	ast.BaseBlock
	// Name is the shortcode's name, in lower case.
	Name string
	// Variant is the alert's variant, or "" for details.
	Variant string
	// Title is the alert's title, the summary of details, a figure's
	// caption or a video's title, if given.
	Title string
	// Video is a YouTube video's id, or a gist's user and id.
	Video string
	// Open marks a tab, a <details> shown open.
	Open bool
	// closed marks a shortcode whose closing tag was met, or one of a
	// line alone.
	closed bool
	// mkdocs marks a tab or a set of tabs written as MkDocs writes them,
	// `=== "Name"` (see mkdocsTabs).
	mkdocs bool
	// image is a figure's, given it once its inlines are parsed: the
	// parser takes a block's children for blocks until then.
	image *ast.Image
}

// generic are the alert shortcodes whose kind is an argument; a note's
// or a warning's first argument is its title.
var generic = map[string]bool{"alert": true, "callout": true, "notice": true, "admonition": true, "hint": true}

// lineShortcodes are the shortcodes of a line alone, without a closing
// tag, that playbook renders.
var lineShortcodes = map[string]bool{"figure": true, "youtube": true, "gist": true}

// tabContainers are the names themes give the shortcode holding tabs:
// Hugo Book's and the Learn theme's tabs, Docsy's tabpane.
var tabContainers = map[string]bool{"tabs": true, "tabpane": true}

// newLineShortcode returns the node of a figure or a video.
func newLineShortcode(name, args string) *Shortcode {
	s := &Shortcode{Name: name, closed: true}
	named := map[string]string{}
	var positional []string
	for _, m := range shortcodeArg.FindAllStringSubmatch(args, -1) {
		key, value := strings.ToLower(m[1]), strings.ReplaceAll(m[2]+m[3], `\"`, `"`)
		if key == "" {
			positional = append(positional, value)
		} else {
			named[key] = value
		}
	}
	switch name {
	case "figure":
		src := cmp.Or(named["src"], first(positional))
		if src == "" {
			return nil
		}
		s.Title = cmp.Or(named["caption"], named["title"])
		img := ast.NewImage(ast.NewLink())
		img.Destination = []byte(src)
		if t := named["title"]; t != "" && t != s.Title {
			img.Title = []byte(t)
		}
		img.AppendChild(img, ast.NewString([]byte(cmp.Or(named["alt"], s.Title))))
		s.image = img
	case "youtube":
		s.Video = cmp.Or(named["id"], first(positional))
		if s.Video == "" || strings.ContainsAny(s.Video, "/?&#\"") {
			return nil
		}
		s.Title = named["title"]
	case "gist":
		if len(positional) < 2 || strings.ContainsAny(positional[0]+positional[1], "/?&#\"") {
			return nil
		}
		s.Video = positional[0] + "/" + positional[1]
	}
	return s
}

// first returns the first of list, or "".
func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// Dump implements ast.Node.
func (s *Shortcode) Dump(src []byte, level int) {
	ast.DumpHelper(s, src, level, map[string]string{"Name": s.Name, "Title": s.Title}, nil)
}

// Kind implements ast.Node.
func (s *Shortcode) Kind() ast.NodeKind { return KindShortcode }

// newShortcode returns the node of the opening tag of shortcode name with
// args, or nil if it is not one playbook renders.
func newShortcode(name, args string) *Shortcode {
	if lineShortcodes[name] {
		return newLineShortcode(name, args)
	}
	s := &Shortcode{Name: name}
	switch name {
	case "tabs", "tabpane":
		return s // its arguments are a group's id and how tabs look
	case "tab":
		s.Open, name = true, "details"
	case "expand":
		name = "details" // the Learn theme's
	}
	if name != "details" {
		if s.Variant = shortcodeVariants[name]; s.Variant == "" {
			return nil
		}
	}
	for _, m := range shortcodeArg.FindAllStringSubmatch(args, -1) {
		key, value := strings.ToLower(m[1]), strings.ReplaceAll(m[2]+m[3], `\"`, `"`)
		v := shortcodeVariants[strings.ToLower(value)]
		switch {
		case key == "title" || key == "summary" || key == "" && s.Variant == "",
			s.Open && (key == "header" || key == "name"): // a tab's, in Docsy and the Learn theme
			s.Title = value
		case v != "" && generic[name] && (key == "" || key == "color" || key == "type" || key == "style"):
			// {{< alert color="warning" >}}, {{% notice warning %}},
			// {{< hint danger >}}
			s.Variant = v
		case key == "":
			// {{% notice warning "Before you quote" %}}
			s.Title = value
		}
	}
	return s
}

// hugo is the goldmark extension for Hugo's dialect: shortcodes rendered
// as alerts and details, titled by titles where they have no title of
// their own, and block attributes.
type hugo struct{ titles *titles }

func (h hugo) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			util.Prioritized(shortcodeParser{}, 90),
			util.Prioritized(attributeParser{}, 95),
		),
		parser.WithASTTransformers(util.Prioritized(attributeParser{}, 100), util.Prioritized(shortcodeParser{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 500)))
}

func (h hugo) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		s := n.(*Shortcode)
		switch {
		case s.Name == "figure" && entering:
			w.WriteString("<figure>\n")
		case s.Name == "figure":
			if s.Title != "" {
				w.WriteString("\n<figcaption>" + escape(s.Title) + "</figcaption>")
			}
			w.WriteString("\n</figure>\n")
		case s.Name == "youtube":
			if entering {
				w.WriteString(`<p class="video"><a href="https://www.youtube.com/watch?v=` + escape(s.Video) + `">` + escape(cmp.Or(s.Title, h.titles.of("video"))) + "</a> (YouTube)</p>\n")
			}
		case s.Name == "gist":
			if entering {
				w.WriteString(`<p class="video"><a href="https://gist.github.com/` + escape(s.Video) + `">` + escape(s.Video) + "</a> (GitHub Gist)</p>\n")
			}
		case tabContainers[s.Name] && entering:
			w.WriteString(`<div class="tabs">` + "\n")
		case tabContainers[s.Name]:
			w.WriteString("</div>\n")
		case s.Variant == "" && entering && s.Open:
			writeDetailsStart(w, "tab", "", cmp.Or(s.Title, h.titles.of("tab")), true)
		case s.Variant == "" && entering:
			writeDetailsStart(w, "", "", cmp.Or(s.Title, h.titles.of("details")), false)
		case s.Variant == "":
			w.WriteString("</details>\n")
		case entering:
			writeAlertStart(w, s.Variant, cmp.Or(s.Title, h.titles.of(s.Variant)))
		default:
			w.WriteString("</div>\n")
		}
		return ast.WalkContinue, nil
	})
}

// shortcodeParser parses a line that is only a shortcode's opening tag, of
// a shortcode playbook renders, up to the line that is only its closing
// tag, as a Shortcode holding the Markdown between.
type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	name, closing, args, ok := parseShortcodeLine(line)
	advance := reader.AdvanceToEOL
	if !ok {
		lead := len(line) - len(bytes.TrimLeft(line, " \t"))
		var tag []byte
		if tag, _, advance, ok = blockTagOverLines(reader, lead); ok {
			name, closing, args, ok = parseShortcodeLine(tag)
		}
	}
	if !ok || closing {
		return nil, parser.NoChildren
	}
	s := newShortcode(name, args)
	if s == nil || calloutDepth(parent) >= maxCalloutNesting {
		return nil, parser.NoChildren
	}
	s.SetPos(seg.Start)
	advance()
	if s.image != nil {
		figures, _ := pc.Get(figuresKey).([]*Shortcode)
		pc.Set(figuresKey, append(figures, s))
	}
	if lineShortcodes[s.Name] {
		return s, parser.NoChildren
	}
	return s, parser.HasChildren
}

// maxCalloutNesting is how many rendered shortcodes and admonitions may
// be open inside one another, and how many blocks of MkDocs apart (see
// mkdocsDepth); one more is left as text. Every line of a page goes past
// each open one, so a page of opening tags alone would cost the square of
// its length.
const maxCalloutNesting = 8

// calloutDepth returns how many Shortcodes, Alerts and calls of the
// site's shortcodes n is in, n included.
func calloutDepth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		if n.Kind() == KindShortcode || n.Kind() == KindAlert || n.Kind() == KindCall {
			d++
		}
	}
	return d
}

func (shortcodeParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if lineShortcodes[node.(*Shortcode).Name] {
		return parser.Close
	}
	if inFence(pc) {
		return parser.Continue | parser.HasChildren
	}
	s := node.(*Shortcode)
	line, _ := reader.PeekLine()
	if name, closing, _, ok := parseShortcodeLine(line); ok && closing && name == s.Name && !shortcodeOpenInside(s) {
		s.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

// shortcodeOpenInside reports whether a shortcode of s's name is open
// inside s: goldmark asks the outer blocks first, and a closing tag is
// the innermost's, as Hugo pairs {{< details >}} in {{< details >}}.
// The blocks open are the last child of the last child, and so on.
func shortcodeOpenInside(s *Shortcode) bool {
	for n := s.LastChild(); n != nil; n = n.LastChild() {
		if c, ok := n.(*Shortcode); ok && c.Name == s.Name && !c.closed && !c.mkdocs {
			return true
		}
	}
	return false
}

func (shortcodeParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// inFence reports whether the innermost block open is a fenced code
// block, where a line that would close the block around it is code. The
// page's limits (see checkLimits) read a fence's lines as code up to its
// closing fence: were the fence ended early, by the block around it, the
// lines after would be Markdown that no limit was checked on.
func inFence(pc parser.Context) bool {
	_, ok := pc.LastOpenedBlock().Node.(*ast.FencedCodeBlock)
	return ok
}

// figuresKey holds the figures of a parse, for Transform.
var figuresKey = parser.NewContextKey()

// Transform gives each figure its image.
func (shortcodeParser) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	figures, _ := pc.Get(figuresKey).([]*Shortcode)
	for _, s := range figures {
		s.AppendChild(s, s.image)
		s.image = nil
	}
}
func (shortcodeParser) CanInterruptParagraph() bool { return true }
func (shortcodeParser) CanAcceptIndentedLine() bool { return false }

// blockAttributes holds the attributes of a line that is only
// "{.class #id}", until attributeParser gives them to the block before.
type blockAttributes struct {
	ast.BaseBlock
}

var kindBlockAttributes = ast.NewNodeKind("BlockAttributes")

// Dump implements ast.Node.
func (b *blockAttributes) Dump(src []byte, level int) { ast.DumpHelper(b, src, level, nil, nil) }

// Kind implements ast.Node.
func (b *blockAttributes) Kind() ast.NodeKind { return kindBlockAttributes }

// attributeParser reads Hugo's block attributes: a line that is only
// "{.class #id key=value}" right after a paragraph, list, quote or table
// sets the attributes of that block. Safe mode keeps only id and class of
// them (see keepSafeAttributes), as of a heading's.
type attributeParser struct{}

func (attributeParser) Trigger() []byte { return []byte{'{'} }

func (attributeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) < 2 || trimmed[1] == '{' {
		return nil, parser.NoChildren
	}
	lr := text.NewReader(trimmed)
	attrs, ok := parser.ParseAttributes(lr)
	if !ok {
		return nil, parser.NoChildren
	}
	if rest, _ := lr.PeekLine(); !util.IsBlank(rest) {
		return nil, parser.NoChildren
	}
	b := &blockAttributes{}
	for _, a := range attrs {
		b.SetAttribute(a.Name, a.Value)
	}
	reader.AdvanceToEOL()
	return b, parser.NoChildren
}

func (attributeParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (attributeParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (attributeParser) CanInterruptParagraph() bool                                { return true }
func (attributeParser) CanAcceptIndentedLine() bool                                { return false }

// Transform gives the attributes of each attribute line to the block
// before it, and removes the line; a second line after the same block is
// dropped.
func (attributeParser) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var lines []*blockAttributes
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*blockAttributes); ok && entering {
			lines = append(lines, b)
		}
		return ast.WalkContinue, nil
	})
	// A block takes the attributes of one line only: a class added to on
	// each of many lines would cost the square of their number.
	given := map[ast.Node]bool{}
	for _, b := range lines {
		if prev := b.PreviousSibling(); prev != nil && prev.Type() == ast.TypeBlock && !given[prev] {
			given[prev] = true
			for _, a := range b.Attributes() {
				if string(a.Name) == "class" {
					if old, ok := prev.AttributeString("class"); ok {
						a.Value = append(append(append([]byte{}, old.([]byte)...), ' '), a.Value.([]byte)...)
					}
				}
				prev.SetAttribute(a.Name, a.Value)
			}
		}
		b.Parent().RemoveChild(b.Parent(), b)
	}
}

// shortcodeWarnings returns a warning for each shortcode in src left as
// text: not a rendered one, nor in code, nor a Hugo ref of refs that is
// a link's destination. A rendered shortcode never closed is a warning
// too.
func shortcodeWarnings(root ast.Node, src []byte, refs []hugoRef) []Warning {
	linked := 0
	for _, r := range refs {
		if r.linked {
			linked++
		}
	}
	// A page from Hugo has refs in its links and no other shortcode, as
	// often as not.
	if bytes.Count(src, []byte("{{<"))+bytes.Count(src, []byte("{{%")) == linked {
		return nil
	}
	var skip []text.Segment // code, and the tags of rendered shortcodes
	var ws []Warning
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := range n.Lines().Len() {
				skip = append(skip, n.Lines().At(i))
			}
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					skip = append(skip, t.Segment)
				}
			}
		case *callBlock, *callInline:
			c := callOf(n)
			skip = append(skip, c.tag)
			if !c.closed {
				ws = append(ws, Warning{Kind: WarnShortcode, off: c.tag.Start,
					Msg: "Hugo shortcode \"" + c.name + "\" is never closed: its template reads .Inner; add {{< /" + c.name + " >}} where it ends, or write {{< " + c.name + " />}}"})
			}
		case *Shortcode:
			end := bytes.IndexByte(src[n.Pos():], '\n')
			if end < 0 {
				end = len(src) - n.Pos()
			}
			skip = append(skip, text.NewSegment(n.Pos(), n.Pos()+end))
			if !n.closed {
				ws = append(ws, Warning{Kind: WarnShortcode, off: n.Pos(),
					Msg: "Hugo shortcode \"" + n.Name + "\" is never closed: add {{< /" + n.Name + " >}} where it ends"})
			}
		}
		return ast.WalkContinue, nil
	})
	// The segments do not overlap: sorted by start, the one a start may
	// be in is the last starting at or before it. A page of thousands of
	// inline calls is as many segments.
	slices.SortFunc(skip, func(a, b text.Segment) int { return cmp.Compare(a.Start, b.Start) })
	var texts, html spans // found when a ref asks
	for _, m := range shortcodeStart.FindAllSubmatchIndex(src, -1) {
		off := m[0]
		i, _ := slices.BinarySearchFunc(skip, off+1, func(s text.Segment, off int) int { return cmp.Compare(s.Start, off) })
		inSkip := i > 0 && off < skip[i-1].Stop
		i, marked := slices.BinarySearchFunc(refs, off, func(r hugoRef, off int) int { return r.off - off })
		if inSkip || m[3] > m[2] || marked && refs[i].linked { // in code, rendered, a closing tag, or a link's destination
			continue
		}
		msg := "Hugo shortcode \"" + string(src[m[4]:m[5]]) + "\" left as text"
		if ref := refShortcode.FindSubmatch(src[off:]); ref != nil {
			if marked && texts == nil {
				texts, html = textAndHTML(root)
			}
			switch {
			case marked && !texts.contain(off):
				continue // a definition's destination
			case !marked && bytes.HasSuffix(bytes.TrimRight(src[:off], " \t"), []byte("](")):
				continue // a link's target: its not-link warning says what to write
			}
			if html == nil {
				texts, html = textAndHTML(root)
			}
			link := "[its title]({{< " + string(ref[2]) + " \"" + string(ref[3]) + string(ref[4]) + "\" >}})"
			// An attribute's value in quotes ends at the ref's first
			// quote: goldmark then takes the tag for text.
			if html.contain(off) || bytes.HasSuffix(src[:off], []byte(`="`)) || bytes.HasSuffix(src[:off], []byte(`='`)) {
				msg += ": playbook reads no shortcode in HTML; write the link in Markdown, " + link
			} else {
				msg += ": playbook reads a ref as a link's target only, " + link + ", or a link definition's"
			}
		}
		ws = append(ws, Warning{Kind: WarnShortcode, off: off, Msg: msg})
	}
	return ws
}

// textAndHTML returns the segments of the text and of the raw HTML under
// root: where a ref may be besides a link's destination, or code. Both
// are non-nil.
func textAndHTML(root ast.Node) (texts, html spans) {
	texts, html = spans{}, spans{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			texts = append(texts, n.Segment)
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				html = append(html, n.Segments.At(i))
			}
		case *ast.HTMLBlock:
			for i := range n.Lines().Len() {
				html = append(html, n.Lines().At(i))
			}
		}
		return ast.WalkContinue, nil
	})
	return newSpans(texts), newSpans(html)
}
