package site

import (
	"fmt"
	"slices"
	"testing"
)

// mentions returns p's mentions as "Group: id, id" strings.
func mentions(p *Page) []string {
	var got []string
	for _, g := range p.Mentions() {
		var ids []string
		for _, q := range g.Pages {
			ids = append(ids, q.ID)
		}
		got = append(got, fmt.Sprintf("%s: %v", g.Title, ids))
	}
	return got
}

func TestMentions(t *testing.T) {
	s, problems := loadFiles(t, with(chainSite(),
		"content/guides/_index.md", "# Guides\n\nStart with [the glossary](glossary.md).\n",
		"content/guides/glossary.md", "# Glossary\n\nSee [fast](../promises/fast.md) and [fast again](../promises/fast.md).\n",
		"content/guides/week.md", "# Week\n\n[Glossary](glossary.md), [how we call](../behaviours/service/call.md#how), [itself](week.md).\n",
		"content/faqs/when.md", "+++\nquestion = \"When?\"\npromises = [\"fast\"]\n+++\n[Fast](../promises/fast.md) and [the glossary](../guides/glossary.md).\n",
	))
	for _, p := range problems {
		if !p.Warning {
			t.Fatalf("problem: %s", p)
		}
	}
	tests := []struct {
		name, id string
		want     []string
	}{
		{"page linked from two others shows both, grouped by type", "glossary", []string{"FAQs: [when]", "Pages: [week]", "Sections: [guides]"}},
		{"relation and text link from one page is shown once, as the relation", "fast", []string{"Pages: [glossary]"}},
		{"a page does not mention itself", "week", nil},
		{"link with an anchor counts", "call", []string{"Pages: [week]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mentions(s.ByID(tt.id)); !slices.Equal(got, tt.want) {
				t.Errorf("mentions %q, want %q", got, tt.want)
			}
		})
	}
	if got := s.ByID("fast").MentionedBy; len(got) != 2 {
		t.Errorf("fast is mentioned by %d pages, want 2 (the glossary once, the FAQ)", len(got))
	}
}
