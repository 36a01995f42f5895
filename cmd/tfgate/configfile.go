package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"go.yaml.in/yaml/v3"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// configNames are the names of the configuration file, tried in order in
// each directory while walking up from the checked path.
var configNames = []string{".tfgate.yaml", ".tfgate.yml"}

// Keys of the configuration file, per section. The JSON Schema in
// library/schema/config.json names the same keys (a test holds them equal).
var (
	configKeys       = []string{"fail_on", "params", "rules", "policies", "waivers", "var_files", "recursive"}
	configPolicyKeys = []string{"path", "rego_version", "input"}
	configWaiverKeys = []string{"rule", "resource", "reason", "expires", "owner", "ticket"}
	configRuleKeys   = []string{"severity"}
)

// maxConfigNodes bounds the YAML nodes a configuration file may expand to
// (aliases included): a file of a few kilobytes must not become gigabytes.
const maxConfigNodes = 100000

// configFile is a parsed .tfgate.yaml. Paths in it are relative to the
// file's directory and are resolved when it is read.
type configFile struct {
	Path string // as found or given
	// FailOn is the failure threshold; 0 when not set.
	FailOn rules.Severity
	// Params become data.tfgate.params (flags override them per key).
	Params map[string]any
	// Rules are per-rule settings, by rule id.
	Rules map[string]ruleSetting
	// Policies are the policy directories, paths resolved.
	Policies []configPolicy
	// PolicyLines are the lines of the Policies entries.
	PolicyLines []int
	Waivers     []rules.Waiver
	VarFiles    []string // resolved
	// Recursive is nil when not set.
	Recursive *bool
}

// configPolicy is one entry of `policies:`.
type configPolicy struct {
	Path   string
	RegoV0 bool   // rego_version: v0
	Input  string // document (default, ""), plan-json or hcp-terraform
}

// policyInputs are the values of policies[].input.
var policyInputs = []string{"document", "plan-json", "hcp-terraform"}

// ruleSetting is one entry of `rules:`: off, or a severity override.
type ruleSetting struct {
	Off      bool
	Severity rules.Severity // 0: unchanged
	Line     int
}

