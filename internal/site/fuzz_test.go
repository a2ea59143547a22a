package site

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary bytes as a page beside a small connected site:
// Load must never panic, every problem must name a file and a line, and
// a load for the problems alone (ParseOnly, as check does) must find the
// same ones.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"",
		"+++\n",
		"---\n---\n",
		"+++\ntitle = \"A\"\ntype = \"promise\"\npromise = \"p\"\n+++\n# T\n",
		"---\ntype: behaviour\nstage: sales\nfulfils: [fast, fast, a]\n---\n[x](#y)\n",
		"+++\ntype = \"competitor\"\ncompetitor = \"C\"\n[[gaps]]\npromise = 3\n+++\n",
		"+++\ntype = \"competitor\"\ncompetitor = \"C\"\n[[gaps]]\narea = \"A\"\npromise = \"fast\"\nlandmines = 1\n[[objections]]\nresponse = \"R\"\n+++\n",
		"---\ntype: competitor\ncompetitor: C\nwhy_we_win: [a, {b: c}]\nobjections:\n  - objection: O\n  - [x]\ngaps: &g\n  - {area: A, promise: fast}\n---\n",
		"+++\ntype = \"faq\"\nquestion = \"Q\"\ncompetitors = [\"fast\", \"a\", \"\"]\n+++\n",
		"+++\ntype = \"campaign\"\nstarts = 2026-01-01\nends = \"soon\"\n+++\n",
		"---\ntags: {a: b}\nweight: [1]\nreviewed: yesterday\n---\n",
		"> [!NOTE]\n> x\n\n[a](../../x.md) [b](<a b.md#c>) ![i](%zz)\n",
		"\xef\xbb\xbf+++\r\ntitle = \"bom\"\r\n+++\r\n",
		"# T <a name=\"x\"></a>\n\n[a](/) [b](/promises/fast/#x) [c](../b/) [d](promises) [e](/..//x) [f](#T-)\n<div id='y'>\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{"content/a.md": &fstest.MapFile{Data: page}}
		for name, data := range chainSite() {
			fsys[name] = &fstest.MapFile{Data: []byte(data)}
		}
		s, problems := Load(fsys, Options{Now: testNow})
		if s == nil || s.Home == nil {
			t.Fatal("no site")
		}
		for _, p := range problems {
			if p.File == "" || p.Line < 1 {
				t.Errorf("problem without a place: %+v", p)
			}
		}
		if _, only := Load(fsys, Options{Now: testNow, ParseOnly: true}); !reflect.DeepEqual(only, problems) {
			t.Errorf("ParseOnly finds other problems:\n got  %v\n want %v", only, problems)
		}
	})
}
