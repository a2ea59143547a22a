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
type ids map[string]bool

func (s ids) Generate(value []byte, kind ast.NodeKind) []byte {
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
	for i := 1; s[unique]; i++ {
		unique = id + "-" + strconv.Itoa(i)
	}
	s[unique] = true
	return []byte(unique)
}

func (s ids) Put(value []byte) { s[string(value)] = true }
