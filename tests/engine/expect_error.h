// Checks that a call throws the given nabla::Error subclass with a message naming the problem.
#pragma once
#include <gtest/gtest.h>

#include <string>

namespace nabla::testing {

template <typename E, typename F>
void expect_error(F f, const std::string& fragment) {
  try {
    f();
    FAIL() << "expected an error containing: " << fragment;
  } catch (const E& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace nabla::testing
