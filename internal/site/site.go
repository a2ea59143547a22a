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
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"playbook/internal/markdown"
)

// ContentDir is the folder of a site that holds its pages.
const ContentDir = "content"

// MaxFileSize is the largest Markdown file Load reads; a bigger one is
// almost certainly a mistake (a data dump saved as .md) and would stall
// every build.
const MaxFileSize = 8 << 20

// Options controls Load.
type Options struct {
	// Drafts includes pages marked draft.
	Drafts bool
	// Now is the time reviews are judged against; zero means time.Now().
	Now time.Time
	// Shared, if set, lets the Loads of several versions of a site parse
	// the files they have in common once.
	Shared *Shared
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
	// Files lists the other files under content/ (images, PDFs), as paths
	// from the site root; each is published at FileURL(path).
	Files []string
	// Markdown renders the pages' Markdown.
	Markdown *markdown.Converter

	byID   map[string]*Page
	byFile map[string]*Page
	files  map[string]bool
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

// Promises returns the promises, those with the worst chain status first,
// then by title: the order of the Alignment page.
func (s *Site) Promises() []*Page {
	ps := s.OfType(TypePromise)
	slices.SortStableFunc(ps, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Chain.Status, b.Chain.Status), compareTitles(a, b))
	})
	return ps
}

// Load reads the site in fsys. It returns the site even when there are
// errors among the problems.
func Load(fsys fs.FS, opts Options) (*Site, Problems) {
	return NewLoader(fsys, opts).Load(nil)
}

// loader holds the state of one Load.
type loader struct {
	site  *Site
	cache *fileCache
	fsys  fs.FS
	opts  Options
	ps    *problems
	// sections by folder ("content", "content/promises").
	sections map[string]*Page
	// files are the Markdown files found, in walk order.
	files []string
	pages []*Page
	// rels holds each page's relation ids until they are resolved.
	rels map[*Page]*relations
	// kept are the pages published: no drafts, unless asked for.
	kept []*Page
	// drafts and draftFiles are the drafts left out, by id and by file,
	// so that a relation or link to one says so.
	drafts     map[string]*Page
	draftFiles map[string]*Page
	// ambiguous ids belong to more than one page.
	ambiguous map[string]bool
	// failed are the files that could not be read, and their default ids.
	failed, failedIDs map[string]bool
	// configKey identifies the settings pages were read with.
	configKey string
}

// walk lists content/: its folders become sections, its Markdown files are
// queued for reading, and other files are published as they are. A
// symbolic link is followed only to a file inside content/: anything else
// of the site's folder (the repository's .git/config) must never be
// published through one.
func (l *loader) walk() {
	if info, err := fs.Lstat(l.fsys, ContentDir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// Everything of the site's folder could be inside the folder it
		// leads to.
		target, _ := fs.ReadLink(l.fsys, ContentDir)
		l.ps.errorf(ContentDir, 1, "content/ is a symbolic link to %s: make it a folder", printable(target))
		l.sections[ContentDir] = &Page{File: ContentDir, IsSection: true}
		return
	}
	err := fs.WalkDir(l.fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir {
				return err
			}
			l.ps.errorf(p, 1, "read: %v", unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != ContentDir && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(name) {
			// No URL can be made of it, and the file system may refuse
			// to open it.
			what := "file"
			if d.IsDir() {
				what = "folder"
			}
			l.ps.errorf(p, 1, "%s name is not valid UTF-8: rename it", what)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			l.sections[p] = &Page{File: p, IsSection: true}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			real, err := FollowLink(l.fsys, p, ContentDir)
			if err != nil {
				l.ps.errorf(p, 1, "%v: not published", err)
				return nil
			}
			info, err := fs.Stat(l.fsys, real)
			if err != nil {
				l.ps.errorf(p, 1, "read: %v", unwrapPath(err))
				return nil
			}
			if info.IsDir() {
				l.ps.warnf(p, 1, "symbolic link to a folder: not followed")
				return nil
			}
		}
		if isMarkdown(name) {
			l.files = append(l.files, p)
		} else {
			l.site.Files = append(l.site.Files, p)
			l.site.files[p] = true
		}
		return nil
	})
	if err != nil {
		l.ps.errorf(ContentDir, 1, "read: %v", unwrapPath(err))
	}
	if l.sections[ContentDir] == nil {
		l.sections[ContentDir] = &Page{File: ContentDir, IsSection: true}
	}
}

