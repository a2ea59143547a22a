package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ids makes heading ids as GitHub does, so that an anchor written for a
// Git host ("#über-uns") also works on the site: the heading's text as a
// reader sees it (no Markdown, no HTML tags), in lower case, with every
// character but letters, marks, digits, connector punctuation ("_"),
// hyphens and spaces dropped, and each space made a hyphen. Nothing is
// trimmed or collapsed: "Instagram <a name=...>" is "instagram-", as on
// GitHub. A repeated id gets "-1", "-2", ...
type ids struct {
	taken map[string]bool
	// next holds, for each id repeated so far, the suffix to try first
	// next time: every suffix below it is taken, and ids are never freed, so
	// a page of n equal headings costs n lookups, not n²/2.
	next map[string]int
}

func newIDs() *ids { return &ids{taken: map[string]bool{}, next: map[string]int{}} }

// Generate returns a unique id for a heading whose text is value.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	id := headingID(string(value))
	if id == "" {
		id = "heading"
	}
	if strings.HasPrefix(id, ThemeIDPrefix) {
		id = "h-" + id // not the theme's
	}
	unique := id
	if s.taken[id] {
		i := max(s.next[id], 1)
		for s.taken[id+"-"+strconv.Itoa(i)] {
			i++
		}
		unique = id + "-" + strconv.Itoa(i)
		s.next[id] = i + 1
	}
	s.taken[unique] = true
	return []byte(unique)
}

// ThemeIDPrefix starts the ids a theme gives the parts of its pages
// ("pb-main", the skip link's target): a heading's id made of its text
// that would start with it starts with "h-" instead, and one given
// explicitly is warned of.
const ThemeIDPrefix = "pb-"

// headingIDWarnings warns of the heading ids of a document (its title,
// if any, and the headings under root) that a link could not tell apart:
// an id given explicitly twice, or also made of another heading's text,
// and one the theme's ids start with. Ids made of text are unique.
func headingIDWarnings(root, title ast.Node) []Warning {
	var ws []Warning
	seen := map[string]bool{}
	check := func(h *ast.Heading) {
		v, ok := h.AttributeString("id")
		b, isBytes := v.([]byte)
		if !ok || !isBytes {
			return
		}
		id, off := string(b), 0
		if h.Lines().Len() > 0 {
			off = h.Lines().At(0).Start
		}
		switch {
		case seen[id]:
			ws = append(ws, Warning{Kind: WarnHeadingID, off: off, Msg: fmt.Sprintf("heading id %q is taken by an earlier heading: a link to #%s leads there; give this one another", id, id)})
		case strings.HasPrefix(id, ThemeIDPrefix):
			ws = append(ws, Warning{Kind: WarnHeadingID, off: off, Msg: fmt.Sprintf("heading id %q starts with %q, which the theme's own ids do: give it another", id, ThemeIDPrefix)})
		}
		seen[id] = true
	}
	if h, ok := title.(*ast.Heading); ok && title != nil {
		check(h)
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			check(h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ws
}

// Put reserves an id given explicitly ("## Why {#why}").
func (s *ids) Put(value []byte) { s.taken[string(value)] = true }

// HeadingID is GitHub's anchor for a heading whose text is text, as a
// wiki's link to a section ([[Page#Why us?]]) names it.
func HeadingID(text string) string { return headingID(text) }

// headingID is GitHub's anchor for a heading whose text is text.
func headingID(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// assignIDs gives every heading under root that has no id one made of its
// text, in document order, and reserves the ids given explicitly. It runs
// after the inline parse, unlike goldmark's own heading ids, which are made
// of the heading's source line and so of its Markdown and HTML too.
func (s *ids) assignIDs(root ast.Node, src []byte) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				s.Put(b)
				return ast.WalkSkipChildren, nil
			}
		}
		h.SetAttributeString("id", s.Generate([]byte(idText(h, src)), ast.KindHeading))
		return ast.WalkSkipChildren, nil
	})
}

// idText returns the text of a heading as GitHub reads it for its id: the
// text of its inline children, HTML tags left out, untrimmed.
func idText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	writePlainText(&buf, n, src)
	return buf.String()
}

// htmlTag and htmlAttr find the tags of raw HTML and their attributes.
var (
	htmlTag  = regexp.MustCompile(`(?is)<([a-z][a-z0-9-]*)(\s[^>]*)?>`)
	htmlAttr = regexp.MustCompile(`(?is)\s([a-z_:][-a-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)
)

// htmlAnchors returns the anchors raw HTML sets: the id of any element,
// and the name of an <a>, as a handbook written for a Git host marks a
// place to link to ("<a name="instagram"></a>").
func htmlAnchors(raw []byte) []string {
	if bytes.IndexByte(raw, '<') < 0 {
		return nil
	}
	var out []string
	for _, tag := range htmlTag.FindAllSubmatch(raw, -1) {
		isA := strings.EqualFold(string(tag[1]), "a")
		for _, a := range htmlAttr.FindAllSubmatch(tag[2], -1) {
			name := strings.ToLower(string(a[1]))
			if name != "id" && !(isA && name == "name") {
				continue
			}
			v := string(a[2]) + string(a[3]) + string(a[4])
			if v = stdhtml.UnescapeString(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// rawHTML returns the source of an inline or block HTML node.
func rawHTML(n ast.Node, src []byte) []byte {
	var segs []text.Segment
	switch n := n.(type) {
	case *ast.RawHTML:
		segs = n.Segments.Sliced(0, n.Segments.Len())
	case *ast.HTMLBlock:
		segs = n.Lines().Sliced(0, n.Lines().Len())
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	}
	var buf bytes.Buffer
	for _, seg := range segs {
		buf.Write(seg.Value(src))
	}
	return buf.Bytes()
}
