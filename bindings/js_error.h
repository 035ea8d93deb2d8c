// Turning a C++ exception into a JS NablaError, for the concept binding files (bindings/embind_*.cpp): the
// same contract as embind.cpp's `guarded` (message and kind carried over, engine usable afterwards).
#pragma once
#include <exception>

namespace nabla::bindings {

/// Copies the kind and message of `e` (nullptr: an unknown exception) for throw_recorded_error.
void record_error(const std::exception* e);
/// Throws the recorded error as a JS NablaError. Called after the catch block has ended, so the C++
/// exception is already freed when the JS one unwinds the stack.
[[noreturn]] void throw_recorded_error();

/// Runs f; a C++ exception leaves as a JS NablaError.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    record_error(&e);
  } catch (...) {
    record_error(nullptr);
  }
  throw_recorded_error();
}

}  // namespace nabla::bindings
