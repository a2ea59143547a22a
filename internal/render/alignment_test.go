package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"playbook/internal/site"
)

// alignmentFiles returns the names of the files r makes under alignment/.
func alignmentFiles(r *Renderer) []string {
	var names []string
	for _, name := range r.Names() {
		if strings.HasPrefix(name, alignmentURL) {
			names = append(names, name)
		}
	}
	return names
}

// promiseSite returns a site of n promises, owned in turn by the owners
// given ("" for none), each made on the channels given, with a page size.
func promiseSite(n, size int, owners, channels []string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.toml":         {Data: fmt.Appendf(nil, "title = \"Acme\"\n\n[pagination]\nsize = %d\n", size)},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Acme\"\n+++\n")},
	}
	for i := range n {
		var ch string
		if len(channels) > 0 {
			ch = fmt.Sprintf("channels = [%q]\n", channels[i%len(channels)])
		}
		var owner string
		if o := owners[i%len(owners)]; o != "" {
			owner = fmt.Sprintf("owner = %q\n", o)
		}
		fsys[fmt.Sprintf("content/promises/p%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"+++\ntitle = \"Promise %02d\"\npromise = \"We keep %d.\"\n%s%s+++\n", i, i, owner, ch)}
	}
	return fsys
}

func TestAlignmentFiles(t *testing.T) {
	for _, tt := range []struct {
		name             string
		promises, size   int
		owners, channels []string
		want             []string
	}{
		{"promises that fit a page make one page", 3, 3, []string{"Ann"}, []string{"web"},
			[]string{"alignment/index.html"}},
		{"one promise more than a page splits it", 4, 3, []string{"Ann"}, []string{"web"}, []string{
			"alignment/channel-gap/index.html",
			"alignment/channels/web/index.html",
			"alignment/channels/web/page/1/index.html",
			"alignment/channels/web/page/2/index.html",
			"alignment/connected/index.html",
			"alignment/disconnected/index.html",
			"alignment/disconnected/page/1/index.html",
			"alignment/disconnected/page/2/index.html",
			"alignment/index.html",
			"alignment/owners/ann/channel-gap/index.html",
			"alignment/owners/ann/connected/index.html",
			"alignment/owners/ann/disconnected/index.html",
			"alignment/owners/ann/disconnected/page/1/index.html",
			"alignment/owners/ann/disconnected/page/2/index.html",
			"alignment/owners/ann/index.html",
			"alignment/owners/ann/page/1/index.html",
			"alignment/owners/ann/page/2/index.html",
			"alignment/owners/ann/sales-gap/index.html",
			"alignment/owners/ann/service-gap/index.html",
			"alignment/sales-gap/index.html",
			"alignment/service-gap/index.html",
		}},
		{"owners and channels past a page get lists of their own, and no folder named page", 3, 2,
			[]string{"Page", "Bo", ""}, []string{"page", "E-mail", "e mail"}, []string{
				"alignment/channel-gap/index.html",
				"alignment/channels/e-mail-2/index.html",
				"alignment/channels/e-mail/index.html",
				"alignment/channels/index.html",
				"alignment/channels/page-2/index.html",
				"alignment/channels/page/1/index.html",
				"alignment/channels/page/2/index.html",
				"alignment/connected/index.html",
				"alignment/disconnected/index.html",
				"alignment/disconnected/page/1/index.html",
				"alignment/disconnected/page/2/index.html",
				"alignment/index.html",
				"alignment/owners/bo/channel-gap/index.html",
				"alignment/owners/bo/connected/index.html",
				"alignment/owners/bo/disconnected/index.html",
				"alignment/owners/bo/index.html",
				"alignment/owners/bo/sales-gap/index.html",
				"alignment/owners/bo/service-gap/index.html",
				"alignment/owners/index.html",
				"alignment/owners/page-2/channel-gap/index.html",
				"alignment/owners/page-2/connected/index.html",
				"alignment/owners/page-2/disconnected/index.html",
				"alignment/owners/page-2/index.html",
				"alignment/owners/page-2/sales-gap/index.html",
				"alignment/owners/page-2/service-gap/index.html",
				"alignment/owners/page/1/index.html",
				"alignment/owners/page/2/index.html",
				"alignment/owners/unowned/channel-gap/index.html",
				"alignment/owners/unowned/connected/index.html",
				"alignment/owners/unowned/disconnected/index.html",
				"alignment/owners/unowned/index.html",
				"alignment/owners/unowned/sales-gap/index.html",
				"alignment/owners/unowned/service-gap/index.html",
				"alignment/sales-gap/index.html",
				"alignment/service-gap/index.html",
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, r := loadRenderer(t, promiseSite(tt.promises, tt.size, tt.owners, tt.channels))
			if got := alignmentFiles(r); !slices.Equal(got, tt.want) {
				t.Errorf("files\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, name := range alignmentFiles(r) {
				if _, err := r.File(name); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		})
	}
}

// TestAlignmentBounded renders every file of the Alignment of a generated
// playbook of 2,000 pages (200 promises) and wants each within the 30 KB
// of a page, and every promise listed once in the lists by status,
// gaps first, as on the one page they replace.
func TestAlignmentBounded(t *testing.T) {
	fsys := genFS(2000)
	s, r := loadRenderer(t, fsys)
	const bound = 30 << 10
	names := alignmentFiles(r)
	if len(names) < 10 {
		t.Fatalf("alignment is %d files, want it split: %q", len(names), names)
	}
	for _, name := range names {
		b, err := r.File(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) > bound {
			t.Errorf("%s is %d bytes, over %d", name, len(b), bound)
		}
	}
	var listed []string
	for _, class := range []string{"disconnected", "sales-gap", "service-gap", "connected"} {
		for i := 1; ; i++ {
			b, err := r.File(site.ListPageURL(alignmentURL+class+"/", i) + "index.html")
			if err != nil {
				break
			}
			listed = append(listed, promiseLinks(string(b))...)
		}
	}
	var want []string
	for _, p := range s.Promises() {
		want = append(want, p.URL)
	}
	if !slices.Equal(listed, want) {
		t.Errorf("the lists by status show %d promises, want the %d of the site in order", len(listed), len(want))
	}
}

// TestAlignmentRows wants a split Alignment's lists of promises by status
// and by owner to show at most alignmentRows a page, or the page size if
// smaller, and the other lists the page size, each promise on one page.
func TestAlignmentRows(t *testing.T) {
	for _, tt := range []struct {
		name     string
		size     int
		list     string
		wantRows []int
	}{
		{"a status's list shows 12 a page", 25, "alignment/disconnected/", []int{12, 12, 6}},
		{"an owner's list shows 12 a page", 25, "alignment/owners/ann/", []int{12, 12, 6}},
		{"an owner's list by status shows 12 a page", 25, "alignment/owners/ann/disconnected/", []int{12, 12, 6}},
		{"a channel's list shows the page size", 25, "alignment/channels/web/", []int{25, 5}},
		{"a page size under 12 is kept", 10, "alignment/disconnected/", []int{10, 10, 10}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, r := loadRenderer(t, promiseSite(30, tt.size, []string{"Ann"}, []string{"web"}))
			var rows []int
			seen := map[string]bool{}
			for i := 1; ; i++ {
				b, err := r.File(site.ListPageURL(tt.list, i) + "index.html")
				if err != nil {
					break
				}
				links := promiseLinks(string(b))
				rows = append(rows, len(links))
				for _, l := range links {
					if seen[l] {
						t.Errorf("page %d lists %s again", i, l)
					}
					seen[l] = true
				}
			}
			if !slices.Equal(rows, tt.wantRows) {
				t.Errorf("%s: pages of %v promises, want %v", tt.list, rows, tt.wantRows)
			}
		})
	}
}

// promiseLinks returns the promises a page's table of promises links to,
// as URLs from the site root.
func promiseLinks(html string) []string {
	var urls []string
	for _, row := range strings.Split(html, `<th scope="row"><a href="`)[1:] {
		href, _, _ := strings.Cut(row, `"`)
		_, url, _ := strings.Cut(href, "promises/")
		urls = append(urls, "promises/"+url)
	}
	return urls
}

// TestAlignmentSwitcher wants the version switcher of a split Alignment's
// list to lead to the Alignment of another version, where the list may
// not be, and to the list itself in its own version.
func TestAlignmentSwitcher(t *testing.T) {
	fsys := promiseSite(4, 3, []string{"Ann"}, []string{"web"})
	s, problems := site.Load(fsys, site.Options{Now: testNow})
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	v := &VersionInfo{Name: "v2", All: []*VersionPages{{Name: "v2"}, {Name: "v1"}}}
	r := newRenderer(t, fsys, s, Options{Version: v})
	j, ok := r.files["alignment/owners/ann/index.html"]
	if !ok {
		t.Fatal("no list of Ann's promises")
	}
	var got []string
	for _, l := range r.switcher(j.data) {
		got = append(got, l.Name+" "+l.Href)
	}
	if want := []string{"v2 ./", "v1 ../../../../v1/alignment/"}; !slices.Equal(got, want) {
		t.Errorf("switcher %q, want %q", got, want)
	}
}

// TestAlignmentFilterScopes: each list of Alignment (every promise, by
// channel, gaps by owner) is a scope of the filters with its own empty
// message, hidden until the script finds the scope shows nothing, so that
// a filter matching nothing leaves no bare table or heading.
func TestAlignmentFilterScopes(t *testing.T) {
	_, r := loadRenderer(t, promiseSite(3, 10, []string{"Ann", "Bo"}, []string{"web"}))
	b, err := r.File("alignment/index.html")
	if err != nil {
		t.Fatal(err)
	}
	scopes := strings.Split(string(b), "<div data-filter-scope>")[1:]
	if len(scopes) != 3 {
		t.Fatalf("%d filter scopes, want 3", len(scopes))
	}
	for i, want := range []string{
		"No promise matches these filters.",
		"No promise matches these filters on any channel.",
		"No owner has a gap that matches these filters.",
	} {
		if !strings.Contains(scopes[i], `<p class="muted filter-empty" data-filter-empty hidden>`+want+`</p>`) {
			t.Errorf("scope %d lacks its hidden empty message %q", i+1, want)
		}
	}
}

// TestAlignmentOwnerGapChannel: under Gaps by owner, a promise whose chain
// is whole but which is made on a channel no sales behaviour follows up
// shows that gap's badge beside its status, as its page's chain does, not
// a lone "connected" before the gap.
func TestAlignmentOwnerGapChannel(t *testing.T) {
	out := renderFiles(t, map[string]string{
		"content/_index.md": "# Home\n",
		"content/promises/fast.md": "+++\ntitle = \"Fast\"\npromise = \"Today.\"\nexpectation = \"A call.\"\nowner = \"Ann\"\n" +
			"channels = [\"web\", \"leaflet\"]\n+++\n",
		"content/behaviours/sales/call.md":  "+++\ntitle = \"Call\"\nstage = \"sales\"\nfulfils = [\"fast\"]\nchannels = [\"web\"]\n+++\n",
		"content/behaviours/service/fix.md": "+++\ntitle = \"Fix\"\nstage = \"service\"\nfulfils = [\"fast\"]\n+++\n",
	}, Options{})
	gaps, ok := between(page(t, out, "alignment/index.html"), `<h2 id="pb-owners">`, "</section>")
	if !ok {
		t.Fatal("no Gaps by owner")
	}
	want := `<span class="badge badge-connected">connected</span> <span class="badge badge-channel-gap">1 channel not followed up</span>: no follow-up on leaflet`
	if !strings.Contains(gaps, want) {
		t.Errorf("Gaps by owner lacks %s:\n%s", want, gaps)
	}
}
