package site

// The checks of a site: each kind of problem a loaded site is judged for,
// by name.

import (
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"playbook/internal/markdown"
)

// A check is one kind of problem a site is checked for.
type check struct {
	// name is what the problems the check finds carry as Problem.Check,
	// and what users select the check by: kebab-case, and never changed
	// once published.
	name string
	// run returns the problems of the loaded site. It is nil for a check
	// made while the site is loaded (see checks).
	run func(l *loadState) []Problem
}

// The names of the checks made while the site is loaded.
const (
	duplicateIndexCheck = "duplicate-index"
	unnamedPageCheck    = "unnamed-page"
	duplicateURLCheck   = "duplicate-url"
	duplicateIDCheck    = "duplicate-id"
	brokenRelationCheck = "broken-relation"
	brokenLinkCheck     = "broken-link"
)

// The names of checks Loader.Patch knows: it makes those of a page's
// Markdown again for the page edited, and leaves a title change to Load
// when tags are misspelt, as the reading order a title changes picks the
// page a misspelling is reported at.
const (
	rawHTMLCheck    = "raw-html"
	shortcodeCheck  = "hugo-shortcode"
	admonitionCheck = "admonition"
	headingIDCheck  = "heading-id"
	notLinkCheck    = "not-a-link"
	tagNameCheck    = "tag-name"
)

// checks lists every check, in the order they run.
//
// The first ones are made while the site is loaded, by the step that
// needs their answer: what is found there changes what the next steps
// build, so they cannot wait for a site that is already built. The others
// run after loading, over the loaded site, and change nothing in it. A
// new check belongs with the others, unless loading must act on it.
//
// Problems met reading a file (bad front matter, a missing field, a file
// too big or not UTF-8) are not checks: a page cannot be made without
// them, and they carry no check name.
var checks = []check{
	// In pickIndexFiles: the index file that loses stays an ordinary page.
	{name: duplicateIndexCheck},
	// In refuseUnnamed: a page with no name to make a URL of is left out,
	// and links to it are not reported again.
	{name: unnamedPageCheck},
	// In indexPages: a page whose URL is taken does not report its id as
	// taken too, when the other page is a folder beside it.
	{name: duplicateURLCheck},
	// In indexPages: an id taken twice is given to neither page, so that
	// no relation picks one of them at random.
	{name: duplicateIDCheck},
	// In resolve: a relation that names no page is left out of the site.
	{name: brokenRelationCheck},
	// In resolveLink: a link is rewritten to its target's URL as it is
	// checked, and left as written when broken.
	{name: brokenLinkCheck},

	{name: rawHTMLCheck, run: checkRawHTML},
	{name: shortcodeCheck, run: checkShortcodes},
	{name: admonitionCheck, run: checkAdmonitions},
	{name: headingIDCheck, run: checkHeadingIDs},
	{name: notLinkCheck, run: checkNotLinks},
	{name: slowCodeCheck, run: checkSlowCode},
	{name: tagNameCheck, run: checkTags},
	{name: chainGapCheck, run: checkChains},
	{name: "channel-gap", run: checkChannels},
	{name: "stage-folder", run: checkStageFolders},
	{name: "no-role", run: checkBehaviourRoles},
	{name: "no-promise", run: checkBehaviourPromises},
	{name: "role-spelling", run: checkRoleSpellings},
	{name: "campaign-not-ready", run: checkCampaigns},
	{name: "briefing-id", run: checkBriefingIDs},
	{name: "no-talk-track", run: checkTalkTracks},
	{name: "gap-not-connected", run: checkGapPromises},
	{name: "answer-not-connected", run: checkAnswerPromises},
	{name: "review-overdue", run: checkReviews},
	{name: "reviewed-in-future", run: checkReviewDates},
	{name: "unfilled-hint", run: checkHints},
	{name: "output-path", run: checkOutputPaths},
}

// runChecks runs the checks made after loading, in the order of checks,
// and adds their problems, each marked with its check's name. It runs
// while front matter is still kept, to point problems at their lines.
func (l *loadState) runChecks() {
	for _, c := range checks {
		if c.run == nil {
			continue
		}
		for _, p := range c.run(l) {
			p.Check = c.name
			l.ps.list = append(l.ps.list, p)
		}
	}
}

