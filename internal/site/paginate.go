package site

// Lists split over several pages: a section's children, a tag's or a
// role's pages.

import (
	"strconv"
	"strings"
)

// DefaultPageSize is the number of entries a list page shows when
// site.toml sets no [pagination] size: small enough that a section page of
// a large playbook stays under 30 KB.
const DefaultPageSize = 25

// PagerFolder is the folder, under a split list's URL, of its further
// pages: "standards/page/2/".
const PagerFolder = "page/"

// Pagination is the [pagination] block of site.toml.
type Pagination struct {
	// Size is the most entries one page of a list shows; DefaultPageSize
	// when zero.
	Size int `toml:"size"`
}

// PageSize returns the most entries one page of a list shows.
func (p Pagination) PageSize() int {
	if p.Size <= 0 {
		return DefaultPageSize
	}
	return p.Size
}

// ListPages returns how many pages a list of n entries is split into: 1
// for a list no longer than the page size.
func (p Pagination) ListPages(n int) int {
	size := p.PageSize()
	return max(1, (n+size-1)/size)
}

// ListPageURL returns the URL of page i (from 1) of the list published at
// url: url itself for the first, url + "page/i/" for the others.
func ListPageURL(url string, i int) string {
	if i <= 1 {
		return url
	}
	return url + PagerFolder + strconv.Itoa(i) + "/"
}

// Paginated reports whether the list of section sec is split over
// several pages, so that its folder page/ is playbook's. The home page's
// list is never split.
func (c Config) Paginated(sec *Page) bool {
	return sec.IsSection && sec.Parent != nil && c.Pagination.ListPages(len(sec.Children)) > 1
}

// pagerClash returns the split section among whose further pages the
// output file name (or a page's URL) would land, or nil. paged maps the
// URL of each split section to it.
func pagerClash(paged map[string]*Page, name string) *Page {
	for i := 0; i < len(name); i++ {
		if (i == 0 || name[i-1] == '/') && strings.HasPrefix(name[i:], PagerFolder) {
			if p := paged[name[:i]]; p != nil {
				return p
			}
		}
	}
	return nil
}
