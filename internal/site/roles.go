package site

// Roles: who on the front line does what. A role is named in roles of
// behaviours, standards and campaigns and in audience of FAQs; spellings
// that differ only in case or punctuation, and those [roles] in site.toml
// merges, are one role.

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Role is a role of the front line and the pages naming it.
type Role struct {
	// Name is the role's title: [roles] title, else the first spelling
	// a page uses, in reading order, that is not written as a slug, with
	// a capital first letter ("Sales engineer").
	Name string
	// Slug identifies the role; its page is at URL, "roles/<slug>/".
	Slug        string
	URL         string
	Description string
	// Behaviours, Standards, FAQs and Campaigns are the pages naming the
	// role, in reading order.
	Behaviours []*Page
	Standards  []*Page
	FAQs       []*Page
	Campaigns  []*Page

	// titled is set when [roles] gives the role its title.
	titled bool
}

// Promises returns the promises the role keeps: those its behaviours
// fulfil, by title.
func (r *Role) Promises() []*Page {
	var ps []*Page
	// A set, not a search of ps: a role of thousands of behaviours keeps
	// hundreds of promises.
	seen := map[*Page]bool{}
	for _, b := range r.Behaviours {
		for _, p := range b.Fulfils {
			if !seen[p] {
				seen[p] = true
				ps = append(ps, p)
			}
		}
	}
	slices.SortStableFunc(ps, compareTitles)
	return ps
}

// RoleCampaigns returns the campaigns naming role r that are live or
// start soon at the site's Now, in the order of Site.CurrentCampaigns.
func (s *Site) RoleCampaigns(r *Role) []*Page {
	var ps []*Page
	for _, c := range s.CurrentCampaigns() {
		if slices.Contains(r.Campaigns, c) {
			ps = append(ps, c)
		}
	}
	return ps
}

// Role returns the role a spelling names, or nil.
func (s *Site) Role(name string) *Role {
	key := roleSlug(name, s.roleAliases)
	for _, r := range s.Roles {
		if r.Slug == key {
			return r
		}
	}
	return nil
}

// PageRoles returns the roles page p names: its roles, or the audience
// of an FAQ.
func PageRoles(p *Page) []string {
	if p.Type == TypeFAQ {
		var names []string
		for part := range strings.SplitSeq(p.Audience, ",") {
			if part = strings.TrimSpace(part); part != "" {
				names = append(names, part)
			}
		}
		return names
	}
	switch p.Type {
	case TypeBehaviour, TypeStandard, TypeCampaign:
		return p.Roles
	}
	return nil
}

// parseRoles reports [roles] blocks whose key is no slug, and spellings
// two roles claim.
func parseRoles(roles map[string]RoleConfig, text string, ps *problems) {
	keys := make([]string, 0, len(roles))
	for k := range roles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	claimed := map[string]string{}
	for _, k := range keys {
		if Slug(k) != k {
			ps.errorf(ConfigFile, lineOfKey(text, "roles."+k), "roles: %q is not a role's slug (use lower-case letters, digits and hyphens: %q)", k, Slug(k))
			continue
		}
		rc := roles[k]
		for _, name := range append([]string{k, rc.Title}, rc.Aliases...) {
			slug := Slug(name)
			if slug == "" {
				continue
			}
			if other, ok := claimed[slug]; ok && other != k {
				ps.errorf(ConfigFile, lineOfKey(text, "roles."+k), "roles: %q names both %q and %q", name, other, k)
				continue
			}
			claimed[slug] = k
		}
	}
}

// roleAliases maps the slug of each other name [roles] gives a role (its
// title, its aliases) to the role's own slug.
func roleAliases(cfg Config) map[string]string {
	aliases := map[string]string{}
	for k, rc := range cfg.Roles {
		if Slug(k) != k {
			continue
		}
		for _, name := range append([]string{rc.Title}, rc.Aliases...) {
			if slug := Slug(name); slug != "" && slug != k {
				if _, taken := aliases[slug]; !taken {
					aliases[slug] = k
				}
			}
		}
	}
	return aliases
}

// roleSlug returns the slug of the role named name, given the site's
// roleAliases: "" for a name with no letter or digit.
func roleSlug(name string, aliases map[string]string) string {
	slug := Slug(name)
	if k, ok := aliases[slug]; ok {
		return k
	}
	return slug
}

// gatherRoles lists the roles the pages name, by name.
func (l *loadState) gatherRoles() {
	s := l.site
	s.roleAliases = roleAliases(s.Config)
	bySlug := map[string]*Role{}
	for _, p := range s.Pages {
		for _, name := range PageRoles(p) {
			slug := roleSlug(name, s.roleAliases)
			if slug == "" {
				continue
			}
			r := bySlug[slug]
			if r != nil && r.Name == slug && name != slug && !r.titled {
				// A spelling as a person writes it names the role better
				// than its slug.
				r.Name = name
			}
			if r == nil {
				r = &Role{Name: name, Slug: slug, URL: "roles/" + slug + "/"}
				if rc, ok := s.Config.Roles[slug]; ok {
					if rc.Title != "" {
						r.Name, r.titled = rc.Title, true
					}
					r.Description = rc.Description
				}
				bySlug[slug] = r
				s.Roles = append(s.Roles, r)
			}
			var list *[]*Page
			switch p.Type {
			case TypeBehaviour:
				list = &r.Behaviours
			case TypeStandard:
				list = &r.Standards
			case TypeFAQ:
				list = &r.FAQs
			default:
				list = &r.Campaigns
			}
			// A page naming the role twice (two spellings of it) was
			// added last, by this loop: the pages come in order.
			if n := len(*list); n == 0 || (*list)[n-1] != p {
				*list = append(*list, p)
			}
		}
	}
	// Pages write a role inside a sentence's case ("sales engineer"); as
	// a name on its own, in lists and headings, it starts with a capital,
	// as a title given in site.toml does.
	for _, r := range s.Roles {
		if !r.titled {
			r.Name = capitalized(r.Name)
		}
	}
	slices.SortFunc(s.Roles, func(a, b *Role) int { return s.CompareNames(a.Name, b.Name) })
}

// capitalized returns s with its first letter in upper case.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
