package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// loadFiles loads a site made of files, keyed by path from the site root.
func loadFiles(t *testing.T, files map[string]string) (*Site, Problems) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return Load(fsys, Options{Now: testNow})
}

// chainSite is a promise with a sales and a service behaviour.
func chainSite() map[string]string {
	return map[string]string{
		"content/promises/fast.md": `+++
title = "Fast"
promise = "We are fast."
expectation = "A call back today."
+++
Body.
`,
		"content/behaviours/sales/quote.md": `+++
stage = "sales"
fulfils = ["fast"]
+++
`,
		"content/behaviours/service/call.md": `+++
stage = "service"
fulfils = ["fast"]
+++
## How {#how}
`,
	}
}

func with(files map[string]string, kv ...string) map[string]string {
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == "" {
			delete(files, kv[i])
		} else {
			files[kv[i]] = kv[i+1]
		}
	}
	return files
}

func TestProblems(t *testing.T) {
	long := strings.Repeat("t", MaxName+45) // a name no file system takes
	tests := []struct {
		name  string
		files map[string]string
		want  []string // problems, in order, as printed
	}{
		{
			name:  "a connected chain has no problems",
			files: chainSite(),
		},
		{
			name:  "broken link reports file, line and column",
			files: with(chainSite(), "content/promises/fast.md", "+++\npromise = \"x\"\nexpectation = \"y\"\n+++\n\nSee [call](../behaviours/service/call.md#how)\nand [gone](../nowhere.md).\n"),
			want:  []string{`content/promises/fast.md:7:5: broken link "../nowhere.md": no page or file at content/nowhere.md`},
		},
		{
			name:  "broken anchor names the target page",
			files: with(chainSite(), "content/a.md", "# A\n\n[how](behaviours/service/call.md#why)\n"),
			want:  []string{`content/a.md:3:1: broken link "behaviours/service/call.md#why": content/behaviours/service/call.md has no heading with id "why"`},
		},
		{
			name:  "anchor on the same page",
			files: with(chainSite(), "content/a.md", "# A\n\n## Here {#here}\n\n[ok](#here) [bad](#there)\n"),
			want:  []string{`content/a.md:5:13: broken link "#there": this page has no heading with id "there"`},
		},
		{
			name:  "link differing in case says so",
			files: with(chainSite(), "content/a.md", "[x](Promises/Fast.md)\n"),
			want:  []string{`content/a.md:1:1: broken link "Promises/Fast.md": no page at content/Promises/Fast.md (did you mean content/promises/fast.md? links are case-sensitive)`},
		},
		{
			name:  "link outside content",
			files: with(chainSite(), "content/a.md", "[x](../README.md)\n"),
			want:  []string{`content/a.md:1:1: broken link "../README.md": it points outside content/`},
		},
		{
			name:  "a file name that is not UTF-8 is shown escaped",
			files: with(chainSite(), "content/Offre sp\xe9ciale.pdf", "PDF"),
			want:  []string{`content/Offre sp\xe9ciale.pdf:1: file name is not valid UTF-8: rename it`},
		},
		{
			name:  "a folder name that is not UTF-8 is shown escaped, its files skipped",
			files: with(chainSite(), "content/Pr\xe9sentations/a.md", "# A\n", "content/Pr\xe9sentations/b.md", "# B\n"),
			want:  []string{`content/Pr\xe9sentations:1: folder name is not valid UTF-8: rename it`},
		},
		{
			name:  "a control character in a file name is shown escaped",
			files: with(chainSite(), "content/a\tb.md", "[x](nowhere.md)\n"),
			want:  []string{`content/a\x09b.md:1:1: broken link "nowhere.md": no page or file at content/nowhere.md`},
		},
		{
			name:  "a page beside a folder with an index file says to merge them",
			files: with(chainSite(), "content/Promises.md", "# Our promises\n", "content/promises/_index.md", "# Promises\n"),
			want:  []string{`content/Promises.md:1: the page Promises.md and the folder promises/ would have the same URL /promises/: merge Promises.md into promises/_index.md`},
		},
		{
			name:  "unknown relation id names the line of the id",
			files: with(chainSite(), "content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\n  \"fast\",\n  \"slow\",\n]\n+++\n"),
			want:  []string{`content/behaviours/sales/quote.md:5: fulfils: no page has id "slow"`},
		},
		{
			name: "a mistyped id names the page it most likely meant, of the type wanted",
			files: with(chainSite(),
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fats\"]\n+++\n",
				"content/promises/same-day-callback.md", "+++\npromise = \"P\"\n+++\n",
				"content/guides/same-day-call-backs.md", "# Guide\n",
				"content/faqs/q.md", "+++\nquestion = \"Q?\"\npromises = [\"same-day-call-back\"]\n+++\n",
				"content/standards/s.md", "+++\napplies_to = [\"nothing-like-it\", \"same-day-call-backz\"]\n+++\n",
				"content/competitors/callfast-ltd.md", "+++\ncompetitor = \"CallFast\"\nwhy_we_win = [\"x\"]\n+++\n",
				"content/faqs/r.md", "+++\nquestion = \"R?\"\ncompetitors = [\"callfast\"]\n+++\n"),
			want: []string{
				`content/behaviours/sales/quote.md:3: fulfils: no page has id "fats": did you mean "fast" (content/promises/fast.md)?`,
				`content/competitors/callfast-ltd.md:2: warning: competitor "CallFast" has no talk track: add [[objections]] with a response, or an FAQ that names "callfast-ltd" in "competitors"`,
				`content/faqs/q.md:3: promises: no page has id "same-day-call-back": did you mean "same-day-callback" (content/promises/same-day-callback.md)?`,
				`content/faqs/r.md:3: competitors: no page has id "callfast": did you mean "callfast-ltd" (content/competitors/callfast-ltd.md)?`,
				`content/promises/fast.md:3: warning: promise "fast" has a sales gap: no sales behaviour fulfils it`,
				`content/promises/same-day-callback.md:2: warning: promise "same-day-callback" is disconnected: it states no "expectation", and no sales or service behaviour fulfils it`,
				`content/standards/s.md:2: applies_to: no page has id "nothing-like-it"`,
				`content/standards/s.md:2: applies_to: no page has id "same-day-call-backz": did you mean "same-day-call-backs" (content/guides/same-day-call-backs.md)?`,
			},
		},
		{
			name: "a key a letter from one playbook knows is warned of, with the key meant; others are kept quietly",
			files: with(chainSite(),
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\nfulfills = [\"fast\"]\nrole = \"sales\"\n+++\n",
				"content/a.md", "---\ntitle: A\nTags: [x]\nreviewd: 2026-11-01\nregion: EMEA\nstage: sales\n---\n",
				"content/_index.md", "+++\ntitle = \"Home\"\nstrat = [\"fast\"]\n+++\n"),
			want: []string{
				`content/_index.md:3: warning: strat: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean start?`,
				`content/a.md:3: warning: Tags: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean tags?`,
				`content/a.md:4: warning: reviewd: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean reviewed?`,
				`content/behaviours/sales/quote.md:4: warning: fulfills: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean fulfils?`,
				`content/behaviours/sales/quote.md:5: warning: role: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean roles?`,
			},
		},
		{
			name:  "relation to a page of the wrong type",
			files: with(chainSite(), "content/faqs/q.md", "+++\nquestion = \"Q?\"\npromises = [\"quote\"]\n+++\n"),
			want:  []string{`content/faqs/q.md:3: promises: "quote" is a behaviour (content/behaviours/sales/quote.md), not a promise`},
		},
		{
			name:  "unknown relation id in a competitor gap",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\n\n[[gaps]]\narea = \"Speed\"\npromise = \"fast\"\n\n[[gaps]]\narea = \"Price\"\npromise = \"cheap\"\n\n[[objections]]\nobjection = \"O\"\nresponse = \"R\"\n+++\n"),
			want:  []string{`content/competitors/big.md:10: gaps: no page has id "cheap"`},
		},
		{
			name:  "duplicate id given in front matter",
			files: with(chainSite(), "content/other/quick.md", "+++\nid = \"fast\"\n+++\n", "content/promises/fast.md", "+++\nid = \"fast\"\npromise = \"p\"\n+++\n"),
			want: []string{
				`content/promises/fast.md:2: id "fast" is already the id of content/other/quick.md`,
				`content/promises/fast.md:3: warning: promise "fast" is disconnected: it states no "expectation", and no sales or service behaviour fulfils it`,
			},
		},
		{
			name: "a page of another type whose front matter sets the id a file name makes is told, and relations find the file's page",
			files: with(chainSite(),
				"content/faqs/a.md", "+++\nquestion = \"Call back today?\"\nid = \"fast\"\n+++\nYes.\n",
				"content/zz/b.md", "+++\ntitle = \"B\"\nid = \"Fast\"\n+++\n"),
			want: []string{
				`content/faqs/a.md:3: id "fast" is already the id of content/promises/fast.md`,
				`content/zz/b.md:3: id "Fast" is already the id of content/promises/fast.md, written "fast": ids that differ only in case or punctuation are one id`,
			},
		},
		{
			name: "two pages of different types setting one id are both left out of relations naming it",
			files: with(chainSite(),
				"content/promises/fast.md", "+++\nid = \"quick\"\npromise = \"p\"\nexpectation = \"e\"\n+++\n",
				"content/faqs/a.md", "+++\nquestion = \"Q?\"\nid = \"quick\"\npromises = [\"quick\"]\n+++\n",
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"quick\"]\n+++\n",
				"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"quick\"]\n+++\n"),
			want: []string{
				`content/promises/fast.md:2: id "quick" is already the id of content/faqs/a.md`,
				`content/promises/fast.md:3: warning: promise "quick" is disconnected: no sales or service behaviour fulfils it`,
			},
		},
		{
			name: "a section's front matter setting a page's id is told at its own line",
			files: with(chainSite(),
				"content/guides/_index.md", "+++\ntitle = \"Guides\"\nid = \"fast\"\n+++\n",
				"content/guides/g.md", "# G\n"),
			want: []string{`content/guides/_index.md:3: id "fast" is already the id of content/promises/fast.md`},
		},
		{
			name: "an id front matter sets that a folder makes names the folder",
			files: with(chainSite(),
				"content/guides/g.md", "# G\n",
				"content/a.md", "+++\nid = \"guides\"\n+++\n"),
			want: []string{`content/a.md:2: id "guides" is already the id of the folder content/guides/`},
		},
		{
			name: "a file name making the id of the home page is told to set another",
			files: with(chainSite(),
				"content/_index.md", "+++\ntitle = \"Home\"\n+++\n",
				"content/home.md", "# Home again\n"),
			want: []string{`content/home.md:1: the file name makes the id "home", which is already the id of content/_index.md: set another with id in front matter`},
		},
		{
			name:  "an id two file names make is made unique from the path, and a relation naming it is ambiguous",
			files: with(chainSite(), "content/other/fast.md", "+++\ntitle = \"Also fast\"\n+++\n"),
			want: []string{
				`content/behaviours/sales/quote.md:3: fulfils: "fast" is ambiguous: content/other/fast.md (id "other-fast") and content/promises/fast.md (id "promises-fast"); name one by its id`,
				`content/behaviours/service/call.md:3: fulfils: "fast" is ambiguous: content/other/fast.md (id "other-fast") and content/promises/fast.md (id "promises-fast"); name one by its id`,
				`content/promises/fast.md:3: warning: promise "promises-fast" is disconnected: no sales or service behaviour fulfils it`,
			},
		},
		{
			name:  "duplicate URL from names that slugify alike",
			files: with(chainSite(), "content/Guides/Price List.md", "# A\n", "content/guides/price-list.md", "# B\n"),
			want: []string{
				`content/guides:1: duplicate URL /guides/: content/Guides has it too (file names differ only in case or punctuation)`,
				`content/guides/price-list.md:1: duplicate URL /guides/price-list/: content/Guides/Price List.md has it too (file names differ only in case or punctuation)`,
			},
		},
		{
			name:  "a competitor without its name is not warned of for its talk track too",
			files: with(chainSite(), "content/competitors/globex.md", "---\ntitle: Globex\n---\n"),
			want:  []string{`content/competitors/globex.md:1: missing "competitor": a competitor page must have one (a page in competitors/ is a competitor page unless its front matter sets another type, as type page)`},
		},
		{
			name:  "missing required field",
			files: with(chainSite(), "content/faqs/q.md", "+++\ntitle = \"Q\"\n+++\n"),
			want:  []string{`content/faqs/q.md:1: missing "question": a faq page must have one (a page in faqs/ is a faq page unless its front matter sets another type, as type page)`},
		},
		{
			name:  "bad stage",
			files: with(chainSite(), "content/behaviours/x.md", "+++\nfulfils = [\"fast\"]\nstage = \"delivery\"\n+++\n"),
			want:  []string{`content/behaviours/x.md:3: stage: "delivery" is not a stage (want "sales" or "service")`},
		},
		{
			name: "a URL or a role's page with a name longer than a file system allows, and an alias with a control character",
			files: with(chainSite(),
				"content/guides/l.md", "+++\ntitle = \"L\"\nslug = \""+strings.Repeat("a", 300)+"\"\n+++\n",
				"content/faqs/q.md", "+++\nquestion = \"Q?\"\naudience = \""+strings.Repeat("b", 300)+"\"\n+++\n",
				"content/guides/al.md", "+++\ntitle = \"Al\"\naliases = [\"/%00/\", \"/a%0Ab/\"]\n+++\n"),
			want: []string{
				`content/behaviours/sales/quote.md:2: warning: behaviour "quote" names no role that does it: no role's page lists it; add roles = ["…"]`,
				`content/behaviours/service/call.md:2: warning: behaviour "call" names no role that does it: no role's page lists it; add roles = ["…"]`,
				`content/faqs/q.md:3: audience: a role's name makes a URL longer than the 255 bytes a file system allows: shorten it`,
				`content/guides/al.md:3: aliases: "/%00/" is not a path of the site`,
				`content/guides/al.md:3: aliases: "/a%0Ab/" is not a path of the site`,
				`content/guides/l.md:3: this page's URL has a name longer than the 255 bytes a file system allows: shorten its slug`,
			},
		},
		{
			name: "a gap a draft alone would close names the draft",
			files: with(chainSite(),
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"Fast\"]\ndraft = true\n+++\n"),
			want: []string{`content/promises/fast.md:3: warning: promise "fast" has a sales gap: no sales behaviour fulfils it but a draft, content/behaviours/sales/quote.md`},
		},
		{
			name: "an expectation that is a placeholder states none",
			files: with(chainSite(),
				"content/promises/fast.md", "+++\ntitle = \"Fast\"\npromise = \"We are fast.\"\nexpectation = \"TBD\"\n+++\n"),
			want: []string{`content/promises/fast.md:4: warning: promise "fast" is disconnected: its "expectation" "TBD" is a placeholder`},
		},
		{
			name: "an id a page had before it was renamed names the page",
			files: with(chainSite(),
				"content/promises/fast.md", "",
				"content/promises/quick.md", "+++\ntitle = \"Quick\"\npromise = \"We are quick.\"\nexpectation = \"A call back today.\"\naliases = [\"/promises/fast/\"]\n+++\n"),
			want: []string{
				`content/behaviours/sales/quote.md:3: fulfils: no page has id "fast": did you mean "quick" (content/promises/quick.md)? its aliases name its old path, and id = "fast" in its front matter would keep the old id`,
				`content/behaviours/service/call.md:3: fulfils: no page has id "fast": did you mean "quick" (content/promises/quick.md)? its aliases name its old path, and id = "fast" in its front matter would keep the old id`,
				`content/promises/quick.md:3: warning: promise "quick" is disconnected: no sales or service behaviour fulfils it`,
			},
		},
		{
			name: "an id typed without its accents or ß names the page",
			files: with(chainSite(),
				"content/promises/fast.md", "",
				"content/promises/straßenservice-łódź.md", "+++\ntitle = \"Straßenservice Łódź\"\npromise = \"We come.\"\nexpectation = \"A visit.\"\n+++\n",
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"strassenservice-lodz\"]\n+++\n",
				"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"straßenservice-łódź\"]\n+++\n"),
			want: []string{
				`content/behaviours/sales/quote.md:3: fulfils: no page has id "strassenservice-lodz": did you mean "straßenservice-łódź" (content/promises/straßenservice-łódź.md)?`,
				`content/promises/straßenservice-łódź.md:3: warning: promise "straßenservice-łódź" has a sales gap: no sales behaviour fulfils it`,
			},
		},
		{
			name:  "a behaviour naming its promises in promises keeps them, with a warning",
			files: with(chainSite(), "content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\npromises = [\"fast\"]\n+++\n"),
			want:  []string{`content/behaviours/sales/quote.md:3: warning: behaviour "quote" names the promises it keeps in "promises", read as "fulfils", a behaviour's key for them: rename the key`},
		},
		{
			name:  "bad stage in a stage's folder is told once",
			files: with(chainSite(), "content/behaviours/service/x.md", "+++\nfulfils = [\"fast\"]\nstage = \"after-sales\"\n+++\n"),
			want:  []string{`content/behaviours/service/x.md:3: stage: "after-sales" is not a stage (want "sales" or "service")`},
		},
		{
			name:  "malformed TOML front matter names its line",
			files: with(chainSite(), "content/a.md", "+++\ntitle = \"A\"\nweight = = 3\n+++\n"),
			want:  []string{`content/a.md:3: front matter: expected value but found '=' instead`},
		},
		{
			name:  "malformed YAML front matter names its line",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\ntags: [a, b\n---\n"),
			want:  []string{`content/a.md:3: front matter: did not find expected ',' or ']'`},
		},
		{
			// The YAML decoder gives a syntax error's line, not its column.
			name:  "badly indented YAML names its line",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\n  summary: B\n---\n"),
			want:  []string{`content/a.md:3: front matter: mapping values are not allowed in this context`},
		},
		{
			name:  "a badly indented YAML list item names its line",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\ntags:\n  - a\n - b\n---\n"),
			want:  []string{`content/a.md:5: front matter: did not find expected key`},
		},
		{
			name:  "a duplicate YAML key names both lines of the file",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\nsummary: S\ntitle: B\n---\n"),
			want:  []string{`content/a.md:4:1: front matter: mapping key "title" already defined at line 2`},
		},
		{
			name: "a duplicate YAML key in a nested table names its line and column",
			files: with(chainSite(), "content/competitors/acme.md",
				"---\ngaps:\n  - area: price\n    note: cheap\n    area: speed\n---\n"),
			want: []string{`content/competitors/acme.md:5:5: front matter: mapping key "area" already defined at line 3`},
		},
		{
			name:  "a YAML value of the wrong type names its line and column",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\nweight:   heavy\n---\n"),
			want:  []string{`content/a.md:3:11: weight: want a whole number, got "heavy"`},
		},
		{
			name:  "a YAML list item of the wrong type names its own line and column",
			files: with(chainSite(), "content/a.md", "---\ntitle: A\ntags:\n  - a\n  - {x: 1}\n---\n"),
			want:  []string{`content/a.md:5:5: tags: want a list of text, found a table in it`},
		},
		{
			name: "a hint of playbook new left in front matter is warned of at its line, in TOML and YAML, but in a title",
			files: with(chainSite(),
				"content/faqs/q.md", "+++\ntitle = \"Q\"\nquestion = \"TODO: the customer's question\"\nwhy = [\"TODO: a reason\"]\n+++\nTODO: not front matter.\n",
				"content/personas/p.md", "---\ntitle: P\nrole: \"TODO: who they are\"\npains:\n  - \"TODO: a pain\"\n---\n",
				"content/guides/t.md", "+++\ntitle = \"TODO: a title is the author's own\"\n+++\n"),
			want: []string{
				`content/faqs/q.md:3: warning: question: still the hint playbook new wrote (TODO: the customer's question): write it, or readers see the hint`,
				`content/faqs/q.md:4: warning: why: still the hint playbook new wrote (TODO: a reason): write it, or readers see the hint`,
				`content/personas/p.md:3: warning: role: still the hint playbook new wrote (TODO: who they are): write it, or readers see the hint`,
				`content/personas/p.md:5: warning: pains: still the hint playbook new wrote (TODO: a pain): write it, or readers see the hint`,
			},
		},
		{
			name: "a page saved as .txt is warned of; a text file is not",
			files: with(chainSite(),
				"content/guides/callback.txt", "+++\ntitle = \"Callback\"\n+++\nCall back the same day.\n",
				"content/guides/rules.MDOWN", "---\ntitle: Rules\n---\n",
				"content/guides/notes.txt", "---\nA line, not front matter.\n",
				"content/guides/readme.txt", "Just text.\n"),
			want: []string{
				`content/guides/callback.txt:1: warning: starts with front matter, but only .md and .markdown files are pages: it is published as a file, as it is; rename it to .md`,
				`content/guides/rules.MDOWN:1: warning: starts with front matter, but only .md and .markdown files are pages: it is published as a file, as it is; rename it to .md`,
			},
		},
		{
			name: "an empty item of a list is warned of, at its own line in YAML",
			files: with(chainSite(),
				"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\", \"\"]\n+++\n",
				"content/a.md", "---\ntitle: A\ntags:\n  - a\n  - \" \"\n---\n"),
			want: []string{
				`content/a.md:5:5: warning: tags: item 2 is empty and is left out`,
				`content/behaviours/sales/quote.md:3: warning: fulfils: item 2 is empty and is left out`,
			},
		},
		{
			name:  "a YAML setting of a wrong value names its line and column",
			files: with(chainSite(), "content/behaviours/x.md", "---\nfulfils: [fast]\nstage:  delivery\n---\n"),
			want:  []string{`content/behaviours/x.md:3:9: stage: "delivery" is not a stage (want "sales" or "service")`},
		},
		{
			name:  "columns count characters, not bytes, in front matter and in links",
			files: with(chainSite(), "content/a.md", "---\ntags: [\"日本語\", {x: 1}]\n---\n価格表は[こちら](price.md)をご覧ください。\n"),
			want: []string{
				`content/a.md:2:15: tags: want a list of text, found a table in it`,
				`content/a.md:4:5: broken link "price.md": no page or file at content/price.md`,
			},
		},
		{
			name:  "YAML front matter that is a list names its line",
			files: with(chainSite(), "content/a.md", "---\n- a\n- b\n---\n"),
			want:  []string{`content/a.md:2:1: front matter: want keys and values (title: ...), got a list`},
		},
		{
			name: "a page that cannot be read is reported once, not by every link and relation to it",
			files: with(chainSite(),
				"content/promises/fast.md", "+++\npromise = \n+++\n",
				"content/a.md", "[fast](promises/fast.md) [by its URL](/promises/fast/) [or](../promises/fast/#why)\n",
				"content/b.md", "[gone](/promises/gone/)\n"),
			want: []string{
				`content/b.md:1:1: broken link "/promises/gone/": no page or file at content/promises/gone`,
				`content/promises/fast.md:2: front matter: promise: nothing after "=": give it a value, or remove the line`,
			},
		},
		{
			name: "a page that cannot be read takes no generated page with it: Alignment, a tag's or a role's page may be its",
			files: with(chainSite(),
				"content/promises/fast.md", "+++\npromise = \n+++\n",
				"content/a.md", "[all](/alignment/) [tag](../tags/pricing/) [role](/roles/engineer/) [x](/alignment/x/)\n"),
			want: []string{
				`content/a.md:1:69: broken link "/alignment/x/": no page or file at content/alignment/x`,
				`content/promises/fast.md:2: front matter: promise: nothing after "=": give it a value, or remove the line`,
			},
		},
		{
			name: "a link naming a page by its title, or its file from the wrong folder, names the file to write",
			files: with(chainSite(),
				"content/guides/first-week.md", "# First week\n\nSee [fast](Fast), [it](fast.md), [quote](<Quote>), [call](../Call.md) and [nothing](nowhere.md).\n"),
			want: []string{
				`content/guides/first-week.md:3:5: broken link "Fast": no page or file at content/guides/Fast: did you mean ../promises/fast.md? a link names a page's file, from this page's folder`,
				`content/guides/first-week.md:3:19: broken link "fast.md": no page or file at content/guides/fast.md: did you mean ../promises/fast.md? a link names a page's file, from this page's folder`,
				`content/guides/first-week.md:3:34: broken link "Quote": no page or file at content/guides/Quote: did you mean ../behaviours/sales/quote.md? a link names a page's file, from this page's folder`,
				`content/guides/first-week.md:3:52: broken link "../Call.md": no page or file at content/Call.md: did you mean ../behaviours/service/call.md? a link names a page's file, from this page's folder`,
				`content/guides/first-week.md:3:75: broken link "nowhere.md": no page or file at content/guides/nowhere.md`,
			},
		},
		{
			name:  "an anchor that misses a heading's id names the id it most likely meant",
			files: with(chainSite(), "content/a.md", "# A\n\n## Why it matters\n\n## Pricing\n\n[x](#why) [y](#priceing) [z](promises/fast.md#bdy) [w](#nothing-like-it)\n"),
			want: []string{
				`content/a.md:7:1: broken link "#why": this page has no heading with id "why": did you mean #why-it-matters? a heading's id is its whole text, in lower case, with hyphens for spaces`,
				`content/a.md:7:11: broken link "#priceing": this page has no heading with id "priceing": did you mean #pricing? a heading's id is its whole text, in lower case, with hyphens for spaces`,
				`content/a.md:7:26: broken link "promises/fast.md#bdy": content/promises/fast.md has no heading with id "bdy"`,
				`content/a.md:7:52: broken link "#nothing-like-it": this page has no heading with id "nothing-like-it"`,
			},
		},
		{
			name:  "anchors in any script, as written or percent-encoded",
			files: with(chainSite(), "content/a.md", "# A\n\n## Über uns\n\n[x](#über-uns) [y](#%C3%BCber-uns) [z](#uber-uns)\n"),
			want:  []string{`content/a.md:5:36: broken link "#uber-uns": this page has no heading with id "uber-uns": did you mean #über-uns? a heading's id is its whole text, in lower case, with hyphens for spaces`},
		},
		{
			name:  "a name with nothing to make a URL of",
			files: with(chainSite(), "content/guides/???.md", "# Q\n"),
			want:  []string{`content/guides/???.md:1: the name "???.md" has no letter or digit to make a URL of: rename it`},
		},
		{
			name:  "tags with nothing to make a URL of, or sharing one",
			files: with(chainSite(), "content/a.md", "+++\ntags = [\"!!!\", \"C++\"]\n+++\n", "content/b.md", "+++\ntags = [\"C#\"]\n+++\n"),
			want: []string{
				`content/a.md:2: tags: "!!!" has no letter or digit to make a URL of`,
				`content/b.md:2: tags: "C#" and "C++" would share the page /tags/c/: use one spelling`,
			},
		},
		{
			name: "files and aliases that would land on other files",
			files: with(chainSite(),
				"content/promises/index.html", "<p>stray</p>",
				"content/a.md", "+++\naliases = [\"assets/playbook.css\", \"promises/fast\", \"/old/a/\"]\n+++\n",
				"content/b.md", "+++\naliases = [\"old/a\"]\n+++\n"),
			want: []string{
				`content/a.md:2: alias "assets/playbook.css" would be published as /assets/playbook.css, where playbook puts a page of its own`,
				`content/a.md:2: alias "promises/fast" would be published as /promises/fast/index.html, where content/promises/fast.md is`,
				`content/b.md:2: alias "old/a" would be published as /old/a/index.html, where content/a.md is`,
				`content/promises/index.html:1: this file would be published as /promises/index.html, where content/promises is`,
			},
		},
		{
			name: "a file where the site needs a folder",
			files: with(chainSite(),
				"content/assets", "not a folder",
				"content/promises/fast", "a file without an extension beside fast.md",
				"content/notes/plan", "alone: no folder needed"),
			want: []string{
				`content/assets:1: this file would be published as /assets, where the site needs a folder of that name: rename it`,
				`content/promises/fast:1: this file would be published as /promises/fast, where the site needs a folder of that name: rename it`,
			},
		},
		{
			name: "aliases no browser reaches, and names too long for a file system",
			files: with(chainSite(),
				"content/a.md", "+++\naliases = [\"http://old.example.com/pricing\", \"/old?page=2\", \"/old#top\", \"/%zz/\", \"/caf%C3%A9/\", \"/ok/"+long+"/\"]\n+++\n",
				"content/b.md", "+++\ntags = [\""+long+"\"]\naliases = [\"caf\u00e9\"]\n+++\n"),
			want: []string{
				`content/a.md:2: aliases: "http://old.example.com/pricing" is not a path of the site`,
				`content/a.md:2: aliases: "/old?page=2" is not a path of the site`,
				`content/a.md:2: aliases: "/old#top" is not a path of the site`,
				`content/a.md:2: aliases: "/%zz/" is not a path of the site`,
				`content/a.md:2: aliases: "/ok/` + long + `/" is not a path of the site`,
				`content/b.md:2: tags: "` + long + `" is too long to name its page's folder (300 bytes; at most 255)`,
				`content/b.md:3: alias "café" would be published as /café/index.html, where content/a.md is`,
			},
		},
		{
			name:  "front matter of the wrong type",
			files: with(chainSite(), "content/a.md", "+++\nweight = \"heavy\"\n+++\n"),
			want:  []string{`content/a.md:2: weight: want a whole number, got "heavy"`},
		},
		{
			name: "front matter after a blank line or an indent",
			files: with(chainSite(),
				"content/a.md", "\n+++\ntitle = \"A\"\n+++\nBody\n",
				"content/b.md", "  ---\ntitle: B\n---\nBody\n",
				"content/c.md", "\n---\n\nA rule, then text.\n"),
			want: []string{
				`content/a.md:2: warning: front matter must start on the first line: this "+++" block is read as Markdown, and the page has no front matter`,
				`content/b.md:1: warning: front matter must start on the first line: this "---" block is read as Markdown, and the page has no front matter`,
			},
		},
		{
			name: "ids that differ only in case or punctuation",
			files: with(chainSite(),
				"content/guides/p1.md", "+++\nid = \"Pricing\"\n+++\n",
				"content/guides/p2.md", "+++\nid = \"pricing\"\n+++\n",
				"content/guides/q1.md", "+++\nid = \"q&a\"\n+++\n",
				"content/guides/q2.md", "+++\nid = \"q-a\"\n+++\n"),
			want: []string{
				`content/guides/p2.md:2: id "pricing" is already the id of content/guides/p1.md, written "Pricing": ids that differ only in case or punctuation are one id`,
				`content/guides/q2.md:2: id "q-a" is already the id of content/guides/q1.md, written "q&a": ids that differ only in case or punctuation are one id`,
			},
		},
		{
			name: "an id set in front matter is blamed, not a file name's",
			files: with(chainSite(),
				"content/guides/i5.md", "+++\ntitle = \"I5\"\nid = \"Straight Talking\"\n+++\n",
				"content/positioning/straight-talking.md", "+++\nposition = \"We talk straight.\"\n+++\n"),
			want: []string{
				`content/guides/i5.md:3: id "Straight Talking" is already the id of content/positioning/straight-talking.md, written "straight-talking": ids that differ only in case or punctuation are one id`,
			},
		},
		{
			name: "an id with no letter or digit",
			files: with(chainSite(),
				"content/guides/e.md", "+++\nid = \"\"\n+++\n",
				"content/guides/p.md", "+++\nid = \"!!!\"\n+++\n",
				"content/guides/d.md", "+++\nid = \"---\"\n+++\n"),
			want: []string{
				`content/guides/d.md:2: id "---" has no letter or digit to name the page by`,
				`content/guides/e.md:2: id "" has no letter or digit to name the page by`,
				`content/guides/p.md:2: id "!!!" has no letter or digit to name the page by`,
			},
		},
		{
			name: "a value in error brings no warnings of its own",
			files: with(chainSite(),
				"content/a.md", "+++\nreviewed = \"2026-02-30\"\nreview_every = \"90d\"\n+++\n",
				"content/campaigns/c.md", "+++\nstarts = \"soon\"\nends = 2026-12-31\n+++\n"),
			want: []string{
				`content/a.md:2: reviewed: "2026-02-30" is no day of the calendar: February 2026 has 28 days`,
				`content/campaigns/c.md:2: starts: want a date such as 2026-01-31, got "soon"`,
			},
		},
		{
			name:  "unclosed front matter",
			files: with(chainSite(), "content/a.md", "+++\ntitle = \"A\"\n\nBody\n"),
			want:  []string{`content/a.md:1: front matter opened with "+++" on line 1 is never closed: add a line "+++" after its last key, before the text`},
		},
		{
			name:  "bad UTF-8 names line and column",
			files: with(chainSite(), "content/a.md", "# A\n\nfine\nbad \xff here\n"),
			want:  []string{`content/a.md:4:5: invalid UTF-8: save the file as UTF-8`},
		},
		{
			name:  "huge file",
			files: with(chainSite(), "content/a.md", strings.Repeat("x", MaxFileSize+1)),
			want:  []string{`content/a.md:1: file is 8.0 MiB; pages are limited to 8 MiB`},
		},
		{
			name:  "unknown type",
			files: with(chainSite(), "content/a.md", "+++\ntype = \"promis\"\n+++\n"),
			want:  []string{`content/a.md:2: type: unknown type "promis": did you mean "promise"? (want one of positioning, promise, behaviour, standard, faq, competitor, campaign, persona, page)`},
		},
		{
			name:  "a type written with capitals is the type",
			files: with(chainSite(), "content/a.md", "+++\ntype = \"FAQ\"\n+++\n", "content/b.md", "---\ntype: Behaviors\nstage: sales\nfulfils: [fast]\n---\n"),
			want:  []string{`content/a.md:1: missing "question": a faq page must have one`},
		},
		{
			name:  "campaign ending before it starts",
			files: with(chainSite(), "content/campaigns/c.md", "+++\nstarts = 2026-02-01\nends = 2026-01-01\n+++\n"),
			want:  []string{`content/campaigns/c.md:3: ends: the campaign ends (2026-01-01) before it starts (2026-02-01)`},
		},
		{
			name: "a page or file at a split section's page/ is an error",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = 3\n",
				"content/x/a.md", "# A\n", "content/x/b.md", "# B\n", "content/x/c.md", "# C\n", "content/x/page.md", "# Page\n",
				"content/a.md", "+++\naliases = [\"x/page/3\"]\n+++\n"),
			want: []string{
				`content/a.md:2: alias "x/page/3" would be published as /x/page/3/index.html, where playbook puts the further pages of /x/`,
				`content/x/page.md:1: this page would be published at /x/page/, where playbook puts the further pages of /x/ (its list of 4 is longer than [pagination] size = 3): rename it`,
			},
		},
		{
			name: "a folder page/ in a split section is an error, at the folder and its files",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = 2\n",
				"content/x/a.md", "# A\n", "content/x/b.md", "# B\n", "content/x/page/2/chart.md", "# Chart\n", "content/x/page/2/chart.png", "PNG"),
			want: []string{
				`content/x/page:1: this page would be published at /x/page/, where playbook puts the further pages of /x/ (its list of 3 is longer than [pagination] size = 2): rename it`,
				`content/x/page/2/chart.png:1: this file would be published as /x/page/2/chart.png, where playbook puts the further pages of /x/`,
			},
		},
		{
			name: "a folder of images only is no section: beside a page of its name, or in a split section",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = 2\n",
				"content/x/a.md", "# A\n![d](a/diagram.png)\n", "content/x/a/diagram.png", "PNG",
				"content/x/b.md", "# B\n", "content/x/c.md", "# C\n", "content/x/page/3/chart.png", "PNG"),
			want: []string{
				`content/x/page/3/chart.png:1: this file would be published as /x/page/3/chart.png, where playbook puts the further pages of /x/`,
			},
		},
		{
			name: "a page named page in a section that is not split is no error",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = 3\n",
				"content/x/a.md", "# A\n", "content/x/b.md", "# B\n", "content/x/page.md", "# Page\n"),
		},
		{
			name:  "a page size of 0",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = 0\n"),
			want:  []string{`site.toml:3: pagination: size = 0: want a number of entries, 1 or more`},
		},
		{
			name:  "an edit link that is no web address",
			files: with(chainSite(), "site.toml", "title = \"x\"\nedit_url = \"javascript:alert(1)\"\n"),
			want:  []string{`site.toml:2: edit_url = "javascript:alert(1)": want an http or https URL, with {path} for the file (https://git.example.com/playbook/edit/main/{path})`},
		},
		{
			name:  "a page size below 1",
			files: with(chainSite(), "site.toml", "title = \"x\"\n\n[pagination]\nsize = -2\n"),
			want:  []string{`site.toml:4: pagination: size = -2: want a number of entries, 1 or more`},
		},
		{
			name:  "bad site.toml",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[markdown]\nunsafe = yes\n"),
			want:  []string{`site.toml:3: unsafe: write true or false, not yes`},
		},
		{
			name:  "a table name left open in site.toml is reported on its own line",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[markdown\nunsafe = true\n"),
			want:  []string{`site.toml:2: expected '.' or ']' to end table name, but got '\n' instead`},
		},
		{
			name:  "a key without a value in site.toml is reported on its own line",
			files: with(chainSite(), "site.toml", "title = \"x\"\nunsafe\n[markdown]\n"),
			want:  []string{`site.toml:2: expected '.' or '=', but got '\n' instead`},
		},
		{
			name:  "a table name left open in front matter is reported on its own line",
			files: with(chainSite(), "content/a.md", "+++\ntitle = \"A\"\n[params\nx = 3\n+++\n"),
			want:  []string{`content/a.md:3: front matter: expected '.' or ']' to end table name, but got '\n' instead`},
		},
		{
			name:  "a key without a value in front matter is reported on its own line",
			files: with(chainSite(), "content/a.md", "+++\ntitle = \"A\"\ndraft\n+++\n"),
			want:  []string{`content/a.md:3: front matter: expected '.' or '=', but got '\n' instead`},
		},
		{
			name: "a date written as people say it is named, with the date to write, and a day the calendar lacks is named so",
			files: with(chainSite(),
				"content/a.md", "+++\ntitle = \"A\"\nreviewed = 28/11/2026\n+++\n",
				"content/b.md", "+++\ntitle = \"B\"\nreviewed = 11/28/2026\n+++\n",
				"content/c.md", "+++\ntitle = \"C\"\nreviewed = 28.11.2026\n+++\n",
				"content/d.md", "+++\ntitle = \"D\"\nreviewed = 03/04/2026\n+++\n",
				"content/e.md", "+++\ntitle = \"E\"\nreviewed = \"28/11/2026\"\n+++\n",
				"content/f.md", "---\ntitle: F\nreviewed: 28/11/2026\n---\n",
				"content/g.md", "+++\ntitle = \"G\"\nreviewed = 2026-02-30\n+++\n",
				"content/h.md", "---\ntitle: H\nreviewed: 2028-02-30\n---\n",
				"content/i.md", "+++\ntitle = \"I\"\nreviewed = 2026-13-01\n+++\n",
				"content/j.md", "+++\ntitle = \"J\"\nreviewed = \"31/04/2026\"\n+++\n"),
			want: []string{
				`content/a.md:3: front matter: reviewed: 28/11/2026 is not a date playbook reads: write it year-month-day, reviewed = 2026-11-28`,
				`content/b.md:3: front matter: reviewed: 11/28/2026 is not a date playbook reads: write it year-month-day, reviewed = 2026-11-28`,
				`content/c.md:3: front matter: reviewed: 28.11.2026 is not a date playbook reads: write it year-month-day, reviewed = 2026-11-28`,
				`content/d.md:3: front matter: reviewed: 03/04/2026 is not a date playbook reads: write it year-month-day, such as reviewed = 2026-01-31`,
				`content/e.md:3: reviewed: "28/11/2026" is not a date playbook reads: write it year-month-day, 2026-11-28`,
				`content/f.md:3:11: reviewed: "28/11/2026" is not a date playbook reads: write it year-month-day, 2026-11-28`,
				`content/g.md:3: front matter: reviewed: 2026-02-30 is no day of the calendar: February 2026 has 28 days`,
				`content/h.md:3:11: reviewed: "2028-02-30" is no day of the calendar: February 2028 has 29 days`,
				`content/i.md:3: front matter: reviewed: 2026-13-01 is no day of the calendar: there is no month 13`,
				`content/j.md:3: reviewed: "31/04/2026" is no day of the calendar: April 2026 has 30 days`,
			},
		},
		{
			name: "TOML mistakes people make are said in their words",
			files: with(chainSite(),
				"content/a.md", "+++\ntitle = Same-day callback\n+++\n",
				"content/b.md", "+++\ntitle = \"B\"\ntags = [pricing, q3]\n+++\n",
				"content/c.md", "+++\ntitle = \"C\"\ndraft = yes\n+++\n",
				"content/d.md", "+++\ntitle: \"D\"\n+++\n",
				"content/e.md", "+++\ntitle = \"E\"\ntitle = \"F\"\n+++\n",
				"content/f.md", "+++\ntitle = \"It's \"great\"\"\n+++\n",
				"content/g.md", "+++\ntitle = \"G\"\npromise = \"Call before 4pm, hear from us today.\nowner = \"x\"\n+++\n"),
			want: []string{
				`content/a.md:2: front matter: title: put text in double quotes: title = "Same-day callback"`,
				`content/b.md:3: front matter: tags: put each item of the list in double quotes: tags = ["pricing", "q3"]`,
				`content/c.md:3: front matter: draft: write true or false, not yes`,
				`content/d.md:2: front matter: title: write title = ..., with "=": between +++ lines front matter is TOML (YAML, with ":", goes between --- lines)`,
				`content/e.md:3: front matter: title is set twice: keep one`,
				`content/f.md:2: front matter: title: the text ends at its second double quote: write a quote inside text as \" (or put the text in single quotes)`,
				`content/g.md:3: front matter: promise: the text has no closing double quote: end it on this line with "`,
			},
		},
		{
			name: "a control character in TOML, a line end damaged to CR CR LF, or a number too large, is named in words",
			files: with(chainSite(),
				"content/a.md", "+++\r\r\ntitle = \"A\"\r\r\n+++\r\r\nBody\r\r\n",
				"content/b.md", "+++\ntitle = \"B\"\nowner = \"Sa\x00les\"\n+++\n",
				"content/c.md", "+++\ntitle = \"C\"\nweight = 9999999999999999999\n+++\n",
				"site.toml", "title = \"x\x01\"\n"),
			want: []string{
				`content/a.md:2: front matter: a carriage return (CR) that ends no line: the file's line ends are damaged (CR CR LF); save it with LF or CRLF line ends`,
				`content/b.md:3: front matter: an invisible control character (byte 0x00) is in this line: delete it`,
				`content/c.md:3: front matter: weight: 9999999999999999999 is too large a number: write one of at most 18 digits`,
				`site.toml:1: an invisible control character (byte 0x01) is in this line: delete it`,
			},
		},
		{
			name:  "a tab in the indent of YAML is named",
			files: with(chainSite(), "content/behaviours/sales/a.md", "---\nstage: sales\nfulfils:\n\t- fast\n---\n"),
			want:  []string{`content/behaviours/sales/a.md:4: front matter: this line is indented with a tab: indent YAML with spaces only`},
		},
		{
			name:  "a draft whose id a published page has is warned of, as a build with drafts fails on it",
			files: with(chainSite(), "content/guides/next.md", "+++\ntitle = \"Next\"\ndraft = true\nid = \"fast\"\n+++\n"),
			want:  []string{`content/guides/next.md:4: warning: id "fast" of this draft is already the id of content/promises/fast.md: a build with --drafts fails on it`},
		},
		{
			name: "a YAML value holding \": \" and an alias to no anchor are told at their lines, with the fix",
			files: with(with(chainSite(), "content/a.md", "---\n# Imported\ntitle: Pricing: the basics\n---\n"),
				"content/b.md", "---\ntitle: &a x\nowner: *b\n---\n"),
			want: []string{
				`content/a.md:3: front matter: the value of title holds ": ", which YAML reads as a key: put it in quotes, title: "Pricing: the basics"`,
				`content/b.md:3: front matter: *b names no anchor (&b) above it: a value starting with * is an alias in YAML; put it in quotes if it is text`,
			},
		},
		{
			name: "each version's mistake is reported on its own line",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[versions]\nworktree = \"latest\"\n"+
				"[[versions.ref]]\nname = \"q1\"\nref = \"q1\"\n"+
				"[[versions.ref]]\nname = \"q1\"\nref = \"q2\"\n"+
				"[[versions.ref]]\nlabel = \"Q3\"\nname = \"bad name\"\n"),
			want: []string{
				`site.toml:3: versions: "latest" cannot name a version folder (use lower-case letters, digits and hyphens; not "latest")`,
				`site.toml:8: versions: two versions are named "q1"`,
				`site.toml:10: versions: "bad name" has no ref (a tag, branch or commit)`,
				`site.toml:12: versions: "bad name" cannot name a version folder (use lower-case letters, digits and hyphens; not "latest")`,
			},
		},
		{
			name: "a version's name too long for a folder is told at its line",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[versions]\nworktree = \""+strings.Repeat("d", 101)+"\"\n"+
				"[[versions.ref]]\nname = \""+strings.Repeat("q", 100)+"\"\nref = \"q1\"\n"),
			want: []string{`site.toml:3: versions: "dddddddddddddddddddd"... is too long to name a version folder: use at most 100 letters, digits and hyphens`},
		},
		{
			name: "a value of the wrong type in site.toml is reported on its line, alone",
			files: with(chainSite(), "site.toml", "title = \"x\"\nedit_url = \"https://git.example.com/edit/{path}\"\n\n"+
				"[highlight]\nlight = 5\n[roles.sales]\ntitle = \"Sales\"\n[markdown]\nunsafe = false\n"),
			want: []string{`site.toml:5: highlight.light: want text, got 5`},
		},
		{
			name: "every value of the wrong type in site.toml is reported, and a typo after them",
			files: with(chainSite(), "site.toml", "title = 3\nlanguage = \"xx-!\"\nbase_uri = 5\n"+
				"[highlight]\nlight = 7\n[roles.sales]\ntitle = [\"Sales\"]\n[pagination]\nsize = \"ten\"\n"),
			want: []string{
				`site.toml:1: title: want text, got 3`,
				`site.toml:2: language: "xx-!" is not a language tag (such as "en" or "fr-CA")`,
				`site.toml:3: unknown setting "base_uri"`,
				`site.toml:5: highlight.light: want text, got 7`,
				`site.toml:7: roles.sales.title: want text, got a list`,
				`site.toml:9: pagination.size: want a whole number, got "ten"`,
			},
		},
		{
			name:  "a setting that is a table, given a value",
			files: with(chainSite(), "site.toml", "title = \"x\"\ntypes = \"faq\"\nroles = 5\nmarkdown = [1]\nversions = 3\n"),
			want: []string{
				`site.toml:2: types: want a table ([types]), got "faq"`,
				`site.toml:3: roles: want a table ([roles]), got 5`,
				`site.toml:4: markdown: want a table ([markdown]), got a list`,
				`site.toml:5: versions: want a table ([versions]), got 3`,
			},
		},
		{
			name:  "true or false given as text in site.toml is said in a reader's words",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[markdown]\nunsafe = \"yes\"\n"),
			want:  []string{`site.toml:3: markdown.unsafe: want true or false, got "yes"`},
		},
		{
			name:  "a page size given as text is reported once",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[pagination]\nsize = \"ten\"\n"),
			want:  []string{`site.toml:3: pagination.size: want a whole number, got "ten"`},
		},
		{
			name:  "a pattern given where a list is wanted says how to write the list",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[links]\nignore = \"/images/**\"\n"),
			want:  []string{`site.toml:3: links.ignore: want a list of text, got "/images/**": write ignore = ["/images/**"]`},
		},
		{
			name:  "a version's name of the wrong type is reported once, with its value",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[[versions.ref]]\nname = 5\nref = \"v1\"\n"),
			want:  []string{`site.toml:3: versions.ref.name: want text, got 5`},
		},
		{
			name:  "an unknown type in [types] leaves its section the type it had",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[types]\npromises = \"pledge\"\n"),
			want:  []string{`site.toml:3: types: unknown type "pledge" for section "promises" (want one of positioning, promise, behaviour, standard, faq, competitor, campaign, persona, page)`},
		},
		{
			name:  "a mistyped type in [types] is named",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[types]\nplaybook = \"Behavour\"\n"),
			want:  []string{`site.toml:3: types: unknown type "Behavour" for section "playbook": did you mean "behaviour"? (want one of positioning, promise, behaviour, standard, faq, competitor, campaign, persona, page)`},
		},
		{
			name:  "an edit link without {path} is warned of",
			files: with(chainSite(), "site.toml", "title = \"x\"\nedit_url = \"https://git.example.com/edit/{path\"\n"),
			want:  []string{`site.toml:2: warning: edit_url = "https://git.example.com/edit/{path" has no {path}: every page's edit link goes to this one address; put {path} where the file's path goes (https://git.example.com/playbook/edit/main/{path})`},
		},
		{
			// One a case: the decoder stops at the first it meets, and
			// reads tables in no fixed order.
			name:  "a value of the wrong type in a table",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[versions]\ntags = 5\n"),
			want:  []string{`site.toml:3: versions.tags: want text, got 5`},
		},
		{
			name:  "a value of the wrong type in a table of tables",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[roles.x]\ntitle = true\n"),
			want:  []string{`site.toml:3: roles.x.title: want text, got true`},
		},
		{
			name:  "an unknown chroma style is at its own line",
			files: with(chainSite(), "site.toml", "title = \"x\"\n\n[highlight]\nlight = \"github\"\ndark = \"nosuch\"\n"),
			want:  []string{`site.toml:5: highlight: dark: unknown chroma style "nosuch"`},
		},
		{
			name:  "a section [types] names that content/ does not have",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[types]\n\"/behaviours/\" = \"behaviour\"\n\"nosuch\" = \"faq\"\n"),
			want:  []string{`site.toml:4: warning: types: content/ has no section "nosuch": the type applies to no page`},
		},
		{
			name:  "unknown setting in site.toml",
			files: with(chainSite(), "site.toml", "title = \"x\"\ntitel = \"y\"\n"),
			want:  []string{`site.toml:2: unknown setting "titel"`},
		},
		{
			name:  "unknown setting in a table is at its line there, not at a known key of the same name above",
			files: with(chainSite(), "site.toml", "title = \"x\"\ntheme = \"default\"\n\n[roles.sales]   # the front line\ntitle = \"Sales\"\ntheme = \"corp\"\n\n[roles.service]\ntheme = \"corp\"\n"),
			want: []string{
				`site.toml:6: unknown setting "roles.sales.theme": theme is a setting of its own, read here as part of [roles.sales]: move it above [roles.sales] (line 4)`,
				`site.toml:9: unknown setting "roles.service.theme": theme is a setting of its own, read here as part of [roles.service]: move it above [roles.service] (line 8)`,
			},
		},
		{
			name:  "a setting of its own set as a dotted key is no table's, and gets no line of a header",
			files: with(chainSite(), "site.toml", "title = \"x\"\nhighlight.title = \"y\"\n"),
			want:  []string{`site.toml:2: unknown setting "highlight.title"`},
		},
		{
			name:  "a setting of its own written below a table is said to be the table's",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[highlight]\nlight = \"github\"\nlanguage = \"fr\"\nlangage = \"fr\"\n"),
			want: []string{
				`site.toml:4: unknown setting "highlight.language": language is a setting of its own, read here as part of [highlight]: move it above [highlight] (line 2)`,
				`site.toml:5: unknown setting "highlight.langage"`,
			},
		},
		{
			name:  "link to a draft",
			files: with(chainSite(), "content/d.md", "+++\ndraft = true\n+++\n", "content/a.md", "[d](d.md)\n"),
			want:  []string{`content/a.md:1:1: broken link "d.md": content/d.md is a draft, left out of the site`},
		},
		{
			name:  "link to a draft section",
			files: with(chainSite(), "content/old/_index.md", "+++\ndraft = true\n+++\n", "content/a.md", "[old](old/)\n"),
			want:  []string{`content/a.md:1:1: broken link "old/": content/old is a draft, left out of the site`},
		},
		{
			name:  "a gap naming more than one promise",
			files: with(chainSite(), "content/competitors/big.md", "+++\ncompetitor = \"Big\"\nlandmines = [\"L?\"]\n[[gaps]]\narea = \"Speed\"\npromise = [\"fast\", 3]\n[[objections]]\nobjection = \"O\"\nresponse = \"R\"\n+++\n"),
			want:  []string{`content/competitors/big.md:4: gaps: a gap's "promise" is the id of one promise, not a list`},
		},
		{
			name:  "sales gap is a warning",
			files: with(chainSite(), "content/behaviours/sales/quote.md", ""),
			want:  []string{`content/promises/fast.md:3: warning: promise "fast" has a sales gap: no sales behaviour fulfils it`},
		},
		{
			name:  "service gap is a warning",
			files: with(chainSite(), "content/behaviours/service/call.md", ""),
			want:  []string{`content/promises/fast.md:3: warning: promise "fast" has a service gap: no service behaviour fulfils it`},
		},
		{
			name:  "no behaviour at all is disconnected",
			files: with(chainSite(), "content/behaviours/service/call.md", "", "content/behaviours/sales/quote.md", ""),
			want:  []string{`content/promises/fast.md:3: warning: promise "fast" is disconnected: no sales or service behaviour fulfils it`},
		},
		{
			name:  "no expectation is disconnected",
			files: with(chainSite(), "content/promises/fast.md", "+++\npromise = \"We are fast.\"\n+++\n"),
			want:  []string{`content/promises/fast.md:2: warning: promise "fast" is disconnected: it states no "expectation"`},
		},
		{
			name:  "overdue review is a warning",
			files: with(chainSite(), "content/a.md", "+++\nreviewed = 2026-01-10\nreview_every = \"90d\"\n+++\n"),
			want:  []string{`content/a.md:2: warning: review overdue: last reviewed 2026-01-10, due every 90d (since 2026-04-10)`},
		},
		{
			name:  "a review to come is a warning, the day after today is not",
			files: with(chainSite(), "content/a.md", "+++\nreviewed = 2026-11-03\n+++\n", "content/b.md", "+++\nreviewed = 2026-11-02\nreview_every = \"90d\"\n+++\n"),
			want:  []string{`content/a.md:2: warning: reviewed 2026-11-03 is in the future: set the day the page was last reviewed`},
		},
		{
			name: "a relation to a page [content] exclude leaves out says so",
			files: with(chainSite(), "site.toml", "title = \"x\"\n[content]\nexclude = [\"old/**\"]\n",
				"content/old/slow.md", "+++\npromise = \"Slow.\"\n+++\n",
				"content/behaviours/sales/late.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\", \"slow\"]\n+++\n"),
			want: []string{`content/behaviours/sales/late.md:3: fulfils: "slow" is content/old/slow.md, left out by [content] exclude`},
		},
		{
			name:  "a review interval of zero",
			files: with(chainSite(), "content/a.md", "+++\nreview_every = \"0d\"\n+++\n"),
			want:  []string{`content/a.md:2: review_every: bad interval "0d": want 1 or more, as in "1d"`},
		},
		{
			name:  "bad review interval",
			files: with(chainSite(), "content/a.md", "+++\nreview_every = \"quarterly\"\n+++\n"),
			want:  []string{`content/a.md:2: review_every: bad interval "quarterly": want a number and a unit, as in "90d", "12w", "6m", "1y"`},
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

func TestChainStatus(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		status ChainStatus
	}{
		{"connected", chainSite(), Connected},
		{"sales gap", with(chainSite(), "content/behaviours/sales/quote.md", ""), SalesGap},
		{"service gap", with(chainSite(), "content/behaviours/service/call.md", ""), ServiceGap},
		{"disconnected without behaviours", with(chainSite(), "content/behaviours/sales/quote.md", "", "content/behaviours/service/call.md", ""), Disconnected},
		{"disconnected without expectation", with(chainSite(), "content/promises/fast.md", "+++\npromise = \"x\"\n+++\n"), Disconnected},
		{"a draft behaviour does not count", with(chainSite(), "content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\ndraft = true\n+++\n"), SalesGap},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := loadFiles(t, tt.files)
			if got := s.ByID("fast").Chain.Status; got != tt.status {
				t.Errorf("status = %v, want %v", got, tt.status)
			}
		})
	}
}

