package site

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// campaignSite is chainSite with a promise that has no service behaviour,
// a briefing page, and campaign files added.
func campaignSite(kv ...string) map[string]string {
	files := with(chainSite(),
		"content/promises/slow.md", "+++\npromise = \"We take our time.\"\nexpectation = \"A careful survey.\"\n+++\n",
		"content/behaviours/sales/survey.md", "+++\nstage = \"sales\"\nfulfils = [\"slow\"]\nroles = [\"sales advisor\"]\n+++\n",
		"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\nroles = [\"sales advisor\"]\n+++\n",
		"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"fast\"]\nroles = [\"service desk\"]\n+++\n## How {#how}\n",
		"content/guides/winter-pack.md", "# Winter pack\n",
	)
	return with(files, kv...)
}

func campaign(starts, ends, extra string) string {
	return "+++\ntitle = \"C\"\nstarts = " + starts + "\nends = " + ends + "\n" + extra + "+++\n"
}

func TestCampaignStateAndReadiness(t *testing.T) {
	tests := []struct {
		name     string
		campaign string
		state    string
		missing  []string
		want     []string // the campaign-not-ready warnings
	}{
		{
			name:     "ended campaign is not warned of",
			campaign: campaign("2026-10-01", "2026-10-31", ""),
			state:    CampaignEnded,
			missing:  []string{"no briefing", "it names no promise it carries", "it names no role to brief"},
		},
		{
			name:     "campaign whose last day is today is live",
			campaign: campaign("2026-10-01", "2026-11-01", "briefing = \"winter-pack\"\npromises = [\"fast\"]\nroles = [\"service desk\"]\n"),
			state:    CampaignLive,
		},
		{
			name:     "live campaign without briefing warns at its starts line",
			campaign: campaign("2026-10-20", "2026-11-30", "promises = [\"fast\"]\nroles = [\"service desk\"]\n"),
			state:    CampaignLive,
			missing:  []string{"no briefing"},
			want:     []string{`content/campaigns/c.md:3: warning: campaign "c" is live and the front line is not ready: no briefing`},
		},
		{
			name:     "campaign starting within 14 days with a gap warns",
			campaign: campaign("2026-11-10", "2026-11-30", "briefing = \"Read the winter pack before Monday.\"\npromises = [\"fast\", \"slow\"]\nroles = [\"Sales advisor\"]\n"),
			state:    CampaignUpcoming,
			missing:  []string{`promise "slow" has a service gap`},
			want:     []string{`content/campaigns/c.md:3: warning: campaign "c" starts 2026-11-10 and the front line is not ready: promise "slow" has a service gap`},
		},
		{
			name:     "campaign starting later is not warned of yet",
			campaign: campaign("2026-11-16", "2026-11-30", ""),
			state:    CampaignUpcoming,
			missing:  []string{"no briefing", "it names no promise it carries", "it names no role to brief"},
		},
		{
			name:     "ready live campaign has no warning",
			campaign: campaign("2026-10-20", "2026-11-30", "briefing = \"winter-pack\"\nroles = [\"service desk\", \"sales advisor\"]\npromises = [\"fast\"]\n"),
			state:    CampaignLive,
		},
		{
			name:     "a briefing that is a heading of the campaign's own page",
			campaign: campaign("2026-10-20", "2026-11-30", "briefing = \"#front-line-briefing\"\npromises = [\"fast\"]\nroles = [\"service desk\"]\n") + "## Front-line briefing\n\nSay it.\n",
			state:    CampaignLive,
		},
		{
			// The loss leader the store was never told of.
			name:     "a role no behaviour keeping its promises names",
			campaign: campaign("2026-10-20", "2026-11-30", "briefing = \"winter-pack\"\nroles = [\"service desk\", \"store staff\", \"sales advisor\"]\npromises = [\"slow\"]\n"),
			state:    CampaignLive,
			missing:  []string{`promise "slow" has a service gap`, `no behaviour of "service desk" keeps its promises`, `no behaviour of "store staff" keeps its promises`},
			want:     []string{`content/campaigns/c.md:3: warning: campaign "c" is live and the front line is not ready: promise "slow" has a service gap; no behaviour of "service desk" keeps its promises; no behaviour of "store staff" keeps its promises`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := loadFiles(t, campaignSite("content/campaigns/c.md", tt.campaign))
			c := s.ByID("c")
			if got := c.CampaignState(s.Now); got != tt.state {
				t.Errorf("state %q, want %q", got, tt.state)
			}
			r := c.Readiness()
			if !slices.Equal(r.Missing, tt.missing) || r.Ready != (len(tt.missing) == 0) {
				t.Errorf("readiness %+v, want missing %q", r, tt.missing)
			}
			var got []string
			for _, p := range problems {
				if p.Check == "campaign-not-ready" {
					got = append(got, p.String())
				} else if p.Check != "chain-gap" {
					t.Errorf("unexpected problem %s", p)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("warnings\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestCampaignWithoutStart checks that a campaign missing its first day
// is an error for that alone, not warned of as live too: with no dates it
// is in no state.
func TestCampaignWithoutStart(t *testing.T) {
	for name, page := range map[string]string{
		"no dates":   "+++\ntitle = \"C\"\n+++\n",
		"a last day": "+++\ntitle = \"C\"\nends = 2026-11-30\n+++\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, problems := loadFiles(t, campaignSite("content/campaigns/c.md", page))
			var starts bool
			for _, p := range problems {
				if p.Check == "campaign-not-ready" {
					t.Errorf("warned of: %s", p)
				}
				starts = starts || strings.Contains(p.Msg, `missing "starts"`)
			}
			if !starts {
				t.Errorf("no error for the missing starts in %q", problems)
			}
		})
	}
}

func TestCampaignBriefing(t *testing.T) {
	s, _ := loadFiles(t, campaignSite(
		"content/campaigns/by-id.md", campaign("2026-10-20", "2026-11-30", "briefing = \"winter-pack\"\nroles = \"service desk, sales advisors\"\n"),
		"content/campaigns/by-text.md", campaign("2026-10-20", "2026-11-30", "briefing = \"Winter pack\"\n"),
	))
	if b := s.ByID("by-id"); b.BriefingPage != s.ByID("winter-pack") || b.Briefing != "" || !slices.Equal(b.Roles, []string{"service desk", "sales advisors"}) {
		t.Errorf("briefing by id read as %v, %q, roles %q", b.BriefingPage, b.Briefing, b.Roles)
	}
	if b := s.ByID("by-text"); b.BriefingPage != nil || b.Briefing != "Winter pack" {
		t.Errorf("briefing as text read as %v, %q", b.BriefingPage, b.Briefing)
	}
}

func TestCurrentCampaigns(t *testing.T) {
	s, _ := loadFiles(t, campaignSite(
		"content/campaigns/ended.md", campaign("2026-10-01", "2026-10-31", ""),
		"content/campaigns/soon.md", campaign("2026-11-05", "2026-11-30", ""),
		"content/campaigns/later.md", campaign("2026-12-01", "2026-12-30", ""),
		"content/campaigns/live-b.md", campaign("2026-10-20", "2026-11-30", ""),
		"content/campaigns/live-a.md", campaign("2026-10-10", "2026-11-30", ""),
		"site.toml", "[campaigns]\nwarn_before = \"1w\"\n",
	))
	var got []string
	for _, p := range s.CurrentCampaigns() {
		got = append(got, p.ID)
	}
	if want := []string{"live-a", "live-b", "soon"}; !slices.Equal(got, want) {
		t.Errorf("current campaigns %q, want %q", got, want)
	}
}

func TestCampaignWarnBefore(t *testing.T) {
	c, _ := ParseConfig(nil)
	if got := c.Campaigns.WarnInterval(); got.String() != "14d" {
		t.Errorf("default warn_before %s, want 14d", got)
	}
	c, ps := ParseConfig([]byte("[campaigns]\nwarn_before = \"3w\"\n"))
	if len(ps) > 0 || c.Campaigns.WarnInterval().AddTo(testNow) != testNow.Add(21*24*time.Hour) {
		t.Errorf("warn_before 3w read as %s, problems %v", c.Campaigns.WarnInterval(), ps)
	}
	_, ps = ParseConfig([]byte("title = \"x\"\n[campaigns]\nwarn_before = \"soon\"\n"))
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), `site.toml:3: campaigns: warn_before: bad interval "soon"`) {
		t.Errorf("bad warn_before reported as %v", ps)
	}
}

// TestBriefingHeading: a briefing naming a heading the campaign's page
// lacks is no briefing, and is warned of with the heading meant.
func TestBriefingHeading(t *testing.T) {
	s, problems := loadFiles(t, campaignSite("content/campaigns/c.md",
		campaign("2026-10-20", "2026-11-30", "briefing = \"#brefing\"\npromises = [\"fast\"]\nroles = [\"service desk\"]\n")+"## Briefing\n\nSay it.\n"))
	if r := s.ByID("c").Readiness(); r.Ready || !slices.Equal(r.Missing, []string{"no briefing"}) {
		t.Errorf("readiness %+v, want not ready for want of a briefing", r)
	}
	want := `content/campaigns/c.md:5: warning: campaign "c": briefing "#brefing" is no heading of this page, so it is shown as text: write the heading's id, as a link to it would (#briefing)`
	if got := problemLines(problems); !slices.Contains(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// Named right, the heading is the briefing, not text.
	s, _ = loadFiles(t, campaignSite("content/campaigns/c.md",
		campaign("2026-10-20", "2026-11-30", "briefing = \"#briefing\"\npromises = [\"fast\"]\nroles = [\"service desk\"]\n")+"## Briefing\n\nSay it.\n"))
	if c := s.ByID("c"); c.BriefingSection != "briefing" || c.Briefing != "" {
		t.Errorf("briefing section %q, text %q; want the heading briefing and no text", c.BriefingSection, c.Briefing)
	}
}

// TestReadinessWithoutRoles: in a site whose pages name no roles, a
// campaign naming none is not unready for it, as its behaviours are not
// warned of naming none.
func TestReadinessWithoutRoles(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(), "content/campaigns/c.md",
		campaign("2026-10-20", "2026-11-30", "briefing = \"Read this.\"\npromises = [\"fast\"]\n")))
	if r := s.ByID("c").Readiness(); !r.Ready {
		t.Errorf("readiness %+v, want ready", r)
	}
	if got := problemLines(problems); len(got) > 0 {
		t.Errorf("problems:\n%s", strings.Join(got, "\n"))
	}
}
