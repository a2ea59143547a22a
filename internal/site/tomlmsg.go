package site

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// tomlMessage says a TOML syntax error in an author's words where the
// line it is on shows a mistake people make: a date written the way it
// is said (28/11/2026), text without quotes, a key written as in YAML, a
// key set twice. Any other error keeps the parser's message.
func tomlMessage(pe toml.ParseError, text string) string {
	if m := tomlControl.FindStringSubmatch(pe.Message); m != nil {
		// Most editors show neither.
		if m[1] == "0d" {
			return "a carriage return (CR) that ends no line: the file's line ends are damaged (CR CR LF); save it with LF or CRLF line ends"
		}
		return fmt.Sprintf("an invisible control character (byte 0x%s) is in this line: delete it", m[1])
	}
	lines := strings.Split(text, "\n")
	n := tomlLine(pe)
	if n < 1 || n > len(lines) {
		return pe.Message
	}
	line := strings.TrimSpace(strings.TrimSuffix(lines[n-1], "\r"))
	key, value, ok := strings.Cut(line, "=")
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if k, _, yamlish := strings.Cut(line, ":"); !ok && yamlish && strings.Contains(pe.Message, "but got ':'") {
		return fmt.Sprintf("%s: write %s = ..., with \"=\": between +++ lines front matter is TOML (YAML, with \":\", goes between --- lines)", strings.TrimSpace(k), strings.TrimSpace(k))
	}
	if !ok || key == "" {
		return pe.Message
	}
	if strings.HasSuffix(pe.Message, " is out of range for int64") {
		return fmt.Sprintf("%s: %s is too large a number: write one of at most 18 digits", key, value)
	}
	if m := tomlDefinedTwice.FindStringSubmatch(pe.Message); m != nil {
		return fmt.Sprintf("%s is set twice: keep one", m[1])
	}
	if d, why, ok := looksLikeDate(value); ok {
		if why != "" {
			return fmt.Sprintf("%s: %s is no day of the calendar: %s", key, value, why)
		}
		if d != "" {
			return fmt.Sprintf("%s: %s is not a date playbook reads: write it year-month-day, %s = %s", key, value, key, d)
		}
		return fmt.Sprintf("%s: %s is not a date playbook reads: write it year-month-day, such as %s = 2026-01-31", key, value, key)
	}
	if value == "" && strings.HasPrefix(pe.Message, "expected value but found ") {
		return fmt.Sprintf("%s: nothing after \"=\": give it a value, or remove the line", key)
	}
	if strings.HasPrefix(pe.Message, `expected value but found "`) {
		switch strings.ToLower(value) {
		case "yes", "no", "on", "off", "y", "n":
			return fmt.Sprintf("%s: write true or false, not %s", key, value)
		}
		if strings.HasPrefix(value, "[") {
			return fmt.Sprintf("%s: put each item of the list in double quotes: %s = %s", key, key, quoteItems(value))
		}
		return fmt.Sprintf("%s: put text in double quotes: %s = %s", key, key, strconv.Quote(value))
	}
	if strings.HasPrefix(pe.Message, "strings cannot contain newlines") && strings.Count(value, `"`) == 1 {
		return fmt.Sprintf(`%s: the text has no closing double quote: end it on this line with "`, key)
	}
	if strings.Count(value, `"`) > 2 && strings.HasPrefix(value, `"`) && !strings.HasPrefix(value, `"""`) {
		return fmt.Sprintf(`%s: the text ends at its second double quote: write a quote inside text as \" (or put the text in single quotes)`, key)
	}
	return pe.Message
}

// tomlControl is the parser's message for a control character, with its
// byte in hexadecimal.
var tomlControl = regexp.MustCompile(`^TOML files cannot contain control characters: '0x([0-9a-f]{2})'$`)

// tomlDefinedTwice is the parser's message for a key set twice.
var tomlDefinedTwice = regexp.MustCompile(`^Key '(.+)' has already been defined\.$`)

// datePattern is a date as people write it: day, month and year (or
// year, month and day) with slashes, dots or hyphens.
var datePattern = regexp.MustCompile(`^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$`)

// looksLikeDate reports whether value is meant as a date, and returns it
// as year-month-day when it can tell which number is the day: ""
// otherwise (03/04/2026 is the 3rd of April or the 4th of March). When
// it can tell, but the calendar has no such day (2026-02-30), why says
// so and the date is "".
func looksLikeDate(value string) (date, why string, ok bool) {
	value = strings.Trim(value, `"'`)
	m := datePattern.FindStringSubmatch(value)
	if m == nil {
		return "", "", false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	c, _ := strconv.Atoi(m[3])
	var y, mo, d int
	switch {
	case len(m[1]) == 4:
		y, mo, d = a, b, c
	case len(m[3]) == 4 && a > 12 && b <= 12:
		y, mo, d = c, b, a
	case len(m[3]) == 4 && b > 12 && a <= 12:
		y, mo, d = c, a, b
	default:
		return "", "", true
	}
	if mo < 1 || mo > 12 {
		return "", fmt.Sprintf("there is no month %d", mo), true
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo {
		days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return "", fmt.Sprintf("%s %d has %d days", time.Month(mo), y, days), true
	}
	return t.Format(time.DateOnly), "", true
}

// quoteItems returns a list written without quotes ([a, b c]) with each
// item quoted (["a", "b c"]).
func quoteItems(value string) string {
	inner := strings.TrimSuffix(strings.TrimPrefix(value, "["), "]")
	var items []string
	for _, it := range strings.Split(inner, ",") {
		if it = strings.Trim(strings.TrimSpace(it), `"'`); it != "" {
			items = append(items, strconv.Quote(it))
		}
	}
	return "[" + strings.Join(items, ", ") + "]"
}
