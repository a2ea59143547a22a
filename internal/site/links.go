package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"playbook/internal/markdown"
	"playbook/themes"
)

// resolveLinks checks every relative link of every page and rewrites it to
// the URL of its target, relative to the page, on all cores. Settings of
// [links] make a broken link a warning, or leave some unchecked.
func (l *loadState) resolveLinks() {
	l.indexURLs()
	perPage := make([]problems, len(l.kept))
	linksTo := make([][]*Page, len(l.kept))
	parallel(len(l.kept), func(i int) {
		perPage[i], linksTo[i] = l.linkPage(l.kept[i])
	})
	for _, ps := range perPage {
		l.ps.list = append(l.ps.list, ps.list...)
	}
	for i, p := range l.kept {
		for _, q := range linksTo[i] {
			q.MentionedBy = append(q.MentionedBy, p)
		}
	}
}

// linkPage resolves the links of page p, and returns their problems and
// the other pages they lead to, each once.
func (l *loadState) linkPage(p *Page) (problems, []*Page) {
	var ps problems
	var to []*Page
	if p.Doc == nil {
		return ps, nil
	}
	dir := path.Dir(p.File)
	// The new destinations, made into one string once all are known: a
	// site holds every page's links for the whole build.
	urls := make([]linkURL, len(p.Doc.Links))
	for i := range p.Doc.Links {
		lk := &p.Doc.Links[i]
		resolve := l.resolveLink
		switch lk.Ref {
		case markdown.NoRef:
		case markdown.Wiki:
			resolve = l.resolveWiki
		default:
			resolve = l.resolveRef
		}
		msg, target, q := resolve(p, dir, lk, &urls[i])
		if q != nil && q != p && !slices.Contains(to, q) {
			to = append(to, q)
		}
		dest := lk.Dest
		if lk.Ref == markdown.Wiki {
			dest, _ = lk.WikiDest()
		}
		if msg == "" || l.ignored(dest, target) {
			continue
		}
		written := strconv.Quote(dest)
		switch lk.Ref {
		case markdown.NoRef:
		case markdown.Wiki:
			written = "[[" + dest + "]]"
			if lk.Image {
				written = "!" + written
			}
		default:
			written = "{{< " + lk.Ref.String() + " " + written + " >}}"
		}
		ps.list = append(ps.list, Problem{
			File: p.File, Line: p.bodyLine + int(lk.Pos.Line) - 1, Col: int(lk.Pos.Col),
			Msg:     "broken link " + written + ": " + msg,
			Warning: l.site.Config.Links.WarnBroken(),
			Check:   brokenLinkCheck,
		})
	}
	setDests(p.Doc.Links, urls)
	return ps, to
}

// A linkURL is the destination a link is given, in parts: up and to, as
// relParts returns them, and the fragment, if hasFrag.
type linkURL struct {
	set, hasFrag bool
	up, to, frag string
}

func (u linkURL) len() int { return len(u.up) + len(u.to) + 1 + len(u.frag) }

// setDests gives each link the destination in urls, if any: pieces of one
// string, or of a page's URL where that is the whole destination.
func setDests(links []markdown.Link, urls []linkURL) {
	n := 0
	for _, u := range urls {
		if u.up != "" || u.hasFrag {
			n += u.len()
		}
	}
	var b strings.Builder
	b.Grow(n)
	for i, u := range urls {
		switch {
		case !u.set:
		case u.up == "" && !u.hasFrag:
			links[i].SetDest(u.to)
		default:
			start := b.Len()
			b.WriteString(u.up)
			b.WriteString(u.to)
			if u.hasFrag {
				b.WriteByte('#')
				b.WriteString(u.frag)
			}
			// What a Builder wrote is never written again: its
			// String, and any piece of it, stays as it is.
			links[i].SetDest(b.String()[start:])
		}
	}
}

