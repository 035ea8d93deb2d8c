// Empty on purpose: Eigen's SSE path includes <mmintrin.h> (MMX), which Emscripten does not provide, and uses
// nothing from it. Emscripten's <xmmintrin.h>/<emmintrin.h> map SSE/SSE2 onto WebAssembly SIMD.
#pragma once
