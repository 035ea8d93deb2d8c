# The WebAssembly build (included by the top-level CMakeLists.txt under Emscripten): the engine compiled with
# WebAssembly SIMD, plus the Embind layer, linked into an ES module pair build/wasm/nabla.js + nabla.wasm.
#
# Eigen 3.4 has no WebAssembly SIMD path, but takes its SSE path through Emscripten's SSE headers
# (-msse -msse2 on top of -msimd128): measured 1.10-1.16x faster on a standalone Eigen GEMM (n = 64..512) than
# -msimd128 alone. The engine's WebAssembly GEMM is now its own SIMD128 kernel (engine/src/ops/gemm.cpp) and no
# Eigen code reaches the .wasm, so today the option leaves the binary byte-identical; it stays on so that any
# Eigen kernel that does get compiled takes the faster path.
# Two snags, both handled here: Eigen includes <mmintrin.h>, which Emscripten lacks (bindings/compat has an
# empty one), and clang reports itself as GCC 4.2, so Eigen picks x86 inline assembly for pmin/pmax (GCC < 6.3
# workaround). -fgnuc-version=4.30 makes EIGEN_COMP_GNUC = 70 (no pmin asm) while EIGEN_GNUC_AT_LEAST(6,0)
# stays false (no GEBP register-spilling asm either).
option(NABLA_WASM_SSE "Compile Eigen's SSE path through Emscripten's SSE headers" ON)
target_compile_options(nabla_engine PUBLIC -Wno-unknown-warning-option -msimd128 -fwasm-exceptions)
if(NABLA_WASM_SSE)
  target_include_directories(nabla_engine BEFORE PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/bindings/compat>)
  target_compile_options(nabla_engine PUBLIC -msse -msse2 -fgnuc-version=4.30)
endif()

set(NABLA_WASM_OUTPUT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/build/wasm CACHE PATH "Where nabla.js and nabla.wasm go")
# Every bindings/*.cpp is one concept's EMSCRIPTEN_BINDINGS block (embind.cpp holds the core).
file(GLOB NABLA_BINDING_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/bindings/*.cpp)
add_executable(nabla_wasm ${NABLA_BINDING_SOURCES})
target_link_libraries(nabla_wasm PRIVATE nabla_engine)
set_target_properties(nabla_wasm PROPERTIES
  OUTPUT_NAME nabla
  SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY ${NABLA_WASM_OUTPUT_DIR})
# ES module factory; web and worker only: in Node the bindings pass the .wasm bytes (wasmBinary), because
# Emscripten 3.1.6's Node path uses __dirname and fetch in ways Node 20's ES modules reject.
target_link_options(nabla_wasm PRIVATE
  --bind
  -fwasm-exceptions
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createNablaModule
  -sENVIRONMENT=web,worker
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0)
