// Job and talent search through the real server: keywords in Chinese and English, filters,
// sort orders, facets and paging (JOB-3), searching without an account (JOB-5), and who may
// find a resume (VER-3, RES-2, RES-3, RES-4, RES-9). Each test searches for words only it
// uses, so it sees only its own posts and resumes whatever else the database holds.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "api_checks.hpp"
#include "flows.hpp"
#include "parties.hpp"
#include "polling.hpp"
#include "resume_fixture.hpp"
#include "test_server.hpp"

using namespace hiresafe::testing;
using nlohmann::json;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

// The indexer applies changes every 200 ms; the promise is "searchable within 1 s".
constexpr milliseconds kSearchableWithin{1000};

using Params = std::vector<std::pair<std::string, std::string>>;

std::string escaped(const std::string& value) {
  char* out = curl_easy_escape(nullptr, value.data(), static_cast<int>(value.size()));
  std::string s(out);
  curl_free(out);
  return s;
}

std::string with_query(const std::string& path, const Params& params) {
  std::string out = path;
  char sep = '?';
  for (const auto& [name, value] : params) {
    out += sep + name + "=" + escaped(value);
    sep = '&';
  }
  return out;
}

// A word no other test uses (a fresh server per suite, and a counter within it).
std::string unique_word() {
  static int n = 0;
  return "zqxprobe" + std::to_string(++n);
}

std::vector<std::string> ids_in_order(const HttpResult& r) {
  std::vector<std::string> ids;
  const json body = r.json();
  if (body.is_object() && body["items"].is_array())
    for (const auto& item : body["items"]) ids.push_back(item.value("id", ""));
  return ids;
}
std::set<std::string> ids_of(const HttpResult& r) {
  const auto v = ids_in_order(r);
  return {v.begin(), v.end()};
}

// What a facet says, value → count.
std::map<std::string, long long> facet(const HttpResult& r, const std::string& name) {
  std::map<std::string, long long> out;
  const json list = r.json()["facets"][name];
  if (list.is_array())
    for (const auto& f : list) out[f.value("value", "")] = f.value("count", 0LL);
  return out;
}

// Polls until an answer is a 200 that holds.
Waited wait_until(const std::function<HttpResult()>& ask,
                  const std::function<bool(const HttpResult&)>& holds,
                  SteadyClock::time_point since = SteadyClock::now()) {
  return poll_until(
      ask, [&](const HttpResult& r) { return r.status == 200 && holds(r); }, since);
}

bool has_all(const HttpResult& r, const std::set<std::string>& ids) {
  const auto found = ids_of(r);
  for (const auto& id : ids)
    if (!found.count(id)) return false;
  return true;
}

HttpResult search_jobs(const TestServer& server, const Params& params,
                       const std::string& token = "") {
  return server.client().get(with_query("/api/v1/jobs", params), token);
}

// Polls GET /api/v1/jobs?q=<word> until every id in `ids` is among the results.
Waited wait_until_searchable(const TestServer& server, const std::string& word,
                             const std::set<std::string>& ids,
                             SteadyClock::time_point since = SteadyClock::now()) {
  return wait_until(
      [&] {
        return search_jobs(server, {{"q", word}, {"limit", "50"}});
      },
      [&](const HttpResult& r) { return has_all(r, ids); }, since);
}

// Polls GET /api/v1/jobs?q=<word> until `id` is no longer among the results.
Waited wait_until_gone(const TestServer& server, const std::string& word, const std::string& id,
                       SteadyClock::time_point since = SteadyClock::now()) {
  return wait_until(
      [&] {
        return search_jobs(server, {{"q", word}, {"limit", "50"}});
      },
      [&](const HttpResult& r) { return !ids_of(r).count(id); }, since);
}

// A post that passes the publishing rules; `changes` replace top-level fields.
json job_post(const std::string& title, const json& changes = json::object()) {
  json body = {{"title", title},        {"category_id", "tech.backend"},
               {"city_code", "440300"}, {"address", "南山区科技园"},
               {"latitude", 22.54},     {"longitude", 113.95},
               {"salary_min", 20000},   {"salary_max", 35000},
               {"salary_months", 13},   {"education", "bachelor"},
               {"experience_years", 3}, {"work_type", "full_time"},
               {"headcount", 1},        {"description", "负责服务端开发，重视代码质量与测试。"},
               {"skill_tags", {"C++"}}};
  body.update(changes);
  return body;
}

std::string publish(const TestServer& server, const std::string& token, const json& body) {
  auto r = server.client().post("/api/v1/jobs", body, token);
  EXPECT_EQ(r.status, 201) << r.body;
  const json created = r.json();
  return created.is_object() && created["id"].is_string() ? created["id"].get<std::string>()
                                                          : std::string();
}

// A server with one verified recruiter, shared by the tests of one suite. `Suite` gives each
// suite its own server (and the staff member's name).
template <class Suite>
class JobSearchSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new TestServer();
    if (!server_->available()) return;
    staff_ = new std::string(staff_with_grant(*server_, Suite::kStaffName));
    alice_ = new Recruiter(verified_recruiter(*server_, *staff_));
  }
  static void TearDownTestSuite() {
    delete alice_;
    delete staff_;
    delete server_;
    alice_ = nullptr;
    staff_ = nullptr;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) GTEST_SKIP() << "backend " << backend() << " not configured";
  }
  static const TestServer& server() { return *server_; }
  static std::string publish_job(const json& body) {
    return publish(*server_, alice_->token, body);
  }
  static HttpResult search(const Params& params) { return search_jobs(*server_, params); }
  // Publishes the posts and waits until all of them are found by `word`.
  static std::vector<std::string> publish_searchable(const std::string& word,
                                                     const std::vector<json>& posts) {
    std::vector<std::string> ids;
    for (const auto& p : posts) ids.push_back(publish_job(p));
    auto w = wait_until_searchable(server(), word, {ids.begin(), ids.end()});
    EXPECT_TRUE(w.held) << "not searchable after 3 s: " << w.last.body;
    return ids;
  }

  inline static TestServer* server_ = nullptr;
  inline static std::string* staff_ = nullptr;
  inline static Recruiter* alice_ = nullptr;
};

