// Package versions builds every published version of a playbook side by
// side, read straight from its Git repository.
//
// site.toml's [versions] block names the versions: Git refs one by one
// ([[versions.ref]] with a name, a ref and a label), every tag matching a
// pattern (tags = "v*"), and optionally the working tree (worktree =
// "draft"). Each version is read from its commit's objects (no checkout),
// with its own site.toml and content but the theme of the working tree, and
// written under /<name>/; the latest is also written under /latest/, and
// the site root leads there. Every page shows its version and commit, a
// switcher to the same page (by id) in the other versions, and when its
// file last changed and by whom; a page of a version other than the
// latest says so in a banner leading to the latest. A tag's label is the
// first line of its annotation. Each version has a What changed page
// against the version before it, and the root has an Atom feed of them.
//
// A build over an earlier output of the same site keeps from it the folder
// of every version whose inputs are unchanged (its fingerprint, see
// FingerprintFile), rendering only the others.
package versions

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"playbook/internal/deflate"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"playbook/internal/gitrepo"
	"playbook/internal/render"
	"playbook/internal/site"
)

// Options controls a versioned build.
type Options struct {
	// Source is the site's folder; its repository is found from there.
	Source string
	// Worktree is the working tree's files (the site folder as an fs.FS).
	Worktree fs.FS
	// Config is the working tree's site.toml, holding the versions block.
	Config site.Config
	// Drafts includes pages marked draft in the working tree's version.
	Drafts bool
	Now    time.Time
	// ParseCache, if set, holds the pages parsed by an earlier build of
	// the same site (see site.ParseCache.Next); the build parses only
	// what it lacks.
	ParseCache *site.ParseCache
	// Spill, if set, holds the pages' HTML until they are rendered (see
	// site.Options.Spill).
	Spill *deflate.Spill
	// ParseOnly loads the versions for their problems alone (see
	// site.Options.ParseOnly), without the pages' text What changed
	// compares: such a Build cannot be rendered.
	ParseOnly bool
	// GitOnly loads the versions read from Git alone: the working tree's
	// is read apart (as check reads it), and only named here, for the
	// checks of the versions block.
	GitOnly bool
	// Preview marks versions served by a preview (see
	// render.Options.Preview).
	Preview bool
}

// A Version is one version of the playbook, loaded.
type Version struct {
	Name, Label string
	// Ref is what it was read from; empty for the working tree.
	Ref    string
	Commit *gitrepo.Commit
	Site   *site.Site
	Latest bool
	// published is the working tree's site without its drafts, when
	// Site shows them (Options.Drafts): what the feed tells readers.
	published *site.Site
	// Kept says Render took the version's folder from the previous
	// output, its inputs unchanged, rather than rendering it again.
	Kept bool
	fsys fs.FS
	// key and index name the setting of site.toml that made it (see
	// site.ConfigLine): "ref" and its number, or "tags".
	key   string
	index int
	// tree is the whole tree of Commit, fsys a folder of it: what its
	// listings left out is told of it (see gitrepo.Damaged).
	tree fs.FS
	// paths finds its pages by URL and by old path (see oldPage).
	paths struct {
		once             sync.Once
		byURL, byOldPath map[string]*site.Page
	}
}

// byPath returns the page of v at URL url, and the one naming url as its
// old path, if any.
func (v *Version) byPath(url string) (at, movedFrom *site.Page) {
	v.paths.once.Do(func() {
		v.paths.byURL, v.paths.byOldPath = map[string]*site.Page{}, map[string]*site.Page{}
		for _, p := range v.Site.Pages {
			v.paths.byURL[p.URL] = p
			for _, u := range p.OldURLs() {
				v.paths.byOldPath[u] = p
			}
		}
	})
	return v.paths.byURL[url], v.paths.byOldPath[url]
}

// A Build is the versions of a playbook, loaded, ready to render.
type Build struct {
	// Versions are newest first.
	Versions []*Version
	repo     *gitrepo.Repo
	prefix   string // the site's folder in the repository
	opts     Options
	// head is the time of the commit checked out: the working tree's
	// version is dated by it in the feed, so that two builds of the same
	// files write the same feed.
	head time.Time
	// bodies lets versions share the HTML of the pages they have in common.
	bodies render.BodyCache
}

