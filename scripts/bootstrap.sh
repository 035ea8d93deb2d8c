#!/usr/bin/env bash
# Installs everything nabla needs on a bare Debian 12 machine that has node and npm: the Debian packages
# below (only when missing, so a prepared machine skips apt entirely) and the npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ libeigen3-dev libgtest-dev   # native engine and tests
  clang libclang-rt-14-dev                           # libFuzzer targets
  emscripten wabt binaryen                           # WebAssembly build; wasm-objdump checks the SIMD
  chromium fonts-liberation                          # browser tests and benchmarks
  python3-torch python3-numpy libopenblas0-serial    # PyTorch reference values and peer benchmarks
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

# Install npm packages when node_modules is older than the lock file (or absent). NOTE: `npm install`, not
# `npm ci`: with this machine's omit-lockfile-registry-resolved setting, npm 11 leaves other platforms'
# optional packages (rollup's, esbuild's) out of the lock and `npm ci` then refuses it as out of sync;
# `npm install` installs exactly the locked versions all the same.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
