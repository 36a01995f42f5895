package integration

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// This file is a small local stand-in for the GitHub Actions runner, enough
// to run the composite action in action.yml as GitHub would: inputs with
// their defaults, each step's `if`, ${{ }} expressions in env and with,
// GITHUB_OUTPUT per step, GITHUB_STEP_SUMMARY, GITHUB_PATH, and the step
// outputs feeding later steps. `uses:` steps (setup-go, upload-sarif) are
// not run: the test sees whether they would run and with which inputs.

type actionStep struct {
	ID    string            `yaml:"id"`
	Name  string            `yaml:"name"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

type actionDef struct {
	Inputs map[string]struct {
		Default  string `yaml:"default"`
		Required bool   `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionDef {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionDef
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml runs.using = %q, want composite", a.Runs.Using)
	}
	return a
}

// actionRun is what one local run of the action did.
type actionRun struct {
	code    int                          // the exit code of the first failing step, else 0
	log     string                       // every step's output, as the job log shows it
	outputs map[string]string            // the action's outputs
	steps   map[string]map[string]string // step id -> its outputs
	ran     []string                     // names of the steps that ran
	uses    map[string]map[string]string // `uses:` steps that would run -> their `with`
	summary string                       // $GITHUB_STEP_SUMMARY
	path    []string                     // lines added to $GITHUB_PATH
}

// runAction runs action.yml in workspace with the given inputs; env adds to
// the runner's variables (RUNNER_OS, ...; GITHUB_ACTION_REF is also
// github.action_ref).
func runAction(t *testing.T, workspace string, inputs map[string]string, env ...string) actionRun {
	t.Helper()
	a := readAction(t)
	for k := range inputs {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("action.yml has no input %q", k)
		}
	}
	in := map[string]string{}
	for k, v := range a.Inputs {
		in[k] = v.Default
	}
	for k, v := range inputs {
		in[k] = v
	}
	runner := t.TempDir()
	summaryFile := filepath.Join(runner, "step_summary.md")
	pathFile := filepath.Join(runner, "path")
	for _, f := range []string{summaryFile, pathFile} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	temp := filepath.Join(runner, "temp")
	if err := os.MkdirAll(temp, 0o755); err != nil {
		t.Fatal(err)
	}
	res := actionRun{steps: map[string]map[string]string{}, uses: map[string]map[string]string{}, outputs: map[string]string{}}
	ctx := &exprContext{inputs: in, steps: res.steps}
	for _, kv := range env {
		if ref, ok := strings.CutPrefix(kv, "GITHUB_ACTION_REF="); ok {
			ctx.actionRef = ref
		}
	}
	var log strings.Builder
	for i, s := range a.Runs.Steps {
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("step %d", i)
		}
		cond := s.If
		if cond == "" {
			cond = "success()"
		}
		ok, err := ctx.eval(cond)
		if err != nil {
			t.Fatalf("step %q: if %q: %v", name, s.If, err)
		}
		if !ok {
			continue
		}
		res.ran = append(res.ran, name)
		if s.Uses != "" {
			with := map[string]string{}
			for k, v := range s.With {
				with[k] = ctx.interpolate(t, v)
			}
			res.uses[s.Uses] = with
			continue
		}
		if s.Shell != "bash" {
			t.Fatalf("step %q: shell %q: composite run steps must name their shell, and these scripts need bash", name, s.Shell)
		}
		outFile := filepath.Join(runner, fmt.Sprintf("output-%d", i))
		if err := os.WriteFile(outFile, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		script := filepath.Join(runner, fmt.Sprintf("step-%d.sh", i))
		if err := os.WriteFile(script, []byte(ctx.interpolate(t, s.Run)), 0o644); err != nil {
			t.Fatal(err)
		}
		stepEnv := append([]string{
			"GITHUB_ACTION_PATH=" + repoRoot(t),
			"GITHUB_ACTIONS=true",
			"GITHUB_WORKSPACE=" + workspace,
			"GITHUB_OUTPUT=" + outFile,
			"GITHUB_STEP_SUMMARY=" + summaryFile,
			"GITHUB_PATH=" + pathFile,
			"RUNNER_TEMP=" + temp,
			"RUNNER_OS=Linux",
			"RUNNER_ARCH=X64",
		}, env...)
		for k, v := range s.Env {
			stepEnv = append(stepEnv, k+"="+ctx.interpolate(t, v))
		}
		// GitHub runs `shell: bash` as bash --noprofile --norc -eo pipefail {0}.
		r := run(t, workspace, envWith(stepEnv...), 10*time.Minute, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		fmt.Fprintf(&log, "## %s (exit %d)\n%s%s", name, r.code, r.stdout, r.stderr)
		if s.ID != "" {
			res.steps[s.ID] = readOutputs(t, outFile)
		}
		if r.code != 0 {
			ctx.failed = true
			if res.code == 0 {
				res.code = r.code
			}
		}
	}
	for k, o := range a.Outputs {
		res.outputs[k] = ctx.interpolate(t, o.Value)
	}
	res.log = log.String()
	data, _ := os.ReadFile(summaryFile)
	res.summary = string(data)
	data, _ = os.ReadFile(pathFile)
	res.path = strings.Fields(string(data))
	return res
}

