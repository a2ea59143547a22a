package render

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"playbook/internal/gitrepo"
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
	// Later is true on a page of a split list after the first: it shows
	// the list only, not the page's own text.
	Later bool

	// The fields below are filled in when the page is rendered. They are
	// fields, not methods, because every page reads them, several times:
	// a template looks a method up by name and calls it through
	// reflection at each use, a field costs a fraction of that.

	// Frame is what the page shows alike with the pages around it (see
	// Frame).
	Frame *Frame
	// Menu links the generated pages every page links to, in their order
	// in site.GeneratedPages.
	Menu []MenuLink
	// Root is the site's root relative to this page: .Rel "".
	Root string
	// Now is the build time.
	Now time.Time
	// Version is the version of a versioned build, or nil.
	Version *VersionInfo
	// Switcher links this page to the same page in every version of a
	// versioned build; nil without versions. See Renderer.switcher.
	Switcher []SwitchLink
	// Banner tells the reader of a version other than the latest which
	// version they are reading; nil on the latest version and without
	// versions.
	Banner *VersionBanner
	// HasCode reports whether Content holds highlighted code, so that
	// only such pages load the highlighting stylesheet.
	HasCode bool
	// TOC is the page's second- and third-level headings.
	TOC []markdown.Heading
	// Breadcrumbs are the sections above the page, from the home page
	// down.
	Breadcrumbs []*site.Page
	// Prev and Next are the pages before and after this one in reading
	// order, or nil.
	Prev, Next *site.Page
	// EditURL is the "edit this page" link, or "".
	EditURL string
	// LastChange is the last commit that changed the page's file, or nil.
	LastChange *gitrepo.LastChange
	// Uncommitted reports that the page's file has changes not yet
	// committed, in a build or a preview of the working tree: the page
	// differs from LastChange, if there is one, and nil LastChange means
	// a file never committed.
	Uncommitted bool
	// Mentions are the pages whose text links to this one, by type, but
	// those shown through a relation: .Page.Mentions, worked out once.
	Mentions []site.MentionGroup

	r *Renderer
	// index is the page's place in Site.Pages, or -1.
	index int
	// doc is the page's document, unpacked (see markdown.Converter.Pack)
	// while the page is rendered.
	doc *markdown.Doc
	// rolePromises are, on a role page, the role's promises, made once
	// for all the pages of a split role page: Role.Promises makes the
	// list again at each call. A site edited in place gets a new
	// Renderer when titles, which order the list, change.
	rolePromises []*site.Page
	// roleKeeps are, on a role page, the role's behaviours that keep
	// each of its promises: its card says so.
	roleKeeps map[*site.Page][]*site.Page
}

// Rel returns the URL of url (a path from the site root) relative to this
// page.
func (d *Data) Rel(url string) string { return site.Rel(d.URL, url) }

// Link returns the URL of page p relative to this page.
func (d *Data) Link(p *site.Page) string { return site.Rel(d.URL, p.URL) }

// LinkHTML returns the link to page p, relative to this page, titled
// with its link title: <a href="{{$.Link p}}">{{p.LinkTitle}}</a> in one template
// call rather than the six html/template makes of that, escaped the same.
// A page shows dozens of links.
func (d *Data) LinkHTML(p *site.Page) (template.HTML, error) {
	return linkHTML(site.Rel(d.URL, p.URL), p.LinkTitle(), false)
}

// linkHTML returns <a href="href">title</a>, with aria-current="page" if
// current, as html/template writes it from linkTemplate.
func linkHTML(href, title string, current bool) (template.HTML, error) {
	if !plainURL(href) {
		// html/template's URL filter and normaliser, by itself.
		var b strings.Builder
		err := linkTemplate.Execute(&b, MenuLink{Href: href, Title: title, Current: current})
		return template.HTML(b.String()), err
	}
	if current {
		return template.HTML(`<a href="` + href + `" aria-current="page">` + escapeText(title) + `</a>`), nil
	}
	return template.HTML(`<a href="` + href + `">` + escapeText(title) + `</a>`), nil
}

// linkTemplate is linkHTML's markup, for a URL html/template changes.
var linkTemplate = template.Must(template.New("link").Parse(`<a href="{{.Href}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a>`))

// BriefingHeading returns the heading of the campaign's own page that
// briefs the front line, when its "briefing" names one ("#briefing"),
// or nil.
func (d *Data) BriefingHeading() *markdown.Heading {
	if d.Page == nil || d.Page.Campaign.BriefingSection == "" || d.doc == nil {
		return nil
	}
	for i := range d.doc.Headings {
		if h := &d.doc.Headings[i]; h.ID == d.Page.Campaign.BriefingSection {
			return h
		}
	}
	return nil
}

