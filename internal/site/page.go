package site

import (
	"cmp"
	"strings"
	"time"

	"playbook/internal/markdown"
)

// The page types a playbook knows.
const (
	TypePositioning = "positioning"
	TypePromise     = "promise"
	TypeBehaviour   = "behaviour"
	TypeStandard    = "standard"
	TypeFAQ         = "faq"
	TypeCompetitor  = "competitor"
	TypeCampaign    = "campaign"
	TypePersona     = "persona"
	TypePage        = "page"
)

// Types lists the page types in the order the site presents them.
var Types = []string{
	TypePositioning, TypePromise, TypeBehaviour, TypeStandard, TypeFAQ,
	TypeCompetitor, TypeCampaign, TypePersona, TypePage,
}

// TypeTitles gives the plural, human name of each type.
var TypeTitles = map[string]string{
	TypePositioning: "Positioning",
	TypePromise:     "Promises",
	TypeBehaviour:   "Behaviours",
	TypeStandard:    "Standards",
	TypeFAQ:         "FAQs",
	TypeCompetitor:  "Competitors",
	TypeCampaign:    "Campaigns",
	TypePersona:     "Personas",
	TypePage:        "Pages",
}

// TypeNames gives the singular, human name of each type.
var TypeNames = map[string]string{
	TypePositioning: "Positioning",
	TypePromise:     "Promise",
	TypeBehaviour:   "Behaviour",
	TypeStandard:    "Standard",
	TypeFAQ:         "FAQ",
	TypeCompetitor:  "Competitor",
	TypeCampaign:    "Campaign",
	TypePersona:     "Persona",
	TypePage:        "Page",
}

// A Field is a front matter key of a page type.
type Field struct {
	Name     string
	Required bool
	// Hint says what the key holds.
	Hint string
}

// TypeFields lists the keys of each type beyond the common ones, the
// required first; readTypeFields reads them.
var TypeFields = map[string][]Field{
	TypePositioning: {{"position", true, "the place claimed in the customer's mind"}, {"value_proposition", false, "what the customer gets"}, {"segment", false, "who it is for"}},
	TypePromise:     {{"promise", true, "the promise, as customers hear it"}, {"expectation", false, "what a customer expects because of it"}, {"channels", false, "where it is made"}, {"positioning", false, "ids of positioning pages"}},
	TypeBehaviour:   {{"stage", true, `"sales" or "service"`}, {"fulfils", false, "ids of the promises it keeps"}, {"roles", false, "who does it"}, {"channels", false, "the channels it follows promises up on, named as promises name them"}},
	TypeStandard:    {{"roles", false, "who it is for"}, {"applies_to", false, "ids of the pages it applies to"}},
	TypeFAQ:         {{"question", true, "the question, as customers ask it"}, {"promises", false, "ids of promises"}, {"audience", false, "who asks"}, {"competitors", false, "ids of the competitors it answers"}},
	TypeCompetitor:  {{"competitor", true, "the competitor's name"}, {"gaps", false, "a list of {area, theirs, ours, promise}"}, {"why_we_win", false, "a short list of why customers choose us"}, {"landmines", false, "questions that expose their weak spot"}, {"objections", false, "a list of {objection, response}: what customers say, and the talk track"}},
	TypeCampaign:    {{"starts", true, "the first day"}, {"ends", true, "the last day"}, {"promises", false, "ids of promises"}, {"offer", false, "what is offered"}, {"briefing", false, "the id of the briefing page, or the briefing"}, {"roles", false, "who must be briefed"}},
	TypePersona:     {{"role", true, "their part in the purchase"}, {"pains", false, "what hurts"}, {"criteria", false, "how they decide"}},
	TypePage:        nil,
}

// CanonicalType returns the type named by s ("promises", "behavior" and
// the like accepted), or "".
func CanonicalType(s string) string { return canonicalType(s) }

// canonicalType returns the type named by s (accepting capitals, plurals
// and American spelling, which authors write as often as not), or "".
func canonicalType(s string) string {
	switch strings.ToLower(s) {
	case "positioning", "positionings":
		return TypePositioning
	case "promise", "promises":
		return TypePromise
	case "behaviour", "behaviours", "behavior", "behaviors":
		return TypeBehaviour
	case "standard", "standards":
		return TypeStandard
	case "faq", "faqs":
		return TypeFAQ
	case "competitor", "competitors":
		return TypeCompetitor
	case "campaign", "campaigns":
		return TypeCampaign
	case "persona", "personas":
		return TypePersona
	case "page", "pages":
		return TypePage
	}
	return ""
}

