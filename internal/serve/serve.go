// Package serve is the live preview of a playbook: the site built in memory,
// served over HTTP, and rebuilt as its files change.
//
// A Server holds the current site as a snapshot behind an atomic pointer:
// a request is answered from one complete snapshot, old or new, never from
// half a rebuild. Pages are rendered when first asked for and kept for the
// life of their snapshot.
//
// Rebuild takes the paths that changed. Only changed Markdown files are
// read and parsed again (site.Loader). An edit of pages' bodies and titles
// only is made on the site served, in place (site.Loader.Patch), and the
// pages rendered before that do not show what changed are kept
// (render.Renderer.Stale); any other change loads the site again. Layouts
// and static files are read again only when one of them changed. The
// result is the same as a cold build of the same files.
//
// A rebuild with errors leaves the last good snapshot served, and the
// errors are shown in every open browser as an overlay until they are
// fixed. Browsers learn of rebuilds over Server-Sent Events, and an open
// page reloads only if a rebuild changed it (see live.go); Watch turns
// file system events into rebuilds (see watch.go).
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/render"
	"playbook/internal/site"
	"playbook/internal/versions"
)

// Options configures a Server.
type Options struct {
	// Drafts includes pages marked draft.
	Drafts bool
	// Log receives one line per rebuild and the problems of a build, each
	// printed once; nil discards them.
	Log io.Writer
	// Dir is the site's folder on disk. In a Git repository, pages then
	// show when they last changed, as playbook build shows it (Watch
	// rebuilds at a commit).
	Dir string
	// Versions shows every version site.toml names, read from the Git
	// repository of Dir, as playbook build publishes them. A rebuild
	// loads them all again, and renders those whose inputs changed (see
	// versions.Build.Render): an edit of the working tree, its own.
	Versions bool
}

// A Server previews the site in a folder.
type Server struct {
	src    fs.FS
	opts   Options
	loader *site.Loader
	live   broker
	// parsed holds the pages of the last versioned build (Options.Versions).
	parsed *site.ParseCache
	// timing is how Watch gathers a burst of changes; zero is the default.
	timing timing

	// mu serialises rebuilds; requests never take it.
	mu sync.Mutex
	// patching is held for reading by requests reading the snapshot
	// served, and for writing while a rebuild changes its site in place.
	patching sync.RWMutex
	// theme is the renderer whose layouts and static files are current;
	// nil after a change to them.
	theme *render.Renderer
	// liveJS is the theme's live reload script, read with theme.
	liveJS []byte
	// shown is the problem list last printed, so that each is printed once.
	shown string
	// themeDirty records a change to layouts, static files or settings
	// that a failed rebuild could not apply yet.
	themeDirty bool
	// themeWarnings are the theme's layouts no page is rendered with
	// (render.Renderer.Warnings), told with the site's problems.
	themeWarnings site.Problems
	// refused are the problems of the theme's static files not read: the
	// pages are served without them, these told over them (see
	// render.Renderer.Refused).
	refused site.Problems
	// loadsChanged records a change, since the snapshot served was made,
	// to a file pages may load besides their HTML and stylesheets (see
	// loads); a failed rebuild leaves it for the next snapshot.
	loadsChanged bool
	// failing are the Markdown files of the pages a layout failed on
	// (see renderChanged): each rebuild renders them again until it
	// does not.
	failing []string
	// last is when each page last changed in Git, as of commit head,
	// for the page files asked about.
	last  map[string]gitrepo.LastChange
	head  string
	asked map[string]bool
	// uncommitted are the page files that differ from commit head, read
	// again for each file an edit changes. A new map replaces it, never
	// a change in place: the snapshot served may be rendering with it.
	uncommitted map[string]bool

	snap atomic.Pointer[snapshot]
	// problems are the errors of the latest build, shown as an overlay
	// while the last good snapshot is served.
	problems atomic.Pointer[site.Problems]
}