// checkRawHTML warns of raw HTML that safe mode shows as text (a <div>)
// or drops (a javascript: link).
func checkRawHTML(l *loadState) []Problem { return docWarnings(l, markdown.WarnHTML) }

// checkShortcodes warns of Hugo shortcodes that are not rendered: they
// show on the page as written.
func checkShortcodes(l *loadState) []Problem { return docWarnings(l, markdown.WarnShortcode) }

// checkAdmonitions warns of admonitions of MkDocs and Docusaurus that
// render, but not as written: of a kind playbook does not know (shown as
// a note), never closed, or empty for content not indented enough; and
// of a line of colons that closes none, shown as text.
func checkAdmonitions(l *loadState) []Problem { return docWarnings(l, markdown.WarnAdmonition) }

// checkHeadingIDs warns of heading ids a link cannot tell apart, and of
// those the theme's own ids start with.
func checkHeadingIDs(l *loadState) []Problem { return docWarnings(l, markdown.WarnHeadingID) }

// checkNotLinks warns of link syntax Markdown left as text: a target
// with spaces, such as a page named by its title.
func checkNotLinks(l *loadState) []Problem { return docWarnings(l, markdown.WarnNotLink) }

// slowCodeCheck names the check of code blocks slow to colour.
const slowCodeCheck = "slow-code"

// checkSlowCode warns of code blocks that took a second or more to
// colour: a build pays it for each, and a preview for each save.
func checkSlowCode(l *loadState) []Problem { return docWarnings(l, markdown.WarnSlowCode) }

// docWarnings returns the Markdown warnings of a kind of every published
// page, at their lines in the file.
func docWarnings(l *loadState, kind markdown.WarningKind) []Problem {
	var ps Problems
	for _, p := range l.kept {
		ps = append(ps, pageWarnings(p, kind)...)
	}
	return ps
}

// pageWarnings returns the Markdown warnings of a kind of page p.
func pageWarnings(p *Page, kind markdown.WarningKind) []Problem {
	if p.Doc == nil {
		return nil
	}
	var ps []Problem
	for _, w := range p.Doc.Warnings {
		if w.Kind == kind {
			ps = append(ps, Problem{File: p.File, Line: p.bodyLine + int(w.Pos.Line) - 1, Col: int(w.Pos.Col), Msg: w.Msg, Warning: true})
		}
	}
	return ps
}

// checkTags reports tags that cannot have a page of their own: a tag
// without a letter or a digit, and a tag spelt two ways that differ in
// more than case ("Q3 offer" and "q3-offer"). gatherTags leaves them out.
func checkTags(l *loadState) []Problem {
	var ps problems
	bySlug := map[string]*Tag{}
	for _, tag := range l.site.Tags {
		bySlug[Slug(tag.Name)] = tag
	}
	for _, p := range l.site.Pages {
		for _, t := range p.Tags {
			slug := Slug(t)
			switch tag := bySlug[slug]; {
			case slug == "":
				ps.errorf(p.File, p.fm.valueLine("tags", t), "tags: %q has no letter or digit to make a URL of", t)
			case len(slug) > MaxName:
				ps.errorf(p.File, p.fm.valueLine("tags", t), "tags: %q is too long to name its page's folder (%d bytes; at most %d)", t, len(slug), MaxName)
			case !sameTag(tag.Name, t):
				ps.errorf(p.File, p.fm.valueLine("tags", t), "tags: %q and %q would share the page /%s: use one spelling", t, tag.Name, tag.URL)
			}
		}
	}
	return ps.list
}

// checkChains warns of each promise whose chain to the front line is
// broken.
func checkChains(l *loadState) []Problem {
	var ps problems
	drafts := l.draftBehaviours()
	for _, p := range l.site.Pages {
		if p.Type != TypePromise || p.Chain.Status == Connected {
			continue
		}
		// At the line of what is missing, where an annotation of a
		// pull request shows it.
		line := p.fm.keyLine("promise")
		if at := p.fm.keyLine("expectation"); !p.Chain.HasExpectation && at > 1 {
			line = at // an empty one
		}
		missing := p.Chain.missing()
		if e := strings.TrimSpace(p.Expectation); e != "" && !p.Chain.HasExpectation {
			missing = strings.Replace(missing, `it states no "expectation"`, fmt.Sprintf(`its "expectation" %q is a placeholder`, e), 1)
		}
		var only []string
		for _, d := range drafts[p] {
			if d.Stage == StageSales && !p.Chain.HasSales || d.Stage == StageService && !p.Chain.HasService {
				only = append(only, d.File)
			}
		}
		if len(only) > 0 {
			missing += " but a draft, " + strings.Join(only, ", ")
		}
		if p.Chain.Status == Disconnected {
			ps.warnf(p.File, line, "promise %q is disconnected: %s", p.ID, missing)
		} else {
			ps.warnf(p.File, line, "promise %q has a %s: %s", p.ID, p.Chain.Status, missing)
		}
		ps.list[len(ps.list)-1].lacks = p.Chain.lacks()
	}
	return ps.list
}

