package site

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"playbook/internal/markdown"
)

// resolveRelations turns the ids named in front matter into pages, and
// records each relation on the page it points at.
func (l *loadState) resolveRelations() {
	for _, p := range l.kept {
		r := l.rels[p]
		if r == nil {
			continue
		}
		// A relation of a page's type is written to fields of its own
		// (see ownFields); the other types' are shared, and never
		// written.
		if r.positioning != nil {
			p.PositioningPages = l.resolve(p, "positioning", r.positioning, TypePositioning)
		}
		if r.fulfils != nil {
			p.Fulfils = l.resolve(p, "fulfils", r.fulfils, TypePromise)
		}
		if p.Type == TypeBehaviour && r.promises != nil {
			// The key FAQs and campaigns name promises by, where a
			// behaviour's is fulfils: its meaning is clear.
			l.ps.checkWarnf(brokenRelationCheck, p.File, p.fm.keyLine("promises"), "behaviour %q names the promises it keeps in \"promises\", read as \"fulfils\", a behaviour's key for them: rename the key", p.ID)
			for _, q := range l.resolve(p, "promises", r.promises, TypePromise) {
				if !slices.Contains(p.Fulfils, q) {
					p.Fulfils = append(p.Fulfils, q)
				}
			}
			r.promises = nil
		}
		p.Promises = l.resolve(p, "promises", r.promises, TypePromise)
		if r.competitors != nil {
			p.Competitors = l.resolve(p, "competitors", r.competitors, TypeCompetitor)
		}
		if r.appliesTo != nil {
			p.AppliesTo = l.resolve(p, "applies_to", r.appliesTo, "")
		}
		p.Start = l.resolve(p, "start", r.start, "")
		if b := r.briefing; b != "" {
			// A heading of the page's own ("#briefing"), the id of the
			// page that briefs when one has it, else the briefing itself.
			if h := p.heading(b); h != nil {
				p.BriefingSection = h.ID
			} else if q := l.site.ByID(b); q != nil && q != p && !strings.ContainsAny(b, " \n") {
				p.BriefingPage = q
			} else {
				p.Briefing = b
			}
		}
		for i, id := range r.gaps {
			if id != "" {
				if ps := l.resolve(p, "gaps", []string{id}, TypePromise); len(ps) == 1 {
					p.Gaps[i].Promise = ps[0]
				}
			}
		}
	}
	for _, p := range l.kept {
		for _, q := range p.Fulfils {
			if p.Stage == StageSales {
				b := q.backlinks()
				b.Sales = append(b.Sales, p)
			} else if p.Stage == StageService {
				b := q.backlinks()
				b.Service = append(b.Service, p)
			}
		}
		for _, q := range p.Promises {
			switch p.Type {
			case TypeFAQ:
				b := q.backlinks()
				b.FAQs = append(b.FAQs, p)
			case TypeCampaign:
				b := q.backlinks()
				b.Campaigns = append(b.Campaigns, p)
			}
		}
		for _, q := range p.Competitors {
			b := q.backlinks()
			b.FAQs = append(b.FAQs, p)
		}
		for _, q := range p.PositioningPages {
			b := q.backlinks()
			b.Promises = append(b.Promises, p)
		}
		for _, q := range p.AppliesTo {
			b := q.backlinks()
			b.Standards = append(b.Standards, p)
		}
		for i := range p.Gaps {
			if q := p.Gaps[i].Promise; q != nil {
				b := q.backlinks()
				b.Gaps = append(b.Gaps, GapRef{Competitor: p, Gap: &p.Gaps[i]})
			}
		}
	}
	for _, p := range l.kept {
		b := p.Backlinks
		for _, list := range [][]*Page{b.Sales, b.Service, b.FAQs, b.Campaigns, b.Promises, b.Standards} {
			slices.SortStableFunc(list, compareTitles)
		}
	}
}

// resolve returns the pages named by ids in front matter key of p, of type
// want (any type if empty), reporting each id that names no such page.
func (l *loadState) resolve(p *Page, key string, ids []string, want string) []*Page {
	var out []*Page
	for _, id := range ids {
		q := l.site.ByID(id)
		line := p.fm.valueLine(key, id)
		switch shared := l.sharedBy(id); {
		case len(shared) > 1:
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: %q is ambiguous: %s; name one by its id", key, id, describePages(shared))
		case l.ambiguous[Slug(id)], q == nil && l.failedIDs[id]:
			// Reported already: as a duplicate id, or as a file that
			// could not be read.
		case q == nil && l.drafts[id] != nil:
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: %q is a draft (%s), left out of the site", key, id, l.drafts[id].File)
		case q == nil && l.excludedByID(id) != "":
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: %q is %s, left out by [content] exclude", key, id, l.excludedIDs[Slug(id)])
		case q == nil:
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: no page has id %q%s", key, id, l.didYouMean(id, want))
		case want != "" && q.Type != want:
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: %q is %s (%s), not a %s", key, id, article(q), q.File, want)
		case q == p:
			l.ps.checkErrorf(brokenRelationCheck, p.File, line, "%s: %q is this page itself", key, id)
		case slices.Contains(out, q):
			// Named twice: once is enough.
		default:
			out = append(out, q)
		}
	}
	return out
}

func article(p *Page) string {
	if p.IsSection {
		return "a section"
	}
	switch p.Type[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + p.Type
	}
	return "a " + p.Type
}

// sharedBy returns the pages whose file names all make id, if more than
// one does.
func (l *loadState) sharedBy(id string) []*Page {
	if ps := l.shared[id]; ps != nil {
		return ps
	}
	return l.shared[Slug(id)]
}

// describePages names pages by file and id: "content/a/x.md (id "a-x")
// and content/b/x.md (id "b-x")".
func describePages(ps []*Page) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (id %q)", p.File, p.ID)
	}
	if len(parts) > 1 {
		parts[len(parts)-2] += " and " + parts[len(parts)-1]
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, ", ")
}

// excludedByID returns the file [content] exclude left out whose name
// makes id, the id it would have had unless its front matter set
// another, or "". Excluded files are not read: their name is all there
// is to go by. The folders left out are walked once, at the first
// relation that names no page.
func (l *loadState) excludedByID(id string) string {
	if l.excludedIDs == nil {
		l.excludedIDs = map[string]string{}
		for _, e := range l.excluded {
			_ = fs.WalkDir(l.fsys, e, func(f string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && isMarkdown(f) {
					slug := Slug(strings.TrimSuffix(path.Base(f), path.Ext(f)))
					if _, taken := l.excludedIDs[slug]; !taken {
						l.excludedIDs[slug] = f
					}
				}
				return nil
			})
		}
	}
	return l.excludedIDs[Slug(id)]
}

// heading returns the heading of page p that ref, "#" and its id, names,
// or nil.
func (p *Page) heading(ref string) *markdown.Heading {
	id, ok := strings.CutPrefix(strings.TrimSpace(ref), "#")
	if !ok || id == "" || p.Doc == nil {
		return nil
	}
	for i := range p.Doc.Headings {
		if h := &p.Doc.Headings[i]; h.ID == id {
			return h
		}
	}
	return nil
}
