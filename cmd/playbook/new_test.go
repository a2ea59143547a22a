package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), append([]string{"new"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestNewSiteThenPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "playbook")
	if code, _, stderr := newCmd(t, "site", dir); code != exitOK {
		t.Fatalf("new site: exit %d\n%s", code, stderr)
	}
	if code, out, stderr := checkCmd(t, "--source", dir, "--strict"); code != exitOK || out != "" {
		t.Errorf("the new site does not check clean: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := newCmd(t, "site", dir); code != exitUsage || !strings.Contains(stderr, "holds a playbook already (site.toml)") {
		t.Errorf("new site into a full folder: exit %d\n%s", code, stderr)
	}
	code, out, stderr := newCmd(t, "--source", dir, "behaviours", "Call back the same day")
	if code != exitOK || out != "content/behaviours/call-back-the-same-day.md\n" {
		t.Fatalf("new behaviour: exit %d\n%s%s", code, out, stderr)
	}
	first, _ := os.ReadFile(filepath.Join(dir, "content/behaviours/call-back-the-same-day.md"))
	if code, _, stderr := newCmd(t, "--source", dir, "behaviour", "Call back the same day"); code != exitContent || !strings.Contains(stderr, "already exists") {
		t.Errorf("new page over an existing one: exit %d\n%s", code, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "content/behaviours/call-back-the-same-day.md")); !bytes.Equal(first, again) {
		t.Error("the existing page was changed")
	}
	// A title naming a folder the section has, or a behaviour's stage, puts
	// the page there; any other "/" is the title's.
	for _, c := range []struct{ typ, title, file string }{
		{"behaviour", "service/Call back the same day", "content/behaviours/service/call-back-the-same-day.md"},
		{"promise", "24/7 emergency cover", "content/promises/24-7-emergency-cover.md"},
		{"faq", "and/or a deposit?", "content/faqs/and-or-a-deposit.md"},
	} {
		if code, out, stderr := newCmd(t, "--source", dir, c.typ, c.title); code != exitOK || out != c.file+"\n" {
			t.Errorf("new %s %q: exit %d, wrote %s, want %s\n%s", c.typ, c.title, code, out, c.file, stderr)
		}
	}
	if code, _, _ := newCmd(t, "--source", dir, "widget", "X"); code != exitUsage {
		t.Errorf("unknown type: exit %d, want %d", code, exitUsage)
	}
	// A title making a file that stands for its folder would turn the
	// section's own page into the new one.
	for _, title := range []string{"_index", "Index", "README", "readme"} {
		code, _, stderr := newCmd(t, "--source", dir, "promise", title)
		if code != exitUsage || !strings.Contains(stderr, "stands for its folder") {
			t.Errorf("new promise %q: exit %d, want %d\n%s", title, code, exitUsage, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/promises/index.md")); err == nil {
		t.Error("content/promises/index.md was written")
	}
	// A section that is a symbolic link, which build does not follow, is
	// not written through: the page could land outside the site.
	outside := t.TempDir()
	if err := os.RemoveAll(filepath.Join(dir, "content/personas")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content/personas")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := newCmd(t, "--source", dir, "persona", "Evil buyer"); code != exitContent || !strings.Contains(stderr, "content/personas is a symbolic link") {
		t.Errorf("new persona through a link: exit %d, want %d\n%s", code, exitContent, stderr)
	}
	if names, _ := os.ReadDir(outside); len(names) > 0 {
		t.Errorf("written outside the site: %v", names)
	}
}

// TestNewSiteWhereNoFolderIs: an empty name (a script's unset variable)
// and a file are refused, writing nothing; a folder whose name the shell
// would split is quoted in the command to preview it.
func TestNewSiteWhereNoFolderIs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, want string }{
		{"", "the folder's name is empty"},
		{" ", "the folder's name is empty"},
		{file, "is a file, not a folder"},
	} {
		code, _, stderr := newCmd(t, "site", tt.dir)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("new site %q: exit %d, want %d and %q:\n%s", tt.dir, code, exitUsage, tt.want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		t.Error("new site with an empty name wrote into the current folder")
	}
	code, out, stderr := newCmd(t, "site", "Sales team's playbook")
	if want := `cd 'Sales team'\''s playbook' && playbook serve`; code != exitOK || !strings.Contains(out, want) {
		t.Errorf("new site: exit %d, want the command %s:\n%s%s", code, want, out, stderr)
	}
}

// TestNewSiteInARepository: a playbook is started in the repository an
// author has just made or cloned, beside its .git/ and README, with an
// ignore file for what a build writes; one the repository has is kept.
func TestNewSiteInARepository(t *testing.T) {
	for _, tc := range []struct {
		name      string
		files     map[string]string
		code      int
		stdout    string
		gitignore string
	}{
		{"made with git init", map[string]string{".git/HEAD": "ref: refs/heads/main\n"}, exitOK, "Preview it: playbook serve\n", "/public/\n"},
		{"cloned, with a README and an ignore file", map[string]string{".git/HEAD": "x", "README.md": "# Ours\n", ".gitignore": "*.log\n"}, exitOK, "Preview it: playbook serve\n", "*.log\n"},
		{"holding a playbook's content", map[string]string{"content/a.md": "# A\n"}, exitUsage, "", ""},
		{"holding layouts", map[string]string{"layouts/page.html": "x"}, exitUsage, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			code, out, stderr := newCmd(t, "site", ".")
			if code != tc.code || !strings.HasSuffix(out, tc.stdout) {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, stderr)
			}
			if code != exitOK {
				if !strings.Contains(stderr, "holds a playbook already") {
					t.Errorf("stderr: %s", stderr)
				}
				return
			}
			for name, text := range tc.files {
				if name == ".gitignore" {
					continue
				}
				if got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); string(got) != text {
					t.Errorf("%s changed: %q", name, got)
				}
			}
			if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); !strings.Contains(string(got), tc.gitignore) {
				t.Errorf(".gitignore = %q, want it to hold %q", got, tc.gitignore)
			}
			if code, out, stderr := checkCmd(t, "--strict"); code != exitOK || out != "" {
				t.Errorf("the new site does not check clean: exit %d\n%s%s", code, out, stderr)
			}
		})
	}
	dir := filepath.Join(t.TempDir(), "playbook")
	if _, out, _ := newCmd(t, "site", dir); !strings.HasSuffix(out, "Preview it: cd "+dir+" && playbook serve\n") {
		t.Errorf("new site in a new folder: %s", out)
	}
}

func TestNewList(t *testing.T) {
	code, out, _ := newCmd(t, "--list")
	if code != exitOK || !strings.Contains(out, "behaviour (in content/behaviours/)\n  * stage ") || !strings.Contains(out, "  * ends ") {
		t.Errorf("exit %d\n%s", code, out)
	}
	// The keys of every type, as README's Front matter lists them.
	first, _, _ := strings.Cut(out, "\n")
	for _, key := range []string{"title", "id", "type", "weight", "description", "tags", "draft", "owner", "reviewed", "review_every", "aliases", "search"} {
		if !strings.Contains(first, " "+key+",") && !strings.Contains(first, " "+key+":") {
			t.Errorf("the keys of every type lack %q: %s", key, first)
		}
	}
}
