package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// listen serves h on a real loopback listener as playbook serve does,
// with the timeouts t, and returns its address.
func listen(t *testing.T, h http.Handler, tm Timeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := HTTPServer(t.Context(), h, tm)
	done := make(chan struct{})
	go func() {
		defer close(done)
		hs.Serve(ln)
	}()
	t.Cleanup(func() {
		hs.Close()
		<-done
	})
	return ln.Addr().String()
}

// rawRequest sends text as it is on a new connection to addr and returns
// the status line of the answer.
func rawRequest(t *testing.T, addr, text string) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, text); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	return strings.TrimSpace(line)
}

func TestLocalOnly(t *testing.T) {
	s, err := New(mapFS(smallSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := LocalOnly(s, "playbook.test")
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"localhost:1313", true},
		{"LocalHost:1313", true},
		{"localhost", true},
		{"127.0.0.1:1313", true},
		{"127.0.0.1", true},
		{"127.8.9.10:80", true},
		{"[::1]:1313", true},
		{"[::1]", true},
		{"playbook.test:1313", true},
		{"evil.example", false},
		{"evil.example:1313", false},
		{"", false},
		{"localhost.evil.example:1313", false},
		{"127.0.0.1.evil.example", false},
		{"192.168.1.5:1313", false},
		{"[::2]:1313", false},
	} {
		name := "host " + tc.host
		if tc.host == "" {
			name = "no host"
		}
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/promises/fast/", nil)
			req.Host = tc.host
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			switch {
			case tc.ok && rec.Code != http.StatusOK:
				t.Errorf("status %d, want 200: %s", rec.Code, rec.Body)
			case !tc.ok && rec.Code != http.StatusForbidden:
				t.Errorf("status %d, want 403", rec.Code)
			case !tc.ok && !strings.Contains(rec.Body.String(), "answers only to localhost, playbook.test, 127.0.0.1 and [::1]"):
				t.Errorf("the refusal does not say which hosts are accepted: %s", rec.Body)
			}
		})
	}

	// Over a real connection, as a browser sends it.
	addr := listen(t, LocalOnly(s, "127.0.0.1"), DefaultTimeouts)
	for text, want := range map[string]string{
		"GET / HTTP/1.1\r\nHost: evil.example:1313\r\n\r\n": "HTTP/1.1 403 Forbidden",
		"GET / HTTP/1.1\r\nHost:\r\n\r\n":                   "HTTP/1.1 403 Forbidden",
		"GET / HTTP/1.1\r\nHost: localhost:1313\r\n\r\n":    "HTTP/1.1 200 OK",
	} {
		if got := rawRequest(t, addr, text); got != want {
			t.Errorf("%q: %s, want %s", text, got, want)
		}
	}
}

// TestSlowClientsAreCut: a request that never finishes its headers, and a
// kept-alive connection left idle, are closed once their time is up.
func TestSlowClientsAreCut(t *testing.T) {
	s, err := New(mapFS(smallSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tm := Timeouts{ReadHeader: 100 * time.Millisecond, Read: 200 * time.Millisecond, Write: time.Minute, Idle: 100 * time.Millisecond}
	addr := listen(t, s, tm)
	// closed waits for the server to close conn, and fails after a wait
	// far longer than the timeouts.
	closed := func(t *testing.T, conn net.Conn, r *bufio.Reader) {
		t.Helper()
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		_, err := io.Copy(io.Discard, r)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatal("the connection is still open after 10s")
		}
	}

	t.Run("headers never finished", func(t *testing.T) {
		// The server's clock starts when it accepts the connection, which
		// may be before Dial returns here: start timing before dialling.
		start := time.Now()
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1")
		closed(t, conn, bufio.NewReader(conn))
		if took := time.Since(start); took < tm.ReadHeader {
			t.Errorf("closed after %s, before the timeout", took)
		}
	})
	t.Run("idle keep-alive connection", func(t *testing.T) {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "GET /promises/fast/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
		r := bufio.NewReader(conn)
		res, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Close {
			t.Fatalf("status %d, close %v: want 200 on a connection kept alive", res.StatusCode, res.Close)
		}
		closed(t, conn, r)
	})
}

// TestEventStreamOutlivesTimeouts keeps a page's event stream open for
// several times every timeout of the server: rebuilds still reach it.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s, err := New(os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tm := Timeouts{ReadHeader: 50 * time.Millisecond, Read: 50 * time.Millisecond, Write: 50 * time.Millisecond, Idle: 50 * time.Millisecond}
	addr := listen(t, s, tm)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	page := fetch(t, "http://"+addr, "/guides/glossary/")
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+eventsPath+"?"+page.query.Encode(), nil)
	// A connection of its own: one pooled from another test may already
	// have been closed by the server for idling past its 50 ms.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	next := func() string {
		t.Helper()
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				t.Fatalf("the stream ended: %v", err)
			}
			if name, ok := strings.CutPrefix(line, "event: "); ok {
				return strings.TrimSpace(name)
			}
		}
	}
	if e := next(); e != "ok" {
		t.Fatalf("first event %q, want ok", e)
	}
	start := time.Now()
	for i := 0; time.Since(start) < 10*tm.Write; i++ {
		gittest.WriteFiles(t, dir, map[string]string{"content/guides/glossary.md": "# Glossary\n\nEdit " + strings.Repeat("x", i) + "\n"})
		if _, err := s.Rebuild([]string{"content/guides/glossary.md"}); err != nil {
			t.Fatal(err)
		}
		if e := next(); e != "reload" {
			t.Fatalf("after %s: event %q, want reload", time.Since(start), e)
		}
	}
}

func TestRedirectKeepsTheQuery(t *testing.T) {
	s, err := New(mapFS(smallSite), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/promises/fast?from=mail&x=%2F", nil))
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusMovedPermanently || loc != "/promises/fast/?from=mail&x=%2F" {
		t.Errorf("%d to %q, want 301 to /promises/fast/?from=mail&x=%%2F", rec.Code, loc)
	}
}
