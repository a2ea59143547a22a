package render

import "playbook/internal/site"

// Stale returns the files of the site, rendered before the edit ed made by
// site.Loader.Patch, that show what it changed: the pages whose Markdown
// changed, the search index, which shows their text, and the sitemap,
// which says when they last changed, and the pages
// listing who mentions them. Every other file is as it was. all reports
// that any page may show what changed: a title is shown by the
// navigation, the lists and the neighbours of its page, and by whatever a
// theme's layouts make of the site.
func (r *Renderer) Stale(ed *site.Edit) (names []string, all bool) {
	if len(ed.Titles) > 0 {
		return nil, true
	}
	for _, p := range ed.Bodies {
		names = append(names, p.URL+"index.html")
	}
	for _, p := range ed.Mentions {
		names = append(names, p.URL+"index.html")
	}
	for name, j := range r.files {
		if j.search != "" || j.sitemap {
			names = append(names, name)
		}
	}
	return names, false
}

// Edited returns the Renderer of r's site after the edit ed, made by
// site.Loader.Patch while r was not in use. An edit of bodies alone
// leaves every page where it was, with its title: r serves on, its
// search index made again when next asked for. A new title orders pages
// anew: the Renderer is then made as ForSite makes it.
func (r *Renderer) Edited(ed *site.Edit) *Renderer {
	if len(ed.Titles) > 0 {
		return r.ForSite(ed.Site)
	}
	if r.search != nil {
		r.search = new(searchIndex)
	}
	return r
}
