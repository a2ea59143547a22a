package site

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCheckNames pins the names of the checks: users select checks by
// them, so a name changes only on purpose.
func TestCheckNames(t *testing.T) {
	want := []string{
		"duplicate-index", "unnamed-page", "duplicate-url", "duplicate-id", "broken-relation", "broken-link",
		"raw-html", "hugo-shortcode", "admonition", "heading-id", "not-a-link", "slow-code", "tag-name", "chain-gap", "channel-gap", "stage-folder",
		"no-role", "no-promise", "role-spelling", "campaign-not-ready", "briefing-id",
		"no-talk-track", "gap-not-connected", "answer-not-connected", "review-overdue", "reviewed-in-future", "unfilled-hint", "output-path",
	}
	var names []string
	for _, c := range checks {
		names = append(names, c.name)
	}
	if !slices.Equal(names, want) {
		t.Errorf("checks are\n%q\nwant\n%q", names, want)
	}
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for _, n := range names {
		if !kebab.MatchString(n) {
			t.Errorf("check name %q is not kebab-case", n)
		}
	}
}

// TestProblemsCarryTheirCheck loads a site with one problem of each check,
// and one met reading a file, and wants each problem marked with the check
// that found it.
func TestProblemsCarryTheirCheck(t *testing.T) {
	_, problems := loadFiles(t, map[string]string{
		"content/guide/index.markdown":    "# Guide\n",
		"content/guide/index.md":          "# Guide too\n",
		"content/???.md":                  "# Nameless\n",
		"content/tags.md":                 "# Tags\n",
		"content/one.md":                  "+++\nid = \"same\"\n+++\n",
		"content/two.md":                  "+++\nid = \"same\"\n+++\n",
		"content/behaviours/b.md":         "+++\nstage = \"sales\"\nfulfils = [\"nowhere\"]\n+++\n",
		"content/link.md":                 "[gone](nowhere.md)\n",
		"content/tagged.md":               "+++\ntags = [\"!!!\"]\n+++\n",
		"content/promises/p.md":           "+++\npromise = \"We call back.\"\n+++\n",
		"content/promises/q.md":           "+++\npromise = \"We call.\"\nexpectation = \"A call.\"\nchannels = [\"email\"]\n+++\n",
		"content/behaviours/s.md":         "+++\nstage = \"sales\"\nfulfils = [\"q\"]\nchannels = [\"phone\"]\n+++\n",
		"content/behaviours/service/x.md": "+++\nstage = \"sales\"\nfulfils = [\"q\"]\n+++\n",
		"content/campaigns/c.md":          "+++\nstarts = 2026-10-01\nends = 2026-12-31\n+++\n",
		"content/campaigns/d.md":          "+++\nstarts = 2030-10-01\nends = 2030-12-31\nbriefing = \"winter-brief\"\n+++\n",
		"content/competitors/big.md":      "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Speed\"\npromise = \"p\"\n+++\n",
		"content/review.md":               "+++\nreview_every = \"90d\"\n+++\n",
		"content/later.md":                "+++\nreviewed = 2062-01-01\n+++\n",
		"content/new.md":                  "+++\ndescription = \"TODO: a line\"\n+++\n",
		"content/alias.md":                "+++\naliases = [\"alignment\"]\n+++\n",
		"content/bad.md":                  "+++\ntitle = \n+++\n",
		"content/html.md":                 "# HTML\n\n<form>x</form>\n",
		"content/hugo.md":                 "# Hugo\n\n{{< param company >}}\n",
		"content/mkdocs.md":               "# MkDocs\n\n!!! sparkle\n    x\n",
		"content/heads.md":                "# Heads\n\n## One {#x}\n\n## Two {#x}\n",
		"content/titled.md":               "# Titled\n\nSee [the price](Price list).\n",
		"content/slow.md":                 "# Slow\n\n```json\n\"" + strings.Repeat(`\\`, 40) + "\n```\n",
		"content/faqs/f.md":               "+++\nquestion = \"Do you call back?\"\npromises = [\"p\"]\n+++\n",
		"content/behaviours/r1.md":        "+++\nstage = \"service\"\nfulfils = [\"p\"]\nroles = [\"service desk\"]\n+++\n",
		"content/behaviours/r2.md":        "+++\nstage = \"service\"\nfulfils = [\"p\"]\nroles = [\"service desk\"]\n+++\n",
		"content/behaviours/r3.md":        "+++\nstage = \"service\"\nroles = [\"servise desk\"]\n+++\n",
	})
	want := []struct{ msg, check string }{
		{"both stand for folder", "duplicate-index"},
		{"has no letter or digit to make a URL of: rename it", "unnamed-page"},
		{"is reserved for a page playbook generates", "duplicate-url"},
		{`id "same" is already the id of`, "duplicate-id"},
		{`fulfils: no page has id "nowhere"`, "broken-relation"},
		{`broken link "nowhere.md"`, "broken-link"},
		{"content/html.md:3:1: warning: raw HTML <form> shown as text", "raw-html"},
		{`content/hugo.md:3:1: warning: Hugo shortcode "param" left as text`, "hugo-shortcode"},
		{`content/mkdocs.md:3:1: warning: admonition "!!! sparkle" is of no kind playbook knows`, "admonition"},
		{`content/heads.md:5:4: warning: heading id "x" is taken by an earlier heading`, "heading-id"},
		{`content/titled.md:3:5: warning: [the price](Price list) is not a link`, "not-a-link"},
		{`content/slow.md:4:1: warning: this json block took`, "slow-code"},
		{`tags: "!!!" has no letter or digit`, "tag-name"},
		{`promise "p" is disconnected`, "chain-gap"},
		{`promise "q" has a service gap`, "chain-gap"},
		{`content/promises/q.md:4: warning: promise "q" is made by email; no sales behaviour follows up email: add "email" to the channels of a sales behaviour that keeps it, or take it off the promise's`, "channel-gap"},
		{`content/behaviours/service/x.md:2: warning: behaviour "x" is in the folder service/ but its stage is "sales", and the chain counts it as a sales behaviour: set stage = "service", or move the file`, "stage-folder"},
		{`names no role that does it`, "no-role"},
		{`content/behaviours/r3.md:2: warning: behaviour "r3" fulfils no promise`, "no-promise"},
		{`content/behaviours/r3.md:3: warning: role "servise desk" is named by this page alone: did you mean "Service desk", which 2 pages name?`, "role-spelling"},
		{`campaign "c" is live and the front line is not ready: no briefing`, "campaign-not-ready"},
		{`content/campaigns/d.md:4: warning: campaign "d": briefing "winter-brief" is no page's id, so it is shown as text`, "briefing-id"},
		{`competitor "Big" has no talk track`, "no-talk-track"},
		{`gap "Speed" rests on promise "p", which is not connected`, "gap-not-connected"},
		{`content/faqs/f.md:3: warning: FAQ "f" rests on promise "p", which is not connected: it states no "expectation", and no sales behaviour fulfils it; staff would give an answer the front line does not keep`, "answer-not-connected"},
		{"review overdue", "review-overdue"},
		{"content/later.md:2: warning: reviewed 2062-01-01 is in the future", "reviewed-in-future"},
		{"content/new.md:2: warning: description: still the hint playbook new wrote", "unfilled-hint"},
		{`alias "alignment" would be published`, "output-path"},
		{"content/bad.md", ""},
	}
	seen := map[string]bool{}
	for _, p := range problems {
		i := slices.IndexFunc(want, func(w struct{ msg, check string }) bool {
			return strings.Contains(p.String(), w.msg)
		})
		if i < 0 {
			t.Errorf("unexpected problem %s", p)
			continue
		}
		seen[want[i].msg] = true
		if p.Check != want[i].check {
			t.Errorf("%s: check is %q, want %q", p, p.Check, want[i].check)
		}
	}
	for _, w := range want {
		if !seen[w.msg] {
			t.Errorf("no problem says %q", w.msg)
		}
	}
	for _, c := range checks {
		if !slices.ContainsFunc(want, func(w struct{ msg, check string }) bool { return w.check == c.name }) {
			t.Errorf("check %q has no problem in this test", c.name)
		}
	}
}

