package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var reviewNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// loadReview loads files, failing on any error.
func loadReview(t *testing.T, files map[string]string) *Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	s, ps := Load(fsys, Options{Now: reviewNow})
	if ps.Errors() > 0 {
		t.Fatalf("load: %v", ps)
	}
	return s
}

func TestReviewCascade(t *testing.T) {
	s := loadReview(t, map[string]string{
		"site.toml":                       "[review]\nevery = \"180d\"\n[review.types]\ncompetitors = \"30d\"\n",
		"content/promises/_index.md":      "+++\nowner = \"Marketing\"\nreview_every = \"90d\"\n+++\n",
		"content/promises/a.md":           "+++\npromise = \"a\"\n+++\n",
		"content/promises/own.md":         "+++\npromise = \"b\"\nowner = \"Sales\"\nreview_every = \"1y\"\n+++\n",
		"content/promises/deep/_index.md": "+++\nowner = \"Deep team\"\n+++\n",
		"content/promises/deep/c.md":      "+++\npromise = \"c\"\n+++\n",
		"content/competitors/_index.md":   "+++\nowner = \"Intel\"\n+++\n",
		"content/competitors/x.md":        "+++\ncompetitor = \"X\"\n+++\n",
		"content/competitors/y.md":        "+++\ncompetitor = \"Y\"\nreview_every = \"2w\"\n+++\n",
		"content/guides/g.md":             "# G\n",
	})
	for _, c := range []struct {
		name, file, owner, every string
	}{
		{"a section's owner and interval reach its pages", "content/promises/a.md", "Marketing", "90d"},
		{"a page's own owner and interval win", "content/promises/own.md", "Sales", "1y"},
		{"a sub-section's owner wins, its parent's interval still reaches", "content/promises/deep/c.md", "Deep team", "90d"},
		{"a type's interval reaches a page no section gives one", "content/competitors/x.md", "Intel", "30d"},
		{"a page's own interval wins over its type's", "content/competitors/y.md", "Intel", "2w"},
		{"the site's interval reaches every other page", "content/guides/g.md", "", "180d"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := s.ByFile(c.file)
			if p == nil {
				t.Fatalf("no page %s", c.file)
			}
			if p.Owner != c.owner || p.ReviewEvery.String() != c.every {
				t.Errorf("owner %q, every %q; want %q, %q", p.Owner, p.ReviewEvery, c.owner, c.every)
			}
		})
	}
}

func TestReviewCascadeWarnsOfPagesNeverReviewed(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                  {Data: []byte("[review]\nevery = \"180d\"\n")},
		"content/promises/_index.md": {Data: []byte("+++\nreview_every = \"90d\"\n+++\n")},
		"content/promises/a.md":      {Data: []byte("+++\npromise = \"a\"\nexpectation = \"e\"\nreviewed = 2026-10-01\n+++\n")},
		"content/guides/g.md":        {Data: []byte("# G\n")},
	}
	_, ps := Load(fsys, Options{Now: reviewNow})
	var got []string
	for _, p := range ps {
		if p.Check == "review-overdue" {
			got = append(got, p.String())
		}
	}
	want := []string{`content/guides/g.md:1: warning: review overdue: reviewed every 180d but never reviewed (set "reviewed")`}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("got %q\nwant %q (the section is no page to review; a.md is in time)", got, want)
	}
}

func TestReviewConfigErrors(t *testing.T) {
	_, ps := ParseConfig([]byte("[review]\nevery = \"often\"\n[review.types]\nwidget = \"30d\"\npromise = \"x\"\n"))
	want := []string{
		`site.toml:2: review: every: bad interval "often": want a number and a unit, as in "90d", "12w", "6m", "1y"`,
		`site.toml:4: review.types: unknown type "widget" (want one of positioning, promise, behaviour, standard, faq, competitor, campaign, persona, page)`,
		`site.toml:5: review.types: promise: bad interval "x": want a number and a unit, as in "90d", "12w", "6m", "1y"`,
	}
	ps.Sort()
	if len(ps) != len(want) {
		t.Fatalf("got %v", ps)
	}
	for i := range want {
		if ps[i].String() != want[i] {
			t.Errorf("got  %s\nwant %s", ps[i], want[i])
		}
	}
}