// configError is an error at a line of the configuration file.
func configError(file string, n *yaml.Node, format string, args ...any) error {
	if n == nil || n.Line == 0 {
		return fmt.Errorf("%s: %s", file, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s:%d: %s", file, n.Line, fmt.Sprintf(format, args...))
}

// findConfig walks up from start (a file or directory) to the nearest
// directory holding .tfgate.yaml, stopping after the root of the git
// repository that holds start (so a file outside the repository never
// applies) or at the file system root. It returns "" when there is none.
func findConfig(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("find .tfgate.yaml from %s: %w", start, err)
	}
	dir := abs
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		var found []string
		for _, name := range configNames {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			}
		}
		if len(found) > 1 {
			return "", fmt.Errorf("%s: both %s exist; keep one", dir, strings.Join(configNames, " and "))
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// readConfig reads and checks a configuration file: its syntax and keys,
// and that the directories and files it names exist.
func readConfig(path string) (*configFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("read configuration %s: %w", path, err)
	}
	cfg, err := parseConfig(path, data)
	if err != nil {
		return nil, err
	}
	if err := cfg.resolve(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// parseConfig parses a configuration file's text strictly; it touches no
// file. Paths stay as written.
func parseConfig(file string, data []byte) (*configFile, error) {
	cfg := &configFile{Path: file}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return cfg, nil // an empty file
		}
		return nil, fmt.Errorf("%s: %s", file, yamlError(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, configError(file, &extra, "a second YAML document (---): the configuration is one document")
	} else if !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %s", file, yamlError(err))
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return cfg, nil
	}
	root := doc.Content[0]
	if isNull(root) {
		return cfg, nil
	}
	p := &configParser{file: file}
	if err := p.countNodes(root, 0); err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, configError(file, root, "want a mapping of keys (fail_on, params, rules, policies, waivers, var_files, recursive), found %s", kindName(root))
	}
	err := p.mapping(root, "", configKeys, func(key string, k, v *yaml.Node) error {
		switch key {
		case "fail_on":
			s, err := p.scalarString(v, key)
			if err != nil {
				return err
			}
			sev, err := rules.ParseSeverity(s)
			if err != nil {
				return configError(file, v, "fail_on: %v", err)
			}
			cfg.FailOn = sev
		case "params":
			if isNull(v) {
				return nil
			}
			if v.Kind != yaml.MappingNode {
				return configError(file, v, "params: want a mapping of parameter names to values, found %s", kindName(v))
			}
			val, err := p.value(v, 0)
			if err != nil {
				return err
			}
			cfg.Params = val.(map[string]any)
		case "rules":
			rs, err := p.rules(v)
			if err != nil {
				return err
			}
			cfg.Rules = rs
		case "policies":
			return p.list(v, key, func(i int, item *yaml.Node) error {
				d, err := p.policy(item, i)
				if err != nil {
					return err
				}
				cfg.Policies = append(cfg.Policies, d)
				cfg.PolicyLines = append(cfg.PolicyLines, item.Line)
				return nil
			})
		case "waivers":
			return p.list(v, key, func(i int, item *yaml.Node) error {
				w, err := p.waiver(item, i)
				if err != nil {
					return err
				}
				cfg.Waivers = append(cfg.Waivers, w)
				return nil
			})
		case "var_files":
			return p.list(v, key, func(i int, item *yaml.Node) error {
				s, err := p.scalarString(item, fmt.Sprintf("var_files[%d]", i))
				if err != nil {
					return err
				}
				if strings.TrimSpace(s) == "" {
					return configError(file, item, "var_files[%d]: empty path", i)
				}
				cfg.VarFiles = append(cfg.VarFiles, s)
				return nil
			})
		case "recursive":
			b, err := p.bool(v, key)
			if err != nil {
				return err
			}
			cfg.Recursive = &b
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// yamlError is the YAML library's message without its "yaml: " prefix;
// it names the line.
func yamlError(err error) string {
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

type configParser struct {
	file  string
	nodes int
}

// countNodes refuses files that expand (through aliases) to too many
// nodes, and alias cycles.
func (p *configParser) countNodes(n *yaml.Node, depth int) error {
	p.nodes++
	if p.nodes > maxConfigNodes || depth > 100 {
		return configError(p.file, n, "the configuration is too large or too deeply nested (aliases expand to more than %d values)", maxConfigNodes)
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return p.countNodes(n.Alias, depth+1)
	}
	for _, c := range n.Content {
		if err := p.countNodes(c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	n = deref(n)
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func kindName(n *yaml.Node) string {
	n = deref(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "an empty value"
		case "!!bool":
			return "a boolean (" + n.Value + ")"
		case "!!int", "!!float":
			return "a number (" + n.Value + ")"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unknown YAML value"
}

// mapping walks a mapping with string keys from allowed, in order; an
// unknown or repeated key is an error naming its line.
func (p *configParser) mapping(n *yaml.Node, where string, allowed []string, each func(key string, k, v *yaml.Node) error) error {
	n = deref(n)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			return configError(p.file, k, "%skeys are names, found %s", prefix(where), kindName(k))
		}
		if key == "<<" && k.Tag == "!!merge" {
			return configError(p.file, k, "%smerge keys (<<) are not supported: write the keys out", prefix(where))
		}
		if allowed != nil && !contains(allowed, key) {
			hint := ""
			if s := rules.Suggest(key, allowed); s != "" {
				hint = fmt.Sprintf("did you mean %s? ", s)
			}
			return configError(p.file, k, "%sunknown key %q (%svalid keys: %s)", prefix(where), key, hint, strings.Join(allowed, ", "))
		}
		if line, dup := seen[key]; dup {
			return configError(p.file, k, "%skey %q given twice (first on line %d)", prefix(where), key, line)
		}
		seen[key] = k.Line
		if err := each(key, k, v); err != nil {
			return err
		}
	}
	return nil
}

func prefix(where string) string {
	if where == "" {
		return ""
	}
	return where + ": "
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// list walks a list; an empty value is an empty list.
func (p *configParser) list(n *yaml.Node, where string, each func(i int, item *yaml.Node) error) error {
	if isNull(n) {
		return nil
	}
	n = deref(n)
	if n.Kind != yaml.SequenceNode {
		return configError(p.file, n, "%s: want a list, found %s", where, kindName(n))
	}
	for i, item := range n.Content {
		if err := each(i, deref(item)); err != nil {
			return err
		}
	}
	return nil
}

// scalarString reads a scalar as text; strings, numbers and dates are
// accepted as written, lists, mappings and empty values are not.
func (p *configParser) scalarString(n *yaml.Node, where string) (string, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "", configError(p.file, n, "%s: want a single value, found %s", where, kindName(n))
	}
	return n.Value, nil
}

// text reads a string value: a boolean or number where text is wanted is
// a mistake worth naming (reason: yes).
func (p *configParser) text(n *yaml.Node, where string) (string, error) {
	s, err := p.scalarString(n, where)
	if err != nil {
		return "", err
	}
	if t := deref(n).Tag; t == "!!bool" || t == "!!int" || t == "!!float" {
		return "", configError(p.file, n, "%s: want text, found %s (quote it if you mean the text)", where, kindName(n))
	}
	return s, nil
}

func (p *configParser) bool(n *yaml.Node, where string) (bool, error) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return false, configError(p.file, n, "%s: want true or false, found %s", where, kindName(n))
	}
	return strconv.ParseBool(strings.ToLower(n.Value))
}

// value converts a YAML value to what JSON decoding would give (params
// are the same whether set here or by --param): strings, float64, bool,
// nil, []any and map[string]any. Dates stay text.
func (p *configParser) value(n *yaml.Node, depth int) (any, error) {
	n = deref(n)
	if depth > 100 {
		return nil, configError(p.file, n, "params nested too deeply")
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		err := p.mapping(n, "params", nil, func(key string, k, v *yaml.Node) error {
			val, err := p.value(v, depth+1)
			if err != nil {
				return err
			}
			m[key] = val
			return nil
		})
		return m, err
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := p.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			return strconv.ParseBool(strings.ToLower(n.Value))
		case "!!int", "!!float":
			var f float64
			if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
				return nil, configError(p.file, n, "params: %s is not a number JSON can hold", n.Value)
			}
			return f, nil
		}
		return n.Value, nil
	}
	return nil, configError(p.file, n, "params: unsupported YAML value")
}

// rules reads `rules:`: RULE-ID: off | SEVERITY | {severity: SEVERITY}.
func (p *configParser) rules(n *yaml.Node) (map[string]ruleSetting, error) {
	out := map[string]ruleSetting{}
	if isNull(n) {
		return out, nil
	}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil, configError(p.file, n, "rules: want a mapping of rule ids to off or {severity: ...}, found %s", kindName(n))
	}
	err := p.mapping(n, "rules", nil, func(id string, k, v *yaml.Node) error {
		if strings.TrimSpace(id) == "" || strings.ContainsAny(id, " \t") {
			return configError(p.file, k, "rules: %q is not a rule id", id)
		}
		v = deref(v)
		s := ruleSetting{Line: k.Line}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			val := strings.ToLower(strings.TrimSpace(v.Value))
			if val == "off" {
				s.Off = true
				break
			}
			sev, err := rules.ParseSeverity(val)
			if err != nil || sev == rules.Never {
				return configError(p.file, v, "rules: %s: want off, a severity (low, medium, high, critical) or {severity: ...}, found %s", id, kindName(v))
			}
			s.Severity = sev
		case v.Kind == yaml.MappingNode:
			err := p.mapping(v, "rules: "+id, configRuleKeys, func(_ string, _, sv *yaml.Node) error {
				str, err := p.scalarString(sv, "rules: "+id+": severity")
				if err != nil {
					return err
				}
				sev, err := rules.ParseSeverity(str)
				if err != nil || sev == rules.Never {
					return configError(p.file, sv, "rules: %s: severity: want low, medium, high or critical, found %s", id, kindName(sv))
				}
				s.Severity = sev
				return nil
			})
			if err != nil {
				return err
			}
			if s.Severity == 0 {
				return configError(p.file, v, "rules: %s: want {severity: low|medium|high|critical}", id)
			}
		default:
			return configError(p.file, v, "rules: %s: want off, a severity or {severity: ...}, found %s", id, kindName(v))
		}
		out[id] = s
		return nil
	})
	return out, err
}

func (p *configParser) policy(n *yaml.Node, i int) (configPolicy, error) {
	where := fmt.Sprintf("policies[%d]", i)
	var d configPolicy
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return d, configError(p.file, n, "%s: want {path: DIR}, found %s (write - path: %s)", where, kindName(n), n.Value)
	}
	if n.Kind != yaml.MappingNode {
		return d, configError(p.file, n, "%s: want {path: DIR, rego_version: v0|v1, input: document|plan-json|hcp-terraform}, found %s", where, kindName(n))
	}
	err := p.mapping(n, where, configPolicyKeys, func(key string, _, v *yaml.Node) error {
		s, err := p.text(v, where+"."+key)
		if err != nil {
			return err
		}
		switch key {
		case "path":
			if strings.TrimSpace(s) == "" {
				return configError(p.file, v, "%s.path: empty path", where)
			}
			d.Path = s
		case "rego_version":
			switch strings.ToLower(s) {
			case "v0":
				d.RegoV0 = true
			case "v1":
			default:
				return configError(p.file, v, "%s.rego_version: want v0 or v1, found %q", where, s)
			}
		case "input":
			if !contains(policyInputs, s) {
				return configError(p.file, v, "%s.input: unknown policy input %q (valid: %s)", where, s, strings.Join(policyInputs, ", "))
			}
			if s != "document" {
				d.Input = s
			}
		}
		return nil
	})
	if err == nil && d.Path == "" {
		err = configError(p.file, n, "%s: path is required (a directory of .rego files, relative to this file)", where)
	}
	return d, err
}

func (p *configParser) waiver(n *yaml.Node, i int) (rules.Waiver, error) {
	where := fmt.Sprintf("waivers[%d]", i)
	w := rules.Waiver{Kind: rules.WaiverExternal, File: p.file, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return w, configError(p.file, n, "%s: want {rule, resource, reason, expires, owner, ticket}, found %s", where, kindName(n))
	}
	err := p.mapping(n, where, configWaiverKeys, func(key string, _, v *yaml.Node) error {
		if key == "expires" {
			s, err := p.scalarString(v, where+".expires")
			if err != nil {
				return err
			}
			t, err := rules.ParseDate(s)
			if err != nil {
				return configError(p.file, v, "%s.expires: %v", where, err)
			}
			w.Expires = t
			return nil
		}
		s, err := p.text(v, where+"."+key)
		if err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		switch key {
		case "rule":
			if s == "" || strings.ContainsAny(s, " \t") {
				return configError(p.file, v, "%s.rule: %q is not a rule id", where, s)
			}
			w.Rule = s
		case "resource":
			if err := rules.ValidateAddressPattern(s); err != nil {
				return configError(p.file, v, "%s.resource: %v", where, err)
			}
			w.Resource = s
		case "reason":
			w.Reason = s
		case "owner":
			w.Owner = s
		case "ticket":
			w.Ticket = s
		}
		return nil
	})
	if err != nil {
		return w, err
	}
	var missing []string
	for _, m := range []struct {
		key string
		ok  bool
	}{{"rule", w.Rule != ""}, {"resource", w.Resource != ""}, {"reason", w.Reason != ""}, {"expires", !w.Expires.IsZero()}} {
		if !m.ok {
			missing = append(missing, m.key)
		}
	}
	if len(missing) > 0 {
		verb := "are"
		if len(missing) == 1 {
			verb = "is"
		}
		return w, configError(p.file, n, "%s: %s %s required (a waiver names a rule, a resource pattern, a reason and an expiry date YYYY-MM-DD)", where, strings.Join(missing, ", "), verb)
	}
	return w, nil
}

// resolve makes the file's paths relative to its directory and checks
// that they exist.
func (c *configFile) resolve() error {
	dir := filepath.Dir(c.Path)
	for i := range c.Policies {
		d := &c.Policies[i]
		p := d.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("%s:%d: policies[%d].path: %s does not exist (paths are relative to the configuration file)", c.Path, c.PolicyLines[i], i, p)
		}
		d.Path = p
	}
	for i, f := range c.VarFiles {
		if !filepath.IsAbs(f) {
			c.VarFiles[i] = filepath.Join(dir, f)
		}
	}
	return nil
}

