// A small, portable random generator (xoshiro128+ seeded by splitmix64) so that the same seed gives
// bit-identical numbers natively and in WebAssembly; std::normal_distribution differs between libstdc++ and libc++.
#pragma once
#include <cstdint>

namespace nabla {

class Generator {
 public:
  explicit Generator(uint64_t seed = 0) { seed_(seed); }
  void seed_(uint64_t seed);
  uint32_t next_u32();
  /// Uniform in [0, 1) with 24 random bits.
  float uniform();
  /// Standard normal by Box-Muller, computed in double for portability.
  float normal();
  /// Uniform integer in [0, n).
  uint32_t below(uint32_t n);

 private:
  uint32_t s_[4];
  bool has_spare_ = false;
  float spare_ = 0;
};

/// The generator behind manual_seed, randn, rand, init and dropout.
Generator& default_generator();

}  // namespace nabla
