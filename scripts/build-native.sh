#!/usr/bin/env bash
# Builds the native library, CLI and tests: `native` (Release) by default, or the preset named in $1.
# A build directory CMake cannot use (copied from another checkout, half deleted) gets a message saying what
# to remove.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-native}"
source scripts/configure-preset.sh
configure_preset "$preset" build-native "build/$preset"
cmake --build --preset "$preset"