// Load resolves and loads every version the configuration names, newest
// first. A setting of the versions block that cannot be published (a ref
// that does not exist, two versions in one folder, latest naming none)
// is a problem at its line of site.toml, and the build is nil; tags the
// pattern matches whose folders would be the same are each given one of
// their own, with a warning there (see tagFolders). A version
// whose ref leads to no commit, or whose commit cannot be read (see
// leftOut), or which has no page to publish (its content folder a file,
// or holding no page), is left out with a warning at that line; a file or
// a folder of a version whose Git object cannot be read is left out of it
// with a warning at its path. The error is for what stops versions from being
// read at all: no repository, no commits, a shallow clone, a file a
// partial clone lacks. A problem of a version's own files ends its
// message with the version: "... (version q1)".
func Load(opts Options) (b *Build, _ site.Problems, err error) {
	cfg := opts.Config.Versions
	repo, err := gitrepo.Open(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if b == nil {
			repo.Close()
		}
	}()
	// setting is the problem of a setting: key names it ("ref" of the
	// [[versions.ref]] table numbered ref, "tags", "worktree", "latest").
	setting := func(key string, ref int, err error) site.Problems {
		var data []byte
		if opts.Worktree != nil {
			data, _ = fs.ReadFile(opts.Worktree, site.ConfigFile)
		}
		return site.Problems{{File: site.ConfigFile, Line: site.ConfigLine(data, key, ref), Msg: err.Error()}}
	}
	prefix, err := repo.Prefix(opts.Source)
	if err != nil {
		return nil, nil, fmt.Errorf("versions: %w", err)
	}
	// Every version, the working tree's too, shows when its pages last
	// changed: that needs history.
	head, err := repo.Resolve("HEAD")
	if err != nil {
		return nil, nil, fmt.Errorf("versions: %w", err)
	}
	var vs []*Version
	seen := map[string]string{} // version name → what it was made from
	// dropped holds the name and the ref of each version left out.
	dropped := map[string]bool{}
	add := func(name, ref, label, key string, index int) error {
		if from, ok := seen[name]; ok {
			if from == ref {
				return nil // listed and matched by the tag pattern: once
			}
			return fmt.Errorf("versions: %q and %q would both be published as /%s/", from, ref, name)
		}
		seen[name] = ref
		c, tree, fsys, err := openRef(repo, prefix, ref)
		if leftOut(err) {
			dropped[name], dropped[ref] = true, true
			return fmt.Errorf("versions: %s is left out: %w", name, err)
		}
		if err != nil {
			return fmt.Errorf("versions: %s: %w", name, err)
		}
		vs = append(vs, &Version{Name: name, Label: cmp.Or(label, name), Ref: ref, Commit: c, fsys: fsys, tree: tree, key: key, index: index})
		return nil
	}
	// Every version that cannot be made is reported, not the first only;
	// one left out is a warning at the setting that names it.
	var problems, warnings site.Problems
	tell := func(key string, ref int, err error) {
		ps := setting(key, ref, err)
		if leftOut(err) {
			ps[0].Warning = true
			warnings = append(warnings, ps...)
			return
		}
		problems = append(problems, ps...)
	}
	for i, r := range cfg.Refs {
		if err := add(r.Name, r.Ref, r.Label, "ref", i); err != nil {
			tell("ref", i, err)
		}
	}
	if cfg.Tags != "" {
		tags, ignored, err := repo.Tags(cfg.Tags)
		if err != nil {
			return nil, setting("tags", 0, err), nil
		}
		for _, t := range ignored {
			// As git tag --list leaves it out, with a warning.
			ps := setting("tags", 0, fmt.Errorf("versions: tag %q is left out: git ignores a ref of that name (see git check-ref-format)", t))
			ps[0].Warning = true
			warnings = append(warnings, ps...)
		}
		if len(tags) == 0 {
			none := fmt.Errorf("versions: no tag matches %q: tag a commit (git tag %s) to publish it", cfg.Tags, strings.ReplaceAll(cfg.Tags, "*", "1"))
			if len(cfg.Refs) == 0 && cfg.Worktree == "" {
				return nil, setting("tags", 0, none), nil
			}
			// Other versions are published: a pattern mistyped is
			// told all the same.
			ps := setting("tags", 0, none)
			ps[0].Warning = true
			warnings = append(warnings, ps...)
		}
		labels := map[string]string{}
		var readable []string
		for _, t := range tags {
			// A tag's label is the first line of its annotation:
			// git tag -a playbook-2026-q4 -m "Q4 2026".
			label, err := repo.TagSubject(t)
			if leftOut(err) {
				dropped[tagFolder(t)], dropped[t] = true, true
				tell("tags", 0, fmt.Errorf("versions: %s is left out: %w", tagFolder(t), err))
				continue
			}
			if err != nil {
				return nil, setting("tags", 0, err), nil
			}
			labels[t] = label
			readable = append(readable, t)
		}
		folders, moved := tagFolders(repo, readable, seen)
		for _, err := range moved {
			ps := setting("tags", 0, err)
			ps[0].Warning = true
			warnings = append(warnings, ps...)
		}
		for _, t := range readable {
			// A name of bytes that are not UTF-8 is shown as a
			// browser would show it, not written into the pages.
			if err := add(folders[t], t, strings.ToValidUTF8(cmp.Or(labels[t], t), "\uFFFD"), "tags", 0); err != nil {
				tell("tags", 0, err)
			}
		}
	}
	// Newest first: the order of the switcher, and of What changed.
	// Tags of one commit, or of commits made in the same second, go by
	// name, the higher first.
	slices.SortStableFunc(vs, func(a, b *Version) int {
		return cmp.Or(b.Commit.When.Compare(a.Commit.When), strings.Compare(b.Name, a.Name))
	})
	if cfg.Worktree != "" {
		if from, ok := seen[cfg.Worktree]; ok {
			problems = append(problems, setting("worktree", 0, fmt.Errorf("versions: the working tree and %q would both be published as /%s/", from, cfg.Worktree))...)
		}
	}
	if len(problems) > 0 {
		problems = append(problems, warnings...)
		problems.Sort()
		return nil, problems, nil
	}
	if cfg.Worktree != "" {
		vs = append([]*Version{{Name: cfg.Worktree, Label: cfg.Worktree, fsys: opts.Worktree}}, vs...)
	}
	// Versions load one after the other: each uses every core already,
	// and each parses only what the ones before did not have.
	shared := opts.ParseCache
	if shared == nil {
		shared = &site.ParseCache{}
	}
	loaded := make([]*Version, 0, len(vs))
	for _, v := range vs {
		if v.Commit == nil && opts.GitOnly {
			loaded = append(loaded, v)
			continue
		}
		// Drafts are shown in the working tree only: a published
		// version holds what was approved then.
		var ps site.Problems
		v.Site, ps = site.Load(v.fsys, site.Options{Drafts: opts.Drafts && v.Commit == nil, Now: opts.Now, ParseCache: shared, Text: !opts.ParseOnly, Spill: opts.Spill, ParseOnly: opts.ParseOnly, Words: render.SiteWords, Shortcodes: render.SiteShortcodes})
		if v.Commit != nil {
			damaged, err := damage(v.tree, prefix, v.Ref, v.Commit.Short, ps)
			if err != nil {
				return nil, nil, fmt.Errorf("versions: %s: %w", v.Name, err)
			}
			ps = append(ps, damaged...)
		}
		for _, p := range ps {
			// The working tree's are said as check and a build without
			// versions say them.
			if v.Commit != nil {
				p.Msg += " (version " + v.Name + ")"
				// A version read from Git is a commit, which cannot be
				// mended: what this playbook finds wrong in one that
				// built when it was made does not stop the build, and
				// the page shows as well as it can.
				p.Warning = true
			}
			problems = append(problems, p)
		}
		if v.Commit == nil && opts.Drafts && !opts.ParseOnly {
			// Loaded again as published, for the feed, its files taken
			// from the parse just made. Its problems are those of a
			// build without --drafts, which this build is not.
			v.published, _ = site.Load(v.fsys, site.Options{Now: opts.Now, ParseCache: shared, Text: true, Words: render.SiteWords, Shortcodes: render.SiteShortcodes})
		}
		if v.Commit != nil && len(v.Site.PageFiles()) == 0 {
			// Published, it would be an empty site, and the newest, the
			// latest: what the root leads readers to. The warnings of
			// its files, told above, say what was lost.
			ps := setting(v.key, v.index, fmt.Errorf("versions: %s is left out: %s", v.Name, noPages(v, prefix)))
			ps[0].Warning = true
			warnings = append(warnings, ps...)
			dropped[v.Name], dropped[v.Ref] = true, true
			continue
		}
		loaded = append(loaded, v)
	}
	vs = loaded
	if len(vs) == 0 {
		if len(warnings) > 0 {
			// Every version was left out: their warnings say why.
			problems = append(append(problems, warnings...), setting("versions", 0, errors.New("versions: every version is left out: nothing to publish"))...)
			problems.Sort()
			return nil, problems, nil
		}
		return nil, nil, errors.New("versions: nothing to publish")
	}

	// The newest published commit, not the draft.
	newest := vs[0].Name
	if vs[0].Commit == nil && len(vs) > 1 {
		newest = vs[1].Name
	}
	latest := cmp.Or(cfg.Latest, newest)
	// A version is named by its folder's name, or else by its tag's
	// (latest = "v1.0" for the folder v1-0); a name wins over a ref.
	find := func(latest string) int {
		i := slices.IndexFunc(vs, func(v *Version) bool { return v.Name == latest })
		if i < 0 {
			i = slices.IndexFunc(vs, func(v *Version) bool { return v.Ref != "" && v.Ref == latest })
		}
		return i
	}
	i := find(latest)
	if i < 0 && dropped[latest] {
		// The site still needs a latest: /latest/ and the root page
		// lead there. The newest published is, as by default.
		ps := setting("latest", 0, fmt.Errorf("versions: latest = %q is left out: the latest is %s, the newest version", latest, newest))
		ps[0].Warning = true
		warnings = append(warnings, ps...)
		i = find(newest)
	}
	if i < 0 {
		return nil, setting("latest", 0, fmt.Errorf("versions: latest = %q names no version", latest)), nil
	}
	vs[i].Latest = true

	problems = append(problems, warnings...)
	problems.Sort()
	return &Build{Versions: vs, repo: repo, prefix: prefix, opts: opts, head: head.When}, problems, nil
}

