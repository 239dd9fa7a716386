#include "cli/seed.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <random>
#include <string_view>

#include <nlohmann/json.hpp>

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "jobs/job_store.hpp"
#include "verification/id_numbers.hpp"

namespace hiresafe::cli {

namespace {

// Catches the code a demo sign-in asks for, in memory only.
class CapturingDelivery final : public identity::CodeDelivery {
 public:
  void deliver(const identity::OutboundCode& m) override {
    std::lock_guard lock(mutex_);
    last_ = m.code;
  }
  std::string last() {
    std::lock_guard lock(mutex_);
    return last_;
  }

 private:
  std::mutex mutex_;
  std::string last_;
};

struct DemoPerson {
  const char* phone;
  const char* birth_date;
  const char* role;
  const char* extra_role;  // may be null
  const char* email;       // headhunter only
};

// Synthetic numbers in a block reserved for demos; none belongs to a real person.
constexpr DemoPerson kDemo[] = {
    {"+8613800000001", "1995-04-12", "seeker", nullptr, nullptr},
    {"+8613800000002", "1990-11-03", "seeker", nullptr, nullptr},
    {"+8613800000003", "2009-06-01", "seeker", nullptr, nullptr},  // a 16/17-year-old
    {"+8613800000004", "1985-02-20", "recruiter", "seeker", nullptr},
    {"+8613800000005", "1988-08-08", "recruiter", nullptr, nullptr},
    {"+8613800000006", "1982-01-15", "headhunter", nullptr, "headhunter@demo.hiresafe.dev"},
};

// ---- synthetic job posts --------------------------------------------------------------------

// A synthetic number outside the demo block; the recruiter who owns every synthetic post.
constexpr const char* kSyntheticRecruiterPhone = "+8613800000099";
constexpr const char* kSyntheticRecruiterBirthDate = "1986-05-18";
constexpr int kSyntheticCompanies = 5;
// Rows per transaction: large enough that commits (one fsync each in WAL) do not dominate, small
// enough that a concurrent reader of the same file never waits long for the write lock.
constexpr long long kJobsPerTransaction = 5000;

struct CompanyName {
  const char* zh;
  const char* industry;
};
constexpr CompanyName kCompanies[] = {
    {"星河示例科技有限公司", "互联网"},       {"青木合成制造有限公司", "制造业"},
    {"远帆样本物流有限公司", "物流"},         {"明湖演示零售有限公司", "零售"},
    {"云杉测试医疗器械有限公司", "医疗器械"}, {"北辰模拟教育科技有限公司", "教育"},
};

constexpr std::string_view kLevelsZh[] = {"", "高级", "资深", "初级", "中级", "首席"};
constexpr std::string_view kLevelsEn[] = {"",      "Senior ",    "Junior ",
                                          "Lead ", "Associate ", "Principal "};

// Fragments joined into descriptions. {cat}, {city}, {exp} and {company} are filled in per post.
// Every fragment is checked against the publishing rules before any row is written.
constexpr std::string_view kDutiesZh[] = {
    "负责{cat}相关工作，参与团队日常协作。", "与产品、设计和运营团队紧密合作，推动项目按期交付。",
    "参与需求分析、方案设计和质量改进。",    "编写和维护工作文档，在团队内分享经验。",
    "持续优化工作流程，提升团队效率。",      "跟进客户反馈，协调资源解决问题。",
};
constexpr std::string_view kNeedsZh[] = {
    "具备良好的沟通能力和团队合作精神。", "有{exp}年以上相关工作经验优先。",
    "熟悉行业常用工具和方法。",           "责任心强，善于学习新知识。",
    "能够独立分析和解决问题。",
};
constexpr std::string_view kOffersZh[] = {
    "五险一金，带薪年假，弹性工作时间。",
    "完善的培训体系和清晰的晋升通道。",
    "办公地点位于{city}，交通便利。",
    "{company}重视每一位同事的成长。",
};
constexpr std::string_view kDutiesEn[] = {
    "You will own {cat} work from planning to delivery.",
    "Work closely with product, design and operations colleagues.",
    "Take part in requirement reviews, design discussions and quality improvements.",
    "Keep documentation current and share what you learn with the team.",
};
constexpr std::string_view kNeedsEn[] = {
    "{exp}+ years of relevant experience is a plus.",
    "Clear written and spoken communication.",
    "Familiarity with the common tools of the trade.",
    "Curiosity and care for the people who use our work.",
};
constexpr std::string_view kOffersEn[] = {
    "Flexible hours, paid annual leave and a training budget.",
    "The office is in {city}, close to public transport.",
    "{company} offers a clear promotion path.",
};
constexpr std::string_view kSkillTags[] = {
    "沟通",     "团队合作", "Excel", "C++",  "Python", "SQL",  "数据分析", "项目管理", "English",
    "客户服务", "Linux",    "设计",  "销售", "财务",   "Java", "Go",       "运营",     "供应链"};
constexpr std::string_view kEducation[] = {"any",      "high_school", "vocational", "associate",
                                           "bachelor", "bachelor",    "bachelor",   "master"};
constexpr std::string_view kSizes[] = {"50-99", "100-499", "500-999", "1000-9999", "10000+"};

std::string fill(std::string_view tpl, std::string_view cat, std::string_view city,
                 std::string_view company, long long exp) {
  std::string out(tpl);
  auto replace = [&out](std::string_view key, std::string_view value) {
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
      out.replace(at, key.size(), value);
  };
  replace("{cat}", cat);
  replace("{city}", city);
  replace("{company}", company);
  replace("{exp}", std::to_string(exp));
  return out;
}

// An 18-character unified social credit code (GB 32100-2015) with a correct check character;
// the body is random so repeated seeding never collides with the UNIQUE constraint.
std::string synthetic_credit_code() {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  const std::string noise = core::random_hex(16);
  std::string code = "91";  // registered by the market regulator, an enterprise
  for (std::size_t i = 0; code.size() < 17; ++i)
    code += kAlphabet[static_cast<unsigned char>(noise[i]) * 7u % kAlphabet.size()];
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i)
    sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
  code += kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
  return code;
}

template <class T, std::size_t N>
const T& pick(std::mt19937_64& rng, const T (&items)[N]) {
  return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

template <class T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

long long between(std::mt19937_64& rng, long long lo, long long hi) {
  return std::uniform_int_distribution<long long>(lo, hi)(rng);
}

// The synthetic recruiter, signed in (and created on first use) through the identity service.
core::Result<std::string> synthetic_recruiter(Runtime& rt) {
  HS_TRY(auto policy, rt.consent->current_policy());
  CapturingDelivery capture;
  identity::IdentityService ids(*rt.db, *rt.keys, *rt.clock, rt.config, *rt.consent, capture,
                                capture, *rt.passwords);
  const std::string ip = "seed-jobs";
  HS_CHECK(ids.request_phone_code(kSyntheticRecruiterPhone, "sign_in", ip));
  identity::Registration reg{policy.version, kSyntheticRecruiterBirthDate, "recruiter"};
  HS_TRY(auto grant, ids.sign_in_with_code(kSyntheticRecruiterPhone, capture.last(), reg,
                                           identity::Client{ip, std::string("job seed")}));
  HS_TRY(auto auth, ids.authenticate(grant.token));
  if (!auth.has_role("recruiter")) HS_CHECK(ids.add_role(auth, "recruiter"));
  return auth.user_id;
}

}  // namespace

core::Result<int> seed_demo(Runtime& rt) {
  HS_TRY(long long users, rt.db->read<long long>([](soci::session& sql) -> core::Result<long long> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM users", soci::into(n);
    return n;
  }));
  if (users > 0) return 0;
  HS_TRY(auto policy, rt.consent->current_policy());
  CapturingDelivery capture;
  identity::IdentityService demo(*rt.db, *rt.keys, *rt.clock, rt.config, *rt.consent, capture,
                                 capture, *rt.passwords);
  int created = 0;
  for (const auto& p : kDemo) {
    const std::string ip = "seed-" + std::to_string(created);
    HS_CHECK(demo.request_phone_code(p.phone, "sign_in", ip));
    identity::Registration reg{policy.version, p.birth_date,
                               std::string(p.role) == "headhunter" ? "seeker" : p.role};
    identity::Client client{ip, std::string("demo seed")};
    if (p.email) {
      HS_CHECK(demo.register_headhunter(p.email, "demo-password-1", p.phone, capture.last(), reg,
                                        client));
    } else {
      HS_TRY(auto grant, demo.sign_in_with_code(p.phone, capture.last(), reg, client));
      if (p.extra_role) {
        HS_TRY(auto auth, demo.authenticate(grant.token));
        HS_CHECK(demo.add_role(auth, p.extra_role));
      }
    }
    ++created;
  }
  return created;
}

