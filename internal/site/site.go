// Package site loads a playbook: its configuration, its pages and the
// relations between them.
//
// Load takes an fs.FS rooted at the site (the folder holding site.toml and
// content/) and returns a Site: every page with its front matter decoded into
// typed fields, its Markdown parsed, its links rewritten to page URLs, its
// relations resolved both ways, and each promise's chain status computed. It
// works the same on os.DirFS, an fstest.MapFS, or a Git tree, and touches
// neither the network nor the rest of the disk.
//
// Everything wrong with the files comes back as Problems, each naming a file
// and line, all of them, sorted: errors (a page that would be wrong: bad
// front matter, a broken link or anchor, an unknown or duplicate id, a
// missing required field) and warnings (a chain gap, an overdue review). A
// site with errors is still returned, as complete as it could be made, so a
// checker can report everything at once.
//
// # Content
//
// Every folder under content/ is a section; its _index.md (or index.md, or
// README.md) gives its title, intro and weight. Every other Markdown file is
// a page. Front matter is TOML between "+++" lines or YAML between "---"
// lines; a file without it is a plain page titled by its first "# heading".
// A page's id defaults to its file name, its URL is the slugified path of its
// file ("Price Lists/Q3 offer.md" is at "price-lists/q3-offer/"), and its
// type defaults from its section (see Config.Types).
package site

import (
	"cmp"
	"io/fs"
	"slices"
	"sync"
	"time"

	"playbook/internal/deflate"
	"playbook/internal/markdown"
)

// ContentDir is the folder of a site that holds its pages.
const ContentDir = "content"

// Options controls Load.
type Options struct {
	// Drafts includes pages marked draft.
	Drafts bool
	// Now is the time reviews are judged against; zero means time.Now().
	Now time.Time
	// ParseCache, if set, lets the Loads of several versions of a site parse
	// the files they have in common once.
	ParseCache *ParseCache
	// Text keeps the text of every page (markdown.Doc.Text), for comparing
	// versions of the site.
	Text bool
	// Spill, if set, holds the pages' HTML from parse to render instead of
	// memory (see deflate.Spill), and, once the site is loaded, the
	// headings and links of each page's document (see
	// markdown.Converter.Pack): a build of a large site sets it, and keeps
	// it open until its pages are written. A site loaded with a Spill is
	// rendered as it is, not loaded again through a Loader nor patched.
	Spill *deflate.Spill
	// ParseOnly loads the site for its problems alone, as a check does:
	// the pages' Markdown is read for what the checks need and not
	// rendered (see markdown.Options.ParseOnly), which halves the cost of
	// loading. Such a site cannot be rendered.
	ParseOnly bool
	// Words, if set, gives the words a site's pages show that its loading
	// writes, in the site's language, given the site's files and settings
	// (see render.SiteWords). It is asked once, when a section or a
	// page's Markdown first needs it. Without it, or for a word it lacks,
	// the words are English.
	Words func(fsys fs.FS, cfg Config) Words
	// Shortcodes, if set, names the shortcodes the site defines itself,
	// given the site's files and settings (see render.SiteShortcodes):
	// its pages' Markdown records them for the renderer to run (see
	// markdown.Options.Shortcodes). It is asked once a Load, before the
	// pages are read, which read them as written without it.
	Shortcodes func(fsys fs.FS, cfg Config) map[string]markdown.ShortcodeDef
}

// Words are the words of a site's language that its loading writes (see
// Options.Words).
type Words struct {
	// TypeTitles are the plural names of the page types, for the sections
	// a folder named after a type makes without a title of their own
	// ("promises/" is "Versprechen" in a German site); a type it lacks
	// is named as TypeTitles names it.
	TypeTitles map[string]string
	// Markdown are the words the Markdown writes itself: an alert's
	// title (see markdown.Titles).
	Markdown markdown.Titles
}