class SearchJobsApi : public JobSearchSuite<SearchJobsApi> {
 public:
  static constexpr const char* kStaffName = "search.reviewer";
};

// Moving the clock moves it for every test on a server, so the tests that do have their own.
class SearchJobsOnAMovingClock : public JobSearchSuite<SearchJobsOnAMovingClock> {
 public:
  static constexpr const char* kStaffName = "clock.reviewer";
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Job search: keywords

// JOB-3, JOB-5: a post is found by a Chinese word inside a longer sentence and by an English
// word within a second of publishing, by a visitor without an account, who gets no cookie and
// leaves no trace of what they searched for in the server's logs.
TEST_F(SearchJobsApi, APublishedPostIsFoundByChineseAndEnglishWordsWithinASecondAnonymously) {
  const std::string word = unique_word();
  const auto before = SteadyClock::now();
  const std::string id = publish_job(job_post(
      "招聘翡翠鹦鹉饲养专家 Parrot keeper",
      {{"description", "每天照顾鹦鹉，记录饲养日志。We need a " + word + " to feed parrots."}}));
  auto english = wait_until_searchable(server(), word, {id}, before);
  ASSERT_TRUE(english.held) << english.last.body;
  EXPECT_LT(english.after, kSearchableWithin) << "took " << english.after.count() << " ms";

  for (const std::string q : {"鹦鹉饲养", "饲养专家", "翡翠鹦鹉", "Parrot", "parrots"}) {
    auto r = search({{"q", q}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(ids_of(r), std::set<std::string>{id}) << q << ": " << r.body;
  }
  // Characters of the title that are not adjacent there do not form its word.
  EXPECT_FALSE(ids_of(search({{"q", "鹦专"}})).count(id));

  auto anonymous = search({{"q", word}});
  EXPECT_EQ(anonymous.status, 200);
  EXPECT_TRUE(anonymous.header("set-cookie").empty()) << anonymous.header("set-cookie");
  const std::string logs = read_file(server().data_dir() + "/stdout.log") +
                           read_file(server().data_dir() + "/stderr.log");
  EXPECT_EQ(logs.find(word), std::string::npos) << "the search words reached the server log";
  EXPECT_EQ(logs.find("鹦鹉饲养"), std::string::npos) << "the search words reached the server log";
}

// ---------------------------------------------------------------------------------------------
// Job search: filters (JOB-3)

TEST_F(SearchJobsApi, CityFilterMatchesTheCityAndItsProvinceOnly) {  // JOB-3
  const std::string word = unique_word();
  const auto ids =
      publish_searchable(word, {job_post("城市筛选 " + word),
                                job_post("城市筛选 " + word, {{"city_code", "310100"},
                                                              {"address", "浦东新区"},
                                                              {"latitude", 31.23},
                                                              {"longitude", 121.47}}),
                                job_post("城市筛选 " + word, {{"city_code", "440100"},
                                                              {"address", "天河区"},
                                                              {"latitude", 23.13},
                                                              {"longitude", 113.26}})});
  const auto& shenzhen = ids[0];
  const auto& shanghai = ids[1];
  const auto& guangzhou = ids[2];
  EXPECT_EQ(ids_of(search({{"q", word}, {"city", "440300"}})), std::set<std::string>{shenzhen});
  EXPECT_EQ(ids_of(search({{"q", word}, {"city", "440000"}})),
            (std::set<std::string>{shenzhen, guangzhou}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"city", "310100"}})), std::set<std::string>{shanghai});
  EXPECT_EQ(ids_of(search({{"q", word}, {"city", "310000"}})), std::set<std::string>{shanghai});
  EXPECT_TRUE(ids_of(search({{"q", word}, {"city", "110100"}})).empty());
  // A city filter alone (no words) is a browse: the city's posts include ours.
  auto browse = search({{"city", "310100"}, {"limit", "50"}});
  ASSERT_EQ(browse.status, 200) << browse.body;
  EXPECT_TRUE(ids_of(browse).count(shanghai));
  EXPECT_FALSE(ids_of(browse).count(shenzhen));
}

TEST_F(SearchJobsApi, CategoryFilterMatchesTheCategoryAndItsFamily) {  // JOB-3
  const std::string word = unique_word();
  const auto ids = publish_searchable(
      word, {job_post("类别筛选 " + word),
             job_post("类别筛选 " + word, {{"category_id", "tech.frontend"}}),
             job_post("类别筛选 " + word, {{"category_id", "product.manager"}})});
  EXPECT_EQ(ids_of(search({{"q", word}, {"category", "tech.backend"}})),
            std::set<std::string>{ids[0]});
  EXPECT_EQ(ids_of(search({{"q", word}, {"category", "tech"}})),
            (std::set<std::string>{ids[0], ids[1]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"category", "product"}})), std::set<std::string>{ids[2]});
  EXPECT_TRUE(ids_of(search({{"q", word}, {"category", "design"}})).empty());
}

TEST_F(SearchJobsApi, SalaryFilterKeepsPostsWhoseRangeOverlaps) {  // JOB-3
  const std::string word = unique_word();
  const auto ids = publish_searchable(
      word, {job_post("薪资筛选 " + word, {{"salary_min", 10000}, {"salary_max", 15000}}),
             job_post("薪资筛选 " + word, {{"salary_min", 20000}, {"salary_max", 30000}}),
             job_post("薪资筛选 " + word, {{"salary_min", 40000}, {"salary_max", 60000}})});
  EXPECT_EQ(ids_of(search({{"q", word}, {"salary_min", "25000"}})),
            (std::set<std::string>{ids[1], ids[2]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"salary_max", "18000"}})), std::set<std::string>{ids[0]});
  EXPECT_EQ(ids_of(search({{"q", word}, {"salary_min", "14000"}, {"salary_max", "21000"}})),
            (std::set<std::string>{ids[0], ids[1]}));
  EXPECT_TRUE(ids_of(search({{"q", word}, {"salary_min", "70000"}})).empty());
}