// indexURLs indexes the published pages and files by URL, for links
// written as the URLs of a published site rather than as files.
func (l *loadState) indexURLs() {
	l.byURL = make(map[string]*Page, len(l.kept))
	for _, p := range l.kept {
		if q := l.byURL[p.URL]; q == nil || p.IsSection && !q.IsSection {
			l.byURL[p.URL] = p
		}
	}
	// A link written as a page's alias, its URL on the site it came
	// from, leads to the page.
	for _, p := range l.kept {
		for _, a := range p.Aliases {
			if name, ok := AliasFile(a); ok && strings.HasSuffix(name, "/index.html") {
				u := slugPath(strings.TrimSuffix(name, "/index.html")) + "/"
				if l.byURL[u] == nil {
					l.byURL[u] = p
				}
			}
		}
	}
	l.fileURLs = make(map[string]string, len(l.site.Files))
	for _, f := range l.site.Files {
		l.fileURLs[FileURL(f)] = f
	}
	l.indexGenerated()
}

// indexGenerated lists the URLs of the pages playbook generates for the
// site, as the renderer makes them, before the tags and roles are
// gathered: the tags and roles the pages name give theirs. The pages of
// a versioned build alone, and the search index, are left out: a page
// may be built without them.
func (l *loadState) indexGenerated() {
	l.generated = map[string]bool{}
	promises, roles := false, false
	aliases := roleAliases(l.site.Config)
	for _, p := range l.kept {
		promises = promises || p.Type == TypePromise
		for _, t := range p.Tags {
			if slug := Slug(t); slug != "" {
				l.generated["tags/"+slug+"/"] = true
			}
		}
		for _, name := range PageRoles(p) {
			if slug := roleSlug(name, aliases); slug != "" {
				l.generated["roles/"+slug+"/"] = true
				roles = true
			}
		}
	}
	for _, g := range GeneratedPages {
		switch {
		case g.PerTag, g.PerRole, g.Versioned, g.Files:
		case g.Promises && !promises, g.Roles && !roles:
		default:
			l.generated[g.URL] = true
		}
	}
}

// published returns the URL from the site root of what a build publishes
// at target, a path from the site root, besides the pages and files of
// content/: a page playbook generates ("alignment/"), or a static file of
// the site's theme ("files/guide.pdf"); "" if none.
func (l *loadState) published(target string) string {
	rel, ok := strings.CutPrefix(target, ContentDir+"/")
	if !ok {
		return ""
	}
	if l.generated[rel+"/"] {
		return rel + "/"
	}
	if l.generated[rel] || l.staticFile(rel) {
		return rel
	}
	return ""
}

// staticFile reports whether rel is a file of static/ in the site, in its
// theme, or in the default theme built in, as render.Theme layers them.
func (l *loadState) staticFile(rel string) bool {
	if !fs.ValidPath(rel) {
		return false
	}
	isFile := func(fsys fs.FS, name string) bool {
		info, err := fs.Stat(fsys, name)
		return err == nil && info.Mode().IsRegular()
	}
	theme := l.site.Config.Theme
	return isFile(l.fsys, "static/"+rel) ||
		fs.ValidPath("themes/"+theme) && !strings.ContainsAny(theme, "/\\") && isFile(l.fsys, "themes/"+theme+"/static/"+rel) ||
		isFile(themes.Default, "static/"+rel)
}

// ignored reports whether a broken link is left unchecked by [links]
// ignore: its destination as written, or the path from content/ it leads
// to, matches a pattern.
func (l *loadState) ignored(dest, target string) bool {
	patterns := l.site.Config.Links.Ignore
	if len(patterns) == 0 {
		return false
	}
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	rel := ""
	if t, ok := strings.CutPrefix(target, ContentDir+"/"); ok {
		rel = "/" + t
	}
	for _, g := range patterns {
		if matchGlob(g, dest) || rel != "" && matchGlob(g, rel) {
			return true
		}
	}
	return false
}

