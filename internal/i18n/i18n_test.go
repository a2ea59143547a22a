package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// layers returns a site's layer, a theme's and a default theme's, each
// with the language files given by name.
func layers(site, theme, def map[string]string) []Layer {
	fsys := func(files map[string]string) fstest.MapFS {
		m := fstest.MapFS{}
		for name, text := range files {
			m[Dir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
		}
		return m
	}
	return []Layer{{FS: fsys(site)}, {FS: fsys(theme), Prefix: "themes/corp/"}, {FS: fsys(def)}}
}

var defaultTheme = map[string]string{
	"en.toml": `next = "Next"
previous = "Previous"
pages = { one = "{count} page", other = "{count} pages" }
tag_title = "Tag: {name}"
months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
date = "{day} {month} {year}"
`,
	"de.toml": `next = "Weiter"
previous = "Zurück"
pages = { one = "{count} Seite", other = "{count} Seiten" }
tag_title = "Schlagwort: {name}"
months = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
date = "{day}. {month} {year}"
`,
	"pl.toml": `pages = { one = "{count} strona", few = "{count} strony", many = "{count} stron", other = "{count} strony" }`,
}

func TestLookup(t *testing.T) {
	for _, tt := range []struct {
		name      string
		site      map[string]string
		theme     map[string]string
		lang, key string
		count     int
		want      string
	}{
		{name: "english is the default theme's", lang: "en", key: "next", want: "Next"},
		{name: "a language's own word", lang: "de", key: "next", want: "Weiter"},
		{name: "a region falls back to its base", lang: "de-AT", key: "previous", want: "Zurück"},
		{name: "a region's own file comes first", lang: "de-AT", key: "next", site: map[string]string{"de-AT.toml": `next = "Nächste"`}, want: "Nächste"},
		{name: "the site overrides one word", lang: "de", key: "next", site: map[string]string{"de.toml": `next = "Vor"`}, want: "Vor"},
		{name: "the site's override leaves the others", lang: "de", key: "previous", site: map[string]string{"de.toml": `next = "Vor"`}, want: "Zurück"},
		{name: "the theme's word before the default theme's", lang: "de", key: "next", theme: map[string]string{"de.toml": `next = "Nächste Seite"`}, want: "Nächste Seite"},
		{name: "the site's word before the theme's", lang: "de", key: "next", site: map[string]string{"de.toml": `next = "Vor"`}, theme: map[string]string{"de.toml": `next = "Nächste Seite"`}, want: "Vor"},
		{name: "a key missing in a language is English", lang: "pl", key: "next", want: "Next"},
		{name: "a language with no file is English", lang: "sv", key: "previous", want: "Previous"},
		{name: "a site may change the English word", lang: "en", key: "next", site: map[string]string{"en.toml": `next = "Onward"`}, want: "Onward"},
		{name: "a theme's own key, in English", lang: "de", key: "motto", theme: map[string]string{"en.toml": `motto = "Keep it"`}, want: "Keep it"},
		{name: "a placeholder filled", lang: "de", key: "tag_title", want: "Schlagwort: Preise"},
		{name: "english one", lang: "en", key: "pages", count: 1, want: "1 page"},
		{name: "english other", lang: "en", key: "pages", count: 0, want: "0 pages"},
		{name: "german other", lang: "de", key: "pages", count: 21, want: "21 Seiten"},
		{name: "polish one", lang: "pl", key: "pages", count: 1, want: "1 strona"},
		{name: "polish few", lang: "pl", key: "pages", count: 3, want: "3 strony"},
		{name: "polish few above twenty", lang: "pl", key: "pages", count: 22, want: "22 strony"},
		{name: "polish many", lang: "pl", key: "pages", count: 5, want: "5 stron"},
		{name: "polish many in the teens", lang: "pl", key: "pages", count: 12, want: "12 stron"},
		{name: "polish many above twenty", lang: "pl", key: "pages", count: 25, want: "25 stron"},
		{name: "a form the table lacks is other", lang: "pl", key: "pages", count: 1, site: map[string]string{"pl.toml": `pages = { other = "stron: {count}" }`}, want: "stron: 1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab, ps := Load(layers(tt.site, tt.theme, defaultTheme), tt.lang)
			for _, p := range ps {
				if !p.Warning {
					t.Fatalf("problem: %s", p)
				}
			}
			got := tab.Text(tt.key, tt.count, func(name string) (string, bool) { return "Preise", name == "name" })
			if got != tt.want {
				t.Errorf("Text(%q, %d) in %s = %q, want %q", tt.key, tt.count, tt.lang, got, tt.want)
			}
		})
	}
}

