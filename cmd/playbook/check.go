package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"time"

	"playbook/internal/gitrepo"
	"playbook/internal/render"
	"playbook/internal/site"
	"playbook/internal/versions"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	source := fl.String("source", ".", "the site `folder`, holding site.toml and content/")
	format := fl.String("format", site.FormatText, "how problems are written: `text`, json or github")
	strict := fl.Bool("strict", false, "fail on warnings too")
	newSince := fl.String("new-since", "", "report only the problems not already present at this Git `ref` (origin/main)")
	due := fl.String("due", "", "list the pages overdue or due for review within this `interval` (30d), by owner, instead of problems")
	drafts := fl.Bool("drafts", false, "check pages marked draft too, as build --drafts reads them")
	root, ok := openSite(fl, args, stderr)
	if !ok {
		return exitUsage
	}
	defer root.Close()
	if !slices.Contains(site.Formats, *format) {
		fmt.Fprintf(stderr, "playbook check: unknown --format %q (want %s)\n", *format, strings.Join(site.Formats, ", "))
		return exitUsage
	}
	// A check holds a whole site in memory, as a build does.
	defer limitMemory()()
	load := checking(time.Now(), *drafts)
	src := root.FS()
	if *due != "" {
		if *strict || *newSince != "" {
			fmt.Fprintln(stderr, "playbook check: --due lists pages due for review; --strict and --new-since are for problems")
			return exitUsage
		}
		return listDue(src, *due, *format, load, stdout, stderr)
	}
	if *newSince != "" {
		return checkNewSince(ctx, src, *source, *newSince, *format, *strict, load, stdout, stderr)
	}
	type loaded struct {
		problems site.Problems
		err      error
	}
	l, err := await(ctx, func() loaded {
		problems, err := checkTree(src, *source, load, true)
		return loaded{problems: problems, err: err}
	})
	if err != nil {
		fmt.Fprintln(stderr, "interrupted")
		return exitInterrupted
	}
	if l.err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", l.err)
		return exitContent
	}
	return report(l.problems, *source, *format, *strict, "", stdout, stderr)
}

// checking returns the options of a site loaded for its problems alone,
// as every load of check is: its pages are not rendered.
func checking(now time.Time, drafts bool) site.Options {
	return site.Options{Now: now, Drafts: drafts, ParseOnly: true, Words: render.SiteWords, Shortcodes: render.SiteShortcodes}
}

// report writes the problems found and returns the exit status they make.
func report(problems site.Problems, source, format string, strict bool, note string, stdout, stderr io.Writer) int {
	prefix := ""
	if format == site.FormatGitHub {
		prefix = repoPrefix(source)
	}
	if err := site.WriteProblems(stdout, format, problems, prefix); err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", err)
		return exitContent
	}
	errs, warns := problems.Errors(), problems.Warnings()
	fmt.Fprintf(stderr, "%s, %s%s\n", plural(errs, "error"), warningsByCheck(problems), note)
	if errs > 0 || strict && warns > 0 {
		return exitContent
	}
	return exitOK
}

