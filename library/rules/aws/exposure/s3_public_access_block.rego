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

# Of those, the settings the account-level block leaves known only after
# apply.
_account_pending := _account_missing & account_unknown

# The verdict on a bucket that no bucket-level block names, the same for
# every such bucket (unless a block names its resource without saying which
# instance, see _bare): "unlinked" when some block names its bucket only by
# a value known after apply, else "pending" when the account-level block
# leaves some missing setting known only after apply, else "fail".
_bare_verdict := "unlinked" if _unlinked_block

else := "pending" if count(_account_pending) > 0

else := "fail"

# The keys that, as the key of a reference to a bucket's resource
# (lib.maybe_key), make it a candidate of a block that names its bucket
# without saying which instance: verdict "instance".
_instance_keys := {k: "instance" | some k in all_keys}

# The buckets that no bucket-level block names (a block that names it is
# judged on its own settings below), each with its verdict, built once
# (nothing when the account-level block turns every setting on). The keys
# that name a bucket (lib.target_keys) and its maybe key (lib.maybe_key)
# are written out, to compute the base address once; when no block names
# anything by a key, no bucket is named and none is a candidate. The keys
# of a bucket's names are left out when no block names its bucket by a
# known value (_by_value): they would meet none.
_bare := [[b, _bare_verdict] |
	count(_account_missing) > 0
	some b in lib.resources_of_type("aws_s3_bucket")
] if {
	count(all_keys) == 0
} else := [[b, verdict] |
	count(_account_missing) > 0
	some b in lib.resources_of_type("aws_s3_bucket")
	base := lib.base_address(b.address)
	keys := {b.address, base} | {concat("", ["=", v]) |
		_by_value
		some a in _name_attrs
		v := b.after[a]
		is_string(v)
	}
	count(all_keys & keys) == 0
	verdict := object.get(_instance_keys, concat("", [base, "[*]"]), _bare_verdict)
]

# Some bucket-level block names its bucket by a known value (a "=<name>"
# key, lib.link_keys).
_by_value if {
	some k in all_keys
	startswith(k, "=")
}

# (Entries written out: this rule may report most buckets of a plan.)
deny contains {"resource": b.address, "message": concat("", [b.address, _bare_message]), "attribute": ""} if {
	some [b, "fail"] in _bare
}

_bare_message := " has no public access block (no aws_s3_bucket_public_access_block for it, and no account-level block with all four settings on)" if {
	count(_account_missing) == count(settings)
} else := sprintf(" has no public access block, and the account-level block leaves %s off", [concat(", ", sort(_account_missing))])

unknown contains {"resource": b.address, "message": msg, "attribute": ""} if {
	some [b, "instance"] in _bare
	msg := sprintf("%s: a public access block names one instance of %s, which one is known only after apply", [b.address, lib.base_address(b.address)])
}

unknown contains {"resource": b.address, "message": msg, "attribute": ""} if {
	some [b, "unlinked"] in _bare
	msg := sprintf("%s has no public access block that names it, but a public access block in this change names its bucket only by a value known after apply", [b.address])
}

unknown contains {"resource": b.address, "message": msg, "attribute": ""} if {
	some [b, "pending"] in _bare
	msg := sprintf("%s has no public access block of its own, and the account-level %s known only after apply", [b.address, _settings_phrase(_account_pending)])
}

# Blocks (bucket or account level) that leave a setting off. A bucket
# block's setting that the account-level block turns on is not a finding.
# A setting written false is reported at its line; settings not written
# (the provider default is false) are reported together on the block.

# The settings a block of each type is judged on, in the order of
# settings: a bucket-level block is not judged on those the account-level
# block turns on.
_judged := {
	_pab: [s | some s in settings; not account_on[s]],
	_account: settings,
}

# Each block with the judged settings it leaves off, those of them not
# written in the configuration (_unwritten) and the judged settings known
# only after apply, computed once per block.
_blocks := [[c, off, unwritten, pending] |
	some t, judged in _judged
	some c in lib.resources_of_type(t)
	off := [s | some s in judged; _off(c, s)]
	unwritten := _unwritten(c, off)
	pending := [s | some s in judged; lib.is_unknown(c, [s])]
]

deny contains lib.entry(c, msg, s) if {
	some [c, off, unwritten, _] in _blocks
	some s in off
	not unwritten[s]
	msg := sprintf("%s leaves %s off (%s = %v)", [c.address, s, s, object.get(lib.after(c), s, null)])
}

deny contains lib.entry(c, msg, "") if {
	some [c, off, unwritten, _] in _blocks
	count(unwritten) > 0
	msg := sprintf("%s leaves %s off (not set; the default is false)", [c.address, concat(", ", [s | some s in off; unwritten[s]])])
}

# _unwritten(c, off): the settings of off that are not written in the
# configuration (known only from the resource's source location; without
# one every setting is reported on its own).
_unwritten(c, off) := {s |
	loc := object.get(c, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
	some s in off
	not attrs[s]
}

unknown contains lib.entry(c, msg, s) if {
	some [c, _, _, pending] in _blocks
	some s in pending
	msg := sprintf("%s: %s is known only after apply", [c.address, s])
}

# _off(c, s): the setting is known and not true (false, or null in a
# document that does not fill the provider default false).
_off(c, s) if {
	not lib.is_true(c, [s])
	not lib.is_unknown(c, [s])
}

_settings_phrase(ss) := sprintf("setting %s is", [concat("", sort(ss))]) if count(ss) == 1

else := sprintf("settings %s are", [concat(", ", sort(ss))])
