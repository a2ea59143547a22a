package site

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// ConfigFile is the name of a site's configuration file, at its root.
const ConfigFile = "site.toml"

// Config is a site's configuration, read from site.toml.
type Config struct {
	// Title is the site title, shown in the header of every page.
	Title string `toml:"title"`
	// Description is a line shown under the title on the home page.
	Description string `toml:"description"`
	// Language is the language of the content, a BCP 47 tag ("en",
	// "fr-CA") set as the lang of every page; "en" by default.
	Language string `toml:"language"`
	// Theme names a folder under themes/ holding layouts and static
	// files; "default" (or empty) is the theme built into playbook.
	Theme string `toml:"theme"`
	// ThemeLine is the line of site.toml that sets Theme, 0 if none: a
	// theme that cannot be found is reported there.
	ThemeLine int `toml:"-"`
	// LanguageLine is the line of site.toml that sets Language, 0 if
	// none: a warning about the language points there.
	LanguageLine int `toml:"-"`
	// EditURL is the pattern of an "edit this page" link; "{path}" stands
	// for the page's file path from the site root.
	EditURL string `toml:"edit_url"`
	// BaseURL is the address the site is published at, ending in a slash
	// ("https://intranet.example.com/sales/playbook/"), or "": what must
	// name pages by their whole address (the sitemap, the feed of a
	// versioned build) does with it. Pages link to each other relatively
	// all the same.
	BaseURL string `toml:"base_url"`
	// Markdown configures Markdown rendering.
	Markdown struct {
		// Unsafe lets raw HTML through; by default it is escaped.
		Unsafe bool `toml:"unsafe"`
		// Wiki is the order of a wiki link's parts: "text-first"
		// ([[text|Page]], GitHub's, the default) or "page-first"
		// ([[Page|text]], MediaWiki's and Obsidian's).
		Wiki string `toml:"wiki"`
	} `toml:"markdown"`
	// Highlight names the chroma styles for code in light and dark mode.
	Highlight struct {
		Light string `toml:"light"`
		Dark  string `toml:"dark"`
	} `toml:"highlight"`
	// Types maps a section path ("behaviours", "playbook/objections") to
	// the type of its pages and of its sub-sections' pages.
	Types map[string]string `toml:"types"`
	// Versions, when set, publishes several versions of the playbook
	// side by side, read from Git.
	Versions *Versions `toml:"versions"`
	// Links configures how links in Markdown are checked.
	Links Links `toml:"links"`
	// Content configures which files under content/ make the site.
	Content struct {
		// Exclude lists globs of paths under content/ ("**/drafts/**")
		// left out of the site; "**" matches any number of folders.
		Exclude []string `toml:"exclude"`
	} `toml:"content"`
	// Review sets how often pages are reviewed, where neither a page nor
	// its section says.
	Review Review `toml:"review"`
	// Campaigns sets when a campaign must have its front line ready.
	Campaigns Campaigns `toml:"campaigns"`
	// Roles gives roles a title and a description, and merges the
	// spellings pages use for one role, by the role's slug
	// ([roles.floor-consultant]).
	Roles map[string]RoleConfig `toml:"roles"`
	// Pagination sets how many entries a page of a long list shows.
	Pagination Pagination `toml:"pagination"`
	// Params holds what [params] sets, for layouts, as written: a theme's
	// logo, a support address. Playbook reads none of it.
	Params map[string]any `toml:"params"`
}

// RoleConfig is a [roles.<slug>] block of site.toml.
type RoleConfig struct {
	// Title is the role's name on its page and in every list; by default
	// the first spelling a page uses.
	Title string `toml:"title"`
	// Description is a line shown under the title on the role's page.
	Description string `toml:"description"`
	// Aliases are other spellings pages use for the role ("floor staff"),
	// matched, like the role's slug and title, whatever their case.
	Aliases []string `toml:"aliases"`
}

// Campaigns is the [campaigns] block of site.toml.
type Campaigns struct {
	// WarnBefore is how long before a campaign starts it must be ready
	// ("14d", the default): from then on, and while it is live, a
	// campaign that is not ready is a warning.
	WarnBefore string `toml:"warn_before"`

	warnBefore Interval
}

