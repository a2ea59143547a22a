package markdown

// Hugo's ref and relref shortcodes as link destinations. A handbook moved
// from Hugo links its pages as [the quote process]({{< ref "sales/quote.md" >}})
// or, through a definition, [quote]: {{< relref "quote" >}}. Goldmark takes
// no destination with spaces and leaves such a link as text; so the source
// it parses has each of those shortcodes replaced by a mark of the same
// length that it reads as a destination (see markRefs), and the Link made
// of it names the shortcode's path and that it is Hugo's (Link.Ref): the
// site resolves it as Hugo does.

import (
	"bytes"
	"regexp"
	"strconv"
	"sync"
)

// refShortcode matches Hugo's ref or relref shortcode at the start of its
// input, as a Hugo site links to its pages: {{< ref "sales/quote.md" >}},
// {{% relref "quote#deposits" %}}, {{< ref quote >}}, and with named
// parameters {{< ref path="quote" lang="en" >}}: a site of one language
// reads the path alone. The groups are the opening delimiter, the name,
// the path quoted or not, and the closing delimiter.
var refShortcode = regexp.MustCompile(`^\{\{([<%])\s*(ref|relref)` + refParams + `\s+(?:path=)?(?:"([^"\n]*)"|([^\s"<>%{}=]+))` + refParams + `\s*([>%])\}\}`)

// refParams matches the named parameters of ref and relref other than
// the path, before or after it.
const refParams = `(?:\s+(?:lang|outputFormat)="[^"\n]*")*`

// A hugoRef is a ref or relref shortcode that markRefs marked.
type hugoRef struct {
	// off is the offset of its "{{" in the source.
	off int
	// kind is Ref or RelRef.
	kind RefKind
	// path is the path it gives, with its fragment, as written: a piece
	// of the source.
	path []byte
	// linked marks one that became a link's destination.
	linked bool
}

// The bytes a mark of markRefs starts and ends its number with: no UTF-8
// holds them, and parse makes the source UTF-8 first.
const refMarkByte = 0xfe

// markRefs returns the source goldmark is to parse: src with each ref or
// relref shortcode that is a link's destination ("](" before it) or a
// link reference definition's ("[label]: " before it on its line)
// replaced by "<", refMarkByte, its index in refs, refMarkByte, spaces,
// and ">": a destination goldmark reads, as long as the shortcode, so
// that every offset stays as it is. Where the mark is no link's
// destination (in code, or in text) the page renders src, as written. It
// returns src itself when there is no such shortcode: a page without
// "{{" pays one look for it. Otherwise the copy is from markBufs, to put
// back once the parse is over.
func markRefs(src []byte) ([]byte, []hugoRef) {
	var out []byte
	var refs []hugoRef
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte("{{"))
		if i < 0 {
			break
		}
		i += at
		at = i + 2
		m := refShortcode.FindSubmatchIndex(src[i:])
		if m == nil || (src[i+m[2]] == '<') != (src[i+m[10]] == '>') || !refPlace(src, i) {
			continue
		}
		var buf [24]byte
		mark := append(buf[:0], '<', refMarkByte)
		mark = strconv.AppendInt(mark, int64(len(refs)), 10)
		mark = append(mark, refMarkByte)
		if len(mark)+1 > m[1] {
			continue // cannot happen: the shortest shortcode is 12 bytes
		}
		path := m[6:8]
		if path[0] < 0 {
			path = m[8:10]
		}
		kind := Ref
		if m[5]-m[4] > len("ref") {
			kind = RelRef
		}
		refs = append(refs, hugoRef{off: i, kind: kind, path: src[i+path[0] : i+path[1]]})
		if out == nil {
			b := markBufs.Get().(*[]byte)
			out = append((*b)[:0], src...)
		}
		copy(out[i:], mark)
		for j := i + len(mark); j < i+m[1]-1; j++ {
			out[j] = ' '
		}
		out[i+m[1]-1] = '>'
		at = i + m[1]
	}
	if out == nil {
		return src, nil
	}
	return out, refs
}

// refPlace reports whether the shortcode at src[i:] is where a link's
// destination goes: after "](" and spaces, or after "[label]:" and spaces
// at the start of a line (in a quote or not).
func refPlace(src []byte, i int) bool {
	before := bytes.TrimRight(src[:i], " \t")
	if bytes.HasSuffix(before, []byte("](")) {
		return true
	}
	if !bytes.HasSuffix(before, []byte("]:")) {
		return false
	}
	// A label holds no bracket: the look back stops at the one before,
	// so that a line of many "]: {{< ref" costs no more than its length.
	open := bytes.LastIndexAny(before[:len(before)-2], "[]\n")
	if open < 0 || before[open] != '[' {
		return false
	}
	lineStart := bytes.TrimRight(before[:open], " \t>")
	return len(lineStart) == 0 || lineStart[len(lineStart)-1] == '\n'
}

// markBufs holds the copies of pages markRefs marks: a handbook from
// Hugo has refs on most of its pages.
var markBufs = sync.Pool{New: func() any { return new([]byte) }}

// markedRef returns the ref whose mark dest is, marked linked, or nil if
// dest is no mark.
func (p *parsing) markedRef(dest []byte) *hugoRef {
	if len(dest) < 3 || dest[0] != refMarkByte {
		return nil
	}
	i := 0
	for _, c := range dest[1:] {
		if c == refMarkByte {
			break
		}
		if c < '0' || c > '9' || i > len(p.hugoRefs) {
			return nil
		}
		i = 10*i + int(c-'0')
	}
	if i >= len(p.hugoRefs) {
		return nil
	}
	r := &p.hugoRefs[i]
	r.linked = true
	return r
}
