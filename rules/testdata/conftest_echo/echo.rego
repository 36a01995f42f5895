package echo

import rego.v1

# Reports every string of every planned value, of every output and of
# every variable: none may be a value Terraform marks sensitive.
deny contains sprintf("%s: %s", [rc.address, s]) if {
	some rc in input.resource_changes
	walk(rc.change.after, [_, s])
	is_string(s)
}

deny contains s if {
	walk(input.planned_values, [_, s])
	is_string(s)
}

deny contains s if {
	walk(input.variables, [_, s])
	is_string(s)
}