func TestRelationsBothWays(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/positioning/local.md", "+++\nposition = \"Local\"\n+++\n",
		"content/promises/fast.md", "+++\npromise = \"x\"\nexpectation = \"y\"\npositioning = \"local\"\n+++\n",
		"content/faqs/q.md", "+++\nquestion = \"Q?\"\npromises = [\"fast\"]\ncompetitors = [\"big\"]\n+++\n",
		"content/campaigns/c.md", "---\nstarts: 2026-01-01\nends: 2026-02-01\npromises: [fast]\n---\n",
		"content/standards/s.md", "+++\napplies_to = [\"call\"]\n+++\n",
		"content/competitors/big.md", "+++\ncompetitor = \"Big\"\n[[gaps]]\narea = \"Speed\"\npromise = \"fast\"\n+++\n",
	))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	fast, quote, call := s.ByID("fast"), s.ByID("quote"), s.ByID("call")
	ids := func(ps []*Page) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return strings.Join(out, ",")
	}
	checks := []struct{ what, got, want string }{
		{"behaviour fulfils", ids(quote.Fulfils), "fast"},
		{"promise's sales behaviours", ids(fast.Backlinks.Sales), "quote"},
		{"promise's service behaviours", ids(fast.Backlinks.Service), "call"},
		{"promise's FAQs", ids(fast.Backlinks.FAQs), "q"},
		{"promise's campaigns", ids(fast.Backlinks.Campaigns), "c"},
		{"promise's positioning", ids(fast.PositioningPages), "local"},
		{"positioning's promises", ids(s.ByID("local").Backlinks.Promises), "fast"},
		{"behaviour's standards", ids(call.Backlinks.Standards), "s"},
		{"standard applies to", ids(s.ByID("s").AppliesTo), "call"},
		{"FAQ's competitors", ids(s.ByID("q").Competitors), "big"},
		{"competitor's FAQs", ids(s.ByID("big").Backlinks.FAQs), "q"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if len(fast.Backlinks.Gaps) != 1 || fast.Backlinks.Gaps[0].Competitor.ID != "big" || fast.Backlinks.Gaps[0].Gap.Area != "Speed" {
		t.Errorf("promise's gaps = %+v, want big's Speed gap", fast.Backlinks.Gaps)
	}
	if c := s.ByID("c"); !c.Starts.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("YAML campaign starts %v", c.Starts)
	}
}

