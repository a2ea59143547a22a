package site

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"playbook/internal/markdown"
)

// resolveRef points lk, a link of page p in folder dir written as Hugo's
// ref or relref shortcode ({{< ref "sales/quote.md#why" >}}), at its
// target's URL, or says why it cannot, as resolveLink does for other
// links. Both shortcodes give the page's relative URL, as every link of
// the site has. The path is read as Hugo reads it:
//
//   - "/sales/quote.md" is from content/; any other path is first from
//     the page's folder (from the folder of a page bundle's index.md, the
//     bundle's own: "../" leads out of it), then from content/, unless
//     it starts with "." ("./quote", "../quote");
//   - the ".md" may be left out, and a folder is its index file
//     (_index.md, index.md or README.md);
//   - a name alone ("quote", "quote.md", or "/quote") that none of those
//     finds is the one page of that name anywhere, a page's name being its
//     file's without ".md", or a section's folder's; two pages of it make
//     the link ambiguous, a broken link that names them;
//   - a file of content/ that is not a page is linked to as well.
//   - "#why" alone is an anchor of the page itself.
func (l *loadState) resolveRef(p *Page, dir string, lk *markdown.Link, u *linkURL) (problem, target string, to *Page) {
	ref, rawFrag, hasFrag := strings.Cut(lk.Dest, "#")
	if ref == "" {
		return l.resolveLink(p, dir, lk, u)
	}
	var tried [2]string
	cands := refTargets(p, dir, ref, tried[:0])
	var q *Page
	var file string
	for _, c := range cands {
		if q, file = l.find(c); q != nil || file != "" {
			break
		}
	}
	if file != "" {
		// Hugo's refs find pages only, but a file of content/ is
		// what the author meant.
		u.up, u.to = relParts(p.URL, escapePath(FileURL(file)))
		u.set, u.hasFrag, u.frag = true, hasFrag, rawFrag
		return "", "", nil
	}
	if q == nil && byNameAlone(ref) {
		named := l.refNames().m[refName(ref)]
		if len(named) > 1 {
			return ambiguousRef(ref, named), "", nil
		}
		if len(named) == 1 {
			q = named[0]
		}
	}
	if q == nil {
		if len(cands) == 0 {
			return fmt.Sprintf("it points outside %s/", ContentDir), "", nil
		}
		msg := l.whyMissing(cands)
		if strings.HasPrefix(msg, noPageAt) {
			if q := l.pageNamed(ref); q != nil {
				msg += fmt.Sprintf(": did you mean {{< %s %q >}}?", lk.Ref, "/"+strings.TrimPrefix(q.File, ContentDir+"/"))
			}
		}
		return msg, cands[0], nil
	}
	if msg := linkToPage(p, q, rawFrag, hasFrag, u); msg != "" {
		return msg, cands[0], q
	}
	return "", "", q
}

// refTargets returns the paths from the site root that ref, the path of
// a Hugo ref on page p in folder dir, may mean, in the order Hugo looks,
// appended to out; none if it points outside content/.
func refTargets(p *Page, dir, ref string, out []string) []string {
	add := func(t string) {
		if (t == ContentDir || strings.HasPrefix(t, ContentDir+"/")) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	if strings.HasPrefix(ref, "/") {
		add(path.Join(ContentDir, ref))
		return out
	}
	// A page bundle's index.md stands for its folder, and Hugo reads
	// its refs from the folder the bundle is in.
	if name := path.Base(p.File); strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "index") && !strings.HasPrefix(ref, "..") {
		dir = path.Dir(dir)
	}
	add(path.Join(dir, ref))
	if !strings.HasPrefix(ref, ".") {
		add(path.Join(ContentDir, ref))
	}
	return out
}

// byNameAlone reports whether Hugo looks a ref's path up as a page's name
// anywhere when no path finds it: "quote", "quote.md", "/quote".
func byNameAlone(ref string) bool {
	return !strings.Contains(strings.TrimPrefix(ref, "/"), "/") && !strings.HasPrefix(ref, ".")
}

// refName returns the name of a page a ref's path gives, in lower case as
// Hugo compares them: "quote" for "/Quote.md".
func refName(ref string) string {
	name := path.Base(ref)
	if ext := path.Ext(name); strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown") {
		name = strings.TrimSuffix(name, ext)
	}
	return strings.ToLower(name)
}

// ambiguousRef says that several pages are named as ref names one, and
// which, a few of them if many.
func ambiguousRef(ref string, named []*Page) string {
	const most = 5
	files := make([]string, 0, min(len(named), most))
	for _, q := range named[:min(len(named), most)] {
		files = append(files, q.File)
	}
	more := ""
	if len(named) > most {
		more = fmt.Sprintf(" and %d more", len(named)-most)
	}
	return fmt.Sprintf("%d pages are named %q: %s%s; write the path from %s/, as %q", len(named), refName(ref), strings.Join(files, ", "), more, ContentDir, "/"+strings.TrimPrefix(named[0].File, ContentDir+"/"))
}

// A refNameIndex holds the published pages by name, as refName makes
// it, for refs that give a name alone; made when first needed, once
// per Load.
type refNameIndex struct {
	once sync.Once
	m    map[string][]*Page
}

// refNames returns the pages by name, in file order within each name.
func (l *loadState) refNames() *refNameIndex {
	x := l.refIndex
	x.once.Do(func() {
		x.m = make(map[string][]*Page, len(l.kept))
		for _, p := range l.kept {
			if !p.HasFile() || p == l.site.Home {
				continue
			}
			name := path.Base(p.File)
			if p.IsSection {
				name = path.Base(p.sectionDir)
			}
			key := refName(name)
			x.m[key] = append(x.m[key], p)
		}
		for _, ps := range x.m {
			slices.SortFunc(ps, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
		}
	})
	return x
}