// checkRuleIDs: every rule id of `rules:` and `waivers:` must name a rule
// of the catalogue (a typo must not pass silently).
func (c *configFile) checkRuleIDs(catalogue []rules.Rule) error {
	if c == nil {
		return nil
	}
	ids := make([]string, 0, len(catalogue))
	known := map[string]bool{}
	for _, r := range catalogue {
		ids = append(ids, r.ID)
		known[r.ID] = true
	}
	keys := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		keys = append(keys, id)
	}
	sort.Slice(keys, func(i, j int) bool { return c.Rules[keys[i]].Line < c.Rules[keys[j]].Line })
	for _, id := range keys {
		if known[id] {
			continue
		}
		hint := "list them with tfgate rules"
		if s := rules.Suggest(id, ids); s != "" {
			hint = "did you mean " + s + "? " + hint
		}
		return fmt.Errorf("%s:%d: rules: no rule %q (%s)", c.Path, c.Rules[id].Line, id, hint)
	}
	return rules.ValidateWaiverRules(c.Waivers, catalogue)
}

// applyRuleSettings returns the catalogue and findings with `rules:`
// applied: rules set off are left out of both, severities replaced.
func applyRuleSettings(settings map[string]ruleSetting, catalogue []rules.Rule, fs []rules.Finding) ([]rules.Rule, []rules.Finding) {
	if len(settings) == 0 {
		return catalogue, fs
	}
	var rs []rules.Rule
	for _, r := range catalogue {
		s, ok := settings[r.ID]
		switch {
		case ok && s.Off:
			continue
		case ok && s.Severity != 0:
			r.Severity = s.Severity
		}
		rs = append(rs, r)
	}
	var out []rules.Finding
	for _, f := range fs {
		s, ok := settings[f.RuleID]
		switch {
		case ok && s.Off:
			continue
		case ok && s.Severity != 0:
			f.Severity = s.Severity
		}
		out = append(out, f)
	}
	return rs, out
}

