package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// The provider schema cannot say which nested blocks an SDKv2 provider
// plans as unknown when they are not configured (Optional+Computed blocks
// such as aws_s3_bucket.versioning or aws_instance.root_block_device), nor
// which attributes get a default value (force_destroy = false). A probe
// finds out: it writes one minimal instance of every resource type, drops
// the types that do not validate or plan offline, runs a real plan and
// reads after / after_unknown.

const probeProvider = `provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "probe"
  secret_key                  = "probe"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
`

const probePolicy = `jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = "*", Principal = {AWS = "*"}}]})`
const probeARN = `"arn:aws:iam::123456789012:role/probe"`

// probeOverrides are hand-written bodies for types the generic
// placeholders cannot satisfy; they matter most to tfgate's rules.
var probeOverrides = map[string]string{
	"aws_instance":             `ami = "ami-12345678"` + "\n" + `instance_type = "t3.micro"`,
	"aws_ebs_volume":           `availability_zone = "eu-west-1a"` + "\n" + `size = 10`,
	"aws_rds_cluster":          `engine = "aurora-postgresql"` + "\n" + `master_username = "probe"` + "\n" + `master_password = "probe-password-1"`,
	"aws_rds_cluster_instance": `cluster_identifier = "probe"` + "\n" + `instance_class = "db.r6g.large"` + "\n" + `engine = "aurora-postgresql"`,
	"aws_security_group_rule": `type = "egress"` + "\n" + `from_port = 0` + "\n" + `to_port = 0` + "\n" + `protocol = "-1"` + "\n" +
		`security_group_id = "sg-12345678"` + "\n" + `cidr_blocks = ["10.0.0.0/8"]`,
	"aws_vpc_security_group_egress_rule":  `security_group_id = "sg-12345678"` + "\n" + `ip_protocol = "-1"` + "\n" + `cidr_ipv4 = "10.0.0.0/8"`,
	"aws_vpc_security_group_ingress_rule": `security_group_id = "sg-12345678"` + "\n" + `ip_protocol = "-1"` + "\n" + `cidr_ipv4 = "10.0.0.0/8"`,
	"aws_network_acl_rule": `network_acl_id = "acl-12345678"` + "\n" + `rule_number = 100` + "\n" + `egress = true` + "\n" + `protocol = "-1"` + "\n" +
		`rule_action = "allow"` + "\n" + `cidr_block = "10.0.0.0/8"`,
	"aws_security_group":         `name = "probe"` + "\n" + probeSGRule("egress") + probeSGRule("ingress"),
	"aws_default_security_group": `vpc_id = "vpc-12345678"` + "\n" + probeSGRule("egress") + probeSGRule("ingress"),
	"aws_network_acl":            `vpc_id = "vpc-12345678"` + "\n" + probeACLRule("egress") + probeACLRule("ingress"),
	"aws_default_network_acl":    `default_network_acl_id = "acl-12345678"` + "\n" + probeACLRule("egress") + probeACLRule("ingress"),
	"aws_lb":                     `name = "probe"` + "\n" + `subnets = ["subnet-12345678", "subnet-87654321"]`,
	"aws_alb":                    `name = "probe"` + "\n" + `subnets = ["subnet-12345678", "subnet-87654321"]`,
	"aws_lb_listener":            `load_balancer_arn = ` + probeARN + "\n" + `default_action {` + "\n" + `type = "forward"` + "\n" + `target_group_arn = ` + probeARN + "\n}",
	"aws_alb_listener":           `load_balancer_arn = ` + probeARN + "\n" + `default_action {` + "\n" + `type = "forward"` + "\n" + `target_group_arn = ` + probeARN + "\n}",
	"aws_autoscaling_group":      `max_size = 1` + "\n" + `min_size = 1` + "\n" + `availability_zones = ["eu-west-1a"]` + "\n" + `launch_configuration = "probe"`,
	"aws_dynamodb_table": `name = "probe"` + "\n" + `hash_key = "id"` + "\n" + `billing_mode = "PAY_PER_REQUEST"` + "\n" +
		`attribute {` + "\n" + `name = "id"` + "\n" + `type = "S"` + "\n}",
	"aws_ecs_task_definition": `family = "probe"` + "\n" + `container_definitions = jsonencode([{name = "probe", image = "probe", essential = true}])`,
	"aws_elasticache_cluster": `cluster_id = "probe"` + "\n" + `engine = "redis"` + "\n" + `node_type = "cache.t3.micro"` + "\n" + `num_cache_nodes = 1`,
	"aws_flow_log": `vpc_id = "vpc-12345678"` + "\n" + `traffic_type = "ALL"` + "\n" + `log_destination_type = "s3"` + "\n" +
		`log_destination = "arn:aws:s3:::probe-bucket"`,
	"aws_kinesis_stream": `name = "probe"` + "\n" + `shard_count = 1`,
	"aws_lambda_function": `function_name = "probe"` + "\n" + `role = ` + probeARN + "\n" + `handler = "index.handler"` + "\n" +
		`runtime = "python3.12"` + "\n" + `s3_bucket = "probe-bucket"` + "\n" + `s3_key = "probe.zip"`,
	"aws_s3_bucket_acl":                           `bucket = "probe-bucket"` + "\n" + `acl = "private"`,
	"aws_s3_bucket_versioning":                    `bucket = "probe-bucket"` + "\n" + `versioning_configuration {` + "\n" + `status = "Enabled"` + "\n}",
	"aws_s3_bucket_ownership_controls":            `bucket = "probe-bucket"` + "\n" + `rule {` + "\n" + `object_ownership = "BucketOwnerEnforced"` + "\n}",
	"aws_s3_bucket_accelerate_configuration":      `bucket = "probe-bucket"` + "\n" + `status = "Enabled"`,
	"aws_s3_bucket_request_payment_configuration": `bucket = "probe-bucket"` + "\n" + `payer = "Requester"`,
	"aws_sagemaker_notebook_instance":             `name = "probe"` + "\n" + `role_arn = ` + probeARN + "\n" + `instance_type = "ml.t3.medium"`,
	"aws_mq_broker": `broker_name = "probe"` + "\n" + `engine_type = "ActiveMQ"` + "\n" + `engine_version = "5.17.6"` + "\n" +
		`host_instance_type = "mq.t3.micro"` + "\n" + `user {` + "\n" + `username = "probe"` + "\n" + `password = "probe-password-1"` + "\n}",
}