// Ignored reports whether a file or folder is left out of a site: hidden
// files, and the files editors and tools write while saving (back-ups, swap
// files, JetBrains' safe-write copies, vim's write test "4913").
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".tmp") || strings.Contains(name, "___jb_") || name == "4913"
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// indexRank ranks the names of files that stand for their folder, best
// first; 0 means a name that does not.
func indexRank(name string) int {
	switch strings.ToLower(strings.TrimSuffix(name, path.Ext(name))) {
	case "_index":
		return 3
	case "index":
		return 2
	case "readme":
		return 1
	}
	return 0
}

// readPages reads and parses the Markdown files on all cores, or takes
// them from the cache when they have not changed.
func (l *loader) readPages() {
	l.pages = make([]*Page, len(l.files))
	read := make([]*readResult, len(l.files))
	parallel(len(l.files), func(i int) {
		file := l.files[i]
		r := l.cache.get(file)
		if r == nil && l.opts.Shared != nil {
			// Versions of a site share most files: parse each content once.
			r = &readResult{}
			if src, ok := l.readFile(file, &r.problems); ok {
				key := l.sharedKey(file, src)
				if shared := l.opts.Shared.get(key); shared != nil {
					r = shared
				} else {
					r.page, r.rels = l.parsePage(file, src, &r.problems)
					l.opts.Shared.put(key, r)
				}
			}
			l.cache.put(file, r)
		}
		if r == nil {
			r = &readResult{}
			r.page, r.rels = l.readPage(file, &r.problems)
			l.cache.put(file, r)
		}
		read[i] = r
	})
	l.rels = map[*Page]*relations{}
	l.failed, l.failedIDs = map[string]bool{}, map[string]bool{}
	for i, r := range read {
		l.ps.list = append(l.ps.list, r.problems.list...)
		if r.page == nil {
			// Its own problem says why; links and relations to it would
			// only repeat that.
			name := path.Base(l.files[i])
			l.failed[l.files[i]] = true
			l.failedIDs[Slug(strings.TrimSuffix(name, path.Ext(name)))] = true
		}
		if r.page != nil {
			// Later steps fill in the page; the cached one stays as read.
			p := r.page.clone()
			l.pages[i] = p
			l.rels[p] = r.rels
		}
	}
}

// parallel calls f(0), ..., f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// readPage reads one Markdown file. It returns nil if the file cannot be a
// page at all.
func (l *loader) readPage(file string, ps *problems) (*Page, *relations) {
	src, ok := l.readFile(file, ps)
	if !ok {
		return nil, nil
	}
	return l.parsePage(file, src, ps)
}

// readFile reads a Markdown file, refusing one too big to be a page.
func (l *loader) readFile(file string, ps *problems) ([]byte, bool) {
	info, err := fs.Stat(l.fsys, file)
	if err != nil {
		ps.errorf(file, 1, "read: %v", unwrapPath(err))
		return nil, false
	}
	if info.Size() > MaxFileSize {
		ps.errorf(file, 1, "file is %.1f MiB; pages are limited to %d MiB", float64(info.Size())/(1<<20), MaxFileSize>>20)
		return nil, false
	}
	src, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		ps.errorf(file, 1, "read: %v", unwrapPath(err))
		return nil, false
	}
	return src, true
}

