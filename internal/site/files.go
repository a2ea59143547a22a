package site

// Reading the files of content/: walking its folders, and reading each
// Markdown file on all cores.

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// MaxFileSize is the largest Markdown file Load reads; a bigger one is
// almost certainly a mistake (a data dump saved as .md) and would stall
// every build.
const MaxFileSize = 8 << 20

// walk lists content/: its folders become sections, its Markdown files are
// queued for reading, and other files are published as they are. A
// symbolic link is followed only to a file inside content/: anything else
// of the site's folder (the repository's .git/config) must never be
// published through one.
func (l *loadState) walk() {
	if info, err := fs.Lstat(l.fsys, ContentDir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// Everything of the site's folder could be inside the folder it
		// leads to.
		target, _ := fs.ReadLink(l.fsys, ContentDir)
		l.ps.errorf(ContentDir, 1, "content/ is a symbolic link to %s: make it a folder", printable(target))
		l.sections[ContentDir] = sectionPage(ContentDir)
		return
	}
	l.symlinks, l.linked = map[string]bool{}, map[string]bool{}
	err := fs.WalkDir(l.fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == ContentDir {
				return err
			}
			l.ps.errorf(p, 1, "read: %v", unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != ContentDir && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(name) {
			// No URL can be made of it, and the file system may refuse
			// to open it.
			what := "file"
			if d.IsDir() {
				what = "folder"
			}
			l.ps.errorf(p, 1, "%s name is not valid UTF-8: rename it", what)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != ContentDir && l.excludes(p) {
			l.excluded = append(l.excluded, p)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			l.sections[p] = sectionPage(p)
			return nil
		}
		if notContent(name) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			real, err := FollowLink(l.fsys, p, ContentDir)
			if err != nil {
				l.ps.errorf(p, 1, "%v: not published", err)
				return nil
			}
			info, err := fs.Stat(l.fsys, real)
			if err != nil {
				l.ps.errorf(p, 1, "read: %v", unwrapPath(err))
				return nil
			}
			if info.IsDir() {
				l.ps.warnf(p, 1, "symbolic link to a folder: not followed")
				return nil
			}
			if what := SpecialFile(info.Mode()); what != "" {
				l.ps.errorf(p, 1, "symbolic link to %s, not a file: not published; remove the link", what)
				return nil
			}
			if isMarkdown(name) {
				l.linked[real] = true
				l.symlinks[p] = true
			}
		} else if what := SpecialFile(d.Type()); what != "" {
			// Reading a named pipe waits for a writer: the build would
			// never end.
			l.ps.errorf(p, 1, "%s, not a file: not published; remove it", what)
			return nil
		}
		if isMarkdown(name) {
			l.files = append(l.files, p)
		} else {
			if l.startsWithFrontMatter(p) {
				l.ps.warnf(p, 1, "starts with front matter, but only .md and .markdown files are pages: it is published as a file, as it is; rename it to .md")
			}
			l.site.Files = append(l.site.Files, p)
			l.site.files[p] = true
		}
		return nil
	})
	if err != nil {
		l.ps.errorf(ContentDir, 1, "read: %v", unwrapPath(err))
	}
	if l.sections[ContentDir] == nil {
		l.sections[ContentDir] = sectionPage(ContentDir)
	}
	// A folder with no page in it, at any depth, holds images or
	// documents (a page's diagrams beside it, in a folder of its name):
	// it is no section, with a page listing nothing; its files are
	// published at their paths all the same.
	withPages := map[string]bool{ContentDir: true}
	for _, f := range l.files {
		for d := path.Dir(f); d != ContentDir && d != "." && !withPages[d]; d = path.Dir(d) {
			withPages[d] = true
		}
	}
	for d := range l.sections {
		if !withPages[d] {
			delete(l.sections, d)
		}
	}
}

// SpecialFile names the kind of a file that is neither a regular file
// nor a folder nor a symbolic link (a named pipe, a socket, a device), and
// "" for any other: no site reads one, and reading a named pipe waits
// for a writer.
func SpecialFile(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir() || m.IsRegular() || m&fs.ModeSymlink != 0:
		return ""
	}
	return "a special file"
}

// Ignored reports whether a file or folder is left out of a site: hidden
// files, and the files editors and tools write while saving (back-ups, swap
// files, JetBrains' safe-write copies, vim's write test "4913").
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") ||
		strings.HasSuffix(name, ".tmp") || strings.Contains(name, "___jb_") || name == "4913"
}

// notContent reports whether a file is one a Git host or a tool reads,
// rather than part of the handbook: it is not published. A wiki's
// _Sidebar, _Footer and _Header are the frame of its pages, which a site
// draws itself.
func notContent(name string) bool {
	switch name {
	case "CODEOWNERS", "CODENOTIFY", "OWNERS", "OWNERS_ALIASES",
		"_Sidebar.md", "_Footer.md", "_Header.md":
		return true
	}
	return false
}

// excludes reports whether a file or folder of content/ is left out by
// [content] exclude. Patterns are matched against the path from content/
// ("team/drafts/a.md") and from the site root. A folder matched is left
// out whole: "drafts/**" matches the folder "drafts" too.
func (l *loadState) excludes(file string) bool {
	rel := strings.TrimPrefix(file, ContentDir+"/")
	for _, g := range l.site.Config.Content.Exclude {
		g = strings.TrimPrefix(g, "/")
		if matchGlob(g, rel) || matchGlob(g, file) {
			return true
		}
	}
	return false
}

