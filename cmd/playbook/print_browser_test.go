package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPrint prints one page of each kind of the example playbook,
// from a light screen and a dark one, as staff do to take a page into a
// meeting: nothing that is tapped or typed into prints, the footer does
// (the version, the commit and the dates say when the page was true), and
// a long table runs on over pages with no row, step of the chain or card
// cut in two and no heading left alone at the foot of a page.
func TestBrowserPrint(t *testing.T) {
	b, base, kinds := openReaderPages(t)
	for _, dark := range []bool{false, true} {
		b.do("the screen's colours", prefersDark(dark))
		for _, p := range kinds {
			b.openPage(p, base)
			b.do("print media", emulatedMedia("print"))
			for _, msg := range tabValue(b, p.path+": what prints", chromedp.Evaluate[[]string](printedJS)) {
				t.Errorf("%s (%s) printed, dark %v: %s", p.name, p.path, dark, msg)
			}
			b.do("screen media", emulatedMedia(""))
		}
	}
	b.do("light colours back", prefersDark(false))
}

// printedJS lists what is wrong with the page as printed.
const printedJS = `(() => {
	const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
	const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/)[0] : '');
	const out = [];
	for (const sel of ['.topbar', '.sidebar', '.search', '.theme-choice', '.versions', '.nav-toggle', '.skip-link',
		'.filters', '.toc', '.toc-inline', '.pager', '.paginator ul', 'main button', 'main select']) {
		for (const e of document.querySelectorAll(sel)) {
			if (shown(e)) { out.push(sel + ' is printed'); break; }
		}
	}
	const footer = document.querySelector('body > .footer');
	if (!footer || !shown(footer)) out.push('the footer, with the version and the dates, is not printed');
	else if (!/built \d/.test(footer.textContent)) out.push('the footer does not say when the site was built: ' + footer.textContent.trim());
	else if (document.querySelector('.footer-change') && !/commit \S+\)/.test(footer.textContent)) out.push('the footer does not name the commit: ' + footer.textContent.trim());
	if (footer) {
		// A browser tells the page before it prints it, and after.
		window.dispatchEvent(new Event('beforeprint'));
		const printed = getComputedStyle(footer, '::after').content;
		window.dispatchEvent(new Event('afterprint'));
		const today = new Date();
		if (!new RegExp('^"Printed ' + today.getDate() + ' [A-Z][a-z]{2} ' + today.getFullYear() + '"$').test(printed)) out.push('the footer does not say the day the page was printed: ' + printed);
		if (getComputedStyle(footer, '::after').content !== 'none') out.push('the day it was printed stays on the page after printing');
	}
	for (const sel of ['tr', '.step', '.card', '.follow-up', '.objections > div', '.stat']) {
		const e = Array.from(document.querySelectorAll('main ' + sel)).find(e => shown(e) && getComputedStyle(e).breakInside !== 'avoid');
		if (e) out.push('a ' + sel + ' may be cut across pages: ' + name(e) + ' "' + e.textContent.trim().slice(0, 30) + '"');
	}
	const lone = Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4)')).find(h => shown(h) && getComputedStyle(h).breakAfter !== 'avoid');
	if (lone) out.push('a heading may be left at the foot of a page: ' + lone.textContent.trim().slice(0, 30));
	const box = Array.from(document.querySelectorAll('.table-wrap')).find(e => shown(e) && getComputedStyle(e).backgroundImage !== 'none');
	if (box) out.push('a table prints the shadows that say it scrolls');
	return out;
})()`

// TestBrowserPrintedLinks prints the pages of the example playbook whose
// text links to other pages: on paper each such link says where it leads,
// the page's path from the site's root, for a link's address is lost there.
func TestBrowserPrintedLinks(t *testing.T) {
	b, base, kinds := openReaderPages(t)
	links := 0
	for _, p := range kinds {
		b.openPage(p, base)
		b.do("print media", emulatedMedia("print"))
		got := tabValue(b, p.path+": printed links", chromedp.Evaluate[[][3]string](`Array.from(document.querySelectorAll('main .prose a[href]'))
			.filter(a => !a.getAttribute('href').startsWith('#') && !/^[a-z]+:/i.test(a.getAttribute('href')) && a.pathname !== location.pathname)
			.map(a => [a.textContent.trim(), decodeURIComponent(a.href.slice(`+jsQuote(base)+`.length)), getComputedStyle(a, '::after').content])`))
		for _, l := range got {
			links++
			if want := fmt.Sprintf("%q", " ("+l[1]+")"); l[2] != want {
				t.Errorf("%s (%s): the link %q prints %s after it, want %s", p.name, p.path, l[0], l[2], want)
			}
		}
		b.do("screen media", emulatedMedia(""))
	}
	if links < 5 {
		t.Errorf("the pages' text holds %d links to other pages, want 5 or more to check", links)
	}
}

// TestBrowserPrintedAlignment prints the example's Alignment, a sheet
// staff take into a meeting, on A4: its eight promises on four pages at
// most, where its table's rows, in the screen's type, each took a third
// of a page and the whole six.
func TestBrowserPrintedAlignment(t *testing.T) {
	b, base, _ := openReaderPages(t)
	b.open("Alignment", base+"alignment/")
	pdf := tabValue(b, "print to PDF", printA4())
	if n, err := pdfPages(pdf); err != nil || n > 4 {
		t.Errorf("Alignment printed on A4: %d pages (%v), want 4 at most", n, err)
	}
}