// readOutputs reads a GITHUB_OUTPUT file: name=value lines, and
// name<<DELIMITER ... DELIMITER blocks.
func readOutputs(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for sc.Scan() && sc.Text() != delim {
				val = append(val, sc.Text())
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("GITHUB_OUTPUT line %q is neither name=value nor name<<DELIMITER", line)
		}
		out[name] = val
	}
	return out
}

// exprContext evaluates the subset of GitHub's expression language that
// action.yml uses: inputs.X, steps.ID.outputs.X, string literals, ==, !=,
// !, &&, ||, parentheses, success(), failure(), always(). Comparisons are
// case-insensitive and an empty string is false, as on GitHub.
type exprContext struct {
	actionRef string // github.action_ref: the ref the workflow uses the action at
	inputs    map[string]string
	steps     map[string]map[string]string
	failed    bool
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

func (c *exprContext) interpolate(t *testing.T, s string) string {
	t.Helper()
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		v, err := c.value(exprRe.FindStringSubmatch(m)[1])
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		return v
	})
}

func (c *exprContext) eval(expr string) (bool, error) {
	expr = strings.TrimSpace(expr)
	if m := exprRe.FindStringSubmatch(expr); m != nil && m[0] == expr {
		expr = m[1]
	}
	p := &exprParser{ctx: c, toks: tokenize(expr)}
	v, err := p.or()
	if err != nil {
		return false, err
	}
	if p.pos != len(p.toks) {
		return false, fmt.Errorf("unexpected %q", p.toks[p.pos])
	}
	return v != "", nil
}

func (c *exprContext) value(expr string) (string, error) {
	p := &exprParser{ctx: c, toks: tokenize(expr)}
	v, err := p.or()
	if err == nil && p.pos != len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.pos])
	}
	return v, err
}

func tokenize(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		switch r := rune(s[i]); {
		case unicode.IsSpace(r):
			i++
		case r == '\'':
			j := i + 1
			for j < len(s) && s[j] != '\'' {
				j++
			}
			toks = append(toks, s[i:min(j+1, len(s))])
			i = j + 1
		case strings.HasPrefix(s[i:], "==") || strings.HasPrefix(s[i:], "!=") || strings.HasPrefix(s[i:], "&&") || strings.HasPrefix(s[i:], "||"):
			toks = append(toks, s[i:i+2])
			i += 2
		case strings.ContainsRune("!()", r):
			toks = append(toks, string(r))
			i++
		default:
			j := i
			for j < len(s) && (unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j])) || strings.ContainsRune("._-", rune(s[j]))) {
				j++
			}
			if j == i {
				j = i + 1
			}
			toks = append(toks, s[i:j])
			i = j
		}
	}
	return toks
}

type exprParser struct {
	ctx  *exprContext
	toks []string
	pos  int
}

func (p *exprParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func truth(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func (p *exprParser) or() (string, error) {
	l, err := p.and()
	for err == nil && p.peek() == "||" {
		p.pos++
		var r string
		r, err = p.and()
		if l == "" {
			l = r
		}
	}
	return l, err
}

func (p *exprParser) and() (string, error) {
	l, err := p.cmp()
	for err == nil && p.peek() == "&&" {
		p.pos++
		var r string
		r, err = p.cmp()
		if l != "" {
			l = r
		}
	}
	return l, err
}

func (p *exprParser) cmp() (string, error) {
	l, err := p.unary()
	if err != nil {
		return "", err
	}
	if op := p.peek(); op == "==" || op == "!=" {
		p.pos++
		r, err := p.unary()
		if err != nil {
			return "", err
		}
		eq := strings.EqualFold(l, r)
		return truth(eq == (op == "==")), nil
	}
	return l, nil
}

func (p *exprParser) unary() (string, error) {
	if p.peek() == "!" {
		p.pos++
		v, err := p.unary()
		return truth(v == ""), err
	}
	return p.primary()
}

func (p *exprParser) primary() (string, error) {
	tok := p.peek()
	p.pos++
	switch {
	case tok == "":
		return "", fmt.Errorf("expression ends early")
	case tok == "(":
		v, err := p.or()
		if p.peek() != ")" {
			return "", fmt.Errorf("missing )")
		}
		p.pos++
		return v, err
	case strings.HasPrefix(tok, "'"):
		return strings.Trim(tok, "'"), nil
	case tok == "true":
		return "true", nil
	case tok == "false":
		return "", nil
	case tok == "success" || tok == "failure" || tok == "always":
		if p.peek() != "(" || p.pos+1 >= len(p.toks) || p.toks[p.pos+1] != ")" {
			return "", fmt.Errorf("%s must be called: %s()", tok, tok)
		}
		p.pos += 2
		switch tok {
		case "success":
			return truth(!p.ctx.failed), nil
		case "failure":
			return truth(p.ctx.failed), nil
		}
		return "true", nil
	case strings.HasPrefix(tok, "inputs."):
		v, ok := p.ctx.inputs[strings.TrimPrefix(tok, "inputs.")]
		if !ok {
			return "", fmt.Errorf("no input %s", tok)
		}
		return v, nil
	case tok == "github.action_ref":
		return p.ctx.actionRef, nil
	case strings.HasPrefix(tok, "steps."):
		parts := strings.SplitN(tok, ".", 4)
		if len(parts) != 4 || parts[2] != "outputs" {
			return "", fmt.Errorf("want steps.ID.outputs.NAME, got %s", tok)
		}
		return p.ctx.steps[parts[1]][parts[3]], nil
	}
	return "", fmt.Errorf("this test's runner does not know %q", tok)
}
