package markdown

// Raw HTML written in Markdown. Handbooks written for a Git host use a
// little of it: <br> in table cells, <details> blocks, <kbd>, an <a name>
// to link to, a comment left by a converter. In safe mode that subset is
// kept and the rest is shown as text; in both modes the links in it are
// links of the page, checked and rewritten like Markdown's.

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
)

// SafeHTML lists the elements raw HTML keeps in safe mode, each with the
// only attributes it keeps: those GitHub keeps of a README, formatting
// that runs no script and loads nothing, so that a handbook written for
// a Git host, or exported from a wiki as HTML tables and paragraphs,
// reads as it did there. Every other tag is shown as text.
var SafeHTML = map[string][]string{
	"a":   {"name", "id", "href", "title"},
	"img": {"src", "alt", "title", "width", "height", "align"},
	"p":   {"align"}, "div": {"align"},
	"h1": {"align"}, "h2": {"align"}, "h3": {"align"}, "h4": {"align"}, "h5": {"align"}, "h6": {"align"},
	"details": {"open"},
	"ol":      {"start", "type", "reversed"},
	"li":      {"value"},
	"td":      {"colspan", "rowspan", "align"},
	"th":      {"colspan", "rowspan", "align"},
	"abbr":    {"title"},
	"time":    {"datetime"},
	"br":      nil, "hr": nil, "wbr": nil,
	"span": nil, "blockquote": nil, "pre": nil, "code": nil,
	"b": nil, "i": nil, "strong": nil, "em": nil, "u": nil, "s": nil, "strike": nil,
	"del": nil, "ins": nil, "small": nil, "mark": nil, "sub": nil, "sup": nil,
	"kbd": nil, "samp": nil, "var": nil, "tt": nil, "q": nil, "cite": nil, "dfn": nil,
	"bdo": nil, "ruby": nil, "rt": nil, "rp": nil,
	"ul": nil, "dl": nil, "dt": nil, "dd": nil,
	"table": nil, "caption": nil, "thead": nil, "tbody": nil, "tfoot": nil, "tr": nil,
	"summary": nil, "figure": nil, "figcaption": nil,
}

// maxOpenHTML is how many elements raw HTML may leave open at a time in
// safe mode; a tag past it is shown as text. No page needs more, and each
// end tag looks through them.
const maxOpenHTML = 64

// voidElements are the elements of SafeHTML that have no end tag.
var voidElements = map[string]bool{"br": true, "img": true, "hr": true, "wbr": true}

// rawHTMLKey is the attribute under which parse keeps a raw HTML node's
// filteredHTML; an author cannot write it.
var rawHTMLKey = []byte("\x00raw")

// filteredHTML is what parse makes of a raw HTML node (inline or a block): the
// HTML it renders as, in parts between which go the destinations of the
// links in it.
type filteredHTML struct {
	parts    []string
	links    []*htmlLink
	warnings []Warning
	// at maps an offset in the node's text to one in the source.
	segs []text.Segment
}

// htmlLink is the destination of a link or an image in raw HTML. It is an
// ast.Node only so that a Link can point at it; it is in no tree.
type htmlLink struct {
	ast.BaseInline
	dest  string
	image bool
	// off is the offset in the source of the tag's "<".
	off int
}

var kindHTMLLink = ast.NewNodeKind("HTMLLink")

// Kind implements ast.Node.
func (l *htmlLink) Kind() ast.NodeKind { return kindHTMLLink }

// Dump implements ast.Node.
func (l *htmlLink) Dump(src []byte, level int) {
	ast.DumpHelper(l, src, level, map[string]string{"Dest": l.dest}, nil)
}

// rawInfo returns what parse made of raw HTML node n, or nil.
func rawInfo(n ast.Node) *filteredHTML {
	v, ok := n.Attribute(rawHTMLKey)
	if !ok {
		return nil
	}
	r, _ := v.(*filteredHTML)
	return r
}

// htmlState filters the raw HTML of one document in document order. In
// safe mode it keeps the elements it lets through balanced: an element
// opened in raw HTML is closed, at the latest, where the Markdown block it
// was opened in ends (a paragraph, a list item, the page), and an end tag
// with nothing to close is dropped. Else an <a> left open would take in
// the links of the page's layout after it.
type htmlState struct {
	src    []byte
	unsafe bool
	open   []string
	// floors holds, for each Markdown block the walk is in, how many
	// elements were open when it began: those it may not close.
	floors []int
	// dropped holds the attributes dropped, by element and name, each
	// warned of once.
	dropped map[string]bool
}

// isContainer reports whether raw HTML opened inside n is closed where n
// ends: every block but an HTML block, whose elements often close in a
// later one (<details>, then Markdown, then </details>).
func isContainer(n ast.Node) bool {
	return n.Type() == ast.TypeDocument || n.Type() == ast.TypeBlock && n.Kind() != ast.KindHTMLBlock
}

