package site

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/ with the output")

// reportProblems are problems of every shape a format must carry: with and
// without a line, column, file or check, and messages holding what GitHub's
// workflow commands must escape (%, a newline, a carriage return, ":" and
// ","), in a file name too, and what JSON would escape as HTML ("<", "&"),
// which it writes as it is.
var reportProblems = Problems{
	{File: "content/a.md", Line: 12, Col: 5, Msg: `broken link "../x.md#why": no page or file at content/x.md`, Check: "broken-link"},
	{File: "content/b.md", Line: 3, Msg: "missing \"promise\": a promise page must have one"},
	{File: "content/c, d.md", Line: 1, Msg: `promise "c" has a sales gap: no sales behaviour fulfils it`, Warning: true, Check: "chain-gap"},
	{File: "content/e.md", Line: 2, Msg: "100% sure: line one\nline two\r\nthree", Check: "review-overdue", Warning: true},
	{File: "content/f.md", Line: 4, Col: 1, Msg: `broken link {{< ref "x.md" >}}: no page x.md & no <x>`, Check: "broken-link"},
	{File: "site.toml", Msg: "a problem of the whole file"},
	{Msg: "no file to blame"},
}

// TestWriteProblemsGolden writes reportProblems in each format and
// compares the output with testdata/report.FORMAT.
func TestWriteProblemsGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteProblems(&b, format, reportProblems, "docs/"); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "report."+format)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s (go test -update to accept):\n%s", golden, b.String())
			}
		})
	}
}

func TestJSONParsesBackToTheProblems(t *testing.T) {
	var b bytes.Buffer
	if err := WriteProblems(&b, FormatJSON, reportProblems, ""); err != nil {
		t.Fatal(err)
	}
	var got []jsonProblem
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if len(got) != len(reportProblems) {
		t.Fatalf("%d objects, want %d", len(got), len(reportProblems))
	}
	for i, p := range reportProblems {
		g := got[i]
		if g.File != p.File || g.Line != p.Line || g.Column != p.Col || g.Message != p.Msg || g.Check != p.CheckName() || g.Severity != p.Severity() {
			t.Errorf("object %d = %+v, want %+v", i, g, p)
		}
	}
	b.Reset()
	if err := WriteProblems(&b, FormatJSON, nil, ""); err != nil || b.String() != "[]\n" {
		t.Errorf("no problems: %q, %v; want an empty array", b.String(), err)
	}
}

// TestCheckName: a problem met reading a file is named by what the file
// is, for a program reading the report to sort problems by.
func TestCheckName(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "content/a.md", Check: "broken-link"}, "broken-link"},
		{Problem{File: "content/a.md"}, "page"},
		{Problem{File: "site.toml"}, "config"},
		{Problem{File: "layouts/page.html"}, "layout"},
		{Problem{File: "themes/x/layouts/page.html"}, "layout"},
		{Problem{File: "static/a.css"}, "static"},
		{Problem{File: "themes/x/static/index.html"}, "static"},
		{Problem{}, ""},
	} {
		if got := c.p.CheckName(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
}

func TestGitHubCommandEscapes(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Problem
		want string
	}{
		{"percent, newline and carriage return in the message",
			Problem{File: "content/a.md", Line: 2, Msg: "50%\r\nmore", Check: "x"},
			"::error file=content/a.md,line=2,title=playbook x::50%25%0D%0Amore"},
		{"colon and comma are kept in the message",
			Problem{File: "content/a.md", Line: 2, Col: 9, Msg: "a: b, c"},
			"::error file=content/a.md,line=2,col=9,title=playbook page::a: b, c"},
		{"colon, comma and percent are escaped in a property",
			Problem{File: "content/a:b, 5%.md", Line: 1, Msg: "m", Warning: true},
			"::warning file=content/a%3Ab%2C 5%25.md,line=1,title=playbook page::m"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := GitHubCommand(c.p, ""); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}
