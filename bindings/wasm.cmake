# The WebAssembly build (included by the top-level CMakeLists.txt under Emscripten): the engine compiled with
# WebAssembly SIMD, plus the Embind layer, linked into an ES module pair build/wasm/nabla.js + nabla.wasm.
# No Eigen here: the engine's WebAssembly GEMM and tanh are its own SIMD128 kernels (engine/src/ops/gemm.cpp,
# tanh_kernel.h), and gemm_eigen.cpp is left out of this build. (The former SSE-through-emulation path for
# Eigen, -msse -msse2 with an empty <mmintrin.h> and -fgnuc-version=4.30, was removed once the .wasm built
# without it proved byte-identical.)
target_compile_options(nabla_engine PUBLIC -Wno-unknown-warning-option -msimd128 -fwasm-exceptions)

# The threaded build (preset wasm-threads, output build/wasm-threads/): the same engine on Emscripten pthreads
# over a SharedArrayBuffer, beside the single-threaded build. Its Worker pool is created while the module
# loads, sized by the loader (Module.nablaPoolSize = threads - 1): a std::thread created later finds its
# Worker ready, without returning to the event loop (which a blocked caller never would).
option(NABLA_WASM_THREADS "Build with pthreads (SharedArrayBuffer) for the engine's thread pool" OFF)
if(NABLA_WASM_THREADS)
  target_compile_options(nabla_engine PUBLIC -pthread)
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
if(NABLA_WASM_THREADS)
  # bindings/compat/unwind_wasm_pthreads.cpp: C++ exceptions work in this build only with it (see there).
  set(NABLA_UNWIND_SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/bindings/compat/unwind_wasm_pthreads.cpp)
  target_sources(nabla_wasm PRIVATE ${NABLA_UNWIND_SOURCE})
  # libunwind's own unwind.h (the types libc++abi was built with), not clang's.
  set_source_files_properties(${NABLA_UNWIND_SOURCE} PROPERTIES
    INCLUDE_DIRECTORIES ${EMSCRIPTEN_ROOT_PATH}/system/lib/libunwind/include)
  # PTHREAD_POOL_SIZE is a JS expression, read when the module starts.
  target_link_options(nabla_wasm PRIVATE -pthread -sPTHREAD_POOL_SIZE=Module.nablaPoolSize)
endif()