// parsePage makes the page of a Markdown file from its content.
func (l *loader) parsePage(file string, src []byte, ps *problems) (*Page, *relations) {
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		ps.list = append(ps.list, Problem{File: file, Line: line, Col: col, Msg: "invalid UTF-8: save the file as UTF-8"})
		return nil, nil
	}
	format, fmText, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		ps.errorf(file, 1, "%v", err)
		return nil, nil
	}
	p := &Page{File: file, bodyLine: bodyLine}
	dir, name := path.Split(file)
	dir = strings.TrimSuffix(dir, "/")
	if indexRank(name) > 0 {
		p.IsSection = true
	}
	if format != "" {
		p.fm = decodeFrontMatter(file, format, fmText, ps)
		if p.fm == nil {
			return nil, nil
		}
	}
	parse := l.site.Markdown.Parse
	if p.fm != nil && p.fm.has("title") {
		parse = l.site.Markdown.ParseTitled
	}
	doc, err := parse(body)
	var le *markdown.LimitError
	if errors.As(err, &le) {
		ps.errorf(file, bodyLine+le.Line-1, "%s", le.Msg)
	}
	p.Doc = doc
	// Thousands of syntax trees would not fit in memory together: keep
	// what was learnt, and let the renderer parse each page again.
	p.Doc.Release()

	f := p.fm
	if f == nil {
		f = &frontMatter{file: file, data: map[string]any{}, used: map[string]bool{}, ps: ps}
	}
	p.Title = cmp.Or(f.string("title"), p.Doc.Title)
	p.ID = f.string("id")
	p.Description = f.string("description")
	p.Weight = f.int("weight")
	p.Tags = f.strings("tags")
	p.Draft = f.bool("draft")
	p.Owner = f.string("owner")
	p.Reviewed = f.date("reviewed")
	if s := f.string("review_every"); s != "" {
		iv, err := ParseInterval(s)
		if err != nil {
			f.errorf("review_every", "review_every: %v", err)
		}
		p.ReviewEvery = iv
	}
	p.Aliases = f.strings("aliases")
	if !p.IsSection {
		p.Type = l.typeOf(dir, f, format != "")
	} else if f.has("type") {
		f.get("type")
		f.errorf("type", "type: a section index (%s) has no type; set the type of its pages in site.toml [types]", name)
	}
	rel := p.readTypeFields(f)
	p.Params = f.unused()
	return p, rel
}

// typeOf returns the type of a page in folder dir: its own type key, else
// the nearest [types] entry of site.toml, else the type its top-level
// section is named after, else page.
func (l *loader) typeOf(dir string, f *frontMatter, hasFrontMatter bool) string {
	if t := f.string("type"); t != "" {
		if c := canonicalType(t); c != "" {
			return c
		}
		f.errorf("type", "type: unknown type %q (want one of %s)", t, strings.Join(Types, ", "))
		return TypePage
	}
	if !hasFrontMatter {
		return TypePage
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(dir, ContentDir), "/")
	for d := rel; d != "" && d != "."; d = path.Dir(d) {
		for sec, typ := range l.site.Config.Types {
			if strings.Trim(sec, "/") == d || slugPath(strings.Trim(sec, "/")) == slugPath(d) {
				return typ
			}
		}
	}
	if first, _, _ := strings.Cut(rel, "/"); first != "" {
		if t := canonicalType(Slug(first)); t != "" {
			return t
		}
	}
	return TypePage
}

// relations holds the ids a page's front matter names, until resolved.
type relations struct {
	positioning, fulfils, promises, appliesTo []string
	gaps                                      []string // the promise of each gap; "" if none
}

