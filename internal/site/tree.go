package site

// Building the section tree: index files, sections, URLs, ids, drafts,
// and the reading order.

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

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

// isWikiHome reports whether file is a wiki's front page, Home.md at the
// top of content/: it stands for content/ where no index file does, as
// on a Git host's wiki.
func isWikiHome(file string) bool {
	dir, name := path.Split(file)
	return dir == ContentDir+"/" && strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "home") && isMarkdown(name)
}

// IsIndexFile reports whether a page file named name ("README.md",
// "_index.md") stands for its folder, as a section's own page.
func IsIndexFile(name string) bool { return indexRank(name) > 0 }

// buildTree drops drafts, gives every page its id, URL and section, and
// checks that ids and URLs are unique.
func (l *loadState) buildTree() {
	l.pickIndexFiles()
	dirs := l.placeSections()
	l.placePages()
	all := l.allPages(dirs)
	order := l.site.collation()
	for _, p := range all {
		p.sortTitle = order.key(p.Title)
	}
	// A handbook without site.toml is named by its home page.
	if l.site.Config.Title == "" {
		l.site.Config.Title = l.site.Home.Title
	}
	named := l.refuseUnnamed(all)
	l.dropDrafts(named)
	l.indexPages()
}

// pickIndexFiles makes one index file stand for each folder: the
// best-ranked one wins and the others stay ordinary pages (a README.md
// beside an _index.md).
func (l *loadState) pickIndexFiles() {
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
			l.ps.checkErrorf(duplicateIndexCheck, p.File, 1, "%s and %s both stand for folder %s", cur.File, p.File, dir)
			p.demote()
		default:
			p.demote()
		}
	}
	for dir, p := range best {
		l.sections[dir] = p
	}
	// A page beside a folder of its name with no index file ("Pricing.md"
	// and "Pricing/", as a wiki or a notes tool exports a page and the
	// pages under it) is the folder's page: both would be at one URL. So
	// is a wiki's Home.md of a content/ without one. Each keeps the id
	// its file name makes, as the page it was. A page of a type of its
	// own (a promise) is not: a folder's page shows its pages, not a
	// promise's chain, and the clash is told.
	for _, p := range l.pages {
		if p == nil || p.IsSection || p.Type != TypePage {
			continue
		}
		dir := strings.TrimSuffix(p.File, path.Ext(p.File))
		if isWikiHome(p.File) {
			dir = ContentDir
		}
		if sec := l.sections[dir]; sec != nil && sec.File == dir {
			p.IsSection = true
			if p.ID == "" {
				p.ID, p.derivedID = Slug(path.Base(dir)), true
				if dir == ContentDir {
					p.ID = "home"
				}
			}
			l.sections[dir] = p
		}
	}
}

// placeSections gives every section its URL, id, title and parent, and
// returns their folders, sorted, so that a parent comes before its
// sub-sections.
func (l *loadState) placeSections() []string {
	s := l.site
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
			sec.derivedID = true
		}
		if sec.Title == "" {
			if d == ContentDir {
				sec.Title = cmp.Or(s.Config.Title, "Playbook")
			} else {
				sec.Title = l.sectionTitle(path.Base(d))
			}
		}
		if d != ContentDir {
			sec.Parent = l.sections[path.Dir(d)]
		}
	}
	return dirs
}

// placePages gives every page that is not a section its section, URL, and
// the id and title its file name makes when its front matter sets none.
func (l *loadState) placePages() {
	for _, p := range l.pages {
		if p == nil || p.IsSection {
			continue
		}
		dir, name := path.Split(p.File)
		dir = strings.TrimSuffix(dir, "/")
		p.Parent = l.sections[dir]
		base := strings.TrimSuffix(name, path.Ext(name))
		p.URL = p.Parent.URL + Slug(base) + "/"
		if r := l.rels[p]; r != nil {
			p.URL = l.ownURL(p, r)
		}
		if p.ID == "" {
			p.ID = Slug(base)
			p.derivedID = true
		}
		if p.Title == "" {
			p.Title = fileTitle(p.File)
		}
	}
}

