// Package planjson reads Terraform plans, `terraform show -json` output or
// saved binary plans, into plan Documents. When the plan's .tf files are
// found, it takes source locations from them and resolves references to
// single instances by evaluating index expressions with Terraform's
// functions (plan/funcs) and the provider schema tables (plan/schema).
package planjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/plan"
)

// ReadFile reads the plan at path, JSON or a saved binary plan (see Read),
// within opts.Limits.InputSize.
func ReadFile(path string, opts plan.Options) (*plan.Document, error) {
	opts.Limits = opts.Limits.WithDefaults()
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, plan.DescribeFSError(err))
	}
	if err := plan.CheckSize(path, "input-size", info.Size(), opts.Limits.InputSize); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, plan.DescribeFSError(err))
	}
	return Read(data, path, opts)
}

// Read reads a plan into a Document: `terraform show -json` (or `tofu show
// -json`) output, format 0.1 to 1.x, or a saved binary plan, which
// `terraform show -json` (opts.TerraformBin) turns into JSON. path names the
// input in messages and in Document.Source; "-" is standard input. The
// resources of a plan file get their source locations from the .tf files
// beside it, or in opts.ConfigDir, when they are found there.
func Read(data []byte, path string, opts plan.Options) (*plan.Document, error) {
	opts.Limits = opts.Limits.WithDefaults()
	if isBinaryPlan(data) {
		if path == "-" {
			return nil, errors.New("standard input holds a saved binary plan: pass the file path instead, or pipe `terraform show -json PLANFILE`")
		}
		shown, err := showBinaryPlan(path, opts.TerraformBin)
		if err != nil {
			return nil, err
		}
		if err := plan.CheckSize(fmt.Sprintf("the output of `terraform show -json %s`", path), "input-size", int64(len(shown)), opts.Limits.InputSize); err != nil {
			return nil, err
		}
		data = shown
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = data[3:] // a UTF-8 byte order mark (Windows PowerShell redirection)
	}
	doc, hints, err := decode(data, path)
	if err != nil {
		return nil, err
	}
	if path != "-" {
		locate(doc, hints, path, opts.ConfigDir)
	}
	return doc, nil
}

// configHints is what a plan says about its configuration, for finding
// and evaluating its .tf files.
type configHints struct {
	// moduleSources maps a module configuration path ("module.a.module.b")
	// to the source of its call.
	moduleSources map[string]string
	// vars are the root variable values (sensitive ones left out), for
	// evaluating index expressions of references.
	vars map[string]any
}

// decode reads plan JSON into a Document. path names the input in messages
// and in Document.Source.
func decode(data []byte, path string) (*plan.Document, *configHints, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fmt.Errorf("%s is empty; pass the output of `terraform show -json PLANFILE`", path)
	}
	// One decoding pass (planDoc; large plans: decodeSplit, on every CPU);
	// the slower diagnosis runs only on failure.
	//
	// json.Unmarshal, not a Decoder: a Decoder copies the input into its
	// own buffer first (a tenth of the load). Trailing data fails it too,
	// and checkJSON then says where.
	var raw planDoc
	p := (*tfjson.Plan)(&raw.rawPlan)
	if !decodeSplit(data, &raw, splitMinElements) {
		raw = planDoc{}
		if err := json.Unmarshal(data, &raw); err != nil {
			if serr := checkJSON(data, path); serr != nil {
				return nil, nil, serr
			}
			if perr := diagnoseNotAPlan(data, path); perr != nil {
				return nil, nil, perr
			}
			return nil, nil, fmt.Errorf("%s: invalid plan: %s", path, oneLineError(err))
		}
	}
	if !validPlanFormat(p.FormatVersion) {
		if perr := diagnoseNotAPlan(data, path); perr != nil {
			return nil, nil, perr
		}
		return nil, nil, fmt.Errorf("%s: plan format_version %q is not supported (tfgate reads 0.x and 1.x)", path, p.FormatVersion)
	}
	if p.ResourceChanges == nil && !raw.PlannedValues.present() {
		if perr := diagnoseNotAPlan(data, path); perr != nil {
			return nil, nil, perr
		}
	}
	doc, hints := newPlanReader(p, path).document()
	doc.PlanJSON = data
	return doc, hints, nil
}

