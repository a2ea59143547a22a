package markdown

// The admonitions of MkDocs (Python-Markdown's, with Material for MkDocs'
// folded ones and content tabs) and of Docusaurus, VuePress and
// VitePress. A handbook moved from one of them keeps its callouts: they
// render as the built-in alerts, and content tabs and VitePress's code
// groups as Hugo's tabs are rendered. A kind playbook does not know shows
// as a note, and is warned of.

import (
	"bytes"
	"cmp"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// admonitionVariants maps the kinds of admonition of Material for MkDocs
// (with their other names), Docusaurus, VuePress and VitePress to the
// alert's variant, as shortcodeVariants maps Hugo's: each to the alert
// nearest in meaning.
var admonitionVariants = map[string]string{
	"note":      "note",
	"abstract":  "note",
	"summary":   "note",
	"tldr":      "note",
	"info":      "note",
	"todo":      "note",
	"question":  "note",
	"help":      "note",
	"faq":       "note",
	"example":   "note",
	"quote":     "note",
	"cite":      "note",
	"tip":       "tip",
	"hint":      "tip",
	"success":   "tip",
	"check":     "tip",
	"done":      "tip",
	"important": "important",
	"warning":   "warning",
	"attention": "warning",
	"caution":   "caution",
	"danger":    "caution",
	"error":     "caution",
	"failure":   "caution",
	"fail":      "caution",
	"missing":   "caution",
	"bug":       "caution",
}

// admonitions is the goldmark extension for the admonitions of MkDocs and
// Docusaurus, and MkDocs's content tabs. Its nodes are Alerts and
// Shortcodes, rendered by alerts and hugo.
type admonitions struct{}

func (admonitions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(mkdocsParser{}, 90),
		util.Prioritized(mkdocsTabs{}, 90),
		util.Prioritized(docusaurusParser{}, 90),
		// After goldmark's paragraphs: it only opens where they cannot.
		util.Prioritized(afterIndented{}, 1010),
	))
}

// newAdmonition returns the Alert of an admonition of kind, as written,
// with marker.
func newAdmonition(marker, kind string) *Alert {
	a := &Alert{marker: marker, kind: kind, Variant: admonitionVariants[strings.ToLower(kind)]}
	if a.Variant == "" {
		a.Variant, a.unknown = "note", true
	}
	return a
}

// mkdocsParser parses an admonition of MkDocs: a line "!!! kind" (or
// "??? kind", folded, or "???+ kind", folded and open), other classes
// after the kind and a title in quotes after them, then the lines
// indented 4 columns more, blank ones among them.
type mkdocsParser struct{}

func (mkdocsParser) Trigger() []byte { return []byte{'!', '?'} }

func (mkdocsParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	return openAdmonition(mkdocsAdmonition(util.TrimLeftSpace(line)), mkdocsDepth(parent), reader)
}

// openAdmonition opens a, read from reader's line, nested depth deep: a
// nil one, or one nested too deep, is not opened.
func openAdmonition(a *Alert, depth int, reader text.Reader) (ast.Node, parser.State) {
	if a == nil || depth >= maxCalloutNesting {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return a, parser.HasChildren
}

func (mkdocsParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueIndented(reader, pc)
}

func (mkdocsParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (mkdocsParser) CanInterruptParagraph() bool                                { return true }
func (mkdocsParser) CanAcceptIndentedLine() bool                                { return false }

// mkdocsAdmonition returns the Alert that line, without the spaces before
// it, opens, or nil: "!!! kind", "??? kind" or "???+ kind", other words
// (classes, as "inline end") after the kind, then a title in double
// quotes, "" for none, as Python-Markdown reads them.
func mkdocsAdmonition(line []byte) *Alert {
	line = util.TrimRightSpace(line)
	var marker string
	for _, m := range []string{"???+", "???", "!!!"} {
		if bytes.HasPrefix(line, []byte(m)) {
			marker = m
			break
		}
	}
	if marker == "" {
		return nil
	}
	rest := line[len(marker):]
	var title []byte
	quoted := false
	if q := bytes.IndexByte(rest, '"'); q >= 0 {
		if q == len(rest)-1 || rest[len(rest)-1] != '"' || q == 0 || (rest[q-1] != ' ' && rest[q-1] != '\t') {
			return nil
		}
		title, quoted, rest = rest[q+1:len(rest)-1], true, rest[:q]
	}
	classes := bytes.Fields(rest)
	if len(classes) == 0 {
		return nil
	}
	for _, c := range classes {
		if !isClass(c) {
			return nil
		}
	}
	a := newAdmonition(marker, string(classes[0]))
	a.Details, a.Open = marker != "!!!", marker == "???+"
	a.Title = string(title)
	// A title "" is none, as Material shows it; a <details> keeps the
	// variant's word to be opened by.
	a.Untitled = quoted && len(title) == 0 && !a.Details
	return a
}

// mkdocsDepth returns how many blocks of MkDocs (admonitions, tabs and
// sets of tabs) n is in, n included. They nest as deep as other callouts,
// but apart from them: each takes 4 columns more of indentation, so that
// a marker at the start of a line is in none and always opens, which
// checkLimits counts on to read a fence indented after it as code.
func mkdocsDepth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n := n.(type) {
		case *Alert:
			if n.marker != "" && n.marker[0] != ':' {
				d++
			}
		case *Shortcode:
			if n.mkdocs {
				d++
			}
		}
	}
	return d
}

