//go:build !unix

package search

// cpuSeconds is not measured here; see cpu_unix_test.go.
func cpuSeconds() float64 { return 0 }
