package main

import (
	"bufio"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"playbook/internal/gen"
	"playbook/internal/gittest"
	"playbook/internal/render"
)

// TestMain runs the command itself when a test starts the test binary
// again as a child process (see startBuild), so that signals and kills
// reach a real build.
func TestMain(m *testing.M) {
	if os.Getenv("PLAYBOOK_TEST_COMMAND") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// A child is a build running as a child process.
type child struct {
	cmd *exec.Cmd
	// lines are the lines of its stderr, closed at its end.
	lines  chan string
	waited bool
}

// startBuild starts "playbook build args" as a child process, paused at
// step (see pauseHook), and returns once it has paused there.
func startBuild(t *testing.T, step string, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"build"}, args...)...)
	cmd.Env = append(os.Environ(), "PLAYBOOK_TEST_COMMAND=1", "PLAYBOOK_TEST_PAUSE="+step)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 64)}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	t.Cleanup(func() {
		if !c.waited {
			_ = cmd.Process.Kill()
			c.wait()
		}
	})
	var said []string
	for line := range c.lines {
		if line == "paused at "+step {
			return c
		}
		said = append(said, line)
	}
	c.wait()
	t.Fatalf("the build ended without pausing at %s: %s\n%s", step, cmd.ProcessState, strings.Join(said, "\n"))
	return nil
}

// wait waits for the child to end and returns the rest of its stderr.
func (c *child) wait() string {
	var rest []string
	for line := range c.lines {
		rest = append(rest, line)
	}
	_ = c.cmd.Wait()
	c.waited = true
	return strings.Join(rest, "\n")
}

// fileNames lists the files under dir, as paths from it.
func fileNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestInterruptedBuild interrupts builds of generated playbooks while they
// write, with Ctrl-C and with SIGTERM, unversioned and versioned: each
// stops, says so, exits 130, and leaves the previous output exactly as it
// was and no temporary folder.
func TestInterruptedBuild(t *testing.T) {
	plain := t.TempDir()
	if err := gen.Write(plain, 1000); err != nil {
		t.Fatal(err)
	}
	versioned := t.TempDir()
	if err := gen.Write(versioned, 300); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gittest.InitCommit(t, versioned, when, "first")
	gittest.Git(t, versioned, when, "tag", "v1")
	f, err := os.OpenFile(filepath.Join(versioned, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n[versions]\ntags = \"v*\"\nworktree = \"draft\"\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		sig  syscall.Signal
		// over builds the previous output from src itself, so that the
		// build keeps versions from it.
		over bool
	}{
		{"Ctrl-C", plain, syscall.SIGINT, false},
		{"SIGTERM", plain, syscall.SIGTERM, false},
		{"Ctrl-C in a versioned build", versioned, syscall.SIGINT, false},
		{"Ctrl-C in a versioned build keeping versions", versioned, syscall.SIGINT, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			earlier := writeSite(t, goodSite)
			if tt.over {
				earlier = tt.src
			}
			if code, _, stderr := buildCmd(t, "--source", earlier, "--dest", dest); code != 0 {
				t.Fatalf("earlier build: exit %d\n%s", code, stderr)
			}
			before := treeSum(t, dest)

			c := startBuild(t, "writing", "--source", tt.src, "--dest", dest)
			if err := c.cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			stderr := c.wait()

			if code := c.cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("exit %d, want %d", code, exitInterrupted)
			}
			said := "interrupted: " + dest + " is left as it was"
			// A build removes its unfinished output for abortWait after the
			// signal; on a machine busy enough to slow that past it, it says
			// so, and the next build removes the rest.
			slow := slices.ContainsFunc(strings.Split(stderr, "\n"), func(line string) bool {
				return strings.HasPrefix(line, "note: the unfinished output ") && strings.HasSuffix(line, " is not all removed; the next build removes the rest")
			})
			if want := said; !slow && stderr != want {
				t.Errorf("stderr %q, want %q", stderr, want)
			}
			if slow && !strings.HasSuffix(stderr, "\n"+said) {
				t.Errorf("stderr %q, want a note and then %q", stderr, said)
			}
			if after := treeSum(t, dest); after != before {
				t.Errorf("the previous output changed: %s, was %s", after, before)
			}
			names, _ := os.ReadDir(parent)
			if slow {
				t.Log("removing the unfinished output outlasted abortWait")
				left, err := filepath.Glob(filepath.Join(parent, ".public.new-*"))
				if err != nil || len(left) != 1 || !render.IsOutput(left[0]) || len(names) != 2 {
					t.Fatalf("after the note, want the output and one marked unfinished folder beside it, got %v", names)
				}
				if code, _, stderr := buildCmd(t, "--source", earlier, "--dest", dest); code != 0 {
					t.Fatalf("next build: exit %d\n%s", code, stderr)
				}
				names, _ = os.ReadDir(parent)
			}
			if len(names) != 1 {
				t.Errorf("left beside the output: %v", names)
			}
		})
	}
}

// TestKilledBuild kills a build (SIGKILL, which no program can handle) at
// each step of writing and swapping in its output: the previous site or
// the new one is whole at the destination, never a part of one nor none,
// and the next build removes what the killed one left.
func TestKilledBuild(t *testing.T) {
	src := t.TempDir()
	if err := gen.Write(src, 100); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := buildCmd(t, "--source", src, "--dest", ref); code != 0 {
		t.Fatalf("reference build: exit %d\n%s", code, stderr)
	}
	newSite := fileNames(t, ref)
	for _, step := range []string{"writing", "swap", "swapped"} {
		t.Run(step, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if code, _, stderr := buildCmd(t, "--source", writeSite(t, goodSite), "--dest", dest); code != 0 {
				t.Fatalf("earlier build: exit %d\n%s", code, stderr)
			}
			before := treeSum(t, dest)

			c := startBuild(t, step, "--source", src, "--dest", dest)
			if err := c.cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			c.wait()

			if step == "swapped" {
				if got := fileNames(t, dest); !slices.Equal(got, newSite) {
					t.Errorf("the output is not the new site whole: %d files, want %d", len(got), len(newSite))
				}
			} else if after := treeSum(t, dest); after != before {
				t.Errorf("the previous output changed: %s, was %s", after, before)
			}
			left, err := filepath.Glob(filepath.Join(parent, ".public.new-*"))
			if err != nil || len(left) != 1 || !render.IsOutput(left[0]) {
				t.Fatalf("the killed build should leave one marked temporary folder, left %q", left)
			}

			if code, _, stderr := buildCmd(t, "--source", src, "--dest", dest); code != 0 {
				t.Fatalf("next build: exit %d\n%s", code, stderr)
			}
			if names, _ := os.ReadDir(parent); len(names) != 1 {
				t.Errorf("the next build left beside the output: %v", names)
			}
			if got := fileNames(t, dest); !slices.Equal(got, newSite) {
				t.Errorf("the next build's output is not whole: %d files, want %d", len(got), len(newSite))
			}
		})
	}
}
