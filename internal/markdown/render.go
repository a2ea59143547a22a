package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer overrides goldmark's HTML for headings (adding a self-link)
// and for raw HTML (filtered unless unsafe, with its links rewritten).
type nodeRenderer struct{}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
	reg.Register(ast.KindHTMLBlock, r.renderRawHTML)
}

func (r *nodeRenderer) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		// A link to copy for a pointer only: inside the heading, a name
		// would be read after every heading's text, and a stop at every
		// heading would lengthen the keyboard's way through the page,
		// where "On this page" links each section already.
		w.WriteString(`<a class="anchor" href="#`)
		w.Write(util.EscapeHTML(id.([]byte)))
		w.WriteString(`" aria-hidden="true" tabindex="-1">#</a>`)
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

// renderTable puts a table in a box of its own that scrolls sideways and
// takes the keyboard focus, so that a wide table never widens the page.
// The box and the table are named for assistive technology (see
// tableName). The rows are goldmark's.
func (r *nodeRenderer) renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		class := "table-wrap"
		if stack, keyed := labelCells(node, src); keyed {
			class = "table-wrap table-stack table-keyed"
		} else if stack {
			class = "table-wrap table-stack"
		}
		box, name := tableNames(node, src)
		fmt.Fprintf(w, `<div class="%s" tabindex="0" role="region"%s><table`, class, box)
		if node.Attributes() != nil {
			html.RenderAttributes(w, node, extension.TableAttributeFilter)
		}
		w.WriteString(name)
		w.WriteString(">\n")
	} else {
		w.WriteString("</table></div>\n")
	}
	return ast.WalkContinue, nil
}

// tableNames returns the attributes, each with its leading space, that
// name a table's box and the table for assistive technology: a screen
// reader says the name as Tab stops on the box or as it enters the table,
// and lists it among the page's landmarks and tables. The name is the
// nearest heading above the table, which says what its section, and so
// the table, is about; aria-labelledby points at the heading, so that no
// text is added to the page. A second table under the same heading is
// named by the heading and its place under it ("Our numbers, table 2"),
// for no two landmarks to share a name. A table above every heading is
// named by the page's title where the text gave it ("# Glossary"), whose
// heading the page shows with its id; else it has no name to take: its
// box is named by its place in the page ("Table 1"), for a box the
// keyboard stops on must say what it is, and the table, by nothing, which
// says no more than its header row.
func tableNames(node ast.Node, src []byte) (box, table string) {
	root := node
	for root.Parent() != nil {
		root = root.Parent()
	}
	var heading *ast.Heading
	if title, ok := root.AttributeString(titleAttr); ok {
		heading, _ = title.(*ast.Heading)
	}
	n, under := 0, 0 // tables of the page, and since the heading
	_ = ast.Walk(root, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch m := m.(type) {
		case *ast.Heading:
			heading, under = m, 0
			return ast.WalkSkipChildren, nil
		case *east.Table:
			n++
			under++
			if m == node {
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	var id []byte
	if heading != nil {
		if v, ok := heading.AttributeString("id"); ok {
			id, _ = v.([]byte)
		}
	}
	// An id is one word in aria-labelledby's list of ids.
	if len(id) == 0 || bytes.ContainsAny(id, " \t\n\f\r") {
		return fmt.Sprintf(` aria-label="Table %d"`, n), ""
	}
	name := ` aria-labelledby="` + string(util.EscapeHTML(id)) + `"`
	if under > 1 {
		name = ` aria-label="` + stdhtml.EscapeString(fmt.Sprintf("%s, table %d", shownText(heading, src), under)) + `"`
	}
	return name, name
}

// stackColumns is the fewest columns a table has for its rows to stack on a
// phone: two columns fit side by side, three or more leave a word a line.
const stackColumns = 3

// rowKeyRunes is the longest first cell of a row that reads as the row's
// name ("Monobloc", "Tuesday", "Price certainty") rather than as a value.
const rowKeyRunes = 40

// labelCells gives each body cell of a table of stackColumns or more
// columns its column's header as data-label, in plain text, so that the
// stylesheet can show a row on a phone as a block of labelled values. It
// reports whether it did (stack), and whether every row's first cell is
// short enough to be the name of its row (keyed): then the stylesheet
// shows it as the block's heading. A column with an empty header gets no
// label.
func labelCells(table ast.Node, src []byte) (stack, keyed bool) {
	var labels []string
	for c := table.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == east.KindTableHeader {
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				labels = append(labels, shownText(cell, src))
			}
			break
		}
	}
	if len(labels) < stackColumns {
		return false, false
	}
	keyed = true
	// A column's cells share its label, made once: a copy and its
	// boxing for every cell were most of what labelling allocated.
	values := make([]any, len(labels))
	for i, l := range labels {
		values[i] = []byte(l)
	}
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		if row.Kind() != east.KindTableRow {
			continue
		}
		if first := row.FirstChild(); first == nil || utf8.RuneCountInString(shownText(first, src)) > rowKeyRunes {
			keyed = false
		}
		i := 0
		for cell := row.FirstChild(); cell != nil && i < len(labels); cell = cell.NextSibling() {
			if labels[i] != "" {
				// RenderAttributes escapes the value, and passes any data-
				// attribute whatever the cell's filter.
				cell.SetAttribute(dataLabel, values[i])
			}
			i++
		}
	}
	return true, keyed
}

// dataLabel names the attribute labelCells gives a table's cells.
var dataLabel = []byte("data-label")

// shownText returns the text of a table's header cell or a heading as a
// reader sees it: no Markdown, no HTML tags, entities and backslash
// escapes resolved as goldmark resolves them when it writes the cell
// (plainText keeps them as written).
func shownText(n ast.Node, src []byte) string {
	// A table's every header cell and first cell come here: a writer
	// made for each was a twentieth of what a build allocated.
	rb := renderBufs.Get().(*renderBuf)
	defer renderBufs.Put(rb)
	rb.buf.Reset()
	w := rb.w
	w.Reset(&rb.buf)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			html.DefaultWriter.Write(w, c.Segment.Value(src))
			if c.SoftLineBreak() {
				w.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's entities, as "&rsquo;".
			w.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					w.Write(util.EscapeHTML(s.Segment.Value(src)))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			w.Write(util.EscapeHTML(c.Label(src)))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			// As the page shows it: a tag kept is dropped below, one
			// shown as text stays.
			if info := rawInfo(c); info != nil {
				renderRaw(w, info)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	w.Flush()
	return HTMLText(rb.buf.String())
}

// HTMLText returns the text of html as a reader sees it: its tags
// dropped, its character references decoded, the spaces around it
// trimmed.
func HTMLText(html string) string {
	return strings.TrimSpace(stdhtml.UnescapeString(stripTags(html)))
}

// stripTags drops the tags of HTML whose text and attribute values are
// escaped, so that a '<' or '>' is a tag's.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			in = true
		case c == '>' && in:
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// renderRawHTML writes raw HTML, inline or a block, as parse filtered it.
func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if info := rawInfo(node); info != nil {
			renderRaw(w, info)
		}
	}
	return ast.WalkSkipChildren, nil
}

// focusablePre wraps highlighted code in a pre that takes the keyboard focus,
// so that a reader without a mouse can scroll a wide block sideways.
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre` + styleAttr + `>`
}

func (focusablePre) End(code bool) string {
	if code {
		return `</code></pre>`
	}
	return `</pre>`
}
