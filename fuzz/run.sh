#!/usr/bin/env bash
# Runs one libFuzzer target of lsqm.
#   fuzz/run.sh BIN_DIR TARGET 0        replay the seed corpus and every crash ever found
#   fuzz/run.sh BIN_DIR TARGET SECONDS  fuzz for SECONDS from the seed corpus (with its dict)
# A crash leaves its input in BIN_DIR/work/TARGET/; copy it into fuzz/crashes/TARGET/ with the
# fix, so it is replayed by every test run from then on.
set -euo pipefail
bin_dir=$1 target=$2 seconds=$3
src=$(cd "$(dirname "$0")" && pwd)
exe="$bin_dir/${target}_fuzz"
[[ -x "$exe" ]] || { echo "run.sh: $exe is not built" >&2; exit 2; }
seeds=("$src/corpus/$target") crashes=("$src/crashes/$target")
if [[ "$target" == hcl ]]; then  # the terraform target's files go through the same reader
  seeds+=("$src/corpus/terraform") crashes+=("$src/crashes/terraform")
fi
dirs=()
for d in "${seeds[@]}" "${crashes[@]}"; do [[ -d "$d" ]] && dirs+=("$d"); done
if [[ "$seconds" == 0 ]]; then
  # Each input must finish in 10 s even under ASan: the quadratic cases of the past took 29 s.
  exec "$exe" -runs=0 -timeout=10 -rss_limit_mb=2048 "${dirs[@]}"
fi
work="$bin_dir/work/$target"
mkdir -p "$work/corpus"
dict=()
[[ -f "$src/$target.dict" ]] && dict=("-dict=$src/$target.dict")
exec "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "${dict[@]}" -artifact_prefix="$work/" "$work/corpus" "${seeds[@]}"
