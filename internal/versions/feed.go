package versions

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"playbook/internal/render"
	"playbook/internal/site"
)

type feedEntry struct {
	v *Version
	// changes are what the version's What changed page shows, and
	// published what its feed entry says: the same, but for the drafts a
	// preview or a build with --drafts shows (see Version.published).
	changes, published *render.WhatChanged
}

// atomFeed is the Atom feed of the versions' changes, newest first. Its
// links start with base, the site's address (site.toml's base_url), as
// feed readers want them; without one, they are relative to the feed, at
// the site root. The working tree's entry, if any, is dated head, the
// time of the commit checked out: the time of the build would make every
// build's feed new. It is written in w, the words of the latest version.
func atomFeed(entries []feedEntry, w *render.Words, title, base string, head time.Time) []byte {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type content struct {
		Type string `xml:"type,attr"`
		Body string `xml:",chardata"`
	}
	type entry struct {
		ID      string  `xml:"id"`
		Title   string  `xml:"title"`
		Updated string  `xml:"updated"`
		Link    link    `xml:"link"`
		Content content `xml:"content"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Link    []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{
		ID: "urn:playbook:" + site.Slug(title) + ":changes", Title: w.Text("feed_title", 0, "site", title),
		Updated: head.UTC().Format(time.RFC3339), Author: title,
		Link: []link{{Href: base + "changes.xml", Rel: "self"}, {Href: base + "latest/"}},
	}
	var newest time.Time
	for _, e := range entries {
		// An entry's id holds the version's commit, not the site's
		// title: renaming the site must not make every entry new again.
		when, id := head, "urn:playbook:version:"+e.v.Name+":working-tree"
		if e.v.Commit != nil {
			when, id = e.v.Commit.When, "urn:playbook:version:"+e.v.Name+":"+e.v.Commit.Hash
		}
		if when.After(newest) {
			newest = when
		}
		var b strings.Builder
		if e.published.Before == "" {
			b.WriteString("<p>" + escape(w.Text("feed_first", 0)) + "</p>")
		} else if e.published.Empty() {
			b.WriteString("<p>" + escape(w.Text("changes_none", 0, "version", e.published.Against)) + "</p>")
		} else {
			// A page's link leads into the version that has it: a removed
			// page's into the version before. Links are from the feed.
			page := func(version string, p render.ChangedPage) string {
				return fmt.Sprintf(`<a href="%s">%s</a>`, escape(base+version+"/"+p.URL), escape(p.Title))
			}
			// The risks first, as What changed opens with them: a reader
			// of the feed alone is told of a gap too.
			if risks := e.published.Summary.Risks; len(risks) > 0 {
				b.WriteString("<p>" + escape(w.Text("feed_risks", 0)) + "</p><ul>")
				for _, r := range risks {
					from := w.Text("feed_new", 0)
					if r.FromClass != "" {
						from = w.Text("chain_"+r.FromClass, 0)
					}
					fmt.Fprintf(&b, "<li>%s%s %s → %s</li>", page(e.v.Name, render.ChangedPage{Title: r.Title, URL: r.URL}), escape(w.Text("colon", 0)), escape(from), escape(w.Text("chain_"+r.ToClass, 0)))
				}
				b.WriteString("</ul>")
			}
			fmt.Fprintf(&b, "<p>%s</p><ul>", escape(w.Text("feed_since", 0, "version", e.published.Against)))
			for _, g := range e.published.Groups {
				fmt.Fprintf(&b, "<li>%s%s ", escape(w.TypeTitle(g.Type)), escape(w.Text("colon", 0)))
				var parts []string
				for _, kind := range []struct {
					name, in string
					pages    []render.ChangedPage
				}{{"feed_added", e.v.Name, g.Added}, {"feed_removed", e.published.Before, g.Removed}, {"feed_moved", e.v.Name, g.Moved}, {"feed_changed", e.v.Name, g.Modified}} {
					if len(kind.pages) > 0 {
						var ts []string
						for _, p := range kind.pages {
							ts = append(ts, page(kind.in, p))
						}
						// The words around the links escaped, the links
						// put in after: a word's text is no markup.
						const mark = "{pages}"
						text := escape(w.Text(kind.name, len(kind.pages), "pages", mark))
						parts = append(parts, strings.Replace(text, mark, strings.Join(ts, ", "), 1))
					}
				}
				b.WriteString(strings.Join(parts, escape(w.Text("list_separator", 0))) + "</li>")
			}
			b.WriteString("</ul>")
		}
		f.Entries = append(f.Entries, entry{
			ID: id, Title: w.Text("version", 0, "version", e.v.Label), Updated: when.UTC().Format(time.RFC3339),
			Link: link{Href: base + e.v.Name + "/changes/"}, Content: content{Type: "html", Body: b.String()},
		})
	}
	if !newest.IsZero() {
		// The feed changed when its newest entry did, not at each build.
		f.Updated = newest.UTC().Format(time.RFC3339)
	}
	out, _ := xml.MarshalIndent(f, "", "  ")
	return append([]byte(xml.Header), append(out, '\n')...)
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