// textExts are the extensions of plain text, and of Markdown as other
// tools name it, that an author may give a page by mistake.
var textExts = []string{".txt", ".text", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx"}

// startsWithFrontMatter reports whether the file p, of one of textExts,
// opens with front matter, its closing fence within the first 64 KiB: a
// page saved under the wrong name, which would be published as a file
// without a word.
func (l *loadState) startsWithFrontMatter(p string) bool {
	if !slices.Contains(textExts, strings.ToLower(path.Ext(p))) {
		return false
	}
	f, err := l.fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, 64<<10))
	if err != nil {
		return false
	}
	// A JSON file is data, whatever it opens with.
	format, _, _, _, err := splitFrontMatter(head)
	return format != "" && format != "json" && err == nil
}

// IsMarkdown reports whether the file name is a Markdown file's, a page's.
func IsMarkdown(name string) bool { return isMarkdown(name) }

func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// readPages reads and parses the Markdown files on all cores, or takes
// them from the cache when they have not changed.
func (l *loadState) readPages() {
	l.pages = make([]*Page, len(l.files))
	read := make([]*readResult, len(l.files))
	parallel(len(l.files), func(i int) {
		file := l.files[i]
		// A link's page is read each time: the file it leads to may have
		// changed under another name.
		cache := l.cache
		if l.symlinks[file] {
			cache = nil
		}
		r := cache.get(file)
		if r == nil && l.opts.ParseCache != nil {
			r = l.readShared(file)
			cache.put(file, r)
		}
		if r == nil {
			r = &readResult{}
			r.page, r.rels = l.readPage(file, &r.problems)
			cache.put(file, r)
		}
		read[i] = r
	})
	l.rels = map[*Page]*relations{}
	l.failed, l.failedIDs = map[string]bool{}, map[string]bool{}
	for i, r := range read {
		l.ps.list = append(l.ps.list, r.problems.list...)
		if r.page == nil {
			// Its own problem says why; links and relations to it would
			// only repeat that.
			name := path.Base(l.files[i])
			l.failed[l.files[i]] = true
			l.failedIDs[Slug(strings.TrimSuffix(name, path.Ext(name)))] = true
		}
		if r.page != nil {
			// Later steps fill in the page; a cached one stays as read.
			p := r.page
			if l.cache != nil || l.opts.ParseCache != nil {
				p = p.clone()
			}
			l.pages[i] = p
			l.rels[p] = r.rels
		}
	}
}

// readShared reads a Markdown file through the ParseCache: versions of a
// site share most files, and each content is parsed once. A file whose
// content the file system names (ContentIDFS) is not even read again.
func (l *loadState) readShared(file string) *readResult {
	if ids, ok := l.fsys.(ContentIDFS); ok {
		if id, err := ids.ContentID(file); err == nil {
			if shared := l.opts.ParseCache.get(l.sharedKey(file, id)); shared != nil {
				return shared
			}
		}
	}
	r := &readResult{}
	if src, ok := l.readFile(file, &r.problems); ok {
		key := l.sharedKey(file, BlobID(src))
		if shared := l.opts.ParseCache.get(key); shared != nil {
			return shared
		}
		r.page, r.rels = l.parsePage(file, src, &r.problems)
		l.opts.ParseCache.put(key, r)
	}
	return r
}

// parallel calls f(0), ..., f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	// A few workers that each take the next index, rather than a
	// goroutine an index: a worker keeps the stack parsing grew, where a
	// new goroutine grew its own again for every page.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait() // f reports its problems itself
}

// readPage reads one Markdown file. It returns nil if the file cannot be a
// page at all.
func (l *loadState) readPage(file string, ps *problems) (*Page, *relations) {
	src, ok := l.readFile(file, ps)
	if !ok {
		return nil, nil
	}
	return l.parsePage(file, src, ps)
}

// readFile reads a Markdown file, refusing one too big to be a page. It
// opens the file once for its size and its bytes: through an os.Root each
// lookup of a path opens every folder on the way.
func (l *loadState) readFile(file string, ps *problems) ([]byte, bool) {
	f, err := l.fsys.Open(file)
	if err != nil {
		ps.errorf(file, 1, "read: %v", unwrapPath(err))
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		ps.errorf(file, 1, "read: %v", unwrapPath(err))
		return nil, false
	}
	tooBig := func(size int64) bool {
		if size <= MaxFileSize {
			return false
		}
		ps.errorf(file, 1, "file is %.1f MiB; pages are limited to %d MiB", float64(size)/(1<<20), MaxFileSize>>20)
		return true
	}
	if tooBig(info.Size()) {
		return nil, false
	}
	// Read to the end, not to the size: the file may be changing.
	var b bytes.Buffer
	b.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		ps.errorf(file, 1, "read: %v", unwrapPath(err))
		return nil, false
	}
	if tooBig(int64(b.Len())) {
		return nil, false
	}
	return b.Bytes(), true
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// unwrapPath drops the path from a *fs.PathError: problems name the file
// already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sectionPage returns the page of a folder without an index file.
func sectionPage(dir string) *Page {
	p := newPage(dir)
	p.IsSection = true
	return p
}
