package render

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// navSite returns a site with a section "Guides" of n pages (Guide 0001,
// ... in that order) and a section "Regions" of regions sub-sections
// (Region 01, ...) of two pages each.
func navSite(n, regions int) map[string]string {
	files := map[string]string{
		"content/_index.md":         "+++\ntitle = \"Home\"\n+++\n",
		"content/guides/_index.md":  "+++\ntitle = \"Guides\"\nweight = 1\n+++\n",
		"content/regions/_index.md": "+++\ntitle = \"Regions\"\nweight = 2\n+++\n",
	}
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/guides/g%04d.md", i)] = fmt.Sprintf("+++\ntitle = \"Guide %04d\"\nweight = %d\n+++\nText.\n", i, i)
	}
	for i := 1; i <= regions; i++ {
		dir := fmt.Sprintf("content/regions/r%02d/", i)
		files[dir+"_index.md"] = fmt.Sprintf("+++\ntitle = \"Region %02d\"\nweight = %d\n+++\n", i, i)
		files[dir+"a.md"] = fmt.Sprintf("+++\ntitle = \"Region %02d A\"\n+++\n", i)
		files[dir+"b.md"] = fmt.Sprintf("+++\ntitle = \"Region %02d B\"\n+++\n", i)
	}
	return files
}

// A navLink is an entry of a page's sidebar as it reads in the HTML.
type navLink struct {
	class, href, text string
	current           bool
}

var navLinkRE = regexp.MustCompile(`<li class="([^"]*)"><a href="([^"]*)"( aria-current="page")?>([^<]*)</a>`)

// sidebar returns the entries of the sidebar's tree on a page.
func sidebar(t *testing.T, html string) []navLink {
	t.Helper()
	nav, ok := between(html, `<nav id="pb-sidebar"`, `</nav>`)
	if !ok {
		t.Fatal("no sidebar")
	}
	var links []navLink
	for _, m := range navLinkRE.FindAllStringSubmatch(nav, -1) {
		links = append(links, navLink{class: m[1], href: m[2], current: m[3] != "", text: m[4]})
	}
	return links
}

func texts(links []navLink) []string {
	var out []string
	for _, l := range links {
		out = append(out, l.text)
	}
	return out
}

// guides returns the titles of the guides numbered from..to.
func guides(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("Guide %04d", i))
	}
	return out
}

