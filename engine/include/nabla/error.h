// Errors thrown by the public API. Every message names the op (or file, or field) and the shapes involved,
// so a user can fix the call without reading engine code. Nothing is silently clamped.
#pragma once
#include <stdexcept>
#include <string>

namespace nabla {

/// Base class of every error nabla throws on bad input.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Shapes that do not fit: broadcasting, matmul inner dimensions, rank, reshape sizes.
class ShapeError : public Error {
 public:
  using Error::Error;
};

/// An axis or index outside its range.
class IndexError : public Error {
 public:
  using Error::Error;
};

/// A value that is not allowed: negative size, probability outside [0, 1), unknown name.
class ValueError : public Error {
 public:
  using Error::Error;
};

/// Misuse of autograd: backward on a non-scalar without a gradient, a freed graph, no grad to take.
class AutogradError : public Error {
 public:
  using Error::Error;
};

/// A file or byte buffer that is not what it claims to be (IDX, safetensors, CSV).
class FormatError : public Error {
 public:
  using Error::Error;
};

}  // namespace nabla
