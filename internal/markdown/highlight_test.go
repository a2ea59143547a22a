package markdown

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
)

// cssRule matches one rule of HighlightCSS: its scope, its class ("" for the
// code block itself) and its declarations.
var cssRule = regexp.MustCompile(`^(html[^ ]* )?\.chroma(?: \.([a-z0-9]+))? \{ (.*) \}$`)

// codeColours is what one scope of HighlightCSS says: the block's text and
// background, and each class's colour and background.
type codeColours struct {
	text, bg string
	fg, back map[string]string
}

// parseHighlightCSS reads the colours of each scope ("" for light) of css.
func parseHighlightCSS(t *testing.T, css string) map[string]*codeColours {
	t.Helper()
	scopes := map[string]*codeColours{}
	for _, line := range strings.Split(css, "\n") {
		m := cssRule.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || strings.Contains(m[3], "user-select") {
			continue
		}
		s := scopes[m[1]]
		if s == nil {
			s = &codeColours{fg: map[string]string{}, back: map[string]string{}}
			scopes[m[1]] = s
		}
		decl := map[string]string{}
		for _, d := range strings.Split(m[3], ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(d), ": "); ok {
				decl[k] = v
			}
		}
		switch m[2] {
		case "":
			s.text, s.bg = decl["color"], decl["background-color"]
		case "hl", "lnlinks", "lntd", "lntable", "line":
		default:
			s.fg[m[2]], s.back[m[2]] = decl["color"], decl["background-color"]
		}
	}
	return scopes
}

func TestHighlightCSSContrast(t *testing.T) {
	for _, pair := range [][2]string{
		{"github", "github-dark"},   // the default
		{"friendly", "monokai"},     // styles with faint comments
		{"solarized-light", "nord"}, // and faint everything
	} {
		t.Run(pair[0]+" and "+pair[1]+" reach 4.5:1 for every class in every scope", func(t *testing.T) {
			css, err := HighlightCSS(pair[0], pair[1])
			if err != nil {
				t.Fatal(err)
			}
			scopes := parseHighlightCSS(t, string(css))
			light := scopes[""]
			if len(scopes) != 3 || light == nil {
				t.Fatalf("want a light scope and two dark ones, got %d scopes in:\n%s", len(scopes), css)
			}
			for scope, s := range scopes {
				if s.text == "" || s.bg == "" {
					t.Fatalf("scope %q: code block has no colour or background", scope)
				}
				checkContrast(t, fmt.Sprintf("scope %q: code text", scope), s.text, s.bg)
				for class := range light.fg {
					if _, ok := s.fg[class]; !ok {
						t.Errorf("scope %q: no rule for .%s, which the light style colours", scope, class)
					}
				}
				for class, fg := range s.fg {
					bg := s.back[class]
					if bg == "transparent" || bg == "" {
						bg = s.bg
					}
					checkContrast(t, fmt.Sprintf("scope %q: .%s", scope, class), fg, bg)
				}
			}
		})
	}
}

func TestHighlightCSSDarkPunctuation(t *testing.T) {
	css, _ := HighlightCSS("github", "github-dark")
	s := parseHighlightCSS(t, string(css))[`html[data-theme="dark"] `]
	for _, class := range []string{"p", "nx", "na", "nb", "bp"} {
		if fg := s.fg[class]; fg == "" || fg == "#1f2328" {
			t.Errorf("dark .%s is %q, want the dark style's own colour", class, fg)
		}
	}
}

func checkContrast(t *testing.T, what, fg, bg string) {
	t.Helper()
	if r := contrast(parseRGB(fg), parseRGB(bg)); r < MinContrast {
		t.Errorf("%s: %s on %s has contrast %.2f:1, want at least %.1f:1", what, fg, bg, r, MinContrast)
	}
}

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#1f2328", "#1b1f26", 1.05},
		{"#767676", "#ffffff", 4.54},
	} {
		if got := contrast(parseRGB(c.a), parseRGB(c.b)); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}
