package markdown

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading ids as GitHub does, so that an anchor written for a
// Git host ("#über-uns") also works on the site: letters and digits of any
// script in lower case, spaces and hyphens as hyphens, underscores kept,
// the rest dropped; a repeated id gets "-1", "-2", ...
type ids struct {
	taken map[string]bool
	// next holds, for each id repeated so far, the suffix to try first
	// next time: every suffix below it is taken, and ids are never freed, so
	// a page of n equal headings costs n lookups, not n²/2.
	next map[string]int
}

func newIDs() *ids { return &ids{taken: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var out []rune
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			out = append(out, unicode.ToLower(r))
		case r == ' ' || r == '-':
			out = append(out, '-')
		case r == '_':
			out = append(out, '_')
		}
	}
	id := string(out)
	for len(id) > 0 && id[0] == '-' {
		id = id[1:]
	}
	for len(id) > 0 && id[len(id)-1] == '-' {
		id = id[:len(id)-1]
	}
	if id == "" {
		id = "heading"
	}
	unique := id
	if s.taken[id] {
		i := max(s.next[id], 1)
		for s.taken[id+"-"+strconv.Itoa(i)] {
			i++
		}
		unique = id + "-" + strconv.Itoa(i)
		s.next[id] = i + 1
	}
	s.taken[unique] = true
	return []byte(unique)
}

func (s *ids) Put(value []byte) { s.taken[string(value)] = true }
