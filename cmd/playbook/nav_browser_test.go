package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"playbook/internal/gen"
	"playbook/internal/site"
)

// TestBrowserLongSection checks a page of a section too long for the
// sidebar to list whole, on phones and desktops, in light and dark:
// axe-core finds no violation, the sidebar marks the page and holds a
// bounded window around it, and a "more" link leads to the section's
// page, the first of those listing every page of the section.
func TestBrowserLongSection(t *testing.T) {
	findChromium(t)
	axe := axeSource(t)
	src := t.TempDir()
	if err := gen.Write(src, 300); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run(t.Context(), []string{"build", "--source", src, "--dest", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("playbook build: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	section, pages := longestSection(t, dir)
	if len(pages) <= 40 {
		t.Fatalf("the longest section, %s, has %d pages: too few to need a window", section, len(pages))
	}
	pagePath := section + pages[len(pages)/2] + "/"

	srv, _ := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	browser := startChromium(t, ctx)

	for _, v := range []struct {
		name          string
		width, height int64
		dark          bool
	}{
		{"phone, light", 390, 844, false},
		{"phone, dark", 390, 844, true},
		{"desktop, light", 1280, 900, false},
		{"desktop, dark", 1280, 900, true},
	} {
		t.Run(v.name, func(t *testing.T) {
			b := &chromeTab{t: t, ctx: browser.ctx}
			b.do("set the window", chromedp.EmulateViewport(v.width, v.height), prefersDark(v.dark))
			defer b.do("system colours back", prefersDark(false))
			b.open("a page of a long section", base+pagePath)
			if v.width < 800 {
				// On a phone the sidebar is the menu: open it, for axe to see.
				b.do("open the menu", chromedp.Click(chromedp.CSS(`.nav-toggle`)))
				if !tabValue(b, "the more link shows", chromedp.Evaluate[bool](moreShownJS)) {
					t.Error("the more link does not show in the open menu")
				}
			}
			for _, f := range runAxe(b, axe) {
				t.Errorf("%s: %s", pagePath, f)
			}
			// The section's list is split: its second page, with the pager.
			listPage := site.ListPageURL(section, 2)
			b.open("a further page of the section's list", base+listPage)
			for _, f := range runAxe(b, axe) {
				t.Errorf("%s: %s", listPage, f)
			}
		})
	}

	b := &chromeTab{t: t, ctx: browser.ctx}
	b.do("set the window", chromedp.EmulateViewport(1280, 900))
	b.open("a page of a long section", base+pagePath)
	h1 := tabValue(b, "heading", chromedp.TextContent(chromedp.CSS(`main h1`)))
	current := tabValue(b, "the page in the sidebar", chromedp.TextContent(chromedp.CSS(`nav#pb-sidebar a[aria-current="page"]`)))
	if strings.TrimSpace(current) != strings.TrimSpace(h1) {
		t.Errorf("the sidebar marks %q as the page shown, want %q", current, h1)
	}
	if n := tabValue(b, "count the section's entries", chromedp.Evaluate[int](
		`document.querySelector('nav#pb-sidebar a[aria-current="page"]').closest('ul').children.length`)); n > 20 {
		t.Errorf("the section's list in the sidebar has %d entries, want at most 20", n)
	}
	more := tabValue(b, "the more link", chromedp.TextContent(chromedp.CSS(`nav#pb-sidebar li.nav-more a`)))
	if !strings.HasSuffix(more, " more in "+tabValue(b, "the section's title", chromedp.TextContent(chromedp.CSS(`nav#pb-sidebar li.open:has(> ul > li > a[aria-current]) > a`)))) {
		t.Errorf("the more link reads %q, want it to name the section", more)
	}
	if !tabValue(b, "the more link shows", chromedp.Evaluate[bool](moreShownJS)) {
		t.Error("the more link does not show")
	}
	to := tabClick(b, "the more link", chromedp.CSS(`nav#pb-sidebar li.nav-more a`))
	if !strings.HasSuffix(to, browserSitePrefix+section) {
		t.Fatalf("the more link led to %s, want the section %s", to, section)
	}
	// The section's list is split over pages of DefaultPageSize entries.
	if n := tabValue(b, "count the section page's list", chromedp.Evaluate[int](`document.querySelectorAll('main ul.cards > li').length`)); n != site.DefaultPageSize {
		t.Errorf("the section's page lists %d pages, want the first %d", n, site.DefaultPageSize)
	}
	total := (len(pages) + site.DefaultPageSize - 1) / site.DefaultPageSize
	if status := tabValue(b, "the pager", chromedp.TextContent(chromedp.CSS(`main nav.paginator .paginator-status`))); status != fmt.Sprintf("Page 1 of %d", total) {
		t.Errorf("the pager reads %q, want Page 1 of %d", status, total)
	}
	// On paper the pager's links do nothing, and which part of the list
	// the page holds is still to be said.
	b.do("print media", emulatedMedia("print"))
	if shown := tabValue(b, "the pager, printed", chromedp.Evaluate[[]bool](`['.paginator-status', '.paginator ul'].map(s => document.querySelector('main ' + s).getClientRects().length > 0)`)); !slices.Equal(shown, []bool{true, false}) {
		t.Errorf("printed, the pager's status and links show %v, want the status alone", shown)
	}
	b.do("screen media", emulatedMedia(""))
}

// moreShownJS says whether the sidebar's first "more" link takes room on
// the page.
const moreShownJS = `document.querySelector('nav#pb-sidebar li.nav-more a').getBoundingClientRect().height > 0`

// longestSection returns the path (from the site root) of the section of
// the build in dir with the most pages, and their folder names in order.
func longestSection(t *testing.T, dir string) (string, []string) {
	t.Helper()
	var best string
	var bestPages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return err
		}
		var pages []string
		for _, e := range entries {
			// A generated page is at prefix-NNNN/.
			if e.IsDir() && strings.Contains(e.Name(), "-0") {
				pages = append(pages, e.Name())
			}
		}
		if len(pages) > len(bestPages) {
			rel, _ := filepath.Rel(dir, p)
			best, bestPages = filepath.ToSlash(rel)+"/", pages
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(bestPages)
	return best, bestPages
}