// A snapshot is one complete version of the site.
type snapshot struct {
	r *render.Renderer
	// files holds a versioned site, built whole; r is nil then.
	files *render.MemOutput
	// build numbers the snapshots; a page tells the event stream which
	// one it was rendered from, so that a rebuild made while it was
	// loading is not missed.
	build int64
	cache sync.Map // file name → []byte, rendered
	// styles are the fingerprinted URLs of the stylesheets (see
	// render.Renderer.Stylesheets); nil for a versioned site, whose pages
	// then reload when their stylesheets change.
	styles []string
	// restyled is the latest build whose stylesheets differ from those
	// of the build before it, and reloaded the latest build in which a
	// file pages may load besides their HTML and stylesheets changed (a
	// script, an image, the live script); both are the first build at
	// first. A page from a build before restyled swaps its stylesheets,
	// and one from before reloaded reloads, even if its HTML is the same.
	restyled, reloaded int64
	// liveJS is the theme's script that keeps pages live.
	liveJS []byte
	// unbuilt is the snapshot of a site whose first build failed (see
	// unbuilt): files is empty.
	unbuilt bool
}

// New builds the site in src (a folder holding site.toml and content/,
// as an fs.FS) for the first time. The error is for what stops the site
// from being served at all, such as versions that cannot be read;
// problems in the content, and a broken theme, are shown in the browser.
func New(src fs.FS, opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &Server{src: src, opts: opts, loader: site.NewLoader(src, site.Options{Drafts: opts.Drafts, Words: render.SiteWords, Shortcodes: render.SiteShortcodes})}
	if _, err := s.Rebuild(nil); err != nil && s.snap.Load() == nil {
		return nil, err
	}
	return s, nil
}

// A Refresh says what a rebuild changed, for the browsers to catch up.
type Refresh int

// The changes a rebuild makes.
const (
	// Nothing: the build failed, or nothing that shows changed.
	Nothing Refresh = iota
	// Styles: only stylesheets changed; a page can swap them in place.
	Styles
	// Pages: pages must be loaded again.
	Pages
)

