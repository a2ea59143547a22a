package site

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Problem is something wrong with a site's files, at a place an author can
// find: a file (slash-separated, relative to the site root) and a line.
// It is the one form every part of playbook reports problems in: the
// loader's, the theme's (see ProblemError) and those of versions.
type Problem struct {
	// File is empty only for a problem no file can be blamed for.
	File string
	Line int // 1-based; 0 when unknown, for a problem of a whole file
	Col  int // 1-based; 0 when unknown
	Msg  string
	// Warning marks a problem that does not stop a build: a chain gap, an
	// overdue review.
	Warning bool
	// Check names the check that found the problem ("duplicate-id"); it is
	// empty for a problem met reading a file, such as bad front matter.
	Check string
	// lacks is what a promise's chain lacks, for a chain-gap: NewSince
	// tells a chain that lost a link from one that lacked it already.
	lacks chainLinks
}

// CheckName names what found p, for a report a program reads (JSON,
// GitHub's annotations): its Check, or for a problem met reading a file,
// what the file is: "config" (site.toml), "page" (under content/),
// "layout" (a theme's layouts) or "static" (a static file).
func (p Problem) CheckName() string {
	switch {
	case p.Check != "":
		return p.Check
	case p.File == ConfigFile:
		return "config"
	case strings.HasPrefix(p.File, ContentDir+"/"):
		return "page"
	}
	// A theme's files are its layouts and its static files, as the site's.
	file := p.File
	if rest, ok := strings.CutPrefix(file, "themes/"); ok {
		_, file, _ = strings.Cut(rest, "/")
	}
	switch {
	case strings.HasPrefix(file, "layouts/"):
		return "layout"
	case strings.HasPrefix(file, "static/"):
		return "static"
	}
	return ""
}

// String formats p as "file:line[:col]: [warning: ]message"; without a
// line, as "file: message" (no line is better than a made-up one). Bytes
// of the file name that are not UTF-8 or are control characters are shown
// as \xNN: printed raw, they garble the terminal and cannot be typed.
func (p Problem) String() string {
	msg := p.Msg
	if p.Warning {
		msg = "warning: " + msg
	}
	pos := p.Place()
	if pos == "" {
		return msg
	}
	return pos + ": " + msg
}

// Place is where p is, as String starts with it: "file:line[:col]", or
// the file alone, or "".
func (p Problem) Place() string {
	pos := printable(p.File)
	if p.Line > 0 {
		pos += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			pos += fmt.Sprintf(":%d", p.Col)
		}
	}
	return pos
}

// A ProblemError is a Problem returned as an error, by code whose callers
// take errors, such as a theme's layout that does not parse. Its text is
// the problem's, and errors.As gives the problem back whole, so that the
// preview shows it at its file and line without reading them back out of
// the text.
type ProblemError struct {
	Problem
}

// Error formats the problem as Problem.String does.
func (e *ProblemError) Error() string { return e.Problem.String() }

// ProblemOf returns the problem err is (a *ProblemError, wrapped or not),
// at its file and line; any other error is a problem at no file, as it
// reads: it names its own place, and a made-up one would send the author
// to the wrong file.
func ProblemOf(err error) Problem {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe.Problem
	}
	return Problem{Msg: err.Error()}
}

// ProblemsOf returns the problems err holds: one, or one for each error
// errors.Join joined in it.
func ProblemsOf(err error) Problems {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var ps Problems
		for _, e := range joined.Unwrap() {
			ps = append(ps, ProblemsOf(e)...)
		}
		return ps
	}
	return Problems{ProblemOf(err)}
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

// NewSince returns the problems of ps that old does not have: those of a
// change, with the ones it found already there left out. Problems are
// matched by check, file and message, not by line, which edits above a
// problem move; a problem found twice in ps and once in old is new once.
// What a message says of other things is not compared (see sameKey): a
// hint naming the nearest page, the count of the other files a layout
// fails on, a line number. A promise already not connected at old is not
// new when it lacks no link it had: a change adding the sales behaviour
// of a disconnected promise mends it, and is not refused for the service
// gap left; one taking away its last sales behaviour, or its
// expectation, breaks it further, and is.
// Which of the two is new, lineText decides when it is given: the text
// of a problem's line, in the file as it is (was false) or as it was
// (was true). A problem whose line reads as an old one's did is that one,
// moved; the others are matched in order.
func (ps Problems) NewSince(old Problems, lineText func(was bool, file string, line int) string) Problems {
	olds := map[problemKey][]Problem{}
	for _, p := range old {
		k := sameKey(p)
		olds[k] = append(olds[k], p)
	}
	matched := make([]bool, len(ps))
	// Same text on the line first, then in order, so that an old
	// problem moved down is not taken for the one added above it.
	for pass := range 2 {
		for i, p := range ps {
			k := sameKey(p)
			if matched[i] || len(olds[k]) == 0 {
				continue
			}
			at := 0
			if p.Check == chainGapCheck {
				at = slices.IndexFunc(olds[k], func(o Problem) bool { return p.lacks&^o.lacks == 0 })
				if at < 0 {
					continue
				}
			} else if pass == 0 {
				if lineText == nil || p.Line == 0 {
					continue
				}
				text := lineText(false, p.File, p.Line)
				at = slices.IndexFunc(olds[k], func(o Problem) bool { return o.Line > 0 && lineText(true, o.File, o.Line) == text })
				if at < 0 {
					continue
				}
			}
			olds[k] = slices.Delete(olds[k], at, at+1)
			matched[i] = true
		}
	}
	var out Problems
	for i, p := range ps {
		if !matched[i] {
			out = append(out, p)
		}
	}
	return out
}

// A problemKey is what NewSince compares of two problems.
type problemKey struct{ check, file, msg string }

// lineNumber is a line named in a message ("already defined at line 3").
var lineNumber = regexp.MustCompile(`\bline \d+`)

// sameKey returns what makes p the same problem as another: its check,
// its file, and its message without what it says of other things, which
// changes where nothing of p did.
func sameKey(p Problem) problemKey {
	if p.Check == chainGapCheck {
		return problemKey{p.Check, p.File, ""}
	}
	msg := p.Msg
	for _, aside := range []string{" (rendering ", ": did you mean ", " (did you mean "} {
		if i := strings.Index(msg, aside); i >= 0 {
			msg = msg[:i]
		}
	}
	if p.Check == "slow-code" {
		msg = tookSeconds.ReplaceAllString(msg, "took")
	}
	return problemKey{p.Check, p.File, lineNumber.ReplaceAllString(msg, "line")}
}

// tookSeconds is how long a code block took to colour, which no two
// builds measure alike.
var tookSeconds = regexp.MustCompile(`\btook [0-9.]+ s\b`)

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

// checkWarnf adds a warning found by the named check.
func (ps *problems) checkWarnf(check, file string, line int, format string, args ...any) {
	ps.warnf(file, line, format, args...)
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
