package render

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"playbook/themes"
)

// Theme returns the theme of a site in folder src: the site's own layouts/
// and static/ over those of themes/<name>/ in the site, over the default
// theme built into playbook. The theme "default" may still be a folder of
// the site, overriding the built-in one.
func Theme(src fs.FS, name string) (fs.FS, error) {
	layers := layered{src}
	dir := "themes/" + name
	info, err := fs.Stat(src, dir)
	switch {
	case err == nil && info.IsDir():
		sub, err := fs.Sub(src, dir)
		if err != nil {
			return nil, fmt.Errorf("theme %q: %w", name, err)
		}
		layers = append(layers, sub)
	case name != "default" && (err == nil || errors.Is(err, fs.ErrNotExist)):
		return nil, fmt.Errorf("theme %q: no folder %s", name, dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("theme %q: %w", name, err)
	}
	return append(layers, themes.Default), nil
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