// draftBehaviours returns the behaviours left out as drafts, by the
// promise each would fulfil, in the order of their files: a gap they
// would close says so.
func (l *loadState) draftBehaviours() map[*Page][]*Page {
	var ds []*Page
	for _, d := range l.drafts {
		if d.Type == TypeBehaviour && l.rels[d] != nil {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	out := map[*Page][]*Page{}
	for _, d := range ds {
		for _, id := range l.rels[d].fulfils {
			if q := l.site.ByID(id); q != nil && q.Type == TypePromise && !slices.Contains(out[q], d) {
				out[q] = append(out[q], d)
			}
		}
	}
	return out
}

// chainGapCheck names the check of promises not connected.
const chainGapCheck = "chain-gap"

// chainLinks is a set of the links of a promise's chain.
type chainLinks uint8

const (
	linkExpectation chainLinks = 1 << iota
	linkSales
	linkService
)

// lacks returns the links c lacks.
func (c Chain) lacks() chainLinks {
	var l chainLinks
	if !c.HasExpectation {
		l |= linkExpectation
	}
	if !c.HasSales {
		l |= linkSales
	}
	if !c.HasService {
		l |= linkService
	}
	return l
}

// missing says what a chain that is not connected lacks.
func (c Chain) missing() string {
	var parts []string
	if !c.HasExpectation {
		parts = append(parts, `it states no "expectation"`)
	}
	switch {
	case !c.HasSales && !c.HasService:
		parts = append(parts, "no sales or service behaviour fulfils it")
	case !c.HasSales:
		parts = append(parts, "no sales behaviour fulfils it")
	case !c.HasService:
		parts = append(parts, "no service behaviour fulfils it")
	}
	return strings.Join(parts, ", and ")
}

// checkTalkTracks warns of each competitor whose battlecard gives staff
// nothing to say when a customer raises it: no objection with a
// response, and no FAQ naming it.
func checkTalkTracks(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeCompetitor) {
		// One without a name is told so already.
		if !p.HasTalkTrack() && p.CompetitorName != "" {
			ps.warnf(p.File, p.fm.keyLine("competitor"), "competitor %q has no talk track: add [[objections]] with a response, or an FAQ that names %q in \"competitors\"", p.CompetitorName, p.ID)
		}
	}
	return ps.list
}

// checkGapPromises warns of each competitor gap resting on a promise the
// front line does not keep: we would be winning on a promise we break.
func checkGapPromises(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeCompetitor) {
		for i, g := range p.Gaps {
			if q := g.Promise; q != nil && q.Chain.Status != Connected {
				ps.warnf(p.File, p.fm.tableKeyLine("gaps", i, "promise"), "gap %q rests on promise %q, which is not connected: %s", g.Area, q.ID, q.Chain.missing())
			}
		}
	}
	return ps.list
}

// checkAnswerPromises warns of each FAQ whose answer rests on a promise
// the front line does not keep: staff would give it to customers all the
// same.
func checkAnswerPromises(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeFAQ) {
		for _, q := range p.Promises {
			if q.Chain.Status != Connected {
				ps.warnf(p.File, p.fm.valueLine("promises", q.ID), "FAQ %q rests on promise %q, which is not connected: %s; staff would give an answer the front line does not keep", p.ID, q.ID, q.Chain.missing())
			}
		}
	}
	return ps.list
}

// checkChannels warns of each channel a promise is made on that no sales
// behaviour follows up, where its sales behaviours name channels at all
// (see followUpsOf).
func checkChannels(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.Pages {
		for _, ch := range p.ChannelGaps() {
			ps.warnf(p.File, p.fm.keyLine("channels"), "promise %q is made by %s; no sales behaviour follows up %s: add %q to the channels of a sales behaviour that keeps it, or take it off the promise's", p.ID, ch, ch, ch)
		}
	}
	return ps.list
}

