package site

import (
	"fmt"
	"os"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"playbook/internal/gen"
)

// TestMain checks, after every test of the package, that no page wrote
// to the fields pages share (see Page.shareFields): one that did would
// have changed every page of every site.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := sharedFieldsEmpty(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	os.Exit(code)
}

func sharedFieldsEmpty() error {
	for _, v := range []any{noPositioning, noPromise, noBehaviour, noStandard, noFAQ, noCompetitor, noCampaign, noPersona, noBacklinks} {
		if !reflect.ValueOf(v).IsZero() {
			return fmt.Errorf("the shared %T was written: %+v", v, v)
		}
	}
	return nil
}

// TestSharedFieldsStayEmpty loads a generated playbook with every type
// and relation, then loads it again through a cache as a preview does,
// and checks each page has fields of its own for its type only.
func TestSharedFieldsStayEmpty(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, b := range gen.Files(300) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	cache := new(ParseCache)
	// The fields each load's pages own: a page of the second load, a
	// copy of the first's read from the cache, has fields of its own too.
	seen := map[any]bool{}
	for range 2 {
		s, ps := Load(fsys, Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), ParseCache: cache})
		if ps.Errors() > 0 {
			t.Fatal(ps)
		}
		backlinks := 0
		for _, p := range s.Pages {
			own := map[string]bool{
				TypePositioning: p.Positioning != &noPositioning,
				TypePromise:     p.Promise != &noPromise,
				TypeBehaviour:   p.Behaviour != &noBehaviour,
				TypeStandard:    p.Standard != &noStandard,
				TypeFAQ:         p.FAQ != &noFAQ,
				TypeCompetitor:  p.Competitor != &noCompetitor,
				TypeCampaign:    p.Campaign != &noCampaign,
				TypePersona:     p.Persona != &noPersona,
			}
			for typ, ok := range own {
				if ok != (typ == p.Type) {
					t.Errorf("%s (%s): fields of its own for %s: %v", p.File, p.Type, typ, ok)
				}
			}
			if p.Backlinks != &noBacklinks {
				backlinks++
			}
			for _, f := range []any{p.Promise, p.Behaviour, p.Competitor, p.Backlinks} {
				if f != any(&noPromise) && f != any(&noBehaviour) && f != any(&noCompetitor) && f != any(&noBacklinks) {
					if seen[f] {
						t.Errorf("%s: shares its %T with the page of the load before", p.File, f)
					}
					seen[f] = true
				}
			}
		}
		if backlinks == 0 {
			t.Error("no page has backlinks")
		}
		if err := sharedFieldsEmpty(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoadWritesNoSharedField reads a loaded site's pages, as a preview
// renders them, while the next load through the same cache makes its
// pages: a write to a field pages share, even of the value it holds,
// is a race (go test -race).
func TestLoadWritesNoSharedField(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, b := range gen.Files(300) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	cache := new(ParseCache)
	opts := Options{Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), ParseCache: cache}
	s, _ := Load(fsys, opts)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Load(fsys, opts)
	}()
	n := 0
	for {
		for _, p := range s.Pages {
			n += len(p.Gaps) + len(p.Fulfils) + len(p.PositioningPages) + len(p.Competitors) + len(p.AppliesTo) + len(p.Backlinks.Sales) + len(p.FollowUps) + len(p.Mentions())
			if p.BriefingPage != nil || p.Statement != "" {
				n++
			}
		}
		select {
		case <-done:
			if n == 0 {
				t.Error("read nothing")
			}
			return
		default:
		}
	}
}
