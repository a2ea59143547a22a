package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"playbook/internal/markdown"
	"playbook/internal/site"
)

// shortcodesDir is the folder of a theme holding the site's own
// shortcodes, a template each, as in Hugo: layouts/shortcodes/NAME.html,
// and layouts/shortcodes/DIR/NAME.html for {{< DIR/NAME >}}.
const shortcodesDir = "layouts/shortcodes"

// shortcodeName matches the names of shortcodes a page can call, with
// the folders under shortcodesDir they are in.
var shortcodeName = regexp.MustCompile(`^[A-Za-z][\w-]*(?:/[A-Za-z][\w-]*)*$`)

// builtinCalls are the shortcodes playbook runs itself when the page is
// rendered, for want of a template of the site's of that name: the
// Learn theme's {{% children %}}, which lists the pages of a section, and
// Hugo's {{< param "key" >}}, which writes a setting (see paramHTML).
var builtinCalls = map[string]markdown.ShortcodeDef{"children": {}, "param": {}}

// innerUse matches a template reading the text between its tags, as
// Hugo looks for it.
var innerUse = regexp.MustCompile(`\.Inner\b|\.InnerDeindent\b`)

// shortcodeFiles returns the templates of theme's own shortcodes by
// name, in lower case: a template in a folder under shortcodesDir is
// named by its path there, "sub/name" for sub/name.html, as in Hugo.
// Hugo's ref and relref, which a page's links are written with, stay
// Hugo's.
func shortcodeFiles(theme fs.FS) map[string]string {
	files := map[string]string{}
	_ = fs.WalkDir(theme, shortcodesDir, func(file string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil // a folder that cannot be read holds none
		}
		name, ok := strings.CutSuffix(strings.TrimPrefix(file, shortcodesDir+"/"), ".html")
		if !ok || !shortcodeName.MatchString(name) {
			return nil
		}
		if name = strings.ToLower(name); name == "ref" || name == "relref" {
			return nil
		}
		files[name] = file
		return nil
	})
	return files
}

// shortcodeTemplate returns the name of the template of file, a file of
// shortcodeFiles: its path under layouts/, as the place of its errors.
func shortcodeTemplate(file string) string { return strings.TrimPrefix(file, "layouts/") }

// SiteShortcodes returns the shortcodes a site in src with settings cfg
// defines, in its layouts/shortcodes/ or its theme's, and those playbook
// runs itself (children), for site.Options.Shortcodes. A template that
// cannot be read is told when the theme is parsed.
func SiteShortcodes(src fs.FS, cfg site.Config) map[string]markdown.ShortcodeDef {
	theme, err := SiteTheme(src, cfg)
	if err != nil {
		return builtinCalls
	}
	files := shortcodeFiles(theme)
	if len(files) == 0 {
		return builtinCalls
	}
	defs := maps.Clone(builtinCalls)
	texts := &callTexts{theme: theme, cfg: cfg, files: files}
	// The texts of calls in headings depend on the templates: a page is
	// read again when one changes. Not on a change of a partial, which
	// would read every page again at each edit of a layout in a preview.
	sum := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b, _ := fs.ReadFile(theme, files[name])
		fmt.Fprintf(sum, "%s\x00%d\x00%s", files[name], len(b), b)
		defs[name] = markdown.ShortcodeDef{Inner: innerUse.Match(b), Text: texts.of(name)}
	}
	key := hex.EncodeToString(sum.Sum(nil))
	for name := range files {
		def := defs[name]
		def.Key = key
		defs[name] = def
	}
	return defs
}

// callTexts runs the templates of a site's own shortcodes for the text
// of a call in a heading (see markdown.ShortcodeDef.Text), while the
// page is read: with the call's arguments and inner text and the site's
// settings (.Site.Params), and no page, which is not read yet. A
// template reading .Page fails so and gives no text, the heading then
// reading as if the call wrote nothing; one reading the site's pages
// finds none.
type callTexts struct {
	theme fs.FS
	cfg   site.Config
	files map[string]string
	once  sync.Once
	// t holds the templates and partials, parsed when first asked: a
	// site rarely has a shortcode in a heading. It is nil if they do
	// not parse, which the build tells.
	t *template.Template
	// md renders the Markdown of markdownify and of {{% NAME %}}'s
	// inner text.
	md *markdown.Converter
}

