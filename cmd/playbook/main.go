// Command playbook builds, previews and checks a sales-enablement playbook
// written as Markdown in Git.
//
// Usage:
//
//	playbook build [--source DIR] [--dest DIR] [--drafts] [--force]
//	playbook serve [--source DIR] [--bind ADDR] [--port N] [--drafts] [--open] [--versions]
//	playbook check [--source DIR] [--format text|json|github] [--strict] [--drafts] [--new-since REF] [--due 30d]
//	playbook review [--source DIR] FILE...
//	playbook new site DIR | playbook new [--source DIR] TYPE "Title" | playbook new --list
//	playbook version
//
// See README.md for the content format and site.toml.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"playbook/internal/render"
	"playbook/internal/site"
)

// Exit statuses.
const (
	exitOK      = 0
	exitContent = 1 // the playbook has errors
	exitUsage   = 2 // the command line is wrong
	// exitInterrupted is what shells report for a command ended by
	// Ctrl-C (128 + SIGINT); a build stopped by SIGTERM exits with it too.
	exitInterrupted = 130
)

// version is set at link time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "review":
		return runReview(ctx, args[1:], stdout, stderr)
	case "new":
		return runNew(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "playbook", version)
		return exitOK
	case "help", "--help", "-h":
		usage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "playbook: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  playbook build [--source DIR] [--dest DIR] [--drafts] [--force]
                                                          build the site
  playbook serve [--source DIR] [--bind ADDR] [--port N] [--drafts] [--open] [--versions]
                                                          preview the site, rebuilt as files change
  playbook check [--source DIR] [--format text|json|github] [--strict] [--drafts] [--new-since REF] [--due 30d]
                                                          check the site, writing nothing
  playbook review [--source DIR] FILE...                  mark pages reviewed today
  playbook new site DIR                                   start a new playbook in DIR
  playbook new [--source DIR] TYPE "Title"                add a page of a type (new --list shows them)
  playbook version                                        print the version
`)
}

// openSite parses the flags of a command and opens the site folder its
// --source flag names. It reports what is wrong itself. The os.Root keeps
// symbolic links from reaching files outside the site.
func openSite(fl *flag.FlagSet, args []string, stderr io.Writer) (*os.Root, bool) {
	if err := fl.Parse(args); err != nil {
		return nil, false
	}
	name := "playbook " + fl.Name()
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", name, fl.Arg(0))
		return nil, false
	}
	source := fl.Lookup("source").Value.String()
	// Run in a folder of the site, as an editor's terminal often is, a
	// command works on the site, as git does on its repository.
	if _, err := os.Stat(filepath.Join(source, site.ContentDir)); err != nil {
		if above := siteAbove(fl, source); above != source {
			source = above
			_ = fl.Set("source", source)
		}
	}
	if info, err := os.Stat(source); err != nil || !info.IsDir() {
		if err == nil {
			fmt.Fprintf(stderr, "%s: %s is a file: --source names the site's folder, the one holding site.toml and content/\n", name, source)
		} else {
			fmt.Fprintf(stderr, "%s: there is no folder %s: is --source the site's folder?\n", name, source)
		}
		return nil, false
	}
	if info, err := os.Stat(filepath.Join(source, site.ContentDir)); err != nil || !info.IsDir() {
		switch out := outputAround(source); {
		case out != "":
			fmt.Fprintf(stderr, "%s: %s is the output of a build, not a site: run playbook in the site's folder, or name it with --source\n", name, out)
		case err == nil:
			fmt.Fprintf(stderr, "%s: %s is a file: the pages go in a folder %s/\n", name, filepath.Join(source, site.ContentDir), site.ContentDir)
		default:
			fmt.Fprintf(stderr, "%s: %s has no %s/ folder: is --source the site's folder?\n", name, source, site.ContentDir)
		}
		return nil, false
	}
	// The site's own theme files are read from folders of these names; a
	// file so named would be passed over without a word.
	for _, dir := range []string{"layouts", "static", "themes"} {
		if info, err := os.Stat(filepath.Join(source, dir)); err == nil && !info.IsDir() {
			fmt.Fprintf(stderr, "%s: %s is a file: the site's own %s go in a folder %s/; rename or remove it\n", name, filepath.Join(source, dir), dir, dir)
			return nil, false
		}
	}
	// Every command reads site.toml, and reading a named pipe waits for a
	// writer: said here once, before any of them is held.
	if info, err := os.Stat(filepath.Join(source, site.ConfigFile)); err == nil {
		if what := site.SpecialFile(info.Mode()); what != "" {
			fmt.Fprintf(stderr, "%s: %s is %s, not a file: make it a file\n", name, filepath.Join(source, site.ConfigFile), what)
			return nil, false
		}
	}
	root, err := os.OpenRoot(source)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, false
	}
	return root, true
}

// outputAround returns the build output folder dir is, or is in, or "".
func outputAround(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if render.IsOutput(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// siteAbove returns the folder of the site the current folder is in, for
// a command given no --source (fl has none set) that an author runs where
// their editor is, such as content/promises/: the current folder if it
// holds site.toml, else the nearest folder above it holding site.toml (for
// the command to say if it has no content/); source, the flag's default,
// when none does, or when the way up passes through a build's output
// (public/, which a build run there would replace with the shell in it).
func siteAbove(fl *flag.FlagSet, source string) string {
	set := false
	fl.Visit(func(f *flag.Flag) { set = set || f.Name == "source" })
	if set {
		return source
	}
	dir, err := filepath.Abs(source)
	if err != nil {
		return source
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return source
	}
	for parent := filepath.Dir(dir); parent != dir; dir, parent = parent, filepath.Dir(parent) {
		if render.IsOutput(dir) {
			return source
		}
		if _, err := os.Stat(filepath.Join(parent, "site.toml")); err == nil {
			return parent
		}
	}
	return source
}