TEST_F(SearchJobsApi, EducationAndExperienceFiltersKeepPostsAskingNoMore) {  // JOB-3
  const std::string word = unique_word();
  const auto ids = publish_searchable(
      word, {job_post("学历经验 " + word, {{"education", "bachelor"}, {"experience_years", 1}}),
             job_post("学历经验 " + word, {{"education", "master"}, {"experience_years", 5}}),
             job_post("学历经验 " + word, {{"education", "any"}, {"experience_years", 0}})});
  EXPECT_EQ(ids_of(search({{"q", word}, {"education", "bachelor"}})),
            (std::set<std::string>{ids[0], ids[2]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"education", "doctorate"}})),
            (std::set<std::string>{ids[0], ids[1], ids[2]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"experience", "2"}})),
            (std::set<std::string>{ids[0], ids[2]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"experience", "5"}})),
            (std::set<std::string>{ids[0], ids[1], ids[2]}));
  EXPECT_EQ(ids_of(search({{"q", word}, {"experience", "0"}, {"education", "master"}})),
            std::set<std::string>{ids[2]});
}

TEST_F(SearchJobsApi, WorkTypeFilterKeepsThatWorkTypeOnly) {  // JOB-3
  const std::string word = unique_word();
  const auto ids =
      publish_searchable(word, {job_post("工作类型 " + word),
                                job_post("工作类型 " + word, {{"work_type", "internship"}}),
                                job_post("工作类型 " + word, {{"work_type", "part_time"}})});
  EXPECT_EQ(ids_of(search({{"q", word}, {"work_type", "internship"}})),
            std::set<std::string>{ids[1]});
  EXPECT_EQ(ids_of(search({{"q", word}, {"work_type", "full_time"}})),
            std::set<std::string>{ids[0]});
  EXPECT_EQ(ids_of(search({{"q", word}, {"work_type", "part_time"}})),
            std::set<std::string>{ids[2]});
}

TEST_F(SearchJobsApi, NearWithARadiusKeepsPostsWithinIt) {  // JOB-3
  const std::string word = unique_word();
  const auto ids =
      publish_searchable(word, {job_post("附近职位 " + word),  // Shenzhen 22.54,113.95
                                job_post("附近职位 " + word, {{"city_code", "310100"},
                                                              {"address", "浦东新区"},
                                                              {"latitude", 31.23},
                                                              {"longitude", 121.47}})});
  auto near_shenzhen = search({{"q", word}, {"near", "22.6,114.0"}, {"radius_km", "50"}});
  ASSERT_EQ(near_shenzhen.status, 200) << near_shenzhen.body;
  EXPECT_EQ(ids_of(near_shenzhen), std::set<std::string>{ids[0]});
  const json items = near_shenzhen.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0]["distance_km"].is_number()) << near_shenzhen.body;
  EXPECT_LT(items[0]["distance_km"].get<double>(), 50.0);
  EXPECT_GT(items[0]["distance_km"].get<double>(), 0.0);
  EXPECT_EQ(ids_of(search({{"q", word}, {"near", "31.23,121.47"}, {"radius_km", "50"}})),
            std::set<std::string>{ids[1]});
  // Shenzhen to Shanghai is about 1,200 km.
  EXPECT_EQ(ids_of(search({{"q", word}, {"near", "22.6,114.0"}, {"radius_km", "1500"}})),
            (std::set<std::string>{ids[0], ids[1]}));
  // `near` without a radius only adds distances; it filters nothing.
  EXPECT_EQ(ids_of(search({{"q", word}, {"near", "22.6,114.0"}})),
            (std::set<std::string>{ids[0], ids[1]}));
}

// ---------------------------------------------------------------------------------------------
// Job search: sort orders (JOB-3)

