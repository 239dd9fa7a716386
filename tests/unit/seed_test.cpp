// The synthetic data generator (`hiresafe seed`): the same seed gives the same rows and ids,
// another seed adds other rows, every post would pass JOB-2, every resume passes the resume
// checks and wants the kind of job its owner holds, and about one post in twenty is paused or
// expired so search tests meet posts they must not find.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "cli/runtime.hpp"
#include "cli/seed.hpp"
#include "cli/seed_rows.hpp"
#include "cli/seed_words.hpp"
#include "core/clock.hpp"
#include "jobs/publishing_rules.hpp"
#include "resumes/resume_document.hpp"
#include "test_env.hpp"

using namespace hiresafe;

namespace {

// One fresh runtime on the backend under test.
class SeedRuntime {
 public:
  SeedRuntime() {
    core::Config config;
    config.data_dir = dir_.path();
    config.database_url = hiresafe::testing::fresh_database_url(dir_.path());
    if (config.database_url.empty()) return;
    config.password_strength = "min";
    config.log_level = "error";
    config.test_clock = true;  // the recruiter's phone gets one sign-in code a minute
    auto rt = cli::open_runtime(config);
    EXPECT_TRUE(rt) << rt.error().title << " " << rt.error().detail;
    if (rt) rt_ = std::move(rt).value();
  }
  cli::Runtime* get() { return rt_.get(); }
  // Another seed run within a minute would be refused its sign-in code.
  void next_minute() { rt_->test_clock->advance(61); }

  struct Post {
    std::string id, title, description, skill_tags;
    bool operator==(const Post&) const = default;
  };
  std::vector<Post> posts() {
    std::vector<Post> out;
    EXPECT_TRUE(rt_->db->read<core::Unit>([&](soci::session& sql) -> core::Status {
      soci::rowset<soci::row> rows =
          sql.prepare << "SELECT id, title, description, skill_tags FROM jobs ORDER BY id";
      for (const auto& r : rows)
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3)});
      return core::Unit{};
    }));
    return out;
  }
  std::vector<std::string> resume_contents(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    EXPECT_TRUE(rt_->db->read<core::Unit>([&](soci::session& sql) -> core::Status {
      for (const auto& id : ids) {
        std::string content;
        sql << "SELECT content FROM resumes WHERE id = :id", soci::use(id), soci::into(content);
        out.push_back(content);
      }
      return core::Unit{};
    }));
    return out;
  }

 private:
  hiresafe::testing::TempDir dir_;
  std::unique_ptr<cli::Runtime> rt_;
};

std::vector<std::string> all_ids(const cli::SeededJobs& jobs) {
  auto ids = jobs.job_ids;
  ids.insert(ids.end(), jobs.hidden_job_ids.begin(), jobs.hidden_job_ids.end());
  std::sort(ids.begin(), ids.end());
  return ids;
}

const jobs::Taxonomy& taxonomy() {
  static const auto kTaxonomy = jobs::Taxonomy::builtin().value();
  return kTaxonomy;
}

const cli::Vocabulary& words() {
  static const auto kWords = cli::Vocabulary::build(taxonomy()).value();
  return kWords;
}

// Posts made straight from the generator, without a database: cheap enough for thousands.
std::vector<jobs::store::JobRow> made_posts(std::uint64_t seed, long long count, long long now) {
  std::vector<cli::SyntheticCompany> companies;
  for (long long i = 0; i < 50; ++i)
    companies.push_back(
        cli::make_company(words(), seed, i, static_cast<double>(i) / 50, "u_x", now));
  const cli::JobMaker maker(words(), std::move(companies), "u_x", seed, now, 1);
  std::vector<jobs::store::JobRow> out;
  for (long long n = 0; n < count; ++n) out.push_back(maker.make(n));
  return out;
}

TEST(Seed, TheSameSeedGivesTheSameTextAndIdsOnTwoFreshDatabases) {
  SeedRuntime a, b;
  if (!a.get()) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
  auto first = cli::seed_jobs(*a.get(), 200, {}, 42);
  auto second = cli::seed_jobs(*b.get(), 200, {}, 42);
  ASSERT_TRUE(first) << first.error().title << " " << first.error().detail;
  ASSERT_TRUE(second) << second.error().title << " " << second.error().detail;
  EXPECT_EQ(first->job_ids, second->job_ids);
  EXPECT_EQ(first->hidden_job_ids, second->hidden_job_ids);
  EXPECT_EQ(first->company_ids, second->company_ids);
  const auto posts = a.posts();
  ASSERT_EQ(posts.size(), 200u);
  EXPECT_EQ(posts, b.posts());

  auto resumes_a = cli::seed_resumes(*a.get(), 30, {}, 42);
  auto resumes_b = cli::seed_resumes(*b.get(), 30, {}, 42);
  ASSERT_TRUE(resumes_a) << resumes_a.error().title << " " << resumes_a.error().detail;
  ASSERT_TRUE(resumes_b) << resumes_b.error().title << " " << resumes_b.error().detail;
  EXPECT_EQ(resumes_a->resume_ids, resumes_b->resume_ids);
  EXPECT_EQ(a.resume_contents(resumes_a->resume_ids), b.resume_contents(resumes_b->resume_ids));
}