// ownURL returns the URL of page p that its front matter sets as Hugo's
// does ("slug": the URL's last part; "url": the whole, from the site
// root), or the URL it has; a URL that cannot be a page's is warned of.
func (l *loadState) ownURL(p *Page, r *relations) string {
	key, value, u := "", "", ""
	switch {
	case r.url != "":
		key, value = "url", r.url
		clean := strings.Trim(path.Clean("/"+r.url), "/")
		if clean == "" || path.Ext(clean) != "" || slugPath(clean) == "" {
			l.ps.warnf(p.File, p.fm.keyLine(key), "url %q is not used: a page's URL is a folder's path (url = \"/sales/negotiate/\")", value)
			return p.URL
		}
		u = slugPath(clean) + "/"
	case r.slug != "":
		key, value = "slug", r.slug
		s := Slug(r.slug)
		if s == "" {
			l.ps.warnf(p.File, p.fm.keyLine(key), "slug %q is not used: it has no letter or digit", value)
			return p.URL
		}
		u = p.Parent.URL + s + "/"
	default:
		return p.URL
	}
	if isGenerated(u + "index.html") {
		l.ps.warnf(p.File, p.fm.keyLine(key), "%s %q is not used: playbook publishes pages of its own at /%s", key, value, u)
		return p.URL
	}
	if l.setURL == nil {
		l.setURL = map[*Page]string{}
	}
	l.setURL[p] = key
	return u
}

// fileTitle is the title of a page, not a section, whose front matter
// and text give none: its file's name.
func fileTitle(file string) string {
	name := path.Base(file)
	return humanize(strings.TrimSuffix(name, path.Ext(name)))
}

// allPages returns every section and page, sections first (in the order
// of dirs), then pages, in file order.
func (l *loadState) allPages(dirs []string) []*Page {
	all := make([]*Page, 0, len(l.pages)+len(l.sections))
	for _, d := range dirs {
		all = append(all, l.sections[d])
	}
	for _, p := range l.pages {
		if p != nil && !p.IsSection {
			all = append(all, p)
		}
	}
	return all
}

// refuseUnnamed returns the pages of all that have a name to make a URL
// of, and reports the others: "???.md", or a folder named "---".
func (l *loadState) refuseUnnamed(all []*Page) []*Page {
	named := make([]*Page, 0, len(all))
	for _, p := range all {
		if strings.Contains("/"+p.URL, "//") {
			l.ps.checkErrorf(unnamedPageCheck, p.File, 1, "the name %q has no letter or digit to make a URL of: rename it", path.Base(p.File))
			l.failed[p.File] = true
			continue
		}
		named = append(named, p)
	}
	return named
}

// dropDrafts keeps the pages that are published: drafts and their
// sub-trees are left out, with the images and documents of a draft
// section, unless drafts are asked for.
func (l *loadState) dropDrafts(pages []*Page) {
	s := l.site
	l.drafts, l.draftFiles = map[string]*Page{}, map[string]*Page{}
	var draftDirs []string
	for _, p := range pages {
		if !l.opts.Drafts && p.IsDraft() {
			l.drafts[p.ID], l.draftFiles[p.File] = p, p
			if p.IsSection {
				l.draftFiles[p.sectionDir] = p
				draftDirs = append(draftDirs, p.sectionDir+"/")
			}
			continue
		}
		l.kept = append(l.kept, p)
	}
	s.Files = slices.DeleteFunc(s.Files, func(f string) bool {
		for _, d := range draftDirs {
			if strings.HasPrefix(f, d) {
				delete(s.files, f)
				return true
			}
		}
		return false
	})
}

// indexPages indexes the published pages by id and by file, and lists each
// in its section. A URL or id taken twice is reported (see indexIDs).
func (l *loadState) indexPages() {
	s := l.site
	l.uniqueIDs()
	urls := map[string]*Page{}
	for _, r := range reservedURLs {
		urls[r] = nil
	}
	for _, p := range l.kept {
		q, dupURL := urls[p.URL]
		switch key := l.setURL[p]; {
		case dupURL && key != "":
			other := "playbook keeps for a page of its own"
			if q != nil {
				other = q.File + " has too"
			}
			l.ps.checkErrorf(duplicateURLCheck, p.File, p.fm.keyLine(key), "%s gives this page the URL /%s, which %s", key, p.URL, other)
		case dupURL && q != nil && l.setURL[q] != "":
			// Told at the page that set it, which gives it up.
			l.ps.checkErrorf(duplicateURLCheck, q.File, q.fm.keyLine(l.setURL[q]), "%s gives this page the URL /%s, which %s has too", l.setURL[q], p.URL, p.File)
			urls[p.URL] = p
		case dupURL && q == nil:
			l.ps.checkErrorf(duplicateURLCheck, p.File, 1, "the URL /%s is reserved for a page playbook generates", p.URL)
		case dupURL && q.IsSection != p.IsSection:
			l.ps.checkErrorf(duplicateURLCheck, p.File, 1, "%s", pageBesideFolder(p, q))
		case dupURL:
			l.ps.checkErrorf(duplicateURLCheck, p.File, 1, "duplicate URL /%s: %s has it too (file names differ only in case or punctuation)", p.URL, q.File)
		default:
			urls[p.URL] = p
		}
		s.byFile[p.File] = p
		if p.IsSection {
			s.byFile[p.sectionDir] = p
		}
		if p.Parent != nil {
			p.Parent.Children = append(p.Parent.Children, p)
		}
	}
	l.indexIDs()
	// A draft is left out, but a build with drafts reads it: an id its
	// front matter shares with a published page would fail that build,
	// the preview's, and pass CI.
	for _, d := range l.drafts {
		if q := s.ByID(d.ID); q != nil && !d.derivedID {
			l.ps.checkWarnf(duplicateIDCheck, d.File, d.fm.keyLine("id"), "id %q of this draft is already the id of %s: a build with --drafts fails on it", d.ID, q.File)
		}
	}
}