TEST_F(SearchJobsApi, SortBySalaryPutsTheHighestSalaryMaxFirst) {  // JOB-3
  const std::string word = unique_word();
  // Published in an order that is neither the answer nor its reverse.
  const auto ids = publish_searchable(
      word, {job_post("薪资排序 " + word, {{"salary_min", 10000}, {"salary_max", 30000}}),
             job_post("薪资排序 " + word, {{"salary_min", 10000}, {"salary_max", 50000}}),
             job_post("薪资排序 " + word, {{"salary_min", 10000}, {"salary_max", 20000}})});
  auto r = search({{"q", word}, {"sort", "salary"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids_in_order(r), (std::vector<std::string>{ids[1], ids[0], ids[2]}));
}

TEST_F(SearchJobsApi, SortByDistancePutsTheNearestFirst) {  // JOB-3
  const std::string word = unique_word();
  const auto ids =
      publish_searchable(word, {job_post("距离排序 " + word, {{"city_code", "110100"},
                                                              {"address", "海淀区"},
                                                              {"latitude", 39.90},
                                                              {"longitude", 116.40}}),
                                job_post("距离排序 " + word),  // Shenzhen
                                job_post("距离排序 " + word, {{"city_code", "440100"},
                                                              {"address", "天河区"},
                                                              {"latitude", 23.13},
                                                              {"longitude", 113.26}})});
  auto r = search({{"q", word}, {"near", "22.6,114.0"}, {"sort", "distance"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids_in_order(r), (std::vector<std::string>{ids[1], ids[2], ids[0]}));
  const json items = r.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  for (std::size_t i = 1; i < items.size(); ++i)
    EXPECT_LE(items[i - 1]["distance_km"].get<double>(), items[i]["distance_km"].get<double>());
  EXPECT_TRUE(is_problem(search({{"q", word}, {"sort", "distance"}}), 422, "validation"));
}

// JOB-3: the newest first with sort=date; by relevance, a title match outranks a description
// match. Posts need distinct publishing seconds, so this moves the clock (its own server).
TEST_F(SearchJobsOnAMovingClock, SortByDateShowsTheNewestFirstAndRelevanceTheBestMatch) {
  const std::string word = unique_word();
  std::vector<std::string> ids;
  ids.push_back(publish_job(job_post("日期排序 " + word + " 工程师",
                                     {{"description", "我们需要 " + word + " 方向的同事。"}})));
  server().advance_clock(60);
  ids.push_back(publish_job(job_post("日期排序 工程师", {{"description", "了解 " + word + "。"}})));
  server().advance_clock(60);
  ids.push_back(publish_job(job_post("日期排序 工程师", {{"description", "了解 " + word + "。"}})));
  ASSERT_TRUE(wait_until_searchable(server(), word, {ids.begin(), ids.end()}).held);
  auto by_date = search({{"q", word}, {"sort", "date"}});
  ASSERT_EQ(by_date.status, 200) << by_date.body;
  EXPECT_EQ(ids_in_order(by_date), (std::vector<std::string>{ids[2], ids[1], ids[0]}));
  auto by_relevance = search({{"q", word}});
  ASSERT_EQ(by_relevance.status, 200);
  ASSERT_FALSE(ids_in_order(by_relevance).empty());
  EXPECT_EQ(ids_in_order(by_relevance)[0], ids[0]) << by_relevance.body;
  EXPECT_EQ(ids_in_order(search({{"q", word}, {"sort", "relevance"}})), ids_in_order(by_relevance));
}

// JOB-3: relevance weighs where and how often the words occur, not how long the post is (BM25
// without length normalisation, see job_search.cpp): two posts naming the word once in the
// title score the same whatever their descriptions' lengths, and a tie goes to the post indexed
// later, here the long one. With length normalisation the short post would come first.
TEST_F(SearchJobsApi, ALongDescriptionDoesNotPushAPostDown) {
  const std::string word = unique_word();
  std::string long_description;
  for (int i = 0; i < 40; ++i)
    long_description += "负责团队日常运营，协调跨部门沟通，整理周报与月报。";
  // One at a time: posts indexed in one batch may take their index order from the batch.
  const auto short_post = publish_searchable(
      word, {job_post("长度无关 " + word + " 专员", {{"description", "简短的介绍。"}})});
  const auto long_post = publish_searchable(
      word, {job_post("长度无关 " + word + " 专员", {{"description", long_description}})});
  ASSERT_EQ(short_post.size() + long_post.size(), 2u);
  auto r = search({{"q", word}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids_in_order(r), (std::vector<std::string>{long_post[0], short_post[0]})) << r.body;
}

// ---------------------------------------------------------------------------------------------
// Job search: only open posts (JOB-3, JOB-1)

TEST_F(SearchJobsApi, PausedAndClosedPostsLeaveTheResultsWithinASecond) {  // JOB-3
  const std::string word = unique_word();
  const auto ids = publish_searchable(word, {job_post("暂停关闭 " + word)});
  const std::string& id = ids[0];
  const std::string path = "/api/v1/jobs/" + id;
  auto api = server().client();
  const std::string& token = alice_->token;

  auto before = SteadyClock::now();
  ASSERT_EQ(api.post(path + "/pause", json::object(), token).status, 200);
  auto paused = wait_until_gone(server(), word, id, before);
  ASSERT_TRUE(paused.held) << "a paused post is still found: " << paused.last.body;
  EXPECT_LT(paused.after, kSearchableWithin) << "took " << paused.after.count() << " ms";

  before = SteadyClock::now();
  ASSERT_EQ(api.post(path + "/reopen", json::object(), token).status, 200);
  auto reopened = wait_until_searchable(server(), word, {id}, before);
  ASSERT_TRUE(reopened.held) << "a reopened post is not found: " << reopened.last.body;
  EXPECT_LT(reopened.after, kSearchableWithin) << "took " << reopened.after.count() << " ms";

  before = SteadyClock::now();
  ASSERT_EQ(api.post(path + "/close", json::object(), token).status, 200);
  auto closed = wait_until_gone(server(), word, id, before);
  ASSERT_TRUE(closed.held) << "a closed post is still found: " << closed.last.body;
  EXPECT_LT(closed.after, kSearchableWithin) << "took " << closed.after.count() << " ms";
  EXPECT_EQ(closed.last.json()["total"], 0) << closed.last.body;
}

// JOB-3, JOB-1: expiry is compared with the clock at query time, so an expired post is gone
// from the very next search without the indexer doing anything.
TEST_F(SearchJobsOnAMovingClock, ExpiredPostsLeaveTheResultsAtOnce) {
  const std::string word = unique_word();
  const std::string short_lived = publish_job(job_post("有效期 " + word, {{"valid_days", 1}}));
  const std::string long_lived = publish_job(job_post("有效期 " + word));
  ASSERT_TRUE(wait_until_searchable(server(), word, {short_lived, long_lived}).held);
  server().advance_clock(2 * 86400);
  auto r = search({{"q", word}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ids_of(r), std::set<std::string>{long_lived});
  EXPECT_EQ(r.json()["total"], 1) << r.body;
}

// JOB-3: an edit is followed; the old words no longer find the post.
TEST_F(SearchJobsApi, AnEditedTitleIsFoundByItsNewWordAndNotItsOldOne) {
  const std::string old_word = unique_word();
  const std::string new_word = unique_word();
  const auto ids = publish_searchable(old_word, {job_post("修改标题 " + old_word)});
  const auto before = SteadyClock::now();
  auto edited = server().client().put("/api/v1/jobs/" + ids[0], job_post("修改标题 " + new_word),
                                      alice_->token);
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto found = wait_until_searchable(server(), new_word, {ids[0]}, before);
  ASSERT_TRUE(found.held) << found.last.body;
  EXPECT_LT(found.after, kSearchableWithin) << "took " << found.after.count() << " ms";
  EXPECT_TRUE(ids_of(search({{"q", old_word}})).empty());
  const json items = found.last.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["title"], "修改标题 " + new_word);
}

// ---------------------------------------------------------------------------------------------
// Job search: what people type (JOB-3)

TEST_F(SearchJobsApi, PhrasesExclusionsAndOrMeanWhatTheySay) {  // JOB-3
  const std::string a = unique_word(), b = unique_word(), c = unique_word(), d = unique_word();
  const auto ids = publish_searchable(
      a, {job_post("语法 " + a + " " + b + " 工程师"),       // a b adjacent
          job_post("语法 " + b + " 以及 " + a + " 工程师"),  // both, not adjacent
          job_post("语法 " + a + " " + c + " 工程师")});
  const std::string& adjacent = ids[0];
  const std::string& apart = ids[1];
  const std::string& with_c = ids[2];
  const std::string only_d = publish_job(job_post("语法 " + d + " 工程师"));
  ASSERT_TRUE(wait_until_searchable(server(), d, {only_d}).held);

  EXPECT_EQ(ids_of(search({{"q", "\"" + a + " " + b + "\""}})), std::set<std::string>{adjacent});
  EXPECT_EQ(ids_of(search({{"q", a + " " + b}})), (std::set<std::string>{adjacent, apart}));
  EXPECT_EQ(ids_of(search({{"q", a + " -" + c}})), (std::set<std::string>{adjacent, apart}));
  EXPECT_EQ(ids_of(search({{"q", c + " OR " + d}})), (std::set<std::string>{with_c, only_d}));
  // Upper-case words are folded like the indexed text, so they are words, not operators.
  EXPECT_EQ(ids_of(search({{"q", "ZQX" + a.substr(3)}})),
            (std::set<std::string>{adjacent, apart, with_c}));
}

TEST_F(SearchJobsApi, MalformedQueriesNeverFail) {  // JOB-3
  std::string long_ascii;
  while (long_ascii.size() < 2000) long_ascii += "engineer ";
  long_ascii.resize(2000);
  std::string long_chinese;
  for (int i = 0; i < 2000; ++i) long_chinese += "工";
  const std::vector<std::string> queries = {"\"abc",
                                            "-",
                                            "OR OR",
                                            "((",
                                            "))",
                                            "\"",
                                            "\"\"",
                                            "OR",
                                            "AND",
                                            "NOT",
                                            "-(",
                                            "a AND",
                                            "NOT abc",
                                            "abc OR",
                                            "+",
                                            "*",
                                            "abc*",
                                            "title:abc",
                                            "~abc",
                                            "\\",
                                            "%",
                                            "&=?#",
                                            long_ascii,
                                            long_chinese,
                                            std::string("abc\x01\x02\x1f\x7f def"),
                                            "\t\n\r",
                                            "abc\x0b",
                                            std::string("a\0b", 3),
                                            "🦜🦜 parrot 🦜",
                                            "工程师🦜",
                                            "\xef\xbc\xa1\xef\xbc\xa2",  // ＡＢ
                                            "\xe2\x80\x8b"};
  for (const auto& q : queries) {
    auto r = search({{"q", q}});
    const std::string shown = q.size() > 40 ? q.substr(0, 40) + "…" : q;
    EXPECT_EQ(r.status, 200) << "q=" << shown << ": " << r.body;
    EXPECT_TRUE(r.json().is_object() && r.json()["items"].is_array()) << "q=" << shown;
  }
  // Bytes that are not UTF-8 are no text at all: the HTTP layer refuses the query string, as it
  // refuses such paths (errors_test), with a problem answer.
  EXPECT_TRUE(is_problem(search({{"q", "\xff\xfe broken"}}), 400, "malformed-query"));
  // The server is still there.
  EXPECT_EQ(server().client().get("/healthz").status, 200);
}

// ---------------------------------------------------------------------------------------------
// Job search: facets, totals and highlights (JOB-3)

TEST_F(SearchJobsApi, FacetsCountThePostsThatMatchedAndTitlesAreHighlighted) {  // JOB-3
  const std::string word = unique_word();
  publish_searchable(word, {job_post("分面统计 " + word,
                                     {{"salary_min", 20000}, {"salary_max", 35000}}),  // 20-30k
                            job_post("分面统计 " + word, {{"category_id", "tech.frontend"},
                                                          {"salary_min", 10000},
                                                          {"salary_max", 15000},  // 10-15k
                                                          {"work_type", "internship"}}),
                            job_post("分面统计 " + word, {{"city_code", "310100"},
                                                          {"address", "浦东新区"},
                                                          {"latitude", 31.23},
                                                          {"longitude", 121.47},
                                                          {"salary_min", 40000},
                                                          {"salary_max", 60000}})});  // 50k+
  auto r = search({{"q", word}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["total"], 3);
  EXPECT_EQ(r.json()["total_exact"], true);
  EXPECT_EQ(facet(r, "city"), (std::map<std::string, long long>{{"440300", 2}, {"310100", 1}}));
  EXPECT_EQ(facet(r, "category"),
            (std::map<std::string, long long>{{"tech.backend", 2}, {"tech.frontend", 1}}));
  EXPECT_EQ(facet(r, "salary_band"),
            (std::map<std::string, long long>{{"20-30k", 1}, {"10-15k", 1}, {"50k+", 1}}));
  EXPECT_EQ(facet(r, "work_type"),
            (std::map<std::string, long long>{{"full_time", 2}, {"internship", 1}}));
  const json items = r.json()["items"];
  ASSERT_EQ(items.size(), 3u);
  for (const auto& item : items) {
    const std::string title = item["highlights"]["title"].is_string()
                                  ? item["highlights"]["title"].get<std::string>()
                                  : "";
    EXPECT_NE(title.find("<em>" + word + "</em>"), std::string::npos) << title;
    // The query's terms each post contains: the Chinese bigrams and the English word.
    EXPECT_EQ(item["highlights"]["matched_terms"], json::array({word})) << item.dump();
  }
  auto both = search({{"q", "分面统计 " + word}});
  ASSERT_EQ(both.json()["items"].size(), 3u) << both.body;
  for (const auto& item : both.json()["items"]) {
    auto terms = item["highlights"]["matched_terms"].get<std::vector<std::string>>();
    std::sort(terms.begin(), terms.end());
    EXPECT_EQ(terms, (std::vector<std::string>{word, "分面", "统计", "面统"})) << item.dump();
  }
  // A word of the query a post lacks is not among its matched terms.
  auto either = search({{"q", word + " OR zqxneverindexed"}});
  ASSERT_EQ(either.json()["items"].size(), 3u) << either.body;
  for (const auto& item : either.json()["items"])
    EXPECT_EQ(item["highlights"]["matched_terms"], json::array({word})) << item.dump();
  // A filter narrows the facets with the results.
  auto shanghai = search({{"q", word}, {"city", "310100"}});
  EXPECT_EQ(shanghai.json()["total"], 1);
  EXPECT_EQ(facet(shanghai, "city"), (std::map<std::string, long long>{{"310100", 1}}));
}

// ---------------------------------------------------------------------------------------------
// Job search: paging and bad parameters (JOB-3)

// Sorted by salary so the order cannot shift between pages when another test's change
// reaches the index and moves relevance scores.
TEST_F(SearchJobsApi, CursorPagesThroughEveryPostExactlyOnce) {  // JOB-3
  const std::string word = unique_word();
  std::vector<json> posts;
  for (int i = 0; i < 5; ++i)
    posts.push_back(
        job_post("分页 " + word, {{"salary_min", 10000}, {"salary_max", 20000 + i * 1000}}));
  const auto ids = publish_searchable(word, posts);
  std::vector<std::string> seen;
  std::vector<std::size_t> page_sizes;
  json cursor = nullptr;
  for (int page = 0; page < 5; ++page) {
    Params params = {{"q", word}, {"sort", "salary"}, {"limit", "2"}};
    if (cursor.is_string()) params.emplace_back("cursor", cursor.get<std::string>());
    auto r = search(params);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["total"], 5);
    const auto page_ids = ids_in_order(r);
    page_sizes.push_back(page_ids.size());
    seen.insert(seen.end(), page_ids.begin(), page_ids.end());
    cursor = r.json()["next_cursor"];
    if (cursor.is_null()) break;
    ASSERT_TRUE(cursor.is_string()) << r.body;
  }
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{2, 2, 1}));
  EXPECT_EQ(seen, (std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  // An exact fit ends with a null cursor too.
  auto all = search({{"q", word}, {"limit", "5"}});
  EXPECT_EQ(ids_of(all).size(), 5u);
  EXPECT_TRUE(all.json()["next_cursor"].is_null()) << all.body;
}

TEST_F(SearchJobsApi, BadParametersAreNamedInA422) {  // JOB-3
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"cursor", "garbage"}}, "cursor"},
      {{{"cursor", "%%%"}}, "cursor"},
      {{{"city", "999999"}}, "city"},
      {{{"category", "no.such"}}, "category"},
      {{{"salary_min", "abc"}}, "salary_min"},
      {{{"salary_max", "1.5"}}, "salary_max"},
      {{{"education", "phd"}}, "education"},
      {{{"experience", "-1"}}, "experience"},
      {{{"work_type", "gig"}}, "work_type"},
      {{{"near", "abc"}}, "near"},
      {{{"near", "91,0"}}, "near"},
      {{{"radius_km", "10"}}, "radius_km"},
      {{{"near", "22.6,114.0"}, {"radius_km", "abc"}}, "radius_km"},
      {{{"sort", "bogus"}}, "sort"},
      {{{"limit", "0"}}, "limit"},
      {{{"limit", "51"}}, "limit"},
      {{{"limit", "ten"}}, "limit"},
  };
  for (const auto& [params, field] : cases) {
    auto r = search(params);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << params[0].first << "=" << params[0].second;
    EXPECT_TRUE(error_fields(r).count(field)) << field << ": " << r.body;
  }
  // Every bad parameter is named at once, unreadable ones and meaningless ones alike.
  auto both = search({{"salary_min", "abc"}, {"city", "999999"}});
  EXPECT_EQ(error_fields(both), (std::set<std::string>{"salary_min", "city"}));
  auto unreadable = search({{"salary_min", "abc"}, {"near", "x"}, {"limit", "ten"}});
  EXPECT_TRUE(is_problem(unreadable, 422, "validation"));
  EXPECT_EQ(error_fields(unreadable), (std::set<std::string>{"salary_min", "near", "limit"}));
  auto meaningless = search({{"city", "999999"}, {"sort", "bogus"}, {"limit", "0"}});
  EXPECT_TRUE(is_problem(meaningless, 422, "validation"));
  EXPECT_EQ(error_fields(meaningless), (std::set<std::string>{"city", "sort", "limit"}));
  EXPECT_EQ(search({{"limit", "50"}}).status, 200);
}

// ---------------------------------------------------------------------------------------------
// Talent search

namespace {

class SearchTalentApi : public WithParties<SearchTalentApi> {
 public:
  static constexpr const char* kReviewer = "talent.reviewer";

 protected:
  struct Seeker {
    std::string token, resume_id, etag;
  };
  // The fixture resume, found by `word` (in the self-evaluation).
  static json resume_with(const std::string& word, const std::string& visibility = "public",
                          const std::string& hidden_company = "") {
    json body = full_resume(ResumePerson{}, visibility, hidden_company);
    body["self_evaluation"] = "踏实可靠，" + word + "。";
    return body;
  }
  static Seeker seeker_with(const json& body) {
    Seeker s;
    s.token = sign_up(*server_, next_phone());
    auto r = api().post("/api/v1/me/resumes", body, s.token);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status == 201) {
      s.resume_id = r.json()["id"];
      s.etag = r.header("etag");
    }
    return s;
  }
  static HttpResult put_resume(Seeker& s, const json& body) {
    auto r = api().request("PUT", "/api/v1/me/resumes/" + s.resume_id, body.dump(), s.token,
                           {{"If-Match", s.etag}});
    if (r.status == 200) s.etag = r.header("etag");
    return r;
  }
  static HttpResult search(const std::string& token, const Params& params) {
    return api().get(with_query("/api/v1/talent", params), token);
  }
  // Polls talent search for `word` as `who` until `holds` of the ids found.
  static Waited wait_for(const std::string& token, const std::string& word,
                         const std::function<bool(const std::set<std::string>&)>& holds,
                         SteadyClock::time_point since = SteadyClock::now()) {
    return wait_until(
        [&] {
          return search(token, {{"q", word}, {"limit", "50"}});
        },
        [&](const HttpResult& r) { return holds(ids_of(r)); }, since);
  }
  static auto contains(const std::string& id) {
    return [id](const std::set<std::string>& ids) { return ids.count(id) > 0; };
  }
  static auto lacks(const std::string& id) {
    return [id](const std::set<std::string>& ids) { return ids.count(id) == 0; };
  }
  static std::string company_name(const std::string& id) {
    return api().get("/api/v1/companies/" + id).json()["name"];
  }
};

// "YYYY-MM", `years` before this month (UTC).
std::string months_ago(int years) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", tm.tm_year + 1900 - years, tm.tm_mon + 1);
  return out;
}

}  // namespace