func TestLinksRewritten(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/Guides/Price Lists/Q3 Offer.md", "No front matter.\n",
		"content/Guides/Price Lists/index.md", "# Price lists\n\n[offer](Q3%20Offer.md) [up](../../promises/fast.md#top) [img](chart.png) [sec](../) [home](/content/_index.md)\n",
		"content/Guides/Price Lists/chart.png", "PNG",
		"content/_index.md", "+++\ntitle = \"Home\"\n+++\n[fast](promises/fast.md) [call how](behaviours/service/call.md#how)\n",
		"content/promises/fast.md", "+++\npromise = \"x\"\nexpectation = \"y\"\n+++\n## Top {#top}\n",
	))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	dests := func(p *Page) string {
		var out []string
		for _, l := range p.Doc.Links {
			out = append(out, l.Dest)
		}
		return strings.Join(out, " ")
	}
	home := s.Home
	html, _ := s.Markdown.RenderString(home.Doc)
	for _, want := range []string{`href="promises/fast/"`, `href="behaviours/service/call/#how"`} {
		if !strings.Contains(html, want) {
			t.Errorf("home HTML lacks %s:\n%s", want, html)
		}
	}
	idx := s.ByFile("content/Guides/Price Lists/index.md")
	if idx == nil || !idx.IsSection || idx.URL != "guides/price-lists/" || idx.Title != "Price lists" {
		t.Fatalf("index.md does not stand for its folder: %+v", idx)
	}
	html, _ = s.Markdown.RenderString(idx.Doc)
	for _, want := range []string{`href="q3-offer/"`, `href="../../promises/fast/#top"`, `href="chart.png"`, `href="../"`, `href="../../"`} {
		if !strings.Contains(html, want) {
			t.Errorf("index HTML lacks %s (links %s):\n%s", want, dests(idx), html)
		}
	}
	offer := s.ByFile("content/Guides/Price Lists/Q3 Offer.md")
	if offer.URL != "guides/price-lists/q3-offer/" || offer.Type != TypePage || offer.ID != "q3-offer" || offer.Title != "Q3 Offer" {
		t.Errorf("plain page: url %q type %q id %q title %q", offer.URL, offer.Type, offer.ID, offer.Title)
	}
	if got := FileURL("content/Guides/Price Lists/chart.png"); got != "guides/price-lists/chart.png" {
		t.Errorf("FileURL = %q", got)
	}
}

