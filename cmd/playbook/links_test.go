package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"playbook/internal/gittest"
)

// secret is what a repository's .git/config holds that must never be
// published: CI tokens live there.
const secret = "https://ci:s3cr3t-t0ken@git.example.com/acme/playbook.git"

// price is the content of a document linked from content/.
const price = "%PDF price list"

// linkSite writes goodSite with a document to link to, in a Git
// repository whose config holds secret, and makes the symbolic links
// (paths from the site's folder → targets as ln -s writes them).
func linkSite(t *testing.T, links map[string]string) string {
	t.Helper()
	src := writeSite(t, goodSite)
	gittest.WriteFiles(t, src, map[string]string{"content/files/price.pdf": price})
	gittest.Git(t, src, time.Time{}, "init", "-q", "-b", "main")
	gittest.Git(t, src, time.Time{}, "config", "remote.origin.url", secret)
	for link, target := range links {
		symlink(t, src, link, target)
	}
	return src
}

func symlink(t *testing.T, dir, link, target string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(link))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// noSecret fails t if any file under dir holds the secret.
func noSecret(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			// latest/ of a versioned build is a link to a version.
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte("s3cr3t-t0ken")) {
			t.Errorf("%s holds the repository's secret", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBuildSymlinks runs playbook build on real folders with symbolic
// links: a link to a file inside its folder is published; one leading
// out of it fails the build at its path and nothing is written.
func TestBuildSymlinks(t *testing.T) {
	tests := []struct {
		name   string
		links  map[string]string
		stderr string // with DEST for the output folder; "" for a build
		want   map[string]string
	}{
		{
			name:  "a link inside content/, and a chain of links, are published",
			links: map[string]string{"content/guides/price.pdf": "../files/price.pdf", "content/guides/latest.pdf": "price.pdf"},
			want:  map[string]string{"guides/price.pdf": price, "guides/latest.pdf": price, "files/price.pdf": price},
		},
		{
			name:  "a link to the repository's config fails the build",
			links: map[string]string{"content/guides/ci.txt": "../../.git/config"},
			stderr: "content/guides/ci.txt:1: symbolic link to ../../.git/config points outside content/: not published\n" +
				"1 error, 0 warnings: nothing written; DEST is left as it was\n",
		},
		{
			name:  "a chain of links out of content/ fails the build at each link",
			links: map[string]string{"content/guides/a.txt": "b.txt", "content/guides/b.txt": "../../.git/config"},
			stderr: "content/guides/a.txt:1: symbolic link to b.txt points outside content/: not published\n" +
				"content/guides/b.txt:1: symbolic link to ../../.git/config points outside content/: not published\n" +
				"2 errors, 0 warnings: nothing written; DEST is left as it was\n",
		},
		{
			name:  "a link out of the site's folder fails the build",
			links: map[string]string{"content/passwd.txt": "../../../../../../../../etc/passwd"},
			stderr: "content/passwd.txt:1: symbolic link to ../../../../../../../../etc/passwd points outside content/: not published\n" +
				"1 error, 0 warnings: nothing written; DEST is left as it was\n",
		},
		{
			name:  "a static file linked to the repository's config fails the build",
			links: map[string]string{"static/ci.txt": "../.git/config"},
			stderr: "static/ci.txt:1: symbolic link to ../.git/config points outside static/: not published\n" +
				"1 error, 0 warnings: nothing written; DEST is left as it was\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := linkSite(t, tt.links)
			dest := filepath.Join(t.TempDir(), "public")
			code, _, stderr := buildCmd(t, "--source", src, "--dest", dest)
			if tt.stderr != "" {
				if want := strings.ReplaceAll(tt.stderr, "DEST", dest); code != exitContent || stderr != want {
					t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, stderr, exitContent, want)
				}
				if _, err := os.Stat(dest); !os.IsNotExist(err) {
					t.Errorf("a failed build wrote %s (%v)", dest, err)
				}
				return
			}
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for name, want := range tt.want {
				if b, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(b) != want {
					t.Errorf("%s: %q, %v; want %q", name, b, err, want)
				}
			}
			noSecret(t, dest)
		})
	}
}

// TestBuildBadFileName: a file name that is not UTF-8 is named with its
// bad bytes escaped, with what to do.
func TestBuildBadFileName(t *testing.T) {
	src := writeSite(t, goodSite)
	if err := os.WriteFile(filepath.Join(src, "content", "guides", "Offre sp\xe9ciale.pdf"), []byte("PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	code, _, stderr := buildCmd(t, "--source", src, "--dest", dest)
	want := `content/guides/Offre sp\xe9ciale.pdf:1: file name is not valid UTF-8: rename it` + "\n" +
		"1 error, 0 warnings: nothing written; " + dest + " is left as it was\n"
	if code != exitContent || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, stderr, exitContent, want)
	}
}

