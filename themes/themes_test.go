package themes

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// emojiByDefault holds the characters below U+1F000 that Unicode shows as
// emoji unless told otherwise (Emoji_Presentation=Yes, emoji-data.txt):
// drawn from a colour emoji font, or as an empty box where there is none,
// as on many office and thin-client desktops.
var emojiByDefault = [][2]rune{
	{0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
	{0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
	{0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
	{0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
	{0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
	{0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C},
	{0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
	{0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50},
	{0x2B55, 0x2B55},
}

func isEmoji(r rune) bool {
	if r >= 0x1F000 {
		return true
	}
	for _, span := range emojiByDefault {
		if span[0] <= r && r <= span[1] {
			return true
		}
	}
	return false
}

// TestStylesheetDrawsNoEmoji: the symbols the stylesheets put before an
// alert's title and elsewhere are text characters that the usual system
// fonts hold, not emoji, which a desktop without an emoji font shows as
// an empty box (the caution alert's ⛔ did).
func TestStylesheetDrawsNoEmoji(t *testing.T) {
	content := regexp.MustCompile(`content:\s*"([^"]*)"`)
	found := 0
	err := fs.WalkDir(Default, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(name, ".css") {
			return err
		}
		css, err := fs.ReadFile(Default, name)
		if err != nil {
			return err
		}
		for _, m := range content.FindAllStringSubmatch(string(css), -1) {
			found++
			for _, r := range m[1] {
				if isEmoji(r) {
					t.Errorf("%s: content %q holds %q (U+%04X), drawn as an emoji", name, m[1], r, r)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no content strings found: the test reads nothing")
	}
}
