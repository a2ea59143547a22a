package render

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"playbook/internal/search"
	"playbook/internal/site"
)

// searchIndex is the search index of a Renderer's site, built once, when
// the first of its files is asked for: its file names depend only on the
// number of pages indexed, so listing them costs nothing.
type searchIndex struct {
	once  sync.Once
	index *search.Index
	// err is the first page whose text could not be read, if any.
	mu  sync.Mutex
	err error
	// version names what the index holds (see Data.SearchVersion).
	versionOnce sync.Once
	version     string
}

// SearchVersion names the content of the site's search index, which
// assets/search.js asks for its files by ("search/t3.js?v=..."): a browser
// or a cache in front of the host never mixes files of two builds, whose
// documents are numbered differently. It is a hash of what the index is
// made from, known before it is built, as pages are written beside it; ""
// in a preview, which tells its pages itself.
func (d *Data) SearchVersion() string {
	r := d.r
	if r.opts.Preview || r.search == nil {
		return ""
	}
	r.search.versionOnce.Do(func() { r.search.version = r.searchVersion() })
	return r.search.version
}

// searchVersion hashes what searchDoc takes of each page indexed, the
// Markdown's by its hash, the words of the site's language it holds, and
// the search script, which reads the index.
func (r *Renderer) searchVersion() string {
	h := sha256.New()
	write := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	write(r.assets["assets/search.js"])
	write(strconv.Itoa(search.Format))
	// The words of the site's language the index holds.
	for _, t := range append(slices.Clone(site.Types), "home", "section", "role") {
		write(r.words.typeName(t))
	}
	write(r.words.word("title_roles", 0))
	write(r.words.word("search_keeps", 0))
	for _, p := range r.searchPages() {
		write(p.URL)
		write(p.Title)
		write(p.Type)
		write(p.Description)
		for _, a := range p.Ancestors() {
			write(a.Title)
		}
		write(p.Chain.Status.String())
		for _, f := range append(typeFields(p), p.Tags...) {
			write(f)
		}
		if p.Doc != nil {
			sum := p.Doc.Sum()
			h.Write(sum[:])
		}
		h.Write([]byte{1})
	}
	for _, role := range r.site.Roles {
		d := roleDoc(r.words, r.site, role)
		for _, s := range []string{d.URL, d.Title, d.Fields, d.Sections[0].Text} {
			write(s)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// roleDoc returns what search indexes of a role's page: its name, the
// other spellings [roles] merges into it, and its description and the
// promises it keeps, which say what the job is.
func roleDoc(w *words, s *site.Site, role *site.Role) search.Doc {
	d := search.Doc{URL: role.URL, Title: role.Name, Type: "role", TypeName: w.typeName("role"), Path: w.word("title_roles", 0)}
	d.Fields = strings.Join(s.Config.Roles[role.Slug].Aliases, "\n")
	var text []string
	if role.Description != "" {
		text = append(text, role.Description)
	}
	var keeps []string
	for _, p := range role.Promises() {
		if !p.IsDraft() { // as searchPages leaves drafts out
			keeps = append(keeps, p.Title)
		}
	}
	if len(keeps) > 0 {
		text = append(text, w.word("search_keeps", 0, "promises", strings.Join(keeps, w.word("list_separator", 0))))
	}
	d.Sections = []search.Section{{Text: strings.Join(text, " ")}}
	return d
}

// searchPages returns the pages search indexes: not drafts (even in a
// preview showing them), the pages of a draft section included, nor
// pages with search = false.
func (r *Renderer) searchPages() []*site.Page {
	var pages []*site.Page
	for _, p := range r.site.Pages {
		if !p.IsDraft() && p.Search {
			pages = append(pages, p)
		}
	}
	return pages
}

// searchJobs returns the jobs of the search index's files, in folder dir.
func (r *Renderer) searchJobs(dir string) map[string]job {
	r.search = new(searchIndex)
	jobs := map[string]job{}
	for _, name := range search.LayoutFor(len(r.searchPages()) + len(r.site.Roles)).Names() {
		jobs[dir+name] = job{search: name}
	}
	return jobs
}

// searchFile returns the file name of the search index.
func (r *Renderer) searchFile(name string) ([]byte, error) {
	r.search.once.Do(func() {
		pages := r.searchPages()
		// After the pages, the role pages: what a new hire looks for
		// first is what their own job does.
		r.search.index = search.New(len(pages)+len(r.site.Roles), r.site.Markdown.Spill(), func(i int) search.Doc {
			if i >= len(pages) {
				return roleDoc(r.words, r.site, r.site.Roles[i-len(pages)])
			}
			d, err := r.searchDoc(pages[i])
			if err != nil {
				r.search.mu.Lock()
				r.search.err = cmp.Or(r.search.err, err)
				r.search.mu.Unlock()
			}
			return d
		})
	})
	if err := r.search.err; err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	b, err := r.search.index.File(name)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return b, nil
}

// searchDoc returns what search indexes of p. It fails only when the text
// of p's body cannot be read back.
func (r *Renderer) searchDoc(p *site.Page) (search.Doc, error) {
	d := search.Doc{URL: p.URL, Title: p.Title, Type: p.Type}
	switch {
	case p.Parent == nil:
		d.Type = "home"
	case p.IsSection:
		d.Type = "section"
	}
	d.TypeName = r.words.typeName(d.Type)
	var path []string
	for _, a := range p.Ancestors() {
		if a.Parent != nil {
			path = append(path, a.Title)
		}
	}
	d.Path = strings.Join(path, " › ")
	if p.Type == site.TypePromise {
		d.Chain = p.Chain.Status.String()
	}
	d.Fields = strings.Join(append(typeFields(p), p.Tags...), "\n")
	if p.Doc != nil {
		secs, err := r.site.Markdown.Sections(p.Doc)
		if err != nil {
			return d, fmt.Errorf("%s: %w", p.File, err)
		}
		for _, s := range secs {
			d.Sections = append(d.Sections, search.Section{ID: s.ID, Heading: s.Heading, Text: s.Text})
		}
	}
	if len(d.Sections) == 0 {
		d.Sections = []search.Section{{}}
	}
	if d.Sections[0].Text == "" {
		// A page's description stands in for a body that opens with a
		// heading, so that its result has a line to show.
		d.Sections[0].Text = p.Description
	}
	return d, nil
}

// typeFields returns the text of the fields of p's type that say what
// the page is about: search ranks them above its body, with the page's
// tags, which name what it is about as its authors file it.
func typeFields(p *site.Page) []string {
	f := []string{p.Statement, p.Question, p.CompetitorName, p.Position, p.ValueProposition, p.Role, p.Offer}
	f = append(f, p.Expectation)
	for _, g := range p.Gaps {
		f = append(f, g.Area)
	}
	// What customers say for a competitor is what a salesperson types.
	for _, o := range p.Objections {
		f = append(f, o.Objection)
	}
	var out []string
	for _, s := range f {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
