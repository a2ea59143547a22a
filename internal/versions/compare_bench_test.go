package versions

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// BenchmarkWordDiff diffs a text of 2,000 and of 20,000 words against
// itself with a few changes: three words replaced, a phrase added and a
// sentence dropped, spread over the text, as an author edits a long page.
// It reports the bytes marked changed besides the time: a diff that gives
// up marks the whole text, fast but useless to a reader.
func BenchmarkWordDiff(b *testing.B) {
	for _, n := range []int{2_000, 20_000} {
		a, c := editedText(n)
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			var out string
			for b.Loop() {
				out = string(wordDiff(a, c))
			}
			b.ReportMetric(float64(markedBytes(out)), "marked-bytes")
		})
	}
}

// editedText returns a text of n words and a copy with a few changes.
func editedText(n int) (before, after string) {
	vocabulary := strings.Fields("the a customer quote promise call within hour day team price fixed " +
		"service sales we our you back before noon survey install visit every region account")
	r := rand.New(rand.NewPCG(9, 9))
	ws := make([]string, n)
	for i := range ws {
		ws[i] = vocabulary[r.IntN(len(vocabulary))]
		if i%12 == 11 {
			ws[i] += "."
		}
	}
	edited := slices.Clone(ws)
	for _, i := range []int{n / 5, n / 2, n * 4 / 5} {
		edited[i] = "changed"
	}
	edited = slices.Insert(edited, n/3, "with", "no", "hidden", "fees")
	edited = slices.Delete(edited, n*2/3, n*2/3+12)
	return strings.Join(ws, " "), strings.Join(edited, " ")
}

// markedBytes returns the bytes inside <del> and <ins> in a word diff.
func markedBytes(out string) int {
	n := 0
	for _, tag := range []string{"del", "ins"} {
		for rest := out; ; {
			i := strings.Index(rest, "<"+tag+">")
			if i < 0 {
				break
			}
			rest = rest[i+len(tag)+2:]
			end := strings.Index(rest, "</"+tag+">")
			n += end
			rest = rest[end:]
		}
	}
	return n
}
