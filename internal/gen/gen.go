// Package gen writes deterministic synthetic playbooks of any size, for benchmarks and load tests.
//
// A generated playbook follows the content format of the README: a site.toml, nested sections
// with an _index.md each, and pages of every type whose relations (fulfils, promises,
// positioning, applies_to, gaps) are valid by construction, so the site builds with no errors
// and every promise's chain is connected. Bodies are realistic Markdown of a few kilobytes with
// headings, lists, tables, code blocks, alerts and relative links (some with anchors) to other
// generated pages.
package gen

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Files returns the files of a generated playbook of about n content pages, keyed by
// slash-separated path relative to the site root ("site.toml", "content/_index.md", ...).
// The same n always gives the same files.
func Files(n int) map[string][]byte {
	g := &generator{
		r:     rand.New(rand.NewPCG(1, 2)),
		files: make(map[string][]byte, n+n/30+16),
	}
	g.plan(n)
	g.relate()
	g.writeSite()
	g.writeSections()
	for i := range g.pages {
		g.writePage(i)
	}
	return g.files
}

// Write writes Files(n) under dir, creating folders as needed.
func Write(dir string, n int) error { return writeFiles(dir, Files(n)) }

// WriteHandbook writes HandbookFiles(n) under dir, creating folders as
// needed.
func WriteHandbook(dir string, n int) error { return writeFiles(dir, HandbookFiles(n)) }

func writeFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	made := map[string]bool{}
	for _, name := range names {
		full := filepath.Join(dir, filepath.FromSlash(name))
		parent := filepath.Dir(full)
		if !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		if err := os.WriteFile(full, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Page kinds, in generation order.
const (
	kPositioning = iota
	kPromise
	kSales
	kService
	kStandard
	kFAQ
	kCompetitor
	kCampaign
	kPersona
	kGuide
	numKinds
)

type kindSpec struct {
	dir    string  // section folder under content/
	prefix string  // id prefix; ids are prefix-NNNN
	title  string  // section title
	share  float64 // share of n; the guides take the rest
	min    int     // minimum count, so that relations always have targets
	split  bool    // split into sub-folders of 20-60 pages
	folder []string
	second []string // combined with folder names when more sub-folders are needed
}

var (
	products = []string{"payments", "lending", "savings", "cards", "insurance", "payroll", "invoicing",
		"treasury", "mortgages", "pensions", "fx", "onboarding", "analytics", "connectivity", "hardware",
		"support-plans", "subscriptions", "marketplace", "logistics", "loyalty"}
	regions = []string{"north", "south", "east", "west", "central", "emea", "apac", "americas", "nordics",
		"benelux", "dach", "iberia", "uk", "france", "italy", "japan", "india", "brazil", "canada", "australia"}
	faqTopics = []string{"billing", "contracts", "pricing", "security", "privacy", "integrations", "migration",
		"renewals", "refunds", "delivery", "warranty", "accounts", "reporting", "compliance", "support",
		"trials", "discounts", "procurement", "uptime", "data"}
	guideTopics = []string{"discovery", "demos", "negotiation", "forecasting", "territory-planning", "tooling",
		"crm-hygiene", "proposals", "handover", "escalations", "quality", "coaching", "hiring", "enablement",
		"pipeline", "events", "partners", "messaging", "onboarding", "reviews"}
)

var kinds = [numKinds]kindSpec{
	kPositioning: {dir: "positioning", prefix: "positioning", title: "Positioning", share: 0.03, min: 1},
	kPromise:     {dir: "promises", prefix: "promise", title: "Promises", share: 0.10, min: 1, split: true, folder: products, second: regions},
	kSales:       {dir: "behaviours/sales", prefix: "sales", title: "Sales behaviours", share: 0.20, min: 1, split: true, folder: regions, second: products},
	kService:     {dir: "behaviours/service", prefix: "service", title: "Service behaviours", share: 0.20, min: 1, split: true, folder: regions, second: products},
	kStandard:    {dir: "standards", prefix: "standard", title: "Standards", share: 0.05},
	kFAQ:         {dir: "faqs", prefix: "faq", title: "FAQs", share: 0.15, split: true, folder: faqTopics, second: products},
	kCompetitor:  {dir: "competitors", prefix: "competitor", title: "Competitors", share: 0.03},
	kCampaign:    {dir: "campaigns", prefix: "campaign", title: "Campaigns", share: 0.02},
	kPersona:     {dir: "personas", prefix: "persona", title: "Personas", share: 0.02},
	kGuide:       {dir: "guides", prefix: "guide", title: "Guides", split: true, folder: guideTopics, second: regions},
}

type section struct {
	dir    string // "content/promises/west"
	title  string
	weight int
}

type page struct {
	kind   int
	num    int    // 1-based number within the kind
	id     string // file name without .md
	dir    string // "content/promises/payments"
	file   string // dir + "/" + id + ".md"
	title  string
	weight int
	rel    []int // related pages (indexes into pages): fulfils, promises, applies_to, positioning, gaps
}

type generator struct {
	r        *rand.Rand
	files    map[string][]byte
	sections []section
	pages    []page
	byKind   [numKinds][]int
	code     int // rotates the code block language
	alert    int // rotates the alert kind
	sb       strings.Builder
}

// plan decides the sections, the pages, their ids, paths and titles.
func (g *generator) plan(n int) {
	n = max(n, 0)
	var counts [numKinds]int
	sum := 0
	for k := range kGuide {
		counts[k] = max(kinds[k].min, int(math.Round(kinds[k].share*float64(n))))
		sum += counts[k]
	}
	counts[kGuide] = max(0, n-sum)

	g.sections = append(g.sections, section{dir: "content", title: "Generated playbook"})
	behaviours := false
	for k := range numKinds {
		spec := kinds[k]
		top := "content/" + spec.dir
		if strings.HasPrefix(spec.dir, "behaviours/") && !behaviours {
			behaviours = true
			g.sections = append(g.sections, section{dir: "content/behaviours", title: "Behaviours", weight: 10 * (k + 1)})
		}
		weight := 10 * (k + 1)
		if strings.HasPrefix(spec.dir, "behaviours/") {
			weight = 10 * (k - kSales + 1)
		}
		g.sections = append(g.sections, section{dir: top, title: spec.title, weight: weight})
		num := 0
		add := func(dir string, count int) {
			for i := range count {
				num++
				id := spec.prefix + "-" + pad4(num)
				g.byKind[k] = append(g.byKind[k], len(g.pages))
				g.pages = append(g.pages, page{
					kind: k, num: num, id: id, dir: dir, file: dir + "/" + id + ".md",
					title: g.pageTitle(k, num), weight: 10 * (i + 1),
				})
			}
		}
		if !spec.split {
			add(top, counts[k])
			continue
		}
		for i, size := range g.split(counts[k]) {
			name, title := folderName(spec.folder, spec.second, i)
			dir := top + "/" + name
			g.sections = append(g.sections, section{dir: dir, title: title, weight: 10 * (i + 1)})
			add(dir, size)
		}
	}
}

// split cuts count into sizes of 20 to 60 (a single smaller one when count is small).
func (g *generator) split(count int) []int {
	var sizes []int
	for count > 0 {
		s := count
		if count > 60 {
			s = 20 + g.r.IntN(41)
			if count-s < 20 {
				s = count - 20
			}
		}
		sizes = append(sizes, s)
		count -= s
	}
	return sizes
}

// folderName returns the name and title of the i-th sub-folder: first the names of first,
// then combinations with second, then numbered rounds of those.
func folderName(first, second []string, i int) (name, title string) {
	nf := len(first)
	if i < nf {
		return first[i], wordTitle(first[i])
	}
	j := i - nf
	a, b := first[j%nf], second[(j/nf)%len(second)]
	name, title = a+"-"+b, wordTitle(a)+": "+wordTitle(b)
	if round := j / (nf * len(second)); round > 0 {
		name += "-" + strconv.Itoa(round+1)
		title += " " + strconv.Itoa(round+1)
	}
	return name, title
}

// wordTitle turns a folder word into a title.
func wordTitle(w string) string {
	switch w {
	case "emea", "apac", "uk", "dach", "fx":
		return strings.ToUpper(w)
	case "crm-hygiene":
		return "CRM hygiene"
	}
	return capitalize(strings.ReplaceAll(w, "-", " "))
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 4 {
		s = "0000"[len(s):] + s
	}
	return s
}

// relate wires the relations, valid by construction: every promise is fulfilled by at least
// one sales and one service behaviour.
func (g *generator) relate() {
	promises := g.byKind[kPromise]
	P := len(promises)
	for _, k := range []int{kSales, kService} {
		bs := g.byKind[k]
		perm := g.r.Perm(P)
		for j := range max(P, len(bs)) {
			b := &g.pages[bs[j%len(bs)]]
			p := promises[perm[j%P]]
			if !slices.Contains(b.rel, p) {
				b.rel = append(b.rel, p)
			}
		}
		for _, bi := range bs {
			b := &g.pages[bi]
			want := min(P, 1+g.r.IntN(3))
			for len(b.rel) < want {
				if p := promises[g.r.IntN(P)]; !slices.Contains(b.rel, p) {
					b.rel = append(b.rel, p)
				}
			}
		}
	}
	positioning := g.byKind[kPositioning]
	for _, pi := range promises {
		g.pages[pi].rel = []int{positioning[g.r.IntN(len(positioning))]}
	}
	behaviours := append(slices.Clone(g.byKind[kSales]), g.byKind[kService]...)
	for _, si := range g.byKind[kStandard] {
		g.pages[si].rel = pick(g, behaviours, 1+g.r.IntN(3))
	}
	for _, k := range []int{kFAQ, kCampaign} {
		for _, i := range g.byKind[k] {
			g.pages[i].rel = pick(g, promises, 1+g.r.IntN(3))
		}
	}
	for _, ci := range g.byKind[kCompetitor] {
		g.pages[ci].rel = pick(g, promises, 2+g.r.IntN(3))
	}
}

// pick returns up to k distinct elements of from (all of them if k >=
// len(from)), in pick order.
func pick[T comparable](g *generator, from []T, k int) []T {
	k = min(k, len(from))
	out := make([]T, 0, k)
	for len(out) < k {
		if x := from[g.r.IntN(len(from))]; !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func (g *generator) writeSite() {
	g.files["site.toml"] = []byte(`title = "Generated playbook"
description = "A synthetic sales-enablement playbook for benchmarks and load tests"

[markdown]
unsafe = false

[highlight]
light = "github"
dark = "github-dark"
`)
}

func (g *generator) writeSections() {
	for _, s := range g.sections {
		sb := &g.sb
		sb.Reset()
		sb.WriteString("+++\ntitle = ")
		sb.WriteString(strconv.Quote(s.title))
		sb.WriteString("\nweight = ")
		sb.WriteString(strconv.Itoa(s.weight))
		sb.WriteString("\n+++\n\n")
		g.paragraph(2 + g.r.IntN(2))
		if g.r.IntN(2) == 0 {
			g.paragraph(2 + g.r.IntN(3))
		}
		g.files[s.dir+"/_index.md"] = []byte(sb.String())
	}
}

func (g *generator) writePage(i int) {
	p := &g.pages[i]
	r := g.r
	sb := &g.sb
	sb.Reset()
	sb.Grow(8 << 10)

	// Front matter.
	sb.WriteString("+++\ntitle = ")
	sb.WriteString(strconv.Quote(p.title))
	sb.WriteString("\ndescription = \"")
	g.plainSentence()
	sb.WriteString("\"\nowner = ")
	sb.WriteString(strconv.Quote(owners[r.IntN(len(owners))]))
	sb.WriteString("\nreviewed = 2026-10-01\nreview_every = \"3650d\"\ntags = [")
	for j, t := range pick(g, tags, 1+r.IntN(4)) {
		if j > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(strconv.Quote(t))
	}
	sb.WriteString("]\nweight = ")
	sb.WriteString(strconv.Itoa(p.weight))
	sb.WriteByte('\n')
	g.typeKeys(p)
	sb.WriteString("+++\n\n")

	// Links: related pages first, then others, 3 to 8 in all.
	nLinks := 3 + r.IntN(6)
	targets := slices.Clone(p.rel)
	if len(targets) > nLinks {
		targets = targets[:nLinks]
	}
	for len(targets) < nLinks && len(g.pages) > 1 {
		t := r.IntN(len(g.pages) - 1)
		if t >= i {
			t++
		}
		targets = append(targets, t)
	}
	links := make([]string, len(targets))
	for j, t := range targets {
		links[j] = g.link(p.dir, t)
	}
	inline := min(2, len(links))

	// Body.
	sb.WriteString("# ")
	sb.WriteString(p.title)
	sb.WriteString("\n\n")
	g.paragraph(3 + r.IntN(3))

	sb.WriteString("## Why it matters {#why}\n\n")
	g.paragraphWith(4+r.IntN(3), links[0])
	g.paragraph(3 + r.IntN(4))
	if r.IntN(2) == 0 {
		g.paragraph(3 + r.IntN(3))
	}
	if r.IntN(5) == 0 {
		g.alertBlock()
	}

	sb.WriteString("## What to do {#do}\n\n")
	g.paragraph(2 + r.IntN(3))
	g.bullets(3 + r.IntN(4))
	if inline > 1 {
		g.paragraphWith(3+r.IntN(3), links[1])
	} else {
		g.paragraph(3 + r.IntN(3))
	}

	extra := pick(g, headings, 2+r.IntN(2))
	table := r.IntN(3) == 0
	code := r.IntN(3) == 0
	for j, h := range extra {
		sb.WriteString("## ")
		sb.WriteString(h)
		sb.WriteString("\n\n")
		g.paragraph(3 + r.IntN(4))
		if j == 0 && table {
			g.table()
		}
		if j == 1 && code {
			g.codeBlock()
		}
		if r.IntN(2) == 0 {
			g.paragraph(2 + r.IntN(4))
		}
	}

	if len(links) > inline {
		sb.WriteString("## Related\n\n")
		for _, l := range links[inline:] {
			sb.WriteString("- ")
			sb.WriteString(l)
			if r.IntN(2) == 0 {
				sb.WriteString(": ")
				g.clause()
			}
			sb.WriteByte('\n')
		}
		sb.WriteByte('\n')
	}
	g.files[p.file] = []byte(sb.String())
}

// typeKeys writes the front matter keys of the page's type.
func (g *generator) typeKeys(p *page) {
	r, sb := g.r, &g.sb
	kv := func(k, v string) {
		sb.WriteString(k)
		sb.WriteString(" = ")
		sb.WriteString(strconv.Quote(v))
		sb.WriteByte('\n')
	}
	list := func(k string, vs []string) {
		sb.WriteString(k)
		sb.WriteString(" = [")
		for j, v := range vs {
			if j > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(strconv.Quote(v))
		}
		sb.WriteString("]\n")
	}
	ids := func(k string, rel []int) {
		vs := make([]string, len(rel))
		for j, x := range rel {
			vs[j] = g.pages[x].id
		}
		list(k, vs)
	}
	w := func(ws []string) string { return ws[r.IntN(len(ws))] }
	switch p.kind {
	case kPositioning:
		seg := w(segments)
		kv("position", "The "+w(adjectives)+" "+w(nouns)+" for "+seg+" teams")
		kv("value_proposition", capitalize(w(verbs))+" every "+w(nouns)+" without the "+w(adjectives)+" "+w(nouns))
		kv("segment", seg)
	case kPromise:
		kv("promise", "We "+w(verbs)+" your "+w(nouns)+" within "+strconv.Itoa(1+r.IntN(10))+" "+w(units))
		kv("expectation", "The customer expects the "+w(nouns)+" to be "+w(adjectives)+" within "+strconv.Itoa(1+r.IntN(10))+" "+w(units))
		list("channels", pick(g, channels, 1+r.IntN(3)))
		ids("positioning", p.rel)
	case kSales, kService:
		if p.kind == kSales {
			kv("stage", "sales")
		} else {
			kv("stage", "service")
		}
		ids("fulfils", p.rel)
		list("roles", pick(g, roles, 1+r.IntN(3)))
	case kStandard:
		list("roles", pick(g, roles, 1+r.IntN(3)))
		ids("applies_to", p.rel)
	case kFAQ:
		kv("question", "How do we "+w(verbs)+" the "+w(nouns)+" when the "+w(nouns)+" is "+w(adjectives)+"?")
		ids("promises", p.rel)
		kv("audience", w(audiences))
	case kCompetitor:
		kv("competitor", competitorName(p.num))
	case kCampaign:
		m := 1 + r.IntN(9)
		sb.WriteString("starts = 2026-" + pad2(m) + "-01\nends = 2026-" + pad2(m+1+r.IntN(3)) + "-28\n")
		ids("promises", p.rel)
		kv("offer", capitalize(strconv.Itoa(5+5*r.IntN(6)))+" percent off the first "+w(nouns)+" for "+w(segments)+" customers")
	case kPersona:
		kv("role", w(personaRoles))
		list("pains", []string{"too many " + w(nouns) + "s", w(adjectives) + " " + w(nouns), "slow " + w(nouns)})
		list("criteria", []string{w(adjectives) + " " + w(nouns), "one " + w(nouns), "clear " + w(nouns)})
	}
	if p.kind == kCompetitor {
		for _, x := range p.rel {
			sb.WriteString("\n[[gaps]]\n")
			kv("area", w(nouns))
			kv("theirs", w(adjectives)+" "+w(nouns)+" at extra cost")
			kv("ours", w(adjectives)+" "+w(nouns)+" included")
			kv("promise", g.pages[x].id)
		}
		// A talk track, so that the battlecard is complete; written
		// without drawing on r, so the pages after it are as they were.
		name := competitorName(p.num)
		sb.WriteString("\n[[objections]]\n")
		kv("objection", name+" is cheaper.")
		kv("response", "Compare what each quote includes with what "+name+" leaves out.")
	}
}

// competitorName returns the name of the num-th competitor (1-based).
func competitorName(num int) string {
	name := competitors[(num-1)%len(competitors)]
	if round := (num - 1) / len(competitors); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return name
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// link returns a Markdown link from a page in fromDir to page t, sometimes with an anchor.
func (g *generator) link(fromDir string, t int) string {
	tp := &g.pages[t]
	rel := relPath(fromDir, tp.file)
	switch g.r.IntN(6) {
	case 0, 1:
		rel += "#why"
	case 2:
		rel += "#do"
	}
	return "[" + tp.title + "](" + rel + ")"
}

// relPath returns the slash-separated path of file relative to the folder fromDir.
func relPath(fromDir, file string) string {
	from := strings.Split(fromDir, "/")
	to := strings.Split(path.Dir(file), "/")
	c := 0
	for c < len(from) && c < len(to) && from[c] == to[c] {
		c++
	}
	var b strings.Builder
	for range len(from) - c {
		b.WriteString("../")
	}
	for _, d := range to[c:] {
		b.WriteString(d)
		b.WriteByte('/')
	}
	b.WriteString(path.Base(file))
	return b.String()
}

// pageTitle returns a realistic title for a page of kind k.
func (g *generator) pageTitle(k, num int) string {
	w := func(ws []string) string { return ws[g.r.IntN(len(ws))] }
	switch k {
	case kPositioning:
		return capitalize(w(adjectives)) + " " + w(nouns) + "s for " + w(segments)
	case kPromise:
		return capitalize(w(adjectives)) + " " + w(nouns) + " " + w(preps) + " " + w(nouns)
	case kSales, kService:
		return capitalize(w(verbs)) + " the " + w(nouns) + " " + w(preps) + " " + w(adjectives) + " " + w(nouns) + "s"
	case kStandard:
		return capitalize(w(nouns)) + " standard: " + w(adjectives) + " " + w(nouns) + "s"
	case kFAQ:
		return "Can we " + w(verbs) + " the " + w(nouns) + " " + w(preps) + " the " + w(nouns) + "?"
	case kCompetitor:
		return "Against " + competitorName(num) + ": " + w(adjectives) + " " + w(nouns)
	case kCampaign:
		return capitalize(w(seasons)) + " " + w(nouns) + " campaign"
	case kPersona:
		return w(personaRoles) + " in " + w(segments)
	default:
		return "How to " + w(verbs) + " " + w(adjectives) + " " + w(nouns) + "s"
	}
}

// Prose.

func (g *generator) word(ws []string) {
	g.sb.WriteString(ws[g.r.IntN(len(ws))])
}

// withArticle writes a word of ws after "a" or "an".
func (g *generator) withArticle(ws []string) {
	w := ws[g.r.IntN(len(ws))]
	g.sb.WriteString(article(w))
	g.sb.WriteString(w)
}

// article returns "a " or "an " for the word w.
func article(w string) string {
	if strings.IndexByte("aeiou", w[0]) >= 0 || w == "honest" {
		return "an "
	}
	return "a "
}

func (g *generator) capWord(ws []string) {
	w := ws[g.r.IntN(len(ws))]
	g.sb.WriteByte(upper(w[0]))
	g.sb.WriteString(w[1:])
}

// clause writes a sentence fragment without capital or full stop.
func (g *generator) clause() {
	sb := &g.sb
	sb.WriteString("the ")
	g.word(adjectives)
	sb.WriteByte(' ')
	g.word(nouns)
	sb.WriteByte(' ')
	g.word(verbs3)
	sb.WriteString(" the ")
	g.word(nouns)
	sb.WriteByte(' ')
	g.word(adverbs)
}

// sentence writes one English-like sentence, sometimes with bold or code spans.
func (g *generator) sentence() { g.sentenceOf(9) }

// plainSentence writes one English-like sentence with no Markdown in it.
func (g *generator) plainSentence() { g.sentenceOf(7) }

// sentenceOf writes one of the first k sentence patterns, without a trailing space.
func (g *generator) sentenceOf(k int) {
	sb := &g.sb
	switch g.r.IntN(k) {
	case 0:
		sb.WriteString("The ")
		g.word(adjectives)
		sb.WriteByte(' ')
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(verbs3)
		sb.WriteString(" the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(preps)
		sb.WriteString(" every ")
		g.word(adjectives)
		sb.WriteByte(' ')
		g.word(nouns)
		sb.WriteByte('.')
	case 1:
		g.capWord(teams)
		sb.WriteString(" should ")
		g.word(verbs)
		sb.WriteString(" each ")
		g.word(nouns)
		sb.WriteString(" before the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(verbs3)
		sb.WriteByte('.')
	case 2:
		sb.WriteString("When ")
		g.withArticle(roles)
		sb.WriteString(" asks about the ")
		g.word(nouns)
		sb.WriteString(", ")
		g.word(verbs)
		sb.WriteString(" the ")
		g.word(adjectives)
		sb.WriteByte(' ')
		g.word(nouns)
		sb.WriteString(" and ")
		g.word(verbs)
		sb.WriteString(" the ")
		g.word(nouns)
		sb.WriteString(" ")
		g.word(adverbs)
		sb.WriteByte('.')
	case 3:
		sb.WriteString("This keeps the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(adjectives)
		sb.WriteString(" and the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(adjectives)
		sb.WriteByte('.')
	case 4:
		sb.WriteString("If the ")
		g.word(nouns)
		sb.WriteString(" is ")
		g.word(adjectives)
		sb.WriteString(", ")
		g.word(verbs)
		sb.WriteString(" the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(adverbs)
		sb.WriteString(" and tell the ")
		g.word(roles)
		sb.WriteByte('.')
	case 5:
		sb.WriteString("Most ")
		g.word(nouns)
		sb.WriteString("s ")
		g.word(verbs)
		sb.WriteByte(' ')
		g.word(adverbs)
		sb.WriteString(" once the ")
		g.word(nouns)
		sb.WriteString(" is ")
		g.word(adjectives)
		sb.WriteByte('.')
	case 6:
		sb.WriteString("Customers in ")
		g.word(segments)
		sb.WriteString(" care less about the ")
		g.word(nouns)
		sb.WriteString(" than about ")
		g.withArticle(adjectives)
		sb.WriteByte(' ')
		g.word(nouns)
		sb.WriteString(", so ")
		g.word(verbs)
		sb.WriteString(" it first.")
	case 7:
		adj := adjectives[g.r.IntN(len(adjectives))]
		sb.WriteString(capitalize(article(adj)))
		sb.WriteString(adj)
		sb.WriteByte(' ')
		g.word(nouns)
		adj = adjectives[g.r.IntN(len(adjectives))]
		sb.WriteString(" is worth more than ")
		sb.WriteString(article(adj))
		sb.WriteString("**")
		sb.WriteString(adj)
		sb.WriteString("** one, because the ")
		g.word(nouns)
		sb.WriteByte(' ')
		g.word(verbs3)
		sb.WriteString(" it ")
		g.word(adverbs)
		sb.WriteByte('.')
	default:
		sb.WriteString("Record the ")
		g.word(nouns)
		sb.WriteString(" in `")
		g.word(fields)
		sb.WriteString("` so the ")
		g.word(teams)
		sb.WriteString(" can ")
		g.word(verbs)
		sb.WriteString(" it ")
		g.word(preps)
		sb.WriteString(" the ")
		g.word(nouns)
		sb.WriteByte('.')
	}
}

// paragraph writes k sentences and a blank line.
func (g *generator) paragraph(k int) {
	for j := range k {
		if j > 0 {
			g.sb.WriteByte(' ')
		}
		g.sentence()
	}
	g.sb.WriteString("\n\n")
}

// paragraphWith writes a paragraph of k sentences that includes link.
func (g *generator) paragraphWith(k int, link string) {
	at := g.r.IntN(k + 1)
	for j := range k + 1 {
		if j > 0 {
			g.sb.WriteByte(' ')
		}
		if j == at {
			g.sb.WriteString(linkLead[g.r.IntN(len(linkLead))])
			g.sb.WriteString(link)
			g.sb.WriteByte('.')
			continue
		}
		g.sentence()
	}
	g.sb.WriteString("\n\n")
}

func (g *generator) bullets(k int) {
	for range k {
		g.sb.WriteString("- ")
		g.capWord(verbs)
		g.sb.WriteString(" the ")
		g.word(nouns)
		g.sb.WriteByte(' ')
		g.word(preps)
		g.sb.WriteString(" the ")
		g.word(adjectives)
		g.sb.WriteByte(' ')
		g.word(nouns)
		g.sb.WriteString(".\n")
	}
	g.sb.WriteByte('\n')
}

func (g *generator) table() {
	sb := &g.sb
	sb.WriteString("| Situation | Response | Owner |\n|---|---|---|\n")
	for range 3 + g.r.IntN(3) {
		sb.WriteString("| ")
		g.capWord(adjectives)
		sb.WriteByte(' ')
		g.word(nouns)
		sb.WriteString(" | ")
		g.capWord(verbs)
		sb.WriteString(" the ")
		g.word(nouns)
		sb.WriteString(" | ")
		g.word(teams)
		sb.WriteString(" |\n")
	}
	sb.WriteByte('\n')
}

var alertKinds = []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}

func (g *generator) alertBlock() {
	sb := &g.sb
	sb.WriteString("> [!")
	sb.WriteString(alertKinds[g.alert%len(alertKinds)])
	g.alert++
	sb.WriteString("]\n> ")
	g.sentence()
	sb.WriteByte(' ')
	g.sentence()
	sb.WriteString("\n\n")
}

var codeLangs = []string{"go", "yaml", "json", "sql", "python", "text"}

func (g *generator) codeBlock() {
	sb := &g.sb
	lang := codeLangs[g.code%len(codeLangs)]
	g.code++
	w := func(ws []string) string { return ws[g.r.IntN(len(ws))] }
	sb.WriteString("```")
	sb.WriteString(lang)
	sb.WriteByte('\n')
	n1, n2, f := w(nouns), w(nouns), w(fields)
	switch lang {
	case "go":
		fn, field := w(idVerbs)+capitalize(n1), goName(f)
		sb.WriteString("// " + fn + " " + w(verbs3) + " the " + n1 + " for " + article(n2) + n2 + ".\n")
		sb.WriteString("func " + fn + "(c *Customer) (*" + capitalize(n2) + ", error) {\n")
		sb.WriteString("\tif c." + field + " == \"\" {\n\t\treturn nil, errors.New(\"no " + strings.ReplaceAll(f, "_", " ") + "\")\n\t}\n")
		sb.WriteString("\treturn &" + capitalize(n2) + "{Owner: c.Owner, Days: " + strconv.Itoa(1+g.r.IntN(30)) + "}, nil\n}\n")
	case "yaml":
		sb.WriteString(n1 + ":\n  owner: " + w(teams) + "\n  stage: " + w([]string{"sales", "service"}) + "\n  checks:\n")
		for range 2 + g.r.IntN(3) {
			sb.WriteString("    - " + w(verbs) + " " + w(nouns) + "\n")
		}
	case "json":
		sb.WriteString("{\n  \"" + f + "\": \"" + n1 + "\",\n  \"region\": \"" + w(regions) + "\",\n  \"days\": " + strconv.Itoa(1+g.r.IntN(30)) + ",\n  \"approved\": " + w([]string{"true", "false"}) + "\n}\n")
	case "sql":
		sb.WriteString("SELECT account_id, " + f + ", COUNT(*) AS " + n2 + "s\nFROM " + n1 + "s\nWHERE region = '" + w(regions) + "'\nGROUP BY account_id, " + f + "\nORDER BY " + n2 + "s DESC;\n")
	case "python":
		sb.WriteString("def " + w(idVerbs) + "_" + n1 + "(account):\n    \"\"\"" + capitalize(w(verbs)) + " the " + n1 + " before the " + n2 + ".\"\"\"\n")
		sb.WriteString("    if not account." + f + ":\n        return None\n    return account." + f + " * " + strconv.Itoa(2+g.r.IntN(9)) + "\n")
	default:
		for range 2 + g.r.IntN(3) {
			sb.WriteString("Customer: ")
			g.sentence()
			sb.WriteString("\nRep: ")
			g.sentence()
			sb.WriteByte('\n')
		}
	}
	sb.WriteString("```\n\n")
}

// goName turns a snake_case field into a Go field name: account_id -> AccountID.
func goName(f string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(f, "_") {
		if part == "id" {
			b.WriteString("ID")
			continue
		}
		b.WriteString(capitalize(part))
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(upper(s[0])) + s[1:]
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// Word lists. Plain ASCII words with no Markdown or TOML special characters.
var (
	nouns = []string{"account", "quote", "invoice", "renewal", "contract", "discount", "proposal", "handover",
		"ticket", "escalation", "forecast", "pipeline", "demo", "trial", "price", "plan", "refund", "callback",
		"promise", "answer", "deadline", "order", "delivery", "upgrade", "migration", "report", "review",
		"budget", "approval", "meeting", "case", "customer", "channel", "offer", "benefit", "objection",
		"margin", "commitment", "signal", "outcome", "workflow", "checklist", "playbook", "script", "template"}
	verbs = []string{"confirm", "document", "quote", "explain", "check", "escalate", "review", "agree",
		"schedule", "share", "track", "follow up on", "summarise", "qualify", "price", "simplify", "test",
		"measure", "approve", "resolve", "prepare", "update", "close", "own", "clarify", "protect", "respect",
		"deliver", "plan", "compare"}
	verbs3 = []string{"confirms", "documents", "explains", "checks", "changes", "reviews", "shapes", "sets",
		"tracks", "drives", "supports", "protects", "delays", "replaces", "frames", "anchors", "improves",
		"limits", "covers", "reflects", "follows", "informs", "closes", "opens", "shortens"}
	adjectives = []string{"clear", "simple", "single", "written", "agreed", "fair", "honest", "fast",
		"reliable", "late", "open", "early", "shared", "visible", "complete", "specific", "realistic",
		"signed", "current", "standard", "custom", "annual", "monthly", "named", "local", "regional",
		"priority", "first", "final", "small"}
	adverbs = []string{"quickly", "in writing", "on the first call", "before the renewal", "every quarter",
		"without delay", "in plain words", "within a day", "early", "carefully", "together", "on time",
		"up front", "at the kickoff", "in the CRM"}
	preps = []string{"for", "with", "after", "before", "across", "during", "without", "under", "against", "within"}
	teams = []string{"account team", "sales team", "service desk", "success team", "pricing desk",
		"onboarding team", "billing team", "deal desk", "support lead", "regional manager"}
	roles = []string{"account executive", "sales engineer", "customer success manager", "support agent",
		"team lead", "solutions consultant", "partner manager", "onboarding specialist", "billing specialist",
		"renewals manager"}
	owners = []string{"Sales Enablement", "Customer Success", "Product Marketing", "Service Operations",
		"Revenue Operations", "Pricing Desk", "Support Leadership", "Legal", "Dana Whitfield", "Omar Haddad",
		"Priya Raman", "Lena Vogel", "Marco Bianchi", "Akiko Sato"}
	tags = []string{"pricing", "onboarding", "renewals", "billing", "security", "contracts", "discovery",
		"demos", "negotiation", "handover", "escalation", "support", "sla", "discounts", "enterprise",
		"smb", "public-sector", "partners", "trials", "migration", "compliance", "reporting", "upsell",
		"churn", "objections", "messaging", "forecasting", "quality", "training", "tooling"}
	segments     = []string{"small business", "mid-market", "enterprise", "public sector", "startups", "non-profit"}
	units        = []string{"hours", "days", "business days"}
	channels     = []string{"web", "email", "events", "paid social", "sales deck", "proposal", "pricing page", "webinar", "partner portal"}
	audiences    = []string{"customers", "prospects", "partners", "internal"}
	idVerbs      = []string{"confirm", "check", "review", "schedule", "track", "qualify", "price", "approve", "resolve", "prepare", "update", "close"}
	seasons      = []string{"spring", "summer", "autumn", "winter", "year-end", "launch", "renewal", "back-to-school"}
	fields       = []string{"account_id", "owner", "region", "plan", "renewal_date", "discount", "stage", "sla_hours", "contact", "tier"}
	headings     = []string{"In practice", "Common pitfalls", "Talk track", "Escalation", "Measuring it", "Edge cases", "Checklist", "Background", "Handover", "Examples", "Exceptions", "Who is involved"}
	linkLead     = []string{"See ", "This builds on ", "Compare with ", "For the details, read ", "It pairs with "}
	personaRoles = []string{"Head of Finance", "IT Director", "Operations Manager", "Procurement Lead",
		"Chief Revenue Officer", "Office Manager", "Head of Customer Service", "Founder"}
	competitors = []string{"Northwind", "Contoso", "Fabrikam", "Globex", "Initech", "Umbrella", "Hooli",
		"Vandelay", "Stark Systems", "Wayne Group", "Tyrell", "Cyberdyne", "Soylent", "Wonka", "Acme Rival",
		"Massive Dynamic", "Oscorp", "Virtucon", "Gringotts", "Monarch"}
)

// Bodies returns the names of the Markdown pages under content/ among
// files, sorted, and the Markdown of each with its front matter taken
// off: what benchmarks of parsing feed a parser.
func Bodies(files map[string][]byte) (names []string, bodies [][]byte) {
	for name := range files {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		src := files[name]
		for _, fence := range []string{"+++\n", "---\n"} {
			if rest, ok := bytes.CutPrefix(src, []byte(fence)); ok {
				if _, body, ok := bytes.Cut(rest, []byte("\n"+fence)); ok {
					src = body
				}
			}
		}
		bodies = append(bodies, src)
	}
	return names, bodies
}
