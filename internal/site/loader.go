package site

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"playbook/internal/markdown"
)

// A Loader loads one site again and again, reading again only the files
// that changed since the last Load: a preview server reloads a site of
// thousands of pages in milliseconds after an edit.
//
// The result of every Load equals that of a fresh Load of the same files,
// and so does the site Patch leaves after an edit of pages' bodies and
// titles, made on the last site in place.
type Loader struct {
	fsys fs.FS
	opts Options

	mu    sync.Mutex
	cache fileCache
	// last is the result of the last Load, kept when nothing it read changed.
	last     *Site
	lastProb Problems
	// state is what the last Load knew while it loaded, for Patch.
	state *loadState
}

// NewLoader returns a Loader of the site in fsys.
func NewLoader(fsys fs.FS, opts Options) *Loader {
	return &Loader{fsys: fsys, opts: opts}
}

// Load loads the site. The files named in changed (slash-separated paths
// from the site root; a folder stands for everything under it) are read
// again, and so are files the last Load did not see; the others are taken
// as the last Load read them. A nil changed reads everything.
//
// Changes outside content/ and site.toml do not change the site, but for
// one changing which shortcodes the site defines (see
// Options.Shortcodes): Load then returns the last site as it was.
func (ld *Loader) Load(changed []string) (*Site, Problems) {
	ld.mu.Lock()
	defer ld.mu.Unlock()
	relevant := changed == nil || ld.last == nil
	for _, c := range changed {
		switch {
		case c == ConfigFile:
			// Settings change how every page is read.
			ld.cache.clear()
			relevant = true
		case c == ContentDir || strings.HasPrefix(c, ContentDir+"/"):
			ld.cache.forget(c)
			relevant = true
		case ld.state != nil && !relevant && themeFile(c):
			// A shortcode added, removed, or now reading its inner text
			// or not: the pages read with the others are read again.
			if shortcodesKey(shortcodesOf(ld.fsys, ld.last.Config, ld.opts)) != ld.state.shortcodesKey {
				ld.cache.clear()
				relevant = true
			}
		}
	}
	if changed == nil {
		ld.cache.clear()
	}
	if !relevant {
		return ld.last, ld.lastProb
	}
	opts := ld.opts
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l := load(ld.fsys, opts, &ld.cache)
	ld.last, ld.lastProb, ld.state = l.site, l.ps.list, l
	return l.site, l.ps.list
}

// themeFile reports whether the changed path c may hold a shortcode's
// template: layouts/ or themes/, or a folder above them.
func themeFile(c string) bool {
	for _, dir := range []string{"layouts", "themes"} {
		if c == dir || strings.HasPrefix(c, dir+"/") {
			return true
		}
	}
	return c == "."
}

