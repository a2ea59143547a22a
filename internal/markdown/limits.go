package markdown

import (
	"bytes"
	"fmt"
)

// Limits on what one page may hold. goldmark's time grows with the square
// of some counts (lists and quotes opened on one line or nested by
// indentation, footnotes, reference
// definitions, brackets and emphasis marks in one paragraph, the empty cells
// a table adds to short rows), so a hostile page of a few hundred kilobytes
// could hold a build for minutes. Parse refuses a page beyond a limit before
// goldmark sees it; no page written by hand comes near one.
const (
	// MaxNesting is how many lists and quotes one line may open, and
	// how deep lists and quotes may nest: a list or quote marker may not
	// be indented 2*MaxNesting columns or more (see nestingBound).
	MaxNesting = 32
	// MaxFootnotes is how many footnote marks ("[^") a page may hold,
	// references and definitions together.
	MaxFootnotes = 10_000
	// MaxDefinitions is how many link reference definitions one
	// paragraph may hold: lines in a row without a blank one between.
	MaxDefinitions = 1_000
	// MaxBrackets is how many "[" one paragraph, heading or table row may hold.
	MaxBrackets = 100
	// MaxEmphasis is how many emphasis marks ("*", "_", "~") one paragraph,
	// heading or table row may hold.
	MaxEmphasis = 250
	// MaxEmptyCells is how many cells a page's tables may add to rows
	// shorter than their header.
	MaxEmptyCells = 100_000
)

// A LimitError reports a page beyond one of the limits, at the line that
// crossed it.
type LimitError struct {
	// Line is the 1-based line of the source.
	Line int
	// Msg says which limit was crossed, as "too deeply nested (limit 32)".
	Msg string
}

func (e *LimitError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// checkLimits reads src once, line by line, and returns the first line that
// crosses a limit, or nil. It follows the block structure only as far as
// the limits need, and where unsure it counts: it may count a mark that
// goldmark would read as code, never the reverse.
func checkLimits(src []byte) *LimitError {
	var (
		footnotes, emptyCells           int
		brackets, emphasis, definitions int // in the current paragraph
		columns, tableDepth             int // of the current table; columns is 0 out of one
		header                          []byte
		fence                           *fence
		// broken marks a line after a blank one or a marker of MkDocs:
		// no paragraph is open for it to go on, and a fence indented 4
		// columns or more is code, whether goldmark reads it as a fence
		// in an admonition or a tab, or as an indented code block.
		broken bool
	)
	for n, start := 1, 0; start < len(src); n++ {
		end := len(src)
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end = start + i
		}
		line := src[start:end]
		start = end + 1
		afterBreak := broken
		broken = !hasText(line)

		// Nesting is checked on every line, code included: a line of
		// code opens no list, but where the code ends is for goldmark
		// to say.
		c := scanContainers(line)
		if c.depth > MaxNesting {
			return &LimitError{n, fmt.Sprintf("too deeply nested: lists and quotes opened on one line (limit %d)", MaxNesting)}
		}
		if fence != nil {
			if fence.holds(c) {
				// Code: goldmark opens no list or quote in it.
				if fence.closedBy(c.rest) {
					fence = nil
				}
				continue
			}
			fence = nil
		}
		// A marker at the start of a line always opens (see mkdocsDepth).
		broken = broken || c.depth == 0 && c.indent <= 3 && isMkDocsMarker(c.rest)
		if nestingBound(line) > MaxNesting {
			return &LimitError{n, fmt.Sprintf("too deeply nested: a list or quote marker indented %d columns or more (limit %d levels)", 2*MaxNesting, MaxNesting)}
		}
		rest := c.rest
		if !hasText(rest) {
			brackets, emphasis, definitions, columns, header = 0, 0, 0, 0, nil
			continue
		}
		if f := openFence(c, afterBreak); f != nil {
			fence = f
			brackets, emphasis, definitions, columns, header = 0, 0, 0, 0, nil
			continue
		}
		if c.newItem || c.indent <= 3 && isATXHeading(rest) {
			// A new list item or a heading ends the paragraph before it.
			brackets, emphasis, definitions, columns, header = 0, 0, 0, 0, nil
		}
		if columns > 0 && (c.depth != tableDepth || c.newItem) {
			columns = 0
		}
		if columns > 0 {
			// A table row: goldmark parses each cell apart, and adds the
			// cells the row lacks.
			brackets, emphasis, definitions = 0, 0, 0
			if have := cellCount(rest); have < columns {
				emptyCells += columns - have
				if emptyCells > MaxEmptyCells {
					return &LimitError{n, fmt.Sprintf("too many empty table cells: rows shorter than their header (limit %d)", MaxEmptyCells)}
				}
			}
		} else if k := delimiterRowColumns(rest); k > 0 && header != nil && cellCount(header) == k {
			columns, tableDepth = k, c.depth
			brackets, emphasis = 0, 0
			continue
		}
		header = rest

		footnotes += bytes.Count(rest, []byte("[^"))
		if footnotes > MaxFootnotes {
			return &LimitError{n, fmt.Sprintf("too many footnotes (limit %d)", MaxFootnotes)}
		}
		if label, ok := definitionLabel(rest); ok {
			definitions++
			if definitions > MaxDefinitions {
				return &LimitError{n, fmt.Sprintf("too many link reference definitions in one paragraph (limit %d)", MaxDefinitions)}
			}
			// A definition's label is not parsed as text.
			rest = rest[len(label):]
		}
		brackets += bytes.Count(rest, []byte("["))
		if brackets > MaxBrackets {
			return &LimitError{n, fmt.Sprintf("too many brackets \"[\" in one paragraph (limit %d)", MaxBrackets)}
		}
		for _, b := range rest {
			if b == '*' || b == '_' || b == '~' {
				emphasis++
			}
		}
		if emphasis > MaxEmphasis {
			return &LimitError{n, fmt.Sprintf("too many emphasis marks (*, _, ~) in one paragraph (limit %d)", MaxEmphasis)}
		}
	}
	return nil
}

