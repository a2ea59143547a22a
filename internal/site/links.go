package site

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"playbook/internal/markdown"
)

// resolveLinks checks every relative link of every page and rewrites it to
// the URL of its target, relative to the page, on all cores.
func (l *loader) resolveLinks() {
	perPage := make([]problems, len(l.kept))
	parallel(len(l.kept), func(i int) {
		if p := l.kept[i]; p.Doc != nil {
			for _, lk := range p.Doc.Links {
				l.resolveLink(p, lk, &perPage[i])
			}
		}
	})
	for _, ps := range perPage {
		l.ps.list = append(l.ps.list, ps.list...)
	}
}

func (l *loader) resolveLink(p *Page, lk *markdown.Link, ps *problems) {
	broken := func(format string, args ...any) {
		ps.list = append(ps.list, Problem{
			File: p.File, Line: p.bodyLine + lk.Pos.Line - 1, Col: lk.Pos.Col,
			Msg: fmt.Sprintf("broken link %q: ", lk.Dest) + fmt.Sprintf(format, args...),
		})
	}
	dest, frag, hasFrag := strings.Cut(lk.Dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	if dest == "" {
		if hasFrag && frag != "" && !p.Doc.IDs[frag] {
			broken("this page has no heading with id %q", frag)
		}
		return
	}
	if d, err := url.PathUnescape(dest); err == nil {
		dest = d
	}
	var target string
	if strings.HasPrefix(dest, "/") {
		target = path.Clean(dest[1:])
	} else {
		target = path.Join(path.Dir(p.File), dest)
	}
	if target != ContentDir && !strings.HasPrefix(target, ContentDir+"/") {
		broken("it points outside %s/", ContentDir)
		return
	}
	suffix := ""
	if hasFrag {
		suffix = "#" + frag
	}
	if q := l.site.byFile[target]; q != nil {
		if frag != "" && (q.Doc == nil || !q.Doc.IDs[frag]) {
			broken("%s has no heading with id %q", q.File, frag)
			return
		}
		lk.SetDest(Rel(p.URL, q.URL) + suffix)
		return
	}
	if l.site.files[target] {
		lk.SetDest(Rel(p.URL, FileURL(target)) + suffix)
		return
	}
	if d := l.draftFiles[target]; d != nil {
		broken("%s is a draft, left out of the site", target)
		return
	}
	if alt := l.caseInsensitive(target); alt != "" {
		broken("no page at %s (did you mean %s? links are case-sensitive)", target, alt)
		return
	}
	broken("no page or file at %s", target)
}

// caseInsensitive returns a page or file whose path differs from target
// only in case, or "".
func (l *loader) caseInsensitive(target string) string {
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
	dir := from[:strings.LastIndex(from, "/")+1]
	for {
		i := strings.IndexByte(dir, '/')
		if i < 0 || !strings.HasPrefix(to, dir[:i+1]) {
			break
		}
		dir, to = dir[i+1:], to[i+1:]
	}
	r := strings.Repeat("../", strings.Count(dir, "/")) + to
	if r == "" {
		return "./"
	}
	return r
}
