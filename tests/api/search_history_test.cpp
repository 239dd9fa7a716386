// REC-3 groundwork and JOB-5 over HTTP: a signed-in seeker's job searches are kept only while
// personalised recommendation is on, switching it off deletes them, and an anonymous visitor
// leaves nothing and gets no cookie.
#include <gtest/gtest.h>

#include "api_checks.hpp"
#include "flows.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

class SearchHistoryApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  HttpClient api() { return server_->client(); }
  std::vector<std::string> kept_queries(const std::string& token) {
    auto r = api().get("/api/v1/me/search-history", token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    for (auto& e : r.json()["items"]) out.push_back(e["query"]["q"].get<std::string>());
    return out;
  }
  long long behaviour_rows() {
    return database_of(*server_)
        .read<long long>([](soci::session& sql) -> hiresafe::core::Result<long long> {
          long long n = 0;
          sql << "SELECT COUNT(*) FROM behaviour_events", soci::into(n);
          return n;
        })
        .value();
  }
  static TestServer* server_;
};
TestServer* SearchHistoryApi::server_ = nullptr;

}  // namespace

TEST_F(SearchHistoryApi, AnonymousSearchesLeaveNothingAndSetNoCookie) {  // JOB-5
  const long long before = behaviour_rows();
  auto r = api().get("/api/v1/jobs?q=%E5%90%8E%E7%AB%AF");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(behaviour_rows(), before);
  EXPECT_EQ(r.headers.count("set-cookie"), 0u);
  // A token that is not valid is not quietly taken for an anonymous visit.
  EXPECT_TRUE(is_problem(api().get("/api/v1/jobs?q=x", "not-a-token"), 401, ""));
}

TEST_F(SearchHistoryApi, ASeekersSearchesAreKeptOnlyWhilePersonalisationIsOn) {  // REC-3
  auto seeker = sign_up(*server_, next_phone());
  EXPECT_EQ(api().get("/api/v1/me/privacy", seeker).json()["personalised_recommendation"], true);
  ASSERT_EQ(api().get("/api/v1/jobs?q=golang&city=310100", seeker).status, 200);
  EXPECT_EQ(kept_queries(seeker), std::vector<std::string>{"golang"});
  auto history = api().get("/api/v1/me/search-history", seeker).json();
  EXPECT_EQ(history["items"][0]["query"]["city"], "310100");

  // Off: what was kept is gone, and nothing more is kept.
  auto off = api().put("/api/v1/me/privacy", {{"personalised_recommendation", false}}, seeker);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["allow_recruiter_contact"], true) << "the other switch is untouched";
  EXPECT_TRUE(kept_queries(seeker).empty());
  ASSERT_EQ(api().get("/api/v1/jobs?q=rust", seeker).status, 200);
  EXPECT_TRUE(kept_queries(seeker).empty());

  // On again: kept again, from then on.
  ASSERT_EQ(api().put("/api/v1/me/privacy", {{"personalised_recommendation", true}}, seeker).status,
            200);
  ASSERT_EQ(api().get("/api/v1/jobs?q=kotlin", seeker).status, 200);
  EXPECT_EQ(kept_queries(seeker), std::vector<std::string>{"kotlin"});
}

TEST_F(SearchHistoryApi, OnlyTheFirstPageOfAWorkingSearchIsKept) {  // REC-3
  auto seeker = sign_up(*server_, next_phone());
  // A search the server refuses is not behaviour.
  EXPECT_TRUE(is_problem(api().get("/api/v1/jobs?q=java&city=999999", seeker), 422, ""));
  EXPECT_TRUE(kept_queries(seeker).empty());
}

TEST_F(SearchHistoryApi, ThePrivacySwitchesRefuseNonBooleans) {  // REC-3
  auto seeker = sign_up(*server_, next_phone());
  const std::set<std::string> expected = {"personalised_recommendation",
                                          "allow_recruiter_contact"};
  EXPECT_EQ(error_fields(api().put("/api/v1/me/privacy", {{"personalised_recommendation", "no"}},
                                   seeker)),
            expected);
  EXPECT_EQ(api().get("/api/v1/me/privacy", seeker).json()["personalised_recommendation"], true);
}
