package versions

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"playbook/internal/render"
	"playbook/internal/site"
)

// Compare returns what changed from version prev to v, pages matched by
// id: added, removed, moved (another file) and changed, grouped by type.
// For promises and behaviours it shows the changed wording word by word,
// and a promise's chain status as badges; a summary comes first (see
// summarize). prev is nil for the first version. w are the words of v's
// language, which dates, badges and counts are written in.
func Compare(prev, v *Version, w *render.Words) *render.WhatChanged {
	c := &render.WhatChanged{}
	if prev == nil {
		return c
	}
	c.Against, c.Before = prev.Label, prev.Name
	groups := map[string]*render.ChangeGroup{}
	group := func(p *site.Page) *render.ChangeGroup {
		key := p.Type
		if p.IsSection {
			key = "section"
		}
		g := groups[key]
		if g == nil {
			title := site.TypeTitles[key]
			if key == "section" {
				title = "Sections"
			}
			g = &render.ChangeGroup{Title: title, Type: key}
			groups[key] = g
		}
		return g
	}
	for _, p := range v.Site.Pages {
		old := samePage(prev, v, p)
		if old == nil {
			g := group(p)
			g.Added = append(g.Added, render.ChangedPage{Title: p.Title, URL: p.URL})
			continue
		}
		cp := render.ChangedPage{Title: p.Title, URL: p.URL}
		was, now := fields(old, p), fields(p, old)
		// What the front line says and does is read word by word: a
		// promise, a behaviour, a standard, an FAQ's answer.
		wording := p.Type == site.TypePromise || p.Type == site.TypeBehaviour || p.Type == site.TypeStandard || p.Type == site.TypeFAQ
		// A battlecard is read as lists: what changed in them is shown
		// item by item.
		itemised := wording || p.Type == site.TypeCompetitor
		for _, f := range fieldNames(was, now) {
			switch {
			case ids(was[f]) == ids(now[f]), sameText(was[f], now[f]):
			case f == "Chain":
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: statusDiff(w, old.Chain.Status, p.Chain.Status)})
			case dateFields[f]:
				// A date is the fact itself: a campaign moved in the
				// calendar shows the old date and the new.
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: dateDiff(w, was[f], now[f])})
			case wording && f == "Text":
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: textDiff(was[f], now[f])})
			case itemised && sentenceFields[f]:
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: itemsDiff(w, was[f], now[f])})
			case itemised && listFields[f]:
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: listDiff(was[f], now[f])})
			case wording:
				cp.Diffs = append(cp.Diffs, render.FieldDiff{Field: f, HTML: wordDiff(was[f], now[f])})
			default:
				cp.Fields = append(cp.Fields, f)
			}
		}
		switch {
		case old.File != p.File:
			cp.OldURL = old.URL
			g := group(p)
			g.Moved = append(g.Moved, cp)
		case len(cp.Diffs) > 0 || len(cp.Fields) > 0:
			g := group(p)
			g.Modified = append(g.Modified, cp)
		}
	}
	for _, p := range prev.Site.Pages {
		if samePage(v, prev, p) == nil {
			g := group(p)
			g.Removed = append(g.Removed, render.ChangedPage{Title: p.Title, URL: p.URL})
		}
	}
	for _, key := range append(slices.Clone(site.Types), "section") {
		if g := groups[key]; g != nil {
			c.Groups = append(c.Groups, *g)
		}
	}
	c.Summary = summarize(prev, v)
	return c
}

// samePage returns the page of version in that is p, a page of version
// from: the page with the same id and type (an id given to another kind
// of page, say a guide taking a retired behaviour's id, is another page);
// else, for a page whose id changed, the page of the same type at the same
// file, or at the old path (alias) p names, or naming p's path as its old
// one; in each case unless from has a page of that one's id.
func samePage(in, from *Version, p *site.Page) *site.Page {
	s := in.Site
	same := func(a, b *site.Page) bool { return a != nil && b != nil && site.PageKey(a) == site.PageKey(b) }
	if q := s.ByID(p.ID); q != nil && same(p, q) {
		return q
	}
	other := func(q *site.Page) bool { return q != nil && q.Type == p.Type && !same(from.Site.ByID(q.ID), q) }
	if q := s.ByFile(p.File); q != nil && site.FileKey(q) == site.FileKey(p) && other(q) {
		return q
	}
	for _, u := range p.OldURLs() {
		if q, _ := in.byPath(u); other(q) {
			return q
		}
	}
	if _, q := in.byPath(p.URL); other(q) {
		return q
	}
	return nil
}

