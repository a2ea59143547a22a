package versions

import (
	"html/template"

	"playbook/internal/render"
	"playbook/internal/site"
)

// summarize returns what a reader of What changed from prev to v looks
// for first: the gaps that opened, the other chain status changes, the
// promises reworded, those whose expectation alone changed, and the
// behaviours added and removed.
func summarize(prev, v *Version) render.ChangeSummary {
	var s render.ChangeSummary
	for _, p := range v.Site.OfType(site.TypePromise) {
		old := samePage(prev, v, p)
		if old == nil {
			if p.Chain.Status != site.Connected {
				s.Risks = append(s.Risks, statusChange(p, nil))
			}
			continue
		}
		if old.Chain.Status != p.Chain.Status {
			if gapOpened(old.Chain.Status, p.Chain.Status) {
				s.Risks = append(s.Risks, statusChange(p, old))
			} else {
				s.StatusChanges = append(s.StatusChanges, statusChange(p, old))
			}
		}
		switch {
		case old.Statement != p.Statement:
			s.Reworded = append(s.Reworded, render.ChangedPage{Title: p.Title, URL: p.URL})
		case old.Expectation != p.Expectation:
			s.Expectations = append(s.Expectations, render.ChangedPage{Title: p.Title, URL: p.URL})
		}
	}
	for _, p := range v.Site.OfType(site.TypeBehaviour) {
		if samePage(prev, v, p) == nil {
			s.BehavioursAdded = append(s.BehavioursAdded, render.ChangedPage{Title: p.Title, URL: p.URL})
		}
	}
	for _, p := range prev.Site.OfType(site.TypeBehaviour) {
		if samePage(v, prev, p) == nil {
			s.BehavioursRemoved = append(s.BehavioursRemoved, render.ChangedPage{Title: p.Title, URL: p.URL})
		}
	}
	return s
}

// statusChange is the change of promise p's chain status since old, its
// page in the version before (nil for a new promise).
func statusChange(p, old *site.Page) render.StatusChange {
	c := render.StatusChange{Title: p.Title, URL: p.URL, To: p.Chain.Status.String(), ToClass: p.Chain.Status.Class()}
	if old != nil {
		c.From, c.FromClass = old.Chain.Status.String(), old.Chain.Status.Class()
	}
	return c
}

// gapOpened reports whether a side of the chain that was kept before is
// not kept now: from connected to a gap, from a sales gap to a service
// gap, from any gap to disconnected.
func gapOpened(before, now site.ChainStatus) bool {
	salesGap := func(s site.ChainStatus) bool { return s == site.SalesGap || s == site.Disconnected }
	serviceGap := func(s site.ChainStatus) bool { return s == site.ServiceGap || s == site.Disconnected }
	return salesGap(now) && !salesGap(before) || serviceGap(now) && !serviceGap(before)
}

// statusDiff shows a chain status change as two badges, before and now.
func statusDiff(w *render.Words, before, now site.ChainStatus) template.HTML {
	badge := func(s site.ChainStatus) string {
		return `<span class="badge badge-` + s.Class() + `">` + template.HTMLEscapeString(w.Text(s.Key(), 0)) + `</span>`
	}
	return template.HTML(badge(before) + ` → ` + badge(now))
}
