#!/usr/bin/env bash
# `lsqm mine` over checkouts of real repositories (never committed: fetch them yourself, e.g.
# aws-samples/serverless-patterns, terraform-aws-modules/terraform-aws-lambda): wall time,
# lsqm's CPU and peak RSS, architectures found / skipped / unreadable, the skip reasons, and
# per kind (terraform, cloudformation, sam, serverless, cdk) units and admitted ones, with the
# cost of the admission gate (terraform validate of normalized templates).
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
python3 - "$start" "$end" "$data/out" "$data/err" "$data" <<'PY'
import collections, glob, json, sys
start, end, out, err, data = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
usage, reasons, gate = {}, collections.Counter(), {}
for line in open(err):
    try: j = json.loads(line)
    except ValueError: continue
    if j.get("event") == "resource_usage": usage = j
    if j.get("event") == "templates_admitted": gate = j
    if j.get("event") == "note":
        msg = j.get("message", "")
        why = msg.split(": ", 1)[1] if ": " in msg else msg
        reasons[why.split(":")[0][:70]] += 1
summary = next((l.strip() for l in open(out) if l.startswith("mine:")), "(no summary)")
print(f"wall={end - start:.1f}s lsqm_cpu={usage.get('self_user_s', 0) + usage.get('self_sys_s', 0):.2f}s "
      f"peak_rss={usage.get('self_max_rss_kb', 0) / 1024:.0f}MB | {summary}")
for why, n in reasons.most_common(15):
    print(f"  {n:4d}  {why}")
if gate:
    print(f"admission gate: {gate['terraform_runs']} terraform runs, {gate['terraform_seconds']:.1f}s")
for index in glob.glob(f"{data}/**/architectures/index.json", recursive=True):
    units, admitted = collections.Counter(), collections.Counter()
    for entry in json.load(open(index)).values():
        units[entry.get("kind", "")] += 1
        admitted[entry.get("kind", "")] += not entry.get("skip_reason")
    for kind in sorted(units):
        print(f"  {kind:15s} {units[kind]:5d} units, {admitted[kind]:5d} admitted")
PY