// isMkDocsMarker reports whether line, without the spaces before it,
// opens an admonition or a tab of MkDocs.
func isMkDocsMarker(line []byte) bool {
	if len(line) == 0 || line[0] != '!' && line[0] != '?' && line[0] != '=' {
		return false
	}
	_, _, tab := mkdocsTab(line)
	return tab || mkdocsAdmonition(line) != nil
}

// isClass reports whether b is a word of letters, digits, "_" and "-",
// as the classes after "!!!" are.
func isClass(b []byte) bool {
	for _, r := range string(b) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

// continueIndented continues a block of MkDocs, whose content is indented
// 4 columns (a tab is 4), and takes the indentation off the line. A blank
// line goes on; a line of text less indented ends the block, and starts
// a paragraph of its own after it (see afterIndented).
func continueIndented(reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), 4)
	if pos < 0 {
		n, _ := reader.Position()
		pc.Set(endedKey, n)
		return parser.Close
	}
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

// endedKey holds the number of the line that ended a block of MkDocs (see
// continueIndented).
var endedKey = parser.NewContextKey()

// afterIndented opens a paragraph at the line of text that ended a block
// of MkDocs, which goldmark would take for a lazy line of the paragraph
// inside the block: in Python-Markdown the block ends at the first line
// less indented than its content, and that line is a paragraph after it.
type afterIndented struct{}

// paragraphParser is goldmark's parser of paragraphs, which afterIndented
// leaves the paragraph it opens to.
var paragraphParser = parser.NewParagraphParser()

func (afterIndented) Trigger() []byte { return nil }

func (afterIndented) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	n, _ := reader.Position()
	if ended, ok := pc.Get(endedKey).(int); !ok || ended != n {
		return nil, parser.NoChildren
	}
	return paragraphParser.Open(parent, reader, pc)
}

func (afterIndented) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return paragraphParser.Continue(node, reader, pc)
}

func (afterIndented) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	paragraphParser.Close(node, reader, pc)
}

func (afterIndented) CanInterruptParagraph() bool { return true }
func (afterIndented) CanAcceptIndentedLine() bool { return false }

// mkdocsTabs parses MkDocs's content tabs (pymdownx.tabbed): a line
// `=== "Name"` and the lines after it indented 4 columns more are a tab,
// and tabs one after another, blank lines between them, a set, which
// `===! "Name"` starts anew. The set and its tabs are Shortcodes, shown
// as Hugo's tabs are: `===+`, the tab MkDocs shows first, is shown as
// the others.
type mkdocsTabs struct{}

func (mkdocsTabs) Trigger() []byte { return []byte{'='} }

func (mkdocsTabs) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	title, _, ok := mkdocsTab(util.TrimLeftSpace(line))
	if !ok {
		return nil, parser.NoChildren
	}
	if set, ok := parent.(*Shortcode); ok && set.mkdocs && set.Name == "tabs" {
		reader.AdvanceToEOL()
		return &Shortcode{Name: "tab", Open: true, Title: title, closed: true, mkdocs: true}, parser.HasChildren
	}
	// The set and its first tab.
	if mkdocsDepth(parent)+2 > maxCalloutNesting {
		return nil, parser.NoChildren
	}
	// The line is left to the set's first tab, opened next inside it.
	return &Shortcode{Name: "tabs", closed: true, mkdocs: true}, parser.HasChildren
}

func (mkdocsTabs) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if node.(*Shortcode).Name == "tab" {
		return continueIndented(reader, pc)
	}
	// The set goes on over blank lines, its tabs' lines and the next tab;
	// its tab takes the indentation off.
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w >= 4 {
		return parser.Continue | parser.HasChildren
	}
	if _, newSet, ok := mkdocsTab(util.TrimLeftSpace(line)); ok && !newSet {
		return parser.Continue | parser.HasChildren
	}
	n, _ := reader.Position()
	pc.Set(endedKey, n)
	return parser.Close
}

func (mkdocsTabs) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (mkdocsTabs) CanInterruptParagraph() bool                                { return true }
func (mkdocsTabs) CanAcceptIndentedLine() bool                                { return false }

