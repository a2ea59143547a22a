package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// frontMatter is a page's decoded front matter, with what is needed to
// point a problem at the line of a key.
type frontMatter struct {
	file string
	// text is the front matter between its fences; its first line is
	// line 2 of the file.
	text string
	// keys holds the nodes of YAML front matter's keys and values, which
	// know their line and column. TOML's decoder keeps no positions: for
	// TOML, keys is nil and the lines are searched for a key.
	keys map[string]yamlKey
	data map[string]any
	used map[string]bool
	// bad holds the keys whose value is in error: what such a value
	// would have led to is not reported again.
	bad map[string]bool
	ps  *problems
}

// yamlKey is a key of YAML front matter and its value, as parsed.
type yamlKey struct{ key, value *yaml.Node }

// crLines reports whether src ends its lines with a lone CR, as classic
// Mac OS wrote them and some exports still do: TOML, YAML and the fences
// know no such line end, and the page would be read as having no front
// matter.
func crLines(src []byte) bool {
	return bytes.IndexByte(src, '\r') >= 0 && bytes.IndexByte(src, '\n') < 0
}

// lfLines returns src with each lone CR line end made LF, and src itself
// when its lines end otherwise (see crLines). Each line keeps its number.
func lfLines(src []byte) []byte {
	if !crLines(src) {
		return src
	}
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// splitFrontMatter splits src into front matter and body. format is "toml",
// "yaml", "json" (see jsonFrontMatter) or "" (none); bodyLine is the file
// line the body starts on.
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
		if format, fm, body, bodyLine, ok, err := jsonFrontMatter(src); ok || err != nil {
			return format, fm, body, bodyLine, err
		}
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
	return "", nil, nil, 0, fmt.Errorf("front matter opened with %q on line 1 is never closed: add a line %q after its last key, before the text", fence, fence)
}

// jsonFrontMatter splits off front matter written as a JSON object, as
// Hugo reads it: "{" opening the file, the object's "}" ending its line.
// It is read as YAML, of which JSON is a part, from text whose lines are
// the file's from its second on, as the other formats' are: the first
// line is joined to the second. format is "json". A file whose first line
// is "{" alone and that holds no JSON object is told so: it meant one.
func jsonFrontMatter(src []byte) (format string, fm, body []byte, bodyLine int, ok bool, err error) {
	if !bytes.HasPrefix(src, []byte("{")) || bytes.HasPrefix(src, []byte("{{")) {
		return "", nil, nil, 0, false, nil
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	var obj map[string]json.RawMessage
	if err := dec.Decode(&obj); err != nil {
		first, _, _ := bytes.Cut(src, []byte("\n"))
		if string(bytes.TrimSpace(first)) != "{" {
			return "", nil, nil, 0, false, nil
		}
		line := 1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line += bytes.Count(src[:min(int(se.Offset), len(src))], []byte("\n"))
		}
		return "", nil, nil, 0, false, fmt.Errorf("front matter written as JSON does not read at line %d: %v (a comma after the last value, or a key without quotes, is not JSON)", line, err)
	}
	end := int(dec.InputOffset())
	rest, after, _ := bytes.Cut(src[end:], []byte("\n"))
	if len(bytes.TrimSpace(rest)) > 0 {
		return "", nil, nil, 0, false, nil
	}
	fm = yamlEscapes(bytes.Replace(src[:end:end], []byte("\n"), []byte(" "), 1))
	return "json", fm, after, bytes.Count(src[:end], []byte("\n")) + 2, true, nil
}

// yamlEscapes rewrites the escapes of JSON strings that YAML does not
// read as JSON does: "\/" (a slash) and a surrogate pair
// ("\ud83d\ude00", a character past U+FFFF), as "\U0001F600". Every line
// stays where it was.
func yamlEscapes(b []byte) []byte {
	if !bytes.Contains(b, []byte(`\/`)) && !bytes.Contains(b, []byte(`\ud`)) && !bytes.Contains(b, []byte(`\uD`)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		switch b[i+1] {
		case '/':
			out = append(out, '/')
			i++
			continue
		case 'u':
			if i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' {
				hi, err1 := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
				lo, err2 := strconv.ParseUint(string(b[i+8:i+12]), 16, 16)
				if err1 == nil && err2 == nil && utf16.IsSurrogate(rune(hi)) {
					if r := utf16.DecodeRune(rune(hi), rune(lo)); r != utf8.RuneError {
						out = fmt.Appendf(out, `\U%08X`, r)
						i += 11
						continue
					}
				}
			}
		}
		// Any other escape, whole: "\\" is not the start of another.
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}

