// The JS side of bindings/js_error.h: the C++ exception's kind and message are copied out in its catch block
// and thrown as a JS NablaError once that block has ended.
#include "js_error.h"

#include <emscripten/emscripten.h>

#include <new>
#include <string>
#include <typeinfo>

#include "nabla/error.h"

namespace {

EM_JS(void, nabla_throw_concept_error, (const char* kind, const char* message), {
  throw Module["makeNablaError"](UTF8ToString(kind), UTF8ToString(message));
});

const char* kind_of(const std::exception& e) {
  if (dynamic_cast<const nabla::ShapeError*>(&e)) return "ShapeError";
  if (dynamic_cast<const nabla::IndexError*>(&e)) return "IndexError";
  if (dynamic_cast<const nabla::ValueError*>(&e)) return "ValueError";
  if (dynamic_cast<const nabla::AutogradError*>(&e)) return "AutogradError";
  if (dynamic_cast<const nabla::FormatError*>(&e)) return "FormatError";
  if (dynamic_cast<const std::bad_alloc*>(&e)) return "OutOfMemory";
  return "Error";
}

std::string g_kind, g_message;

}  // namespace

namespace nabla::bindings {

void record_error(const std::exception* e) {
  g_kind = e ? kind_of(*e) : "Error";
  g_message = e ? e->what() : "unknown C++ exception";
}

void throw_recorded_error() {
  nabla_throw_concept_error(g_kind.c_str(), g_message.c_str());
  __builtin_unreachable();
}

}  // namespace nabla::bindings
