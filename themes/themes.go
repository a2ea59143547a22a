// Package themes holds the themes built into playbook.
//
// A theme is a folder with layouts/ (html/template files, see package
// render) and static/ (files copied to the site root).
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default is the default theme: layouts/ and static/ at its root.
var Default fs.FS

func init() {
	var err error
	Default, err = fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded folder is fixed at compile time
	}
}