// checkNewSince reports the problems of the working tree that the site
// at ref, read from Git, does not have. The versions a build publishes
// from Git are the same at ref and now: they add nothing new.
func checkNewSince(ctx context.Context, src fs.FS, source, ref, format string, strict bool, load site.Options, stdout, stderr io.Writer) int {
	type loaded struct {
		now, fresh site.Problems
		// damaged are the files at ref that cannot be read: their
		// problems there are not known, and are told as new.
		damaged site.Problems
		err     error
	}
	l, err := await(ctx, func() loaded {
		var l loaded
		damaged, err := versions.WithRef(source, ref, func(at fs.FS) error {
			// The versions published from Git are the same at ref and
			// now, unless the change is to the versions block itself:
			// then they are checked at both.
			was, _ := site.ParseConfig(readConfig(at))
			is, _ := site.ParseConfig(readConfig(src))
			withVersions := !reflect.DeepEqual(was.Versions, is.Versions)
			then, err := checkTree(at, source, load, withVersions)
			if err != nil {
				return fmt.Errorf("at %s: %w", ref, err)
			}
			if l.now, err = checkTree(src, source, load, withVersions); err != nil {
				return err
			}
			// A file renamed since keeps its problems.
			renamed := renamedSince(at, src, then, l.now)
			for i, p := range then {
				if to, ok := renamed[p.File]; ok {
					// A message naming the file, or its folder, names
					// them where they went.
					msg := strings.ReplaceAll(p.Msg, p.File, to)
					if from, into := path.Dir(p.File), path.Dir(to); from != into {
						msg = strings.ReplaceAll(msg, from+"/", into+"/")
					}
					then[i].File, then[i].Msg = to, msg
				}
			}
			before := map[string]string{}
			for from, to := range renamed {
				before[to] = from
			}
			// Of two problems alike where there was one, the new one is
			// the one whose line is not the old one's, moved.
			atRef, atNow := fileLines(at), fileLines(src)
			l.fresh = l.now.NewSince(then, func(old bool, file string, line int) string {
				if old {
					return atRef(cmp.Or(before[file], file), line)
				}
				return atNow(file, line)
			})
			return nil
		})
		l.damaged, l.err = damaged, err
		return l
	})
	if err != nil {
		fmt.Fprintln(stderr, "interrupted")
		return exitInterrupted
	}
	if l.err != nil {
		fmt.Fprintf(stderr, "playbook check: --new-since %s: %v\n", ref, l.err)
		return exitUsage
	}
	note := fmt.Sprintf(" new since %s (%d already there)", ref, len(l.now)-len(l.fresh))
	problems := append(l.fresh, l.damaged...)
	problems.Sort()
	return report(problems, source, format, strict, note, stdout, stderr)
}

// renamedSince returns the files of the problems then (found at ref, in
// the files at) that now's files no longer have, each by the file of the
// problems now that at did not have and that it became, as Git finds a
// rename: the same content, or, among at most renameLimit files each
// side, the one whose lines of text are most alike, at least half of
// them and at least three (fences and blank lines, which every page has,
// are not counted).
func renamedSince(at, now fs.FS, then, problems site.Problems) map[string]string {
	absent := func(fsys fs.FS, ps site.Problems) []string {
		var files []string
		for _, p := range ps {
			if _, err := fs.Stat(fsys, p.File); err != nil && !slices.Contains(files, p.File) {
				files = append(files, p.File)
			}
		}
		return files
	}
	gone, added := absent(now, then), absent(at, problems)
	texts := map[string][]byte{} // of the files added
	same := map[string]string{}  // an added file by its content
	for _, to := range added {
		if b, err := fs.ReadFile(now, to); err == nil {
			texts[to] = b
			same[string(b)] = to
		}
	}
	renamed, taken := map[string]string{}, map[string]bool{}
	left := map[string][]byte{} // the files gone that are no copy, by name
	for _, from := range gone {
		b, err := fs.ReadFile(at, from)
		if err != nil {
			continue
		}
		if to, ok := same[string(b)]; ok && !taken[to] {
			renamed[from], taken[to] = to, true
			continue
		}
		left[from] = b
	}
	if len(left) > renameLimit || len(added) > renameLimit {
		return renamed // as git gives up past its own limit
	}
	lines := map[string]map[string]int{}
	for to, b := range texts {
		lines[to] = textLines(b)
	}
	for _, from := range gone {
		b, ok := left[from]
		if !ok {
			continue
		}
		was := textLines(b)
		best, most := "", 0.5
		for _, to := range added {
			if taken[to] || lines[to] == nil {
				continue
			}
			if alike := sharedLines(was, lines[to]); alike >= most {
				best, most = to, alike
			}
		}
		if best != "" {
			renamed[from], taken[best] = best, true
		}
	}
	return renamed
}

// renameLimit is the most files gone, or added, whose renames are looked
// for by their lines, as git's diff.renameLimit bounds its own.
const renameLimit = 1000

// textLines counts the lines of b that say something: not blank, not a
// front matter fence.
func textLines(b []byte) map[string]int {
	count := map[string]int{}
	for l := range strings.SplitSeq(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "+++" && l != "---" {
			count[l]++
		}
	}
	return count
}

// sharedLines returns the share of the lines of the longer of a and b
// that the other has too, 0 where fewer than three are shared.
func sharedLines(a, b map[string]int) float64 {
	shared, na, nb := 0, 0, 0
	for l, n := range a {
		shared += min(n, b[l])
		na += n
	}
	for _, n := range b {
		nb += n
	}
	if shared < 3 {
		return 0
	}
	return float64(shared) / float64(max(na, nb))
}

