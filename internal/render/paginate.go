package render

// Long lists split over several pages: a section's children, a tag's
// pages, a role's pages.

import (
	"fmt"

	"playbook/internal/site"
)

// pagerWindow is how many page numbers the pager shows on each side of
// the current page; the first and the last are always shown.
const pagerWindow = 2

// A Paginator is where one page of a split list stands among the list's
// pages. Data.Paginator is nil on a page whose list is not split.
type Paginator struct {
	// Number is this page's number, from 1; Total is the number of pages.
	Number, Total int
	// base is the URL of the list's first page.
	base string
	// size is the most entries a page shows.
	size int
}

// URL returns the URL of page i of the list, from the site root.
func (p *Paginator) URL(i int) string { return site.ListPageURL(p.base, i) }

// Prev returns the number of the page before this one, or 0.
func (p *Paginator) Prev() int {
	if p.Number <= 1 {
		return 0
	}
	return p.Number - 1
}

// Next returns the number of the page after this one, or 0.
func (p *Paginator) Next() int {
	if p.Number >= p.Total {
		return 0
	}
	return p.Number + 1
}

// Window returns the page numbers the pager links: the first, the last
// and those near this page, in order, with a 0 standing for each gap.
// Its length is bounded, whatever the number of pages.
func (p *Paginator) Window() []int {
	var nums []int
	for i := 1; i <= p.Total; i++ {
		near := i >= p.Number-pagerWindow && i <= p.Number+pagerWindow
		if i == 1 || i == p.Total || near {
			nums = append(nums, i)
			continue
		}
		if nums[len(nums)-1] != 0 {
			nums = append(nums, 0)
		}
		// Skip to the window, or to the last page.
		if i < p.Number-pagerWindow {
			i = p.Number - pagerWindow - 1
		} else {
			i = p.Total - 1
		}
	}
	return nums
}

// window returns the part [lo, hi) of a list of n entries this page shows.
func (p *Paginator) window(n int) (lo, hi int) {
	if p == nil {
		return 0, n
	}
	lo = min((p.Number-1)*p.size, n)
	return lo, min(lo+p.size, n)
}

// Slice returns the part of pages, a whole list, this page shows.
func (d *Data) Slice(pages []*site.Page) []*site.Page {
	lo, hi := d.Paginator.window(len(pages))
	return pages[lo:hi]
}

// RoleLists are the lists of a role's page, or the parts of them one page
// of a split role page shows.
type RoleLists struct {
	Promises, Behaviours, Standards, FAQs []*site.Page
}

// RoleLists returns the parts of the role's lists this page shows: a
// split role page is split as one list of all of them, in this order.
func (d *Data) RoleLists() RoleLists {
	ro := d.Role
	all := RoleLists{Promises: d.rolePromises, Behaviours: ro.Behaviours, Standards: ro.Standards, FAQs: ro.FAQs}
	if d.Paginator == nil {
		return all
	}
	lo, hi := d.Paginator.window(all.len())
	part := func(list []*site.Page) []*site.Page {
		// The part of [lo, hi) in this list, which starts at lo and
		// ends at hi of the whole, both moved along by its length.
		a, b := max(lo, 0), min(hi, len(list))
		lo, hi = lo-len(list), hi-len(list)
		if a >= b {
			return nil
		}
		return list[a:b]
	}
	return RoleLists{Promises: part(all.Promises), Behaviours: part(all.Behaviours), Standards: part(all.Standards), FAQs: part(all.FAQs)}
}

// A RoleListLink leads to where one of a role's lists starts on its
// split page.
type RoleListLink struct {
	// Href is the page the list starts on, relative to this one, with the
	// fragment of the list's heading.
	Href  string
	Count int
}

// RoleIndex leads to each of a split role page's lists: the lists of a
// long role page run on for pages one after the other, and what the role
// does would otherwise start pages away from the first. A list that is
// empty, and every list of a role page that is not split, is nil.
type RoleIndex struct {
	Promises, Behaviours, Standards, FAQs *RoleListLink
}

// RoleIndex returns the RoleIndex of this page; frags are the fragments of
// the four lists' headings, in RoleLists' order.
func (d *Data) RoleIndex(frags ...string) (RoleIndex, error) {
	var ix RoleIndex
	if d.Paginator == nil {
		return ix, nil
	}
	if len(frags) != 4 {
		return ix, fmt.Errorf("RoleIndex: want the fragments of the 4 lists, got %d", len(frags))
	}
	ro := d.Role
	lists := []struct {
		n    int
		link **RoleListLink
	}{{len(d.rolePromises), &ix.Promises}, {len(ro.Behaviours), &ix.Behaviours}, {len(ro.Standards), &ix.Standards}, {len(ro.FAQs), &ix.FAQs}}
	start := 0
	for i, l := range lists {
		if l.n > 0 {
			page := start/d.Paginator.size + 1
			*l.link = &RoleListLink{Href: d.Rel(d.Paginator.URL(page)) + "#" + frags[i], Count: l.n}
		}
		start += l.n
	}
	return ix, nil
}

func (l RoleLists) len() int {
	return len(l.Promises) + len(l.Behaviours) + len(l.Standards) + len(l.FAQs)
}

// listPage returns the Data of page i of the list of first, a later one.
func listPage(first *Data, i int) *Data {
	d := *first
	d.URL = site.ListPageURL(first.URL, i)
	d.Paginator = &Paginator{Number: i, Total: first.Paginator.Total, base: first.URL, size: first.Paginator.size}
	d.Later = true
	// Reading order goes from the first page only.
	d.index = -1
	return &d
}

// paginate adds to files the further pages of the list of first, a page
// whose list has n entries, and the redirect from its page/1/ to it, and
// sets first's Paginator, if the list is longer than a page.
func (r *Renderer) paginate(files map[string]job, first *Data, n int) {
	r.paginateBy(files, first, n, r.site.Config.Pagination.PageSize())
}

// paginateBy is paginate with size entries a page, for a list whose
// entries are heavier than most (see alignmentRows).
func (r *Renderer) paginateBy(files map[string]job, first *Data, n, size int) {
	total := site.Pagination{Size: size}.ListPages(n)
	if total <= 1 {
		return
	}
	first.Paginator = &Paginator{Number: 1, Total: total, base: first.URL, size: size}
	for i := 2; i <= total; i++ {
		files[site.ListPageURL(first.URL, i)+"index.html"] = job{data: first, list: i}
	}
	redirect := first.URL + site.PagerFolder + "1/"
	d := r.data(redirect, first.Title, "redirect")
	d.Redirect = first.URL
	files[redirect+"index.html"] = job{data: d}
}

// roleKeeps returns, for each promise role ro keeps, the role's
// behaviours that keep it, in the role's order.
func roleKeeps(ro *site.Role) map[*site.Page][]*site.Page {
	keeps := map[*site.Page][]*site.Page{}
	for _, b := range ro.Behaviours {
		for _, p := range b.Fulfils {
			keeps[p] = append(keeps[p], b)
		}
	}
	return keeps
}
