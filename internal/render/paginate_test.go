package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"playbook/internal/site"
)

// listSite is a playbook of n standards, each tagged "all" and naming
// the role Floor: the section, the tag and the role list n pages.
func listSite(n int) map[string]string {
	files := map[string]string{
		"content/_index.md":           "+++\ntitle = \"Home\"\n+++\n",
		"content/standards/_index.md": "+++\ntitle = \"Standards\"\n+++\nWhat we hold to.\n",
	}
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/standards/s%04d.md", i)] = fmt.Sprintf(
			"+++\ntitle = \"Standard %04d\"\ndescription = \"What standard %04d asks of the floor.\"\ntags = [\"all\"]\nroles = [\"Floor\"]\nweight = %d\n+++\nText.\n", i, i, i)
	}
	return files
}

// TestListSizeBounded: the first and a middle page of a section's, a
// tag's and a role's list are the same size with 400 entries and with
// 2,000; the whole list is on its pages, once each, in order.
func TestListSizeBounded(t *testing.T) {
	small := renderFiles(t, listSite(400), Options{})
	large := renderFiles(t, listSite(2000), Options{})
	size := site.DefaultPageSize
	for _, list := range []string{"standards/", "tags/all/", "roles/floor/"} {
		for _, c := range []struct{ name, small, large string }{
			{"first page", site.ListPageURL(list, 1), site.ListPageURL(list, 1)},
			{"middle page", site.ListPageURL(list, 400/size/2), site.ListPageURL(list, 2000/size/2)},
		} {
			a, b := len(page(t, small, c.small+"index.html")), len(page(t, large, c.large+"index.html"))
			// The pager's page numbers have more digits.
			if d := b - a; d < -300 || d > 300 {
				t.Errorf("%s: %s is %d bytes with 400 entries, %s %d with 2,000", c.name, c.small, a, c.large, b)
			}
		}
		var titles []string
		for i := 1; i <= 2000/size; i++ {
			html := page(t, large, site.ListPageURL(list, i)+"index.html")
			for _, m := range strings.Split(html, `<li class="card">`)[1:] {
				_, rest, _ := strings.Cut(m, `/">`)
				title, _, _ := strings.Cut(rest, "</a>")
				titles = append(titles, title)
			}
		}
		want := make([]string, 2000)
		for i := range want {
			want[i] = fmt.Sprintf("Standard %04d", i+1)
		}
		if !slices.Equal(titles, want) {
			t.Errorf("%s: its pages list %d entries, want Standard 0001 to 2000 once each in order", list, len(titles))
		}
		if _, ok := large.File(site.ListPageURL(list, 2000/size+1) + "index.html"); ok {
			t.Errorf("%s: a page after the last", list)
		}
	}
}

func TestPaginatorWindow(t *testing.T) {
	for _, c := range []struct {
		number, total int
		want          []int
	}{
		{1, 1, []int{1}},
		{1, 3, []int{1, 2, 3}},
		{1, 10, []int{1, 2, 3, 0, 10}},
		{5, 10, []int{1, 0, 3, 4, 5, 6, 7, 0, 10}},
		{4, 10, []int{1, 2, 3, 4, 5, 6, 0, 10}},
		{10, 10, []int{1, 0, 8, 9, 10}},
		{500, 1000, []int{1, 0, 498, 499, 500, 501, 502, 0, 1000}},
	} {
		p := &Paginator{Number: c.number, Total: c.total}
		if got := p.Window(); !slices.Equal(got, c.want) {
			t.Errorf("page %d of %d: window %v, want %v", c.number, c.total, got, c.want)
		}
	}
}