// fileLines returns a function giving the text of a line (1-based) of a
// file of fsys, "" where there is none; each file is read once.
func fileLines(fsys fs.FS) func(file string, line int) string {
	files := map[string][]string{}
	return func(file string, line int) string {
		lines, ok := files[file]
		if !ok {
			b, _ := fs.ReadFile(fsys, file)
			lines = strings.Split(string(b), "\n")
			files[file] = lines
		}
		if line < 1 || line > len(lines) {
			return ""
		}
		return strings.TrimSpace(lines[line-1])
	}
}

// checkTree returns the problems of the site whose files are src, in the
// folder source of a Git repository if it is in one, as a build finds
// them: its pages; its theme (a theme that cannot be found, layouts that
// do not parse or fail on their first page, static files a page would be
// published over); and, withVersions, the versions a build publishes from
// Git. The error is for versions that cannot be read at all.
func checkTree(src fs.FS, source string, load site.Options, withVersions bool) (site.Problems, error) {
	now := load.Now
	s, problems := site.Load(src, load)
	cfg, _ := site.ParseConfig(readConfig(src))
	var pe *site.ProblemError
	// The theme and its layouts are checked beside a site.toml with
	// errors too, with the settings that could be read: a typo there
	// would otherwise hide a broken layout until it is fixed.
	theme, err := render.SiteTheme(src, cfg)
	switch {
	case errors.As(err, &pe):
		problems = append(problems, pe.Problem)
	case err == nil && s != nil:
		rendered := render.Check(s, render.Options{Source: src, Theme: theme, Now: now})
		if hasConfigError(problems) {
			// What the theme says of site.toml, its settings' own
			// problems said already, at their lines.
			rendered = slices.DeleteFunc(rendered, func(p site.Problem) bool { return p.File == site.ConfigFile })
		}
		problems = append(problems, rendered...)
	}
	problems.Sort()
	if hasConfigError(problems) || !withVersions || cfg.Versions == nil {
		// The versions block must be sound before Git is read.
		return problems, nil
	}
	// The working tree is checked above, as a build without versions
	// reads it; here the versions read from Git.
	if len(cfg.Versions.Refs) == 0 && cfg.Versions.Tags == "" {
		return problems, nil
	}
	b, vps, err := versions.Load(versions.Options{Source: source, Worktree: src, Config: cfg, Now: now, ParseOnly: true, GitOnly: true})
	b.Close()
	problems = append(problems, vps...)
	problems.Sort()
	return problems, err
}

// listDue lists the pages whose review is overdue or falls due within
// the interval, by owner.
func listDue(src fs.FS, within, format string, load site.Options, stdout, stderr io.Writer) int {
	now := load.Now
	iv, err := site.ParseInterval(within)
	if err != nil {
		fmt.Fprintf(stderr, "playbook check: --due: %v\n", err)
		return exitUsage
	}
	if format == site.FormatGitHub {
		fmt.Fprintln(stderr, "playbook check: --due writes text or json")
		return exitUsage
	}
	// What is due depends on front matter alone: a broken link elsewhere
	// does not stop a weekly reminder, which says it in a line of its own.
	s, problems := site.Load(src, load)
	if err := site.WriteDue(stdout, format, s.DueBy(iv.AddTo(now)), now); err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", err)
		return exitContent
	}
	if n := problems.Errors(); n > 0 {
		fmt.Fprintf(stderr, "note: the site has %s (playbook check lists them); a page whose front matter cannot be read is not listed\n", plural(n, "error"))
	}
	return exitOK
}

// hasConfigError reports whether a problem is in site.toml, whose
// versions block must be sound before anything is read from Git.
func hasConfigError(ps site.Problems) bool {
	return slices.ContainsFunc(ps, func(p site.Problem) bool { return p.File == site.ConfigFile && !p.Warning })
}

// repoPrefix returns the site folder's path in its Git repository, with a
// slash after it ("docs/"), or "" at the repository's root or outside
// one: GitHub places annotations by paths from the repository's root.
func repoPrefix(source string) string {
	repo, err := gitrepo.Open(source)
	if err != nil {
		return ""
	}
	defer repo.Close()
	prefix, err := repo.Prefix(source)
	if err != nil || prefix == "." {
		return ""
	}
	return prefix + "/"
}
