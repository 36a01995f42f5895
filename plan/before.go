package plan

// BeforeState is the document of what exists before a plan is applied: a
// resource for every managed resource instance of the plan that has a
// `before` value (updated, replaced, deleted, unchanged), with that value as
// its `after` and its region and tags derived from it, as unchanged
// ("no-op"); data sources as they are read. Resources the plan creates are
// absent. Evaluating it beside the plan tells which findings a change
// introduces, which were there before it, and which it fixes.
//
// References, locations and notices are the plan's: Terraform keeps no
// record of the previous configuration. A configuration document has no
// `before` and gives nil.
func (d *Document) BeforeState() *Document {
	if d == nil || d.Source.Kind != KindPlan {
		return nil
	}
	out := &Document{
		Source:    d.Source,
		Resources: make([]Resource, 0, len(d.Resources)),
		Notices:   []Notice{},
	}
	for _, r := range d.Resources {
		if r.Mode != "managed" {
			out.Resources = append(out.Resources, r)
			continue
		}
		before, ok := r.Before.(map[string]any)
		if !ok {
			continue // created by the plan (or no value recorded)
		}
		b := r
		b.After = before
		b.Unknown = map[string]any{}
		b.Change = Change{Actions: []string{"no-op"}, Kind: ChangeNoOp}
		b.Region = EffectiveRegion(r.Provider.Name, before, nil, r.Provider.Region, nil)
		b.Tags = ResourceTags(r.Type, before, nil, r.Provider.DefaultTags)
		out.Resources = append(out.Resources, b)
	}
	InheritLocations(out)
	return out
}
