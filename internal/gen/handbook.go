package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// HandbookFiles returns the files of a generated handbook of about n
// pages brought to playbook as it is, keyed as Files keys them: half
// written for a Git host (content/company/: README.md files standing for
// their folders, no front matter, links to files with and without ".md",
// to folders, to a page's "# title" and to <a name> anchors, a
// team-norms.md in every folder), half written for Hugo and published
// under /handbook (content/docs/: _index.md files, YAML front matter,
// Japanese headings, root-absolute links with the base path, links
// relative to the page's URL, Hugo's ref and relref shortcodes as links,
// from content/, from the page's folder, by a page's name alone and in a
// reference definition, links to pages of the published handbook that
// are not in the extract). A CODEOWNERS file and a drafts folder left
// out by [content] exclude complete it. It has no promises. The same n
// always gives the same files, and they build with no error and no
// warning.
func HandbookFiles(n int) map[string][]byte {
	h := &handbook{generator: generator{r: rand.New(rand.NewPCG(3, 4)), files: map[string][]byte{}}}
	h.plan(max(n, 8))
	h.write()
	return h.files
}

// A handbook is the plan of a generated handbook.
type handbook struct {
	generator
	areas []hbFolder // content/company/<area>/
	secs  []hbFolder // content/docs/<sec>/
}

// A hbFolder is a folder of the handbook and the names of its pages,
// without ".md".
type hbFolder struct {
	name  string
	pages []string
}

// perFolder is how many pages a folder holds, its index and team-norms.md
// not counted.
const perFolder = 18

func (h *handbook) plan(n int) {
	half := n / 2
	for i := 0; i*(perFolder+2) < half; i++ {
		name, _ := folderName(guideTopics, regions, i)
		f := hbFolder{name: name}
		for j := range perFolder {
			f.pages = append(f.pages, fmt.Sprintf("%s-topic-%d", name, j+1))
		}
		h.areas = append(h.areas, f)
	}
	for i := 0; i*(perFolder+1) < n-half; i++ {
		name, _ := folderName(faqTopics, products, i)
		f := hbFolder{name: name}
		for j := range perFolder {
			f.pages = append(f.pages, fmt.Sprintf("guide-%d", j+1))
		}
		h.secs = append(h.secs, f)
	}
}

func (h *handbook) write() {
	h.files["site.toml"] = []byte(`title = "Company Handbook"

[markdown]
unsafe = true

[links]
base_path = "/handbook"
external_base = "https://handbook.example.com"

[content]
exclude = ["**/drafts/**"]
`)
	h.files["content/_index.md"] = []byte("---\ntitle: Company Handbook\n---\nRead [the company](/handbook/company/) and [the guides](/handbook/docs/).\n")
	h.files["content/CODEOWNERS"] = []byte("* @handbook-team\n")
	h.files["content/company/README.md"] = []byte("# Company\n\nThe handbook as the company writes it on its Git host.\n")
	h.files["content/docs/_index.md"] = []byte("---\ntitle: ガイド\n---\n営業とサービスのガイド。\n")
	h.files["content/docs/drafts/next.md"] = []byte("---\ntitle: Next\n---\n[Not yet](../../nowhere/)\n")
	for i := range h.areas {
		h.writeArea(i)
	}
	for i := range h.secs {
		h.writeSec(i)
	}
}

// gitTitle is the title of a page of the Git host's half, and ghID the id
// GitHub gives it.
func gitTitle(page string) string { return capitalize(strings.ReplaceAll(page, "-", " ")) }
func ghID(title string) string    { return strings.ToLower(strings.ReplaceAll(title, " ", "-")) }

