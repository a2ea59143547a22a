package gitrepo

import (
	"bytes"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// minAbbrev is the length git abbreviates a hash to at the least, in a
// repository of fewer than 16,384 objects (core.abbrev = auto).
const minAbbrev = 7

// An abbrevIndex knows every object of a repository's own folder, to
// abbreviate a hash as git does: to its shortest prefix no other object
// shares, of core.abbrev characters at the least (by default 7, more as
// the repository grows), so that git show can be given what a page
// shows.
type abbrevIndex struct {
	min   int
	packs []*idxfile.MemoryIndex
	loose []plumbing.Hash // sorted
	done  map[plumbing.Hash]string
}

// short returns the abbreviation of h. r.mu is held.
func (r *Repo) short(h plumbing.Hash) string {
	if r.abbrev == nil {
		r.abbrev = r.loadAbbrev()
	}
	a := r.abbrev
	if s, ok := a.done[h]; ok {
		return s
	}
	n := a.min
	for _, o := range a.neighbours(h) {
		n = max(n, sharedHex(h, o)+1)
	}
	s := h.String()[:min(n, len(h)*2)]
	a.done[h] = s
	return s
}

// loadAbbrev reads the indexes of the repository's packs and lists its
// loose objects. Objects it cannot read leave hashes at their least
// length: an abbreviation is for reading, and a build does not fail for
// one.
func (r *Repo) loadAbbrev() *abbrevIndex {
	a := &abbrevIndex{min: minAbbrev, done: map[plumbing.Hash]string{}}
	setting := ""
	if cfg, err := r.repo.Config(); err == nil && cfg.Raw != nil {
		setting = strings.ToLower(cfg.Raw.Section("core").Option("abbrev"))
	}
	st, ok := r.repo.Storer.(*filesystem.Storage)
	if !ok {
		return a
	}
	count := 0
	if packs, err := st.ObjectPacks(); err == nil {
		for _, p := range packs {
			f, err := st.Filesystem().Open("objects/pack/pack-" + p.String() + ".idx")
			if err != nil {
				continue
			}
			idx := idxfile.NewMemoryIndex()
			err = idxfile.NewDecoder(f).Decode(idx)
			f.Close()
			if err != nil {
				continue
			}
			a.packs = append(a.packs, idx)
			if n, err := idx.Count(); err == nil {
				count += int(n)
			}
		}
	}
	_ = st.ForEachObjectHash(func(h plumbing.Hash) error {
		a.loose = append(a.loose, h)
		return nil
	})
	slices.SortFunc(a.loose, func(x, y plumbing.Hash) int { return bytes.Compare(x[:], y[:]) })
	count += len(a.loose)
	switch n, err := strconv.Atoi(setting); {
	case setting == "no" || setting == "false" || setting == "off":
		a.min = len(plumbing.ZeroHash) * 2
	case err == nil:
		a.min = min(max(n, 4), len(plumbing.ZeroHash)*2)
	default:
		a.min = autoAbbrev(count)
	}
	return a
}

// autoAbbrev returns the least length git gives abbreviations in a
// repository of count objects (core.abbrev = auto): enough hex digits
// that two of that many objects are not expected to share them, and 7 at
// the least.
func autoAbbrev(count int) int {
	// git: the bits of the count, halved for the birthday bound, in hex
	// digits of 4 bits each, rounded up.
	return max(minAbbrev, (bits.Len(uint(count))+1)/2)
}

// neighbours returns the objects next to h in hash order, in each pack
// and among the loose objects: the ones sharing the longest prefix with
// it. h itself is left out.
func (a *abbrevIndex) neighbours(h plumbing.Hash) []plumbing.Hash {
	var out []plumbing.Hash
	add := func(n int, at func(i int) plumbing.Hash) {
		// The first object not below h, and the one before it.
		lo, hi := 0, n
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if x := at(m); bytes.Compare(x[:], h[:]) < 0 {
				lo = m + 1
			} else {
				hi = m
			}
		}
		for _, i := range []int{lo - 1, lo, lo + 1} {
			if i >= 0 && i < n {
				if x := at(i); x != h {
					out = append(out, x)
				}
			}
		}
	}
	for _, idx := range a.packs {
		// A pack's index keeps its names by their first byte.
		k := idx.FanoutMapping[h[0]]
		if k < 0 || k >= len(idx.Names) {
			continue
		}
		names := idx.Names[k]
		add(len(names)/len(h), func(i int) plumbing.Hash {
			var x plumbing.Hash
			copy(x[:], names[i*len(h):])
			return x
		})
	}
	add(len(a.loose), func(i int) plumbing.Hash { return a.loose[i] })
	return out
}

// sharedHex returns how many hex digits a and b share at their start.
func sharedHex(a, b plumbing.Hash) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i]>>4 == b[i]>>4 {
				return 2*i + 1
			}
			return 2 * i
		}
	}
	return 2 * len(a)
}
