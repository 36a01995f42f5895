package main

import rego.v1

deny_deletes contains "plan deletes resources" if {
	some rc in input.resource_changes
	"delete" in rc.change.actions
}

deny_version contains "old terraform" if startswith(input.terraform_version, "0.")

# conftest exceptions: deny_version is excepted.
exception contains rules if {
	rules := ["version"]
}
