# METADATA
# title: S3 buckets must have all four public access block settings on
# description: |
#   S3 Block Public Access is the guard rail that keeps a bucket private
#   whatever its ACLs and policy say. Every aws_s3_bucket must be covered,
#   for each of the four settings (block_public_acls, block_public_policy,
#   ignore_public_acls, restrict_public_buckets), by an
#   aws_s3_account_public_access_block in the same change with the setting
#   true (it covers every bucket of the account) or by an
#   aws_s3_bucket_public_access_block for the bucket with the setting true.
#   Fails: a bucket with no public access block at all (reported on the
#   bucket), and a public access block, of a bucket or of the account, that
#   leaves a setting false (reported on the block: at the setting when it
#   is written false, once for all settings left unset, whose provider
#   default is false; a bucket setting the account-level block turns on
#   anyway is not reported). The join follows the block's `bucket` reference to the exact
#   bucket instance (`aws_s3_bucket.b[count.index].id`) or a known bucket
#   name. Indeterminate: a setting known only after apply; a bucket that a
#   block names only by an undetermined instance (`aws_s3_bucket.b[*]`);
#   and, when some block in the change names its bucket by a value known
#   only after apply, every bucket that would otherwise fail. An
#   account-level block that already exists outside this change is not
#   seen: buckets relying on it fail here (waive the rule, or declare the
#   account block in the same configuration).
# custom:
#   id: TFG-AWS-EXPOSURE-028
#   severity: high
#   family: exposure
#   resource_types: [aws_s3_bucket, aws_s3_bucket_public_access_block, aws_s3_account_public_access_block]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.1.4"]
#     nist-800-53: ["AC-3", "AC-21", "SC-7"]
#     aws-fsbp: ["S3.1", "S3.8"]
#   remediation: |
#     Add `resource "aws_s3_bucket_public_access_block" "x" { bucket =
#     aws_s3_bucket.x.id  block_public_acls = true  block_public_policy =
#     true  ignore_public_acls = true  restrict_public_buckets = true }`, or
#     one aws_s3_account_public_access_block with all four true.
package tfgate.rules.aws.exposure.s3_public_access_block

import data.tfgate.lib

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

_pab := "aws_s3_bucket_public_access_block"

_account := "aws_s3_account_public_access_block"

_name_attrs := ["bucket", "id"]

# Settings turned on by an account-level block, and settings an
# account-level block leaves known only after apply.
account_on := {s |
	some a in lib.resources_of_type(_account)
	some s in settings
	lib.is_true(a, [s])
}

account_unknown := {s |
	some a in lib.resources_of_type(_account)
	some s in settings
	lib.is_unknown(a, [s])
}

# Link keys (lib.link_keys) of the bucket blocks, built once.
all_keys := {k |
	some c in lib.resources_of_type(_pab)
	some k in lib.link_keys(c, "bucket")
}

# Some block names its bucket by a value known only after apply.
_unlinked_block if {
	some c in lib.resources_of_type(_pab)
	lib.unlinked(c, "bucket")
}

# The settings the account-level block does not turn on: those a bucket
# that no bucket-level block names goes without.
_account_missing := {s |
	some s in settings
	not s in account_on
}

# The buckets that no bucket-level block names (a block that names it is
# judged on its own settings below), each with the settings no block turns
# on (for such a bucket, those the account leaves off) and the key of a
# reference to its resource (lib.maybe_key), built once.
_bare := [[b, _account_missing, maybe] |
	count(_account_missing) > 0
	some b in lib.resources_of_type("aws_s3_bucket")
	keys := lib.target_keys(b, _name_attrs)
	count(all_keys & keys) == 0
	maybe := lib.maybe_key(b)
]

deny contains lib.entry(b, msg, "") if {
	some [b, missing, maybe] in _bare
	not maybe in all_keys
	not _unlinked_block
	count(missing & account_unknown) == 0
	msg := _bare_message(b, missing)
}

_bare_message(b, missing) := sprintf("%s has no public access block (no aws_s3_bucket_public_access_block for it, and no account-level block with all four settings on)", [b.address]) if {
	count(missing) == count(settings)
} else := sprintf("%s has no public access block, and the account-level block leaves %s off", [b.address, concat(", ", sort(missing))])

unknown contains lib.entry(b, msg, "") if {
	some [b, _, maybe] in _bare
	maybe in all_keys
	msg := sprintf("%s: a public access block names one instance of %s, which one is known only after apply", [b.address, lib.base_address(b.address)])
}

unknown contains lib.entry(b, msg, "") if {
	some [b, _, maybe] in _bare
	not maybe in all_keys
	_unlinked_block
	msg := sprintf("%s has no public access block that names it, but a public access block in this change names its bucket only by a value known after apply", [b.address])
}

unknown contains lib.entry(b, msg, "") if {
	some [b, missing, maybe] in _bare
	not maybe in all_keys
	not _unlinked_block
	pending := missing & account_unknown
	count(pending) > 0
	msg := sprintf("%s has no public access block of its own, and the account-level %s known only after apply", [b.address, _settings_phrase(pending)])
}

# Blocks (bucket or account level) that leave a setting off. A bucket
# block's setting that the account-level block turns on is not a finding.
# A setting written false is reported at its line; settings not written
# (the provider default is false) are reported together on the block.
deny contains lib.entry(c, msg, s) if {
	some t in [_pab, _account]
	some c in lib.resources_of_type(t)
	some s in settings
	_off(c, s)
	not _covered_by_account(t, s)
	not s in _unwritten_off(c)
	msg := sprintf("%s leaves %s off (%s = %v)", [c.address, s, s, object.get(lib.after(c), s, null)])
}

deny contains lib.entry(c, msg, "") if {
	some t in [_pab, _account]
	some c in lib.resources_of_type(t)
	off := _unwritten_off(c)
	count(off) > 0
	msg := sprintf("%s leaves %s off (not set; the default is false)", [c.address, concat(", ", [s | some s in settings; s in off])])
}

# _unwritten_off(c): settings that are off, not covered by the account,
# and not written in the configuration (known only from the resource's
# source location; without one every setting is reported on its own).
_unwritten_off(c) := {s |
	loc := object.get(c, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
	some s in settings
	_off(c, s)
	not _covered_by_account(c.type, s)
	not attrs[s]
}

unknown contains lib.entry(c, msg, s) if {
	some t in [_pab, _account]
	some c in lib.resources_of_type(t)
	some s in settings
	lib.is_unknown(c, [s])
	not _covered_by_account(t, s)
	msg := sprintf("%s: %s is known only after apply", [c.address, s])
}

# _off(c, s): the setting is known and not true (false, or null in a
# document that does not fill the provider default false).
_off(c, s) if {
	not lib.is_true(c, [s])
	not lib.is_unknown(c, [s])
}

_covered_by_account(t, s) if {
	t == _pab
	s in account_on
}

_settings_phrase(ss) := sprintf("setting %s is", [concat("", sort(ss))]) if count(ss) == 1

else := sprintf("settings %s are", [concat(", ", sort(ss))])
