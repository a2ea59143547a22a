// Package search builds the index of a site's client-side search.
//
// The index is a set of JavaScript files that the theme's search.js loads
// by inserting <script> elements, which browsers allow from disk (file://)
// where they refuse fetch. Each file calls the page's register function:
//
//	playbookSearch.add("index", {...})   // index.js: the manifest
//	playbookSearch.add("t3", {...})      // t3.js: a shard of terms
//	playbookSearch.add("d12", [...])     // d12.js: a chunk of documents
//
// A small site (up to SingleFileDocs pages) has index.js only, holding its
// terms and documents too, so a query needs that one file. A larger one is
// split: the sorted terms are cut into runs of about the same size, one
// shard file each (the manifest lists the first term of each), and the
// documents into chunks of ChunkDocs in site order, so a query loads the
// manifest, the shards holding its words and the words they begin (one
// for a whole word, mostly), and the chunks of the results it shows.
//
// A term maps to its postings: for each page it occurs in, the page and
// where the term is best found (the title, a heading, the fields of the
// page's type, the body) and in which section, so that a result links to
// the heading of the section. See Terms for what a term is.
package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"playbook/internal/deflate"
)

// The fields a term may be found in, the most telling last: a posting
// keeps the best one, and search.js ranks them in this order.
const (
	FieldBody = iota
	FieldType
	FieldHeading
	FieldTitle
)

// maxSection is the last section a posting can name; terms found further
// down a very long page link to the page itself.
const maxSection = 1<<14 - 1

// A Doc is a page as search sees it.
type Doc struct {
	// URL is the page's path from the site root ("promises/x/").
	URL   string
	Title string
	// Type is the page's type ("promise"), and TypeName its name as
	// readers see it ("Promise"); chips filter results by type.
	Type, TypeName string
	// Path is where the page is: the titles of the sections above it.
	Path string
	// Chain is a promise's chain status ("connected", "sales gap", ...).
	Chain string
	// Fields is the text of the fields of the page's type: a promise's
	// wording, an FAQ's question, a competitor's name.
	Fields string
	// Sections are the parts of the body: the first is the text before
	// the first heading (its ID and Heading empty), then one a heading.
	Sections []Section
}

// A Section is the part of a page from one heading to the next.
type Section struct {
	// ID is the heading's anchor; empty for the first section, or for a
	// heading without one.
	ID      string
	Heading string
	Text    string
}

// SingleFileDocs is the most pages whose index is written as one file:
// about 100 kB compressed, for pages of a few kilobytes of text.
const SingleFileDocs = 150

// ChunkDocs is how many documents a chunk file holds.
const ChunkDocs = 8

// A Layout says how an index is split into files.
type Layout struct {
	// Docs is the number of documents.
	Docs int
	// Shards is the number of term shards; 0 for a single file.
	Shards int
}

// LayoutFor returns the layout of an index of n documents: one file up
// to SingleFileDocs, else about one shard per 40 documents, so that a
// shard stays a few tens of kilobytes as the site grows. It depends on n
// only, so the names of the files are known before the index is built.
func LayoutFor(n int) Layout {
	if n <= SingleFileDocs {
		return Layout{Docs: n}
	}
	return Layout{Docs: n, Shards: min(n/40, 1024)}
}

// Chunks returns the number of document chunks.
func (l Layout) Chunks() int {
	if l.Shards == 0 {
		return 0
	}
	return (l.Docs + ChunkDocs - 1) / ChunkDocs
}

// Names returns the names of the index's files, index.js first.
func (l Layout) Names() []string {
	names := []string{"index.js"}
	for i := range l.Shards {
		names = append(names, "t"+strconv.Itoa(i)+".js")
	}
	for i := range l.Chunks() {
		names = append(names, "d"+strconv.Itoa(i)+".js")
	}
	return names
}

// Build returns the files of the index of docs, by the names of
// LayoutFor(len(docs)).Names().
func Build(docs []Doc) map[string][]byte {
	x := New(len(docs), nil, func(i int) Doc { return docs[i] })
	files := map[string][]byte{}
	for _, name := range x.Layout().Names() {
		// Held in memory, the entries always read back.
		files[name], _ = x.File(name)
	}
	return files
}

