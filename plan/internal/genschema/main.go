// Command genschema compacts `terraform providers schema -json` output for
// one provider into a table plan/schema/schema.go embeds
// (plan/schema/aws.json.gz, azurerm.json.gz, google.json.gz): attribute
// names with computed/optional/sensitive flags and nested block structure,
// nothing else. See README.md beside this file for where each table's input
// comes from.
//
// Usage:
//
//	terraform providers schema -json > schema.json
//	go run ./plan/internal/genschema -schema schema.json[.gz] \
//	    [-provider registry.terraform.io/hashicorp/aws] [-version 5.100.0] \
//	    [-probe facts.json] -out plan/schema/aws.json.gz
//
// With -probe-dir it also runs a probe plan (see probe.go) to learn which
// blocks the provider plans as unknown when they are not configured (SDKv2
// Optional+Computed blocks, which the schema JSON cannot express) and which
// attributes get a static default; plan/schema/gen-schema.sh does both.
// Where no probe can run (azurerm, google: the tables are made from public
// schema dumps), -probe reads facts of the same shape written by hand
// (plan/internal/genschema/*.facts.json).
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tfgate/tfgate/plan/schema"
)

type rawAttr struct {
	Type       json.RawMessage `json:"type"`
	NestedType *rawNested      `json:"nested_type"`
	Optional   bool            `json:"optional"`
	Required   bool            `json:"required"`
	Computed   bool            `json:"computed"`
	Sensitive  bool            `json:"sensitive"`
	Deprecated bool            `json:"deprecated"`
}

type rawNested struct {
	Attributes  map[string]*rawAttr `json:"attributes"`
	NestingMode string              `json:"nesting_mode"`
}

type rawBlock struct {
	Attributes map[string]*rawAttr     `json:"attributes"`
	BlockTypes map[string]*rawBlockTyp `json:"block_types"`
}

type rawBlockTyp struct {
	NestingMode string    `json:"nesting_mode"`
	MinItems    int       `json:"min_items"`
	Block       *rawBlock `json:"block"`
}

// The table's entries are the reader's own types, so that what is written
// is what plan/schema reads.
type (
	block  = schema.Block
	nested = schema.Nested
)