// TOCHTML returns the entries of the table of contents, TOC, as the
// default theme lists them: one call for what a range over TOC makes
// with four per heading.
func (d *Data) TOCHTML() (template.HTML, error) {
	var b strings.Builder
	for _, h := range d.TOC {
		if !plainURL(h.ID) || strings.IndexByte(h.ID, '/') >= 0 {
			// An id html/template escapes in a fragment: by itself.
			if err := tocTemplate.Execute(&b, h); err != nil {
				return "", err
			}
			continue
		}
		b.WriteString(`<li class="toc-h`)
		b.WriteString(strconv.Itoa(int(h.Level)))
		b.WriteString(`"><a href="#`)
		b.WriteString(h.ID)
		b.WriteString(`">`)
		b.WriteString(escapeText(h.Text))
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String()), nil
}

// tocTemplate is an entry of TOCHTML, for an id html/template changes.
var tocTemplate = template.Must(template.New("toc").Parse(`<li class="toc-h{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>`))

// plainURL reports whether html/template writes url into an href as it
// is: a relative path of letters, digits and "-._~/".
func plainURL(url string) bool {
	for i := 0; i < len(url); i++ {
		c := url[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0) {
			return false
		}
	}
	return true
}

// escapeText escapes s as html/template escapes text between tags: it
// replaces the same characters ("+" too, which template.HTMLEscapeString
// keeps) with the same entities.
func escapeText(s string) string {
	i := strings.IndexAny(s, "\x00\"&'+<>")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// TagLink returns the URL of the page of a tag, named as a page names it,
// relative to this page: one call for what printf, slug and Rel make.
func (d *Data) TagLink(name string) string { return site.Rel(d.URL, "tags/"+site.Slug(name)+"/") }

// TagsHTML returns the links to the pages of tags, named as a page names
// them, as the default theme lists them: one call for what a range over
// the names makes with five per tag.
func (d *Data) TagsHTML(names []string) (template.HTML, error) {
	var b strings.Builder
	for _, name := range names {
		href := d.TagLink(name)
		if !plainURL(href) {
			if err := tagTemplate.Execute(&b, [2]string{href, name}); err != nil {
				return "", err
			}
			continue
		}
		b.WriteString(`<a class="tag" href="`)
		b.WriteString(href)
		b.WriteString(`">`)
		b.WriteString(escapeText(name))
		b.WriteString(`</a>`)
	}
	return template.HTML(b.String()), nil
}

// tagTemplate is a link of TagsHTML, for a URL html/template changes.
var tagTemplate = template.Must(template.New("tag").Parse(`<a class="tag" href="{{index . 0}}">{{index . 1}}</a>`))

// ItemsHTML returns the items of a list of linked pages as the default
// theme shows a page's relations and mentions (partials/links.html,
// partials/mentions.html): each a link to the page and its description.
// One call for what a range over the pages makes with six an item.
func (d *Data) ItemsHTML(pages []*site.Page) (template.HTML, error) {
	// An item of the generated playbook is 200-250 bytes.
	return d.linkedHTML(pages, 256, (*site.Page).LinkTitle, func(b *strings.Builder, p *site.Page, link template.HTML) error {
		b.WriteString("<li>" + string(link))
		if p.Type == site.TypeCampaign {
			b.WriteByte(' ')
			d.words().campaignBadges(b, p, d.Now)
		}
		if p.Type == site.TypePromise && p.Chain.Status != site.Connected {
			// An answer or a campaign resting on a promise the front
			// line does not keep says so where it is cited.
			b.WriteString(` <span class="badge badge-` + p.Chain.Status.Class() + `">` + escapeText(d.words().word(p.Chain.Status.Key(), 0)) + `</span>`)
		}
		if p.Description != "" {
			b.WriteString(` <span class="muted">— ` + escapeText(p.Description) + `</span>`)
		}
		b.WriteString("</li>")
		return nil
	})
}

// campaignBadges writes the badges of campaign p at now: its state, and,
// while it is not over, whether the front line is not ready for it.
func (w *words) campaignBadges(b *strings.Builder, p *site.Page, now time.Time) {
	state := p.CampaignState(now)
	b.WriteString(`<span class="badge badge-` + escapeText(state) + `">` + escapeText(w.word("campaign_"+state, 0)) + `</span>`)
	if state != site.CampaignEnded && !p.Readiness().Ready {
		b.WriteString(` <span class="badge badge-not-ready">` + escapeText(w.word("front_line_not_ready", 0)) + `</span>`)
	}
}

// CampaignsInOrder returns the campaigns of pages as a reader wants them:
// those running first, the soonest to end first and those with no end
// last; then those to come, the soonest first; then those over, the
// latest first.
func (d *Data) CampaignsInOrder(pages []*site.Page) []*site.Page {
	rank := map[string]int{site.CampaignLive: 0, site.CampaignUpcoming: 1, site.CampaignEnded: 2}
	out := slices.Clone(pages)
	slices.SortStableFunc(out, func(a, b *site.Page) int {
		ra, rb := rank[a.CampaignState(d.Now)], rank[b.CampaignState(d.Now)]
		switch {
		case ra != rb:
			return cmp.Compare(ra, rb)
		case ra == 0 && a.Ends.IsZero() != b.Ends.IsZero():
			return cmp.Compare(btoi(a.Ends.IsZero()), btoi(b.Ends.IsZero()))
		case ra == 0:
			return a.Ends.Compare(b.Ends)
		case ra == 1:
			return a.Starts.Compare(b.Starts)
		}
		return b.Ends.Compare(a.Ends)
	})
	return out
}

// CardsHTML returns the cards of pages as the default theme lists them
// (partials/pagelist.html): each a link to the page, its type's name in
// a list of several types, the badges of a promise's chain, a campaign's
// state (live, upcoming, ended), a behaviour's stage and a section's page
// count, and the page's description. One call for what a range over the
// pages makes with a dozen a card: the twenty cards of a list were most
// of the time spent on a tag's or a role's page.
func (d *Data) CardsHTML(pages []*site.Page) (template.HTML, error) {
	mixed := mixedTypes(pages)
	w := d.words()
	// A card of the generated playbook is 250-300 bytes.
	// A card names its page as the page does, by its whole title.
	return d.linkedHTML(pages, 320, func(p *site.Page) string { return p.Title }, func(b *strings.Builder, p *site.Page, link template.HTML) error {
		promise := p.IsPromise()
		class := escapeText(p.Chain.Status.Class())
		b.WriteString("\n<li class=\"card")
		if promise {
			b.WriteString(" card-" + class)
		}
		b.WriteString("\">\n  " + string(link) + "\n  ")
		if mixed && !p.IsSection {
			b.WriteString(`<span class="badge badge-type">` + escapeText(w.typeName(p.Type)) + `</span> `)
		}
		if promise {
			b.WriteString(`<span class="badge badge-` + class + `">` + escapeText(w.word(p.Chain.Status.Key(), 0)) + `</span>`)
		}
		if p.Type == site.TypeCampaign {
			d.words().campaignBadges(b, p, d.Now)
		}
		b.WriteString("\n  ")
		if stage := p.Behaviour.Stage; stage != "" {
			b.WriteString(`<span class="badge badge-stage">` + escapeText(w.stageName(stage)) + `</span>`)
		}
		b.WriteString("\n  ")
		if p.IsSection {
			n := p.PageCount()
			b.WriteString(`<span class="badge">` + escapeText(w.word("section_pages", n)) + `</span>`)
		}
		b.WriteString("\n  ")
		if p.Description != "" {
			b.WriteString("<p>" + escapeText(p.Description) + "</p>")
		}
		if keeps := d.roleKeeps[p]; promise && len(keeps) > 0 {
			b.WriteString("\n  <p class=\"card-keeps\"><span class=\"muted\">" + escapeText(w.word("your_part", 0)) + "</span> ")
			for i, k := range keeps {
				if i > 0 {
					b.WriteString(" · ")
				}
				link, err := d.LinkHTML(k)
				if err != nil {
					return err
				}
				b.WriteString(string(link))
			}
			b.WriteString("</p>")
		}
		b.WriteString("\n</li>")
		return nil
	})
}

// mixedTypes reports whether pages, sections aside, are of more than one
// type, as a tag's are: their cards then name each page's type.
func mixedTypes(pages []*site.Page) bool {
	typ := ""
	for _, p := range pages {
		switch {
		case p.IsSection:
		case typ == "":
			typ = p.Type
		case p.Type != typ:
			return true
		}
	}
	return false
}

// linkedHTML returns the HTML item writes for each of pages, given the
// page's link titled by title, in one string grown for size bytes a page.
func (d *Data) linkedHTML(pages []*site.Page, size int, title func(*site.Page) string, item func(b *strings.Builder, p *site.Page, link template.HTML) error) (template.HTML, error) {
	var b strings.Builder
	b.Grow(len(pages) * size)
	for _, p := range pages {
		link, err := linkHTML(site.Rel(d.URL, p.URL), title(p), false)
		if err != nil {
			return "", err
		}
		if err := item(&b, p, link); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}

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
	// Href is URL relative to the page shown.
	Href string
	// Current marks the link to the page shown.
	Current bool
	// HTML is the link as the top bar shows it, with aria-current on
	// the page shown; Plain the link alone. A link made in a layout is
	// several template calls; the menu is on every page, twice.
	HTML, Plain template.HTML
}

// Asset returns the URL of a theme asset ("assets/playbook.css") relative
// to this page, with a fingerprint of its content; an error if the theme
// and the site's static/ have no such file, a link that would lead
// nowhere.
func (d *Data) Asset(name string) (string, error) {
	u, err := assetURL(d.r.assets, name)
	return d.Rel(u), err
}

// AssetURL returns the URL of the theme asset name from the site root,
// with a fingerprint of its content; an error if there is none such.
func (r *Renderer) AssetURL(name string) (string, error) { return assetURL(r.assets, name) }

// assetURL returns the URL of the theme asset name from the site root,
// fingerprinted; an error if it is none of assets.
func assetURL(assets map[string]string, name string) (string, error) {
	if a, ok := assets[name]; ok {
		return a, nil
	}
	near := ""
	best := 0
	for known := range assets {
		if d, ok := site.Near(name, known); ok && (near == "" || d < best || d == best && known < near) {
			near, best = known, d
		}
	}
	if near != "" {
		return name, fmt.Errorf("asset %q: no such file in static/ of the theme or the site: did you mean %q?", name, near)
	}
	return name, fmt.Errorf("asset %q: no such file in static/ of the theme or the site", name)
}

// TypeName returns the singular name of a page type in the site's
// language: "Promise".
func (d *Data) TypeName(typ string) string { return d.words().typeName(typ) }

// TypeTitle returns the plural name of a page type in the site's
// language: "Promises"; of "" or "section", "Sections".
func (d *Data) TypeTitle(typ string) string { return d.words().typeTitle(typ) }

// StageName returns the name of a behaviour's stage in the site's
// language: "sales".
func (d *Data) StageName(stage string) string { return d.words().stageName(stage) }

// CampaignStateName returns CampaignState in the site's language.
func (d *Data) CampaignStateName(p *site.Page) string {
	return d.words().word("campaign_"+p.CampaignState(d.Now), 0)
}

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
			out = append(out, TypeCount{Type: t, Title: d.TypeTitle(t), Count: n[t]})
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
func (d *Data) CampaignState(p *site.Page) string { return p.CampaignState(d.Now) }

// DateFormat is how pages show a date: 2 Jan 2006.
const DateFormat = "2 Jan 2006"

// funcs are the functions of layouts. T, date, datetime, every, field and
// fields are bound to the site's language when a theme's layouts are
// parsed (see words.funcs); these are their English ones.
var funcs = template.FuncMap{
	"T":        englishWords.T,
	"date":     englishWords.date,
	"datetime": englishWords.datetime,
	"every":    englishWords.every,
	"field":    englishWords.field,
	"fields":   englishWords.fields,
	// code and strong mark text up, for a value of T: the text escaped,
	// the element's class the second argument if any.
	"code": markup("code"),
	// attr writes an attribute whose value is HTML that T made: as it
	// is, quotes escaped, where html/template escapes apostrophes too:
	// {{attr "aria-label" (T "role_lists")}}.
	"attr": func(name string, value template.HTML) (template.HTMLAttr, error) {
		if !attrName.MatchString(name) {
			return "", fmt.Errorf("attr: %q is not an attribute name", name)
		}
		return template.HTMLAttr(name + `="` + strings.ReplaceAll(string(value), `"`, "&#34;") + `"`), nil
	},
	"strong": markup("strong"),
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return "" // never reviewed, say: no year 1
		}
		return t.Format(time.DateOnly)
	},
	"join":  strings.Join,
	"slug":  site.Slug,
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
	// default returns value, or def where value is empty, as Hugo's:
	// {{.Site.Params.tagline | default "Our playbook"}}.
	"default": func(def, value any) any {
		if truth, ok := template.IsTrue(value); !ok || !truth {
			return def
		}
		return value
	},
	// list builds the argument list of a partial that takes several;
	// dict names them: {{template "partials/x.html" dict "page" .Page "wide" true}}.
	"list": func(xs ...any) []any { return xs },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict: want keys and values in pairs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not text", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	// cached is bound to each layout when it is parsed (see cachedFunc);
	// this one only names it for the parse.
	"cached": func(string, any) (template.HTML, error) { return "", errors.New("cached: no layout") },
}

