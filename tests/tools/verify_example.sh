#!/usr/bin/env bash
# Manual check of one example architecture against moto, the way the validator will run it:
# moto_server on a free port, provider override without endpoints, terraform init/apply,
# output/show JSON, the rule-based app ([rules-dump]), pytest, destroy.
#   tests/tools/verify_example.sh examples/architectures/s3-bucket [build-dir]
# Env: PLUGIN_DIR (/opt/tf-plugins), PYTHON (/usr/bin/python3), KEEP=1 keeps the work dir.
# Exit: 0 every test passed, 1 some test failed, 2 apply failed, 3 harness problem.
set -uo pipefail

example=$(cd "${1:?usage: verify_example.sh DIR [build-dir]}" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${2:-$root/build}" && pwd)
plugin_dir=${PLUGIN_DIR:-/opt/tf-plugins}
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d /tmp/lsqm-verify-XXXXXX)
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
name=$(basename "$example")
moto_pid=""

say() { echo "[$name] $*"; }
cleanup() {
  [[ -n "$moto_pid" ]] && kill "$moto_pid" 2>/dev/null && wait "$moto_pid" 2>/dev/null
  [[ "${KEEP:-0}" == 1 ]] && say "work dir kept: $work" || rm -rf "$work"
}
trap cleanup EXIT

cp -r "$example" "$work/tf"
mkdir -p "$work/app" "$work/home"
cat > "$work/tf/localstack_providers_override.tf" <<TF
provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  s3_use_path_style           = true
  max_retries                 = 2
}
TF

moto_server -p "$port" > "$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/moto-api/data.json" > /dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/moto-api/data.json" > /dev/null || { say "moto did not start"; exit 3; }

export HOME="$work/home" AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test \
  AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1 \
  TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE="$work/terraformrc"
touch "$work/terraformrc"
tf() { timeout 600 terraform -chdir="$work/tf" "$@" -no-color; }

status=0
if ! tf init -input=false -plugin-dir="$plugin_dir" > "$work/init.log" 2>&1; then
  cat "$work/init.log"; say "RESULT init failed"; exit 3
fi
start=$(date +%s)
if ! tf apply -input=false -auto-approve > "$work/apply.log" 2>&1; then
  tail -n 30 "$work/apply.log"; say "RESULT apply failed ($(($(date +%s) - start)) s)"
  tf destroy -input=false -auto-approve -refresh=false > /dev/null 2>&1
  exit 2
fi
say "applied in $(($(date +%s) - start)) s"
tf output -json > "$work/app/tf_outputs.json"
tf show -json > "$work/app/tf_state.json"

LSQM_DUMP_ARCH_DIR="$example" LSQM_DUMP_OUT_DIR="$work/app" "$build/lsqm_tests" "[rules-dump]" > "$work/dump.log" 2>&1 \
  || { cat "$work/dump.log"; say "RESULT generation failed"; exit 3; }

(cd "$work/app" && LSQM_TF_OUTPUTS="$work/app/tf_outputs.json" LSQM_TF_STATE="$work/app/tf_state.json" \
  timeout 600 "$python" -m pytest -q -rA -p no:cacheprovider test_app.py) > "$work/pytest.log" 2>&1 || status=1
grep -E "^(PASSED|FAILED|ERROR|SKIPPED)|passed|failed" "$work/pytest.log" | tail -n 40
[[ $status -ne 0 ]] && grep -E "^E " "$work/pytest.log" | head -n 20

start=$(date +%s)
if ! tf destroy -input=false -auto-approve > "$work/destroy.log" 2>&1; then
  tail -n 20 "$work/destroy.log"; say "destroy failed"; status=3
else
  say "destroyed in $(($(date +%s) - start)) s"
fi
say "RESULT $([[ $status -eq 0 ]] && echo PASSED || echo "not passed (exit $status)")"
exit $status
