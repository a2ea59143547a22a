package site

import (
	"path"
	"strings"
)

// matchGlob reports whether name, a slash-separated path, matches pattern:
// each element of the pattern matches one element of the name as in
// path.Match, and an element "**" matches any number of elements, none
// included ("**/drafts/**" matches "drafts", "a/drafts/b.md").
func matchGlob(pattern, name string) bool {
	return matchElems(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchElems(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := range len(name) + 1 {
				if matchElems(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// validGlob reports whether every element of pattern is a valid
// path.Match pattern.
func validGlob(pattern string) bool {
	for _, e := range strings.Split(pattern, "/") {
		if _, err := path.Match(e, ""); err != nil {
			return false
		}
	}
	return true
}
