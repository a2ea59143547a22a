package render

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"playbook/internal/i18n"
	"playbook/internal/markdown"
	"playbook/internal/site"
	"playbook/themes"
)

// words are the words of a site in its language (see package i18n), with
// the escaped text of each key that has no placeholder, which the T of
// layouts returns as it is: most calls are one map lookup.
type words struct {
	*i18n.Table
	plain map[string]template.HTML
	// problems are the warnings of the language files.
	problems site.Problems
	// script is ScriptWords, made once.
	scriptOnce sync.Once
	script     map[string]any
}

// loadWords reads the language files of theme's layers for lang.
func loadWords(theme fs.FS, lang string, langLine int) (*words, error) {
	layers := themeLayers(theme)
	t, ps := i18n.Load(layers, lang)
	var errs []error
	var warnings site.Problems
	for _, p := range ps {
		if p.Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, &site.ProblemError{Problem: p})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if !t.Found {
		warnings = append(warnings, i18n.NoLanguage(layers, lang, langLine))
	}
	w := &words{Table: t, plain: map[string]template.HTML{}, problems: warnings}
	for _, k := range t.Keys() {
		m, _ := t.Message(k)
		if !m.Plural && !strings.Contains(m.Text(), "{") {
			w.plain[k] = template.HTML(escapeWords(m.Text()))
		}
	}
	return w, nil
}

// Words are the words of a site in its language (see package i18n), for
// the text a page shows that another package writes: What changed's.
type Words struct{ w *words }

// LoadWords returns the words of lang in theme's layers (the site's
// folder, its theme folder and the default theme, see Theme), as the
// Renderer of a site of that language and theme reads them.
func LoadWords(theme fs.FS, lang string) (*Words, error) {
	w, err := loadWords(theme, lang, 0)
	if err != nil {
		return nil, err
	}
	return &Words{w}, nil
}

// Text returns the text of key for count, its placeholders filled by
// pairs of names and values: not escaped.
func (w *Words) Text(key string, count int, pairs ...string) string {
	return w.w.word(key, count, pairs...)
}

// Date writes t as the language writes a date.
func (w *Words) Date(t time.Time) string { return w.w.date(t) }

// TypeTitle returns the plural name of a page type, "section" for
// sections: "Promises".
func (w *Words) TypeTitle(typ string) string { return w.w.typeTitle(typ) }

// Words returns the words of r's site, in its language.
func (r *Renderer) Words() *Words { return &Words{r.words} }

// themeLayers returns the layers of theme for package i18n: the site's
// folder, its theme folder and the default theme, as Theme layers them.
func themeLayers(theme fs.FS) []i18n.Layer {
	l, ok := theme.(layered)
	if !ok {
		return []i18n.Layer{{FS: theme}}
	}
	var layers []i18n.Layer
	for _, f := range l {
		prefix := ""
		if in, ok := f.(linksInside); ok && in.dir != "." {
			prefix = in.dir + "/"
		}
		layers = append(layers, i18n.Layer{FS: f, Prefix: prefix})
	}
	return layers
}

// escapeWords escapes the text of a translation for HTML: the characters
// that start markup. Quotes and apostrophes are left as a layout's own
// text leaves them.
func escapeWords(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// wordFunc names the function {{T "key"}}, a key alone, calls once
// parsed (see callWord).
const wordFunc = "_pb_word"

// word0 is T of a key alone, which it takes as its only argument, and
// which the words have (see callWord), so it returns no error: text/
// template calls a function by making a slice for variadic arguments and
// a value for each result, at each call, and a page writes a hundred
// words.
func (w *words) word0(key string) template.HTML {
	h, _ := w.T(key)
	return h
}

// callWord makes each {{T "key"}} of the trees of t, a key written alone
// that the words have, a call of word0 (see wordFunc), before t is first
// run. A key they lack is left to T, to be told as T tells it.
func (w *words) callWord(t *template.Template) {
	known := func(key string) bool {
		_, err := w.Message(key)
		return err == nil
	}
	for _, t := range t.Templates() {
		if t.Tree != nil {
			callWordIn(t.Tree, t.Tree.Root, known)
		}
	}
}

// callWordIn does callWord for the nodes under node, of tree.
func callWordIn(tree *parse.Tree, node parse.Node, known func(string) bool) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				callWordIn(tree, c, known)
			}
		}
	case *parse.ActionNode:
		callWordPipe(tree, n.Pipe, known)
	case *parse.TemplateNode:
		callWordPipe(tree, n.Pipe, known)
	case *parse.IfNode:
		callWordBranch(tree, &n.BranchNode, known)
	case *parse.RangeNode:
		callWordBranch(tree, &n.BranchNode, known)
	case *parse.WithNode:
		callWordBranch(tree, &n.BranchNode, known)
	}
}