// tagFolder returns the name of the folder of the version of tag: its
// name as a URL and any file system take it (v1.0 at v1-0). A name of
// no letter or digit ("++"), "latest" (the latest version's folder), or
// one too long for a folder (a file system refuses a name past 255
// bytes, and a version's is also part of every URL of it) is cut short
// and ends with a hash of the tag's name: the same at every build, and
// another for every tag.
func tagFolder(tag string) string {
	slug := site.Slug(tag)
	if slug != "" && slug != "latest" && len(slug) <= site.MaxVersionName {
		return slug
	}
	return hashedFolder(tag, slug)
}

// hashedFolder returns slug, the slug of tag, cut short to end with a hash
// of tag's name: the same at every build, and another for every tag.
func hashedFolder(tag, slug string) string {
	sum := sha256.Sum256([]byte(tag))
	hash := hex.EncodeToString(sum[:4])
	for len(slug) > site.MaxVersionName-len(hash)-1 {
		_, size := utf8.DecodeLastRuneInString(slug)
		slug = slug[:len(slug)-size]
	}
	return cmp.Or(strings.TrimRight(slug, "-"), "tag") + "-" + hash
}

// tagFolders returns the folder of each of tags by its name (see
// tagFolder), and a warning for each tag moved. Tags whose folders would
// be the same (Q1 and q1, v1.0 and v1-0), which a case-insensitive file
// system and a reader typing a URL cannot tell apart, are each given one
// of their own. One keeps the folder: the tag listed at it in
// [[versions.ref]] (taken holds the folders listed, each with its ref),
// else the one made first (see gitrepo.Repo.TaggedAt), then, of tags
// made at the same time, the one whose name is the folder as it is, then
// the first by name. Each other one's folder ends with a hash of its name
// (see hashedFolder). A tag's folder so depends on the tags alone, never
// on the order they are listed in, and a tag keeps its folder when
// another made later comes to share it. A tag whose date cannot be read
// comes last: it is left out when its version is made.
func tagFolders(repo *gitrepo.Repo, tags []string, taken map[string]string) (map[string]string, []error) {
	folders := map[string]string{}
	byFolder := map[string][]string{}
	for _, t := range tags {
		f := tagFolder(t)
		folders[t] = f
		byFolder[f] = append(byFolder[f], t)
	}
	var moved []error
	for folder, same := range byFolder {
		if len(same) < 2 {
			continue
		}
		type dated struct {
			tag   string
			when  time.Time
			known bool
		}
		ds := make([]dated, len(same))
		for i, t := range same {
			when, err := repo.TaggedAt(t)
			ds[i] = dated{t, when, err == nil}
		}
		rank := func(d dated) int {
			switch {
			case taken[folder] == d.tag:
				return 0
			case d.known:
				return 1
			}
			return 2
		}
		slices.SortFunc(ds, func(a, b dated) int {
			if c := cmp.Or(cmp.Compare(rank(a), rank(b)), a.when.Compare(b.when)); c != 0 {
				return c
			}
			switch {
			case a.tag == folder:
				return -1
			case b.tag == folder:
				return 1
			}
			return strings.Compare(a.tag, b.tag)
		})
		keeper := ds[0]
		for _, d := range ds[1:] {
			folders[d.tag] = hashedFolder(d.tag, folder)
			why := "made first"
			switch {
			case rank(keeper) == 0:
				why = "listed in [[versions.ref]]"
			case keeper.when.Equal(d.when) && keeper.tag == folder:
				why = "made at the same time and named as its folder is"
			case keeper.when.Equal(d.when):
				why = "made at the same time and first by name"
			}
			moved = append(moved, fmt.Errorf("versions: tags %q and %q would both be published as /%s/ (a file system or a URL may not tell them apart): %q, %s, keeps /%s/; %q is published as /%s/",
				keeper.tag, d.tag, folder, keeper.tag, why, folder, d.tag, folders[d.tag]))
		}
	}
	slices.SortFunc(moved, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return folders, moved
}

// openRef returns the commit ref names, its whole tree, and its folder
// prefix, the site's. The error says why no version can be made of ref:
// a ref that names no commit, one from before the playbook, or what
// leftOut tells.
func openRef(repo *gitrepo.Repo, prefix, ref string) (_ *gitrepo.Commit, tree, fsys fs.FS, _ error) {
	c, err := repo.Resolve(ref)
	if err != nil {
		return nil, nil, nil, err
	}
	tree, err = repo.FS(c)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("ref %q: %w", ref, err)
	}
	checkAttachments(tree, prefix)
	fsys = tree
	if prefix != "." {
		if fsys, err = subFS(tree, prefix); err != nil {
			return nil, nil, nil, err
		}
	}
	_, err = fs.Stat(fsys, "content")
	switch {
	case err == nil:
		return c, tree, fsys, nil
	case errors.Is(err, gitrepo.ErrDamaged), errors.Is(err, gitrepo.ErrPartial):
		return nil, nil, nil, fmt.Errorf("ref %q: commit %s: %w", ref, c.Short, err)
	}
	// A ref from before the playbook was there, or where it lived in
	// another folder.
	return nil, nil, nil, fmt.Errorf("commit %s has no %s folder: is %q a version of this playbook?", c.Short, path.Join(prefix, "content"), ref)
}