// TestReviewStatusFigures checks the figures of the Review page on a site
// built on 2026-11-01.
func TestReviewStatusFigures(t *testing.T) {
	s := loadReview(t, map[string]string{
		"site.toml":                  "[review]\nevery = \"180d\"\n[review.types]\ncompetitor = \"30d\"\n",
		"content/promises/_index.md": "+++\nowner = \"Marketing\"\nreview_every = \"90d\"\n+++\n",
		"content/promises/fresh.md":  "+++\npromise = \"p\"\nreviewed = 2026-10-01\n+++\n",
		"content/promises/old.md":    "+++\npromise = \"p\"\nreviewed = 2026-04-01\n+++\n",
		"content/promises/older.md":  "+++\npromise = \"p\"\nreviewed = 2026-02-01\n+++\n",
		"content/promises/soon.md":   "+++\npromise = \"p\"\nowner = \"Sales\"\nreviewed = 2026-08-15\n+++\n",
		"content/competitors/r.md":   "+++\ncompetitor = \"R\"\nowner = \"Sales\"\nreviewed = 2026-09-01\n+++\n",
		"content/guides/never.md":    "# Never\n",
		"content/guides/late.md":     "+++\nreviewed = 2026-06-01\nowner = \"Enablement\"\n+++\n",
	})
	r := s.ReviewStatus()
	// In time: fresh, soon (due 2026-11-13) and late (due 2026-11-28).
	if r.Score != (Score{Reviewed: 3, Total: 7}) || r.Score.Percent() != 42 {
		t.Errorf("score %+v (%d%%), want 3 of 7 (42%%)", r.Score, r.Score.Percent())
	}
	var owners []string
	for _, o := range r.ByOwner {
		owners = append(owners, fmt.Sprintf("%s %d/%d", o.Name, o.Reviewed, o.Total))
	}
	if got, want := strings.Join(owners, ", "), "Enablement 1/1, Marketing 1/3, Sales 1/2,  0/1"; got != want {
		t.Errorf("by owner: %s, want %s", got, want)
	}
	var types []string
	for _, ty := range r.ByType {
		types = append(types, fmt.Sprintf("%s %d/%d", ty.Name, ty.Reviewed, ty.Total))
	}
	if got, want := strings.Join(types, ", "), "promise 2/4, competitor 0/1, page 1/2"; got != want {
		t.Errorf("by type: %s, want %s", got, want)
	}
	var overdue []string
	for _, o := range r.Overdue {
		for _, d := range o.Pages {
			overdue = append(overdue, o.Owner+":"+d.Page.ID)
		}
	}
	if got, want := strings.Join(overdue, ", "), "Marketing:older, Marketing:old, Sales:r, :never"; got != want {
		t.Errorf("overdue: %s, want %s (by owner, oldest first, no owner last)", got, want)
	}
	var coming []string
	for _, d := range r.Coming {
		coming = append(coming, d.Page.ID+" "+d.When.Format(time.DateOnly))
	}
	if got, want := strings.Join(coming, ", "), "soon 2026-11-13, late 2026-11-28"; got != want {
		t.Errorf("coming: %s, want %s", got, want)
	}
	if len(r.NoOwner) != 1 || r.NoOwner[0].ID != "never" {
		t.Errorf("no owner: %v", r.NoOwner)
	}
	if r.OverdueCount() != 4 {
		t.Errorf("%d overdue, want 4", r.OverdueCount())
	}
}

// TestWriteDueGolden lists what is due within 30 days of 2026-11-01 on a
// small site, in each format, against testdata/due.FORMAT.
func TestWriteDueGolden(t *testing.T) {
	s := loadReview(t, map[string]string{
		"site.toml":                  "[review]\nevery = \"180d\"\n",
		"content/promises/_index.md": "+++\nowner = \"Marketing\"\nreview_every = \"90d\"\n+++\n",
		"content/promises/fresh.md":  "+++\npromise = \"p\"\nreviewed = 2026-10-01\n+++\n",
		"content/promises/old.md":    "+++\ntitle = \"Old\"\npromise = \"p\"\nreviewed = 2026-04-01\n+++\n",
		"content/promises/soon.md":   "+++\ntitle = \"Soon\"\npromise = \"p\"\nowner = \"Sales\"\nreviewed = 2026-08-15\n+++\n",
		"content/guides/never.md":    "# Never\n",
	})
	due := s.DueBy(reviewNow.AddDate(0, 0, 30))
	for _, format := range []string{FormatText, FormatJSON} {
		t.Run(format, func(t *testing.T) {
			var b strings.Builder
			if err := WriteDue(&b, format, due, reviewNow); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "due."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (go test -update to accept):\n%s", golden, b.String())
			}
		})
	}
}

func TestNewSinceMatchesByCheckFileAndMessage(t *testing.T) {
	old := Problems{
		{File: "a.md", Line: 3, Msg: "broken link", Check: "broken-link"},
		{File: "b.md", Line: 1, Msg: "gap", Check: "chain-gap", Warning: true},
	}
	now := Problems{
		{File: "a.md", Line: 9, Msg: "broken link", Check: "broken-link"},  // moved: old
		{File: "a.md", Line: 12, Msg: "broken link", Check: "broken-link"}, // a second one: new
		{File: "b.md", Line: 1, Msg: "gap", Check: "chain-gap", Warning: true},
		{File: "c.md", Line: 1, Msg: "gap", Check: "chain-gap", Warning: true}, // another file: new
	}
	got := now.NewSince(old, nil)
	if len(got) != 2 || got[0].Line != 12 || got[1].File != "c.md" {
		t.Errorf("got %v", got)
	}
}