// An Index is the search index of a site, its files written when asked
// for: it keeps the postings and each document's entry, compressed, and
// not the files, which are as large again.
type Index struct {
	layout   Layout
	postings map[string]*postingList
	// shards are the terms of each shard, in order; one run of all the
	// terms for a single file.
	shards [][]string
	// types holds each document's type and its name, for the manifest.
	types [][2]string
	// chunks holds the documents of each chunk as its file lists them, a
	// JSON array of entries (see appendDoc), compressed, in the spill
	// New was given or in memory; one chunk of all the documents for a
	// single file. A site's entries are kept from its first page read to
	// its last chunk written, and they hold most of each page's text, for
	// the snippets; a chunk at a time rather than a document, they
	// compress smaller and at an eighth of the calls.
	chunks []deflate.Blob
}

// chunkBufs holds the buffers chunks are written into before they are
// compressed: a site of 100,000 pages has 12,500 chunks, each grown
// from nothing otherwise.
var chunkBufs = sync.Pool{New: func() any { return new([]byte) }}

// New returns the index of n documents, doc(i) returning the i-th. It
// calls doc once for each, on all cores; a document's text is not kept
// once its terms and its entry are read. The entries wait for their files
// in spill, if not nil (a build of a large site gives one), else in
// memory.
func New(n int, spill *deflate.Spill, doc func(i int) Doc) *Index {
	x := &Index{layout: LayoutFor(n), types: make([][2]string, n)}
	per := ChunkDocs
	if x.layout.Shards == 0 {
		per = max(n, 1)
	}
	x.chunks = make([]deflate.Blob, (max(n, 1)+per-1)/per)
	// The chunk being written, by chunk: each is written by one core, in
	// order (see postingsOf).
	open := make([][]byte, len(x.chunks))
	x.postings = postingsOf(n, per, func(i int) Doc {
		d := doc(i)
		x.types[i] = [2]string{d.Type, d.TypeName}
		c := i / per
		if i%per == 0 {
			open[c] = append(*chunkBufs.Get().(*[]byte), '[')
		} else {
			open[c] = append(open[c], ',')
		}
		open[c] = appendDoc(open[c], &d)
		if i%per == per-1 || i == n-1 {
			b := append(open[c], ']')
			x.chunks[c] = spill.Keep(b)
			b = b[:0]
			chunkBufs.Put(&b)
			open[c] = nil
		}
		return d
	})
	if n == 0 {
		x.chunks[0] = spill.Keep([]byte("[]"))
	}
	terms := sortedTerms(x.postings)
	if x.layout.Shards == 0 {
		x.shards = [][]string{terms}
	} else {
		x.shards = split(x.postings, terms, x.layout.Shards)
	}
	return x
}

// Layout returns how the index is split into files.
func (x *Index) Layout() Layout { return x.layout }

// File returns the content of the index's file name (one of
// x.Layout().Names()). It fails for another name (wrapping
// fs.ErrNotExist), or when the entries cannot be read back from the
// spill.
func (x *Index) File(name string) ([]byte, error) {
	notExist := &fs.PathError{Op: "search", Path: name, Err: fs.ErrNotExist}
	base, ok := strings.CutSuffix(name, ".js")
	if !ok || base == "" {
		return nil, notExist
	}
	if base == "index" {
		m := x.manifest()
		if x.layout.Shards == 0 {
			m.Terms = appendTerms(nil, x.postings, x.shards[0])
			docs, err := x.chunks[0].Append(nil)
			if err != nil {
				return nil, fmt.Errorf("read the pages of %s: %w", name, err)
			}
			m.Documents = docs
		} else {
			for _, sh := range x.shards {
				m.Bounds = append(m.Bounds, sh[0])
			}
		}
		return register("index", m), nil
	}
	i, err := strconv.Atoi(base[1:])
	if err != nil || i < 0 || x.layout.Shards == 0 || strconv.Itoa(i) != base[1:] {
		return nil, notExist
	}
	switch {
	case base[0] == 't' && i < x.layout.Shards:
		var terms []string
		if i < len(x.shards) {
			terms = x.shards[i]
		}
		// Written in place, between the call's start and end: a shard
		// is tens of kilobytes, and there are a thousand.
		return endRegister(appendTerms(startRegister(base, termsSize(x.postings, terms)), x.postings, terms)), nil
	case base[0] == 'd' && i < x.layout.Chunks():
		b, err := x.chunks[i].Append(startRegister(base, 0))
		if err != nil {
			return nil, fmt.Errorf("read the pages of %s: %w", name, err)
		}
		return endRegister(b), nil
	}
	return nil, notExist
}