// Site is a loaded playbook.
type Site struct {
	Config Config
	// Home is the home page, the section of content/ itself.
	Home *Page
	// Pages lists every page, sections included, in reading order: the
	// order of the navigation, depth first, home first.
	Pages []*Page
	// Tags lists the tags used, by name.
	Tags []*Tag
	// Roles lists the roles pages name, by name.
	Roles []*Role
	// Files lists the other files under content/ (images, PDFs), as paths
	// from the site root; each is published at FileURL(path).
	Files []string
	// Markdown renders the pages' Markdown.
	Markdown *markdown.Converter
	// Now is the time the pages' reviews were judged at.
	Now time.Time

	byID   map[string]*Page
	byFile map[string]*Page
	files  map[string]bool
	// roleAliases maps the slug of each spelling [roles] merges to its
	// role's slug.
	roleAliases map[string]string
	// order is the site's collation (see Site.collation).
	orderOnce sync.Once
	order     *collation
}

// A Tag is a tag and the pages carrying it.
type Tag struct {
	Name  string
	URL   string
	Pages []*Page
}

// ByID returns the page with the given id, or nil.
func (s *Site) ByID(id string) *Page {
	if p := s.byID[id]; p != nil {
		return p
	}
	return s.byID[Slug(id)]
}

// Params returns what site.toml's [params] sets, for layouts:
// {{.Site.Params.logo}}, as in Hugo.
func (s *Site) Params() map[string]any { return s.Config.Params }

// ByFile returns the page read from file (a path from the site root), or nil.
func (s *Site) ByFile(file string) *Page { return s.byFile[file] }

// OfType returns the pages of type typ, in reading order.
func (s *Site) OfType(typ string) []*Page {
	var ps []*Page
	for _, p := range s.Pages {
		if p.Type == typ {
			ps = append(ps, p)
		}
	}
	return ps
}

// Promises returns the promises, those with the worst chain status first;
// of one status not connected, those with most resting on them (see
// Stakes: the gap to close first); then those with a channel no sales
// behaviour follows up, then by title: the order of the Alignment page.
func (s *Site) Promises() []*Page {
	ps := s.OfType(TypePromise)
	stakes := make(map[*Page]Stakes, len(ps))
	for _, p := range ps {
		if p.Chain.Status != Connected {
			stakes[p] = s.Stakes(p)
		}
	}
	slices.SortStableFunc(ps, func(a, b *Page) int {
		sa, sb := stakes[a], stakes[b]
		return cmp.Or(cmp.Compare(a.Chain.Status, b.Chain.Status),
			-cmp.Compare(len(sa.Campaigns), len(sb.Campaigns)), -cmp.Compare(sa.Gaps, sb.Gaps), -cmp.Compare(sa.FAQs, sb.FAQs),
			-cmp.Compare(len(a.ChannelGaps()), len(b.ChannelGaps())), compareTitles(a, b))
	})
	return ps
}

// Stakes is what rests on a promise: the campaigns that make it running
// now or starting within [campaigns] warn_before, the competitor gaps it
// answers and the FAQs whose answers cite it. Of promises with a gap,
// the one with most resting on it is the one to mend first.
type Stakes struct {
	Campaigns []*Page
	Gaps      int
	FAQs      int
}

// Stakes returns what rests on promise p at the site's Now.
func (s *Site) Stakes(p *Page) Stakes {
	var st Stakes
	for _, c := range p.Backlinks.Campaigns {
		if s.imminent(c, s.Now) {
			st.Campaigns = append(st.Campaigns, c)
		}
	}
	st.Gaps = len(p.Backlinks.Gaps)
	for _, f := range p.Backlinks.FAQs {
		if f.Type == TypeFAQ && slices.Contains(f.Promises, p) {
			st.FAQs++
		}
	}
	return st
}

// None reports whether nothing rests on the promise.
func (st Stakes) None() bool { return len(st.Campaigns) == 0 && st.Gaps == 0 && st.FAQs == 0 }

// Load reads the site in fsys. It returns the site even when there are
// errors among the problems.
func Load(fsys fs.FS, opts Options) (*Site, Problems) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	// Loaded once: no Loader keeps the pages as read to load them again,
	// so the pages need not be copied for this load to fill in.
	l := load(fsys, opts, nil)
	return l.site, l.ps.list
}
