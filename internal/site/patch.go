package site

// Patching the last loaded site after an edit of pages' bodies or titles,
// in place, rather than loading it again: a preview of thousands of pages
// then follows an edit in milliseconds.

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
	"time"

	"playbook/internal/markdown"
)

// An Edit says what Loader.Patch changed in the site.
type Edit struct {
	// Site is the site the last Load returned, changed in place.
	Site     *Site
	Problems Problems
	// Bodies are the pages whose Markdown changed; their own pages and the
	// site's search show it.
	Bodies []*Page
	// Titles are the pages whose title changed, shown by the pages
	// around them and those that list them.
	Titles []*Page
	// Mentions are the pages that more or fewer pages now link to:
	// their MentionedBy changed.
	Mentions []*Page
}

// Patch applies an edit of the page files at changed to the site the last
// Load returned, in place, when the edit changes nothing but their
// Markdown bodies and titles: no id, URL, type, relation, tag or other
// field, no heading id other pages' links may point at, and no new error.
// It reports whether it did; if not, it changed nothing, and Load must be
// called. The result equals that of a fresh Load of the same files.
//
// Whoever reads the site while Patch runs must be kept from it: the site
// is the last one Load returned, not a copy.
func (ld *Loader) Patch(changed []string) (*Edit, bool) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	l := ld.state
	if l == nil || len(changed) == 0 || ld.lastProb.Errors() > 0 || ld.opts.ParseCache != nil || !sameDay(ld.now(), l.site.Now) {
		return nil, false
	}
	edits := make([]*pageEdit, 0, len(changed))
	files := map[string]bool{}
	for _, file := range changed {
		if l.linked[file] {
			// The pages linked to it change too: a Load reads them.
			return nil, false
		}
		e := l.readEdit(file, ld.cache.get(file), ld.lastProb)
		if e == nil || files[file] {
			return nil, false
		}
		if e.page.Title != e.title && slices.ContainsFunc(ld.lastProb, func(p Problem) bool { return p.Check == tagNameCheck }) {
			// The first page in reading order spells a tag: a new order
			// may spell it otherwise.
			return nil, false
		}
		edits = append(edits, e)
		files[file] = true
	}

	// Every edit can be made: from here on the site changes.
	ed := &Edit{Site: l.site}
	for _, e := range edits {
		ld.cache.put(e.page.File, e.read)
		l.applyEdit(e, ed)
	}
	if len(ed.Titles) > 0 {
		l.reorder(ed.Titles)
	}
	var list Problems
	for _, p := range ld.lastProb {
		if !files[p.File] {
			list = append(list, p)
		}
	}
	for _, e := range edits {
		list = append(list, e.problems.list...)
	}
	list.Sort()
	ld.lastProb, l.ps.list = list, list
	ed.Problems = list
	return ed, true
}

// now is the time a Load at this moment judges reviews at.
func (ld *Loader) now() time.Time {
	if ld.opts.Now.IsZero() {
		return time.Now()
	}
	return ld.opts.Now
}

// sameDay reports whether a and b fall on the same day, where they are
// and in UTC: reviews fall due at the start of a day.
func sameDay(a, b time.Time) bool {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	return day(a) == day(b) && day(a.UTC()) == day(b.UTC())
}

// A pageEdit is the new content of one page's file, read and checked
// but not yet part of the site.
type pageEdit struct {
	page  *Page // the page of the site
	read  *readResult
	title string
	// doc is the new Markdown, its links resolved.
	doc      *markdown.Doc
	bodyLine int
	// problems are the page's own: of reading it, of its links and of its
	// Markdown, in the order a Load finds them.
	problems problems
	// to and was are the pages its links lead to now and did before.
	to, was []*Page
}

