#!/usr/bin/env bash
# Fuzzes every parser that reads user input, each for a bounded time (default 30 s; `bash scripts/fuzz.sh 10`
# or FUZZ_SECONDS=10 for less):
#   C++ (libFuzzer, clang -fsanitize=fuzzer,address,undefined, coverage-guided): the IDX reader (+ MNIST pairs),
#   the safetensors loader, the JSON reader under them. Targets in tests/fuzz/*_fuzz.cpp, built into build/fuzz/.
#   JavaScript (tests/fuzz/js/fuzz.mjs: seeded random + mutation, no coverage feedback): the playground's CSV
#   importer and URL-state decoder, and the expression language's parser and evaluator.
# Seeds: real MNIST header slices and a valid safetensors file (tests/fuzz/seeds.mjs), plus every file in
# tests/fuzz/regressions/. A crash stops the run with the input saved in build/fuzz/artifacts/.
# FUZZ_SEED fixes libFuzzer's random seed (0, the default, picks a new one each run).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-${FUZZ_SECONDS:-30}}"
out=build/fuzz
mkdir -p "$out/artifacts"

# The engine, instrumented for fuzzing (no main) with ASan + UBSan; rebuilt incrementally.
flags="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [ ! -f "$out/engine/build.ninja" ]; then
  cmake -S . -B "$out/engine" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_COMPILER=clang++ \
    -DNABLA_NATIVE_ARCH=OFF -DNABLA_BUILD_TESTS=OFF -DNABLA_BUILD_CLI=OFF -DCMAKE_CXX_FLAGS_FUZZ="$flags" >/dev/null
fi
cmake --build "$out/engine" --target nabla_engine -j"${FUZZ_JOBS:-2}"

node tests/fuzz/seeds.mjs "$out/seeds"
for src in tests/fuzz/*_fuzz.cpp; do
  name="$(basename "$src" .cpp)"
  if [ ! -x "$out/$name" ] || [ "$src" -nt "$out/$name" ] || [ "$out/engine/libnabla.a" -nt "$out/$name" ]; then
    clang++ -std=c++20 $flags -fsanitize=fuzzer -Iengine/include -I/usr/include/eigen3 "$src" \
      "$out/engine/libnabla.a" -o "$out/$name"
  fi
done

for src in tests/fuzz/*_fuzz.cpp; do
  name="$(basename "$src" .cpp)"
  target="${name%_fuzz}"
  corpus="$out/corpus/$target"
  mkdir -p "$corpus"
  seeds=("$out/seeds/$target")
  [ -d "tests/fuzz/regressions/$target" ] && seeds+=("tests/fuzz/regressions/$target")
  echo "=== fuzz $target (libFuzzer, ${seconds} s)"
  "$out/$name" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -max_len=65536 -seed="${FUZZ_SEED:-0}" -artifact_prefix="$out/artifacts/$target-" -print_final_stats=1 2>"$out/$target.log" || {
    tail -60 "$out/$target.log"
    echo "fuzz $target: crash; input saved under $out/artifacts/ (add it to tests/fuzz/regressions/$target/)"
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$out/$target.log" | tr '\n' ' '; echo
done

echo "=== fuzz JavaScript parsers (seeded random + mutation, ${seconds} s each)"
js_seed=()
[ "${FUZZ_SEED:-0}" != 0 ] && js_seed=(--seed "$FUZZ_SEED")
node tests/fuzz/js/fuzz.mjs --seconds "$seconds" "${js_seed[@]}"
