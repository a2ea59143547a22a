package versions

import (
	"strings"
	"testing"
)

// TestOldVersionBanner: every page of a version other than the latest
// says which version it is and leads to the same page in the latest, or
// to the latest's home where the page is gone; the latest has no banner.
func TestOldVersionBanner(t *testing.T) {
	r := history(t)
	_, out := build(t, r.dir)
	tests := []struct {
		name, page string
		want       string // "" for no banner
	}{
		{
			"an old version's page leads to the same page in the latest",
			"q2/promises/fast/index.html",
			`You are reading <strong>q2</strong> — the latest is <strong>q3</strong>:
  <a href="../../../q3/promises/fast/" data-keep-place>this page in the latest version</a>`,
		},
		{
			"a page moved since is found by its id",
			"q1/guides/glossary/index.html",
			`<a href="../../../q3/reference/glossary/" data-keep-place>this page in the latest version</a>`,
		},
		{
			"a page gone from the latest leads to its home",
			"q2/guides/old-price-list/index.html",
			`<a href="../../../q3/">its home page</a> (this page is not in it)`,
		},
		{
			"a generated page leads to the latest's",
			"q1/changes/index.html",
			`<a href="../../q3/changes/" data-keep-place>this page in the latest version</a>`,
		},
		{
			"the working tree says it is not published",
			"draft/promises/fast/index.html",
			`You are reading <strong>draft</strong>, not yet published — the latest is <strong>q3</strong>:`,
		},
		{"the latest has none", "q3/promises/fast/index.html", ""},
		{"latest/ has none", "latest/reference/glossary/index.html", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := file(t, out, tt.page)
			banner, ok := between(page, `<p class="version-banner" role="note">`, "</p>")
			switch {
			case tt.want == "" && ok:
				t.Errorf("%s shows a banner: %s", tt.page, banner)
			case tt.want != "" && !strings.Contains(banner, tt.want):
				t.Errorf("%s: banner %q lacks %q", tt.page, banner, tt.want)
			}
		})
	}
}

// TestTagLabels: a tag's label, in the switcher and the banner, is the
// first line of its annotation; a lightweight tag is shown by its name.
func TestTagLabels(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n", "content/a.md": "# A\n"})
	r.commit("one", "")
	r.git("tag", "-a", "playbook-q3", "-m", "Q3 2026\n\nThe autumn playbook.")
	r.write(map[string]string{"content/a.md": "# A, again\n"})
	r.commit("two", "playbook-q4")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\n[versions]\ntags = \"playbook-*\"\n"})
	b, out := build(t, r.dir)
	var labels []string
	for _, v := range b.Versions {
		labels = append(labels, v.Name+"="+v.Label)
	}
	if got, want := strings.Join(labels, " "), "playbook-q4=playbook-q4 playbook-q3=Q3 2026"; got != want {
		t.Errorf("labels %q, want %q", got, want)
	}
	page := file(t, out, "playbook-q3/a/index.html")
	for _, want := range []string{
		`data-version="playbook-q3">Q3 2026</a>`,
		`You are reading <strong>Q3 2026</strong> — the latest is <strong>playbook-q4</strong>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("playbook-q3/a/ lacks %s", want)
		}
	}
}

// between returns the text of s after the first start, up to the next end.
func between(s, start, end string) (string, bool) {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(after, end)
	return in, ok
}

// TestRootPage: the root page of a versioned build, which lists the
// versions, is titled with the site's name, from the working tree's
// site.toml or else the latest version's, in the language of the latest
// version, whose words it shows (its lang is theirs); a theme's own
// versions.html that ranges over the versions, as written before the list
// named the site, still works.
func TestRootPage(t *testing.T) {
	const ranging = `<ul>{{range .}}<li>{{.Name}} {{.Label}} {{.Commit}} {{.Latest}}</li>{{end}}</ul>{{len .}} {{(index . 0).Name}}`
	tests := []struct {
		name     string
		worktree string // the working tree's site.toml, before its versions block
		layout   string // layouts/versions.html, if the site has its own
		want     []string
	}{
		{
			name:     "titled, in the latest's language",
			worktree: "title = \"Acme\"\nlanguage = \"fr\"\n",
			want:     []string{`<html lang="de">`, `<title>Versionen · Acme</title>`, `<p class="eyebrow">Acme</p>`, `href="q2/">Q2 2026</a>`},
		},
		{
			name: "the latest's title where the working tree has none",
			want: []string{`<html lang="de">`, `<title>Versionen · Acme Heating</title>`},
		},
		{
			name:     "a theme's own layout ranging over the versions",
			worktree: "title = \"Acme\"\n",
			layout:   ranging,
			want:     []string{"<li>q2 Q2 2026 ", " true</li><li>q1 q1 ", " false</li></ul>2 q2"},
		},
		{
			name:     "a theme's own layout naming the site",
			worktree: "title = \"Acme\"\nlanguage = \"nl\"\n",
			layout:   `<html lang="{{.Language}}"><title>{{.Title}}</title>` + ranging,
			want:     []string{`<html lang="de"><title>Acme</title><ul><li>q2 `},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t, t.TempDir())
			r.write(map[string]string{"site.toml": "title = \"Acme Heating\"\nlanguage = \"de\"\n", "content/a.md": "# A\n"})
			r.commit("one", "q1")
			r.write(map[string]string{"content/a.md": "# A, again\n"})
			r.commit("two", "")
			r.git("tag", "-a", "q2", "-m", "Q2 2026")
			files := map[string]string{"site.toml": tt.worktree + "[versions]\ntags = \"q*\"\n"}
			if tt.layout != "" {
				files["layouts/versions.html"] = tt.layout
			}
			r.write(files)
			_, out := build(t, r.dir)
			page := file(t, out, "index.html")
			for _, want := range tt.want {
				if !strings.Contains(page, want) {
					t.Errorf("the root page lacks %s:\n%s", want, page)
				}
			}
		})
	}
}

// TestVersionsInTheirLanguage: a page the same in two versions of
// different languages shows each version's words, in its Markdown too (an
// alert's title). That the HTML one version keeps is not another's is
// render's TestBodiesInTheirLanguage: versions render at once here.
func TestVersionsInTheirLanguage(t *testing.T) {
	r := newRepo(t, t.TempDir())
	page := "# A\n\n> [!NOTE]\n> Read this.\n"
	r.write(map[string]string{"site.toml": "title = \"Acme\"\nlanguage = \"de\"\n", "content/a.md": page})
	r.commit("one", "q1")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\nlanguage = \"fr\"\n"})
	r.commit("two", "q2")
	r.write(map[string]string{"site.toml": "title = \"Acme\"\nlanguage = \"fr\"\n[versions]\ntags = \"q*\"\n"})
	_, out := build(t, r.dir)
	for v, want := range map[string]string{"q1": `alert-title">Hinweis</p>`, "q2": `alert-title">Remarque</p>`} {
		if p := file(t, out, v+"/a/index.html"); !strings.Contains(p, want) {
			t.Errorf("%s's page lacks %s", v, want)
		}
	}
}