func probeSGRule(kind string) string {
	return kind + " {\nfrom_port = 0\nto_port = 0\nprotocol = \"-1\"\ncidr_blocks = [\"10.0.0.0/8\"]\n}\n"
}

func probeACLRule(kind string) string {
	return kind + " {\nprotocol = \"-1\"\nrule_no = 100\naction = \"allow\"\ncidr_block = \"10.0.0.0/8\"\nfrom_port = 0\nto_port = 0\n}\n"
}

// overrideNames are the argument names written anywhere in an override.
func overrideNames(body string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(body, "\n") {
		if k, _, ok := strings.Cut(line, "="); ok {
			out[strings.TrimSpace(k)] = true
		}
	}
	return out
}

// probeResult is what a probe learns about one resource type.
type probeResult struct {
	ComputedBlocks []string                   `json:"computed_blocks,omitempty"`
	Defaults       map[string]json.RawMessage `json:"defaults,omitempty"`
	// NestedDefaults: block path ("rule.apply_server_side_encryption_by_default") to defaults.
	NestedDefaults map[string]map[string]json.RawMessage `json:"nested_defaults,omitempty"`
}

// probe runs two rounds: placeholders guessed from attribute names
// (ARNs, CIDRs, policies...), then plain placeholders for the types the
// first round could not plan.
func probe(schema map[string]*rawBlock, dir string) (map[string]*probeResult, error) {
	types := make([]string, 0, len(schema))
	for t := range schema {
		types = append(types, t)
	}
	sort.Strings(types)
	results, err := probeRound(schema, types, dir, true)
	if err != nil {
		return nil, err
	}
	var rest []string
	for _, t := range types {
		if results[t] == nil {
			rest = append(rest, t)
		}
	}
	more, err := probeRound(schema, rest, dir, false)
	if err != nil {
		return nil, err
	}
	for t, r := range more {
		results[t] = r
	}
	return results, nil
}

// probeInstance is one resource block of a probe configuration: the base
// instance of a type ("p") or one with an optional nested block added
// ("b_rule__apply_server_side_encryption_by_default").
type probeInstance struct {
	typ, name  string
	body       string
	configured map[string]bool // top-level arguments written
	written    map[string]bool // argument names written in nested blocks (never defaults)
}

