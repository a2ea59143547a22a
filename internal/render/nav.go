package render

import (
	"html/template"
	"strings"
	"sync"

	"playbook/internal/site"
)

// NavListMax is the most entries a list of the sidebar shows whole. A
// longer list (a section of hundreds of pages or sub-sections) shows a
// window of at most 2*navEdge+2*navAround+1 of them, and in each gap a
// link to the section, which lists them all: so a page's sidebar stays
// the same size however large its section grows.
const NavListMax = 20

const (
	// navEdge is how many of its first and of its last entries a long
	// list keeps.
	navEdge = 3
	// navAround is how many entries a long list keeps either side of the
	// one on the way to the page shown.
	navAround = 4
)

// A NavItem is an entry of the navigation tree. Its fields are worked out
// in Go rather than in the layout: the navigation is the largest part of
// most pages, and template method calls are slow.
type NavItem struct {
	Title string
	// Href is the page's URL relative to the page shown.
	Href string
	// Class is "nav-section" or "nav-page", plus "open" for the page shown
	// and the sections above it; "nav-more" for a link standing for the
	// entries a long list leaves out.
	Class string
	// Status is a promise's chain status ("sales gap"), and StatusClass
	// the same as a CSS class; both empty for other pages.
	Status, StatusClass string
	// Current marks the page shown.
	Current bool
	// More is, on a "nav-more" link, how many entries it stands for; the
	// link leads to their section, which lists them all.
	More int
	// Children are shown for open sections only, which keeps every page
	// small on a site of thousands of pages.
	Children []NavItem

	// hole marks the open section whose list NavHTML fills in per page.
	hole bool
}

// Nav returns the navigation tree: the home page's children, with the
// sections leading to this page opened. A list longer than NavListMax
// shows a window around the way to this page, with "nav-more" links for
// the rest.
func (d *Data) Nav() []NavItem {
	return d.r.nav.items(&d.Site.Config, d.URL, d.Site.Home, d.Page, d.Page, nil)
}

// items returns the navigation as seen from the page at URL from, with
// open and the sections above it opened and current marked. The list of
// hole's children, if hole is set, is left out and its place marked. cfg
// splits long lists over pages (see moreEntry).
func (c *navCache) items(cfg *site.Config, from string, home, open, current, hole *site.Page) []NavItem {
	// toward maps each section above open to its child on the way there.
	toward := map[*site.Page]*site.Page{}
	for p := open; p != nil && p.Parent != nil; p = p.Parent {
		toward[p.Parent] = p
	}
	var expand func(p *site.Page, it *NavItem)
	expand = func(p *site.Page, it *NavItem) {
		if _, above := toward[p]; !above && p != open {
			return
		}
		it.Class += " open"
		if p == hole {
			it.hole = true
			return
		}
		it.Children = c.list(cfg, from, p, toward[p], current, expand)
	}
	return c.list(cfg, from, home, toward[home], current, expand)
}

// list returns the entries of sec's children as seen from the page at URL
// from (see rows), current marked. expand opens the entry of a section on
// the way to the page shown.
func (c *navCache) list(cfg *site.Config, from string, sec, focus, current *site.Page, expand func(*site.Page, *NavItem)) []NavItem {
	rows := c.rows(sec, focus)
	out := make([]NavItem, len(rows))
	for k, row := range rows {
		if row.more > 0 {
			out[k] = c.words.moreEntry(cfg, from, sec, row)
			continue
		}
		p := sec.Children[row.child]
		out[k] = c.words.entry(from, p, current)
		if p.IsSection && expand != nil {
			expand(p, &out[k])
		}
	}
	return out
}

// A navRow is a row of a section's list in the sidebar: the child at
// index child, or, if more is set, a link standing for that many, from
// the child at index child on.
type navRow struct{ child, more int }

// rows returns the rows of sec's list: every child of a short list; of a
// long one, those navShown keeps around focus (the child on the way to the
// page shown, or nil), with a link to sec in each gap. Top-level sections
// are always kept.
func (c *navCache) rows(sec, focus *site.Page) []navRow {
	kids := sec.Children
	if len(kids) <= NavListMax {
		rows := make([]navRow, len(kids))
		for i := range kids {
			rows[i].child = i
		}
		return rows
	}
	at := -1
	if focus != nil {
		at = c.index(sec, focus)
	}
	var always func(i int) bool
	if sec.Parent == nil {
		always = func(i int) bool { return kids[i].IsSection }
	}
	shown := navShown(len(kids), at, always)
	rows := make([]navRow, 0, len(shown)+2)
	for k, i := range shown {
		if k > 0 && i > shown[k-1]+1 {
			rows = append(rows, navRow{child: shown[k-1] + 1, more: i - shown[k-1] - 1})
		}
		rows = append(rows, navRow{child: i})
	}
	return rows
}

