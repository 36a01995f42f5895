#!/usr/bin/env bash
# Benchmarks tfgate against plain `opa eval` on real plans made by
# ../shared/bench/make-plan.sh (needs terraform and the aws provider mirror).
#
#   scripts/bench.sh [N ...]     default: 200 2000 (about 1,100 and 11,000 resources)
#
# Prints wall time and peak memory (GNU time) of `tfgate check --format
# sarif` and of `opa eval -d baseline.rego`, then the Go benchmarks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${TFGATE_SHARED:-$root/../shared}
work=${TFGATE_BENCH_DIR:-$(mktemp -d)}
mirror=${TFGATE_PROVIDER_MIRROR:-/opt/tf-plugins}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(200 2000)

printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$mirror" > "$work/tf.rc"
export TF_CLI_CONFIG_FILE="$work/tf.rc" CHECKPOINT_DISABLE=1
(cd "$root" && go build -o "$work/tfgate" ./cmd/tfgate)
opa=$(command -v opa || true)
if [ -z "$opa" ]; then
  GOBIN="$work" go install github.com/open-policy-agent/opa@v1.22.2
  opa="$work/opa"
fi
for n in "${sizes[@]}"; do
  plan="$work/plan-$n.json"
  [ -f "$plan" ] || bash "$shared/bench/make-plan.sh" "$n" "$plan"
  count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resource_changes"]))' "$plan")
  echo "== N=$n: $count resources"
  for i in 1 2 3; do
    /usr/bin/time -f "tfgate check: %e s wall, %M KB peak" "$work/tfgate" check --format sarif --output "$work/out.sarif" \
      --param required_tags=Owner,CostCenter --param allowed_regions=us-east-1,eu-west-1 "$plan" || [ $? -eq 1 ]
  done
  for i in 1 2 3; do
    /usr/bin/time -f "opa eval:     %e s wall, %M KB peak" "$opa" eval -d "$shared/bench/baseline.rego" -i "$plan" 'count(data.main.deny)' >/dev/null
  done
  (cd "$root" && TFGATE_BENCH_PLAN="$plan" go test -run '^$' -bench 'Check|Load|Evaluate' -benchtime 3x -benchmem ./cmd/tfgate/ | grep '^Benchmark')
done
