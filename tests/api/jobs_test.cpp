// Job posts through the real server: who may publish (VER-3), the post's life (JOB-1), the
// publishing rules (JOB-2) and anonymous reading (JOB-5 groundwork).
#include <gtest/gtest.h>

#include <set>

#include "flows.hpp"
#include "polling.hpp"
#include "store/database.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;

namespace {

json job(const std::string& title = "后端开发工程师 Backend engineer") {
  return sample_job(title);
}

std::string type_of(const HttpResult& r) {
  auto body = r.json();
  return body.contains("type") ? body["type"].get<std::string>() : "";
}

class JobsApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    staff_ = new std::string(staff_with_grant(*server_, "jobs.reviewer"));
    alice_ = new Recruiter(verified_recruiter(*server_, *staff_));
    bob_ = new Recruiter(verified_recruiter(*server_, *staff_));
  }
  static void TearDownTestSuite() {
    delete alice_;
    delete bob_;
    delete staff_;
    delete server_;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  HttpClient api() { return server_->client(); }
  std::string publish(const json& body = job()) {
    auto r = api().post("/api/v1/jobs", body, alice_->token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"];
  }

  static TestServer* server_;
  static std::string* staff_;
  static Recruiter* alice_;
  static Recruiter* bob_;
};
TestServer* JobsApi::server_ = nullptr;
std::string* JobsApi::staff_ = nullptr;
Recruiter* JobsApi::alice_ = nullptr;
Recruiter* JobsApi::bob_ = nullptr;

}  // namespace

TEST_F(JobsApi, UnverifiedRecruiterCannotPublish) {  // VER-3
  auto fresh = sign_up(*server_, next_phone(), "1990-01-01", "recruiter");
  auto r = api().post("/api/v1/jobs", job(), fresh);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(type_of(r), "https://hiresafe.dev/problems/identity-verification-required");
  auto seeker = sign_up(*server_, next_phone());
  EXPECT_EQ(type_of(api().post("/api/v1/jobs", job(), seeker)),
            "https://hiresafe.dev/problems/role-required");
}

TEST_F(JobsApi, VerifiedRecruiterPublishesAndAnyoneReadsWithoutAnAccount) {  // JOB-1, JOB-5
  auto id = publish();
  auto r = api().get("/api/v1/jobs/" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_EQ(body["status"], "open");
  EXPECT_EQ(body["company_id"], alice_->company_id);
  EXPECT_EQ(body["city_name"], "深圳市");
  EXPECT_EQ(body["province_code"], "440000");
  EXPECT_EQ(body["category_parent_id"], "tech");
  EXPECT_EQ(body["salary_months"], 14);
  EXPECT_EQ(body["skill_tags"], json({"C++", "PostgreSQL"}));
  EXPECT_EQ(body["expires_at"].get<long long>() - body["created_at"].get<long long>(), 30 * 86400);
  EXPECT_TRUE(r.header("set-cookie").empty());  // browse-only: no tracking cookie
  auto listed = api().get("/api/v1/companies/" + alice_->company_id + "/jobs");
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  const auto items = listed.json()["items"];  // keep the json alive through the loop
  for (const auto& item : items) found = found || item["id"] == id;
  EXPECT_TRUE(found);
}

TEST_F(JobsApi, PauseReopenAndCloseChangeWhatThePublicSees) {  // JOB-1
  auto id = publish();
  EXPECT_EQ(api().post("/api/v1/jobs/" + id + "/pause", json::object(), alice_->token).status, 200);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).status, 404);
  EXPECT_EQ(api().post("/api/v1/jobs/" + id + "/pause", json::object(), alice_->token).status, 409);
  EXPECT_EQ(api().post("/api/v1/jobs/" + id + "/reopen", json::object(), alice_->token).status,
            200);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).status, 200);
  EXPECT_EQ(api().post("/api/v1/jobs/" + id + "/close", json::object(), alice_->token).status, 200);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).status, 404);
  auto reopen = api().post("/api/v1/jobs/" + id + "/reopen", json::object(), alice_->token);
  EXPECT_EQ(reopen.status, 409);
  EXPECT_EQ(type_of(reopen), "https://hiresafe.dev/problems/illegal-transition");
  EXPECT_EQ(api().put("/api/v1/jobs/" + id, job(), alice_->token).status, 409);
}

TEST_F(JobsApi, RecruiterEditsOwnCompanysPostOnly) {  // JOB-1
  auto id = publish();
  // Read once first, so the edit has to replace the copy this node keeps in memory.
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).json()["title"], job()["title"]);
  auto edited = api().put("/api/v1/jobs/" + id, job("高级后端开发工程师"), alice_->token);
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).json()["title"], "高级后端开发工程师");
  // Another company's recruiter cannot see it as theirs, nor change it.
  EXPECT_EQ(api().put("/api/v1/jobs/" + id, job("hijacked"), bob_->token).status, 404);
  EXPECT_EQ(api().post("/api/v1/jobs/" + id + "/close", json::object(), bob_->token).status, 404);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).json()["title"], "高级后端开发工程师");
}

