// Package render turns a loaded site into HTML.
//
// A theme is an fs.FS holding layouts/ (html/template files) and static/
// (files copied to the site root as they are). Theme layers a site's own
// layouts/ and static/ over a theme folder and over the default theme built
// into playbook, file by file, so a site overrides only what it needs.
//
// Layouts: base.html is the skeleton of every page and calls the "main"
// template, which each page layout defines. A page is rendered with the
// layout named after its type (promise.html, behaviour.html, ...), falling
// back to page.html; sections use section.html, the home page home.html,
// and each page of site.GeneratedPages the layout named after its kind
// (alignment.html, tags.html, tag.html, 404.html, changes.html).
// redirect.html (the page left at an alias) and versions.html (the root
// page of a versioned build) are whole pages, not executed inside base.html.
// Files under layouts/partials/ are shared by all layouts and called by
// their path ({{template "partials/meta.html" .}}). Every layout is executed
// with a *Data.
//
// Shortcodes: each file layouts/shortcodes/NAME.html is the template of
// the site's own shortcode NAME, as in Hugo, and one in a folder,
// layouts/shortcodes/DIR/NAME.html, of DIR/NAME; SiteShortcodes names them
// for site.Options.Shortcodes, so that a page's Markdown records each
// use as a markdown.Call. A page's body is rendered with
// markdown.Converter.RenderWith, which hands each call, with the HTML of
// its inner text, to the template, executed with a *Shortcode (.Get,
// .Inner, .Page, .Parent, ...) beside the partials and the layouts' functions and
// markdownify; its output goes into the page as written. A template
// failing is an error at the page's line of the call, naming the
// template's place; Check runs them on every page, their inner texts
// left out. A call in a heading is also run while the page is read, with
// the site's settings and no page, for the heading's text and id to be
// its output's (see callTexts). playbook runs the Learn theme's children itself where the
// site has no template of that name. A body that used shortcodes is not
// kept in a BodyCache: it depends on the templates and on other pages.
//
// Render writes every page, the generated pages, redirects for aliases, the
// theme's static files, the highlighting stylesheet and the files under
// content/ to an Output, on all cores. Every URL in the output is relative,
// so the site works from any sub-path of a host and opened from disk.
package render

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"playbook/internal/gitrepo"
	"playbook/internal/markdown"
	"playbook/internal/site"
)

// Options controls a Renderer.
type Options struct {
	// Source is the site's folder, for the files under content/ that are
	// published as they are.
	Source fs.FS
	// Theme holds layouts/ and static/; see Theme.
	Theme fs.FS
	// Now is the build time shown on pages; zero means time.Now().
	Now time.Time
	// LastChange gives the last commit that changed each page's file (a
	// path from the site root), when the site is in a Git repository.
	LastChange map[string]gitrepo.LastChange
	// Uncommitted holds the page files whose content in the working tree
	// differs from the commit LastChange was read at: edited and not
	// committed, or not committed at all. Only a build or a preview of
	// the working tree sets it; a version read from a commit is that
	// commit.
	Uncommitted map[string]bool
	// Version, if set, is the version this site is of, in a versioned
	// build: pages show it and a switcher, and a What changed page is added.
	Version *VersionInfo
	// Bodies, if set, keeps the HTML of pages' Markdown from one Renderer
	// to the next, so that only changed pages are rendered again.
	Bodies *BodyCache
	// Preview marks a site served by a preview, which tells its pages
	// when the search index changed (see live.js): pages name no
	// version of it (see Data.SearchVersion), and a page the preview did
	// not render again is the same as one it did.
	Preview bool
}

// A Renderer renders one loaded site.
type Renderer struct {
	site    *site.Site
	opts    Options
	layouts map[string]*template.Template
	// assets maps an asset's URL to its URL with a fingerprint, so that a
	// browser never keeps a stale stylesheet.
	assets map[string]string
	static map[string][]byte
	// refused joins the problems of the static files not read (a link
	// leading out of the site, a name playbook keeps for itself): each is
	// told, with the files a page is published over (see Shadowed).
	refused error
	// dry renders pages without their Markdown's HTML (see Check).
	dry bool
	// unused are the layout files no page is rendered with (Warnings).
	unused []unusedLayout
	// files maps the name of every file but the static ones to its job.
	files map[string]job
	nav   navCache
	// search is the site's search index, made when first asked for.
	search *searchIndex
	// promises reports whether the site has promises; see generates.
	promises bool
	// menu is every page's Data.Menu, its links' Href and HTML left out
	// (see frame).
	menu []MenuLink
	// frames holds the Frames of the pages rendered, by frameKey.
	frames sync.Map
	// crumbs are the breadcrumbs of a generated page: the home page.
	crumbs []*site.Page
	// words are the site's words in its language, which the layouts
	// were parsed with (see words.funcs).
	words *words
	// shortcodes are the templates of the site's own shortcodes, nil if
	// it has none.
	shortcodes *shortcodeSet
}

