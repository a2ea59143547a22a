//go:build unix

package render

import (
	"io/fs"
	"syscall"
)

// folderGroup returns the group of a folder, or -1 where the system does
// not tell.
func folderGroup(info fs.FileInfo) int {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int(st.Gid)
	}
	return -1
}
