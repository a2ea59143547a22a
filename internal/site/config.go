package site

import (
	"errors"
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
	// Theme names a folder under themes/ holding layouts and static
	// files; "default" (or empty) is the theme built into playbook.
	Theme string `toml:"theme"`
	// EditURL is the pattern of an "edit this page" link; "{path}" stands
	// for the page's file path from the site root.
	EditURL string `toml:"edit_url"`
	// Markdown configures Markdown rendering.
	Markdown struct {
		// Unsafe lets raw HTML through; by default it is escaped.
		Unsafe bool `toml:"unsafe"`
	} `toml:"markdown"`
	// Highlight names the chroma styles for code in light and dark mode.
	Highlight struct {
		Light string `toml:"light"`
		Dark  string `toml:"dark"`
	} `toml:"highlight"`
	// Types maps a section path ("behaviours", "playbook/objections") to
	// the type of its pages and of its sub-sections' pages.
	Types map[string]string `toml:"types"`
}

// ParseConfig parses site.toml. Problems name ConfigFile and a line.
func ParseConfig(data []byte) (Config, Problems) {
	var c Config
	var ps problems
	md, err := toml.Decode(string(data), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			ps.errorf(ConfigFile, pe.Position.Line, "%s", pe.Message)
		} else {
			ps.errorf(ConfigFile, 1, "%v", err)
		}
	}
	for _, k := range md.Undecoded() {
		// The versions block belongs to versioned builds; everything else
		// unknown is most likely a typo.
		if k[0] == "versions" || k[0] == "params" {
			continue
		}
		ps.errorf(ConfigFile, lineOfKey(string(data), k[len(k)-1]), "unknown setting %q", k.String())
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if c.Highlight.Light == "" {
		c.Highlight.Light = "github"
	}
	if c.Highlight.Dark == "" {
		c.Highlight.Dark = "github-dark"
	}
	for sec, typ := range c.Types {
		if t := canonicalType(typ); t == "" {
			ps.errorf(ConfigFile, lineOfKey(string(data), sec), "types: unknown type %q for section %q (want one of %s)", typ, sec, strings.Join(Types, ", "))
		} else {
			c.Types[sec] = t
		}
	}
	return c, ps.list
}

// lineOfKey returns the 1-based line of text that sets key, or 1.
func lineOfKey(text, key string) int {
	return max(keyIndex(strings.Split(text, "\n"), key), 0) + 1
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
