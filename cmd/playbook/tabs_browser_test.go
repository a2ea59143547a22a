package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabsPage is a guide with the tabs of three handbooks: Hugo's, a
// VitePress code group and MkDocs's, the first and the last with the
// same names, and a link to a heading inside a tab not shown first.
const tabsPage = `+++
title = "Set up the demo laptop"
+++

Jump to the [Linux notes](#linux-notes).

{{< tabs >}}
{{< tab "macOS" >}}
Open System Settings.
{{< /tab >}}
{{< tab "Windows" >}}
Open Settings.
{{< /tab >}}
{{< tab "Linux" >}}
### Linux notes

Use the quick settings.
{{< /tab >}}
{{< /tabs >}}

## Install

::: code-group

` + "```sh [npm]\nnpm install demo\n```\n\n```sh [pnpm]\npnpm add demo\n```" + `

:::

## Start

=== "macOS"

    Press Command Space.

=== "Windows"

    Press the Windows key.

=== "Linux"

    Run demo in a terminal.

## Stop {#stop}

Close it.
`

// tabSet is what tabSetsJS reads of a set of tabs.
type tabSet struct {
	Names    []string `json:"names"`
	Selected []int    `json:"selected"` // the tabs aria-selected
	Shown    []int    `json:"shown"`    // the panels whose content shows
	Titled   int      `json:"titled"`   // the panels whose name shows above them
	Strip    bool     `json:"strip"`    // the tab strip shows
	Focus    int      `json:"focus"`    // the tab focused, or -1
	Problems []string `json:"problems"`
}

// tabSetsJS reads every set of tabs of the page, with what of the
// WAI-ARIA tabs pattern it breaks: a tab's panel not its own, a keyboard
// stop on a tab not shown, a panel hidden while its tab is selected.
const tabSetsJS = `(() => Array.from(document.querySelectorAll('.tabs'), box => {
	const tabs = Array.from(box.querySelectorAll(':scope > [role=tablist] > [role=tab]'));
	const panels = Array.from(box.querySelectorAll(':scope > [role=tabpanel], :scope > details'));
	const shows = el => !!el && el.getBoundingClientRect().height > 1 && el.checkVisibility();
	const problems = [];
	tabs.forEach((tab, i) => {
		const panel = document.getElementById(tab.getAttribute('aria-controls'));
		if (panel !== panels[i] || panel.getAttribute('aria-labelledby') !== tab.id) problems.push(tab.textContent + ': its panel is not its own');
		const on = tab.getAttribute('aria-selected') === 'true';
		if (tab.tabIndex !== (on ? 0 : -1)) problems.push(tab.textContent + ': tabIndex ' + tab.tabIndex);
		if (on === panel.hidden) problems.push(tab.textContent + ': selected ' + on + ', its panel hidden ' + panel.hidden);
	});
	const list = box.querySelector(':scope > [role=tablist]');
	return {
		names: tabs.map(t => t.textContent),
		selected: tabs.flatMap((t, i) => t.getAttribute('aria-selected') === 'true' ? [i] : []),
		shown: panels.flatMap((p, i) => shows(p.lastElementChild) ? [i] : []),
		titled: panels.filter(p => shows(p.querySelector(':scope > .tab-title, :scope > summary'))).length,
		strip: shows(list),
		focus: tabs.indexOf(document.activeElement),
		problems,
	};
}))()`