// indexIDs indexes the published pages by id. An id two pages have is
// an error at the page that should give it up, naming the other.
// Relations find a page by its id whatever its case and punctuation
// (ByID), and whatever its type (a promise and an FAQ cannot share one),
// so ids are told apart the same way.
//
// Which page keeps the id does not hang on the order the files were
// read in: an id a page's file or folder name makes is kept over one
// front matter sets, which its author chose and can change, and
// relations naming it lead to the page keeping it. Of two ids alike
// (both set in front matter), the page whose file comes first by path
// keeps it, but the id is ambiguous: neither page takes the relations
// meant for the other.
func (l *loadState) indexIDs() {
	s := l.site
	pages := slices.Clone(l.kept)
	slices.SortStableFunc(pages, func(a, b *Page) int {
		if a.derivedID != b.derivedID {
			if a.derivedID {
				return -1
			}
			return 1
		}
		return strings.Compare(a.File, b.File)
	})
	bySlug := map[string]*Page{} // Slug of each page's id → the page
	for _, p := range pages {
		slug := Slug(p.ID)
		q := s.byID[p.ID]
		if q == nil && slug != "" {
			q = bySlug[slug]
		}
		switch {
		case q == nil:
			s.byID[p.ID] = p
			bySlug[slug] = p
		case p.URL == q.URL && (p.IsSection || q.IsSection || p.derivedID && q.derivedID):
			// A page and a folder of the same name have one id as well
			// as one URL, and so do two files whose names differ only
			// in case: the URL's problem says it all.
		case p.derivedID == q.derivedID:
			// Neither has the better claim: a relation naming the id
			// may mean either page, and takes neither.
			l.ps.checkErrorf(duplicateIDCheck, p.File, p.fm.keyLine("id"), "%s", idTaken(p, q))
			l.ambiguous[slug] = true
		default:
			l.ps.checkErrorf(duplicateIDCheck, p.File, p.fm.keyLine("id"), "%s", idTaken(p, q))
		}
	}
}

// idTaken says that page p has the id page q has: "id "x" is already the
// id of content/promises/x.md".
func idTaken(p, q *Page) string {
	other := q.File
	if !q.HasFile() {
		other = "the folder " + q.File + "/"
	}
	msg := fmt.Sprintf("id %q is already the id of %s", p.ID, other)
	if p.derivedID {
		// No id in front matter: the file's name makes it.
		msg = fmt.Sprintf("the file name makes the id %q, which is already the id of %s", p.ID, other)
	}
	if q.ID != p.ID {
		msg += fmt.Sprintf(", written %q: ids that differ only in case or punctuation are one id", q.ID)
	}
	if p.derivedID {
		return msg + ": set another with id in front matter"
	}
	return msg
}