// readTypeFields reads the fields of p's type and checks the required ones.
func (p *Page) readTypeFields(f *frontMatter) *relations {
	r := &relations{}
	require := func(key, value string) {
		if value == "" {
			f.ps.errorf(p.File, 1, "missing %q: a %s page must have one", key, p.Type)
		}
	}
	switch p.Type {
	case TypePositioning:
		p.Position = f.string("position")
		p.ValueProposition = f.string("value_proposition")
		p.Segment = f.string("segment")
		require("position", p.Position)
	case TypePromise:
		p.Statement = f.string("promise")
		p.Expectation = f.string("expectation")
		p.Channels = f.strings("channels")
		r.positioning = f.strings("positioning")
		require("promise", p.Statement)
	case TypeBehaviour:
		p.Stage = strings.ToLower(f.string("stage"))
		p.Roles = f.strings("roles")
		r.fulfils = f.strings("fulfils")
		require("stage", p.Stage)
		if p.Stage != "" && p.Stage != StageSales && p.Stage != StageService {
			f.errorf("stage", "stage: %q is not a stage (want %q or %q)", p.Stage, StageSales, StageService)
		}
	case TypeStandard:
		p.Roles = f.strings("roles")
		r.appliesTo = f.strings("applies_to")
	case TypeFAQ:
		p.Question = f.string("question")
		p.Audience = f.string("audience")
		r.promises = f.strings("promises")
		require("question", p.Question)
	case TypeCompetitor:
		p.Name = f.string("competitor")
		require("competitor", p.Name)
		for _, t := range f.tables("gaps") {
			g := Gap{Area: tableString(t, "area"), Theirs: tableString(t, "theirs"), Ours: tableString(t, "ours")}
			if g.Area == "" {
				f.errorf("gaps", "gaps: every gap needs an \"area\"")
			}
			if v, ok := t["promise"]; ok {
				if _, isText := v.(string); !isText {
					f.errorf("gaps", "gaps: a gap's \"promise\" is the id of one promise, not %s", describe(v))
					delete(t, "promise")
				}
			}
			p.Gaps = append(p.Gaps, g)
			r.gaps = append(r.gaps, tableString(t, "promise"))
		}
	case TypeCampaign:
		p.Starts = f.date("starts")
		p.Ends = f.date("ends")
		p.Offer = f.string("offer")
		r.promises = f.strings("promises")
		if p.Starts.IsZero() && !f.has("starts") {
			require("starts", "")
		}
		if p.Ends.IsZero() && !f.has("ends") {
			require("ends", "")
		}
		if !p.Starts.IsZero() && !p.Ends.IsZero() && p.Ends.Before(p.Starts) {
			f.errorf("ends", "ends: the campaign ends (%s) before it starts (%s)", p.Ends.Format(time.DateOnly), p.Starts.Format(time.DateOnly))
		}
	case TypePersona:
		p.Role = f.string("role")
		p.Pains = f.strings("pains")
		p.Criteria = f.strings("criteria")
		require("role", p.Role)
	}
	return r
}

func tableString(t map[string]any, key string) string {
	if v, ok := t[key]; ok && v != nil {
		return strings.TrimSpace(fmt.Sprint(v))
	}
	return ""
}

