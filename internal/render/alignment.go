package render

import (
	"cmp"
	"slices"
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
		if gaps := promiseGaps(p); len(gaps) > 0 {
			o.Gaps = append(o.Gaps, PromiseGaps{Promise: p, Gaps: gaps})
		}
	}
	out := make([]OwnerGaps, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	slices.SortFunc(out, func(a, b OwnerGaps) int {
		if (a.Owner == "") != (b.Owner == "") {
			if a.Owner == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(strings.ToLower(a.Owner), strings.ToLower(b.Owner))
	})
	return out
}

// promiseGaps says what promise p lacks: the links of its chain that are
// missing, and the channels it is made on with no follow-up.
func promiseGaps(p *site.Page) []string {
	var gaps []string
	c := p.Chain
	if !c.HasExpectation {
		gaps = append(gaps, "no expectation stated")
	}
	if !c.HasSales {
		gaps = append(gaps, "no sales behaviour")
	}
	if !c.HasService {
		gaps = append(gaps, "no service behaviour")
	}
	for _, ch := range p.ChannelGaps() {
		gaps = append(gaps, "no follow-up on "+ch)
	}
	return gaps
}

// A ChannelRow is a channel promises are made on, and each of them.
type ChannelRow struct {
	// Channel is as the first promise to name it spells it.
	Channel  string
	Promises []ChannelPromise
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
	return out
}