func TestDate(t *testing.T) {
	when := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"en": "2 Mar 2026", "de": "2. März 2026", "de-CH": "2. März 2026", "sv": "2 Mar 2026"} {
		tab, _ := Load(layers(nil, nil, defaultTheme), lang)
		if got := tab.Date(when); got != want {
			t.Errorf("Date in %s = %q, want %q", lang, got, want)
		}
	}
	tab, _ := Load(layers(nil, nil, defaultTheme), "de")
	if got := tab.Date(time.Time{}); got != "" {
		t.Errorf("a zero date is %q, want none", got)
	}
}

func TestProblems(t *testing.T) {
	for _, tt := range []struct {
		name  string
		site  map[string]string
		theme map[string]string
		lang  string
		want  []string
	}{
		{name: "an unknown key is told with the one meant", lang: "de", site: map[string]string{"de.toml": "# words\nnext = \"Vor\"\nprevoius = \"Zurück\"\n"},
			want: []string{`i18n/de.toml:3: warning: key "prevoius" is in no English file (i18n/en.toml of the site, its theme or the default theme): no layout asks for it: did you mean "previous"?`}},
		{name: "a theme's unknown key is at its file", lang: "de", theme: map[string]string{"fr.toml": "nexd = \"Suivant\"\n"},
			want: []string{`themes/corp/i18n/fr.toml:1: warning: key "nexd" is in no English file (i18n/en.toml of the site, its theme or the default theme): no layout asks for it: did you mean "next"?`}},
		{name: "a file that is not TOML is an error at its line", lang: "de", site: map[string]string{"de.toml": "next = \"Vor\"\nprevious = Zurück\n"},
			want: []string{`i18n/de.toml:2: expected value but found "Zurück" instead`}},
		{name: "a plural table needs other", lang: "de", site: map[string]string{"de.toml": "\npages = { one = \"eine Seite\" }\n"},
			want: []string{`i18n/de.toml:2: pages: a table of plural forms needs "other", the form every language has`}},
		{name: "a plural table holds categories", lang: "de", site: map[string]string{"de.toml": "pages = { single = \"eine Seite\", other = \"{count}\" }\n"},
			want: []string{`i18n/de.toml:1: pages: a table of plural forms has text for zero, one, two, few, many and other; got "single"`}},
		{name: "a known key warns of nothing", lang: "de", site: map[string]string{"de.toml": "next = \"Vor\"\n"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := Load(layers(tt.site, tt.theme, defaultTheme), tt.lang)
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestFound(t *testing.T) {
	for lang, want := range map[string]bool{"en": true, "en-GB": true, "de": true, "de-AT": true, "pl": true, "sv": false} {
		tab, _ := Load(layers(nil, nil, defaultTheme), lang)
		if tab.Found != want {
			t.Errorf("Found for %s = %v, want %v", lang, tab.Found, want)
		}
	}
	p := NoLanguage(layers(nil, nil, defaultTheme), "sv", 3)
	want := `site.toml:3: warning: language "sv": no file has the theme's words in it, so pages show them in English; write i18n/sv.toml or themes/corp/i18n/sv.toml with the keys of the default theme's i18n/en.toml (playbook ships de, en, pl)`
	if p.String() != want {
		t.Errorf("NoLanguage:\n%s\nwant\n%s", p, want)
	}
}

func TestUnknownKeyInLayout(t *testing.T) {
	tab, _ := Load(layers(nil, nil, defaultTheme), "de")
	_, err := tab.Message("previus")
	if err == nil || !strings.Contains(err.Error(), `did you mean "previous"?`) {
		t.Errorf("Message(previus) = %v, want the nearest key", err)
	}
}