// parse parses the templates of ts into ts.t.
func (ts *callTexts) parse() {
	w, err := loadWords(ts.theme, ts.cfg.Language, 0)
	if err != nil {
		return
	}
	ts.md = markdown.New(markdown.Options{Unsafe: ts.cfg.Markdown.Unsafe})
	t := template.New("").Funcs(funcs).Funcs(w.funcs()).Funcs(template.FuncMap{"markdownify": func(v any) (template.HTML, error) {
		html, err := ts.md.Markdownify(fmt.Sprint(v))
		return template.HTML(html), err
	}})
	for _, file := range append(partialFiles(ts.theme), slices.Collect(maps.Values(ts.files))...) {
		b, err := fs.ReadFile(ts.theme, file)
		if err != nil {
			return
		}
		if _, err := t.New(strings.TrimPrefix(file, "layouts/")).Parse(string(b)); err != nil {
			return
		}
	}
	ts.t = t
}

// of returns the Text of shortcode name.
func (ts *callTexts) of(name string) func(c *markdown.Call) (string, bool) {
	return func(c *markdown.Call) (string, bool) {
		ts.once.Do(ts.parse)
		if ts.t == nil {
			return "", false
		}
		inner := ""
		if c.Paired && c.Markdown {
			// Its links as written: the text is all that is wanted.
			html, err := ts.md.Markdownify(c.Text)
			if err != nil {
				return "", false
			}
			inner = html
		}
		sc := newShortcode(c, inner, ts.cfg.Markdown.Unsafe)
		sc.Site = &site.Site{Config: ts.cfg}
		var buf strings.Builder
		if err := ts.t.ExecuteTemplate(&buf, shortcodeTemplate(ts.files[name]), sc); err != nil {
			return "", false
		}
		return markdown.HTMLText(buf.String()), true
	}
}

// A shortcodeSet holds the templates of a site's own shortcodes.
type shortcodeSet struct {
	// master holds them, with the partials, each as
	// "shortcodes/NAME.html". It is never run: the templates run are
	// its clones, one for each call running at once (see runs), for
	// markdownify to know the call it is in.
	master *template.Template
	// files are the templates' files, by name.
	files map[string]string
	runs  sync.Pool
}

// A shortcodeRun is a clone of the templates and the call it runs.
type shortcodeRun struct {
	t   *template.Template
	cur *Shortcode
	r   *Renderer
}

// parseShortcodes parses the theme's shortcodes into a clone of common,
// the base layout and the partials, and returns an error for each
// template that does not parse.
func (r *Renderer) parseShortcodes(common *template.Template) (*shortcodeSet, []error) {
	files := shortcodeFiles(r.opts.Theme)
	if len(files) == 0 {
		return nil, nil
	}
	master, err := common.Clone()
	if err != nil {
		return nil, []error{err}
	}
	master.Funcs(template.FuncMap{"markdownify": noMarkdownify})
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(files)) {
		file := files[name]
		b, err := fs.ReadFile(r.opts.Theme, file)
		if err != nil {
			errs = append(errs, readError(file, err))
			continue
		}
		if _, err := master.New(shortcodeTemplate(file)).Parse(string(b)); err != nil {
			errs = append(errs, r.layoutError(err))
		}
	}
	r.words.callWord(master)
	set := &shortcodeSet{master: master, files: files}
	set.runs.New = func() any {
		run := &shortcodeRun{}
		t, err := master.Clone()
		if err != nil {
			return err
		}
		run.t = t.Funcs(template.FuncMap{"markdownify": run.markdownify})
		return run
	}
	return set, errs
}