// configFlags select the configuration file (check, inspect, rules).
func configFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default: the nearest .tfgate.yaml found walking up from the checked path to the repository root)"},
		&cli.BoolFlag{Name: "no-config", Usage: "ignore .tfgate.yaml"},
	}
}

// config reads the configuration file that applies to the command: the
// --config file, else the nearest .tfgate.yaml above the checked paths
// (above the working directory for rules and stdin). Without one it is
// empty, never nil. Paths governed by different files are an error: one
// run has one configuration.
func (c *CLI) config(ctx *cli.Context) (*configFile, error) {
	if ctx.Bool("no-config") {
		if ctx.IsSet("config") {
			return nil, usageError("--config and --no-config: give one")
		}
		return &configFile{}, nil
	}
	if p := ctx.String("config"); p != "" {
		cfg, err := readConfig(p)
		if err != nil {
			return nil, &exitStatus{code: exitError, err: fmt.Errorf("--config: %w", err)}
		}
		return cfg, nil
	}
	starts := []string{"."}
	if ctx.Command != nil && ctx.Command.Name != "rules" && ctx.NArg() > 0 {
		starts = ctx.Args().Slice()
	}
	found, from := "", ""
	for _, s := range starts {
		if s == "-" {
			s = "."
		}
		p, err := findConfig(s)
		if err != nil {
			return nil, &exitStatus{code: exitError, err: err}
		}
		if from != "" && p != found {
			return nil, usageError("%s and %s are governed by different configuration files (%s, %s): check them in separate runs, or choose one with --config", from, s, orNone(found), orNone(p))
		}
		found, from = p, s
	}
	if found == "" {
		return &configFile{}, nil
	}
	// Messages name the file relative to the working directory where it is
	// below it (infra/.tfgate.yaml:3), else by its absolute path.
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, found); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			found = rel
		}
	}
	cfg, err := readConfig(found)
	if err != nil {
		return nil, &exitStatus{code: exitError, err: err}
	}
	return cfg, nil
}

