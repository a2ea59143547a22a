package site

import (
	"reflect"
	"strings"
	"testing"
)

// TestFrontMatterAsPeopleWriteIt: a list where text is wanted is joined,
// text where a list is wanted is split at its commas, and keys playbook
// does not know are kept for layouts, in TOML and in YAML.
func TestFrontMatterAsPeopleWriteIt(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/faqs/price.md", "+++\nquestion = \"Why this price?\"\naudience = [\"floor consultant\", \"service desk\"]\npromises = \"fast\"\nregion = \"EMEA\"\n[contact]\nname = \"Ana\"\n+++\n",
		"content/behaviours/service/call.md", "---\nstage: service\nfulfils: fast\nroles: floor consultant, service desk\ntags: pricing,  q3 ,\nowner: [Sales Ops, 7]\nlevel: 2\n---\n",
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
	if want := []string{"pricing", "q3"}; !reflect.DeepEqual(call.Tags, want) {
		t.Errorf("tags = %q, want %q", call.Tags, want)
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
	))
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"content/a.md:5:5: owner: want text or a list of text, found a table in it",
		"content/a.md:6:14: description: want text, got a table",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