// checkStageFolders warns of each behaviour in a folder named after the
// other stage (behaviours/service/x.md with stage = "sales"): the chain
// counts it by its stage, while its author most likely meant its folder,
// and the gap it leaves is told at the promise, far from the cause.
func checkStageFolders(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeBehaviour) {
		stage := p.Behaviour.Stage
		if stage != StageSales && stage != StageService {
			continue // told as a missing field, or as no stage
		}
		// The nearest folder named after a stage, as playbook new reads it.
		dirs := strings.Split(path.Dir(p.File), "/")
		for i := len(dirs) - 1; i >= 0; i-- {
			dir := dirs[i]
			if dir != StageSales && dir != StageService {
				continue
			}
			if dir != stage {
				ps.warnf(p.File, p.fm.keyLine("stage"), "behaviour %q is in the folder %s/ but its stage is %q, and the chain counts it as a %s behaviour: set stage = %q, or move the file", p.ID, dir, stage, stage, dir)
			}
			break
		}
	}
	return ps.list
}

// checkBehaviourRoles warns of each behaviour that names no role, in a
// site whose pages name roles: no one is told it is theirs, and a promise
// it keeps is kept by no one. A site naming none is not judged, as a
// playbook written before pages had roles.
func checkBehaviourRoles(l *loadState) []Problem {
	var ps problems
	if len(l.site.Roles) == 0 {
		return nil
	}
	for _, p := range l.site.OfType(TypeBehaviour) {
		if len(p.Roles) == 0 {
			ps.warnf(p.File, p.fm.keyLine("stage"), "behaviour %q names no role that does it: no role's page lists it; add roles = [\"…\"]", p.ID)
		}
	}
	return ps.list
}

// checkBehaviourPromises warns of each behaviour that keeps no promise:
// the chain it belongs to is not drawn, and a promise it was meant for
// shows a gap.
func checkBehaviourPromises(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeBehaviour) {
		// A relation that names no page is its own error.
		if r := l.rels[p]; len(p.Fulfils) == 0 && (r == nil || len(r.fulfils) == 0) {
			ps.warnf(p.File, p.fm.keyLine("stage"), "behaviour %q fulfils no promise: add fulfils = [\"…\"] with the ids of the promises it keeps", p.ID)
		}
	}
	return ps.list
}

// checkRoleSpellings warns of a role that a page alone names, a letter or
// two from a role more pages name: most likely that role, mistyped, which
// has a page of its own and leaves the other without the page.
func checkRoleSpellings(l *loadState) []Problem {
	var ps problems
	s := l.site
	count := func(r *Role) int { return len(r.Behaviours) + len(r.Standards) + len(r.FAQs) + len(r.Campaigns) }
	for _, r := range s.Roles {
		if count(r) != 1 {
			continue
		}
		var best *Role
		bestD := 0
		for _, o := range s.Roles {
			if o == r || count(o) < 2 {
				continue
			}
			if d, ok := near(r.Slug, o.Slug); ok && (best == nil || d < bestD) {
				best, bestD = o, d
			}
		}
		if best == nil {
			continue
		}
		p := slices.Concat(r.Behaviours, r.Standards, r.FAQs, r.Campaigns)[0]
		key := "roles"
		if p.Type == TypeFAQ {
			key = "audience"
		}
		name := r.Name
		for _, n := range PageRoles(p) {
			if roleSlug(n, s.roleAliases) == r.Slug {
				name = n
			}
		}
		ps.warnf(p.File, p.fm.valueLine(key, name), "role %q is named by this page alone: did you mean %q, which %d pages name? or give it its spelling in [roles] of site.toml", name, best.Name, count(best))
	}
	return ps.list
}

