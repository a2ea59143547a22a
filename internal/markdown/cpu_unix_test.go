//go:build unix

package markdown

import "syscall"

// cpuSeconds returns the processor time the process has used, user and
// system: on a machine shared with other work it varies much less than
// the time on the clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