// Rebuild builds the site again after the files at changed (slash-separated
// paths from the site root) changed; nil means everything. It returns what
// browsers must do. The error is for a theme that cannot be used; the last
// good snapshot stays served.
func (s *Server) Rebuild(changed []string) (Refresh, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()

	// A theme change made while the content was broken still counts.
	themeChanged, stylesOnly := changed == nil || s.themeDirty, changed != nil && !s.themeDirty
	s.loadsChanged = s.loadsChanged || loads(changed)
	for _, c := range changed {
		switch {
		case c == site.ConfigFile || under(c, "layouts") || under(c, "themes") || under(c, "i18n"):
			themeChanged, stylesOnly = true, false
		case under(c, "static"):
			themeChanged = true
			stylesOnly = stylesOnly && path.Ext(c) == ".css"
		default:
			stylesOnly = false
		}
	}

	if s.opts.Versions {
		return s.rebuildVersions(changed, start)
	}
	if !themeChanged && s.patch(changed) {
		fmt.Fprintf(s.opts.Log, "rebuilt in %s, in place (%s)\n", time.Since(start).Round(time.Millisecond), describe(changed))
		s.live.send(Pages.event())
		return Pages, nil
	}
	st, problems := s.loader.Load(changed)
	s.report(problems)
	if problems.Errors() > 0 {
		s.problems.Store(&problems)
		s.live.send("problems")
		if sn := s.snap.Load(); sn != nil && !sn.unbuilt {
			s.themeDirty = s.themeDirty || themeChanged
			s.notRebuilt(changed, problems)
			return Nothing, nil
		}
		// Nothing good to keep: serve what there is, under the overlay.
	} else {
		s.problems.Store(nil)
	}

	if s.updateLastChanges(st) {
		themeChanged = true
	} else if historyOnly(changed) && problems.Errors() == 0 && s.snap.Load() != nil {
		// A tag, or a commit of nothing the site shows: no page changed.
		return Nothing, nil
	} else {
		s.updateUncommitted(filesAt(st, changed))
	}
	var r *render.Renderer
	if themeChanged || s.theme == nil || s.theme.Site().Config.Highlight != st.Config.Highlight {
		theme, err := render.SiteTheme(s.src, st.Config)
		var liveJS []byte
		if err == nil {
			liveJS, err = render.LiveScript(theme)
		}
		if err == nil {
			r, err = render.New(st, render.Options{Source: s.src, Theme: theme, LastChange: s.last, Uncommitted: s.uncommitted, Preview: true})
		}
		if err == nil && problems.Errors() == 0 {
			// A layout failing on a page says so now, as a build would,
			// not when the page is asked for.
			err = r.CheckLayouts()
		}
		if err != nil {
			s.theme = nil
			p := site.ProblemsOf(err)
			s.problems.Store(&p)
			s.live.send("problems")
			// The site's own problems stand as they were: a broken layout
			// fixes none of them.
			s.report(append(slices.Clone(problems), p...))
			if s.snap.Load() == nil {
				s.swap(unbuilt(s.src))
			}
			return Nothing, err
		}
		s.theme, s.liveJS, s.themeDirty = r, liveJS, false
		s.themeWarnings, s.refused = r.Warnings(), r.Refused()
	} else {
		r = s.theme.ForSite(st)
		// The theme's Renderer was made with the files uncommitted then.
		r.SetLastChange(s.last, s.uncommitted)
		// A page added where a static file is: a build would fail.
		if ps := r.Shadowed(); len(ps) > 0 {
			s.problems.Store(&ps)
			s.live.send("problems")
			s.report(ps)
			return Nothing, nil
		}
	}
	sn := &snapshot{r: r, liveJS: s.liveJS}
	if problems.Errors() == 0 && changed != nil {
		// A layout failing on a page changed, or on one that failed
		// before, fails the build as it fails "playbook build".
		if err := s.renderChanged(sn, append(slices.Clone(changed), callers(st, changed)...), problems); err != nil {
			if old := s.snap.Load(); old != nil && !old.unbuilt {
				s.notRebuilt(changed, site.ProblemsOf(err))
				return Nothing, nil
			}
		}
	}
	s.swap(sn)
	if len(s.refused) > 0 && problems.Errors() == 0 {
		// The pages are served without the static files refused, which
		// fail a build: told over the pages until mended.
		all := append(slices.Clone(problems), s.refused...)
		s.problems.Store(&all)
		s.live.send("problems")
		s.report(problems)
		return Nothing, nil
	}
	if problems.Errors() > 0 || s.problems.Load() != nil {
		return Nothing, nil
	}

	change := Pages
	if stylesOnly {
		change = Styles
	}
	s.live.send(change.event())
	if changed != nil {
		fmt.Fprintf(s.opts.Log, "rebuilt in %s (%s)\n", time.Since(start).Round(time.Millisecond), describe(changed))
	}
	return change, nil
}

// renderChanged renders into sn's cache the pages of the Markdown files
// at changed and those a layout failed on before. When a layout fails on
// one, the problems are the build's: shown in the browsers and the
// terminal, and the error returned.
func (s *Server) renderChanged(sn *snapshot, changed []string, loaded site.Problems) error {
	files, failed, err := sn.r.FilesOf(append(slices.Clone(changed), s.failing...))
	s.failing = failed
	if err != nil {
		ps := site.ProblemsOf(err)
		ps.Sort()
		s.problems.Store(&ps)
		s.live.send("problems")
		// The site's warnings stand beside them.
		all := append(slices.Clone(loaded), ps...)
		all.Sort()
		s.report(all)
		return err
	}
	for name, b := range files {
		sn.cache.Store(name, b)
	}
	return nil
}