// load runs one Load, reading pages through cache (with no cache, every
// page is read), and returns its state: the site and its problems, and the
// indexes it was made with.
func load(fsys fs.FS, opts Options, cache *fileCache) *loadState {
	var ps problems
	s := &Site{byID: map[string]*Page{}, byFile: map[string]*Page{}, files: map[string]bool{}}

	data, err := fs.ReadFile(fsys, ConfigFile)
	switch {
	case err == nil:
		cfg, cps := ParseConfig(data)
		s.Config = cfg
		ps.list = append(ps.list, cps...)
	case isNotExist(err):
		// A plain handbook repository has no site.toml: defaults do.
		s.Config, _ = ParseConfig(nil)
	default:
		ps.errorf(ConfigFile, 1, "read: %v", err)
		s.Config, _ = ParseConfig(nil)
	}
	// Pages are read by heading only for a search index to read them.
	indexed := searchIndexed()
	// The words of the site's language, read when first needed: a check
	// renders no Markdown, and a site may name no type's folder.
	words := sync.OnceValue(func() Words {
		if opts.Words == nil {
			return Words{}
		}
		return opts.Words(fsys, s.Config)
	})
	shortcodes := shortcodesOf(fsys, s.Config, opts)
	s.Markdown = markdown.New(markdown.Options{Unsafe: s.Config.Markdown.Unsafe, Text: opts.Text, Sections: indexed, Spill: opts.Spill, ParseOnly: opts.ParseOnly,
		WikiPageFirst: s.Config.Markdown.Wiki == "page-first", Titles: func() markdown.Titles { return words().Markdown }, Shortcodes: shortcodes})
	for key, style := range map[string]string{"light": s.Config.Highlight.Light, "dark": s.Config.Highlight.Dark} {
		if !markdown.StyleExists(style) {
			// At its own line if it has one; a default is always known.
			line := lineOfKey(string(data), key)
			if keyIndex(strings.Split(string(data), "\n"), key) < 0 {
				line = lineOfKey(string(data), "highlight")
			}
			ps.errorf(ConfigFile, line, "highlight: %s: unknown chroma style %q", key, style)
		}
	}

	sum := sha256.Sum256(data)
	l := &loadState{site: s, cache: cache, fsys: fsys, opts: opts, words: words, ps: &ps, sections: map[string]*Page{}, ambiguous: map[string]bool{}, names: &pageNames{}, refIndex: &refNameIndex{}, configKey: string(sum[:]) + strconv.FormatBool(indexed) + strconv.FormatBool(opts.ParseOnly) + shortcodesKey(shortcodes), shortcodesKey: shortcodesKey(shortcodes)}
	l.walk()
	l.checkTypeSections(string(data))
	l.readPages()
	l.buildTree()
	l.resolveRelations()
	l.resolveLinks()
	l.finish()
	if opts.Spill != nil {
		l.pack()
	}

	ps.list.Sort()
	return l
}

// checkTypeSections warns of each section [types] names that content/
// does not have, at its line of site.toml (text): a misspelt section
// leaves its pages of the default type without a word.
func (l *loadState) checkTypeSections(text string) {
	dirs := map[string]bool{}
	for dir := range l.sections {
		if rel, ok := strings.CutPrefix(dir, ContentDir+"/"); ok {
			dirs[slugPath(rel)] = true
		}
	}
	for _, sec := range slices.Sorted(maps.Keys(l.site.Config.Types)) {
		if rel := strings.Trim(sec, "/"); !dirs[slugPath(rel)] {
			l.ps.warnf(ConfigFile, lineOfKey(text, sec), "types: content/ has no section %q: the type applies to no page", rel)
		}
	}
}

// loadState holds the state of one Load: what a Loader knows only while it
// loads.
type loadState struct {
	site  *Site
	cache *fileCache
	fsys  fs.FS
	opts  Options
	ps    *problems
	// sections by folder ("content", "content/promises").
	sections map[string]*Page
	// files are the Markdown files found, in walk order.
	files []string
	// symlinks are the Markdown files that are symbolic links, and
	// linked the files they lead to (see FollowLink).
	symlinks, linked map[string]bool
	pages            []*Page
	// rels holds each page's relation ids until they are resolved.
	rels map[*Page]*relations
	// kept are the pages published: no drafts, unless asked for.
	kept []*Page
	// drafts and draftFiles are the drafts left out, by id and by file,
	// so that a relation or link to one says so.
	drafts     map[string]*Page
	draftFiles map[string]*Page
	// ambiguous ids belong to more than one page.
	ambiguous map[string]bool
	// shared holds each id that several pages' file names make, and the
	// pages, each given an id of its own (see uniqueIDs).
	shared map[string][]*Page
	// failed are the files that could not be read, and their default ids.
	failed, failedIDs map[string]bool
	// excluded are the files and folders [content] exclude left out, and
	// excludedIDs the files of them by the id their names make (see
	// excludedByID), found when first asked for.
	excluded    []string
	excludedIDs map[string]string
	// byURL holds the published pages by URL, and fileURLs the other
	// files by the URL they are published at, for links written as URLs.
	byURL    map[string]*Page
	fileURLs map[string]string
	// generated holds the URLs of the pages playbook generates for the
	// site (see GeneratedPages): a link may lead there too.
	generated map[string]bool
	// configKey identifies the settings pages were read with.
	configKey string
	// names indexes the pages by name, for a broken link to say which
	// page it most likely meant.
	names *pageNames
	// refIndex indexes the pages by name, for Hugo refs that give a name
	// alone.
	refIndex *refNameIndex
	// guesses counts the ids of broken relations nearestID has looked
	// for, each over every page: see maxGuesses.
	guesses int
	// setURL names, for a page whose front matter set its URL, the key
	// that did ("slug" or "url"), for the problems of its URL.
	setURL map[*Page]string
	// words are Options.Words', asked for once.
	words func() Words
	// shortcodesKey names the site's own shortcodes the pages were read
	// with (see shortcodesKey).
	shortcodesKey string
}

