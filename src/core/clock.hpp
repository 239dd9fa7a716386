// Injected time: every rule about seconds, days and months reads a Clock, so tests move it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace hiresafe::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch (UTC).
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// Real time plus an offset that tests move forward; only built when the server runs with
// --test-clock, so production can never be time-shifted.
class OffsetClock final : public Clock {
 public:
  std::int64_t now() const override { return base_.now() + offset_.load(); }
  void advance(std::int64_t seconds) { offset_.fetch_add(seconds); }
  std::int64_t offset() const { return offset_.load(); }

 private:
  SystemClock base_;
  std::atomic<std::int64_t> offset_{0};
};

}  // namespace hiresafe::core