TEST(Seed, AnotherSeedGivesOtherIdsAndARerunAddsRows) {
  SeedRuntime a, b;
  if (!a.get()) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
  auto seven = cli::seed_jobs(*a.get(), 100, {}, 7);
  auto eight = cli::seed_jobs(*b.get(), 100, {}, 8);
  ASSERT_TRUE(seven && eight);
  const auto ids7 = all_ids(*seven), ids8 = all_ids(*eight);
  std::vector<std::string> common;
  std::set_intersection(ids7.begin(), ids7.end(), ids8.begin(), ids8.end(),
                        std::back_inserter(common));
  EXPECT_TRUE(common.empty()) << common.front();
  EXPECT_NE(a.posts().front().title + a.posts().back().title,
            b.posts().front().title + b.posts().back().title);

  // A second run into the same database adds rows whatever its seed: row numbers go on from
  // what is there, so the same seed does not hit the first run's ids or credit codes.
  a.next_minute();
  auto again = cli::seed_jobs(*a.get(), 100, {}, 7);
  ASSERT_TRUE(again) << again.error().title << " " << again.error().detail;
  a.next_minute();
  auto other = cli::seed_jobs(*a.get(), 100, {}, 8);
  ASSERT_TRUE(other) << other.error().title << " " << other.error().detail;
  EXPECT_EQ(a.posts().size(), 300u);
  auto resumes = cli::seed_resumes(*a.get(), 10, {}, 7);
  auto more = cli::seed_resumes(*a.get(), 10, {}, 7);
  ASSERT_TRUE(resumes && more);
  for (const auto& id : more->resume_ids)
    EXPECT_EQ(std::count(resumes->resume_ids.begin(), resumes->resume_ids.end(), id), 0) << id;
}

TEST(Seed, SeekerSessionsSignInAsTheirSeekersUntilTheSessionLifetimeEnds) {
  SeedRuntime a;
  if (!a.get()) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
  auto& rt = *a.get();
  auto seekers = cli::seed_resumes(rt, 4, {}, 3);
  ASSERT_TRUE(seekers) << seekers.error().title << " " << seekers.error().detail;
  ASSERT_EQ(seekers->seeker_ids.size(), seekers->resume_ids.size());
  auto tokens = cli::seed_seeker_sessions(rt, seekers->seeker_ids);
  ASSERT_TRUE(tokens) << tokens.error().title << " " << tokens.error().detail;
  ASSERT_EQ(tokens->size(), 4u);
  EXPECT_EQ(std::set<std::string>(tokens->begin(), tokens->end()).size(), 4u);
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    auto auth = rt.identity->authenticate((*tokens)[i]);
    ASSERT_TRUE(auth) << i << " " << auth.error().title;
    EXPECT_EQ(auth->user_id, seekers->seeker_ids[i]);
    EXPECT_EQ(auth->active_role, "seeker");
    EXPECT_TRUE(auth->has_role("seeker"));
  }
  // Only the hash is kept, as for a sign-in; the resume on each line is its seeker's own.
  EXPECT_TRUE(rt.db->read<core::Unit>([&](soci::session& sql) -> core::Status {
    for (std::size_t i = 0; i < tokens->size(); ++i) {
      long long plain = 0;
      sql << "SELECT COUNT(*) FROM sessions WHERE token_hash = :t", soci::use((*tokens)[i]),
          soci::into(plain);
      EXPECT_EQ(plain, 0);
      std::string owner;
      sql << "SELECT user_id FROM resumes WHERE id = :id", soci::use(seekers->resume_ids[i]),
          soci::into(owner);
      EXPECT_EQ(owner, seekers->seeker_ids[i]);
    }
    return core::Unit{};
  }));
  rt.test_clock->advance(rt.config.session_ttl_days * 86400 + 1);
  EXPECT_FALSE(rt.identity->authenticate(tokens->front()));
}