// uniqueIDs makes unique the ids that pages take from their file names,
// as a handbook has a team-norms.md in many folders: where two pages
// share one (or a section takes it from its folder's name), each of them
// gets its folders' names put before it, nearest first, as many as make it
// unique: sales/team-norms.md is "sales-team-norms", and if that is taken
// too, "emea-sales-team-norms" for emea/sales/team-norms.md. A page at the
// top of content/ has no folder to add and keeps its id. The shared id is
// remembered: a relation naming it is ambiguous.
//
// A page whose file name makes an id another page's front matter sets
// keeps it as it is: the id set is the error (see indexIDs).
func (l *loadState) uniqueIDs() {
	// taken are the ids pages have, or are to have: an id made unique
	// takes none of them.
	taken := map[string]bool{}
	folders := map[string]bool{} // the ids sections take from their folders
	groups := map[string][]*Page{}
	for _, p := range l.kept {
		switch {
		case !p.derivedID:
			taken[p.ID] = true
		case p.IsSection:
			taken[p.ID], folders[p.ID] = true, true
		default:
			groups[p.ID] = append(groups[p.ID], p)
		}
	}
	var shared []string
	for id, ps := range groups {
		if len(ps) > 1 || folders[id] {
			shared = append(shared, id)
		} else {
			taken[id] = true
		}
	}
	slices.Sort(shared)
	for _, id := range shared {
		taken[id] = true
	}
	l.shared = map[string][]*Page{}
	for _, id := range shared {
		ps := groups[id]
		if len(ps) > 1 {
			l.shared[id] = ps
		}
		for _, p := range ps {
			dirs := strings.Split(strings.TrimPrefix(path.Dir(p.File), ContentDir), "/")
			for i := len(dirs) - 1; i > 0 && taken[p.ID]; i-- {
				p.ID = Slug(dirs[i]) + "-" + p.ID
			}
			taken[p.ID] = true
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

// IsDraft reports whether p is a draft: marked draft, or in a section
// marked draft. A site loaded with Options.Drafts shows drafts; the
// search index never holds one.
func (p *Page) IsDraft() bool {
	for q := p; q != nil; q = q.Parent {
		if q.Draft {
			return true
		}
	}
	return false
}

// finish orders the navigation, lists pages in reading order, gathers
// tags, judges chains and reviews, and runs the checks of the loaded site.
func (l *loadState) finish() {
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
	l.gatherTags()
	l.gatherRoles()
	s.Now = l.opts.Now
	l.cascadeReviews()
	for _, p := range s.Pages {
		if p.Type == TypePromise {
			p.Chain = chainOf(p)
			p.FollowUps = followUpsOf(p)
		}
		p.Stale = p.reviewOverdue(l.opts.Now)
	}
	s.keptRoles()
	l.runChecks()
	// Front matter was kept to point problems at lines; they are all found.
	for _, p := range s.Pages {
		p.fm = nil
	}
}

// pack moves what only rendering needs of each page's document out of
// memory (see markdown.Converter.Pack), on all cores.
func (l *loadState) pack() {
	pages := l.site.Pages
	parallel(len(pages), func(i int) {
		p := pages[i]
		if p.Doc == nil {
			return
		}
		// A title read from the text is a piece of the document's
		// strings, which Pack lets go: the page takes the copy Pack
		// keeps.
		fromDoc := p.Title == p.Doc.Title
		l.site.Markdown.Pack(p.Doc)
		if fromDoc {
			// The sort key is a string of its own.
			p.Title = p.Doc.Title
		}
	})
}

// gatherTags lists the tags of the pages, by name. A tag that cannot have
// a page of its own is left out (checkTags reports it).
func (l *loadState) gatherTags() {
	s := l.site
	tags := map[string]*Tag{}
	for _, p := range s.Pages {
		for _, t := range p.Tags {
			slug := Slug(t)
			tag := tags[slug]
			if slug == "" || tag != nil && !sameTag(tag.Name, t) {
				continue
			}
			if tag == nil {
				tag = &Tag{Name: t, URL: "tags/" + slug + "/"}
				tags[slug] = tag
				s.Tags = append(s.Tags, tag)
			}
			tag.Pages = append(tag.Pages, p)
		}
	}
	slices.SortFunc(s.Tags, func(a, b *Tag) int { return s.CompareNames(a.Name, b.Name) })
}

// cascadeReviews gives each page the owner and the review interval it
// does not set itself: a section's owner and review_every are those of
// its pages and sub-sections, down to a page or a section that sets its
// own; a page no section gives an interval to gets its type's from
// site.toml ([review.types]), else every page's ([review] every).
//
// A section is no page to review: what it sets is for the pages in it.
func (l *loadState) cascadeReviews() {
	// own is the interval a section sets or takes from the sections
	// above it, without the defaults of site.toml.
	own := map[*Page]Interval{}
	for _, p := range l.site.Pages { // parents before their children
		var fromParent Interval
		if p.Parent != nil {
			fromParent = own[p.Parent]
			if p.Owner == "" {
				p.Owner = p.Parent.Owner
			}
		}
		if p.IsSection {
			if p.ReviewEvery.IsZero() {
				p.ReviewEvery = fromParent
			}
			own[p] = p.ReviewEvery
			continue
		}
		if p.ReviewEvery.IsZero() {
			p.ReviewEvery = cmp.Or(fromParent, l.site.Config.Review.Interval(p.Type))
		}
	}
}

// reviewOverdue reports whether p is due for review at now and has not
// had it: reviewed every interval but never reviewed, or last reviewed
// longer ago. Sections are not reviewed.
func (p *Page) reviewOverdue(now time.Time) bool {
	if p.IsSection || p.ReviewEvery.IsZero() {
		return false
	}
	return p.Reviewed.IsZero() || now.After(p.ReviewEvery.AddTo(p.Reviewed))
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

// sectionTitle is the title of a section without one: a folder named
// after a type gets the type's title ("faqs" is "FAQs"), in the site's
// language if Options.Words gives it.
func (l *loadState) sectionTitle(dir string) string {
	t := canonicalType(Slug(dir))
	if t == "" || Slug(dir) == t {
		return humanize(dir)
	}
	return cmp.Or(l.words().TypeTitles[t], TypeTitles[t])
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
