package site

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestFrontMatterAsPeopleWriteIt: a list where text is wanted is joined,
// text where a list is wanted is split at its commas, and keys playbook
// does not know are kept for layouts, in TOML and in YAML. A date written
// where text is wanted is the text written.
func TestFrontMatterAsPeopleWriteIt(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/faqs/price.md", "+++\nquestion = \"Why this price?\"\naudience = [\"floor consultant\", \"service desk\"]\npromises = \"fast\"\nregion = \"EMEA\"\n[contact]\nname = \"Ana\"\n+++\n",
		"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\nroles = \"floor consultant\"\n+++\n",
		"content/behaviours/service/call.md", "---\nstage: service\nfulfils: fast\nroles: floor consultant, service desk\ntags: pricing,  q3 , 2026-04-01\nowner: [Sales Ops, 7]\nlevel: 2\ndescription: 2026-04-01T10:30:00Z\n---\n",
		"content/guides/2026-04-01.md", "---\ntitle: 2026-04-01\ntags: [2026-04-01]\n---\n",
		"content/guides/q2.md", "+++\ntitle = 2026-04-01\n+++\n",
		// Lines ended by a lone CR, as classic Mac OS wrote them.
		"content/guides/old-mac.md", "+++\rtitle = \"Old Mac\"\rtags = [\"legacy\"]\r+++\r\rText.\r",
	))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	pages := map[string]*Page{}
	for _, p := range s.Pages {
		pages[p.ID] = p
	}
	faq, call := pages["price"], pages["call"]
	if faq == nil || call == nil {
		t.Fatalf("pages: %v", pages)
	}
	if faq.Audience != "floor consultant, service desk" {
		t.Errorf("audience = %q", faq.Audience)
	}
	if len(faq.Promises) != 1 || faq.Promises[0].ID != "fast" {
		t.Errorf("faq promises = %v", faq.Promises)
	}
	if want := map[string]any{"region": "EMEA", "contact": map[string]any{"name": "Ana"}}; !reflect.DeepEqual(faq.Params, want) {
		t.Errorf("faq Params = %#v, want %#v", faq.Params, want)
	}
	if want := []string{"floor consultant", "service desk"}; !reflect.DeepEqual(call.Roles, want) {
		t.Errorf("roles = %q, want %q", call.Roles, want)
	}
	if want := []string{"pricing", "q3", "2026-04-01"}; !reflect.DeepEqual(call.Tags, want) {
		t.Errorf("tags = %q, want %q", call.Tags, want)
	}
	if call.Description != "2026-04-01T10:30:00Z" {
		t.Errorf("description = %q", call.Description)
	}
	if p := pages["old-mac"]; p == nil || p.Title != "Old Mac" || !reflect.DeepEqual(p.Tags, []string{"legacy"}) {
		t.Errorf("a page of CR lines = %+v, want its title and tags read", p)
	}
	for _, id := range []string{"2026-04-01", "q2"} {
		if p := pages[id]; p == nil || p.Title != "2026-04-01" {
			t.Errorf("page %s = %+v, want the title 2026-04-01", id, p)
		}
	}
	if p := pages["2026-04-01"]; p != nil && !reflect.DeepEqual(p.Tags, []string{"2026-04-01"}) {
		t.Errorf("tags = %q", p.Tags)
	}
	if call.Owner != "Sales Ops, 7" {
		t.Errorf("owner = %q", call.Owner)
	}
	if len(call.Fulfils) != 1 || call.Fulfils[0].ID != "fast" {
		t.Errorf("fulfils = %v", call.Fulfils)
	}
	if want := map[string]any{"level": 2}; !reflect.DeepEqual(call.Params, want) {
		t.Errorf("call Params = %#v, want %#v", call.Params, want)
	}
}

