// The session cache's own bookkeeping, without a database: what forgetting a session or a user
// drops, last-seen due on a hit, and what a full cache gives up first.
#include <gtest/gtest.h>

#include <string>

#include "identity/session_cache.hpp"

using hiresafe::identity::Auth;
using hiresafe::identity::SessionCache;

namespace {

constexpr long long kNow = 1'800'000'000;
constexpr long long kFar = kNow + 30 * 86400;  // a session's own expiry, far away

Auth auth_of(const std::string& user, const std::string& session) {
  return Auth{user, session, "seeker", {"seeker"}};
}

}  // namespace

TEST(SessionCache, ForgettingAUserDropsAllTheirSessionsAndNoOneElses) {  // ACC-3
  SessionCache cache(5);
  cache.set_session_ttl(300);
  cache.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  cache.put("h2", auth_of("u1", "s2"), kNow, kFar, kNow);
  cache.put("h3", auth_of("u2", "s3"), kNow, kFar, kNow);
  cache.forget_user("u1");
  EXPECT_FALSE(cache.get("h1", kNow, 60));
  EXPECT_FALSE(cache.get("h2", kNow, 60));
  ASSERT_TRUE(cache.get("h3", kNow, 60));
  cache.forget_session("s3");
  EXPECT_FALSE(cache.get("h3", kNow, 60));
  // Put again after being forgotten: the indexes follow, so forgetting works a second time.
  cache.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  ASSERT_TRUE(cache.get("h1", kNow, 60));
  cache.forget_user("u1");
  EXPECT_FALSE(cache.get("h1", kNow, 60));
}

TEST(SessionCache, EntriesLiveTheTrustWindowOrTheSessionWhicheverEndsFirst) {  // ACC-3
  SessionCache cache(5);
  cache.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  EXPECT_TRUE(cache.get("h1", kNow + 4, 60));
  EXPECT_FALSE(cache.get("h1", kNow + 5, 60)) << "without the watch: sessions.cache_seconds";
  cache.set_session_ttl(300);
  cache.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  EXPECT_TRUE(cache.get("h1", kNow + 299, 60));
  EXPECT_FALSE(cache.get("h1", kNow + 300, 60));
  cache.put("h2", auth_of("u2", "s2"), kNow, kNow + 10, kNow);
  EXPECT_FALSE(cache.get("h2", kNow + 10, 60)) << "the session itself expired";
  SessionCache off(0);
  off.set_session_ttl(300);
  off.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  EXPECT_FALSE(off.get("h1", kNow, 60)) << "cache_seconds = 0 keeps nothing";
}

TEST(SessionCache, AHitSaysWhenLastSeenIsDueOncePerInterval) {  // ACC-3
  SessionCache cache(5);
  cache.set_session_ttl(300);
  cache.put("h1", auth_of("u1", "s1"), kNow, kFar, kNow);
  EXPECT_FALSE(cache.get("h1", kNow + 59, 60)->touch_due);
  EXPECT_TRUE(cache.get("h1", kNow + 60, 60)->touch_due);
  EXPECT_FALSE(cache.get("h1", kNow + 61, 60)->touch_due) << "taken as written at +60";
  EXPECT_TRUE(cache.get("h1", kNow + 120, 60)->touch_due);
}

// A full cache gives up its expired entries first; only when too few have expired does it start
// again from empty.
TEST(SessionCache, AFullCacheDropsExpiredEntriesBeforeLiveOnes) {
  SessionCache cache(5);
  cache.set_session_ttl(300);
  constexpr int kFull = 100000;  // SessionCache::kMaxEntries
  for (int i = 0; i < kFull; ++i) {
    const std::string n = std::to_string(i);
    // Even-numbered sessions end at kNow + 10, odd ones much later.
    cache.put("h" + n, auth_of("u" + n, "s" + n), kNow, i % 2 == 0 ? kNow + 10 : kFar, kNow);
  }
  cache.put("new", auth_of("u-new", "s-new"), kNow + 20, kFar, kNow + 20);
  EXPECT_TRUE(cache.get("new", kNow + 20, 60));
  EXPECT_TRUE(cache.get("h1", kNow + 20, 60)) << "a live entry survives";
  EXPECT_TRUE(cache.get("h99999", kNow + 20, 60));

  SessionCache live(5);
  live.set_session_ttl(300);
  for (int i = 0; i < kFull; ++i) {
    const std::string n = std::to_string(i);
    live.put("h" + n, auth_of("u" + n, "s" + n), kNow, kFar, kNow);
  }
  live.put("new", auth_of("u-new", "s-new"), kNow + 1, kFar, kNow + 1);
  EXPECT_TRUE(live.get("new", kNow + 1, 60));
  EXPECT_FALSE(live.get("h1", kNow + 1, 60)) << "nothing had expired: started again";
  live.forget_user("u-new");
  EXPECT_FALSE(live.get("new", kNow + 1, 60));
}
