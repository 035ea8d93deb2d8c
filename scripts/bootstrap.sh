#!/usr/bin/env bash
# Installs everything nabla needs on a bare Debian 12 machine that has node and npm: checks that Node is
# new enough, then the Debian packages below (only when missing, so a prepared machine skips apt entirely)
# and the npm packages; prints how long each phase took.
set -euo pipefail
cd "$(dirname "$0")/.."

phase_start=$SECONDS
phase_done() { echo "bootstrap: $1 ($((SECONDS - phase_start)) s)"; phase_start=$SECONDS; }

# Vite 7 needs Node >= 20.19 (require(esm)); Debian 12's own nodejs package is 18.
required_node="20.19.0"
node_version="$(node --version 2>/dev/null || true)"
node_version="${node_version#v}"
if [ -z "$node_version" ]; then
  echo "bootstrap: Node.js is not installed; nabla needs Node >= ${required_node%.0} with npm." >&2
  echo "  Install Node 20 or 22 (the LTS releases), e.g. from NodeSource or with nvm, then run this again." >&2
  exit 1
fi
if [ "$(printf '%s\n%s\n' "$required_node" "$node_version" | sort -V | head -1)" != "$required_node" ]; then
  echo "bootstrap: Node $node_version is too old; nabla needs Node >= ${required_node%.0} (Vite 7 does)." >&2
  echo "  Debian 12's apt nodejs is 18: install Node 20 or 22 (the LTS releases), e.g. from NodeSource or" >&2
  echo "  with nvm ('nvm install 22'), make sure 'node --version' prints it, then run this again." >&2
  exit 1
fi
command -v npm >/dev/null || { echo "bootstrap: npm is missing (it comes with Node; install it too)." >&2; exit 1; }
phase_done "Node $node_version"

packages=(
  cmake ninja-build g++ libeigen3-dev libgtest-dev   # native engine and tests
  clang libclang-rt-14-dev                           # libFuzzer targets
  emscripten wabt binaryen                           # WebAssembly build; wasm-objdump checks the SIMD
  chromium fonts-liberation                          # browser tests and benchmarks
  python3-torch python3-numpy libopenblas0-serial    # PyTorch reference values and peer benchmarks
  libopenblas0-pthread                               # the PyTorch peer's N-thread benchmark rows
  graphviz                                           # dot, for `nabla graph | dot -Tsvg`
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
  phase_done "Debian packages installed"
else
  phase_done "Debian packages already installed"
fi

# libopenblas0-pthread outranks the serial OpenBLAS in update-alternatives; keep the serial one the system's
# BLAS, so that PyTorch reference values and the 1-thread peer rows stay on one thread. The bench suite points
# its N-thread PyTorch rows at the pthread build itself (LD_LIBRARY_PATH=<libdir>/openblas-pthread).
serial_dir=/usr/lib/x86_64-linux-gnu/openblas-serial
for alt in libblas.so.3 liblapack.so.3 libopenblas.so.0; do
  name="$alt-x86_64-linux-gnu"
  if [ -e "$serial_dir/$alt" ] && [ "$(readlink -f "/etc/alternatives/$name")" != "$(readlink -f "$serial_dir/$alt")" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo update-alternatives --set "$name" "$serial_dir/$alt"
  fi
done

# Install npm packages when node_modules is older than the lock file (or absent). NOTE: `npm install`, not
# `npm ci`: with this machine's omit-lockfile-registry-resolved setting, npm 11 leaves other platforms'
# optional packages (rollup's, esbuild's) out of the lock and `npm ci` then refuses it as out of sync;
# `npm install` installs exactly the locked versions all the same.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
  phase_done "npm packages installed"
else
  phase_done "npm packages up to date"
fi
