package serve

import (
	"net/http/httptest"
	"strings"
	"testing"

	"playbook/internal/gittest"
)

// liveScriptServed returns the live reload script s serves.
func liveScriptServed(s *Server) string {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", scriptPath, nil))
	return rec.Body.String()
}

func TestSiteOverridesLiveScript(t *testing.T) {
	dir := t.TempDir()
	gittest.WriteFiles(t, dir, smallSite)
	s := newServer(t, dir)
	if got := liveScriptServed(s); !strings.Contains(got, "EventSource") {
		t.Fatalf("the default theme's live script is not served: %q", got)
	}

	gittest.WriteFiles(t, dir, map[string]string{"layouts/live.js": "/* the site's own */\n"})
	if _, err := s.Rebuild([]string{"layouts/live.js"}); err != nil {
		t.Fatal(err)
	}
	if got := liveScriptServed(s); got != "/* the site's own */\n" {
		t.Errorf("after the site adds layouts/live.js, the server sends %q, want the site's file", got)
	}
	if _, err := s.File("live.js"); err == nil {
		t.Error("layouts/live.js is published with the site")
	}
}