// callers returns the files of the pages of st that use a shortcode of
// the site's own, when changed holds a shortcode's template (or a folder
// above one): a template failing on a page fails the build, as
// "playbook build" fails, rather than the page when it is asked for.
func callers(st *site.Site, changed []string) []string {
	if !slices.ContainsFunc(changed, func(c string) bool {
		return c == "layouts" || under(c, "themes") || strings.Contains(c+"/", "layouts/shortcodes/")
	}) {
		return nil
	}
	var files []string
	for _, p := range st.Pages {
		if p.Doc != nil && len(p.Doc.Calls) > 0 {
			files = append(files, p.File)
		}
	}
	return files
}

// notRebuilt answers a save made while errors stand, which are told
// once: the first error's place says which file to mend, and it is not
// always the one saved.
func (s *Server) notRebuilt(changed []string, problems site.Problems) {
	errs := plural(problems.Errors(), "error")
	first := ""
	if i := slices.IndexFunc(problems, func(p site.Problem) bool { return !p.Warning }); i >= 0 {
		first = " (" + problems[i].Place() + ")"
	}
	fmt.Fprintf(s.opts.Log, "not rebuilt after %s: %s%s, shown in the browser over the last good site\n", describe(changed), errs, first)
}

// unbuilt is what a preview whose first build failed on its theme
// serves: no page, but the live reload script of the default theme with
// the site's own, so that every page asked for shows the errors and
// reloads once they are fixed.
func unbuilt(src fs.FS) *snapshot {
	sn := &snapshot{files: render.NewMemOutput(), unbuilt: true}
	if theme, err := render.Theme(src, "default"); err == nil {
		sn.liveJS, _ = render.LiveScript(theme)
	}
	return sn
}

// patch makes an edit of pages' bodies and titles on the site served, if
// that is all the change at changed is (see site.Loader.Patch), and
// serves the result, keeping the pages rendered before that it left as
// they were. It reports whether it did.
func (s *Server) patch(changed []string) bool {
	old := s.snap.Load()
	if old == nil || old.r == nil || s.theme == nil || s.problems.Load() != nil || !pageFiles(changed) || s.historyMoved() {
		return false
	}
	s.patching.Lock()
	defer s.patching.Unlock()
	ed, ok := s.loader.Patch(changed)
	if !ok {
		return false
	}
	s.report(ed.Problems)
	sn := &snapshot{r: old.r.Edited(ed), liveJS: s.liveJS}
	// A page edited, or edited back, after its last commit says so on
	// each of its pages, a split list's too: rare enough to render
	// everything again.
	footers := s.updateUncommitted(changed)
	sn.r.SetLastChange(s.last, s.uncommitted)
	// A layout failing on a page edited is told by a full rebuild.
	files, _, err := sn.r.FilesOf(changed)
	if err != nil {
		return false
	}
	if stale, all := sn.r.Stale(ed); !all && !footers {
		keep(old, sn, stale)
	}
	for name, b := range files {
		sn.cache.Store(name, b)
	}
	s.swap(sn)
	return true
}

// historyMoved reports whether the Git history of the site moved since
// pages were told when they last changed: a commit or a checkout, or a
// repository made or removed (see updateLastChanges). Reading HEAD reads
// references only.
func (s *Server) historyMoved() bool {
	if s.opts.Dir == "" {
		return false
	}
	head, err := gitrepo.Head(s.opts.Dir)
	if err != nil {
		return s.head != "" || s.last != nil
	}
	return head != s.head
}

// keep gives to sn the files old rendered, but those named by stale.
func keep(old, sn *snapshot, stale []string) {
	drop := make(map[string]bool, len(stale))
	for _, name := range stale {
		drop[name] = true
	}
	old.cache.Range(func(name, b any) bool {
		if !drop[name.(string)] {
			sn.cache.Store(name, b)
		}
		return true
	})
}

