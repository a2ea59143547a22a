package versions

import (
	"strings"
	"testing"

	"playbook/internal/render"
)

// TestCompareSummary: What changed's summary lists the gaps that opened
// as risks (a new promise with a gap too), other status changes apart,
// the promises reworded, and the behaviours added and removed.
func TestCompareSummary(t *testing.T) {
	load := func(files map[string]string) *Version { return memVersion(t, files, false) }
	slow := "+++\ntitle = \"Slow\"\npromise = \"Later.\"\nexpectation = \"This week.\"\n+++\n"
	before := load(map[string]string{
		"content/promises/fast.md":           promiseFast,
		"content/promises/slow.md":           slow,
		"content/behaviours/sales/quote.md":  strings.Replace(behaviourQuote, `["fast"]`, `["fast", "slow"]`, 1),
		"content/behaviours/service/call.md": behaviourCall,
	})
	now := load(map[string]string{
		// Reworded, and its service behaviour is gone: a gap opened.
		"content/promises/fast.md": strings.Replace(promiseFast, "hear back today", "hear back within the hour", 1),
		// Its service side is kept now, and what customers expect of it
		// changed, not the promise.
		"content/promises/slow.md":            strings.Replace(slow, "This week.", "Within five days.", 1),
		"content/promises/new.md":             "+++\ntitle = \"New\"\npromise = \"New.\"\nexpectation = \"Something.\"\n+++\n",
		"content/behaviours/sales/quote.md":   strings.Replace(behaviourQuote, `["fast"]`, `["fast", "slow", "new"]`, 1),
		"content/behaviours/service/visit.md": "+++\ntitle = \"Visit\"\nstage = \"service\"\nfulfils = [\"slow\"]\n+++\n",
	})
	s := Compare(before, now, english).Summary
	risks := statusChanges(s.Risks)
	if want := "Fast: connected → service gap; New: → service gap"; risks != want {
		t.Errorf("risks %q, want %q", risks, want)
	}
	if got, want := statusChanges(s.StatusChanges), "Slow: service gap → connected"; got != want {
		t.Errorf("other status changes %q, want %q", got, want)
	}
	for _, tt := range []struct {
		what  string
		pages []render.ChangedPage
		want  string
	}{
		{"reworded", s.Reworded, "Fast"},
		{"expectations changed", s.Expectations, "Slow"},
		{"behaviours added", s.BehavioursAdded, "Visit"},
		{"behaviours removed", s.BehavioursRemoved, "Call"},
	} {
		var titles []string
		for _, p := range tt.pages {
			titles = append(titles, p.Title)
		}
		if got := strings.Join(titles, ", "); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.what, got, tt.want)
		}
	}
}

func statusChanges(cs []render.StatusChange) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Title+": "+strings.TrimPrefix(c.From+" → "+c.To, " "))
	}
	return strings.Join(out, "; ")
}

// TestWhatChangedPageSummary: the What changed page opens with its
// summary, a gap that opened first, its status change drawn as badges.
func TestWhatChangedPageSummary(t *testing.T) {
	r := newRepo(t, t.TempDir())
	r.write(map[string]string{
		"site.toml":                          "title = \"Acme\"\n[versions]\ntags = \"q*\"\n",
		"content/_index.md":                  "# Acme\n",
		"content/promises/fast.md":           promiseFast,
		"content/behaviours/sales/quote.md":  behaviourQuote,
		"content/behaviours/service/call.md": behaviourCall,
	})
	r.commit("one", "q1")
	r.git("rm", "-q", "content/behaviours/service/call.md")
	r.commit("two", "q2")
	_, out := build(t, r.dir)
	page := file(t, out, "q2/changes/index.html")
	summary, ok := between(page, `<section class="change-summary"`, "</section>")
	if !ok {
		t.Fatal("q2's What changed has no summary")
	}
	risks, ok := between(summary, "<h3>Risks: gaps that opened</h3>", "</div>")
	want := `<a href="../promises/fast/">Fast</a> <span class="badge badge-connected">connected</span> → <span class="badge badge-service-gap">service gap</span>`
	if !ok || !strings.Contains(risks, want) {
		t.Errorf("the summary's risks lack %s:\n%s", want, summary)
	}
	if !strings.Contains(summary, `<dt>Behaviours removed</dt><dd><ul><li><a href="../../q1/behaviours/service/call/">Call</a>`) {
		t.Errorf("the summary does not list the removed behaviour, linked in q1:\n%s", summary)
	}
	if s, g := strings.Index(page, `class="change-summary"`), strings.Index(page, `class="change-group"`); g < s {
		t.Error("the summary is not above the changes")
	}
	if strings.Contains(page, "<del>connected</del>") {
		t.Error("the status change is struck-through text")
	}
}
