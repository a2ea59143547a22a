package site

import (
	"slices"
	"testing"
)

// TestHomeStartList: the home page's "start" list names pages by id,
// resolved in its order; an unknown id is an error at its line, and the
// key means nothing on another section's index.
func TestHomeStartList(t *testing.T) {
	files := with(chainSite(),
		"content/_index.md", "+++\ntitle = \"Home\"\nstart = [\n  \"first-week\",\n  \"fast\",\n]\n+++\n",
		"content/guides/first-week.md", "# Your first week\n",
	)
	s, problems := loadFiles(t, files)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	var ids []string
	for _, p := range s.Home.Start {
		ids = append(ids, p.ID)
	}
	if want := []string{"first-week", "fast"}; !slices.Equal(ids, want) {
		t.Errorf("home starts at %q, want %q", ids, want)
	}

	_, problems = loadFiles(t, with(files, "content/_index.md", "+++\ntitle = \"Home\"\nstart = [\n  \"first-week\",\n  \"first-day\",\n]\n+++\n"))
	want := `content/_index.md:5: start: no page has id "first-day"`
	if len(problems) != 1 || problems[0].String() != want {
		t.Errorf("problems %v, want %s", problems, want)
	}

	s, _ = loadFiles(t, with(chainSite(), "content/promises/_index.md", "+++\ntitle = \"Promises\"\nstart = [\"nowhere\"]\n+++\n"))
	if sec := s.ByFile("content/promises/_index.md"); sec == nil || len(sec.Start) != 0 {
		t.Error("a section other than the home page has a start list")
	}
}
