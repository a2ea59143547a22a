package markdown

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Pack moves what only rendering needs of d, its headings, links, ids and
// where the links go in its HTML, out of memory into the Converter's
// Spill, until Unpacked reads them back. A build holds every page's Doc
// from loading the site to rendering its last page; these, with their
// strings, were a third of it. Without a Spill, or for a refused
// document, it does nothing. The title and its id stay: a page shows them.
//
// Pack is for a document whose links are all set (SetDest) and that is
// not parsed, checked or changed again; a packed document is rendered
// through Unpacked.
func (c *Converter) Pack(d *Doc) {
	if c.spill == nil || d.refused || d.packed {
		return
	}
	b := packBufs.Get().(*[]byte)
	defer packBufs.Put(b)
	*b = d.appendPacked((*b)[:0])
	d.rest = c.spill.Keep(*b)
	// The title and its id are pieces of the strings of the rest: copies
	// of their own let those go.
	d.Title, d.TitleID = strings.Clone(d.Title), strings.Clone(d.TitleID)
	d.Headings, d.Links, d.IDs, d.holes = nil, nil, nil, nil
	d.packed = true
}

// Unpacked returns d with what Pack moved out read back, as a copy of its
// own; d itself if it is not packed.
func (c *Converter) Unpacked(d *Doc) (*Doc, error) {
	if !d.packed {
		return d, nil
	}
	u := *d
	u.packed = false
	if err := withBlob(d.rest, u.readPacked); err != nil {
		return nil, fmt.Errorf("read headings and links: %w", err)
	}
	return &u, nil
}

// appendPacked appends d's headings, links, ids and holes to b: counts
// and numbers as unsigned varints, strings as their length and bytes.
func (d *Doc) appendPacked(b []byte) []byte {
	num := func(n int) { b = binary.AppendUvarint(b, uint64(n)) }
	str := func(s string) { num(len(s)); b = append(b, s...) }
	num(len(d.Headings))
	for _, h := range d.Headings {
		str(h.ID)
		str(h.Text)
		num(int(h.Pos.Line))
		num(int(h.Pos.Col))
		num(int(h.Level))
	}
	num(len(d.Links))
	for _, l := range d.Links {
		str(l.Dest)
		str(l.url)
		num(int(l.Pos.Line))
		num(int(l.Pos.Col))
		flags := 0
		if l.Image {
			flags |= 1
		}
		if l.raw {
			flags |= 2
		}
		switch l.Ref {
		case Ref:
			flags |= 4
		case RelRef:
			flags |= 8
		}
		num(flags)
	}
	num(len(d.IDs))
	for _, id := range d.IDs {
		str(id)
	}
	num(len(d.holes))
	for _, h := range d.holes {
		num(int(h.off))
		num(int(h.link))
	}
	return b
}

// readPacked sets d's headings, links, ids and holes from b, as
// appendPacked wrote them. Their strings are pieces of one.
func (d *Doc) readPacked(b []byte) error {
	all := string(b)
	at := 0
	bad := false
	num := func() int {
		n, k := binary.Uvarint(b[at:])
		if k <= 0 || n > 1<<31 {
			bad = true
			return 0
		}
		at += k
		return int(n)
	}
	str := func() string {
		n := num()
		if bad || n > len(b)-at {
			bad = true
			return ""
		}
		s := all[at : at+n]
		at += n
		return s
	}
	count := func() int {
		n := num()
		if n > len(b) {
			// Each takes a byte at least.
			bad = true
			return 0
		}
		return n
	}
	if n := count(); n > 0 {
		d.Headings = make([]Heading, n)
		for i := range d.Headings {
			h := &d.Headings[i]
			h.ID, h.Text = str(), str()
			h.Pos = Pos{Line: int32(num()), Col: int32(num())}
			h.Level = int8(num())
		}
	}
	if n := count(); n > 0 {
		d.Links = make([]Link, n)
		for i := range d.Links {
			l := &d.Links[i]
			l.Dest, l.url = str(), str()
			l.Pos = Pos{Line: int32(num()), Col: int32(num())}
			flags := num()
			l.Image, l.raw = flags&1 != 0, flags&2 != 0
			switch {
			case flags&4 != 0:
				l.Ref = Ref
			case flags&8 != 0:
				l.Ref = RelRef
			}
		}
	}
	if n := count(); n > 0 {
		d.IDs = make([]string, n)
		for i := range d.IDs {
			d.IDs[i] = str()
		}
	}
	if n := count(); n > 0 {
		d.holes = make([]hole, n)
		for i := range d.holes {
			d.holes[i] = hole{off: int32(num()), link: int32(num())}
			// Calls stay in memory: a call's marks follow the links.
			if int(d.holes[i].link) >= len(d.Links)+2*len(d.Calls) {
				bad = true
			}
		}
	}
	if bad || at != len(b) {
		return errors.New("packed data damaged")
	}
	return nil
}

// packBufs holds the buffers Pack writes into before they are kept.
var packBufs = sync.Pool{New: func() any { return new([]byte) }}
