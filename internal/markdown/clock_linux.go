package markdown

import (
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// timed runs f on one thread of its own and returns the time it took on
// the clock and the processor time the thread spent on it, which a
// machine busy with other work, pausing the thread, does not add to.
// Where the thread's clock cannot be read, both are the clock's.
func timed(f func()) (wall, cpu time.Duration) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var start, end unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &start) != nil {
		wall = wallTime(f)
		return wall, wall
	}
	wall = wallTime(f)
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &end) != nil {
		return wall, wall
	}
	return wall, time.Duration(end.Nano() - start.Nano())
}