func callWordBranch(tree *parse.Tree, b *parse.BranchNode, known func(string) bool) {
	callWordPipe(tree, b.Pipe, known)
	callWordIn(tree, b.List, known)
	if b.ElseList != nil {
		callWordIn(tree, b.ElseList, known)
	}
}

func callWordPipe(tree *parse.Tree, p *parse.PipeNode, known func(string) bool) {
	if p == nil {
		return
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			if sub, ok := a.(*parse.PipeNode); ok {
				callWordPipe(tree, sub, known)
			}
		}
		if len(c.Args) != 2 {
			continue
		}
		id, isIdent := c.Args[0].(*parse.IdentifierNode)
		if key, isString := c.Args[1].(*parse.StringNode); isIdent && isString && id.Ident == "T" && known(key.Text) {
			c.Args[0] = parse.NewIdentifier(wordFunc).SetTree(tree).SetPos(id.Pos)
		}
	}
}

// foldWords writes the words of the constant {{T "key"}}s of t, which
// callWord made calls of word0, into the text of its layouts, escaped as
// html/template escapes them where they stand: a page writes some thirty
// such words, each two calls through reflection when run (the word, then
// its escaper). html/template escapes a layout's templates when it is
// first run, so t is run here once for that, into nothing, with data on
// which it stops at its first field; a layout that does not escape (told
// when a page is rendered with it) is left as it is, as is a word in a
// template base.html does not call (a cached part, run on its own) or in
// a context whose escaper is not one of escapeLike's.
func (w *words) foldWords(t *template.Template) {
	if t.Lookup("base.html") == nil {
		return
	}
	_ = t.ExecuteTemplate(io.Discard, "base.html", struct{}{})
	for _, t := range t.Templates() {
		if t.Tree != nil {
			w.foldList(t.Tree.Root)
		}
	}
}

// escapeLike holds, by the name of an escaper html/template puts after an
// action, a template whose one action is in the context of that escaper,
// between before and after: a word is folded by running html/template's
// own escaping, not a copy of it.
var escapeLike = map[string]struct {
	t             *template.Template
	before, after string
}{
	"_html_template_htmlescaper":   {template.Must(template.New("").Parse(`{{.}}`)), "", ""},
	"_html_template_attrescaper":   {template.Must(template.New("").Parse(`<p title="{{.}}">`)), `<p title="`, `">`},
	"_html_template_rcdataescaper": {template.Must(template.New("").Parse(`<title>{{.}}</title>`)), `<title>`, `</title>`},
}

// foldList folds the words of the nodes of l and of the lists under them
// (see foldWords), joining the text around a folded word into one node.
func (w *words) foldList(l *parse.ListNode) {
	if l == nil {
		return
	}
	nodes := l.Nodes[:0:0]
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			if text, ok := w.folded(n.Pipe); ok {
				nodes = appendText(nodes, n.Pos, []byte(text))
				continue
			}
		case *parse.TextNode:
			nodes = appendText(nodes, n.Pos, n.Text)
			continue
		case *parse.IfNode:
			w.foldList(n.List)
			w.foldList(n.ElseList)
		case *parse.RangeNode:
			w.foldList(n.List)
			w.foldList(n.ElseList)
		case *parse.WithNode:
			w.foldList(n.List)
			w.foldList(n.ElseList)
		}
		nodes = append(nodes, n)
	}
	l.Nodes = nodes
}

