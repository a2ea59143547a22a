package site

import "testing"

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"**/drafts/**", "drafts", true},
		{"**/drafts/**", "drafts/a.md", true},
		{"**/drafts/**", "team/sales/drafts/old/a.md", true},
		{"**/drafts/**", "team/drafts.md", false},
		{"/images/**", "/images/logo.png", true},
		{"/images/**", "/img/logo.png", false},
		{"*.md", "a.md", true},
		{"*.md", "x/a.md", false},
		{"**/*.pdf", "a/b/c.pdf", true},
		{"**/*.pdf", "c.pdf", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"a/?", "a/bc", false},
	} {
		if got := matchGlob(tc.pattern, tc.name); got != tc.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tc.pattern, tc.name, got, tc.want)
		}
	}
	if validGlob("a/[") || !validGlob("**/x/*.md") {
		t.Error("validGlob judges [ or **/x/*.md wrongly")
	}
}
