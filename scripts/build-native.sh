#!/usr/bin/env bash
# Builds the native library, CLI and tests: `native` (Release) by default, or the preset named in $1.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-native}"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
