package site

import (
	"slices"
	"strings"
)

// A Generated is a page playbook makes itself, rather than from a file
// under content/.
type Generated struct {
	// Kind names the page to layouts (a page's .Kind), and its layout is
	// Kind + ".html".
	Kind string
	// URL is where the page is published, from the site root: a folder
	// ("alignment/", published as its index.html) or a file ("404.html").
	// For pages made one per tag, the folder holding them.
	URL string
	// Title is the page's title and the text of its link in the site's
	// menu; for pages made one per tag, what comes before the tag's name.
	Title string
	// Menu links the page from the menu of every page.
	Menu bool
	// Versioned makes the page in a versioned build only.
	Versioned bool
	// PerTag makes one page for each tag, at the tag's URL, rather than
	// one at URL.
	PerTag bool
	// PerRole makes one page for each role, at the role's URL, rather
	// than one at URL.
	PerRole bool
	// Roles makes the page only for a site whose pages name roles.
	Roles bool
	// Files makes the entry files of data rather than a page: it has no
	// layout, and the renderer's case for its Kind (see render's index)
	// writes its files in the folder URL.
	Files bool
	// Promises makes the page only for a site with promises: a handbook
	// without any has no use for it.
	Promises bool
}

// GeneratedPages lists every page and file playbook generates, in the
// order the menu links them. An entry here is all a new generated page
// needs: its URL is reserved (no page or file of content/ may take it), a
// theme must have its layout, the renderer renders it, and the menu links
// it. A generated file that is not a page (the search index) is an entry
// with Files set and a case in the renderer that makes its content.
var GeneratedPages = []Generated{
	{Kind: "alignment", URL: "alignment/", Title: "Alignment", Menu: true, Promises: true},
	{Kind: "roles", URL: "roles/", Title: "Roles", Menu: true, Roles: true},
	{Kind: "tags", URL: "tags/", Title: "Tags", Menu: true},
	// Linked from the footer and from Alignment: authors go there, readers
	// seldom.
	{Kind: "review", URL: "review/", Title: "Review"},
	{Kind: "tag", URL: "tags/", Title: "Tag: ", PerTag: true},
	{Kind: "role", URL: "roles/", Title: "Role: ", PerRole: true, Roles: true},
	{Kind: "404", URL: "404.html", Title: "Page not found"},
	{Kind: "changes", URL: "changes/", Title: "What changed", Menu: true, Versioned: true},
	{Kind: "search", URL: "search/", Title: "Search index", Files: true},
}

// searchIndexed reports whether a site has a search index: whether
// GeneratedPages has its entry.
func searchIndexed() bool {
	return slices.ContainsFunc(GeneratedPages, func(g Generated) bool { return g.Kind == "search" })
}

// IsFolder reports whether g is published as a folder's index.html
// rather than as a file of its own.
func (g Generated) IsFolder() bool { return strings.HasSuffix(g.URL, "/") }

// File returns the name of the file g is published as. For pages made one
// per tag, see Tag.URL.
func (g Generated) File() string {
	if g.IsFolder() {
		return g.URL + "index.html"
	}
	return g.URL
}

// staticURL is the folder of the theme's assets.
const staticURL = "assets/"

// reservedURLs are the folders playbook puts pages and files of its own
// in: no page of content/ may have one as its URL.
var reservedURLs = reserved()

func reserved() []string {
	var urls []string
	for _, g := range GeneratedPages {
		if g.IsFolder() && !slices.Contains(urls, g.URL) {
			urls = append(urls, g.URL)
		}
	}
	return append(urls, staticURL)
}

// isGenerated reports whether the output file name is one playbook makes
// itself: a generated page, or any file in a reserved folder.
func isGenerated(name string) bool {
	for _, g := range GeneratedPages {
		if !g.IsFolder() && name == g.URL {
			return true
		}
	}
	for _, r := range reservedURLs {
		if strings.HasPrefix(name, r) {
			return true
		}
	}
	return false
}
