// The operator's pool of virtual numbers (COM-4), parsed from the `calls.pool` setting. Kept
// apart from the bindings so the configuration can check a pool without the database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace hiresafe::hiring {

// The operator's numbers as ranges of E.164 numbers, e.g.
// "+8617000000000-+8617000000999,+8617100000000-+8617100000049"; a number without "-" is a range
// of one. Numbers are computed from their index, so a range of millions costs nothing.
struct NumberPool {
  static core::Result<NumberPool> parse(const std::string& spec);

  std::uint64_t size() const { return size_; }
  // The i-th number across the ranges in the order written; i < size().
  std::string at(std::uint64_t i) const;

 private:
  struct Range {
    std::uint64_t first = 0;  // the digits after "+" as a number (the first digit is never 0)
    std::uint64_t count = 0;
    std::uint64_t start = 0;  // index of `first` across the whole pool
  };
  std::vector<Range> ranges_;
  std::uint64_t size_ = 0;
};

}  // namespace hiresafe::hiring
