package site

// Making a page of a Markdown file: its type, and the fields of its front
// matter.

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"playbook/internal/markdown"
)

// parsePage makes the page of a Markdown file from its content.
func (l *loadState) parsePage(file string, src []byte, ps *problems) (*Page, *relations) {
	if !utf8.Valid(src) {
		line, col := invalidUTF8(src)
		ps.list = append(ps.list, Problem{File: file, Line: line, Col: col, Msg: "invalid UTF-8: save the file as UTF-8"})
		return nil, nil
	}
	src = lfLines(src)
	format, fmText, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		ps.errorf(file, 1, "%v", err)
		return nil, nil
	}
	if format == "" {
		if fence, line := lateFrontMatter(src); line > 0 {
			ps.warnf(file, line, "front matter must start on the first line: this %q block is read as Markdown, and the page has no front matter", fence)
		}
	}
	p := newPage(file)
	p.bodyLine = bodyLine
	dir, name := path.Split(file)
	dir = strings.TrimSuffix(dir, "/")
	if indexRank(name) > 0 {
		p.IsSection = true
	}
	if format != "" {
		p.fm = decodeFrontMatter(file, format, fmText, ps)
		if p.fm == nil {
			return nil, nil
		}
	}
	parse := l.site.Markdown.Parse
	if p.fm != nil && p.fm.has("title") {
		parse = l.site.Markdown.ParseTitled
	}
	doc, err := parse(body)
	var le *markdown.LimitError
	if errors.As(err, &le) {
		ps.errorf(file, bodyLine+le.Line-1, "%s", le.Msg)
	}
	p.Doc = doc

	f := p.fm
	if f == nil {
		f = &frontMatter{file: file, data: map[string]any{}, used: map[string]bool{}, ps: ps}
	}
	p.Title = cmp.Or(f.string("title"), p.Doc.Title)
	// Hugo's spellings of the key.
	p.linkTitle = cmp.Or(f.string("linkTitle"), f.string("linktitle"))
	p.ID = f.string("id")
	if f.has("id") && Slug(p.ID) == "" && !f.failed("id") {
		// Relations and links could not name it, and ids are told apart
		// by their letters and digits: the file name gives the id.
		f.errorf("id", "id %q has no letter or digit to name the page by", p.ID)
		p.ID = ""
	}
	// Hugo's summary is the line a list shows, as description is.
	p.Description = cmp.Or(f.string("description"), f.string("summary"))
	p.Weight = f.int("weight")
	p.Tags = f.strings("tags")
	p.Draft = f.bool("draft")
	p.Search = !f.has("search") || f.bool("search")
	p.Owner = f.string("owner")
	p.Reviewed = f.date("reviewed")
	if s := f.string("review_every"); s != "" {
		iv, err := ParseInterval(s)
		if err != nil {
			f.errorf("review_every", "review_every: %v", err)
		}
		p.ReviewEvery = iv
	}
	p.Aliases = f.strings("aliases")
	if !p.IsSection {
		p.Type = l.typeOf(dir, f, format != "")
	} else if f.has("type") {
		f.get("type")
		f.errorf("type", "type: a section index (%s) has no type; set the type of its pages in site.toml [types]", name)
	}
	rel := p.readTypeFields(f)
	// Hugo's own keys for a page's URL: its last part, or the whole.
	rel.slug, rel.url = f.string("slug"), f.string("url")
	if p.IsSection && dir == ContentDir {
		// The home page's own key: where a new reader starts.
		rel.start = f.strings("start")
	}
	p.Params = f.unused()
	typ := p.Type
	if p.IsSection {
		typ = ""
	}
	for _, k := range slices.Sorted(maps.Keys(p.Params)) {
		if near := knownKeyNear(k, typ, p.IsSection && dir == ContentDir); near != "" {
			ps.warnf(file, f.keyLine(k), "%s: playbook does not know this key, so it does nothing (it is kept for layouts): did you mean %s?", k, near)
		}
	}
	f.read()
	return p, rel
}

