package versions

import (
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"playbook/internal/render"
	"playbook/internal/site"
	"playbook/themes"
)

func TestDiffs(t *testing.T) {
	for _, c := range []struct {
		name string
		diff func(a, b string) template.HTML
		a, b string
		want template.HTML
	}{
		{"a reworded phrase is one deletion and one insertion", wordDiff,
			"Call before noon, hear back today.", "Call before noon, hear back within the hour.",
			"Call before noon, hear back <del>today.</del><ins>within the hour.</ins>"},
		{"words are escaped", wordDiff, "Fish & chips", "Fish & <b>chips</b>",
			"Fish &amp; <del>chips</del><ins>&lt;b&gt;chips&lt;/b&gt;</ins>"},
		{"a list loses an item holding a comma", listDiff,
			list([]string{"Fixed-price quote", "Heat back, within 24 hours", "Grants"}), list([]string{"Fixed-price quote", "Grants"}),
			"Fixed-price quote, <del>Heat back, within 24 hours</del>, Grants"},
		{"a list gains its first item", listDiff, "", list([]string{"Quote"}), "<ins>Quote</ins>"},
		{"a list item is renamed", listDiff, list([]string{"A", "B"}), list([]string{"A", "C"}), "A, <del>B</del>, <ins>C</ins>"},
		{"only changed paragraphs are shown", textDiff, "One.\n\nTwo.\n\nThree.", "One.\n\nTwo, now.\n\nThree.",
			`<p><del>Two.</del><ins>Two, now.</ins></p>`},
		{"spaces are no change: a line broken anew is kept as it is now, spaces gone are not struck", wordDiff,
			"Dear Mrs Tate,  your quote\nis £9,800.", "Dear Mrs Tate, your quote is\n£9,900.",
			"Dear Mrs Tate, your quote is\n<del>£9,800.</del><ins>£9,900.</ins>"},
		{"a paragraph whose spaces alone changed is kept", textDiff, "One.\n\nTwo\nlines.\n\nThree.", "One, now.\n\nTwo lines.\n\nThree.",
			`<p><del>One.</del><ins>One, now.</ins></p>`},
		{"kept paragraphs between changes are a gap", textDiff, "One.\n\nTwo.\n\nThree.", "One, now.\n\nTwo.\n\nThree, now.",
			`<p><del>One.</del><ins>One, now.</ins></p><p class="diff-gap">…</p><p><del>Three.</del><ins>Three, now.</ins></p>`},
	} {
		if got := c.diff(c.a, c.b); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestCompareSpacesAreNoChange: a promise whose letter to the customer
// was only wrapped anew is not changed.
func TestCompareSpacesAreNoChange(t *testing.T) {
	load := func(promise string) *Version {
		s, _ := site.Load(fstest.MapFS{"content/promises/fast.md": {Data: []byte(promise)}}, site.Options{Now: testNow, Text: true})
		return &Version{Name: "v", Label: "v", Site: s}
	}
	letter := promiseFast + "\n```text\nDear Mrs Tate,\nwe will call  you back\nbefore six.\n```\n"
	rewrapped := strings.Replace(letter, "we will call  you back\nbefore six.", "we will call you\nback before six.", 1)
	if rewrapped == letter {
		t.Fatal("the promise was not rewrapped: the test shows nothing")
	}
	if c := Compare(load(letter), load(rewrapped), english); !c.Empty() {
		t.Errorf("a promise wrapped anew is a change: %+v", c.Groups)
	}
	// Paragraphs joined are a change a reader sees.
	joined := strings.Replace(letter, "We call back.", "We call back.\n\nWe do.", 1)
	if c := Compare(load(joined), load(strings.Replace(joined, "back.\n\nWe", "back. We", 1)), english); c.Empty() {
		t.Error("two paragraphs made one is no change")
	}
}

// TestCompareChain: a promise whose last sales behaviour stops keeping it
// shows its chain breaking, as two status badges, and the behaviour
// leaving its list.
func TestCompareChain(t *testing.T) {
	load := func(fulfils string) *Version {
		fsys := fstest.MapFS{
			"content/promises/fast.md":           {Data: []byte(promiseFast)},
			"content/behaviours/sales/quote.md":  {Data: []byte(strings.Replace(behaviourQuote, `["fast"]`, fulfils, 1))},
			"content/behaviours/service/call.md": {Data: []byte(behaviourCall)},
		}
		s, _ := site.Load(fsys, site.Options{Now: testNow})
		return &Version{Name: "v", Label: "v", Site: s}
	}
	c := Compare(load(`["fast"]`), load(`[]`), english)
	var promise, behaviour *render.ChangedPage
	for _, g := range c.Groups {
		for i, p := range g.Modified {
			switch p.Title {
			case "Fast":
				promise = &g.Modified[i]
			case "Quote":
				behaviour = &g.Modified[i]
			}
		}
	}
	if promise == nil || behaviour == nil {
		t.Fatalf("changed pages: %+v", c.Groups)
	}
	want := []render.FieldDiff{
		{Field: "Chain", HTML: `<span class="badge badge-connected">connected</span> → <span class="badge badge-sales-gap">sales gap</span>`},
		{Field: "Sales behaviours", HTML: "<del>Quote</del>"},
	}
	if !slices.Equal(promise.Diffs, want) {
		t.Errorf("promise diffs: %+v", promise.Diffs)
	}
	if len(behaviour.Diffs) != 1 || behaviour.Diffs[0] != (render.FieldDiff{Field: "Fulfils", HTML: "<del>Fast</del>"}) {
		t.Errorf("behaviour diffs: %+v", behaviour.Diffs)
	}
}

// TestComparePages: pages are matched by id and type; lists of pages by
// id, so that renaming a page changes no list it is in; a page both moved
// and reworded shows its diffs.
func TestComparePages(t *testing.T) {
	load := func(files map[string]string) *Version { return memVersion(t, files, false) }
	before := map[string]string{
		"content/promises/fast.md":                promiseFast,
		"content/behaviours/sales/quote.md":       behaviourQuote,
		"content/behaviours/service/call.md":      behaviourCall + "See [the promise](../../promises/fast.md).\n",
		"content/behaviours/service/follow-up.md": strings.Replace(behaviourCall, `title = "Call"`, `title = "Follow up"`, 1),
	}
	after := map[string]string{
		// Renamed and moved, and reworded.
		"content/promises/core/fast.md":      strings.Replace(strings.Replace(promiseFast, `title = "Fast"`, `title = "Faster"`, 1), "hear back today", "hear back within the hour", 1),
		"content/behaviours/sales/quote.md":  behaviourQuote,
		"content/behaviours/service/call.md": behaviourCall + "See [the promise](../../promises/core/fast.md).\n", // only where a link leads changed
		// The retired behaviour's id, now a guide's.
		"content/guides/follow-up.md": "# Follow-up checklist\n",
	}
	c := Compare(load(before), load(after), english)
	groups := map[string]render.ChangeGroup{}
	for _, g := range c.Groups {
		groups[g.Title] = g
	}
	moved := groups["Promises"].Moved
	if len(moved) != 1 || moved[0].Title != "Faster" || moved[0].OldURL != "promises/fast/" || len(moved[0].Diffs) == 0 || moved[0].Diffs[0].Field != "Title" {
		t.Errorf("promises moved: %+v", moved)
	}
	if got := groups["Behaviours"]; len(got.Modified) != 0 || len(got.Removed) != 1 || got.Removed[0].Title != "Follow up" {
		t.Errorf("behaviours: %+v; want the retired one removed and none changed by the promise's new title", got)
	}
	if got := groups["Pages"]; len(got.Added) != 1 || got.Added[0].Title != "Follow-up checklist" || len(got.Moved) != 0 {
		t.Errorf("pages: %+v; want the guide added, not moved from a behaviour", got)
	}
}

// TestCompareBehaviourChannels: a behaviour that takes up a channel shows
// it in What changed.
func TestCompareBehaviourChannels(t *testing.T) {
	load := func(quote string) *Version {
		fsys := fstest.MapFS{
			"content/promises/fast.md":           {Data: []byte(promiseFast)},
			"content/behaviours/sales/quote.md":  {Data: []byte(quote)},
			"content/behaviours/service/call.md": {Data: []byte(behaviourCall)},
		}
		s, _ := site.Load(fsys, site.Options{Now: testNow})
		return &Version{Name: "v", Label: "v", Site: s}
	}
	withChannels := strings.Replace(behaviourQuote, "stage = \"sales\"\n", "stage = \"sales\"\nchannels = [\"email\", \"store\"]\n", 1)
	c := Compare(load(behaviourQuote), load(withChannels), english)
	var diffs []render.FieldDiff
	for _, g := range c.Groups {
		for _, p := range g.Modified {
			if p.Title == "Quote" {
				diffs = p.Diffs
			}
		}
	}
	want := []render.FieldDiff{{Field: "Channels", HTML: "<ins>email</ins>, <ins>store</ins>"}}
	if !slices.Equal(diffs, want) {
		t.Errorf("behaviour diffs: %+v, want %+v", diffs, want)
	}
}

// TestCompareBattlecard: a battlecard's lists change item by item (a
// reason to win added, an objection's talk track reworded, a gap resting
// on another promise), a renamed promise changes no gap, and an FAQ that
// names another competitor shows that field changed.
func TestCompareBattlecard(t *testing.T) {
	const competitor = `+++
title = "Big"
competitor = "Big Ltd"
why_we_win = ["One price"]
[[gaps]]
area = "Speed"
promise = "fast"
[[objections]]
objection = "Big is cheaper."
response = "Compare the quotes."
+++
`
	load := func(competitor, promiseTitle, faqCompetitors string) *Version {
		fsys := fstest.MapFS{
			"content/promises/fast.md":           {Data: []byte(strings.Replace(promiseFast, `title = "Fast"`, `title = "`+promiseTitle+`"`, 1))},
			"content/promises/slow.md":           {Data: []byte(strings.Replace(promiseFast, `title = "Fast"`, `title = "Slow"`, 1))},
			"content/behaviours/sales/quote.md":  {Data: []byte(behaviourQuote)},
			"content/behaviours/service/call.md": {Data: []byte(behaviourCall)},
			"content/competitors/big.md":         {Data: []byte(competitor)},
			"content/competitors/small.md":       {Data: []byte("+++\ncompetitor = \"Small\"\n+++\n")},
			"content/faqs/q.md":                  {Data: []byte("+++\ntitle = \"Q\"\nquestion = \"Q?\"\ncompetitors = " + faqCompetitors + "\n+++\n")},
		}
		s, problems := site.Load(fsys, site.Options{Now: testNow})
		if problems.Errors() > 0 {
			t.Fatal(problems)
		}
		return &Version{Name: "v", Label: "v", Site: s}
	}
	changed := func(c *render.WhatChanged, title string) *render.ChangedPage {
		for _, g := range c.Groups {
			for i, p := range g.Modified {
				if p.Title == title {
					return &g.Modified[i]
				}
			}
		}
		return nil
	}

	c := Compare(load(competitor, "Fast", `["big"]`), load(competitor, "Faster", `["big"]`), english)
	if p := changed(c, "Big"); p != nil {
		t.Errorf("a renamed promise changed the battlecard resting on it: %+v", p)
	}

	after := strings.NewReplacer(
		`why_we_win = ["One price"]`, `why_we_win = ["One price", "Our own engineers"]`,
		`promise = "fast"`, `promise = "slow"`,
		"Compare the quotes.", "Compare what each quote includes.",
	).Replace(competitor)
	c = Compare(load(competitor, "Fast", `["big"]`), load(after, "Fast", `["big", "small"]`), english)
	big := changed(c, "Big")
	if big == nil {
		t.Fatalf("the battlecard is not changed: %+v", c.Groups)
	}
	want := []render.FieldDiff{
		{Field: "Why we win", HTML: `<ul class="diff-items"><li><ins>Our own engineers</ins></li><li class="diff-gap">1 unchanged</li></ul>`},
		{Field: "Gaps", HTML: `<ul class="diff-items"><li>Speed:  /  <del>(Fast)</del><ins>(Slow)</ins></li></ul>`},
		{Field: "Objections", HTML: `<ul class="diff-items"><li>“Big is cheaper.” Compare <del>the quotes.</del><ins>what each quote includes.</ins></li></ul>`},
	}
	if !slices.Equal(big.Diffs, want) {
		t.Errorf("battlecard diffs:\n%+v\nwant\n%+v", big.Diffs, want)
	}
	// An FAQ's lists are shown item by item, as its answer word by word.
	if q := changed(c, "Q"); q == nil || len(q.Fields) != 0 || !slices.Equal(q.Diffs, []render.FieldDiff{{Field: "Competitors", HTML: "Big, <ins>Small</ins>"}}) {
		t.Errorf("FAQ: %+v, want its competitors changed, the one added marked", q)
	}
}

// TestCompareCampaignDates: a campaign moved in the calendar shows its
// dates as they were and as they are, not only that they changed: the
// front line must know the new ones.
func TestCompareCampaignDates(t *testing.T) {
	load := func(dates string) *Version {
		fsys := fstest.MapFS{
			"content/campaigns/winter.md": {Data: []byte("+++\ntitle = \"Winter\"\n" + dates + "+++\n")},
		}
		s, problems := site.Load(fsys, site.Options{Now: testNow})
		if problems.Errors() > 0 {
			t.Fatal(problems)
		}
		return &Version{Name: "v", Label: "v", Site: s}
	}
	c := Compare(load("starts = 2026-11-16\nends = 2027-01-31\n"), load("starts = 2026-11-30\nends = 2027-02-28\n"), english)
	var got *render.ChangedPage
	for _, g := range c.Groups {
		for i, p := range g.Modified {
			if p.Title == "Winter" {
				got = &g.Modified[i]
			}
		}
	}
	if got == nil {
		t.Fatalf("the campaign is not changed: %+v", c.Groups)
	}
	want := []render.FieldDiff{
		{Field: "Starts", HTML: "<del>16 Nov 2026</del> <ins>30 Nov 2026</ins>"},
		{Field: "Ends", HTML: "<del>31 Jan 2027</del> <ins>28 Feb 2027</ins>"},
	}
	if !slices.Equal(got.Diffs, want) || len(got.Fields) > 0 {
		t.Errorf("campaign: diffs %+v, fields %v; want diffs\n%+v", got.Diffs, got.Fields, want)
	}
}

// TestCompareAnswersWordByWord: an FAQ's answer and a standard's text
// changed are shown word by word, as a promise's are: what the front line
// says is in them.
func TestCompareAnswersWordByWord(t *testing.T) {
	load := func(files map[string]string) *Version { return memVersion(t, files, true) }
	faq := "+++\ntitle = \"Reply\"\nquestion = \"When do you reply?\"\n+++\nWe reply within a working day.\n"
	standard := "+++\ntitle = \"Phone\"\n+++\nAnswer within three rings.\n"
	c := Compare(load(map[string]string{"content/faqs/reply.md": faq, "content/standards/phone.md": standard}),
		load(map[string]string{
			"content/faqs/reply.md":      strings.Replace(faq, "a working day", "four hours", 1),
			"content/standards/phone.md": strings.Replace(standard, "three", "five", 1),
		}), english)
	want := map[string]string{
		"Reply": "<del>a working day.</del><ins>four hours.</ins>",
		"Phone": "<del>three</del><ins>five</ins>",
	}
	for _, g := range c.Groups {
		for _, p := range g.Modified {
			w, ok := want[p.Title]
			if !ok {
				continue
			}
			delete(want, p.Title)
			if len(p.Diffs) != 1 || p.Diffs[0].Field != "Text" || !strings.Contains(string(p.Diffs[0].HTML), w) {
				t.Errorf("%s: diffs %+v, fields %q; want the text word by word, with %s", p.Title, p.Diffs, p.Fields, w)
			}
		}
	}
	for title := range want {
		t.Errorf("%s is not among the pages changed", title)
	}
}

// memVersion loads the site of files (paths from the site root) as a
// version, with the pages' text for What changed if text is set; an
// error fails the test.
func memVersion(t *testing.T, files map[string]string, text bool) *Version {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	s, problems := site.Load(fsys, site.Options{Now: testNow, Text: text})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	return &Version{Name: "v", Label: "v", Site: s}
}

// TestFieldsNamed: every field What changed compares has a name in the
// default theme's words, which translations give in their language.
func TestFieldsNamed(t *testing.T) {
	b, err := fs.ReadFile(themes.Default, "i18n/en.toml")
	if err != nil {
		t.Fatal(err)
	}
	var words map[string]any
	if _, err := toml.Decode(string(b), &words); err != nil {
		t.Fatal(err)
	}
	for _, f := range fieldOrder {
		if _, ok := words[render.FieldKey(f)]; !ok {
			t.Errorf("field %q: en.toml has no %s", f, render.FieldKey(f))
		}
	}
}

// english are the default theme's English words, which What changed of
// an English site is written in.
var english = func() *render.Words {
	w, err := render.LoadWords(themes.Default, "en")
	if err != nil {
		panic(err)
	}
	return w
}()

// TestCompareInLanguage: What changed writes a chain's badges, a
// campaign's dates and the count of a battlecard's items kept in the
// site's language.
func TestCompareInLanguage(t *testing.T) {
	german, err := render.LoadWords(themes.Default, "de")
	if err != nil {
		t.Fatal(err)
	}
	load := func(fulfils, starts, why string) *Version {
		fsys := fstest.MapFS{
			"content/promises/fast.md":           {Data: []byte(promiseFast)},
			"content/behaviours/sales/quote.md":  {Data: []byte(strings.Replace(behaviourQuote, `["fast"]`, fulfils, 1))},
			"content/behaviours/service/call.md": {Data: []byte(behaviourCall)},
			"content/campaigns/winter.md":        {Data: []byte("+++\ntitle = \"Winter\"\nstarts = " + starts + "\n+++\n")},
			"content/competitors/big.md":         {Data: []byte("+++\ntitle = \"Big\"\ncompetitor = \"Big\"\nwhy_we_win = " + why + "\n+++\n")},
		}
		s, _ := site.Load(fsys, site.Options{Now: testNow})
		return &Version{Name: "v", Label: "v", Site: s}
	}
	c := Compare(load(`["fast"]`, "2026-11-16", `["One price"]`), load(`[]`, "2026-11-30", `["One price", "Our own engineers"]`), german)
	var got []string
	for _, g := range c.Groups {
		for _, p := range g.Modified {
			for _, d := range p.Diffs {
				got = append(got, d.Field+": "+string(d.HTML))
			}
		}
	}
	for _, want := range []string{
		`Chain: <span class="badge badge-connected">verbunden</span> → <span class="badge badge-sales-gap">`,
		"Starts: <del>16. Nov. 2026</del> <ins>30. Nov. 2026</ins>",
		`<li class="diff-gap">1 unverändert</li>`,
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("German What changed lacks %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if s := strings.Join(got, "\n"); strings.Contains(s, "sales gap") || strings.Contains(s, "Nov 2026") || strings.Contains(s, "unchanged") {
		t.Errorf("German What changed has English words:\n%s", s)
	}
}
