package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// MinContrast is the least contrast ratio (WCAG 2, normal text) that
// HighlightCSS gives every token class against its background.
const MinContrast = 4.5

// highlightLayout is the part of chroma's stylesheet that places line
// numbers and lines; it has no colours and is the same for every style.
const highlightLayout = `.chroma .lnlinks { outline: none; text-decoration: none; color: inherit }
.chroma .lntd { vertical-align: top; padding: 0; margin: 0; border: 0 }
.chroma .lntable { border-spacing: 0; padding: 0; margin: 0; border: 0 }
.chroma .lnt, .chroma .ln { white-space: pre; -webkit-user-select: none; user-select: none; margin-right: .4em; padding: 0 .4em }
.chroma .line { display: flex }
`

// HighlightCSS returns the stylesheet for highlighted code: the light chroma
// style by default, and on screen the dark one under prefers-color-scheme:
// dark (unless the html element has data-theme="light") or with
// data-theme="dark". Printed code always takes the light style.
//
// Both styles get a rule for every class that either of them colours, so that
// no light colour is left showing on the dark background: a token a style
// leaves unset takes that style's text colour. A colour with a contrast below
// MinContrast against its background is darkened or lightened until it
// reaches it.
func HighlightCSS(light, dark string) ([]byte, error) {
	l, err := styleRules(light, "#1f2328", "#ffffff")
	if err != nil {
		return nil, err
	}
	d, err := styleRules(dark, "#e6edf3", "#0d1117")
	if err != nil {
		return nil, err
	}
	// Each class either style sets gets its colour in both, and those of
	// its background and font that either style sets.
	props := map[string][]string{}
	for _, s := range []*codeStyle{l, d} {
		for class := range s.set {
			props[class] = nil
		}
	}
	for class := range props {
		for _, p := range cssProps {
			if p == "color" || l.decls(class)[p] != cssDefaults[p] || d.decls(class)[p] != cssDefaults[p] {
				props[class] = append(props[class], p)
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString(highlightLayout)
	l.write(&buf, "", props)
	// The dark style is for screens only: on paper code prints light, as
	// the rest of the page does.
	buf.WriteString("@media (prefers-color-scheme: dark) {\n@media screen {\n")
	d.write(&buf, `html:not([data-theme="light"]) `, props)
	buf.WriteString("}\n}\n@media screen {\n")
	d.write(&buf, `html[data-theme="dark"] `, props)
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// StyleExists reports whether chroma knows the named style.
func StyleExists(name string) bool {
	_, ok := styles.Registry[strings.ToLower(name)]
	return ok
}

// A codeStyle is a chroma style resolved to the colours HighlightCSS writes.
type codeStyle struct {
	text, bg rgb
	// highlight is the background of highlighted lines.
	highlight rgb
	// entries holds every token class with the style's entry for it,
	// inherited from its category and from the text.
	entries map[string]chroma.StyleEntry
	// set lists the classes the style gives something of their own.
	set map[string]bool
}

// styleRules resolves the named style; text and bg are the colours used
// where the style sets none.
func styleRules(name, text, bg string) (*codeStyle, error) {
	style, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("unknown highlight style %q", name)
	}
	base := style.Get(chroma.Background)
	s := &codeStyle{
		text:    parseRGB(text),
		bg:      parseRGB(bg),
		entries: map[string]chroma.StyleEntry{},
		set:     map[string]bool{},
	}
	if base.Background.IsSet() {
		s.bg = fromColour(base.Background)
	}
	if base.Colour.IsSet() {
		s.text = fromColour(base.Colour)
	}
	s.text = readable(s.text, s.bg)
	s.highlight = s.bg
	if hl := style.Get(chroma.LineHighlight); hl.Background.IsSet() {
		s.highlight = fromColour(hl.Background)
	}
	for tt, class := range chroma.StandardTypes {
		if tt < 0 && tt != chroma.LineNumbers && tt != chroma.LineNumbersTable {
			continue
		}
		e := style.Get(tt)
		s.entries[class] = e
		if (e.Colour.IsSet() && e.Colour != base.Colour) || (e.Background.IsSet() && e.Background != base.Background) ||
			e.Bold == chroma.Yes || e.Italic == chroma.Yes || e.Underline == chroma.Yes {
			s.set[class] = true
		}
	}
	return s, nil
}

// decls returns the declarations of class in the style: its colour, made
// readable on its background, and its background and font.
func (s *codeStyle) decls(class string) map[string]string {
	e := s.entries[class]
	d := map[string]string{
		"background-color": "transparent",
		"font-weight":      pick(e.Bold == chroma.Yes, "bold", "normal"),
		"font-style":       pick(e.Italic == chroma.Yes, "italic", "normal"),
		"text-decoration":  pick(e.Underline == chroma.Yes, "underline", "none"),
	}
	bg := s.bg
	if e.Background.IsSet() && fromColour(e.Background) != s.bg {
		bg = fromColour(e.Background)
		d["background-color"] = bg.String()
	}
	fg := s.text
	if e.Colour.IsSet() {
		fg = fromColour(e.Colour)
	}
	d["color"] = readable(fg, bg).String()
	return d
}

// cssProps are the properties a class rule may set, in the order written.
var cssProps = []string{"color", "background-color", "font-weight", "font-style", "text-decoration"}

// cssDefaults are the values a property has where no style sets it.
var cssDefaults = map[string]string{"background-color": "transparent", "font-weight": "normal", "font-style": "normal", "text-decoration": "none"}

// write writes the style's rules, each selector prefixed with scope, one
// rule a line: the code block, then each class with the properties props
// names for it.
func (s *codeStyle) write(buf *bytes.Buffer, scope string, props map[string][]string) {
	fmt.Fprintf(buf, "%s.chroma { color: %s; background-color: %s }\n", scope, s.text, s.bg)
	fmt.Fprintf(buf, "%s.chroma .hl { background-color: %s }\n", scope, s.highlight)
	for _, class := range slices.Sorted(maps.Keys(props)) {
		d := s.decls(class)
		var out []string
		for _, p := range props[class] {
			out = append(out, p+": "+d[p])
		}
		fmt.Fprintf(buf, "%s.chroma .%s { %s }\n", scope, class, strings.Join(out, "; "))
	}
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

// rgb is a colour of 8 bits a channel.
type rgb struct{ r, g, b uint8 }

func (c rgb) String() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

func fromColour(c chroma.Colour) rgb { return rgb{c.Red(), c.Green(), c.Blue()} }

// parseRGB parses "#rrggbb"; anything else is black.
func parseRGB(s string) rgb {
	var c rgb
	fmt.Sscanf(s, "#%02x%02x%02x", &c.r, &c.g, &c.b)
	return c
}

// luminance is the WCAG 2 relative luminance of c.
func (c rgb) luminance() float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// readable returns fg, or where it is too faint on bg, fg moved step by step
// toward black or white (whichever bg is further from) until its contrast
// reaches MinContrast: the hue stays recognisable.
func readable(fg, bg rgb) rgb {
	if contrast(fg, bg) >= MinContrast {
		return fg
	}
	var to rgb // black
	if contrast(rgb{255, 255, 255}, bg) > contrast(rgb{}, bg) {
		to = rgb{255, 255, 255}
	}
	mix := func(a, b uint8, t float64) uint8 {
		return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t))
	}
	for i := 1; i <= 20; i++ {
		t := float64(i) / 20
		c := rgb{mix(fg.r, to.r, t), mix(fg.g, to.g, t), mix(fg.b, to.b, t)}
		if contrast(c, bg) >= MinContrast {
			return c
		}
	}
	return to
}