// typeOf returns the type of a page in folder dir: its own type key, else
// the nearest [types] entry of site.toml, else the type its top-level
// section is named after, else page.
func (l *loadState) typeOf(dir string, f *frontMatter, hasFrontMatter bool) string {
	if t := f.string("type"); t != "" {
		if c := canonicalType(t); c != "" {
			return c
		}
		f.errorf("type", "type: unknown type %q%s (want one of %s)", t, typeNear(t), strings.Join(Types, ", "))
		return TypePage
	}
	if !hasFrontMatter {
		return TypePage
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(dir, ContentDir), "/")
	for d := rel; d != "" && d != "."; d = path.Dir(d) {
		for sec, typ := range l.site.Config.Types {
			if strings.Trim(sec, "/") == d || slugPath(strings.Trim(sec, "/")) == slugPath(d) {
				return typ
			}
		}
	}
	if first, _, _ := strings.Cut(rel, "/"); first != "" {
		if t := canonicalType(Slug(first)); t != "" {
			return t
		}
	}
	return TypePage
}

// relations holds the ids a page's front matter names, until resolved.
type relations struct {
	positioning, fulfils, promises, appliesTo []string
	competitors                               []string // an FAQ's
	start                                     []string // the home page's "start here" list
	gaps                                      []string // the promise of each gap; "" if none
	briefing                                  string   // a campaign's briefing: a page id, or text
	slug, url                                 string   // the URL's last part, or the whole, as Hugo sets them
}

// readTypeFields reads the fields of p's type and checks the required ones.
func (p *Page) readTypeFields(f *frontMatter) *relations {
	r := &relations{}
	p.ownFields()
	require := func(key, value string) {
		if value == "" {
			// A handbook brought in has folders named as types
			// (competitors/, faqs/) holding pages of its own kind.
			why := ""
			if f.string("type") == "" {
				why = fmt.Sprintf(" (a page in %s/ is a %s page unless its front matter sets another type, as type page)", strings.TrimPrefix(path.Dir(p.File), ContentDir+"/"), p.Type)
			}
			f.ps.errorf(p.File, 1, "missing %q: a %s page must have one%s", key, p.Type, why)
		}
	}
	switch p.Type {
	case TypePositioning:
		p.Position = f.string("position")
		p.ValueProposition = f.string("value_proposition")
		p.Segment = f.string("segment")
		require("position", p.Position)
	case TypePromise:
		p.Statement = f.string("promise")
		p.Expectation = f.string("expectation")
		p.Channels = f.strings("channels")
		r.positioning = f.strings("positioning")
		require("promise", p.Statement)
	case TypeBehaviour:
		p.Stage = strings.ToLower(f.string("stage"))
		p.Roles = f.strings("roles")
		p.Channels = f.strings("channels")
		r.fulfils = f.strings("fulfils")
		// FAQs' and campaigns' key, written for fulfils (see
		// resolveRelations).
		r.promises = f.strings("promises")
		require("stage", p.Stage)
		if p.Stage != "" && p.Stage != StageSales && p.Stage != StageService {
			f.errorf("stage", "stage: %q is not a stage (want %q or %q)", p.Stage, StageSales, StageService)
		}
	case TypeStandard:
		p.Roles = f.strings("roles")
		r.appliesTo = f.strings("applies_to")
	case TypeFAQ:
		p.Question = f.string("question")
		p.Audience = f.string("audience")
		r.promises = f.strings("promises")
		r.competitors = f.strings("competitors")
		require("question", p.Question)
	case TypeCompetitor:
		p.CompetitorName = f.string("competitor")
		require("competitor", p.CompetitorName)
		for i, t := range f.tables("gaps") {
			area, areaOK := f.tableString("gaps", i, t, "area")
			theirs, _ := f.tableString("gaps", i, t, "theirs")
			ours, _ := f.tableString("gaps", i, t, "ours")
			g := Gap{Area: area, Theirs: theirs, Ours: ours}
			if g.Area == "" && areaOK {
				f.errorf("gaps", "gaps: every gap needs an \"area\"")
			}
			if v, ok := t["promise"]; ok {
				if _, isText := v.(string); !isText {
					f.errorf("gaps", "gaps: a gap's \"promise\" is the id of one promise, not %s", describe(v))
					delete(t, "promise")
				}
			}
			p.Gaps = append(p.Gaps, g)
			promise, _ := f.tableString("gaps", i, t, "promise")
			r.gaps = append(r.gaps, promise)
		}
		p.WhyWeWin = f.strings("why_we_win")
		p.Landmines = f.strings("landmines")
		p.Objections = readObjections(f)
		misplacedKeys(f, "gaps")
		misplacedKeys(f, "objections")
	case TypeCampaign:
		p.Starts = f.date("starts")
		p.Ends = f.date("ends")
		p.Offer = f.string("offer")
		p.Roles = f.strings("roles")
		r.briefing = f.string("briefing")
		r.promises = f.strings("promises")
		if p.Starts.IsZero() && !f.has("starts") {
			require("starts", "")
		}
		if p.Ends.IsZero() && !f.has("ends") {
			require("ends", "")
		}
		if !p.Starts.IsZero() && !p.Ends.IsZero() && p.Ends.Before(p.Starts) {
			f.errorf("ends", "ends: the campaign ends (%s) before it starts (%s)", p.Ends.Format(time.DateOnly), p.Starts.Format(time.DateOnly))
		}
	case TypePersona:
		p.Role = f.string("role")
		p.Pains = f.strings("pains")
		p.Criteria = f.strings("criteria")
		require("role", p.Role)
	}
	return r
}