func orNone(p string) string {
	if p == "" {
		return "none"
	}
	return p
}

// mergeParams: the file's parameters, then the flags' (a flag wins per key).
func (c *configFile) mergeParams(flags map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range c.Params {
		out[k] = v
	}
	for k, v := range flags {
		out[k] = v
	}
	return out
}

// policyDirs are the file's policy directories as engine options.
func (c *configFile) policyDirs() ([]rules.PolicyDir, error) {
	var out []rules.PolicyDir
	for i, p := range c.Policies {
		kind, err := rules.ParseInputKind(p.Input)
		if err != nil {
			return nil, &exitStatus{code: exitError, err: fmt.Errorf("%s:%d: policies[%d].input: %w", c.Path, c.PolicyLines[i], i, err)}
		}
		out = append(out, rules.PolicyDir{Path: p.Path, RegoV0: p.RegoV0, Input: kind})
	}
	return out, nil
}

// applyInputOptions: the file's var_files are read before --var-file
// files (whose values then win); --recursive overrides recursive.
func (c *configFile) applyInputOptions(ctx *cli.Context, opts *plan.Options) {
	opts.VarFiles = append(append([]string(nil), c.VarFiles...), opts.VarFiles...)
	if !ctx.IsSet("recursive") && c.Recursive != nil {
		opts.Recursive = *c.Recursive
	}
}