// fields returns what a reader sees of page p, field by field, for
// comparing it with other, the same page in another version.
func fields(p, other *site.Page) map[string]string {
	titles := func(ps []*site.Page) string {
		var ts []string
		for _, q := range ps {
			// Pages are told apart by id: a page renamed is not a
			// change to the lists it is in.
			ts = append(ts, q.ID+titleSep+q.Title)
		}
		return list(ts)
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	f := map[string]string{
		"Title":       p.Title,
		"Description": p.Description,
		"Owner":       p.Owner,
		"Tags":        list(p.Tags),
		"Text":        "",
	}
	if p.Doc != nil && (other.Doc == nil || p.Doc.Sum() != other.Doc.Sum()) {
		// The text as a reader reads it, without Markdown or where links
		// lead (pages moved are not a change to the pages linking to
		// them), kept by the load (site.Options.Text); compared only where
		// the source differs, as most pages of a version are as they were.
		f["Text"] = p.Doc.Text()
	}
	switch p.Type {
	case site.TypePositioning:
		f["Position"], f["Value proposition"], f["Segment"] = p.Position, p.ValueProposition, p.Segment
	case site.TypePromise:
		f["Promise"], f["Expectation"] = p.Statement, p.Expectation
		// A promise that lost the last behaviour keeping it is the change
		// that matters most.
		f["Chain"] = p.Chain.Status.String()
		f["Channels"], f["Positioning"] = list(p.Channels), titles(p.PositioningPages)
		// Who keeps the promise is the chain itself: a behaviour dropped
		// from it is a change to the promise.
		f["Sales behaviours"], f["Service behaviours"] = titles(p.Backlinks.Sales), titles(p.Backlinks.Service)
	case site.TypeBehaviour:
		f["Stage"], f["Fulfils"], f["Roles"] = p.Stage, titles(p.Fulfils), list(p.Roles)
		f["Channels"] = list(p.Channels)
	case site.TypeStandard:
		f["Roles"], f["Applies to"] = list(p.Roles), titles(p.AppliesTo)
	case site.TypeFAQ:
		f["Question"], f["Audience"], f["Promises"] = p.Question, p.Audience, titles(p.Promises)
		f["Competitors"] = titles(p.Competitors)
	case site.TypeCompetitor:
		var gaps, objections []string
		for _, g := range p.Gaps {
			gap := fmt.Sprintf("%s: %s / %s", g.Area, g.Theirs, g.Ours)
			if q := g.Promise; q != nil {
				// Compared by the promise's id, shown with its title.
				gap = gap + " (" + q.ID + ")" + titleSep + gap + " (" + q.Title + ")"
			}
			gaps = append(gaps, gap)
		}
		for _, o := range p.Objections {
			objections = append(objections, fmt.Sprintf("“%s” %s", o.Objection, o.Response))
		}
		f["Competitor"], f["Gaps"] = p.CompetitorName, list(gaps)
		f["Why we win"], f["Landmines"], f["Objections"] = list(p.WhyWeWin), list(p.Landmines), list(objections)
	case site.TypeCampaign:
		f["Starts"], f["Ends"], f["Offer"], f["Promises"] = date(p.Starts), date(p.Ends), p.Offer, titles(p.Promises)
		f["Briefing"], f["Roles"] = p.Briefing, list(p.Roles)
		if b := p.BriefingPage; b != nil {
			f["Briefing"] = b.Title
		}
	case site.TypePersona:
		f["Role"], f["Pains"], f["Criteria"] = p.Role, list(p.Pains), list(p.Criteria)
	}
	return f
}

// listSep separates the items of a list field (titles, tags), which may
// themselves hold commas.
const listSep = "\x1f"

// listFields are the fields holding lists.
var listFields = map[string]bool{
	"Tags": true, "Channels": true, "Positioning": true, "Sales behaviours": true, "Service behaviours": true,
	"Fulfils": true, "Roles": true, "Applies to": true, "Promises": true, "Pains": true, "Criteria": true,
	"Gaps": true, "Why we win": true, "Landmines": true, "Objections": true, "Competitors": true,
}

// dateFields are the fields holding a date, as time.DateOnly.
var dateFields = map[string]bool{"Starts": true, "Ends": true}

// dateDiff shows a date changed: the old one in <del>, the new in <ins>,
// as pages show dates.
func dateDiff(w *render.Words, a, b string) template.HTML {
	show := func(d string) string {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			return w.Date(t)
		}
		return d
	}
	var parts []string
	if a != "" {
		parts = append(parts, "<del>"+template.HTMLEscapeString(show(a))+"</del>")
	}
	if b != "" {
		parts = append(parts, "<ins>"+template.HTMLEscapeString(show(b))+"</ins>")
	}
	return template.HTML(strings.Join(parts, " "))
}