func (s *htmlState) enter(n ast.Node) {
	if !s.unsafe && isContainer(n) {
		s.floors = append(s.floors, len(s.open))
	}
}

// leave closes what raw HTML opened in n and left open, if n is a block.
func (s *htmlState) leave(n ast.Node) {
	if s.unsafe || !isContainer(n) {
		return
	}
	floor := s.floors[len(s.floors)-1]
	s.floors = s.floors[:len(s.floors)-1]
	if len(s.open) == floor {
		return
	}
	closers := s.closeFrom(floor)
	var c ast.Node
	if last := n.LastChild(); last != nil && last.Type() == ast.TypeInline {
		c = ast.NewRawHTML()
	} else {
		c = ast.NewHTMLBlock(ast.HTMLBlockType7)
		closers += "\n"
	}
	c.SetAttribute(rawHTMLKey, &filteredHTML{parts: []string{closers}})
	n.AppendChild(n, c)
}

// closeFrom returns the end tags of the open elements from i up, and
// forgets them.
func (s *htmlState) closeFrom(i int) string {
	var b strings.Builder
	for j := len(s.open) - 1; j >= i; j-- {
		b.WriteString("</" + s.open[j] + ">")
	}
	s.open = s.open[:i]
	return b.String()
}

// filter reads raw HTML node n and keeps on it what it renders as.
func (s *htmlState) filter(n ast.Node) {
	r := &filteredHTML{}
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			r.segs = append(r.segs, n.Segments.At(i))
		}
	case *ast.HTMLBlock:
		for i := range n.Lines().Len() {
			r.segs = append(r.segs, n.Lines().At(i))
		}
		if n.HasClosure() {
			r.segs = append(r.segs, n.ClosureLine)
		}
	}
	var src []byte
	for _, seg := range r.segs {
		src = append(src, seg.Value(s.src)...)
	}
	var out strings.Builder
	z := html.NewTokenizer(bytes.NewReader(src))
	for off := 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			if !errors.Is(z.Err(), io.EOF) {
				out.WriteString(escape(string(z.Raw())))
			}
			break
		}
		raw := string(z.Raw())
		start := off
		off += len(raw)
		if s.unsafe {
			s.passToken(r, &out, z, tt, raw, start)
		} else {
			s.filterToken(r, &out, z, tt, raw, start)
		}
	}
	r.parts = append(r.parts, out.String())
	if len(r.parts) == 1 && strings.TrimSpace(r.parts[0]) == "" {
		r.parts[0] = "" // a comment, and the line break after it
	}
	n.SetAttribute(rawHTMLKey, r)
}

// sourceOffset returns the offset in the document of offset off in r's
// text.
func (r *filteredHTML) sourceOffset(off int) int {
	for _, seg := range r.segs {
		if off < seg.Len() {
			return seg.Start + off
		}
		off -= seg.Len()
	}
	if len(r.segs) > 0 {
		return r.segs[len(r.segs)-1].Stop
	}
	return 0
}

// passToken writes a token of raw HTML in unsafe mode: as written, but
// for the links of <a> and <img>, which the site may rewrite.
func (s *htmlState) passToken(r *filteredHTML, out *strings.Builder, z *html.Tokenizer, tt html.TokenType, raw string, start int) {
	if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
		out.WriteString(raw)
		return
	}
	tok := z.Token()
	linkAttr := ""
	switch tok.Data {
	case "a":
		linkAttr = "href"
	case "img":
		linkAttr = "src"
	}
	rewrite := false
	for _, a := range tok.Attr {
		if a.Namespace == "" && a.Key == linkAttr && !hasScheme(a.Val) && a.Val != "" {
			rewrite = true
		}
	}
	if !rewrite {
		out.WriteString(raw)
		return
	}
	out.WriteString("<" + tok.Data)
	for _, a := range tok.Attr {
		out.WriteString(" " + a.Key + `="`)
		if a.Namespace == "" && a.Key == linkAttr && !hasScheme(a.Val) && a.Val != "" {
			s.addLink(r, out, a.Val, tok.Data == "img", start)
		} else {
			out.WriteString(escape(a.Val))
		}
		out.WriteString(`"`)
	}
	if tt == html.SelfClosingTagToken {
		out.WriteString(" /")
	}
	out.WriteString(">")
}

// addLink ends the current part of r's HTML at a link's destination,
// which the renderer writes there.
func (s *htmlState) addLink(r *filteredHTML, out *strings.Builder, dest string, image bool, start int) {
	r.parts = append(r.parts, out.String())
	out.Reset()
	r.links = append(r.links, &htmlLink{dest: dest, image: image, off: r.sourceOffset(start)})
}