// lateFrontMatter finds front matter that does not start on the first
// line, as a blank line or an indent before the fence leaves it: the
// fence and its line when the first line with text is a fence closed
// further down, or line 0.
func lateFrontMatter(src []byte) (fence string, line int) {
	text := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	for n := 1; len(text) > 0; n++ {
		first, rest, _ := bytes.Cut(text, []byte("\n"))
		f := string(bytes.TrimSpace(first))
		if f == "" {
			text = rest
			continue
		}
		indented := !bytes.HasPrefix(first, []byte(f))
		if (f == "+++" || f == "---") && (n > 1 || indented) {
			if _, _, _, _, err := splitFrontMatter(append([]byte(f+"\n"), rest...)); err == nil {
				return f, n
			}
		}
		return "", 0
	}
	return "", 0
}

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
	switch format {
	case "toml":
		if _, err := toml.Decode(f.text, &f.data); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				ps.errorf(file, tomlLine(pe)+1, "front matter: %s", tomlMessage(pe, f.text))
			} else {
				ps.errorf(file, 1, "front matter: %v", err)
			}
			return nil
		}
		// The decoder's values are pieces of a copy of the text of its
		// own, which a page's title alone would keep for the whole build.
		cloneStrings(f.data)
	case "yaml", "json":
		if !f.decodeYAML(text) {
			return nil
		}
	}
	return f
}

// cloneStrings replaces each string in data, at any depth, with a copy:
// pieces of one string holding them all, rather than an object each (a
// site holds every page's for the whole build). Keys of data itself are
// left as they are: data is dropped once read.
func cloneStrings(data map[string]any) {
	var c stringCopier
	c.b.Grow(stringBytes(data))
	for k, v := range data {
		data[k] = c.value(v)
	}
}

// stringBytes returns the length of the strings in v, at any depth, keys
// of the maps under it included.
func stringBytes(v any) int {
	n := 0
	switch v := v.(type) {
	case string:
		n = len(v)
	case []any:
		for _, e := range v {
			n += stringBytes(e)
		}
	case map[string]any:
		for k, e := range v {
			n += len(k) + stringBytes(e)
		}
	case []map[string]any:
		for _, m := range v {
			n += stringBytes(m)
		}
	}
	return n
}

// A stringCopier copies strings into one Builder.
type stringCopier struct{ b strings.Builder }

func (c *stringCopier) str(s string) string {
	if s == "" {
		return ""
	}
	start := c.b.Len()
	c.b.WriteString(s)
	// What a Builder wrote is never written again: its String, and any
	// piece of it, stays as it is.
	return c.b.String()[start:]
}

// value returns v with each string in it, at any depth, and each key of
// the maps in it, copied.
func (c *stringCopier) value(v any) any {
	switch v := v.(type) {
	case string:
		return c.str(v)
	case []any:
		for i, e := range v {
			v[i] = c.value(e)
		}
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[c.str(k)] = c.value(e)
		}
		return m
	case []map[string]any:
		for i, m := range v {
			v[i] = c.value(m).(map[string]any)
		}
	}
	return v
}

// decodeYAML decodes YAML front matter into f.data through a yaml.Node,
// which knows the line and column of every key and value, and keeps the
// nodes of the keys in f.keys. It reports false, with a problem, if the
// front matter cannot be decoded.
func (f *frontMatter) decodeYAML(text []byte) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		line, msg := yamlErrorLine(err)
		line, msg = yamlPlace(line, msg, f.lines())
		f.ps.errorf(f.file, line+1, "front matter: %s", yamlMessage(line, msg, f.lines()))
		return false
	}
	if len(doc.Content) == 0 {
		return true // nothing between the fences
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode && !(root.Kind == yaml.ScalarNode && root.Tag == "!!null") {
		// A list, or a bare value: the decoder would say it in Go's words.
		what := map[yaml.Kind]string{yaml.SequenceNode: "a list", yaml.ScalarNode: "a single value", yaml.AliasNode: "an alias"}[root.Kind]
		f.errorAt(root, "front matter: want keys and values (title: ...), got %s", cmp.Or(what, "something else"))
		return false
	}
	if dup, first := duplicateKey(root); dup != nil {
		f.errorAt(dup, "front matter: mapping key %q already defined at line %d", dup.Value, first.Line+1)
		return false
	}
	if err := root.Decode(&f.data); err != nil {
		// What the decoder refuses of a well-formed document (a list
		// where keys were expected) it says in text only.
		line, msg := yamlErrorLine(err)
		f.ps.errorf(f.file, line+1, "front matter: %s", msg)
		return false
	}
	if f.data == nil {
		f.data = map[string]any{}
	}
	if root.Kind == yaml.MappingNode {
		f.keys = map[string]yamlKey{}
		for i := 0; i+1 < len(root.Content); i += 2 {
			f.keys[root.Content[i].Value] = yamlKey{root.Content[i], root.Content[i+1]}
		}
	}
	return true
}

