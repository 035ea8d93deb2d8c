// Embind entry point for the exit to PyTorch (engine/include/nabla/io/pytorch_script.h): a Trainer's model,
// at the weights the run starts from, its options, and the data as rows, to the Python script's text.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "js_error.h"
#include "nabla/nabla.h"

namespace {

using emscripten::val;

// n rows of a Float32Array: (n, values / n), or (n) when each row holds one value and `flat_single` is set
nabla::Tensor rows(const val& values, int n, bool flat_single) {
  std::vector<float> v = emscripten::convertJSArrayToNumberVector<float>(values);
  if (n < 0 || (n == 0 ? !v.empty() : v.size() % n))
    throw nabla::ShapeError("pytorchScript: " + std::to_string(v.size()) + " values are not whole rows for n = " +
                            std::to_string(n));
  const int64_t width = n ? static_cast<int64_t>(v.size()) / n : 0;
  if (flat_single && width <= 1) return nabla::tensor(v, nabla::Shape{n});
  return nabla::tensor(v, nabla::Shape{n, width});
}

std::string pytorch_script_of(const nabla::nn::Trainer& t, const val& train_x, const val& train_y, int n_train,
                              const val& test_x, const val& test_y, int n_test, int epochs,
                              const std::string& origin) {
  return nabla::bindings::guarded([&] {
    nabla::PytorchRun run{&t.model(), t.options(), rows(train_x, n_train, false), rows(train_y, n_train, true),
                          {}, {}, epochs, origin};
    if (n_test > 0) {
      run.test_x = rows(test_x, n_test, false);
      run.test_y = rows(test_y, n_test, true);
    }
    return nabla::pytorch_script(run);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_pytorch) {
  emscripten::function("_pytorchScript", &pytorch_script_of);
}