// readEdit reads the page file again and returns the edit, or nil if
// the edit is more than Patch makes: was is the file as the last Load
// read it, and last that Load's problems.
func (l *loadState) readEdit(file string, was *readResult, last Problems) *pageEdit {
	p := l.site.byFile[file]
	if p == nil || p.IsSection || was == nil || was.page == nil {
		return nil
	}
	before, after, ok := keptProblems(file, was, last)
	if !ok {
		return nil
	}
	r := &readResult{}
	r.page, r.rels = l.readPage(file, &r.problems)
	if r.page == nil || !sameButBody(was, r) || len(before)+len(after) > 0 && !sameLines(was.page.fm, r.page.fm) {
		return nil
	}
	// As placePages titles a page whose front matter and text give none.
	title := cmp.Or(r.page.Title, fileTitle(file))
	e := &pageEdit{page: p, read: r, title: title, bodyLine: r.page.bodyLine}
	// In the order a Load finds them, for problems at one place to keep
	// theirs.
	e.problems.list = append(e.problems.list, r.problems.list...)
	e.problems.list = append(e.problems.list, before...)
	if r.page.Doc != nil {
		// Resolved on a copy: the page served stays as it is until the
		// edit is made.
		np := *p
		np.Doc, np.bodyLine = r.page.Doc.Clone(), r.page.bodyLine
		links, to := l.linkPage(&np)
		e.doc, e.to = np.Doc, to
		e.problems.list = append(e.problems.list, links.list...)
		for _, kind := range []struct {
			check string
			kind  markdown.WarningKind
		}{{rawHTMLCheck, markdown.WarnHTML}, {shortcodeCheck, markdown.WarnShortcode}, {admonitionCheck, markdown.WarnAdmonition}, {headingIDCheck, markdown.WarnHeadingID}, {notLinkCheck, markdown.WarnNotLink}, {slowCodeCheck, markdown.WarnSlowCode}} {
			for _, w := range pageWarnings(&np, kind.kind) {
				w.Check = kind.check
				e.problems.list = append(e.problems.list, w)
			}
		}
	}
	e.problems.list = append(e.problems.list, after...)
	if e.problems.list.Errors() > 0 {
		// The preview keeps the site it had until the error is fixed.
		return nil
	}
	for _, q := range l.kept {
		if slices.Contains(q.MentionedBy, p) {
			e.was = append(e.was, q)
		}
	}
	return e
}

// keptProblems returns the problems at file in last that an edit of the
// body and title leaves as they are, found before a Load resolves links
// and after; the others are those of reading the file (was), of its
// links and of its Markdown, which Patch finds again. It reports false
// if last holds problems at file it cannot tell apart.
func keptProblems(file string, was *readResult, last Problems) (before, after []Problem, ok bool) {
	read := 0
	for _, p := range last {
		if p.File != file {
			continue
		}
		switch p.Check {
		case "":
			read++
		case brokenLinkCheck, rawHTMLCheck, shortcodeCheck, admonitionCheck, headingIDCheck, notLinkCheck, slowCodeCheck:
		case duplicateIndexCheck, unnamedPageCheck, duplicateURLCheck, duplicateIDCheck, brokenRelationCheck:
			before = append(before, p)
		default:
			after = append(after, p)
		}
	}
	return before, after, read == len(was.problems.list)
}

// sameLines reports whether two versions of a page's front matter have
// every key on the same line, the title's aside: problems found in
// front matter point at lines.
func sameLines(a, b *frontMatter) bool {
	if a == nil || b == nil {
		return a == b
	}
	al, bl := a.lines(), b.lines()
	if len(al) != len(bl) {
		return false
	}
	title := keyIndex(al, "title")
	if keyIndex(bl, "title") != title {
		return false
	}
	for i := range al {
		if i != title && al[i] != bl[i] {
			return false
		}
	}
	return true
}

// sameButBody reports whether a page read again differs from the page
// read before in its Markdown body and its title only, and keeps the
// ids of its headings.
func sameButBody(was, now *readResult) bool {
	if !reflect.DeepEqual(was.rels, now.rels) {
		return false
	}
	a, b := *was.page, *now.page
	if (a.Doc == nil) != (b.Doc == nil) || a.Doc != nil && !slices.Equal(a.Doc.IDs, b.Doc.IDs) {
		return false
	}
	a.Doc, b.Doc = nil, nil
	a.Title, b.Title = "", ""
	a.bodyLine, b.bodyLine = 0, 0
	a.fm, b.fm = nil, nil
	return reflect.DeepEqual(a, b)
}

// applyEdit makes e in the site, and records it in ed.
func (l *loadState) applyEdit(e *pageEdit, ed *Edit) {
	p := e.page
	p.Doc, p.bodyLine = e.doc, e.bodyLine
	ed.Bodies = append(ed.Bodies, p)
	if p.Title != e.title {
		p.Title, p.sortTitle = e.title, l.site.collation().key(e.title)
		ed.Titles = append(ed.Titles, p)
	}
	for _, q := range e.was {
		if !slices.Contains(e.to, q) {
			q.MentionedBy = slices.DeleteFunc(slices.Clone(q.MentionedBy), func(r *Page) bool { return r == p })
			ed.Mentions = append(ed.Mentions, q)
		}
	}
	var order map[*Page]int
	for _, q := range e.to {
		if slices.Contains(e.was, q) {
			continue
		}
		if order == nil {
			// MentionedBy lists pages in the order Load reads them.
			order = make(map[*Page]int, len(l.kept))
			for i, k := range l.kept {
				order[k] = i
			}
		}
		i, _ := slices.BinarySearchFunc(q.MentionedBy, p, func(a, b *Page) int { return order[a] - order[b] })
		q.MentionedBy = slices.Insert(slices.Clone(q.MentionedBy), i, p)
		ed.Mentions = append(ed.Mentions, q)
	}
}