// noMarkdownify names markdownify for the parse; each run binds its own.
func noMarkdownify(any) (template.HTML, error) { return "", errors.New("markdownify: no shortcode") }

// markdownify renders text as Markdown: the inner text of the call run
// is its HTML as the page's Markdown, links set and checked; other text
// is rendered anew, its links as written.
func (run *shortcodeRun) markdownify(v any) (template.HTML, error) {
	s := fmt.Sprint(v)
	if c := run.cur; c != nil && c.paired && (s == c.text || s == c.html) {
		return template.HTML(markdown.OneParagraph(c.html)), nil
	}
	if run.r.dry {
		return dryContent, nil
	}
	html, err := run.r.site.Markdown.Markdownify(s)
	if err != nil {
		return "", fmt.Errorf("markdownify: %w", err)
	}
	return template.HTML(html), nil
}

// A Shortcode is what the template of a site's own shortcode is run with,
// as in Hugo: {{.Get 0}}, {{.Get "title"}}, {{.Inner}}, {{.Page.Title}}.
type Shortcode struct {
	// Name is the shortcode's name, in lower case.
	Name string
	// Ordinal is its place among the shortcodes of the page, or of the
	// shortcode whose inner text it is in: 0 for the first.
	Ordinal int
	// IsNamedParams reports whether its arguments are named
	// (key="value").
	IsNamedParams bool
	// Params are its arguments: by name (map[string]string) if any is
	// named, otherwise in order ([]string).
	Params any
	// Inner is the text between its tags: of {{% NAME %}}, its Markdown
	// as HTML (template.HTML), links set as the page's own; of
	// {{< NAME >}}, the text as written, which markdownify renders. In
	// safe mode (see site.toml's [markdown]) that text is a string,
	// escaped where the template writes it, as raw HTML of the page's
	// is; otherwise template.HTML.
	Inner any
	// Page is the page the shortcode is on, and Site its site.
	Page *site.Page
	Site *site.Site
	// Parent is the shortcode of the site's whose inner text this one
	// is in, or nil, as in Hugo. The calls inside a shortcode run
	// first, so its Inner there is that of a call not yet rendered:
	// the text as written of {{< NAME >}}, nothing of {{% NAME %}}.
	Parent *Shortcode

	// url is the page's, for Rel.
	url        string
	positional []string
	named      map[string]string
	paired     bool
	// text is the inner text as written, html as HTML.
	text, html string
	markdown   bool
}

// Get returns an argument: by its position, from 0, or by its name. One
// not given is "", as in Hugo.
func (s *Shortcode) Get(key any) (string, error) {
	switch k := key.(type) {
	case int:
		if k < 0 || k >= len(s.positional) {
			return "", nil
		}
		return s.positional[k], nil
	case string:
		return s.named[strings.ToLower(k)], nil
	}
	return "", fmt.Errorf("Get: want a position (0, 1, ...) or a name, not %v", key)
}

// InnerDeindent returns Inner without the indentation all its lines
// share, as Hugo's: the text of a shortcode inside a list item.
func (s *Shortcode) InnerDeindent() any {
	if s.markdown || !s.paired {
		return s.Inner
	}
	text := deindent(s.text)
	if _, ok := s.Inner.(template.HTML); ok {
		return template.HTML(text)
	}
	return text
}

// Rel returns the URL of the page at url (from the site root, as
// .Page.URL) relative to the shortcode's page, as a link on it needs.
func (s *Shortcode) Rel(url string) string { return site.Rel(s.url, url) }

// deindent removes from text the indentation all its lines but blank
// ones share.
func deindent(text string) string {
	lines := strings.Split(text, "\n")
	common := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		switch {
		case first:
			common, first = indent, false
		default:
			for !strings.HasPrefix(indent, common) {
				common = common[:len(common)-1]
			}
		}
	}
	if common == "" {
		return text
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, common)
	}
	return strings.Join(lines, "\n")
}