// The stages of a behaviour.
const (
	StageSales   = "sales"
	StageService = "service"
)

// A Page is one page of a playbook: a Markdown file, or a folder (a section).
type Page struct {
	// File is the source file, slash-separated from the site root
	// ("content/promises/no-hassle.md"); for a section without an index
	// file, its folder ("content/promises").
	File string
	// ID is how other pages refer to this one.
	ID string
	// Title is the page title.
	Title string
	// linkTitle is a shorter title for links to the page, as Hugo's
	// linkTitle: see LinkTitle.
	linkTitle string
	// Type is one of Types; empty for sections.
	Type string
	// URL is the page's path from the site root, ending in a slash
	// ("promises/no-hassle/"); empty for the home page.
	URL string
	// IsSection reports whether the page stands for a folder.
	IsSection bool
	// Parent is the section holding the page; nil for the home page.
	Parent *Page
	// Children are a section's pages and sub-sections, in navigation order.
	Children []*Page

	Description string
	Weight      int
	Tags        []string
	Draft       bool
	// Search is false when front matter says search = false: the page is
	// left out of the site's search.
	Search bool
	Owner  string
	// Reviewed is when the page was last reviewed; zero if never.
	Reviewed    time.Time
	ReviewEvery Interval
	// Stale reports whether the review is overdue.
	Stale   bool
	Aliases []string
	// Params holds front matter keys playbook does not know, for themes.
	Params map[string]any
	// Promises are the promises an FAQ or a campaign cites.
	Promises []*Page

	// Channels are where a promise is made, or the channels a behaviour
	// covers: a sales behaviour follows up, on each, the promises it
	// fulfils that are made there.
	Channels []string
	// Roles are who a behaviour or a standard is for, and who must be
	// briefed on a campaign.
	Roles []string
	// Start are the pages the home page sends a new reader to first
	// (front matter "start" of content/_index.md), in their order.
	Start []*Page

	// The fields of each page type follow, behind a pointer each: a page
	// has its own only for its type, and the others point at a zero value
	// all pages share, so that code and templates read them as empty
	// (p.Statement of a behaviour is ""). A site holds every page for the
	// whole build: flat, the fields of all the types were two thirds of a
	// page's size. They are written only through ownFields. Layouts read
	// them by their type's name, {{.Page.Promise.Statement}}: a field
	// looked up by name through an embedded struct, {{.Page.Statement}},
	// works too, but costs a search and allocations at each use.
	*Positioning
	*Promise
	*Behaviour
	*Standard
	*FAQ
	*Competitor
	*Campaign
	*Persona

	// Backlinks are the relations of other pages that point at this one;
	// most pages have none, and share an empty one (see backlinks).
	Backlinks *Backlinks
	// MentionedBy are the pages whose Markdown links to this one, each
	// once, in reading order.
	MentionedBy []*Page
	// Chain is the chain status of a promise.
	Chain Chain

	// Doc is the parsed Markdown body, its links rewritten to URLs. In a
	// site loaded with a Spill, its headings and links are packed (see
	// markdown.Converter.Pack): layouts read the headings from .TOC.
	Doc *markdown.Doc
	// sortTitle is the title's collation key, to sort by (see
	// collation).
	sortTitle string
	// sectionDir is a section's folder ("content/promises").
	sectionDir string
	// bodyLine is the line of the file where the Markdown body starts.
	bodyLine int
	// derivedID marks an id made of the file's name (a section's: of its
	// folder's), not given in front matter.
	derivedID bool
	// fm locates front matter keys for problems.
	fm *frontMatter
}

// Positioning holds the fields of a positioning page (Page.Positioning).
type Positioning struct {
	// Position is the position a positioning page claims: "the 24-hour
	// service provider".
	Position         string
	ValueProposition string
	Segment          string
}

// Promise holds the fields of a promise (Page.Promise).
type Promise struct {
	// Statement is a promise as customers see it (front matter "promise").
	Statement string
	// Expectation is what a promise makes a customer expect.
	Expectation string
	// FollowUps are, for each channel a promise is made on, the sales
	// behaviours that follow it up there. Nil unless a sales behaviour
	// fulfilling the promise names channels: a promise none of whose
	// sales behaviours name any is not judged by channel.
	FollowUps []FollowUp
	// PositioningPages are the positioning pages a promise carries.
	PositioningPages []*Page
}

// Behaviour holds the fields of a behaviour (Page.Behaviour).
type Behaviour struct {
	// Stage is a behaviour's stage, StageSales or StageService.
	Stage string
	// Fulfils are the promises a behaviour keeps.
	Fulfils []*Page
}