// VER-3: only verified recruiters and headhunters search resumes.
TEST_F(SearchTalentApi, OnlyVerifiedRecruitersAndHeadhuntersMaySearch) {
  EXPECT_TRUE(is_problem(search("", {{"q", "工程师"}}), 401, ""));
  auto seeker = sign_up(*server_, next_phone());
  EXPECT_TRUE(is_problem(search(seeker, {{"q", "工程师"}}), 403, "role-required"));
  auto unverified = sign_up(*server_, next_phone(), "1990-01-01", "recruiter");
  EXPECT_TRUE(
      is_problem(search(unverified, {{"q", "工程师"}}), 403, "identity-verification-required"));
  EXPECT_EQ(search(alice_->token, {{"q", "工程师"}}).status, 200);
  EXPECT_EQ(search(hunter_->token, {{"q", "工程师"}}).status, 200);
}

// RES-4: a recruiter finds a public resume within a second and sees only a masked card.
TEST_F(SearchTalentApi, ARecruiterFindsAPublicResumeWithinASecondAsAMaskedCard) {
  const std::string word = unique_word();
  const ResumePerson p;
  const auto before = SteadyClock::now();
  auto s = seeker_with(resume_with(word));
  auto found = wait_for(alice_->token, word, contains(s.resume_id), before);
  ASSERT_TRUE(found.held) << found.last.body;
  EXPECT_LT(found.after, kSearchableWithin) << "took " << found.after.count() << " ms";
  const json items = found.last.json()["items"];
  ASSERT_EQ(items.size(), 1u) << found.last.body;
  EXPECT_EQ(items[0]["id"], s.resume_id);
  EXPECT_EQ(items[0]["display_name"], "欧阳女士");
  EXPECT_TRUE(items[0]["age_band"].is_string() && !items[0]["age_band"].get<std::string>().empty())
      << items[0];
  for (const std::string& secret : {p.name, std::string("明月"), p.phone,
                                    std::string("13912345678"), p.email, p.wechat, p.birth_month})
    EXPECT_EQ(found.last.body.find(secret), std::string::npos) << secret;
  // A headhunter finds a public resume too, masked the same way.
  auto by_hunter = search(hunter_->token, {{"q", word}});
  ASSERT_EQ(by_hunter.status, 200) << by_hunter.body;
  EXPECT_EQ(ids_of(by_hunter), std::set<std::string>{s.resume_id});
  for (const std::string& secret : {p.name, p.phone, p.email, p.wechat, p.birth_month})
    EXPECT_EQ(by_hunter.body.find(secret), std::string::npos) << secret;
}

