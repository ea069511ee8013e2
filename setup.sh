#!/usr/bin/env bash
# Installs every Debian package lsqm needs (idempotent; run as root) and builds it into build/.
#   ./setup.sh            install packages, configure and build
#   ./setup.sh --deps     install packages only
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  libcaf-dev nlohmann-json3-dev libcurl4-openssl-dev libgit2-dev
  libboost-dev libboost-filesystem-dev libspdlog-dev catch2
  libcli11-dev libyaml-cpp-dev libcpp-httplib-dev libssl-dev libzip-dev
  python3 python3-boto3 python3-pytest python3-pytest-timeout
  clang libclang-rt-14-dev
  bubblewrap
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup.sh: missing packages (${missing[*]}); run as root to install them" >&2
    exit 2
  fi
  echo "setup.sh: installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[[ "${1:-}" == "--deps" ]] && exit 0

for tool in terraform moto_server; do
  command -v "$tool" >/dev/null || echo "setup.sh: warning: $tool is not on PATH; validation needs it" >&2
done

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
