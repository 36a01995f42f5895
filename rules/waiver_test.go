package rules

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
)

func day(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestMatchAddress(t *testing.T) {
	for _, tc := range []struct {
		pattern, address string
		want             bool
	}{
		{"module.edge.aws_security_group.*", `module.edge.aws_security_group.x["a"]`, true},
		{"module.edge.aws_security_group.*", `module.edge.aws_security_group.x`, true},
		{"module.edge.aws_security_group.*", `module.edge.aws_security_group.x[0]`, true},
		{"module.edge.aws_security_group.*", `module.core.aws_security_group.x`, false},
		{"module.edge.aws_security_group.*", `aws_security_group.x`, false},
		// A module segment without an index is every instance of the module.
		{"module.edge.aws_security_group.*", `module.edge["eu"].aws_security_group.x["a.b"]`, true},
		{"module.edge.aws_security_group.*", `module.edge.module.inner.aws_security_group.x`, false},
		// * stays inside one segment.
		{"module.*", `module.edge.aws_security_group.x`, false},
		{"aws_*_policy.*", `aws_iam_policy.p`, true},
		{"aws_*_policy.*", `aws_iam_role.p`, false},
		// An index in the pattern selects instances.
		{`aws_s3_bucket.logs["eu"]`, `aws_s3_bucket.logs["eu"]`, true},
		{`aws_s3_bucket.logs["eu"]`, `aws_s3_bucket.logs["us"]`, false},
		{`aws_s3_bucket.logs[*]`, `aws_s3_bucket.logs[3]`, true},
		{`aws_s3_bucket.logs[*]`, `aws_s3_bucket.logs`, false},
		{`aws_s3_bucket.logs`, `aws_s3_bucket.logs[3]`, true},
		{`aws_s3_bucket.logs`, `aws_s3_bucket.logs2`, false},
		// Dots inside an index do not split.
		{`aws_s3_bucket.b["a.b"]`, `aws_s3_bucket.b["a.b"]`, true},
		{`aws_s3_bucket.*`, `aws_s3_bucket.b["a.b.c"]`, true},
		// ** is any number of segments.
		{"module.edge.**", `module.edge.aws_security_group.x`, true},
		{"module.edge.**", `module.edge.module.inner.aws_iam_role.r[0]`, true},
		{"module.edge.**", `module.core.aws_iam_role.r`, false},
		{"**.aws_s3_bucket.logs", `aws_s3_bucket.logs`, true},
		{"**.aws_s3_bucket.logs", `module.a.module.b.aws_s3_bucket.logs["x"]`, true},
		{"**", `aws_s3_bucket.logs`, true},
		{"**", ``, true},
		{"data.aws_iam_policy_document.*", `data.aws_iam_policy_document.p`, true},
		{"aws_iam_policy_document.*", `data.aws_iam_policy_document.p`, false},
		// Case matters, as in Terraform.
		{"AWS_S3_BUCKET.*", `aws_s3_bucket.x`, false},
	} {
		if got := MatchAddress(tc.pattern, tc.address); got != tc.want {
			t.Errorf("MatchAddress(%q, %q) = %v, want %v", tc.pattern, tc.address, got, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	if got := day("2027-03-31"); !got.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("2027-03-31 = %v", got)
	}
	for _, bad := range []string{"2027-3-31", "2027-02-30", "31-03-2027", "2027-03-31T00:00:00Z", "", " 2027-03-31", "2027-13-01"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestParseInlineWaivers(t *testing.T) {
	src := `resource "aws_security_group" "proxy" {
  name = "proxy"
  # tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 owner=platform egress proxy, reviewed in SEC-142
  egress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}

// tfgate:ignore TFG-AWS-ENC-001,TFG-AWS-ENC-002 expires=2026-12-31 ticket=SEC-9 scratch disk
# a note between the waiver and the block
resource "aws_ebs_volume" "scratch" {
  encrypted = false # tfgate:ignore TFG-AWS-ENC-003 expires=2027-01-01 trailing
  description = <<EOT
# tfgate:ignore TFG-AWS-ENC-001 expires=2027-01-01 inside a heredoc, not a comment
EOT
  tags = { Name = "# tfgate:ignore TFG-X expires=2027-01-01 in a string" }
}

# tfgate:ignore TFG-AWS-TAG-001 expires=2027-01-01 above a blank line

/* tfgate:ignore TFG-AWS-TAG-002 expires=2027-01-01 block comments are not waivers */
`
	got, err := ParseInlineWaivers("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := func(rule, expires, owner, ticket, reason string, line, target int) Waiver {
		return Waiver{Rule: rule, Expires: day(expires), Owner: owner, Ticket: ticket, Reason: reason, Kind: WaiverInSource, File: "main.tf", Line: line, Target: target}
	}
	want := []Waiver{
		w("TFG-AWS-EGRESS-001", "2027-03-31", "platform", "", "egress proxy, reviewed in SEC-142", 3, 4),
		w("TFG-AWS-ENC-001", "2026-12-31", "", "SEC-9", "scratch disk", 9, 11),
		w("TFG-AWS-ENC-002", "2026-12-31", "", "SEC-9", "scratch disk", 9, 11),
		w("TFG-AWS-ENC-003", "2027-01-01", "", "", "trailing", 12, 12),
		w("TFG-AWS-TAG-001", "2027-01-01", "", "", "above a blank line", 19, 0),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ParseInlineWaivers (-want +got):\n%s", d)
	}
}

func TestParseInlineWaiverErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"# tfgate:ignore TFG-X reason only\nresource \"a\" \"b\" {}\n", `x.tf:1: tfgate:ignore TFG-X needs an expiry date expires=YYYY-MM-DD`},
		{"\n\n# tfgate:ignore TFG-X expires=2027-01-01\n", `x.tf:3: tfgate:ignore TFG-X needs a reason after the rule id`},
		{"# tfgate:ignore TFG-X expires=2027-02-30 r\n", `x.tf:1: expires=: date "2027-02-30" is not a day of the calendar`},
		{"# tfgate:ignore TFG-X expires=31.12.2027 r\n", `x.tf:1: expires=: date "31.12.2027": want YYYY-MM-DD`},
		{"# tfgate:ignore TFG-X expire=2027-01-01 r\n", `x.tf:1: unknown field expire= (did you mean expires=?`},
		{"# tfgate:ignore TFG-X expiry=2027-01-01 r\n", `x.tf:1: unknown field expiry= (did you mean expires=?`},
		{"# tfgate:ignore\n", `x.tf:1: tfgate:ignore needs a rule id, an expiry and a reason`},
		{"# tfgate:ignore expires=2027-01-01 r\n", `x.tf:1: tfgate:ignore needs the rule id first`},
		{"# tfgate:ignoreTFG-X expires=2027-01-01 r\n", `x.tf:1: "tfgate:ignoreTFG-X": want tfgate:ignore followed by a space`},
		{"# tfgate:ignore TFG-X expires=2027-01-01 expires=2027-02-01 r\n", `x.tf:1: expires= given twice`},
	} {
		_, err := ParseInlineWaivers("x.tf", []byte(tc.src))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ParseInlineWaivers(%q):\n  err  %v\n  want %s...", tc.src, err, tc.want)
		}
	}
	// Words that merely contain = are part of the reason.
	got, err := ParseInlineWaivers("x.tf", []byte("# tfgate:ignore TFG-X expires=2027-01-01 port=443 is the proxy\nx = 1\n"))
	if err != nil || len(got) != 1 || got[0].Reason != "port=443 is the proxy" {
		t.Errorf("reason with =: %+v, %v", got, err)
	}
}

// waiverDoc is a document with a security group (two instances of one
// block, with an egress nested block) and a volume, as main.tf lays them
// out.
func waiverDoc() *plan.Document {
	sg := func(key string) plan.Resource {
		return plan.Resource{Address: `aws_security_group.proxy["` + key + `"]`, Location: &plan.Location{File: "infra/main.tf", StartLine: 1, EndLine: 7,
			Attributes: map[string]plan.Range{
				"name":                  {StartLine: 2, EndLine: 2},
				"egress":                {StartLine: 4, EndLine: 6},
				"egress[0]":             {StartLine: 4, EndLine: 6},
				"egress[0].cidr_blocks": {StartLine: 5, EndLine: 5},
			}}}
	}
	vol := plan.Resource{Address: "aws_ebs_volume.scratch", Location: &plan.Location{File: "infra/main.tf", StartLine: 11, EndLine: 14,
		Attributes: map[string]plan.Range{"encrypted": {StartLine: 12, EndLine: 12}}}}
	return &plan.Document{Source: plan.Source{Path: "infra"}, Resources: []plan.Resource{sg("a"), sg("b"), vol}}
}

func finding(rule, resource, attr string, line int) Finding {
	return Finding{RuleID: rule, Severity: High, Outcome: Fail, Resource: resource, Attribute: attr, Source: "infra", File: "infra/main.tf",
		Range: plan.Range{StartLine: line, EndLine: line}}
}

func TestApplyWaivers(t *testing.T) {
	today := day("2027-01-15")
	egressA := finding("TFG-AWS-EGRESS-001", `aws_security_group.proxy["a"]`, "egress[0].cidr_blocks", 5)
	egressB := finding("TFG-AWS-EGRESS-001", `aws_security_group.proxy["b"]`, "egress[0].cidr_blocks", 5)
	tagA := finding("TFG-AWS-TAG-001", `aws_security_group.proxy["a"]`, "", 1)
	nameA := finding("TFG-AWS-NAME-001", `aws_security_group.proxy["a"]`, "name", 2)
	enc := finding("TFG-AWS-ENC-001", "aws_ebs_volume.scratch", "encrypted", 12)
	ext := func(rule, pattern, expires string, line int) Waiver {
		return Waiver{Rule: rule, Resource: pattern, Reason: "reviewed", Expires: day(expires), Owner: "platform", Ticket: "SEC-1", Kind: WaiverExternal, File: ".tfgate.yaml", Line: line}
	}
	inline := func(rule string, line, target int) Waiver {
		return Waiver{Rule: rule, Reason: "inline reason", Expires: day("2027-06-30"), Kind: WaiverInSource, File: "infra/main.tf", Line: line, Target: target}
	}
	suppressed := func(f Finding, w Waiver) Finding {
		f.Suppression = &Suppression{Kind: w.Kind, Justification: w.Reason, Expires: w.Expires.Format(DateLayout), Owner: w.Owner, Ticket: w.Ticket, File: w.File, Line: w.Line}
		return f
	}
	all := []Finding{tagA, nameA, egressA, egressB, enc}

	for _, tc := range []struct {
		name     string
		waivers  []Waiver
		want     []Finding
		notices  []string
		failures int
	}{
		{
			name:    "active file waiver: every instance by pattern",
			waivers: []Waiver{ext("TFG-AWS-EGRESS-001", "aws_security_group.*", "2027-03-31", 4)},
			want:    []Finding{tagA, nameA, suppressed(egressA, ext("TFG-AWS-EGRESS-001", "aws_security_group.*", "2027-03-31", 4)), suppressed(egressB, ext("TFG-AWS-EGRESS-001", "aws_security_group.*", "2027-03-31", 4)), enc},
		},
		{
			name:    "waiver holds on its expiry day",
			waivers: []Waiver{ext("TFG-AWS-ENC-001", "aws_ebs_volume.scratch", "2027-01-15", 4)},
			want:    []Finding{tagA, nameA, egressA, egressB, suppressed(enc, ext("TFG-AWS-ENC-001", "aws_ebs_volume.scratch", "2027-01-15", 4))},
		},
		{
			name:    "expired waiver: findings count again, notice with the date",
			waivers: []Waiver{ext("TFG-AWS-ENC-001", "aws_ebs_volume.scratch", "2027-01-14", 7)},
			want:    all,
			notices: []string{"waiver-expired .tfgate.yaml:7 TFG-AWS-ENC-001: waiver of TFG-AWS-ENC-001 for aws_ebs_volume.scratch expired on 2027-01-14: its 1 finding counts again; review it and set a new expiry, or fix the resource"},
		},
		{
			name:    "unused waiver",
			waivers: []Waiver{ext("TFG-AWS-ENC-001", "aws_ebs_volume.other", "2027-03-31", 9)},
			want:    all,
			notices: []string{"waiver-unused .tfgate.yaml:9 TFG-AWS-ENC-001: waiver of TFG-AWS-ENC-001 for aws_ebs_volume.other matched no finding: remove it, or correct its rule id or resource pattern"},
		},
		{
			name:    "inline above the resource block: every instance, any attribute",
			waivers: []Waiver{inline("TFG-AWS-EGRESS-001", 0, 1)},
			want:    []Finding{tagA, nameA, suppressed(egressA, inline("TFG-AWS-EGRESS-001", 0, 1)), suppressed(egressB, inline("TFG-AWS-EGRESS-001", 0, 1)), enc},
		},
		{
			name:    "inline above a nested block: findings inside it",
			waivers: []Waiver{inline("TFG-AWS-EGRESS-001", 3, 4)},
			want:    []Finding{tagA, nameA, suppressed(egressA, inline("TFG-AWS-EGRESS-001", 3, 4)), suppressed(egressB, inline("TFG-AWS-EGRESS-001", 3, 4)), enc},
		},
		{
			name:    "inline above an attribute: only that attribute",
			waivers: []Waiver{inline("TFG-AWS-NAME-001", 1, 2), inline("TFG-AWS-TAG-001", 1, 2)},
			want:    []Finding{tagA, suppressed(nameA, inline("TFG-AWS-NAME-001", 1, 2)), egressA, egressB, enc},
			notices: []string{"waiver-unused infra/main.tf:1 TFG-AWS-TAG-001: inline waiver of TFG-AWS-TAG-001 matched no finding: remove it, or put it on the line directly above the resource block or attribute it waives"},
		},
		{
			name:    "inline on another rule: unused",
			waivers: []Waiver{inline("TFG-AWS-ENC-001", 3, 4)},
			want:    all,
			notices: []string{"waiver-unused infra/main.tf:3 TFG-AWS-ENC-001: inline waiver of TFG-AWS-ENC-001 matched no finding: remove it, or put it on the line directly above the resource block or attribute it waives"},
		},
		{
			name:    "inline above nothing",
			waivers: []Waiver{inline("TFG-AWS-ENC-001", 20, 0)},
			want:    all,
			notices: []string{"waiver-unused infra/main.tf:20 TFG-AWS-ENC-001: inline waiver of TFG-AWS-ENC-001 matched no finding: remove it, or put it on the line directly above the resource block or attribute it waives"},
		},
		{
			name:    "inline wins over the file; both are used",
			waivers: []Waiver{ext("TFG-AWS-ENC-001", "**", "2027-03-31", 4), inline("TFG-AWS-ENC-001", 10, 11)},
			want:    []Finding{tagA, nameA, egressA, egressB, suppressed(enc, inline("TFG-AWS-ENC-001", 10, 11))},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, notices := ApplyWaivers(all, tc.waivers, []*plan.Document{waiverDoc()}, today)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("findings (-want +got):\n%s", d)
			}
			var gotNotices []string
			for _, n := range notices {
				gotNotices = append(gotNotices, n.Code+" "+n.File+":"+strconv.Itoa(n.Line)+" "+n.RuleID+": "+n.Message)
			}
			if d := cmp.Diff(tc.notices, gotNotices); d != "" {
				t.Errorf("notices (-want +got):\n%s", d)
			}
		})
	}
	// The input slice is not modified.
	for _, f := range all {
		if f.Suppressed() {
			t.Errorf("ApplyWaivers modified its input: %+v", f)
		}
	}
}

