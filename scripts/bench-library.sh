#!/usr/bin/env bash
# Compares the whole library of this checkout with an earlier one on the
# same real plans (../shared/bench/make-plan.sh), one run of each in turn.
#
#   scripts/bench-library.sh [REF] [N ...]
#
# REF (default df1e850, the six-rule library) is built into a temporary git
# worktree; N defaults to 200 2000 (about 1,100 and 11,000 resources). Plans
# are kept in TFGATE_BENCH_DIR when set. Prints, per plan and binary, the
# rule count and the median (and range) of 5 runs of wall time and peak RSS
# of `tfgate check --format sarif`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${TFGATE_SHARED:-$root/../shared}
work=${TFGATE_BENCH_DIR:-$(mktemp -d)}
mirror=${TFGATE_PROVIDER_MIRROR:-/opt/tf-plugins}
ref=${1:-df1e850}
shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(200 2000)
runs=5

printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$mirror" > "$work/tf.rc"
export TF_CLI_CONFIG_FILE="$work/tf.rc" CHECKPOINT_DISABLE=1
(cd "$root" && go build -o "$work/tfgate-new" ./cmd/tfgate)
old_tree="$work/old-tree"
if [ ! -d "$old_tree" ]; then
  git -C "$root" worktree add -q --detach "$old_tree" "$ref"
fi
(cd "$old_tree" && go build -o "$work/tfgate-old" ./cmd/tfgate)
params=(--param required_tags=Owner,CostCenter --param allowed_regions=us-east-1,eu-west-1)

median() { sort -n | awk '{a[NR]=$1} END {printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }

for bin in old new; do
  echo "$bin ($( [ $bin = old ] && echo "$ref" || git -C "$root" rev-parse --short HEAD )): $("$work/tfgate-$bin" rules | grep -c '^TFG-') rules"
done
for n in "${sizes[@]}"; do
  plan="$work/plan-$n.json"
  [ -f "$plan" ] || bash "$shared/bench/make-plan.sh" "$n" "$plan"
  count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resource_changes"]))' "$plan")
  echo "== N=$n: $count resources"
  : > "$work/times-old"; : > "$work/times-new"
  for i in $(seq $runs); do
    for bin in old new; do
      /usr/bin/time -o "$work/t" -f "%e %M" "$work/tfgate-$bin" check --format sarif --output "$work/out-$bin.sarif" "${params[@]}" "$plan" || [ $? -eq 1 ]
      tail -n 1 "$work/t" >> "$work/times-$bin"
    done
  done
  for bin in old new; do
    wall=$(cut -d' ' -f1 "$work/times-$bin" | median)
    rss=$(cut -d' ' -f2 "$work/times-$bin" | awk '{print int($1/1024)}' | median)
    echo "$bin: wall $wall s, peak RSS $rss MB"
  done
done
