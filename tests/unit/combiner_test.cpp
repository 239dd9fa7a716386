// store::Combiner: concurrent callers' items go out together, each caller gets the outcome of
// its own item, and nobody waits when alone.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <numeric>
#include <thread>

#include "store/combiner.hpp"

using hiresafe::store::Combiner;

namespace {

// Records every batch's size; the outcome of item n is n * 10.
struct Recorder {
  // Called with each batch's size before it is recorded; may hold the batch in flight.
  std::function<void(std::size_t)> hold = [](std::size_t) {};
  std::mutex mutex;
  std::vector<std::size_t> sizes;

  std::vector<int> flush(const std::vector<const int*>& items, std::size_t = 0) {
    hold(items.size());
    {
      std::lock_guard lock(mutex);
      sizes.push_back(items.size());
    }
    std::vector<int> out;
    for (const int* n : items) out.push_back(*n * 10);
    return out;
  }
};

TEST(Combiner, ACallerAloneIsServedAtOnceInABatchOfOne) {
  Recorder rec;
  Combiner<int, int> combiner([&](const auto& items, std::size_t) { return rec.flush(items); }, 64);
  EXPECT_EQ(combiner.submit(4), 40);
  EXPECT_EQ(combiner.submit(5), 50);
  EXPECT_EQ(rec.sizes, (std::vector<std::size_t>{1, 1}));
  EXPECT_EQ(combiner.batches(), 2);
  EXPECT_EQ(combiner.items(), 2);
}

TEST(Combiner, ConcurrentCallersShareBatchesAndEachGetsItsOwnOutcome) {
  Recorder rec;
  constexpr int kCallers = 48;
  constexpr std::size_t kMax = 8;
  Combiner<int, int> combiner([&](const auto& items, std::size_t) { return rec.flush(items); },
                              kMax);
  // The first batch stays in flight until every other caller is queued behind it (batches run
  // one at a time, so `first` needs no lock). The deadline only keeps a broken combiner from
  // hanging the test; the assertions below then fail.
  bool first = true;
  rec.hold = [&](std::size_t n) {
    if (!first) return;
    first = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (combiner.waiting() < kCallers - n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::yield();
  };
  std::vector<int> got(kCallers, -1);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) threads.emplace_back([&, i] { got[i] = combiner.submit(i); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kCallers; ++i) EXPECT_EQ(got[i], i * 10) << "caller " << i;
  EXPECT_EQ(std::accumulate(rec.sizes.begin(), rec.sizes.end(), std::size_t{0}),
            std::size_t{kCallers})
      << "every item flushed exactly once";
  for (std::size_t size : rec.sizes) EXPECT_LE(size, kMax);
  EXPECT_LT(rec.sizes.size(), std::size_t{kCallers}) << "callers that queued went out together";
  EXPECT_EQ(combiner.batches(), static_cast<long long>(rec.sizes.size()));
  EXPECT_EQ(combiner.items(), kCallers);
}

// With two flights, a second batch runs beside a first one still in flight, but only once
// `min_extra` callers wait: a lone caller behind a running batch waits for it instead of going
// out in a batch (and a commit) of its own. The two batches run in different flights.
TEST(Combiner, AFurtherBatchRunsAlongsideOnlyOnceEnoughCallersWait) {
  constexpr std::size_t kMinExtra = 3;
  std::mutex mutex;
  std::vector<std::pair<std::size_t, std::size_t>> batches;  // size, flight
  std::atomic<bool> release{false};
  std::atomic<int> running{0};
  std::atomic<int> most_running{0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto until = [&](const std::function<bool()>& done) {
    while (!done() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  };
  Combiner<int, int> combiner(
      [&](const std::vector<const int*>& items, std::size_t flight) {
        const int now = ++running;
        most_running = std::max(most_running.load(), now);
        {
          std::lock_guard lock(mutex);
          batches.emplace_back(items.size(), flight);
        }
        if (*items.front() == 0) until([&] { return release.load(); });  // the first batch
        --running;
        std::vector<int> out;
        for (const int* n : items) out.push_back(*n * 10);
        return out;
      },
      64, 2, kMinExtra);
  auto batch_count = [&] {
    std::lock_guard lock(mutex);
    return batches.size();
  };
  std::vector<int> got(4, -1);
  std::vector<std::thread> threads;
  threads.emplace_back([&] { got[0] = combiner.submit(0); });
  until([&] { return batch_count() == 1; });
  threads.emplace_back([&] { got[1] = combiner.submit(1); });
  // Queued means it chose to wait: a caller decides under the same lock it queued under.
  until([&] { return combiner.waiting() == 1; });
  EXPECT_EQ(batch_count(), 1u) << "one waiting caller does not start a second batch";
  threads.emplace_back([&] { got[2] = combiner.submit(2); });
  until([&] { return combiner.waiting() == 2; });
  EXPECT_EQ(batch_count(), 1u);
  threads.emplace_back([&] { got[3] = combiner.submit(3); });
  until([&] { return batch_count() == 2; });
  release = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(got, (std::vector<int>{0, 10, 20, 30}));
  using Batch = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(batches, (std::vector<Batch>{{1, 0}, {3, 1}}))
      << "the three waiting callers went out together, in the free flight";
  EXPECT_EQ(most_running.load(), 2) << "while the first batch was still in flight";
}

// Many callers against two flights: every caller gets its own item's outcome, every item goes
// out exactly once, and no two batches running at once share a flight.
TEST(Combiner, TwoFlightsUnderManyCallersKeepOutcomesAndFlightsApart) {
  constexpr int kThreads = 16;
  constexpr int kEach = 200;
  std::array<std::atomic<int>, 2> in_flight{};
  std::atomic<int> clashes{0};
  std::atomic<long long> flushed{0};
  Combiner<int, int> combiner(
      [&](const std::vector<const int*>& items, std::size_t flight) {
        if (flight >= in_flight.size() || in_flight[flight]++ != 0) ++clashes;
        std::this_thread::yield();  // let the other flight overlap
        flushed += static_cast<long long>(items.size());
        std::vector<int> out;
        for (const int* n : items) out.push_back(*n + 1);
        if (flight < in_flight.size()) --in_flight[flight];
        return out;
      },
      8, 2, 2);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const int item = t * kEach + i;
        if (combiner.submit(item) != item + 1) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(clashes.load(), 0) << "two running batches in one flight, or a flight out of range";
  EXPECT_EQ(flushed.load(), kThreads * kEach);
  EXPECT_EQ(combiner.items(), kThreads * kEach);
}

// A lone caller finds no batch running and goes at once, in flight 0, whatever the minimum.
TEST(Combiner, ALoneCallerNeedsNoMinimum) {
  std::vector<std::size_t> flights;
  Combiner<int, int> combiner(
      [&](const std::vector<const int*>& items, std::size_t flight) {
        flights.push_back(flight);
        return std::vector<int>(items.size(), 1);
      },
      64, 2, 8);
  EXPECT_EQ(combiner.submit(1), 1);
  EXPECT_EQ(combiner.submit(2), 1);
  EXPECT_EQ(flights, (std::vector<std::size_t>{0, 0}));
}

}  // namespace
