// Package i18n holds the words a site's theme and playbook itself show
// readers, in the site's language.
//
// The words are read from language files, i18n/<lang>.toml, in each
// layer of a theme: the site's own folder, its theme folder under themes/
// and the default theme built into playbook. A key is looked up in the
// file of the site's language of each layer, upper first, then in those
// of the language's base ("de" for "de-AT"), then in English, so a site
// overrides single words and a translation that lacks a key shows the
// English one. The English files of all layers together say which keys
// exist: a key no English file has is a mistake, told with the nearest
// key.
//
// A key's value is text, or a table of CLDR plural categories (zero,
// one, two, few, many, other), of which the one the language uses for a
// count is chosen (golang.org/x/text/feature/plural), "other" where the
// table lacks it. Text holds placeholders in braces, {count} and names
// the caller gives ({name}, {section}); Expand fills them. Two keys have
// other values: "date" is the pattern of a date, with {day}, {month} and
// {year}, and "months" the twelve names of the months.
//
// The package sits between render, which shows the words, and site, whose
// Problem and Near it uses to tell mistakes in the files.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"playbook/internal/site"
)

// Dir is the folder of a theme layer that holds its language files.
const Dir = "i18n"

// The checks of language files, as Problem.Check names them.
const (
	// UnknownKeyCheck is a key of a language file that no English file
	// has: a misspelt key, which no layout asks for.
	UnknownKeyCheck = "translation-key"
	// NoLanguageCheck is a site's language that no layer has a file for:
	// its pages show the theme's words in English.
	NoLanguageCheck = "no-translation"
)

// A Layer is one layer of a theme's files: the site's own folder, its
// theme folder, or the default theme.
type Layer struct {
	// FS holds the layer's files, i18n/ at its root.
	FS fs.FS
	// Prefix is the path of the layer's root from the site's folder
	// ("", "themes/corp/"), for problems; the default theme's files are
	// named as they are.
	Prefix string
}

// A Message is the text of a key: one text, or one a plural form.
type Message struct {
	// forms holds the text of each plural form; forms[plural.Other] is
	// the text of a key that is not a plural table.
	forms [6]string
	// has marks the forms the file gave.
	has [6]bool
	// Plural reports whether the value was a table of plural forms.
	Plural bool
}

// Text returns the message's text: that of the form "other" of a plural
// table.
func (m *Message) Text() string { return m.forms[plural.Other] }

// A Table is the words of a site in its language, with every layer's
// files merged: a key's Message is a map lookup.
type Table struct {
	// Lang is the language the words are chosen for.
	Lang language.Tag
	// Found reports whether some layer had a file of the language or
	// its base; an English site always has.
	Found bool
	msgs  map[string]*Message
	// date is the pattern of a date and months the months' names.
	date   string
	months [12]string
}

// forms names the plural categories a table may hold.
var forms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// A file is one language file read.
type file struct {
	name string // from the site's folder
	text string
	msgs map[string]*Message
	// date and months, if the file gives them.
	date   string
	months []string
}

// Load reads the language files of lang from layers, upper first, and
// returns the table of its words, and the problems of the files: a file
// that is not TOML or holds a value of another shape is an error at its
// line; a key of a language file no English file has, and a language no
// layer has a file for, are warnings. Every file of every layer is
// checked, whatever the language.
func Load(layers []Layer, lang string) (*Table, site.Problems) {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	var ps site.Problems
	byLang := map[string][]*file{} // lower-case language: a file per layer, upper first
	for _, l := range layers {
		entries, err := fs.ReadDir(l.FS, Dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || path.Ext(name) != ".toml" {
				continue
			}
			f, p := readFile(l, name)
			ps = append(ps, p...)
			if f != nil {
				key := strings.ToLower(strings.ReplaceAll(strings.TrimSuffix(name, ".toml"), "_", "-"))
				byLang[key] = append(byLang[key], f)
			}
		}
	}
	known := map[string]bool{}
	for _, f := range byLang["en"] {
		for k := range f.msgs {
			known[k] = true
		}
	}
	ps = append(ps, unknownKeys(byLang, known)...)

	t := &Table{Lang: tag, msgs: map[string]*Message{}}
	// The chain of files, best first: the language, its base, English.
	var chain []*file
	want := strings.ToLower(lang)
	for {
		chain = append(chain, byLang[want]...)
		if len(byLang[want]) > 0 && want != "en" {
			t.Found = true
		}
		i := strings.LastIndexByte(want, '-')
		if i < 0 {
			break
		}
		want = want[:i]
	}
	base, _ := tag.Base()
	if base.String() == "en" {
		t.Found = true
	}
	if want != "en" {
		chain = append(chain, byLang["en"]...)
	}
	for _, f := range chain {
		for k, m := range f.msgs {
			if _, ok := t.msgs[k]; !ok && known[k] {
				t.msgs[k] = m
			}
		}
		if t.date == "" {
			t.date = f.date
		}
		if t.months[0] == "" && len(f.months) == 12 {
			copy(t.months[:], f.months)
		}
	}
	if t.date == "" {
		t.date = "{day} {month} {year}"
	}
	if t.months[0] == "" {
		for i := range t.months {
			t.months[i] = time.Month(i + 1).String()[:3]
		}
	}
	return t, ps
}