func list(items []string) string { return strings.Join(items, listSep) }

// titleSep separates the id of a page in a list from its title.
const titleSep = "\x1e"

// ids returns a field with the titles of the pages in it left out.
func ids(v string) string {
	if !strings.Contains(v, titleSep) {
		return v
	}
	items := strings.Split(v, listSep)
	for i, it := range items {
		items[i], _, _ = strings.Cut(it, titleSep)
	}
	return list(items)
}

// title returns how an item of a list reads: a page's title, or the item.
func title(item string) string {
	if _, t, ok := strings.Cut(item, titleSep); ok {
		return t
	}
	return item
}

// listDiff shows the change of a list field item by item: removed items
// in <del>, added ones in <ins>, in the order of the new list.
func listDiff(a, b string) template.HTML {
	// Items are compared by id and shown by title, the new one where the
	// page is still there.
	shown := map[string]string{}
	for _, it := range strings.Split(a+listSep+b, listSep) {
		shown[ids(it)] = title(it)
	}
	var parts []string
	for _, o := range diff(strings.Split(ids(a), listSep), strings.Split(ids(b), listSep)) {
		for _, item := range o.x {
			if item == "" {
				continue
			}
			t := template.HTMLEscapeString(shown[item])
			switch o.kind {
			case '-':
				parts = append(parts, "<del>"+t+"</del>")
			case '+':
				parts = append(parts, "<ins>"+t+"</ins>")
			default:
				parts = append(parts, t)
			}
		}
	}
	return template.HTML(strings.Join(parts, ", "))
}

// sentenceFields are the list fields whose items are sentences, a
// battlecard's: a change to one is shown as a list of the items that
// changed, each reworded word by word, the rest counted, so that a gap
// added to a battlecard is not lost in a paragraph of the ones that
// were there.
var sentenceFields = map[string]bool{"Why we win": true, "Gaps": true, "Landmines": true, "Objections": true}

// itemsDiff shows the change of a list of sentences: the items removed,
// added and reworded (an item deleted and one inserted in its place),
// one to a line, in the order of the new list, then how many were kept.
func itemsDiff(w *render.Words, a, b string) template.HTML {
	shown := map[string]string{}
	for _, it := range strings.Split(a+listSep+b, listSep) {
		shown[ids(it)] = title(it)
	}
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(ids(s), listSep)
	}
	var out strings.Builder
	out.WriteString(`<ul class="diff-items">`)
	kept := 0
	ops := diff(split(a), split(b))
	for k := 0; k < len(ops); k++ {
		if ops[k].kind == '=' {
			kept += len(ops[k].x)
			continue
		}
		del, ins, last := changedRun(ops, k)
		k = last
		for i := 0; i < max(len(del), len(ins)); i++ {
			out.WriteString("<li>")
			switch {
			case i < len(del) && i < len(ins):
				writeWordDiff(&out, shown[del[i]], shown[ins[i]])
			case i < len(del):
				out.WriteString("<del>" + template.HTMLEscapeString(shown[del[i]]) + "</del>")
			default:
				out.WriteString("<ins>" + template.HTMLEscapeString(shown[ins[i]]) + "</ins>")
			}
			out.WriteString("</li>")
		}
	}
	if kept > 0 {
		out.WriteString(`<li class="diff-gap">` + template.HTMLEscapeString(w.Text("changes_unchanged", kept)) + `</li>`)
	}
	out.WriteString("</ul>")
	return template.HTML(out.String())
}

