package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"playbook/internal/gittest"
)

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var stdout, stderr bytes.Buffer
	// Told before the site is built: the warning of its promise without
	// behaviours is not printed first.
	code := run(context.Background(), []string{"serve", "--source", writeSite(t, warnSite), "--port", port}, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if want := "playbook serve: port " + port + " on 127.0.0.1 is in use"; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr does not start with %q:\n%s", want, stderr.String())
	}
}

func TestServeUsage(t *testing.T) {
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--nope"}, "flag provided but not defined: -nope\nUsage of serve:\n"},
		{[]string{"serve", "extra"}, "playbook serve: unexpected argument \"extra\"\n"},
		{[]string{"serve", "--source", empty}, "playbook serve: " + empty + " has no content/ folder: is --source the site's folder?\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), c.args, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, exitUsage, stderr.String())
		}
		if !strings.HasPrefix(stderr.String(), c.want) {
			t.Errorf("%v: stderr\n%s\nwant it to start with\n%s", c.args, stderr.String(), c.want)
		}
		if stdout.Len() > 0 {
			t.Errorf("%v: stdout %q, want nothing", c.args, stdout.String())
		}
	}
}

func TestNetworkWarning(t *testing.T) {
	ips := []net.IP{
		net.ParseIP("127.0.0.1"), net.ParseIP("192.168.1.5"), net.ParseIP("::1"),
		net.ParseIP("fe80::1"), net.ParseIP("2001:db8::5"), net.ParseIP("10.0.0.7"),
	}
	for _, tc := range []struct {
		name, bind string
		addr       *net.TCPAddr
		want       string
	}{
		{"every address", "0.0.0.0", &net.TCPAddr{IP: net.IPv6unspecified, Port: 1313},
			`playbook serve: warning: --bind "0.0.0.0" shows the site to the network, at http://192.168.1.5:1313/, http://[2001:db8::5]:1313/, http://10.0.0.7:1313/; --bind 127.0.0.1 keeps it on this machine`},
		{"an empty bind", "", &net.TCPAddr{IP: net.IPv4zero, Port: 8080},
			`playbook serve: warning: --bind "" shows the site to the network, at http://192.168.1.5:8080/, http://[2001:db8::5]:8080/, http://10.0.0.7:8080/; --bind 127.0.0.1 keeps it on this machine`},
		{"one address", "10.0.0.7", &net.TCPAddr{IP: net.ParseIP("10.0.0.7"), Port: 1313},
			`playbook serve: warning: --bind "10.0.0.7" shows the site to the network, at http://10.0.0.7:1313/; --bind 127.0.0.1 keeps it on this machine`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := networkWarning(tc.bind, tc.addr, ips); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if got := networkWarning("0.0.0.0", &net.TCPAddr{IP: net.IPv6unspecified, Port: 1}, ips[:1]); !strings.Contains(got, "none found") {
		t.Errorf("a machine without network addresses: %s", got)
	}
}

// serving runs playbook serve with args until the test ends, and
// returns the address it prints and its stderr, to be read once it has
// stopped.
func serving(t *testing.T, args ...string) (url string, stderr func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	var errs bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer w.Close()
		run(ctx, append([]string{"serve", "--source", writeSite(t, goodSite), "--port", "0"}, args...), w, &errs)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		cancel()
		<-done
		t.Fatalf("serve stopped: %s", errs.String())
	}
	go io.Copy(io.Discard, out)
	first := lines.Text()
	_, url, _ = strings.Cut(first, " at ")
	url, _, _ = strings.Cut(url, " ")
	return url, func() string {
		cancel()
		<-done
		return errs.String()
	}
}

func TestServeRefusesOtherHosts(t *testing.T) {
	url, stderr := serving(t)
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("serving at %q", url)
	}
	get := func(host string) int {
		req, _ := http.NewRequest("GET", url, nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := get("evil.example:1313"); code != http.StatusForbidden {
		t.Errorf("a page of another host: %d, want 403", code)
	}
	if code := get("localhost:1313"); code != http.StatusOK {
		t.Errorf("localhost: %d, want 200", code)
	}
	if e := stderr(); strings.Contains(e, "warning") {
		t.Errorf("a warning on loopback:\n%s", e)
	}
}

func TestServeOnTheNetworkWarns(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", ""} {
		t.Run(fmt.Sprintf("bind %q", bind), func(t *testing.T) {
			url, stderr := serving(t, "--bind", bind)
			if !strings.HasPrefix(url, "http://localhost:") {
				t.Errorf("serving at %q, want a localhost URL", url)
			}
			res, err := http.Get(url)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Errorf("status %d", res.StatusCode)
			}
			e := stderr()
			if n := strings.Count(e, "warning: --bind "+strconv.Quote(bind)+" shows the site to the network, at "); n != 1 {
				t.Errorf("%d warnings, want 1:\n%s", n, e)
			}
			if strings.Contains(e, "[::]") || strings.Contains(e, "0.0.0.0:") {
				t.Errorf("a listening address is given as a URL:\n%s", e)
			}
		})
	}
}

// TestServeVersionsSaysWhereEditsShow: serve --versions leads from its
// root to the latest published version, so it says where the working
// tree's version is, with the edits being previewed, or, when site.toml
// names none, that no version shows them.
func TestServeVersionsSaysWhereEditsShow(t *testing.T) {
	for _, tt := range []struct {
		name, versions string
		named          bool   // a line says the working tree is at draft/
		wantNote       string // on stderr
	}{
		{"the working tree named", "[versions]\ntags = \"q*\"\nworktree = \"draft\"\n", true, ""},
		{"no working tree named", "[versions]\ntags = \"q*\"\n", false, "names no worktree, so edits of the working tree show in no version"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			repo := newVersionsRepo(t)
			gittest.WriteFiles(t, repo.dir, map[string]string{"site.toml": "title = \"T\"\n" + tt.versions, "content/a.md": "# A\n"})
			repo.commit("first", "q1")
			ctx, cancel := context.WithCancel(t.Context())
			out, w := io.Pipe()
			var errs bytes.Buffer
			var opened string
			was := openBrowser
			openBrowser = func(url string) { opened = url }
			t.Cleanup(func() { openBrowser = was })
			done := make(chan struct{})
			go func() {
				defer close(done)
				defer w.Close()
				run(ctx, []string{"serve", "--versions", "--open", "--source", repo.dir, "--port", "0"}, w, &errs)
			}()
			lines := bufio.NewScanner(out)
			var got []string
			for len(got) < 2 && lines.Scan() {
				got = append(got, lines.Text())
				if !tt.named {
					break
				}
			}
			go io.Copy(io.Discard, out)
			cancel()
			<-done
			if len(got) == 0 || !strings.HasPrefix(got[0], "Serving ") {
				t.Fatalf("serve printed %q; stderr:\n%s", got, errs.String())
			}
			url := strings.Fields(strings.SplitN(got[0], " at ", 2)[1])[0]
			// --open shows the edits where they show, else the root.
			wantOpened := url
			if tt.named {
				wantOpened = url + "draft/"
				if len(got) < 2 || got[1] != "The working tree, edits and all, is at "+url+"draft/" {
					t.Errorf("serve printed %q, want a line saying the working tree is at %sdraft/", got, url)
				}
			}
			if opened != wantOpened {
				t.Errorf("--open opened %q, want %q", opened, wantOpened)
			}
			if tt.wantNote == "" && strings.Contains(errs.String(), "note:") {
				t.Errorf("a note on stderr:\n%s", errs.String())
			}
			if !strings.Contains(errs.String(), tt.wantNote) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantNote, errs.String())
			}
		})
	}
}