// pageFiles reports whether changed names Markdown files under content/
// only.
func pageFiles(changed []string) bool {
	return len(changed) > 0 && !slices.ContainsFunc(changed, func(c string) bool {
		return !under(c, site.ContentDir) || !site.IsMarkdown(c)
	})
}

// updateLastChanges reads when each page last changed in Git again if
// HEAD moved since it last did (a commit, a checkout) or the site has page
// files it did not ask about (a page fixed or restored), and reports
// whether the answer changed. Reading HEAD reads references only; the
// walk over history runs only then.
func (s *Server) updateLastChanges(st *site.Site) bool {
	if s.opts.Dir == "" {
		return false
	}
	head, err := gitrepo.Head(s.opts.Dir)
	if err != nil {
		// A folder outside Git or a repository without commits goes
		// without, as in a build, until that changes.
		s.head, s.asked = "", nil
		dropped := s.last != nil
		s.last, s.uncommitted = nil, nil
		return dropped
	}
	fresh := head != s.head
	for _, p := range st.Pages {
		if p.HasFile() && !s.asked[p.File] {
			fresh = true
			break
		}
	}
	if !fresh {
		return false
	}
	s.head, s.asked = head, map[string]bool{}
	for _, p := range st.Pages {
		s.asked[p.File] = true
	}
	files := st.PageFiles()
	last, err := gitrepo.LastChanges(context.Background(), s.opts.Dir, files)
	if err != nil && !errors.Is(err, gitrepo.ErrShallow) {
		s.printOnce(fmt.Sprintf("note: pages will not show when they last changed: %v", err))
	}
	s.last, s.uncommitted = last, nil
	s.updateUncommitted(files)
	return true
}

// updateUncommitted reads again whether each of the page files files
// differs from HEAD, as a build does, and reports whether the answer
// changed for any. Pages show it only beside their last commit: without
// one (no history read), none does.
func (s *Server) updateUncommitted(files []string) bool {
	if s.last == nil {
		dropped := s.uncommitted != nil
		s.uncommitted = nil
		return dropped
	}
	if len(files) == 0 {
		return false
	}
	got, err := gitrepo.Uncommitted(s.opts.Dir, files)
	if err != nil {
		s.printOnce(fmt.Sprintf("note: pages will not show whether they have changes not yet committed: %v", err))
		return false
	}
	next := maps.Clone(s.uncommitted)
	if next == nil {
		next = map[string]bool{}
	}
	changed := false
	for _, f := range files {
		if got[f] == next[f] {
			continue
		}
		changed = true
		if got[f] {
			next[f] = true
		} else {
			delete(next, f)
		}
	}
	if changed {
		s.uncommitted = next
	}
	return changed
}

// filesAt returns the files of the pages of st at changed, paths from the
// site root, each a file or a folder holding the files under it.
func filesAt(st *site.Site, changed []string) []string {
	var files []string
	for _, f := range st.PageFiles() {
		if slices.ContainsFunc(changed, func(c string) bool { return under(f, c) }) {
			files = append(files, f)
		}
	}
	return files
}

// historyOnly reports whether changed names only the repository's
// history (see Watch).
func historyOnly(changed []string) bool {
	return len(changed) > 0 && !slices.ContainsFunc(changed, func(c string) bool { return c != "HEAD" })
}

// swap makes sn the snapshot served, numbering it, and records what
// changed since the one before for pages beyond their HTML.
func (s *Server) swap(sn *snapshot) {
	if sn.r != nil {
		sn.styles = sn.r.Stylesheets()
	}
	old := s.snap.Load()
	if old == nil {
		// Numbered from the time the preview started, in milliseconds, a
		// page still open from an earlier run of it, whose files may have
		// changed since, is from a build older than this run's first:
		// it reloads. (Rebuilds come well over a millisecond apart: the
		// watcher waits for the files to go quiet.)
		sn.build = time.Now().UnixMilli()
		sn.restyled, sn.reloaded = sn.build, sn.build
	} else {
		sn.build = old.build + 1
		sn.restyled, sn.reloaded = old.restyled, old.reloaded
		if !slices.Equal(sn.styles, old.styles) {
			sn.restyled = sn.build
		}
		if s.loadsChanged || !bytes.Equal(sn.liveJS, old.liveJS) {
			sn.reloaded = sn.build
		}
	}
	s.loadsChanged = false
	s.snap.Store(sn)
}