// Standard holds the fields of a standard (Page.Standard).
type Standard struct {
	// AppliesTo are the pages a standard applies to.
	AppliesTo []*Page
}

// FAQ holds the fields of an FAQ (Page.FAQ).
type FAQ struct {
	Question string
	Audience string
	// Competitors are the competitors an FAQ's answer is a talk track
	// against (front matter "competitors").
	Competitors []*Page
}

// Competitor holds the fields of a competitor (Page.Competitor).
type Competitor struct {
	// CompetitorName is a competitor's name (front matter "competitor").
	CompetitorName string
	// Gaps are the differences between a competitor's offer and ours.
	Gaps []Gap
	// WhyWeWin is a competitor battlecard's short list of reasons
	// customers choose us over them (front matter "why_we_win").
	WhyWeWin []string
	// Landmines are questions to suggest to a customer that expose the
	// competitor's weak spot.
	Landmines []string
	// Objections are what customers say for the competitor, each with
	// its talk track.
	Objections []Objection
}

// Campaign holds the fields of a campaign (Page.Campaign).
type Campaign struct {
	Starts, Ends time.Time
	Offer        string
	// BriefingPage is the page a campaign's "briefing" names by id; nil
	// when it names none.
	BriefingPage *Page
	// Briefing is a campaign's "briefing" when it is text, not an id.
	Briefing string
	// BriefingSection is the id of the heading of the campaign's own
	// page that briefs the front line, when "briefing" names it
	// ("#briefing").
	BriefingSection string
	// unkept lists the roles the campaign names that no behaviour
	// keeping one of its promises names, as written (see keptRoles).
	unkept []string
	// rolesNamed reports whether the site's pages name roles at all: a
	// campaign of a site that names none is not judged by them.
	rolesNamed bool
}

// Persona holds the fields of a persona (Page.Persona).
type Persona struct {
	Role     string
	Pains    []string
	Criteria []string
}

// The fields pages share where they have none of their own: never
// written (TestSharedFieldsStayEmpty).
var (
	noPositioning Positioning
	noPromise     Promise
	noBehaviour   Behaviour
	noStandard    Standard
	noFAQ         FAQ
	noCompetitor  Competitor
	noCampaign    Campaign
	noPersona     Persona
	noBacklinks   Backlinks
)

// newPage returns a page of file, with the fields of no type.
func newPage(file string) *Page {
	p := &Page{File: file}
	p.shareFields()
	return p
}

// shareFields points p's type fields and backlinks at the shared empty
// ones.
func (p *Page) shareFields() {
	p.Positioning = &noPositioning
	p.Promise = &noPromise
	p.Behaviour = &noBehaviour
	p.Standard = &noStandard
	p.FAQ = &noFAQ
	p.Competitor = &noCompetitor
	p.Campaign = &noCampaign
	p.Persona = &noPersona
	p.Backlinks = &noBacklinks
}

// ownFields gives p fields of its own for its type, copies of those it
// had: what is written to them is p's alone.
func (p *Page) ownFields() {
	switch p.Type {
	case TypePositioning:
		p.Positioning = new(*p.Positioning)
	case TypePromise:
		p.Promise = new(*p.Promise)
	case TypeBehaviour:
		p.Behaviour = new(*p.Behaviour)
	case TypeStandard:
		p.Standard = new(*p.Standard)
	case TypeFAQ:
		p.FAQ = new(*p.FAQ)
	case TypeCompetitor:
		c := *p.Competitor
		// A load sets each gap's promise: the gaps are copied too.
		c.Gaps = append([]Gap(nil), c.Gaps...)
		p.Competitor = &c
	case TypeCampaign:
		p.Campaign = new(*p.Campaign)
	case TypePersona:
		p.Persona = new(*p.Persona)
	}
}

// backlinks returns p's Backlinks to add to, made its own first.
func (p *Page) backlinks() *Backlinks {
	if p.Backlinks == &noBacklinks {
		p.Backlinks = new(Backlinks)
	}
	return p.Backlinks
}

// A FollowUp is a channel a promise is made on, and the sales behaviours
// that follow the promise up on it.
type FollowUp struct {
	// Channel is as the promise names it.
	Channel string
	// By are the sales behaviours that fulfil the promise and name the
	// channel; none is a gap.
	By []*Page
}

// A Gap is a difference between a competitor's offer and ours.
type Gap struct {
	Area   string
	Theirs string
	Ours   string
	// Promise is the promise that answers the gap; nil if none is named.
	Promise *Page
}

