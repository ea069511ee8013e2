#!/usr/bin/env bash
# Longer fuzzing than the test suite's few seconds: every target (or those named) for
# SECONDS each (default 600), from the seed corpus, with its dictionary; prints libFuzzer's
# final stats. A crash leaves its input in BUILD/fuzz/work/TARGET/: fix the code, then copy
# the input into fuzz/crashes/TARGET/ so the suite replays it forever.
#   bench/fuzz.sh [build-dir] [seconds] [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; seconds=${2:-600}; shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in fuzz/*_fuzz.cc; do t=$(basename "$f" _fuzz.cc); targets+=("$t"); done
fi
cmake --build "$build" --target lsqm_fuzzers >/dev/null
for t in "${targets[@]}"; do
  echo "== $t: ${seconds}s"
  fuzz/run.sh "$build/fuzz" "$t" "$seconds" 2>&1 |
    grep -E "^(stat::|Done|==[0-9]+==|SUMMARY)" || true
done