// TestLinksToGeneratedAndStatic: a link may lead to a page playbook
// generates (one for the site's promises only if it has some, a tag's or
// a role's only if a page names it) or to a static file of the site, its
// theme or the default theme, as the published site has them.
func TestLinksToGeneratedAndStatic(t *testing.T) {
	links := "[a](/alignment/) [r](../../review/) [t](/tags/) [tg](/tags/pricing/) [ro](/roles/sales-adviser/) [rs](/roles/) " +
		"[p](/files/guide.pdf) [th](/files/corp.pdf) [c](/assets/playbook.css#x) [nf](/404.html)\n"
	s, problems := loadFiles(t, with(chainSite(),
		"site.toml", "title = \"T\"\ntheme = \"corp\"\n[roles.sales-adviser]\ntitle = \"Adviser\"\n",
		"content/guides/links.md", "+++\ntags = [\"Pricing\"]\n+++\n"+links,
		"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\nroles = [\"Adviser\"]\n+++\n",
		"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"fast\"]\nroles = [\"Adviser\"]\n+++\n",
		"static/files/guide.pdf", "PDF",
		"themes/corp/static/files/corp.pdf", "PDF",
	))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	html, _ := s.Markdown.RenderString(s.ByFile("content/guides/links.md").Doc)
	for _, want := range []string{`href="../../alignment/"`, `href="../../review/"`, `href="../../tags/"`, `href="../../tags/pricing/"`,
		`href="../../roles/sales-adviser/"`, `href="../../roles/"`, `href="../../files/guide.pdf"`, `href="../../files/corp.pdf"`,
		`href="../../assets/playbook.css#x"`, `href="../../404.html"`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}

	// What the site does not publish stays broken.
	_, problems = loadFiles(t, with(map[string]string{"site.toml": "title = \"T\"\n"},
		"content/a.md", "[a](/alignment/) [tg](/tags/nope/) [ro](/roles/) [s](/search/) [th](/files/corp.pdf)\n",
		"themes/corp/static/files/corp.pdf", "PDF",
	))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		`content/a.md:1:1: broken link "/alignment/": no page or file at content/alignment`,
		`content/a.md:1:18: broken link "/tags/nope/": no page or file at content/tags/nope`,
		`content/a.md:1:36: broken link "/roles/": no page or file at content/roles`,
		`content/a.md:1:50: broken link "/search/": no page or file at content/search`,
		`content/a.md:1:64: broken link "/files/corp.pdf": no page or file at content/files/corp.pdf`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"a/b/", "a/b/", "./"},
		{"a/b/", "a/c/", "../c/"},
		{"a/b/", "", "../../"},
		{"", "a/b/", "a/b/"},
		{"404.html", "a/", "a/"},
		{"a/b/", "a/b/c/", "c/"},
		{"tags/x/", "assets/x.css", "../../assets/x.css"},
		{"ab/", "a/", "../a/"},
		{"a/b/c/", "", "../../../"},
		// Deeper than the constant prefix reaches.
		{strings.Repeat("a/", 17), "b/", strings.Repeat("../", 17) + "b/"},
		{strings.Repeat("a/", 17), strings.Repeat("a/", 16) + "b/", "../b/"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
	// Every link of every page is made here: one allocation at most,
	// none for a link up to the root.
	if n := testing.AllocsPerRun(100, func() { Rel("a/b/c/", "d/e/") }); n > 1 {
		t.Errorf("Rel allocates %v times, want at most 1", n)
	}
	if n := testing.AllocsPerRun(100, func() { Rel("a/b/c/", "") }); n > 0 {
		t.Errorf("Rel to the root allocates %v times, want 0", n)
	}
}

