// store::Combiner: concurrent callers' items go out together, each caller gets the outcome of
// its own item, and nobody waits when alone.
#include <gtest/gtest.h>

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

  std::vector<int> flush(const std::vector<const int*>& items) {
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
  Combiner<int, int> combiner([&](const auto& items) { return rec.flush(items); }, 64);
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
  Combiner<int, int> combiner([&](const auto& items) { return rec.flush(items); }, kMax);
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

}  // namespace
