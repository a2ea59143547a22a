package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"playbook/internal/scaffold"
	"playbook/internal/site"
)

func runNew(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder` a new page goes in")
	list := fl.Bool("list", false, "list the page types and their fields")
	if err := fl.Parse(args); err != nil {
		return exitUsage
	}
	if *list {
		listTypes(stdout)
		return exitOK
	}
	today := time.Now()
	switch {
	case fl.NArg() == 2 && fl.Arg(0) == "site":
		return newSite(fl.Arg(1), today, stdout, stderr)
	case fl.NArg() == 2:
		return newPage(siteAbove(fl, *source), fl.Arg(0), fl.Arg(1), today, stdout, stderr)
	}
	fmt.Fprintln(stderr, `usage: playbook new site DIR | playbook new [--source DIR] TYPE "Title" | playbook new --list`)
	return exitUsage
}

// newSite writes a new playbook into dir, which must be missing, or hold
// nothing of a playbook: a repository just made or cloned (its .git/, a
// README, a licence) is a place to start one. An ignore file there already
// is left as it is.
func newSite(dir string, today time.Time, stdout, stderr io.Writer) int {
	if strings.TrimSpace(dir) == "" {
		// A script's unset variable, most likely: "" is no folder, and
		// the current one is not what it asked for.
		fmt.Fprintln(stderr, "playbook new site: the folder's name is empty: give one, such as playbook new site handbook (or . for this folder)")
		return exitUsage
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		fmt.Fprintf(stderr, "playbook new site: %s is a file, not a folder: give a new folder\n", dir)
		return exitUsage
	}
	if _, err := os.ReadDir(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "playbook new site: %v\n", err)
		return exitUsage
	}
	for _, name := range []string{site.ConfigFile, site.ContentDir, "layouts", "static", "themes"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			fmt.Fprintf(stderr, "playbook new site: %s holds a playbook already (%s): give a new folder, or one without it\n", dir, name)
			return exitUsage
		}
	}
	files, err := scaffold.Site(today)
	if err != nil {
		fmt.Fprintf(stderr, "playbook new site: %v\n", err)
		return exitContent
	}
	if _, err := os.Lstat(filepath.Join(dir, ".gitignore")); err == nil {
		delete(files, ".gitignore")
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "playbook new site: %v\n", err)
			return exitContent
		}
		if err := os.WriteFile(p, text, 0o644); err != nil {
			fmt.Fprintf(stderr, "playbook new site: %v\n", err)
			return exitContent
		}
	}
	preview := "playbook serve"
	if filepath.Clean(dir) != "." {
		preview = "cd " + shellQuote(dir) + " && playbook serve"
	}
	fmt.Fprintf(stdout, "Created a playbook of %d files in %s\nPreview it: %s\n", len(files), dir, preview)
	return exitOK
}

// shellQuote returns s as a shell reads it back: as it is when it holds
// only letters, digits and a few safe marks, else in single quotes, so
// that the command printed can be copied as it is.
func shellQuote(s string) string {
	safe := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:@", r)
	}
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !safe(r) }) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// newPage writes a new page of a type into the site in source.
func newPage(source, typeName, title string, today time.Time, stdout, stderr io.Writer) int {
	typ := site.CanonicalType(typeName)
	if typ == "" {
		fmt.Fprintf(stderr, "playbook new: unknown type %q (want one of %s, or site)\n", typeName, strings.Join(site.Types, ", "))
		return exitUsage
	}
	data, _ := os.ReadFile(filepath.Join(source, site.ConfigFile))
	cfg, _ := site.ParseConfig(data)
	// "service/Call back" is the title "Call back" in the folder service/,
	// if the section has that folder (or, for a behaviour, it names a
	// stage): "and/or" is a title.
	dirs, name := scaffold.Place(title)
	section := filepath.Join(append([]string{source, site.ContentDir, scaffold.Section(cfg, typ)}, dirs...)...)
	if info, err := os.Stat(section); len(dirs) > 0 && (err != nil || !info.IsDir()) && !(typ == site.TypeBehaviour && scaffold.StageOf(dirs) != "") {
		dirs, name = nil, title
	}
	if site.Slug(name) == "" {
		fmt.Fprintf(stderr, "playbook new: the title %q has no letter or digit to make a file name of\n", name)
		return exitUsage
	}
	if file := site.Slug(name) + ".md"; site.IsIndexFile(file) {
		fmt.Fprintf(stderr, "playbook new: the title %q makes the file %s, which stands for its folder (the section's own page), not a %s: pick another title\n", name, file, typ)
		return exitUsage
	}
	if info, err := os.Stat(filepath.Join(source, site.ContentDir)); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "playbook new: %s has no %s/ folder: is --source the site's folder?\n", source, site.ContentDir)
		return exitUsage
	}
	page, text, err := scaffold.Page(cfg, typ, dirs, name, gitUser(source), today)
	if err != nil {
		fmt.Fprintf(stderr, "playbook new: %v\n", err)
		return exitContent
	}
	p := filepath.Join(source, filepath.FromSlash(page))
	if link := linkedFolder(source, path.Dir(page)); link != "" {
		fmt.Fprintf(stderr, "playbook new: %s is a symbolic link, which build does not follow: a page written through it would not be read, or would land outside the site\n", link)
		return exitContent
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		fmt.Fprintf(stderr, "playbook new: %v\n", err)
		return exitContent
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "playbook new: %s already exists: pick another title, or edit it\n", page)
		return exitContent
	}
	if err == nil {
		_, err = f.Write(text)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(stderr, "playbook new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, page)
	return exitOK
}

// linkedFolder returns the first folder of dir, a path from the site's
// root, that is a symbolic link, or "".
func linkedFolder(source, dir string) string {
	at := ""
	for part := range strings.SplitSeq(dir, "/") {
		at = path.Join(at, part)
		info, err := os.Lstat(filepath.Join(source, filepath.FromSlash(at)))
		if err != nil {
			return "" // made below
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return at
		}
	}
	return ""
}

// gitUser returns git's user.name where dir is, or "".
func gitUser(dir string) string {
	cmd := exec.Command("git", "config", "user.name")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// listTypes prints the page types and their fields.
func listTypes(w io.Writer) {
	fmt.Fprintln(w, "Page types and their fields (* required); every type also takes title, id, type, owner, reviewed, review_every, tags, weight, description, draft, aliases, search:")
	for _, typ := range site.Types {
		fields := site.TypeFields[typ]
		fmt.Fprintf(w, "\n%s (in %s/)\n", typ, filepath.ToSlash(filepath.Join(site.ContentDir, scaffold.Section(site.Config{}, typ))))
		if len(fields) == 0 {
			fmt.Fprintln(w, "  no fields of its own")
		}
		for _, f := range fields {
			mark := " "
			if f.Required {
				mark = "*"
			}
			fmt.Fprintf(w, "  %s %-18s %s\n", mark, f.Name, f.Hint)
		}
	}
}