// WarnInterval returns [campaigns] warn_before, 14 days by default.
func (c Campaigns) WarnInterval() Interval {
	if c.warnBefore.IsZero() {
		return Interval{N: 14, Unit: 'd'}
	}
	return c.warnBefore
}

// Review is the [review] block of site.toml: the review interval of every
// page, and of the pages of a type.
type Review struct {
	// Every is the interval of every page ("180d"); empty for none.
	Every string `toml:"every"`
	// Types maps a type ("competitor") to its pages' interval ("30d").
	Types map[string]string `toml:"types"`

	every Interval
	types map[string]Interval
}

// Interval returns the review interval site.toml gives the pages of type
// typ: its [review.types] entry, else [review] every; zero for none.
func (r Review) Interval(typ string) Interval {
	if iv, ok := r.types[typ]; ok {
		return iv
	}
	return r.every
}

// Links configures the checking of links, for a handbook brought from
// elsewhere while its team cleans it up.
type Links struct {
	// Broken is "error" (the default) or "warn": a broken link or anchor
	// is then a warning, and the link is left as written.
	Broken string `toml:"broken"`
	// Ignore lists globs of link targets not checked ("/images/**"),
	// matched against the link as written and, for a relative one, against
	// the path from content/ it leads to, with a leading slash.
	Ignore []string `toml:"ignore"`
	// ExternalBase, if set, is the URL a root-absolute link to a page not
	// in the site leads to: this URL and the link's path.
	ExternalBase string `toml:"external_base"`
	// BasePath is the prefix the site was published under
	// ("/handbook"): root-absolute links starting with it are taken from
	// content/ without it.
	BasePath string `toml:"base_path"`
}

// WarnBroken reports whether broken links and anchors are warnings.
func (l Links) WarnBroken() bool { return l.Broken == "warn" }

// MaxVersionName bounds the name of a version's folder, in bytes: far
// below the 255 a file system takes, as the name is also part of every
// URL of the version.
const MaxVersionName = 100

// Versions configures which versions of a playbook a build publishes.
type Versions struct {
	// Latest names the version also published as /latest/; by default
	// the newest one taken from Git.
	Latest string `toml:"latest"`
	// Worktree, if set, publishes the working tree (uncommitted changes
	// included) as a version of this name.
	Worktree string `toml:"worktree"`
	// Tags publishes every tag matching this pattern ("v*"), each as a
	// version named after its tag.
	Tags string `toml:"tags"`
	// Refs lists versions one by one.
	Refs []VersionRef `toml:"ref"`
}

// A VersionRef is one version to publish.
type VersionRef struct {
	// Name is the version's folder in the output ("2026-q3").
	Name string `toml:"name"`
	// Ref is the tag, branch or commit to read it from.
	Ref string `toml:"ref"`
	// Label is how the version switcher shows it ("Q3 2026").
	Label string `toml:"label"`
}

// languageTag matches the shape of a BCP 47 language tag: a language of
// two or three letters (ISO 639; none longer is registered, and "english"
// is a name, not a code) and subtags of letters and digits.
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// decodeError is how the TOML decoder words a value it cannot decode.
var decodeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// tableSettings are the settings of site.toml that are tables.
var tableSettings = []string{"markdown", "highlight", "types", "versions", "links", "content", "review", "campaigns", "roles", "pagination", "params"}

// goTypeWords says what a type the decoder names holds, as a reader of
// site.toml would say it. Every list of site.toml is one of text but
// [[versions.ref]], which wrongType words itself.
var goTypeWords = map[string]string{
	"string": "text", "boolean": "true or false", "integer": "a whole number",
	"float": "a number", "slice": "a list of text",
}

// wrongType says in a reader's words what the decoder's message msg says
// of the value of key, of the wrong type: v if found, else got, the
// value as written on its line.
func wrongType(msg, key string, v any, got string) string {
	if v != nil {
		got = describe(v)
	}
	if got == "" {
		got = "a value of another type"
	}
	if m := incompatible.FindStringSubmatch(msg); m != nil {
		if key == "versions.ref" {
			return "want tables, each under a line [[versions.ref]], got " + got
		}
		if want, ok := goTypeWords[m[1]]; ok {
			if text, isText := v.(string); isText && m[1] == "slice" {
				last := key[strings.LastIndex(key, ".")+1:]
				return fmt.Sprintf("want %s, got %s: write %s = [%s]", want, got, last, strconv.Quote(text))
			}
			return "want " + want + ", got " + got
		}
	}
	if strings.Contains(msg, "expected table") {
		return "want a table, got " + got
	}
	return msg
}

