package render

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"playbook/internal/site"
)

// The Alignment page's data: its views by channel and by owner, and what
// its filters read. The filters work in the browser on attributes of the
// rows (see playbook.js); without JavaScript the page shows the gaps of
// each owner under an anchor of their own instead.

// noOwner is the filter value of promises without an owner.
const noOwner = "unowned"

// OwnerKey returns the value by which Alignment's filter selects the
// promises of p's owner: the owner's slug.
func (d *Data) OwnerKey(p *site.Page) string { return ownerKey(p.Owner) }

func ownerKey(owner string) string {
	if k := site.Slug(owner); k != "" {
		return k
	}
	return noOwner
}

// Stakes returns what rests on promise p (see site.Stakes).
func (d *Data) Stakes(p *site.Page) site.Stakes { return d.Site.Stakes(p) }

// FilterStatus returns the statuses by which Alignment's filter selects
// promise p, separated by spaces: its chain status, and "channel-gap"
// when a channel it is made on has no follow-up.
func (d *Data) FilterStatus(p *site.Page) string {
	s := p.Chain.Status.Class()
	if len(p.ChannelGaps()) > 0 {
		s += " channel-gap"
	}
	return s
}

// ChannelGapCount returns how many promises are made on a channel no
// sales behaviour follows up; -1 when no promise is judged by channel
// (see site.Page.FollowUps), where a count of none would mislead.
func (d *Data) ChannelGapCount() int {
	n, mapped := 0, false
	for _, p := range d.Site.OfType(site.TypePromise) {
		mapped = mapped || p.FollowUps != nil
		if len(p.ChannelGaps()) > 0 {
			n++
		}
	}
	if !mapped {
		return -1
	}
	return n
}

// An OwnerGaps is an owner of promises, and the gaps they close.
type OwnerGaps struct {
	// Owner is as the promises name it; "" for promises without one.
	Owner string
	// Key is the owner's value in the filter, and their anchor.
	Key string
	// Gaps are the owner's promises with a gap, worst first.
	Gaps []PromiseGaps
	// Promises are every promise of the owner, worst first.
	Promises []*site.Page
	// URL is the owner's list in a split Alignment, from the site root.
	URL string
	// Statuses are the statuses the owner's promises are listed by, with
	// the count and list of each, in a split Alignment.
	Statuses []AlignmentStatus
}

// A PromiseGaps is a promise and what it lacks, in words.
type PromiseGaps struct {
	Promise *site.Page
	Gaps    []string
}

// Owners returns every owner of a promise, by name, those without one
// last; with the gaps of each.
func (d *Data) Owners() []OwnerGaps {
	byKey := map[string]*OwnerGaps{}
	var keys []string
	for _, p := range d.Site.Promises() {
		k := ownerKey(p.Owner)
		o := byKey[k]
		if o == nil {
			o = &OwnerGaps{Owner: p.Owner, Key: k}
			byKey[k] = o
			keys = append(keys, k)
		}
		o.Promises = append(o.Promises, p)
		if gaps := d.words().promiseGaps(p); len(gaps) > 0 {
			o.Gaps = append(o.Gaps, PromiseGaps{Promise: p, Gaps: gaps})
		}
	}
	out := make([]OwnerGaps, 0, len(keys))
	taken := map[string]bool{}
	for _, k := range keys {
		o := byKey[k]
		o.URL = alignmentURL + "owners/" + uniqueFolder(k, taken) + "/"
		o.Statuses = statusesOf(d.words(), o.Promises, o.URL)
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b OwnerGaps) int {
		if (a.Owner == "") != (b.Owner == "") {
			if a.Owner == "" {
				return 1
			}
			return -1
		}
		return d.Site.CompareNames(a.Owner, b.Owner)
	})
	return out
}

// promiseGaps says what promise p lacks: the links of its chain that are
// missing, and the channels it is made on with no follow-up.
func (w *words) promiseGaps(p *site.Page) []string {
	var gaps []string
	c := p.Chain
	if !c.HasExpectation {
		gaps = append(gaps, w.word("gap_no_expectation", 0))
	}
	if !c.HasSales {
		gaps = append(gaps, w.word("gap_no_sales", 0))
	}
	if !c.HasService {
		gaps = append(gaps, w.word("gap_no_service", 0))
	}
	for _, ch := range p.ChannelGaps() {
		gaps = append(gaps, w.word("gap_no_follow_up", 0, "channel", ch))
	}
	return gaps
}

