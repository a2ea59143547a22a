package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"time"

	"playbook/internal/deflate"
	"playbook/internal/gitrepo"
	"playbook/internal/render"
	"playbook/internal/site"
	"playbook/internal/versions"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	dest := fl.String("dest", "", "the output `folder` (default SOURCE/public)")
	drafts := fl.Bool("drafts", false, "include pages marked draft (of the working tree only, in a versioned build)")
	force := fl.Bool("force", false, "replace a --dest folder that is not empty and not an earlier output")
	root, ok := openSite(fl, args, stderr)
	if !ok {
		return exitUsage
	}
	defer root.Close()
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	// Before any work: a wrong --dest is told at once, not after a minute.
	real, err := destFolder(*source, *dest, *force)
	if err != nil {
		fmt.Fprintf(stderr, "playbook build: %v\n", err)
		return exitUsage
	}
	w := writer{dest: *dest, real: real, hook: pauseHook(ctx, stderr), stderr: stderr}
	defer limitMemory()()
	start := time.Now()
	// The pages' HTML waits for rendering in a file beside the output
	// rather than in memory; where none can be made, in memory.
	spill, err := deflate.NewSpill(existingFolder(filepath.Dir(real)))
	if err == nil {
		defer spill.Close()
	} else {
		// The build goes on, at the cost of memory a large site may lack.
		fmt.Fprintf(stderr, "note: pages wait for rendering in memory: %v\n", err)
	}
	src := root.FS()
	if cfg, problems := site.ParseConfig(readConfig(src)); cfg.Versions != nil {
		// The versions block of the working tree decides what is built:
		// it must be sound before anything is read from Git.
		if problems.Errors() > 0 {
			printProblems(stderr, problems)
			fmt.Fprintf(stderr, "%s: nothing written; %s is left as it was\n", plural(problems.Errors(), "error"), *dest)
			return exitContent
		}
		return buildVersions(ctx, versions.Options{Source: *source, Worktree: src, Config: cfg, Drafts: *drafts, Now: start, Spill: spill}, w, stdout, stderr)
	}
	type loaded struct {
		s        *site.Site
		problems site.Problems
	}
	l, err := await(ctx, func() loaded {
		s, problems := site.Load(src, site.Options{Drafts: *drafts, Now: start, Spill: spill, Words: render.SiteWords, Shortcodes: render.SiteShortcodes})
		return loaded{s, problems}
	})
	if err != nil {
		return interrupted(stderr, *dest)
	}
	s, problems := l.s, l.problems
	printProblems(stderr, problems)
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "%s, %s: nothing written; %s is left as it was\n",
			plural(n, "error"), warningsByCheck(problems), *dest)
		return exitContent
	}
	// Pages show when they last changed, if the site is in a repository
	// with its history; a plain folder or a shallow clone goes without.
	last, err := gitrepo.LastChanges(ctx, *source, s.PageFiles())
	if ctx.Err() != nil {
		return interrupted(stderr, *dest)
	}
	if err != nil && !errors.Is(err, gitrepo.ErrNoRepository) && !errors.Is(err, gitrepo.ErrShallow) && !errors.Is(err, gitrepo.ErrNoCommits) {
		fmt.Fprintf(stderr, "note: pages will not show when they last changed: %v\n", err)
	}
	// A page edited since shows that, not the commit, which it no longer
	// is.
	var uncommitted map[string]bool
	if err == nil {
		if uncommitted, err = gitrepo.Uncommitted(*source, s.PageFiles()); err != nil {
			fmt.Fprintf(stderr, "note: pages will not show whether they have changes not yet committed: %v\n", err)
		}
	}
	var themeWarnings site.Problems
	err = w.write(ctx, func(ctx context.Context, out render.Output) error {
		theme, err := render.SiteTheme(src, s.Config)
		if err != nil {
			return err
		}
		r, err := render.New(s, render.Options{Source: src, Theme: theme, Now: start, LastChange: last, Uncommitted: uncommitted})
		if err != nil {
			return err
		}
		themeWarnings = r.Warnings()
		return r.Render(ctx, out)
	})
	// A signal once the new site is in place ends nothing: it is built.
	if err != nil && ctx.Err() != nil {
		return interrupted(stderr, *dest)
	}
	printProblems(stderr, themeWarnings)
	problems = append(problems, themeWarnings...)
	if n := problemCount(err); n > 0 {
		// A theme's problems, counted as the content's are.
		fmt.Fprintf(stderr, "%v\n%s, %s: nothing written; %s is left as it was\n",
			err, plural(n, "error"), warningsByCheck(problems), *dest)
		return exitContent
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n%s is left as it was\n", err, *dest)
		return exitContent
	}
	summary(stdout, s, problems, *dest, time.Since(start))
	return exitOK
}