type resourceChange struct {
	Type   string `json:"type"`
	Name   string `json:"name"`
	Change struct {
		After        map[string]any `json:"after"`
		AfterUnknown map[string]any `json:"after_unknown"`
	} `json:"change"`
}

var errAddr = regexp.MustCompile(`\b(aws_[a-z0-9_]+\.(?:p|[bx]_[a-z0-9_]+))\b`)

func writeProbe(dir string, live []*probeInstance) error {
	var b bytes.Buffer
	b.WriteString(probeProvider)
	for _, p := range live {
		fmt.Fprintf(&b, "resource %q %q {\n%s}\n", p.typ, p.name, p.body)
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), b.Bytes(), 0o644)
}

// planBatch plans live, dropping failing instances, and returns the
// instances that planned with their changes.
func planBatch(dir string, live []*probeInstance) ([]*probeInstance, []resourceChange, error) {
	for round := 0; len(live) > 0; round++ {
		if err := writeProbe(dir, live); err != nil {
			return nil, nil, err
		}
		out, err := terraform(dir, "plan", "-refresh=false", "-no-color", "-out=probe.tfplan")
		if err == nil {
			break
		}
		text := string(out)
		if strings.Contains(text, "Plugin did not respond") || strings.Contains(text, "plugin exited") {
			if len(live) == 1 {
				return nil, nil, nil
			}
			half := len(live) / 2
			ok1, ch1, err := planBatch(dir, live[:half])
			if err != nil {
				return nil, nil, err
			}
			ok2, ch2, err := planBatch(dir, live[half:])
			if err != nil {
				return nil, nil, err
			}
			return append(ok1, ok2...), append(ch1, ch2...), nil
		}
		bad := map[string]bool{}
		for _, blk := range strings.Split(text, "\nError: ")[1:] {
			blk, _, _ = strings.Cut(blk, "\nWarning: ")
			for _, m := range errAddr.FindAllStringSubmatch(blk, -1) {
				bad[m[1]] = true
			}
		}
		fmt.Fprintf(os.Stderr, "genschema: probe plan of %d instances: dropping %d\n", len(live), len(bad))
		if len(bad) == 0 || round > 50 {
			return nil, nil, fmt.Errorf("terraform plan failed:\n%s", out)
		}
		var keep []*probeInstance
		for _, p := range live {
			if !bad[p.typ+"."+p.name] {
				keep = append(keep, p)
			}
		}
		live = keep
	}
	if len(live) == 0 {
		return nil, nil, nil
	}
	out, err := terraform(dir, "show", "-json", "probe.tfplan")
	if err != nil {
		return nil, nil, fmt.Errorf("terraform show: %v", err)
	}
	var plan struct {
		ResourceChanges []resourceChange `json:"resource_changes"`
	}
	if err := json.Unmarshal(out, &plan); err != nil {
		return nil, nil, err
	}
	return live, plan.ResourceChanges, nil
}

// probeNested are hand-written instances with nested blocks whose defaults
// matter to tfgate's rules and that generic placeholders cannot satisfy.
// Arguments written here never count as defaults.
var probeNested = map[string][]string{
	"aws_s3_bucket_server_side_encryption_configuration": {
		`bucket = "probe-bucket"` + "\n" + `rule {` + "\n" + `apply_server_side_encryption_by_default {` + "\n" + `sse_algorithm = "aws:kms"` + "\n}\n}",
	},
	"aws_instance": {
		`ami = "ami-12345678"` + "\n" + `instance_type = "t3.micro"` + "\n" + `root_block_device {` + "\n" + `encrypted = true` + "\n}\n" +
			`ebs_block_device {` + "\n" + `device_name = "/dev/sdb"` + "\n}\n" + `metadata_options {` + "\n" + `http_tokens = "required"` + "\n}",
	},
	"aws_launch_template": {
		`name = "probe"` + "\n" + `block_device_mappings {` + "\n" + `device_name = "/dev/sda1"` + "\n" + `ebs {` + "\n" + `encrypted = "true"` + "\n}\n}",
	},
	"aws_rds_cluster": {
		`engine = "aurora-postgresql"` + "\n" + `master_username = "probe"` + "\n" + `master_password = "probe-password-1"` + "\n" +
			`serverlessv2_scaling_configuration {` + "\n" + `max_capacity = 2` + "\n" + `min_capacity = 1` + "\n}",
	},
}