// TestNavWindow: in a section of 200 pages the sidebar shows the first
// and last few, those around the page shown, and in each gap a link to
// the page of the section's list showing the first page it stands for;
// the page itself stays marked.
func TestNavWindow(t *testing.T) {
	out := renderFiles(t, navSite(200, 0), Options{})
	more := func(n int) string { return fmt.Sprintf("%d more in Guides", n) }
	cat := func(parts ...[]string) []string { return slices.Concat(parts...) }
	for _, c := range []struct {
		name, page string
		current    string // the title marked current
		want       []string
	}{
		{"first page", "guides/g0001/index.html", "Guide 0001",
			cat([]string{"Guides"}, guides(1, 9), []string{more(188)}, guides(198, 200), []string{"Regions"})},
		{"middle page", "guides/g0100/index.html", "Guide 0100",
			cat([]string{"Guides"}, guides(1, 3), []string{more(92)}, guides(96, 104), []string{more(93)}, guides(198, 200), []string{"Regions"})},
		{"last page", "guides/g0200/index.html", "Guide 0200",
			cat([]string{"Guides"}, guides(1, 3), []string{more(188)}, guides(192, 200), []string{"Regions"})},
		{"page whose window meets the first ones", "guides/g0008/index.html", "Guide 0008",
			cat([]string{"Guides"}, guides(1, 12), []string{more(185)}, guides(198, 200), []string{"Regions"})},
		{"the section itself", "guides/index.html", "Guides",
			cat([]string{"Guides"}, guides(1, 9), []string{more(188)}, guides(198, 200), []string{"Regions"})},
	} {
		t.Run(c.name, func(t *testing.T) {
			links := sidebar(t, page(t, out, c.page))
			if got := texts(links); !slices.Equal(got, c.want) {
				t.Fatalf("sidebar reads\n%q\nwant\n%q", got, c.want)
			}
			if len(links)-2 > NavListMax {
				t.Errorf("the section's list has %d entries, more than NavListMax (%d)", len(links)-2, NavListMax)
			}
			prev := ""
			for _, l := range links {
				if l.current != (l.text == c.current) {
					t.Errorf("%q: aria-current is %v", l.text, l.current)
				}
				if l.current && l.href != "./" {
					t.Errorf("the current page links to %q, want ./", l.href)
				}
				if strings.HasSuffix(l.text, "more in Guides") {
					// To the page of the section's list showing the
					// first guide it stands for, the one after the
					// guide before it.
					var before int
					fmt.Sscanf(prev, "Guide %d", &before)
					want := "../"
					if c.page == "guides/index.html" {
						want = "./"
					}
					if n := before/site.DefaultPageSize + 1; n > 1 {
						want += "page/" + strconv.Itoa(n) + "/"
					}
					if l.href != want || l.class != "nav-more" {
						t.Errorf("%q: class %q, href %q; want nav-more leading to the list's page showing Guide %04d (%s)", l.text, l.class, l.href, before+1, want)
					}
				}
				prev = l.text
			}
		})
	}
	// The more links lead to the section's page, which lists every page
	// over the pages of its list.
	var list string
	for i := 1; i <= 200/site.DefaultPageSize; i++ {
		part, _ := between(page(t, out, site.ListPageURL("guides/", i)+"index.html"), `<ul class="cards">`, `</ul>`)
		list += part
	}
	if n := strings.Count(list, `<li class="card">`); n != 200 {
		t.Errorf("the section's pages list %d pages, want 200", n)
	}
	for _, title := range guides(1, 200) {
		if !strings.Contains(list, ">"+title+"</a>") {
			t.Errorf("the section's pages do not list %s", title)
		}
	}
}

// TestNavWindowAbove: a section of many sub-sections is windowed around
// the one on the way to the page, which alone is open.
func TestNavWindowAbove(t *testing.T) {
	out := renderFiles(t, navSite(3, 30), Options{})
	links := sidebar(t, page(t, out, "regions/r15/a/index.html"))
	var want []string
	want = append(want, "Guides", "Regions", "Region 01", "Region 02", "Region 03", "7 more in Regions")
	for i := 11; i <= 19; i++ {
		want = append(want, fmt.Sprintf("Region %02d", i))
		if i == 15 {
			want = append(want, "Region 15 A", "Region 15 B")
		}
	}
	want = append(want, "8 more in Regions", "Region 28", "Region 29", "Region 30")
	if got := texts(links); !slices.Equal(got, want) {
		t.Fatalf("sidebar reads\n%q\nwant\n%q", got, want)
	}
	for _, l := range links {
		switch l.text {
		case "Region 15":
			if l.class != "nav-section open" {
				t.Errorf("Region 15 has class %q, want it open", l.class)
			}
		case "Region 14", "Region 16":
			if l.class != "nav-section" {
				t.Errorf("%s has class %q, want it closed", l.text, l.class)
			}
		case "7 more in Regions":
			if l.href != "../../" {
				t.Errorf("the more link leads to %q, want ../../ (the Regions page)", l.href)
			}
		}
	}
}

// TestNavSizeBounded: a page's HTML does not grow with the number of its
// siblings.
func TestNavSizeBounded(t *testing.T) {
	small := renderFiles(t, navSite(100, 0), Options{})
	large := renderFiles(t, navSite(2000, 0), Options{})
	for _, c := range []struct{ name, small, large string }{
		{"first page", "guides/g0001/index.html", "guides/g0001/index.html"},
		{"middle page", "guides/g0050/index.html", "guides/g1000/index.html"},
		{"last page", "guides/g0100/index.html", "guides/g2000/index.html"},
	} {
		a, b := len(page(t, small, c.small)), len(page(t, large, c.large))
		if d := b - a; d < -200 || d > 200 {
			t.Errorf("%s: %s is %d bytes beside 100 pages, %s %d beside 2,000", c.name, c.small, a, c.large, b)
		}
	}
}

