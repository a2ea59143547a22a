package site

import (
	"slices"
	"strings"
	"testing"
)

// TestChannelFollowUp loads a promise made on channels, and sales and
// service behaviours naming some, and wants each channel's follow-up and
// the channel-gap warnings, exactly.
func TestChannelFollowUp(t *testing.T) {
	promise := "+++\ntitle = \"Fast\"\npromise = \"We are fast.\"\nexpectation = \"A call back today.\"\nowner = \"Sales\"\nchannels = [\"Email\", \"radio  ads\", \"store\"]\n+++\n"
	yamlPromise := "---\ntitle: Fast\npromise: We are fast.\nexpectation: A call back today.\nchannels:\n  - email\n  - web\n---\n"
	behaviour := func(stage, channels string) string {
		s := "+++\nstage = \"" + stage + "\"\nfulfils = [\"fast\"]\n"
		if channels != "" {
			s += "channels = " + channels + "\n"
		}
		return s + "+++\n"
	}
	tests := []struct {
		name       string
		promise    string
		behaviours map[string]string
		// want is each channel and the ids of its behaviours: "email=a,b".
		want     []string
		warnings []string
	}{{
		name:       "no behaviour names channels: no follow-up view, no warnings",
		promise:    promise,
		behaviours: map[string]string{"a": behaviour("sales", ""), "b": behaviour("service", "")},
	}, {
		name:       "a channel no sales behaviour names is a gap, at the channels key",
		promise:    promise,
		behaviours: map[string]string{"a": behaviour("sales", `["email", "Radio Ads"]`), "b": behaviour("service", "")},
		want:       []string{"Email=a", "radio  ads=a", "store="},
		warnings:   []string{`content/promises/fast.md:6: warning: promise "fast" is made by store; no sales behaviour follows up store: add "store" to the channels of a sales behaviour that keeps it, or take it off the promise's`},
	}, {
		name:    "channels match whatever their case and spacing",
		promise: promise,
		behaviours: map[string]string{
			"a": behaviour("sales", `"EMAIL, Store"`), "b": behaviour("sales", `[" radio ads "]`), "c": behaviour("service", ""),
		},
		want: []string{"Email=a", "radio  ads=b", "store=a"},
	}, {
		name:    "a behaviour without channels follows up none once another names some",
		promise: promise,
		behaviours: map[string]string{
			"a": behaviour("sales", ""), "b": behaviour("sales", `["email"]`), "c": behaviour("service", ""),
		},
		want: []string{"Email=b", "radio  ads=", "store="},
		warnings: []string{
			`content/promises/fast.md:6: warning: promise "fast" is made by radio  ads; no sales behaviour follows up radio  ads: add "radio  ads" to the channels of a sales behaviour that keeps it, or take it off the promise's`,
			`content/promises/fast.md:6: warning: promise "fast" is made by store; no sales behaviour follows up store: add "store" to the channels of a sales behaviour that keeps it, or take it off the promise's`,
		},
	}, {
		name:       "a service behaviour follows up no channel",
		promise:    promise,
		behaviours: map[string]string{"a": behaviour("sales", `["email", "radio ads"]`), "b": behaviour("service", `["store"]`)},
		want:       []string{"Email=a", "radio  ads=a", "store="},
		warnings:   []string{`content/promises/fast.md:6: warning: promise "fast" is made by store; no sales behaviour follows up store: add "store" to the channels of a sales behaviour that keeps it, or take it off the promise's`},
	}, {
		name:       "in YAML the warning is at the channels key",
		promise:    yamlPromise,
		behaviours: map[string]string{"a": behaviour("sales", `["Email"]`), "b": behaviour("service", "")},
		want:       []string{"email=a", "web="},
		warnings:   []string{`content/promises/fast.md:5: warning: promise "fast" is made by web; no sales behaviour follows up web: add "web" to the channels of a sales behaviour that keeps it, or take it off the promise's`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/promises/fast.md": tt.promise}
			for id, src := range tt.behaviours {
				files["content/behaviours/"+id+".md"] = src
			}
			s, problems := loadFiles(t, files)
			var got []string
			for _, f := range s.ByID("fast").FollowUps {
				var ids []string
				for _, b := range f.By {
					ids = append(ids, b.ID)
				}
				got = append(got, f.Channel+"="+strings.Join(ids, ","))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("follow-ups %q, want %q", got, tt.want)
			}
			var warnings []string
			for _, p := range problems {
				if p.Check == "channel-gap" {
					warnings = append(warnings, p.String())
				} else if !p.Warning {
					t.Errorf("unexpected error %s", p)
				}
			}
			if !slices.Equal(warnings, tt.warnings) {
				t.Errorf("warnings\n%q\nwant\n%q", warnings, tt.warnings)
			}
		})
	}
}
