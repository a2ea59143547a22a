package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"playbook/internal/site"
)

// The paths of live reload; a site cannot have a page there, as no slug
// starts with an underscore. The script is the theme's (render.LiveScript)
// and finds the event stream beside itself, so both stay in one folder.
const (
	eventsPath = "/_playbook/events"
	scriptPath = "/_playbook/live.js"
)

// Each open page has an event stream of its own, and is told only what
// concerns it: "reload" when the page it shows is no longer what the
// server would answer at its path (its HTML changed, or it is gone), or
// when a file it loads besides its HTML changed; "css" when only its
// stylesheets changed, which it swaps in place; "ok" when it is up to
// date, which also takes a build error's overlay away; "problems" (data: a
// JSON list) when the latest build failed. An author with five pages open
// who fixes a typo in one sees that one reload, and the others keep
// their place.
//
// A page says what it shows when it opens its stream: the build it was
// rendered from, its path and the sum of its HTML (see injectScript). Each
// event carries the build the page is at as its id, which the browser
// sends back when it opens the stream again (Last-Event-ID): a page that
// missed builds, while loading or while its stream was down, is compared
// with the build it came from, not with the latest change. The server
// keeps nothing of past builds but two build numbers (see snapshot).

// An event is what one page is told.
type event struct {
	name, data string
}

// broker wakes the event streams of the open pages after each rebuild,
// with the name of what the rebuild asks of pages at most ("reload",
// "css", "problems"). A stream then works out what its own page must do
// from the state of the server, so a wake it misses while others wait
// loses nothing.
type broker struct {
	mu      sync.Mutex
	clients map[chan string]bool
}

func (b *broker) subscribe() chan string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.clients == nil {
		b.clients = map[chan string]bool{}
	}
	c := make(chan string, 8)
	b.clients[c] = true
	return c
}

func (b *broker) unsubscribe(c chan string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, c)
}

// send gives name to every client; a client too slow to take it misses it
// rather than stalling rebuilds (it has eight waiting already).
func (b *broker) send(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- name:
		default:
		}
	}
}

// Subscribe returns a channel of what each rebuild asks of the open pages
// at most: "reload" (pages may have changed: each reloads if its own
// did), "css" (stylesheets alone changed), "problems"; and a function to
// stop. It is for tests and benchmarks.
func (s *Server) Subscribe() (<-chan string, func()) {
	c := s.live.subscribe()
	out := make(chan string, 8)
	done := make(chan struct{})
	go func() {
		defer close(out)
		for {
			select {
			case e := <-c:
				select {
				case out <- e:
				case <-done:
					return
				}
			case <-done:
				return
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() {
			s.live.unsubscribe(c)
			close(done)
		})
	}
}

// A view is what an open page shows: the answer at path of the build it
// is at, whose sum (see snapshot.sum) is sum, under the overlay of
// problems (as JSON) if any.
type view struct {
	path, sum string
	build     int64
	problems  string
}

// viewOf returns what the page opening the event stream req shows. A
// page that does not say (a site's own live script written before pages
// said) has no sum, and reloads at every build.
func viewOf(req *http.Request) view {
	q := req.URL.Query()
	build := q.Get("build")
	if id := req.Header.Get("Last-Event-ID"); id != "" {
		// The stream opened again: the page is at the build of the
		// last event it heard.
		build = id
	}
	// A build that does not parse is 0, older than any: the page reloads.
	n, _ := strconv.ParseInt(build, 10, 64)
	return view{path: q.Get("path"), sum: q.Get("page"), build: n}
}

// serveEvents streams events to one page until it goes away. The first
// event tells the page the state of the latest build.
func (s *Server) serveEvents(w http.ResponseWriter, req *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// The stream stays open while its page is: the server's write
	// deadline, meant for answers that end, would cut it. (A writer that
	// cannot clear it has none; net/http clears the read deadline of a
	// request without a body itself.)
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	c := s.live.subscribe()
	defer s.live.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	v := viewOf(req)
	e := s.catchUp(&v)
	if e.name == "" {
		e.name = "ok"
	}
	for {
		if e.name != "" {
			writeEvent(w, e, v.build)
			flusher.Flush()
		}
		select {
		case <-c:
			e = s.catchUp(&v)
		case <-req.Context().Done():
			return
		}
	}
}

// catchUp returns the event that brings the page v up to date with the
// latest build, and moves v to where the event leaves it; the event has
// no name when v is up to date.
func (s *Server) catchUp(v *view) event {
	if p := s.Problems(); p != nil {
		// The last good build stays served, and the page with it.
		data := problemsJSON(p)
		if data == v.problems {
			return event{}
		}
		v.problems = data
		return event{name: "problems", data: data}
	}
	overlay := v.problems != ""
	v.problems = ""
	if s.snap.Load().build == v.build {
		if overlay {
			return event{name: "ok"}
		}
		return event{}
	}
	b, _, status, sn := s.page(v.path)
	switch {
	case v.sum == "" || v.build < sn.reloaded || v.build > sn.build || sn.sum(b, status) != v.sum:
		// v stays at its build: should the page not go, the next
		// build, or the stream opened again, tells it again.
		return event{name: "reload"}
	case v.build < sn.restyled:
		v.build = sn.build
		return event{name: "css"}
	}
	v.build = sn.build
	return event{name: "ok"}
}

// sum returns what tells the answer b, with status, from another answer
// at the same path: a hash of both, leaving out the fingerprints of the
// stylesheets of sn (see snapshot.restyled), which a page swaps in place.
func (sn *snapshot) sum(b []byte, status int) string {
	for _, url := range sn.styles {
		bare, _, _ := strings.Cut(url, "?")
		b = bytes.ReplaceAll(b, []byte(url), []byte(bare))
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d\n", status)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// writeEvent writes e, with build, the build the page is at, as its id.
func writeEvent(w http.ResponseWriter, e event, build int64) {
	data := e.data
	if data == "" {
		data = "{}"
	}
	fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", build, e.name, data)
}

func problemsJSON(ps site.Problems) string {
	type problem struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Col  int    `json:"col,omitempty"`
		Msg  string `json:"message"`
	}
	var list []problem
	for _, p := range ps {
		if !p.Warning {
			list = append(list, problem{p.File, p.Line, p.Col, p.Msg})
		}
	}
	b, _ := json.Marshal(list)
	return string(b)
}