// TestNavHTMLIsNav: the HTML made from what a section's pages share is
// the HTML of Nav, on every page, long lists and short.
func TestNavHTMLIsNav(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, data := range navSite(60, 25) {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	// A top level long enough to be windowed too, its sections kept.
	for i := 1; i <= 25; i++ {
		fsys[fmt.Sprintf("content/top%02d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Top %02d\"\n+++\n", i))}
	}
	s, r := loadRenderer(t, fsys)
	for _, p := range s.Pages {
		d := r.data(p.URL, p.Title, kindOf(p))
		d.Page = p
		var b strings.Builder
		writeNav(&b, d.Nav(), nil)
		if got := string(d.NavHTML()); got != b.String() {
			t.Errorf("%s: NavHTML differs from Nav:\n%s", p.URL, firstDiff([]byte(b.String()), []byte(got)))
		}
	}
}

func TestNavShown(t *testing.T) {
	span := func(from, to int) []int {
		var out []int
		for i := from; i <= to; i++ {
			out = append(out, i)
		}
		return out
	}
	for _, c := range []struct {
		name   string
		n, at  int
		always func(int) bool
		want   []int
	}{
		{"no focus shows the first ones", 100, -1, nil, slices.Concat(span(0, 8), span(97, 99))},
		{"focus in the middle", 100, 50, nil, slices.Concat(span(0, 2), span(46, 54), span(97, 99))},
		{"focus on the last", 100, 99, nil, slices.Concat(span(0, 2), span(91, 99))},
		{"a gap of one is filled", 100, 8, nil, slices.Concat(span(0, 12), span(97, 99))},
		{"top-level sections always shown", 40, 0, func(i int) bool { return i%10 == 5 },
			slices.Concat(span(0, 8), []int{15, 25}, span(35, 39))},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := navShown(c.n, c.at, c.always)
			if !slices.Equal(got, c.want) {
				t.Errorf("navShown(%d, %d) = %v, want %v", c.n, c.at, got, c.want)
			}
			if c.always == nil && len(got) > NavListMax-2 {
				t.Errorf("shows %d entries: with two more links, over NavListMax", len(got))
			}
		})
	}
}

// BenchmarkNavHTML makes the sidebar of every page of a section of n
// pages, the section's shared part made anew each time as in a build: the
// time a page takes stays the same however many siblings it has.
func BenchmarkNavHTML(b *testing.B) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("siblings=%d", n), func(b *testing.B) {
			fsys := fstest.MapFS{}
			for name, data := range navSite(n, 0) {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			s, r := loadRenderer(b, fsys)
			var pages []*site.Page
			for _, p := range s.Pages {
				if !p.IsSection {
					pages = append(pages, p)
				}
			}
			b.ResetTimer()
			for b.Loop() {
				r.nav = navCache{}
				for _, p := range pages {
					d := r.data(p.URL, p.Title, kindOf(p))
					d.Page = p
					d.NavHTML()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
		})
	}
}

// TestNavCacheDropsSectionsDone: once a build has rendered the pages of
// a section, it holds no navigation of the section, and a page rendered
// after that has the same navigation as in the build.
func TestNavCacheDropsSectionsDone(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, text := range navSite(30, 4) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	s, r := loadRenderer(t, fsys)
	out := NewMemOutput()
	if err := r.Render(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	r.nav.mu.Lock()
	for sec := range r.nav.m {
		if sec != s.Home {
			t.Errorf("after the build, the navigation of %s is kept", sec.File)
		}
	}
	r.nav.mu.Unlock()
	for _, name := range []string{"guides/g0015/index.html", "regions/r02/a/index.html", "regions/r03/index.html"} {
		want, ok := out.File(name)
		if !ok {
			t.Fatalf("no %s in the build", name)
		}
		got, err := r.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s rendered again differs: %s", name, firstDiff(want, got))
		}
	}
}
