package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"playbook/internal/site"
)

// VersionInfo is what the pages of one version of a versioned build know of
// the versions published beside it.
type VersionInfo struct {
	// Name is the version's folder ("2026-q3"), Label its display name.
	Name, Label string
	// Commit is the short hash the version was built from; empty for the
	// working tree.
	Commit string
	// All lists every version published, newest first, this one included.
	All []*VersionPages
	// Changes is the What changed page of this version.
	Changes *WhatChanged
}

// Short returns the version's label as a phone's top bar shows it, where
// a tag's name does not fit: the end of its name that tells it from the
// other versions named alike ("q4" of "playbook-2026-q4" beside
// "playbook-2026-q3"), after a "-", "_", "." or "/"; else its label, as
// a label of the team's own, or a name that fits ("v1.2").
func (v *VersionInfo) Short() string {
	if v.Label != v.Name || len(v.Name) <= shortFits {
		return v.Label
	}
	first := func(name string) string {
		if i := strings.IndexAny(name, "-_./"); i >= 0 {
			return name[:i+1]
		}
		return name
	}
	var alike []string
	for _, o := range v.All {
		if o.Label == o.Name && first(o.Name) == first(v.Name) {
			alike = append(alike, o.Name)
		}
	}
	if len(alike) < 2 {
		return v.Label
	}
	prefix := alike[0]
	for _, n := range alike[1:] {
		for !strings.HasPrefix(n, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	cut := strings.LastIndexAny(prefix, "-_./") + 1
	if cut == 0 || cut >= len(v.Name) {
		return v.Label
	}
	return v.Name[cut:]
}

// shortFits is the longest name a phone's top bar shows whole.
const shortFits = 8

// VersionPages is a version as the switcher sees it.
type VersionPages struct {
	Name, Label string
	// Latest marks the version also published as latest/.
	Latest bool
	// IDs maps each page's site.PageKey to its URL in this version.
	IDs map[string]string
	// Files maps each page's site.FileKey to its URL: a page whose id changed
	// is found by its file.
	Files map[string]string
	// URLs holds every page URL of the version, for generated pages.
	URLs map[string]bool
	// OldPaths maps the old paths pages name (their aliases, as page
	// URLs) to the pages' URLs: a page renamed is found by the path it
	// had.
	OldPaths map[string]string
}

// WhatChanged is what changed in a version since the version before it.
type WhatChanged struct {
	// Against is the label of the previous version, Before its name;
	// both empty for the first version.
	Against, Before string
	Groups          []ChangeGroup
	// Summary is what a reader looks for first.
	Summary ChangeSummary
}

// A ChangeSummary is what a reader of What changed looks for first.
type ChangeSummary struct {
	// Risks are the promises whose chain opened a gap: a side no
	// behaviour keeps any more, or a new promise with a gap.
	Risks []StatusChange
	// StatusChanges are the other promises whose chain status changed.
	StatusChanges []StatusChange
	// Reworded are the promises whose promise, as customers hear it,
	// changed; Expectations those whose expectation alone did.
	Reworded, Expectations []ChangedPage
	// BehavioursAdded and BehavioursRemoved are behaviours new in this
	// version and gone from it (their URLs in the version before).
	BehavioursAdded, BehavioursRemoved []ChangedPage
}

// Empty reports whether the summary has nothing to say.
func (s ChangeSummary) Empty() bool {
	return len(s.Risks)+len(s.StatusChanges)+len(s.Reworded)+len(s.Expectations)+len(s.BehavioursAdded)+len(s.BehavioursRemoved) == 0
}

// A StatusChange is a promise's chain status before and now.
type StatusChange struct {
	Title, URL string
	// From is the status in the version before ("sales gap"), empty for
	// a promise new in this version; To is the status now. FromClass and
	// ToClass are the same as CSS classes ("sales-gap").
	From, FromClass, To, ToClass string
}

// A ChangeGroup is the changes to the pages of one type.
type ChangeGroup struct {
	// Title names the type in English; Type is the type, or "section",
	// which layouts and the feed name in the site's language.
	Title, Type                     string
	Added, Removed, Moved, Modified []ChangedPage
}

// A ChangedPage is one page that was added, removed, moved or changed.
type ChangedPage struct {
	Title string
	// URL is the page in this version; for a removed page, in the
	// version before.
	URL string
	// OldURL is where a moved page was.
	OldURL string
	// Diffs shows the changed wording of promises and behaviours.
	Diffs []FieldDiff
	// Fields names the changed fields of other pages.
	Fields []string
}

// A FieldDiff is the changed wording of one field, as HTML with <del> and
// <ins>.
type FieldDiff struct {
	Field string
	HTML  template.HTML
}

// Empty reports whether nothing changed.
func (c *WhatChanged) Empty() bool { return len(c.Groups) == 0 }

// A SwitchLink is an entry of the version switcher.
type SwitchLink struct {
	Name, Label string
	Href        string
	Current     bool
	Latest      bool
	// Missing says the page does not exist in that version, so the link
	// leads to its home page.
	Missing bool
}

// switcher links the page of d to the same page in every version: the
// page with the same id and type, else of the same type at the same file,
// else at the old path d's page names or naming its path as its old one,
// else the same generated page, else the version's home.
func (r *Renderer) switcher(d *Data) []SwitchLink {
	v := r.opts.Version
	if v == nil {
		return nil
	}
	var links []SwitchLink
	for _, o := range v.All {
		target, ok := switchTarget(d, o)
		links = append(links, SwitchLink{
			Name: o.Name, Label: o.Label, Current: o.Name == v.Name, Latest: o.Latest, Missing: !ok,
			Href: site.Rel(v.Name+"/"+d.URL, o.Name+"/"+target),
		})
	}
	return links
}

// switchTarget returns the URL of the page d shows in the version o, and
// whether o has it; the switcher leads to o's home ("") when not.
func switchTarget(d *Data, o *VersionPages) (string, bool) {
	if d.Page != nil {
		if target, ok := o.IDs[site.PageKey(d.Page)]; ok {
			return target, true
		}
		if target, ok := o.Files[site.FileKey(d.Page)]; ok {
			return target, true
		}
		for _, u := range d.Page.OldURLs() {
			if o.URLs[u] {
				return u, true
			}
		}
		target, ok := o.OldPaths[d.Page.URL]
		return target, ok
	}
	// A list of a split Alignment may not be in another version, whose
	// promises differ; its Alignment is.
	if v := d.r.opts.Version; d.Alignment != nil && (v == nil || o.Name != v.Name) {
		return alignmentURL, true
	}
	if o.URLs[d.URL] || inEveryVersion(d.Kind) {
		return d.URL, true
	}
	return "", false
}

// SwitchTargets hashes where the switcher of every page of r leads in the
// version o: all that r's files read of another version beside its name,
// label and latest flag. A page added to o that r has no page for does not
// change it.
func (r *Renderer) SwitchTargets(o *VersionPages) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(r.files)) {
		j := r.files[name]
		if j.data == nil && j.page == nil {
			continue
		}
		d := r.dataOf(j)
		if d.Redirect != "" {
			continue
		}
		target, ok := switchTarget(d, o)
		fmt.Fprintf(h, "%s\x00%s\x00%t\n", name, target, ok)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inEveryVersion reports whether the generated page of a kind is in every
// version of a versioned build: one page of its own folder, as the
// Alignment page is. A tag page is in the versions whose pages have the
// tag, and the 404 page is shown where no page is.
func inEveryVersion(kind string) bool {
	for _, g := range site.GeneratedPages {
		if g.Kind == kind {
			return g.IsFolder() && !g.PerTag
		}
	}
	return false
}

// Layout executes the layout name of r's theme as a whole page of its
// own, not inside base.html, with data: for a page outside the site, as
// the root page of a versioned build (versions.html) is.
func (r *Renderer) Layout(name string, data any) ([]byte, error) {
	t := r.layouts[name]
	if t == nil {
		return nil, missingLayout(name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, r.layoutError(err)
	}
	return buf.Bytes(), nil
}

// VersionLink returns the URL of a page of another version (a URL from
// that version's root) relative to this page.
func (d *Data) VersionLink(version, url string) string {
	v := d.r.opts.Version
	if v == nil {
		return d.Rel(url)
	}
	return site.Rel(v.Name+"/"+d.URL, version+"/"+strings.TrimPrefix(url, "/"))
}

// A VersionBanner tells the reader of a version other than the latest
// which version they are reading, and leads to the latest.
type VersionBanner struct {
	// Label is the label of the version shown, Latest the latest's.
	Label, Latest string
	// Href is this page in the latest version, else that version's home.
	Href string
	// Missing says the page is not in the latest version.
	Missing bool
	// Newer says the version shown is newer than the latest: one not
	// yet published, as the working tree is.
	Newer bool
}

// banner returns the banner of a page of version v, given its switcher
// links, or nil on the latest version.
func banner(v *VersionInfo, links []SwitchLink) *VersionBanner {
	var b *VersionBanner
	newer := false
	for _, l := range links {
		switch {
		case l.Latest && l.Current:
			return nil
		case l.Latest:
			b = &VersionBanner{Latest: l.Label, Href: l.Href, Missing: l.Missing}
		case l.Current:
			// Versions are listed newest first.
			newer = b == nil
		}
	}
	if b != nil {
		b.Label, b.Newer = v.Label, newer
	}
	return b
}

// VersionLinkHTML returns the link to a page of another version (see
// VersionLink), its path from that version's root ("/promises/x/") its
// text: one value for T to place in a sentence.
func (d *Data) VersionLinkHTML(version, url string) (template.HTML, error) {
	return linkHTML(d.VersionLink(version, url), "/"+url, false)
}