// RES-3: invisible resumes are found by nobody, hidden-from-headhunters ones by employers only,
// and a change of visibility is followed within a second.
TEST_F(SearchTalentApi, VisibilityDecidesWhoFindsTheResumeAndChangesAreFollowed) {
  const std::string word = unique_word();
  auto invisible = seeker_with(resume_with(word, "invisible"));
  auto no_hh = seeker_with(resume_with(word, "no_headhunters"));
  // Published last: once it is found, the indexer has handled the two before it.
  auto sentinel = seeker_with(resume_with(word, "public"));
  auto by_alice = wait_for(alice_->token, word, [&](const std::set<std::string>& ids) {
    return ids.count(sentinel.resume_id) && ids.count(no_hh.resume_id);
  });
  ASSERT_TRUE(by_alice.held) << by_alice.last.body;
  EXPECT_EQ(ids_of(by_alice.last), (std::set<std::string>{no_hh.resume_id, sentinel.resume_id}));
  auto by_hunter = search(hunter_->token, {{"q", word}});
  ASSERT_EQ(by_hunter.status, 200) << by_hunter.body;
  EXPECT_EQ(ids_of(by_hunter), std::set<std::string>{sentinel.resume_id});
  EXPECT_EQ(by_hunter.json()["total"], 1) << by_hunter.body;

  // Hidden from headhunters → public: headhunters find it within a second.
  auto before = SteadyClock::now();
  ASSERT_EQ(put_resume(no_hh, resume_with(word, "public")).status, 200);
  auto opened = wait_for(hunter_->token, word, contains(no_hh.resume_id), before);
  ASSERT_TRUE(opened.held) << opened.last.body;
  EXPECT_LT(opened.after, kSearchableWithin) << "took " << opened.after.count() << " ms";

  // Invisible → public → invisible again.
  before = SteadyClock::now();
  ASSERT_EQ(put_resume(invisible, resume_with(word, "public")).status, 200);
  auto shown = wait_for(alice_->token, word, contains(invisible.resume_id), before);
  ASSERT_TRUE(shown.held) << shown.last.body;
  EXPECT_LT(shown.after, kSearchableWithin) << "took " << shown.after.count() << " ms";
  before = SteadyClock::now();
  ASSERT_EQ(put_resume(invisible, resume_with(word, "invisible")).status, 200);
  auto hidden = wait_for(alice_->token, word, lacks(invisible.resume_id), before);
  ASSERT_TRUE(hidden.held) << hidden.last.body;
  EXPECT_LT(hidden.after, kSearchableWithin) << "took " << hidden.after.count() << " ms";
  EXPECT_FALSE(ids_of(search(hunter_->token, {{"q", word}})).count(invisible.resume_id));
  EXPECT_FALSE(ids_of(search(bob_->token, {{"q", word}})).count(invisible.resume_id));
}