// shortcodesOf returns the site's own shortcodes, as opts.Shortcodes
// names them.
func shortcodesOf(fsys fs.FS, cfg Config, opts Options) map[string]markdown.ShortcodeDef {
	if opts.Shortcodes == nil {
		return nil
	}
	return opts.Shortcodes(fsys, cfg)
}

// shortcodesKey returns a key of defs: pages read with other shortcodes
// are read again, for a name is a call in one and text in the other, and
// a heading's id may be made of what a call writes (see
// markdown.ShortcodeDef.Key).
func shortcodesKey(defs map[string]markdown.ShortcodeDef) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(defs)) {
		b.WriteString("\x00" + name)
		if defs[name].Inner {
			b.WriteString("+")
		}
		// What a call in a heading reads as, its id too.
		b.WriteString(defs[name].Key)
	}
	return b.String()
}

// ParseCache holds pages read by the Loads of several versions of one site, so
// that a file with the same path and content, read with the same
// settings, is parsed once. Its zero value is ready to use.
type ParseCache struct {
	files fileCache
	// prev is the cache this one follows (see Next).
	prev *ParseCache
}

// Next returns an empty ParseCache that follows c, for the next build of
// the same site: a page in c is taken from it, not parsed again. What the
// Loads of the new cache do not take is dropped with c, so that a preview
// rebuilding again and again holds the pages of its last build only.
func (c *ParseCache) Next() *ParseCache {
	c.prev = nil
	return &ParseCache{prev: c}
}

func (s *ParseCache) get(key string) *readResult {
	if r := s.files.get(key); r != nil || s.prev == nil {
		return r
	}
	r := s.prev.files.get(key)
	if r != nil {
		s.files.put(key, r)
	}
	return r
}

func (s *ParseCache) put(key string, r *readResult) { s.files.put(key, r) }

// sharedKey identifies a file's content, by its BlobID, read with this
// Load's settings.
func (l *loadState) sharedKey(file, id string) string {
	return file + "\x00" + id + l.configKey
}

// A ContentIDFS is a file system that can name a file's content without
// reading it, as a Git tree names its blobs. A Load with a ParseCache
// takes a page whose content was read already without reading it again.
type ContentIDFS interface {
	fs.FS
	// ContentID returns the BlobID of the content of the file name.
	ContentID(name string) (string, error)
}

// BlobID returns the name Git gives the content src of a file: the
// hexadecimal SHA-1 of a header and src.
func BlobID(src []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(src)) + "\x00"))
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}

// readResult is what reading one Markdown file gave.
type readResult struct {
	page     *Page // nil if the file cannot be a page
	rels     *relations
	problems problems
}

// fileCache holds the files read by earlier Loads, by path.
type fileCache struct {
	mu sync.Mutex
	m  map[string]*readResult
}

func (c *fileCache) get(file string) *readResult {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[file]
}

func (c *fileCache) put(file string, r *readResult) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*readResult{}
	}
	c.m[file] = r
}

// forget drops path and everything under it.
func (c *fileCache) forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, path)
	prefix := path + "/"
	for f := range c.m {
		if strings.HasPrefix(f, prefix) {
			delete(c.m, f)
		}
	}
}

func (c *fileCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

// clone returns a copy of p as read from its file, for a Load to fill in:
// the parts later steps change are copied, the rest is shared.
func (p *Page) clone() *Page {
	c := *p
	c.ownFields()
	if p.Doc != nil {
		c.Doc = p.Doc.Clone()
	}
	return &c
}
