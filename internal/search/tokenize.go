package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds s for matching: accents and other combining marks
// removed (NFD, marks dropped, NFC again so that Hangul syllables stay
// whole), lower case, and the letters that have no accent to drop
// written as a keyboard without them writes them (ß as ss, ł as l, œ as
// oe), so that "Résumé" and "resume", "Straße" and "strasse", "Łódź"
// and "lodz" are one word. The theme's search.js folds queries the same
// way.
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
	return letters.Replace(strings.ToLower(norm.NFC.String(b.String())))
}

// letters writes the letters NFD leaves whole as they are typed without
// them; search.js has the same table.
var letters = strings.NewReplacer("ß", "ss", "ł", "l", "œ", "oe", "æ", "ae", "ø", "o", "đ", "d", "ð", "d", "þ", "th", "ı", "i", "ħ", "h")

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
// would match nearly every page. Words joined by hyphens or apostrophes
// are a term written as one too (see compound).
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

// A compound joins the runs of letters of a word written with hyphens or
// apostrophes, as readers spell it either way: "e-mail" is the term
// "email" too, and each of its parts a term ("mail"), so that "email"
// and "e-mail" find each other and "mail" still finds "e-mail"; "don't" is
// "dont" alone, its parts being no words, and a possessive "'s" is
// dropped ("customer's" is "customer"). search.js joins a query's words
// the same way.
type compound struct {
	// joined holds the runs so far, without their joiners; part is where
	// the run after the last hyphen begins in it.
	joined []byte
	part   int
	// hyphen is set once a hyphen joined two runs, apostrophe when the
	// last joiner was one.
	hyphen, apostrophe bool
}

// Joiners: a run of letters followed by one of these and another run
// makes a compound.
const (
	notJoined = iota
	byHyphen
	byApostrophe
)

// joinRun adds run w, followed by joiner join, to c, calling f with the
// terms of c when it is complete (join is notJoined). A term is good
// until f returns. A plain word, joined to none, needs no compound.
func joinRun[T string | []byte](c *compound, w T, join int, f func([]byte)) {
	// A possessive's s ends no word of its own.
	if !(c.apostrophe && join == notJoined && len(w) == 1 && w[0] == 's') {
		c.joined = append(c.joined, w...)
	}
	c.apostrophe = join == byApostrophe
	if join == byApostrophe {
		return
	}
	if c.hyphen || join == byHyphen {
		keepTerm(c.joined[c.part:], f)
	}
	if join == byHyphen {
		c.part, c.hyphen = len(c.joined), true
		return
	}
	keepTerm(c.joined, f)
	c.joined, c.part, c.hyphen = c.joined[:0], 0, false
}

// keepTerm calls f with w unless it is a single character or a stop-word.
func keepTerm(w []byte, f func([]byte)) {
	if len(w) > 1 && (len(w) > maxStopWord || !isStopWord(w)) && (len(w) > 4 || utf8.RuneCount(w) > 1) {
		f(w)
	}
}

// joinerAt returns the joiner of runs at s[i:] (a hyphen or an apostrophe
// followed by a letter or a digit not of CJK), and its length in bytes;
// notJoined and 0 if there is none.
func joinerAt(s string, i int) (int, int) {
	if i >= len(s) {
		return notJoined, 0
	}
	join, n := notJoined, 0
	switch {
	case s[i] == '-':
		join, n = byHyphen, 1
	case s[i] == '\'':
		join, n = byApostrophe, 1
	case strings.HasPrefix(s[i:], "\u2010"), strings.HasPrefix(s[i:], "\u2011"):
		join, n = byHyphen, len("\u2010")
	case strings.HasPrefix(s[i:], "\u2019"):
		join, n = byApostrophe, len("\u2019")
	default:
		return notJoined, 0
	}
	if i+n >= len(s) {
		return notJoined, 0
	}
	if c := s[i+n]; c < utf8.RuneSelf {
		if asciiWord[c] {
			return join, n
		}
		return notJoined, 0
	}
	if r, _ := utf8.DecodeRuneInString(s[i+n:]); isWordRune(r) && !IsCJK(r) {
		return join, n
	}
	return notJoined, 0
}

// eachTextTerm is eachTerm for any text.
func eachTextTerm(s string, f func(string)) {
	var c compound
	emit := func(t []byte) { f(string(t)) }
	for i := 0; i < len(s); {
		n, word, cjk := runeAt(s, i)
		if !word {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			n, word, c := runeAt(s, j)
			if !word || c != cjk {
				break
			}
			j += n
		}
		if cjk {
			bigrams(s[i:j], f)
			i = j
			continue
		}
		join, n := joinerAt(s, j)
		if join == notJoined && len(c.joined) == 0 {
			// A plain word, most words: no copy.
			if w := s[i:j]; utf8.RuneCountInString(w) > 1 && (len(w) > maxStopWord || !isStopWord(w)) {
				f(w)
			}
		} else {
			joinRun(&c, s[i:j], join, emit)
		}
		i = j + n
	}
}

// runeAt returns the length of the character at s[i], and whether it is a
// letter or a digit, and of CJK: most text is ASCII, which a table says.
func runeAt(s string, i int) (n int, word, cjk bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, asciiWord[c], false
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if !isWordRune(r) {
		return n, false, false
	}
	return n, true, IsCJK(r)
}

// eachASCIITerm is eachTerm for ASCII text, most text: its words are runs
// of letters and digits, and none is CJK.
func eachASCIITerm(s string, f func(string)) {
	var buf []byte
	eachLowerTerm(s, &buf, func(t []byte) { f(string(t)) })
}

// eachLowerTerm is eachTerm for ASCII text not yet lowered: it lowers
// each word into *buf and calls f with it, so that a page's text is not
// copied whole to be lowered. The term is good until f returns.
func eachLowerTerm(s string, buf *[]byte, f func([]byte)) {
	var c compound
	for i := 0; i < len(s); {
		for i < len(s) && !asciiWord[s[i]] {
			i++
		}
		if i == len(s) {
			break
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
		join := notJoined
		if i+1 < len(s) && asciiWord[s[i+1]] {
			switch s[i] {
			case '-':
				join = byHyphen
			case '\'':
				join = byApostrophe
			}
		}
		if join == notJoined && len(c.joined) == 0 {
			keepTerm(w, f)
		} else {
			joinRun(&c, w, join, f)
		}
		if join != notJoined {
			i++
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
