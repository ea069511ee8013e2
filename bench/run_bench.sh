#!/usr/bin/env bash
# `lsqm run` over the bundled examples at --parallel 1 and --parallel 4, each with and without
# the slots' shared AWS providers: wall time, CPU of lsqm itself vs its children (terraform,
# the providers, moto, pytest), and lsqm's peak RSS.
#   bench/run_bench.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
for parallel in ${PARALLEL_LEVELS:-1 4}; do
for reuse in ${PROVIDER_REUSE:-true false}; do
  data=$(mktemp -d /tmp/lsqm-bench-XXXXXX)
  echo "{\"terraform_provider_reuse\": $reuse}" >"$data/config.json"
  start=$(date +%s.%N)
  # -v: lsqm logs its own rusage (self, waited-for children, peak RSS) at debug level.
  LSQM_DATA_DIR=$data "$build/lsqm" -v run --config "$data/config.json" --parallel "$parallel" \
    >"$data/out" 2>"$data/err" || true
  end=$(date +%s.%N)
  python3 - "$parallel $reuse" "$start" "$end" "$data/out" "$data/err" <<'PY'
import json, sys
mode, start, end, out, err = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
parallel, reuse = mode.split()
usage = {}
for line in open(err):
    try: j = json.loads(line)
    except ValueError: continue
    if j.get("event") == "resource_usage": usage = j
summary = next((l.strip() for l in open(out) if "pass rate" in l), "(no summary)")
print(f"parallel={parallel} provider_reuse={reuse} wall={end - start:.1f}s "
      f"lsqm_cpu={usage.get('self_user_s', 0) + usage.get('self_sys_s', 0):.2f}s "
      f"children_cpu={usage.get('children_user_s', 0) + usage.get('children_sys_s', 0):.1f}s "
      f"lsqm_peak_rss={usage.get('self_max_rss_kb', 0) / 1024:.0f}MB | {summary}")
PY
  rm -rf "$data"
done
done
