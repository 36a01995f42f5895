// Package schema holds the provider schema tables, embedded.
//
// Configuration carries no provider schema, so a plan and a configuration
// would disagree about every attribute the provider computes. Compact
// tables made from `terraform providers schema -json` (by
// plan/internal/genschema; see its README.md for the inputs) say, per
// resource type, which attributes exist, which are computed (unknown until
// apply when not configured, like a plan's after_unknown), which are
// sensitive, and how nested blocks nest. The AWS table was made from the
// local provider with a probe plan, so it also knows static defaults and
// the blocks the provider plans as unknown; the azurerm and google tables
// were made from public schema dumps without a provider to probe, so an
// argument left out of an Azure or Google configuration is null, not the
// provider's default.
//
// The configuration reader completes resources with them; the plan reader
// uses them to match set-typed blocks to their source.
package schema

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

//go:embed aws.tbl
var awsSchemaTbl []byte

//go:embed azurerm.tbl
var azurermSchemaTbl []byte

//go:embed google.tbl
var googleSchemaTbl []byte

// The tables, each decoded on the first lookup of one of its types: a
// configuration of one cloud never pays for the others.
var (
	awsSchema     = &schemaTable{tbl: awsSchemaTbl}
	azurermSchema = &schemaTable{tbl: azurermSchemaTbl}
	googleSchema  = &schemaTable{tbl: googleSchemaTbl}
)

// schemaTables maps a provider's type (the last part of its source
// address, hashicorp namespace) to its table. google-beta resources use
// the google table: the beta provider's schema is the GA one plus beta
// fields, and no public dump of it was found; beta-only types have no
// entry and beta-only arguments are kept as written.
var schemaTables = map[string]*schemaTable{
	"aws":         awsSchema,
	"azurerm":     azurermSchema,
	"google":      googleSchema,
	"google-beta": googleSchema,
}

// schemaHosts are the registries whose hashicorp/<type> providers the
// tables describe (OpenTofu's registry serves the same providers).
var schemaHosts = map[string]bool{
	"registry.terraform.io": true,
	"registry.opentofu.org": true,
}

// Block is the table entry for a resource type or nested block.
type Block struct {
	// Attrs maps an attribute name to flags: "c" computed (unknown when not
	// configured), "o" optional or required (null when not configured), "s"
	// sensitive.
	Attrs map[string]string `json:"a,omitempty"`
	// Blocks maps nested blocks, and attributes whose type is a collection
	// of objects (written as blocks in configuration, e.g. ingress), to
	// their structure.
	Blocks map[string]*Nested `json:"b,omitempty"`
	// Defaults are static provider defaults of attributes (found by a
	// probe plan): a plan shows them where configuration does not set them.
	Defaults map[string]json.RawMessage `json:"d,omitempty"`
}

// Nested is a nested block or object-typed attribute.
type Nested struct {
	// Mode: blocks "l" list, "s" set, "1" single, "g" group, "m" map;
	// attributes "L" list, "S" set, "O" object, "M" map of objects.
	Mode string `json:"m"`
	// Computed: unknown until apply when not configured.
	Computed bool `json:"c,omitempty"`
	Block
}

func (n *Nested) IsAttr() bool { return n.Mode != "" && n.Mode[0] >= 'A' && n.Mode[0] <= 'Z' }

func (n *Nested) Single() bool {
	return n.Mode == "1" || n.Mode == "g" || n.Mode == "O"
}

func (n *Nested) Mapped() bool { return n.Mode == "m" || n.Mode == "M" }

// nested returns the schema of a nested block or object attribute, nil when
// unknown.
func (s *Block) Nested(name string) *Block {
	n, ok := s.NestedBlock(name)
	if !ok {
		return nil
	}
	return &n.Block
}

func (s *Block) NestedBlock(name string) (*Nested, bool) {
	if s == nil {
		return nil, false
	}
	n, ok := s.Blocks[name]
	return n, ok && n != nil
}

// blockNames are the names written as blocks in the JSON syntax (real
// nested blocks, not object attributes).
func (s *Block) BlockNames() []string {
	if s == nil {
		return nil
	}
	var out []string
	for name, n := range s.Blocks {
		if !n.IsAttr() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// schemaTable is one embedded table (chunks.go), decoded lazily: each
// resource type's entry on its own first lookup, found in the index
// without decoding the index.
type schemaTable struct {
	tbl []byte

	once  sync.Once
	index []byte // the index lines
	body  []byte // the chunks
	err   error

	mu    sync.Mutex
	types map[string]*Block
}

// load finds the table's index of resource types and its chunks (once).
func (t *schemaTable) load() error {
	t.once.Do(func() {
		t.index, t.body, t.err = splitChunkIndex(t.tbl)
		t.types = map[string]*Block{}
	})
	return t.err
}

// resource decodes one resource type's entry on first use; nil when the
// table has no such type.
func (t *schemaTable) resource(typ string) *Block {
	if t.load() != nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if b, ok := t.types[typ]; ok {
		return b
	}
	var b *Block
	if c, ok := findChunk(t.index, t.body, typ); ok {
		b = &Block{}
		if raw, err := inflate(t.body, c); err != nil || json.Unmarshal(raw, b) != nil {
			b = nil
		}
	}
	t.types[typ] = b
	return b
}

// tableFor returns the table describing the provider with this source
// address (registry.terraform.io/hashicorp/azurerm), nil when there is
// none.
func tableFor(source string) *schemaTable {
	host, rest, ok := strings.Cut(strings.ToLower(source), "/")
	if !ok || !schemaHosts[host] {
		return nil
	}
	ns, typ, ok := strings.Cut(rest, "/")
	if !ok || ns != "hashicorp" {
		return nil
	}
	return schemaTables[typ]
}

// Covers reports whether a table describes the provider with this source
// address.
func Covers(source string) bool { return tableFor(source) != nil }

// Lookup returns the table entry of a managed resource type of
// one of the providers with a table (hashicorp/aws, azurerm, google,
// google-beta), or nil.
func Lookup(source, mode, typ string) *Block {
	if mode != "managed" {
		return nil
	}
	t := tableFor(source)
	if t == nil {
		return nil
	}
	return t.resource(typ)
}
