package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Timeouts bound how long one connection may take, so that a client that
// sends its request slowly, or keeps an idle connection open, does not
// hold it for ever. The live-reload event stream is exempt: it is meant
// to stay open while its page is.
type Timeouts struct {
	// ReadHeader bounds the reading of a request's headers.
	ReadHeader time.Duration
	// Read bounds the reading of a whole request.
	Read time.Duration
	// Write bounds the time from the end of a request's headers to the
	// end of its answer.
	Write time.Duration
	// Idle bounds the wait for the next request on a kept-alive
	// connection.
	Idle time.Duration
}

// DefaultTimeouts are generous for a browser on a slow network: pages are
// small and rendered in milliseconds.
var DefaultTimeouts = Timeouts{
	ReadHeader: 10 * time.Second,
	Read:       30 * time.Second,
	Write:      time.Minute,
	Idle:       2 * time.Minute,
}

// HTTPServer returns an http.Server for h with the timeouts t. Every
// request's context ends with ctx, so that event streams end with the
// preview.
func HTTPServer(ctx context.Context, h http.Handler, t Timeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// LocalOnly wraps h, served on a loopback address, to refuse with 403 any
// request whose Host header does not name this machine: localhost, an
// address of 127.0.0.0/8 or ::1, or bound (the name the server was bound
// to), with any port. A web page can point a name of its own at 127.0.0.1
// (DNS rebinding) and then read the preview as if it were its own site;
// its requests carry its own name, and are refused.
func LocalOnly(h http.Handler, bound string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !isLocalHost(req.Host, bound) {
			accepted := "localhost, 127.0.0.1 and [::1]"
			if bound != "" && !isLocalHost(bound, "") {
				accepted = "localhost, " + bound + ", 127.0.0.1 and [::1]"
			}
			msg := fmt.Sprintf("host %q refused: this preview answers only to %s", req.Host, accepted)
			http.Error(w, msg, http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, req)
	})
}

// isLocalHost reports whether host, the Host header of a request with or
// without a port, is localhost, a loopback address, or bound.
func isLocalHost(host, bound string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") || strings.EqualFold(host, bound) {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
