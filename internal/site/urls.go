package site

// Slugs and the URLs made of them.

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug returns s in lower case with every run of characters other than
// letters and digits replaced by one hyphen: "Q3 Offer (Final)" is
// "q3-offer-final". The marks that go with a letter are the word's:
// a Hindi or Tamil vowel sign ("हिन्दी" is "हिन्दी", not "ह-न-द"), and
// an accent written apart from its letter, as a Mac may write a file's
// name, which is composed first ("Ku\u0308ndigung" is "kündigung", as
// "Kündigung" is).
func Slug(s string) string {
	if !isASCII(s) && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	hyphen, space := false, false
	var last rune // the last letter or digit written
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || isWordMark(r) && b.Len() > 0 && !hyphen {
			// Chinese, Japanese and Korean are written without spaces:
			// punctuation alone between two of their words parts
			// nothing, as in GitHub's anchors ("翌日対応（全国）" is
			// "翌日対応全国").
			if hyphen && b.Len() > 0 && (space || !isCJK(last) || !isCJK(r)) {
				b.WriteByte('-')
			}
			hyphen, space = false, false
			last = r
			b.WriteRune(unicode.ToLower(r))
		} else {
			hyphen = true
			space = space || unicode.IsSpace(r)
		}
	}
	return b.String()
}

// isWordMark reports whether r is a mark that is part of its word: a
// vowel sign, an accent; not a variation selector or an enclosing mark,
// which an emoji's keycap is ("1️⃣" is "1").
func isWordMark(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Mc) && !unicode.Is(unicode.Variation_Selector, r)
}

// isCJK reports whether r is written in Chinese, Japanese or Korean.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 'ー')
}

// isASCII reports whether s is ASCII, most names are.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// slugPath slugifies each element of a slash-separated path.
func slugPath(p string) string {
	parts := strings.Split(p, "/")
	for i, part := range parts {
		parts[i] = Slug(part)
	}
	return strings.Join(parts, "/")
}

// FileURL returns the URL a content file (a path from the site root) is
// published at: its folders slugified as sections are, its name kept.
func FileURL(file string) string {
	dir, name := path.Split(strings.TrimPrefix(file, ContentDir+"/"))
	if dir == "" {
		return name
	}
	return slugPath(strings.TrimSuffix(dir, "/")) + "/" + name
}

// AliasFile returns the file an alias of a page is published as:
// "old/path" is "old/path/index.html", "old.html" stays as it is, and
// "/caf%C3%A9/" is "café/index.html", where a browser asking for it is
// served. An alias with a scheme, a host, a query or a fragment, a
// control character, or a name longer than a file system allows, is no
// path of the site.
func AliasFile(alias string) (string, bool) {
	if strings.ContainsAny(alias, "?#") || strings.Contains(alias, "://") || strings.HasPrefix(alias, "//") {
		return "", false
	}
	alias, err := url.PathUnescape(alias)
	if err != nil {
		return "", false
	}
	u := strings.Trim(path.Clean("/"+alias), "/")
	// A control character ("%00", "%0A") makes a name no file system
	// takes, or one that scripts and file shares break on.
	if u == "" || !fs.ValidPath(u) || !shortNames(u) || strings.IndexFunc(u, unicode.IsControl) >= 0 {
		return "", false
	}
	if path.Ext(u) == "" {
		u += "/index.html"
	}
	return u, true
}

// MaxName is the longest name, in bytes, of a file or folder a site
// publishes: the longest most file systems allow.
const MaxName = 255

// shortNames reports whether every name of the slash-separated path u is
// at most MaxName bytes long.
func shortNames(u string) bool {
	for name := range strings.SplitSeq(u, "/") {
		if len(name) > MaxName {
			return false
		}
	}
	return true
}