// entry returns the entry of p, closed, seen from the page at URL from.
func (w *words) entry(from string, p, current *site.Page) NavItem {
	it := NavItem{Title: p.LinkTitle(), Href: site.Rel(from, p.URL), Class: "nav-page"}
	if p == current {
		// From a further page of its list, a section links to its first.
		it.Current = true
		if !strings.HasPrefix(from, p.URL+site.PagerFolder) {
			it.Href = "./"
		}
	}
	if p.IsSection {
		it.Class = "nav-section"
	}
	if p.IsPromise() {
		it.Status, it.StatusClass = w.word(p.Chain.Status.Key(), 0), p.Chain.Status.Class()
	}
	return it
}

// moreEntry returns the link standing for the entries of sec's list row
// stands for: to the page of the list, split by cfg, that shows the first
// of them.
func (w *words) moreEntry(cfg *site.Config, from string, sec *site.Page, row navRow) NavItem {
	url := sec.URL
	if cfg.Paginated(sec) {
		url = site.ListPageURL(sec.URL, row.child/cfg.Pagination.PageSize()+1)
	}
	return NavItem{
		Title: w.word("nav_more", row.more, "section", sec.LinkTitle()),
		Href:  site.Rel(from, url), Class: "nav-more", More: row.more,
	}
}

// navShown returns, in order, the indexes of the entries a list of n
// entries longer than NavListMax shows: the first and last navEdge, and
// navAround either side of the entry at (-1: none, which shows the first
// ones), the window kept whole near either end; and those always keeps.
// A gap of one entry is filled: the entry takes no more room than a link
// standing for it.
func navShown(n, at int, always func(int) bool) []int {
	lo := max(0, at-navAround)
	hi := min(n-1, lo+2*navAround)
	lo = max(0, hi-2*navAround)
	kept := func(i int) bool {
		return i < navEdge || i >= n-navEdge || lo <= i && i <= hi || always != nil && always(i)
	}
	var shown []int
	for i := 0; i < n; i++ {
		if kept(i) || i > 0 && i < n-1 && kept(i-1) && kept(i+1) {
			shown = append(shown, i)
		} else if always == nil {
			// Skip to the next kept entry rather than walk a long list.
			if i < lo {
				i = lo - 1
			} else {
				i = n - navEdge - 1
			}
		}
	}
	return shown
}

// NavHTML returns the navigation as HTML, as the default theme shows it.
//
// It is the largest part of most pages, so it is written in Go, not by a
// template, and made once for all the pages of a section: from any page
// of a folder, the links above and around the folder's own list read the
// same, and so does each entry of that list. A page puts together the
// entries of its window, a bounded number. A theme wanting other markup
// builds its own from Nav.
func (d *Data) NavHTML() template.HTML {
	p := d.Page
	if p == nil || p.IsSection || p.Parent == nil {
		var b strings.Builder
		writeNav(&b, d.Nav(), nil)
		return template.HTML(b.String())
	}
	sec := p.Parent
	// Seen from a page beside p, so every sibling reads "../slug/".
	from := sec.URL + "-/"
	e := d.r.nav.section(sec)
	e.around.Do(func() {
		if sec.Parent == nil {
			// A page of the top level: its list is the whole navigation.
			e.before, e.after = "<ul>\n", "</ul>\n"
			return
		}
		var b strings.Builder
		hole := -1
		writeNav(&b, d.r.nav.items(&d.Site.Config, from, d.Site.Home, sec, nil, sec), &hole)
		e.before, e.after = b.String()[:hole], b.String()[hole:]
	})
	e.children.Do(func() {
		e.entries = make([]string, len(sec.Children))
		for i, q := range sec.Children {
			e.entries[i] = itemHTML(d.words().entry(from, q, nil))
		}
	})
	// The entries of the window first, so that the page's navigation is
	// one allocation of its size: it is kilobytes, on every page.
	rows := d.r.nav.rows(sec, p)
	parts := make([]string, len(rows))
	n := len(e.before) + len(e.after)
	for i, row := range rows {
		switch {
		case row.more > 0:
			parts[i] = itemHTML(d.words().moreEntry(&d.Site.Config, from, sec, row))
		case sec.Children[row.child] == p:
			parts[i] = itemHTML(d.words().entry(from, p, p))
		default:
			parts[i] = e.entries[row.child]
		}
		n += len(parts[i])
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(e.before)
	for _, part := range parts {
		b.WriteString(part)
	}
	b.WriteString(e.after)
	return template.HTML(b.String())
}

// itemHTML returns the HTML of one closed entry of the navigation.
func itemHTML(it NavItem) string {
	var b strings.Builder
	writeItems(&b, []NavItem{it}, nil)
	return b.String()
}

// writeNav writes items as a list; at the hole's list, it writes an empty
// one and sets *hole to the offset inside it.
func writeNav(b *strings.Builder, items []NavItem, hole *int) {
	b.WriteString("<ul>\n")
	writeItems(b, items, hole)
	b.WriteString("</ul>\n")
}

func writeItems(b *strings.Builder, items []NavItem, hole *int) {
	for _, it := range items {
		b.WriteString(`<li class="`)
		b.WriteString(it.Class)
		b.WriteString(`"><a href="`)
		b.WriteString(template.HTMLEscapeString(it.Href))
		b.WriteString(`"`)
		if it.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">")
		if it.StatusClass == "" {
			b.WriteString(template.HTMLEscapeString(it.Title))
		} else {
			// The dot stays on the line of the title's last word.
			head, last := "", it.Title
			if i := strings.LastIndexByte(it.Title, ' '); i >= 0 {
				head, last = it.Title[:i+1], it.Title[i+1:]
			}
			b.WriteString(template.HTMLEscapeString(head) + `<span class="nowrap">` + template.HTMLEscapeString(last) +
				` <span class="dot dot-` + it.StatusClass + `" role="img" aria-label="` + template.HTMLEscapeString(it.Status) + `" title="` + template.HTMLEscapeString(it.Status) + `"></span></span>`)
		}
		b.WriteString("</a>")
		switch {
		case it.hole && hole != nil:
			b.WriteString("<ul>\n")
			*hole = b.Len()
			b.WriteString("</ul>\n")
		case len(it.Children) > 0:
			writeNav(b, it.Children, hole)
		}
		b.WriteString("</li>\n")
	}
}

