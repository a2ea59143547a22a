package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Problem is something wrong with a site's files, at a place an author can
// find: a file (slash-separated, relative to the site root) and a line.
type Problem struct {
	File string
	Line int // 1-based
	Col  int // 1-based; 0 when unknown
	Msg  string
	// Warning marks a problem that does not stop a build: a chain gap, an
	// overdue review.
	Warning bool
	// Check names the check that found the problem ("duplicate-id"); it is
	// empty for a problem met reading a file, such as bad front matter.
	Check string
}

// String formats p as "file:line[:col]: [warning: ]message". Bytes of the
// file name that are not UTF-8 or are control characters are shown as
// \xNN: printed raw, they garble the terminal and cannot be typed.
func (p Problem) String() string {
	pos := fmt.Sprintf("%s:%d", printable(p.File), p.Line)
	if p.Col > 0 {
		pos += fmt.Sprintf(":%d", p.Col)
	}
	if p.Warning {
		return pos + ": warning: " + p.Msg
	}
	return pos + ": " + p.Msg
}

// Problems is a list of problems.
type Problems []Problem

// Errors returns the number of problems that are not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings returns the number of warnings.
func (ps Problems) Warnings() int { return len(ps) - ps.Errors() }

// Sort orders ps by file, line and column.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

// problems collects problems; the zero value is ready to use.
type problems struct {
	list Problems
}

func (ps *problems) errorf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: max(line, 1), Msg: fmt.Sprintf(format, args...)})
}

func (ps *problems) warnf(file string, line int, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: file, Line: max(line, 1), Msg: fmt.Sprintf(format, args...), Warning: true})
}

// checkErrorf adds an error found by the named check.
func (ps *problems) checkErrorf(check, file string, line int, format string, args ...any) {
	ps.errorf(file, line, format, args...)
	ps.list[len(ps.list)-1].Check = check
}

// printable returns s with each byte that is not valid UTF-8, and each
// control character, written as \xNN.
func printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || isControl(r) {
			for _, c := range []byte(s[i : i+n]) {
				fmt.Fprintf(&b, "\\x%02x", c)
			}
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
