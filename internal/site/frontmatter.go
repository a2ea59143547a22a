package site

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// frontMatter is a page's decoded front matter, with what is needed to
// point a problem at the line of a key.
type frontMatter struct {
	file string
	// text is the front matter between its fences; its first line is
	// line 2 of the file.
	text  string
	lines []string
	data  map[string]any
	used  map[string]bool
	ps    *problems
}

// splitFrontMatter splits src into front matter and body. format is "toml",
// "yaml" or "" (none); bodyLine is the file line the body starts on.
func splitFrontMatter(src []byte) (format string, fm, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	fence := string(bytes.TrimRight(first, " \t\r"))
	switch fence {
	case "+++":
		format = "toml"
	case "---":
		format = "yaml"
	default:
		return "", nil, src, 1, nil
	}
	line := 2
	for off := 0; off < len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest)
		if end >= 0 {
			next = off + end + 1
		} else {
			end = len(rest) - off
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == fence {
			return format, rest[:off], rest[next:], line + 1, nil
		}
		off = next
	}
	return "", nil, nil, 0, fmt.Errorf("front matter opened with %q on line 1 is never closed", fence)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// tomlLine returns the line of a TOML error. The parser places a table
// name left open at the end of its line ("[markdown") on the next line,
// where it met the newline; other errors at a newline are on their line.
func tomlLine(pe toml.ParseError) int {
	if strings.Contains(pe.Message, `table name, but got '\n'`) && pe.Position.Line > 1 {
		return pe.Position.Line - 1
	}
	return pe.Position.Line
}

// decodeFrontMatter decodes front matter text. A syntax error is reported
// at its file line.
func decodeFrontMatter(file, format string, text []byte, ps *problems) *frontMatter {
	f := &frontMatter{file: file, text: string(text), data: map[string]any{}, used: map[string]bool{}, ps: ps}
	f.lines = strings.Split(f.text, "\n")
	switch format {
	case "toml":
		if _, err := toml.Decode(f.text, &f.data); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				ps.errorf(file, tomlLine(pe)+1, "front matter: %s", pe.Message)
			} else {
				ps.errorf(file, 1, "front matter: %v", err)
			}
			return nil
		}
	case "yaml":
		if err := yaml.Unmarshal(text, &f.data); err != nil {
			line := 1
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			if m := yamlLine.FindStringSubmatch(msg); m != nil {
				n, _ := strconv.Atoi(m[1])
				msg = strings.TrimPrefix(strings.Replace(msg, m[0]+": ", "", 1), "unmarshal errors:\n  ")
				// The YAML decoder counts lines from 0 in its parser errors
				// and from 1 in the others.
				if strings.HasPrefix(msg, "did not find expected") {
					n++
				}
				line = n + 1
			}
			ps.errorf(file, line, "front matter: %s", msg)
			return nil
		}
		if f.data == nil {
			f.data = map[string]any{}
		}
	}
	return f
}

// keyLine returns the file line that sets key, or the line of the opening
// fence.
func (f *frontMatter) keyLine(key string) int {
	if f == nil {
		return 1
	}
	if i := keyIndex(f.lines, key); i >= 0 {
		return i + 2
	}
	return 1
}

// valueLine returns the file line, at or after key's line, that holds
// value; relation ids are reported there.
func (f *frontMatter) valueLine(key, value string) int {
	if f == nil {
		return 1
	}
	start := max(keyIndex(f.lines, key), 0)
	for i := start; i < len(f.lines); i++ {
		if strings.Contains(f.lines[i], value) {
			return i + 2
		}
	}
	return start + 2
}

func (f *frontMatter) errorf(key, format string, args ...any) {
	f.ps.errorf(f.file, f.keyLine(key), format, args...)
}

// has reports whether key is set.
func (f *frontMatter) has(key string) bool {
	_, ok := f.data[key]
	return ok
}

func (f *frontMatter) get(key string) (any, bool) {
	f.used[key] = true
	v, ok := f.data[key]
	return v, ok && v != nil
}

// string returns key's value as a string; numbers and booleans are
// accepted, as YAML authors write them bare.
func (f *frontMatter) string(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case int64, int, float64, bool:
		return fmt.Sprint(v)
	}
	f.errorf(key, "%s: want text, got %s", key, describe(v))
	return ""
}

// strings returns key's value as a list of strings; a single string is a
// list of one.
func (f *frontMatter) strings(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		if v = strings.TrimSpace(v); v == "" {
			return nil
		}
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			switch e := e.(type) {
			case string:
				if e = strings.TrimSpace(e); e != "" {
					out = append(out, e)
				}
			case int64, int, float64, bool:
				out = append(out, fmt.Sprint(e))
			default:
				f.errorf(key, "%s: want a list of text, found %s in it", key, describe(e))
				return nil
			}
		}
		return out
	}
	f.errorf(key, "%s: want a list of text, got %s", key, describe(v))
	return nil
}

func (f *frontMatter) int(key string) int {
	v, ok := f.get(key)
	if !ok {
		return 0
	}
	switch v := v.(type) {
	case int64:
		return int(v)
	case int:
		return v
	case float64:
		if v == float64(int(v)) {
			return int(v)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return n
		}
	}
	f.errorf(key, "%s: want a whole number, got %s", key, describe(v))
	return 0
}

func (f *frontMatter) bool(key string) bool {
	v, ok := f.get(key)
	if !ok {
		return false
	}
	switch v := v.(type) {
	case bool:
		return v
	case string:
		if b, err := strconv.ParseBool(strings.TrimSpace(v)); err == nil {
			return b
		}
	}
	f.errorf(key, "%s: want true or false, got %s", key, describe(v))
	return false
}

// date returns key's value as a date: a TOML or YAML date, or text in
// the form 2006-01-02 (optionally with a time).
func (f *frontMatter) date(key string) time.Time {
	v, ok := f.get(key)
	if !ok {
		return time.Time{}
	}
	switch v := v.(type) {
	case time.Time:
		return v
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
			if t, err := time.Parse(layout, strings.TrimSpace(v)); err == nil {
				return t
			}
		}
	}
	f.errorf(key, "%s: want a date such as 2026-01-31, got %s", key, describe(v))
	return time.Time{}
}

// tables returns key's value as a list of tables ([[gaps]] in TOML, a
// list of mappings in YAML).
func (f *frontMatter) tables(key string) []map[string]any {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		return v
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				f.errorf(key, "%s: want a list of tables, found %s in it", key, describe(e))
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	f.errorf(key, "%s: want a list of tables, got %s", key, describe(v))
	return nil
}

// unused returns the keys nobody asked for, for Params.
func (f *frontMatter) unused() map[string]any {
	var m map[string]any
	for k, v := range f.data {
		if !f.used[k] {
			if m == nil {
				m = map[string]any{}
			}
			m[k] = v
		}
	}
	return m
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%v", v)
}