func TestDraftsAndTitles(t *testing.T) {
	files := with(chainSite(),
		"content/old/_index.md", "+++\ndraft = true\n+++\n",
		"content/old/page.md", "# Old page\n",
		"content/faqs/q.md", "+++\nquestion = \"Q?\"\n+++\n# Heading title\n\nBody\n",
	)
	s, problems := loadFiles(t, files)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	if s.ByID("page") != nil {
		t.Error("a page in a draft section is published")
	}
	if q := s.ByID("q"); q.Title != "Heading title" {
		t.Errorf("title from first heading = %q", q.Title)
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	s, _ = Load(fsys, Options{Drafts: true, Now: testNow})
	if s.ByID("page") == nil {
		t.Error("--drafts leaves out a page in a draft section")
	}
}

// symlinkCases are sites with symbolic links under content/, each a set of
// files and links (paths from the site's folder), the problems it must
// give and the files it must publish (pages by file, and attachments).
var symlinkCases = []struct {
	name      string
	files     map[string]string
	links     map[string]string // link → target, as ln -s writes it
	want      []string
	published []string
}{
	{
		name:      "a link to a file inside content/ is published",
		files:     map[string]string{"content/guide.pdf": "PDF"},
		links:     map[string]string{"content/docs/guide.pdf": "../guide.pdf"},
		published: []string{"content/docs/guide.pdf", "content/guide.pdf"},
	},
	{
		name:      "a link to a page inside content/ is a page",
		files:     map[string]string{"content/a.md": "# Page A\n"},
		links:     map[string]string{"content/b.md": "a.md"},
		published: []string{"content/a.md", "content/b.md"},
	},
	{
		name:  "a chain of links, through a linked folder, is resolved",
		files: map[string]string{"content/sub/x.txt": "X"},
		links: map[string]string{
			"content/a.txt":  "b.txt",
			"content/b.txt":  "linked/x.txt",
			"content/linked": "sub",
		},
		want:      []string{"content/linked:1: warning: symbolic link to a folder: not followed"},
		published: []string{"content/a.txt", "content/b.txt", "content/sub/x.txt"},
	},
	{
		name:  "a link to the repository's config is not published",
		files: map[string]string{".git/config": "[remote] token = s3cr3t\n"},
		links: map[string]string{"content/guides/ci.txt": "../../.git/config"},
		want:  []string{"content/guides/ci.txt:1: symbolic link to ../../.git/config points outside content/: not published"},
	},
	{
		name:  "a Markdown link outside content/ is not a page",
		files: map[string]string{".git/config": "# s3cr3t\n"},
		links: map[string]string{"content/ci.md": "../.git/config"},
		want:  []string{"content/ci.md:1: symbolic link to ../.git/config points outside content/: not published"},
	},
	{
		name:  "a link out of the site's folder is not published",
		links: map[string]string{"content/pw.txt": "../../outside.txt"},
		want:  []string{"content/pw.txt:1: symbolic link to ../../outside.txt points outside content/: not published"},
	},
	{
		name:  "a link out of content/ to no file still points outside",
		links: map[string]string{"content/ci.txt": "../.git/config"},
		want:  []string{"content/ci.txt:1: symbolic link to ../.git/config points outside content/: not published"},
	},
	{
		name:  "an absolute link is not published",
		links: map[string]string{"content/host.txt": "/etc/hostname"},
		want:  []string{"content/host.txt:1: symbolic link to /etc/hostname points outside content/: not published"},
	},
	{
		name:  "a chain that leaves content/ is not published",
		files: map[string]string{"site.toml": "title = \"T\"\n"},
		links: map[string]string{"content/a.txt": "b.txt", "content/b.txt": "../site.toml"},
		want: []string{
			"content/a.txt:1: symbolic link to b.txt points outside content/: not published",
			"content/b.txt:1: symbolic link to ../site.toml points outside content/: not published",
		},
	},
	{
		name:  "a link that goes out and back in is published",
		links: map[string]string{"content/a.txt": "../content/c.txt", "content/b.txt": "../../x/../site/content/c.txt"},
		files: map[string]string{"content/c.txt": "C"},
		// The second goes above the site's folder on the way: refused,
		// as os.Root refuses it.
		want:      []string{"content/b.txt:1: symbolic link to ../../x/../site/content/c.txt points outside content/: not published"},
		published: []string{"content/a.txt", "content/c.txt"},
	},
	{
		name:  "a loop of links is reported, not followed",
		links: map[string]string{"content/a.md": "b.md", "content/b.md": "a.md", "content/self": "."},
		want: []string{
			"content/a.md:1: symbolic link to b.md is part of a loop of links: not published",
			"content/b.md:1: symbolic link to a.md is part of a loop of links: not published",
			"content/self:1: warning: symbolic link to a folder: not followed",
		},
	},
	{
		name:  "a link to no file is reported",
		links: map[string]string{"content/gone.pdf": "missing.pdf"},
		want:  []string{"content/gone.pdf:1: symbolic link to missing.pdf leads to no file: not published"},
	},
	{
		name:  "content/ as a link is refused",
		files: map[string]string{"docs/a.md": "# A\n"},
		links: map[string]string{"content": "docs"},
		want:  []string{"content:1: content/ is a symbolic link to docs: make it a folder"},
	},
}

// TestSymlinks loads each case from a real folder through os.Root, as the
// command reads a site.
func TestSymlinks(t *testing.T) {
	for _, tt := range symlinkCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			files := map[string]string{}
			if tt.links["content"] == "" {
				files["content/_index.md"] = "# Home\n"
			}
			for k, v := range tt.files {
				files[k] = v
			}
			for name, data := range files {
				writeFile(t, filepath.Join(dir, name), data)
			}
			for link, target := range tt.links {
				p := filepath.Join(dir, filepath.FromSlash(link))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, p); err != nil {
					t.Fatal(err)
				}
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			checkSymlinkCase(t, root.FS(), tt.want, tt.published)
		})
	}
}