// navCache holds, for each section, what the navigation of its pages
// shares: made once, on any core, by the first page that needs it.
type navCache struct {
	mu sync.Mutex
	m  map[*site.Page]*navSection
	// words name a promise's status and a link standing for more.
	words *words
}

// navSection is what the pages of one section share of the navigation.
type navSection struct {
	// before and after are the navigation HTML of a page of the section,
	// up to and from the section's own list.
	around        sync.Once
	before, after string
	// entries are the HTML entries of the section's children, closed and
	// not current, each made once however many windows show it.
	children sync.Once
	entries  []string
	// pos is the index of each child of a long section, so a page finds
	// its place without a walk over its siblings.
	index sync.Once
	pos   map[*site.Page]int
}

// forget drops sec's entry: Render drops a section's once the last of
// the files whose navigation reads it is written, so that a build holds
// the entries of the sections in progress, not of every section. A file
// rendered later makes the entry again.
func (c *navCache) forget(sec *site.Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, sec)
}

// navSections returns the sections whose entries the navigation of a
// page of the site reads: those above it but the home page, whose entry
// every page reads.
func navSections(p *site.Page) []*site.Page {
	var secs []*site.Page
	for a := p.Parent; a != nil && a.Parent != nil; a = a.Parent {
		secs = append(secs, a)
	}
	return secs
}

// A navRelease drops the entry of a section from a navCache once the
// files whose navigation reads it are rendered.
type navRelease struct {
	c     *navCache
	mu    sync.Mutex
	users map[*site.Page]int
}

// release returns a navRelease for the files of names r is to render.
func (r *Renderer) release(names []string) *navRelease {
	rel := &navRelease{c: &r.nav, users: map[*site.Page]int{}}
	for _, name := range names {
		if p := r.files[name].pageOf(); p != nil {
			for _, sec := range navSections(p) {
				rel.users[sec]++
			}
		}
	}
	return rel
}

// done records that the named file is rendered.
func (rel *navRelease) done(r *Renderer, name string) {
	p := r.files[name].pageOf()
	if p == nil {
		return
	}
	rel.mu.Lock()
	defer rel.mu.Unlock()
	for _, sec := range navSections(p) {
		if rel.users[sec]--; rel.users[sec] == 0 {
			rel.c.forget(sec)
		}
	}
}

func (c *navCache) section(sec *site.Page) *navSection {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[sec]
	if e == nil {
		if c.m == nil {
			c.m = map[*site.Page]*navSection{}
		}
		e = &navSection{}
		c.m[sec] = e
	}
	return e
}

// index returns the index of child in sec.Children, or -1.
func (c *navCache) index(sec, child *site.Page) int {
	e := c.section(sec)
	e.index.Do(func() {
		e.pos = make(map[*site.Page]int, len(sec.Children))
		for i, p := range sec.Children {
			e.pos[p] = i
		}
	})
	if i, ok := e.pos[child]; ok {
		return i
	}
	return -1
}
