package site

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"playbook/internal/search"
)

// editDistance returns the number of letters to insert, remove, change
// or swap with the next to make a into b, counted in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: the one before the last, the last, and this one.
	pp := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		pp, prev, cur = prev, cur, pp
	}
	return prev[len(rb)]
}

// near reports whether a is close enough to b to be a typo of it, and
// how far: a few letters apart, fewer for a short word, and a short word
// only by a letter changed or two swapped.
func near(a, b string) (int, bool) {
	if n := len(a) - len(b); n > 3 || n < -3 {
		return 0, false // too far apart to be worth counting
	}
	d := editDistance(a, b)
	n := len([]rune(b))
	if n < 5 && len([]rune(a)) != n {
		return d, false // "there" is not a typo of "here"
	}
	return d, d > 0 && d <= max(1, min(3, n/4))
}

// Near is near, for the names other packages suggest: a layout's asset.
func Near(a, b string) (int, bool) { return near(a, b) }

// nearestID returns the published page whose id (or title, made a slug)
// is nearest a mistyped id, preferring a page of type want, or nil when
// none is near enough to be what was meant.
func (l *loadState) nearestID(id, want string) *Page {
	slug := Slug(id)
	if slug == "" {
		return nil
	}
	var best, begun *Page
	bestD, begins := 0, 0
	for _, p := range l.kept {
		if p.IsSection || want != "" && p.Type != want {
			continue
		}
		for _, name := range []string{p.ID, Slug(p.Title)} {
			if d, ok := near(slug, name); ok && (best == nil || d < bestD) {
				best, bestD = p, d
			} else if !ok && !isASCII(name) && search.Normalize(name) == search.Normalize(slug) && (best == nil || bestD > 1) {
				// Typed without its accents or letters a keyboard lacks:
				// "strassenservice-lodz" for "straßenservice-łódź".
				best, bestD = p, 1
			}
		}
		// An id cut short: "callfast" for "callfast-ltd".
		if strings.HasPrefix(p.ID, slug+"-") && begun != p {
			begun = p
			begins++
		}
	}
	if best == nil && begins == 1 {
		best = begun
	}
	if best == nil && want != "" {
		return l.nearestID(id, "")
	}
	return best
}

// maxGuesses is the most broken relations of a site that are told the
// page they most likely meant: each guess compares the id with every
// page's, and a handbook brought in with thousands broken would be
// slowed down by minutes for advice nobody reads that far.
const maxGuesses = 100

// didYouMean says which page a mistyped id most likely meant, as the
// end of a message: `: did you mean "fast" (content/promises/fast.md)?`,
// or "" if none is near, or past maxGuesses.
func (l *loadState) didYouMean(id, want string) string {
	if l.guesses >= maxGuesses {
		return ""
	}
	l.guesses++
	if q := l.renamedFrom(id, want); q != nil {
		return fmt.Sprintf(": did you mean %q (%s)? its aliases name its old path, and id = %q in its front matter would keep the old id", q.ID, q.File, Slug(id))
	}
	if q := l.nearestID(id, want); q != nil {
		return fmt.Sprintf(": did you mean %q (%s)?", q.ID, q.File)
	}
	return ""
}

// renamedFrom returns the published page, of type want if given, one of
// whose aliases ends in id ("/promises/fixed-price/" for "fixed-price"):
// the page renamed, its old path kept for readers' links.
func (l *loadState) renamedFrom(id, want string) *Page {
	slug := Slug(id)
	if slug == "" {
		return nil
	}
	for _, p := range l.kept {
		if want != "" && p.Type != want {
			continue
		}
		for _, a := range p.Aliases {
			name := path.Base(strings.Trim(a, "/"))
			if Slug(strings.TrimSuffix(name, path.Ext(name))) == slug {
				return p
			}
		}
	}
	return nil
}

// CommonKeys are the front matter keys of every page, whatever its type.
var CommonKeys = []string{"title", "id", "type", "owner", "reviewed", "review_every", "tags", "weight", "description", "draft", "aliases", "search"}

// knownKeyNear returns the key of front matter that key, which playbook
// does not know, most likely meant: one of the page's type (typ, "" for
// a section), of every page, or start on the home page, a letter or two
// apart, or the same but for a plural's s ("fulfills", "reviewd", "tag");
// "" if none is near.
func knownKeyNear(key, typ string, home bool) string {
	known := slices.Clone(CommonKeys)
	for _, f := range TypeFields[typ] {
		known = append(known, f.Name)
	}
	if home {
		known = append(known, "start")
	}
	k := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(key), "-", "_"))
	best, bestD := "", 0
	for _, name := range known {
		if k == name || k+"s" == name || k == name+"s" {
			return name
		}
		if d, ok := near(k, name); ok && (best == "" || d < bestD) {
			best, bestD = name, d
		}
	}
	return best
}

// typeNear returns the end of a message naming the type t is a typo of,
// `: did you mean "promise"?`, or "" if it looks like none.
func typeNear(t string) string {
	best, bestD := "", 0
	for _, name := range Types {
		if d, ok := near(strings.ToLower(t), name); ok && (best == "" || d < bestD) {
			best, bestD = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(": did you mean %q?", best)
}