// RES-9: a blocked company's recruiters stop finding the seeker at once (the disclosure layer
// decides again before the index has caught up); other companies still do; unblocking undoes it.
TEST_F(SearchTalentApi, ABlockedCompanyStopsFindingTheSeekerAtOnceUntilUnblocked) {
  const std::string word = unique_word();
  auto s = seeker_with(resume_with(word));
  ASSERT_TRUE(wait_for(alice_->token, word, contains(s.resume_id)).held);
  ASSERT_EQ(api().put("/api/v1/me/blocks/" + alice_->company_id, json::object(), s.token).status,
            201);
  auto at_once = search(alice_->token, {{"q", word}});
  ASSERT_EQ(at_once.status, 200) << at_once.body;
  EXPECT_TRUE(ids_of(at_once).empty()) << at_once.body;
  EXPECT_EQ(at_once.body.find(s.resume_id), std::string::npos);
  EXPECT_EQ(ids_of(search(bob_->token, {{"q", word}})), std::set<std::string>{s.resume_id});
  EXPECT_EQ(ids_of(search(hunter_->token, {{"q", word}})), std::set<std::string>{s.resume_id});
  // Once the index has caught up, not even the count gives the seeker away.
  auto counted = wait_until(
      [&] {
        return search(alice_->token, {{"q", word}});
      },
      [](const HttpResult& r) { return r.json()["total"] == 0; });
  EXPECT_TRUE(counted.held) << counted.last.body;

  const auto before = SteadyClock::now();
  ASSERT_EQ(api().del("/api/v1/me/blocks/" + alice_->company_id, s.token).status, 204);
  auto back = wait_for(alice_->token, word, contains(s.resume_id), before);
  ASSERT_TRUE(back.held) << back.last.body;
  EXPECT_LT(back.after, kSearchableWithin) << "took " << back.after.count() << " ms";
}