// A ChannelRow is a channel promises are made on, and each of them.
type ChannelRow struct {
	// Channel is as the first promise to name it spells it.
	Channel  string
	Promises []ChannelPromise
	// Gaps is the number of its promises no sales behaviour follows up
	// there.
	Gaps int
	// URL is the channel's list in a split Alignment, from the site root.
	URL string
}

// A ChannelPromise is a promise made on a channel, and its follow-up
// there.
type ChannelPromise struct {
	Promise *site.Page
	// Mapped reports whether the promise's sales behaviours name
	// channels: if not, its channels are not judged.
	Mapped bool
	// By are the sales behaviours that follow the promise up on the
	// channel.
	By []*site.Page
}

// Channels returns the channels the site's promises are made on, by name,
// each with the promises made on it, worst first.
func (d *Data) Channels() []ChannelRow {
	byKey := map[string]*ChannelRow{}
	for _, p := range d.Site.Promises() {
		seen := map[string]bool{}
		for _, ch := range p.Channels {
			k := site.ChannelKey(ch)
			if seen[k] {
				continue
			}
			seen[k] = true
			row := byKey[k]
			if row == nil {
				row = &ChannelRow{Channel: ch}
				byKey[k] = row
			}
			cp := ChannelPromise{Promise: p, Mapped: p.FollowUps != nil}
			for _, f := range p.FollowUps {
				if site.ChannelKey(f.Channel) == k {
					cp.By = f.By
				}
			}
			if cp.Mapped && cp.By == nil {
				row.Gaps++
			}
			row.Promises = append(row.Promises, cp)
		}
	}
	out := make([]ChannelRow, 0, len(byKey))
	for _, row := range byKey {
		out = append(out, *row)
	}
	slices.SortFunc(out, func(a, b ChannelRow) int {
		return cmp.Compare(site.ChannelKey(a.Channel), site.ChannelKey(b.Channel))
	})
	taken := map[string]bool{}
	for i := range out {
		out[i].URL = alignmentURL + "channels/" + uniqueFolder(site.Slug(out[i].Channel), taken) + "/"
	}
	return out
}

// An Alignment too long for one page is split: an overview at alignment/
// with the counts, the owners and the channels, each leading to a list of
// its own, split over pages as any long list. Lists by status are at
// alignment/<status>/, an owner's at alignment/owners/<owner>/ and by
// status under it, a channel's at alignment/channels/<channel>/. An
// Alignment whose promises fit one page stays the one page it was.

// alignmentURL is the Alignment's own URL, the root of its lists.
const alignmentURL = "alignment/"

// alignmentRows is the most promises a page of a split Alignment's list
// by status or by owner shows (fewer if [pagination] size is smaller). A
// row there is a promise's whole chain with a link to each of its
// behaviours, some 1.2 KB where an entry of a section's list is 0.3 KB: 25
// of them made a page 47 KB on the generated playbook of 100,000 pages,
// 12 keep it under 30 KB with room for rows longer than theirs.
const alignmentRows = 12

// maxOwnerOptions is the most owners the Owner filter offers; past that
// it offers the owner shown only, and the list of owners leads to others,
// so that the filter does not grow with the site.
const maxOwnerOptions = 100

// An AlignmentPart is what one page of a split Alignment shows. Data's
// Alignment is nil on an Alignment that fits one page.
type AlignmentPart struct {
	// Status is the status class of a list by status, or of an owner's
	// list by status ("service-gap", "channel-gap"); "" otherwise.
	Status string
	// Owner is the owner of an owner's list, or nil.
	Owner *OwnerGaps
	// Channel is the channel of a channel's list, or nil.
	Channel *ChannelRow
	// AllOwners and AllChannels report whether this is the list of every
	// owner or every channel, made when the overview cannot show them all.
	AllOwners, AllChannels bool
	// Promises are the promises of a list by status or owner: the whole
	// list, of which .Slice gives the part this page shows.
	Promises []*site.Page

	ix *alignmentIndex
}

// alignmentIndex is a split Alignment's lists, worked out once per build.
type alignmentIndex struct {
	statuses []AlignmentStatus
	words    *words
	owners   []OwnerGaps
	channels []ChannelRow
	// size is the most entries a page of a list shows.
	size int
	// mapped reports whether any promise is judged by channel: if none
	// is, a count of channel gaps would mislead.
	mapped bool
}

