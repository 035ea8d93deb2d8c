// User-defined elementwise ops: y = f(x) and its derivative f'(x), each a postfix program over the engine's own
// elementwise primitives, so that a learner's op (typed on the graph page) trains in C++ like a built-in one.
//
//   user op(x)    y = f(x)          dx += dy * f'(x)     f' is evaluated with tensor ops, so it is differentiable
//                                                        again: grad of grad of a user op is exact.
//
// Postfix programs: tokens separated by spaces, read left to right onto a stack.
//   x                      the input                     1.5, -2, 1e-3    a constant
//   neg exp log sqrt abs sin cos tanh sigmoid relu gelu softplus    one operand
//   leaky_relu:S  clamp:LO:HI                            one operand, constant parameters
//   sum mean max                                         full reductions (never elementwise: they give a
//                                                        shape error, which is the point of allowing them)
//   add sub mul div pow                                  two operands (the first pushed is the left one)
// e.g. swish: forward "x x sigmoid mul", derivative "x sigmoid 1 x 1 x sigmoid sub mul add mul".
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "nabla/tensor/tensor.h"

namespace nabla {

class ElementwiseOp {
 public:
  /// Parses both programs and runs them on a probe input; ValueError naming the op, the program and the token
  /// for a bad name, token or operand count; ShapeError when a program does not keep its input's shape.
  ElementwiseOp(std::string name, const std::string& forward, const std::string& derivative);

  /// y = f(x), recorded as one node named after the op; its backward is dy * f'(x).
  Tensor operator()(const Tensor& x) const;
  /// f'(x) itself (differentiable).
  Tensor derivative(const Tensor& x) const;
  const std::string& name() const { return name_; }
  const std::string& forward_program() const { return forward_src_; }
  const std::string& derivative_program() const { return derivative_src_; }

  struct Step;  // one token of a program

 private:
  std::string name_, forward_src_, derivative_src_;
  const char* interned_name_;  // the graph's nodes keep a const char* op name: it must outlive every node
  std::shared_ptr<const std::vector<Step>> forward_, derivative_;
};

/// Registers `op` under its name, replacing an op registered before under that name (a learner edits it).
/// ValueError for a name that is not an identifier or that names a built-in op or activation.
void register_elementwise_op(const ElementwiseOp& op);
/// The registered op of that name, or nullptr.
std::shared_ptr<const ElementwiseOp> find_elementwise_op(const std::string& name);
/// Removes a registered op (no-op when absent); models already built keep their copy.
void unregister_elementwise_op(const std::string& name);

}  // namespace nabla