// reorder puts the pages in the order their titles give them after the
// titles of pages changed: in their sections, in reading order, in the
// lists of relations pointing at them, and in their tags and roles, as a
// Load orders them.
func (l *loadState) reorder(titled []*Page) {
	s := l.site
	for _, p := range titled {
		slices.SortStableFunc(p.Parent.Children, compareNav)
	}
	pages := make([]*Page, 0, len(s.Pages))
	var visit func(p *Page)
	visit = func(p *Page) {
		pages = append(pages, p)
		for _, c := range p.Children {
			visit(c)
		}
	}
	visit(s.Home)
	s.Pages = pages
	for _, p := range titled {
		for _, q := range relatedTo(p) {
			b := q.Backlinks
			for _, list := range [][]*Page{b.Sales, b.Service, b.FAQs, b.Campaigns, b.Promises, b.Standards} {
				slices.SortStableFunc(list, compareTitles)
			}
		}
	}
	pos := make(map[*Page]int, len(pages))
	for i, p := range pages {
		pos[p] = i
	}
	inReadingOrder := func(a, b *Page) int { return pos[a] - pos[b] }
	isTitled := func(p *Page) bool { return slices.Contains(titled, p) }
	l.reorderTags(isTitled, inReadingOrder)
	l.reorderRoles(isTitled, inReadingOrder)
}

// relatedTo returns the pages whose backlinks list p: those its relations
// name (see resolveRelations).
func relatedTo(p *Page) []*Page {
	qs := slices.Concat(p.Fulfils, p.Promises, p.PositioningPages, p.AppliesTo, p.Competitors)
	for _, g := range p.Gaps {
		if g.Promise != nil {
			qs = append(qs, g.Promise)
		}
	}
	return qs
}

// reorderTags puts the pages of the tags of pages moved (isTitled) in
// reading order, and names each tag as the first of its pages spells it,
// as gatherTags does.
func (l *loadState) reorderTags(isTitled func(*Page) bool, order func(a, b *Page) int) {
	renamed := false
	for _, tag := range l.site.Tags {
		if !slices.ContainsFunc(tag.Pages, isTitled) {
			continue
		}
		slices.SortFunc(tag.Pages, order)
		slug := strings.TrimSuffix(strings.TrimPrefix(tag.URL, "tags/"), "/")
		for _, t := range tag.Pages[0].Tags {
			if Slug(t) == slug {
				renamed = renamed || t != tag.Name
				tag.Name = t
				break
			}
		}
	}
	if renamed {
		slices.SortFunc(l.site.Tags, func(a, b *Tag) int { return l.site.CompareNames(a.Name, b.Name) })
	}
}

// reorderRoles puts the pages of the roles of pages moved (isTitled) in
// reading order, and names each role as gatherRoles does: by the first
// spelling in reading order, or the first after it not written as its
// slug, capitalized, unless [roles] titles it.
func (l *loadState) reorderRoles(isTitled func(*Page) bool, order func(a, b *Page) int) {
	s := l.site
	renamed := false
	for _, r := range s.Roles {
		var pages []*Page
		moved := false
		for _, list := range [][]*Page{r.Behaviours, r.Standards, r.FAQs, r.Campaigns} {
			if slices.ContainsFunc(list, isTitled) {
				slices.SortFunc(list, order)
				moved = true
			}
			pages = append(pages, list...)
		}
		if !moved || r.titled {
			continue
		}
		slices.SortFunc(pages, order)
		name := ""
		for _, p := range pages {
			for _, n := range PageRoles(p) {
				switch slug := roleSlug(n, s.roleAliases); {
				case slug != r.Slug:
				case name == "":
					name = n
				case name == r.Slug && n != r.Slug:
					name = n
				}
			}
		}
		name = capitalized(name)
		renamed = renamed || name != r.Name
		r.Name = name
	}
	if renamed {
		slices.SortFunc(s.Roles, func(a, b *Role) int { return s.CompareNames(a.Name, b.Name) })
	}
}
