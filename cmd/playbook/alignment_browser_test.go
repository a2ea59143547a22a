package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// alignmentSite has three promises of two owners: one connected but made
// in a store no sales behaviour follows up, one with a service gap, and
// one disconnected. The channel view names a channel as the first promise
// listed spells it: "Website".
var alignmentSite = map[string]string{
	"site.toml":         "title = \"Acme\"\n",
	"content/_index.md": "+++\ntitle = \"Acme\"\n+++\n",
	"content/promises/same-day.md": `+++
title = "Same-day quote"
promise = "A quote the day you visit."
expectation = "A written quote before you leave."
owner = "Sales — Ann Lee"
channels = ["website", "store"]
+++
`,
	"content/promises/free-survey.md": `+++
title = "Free survey"
promise = "The survey is free."
expectation = "No charge for the survey."
owner = "Surveys — Bo Park"
channels = ["Website"]
+++
`,
	"content/promises/warm-home.md": `+++
title = "Warm home"
promise = "21 °C or we come back."
owner = "Sales — Ann Lee"
+++
`,
	"content/behaviours/sales/quote.md":   "+++\ntitle = \"Quote\"\nstage = \"sales\"\nfulfils = [\"same-day\"]\nchannels = [\"website\"]\n+++\n",
	"content/behaviours/sales/book.md":    "+++\ntitle = \"Book\"\nstage = \"sales\"\nfulfils = [\"free-survey\"]\nchannels = [\"website\"]\n+++\n",
	"content/behaviours/service/visit.md": "+++\ntitle = \"Visit\"\nstage = \"service\"\nfulfils = [\"same-day\"]\n+++\n",
}

// alignmentView is what a reader sees of Alignment's rows.
type alignmentView struct {
	// Promises are the rows of the table of every promise shown.
	Promises []string `json:"promises"`
	// Channels are the rows of the view by channel shown, as
	// "channel: promise".
	Channels []string `json:"channels"`
	// Owners are the ids of the owners' sections shown.
	Owners []string `json:"owners"`
	// Empty reports whether the "no promise matches" line shows.
	Empty bool `json:"empty"`
	// Filters reports whether the filters show.
	Filters bool `json:"filters"`
	// Owner and Status are the filters' values.
	Owner  string `json:"owner"`
	Status string `json:"status"`
}

const alignmentViewJS = `(() => {
	const shown = e => e.getClientRects().length > 0;
	const text = e => e.textContent.trim();
	return {
		promises: Array.from(document.querySelectorAll('table.alignment tbody tr')).filter(shown).map(r => text(r.querySelector('th a'))),
		channels: Array.from(document.querySelectorAll('table.channel-view tr[data-filter-row]')).filter(shown)
			.map(r => text(r.closest('tbody').querySelector('.channel-head th')) + ': ' + text(r.querySelector('th a'))),
		owners: Array.from(document.querySelectorAll('section.owner-gaps')).filter(shown).map(s => s.id),
		empty: shown(document.querySelector('[data-filter-empty]')),
		filters: shown(document.getElementById('pb-filters')),
		owner: document.getElementById('pb-filter-owner').value,
		status: document.getElementById('pb-filter-status').value,
	};
})()`