// problemCount returns how many *site.ProblemError err is or joins
// (errors.Join), 0 for another error.
func problemCount(err error) int {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		n := 0
		for _, e := range joined.Unwrap() {
			n += problemCount(e)
		}
		return n
	}
	var pe *site.ProblemError
	if errors.As(err, &pe) {
		return 1
	}
	return 0
}

// memoryFloor is the soft memory limit of a build whose heap is small.
const memoryFloor = 800 << 20

// memoryLimit is the soft memory limit of a build whose last collection
// found live bytes live.
func memoryLimit(live int64) int64 { return max(memoryFloor, live+live/2) }

// limitMemory sets the runtime's soft memory limit for a build, or a
// check, which loads a site as a build does, until the returned stop is
// called: memoryFloor, or one and a half times the heap the last
// collection found live, whichever is more, followed every tenth of a
// second. A build makes garbage fast, and while a large heap is
// collected it grows by hundreds of megabytes more, which the next goal
// doubles: a build of 100,000 pages reached 2.5 times what it held. The
// limit stops that growth, and following the live heap keeps a larger
// site from being collected back to back. GOMEMLIMIT, if set, rules. Stop
// puts back the limit there was.
func limitMemory() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	was := debug.SetMemoryLimit(-1)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	set := func() {
		metrics.Read(sample)
		live := int64(0)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			live = int64(sample[0].Value.Uint64())
		}
		debug.SetMemoryLimit(memoryLimit(live))
	}
	set()
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				set()
			}
		}
	}()
	return func() {
		close(done)
		<-ended
		debug.SetMemoryLimit(was)
	}
}

// A writer writes a build's output into its destination.
type writer struct {
	dest   string // as the user named it
	real   string // its real path, where the new site is swapped in
	hook   func(step string)
	stderr io.Writer
	// over writes the new site over the one the last build replaced (see
	// render.NewDirOutputOver): a versioned build keeps most of its files.
	over bool
}

// abortWait is how long after a signal an interrupted build goes on
// removing its unfinished output. Whoever pressed Ctrl-C waits for the
// prompt, and removing thousands of files can take seconds; the output is
// safe already, and the next build removes what is left.
const abortWait = 400 * time.Millisecond

// write renders a site with fill into a temporary folder and swaps it in
// only when complete; when fill fails or ctx is done first, the temporary
// folder is removed and the destination left as it was.
func (w writer) write(ctx context.Context, fill func(context.Context, render.Output) error) error {
	newOutput := render.NewDirOutput
	if w.over {
		newOutput = render.NewDirOutputOver
	}
	out, err := newOutput(w.real)
	if err != nil {
		return err
	}
	if err := out.Left(); err != nil {
		fmt.Fprintf(w.stderr, "note: what an earlier build left beside %s could not be removed (remove it by hand): %v\n", w.dest, err)
	}
	out.Hook = w.hook
	// The time of the signal, if one comes: stopping the writers takes a
	// moment of the time abort has.
	signalled := make(chan time.Time, 1)
	defer context.AfterFunc(ctx, func() { signalled <- time.Now() })()
	if err := fill(ctx, out); err != nil {
		w.abort(ctx, signalled, out)
		return err
	}
	// Once the swap starts, it ends: it takes a moment, and stopping
	// half-way would leave more to clean than it saves.
	if err := ctx.Err(); err != nil {
		w.abort(ctx, signalled, out)
		return err
	}
	err = out.Commit()
	if added := out.Added(); len(added) > 0 && (err == nil || errors.As(err, new(*render.CleanupError))) {
		// The output is the build's whole: a file put there by hand is
		// gone with the site it was put in.
		// A file the new site has too was the site's own, changed by
		// hand; a folder it has lost what was added to it.
		var gone, own []string
		for _, a := range added {
			name := filepath.Join(w.dest, a)
			folder := strings.HasSuffix(a, "/")
			if folder {
				name += string(filepath.Separator)
			}
			if _, err := os.Lstat(filepath.Join(w.dest, a)); err == nil && !folder {
				own = append(own, name)
			} else {
				gone = append(gone, name)
			}
		}
		if len(gone) > 0 {
			first := strings.TrimSuffix(strings.TrimPrefix(gone[0], w.dest+string(filepath.Separator)), string(filepath.Separator))
			fmt.Fprintf(w.stderr, "note: %s, added or changed after the last build, went with the previous site: what the site needs goes in static/ (static/%s), which every build copies\n",
				strings.Join(gone, ", "), filepath.ToSlash(first))
		}
		if len(own) > 0 {
			fmt.Fprintf(w.stderr, "note: %s, changed after the last build, is the build's own and was written again: change the page's Markdown, a layout or a file of static/\n",
				strings.Join(own, ", "))
		}
	}
	var ce *render.CleanupError
	if errors.As(err, &ce) {
		// The new site is in place: the build is done.
		fmt.Fprintf(w.stderr, "note: %v\n", err)
		return nil
	}
	return err
}

