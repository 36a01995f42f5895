package planjson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tfgate/tfgate/plan"
)

// locate fills Resource.Location for a plan whose .tf files are beside
// it (or in configDir): the root module's directory, local module sources
// relative to their caller, and modules installed by terraform init
// (.terraform/modules/modules.json). Files that are missing or do not parse
// leave locations empty; they never fail the check.
func locate(doc *plan.Document, hints *configHints, planPath, configDir string) {
	root := configDir
	if root == "" {
		if planPath == "-" {
			return
		}
		root = filepath.Dir(planPath)
	}
	installed := readInstalledModules(root)
	dirs := map[string]string{"": root} // module config path -> directory
	var dirOf func(modPath string) (string, bool)
	dirOf = func(modPath string) (string, bool) {
		if d, ok := dirs[modPath]; ok {
			return d, d != ""
		}
		dirs[modPath] = "" // guards against cycles
		parent := ""
		if i := strings.LastIndex(modPath, ".module."); i >= 0 {
			parent = modPath[:i]
		}
		src := hints.moduleSources[modPath]
		key := strings.TrimPrefix(strings.ReplaceAll(modPath, ".module.", "."), "module.")
		if d, ok := installed[key]; ok {
			dirs[modPath] = filepath.Join(root, d)
			return dirs[modPath], true
		}
		if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") {
			if pd, ok := dirOf(parent); ok {
				dirs[modPath] = filepath.Join(pd, filepath.FromSlash(src))
				return dirs[modPath], true
			}
		}
		return "", false
	}
	cache := newPlanRefCache(doc, hints.vars)
	blocks := map[string]map[string]*sourceBlock{} // dir -> "type.name" / "data.type.name" -> block
	for i := range doc.Resources {
		res := &doc.Resources[i]
		dir, ok := dirOf(stripInstanceKeys(res.Module))
		if !ok {
			continue
		}
		idx, ok := blocks[dir]
		if !ok {
			idx = indexResourceBlocks(dir)
			blocks[dir] = idx
		}
		key := res.Type + "." + res.Name
		if res.Mode == "data" {
			key = "data." + key
		}
		if b, ok := idx[key]; ok {
			res.Location = b.loc
			alignSetBlocks(res, b.block)
			refinePlanReferences(cache, res, b, dir)
		}
	}
}

// sourceBlock is a resource or data block of a .tf file.
type sourceBlock struct {
	loc   *plan.Location
	block *hclsyntax.Block
}

// readInstalledModules reads .terraform/modules/modules.json: module key
// ("a", "a.b") -> directory relative to root.
func readInstalledModules(root string) map[string]string {
	data, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		return nil
	}
	var manifest struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if json.Unmarshal(data, &manifest) != nil {
		return nil
	}
	out := map[string]string{}
	for _, m := range manifest.Modules {
		if m.Key != "" {
			out[m.Key] = filepath.FromSlash(m.Dir)
		}
	}
	return out
}

// indexResourceBlocks parses the .tf files of dir (syntax only) and returns
// every resource and data block with its location.
func indexResourceBlocks(dir string) map[string]*sourceBlock {
	out := map[string]*sourceBlock{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, n := range names {
		file := filepath.Join(dir, n)
		src, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
		if diags.HasErrors() || f == nil {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		for _, b := range body.Blocks {
			if len(b.Labels) != 2 || (b.Type != "resource" && b.Type != "data") {
				continue
			}
			key := b.Labels[0] + "." + b.Labels[1]
			if b.Type == "data" {
				key = "data." + key
			}
			if _, dup := out[key]; !dup {
				out[key] = &sourceBlock{loc: plan.BlockLocation(file, b), block: b}
			}
		}
	}
	return out
}

// cloneLocation copies a location, so that each instance of a counted
// resource can renumber its own set blocks.
func cloneLocation(l *plan.Location) *plan.Location {
	c := *l
	c.Attributes = make(map[string]plan.Range, len(l.Attributes))
	for k, r := range l.Attributes {
		c.Attributes[k] = r
	}
	return &c
}