// skipped is a plan value that is not decoded: it records only whether
// the key held something other than null.
type skipped struct{ set bool }

func (s *skipped) UnmarshalJSON(b []byte) error {
	s.set = string(b) != "null"
	return nil
}

func (s skipped) present() bool { return s.set }

// diagnoseNotAPlan says what a JSON document that is not a plan is.
func diagnoseNotAPlan(data []byte, path string) error {
	var probe struct {
		FormatVersion   *string          `json:"format_version"`
		ResourceChanges json.RawMessage  `json:"resource_changes"`
		PlannedValues   json.RawMessage  `json:"planned_values"`
		Values          json.RawMessage  `json:"values"`
		Resources       []map[string]any `json:"resources"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return fmt.Errorf("%s is not a Terraform plan: the top level is not a JSON object; pass the output of `terraform show -json PLANFILE`", path)
	}
	switch {
	case probe.FormatVersion == nil && probe.Resources != nil:
		return fmt.Errorf("%s looks like a raw state file (terraform.tfstate), not a plan; pass `terraform show -json PLANFILE`", path)
	case probe.FormatVersion == nil:
		return fmt.Errorf("%s is not a Terraform plan (no format_version); pass the output of `terraform show -json PLANFILE`", path)
	case probe.Values != nil && probe.ResourceChanges == nil && probe.PlannedValues == nil:
		return fmt.Errorf("%s is a Terraform state (terraform show -json without a plan file), not a plan; run `terraform plan -out tfplan` and pass `terraform show -json tfplan`", path)
	}
	if !validPlanFormat(*probe.FormatVersion) {
		return fmt.Errorf("%s: plan format_version %q is not supported (tfgate reads 0.x and 1.x); upgrade tfgate", path, *probe.FormatVersion)
	}
	return nil
}

// validPlanFormat accepts plan format versions 0.x and 1.x (Terraform 0.12
// and later, OpenTofu).
func validPlanFormat(v string) bool {
	major, minor, _ := strings.Cut(v, ".")
	if major != "0" && major != "1" {
		return false
	}
	for _, c := range minor {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

func oneLineError(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func checkTrailing(data []byte, off int64, path string) error {
	if rest := bytes.TrimSpace(data[off:]); len(rest) > 0 {
		return fmt.Errorf("%s:%d: invalid JSON: unexpected data after the plan document", path, lineAt(data, off+int64(bytes.Index(data[off:], rest[:1]))))
	}
	return nil
}

// checkJSON refuses invalid, truncated or trailing JSON with the line of the
// problem.
func checkJSON(data []byte, path string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%s is empty; pass the output of `terraform show -json PLANFILE`", path)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("%s:%d: invalid JSON: %v", path, lineAt(data, se.Offset), se)
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return fmt.Errorf("%s:%d: invalid JSON: the document is truncated", path, lineAt(data, int64(len(data))))
		}
		return fmt.Errorf("%s: invalid JSON: %v", path, err)
	}
	return checkTrailing(data, dec.InputOffset(), path)
}

func lineAt(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// planReader builds documents from one decoded plan. Every lookup it needs
// is built once, so reading is linear in the plan's size.
type planReader struct {
	p    *tfjson.Plan
	path string
	// modules maps a module path without instance keys ("", "module.a",
	// "module.a.module.b") to its configuration and the call that made it.
	modules map[string]*configModule
	// sensitive strings seen anywhere: redacted wherever they appear.
	sensitive map[string]bool
	// sensitiveVars are the names of the root module's sensitive variables.
	sensitiveVars map[string]bool
}

type configModule struct {
	module    *tfjson.ConfigModule
	call      *tfjson.ModuleCall // nil for the root
	parent    string             // parent module path ("" for children of root)
	resources map[string]*tfjson.ConfigResource
}

func newPlanReader(p *tfjson.Plan, path string) *planReader {
	r := &planReader{p: p, path: path, modules: map[string]*configModule{}, sensitive: map[string]bool{}, sensitiveVars: map[string]bool{}}
	if p.Config != nil && p.Config.RootModule != nil {
		r.indexModule("", "", nil, p.Config.RootModule)
	}
	return r
}

func (r *planReader) indexModule(path, parent string, call *tfjson.ModuleCall, m *tfjson.ConfigModule) {
	cm := &configModule{module: m, call: call, parent: parent, resources: map[string]*tfjson.ConfigResource{}}
	for _, res := range m.Resources {
		cm.resources[res.Address] = res
	}
	r.modules[path] = cm
	names := make([]string, 0, len(m.ModuleCalls))
	for n := range m.ModuleCalls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := m.ModuleCalls[n]
		if c == nil || c.Module == nil {
			continue
		}
		child := "module." + n
		if path != "" {
			child = path + "." + child
		}
		if _, seen := r.modules[child]; seen {
			continue
		}
		r.indexModule(child, path, c, c.Module)
	}
}

func (r *planReader) document() (*plan.Document, *configHints) {
	doc := &plan.Document{
		Source: plan.Source{
			Kind:             plan.KindPlan,
			Path:             r.path,
			TerraformVersion: r.p.TerraformVersion,
			FormatVersion:    r.p.FormatVersion,
		},
		Resources: make([]plan.Resource, 0, len(r.p.ResourceChanges)),
	}
	r.collectSensitiveVariables()
	hints := &configHints{moduleSources: map[string]string{}, vars: map[string]any{}}
	for path, cm := range r.modules {
		if cm.call != nil {
			hints.moduleSources[path] = cm.call.Source
		}
	}
	for _, rc := range r.p.ResourceChanges {
		if rc == nil || rc.Change == nil {
			continue
		}
		doc.Resources = append(doc.Resources, r.resource(rc))
	}
	// Plan JSON keeps only the names of what an expression refers to
	// (aws_s3_bucket.b[count.index].id, aws_s3_bucket.b[var.i].id and
	// aws_s3_bucket.b[*].id all list "aws_s3_bucket.b"): until the .tf files
	// say otherwise (refinePlanReferences), every whole-resource reference
	// to a resource with several instances is undetermined.
	plan.FinishReferences(doc, nil)
	plan.InheritLocations(doc)
	// Root variables (not sensitive ones) evaluate index expressions when
	// the .tf files are found.
	for name, v := range r.p.Variables {
		if v != nil && !r.sensitiveVars[name] {
			hints.vars[name] = v.Value
		}
	}
	// Terraform does not always mark derived copies of sensitive values
	// (tags_all repeats a sensitive tag unmarked): redact by value too.
	if len(r.sensitive) > 0 {
		for i := range doc.Resources {
			res := &doc.Resources[i]
			res.Before = plan.RedactStrings(res.Before, r.sensitive)
			res.After = plan.RedactStrings(res.After, r.sensitive)
			// A tag map with a secret key is redacted as a whole: which
			// keys it holds is then not known (nil), as for a map known
			// only after apply.
			if res.Tags != nil {
				res.Tags, _ = plan.RedactStrings(res.Tags, r.sensitive).(map[string]any)
			}
			if res.Provider.DefaultTags != nil {
				res.Provider.DefaultTags, _ = plan.RedactStrings(res.Provider.DefaultTags, r.sensitive).(map[string]any)
			}
			if s, ok := res.Region.(string); ok && r.sensitive[s] {
				res.Region = nil // sensitive: not known to policies
			}
		}
	}
	return doc, hints
}

// collectSensitiveVariables records the values of root variables declared
// sensitive.
func (r *planReader) collectSensitiveVariables() {
	root := r.modules[""]
	if root == nil {
		return
	}
	for name, v := range root.module.Variables {
		if v == nil || !v.Sensitive {
			continue
		}
		r.sensitiveVars[name] = true
		if pv, ok := r.p.Variables[name]; ok && pv != nil {
			plan.CollectStrings(pv.Value, r.sensitive)
		}
		plan.CollectStrings(v.Default, r.sensitive)
	}
}

func (r *planReader) resource(rc *tfjson.ResourceChange) plan.Resource {
	modPath := rc.ModuleAddress
	cfgMod := r.modules[stripInstanceKeys(modPath)]
	var cfg *tfjson.ConfigResource
	if cfgMod != nil {
		key := rc.Type + "." + rc.Name
		if rc.Mode == tfjson.DataResourceMode {
			key = "data." + key
		}
		cfg = cfgMod.resources[key]
	}

	ch := rc.Change
	after := plan.RedactMarked(ch.After, ch.AfterSensitive, r.sensitive)
	before := plan.RedactMarked(ch.Before, ch.BeforeSensitive, r.sensitive)
	unknown := ch.AfterUnknown
	if unknown == nil || unknown == false {
		unknown = map[string]any{}
	}
	afterMap, _ := after.(map[string]any)
	unknownMap, _ := unknown.(map[string]any)

	prov := r.provider(rc, cfg, stripInstanceKeys(modPath))
	res := plan.Resource{
		Address:    rc.Address,
		Module:     modPath,
		Mode:       string(rc.Mode),
		Type:       rc.Type,
		Name:       rc.Name,
		Index:      rc.Index,
		Provider:   prov,
		Change:     plan.Change{Actions: actionStrings(ch.Actions), Kind: plan.ChangeKindOf(actionStrings(ch.Actions))},
		Before:     before,
		After:      after,
		Unknown:    unknown,
		References: map[string][]string{},
	}
	if res.Change.Actions == nil {
		res.Change.Actions = []string{}
	}
	// The region and tags of a deleted resource are those it had.
	valueMap := afterMap
	if after == nil {
		valueMap, _ = before.(map[string]any)
		unknownMap = nil
	}
	var written func(string) bool
	if cfg != nil {
		written = func(name string) bool { _, ok := cfg.Expressions[name]; return ok }
	}
	res.Region = plan.EffectiveRegion(prov.Name, valueMap, unknownMap, prov.Region, written)
	res.Tags = plan.ResourceTags(rc.Type, valueMap, unknownMap, prov.DefaultTags)
	if cfg != nil {
		var each []string // what each.* stands for: the for_each's resources
		if cfg.ForEachExpression != nil {
			for _, ref := range cfg.ForEachExpression.References {
				each = append(each, r.refAddresses(ref, modPath, 0)...)
			}
		}
		r.references(res.References, "", cfg.Expressions, modPath, each)
	}
	return res
}

func actionStrings(a tfjson.Actions) []string {
	out := make([]string, len(a))
	for i, x := range a {
		out[i] = string(x)
	}
	return out
}

// provider resolves the provider configuration a resource uses.
func (r *planReader) provider(rc *tfjson.ResourceChange, cfg *tfjson.ConfigResource, modPath string) plan.Provider {
	name, source := plan.NormalizeProviderName(rc.ProviderName)
	prov := plan.Provider{Name: name, Source: source}
	key := ""
	if cfg != nil {
		key = cfg.ProviderConfigKey
	}
	if key == "" {
		key = name
	}
	pc, resolvedKey := r.providerConfig(key, modPath)
	if pc == nil {
		// No configuration block (older plans, or the provider is
		// configured only by the environment): the key alone.
		prov.ConfigKey = qualifiedKey(key, modPath)
		if _, alias, ok := strings.Cut(localKey(key), "."); ok {
			prov.Alias = alias
		}
		return prov
	}
	prov.ConfigKey = resolvedKey
	prov.Alias = pc.Alias
	if pc.FullName != "" {
		if n, s := plan.NormalizeProviderName(pc.FullName); n != "" {
			prov.Name, prov.Source = n, s
		}
	}
	if prov.Source == "" && source != "" {
		prov.Source = source
	}
	if e := pc.Expressions["region"]; e != nil {
		if v, ok := r.resolve(e, pc.ModuleAddress); ok {
			if s, ok := v.(string); ok {
				prov.Region = s
			}
		}
	}
	if e := pc.Expressions["zone"]; e != nil && prov.Region == nil {
		// Google: a provider with a zone and no region places resources
		// in the zone's region.
		if v, ok := r.resolve(e, pc.ModuleAddress); ok {
			if s, ok := v.(string); ok && s != "" {
				prov.Region = plan.GoogleRegionOfZone(s)
			}
		}
	}
	if e := pc.Expressions["default_labels"]; e != nil {
		if v, ok := r.resolve(e, pc.ModuleAddress); ok {
			if m, ok := v.(map[string]any); ok {
				prov.DefaultTags = m
			}
		}
	}
	if e := pc.Expressions["default_tags"]; e != nil && len(e.NestedBlocks) > 0 {
		if te := e.NestedBlocks[0]["tags"]; te != nil {
			if v, ok := r.resolve(te, pc.ModuleAddress); ok {
				if m, ok := v.(map[string]any); ok {
					prov.DefaultTags = m
				}
			}
		}
	}
	return prov
}

// providerConfig finds the provider configuration for key as seen from the
// module at modPath: a key already qualified by a module ("module.x:aws"),
// the module's own configuration, else the nearest ancestor's, else the root's.
func (r *planReader) providerConfig(key, modPath string) (*tfjson.ProviderConfig, string) {
	if r.p.Config == nil || len(r.p.Config.ProviderConfigs) == 0 {
		return nil, ""
	}
	pcs := r.p.Config.ProviderConfigs
	if pc, ok := pcs[key]; ok {
		return pc, key
	}
	local := localKey(key)
	for m := modPath; m != ""; m = r.parentOf(m) {
		k := m + ":" + local
		if pc, ok := pcs[k]; ok {
			return pc, k
		}
	}
	if pc, ok := pcs[local]; ok {
		return pc, local
	}
	return nil, ""
}

func (r *planReader) parentOf(modPath string) string {
	if cm := r.modules[modPath]; cm != nil {
		return cm.parent
	}
	i := strings.LastIndex(modPath, ".module.")
	if i < 0 {
		return ""
	}
	return modPath[:i]
}

// localKey drops a module qualifier: "module.x:aws.east" -> "aws.east".
func localKey(key string) string {
	if i := strings.LastIndex(key, ":"); i >= 0 {
		return key[i+1:]
	}
	return key
}

func qualifiedKey(key, modPath string) string {
	if modPath == "" || strings.Contains(key, ":") {
		return key
	}
	return modPath + ":" + key
}

// resolve evaluates an expression of the module at modPath where the plan
// allows: a constant, or a variable followed to its value (root: the plan's
// variables; module: what the caller passed, else the default).
func (r *planReader) resolve(e *tfjson.Expression, modPath string) (any, bool) {
	return r.resolveDepth(e, modPath, 0)
}

func (r *planReader) resolveDepth(e *tfjson.Expression, modPath string, depth int) (any, bool) {
	if e == nil || depth > 32 {
		return nil, false
	}
	if e.ConstantValue != tfjson.UnknownConstantValue {
		return e.ConstantValue, true
	}
	if len(e.References) == 0 {
		return nil, false
	}
	// Only an expression that is exactly one variable can be resolved.
	ref := e.References[0]
	for _, other := range e.References[1:] {
		if !strings.HasPrefix(other, ref) {
			return nil, false
		}
	}
	name, ok := strings.CutPrefix(ref, "var.")
	if !ok || strings.ContainsAny(name, ".[") {
		return nil, false
	}
	cm := r.modules[modPath]
	if modPath == "" {
		if v, ok := r.p.Variables[name]; ok && v != nil {
			return v.Value, true
		}
		if cm != nil {
			if d := cm.module.Variables[name]; d != nil && d.Default != nil {
				return d.Default, true
			}
		}
		return nil, false
	}
	if cm == nil {
		return nil, false
	}
	if cm.call != nil {
		if pe, ok := cm.call.Expressions[name]; ok {
			return r.resolveDepth(pe, cm.parent, depth+1)
		}
	}
	if d := cm.module.Variables[name]; d != nil && d.Default != nil {
		return d.Default, true
	}
	return nil, false
}

// references collects, per dotted attribute path, the resource addresses an
// expression refers to. each lists what each.* refers to (the resources of
// the for_each expression).
func (r *planReader) references(into map[string][]string, prefix string, exprs map[string]*tfjson.Expression, instPath string, each []string) {
	for attr, e := range exprs {
		if e == nil {
			continue
		}
		path := prefix + attr
		seen := map[string]bool{}
		for _, addr := range into[path] {
			seen[addr] = true
		}
		for _, ref := range e.References {
			addrs := r.refAddresses(ref, instPath, 0)
			if strings.HasPrefix(ref, "each.value") {
				addrs = each
			}
			for _, addr := range addrs {
				if !seen[addr] {
					seen[addr] = true
					into[path] = append(into[path], addr)
				}
			}
		}
		if refs := into[path]; len(refs) > 0 {
			into[path] = withoutCoveredBases(refs)
		}
		for _, block := range e.NestedBlocks {
			r.references(into, path+".", block, instPath, each)
		}
	}
}

// withoutCoveredBases drops a whole-resource reference that Terraform
// lists only because a reference to one of its instances passes through it
// (aws_s3_bucket.b[0].id is listed as "aws_s3_bucket.b[0].id",
// "aws_s3_bucket.b[0]" and "aws_s3_bucket.b"), and sorts.
func withoutCoveredBases(refs []string) []string {
	indexed := map[string]bool{}
	for _, a := range refs {
		if b := plan.BaseAddress(a); b != a {
			indexed[b] = true
		}
	}
	out := refs[:0]
	for _, a := range refs {
		if !indexed[a] {
			out = append(out, a)
		}
	}
	sort.Strings(out)
	return out
}

// refAddresses turns one reference of a module instance into resource
// addresses: resources directly, variables through the module call,
// module outputs through the output's expression.
func (r *planReader) refAddresses(ref, instPath string, depth int) []string {
	if depth > 32 {
		return nil
	}
	parts := splitRef(ref)
	if len(parts) == 0 {
		return nil
	}
	switch parts[0] {
	case "var":
		if len(parts) < 2 || instPath == "" {
			return nil
		}
		cm := r.modules[stripInstanceKeys(instPath)]
		if cm == nil || cm.call == nil {
			return nil
		}
		e := cm.call.Expressions[parts[1]]
		if e == nil {
			return nil
		}
		parentInst := parentInstance(instPath)
		var out []string
		for _, pr := range e.References {
			out = append(out, r.refAddresses(pr, parentInst, depth+1)...)
		}
		return out
	case "module":
		if len(parts) < 2 {
			return nil
		}
		name := parts[1]
		childInst := joinModule(instPath, "module."+name)
		rest := parts[2:]
		if len(rest) > 0 && strings.HasPrefix(rest[0], "[") {
			childInst += rest[0]
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return nil
		}
		cm := r.modules[stripInstanceKeys(childInst)]
		if cm == nil {
			return nil
		}
		out, ok := cm.module.Outputs[rest[0]]
		if !ok || out == nil || out.Expression == nil {
			return nil
		}
		var addrs []string
		for _, or := range out.Expression.References {
			addrs = append(addrs, r.refAddresses(or, childInst, depth+1)...)
		}
		return addrs
	case "local", "each", "count", "path", "terraform", "self":
		return nil
	case "data":
		if len(parts) < 3 {
			return nil
		}
		addr := "data." + parts[1] + "." + parts[2]
		if len(parts) > 3 && strings.HasPrefix(parts[3], "[") {
			addr += parts[3]
		}
		return []string{joinModule(instPath, addr)}
	}
	if len(parts) < 2 {
		return nil
	}
	addr := parts[0] + "." + parts[1]
	if len(parts) > 2 && strings.HasPrefix(parts[2], "[") {
		addr += parts[2]
	}
	return []string{joinModule(instPath, addr)}
}

func joinModule(modPath, addr string) string {
	if modPath == "" {
		return addr
	}
	return modPath + "." + addr
}

// splitRef splits "aws_s3_bucket.b[0].id" into ["aws_s3_bucket", "b",
// "[0]", "id"]: names, with index groups as their own parts.
func splitRef(ref string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch c {
		case '.':
			flush()
		case '[':
			flush()
			end := indexGroupEnd(ref, i)
			parts = append(parts, ref[i:end])
			i = end - 1
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return parts
}

// indexGroupEnd returns the offset after the "]" closing the index group
// that starts at ref[i] == '[', honouring quoted keys.
func indexGroupEnd(s string, i int) int {
	inQuote := false
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if inQuote {
				j++
			}
		case '"':
			inQuote = !inQuote
		case ']':
			if !inQuote {
				return j + 1
			}
		}
	}
	return len(s)
}

// stripInstanceKeys turns a module instance path into its configuration
// path: `module.a["x"].module.b[0]` -> "module.a.module.b".
func stripInstanceKeys(p string) string {
	if !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			i = indexGroupEnd(p, i) - 1
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// parentInstance drops the last module step of an instance path.
func parentInstance(inst string) string {
	parts := splitRef(inst)
	// parts: module, a, [key], module, b, [key]...
	last := -1
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "module" {
			last = i
		}
	}
	if last <= 0 {
		return ""
	}
	var b strings.Builder
	for i, p := range parts[:last] {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}