// mkdocsTab returns the name of the tab that line, without the spaces
// before it, opens: `=== "Name"`, `===+ "Name"`; and whether it starts a
// set of its own, `===! "Name"`.
func mkdocsTab(line []byte) (name string, newSet, ok bool) {
	rest, ok := bytes.CutPrefix(util.TrimRightSpace(line), []byte("==="))
	if !ok {
		return "", false, false
	}
	rest, newSet = bytes.CutPrefix(rest, []byte("!"))
	rest, _ = bytes.CutPrefix(rest, []byte("+"))
	quoted := bytes.TrimLeft(rest, " \t")
	if len(quoted) == len(rest) || len(quoted) < 2 || quoted[0] != '"' || quoted[len(quoted)-1] != '"' {
		return "", false, false
	}
	return string(quoted[1 : len(quoted)-1]), newSet, true
}

// docusaurusParser parses an admonition of Docusaurus, VuePress or
// VitePress: a line ":::kind", a title after it and a space or in
// brackets (":::tip Title", ":::tip[Title]"), up to a line of as many
// colons or more, outside code. An admonition inside another takes fewer
// colons than it ("::::note" around ":::tip"): a line of colons closes
// the outermost it can, as in Docusaurus. VitePress's "::: code-group"
// is a set of tabs, one per code block (see groupCode).
type docusaurusParser struct{}

func (docusaurusParser) Trigger() []byte { return []byte{':'} }

func (docusaurusParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	return openAdmonition(docusaurusAdmonition(util.TrimLeftSpace(line)), calloutDepth(parent), reader)
}

