// Package sarifcheck validates SARIF logs for the tests: against the
// official JSON schema and with Microsoft's SARIF multitool. It is kept out
// of the tfgate binary.
package sarifcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ValidateSARIF checks a SARIF log against the official SARIF 2.1.0 JSON
// schema at schemaPath. Tests use it on every format's output.
func ValidateSARIF(data []byte, schemaPath string) error {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		return fmt.Errorf("compile schema %s: %w", schemaPath, err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("parse sarif: %w", err)
	}
	return sch.Validate(doc)
}

// FindMultitool locates Microsoft's sarif-multitool: $TFGATE_SARIF_MULTITOOL,
// then the npm package's native binary under node_modules of the repository
// root (found by walking up to go.mod) or of $HOME/.cache/tfgate-tools (where
// .ci/install-sarif-multitool.sh installs it), then Sarif.Multitool or
// sarif-multitool on PATH. The native binary is preferred to the npm wrapper
// (node_modules/.bin/sarif-multitool), which passes arguments through a
// shell that splits "Gh;Sarif" at the semicolon; a wrapper found anywhere
// is replaced by the native binary beside it when present.
func FindMultitool() (string, bool) {
	if p := os.Getenv("TFGATE_SARIF_MULTITOOL"); p != "" {
		if isFile(p) {
			return native(p), true
		}
	}
	var prefixes []string
	if root, ok := repoRoot(); ok {
		prefixes = append(prefixes, root)
	}
	if home, err := os.UserHomeDir(); err == nil {
		prefixes = append(prefixes, filepath.Join(home, ".cache", "tfgate-tools"))
	}
	for _, prefix := range prefixes {
		nm := filepath.Join(prefix, "node_modules")
		for _, p := range []string{
			filepath.Join(nm, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool"),
			filepath.Join(nm, ".bin", "sarif-multitool"),
		} {
			if isFile(p) {
				return native(p), true
			}
		}
	}
	for _, name := range []string{"Sarif.Multitool", "sarif-multitool"} {
		if p, err := exec.LookPath(name); err == nil {
			return native(p), true
		}
	}
	return "", false
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// native maps the npm wrapper node_modules/.bin/sarif-multitool to the
// platform binary it would run, when that is installed.
func native(p string) string {
	if filepath.Base(p) != "sarif-multitool" {
		return p
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		real = p
	}
	// real is .../node_modules/@microsoft/sarif-multitool/sarif-multitool.js
	// or similar; the platform package is a sibling of the npm package.
	for dir := filepath.Dir(real); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if filepath.Base(dir) == "node_modules" {
			if bin := filepath.Join(dir, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool"); isFile(bin) {
				return bin
			}
			break
		}
	}
	return p
}

// repoRoot is the nearest directory above the working directory holding go.mod.
func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if isFile(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// RunMultitool validates the SARIF file at path with the multitool and
// GitHub's ingestion rules (--rule-kind "Gh;Sarif") and returns every error
// and warning it reports.
func RunMultitool(tool, path string) ([]string, error) {
	out := path + ".validation.sarif"
	defer os.Remove(out)
	cmd := exec.Command(tool, "validate", "--rule-kind", "Gh;Sarif", "--log", "ForceOverwrite", "--output", out, path)
	// Validation must not depend on the network: the multitool tries to
	// reach every helpUri, which without network waits on DNS (about 5 s
	// per 25 distinct URIs, per file). Through a proxy that refuses at once
	// those attempts fail immediately; they produce no result either way.
	cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1",
		"HTTPS_PROXY=http://127.0.0.1:9", "HTTP_PROXY=http://127.0.0.1:9", "https_proxy=http://127.0.0.1:9", "http_proxy=http://127.0.0.1:9", "NO_PROXY=", "no_proxy=")
	combined, err := cmd.CombinedOutput()
	data, rerr := os.ReadFile(out)
	if rerr != nil {
		if err != nil {
			return nil, fmt.Errorf("sarif-multitool: %v: %s", err, strings.TrimSpace(string(combined)))
		}
		return nil, fmt.Errorf("sarif-multitool wrote no output: %w", rerr)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text      string   `json:"text"`
					ID        string   `json:"id"`
					Arguments []string `json:"arguments"`
				} `json:"message"`
			} `json:"results"`
			Invocations []struct {
				ToolExecutionNotifications []struct {
					Level   string `json:"level"`
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("read sarif-multitool output: %w", err)
	}
	var problems []string
	for _, run := range log.Runs {
		for _, r := range run.Results {
			level := r.Level
			if level == "" {
				level = "warning" // SARIF's default level
			}
			if level == "error" || level == "warning" {
				text := r.Message.Text
				if text == "" {
					text = r.Message.ID + " " + strings.Join(r.Message.Arguments, " | ")
				}
				problems = append(problems, fmt.Sprintf("%s %s: %s", level, r.RuleID, text))
			}
		}
		for _, inv := range run.Invocations {
			for _, n := range inv.ToolExecutionNotifications {
				if n.Level == "error" {
					problems = append(problems, "tool error: "+n.Message.Text)
				}
			}
		}
	}
	return problems, nil
}