// newShortcode returns what the template of call c on d's page is run
// with, inner the HTML of its inner text.
func (r *Renderer) newShortcode(d *Data, c *markdown.Call, inner string) *Shortcode {
	s := newShortcode(c, inner, r.site.Config.Markdown.Unsafe)
	s.Page, s.Site, s.url = d.Page, d.Site, d.URL
	return s
}

// newShortcode returns what the template of call c is run with, of no
// page yet, inner the HTML of its inner text; unsafe is site.toml's
// [markdown] unsafe.
func newShortcode(c *markdown.Call, inner string, unsafe bool) *Shortcode {
	s := &Shortcode{Name: c.Name, Ordinal: c.Ordinal,
		paired: c.Paired, text: c.Text, html: inner, markdown: c.Markdown}
	for _, a := range c.Args {
		if a.Key == "" {
			s.positional = append(s.positional, a.Value)
			continue
		}
		if s.named == nil {
			s.named = map[string]string{}
		}
		s.named[strings.ToLower(a.Key)] = a.Value
	}
	s.IsNamedParams = s.named != nil
	if s.IsNamedParams {
		s.Params = s.named
	} else {
		s.Params = s.positional
	}
	switch {
	case !c.Paired:
		s.Inner = template.HTML("")
	case c.Markdown:
		s.Inner = template.HTML(inner)
	case unsafe:
		s.Inner = template.HTML(c.Text)
	default:
		s.Inner = c.Text
	}
	return s
}

// shortcodeAt returns what the template of doc's call i, on d's page,
// is run with before the calls inside it have run: its Parent's for a
// call inside it (see Shortcode.Parent). It is nil for i = -1, at the
// top, and beyond a chain as long as the calls, which only a Doc not
// made by Parse could hold.
func (r *Renderer) shortcodeAt(d *Data, doc *markdown.Doc, i, depth int) *Shortcode {
	if i < 0 || i >= len(doc.Calls) || depth > len(doc.Calls) {
		return nil
	}
	c := &doc.Calls[i]
	s := r.newShortcode(d, c, "")
	s.Parent = r.shortcodeAt(d, doc, c.Parent, depth+1)
	return s
}

// runShortcode returns the HTML of call c of doc, the document of d's
// page: its template's output, or the built-in's.
func (r *Renderer) runShortcode(d *Data, doc *markdown.Doc, c *markdown.Call, inner string) (string, error) {
	sc := r.newShortcode(d, c, inner)
	sc.Parent = r.shortcodeAt(d, doc, c.Parent, 0)
	if r.shortcodes != nil && r.shortcodes.files[c.Name] != "" {
		return r.shortcodes.run(r, sc, c, d.Page)
	}
	switch c.Name {
	case "children":
		return childrenHTML(d, sc), nil
	case "param":
		return paramHTML(d, sc, c)
	}
	// The site's shortcodes were listed when its pages were read: one
	// gone since is told where it is called.
	return "", callError(d.Page, c, fmt.Sprintf("shortcode %q: no %s/%s.html", c.Name, shortcodesDir, c.Name))
}

// callError is the error msg of call c on page p, told at the call.
func callError(p *site.Page, c *markdown.Call, msg string) error {
	return &site.ProblemError{Problem: site.Problem{File: p.File, Line: p.BodyLine() + int(c.Pos.Line) - 1, Col: int(c.Pos.Col), Msg: msg}}
}

// paramHTML returns Hugo's {{< param "key" >}}, called at c on the page
// of d: the value of key in the page's front matter, else in site.toml's
// [params], as text (a paragraph, on a line of its own); a dotted key ("support.phone") reads into a table,
// and keys are matched in any case, as Hugo matches them. A key in
// neither is an error at the call, as it is in Hugo.
func paramHTML(d *Data, sc *Shortcode, c *markdown.Call) (string, error) {
	key, _ := sc.Get(0)
	if key == "" {
		key, _ = sc.Get("name")
	}
	if key == "" {
		return "", callError(d.Page, c, `shortcode "param": no key given: write {{< param "key" >}}`)
	}
	for _, params := range []map[string]any{d.Page.Params, d.Site.Config.Params} {
		if v, ok := lookupParam(params, key); ok {
			if c.Block {
				// Text, as Hugo's, which goldmark reads as a
				// paragraph.
				return "<p>" + escapeText(fmt.Sprint(v)) + "</p>", nil
			}
			return escapeText(fmt.Sprint(v)), nil
		}
	}
	return "", callError(d.Page, c, fmt.Sprintf(`shortcode "param": %q is set neither in the page's front matter nor in site.toml's [params]`, key))
}

