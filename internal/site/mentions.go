package site

import (
	"slices"
)

// A MentionGroup is the pages of one type that mention a page.
type MentionGroup struct {
	// Type is the pages' type; "" for sections.
	Type string
	// Title names the group: "Behaviours", "Sections".
	Title string
	Pages []*Page
}

// Mentions returns the pages whose Markdown links to p, less those its
// page shows already through a relation, each once: grouped by type in
// the order of Types, sections last, and by title within a group.
func (p *Page) Mentions() []MentionGroup {
	if len(p.MentionedBy) == 0 {
		return nil
	}
	related := p.related()
	byType := map[string][]*Page{}
	for _, q := range p.MentionedBy {
		if !slices.Contains(related, q) {
			byType[q.Type] = append(byType[q.Type], q)
		}
	}
	var groups []MentionGroup
	for _, typ := range append(slices.Clip(Types), "") {
		ps := byType[typ]
		if len(ps) == 0 {
			continue
		}
		slices.SortStableFunc(ps, compareTitles)
		title := TypeTitles[typ]
		if typ == "" {
			title = "Sections"
		}
		groups = append(groups, MentionGroup{Type: typ, Title: title, Pages: ps})
	}
	return groups
}

// related returns the pages p's page shows through relations, both ways.
func (p *Page) related() []*Page {
	b := p.Backlinks
	var ps []*Page
	for _, list := range [][]*Page{
		p.Fulfils, p.Promises, p.PositioningPages, p.AppliesTo, p.Start, p.Competitors,
		b.Sales, b.Service, b.FAQs, b.Campaigns, b.Promises, b.Standards,
	} {
		ps = append(ps, list...)
	}
	if p.BriefingPage != nil {
		ps = append(ps, p.BriefingPage)
	}
	for _, g := range p.Gaps {
		if g.Promise != nil {
			ps = append(ps, g.Promise)
		}
	}
	for _, g := range b.Gaps {
		ps = append(ps, g.Competitor)
	}
	return ps
}
