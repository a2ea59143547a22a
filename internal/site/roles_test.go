package site

import (
	"fmt"
	"slices"
	"testing"
)

// roleSummary returns each role as "slug Name: behaviours/standards/faqs/campaigns".
func roleSummary(s *Site) []string {
	var got []string
	for _, r := range s.Roles {
		got = append(got, fmt.Sprintf("%s %s: %d/%d/%d/%d", r.Slug, r.Name, len(r.Behaviours), len(r.Standards), len(r.FAQs), len(r.Campaigns)))
	}
	return got
}

func TestRoles(t *testing.T) {
	files := func(toml string) map[string]string {
		return with(chainSite(),
			"site.toml", toml,
			"content/behaviours/sales/quote.md", "+++\nstage = \"sales\"\nfulfils = [\"fast\"]\nroles = [\"Floor staff\", \"Service Desk\"]\n+++\n",
			"content/behaviours/service/call.md", "+++\nstage = \"service\"\nfulfils = [\"fast\"]\nroles = \"service desk\"\n+++\n",
			"content/standards/greet.md", "+++\nroles = [\"FLOOR CONSULTANT\", \"service-desk\"]\n+++\n",
			"content/faqs/price.md", "+++\nquestion = \"How much?\"\naudience = [\"Sales consultant\", \"floor consultant\"]\n+++\n",
			"content/campaigns/winter.md", "+++\nstarts = 2026-01-01\nends = 2026-01-31\nbriefing = \"b\"\nroles = [\"floor-consultant\"]\n+++\n",
		)
	}
	tests := []struct {
		name, toml string
		want       []string
	}{
		{"spellings differing in case or punctuation are one role, named as first written but not as a slug", "title = \"x\"\n", []string{
			"floor-consultant Floor consultant: 0/1/1/1",
			"floor-staff Floor staff: 1/0/0/0",
			"sales-consultant Sales consultant: 0/0/1/0",
			"service-desk Service Desk: 2/1/0/0",
		}},
		{"aliases in site.toml merge spellings under the role's title", "[roles.floor-consultant]\ntitle = \"Floor consultant\"\ndescription = \"On the floor.\"\naliases = [\"floor staff\", \"SALES CONSULTANT\"]\n", []string{
			"floor-consultant Floor consultant: 1/1/1/1",
			"service-desk Service Desk: 2/1/0/0",
		}},
		{"a title alone merges its spelling", "[roles.desk]\ntitle = \"Service desk\"\n", []string{
			"floor-consultant Floor consultant: 0/1/1/1",
			"floor-staff Floor staff: 1/0/0/0",
			"sales-consultant Sales consultant: 0/0/1/0",
			"desk Service desk: 2/1/0/0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, problems := loadFiles(t, files(tt.toml))
			if problems.Errors() > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if got := roleSummary(s); !slices.Equal(got, tt.want) {
				t.Errorf("roles:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}

	s, _ := loadFiles(t, files("[roles.floor-consultant]\ndescription = \"On the floor.\"\naliases = [\"floor staff\", \"sales consultant\"]\n"))
	r := s.Role("Sales Consultant")
	if r == nil || r.Slug != "floor-consultant" || r.Description != "On the floor." {
		t.Fatalf("Role(\"Sales Consultant\") = %+v, want floor-consultant", r)
	}
	if got := r.Promises(); len(got) != 1 || got[0].ID != "fast" {
		t.Errorf("promises %v, want [fast]", got)
	}
	// Both of the service desk's behaviours keep the same promise: it is
	// listed once.
	if got := s.Role("service desk").Promises(); len(got) != 1 || got[0].ID != "fast" {
		t.Errorf("service desk's promises %v, want [fast]", got)
	}
	if s.Role("nobody") != nil {
		t.Error("Role(\"nobody\") found a role")
	}
	// The winter campaign ended before testNow: the role must know no
	// campaign now.
	if got := s.RoleCampaigns(r); len(got) != 0 {
		t.Errorf("current campaigns %v, want none", got)
	}
}

func TestRolesConfigProblems(t *testing.T) {
	_, ps := ParseConfig([]byte("[roles.desk]\naliases = [\"front\"]\n[roles.floor]\naliases = [\"Front\"]\n[roles.Bad_Key]\ntitle = \"x\"\n"))
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`site.toml:5: roles: "Bad_Key" is not a role's slug (use lower-case letters, digits and hyphens: "bad-key")`,
		`site.toml:3: roles: "Front" names both "desk" and "floor"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%q\nwant:\n%q", got, want)
	}
}