// duplicateKey returns a key set twice in the same mapping, anywhere in
// the document under n, and where it was first set; nil if there is none.
// The decoder would refuse it too, but with the line counted within the
// front matter, not the file.
func duplicateKey(n *yaml.Node) (dup, first *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			if prev, ok := seen[k.Value]; ok {
				return k, prev
			}
			seen[k.Value] = k
		}
	}
	if n.Kind == yaml.AliasNode {
		return nil, nil // its anchor is checked where it is
	}
	for _, c := range n.Content {
		if dup, first := duplicateKey(c); dup != nil {
			return dup, first
		}
	}
	return nil, nil
}

// yamlLine is where the YAML decoder puts a line in its messages.
var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine takes the line out of an error of the YAML decoder, which
// gives it in its text only: "yaml: line 3: did not find expected key" for
// a syntax error, "yaml: unmarshal errors:\n  line 3: cannot unmarshal
// ..." for the rest. It returns the line within the front matter
// (1-based; 0 if the message names none) and the message without it.
func yamlErrorLine(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return 0, msg
	}
	line, _ = strconv.Atoi(m[1])
	msg = strings.TrimPrefix(strings.Replace(msg, m[0]+": ", "", 1), "unmarshal errors:\n  ")
	// The decoder counts lines from 0 where its parser did not find what
	// it expected, and from 1 everywhere else.
	if strings.HasPrefix(msg, "did not find expected") {
		line++
	}
	return line, msg
}

// yamlPlace finds the line (of the front matter, 1-based; 0 if none) of
// a YAML error the decoder gives without one, or at line, and says it in
// an author's words: a value holding ": " not in quotes ("title:
// Pricing: the basics"), an alias to no anchor.
func yamlPlace(line int, msg string, lines []string) (int, string) {
	switch {
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		for i, l := range lines {
			if line > 0 && i+1 != line {
				continue
			}
			key, value, ok := strings.Cut(l, ": ")
			value = strings.TrimSpace(value)
			if ok && !strings.HasPrefix(strings.TrimSpace(key), "#") && value != "" && !strings.ContainsAny(value[:1], `"'[{|>`) && strings.Contains(value, ": ") {
				return i + 1, fmt.Sprintf("the value of %s holds \": \", which YAML reads as a key: put it in quotes, %s: %q", strings.TrimSpace(key), strings.TrimSpace(key), value)
			}
		}
	case strings.HasPrefix(msg, "unknown anchor ") && line == 0:
		name := strings.Trim(strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor "), " referenced"), "'")
		for i, l := range lines {
			if strings.Contains(l, "*"+name) {
				return i + 1, fmt.Sprintf("*%s names no anchor (&%s) above it: a value starting with * is an alias in YAML; put it in quotes if it is text", name, name)
			}
		}
	}
	return line, msg
}

// yamlMessage says a YAML syntax error at line (of the front matter,
// 1-based) in an author's words where the line shows a mistake people
// make: a tab in its indent, which YAML does not allow and the decoder
// calls "found character that cannot start any token". Any other error
// keeps the decoder's message.
func yamlMessage(line int, msg string, lines []string) string {
	if line < 1 || line > len(lines) {
		return msg
	}
	text := lines[line-1]
	if indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]; strings.Contains(indent, "\t") {
		return "this line is indented with a tab: indent YAML with spaces only"
	}
	return msg
}