// New parses the theme's layouts and prepares its assets for s. A static
// file refused (a link outside static/) fails it, but for a preview
// (Options.Preview), which is made without the file, to tell it beside the
// pages: see Refused.
func New(s *site.Site, opts Options) (*Renderer, error) {
	if s.Markdown != nil && s.Markdown.ParseOnly() {
		return nil, errors.New("render: the site was loaded for its problems alone (site.Options.ParseOnly): its pages have no HTML")
	}
	r, err := prepare(s, opts)
	if err != nil {
		return nil, err
	}
	if ps := r.staticProblems(); len(ps) > 0 && !(opts.Preview && len(r.Shadowed()) == 0) {
		errs := make([]error, len(ps))
		for i, p := range ps {
			errs[i] = &site.ProblemError{Problem: p}
		}
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// Refused returns the problems of the static files not read, for a
// preview, which is made without them (see New); nil where there are none.
func (r *Renderer) Refused() site.Problems {
	if r.refused == nil {
		return nil
	}
	return site.ProblemsOf(r.refused)
}

// staticProblems returns the problems of the static files: those not
// read, and those a file of the site is published over, sorted.
func (r *Renderer) staticProblems() site.Problems {
	var ps site.Problems
	if r.refused != nil {
		ps = site.ProblemsOf(r.refused)
	}
	ps = append(ps, r.Shadowed()...)
	ps.Sort()
	return ps
}

// Check returns the problems a build of s with opts meets in its theme: a
// layout that does not parse or is missing, a static file refused, static
// files a file of the site is published over, and a layout that fails on
// a file it renders (a field some pages lack). Files are rendered without
// their Markdown's HTML, so a site loaded with site.Options.ParseOnly, as
// playbook check loads it, may be checked. With the built-in layouts
// alone, which the project's own tests render on pages of every kind,
// the first file of each layout is rendered; when the site or its theme
// folder has layouts of its own, every file is, on all cores, and each
// place in a layout that fails is reported once, at the first file it
// fails on.
func Check(s *site.Site, opts Options) site.Problems {
	r, err := prepare(s, opts)
	if err != nil {
		return site.ProblemsOf(err)
	}
	if ps := r.staticProblems(); len(ps) > 0 {
		return ps
	}
	r.dry = true
	warnings := r.Warnings()
	if ownLayouts(opts.Theme) {
		return append(r.checkEveryFile(), warnings...)
	}
	if err := r.CheckLayouts(); err != nil {
		return append(site.Problems{site.ProblemOf(err)}, warnings...)
	}
	return warnings
}

// checkEveryFile renders every file of the site but static files, files
// under content/ and the search index, and returns a problem for each
// place in the layouts that fails, at the first file in the order of
// Names it fails on, with the count of the others.
func (r *Renderer) checkEveryFile() site.Problems {
	names := slices.DeleteFunc(r.Names(), func(name string) bool {
		_, ok := r.rendered(name)
		return !ok
	})
	errs := make([]error, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				buf.Reset()
				errs[i] = r.renderJob(&buf, names[i], r.files[names[i]])
			}
		})
	}
	wg.Wait()
	type place struct {
		file      string
		line, col int
		msg       string
	}
	var ps site.Problems
	first := map[place]int{}
	others := map[place]int{}
	for _, err := range errs {
		if err == nil {
			continue
		}
		p := site.ProblemOf(err)
		msg, _, _ := strings.Cut(p.Msg, " (rendering ")
		at := place{p.File, p.Line, p.Col, msg}
		if _, ok := first[at]; ok {
			others[at]++
			continue
		}
		first[at] = len(ps)
		ps = append(ps, p)
	}
	for at, n := range others {
		p := &ps[first[at]]
		files := "files"
		if n == 1 {
			files = "file"
		}
		p.Msg = strings.TrimSuffix(p.Msg, ")") + fmt.Sprintf(", and %d other %s)", n, files)
	}
	ps.Sort()
	return ps
}

// rendered returns the job of the named file if a layout renders it: not
// a static file, a file under content/ or the search index.
func (r *Renderer) rendered(name string) (job, bool) {
	j, ok := r.files[name]
	return j, ok && j.source == "" && j.search == "" && !j.sitemap
}

// CheckLayouts renders the first file of each layout, in the order of
// Names, and returns the first error: a layout that parses may still fail
// on a page (a field no page has), which a preview must say when the
// theme changes rather than when the page is asked for.
func (r *Renderer) CheckLayouts() error {
	seen := map[string]bool{}
	var buf bytes.Buffer
	for _, name := range r.Names() {
		j, ok := r.rendered(name)
		if !ok {
			continue
		}
		layout := "redirect.html"
		if d := r.dataOf(j); d.Redirect == "" {
			layout = r.layoutFor(d)
		}
		if seen[layout] {
			continue
		}
		seen[layout] = true
		buf.Reset()
		if err := r.renderJob(&buf, name, j); err != nil {
			return err
		}
	}
	return nil
}

// prepare returns the Renderer of s, its layouts parsed, its static files
// read and its files listed.
func prepare(s *site.Site, opts Options) (*Renderer, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	r := &Renderer{site: s, opts: opts, assets: map[string]string{}, static: map[string][]byte{}}
	w, err := loadWords(opts.Theme, s.Config.Language, s.Config.LanguageLine)
	if err != nil {
		return nil, err
	}
	r.words, r.nav.words = w, w
	if err := r.parseLayouts(); err != nil {
		return nil, err
	}
	if err := r.loadStatic(); err != nil {
		return nil, err
	}
	r.promises = len(s.OfType(site.TypePromise)) > 0
	r.menu = r.menuLinks()
	r.crumbs = []*site.Page{s.Home}
	r.files = r.index()
	return r, nil
}