// abort removes the unfinished output of a build that failed, or, when ctx
// is done (a signal, at the time sent on signalled), as much of it as
// abortWait allows.
func (w writer) abort(ctx context.Context, signalled <-chan time.Time, out *render.DirOutput) {
	rctx := context.Background()
	if ctx.Err() != nil {
		// AfterFunc runs as soon as ctx is done: this does not wait.
		var cancel context.CancelFunc
		rctx, cancel = context.WithDeadline(rctx, (<-signalled).Add(abortWait))
		defer cancel()
	}
	err := out.Abort(rctx)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Fprintf(w.stderr, "note: the unfinished output %s is not all removed; the next build removes the rest\n", out.Folder())
	case err != nil:
		fmt.Fprintf(w.stderr, "note: %v\n", err)
	}
}

// interrupted reports a build stopped by a signal.
func interrupted(stderr io.Writer, dest string) int {
	fmt.Fprintf(stderr, "interrupted: %s is left as it was\n", dest)
	return exitInterrupted
}

// await returns f's result, or ctx's error as soon as ctx is done. It is
// for the long steps that write nothing (loading the site): the command
// returns without waiting for them, and the process ends with them.
func await[T any](ctx context.Context, f func() T) (T, error) {
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// pauseHook returns the hook that stops a build at the step named by the
// environment variable PLAYBOOK_TEST_PAUSE ("writing", "swap", "swapped";
// see render.DirOutput.Hook), if set: the build prints "paused at STEP"
// and waits for a signal. The tests of the command kill or interrupt a
// real build there.
func pauseHook(ctx context.Context, stderr io.Writer) func(string) {
	at := os.Getenv("PLAYBOOK_TEST_PAUSE")
	if at == "" {
		return nil
	}
	return func(step string) {
		if step == at {
			fmt.Fprintf(stderr, "paused at %s\n", step)
			<-ctx.Done()
		}
	}
}

// summary prints what was built in a few lines.
func summary(w io.Writer, s *site.Site, problems site.Problems, dest string, took time.Duration) {
	t := tallySite(s)
	fmt.Fprintf(w, "Built %s into %s in %s\n", t.pages(), dest, took.Round(time.Millisecond))
	if byType := t.byType(); byType != "" {
		fmt.Fprintf(w, "  %s\n", byType)
	}
	if t.promises > 0 {
		fmt.Fprintf(w, "  %s to the front line\n", t.chain())
	}
	fmt.Fprintf(w, "  %s\n", trustScore(s.ReviewStatus()))
	fmt.Fprintf(w, "  %s, %s\n", warningsByCheck(problems), plural(problems.Errors(), "error"))
}

// printProblems writes problems a line each, warnings first: the errors
// that stop a build are what the terminal ends with, not lines lost among
// hundreds of warnings of a handbook brought in.
func printProblems(w io.Writer, problems site.Problems) {
	for _, warnings := range []bool{true, false} {
		for _, p := range problems {
			if p.Warning == warnings {
				fmt.Fprintln(w, p)
			}
		}
	}
}

// warningsByCheck counts the warnings and says how many each check found,
// most first, so that a team bringing in a handbook sees what to work
// down: "12 warnings (9 broken-link, 3 chain-gap)", each by the name
// JSON and GitHub's annotations give it (see site.Problem.CheckName).
func warningsByCheck(problems site.Problems) string {
	n := problems.Warnings()
	if n == 0 {
		return plural(0, "warning")
	}
	counts := map[string]int{}
	for _, p := range problems {
		if p.Warning {
			counts[p.CheckName()]++
		}
	}
	checks := slices.Collect(maps.Keys(counts))
	slices.SortFunc(checks, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	parts := make([]string, len(checks))
	for i, c := range checks {
		parts[i] = fmt.Sprintf("%d %s", counts[c], c)
	}
	return fmt.Sprintf("%s (%s)", plural(n, "warning"), strings.Join(parts, ", "))
}

// A tally counts what a site holds, for the summary.
type tally struct {
	sections, connected, promises int
	types                         map[string]int
}

func tallySite(s *site.Site) tally {
	t := tally{types: map[string]int{}}
	for _, p := range s.Pages {
		if p.IsSection {
			t.sections++
			continue
		}
		t.types[p.Type]++
		if p.Type == site.TypePromise {
			t.promises++
			if p.Chain.Status == site.Connected {
				t.connected++
			}
		}
	}
	return t
}

func (t tally) pages() string {
	n := 0
	for _, c := range t.types {
		n += c
	}
	return fmt.Sprintf("%s in %s", plural(n, "page"), plural(t.sections, "section"))
}

// byType says how many pages of each type there are, in the order of
// site.Types: "3 promises, 1 campaign".
func (t tally) byType() string {
	var parts []string
	for _, typ := range site.Types {
		switch n := t.types[typ]; n {
		case 0:
		case 1:
			parts = append(parts, "1 "+strings.ToLower(site.TypeNames[typ]))
		default:
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(site.TypeTitles[typ])))
		}
	}
	return strings.Join(parts, ", ")
}