// An AlignmentStatus is a status promises are listed by: a chain status,
// or "channel gap".
type AlignmentStatus struct {
	// Class is its value in the filter and in URLs: "service-gap".
	Class string
	// Name is as the site shows it: "service gap".
	Name string
	// Count is the number of promises with it.
	Count int
	// URL is the list of those promises, from the site root.
	URL string
	// promises are those promises, in their order.
	promises []*site.Page
}

// Overview reports whether this is the page at alignment/.
func (a *AlignmentPart) Overview() bool {
	return a.Status == "" && a.Owner == nil && a.Channel == nil && !a.AllOwners && !a.AllChannels
}

// Heading returns what the list is, as its title shows it.
func (a *AlignmentPart) Heading() string {
	var parts []string
	switch {
	case a.Owner != nil:
		parts = append(parts, a.ix.words.ownerName(a.Owner.Owner))
	case a.Channel != nil:
		parts = append(parts, a.ix.words.word("alignment_on", 0, "channel", a.Channel.Channel))
	case a.AllOwners:
		parts = append(parts, a.ix.words.word("every_owner_lower", 0))
	case a.AllChannels:
		parts = append(parts, a.ix.words.word("every_channel_lower", 0))
	}
	if a.Status != "" {
		parts = append(parts, a.StatusName())
	}
	return strings.Join(parts, ", ")
}

// StatusName returns the name of the list's status, or "".
func (a *AlignmentPart) StatusName() string {
	for _, s := range a.ix.statuses {
		if s.Class == a.Status {
			return s.Name
		}
	}
	return ""
}

// Statuses returns the statuses promises are counted by, worst first,
// with the count and list of each: of the owner's promises on an owner's
// list, of every promise otherwise. Channel gaps are counted once a
// promise is judged by channel.
func (a *AlignmentPart) Statuses() []AlignmentStatus {
	all := a.ix.statuses
	if a.Owner != nil {
		all = a.Owner.Statuses
	}
	if !a.ix.mapped {
		return all[:len(all)-1]
	}
	return all
}

// AllStatuses returns every status the Status filter offers, each with
// the list of the promises of every owner with it.
func (a *AlignmentPart) AllStatuses() []AlignmentStatus { return a.ix.statuses }

// OwnersURL returns the URL of the list of every owner, or "" when the
// overview shows them all.
func (a *AlignmentPart) OwnersURL() string {
	if len(a.ix.owners) <= a.ix.size {
		return ""
	}
	return alignmentURL + "owners/"
}

// OwnerCount returns the number of owners.
func (a *AlignmentPart) OwnerCount() int { return len(a.ix.owners) }

// ChannelsURL returns the URL of the list of every channel, or "" when
// the overview shows them all.
func (a *AlignmentPart) ChannelsURL() string {
	if len(a.ix.channels) <= a.ix.size {
		return ""
	}
	return alignmentURL + "channels/"
}

// ChannelCount returns the number of channels.
func (a *AlignmentPart) ChannelCount() int { return len(a.ix.channels) }

// OwnerOptions returns the owners the Owner filter offers: every one, or
// when there are too many, the owner of this list only.
func (a *AlignmentPart) OwnerOptions() []OwnerGaps {
	if len(a.ix.owners) <= maxOwnerOptions {
		return a.ix.owners
	}
	if a.Owner != nil {
		return []OwnerGaps{*a.Owner}
	}
	return nil
}

// AlignmentOwners returns the owners a split Alignment's page shows: on
// the overview, as many as a page of a list holds (OwnersURL leads to
// the rest); on the list of every owner, this page's part of it.
func (d *Data) AlignmentOwners() []OwnerGaps { return alignmentPart(d, d.Alignment.ix.owners) }

// AlignmentChannels returns the channels a split Alignment's page shows,
// as AlignmentOwners does the owners.
func (d *Data) AlignmentChannels() []ChannelRow { return alignmentPart(d, d.Alignment.ix.channels) }

// alignmentPart returns the part of all, the owners or the channels, a
// split Alignment's page shows.
func alignmentPart[T any](d *Data, all []T) []T {
	if d.Alignment.Overview() {
		return all[:min(len(all), d.Alignment.ix.size)]
	}
	lo, hi := d.Paginator.window(len(all))
	return all[lo:hi]
}