// appendText appends text to nodes: to the text node that ends them, or
// as a new one at pos.
func appendText(nodes []parse.Node, pos parse.Pos, text []byte) []parse.Node {
	if len(nodes) > 0 {
		if last, ok := nodes[len(nodes)-1].(*parse.TextNode); ok {
			last.Text = append(slices.Clip(last.Text), text...)
			return nodes
		}
	}
	return append(nodes, &parse.TextNode{NodeType: parse.NodeText, Pos: pos, Text: slices.Clone(text)})
}

// folded returns the text p writes if it is a word escaped for its
// context alone: a call of word0 with a key, then one escaper of
// escapeLike.
func (w *words) folded(p *parse.PipeNode) (string, bool) {
	if len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 2 || len(p.Cmds[1].Args) != 1 {
		return "", false
	}
	call, isCall := p.Cmds[0].Args[0].(*parse.IdentifierNode)
	key, isKey := p.Cmds[0].Args[1].(*parse.StringNode)
	escaper, isEscaper := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	if !isCall || !isKey || !isEscaper || call.Ident != wordFunc {
		return "", false
	}
	like, ok := escapeLike[escaper.Ident]
	if !ok {
		return "", false
	}
	var b strings.Builder
	if err := like.t.Execute(&b, w.word0(key.Text)); err != nil {
		return "", false
	}
	text, ok := strings.CutPrefix(b.String(), like.before)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(text, like.after)
}

// T is the T of layouts: the text of key in the site's language, as HTML.
// A first argument that is a number is the count a plural form is chosen
// by, {count} in the text; the others are pairs of a name and a value,
// {name} in the text: {{T "title_tag" "name" .Tag.Name}}. A value is
// escaped unless it is template.HTML already. A key no English file has
// is an error, with the nearest key.
func (w *words) T(key string, args ...any) (template.HTML, error) {
	if len(args) == 0 {
		if h, ok := w.plain[key]; ok {
			return h, nil
		}
	}
	m, err := w.Message(key)
	if err != nil {
		return "", err
	}
	count, hasCount := 0, false
	if len(args) > 0 {
		if n, ok := toInt(args[0]); ok {
			count, hasCount, args = n, true, args[1:]
		}
	}
	if len(args)%2 != 0 {
		return "", fmt.Errorf("T %q: want a count, then names and values in pairs", key)
	}
	values := map[string]string{}
	if hasCount {
		values["count"] = strconv.Itoa(count)
	}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return "", fmt.Errorf("T %q: the name of a value is text, got %v", key, args[i])
		}
		values[name] = valueHTML(args[i+1])
	}
	text := escapeWords(w.Pick(m, count))
	return template.HTML(i18n.Expand(text, func(name string) (string, bool) {
		v, ok := values[name]
		return v, ok
	})), nil
}

// valueHTML returns v as HTML: escaped, but for template.HTML.
func valueHTML(v any) string {
	switch v := v.(type) {
	case template.HTML:
		return string(v)
	case string:
		return escapeText(v)
	case int:
		return strconv.Itoa(v)
	case fmt.Stringer:
		return escapeText(v.String())
	}
	return escapeText(fmt.Sprint(v))
}

// toInt returns v as an int if it is an integer.
func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint:
		return int(n), true
	}
	return 0, false
}

// word returns the text of key in the site's language, for count, its
// placeholders filled by pairs of names and values: the words playbook
// writes itself, as text (escape it where it is HTML).
func (w *words) word(key string, count int, pairs ...string) string {
	return w.Text(key, count, func(name string) (string, bool) {
		for i := 0; i+1 < len(pairs); i += 2 {
			if pairs[i] == name {
				return pairs[i+1], true
			}
		}
		return "", false
	})
}

// date writes t as the site's language writes a date.
func (w *words) date(t time.Time) string { return w.Date(t) }