// TestSymlinksInMapFS loads each case from an fstest.MapFS, which reports
// links as os.Root does: the judgement does not depend on the file system.
func TestSymlinksInMapFS(t *testing.T) {
	for _, tt := range symlinkCases {
		t.Run(tt.name, func(t *testing.T) {
			// The MapFS is the site's folder; a file above it cannot exist.
			fsys := fstest.MapFS{}
			if tt.links["content"] == "" {
				fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("# Home\n")}
			}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			for link, target := range tt.links {
				fsys[link] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
			}
			checkSymlinkCase(t, fsys, tt.want, tt.published)
		})
	}
}

// TestSpecialFilesInMapFS: a file that is neither a regular file nor a
// folder (a named pipe, a socket, a device), or a link to one, is
// reported and neither read nor published.
func TestSpecialFilesInMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":  {Data: []byte("# Home\n")},
		"content/pipe.md":    {Data: []byte("# Pipe\n"), Mode: fs.ModeNamedPipe},
		"content/socket.pdf": {Mode: fs.ModeSocket},
		"content/tty.md":     {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"content/to-pipe.md": {Data: []byte("pipe.md"), Mode: fs.ModeSymlink},
		"content/guide.md":   {Data: []byte("# Guide\n")},
		"content/price.pdf":  {Data: []byte("%PDF")},
	}
	checkSymlinkCase(t, fsys, []string{
		"content/pipe.md:1: a named pipe, not a file: not published; remove it",
		"content/socket.pdf:1: a socket, not a file: not published; remove it",
		"content/to-pipe.md:1: symbolic link to a named pipe, not a file: not published; remove the link",
		"content/tty.md:1: a device, not a file: not published; remove it",
	}, []string{"content/guide.md", "content/price.pdf"})
}