// errorAt reports a problem at the line and column of a node of YAML
// front matter.
func (f *frontMatter) errorAt(n *yaml.Node, format string, args ...any) {
	f.ps.list = append(f.ps.list, Problem{File: f.file, Line: n.Line + 1, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// lines returns the lines of the front matter, for finding a key's line:
// only a problem asks, so they are not kept.
func (f *frontMatter) lines() []string { return strings.Split(f.text, "\n") }

// read drops what the page's fields were read from, once they are: a
// site keeps every page's front matter until it is loaded, for the lines
// of problems, and the decoded values were most of it.
func (f *frontMatter) read() {
	f.data, f.used = nil, nil
}

// keyLine returns the file line that sets key, or the line of the opening
// fence.
func (f *frontMatter) keyLine(key string) int {
	if f == nil {
		return 1
	}
	if f.keys != nil {
		if k, ok := f.keys[key]; ok {
			return k.key.Line + 1
		}
		return 1
	}
	if i := keyIndex(f.lines(), key); i >= 0 {
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
	if k, ok := f.keys[key]; ok {
		items := []*yaml.Node{k.value}
		if k.value.Kind == yaml.SequenceNode {
			items = k.value.Content
		}
		for _, n := range items {
			if n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == value {
				return n.Line + 1
			}
		}
		return k.key.Line + 1
	}
	lines := f.lines()
	start := max(keyIndex(lines, key), 0)
	for i := start; i < len(lines); i++ {
		if strings.Contains(lines[i], value) {
			return i + 2
		}
	}
	return start + 2
}

// tableLine returns the file line where table i of the list of tables
// key starts: its i-th "[[key]]" header in TOML, its item in YAML; else
// the line of key.
func (f *frontMatter) tableLine(key string, i int) int {
	if n := f.tableNode(key, i); n != nil {
		return n.Line + 1
	}
	if start := f.tableHeader(key, i); start >= 0 {
		return start + 2
	}
	return f.keyLine(key)
}

// tableErrorf reports a problem with table i of the list of tables key:
// in YAML at the item, in TOML at its header.
func (f *frontMatter) tableErrorf(key string, i int, format string, args ...any) {
	if n := f.tableNode(key, i); n != nil {
		f.errorAt(n, format, args...)
		return
	}
	f.ps.errorf(f.file, f.tableLine(key, i), format, args...)
}

// tableKeyLine returns the file line that sets field in table i of the
// list of tables key; else the line the table starts at.
func (f *frontMatter) tableKeyLine(key string, i int, field string) int {
	if n := f.tableNode(key, i); n != nil {
		if n.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == field {
					return n.Content[j].Line + 1
				}
			}
		}
		return n.Line + 1
	}
	start := f.tableHeader(key, i)
	if start < 0 {
		return f.keyLine(key)
	}
	// The table's keys run to the next header.
	lines := f.lines()
	end := start + 1
	for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), "[") {
		end++
	}
	if j := keyIndex(lines[start+1:end], field); j >= 0 {
		return start + 1 + j + 2
	}
	return start + 2
}

// tableNode returns the YAML node of item i of the list key; nil for TOML
// or when there is none.
func (f *frontMatter) tableNode(key string, i int) *yaml.Node {
	if f == nil {
		return nil
	}
	k, ok := f.keys[key]
	if !ok || k.value.Kind != yaml.SequenceNode || i >= len(k.value.Content) {
		return nil
	}
	return k.value.Content[i]
}

// tableHeader returns the index among f.lines of the i-th "[[key]]"
// header of TOML front matter, or -1 (a list of tables may also be
// written inline, as key = [{...}]).
func (f *frontMatter) tableHeader(key string, i int) int {
	if f == nil {
		return -1
	}
	for j, line := range f.lines() {
		l := strings.TrimSpace(line)
		if c := strings.Index(l, "#"); c >= 0 {
			l = strings.TrimSpace(l[:c])
		}
		if name, ok := strings.CutPrefix(l, "[["); ok {
			if name, ok = strings.CutSuffix(name, "]]"); ok && strings.Trim(strings.TrimSpace(name), `"'`) == key {
				if i == 0 {
					return j
				}
				i--
			}
		}
	}
	return -1
}

// errorf reports a problem with the value of key: in YAML, at the
// value's line and column; in TOML, at the key's line.
func (f *frontMatter) errorf(key, format string, args ...any) {
	f.fail(key)
	if k, ok := f.keys[key]; ok {
		f.errorAt(k.value, format, args...)
		return
	}
	f.ps.errorf(f.file, f.keyLine(key), format, args...)
}

// fail marks key's value as in error.
func (f *frontMatter) fail(key string) {
	if f.bad == nil {
		f.bad = map[string]bool{}
	}
	f.bad[key] = true
}