// loads reports whether changed (nil for everything) may name a file that
// pages load as it is, besides their HTML and stylesheets: a static file
// other than a stylesheet (a script, an image, a font), of the site or of
// a theme, or a file published from content/ as it is. A page's HTML
// names a script with a fingerprint, but an image only by its name, which
// does not change with it.
func loads(changed []string) bool {
	return changed == nil || slices.ContainsFunc(changed, func(c string) bool {
		if c == "themes" {
			return true
		}
		if rest, ok := strings.CutPrefix(c, "themes/"); ok {
			// A theme's folders are as the site's; a whole theme moved
			// may take any file with it.
			if _, c, ok = strings.Cut(rest, "/"); !ok {
				return true
			}
		}
		switch {
		case under(c, "static"):
			return path.Ext(c) != ".css"
		case under(c, site.ContentDir):
			return !site.IsMarkdown(c)
		}
		return false
	})
}

// rebuildVersions builds every version into memory; see Options.Versions.
func (s *Server) rebuildVersions(changed []string, start time.Time) (Refresh, error) {
	cfg, problems := site.ParseConfig(readFile(s.src, site.ConfigFile))
	fail := func(problems site.Problems) (Refresh, error) {
		if s.snap.Load() == nil {
			// Nothing to serve under the overlay: the caller says why.
			return Nothing, errors.New(problemsText(problems))
		}
		s.report(problems)
		s.problems.Store(&problems)
		s.live.send("problems")
		if changed != nil {
			// Each save is answered, as without --versions.
			s.notRebuilt(changed, problems)
		}
		return Nothing, nil
	}
	if cfg.Versions == nil {
		problems = append(problems, site.Problem{File: site.ConfigFile, Msg: "serve --versions: site.toml has no [versions] block"})
	}
	if problems.Errors() > 0 {
		return fail(problems)
	}
	// The versions from Git, and the working tree's pages not edited,
	// are parsed once: each build takes them from the last one's.
	parsed := &site.ParseCache{}
	if s.parsed != nil {
		parsed = s.parsed.Next()
	}
	b, problems, err := versions.Load(versions.Options{Source: s.opts.Dir, Worktree: s.src, Config: cfg, Drafts: s.opts.Drafts, Now: time.Now(), ParseCache: parsed, Preview: true})
	if err == nil {
		s.parsed = parsed
	}
	if err != nil {
		// What stops versions from being read at all (no repository, a
		// shallow clone) is no line's fault, but the versions block's.
		return fail(site.Problems{{File: site.ConfigFile, Msg: err.Error()}})
	}
	defer b.Close()
	if problems.Errors() > 0 {
		return fail(problems)
	}
	// Versions whose inputs did not change are kept from the snapshot
	// served: an edit of the working tree renders its version only.
	var prev *render.MemOutput
	if sn := s.snap.Load(); sn != nil {
		prev = sn.files
	}
	out := render.NewMemOutputAfter(prev)
	if err := b.Render(context.Background(), out); err != nil {
		return fail(site.ProblemsOf(err))
	}
	// The pages are the versions', the live reload script the working
	// tree's theme's.
	theme, err := render.SiteTheme(s.src, cfg)
	var liveJS []byte
	if err == nil {
		liveJS, err = render.LiveScript(theme)
	}
	if err != nil {
		return fail(site.ProblemsOf(err))
	}
	s.themeWarnings = render.ThemeWarnings(theme)
	s.report(problems)
	s.problems.Store(nil)
	s.swap(&snapshot{files: out, liveJS: liveJS})
	s.live.send("reload")
	if changed != nil {
		var rendered []string
		for _, v := range b.Versions {
			if !v.Kept {
				rendered = append(rendered, v.Name)
			}
		}
		fmt.Fprintf(s.opts.Log, "rebuilt %s in %s, kept %d (%s)\n", versionList(rendered), time.Since(start).Round(time.Millisecond), len(b.Versions)-len(rendered), describe(changed))
	}
	return Pages, nil
}

