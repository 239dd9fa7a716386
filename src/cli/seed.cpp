#include "cli/seed.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include <nlohmann/json.hpp>

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "identity/identity_store.hpp"
#include "jobs/job_store.hpp"
#include "resumes/resume_store.hpp"
#include "verification/id_numbers.hpp"
#include "verification/verification_store.hpp"

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

struct SignedIn {
  std::string user_id, token;
};

// The synthetic recruiter, signed in (and created on first use) through the identity service.
core::Result<SignedIn> synthetic_recruiter(Runtime& rt) {
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
  return SignedIn{auth.user_id, grant.token};
}

// A company row standing for one that passed VER-2, owned by the synthetic recruiter.
core::Result<companies::store::CompanyRow> synthetic_company(
    std::mt19937_64& rng, const std::vector<const jobs::City*>& cities, const CompanyName& name,
    const std::string& recruiter_id, long long now) {
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
  row.created_by = recruiter_id;
  row.created_at = now;
  return row;
}

std::vector<const jobs::City*> seat_cities(const jobs::Taxonomy& taxonomy) {
  std::vector<const jobs::City*> cities;
  for (const auto& c : taxonomy.cities())
    if (c.level == jobs::kLevelCity) cities.push_back(&c);
  return cities;
}

// ---- synthetic resumes ----------------------------------------------------------------------

// Seekers' mobile numbers: +86, one of these prefixes, then eight digits counted up from the
// number of accounts already in the database, so a second seed run adds new numbers instead of
// hitting the phone index's UNIQUE constraint. The demo and the synthetic recruiter use 138.
constexpr std::string_view kSeekerPrefixes[] = {"139", "186", "177", "150", "188"};
constexpr long long kResumesPerTransaction = 2000;

constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐",   "孙",   "胡",   "朱",  "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐",   "冯",   "于",   "董",  "萧",
    "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "欧阳", "司马", "诸葛", "上官"};
constexpr std::string_view kGivenMale[] = {
    "伟", "强", "磊", "军",   "洋",   "勇",   "杰",   "涛",   "明",   "超",   "浩",
    "宇", "俊", "鹏", "志远", "子轩", "建华", "国栋", "文博", "家豪", "晨阳", "嘉诚"};
constexpr std::string_view kGivenFemale[] = {
    "芳", "娜",   "敏",   "静",   "丽",   "艳",   "婷",   "雪",   "琳",   "颖",  "倩",
    "悦", "欣怡", "梓涵", "雨桐", "思琪", "晓燕", "佳慧", "诗雨", "美玲", "若曦"};

// Employers in work entries: a bank of its own, disjoint from kCompanies, so no synthetic resume
// hides from the recruiter's company (RES-2) and every view is a masked 200.
constexpr CompanyName kEmployers[] = {
    {"晨光示例网络科技有限公司", "互联网"}, {"海岳样本电子有限公司", "电子制造"},
    {"松涛演示餐饮管理有限公司", "餐饮"},   {"金桥测试金融服务有限公司", "金融"},
    {"蓝湾示范物流有限公司", "物流"},       {"长风样例汽车零部件有限公司", "汽车"},
    {"清泉演示医药有限公司", "医药"},       {"华庭示例置业有限公司", "房地产"},
    {"启明样本教育咨询有限公司", "教育"},   {"鼎盛测试贸易有限公司", "贸易"},
    {"新禾示范农业科技有限公司", "农业"},   {"远景样例传媒有限公司", "传媒"},
    {"恒信演示会计师事务所", "专业服务"},   {"锦程示例酒店管理有限公司", "酒店"},
    {"智航测试软件有限公司", "软件"},       {"瑞丰样本化工有限公司", "化工"},
};
constexpr std::string_view kIndustries[] = {"互联网", "软件", "电子制造", "金融",   "教育",
                                            "医药",   "物流", "零售",     "房地产", "汽车",
                                            "传媒",   "餐饮", "咨询",     "贸易"};
constexpr std::string_view kCompanyTypes[] = {"民营企业", "民营企业", "国有企业",
                                              "外资企业", "合资企业", "事业单位"};