// filterToken writes a token of raw HTML in safe mode: a comment is
// dropped, an element of SafeHTML is kept with its safe attributes, and
// anything else is escaped, to show as text.
func (s *htmlState) filterToken(r *filteredHTML, out *strings.Builder, z *html.Tokenizer, tt html.TokenType, raw string, start int) {
	switch tt {
	case html.CommentToken:
		return
	case html.TextToken:
		out.WriteString(escape(string(z.Text())))
		return
	case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
	default: // a doctype
		out.WriteString(escape(raw))
		return
	}
	tok := z.Token()
	allowed, ok := SafeHTML[tok.Data]
	if ok && tt == html.StartTagToken && !voidElements[tok.Data] && len(s.open) >= maxOpenHTML {
		ok = false // past the limit, and end tags would cost the square
	}
	if !ok {
		s.warnTag(r, tok.Data, start)
		out.WriteString(escape(raw))
		return
	}
	if tt == html.EndTagToken {
		floor := 0
		if len(s.floors) > 0 {
			floor = s.floors[len(s.floors)-1]
		}
		if i := slices.Index(s.open[floor:], tok.Data); i >= 0 {
			out.WriteString(s.closeFrom(floor + i))
		}
		return
	}
	out.WriteString("<" + tok.Data)
	for _, a := range tok.Attr {
		if a.Namespace != "" || !slices.Contains(allowed, a.Key) {
			s.warnAttribute(r, tok.Data, a.Key, start)
			continue
		}
		switch a.Key {
		case "href", "src":
			image := a.Key == "src"
			v, ok := safeURL(a.Val, image)
			if !ok {
				msg := "raw HTML: " + a.Key + "=" + quote(a.Val) + " dropped: only relative, http:, https:, mailto: and tel: links are kept"
				if image {
					msg += ", and data: images"
				}
				r.warnings = append(r.warnings, Warning{Kind: WarnHTML, Msg: msg, off: r.sourceOffset(start)})
				continue
			}
			out.WriteString(" " + a.Key + `="`)
			if v != "" && !hasScheme(v) {
				s.addLink(r, out, v, image, start)
			} else {
				out.WriteString(escape(v))
			}
			out.WriteString(`"`)
		case "open":
			out.WriteString(" open")
		default:
			out.WriteString(" " + a.Key + `="` + escape(a.Val) + `"`)
		}
	}
	out.WriteString(">")
	if voidElements[tok.Data] {
		return
	}
	if tt == html.SelfClosingTagToken {
		out.WriteString("</" + tok.Data + ">")
		return
	}
	s.open = append(s.open, tok.Data)
}

// warnTag warns of a tag shown as text.
func (s *htmlState) warnTag(r *filteredHTML, name string, start int) {
	r.warnings = append(r.warnings, Warning{Kind: WarnHTML, off: r.sourceOffset(start),
		Msg: "raw HTML <" + name + "> shown as text: safe mode keeps the formatting a Git host keeps, no script, style, form or frame (set unsafe = true in [markdown] of site.toml to let all HTML through)"})
}

// warnAttribute warns of an attribute dropped, the first time the page
// has it on that element: an export from a wiki puts a class on every
// cell of every table.
func (s *htmlState) warnAttribute(r *filteredHTML, tag, attr string, start int) {
	key := tag + " " + attr
	if s.dropped[key] {
		return
	}
	if s.dropped == nil {
		s.dropped = map[string]bool{}
	}
	s.dropped[key] = true
	r.warnings = append(r.warnings, Warning{Kind: WarnHTML, off: r.sourceOffset(start),
		Msg: "raw HTML: " + attr + " of <" + tag + "> dropped, here and further down the page: safe mode keeps no style, class or script (set unsafe = true in [markdown] of site.toml to keep it)"})
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return `"` + strings.ToValidUTF8(s, "?") + `"`
}

// safeURL returns the URL an href or src of raw HTML holds as a browser
// reads it, and whether it may be kept in safe mode: a relative URL, or
// one of http:, https:, mailto: or tel:, or for an image a data: image.
// A browser drops tabs and line breaks anywhere in a URL and spaces and
// control characters around it, so "java\tscript:" is refused too.
func safeURL(v string, image bool) (string, bool) {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	i := strings.IndexAny(v, ":/?#")
	if i < 0 || v[i] != ':' {
		return v, true // relative
	}
	switch strings.ToLower(v[:i]) {
	case "http", "https", "mailto", "tel":
		return v, true
	case "data":
		return v, image && strings.HasPrefix(strings.ToLower(v), "data:image/")
	}
	return v, false
}

// renderRaw writes a raw HTML node as parse filtered it, with the
// destinations of its links as the site set them.
func renderRaw(w util.BufWriter, r *filteredHTML) {
	for i, p := range r.parts {
		if i > 0 {
			w.WriteString(escape(r.links[i-1].dest))
		}
		w.WriteString(p)
	}
}

// escape escapes s for HTML text or a quoted attribute value, as goldmark
// does.
func escape(s string) string { return string(util.EscapeHTML([]byte(s))) }