// lookupParam returns the value of the dotted key in params, whose keys
// are matched in any case, and whether it is there.
func lookupParam(params map[string]any, key string) (any, bool) {
	var v any = params
	for part := range strings.SplitSeq(key, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[part]; !ok {
			// In the keys' order: a build is the same at every run.
			found := false
			for _, k := range slices.Sorted(maps.Keys(m)) {
				if strings.EqualFold(k, part) {
					v, found = m[k], true
					break
				}
			}
			if !found {
				return nil, false
			}
		}
	}
	return v, v != nil
}

// run runs the template of sc's shortcode, called at c on page p.
func (set *shortcodeSet) run(r *Renderer, sc *Shortcode, c *markdown.Call, p *site.Page) (string, error) {
	got := set.runs.Get()
	run, ok := got.(*shortcodeRun)
	if !ok {
		return "", fmt.Errorf("shortcodes: %v", got)
	}
	run.cur, run.r = sc, r
	var buf bytes.Buffer
	err := run.t.ExecuteTemplate(&buf, shortcodeTemplate(set.files[c.Name]), sc)
	run.cur, run.r = nil, nil
	set.runs.Put(run)
	if err != nil {
		return "", r.shortcodeError(err, c, p)
	}
	// The newline a template file ends with is not the shortcode's: in
	// a sentence it would part "£12" from the comma after it.
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// shortcodeError is a shortcode's template failing where page p calls
// it at c: told at the call, with the template's place.
func (r *Renderer) shortcodeError(err error, c *markdown.Call, p *site.Page) error {
	pe := r.layoutError(err)
	at := pe.File
	if pe.Line > 0 {
		at += fmt.Sprintf(":%d", pe.Line)
		if pe.Col > 0 {
			at += fmt.Sprintf(":%d", pe.Col)
		}
	}
	return &site.ProblemError{Problem: site.Problem{File: p.File, Line: p.BodyLine() + int(c.Pos.Line) - 1, Col: int(c.Pos.Col),
		Msg: fmt.Sprintf("shortcode %q: %s: %s", c.Name, at, pe.Msg)}}
}

// childrenHTML returns the Learn theme's {{% children %}}: a list of
// links to the pages of the section of d, each with its description
// where description="true".
func childrenHTML(d *Data, sc *Shortcode) string {
	p := d.Page
	if p == nil || len(p.Children) == 0 {
		return ""
	}
	desc, _ := sc.Get("description")
	var b strings.Builder
	b.WriteString(`<ul class="children">` + "\n")
	for _, c := range p.Children {
		b.WriteString(`<li><a href="` + escapeText(d.Link(c)) + `">` + escapeText(c.LinkTitle()) + "</a>")
		if desc == "true" && c.Description != "" {
			// On the link's line: a paragraph of each would part the
			// items as a loose list's.
			b.WriteString(` — <span class="description">` + escapeText(c.Description) + "</span>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
	return b.String()
}

// dryShortcodes runs the calls of the page of d, whose document is doc,
// as a check does: each with its inner text as the page's Markdown would
// be, unrendered, for the templates' faults to be told.
func (r *Renderer) dryShortcodes(d *Data, doc *markdown.Doc) error {
	for i := range doc.Calls {
		c := &doc.Calls[i]
		inner := ""
		if c.Paired {
			inner = string(dryContent)
		}
		if _, err := r.runShortcode(d, doc, c, inner); err != nil {
			return err
		}
	}
	return nil
}
