package render

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"
	"time"

	"playbook/internal/site"
)

// A Frame is what pages at one place of the site show alike around their
// own content: the site, the way to its root, its assets and its menu.
// Pages as deep in the same top-level folder share one Frame; the home
// page and the generated pages of the menu, which mark themselves current,
// have their own.
//
// A layout renders a part that reads nothing but the Frame once for all
// the pages sharing it, with the template function cached:
//
//	{{cached "partials/frame-head.html" .Frame}}
//
// is the part's HTML, made at its first call and kept with the Frame. Made
// anew on each page, the head, menus and footer every page repeats were
// an eighth of the allocations of rendering, each a piece of a reflected
// template call.
type Frame struct {
	Site *site.Site
	// Kind is the Kind of the pages of the Frame when a link of the
	// frame marks them current ("home", or that of a generated page of
	// the menu), "" otherwise.
	Kind string
	// Root is the site's root relative to the pages: "../../", or "./".
	Root string
	// Menu is Data.Menu, the same on every page of the Frame.
	Menu []MenuLink
	// Now is the build time, Version the version built (nil without
	// versions), as in Data.
	Now     time.Time
	Version *VersionInfo

	// url stands for the URLs of the pages of the Frame in Rel: a path
	// as deep, in the same top-level folder, through folders no URL has.
	url    string
	assets map[string]string
	words  *words
	// parts holds the HTML of the parts made with cached, by partKey.
	parts sync.Map
}

// A partKey names a part made with cached: the layout it was made in (a
// layout may define a part again) and the part's name.
type partKey struct {
	layout *template.Template
	name   string
}

// Rel returns the URL of url (a path from the site root) relative to the
// pages of the Frame: the same as Data.Rel gives for a URL of the site's
// top level ("tags/", "assets/x.css"), which the parts of a frame link to;
// for a deeper one, a link that works from every page of the Frame,
// through the top-level folder.
func (f *Frame) Rel(url string) string { return site.Rel(f.url, url) }

// Asset returns the URL of a theme asset relative to the pages of the
// Frame, with a fingerprint of its content, as Data.Asset.
func (f *Frame) Asset(name string) (string, error) {
	u, err := assetURL(f.assets, name)
	return f.Rel(u), err
}

// A frameKey tells the Frame of a page from the others: how deep the page
// is, its top-level folder, and its Kind where a link of the frame marks
// the page current.
type frameKey struct {
	depth     int
	top, kind string
}

// menuKind reports whether a link of the menu leads to the pages of kind.
func (r *Renderer) menuKind(kind string) bool {
	for _, l := range r.menu {
		if l.Kind == kind {
			return true
		}
	}
	return false
}

// frame returns the Frame of the page at url, of kind kind, made at the
// first page of it.
func (r *Renderer) frame(url, kind string) *Frame {
	dir := url[:strings.LastIndex(url, "/")+1]
	key := frameKey{depth: strings.Count(dir, "/")}
	key.top, _, _ = strings.Cut(dir, "/")
	if kind == "home" || r.menuKind(kind) {
		key.kind = kind
	}
	if f, ok := r.frames.Load(key); ok {
		return f.(*Frame)
	}
	f := &Frame{Site: r.site, Kind: key.kind, Now: r.opts.Now, Version: r.opts.Version, assets: r.assets, words: r.words}
	if key.depth > 0 {
		// NUL is in no URL: Rel finds no folder below the top-level one
		// in common with a URL of the site.
		f.url = key.top + "/" + strings.Repeat("\x00/", key.depth-1)
	}
	f.Root = f.Rel("")
	f.Menu = make([]MenuLink, len(r.menu))
	for i, l := range r.menu {
		l.Href, l.Current = f.Rel(l.URL), l.Kind == f.Kind
		// Menu titles are the generated pages' own: no error is
		// possible from linkHTML.
		l.HTML, _ = linkHTML(l.Href, l.Title, l.Current)
		l.Plain = l.HTML
		if l.Current {
			l.Plain, _ = linkHTML(l.Href, l.Title, false)
		}
		f.Menu[i] = l
	}
	got, _ := r.frames.LoadOrStore(key, f)
	return got.(*Frame)
}

// errNoFrame is the error of cached called with other data than a Frame.
var errNoFrame = errors.New("cached: the data of a cached part must be .Frame, the same on every page it is kept for")

// cachedFunc returns the template function cached of the layout t: the
// HTML of the template name executed with a Frame, made once per Frame.
func cachedFunc(t *template.Template) func(name string, data any) (template.HTML, error) {
	return func(name string, data any) (template.HTML, error) {
		f, ok := data.(*Frame)
		if !ok || f == nil {
			return "", errNoFrame
		}
		key := partKey{t, name}
		if html, ok := f.parts.Load(key); ok {
			return html.(template.HTML), nil
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, name, f); err != nil {
			return "", err
		}
		html, _ := f.parts.LoadOrStore(key, template.HTML(buf.String()))
		return html.(template.HTML), nil
	}
}
