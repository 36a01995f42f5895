package rules

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tfgate/tfgate/plan"
)

// WaiverKind says where a waiver is written; it is also the SARIF
// suppression kind.
type WaiverKind string

// Waiver kinds.
const (
	// WaiverExternal: an entry of `waivers:` in .tfgate.yaml.
	WaiverExternal WaiverKind = "external"
	// WaiverInSource: a `# tfgate:ignore` comment in a .tf file.
	WaiverInSource WaiverKind = "inSource"
)

// DateLayout is how waiver expiry dates are written: 2027-03-31.
const DateLayout = "2006-01-02"

// Waiver is a reviewed, time-limited exception: findings of Rule on the
// resources it names are reported as suppressed and do not fail the run
// until the day after Expires.
type Waiver struct {
	Rule string // TFG-AWS-EGRESS-001
	// Resource is the address pattern of an external waiver (see
	// MatchAddress): "module.edge.aws_security_group.*". Inline waivers
	// name their resource by position instead (Target).
	Resource string
	Reason   string
	Expires  time.Time // a date (midnight UTC); the waiver holds on that day
	Owner    string    // optional
	Ticket   string    // optional
	Kind     WaiverKind
	// File and Line are where the waiver is written (.tfgate.yaml entry, or
	// the comment).
	File string
	Line int
	// Target is, for an inline waiver, the line it stands above (or, for a
	// comment after code, its own line); 0 when nothing follows it.
	Target int
}

// Where is "file:line" of the waiver.
func (w Waiver) Where() string { return fmt.Sprintf("%s:%d", w.File, w.Line) }

// Suppression is the waiver that holds for a finding: the finding stays in
// every output, marked suppressed, and never fails the run.
type Suppression struct {
	Kind          WaiverKind `json:"kind"`          // external | inSource
	Justification string     `json:"justification"` // the waiver's reason
	Expires       string     `json:"expires"`       // YYYY-MM-DD
	Owner         string     `json:"owner,omitempty"`
	Ticket        string     `json:"ticket,omitempty"`
	// File and Line are where the waiver is written.
	File string `json:"file"`
	Line int    `json:"line"`
}

// Suppressed reports whether a waiver holds for f.
func (f Finding) Suppressed() bool { return f.Suppression != nil }

var dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// ParseDate reads a waiver date, exactly YYYY-MM-DD and a real day.
func ParseDate(s string) (time.Time, error) {
	if !dateRE.MatchString(s) {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD, for example 2027-03-31", s)
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is not a day of the calendar", s)
	}
	return t, nil
}

// Suggest is the candidate nearest to s (a likely typo: edit distance at
// most 2 ignoring case, or equal ignoring case and underscores), or "".
func Suggest(s string, candidates []string) string {
	norm := func(x string) string { return strings.ReplaceAll(strings.ToLower(x), "_", "") }
	best, bestD := "", 3
	for _, c := range candidates {
		if norm(c) == norm(s) {
			return c
		}
		if d := levenshtein(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// MatchAddress reports whether a resource address matches a waiver
// pattern. Both are split into segments at dots outside brackets and
// quotes (module.edge.aws_security_group.x["a.b"] has four). In a pattern
// segment:
//
//   - `*` matches any run of characters inside one segment (aws_*_policy);
//   - a segment without an index matches that segment with any index or
//     none: aws_security_group.x matches x, x[0] and x["a"], and
//     module.edge matches every instance of the module;
//   - a segment with an index matches only that index (x["a"], x[*]);
//   - `**` as a whole segment matches any number of segments, none
//     included (module.edge.** is everything inside module.edge).
//
// Matching is case-sensitive, as Terraform addresses are.
func MatchAddress(pattern, address string) bool {
	return matchSegments(splitAddress(pattern), splitAddress(address))
}

func matchSegments(ps, as []string) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			for len(ps) > 0 && ps[0] == "**" {
				ps = ps[1:]
			}
			if len(ps) == 0 {
				return true
			}
			for i := 0; i <= len(as); i++ {
				if matchSegments(ps, as[i:]) {
					return true
				}
			}
			return false
		}
		if len(as) == 0 || !matchSegment(ps[0], as[0]) {
			return false
		}
		ps, as = ps[1:], as[1:]
	}
	return len(as) == 0
}