// applyToReport applies, after evaluation, what the file says about
// findings: rules set off leave the report (with their notices), severity
// overrides, then waivers from the file and from `# tfgate:ignore`
// comments in the .tf files of the checked resources. now is the run's
// clock (waiver expiry).
func (c *configFile) applyToReport(rep *report.Report, docs []*plan.Document, now time.Time) error {
	waivers := append([]rules.Waiver(nil), c.Waivers...)
	known := map[string]bool{}
	var ids []string
	for _, r := range rep.Rules {
		known[r.ID] = true
		ids = append(ids, r.ID)
	}
	// An inline waiver of a rule this run does not load (a policy of a
	// configuration not used, --no-config) is a notice, not an error: the
	// same .tf files are checked with different policy sets.
	var unknownNotices []rules.Notice
	files, err := rules.InlineWaiverFiles(docs)
	if err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return &exitStatus{code: exitError, err: fmt.Errorf("read %s for inline waivers: %w", f, err)}
		}
		ws, err := rules.ParseInlineWaivers(f, src)
		if err != nil {
			return &exitStatus{code: exitError, err: err}
		}
		for _, w := range ws {
			if known[w.Rule] {
				waivers = append(waivers, w)
				continue
			}
			hint := "list them with tfgate rules"
			if s := rules.Suggest(w.Rule, ids); s != "" {
				hint = "did you mean " + s + "? " + hint
			}
			unknownNotices = append(unknownNotices, rules.Notice{Code: "waiver-unknown-rule", RuleID: w.Rule, File: w.File, Line: w.Line,
				Message: fmt.Sprintf("inline waiver names %s, which is not a rule of this run (%s)", w.Rule, hint)})
		}
	}
	if err := rules.ValidateWaiverRules(waivers, rep.Rules); err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	rep.Rules, rep.Findings = applyRuleSettings(c.Rules, rep.Rules, rep.Findings)
	var notices []rules.Notice
	for _, n := range rep.Notices {
		if s, ok := c.Rules[n.RuleID]; ok && s.Off && n.RuleID != "" {
			continue
		}
		notices = append(notices, n)
	}
	var waiverNotices []rules.Notice
	rep.Findings, waiverNotices = rules.ApplyWaivers(rep.Findings, waivers, docs, rules.Today(now))
	rep.Notices = append(append(notices, unknownNotices...), waiverNotices...)
	return nil
}