// maxProbeBlocks bounds the nested-block instances per type.
const maxProbeBlocks = 12

// validateChunk is how many resource blocks one terraform validate sees,
// planChunk one terraform plan.
const (
	validateChunk = 400
	planChunk     = 250
)

func probeRound(schema map[string]*rawBlock, types []string, dir string, smart bool) (map[string]*probeResult, error) {
	var live []*probeInstance
	for _, t := range types {
		set := map[string]bool{}
		var b strings.Builder
		if o, ok := probeOverrides[t]; ok && smart {
			b.WriteString(o + "\n")
			for _, line := range strings.Split(o, "\n") {
				if k, _, ok := strings.Cut(line, "="); ok {
					set[strings.TrimSpace(k)] = true
				} else if k, _, ok := strings.Cut(line, "{"); ok {
					set[strings.TrimSpace(k)] = true
				}
			}
		} else {
			writeRequired(&b, schema[t], set, smart, nil)
		}
		// Arguments an override writes inside nested blocks are values, not
		// defaults (aws_lb_listener default_action.target_group_arn).
		live = append(live, &probeInstance{typ: t, name: "p", body: b.String(), configured: set, written: overrideNames(b.String())})
		for k, body := range probeNested[t] {
			if smart {
				live = append(live, &probeInstance{typ: t, name: fmt.Sprintf("x_%d", k), body: body + "\n", configured: set, written: overrideNames(body)})
			}
		}
		if _, overridden := probeOverrides[t]; overridden && smart {
			continue
		}
		// Instances with one optional nested block each, to learn the
		// defaults inside nested blocks.
		for k, path := range optionalBlockPaths(schema[t], nil, 0) {
			if k >= maxProbeBlocks {
				break
			}
			var nb strings.Builder
			writeRequired(&nb, schema[t], nil, smart, path)
			live = append(live, &probeInstance{typ: t, name: "b_" + strings.Join(path, "__"), body: nb.String(), configured: set})
		}
	}
	key := func(p *probeInstance) string { return p.typ + "." + p.name }
	write := func() error {
		var b bytes.Buffer
		b.WriteString(probeProvider)
		for _, p := range live {
			fmt.Fprintf(&b, "resource %q %q {\n%s}\n", p.typ, p.name, p.body)
		}
		return os.WriteFile(filepath.Join(dir, "main.tf"), b.Bytes(), 0o644)
	}
	drop := func(bad map[string]bool) {
		var keep []*probeInstance
		for _, p := range live {
			if !bad[key(p)] {
				keep = append(keep, p)
			}
		}
		live = keep
	}
	// Validation, in chunks (terraform validate slows down more than
	// linearly with the number of blocks): drop every instance with an error.
	bad := map[string]bool{}
	all := live
	for start := 0; start < len(all); start += validateChunk {
		live = all[start:min(start+validateChunk, len(all))]
		if err := write(); err != nil {
			return nil, err
		}
		if start == 0 {
			if out, err := terraform(dir, "init", "-no-color"); err != nil {
				return nil, fmt.Errorf("terraform init: %v\n%s", err, out)
			}
		}
		out, _ := terraform(dir, "validate", "-no-color", "-json")
		var val struct {
			Diagnostics []struct {
				Severity string `json:"severity"`
				Range    *struct {
					Start struct {
						Line int `json:"line"`
					} `json:"start"`
				} `json:"range"`
			} `json:"diagnostics"`
		}
		if err := json.Unmarshal(out, &val); err != nil {
			return nil, fmt.Errorf("terraform validate: %v", err)
		}
		src, _ := os.ReadFile(filepath.Join(dir, "main.tf"))
		lines := strings.Split(string(src), "\n")
		for _, d := range val.Diagnostics {
			if d.Severity != "error" || d.Range == nil {
				continue
			}
			for i := d.Range.Start.Line - 1; i >= 0 && i < len(lines); i-- {
				if f := strings.Split(lines[i], `"`); strings.HasPrefix(lines[i], `resource "`) && len(f) >= 4 {
					bad[f[1]+"."+f[3]] = true
					break
				}
			}
		}
	}
	live = all
	drop(bad)
	// Plan in batches, dropping the instances that fail until each batch
	// plans; a batch in which the provider crashes is split in halves
	// until the crashing instance is alone.
	var changes []resourceChange
	var planned []*probeInstance
	for start := 0; start < len(live); start += planChunk {
		batch := live[start:min(start+planChunk, len(live))]
		ok, ch, err := planBatch(dir, batch)
		if err != nil {
			return nil, err
		}
		planned = append(planned, ok...)
		changes = append(changes, ch...)
	}
	live = planned
	configured := map[string]map[string]bool{}
	instances := map[string]*probeInstance{}
	for _, p := range live {
		configured[key(p)] = p.configured
		instances[key(p)] = p
	}
	results := map[string]*probeResult{}
	for _, rc := range changes {
		sch := schema[rc.Type]
		if sch == nil {
			continue
		}
		res := results[rc.Type]
		if res == nil {
			res = &probeResult{}
			results[rc.Type] = res
		}
		set := configured[rc.Type+"."+rc.Name]
		if rc.Name == "p" {
			for name := range sch.BlockTypes {
				if !set[name] && rc.Change.AfterUnknown[name] == true {
					res.ComputedBlocks = append(res.ComputedBlocks, name)
				}
			}
			sort.Strings(res.ComputedBlocks)
			for name, a := range sch.Attributes {
				if set[name] || a.Computed || a.Sensitive || a.Required {
					continue
				}
				if raw, ok := defaultJSON(rc.Change.After[name]); ok {
					if res.Defaults == nil {
						res.Defaults = map[string]json.RawMessage{}
					}
					res.Defaults[name] = raw
				}
			}
		}
		nestedDefaults(sch, rc.Change.After, "", res, instances[rc.Type+"."+rc.Name].written)
		if o, ok := probeOverrides[rc.Type]; ok && smart && rc.Name == "p" {
			objectDefaults(sch, rc.Change.After, overrideNames(o), res)
		}
	}
	return results, nil
}

