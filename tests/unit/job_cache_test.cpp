// The in-memory copy of open job posts (jobs::JobCache): what it hands out, when it stops,
// and that a read racing with a change can never store the old version.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "jobs/job_cache.hpp"

using hiresafe::jobs::JobCache;

namespace {

JobCache::Entry entry(const std::string& body, long long expires_at = 1000,
                      long long loaded_at = 100) {
  return {body, expires_at, loaded_at};
}

TEST(JobCache, HandsOutWhatWasPutUntilForgotten) {
  JobCache cache(100, 60);
  EXPECT_EQ(cache.find("j_1", 100), nullptr);
  cache.put("j_1", cache.ticket("j_1"), entry(R"({"title":"a"})"));
  auto kept = cache.find("j_1", 120);
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->body, R"({"title":"a"})");
  EXPECT_EQ(cache.find("j_2", 120), nullptr);
  cache.forget("j_1");
  EXPECT_EQ(cache.find("j_1", 120), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(JobCache, NeverServesAnExpiredPostNorOneOlderThanTheMaximumAge) {  // JOB-1
  JobCache cache(100, 60);
  cache.put("j_1", cache.ticket("j_1"), entry("{}", /*expires_at=*/150, /*loaded_at=*/100));
  EXPECT_NE(cache.find("j_1", 149), nullptr);
  EXPECT_EQ(cache.find("j_1", 150), nullptr);  // expired at that second
  cache.put("j_2", cache.ticket("j_2"), entry("{}", 100000, 100));
  EXPECT_NE(cache.find("j_2", 159), nullptr);
  EXPECT_EQ(cache.find("j_2", 160), nullptr);  // read 60 s ago: read again
}

TEST(JobCache, AReadThatRacedWithAChangeIsNotKept) {
  JobCache cache(100, 60);
  const auto before = cache.ticket("j_1");  // a reader starts reading the post
  cache.forget("j_1");                      // meanwhile the post changes
  cache.put("j_1", before, entry("old version"));
  EXPECT_EQ(cache.find("j_1", 100), nullptr);
  // A reader that started after the change keeps its (new) version.
  cache.put("j_1", cache.ticket("j_1"), entry("new version"));
  ASSERT_NE(cache.find("j_1", 100), nullptr);
  EXPECT_EQ(cache.find("j_1", 100)->body, "new version");
}

TEST(JobCache, StaysWithinItsCapacityAndZeroKeepsNothing) {
  JobCache cache(64, 60);
  for (int i = 0; i < 1000; ++i) {
    const std::string id = "j_" + std::to_string(i);
    cache.put(id, cache.ticket(id), entry(id));
  }
  EXPECT_LE(cache.size(), 64u);
  EXPECT_GE(cache.size(), 16u);
  // The newest post is always kept.
  EXPECT_NE(cache.find("j_999", 100), nullptr);

  JobCache off(0, 60);
  off.put("j_1", off.ticket("j_1"), entry("{}"));
  EXPECT_EQ(off.find("j_1", 100), nullptr);
  EXPECT_EQ(off.size(), 0u);
}

TEST(JobCache, ReadersAndChangesOnManyThreadsNeverSeeATornEntry) {
  JobCache cache(1000, 60);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 5000; ++i) {
        const std::string id = "j_" + std::to_string(i % 50);
        if ((i + t) % 7 == 0) {
          cache.forget(id);
        } else if (auto kept = cache.find(id, 100)) {
          ASSERT_EQ(kept->body, "post " + id);
        } else {
          cache.put(id, cache.ticket(id), entry("post " + id));
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.size(), 50u);
}

}  // namespace
