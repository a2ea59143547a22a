package render

import (
	"io/fs"
	"os"
	"path/filepath"
)

// A site is published with the mode and group of the folder it replaces,
// which an operator gave the web server's reading (chgrp www-data, chmod
// 2750), or, where there is none, those of a folder made there now (the
// umask's, and the group of a setgid parent). Until it is swapped in, a
// new site's folder, and the previous site kept beside it (see
// NewDirOutputOver), are the user's alone: beside a web server's folder, a
// half-written site or one withdrawn must not be served.

// publishMode is the mode and group (-1: as made) the site written in tmp
// is to have at dest.
func publishMode(dest, tmp string) (fs.FileMode, int, error) {
	const bits = fs.ModePerm | fs.ModeSetgid | fs.ModeSticky
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		return info.Mode() & bits, folderGroup(info), nil
	}
	probe := filepath.Join(tmp, ".mode")
	if err := os.Mkdir(probe, 0o777); err != nil {
		return 0, -1, err
	}
	info, err := os.Stat(probe)
	if err := os.Remove(probe); err != nil {
		return 0, -1, err
	}
	if err != nil {
		return 0, -1, err
	}
	return info.Mode() & bits, -1, nil
}

// chown is os.Lchown; tests make it fail, as it fails for a user not in
// the group.
var chown = os.Lchown

// hide makes folder dir, a site not published, the user's alone, with
// the group gid (unless -1): what is made in it takes the group where mode
// is setgid. It returns why the group could not be given (groupErr), the
// folder hidden all the same, or why it could not be hidden (err).
func hide(dir string, mode fs.FileMode, gid int) (groupErr, err error) {
	if gid >= 0 {
		info, err := os.Stat(dir)
		if err != nil {
			return nil, err
		}
		if folderGroup(info) != gid {
			// Before the mode: a change of group may clear setgid.
			groupErr = chown(dir, -1, gid)
		}
	}
	return groupErr, os.Chmod(dir, 0o700|mode&fs.ModeSetgid)
}
