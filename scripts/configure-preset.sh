#!/usr/bin/env bash
# Sourced by build-native.sh and build-wasm.sh: configure_preset PRESET WHO DIRS configures a CMake preset, and
# when CMake cannot use the build directory (copied from another checkout, half deleted) says what to remove.
configure_preset() {
  local preset="$1" who="$2" dirs="$3"
  mkdir -p build
  if ! cmake --preset "$preset" >"build/$preset-configure.log" 2>&1; then
    tail -n 20 "build/$preset-configure.log" >&2
    echo "$who: configuring ${dirs%% *} failed (log: build/$preset-configure.log). If the build directory is" >&2
    echo "  broken or was copied from another checkout, remove it and build again: rm -rf $dirs" >&2
    exit 1
  fi
}
