#!/usr/bin/env bash
# CMake package stage: an outside project (tests/cmake/consumer) takes nabla both ways and runs:
#   1. find_package(nabla CONFIG REQUIRED) against `cmake --install build/native --prefix <temp dir>`;
#   2. FetchContent with SOURCE_DIR = this checkout (add_subdirectory underneath): no tests, no GTest, no
#      -march=native reach the consumer's build;
# each app checks that nabla::version() is package.json's; find_package with a wrong prefix fails, naming
# nablaConfig.cmake, and so does one asking for an incompatible version. Uses ccache when it is installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$(date +%s)
version=$(node -p "require('./package.json').version")

[ -f build/native/build.ninja ] || bash scripts/build-native.sh native
cmake --build --preset native --target nabla_engine nabla >/dev/null
cmake --install build/native --prefix "$tmp/prefix" >/dev/null
for f in include/nabla/nabla.h lib/libnabla.a lib/cmake/nabla/nablaConfig.cmake lib/cmake/nabla/nablaConfigVersion.cmake \
         lib/cmake/nabla/nablaTargets.cmake bin/nabla; do
  [ -e "$tmp/prefix/$f" ] || { echo "cmake package: $f missing from the installed prefix"; exit 1; }
done
# The engine's thread pool: Threads is part of the link interface, and the config finds it.
grep -q 'Threads::Threads' "$tmp/prefix/lib/cmake/nabla/nablaTargets.cmake" &&
  grep -q 'if(ON)' "$tmp/prefix/lib/cmake/nabla/nablaConfig.cmake" ||
  { echo "cmake package: Threads missing from nabla::nabla's link interface or its config"; exit 1; }
if grep -q -- '-march' "$tmp/prefix/lib/cmake/nabla/nablaTargets.cmake"; then
  echo "cmake package: -march leaks into nabla::nabla's usage requirements"; exit 1
fi

echo "--- find_package(nabla CONFIG REQUIRED) against the installed prefix"
cmake -S tests/cmake/consumer -B "$tmp/find" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNABLA_CONSUMER=find_package \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" -DNABLA_EXPECTED_VERSION="$version" "${launcher[@]}" >/dev/null
cmake --build "$tmp/find" >/dev/null
"$tmp/find/app"

echo "--- FetchContent (add_subdirectory) of this checkout"
cmake -S tests/cmake/consumer -B "$tmp/fetch" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNABLA_CONSUMER=fetchcontent \
  -DNABLA_SOURCE="$root" -DNABLA_EXPECTED_VERSION="$version" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "${launcher[@]}" >/dev/null
ninja -C "$tmp/fetch" -t targets all | grep -q 'nabla_tests' && { echo "cmake package: tests built as a subproject"; exit 1; }
grep -q -- '-march=native' "$tmp/fetch/compile_commands.json" && { echo "cmake package: -march=native in a subproject"; exit 1; }
grep -q '^GTest_DIR' "$tmp/fetch/CMakeCache.txt" && { echo "cmake package: GTest looked up by a subproject"; exit 1; }
cmake --build "$tmp/fetch" -j2 >/dev/null
"$tmp/fetch/app"

echo "--- find_package with a wrong prefix fails"
if cmake -S tests/cmake/consumer -B "$tmp/wrong" -G Ninja -DNABLA_CONSUMER=find_package \
     -DCMAKE_PREFIX_PATH="$tmp/nowhere" >"$tmp/wrong.log" 2>&1; then
  echo "cmake package: configuring against a wrong prefix succeeded"; exit 1
fi
grep -q 'nablaConfig.cmake' "$tmp/wrong.log" || { cat "$tmp/wrong.log"; exit 1; }

echo "--- find_package asking for a version the package is not compatible with fails"
if cmake -S tests/cmake/consumer -B "$tmp/old" -G Ninja -DNABLA_CONSUMER=find_package -DCMAKE_PREFIX_PATH="$tmp/prefix" \
     -DNABLA_ASK_VERSION=99.0 >"$tmp/old.log" 2>&1; then
  echo "cmake package: find_package(nabla 99.0) succeeded"; exit 1
fi
grep -q "version: $version" "$tmp/old.log" || { cat "$tmp/old.log"; exit 1; }
echo "cmake package: both consumers built and ran, in $(( $(date +%s) - start )) s"
