// The background loop (core::Periodic) and the watch built on it (core::ChangeWatch): rounds
// come at the interval, stopping does not wait for the next one, and the watch's `since` moves
// on only after a round succeeds.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/periodic.hpp"
#include "test_env.hpp"

using namespace hiresafe;

TEST(Periodic, RunsItsTaskRepeatedly) {
  std::atomic<int> rounds{0};
  core::Periodic loop(std::chrono::milliseconds(5), [&] { ++rounds; });
  EXPECT_TRUE(hiresafe::testing::eventually([&] { return rounds.load() >= 3; }));
}

TEST(Periodic, StoppingWakesTheThreadWithoutARound) {
  std::atomic<int> rounds{0};
  const auto started = std::chrono::steady_clock::now();
  {
    core::Periodic loop(std::chrono::hours(1), [&] { ++rounds; });
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(rounds.load(), 0);
}

TEST(ChangeWatch, SinceMovesOnOnlyAfterASuccessfulRound) {
  hiresafe::testing::ManualClock manual;
  const long long start = manual.now();
  std::mutex mutex;
  std::vector<long long> seen;
  std::atomic<bool> fail{true};
  std::optional<core::ChangeWatch> watch;
  watch.emplace(manual, std::chrono::milliseconds(2), [&](long long since) -> core::Status {
    std::lock_guard lock(mutex);
    seen.push_back(since);
    if (fail) return core::Error::internal("database away");
    return core::Unit{};
  });
  const auto rounds = [&] {
    std::lock_guard lock(mutex);
    return seen.size();
  };
  ASSERT_TRUE(hiresafe::testing::eventually([&] { return rounds() >= 2; }));
  manual.advance(100);
  const std::size_t failed = rounds();
  ASSERT_TRUE(hiresafe::testing::eventually([&] { return rounds() >= failed + 2; }));
  fail = false;
  ASSERT_TRUE(hiresafe::testing::eventually([&] {
    std::lock_guard lock(mutex);
    return !seen.empty() && seen.back() == start + 100 - core::ChangeWatch::kLookBackSeconds;
  }));
  watch.reset();
  std::lock_guard lock(mutex);
  // While rounds failed, every one looked back to the start; afterwards, to the last success.
  for (std::size_t i = 0; i < failed + 2; ++i)
    EXPECT_EQ(seen[i], start - core::ChangeWatch::kLookBackSeconds) << i;
}