func main() {
	schemaPath := flag.String("schema", "", "terraform providers schema -json output")
	provider := flag.String("provider", "registry.terraform.io/hashicorp/aws", "provider address")
	version := flag.String("version", "", "provider version the schema is of, recorded in the table (optional)")
	probePath := flag.String("probe", "", "probe results written by an earlier -probe-dir run, or hand-written facts of the same shape (optional)")
	probeDir := flag.String("probe-dir", "", "run a probe plan in this (empty) directory; needs terraform and the provider (optional)")
	source := flag.String("source", "", "read Optional+Computed blocks from the provider's Go source tree in this directory, instead of a probe (see source.go)")
	writeFacts := flag.String("write-facts", "", "with -source: write the facts read from the source to this file (for -probe)")
	out := flag.String("out", "", "output .json.gz")
	flag.Parse()
	opts := options{schema: *schemaPath, provider: *provider, version: *version, probe: *probePath, probeDir: *probeDir, source: *source, writeFacts: *writeFacts}
	if err := run(opts, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
}

type options struct {
	schema   string // terraform providers schema -json output, plain or gzip
	provider string // provider address in the schema
	version  string // provider version, recorded
	probe    string // probe results or hand-written facts (optional)
	probeDir string // run a probe plan here (optional)
	source   string // provider Go source tree (optional)
	// writeFacts: write what -source found here (optional).
	writeFacts string
}

// table is the file plan/schema/schema.go reads.
type table struct {
	Provider string `json:"provider"`
	Version  string `json:"version,omitempty"`
	// InputSHA256 is the sha256 of the (uncompressed) schema JSON the
	// table was made from, so a table can be traced to its input.
	InputSHA256 string            `json:"input_sha256,omitempty"`
	Resources   map[string]*block `json:"resources"`
}

func run(opts options, out string) error {
	t, err := build(opts)
	if err != nil {
		return err
	}
	data, err := encode(t)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}

// readSchema reads a schema dump, gunzipping it when it is compressed.
func readSchema(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	return data, nil
}

// encode writes the table as gzip-compressed JSON; the same table gives
// the same bytes (sorted keys, no gzip time stamp).
func encode(t *table) ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err := json.NewEncoder(zw).Encode(t); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func build(opts options) (*table, error) {
	schemaPath, provider, probePath, probeDir := opts.schema, opts.provider, opts.probe, opts.probeDir
	data, err := readSchema(schemaPath)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	var doc struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas map[string]struct {
				Block *rawBlock `json:"block"`
			} `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read %s: %w", schemaPath, err)
	}
	ps, ok := doc.ProviderSchemas[provider]
	if !ok {
		return nil, fmt.Errorf("%s has no schema for %s", schemaPath, provider)
	}
	probed := map[string]*probeResult{}
	switch {
	case probeDir != "":
		schemas := map[string]*rawBlock{}
		for typ, rs := range ps.ResourceSchemas {
			if rs.Block != nil {
				schemas[typ] = rs.Block
			}
		}
		probed, err = probe(schemas, probeDir)
		if err != nil {
			return nil, err
		}
		data, _ := json.MarshalIndent(probed, "", " ")
		if err := os.WriteFile(filepath.Join(probeDir, "probe.json"), data, 0o644); err != nil {
			return nil, err
		}
	case opts.source != "":
		schemas := map[string]*rawBlock{}
		for typ, rs := range ps.ResourceSchemas {
			if rs.Block != nil {
				schemas[typ] = rs.Block
			}
		}
		index, err := sourceIndex(opts.source)
		if err != nil {
			return nil, err
		}
		var matched, unmatched int
		probed, matched, unmatched = computedFromSource(index, schemas)
		fmt.Fprintf(os.Stderr, "genschema: %d schema literals with nested resources in %s; %d blocks matched, %d not\n", len(index), opts.source, matched, unmatched)
		if opts.writeFacts != "" {
			data, _ := json.MarshalIndent(probed, "", " ")
			if err := os.WriteFile(opts.writeFacts, append(data, '\n'), 0o644); err != nil {
				return nil, err
			}
		}
	case probePath != "":
		pd, err := os.ReadFile(probePath)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(pd, &probed); err != nil {
			return nil, fmt.Errorf("read %s: %w", probePath, err)
		}
	}
	t := &table{Provider: provider, Version: opts.version, InputSHA256: hex.EncodeToString(sum[:]), Resources: map[string]*block{}}
	for typ, rs := range ps.ResourceSchemas {
		if rs.Block == nil {
			continue
		}
		b := convertBlock(rs.Block)
		if p := probed[typ]; p != nil {
			for _, name := range p.ComputedBlocks {
				markComputed(b, strings.Split(name, "."))
			}
			b.Defaults = p.Defaults
			for path, defs := range p.NestedDefaults {
				if n := nestedAt(b, strings.Split(path, ".")); n != nil {
					n.Defaults = defs
				}
			}
		}
		t.Resources[typ] = b
	}
	for typ, p := range probed {
		if t.Resources[typ] == nil {
			return nil, fmt.Errorf("%s: facts name %s, which the schema does not have", probePath, typ)
		}
		for _, name := range p.ComputedBlocks {
			if nestedAt(t.Resources[typ], strings.Split(name, ".")) == nil {
				return nil, fmt.Errorf("%s: %s has no block %s", probePath, typ, name)
			}
		}
	}
	return t, nil
}

func nestedAt(b *block, path []string) *block {
	for _, name := range path {
		n, ok := b.Blocks[name]
		if !ok {
			return nil
		}
		b = &n.Block
	}
	return b
}

func markComputed(b *block, path []string) {
	n, ok := b.Blocks[path[0]]
	if !ok {
		return
	}
	if len(path) == 1 {
		n.Computed = true
		return
	}
	markComputed(&n.Block, path[1:])
}

func convertBlock(rb *rawBlock) *block {
	b := &block{Attrs: map[string]string{}, Blocks: map[string]*nested{}}
	for name, a := range rb.Attributes {
		if n := objectAttr(a); n != nil {
			b.Blocks[name] = n
			continue
		}
		b.Attrs[name] = flags(a)
	}
	for name, bt := range rb.BlockTypes {
		n := &nested{Mode: blockMode(bt.NestingMode)}
		if bt.Block != nil {
			n.Block = *convertBlock(bt.Block)
		}
		b.Blocks[name] = n
	}
	if len(b.Attrs) == 0 {
		b.Attrs = nil
	}
	if len(b.Blocks) == 0 {
		b.Blocks = nil
	}
	return b
}

// flags encodes an attribute: "c" computed or "o" not, "s" if sensitive,
// then "|" and its type when it is a primitive or a collection of
// primitives ("string", "map(string)"), so configured values can be
// converted as the provider would.
func flags(a *rawAttr) string {
	f := "o"
	if a.Computed {
		f = "c"
	}
	if a.Sensitive {
		f += "s"
	}
	if t := typeCode(a.Type); t != "" {
		f += "|" + t
	}
	return f
}

func typeCode(raw json.RawMessage) string {
	var prim string
	if json.Unmarshal(raw, &prim) == nil {
		switch prim {
		case "string", "number", "bool":
			return prim
		}
		return ""
	}
	var t []json.RawMessage
	if json.Unmarshal(raw, &t) != nil || len(t) != 2 {
		return ""
	}
	var kind string
	_ = json.Unmarshal(t[0], &kind)
	switch kind {
	case "list", "set", "map":
		if json.Unmarshal(t[1], &prim) == nil && (prim == "string" || prim == "number" || prim == "bool") {
			return kind + "(" + prim + ")"
		}
	}
	return ""
}

func blockMode(m string) string {
	switch m {
	case "list":
		return "l"
	case "set":
		return "s"
	case "single":
		return "1"
	case "group":
		return "g"
	case "map":
		return "m"
	}
	return "l"
}

// objectAttr describes an attribute whose type is an object or a
// collection of objects (or a nested attribute type), nil otherwise.
func objectAttr(a *rawAttr) *nested {
	if a.NestedType != nil {
		n := &nested{Computed: a.Computed}
		switch a.NestedType.NestingMode {
		case "list":
			n.Mode = "L"
		case "set":
			n.Mode = "S"
		case "map":
			n.Mode = "M"
		default:
			n.Mode = "O"
		}
		n.Attrs = map[string]string{}
		for name, sub := range a.NestedType.Attributes {
			n.Attrs[name] = flags(sub)
		}
		return n
	}
	var ty []json.RawMessage
	if json.Unmarshal(a.Type, &ty) != nil || len(ty) != 2 {
		return nil
	}
	var kind string
	_ = json.Unmarshal(ty[0], &kind)
	elem := ty[1]
	var mode string
	switch kind {
	case "list":
		mode = "L"
	case "set":
		mode = "S"
	case "map":
		mode = "M"
	case "object":
		mode, elem = "O", a.Type
	default:
		return nil
	}
	var ety []json.RawMessage
	if json.Unmarshal(elem, &ety) != nil || len(ety) != 2 {
		return nil
	}
	var ekind string
	_ = json.Unmarshal(ety[0], &ekind)
	if ekind != "object" {
		return nil
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(ety[1], &fields) != nil {
		return nil
	}
	n := &nested{Mode: mode, Computed: a.Computed}
	n.Attrs = map[string]string{}
	for name := range fields {
		n.Attrs[name] = "o"
	}
	return n
}