// valueOnLine returns the value line n (1-based) of text sets, as
// written: for a value lookup cannot find, in a [[table]] of a list.
func valueOnLine(text string, n int) string {
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	_, v, ok := strings.Cut(lines[n-1], "=")
	if !ok {
		return ""
	}
	return strings.TrimSpace(v)
}

// incompatible matches the decoder's message for a value of the wrong
// type, naming the type it wanted.
var incompatible = regexp.MustCompile(`destination has type (\S+)$`)

// decodeWithout decodes the settings raw holds (site.toml, text, read as
// a map) into a Config again, without the setting at key, whose value is
// of the wrong type: the decoder stops at the first such value, and every
// one is told at once, each at its line of text. The settings left are
// decoded, and so checked, as if key were not there. c, md and err are
// the decode so far, returned as they are if key cannot be taken out (a
// value in a list of tables).
func decodeWithout(raw map[string]any, key, text string, ps *problems, notTable map[string]bool, c Config, md toml.MetaData, err error) (Config, toml.MetaData, error) {
	// A bound, in case a value the decoder refuses cannot be taken out.
	for range 50 {
		if !drop(raw, key) {
			break
		}
		var b strings.Builder
		if toml.NewEncoder(&b).Encode(raw) != nil {
			break
		}
		var next Config
		nextMD, nextErr := toml.Decode(b.String(), &next)
		c, md, err = next, nextMD, nextErr
		if err == nil {
			break
		}
		m := decodeError.FindStringSubmatch(err.Error())
		if m == nil {
			break
		}
		key = m[2]
		if notTable[strings.SplitN(key, ".", 2)[0]] {
			continue // said where the tables are read
		}
		var k toml.Key
		for _, part := range strings.Split(key, ".") {
			k = append(k, strings.Trim(part, `"`))
		}
		line := lineOfSetting(text, k)
		ps.errorf(ConfigFile, line, "%s: %s", key, wrongType(m[3], key, lookup(raw, key), valueOnLine(text, line)))
	}
	return c, md, err
}

// drop removes the setting at the dotted key path from raw, from each
// table of a list of tables on the way ([[versions.ref]]), and reports
// whether it was anywhere.
func drop(raw map[string]any, key string) bool {
	return dropPath(raw, strings.Split(key, "."))
}

func dropPath(v any, path []string) bool {
	dropped := false
	switch v := v.(type) {
	case map[string]any:
		k := strings.Trim(path[0], `"`)
		if len(path) > 1 {
			return dropPath(v[k], path[1:])
		}
		_, dropped = v[k]
		delete(v, k)
	case []map[string]any:
		for _, m := range v {
			dropped = dropPath(m, path) || dropped
		}
	case []any:
		for _, m := range v {
			dropped = dropPath(m, path) || dropped
		}
	}
	return dropped
}

// lookup returns the value at the dotted key path of raw, or nil.
func lookup(raw map[string]any, key string) any {
	var v any = raw
	for _, k := range strings.Split(key, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[strings.Trim(k, `"`)]
	}
	return v
}

