package gitrepo

import "testing"

func TestCommonDir(t *testing.T) {
	for _, c := range []struct {
		paths []string
		want  string
	}{
		{nil, ""},
		{[]string{"content/a.md"}, "content"},
		{[]string{"content/a.md", "content/promises/b.md"}, "content"},
		{[]string{"site/content/x/a.md", "site/content/x/b.md"}, "site/content/x"},
		{[]string{"content/a.md", "contents/b.md"}, ""},
		{[]string{"a.md", "content/b.md"}, ""},
	} {
		if got := commonDir(c.paths); got != c.want {
			t.Errorf("commonDir(%q) = %q, want %q", c.paths, got, c.want)
		}
	}
}
