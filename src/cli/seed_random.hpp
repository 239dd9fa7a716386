// Reproducible randomness for synthetic data: every row draws from its own stream, named by the
// run's seed, the kind of row and the row's number, so a row's text and id never depend on the
// rows before it and batches can be prepared on any thread in any order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace hiresafe::cli {

// What `hiresafe seed` uses when no --seed is given.
inline constexpr std::uint64_t kDefaultSeed = 20261122;

// SplitMix64 (Steele, Lea and Flood, 2014): one add and two multiplies a draw, good enough for
// test data, and its results, unlike std::uniform_int_distribution's, are the same with every
// standard library.
class SeedRng {
 public:
  using result_type = std::uint64_t;

  SeedRng(std::uint64_t seed, std::string_view stream, long long n) {
    std::uint64_t name = 0xcbf29ce484222325ULL;  // FNV-1a of the stream's name
    for (unsigned char c : stream) name = (name ^ c) * 0x100000001b3ULL;
    state_ = mix(mix(seed ^ name) + static_cast<std::uint64_t>(n));
  }

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return UINT64_MAX; }
  result_type operator()() { return mix(state_ += 0x9e3779b97f4a7c15ULL); }

  // A whole number from lo to hi, both included (Lemire's multiply-shift; the bias is far
  // below anything test data could show).
  long long between(long long lo, long long hi) {
    const auto span = static_cast<unsigned __int128>(hi - lo) + 1;
    return lo + static_cast<long long>((span * (*this)()) >> 64);
  }
  bool percent(int p) { return between(0, 99) < p; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

  template <class C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(
        between(0, static_cast<long long>(std::size(items)) - 1))];
  }

 private:
  static constexpr std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t state_;
};

// The id of synthetic row `n` of `kind` in the run seeded with `seed`, in core::new_id's format.
inline std::string synthetic_id(std::string_view prefix, std::uint64_t seed, std::string_view kind,
                                long long n) {
  return core::derived_id(prefix, "hiresafe-seed/" + std::to_string(seed) + "/" +
                                      std::string(kind) + "/" + std::to_string(n));
}

}  // namespace hiresafe::cli