// ParseConfig parses site.toml. Problems name ConfigFile and a line.
func ParseConfig(data []byte) (Config, Problems) {
	var c Config
	var ps problems
	// The settings as TOML has them, to say what a value of the wrong type
	// is: the decoder into Config says it in Go's words, and takes a
	// value that is no table, for a setting that is a map, as an empty one.
	var raw map[string]any
	_, rawErr := toml.Decode(string(data), &raw)
	notTable := map[string]bool{}
	if rawErr == nil {
		for _, k := range tableSettings {
			if v, ok := raw[k]; ok {
				if _, isTable := v.(map[string]any); !isTable {
					ps.errorf(ConfigFile, lineOfKey(string(data), k), "%s: want a table ([%s]), got %s", k, k, describe(v))
					notTable[k] = true
				}
			}
		}
	}
	md, err := toml.Decode(string(data), &c)
	// The versions block is checked whole only when every value was of its
	// type: one taken out (see decodeWithout) would leave it short.
	whole := err == nil
	var pe toml.ParseError
	switch {
	case err == nil:
	case errors.As(err, &pe):
		ps.errorf(ConfigFile, tomlLine(pe), "%s", tomlMessage(pe, string(data)))
	default:
		// A value of the wrong type: "toml: line 5 (last key
		// "highlight.light"): incompatible types: ...".
		m := decodeError.FindStringSubmatch(err.Error())
		switch {
		case m == nil:
			ps.errorf(ConfigFile, 1, "%v", err)
		case notTable[strings.SplitN(m[2], ".", 2)[0]]:
			// Said above.
		default:
			line, _ := strconv.Atoi(m[1])
			ps.errorf(ConfigFile, line, "%s: %s", m[2], wrongType(m[3], m[2], lookup(raw, m[2]), valueOnLine(string(data), line)))
		}
		if m != nil && rawErr == nil {
			c, md, err = decodeWithout(raw, m[2], string(data), &ps, notTable, c, md, err)
		}
	}
	// The decoder stops at the first error, leaving what it had not yet
	// read undecoded, and reads tables in no fixed order: after an error,
	// the keys it left are no typos.
	for _, k := range md.Undecoded() {
		if err != nil {
			break
		}
		// The versions block belongs to versioned builds; everything else
		// unknown is most likely a typo.
		if k[0] == "params" {
			continue
		}
		msg := fmt.Sprintf("unknown setting %q", k.String())
		if last := k[len(k)-1]; len(k) > 1 && slices.Contains(topSettings, last) {
			// Written below a table's header, a setting is the table's.
			table := strings.Join(k[:len(k)-1], ".")
			if h := headerLine(string(data), k[:len(k)-1]); h > 0 {
				msg += fmt.Sprintf(": %s is a setting of its own, read here as part of [%s]: move it above [%s] (line %d)", last, table, table, h)
			}
		}
		ps.errorf(ConfigFile, lineOfSetting(string(data), k), "%s", msg)
	}
	if c.Theme != "" {
		c.ThemeLine = lineOfKey(string(data), "theme")
	} else {
		c.Theme = "default"
	}
	if c.Language == "" {
		c.Language = "en"
	} else if c.LanguageLine = lineOfKey(string(data), "language"); !languageTag.MatchString(c.Language) {
		ps.errorf(ConfigFile, lineOfKey(string(data), "language"), "language: %q is not a language tag (such as \"en\" or \"fr-CA\")", c.Language)
	}
	if c.Highlight.Light == "" {
		c.Highlight.Light = "github"
	}
	if c.Highlight.Dark == "" {
		c.Highlight.Dark = "github-dark"
	}
	// After a value the decoder could not read, the versions hold what it
	// had read so far: their names and refs may be missing for that alone.
	if v := c.Versions; v != nil && whole {
		names := map[string]bool{}
		check := func(name, what string, line int) {
			switch {
			case name == "":
				ps.errorf(ConfigFile, line, "versions: %s has no name", what)
			case Slug(name) != name || name == "latest":
				ps.errorf(ConfigFile, line, "versions: %q cannot name a version folder (use lower-case letters, digits and hyphens; not \"latest\")", name)
			case len(name) > MaxVersionName:
				ps.errorf(ConfigFile, line, "versions: %.20q... is too long to name a version folder: use at most %d letters, digits and hyphens", name, MaxVersionName)
			case names[name]:
				ps.errorf(ConfigFile, line, "versions: two versions are named %q", name)
			}
			names[name] = true
		}
		for i, r := range v.Refs {
			check(r.Name, fmt.Sprintf("version %d", i+1), refLine(string(data), i, "name"))
			if r.Ref == "" {
				ps.errorf(ConfigFile, refLine(string(data), i, "ref"), "versions: %q has no ref (a tag, branch or commit)", r.Name)
			}
		}
		if v.Worktree != "" {
			check(v.Worktree, "the working tree", lineOfKey(string(data), "worktree"))
		}
		if len(v.Refs) == 0 && v.Tags == "" && v.Worktree == "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), "versions"), "versions: nothing to publish: list [[versions.ref]], set tags = \"v*\", or worktree = \"draft\"")
		}
	}
	switch c.Markdown.Wiki {
	case "", "text-first", "page-first":
	default:
		ps.errorf(ConfigFile, lineOfKey(string(data), "wiki"), "markdown: wiki = %q: want \"text-first\" ([[text|Page]], as GitHub's wikis write links) or \"page-first\" ([[Page|text]], as MediaWiki and Obsidian do)", c.Markdown.Wiki)
	}
	switch c.Links.Broken {
	case "", "error", "warn":
	default:
		ps.errorf(ConfigFile, lineOfKey(string(data), "broken"), "links: broken = %q: want \"error\" or \"warn\"", c.Links.Broken)
	}
	if b := c.Links.ExternalBase; b != "" {
		if u, err := url.Parse(b); err != nil || u.Scheme == "" || u.Host == "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), "external_base"), "links: external_base = %q: want an absolute URL (https://handbook.example.com)", b)
		}
		c.Links.ExternalBase = strings.TrimRight(b, "/")
	}
	if b := c.BaseURL; b != "" {
		if u, err := url.Parse(b); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), "base_url"), "base_url = %q: want the http or https address the site is published at (https://intranet.example.com/sales/playbook/)", b)
			c.BaseURL = ""
		} else if !strings.HasSuffix(b, "/") {
			c.BaseURL = b + "/"
		}
	}
	if e := c.EditURL; e != "" {
		// html/template would write any other scheme as "#ZgotmplZ" on
		// every page.
		if u, err := url.Parse(strings.ReplaceAll(e, "{path}", "x")); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), "edit_url"), "edit_url = %q: want an http or https URL, with {path} for the file (https://git.example.com/playbook/edit/main/{path})", e)
		} else if !strings.Contains(e, "{path}") {
			ps.warnf(ConfigFile, lineOfKey(string(data), "edit_url"), "edit_url = %q has no {path}: every page's edit link goes to this one address; put {path} where the file's path goes (https://git.example.com/playbook/edit/main/{path})", e)
		}
	}
	if b := c.Links.BasePath; b != "" {
		if !strings.HasPrefix(b, "/") {
			ps.errorf(ConfigFile, lineOfKey(string(data), "base_path"), "links: base_path = %q: want a path from the host's root (\"/handbook\")", b)
		}
		c.Links.BasePath = strings.TrimRight(b, "/")
	}
	for _, g := range c.Links.Ignore {
		if !validGlob(g) {
			ps.errorf(ConfigFile, lineOfKey(string(data), "ignore"), "links: ignore: bad pattern %q", g)
		}
	}
	for _, g := range c.Content.Exclude {
		if !validGlob(g) {
			ps.errorf(ConfigFile, lineOfKey(string(data), "exclude"), "content: exclude: bad pattern %q", g)
		}
	}
	for sec, typ := range c.Types {
		if t := canonicalType(typ); t == "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), sec), "types: unknown type %q for section %q%s (want one of %s)", typ, sec, typeNear(typ), strings.Join(Types, ", "))
			// The section keeps the type it has without the entry: its
			// pages are not all wrong for want of one.
			delete(c.Types, sec)
		} else {
			c.Types[sec] = t
		}
	}
	// A size that could not be decoded is 0, and said above.
	if c.Pagination.Size < 0 || c.Pagination.Size == 0 && md.IsDefined("pagination", "size") && err == nil {
		ps.errorf(ConfigFile, lineOfKey(string(data), "size"), "pagination: size = %d: want a number of entries, 1 or more", c.Pagination.Size)
	}
	c.Review.parse(string(data), &ps)
	parseRoles(c.Roles, string(data), &ps)
	if w := c.Campaigns.WarnBefore; w != "" {
		iv, err := ParseInterval(w)
		if err != nil {
			ps.errorf(ConfigFile, lineOfKey(string(data), "warn_before"), "campaigns: warn_before: %v", err)
		}
		c.Campaigns.warnBefore = iv
	}
	return c, ps.list
}

