// Package plan defines the Document, the one input shape every tfgate
// policy receives, and what the two readers that produce it share: Options
// and Limits, source locations, the redaction marker, the derivations that
// make a plan and a configuration give the same document (provider names,
// change kinds, regions, tags, redaction) and the resolution of references
// to resource instances. It imports neither reader and knows nothing of OPA.
//
// The readers live below it:
//
//	plan/planjson  plan JSON (`terraform show -json`) and saved binary plans
//	plan/config    configuration directories (.tf, .tf.json), evaluated
//	plan/funcs     Terraform's functions, for both readers
//	plan/schema    provider schema tables, for both readers
//	plan/input     Load: picks the reader for a command-line input
package plan

// Redacted replaces every value Terraform marks sensitive, before any policy
// or output sees the document. Policies test for it with lib.is_redacted.
const Redacted = "(sensitive)"

// Source kinds.
const (
	KindPlan   = "plan"
	KindConfig = "config"
)

// Change kinds (Change.Kind).
const (
	ChangeCreate  = "create"
	ChangeUpdate  = "update"
	ChangeReplace = "replace"
	ChangeDelete  = "delete"
	ChangeNoOp    = "no-op"
	ChangeRead    = "read"
	ChangeForget  = "forget"
)

// Document is one checked input (a plan, or a root module directory): the
// value policies receive as `input`. Its JSON shape is described by
// library/schema/input.json and is identical for plans and configuration.
type Document struct {
	Source    Source     `json:"source"`
	Resources []Resource `json:"resources"`
	// Notices are things the loader could not fully evaluate (a remote module
	// that is not installed, an unknown function). They are reported once in
	// every output; they never make an input pass silently.
	Notices []Notice `json:"notices"`
	// PlanJSON is the `terraform show -json` output a plan document was read
	// from (nil for configuration): the input of conftest and HCP Terraform
	// style policies. Set by the plan reader only; never part of the document.
	PlanJSON []byte `json:"-"`
}

// Source says where a document came from.
type Source struct {
	Kind             string `json:"kind"` // KindPlan or KindConfig
	Path             string `json:"path"`
	TerraformVersion string `json:"terraform_version"` // "" when unknown (configuration)
	FormatVersion    string `json:"format_version"`    // plan format_version; "" for configuration
}

// Resource is one resource instance.
type Resource struct {
	Address  string   `json:"address"` // module.net.aws_security_group.web["a"]
	Module   string   `json:"module"`  // "" for the root module, else module.net or module.a[0].module.b
	Mode     string   `json:"mode"`    // managed | data
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Index    any      `json:"index"` // float64/int, string, or nil
	Provider Provider `json:"provider"`
	// Region is the effective region/location, or nil when not known
	// before apply: "us-east-1"; Azure "westeurope" (normalised, or the
	// resource group's for a resource without a location); Google
	// "us-central1" (a zone's region), "EU" (a multi-region), "global".
	// See effectiveRegion.
	Region any    `json:"region"`
	Change Change `json:"change"`
	Before any    `json:"before"`
	After  any    `json:"after"`
	// Unknown mirrors After with `true` at every path whose value is known
	// only after apply (Terraform's after_unknown); {} when nothing is unknown.
	Unknown any `json:"unknown"`
	// References maps an attribute path (dotted, no indices: "bucket",
	// "rule.apply_server_side_encryption_by_default.kms_master_key_id") to the
	// addresses of the resources its expression refers to, with their module
	// prefix ("module.logs.aws_s3_bucket.this", "aws_kms_key.k[0]").
	References map[string][]string `json:"references"`
	// Tags are the effective tags (tags_all where known, else tags merged with
	// the provider's default_tags; Google labels; aws_autoscaling_group: its
	// tag blocks, to which default_tags do not apply), nil where the type
	// takes none or where which keys it carries is known only after apply.
	// A tag value known only after apply is present with a nil value.
	Tags     map[string]any `json:"tags"`
	Location *Location      `json:"location"`
}

// Provider is the provider configuration a resource uses.
type Provider struct {
	Name   string `json:"name"`   // normalised: aws, azurerm, google, ...
	Source string `json:"source"` // registry.terraform.io/hashicorp/aws where known, else ""
	Alias  string `json:"alias"`  // "" for the default configuration
	// ConfigKey is the key of the provider configuration actually used, after
	// following module `providers = {...}` maps: "aws", "aws.east",
	// "module.net:aws" (a configuration declared inside module.net).
	ConfigKey string `json:"config_key"`
	// Region is the configured region of that provider block (Google: else
	// its zone's region; nil when not set
	// or not known before apply).
	Region any `json:"region"`
	// DefaultTags are the provider's default_tags.tags (AWS) or
	// default_labels (Google); nil when none.
	DefaultTags map[string]any `json:"default_tags"`
}

// Change is what Terraform will do to the resource.
type Change struct {
	Actions []string `json:"actions"`
	Kind    string   `json:"kind"` // one of the Change* constants
}

// Location is the source range of a resource block.
type Location struct {
	File      string `json:"file"` // path as given or relative to the working directory
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	// Attributes maps an attribute path to the range of that attribute or
	// nested block: "bucket", "egress" (first egress block), "egress[1]",
	// "egress[1].cidr_blocks", "tags.Owner" (an item of an object literal).
	Attributes map[string]Range `json:"attributes,omitempty"`
}

// Range is a line/column range inside Location.File.
type Range struct {
	StartLine   int `json:"start_line"`
	StartColumn int `json:"start_column"`
	EndLine     int `json:"end_line"`
	EndColumn   int `json:"end_column"`
}

// Notice is a message about an input that could not be fully evaluated.
type Notice struct {
	Code     string `json:"code"` // stable: remote-module-not-installed, unknown-function, ...
	Message  string `json:"message"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Resource string `json:"resource,omitempty"`
}