// ChannelRows returns the part of a channel's promises this page shows.
func (d *Data) ChannelRows(rows []ChannelPromise) []ChannelPromise {
	lo, hi := d.Paginator.window(len(rows))
	return rows[lo:hi]
}

func (w *words) ownerName(owner string) string {
	if owner == "" {
		return w.word("no_owner_lower", 0)
	}
	return owner
}

// alignmentJobs adds Alignment's pages to files: one page when every
// promise fits one page of a list, an overview and its lists otherwise.
func (r *Renderer) alignmentJobs(files map[string]job, g site.Generated) {
	d := r.data(g.URL, g.Title, g.Kind)
	files[g.File()] = job{data: d}
	size := r.site.Config.Pagination.PageSize()
	promises := d.Site.Promises()
	if len(promises) <= size {
		return
	}
	ix := &alignmentIndex{words: r.words, size: size, owners: d.Owners(), channels: d.Channels(), mapped: d.ChannelGapCount() >= 0}
	ix.statuses = statusesOf(r.words, promises, alignmentURL)
	d.Alignment = &AlignmentPart{ix: ix}
	// list adds a list of n entries, rows a page.
	list := func(url, heading string, part *AlignmentPart, n, rows int) {
		part.ix = ix
		l := r.data(url, r.words.word("title_alignment_part", 0, "part", heading), g.Kind)
		l.Alignment = part
		files[url+"index.html"] = job{data: l}
		r.paginateBy(files, l, n, rows)
	}
	rows := min(size, alignmentRows)
	for _, s := range ix.statuses {
		part := &AlignmentPart{Status: s.Class, Promises: s.promises}
		list(s.URL, s.Name, part, len(part.Promises), rows)
	}
	for i := range ix.owners {
		o := &ix.owners[i]
		list(o.URL, r.words.ownerName(o.Owner), &AlignmentPart{Owner: o, Promises: o.Promises}, len(o.Promises), rows)
		for _, s := range o.Statuses {
			part := &AlignmentPart{Owner: o, Status: s.Class, Promises: s.promises}
			list(s.URL, r.words.ownerName(o.Owner)+", "+s.Name, part, len(part.Promises), rows)
		}
	}
	for i := range ix.channels {
		c := &ix.channels[i]
		list(c.URL, r.words.word("alignment_on", 0, "channel", c.Channel), &AlignmentPart{Channel: c}, len(c.Promises), size)
	}
	if u := d.Alignment.OwnersURL(); u != "" {
		list(u, r.words.word("every_owner_lower", 0), &AlignmentPart{AllOwners: true}, len(ix.owners), size)
	}
	if u := d.Alignment.ChannelsURL(); u != "" {
		list(u, r.words.word("every_channel_lower", 0), &AlignmentPart{AllChannels: true}, len(ix.channels), size)
	}
}

// statusesOf returns the statuses promises are listed by, with the
// promises of each, their number and their lists' URLs under base.
func statusesOf(w *words, promises []*site.Page, base string) []AlignmentStatus {
	var out []AlignmentStatus
	for s := site.Disconnected; s <= site.Connected; s++ {
		out = append(out, AlignmentStatus{Class: s.Class(), Name: w.word(s.Key(), 0)})
	}
	out = append(out, AlignmentStatus{Class: channelGap, Name: w.word("chain_channel-gap", 0)})
	for i := range out {
		out[i].promises = withStatus(promises, out[i].Class)
		out[i].Count = len(out[i].promises)
		out[i].URL = base + out[i].Class + "/"
	}
	return out
}

// channelGap is the status of promises made on a channel no sales
// behaviour follows up, in the filter and in URLs.
const channelGap = "channel-gap"

// withStatus returns the promises of a status class, in their order.
func withStatus(promises []*site.Page, class string) []*site.Page {
	var out []*site.Page
	for _, p := range promises {
		if class == channelGap && len(p.ChannelGaps()) > 0 || p.Chain.Status.Class() == class {
			out = append(out, p)
		}
	}
	return out
}

// uniqueFolder returns slug, or slug with a number after it, so that no
// two entries of one list share a folder; "page" is the folder of a
// list's further pages and is never one. An empty slug is "none".
func uniqueFolder(slug string, taken map[string]bool) string {
	if slug == "" {
		slug = "none"
	}
	f := slug
	for i := 2; taken[f] || f+"/" == site.PagerFolder; i++ {
		f = slug + "-" + strconv.Itoa(i)
	}
	taken[f] = true
	return f
}
