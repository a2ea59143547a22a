package site

import (
	"errors"
	"fmt"
	"testing"
)

func TestProblemString(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Problem
		want string
	}{
		{"a line and column", Problem{File: "content/a.md", Line: 12, Col: 5, Msg: "broken link"}, "content/a.md:12:5: broken link"},
		{"a line", Problem{File: "content/a.md", Line: 3, Msg: "no title"}, "content/a.md:3: no title"},
		{"a warning", Problem{File: "content/a.md", Line: 1, Msg: "gap", Warning: true}, "content/a.md:1: warning: gap"},
		{"no line prints the file alone", Problem{File: "layouts/page.html", Msg: "missing"}, "layouts/page.html: missing"},
		{"a column without a line is not shown", Problem{File: "site.toml", Col: 4, Msg: "bad"}, "site.toml: bad"},
		{"no file prints the message alone", Problem{Msg: "no repository"}, "no repository"},
		{"a control character in the name is escaped", Problem{File: "a\x1b.md", Line: 2, Msg: "x"}, `a\x1b.md:2: x`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.p.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}

func TestProblemErrorGivesTheProblemBack(t *testing.T) {
	p := Problem{File: "layouts/page.html", Line: 2, Col: 7, Msg: "missing value for if"}
	err := fmt.Errorf("version q1: %w", &ProblemError{Problem: p})
	if err.Error() != "version q1: layouts/page.html:2:7: missing value for if" {
		t.Errorf("text: %q", err)
	}
	var pe *ProblemError
	if !errors.As(err, &pe) || pe.Problem != p {
		t.Errorf("errors.As gives %+v, want %+v", pe, p)
	}
}