func TestValidateWaiverRules(t *testing.T) {
	cat := []Rule{{ID: "TFG-AWS-EGRESS-001"}}
	if err := ValidateWaiverRules([]Waiver{{Rule: "TFG-AWS-EGRESS-001", File: "a", Line: 1}}, cat); err != nil {
		t.Errorf("known rule: %v", err)
	}
	err := ValidateWaiverRules([]Waiver{{Rule: "TFG-AWS-EGRES-001", File: "main.tf", Line: 3, Kind: WaiverInSource}}, cat)
	if err == nil || err.Error() != `main.tf:3: waiver names no rule "TFG-AWS-EGRES-001" (did you mean TFG-AWS-EGRESS-001? list them with tfgate rules)` {
		t.Errorf("err = %v", err)
	}
}

func FuzzInlineWaivers(f *testing.F) {
	f.Add([]byte("# tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 owner=x ticket=y egress proxy\nresource \"a\" \"b\" {}\n"))
	f.Add([]byte("x = 1 // tfgate:ignore A,B expires=2027-01-01 r\n"))
	f.Add([]byte("a = <<EOT\n# tfgate:ignore X expires=2027-01-01 r\nEOT\n"))
	f.Add([]byte("/* tfgate:ignore */ # tfgate:ignore\n"))
	f.Add([]byte("# tfgate:ignore X expire=2027-13-45 r\n\"unterminated"))
	f.Fuzz(func(t *testing.T, src []byte) {
		ws, err := ParseInlineWaivers("f.tf", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.tf:") {
				t.Errorf("error without file:line: %v", err)
			}
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, w := range ws {
			if w.Rule == "" || strings.ContainsAny(w.Rule, " \t\n,") || w.Reason == "" || w.Expires.IsZero() {
				t.Errorf("incomplete waiver: %+v", w)
			}
			if w.Line < 1 || w.Line > lines || w.Target < 0 || w.Target > lines || (w.Target != 0 && w.Target < w.Line) {
				t.Errorf("waiver lines out of range (%d lines): %+v", lines, w)
			}
		}
	})
}