func (docusaurusParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	a := node.(*Alert)
	if inFence(pc) {
		// As a Hugo shortcode's closing tag (see inFence).
		return parser.Continue | parser.HasChildren
	}
	line, _ := reader.PeekLine()
	if w, _ := util.IndentWidth(line, reader.LineOffset()); w < 4 && colonRun(line) >= len(a.marker) {
		a.closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (docusaurusParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if a := node.(*Alert); a.codeGroup {
		groupCode(a, reader.Source())
	}
}

func (docusaurusParser) CanInterruptParagraph() bool { return true }
func (docusaurusParser) CanAcceptIndentedLine() bool { return false }

// groupCode makes each code block of a code group a tab of it, titled as
// VitePress titles it: by the words in brackets after its language
// ("```sh [npm]"), else by its language. What is between two blocks goes
// with the tab before it; what is before the first stays above the tabs.
func groupCode(a *Alert, src []byte) {
	var tab *Shortcode
	for c := a.FirstChild(); c != nil; {
		next := c.NextSibling()
		if code, ok := c.(*ast.FencedCodeBlock); ok {
			tab = &Shortcode{Name: "tab", Open: true, Title: codeTitle(code, src), closed: true}
			tab.SetPos(code.Pos())
			a.ReplaceChild(a, code, tab)
			tab.AppendChild(tab, code)
		} else if tab != nil {
			tab.AppendChild(tab, c)
		}
		c = next
	}
}

// codeTitle returns the title VitePress gives a code block of a code
// group: what is between the first "[" and the last "]" of its info
// string, else its language; "" for neither.
func codeTitle(code *ast.FencedCodeBlock, src []byte) string {
	if code.Info == nil {
		return ""
	}
	info := code.Info.Segment.Value(src)
	if i, j := bytes.IndexByte(info, '['), bytes.LastIndexByte(info, ']'); i >= 0 && j > i {
		return string(bytes.TrimSpace(info[i+1 : j]))
	}
	return string(code.Language(src))
}

// colonRun returns how many colons line is, spaces around them aside, if
// three or more: the line that closes an admonition of Docusaurus; else
// 0.
func colonRun(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	if len(line) < 3 || len(bytes.TrimLeft(line, ":")) > 0 {
		return 0
	}
	return len(line)
}

// docusaurusAdmonition returns the Alert that line, without the spaces
// before it, opens, or nil: three colons or more, a space allowed after
// them (VitePress's "::: tip"), a kind, then nothing, a title after a
// space, or a title in brackets, attributes in braces after it
// (":::tip[Title]{#id}") or none.
func docusaurusAdmonition(line []byte) *Alert {
	line = util.TrimRightSpace(line)
	k := 0
	for k < len(line) && line[k] == ':' {
		k++
	}
	if k < 3 {
		return nil
	}
	rest := bytes.TrimLeft(line[k:], " \t")
	n := 0
	for n < len(rest) && isKindByte(rest[n]) {
		n++
	}
	if n == 0 || !isASCIILetter(rest[0]) {
		return nil
	}
	kind, rest := string(rest[:n]), rest[n:]
	var title []byte
	switch {
	case len(rest) == 0, rest[0] == '{':
		// No title.
	case rest[0] == '[':
		end := bytes.LastIndexByte(rest, ']')
		if end < 0 {
			return nil
		}
		title = rest[1:end]
	case rest[0] == ' ' || rest[0] == '\t':
		title = rest
	default:
		return nil
	}
	a := newAdmonition(string(line[:k]), kind)
	a.Title = string(bytes.TrimSpace(title))
	switch {
	case strings.EqualFold(kind, "details"):
		// VitePress's: a <details> of no kind.
		a.Variant, a.unknown, a.Details = "", false, true
	case strings.EqualFold(kind, "code-group"):
		// VitePress's: its code blocks are tabs.
		a.Variant, a.unknown, a.codeGroup = "", false, true
	}
	return a
}

// isASCIILetter reports whether b is a letter of ASCII.
func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// isKindByte reports whether b may be in the kind of a Docusaurus
// admonition, a directive's name: a letter of ASCII, a digit, "-" or "_".
func isKindByte(b byte) bool {
	return isASCIILetter(b) || '0' <= b && b <= '9' || b == '-' || b == '_'
}

// admonitionWarnings returns a warning for each admonition of a kind
// playbook does not know, shown as a note; for each of Docusaurus never
// closed, which ends with the page or with the block around it; for each
// line of colons in a paragraph, which closes none and shows as text;
// and for each admonition or tab of MkDocs that holds nothing because
// the lines after it, indented past it, are not indented enough to be
// its content.
func admonitionWarnings(root ast.Node, src []byte) []Warning {
	colons := bytes.Contains(src, []byte(":::"))
	if !colons && !bytes.Contains(src, []byte("!!!")) && !bytes.Contains(src, []byte("???")) && !bytes.Contains(src, []byte("===")) {
		return nil
	}
	var ws []Warning
	// Each once, as Doc.warn keeps them: a page of a million lines of
	// colons is one warning.
	said := map[string]bool{}
	add := func(off int, msg string) {
		if !said[msg] {
			said[msg] = true
			ws = append(ws, Warning{Kind: WarnAdmonition, off: off, Msg: msg})
		}
	}
	strays := map[int]bool{} // the lengths of the lines of colons told
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if len(ws) >= maxWarnings {
			return ast.WalkStop, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Alert:
			if n.marker == "" {
				break // GitHub's
			}
			label := n.marker + n.kind
			if n.marker[0] != ':' {
				label = n.marker + " " + n.kind
			}
			if n.unknown {
				add(n.Pos(), fmt.Sprintf("admonition %q is of no kind playbook knows, and shows as a note: write note, tip, important, warning or caution", label))
			}
			if n.marker[0] == ':' && !n.closed {
				msg := fmt.Sprintf("%q is never closed: add a line %q where it ends", label, n.marker)
				if outer := outerColons(n); outer != nil && len(outer.marker) <= len(n.marker) {
					msg = fmt.Sprintf("%q inside %q is never closed: a line %q closes the outer one first; write that one with more colons, %q", label, outer.marker+outer.kind, n.marker, n.marker+":"+outer.kind)
				}
				add(n.Pos(), msg)
			}
			if n.marker[0] != ':' && !n.HasChildren() && underIndented(src, n.Pos()) {
				add(n.Pos(), fmt.Sprintf("%q holds nothing: indent its content 4 spaces", label))
			}
		case *Shortcode:
			if n.mkdocs && n.Name == "tab" && !n.HasChildren() && underIndented(src, n.Pos()) {
				add(n.Pos(), fmt.Sprintf("tab %q holds nothing: indent its content 4 spaces", cmp.Or(n.Title, englishTitles["tab"])))
			}
		case *ast.Paragraph:
			if !colons {
				break
			}
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				if k := colonRun(seg.Value(src)); k > 0 && !strays[k] {
					strays[k] = true
					off := seg.Start + len(seg.Value(src)) - len(util.TrimLeftSpace(seg.Value(src)))
					add(off, fmt.Sprintf("%q closes no admonition, and shows as text", strings.Repeat(":", k)))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return ws
}

// outerColons returns the admonition of Docusaurus a is in, if any.
func outerColons(a *Alert) *Alert {
	for p := a.Parent(); p != nil; p = p.Parent() {
		if o, ok := p.(*Alert); ok && o.marker != "" && o.marker[0] == ':' {
			return o
		}
	}
	return nil
}

// underIndented reports whether the first line of text after the line of
// the marker at off is indented past the marker: content meant for an
// empty block of MkDocs, which its lines, indented less than 4 columns,
// are not.
func underIndented(src []byte, off int) bool {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	col := 0
	for _, r := range string(src[start:off]) {
		col++
		if r == '\t' {
			col += 3 - (col-1)%4
		}
	}
	i := off
	for {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return false
		}
		i += nl + 1
		line := src[i:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end+1]
		}
		if util.IsBlank(line) {
			continue
		}
		w, _ := util.IndentWidth(line, 0)
		return w > col
	}
}