// NoLanguage returns the warning of a site whose language no layer has a
// file for, at line of site.toml, naming the files that would translate
// it.
func NoLanguage(layers []Layer, lang string, line int) site.Problem {
	var files []string
	for _, l := range layers {
		if l.Prefix != "" || len(files) == 0 {
			files = append(files, l.Prefix+Dir+"/"+lang+".toml")
		}
	}
	files = slices.Compact(files)
	var shipped []string
	if len(layers) > 0 {
		entries, _ := fs.ReadDir(layers[len(layers)-1].FS, Dir)
		for _, e := range entries {
			if name, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
				shipped = append(shipped, name)
			}
		}
	}
	return site.Problem{
		File: site.ConfigFile, Line: max(line, 1), Warning: true, Check: NoLanguageCheck,
		Msg: fmt.Sprintf("language %q: no file has the theme's words in it, so pages show them in English; write %s with the keys of the default theme's i18n/en.toml (playbook ships %s)", lang, strings.Join(files, " or "), strings.Join(shipped, ", ")),
	}
}

// readFile reads the language file name of layer l.
func readFile(l Layer, name string) (*file, site.Problems) {
	shown := l.Prefix + Dir + "/" + name
	b, err := fs.ReadFile(l.FS, Dir+"/"+name)
	if err != nil {
		return nil, site.Problems{{File: shown, Msg: "read: " + err.Error()}}
	}
	f := &file{name: shown, text: string(b), msgs: map[string]*Message{}}
	var raw map[string]any
	if _, err := toml.Decode(f.text, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, site.Problems{{File: shown, Line: pe.Position.Line, Msg: pe.Message}}
		}
		return nil, site.Problems{{File: shown, Line: 1, Msg: err.Error()}}
	}
	var ps site.Problems
	bad := func(key, format string, args ...any) {
		ps = append(ps, site.Problem{File: shown, Line: keyLine(f.text, key), Msg: key + ": " + fmt.Sprintf(format, args...)})
	}
	// In order, so that two problems of one line are told alike each time.
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		switch v := raw[k].(type) {
		case string:
			if k == "date" {
				f.date = v
				continue
			}
			m := &Message{}
			m.forms[plural.Other], m.has[plural.Other] = v, true
			f.msgs[k] = m
		case []any:
			if k != "months" {
				bad(k, "want text, or a table of plural forms (one = \"...\", other = \"...\"), got a list")
				continue
			}
			if len(v) != 12 {
				bad(k, "want the names of the 12 months, got %d", len(v))
				continue
			}
			for _, n := range v {
				s, ok := n.(string)
				if !ok {
					bad(k, "want the names of the 12 months as text")
					break
				}
				f.months = append(f.months, s)
			}
		case map[string]any:
			m := &Message{Plural: true}
			ok := true
			for _, form := range slices.Sorted(maps.Keys(v)) {
				text := v[form]
				i, known := forms[form]
				s, isText := text.(string)
				if !known || !isText {
					bad(k, "a table of plural forms has text for zero, one, two, few, many and other; got %q", form)
					ok = false
					break
				}
				m.forms[i], m.has[i] = s, true
			}
			if ok && !m.has[plural.Other] {
				bad(k, "a table of plural forms needs \"other\", the form every language has")
				ok = false
			}
			if ok {
				f.msgs[k] = m
			}
		default:
			bad(k, "want text, or a table of plural forms (one = \"...\", other = \"...\")")
		}
	}
	if len(f.months) != 0 && len(f.months) != 12 {
		f.months = nil
	}
	return f, ps
}

