#!/usr/bin/env bash
# Regenerates plan/config/testdata/sensitive/<case>/plan.json with real Terraform
# 1.11 and the hashicorp/aws 5.100.0 mirror, as fixtures/regen.sh does.
#   plan/config/testdata/sensitive/regen.sh [case ...]     default: every case
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${TFGATE_PROVIDER_MIRROR:-/opt/tf-plugins}
command -v terraform >/dev/null || { echo "regen.sh: terraform is not on PATH" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/tf.rc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/*"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/*"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/tf.rc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# The environment the tests give the loader (TestSensitiveFormsEqualTerraform).
export TF_VAR_env_secret=Quokka7-Zebra9-env
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for d in "$here"/*/; do [ -f "$d/main.tf" ] && cases+=("$(basename "$d")"); done
fi
for c in "${cases[@]}"; do
  src="$here/$c"
  dst="$work/$c"
  mkdir -p "$dst"
  (cd "$src" && tar --exclude=.terraform --exclude=plan.json -cf - .) | (cd "$dst" && tar -xf -)
  (
    cd "$dst"
    terraform init -input=false -no-color >/dev/null
    terraform plan -refresh=false -input=false -no-color -out=tfplan >/dev/null
    terraform show -json tfplan > "$src/plan.json"
  )
  echo "regenerated $c"
done
