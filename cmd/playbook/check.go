package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/site"
	"playbook/internal/versions"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	format := fl.String("format", site.FormatText, "how problems are written: `text`, json or github")
	strict := fl.Bool("strict", false, "fail on warnings too")
	root, ok := openSite(fl, args, stderr)
	if !ok {
		return exitUsage
	}
	defer root.Close()
	if !slices.Contains(site.Formats, *format) {
		fmt.Fprintf(stderr, "playbook check: unknown --format %q (want %s)\n", *format, strings.Join(site.Formats, ", "))
		return exitUsage
	}
	now := time.Now()
	src := root.FS()
	type loaded struct {
		problems site.Problems
		err      error
	}
	l, err := await(ctx, func() loaded {
		// The working tree is always checked, as a build without
		// versions reads it; the versions a build publishes from Git
		// are checked too.
		_, problems := site.Load(src, site.Options{Now: now})
		cfg, _ := site.ParseConfig(readConfig(src))
		if cfg.Versions == nil || hasConfigError(problems) {
			return loaded{problems: problems}
		}
		vs := *cfg.Versions
		vs.Worktree = ""
		if len(vs.Refs) == 0 && vs.Tags == "" {
			return loaded{problems: problems}
		}
		cfg.Versions = &vs
		b, vps, err := versions.Load(versions.Options{Source: *source, Worktree: src, Config: cfg, Now: now})
		b.Close()
		problems = append(problems, vps...)
		problems.Sort()
		return loaded{problems: problems, err: err}
	})
	if err != nil {
		fmt.Fprintln(stderr, "interrupted")
		return exitInterrupted
	}
	if l.err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", l.err)
		return exitContent
	}
	problems := l.problems
	prefix := ""
	if *format == site.FormatGitHub {
		prefix = repoPrefix(*source)
	}
	if err := site.WriteProblems(stdout, *format, problems, prefix); err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", err)
		return exitContent
	}
	errs, warns := problems.Errors(), problems.Warnings()
	fmt.Fprintf(stderr, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 || *strict && warns > 0 {
		return exitContent
	}
	return exitOK
}

// hasConfigError reports whether a problem is in site.toml, whose
// versions block must be sound before anything is read from Git.
func hasConfigError(ps site.Problems) bool {
	return slices.ContainsFunc(ps, func(p site.Problem) bool { return p.File == site.ConfigFile && !p.Warning })
}

// repoPrefix returns the site folder's path in its Git repository, with a
// slash after it ("docs/"), or "" at the repository's root or outside
// one: GitHub places annotations by paths from the repository's root.
func repoPrefix(source string) string {
	repo, err := gitrepo.Open(source)
	if err != nil {
		return ""
	}
	defer repo.Close()
	prefix, err := repo.Prefix(source)
	if err != nil || prefix == "." {
		return ""
	}
	return prefix + "/"
}
