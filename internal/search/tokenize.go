package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds s for matching: accents and other combining marks
// removed (NFD, marks dropped, NFC again so that Hangul syllables stay
// whole) and lower case, so that "Résumé" and "resume" are one word. The
// theme's search.js folds queries the same way.
func Normalize(s string) string {
	n, _ := normalize(s)
	return n
}

// normalize is Normalize, and reports whether s is ASCII (and so what it
// returns).
func normalize(s string) (string, bool) {
	// ASCII text, most text, needs only its capitals lowered: one pass
	// finds whether it is ASCII and where the first capital is.
	upper := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return normalizeText(s), false
		}
		if upper < 0 && 'A' <= c && c <= 'Z' {
			upper = i
		}
	}
	if upper < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:upper])
	for i := upper; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String(), true
}

// normalizeText is Normalize for text that is not ASCII.
func normalizeText(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(norm.NFC.String(b.String()))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsCJK reports whether r is a letter of a script written without spaces
// between words (Chinese, Japanese, Korean), which is indexed by
// overlapping pairs of characters rather than by words. Ranges rather
// than Unicode scripts, so that marks such as the katakana "ー" (of the
// Common script) count too; search.js uses the same ranges.
func IsCJK(r rune) bool {
	switch {
	case 0x2E80 <= r && r <= 0x9FFF, // radicals, kana, CJK ideographs
		0xAC00 <= r && r <= 0xD7AF,   // Hangul syllables
		0xF900 <= r && r <= 0xFAFF,   // compatibility ideographs
		0xFF66 <= r && r <= 0xFF9F,   // half-width katakana
		0x20000 <= r && r <= 0x3FFFF: // ideographs beyond the BMP
		return true
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// Terms returns the terms of text in order: each word, normalized, and
// for CJK text each pair of adjacent characters (a lone character on
// its own). Words of one character and stop-words are left out: they
// would match nearly every page.
func Terms(text string) []string {
	var terms []string
	eachTerm(Normalize(text), func(t string) { terms = append(terms, t) })
	return terms
}

// eachTerm calls f with each term of the normalized text s.
func eachTerm(s string, f func(string)) {
	if isASCII(s) {
		eachASCIITerm(s, f)
		return
	}
	eachTextTerm(s, f)
}

// eachTextTerm is eachTerm for any text.
func eachTextTerm(s string, f func(string)) {
	start, cjk := -1, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		if cjk {
			bigrams(w, f)
			return
		}
		if utf8.RuneCountInString(w) > 1 && (len(w) > maxStopWord || !isStopWord(w)) {
			f(w)
		}
	}
	for i, r := range s {
		if r < utf8.RuneSelf {
			// ASCII, most text: a word character or not, never CJK.
			if !asciiWord[r] {
				flush(i)
				continue
			}
			if start >= 0 && cjk {
				flush(i)
			}
			if start < 0 {
				start, cjk = i, false
			}
			continue
		}
		if !isWordRune(r) {
			flush(i)
			continue
		}
		c := IsCJK(r)
		if start >= 0 && c != cjk {
			flush(i)
		}
		if start < 0 {
			start, cjk = i, c
		}
	}
	flush(len(s))
}

// eachASCIITerm is eachTerm for ASCII text, most text: its words are runs
// of letters and digits, and none is CJK.
func eachASCIITerm(s string, f func(string)) {
	for i := 0; i < len(s); {
		for i < len(s) && !asciiWord[s[i]] {
			i++
		}
		j := i
		for j < len(s) && asciiWord[s[j]] {
			j++
		}
		if w := s[i:j]; len(w) > 1 && (len(w) > maxStopWord || !isStopWord(w)) {
			f(w)
		}
		i = j
	}
}

// eachLowerTerm is eachASCIITerm for ASCII text not yet lowered: it lowers
// each word into *buf and calls f with it, so that a page's text is not
// copied whole to be lowered. The term is good until f returns.
func eachLowerTerm(s string, buf *[]byte, f func([]byte)) {
	for i := 0; i < len(s); {
		for i < len(s) && !asciiWord[s[i]] {
			i++
		}
		w := (*buf)[:0]
		for ; i < len(s) && asciiWord[s[i]]; i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			w = append(w, c)
		}
		*buf = w
		if len(w) > 1 && (len(w) > maxStopWord || !isStopWord(w)) {
			f(w)
		}
	}
}

// bigrams calls f with each pair of adjacent characters of w, or with w
// if it is a single character.
func bigrams(w string, f func(string)) {
	_, first := utf8.DecodeRuneInString(w)
	if first == len(w) {
		f(w)
		return
	}
	for i := 0; i < len(w); {
		_, n := utf8.DecodeRuneInString(w[i:])
		_, m := utf8.DecodeRuneInString(w[i+n:])
		if m == 0 {
			break
		}
		f(w[i : i+n+m])
		i += n
	}
}

// StopWords are the English words too common to tell pages apart; they
// are not indexed, and search.js drops them from queries (it reads this
// list from the index).
var StopWords = []string{
	"a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
	"do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how",
	"i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
	"she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "to", "us", "was", "we", "were", "what", "when", "where",
	"which", "who", "will", "with", "would", "you", "your",
}

// asciiWord holds the ASCII characters isWordRune reports (and false for
// the other bytes, so that any byte indexes it).
var asciiWord = func() (w [256]bool) {
	for r := range rune(utf8.RuneSelf) {
		w[r] = isWordRune(r)
	}
	return w
}()

// maxStopWord is the length of the longest stop-word, in bytes: a longer
// word needs no look-up.
var maxStopWord = func() int {
	n := 0
	for _, w := range StopWords {
		n = max(n, len(w))
	}
	return n
}()

// stopWords is StopWords as an open-addressing table of the words packed
// into integers (see packWord): nearly every word of a text is as short as
// a stop-word, and a string map's hashing was a third of reading terms.
var stopWords = func() (table [256]uint64) {
	for _, w := range StopWords {
		i := stopSlot(packWord(w))
		for table[i] != 0 {
			i = (i + 1) % len(table)
		}
		table[i] = packWord(w)
	}
	return table
}()

// packWord returns the bytes of w, of at most 8 and none of them 0, as
// one integer, 0 for none.
func packWord[T string | []byte](w T) uint64 {
	var k uint64
	for i := 0; i < len(w); i++ {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// stopSlot is where a packed word's search of stopWords starts.
func stopSlot(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> 56) }

// isStopWord reports whether w, of at most maxStopWord bytes, is one of
// StopWords.
func isStopWord[T string | []byte](w T) bool {
	k := packWord(w)
	for i := stopSlot(k); stopWords[i] != 0; i = (i + 1) % len(stopWords) {
		if stopWords[i] == k {
			return true
		}
	}
	return false
}
