// Embind entry point for nabla::version(), read by the JS API as nb.build.version.
#include <emscripten/bind.h>

#include <string>

#include "nabla/version.h"

EMSCRIPTEN_BINDINGS(nabla_version) {
  emscripten::function("_version", +[]() { return std::string(nabla::version()); });
}
