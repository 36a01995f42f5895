package report

import (
	"encoding/json"
	"io"

	"github.com/tfgate/tfgate/rules"
)

// jsonReport is the documented, stable json format (version 1); see
// docs/output-formats.md. Fields are only ever added.
type jsonReport struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Sources  []string      `json:"sources"`
	Summary  Summary       `json:"summary"`
	Findings []jsonFinding `json:"findings"`
	// Fixed are failures of the state before a plan that it removes.
	Fixed   []jsonFinding  `json:"fixed"`
	Notices []rules.Notice `json:"notices"`
	Rules   []rules.Rule   `json:"rules"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	rules.Finding
	Fingerprint string `json:"fingerprint"`
}

func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Version:  1,
		Tool:     jsonTool{Name: "tfgate", Version: r.ToolVersion},
		Sources:  r.Sources,
		Summary:  Summarize(r),
		Findings: []jsonFinding{},
		Fixed:    []jsonFinding{},
		Notices:  r.Notices,
		Rules:    r.Rules,
	}
	if out.Sources == nil {
		out.Sources = []string{}
	}
	if out.Notices == nil {
		out.Notices = []rules.Notice{}
	}
	if out.Rules == nil {
		out.Rules = []rules.Rule{}
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding{Finding: f, Fingerprint: Fingerprint(f)})
	}
	for _, f := range r.Fixed {
		out.Fixed = append(out.Fixed, jsonFinding{Finding: f, Fingerprint: Fingerprint(f)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