func checkSymlinkCase(t *testing.T, fsys fs.FS, want, published []string) {
	t.Helper()
	s, problems := Load(fsys, Options{Now: testNow})
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var pub []string
	for _, p := range s.Pages {
		if p.HasFile() && p != s.Home {
			pub = append(pub, p.File)
		}
	}
	pub = append(pub, s.Files...)
	slices.Sort(pub)
	if strings.Join(pub, " ") != strings.Join(published, " ") {
		t.Errorf("published %q, want %q", pub, published)
	}
	for _, f := range pub {
		if _, err := fs.ReadFile(fsys, f); err != nil {
			t.Errorf("published %s, which cannot be read: %v", f, err)
		}
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDraftSectionFilesLeftOut(t *testing.T) {
	files := with(chainSite(), "content/secret/_index.md", "+++\ndraft = true\n+++\n", "content/secret/plan.pdf", "PDF",
		"content/open/plan #3.pdf", "PDF", "content/open/_index.md", "[plan](plan%20%233.pdf)\n")
	s, problems := loadFiles(t, files)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if slices.Contains(s.Files, "content/secret/plan.pdf") {
		t.Error("a file of a draft section is published")
	}
	html, _ := s.Markdown.RenderString(s.ByFile("content/open/_index.md").Doc)
	if !strings.Contains(html, `href="plan%20%233.pdf"`) {
		t.Errorf("a file name with # is not escaped in its link:\n%s", html)
	}
}

func TestPageCountCountsNestedPages(t *testing.T) {
	s, _ := loadFiles(t, chainSite())
	if n := s.ByID("behaviours").PageCount(); n != 2 {
		t.Errorf("behaviours has %d pages, want 2 (one in each sub-section)", n)
	}
	if n := s.Home.PageCount(); n != 3 {
		t.Errorf("the site has %d pages, want 3", n)
	}
	// A folder whose index file is all it holds is a page, as Hugo's
	// leaf bundle is; an empty section's made-up page is none.
	s, _ = loadFiles(t, with(chainSite(), "content/onboarding/first-week/index.md", "# First week\n"))
	if n := s.ByID("onboarding").PageCount(); n != 1 {
		t.Errorf("onboarding has %d pages, want 1: its leaf bundle", n)
	}
}

func TestBestIndexFileStandsForItsFolder(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/guides/README.md", "# Read me\n",
		"content/guides/_index.md", "+++\ntitle = \"Guides\"\n+++\n",
		"content/faqs/index.md", "# FAQ index\n",
		"content/faqs/index.markdown", "# Also the FAQ index\n"))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if want := "content/faqs/index.md:1: content/faqs/index.markdown and content/faqs/index.md both stand for folder content/faqs"; strings.Join(got, "\n") != want {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if g := s.ByID("guides"); g == nil || g.File != "content/guides/_index.md" {
		t.Errorf("guides section from %v, want _index.md", g)
	}
	if r := s.ByFile("content/guides/README.md"); r == nil || r.IsSection || r.URL != "guides/readme/" {
		t.Errorf("a README.md beside _index.md should stay a page at guides/readme/: %+v", r)
	}
	if f := s.ByID("faqs"); f == nil || f.File != "content/faqs/index.markdown" {
		t.Errorf("faqs section from %v, want the first of the two, index.markdown", f)
	}
}

func TestConfigLine(t *testing.T) {
	data := []byte("title = \"x\"\n[versions]\ntags = \"q*\"\nlatest = \"q9\"\n\n[[versions.ref]]\nname = \"a\"\nref = \"a\"\n\n[[versions.ref]]\nname = \"b\"\nref = \"b\"\n")
	for _, c := range []struct {
		key  string
		ref  int
		want int
	}{{"tags", 0, 3}, {"latest", 0, 4}, {"ref", 0, 8}, {"ref", 1, 12}, {"worktree", 0, 1}} {
		if got := ConfigLine(data, c.key, c.ref); got != c.want {
			t.Errorf("ConfigLine(%s, %d) = %d, want %d", c.key, c.ref, got, c.want)
		}
	}
}

// TestTitleFromFirstHeading: a page without a title in front matter is
// titled by its first "# heading", whatever comes before it.
func TestTitleFromFirstHeading(t *testing.T) {
	tests := []struct {
		name, src, title string
	}{
		{"a leading heading", "# Price list\n\nText.\n", "Price list"},
		{"after an HTML comment", "<!-- keep in sync with the CRM -->\n# Price list\n", "Price list"},
		{"after a badge and a blank line", "![status](status.svg)\n\n# Price list\n", "Price list"},
		{"in a quote it is not the title", "> # Quoted\n", "Q3 offer"},
		{"no heading: the file name", "Text.\n", "Q3 offer"},
		{"front matter without a title", "+++\nowner = \"Sales\"\n+++\n<!-- c -->\n# Price list\n", "Price list"},
		{"a title in front matter wins", "+++\ntitle = \"Prices\"\n+++\n# Price list\n", "Prices"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := loadFiles(t, map[string]string{"content/q3-offer.md": tt.src, "content/status.svg": "<svg/>"})
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if p := s.ByFile("content/q3-offer.md"); p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
		})
	}
}

func TestConfigLanguage(t *testing.T) {
	for _, c := range []struct {
		name, toml, want string
		bad              bool
	}{
		{"no language is English", `title = "x"`, "en", false},
		{"a region tag is kept", `language = "fr-CA"`, "fr-CA", false},
		{"a sentence is refused on its line", "title = \"x\"\nlanguage = \"French please\"", "", true},
		{"a language's name is refused: its code is wanted", "title = \"x\"\nlanguage = \"english\"", "", true},
		{"a three-letter code is kept", `language = "fil"`, "fil", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, ps := ParseConfig([]byte(c.toml))
			if c.bad {
				if len(ps) != 1 || ps[0].Line != 2 || !strings.Contains(ps[0].Msg, "language") {
					t.Errorf("problems %v, want one about language on line 2", ps)
				}
				return
			}
			if len(ps) > 0 || cfg.Language != c.want {
				t.Errorf("language %q, problems %v; want %q and none", cfg.Language, ps, c.want)
			}
		})
	}
}

// TestAncestors wants the sections above a page from the home page down,
// none for the home page, in one allocation.
func TestAncestors(t *testing.T) {
	home := &Page{Title: "Home"}
	sec := &Page{Title: "Section", Parent: home}
	sub := &Page{Title: "Sub", Parent: sec}
	page := &Page{Title: "Page", Parent: sub}
	for _, tt := range []struct {
		p    *Page
		want []*Page
	}{
		{home, nil},
		{sec, []*Page{home}},
		{page, []*Page{home, sec, sub}},
	} {
		if got := tt.p.Ancestors(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Ancestors() has %d pages, want %d", tt.p.Title, len(got), len(tt.want))
		}
	}
	if n := testing.AllocsPerRun(100, func() { page.Ancestors() }); n > 1 {
		t.Errorf("Ancestors allocates %v times, want 1", n)
	}
}

// TestChainStatusClass wants each status's class to be its name with
// hyphens for spaces, as the stylesheet names them.
func TestChainStatusClass(t *testing.T) {
	for _, s := range []ChainStatus{Disconnected, SalesGap, ServiceGap, Connected} {
		if got, want := s.Class(), strings.ReplaceAll(s.String(), " ", "-"); got != want {
			t.Errorf("%s: Class() = %q, want %q", s, got, want)
		}
	}
}

// sizeFS reports every file's size as size, whatever it holds: a file
// that changes between the look at its size and the read.
type sizeFS struct {
	fs.FS
	size int64
}

func (s sizeFS) Open(name string) (fs.File, error) {
	f, err := s.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return sizeFile{f, s.size}, nil
}

