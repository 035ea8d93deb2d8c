#!/usr/bin/env bash
# CI-sized run of the whole benchmark suite (every contender, a few repetitions, small counts): keeps the
# harnesses working. Fails if any contender crashes or a nabla case errs; the numbers mean nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
node benchmarks/run.mjs --smoke
echo "bench smoke: $(( $(date +%s) - start )) s, report in build/bench-smoke/report.md"