// split cuts the sorted terms into at most n runs of about the same
// number of postings, so that each shard is about as large as the others;
// a term is never cut, so a very common one may make a shard of its own.
// A query finds the shards holding a word and the words it begins from
// the first term of each (the manifest's bounds): terms sort as in
// JavaScript for all but characters beyond the BMP.
func split(postings map[string]*postingList, terms []string, n int) [][]string {
	total := 0
	for _, t := range terms {
		total += 2*postings[t].n + 4
	}
	target := max(total/n, 1)
	var shards [][]string
	start, size := 0, 0
	for i, t := range terms {
		size += 2*postings[t].n + 4
		if size >= target && len(shards) < n-1 {
			shards = append(shards, terms[start:i+1])
			start, size = i+1, 0
		}
	}
	if start < len(terms) {
		shards = append(shards, terms[start:])
	}
	return shards
}

// A postingList is a term's postings in document order, encoded as
// appendTerms writes them: for each document, its distance from the
// previous posting's document (from 0 for the first) and the code, as
// unsigned varints. A site of 100,000 pages has tens of millions of
// postings: a pair of ints each would be most of a build's memory.
type postingList struct {
	b []byte
	// last is the document of the last posting, and n the number of
	// postings.
	last, n int
}

// add appends the posting of document doc, which comes after the others,
// with its code.
func (l *postingList) add(doc, code int) {
	l.b = binary.AppendUvarint(l.b, uint64(doc-l.last))
	l.b = binary.AppendUvarint(l.b, uint64(code))
	l.last = doc
	l.n++
}

// join appends the postings of o, whose documents all come after l's.
// o's first distance is from 0: it becomes the distance from l's last.
func (l *postingList) join(o *postingList) {
	first, k := binary.Uvarint(o.b)
	l.b = binary.AppendUvarint(l.b, first-uint64(l.last))
	l.b = append(l.b, o.b[k:]...)
	l.last = o.last
	l.n += o.n
}

// each calls f with the distance and the code of each posting, in order.
func (l *postingList) each(f func(dist, code uint64)) {
	for b := l.b; len(b) > 0; {
		dist, k := binary.Uvarint(b)
		code, m := binary.Uvarint(b[k:])
		f(dist, code)
		b = b[k+m:]
	}
}

// postingsOf returns the postings of the terms of the n documents doc
// returns. Each core reads a run of documents into postings of its own,
// and the runs are joined in order, so that no term of a page is handled
// twice on one core. A run is of whole groups of per documents: doc is
// called for those of a group on one core, in order.
func postingsOf(n, per int, doc func(i int) Doc) map[string]*postingList {
	groups := (n + per - 1) / per
	runs := min(runtime.GOMAXPROCS(0), max(groups, 1))
	parts := make([]map[string]*postingList, runs)
	var wg sync.WaitGroup
	for w := range runs {
		wg.Go(func() {
			postings := map[string]*postingList{}
			// The best code of each term of a page, by its postings: a
			// page of a few kilobytes has a few hundred terms.
			codes := make(map[*postingList]int, 512)
			var buf []byte
			term := func(t []byte, code int) {
				// Looking a term up as bytes copies nothing; a new
				// term's key is a copy of its own.
				l := postings[string(t)]
				if l == nil {
					l = new(postingList)
					postings[string(t)] = l
				}
				if old, ok := codes[l]; !ok || better(code, old) {
					codes[l] = code
				}
			}
			for i := w * groups / runs * per; i < min((w+1)*groups/runs*per, n); i++ {
				d := doc(i)
				clear(codes)
				docTerms(&d, &buf, term)
				for l, code := range codes {
					l.add(i, code)
				}
			}
			parts[w] = postings
		})
	}
	wg.Wait()
	postings := parts[0]
	for _, p := range parts[1:] {
		for t, l := range p {
			if all := postings[t]; all != nil {
				all.join(l)
			} else {
				postings[t] = l
			}
		}
	}
	return postings
}

// docTerms calls f with each term of d, as often as it occurs, and the
// code of where: section<<2 | field. The caller keeps the best code of
// each term (see better). A term is good until f returns; buf is where
// it is made, the caller's to be used again for the next page.
func docTerms(d *Doc, buf *[]byte, f func(term []byte, code int)) {
	add := func(text string, sec, field int) {
		code := min(sec, maxSection)<<2 | field
		if isASCII(text) {
			eachLowerTerm(text, buf, func(t []byte) { f(t, code) })
			return
		}
		eachTextTerm(normalizeText(text), func(t string) {
			*buf = append((*buf)[:0], t...)
			f(*buf, code)
		})
	}
	add(d.Title, 0, FieldTitle)
	add(d.Fields, 0, FieldType)
	for i, s := range d.Sections {
		sec := i
		if s.ID == "" {
			// Nothing to link to: the page itself.
			sec = 0
		}
		add(s.Heading, sec, FieldHeading)
		add(s.Text, sec, FieldBody)
	}
}

