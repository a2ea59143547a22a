package markdown

import (
	"bytes"
	"fmt"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer overrides goldmark's HTML for headings (adding a self-link)
// and for raw HTML (filtered unless unsafe, with its links rewritten).
type nodeRenderer struct{}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.renderHeading)
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

// renderRawHTML writes raw HTML, inline or a block, as parse filtered it.
func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if info := rawInfo(node); info != nil {
			renderRaw(w, info)
		}
	}
	return ast.WalkSkipChildren, nil
}

// HighlightCSS returns the stylesheet for highlighted code: the light chroma
// style by default, and the dark one under prefers-color-scheme: dark or an
// explicit data-theme="dark" on the html element.
func HighlightCSS(light, dark string) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeStyleCSS(&buf, light, ""); err != nil {
		return nil, err
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := writeStyleCSS(&buf, dark, `html:not([data-theme="light"]) `); err != nil {
		return nil, err
	}
	buf.WriteString("}\n")
	if err := writeStyleCSS(&buf, dark, `html[data-theme="dark"] `); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeStyleCSS(buf *bytes.Buffer, name, scope string) error {
	style, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return fmt.Errorf("unknown highlight style %q", name)
	}
	var css bytes.Buffer
	if err := chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&css, style); err != nil {
		return fmt.Errorf("write %s css: %w", name, err)
	}
	// Chroma writes one rule per line, each starting with its selector; the
	// pre background comes from the page's own code style, not the theme's.
	for _, line := range strings.Split(css.String(), "\n") {
		if i := strings.Index(line, "*/ "); i >= 0 {
			line = line[i+3:]
		}
		if !strings.HasPrefix(line, ".") {
			continue
		}
		if strings.HasPrefix(line, ".bg ") || strings.HasPrefix(line, ".chroma {") {
			continue
		}
		buf.WriteString(scope + line + "\n")
	}
	return nil
}

// StyleExists reports whether chroma knows the named style.
func StyleExists(name string) bool {
	_, ok := styles.Registry[strings.ToLower(name)]
	return ok
}