// TestBriefingIDs wants a warning only for a briefing shaped like an id
// that no page has: an id that exists is a link, and words are the
// briefing itself.
func TestBriefingIDs(t *testing.T) {
	for _, tc := range []struct {
		briefing string
		warns    bool
	}{
		{"winter-brief", true},
		{"brief-2026", true},
		{"winter-briefing", false}, // the page below
		{"Read the briefing below before Friday.", false},
		{"tbd", false},
		{"Winter-Brief", false},
		{"-", false},
	} {
		_, problems := loadFiles(t, map[string]string{
			"content/guides/winter-briefing.md": "# Winter briefing\n",
			"content/campaigns/c.md":            fmt.Sprintf("+++\nstarts = 2030-10-01\nends = 2030-12-31\nbriefing = %q\n+++\n", tc.briefing),
		})
		var got []string
		for _, p := range problems {
			got = append(got, p.String())
		}
		want := []string(nil)
		if tc.warns {
			want = []string{fmt.Sprintf("content/campaigns/c.md:4: warning: campaign \"c\": briefing %q is no page's id, so it is shown as text: name an existing page, or write the briefing out", tc.briefing)}
		}
		if !slices.Equal(got, want) {
			t.Errorf("briefing %q: got %q, want %q", tc.briefing, got, want)
		}
	}
}