// parse reads the intervals of the [review] block, reporting those that
// are not intervals or name no type at their line of site.toml (text).
func (r *Review) parse(text string, ps *problems) {
	if r.Every != "" {
		iv, err := ParseInterval(r.Every)
		if err != nil {
			ps.errorf(ConfigFile, lineOfKey(text, "every"), "review: every: %v", err)
		}
		r.every = iv
	}
	r.types = map[string]Interval{}
	for typ, every := range r.Types {
		line := lineOfKey(text, typ)
		t := canonicalType(typ)
		if t == "" {
			ps.errorf(ConfigFile, line, "review.types: unknown type %q%s (want one of %s)", typ, typeNear(typ), strings.Join(Types, ", "))
			continue
		}
		iv, err := ParseInterval(every)
		if err != nil {
			ps.errorf(ConfigFile, line, "review.types: %s: %v", typ, err)
			continue
		}
		r.types[t] = iv
	}
}

// ConfigLine returns the line of site.toml (data) that sets key of the
// versions block: "ref" (of the [[versions.ref]] table numbered ref from
// 0), "tags", "worktree" or "latest"; 1 if none does.
func ConfigLine(data []byte, key string, ref int) int {
	if key == "ref" {
		return refLine(string(data), ref, "ref")
	}
	return lineOfKey(string(data), key)
}