// Shadowed returns an error for each static file that a file of the
// site (a page, a generated page, a redirect or a file under content/)
// is published over, by name: the static file would be lost without a
// word. New fails with them; a Renderer made by ForSite is not checked.
// The highlighting stylesheet is playbook's own, and content/ cannot
// reach it (see site's checks of output paths).
func (r *Renderer) Shadowed() site.Problems {
	var ps site.Problems
	for name := range r.static {
		j, ok := r.files[name]
		if !ok {
			continue
		}
		at := "/" + strings.TrimSuffix(name, "index.html")
		what := "playbook generates the page " + at + " there (its layout changes it)"
		switch p := j.pageOf(); {
		case j.source != "":
			what = j.source + " is published there"
		case p != nil:
			what = "the page " + p.File + " is published there, at " + at
		case j.data != nil && j.data.Redirect != "":
			what = "a redirect to /" + j.data.Redirect + " is published there"
		}
		ps = append(ps, site.Problem{File: themeOrigin(r.opts.Theme, "static/"+name), Msg: "not published: " + what + "; rename or remove the static file"})
	}
	ps.Sort()
	return ps
}

// SetLastChange sets Options.LastChange and Options.Uncommitted of r,
// known later than the rest: a versioned build walks a version's history
// only when it renders it, and a preview reads the files an edit changed
// again. It must not be called while r renders.
func (r *Renderer) SetLastChange(last map[string]gitrepo.LastChange, uncommitted map[string]bool) {
	r.opts.LastChange, r.opts.Uncommitted = last, uncommitted
}

// Site returns the site r renders.
func (r *Renderer) Site() *site.Site { return r.site }

// ForSite returns a Renderer of s sharing r's parsed layouts and static
// files: a preview server renders each new version of a site with it
// unless the theme or the settings changed.
func (r *Renderer) ForSite(s *site.Site) *Renderer {
	n := &Renderer{site: s, opts: r.opts, layouts: r.layouts, assets: r.assets, static: r.static, words: r.words, refused: r.refused, shortcodes: r.shortcodes}
	n.nav.words = r.words
	n.promises = len(s.OfType(site.TypePromise)) > 0
	n.menu = n.menuLinks()
	n.crumbs = []*site.Page{s.Home}
	n.files = n.index()
	return n
}

// layoutNames are the layouts a complete theme has: those of the pages of
// content/, of the page left at an alias, of the root page of a versioned
// build, and one for each generated page. Page layouts per type are
// optional and fall back to page.html.
var layoutNames = func() []string {
	names := []string{"home.html", "section.html", "page.html", "redirect.html", "versions.html"}
	for _, g := range site.GeneratedPages {
		if !g.Files {
			names = append(names, g.Kind+".html")
		}
	}
	return names
}()

