package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"playbook/internal/i18n"
	"playbook/internal/markdown"
	"playbook/internal/site"
	"playbook/themes"
)

// TestTranslationsComplete: every language the default theme ships has
// every key of its English, and no other.
func TestTranslationsComplete(t *testing.T) {
	files, err := fs.Glob(themes.Default, "i18n/*.toml")
	if err != nil || len(files) < 3 {
		t.Fatalf("language files %v, %v: want en, de and fr at least", files, err)
	}
	keys := func(name string) []string {
		b, err := fs.ReadFile(themes.Default, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if _, err := toml.Decode(string(b), &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return slices.Sorted(maps.Keys(m))
	}
	en := keys("i18n/en.toml")
	for _, f := range files {
		got := keys(f)
		for _, k := range en {
			if !slices.Contains(got, k) {
				t.Errorf("%s lacks %q", f, k)
			}
		}
		for _, k := range got {
			if !slices.Contains(en, k) {
				t.Errorf("%s has %q, which en.toml has not", f, k)
			}
		}
		lang := strings.TrimSuffix(strings.TrimPrefix(f, "i18n/"), ".toml")
		if _, ps := i18n.Load(themeLayers(themes.Default), lang); len(ps) > 0 {
			t.Errorf("%s: %v", f, ps)
		}
	}
}

// TestScriptWordsInScripts: the English words the scripts hold are those
// of en.toml, which a site's language replaces.
func TestScriptWordsInScripts(t *testing.T) {
	var js strings.Builder
	for _, f := range []string{"static/assets/search.js", "static/assets/playbook.js"} {
		b, err := fs.ReadFile(themes.Default, f)
		if err != nil {
			t.Fatal(err)
		}
		js.Write(b)
	}
	for _, k := range scriptKeys {
		m, err := englishWords.Message(k)
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range m.Forms() {
			if strings.HasPrefix(k, "chain_") {
				continue // the index holds the English name
			}
			if !strings.Contains(js.String(), `"`+text+`"`) {
				t.Errorf("%s: the scripts do not hold %q", k, text)
			}
		}
	}
	if englishWords.scriptWords() != nil {
		t.Error("an English site gives its scripts words")
	}
	de, err := loadWords(themes.Default, "de", 0)
	if err != nil {
		t.Fatal(err)
	}
	if w := de.scriptWords(); w["search_no_results"] != "Keine Ergebnisse für {query}" || w["date"] != "{day}. {month} {year}" {
		t.Errorf("German script words: %v", w)
	}
}

// TestCallWord: {{T "key"}} of a key alone that the words have is a call
// of word0 once parsed, wherever it is written; T with a count or values,
// and a key the words lack (told as T tells it), stay T; the page writes
// the same.
func TestCallWord(t *testing.T) {
	const text = `{{T "skip_to_content"}}|{{if true}}{{T "owner"}}{{end}}|{{printf "%s" (T "status")}}|{{T "every_day" 2}}|{{T "no_such_key_here"}}`
	parsed := func() *template.Template {
		return template.Must(template.New("t").Funcs(funcs).Funcs(englishWords.funcs()).Parse(text))
	}
	tmpl := parsed()
	englishWords.callWord(tmpl)
	got := tmpl.Tree.Root.String()
	if n := strings.Count(got, wordFunc+" "); n != 3 {
		t.Errorf("%d calls of %s, want 3:\n%s", n, wordFunc, got)
	}
	if !strings.Contains(got, `T "every_day" 2`) || !strings.Contains(got, `T "no_such_key_here"`) {
		t.Errorf("T with a count, or of an unknown key, rewritten:\n%s", got)
	}
	var was, is strings.Builder
	errWas := parsed().Execute(&was, nil)
	errIs := tmpl.Execute(&is, nil)
	if was.String() != is.String() || fmt.Sprint(errWas) != strings.ReplaceAll(fmt.Sprint(errIs), wordFunc, "T") {
		t.Errorf("output %q (%v), want %q (%v)", is.String(), errIs, was.String(), errWas)
	}
}

// TestFoldWords: a constant word in the text, a quoted attribute or the
// title of base.html or a template it calls is text once folded, escaped
// as html/template escapes it there; in a script, a style, an unquoted
// attribute or a URL it stays a call; the page writes the same.
func TestFoldWords(t *testing.T) {
	w, err := loadWords(fstest.MapFS{"i18n/en.toml": {Data: []byte(`menu = "Tom & \"Jerry's\" <b>+1</b> 'x'"` + "\n")}}, "en", 0)
	if err != nil {
		t.Fatal(err)
	}
	const base = `<title>{{T "menu"}}</title><p title="{{T "menu"}}">{{T "menu"}}</p>` +
		`{{if .}}<b>{{T "menu"}}</b>{{end}}{{template "part" .}}` +
		`<p class={{T "menu"}}><a href="/{{T "menu"}}">x</a><script>var m = {{T "menu"}};</script><style>p{content:"{{T "menu"}}"}</style>` +
		`{{define "part"}}<i aria-label='{{T "menu"}}'>{{range .}}{{T "menu"}}{{end}}</i>{{end}}`
	parsed := func() *template.Template {
		tmpl := template.Must(template.New("base.html").Funcs(funcs).Funcs(w.funcs()).Parse(base))
		w.callWord(tmpl)
		return tmpl
	}
	calls := func(tmpl *template.Template) int {
		n := 0
		for _, t := range tmpl.Templates() {
			n += strings.Count(t.Tree.Root.String(), wordFunc+" ")
		}
		return n
	}
	was, folded := parsed(), parsed()
	w.foldWords(folded)
	if n := calls(folded); n != 4 {
		t.Errorf("%d words left to call, want 4 (unquoted attribute, URL, script, style):\n%s", n, folded.Tree.Root)
	}
	for _, data := range []any{nil, []int{1, 2}} {
		var want, got strings.Builder
		errWas := was.ExecuteTemplate(&want, "base.html", data)
		errIs := folded.ExecuteTemplate(&got, "base.html", data)
		if got.String() != want.String() || fmt.Sprint(errWas) != fmt.Sprint(errIs) {
			t.Errorf("folded page:\n%s (%v)\nwant:\n%s (%v)", got.String(), errIs, want.String(), errWas)
		}
		if !strings.Contains(got.String(), `<p title="Tom &amp; &#34;Jerry&#39;s&#34; &lt;b&gt;&#43;1&lt;/b&gt; &#39;x&#39;">`) {
			t.Errorf("the word in an attribute is not escaped for it:\n%s", got.String())
		}
	}
}

// TestFieldNames: What changed names a page's fields in the site's
// language, and a field no language file names as it is.
func TestFieldNames(t *testing.T) {
	de, err := loadWords(themes.Default, "de", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := de.fields([]string{"Sales behaviours", "Fulfils", "Something new"}); got != "Verhalten im Vertrieb, Gehaltene Versprechen, Something new" {
		t.Errorf("German fields: %q", got)
	}
	if got := englishWords.field("Landmines"); got != "Questions to suggest" {
		t.Errorf("English field Landmines: %q, want the battlecard's heading", got)
	}
}

// TestSiteWordsMarkdown: every title the Markdown writes itself has a
// word in the default theme, which a German site gives in German.
func TestSiteWordsMarkdown(t *testing.T) {
	w := SiteWords(fstest.MapFS{"site.toml": {Data: []byte("language = \"de\"\n")}}, site.Config{Language: "de", Theme: "default"})
	for _, k := range markdown.TitleKeys() {
		if w.Markdown[k] == "" {
			t.Errorf("no word for the Markdown's %q", k)
		}
	}
	if w.Markdown["note"] != "Hinweis" {
		t.Errorf("German note: %q", w.Markdown["note"])
	}
}