// TestNewSinceSaysNothingOfAsides: what a message says of other things
// (a hint, the count of other files, a line number) changing does not
// make a problem new, nor a promise's gap that was one already.
func TestNewSinceSaysNothingOfAsides(t *testing.T) {
	for _, c := range []struct{ was, is Problem }{
		{Problem{File: "a.md", Check: "unknown-id", Msg: `unknown id "qqq-widget"`},
			Problem{File: "a.md", Check: "unknown-id", Msg: `unknown id "qqq-widget": did you mean "qqq-widgets" (content/q.md)?`}},
		{Problem{File: "layouts/p.html", Check: "layout", Msg: "nil pointer (rendering content/a.md, and 7 other files)"},
			Problem{File: "layouts/p.html", Check: "layout", Msg: "nil pointer (rendering content/b.md, and 8 other files)"}},
		{Problem{File: "y.md", Check: "page", Msg: `front matter: mapping key "title" already defined at line 2`},
			Problem{File: "y.md", Check: "page", Msg: `front matter: mapping key "title" already defined at line 3`}},
		{Problem{File: "s.md", Check: "slow-code", Msg: "this go block took 1.1 s to colour"},
			Problem{File: "s.md", Check: "slow-code", Msg: "this go block took 2.0 s to colour"}},
		{Problem{File: "p.md", Check: "chain-gap", Msg: `promise "p" is disconnected: no sales or service behaviour fulfils it`, Warning: true},
			Problem{File: "p.md", Check: "chain-gap", Msg: `promise "p" has a service gap: no service behaviour fulfils it`, Warning: true}},
	} {
		if got := (Problems{c.is}).NewSince(Problems{c.was}, nil); len(got) != 0 {
			t.Errorf("%q after %q: new, want old", c.is.Msg, c.was.Msg)
		}
	}
	// What the problem is still tells them apart.
	was := Problem{File: "a.md", Check: "broken-link", Msg: `broken link "page-2.md"`}
	is := Problem{File: "a.md", Check: "broken-link", Msg: `broken link "page-3.md"`}
	if got := (Problems{is}).NewSince(Problems{was}, nil); len(got) != 1 {
		t.Errorf("another broken link: old, want new")
	}
}

// TestNewSinceChainWorse: a promise not connected at the ref is new when
// it lacks a link of its chain it had there, not when it lacks less.
func TestNewSinceChainWorse(t *testing.T) {
	gap := func(lacks chainLinks) Problem {
		return Problem{File: "p.md", Check: chainGapCheck, Msg: "promise", Warning: true, lacks: lacks}
	}
	for _, c := range []struct {
		name     string
		was, is  chainLinks
		wantsNew bool
	}{
		{"the same gap", linkService, linkService, false},
		{"a sales behaviour added", linkSales | linkService, linkService, false},
		{"the last sales behaviour taken away", linkService, linkSales | linkService, true},
		{"the expectation taken away", linkSales, linkSales | linkExpectation, true},
		{"one gap for another", linkSales, linkService, true},
	} {
		got := Problems{gap(c.is)}.NewSince(Problems{gap(c.was)}, nil)
		if (len(got) == 1) != c.wantsNew {
			t.Errorf("%s: %d new, want new %v", c.name, len(got), c.wantsNew)
		}
	}
}

// TestNewSinceByLineText: of two problems alike where there was one, the
// new one is the one whose line does not read as the old one's did, even
// when it comes first in the file.
func TestNewSinceByLineText(t *testing.T) {
	was := map[int]string{48: "[gone](gone.md) at the end"}
	is := map[int]string{10: "Also [gone again](gone.md).", 50: "[gone](gone.md) at the end"}
	text := func(old bool, file string, line int) string {
		if old {
			return was[line]
		}
		return is[line]
	}
	old := Problems{{File: "a.md", Line: 48, Msg: `broken link "gone.md"`, Check: "broken-link"}}
	now := Problems{
		{File: "a.md", Line: 10, Msg: `broken link "gone.md"`, Check: "broken-link"},
		{File: "a.md", Line: 50, Msg: `broken link "gone.md"`, Check: "broken-link"},
	}
	if got := now.NewSince(old, text); len(got) != 1 || got[0].Line != 10 {
		t.Errorf("with the lines' text: %v, want the problem at line 10", got)
	}
	if got := now.NewSince(old, nil); len(got) != 1 || got[0].Line != 50 {
		t.Errorf("without: %v, want the later one, in order", got)
	}
}

// TestParseInterval reads intervals of each unit and refuses bad ones and
// those longer than 100 years, which time.Time cannot always add.
func TestParseInterval(t *testing.T) {
	for s, want := range map[string]Interval{
		"90d": {90, 'd'}, " 12w ": {12, 'w'}, "6m": {6, 'm'}, "1y": {1, 'y'},
		"36525d": {36525, 'd'}, "5218w": {5218, 'w'}, "1200m": {1200, 'm'}, "100y": {100, 'y'},
	} {
		if got, err := ParseInterval(s); err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "d", "0d", "-3w", "3x", "1.5y", "36526d", "5219w", "1201m", "101y",
		"1000000000000000w", "9223372036854775807d", "99999999999999999999d"} {
		if got, err := ParseInterval(s); err == nil {
			t.Errorf("ParseInterval(%q) = %v, want an error", s, got)
		}
	}
}
