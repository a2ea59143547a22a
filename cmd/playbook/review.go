package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"playbook/internal/site"
)

func runReview(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("review", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(stderr, "playbook review: name the page files to mark reviewed: playbook review content/promises/x.md")
		return exitUsage
	}
	*source = siteAbove(fl, *source)
	root, err := realPath(*source)
	if err != nil {
		fmt.Fprintf(stderr, "playbook review: %v\n", err)
		return exitUsage
	}
	content, err := realPath(filepath.Join(root, site.ContentDir))
	if err != nil {
		fmt.Fprintf(stderr, "playbook review: %v\n", err)
		return exitUsage
	}
	if info, err := os.Stat(content); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "playbook review: %s has no %s/ folder: is --source the site's folder?\n", *source, site.ContentDir)
		return exitUsage
	}
	today := time.Now()
	type edit struct {
		path string
		text []byte
		mode os.FileMode
	}
	// Every file is read and checked before any is written: a command
	// refused for one file changes none.
	var edits []edit
	failed := false
	for _, name := range fl.Args() {
		path, err := realPath(name)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			failed = true
			continue
		}
		// realPath resolves symbolic links: none carries a file out of
		// content/ unseen.
		rel, err := filepath.Rel(content, path)
		if err != nil || rel == "." || !within(content, path) {
			fmt.Fprintf(stderr, "%s: not a page: it is outside %s\n", name, content)
			failed = true
			continue
		}
		if !site.IsMarkdown(path) {
			fmt.Fprintf(stderr, "%s: not a page: pages are Markdown files (.md, .markdown)\n", name)
			failed = true
			continue
		}
		if slices.ContainsFunc(strings.Split(filepath.ToSlash(rel), "/"), site.Ignored) {
			fmt.Fprintf(stderr, "%s: not a page: a build leaves out files and folders whose names start with \".\" or \"#\", and editors' backups\n", name)
			failed = true
			continue
		}
		if base := filepath.Base(path); strings.EqualFold(strings.TrimSuffix(base, filepath.Ext(base)), "_index") {
			// Its owner and interval are its pages'; its own review is
			// read nowhere.
			fmt.Fprintf(stderr, "%s: a section is not reviewed, its pages are: name them (%s)\n", name, filepath.ToSlash(filepath.Join(filepath.Dir(name), "*.md")))
			failed = true
			continue
		}
		info, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "%s: no such file: check its name (pages end in .md)\n", name)
			failed = true
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			failed = true
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			failed = true
			continue
		}
		file := filepath.ToSlash(filepath.Join(site.ContentDir, rel))
		text, err := site.MarkReviewed(file, src, today)
		if err != nil {
			var pe *site.ProblemError
			if errors.As(err, &pe) {
				fmt.Fprintln(stderr, pe.Problem)
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", file, err)
			}
			failed = true
			continue
		}
		edits = append(edits, edit{path: path, text: text, mode: info.Mode().Perm()})
	}
	if failed {
		fmt.Fprintln(stderr, "playbook review: nothing changed")
		return exitContent
	}
	for _, e := range edits {
		if err := os.WriteFile(e.path, e.text, e.mode); err != nil {
			fmt.Fprintf(stderr, "playbook review: %v\n", err)
			return exitContent
		}
		rel, _ := filepath.Rel(root, e.path)
		fmt.Fprintf(stdout, "%s: reviewed %s\n", filepath.ToSlash(rel), today.Format(time.DateOnly))
	}
	return exitOK
}
