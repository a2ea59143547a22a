package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A ChainStatus says how far a promise is carried through to the front line.
type ChainStatus int

// The chain statuses, worst first.
const (
	// Disconnected: no behaviour fulfils the promise, or it states no
	// expectation to measure behaviours against.
	Disconnected ChainStatus = iota
	// SalesGap: no sales behaviour fulfils the promise.
	SalesGap
	// ServiceGap: no service behaviour fulfils the promise.
	ServiceGap
	// Connected: the expectation is stated and both a sales and a service
	// behaviour fulfil the promise.
	Connected
)

// String returns the status as the site shows it: "sales gap".
func (s ChainStatus) String() string {
	return [...]string{"disconnected", "sales gap", "service gap", "connected"}[s]
}

// Key returns the key of the status's name in a theme's language files
// (see package i18n): "chain_sales-gap".
func (s ChainStatus) Key() string {
	return [...]string{"chain_disconnected", "chain_sales-gap", "chain_service-gap", "chain_connected"}[s]
}

// Class returns the status as a CSS class name: "sales-gap".
// Layouts ask for it several times per promise: the names are made once.
func (s ChainStatus) Class() string {
	return [...]string{"disconnected", "sales-gap", "service-gap", "connected"}[s]
}

// Chain is the promise → expectation → sales → service chain of a promise.
type Chain struct {
	Status                               ChainStatus
	HasExpectation, HasSales, HasService bool
}

// chainOf computes the chain of promise p from its backlinks.
func chainOf(p *Page) Chain {
	c := Chain{
		HasExpectation: !isPlaceholder(p.Expectation),
		HasSales:       len(p.Backlinks.Sales) > 0,
		HasService:     len(p.Backlinks.Service) > 0,
	}
	switch {
	case !c.HasExpectation || !c.HasSales && !c.HasService:
		c.Status = Disconnected
	case !c.HasSales:
		c.Status = SalesGap
	case !c.HasService:
		c.Status = ServiceGap
	default:
		c.Status = Connected
	}
	return c
}

// isPlaceholder reports whether text states nothing: empty, or a
// placeholder written to fill in later ("TBD", "TODO", "?").
func isPlaceholder(text string) bool {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(text), ".!:…"))
	switch t {
	case "", "tbd", "tbc", "todo", "to do", "to be defined", "to be confirmed", "?", "??", "???", "-", "--", "n/a", "na", "xxx", "placeholder", "fixme":
		return true
	}
	return false
}

// An Interval is a review interval such as "90d", "12w", "6m" or "1y".
type Interval struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// ParseInterval parses an interval: a positive number and a unit, d
// (days), w (weeks), m (months) or y (years).
func ParseInterval(s string) (Interval, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return Interval{}, fmt.Errorf("bad interval %q: want a number and a unit, as in \"90d\", \"12w\", \"6m\", \"1y\"", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	unit := s[len(s)-1]
	if err == nil && n <= 0 && strings.ContainsRune("dwmy", rune(unit)) {
		return Interval{}, fmt.Errorf("bad interval %q: want 1 or more, as in \"1%c\"", s, unit)
	}
	if err != nil || !strings.ContainsRune("dwmy", rune(unit)) {
		return Interval{}, fmt.Errorf("bad interval %q: want a number and a unit, as in \"90d\", \"12w\", \"6m\", \"1y\"", s)
	}
	// A date that far off overflows time.Time, and is no review plan.
	if max := maxInterval[unit]; n > max {
		return Interval{}, fmt.Errorf("bad interval %q: at most 100 years (%d%c)", s, max, unit)
	}
	return Interval{N: n, Unit: unit}, nil
}

// maxInterval is the longest interval of each unit: 100 years.
var maxInterval = map[byte]int{'d': 36525, 'w': 5218, 'm': 1200, 'y': 100}

// IsZero reports whether no interval is set.
func (i Interval) IsZero() bool { return i.N == 0 }

// AddTo returns t plus the interval.
func (i Interval) AddTo(t time.Time) time.Time {
	switch i.Unit {
	case 'd':
		return t.AddDate(0, 0, i.N)
	case 'w':
		return t.AddDate(0, 0, 7*i.N)
	case 'm':
		return t.AddDate(0, i.N, 0)
	case 'y':
		return t.AddDate(i.N, 0, 0)
	}
	return t
}

// String returns the interval as written: "90d".
func (i Interval) String() string {
	if i.IsZero() {
		return ""
	}
	return strconv.Itoa(i.N) + string(i.Unit)
}

// followUpsOf returns, for each channel promise p is made on, the sales
// behaviours that follow it up there; nil when no sales behaviour
// fulfilling p names channels. A behaviour without channels follows up
// none, yet a promise none of whose sales behaviours name any is not
// judged by channel at all: a playbook maps its channels one promise at
// a time, and one promise mapped must not put every other promise in
// the wrong.
func followUpsOf(p *Page) []FollowUp {
	mapped := slices.ContainsFunc(p.Backlinks.Sales, func(b *Page) bool { return len(b.Channels) > 0 })
	if !mapped || len(p.Channels) == 0 {
		return nil
	}
	var fs []FollowUp
	seen := map[string]bool{}
	for _, ch := range p.Channels {
		key := ChannelKey(ch)
		if seen[key] {
			continue
		}
		seen[key] = true
		f := FollowUp{Channel: ch}
		for _, b := range p.Backlinks.Sales {
			if slices.ContainsFunc(b.Channels, func(c string) bool { return ChannelKey(c) == key }) {
				f.By = append(f.By, b)
			}
		}
		fs = append(fs, f)
	}
	return fs
}

// ChannelKey returns what makes two names one channel: "Email" and
// " email" are the same, as are "radio  ads" and "Radio ads".
func ChannelKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// ChannelGaps returns the channels promise p is made on that no sales
// behaviour follows up, as p names them.
func (p *Page) ChannelGaps() []string {
	var gaps []string
	for _, f := range p.FollowUps {
		if len(f.By) == 0 {
			gaps = append(gaps, f.Channel)
		}
	}
	return gaps
}
