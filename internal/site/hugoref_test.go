package site

import (
	"slices"
	"strings"
	"testing"
)

// refSite is a site whose pages Hugo refs lead to: two pages named
// quote, a page bundle, a section, a page with an id of its own.
func refSite() map[string]string {
	return map[string]string{
		"site.toml":                       "title = \"T\"\n",
		"content/_index.md":               "# Home\n",
		"content/sales/_index.md":         "# Sales\n",
		"content/sales/quote.md":          "# Quote\n\n## Deposits\n",
		"content/sales/deposits/index.md": "# Deposits\n\n## Terms\n",
		"content/service/quote.md":        "# Service quote\n",
		"content/service/callback.md":     "+++\ntitle = \"Callback\"\nid = \"same-day-callback\"\n+++\n",
		"content/guides/_index.md":        "# Guides\n",
	}
}

// TestHugoRefsResolve: a link to Hugo's ref or relref is resolved as
// Hugo resolves the path (from the page's folder, then from content/;
// a folder is its index; a name alone is the one page of that name) and
// rewritten to the page's relative URL; one that leads nowhere, or to
// several pages, or to a missing anchor, is a broken link at its file,
// line and column, saying why.
func TestHugoRefsResolve(t *testing.T) {
	const fm = "+++\ntitle = \"P\"\n+++\nIntro.\n\nSee "
	for _, tc := range []struct {
		name, file, link string
		// href is the destination the link renders with, or problem
		// the one problem of the site.
		href, problem string
	}{
		{"from the page's folder", "content/sales/proc.md", `[q]({{< ref "quote" >}})`, "../quote/", ""},
		{"relref with an anchor", "content/sales/proc.md", `[q]({{< relref "quote.md#deposits" >}})`, "../quote/#deposits", ""},
		{"from content", "content/sales/proc.md", `[c]({{< ref "/service/callback.md" >}})`, "../../service/callback/", ""},
		{"from content when not from the page's folder", "content/sales/proc.md", `[c]({{% ref "service/callback" %}})`, "../../service/callback/", ""},
		{"a bundle's index.md", "content/sales/proc.md", `[d]({{< ref "deposits#terms" >}})`, "../deposits/#terms", ""},
		{"a section's _index.md", "content/guides/g.md", `[s]({{< ref "/sales" >}})`, "../../sales/", ""},
		{"a name alone, anywhere", "content/guides/g.md", `[c]({{< ref "callback.md" >}})`, "../../service/callback/", ""},
		{"an anchor of the page", "content/guides/g.md", "[l]({{< ref \"#local\" >}})\n\n## Local\n", `href="#local"`, ""},
		{"a reference definition", "content/guides/g.md", "[q][d]\n\n[d]: {{< relref \"/sales/quote.md\" >}}\n", "../../sales/quote/", ""},
		{"a bundle's refs read from the folder it is in", "content/sales/deposits/index.md", `[q]({{< ref "quote" >}})`, "../quote/", ""},
		{"a file of content", "content/guides/g.md", `[p]({{< ref "price.pdf" >}})`, "../price.pdf", ""},
		{"a name of two pages", "content/guides/g.md", `[q]({{< ref "quote" >}})`, "",
			`content/guides/g.md:6:5: broken link {{< ref "quote" >}}: 2 pages are named "quote": content/sales/quote.md, content/service/quote.md; write the path from content/, as "/sales/quote.md"`},
		{"no such page", "content/guides/g.md", `[n]({{< ref "nowhere" >}})`, "",
			`content/guides/g.md:6:5: broken link {{< ref "nowhere" >}}: no page or file at content/guides/nowhere or content/nowhere`},
		{"no such page, and the one meant", "content/guides/g.md", `[c]({{< relref "Same day callback" >}})`, "",
			`content/guides/g.md:6:5: broken link {{< relref "Same day callback" >}}: no page or file at content/guides/Same day callback or content/Same day callback: did you mean {{< relref "/service/callback.md" >}}?`},
		{"a path from the page's folder only", "content/sales/proc.md", `[c]({{< ref "./callback" >}})`, "",
			`content/sales/proc.md:6:5: broken link {{< ref "./callback" >}}: no page or file at content/sales/callback: did you mean {{< ref "/service/callback.md" >}}?`},
		{"no such anchor", "content/sales/proc.md", `[q]({{< ref "/sales/quote#deposit" >}})`, "",
			`content/sales/proc.md:6:5: broken link {{< ref "/sales/quote#deposit" >}}: content/sales/quote.md has no heading with id "deposit": did you mean #deposits? a heading's id is its whole text, in lower case, with hyphens for spaces`},
		{"outside content", "content/sales/proc.md", `[x]({{< ref "../../../x" >}})`, "",
			`content/sales/proc.md:6:5: broken link {{< ref "../../../x" >}}: it points outside content/`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, problems := loadFiles(t, with(refSite(), tc.file, fm+tc.link+"\n", "content/guides/price.pdf", "PDF"))
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if tc.problem != "" {
				if len(got) != 1 || got[0] != tc.problem {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tc.problem)
				}
				return
			}
			if len(got) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
			}
			html, err := s.Markdown.RenderString(s.ByFile(tc.file).Doc)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.href
			if !strings.HasPrefix(want, "href=") {
				want = `href="` + want + `"`
			}
			if !strings.Contains(html, want) {
				t.Errorf("HTML lacks %s:\n%s", want, html)
			}
		})
	}
}

// TestHugoRefsMention: a page a Hugo ref leads to is mentioned by the
// page of the ref, as by any link.
func TestHugoRefsMention(t *testing.T) {
	s, problems := loadFiles(t, with(refSite(), "content/guides/g.md", "# G\n\n[c]({{< ref \"callback\" >}})\n"))
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	g, callback := s.ByFile("content/guides/g.md"), s.ByFile("content/service/callback.md")
	if !slices.Contains(callback.MentionedBy, g) {
		t.Errorf("callback mentioned by %v, want %s among them", callback.MentionedBy, g.File)
	}
}
