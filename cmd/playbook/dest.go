package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"playbook/internal/render"
)

// protected are the folders of a site that a build never writes into or
// over: what the site is made of, and its history.
var protected = []string{"content", "layouts", "static", "themes", ".git"}

// destFolder checks that a build of the site in folder source may replace
// folder dest, before any work is done, and returns dest's real path
// (symbolic links and .. resolved): the new site is swapped in there, so
// that a link at dest is kept and its target updated.
//
// dest may be missing, an empty folder, or an earlier output (it holds
// render.Marker); force allows any other folder too. Never the source
// folder, a folder holding it, a folder of the site's content, layouts,
// static files, themes or history, the root of the file system or the
// home folder: replacing one would lose files the build cannot make again.
func destFolder(source, dest string, force bool) (string, error) {
	fail := func(format string, a ...any) (string, error) {
		return "", fmt.Errorf("--dest %s: %s", dest, fmt.Sprintf(format, a...))
	}
	real, err := realPath(dest)
	if err != nil {
		return fail("%v", err)
	}
	src, err := realPath(source)
	if err != nil {
		return fail("%v", err)
	}
	if filepath.Dir(real) == real {
		return fail("is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil {
		if home, err := realPath(home); err == nil && within(real, home) {
			if real == home {
				return fail("is your home folder")
			}
			return fail("holds your home folder %s", home)
		}
	}
	if within(real, src) {
		if real == src {
			return fail("is the site's folder")
		}
		return fail("holds the site's folder %s", src)
	}
	for _, name := range protected {
		// The folder may itself be a link to a folder elsewhere.
		dir, err := realPath(filepath.Join(src, name))
		if err != nil {
			continue
		}
		switch {
		case real == dir:
			return fail("is the site's %s/ folder", name)
		case within(dir, real):
			return fail("is inside the site's %s/ folder", name)
		case within(real, dir):
			return fail("holds the site's %s/ folder", name)
		}
	}
	info, err := os.Stat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return real, nil
	case err != nil:
		return fail("%v", err)
	case !info.IsDir():
		return fail("is a file, not a folder")
	case force || render.IsOutput(real):
		return real, nil
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return fail("%v", err)
	}
	if len(entries) > 0 {
		return fail("is not empty and is not the output of an earlier build (it has no %s file): "+
			"empty it, choose a new folder, or pass --force to replace what it holds", render.Marker)
	}
	return real, nil
}

// realPath returns the absolute path of name with symbolic links and ..
// resolved, as far as it exists: the part that does not exist yet is kept
// as it is. A link to nothing is an error, as a build would replace it.
func realPath(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		return real, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if info, lerr := os.Lstat(abs); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(abs)
		return "", fmt.Errorf("is a symbolic link to %s, which does not exist", target)
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return abs, nil
	}
	real, err = realPath(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, filepath.Base(abs)), nil
}

// within reports whether path p is folder dir or inside it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// existingFolder returns dir, or the nearest folder above it that exists:
// a build into a folder not made yet keeps its spill file (see
// deflate.Spill) on the file system the output will be on, without
// making any folder before the site is known to build.
func existingFolder(dir string) string {
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
