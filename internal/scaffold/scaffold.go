// Package scaffold makes new playbooks and new pages: a working site to
// start from, and a page of each type with its fields in place.
//
// The files are templates embedded from this package's site/ and pages/
// folders, executed with the page's title, id, owner and the day.
package scaffold

import (
	"bytes"
	"embed"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"playbook/internal/site"
)

//go:embed all:site pages
var files embed.FS

// fields are what a template is executed with.
type fields struct {
	Title, Owner string
	Today        string // 2026-11-27
	InAMonth     string // a campaign's end
	// Stage is a behaviour's: "service" in a folder of that name, else
	// "sales".
	Stage string
	// Question is an FAQ's: its title when that is a question, else a
	// hint.
	Question string
}

func newFields(title, owner string, today time.Time) fields {
	question := "TODO: the question, as customers ask it"
	if strings.HasSuffix(strings.TrimSpace(title), "?") {
		question = escape(title)
	}
	return fields{
		Title:    escape(title),
		Owner:    escape(owner),
		Today:    today.Format(time.DateOnly),
		InAMonth: today.AddDate(0, 1, 0).Format(time.DateOnly),
		Stage:    site.StageSales,
		Question: question,
	}
}

// Place splits what playbook new is given into the folders, inside the
// section of the page's type, that the page goes in, and its title:
// "service/Call back the same day" is the title "Call back the same day"
// in the folder service/. Only names written as folders are (lower-case
// letters, digits and hyphens, starting with a letter): "24/7 cover" and
// "Buy now / pay later" are titles whole. The caller decides whether the
// folders are meant (see Page).
func Place(title string) (dirs []string, name string) {
	parts := strings.Split(title, "/")
	for _, d := range parts[:len(parts)-1] {
		if !folderName.MatchString(d) {
			return nil, title
		}
		dirs = append(dirs, d)
	}
	name = strings.TrimSpace(parts[len(parts)-1])
	if name == "" {
		return nil, title
	}
	return dirs, name
}

// folderName is a folder's name as Place takes one.
var folderName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// StageOf returns the stage a behaviour in the folders dirs (inside its
// section) has by its folder: the nearest named after a stage, or "".
func StageOf(dirs []string) string {
	for i := len(dirs) - 1; i >= 0; i-- {
		if dirs[i] == site.StageSales || dirs[i] == site.StageService {
			return dirs[i]
		}
	}
	return ""
}

// escape returns s as the inside of a TOML basic string, on one line.
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ", "\t", " ").Replace(s)
}

// Site returns the files of a new playbook, by path from its folder: a
// site.toml with its settings commented, and a page of each type around
// one promise kept by a sales and a service behaviour. It builds without
// a warning.
func Site(today time.Time) (map[string][]byte, error) {
	out := map[string][]byte{}
	f := newFields("", "", today)
	err := fs.WalkDir(files, "site", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := execute(name, f)
		out[strings.TrimPrefix(name, "site/")] = text
		return err
	})
	return out, err
}

// Page returns the path (from the site's folder) and the text of a new
// page of type typ titled title, in the section of its type: the one
// cfg's [types] gives it, else the one named after it, and in the folders
// dirs inside it (see Place). Its id is made of its
// title; its required fields are there with a hint, or what the title
// says (an FAQ's question, a competitor's name, a behaviour's stage by
// its folder); owner and today fill "owner" and "reviewed".
func Page(cfg site.Config, typ string, dirs []string, title, owner string, today time.Time) (string, []byte, error) {
	f := newFields(title, owner, today)
	if stage := StageOf(dirs); typ == site.TypeBehaviour && stage != "" {
		f.Stage = stage
	}
	text, err := execute("pages/"+typ+".md", f)
	if err != nil {
		return "", nil, err
	}
	folder := path.Join(append([]string{site.ContentDir, Section(cfg, typ)}, dirs...)...)
	return path.Join(folder, fileSlug(title)+".md"), text, nil
}

// maxSlug is the longest file name, in bytes and without ".md", a new
// page is given: an FAQ's title is a whole question, and its file, which
// links name, need not be.
const maxSlug = 60

// fileSlug returns the name a page titled title is saved under: its slug,
// cut after the last whole word that fits in maxSlug bytes.
func fileSlug(title string) string {
	slug := site.Slug(title)
	if len(slug) <= maxSlug {
		return slug
	}
	cut := maxSlug
	for cut > 0 && !utf8.RuneStart(slug[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(slug[:cut+1], '-'); i > 0 {
		cut = i
	}
	return strings.Trim(slug[:cut], "-")
}

// Section returns the folder, under content/, of the pages of type typ:
// the first section cfg's [types] gives the type, else the folder named
// after it ("promises"); "" (content/ itself) for plain pages.
func Section(cfg site.Config, typ string) string {
	var secs []string
	for sec, t := range cfg.Types {
		if t == typ {
			secs = append(secs, strings.Trim(sec, "/"))
		}
	}
	if len(secs) > 0 {
		slices.Sort(secs)
		return secs[0]
	}
	switch typ {
	case site.TypePage:
		return ""
	case site.TypePositioning:
		return "positioning"
	}
	return typ + "s"
}

func execute(name string, f fields) ([]byte, error) {
	t, err := template.ParseFS(files, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = t.Execute(&b, f)
	return b.Bytes(), err
}
