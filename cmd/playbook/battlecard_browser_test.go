package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A4 in inches, as Page.printToPDF takes it.
const a4Width, a4Height = 8.27, 11.69

// TestBrowserBattlecards checks each battlecard of the example playbook as
// a salesperson uses it: printed on A4 it is one page holding every part
// of the card and its footer and nothing else of the site, in light
// colours even when the screen is dark; on a 1440 × 900 screen the card
// fits the window; on a phone no part of it is wider than the window, the
// gaps table included.
func TestBrowserBattlecards(t *testing.T) {
	findChromium(t)
	dir := buildExampleForBrowser(t)
	srv, _ := serveUnderPrefix(t, dir)
	base := srv.URL + browserSitePrefix
	pages, _ := filepath.Glob(filepath.Join(dir, "competitors", "*", "index.html"))
	if len(pages) == 0 {
		t.Fatalf("no competitor pages in %s", dir)
	}
	slices.Sort(pages)

	ctx, cancel := context.WithTimeout(t.Context(), readerTimeout)
	defer cancel()
	browser := startChromium(t, ctx)

	for _, p := range pages {
		url := base + "competitors/" + filepath.Base(filepath.Dir(p)) + "/"
		t.Run(filepath.Base(filepath.Dir(p)), func(t *testing.T) {
			b := &chromeTab{t: t, ctx: browser.ctx}
			for _, dark := range []bool{false, true} {
				b.do("set the window", chromedp.EmulateViewport(1280, 900), prefersDark(dark))
				b.open("the battlecard", url)
				pdf := tabValue(b, "print to PDF", printA4())
				if n, err := pdfPages(pdf); err != nil || n != 1 {
					t.Errorf("printed on A4 (dark %v): %d pages (%v), want 1", dark, n, err)
				}
				b.do("print media", emulatedMedia("print"))
				if msg := tabValue(b, "what prints", chromedp.Evaluate[string](battlecardPrintJS)); msg != "" {
					t.Errorf("printed (dark %v): %s", dark, msg)
				}
				b.do("screen media", emulatedMedia(""), prefersDark(false))
			}

			// A laptop's screen: the card, not the notes after it, fits.
			b.do("set a desktop's window", chromedp.EmulateViewport(1440, 900))
			b.open("the battlecard", url)
			if bottom := tabValue(b, "the card's end", chromedp.Evaluate[float64](`document.querySelector('.battlecard').getBoundingClientRect().bottom`)); bottom > 900 {
				t.Errorf("at 1440 × 900 the card ends %.0f px down, below the window", bottom)
			}

			b.do("set a phone's window", chromedp.EmulateViewport(390, 844))
			b.open("the battlecard", url)
			if msg := tabValue(b, "width", chromedp.Evaluate[string](tooWideJS)); msg != "" {
				t.Errorf("at 390 px: %s", msg)
			}
			if msg := tabValue(b, "gaps table", chromedp.Evaluate[string](gapsFitJS)); msg != "" {
				t.Errorf("at 390 px: %s", msg)
			}
		})
	}
}

// printA4 prints the page as a PDF on A4 paper, with Chromium's default
// margins, and returns the PDF.
func printA4() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: a4Width, PaperHeight: a4Height})
		return res.Data, err
	}
}

// emulatedMedia makes CSS see the media type ("print"), or the screen
// again ("").
func emulatedMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

var (
	// pageObject is the type of a page object in a PDF's dictionaries
	// ("/Type /Page", not "/Type /Pages").
	pageObject = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	// pageCount is the page count of the root of a PDF's page tree.
	pageCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
)

// pdfPages returns the number of pages of a PDF as Chromium writes it: the
// page objects in its dictionaries, which must agree with the count of its
// page tree.
func pdfPages(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, fmt.Errorf("not a PDF")
	}
	objects := len(pageObject.FindAll(pdf, -1))
	m := pageCount.FindSubmatch(pdf)
	if m == nil {
		return objects, fmt.Errorf("no page tree with a /Count (%d page objects)", objects)
	}
	count, _ := strconv.Atoi(string(append(m[1], m[2]...)))
	if count != objects {
		return count, fmt.Errorf("the page tree counts %d pages, and there are %d page objects", count, objects)
	}
	return count, nil
}

// battlecardPrintJS says what is wrong with the printed battlecard: a part
// of the card not shown (the footer is one: its version and dates say when
// the card was true), a part of the site shown, or text that is not dark
// on light; "" when nothing is.
const battlecardPrintJS = `(() => {
	const shown = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
	const out = [];
	for (const sel of ['h1', '.lede', '.bc-win', '.bc-landmines', '.bc-gaps', '.bc-talk', '.objections', '.bc-faqs', '.footer']) {
		if (!shown(document.querySelector(sel))) out.push(sel + ' is not printed');
	}
	for (const sel of ['.topbar', '.sidebar', '.search', '.toplinks', '.pager']) {
		const e = document.querySelector(sel);
		if (e && shown(e)) out.push(sel + ' is printed');
	}
	const rgb = getComputedStyle(document.querySelector('.battlecard')).color.match(/\d+/g).map(Number);
	if (rgb.slice(0, 3).some(c => c > 80)) out.push('the card is printed in ' + getComputedStyle(document.querySelector('.battlecard')).color);
	const bg = getComputedStyle(document.body).backgroundColor;
	if (bg !== 'rgb(255, 255, 255)' && bg !== 'rgba(0, 0, 0, 0)') out.push('the page is printed on ' + bg);
	return out.join('; ');
})()`

// gapsFitJS says how the gaps table does not fit its box, or "" when it
// does: on a phone its rows stack as cards rather than scroll.
const gapsFitJS = `(() => {
	const box = document.querySelector('.bc-gaps .table-wrap');
	if (!box) return 'no gaps table';
	if (box.scrollWidth > box.clientWidth + 1) return 'the gaps table is ' + box.scrollWidth + ' px wide in a box of ' + box.clientWidth;
	const main = document.querySelector('.battlecard').getBoundingClientRect();
	for (const td of box.querySelectorAll('td')) {
		const r = td.getBoundingClientRect();
		if (r.right > main.right + 1) return 'a cell ends at ' + Math.round(r.right) + ' px, past the card at ' + Math.round(main.right);
	}
	return '';
})()`
