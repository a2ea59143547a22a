package versions

import (
	"html"
	"strings"
	"testing"
	"time"

	"playbook/internal/render"
	"playbook/themes"
)

// TestFeedOpensWithTheRisks: a version whose changes opened a gap says so
// first in its entry, as its What changed page does, each promise linked
// in that version, for a reader who follows the feed alone.
func TestFeedOpensWithTheRisks(t *testing.T) {
	changes := &render.WhatChanged{
		Against: "Q3 2026", Before: "q3",
		Summary: render.ChangeSummary{Risks: []render.StatusChange{
			{Title: "Tidy install", URL: "promises/tidy-install/", From: "connected", FromClass: "connected", To: "service gap", ToClass: "service-gap"},
			{Title: "New one", URL: "promises/new-one/", To: "sales gap", ToClass: "sales-gap"},
		}},
		Groups: []render.ChangeGroup{{Title: "Behaviours", Type: "behaviour", Removed: []render.ChangedPage{{Title: "Install day", URL: "behaviours/install-day/"}}}},
	}
	entries := []feedEntry{{v: &Version{Name: "q4", Label: "Q4 2026"}, changes: changes, published: changes}}
	feed := html.UnescapeString(string(atomFeed(entries, english, "Acme", "", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))))
	want := `<p>Gaps that opened:</p><ul><li><a href="q4/promises/tidy-install/">Tidy install</a>: connected → service gap</li>` +
		`<li><a href="q4/promises/new-one/">New one</a>: new → sales gap</li></ul>` +
		`<p>Since Q3 2026:</p><ul><li>Behaviours: removed <a href="q3/behaviours/install-day/">Install day</a></li></ul>`
	if !strings.Contains(feed, want) {
		t.Errorf("feed lacks\n%s\nin\n%s", want, feed)
	}

	// A German playbook's feed is German, as its pages are.
	german, err := render.LoadWords(themes.Default, "de")
	if err != nil {
		t.Fatal(err)
	}
	feed = html.UnescapeString(string(atomFeed(entries, german, "Acme", "", time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))))
	for _, want := range []string{
		"<title>Acme: Was sich geändert hat</title>", "<title>Version Q4 2026</title>",
		`<p>Neu entstandene Lücken:</p><ul><li><a href="q4/promises/tidy-install/">Tidy install</a>: verbunden → Servicelücke</li>`,
		`<p>Seit Q3 2026:</p><ul><li>Verhaltensweisen: <a href="q3/behaviours/install-day/">Install day</a> entfernt</li></ul>`,
	} {
		if !strings.Contains(feed, want) {
			t.Errorf("German feed lacks\n%s\nin\n%s", want, feed)
		}
	}
}
