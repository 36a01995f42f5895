# METADATA
# title: Backup vaults should use a customer-managed KMS key
# description: |
#   AWS Backup always encrypts the recovery points in a vault; without
#   `kms_key_arn` it uses the AWS managed key `aws/backup`, whose policy you
#   cannot change, so you cannot restrict who may decrypt your backups or
#   share them across accounts under your own control. This rule asks for a
#   customer-managed key and is `low` (the vault is encrypted either way).
#
#   Fails: `kms_key_arn` not written (the provider computes the AWS managed
#   key's ARN, which a plan shows as unknown with no expression or source
#   range behind it), or an ARN of the `aws/backup` alias.
#
#   Passes: `kms_key_arn` set to a key ARN, or to a value known only after
#   apply that refers to a resource (a key created in the same change).
#
#   Indeterminate: `kms_key_arn` written as a value known only after apply
#   that refers to no resource (in configuration input, a variable given no
#   value).
# custom:
#   id: TFG-AWS-ENC-019
#   severity: low
#   family: encryption
#   resource_types: [aws_backup_vault]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   remediation: |
#     Set `kms_key_arn = aws_kms_key.x.arn` when creating the vault (this
#     replaces an existing vault: create a new vault and move the backup
#     plans to it).
package tfgate.rules.aws.encryption.backup_vault_cmk

import data.tfgate.lib

_customer_key(r) if {
	k := lib.value(r, ["kms_key_arn"])
	is_string(k)
	k != ""
	not endswith(k, "alias/aws/backup")
}

_customer_key(r) if {
	lib.is_unknown(r, ["kms_key_arn"])
	count(lib.references(r, "kms_key_arn")) > 0
}

# Written, known only after apply, and referring to no resource (in
# configuration input, a variable given no value).
_key_unknown(r) if {
	lib.is_unknown(r, ["kms_key_arn"])
	count(lib.references(r, "kms_key_arn")) == 0
	lib.written(r, ["kms_key_arn"])
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("aws_backup_vault")
	not _customer_key(r)
	not _key_unknown(r)
	msg := sprintf("%s uses the AWS managed key aws/backup, not a customer-managed key: set kms_key_arn", [r.address])
}

_attr(r) := "" if lib.is_unknown(r, ["kms_key_arn"])

else := "kms_key_arn"

unknown contains lib.entry(r, msg, "kms_key_arn") if {
	some r in lib.resources_of_type("aws_backup_vault")
	_key_unknown(r)
	msg := sprintf("%s: kms_key_arn is known only after apply and refers to no key resource", [r.address])
}
