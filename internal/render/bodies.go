package render

import (
	"crypto/sha256"
	"html/template"
	"strings"
	"sync"

	"playbook/internal/markdown"
	"playbook/internal/site"
)

// A BodyCache keeps the HTML of pages' Markdown across versions of a site:
// the versions a preview server makes as files change, or the versions a
// versioned build publishes side by side. An entry is used again while the
// page's source and the targets of its links are the same. Its zero value is ready to use; a nil BodyCache keeps
// nothing.
type BodyCache struct {
	mu sync.Mutex
	m  map[string]body
}

type body struct {
	sum  [sha256.Size]byte // of the source the HTML was made from
	urls string            // the link targets it was made with
	html template.HTML
}

func bodyKey(s *site.Site, doc *markdown.Doc) (sum [sha256.Size]byte, urls string) {
	var b strings.Builder
	// The same Markdown renders differently under other settings.
	if s.Config.Markdown.Unsafe {
		b.WriteString("unsafe\x00")
	}
	// And in another language (a version may have its own).
	b.WriteString(s.Markdown.TitlesKey())
	for _, l := range doc.Links {
		b.WriteString(l.URL())
		b.WriteByte(0)
	}
	return doc.Sum(), b.String()
}

// get returns the HTML of page p, whose document unpacked is doc.
func (c *BodyCache) get(s *site.Site, p *site.Page, doc *markdown.Doc) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	sum, urls := bodyKey(s, doc)
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[p.File]
	if !ok || b.urls != urls || b.sum != sum {
		return "", false
	}
	return b.html, true
}

func (c *BodyCache) put(s *site.Site, p *site.Page, doc *markdown.Doc, html template.HTML) {
	if c == nil {
		return
	}
	sum, urls := bodyKey(s, doc)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]body{}
	}
	c.m[p.File] = body{sum: sum, urls: urls, html: html}
}
