package site

import (
	"slices"
	"strings"
	"testing"
)

// TestBattlecardFields reads a competitor's battlecard and an FAQ naming
// it, in TOML and in YAML.
func TestBattlecardFields(t *testing.T) {
	for _, tt := range []struct{ name, competitor, faq string }{
		{
			name: "toml",
			competitor: `+++
competitor = "Big"
why_we_win = ["We design room by room", "Our own engineers"]
landmines = "Can the price change after the survey?"
[[gaps]]
area = "Speed"
theirs = ["Next week", "weekdays"]
ours = 2026
promise = "fast"
[[objections]]
objection = "Big is cheaper."
response = "Ask what the price includes."
[[objections]]
objection = "Big can start sooner."
response = "Ask when the survey is."
+++
`,
			faq: "+++\nquestion = \"Why pay more?\"\ncompetitors = \"big\"\n+++\n",
		},
		{
			name: "yaml",
			competitor: `---
competitor: Big
why_we_win:
  - We design room by room
  - Our own engineers
landmines:
  - Can the price change after the survey?
gaps:
  - area: Speed
    theirs: [Next week, weekdays]
    ours: 2026
    promise: fast
objections:
  - objection: Big is cheaper.
    response: Ask what the price includes.
  - objection: Big can start sooner.
    response: Ask when the survey is.
---
`,
			faq: "---\nquestion: Why pay more?\ncompetitors: [big]\n---\n",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := loadFiles(t, with(chainSite(), "content/competitors/big.md", tt.competitor, "content/faqs/why.md", tt.faq))
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			big := s.ByID("big")
			if want := []string{"We design room by room", "Our own engineers"}; !slices.Equal(big.WhyWeWin, want) {
				t.Errorf("WhyWeWin = %q, want %q", big.WhyWeWin, want)
			}
			if want := []string{"Can the price change after the survey?"}; !slices.Equal(big.Landmines, want) {
				t.Errorf("Landmines = %q, want %q", big.Landmines, want)
			}
			if want := []Gap{{Area: "Speed", Theirs: "Next week, weekdays", Ours: "2026"}}; !slices.EqualFunc(big.Gaps, want, func(a, b Gap) bool {
				return a.Area == b.Area && a.Theirs == b.Theirs && a.Ours == b.Ours
			}) {
				t.Errorf("Gaps = %+v, want %+v", big.Gaps, want)
			}
			want := []Objection{{"Big is cheaper.", "Ask what the price includes."}, {"Big can start sooner.", "Ask when the survey is."}}
			if !slices.Equal(big.Objections, want) {
				t.Errorf("Objections = %q, want %q", big.Objections, want)
			}
			if len(big.Backlinks.FAQs) != 1 || big.Backlinks.FAQs[0].ID != "why" {
				t.Errorf("competitor's FAQs = %v, want the FAQ why", big.Backlinks.FAQs)
			}
			if q := s.ByID("why"); len(q.Competitors) != 1 || q.Competitors[0] != big {
				t.Errorf("FAQ's competitors = %v, want big", q.Competitors)
			}
			if !big.HasTalkTrack() {
				t.Error("HasTalkTrack = false")
			}
		})
	}
}