// buildTree drops drafts, gives every page its id, URL and section, and
// checks that ids and URLs are unique.
func (l *loader) buildTree() {
	s := l.site
	// Index files stand for their folder; the best-ranked one wins and the
	// others stay ordinary pages (a README.md beside an _index.md).
	best := map[string]*Page{}
	for _, p := range l.pages {
		if p == nil || !p.IsSection {
			continue
		}
		dir := path.Dir(p.File)
		cur := best[dir]
		if cur == nil {
			best[dir] = p
			continue
		}
		switch rank, curRank := indexRank(path.Base(p.File)), indexRank(path.Base(cur.File)); {
		case rank > curRank:
			cur.demote()
			best[dir] = p
		case rank == curRank:
			l.ps.errorf(p.File, 1, "%s and %s both stand for folder %s", cur.File, p.File, dir)
			p.demote()
		default:
			p.demote()
		}
	}
	for dir, p := range best {
		l.sections[dir] = p
	}
	dirs := make([]string, 0, len(l.sections))
	for d := range l.sections {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	for _, d := range dirs {
		sec := l.sections[d]
		sec.sectionDir = d
		if d == ContentDir {
			sec.URL = ""
			s.Home = sec
		} else {
			sec.URL = slugPath(strings.TrimPrefix(d, ContentDir+"/")) + "/"
		}
		if sec.ID == "" {
			if d == ContentDir {
				sec.ID = "home"
			} else {
				sec.ID = strings.TrimSuffix(sec.URL, "/")
			}
		}
		if sec.Title == "" {
			if d == ContentDir {
				sec.Title = cmp.Or(s.Config.Title, "Playbook")
			} else {
				sec.Title = sectionTitle(path.Base(d))
			}
		}
		if d != ContentDir {
			sec.Parent = l.sections[path.Dir(d)]
		}
	}

	for _, p := range l.pages {
		if p == nil || p.IsSection {
			continue
		}
		dir, name := path.Split(p.File)
		dir = strings.TrimSuffix(dir, "/")
		p.Parent = l.sections[dir]
		base := strings.TrimSuffix(name, path.Ext(name))
		p.URL = p.Parent.URL + Slug(base) + "/"
		if p.ID == "" {
			p.ID = Slug(base)
		}
		if p.Title == "" {
			p.Title = humanize(base)
		}
	}

	// Every section and page, sections first, each in file order.
	all := make([]*Page, 0, len(l.pages)+len(l.sections))
	for _, d := range dirs {
		all = append(all, l.sections[d])
	}
	for _, p := range l.pages {
		if p != nil && !p.IsSection {
			all = append(all, p)
		}
	}
	for _, p := range all {
		p.sortTitle = strings.ToLower(p.Title)
	}

	// A handbook without site.toml is named by its home page.
	if s.Config.Title == "" {
		s.Config.Title = s.Home.Title
	}

	// Drafts and their sub-trees are left out.
	l.drafts, l.draftFiles = map[string]*Page{}, map[string]*Page{}
	var draftDirs []string
	for _, p := range all {
		if strings.Contains("/"+p.URL, "//") {
			// "???.md" or a folder named "---": nothing to make a URL of.
			l.ps.errorf(p.File, 1, "the name %q has no letter or digit to make a URL of: rename it", path.Base(p.File))
			l.failed[p.File] = true
			continue
		}
		if !l.opts.Drafts && p.isDraft() {
			l.drafts[p.ID], l.draftFiles[p.File] = p, p
			if p.IsSection {
				l.draftFiles[p.sectionDir] = p
				draftDirs = append(draftDirs, p.sectionDir+"/")
			}
			continue
		}
		l.kept = append(l.kept, p)
	}
	// The images and documents of a draft section are left out with it.
	s.Files = slices.DeleteFunc(s.Files, func(f string) bool {
		for _, d := range draftDirs {
			if strings.HasPrefix(f, d) {
				delete(s.files, f)
				return true
			}
		}
		return false
	})

	urls := map[string]*Page{}
	for _, r := range reservedURLs {
		urls[r] = nil
	}
	for _, p := range l.kept {
		q, dupURL := urls[p.URL]
		switch {
		case dupURL && q == nil:
			l.ps.errorf(p.File, 1, "the URL /%s is reserved for a page playbook generates", p.URL)
		case dupURL && q.IsSection != p.IsSection:
			l.ps.errorf(p.File, 1, "%s", pageBesideFolder(p, q))
		case dupURL:
			l.ps.errorf(p.File, 1, "duplicate URL /%s: %s has it too (file names differ only in case or punctuation)", p.URL, q.File)
		default:
			urls[p.URL] = p
		}
		if q, dup := s.byID[p.ID]; dup && !(dupURL && (p.IsSection || q.IsSection)) {
			l.ps.errorf(p.File, p.fm.keyLine("id"), "duplicate id %q: %s has it too", p.ID, q.File)
			// Neither page may take the relations meant for the other.
			l.ambiguous[p.ID] = true
		} else if !dup {
			s.byID[p.ID] = p
		}
		s.byFile[p.File] = p
		if p.IsSection {
			s.byFile[p.sectionDir] = p
		}
		if p.Parent != nil {
			p.Parent.Children = append(p.Parent.Children, p)
		}
	}
}

// pageBesideFolder says how to fix a page and a folder beside it with the
// same name ("x.md" and "x/"): both would be at /x/, and the fix is the
// folder's index file.
func pageBesideFolder(a, b *Page) string {
	page, folder := a, b
	if a.IsSection {
		page, folder = b, a
	}
	name, dir := path.Base(page.File), path.Base(folder.sectionDir)
	msg := fmt.Sprintf("the page %s and the folder %s/ would have the same URL /%s", name, dir, page.URL)
	if folder.HasFile() {
		return fmt.Sprintf("%s: merge %s into %s/%s", msg, name, dir, path.Base(folder.File))
	}
	return fmt.Sprintf("%s: move %s to %s/_index.md", msg, name, dir)
}

// demote makes an index file that lost to a better one an ordinary page.
func (p *Page) demote() {
	p.IsSection = false
	p.Type = TypePage
}

// isDraft reports whether p or a section above it is a draft.
func (p *Page) isDraft() bool {
	for q := p; q != nil; q = q.Parent {
		if q.Draft {
			return true
		}
	}
	return false
}

// finish orders the navigation, lists pages in reading order, gathers
// tags, and judges chains and reviews.
func (l *loader) finish() {
	s := l.site
	var visit func(p *Page)
	visit = func(p *Page) {
		s.Pages = append(s.Pages, p)
		slices.SortStableFunc(p.Children, compareNav)
		for _, c := range p.Children {
			visit(c)
		}
	}
	visit(s.Home)

	tags := map[string]*Tag{}
	for _, p := range s.Pages {
		for _, t := range p.Tags {
			slug := Slug(t)
			tag := tags[slug]
			switch {
			case slug == "":
				l.ps.errorf(p.File, p.fm.valueLine("tags", t), "tags: %q has no letter or digit to make a URL of", t)
				continue
			case tag != nil && tag.Name != t && !strings.EqualFold(tag.Name, t):
				l.ps.errorf(p.File, p.fm.valueLine("tags", t), "tags: %q and %q would share the page /%s: use one spelling", t, tag.Name, tag.URL)
				continue
			}
			if tag == nil {
				tag = &Tag{Name: t, URL: "tags/" + slug + "/"}
				tags[slug] = tag
				s.Tags = append(s.Tags, tag)
			}
			tag.Pages = append(tag.Pages, p)
		}
		if p.Type == TypePromise {
			p.Chain = chainOf(p)
			l.warnChain(p)
		}
		if !p.ReviewEvery.IsZero() {
			switch due := p.ReviewEvery.After(p.Reviewed); {
			case p.Reviewed.IsZero():
				p.Stale = true
				l.ps.warnf(p.File, p.fm.keyLine("review_every"), "review overdue: reviewed every %s but never reviewed (set \"reviewed\")", p.ReviewEvery)
			case l.opts.Now.After(due):
				p.Stale = true
				l.ps.warnf(p.File, p.fm.keyLine("reviewed"), "review overdue: last reviewed %s, due every %s (since %s)",
					p.Reviewed.Format(time.DateOnly), p.ReviewEvery, due.Format(time.DateOnly))
			}
		}
	}
	slices.SortFunc(s.Tags, func(a, b *Tag) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	l.checkOutputNames()
	// Front matter was kept to point problems at lines; they are all found.
	for _, p := range s.Pages {
		p.fm = nil
	}
}

// checkOutputNames reports files that would land on one another in the
// output: a file under content/ or an alias on a page, on a page playbook
// generates, or on another file or alias.
func (l *loader) checkOutputNames() {
	s := l.site
	taken := map[string]string{} // output file → what makes it
	for _, p := range s.Pages {
		taken[p.URL+"index.html"] = p.File
	}
	claim := func(name, by string, line int, what string) {
		switch prev, ok := taken[name]; {
		case ok:
			l.ps.errorf(by, line, "%s would be published as /%s, where %s is", what, name, prev)
		case isGenerated(name):
			l.ps.errorf(by, line, "%s would be published as /%s, where playbook puts a page of its own", what, name)
		default:
			taken[name] = by
		}
	}
	for _, f := range s.Files {
		claim(FileURL(f), f, 1, "this file")
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			name, ok := AliasFile(a)
			if !ok {
				l.ps.errorf(p.File, p.fm.valueLine("aliases", a), "aliases: %q is not a path of the site", a)
				continue
			}
			claim(name, p.File, p.fm.valueLine("aliases", a), fmt.Sprintf("alias %q", a))
		}
	}
}

// AliasFile returns the file an alias of a page is published as:
// "old/path" is "old/path/index.html", "old.html" stays as it is.
func AliasFile(alias string) (string, bool) {
	u := strings.Trim(path.Clean("/"+alias), "/")
	if u == "" || !fs.ValidPath(u) {
		return "", false
	}
	if path.Ext(u) == "" {
		u += "/index.html"
	}
	return u, true
}

func (l *loader) warnChain(p *Page) {
	switch {
	case !p.Chain.HasExpectation:
		l.ps.warnf(p.File, 1, "promise %q is disconnected: it states no \"expectation\"", p.ID)
	case p.Chain.Status == Disconnected:
		l.ps.warnf(p.File, 1, "promise %q is disconnected: no sales or service behaviour fulfils it", p.ID)
	case p.Chain.Status == SalesGap:
		l.ps.warnf(p.File, 1, "promise %q has a sales gap: no sales behaviour fulfils it", p.ID)
	case p.Chain.Status == ServiceGap:
		l.ps.warnf(p.File, 1, "promise %q has a service gap: no service behaviour fulfils it", p.ID)
	}
}

// compareNav orders pages by weight (weighted ones first), then title.
func compareNav(a, b *Page) int {
	wa, wb := a.Weight, b.Weight
	if (wa == 0) != (wb == 0) {
		if wa == 0 {
			return 1
		}
		return -1
	}
	return cmp.Or(cmp.Compare(wa, wb), compareTitles(a, b))
}

func compareTitles(a, b *Page) int {
	return cmp.Or(cmp.Compare(a.sortTitle, b.sortTitle), cmp.Compare(a.File, b.File))
}

// Slug returns s in lower case with every run of characters other than
// letters and digits replaced by one hyphen: "Q3 Offer (Final)" is
// "q3-offer-final".
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// slugPath slugifies each element of a slash-separated path.
func slugPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = Slug(part)
	}
	return strings.Join(parts, "/")
}

// FileURL returns the URL a content file (a path from the site root) is
// published at: its folders slugified as sections are, its name kept.
func FileURL(file string) string {
	dir, name := path.Split(strings.TrimPrefix(file, ContentDir+"/"))
	if dir == "" {
		return name
	}
	return slugPath(strings.TrimSuffix(dir, "/")) + "/" + name
}

// sectionTitle is the title of a section without one: a folder named
// after a type gets the type's title ("faqs" is "FAQs").
func sectionTitle(dir string) string {
	if t := canonicalType(Slug(dir)); t != "" && Slug(dir) != t {
		return TypeTitles[t]
	}
	return humanize(dir)
}

// humanize turns a file or folder name into a title: "price-lists" is
// "Price lists".
func humanize(name string) string {
	s := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(name))
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return name
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// unwrapPath drops the path from a *fs.PathError: problems name the file
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func invalidUTF8(src []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, utf8.RuneCount(src[start:i]) + 1
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return line, 1
}
