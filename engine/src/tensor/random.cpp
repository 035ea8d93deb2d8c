// xoshiro128+ with splitmix64 seeding: tiny, fast and identical on every platform.
#include "nabla/tensor/random.h"

#include <cmath>

namespace nabla {

namespace {
uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
}  // namespace

void Generator::seed_(uint64_t seed) {
  uint64_t a = splitmix64(seed), b = splitmix64(seed);
  s_[0] = static_cast<uint32_t>(a);
  s_[1] = static_cast<uint32_t>(a >> 32);
  s_[2] = static_cast<uint32_t>(b);
  s_[3] = static_cast<uint32_t>(b >> 32);
  has_spare_ = false;
}

uint32_t Generator::next_u32() {
  uint32_t result = s_[0] + s_[3];
  uint32_t t = s_[1] << 9;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 11);
  return result;
}

float Generator::uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

float Generator::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // u1 in (0, 1] so that log(u1) is finite.
  double u1 = (static_cast<double>(next_u32() >> 8) + 1.0) / 16777216.0;
  double u2 = static_cast<double>(next_u32() >> 8) / 16777216.0;
  double r = std::sqrt(-2.0 * std::log(u1)), theta = 6.283185307179586 * u2;
  spare_ = static_cast<float>(r * std::sin(theta));
  has_spare_ = true;
  return static_cast<float>(r * std::cos(theta));
}

uint32_t Generator::below(uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(next_u32()) * n) >> 32);
}

Generator& default_generator() {
  static Generator generator(0);
  return generator;
}

}  // namespace nabla