// attrName matches the names attr writes.
var attrName = regexp.MustCompile(`^(aria-[a-z]+|title|alt|placeholder|data-[a-z-]+)$`)

// markup returns the function that writes text in an element of tag,
// of the class given second if any: {{code .Commit "version-commit"}}.
func markup(tag string) func(text string, class ...string) template.HTML {
	return func(text string, class ...string) template.HTML {
		open := "<" + tag + ">"
		if len(class) > 0 {
			open = "<" + tag + ` class="` + escapeText(strings.Join(class, " ")) + `">`
		}
		return template.HTML(open + escapeText(text) + "</" + tag + ">")
	}
}

// every is how often an interval comes round in English; see
// words.every.
func every(i site.Interval) string { return englishWords.every(i) }

// menuLinks returns the links to the generated pages every page links to, in
// their order in site.GeneratedPages.
func (r *Renderer) menuLinks() []MenuLink {
	var links []MenuLink
	for _, g := range site.GeneratedPages {
		if g.Menu && r.generates(g) {
			links = append(links, MenuLink{Title: r.generatedTitle(g, ""), URL: g.URL, Kind: g.Kind})
		}
	}
	return links
}

// fill sets the fields of d that are worked out per rendering, from its
// Page, Content and place in reading order.
func (r *Renderer) fill(d *Data) {
	d.Now, d.Version = r.opts.Now, r.opts.Version
	d.Frame = r.frame(d.URL, d.Kind)
	d.Root, d.Menu = d.Frame.Root, d.Frame.Menu
	if d.Version != nil {
		d.Switcher = r.switcher(d)
		d.Banner = banner(d.Version, d.Switcher)
	}
	if d.index > 0 {
		d.Prev = d.Site.Pages[d.index-1]
	}
	if d.index >= 0 && d.index+1 < len(d.Site.Pages) {
		d.Next = d.Site.Pages[d.index+1]
	}
	p := d.Page
	if p == nil {
		// Shared by every generated page: layouts only read it.
		d.Breadcrumbs = r.crumbs
		return
	}
	d.Breadcrumbs = p.Ancestors()
	d.Mentions = p.Mentions()
	if doc := d.doc; doc != nil {
		n := 0
		for _, h := range doc.Headings {
			if inTOC(h) {
				n++
			}
		}
		if n > 0 {
			// One allocation, not one per doubling.
			d.TOC = make([]markdown.Heading, 0, n)
			for _, h := range doc.Headings {
				if inTOC(h) {
					d.TOC = append(d.TOC, h)
				}
			}
		}
	}
	if edit := d.Site.Config.EditURL; edit != "" && (strings.HasSuffix(p.File, ".md") || strings.HasSuffix(p.File, ".markdown")) {
		d.EditURL = strings.ReplaceAll(edit, "{path}", p.File)
	}
	if c, ok := r.opts.LastChange[p.File]; ok {
		d.LastChange = &c
	}
	d.Uncommitted = r.opts.Uncommitted[p.File]
}

// inTOC reports whether a heading is listed in the table of contents.
func inTOC(h markdown.Heading) bool { return (h.Level == 2 || h.Level == 3) && h.ID != "" }

// CampaignsNow are the campaigns customers will call about
// (site.Site.CurrentCampaigns) as the home page lists them: the first
// [pagination] size, so that the page stays small however many there are.
type CampaignsNow struct {
	Shown []*site.Page
	// More counts the campaigns left out; Section, when every campaign
	// is in the one section, is where the reader finds them.
	More    int
	Section *site.Page
}

// CampaignsNow returns the campaigns of the home page's "This week".
func (d *Data) CampaignsNow() CampaignsNow {
	all := d.Site.CurrentCampaigns()
	n := min(len(all), d.Site.Config.Pagination.PageSize())
	c := CampaignsNow{Shown: all[:n], More: len(all) - n}
	if c.More > 0 {
		c.Section = all[0].Parent
		for _, p := range all {
			if p.Parent != c.Section {
				c.Section = nil
				break
			}
		}
	}
	return c
}
