// Embind entry points for the engine's thread pool: the loader sets the pool size once, right after the
// threaded build loads (nb.build.threads reads it back); the single-threaded build reports 1.
#include <emscripten/bind.h>

#include "js_error.h"
#include "nabla/nabla.h"

namespace {

void set_num_threads_t(int n) {
  nabla::bindings::guarded([&] { nabla::set_num_threads(n); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_threads) {
  emscripten::function("_setNumThreads", &set_num_threads_t);
  emscripten::function("_getNumThreads", &nabla::get_num_threads);
  emscripten::function("_maxNumThreads", &nabla::max_num_threads);
  // For the tests: chunks handed to the pool so far (proves that work was split).
  emscripten::function("_chunksDispatched", +[] { return static_cast<double>(nabla::detail::chunks_dispatched()); });
}