// definitionLabel returns the label ("[a]:") that starts rest if rest may
// start a link reference definition: a label that closes on the line with
// "]:", or one that goes on to the next line.
func definitionLabel(rest []byte) ([]byte, bool) {
	if rest[0] != '[' {
		return nil, false
	}
	for i := 1; i < len(rest); i++ {
		switch rest[i] {
		case '\\':
			i++
		case '[':
			// A label holds no bracket.
			return nil, false
		case ']':
			if i+1 < len(rest) && rest[i+1] == ':' {
				return rest[:i+2], true
			}
			return nil, false
		}
	}
	return rest, true
}

// isATXHeading reports whether rest starts with a "## heading" marker.
func isATXHeading(rest []byte) bool {
	k := 0
	for k < len(rest) && k < 7 && rest[k] == '#' {
		k++
	}
	return k >= 1 && k <= 6 && (k == len(rest) || rest[k] == ' ' || rest[k] == '\t')
}

// cellCount returns the number of cells of a table row, counting every
// "|" as a separator.
func cellCount(row []byte) int {
	row = bytes.TrimSpace(row)
	row = bytes.TrimPrefix(row, []byte("|"))
	row = bytes.TrimSuffix(row, []byte("|"))
	return bytes.Count(row, []byte("|")) + 1
}

// containers is what the start of a line opens or continues.
type containers struct {
	depth   int  // lists and quotes opened on the line
	quotes  int  // the quote marks among them
	newItem bool // a bullet or an item numbered 1, which ends a paragraph
	// indent is the column of rest after the last quote mark, spaces
	// before rest included; rest is the line after every marker and the
	// spaces that follow them.
	indent int
	// lead is the column, after the last quote mark, of the first list
	// marker after it, or else indent: in a fence, a line so indented is
	// code, whatever it holds.
	lead int
	// inner is set when a list marker comes before a quote mark.
	inner bool
	rest  []byte
}

// scanContainers reads the list and quote markers at the start of line.
func scanContainers(line []byte) containers {
	var c containers
	col, i := 0, 0
	base := 0 // the column after the last quote mark
	lead := -1
	for {
		// Up to three spaces may come before a marker; more make code.
		j, jcol := skipSpace(line, i, col)
		if jcol-col > 3 || j == len(line) {
			i, col = j, jcol
			break
		}
		switch b := line[j]; {
		case b == '>':
			c.depth++
			c.quotes++
			i, col = j+1, jcol+1
			if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i, col = i+1, col+1
			}
			c.inner = c.inner || lead >= 0
			base, lead = col, -1
			continue
		case b == '-' || b == '*' || b == '+':
			if j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t' {
				if lead < 0 {
					lead = jcol - base
				}
				c.depth++
				c.newItem = c.newItem || hasText(line[j+1:])
				i, col = j+1, jcol+1
				continue
			}
		case '0' <= b && b <= '9':
			k := j
			for k < len(line) && k-j < 9 && '0' <= line[k] && line[k] <= '9' {
				k++
			}
			if k < len(line) && (line[k] == '.' || line[k] == ')') && (k+1 == len(line) || line[k+1] == ' ' || line[k+1] == '\t') {
				if lead < 0 {
					lead = jcol - base
				}
				c.depth++
				if string(line[j:k]) == "1" {
					c.newItem = c.newItem || hasText(line[k+1:])
				}
				i, col = k+1, jcol+k+1-j
				continue
			}
		}
		i, col = j, jcol
		break
	}
	c.indent = col - base
	c.lead = c.indent
	if lead >= 0 {
		c.lead = lead
	}
	c.rest = line[i:]
	return c
}