func (t tally) chain() string {
	return fmt.Sprintf("%d of %d promises connected", t.connected, t.promises)
}

// trustScore says how many pages were reviewed within their interval.
func trustScore(r *site.ReviewStatus) string {
	if r.Score.Total == 0 {
		return "Trust Score: no page has a review interval"
	}
	return fmt.Sprintf("Trust Score %d%%: %d of %d pages reviewed within their interval, %d overdue",
		r.Score.Percent(), r.Score.Reviewed, r.Score.Total, r.OverdueCount())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// readConfig returns the site's site.toml, or nothing: site.Load reports
// what is wrong with it.
func readConfig(src fs.FS) []byte {
	data, _ := fs.ReadFile(src, site.ConfigFile)
	return data
}

// buildVersions builds every version site.toml names, side by side.
func buildVersions(ctx context.Context, opts versions.Options, w writer, stdout, stderr io.Writer) int {
	dest := w.dest
	type loaded struct {
		b        *versions.Build
		problems site.Problems
		err      error
	}
	l, err := await(ctx, func() loaded {
		b, problems, err := versions.Load(opts)
		return loaded{b, problems, err}
	})
	if err != nil {
		return interrupted(stderr, dest)
	}
	b, problems := l.b, l.problems
	if l.err != nil {
		fmt.Fprintf(stderr, "playbook build: %v\n%s is left as it was\n", l.err, dest)
		return exitContent
	}
	defer b.Close()
	// Every version is rendered with the working tree's theme.
	if theme, err := render.SiteTheme(opts.Worktree, opts.Config); err == nil {
		problems = append(problems, render.ThemeWarnings(theme)...)
	}
	printProblems(stderr, problems)
	errs := problems.Errors()
	if errs > 0 {
		fmt.Fprintf(stderr, "%s, %s: nothing written; %s is left as it was\n", plural(errs, "error"), warningsByCheck(problems), dest)
		return exitContent
	}
	w.over = true
	err = w.write(ctx, b.Render)
	if err != nil && ctx.Err() != nil {
		return interrupted(stderr, dest)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n%s is left as it was\n", err, dest)
		return exitContent
	}
	fmt.Fprintf(stdout, "Built %s into %s in %s\n", plural(len(b.Versions), "version"), dest, time.Since(opts.Now).Round(time.Millisecond))
	for _, v := range b.Versions {
		from := "the working tree"
		if v.Commit != nil {
			from = fmt.Sprintf("%s (%s, %s)", v.Ref, v.Commit.Short, v.Commit.When.Format(time.DateOnly))
		}
		latest := ""
		if v.Latest {
			latest = ", also at latest/"
		}
		if v.Kept {
			latest += "; kept from the previous build"
		}
		t := tallySite(v.Site)
		chain := ""
		if t.promises > 0 {
			chain = ", " + t.chain()
		}
		trust := ""
		if r := v.Site.ReviewStatus(); r.Score.Total > 0 {
			trust = fmt.Sprintf(", Trust Score %d%%", r.Score.Percent())
		}
		fmt.Fprintf(stdout, "  %s: %s%s%s; from %s%s\n", v.Name, t.pages(), chain, trust, from, latest)
	}
	fmt.Fprintf(stdout, "  %s, %s\n", warningsByCheck(problems), plural(errs, "error"))
	return exitOK
}
