package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/render"
	"playbook/internal/site"
	"playbook/internal/versions"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	dest := fl.String("dest", "", "the output `folder` (default SOURCE/public)")
	drafts := fl.Bool("drafts", false, "include pages marked draft (of the working tree only, in a versioned build)")
	root, ok := openSite(fl, args, stderr)
	if !ok {
		return exitUsage
	}
	defer root.Close()
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	start := time.Now()
	src := root.FS()
	if cfg, problems := site.ParseConfig(readConfig(src)); cfg.Versions != nil {
		// The versions block of the working tree decides what is built:
		// it must be sound before anything is read from Git.
		if problems.Errors() > 0 {
			for _, p := range problems {
				fmt.Fprintln(stderr, p)
			}
			fmt.Fprintf(stderr, "%s: nothing written; %s is left as it was\n", plural(problems.Errors(), "error"), *dest)
			return exitContent
		}
		return buildVersions(ctx, versions.Options{Source: *source, Worktree: src, Config: cfg, Drafts: *drafts, Now: start}, *dest, stdout, stderr)
	}
	s, problems := site.Load(src, site.Options{Drafts: *drafts, Now: start})
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s, %s: nothing written; %s is left as it was\n",
			plural(n, "error"), plural(problems.Warnings(), "warning"), *dest)
		return exitContent
	}
	// Pages show when they last changed, if the site is in a repository
	// with its history; a plain folder or a shallow clone goes without.
	last, err := versions.LastChanges(ctx, *source, s)
	if err != nil && !errors.Is(err, gitrepo.ErrNoRepository) && !errors.Is(err, gitrepo.ErrShallow) && !errors.Is(err, gitrepo.ErrNoCommits) {
		fmt.Fprintf(stderr, "note: pages will not show when they last changed: %v\n", err)
	}
	if err := write(ctx, s, src, *dest, start, last); err != nil {
		fmt.Fprintf(stderr, "%v\n%s is left as it was\n", err, *dest)
		return exitContent
	}
	summary(stdout, s, problems, *dest, time.Since(start))
	return exitOK
}

// write renders s into dest, swapping the new site in only when complete.
func write(ctx context.Context, s *site.Site, src fs.FS, dest string, now time.Time, last map[string]render.Change) error {
	theme, err := render.Theme(src, s.Config.Theme)
	if err != nil {
		return err
	}
	r, err := render.New(s, render.Options{Source: src, Theme: theme, Now: now, LastChange: last})
	if err != nil {
		return err
	}
	out, err := render.NewDirOutput(dest)
	if err != nil {
		return err
	}
	if err := r.Render(ctx, out); err != nil {
		_ = out.Abort()
		return err
	}
	return out.Commit()
}

// summary prints what was built in a few lines.
func summary(w io.Writer, s *site.Site, problems site.Problems, dest string, took time.Duration) {
	t := tallySite(s)
	var parts []string
	for _, typ := range site.Types {
		if t.types[typ] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", t.types[typ], strings.ToLower(site.TypeTitles[typ])))
		}
	}
	fmt.Fprintf(w, "Built %s into %s in %s\n", t.pages(), dest, took.Round(time.Millisecond))
	fmt.Fprintf(w, "  %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "  %s to the front line\n", t.chain())
	fmt.Fprintf(w, "  %s, %s\n", plural(problems.Warnings(), "warning"), plural(problems.Errors(), "error"))
}

// A tally counts what a site holds, for the summary.
type tally struct {
	sections, connected, promises int
	types                         map[string]int
}

func tallySite(s *site.Site) tally {
	t := tally{types: map[string]int{}}
	for _, p := range s.Pages {
		if p.IsSection {
			t.sections++
			continue
		}
		t.types[p.Type]++
		if p.Type == site.TypePromise {
			t.promises++
			if p.Chain.Status == site.Connected {
				t.connected++
			}
		}
	}
	return t
}

func (t tally) pages() string {
	n := 0
	for _, c := range t.types {
		n += c
	}
	return fmt.Sprintf("%s in %s", plural(n, "page"), plural(t.sections, "section"))
}

func (t tally) chain() string {
	return fmt.Sprintf("%d of %d promises connected", t.connected, t.promises)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// readConfig returns the site's site.toml, or nothing: site.Load reports
// what is wrong with it.
func readConfig(src fs.FS) []byte {
	data, _ := fs.ReadFile(src, site.ConfigFile)
	return data
}

// buildVersions builds every version site.toml names, side by side.
func buildVersions(ctx context.Context, opts versions.Options, dest string, stdout, stderr io.Writer) int {
	b, problems, err := versions.Load(opts)
	if err != nil {
		fmt.Fprintf(stderr, "playbook build: %v\n%s is left as it was\n", err, dest)
		return exitContent
	}
	defer b.Close()
	errs, warns := 0, 0
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
		if p.Warning {
			warns++
		} else {
			errs++
		}
	}
	if errs > 0 {
		fmt.Fprintf(stderr, "%s, %s: nothing written; %s is left as it was\n", plural(errs, "error"), plural(warns, "warning"), dest)
		return exitContent
	}
	out, err := render.NewDirOutput(dest)
	if err == nil {
		if err = b.Render(ctx, out); err != nil {
			_ = out.Abort()
		} else {
			err = out.Commit()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n%s is left as it was\n", err, dest)
		return exitContent
	}
	fmt.Fprintf(stdout, "Built %s into %s in %s\n", plural(len(b.Versions), "version"), dest, time.Since(opts.Now).Round(time.Millisecond))
	for _, v := range b.Versions {
		from := "the working tree"
		if v.Commit != nil {
			from = fmt.Sprintf("%s (%s, %s)", v.Ref, v.Commit.Short, v.Commit.When.Format(time.DateOnly))
		}
		latest := ""
		if v.Latest {
			latest = ", also at latest/"
		}
		t := tallySite(v.Site)
		fmt.Fprintf(stdout, "  %s: %s, %s; from %s%s\n", v.Name, t.pages(), t.chain(), from, latest)
	}
	fmt.Fprintf(stdout, "  %s, %s\n", plural(warns, "warning"), plural(errs, "error"))
	return exitOK
}