// checkAttachments makes the listings of tree, a commit's, tell the files
// of the site's folder prefix that a build copies as they are (images,
// PDFs) whose Git objects are not files: such a file is left out of its
// version with a warning (see damage), as a page that cannot be read is,
// where copying it would fail the build. Pages are told when read.
func checkAttachments(tree fs.FS, prefix string) {
	content := path.Join(prefix, site.ContentDir) + "/"
	gitrepo.CheckFiles(tree, func(name string) bool {
		return strings.HasPrefix(name, content) && !site.IsMarkdown(name)
	})
}

// noPages says why the version v, read from Git, has no page: its
// content folder (in the site's folder prefix) is a file, or holds no
// page it publishes.
func noPages(v *Version, prefix string) string {
	content := path.Join(prefix, site.ContentDir)
	if info, err := fs.Stat(v.fsys, site.ContentDir); err == nil && !info.IsDir() {
		return fmt.Sprintf("commit %s has a file at %s, not a folder of pages: there is nothing to publish", v.Commit.Short, content)
	}
	return fmt.Sprintf("commit %s has no page in %s: there is nothing to publish", v.Commit.Short, content)
}

// leftOut reports whether err, met reading a version from Git, is what
// its ref has wrong: a tag of a tree or of a blob, an object missing or
// not of the type named. A tag cannot be mended: the version is left out
// with a warning, the rest of the site built. A ref that names nothing
// is the setting's to mend, a shallow or a partial clone the clone's:
// errors, and the previous output stays whole.
func leftOut(err error) bool {
	return errors.Is(err, gitrepo.ErrDamaged) || errors.Is(err, gitrepo.ErrNotCommit)
}

