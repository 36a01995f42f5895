package planjson

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// isBinaryPlan recognises a saved plan (`terraform plan -out`): a zip file.
func isBinaryPlan(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// showBinaryPlan runs `terraform show -json PLAN` in the plan's directory
// (where its .terraform lives) and returns the JSON.
func showBinaryPlan(path, bin string) ([]byte, error) {
	if bin == "" {
		bin = "terraform"
	}
	exe, err := exec.LookPath(bin)
	if err != nil {
		return nil, fmt.Errorf("%s is a saved binary plan and reading it needs %s, which is not on PATH; install Terraform or pass the output of `terraform show -json %s`", path, bin, filepath.Base(path))
	}
	abs := absOr(path)
	cmd := exec.Command(exe, "show", "-json", "-no-color", abs)
	cmd.Dir = filepath.Dir(abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		msg := firstNonEmptyLine(stderr.String())
		if msg == "" && !errors.As(err, &ee) {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s: `%s show -json` failed: %s (run it in the directory where the plan was made, after terraform init)", path, bin, msg)
	}
	return stdout.Bytes(), nil
}

// firstNonEmptyLine picks the most telling line of Terraform's stderr: the
// first "Error: ..." line, else the first non-empty one.
func firstNonEmptyLine(s string) string {
	first := ""
	for _, l := range strings.Split(s, "\n") {
		l = strings.Trim(l, " \t│╷╵")
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "Error:") {
			return l
		}
		if first == "" {
			first = l
		}
	}
	return first
}

// absOr returns the absolute form of p, or p.
func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