// An Objection is what a customer says for a competitor, and the talk
// track that answers it (front matter [[objections]]).
type Objection struct {
	Objection string
	Response  string
}

// HasTalkTrack reports whether a competitor's battlecard tells staff
// what to say: an objection with its response, or an FAQ naming it.
func (p *Page) HasTalkTrack() bool { return len(p.Objections) > 0 || len(p.Backlinks.FAQs) > 0 }

// Backlinks are the relations that point at a page, grouped as its page
// shows them.
type Backlinks struct {
	// Sales and Service are the behaviours that fulfil a promise.
	Sales, Service []*Page
	// FAQs cite a promise or name a competitor; Campaigns cite a
	// promise.
	FAQs, Campaigns []*Page
	// Gaps are competitor gaps a promise answers.
	Gaps []GapRef
	// Promises carry a positioning.
	Promises []*Page
	// Standards apply to the page.
	Standards []*Page
}

// A GapRef is a competitor's gap, seen from the promise that answers it.
type GapRef struct {
	Competitor *Page
	Gap        *Gap
}

// HasFile reports whether p is read from a file of its own: a section
// without an index file is not.
func (p *Page) HasFile() bool { return !p.IsSection || p.File != p.sectionDir }

// PageKey is what makes a page the same page in another version of the
// site: its id, and its type (an id taken over by another kind of page is
// another page).
func PageKey(p *Page) string { return pageKind(p) + "\x00" + p.ID }

// FileKey is a page's file, with its type: a page whose id changed between
// versions is still found by its file.
func FileKey(p *Page) string { return pageKind(p) + "\x00" + p.File }

// pageKind is a page's type, or "section".
func pageKind(p *Page) string {
	if p.IsSection {
		return "section"
	}
	return p.Type
}

// PageFiles returns the files the pages of s are read from, in reading
// order. A section without an index file has none: its folder is no file
// whose history could be asked about.
func (s *Site) PageFiles() []string {
	var files []string
	for _, p := range s.Pages {
		if p.HasFile() {
			files = append(files, p.File)
		}
	}
	return files
}

// BodyLine returns the line of the page's file its Markdown starts at,
// after the front matter: a line of its document (markdown.Pos) is a
// line of the file that many lines down, less one.
func (p *Page) BodyLine() int { return max(p.bodyLine, 1) }

// LinkTitle is what a link to the page says: its linkTitle, where its
// front matter gives one ("Callbacks" for "Answering a callback
// request"), else its title. The navigation, breadcrumbs, previous and
// next, and lists of related pages show it; the page's own heading and
// its card show the title.
func (p *Page) LinkTitle() string { return cmp.Or(p.linkTitle, p.Title) }

// OldURLs returns the page URLs p names as its old paths (Aliases) that
// are folders, as a page's URL is: "/guides/your-first-week/" is
// "guides/your-first-week/".
func (p *Page) OldURLs() []string {
	var urls []string
	for _, a := range p.Aliases {
		if f, ok := AliasFile(a); ok && strings.HasSuffix(f, "/index.html") {
			urls = append(urls, strings.TrimSuffix(f, "index.html"))
		}
	}
	return urls
}

// IsPromise reports whether p is a promise page; templates use it.
func (p *Page) IsPromise() bool { return p.Type == TypePromise }

// PageCount returns the number of pages in a section and the sections
// under it, sections not counted, but for a folder whose index file is
// all it holds (Hugo's leaf bundle, "first-week/index.md"): a page.
func (p *Page) PageCount() int {
	n := 0
	for _, c := range p.Children {
		switch {
		case c.IsSection && len(c.Children) == 0 && c.HasFile():
			n++
		case c.IsSection:
			n += c.PageCount()
		default:
			n++
		}
	}
	return n
}

// Ancestors returns the sections above p, from the home page down.
func (p *Page) Ancestors() []*Page {
	n := 0
	for a := p.Parent; a != nil; a = a.Parent {
		n++
	}
	if n == 0 {
		return nil
	}
	// One list of its size: pages ask for theirs at every rendering.
	as := make([]*Page, n)
	for a := p.Parent; a != nil; a = a.Parent {
		n--
		as[n] = a
	}
	return as
}

// TitleID returns the id of the page's title, as its "# title" heading has
// it on a Git host; "" if the title is not a heading of the page.
func (p *Page) TitleID() string {
	if p.Doc == nil {
		return ""
	}
	return p.Doc.TitleID
}