// TestHomeCampaignsBounded: the home page lists the first page's worth of
// the campaigns live or starting soon, says how many more there are and
// where they are, and stays the same size with 40 of them and with 400.
func TestHomeCampaignsBounded(t *testing.T) {
	campaigns := func(n int) map[string]string {
		files := map[string]string{
			"content/_index.md":           "+++\ntitle = \"Home\"\n+++\n",
			"content/campaigns/_index.md": "+++\ntitle = \"Campaigns\"\n+++\n",
		}
		for i := 1; i <= n; i++ {
			files[fmt.Sprintf("content/campaigns/c%04d.md", i)] = fmt.Sprintf(
				"+++\ntitle = \"Campaign %04d\"\nstarts = %s\nends = %s\nbriefing = \"Say it this way.\"\n+++\nText.\n",
				i, testNow.AddDate(0, 0, -1).Format(time.DateOnly), testNow.AddDate(0, 1, 0).Format(time.DateOnly))
		}
		return files
	}
	size := site.DefaultPageSize
	few, many := page(t, renderFiles(t, campaigns(40), Options{}), "index.html"), page(t, renderFiles(t, campaigns(400), Options{}), "index.html")
	for _, c := range []struct {
		home string
		more int
	}{{few, 40 - size}, {many, 400 - size}} {
		if n := strings.Count(c.home, `<a href="campaigns/c`); n != size {
			t.Errorf("the home page links to %d campaigns, want %d", n, size)
		}
		if want := fmt.Sprintf(`And %d more campaigns live or starting soon: see <a href="campaigns/">Campaigns</a>.`, c.more); !strings.Contains(c.home, want) {
			t.Errorf("the home page does not say %q", want)
		}
	}
	if !strings.Contains(many, "Campaign 0025") || strings.Contains(many, "Campaign 0026") {
		t.Error("the home page does not list the first campaigns in order")
	}
	if d := len(many) - len(few); d < -20 || d > 20 {
		t.Errorf("the home page is %d bytes with 40 campaigns and %d with 400", len(few), len(many))
	}
}

// TestRoleIndex: every page of a split role page leads to where each of
// its lists starts, with its length; a role page that is not split, and a
// list that is empty, have none.
func TestRoleIndex(t *testing.T) {
	files := map[string]string{"content/_index.md": "+++\ntitle = \"Home\"\n+++\n"}
	for i := 1; i <= 30; i++ {
		roles := `"Floor"`
		if i <= 10 {
			roles += `, "Desk"` // a role of one page
		}
		files[fmt.Sprintf("content/behaviours/b%02d.md", i)] = fmt.Sprintf("+++\ntitle = \"B%02d\"\nstage = \"sales\"\nroles = [%s]\n+++\n", i, roles)
		files[fmt.Sprintf("content/standards/s%02d.md", i)] = fmt.Sprintf("+++\ntitle = \"S%02d\"\nroles = [\"Floor\"]\n+++\n", i)
	}
	out := renderFiles(t, files, Options{})
	index := `<nav class="role-index" aria-label="This role's lists"><ul>`
	for name, want := range map[string]string{
		"roles/floor/index.html":        index + `<li><a href="./#pb-role-behaviours">What you do</a> <span class="muted">30</span></li><li><a href="page/2/#pb-role-standards">Standards you meet</a> <span class="muted">30</span></li>`,
		"roles/floor/page/3/index.html": index + `<li><a href="../../#pb-role-behaviours">What you do</a> <span class="muted">30</span></li><li><a href="../2/#pb-role-standards">Standards you meet</a> <span class="muted">30</span></li>`,
	} {
		if html := page(t, out, name); !strings.Contains(html, want) {
			t.Errorf("%s: no %s", name, want)
		}
	}
	if html := page(t, out, "roles/desk/index.html"); strings.Contains(html, "role-index") {
		t.Error("roles/desk/: an index on a role page that is not split")
	}
	for name, want := range map[string]string{"roles/floor/page/2/index.html": `id="pb-role-standards"`, "roles/floor/index.html": `id="pb-role-behaviours"`} {
		if html := page(t, out, name); !strings.Contains(html, want) {
			t.Errorf("%s: the index leads to %s, which it lacks", name, want)
		}
	}
}
