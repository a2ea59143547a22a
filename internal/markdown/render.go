package markdown

import (
	"fmt"

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
		w.WriteString(`<a class="anchor" href="#`)
		w.Write(util.EscapeHTML(id.([]byte)))
		w.WriteString(`" aria-label="Link to this section">#</a>`)
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

// renderTable puts a table in a box of its own that scrolls sideways and
// takes the keyboard focus, so that a wide table never widens the page.
// The rows are goldmark's.
func (r *nodeRenderer) renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// The region is named by the table's place in the page, so that
		// each landmark has its own name.
		n := 0
		root := node
		for root.Parent() != nil {
			root = root.Parent()
		}
		ast.Walk(root, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && m.Kind() == east.KindTable {
				n++
				if m == node {
					return ast.WalkStop, nil
				}
			}
			return ast.WalkContinue, nil
		})
		fmt.Fprintf(w, `<div class="table-wrap" tabindex="0" role="region" aria-label="Table %d"><table`, n)
		if node.Attributes() != nil {
			html.RenderAttributes(w, node, extension.TableAttributeFilter)
		}
		w.WriteString(">\n")
	} else {
		w.WriteString("</table></div>\n")
	}
	return ast.WalkContinue, nil
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
