package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// maxLinks bounds the symbolic links followed for one path, as operating
// systems bound it: more means a loop.
const maxLinks = 40

// FollowLink returns the real path (no link in it) of the file the
// symbolic link at name leads to, following chains of links, if that file
// is inside the folder dir; else an error that says where the link points,
// for an author. The folders above name must be real folders, as fs.WalkDir
// gives them.
//
// A link is judged by its target, not by whether fsys lets it be read:
// os.Root reads a link to any file of the site's folder (the repository's
// .git/config among them), so the folder a link may lead into must be
// narrower than fsys. An fs.FS that cannot report a link's target
// (fs.ReadLinkFS) cannot have its links followed.
func FollowLink(fsys fs.FS, name, dir string) (string, error) {
	target, err := fs.ReadLink(fsys, name)
	if err != nil {
		return "", errors.New("symbolic link that cannot be read here")
	}
	real, err := realPath(fsys, path.Dir(name), target)
	if errors.Is(err, fs.ErrNotExist) && !inside(path.Join(path.Dir(name), target), dir) {
		// A Git tree has no .git/config to find: it points outside all
		// the same, as it does in the working tree.
		err = errOutside
	}
	switch {
	case errors.Is(err, errOutside):
		return "", fmt.Errorf("symbolic link to %s points outside %s/", printable(target), dir)
	case errors.Is(err, errLoop):
		return "", fmt.Errorf("symbolic link to %s is part of a loop of links", printable(target))
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("symbolic link to %s leads to no file", printable(target))
	case err != nil:
		return "", fmt.Errorf("symbolic link to %s: %w", printable(target), unwrapPath(err))
	}
	if !inside(real, dir) {
		return "", fmt.Errorf("symbolic link to %s points outside %s/", printable(target), dir)
	}
	return real, nil
}

// inside reports whether the clean path p is dir or under it.
func inside(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

var (
	errOutside = errors.New("outside")
	errLoop    = errors.New("loop")
)

// realPath follows the path rel from folder dir (a real folder) one name
// at a time, as the operating system does: a link's target replaces it,
// and ".." goes up from the real folder reached, not from the link's name.
func realPath(fsys fs.FS, dir, rel string) (string, error) {
	todo := strings.Split(rel, "/")
	if path.IsAbs(rel) {
		return "", errOutside
	}
	for hops := 0; len(todo) > 0; {
		elem := todo[0]
		todo = todo[1:]
		switch elem {
		case "", ".":
			continue
		case "..":
			if dir == "." {
				return "", errOutside
			}
			dir = path.Dir(dir)
			continue
		}
		next := path.Join(dir, elem)
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			dir = next
			continue
		}
		if hops++; hops > maxLinks {
			return "", errLoop
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) {
			return "", errOutside
		}
		todo = append(strings.Split(target, "/"), todo...)
	}
	return dir, nil
}
