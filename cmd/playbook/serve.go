package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"playbook/internal/serve"
	"playbook/internal/site"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	bind := fl.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 (or '') shows the site to the network")
	port := fl.Int("port", 1313, "the `port` to listen on; 0 picks a free one")
	drafts := fl.Bool("drafts", false, "include pages marked draft")
	open := fl.Bool("open", false, "open the site in a browser")
	withVersions := fl.Bool("versions", false, "show every version site.toml names, read from Git, not only the working tree")
	root, ok := openSite(fl, args, stderr)
	if !ok {
		return exitUsage
	}
	defer root.Close()

	start := time.Now()
	// The port is taken before the site is built: one in use is told at
	// once, not after a build and its warnings.
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "playbook serve: port %d on %s is in use; stop what uses it, or pick another with --port (0 picks a free one)\n", *port, *bind)
		} else {
			fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		}
		return exitUsage
	}
	opts := serve.Options{Drafts: *drafts, Log: stderr, Dir: *source, Versions: *withVersions}
	srv, err := serve.New(root.FS(), opts)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		return exitContent
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The watches are set before the address is printed: an edit made as
	// soon as the site shows is not missed.
	watchDone, err := srv.Watch(ctx, *source, func(err error) { fmt.Fprintf(stderr, "watch: %v\n", err) })
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		return exitContent
	}
	addr := ln.Addr().(*net.TCPAddr)
	var handler http.Handler = srv
	if addr.IP.IsLoopback() {
		handler = serve.LocalOnly(srv, *bind)
	} else {
		fmt.Fprintln(stderr, networkWarning(*bind, addr, interfaceIPs()))
	}
	url := "http://" + net.JoinHostPort(addr.IP.String(), strconv.Itoa(addr.Port)) + "/"
	if addr.IP.IsUnspecified() {
		// [::] or 0.0.0.0 is where it listens, not an address to visit.
		url = "http://localhost:" + strconv.Itoa(addr.Port) + "/"
	}
	fmt.Fprintf(stdout, "Serving %s at %s (built in %s; Ctrl-C stops)\n", *source, url, time.Since(start).Round(time.Millisecond))
	edits := url
	if *withVersions {
		// The root leads to the latest published version: an author
		// previewing edits is told where they show, or that none does,
		// and --open shows them.
		if name := worktreeVersion(root.FS()); name != "" {
			edits = url + name + "/"
			fmt.Fprintf(stdout, "The working tree, edits and all, is at %s\n", edits)
		} else {
			fmt.Fprintln(stderr, `playbook serve: note: [versions] in site.toml names no worktree, so edits of the working tree show in no version; worktree = "draft" shows them at draft/`)
		}
	}
	hs := serve.HTTPServer(ctx, handler, serve.DefaultTimeouts)
	serveDone := make(chan error, 1)
	go func() { serveDone <- hs.Serve(ln) }()
	if *open {
		openBrowser(edits)
	}

	select {
	case <-ctx.Done():
	case err := <-serveDone:
		fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		return exitContent
	case <-watchDone:
		// The watcher stops with ctx, or else only if it broke.
		if ctx.Err() == nil {
			_ = hs.Close()
			fmt.Fprintln(stderr, "playbook serve: the file watcher stopped")
			return exitContent
		}
	}
	cancel()
	// A preview has nothing to finish: open pages reconnect to the next
	// server. Close does not wait for idle browser connections as Shutdown
	// does.
	_ = hs.Close()
	fmt.Fprintln(stdout, "stopped")
	return exitOK
}

// openBrowser opens url in the desktop's browser, if there is one; a
// variable, so that a test can see where --open leads without a browser.
var openBrowser = func(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}

// networkWarning is the line that warns that the site is shown beyond this
// machine, listening on addr (given as bind), with the URLs others can
// open: addr's own, or when it is every address, one for each of ips.
func networkWarning(bind string, addr *net.TCPAddr, ips []net.IP) string {
	if !addr.IP.IsUnspecified() {
		ips = []net.IP{addr.IP}
	}
	var urls []string
	for _, ip := range ips {
		// A link-local address needs a zone in the URL, which browsers
		// do not take.
		if ip.IsLoopback() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() {
			continue
		}
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), strconv.Itoa(addr.Port))+"/")
	}
	where := strings.Join(urls, ", ")
	if where == "" {
		where = "every address of this machine (none found now)"
	}
	return fmt.Sprintf("playbook serve: warning: --bind %q shows the site to the network, at %s; --bind 127.0.0.1 keeps it on this machine", bind, where)
}

// interfaceIPs returns the addresses of this machine's network interfaces
// that are up.
func interfaceIPs() []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 {
			continue
		}
		addrs, err := iface.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, n.IP)
			}
		}
	}
	return ips
}

// worktreeVersion returns the folder the working tree's version is served
// at, as site.toml's [versions] names it (worktree = "draft"); "" for none.
func worktreeVersion(fsys fs.FS) string {
	data, _ := fs.ReadFile(fsys, site.ConfigFile)
	cfg, _ := site.ParseConfig(data)
	if cfg.Versions == nil {
		return ""
	}
	return cfg.Versions.Worktree
}
