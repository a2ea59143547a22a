package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
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

// An event is sent to every open page: "reload", "css" (stylesheets
// changed alone), "problems" (data: a JSON list) or "ok".
type event struct {
	name, data string
}

// broker fans events out to the open pages.
type broker struct {
	mu      sync.Mutex
	clients map[chan event]bool
}

func (b *broker) subscribe() chan event {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.clients == nil {
		b.clients = map[chan event]bool{}
	}
	c := make(chan event, 8)
	b.clients[c] = true
	return c
}

func (b *broker) unsubscribe(c chan event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.clients, c)
}

// send gives e to every client; a client too slow to take it misses it
// rather than stalling rebuilds (its next event reloads it anyway).
func (b *broker) send(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// Subscribe returns a channel of the names of the events sent to browsers
// ("reload", "css", "problems"), and a function to stop; for tests and
// benchmarks.
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
				case out <- e.name:
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
	switch p := s.Problems(); {
	case p != nil:
		writeEvent(w, event{name: "problems", data: problemsJSON(p)})
	case req.URL.Query().Get("build") != strconv.FormatInt(s.snap.Load().build, 10):
		// The site was rebuilt while the page loaded: its reload event
		// went out before this stream opened.
		writeEvent(w, event{name: "reload"})
	default:
		writeEvent(w, event{name: "ok"})
	}
	flusher.Flush()
	for {
		select {
		case e := <-c:
			writeEvent(w, e)
			flusher.Flush()
		case <-req.Context().Done():
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	data := e.data
	if data == "" {
		data = "{}"
	}
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
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