// fieldOrder is the order fields are shown in.
var fieldOrder = []string{
	"Title", "Chain", "Promise", "Expectation", "Sales behaviours", "Service behaviours", "Stage", "Fulfils", "Position", "Value proposition", "Question",
	"Competitor", "Why we win", "Gaps", "Landmines", "Objections", "Offer", "Starts", "Ends", "Briefing", "Role", "Pains", "Criteria", "Roles", "Applies to",
	"Promises", "Competitors", "Channels", "Positioning", "Segment", "Audience", "Description", "Owner", "Tags", "Text",
}

func fieldNames(a, b map[string]string) []string {
	var names []string
	for _, f := range fieldOrder {
		if _, ok := a[f]; ok {
			names = append(names, f)
		} else if _, ok := b[f]; ok {
			names = append(names, f)
		}
	}
	return names
}

// maxDiffCells bounds the work of one diff: past it, the part between
// the common beginning and end is shown deleted and inserted whole. The
// diff's time grows with the product of the lengths of that part when
// the texts have little in common (about 0.2 s for two unrelated texts of
// 2,000 words), and pages come from authors, so it needs a bound that
// does not depend on how fast the machine is.
const maxDiffCells = 16_000_000

// An op is a run of a diff: kept, deleted or inserted elements.
type op struct {
	kind byte // '=', '-' or '+'
	x    []string
}

// diff returns the runs turning x into y, by Myers' algorithm as
// diff-match-patch implements it, on runes that stand for the elements.
func diff(x, y []string) []op {
	var ops []op
	add := func(kind byte, x []string) {
		if len(x) > 0 {
			ops = append(ops, op{kind, x})
		}
	}
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	add('=', x[:p])
	mx, my := x[p:len(x)-s], y[p:len(y)-s]
	// Nothing to match up, or too much: a page's text of thousands of
	// words against none needs no runes.
	var rx, ry []rune
	ok := len(mx) > 0 && len(my) > 0 && len(mx)*len(my) <= maxDiffCells
	if ok {
		rx, ry, ok = toRunes(mx, my)
	}
	if !ok {
		add('-', mx)
		add('+', my)
		add('=', x[len(x)-s:])
		return ops
	}
	// No timeout: a diff cut short by the clock would make the same
	// versions read differently from one build to the next.
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	i, j := 0, 0
	for _, d := range dmp.DiffMainRunes(rx, ry, false) {
		k := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			add('=', mx[i:i+k])
			i, j = i+k, j+k
		case diffmatchpatch.DiffDelete:
			add('-', mx[i:i+k])
			i += k
		case diffmatchpatch.DiffInsert:
			add('+', my[j:j+k])
			j += k
		}
	}
	add('=', x[len(x)-s:])
	return ops
}

// toRunes stands a rune for each distinct element of x and y, numbered
// in order met, skipping the surrogates, which do not survive the
// library's conversions between runes and strings. It reports false if
// there are more distinct elements than runes.
func toRunes(x, y []string) (rx, ry []rune, ok bool) {
	const surrogates, afterSurrogates = 0xD800, 0xE000
	index := map[string]rune{}
	convert := func(s []string) []rune {
		rs := make([]rune, len(s))
		for i, e := range s {
			r, seen := index[e]
			if !seen {
				r = rune(len(index))
				if r >= surrogates {
					r += afterSurrogates - surrogates
				}
				index[e] = r
			}
			rs[i] = r
		}
		return rs
	}
	rx, ry = convert(x), convert(y)
	return rx, ry, len(index) <= utf8.MaxRune+1-(afterSurrogates-surrogates)
}

// wordDiff shows the change from a to b word by word: removed words in
// <del>, added ones in <ins>.
func wordDiff(a, b string) template.HTML {
	var out strings.Builder
	writeWordDiff(&out, a, b)
	return template.HTML(out.String())
}

