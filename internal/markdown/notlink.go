package markdown

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// notLink matches link syntax whose target holds a space, [text](Same-day
// callback), which Markdown leaves as text: an author naming a page by
// its title, or a file whose name has spaces.
var notLink = regexp.MustCompile(`\[([^\]\n]+)\]\(([^()\n]*\s[^()\n]*)\)`)

// refNotLink matches a reference link, [text][label] or [text][], and
// footnoteNotRef a footnote reference, [^label]: Markdown leaves either as
// text when the page does not define its label, as a page moved from a
// wiki whose definitions stayed behind does not.
var (
	refNotLink     = regexp.MustCompile(`\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]`)
	footnoteNotRef = regexp.MustCompile(`\[\^([^\[\]\s]+)\]`)
)

// undefinedRefWarnings returns a warning for each reference link and
// footnote reference of src left as text (inText says whether an offset
// is in text), for want of its definition.
func undefinedRefWarnings(src []byte, inText func(int) bool) []Warning {
	var ws []Warning
	for _, m := range refNotLink.FindAllSubmatchIndex(src, -1) {
		if !inText(m[3]) || m[0] > 0 && src[m[0]-1] == '\\' {
			continue
		}
		text, label := string(src[m[2]:m[3]]), string(src[m[4]:m[5]])
		if strings.HasPrefix(text, "^") || strings.HasPrefix(label, "^") {
			continue
		}
		if label == "" {
			label = text
		}
		ws = append(ws, Warning{Kind: WarnNotLink, off: m[0], Msg: string(src[m[0]:m[1]]) +
			" is not a link: this page defines no [" + label + "]; add a line [" + label + "]: and the file it names, or write [" + text + "](file.md)"})
	}
	for _, m := range footnoteNotRef.FindAllSubmatchIndex(src, -1) {
		if !inText(m[0]) || m[1] < len(src) && src[m[1]] == ':' {
			continue
		}
		label := string(src[m[2]:m[3]])
		ws = append(ws, Warning{Kind: WarnNotLink, off: m[0], Msg: "[^" + label +
			"] is not a footnote: this page defines no [^" + label + "]; add a line [^" + label + "]: and the note"})
	}
	slices.SortFunc(ws, func(a, b Warning) int { return a.off - b.off })
	return ws
}

// webAddress matches a target that is a web or mail address, not a page.
var webAddress = regexp.MustCompile(`^(?i)(https?://|mailto:|www\.)`)

// notLinkWarnings returns a warning for each [text](target with spaces)
// in src that was left as text: its "](" is in a text node, not in code
// and not the syntax of a link (a link with a title, [x](a.md "Title"),
// has a space too). The quick look for one reads marked, the source
// goldmark parsed, where a Hugo ref's mark is in <>.
func notLinkWarnings(root ast.Node, src, marked []byte) []Warning {
	refs := bytes.Contains(src, []byte("][")) || bytes.Contains(src, []byte("[^"))
	if !refs && !mayHaveNotLink(marked) {
		return nil
	}
	var texts []text.Segment
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n.Segment)
		}
		return ast.WalkContinue, nil
	})
	inText := newSpans(texts).contain
	var ws []Warning
	if refs {
		ws = append(ws, undefinedRefWarnings(src, inText)...)
	}
	for _, m := range notLink.FindAllSubmatchIndex(src, -1) {
		if !inText(m[3]) { // the "]" of "]("
			continue
		}
		label, target := string(src[m[2]:m[3]]), strings.TrimSpace(string(src[m[4]:m[5]]))
		msg := "[" + label + "](" + target + ") is not a link: its target has a space; "
		switch {
		case strings.HasPrefix(target, "{{"):
			msg = "[" + label + "](" + target + ") is not a link: of Hugo's shortcodes, a link's target may be only a ref or relref that gives a path, as [" + label + "]({{< ref \"sales/quote.md\" >}})"
		case webAddress.MatchString(target):
			msg += "a web address holds none: write each as %20, [" + label + "](" + strings.Join(strings.Fields(target), "%20") + ")"
		case strings.HasSuffix(strings.ToLower(target), ".md"):
			msg += "write a file name with spaces in <>: [" + label + "](<" + target + ">)"
		default:
			// A title written for the page's file: the file of a title
			// is mostly the title in lower case, hyphenated.
			file := strings.ToLower(strings.Join(strings.Fields(target), "-")) + ".md"
			msg += "name the page's file, as [" + label + "](" + file + ") if that is its name"
		}
		ws = append(ws, Warning{Kind: WarnNotLink, off: m[0], Msg: msg})
	}
	return ws
}

// mayHaveNotLink reports whether src has a "](" whose target, before its
// ")" on the line, holds a space that starts no link title ("a.md "T"")
// and is not in <>: a quick look, as nearly every page has links, before
// the walk that tells text from link syntax.
func mayHaveNotLink(src []byte) bool {
	for rest := src; ; {
		i := bytes.Index(rest, []byte("]("))
		if i < 0 {
			return false
		}
		rest = rest[i+2:]
		end := bytes.IndexAny(rest, ")\n")
		if end < 0 {
			return false
		}
		target := rest[:end]
		if len(target) > 0 && target[0] == '<' {
			continue
		}
		if sp := bytes.IndexAny(bytes.TrimSpace(target), " \t"); sp >= 0 {
			after := bytes.TrimLeft(bytes.TrimSpace(target)[sp:], " \t")
			if len(after) == 0 || (after[0] != '"' && after[0] != '\'' && after[0] != '(') {
				return true
			}
		}
	}
}

// spans are segments of a source that do not overlap, in order, to look
// offsets up in: a page of many links left as text is looked up in, not
// walked once for each.
type spans []text.Segment

// newSpans returns segs, sorted, as spans.
func newSpans(segs []text.Segment) spans {
	slices.SortFunc(segs, func(a, b text.Segment) int { return a.Start - b.Start })
	return segs
}

// contain reports whether off is in one of s.
func (s spans) contain(off int) bool {
	i, _ := slices.BinarySearchFunc(s, off, func(seg text.Segment, off int) int { return seg.Start - off })
	if i < len(s) && s[i].Start == off {
		return true
	}
	return i > 0 && off < s[i-1].Stop
}

// droppedLinkWarnings returns a warning for each link or image of root
// whose destination safe mode drops (javascript:, vbscript:, file:, and
// data: but for images), which leaves it leading nowhere: an author
// would otherwise find out from a reader.
func droppedLinkWarnings(root ast.Node, src []byte) []Warning {
	var ws []Warning
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		what := "link"
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest, what = n.Destination, "image"
		case *ast.AutoLink:
			dest = n.URL(src)
		default:
			return ast.WalkContinue, nil
		}
		if html.IsDangerousURL(util.URLEscape(dest, true)) {
			scheme, _, _ := bytes.Cut(dest, []byte(":"))
			ws = append(ws, Warning{Kind: WarnNotLink, off: n.Pos(), Msg: "this " + what + " leads nowhere: its " +
				strings.ToLower(strings.TrimSpace(string(scheme))) + ": address is dropped, as a script could run from it (allowed only where raw HTML is, [markdown] unsafe = true)"})
		}
		return ast.WalkContinue, nil
	})
	return ws
}