// TestBrowserAlignmentFilters picks owners and statuses in Alignment's
// filters and wants exactly the matching rows shown, in the table of
// every promise, the view by channel and the owners' gaps; the choice in
// the URL, and restored from it; and without JavaScript, every row.
func TestBrowserAlignmentFilters(t *testing.T) {
	findChromium(t)
	dir := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", writeSite(t, alignmentSite), "--dest", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	srv, _ := serveUnderPrefix(t, dir)
	page := srv.URL + browserSitePrefix + "alignment/"

	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	view := func(what string) alignmentView {
		t.Helper()
		return tabValue(b, what, chromedp.Evaluate[alignmentView](alignmentViewJS))
	}
	pick := func(owner, status string) {
		t.Helper()
		b.do(fmt.Sprintf("pick owner %q and status %q", owner, status), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			for (const [id, v] of [['pb-filter-owner', %s], ['pb-filter-status', %s]]) {
				const s = document.getElementById(id);
				if (s.value !== v) { s.value = v; s.dispatchEvent(new Event('change', {bubbles: true})); }
			}
		})()`, jsQuote(owner), jsQuote(status))))
	}
	everyone := alignmentView{
		Promises: []string{"Warm home", "Free survey", "Same-day quote"},
		Channels: []string{"store: Same-day quote", "Website: Free survey", "Website: Same-day quote"},
		Owners:   []string{"owner-sales-ann-lee", "owner-surveys-bo-park"},
		Filters:  true,
	}

	b.open("Alignment", page)
	if got := view("every row"); !equalView(got, everyone) {
		t.Errorf("unfiltered: %+v, want %+v", got, everyone)
	}
	for _, tt := range []struct {
		owner, status string
		want          alignmentView
		query         string
		// said is what the live region under the filters says.
		said string
	}{
		{"sales-ann-lee", "", alignmentView{
			Promises: []string{"Warm home", "Same-day quote"},
			Channels: []string{"store: Same-day quote", "Website: Same-day quote"},
			Owners:   []string{"owner-sales-ann-lee"},
		}, "?owner=sales-ann-lee", "Showing 2 of 3 promises: owner Sales — Ann Lee."},
		{"sales-ann-lee", "channel-gap", alignmentView{
			Promises: []string{"Same-day quote"},
			Channels: []string{"store: Same-day quote"},
			Owners:   []string{"owner-sales-ann-lee"},
		}, "?owner=sales-ann-lee&status=channel-gap", "Showing 1 of 3 promises: owner Sales — Ann Lee, status channel gap (no follow-up)."},
		{"", "service-gap", alignmentView{
			Promises: []string{"Free survey"},
			Channels: []string{"Website: Free survey"},
			Owners:   []string{"owner-surveys-bo-park"},
		}, "?status=service-gap", "Showing 1 of 3 promises: status service gap."},
		{"surveys-bo-park", "disconnected", alignmentView{Empty: true}, "?owner=surveys-bo-park&status=disconnected",
			"Showing 0 of 3 promises: owner Surveys — Bo Park, status disconnected."},
		{"", "", everyone, "", "Showing all 3 promises."},
	} {
		pick(tt.owner, tt.status)
		tt.want.Filters, tt.want.Owner, tt.want.Status = true, tt.owner, tt.status
		if got := view("filtered rows"); !equalView(got, tt.want) {
			t.Errorf("owner %q, status %q: %+v, want %+v", tt.owner, tt.status, got, tt.want)
		}
		if got := b.location(); got != page+tt.query {
			t.Errorf("owner %q, status %q: at %s, want %s", tt.owner, tt.status, got, page+tt.query)
		}
		said := tabValue(b, "the live region", chromedp.Evaluate[string](
			`(() => { const p = document.querySelector('[data-filter-count]'); return p.getAttribute('aria-live') + ': ' + p.textContent; })()`))
		if want := "polite: " + tt.said; said != want {
			t.Errorf("owner %q, status %q: the filters say %q, want %q", tt.owner, tt.status, said, want)
		}
	}

	// A shared link opens filtered.
	b.open("Alignment, filtered by its URL", page+"?owner=sales-ann-lee&status=channel-gap")
	if got := view("rows of a shared link"); got.Owner != "sales-ann-lee" || got.Status != "channel-gap" || !slices.Equal(got.Promises, []string{"Same-day quote"}) {
		t.Errorf("opened with a query: %+v", got)
	}

	// A count shows the promises it counts, of every owner.
	b.do("click the count of service gaps", chromedp.Click(chromedp.CSS(`a[data-status-link="service-gap"]`)))
	if got := view("rows of a count"); got.Owner != "" || got.Status != "service-gap" || !slices.Equal(got.Promises, []string{"Free survey"}) {
		t.Errorf("after clicking the count of service gaps: %+v", got)
	}
	if got, want := b.location(), page+"?status=service-gap#status-service-gap"; got != want {
		t.Errorf("after clicking the count of service gaps: at %s, want %s", got, want)
	}

	// Without JavaScript: no filters, every row, a link to each owner's
	// gaps, and each count leads to the first promise it counts.
	b.do("scripts off", scriptsDisabled(true))
	defer b.do("scripts back on", scriptsDisabled(false))
	b.open("Alignment without JavaScript", page+"?owner=sales-ann-lee")
	want := everyone
	want.Filters = false
	if got := view("rows without JavaScript"); !equalView(got, want) {
		t.Errorf("without JavaScript: %+v, want %+v", got, want)
	}
	links := tabValue(b, "owners' links", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('nav.owner-index a'), a => a.getAttribute('href') + ' ' + a.textContent.trim())`))
	if want := []string{"#owner-sales-ann-lee Sales — Ann Lee (2)", "#owner-surveys-bo-park Surveys — Bo Park (1)"}; !slices.Equal(links, want) {
		t.Errorf("owners' links %q, want %q", links, want)
	}
	counts := tabValue(b, "counts' links", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.summary a.stat'), a => {
		const to = document.getElementById(a.getAttribute('href').slice(1));
		return a.textContent.trim() + ' → ' + (to ? to.closest('tr').querySelector('th a').textContent.trim() : 'nothing');
	})`))
	if want := []string{"1disconnected → Warm home", "1service gap → Free survey", "1connected → Same-day quote", "1channel gap → Same-day quote"}; !slices.Equal(counts, want) {
		t.Errorf("counts lead to %q, want %q", counts, want)
	}
}

func equalView(a, b alignmentView) bool {
	return slices.Equal(a.Promises, b.Promises) && slices.Equal(a.Channels, b.Channels) && slices.Equal(a.Owners, b.Owners) &&
		a.Empty == b.Empty && a.Filters == b.Filters && a.Owner == b.Owner && a.Status == b.Status
}

// splitView is what a reader sees of a page of a split Alignment.
type splitView struct {
	// Promises are the rows of its table of promises.
	Promises []string `json:"promises"`
	// Filters reports whether the filters show.
	Filters bool `json:"filters"`
	// Owner and Status are the filters' values.
	Owner  string `json:"owner"`
	Status string `json:"status"`
}

const splitViewJS = `(() => {
	const shown = e => !!e && e.getClientRects().length > 0;
	return {
		promises: Array.from(document.querySelectorAll('table.alignment tbody tr')).filter(shown).map(r => r.querySelector('th a').textContent.trim()),
		filters: shown(document.getElementById('pb-filters')),
		owner: document.getElementById('pb-filter-owner').value,
		status: document.getElementById('pb-filter-status').value,
	};
})()`

// TestBrowserAlignmentSplit picks owners and statuses in the filters of
// an Alignment split over pages (three promises, two a page) and wants
// the list chosen opened: an owner's, a status's, an owner's by status;
// a link shared before the split sent on to the list it meant; and
// without JavaScript, every list reached by links.
func TestBrowserAlignmentSplit(t *testing.T) {
	findChromium(t)
	files := maps.Clone(alignmentSite)
	files["site.toml"] = "title = \"Acme\"\n\n[pagination]\nsize = 2\n"
	dir := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", writeSite(t, files), "--dest", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	srv, _ := serveUnderPrefix(t, dir)
	root := srv.URL + browserSitePrefix + "alignment/"

	ctx, cancel := context.WithTimeout(t.Context(), browserTimeout)
	defer cancel()
	b := startChromium(t, ctx)
	view := func(what string) splitView {
		t.Helper()
		return tabValue(b, what, chromedp.Evaluate[splitView](splitViewJS))
	}
	// arrive waits for the page at url, which a script sends the tab to.
	arrive := func(what, url string) {
		t.Helper()
		for deadline := time.Now().Add(browserStepTimeout); b.location() != url; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: at %s, want %s", what, b.location(), url)
			}
		}
		b.do(what, chromedp.Poll[chromedp.Void](`document.readyState === 'complete' && document.getElementById('pb-filters')`))
	}
	// pick sends the tab to another page: the change is dispatched after
	// the script returns, whose answer would otherwise come from a page
	// being left, and be lost on a busy machine.
	pick := func(id, value string) {
		t.Helper()
		b.do(fmt.Sprintf("pick %q in %s", value, id), chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const s = document.getElementById(%s);
			s.value = %s;
			setTimeout(() => s.dispatchEvent(new Event('change', {bubbles: true})), 0);
		})()`, jsQuote(id), jsQuote(value))))
	}

	b.open("Alignment", root)
	if got := view("the overview"); !got.Filters || got.Owner != "" || got.Status != "" || len(got.Promises) != 0 {
		t.Errorf("overview: %+v, want the filters, nothing picked, no table of promises", got)
	}
	// From the keyboard the arrows step through the owners and stay on the
	// page; Enter opens the list of the owner chosen.
	b.do("focus the owners", chromedp.Evaluate[chromedp.Void](`document.getElementById('pb-filter-owner').focus()`))
	b.do("ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	b.do("ArrowDown", chromedp.KeyEvent(kb.ArrowDown))
	time.Sleep(300 * time.Millisecond)
	if at := b.location(); at != root {
		t.Errorf("the arrow keys in the owners' filter went to %s, want to stay on %s", at, root)
	}
	owner := tabValue(b, "owner chosen", chromedp.Evaluate[string](`document.getElementById('pb-filter-owner').value`))
	if owner == "" {
		t.Fatalf("the arrow keys chose no owner")
	}
	b.do("Enter", chromedp.KeyEvent(kb.Enter))
	arrive("Enter in the owners' filter", root+"owners/"+owner+"/")
	b.open("Alignment, again", root)
	for _, tt := range []struct {
		id, value string
		at        string
		want      splitView
	}{
		{"pb-filter-owner", "sales-ann-lee", "owners/sales-ann-lee/",
			splitView{Promises: []string{"Warm home", "Same-day quote"}, Owner: "sales-ann-lee"}},
		{"pb-filter-status", "channel-gap", "owners/sales-ann-lee/channel-gap/",
			splitView{Promises: []string{"Same-day quote"}, Owner: "sales-ann-lee", Status: "channel-gap"}},
		{"pb-filter-owner", "", "channel-gap/",
			splitView{Promises: []string{"Same-day quote"}, Status: "channel-gap"}},
		{"pb-filter-status", "service-gap", "service-gap/",
			splitView{Promises: []string{"Free survey"}, Status: "service-gap"}},
		{"pb-filter-owner", "surveys-bo-park", "owners/surveys-bo-park/service-gap/",
			splitView{Promises: []string{"Free survey"}, Owner: "surveys-bo-park", Status: "service-gap"}},
		{"pb-filter-status", "disconnected", "owners/surveys-bo-park/disconnected/",
			splitView{Owner: "surveys-bo-park", Status: "disconnected"}},
		{"pb-filter-status", "", "owners/surveys-bo-park/",
			splitView{Promises: []string{"Free survey"}, Owner: "surveys-bo-park"}},
		{"pb-filter-owner", "", "", splitView{}},
	} {
		pick(tt.id, tt.value)
		arrive(fmt.Sprintf("%s %q", tt.id, tt.value), root+tt.at)
		tt.want.Filters = true
		if got := view("list picked"); !equalSplit(got, tt.want) {
			t.Errorf("%s %q: %+v, want %+v", tt.id, tt.value, got, tt.want)
		}
	}

	// A link shared before the split lands on the list it meant.
	for query, at := range map[string]string{
		"?owner=sales-ann-lee&status=channel-gap": "owners/sales-ann-lee/channel-gap/",
		"?status=service-gap":                     "service-gap/",
		"?owner=unknown-owner":                    "",
	} {
		b.open("Alignment with "+query, root+query)
		arrive("the list of "+query, root+at)
	}

	// Where axe-core is at hand (always in CI), no violation on its pages
	// on phone or desktop, light or dark.
	if name := os.Getenv(axeEnv); name != "" {
		axe, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("read axe-core: %v", err)
		}
		for _, width := range []int64{390, 1280} {
			for _, dark := range []bool{false, true} {
				b.do("set the window", chromedp.EmulateViewport(width, 900), prefersDark(dark))
				for _, at := range []string{"", "owners/sales-ann-lee/", "owners/sales-ann-lee/channel-gap/", "service-gap/", "channels/store/"} {
					b.open("Alignment's "+at, root+at)
					for _, v := range runAxe(b, string(axe)) {
						t.Errorf("alignment/%s at %d px (dark %t): %s", at, width, dark, v)
					}
				}
			}
		}
		b.do("window back", chromedp.EmulateViewport(1280, 900), prefersDark(false))
	}

	// Without JavaScript: no filters, and links lead to every list.
	b.do("scripts off", scriptsDisabled(true))
	defer b.do("scripts back on", scriptsDisabled(false))
	b.open("Alignment without JavaScript", root)
	if got := view("overview without JavaScript"); got.Filters {
		t.Errorf("without JavaScript the filters show")
	}
	links := tabValue(b, "the overview's links", chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('main a[href]:not(.breadcrumbs a)'), a => a.getAttribute('href') + ' ' + a.textContent.trim())`))
	want := []string{
		"disconnected/ 1disconnected", "service-gap/ 1service gap", "connected/ 1connected", "channel-gap/ 1channel gap",
		"owners/sales-ann-lee/ Sales — Ann Lee", "owners/surveys-bo-park/ Surveys — Bo Park",
		"channels/store/ store", "channels/website/ Website", "../review/ Review",
	}
	if !slices.Equal(links, want) {
		t.Errorf("overview links %q, want %q", links, want)
	}
	tabClick(b, "an owner", elementsNamed(`main table a`, "Sales — Ann Lee"))
	tabClick(b, "the owner's channel gaps", chromedp.CSS(`.summary a.stat-channel-gap`))
	b.wantURL("owner's channel gaps", root+"owners/sales-ann-lee/channel-gap/")
	if got := view("owner's channel gaps without JavaScript"); !slices.Equal(got.Promises, []string{"Same-day quote"}) {
		t.Errorf("owner's channel gaps without JavaScript: %q", got.Promises)
	}
}

func equalSplit(a, b splitView) bool {
	return slices.Equal(a.Promises, b.Promises) && a.Filters == b.Filters && a.Owner == b.Owner && a.Status == b.Status
}
