package markdown

import (
	"bytes"
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAlert is the node kind of a GitHub alert.
var KindAlert = ast.NewNodeKind("Alert")

// An Alert is a GitHub-style callout: a blockquote whose first line is
// [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION], alone or
// followed by the alert's first words; or an admonition of MkDocs or
// Docusaurus (see admonitions.go).
type Alert struct {
	ast.BaseBlock
	// Variant is the lower-case alert kind: "note", "tip", ...; "" for
	// a <details> of no kind (VitePress's "::: details").
	Variant string
	// Title is the title its author gave, or "" for the variant's word.
	Title string
	// Untitled marks an alert shown without a title, as MkDocs shows
	// `!!! note ""`.
	Untitled bool
	// Details marks an alert that folds, a <details> (MkDocs's
	// `??? note`), shown open if Open (`???+ note`).
	Details, Open bool
	// marker is how an admonition was written: "!!!", "???", "???+", or
	// Docusaurus's colons (":::", "::::"); "" for a GitHub alert.
	marker string
	// kind is an admonition's kind as written ("warning", "Tip").
	kind string
	// unknown marks an admonition of a kind playbook does not know: it is
	// shown as a note.
	unknown bool
	// closed marks a Docusaurus admonition whose closing line was met.
	closed bool
	// codeGroup marks VitePress's "::: code-group", a set of tabs, one
	// per code block, each a Shortcode tab (see groupCode).
	codeGroup bool
}

// Dump implements ast.Node.
func (a *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"Variant": a.Variant, "Title": a.Title}, nil)
}

// Kind implements ast.Node.
func (a *Alert) Kind() ast.NodeKind { return KindAlert }

// Titles are the words the Markdown writes itself, in the site's
// language, by key: the title of an alert without one of its own, by its
// variant ("note", "tip", "important", "warning", "caution"), of a folded
// block ("details"), a tab ("tab"), and the link to a video ("video"). A
// key a Titles lacks is English's (see englishTitles).
type Titles map[string]string

// englishTitles are the English Titles.
var englishTitles = Titles{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
	"details":   "Details",
	"tab":       "Tab",
	"video":     "Watch the video",
}

// TitleKeys returns the keys of Titles, sorted.
func TitleKeys() []string { return slices.Sorted(maps.Keys(englishTitles)) }

// alertVariants are the variants of alerts: GitHub's kinds.
var alertVariants = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// titles gives the Titles of a Converter, asked for once, when a document
// is first rendered (see Options.Titles): the Markdown is parsed before
// the site's language files are read, and a check renders nothing.
type titles struct {
	once  sync.Once
	ask   func() Titles
	asked Titles
	// key is asked as text (see Converter.TitlesKey).
	key string
}

// of returns the title of key.
func (t *titles) of(key string) string {
	if t == nil {
		return englishTitles[key]
	}
	return cmp.Or(t.get()[key], englishTitles[key])
}

// get returns the Titles asked for.
func (t *titles) get() Titles {
	t.once.Do(func() {
		if t.ask != nil {
			t.asked = t.ask()
		}
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(t.asked)) {
			b.WriteString(k + "\x00" + t.asked[k] + "\x00")
		}
		t.key = b.String()
	})
	return t.asked
}

// TitlesKey returns what the Titles of c are, as text: HTML rendered
// with other Titles is not the same.
func (c *Converter) TitlesKey() string {
	c.titles.get()
	return c.titles.key
}

// kindTitle returns the title of an admonition of kind without one:
// the kind with a capital, as Python-Markdown writes it ("Example").
func kindTitle(kind string) string {
	first, size := utf8.DecodeRuneInString(kind)
	return string(unicode.ToUpper(first)) + strings.ToLower(kind[size:])
}

// alerts is the goldmark extension that turns alert blockquotes into
// Alerts, whose titles are its Titles'.
type alerts struct{ titles *titles }

func (a alerts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(a, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(a, 500)))
}

// Transform replaces each alert blockquote with an Alert holding its
// content without the marker line.
func (alerts) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		line := p.Lines().At(0)
		first := line.Value(src)
		lead := len(first) - len(bytes.TrimLeft(first, " \t"))
		marker := bytes.TrimSpace(first)
		end := bytes.IndexByte(marker, ']')
		if !bytes.HasPrefix(marker, []byte("[!")) || end < 0 {
			continue
		}
		kind := strings.ToLower(string(marker[2:end]))
		if !alertVariants[kind] {
			continue
		}
		a := &Alert{Variant: kind}
		a.SetPos(q.Pos())
		// Drop the marker: the inline nodes of its text, up to the line
		// break after it or to the text after it on its line ("> [!NOTE]
		// Read this").
		rest := line.Start + lead + end + 1
		for rest < line.Stop && (src[rest] == ' ' || src[rest] == '\t') {
			rest++
		}
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, ok := c.(*ast.Text)
			if ok && t.Segment.Start < rest && t.Segment.Stop > rest {
				t.Segment = t.Segment.WithStart(rest)
				break
			}
			if ok && t.Segment.Start >= rest {
				break
			}
			p.RemoveChild(p, c)
			if ok && (t.SoftLineBreak() || t.HardLineBreak()) {
				break
			}
			c = next
		}
		if !p.HasChildren() {
			q.RemoveChild(q, p)
		}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			a.AppendChild(a, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, a)
	}
}

func (e alerts) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*Alert)
		title := cmp.Or(a.Title, e.titles.of(cmp.Or(a.Variant, "details")))
		if a.Title == "" && a.Variant != "" && a.kind != "" && !alertVariants[strings.ToLower(a.kind)] {
			// An admonition of a kind of its own (MkDocs's "example",
			// Docusaurus's "danger") is titled by its kind, as they title
			// it, not by the alert it is shown as.
			title = kindTitle(a.kind)
		}
		switch {
		case a.codeGroup && entering:
			w.WriteString(`<div class="tabs">` + "\n")
		case !entering && a.Details:
			w.WriteString("</details>\n")
		case !entering:
			w.WriteString("</div>\n")
		case a.Details && a.Variant == "":
			writeDetailsStart(w, "", "", title, a.Open)
		case a.Details:
			writeDetailsStart(w, "alert alert-"+a.Variant, "alert-title", title, a.Open)
		case a.Untitled:
			w.WriteString(`<div class="alert alert-` + a.Variant + `" role="note">` + "\n")
		default:
			writeAlertStart(w, a.Variant, title)
		}
		return ast.WalkContinue, nil
	})
}

// writeAlertStart writes the start of an alert of a variant with a title.
func writeAlertStart(w util.BufWriter, variant, title string) {
	w.WriteString(`<div class="alert alert-` + variant + `" role="note"><p class="alert-title">` + escape(title) + "</p>\n")
}

// writeDetailsStart writes the start of a <details> of class, shown open
// if open, and its summary of summaryClass; a class "" is none.
func writeDetailsStart(w util.BufWriter, class, summaryClass, summary string, open bool) {
	w.WriteString("<details")
	if class != "" {
		w.WriteString(` class="` + class + `"`)
	}
	if open {
		w.WriteString(" open")
	}
	w.WriteString(">\n<summary")
	if summaryClass != "" {
		w.WriteString(` class="` + summaryClass + `"`)
	}
	w.WriteString(">" + escape(summary) + "</summary>\n")
}
