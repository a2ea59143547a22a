package render

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"playbook/internal/site"
	"playbook/themes"
)

// SiteTheme returns the theme site.toml names, as Theme does; a theme that
// cannot be had is a *site.ProblemError at the line of site.toml naming
// it, so that build, check and serve all point there.
func SiteTheme(src fs.FS, cfg site.Config) (fs.FS, error) {
	theme, err := Theme(src, cfg.Theme)
	if err != nil {
		return nil, &site.ProblemError{Problem: site.Problem{File: site.ConfigFile, Line: max(1, cfg.ThemeLine), Msg: err.Error()}}
	}
	return theme, nil
}

// Theme returns the theme of a site in folder src: the site's own layouts/
// and static/ over those of themes/<name>/ in the site, over the default
// theme built into playbook. The theme "default" may still be a folder of
// the site, overriding the built-in one.
//
// A symbolic link among the site's files is followed only to a file inside
// the folder it is in (layouts/, static/, or the theme's own), as links
// under content/ are: the site's folder also holds the repository and its
// settings, which a template or a static file would publish.
func Theme(src fs.FS, name string) (fs.FS, error) {
	layers := layered{linksInside{src, "."}}
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return nil, fmt.Errorf("theme %q: want the name of a folder under themes/", name)
	}
	dir := "themes/" + name
	info, err := fs.Stat(src, dir)
	switch {
	case err == nil && info.IsDir():
		if !fs.ValidPath(dir) {
			return nil, fmt.Errorf("theme %q: not a folder name", name)
		}
		layers = append(layers, linksInside{src, dir})
	case name != "default" && (err == nil || errors.Is(err, fs.ErrNotExist)):
		return nil, fmt.Errorf("theme %q: no folder %s", name, dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	return append(layers, themes.Default), nil
}

// liveScriptFile is the theme's script a preview server adds to pages.
const liveScriptFile = "layouts/live.js"

// LiveScript returns the theme's script that a preview server adds to
// every page it shows: it reloads the page when the site is rebuilt, and
// shows the errors of a failed build over it. A site overrides it as any
// theme file; it is never published.
func LiveScript(theme fs.FS) ([]byte, error) {
	b, err := fs.ReadFile(theme, liveScriptFile)
	if err != nil {
		return nil, readError(liveScriptFile, err)
	}
	return b, nil
}

// layered is a stack of file systems: a file is read from the first layer
// that has it, and a folder lists the files of all layers.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	var first error
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if errors.As(err, new(*LinkError)) {
			// A link refused is not a file missing: the layers below
			// must not stand in for it silently.
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

func (l layered) ReadFile(name string) ([]byte, error) {
	var first error
	for _, f := range l {
		b, err := fs.ReadFile(f, name)
		if err == nil {
			return b, nil
		}
		if errors.As(err, new(*LinkError)) {
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

func (l layered) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	var first error
	found := false
	for _, f := range l {
		es, err := fs.ReadDir(f, name)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, first
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}

// A LinkError is a file of a theme folder that is not read, at its path:
// a symbolic link not followed ("static/x.txt:1: symbolic link to ...
// points outside static/: not published"), or a named pipe or other
// special file.
type LinkError struct {
	Path string
	Err  error
}

func (e *LinkError) Error() string { return e.Problem().String() }

// Problem returns e as a problem at the link's path.
func (e *LinkError) Problem() site.Problem {
	use := "not used"
	if slices.Contains(strings.Split(e.Path, "/"), "static") {
		use = "not published"
	}
	return site.Problem{File: e.Path, Line: 1, Msg: fmt.Sprintf("%v: %s", e.Err, use)}
}

// linksInside reads a folder of theme files, the site's folder or a theme's
// under themes/, following a symbolic link only to a file inside the
// top folder (layouts/ or static/) of that folder its path starts in.
type linksInside struct {
	fsys fs.FS
	dir  string // the folder in fsys: "." or "themes/NAME"
}

func (l linksInside) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	real, err := l.check(name)
	if err != nil {
		return nil, err
	}
	if info, err := fs.Stat(l.fsys, real); err == nil {
		if what := site.SpecialFile(info.Mode()); what != "" {
			return nil, &LinkError{Path: path.Join(l.dir, name), Err: fmt.Errorf("%s, not a file", what)}
		}
	}
	return l.fsys.Open(real)
}

// check returns the real path in l.fsys of name, every link on the way
// followed; a link leading out of its top folder is a *LinkError. A file
// that does not exist is left for Open to report. Theme files are read
// once per theme, so the few look-ups more cost nothing that shows.
func (l linksInside) check(name string) (string, error) {
	full := path.Join(l.dir, name)
	if _, ok := l.fsys.(fs.ReadLinkFS); !ok || name == "." {
		// Without ReadLink no link can be seen, or followed.
		return full, nil
	}
	first, _, _ := strings.Cut(name, "/")
	top := path.Join(l.dir, first)
	real := "."
	for elem := range strings.SplitSeq(full, "/") {
		next := path.Join(real, elem)
		info, err := fs.Lstat(l.fsys, next)
		if err != nil {
			return full, nil
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if next, err = site.FollowLink(l.fsys, next, top); err != nil {
				return "", &LinkError{Path: path.Join(real, elem), Err: err}
			}
		}
		real = next
	}
	return real, nil
}

// ownLayouts reports whether theme has layouts of a site's own: in the
// site's layouts/ (its shortcodes too) or its theme folder's, where Theme layers them, or
// anywhere in a theme Theme did not make.
func ownLayouts(theme fs.FS) bool {
	l, ok := theme.(layered)
	if !ok {
		return true
	}
	for _, f := range l {
		if _, ok := f.(linksInside); !ok {
			continue
		}
		if m, _ := fs.Glob(f, "layouts/*.html"); len(m) > 0 || len(partialFiles(f)) > 0 || len(shortcodeFiles(f)) > 0 {
			return true
		}
	}
	return false
}

// layerOf returns the layer of theme the file name is read from, upper
// first: 0 for the site's own, or any file of a theme Theme did not make,
// then its theme folder's, then the default theme's.
func layerOf(theme fs.FS, name string) int {
	l, ok := theme.(layered)
	if !ok {
		return 0
	}
	for i, f := range l {
		if _, err := fs.Stat(f, name); err == nil {
			return i
		}
	}
	return len(l)
}

// themeOrigin returns the path from the site's folder of the file name
// of theme ("static/robots.txt", "layouts/page.html"), as Theme layers
// it: the site's own, or its theme's ("themes/corp/layouts/page.html").
// A file of the default theme built in, or of a theme Theme did not make,
// is given as name.
func themeOrigin(theme fs.FS, name string) string {
	if l, ok := theme.(layered); ok {
		for _, f := range l {
			if in, ok := f.(linksInside); ok && in.dir != "." {
				if _, err := fs.Stat(in, name); err == nil {
					return in.dir + "/" + name
				}
			} else if _, err := fs.Stat(f, name); err == nil {
				return name
			}
		}
	}
	return name
}
