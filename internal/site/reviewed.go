package site

// Marking a page reviewed: its "reviewed" date rewritten in place, every
// other byte of the file kept.

import (
	"bytes"
	"fmt"
	"regexp"
	"time"
)

// MarkReviewed returns src, the text of the page file (a path from the
// site root, for messages), with its front matter's "reviewed" set to day.
// Only the value of that key changes: order, comments, quoting and line
// endings stay as they were. A front matter without the key gets it on a
// line after the title's (or after the opening fence, without a title).
//
// A file without front matter, or whose front matter does not parse, is
// refused: the error is a *ProblemError naming the file and line.
func MarkReviewed(file string, src []byte, day time.Time) ([]byte, error) {
	if crLines(src) {
		// Marked as LF lines, and written back with the file's own.
		out, err := MarkReviewed(file, lfLines(src), day)
		return bytes.ReplaceAll(out, []byte("\n"), []byte("\r")), err
	}
	refuse := func(line int, format string, args ...any) error {
		return &ProblemError{Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}}
	}
	format, fm, _, _, err := splitFrontMatter(src)
	if err != nil {
		return nil, refuse(1, "%v", err)
	}
	if format == "" {
		return nil, refuse(1, "no front matter to set \"reviewed\" in: add a +++ or --- block first")
	}
	if format == "json" {
		return nil, refuse(1, "front matter written as JSON: set \"reviewed\" in it by hand, or write it as YAML (---) or TOML (+++)")
	}
	var ps problems
	if decodeFrontMatter(file, format, fm, &ps) == nil {
		return nil, &ProblemError{ps.list[0]}
	}
	date := day.Format(time.DateOnly)
	lines := splitLines(src)
	// The front matter's lines: after the opening fence, up to the
	// closing one.
	end := 1
	for end < len(lines) && !isFence(lines[end], lines[0]) {
		end++
	}
	sep := "="
	if format == "yaml" {
		sep = ":"
	}
	// TOML's top-level keys may be indented; YAML's may not.
	indent := ""
	if format == "toml" {
		indent = `[ \t]*`
	}
	key := func(name string) *regexp.Regexp {
		return regexp.MustCompile(`^` + indent + `(` + name + `|"` + name + `"|'` + name + `')[ \t]*` + sep + `[ \t]*`)
	}
	reviewed, title := key("reviewed"), key("title")
	var candidates [][]byte
	at := topLevel(lines[1:end], format, reviewed)
	switch {
	case at >= 0:
		i := at + 1
		candidates = append(candidates, join(lines[:i], replaceValue(lines[i], reviewed, date), lines[i+1:]))
	default:
		if t := topLevel(lines[1:end], format, title); t >= 0 {
			// After the title's line, or after the last line of a title
			// running over several: the first that reads back.
			for i := t + 1; i < end; i++ {
				candidates = append(candidates, insertAfter(lines, i, "reviewed"+spaced(sep)+date))
			}
		}
		candidates = append(candidates, insertAfter(lines, 0, "reviewed"+spaced(sep)+date))
	}
	// The text is edited line by line, which a multi-line value could
	// fool: the result must read back with the date, or nothing is done.
	for _, out := range candidates {
		if readsReviewed(file, out, day) && sameTitle(file, src, out) {
			return out, nil
		}
	}
	return nil, refuse(max(at+2, 1), "cannot set \"reviewed\" here without rewriting more than its line: set it by hand")
}

// splitLines splits src after each newline, keeping them.
func splitLines(src []byte) [][]byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// isFence reports whether line closes the front matter opened by open.
func isFence(line, open []byte) bool {
	trim := func(b []byte) []byte { return bytes.TrimRight(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n") }
	return bytes.Equal(trim(line), trim(open))
}

// topLevel returns the index of the first line of lines that sets a key
// matched by re at the top level (not indented; in TOML, before the first
// table), or -1.
func topLevel(lines [][]byte, format string, re *regexp.Regexp) int {
	for i, l := range lines {
		if format == "toml" && bytes.HasPrefix(bytes.TrimSpace(l), []byte("[")) {
			return -1
		}
		if re.Match(l) {
			return i
		}
	}
	return -1
}

// replaceValue returns line, which sets a key matched by re, with its
// value replaced by date: inside the quotes if it is quoted, and with
// what follows the value (a comment, the line ending) kept.
func replaceValue(line []byte, re *regexp.Regexp, date string) []byte {
	start := re.FindIndex(line)[1]
	rest := line[start:]
	var n int // the length of the value
	if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
		if close := bytes.IndexByte(rest[1:], rest[0]); close >= 0 {
			return concat(line[:start+1], []byte(date), rest[1+close:])
		}
	}
	for n < len(rest) && !bytes.ContainsRune([]byte(" \t\r\n#"), rune(rest[n])) {
		n++
	}
	if n == 0 && start > 0 && line[start-1] != ' ' && line[start-1] != '\t' {
		date = " " + date // "reviewed:" with no value yet
	}
	return concat(line[:start], []byte(date), rest[n:])
}

// insertAfter returns lines with text inserted as a line after line i,
// ending as that line does.
func insertAfter(lines [][]byte, i int, text string) []byte {
	eol := "\n"
	if bytes.HasSuffix(lines[i], []byte("\r\n")) {
		eol = "\r\n"
	}
	prev := lines[i]
	if !bytes.HasSuffix(prev, []byte("\n")) {
		prev = concat(prev, []byte(eol))
	}
	return join(lines[:i], concat(prev, []byte(text+eol)), lines[i+1:])
}

// spaced returns a key's separator as it is written before a value: " = "
// in TOML, ": " in YAML.
func spaced(sep string) string {
	if sep == "=" {
		return " = "
	}
	return ": "
}

func join(before [][]byte, line []byte, after [][]byte) []byte {
	var b bytes.Buffer
	for _, l := range before {
		b.Write(l)
	}
	b.Write(line)
	for _, l := range after {
		b.Write(l)
	}
	return b.Bytes()
}

func concat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// readsReviewed reports whether src's front matter parses and gives
// "reviewed" as day.
func readsReviewed(file string, src []byte, day time.Time) bool {
	f := goodFrontMatter(file, src)
	return f != nil && f.date("reviewed").Format(time.DateOnly) == day.Format(time.DateOnly)
}

// goodFrontMatter returns the front matter of src, or nil if it has none
// or it does not decode without a problem.
func goodFrontMatter(file string, src []byte) *frontMatter {
	format, fm, _, _, err := splitFrontMatter(lfLines(src))
	if err != nil || format == "" {
		return nil
	}
	var ps problems
	f := decodeFrontMatter(file, format, fm, &ps)
	if f == nil || len(ps.list) > 0 {
		return nil
	}
	return f
}

// sameTitle reports whether the front matter of a and b, both good,
// give the page the same title: "reviewed" put inside a title written
// over several lines could read back and change the title.
func sameTitle(file string, a, b []byte) bool {
	fa, fb := goodFrontMatter(file, a), goodFrontMatter(file, b)
	return fa != nil && fb != nil && fa.string("title") == fb.string("title")
}