// TestBattlecardProblems: a broken objection is an error at its table, an
// FAQ naming a competitor that is not there is a broken relation, and the
// two battlecard checks warn at the lines of their keys.
func TestBattlecardProblems(t *testing.T) {
	// objection is an objection with its talk track, so that the checks
	// stay quiet about talk tracks where a test is not about them.
	const objection = "\n[[objections]]\nobjection = \"O\"\nresponse = \"R\"\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "an objection without a response, in TOML, at its table",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n"+objection+
				"\n[[objections]]\nobjection = \"They are cheaper.\"\n+++\n"),
			want: []string{`content/competitors/big.md:8: objections: objection "They are cheaper." has no "response": give the talk track that answers it`},
		},
		{
			name: "a response without an objection, in YAML, at its item",
			files: with(chainSite(), "content/competitors/big.md", "---\ncompetitor: Big\nobjections:\n"+
				"  - objection: O\n    response: R\n"+
				"  - response: Ask what the price includes, line by line, before you compare two numbers.\n---\n"),
			want: []string{`content/competitors/big.md:6:5: objections: the response "Ask what the price includes, line by lin…" answers no "objection": say what the customer says`},
		},
		{
			name:  "keys of the page written under a table, in TOML",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Speed\"\nwhy_we_win = [\"Fast\"]\n"+objection+"landmines = [\"Ask\"]\n+++\n"),
			want: []string{
				`content/competitors/big.md:5: gaps: "why_we_win" is a key of the page, not of one of its gaps: move it above the first [[gaps]]`,
				`content/competitors/big.md:10: objections: "landmines" is a key of the page, not of one of its objections: move it above the first [[objections]]`,
			},
		},
		{
			name:  "an empty objection",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n"+objection+"[[objections]]\n+++\n"),
			want:  []string{`content/competitors/big.md:7: objections: an objection needs "objection" (what the customer says) and "response" (the talk track)`},
		},
		{
			name:  "objections that are not tables",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\nobjections = [\"cheaper\"]\n+++\n"),
			want: []string{
				`content/competitors/big.md:2: warning: competitor "Big" has no talk track: add [[objections]] with a response, or an FAQ that names "big" in "competitors"`,
				`content/competitors/big.md:3: objections: want a list of tables, found "cheaper" in it`,
			},
		},
		{
			name:  "why we win that is not text",
			files: with(chainSite(), "content/competitors/big.md", "---\ncompetitor: Big\nwhy_we_win:\n  - {a: b}\n---\n"),
			want: []string{
				`content/competitors/big.md:2: warning: competitor "Big" has no talk track: add [[objections]] with a response, or an FAQ that names "big" in "competitors"`,
				`content/competitors/big.md:4:5: why_we_win: want a list of text, found a table in it`,
			},
		},
		{
			name: "a gap's or an objection's field that is not text, in TOML and YAML, at its line",
			files: with(chainSite(),
				"content/competitors/big.md", "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Price\"\nours = { fixed = true }\n"+objection+"[[objections]]\nobjection = [\"Too dear\", { a = 1 }]\nresponse = \"R\"\n+++\n",
				"content/competitors/small.md", "---\ncompetitor: Small\ngaps:\n  - area: {a: b}\nobjections:\n  - objection: O\n    response: {a: b}\n  - {objection: O, response: R}\n---\n"),
			want: []string{
				`content/competitors/big.md:5: gaps: ours: want text, got a table`,
				`content/competitors/big.md:11: objections: objection: want text or a list of text, found a table in it`,
				`content/competitors/small.md:4: gaps: area: want text, got a table`,
				`content/competitors/small.md:7: objections: response: want text, got a table`,
			},
		},
		{
			name:  "an FAQ naming no competitor",
			files: with(chainSite(), "content/faqs/q.md", "+++\nquestion = \"Q?\"\ncompetitors = [\n  \"big\",\n]\n+++\n"),
			want:  []string{`content/faqs/q.md:4: competitors: no page has id "big"`},
		},
		{
			name:  "an FAQ naming a promise as a competitor",
			files: with(chainSite(), "content/faqs/q.md", "---\nquestion: Q?\ncompetitors:\n  - fast\n---\n"),
			want:  []string{`content/faqs/q.md:4: competitors: "fast" is a promise (content/promises/fast.md), not a competitor`},
		},
		{
			name:  "a competitor with no talk track, in YAML",
			files: with(chainSite(), "content/competitors/big.md", "---\ntitle: Big\n\ncompetitor: Big Heating Ltd\nwhy_we_win: [Speed]\n---\n"),
			want:  []string{`content/competitors/big.md:4: warning: competitor "Big Heating Ltd" has no talk track: add [[objections]] with a response, or an FAQ that names "big" in "competitors"`},
		},
		{
			name: "an FAQ naming the competitor is a talk track",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n+++\n",
				"content/faqs/q.md", "+++\nquestion = \"Q?\"\ncompetitors = [\"big\"]\n+++\n"),
		},
		{
			name: "a draft FAQ is no talk track",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n+++\n",
				"content/faqs/q.md", "+++\nquestion = \"Q?\"\ncompetitors = [\"big\"]\ndraft = true\n+++\n"),
			want: []string{`content/competitors/big.md:2: warning: competitor "Big" has no talk track: add [[objections]] with a response, or an FAQ that names "big" in "competitors"`},
		},
		{
			name: "a gap resting on a promise with a service gap, in TOML, at its promise",
			files: with(chainSite(), "content/behaviours/service/call.md", "",
				"content/competitors/big.md", "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Price\"\n[[gaps]]\narea = \"Winter cover\"\ntheirs = \"Weekdays\"\n# what we keep\npromise = \"fast\"\n"+objection+"+++\n"),
			want: []string{
				`content/competitors/big.md:9: warning: gap "Winter cover" rests on promise "fast", which is not connected: no service behaviour fulfils it`,
				`content/promises/fast.md:3: warning: promise "fast" has a service gap: no service behaviour fulfils it`,
			},
		},
		{
			name: "a gap resting on a promise with no expectation, in YAML, at its promise",
			files: with(chainSite(), "content/promises/fast.md", "+++\npromise = \"We are fast.\"\n+++\n",
				"content/competitors/big.md", "---\ncompetitor: Big\ngaps:\n  - area: Speed\n    ours: Same day\n    promise: fast\nobjections:\n  - {objection: O, response: R}\n---\n"),
			want: []string{
				`content/competitors/big.md:6: warning: gap "Speed" rests on promise "fast", which is not connected: it states no "expectation"`,
				`content/promises/fast.md:2: warning: promise "fast" is disconnected: it states no "expectation"`,
			},
		},
		{
			name:  "a gap resting on a connected promise is fine",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Speed\"\npromise = \"fast\"\n"+objection+"+++\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := loadFiles(t, tt.files)
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