// damage returns a problem for each file or folder of tree, the commit
// short's that ref names, that could not be read (see gitrepo.Damaged),
// its object missing or of the wrong type, at its path in the site's
// folder prefix, as a warning: such a file is left out of the site read
// from tree. A file told already, where the site read it (a page, its
// site.toml), is not told again. A file a partial clone lacks is an
// error: the clone is to be mended, and a version without its files must
// not replace one that had them.
func damage(tree fs.FS, prefix, ref, short string, told site.Problems) (site.Problems, error) {
	var ps site.Problems
	for _, d := range gitrepo.Damaged(tree) {
		file := d.Path
		if prefix != "." {
			file = strings.TrimPrefix(file, prefix+"/")
		}
		if !errors.Is(d.Err, gitrepo.ErrDamaged) {
			return nil, fmt.Errorf("%s: %w", file, d.Err)
		}
		if slices.ContainsFunc(told, func(p site.Problem) bool { return p.File == file }) {
			continue
		}
		ps = append(ps, site.Problem{File: file, Warning: true,
			Msg: fmt.Sprintf("cannot be read from %q (commit %s), left out: %v", ref, short, d.Err)})
	}
	return ps, nil
}

// Close closes the files of the repository the build reads. A nil
// Build has none.
func (b *Build) Close() error {
	if b == nil {
		return nil
	}
	return b.repo.Close()
}

