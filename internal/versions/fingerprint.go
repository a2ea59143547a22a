package versions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"
	"time"

	"playbook/internal/render"
	"playbook/internal/site"
)

// FingerprintFile is the file at the root of a versioned output that holds
// each published version's fingerprint: a hash of everything its folder
// was made from. A later build keeps the folder of a version whose
// fingerprint is the same, rather than render it again.
const FingerprintFile = ".playbook-versions"

// fingerprintFormat numbers what a fingerprint hashes: a change to what
// goes into one changes it, so that no folder made otherwise is kept.
const fingerprintFormat = 2

// fingerprints is the content of FingerprintFile.
type fingerprints struct {
	Format   int                  `json:"format"`
	Versions []versionFingerprint `json:"versions"`
}

type versionFingerprint struct {
	Name string `json:"name"`
	// Commit is the full hash of the version's commit.
	Commit      string `json:"commit"`
	Fingerprint string `json:"fingerprint"`
}

// toolID identifies the program that renders: a new playbook may render
// the same version differently. It is the hash of the running executable,
// or "" where that cannot be read, which keeps nothing.
var toolID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// inputs is everything the folder of one version read from Git is made of,
// beyond what its commit holds. The working tree's version is always
// rendered: it has no commit to name its files.
type inputs struct {
	Format int
	Tool   string
	// Prefix is the site's folder in the repository.
	Prefix      string
	Name, Label string
	Latest      bool
	Commit      string
	// Before is the commit of the version before, which What changed
	// compares against; empty for the first.
	Before string
	// Theme hashes the working tree's theme files; Config its site.toml.
	Theme, Config string
	// Day and UTCDay are the build's date, which pages show; Timely is
	// what else they show that the time of the build decides.
	Day, UTCDay, Timely string
	// Versions are every version published, as the switcher and the
	// banner see them.
	Versions []listed
}

// listed is a version as the pages of the others see it.
type listed struct {
	Name, Label string
	Latest      bool
	// Pages hashes where the switcher of each page of the version
	// fingerprinted leads in this one (render.Renderer.SwitchTargets).
	Pages string
}

// fingerprint returns the fingerprint of the version at index i of
// b.Versions, given every version as its pages see them (listVersions); "" for one
// that cannot be kept (the working tree's, or when the tool or the theme
// cannot be read).
func (b *Build) fingerprint(i int, list []listed, themes map[string]string) string {
	v := b.Versions[i]
	tool := toolID()
	theme, ok := themes[v.Site.Config.Theme]
	if v.Commit == nil || tool == "" || !ok {
		return ""
	}
	in := inputs{
		Format: fingerprintFormat, Tool: tool, Prefix: b.prefix,
		Name: v.Name, Label: v.Label, Latest: v.Latest, Commit: v.Commit.Hash,
		Theme: theme, Config: hashBytes(readFile(b.opts.Worktree, site.ConfigFile)),
		Day: b.opts.Now.Format(time.DateOnly), UTCDay: b.opts.Now.UTC().Format(time.DateOnly),
		Timely: timely(v.Site),
	}
	if i+1 < len(b.Versions) && b.Versions[i+1].Commit != nil {
		in.Before = b.Versions[i+1].Commit.Hash
	}
	in.Versions = list
	data, err := json.Marshal(in)
	if err != nil {
		return ""
	}
	return hashBytes(data)
}

// timely hashes what the pages of s show that changes with the time of
// the build: which pages are overdue for review and by how many days,
// which come due soon, and which campaigns are live, upcoming or ended. A
// date written with a time of day (reviewed = 2026-03-01T15:00:00Z)
// passes in the middle of one, so the date of the build is not enough.
func timely(s *site.Site) string {
	h := sha256.New()
	for _, p := range s.Pages {
		fmt.Fprintf(h, "%s\x00%t\x00%s\n", p.URL, p.Stale, p.CampaignState(s.Now))
	}
	for _, p := range s.CurrentCampaigns() {
		fmt.Fprintf(h, "current %s\n", p.URL)
	}
	r := s.ReviewStatus()
	for _, d := range r.Coming {
		fmt.Fprintf(h, "coming %s\n", d.Page.URL)
	}
	for _, o := range r.Overdue {
		for _, d := range o.Pages {
			fmt.Fprintf(h, "overdue %s %d\n", d.Page.URL, d.DaysOverdue(s.Now))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// themeHashes hashes the theme of each version read from Git, by theme
// name; a theme that cannot be read is left out.
func (b *Build) themeHashes() map[string]string {
	hashes := map[string]string{}
	for _, v := range b.Versions {
		name := v.Site.Config.Theme
		if _, ok := hashes[name]; ok || v.Commit == nil {
			continue
		}
		theme, err := render.Theme(b.opts.Worktree, name)
		if err != nil {
			continue
		}
		if h, err := hashTheme(theme); err == nil {
			hashes[name] = h
		}
	}
	return hashes
}

// hashTheme hashes the names and contents of a theme's files: the layouts
// and static files a renderer reads.
func hashTheme(theme fs.FS) (string, error) {
	h := sha256.New()
	for _, dir := range []string{"layouts", "static"} {
		err := fs.WalkDir(theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(theme, p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			h.Write([]byte(p + "\x00"))
			h.Write(sum[:])
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// listVersions returns the versions as the pages of r see them: each
// one's name, label and latest flag, and where r's switcher leads in it.
// Nil r, the working tree's, is never kept and needs none.
func listVersions(r *render.Renderer, all []*render.VersionPages) []listed {
	if r == nil {
		return nil
	}
	list := make([]listed, len(all))
	for i, o := range all {
		list[i] = listed{Name: o.Name, Label: o.Label, Latest: o.Latest, Pages: r.SwitchTargets(o)}
	}
	return list
}

func hashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func readFile(fsys fs.FS, name string) []byte {
	if fsys == nil {
		return nil
	}
	b, _ := fs.ReadFile(fsys, name)
	return b
}

// previousFingerprints returns the fingerprints the output out replaces
// recorded, by version name; none when out replaces no versioned output,
// or its file cannot be read.
func previousFingerprints(out render.Output) map[string]string {
	k, ok := out.(render.Keeper)
	if !ok {
		return nil
	}
	data, err := k.Previous(FingerprintFile)
	if err != nil {
		return nil
	}
	var f fingerprints
	if json.Unmarshal(data, &f) != nil || f.Format != fingerprintFormat {
		return nil
	}
	prev := map[string]string{}
	for _, v := range f.Versions {
		if v.Fingerprint != "" {
			prev[v.Name] = v.Fingerprint
		}
	}
	return prev
}
