package site

import (
	"fmt"
)

// checkOutputNames reports files that would land on one another in the
// output: a file under content/ or an alias on a page, on a page playbook
// generates, or on another file or alias.
func (l *loadState) checkOutputNames() {
	s := l.site
	taken := map[string]string{} // output file → what makes it
	for _, p := range s.Pages {
		taken[p.URL+"index.html"] = p.File
	}
	claim := func(name, by string, line int, what string) {
		switch prev, ok := taken[name]; {
		case ok:
			l.ps.errorf(by, line, "%s would be published as /%s, where %s is", what, name, prev)
		case isGenerated(name):
			l.ps.errorf(by, line, "%s would be published as /%s, where playbook puts a page of its own", what, name)
		default:
			taken[name] = by
		}
	}
	for _, f := range s.Files {
		claim(FileURL(f), f, 1, "this file")
	}
	for _, p := range s.Pages {
		for _, a := range p.Aliases {
			name, ok := AliasFile(a)
			if !ok {
				l.ps.errorf(p.File, p.fm.valueLine("aliases", a), "aliases: %q is not a path of the site", a)
				continue
			}
			claim(name, p.File, p.fm.valueLine("aliases", a), fmt.Sprintf("alias %q", a))
		}
	}
}

func (l *loadState) warnChain(p *Page) {
	switch {
	case !p.Chain.HasExpectation:
		l.ps.warnf(p.File, 1, "promise %q is disconnected: it states no \"expectation\"", p.ID)
	case p.Chain.Status == Disconnected:
		l.ps.warnf(p.File, 1, "promise %q is disconnected: no sales or service behaviour fulfils it", p.ID)
	case p.Chain.Status == SalesGap:
		l.ps.warnf(p.File, 1, "promise %q has a sales gap: no sales behaviour fulfils it", p.ID)
	case p.Chain.Status == ServiceGap:
		l.ps.warnf(p.File, 1, "promise %q has a service gap: no service behaviour fulfils it", p.ID)
	}
}
