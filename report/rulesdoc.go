package report

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

const generatedNote = "<!-- Generated from the rules' METADATA by `go test ./cmd/tfgate -run TestRulesDoc -update`; do not edit. -->\n"

// WriteRulesMarkdown writes docs/rules.md, the index of the rule pages: a
// table of every rule linking to its page (RulePagePath), and the rules of
// each framework control. Each row keeps the anchor of the rule's former
// section (#tfg-aws-enc-003), so older links still land on it.
func WriteRulesMarkdown(w io.Writer, rs []rules.Rule) error {
	var b strings.Builder
	b.WriteString("# tfgate rules\n\n")
	b.WriteString(generatedNote + "\n")
	fmt.Fprintf(&b, "%s.\n\n", CatalogueSummary(rs, CatalogueOptions{}))
	b.WriteString("Each rule has a page: what it requires, what passes, fails or is indeterminate, its framework controls and how to fix a finding. ")
	b.WriteString("`tfgate rules ID` prints the same in a terminal; `tfgate rules --framework nist-800-53:SC-28` lists the rules of one control ")
	b.WriteString("(also `--family`, `--cloud`).\n\n")
	b.WriteString("| ID | Title | Severity | Family |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| <a name=\"%s\"></a>[%s](%s) | %s | %s | %s |\n", strings.ToLower(r.ID), r.ID, RulePagePath(r.ID), mdCell(r.Title), r.Severity, mdCell(r.Family))
	}
	fws := rules.FrameworkKeys(rs)
	if len(fws) > 0 {
		b.WriteString("\n## Rules by framework control\n")
	}
	for _, fw := range fws {
		fmt.Fprintf(&b, "\n### %s\n\n| Control | Rules |\n|---|---|\n", fw)
		byControl := map[string][]string{}
		for _, r := range rs {
			cs, _ := r.Controls(fw)
			for _, c := range cs {
				link := fmt.Sprintf("[%s](%s)", r.ID, RulePagePath(r.ID))
				if l := byControl[c]; len(l) == 0 || l[len(l)-1] != link {
					byControl[c] = append(l, link)
				}
			}
		}
		controls := make([]string, 0, len(byControl))
		for c := range byControl {
			controls = append(controls, c)
		}
		sort.Slice(controls, func(i, j int) bool { return naturalLess(controls[i], controls[j]) })
		for _, c := range controls {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(c), strings.Join(byControl[c], ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteRulePage writes a rule's page, docs/rules/<ID>.md (RulePagePath):
// its facts, framework controls, description, what passes, fails and is
// indeterminate (the description's own sentences), and remediation.
func WriteRulePage(w io.Writer, r rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	b.WriteString(strings.Replace(generatedNote, "rules'", "rule's", 1) + "\n")
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| ID | `%s` |\n", r.ID)
	fmt.Fprintf(&b, "| Severity | %s (SARIF security-severity %s) |\n", r.Severity, securitySeverity[r.Severity])
	fmt.Fprintf(&b, "| Family | %s |\n", mdCell(orNone(r.Family)))
	fmt.Fprintf(&b, "| Cloud | %s |\n", mdCell(orNone(r.Provider)))
	if len(r.ResourceTypes) > 0 {
		fmt.Fprintf(&b, "| Resource types | `%s` |\n", strings.Join(r.ResourceTypes, "`, `"))
	} else {
		b.WriteString("| Resource types | any |\n")
	}
	if len(r.Params) > 0 {
		fmt.Fprintf(&b, "| Parameters | `%s` (the rule is reported as not evaluated until they are set) |\n", strings.Join(r.Params, "`, `"))
	} else {
		b.WriteString("| Parameters | none |\n")
	}
	pkg := strings.TrimPrefix(r.Package, "data.")
	if r.Builtin && r.File != "" {
		fmt.Fprintf(&b, "| Source | [`%s`](../../%s) (package `%s`) |\n", r.File, r.File, pkg)
	} else if r.File != "" {
		fmt.Fprintf(&b, "| Source | `%s` (package `%s`) |\n", mdCode(r.File), pkg)
	}

	b.WriteString("\n## Frameworks\n\n")
	if len(r.Frameworks) == 0 {
		b.WriteString("This rule maps to no framework control.\n")
	} else {
		b.WriteString("| Framework | Controls |\n|---|---|\n")
		fws := make([]string, 0, len(r.Frameworks))
		for fw := range r.Frameworks {
			fws = append(fws, fw)
		}
		sort.Strings(fws)
		for _, fw := range fws {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(fw), mdCell(strings.Join(r.Frameworks[fw], ", ")))
		}
		c := firstControl(r.Frameworks[fws[0]])
		fmt.Fprintf(&b, "\nSARIF tags each control as `framework/control` (`%s/%s`); `tfgate rules --framework %s:%s` lists the rules of a control.\n",
			fws[0], c, fws[0], c)
	}

	if r.Description != "" {
		fmt.Fprintf(&b, "\n## Description\n\n%s\n", strings.TrimSpace(r.Description))
	}

	o := outcomesOf(r)
	b.WriteString("\n## What passes, fails and is indeterminate\n\n")
	fmt.Fprintf(&b, "- **Fails:** %s\n", o.fails)
	fmt.Fprintf(&b, "- **Passes:** %s\n", o.passes)
	fmt.Fprintf(&b, "- **Indeterminate** (reported apart from failures, never failing a check): %s\n", o.indeterminate)
	if o.notChecked != "" {
		fmt.Fprintf(&b, "- **Not checked:** %s\n", o.notChecked)
	}
	b.WriteString("- **Never checked** (as for every tfgate rule): resources being deleted, data sources, and resources Terraform forgets.\n")

	if r.Remediation != "" {
		fmt.Fprintf(&b, "\n## Remediation\n\n%s\n", strings.TrimSpace(r.Remediation))
	}
	if len(r.Links) > 0 {
		b.WriteString("\n## References\n\n")
		for _, l := range r.Links {
			fmt.Fprintf(&b, "- <%s>\n", l)
		}
	}
	fmt.Fprintf(&b, "\n---\n\n[All rules](../rules.md) · `tfgate rules %s`\n", r.ID)
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func firstControl(cs []string) string {
	if len(cs) == 0 {
		return "CONTROL"
	}
	return cs[0]
}

// outcomes are the sentences of a description that say what fails,
// passes, is indeterminate or is not checked.
type outcomes struct{ fails, passes, indeterminate, notChecked string }

var (
	indeterminateRE = regexp.MustCompile(`(?i)\bindeterminate\b`)
	notCheckedRE    = regexp.MustCompile(`(?i)\b(not checked|exempt|never reported|are ignored|is ignored|skipped|not evaluated|out of scope|does not apply|do not apply)\b`)
	passRE          = regexp.MustCompile(`(?i)\b(pass|passes|passed|is allowed|are allowed|is compliant|are compliant)\b`)
	failRE          = regexp.MustCompile(`(?i)\b(fail|fails|failed|failure|must|may not|must not|is a finding|flagged|denied)\b|^no\b.*\bmay\b`)
)

// outcomesOf sorts the description's sentences into outcomes: each goes
// under the outcome its first outcome word names ("Passes when ...,
// fails when ..." is a pass sentence; "must ...; \"required\" passes" a
// fail one), ties going to indeterminate, not checked, passes, fails. An
// outcome the description does not state gets a sentence of its own.
func outcomesOf(r rules.Rule) outcomes {
	var lists [4][]string // indeterminate, not checked, passes, fails
	res := [4]*regexp.Regexp{indeterminateRE, notCheckedRE, passRE, failRE}
	for _, s := range sentences(r.Description) {
		best, at := -1, len(s)+1
		for i, re := range res {
			if loc := re.FindStringIndex(s); loc != nil && loc[0] < at {
				best, at = i, loc[0]
			}
		}
		if best >= 0 {
			lists[best] = append(lists[best], s)
		}
	}
	o := outcomes{
		indeterminate: strings.Join(lists[0], " "),
		notChecked:    strings.Join(lists[1], " "),
		passes:        strings.Join(lists[2], " "),
		fails:         strings.Join(lists[3], " "),
	}
	if o.fails == "" {
		o.fails = "a resource of the types above that does not meet the rule's title, *" + ensureSentence(r.Title) + "*"
	}
	if o.passes == "" {
		o.passes = "a resource of the types above that meets it and is not indeterminate."
	}
	if o.indeterminate == "" {
		o.indeterminate = "the description does not say; see the rule's source and tests."
	}
	return o
}

// sentences splits prose into sentences: a word ending in . ! or ? ends
// one when the next word starts a sentence (a capital, a quote, a code
// span, or a resource type such as aws_instance). "e.g. this", "0.0.0.0/0"
// and "v3.0" do not split.
func sentences(text string) []string {
	words := strings.Fields(text)
	var out []string
	start := 0
	for i, w := range words {
		last := i == len(words)-1
		if !last && !(strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, ".)")) {
			continue
		}
		if !last && !startsSentence(words[i+1]) {
			continue
		}
		out = append(out, strings.Join(words[start:i+1], " "))
		start = i + 1
	}
	return out
}

var resourceTypeRE = regexp.MustCompile("^`?[a-z][a-z0-9]*_[a-z0-9_]+")

func startsSentence(w string) bool {
	c := w[0]
	return c >= 'A' && c <= 'Z' || c == '`' || c == '"' || c == '(' || resourceTypeRE.MatchString(w)
}

// naturalLess orders control ids as people do: "2.1.2" < "2.1.10",
// "S3.8" < "S3.10", "SC-7" < "SC-7(5)" < "SC-12".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, ra := leadingNumber(a)
		db, rb := leadingNumber(b)
		switch {
		case da != "" && db != "":
			if len(strings.TrimLeft(da, "0")) != len(strings.TrimLeft(db, "0")) {
				return len(strings.TrimLeft(da, "0")) < len(strings.TrimLeft(db, "0"))
			}
			if x, y := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0"); x != y {
				return x < y
			}
			a, b = ra, rb
		case a[0] != b[0]:
			return a[0] < b[0]
		default:
			a, b = a[1:], b[1:]
		}
	}
	return len(a) < len(b)
}

func leadingNumber(s string) (string, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// frameworkSummary lists a rule's frameworks and controls, sorted:
// "cis-aws-foundations-v3.0 2.1.1; nist-800-53 SC-28, SC-12".
func frameworkSummary(r rules.Rule) string {
	fws := make([]string, 0, len(r.Frameworks))
	for fw, cs := range r.Frameworks {
		fws = append(fws, fw+" "+strings.Join(cs, ", "))
	}
	sort.Strings(fws)
	return strings.Join(fws, "; ")
}