// versionList names the versions rebuilt: "version draft", "versions
// draft, q3".
func versionList(names []string) string {
	switch len(names) {
	case 0:
		return "no version"
	case 1:
		return "version " + names[0]
	}
	return "versions " + strings.Join(names, ", ")
}

func readFile(fsys fs.FS, name string) []byte {
	b, _ := fs.ReadFile(fsys, name)
	return b
}

func (c Refresh) event() string {
	if c == Styles {
		return "css"
	}
	return "reload"
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func describe(changed []string) string {
	if historyOnly(changed) {
		return "a commit or tag"
	}
	if len(changed) == 1 {
		return changed[0]
	}
	return fmt.Sprintf("%d files", len(changed))
}

// report prints the problems of a build, unless they are the ones printed
// last: an author saving a broken file twice sees its error once.
func (s *Server) report(problems site.Problems) {
	s.printOnce(problemsText(slices.Concat(problems, s.themeWarnings, s.refused)))
}

// problemsText is problems a line each.
func problemsText(problems site.Problems) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString(p.String() + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// printOnce prints the lines of text (problems a line each) that the
// text printed last did not have, warnings before errors so that the
// errors are what the terminal ends with, and how many of its lines went:
// each save reprinted every warning of the site, and the error scrolled
// away among them.
func (s *Server) printOnce(text string) {
	if text == s.shown {
		return
	}
	// A problem is the same one wherever lines above it moved it.
	was := map[string]int{}
	if s.shown != "" {
		for _, l := range strings.Split(s.shown, "\n") {
			was[unplaced(l)]++
		}
	}
	s.shown = text
	if text == "" {
		fmt.Fprintln(s.opts.Log, "all problems fixed")
		return
	}
	var warnings, errs []string
	for _, l := range strings.Split(text, "\n") {
		if k := unplaced(l); was[k] > 0 {
			was[k]--
			continue
		}
		if strings.Contains(l, ": warning: ") {
			warnings = append(warnings, l)
		} else {
			errs = append(errs, l)
		}
	}
	for _, l := range append(warnings, errs...) {
		fmt.Fprintln(s.opts.Log, l)
	}
	fixed := 0
	for _, n := range was {
		fixed += n
	}
	if fixed > 0 {
		fmt.Fprintf(s.opts.Log, "%s fixed\n", plural(fixed, "problem"))
	}
}

// linePlace is the line and column after a problem's file.
var linePlace = regexp.MustCompile(`^([^:]*):\d+(?::\d+)?: `)

// unplaced returns a problem's line as printed without its line and
// column.
func unplaced(line string) string { return linePlace.ReplaceAllString(line, "$1: ") }

// plural returns "1 problem", "2 problems".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Problems returns the errors of the latest build, or nil.
func (s *Server) Problems() site.Problems {
	if p := s.problems.Load(); p != nil {
		return *p
	}
	return nil
}

// File returns a file of the current snapshot, as a build would write it.
func (s *Server) File(name string) ([]byte, error) {
	s.patching.RLock()
	defer s.patching.RUnlock()
	return s.snap.Load().file(name)
}

// Names returns the names of all files of the current snapshot.
func (s *Server) Names() []string {
	s.patching.RLock()
	defer s.patching.RUnlock()
	sn := s.snap.Load()
	if sn.files != nil {
		return sn.files.Names()
	}
	return sn.r.Names()
}

func (sn *snapshot) file(name string) ([]byte, error) {
	if sn.files != nil {
		if b, ok := sn.files.File(name); ok {
			return b, nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if b, ok := sn.cache.Load(name); ok {
		return b.([]byte), nil
	}
	b, err := sn.r.File(name)
	if err != nil {
		return nil, err
	}
	sn.cache.Store(name, b)
	return b, nil
}

// ServeHTTP serves the current snapshot, the live reload script and its
// event stream. HTML pages get the script that keeps them live.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch req.URL.Path {
	case eventsPath:
		s.serveEvents(w, req)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(s.snap.Load().liveJS)
		return
	}
	b, name, status, sn := s.page(req.URL.Path)
	if status == http.StatusMovedPermanently {
		to := url.URL{Path: req.URL.Path + "/", RawQuery: req.URL.RawQuery}
		http.Redirect(w, req, to.RequestURI(), http.StatusMovedPermanently)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(b)
	}
	if strings.HasPrefix(ctype, "text/html") {
		b = injectScript(b, req.URL.Path, sn.build, sn.sum(b, status))
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if req.Method != http.MethodHead {
		w.Write(b)
	}
}

// page returns the file at URL path u of the current snapshot, its name,
// the status to answer with, and the snapshot. A page is read whole
// while no rebuild changes the site.
func (s *Server) page(u string) (b []byte, name string, status int, sn *snapshot) {
	s.patching.RLock()
	defer s.patching.RUnlock()
	sn = s.snap.Load()
	name, ok := fileName(u)
	var err error
	if ok {
		b, err = sn.file(name)
		if errors.Is(err, fs.ErrNotExist) && path.Ext(name) == "" {
			// "/promises/x" is the folder "/promises/x/".
			if _, err := sn.file(name + "/index.html"); err == nil {
				return nil, name, http.StatusMovedPermanently, sn
			}
		}
	}
	status = http.StatusOK
	switch {
	case sn.unbuilt:
		status, name = http.StatusServiceUnavailable, "error.html"
		// The overlay of the live script says why, and where.
		// The mark tells it that no good version is underneath.
		b = []byte("<!doctype html><html data-playbook-unbuilt><title>The site could not be built</title><body></body></html>")
	case !ok || errors.Is(err, fs.ErrNotExist):
		status, name = http.StatusNotFound, "404.html"
		b, err = sn.file(name)
		switch {
		case err != nil:
			b = []byte("<!doctype html><title>Not found</title><h1>Not found</h1>")
		case sn.files == nil:
			// The 404 page is made for the site root; shown at any
			// path, its relative links need the root as their base. A
			// versioned site's is its latest version's, whose own
			// script finds the version asked for.
			b = bytes.Replace(b, []byte("<head>"), []byte(`<head><base href="/">`), 1)
		}
	case err != nil:
		// A layout failing on this page: say so where the author looks.
		status, name = http.StatusInternalServerError, "error.html"
		b = []byte("<!doctype html><title>Build error</title><body><h1>This page could not be rendered</h1><pre>" +
			html.EscapeString(err.Error()) + "</pre></body>")
	}
	return b, name, status, sn
}

// fileName maps a URL path to a file of the site: "/" is "index.html",
// "/x/" is "x/index.html". It refuses any path that is not clean, so that
// nothing outside the site can be named.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.Contains(urlPath, "\\") || strings.ContainsRune(urlPath, 0) {
		return "", false
	}
	clean := path.Clean(urlPath)
	if strings.HasSuffix(urlPath, "/") && clean != "/" {
		clean += "/"
	}
	if clean != urlPath {
		return "", false
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// injectScript adds the live script to page, the answer at urlPath of
// build, whose sum is sum: the script tells the event stream what the page
// shows (see view).
func injectScript(page []byte, urlPath string, build int64, sum string) []byte {
	tag := []byte(`<script src="` + scriptPath + `" data-build="` + strconv.FormatInt(build, 10) +
		`" data-path="` + html.EscapeString(urlPath) + `" data-page="` + sum + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
