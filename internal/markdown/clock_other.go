//go:build !linux

package markdown

import "time"

// timed runs f and returns the time it took on the clock, twice: other
// systems' clocks of a thread are left unread (see the Linux timed).
func timed(f func()) (wall, cpu time.Duration) {
	wall = wallTime(f)
	return wall, wall
}