// resolveLink points lk, a link of page p in folder dir, at its target's
// URL, or says why it cannot, with the path it looked for first. It runs
// for every link of every page on each rebuild of a preview, so it
// allocates only what it must.
//
// A link is read as the author of a handbook for a Git host or for Hugo
// meant it: a Markdown file relative to the page's file
// ("../sales/quote.md"); a path from content/ ("/sales/quote/", less
// [links] base_path); and a URL relative to the page's URL, as a browser
// reads it on the published site ("../quote/" from sales/one/). A path
// without ".md" may name a page's file without it, a folder (its index
// file), or a page's URL; with a trailing slash or not.
//
// It returns the page the link leads to, if it leads to one, even when
// the anchor is missing.
func (l *loadState) resolveLink(p *Page, dir string, lk *markdown.Link, u *linkURL) (problem, target string, to *Page) {
	dest, rawFrag, hasFrag := strings.Cut(lk.Dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	frag := rawFrag
	if f, err := url.PathUnescape(rawFrag); err == nil {
		frag = f // "#%C3%BCber-uns" is "#über-uns"
	}
	if dest == "" {
		if hasFrag && frag != "" && !p.Doc.HasID(frag) {
			return "this page " + noAnchor(p.Doc, frag), "", nil
		}
		return "", "", nil
	}
	if strings.Contains(dest, "%") {
		if d, err := url.PathUnescape(dest); err == nil {
			dest = d
		}
	}
	var tried [3]string
	cands := l.linkTargets(p, dir, dest, tried[:0])
	if len(cands) == 0 {
		return fmt.Sprintf("it points outside %s/", ContentDir), "", nil
	}
	var q *Page
	var file string
	for _, c := range cands {
		if q, file = l.find(c); q != nil || file != "" {
			break
		}
	}
	switch {
	case q != nil:
		if msg := linkToPage(p, q, rawFrag, hasFrag, u); msg != "" {
			return msg, cands[0], q
		}
		return "", "", q
	case file != "":
		u.up, u.to = relParts(p.URL, escapePath(FileURL(file)))
	default:
		for _, c := range cands {
			if to := l.published(c); to != "" {
				// What is generated or static has no anchors to check.
				u.up, u.to = relParts(p.URL, escapePath(to))
				u.set, u.hasFrag, u.frag = true, hasFrag, rawFrag
				return "", "", nil
			}
		}
		if base := l.site.Config.Links.ExternalBase; base != "" && strings.HasPrefix(lk.Dest, "/") {
			*u = linkURL{set: true, up: base, to: lk.Dest}
			return "", "", nil
		}
		msg := l.whyMissing(cands)
		if strings.HasPrefix(msg, noPageAt) {
			if q := l.pageNamed(dest); q != nil {
				msg = fmt.Sprintf("%s%s: did you mean %s? a link names a page's file, from this page's folder", noPageAt, path.Join(dir, dest), relFile(dir, q.File))
			}
		}
		return msg, cands[0], nil
	}
	u.set, u.hasFrag, u.frag = true, hasFrag, rawFrag
	return "", "", nil
}

// resolveWiki points lk, a wiki's link by a page's name ("Page Name" or
// "Page Name#Section"), on page p, at the page, as a Git host's wiki finds
// it: by its file name, hyphens for spaces, in any folder and any case;
// the section by its heading's text.
func (l *loadState) resolveWiki(p *Page, _ string, lk *markdown.Link, u *linkURL) (problem, target string, to *Page) {
	dest, text := lk.WikiDest()
	name, frag, hasFrag := strings.Cut(dest, "#")
	name = strings.TrimSpace(name)
	if path.Ext(name) != "" && !isMarkdown(name) {
		// A file other than a page, an image or a document; or, if no
		// file has the name, a page's name with a dot ("Plan 2.0").
		if f := l.fileNamed(p, name); f != "" {
			u.up, u.to = relParts(p.URL, escapePath(FileURL(f)))
			u.set = true
			return "", "", nil
		}
		if lk.Image {
			return fmt.Sprintf("no file is named %q in %s/", name, ContentDir), "", nil
		}
	}
	if hasFrag {
		frag = markdown.HeadingID(strings.TrimSpace(frag))
	}
	if name == "" {
		q := p
		if msg := linkToPage(p, p, frag, hasFrag, u); msg != "" {
			return msg, "", nil
		}
		return "", "", q
	}
	q := l.pageNamed(strings.ReplaceAll(name, " ", "-"))
	if q == nil && Slug(name) == "home" {
		q = l.site.Home // a wiki's front page
	}
	if q == nil {
		msg := fmt.Sprintf("no page is named %q: a wiki link names a page by its file name, %s.md", name, strings.ReplaceAll(name, " ", "-"))
		if other, _, _ := strings.Cut(text, "#"); other != "" && l.pageNamed(strings.ReplaceAll(strings.TrimSpace(other), " ", "-")) != nil {
			msg += l.wikiOrderHint()
		}
		return msg, "", nil
	}
	return linkToPage(p, q, frag, hasFrag, u), "", q
}

// wikiOrderHint is told of a wiki link whose text names a page: the
// site reads its links the other way round from how they were written.
func (l *loadState) wikiOrderHint() string {
	if l.site.Config.Markdown.Wiki == "page-first" {
		return `; its text names a page: [[text|Page]] is read page first here, as [markdown] wiki = "page-first" in site.toml says`
	}
	return `; its text names a page: for links written page first, [[Page|text]], as MediaWiki and Obsidian write them, set [markdown] wiki = "page-first" in site.toml`
}

// linkToPage points u, a link's destination on page p, at page q and
// the fragment rawFrag, if hasFrag; and says what is wrong if q has no
// heading or anchor of that id. The link leads to q all the same: where
// broken links are warnings ([links] broken = "warn"), it opens the page
// at its top rather than a file that is not published.
func linkToPage(p, q *Page, rawFrag string, hasFrag bool, u *linkURL) string {
	frag := rawFrag
	if f, err := url.PathUnescape(rawFrag); err == nil {
		frag = f // "#%C3%BCber-uns" is "#über-uns"
	}
	u.up, u.to = relParts(p.URL, q.URL)
	u.set, u.hasFrag, u.frag = true, hasFrag, rawFrag
	if frag != "" && (q.Doc == nil || !q.Doc.HasID(frag)) {
		return fmt.Sprintf("%s %s", q.File, noAnchor(q.Doc, frag))
	}
	return ""
}

// linkTargets returns the paths from the site root a link's destination
// (unescaped, without fragment) may mean, most likely first, appended to
// out; none if it points outside content/.
func (l *loadState) linkTargets(p *Page, dir, dest string, out []string) []string {
	add := func(t string) {
		if (t == ContentDir || strings.HasPrefix(t, ContentDir+"/")) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if strings.HasPrefix(dest, "/") {
		if base := l.site.Config.Links.BasePath; base != "" && (dest == base || strings.HasPrefix(dest, base+"/")) {
			dest = "/" + strings.TrimPrefix(dest[len(base):], "/")
		}
		add(path.Join(ContentDir, dest))
		// A Git host reads it from the repository's root.
		add(path.Clean(dest[1:]))
		return out
	}
	fromFile := path.Join(dir, dest)
	if isMarkdown(dest) {
		add(fromFile)
		return out
	}
	add(path.Join(ContentDir, p.URL, dest))
	add(fromFile)
	return out
}

// find returns the page or the other file at target, a path from the
// site root: a file or folder, a page's file without its ".md", or a
// page's URL.
func (l *loadState) find(target string) (*Page, string) {
	if q := l.site.byFile[target]; q != nil {
		return q, ""
	}
	if l.site.files[target] {
		return nil, target
	}
	if f := l.composed(target); f != "" {
		return l.find(f)
	}
	if path.Ext(target) == "" {
		for _, ext := range []string{".md", ".markdown"} {
			if q := l.site.byFile[target+ext]; q != nil {
				return q, ""
			}
		}
	}
	u := strings.TrimPrefix(strings.TrimPrefix(target, ContentDir), "/")
	if f := l.fileURLs[u]; f != "" {
		return nil, f
	}
	if u != "" {
		u = slugPath(u) + "/"
	}
	return l.byURL[u], ""
}

// whyMissing says why none of the paths a link may mean holds a page.
func (l *loadState) whyMissing(cands []string) string {
	for _, c := range cands {
		if l.failed[c] || len(l.failed) > 0 && (mayBeGenerated(c) || l.failedAt(c)) {
			return "" // its own problem says why
		}
	}
	for _, c := range cands {
		if d := l.draftFiles[c]; d != nil {
			return fmt.Sprintf("%s is a draft, left out of the site", c)
		}
		if l.isExcluded(c) {
			return fmt.Sprintf("%s is left out by [content] exclude", c)
		}
	}
	if alt := l.caseInsensitive(cands[0]); alt != "" {
		return fmt.Sprintf("no page at %s (did you mean %s? links are case-sensitive)", cands[0], alt)
	}
	return noPageAt + strings.Join(cands, " or ")
}

// failedAt reports whether a file that could not be read would have
// made the page at target, a path from the site root without an
// extension, as a link written as a URL names it: content/promises/x for
// content/promises/x.md, or for the index file of content/promises/x/.
func (l *loadState) failedAt(target string) bool {
	target = strings.TrimSuffix(target, "/")
	for f := range l.failed {
		name := strings.TrimSuffix(f, path.Ext(f))
		if IsIndexFile(path.Base(f)) {
			name = path.Dir(f)
		}
		if name == target || slugPath(name) == slugPath(target) {
			return true
		}
	}
	return false
}

// mayBeGenerated reports whether target, a path from the site root, is
// a page playbook generates only for what pages say: Alignment for a site
// with promises, a tag's page, a role's. A page that could not be read
// may have been the one to say it.
func mayBeGenerated(target string) bool {
	rel, ok := strings.CutPrefix(target, ContentDir+"/")
	if !ok {
		return false
	}
	for _, g := range GeneratedPages {
		switch {
		case g.PerTag || g.PerRole:
			if strings.HasPrefix(rel, g.URL) {
				return true
			}
		case g.Promises || g.Roles:
			if rel+"/" == g.URL {
				return true
			}
		}
	}
	return false
}

// noPageAt begins the message of a link that leads to nothing.
const noPageAt = "no page or file at "

// pageNamed returns the page a link that leads to nothing most likely
// meant, or nil: the page whose file is named as the link's last part
// is, or whose id is, whatever the case and punctuation ("Same-day
// callback" for same-day-callback.md, or the file named from the wrong
// folder). Titles are left out: Patch changes them, not file names or ids.
func (l *loadState) pageNamed(dest string) *Page {
	name := path.Base(dest)
	if ext := path.Ext(name); strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown") {
		name = strings.TrimSuffix(name, ext)
	}
	key := Slug(name)
	if key == "" {
		return nil
	}
	l.names.once.Do(func() {
		m := make(map[string]*Page, 2*len(l.kept))
		for _, p := range l.kept {
			if p.IsSection && (indexRank(path.Base(p.File)) > 0 || !p.HasFile()) {
				continue // its name is its folder's
			}
			base := path.Base(p.File)
			for _, k := range []string{Slug(strings.TrimSuffix(base, path.Ext(base))), p.ID} {
				if _, ok := m[k]; !ok && k != "" {
					m[k] = p
				}
			}
		}
		l.names.m = m
	})
	return l.names.m[key]
}

// A pageNames indexes the pages by their file names and ids,
// made slugs, for pageNamed, and the other files of content/ by their
// names in lower case, for fileNamed; each made when first needed, once
// per Load.
type pageNames struct {
	once      sync.Once
	m         map[string]*Page
	filesOnce sync.Once
	files     map[string]string
	// nfc holds the files and folders whose names are not composed
	// (NFC), by their names composed, for composed.
	nfcOnce sync.Once
	nfc     map[string]string
}

// composed returns the file or folder whose path, its accents written
// apart from their letters (as a Mac may write names), is target written
// with them composed, as links are typed; "" if none is.
func (l *loadState) composed(target string) string {
	if isASCII(target) {
		return ""
	}
	l.names.nfcOnce.Do(func() {
		m := map[string]string{}
		for f := range l.site.byFile {
			if !norm.NFC.IsNormalString(f) {
				m[norm.NFC.String(f)] = f
			}
		}
		for f := range l.site.files {
			if !norm.NFC.IsNormalString(f) {
				m[norm.NFC.String(f)] = f
			}
		}
		l.names.nfc = m
	})
	f := l.names.nfc[norm.NFC.String(target)]
	if f == target {
		return ""
	}
	return f
}

// fileNamed returns the file of content/ that name, a wiki's link to a
// file other than a page's, on page p leads to, as Obsidian finds it:
// a path from p's folder or from content/, or else a name alone, of a
// file in any folder, in any case, the first in p's folder or else by
// path; "" if there is none.
func (l *loadState) fileNamed(p *Page, name string) string {
	if strings.Contains(name, "/") {
		for _, f := range []string{path.Join(path.Dir(p.File), name), path.Join(ContentDir, name)} {
			if l.site.files[f] {
				return f
			}
		}
		return ""
	}
	if f := path.Join(path.Dir(p.File), name); l.site.files[f] {
		return f
	}
	l.names.filesOnce.Do(func() {
		m := make(map[string]string)
		for _, f := range l.site.Files {
			k := strings.ToLower(path.Base(f))
			if old, ok := m[k]; !ok || f < old {
				m[k] = f
			}
		}
		l.names.files = m
	})
	return l.names.files[strings.ToLower(name)]
}

// relFile returns the path from folder dir to file, both paths from the
// site root, as a link from a page in dir names it ("../promises/a.md").
func relFile(dir, file string) string {
	d := strings.Split(dir, "/")
	f := strings.Split(file, "/")
	i := 0
	for i < len(d) && i < len(f)-1 && d[i] == f[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(f[i:], "/")
}

// isExcluded reports whether target is, or is inside, a file or folder
// left out by [content] exclude.
func (l *loadState) isExcluded(target string) bool {
	for _, e := range l.excluded {
		if target == e || strings.HasPrefix(target, e+"/") || strings.TrimSuffix(e, path.Ext(e)) == target {
			return true
		}
	}
	return false
}

// noAnchor says that doc has no heading with id frag, and names one that
// differs only in case.
func noAnchor(doc *markdown.Doc, frag string) string {
	msg := fmt.Sprintf("has no heading with id %q", frag)
	if doc == nil {
		return msg
	}
	alt := ""
	for _, id := range doc.IDs {
		if strings.EqualFold(id, frag) && (alt == "" || id < alt) {
			alt = id
		}
	}
	if alt != "" {
		return fmt.Sprintf("%s (did you mean #%s? anchors are case-sensitive)", msg, alt)
	}
	if alt = nearAnchor(doc.IDs, frag); alt != "" {
		return fmt.Sprintf("%s: did you mean #%s? a heading's id is its whole text, in lower case, with hyphens for spaces", msg, alt)
	}
	return msg
}

// nearAnchor returns the id of ids a mistyped anchor most likely meant:
// the one id that starts with its words ("why" for "why-it-matters"), else
// the nearest by spelling; "" if none is near.
func nearAnchor(ids []string, frag string) string {
	frag = Slug(frag)
	if frag == "" {
		return ""
	}
	alt := ""
	for _, id := range ids {
		if strings.HasPrefix(id, frag+"-") {
			if alt != "" {
				alt = ""
				break // several: none is the one
			}
			alt = id
		}
	}
	if alt != "" {
		return alt
	}
	best := -1
	for _, id := range ids {
		if d, ok := near(frag, id); ok && (best < 0 || d < best) {
			alt, best = id, d
		}
	}
	return alt
}

// caseInsensitive returns a page or file whose path differs from target
// only in case, or "".
func (l *loadState) caseInsensitive(target string) string {
	for f := range l.site.byFile {
		if strings.EqualFold(f, target) {
			return f
		}
	}
	for f := range l.site.files {
		if strings.EqualFold(f, target) {
			return f
		}
	}
	return ""
}

// Rel returns the relative URL that leads from the page at URL from to
// URL to; both are paths from the site root, as Page.URL. A URL ending in a
// slash is a folder; any other is a file ("404.html").
func Rel(from, to string) string {
	up, rest := relParts(from, to)
	if up == "" {
		return rest
	}
	// One concatenation: every link of every page is made here.
	return up + rest
}

// relParts returns Rel(from, to) in two parts, up and rest, whose
// concatenation it is: up is "../" as many times as it takes (a slice of
// a constant, up to 16 folders up), or "./", or empty; rest is a piece of
// to. It allocates nothing but for links over 16 folders up.
func relParts(from, to string) (up, rest string) {
	dir := from[:strings.LastIndex(from, "/")+1]
	for {
		i := strings.IndexByte(dir, '/')
		if i < 0 || !strings.HasPrefix(to, dir[:i+1]) {
			break
		}
		dir, to = dir[i+1:], to[i+1:]
	}
	n := strings.Count(dir, "/")
	switch {
	case n == 0 && to == "":
		return "./", ""
	case n == 0:
		return "", to
	case 3*n <= len(ups):
		return ups[:3*n], to
	}
	return strings.Repeat("../", n), to
}

// ups is the "../" prefix of a link up to 16 folders up.
const ups = "../../../../../../../../../../../../../../../../"

// escapePath escapes each element of a file's path for a URL: a file
// named "Q#3 plan.pdf" is at "Q%233%20plan.pdf".
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = url.PathEscape(part)
	}
	return strings.Join(parts, "/")
}