// TestBrowserTabs checks a page of tab sets: on screen each is a tab
// widget showing one panel, moved through by clicks and by the arrows,
// Home and End; a set with the same names follows, and the name chosen
// is kept for the next page; a link into a tab not shown shows it; on
// paper and without JavaScript every panel shows under its name; on a
// phone the strip fits and its tabs are large enough to tap; axe-core
// finds no violation, light or dark; and in forced colours the tab shown
// is still marked.
func TestBrowserTabs(t *testing.T) {
	findChromium(t)
	axe := axeSource(t)
	src := t.TempDir()
	for name, text := range map[string]string{
		"site.toml":              "title = \"Tabs\"\n",
		"content/_index.md":      "+++\ntitle = \"Home\"\n+++\n",
		"content/guides/tabs.md": tabsPage,
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"build", "--source", src, "--dest", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	b, base := openBuilt(t, dir, 2*time.Minute)
	page := base + "guides/tabs/"
	sets := func(when string) []tabSet {
		t.Helper()
		s := tabValue(b, "read the tabs "+when, chromedp.Evaluate[[]tabSet](tabSetsJS))
		if len(s) != 3 {
			t.Fatalf("%s: %d sets of tabs, want 3", when, len(s))
		}
		for i, set := range s {
			for _, p := range set.Problems {
				t.Errorf("%s: set %d: %s", when, i, p)
			}
		}
		return s
	}
	// want checks which tab each set shows: its selected tab, its one
	// panel shown, and no panel's name over it (the strip says it).
	want := func(when string, shown ...int) {
		t.Helper()
		for i, set := range sets(when) {
			if !set.Strip || !slices.Equal(set.Selected, shown[i:i+1]) || !slices.Equal(set.Shown, shown[i:i+1]) || set.Titled != 0 {
				t.Errorf("%s: set %d %q: strip shown %v, selected %v, panels shown %v, %d titled; want tab %d alone",
					when, i, set.Names, set.Strip, set.Selected, set.Shown, set.Titled, shown[i])
			}
		}
	}
	tab := func(set int, name string) chromedp.JSPath {
		return chromedp.JSPath(fmt.Sprintf(`Array.from(document.querySelectorAll('.tabs')[%d].querySelectorAll('[role=tab]')).filter(t => t.textContent === %s)`, set, jsQuote(name)))
	}

	b.open("a page of tabs", page)
	if got := sets("opened"); !slices.Equal(got[0].Names, []string{"macOS", "Windows", "Linux"}) || !slices.Equal(got[1].Names, []string{"npm", "pnpm"}) {
		t.Errorf("the sets' tabs are %q and %q, want macOS, Windows, Linux and npm, pnpm", got[0].Names, got[1].Names)
	}
	want("opened", 0, 0, 0)
	var panels, lists []string
	for _, n := range axTree(b, "a page of tabs") {
		switch axText(n.Role) {
		case "tabpanel":
			panels = append(panels, axText(n.Name))
		case "tablist":
			lists = append(lists, axText(n.Name))
		}
	}
	if !slices.Equal(panels, []string{"macOS", "npm", "macOS"}) {
		t.Errorf("a screen reader is given the panels %q, want the three shown, macOS, npm, macOS", panels)
	}
	// Each strip is named by the heading it is under, without its #.
	if !slices.Equal(lists, []string{"Set up the demo laptop", "Install", "Start"}) {
		t.Errorf("a screen reader is given the tab strips %q, want them named by their headings: Set up the demo laptop, Install, Start", lists)
	}

	b.do("click pnpm", chromedp.Click(tab(1, "pnpm")))
	want("pnpm clicked: the others stay", 0, 1, 0)
	b.do("click Windows", chromedp.Click(tab(0, "Windows")))
	want("Windows clicked: the set of the same names follows", 1, 1, 1)

	for _, k := range []struct {
		key, name string
		to        int
	}{
		{kb.ArrowRight, "ArrowRight", 2},
		{kb.ArrowRight, "ArrowRight past the last", 0},
		{kb.ArrowLeft, "ArrowLeft past the first", 2},
		{kb.Home, "Home", 0},
		{kb.End, "End", 2},
		{kb.ArrowLeft, "ArrowLeft", 1},
	} {
		b.do(k.name, chromedp.KeyEvent(k.key))
		want(k.name, k.to, 1, k.to)
		if f := sets(k.name)[0].Focus; f != k.to {
			t.Errorf("%s: tab %d has the focus, want %d", k.name, f, k.to)
		}
	}

	b.do("reload", chromedp.Reload())
	want("reloaded: the names chosen are kept", 1, 1, 1)

	b.do("click the link to the Linux notes", chromedp.Click(chromedp.CSS(`a[href="#linux-notes"]`)))
	want("the link into a tab not shown followed", 2, 1, 1)
	if !tabValue(b, "the notes in the window", chromedp.Evaluate[bool](inWindowJS("linux-notes"))) {
		t.Error("the Linux notes are not in the window after their link is followed")
	}
	b.do("click Windows", chromedp.Click(tab(0, "Windows")))
	b.do("away and back by the address", chromedp.Evaluate[chromedp.Void](`location.hash = '#stop'`), chromedp.Evaluate[chromedp.Void](`location.hash = '#linux-notes'`))
	want("the address changed to a heading in a tab not shown", 2, 1, 1)
	b.open("the home page", base)
	b.open("the page at the Linux notes", page+"#linux-notes")
	want("opened at a heading in a tab not shown", 2, 1, 1)
	if !tabValue(b, "the notes in the window", chromedp.Evaluate[bool](inWindowJS("linux-notes"))) {
		t.Error("the Linux notes are not in the window of the page opened at them")
	}

	b.do("print media", emulatedMedia("print"))
	for i, set := range sets("printed") {
		if set.Strip || len(set.Shown) != len(set.Names) || set.Titled != len(set.Names) {
			t.Errorf("printed: set %d: strip shown %v, panels shown %v, %d of %d titled; want every panel under its name",
				i, set.Strip, set.Shown, set.Titled, len(set.Names))
		}
	}
	b.do("screen media", emulatedMedia(""))

	b.do("scripts off", scriptsDisabled(true))
	b.open("the page without JavaScript", page)
	for i, set := range sets("without JavaScript") {
		if set.Strip || len(set.Shown) != 3-i%2 || set.Titled != len(set.Shown) {
			t.Errorf("without JavaScript: set %d: strip shown %v, panels shown %v, %d titled; want every panel under its name", i, set.Strip, set.Shown, set.Titled)
		}
	}
	b.do("scripts on", scriptsDisabled(false))

	for _, v := range []struct {
		name  string
		width int64
		dark  bool
	}{
		{"phone, light", 390, false},
		{"phone, dark", 390, true},
		{"desktop, light", 1280, false},
		{"desktop, dark", 1280, true},
	} {
		b.do("set the window", chromedp.EmulateViewport(v.width, 844), prefersDark(v.dark))
		b.open("the page of tabs, "+v.name, page)
		for _, violation := range runAxe(b, axe) {
			t.Errorf("%s: %s", v.name, violation)
		}
		if msg := tabValue(b, "the strips", chromedp.Evaluate[string](stripFitsJS)); msg != "" {
			t.Errorf("%s: %s", v.name, msg)
		}
		if msg := tabValue(b, "width", chromedp.Evaluate[string](tooWideJS)); msg != "" {
			t.Errorf("%s: %s", v.name, msg)
		}
	}
	b.do("window back", chromedp.EmulateViewport(1280, 900), prefersDark(false))

	b.do("forced colours", forcedColors(true))
	if marks := tabValue(b, "the tabs' marks", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.tabs')[0].querySelectorAll('[role=tab]'),
		t => getComputedStyle(t).borderBottomColor)`)); len(marks) != 3 || marks[1] == marks[0] || marks[0] != marks[2] {
		t.Errorf("forced colours: the tabs' lines under them are %q: the one shown is not marked apart", marks)
	}
	b.do("forced colours off", forcedColors(false))
}

// TestBrowserTabsWithoutStorage: where the site's storage is refused, as
// a browser's privacy settings may refuse it, tabs still switch together.
func TestBrowserTabsWithoutStorage(t *testing.T) {
	findChromium(t)
	dir := filepath.Join(t.TempDir(), "public")
	src := t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "content", "tabs.md"), []byte(tabsPage), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"build", "--source", src, "--dest", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	b, base := openBuilt(t, dir, time.Minute)
	b.do("refuse storage", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('refused', 'SecurityError'); }});`,
		})
		return err
	}))
	b.open("a page of tabs", base+"tabs/")
	b.do("click Linux", chromedp.Click(chromedp.JSPath(`Array.from(document.querySelectorAll('[role=tab]')).filter(t => t.textContent === 'Linux')`)))
	got := tabValue(b, "the tabs selected", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[role=tab][aria-selected=true]'), t => t.textContent)`))
	if !slices.Equal(got, []string{"Linux", "npm", "Linux"}) {
		t.Errorf("storage refused, Linux clicked: the tabs selected are %q, want Linux, npm, Linux", got)
	}
}

// inWindowJS reports whether the element of id is in the window, below
// the top bar.
func inWindowJS(id string) string {
	return `(() => {
	const r = document.getElementById(` + jsQuote(id) + `).getBoundingClientRect();
	const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
	return r.height > 0 && r.top >= bar - 1 && r.bottom <= innerHeight;
})()`
}

// stripFitsJS says what of a tab strip a reader cannot reach: a strip
// wider than its set that does not scroll, or a tab too small to tap.
const stripFitsJS = `(() => {
	const out = [];
	for (const list of document.querySelectorAll('[role=tablist]')) {
		if (list.getBoundingClientRect().right > list.parentElement.getBoundingClientRect().right + 1) out.push('a strip is wider than its set');
		if (list.scrollWidth > list.clientWidth && getComputedStyle(list).overflowX !== 'auto') out.push('a strip does not scroll');
		for (const t of list.children) {
			const r = t.getBoundingClientRect();
			if (r.height < 43.5 || r.width < 43.5) out.push(t.textContent + ' is ' + Math.round(r.width) + ' × ' + Math.round(r.height) + ' px');
		}
	}
	return out.join('; ');
})()`