// datetime returns t as a <time> element: its date as the language writes
// it, and the date machines read.
func (w *words) datetime(t time.Time) template.HTML {
	iso := ""
	if !t.IsZero() {
		iso = t.Format(time.DateOnly)
	}
	return template.HTML(`<time datetime="` + iso + `">` + escapeText(w.Date(t)) + `</time>`)
}

// every returns how often an interval comes round, as a reader says it:
// "every year", "every 90 days", "every 6 months", "every 2 weeks". A
// number of days that is a whole number of years (365 to a year) or of
// weeks reads as those. Interval.String ("365d") stays as the interval
// is written, for warnings that quote the page; a zero interval is "".
func (w *words) every(i site.Interval) string {
	n, unit := i.N, i.Unit
	switch {
	case i.IsZero():
		return ""
	case unit == 'd' && n%365 == 0:
		n, unit = n/365, 'y'
	case unit == 'd' && n%7 == 0:
		n, unit = n/7, 'w'
	case unit == 'm' && n%12 == 0:
		n, unit = n/12, 'y'
	}
	key := map[byte]string{'d': "every_day", 'w': "every_week", 'm': "every_month", 'y': "every_year"}[unit]
	return w.word(key, n)
}

// englishWords are the default theme's English words alone: those of a
// layout made without a site (see tests) and of the tests' funcs.
var englishWords = func() *words {
	w, err := loadWords(themes.Default, "en", 0)
	if err != nil {
		panic(err) // the embedded files are fixed at compile time
	}
	return w
}()

// wordFuncs returns the functions of layouts that write words: T, and
// date, datetime and every in the site's language.
func (w *words) funcs() template.FuncMap {
	return template.FuncMap{
		"T":        w.T,
		wordFunc:   w.word0,
		"date":     w.date,
		"datetime": w.datetime,
		"every":    w.every,
		"field":    w.field,
		"fields":   w.fields,
	}
}

// FieldKey returns the key of the words naming a field What changed
// shows (see ChangedPage): "Sales behaviours" is field_sales_behaviours.
func FieldKey(name string) string {
	return "field_" + strings.ReplaceAll(strings.ToLower(name), " ", "_")
}

// field returns the name of a field What changed shows, in the site's
// language; a field the words do not name, as it is.
func (w *words) field(name string) string {
	if _, err := w.Message(FieldKey(name)); err != nil {
		return name
	}
	return w.word(FieldKey(name), 0)
}

// fields returns the names of fields, in the site's language, parted by
// commas: a name holds none.
func (w *words) fields(names []string) string {
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = w.field(n)
	}
	return strings.Join(shown, ", ")
}

// typeName returns the singular name of a page type: "Promise".
func (w *words) typeName(typ string) string {
	if _, ok := w.plain["type_"+typ]; !ok {
		return site.TypeNames[typ]
	}
	return w.word("type_"+typ, 0)
}

// typeTitle returns the plural name of a page type: "Promises"; of ""
// or "section", "Sections".
func (w *words) typeTitle(typ string) string {
	if typ == "" {
		typ = "section"
	}
	if _, ok := w.plain["types_"+typ]; !ok {
		return site.TypeTitles[typ]
	}
	return w.word("types_"+typ, 0)
}

// SiteWords returns the words of the site in src, whose settings are cfg,
// in its language, from the language files of its theme, that its
// loading writes (site.Options.Words): the plural names of the page
// types ("Promises"), for the sections a folder named after a type makes,
// and the titles the Markdown writes itself (an alert's). None where the
// theme or its language files cannot be read, which a build tells.
func SiteWords(src fs.FS, cfg site.Config) site.Words {
	theme, err := SiteTheme(src, cfg)
	if err != nil {
		return site.Words{}
	}
	w, err := loadWords(theme, cfg.Language, 0)
	if err != nil {
		return site.Words{}
	}
	types := make(map[string]string, len(site.Types))
	for _, t := range site.Types {
		types[t] = w.typeTitle(t)
	}
	titles := markdown.Titles{}
	for _, k := range markdown.TitleKeys() {
		titles[k] = w.word("markdown_"+k, 0)
	}
	return site.Words{TypeTitles: types, Markdown: titles}
}

