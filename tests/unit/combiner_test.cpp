// store::Combiner: concurrent callers' items go out together, each caller gets the outcome of
// its own item, and nobody waits when alone.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <numeric>
#include <thread>

#include "store/combiner.hpp"

using hiresafe::store::Combiner;

namespace {

// Records every batch's size; the outcome of item n is n * 10.
struct Recorder {
  std::chrono::milliseconds delay{0};
  std::mutex mutex;
  std::vector<std::size_t> sizes;

  std::vector<int> flush(const std::vector<const int*>& items) {
    std::this_thread::sleep_for(delay);
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
  rec.delay = std::chrono::milliseconds(5);  // a batch in flight while the others arrive
  constexpr int kCallers = 48;
  constexpr std::size_t kMax = 8;
  Combiner<int, int> combiner([&](const auto& items) { return rec.flush(items); }, kMax);
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