core::Result<SeededJobs> seed_jobs(Runtime& rt, long long count, const SeedProgress& progress) {
  if (count < 0) return core::Error::invalid("jobs", "must not be negative");
  const auto& taxonomy = *rt.taxonomy;
  const auto& rules = *rt.rules;
  std::vector<const jobs::City*> cities;
  for (const auto& c : taxonomy.cities())
    if (c.level == jobs::kLevelCity) cities.push_back(&c);
  std::vector<const jobs::Category*> categories;
  for (const auto& c : taxonomy.categories())
    if (!c.parent_id.empty()) categories.push_back(&c);
  if (cities.empty() || categories.empty())
    return core::Error::internal("the taxonomy has no cities or no job categories");

  // Synthetic posts stand for ones that passed JOB-2, so no fragment may break a rule.
  auto check_fragment = [&](std::string_view tpl) -> core::Status {
    const auto text = fill(tpl, "后端开发", "上海市", "示例公司", 3);
    if (auto v = rules.check(text); !v.empty())
      return core::Error::internal("seed text \"" + text + "\" breaks publishing rule " +
                                   v.front().rule_id);
    return core::Unit{};
  };
  for (auto t : kDutiesZh) HS_CHECK(check_fragment(t));
  for (auto t : kNeedsZh) HS_CHECK(check_fragment(t));
  for (auto t : kOffersZh) HS_CHECK(check_fragment(t));
  for (auto t : kDutiesEn) HS_CHECK(check_fragment(t));
  for (auto t : kNeedsEn) HS_CHECK(check_fragment(t));
  for (auto t : kOffersEn) HS_CHECK(check_fragment(t));

  SeededJobs out;
  HS_TRY(out.recruiter_id, synthetic_recruiter(rt));

  // Text is reproducible from run to run (a fixed seed) so benchmark runs read similar rows;
  // ids and credit codes come from the system's random source and never repeat.
  std::mt19937_64 rng(20261122);
  const long long now = rt.clock->now();
  std::vector<std::string> company_names;
  HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    for (int i = 0; i < kSyntheticCompanies; ++i) {
      const auto& name = kCompanies[static_cast<std::size_t>(i) % std::size(kCompanies)];
      companies::store::CompanyRow row;
      row.id = core::new_id("co_");
      row.name = name.zh;
      // Belt and braces: the service's own validator must accept what we generate.
      HS_TRY(row.uscc, verification::validate_credit_code(synthetic_credit_code(), "uscc"));
      row.city_code = pick(rng, cities)->code;
      row.industry = name.industry;
      row.size = std::string(pick(rng, kSizes));
      row.description =
          std::string(name.zh) + "是为性能测试生成的示例企业。 A synthetic company for load tests.";
      row.created_by = out.recruiter_id;
      row.created_at = now;
      companies::store::insert_company(sql, row);
      out.company_ids.push_back(row.id);
      company_names.push_back(row.name);
    }
    // The recruiter works for the first company (a recruiter belongs to at most one); the other
    // companies' posts carry the same recruiter id, which only matters for editing them.
    if (!companies::store::company_of(sql, out.recruiter_id))
      companies::store::add_member(sql, out.recruiter_id, out.company_ids.front(), "seed", now);
    return core::Unit{};
  }));

  out.job_ids.reserve(static_cast<std::size_t>(count));
  long long done = 0;
  int percent = -1;
  const long long rules_version = rules.version();
  while (done < count) {
    const long long batch = std::min(kJobsPerTransaction, count - done);
    HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      for (long long i = 0; i < batch; ++i) {
        const std::size_t company =
            static_cast<std::size_t>(between(rng, 0, kSyntheticCompanies - 1));
        const auto& city = *pick(rng, cities);
        const auto& category = *pick(rng, categories);
        jobs::store::JobRow j;
        j.id = core::new_id("j_");
        j.company_id = out.company_ids[company];
        j.recruiter_id = out.recruiter_id;
        j.status = "open";
        j.category_id = category.id;
        j.city_code = city.code;
        j.experience_years = between(rng, 0, 10);
        // "0 years or more" reads oddly in the text; a post asking for none still prefers one.
        const long long years = std::max(1LL, j.experience_years);
        const int language = static_cast<int>(between(rng, 0, 9));  // 0-5 zh, 6-7 en, 8-9 both
        const std::string title_zh = std::string(pick(rng, kLevelsZh)) + category.name_zh;
        const std::string title_en = std::string(pick(rng, kLevelsEn)) + category.name_en;
        j.title = language < 6 ? title_zh : language < 8 ? title_en : title_zh + " / " + title_en;
        std::string d;
        if (language < 6 || language >= 8) {
          const auto& name = company_names[company];
          for (auto n = between(rng, 1, 2); n-- > 0;)
            d += fill(pick(rng, kDutiesZh), category.name_zh, city.name_zh, name, years);
          for (auto n = between(rng, 1, 2); n-- > 0;)
            d += fill(pick(rng, kNeedsZh), category.name_zh, city.name_zh, name, years);
          d += fill(pick(rng, kOffersZh), category.name_zh, city.name_zh, name, years);
        }
        if (language >= 6) {
          if (!d.empty()) d += "\n\n";
          const std::string name = "The company";
          for (auto n = between(rng, 1, 2); n-- > 0;)
            d += fill(pick(rng, kDutiesEn), category.name_en, city.name_en, name, years) + " ";
          d += fill(pick(rng, kNeedsEn), category.name_en, city.name_en, name, years) + " ";
          d += fill(pick(rng, kOffersEn), category.name_en, city.name_en, name, years);
        }
        j.description = std::move(d);
        if (between(rng, 0, 9) < 7)
          j.address = city.name_zh + "示范路" + std::to_string(between(rng, 1, 999)) + "号";
        if (between(rng, 0, 9) < 9) {
          std::uniform_real_distribution<double> near(-0.15, 0.15);
          j.latitude = city.latitude + near(rng);
          j.longitude = city.longitude + near(rng);
        }
        j.salary_min = between(rng, 6, 80) * 500;
        j.salary_max = j.salary_min + between(rng, 2, 40) * 500;
        j.salary_months = between(rng, 0, 3) == 0 ? between(rng, 13, 16) : 12;
        j.education = std::string(pick(rng, kEducation));
        const auto work = between(rng, 0, 9);
        j.work_type = work < 8 ? "full_time" : work == 8 ? "part_time" : "internship";
        j.headcount = between(rng, 1, 10);
        std::vector<std::string> tags;
        for (auto n = between(rng, 1, 4); n-- > 0;) {
          std::string tag(pick(rng, kSkillTags));
          if (std::find(tags.begin(), tags.end(), tag) == tags.end())
            tags.push_back(std::move(tag));
        }
        j.skill_tags_json = nlohmann::json(tags).dump();
        j.valid_days = 30;
        j.rules_version = rules_version;
        // Published over the last week, so every post is still open for three weeks or more.
        j.created_at = j.updated_at = now - between(rng, 0, 7 * 86400);
        j.expires_at = j.created_at + j.valid_days * 86400;
        jobs::store::insert_job(sql, j);
        out.job_ids.push_back(std::move(j.id));
        const long long written = done + i + 1;
        const int now_percent = static_cast<int>(written * 100 / count);
        if (progress && now_percent != percent) {
          percent = now_percent;
          progress(written, count);
        }
      }
      return core::Unit{};
    }));
    done += batch;
  }
  if (progress && count == 0) progress(0, 0);
  return out;
}

}  // namespace hiresafe::cli