// checkCampaigns warns of each campaign that is live, or starts within
// [campaigns] warn_before, while the front line is not ready for it.
func checkCampaigns(l *loadState) []Problem {
	var ps problems
	s := l.site
	for _, p := range s.OfType(TypeCampaign) {
		r := p.Readiness()
		// A campaign missing its first day is in no state: the missing
		// day is the error.
		if r.Ready || p.Starts.IsZero() || !s.imminent(p, s.Now) || p.fm.failed("starts", "ends") {
			continue
		}
		when := "is live"
		if p.CampaignState(s.Now) == CampaignUpcoming {
			when = "starts " + p.Starts.Format(time.DateOnly)
		}
		ps.warnf(p.File, p.fm.keyLine("starts"), "campaign %q %s and the front line is not ready: %s", p.ID, when, strings.Join(r.Missing, "; "))
	}
	return ps.list
}

// checkBriefingIDs warns of each campaign whose briefing reads as a page id
// that no page has: a mistyped id would otherwise be shown as the briefing
// itself and count as one.
func checkBriefingIDs(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.OfType(TypeCampaign) {
		if id, ok := strings.CutPrefix(p.Briefing, "#"); ok {
			ps.warnf(p.File, p.fm.keyLine("briefing"), "campaign %q: briefing %q is no heading of this page, so it is shown as text: write the heading's id, as a link to it would (#%s)", p.ID, p.Briefing, cmp.Or(nearHeading(p, id), "briefing"))
			continue
		}
		if p.BriefingPage == nil && looksLikeID(p.Briefing) {
			ps.warnf(p.File, p.fm.keyLine("briefing"), "campaign %q: briefing %q is no page's id, so it is shown as text: name an existing page, or write the briefing out", p.ID, p.Briefing)
		}
	}
	return ps.list
}

// hintLine matches a front matter line whose value is still a hint that
// playbook new wrote ("TODO: the promise, as customers hear it"), in TOML
// or YAML, quoted or not.
var (
	hintLine    = regexp.MustCompile(`^\s*(?:([A-Za-z_][\w-]*)\s*[=:]\s*\[?\s*|-\s+)(?:"(TODO:[^"]*)|'(TODO:[^']*)|(TODO:[^"'#]*))`)
	settingLine = regexp.MustCompile(`^\s*([A-Za-z_][\w-]*)\s*[=:]`)
)

// checkHints warns of each front matter value that still holds a hint of
// playbook new: the page would show it to readers as its promise or
// question, and count as reviewed the day it was made.
func checkHints(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.Pages {
		if p.fm == nil || !strings.Contains(p.fm.text, "TODO:") {
			continue
		}
		key := ""
		for i, line := range p.fm.lines() {
			if m := settingLine.FindStringSubmatch(line); m != nil {
				key = m[1]
			}
			// An item of a YAML list under its key has none of its own.
			// A title is the author's own (playbook new takes it from the
			// command line), and Patch changes titles in place, keeping
			// this check's problems.
			if m := hintLine.FindStringSubmatch(line); m != nil && key != "title" {
				// The hint whole, apostrophes and all, in whichever quotes.
				hint := strings.TrimSpace(m[2] + m[3] + m[4])
				ps.warnf(p.File, i+2, "%s: still the hint playbook new wrote (%s): write it, or readers see the hint", key, hint)
			}
		}
	}
	return ps.list
}