TEST(Seed, TheRecruiterWithATokenWorksForTheCompanyOfItsOwnPosts) {  // VER-3
  SeedRuntime a;
  if (!a.get()) GTEST_SKIP() << "backend " << hiresafe::testing::backend() << " not configured";
  auto& rt = *a.get();
  auto jobs = cli::seed_jobs(rt, 100, {}, 5);
  ASSERT_TRUE(jobs) << jobs.error().title << " " << jobs.error().detail;
  ASSERT_FALSE(jobs->own_job_ids.empty());
  auto recruiter = cli::seed_recruiter(rt, &*jobs, 5);
  ASSERT_TRUE(recruiter) << recruiter.error().title << " " << recruiter.error().detail;
  EXPECT_EQ(recruiter->company_id, jobs->recruiter_company_id);
  // Every open post of that company is listed, and nothing else.
  std::vector<std::string> expected;
  EXPECT_TRUE(rt.db->read<core::Unit>([&](soci::session& sql) -> core::Status {
    soci::rowset<std::string> rows = (sql.prepare << "SELECT id FROM jobs WHERE company_id = :c",
                                      soci::use(recruiter->company_id));
    for (const auto& id : rows)
      if (std::count(jobs->job_ids.begin(), jobs->job_ids.end(), id)) expected.push_back(id);
    return core::Unit{};
  }));
  auto own = jobs->own_job_ids;
  std::sort(own.begin(), own.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(own, expected);
}

TEST(Seed, EveryPostPassesThePublishingRules) {  // JOB-2
  const auto& rules = jobs::PublishingRules::builtin();
  ASSERT_TRUE(words().check(rules));
  for (const auto& j : made_posts(99, 3000, core::SystemClock().now())) {
    std::string text = j.title + "\n" + j.description;
    for (const auto& tag : nlohmann::json::parse(j.skill_tags_json)) {
      const auto t = tag.get<std::string>();
      EXPECT_TRUE(!t.empty() && t.size() <= 40) << t;
      text += "\n" + t;
    }
    const auto violations = rules.check(text);
    EXPECT_TRUE(violations.empty())
        << j.id << " " << violations.front().rule_id << " " << violations.front().phrase << "\n"
        << text;
    // What JobService::validate would ask of the same post.
    EXPECT_GE(j.title.size(), 2u);
    EXPECT_LE(j.title.size(), 120u);
    EXPECT_LE(j.description.size(), 10000u);
    EXPECT_GE(j.salary_min, 500);
    EXPECT_LE(j.salary_min, j.salary_max);
    EXPECT_LE(j.salary_max, 1000000);
    EXPECT_TRUE(j.salary_months >= 12 && j.salary_months <= 24);
    EXPECT_TRUE(j.experience_years >= 0 && j.experience_years <= 30);
    const auto* category = taxonomy().category(j.category_id);
    ASSERT_TRUE(category && !category->parent_id.empty()) << j.category_id;
    const auto* city = taxonomy().city(j.city_code);
    ASSERT_TRUE(city && city->level == jobs::kLevelCity) << j.city_code;
  }
}

TEST(Seed, AboutOnePostInTwentyIsPausedOrExpired) {
  const long long now = core::SystemClock().now();
  long long paused = 0, expired = 0, open = 0;
  for (const auto& j : made_posts(5, 10000, now)) {
    if (j.status == "paused")
      ++paused;
    else if (j.expires_at <= now)
      ++expired;
    else if (j.status == "open")
      ++open;
    if (j.expires_at <= now) EXPECT_EQ(j.valid_days, 30);
  }
  EXPECT_NEAR(paused, 250, 80);
  EXPECT_NEAR(expired, 250, 80);
  EXPECT_EQ(open + paused + expired, 10000);
}

TEST(Seed, EveryResumePassesTheChecksAndWantsTheJobItsOwnerHolds) {  // RES-1
  const long long this_month = cli::month_number(core::SystemClock().now());
  for (long long number = 0; number < 500; ++number) {
    const auto made = cli::make_resume(words(), 11, number, this_month);
    auto doc = resumes::parse_resume(made.body, taxonomy());
    ASSERT_TRUE(doc) << number << " " << doc.error().title << " "
                     << (doc.error().errors.empty() ? ""
                                                    : doc.error().errors.front().field + " " +
                                                          doc.error().errors.front().message);
    const auto& work = made.body["work"];
    ASSERT_FALSE(work.empty());
    const auto latest =
        std::max_element(work.begin(), work.end(), [](const auto& x, const auto& y) {
          return x["start"].template get<std::string>() < y["start"].template get<std::string>();
        });
    const auto& positions = made.body["intention"]["positions"];
    const auto category = (*latest)["category_id"].get<std::string>();
    EXPECT_NE(std::find(positions.begin(), positions.end(), category), positions.end())
        << number << " works in " << category << " but wants " << positions.dump();
    // Skills come from the categories worked in, and stay in one family.
    std::set<std::string> worked_skills;
    for (const auto& e : work) {
      EXPECT_EQ(taxonomy().parent_of(e["category_id"].get<std::string>())->id,
                taxonomy().parent_of(category)->id);
      for (const auto& tag : e["skill_tags"]) worked_skills.insert(tag.get<std::string>());
    }
    for (const auto& skill : made.body["skills"])
      EXPECT_TRUE(worked_skills.count(skill["name"].get<std::string>())) << skill.dump();
  }
}

TEST(Seed, EveryCategoryHasItsOwnWords) {
  std::set<std::string> families;
  for (const auto& c : words().categories()) {
    EXPECT_GE(c.skills.size(), 5u) << c.category->id;
    EXPECT_FALSE(c.titles.empty()) << c.category->id;
    families.insert(words().families()[c.family].family->id);
  }
  // Each family's phrase bank is its own: no two families share a duty.
  std::set<std::string_view> duties;
  for (const auto& f : words().families())
    for (auto d : f.duties_zh) EXPECT_TRUE(duties.insert(d).second) << d;
  EXPECT_EQ(families.size(), words().families().size());
}

}  // namespace