func writeWordDiff(out *strings.Builder, a, b string) {
	if sameWords(a, b) {
		out.WriteString(template.HTMLEscapeString(b))
		return
	}
	// Spaces are compared as spaces, whatever they are: a line broken
	// elsewhere, or two spaces for one, is no change a reader sees. What
	// is kept is shown as b has it.
	wa, wb := words(a), words(b)
	ops := diff(spaced(wa), spaced(wb))
	i, j := 0, 0
	kept := ops[:0]
	for _, o := range ops {
		n := len(o.x)
		switch o.kind {
		case '=':
			o.x = wb[j : j+n]
			i, j = i+n, j+n
		case '-':
			o.x = wa[i : i+n]
			i += n
		case '+':
			o.x = wb[j : j+n]
			j += n
		}
		if strings.TrimSpace(strings.Join(o.x, "")) == "" {
			if o.kind == '-' {
				continue // spaces gone, at an end
			}
			o.kind = '='
		}
		kept = append(kept, o)
	}
	ops = kept
	// Deleted and inserted words are gathered up to the next kept word, so
	// that a reworded phrase reads as one deletion and one insertion, not
	// as a word salad; kept spaces between changes join them.
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out.WriteString("<del>" + template.HTMLEscapeString(del.String()) + "</del>")
		}
		if ins.Len() > 0 {
			out.WriteString("<ins>" + template.HTMLEscapeString(ins.String()) + "</ins>")
		}
		del.Reset()
		ins.Reset()
	}
	for k, o := range ops {
		text := strings.Join(o.x, "")
		switch {
		case o.kind == '-':
			del.WriteString(text)
		case o.kind == '+':
			ins.WriteString(text)
		case strings.TrimSpace(text) == "" && k > 0 && k < len(ops)-1 && (del.Len() > 0 || ins.Len() > 0):
			del.WriteString(text)
			ins.WriteString(text)
		default:
			flush()
			out.WriteString(template.HTMLEscapeString(text))
		}
	}
	flush()
}

// spaced returns ws with each run of spaces as one space.
func spaced(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if strings.TrimSpace(w) == "" {
			w = " "
		}
		out[i] = w
	}
	return out
}

// sameText reports whether texts a and b differ in the spaces within
// their paragraphs alone: paragraphs joined or split are a change.
func sameText(a, b string) bool {
	return slices.Equal(wordsOnly(paragraphs(a)), wordsOnly(paragraphs(b)))
}

// sameWords reports whether a and b differ in their spaces alone.
func sameWords(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// changedRun gathers the run of changes that starts at ops[k], up to the
// next unchanged part: what it removes and what it adds, and the index of
// its last op.
func changedRun(ops []op, k int) (del, ins []string, last int) {
	for ; k < len(ops) && ops[k].kind != '='; k++ {
		if ops[k].kind == '-' {
			del = append(del, ops[k].x...)
		} else {
			ins = append(ins, ops[k].x...)
		}
	}
	return del, ins, k - 1
}

// textDiff shows the change of a page's text: only the paragraphs that
// changed, word by word, with "…" for the ones between that did not.
func textDiff(a, b string) template.HTML {
	var out strings.Builder
	// Paragraphs are compared by their words, as writeWordDiff compares
	// them: one whose lines were broken anew is kept, as b has it.
	pa, pb := paragraphs(a), paragraphs(b)
	ops := diff(wordsOnly(pa), wordsOnly(pb))
	i, j := 0, 0
	for k := range ops {
		n := len(ops[k].x)
		switch ops[k].kind {
		case '=':
			ops[k].x = pb[j : j+n]
			i, j = i+n, j+n
		case '-':
			ops[k].x = pa[i : i+n]
			i += n
		case '+':
			ops[k].x = pb[j : j+n]
			j += n
		}
	}
	for k := 0; k < len(ops); k++ {
		o := ops[k]
		if o.kind == '=' {
			if k > 0 && k < len(ops)-1 || len(ops) == 1 {
				out.WriteString("<p class=\"diff-gap\">…</p>")
			}
			continue
		}
		del, ins, last := changedRun(ops, k)
		k = last
		out.WriteString("<p>")
		writeWordDiff(&out, strings.Join(del, "\n\n"), strings.Join(ins, "\n\n"))
		out.WriteString("</p>")
	}
	return template.HTML(out.String())
}

// wordsOnly returns ps with the spaces of each as single spaces.
func wordsOnly(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = strings.Join(strings.Fields(p), " ")
	}
	return out
}

// paragraphs splits Markdown text at blank lines.
func paragraphs(s string) []string {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// words splits s into words and the spaces between them, keeping both so
// that the diff reads as the text.
func words(s string) []string {
	var ws []string
	start := 0
	space := false
	for i, r := range s {
		isSpace := unicode.IsSpace(r) // as strings.Fields, which sameWords uses
		if i > start && isSpace != space {
			ws = append(ws, s[start:i])
			start = i
		}
		space = isSpace
	}
	if start < len(s) {
		ws = append(ws, s[start:])
	}
	return ws
}
