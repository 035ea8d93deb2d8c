# The WebAssembly build (included by the top-level CMakeLists.txt under Emscripten): the engine compiled with
# WebAssembly SIMD, plus the Embind layer, linked into an ES module pair build/wasm/nabla.js + nabla.wasm.
# No Eigen here: the engine's WebAssembly GEMM and tanh are its own SIMD128 kernels (engine/src/ops/gemm.cpp,
# tanh_kernel.h), and gemm_eigen.cpp is left out of this build. (The former SSE-through-emulation path for
# Eigen, -msse -msse2 with an empty <mmintrin.h> and -fgnuc-version=4.30, was removed once the .wasm built
# without it proved byte-identical.)
target_compile_options(nabla_engine PUBLIC -Wno-unknown-warning-option -msimd128 -fwasm-exceptions)

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
