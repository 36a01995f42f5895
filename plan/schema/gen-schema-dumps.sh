#!/bin/sh
# Regenerates plan/schema/azurerm.json.gz and plan/schema/google.json.gz,
# the compact azurerm and google tables the configuration loader embeds
# (see plan/schema/schema.go), from public dumps of
# `terraform providers schema -json` (provenance, versions, licences and
# checksums: plan/internal/genschema/README.md). The dumps are not part of
# the repository; by default they are read from ../shared/schemas/providers.
#
# Which blocks the providers plan as unknown when not configured
# (Optional+Computed blocks, which the schema JSON cannot express) comes
# from plan/internal/genschema/{azurerm,google}.facts.json. To rebuild those
# from the providers' Go source at the dumps' versions, point AZURERM_SRC and
# GOOGLE_SRC at the source trees:
#   git clone --depth 1 --branch v4.81.0 https://github.com/hashicorp/terraform-provider-azurerm
#   git clone --depth 1 --branch v6.50.0 https://github.com/hashicorp/terraform-provider-google
#   AZURERM_SRC=terraform-provider-azurerm/internal GOOGLE_SRC=terraform-provider-google/google \
#     plan/schema/gen-schema-dumps.sh
# Run from the repository root. Takes a few seconds (about a minute with
# the source).
set -eu
DUMPS=${DUMPS:-../shared/schemas/providers}
AZURERM_DUMP="$DUMPS/azurerm-4.81.0.schema.json.gz"
GOOGLE_DUMP="$DUMPS/google-6.50.0.reconstructed.schema.json.gz"
AZURERM_SHA=de68342a51b2a38093fc070b532f7a734e069bc1c33d4a940ffb41b08179466f
GOOGLE_SHA=73b176957f29e6023c56ec877fc109414d291fe96fb2c0af693a09ab89c142d7

check() {
  got=$(gzip -dc "$1" | sha256sum | cut -d' ' -f1)
  if [ "$got" != "$2" ]; then
    echo "gen-schema-dumps: $1 has sha256 $got, want $2 (see plan/internal/genschema/README.md)" >&2
    exit 1
  fi
}
check "$AZURERM_DUMP" "$AZURERM_SHA"
check "$GOOGLE_DUMP" "$GOOGLE_SHA"

gen() { # name provider version dump src
  facts="plan/internal/genschema/$1.facts.json"
  if [ -n "$5" ]; then
    go run ./plan/internal/genschema -schema "$4" -provider "$2" -version "$3" \
      -source "$5" -write-facts "$facts" -out "plan/schema/$1.json.gz"
  else
    go run ./plan/internal/genschema -schema "$4" -provider "$2" -version "$3" \
      -probe "$facts" -out "plan/schema/$1.json.gz"
  fi
  echo "wrote plan/schema/$1.json.gz ($2 $3)"
}
gen azurerm registry.terraform.io/hashicorp/azurerm 4.81.0 "$AZURERM_DUMP" "${AZURERM_SRC:-}"
gen google registry.terraform.io/hashicorp/google 6.50.0 "$GOOGLE_DUMP" "${GOOGLE_SRC:-}"
# The embedded form: one compressed chunk per type (plan/schema/chunks.go).
go test ./plan/schema -run TestChunkedTables -update >/dev/null
echo "wrote plan/schema/azurerm.tbl and google.tbl"