func (r *Renderer) parseLayouts() error {
	theme := r.opts.Theme
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(theme, name)
		if err != nil {
			return "", readError(name, err)
		}
		return string(b), nil
	}
	base, err := read("layouts/base.html")
	if err != nil {
		return err
	}
	partials := partialFiles(theme)
	pages, _ := fs.Glob(theme, "layouts/*.html")

	common := template.New("base.html").Funcs(funcs).Funcs(r.words.funcs())
	if _, err := common.Parse(base); err != nil {
		// Every layout is base.html's: nothing else can be told.
		return r.layoutError(err)
	}
	// Each layout that does not parse is told, not the first alone: a
	// pull request that breaks a second one is not hidden by the first.
	var errs []error
	for _, p := range partials {
		text, err := read(p)
		if err == nil {
			_, err = common.New(strings.TrimPrefix(p, "layouts/")).Parse(text)
			if err != nil {
				err = r.layoutError(err)
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	// The shortcodes may call the partials, as layouts do.
	var scErrs []error
	r.shortcodes, scErrs = r.parseShortcodes(common)
	errs = append(errs, scErrs...)
	r.layouts = map[string]*template.Template{}
	var used map[string]string
	used, r.unused = chooseLayouts(theme, pages)
	for _, p := range slices.Sorted(maps.Values(used)) {
		name := layoutKey(p)
		text, err := read(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		t, err := common.Clone()
		if err != nil {
			return fmt.Errorf("layout %s: %w", name, err)
		}
		if _, err := t.New(path.Base(p)).Parse(text); err != nil {
			errs = append(errs, r.layoutError(err))
			continue
		}
		t.Funcs(template.FuncMap{"cached": cachedFunc(t)})
		r.words.callWord(t)
		r.words.foldWords(t)
		r.layouts[name] = t
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, name := range layoutNames {
		if r.layouts[name] == nil {
			return missingLayout(name)
		}
	}
	return nil
}

// chooseLayouts returns the layout files of pages (files of layouts/ in
// theme) that pages are rendered with, by the name of the layout, and
// those they are not. A type's layout written in the plural or the
// American spelling (behaviors.html) is the type's. Of two files for one
// layout, the one of the upper layer is used (the site's over its theme
// folder's, over the default theme's); of two in one layer, the type's
// own spelling, the other told.
func chooseLayouts(theme fs.FS, pages []string) (used map[string]string, unused []unusedLayout) {
	layer := map[string]int{}
	for _, p := range pages {
		layer[p] = layerOf(theme, p)
	}
	pages = slices.Clone(pages)
	slices.SortStableFunc(pages, func(a, b string) int {
		return cmp.Or(cmp.Compare(layer[a], layer[b]), cmp.Compare(btoi(layoutKey(a) != path.Base(a)), btoi(layoutKey(b) != path.Base(b))))
	})
	used = map[string]string{}
	for _, p := range pages {
		name := layoutKey(p)
		if name == "base.html" {
			continue
		}
		if !knownLayout(name) {
			unused = append(unused, unusedLayout{file: p})
			continue
		}
		if other, ok := used[name]; ok {
			if layer[other] == layer[p] {
				unused = append(unused, unusedLayout{file: p, over: other})
			}
			continue
		}
		used[name] = p
	}
	slices.SortFunc(unused, func(a, b unusedLayout) int { return cmp.Compare(a.file, b.file) })
	return used, unused
}

// ThemeWarnings returns the problems of theme's layouts that do not stop
// a build, as Renderer.Warnings: what a versioned build and a preview,
// which make Renderers of their own, tell.
func ThemeWarnings(theme fs.FS) site.Problems {
	pages, _ := fs.Glob(theme, "layouts/*.html")
	_, unused := chooseLayouts(theme, pages)
	var static []string
	fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			static = append(static, strings.TrimPrefix(p, "static/"))
		}
		return nil
	})
	return append(unusedProblems(theme, unused), caseProblems(theme, static)...)
}

// caseProblems warns of the static files, by name under static/, whose
// names differ from another's in case alone: on a Windows or macOS file
// share, or a host that ignores case, one replaces the other.
func caseProblems(theme fs.FS, names []string) site.Problems {
	names = slices.Sorted(slices.Values(names))
	first := map[string]string{}
	var ps site.Problems
	for _, n := range names {
		k := strings.ToLower(n)
		if other, ok := first[k]; ok {
			ps = append(ps, site.Problem{
				File: themeOrigin(theme, "static/"+n), Warning: true, Check: "static-case",
				Msg: fmt.Sprintf("differs from static/%s in case alone: on a Windows or macOS file share, or a host that ignores case, one replaces the other; rename one", other),
			})
			continue
		}
		first[k] = n
	}
	return ps
}

// layoutKey returns the name a layout file is known by: its name, or for
// a type's layout the type's ("behaviors.html" is "behaviour.html").
func layoutKey(file string) string {
	name := path.Base(file)
	if t := site.CanonicalType(strings.TrimSuffix(name, ".html")); t != "" {
		return t + ".html"
	}
	return name
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// knownLayout reports whether playbook renders pages with the layout of
// that name: base.html, one named after a kind of page, or a type's.
func knownLayout(name string) bool {
	if name == "base.html" || slices.Contains(layoutNames, name) {
		return true
	}
	kind := strings.TrimSuffix(name, ".html")
	return site.CanonicalType(kind) != "" || slices.ContainsFunc(site.GeneratedPages, func(g site.Generated) bool { return g.Kind == kind })
}

// Warnings returns the problems of the theme that do not stop a build: a
// layout file no page is rendered with, a typo most likely
// (promise-page.html), or a partial put beside the layouts; static
// files whose names differ in case alone; and those of the language
// files (see package i18n).
func (r *Renderer) Warnings() site.Problems {
	var static []string
	for name := range r.static {
		if name != "assets/chroma.css" { // generated
			static = append(static, name)
		}
	}
	ps := append(unusedProblems(r.opts.Theme, r.unused), caseProblems(r.opts.Theme, static)...)
	return append(ps, r.words.problems...)
}

// unusedProblems returns a warning for each layout of theme unused.
func unusedProblems(theme fs.FS, unused []unusedLayout) site.Problems {
	var ps site.Problems
	for _, u := range unused {
		msg := "no page is rendered with this layout: a layout is named after a kind of page (home.html, section.html, page.html, tag.html, ...) or a type (promise.html, behaviour.html, ...); a part other layouts call goes in layouts/partials/"
		if u.over != "" {
			msg = fmt.Sprintf("no page is rendered with this layout: %s beside it is the same type's, and used; keep one of them", path.Base(u.over))
		}
		ps = append(ps, site.Problem{File: themeOrigin(theme, u.file), Warning: true, Check: "unused-layout", Msg: msg})
	}
	return ps
}

// An unusedLayout is a layout file no page is rendered with: one named
// after nothing playbook renders, or the other spelling of the layout
// over, of the same layer.
type unusedLayout struct{ file, over string }

// readError says that a theme file could not be read; a link refused
// says so itself, at its path.
func readError(name string, err error) error {
	var le *LinkError
	if errors.As(err, &le) {
		return &site.ProblemError{Problem: le.Problem()}
	}
	return fmt.Errorf("read %s: %w", name, unwrapPath(err))
}

// templatePlace is the place Go's template packages start their messages
// with, once their own name is taken off: "promise.html:12: ",
// "promise.html:12:3: " or, for a whole template, "promise.html: ".
var templatePlace = regexp.MustCompile(`(?s)^([^:\s]+):(?:(\d+)(?::(\d+))?:)? (.*)$`)

// layoutError turns a template error into a problem at its file under
// layouts/ and its line. Go's template packages give the place in the
// message text only ("template: promise.html:12: ...",
// "html/template:promise.html:12:3: ..."): this is the one place that
// reads it.
func (r *Renderer) layoutError(err error) *site.ProblemError {
	msg, _ := cutTemplatePrefix(err.Error())
	// A part the theme caches ({{cached "partials/x.html" .Frame}}) that
	// fails is told at the call, then at its own place, where the fault
	// is: the part's place is the one to show.
	const calling = "error calling cached: "
	if i := strings.LastIndex(msg, calling); i >= 0 {
		if inner, ok := cutTemplatePrefix(msg[i+len(calling):]); ok && templatePlace.MatchString(inner) {
			msg = inner
		}
	}
	m := templatePlace.FindStringSubmatch(msg)
	if m == nil {
		// No template named: the folder is all that is known.
		return &site.ProblemError{Problem: site.Problem{File: "layouts", Msg: strings.TrimSpace(msg)}}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	msg = m[4]
	if msg == "unexpected EOF" {
		// Told at the last line, which is not where the fault is: say
		// what to look for.
		msg += ": an {{if}}, {{range}}, {{with}}, {{block}} or {{define}} above has no {{end}}"
	}
	msg += fieldNear(msg)
	return &site.ProblemError{Problem: site.Problem{File: themeOrigin(r.opts.Theme, "layouts/"+m[1]), Line: line, Col: col, Msg: msg}}
}

// noField matches the message of a template asking a value for a field
// or method it does not have.
var noField = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// layoutTypes are the types a layout's values most often are, by the name
// Go's template packages give them in messages.
var layoutTypes = map[string]reflect.Type{
	"*render.Data":   reflect.TypeFor[*Data](),
	"*render.Frame":  reflect.TypeFor[*Frame](),
	"*site.Page":     reflect.TypeFor[*site.Page](),
	"*site.Site":     reflect.TypeFor[*site.Site](),
	"*site.Role":     reflect.TypeFor[*site.Role](),
	"*site.Tag":      reflect.TypeFor[*site.Tag](),
	"site.Config":    reflect.TypeFor[site.Config](),
	"site.Chain":     reflect.TypeFor[site.Chain](),
	"site.Backlinks": reflect.TypeFor[site.Backlinks](),
}

// fieldNear returns the end of a message of a field a layout's value does
// not have that names the one most likely meant (": did you mean
// Title?"), or "".
func fieldNear(msg string) string {
	m := noField.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	t, ok := layoutTypes[m[2]]
	if !ok {
		return ""
	}
	var names []string
	for i := range t.NumMethod() {
		names = append(names, t.Method(i).Name)
	}
	if e := t; e.Kind() == reflect.Pointer {
		t = e.Elem()
	}
	if t.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() {
				names = append(names, f.Name)
			}
		}
	}
	best, bestD := "", 0
	for _, n := range names {
		if d, ok := site.Near(strings.ToLower(m[1]), strings.ToLower(n)); ok && (best == "" || d < bestD || d == bestD && n < best) {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return ": did you mean " + best + "?"
}

// cutTemplatePrefix returns msg without the name of the Go template
// package starting it, and whether one did.
func cutTemplatePrefix(msg string) (string, bool) {
	cut := false
	for _, prefix := range []string{"template: ", "html/template:"} {
		var ok bool
		msg, ok = strings.CutPrefix(msg, prefix)
		cut = cut || ok
	}
	return msg, cut
}

// renderError is a layout failing on one file of the site, named at the
// end of the message.
func (r *Renderer) renderError(err error, name string) error {
	pe := r.layoutError(err)
	pe.Msg += " (rendering " + name + ")"
	return pe
}

// dryContent is the Content of a page with a body in a check, which does
// not render Markdown.
const dryContent template.HTML = "<!-- the page's Markdown -->"

// partialFiles returns the partials of theme: the .html files under
// layouts/partials/, in folders too (partials/site/nav.html), and the
// scripts a layout writes inline, .js files there.
func partialFiles(theme fs.FS) []string {
	var files []string
	fs.WalkDir(theme, "layouts/partials", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (path.Ext(p) == ".html" || path.Ext(p) == ".js") {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// missingLayout says a layout every theme must have is missing.
func missingLayout(name string) error {
	return &site.ProblemError{Problem: site.Problem{File: "layouts/" + name, Msg: "missing: the theme must have it"}}
}

// loadStatic reads the theme's static files and generates the code
// highlighting stylesheet.
func (r *Renderer) loadStatic() error {
	// A file refused is told and passed over, for every one to be told;
	// a folder that cannot be read stops the walk.
	var refused []error
	refuse := func(err error) error {
		var pe *site.ProblemError
		if !errors.As(err, &pe) {
			return err
		}
		refused = append(refused, err)
		return nil
	}
	err := fs.WalkDir(r.opts.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return refuse(readError(p, err))
		}
		if d.IsDir() {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".playbook-") {
			// Output's Marker, and the files of a versioned build.
			return refuse(&site.ProblemError{Problem: site.Problem{File: p, Msg: `names starting with ".playbook-" are playbook's own, kept in its output to know it again: rename the file`}})
		}
		b, err := fs.ReadFile(r.opts.Theme, p)
		if err != nil {
			return refuse(readError(p, err))
		}
		r.static[strings.TrimPrefix(p, "static/")] = b
		return nil
	})
	if err != nil {
		return err
	}
	r.refused = errors.Join(refused...)
	cfg := r.site.Config
	css, err := markdown.HighlightCSS(cfg.Highlight.Light, cfg.Highlight.Dark)
	if err != nil {
		return &site.ProblemError{Problem: site.Problem{File: site.ConfigFile, Msg: "highlight: " + err.Error()}}
	}
	r.static["assets/chroma.css"] = css
	for name, b := range r.static {
		sum := sha256.Sum256(b)
		r.assets[name] = name + "?v=" + hex.EncodeToString(sum[:4])
	}
	return nil
}

// A job is one file to render.
type job struct {
	// data is what the file's layout is given; nil for a page's own file,
	// whose Data is made when it is rendered (see dataOf).
	data *Data
	// page is the page whose own file this is, at index in Site.Pages:
	// a Data held for each of 100,000 pages from the start of a build
	// would be tens of megabytes.
	page  *site.Page
	index int
	// list is the number of a later page of data's list (see paginate),
	// made when it is rendered too: a role's list runs to dozens.
	list int
	// source is set for a file under content/ published as it is.
	source string
	// search names a file of the search index.
	search string
	// sitemap marks the sitemap (see Sitemap).
	sitemap bool
}

// Stylesheets returns the URLs, from the site root, of the theme's
// stylesheets with their fingerprints ("assets/playbook.css?v=1a2b3c4d"),
// sorted. A preview swaps them in place on an open page when they alone
// changed, rather than loading the page again.
func (r *Renderer) Stylesheets() []string {
	var urls []string
	for name, url := range r.assets {
		if strings.HasSuffix(name, ".css") {
			urls = append(urls, url)
		}
	}
	slices.Sort(urls)
	return urls
}

// TopStatic returns, sorted, the names of the static files at the top of
// the site (robots.txt, CNAME, favicon.ico, _headers) and under
// .well-known/: those hosts, browsers and crawlers look for at the top
// of the host, which a versioned build writes the latest version's of.
func (r *Renderer) TopStatic() []string {
	var names []string
	for name := range r.static {
		if !strings.Contains(name, "/") || strings.HasPrefix(name, ".well-known/") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Names returns the names of all the files of the site, sorted.
func (r *Renderer) Names() []string {
	names := slices.Collect(maps.Keys(r.files))
	for name := range r.static {
		if _, ok := r.files[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// File returns the content of the named file of the site ("index.html",
// "promises/x/index.html", "assets/playbook.css"), rendering it if it is a
// page. It returns an error wrapping fs.ErrNotExist for a name that is not
// part of the site.
func (r *Renderer) File(name string) ([]byte, error) {
	return r.file(name, new(bytes.Buffer))
}

// FilesOf renders the files of the pages made from the Markdown files
// named, each page's own and the later pages of its lists, and returns
// them by name. When a layout fails on some, it returns the problems, one
// for each place in the layouts that fails, and the Markdown files of the
// pages it failed on: a preview tells them as a build does, where they
// were found only when the page was asked for.
func (r *Renderer) FilesOf(sources []string) (files map[string][]byte, failed []string, err error) {
	want := map[string]bool{}
	for _, f := range sources {
		want[f] = true
	}
	files = map[string][]byte{}
	var errs []error
	told := map[string]bool{}
	for name, j := range r.files {
		p := j.pageOf()
		if p == nil || !want[p.File] || j.source != "" || j.search != "" {
			continue
		}
		var buf bytes.Buffer
		if err := r.renderJob(&buf, name, j); err != nil {
			if !slices.Contains(failed, p.File) {
				failed = append(failed, p.File)
			}
			pr := site.ProblemOf(err)
			at, _, _ := strings.Cut(pr.String(), " (rendering ")
			if !told[at] {
				told[at] = true
				errs = append(errs, err)
			}
			continue
		}
		files[name] = buf.Bytes()
	}
	slices.Sort(failed)
	return files, failed, errors.Join(errs...)
}

// file returns the content of the named file, rendering a page into buf.
// Static files and files under content/ are returned as they are, not
// copied into buf: an attachment may be large.
func (r *Renderer) file(name string, buf *bytes.Buffer) ([]byte, error) {
	j, ok := r.files[name]
	if !ok {
		if b, ok := r.static[name]; ok {
			return b, nil
		}
		return nil, &fs.PathError{Op: "render", Path: name, Err: fs.ErrNotExist}
	}
	if j.search != "" {
		return r.searchFile(j.search)
	}
	if j.sitemap {
		return r.Sitemap(r.site.Config.BaseURL), nil
	}
	if j.source != "" {
		b, err := fs.ReadFile(r.opts.Source, j.source)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", j.source, unwrapPath(err))
		}
		return b, nil
	}
	if err := r.renderJob(buf, name, j); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render writes the whole site to out, on all cores. It stops at the first
// error, and when ctx is done, between files, returning ctx's error.
func (r *Renderer) Render(ctx context.Context, out Output) error {
	// A failed file stops the others as an interrupt does: the group's
	// context is done at the first error.
	g, gctx := errgroup.WithContext(ctx)
	names := r.Names()
	// The search index last, once the pages are written: it is built from
	// every page's text at once, and a page's own file need not wait for it.
	last := func(name string) int {
		if r.files[name].search != "" {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(names, func(a, b string) int { return cmp.Compare(last(a), last(b)) })
	nav := r.release(names)
	// A few workers that each take the next file, in order, rather than
	// a goroutine a file: a worker keeps the stack its templates grew and
	// its buffer, where a new goroutine grew both again for every page.
	var next atomic.Int64
	for range min(len(names), runtime.GOMAXPROCS(0)) {
		g.Go(func() error {
			var buf bytes.Buffer
			for i := int(next.Add(1)) - 1; i < len(names) && gctx.Err() == nil; i = int(next.Add(1)) - 1 {
				buf.Reset()
				b, err := r.file(names[i], &buf)
				if err != nil {
					return err
				}
				nav.done(r, names[i])
				if err := out.WriteFile(names[i], b); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return context.Cause(ctx)
}

// index lists every file of the site but the static ones: pages,
// generated pages and files (the search index), redirects and the files
// under content/.
func (r *Renderer) index() map[string]job {
	s := r.site
	files := map[string]job{}
	for i, p := range s.Pages {
		j := job{page: p, index: i}
		if p.IsSection && p.Parent != nil {
			// A section's list may be paginated: its pages share its
			// first page's Data.
			j = job{data: r.dataOf(j)}
			r.paginate(files, j.data, len(p.Children))
		}
		files[p.URL+"index.html"] = j
		for _, a := range p.Aliases {
			// site.Load reports aliases that land on other files.
			if u, ok := site.AliasFile(a); ok {
				if _, taken := files[u]; !taken {
					d := r.data(u, p.Title, "redirect")
					d.Redirect = p.URL
					files[u] = job{data: d}
				}
			}
		}
	}
	for _, g := range site.GeneratedPages {
		switch {
		case !r.generates(g):
		case g.Files:
			// A case for each kind of generated file.
			switch g.Kind {
			case "search":
				maps.Copy(files, r.searchJobs(g.URL))
			default:
				panic("render: no case for generated files " + g.Kind)
			}
		case g.PerTag:
			for _, t := range s.Tags {
				d := r.data(t.URL, r.generatedTitle(g, t.Name), g.Kind)
				d.Tag = t
				files[t.URL+"index.html"] = job{data: d}
				r.paginate(files, d, len(t.Pages))
			}
		case g.Kind == "alignment":
			r.alignmentJobs(files, g)
		case g.PerRole:
			for _, ro := range s.Roles {
				d := r.data(ro.URL, r.generatedTitle(g, ro.Name), g.Kind)
				d.Role = ro
				d.rolePromises = ro.Promises()
				d.roleKeeps = roleKeeps(ro)
				files[ro.URL+"index.html"] = job{data: d}
				r.paginate(files, d, len(d.rolePromises)+len(ro.Behaviours)+len(ro.Standards)+len(ro.FAQs))
			}
		default:
			files[g.File()] = job{data: r.data(g.URL, r.generatedTitle(g, ""), g.Kind)}
		}
	}
	for _, f := range s.Files {
		files[site.FileURL(f)] = job{source: f}
	}
	// A versioned build writes it at the root, of latest/ (see Sitemap);
	// a site's own sitemap.xml, in static/ or content/, is kept.
	if _, own := r.static[sitemapFile]; !own && s.Config.BaseURL != "" && r.opts.Version == nil {
		if _, taken := files[sitemapFile]; !taken {
			files[sitemapFile] = job{sitemap: true}
		}
	}
	return files
}

// sitemapFile is the sitemap's name, at the root of the output.
const sitemapFile = "sitemap.xml"

// Sitemap returns the sitemap of the site's pages, for the crawlers of
// an intranet's search, where site.toml sets base_url: each page's whole
// address, its folder under base (the site's address, and "latest/" in a
// versioned build), and when it last changed where Git says; then the
// role pages, which search finds too. Drafts and pages with search =
// false are left out, as search leaves them.
func (r *Renderer) Sitemap(base string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	entry := func(u string, lastmod time.Time) {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(base+pathEscape(u)))
		b.WriteString("</loc>")
		if !lastmod.IsZero() {
			b.WriteString("<lastmod>" + lastmod.UTC().Format(time.DateOnly) + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	for _, p := range r.site.Pages {
		if p.IsDraft() || !p.Search {
			continue
		}
		var when time.Time
		if c, ok := r.opts.LastChange[p.File]; ok && !r.opts.Uncommitted[p.File] {
			when = c.When
		}
		entry(p.URL, when)
	}
	for _, role := range r.site.Roles {
		entry(role.URL, time.Time{})
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// pathEscape escapes each part of the URL path u, as a crawler asks
// for it.
func pathEscape(u string) string {
	parts := strings.Split(u, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// generates reports whether the site has the generated page g: the
// pages of a versioned build only are made when the Version is set, and
// those about promises when the site has promises, and those about
// roles when its pages name roles.
func (r *Renderer) generates(g site.Generated) bool {
	if g.Promises && !r.promises || g.Roles && len(r.site.Roles) == 0 {
		return false
	}
	return !g.Versioned || r.opts.Version != nil && r.opts.Version.Changes != nil
}

func kindOf(p *site.Page) string {
	switch {
	case p.Parent == nil:
		return "home"
	case p.IsSection:
		return "section"
	}
	return "page"
}

func (r *Renderer) data(url, title, kind string) *Data {
	return &Data{Site: r.site, URL: url, Title: title, Kind: kind, r: r, index: -1}
}

// dataOf returns the Data of job j, made anew for a page's own file and
// a later page of a list.
func (r *Renderer) dataOf(j job) *Data {
	if j.list > 1 {
		return listPage(j.data, j.list)
	}
	if j.page == nil {
		return j.data
	}
	d := r.data(j.page.URL, j.page.Title, kindOf(j.page))
	d.Page, d.index = j.page, j.index
	return d
}

// pageOf returns the page whose file j renders, if any.
func (j job) pageOf() *site.Page {
	switch {
	case j.page != nil:
		return j.page
	case j.data != nil:
		return j.data.Page
	}
	return nil
}

// layoutFor names the layout of a page.
func (r *Renderer) layoutFor(d *Data) string {
	switch d.Kind {
	case "page":
		if name := d.Page.Type + ".html"; r.layouts[name] != nil {
			return name
		}
		return "page.html"
	}
	return d.Kind + ".html"
}

func (r *Renderer) renderJob(buf *bytes.Buffer, name string, j job) error {
	// A Data is filled in per rendering: a page may be rendered by several
	// requests at once. dataOf makes a new one but for a file whose Data
	// is kept in its job, which is copied.
	d := r.dataOf(j)
	if j.page == nil && j.list <= 1 {
		c := *d
		d = &c
	}
	if d.Redirect != "" {
		// A page of its own, not inside base.html.
		r.fill(d)
		start := buf.Len()
		if err := r.layouts["redirect.html"].ExecuteTemplate(buf, "redirect.html", d); err != nil {
			return r.renderError(err, name)
		}
		return r.notEmpty(buf, start, r.layouts["redirect.html"], "redirect.html", name)
	}
	if p := d.Page; p != nil && p.Doc != nil {
		// A build keeps most of a page's document out of memory until
		// the page is rendered (see markdown.Converter.Pack).
		doc, err := r.site.Markdown.Unpacked(p.Doc)
		if err != nil {
			return fmt.Errorf("%s: %w", p.File, err)
		}
		d.doc = doc
		switch {
		case d.Later:
		case r.dry:
			// A layout takes the branches it takes in a build: a page
			// with a body has some Content.
			if doc.HasBody() {
				d.Content = dryContent
			}
			if err := r.dryShortcodes(d, doc); err != nil {
				return err
			}
		default:
			body, err := r.body(d, doc)
			if err != nil {
				return err
			}
			d.Content = body
		}
		d.HasCode = !d.Later && doc.HasCode()
	}
	r.fill(d)
	layout := r.layoutFor(d)
	where := d.URL
	if d.Page != nil {
		where = d.Page.File
	}
	start := buf.Len()
	if err := r.layouts[layout].ExecuteTemplate(buf, "base.html", d); err != nil {
		return r.renderError(err, where)
	}
	return r.notEmpty(buf, start, r.layouts[layout], "base.html", where)
}

// notEmpty returns an error, at the file defining template name of t,
// if the page written to buf from start is empty: a base.html that only
// defines templates, or whose every part is in a block left out, would
// publish a site of blank pages.
func (r *Renderer) notEmpty(buf *bytes.Buffer, start int, t *template.Template, name, where string) error {
	if len(bytes.TrimSpace(buf.Bytes()[start:])) > 0 {
		return nil
	}
	file := name
	if def := t.Lookup(name); def != nil && def.Tree != nil {
		file = def.Tree.ParseName
	}
	msg := fmt.Sprintf("%s wrote nothing: the page would be empty (rendering %s)", name, where)
	return &site.ProblemError{Problem: site.Problem{File: themeOrigin(r.opts.Theme, "layouts/"+file), Msg: msg}}
}

// body returns the HTML of the Markdown of d's page, doc (its Doc,
// unpacked), its shortcodes run.
func (r *Renderer) body(d *Data, doc *markdown.Doc) (template.HTML, error) {
	p := d.Page
	if len(doc.Calls) > 0 {
		// Not kept: the HTML depends on the shortcodes' templates too,
		// and on the pages a shortcode lists.
		s, err := r.site.Markdown.RenderWith(doc, func(c *markdown.Call, inner string) (string, error) {
			return r.runShortcode(d, doc, c, inner)
		})
		if err != nil {
			var pe *site.ProblemError
			if errors.As(err, &pe) {
				return "", err
			}
			return "", fmt.Errorf("%s: render markdown: %w", p.File, err)
		}
		return template.HTML(s), nil
	}
	if html, ok := r.opts.Bodies.get(r.site, p, doc); ok {
		return html, nil
	}
	s, err := r.site.Markdown.RenderString(doc)
	if err != nil {
		return "", fmt.Errorf("%s: render markdown: %w", p.File, err)
	}
	html := template.HTML(s)
	r.opts.Bodies.put(r.site, p, doc, html)
	return html, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
