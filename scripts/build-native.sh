#!/usr/bin/env bash
# Builds the native library, CLI and tests: `native` (Release) by default, or the preset named in $1.
# A build directory CMake cannot use (copied from another checkout, half deleted) gets a message saying what
# to remove.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-native}"
mkdir -p build
if ! cmake --preset "$preset" >"build/$preset-configure.log" 2>&1; then
  tail -n 20 "build/$preset-configure.log" >&2
  echo "build-native: configuring build/$preset failed (log: build/$preset-configure.log). If the build directory is" >&2
  echo "  broken or was copied from another checkout, remove it and build again: rm -rf build/$preset" >&2
  exit 1
fi
cmake --build --preset "$preset"
