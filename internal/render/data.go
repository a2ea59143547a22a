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
	// Kind is "home", "section", "page", or the Kind of a generated page
	// ("alignment", "tags", "tag", "404", ...; see site.GeneratedPages).
	Kind string
	// Content is the page's Markdown body as HTML.
	Content template.HTML
	// Tag is the tag of a tag page.
	Tag *site.Tag
	// Role is the role of a role page.
	Role *site.Role
	// Redirect is, on the page left at an alias, the URL of the page it
	// leads to.
	Redirect string
	// Paginator is, on a page of a list split over several pages, where
	// the page stands among them; nil otherwise.
	Paginator *Paginator
	// Alignment is, on a page of an Alignment split over several, what
	// the page shows; nil otherwise.
	Alignment *AlignmentPart

	r *Renderer
	// index is the page's place in Site.Pages, or -1.
	index int
}

// Rel returns the URL of url (a path from the site root) relative to this
// page.
func (d *Data) Rel(url string) string { return site.Rel(d.URL, url) }

// Link returns the URL of page p relative to this page.
func (d *Data) Link(p *site.Page) string { return site.Rel(d.URL, p.URL) }

// NotFoundSettings is what the script of the 404 page
// (layouts/partials/notfound.js) is told of the site. A static host shows
// 404.html at whatever path was asked for, where its relative links no
// longer reach the site; the script finds the site's root from the path
// and these.
type NotFoundSettings struct {
	// Sections are the site's top-level folders, generated ones included.
	Sections []string
	// Versions names every version of a versioned build, "latest" first;
	// empty otherwise.
	Versions []string
	// Self is the name of this page's version, or "".
	Self string
}

// NotFound returns the settings of the 404 page's script.
func (d *Data) NotFound() NotFoundSettings {
	var sections []string
	seen := map[string]bool{}
	for _, g := range site.GeneratedPages {
		top, _, _ := strings.Cut(g.URL, "/")
		if g.IsFolder() && !seen[top] {
			seen[top] = true
			sections = append(sections, top)
		}
	}
	sections = append(sections, "assets")
	for _, p := range d.Site.Pages {
		top, _, _ := strings.Cut(p.URL, "/")
		if top != "" && !seen[top] {
			seen[top] = true
			sections = append(sections, top)
		}
	}
	// Empty, not nil: the script reads a list either way.
	versions, self := []string{}, ""
	if v := d.r.opts.Version; v != nil {
		versions, self = append(versions, "latest"), v.Name
		for _, o := range v.All {
			versions = append(versions, o.Name)
		}
	}
	return NotFoundSettings{Sections: sections, Versions: versions, Self: self}
}

// A MenuLink is a link of the site's menu to a generated page.
type MenuLink struct {
	Title string
	// URL is the page's URL from the site root; see Data.Rel.
	URL string
	// Kind is the page's Kind: the link to the page shown has the Kind of
	// the page.
	Kind string
}

// Menu returns the links to the generated pages every page links to, in
// their order in site.GeneratedPages.
func (d *Data) Menu() []MenuLink {
	var links []MenuLink
	for _, g := range site.GeneratedPages {
		if g.Menu && d.r.generates(g) {
			links = append(links, MenuLink{Title: g.Title, URL: g.URL, Kind: g.Kind})
		}
	}
	return links
}

// Asset returns the URL of a theme asset ("assets/playbook.css") relative
// to this page, with a fingerprint of its content.
func (d *Data) Asset(name string) string {
	if a, ok := d.r.assets[name]; ok {
		return d.Rel(a)
	}
	return d.Rel(name)
}

// HasCode reports whether the page's content holds highlighted code, so
// that only such pages load the highlighting stylesheet.
func (d *Data) HasCode() bool {
	return strings.Contains(string(d.Content), `<pre tabindex="0" class="chroma"`)
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

// EditURL returns the "edit this page" link, or "".
func (d *Data) EditURL() string {
	if d.Page == nil || d.Site.Config.EditURL == "" || !strings.HasSuffix(d.Page.File, ".md") && !strings.HasSuffix(d.Page.File, ".markdown") {
		return ""
	}
	return strings.ReplaceAll(d.Site.Config.EditURL, "{path}", d.Page.File)
}

// TypeName returns the singular name of a page type: "Promise".
func (d *Data) TypeName(typ string) string { return site.TypeNames[typ] }

// TypeTitle returns the plural name of a page type: "Promises".
func (d *Data) TypeTitle(typ string) string { return site.TypeTitles[typ] }

// Review returns where the site's pages stand with their reviews, for the
// Review page.
func (d *Data) Review() *site.ReviewStatus { return d.Site.ReviewStatus() }

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

// Roles returns the roles page p names: its roles, or an FAQ's audience.
func (d *Data) Roles(p *site.Page) []string { return site.PageRoles(p) }

// CampaignState says whether a campaign is "upcoming", "live" or "ended"
// at build time.
func (d *Data) CampaignState(p *site.Page) string { return p.CampaignState(d.Now()) }

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