// RES-2: a work entry's "hide me from this company" keeps that company's recruiters from
// finding the seeker; other companies still find them.
TEST_F(SearchTalentApi, HideMeFromThisCompanyKeepsItsRecruitersFromFindingTheSeeker) {
  const std::string word = unique_word();
  auto hiding = seeker_with(resume_with(word, "public", company_name(bob_->company_id)));
  auto sentinel = seeker_with(resume_with(word));
  auto by_alice = wait_for(alice_->token, word, [&](const std::set<std::string>& ids) {
    return ids.count(hiding.resume_id) && ids.count(sentinel.resume_id);
  });
  ASSERT_TRUE(by_alice.held) << by_alice.last.body;
  auto by_bob = search(bob_->token, {{"q", word}});
  ASSERT_EQ(by_bob.status, 200) << by_bob.body;
  EXPECT_EQ(ids_of(by_bob), std::set<std::string>{sentinel.resume_id});
  EXPECT_EQ(by_bob.json()["total"], 1) << by_bob.body;
  // Switching it off in an edit lets that company find the seeker again.
  const auto before = SteadyClock::now();
  ASSERT_EQ(put_resume(hiding, resume_with(word)).status, 200);
  auto back = wait_for(bob_->token, word, contains(hiding.resume_id), before);
  ASSERT_TRUE(back.held) << back.last.body;
  EXPECT_LT(back.after, kSearchableWithin) << "took " << back.after.count() << " ms";
}

// RES-3: the search that visibility opens to employers narrows as asked; there is deliberately
// no filter on age, gender or hukou.
TEST_F(SearchTalentApi, FiltersNarrowByCityDegreeExperienceAndExpectedSalary) {
  const std::string word = unique_word();
  json senior = resume_with(word);
  senior["intention"]["cities"] = {"110100"};
  senior["intention"]["salary_min"] = 50000;
  senior["intention"]["salary_max"] = 70000;
  senior["education"][0]["degree"] = "master";
  senior["basic"]["work_start"] = months_ago(10);
  json junior = resume_with(word);
  junior["intention"]["cities"] = {"440300"};
  junior["intention"]["salary_min"] = 15000;
  junior["intention"]["salary_max"] = 20000;
  junior["intention"]["work_type"] = "internship";
  junior["basic"]["work_start"] = months_ago(2);
  const std::string s = seeker_with(senior).resume_id;
  const std::string j = seeker_with(junior).resume_id;
  ASSERT_TRUE(wait_for(alice_->token, word, [&](const std::set<std::string>& ids) {
                return ids.count(s) && ids.count(j);
              }).held);
  const std::string& token = alice_->token;
  using Ids = std::set<std::string>;
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"city", "110100"}})), Ids{s});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"city", "440000"}})), Ids{j});
  EXPECT_TRUE(ids_of(search(token, {{"q", word}, {"city", "310000"}})).empty());
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"degree", "master"}})), Ids{s});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"degree", "bachelor"}})), (Ids{s, j}));
  EXPECT_TRUE(ids_of(search(token, {{"q", word}, {"degree", "doctorate"}})).empty());
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"years_min", "5"}})), Ids{s});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"years_max", "3"}})), Ids{j});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"years_min", "1"}, {"years_max", "12"}})),
            (Ids{s, j}));
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"expected_salary_max", "20000"}})), Ids{j});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"expected_salary_max", "60000"}})), (Ids{s, j}));
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"work_type", "internship"}})), Ids{j});
  EXPECT_EQ(ids_of(search(token, {{"q", word}, {"degree", "master"}, {"city", "440300"}})).size(),
            0u);
}

TEST_F(SearchTalentApi, BadParametersAreNamedInA422) {  // RES-3
  const std::vector<std::pair<Params, std::string>> cases = {
      {{{"degree", "bogus"}}, "degree"},
      {{{"years_min", "-1"}}, "years_min"},
      {{{"years_min", "abc"}}, "years_min"},
      {{{"years_min", "5"}, {"years_max", "2"}}, "years_max"},
      {{{"city", "999999"}}, "city"},
      {{{"expected_salary_max", "lots"}}, "expected_salary_max"},
      {{{"work_type", "gig"}}, "work_type"},
      {{{"limit", "0"}}, "limit"},
      {{{"limit", "51"}}, "limit"},
      {{{"cursor", "garbage"}}, "cursor"},
  };
  for (const auto& [params, field] : cases) {
    auto r = search(alice_->token, params);
    EXPECT_TRUE(is_problem(r, 422, "validation")) << params[0].first << "=" << params[0].second;
    EXPECT_TRUE(error_fields(r).count(field)) << field << ": " << r.body;
  }
  // Malformed words are never an error here either.
  for (const std::string q : {"\"abc", "-", "OR OR", "((", "🦜"})
    EXPECT_EQ(search(alice_->token, {{"q", q}}).status, 200) << q;
  // Who asks is checked before the parameters: a seeker learns nothing about them (VER-3).
  auto seeker = sign_up(*server_, next_phone());
  EXPECT_EQ(search(seeker, {{"degree", "bogus"}}).status, 403);
}
