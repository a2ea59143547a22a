//go:build !unix

package render

import "io/fs"

// folderGroup returns -1: the system has no groups of folders to keep.
func folderGroup(fs.FileInfo) int { return -1 }
