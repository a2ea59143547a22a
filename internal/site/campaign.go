package site

// Campaigns: whether one is upcoming, live or ended, and whether the front
// line is ready for it.

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// The states of a campaign.
const (
	CampaignUpcoming = "upcoming"
	CampaignLive     = "live"
	CampaignEnded    = "ended"
)

// CampaignState returns whether campaign p is upcoming, live or ended at
// now: it is live from the start of its first day to the end of its last.
func (p *Page) CampaignState(now time.Time) string {
	switch {
	case now.Before(p.Starts):
		return CampaignUpcoming
	case !p.Ends.IsZero() && !now.Before(p.Ends.AddDate(0, 0, 1)):
		return CampaignEnded
	}
	return CampaignLive
}

// Readiness is whether the front line is ready for a campaign: it has a
// briefing, and every promise it carries is connected.
type Readiness struct {
	Ready bool
	// Missing lists what keeps the campaign from being ready, as the
	// page and the warning say it: "no briefing".
	Missing []string
}

// Readiness returns whether the front line is ready for campaign p.
func (p *Page) Readiness() Readiness {
	var r Readiness
	if p.BriefingPage == nil && p.Briefing == "" {
		r.Missing = append(r.Missing, "no briefing")
	}
	for _, q := range p.Promises {
		switch {
		case q.Chain.Status == Connected:
		case !q.Chain.HasExpectation:
			r.Missing = append(r.Missing, fmt.Sprintf("promise %q states no expectation", q.ID))
		case q.Chain.Status == Disconnected:
			r.Missing = append(r.Missing, fmt.Sprintf("promise %q is disconnected", q.ID))
		default:
			r.Missing = append(r.Missing, fmt.Sprintf("promise %q has a %s", q.ID, q.Chain.Status))
		}
	}
	r.Ready = len(r.Missing) == 0
	return r
}

// Imminent reports whether campaign p is live at now, or starts within
// [campaigns] warn_before of it: the front line must be ready for it.
func (s *Site) imminent(p *Page, now time.Time) bool {
	switch p.CampaignState(now) {
	case CampaignLive:
		return true
	case CampaignUpcoming:
		return !s.Config.Campaigns.WarnInterval().AddTo(now).Before(p.Starts)
	}
	return false
}

// CurrentCampaigns returns the campaigns customers will call about at the
// site's Now: the live ones, then those starting within [campaigns]
// warn_before, each by start date, then title.
func (s *Site) CurrentCampaigns() []*Page {
	var ps []*Page
	for _, p := range s.OfType(TypeCampaign) {
		if s.imminent(p, s.Now) {
			ps = append(ps, p)
		}
	}
	live := func(p *Page) int {
		if p.CampaignState(s.Now) == CampaignLive {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(ps, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(live(a), live(b)), a.Starts.Compare(b.Starts), compareTitles(a, b))
	})
	return ps
}