// TestBuildVersionsSymlinks: a symbolic link out of content/ is refused in
// a tagged version read from Git and in the working tree's version alike,
// and a link inside content/ is published in both.
func TestBuildVersionsSymlinks(t *testing.T) {
	src := linkSite(t, map[string]string{"content/guides/price.pdf": "../files/price.pdf", "content/guides/latest.pdf": "price.pdf"})
	when := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	git := func(args ...string) { gittest.Git(t, src, when, args...) }
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	git("tag", "v1")
	symlink(t, src, "content/guides/ci.txt", "../../.git/config")
	when = when.AddDate(0, 3, 0)
	git("add", "-A")
	git("commit", "-q", "-m", "two")
	git("tag", "v2")
	// The working tree leaves the link out; site.toml is not committed.
	if err := os.Remove(filepath.Join(src, "content", "guides", "ci.txt")); err != nil {
		t.Fatal(err)
	}
	gittest.WriteFiles(t, src, map[string]string{"site.toml": "title = \"T\"\n[versions]\ntags = \"v*\"\nworktree = \"draft\"\n"})
	dest := filepath.Join(t.TempDir(), "public")
	build := func(wantCode int, wantStderr string) {
		t.Helper()
		code, _, stderr := buildCmd(t, "--source", src, "--dest", dest)
		if want := strings.ReplaceAll(wantStderr, "DEST", dest); code != wantCode || stderr != want {
			t.Errorf("exit %d, stderr:\n%s\nwant exit %d, stderr:\n%s", code, stderr, wantCode, want)
		}
	}

	// A tag cannot be mended: the link is a warning there, and is not
	// published.
	build(exitOK, "content/guides/ci.txt:1: warning: symbolic link to ../../.git/config points outside content/: not published (version v2)\n")
	if _, err := os.Stat(filepath.Join(dest, "v2", "guides", "price.pdf")); err != nil {
		t.Fatalf("v2 is not published: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(dest, "v2", "guides", "ci.txt")); !os.IsNotExist(err) {
		t.Fatalf("the link of v2 is published (%v)", err)
	}
	if err := os.RemoveAll(dest); err != nil {
		t.Fatal(err)
	}

	git("tag", "-d", "v2")
	symlink(t, src, "content/guides/ci.txt", "../../.git/config")
	build(exitContent, "content/guides/ci.txt:1: symbolic link to ../../.git/config points outside content/: not published\n"+
		"1 error, 0 warnings: nothing written; DEST is left as it was\n")
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatalf("a failed build wrote %s (%v)", dest, err)
	}

	if err := os.Remove(filepath.Join(src, "content", "guides", "ci.txt")); err != nil {
		t.Fatal(err)
	}
	build(exitOK, "")
	for _, v := range []string{"v1", "draft"} {
		for _, name := range []string{"guides/price.pdf", "guides/latest.pdf"} {
			if b, err := os.ReadFile(filepath.Join(dest, v, name)); err != nil || string(b) != price {
				t.Errorf("%s/%s: %q, %v; want the linked file", v, name, b, err)
			}
		}
	}
	noSecret(t, dest)
}

// TestServeSymlinkNotFound: playbook serve does not serve a link out of
// content/: its URL is not found, and the secret is in no answer.
func TestServeSymlinkNotFound(t *testing.T) {
	src := linkSite(t, map[string]string{"content/guides/ci.txt": "../../.git/config", "content/guides/price.pdf": "../files/price.pdf"})
	s := startServe(t, context.Background(), src)
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	if code, body := get("guides/ci.txt"); code != http.StatusNotFound || strings.Contains(body, "s3cr3t") {
		t.Errorf("GET /guides/ci.txt: %d, secret shown: %v; want 404", code, strings.Contains(body, "s3cr3t"))
	}
	if code, body := get("guides/price.pdf"); code != http.StatusOK || body != price {
		t.Errorf("GET /guides/price.pdf: %d %q; want the linked file", code, body)
	}
	if want := "content/guides/ci.txt:1: symbolic link to ../../.git/config points outside content/: not published"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("serve printed:\n%s\nwant a line %s", s.stderr, want)
	}
	s.stop(t)
}