// better reports whether a term found at code is better found than at
// old: in a higher field, or in the same field in an earlier section.
func better(code, old int) bool {
	return code&3 > old&3 || code&3 == old&3 && code < old
}

// Format numbers the format of the index's files: a change to what they
// hold, or to how words are read into them, changes it, and with it the
// version of the index pages name (see render's Data.SearchVersion).
const Format = 1

// index is the manifest, index.js.
type index struct {
	// Version is the format, for a theme's script to check.
	Version int `json:"v"`
	Docs    int `json:"n"`
	Shards  int `json:"k"`
	Chunk   int `json:"c"`
	// Stop lists the stop-words, which queries drop.
	Stop []string `json:"stop"`
	// Types lists the types of the pages and their names, for the chips.
	Types [][2]string `json:"types"`
	// DocTypes holds the type of each document, a character each: 'a'
	// for the first of Types, and so on. Chips count and filter results
	// by type without loading their documents.
	DocTypes string `json:"doctypes"`
	// Bounds are the first term of each shard, in order.
	Bounds []string `json:"bounds,omitempty"`
	// Terms and Docs are the whole index, when it is one file.
	Terms     json.RawMessage `json:"terms,omitempty"`
	Documents json.RawMessage `json:"docs,omitempty"`
}

func (x *Index) manifest() *index {
	var types [][2]string
	which := map[string]byte{}
	dt := make([]byte, len(x.types))
	for i, t := range x.types {
		c, ok := which[t[0]]
		if !ok {
			// A site has a dozen types at most (site.Types, the home
			// page and sections): letters and then a few ASCII signs.
			c = byte('a' + len(types))
			which[t[0]] = c
			types = append(types, t)
		}
		dt[i] = c
	}
	l := x.layout
	return &index{Version: Format, Docs: l.Docs, Shards: l.Shards, Chunk: ChunkDocs, Stop: StopWords, Types: types, DocTypes: string(dt)}
}

// register returns a script calling the page's register function with
// name and v as JSON.
func register(name string, v any) []byte {
	b, ok := v.(json.RawMessage)
	if !ok {
		var err error
		b, err = json.Marshal(v)
		if err != nil {
			// Strings, numbers and raw JSON made here always encode.
			panic(fmt.Sprintf("search: encode %s: %v", name, err))
		}
	}
	// Raw JSON made here is compact and escaped as json.Marshal writes
	// it: passing it through Marshal would only check and copy it.
	return endRegister(append(startRegister(name, len(b)), b...))
}

// startRegister returns the start of register's script for name, with
// room for size bytes more of JSON; endRegister ends it.
func startRegister(name string, size int) []byte {
	out := make([]byte, 0, len(name)+size+32)
	out = append(out, "playbookSearch.add(\""...)
	out = append(out, name...)
	return append(out, "\","...)
}

func endRegister(out []byte) []byte { return append(out, ");\n"...) }

func sortedTerms(postings map[string]*postingList) []string {
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	return terms
}

// termsSize returns about how many bytes appendTerms writes.
func termsSize(postings map[string]*postingList, terms []string) int {
	n := 2
	for _, t := range terms {
		// The term quoted, and for each posting two small numbers.
		n += len(t) + 6 + 6*postings[t].n
	}
	return n
}

