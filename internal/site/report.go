package site

// Writing problems out for people and for machines: the formats of
// "playbook check".

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// The formats problems are written in.
const (
	FormatText   = "text"   // as build prints them: file:line:col: message
	FormatJSON   = "json"   // a JSON array, one object a problem
	FormatGitHub = "github" // GitHub Actions workflow commands
)

// Formats lists the formats WriteProblems knows.
var Formats = []string{FormatText, FormatJSON, FormatGitHub}

// jsonProblem is a problem as the JSON format writes it.
type jsonProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Check    string `json:"check"`
	Message  string `json:"message"`
}

// Severity returns "warning" or "error".
func (p Problem) Severity() string {
	if p.Warning {
		return "warning"
	}
	return "error"
}

// WriteProblems writes ps to w in format (one of Formats). prefix is put
// before each file name in the github format, where GitHub wants paths
// from the repository's root: the site's folder there ("docs/"), or "".
func WriteProblems(w io.Writer, format string, ps Problems, prefix string) error {
	switch format {
	case FormatText:
		for _, p := range ps {
			if _, err := fmt.Fprintln(w, p); err != nil {
				return err
			}
		}
		return nil
	case FormatJSON:
		return writeJSON(w, ps)
	case FormatGitHub:
		for _, p := range ps {
			if _, err := fmt.Fprintln(w, GitHubCommand(p, prefix)); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// writeJSON writes ps as a JSON array with one problem a line, so that
// the output reads, greps and diffs line by line and still parses whole.
func writeJSON(w io.Writer, ps Problems) error {
	var b strings.Builder
	b.WriteString("[")
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	// A message quoting a layout or a shortcode ("{{< ref >}}") reads as
	// written, not as \u003c.
	enc.SetEscapeHTML(false)
	for i, p := range ps {
		line.Reset()
		if err := enc.Encode(jsonProblem{File: p.File, Line: p.Line, Column: p.Col, Severity: p.Severity(), Check: p.CheckName(), Message: p.Msg}); err != nil {
			return err
		}
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n")))
	}
	if len(ps) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// GitHubCommand returns p as a GitHub Actions workflow command
// ("::error file=content/a.md,line=3,col=5,title=broken-link::message"),
// which a pull request shows on the line of the file. Data and properties
// are escaped as GitHub's own toolkit escapes them (@actions/core): "%",
// "\r" and "\n" everywhere, and ":" and "," in properties too.
func GitHubCommand(p Problem, prefix string) string {
	var props []string
	if p.File != "" {
		props = append(props, "file="+escapeProperty(prefix+p.File))
	}
	if p.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", p.Line))
		if p.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", p.Col))
		}
	}
	title := "playbook"
	if c := p.CheckName(); c != "" {
		title += " " + c
	}
	props = append(props, "title="+escapeProperty(title))
	return "::" + p.Severity() + " " + strings.Join(props, ",") + "::" + escapeData(p.Msg)
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// jsonOwnerDue is an owner's pages due for review, as the JSON format
// writes them.
type jsonOwnerDue struct {
	Owner string    `json:"owner"`
	Pages []jsonDue `json:"pages"`
}

type jsonDue struct {
	File  string `json:"file"`
	Title string `json:"title"`
	// Reviewed and Due are dates (2026-11-27), empty when never reviewed.
	Reviewed string `json:"reviewed"`
	Due      string `json:"due"`
	Overdue  bool   `json:"overdue"`
}

// WriteDue writes the pages due for review, grouped by owner (see
// Site.DueBy), in FormatText or FormatJSON: a reminder a weekly job can
// mail to each owner.
func WriteDue(w io.Writer, format string, due []OwnerDue, now time.Time) error {
	switch format {
	case FormatJSON:
		out := []jsonOwnerDue{}
		for _, o := range due {
			jo := jsonOwnerDue{Owner: o.Owner}
			for _, d := range o.Pages {
				jo.Pages = append(jo.Pages, jsonDue{File: d.Page.File, Title: d.Page.Title,
					Reviewed: dateOrEmpty(d.Page.Reviewed), Due: dateOrEmpty(d.When), Overdue: d.Overdue})
			}
			out = append(out, jo)
		}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	case FormatText:
		var b strings.Builder
		if len(due) == 0 {
			b.WriteString("No page is due for review.\n")
		}
		for _, o := range due {
			owner := o.Owner
			if owner == "" {
				owner = "No owner"
			}
			fmt.Fprintf(&b, "%s: %d due\n", owner, len(o.Pages))
			for _, d := range o.Pages {
				var when string
				switch {
				case d.When.IsZero():
					when = "never reviewed"
				case d.Overdue:
					when = fmt.Sprintf("overdue since %s (%d days)", d.When.Format(time.DateOnly), d.DaysOverdue(now))
				default:
					when = "due " + d.When.Format(time.DateOnly)
				}
				fmt.Fprintf(&b, "  %s: %s (%s)\n", printable(d.Page.File), when, d.Page.Title)
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("--due writes %s or %s, not %q", FormatText, FormatJSON, format)
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