func matchSegment(p, a string) bool {
	if !strings.Contains(p, "[") {
		if i := strings.IndexByte(a, '['); i >= 0 {
			a = a[:i]
		}
	}
	return glob(p, a)
}

// glob matches s against p, where `*` is any run of characters.
func glob(p, s string) bool {
	star, mark := -1, 0
	i, j := 0, 0
	for j < len(s) {
		switch {
		case i < len(p) && p[i] == '*':
			star, mark = i, j
			i++
		case i < len(p) && p[i] == s[j]:
			i++
			j++
		case star >= 0:
			i = star + 1
			mark++
			j = mark
		default:
			return false
		}
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}

// splitAddress splits at dots outside brackets and quoted strings.
func splitAddress(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == '.' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// ValidateAddressPattern reports a pattern that can match nothing.
func ValidateAddressPattern(p string) error {
	if strings.TrimSpace(p) == "" {
		return fmt.Errorf("empty resource pattern (use \"**\" for every resource)")
	}
	for _, seg := range splitAddress(p) {
		if seg == "" {
			return fmt.Errorf("resource pattern %q has an empty segment (two dots, or a dot at an end)", p)
		}
		if strings.Contains(seg, "**") && seg != "**" {
			return fmt.Errorf("resource pattern %q: ** stands alone between dots (module.edge.**); * matches inside one segment", p)
		}
	}
	return nil
}

// InlineDirective starts an inline waiver comment.
const InlineDirective = "tfgate:ignore"

// inlineFields are the key=value words of an inline waiver.
var inlineFields = []string{"expires", "owner", "ticket"}

// ParseInlineWaivers reads the `# tfgate:ignore` (or `// tfgate:ignore`)
// comments of one .tf file:
//
//	# tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 egress proxy, reviewed in SEC-142
//
// Several rule ids may be given comma-separated. expires=YYYY-MM-DD is
// required, owner= and ticket= are optional, every other word is the
// reason (required). The comment waives what starts on the next line that
// is not itself a comment: a resource block (every instance of it) or an
// attribute or nested block (findings located inside it). A comment after
// code on the same line waives that line. Only real comments count: the
// text of strings and heredocs is never read as a waiver.
func ParseInlineWaivers(file string, src []byte) ([]Waiver, error) {
	tokens, _ := hclsyntax.LexConfig(src, file, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	code := map[int]bool{}      // lines holding a token that is not a comment
	commented := map[int]bool{} // lines where a comment starts
	type directive struct {
		text string
		line int
	}
	var found []directive
	for _, t := range tokens {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		case hclsyntax.TokenComment:
			line := t.Range.Start.Line
			commented[line] = true
			text := string(t.Bytes)
			switch {
			case strings.HasPrefix(text, "#"):
				text = text[1:]
			case strings.HasPrefix(text, "//"):
				text = text[2:]
			default: // /* block comments */ are not waivers
				continue
			}
			text = strings.TrimSpace(text)
			if strings.HasPrefix(text, InlineDirective) {
				found = append(found, directive{text: text, line: line})
			}
		default:
			for l := t.Range.Start.Line; l <= t.Range.End.Line; l++ {
				code[l] = true
			}
		}
	}
	lines := strings.Count(string(src), "\n") + 1
	var out []Waiver
	for _, d := range found {
		ws, err := parseDirective(d.text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, d.line, err)
		}
		target := 0
		if code[d.line] {
			target = d.line // a comment after code waives its own line
		} else {
			for l := d.line + 1; l <= lines; l++ {
				if code[l] {
					target = l
					break
				}
				if !commented[l] {
					break // a blank line: the comment stands above nothing
				}
			}
		}
		for _, w := range ws {
			w.File, w.Line, w.Target, w.Kind = file, d.line, target, WaiverInSource
			out = append(out, w)
		}
	}
	return out, nil
}

const inlineExample = "# tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 egress proxy, reviewed in SEC-142"

// parseDirective reads "tfgate:ignore ID[,ID...] expires=... [owner=...]
// [ticket=...] reason...".
func parseDirective(text string) ([]Waiver, error) {
	rest := strings.TrimPrefix(text, InlineDirective)
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, fmt.Errorf("%q: want %s followed by a space and a rule id, as in %s", firstWord(text), InlineDirective, inlineExample)
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		return nil, fmt.Errorf("%s needs a rule id, an expiry and a reason, as in %s", InlineDirective, inlineExample)
	}
	var ids []string
	for _, id := range strings.Split(words[0], ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		if strings.Contains(id, "=") {
			return nil, fmt.Errorf("%s needs the rule id first, as in %s", InlineDirective, inlineExample)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s needs a rule id, as in %s", InlineDirective, inlineExample)
	}
	var w Waiver
	var reason []string
	seen := map[string]bool{}
	for _, word := range words[1:] {
		key, value, ok := strings.Cut(word, "=")
		if ok && isFieldKey(key) {
			lk := strings.ToLower(key)
			known := ""
			for _, f := range inlineFields {
				if f == lk {
					known = f
				}
			}
			if known == "" {
				if s := Suggest(lk, inlineFields); s != "" || strings.HasPrefix(lk, "exp") {
					if s == "" {
						s = "expires"
					}
					return nil, fmt.Errorf("unknown field %s= (did you mean %s=? fields: expires=, owner=, ticket=)", key, s)
				}
				reason = append(reason, word)
				continue
			}
			if seen[known] {
				return nil, fmt.Errorf("%s= given twice", known)
			}
			seen[known] = true
			if value == "" {
				return nil, fmt.Errorf("%s= needs a value", known)
			}
			switch known {
			case "expires":
				t, err := ParseDate(value)
				if err != nil {
					return nil, fmt.Errorf("expires=: %w", err)
				}
				w.Expires = t
			case "owner":
				w.Owner = value
			case "ticket":
				w.Ticket = value
			}
			continue
		}
		reason = append(reason, word)
	}
	if w.Expires.IsZero() {
		return nil, fmt.Errorf("%s %s needs an expiry date expires=YYYY-MM-DD, as in %s", InlineDirective, strings.Join(ids, ","), inlineExample)
	}
	w.Reason = strings.Join(reason, " ")
	if w.Reason == "" {
		return nil, fmt.Errorf("%s %s needs a reason after the rule id, as in %s", InlineDirective, strings.Join(ids, ","), inlineExample)
	}
	out := make([]Waiver, 0, len(ids))
	for _, id := range ids {
		c := w
		c.Rule = id
		out = append(out, c)
	}
	return out, nil
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// isFieldKey: a word that looks like key=value (a lower-case name).
func isFieldKey(k string) bool {
	if k == "" {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			return false
		}
	}
	return true
}

// ValidateWaiverRules checks that every waiver names a rule of the
// catalogue: a typo in a rule id must not pass as an unused waiver.
func ValidateWaiverRules(ws []Waiver, catalogue []Rule) error {
	ids := make([]string, 0, len(catalogue))
	known := map[string]bool{}
	for _, r := range catalogue {
		ids = append(ids, r.ID)
		known[r.ID] = true
	}
	for _, w := range ws {
		if known[w.Rule] {
			continue
		}
		hint := "list them with tfgate rules"
		if s := Suggest(w.Rule, ids); s != "" {
			hint = "did you mean " + s + "? " + hint
		}
		return fmt.Errorf("%s: waiver names no rule %q (%s)", w.Where(), w.Rule, hint)
	}
	return nil
}

// Today is the date of now in its own time zone, as a date comparable
// with Waiver.Expires.
func Today(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ApplyWaivers marks the findings that an active waiver covers as
// suppressed (inline waivers are tried first, then the file's, each in
// order) and returns them with notices: one per expired waiver (it no
// longer waives: its findings count again) and one per active waiver that
// matched no finding. docs are the evaluated documents: inline waivers
// find the resource block or attribute they stand above through the
// resources' locations. today is the run date (see Today).
func ApplyWaivers(fs []Finding, ws []Waiver, docs []*plan.Document, today time.Time) ([]Finding, []Notice) {
	out := append([]Finding(nil), fs...)
	ordered := append([]Waiver(nil), ws...)
	sort.SliceStable(ordered, func(i, j int) bool {
		return ordered[i].Kind == WaiverInSource && ordered[j].Kind != WaiverInSource
	})
	pos := newPositions(docs)
	var notices []Notice
	for _, w := range ordered {
		match := pos.matcher(w)
		if w.Expires.Before(today) {
			n := 0
			for _, f := range out {
				if f.Suppression == nil && match(f) {
					n++
				}
			}
			msg := fmt.Sprintf("waiver of %s%s expired on %s and no longer waives anything", w.Rule, w.subject(), w.Expires.Format(DateLayout))
			if n > 0 {
				verb := "count"
				if n == 1 {
					verb = "counts"
				}
				msg = fmt.Sprintf("waiver of %s%s expired on %s: its %s %s again; review it and set a new expiry, or fix the resource", w.Rule, w.subject(), w.Expires.Format(DateLayout), plural(n, "finding"), verb)
			}
			notices = append(notices, Notice{Code: "waiver-expired", Message: msg, RuleID: w.Rule, File: w.File, Line: w.Line})
			continue
		}
		used := false
		for i := range out {
			f := &out[i]
			if !match(*f) {
				continue
			}
			used = true
			if f.Suppression == nil {
				f.Suppression = &Suppression{Kind: w.Kind, Justification: w.Reason, Expires: w.Expires.Format(DateLayout),
					Owner: w.Owner, Ticket: w.Ticket, File: w.File, Line: w.Line}
			}
		}
		if !used {
			msg := fmt.Sprintf("waiver of %s%s matched no finding: remove it, or correct its rule id or resource pattern", w.Rule, w.subject())
			if w.Kind == WaiverInSource {
				msg = fmt.Sprintf("inline waiver of %s matched no finding: remove it, or put it on the line directly above the resource block or attribute it waives", w.Rule)
			}
			notices = append(notices, Notice{Code: "waiver-unused", Message: msg, RuleID: w.Rule, File: w.File, Line: w.Line})
		}
	}
	return out, notices
}

func (w Waiver) subject() string {
	if w.Kind == WaiverInSource {
		return ""
	}
	return " for " + w.Resource
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// positions index the resources of the documents by source position, for
// inline waivers.
type positions struct {
	// blocks maps file\x00start line of a resource block to the
	// source\x00address of every instance of that block.
	blocks map[string]map[string]bool
	// attrEnd maps file\x00start line of an attribute or nested block to
	// the last line of the widest one starting there.
	attrEnd map[string]int
}

func posKey(file string, line int) string {
	return fmt.Sprintf("%s\x00%d", filepath.Clean(file), line)
}

func newPositions(docs []*plan.Document) *positions {
	p := &positions{blocks: map[string]map[string]bool{}, attrEnd: map[string]int{}}
	for _, d := range docs {
		for _, r := range d.Resources {
			loc := r.Location
			if loc == nil || loc.File == "" {
				continue
			}
			k := posKey(loc.File, loc.StartLine)
			if p.blocks[k] == nil {
				p.blocks[k] = map[string]bool{}
			}
			p.blocks[k][d.Source.Path+"\x00"+r.Address] = true
			for _, rg := range loc.Attributes {
				ak := posKey(loc.File, rg.StartLine)
				if rg.EndLine > p.attrEnd[ak] {
					p.attrEnd[ak] = rg.EndLine
				}
			}
		}
	}
	return p
}

// matcher is the test a waiver applies to findings.
func (p *positions) matcher(w Waiver) func(Finding) bool {
	if w.Kind != WaiverInSource {
		return func(f Finding) bool { return f.RuleID == w.Rule && MatchAddress(w.Resource, f.Resource) }
	}
	if w.Target == 0 {
		return func(Finding) bool { return false }
	}
	k := posKey(w.File, w.Target)
	if block := p.blocks[k]; block != nil {
		return func(f Finding) bool { return f.RuleID == w.Rule && block[f.Source+"\x00"+f.Resource] }
	}
	end := w.Target
	if e, ok := p.attrEnd[k]; ok && e > end {
		end = e
	}
	file := filepath.Clean(w.File)
	return func(f Finding) bool {
		return f.RuleID == w.Rule && f.File != "" && filepath.Clean(f.File) == file &&
			f.Range.StartLine >= w.Target && f.Range.StartLine <= end
	}
}

// InlineWaiverFiles are the .tf files that may hold inline waivers for
// the documents: every .tf file of each directory that holds a resource
// block of them, sorted.
func InlineWaiverFiles(docs []*plan.Document) ([]string, error) {
	dirs := map[string]bool{}
	for _, d := range docs {
		for _, r := range d.Resources {
			if r.Location != nil && r.Location.File != "" {
				dirs[filepath.Dir(filepath.Clean(r.Location.File))] = true
			}
		}
	}
	var files []string
	for dir := range dirs {
		m, err := filepath.Glob(filepath.Join(dir, "*.tf"))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", dir, err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	return files, nil
}
