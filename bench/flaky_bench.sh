#!/usr/bin/env bash
# Transient faults are not verdicts: `lsqm run` over the bundled examples RUNS times (default 3)
# against moto behind a proxy that answers RATE (default 5 %) of AWS requests with 503, on one
# data dir. Prints, per run, the verdict counts, regressions, fixes and flaky verdicts; every
# run after the first compares with the one before, so any regression here is a false one.
#   bench/flaky_bench.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rate=${RATE:-0.05}
data=$(mktemp -d /tmp/lsqm-flaky-XXXXXX)
# The sandbox hides lsqm's cwd and /tmp from the emulator: the proxy runs from a copy.
proxy=$(mktemp -d /var/tmp/lsqm-flaky-XXXXXX)
cp bench/flaky_emulator.py "$proxy/"
trap 'rm -rf "$data" "$proxy"' EXIT
export LSQM_DATA_DIR=$data
# The python beside moto_server runs the proxy: the sandbox shows an emulator's own install
# (e.g. ~/.pyenv) and hides the rest of HOME.
moto=$(command -v moto_server)
export LSQM_EMULATOR_COMMAND="$(dirname "$moto")/python3 $proxy/flaky_emulator.py {port} $rate $moto"
echo "emulator: moto_server behind bench/flaky_emulator.py, $rate of AWS requests answered 503"
for run in $(seq 1 "${RUNS:-3}"); do
  start=$(date +%s)
  "$build/lsqm" run --parallel "${PARALLEL:-3}" >"$data/out" 2>"$data/err" || true
  wall=$(( $(date +%s) - start ))
  "$build/lsqm" status --json >"$data/status.json"
  python3 - "$run" "$wall" "$data/status.json" <<'PY'
import json, sys
run, wall, path = sys.argv[1], sys.argv[2], sys.argv[3]
s = json.load(open(path)).get("latest_run") or {}
names = lambda key: ", ".join(r.get("arch_name") or r["arch_hash"][:12] for r in s.get(key, []))
print(f"run {run}: {wall}s total={s.get('total')} passed={s.get('passed')} partial={s.get('partial')} "
      f"failed={s.get('failed')} timeout={s.get('timeout')} error={s.get('error')} "
      f"flaky={s.get('flaky', 0)} regressions={len(s.get('regressions', []))} [{names('regressions')}] "
      f"fixes={len(s.get('fixes', []))} [{names('fixes')}]")
PY
done
