#!/usr/bin/env bash
# Runs every test: the README's test command. Installs what it needs first, then builds and tests the
# native engine, the same suite under ASan+UBSan, and every later stage found in scripts/test-stages/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

step() { echo; echo "=== $*"; }

step "native build and tests"
bash scripts/build-native.sh native
ctest --preset native -j2

step "native tests under AddressSanitizer + UndefinedBehaviorSanitizer"
bash scripts/build-native.sh native-asan
ctest --preset native-asan -j2

for stage in scripts/test-stages/*.sh; do
  [ -e "$stage" ] || continue
  step "$(basename "$stage" .sh)"
  bash "$stage"
done
echo; echo "=== all test stages passed"