constexpr std::string_view kSchools[] = {
    "东江示范大学",     "西岭理工学院", "南湖师范大学",   "北原财经大学", "中川工业大学",
    "临海职业技术学院", "青川医科大学", "云山外国语学院", "江城第一中学", "明德职业中专"};
constexpr std::string_view kMajors[] = {
    "计算机科学与技术", "软件工程",    "电子信息工程", "机械设计制造及其自动化",
    "市场营销",         "会计学",      "工商管理",     "英语",
    "汉语言文学",       "金融学",      "物流管理",     "护理学",
    "人力资源管理",     "视觉传达设计"};
constexpr std::string_view kWorkDuties[] = {
    "负责{cat}相关工作，按计划完成各项任务。",        "参与需求评审和方案讨论，推动项目按期交付。",
    "与产品、设计和运营同事协作，持续改进工作流程。", "整理和维护工作文档，带领新同事熟悉业务。",
    "跟进客户反馈，协调内外部资源解决问题。",         "负责数据统计与分析，定期输出工作报告。",
};
constexpr std::string_view kWorkAchievements[] = {
    "主导的流程改进使团队效率提升约{n}%。",        "连续{n}个季度超额完成目标，获评优秀员工。",
    "参与的项目按期上线，客户满意度明显提高。",    "搭建了部门内部的知识库，新人上手时间缩短一半。",
    "协助完成{n}次重要交付，未出现重大质量问题。",
};
constexpr std::string_view kProjects[] = {"客户管理系统升级", "门店数字化改造", "年度品牌推广活动",
                                          "供应链成本优化",   "数据平台建设",   "新员工培训体系"};
constexpr std::string_view kProjectRoles[] = {
    "项目成员，负责{cat}部分。", "项目负责人，统筹进度与资源。", "核心成员，负责方案设计与落地。"};
constexpr std::string_view kCertificates[] = {"大学英语六级",   "普通话二级甲等",
                                              "初级会计职称",   "PMP项目管理专业人士",
                                              "机动车驾驶证C1", "计算机二级"};
constexpr std::string_view kSelfEvaluation[] = {
    "性格开朗，沟通能力强，乐于与团队协作。", "做事认真负责，注重细节，执行力强。",
    "学习能力强，能快速适应新的工作环境。",   "有较强的抗压能力，能在紧张的节奏中保持质量。",
    "善于总结经验，持续提升自己的专业水平。", "对{cat}方向有浓厚兴趣，希望长期发展。",
};
constexpr std::string_view kPolitical[] = {"masses", "masses", "cyl_member", "cpc_member",
                                           "non_partisan"};
constexpr std::string_view kLanguageLevels[] = {"basic", "fair", "good", "fluent"};

struct Degree {
  std::string_view id;
  int graduation_age;  // at the usual finishing age, in July
  int years;
  int weight;  // in a hundred
};
constexpr Degree kDegrees[] = {{"high_school", 18, 3, 8},     {"secondary_vocational", 18, 3, 10},
                               {"junior_college", 21, 3, 22}, {"bachelor", 22, 4, 45},
                               {"master", 25, 3, 13},         {"doctorate", 28, 4, 2}};

