// A task run every `interval` on a thread of its own, until the Periodic is destroyed: the
// background rounds (the caches' watches for changes made on other nodes, the last-seen and
// access-record writers) share this one loop instead of each keeping a thread, a condition
// variable and a stop flag. The destructor wakes the thread at once and waits for a round in
// progress; it does not run one more. Declare a Periodic after everything its task uses, so that
// it stops first.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hiresafe::core {

class Periodic {
 public:
  Periodic(std::chrono::milliseconds interval, std::function<void()> task);
  ~Periodic();
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A node's watch over rows other nodes change, for a cache that must forget them: every
// `interval` it calls `forget(since)` with a time at or before the last successful round's start.
// A change is stamped with its writer's clock before its transaction commits, perhaps on a node
// whose clock is a little behind, so each round looks back kLookBackSeconds before the last; a
// failed round (database unreachable) is covered by the next, which looks back further.
class ChangeWatch {
 public:
  static constexpr long long kLookBackSeconds = 10;
  ChangeWatch(const Clock& clock, std::chrono::milliseconds interval,
              std::function<Status(long long since)> forget);

 private:
  long long since_;
  Periodic rounds_;  // last: it uses since_
};

}  // namespace hiresafe::core