// unknownKeys warns of the keys of language files that no English file
// has, with the nearest known key.
func unknownKeys(byLang map[string][]*file, known map[string]bool) site.Problems {
	var ps site.Problems
	for lang, files := range byLang {
		if lang == "en" {
			continue
		}
		for _, f := range files {
			for k := range f.msgs {
				if known[k] {
					continue
				}
				msg := fmt.Sprintf("key %q is in no English file (i18n/en.toml of the site, its theme or the default theme): no layout asks for it", k)
				if near := Nearest(k, known); near != "" {
					msg += fmt.Sprintf(": did you mean %q?", near)
				}
				ps = append(ps, site.Problem{File: f.name, Line: keyLine(f.text, k), Warning: true, Check: UnknownKeyCheck, Msg: msg})
			}
		}
	}
	ps.Sort()
	return ps
}

// Nearest returns the key of known nearest key, a typo of it, or "".
func Nearest(key string, known map[string]bool) string {
	best, bestD := "", 0
	for k := range known {
		if d, ok := site.Near(key, k); ok && (best == "" || d < bestD || d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	return best
}

// keyLine returns the line of text that sets key, or 1.
func keyLine(text, key string) int {
	for i, line := range strings.Split(text, "\n") {
		l := strings.TrimLeft(line, " \t")
		l = strings.TrimPrefix(strings.TrimPrefix(l, `"`), "'")
		if rest, ok := strings.CutPrefix(l, key); ok {
			rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, `"`), "'"), " \t")
			if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "]") {
				return i + 1
			}
		}
		if strings.HasPrefix(l, "["+key+"]") {
			return i + 1
		}
	}
	return 1
}

// Message returns the message of key, and an error naming the nearest
// key when no English file has it.
func (t *Table) Message(key string) (*Message, error) {
	if m, ok := t.msgs[key]; ok {
		return m, nil
	}
	msg := fmt.Sprintf("T %q: no such key in i18n/en.toml of the site, its theme or the default theme", key)
	known := make(map[string]bool, len(t.msgs))
	for k := range t.msgs {
		known[k] = true
	}
	if near := Nearest(key, known); near != "" {
		msg += fmt.Sprintf(": did you mean %q?", near)
	}
	return nil, errors.New(msg)
}

// Keys returns every key of the table, sorted.
func (t *Table) Keys() []string {
	keys := make([]string, 0, len(t.msgs))
	for k := range t.msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Form returns the plural form of count in the table's language.
func (t *Table) Form(count int) plural.Form {
	if count < 0 {
		count = -count
	}
	return plural.Cardinal.MatchPlural(t.Lang, count, 0, 0, 0, 0)
}

// Pick returns the text of m for count: the form the language uses for
// it, or "other" where m has not that form.
func (t *Table) Pick(m *Message, count int) string {
	if !m.Plural {
		return m.forms[plural.Other]
	}
	if f := t.Form(count); m.has[f] {
		return m.forms[f]
	}
	return m.forms[plural.Other]
}

// Forms returns the texts of m by CLDR category, for a script that
// chooses among them (Intl.PluralRules): {"one": ..., "other": ...}.
func (m *Message) Forms() map[string]string {
	out := map[string]string{}
	for name, f := range forms {
		if m.has[f] {
			out[name] = m.forms[f]
		}
	}
	return out
}

// Text returns the text of key for count (0 for a key with no count),
// its placeholders filled by value; a key no English file has returns the
// key itself.
func (t *Table) Text(key string, count int, value func(name string) (string, bool)) string {
	m, ok := t.msgs[key]
	if !ok {
		return key
	}
	return Expand(t.Pick(m, count), func(name string) (string, bool) {
		if name == "count" {
			return strconv.Itoa(count), true
		}
		if value == nil {
			return "", false
		}
		return value(name)
	})
}

// Expand returns text with each placeholder {name} that value knows
// replaced by its value; others are left as they are.
func Expand(text string, value func(name string) (string, bool)) string {
	if strings.IndexByte(text, '{') < 0 {
		return text
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		v, ok := value(text[i+1 : i+j])
		if !ok {
			b.WriteString(text[:i+j+1])
		} else {
			b.WriteString(text[:i])
			b.WriteString(v)
		}
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

// Date returns t as the language writes a date: "2 Jan 2006" in English.
func (t *Table) Date(when time.Time) string {
	if when.IsZero() {
		return ""
	}
	return Expand(t.date, func(name string) (string, bool) {
		switch name {
		case "day":
			return strconv.Itoa(when.Day()), true
		case "month":
			return t.months[when.Month()-1], true
		case "year":
			return strconv.Itoa(when.Year()), true
		}
		return "", false
	})
}

// DatePattern returns the pattern of a date and the months' names, for
// a script that writes dates as the pages do.
func (t *Table) DatePattern() (string, []string) { return t.date, t.months[:] }
