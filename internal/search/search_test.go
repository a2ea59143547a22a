package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"words are folded to lower case", "Fixed Price Quote", []string{"fixed", "price", "quote"}},
		{"accents are dropped", "Résumé à la Crème", []string{"resume", "la", "creme"}},
		{"stop-words and single letters are left out", "What is the price of a Q3 plan", []string{"price", "q3", "plan"}},
		{"numbers are words", "within 24 hours", []string{"within", "24", "hours"}},
		{"CJK text is indexed by pairs", "見積もり", []string{"見積", "積も", "もり"}},
		{"a lone CJK character is a term", "「見」", []string{"見"}},
		{"CJK and Latin are split apart", "SLA保証", []string{"sla", "保証"}},
		{"Hangul syllables stay whole", "한국어", []string{"한국", "국어"}},
		{"katakana long vowel mark is CJK", "サーバー", []string{"サー", "ーハ", "ハー"}}, // dakuten are marks
		{"Japanese with kanji and kana", "返金の条件", []string{"返金", "金の", "の条", "条件"}},
		{"punctuation separates words", "e-mail, (web)!", []string{"mail", "email", "web"}},
		{"hyphenated words are their parts and the parts as one", "Follow-up calls", []string{"follow", "up", "followup", "calls"}},
		{"a word with an apostrophe is its letters as one", "Don't promise", []string{"dont", "promise"}},
		{"a typographic apostrophe joins as the plain one", "Don’t promise what we can’t keep", []string{"dont", "promise", "cant", "keep"}},
		{"a possessive's s is dropped", "The customer's boiler", []string{"customer", "boiler"}},
		{"a hyphen between spaces joins nothing", "heat - pump", []string{"heat", "pump"}},
		{"a hyphen before a CJK word joins nothing", "SLA-保証", []string{"sla", "保証"}},
		{"accented compounds join too", "Arrière-pensée", []string{"arriere", "pensee", "arrierepensee"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Terms(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Résumé":   "resume",
		"ÅNGSTRÖM": "angstrom",
		"naïve":    "naive",
		"ガイド":      "カイト", // dakuten are combining marks too, in queries as in the index
		"plain":    "plain",
		// Letters with no accent to drop, as typed without them.
		"Straße": "strasse", "Łódź": "lodz", "cœur": "coeur", "Ærø": "aero", "Đakovo": "dakovo", "Þór": "thor",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// parse reads a file the index writes: its name and JSON.
func parse(t *testing.T, b []byte, v any) string {
	t.Helper()
	s := strings.TrimSuffix(string(b), ");\n")
	rest, ok := strings.CutPrefix(s, `playbookSearch.add("`)
	if !ok {
		t.Fatalf("not a register call: %.60s", b)
	}
	name, data, _ := strings.Cut(rest, `",`)
	if err := json.Unmarshal([]byte(data), v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return name
}

type manifestJSON struct {
	N        int              `json:"n"`
	K        int              `json:"k"`
	Bounds   []string         `json:"bounds"`
	Terms    map[string][]int `json:"terms"`
	Docs     [][]any          `json:"docs"`
	Types    [][2]string      `json:"types"`
	DocTypes string           `json:"doctypes"`
}

// postings decodes a term's postings into document and code pairs.
func postings(ps []int) [][2]int {
	var out [][2]int
	d := 0
	for i := 0; i < len(ps); i += 2 {
		d += ps[i]
		out = append(out, [2]int{d, ps[i+1]})
	}
	return out
}

func TestPostingsKeepTheBestField(t *testing.T) {
	docs := []Doc{
		{URL: "a/", Title: "Refund policy", Type: "page", TypeName: "Page", Sections: []Section{{Text: "Refunds and more."}}},
		{URL: "b/", Title: "Other", Type: "faq", TypeName: "FAQ", Fields: "A question: can I get a refund?", Sections: []Section{
			{Text: "Intro."},
			{ID: "why", Heading: "Why", Text: "A refund takes a day."},
			{ID: "how", Heading: "Refund steps", Text: "Ask."},
		}},
		{URL: "c/", Title: "Third", Type: "page", TypeName: "Page", Sections: []Section{
			{Text: "Nothing."},
			{ID: "one", Heading: "One", Text: "No match."},
			{ID: "two", Heading: "Two", Text: "The refund is here."},
		}},
		{URL: "d/", Title: "Fourth", Type: "page", TypeName: "Page", Sections: []Section{
			{Text: "Nothing."},
			{Heading: "No id", Text: "A refund."},
		}},
	}
	files := Build(docs)
	if len(files) != 1 {
		t.Fatalf("a small index is one file, got %d", len(files))
	}
	var m manifestJSON
	parse(t, files["index.js"], &m)
	got := postings(m.Terms["refund"])
	want := [][2]int{
		{0, at(0, FieldTitle)},   // the title wins over the body
		{1, at(2, FieldHeading)}, // a heading wins over the FAQ's question
		{2, at(2, FieldBody)},    // the section where it is found
		{3, at(0, FieldBody)},    // a heading without an id: the page
	}
	if !slices.Equal(got, want) {
		t.Errorf("postings of refund = %v, want %v", got, want)
	}
	if got := postings(m.Terms["question"]); !slices.Equal(got, [][2]int{{1, FieldType}}) {
		t.Errorf("postings of question = %v, want the FAQ's fields", got)
	}
	if m.DocTypes != "abaa" || m.Types[0] != [2]string{"page", "Page"} || m.Types[1] != [2]string{"faq", "FAQ"} {
		t.Errorf("types %v, doctypes %q; want page, faq and abaa", m.Types, m.DocTypes)
	}
}

func TestShards(t *testing.T) {
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"}
	var docs []Doc
	for i := range SingleFileDocs + 100 {
		text := words[i%len(words)] + " " + words[(i*7)%len(words)] + fmt.Sprintf(" w%d", i)
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Page %d", i), Type: "page", Sections: []Section{{Text: text}}})
	}
	files := Build(docs)
	l := LayoutFor(len(docs))
	if l.Shards == 0 {
		t.Fatal("a large index is split")
	}
	names := l.Names()
	if len(files) != len(names) {
		t.Fatalf("Build wrote %d files, the layout names %d", len(files), len(names))
	}
	var m manifestJSON
	parse(t, files["index.js"], &m)
	if m.Terms != nil || m.Docs != nil {
		t.Error("the manifest of a split index holds terms or documents")
	}
	if !slices.IsSorted(m.Bounds) || len(m.Bounds) > l.Shards {
		t.Fatalf("bounds %v: want at most %d, sorted", m.Bounds, l.Shards)
	}
	// Every term is in the shard the bounds lead to, and only there.
	seen := map[string]bool{}
	for i := range l.Shards {
		var terms map[string][]int
		name := parse(t, files[fmt.Sprintf("t%d.js", i)], &terms)
		if name != fmt.Sprintf("t%d", i) {
			t.Errorf("t%d.js registers as %s", i, name)
		}
		for term := range terms {
			if seen[term] {
				t.Errorf("%s is in two shards", term)
			}
			seen[term] = true
			if j := shardOf(m.Bounds, term); j != i {
				t.Errorf("%s is in shard %d, the bounds lead to %d", term, i, j)
			}
		}
	}
	for _, w := range append(words, "w0", fmt.Sprintf("w%d", len(docs)-1), "page") {
		if !seen[w] {
			t.Errorf("no shard holds %s", w)
		}
	}
	// Documents are in chunks of ChunkDocs, in order.
	var chunk [][]any
	parse(t, files["d1.js"], &chunk)
	if len(chunk) != ChunkDocs || chunk[0][0] != fmt.Sprintf("p%d/", ChunkDocs) {
		t.Errorf("d1.js holds %d documents from %v; want %d from p%d/", len(chunk), chunk[0][0], ChunkDocs, ChunkDocs)
	}
}

// shardOf is search.js's: the last shard whose first term is not after t.
func shardOf(bounds []string, t string) int {
	i, _ := slices.BinarySearch(bounds, t)
	if i < len(bounds) && bounds[i] == t {
		return i
	}
	return max(i-1, 0)
}

func TestShardsAreBalanced(t *testing.T) {
	var docs []Doc
	for i := range 2000 {
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Page %d", i), Sections: []Section{{Text: fmt.Sprintf("common words everywhere and term%d", i)}}})
	}
	files := Build(docs)
	shards := LayoutFor(len(docs)).Shards
	common := []string{"common", "words", "everywhere", "page"}
	total := 0
	for i := range shards {
		total += len(files[fmt.Sprintf("t%d.js", i)])
	}
	for i := range shards {
		b := files[fmt.Sprintf("t%d.js", i)]
		var terms map[string][]int
		parse(t, b, &terms)
		n := 0
		for _, c := range common {
			if terms[c] != nil {
				n++
			}
		}
		// A common word is larger than a shard's share, so it makes a
		// shard of its own (or nearly); the rest share theirs evenly.
		if n > 1 {
			t.Errorf("t%d.js holds %d of the common words", i, n)
		}
		if n == 0 && len(b) > 2*total/shards {
			t.Errorf("t%d.js is %d bytes, twice the mean %d", i, len(b), total/shards)
		}
	}
}

// clip is appendClip as a string.
func clip(text string, n int) string { return string(appendClip(nil, text, n)) }

func TestClip(t *testing.T) {
	if got := clip("one  two\tthree", 100); got != "one two three" {
		t.Errorf("spaces not collapsed: %q", got)
	}
	// Rows and items stay apart; a sentence's end needs no dot after it.
	if got := clip("Plan | Price\nBasic | 10\n\nPro | 20", 100); got != "Plan | Price · Basic | 10 · Pro | 20" {
		t.Errorf("rows run together: %q", got)
	}
	if got := clip("It ships.\nThen it runs", 100); got != "It ships. Then it runs" {
		t.Errorf("a dot after a sentence: %q", got)
	}
	if got := clip("alpha beta\ngamma delta", 13); got != "alpha beta…" {
		t.Errorf("a cut after a row drops its dot: %q", got)
	}
	if got := clip("alpha beta gamma delta", 12); got != "alpha beta…" {
		t.Errorf("clip at a space: %q", got)
	}
	if got := clip("見積もりの書き方", 3); got != "見積も…" {
		t.Errorf("clip of CJK: %q", got)
	}
}

// at encodes a posting's place as the index does: the section, then the
// field in the two low bits.
func at(section, field int) int { return section<<2 | field }

// TestEncodingMatchesStandardLibrary checks that the index's own string
// encoding and clipping write what encoding/json and
// strings.Fields do, so that the index's bytes stay the same.
func TestEncodingMatchesStandardLibrary(t *testing.T) {
	cases := []string{
		"", " ", "plain words", "  lead and trail  ", "tab\tand\nnew\r\nline\v\f",
		`quote " back \ slash`, "<b>bold</b> & co", "\x00\x01\x1f\x7f", "\b\f",
		"résumé café", "東京 タワー", "line\u2028para\u2029end", "nbsp\u00a0x\u0085y\u3000z",
		"bad \xff utf-8 \xc3", "\xe2\x80", "emoji 😀 done",
	}
	r := rand.New(rand.NewPCG(1, 2))
	pool := []rune{'a', 'Z', ' ', '\t', '\n', '\n', '.', '。', '"', '\\', '<', '>', '&', 0, 0x1f, 'é', '東', 0x2028, 0x2029, 0xa0, 0x85, '😀'}
	for range 2000 {
		var b []byte
		for range r.IntN(40) {
			if r.IntN(10) == 0 {
				b = append(b, byte(0x80+r.IntN(0x80)))
				continue
			}
			b = utf8.AppendRune(b, pool[r.IntN(len(pool))])
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("appendString(%q) = %s, json.Marshal writes %s", s, got, want)
		}
		if got := appendString([]byte("x"), []byte(s)); string(got) != "x"+string(want) {
			t.Errorf("appendString(%q as bytes) = %s, json.Marshal writes %s", s, got, want)
		}
		for _, n := range []int{0, 1, 3, 7, 200} {
			if got, want := clip(s, n), clipFields(s, n); got != want {
				t.Errorf("clip(%q, %d) = %q, want %q", s, n, got, want)
			}
			if got, want := string(appendClip([]byte("x"), s, n)), "x"+clipFields(s, n); got != want {
				t.Errorf("appendClip(x, %q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

// clipFields is clip made plain: split at every run of spaces, join
// the words with a space, or " · " where the run holds a line break and
// the word before does not end a sentence, then cut.
func clipFields(text string, n int) string {
	if limit := 8*n + 8; len(text) > limit {
		text = text[:limit]
	}
	var words []string
	var breaks []bool // whether the spaces before each word hold a line break
	word, nl := -1, false
	for i, c := range text {
		switch {
		case !unicode.IsSpace(c) && word < 0:
			word = i
		case unicode.IsSpace(c) && word >= 0:
			words, breaks = append(words, text[word:i]), append(breaks, nl)
			word, nl = -1, false
		}
		nl = nl || c == '\n'
	}
	if word >= 0 {
		words, breaks = append(words, text[word:]), append(breaks, nl)
	}
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(words[i-1])
			if breaks[i] && !endsSentence(last) {
				b.WriteString(" ·")
			}
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	text = b.String()
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > cut/2 {
		cut = sp
		cut -= len(text[:cut]) - len(strings.TrimSuffix(text[:cut], " ·"))
	}
	return text[:cut] + "…"
}

func TestPostingsOfRunsJoinInOrder(t *testing.T) {
	// Each core reads a run of documents: with several, a term of every
	// page has postings from each run, joined.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var docs []Doc
	for i := range 1000 {
		docs = append(docs, Doc{URL: fmt.Sprintf("p%d/", i), Sections: []Section{{Text: fmt.Sprintf("everywhere w%d", i)}}})
	}
	files := Build(docs)
	var m manifestJSON
	parse(t, files["index.js"], &m)
	var terms map[string][]int
	parse(t, files[fmt.Sprintf("t%d.js", shardOf(m.Bounds, "everywhere"))], &terms)
	got := postings(terms["everywhere"])
	if len(got) != len(docs) {
		t.Fatalf("everywhere has %d postings, want %d", len(got), len(docs))
	}
	for i, p := range got {
		if p != [2]int{i, FieldBody} {
			t.Fatalf("posting %d of everywhere = %v, want page %d in the body", i, p, i)
		}
	}
}

func TestIndexFileNames(t *testing.T) {
	x := New(SingleFileDocs+1, nil, func(i int) Doc { return Doc{URL: fmt.Sprintf("p%d/", i)} })
	for _, name := range x.Layout().Names() {
		if _, err := x.File(name); err != nil {
			t.Errorf("no file %s, which the layout names: %v", name, err)
		}
	}
	for _, name := range []string{"", "index", "t.js", "t-1.js", "t01.js", "x1.js", fmt.Sprintf("t%d.js", x.Layout().Shards), fmt.Sprintf("d%d.js", x.Layout().Chunks())} {
		if _, err := x.File(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a file %q, which the layout does not name: %v", name, err)
		}
	}
}

// TestStopWords wants each of StopWords found and no other word: the
// tokenizer looks them up in a table of its own.
func TestStopWords(t *testing.T) {
	if maxStopWord > 8 {
		t.Fatalf("a stop-word of %d bytes does not pack into an integer", maxStopWord)
	}
	for _, w := range StopWords {
		if !isStopWord(w) {
			t.Errorf("%q is not a stop-word", w)
		}
	}
	for _, w := range []string{"b", "ab", "abo", "abou", "ther", "thes", "youre", "th", "wh", "yo", "aa", "zz", "ia", "ai"} {
		if isStopWord(w) {
			t.Errorf("%q is a stop-word", w)
		}
	}
	if got := Terms("The price of it is what they pay"); !slices.Equal(got, []string{"price", "pay"}) {
		t.Errorf("Terms = %q, want [price pay]", got)
	}
}

// TestASCIITerms wants the same terms from the tokenizer of ASCII text as
// from that of any text, and from the one that lowers each word as it
// goes as from those given the text lowered.
func TestASCIITerms(t *testing.T) {
	var buf []byte
	for _, text := range []string{
		"", "a", "ab", "the price of it", "  spaces\tand\nlines  ", "don't can't 3-day 2026 x1 a1b2", "e-mail the customer's follow-up re-re-send", "a-b 'quoted' it's -x y- o'clock's",
		"punctuation!at,the;end.", "<html> & \"quotes\" (brackets) [x] {y}", "under_score dash-ed 1.5 10%",
		"THE UPPER Case Words", "\x00\x7f\x1b control", "The The THE tHe AbOuT ABOUT Z9 ZZ [Q]",
	} {
		var want, got, lowered []string
		n := Normalize(text)
		eachTextTerm(n, func(s string) { want = append(want, s) })
		eachASCIITerm(n, func(s string) { got = append(got, s) })
		eachLowerTerm(text, &buf, func(b []byte) { lowered = append(lowered, string(b)) })
		if !slices.Equal(got, want) {
			t.Errorf("terms of %q: %q, want %q", text, got, want)
		}
		if !slices.Equal(lowered, want) {
			t.Errorf("terms of %q lowered word by word: %q, want %q", text, lowered, want)
		}
	}
}

func TestShare(t *testing.T) {
	for _, c := range []struct {
		name  string
		sizes []int
		n     int
		// want is the share, 0 for any share that keeps each size whole.
		want int
	}{
		{"texts that fit are kept whole", []int{100, 300, 50}, 1000, 0},
		{"no texts", nil, 1000, 0},
		{"short texts whole, long ones share the rest", []int{100, 2000, 50, 3000}, 1000, 425},
		{"all long: an even share", []int{900, 900, 900, 900}, 1000, 250},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := share(slices.Clone(c.sizes), c.n)
			if c.want == 0 && got < slices.Max(append(slices.Clone(c.sizes), 0)) || c.want != 0 && got != c.want {
				t.Errorf("share(%v, %d) = %d, want %d (0: all whole)", c.sizes, c.n, got, c.want)
			}
		})
	}
}

// TestEntryKeepsTheTextOfAPage wants a page of a few kilobytes kept whole
// in its entry, so that a result's snippet has the words found, and a
// longer one cut to snippetDoc characters shared among its sections.
func TestEntryKeepsTheTextOfAPage(t *testing.T) {
	words := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	page := Doc{URL: "a/", Title: "A", Sections: []Section{
		{Text: words(50, "intro")},
		{ID: "terms", Heading: "Terms", Text: words(150, "filler") + " warranty"},
		{ID: "more", Heading: "More", Text: words(100, "other")},
	}}
	b := appendDoc(nil, &page)
	if !bytes.Contains(b, []byte("warranty")) {
		t.Errorf("a word 1,000 characters into a section of a page of 2,000 is not kept: %s", b)
	}
	long := Doc{URL: "b/", Title: "B", Sections: []Section{
		{Text: words(20, "short")},
		{ID: "x", Heading: "X", Text: words(2000, "long")},
		{ID: "y", Heading: "Y", Text: words(2000, "wide")},
	}}
	var entry []any
	if err := json.Unmarshal(appendDoc(nil, &long), &entry); err != nil {
		t.Fatal(err)
	}
	kept := 0
	for i, s := range entry[5].([]any) {
		n := utf8.RuneCountInString(s.([]any)[2].(string))
		if i == 0 && n < 100 {
			t.Errorf("a short section is cut to %d characters", n)
		}
		if i > 0 && n < snippetDoc/3 {
			t.Errorf("section %d of a long page keeps %d characters, less than its share", i, n)
		}
		kept += n
	}
	if kept > snippetDoc+10 {
		t.Errorf("a long page keeps %d characters, more than %d", kept, snippetDoc)
	}
}
