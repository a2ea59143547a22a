package render

import (
	"html/template"
	"strings"
	"time"

	"playbook/internal/markdown"
	"playbook/internal/site"
)

// Data is what a layout is executed with: one page of the site.
type Data struct {
	Site *site.Site
	// Page is the page rendered; nil on generated pages.
	Page *site.Page
	// Title is the page title.
	Title string
	// URL is the page's path from the site root ("promises/x/").
	URL string
	// Kind is "home", "section", "page", "alignment", "tags", "tag" or "404".
	Kind string
	// Content is the page's Markdown body as HTML.
	Content template.HTML
	// Tag is the tag of a tag page.
	Tag *site.Tag

	r *Renderer
	// index is the page's place in Site.Pages, or -1.
	index int
}

// Rel returns the URL of url (a path from the site root) relative to this
// page.
func (d *Data) Rel(url string) string { return site.Rel(d.URL, url) }

// Link returns the URL of page p relative to this page.
func (d *Data) Link(p *site.Page) string { return site.Rel(d.URL, p.URL) }

// Asset returns the URL of a theme asset ("assets/playbook.css") relative
// to this page, with a fingerprint of its content.
func (d *Data) Asset(name string) string {
	if a, ok := d.r.assets[name]; ok {
		return d.Rel(a)
	}
	return d.Rel(name)
}

// Now returns the build time.
func (d *Data) Now() time.Time { return d.r.opts.Now }

// TOC returns the page's second- and third-level headings.
func (d *Data) TOC() []markdown.Heading {
	if d.Page == nil || d.Page.Doc == nil {
		return nil
	}
	var hs []markdown.Heading
	for _, h := range d.Page.Doc.Headings {
		if (h.Level == 2 || h.Level == 3) && h.ID != "" {
			hs = append(hs, h)
		}
	}
	return hs
}

// Breadcrumbs returns the sections above the page, from the home page down.
func (d *Data) Breadcrumbs() []*site.Page {
	if d.Page == nil {
		return []*site.Page{d.Site.Home}
	}
	return d.Page.Ancestors()
}

// Prev returns the page before this one in reading order, or nil.
func (d *Data) Prev() *site.Page {
	if d.index <= 0 {
		return nil
	}
	return d.Site.Pages[d.index-1]
}

// Next returns the page after this one in reading order, or nil.
func (d *Data) Next() *site.Page {
	if d.index < 0 || d.index+1 >= len(d.Site.Pages) {
		return nil
	}
	return d.Site.Pages[d.index+1]
}

// A NavItem is an entry of the navigation tree. Its fields are worked out
// in Go rather than in the layout: the navigation is the largest part of
// most pages, and template method calls are slow.
type NavItem struct {
	Title string
	// Href is the page's URL relative to the page shown.
	Href string
	// Class is "nav-section" or "nav-page", plus "open" for the page shown
	// and the sections above it.
	Class string
	// Status is a promise's chain status ("sales gap"), and StatusClass
	// the same as a CSS class; both empty for other pages.
	Status, StatusClass string
	// Current marks the page shown.
	Current bool
	// Children are shown for open sections only, which keeps every page
	// small on a site of thousands of pages.
	Children []NavItem
}

// Nav returns the navigation tree: the home page's children, with the
// sections leading to this page opened.
func (d *Data) Nav() []NavItem {
	open := map[*site.Page]bool{}
	if d.Page != nil {
		for p := d.Page; p != nil; p = p.Parent {
			open[p] = true
		}
	}
	var items func(ps []*site.Page) []NavItem
	items = func(ps []*site.Page) []NavItem {
		out := make([]NavItem, len(ps))
		for i, p := range ps {
			it := NavItem{Title: p.Title, Href: d.Link(p), Class: "nav-page", Current: p == d.Page}
			if p.IsSection {
				it.Class = "nav-section"
			}
			if open[p] {
				it.Class += " open"
				if p.IsSection {
					it.Children = items(p.Children)
				}
			}
			if p.IsPromise() {
				it.Status, it.StatusClass = p.Chain.Status.String(), p.Chain.Status.Class()
			}
			out[i] = it
		}
		return out
	}
	return items(d.Site.Home.Children)
}

// EditURL returns the "edit this page" link, or "".
func (d *Data) EditURL() string {
	if d.Page == nil || d.Site.Config.EditURL == "" || !strings.HasSuffix(d.Page.File, ".md") && !strings.HasSuffix(d.Page.File, ".markdown") {
		return ""
	}
	return strings.ReplaceAll(d.Site.Config.EditURL, "{path}", d.Page.File)
}

// TypeName returns the singular name of a page type: "Promise".
func (d *Data) TypeName(typ string) string { return site.TypeNames[typ] }

// TypeTitle returns the plural title of a page type: "Promises".
func (d *Data) TypeTitle(typ string) string { return site.TypeTitles[typ] }

// ChainCounts returns how many promises have each chain status, worst first.
func (d *Data) ChainCounts() []StatusCount {
	counts := make([]StatusCount, site.Connected+1)
	for i := range counts {
		counts[i].Status = site.ChainStatus(i)
	}
	for _, p := range d.Site.OfType(site.TypePromise) {
		counts[p.Chain.Status].Count++
	}
	return counts
}

// A StatusCount is the number of promises with a chain status.
type StatusCount struct {
	Status site.ChainStatus
	Count  int
}

// TypeCounts returns the number of pages of each type that has any.
func (d *Data) TypeCounts() []TypeCount {
	n := map[string]int{}
	for _, p := range d.Site.Pages {
		n[p.Type]++
	}
	var out []TypeCount
	for _, t := range site.Types {
		if n[t] > 0 {
			out = append(out, TypeCount{Type: t, Title: site.TypeTitles[t], Count: n[t]})
		}
	}
	return out
}

// A TypeCount is the number of pages of a type.
type TypeCount struct {
	Type, Title string
	Count       int
}

// CampaignState says whether a campaign is "upcoming", "running" or
// "ended" at build time.
func (d *Data) CampaignState(p *site.Page) string {
	now := d.Now()
	switch {
	case now.Before(p.Starts):
		return "upcoming"
	case !p.Ends.IsZero() && now.After(p.Ends.AddDate(0, 0, 1)):
		return "ended"
	}
	return "running"
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2 Jan 2006")
	},
	"isodate": func(t time.Time) string { return t.Format(time.DateOnly) },
	"join":    strings.Join,
	"slug":    site.Slug,
	// list builds the argument list of a partial that takes several.
	"list": func(xs ...any) []any { return xs },
}
