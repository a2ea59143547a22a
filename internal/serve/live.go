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
// starts with an underscore.
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

// liveScript keeps a page in step with the site: it reloads the page after
// a rebuild (keeping the reader's scroll position), swaps stylesheets in
// place when only they changed, and shows the errors of a failed build
// over the page until they are fixed.
const liveScript = `(function () {
  "use strict";
  var key = "playbook-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener("load", function () { window.scrollTo(0, +y); });
    }
  } catch (e) {}

  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(problems) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "playbook-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build error");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,23,28,.92);color:#fff;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem";
    var h = document.createElement("h2");
    h.textContent = "Build failed: the last good version is shown underneath. Fix the file and save.";
    h.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;color:#ff8a80;margin:0 0 1rem";
    overlay.appendChild(h);
    problems.forEach(function (p) {
      var line = document.createElement("pre");
      line.className = "playbook-problem";
      line.style.cssText = "white-space:pre-wrap;margin:0 0 .75rem;padding:.75rem 1rem;background:#2a1a1a;border-left:4px solid #ff8a80";
      line.textContent = p.file + ":" + p.line + (p.col ? ":" + p.col : "") + ": " + p.message;
      overlay.appendChild(line);
    });
    document.body.appendChild(overlay);
  }

  var build = document.currentScript ? document.currentScript.dataset.build : "";
  var source = new EventSource("` + eventsPath + `?build=" + encodeURIComponent(build || ""));
  source.addEventListener("reload", function () {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  });
  source.addEventListener("css", function () {
    hide();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("t", Date.now());
      link.href = url.href;
    });
  });
  source.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("ok", hide);
})();
`
