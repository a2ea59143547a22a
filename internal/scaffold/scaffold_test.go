package scaffold

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/site"
)

var today = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// newSite returns the files of a new playbook as a file system.
func newSite(t *testing.T) fstest.MapFS {
	t.Helper()
	files, err := Site(today)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: text}
	}
	return fsys
}

func TestNewSiteBuildsWithoutWarnings(t *testing.T) {
	fsys := newSite(t)
	// A year on, every page is due: the reviews are dated, not blank.
	for _, now := range []time.Time{today, today.AddDate(0, 5, 0)} {
		s, ps := site.Load(fsys, site.Options{Now: now})
		if len(ps) > 0 {
			t.Errorf("at %s: %v", now.Format(time.DateOnly), ps)
		}
		for _, typ := range site.Types {
			if len(s.OfType(typ)) == 0 {
				t.Errorf("no page of type %s", typ)
			}
		}
		for _, p := range s.Promises() {
			if p.Chain.Status != site.Connected {
				t.Errorf("promise %s is %s, want connected", p.ID, p.Chain.Status)
			}
		}
	}
}

// TestNewPageOfEveryType adds a page of each type to a new playbook: each
// lands in its type's section with its id from its title and its required
// fields, and the site still loads without an error and with no warning
// but those of what it names no one yet (a promise nothing keeps, a
// behaviour keeping no promise, done by no role, a campaign carrying no
// promise, briefing no role), and one for each hint left to fill in.
func TestNewPageOfEveryType(t *testing.T) {
	for _, typ := range site.Types {
		t.Run(typ, func(t *testing.T) {
			fsys := newSite(t)
			name, text, err := Page(site.Config{}, typ, nil, `Our "new" `+typ, "Ann Author", today)
			if err != nil {
				t.Fatal(err)
			}
			fsys[name] = &fstest.MapFile{Data: text}
			s, ps := site.Load(fsys, site.Options{Now: today})
			hints := 0
			for _, p := range ps {
				yet := map[string]string{"chain-gap": site.TypePromise, "no-role": site.TypeBehaviour, "no-promise": site.TypeBehaviour, "campaign-not-ready": site.TypeCampaign}
				if yet[p.Check] == typ && p.File == name {
					continue
				}
				if p.Check == "unfilled-hint" && p.File == name {
					hints++
					continue
				}
				t.Errorf("%v\n%s", p, text)
			}
			if want := strings.Count(string(text), "TODO:"); hints != want {
				t.Errorf("%d unfilled-hint warnings for %d hints\n%s", hints, want, text)
			}
			p := s.ByFile(name)
			if p == nil {
				t.Fatalf("%s is no page", name)
			}
			if p.Type != typ || p.ID != site.Slug(`Our "new" `+typ) || p.Title != `Our "new" `+typ || p.Owner != "Ann Author" || !p.Reviewed.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("page %s: type %q id %q title %q owner %q reviewed %s", name, p.Type, p.ID, p.Title, p.Owner, p.Reviewed)
			}
			for _, f := range site.TypeFields[typ] {
				if f.Required && !strings.Contains(string(text), "\n"+f.Name+" = ") {
					t.Errorf("required field %q missing:\n%s", f.Name, text)
				}
			}
			// A behaviour shows how to name its channels, which the
			// channel-gap check reads.
			if typ == site.TypeBehaviour && !strings.Contains(string(text), "\nchannels = []") {
				t.Errorf("no channels:\n%s", text)
			}
		})
	}
}

// TestLongTitleShortFileName: a page titled with a long question is saved
// under a file name cut at a whole word, never longer than a file system
// takes; a short title's is its slug.
func TestLongTitleShortFileName(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"Is the price fixed?", "content/faqs/is-the-price-fixed.md"},
		{"Will the final bill be more than the quote if the engineer finds something on the day?",
			"content/faqs/will-the-final-bill-be-more-than-the-quote-if-the-engineer.md"},
		{strings.Repeat("x", 300), "content/faqs/" + strings.Repeat("x", 60) + ".md"},
		{strings.Repeat("é", 100), "content/faqs/" + strings.Repeat("é", 30) + ".md"},
	} {
		name, _, err := Page(site.Config{}, site.TypeFAQ, nil, tt.title, "", today)
		if err != nil {
			t.Fatal(err)
		}
		if name != tt.want {
			t.Errorf("Page(%q) = %s, want %s", tt.title, name, tt.want)
		}
	}
}

func TestSectionFollowsTypes(t *testing.T) {
	cfg, _ := site.ParseConfig([]byte("[types]\n\"playbook/objections\" = \"faq\"\n"))
	for typ, want := range map[string]string{site.TypeFAQ: "playbook/objections", site.TypePromise: "promises", site.TypePositioning: "positioning", site.TypePage: ""} {
		if got := Section(cfg, typ); got != want {
			t.Errorf("Section(%s) = %q, want %q", typ, got, want)
		}
	}
}

// TestPageFromWhatTheTitleSays: a title with folders before a "/" puts
// the page in them, a behaviour's stage following a folder named after
// one; an FAQ titled with a question asks it, and a competitor is named
// by its title.
func TestPageFromWhatTheTitleSays(t *testing.T) {
	for _, tt := range []struct {
		typ, title, file, has string
	}{
		{site.TypeBehaviour, "service/Call back the same day", "content/behaviours/service/call-back-the-same-day.md", "\nstage = \"service\""},
		{site.TypeBehaviour, "team-a/service/Call later", "content/behaviours/team-a/service/call-later.md", "\nstage = \"service\""},
		{site.TypeBehaviour, "service/team-a/Call later", "content/behaviours/service/team-a/call-later.md", "\nstage = \"service\""},
		{site.TypePromise, "24/7 emergency cover", "content/promises/24-7-emergency-cover.md", "\ntitle = \"24/7 emergency cover\""},
		{site.TypePromise, "Buy now / pay later", "content/promises/buy-now-pay-later.md", "\ntitle = \"Buy now / pay later\""},
		{site.TypePromise, "trailing/", "content/promises/trailing.md", "\ntitle = \"trailing/\""},
		{site.TypeBehaviour, "Quote in writing", "content/behaviours/quote-in-writing.md", "\nstage = \"sales\""},
		{site.TypePage, "onboarding/Week one", "content/onboarding/week-one.md", "\ntitle = \"Week one\""},
		{site.TypeFAQ, "Can I pay monthly?", "content/faqs/can-i-pay-monthly.md", "\nquestion = \"Can I pay monthly?\""},
		{site.TypeFAQ, "Monthly payments", "content/faqs/monthly-payments.md", "\nquestion = \"TODO: the question, as customers ask it\""},
		{site.TypeCompetitor, "CallFast Ltd", "content/competitors/callfast-ltd.md", "\ncompetitor = \"CallFast Ltd\""},
	} {
		dirs, title := Place(tt.title)
		name, text, err := Page(site.Config{}, tt.typ, dirs, title, "", today)
		if err != nil {
			t.Fatal(err)
		}
		if name != tt.file || !strings.Contains(string(text), tt.has) {
			t.Errorf("Page(%s, %q) = %s, want %s with %q:\n%s", tt.typ, tt.title, name, tt.file, tt.has, text)
		}
	}
}
