package site

// Campaigns: whether one is upcoming, live or ended, and whether the front
// line is ready for it.

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
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
// briefing, names the promises it carries and the roles it must brief,
// every promise is connected, and every role has a behaviour keeping one
// of them.
type Readiness struct {
	Ready bool
	// Missing lists what keeps the campaign from being ready, as the
	// warning says it: "no briefing".
	Missing []string
	// Reasons says the same for a layout to word in the site's language:
	// a key of its language files, and the promise or role it names.
	Reasons []Reason
}

// A Reason is one thing a campaign lacks: Key is "reason_" and what
// ("reason_no_briefing"), Name the id of the promise or the role it is
// about, if any.
type Reason struct {
	Key, Name string
}

// Readiness returns whether the front line is ready for campaign p.
func (p *Page) Readiness() Readiness {
	var r Readiness
	add := func(key, name, format string) {
		r.Reasons = append(r.Reasons, Reason{Key: "reason_" + key, Name: name})
		if name != "" {
			format = fmt.Sprintf(format, name)
		}
		r.Missing = append(r.Missing, format)
	}
	// A "#heading" the page lacks is no briefing (see checkBriefingIDs).
	if p.BriefingPage == nil && p.BriefingSection == "" && (p.Briefing == "" || strings.HasPrefix(p.Briefing, "#")) {
		add("no_briefing", "", "no briefing")
	}
	if len(p.Promises) == 0 {
		add("no_promise", "", "it names no promise it carries")
	}
	if len(p.Roles) == 0 && p.rolesNamed {
		// A playbook written before pages named roles is not judged
		// by them, as checkBehaviourRoles does not judge its behaviours.
		add("no_role", "", "it names no role to brief")
	}
	for _, q := range p.Promises {
		switch {
		case q.Chain.Status == Connected:
		case !q.Chain.HasExpectation:
			add("no_expectation", q.ID, "promise %q states no expectation")
		case q.Chain.Status == Disconnected:
			add("disconnected", q.ID, "promise %q is disconnected")
		case q.Chain.Status == SalesGap:
			add("sales_gap", q.ID, "promise %q has a sales gap")
		default:
			add("service_gap", q.ID, "promise %q has a service gap")
		}
	}
	for _, role := range p.unkept {
		add("role_unkept", role, "no behaviour of %q keeps its promises")
	}
	r.Ready = len(r.Missing) == 0
	return r
}

// keptRoles finds, for each campaign, the roles it names that no
// behaviour keeping one of its promises names: a loss leader the store
// staff were never told what to do about.
func (s *Site) keptRoles() {
	for _, p := range s.OfType(TypeCampaign) {
		p.unkept, p.rolesNamed = nil, len(s.Roles) > 0
		if len(p.Promises) == 0 {
			continue // told as such
		}
		for _, name := range p.Roles {
			r := s.Role(name)
			if r == nil {
				continue
			}
			kept := slices.ContainsFunc(r.Behaviours, func(b *Page) bool {
				return slices.ContainsFunc(b.Fulfils, func(q *Page) bool { return slices.Contains(p.Promises, q) })
			})
			if !kept && !slices.Contains(p.unkept, name) {
				p.unkept = append(p.unkept, name)
			}
		}
	}
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