// defaultJSON returns v as JSON when it can be a static default: a
// primitive, or an empty list.
func defaultJSON(v any) (json.RawMessage, bool) {
	switch x := v.(type) {
	case string, bool, float64:
		raw, _ := json.Marshal(x)
		return raw, true
	case []any:
		if len(x) == 0 {
			return json.RawMessage("[]"), true
		}
	}
	return nil, false
}

// nestedDefaults records the values a plan shows for optional,
// non-computed attributes inside nested blocks (only required attributes
// are ever written inside nested blocks).
func nestedDefaults(blk *rawBlock, after map[string]any, prefix string, res *probeResult, written map[string]bool) {
	for name, bt := range blk.BlockTypes {
		if bt.Block == nil {
			continue
		}
		var obj map[string]any
		switch v := after[name].(type) {
		case []any:
			if len(v) > 0 {
				obj, _ = v[0].(map[string]any)
			}
		case map[string]any:
			obj = v
		}
		if obj == nil {
			continue
		}
		path := prefix + name
		for an, a := range bt.Block.Attributes {
			if a.Computed || a.Sensitive || a.Required || written[an] {
				continue
			}
			if raw, ok := defaultJSON(obj[an]); ok {
				if res.NestedDefaults == nil {
					res.NestedDefaults = map[string]map[string]json.RawMessage{}
				}
				if res.NestedDefaults[path] == nil {
					res.NestedDefaults[path] = map[string]json.RawMessage{}
				}
				res.NestedDefaults[path][an] = raw
			}
		}
		nestedDefaults(bt.Block, obj, path+".", res, written)
	}
}

// objectDefaults records the values the provider fills into fields of
// attribute-as-block objects (aws_security_group egress: description "",
// ipv6_cidr_blocks []) that the override did not write.
func objectDefaults(blk *rawBlock, after map[string]any, written map[string]bool, res *probeResult) {
	for name := range blk.Attributes {
		list, ok := after[name].([]any)
		if !ok || len(list) == 0 {
			continue
		}
		obj, ok := list[0].(map[string]any)
		if !ok {
			continue
		}
		for field, v := range obj {
			if written[field] {
				continue
			}
			if raw, ok := defaultJSON(v); ok {
				if res.NestedDefaults == nil {
					res.NestedDefaults = map[string]map[string]json.RawMessage{}
				}
				if res.NestedDefaults[name] == nil {
					res.NestedDefaults[name] = map[string]json.RawMessage{}
				}
				res.NestedDefaults[name][field] = raw
			}
		}
	}
}

