package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tfgate/tfgate/rules"
)

// SARIF 2.1.0 types: only what tfgate writes.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConf  `json:"defaultConfiguration"`
	Properties           map[string]any `json:"properties"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful            bool                `json:"executionSuccessful"`
	ToolConfigurationNotifications []sarifNotification `json:"toolConfigurationNotifications,omitempty"`
}

type sarifNotification struct {
	Descriptor sarifDescriptorRef `json:"descriptor"`
	Level      string             `json:"level"`
	Message    sarifText          `json:"message"`
	Locations  []sarifLocation    `json:"locations,omitempty"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Kind                string            `json:"kind"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints sarifFingerprints `json:"partialFingerprints"`
	// BaselineState: "new" for a finding the change introduces,
	// "unchanged" for one that existed before it; absent when not
	// classified.
	BaselineState string           `json:"baselineState,omitempty"`
	Properties    sarifResultProps `json:"properties"`
	// Suppressions carry the waiver of a waived finding: kind "external"
	// for .tfgate.yaml waivers, "inSource" for # tfgate:ignore comments.
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

// sarifFingerprints are a result's partialFingerprints (one, under
// sarifFingerprintKey).
type sarifFingerprints struct {
	V1 string `json:"tfgate/v1"`
}

// sarifResultProps are a result's properties, fields in key order (as
// json.Marshal writes a map's): no map to make per result.
type sarifResultProps struct {
	Attribute string `json:"attribute,omitempty"`
	Outcome   string `json:"outcome"`
	Resource  string `json:"resource"`
}

// appendJSON appends r as json.Marshal writes it (fields in struct order,
// empty optional ones left out, map keys sorted), without reflection: a
// large report has one result per finding. ok is false, and nothing is
// appended, for a result this does not write (suppressions, a property
// that is not a string): json.Marshal writes those.
// TestSARIFResultJSON compares the two.
func (r *sarifResult) appendJSON(dst []byte) (out []byte, ok bool) {
	if len(r.Suppressions) > 0 || len(r.Locations) == 0 {
		return dst, false
	}
	b := append(dst, `{"ruleId":`...)
	b = appendJSONString(b, r.RuleID)
	b = append(b, `,"ruleIndex":`...)
	b = strconv.AppendInt(b, int64(r.RuleIndex), 10)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, r.Kind)
	b = append(b, `,"level":`...)
	b = appendJSONString(b, r.Level)
	b = append(b, `,"message":`...)
	b = r.Message.appendJSON(b)
	b = append(b, `,"locations":[`...)
	for i, l := range r.Locations {
		if i > 0 {
			b = append(b, ',')
		}
		b = l.appendJSON(b)
	}
	b = append(b, `],"partialFingerprints":{"tfgate/v1":`...)
	b = appendJSONString(b, r.PartialFingerprints.V1)
	b = append(b, '}')
	if r.BaselineState != "" {
		b = append(b, `,"baselineState":`...)
		b = appendJSONString(b, r.BaselineState)
	}
	b = append(b, `,"properties":{`...)
	if r.Properties.Attribute != "" {
		b = append(b, `"attribute":`...)
		b = appendJSONString(b, r.Properties.Attribute)
		b = append(b, ',')
	}
	b = append(b, `"outcome":`...)
	b = appendJSONString(b, r.Properties.Outcome)
	b = append(b, `,"resource":`...)
	b = appendJSONString(b, r.Properties.Resource)
	return append(b, "}}"...), true
}

func (t sarifText) appendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = appendJSONString(b, t.Text)
	if t.Markdown != "" {
		b = append(b, `,"markdown":`...)
		b = appendJSONString(b, t.Markdown)
	}
	return append(b, '}')
}

func (l sarifLocation) appendJSON(b []byte) []byte {
	b = append(b, '{')
	if p := l.PhysicalLocation; p != nil {
		b = append(b, `"physicalLocation":{"artifactLocation":{"uri":`...)
		b = appendJSONString(b, p.ArtifactLocation.URI)
		if p.ArtifactLocation.URIBaseID != "" {
			b = append(b, `,"uriBaseId":`...)
			b = appendJSONString(b, p.ArtifactLocation.URIBaseID)
		}
		b = append(b, '}')
		if rg := p.Region; rg != nil {
			b = append(b, `,"region":{"startLine":`...)
			b = strconv.AppendInt(b, int64(rg.StartLine), 10)
			for _, f := range []struct {
				name string
				v    int
			}{{`,"startColumn":`, rg.StartColumn}, {`,"endLine":`, rg.EndLine}, {`,"endColumn":`, rg.EndColumn}} {
				if f.v != 0 {
					b = append(b, f.name...)
					b = strconv.AppendInt(b, int64(f.v), 10)
				}
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	if len(l.LogicalLocations) > 0 {
		if l.PhysicalLocation != nil {
			b = append(b, ',')
		}
		b = append(b, `"logicalLocations":[`...)
		for i, ll := range l.LogicalLocations {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"fullyQualifiedName":`...)
			b = appendJSONString(b, ll.FullyQualifiedName)
			b = append(b, `,"kind":`...)
			b = appendJSONString(b, ll.Kind)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// sarifFingerprintKey names tfgate's partial fingerprint (Fingerprint).
const sarifFingerprintKey = "tfgate/v1" // sarifFingerprints' key

// sarifBaselineState maps Finding.Status to SARIF's result.baselineState.
var sarifBaselineState = map[string]string{rules.StatusIntroduced: "new", rules.StatusExisting: "unchanged"}

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	toolURI     = "https://github.com/tfgate/tfgate"
	srcRoot     = "%SRCROOT%"
)

// securitySeverity maps to GitHub's bands: low < 4.0, medium < 7.0,
// high < 9.0, critical >= 9.0.
var securitySeverity = map[rules.Severity]string{
	rules.Low: "3.0", rules.Medium: "5.5", rules.High: "8.0", rules.Critical: "9.5",
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	}
	return "note"
}

// RuleHelpURI is where a built-in rule's documentation lives: its page
// docs/rules/<ID>.md, generated from METADATA (TestRulesDoc). Keep the
// scheme: alerts already uploaded keep their links (the older
// docs/rules.md#<id> links land on the rule's row of the index).
func RuleHelpURI(id string) string {
	return toolURI + "/blob/main/docs/" + RulePagePath(id)
}

// RulePagePath is a rule's page relative to docs/: "rules/TFG-AWS-ENC-003.md".
func RulePagePath(id string) string {
	return "rules/" + id + ".md"
}

// sarifHelpURI: a built-in rule's page; a user rule's first METADATA
// related_resources link, else none (tfgate has no page for it).
func sarifHelpURI(r rules.Rule) string {
	if r.Builtin {
		return RuleHelpURI(r.ID)
	}
	if len(r.Links) > 0 {
		return r.Links[0]
	}
	return ""
}

var semverRE = regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

var nonSemverChars = regexp.MustCompile(`[^0-9A-Za-z.-]+`)

// sarifVersion is tool.driver.version: GitHub's ingestion rules (SARIF2005)
// want a numeric version, so a version that does not start with a digit
// ("dev", "" or a commit) becomes a 0.0.0 pre-release that keeps it:
// "dev" -> "0.0.0-dev".
func sarifVersion(v string) string {
	v = strings.TrimPrefix(strings.TrimSpace(v), "v")
	if v != "" && v[0] >= '0' && v[0] <= '9' {
		return v
	}
	tag := strings.Trim(nonSemverChars.ReplaceAllString(v, "-"), "-.")
	if tag == "" {
		tag = "unknown"
	}
	return "0.0.0-" + tag
}

// Fingerprint identifies a finding across line moves: rule, resource and
// attribute, not the line.
func Fingerprint(f rules.Finding) string {
	sum := sha256.Sum256([]byte(f.RuleID + "|" + f.Resource + "|" + f.Attribute))
	return hex.EncodeToString(sum[:16])
}

func writeSARIF(w io.Writer, r *Report) error {
	write, err := prepareSARIF(r)
	if err != nil {
		return err
	}
	return write(w)
}

// prepareSARIF renders r's SARIF log into its parts (each rule and result
// one line of JSON) and returns what writes them: every error of
// rendering comes before the first byte is written, and no buffer holds
// the whole log (11 MB on 11,000 resources; see Prepare).
func prepareSARIF(r *Report) (func(io.Writer) error, error) {
	driver := sarifDriver{Name: "tfgate", Version: sarifVersion(r.ToolVersion), InformationURI: toolURI, Rules: []sarifRule{}}
	if m := semverRE.FindStringSubmatch(r.ToolVersion); m != nil {
		driver.SemanticVersion = m[1]
	}
	index := map[string]int{}
	for i, rule := range r.Rules {
		index[rule.ID] = i
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	if r.BaseDir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(r.BaseDir)}}
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range r.Notices {
		note := sarifNotification{
			Descriptor: sarifDescriptorRef{ID: n.Code},
			Level:      "warning",
			Message:    sarifText{Text: n.Message},
		}
		if n.File != "" {
			note.Locations = []sarifLocation{{PhysicalLocation: physical(r.BaseDir, n.File, n.Line, 0, n.Line, 0)}}
		}
		inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications, note)
	}
	kept, dropped := SARIFResults(r.Findings)
	if dropped > 0 {
		inv.ToolConfigurationNotifications = append(inv.ToolConfigurationNotifications, sarifNotification{
			Descriptor: sarifDescriptorRef{ID: "sarif-results-cut"},
			Level:      "warning",
			Message:    sarifText{Text: SARIFCutMessage(len(r.Findings), dropped)},
		})
	}
	run.Invocations = []sarifInvocation{inv}

	for _, f := range kept {
		if _, ok := index[f.RuleID]; !ok {
			return nil, fmt.Errorf("finding for rule %s, which is not in the catalogue", f.RuleID)
		}
	}
	// Rules and results are made and marshalled on every CPU, each on its
	// own line (writeSARIFLog).
	rules, err := encodeEach(len(r.Rules), func(i int) ([]byte, error) { return sarifRuleJSON(r.Rules[i]) })
	if err != nil {
		return nil, err
	}
	results, err := encodeEach(len(kept), func(k int) ([]byte, error) {
		res := sarifResultFor(kept[k], index[kept[k].RuleID], r.BaseDir)
		if b, ok := res.appendJSON(make([]byte, 0, 512+2*len(res.Message.Text))); ok {
			return b, nil
		}
		return json.Marshal(res)
	})
	if err != nil {
		return nil, err
	}

	log := sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}
	return func(w io.Writer) error { return writeSARIFLog(w, log, rules, results) }, nil
}

// sarifResultFor is the SARIF result of a finding of the rule at index i
// of tool.driver.rules.
func sarifResultFor(f rules.Finding, i int, baseDir string) sarifResult {
	res := sarifResult{
		RuleID:              f.RuleID,
		RuleIndex:           i,
		Kind:                "fail",
		Level:               sarifLevel(f.Severity),
		Message:             sarifText{Text: ensureSentence(f.Message)},
		PartialFingerprints: sarifFingerprints{V1: Fingerprint(f)},
		BaselineState:       sarifBaselineState[f.Status],
		Properties:          sarifResultProps{Attribute: f.Attribute, Outcome: string(f.Outcome), Resource: f.Resource},
	}
	if f.Outcome == rules.Unknown {
		res.Kind = "review"
		res.Level = "none"
		res.Message.Text = "Indeterminate: " + res.Message.Text
	}
	loc := sarifLocation{LogicalLocations: []sarifLogical{{FullyQualifiedName: f.Resource, Kind: "resource"}}}
	if f.File != "" {
		start := f.Range.StartLine
		if start < 1 {
			start = 1
		}
		loc.PhysicalLocation = physical(baseDir, f.File, start, f.Range.StartColumn, f.Range.EndLine, f.Range.EndColumn)
	} else if f.Source != "" && f.Source != "-" {
		// No .tf file was found for this resource: GitHub needs a
		// physical location, so the finding points at the plan file.
		loc.PhysicalLocation = physical(baseDir, f.Source, 1, 0, 0, 0)
	}
	res.Locations = []sarifLocation{loc}
	if f.Suppressed() {
		res.Suppressions = []sarifSuppression{suppressionFor(f.Suppression, baseDir)}
	}
	return res
}

// MaxSARIFResults is GitHub code scanning's hard limit of results per run:
// an upload with more is rejected as a whole ("SARIF results exceed
// limit", docs.github.com). Of those it accepts it keeps the 5,000 most
// severe; a run of tfgate puts its most severe first, so the cut below
// and GitHub's both keep the findings that matter most.
const MaxSARIFResults = 25000

// SARIFResults are the findings a SARIF report carries: all of them when
// they fit in MaxSARIFResults, else the most important MaxSARIFResults
// (failures before indeterminate findings, then by severity, highest
// first, then in report order), in report order; dropped says how many
// were left out. A cut report says so in a run notification
// (SARIFCutMessage), and the other formats keep every finding.
func SARIFResults(fs []rules.Finding) (kept []rules.Finding, dropped int) {
	if len(fs) <= MaxSARIFResults {
		return fs, 0
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	rank := func(f rules.Finding) int {
		r := severityRank(f.Severity)
		if f.Outcome == rules.Fail && !f.Suppressed() {
			r += 10
		}
		return r
	}
	sort.SliceStable(order, func(a, b int) bool { return rank(fs[order[a]]) > rank(fs[order[b]]) })
	keep := order[:MaxSARIFResults]
	sort.Ints(keep)
	kept = make([]rules.Finding, 0, MaxSARIFResults)
	for _, i := range keep {
		kept = append(kept, fs[i])
	}
	return kept, len(fs) - MaxSARIFResults
}

// SARIFCutMessage says what a SARIF report of total findings left out.
func SARIFCutMessage(total, dropped int) string {
	return fmt.Sprintf("This SARIF report carries the %d most important of %d findings (failures first, then by severity): GitHub code scanning rejects a run of more than %d results. The %d left out are in every other output format of the same run (--format json=FILE keeps them all).",
		total-dropped, total, MaxSARIFResults, dropped)
}

func severityRank(s rules.Severity) int {
	switch s {
	case rules.Critical:
		return 4
	case rules.High:
		return 3
	case rules.Medium:
		return 2
	case rules.Low:
		return 1
	}
	return 0
}

func sarifRuleFor(rule rules.Rule) sarifRule {
	// Each text made one paragraph once (the help texts reuse them).
	rule.Description, rule.Remediation = oneParagraph(rule.Description), oneParagraph(rule.Remediation)
	desc := rule.Description
	if desc == "" {
		desc = rule.Title
	}
	return sarifRule{
		ID:                   rule.ID,
		Name:                 camelName(rule.Title),
		ShortDescription:     sarifText{Text: ensureSentence(rule.Title)},
		FullDescription:      sarifText{Text: ensureSentence(oneParagraph(desc))},
		Help:                 sarifText{Text: ruleHelpText(rule), Markdown: ruleHelpMarkdown(rule)},
		HelpURI:              sarifHelpURI(rule),
		DefaultConfiguration: sarifRuleConf{Level: sarifLevel(rule.Severity)},
		Properties: map[string]any{
			"security-severity": securitySeverity[rule.Severity],
			"precision":         "high",
			"problem.severity":  map[string]string{"error": "error", "warning": "warning", "note": "recommendation"}[sarifLevel(rule.Severity)],
			"tags":              ruleTags(rule),
		},
	}
}

// maxTags is GitHub's hard limit of tags per rule: an upload with more is
// rejected, and only the first 10 are shown ("SARIF results exceed limit",
// docs.github.com).
const maxTags = 20

// ruleTags are a rule's properties.tags: "security", its family and its
// cloud first (what code-scanning filters use most), then its framework
// controls as "framework/control" ("aws-fsbp/S3.8", "nist-800-53/SC-28").
// Frameworks take turns, in key order, each control in METADATA order, so
// that every framework shows among the first tags and a rule with more
// than maxTags loses the same controls every time: the last ones of the
// largest frameworks.
func ruleTags(rule rules.Rule) []string {
	tags := nonEmpty([]string{"security", rule.Family, rule.Provider})
	fws := make([]string, 0, len(rule.Frameworks))
	for fw := range rule.Frameworks {
		fws = append(fws, fw)
	}
	sort.Strings(fws)
	for i := 0; ; i++ {
		more := false
		for _, fw := range fws {
			if cs := rule.Frameworks[fw]; i < len(cs) {
				more = true
				if c := strings.TrimSpace(cs[i]); c != "" {
					tags = append(tags, fw+"/"+c)
				}
			}
		}
		if !more {
			break
		}
	}
	return capTags(tags)
}

func capTags(tags []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if seen[t] || len(out) == maxTags {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func nonEmpty(in []string) []string {
	out := in[:0]
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func physical(baseDir, file string, startLine, startCol, endLine, endCol int) *sarifPhysical {
	p := &sarifPhysical{ArtifactLocation: artifact(baseDir, file)}
	if startLine > 0 {
		reg := &sarifRegion{StartLine: startLine}
		if startCol > 0 {
			reg.StartColumn = startCol
		}
		if endLine >= startLine {
			reg.EndLine = endLine
			if endCol > 0 && (endLine > startLine || endCol > startCol) {
				reg.EndColumn = endCol
			}
		}
		p.Region = reg
	}
	return p
}

// artifact makes file relative to baseDir (uriBaseId %SRCROOT%) or, when it
// lies outside, an absolute file URI.
func artifact(baseDir, file string) sarifArtifactLoc {
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	if baseDir != "" {
		if rel, err := filepath.Rel(baseDir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return sarifArtifactLoc{URI: escapePath(filepath.ToSlash(rel)), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLoc{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()}
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// camelName turns a title into a SARIF rule name: "S3 buckets must be
// encrypted" -> "S3BucketsMustBeEncrypted".
func camelName(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func ensureSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

func oneParagraph(s string) string {
	// strings.Join(strings.Fields(s), " ") in one pass, without the slice
	// of words (every rule's description, in every SARIF report); s itself
	// when it is one paragraph already.
	if isOneParagraph(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(c) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size]) // as written, even when not UTF-8
		}
		i += size
	}
	return b.String()
}

// isOneParagraph: s is ASCII words separated by single spaces.
func isOneParagraph(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

func ruleHelpText(r rules.Rule) string {
	var b strings.Builder
	b.WriteString(r.Title + "\n\n" + oneParagraph(r.Description))
	if r.Remediation != "" {
		b.WriteString("\n\nRemediation: " + oneParagraph(r.Remediation))
	}
	return b.String()
}

func ruleHelpMarkdown(r rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s, severity %s)\n\n%s\n", r.Title, r.ID, r.Severity, oneParagraph(r.Description))
	if r.Remediation != "" {
		fmt.Fprintf(&b, "\n**Remediation:** %s\n", oneParagraph(r.Remediation))
	}
	if len(r.ResourceTypes) > 0 {
		fmt.Fprintf(&b, "\n**Resource types:** `%s`\n", strings.Join(r.ResourceTypes, "`, `"))
	}
	if len(r.Params) > 0 {
		fmt.Fprintf(&b, "\n**Parameters:** `%s`\n", strings.Join(r.Params, "`, `"))
	}
	if len(r.Frameworks) > 0 {
		fmt.Fprintf(&b, "\n**Frameworks:** %s\n", frameworkSummary(r))
	}
	return b.String()
}
