#!/usr/bin/env bash
# `lsqm mine` over checkouts of real repositories (never committed: fetch them yourself, e.g.
# aws-samples/serverless-patterns, terraform-aws-modules/terraform-aws-lambda): wall time,
# lsqm's CPU and peak RSS, architectures found / skipped / unreadable, and the skip reasons.
#   bench/mine_bench.sh [build-dir] DIR...
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; shift
(($# > 0)) || { echo "usage: bench/mine_bench.sh [build-dir] DIR..." >&2; exit 2; }
args=()
for d in "$@"; do args+=(--source "$d"); done
data=$(mktemp -d /tmp/lsqm-mine-bench-XXXXXX)
trap 'rm -rf "$data"' EXIT
start=$(date +%s.%N)
LSQM_DATA_DIR=$data "$build/lsqm" -v mine "${args[@]}" >"$data/out" 2>"$data/err" || true
end=$(date +%s.%N)
python3 - "$start" "$end" "$data/out" "$data/err" <<'PY'
import collections, json, sys
start, end, out, err = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
usage, reasons = {}, collections.Counter()
for line in open(err):
    try: j = json.loads(line)
    except ValueError: continue
    if j.get("event") == "resource_usage": usage = j
    if j.get("event") == "note":
        msg = j.get("message", "")
        why = msg.split(": ", 1)[1] if ": " in msg else msg
        reasons[why.split(":")[0][:70]] += 1
summary = next((l.strip() for l in open(out) if l.startswith("mine:")), "(no summary)")
print(f"wall={end - start:.1f}s lsqm_cpu={usage.get('self_user_s', 0) + usage.get('self_sys_s', 0):.2f}s "
      f"peak_rss={usage.get('self_max_rss_kb', 0) / 1024:.0f}MB | {summary}")
for why, n in reasons.most_common(15):
    print(f"  {n:4d}  {why}")
PY
