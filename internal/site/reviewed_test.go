package site

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var reviewDay = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func TestMarkReviewed(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"a TOML date is replaced, its comment kept",
			"+++\ntitle = \"A\"\nreviewed = 2025-01-02 # by Ann\nowner = \"x\"\n+++\nBody\n",
			"+++\ntitle = \"A\"\nreviewed = 2026-11-27 # by Ann\nowner = \"x\"\n+++\nBody\n"},
		{"a quoted TOML date keeps its quotes",
			"+++\nreviewed='2025-01-02'\n+++\n",
			"+++\nreviewed='2026-11-27'\n+++\n"},
		{"a YAML date is replaced",
			"---\ntitle: A\nreviewed:   2025-01-02\n---\n",
			"---\ntitle: A\nreviewed:   2026-11-27\n---\n"},
		{"a quoted YAML date keeps its quotes",
			"---\nreviewed: \"2025-01-02\"  # note\n---\n",
			"---\nreviewed: \"2026-11-27\"  # note\n---\n"},
		{"a missing TOML key is added after the title",
			"+++\n# comment\ntitle = \"A\"\nowner = \"x\"\n+++\n",
			"+++\n# comment\ntitle = \"A\"\nreviewed = 2026-11-27\nowner = \"x\"\n+++\n"},
		{"a missing YAML key is added after the title, with its line ending",
			"---\r\ntitle: A\r\ntags: [a]\r\n---\r\n",
			"---\r\ntitle: A\r\nreviewed: 2026-11-27\r\ntags: [a]\r\n---\r\n"},
		{"lines ended by a lone CR keep it",
			"+++\rtitle = \"A\"\rowner = \"x\"\r+++\rBody\r",
			"+++\rtitle = \"A\"\rreviewed = 2026-11-27\rowner = \"x\"\r+++\rBody\r"},
		{"without a title the key goes after the fence",
			"+++\nowner = \"x\"\n+++\n",
			"+++\nreviewed = 2026-11-27\nowner = \"x\"\n+++\n"},
		{"a key in a TOML table is not the page's",
			"+++\ntitle = \"A\"\n[params]\nreviewed = 2020-01-01\n+++\n",
			"+++\ntitle = \"A\"\nreviewed = 2026-11-27\n[params]\nreviewed = 2020-01-01\n+++\n"},
		{"a title over several lines is not split: the date goes after it",
			"+++\ntitle = \"\"\"A\nlong title\"\"\"\nowner = \"x\"\n+++\n",
			"+++\ntitle = \"\"\"A\nlong title\"\"\"\nreviewed = 2026-11-27\nowner = \"x\"\n+++\n"},
		{"a YAML title over several lines",
			"---\ntitle: |\n  A\n  long title\nowner: x\n---\n",
			"---\ntitle: |\n  A\n  long title\nreviewed: 2026-11-27\nowner: x\n---\n"},
		{"an indented TOML key is set where it is",
			"+++\ntitle = \"T\"\n\treviewed = 2020-01-01T00:00:00Z\n+++\n",
			"+++\ntitle = \"T\"\n\treviewed = 2026-11-27\n+++\n"},
		{"an empty YAML value is filled",
			"---\nreviewed:\n---\n",
			"---\nreviewed: 2026-11-27\n---\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := MarkReviewed("content/a.md", []byte(c.src), reviewDay)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}

func TestMarkReviewedRefuses(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"bad TOML", "+++\ntitle = \"A\"\nowner = \n+++\n", "content/a.md:3: front matter: "},
		{"bad YAML", "---\ntitle: A\n  owner: [\n---\n", "content/a.md:"},
		{"no front matter", "# A\n", "content/a.md:1: no front matter"},
		{"front matter never closed", "+++\ntitle = \"A\"\n", "content/a.md:1: front matter opened"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := MarkReviewed("content/a.md", []byte(c.src), reviewDay)
			var pe *ProblemError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error %v, want one starting %q", err, c.want)
			}
		})
	}
}

// TestMarkReviewedKeepsEveryOtherByte marks random front matter of both
// languages reviewed, and checks that only the line of "reviewed" differs:
// changed in place when it was there, added when it was not.
func TestMarkReviewedKeepsEveryOtherByte(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		yaml := i%2 == 1
		src, had := randomPage(r, yaml)
		got, err := MarkReviewed("content/a.md", []byte(src), reviewDay)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		a, b := splitLines([]byte(src)), splitLines(got)
		var diff []string
		switch {
		case had && len(a) == len(b):
			for j := range a {
				if !bytes.Equal(a[j], b[j]) {
					diff = append(diff, string(b[j]))
				}
			}
		case !had && len(b) == len(a)+1:
			j := 0
			for j < len(a) && bytes.Equal(a[j], b[j]) {
				j++
			}
			if !bytes.Equal(concat(a[j:]...), concat(b[j+1:]...)) {
				t.Fatalf("more than one line added:\n%q\n%q", src, got)
			}
			diff = append(diff, string(b[j]))
		default:
			t.Fatalf("%d lines became %d:\n%q\n%q", len(a), len(b), src, got)
		}
		if len(diff) != 1 || !strings.Contains(diff[0], "reviewed") || !strings.Contains(diff[0], "2026-11-27") {
			t.Fatalf("changed lines %q:\n%q\n%q", diff, src, got)
		}
		if !readsReviewed("content/a.md", got, reviewDay) {
			t.Fatalf("does not read back:\n%s", got)
		}
	}
}

// randomPage returns a page whose front matter holds keys in random order,
// quoting, spacing, comments and line endings, and whether it sets
// reviewed.
func randomPage(r *rand.Rand, yaml bool) (string, bool) {
	eol := "\n"
	if r.IntN(3) == 0 {
		eol = "\r\n"
	}
	sep, fence := " = ", "+++"
	if yaml {
		sep, fence = ": ", "---"
	}
	quote := func(s string) string {
		switch r.IntN(3) {
		case 0:
			return `"` + s + `"`
		case 1:
			return "'" + s + "'"
		}
		if yaml && !strings.Contains(s, ": ") {
			return s
		}
		return `"` + s + `"`
	}
	date := fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(20), 1+r.IntN(12), 1+r.IntN(28))
	lines := []string{
		"title" + sep + quote("A title, with: punctuation"),
		"owner" + sep + quote("Team "+fmt.Sprint(r.IntN(9))),
		"weight" + sep + fmt.Sprint(r.IntN(100)),
		"tags" + sep + `["a", "b"]`,
		"description" + sep + quote("reviewed = 2001-01-01 is not a key here"),
	}
	had := r.IntN(2) == 0
	if had {
		v := date
		if r.IntN(2) == 0 {
			v = quote(date)
		}
		spacing := []string{"", " ", "  "}[r.IntN(3)]
		lines = append(lines, "reviewed"+strings.TrimSpace(sep)+" "+spacing+v)
	}
	r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	var b strings.Builder
	b.WriteString(fence + eol)
	for _, l := range lines {
		if r.IntN(4) == 0 {
			b.WriteString("# a comment" + eol)
		}
		if r.IntN(5) == 0 {
			l += "  # trailing"
		}
		b.WriteString(l + eol)
	}
	b.WriteString(fence + eol + "Body, reviewed = 2000-01-01." + eol)
	return b.String(), had
}