// optionalBlockPaths lists the paths of optional nested blocks (depth
// limited), each to be probed on its own.
func optionalBlockPaths(blk *rawBlock, prefix []string, depth int) [][]string {
	if blk == nil || depth > 2 {
		return nil
	}
	names := make([]string, 0, len(blk.BlockTypes))
	for n := range blk.BlockTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	var out [][]string
	for _, n := range names {
		bt := blk.BlockTypes[n]
		if bt.Block == nil || n == "timeouts" {
			continue
		}
		path := append(append([]string(nil), prefix...), n)
		if bt.MinItems == 0 {
			out = append(out, path)
		}
		out = append(out, optionalBlockPaths(bt.Block, path, depth+1)...)
	}
	return out
}

func terraform(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.Bytes(), err
}

// writeRequired writes the required arguments and blocks of blk, plus the
// nested block at path (with its own required content) when path is set.
func writeRequired(b *strings.Builder, blk *rawBlock, set map[string]bool, smart bool, path []string) {
	names := make([]string, 0, len(blk.Attributes))
	for n := range blk.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := blk.Attributes[n]
		if !a.Required {
			continue
		}
		if set != nil {
			set[n] = true
		}
		v := "null"
		if len(a.Type) > 0 {
			v = placeholder(a.Type, n, smart)
		}
		fmt.Fprintf(b, "%s = %s\n", n, v)
	}
	names = names[:0]
	for n := range blk.BlockTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		bt := blk.BlockTypes[n]
		onPath := len(path) > 0 && path[0] == n
		if (bt.MinItems == 0 && !onPath) || bt.Block == nil {
			continue
		}
		if set != nil {
			set[n] = true
		}
		var rest []string
		if onPath {
			rest = path[1:]
		}
		fmt.Fprintf(b, "%s {\n", n)
		writeRequired(b, bt.Block, nil, smart, rest)
		b.WriteString("}\n")
	}
}

func placeholder(ty json.RawMessage, name string, smart bool) string {
	var prim string
	if json.Unmarshal(ty, &prim) == nil {
		switch prim {
		case "string":
			if !smart {
				return `"x"`
			}
			return stringPlaceholder(name)
		case "number":
			if smart && strings.Contains(name, "port") {
				return "80"
			}
			return "1"
		case "bool":
			return "false"
		}
		return "null"
	}
	var t []json.RawMessage
	if json.Unmarshal(ty, &t) != nil || len(t) != 2 {
		return "null"
	}
	var kind string
	_ = json.Unmarshal(t[0], &kind)
	switch kind {
	case "list", "set":
		if smart && strings.HasSuffix(name, "arns") {
			return "[" + probeARN + "]"
		}
		return "[" + placeholder(t[1], strings.TrimSuffix(name, "s"), smart) + "]"
	case "map":
		return "{x = " + placeholder(t[1], "", smart) + "}"
	case "object":
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(t[1], &fields)
		keys := make([]string, 0, len(fields))
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+" = "+placeholder(fields[k], k, smart))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return "null"
}

func stringPlaceholder(n string) string {
	switch {
	case strings.HasSuffix(n, "arn"):
		return probeARN
	case strings.Contains(n, "policy"):
		return probePolicy
	case n == "availability_zone":
		return `"eu-west-1a"`
	case strings.Contains(n, "cidr"):
		return `"10.0.0.0/16"`
	case strings.HasSuffix(n, "security_group_id"):
		return `"sg-12345678"`
	case strings.HasSuffix(n, "vpc_id"):
		return `"vpc-12345678"`
	case strings.HasSuffix(n, "subnet_id"):
		return `"subnet-12345678"`
	case n == "bucket" || n == "s3_bucket_name":
		return `"probe-bucket"`
	case strings.HasSuffix(n, "protocol"):
		return `"tcp"`
	case n == "instance_type":
		return `"t3.micro"`
	case n == "ami":
		return `"ami-12345678"`
	case n == "key_id" || n == "kms_key_id" || n == "role":
		return probeARN
	case strings.HasSuffix(n, "_id"):
		return `"probe-id-1"`
	case strings.Contains(n, "email"):
		return `"probe@example.com"`
	case strings.Contains(n, "url") || strings.Contains(n, "endpoint"):
		return `"https://example.com"`
	}
	return `"probe"`
}
