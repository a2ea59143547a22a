package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

func TestSearchIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n")},
		"content/_index.md":       {Data: []byte("# Home\n")},
		"content/faqs/refunds.md": {Data: []byte("+++\nquestion = \"Can I get my money back?\"\n+++\n# Refunds\n\n## How {#how}\n\nAsk the zeppelin desk.\n")},
		"content/faqs/hidden.md":  {Data: []byte("+++\nquestion = \"Q\"\nsearch = false\n+++\n# Hidden\n\nquokka\n")},
		"content/faqs/draft.md":   {Data: []byte("+++\nquestion = \"Q\"\ndraft = true\n+++\n# Draft\n\nwombat\n")},
		// A page of a draft section is a draft too.
		"content/launch/_index.md": {Data: []byte("+++\ntitle = \"Launch\"\ndraft = true\n+++\n")},
		"content/launch/plan.md":   {Data: []byte("# Plan\n\nnumbat\n")},
		"content/promises/fast.md": {Data: []byte("+++\npromise = \"Fast\"\n+++\n# Fast\n")},
		// What customers say for a competitor is found, though the
		// page's body never says it.
		"content/competitors/rival.md": {Data: []byte("+++\ncompetitor = \"Rival\"\n[[objections]]\nobjection = \"Rival never gazumps.\"\nresponse = \"R\"\n+++\n# Rival\n")},
	}
	// Drafts shown, as a preview may: they are still not indexed.
	s, problems := site.Load(fsys, site.Options{Now: testNow, Drafts: true})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	out := renderMem(t, fsys, s, Options{})
	b, ok := out.File("search/index.js")
	if !ok {
		t.Fatalf("no search/index.js in %v", out.Names())
	}
	index := string(b)
	for _, want := range []string{`"zeppelin":[`, `"money":[`, `"how","How","Ask the zeppelin desk."`, `"disconnected"`, `"gazumps":[`} {
		if !strings.Contains(index, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
	for _, left := range []string{"quokka", "wombat", "numbat", "hidden/", "draft/", "launch/"} {
		if strings.Contains(index, left) {
			t.Errorf("the index has %s", left)
		}
	}
	for _, name := range []string{"faqs/draft/index.html", "launch/plan/index.html"} {
		if _, ok := out.File(name); !ok {
			t.Errorf("the draft %s is not rendered: the test shows nothing", name)
		}
	}
}

func TestSearchBox(t *testing.T) {
	out := buildMem(t, fstest.MapFS{
		"site.toml":               {Data: []byte("title = \"T\"\n")},
		"content/faqs/refunds.md": {Data: []byte("+++\nquestion = \"Q\"\n+++\n# Refunds\n")},
	})
	if !strings.Contains(string(mustFile(t, out, "faqs/refunds/index.html")), `<div class="search" data-root="../../" hidden>`) {
		t.Error("a page has no hidden search box leading to the root")
	}
	if !strings.Contains(string(mustFile(t, out, "404.html")), `class="search"`) {
		t.Error("the 404 page has no search box")
	}
	if _, ok := out.File("assets/search.js"); !ok {
		t.Error("no assets/search.js")
	}
}

func mustFile(t *testing.T, out *MemOutput, name string) []byte {
	t.Helper()
	b, ok := out.File(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return b
}