// Months are counted as year * 12 + (month - 1) so spans are plain subtraction.
std::string month_text(long long m) {
  const long long month = m % 12 + 1;
  return std::to_string(m / 12) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

std::string replaced(std::string_view tpl, std::string_view key, std::string_view value) {
  std::string out(tpl);
  for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
    out.replace(at, key.size(), value);
  return out;
}

// `n` different fragments of `bank`, joined, with `key` filled in: a resume repeating itself
// would read as generated.
template <std::size_t N>
std::string phrases(std::mt19937_64& rng, const std::string_view (&bank)[N], long long n,
                    std::string_view key, std::string_view value) {
  std::array<std::size_t, N> order;
  for (std::size_t i = 0; i < N; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::string out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(n) && i < N; ++i)
    out += replaced(bank[order[i]], key, value);
  return out;
}

// What one seeker's resume is built from; the values the account row needs come back too.
struct SeekerResume {
  nlohmann::json body;
  std::string phone, birth_date;
};

class ResumeMaker {
 public:
  ResumeMaker(const jobs::Taxonomy& taxonomy, long long now) {
    cities_ = seat_cities(taxonomy);
    // Positions come in families so a career stays in one trade, as most do.
    std::map<std::string, std::size_t> family_of;
    for (const auto& c : taxonomy.categories()) {
      if (c.parent_id.empty()) continue;
      auto [it, added] = family_of.emplace(c.parent_id, families_.size());
      if (added) families_.emplace_back();
      families_[it->second].push_back(&c);
    }
    std::time_t t = static_cast<std::time_t>(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    this_month_ = (utc.tm_year + 1900) * 12LL + utc.tm_mon;
  }
  bool ready() const { return !cities_.empty() && !families_.empty(); }

  SeekerResume make(std::mt19937_64& rng, long long number) {
    using nlohmann::json;
    SeekerResume out;
    out.phone = "+86" + std::string(kSeekerPrefixes[number % std::size(kSeekerPrefixes)]);
    const std::string digits = std::to_string(100000000 + number / std::size(kSeekerPrefixes));
    out.phone += digits.substr(digits.size() - 8);

    const bool male = between(rng, 0, 1) == 0;
    const std::string name = std::string(pick(rng, kSurnames)) +
                             std::string(male ? pick(rng, kGivenMale) : pick(rng, kGivenFemale));
    const long long birth = between(rng, 1970 * 12, 2004 * 12 + 11);
    const long long birth_year = birth / 12;
    const long long day = between(rng, 1, 28);
    out.birth_date = month_text(birth) + (day < 10 ? "-0" : "-") + std::to_string(day);
    const auto& family = pick(rng, families_);
    const auto& category = *pick(rng, family);
    const auto& city = *pick(rng, cities_);

    // Education: the highest degree, and the bachelor's before a master's or doctorate.
    long long roll = between(rng, 0, 99);
    std::size_t level = 0;
    while (level + 1 < std::size(kDegrees) && (roll -= kDegrees[level].weight) >= 0) ++level;
    // The youngest seekers cannot have started a doctorate yet: take the next degree down.
    auto started = [&](std::size_t l) {
      return (birth_year + kDegrees[l].graduation_age - kDegrees[l].years) * 12 + 8 <= this_month_;
    };
    while (level > 0 && !started(level)) --level;
    const Degree* degree = &kDegrees[level];
    const long long graduation = (birth_year + degree->graduation_age) * 12 + 6;
    const bool studying = graduation > this_month_;
    json education = json::array();
    auto school = [&](std::string_view degree_id, long long start, long long end, bool full_time) {
      json e = {{"degree", degree_id},
                {"full_time", full_time},
                {"school", pick(rng, kSchools)},
                {"major", pick(rng, kMajors)},
                {"start", month_text(start)}};
      if (end <= this_month_) e["end"] = month_text(end);
      education.push_back(std::move(e));
    };
    if (degree->id == "master" || degree->id == "doctorate")
      school("bachelor", (birth_year + 18) * 12 + 8, (birth_year + 22) * 12 + 5, true);
    school(degree->id, graduation - degree->years * 12 + 2, graduation - 1, true);

    // Work: from the first job to now, in one to three stints; a student has one internship.
    const std::string status = studying                  ? "student"
                               : between(rng, 0, 9) == 0 ? "unemployed"
                                                         : "employed";
    json work = json::array();
    long long monthly = 0;
    long long work_start = 0;
    auto stint = [&](long long start, std::optional<long long> end, bool intern) {
      const auto& cat = between(rng, 0, 4) == 0 ? *pick(rng, family) : category;
      const auto& employer = pick(rng, kEmployers);
      const long long years = (start - work_start) / 12;
      monthly = intern ? between(rng, 4, 10) * 300
                       : (between(rng, 8, 16) + years * between(rng, 2, 4)) * 500;
      std::string title = intern ? cat.name_zh + "实习生"
                                 : std::string(years >= 8   ? "资深"
                                               : years >= 4 ? "高级"
                                                            : "") +
                                       cat.name_zh;
      std::vector<std::string> tags;
      for (auto n = between(rng, 1, 4); n-- > 0;) {
        std::string tag(pick(rng, kSkillTags));
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
      }
      std::string duties = phrases(rng, kWorkDuties, between(rng, 2, 3), "{cat}", cat.name_zh);
      std::string achievements = phrases(rng, kWorkAchievements, between(rng, 1, 2), "{n}",
                                         std::to_string(between(rng, 2, 30)));
      json e = {{"company_name", employer.zh},
                {"title", std::move(title)},
                {"company_type", pick(rng, kCompanyTypes)},
                {"company_size", pick(rng, kSizes)},
                {"category_id", cat.id},
                {"skill_tags", tags},
                {"start", month_text(start)},
                {"industry", employer.industry},
                {"monthly_salary", monthly},
                {"yearly_income", monthly * (intern ? between(rng, 2, 6) : between(rng, 12, 16))},
                {"duties", std::move(duties)},
                {"achievements", std::move(achievements)}};
      if (end) e["end"] = month_text(*end);
      // A few seekers hide from a former employer (RES-2); none of these is the recruiter's.
      if (between(rng, 0, 32) == 0) e["hide_from_company"] = true;
      work.push_back(std::move(e));
    };
    if (studying) {
      work_start = this_month_ - between(rng, 2, 10);
      const long long end = work_start + between(rng, 2, 6);
      stint(work_start, end < this_month_ ? std::optional<long long>(end) : std::nullopt, true);
    } else {
      work_start = std::min(graduation + between(rng, 0, 6), this_month_ - 1);
      const long long last = status == "unemployed"
                                 ? std::max(work_start + 1, this_month_ - between(rng, 1, 8))
                                 : this_month_;
      const long long span = last - work_start;
      long long stints = std::min<long long>(between(rng, 1, 3), std::max(1LL, span / 12));
      std::vector<long long> cuts;
      for (long long i = 1; i < stints; ++i) cuts.push_back(work_start + span * i / stints);
      long long start = work_start;
      for (long long i = 0; i < stints; ++i) {
        const bool final = i + 1 == stints;
        std::optional<long long> end;
        if (!final)
          end = cuts[static_cast<std::size_t>(i)];
        else if (status == "unemployed")
          end = last;
        stint(start, end, false);
        if (!final) start = std::min(*end + between(rng, 0, 2), last);
      }
    }

    json skills = json::array();
    std::vector<std::string_view> skill_names;
    const long long experience = std::max(6LL, this_month_ - work_start);
    for (auto n = between(rng, 2, 5); n-- > 0;) {
      auto skill = pick(rng, kSkillTags);
      if (std::find(skill_names.begin(), skill_names.end(), skill) != skill_names.end()) continue;
      skill_names.push_back(skill);
      const long long months = between(rng, 6, experience);
      skills.push_back({{"name", skill},
                        {"months", months},
                        {"level", months >= 96   ? "expert"
                                  : months >= 36 ? "advanced"
                                  : months >= 12 ? "intermediate"
                                                 : "beginner"}});
    }
    json languages = json::array();
    if (between(rng, 0, 9) < 7)
      languages.push_back({{"language", "英语"},
                           {"listening_speaking", pick(rng, kLanguageLevels)},
                           {"reading_writing", pick(rng, kLanguageLevels)}});
    if (between(rng, 0, 19) == 0)
      languages.push_back({{"language", "日语"},
                           {"listening_speaking", "basic"},
                           {"reading_writing", pick(rng, kLanguageLevels)}});
    json certificates = json::array();
    for (auto n = between(rng, 0, 2); n-- > 0;) {
      const auto name = pick(rng, kCertificates);
      if (!certificates.empty() && certificates[0]["name"] == name) continue;
      certificates.push_back(
          {{"name", name},
           {"obtained", month_text(between(rng, std::min(graduation, this_month_) - 24,
                                           std::min(graduation, this_month_)))}});
    }
    json projects = json::array();
    if (!studying)
      for (auto n = between(rng, 0, 2); n-- > 0;) {
        const auto& entry = work[static_cast<std::size_t>(between(rng, 0, work.size() - 1))];
        projects.push_back(
            {{"name", pick(rng, kProjects)},
             {"start", entry["start"]},
             {"description", replaced(pick(rng, kWorkDuties), "{cat}", category.name_zh)},
             {"company", entry["company_name"]},
             {"role", replaced(pick(rng, kProjectRoles), "{cat}", category.name_zh)}});
      }

    json positions = json::array({category.id});
    for (auto n = between(rng, 0, 2); n-- > 0;) {
      const auto& other = pick(rng, family)->id;
      if (std::find(positions.begin(), positions.end(), other) == positions.end())
        positions.push_back(other);
    }
    json wanted_cities = json::array({city.code});
    if (between(rng, 0, 2) == 0) {
      const auto& other = pick(rng, cities_)->code;
      if (other != city.code) wanted_cities.push_back(other);
    }
    json industries = json::array({pick(rng, kIndustries)});
    const long long salary_min = (monthly * 11 / 10 / 1000 + 1) * 1000;

    json basic = {{"name", name},
                  {"gender", male ? "male" : "female"},
                  {"status", status},
                  {"birth_month", month_text(birth)},
                  {"current_city", city.code},
                  {"phone", out.phone},
                  {"overseas_experience", between(rng, 0, 19) == 0}};
    if (!studying) basic["work_start"] = month_text(work_start);
    if (between(rng, 0, 1) == 0) basic["hukou_city"] = pick(rng, cities_)->code;
    if (between(rng, 0, 2) == 0) basic["political_status"] = pick(rng, kPolitical);
    if (between(rng, 0, 3) == 0)
      basic["email"] = "seeker" + std::to_string(number) + "@example.com";
    if (between(rng, 0, 3) == 0) basic["wechat"] = "wx_seeker_" + std::to_string(number);

    std::string self = phrases(rng, kSelfEvaluation, between(rng, 2, 3), "{cat}", category.name_zh);
    const auto work_type = studying && between(rng, 0, 1) == 0 ? "internship"
                           : between(rng, 0, 19) == 0          ? "part_time"
                                                               : "full_time";
    const auto search = between(rng, 0, 19);
    out.body = {{"title", category.name_zh + "求职简历"},
                {"visibility", "public"},
                {"self_evaluation", std::move(self)},
                {"basic", std::move(basic)},
                {"intention",
                 {{"positions", std::move(positions)},
                  {"industries", std::move(industries)},
                  {"cities", std::move(wanted_cities)},
                  {"salary_min", salary_min},
                  {"salary_max", salary_min + between(rng, 2, 10) * 1000},
                  {"work_type", work_type},
                  {"search_status", search < 10   ? "looking"
                                    : search < 17 ? "browsing"
                                                  : "not_looking"}}},
                {"education", std::move(education)},
                {"work", std::move(work)},
                {"projects", std::move(projects)},
                {"languages", std::move(languages)},
                {"skills", std::move(skills)},
                {"certificates", std::move(certificates)}};
    return out;
  }

 private:
  std::vector<const jobs::City*> cities_;
  std::vector<std::vector<const jobs::Category*>> families_;
  long long this_month_ = 0;
};

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
      HS_TRY(auto auth, demo.authenticate(grant.token));
      if (p.extra_role) HS_CHECK(demo.add_role(auth, p.extra_role));
      // The first adult seeker gets a public resume, written through the resume service as
      // the person's own request would, so recruiters in the demo have something to find.
      if (created == 0) {
        ResumeMaker maker(*rt.taxonomy, rt.clock->now());
        std::mt19937_64 rng(20261122);
        auto made = maker.make(rng, 0);
        made.body["basic"]["phone"] = p.phone;
        made.body["visibility"] = "public";
        HS_CHECK(rt.resumes->create(auth, made.body));
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
  const auto cities = seat_cities(taxonomy);
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
  HS_TRY(auto recruiter, synthetic_recruiter(rt));
  out.recruiter_id = recruiter.user_id;
  out.recruiter_token = recruiter.token;

  // Text is reproducible from run to run (a fixed seed) so benchmark runs read similar rows;
  // ids and credit codes come from the system's random source and never repeat.
  std::mt19937_64 rng(20261122);
  const long long now = rt.clock->now();
  std::vector<std::string> company_names;
  HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    for (int i = 0; i < kSyntheticCompanies; ++i) {
      const auto& name = kCompanies[static_cast<std::size_t>(i) % std::size(kCompanies)];
      HS_TRY(auto row, synthetic_company(rng, cities, name, out.recruiter_id, now));
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

core::Result<SeededResumes> seed_resumes(Runtime& rt, long long count,
                                         const SeedProgress& progress) {
  if (count < 0) return core::Error::invalid("resumes", "must not be negative");
  const auto& taxonomy = *rt.taxonomy;
  const auto& keys = *rt.keys;
  const long long now = rt.clock->now();
  ResumeMaker maker(taxonomy, now);
  if (!maker.ready())
    return core::Error::internal("the taxonomy has no cities or no job categories");
  HS_TRY(auto policy, rt.consent->current_policy());
  HS_TRY(const long long first_number,
         rt.db->read<long long>([](soci::session& sql) -> core::Result<long long> {
           long long n = 0;
           sql << "SELECT COUNT(*) FROM users", soci::into(n);
           return n;
         }));
  const std::string ip_hash = keys.ip_hash("seed-resumes");

  // Same reasoning as the job posts: reproducible text, fresh random ids and keys. Only the
  // preparing thread draws from `rng`, one batch after the other, so the text stays the same.
  std::mt19937_64 rng(20261122);
  struct Seeker {
    identity::store::UserRow user;
    std::string phone_index;
    resumes::store::ResumeRow resume;
    std::vector<resumes::HiddenCompany> hidden;
  };
  // Building, checking and sealing a resume costs about as much as writing it, so the next
  // batch is prepared on a second thread while this one writes the current batch.
  auto prepare = [&](long long first, long long n) -> core::Result<std::vector<Seeker>> {
    std::vector<Seeker> batch;
    batch.reserve(static_cast<std::size_t>(n));
    for (long long number = first; number < first + n; ++number) {
      auto made = maker.make(rng, number);
      // Belt and braces: a resume the service would refuse must not reach the benchmark.
      auto doc = resumes::parse_resume(made.body, taxonomy);
      if (!doc) {
        std::string why = doc.error().title;
        if (!doc.error().errors.empty())
          why = doc.error().errors.front().field + " " + doc.error().errors.front().message;
        return core::Error::internal("synthetic resume " + std::to_string(number) +
                                     " fails the resume checks: " + why);
      }
      const std::string e164 = doc->identity.at("phone").get<std::string>();
      Seeker& seeker = batch.emplace_back();
      // The account a quick registration creates (identity_service.cpp new_person_row).
      const auto key = crypto::SecretKey::random();
      auto& user = seeker.user;
      user.id = core::new_id("u_");
      user.wrapped_key = keys.wrap_person_key(key, user.id);
      user.phone_enc = crypto::seal_field(key, user.id, "phone", e164);
      user.birth_date_enc = crypto::seal_field(key, user.id, "birth_date", made.birth_date);
      user.is_minor = false;  // born 2004 or earlier
      user.status = "active";
      user.created_at = now;
      seeker.phone_index = keys.phone_index(e164);
      auto& row = seeker.resume;
      row.id = core::new_id("r_");
      row.user_id = user.id;
      row.title = doc->title;
      row.visibility = doc->visibility;
      row.content = doc->content.dump();
      row.identity_enc =
          crypto::seal_field(key, user.id, resumes::identity_field(row.id), doc->identity.dump());
      row.version = 1;
      row.created_at = row.updated_at = now;
      seeker.hidden = resumes::hidden_companies(*doc);
    }
    return batch;
  };

  SeededResumes out;
  out.resume_ids.reserve(static_cast<std::size_t>(count));
  long long done = 0;
  int percent = -1;
  auto batch_after = [&](long long start) {
    return std::min(kResumesPerTransaction, count - start);
  };
  std::future<core::Result<std::vector<Seeker>>> next;
  if (count > 0) next = std::async(std::launch::async, prepare, first_number, batch_after(0));
  while (done < count) {
    HS_TRY(auto batch, next.get());
    const long long size = static_cast<long long>(batch.size());
    if (done + size < count)
      next = std::async(std::launch::async, prepare, first_number + done + size,
                        batch_after(done + size));
    HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
      // Rows land in eight B-trees keyed by random ids and hashes, so consecutive inserts touch
      // pages all over the file; SQLite's default 2 MB page cache then re-reads them from the
      // WAL for every row. This connection belongs to the seed process only.
      if (rt.db->dialect() == hiresafe::store::Dialect::kSqlite)
        sql << "PRAGMA cache_size = -262144";
      for (long long i = 0; i < size; ++i) {
        const auto& seeker = batch[static_cast<std::size_t>(i)];
        identity::store::insert_user(sql, seeker.user, seeker.phone_index, std::nullopt);
        // PRV-1: no account without its policy acceptance, synthetic or not.
        rt.consent->record_policy_acceptance(sql, seeker.user.id, policy.version, ip_hash);
        identity::store::add_role(sql, seeker.user.id, "seeker", now);
        resumes::store::insert_resume(sql, seeker.resume);
        if (!seeker.hidden.empty())
          resumes::store::replace_hidden(sql, seeker.resume.id, seeker.user.id, seeker.hidden);
        const long long written = done + i + 1;
        const int now_percent = static_cast<int>(written * 100 / count);
        if (progress && now_percent != percent) {
          percent = now_percent;
          progress(written, count);
        }
      }
      return core::Unit{};
    }));
    for (auto& seeker : batch) out.resume_ids.push_back(std::move(seeker.resume.id));
    done += size;
  }
  if (progress && count == 0) progress(0, 0);
  return out;
}

core::Result<SeededRecruiter> seed_recruiter(Runtime& rt, const SeededJobs* jobs) {
  SeededRecruiter out;
  if (jobs && !jobs->recruiter_token.empty()) {
    out.user_id = jobs->recruiter_id;
    out.token = jobs->recruiter_token;
  } else {
    HS_TRY(auto signed_in, synthetic_recruiter(rt));
    out.user_id = signed_in.user_id;
    out.token = signed_in.token;
  }
  const auto cities = seat_cities(*rt.taxonomy);
  if (cities.empty()) return core::Error::internal("the taxonomy has no cities");
  std::mt19937_64 rng(20261122);
  const long long now = rt.clock->now();
  HS_CHECK(rt.db->transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (auto company = companies::store::company_of(sql, out.user_id)) {
      out.company_id = *company;
    } else {
      HS_TRY(auto row, synthetic_company(rng, cities, kCompanies[0], out.user_id, now));
      companies::store::insert_company(sql, row);
      companies::store::add_member(sql, out.user_id, row.id, "seed", now);
      out.company_id = row.id;
    }
    HS_TRY(auto key, rt.keys->person_key(sql, out.user_id));
    // Rows as a decided submission leaves them, marked as seeded rather than checked: no real
    // ID number or licence stands behind them. The details are sealed the way the service seals
    // them (verification_service.cpp details_aad) so a staff reviewer could still open them.
    auto approve = [&](const char* kind, std::optional<std::string> company,
                       const nlohmann::json& details) {
      if (verification::store::is_approved(sql, out.user_id, kind)) return;
      verification::store::VerificationRow v;
      v.id = core::new_id("v_");
      v.user_id = out.user_id;
      v.kind = kind;
      v.status = "approved";
      v.provider = "seed";
      v.company_id = std::move(company);
      v.details_enc = crypto::seal_field(key, out.user_id, "verification/" + v.id, details.dump());
      v.decided_by = "seed";
      v.submitted_at = now;
      v.decided_at = now;
      verification::store::insert_verification(sql, v);
    };
    approve("identity", std::nullopt,
            {{"real_name", "示例招聘者"}, {"note", "seeded for load tests; nothing was checked"}});
    approve("employment", out.company_id, {{"method", "seed"}});
    return core::Unit{};
  }));
  return out;
}

}  // namespace hiresafe::cli
