package site

// Where a site stands with its reviews: the figures of the Review page,
// of the build's summary and of "playbook check --due".

import (
	"cmp"
	"slices"
	"time"
)

// DueSoon is how far ahead the Review page lists the pages coming due.
const DueSoon = 30 * 24 * time.Hour

// A Score is how many of some pages were reviewed within their interval:
// the Trust Score of a site, an owner or a type.
type Score struct {
	// Name is the owner or the type scored; "" for the whole site, and
	// for pages without an owner.
	Name string
	// Reviewed of Total pages with a review interval are within it.
	Reviewed, Total int
}

// Percent returns the share of pages reviewed within their interval, in
// whole percent rounded down (100 only when all are); 0 without pages.
func (s Score) Percent() int {
	if s.Total == 0 {
		return 0
	}
	return s.Reviewed * 100 / s.Total
}

// A Due is a page due for review, and when.
type Due struct {
	Page *Page
	// When is the day its review falls due; zero if it was never
	// reviewed, which makes it due from the start.
	When time.Time
	// Overdue reports whether When is past.
	Overdue bool
}

// DaysOverdue returns how many whole days ago the review fell due; 0 for
// a page never reviewed or not yet due.
func (d Due) DaysOverdue(now time.Time) int {
	if !d.Overdue || d.When.IsZero() {
		return 0
	}
	return int(now.Sub(d.When) / (24 * time.Hour))
}

// An OwnerDue is the pages one owner has to review.
type OwnerDue struct {
	// Owner is "" for the pages nobody owns.
	Owner string
	// Pages are the oldest due first.
	Pages []Due
}

// A ReviewStatus is where a site's pages stand with their reviews.
type ReviewStatus struct {
	// Now is the time they were judged at.
	Now time.Time
	// Score is the site's Trust Score.
	Score Score
	// ByOwner scores each owner, by name; the pages with no owner last.
	ByOwner []Score
	// ByType scores each type with pages under review, in the order of
	// Types.
	ByType []Score
	// Overdue are the pages past their review, grouped by owner.
	Overdue []OwnerDue
	// Coming are the pages falling due within DueSoon, soonest first.
	Coming []Due
	// NoOwner are the pages nobody owns, in reading order.
	NoOwner []*Page
	// Unscheduled counts the pages with no review interval, which the
	// scores leave out.
	Unscheduled int
}

// OverdueCount returns the number of pages past their review.
func (r *ReviewStatus) OverdueCount() int {
	n := 0
	for _, o := range r.Overdue {
		n += len(o.Pages)
	}
	return n
}

// reviewed returns the pages that are reviewed: those not sections.
func (s *Site) reviewed() []*Page {
	var ps []*Page
	for _, p := range s.Pages {
		if !p.IsSection {
			ps = append(ps, p)
		}
	}
	return ps
}

// ReviewStatus returns where the pages of s stand with their reviews at
// s.Now.
func (s *Site) ReviewStatus() *ReviewStatus {
	r := &ReviewStatus{Now: s.Now, Score: Score{}}
	owners := map[string]*Score{}
	types := map[string]*Score{}
	for _, p := range s.reviewed() {
		if p.Owner == "" {
			r.NoOwner = append(r.NoOwner, p)
		}
		if p.ReviewEvery.IsZero() {
			r.Unscheduled++
			continue
		}
		within := 0
		if !p.Stale {
			within = 1
		}
		for _, sc := range []*Score{&r.Score, group(owners, p.Owner), group(types, p.Type)} {
			sc.Total++
			sc.Reviewed += within
		}
		if d := dueOf(p); !d.Overdue && d.When.Sub(s.Now) <= DueSoon {
			r.Coming = append(r.Coming, d)
		}
	}
	for _, sc := range owners {
		r.ByOwner = append(r.ByOwner, *sc)
	}
	slices.SortFunc(r.ByOwner, func(a, b Score) int { return s.compareOwners(a.Name, b.Name) })
	for _, t := range Types {
		if sc, ok := types[t]; ok {
			r.ByType = append(r.ByType, *sc)
		}
	}
	r.Overdue = s.DueBy(s.Now)
	slices.SortStableFunc(r.Coming, func(a, b Due) int { return cmp.Or(a.When.Compare(b.When), compareTitles(a.Page, b.Page)) })
	return r
}

// DueBy returns the pages whose review is overdue or falls due by t,
// grouped by owner (by name, the pages nobody owns last), the oldest due
// first.
func (s *Site) DueBy(t time.Time) []OwnerDue {
	byOwner := map[string]*OwnerDue{}
	var out []*OwnerDue
	for _, p := range s.reviewed() {
		if p.ReviewEvery.IsZero() {
			continue
		}
		d := dueOf(p)
		if !d.Overdue && d.When.After(t) {
			continue
		}
		o := byOwner[p.Owner]
		if o == nil {
			o = &OwnerDue{Owner: p.Owner}
			byOwner[p.Owner] = o
			out = append(out, o)
		}
		o.Pages = append(o.Pages, d)
	}
	slices.SortFunc(out, func(a, b *OwnerDue) int { return s.compareOwners(a.Owner, b.Owner) })
	list := make([]OwnerDue, len(out))
	for i, o := range out {
		// Never reviewed (a zero When) is the oldest of all.
		slices.SortStableFunc(o.Pages, func(a, b Due) int { return cmp.Or(a.When.Compare(b.When), compareTitles(a.Page, b.Page)) })
		list[i] = *o
	}
	return list
}

// dueOf returns when p's review falls due.
func dueOf(p *Page) Due {
	d := Due{Page: p, Overdue: p.Stale}
	if !p.Reviewed.IsZero() {
		d.When = p.ReviewEvery.AddTo(p.Reviewed)
	}
	return d
}

// group returns the score of name in m, made if new.
func group(m map[string]*Score, name string) *Score {
	sc := m[name]
	if sc == nil {
		sc = &Score{Name: name}
		m[name] = sc
	}
	return sc
}

// compareOwners orders owners by name, as the site's language does;
// nobody ("") last.
func (s *Site) compareOwners(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	return s.CompareNames(a, b)
}
