// The version of nabla: package.json's, passed in by CMake, so that the C++ library, the CLI, the WASM module
// (nb.build.version) and the npm and CMake packages all report the same number.
#pragma once

namespace nabla {

/// "major.minor.patch", e.g. "0.1.0".
const char* version();

}  // namespace nabla