// stageName returns the name of a behaviour's stage: "sales".
func (w *words) stageName(stage string) string {
	if _, ok := w.plain["stage_"+stage]; !ok {
		return stage
	}
	return w.word("stage_"+stage, 0)
}

// generatedTitle returns the title of generated page g, of the tag or
// role named name for those made one per tag or role.
func (r *Renderer) generatedTitle(g site.Generated, name string) string {
	key := "title_" + g.Kind
	if _, err := r.words.Message(key); err != nil {
		return g.Title + name
	}
	return r.words.word(key, 0, "name", name)
}

// words returns the words of d's site: English for a Data made with no
// Renderer, as tests make them.
func (d *Data) words() *words {
	if d.r == nil || d.r.words == nil {
		return englishWords
	}
	return d.r.words
}

// scriptKeys are the keys of the words the theme's scripts write
// (assets/search.js, assets/playbook.js), which hold the English ones.
var scriptKeys = []string{
	"search_all", "search_no_results", "search_some_words", "search_some_words_short",
	"search_count", "search_count_filtered", "search_first_shown", "search_unavailable",
	"filter_showing", "filter_showing_all", "filter_owner", "filter_status",
	"chain_connected", "chain_sales-gap", "chain_service-gap", "chain_disconnected",
	"printed",
}

// labelKeys are the words the stylesheet writes before the cells of
// Alignment's tables where they are cards (a phone), by the custom
// property that holds each: --pb-label-<key>; and the colon it writes
// after those and after the labels of stacked tables (data-label), which
// a language writes as it does (French with a narrow no-break space
// before it).
var labelKeys = []string{"status", "expectation", "sales", "service", "owner", "sales_follow_up", "colon"}

// LabelStyle returns the CSS that gives the stylesheet the words it
// writes itself (see labelKeys) in the site's language, for a layout to
// put in a <style> element: custom properties of :root. It is "" where
// they are the stylesheet's own English words, which pages then leave
// out.
func (f *Frame) LabelStyle() template.CSS {
	if f.words == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range labelKeys {
		msg, err := f.words.Message(k)
		en, _ := englishWords.Message(k)
		if err != nil || en == nil || msg.Text() == en.Text() {
			continue
		}
		b.WriteString("--pb-label-" + strings.ReplaceAll(k, "_", "-") + ":" + cssString(msg.Text()) + ";")
	}
	if b.Len() == 0 {
		return ""
	}
	return template.CSS(":root{" + b.String() + "}")
}

// cssString returns s as a CSS string, in double quotes: a quote, a
// backslash, "<" (which could end the <style> element) and control
// characters escaped by their code.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' || r == '<' || r == '>' || r < 0x20 || r == 0x7f {
			fmt.Fprintf(&b, "\\%x ", r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// ScriptWords returns the words the theme's scripts write, for a layout
// to give them as JSON (<script type="application/json" id="pb-words">):
// each key's text, or its table of plural forms; and "date" and
// "months". It is nil where they are the scripts' own English words,
// which pages then leave out.
func (f *Frame) ScriptWords() map[string]any {
	if f.words == nil {
		return nil
	}
	return f.words.scriptWords()
}

// scriptWords returns ScriptWords, made once.
func (w *words) scriptWords() map[string]any {
	w.scriptOnce.Do(func() {
		same := true
		m := map[string]any{}
		for _, k := range scriptKeys {
			msg, err := w.Message(k)
			if err != nil {
				continue
			}
			en, _ := englishWords.Message(k)
			if msg.Plural {
				m[k] = msg.Forms()
			} else {
				m[k] = msg.Text()
			}
			same = same && en != nil && fmt.Sprint(en.Forms()) == fmt.Sprint(msg.Forms())
		}
		date, months := w.DatePattern()
		enDate, enMonths := englishWords.DatePattern()
		m["date"], m["months"] = date, months
		if same && date == enDate && slices.Equal(months, enMonths) {
			return
		}
		w.script = m
	})
	return w.script
}