func (h *handbook) writeArea(i int) {
	a := h.areas[i]
	dir := "content/company/" + a.name + "/"
	next := h.areas[(i+1)%len(h.areas)]
	h.sb.Reset()
	fmt.Fprintf(&h.sb, "# %s\n\n", gitTitle(a.name))
	h.paragraph(3)
	for _, p := range a.pages {
		fmt.Fprintf(&h.sb, "- [%s](%s.md)\n", gitTitle(p), p)
	}
	fmt.Fprintf(&h.sb, "\nSee also [%s](../%s/) and [our norms](team-norms.md#norms).\n", gitTitle(next.name), next.name)
	h.files[dir+"README.md"] = []byte(h.sb.String())
	h.files[dir+"team-norms.md"] = []byte("# Team norms\n\n## Norms\n\nWe write things down. Back to [" + gitTitle(a.name) + "](README.md).\n")
	for j, p := range a.pages {
		other := next.pages[j]
		sibling := a.pages[(j+1)%len(a.pages)]
		h.sb.Reset()
		fmt.Fprintf(&h.sb, "# %s\n\n", gitTitle(p))
		h.paragraph(4)
		h.sb.WriteString("## Why it matters\n\n")
		h.paragraphWith(3, fmt.Sprintf("[%s](%s.md#how-we-work)", gitTitle(sibling), sibling))
		h.sb.WriteString("## How we work\n\n")
		h.paragraphWith(3, fmt.Sprintf("[%s](../%s/%s)", gitTitle(other), next.name, other))
		h.sb.WriteString("### Instagram <a name=\"instagram\"></a>\n\n")
		h.paragraphWith(2, fmt.Sprintf("[the top of %s](../%s/%s.md#%s)", gitTitle(other), next.name, other, ghID(gitTitle(other))))
		fmt.Fprintf(&h.sb, "Read [its channels](%s.md#instagram), [the %s area](../%s) and [this page's top](#%s).\n",
			sibling, next.name, next.name, ghID(gitTitle(p)))
		h.files[dir+p+".md"] = []byte(h.sb.String())
	}
}

// Japanese headings of the Hugo half, and the ids they get.
const (
	jaOverview   = "概要"
	jaSteps      = "進め方（手順）"
	jaStepsID    = "進め方手順"
	jaExceptions = "例外とエスカレーション"
)

func (h *handbook) writeSec(i int) {
	s := h.secs[i]
	dir := "content/docs/" + s.name + "/"
	next := h.secs[(i+1)%len(h.secs)]
	area := h.areas[i%len(h.areas)]
	h.sb.Reset()
	fmt.Fprintf(&h.sb, "---\ntitle: %s\nweight: %d\n---\n", gitTitle(s.name), i+1)
	h.paragraph(2)
	// Every section has a guide-1: the ref finds this folder's first.
	fmt.Fprintf(&h.sb, "[最初のガイド]({{%% ref \"%s\" %%}}) と [次のセクション](/handbook/docs/%s/)。\n", s.pages[0], next.name)
	h.files[dir+"_index.md"] = []byte(h.sb.String())
	for j, p := range s.pages {
		sibling := s.pages[(j+1)%len(s.pages)]
		h.sb.Reset()
		fmt.Fprintf(&h.sb, "---\ntitle: \"%s ガイド %d\"\nweight: %d\n---\n", gitTitle(s.name), j+1, j+1)
		fmt.Fprintf(&h.sb, "## %s\n\n", jaOverview)
		h.paragraph(4)
		fmt.Fprintf(&h.sb, "## %s\n\n", jaSteps)
		h.paragraphWith(3, fmt.Sprintf("[次のガイド](../%s/)", sibling))
		h.paragraphWith(3, fmt.Sprintf("[別のセクション]({{< ref \"/docs/%s/%s.md#%s\" >}})", next.name, p, jaStepsID))
		fmt.Fprintf(&h.sb, "## %s\n\n", jaExceptions)
		h.paragraphWith(2, fmt.Sprintf("[the %s area]({{< relref \"%s\" >}})", area.name, area.pages[j]))
		fmt.Fprintf(&h.sb, "[エンジニアリング](/handbook/engineering/on-call/)、[セクション][section]、[上へ](#%s)。\n\n", jaOverview)
		fmt.Fprintf(&h.sb, "[section]: {{< relref \"/docs/%s\" >}}\n", s.name)
		h.files[dir+p+".md"] = []byte(h.sb.String())
	}
}