// Render writes every version to out: /<name>/ each, /latest/, the root
// page, the Atom feed of changes and FingerprintFile. When out replaces an
// earlier output (a render.Keeper), the folder of each version whose
// fingerprint is the one recorded there is kept from it rather than
// rendered again. It stops when ctx is done, between files and between
// the commits of the history walk, returning ctx's error.
func (b *Build) Render(ctx context.Context, out render.Output) error {
	vs := b.Versions
	all := make([]*render.VersionPages, len(vs))
	for i, v := range vs {
		vp := &render.VersionPages{Name: v.Name, Label: v.Label, Latest: v.Latest, IDs: map[string]string{}, Files: map[string]string{}, URLs: map[string]bool{}, OldPaths: map[string]string{}}
		for _, p := range v.Site.Pages {
			vp.IDs[site.PageKey(p)] = p.URL
			vp.Files[site.FileKey(p)] = p.URL
			vp.URLs[p.URL] = true
			for _, u := range p.OldURLs() {
				vp.OldPaths[u] = p.URL
			}
		}
		for _, t := range v.Site.Tags {
			vp.URLs[t.URL] = true
		}
		all[i] = vp
	}
	feed := make([]feedEntry, len(vs))
	errs := make([]error, len(vs))
	// The Renderer of each version read from Git, made first to know
	// what its switcher reads of the others (see fingerprint).
	renderers := make([]*render.Renderer, len(vs))
	var wg sync.WaitGroup
	for i, v := range vs {
		wg.Go(func() {
			var before *Version
			if i+1 < len(vs) {
				before = vs[i+1]
			}
			words, err := b.words(v)
			if err != nil {
				errs[i] = err
				return
			}
			changes := Compare(before, v, words)
			feed[i] = feedEntry{v: v, changes: changes, published: changes}
			if v.published != nil {
				// The working tree's drafts are shown on its pages,
				// What changed included, and never sent to readers.
				pv := &Version{Name: v.Name, Label: v.Label, Ref: v.Ref, Commit: v.Commit, Site: v.published, Latest: v.Latest}
				feed[i].published = Compare(before, pv, words)
			}
			if v.Commit != nil {
				renderers[i], errs[i] = b.newRenderer(v, all, changes, nil)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	prints := make([]string, len(vs))
	themes := b.themeHashes()
	for i := range vs {
		prints[i] = b.fingerprint(i, listVersions(renderers[i], all), themes)
	}
	prev := previousFingerprints(out)
	for i, v := range vs {
		wg.Go(func() {
			changes, r := feed[i].changes, renderers[i]
			v.Kept = false
			if prints[i] != "" && prev[v.Name] == prints[i] {
				var retry bool
				renderers[i], retry, errs[i] = b.keepVersion(ctx, v, r, out)
				if !retry || ctx.Err() != nil {
					return
				}
				// A folder missing from the previous output is rendered,
				// as in a build without one.
			}
			renderers[i], errs[i] = b.renderVersion(ctx, v, r, all, changes, out)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := b.writeRoot(vs, renderers, feed, out); err != nil {
		return err
	}
	return writeFingerprints(vs, prints, out)
}

// writeFingerprints writes FingerprintFile: last, so that an output that
// has it is whole.
func writeFingerprints(vs []*Version, prints []string, out render.Output) error {
	f := fingerprints{Format: fingerprintFormat, Versions: []versionFingerprint{}}
	for i, v := range vs {
		if prints[i] != "" {
			f.Versions = append(f.Versions, versionFingerprint{Name: v.Name, Commit: v.Commit.Hash, Fingerprint: prints[i]})
		}
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return out.WriteFile(FingerprintFile, append(data, '\n'))
}

// words returns the words of the version v's language, in its theme.
func (b *Build) words(v *Version) (*render.Words, error) {
	theme, err := render.SiteTheme(b.opts.Worktree, v.Site.Config)
	if err == nil {
		var w *render.Words
		if w, err = render.LoadWords(theme, v.Site.Config.Language); err == nil {
			return w, nil
		}
	}
	return nil, fmt.Errorf("version %s: %w", v.Name, err)
}

// newRenderer returns the Renderer of the version v.
func (b *Build) newRenderer(v *Version, all []*render.VersionPages, changes *render.WhatChanged, last map[string]gitrepo.LastChange) (*render.Renderer, error) {
	theme, err := render.SiteTheme(b.opts.Worktree, v.Site.Config)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", v.Name, err)
	}
	commit := ""
	if v.Commit != nil {
		commit = v.Commit.Short
	}
	r, err := render.New(v.Site, render.Options{
		Source: v.fsys, Theme: theme, Now: b.opts.Now, Bodies: &b.bodies, LastChange: last, Preview: b.opts.Preview,
		Version: &render.VersionInfo{Name: v.Name, Label: v.Label, Commit: commit, All: all, Changes: changes},
	})
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", v.Name, err)
	}
	return r, nil
}

// renderVersion writes the version v to out, and returns its Renderer:
// r if v has one already, made for its fingerprint, else a new one.
func (b *Build) renderVersion(ctx context.Context, v *Version, r *render.Renderer, all []*render.VersionPages, changes *render.WhatChanged, out render.Output) (*render.Renderer, error) {
	last, uncommitted, err := b.lastChanges(ctx, v)
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", v.Name, err)
	}
	if r == nil {
		if r, err = b.newRenderer(v, all, changes, last); err != nil {
			return nil, err
		}
	}
	r.SetLastChange(last, uncommitted)
	var dest render.Output = prefixed{out, v.Name + "/"}
	if v.Latest && !linkLatest(out, v) {
		dest = tee{dest, prefixed{out, "latest/"}}
	}
	if err := r.Render(ctx, dest); err != nil {
		return nil, fmt.Errorf("version %s: %w", v.Name, err)
	}
	return r, nil
}

// keepVersion puts the folder of the version v of the output out replaces
// into out. For the latest version it returns r, its Renderer, for the
// root page, which renders nothing unless asked for a file; nil for
// another. When it fails having kept nothing, retry says the version can
// be rendered instead: files kept must not be written again (see
// render.DirOutput.Keep).
func (b *Build) keepVersion(ctx context.Context, v *Version, r *render.Renderer, out render.Output) (_ *render.Renderer, retry bool, _ error) {
	k := out.(render.Keeper)
	if err := k.Keep(ctx, v.Name, v.Name); err != nil {
		return nil, true, err
	}
	if v.Latest && !linkLatest(out, v) {
		if err := k.Keep(ctx, v.Name, "latest"); err != nil {
			return nil, false, fmt.Errorf("version %s: %w", v.Name, err)
		}
	}
	v.Kept = true
	if !v.Latest {
		return nil, false, nil
	}
	// The root's pages (versions.html, 404.html) show no page's last
	// change: r, made without them, renders them as a new one would.
	return r, false, nil
}

// linkLatest makes latest/ a link to the latest version's folder where
// the output can make one (static hosts and upload tools follow it), and
// reports whether it did; else latest/ is a copy.
func linkLatest(out render.Output, v *Version) bool {
	l, ok := out.(interface {
		Symlink(name, target string) error
	})
	return ok && l.Symlink("latest", v.Name) == nil
}

// lastChanges returns the last commit that changed each page file of v;
// for the working tree, as of HEAD, with the files that differ from HEAD
// (see gitrepo.Repo.UncommittedIn).
func (b *Build) lastChanges(ctx context.Context, v *Version) (map[string]gitrepo.LastChange, map[string]bool, error) {
	if v.Commit != nil {
		last, err := b.repo.LastChangesIn(ctx, v.Commit, b.prefix, v.Site.PageFiles())
		return last, nil, err
	}
	head, err := b.repo.Resolve("HEAD")
	if err != nil {
		return nil, nil, err
	}
	files := v.Site.PageFiles()
	last, err := b.repo.LastChangesIn(ctx, head, b.prefix, files)
	if err != nil {
		return nil, nil, err
	}
	uncommitted, err := b.repo.UncommittedIn(head, b.prefix, files)
	if err != nil {
		return nil, nil, err
	}
	return last, uncommitted, nil
}

// prefixed writes under a folder of another Output.
type prefixed struct {
	out    render.Output
	prefix string
}

func (p prefixed) WriteFile(name string, data []byte) error {
	return p.out.WriteFile(p.prefix+name, data)
}

// tee writes to two Outputs.
type tee struct{ a, b render.Output }

func (t tee) WriteFile(name string, data []byte) error {
	if err := t.a.WriteFile(name, data); err != nil {
		return err
	}
	return t.b.WriteFile(name, data)
}

// A rootVersion is a version as the root page of a versioned build
// (layouts/versions.html) lists it.
type rootVersion struct {
	Name, Label string
	// Commit is the short hash; empty for the working tree.
	Commit string
	When   time.Time
	Latest bool
	site   *rootSite
}

// rootSite is the site as the root page names it.
type rootSite struct {
	title, language string
	// r is the latest version's Renderer, whose assets the page uses.
	r *render.Renderer
}

// A rootList is what layouts/versions.html is given: the versions,
// newest first, to range over as themes always have, and the site's
// title and language as methods of the list. It is never empty.
type rootList []rootVersion

// Title returns the site's title.
func (l rootList) Title() string { return l[0].site.title }

// Language returns the site's language, a BCP 47 tag, for <html lang>.
func (l rootList) Language() string { return l[0].site.language }

// Asset returns the URL, from the root, of the latest version's theme
// asset name, with a fingerprint of its content, as a page's .Asset:
// "latest/assets/playbook.css?v=1a2b3c4d".
func (l rootList) Asset(name string) (string, error) {
	u, err := l[0].site.r.AssetURL(name)
	return "latest/" + u, err
}

// writeRoot writes the files at the root of the output, beside the
// versions' folders: the page that leads to latest/ and lists the versions
// (the layout versions.html of the latest version's theme, whose
// stylesheet it uses), the latest version's 404 page and the static files
// at its top (see render.Renderer.TopStatic), and the Atom feed of
// changes.
func (b *Build) writeRoot(vs []*Version, renderers []*render.Renderer, feed []feedEntry, out render.Output) error {
	var latest *Version
	var r *render.Renderer
	for i, v := range vs {
		if v.Latest {
			latest, r = v, renderers[i]
		}
	}
	// The site is named by the working tree's site.toml, which holds the
	// versions block, else, where it has no title, by the latest's.
	cfg := b.opts.Config
	if cfg.Title == "" {
		cfg = latest.Site.Config
	}
	// Its words are the latest's (r's), and so is the language they are
	// in.
	named := &rootSite{title: cfg.Title, language: cmp.Or(latest.Site.Config.Language, "en"), r: r}
	// Where the site is published is the working tree's to say.
	base := b.opts.Config.BaseURL
	var list rootList
	for _, v := range vs {
		rv := rootVersion{Name: v.Name, Label: v.Label, Latest: v.Latest, site: named}
		if v.Commit != nil {
			rv.Commit, rv.When = v.Commit.Short, v.Commit.When
		}
		list = append(list, rv)
	}
	root, err := r.Layout("versions.html", list)
	if err != nil {
		return fmt.Errorf("root page: %w", err)
	}
	// Static hosts show the root's 404.html for any missing page; the
	// latest version's finds its way to the version asked for.
	notFound, err := r.File("404.html")
	if err != nil {
		return fmt.Errorf("version %s: %w", latest.Name, err)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"index.html", root},
		{"404.html", notFound},
		{"changes.xml", atomFeed(feed, r.Words(), named.title, base, b.head)},
	}
	if base != "" && !slices.Contains(r.TopStatic(), "sitemap.xml") {
		// The pages crawlers are to find are the latest's, where a link
		// to the playbook leads; a site's own sitemap is kept.
		files = append(files, struct {
			name string
			data []byte
		}{"sitemap.xml", r.Sitemap(base + "latest/")})
	}
	written := map[string]bool{}
	for _, v := range vs {
		written[v.Name] = true
	}
	written["latest"] = true
	for _, f := range files {
		if err := out.WriteFile(f.name, f.data); err != nil {
			return err
		}
		written[f.name] = true
	}
	// The latest's robots.txt, CNAME and the like, where the host and
	// crawlers look for them; a version's folder is not made a file.
	for _, name := range r.TopStatic() {
		if top, _, _ := strings.Cut(name, "/"); written[top] {
			continue
		}
		data, err := r.File(name)
		if err != nil {
			return fmt.Errorf("version %s: %w", latest.Name, err)
		}
		if err := out.WriteFile(name, data); err != nil {
			return err
		}
	}
	return nil
}

// subFS returns fs.Sub(fsys, dir), naming the content of its files as
// fsys does (site.ContentIDFS), so that a version read from Git parses
// only the pages that another did not.
func subFS(fsys fs.FS, dir string) (fs.FS, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, err
	}
	ids, ok := fsys.(site.ContentIDFS)
	links, lok := sub.(fs.ReadLinkFS)
	if !ok || !lok {
		return sub, nil
	}
	return subIDs{links, ids, dir}, nil
}

// subIDs is a folder dir of ids, as fs.Sub makes it.
type subIDs struct {
	fs.ReadLinkFS
	ids site.ContentIDFS
	dir string
}

func (s subIDs) ContentID(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "contentid", Path: name, Err: fs.ErrInvalid}
	}
	return s.ids.ContentID(path.Join(s.dir, name))
}

// WithRef calls f with the files of the site in the folder source as
// they are at ref (a tag, a branch or a commit) of its Git repository,
// read from the repository's objects: the working tree is left alone.
// The files are good until f returns. A file or a folder at ref whose
// object cannot be read is left out of them, and told once f returns: a
// warning at its path, as a build tells it (see Load), the damage f met.
// The error is f's, or that of a ref or a repository that cannot be
// read, or of a file a partial clone lacks.
func WithRef(source, ref string, f func(fsys fs.FS) error) (damaged site.Problems, _ error) {
	repo, err := gitrepo.Open(source)
	if err != nil {
		return nil, err
	}
	defer repo.Close()
	prefix, err := repo.Prefix(source)
	if err != nil {
		return nil, err
	}
	c, err := repo.Resolve(ref)
	if err != nil {
		return nil, err
	}
	tree, err := repo.FS(c)
	if err != nil {
		return nil, err
	}
	fsys := tree
	if prefix != "." {
		if fsys, err = fs.Sub(tree, prefix); err != nil {
			return nil, err
		}
	}
	if err := f(fsys); err != nil {
		return nil, err
	}
	return damage(tree, prefix, ref, c.Short, nil)
}