// TestFrontMatterStillRefused: where the meaning is not clear, the value
// is still refused, at the item that makes it unclear.
func TestFrontMatterStillRefused(t *testing.T) {
	_, problems := loadFiles(t, with(chainSite(),
		"content/a.md", "---\ntitle: A\nowner:\n  - Sales\n  - {team: ops}\ndescription: {short: x}\n---\n",
		"content/b.md", "+++\nweight = 2026-04-01\n+++\n",
	))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"content/a.md:5:5: owner: want text or a list of text, found a table in it",
		"content/a.md:6:14: description: want text, got a table",
		"content/b.md:2: weight: want a whole number, got the date 2026-04-01",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTOMLValuesKeepNoCopyOfTheFrontMatter: a value kept from front
// matter (a page's title) holds on to the text of the values, not to the
// whole front matter with its comments: a site keeps every page's title
// for the whole build.
func TestTOMLValuesKeepNoCopyOfTheFrontMatter(t *testing.T) {
	const n = 2000
	long := strings.Repeat("long text ", 400) // 4 KB
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	titles := make([]string, n)
	before := heap()
	for i := range titles {
		text := fmt.Sprintf("title = \"Page %d\"\n# %s\ndescription = \"short\"\n", i, long)
		var ps problems
		f := decodeFrontMatter("content/a.md", "toml", []byte(text), &ps)
		if f == nil {
			t.Fatalf("front matter refused: %v", ps.list)
		}
		titles[i] = f.string("title")
		f.string("description")
	}
	kept := heap() - min(before, heap())
	if titles[7] != "Page 7" {
		t.Fatalf("title read as %q", titles[7])
	}
	// Copies of the front matter would be n * 4 KB, 8 MB.
	if kept > 1<<20 {
		t.Errorf("%d titles keep %d KB", n, kept>>10)
	}
	runtime.KeepAlive(titles)
}

func TestCloneStringsKeepsValues(t *testing.T) {
	in := map[string]any{"a": "x", "e": "", "list": []any{"y", int64(2)}, "tables": []map[string]any{{"k": "z"}}, "t": map[string]any{"k": true, "s": "w"}}
	want := map[string]any{"a": "x", "e": "", "list": []any{"y", int64(2)}, "tables": []map[string]any{{"k": "z"}}, "t": map[string]any{"k": true, "s": "w"}}
	cloneStrings(in)
	if !reflect.DeepEqual(in, want) {
		t.Errorf("cloneStrings = %v, want %v", in, want)
	}
	// One allocation for the bytes of all the strings, and one for each
	// string put back in a map or a list (an interface holds a pointer to
	// it): not two for each.
	value := func() map[string]any {
		return map[string]any{"a": "x", "b": "y", "list": []any{"y", "z"}}
	}
	made := testing.AllocsPerRun(10, func() { value() })
	allocs := testing.AllocsPerRun(10, func() { cloneStrings(value()) }) - made
	if allocs != 5 {
		t.Errorf("cloneStrings allocates %v times for 4 strings, want 5", allocs)
	}
}

// TestJSONFrontMatter reads front matter written as a JSON object, as
// Hugo writes it, with problems at their lines; a page opening with a
// shortcode or a brace of its text has none, and a text file of JSON
// data under content/ is not taken for a page saved under the wrong name.
func TestJSONFrontMatter(t *testing.T) {
	files := with(chainSite(),
		"content/behaviours/sales/meddicc.md", "{\n  \"title\": \"MEDDICC\",\n  \"weight\": 2,\n  \"tags\": [\"qualify\"],\n  \"fulfils\": [\"nope\"],\n  \"stage\": \"sales\"\n}\n\nMetrics first.\n",
		"content/guides/one-line.md", "{\"title\": \"One line\"}\nText.\n",
		"content/guides/notice.md", "{{< notice >}}\nA note.\n",
		"content/guides/brace.md", "{curly} text.\n",
		"content/data.txt", "{\"a\": 1}\n",
		"content/guides/escapes.md", "{\n  \"title\": \"Win\\/loss \\ud83d\\ude00 \\\\/\"\n}\n",
		"content/guides/comma.md", "{\n  \"title\": \"X\",\n}\nText.\n",
	)
	s, ps := loadFiles(t, files)
	p := s.ByID("meddicc")
	if p == nil || p.Title != "MEDDICC" || p.Weight != 2 || !slices.Equal(p.Tags, []string{"qualify"}) {
		t.Fatalf("meddicc = %+v", p)
	}
	if p.bodyLine != 8 {
		t.Errorf("body at line %d, want 8", p.bodyLine)
	}
	if q := s.ByID("one-line"); q == nil || q.Title != "One line" {
		t.Errorf("one-line = %+v", q)
	}
	for _, id := range []string{"notice", "brace"} {
		if q := s.ByID(id); q == nil || q.fm != nil {
			t.Errorf("%s: read with front matter", id)
		}
	}
	if q := s.ByID("escapes"); q == nil || q.Title != `Win/loss 😀 \/` {
		t.Errorf("escapes = %+v, want the title JSON reads", q)
	}
	want := []string{
		`content/behaviours/sales/meddicc.md:5: fulfils: no page has id "nope"`,
		`content/guides/comma.md:1: front matter written as JSON does not read at line 3: invalid character '}' looking for beginning of object key string`,
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("want %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if slices.ContainsFunc(got, func(g string) bool { return strings.Contains(g, "data.txt") }) {
		t.Errorf("data.txt taken for a page:\n%s", strings.Join(got, "\n"))
	}
}
