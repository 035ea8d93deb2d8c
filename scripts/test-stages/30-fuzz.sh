#!/usr/bin/env bash
# CI-sized fuzzing: every fuzz target of scripts/fuzz.sh (libFuzzer for the IDX, safetensors and JSON readers;
# seeded random + mutation for the CSV importer, URL-state decoder and expression parser) for 15 s each, after
# building the engine with clang's fuzzer instrumentation into build/fuzz/ (about 3 minutes on 2 cores the first
# time, incremental afterwards). The saved crash inputs are replayed by the native and JS test suites.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
# A fixed seed: CI explores the same inputs each run, so a red run means a change broke a parser; longer,
# randomly seeded runs belong to `npm run fuzz`.
FUZZ_SEED="${FUZZ_SEED:-1}" bash scripts/fuzz.sh "${FUZZ_SECONDS:-15}"
echo "fuzz stage: $(( $(date +%s) - start )) s"
