package markdown

import (
	"reflect"
	"strings"
	"testing"

	"playbook/internal/deflate"
)

// TestPack packs a document with every kind of heading, link (Hugo refs
// too) and id, and
// wants it back as it was from Unpacked: the same HTML, headings, links,
// ids and holes, the title and its id kept meanwhile, and no rendering
// of the packed document itself.
func TestPack(t *testing.T) {
	spill, err := deflate.NewSpill(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer spill.Close()
	c := New(Options{Sections: true, Unsafe: true, Spill: spill})
	src := "# Title {#top}\n\n## Über *uns* {#uber}\n\nSee [a](a.md#x), ![i](i.png \"t\") and <a href=\"raw.md\">raw</a>.[^1]\n\n### Déjà vu\n\n[ref][r] and [plain](https://example.com/), [hugo]({{< ref \"h.md\" >}}) and [rel]({{% relref \"h#y\" %}}).\n\n[r]: ../r.md\n[^1]: A note.\n"
	d, err := c.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d.Links[0].SetDest("../a/#x")
	d.Links[2].SetDest("../raw/")
	want, err := c.RenderString(d)
	if err != nil {
		t.Fatal(err)
	}
	if l := d.Links[len(d.Links)-1]; l.Ref != RelRef || l.Dest != "h#y" {
		t.Fatalf("last link %+v, want the relref to h#y", l)
	}
	before := *d
	before.Headings, before.Links, before.IDs, before.holes = append([]Heading(nil), d.Headings...), append([]Link(nil), d.Links...), append([]string(nil), d.IDs...), append([]hole(nil), d.holes...)

	c.Pack(d)
	if !d.packed || d.Headings != nil || d.Links != nil || d.IDs != nil || d.holes != nil {
		t.Fatalf("not packed: %+v", d)
	}
	if d.Title != "Title" || d.TitleID != "top" {
		t.Errorf("title %q, id %q after Pack", d.Title, d.TitleID)
	}
	if _, err := c.RenderString(d); err == nil || !strings.Contains(err.Error(), "packed") {
		t.Errorf("rendering a packed document: %v", err)
	}
	c.Pack(d) // twice is once

	u, err := c.Unpacked(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"headings", u.Headings, before.Headings},
		{"links", u.Links, before.Links},
		{"ids", u.IDs, before.IDs},
		{"holes", u.holes, before.holes},
	} {
		if !reflect.DeepEqual(f.got, f.want) {
			t.Errorf("%s: %+v, want %+v", f.name, f.got, f.want)
		}
	}
	if got, err := c.RenderString(u); err != nil || got != want {
		t.Errorf("HTML unpacked (%v):\n%s\nwant:\n%s", err, got, want)
	}
	secs, err := c.Sections(d)
	if err != nil || len(secs) != 3 {
		t.Errorf("sections of the packed document: %v, %+v", err, secs)
	}
	if !d.packed {
		t.Error("Unpacked changed the document")
	}

	// Without a Spill, nothing moves.
	plain := New(Options{})
	e := mustParse(t, plain, src)
	plain.Pack(e)
	if e.packed || len(e.Headings) != 2 {
		t.Errorf("packed without a spill: %+v", e)
	}
	if same, _ := plain.Unpacked(e); same != e {
		t.Error("Unpacked copied a document that was not packed")
	}
}

// TestReadPackedDamaged wants an error, not a panic, from bytes that are
// not what appendPacked wrote.
func TestReadPackedDamaged(t *testing.T) {
	d := mustParse(t, New(Options{}), "## A\n\n[b](b.md)\n")
	good := d.appendPacked(nil)
	for _, b := range [][]byte{nil, {0xff}, good[:len(good)-1], append(append([]byte(nil), good...), 0), {1, 200}, {0, 1, 5, 'x', 'y', 0, 0, 0}} {
		var e Doc
		if err := e.readPacked(b); err == nil {
			t.Errorf("readPacked(%q): no error", b)
		}
	}
	var e Doc
	if err := e.readPacked(good); err != nil || !reflect.DeepEqual(e.Headings, d.Headings) || !reflect.DeepEqual(e.Links, d.Links) {
		t.Errorf("readPacked of good bytes: %v, %+v %+v", err, e.Headings, e.Links)
	}
}
