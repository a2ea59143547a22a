package site

import (
	"slices"
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