// looksLikeID reports whether s has the shape of a page id rather than of
// a sentence: lower-case letters and digits joined by hyphens.
func looksLikeID(s string) bool {
	if !strings.Contains(s, "-") || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// checkReviews warns of each page whose review is overdue.
func checkReviews(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.Pages {
		switch {
		case !p.Stale, p.fm.failed("reviewed", "review_every"):
		case p.Reviewed.IsZero():
			ps.warnf(p.File, p.fm.keyLine("review_every"), "review overdue: reviewed every %s but never reviewed (set \"reviewed\")", p.ReviewEvery)
		default:
			ps.warnf(p.File, p.fm.keyLine("reviewed"), "review overdue: last reviewed %s, due every %s (since %s)",
				p.Reviewed.Format(time.DateOnly), p.ReviewEvery, p.ReviewEvery.AddTo(p.Reviewed).Format(time.DateOnly))
		}
	}
	return ps.list
}

// checkReviewDates warns of each page reviewed on a day still to come: a
// typo such as 2062 for 2026 would keep the page "reviewed" for decades,
// and the Trust Score with it. A day's grace allows for a date written
// where the day has begun before it has here.
func checkReviewDates(l *loadState) []Problem {
	var ps problems
	for _, p := range l.site.Pages {
		if p.Reviewed.After(l.opts.Now.Add(24 * time.Hour)) {
			ps.warnf(p.File, p.fm.keyLine("reviewed"), "reviewed %s is in the future: set the day the page was last reviewed",
				p.Reviewed.Format(time.DateOnly))
		}
	}
	return ps.list
}

// checkOutputPaths reports files that would land on one another in the
// output: a file under content/ or an alias on a page, on a page playbook
// generates, or on another file or alias; and aliases that are no path of
// the site.
func checkOutputPaths(l *loadState) []Problem {
	var ps problems
	s := l.site
	taken := map[string]string{} // output file → what makes it
	paged := map[string]*Page{}  // URL of each split section → it
	for _, p := range s.Pages {
		taken[p.URL+"index.html"] = p.File
		if s.Config.Paginated(p) {
			paged[p.URL] = p
		}
	}
	for _, p := range s.Pages {
		// A URL is made of names; a name longer than a file system
		// allows would fail the build as it writes the page.
		if !shortNames(p.URL) {
			key := l.setURL[p]
			ps.errorf(p.File, p.fm.keyLine(cmp.Or(key, "title")), "this page's URL has a name longer than the %d bytes a file system allows: shorten its %s", MaxName, cmp.Or(key, "file's name"))
		}
		for _, name := range PageRoles(p) {
			if slug := roleSlug(name, s.roleAliases); len(slug) > MaxName {
				key := "roles"
				if p.Type == TypeFAQ {
					key = "audience"
				}
				ps.errorf(p.File, p.fm.valueLine(key, name), "%s: a role's name makes a URL longer than the %d bytes a file system allows: shorten it", key, MaxName)
			}
		}
	}
	for _, p := range s.Pages {
		// A folder under the clash is reported once, at its top.
		if sec := pagerClash(paged, p.URL); sec != nil && pagerClash(paged, p.Parent.URL) == nil {
			ps.errorf(p.File, 1, "this page would be published at /%s, where playbook puts the further pages of /%s (its list of %d is longer than [pagination] size = %d): rename it",
				p.URL, sec.URL, len(sec.Children), s.Config.Pagination.PageSize())
		}
	}
	claim := func(name, by string, line int, what string) {
		switch prev, ok := taken[name]; {
		case pagerClash(paged, name) != nil:
			ps.errorf(by, line, "%s would be published as /%s, where playbook puts the further pages of /%s", what, name, pagerClash(paged, name).URL)
		case ok:
			ps.errorf(by, line, "%s would be published as /%s, where %s is", what, name, prev)
		case isGenerated(name):
			ps.errorf(by, line, "%s would be published as /%s, where playbook puts a page of its own", what, name)
		default:
			taken[name] = by
		}
	}
	for _, f := range s.Files {
		claim(FileURL(f), f, 1, "this file")
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			name, ok := AliasFile(a)
			if !ok {
				ps.errorf(p.File, p.fm.valueLine("aliases", a), "aliases: %q is not a path of the site", a)
				continue
			}
			claim(name, p.File, p.fm.valueLine("aliases", a), fmt.Sprintf("alias %q", a))
		}
	}
	// A file where the site needs a folder: content/guides/glossary (no
	// extension) beside guides/glossary.md, content/assets beside the
	// theme's assets/.
	folders := map[string]bool{}
	for name := range taken {
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			folders[dir] = true
		}
	}
	for _, r := range reservedURLs {
		folders[strings.TrimSuffix(r, "/")] = true
	}
	for _, g := range GeneratedPages {
		if dir := path.Dir(g.URL); dir != "." {
			folders[dir] = true
		}
	}
	for _, f := range s.Files {
		if name := FileURL(f); folders[name] {
			ps.errorf(f, 1, "this file would be published as /%s, where the site needs a folder of that name: rename it", name)
		}
	}
	return ps.list
}

// sameTag reports whether two spellings name one tag: they differ at most
// in case.
func sameTag(a, b string) bool { return a == b || strings.EqualFold(a, b) }

// nearHeading returns the id of the heading of page p nearest id, or "".
func nearHeading(p *Page, id string) string {
	if p.Doc == nil {
		return ""
	}
	best, bestD := "", 0
	for _, h := range p.Doc.Headings {
		if d, ok := near(id, h.ID); ok && (best == "" || d < bestD) {
			best, bestD = h.ID, d
		}
	}
	return best
}