TEST_F(JobsApi, ExpiredPostsStopAppearing) {  // JOB-1
  auto body = job();
  body["valid_days"] = 1;
  auto id = publish(body);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).status, 200);  // kept in memory from here on
  server_->advance_clock(86400 + 1);
  EXPECT_EQ(api().get("/api/v1/jobs/" + id).status, 404);
  auto mine = api().get("/api/v1/me/jobs", alice_->token);
  ASSERT_EQ(mine.status, 200);
  const auto items = mine.json()["items"];
  for (const auto& item : items)
    if (item["id"] == id) EXPECT_EQ(item["status"], "expired");
}

TEST_F(JobsApi, AChangeMadeByAnotherNodeIsServedWithinSeconds) {  // JOB-1
  auto id = publish();
  auto first = api().get("/api/v1/jobs/" + id);  // this node now keeps the post in memory
  ASSERT_EQ(first.status, 200);
  // Another node (or the CLI) pauses it, stamped with its own clock: straight in the database.
  const long long stamp = first.json()["updated_at"].get<long long>() + 1;
  {
    auto db = hiresafe::store::Database::open(server_->database_url(), 1);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->transaction<hiresafe::core::Unit>(
        [&](soci::session& sql) -> hiresafe::core::Status {
          sql << "UPDATE jobs SET status = 'paused', updated_at = :t WHERE id = :id",
              soci::use(stamp), soci::use(id);
          return hiresafe::core::Unit{};
        }));
  }
  // The server asks which posts changed once a second (jobs.cache_watch_ms).
  const auto waited = poll_until([&] { return api().get("/api/v1/jobs/" + id); },
                                 [](const HttpResult& r) { return r.status == 404; });
  EXPECT_TRUE(waited.held) << waited.last.status;
}

TEST_F(JobsApi, BadFieldsAreNamedAndNothingIsStored) {  // JOB-1
  auto before = api().get("/api/v1/me/jobs", alice_->token).json()["items"].size();
  auto body = job();
  body["salary_min"] = 50000;
  body["salary_max"] = 20000;
  body["city_code"] = "999999";
  body["category_id"] = "tech";
  body["work_type"] = "gig";
  body.erase("longitude");
  auto r = api().post("/api/v1/jobs", body, alice_->token);
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  const auto errors = r.json()["errors"];
  for (const auto& e : errors) fields.insert(e["field"]);
  for (const char* f : {"salary_min", "city_code", "category_id", "work_type", "latitude"})
    EXPECT_TRUE(fields.count(f)) << f;
  auto wrong_type = job();
  wrong_type["salary_min"] = "a lot";
  EXPECT_EQ(api().post("/api/v1/jobs", wrong_type, alice_->token).status, 422);
  EXPECT_EQ(api().get("/api/v1/me/jobs", alice_->token).json()["items"].size(), before);
}

TEST_F(JobsApi, DiscriminatoryPostIsRefusedNamingEachPhrase) {  // JOB-2
  auto before = api().get("/api/v1/me/jobs", alice_->token).json()["items"].size();
  auto body = job();
  body["description"] = "招聘前台，限 男 性，年龄35岁以下，本地户口优先。";
  auto r = api().post("/api/v1/jobs", body, alice_->token);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(type_of(r), "https://hiresafe.dev/problems/publishing-rules");
  std::string all;
  const auto errors = r.json()["errors"];
  for (const auto& e : errors) all += e["message"].get<std::string>() + "\n";
  EXPECT_NE(all.find("gender"), std::string::npos) << all;
  EXPECT_NE(all.find("age"), std::string::npos) << all;
  EXPECT_NE(all.find("hukou"), std::string::npos) << all;
  EXPECT_EQ(api().get("/api/v1/me/jobs", alice_->token).json()["items"].size(), before);
  // An edit that adds such a phrase is refused the same way.
  auto id = publish();
  auto edit = job();
  edit["description"] = "Female only, under 30, must be married.";
  EXPECT_EQ(api().put("/api/v1/jobs/" + id, edit, alice_->token).status, 422);
  EXPECT_NE(api().get("/api/v1/jobs/" + id).json()["description"], edit["description"]);
}

TEST_F(JobsApi, CompliantWordingThatMentionsGenderPasses) {  // JOB-2
  auto body = job("女装设计师 Womenswear designer");
  body["description"] = "男女不限，负责女装系列的设计与打样，享受带薪产假。";
  EXPECT_EQ(api().post("/api/v1/jobs", body, alice_->token).status, 201);
}