// refLine returns the 1-based line of text where the i-th
// [[versions.ref]] table sets key, else where that table starts.
func refLine(text string, i int, key string) int {
	lines := strings.Split(text, "\n")
	n := -1
	for at, line := range lines {
		if strings.TrimSpace(line) != "[[versions.ref]]" {
			continue
		}
		if n++; n < i {
			continue
		}
		end := at + 1
		for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), "[") {
			end++
		}
		if k := keyIndex(lines[at+1:end], key); k >= 0 {
			return at + 1 + k + 1
		}
		return at + 1
	}
	return lineOfKey(text, key)
}

// lineOfKey returns the 1-based line of text that sets key, or 1.
func lineOfKey(text, key string) int {
	return max(keyIndex(strings.Split(text, "\n"), key), 0) + 1
}

// topSettings are the settings of site.toml outside every table, which
// written below a table's header are the table's.
var topSettings = []string{"title", "description", "language", "theme", "edit_url", "base_url"}

// headerLine returns the line of text whose table header names table
// ("[highlight]", "[roles.x]"), or 0 where none does (a dotted key, a
// list of tables).
func headerLine(text string, table toml.Key) int {
	for i, line := range strings.Split(text, "\n") {
		l, _, _ := strings.Cut(line, "#")
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "[") || strings.HasPrefix(l, "[[") {
			continue
		}
		var parts []string
		for _, part := range strings.Split(strings.Trim(l, "[]"), ".") {
			parts = append(parts, strings.Trim(strings.TrimSpace(part), `"'`))
		}
		if slices.Equal(parts, table) {
			return i + 1
		}
	}
	return 0
}

// lineOfSetting returns the line of text that sets the setting k: its
// last key, under the table header of the keys before it ("[roles.x]"
// for roles.x.title), so that a key of the same name above, in another
// table, is not taken for it. A setting written otherwise (a dotted key,
// an inline table) is at the first line setting its last key.
func lineOfSetting(text string, k toml.Key) int {
	table, name := strings.Join(k[:len(k)-1], "."), k[len(k)-1]
	lines := strings.Split(text, "\n")
	current := ""
	for i, line := range lines {
		l, _, _ := strings.Cut(line, "#")
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			header := strings.Trim(l, "[]")
			var parts []string
			for _, part := range strings.Split(header, ".") {
				parts = append(parts, strings.Trim(strings.TrimSpace(part), `"'`))
			}
			current = strings.Join(parts, ".")
			continue
		}
		if current == table && keyIndex(lines[i:i+1], name) == 0 {
			return i + 1
		}
	}
	// A dotted key: highlight.title = "y".
	dotted := strings.Join(k, ".")
	for i, line := range lines {
		if key, _, ok := strings.Cut(line, "="); ok && strings.ReplaceAll(strings.TrimSpace(key), " ", "") == dotted {
			return i + 1
		}
	}
	return lineOfKey(text, name)
}

// keyIndex returns the index of the first line that sets key (as
// "key =", "key:", or a table header "[key]" or "[[key]]", the key bare or
// quoted), or -1.
func keyIndex(lines []string, key string) int {
	for i, line := range lines {
		l := strings.TrimSpace(line)
		if l == "["+key+"]" || l == "[["+key+"]]" {
			return i
		}
		for _, k := range []string{key, `"` + key + `"`, "'" + key + "'"} {
			if rest, ok := strings.CutPrefix(l, k); ok {
				rest = strings.TrimSpace(rest)
				if strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, ":") {
					return i
				}
			}
		}
	}
	return -1
}