// appendTerms appends the terms and their postings as a JSON object:
// each term's postings are a flat array of the distance from the previous
// posting's document (small numbers that compress well) and the code.
func appendTerms(b []byte, postings map[string]*postingList, terms []string) []byte {
	b = append(b, '{')
	for i, t := range terms {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, t)
		b = append(b, ':', '[')
		first := true
		postings[t].each(func(dist, code uint64) {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = strconv.AppendUint(b, dist, 10)
			b = append(b, ',')
			b = strconv.AppendUint(b, code, 10)
		})
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendString appends s as a JSON string, byte for byte as json.Marshal
// writes it (HTML's <, > and & escaped), without its allocations.
func appendString[T string | []byte](b []byte, s T) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := decodeRune(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// decodeRune is utf8.DecodeRune for text as bytes or as a string.
func decodeRune[T string | []byte](s T) (rune, int) {
	var b [utf8.UTFMax]byte
	return utf8.DecodeRune(b[:copy(b[:], s)])
}

// Snippet lengths, in characters. A result shows a line or two of its
// section around the words found, which search.js looks for in the text
// kept: snippetDoc characters of each page, shared among its sections
// (see share), and while they last no section cut shorter than
// snippetSection. Most pages are kept whole, and a chunk of ChunkDocs
// pages stays a few tens of kilobytes.
const (
	snippetSection = 200
	snippetDoc     = 3000
)

// appendDoc appends d as its chunk lists it (a chunk is a JSON array of
// documents), a JSON array:
// [url, title, type, path, chain, [[id, heading, text], ...]], the text
// of the sections clipped to snippets.
func appendDoc(b []byte, d *Doc) []byte {
	b = append(b, '[')
	for _, s := range []string{d.URL, d.Title, d.Type, d.Path, d.Chain} {
		b = appendString(b, s)
		b = append(b, ',')
	}
	b = append(b, '[')
	first := ""
	if len(d.Sections) > 0 {
		first = d.Sections[0].Text
		if d.Fields != "" {
			first = strings.TrimSpace(d.Fields + " " + first)
		}
	}
	var lens [16]int
	sizes := lens[:0]
	for j, s := range d.Sections {
		if j == 0 {
			s.Text = first
		}
		sizes = append(sizes, utf8.RuneCountInString(s.Text))
	}
	most := max(share(sizes, snippetDoc), snippetSection)
	left := snippetDoc
	// The clipped text of a section, made here for each section in turn.
	var clipped []byte
	for j, s := range d.Sections {
		if j == 0 {
			s.Text = first
		}
		clipped = appendClip(clipped[:0], s.Text, min(most, max(left, 0)))
		left -= utf8.RuneCount(clipped)
		if j > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, s.ID)
		b = append(b, ',')
		b = appendString(b, s.Heading)
		b = append(b, ',')
		b = appendString(b, clipped)
		b = append(b, ']')
	}
	return append(b, ']', ']')
}

// share returns the most characters each of texts of the given sizes may
// keep for all of them to keep no more than n: short ones are kept whole,
// and the long ones share what they leave. It sorts sizes.
func share(sizes []int, n int) int {
	slices.Sort(sizes)
	for i, size := range sizes {
		if rest := len(sizes) - i; size*rest > n {
			return n / rest
		}
		n -= size
	}
	// All fit whole.
	return n + slices.Max(append(sizes, 0))
}

// appendClip appends to dst text with spaces collapsed, cut to about n
// characters at a space. A line break after a line that does not end a
// sentence (a table row, a list item, a heading-like line) becomes " · ",
// so that a snippet's rows and items do not run together as one phrase.
func appendClip(dst []byte, text string, n int) []byte {
	// No more than n characters are kept: look no further than the most
	// bytes they and the spaces between them may take.
	if limit := 8*n + 8; len(text) > limit {
		text = text[:limit]
	}
	// Collapse spaces as strings.Fields does, but only as far as the n+1
	// characters that decide the cut.
	start := len(dst)
	chars := 0
	space, newline := true, false // space: at the start, or after a space
	var last rune                 // the last character kept
	for i := 0; i < len(text) && chars <= n; {
		c, size, isSpace := rune(text[i]), 1, false
		if c < utf8.RuneSelf {
			isSpace = asciiSpace[c]
		} else {
			c, size = utf8.DecodeRuneInString(text[i:])
			isSpace = unicode.IsSpace(c)
		}
		if !isSpace {
			if space && len(dst) > start {
				if newline && !endsSentence(last) {
					dst = append(dst, " ·"...)
					chars += 2
				}
				dst = append(dst, ' ')
				chars++
			}
			// The bytes as they are, invalid UTF-8 included, as
			// strings.Fields keeps them.
			dst = append(dst, text[i:i+size]...)
			chars++
			last, newline = c, false
		}
		newline = newline || c == '\n'
		space = isSpace
		i += size
	}
	if chars <= n {
		return dst
	}
	b := dst[start:]
	cut := 0
	for i := range string(b) {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := bytes.LastIndexByte(b[:cut], ' '); sp > cut/2 {
		cut = sp
		// A cut after a row's " ·" drops the dot with it.
		if bytes.HasSuffix(b[:cut], []byte(" ·")) {
			cut -= len(" ·")
		}
	}
	return append(dst[:start+cut], "…"...)
}

// endsSentence reports whether a line ending in c ends a sentence or a
// clause, so that the next line may follow it after a plain space.
func endsSentence(c rune) bool {
	switch c {
	case '.', '!', '?', ':', ';', ',', '…', '。', '！', '？':
		return true
	}
	return false
}

// asciiSpace holds the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