// readObjections reads a competitor's [[objections]]. One without its
// objection or its response is an error at its table, and left out: half
// a talk track is not one.
func readObjections(f *frontMatter) []Objection {
	var out []Objection
	for i, t := range f.tables("objections") {
		objection, objectionOK := f.tableString("objections", i, t, "objection")
		response, responseOK := f.tableString("objections", i, t, "response")
		o := Objection{Objection: objection, Response: response}
		switch {
		case !objectionOK || !responseOK:
			// Its own error says why.
		case o.Objection == "" && o.Response == "":
			f.tableErrorf("objections", i, `objections: an objection needs "objection" (what the customer says) and "response" (the talk track)`)
		case o.Objection == "":
			f.tableErrorf("objections", i, `objections: the response %q answers no "objection": say what the customer says`, clip(o.Response))
		case o.Response == "":
			f.tableErrorf("objections", i, `objections: objection %q has no "response": give the talk track that answers it`, clip(o.Objection))
		default:
			out = append(out, o)
		}
	}
	return out
}

// pageKeys are the keys of a competitor page that TOML puts inside the
// table above them when they are written after a [[gaps]] or
// [[objections]] header: an easy slip, and silent but for this.
var pageKeys = []string{"title", "description", "competitor", "why_we_win", "landmines", "gaps", "objections", "owner", "reviewed", "review_every", "tags", "weight", "id", "draft", "aliases"}

// misplacedKeys reports each page key found inside a table of the list
// key, at its line.
func misplacedKeys(f *frontMatter, key string) {
	for i, t := range asTables(f.data[key]) {
		for _, k := range pageKeys {
			if _, ok := t[k]; ok {
				f.ps.errorf(f.file, f.tableKeyLine(key, i, k), "%s: %q is a key of the page, not of one of its %s: move it above the first [[%s]]", key, k, key, key)
			}
		}
	}
}

// asTables returns v as a list of tables; nil if it is not one (reported
// where the list is read).
func asTables(v any) []map[string]any {
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil
			}
			out[i] = m
		}
		return out
	}
	return nil
}

// clip shortens text quoted in a problem to its first words.
func clip(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:limit])) + "…"
}

// tableString returns the text of field in t, the table i of the list
// key, read as string reads a key: a value written bare, or a list,
// is the text it means. Anything else is an error at the field's line,
// and false.
func (f *frontMatter) tableString(key string, i int, t map[string]any, field string) (string, bool) {
	v, ok := t[field]
	if !ok || v == nil {
		return "", true
	}
	text, bad := asText(v)
	switch {
	case bad == nil:
		return text, true
	case bad.item < 0:
		f.ps.errorf(f.file, f.tableKeyLine(key, i, field), "%s: %s: want text, got %s", key, field, describe(v))
	default:
		f.ps.errorf(f.file, f.tableKeyLine(key, i, field), "%s: %s: want text or a list of text, found %s in it", key, field, describe(bad.value))
	}
	return "", false
}

func invalidUTF8(src []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, utf8.RuneCount(src[start:i]) + 1
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return line, 1
}
