package site

// Ordering names as a reader of the site's language expects them.

import (
	"cmp"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collation orders titles and names as the site's language does:
// "Äpfel" with A in German and after Z in Swedish, "Élan" with E,
// "Łódź" after "Lodz" in Polish; case and accents aside, which decide
// only between names otherwise alike. It is safe for concurrent use.
type collation struct {
	mu  sync.Mutex
	c   *collate.Collator
	buf collate.Buffer
}

// newCollation returns the collation of language lang, a BCP 47 tag; of
// English if it is empty or unknown.
func newCollation(lang string) *collation {
	tag, err := language.Parse(lang)
	if err != nil || lang == "" {
		tag = language.English
	}
	return &collation{c: collate.New(tag, collate.Loose)}
}

// key returns what sorts s: two keys compare as their names do.
func (c *collation) key(s string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Reset()
	return string(c.c.KeyFromString(&c.buf, s))
}

// compare orders a and b; names alike but for case and accents by their
// bytes, so that the order is total.
func (c *collation) compare(a, b string) int {
	c.mu.Lock()
	n := c.c.CompareString(a, b)
	c.mu.Unlock()
	return cmp.Or(n, cmp.Compare(a, b))
}

// CompareNames orders two names (owners, roles, tags) as the site's
// language does (see collation).
func (s *Site) CompareNames(a, b string) int { return s.collation().compare(a, b) }

// collation returns the site's collation, made when first needed.
func (s *Site) collation() *collation {
	s.orderOnce.Do(func() { s.order = newCollation(s.Config.Language) })
	return s.order
}
