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
func (l *loadState) resolveLinks() {
	perPage := make([]problems, len(l.kept))
	parallel(len(l.kept), func(i int) {
		p := l.kept[i]
		if p.Doc == nil {
			return
		}
		dir := path.Dir(p.File)
		for _, lk := range p.Doc.Links {
			if msg := l.resolveLink(p, dir, lk); msg != "" {
				perPage[i].list = append(perPage[i].list, Problem{
					File: p.File, Line: p.bodyLine + lk.Pos.Line - 1, Col: lk.Pos.Col,
					Msg:   fmt.Sprintf("broken link %q: %s", lk.Dest, msg),
					Check: brokenLinkCheck,
				})
			}
		}
	})
	for _, ps := range perPage {
		l.ps.list = append(l.ps.list, ps.list...)
	}
}

// resolveLink points lk, a link of page p in folder dir, at its target's
// URL, or says why it cannot. It runs for every link of every page on each
// rebuild of a preview, so it allocates only what it must.
func (l *loadState) resolveLink(p *Page, dir string, lk *markdown.Link) (problem string) {
	dest, rawFrag, hasFrag := strings.Cut(lk.Dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	frag := rawFrag
	if f, err := url.PathUnescape(rawFrag); err == nil {
		frag = f // "#%C3%BCber-uns" is "#über-uns"
	}
	if dest == "" {
		if hasFrag && frag != "" && !p.Doc.IDs[frag] {
			return fmt.Sprintf("this page has no heading with id %q", frag)
		}
		return ""
	}
	if strings.Contains(dest, "%") {
		if d, err := url.PathUnescape(dest); err == nil {
			dest = d
		}
	}
	var target string
	if strings.HasPrefix(dest, "/") {
		target = path.Clean(dest[1:])
	} else {
		target = path.Join(dir, dest)
	}
	if target != ContentDir && !strings.HasPrefix(target, ContentDir+"/") {
		return fmt.Sprintf("it points outside %s/", ContentDir)
	}
	var url string
	if q := l.site.byFile[target]; q != nil {
		if frag != "" && (q.Doc == nil || !q.Doc.IDs[frag]) {
			return fmt.Sprintf("%s has no heading with id %q", q.File, frag)
		}
		url = Rel(p.URL, q.URL)
	} else if l.site.files[target] {
		url = Rel(p.URL, escapePath(FileURL(target)))
	} else if l.failed[target] {
		return ""
	} else if d := l.draftFiles[target]; d != nil {
		return fmt.Sprintf("%s is a draft, left out of the site", target)
	} else if alt := l.caseInsensitive(target); alt != "" {
		return fmt.Sprintf("no page at %s (did you mean %s? links are case-sensitive)", target, alt)
	} else {
		return fmt.Sprintf("no page or file at %s", target)
	}
	if hasFrag {
		url += "#" + rawFrag
	}
	lk.SetDest(url)
	return ""
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

// escapePath escapes each element of a file's path for a URL: a file
// named "Q#3 plan.pdf" is at "Q%233%20plan.pdf".
func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = url.PathEscape(part)
	}
	return strings.Join(parts, "/")
}
