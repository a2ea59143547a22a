package versions

import (
	"fmt"
	"html"
	"strings"
	"testing"
)

// FuzzWordDiff checks the word diff of What changed on any two texts by
// what it shows, not by how it finds it: the markup is text, <del> and
// <ins> only; the text outside <ins> reads as the old text but for its
// spaces, and the text outside <del> as the new one; and two texts whose
// words are the same show no change.
//
//	go test -run XXX -fuzz FuzzWordDiff ./internal/versions
func FuzzWordDiff(f *testing.F) {
	for _, seed := range [][2]string{
		{"Call before noon, hear back today.", "Call before noon, hear back within the hour."},
		{"Fish & chips", "Fish & <b>chips</b>"},
		{"", "New words."},
		{"Old words.", ""},
		{"  leading and trailing  ", "leading\tand\ntrailing"},
		{"one two three", "three two one"},
		{"a\r\nb", "a\nb"},
		{"Café — naïve", "Cafe - naive"},
		{"nul\x00byte", "nul byte"},
		{"\xff\xfe broken", "\xff broken"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		out := string(wordDiff(a, b))
		old, new, changes, err := readDiff(out)
		if err != nil {
			t.Fatalf("wordDiff(%q, %q) = %q: %v", a, b, out, err)
		}
		if want := escaped(a); !sameWords(old, want) {
			t.Errorf("wordDiff(%q, %q) = %q: old side reads %q", a, b, out, old)
		}
		if want := escaped(b); new != want {
			t.Errorf("wordDiff(%q, %q) = %q: new side reads %q", a, b, out, new)
		}
		if sameWords(a, b) && changes > 0 {
			t.Errorf("wordDiff(%q, %q) = %q: a change between texts of the same words", a, b, out)
		}
	})
}

// escaped is s as it reads once escaped for HTML and read back: the
// escaping shows a NUL byte as U+FFFD.
func escaped(s string) string { return strings.ReplaceAll(s, "\x00", "\uFFFD") }

// readDiff reads the markup of a word diff: escaped text, and escaped
// text in <del> or <ins>, none empty. It returns the old text (all but
// the insertions), the new one (all but the deletions), and the number of
// deletions and insertions.
func readDiff(out string) (old, new string, changes int, err error) {
	var o, n strings.Builder
	for out != "" {
		i := strings.IndexByte(out, '<')
		if i < 0 {
			i = len(out)
		}
		text := html.UnescapeString(out[:i])
		o.WriteString(text)
		n.WriteString(text)
		out = out[i:]
		if out == "" {
			break
		}
		var tag string
		switch {
		case strings.HasPrefix(out, "<del>"):
			tag = "del"
		case strings.HasPrefix(out, "<ins>"):
			tag = "ins"
		default:
			return "", "", 0, fmt.Errorf("unexpected markup at %q", out)
		}
		out = out[len("<del>"):]
		end := strings.Index(out, "</"+tag+">")
		if end < 0 {
			return "", "", 0, fmt.Errorf("<%s> not closed", tag)
		}
		if end == 0 {
			return "", "", 0, fmt.Errorf("an empty <%s>", tag)
		}
		if strings.Contains(out[:end], "<") {
			return "", "", 0, fmt.Errorf("markup inside <%s>: %q", tag, out[:end])
		}
		text = html.UnescapeString(out[:end])
		if tag == "del" {
			o.WriteString(text)
		} else {
			n.WriteString(text)
		}
		changes++
		out = out[end+len("</"+tag+">"):]
	}
	return o.String(), n.String(), changes, nil
}

// TestWordDiffOfLongTexts: a long text against none, or against one word,
// is diffed with a handful of allocations, not one for each of its words.
func TestWordDiffOfLongTexts(t *testing.T) {
	long := strings.Repeat("word ", 20_000)
	for _, other := range []string{"", "word"} {
		allocs := testing.AllocsPerRun(3, func() { wordDiff(long, other) })
		if allocs > 100 {
			t.Errorf("20,000 words against %q: %.0f allocations", other, allocs)
		}
	}
}

// TestWordDiffOfFewChanges: a text of 2,000 words with a few changes
// spread over it shows those changes, not the whole text replaced.
func TestWordDiffOfFewChanges(t *testing.T) {
	a, b := editedText(2_000)
	out := string(wordDiff(a, b))
	if _, _, changes, err := readDiff(out); err != nil || changes != 8 {
		t.Errorf("%d deletions and insertions (%v), want 8: three words replaced, a phrase added, a sentence dropped", changes, err)
	}
	if n := markedBytes(out); n > 200 {
		t.Errorf("%d bytes marked changed of %d, want the few changed words", n, len(a))
	}
}
