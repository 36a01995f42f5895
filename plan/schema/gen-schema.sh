#!/bin/sh
# Regenerates plan/schema/aws.json.gz, the compact AWS provider table the
# configuration loader embeds (see plan/schema/schema.go).
#
# Needs terraform and the hashicorp/aws provider, from the registry or a
# filesystem mirror:
#   TF_CLI_CONFIG_FILE=cli.tfrc plan/schema/gen-schema.sh
# where cli.tfrc holds
#   provider_installation { filesystem_mirror { path = "/opt/tf-plugins" } }
# Run from the repository root. Takes 10-20 minutes: besides the schema it
# plans a minimal instance of every resource type and of its nested blocks
# offline (dummy credentials, skip_* flags) to learn computed blocks and
# static defaults.
set -eu
AWS_VERSION=${AWS_VERSION:-5.100.0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/schema" "$work/probe"
cat > "$work/schema/main.tf" <<TF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "$AWS_VERSION" }
  }
}
TF
(cd "$work/schema" && terraform init -no-color >/dev/null && terraform providers schema -json > schema.json)
cp "$work/schema/main.tf" "$work/probe/versions.tf"
go run ./plan/internal/genschema -schema "$work/schema/schema.json" -probe-dir "$work/probe" -out plan/schema/aws.json.gz
echo "wrote plan/schema/aws.json.gz (hashicorp/aws $AWS_VERSION)"
# The embedded form: one compressed chunk per type (plan/schema/chunks.go).
go test ./plan/schema -run TestChunkedTables -update >/dev/null
echo "wrote plan/schema/aws.tbl"