func (s sizeFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

type sizeFile struct {
	fs.File
	size int64
}

func (f sizeFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	return sizeInfo{info, f.size}, err
}

type sizeInfo struct {
	fs.FileInfo
	size int64
}

func (i sizeInfo) Size() int64 { return i.size }

// TestReadFileChanging reads a page to its end whatever size the file
// reported when opened, and refuses one that turns out too big.
func TestReadFileChanging(t *testing.T) {
	for _, size := range []int64{0, 10, 1 << 20} {
		fsys := fstest.MapFS{}
		for name, data := range chainSite() {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		fsys["content/a.md"] = &fstest.MapFile{Data: []byte("# A long title\n\n" + strings.Repeat("Most homes in three days. ", 100))}
		fsys["content/huge.md"] = &fstest.MapFile{Data: []byte(strings.Repeat("x", MaxFileSize+1))}
		s, problems := Load(sizeFS{fsys, size}, Options{Now: testNow})
		want := `content/huge.md:1: file is 8.0 MiB; pages are limited to 8 MiB`
		if problems.Errors() != 1 || problems[0].String() != want {
			t.Errorf("size %d: problems %v, want only %q", size, problems, want)
		}
		p := s.ByFile("content/a.md")
		if p == nil || p.Title != "A long title" {
			t.Fatalf("size %d: content/a.md read as %+v", size, p)
		}
	}
}

// TestGuessesAreCapped: an id that names no page is told the nearest
// page's id, up to maxGuesses of them a site; the others are reported
// plainly, as each guess reads every page.
func TestGuessesAreCapped(t *testing.T) {
	var ids []string
	for _, a := range "abcdefghijklmnopqrstuvwxyz" {
		for _, b := range "abcde" {
			if id := "fixed-price-quo" + string(a) + string(b); id != "fixed-price-quote" {
				ids = append(ids, fmt.Sprintf("%q", id))
			}
		}
	}
	_, problems := loadFiles(t, with(chainSite(),
		"content/promises/fixed-price-quote.md", "+++\npromise = \"One price.\"\n+++\n",
		"content/behaviours/sales/many.md", "+++\nstage = \"sales\"\nfulfils = ["+strings.Join(ids, ", ")+"]\n+++\n"))
	guessed, plain := 0, 0
	for _, p := range problems {
		switch {
		case strings.Contains(p.Msg, `did you mean "fixed-price-quote"`):
			guessed++
		case strings.Contains(p.Msg, "no page has id"):
			plain++
		}
	}
	if guessed != maxGuesses || plain != len(ids)-maxGuesses {
		t.Errorf("%d of %d broken ids guessed and %d reported plainly, want %d and %d", guessed, len(ids), plain, maxGuesses, len(ids)-maxGuesses)
	}
}

// TestDuplicateIDsWhateverTheOrder: which page keeps an id two pages
// have, and which is told, is the same whatever order the folders list
// their files in.
func TestDuplicateIDsWhateverTheOrder(t *testing.T) {
	files := with(chainSite(),
		// Two pages set one id: the first by path keeps it.
		"content/a/x.md", "+++\nid = \"same\"\n+++\n",
		"content/b/y.md", "+++\nid = \"same\"\n+++\n",
		// Pages before and after the promise set its id: it keeps it.
		"content/aa.md", "+++\nid = \"fast\"\n+++\n",
		"content/zz.md", "+++\nid = \"fast\"\n+++\n")
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	want := []string{
		`content/aa.md:2: id "fast" is already the id of content/promises/fast.md`,
		`content/b/y.md:2: id "same" is already the id of content/a/x.md`,
		`content/zz.md:2: id "fast" is already the id of content/promises/fast.md`,
	}
	for _, tt := range []struct {
		name string
		fsys fs.FS
	}{{"in order", fsys}, {"in reverse order", reversedFS{fsys}}} {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := Load(tt.fsys, Options{Now: testNow})
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if p := s.ByID("fast"); p == nil || p.File != "content/promises/fast.md" {
				t.Errorf("ByID(fast) = %v, want the promise", p)
			}
			if p := s.ByID("same"); p == nil || p.File != "content/a/x.md" {
				t.Errorf("ByID(same) = %v, want content/a/x.md", p)
			}
		})
	}
}

// reversedFS lists each folder's files in reverse order.
type reversedFS struct{ fs.FS }

func (r reversedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(r.FS, name)
	slices.Reverse(entries)
	return entries, err
}

// TestPromisesOnlyOfFAQsAndCampaigns: a page of another type naming
// promises in "promises" is not listed as a campaign of theirs; a
// behaviour's are the promises it keeps.
func TestPromisesOnlyOfFAQsAndCampaigns(t *testing.T) {
	s, _ := loadFiles(t, with(chainSite(),
		"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\npromises = [\"fast\"]\n+++\n",
		"content/guides/g.md", "+++\ntitle = \"G\"\npromises = [\"fast\"]\n+++\n",
	))
	fast := s.ByID("fast")
	// Named in both keys, once.
	if b := fast.Backlinks; len(b.Campaigns) != 0 || len(b.Sales) != 1 || b.Sales[0].ID != "quote" || len(s.ByID("quote").Fulfils) != 1 {
		t.Errorf("fast's campaigns %v, sales behaviours %v; want none and quote", b.Campaigns, b.Sales)
	}
	if fast.Chain.Status != Connected {
		t.Errorf("fast is %s, want connected", fast.Chain.Status)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Q3 Offer (Final)": "q3-offer-final",
		"  --Same-day--  ": "same-day",
		"Kündigung":        "kündigung",
		"Ku\u0308ndigung":  "kündigung",   // the accent apart, as a Mac writes names
		"हिन्दी भाषा":      "हिन्दी-भाषा", // vowel signs are the word's
		"தமிழ் விற்பனை":    "தமிழ்-விற்பனை",
		"\u0301 accent":    "accent", // a mark with no letter before it
		"返金について":           "返金について",
		"翌日対応（全国）":         "翌日対応全国", // no space parts Japanese words
		"翌日対応 全国":          "翌日対応-全国",
		"Q3 ガイド":           "q3-ガイド",
		"Top 1️⃣ tip":      "top-1-tip", // a keycap's marks are no letter's
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamesWrittenApart: a file whose name has its accents written apart
// from their letters (NFD, as a Mac may write names) is the page that
// relations and links typed with them composed name.
func TestNamesWrittenApart(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/promises/fast.md", "",
		"content/promises/ku\u0308ndigung.md", "+++\ntitle = \"Kündigung\"\npromise = \"We end it in a day.\"\nexpectation = \"A letter tomorrow.\"\n+++\n",
		"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"kündigung\"]\n+++\nSee [it](../../promises/kündigung.md).\n",
		"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"Kündigung\"]\n+++\n",
	))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	p := s.ByID("kündigung")
	if p == nil || p.URL != "promises/kündigung/" || p.Chain.Status != Connected {
		t.Fatalf("page %+v, want promises/kündigung/, connected", p)
	}
	wantHTML(t, s, "content/behaviours/sales/quote.md", `<a href="../../../promises/k%C3%BCndigung/">it</a>`)
}

// TestOrderByLanguage: titles, tags, roles and owners are in the order of
// the site's language: an umlaut or an accent with its letter in German
// and French, after Z in Swedish; Ł after L in Polish.
func TestOrderByLanguage(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"de", []string{"Äpfel", "Apfelsaft", "Élan", "Lodz", "Łódź", "Lublin", "Öffnungszeiten", "Über uns", "Zahlung"}},
		{"fr", []string{"Äpfel", "Apfelsaft", "Élan", "Lodz", "Łódź", "Lublin", "Öffnungszeiten", "Über uns", "Zahlung"}},
		{"sv", []string{"Apfelsaft", "Élan", "Lodz", "Łódź", "Lublin", "Über uns", "Zahlung", "Äpfel", "Öffnungszeiten"}},
		{"pl", []string{"Äpfel", "Apfelsaft", "Élan", "Lodz", "Lublin", "Łódź", "Öffnungszeiten", "Über uns", "Zahlung"}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			files := map[string]string{"site.toml": "title = \"T\"\nlanguage = \"" + c.lang + "\"\n"}
			for i, name := range c.want {
				files[fmt.Sprintf("content/guides/p%d.md", i)] = fmt.Sprintf("+++\ntitle = %q\ntags = [%q]\nowner = %q\n+++\n", name, name, name)
				files[fmt.Sprintf("content/standards/s%d.md", i)] = fmt.Sprintf("+++\ntitle = \"S%d\"\nroles = [%q]\n+++\n", i, name)
			}
			s, problems := loadFiles(t, files)
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			var titles, tags, roles []string
			for _, p := range s.ByFile("content/guides").Children {
				titles = append(titles, p.Title)
			}
			for _, tag := range s.Tags {
				tags = append(tags, tag.Name)
			}
			for _, r := range s.Roles {
				roles = append(roles, r.Name)
			}
			for what, got := range map[string][]string{"pages": titles, "tags": tags, "roles": roles} {
				if !slices.Equal(got, c.want) {
					t.Errorf("%s: %q, want %q", what, got, c.want)
				}
			}
		})
	}
}

// TestStakes: of promises with the same gap, the one with most resting on
// it (a campaign running, then competitor gaps, then FAQs) comes first on
// Alignment; a campaign over or far off is not at stake.
func TestStakes(t *testing.T) {
	promise := func(title string) string {
		return "+++\ntitle = \"" + title + "\"\npromise = \"We do it.\"\nexpectation = \"It is done.\"\n+++\n"
	}
	s, _ := loadFiles(t, map[string]string{
		"content/promises/a.md":    promise("A"),
		"content/promises/b.md":    promise("B"),
		"content/promises/c.md":    promise("C"),
		"content/promises/d.md":    promise("D"),
		"content/faqs/q.md":        "+++\nquestion = \"Do you?\"\npromises = [\"b\", \"c\"]\n+++\n",
		"content/faqs/r.md":        "+++\nquestion = \"Really?\"\npromises = [\"c\"]\n+++\n",
		"content/competitors/x.md": "+++\ncompetitor = \"X\"\n[[gaps]]\narea = \"Speed\"\npromise = \"b\"\n+++\n",
		"content/campaigns/now.md": "+++\nstarts = 2026-10-01\nends = 2026-12-31\npromises = [\"d\"]\n+++\n",
		"content/campaigns/old.md": "+++\nstarts = 2025-10-01\nends = 2025-12-31\npromises = [\"a\"]\n+++\n",
	})
	var order []string
	for _, p := range s.Promises() {
		order = append(order, p.ID)
	}
	if want := []string{"d", "b", "c", "a"}; !slices.Equal(order, want) {
		t.Errorf("Alignment's order %q, want %q", order, want)
	}
	if st := s.Stakes(s.ByID("b")); len(st.Campaigns) != 0 || st.Gaps != 1 || st.FAQs != 1 {
		t.Errorf("b's stakes %+v, want a gap and an FAQ", st)
	}
	if st := s.Stakes(s.ByID("a")); !st.None() {
		t.Errorf("a's stakes %+v, want none: its campaign is over", st)
	}
}

// TestTypeTitlesOption: a section named after a type, with no title of
// its own, takes the type's name Options.TypeTitles gives, asked once; a
// section with a title keeps it.
func TestTypeTitlesOption(t *testing.T) {
	files := with(chainSite(), "content/faqs/_index.md", "# Questions\n", "content/faqs/q.md", "+++\nquestion = \"Q?\"\n+++\n")
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	asked := 0
	s, _ := Load(fsys, Options{Now: testNow, Words: func(_ fs.FS, cfg Config) Words {
		asked++
		return Words{TypeTitles: map[string]string{TypePromise: "Versprechen", TypeBehaviour: "Verhaltensweisen"}}
	}})
	for file, want := range map[string]string{"content/promises": "Versprechen", "content/behaviours": "Verhaltensweisen", "content/faqs": "Questions"} {
		if p := s.ByFile(file); p == nil || p.Title != want {
			t.Errorf("%s: %+v, want titled %q", file, p, want)
		}
	}
	if asked != 1 {
		t.Errorf("Words asked %d times, want once", asked)
	}
}