// failed reports whether any of keys has a value in error; f may be nil.
func (f *frontMatter) failed(keys ...string) bool {
	return f != nil && slices.ContainsFunc(keys, func(k string) bool { return f.bad[k] })
}

// itemErrorf reports a problem with item i of the list key holds: in
// YAML, at the item.
func (f *frontMatter) itemErrorf(key string, i int, format string, args ...any) {
	f.fail(key)
	if n := f.itemNode(key, i); n != nil {
		f.errorAt(n, format, args...)
		return
	}
	f.errorf(key, format, args...)
}

// itemNode returns the node of item i of the YAML list key, or nil: in
// TOML, or when key is no list.
func (f *frontMatter) itemNode(key string, i int) *yaml.Node {
	if k, ok := f.keys[key]; ok && k.value.Kind == yaml.SequenceNode && i < len(k.value.Content) {
		return k.value.Content[i]
	}
	return nil
}

// itemWarnf warns of item i of the list key: in YAML at the item, in
// TOML at the key.
func (f *frontMatter) itemWarnf(key string, i int, format string, args ...any) {
	line, col := f.keyLine(key), 0
	if n := f.itemNode(key, i); n != nil {
		line, col = n.Line+1, n.Column
	}
	f.ps.list = append(f.ps.list, Problem{File: f.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
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

// string returns key's value as a string; numbers, booleans and dates
// are accepted, as YAML authors write them bare (title: 2026-04-01), and
// so is a list of them, joined with ", " (audience = ["floor
// consultant", "service desk"]).
func (f *frontMatter) string(key string) string {
	v, ok := f.get(key)
	if !ok {
		return ""
	}
	text, bad := asText(v)
	switch {
	case bad == nil:
		return text
	case bad.item < 0:
		f.errorf(key, "%s: want text, got %s", key, describe(v))
	default:
		f.itemErrorf(key, bad.item, "%s: want text or a list of text, found %s in it", key, describe(bad.value))
	}
	return ""
}

// notText is what asText refused: value, the item of a list, or the
// value itself when item is -1.
type notText struct {
	item  int
	value any
}

// asText returns the text v means where text is wanted: text trimmed; a
// number, boolean or date as written bare; a list of these joined with
// ", ", its empty items left out. Anything else is refused.
func asText(v any) (string, *notText) {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v), nil
	case int64, int, float64, bool, time.Time:
		return bareText(v), nil
	case []any:
		items := make([]string, 0, len(v))
		for i, e := range v {
			switch e := e.(type) {
			case string:
				if e = strings.TrimSpace(e); e != "" {
					items = append(items, e)
				}
			case int64, int, float64, bool, time.Time:
				items = append(items, bareText(e))
			default:
				return "", &notText{i, e}
			}
		}
		return strings.Join(items, ", "), nil
	}
	return "", &notText{-1, v}
}

// strings returns key's value as a list of strings; text is a list of
// the parts between its commas (roles = "sales, service"), or of one.
func (f *frontMatter) strings(key string) []string {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		var out []string
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
		return out
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			switch e := e.(type) {
			case string:
				if e = strings.TrimSpace(e); e != "" {
					out = append(out, e)
				} else {
					// An item left to fill in ("", or "- " written
					// with quotes) would be lost without a word.
					f.itemWarnf(key, i, "%s: item %d is empty and is left out", key, i+1)
				}
			case int64, int, float64, bool, time.Time:
				out = append(out, bareText(e))
			default:
				f.itemErrorf(key, i, "%s: want a list of text, found %s in it", key, describe(e))
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
	if s, ok := v.(string); ok {
		d, why, ok := looksLikeDate(strings.TrimSpace(s))
		if ok && why != "" {
			f.errorf(key, "%s: %s is no day of the calendar: %s", key, describe(v), why)
			return time.Time{}
		}
		if ok && d != "" {
			f.errorf(key, "%s: %s is not a date playbook reads: write it year-month-day, %s", key, describe(v), d)
			return time.Time{}
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
		for i, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				f.itemErrorf(key, i, "%s: want a list of tables, found %s in it", key, describe(e))
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

// bareText returns a value written without quotes as the text it was: a
// date as year-month-day, with its time only if it has one.
func bareText(v any) string {
	if t, ok := v.(time.Time); ok {
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format(time.DateOnly)
		}
		return t.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

func describe(v any) string {
	switch v := v.(type) {
	case time.Time:
		return "the date " + bareText(v)
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