// nestingBound returns a bound on how deep the innermost list or quote
// whose marker starts line (after spaces and other markers) may be nested,
// or 0 if line starts with no marker.
//
// goldmark opens a list or quote only inside the lists and quotes the line
// continues: a quote by its mark on the line, a list item by indenting the
// line as far as the item's text, two columns or more past the item's
// marker. Those items are to the left of the line's first list marker:
// later markers are of items opened on the line, whose text starts there.
// So the bound counts the line's markers, and a level for every two
// columns of space before its first list marker, the one space after a
// quote mark left out. It holds however the lines before nested, closed or
// lazily continued their lists, which a scan of one line could not follow,
// at the cost of an allowance of two columns a level: 32 levels are 64
// columns of indentation, which a page of text or lists does not reach.
func nestingBound(line []byte) int {
	col, markers, space := 0, 0, 0
	listed := false // a list marker was seen
	for i := 0; ; {
		j, jcol := skipSpace(line, i, col)
		if j == len(line) {
			break
		}
		if !listed {
			space += jcol - col
		}
		i, col = j, jcol
		if line[i] == '>' {
			markers++
			i, col = i+1, col+1
			if i < len(line) && line[i] == ' ' {
				i, col = i+1, col+1
			}
			continue
		}
		k := listMarkerEnd(line, i)
		if k < 0 {
			break
		}
		markers++
		listed = true
		col += k - i
		i = k
	}
	if markers == 0 {
		return 0
	}
	return markers + space/2
}

// listMarkerEnd returns the end of the list marker ("-", "*", "+", "1.",
// "1)") at line[i], or -1 if there is none: a marker is followed by a space,
// a tab or the end of the line.
func listMarkerEnd(line []byte, i int) int {
	k := i
	switch b := line[i]; {
	case b == '-' || b == '*' || b == '+':
		k++
	case '0' <= b && b <= '9':
		for k < len(line) && k-i < 9 && '0' <= line[k] && line[k] <= '9' {
			k++
		}
		if k == len(line) || (line[k] != '.' && line[k] != ')') {
			return -1
		}
		k++
	default:
		return -1
	}
	if k < len(line) && line[k] != ' ' && line[k] != '\t' {
		return -1
	}
	return k
}

// skipSpace skips spaces and tabs from line[i], at column col, and returns
// where it stopped; a tab moves to the next multiple of 4.
func skipSpace(line []byte, i, col int) (int, int) {
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return i, col
		}
	}
	return i, col
}

func hasText(b []byte) bool { return len(bytes.TrimSpace(b)) > 0 }

// A fence is an open fenced code block, whose lines are not Markdown.
type fence struct {
	mark   byte // '`' or '~'
	length int
	quotes int // the quote marks around it
	indent int // the column its lines must reach, after the quote marks
}

// openFence returns the fence c's line opens, or nil; afterBreak says
// that no paragraph is open for the line to go on (see checkLimits).
func openFence(c containers, afterBreak bool) *fence {
	rest := c.rest
	if len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return nil
	}
	k := 0
	for k < len(rest) && rest[k] == rest[0] {
		k++
	}
	if k < 3 || (rest[0] == '`' && bytes.IndexByte(rest[k:], '`') >= 0) {
		return nil
	}
	if c.indent > 3 && c.depth == c.quotes && !(afterBreak && c.depth == 0) {
		// Code, or a paragraph's next line: not a fence.
		return nil
	}
	return &fence{mark: rest[0], length: k, quotes: c.quotes, indent: c.indent}
}

// holds reports whether a line with containers c may still be inside f.
// Where unsure it says no: the line is then counted as Markdown.
func (f *fence) holds(c containers) bool {
	if c.quotes != f.quotes || c.inner {
		return false
	}
	return c.lead >= f.indent || !hasText(c.rest)
}

// closedBy reports whether rest, the text of a line inside f, closes it.
func (f *fence) closedBy(rest []byte) bool {
	k := 0
	for k < len(rest) && rest[k] == f.mark {
		k++
	}
	return k >= f.length && len(bytes.TrimSpace(rest[k:])) == 0
}

// delimiterRowColumns returns the number of columns of a table's delimiter
// row ("|---|:-:|"), or 0 if line is not one.
func delimiterRowColumns(line []byte) int {
	line = bytes.TrimSpace(line)
	if bytes.IndexByte(line, '|') < 0 || bytes.IndexByte(line, '-') < 0 {
		return 0
	}
	line = bytes.TrimPrefix(line, []byte("|"))
	line = bytes.TrimSuffix(line, []byte("|"))
	cells := bytes.Split(line, []byte("|"))
	for _, cell := range cells {
		cell = bytes.TrimSpace(cell)
		cell = bytes.TrimPrefix(cell, []byte(":"))
		cell = bytes.TrimSuffix(cell, []byte(":"))
		if len(cell) == 0 || len(bytes.Trim(cell, "-")) != 0 {
			return 0
		}
	}
	return len(cells)
}
