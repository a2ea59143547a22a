package render

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

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
	// texts holds pages' text by section, for the search index.
	texts map[string]text
}

type body struct {
	src  []byte // the source the HTML was made from
	urls string // the link targets it was made with
	html template.HTML
}

func bodyKey(s *site.Site, p *site.Page) (src []byte, urls string) {
	var b strings.Builder
	// The same Markdown renders differently under other settings.
	if s.Config.Markdown.Unsafe {
		b.WriteString("unsafe\x00")
	}
	for _, l := range p.Doc.Links {
		b.WriteString(l.URL())
		b.WriteByte(0)
	}
	return p.Doc.Source(), b.String()
}

func (c *BodyCache) get(s *site.Site, p *site.Page) (template.HTML, bool) {
	if c == nil {
		return "", false
	}
	src, urls := bodyKey(s, p)
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[p.File]
	if !ok || b.urls != urls || !bytes.Equal(b.src, src) {
		return "", false
	}
	return b.html, true
}

func (c *BodyCache) put(s *site.Site, p *site.Page, html template.HTML) {
	if c == nil {
		return
	}
	src, urls := bodyKey(s, p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]body{}
	}
	c.m[p.File] = body{src: src, urls: urls, html: html}
}
