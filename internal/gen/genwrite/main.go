// Command genwrite writes a generated playbook (package gen) to a folder,
// for measuring the playbook binary on a site of any size:
//
//	go run ./internal/gen/genwrite -pages 100000 -dir /tmp/site100k
//	playbook build --source /tmp/site100k --dest /tmp/out
//
// It is a development aid, not part of the playbook command.
package main

import (
	"flag"
	"fmt"
	"os"

	"playbook/internal/gen"
)

func main() {
	pages := flag.Int("pages", 10000, "about how many content pages to write")
	dir := flag.String("dir", "", "the folder to write the site into (must not exist yet)")
	handbook := flag.Bool("handbook", false, "write a handbook brought in from a Git host and Hugo instead")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*dir); err == nil {
		fmt.Fprintf(os.Stderr, "genwrite: %s already exists\n", *dir)
		os.Exit(1)
	}
	write := gen.Write
	if *handbook {
		write = gen.WriteHandbook
	}
	if err := write(*dir, *pages); err != nil {
		fmt.Fprintf(os.Stderr, "genwrite: %v\n", err)
		os.Exit(1)
	}
}
