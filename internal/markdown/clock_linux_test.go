package markdown

import (
	"testing"
	"time"
)

// TestTimed: timed tells the processor time a code block's thread spent
// from the time it took on the clock, so that a pause, which a machine
// busy with other work makes, spends none (see ruleLimit).
func TestTimed(t *testing.T) {
	const pause = 200 * time.Millisecond
	wall, cpu := timed(func() { time.Sleep(pause) })
	if wall < pause || cpu >= pause/2 {
		t.Errorf("a pause of %v took %v on the clock and %v of the thread's time, want the pause and next to none", pause, wall, cpu)
	}
	if _, cpu := timed(func() {
		for start := time.Now(); time.Since(start) < 20*time.Millisecond; {
		}
	}); cpu <= 0 {
		t.Errorf("20 ms of work took %v of the thread's time, want some", cpu)
	}
}
