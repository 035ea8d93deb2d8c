// A scope that sets one of autograd's thread-local switches (grad mode, anomaly mode) and puts back the
// previous value on every way out.
#pragma once

namespace nabla {

template <bool (*Get)(), void (*Set)(bool)>
class FlagGuard {
 public:
  explicit FlagGuard(bool value) : prev_(Get()) { Set(value); }
  ~FlagGuard() { Set(prev_); }
  FlagGuard(const FlagGuard&) = delete;
  FlagGuard& operator=(const FlagGuard&) = delete;

 private:
  bool prev_;
};

}  // namespace nabla
