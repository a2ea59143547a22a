package site

import (
	"slices"
	"strings"
	"testing"
)

func TestLinksAndContentSettings(t *testing.T) {
	c, ps := ParseConfig([]byte("[links]\nbroken = \"warn\"\nignore = [\"/images/**\"]\nexternal_base = \"https://h.example.com/\"\nbase_path = \"/handbook/\"\n[content]\nexclude = [\"**/drafts/**\"]\n"))
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	if !c.Links.WarnBroken() || c.Links.ExternalBase != "https://h.example.com" || c.Links.BasePath != "/handbook" ||
		!slices.Equal(c.Links.Ignore, []string{"/images/**"}) || !slices.Equal(c.Content.Exclude, []string{"**/drafts/**"}) {
		t.Errorf("settings read as %+v, %+v", c.Links, c.Content)
	}
	_, ps = ParseConfig([]byte("[links]\nbroken = \"ignore\"\nignore = [\"[\"]\nexternal_base = \"handbook.example.com\"\nbase_path = \"handbook\"\n[content]\nexclude = [\"a/[\"]\n"))
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := []string{
		`site.toml:2: links: broken = "ignore": want "error" or "warn"`,
		`site.toml:4: links: external_base = "handbook.example.com": want an absolute URL (https://handbook.example.com)`,
		`site.toml:5: links: base_path = "handbook": want a path from the host's root ("/handbook")`,
		`site.toml:3: links: ignore: bad pattern "["`,
		`site.toml:7: content: exclude: bad pattern "a/["`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%q\nwant:\n%q", got, want)
	}
}

// TestBaseURL: the site's address ends in a slash, and one that is no
// http or https address is an error at its line.
func TestBaseURL(t *testing.T) {
	for _, c := range []struct{ in, want, problem string }{
		{"https://intranet.example.com/sales/playbook", "https://intranet.example.com/sales/playbook/", ""},
		{"http://intranet/", "http://intranet/", ""},
		{"intranet/sales", "", `site.toml:2: base_url = "intranet/sales": want the http or https address the site is published at (https://intranet.example.com/sales/playbook/)`},
		{"https://intranet/?x=1", "", `site.toml:2: base_url = "https://intranet/?x=1": want the http or https address the site is published at (https://intranet.example.com/sales/playbook/)`},
	} {
		cfg, ps := ParseConfig([]byte("title = \"T\"\nbase_url = \"" + c.in + "\"\n"))
		var got []string
		for _, p := range ps {
			got = append(got, p.String())
		}
		if cfg.BaseURL != c.want || strings.Join(got, "\n") != c.problem {
			t.Errorf("base_url = %q: read as %q, problems %q; want %q, %q", c.in, cfg.BaseURL, got, c.want, c.problem)
		}
	}
}

// TestConfigKeptPastAValueInAListOfTables: a value of the wrong type that
// cannot be taken out to decode the rest (one in [[versions.ref]]) leaves
// the settings read so far, not an empty Config.
func TestConfigKeptPastAValueInAListOfTables(t *testing.T) {
	c, ps := ParseConfig([]byte("title = \"Acme\"\ntheme = \"corp\"\n[[versions.ref]]\nname = 5\nref = \"v1\"\n"))
	if c.Title != "Acme" || c.Theme != "corp" {
		t.Errorf("title %q, theme %q: want the settings before the bad value", c.Title, c.Theme)
	}
	if len(ps) != 1 || !strings.Contains(ps[0].String(), "versions.ref.name") {
		t.Errorf("problems %q, want the name's", ps)
	}
}
