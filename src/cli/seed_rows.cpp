#include "cli/seed_rows.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <optional>

namespace hiresafe::cli {

using nlohmann::json;

namespace {

// ---- shared -------------------------------------------------------------------------------------

// `k` different indexes below `n`, in random order: a post or resume repeating a phrase would
// read as generated.
std::vector<std::size_t> sample(SeedRng& rng, std::size_t n, std::size_t k) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  k = std::min(k, n);
  for (std::size_t i = 0; i < k; ++i)
    std::swap(order[i], order[static_cast<std::size_t>(rng.between(
                            static_cast<long long>(i), static_cast<long long>(n) - 1))]);
  order.resize(k);
  return order;
}

// Rounded to a multiple of `step`, at least `step`.
long long rounded(double amount, long long step) {
  return std::max(step,
                  static_cast<long long>(std::llround(amount / static_cast<double>(step))) * step);
}

constexpr std::string_view kSizes[] = {"10000+",  "1000-9999", "500-999",
                                       "100-499", "50-99",     "1-49"};
// Upper bounds of a company's rank for each size above: a few large employers, many small ones.
constexpr double kSizeRanks[] = {0.02, 0.1, 0.3, 0.6, 0.85, 1.0};

// ---- companies ----------------------------------------------------------------------------------

// An 18-character unified social credit code (GB 32100-2015): "91" (an enterprise registered by
// the market regulator), the 6-digit code of the registering city, nine characters for the
// organisation and the check character.
std::string credit_code(SeedRng& rng, std::string_view city_code) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  std::string code = "91" + std::string(city_code);
  while (code.size() < 17) code += rng.pick(kAlphabet);
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i)
    sum += static_cast<int>(kAlphabet.find(code[i])) * kWeights[i];
  code += kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
  return code;
}

constexpr std::string_view kCompanyIntros[] = {
    "{company}成立于{exp}年，总部位于{city}，是一家专注于{cat}领域的企业。",
    "{company}扎根{city}，深耕{cat}行业，业务覆盖全国多个城市。",
    "{company}是{city}的{cat}企业，致力于为客户提供专业的产品和服务。",
};
constexpr std::string_view kCompanyValues[] = {
    "公司秉持诚信、专业、创新的理念，重视人才培养。",
    "我们相信好的团队成就好的产品，欢迎志同道合的伙伴加入。",
    "公司拥有完善的管理体系和良好的发展前景。",
};

// ---- job posts ----------------------------------------------------------------------------------

constexpr std::string_view kRoads[] = {"人民路", "中山路", "解放路",   "建设路",   "和平路",
                                       "科技路", "创业路", "滨江大道", "世纪大道", "长江路",
                                       "文化路", "新华路", "学府路",   "工业园路"};

std::size_t pick_level(SeedRng& rng) {
  long long roll = rng.between(0, 99);
  std::size_t level = 0;
  while (level + 1 < std::size(kLevels) && (roll -= kLevels[level].weight) >= 0) ++level;
  return level;
}

std::string pick_education(SeedRng& rng, const CategoryWords& c, std::size_t level) {
  if (level == kInternLevel) return rng.percent(70) ? "bachelor" : "associate";
  if (c.frontline) {
    constexpr std::string_view kFrontline[] = {"any",        "any",        "high_school",
                                               "vocational", "vocational", "associate"};
    return std::string(rng.pick(kFrontline));
  }
  if (c.pay >= 25000) return rng.percent(70) ? "bachelor" : "master";
  const auto roll = rng.between(0, 99);
  return roll < 5 ? "any" : roll < 35 ? "associate" : roll < 95 ? "bachelor" : "master";
}

// Numbered lines, the way Chinese posts list duties and requirements.
void numbered(std::string& out, const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i)
    out += std::to_string(i + 1) + ". " + lines[i] + "\n";
}

struct PostText {
  const CategoryWords& category;
  const FamilyWords& family;
  std::vector<std::string_view> tags;
  std::string_view city_zh, city_en, company;
  long long years;
};

std::string description_zh(SeedRng& rng, const PostText& p) {
  const std::string skills = joined(p.tags, "、");
  const Slots slots{
      p.category.category->name_zh, p.city_zh, p.company, p.tags[0], p.tags[1], skills, p.years};
  std::vector<std::string> lines;
  for (auto i : sample(rng, p.family.duties_zh.size(), static_cast<std::size_t>(rng.between(3, 4))))
    lines.push_back(fill(p.family.duties_zh[i], slots));
  std::string d = "岗位职责：\n";
  numbered(d, lines);
  lines.clear();
  lines.push_back(fill(kExperienceZh[p.years > 0 ? 1 : 0], slots));
  for (auto i : sample(rng, p.family.needs_zh.size(), static_cast<std::size_t>(rng.between(2, 3))))
    lines.push_back(fill(p.family.needs_zh[i], slots));
  if (rng.percent(50)) lines.emplace_back(rng.pick(kCommonNeedsZh));
  d += "任职要求：\n";
  numbered(d, lines);
  d += "福利待遇：";
  for (auto i : sample(rng, std::size(kOffersZh), 2)) d += fill(kOffersZh[i], slots);
  if (rng.percent(60)) d += rng.pick(p.family.perks_zh);
  return d;
}

std::string description_en(SeedRng& rng, const PostText& p) {
  std::vector<std::string_view> ascii;
  for (auto t : p.tags)
    if (is_ascii(t)) ascii.push_back(t);
  for (auto s : p.category.skills)  // the trade's own tools when the post's tags are Chinese
    if (ascii.size() < 2 && is_ascii(s) && std::find(ascii.begin(), ascii.end(), s) == ascii.end())
      ascii.push_back(s);
  const std::string skills = joined(ascii, ", ");
  const Slots slots{
      p.category.category->name_en, p.city_en, "The company", "", "", skills, p.years};
  // "Experience with Corporate Counsel" reads wrong: without tools to name, skip the fragments
  // that name them.
  auto lines = [&](const std::vector<std::string_view>& bank) {
    std::vector<std::string_view> usable;
    for (auto t : bank)
      if (!ascii.empty() || t.find("{skills}") == std::string_view::npos) usable.push_back(t);
    std::string out;
    for (auto i : sample(rng, usable.size(), 2)) out += "- " + fill(usable[i], slots) + "\n";
    return out;
  };
  std::string d = "Responsibilities:\n" + lines(p.family.duties_en);
  d += "Requirements:\n- " + fill(kExperienceEn[p.years > 0 ? 1 : 0], slots) + "\n";
  d += lines(p.family.needs_en);
  d += "Benefits: ";
  for (auto i : sample(rng, std::size(kOffersEn), 2)) d += fill(kOffersEn[i], slots) + " ";
  d.pop_back();
  return d;
}

// ---- resumes ------------------------------------------------------------------------------------

// Seekers' mobile numbers: +86, one of these prefixes, then eight digits from the seeker's
// number, so a second seed run adds new numbers instead of hitting the phone index's UNIQUE
// constraint. The demo and the synthetic recruiter use 138.
constexpr std::string_view kSeekerPrefixes[] = {"139", "186", "177", "150", "188"};

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

// Employers in work entries end in 有限责任公司 or 集团, which no seeded company name does
// (make_company), so no synthetic resume hides from the recruiter's company (RES-2) and every
// view in a benchmark is a masked 200.
constexpr std::string_view kEmployerSuffixes[] = {"有限责任公司", "有限责任公司", "有限责任公司",
                                                  "集团"};
constexpr std::string_view kCompanyTypes[] = {"民营企业", "民营企业", "国有企业",
                                              "外资企业", "合资企业", "事业单位"};
constexpr std::string_view kUniversities[] = {"东江示范大学",   "西岭理工学院", "南湖师范大学",
                                              "北原财经大学",   "中川工业大学", "青川医科大学",
                                              "云山外国语学院", "江海科技大学"};
constexpr std::string_view kColleges[] = {"临海职业技术学院", "东江职业技术学院", "明川城市学院"};
constexpr std::string_view kSchools[] = {"江城第一中学", "明德职业中专", "城南职业技术学校",
                                         "临川实验中学"};
constexpr std::string_view kWorkAchievements[] = {
    "主导的流程改进使团队效率提升约{exp}%。",
    "连续{exp}个季度超额完成目标，获评优秀员工。",
    "参与的项目按期上线，客户满意度明显提高。",
    "搭建了部门内部的知识库，新人上手时间缩短一半。",
    "协助完成{exp}次重要交付，未出现重大质量问题。",
};
constexpr std::string_view kProjects[] = {"客户管理系统升级", "门店数字化改造", "年度品牌推广活动",
                                          "供应链成本优化",   "数据平台建设",   "新员工培训体系"};
constexpr std::string_view kProjectRoles[] = {
    "项目成员，负责{cat}部分。", "项目负责人，统筹进度与资源。", "核心成员，负责方案设计与落地。"};
constexpr std::string_view kGeneralCertificates[] = {"大学英语六级", "普通话二级甲等",
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
  int weight;            // in a hundred, office trades
  int frontline_weight;  // in a hundred, shop-floor, shop and field trades
};
constexpr Degree kDegrees[] = {
    {"high_school", 18, 3, 8, 30},     {"secondary_vocational", 18, 3, 10, 35},
    {"junior_college", 21, 3, 22, 25}, {"bachelor", 22, 4, 45, 10},
    {"master", 25, 3, 13, 0},          {"doctorate", 28, 4, 2, 0}};

std::string month_text(long long m) {
  const long long month = m % 12 + 1;
  return std::to_string(m / 12) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

// The seniority a career of `years` has reached.
std::size_t level_after(long long years) {
  return years < 2 ? 1 : years < 5 ? kMidLevel : years < 8 ? 3 : 4;
}

class ResumeBuilder {
 public:
  ResumeBuilder(const Vocabulary& words, std::uint64_t seed, long long number, long long this_month)
      : words_(words), rng_(seed, "resume", number), number_(number), this_month_(this_month) {}

  SeekerResume build() {
    SeekerResume out;
    out.phone = "+86" + std::string(kSeekerPrefixes[number_ % std::size(kSeekerPrefixes)]);
    const std::string digits = std::to_string(100000000 + number_ / std::size(kSeekerPrefixes));
    out.phone += digits.substr(digits.size() - 8);

    const bool male = rng_.percent(50);
    const std::string name = std::string(rng_.pick(kSurnames)) +
                             std::string(male ? rng_.pick(kGivenMale) : rng_.pick(kGivenFemale));
    const long long birth = rng_.between(1970 * 12, 2004 * 12 + 11);
    birth_year_ = birth / 12;
    const long long day = rng_.between(1, 28);
    out.birth_date = month_text(birth) + (day < 10 ? "-0" : "-") + std::to_string(day);
    home_ = &words_.categories()[static_cast<std::size_t>(
        rng_.between(0, static_cast<long long>(words_.categories().size()) - 1))];
    family_ = &words_.families()[home_->family];
    city_ = &words_.city(rng_);

    education();
    const std::string status = studying_ ? "student" : rng_.percent(10) ? "unemployed" : "employed";
    career(status);

    json basic = {{"name", name},
                  {"gender", male ? "male" : "female"},
                  {"status", status},
                  {"birth_month", month_text(birth)},
                  {"current_city", city_->city->code},
                  {"phone", out.phone},
                  {"overseas_experience", rng_.between(0, 19) == 0}};
    if (!studying_) basic["work_start"] = month_text(work_start_);
    if (rng_.percent(50)) basic["hukou_city"] = words_.city(rng_).city->code;
    if (rng_.between(0, 2) == 0) basic["political_status"] = rng_.pick(kPolitical);
    if (rng_.between(0, 3) == 0)
      basic["email"] = "seeker" + std::to_string(number_) + "@example.com";
    if (rng_.between(0, 3) == 0) basic["wechat"] = "wx_seeker_" + std::to_string(number_);

    std::string self;
    for (auto i :
         sample(rng_, std::size(kSelfEvaluation), static_cast<std::size_t>(rng_.between(2, 3))))
      self += fill(kSelfEvaluation[i], {.cat = home_->category->name_zh});
    // Sections that read the work history are made before it moves into the body.
    json projects_done = projects(), languages_done = languages(), skills_done = skills(),
         certificates_done = certificates(), intention_done = intention(rng_.between(0, 19));
    out.body = {{"title", resume_title()},
                {"visibility", "public"},
                {"self_evaluation", std::move(self)},
                {"basic", std::move(basic)},
                {"intention", std::move(intention_done)},
                {"education", std::move(education_)},
                {"work", std::move(work_)},
                {"projects", std::move(projects_done)},
                {"languages", std::move(languages_done)},
                {"skills", std::move(skills_done)},
                {"certificates", std::move(certificates_done)}};
    return out;
  }

 private:
  // The highest degree, and the bachelor's before a master's or doctorate.
  void education() {
    long long roll = rng_.between(0, 99);
    std::size_t level = 0;
    auto weight = [&](std::size_t l) {
      return home_->frontline ? kDegrees[l].frontline_weight : kDegrees[l].weight;
    };
    while (level + 1 < std::size(kDegrees) && (roll -= weight(level)) >= 0) ++level;
    // The youngest seekers cannot have started a doctorate yet: take the next degree down.
    auto started = [&](std::size_t l) {
      return (birth_year_ + kDegrees[l].graduation_age - kDegrees[l].years) * 12 + 8 <= this_month_;
    };
    while (level > 0 && !started(level)) --level;
    const Degree& degree = kDegrees[level];
    graduation_ = (birth_year_ + degree.graduation_age) * 12 + 6;
    studying_ = graduation_ > this_month_;
    const auto major = rng_.pick(family_->majors);
    auto school = [&](std::string_view id, long long start, long long end) {
      const bool university = id == "bachelor" || id == "master" || id == "doctorate";
      json e = {{"degree", id},
                {"full_time", true},
                {"school", university               ? rng_.pick(kUniversities)
                           : id == "junior_college" ? rng_.pick(kColleges)
                                                    : rng_.pick(kSchools)},
                {"major", id == "high_school" ? std::string_view("普通高中") : major},
                {"start", month_text(start)}};
      if (end <= this_month_) e["end"] = month_text(end);
      education_.push_back(std::move(e));
    };
    if (degree.id == "master" || degree.id == "doctorate")
      school("bachelor", (birth_year_ + 18) * 12 + 8, (birth_year_ + 22) * 12 + 5);
    school(degree.id, graduation_ - degree.years * 12 + 2, graduation_ - 1);
  }

  // From the first job to now in one to three stints, the last in the home category; a student
  // has one internship.
  void career(const std::string& status) {
    if (studying_) {
      work_start_ = this_month_ - rng_.between(2, 10);
      const long long end = work_start_ + rng_.between(2, 6);
      stint(*home_, work_start_, end < this_month_ ? std::optional<long long>(end) : std::nullopt,
            true);
      return;
    }
    work_start_ = std::min(graduation_ + rng_.between(0, 6), this_month_ - 1);
    const long long last = status == "unemployed"
                               ? std::max(work_start_ + 1, this_month_ - rng_.between(1, 8))
                               : this_month_;
    const long long span = last - work_start_;
    const long long stints = std::min<long long>(rng_.between(1, 3), std::max(1LL, span / 12));
    long long start = work_start_;
    for (long long i = 0; i < stints; ++i) {
      const bool final = i + 1 == stints;
      std::optional<long long> end;
      if (!final)
        end = work_start_ + span * (i + 1) / stints;
      else if (status == "unemployed")
        end = last;
      // Earlier jobs are sometimes in a neighbouring category of the same family.
      const auto& category = !final && rng_.percent(30) ? sibling() : *home_;
      stint(category, start, end, false);
      if (!final) start = std::min(*end + rng_.between(0, 2), last);
    }
  }

  const CategoryWords& sibling() { return words_.categories()[rng_.pick(family_->categories)]; }

  void stint(const CategoryWords& c, long long start, std::optional<long long> end, bool intern) {
    const long long years = (start - work_start_) / 12;
    const std::size_t level = intern ? kInternLevel : level_after(years);
    const auto& trade = words_.trades()[rng_.pick(family_->trades)];
    std::string employer;
    if (rng_.percent(60)) employer = words_.company_city(rng_).short_name;
    employer += words_.brand(rng_) + std::string(rng_.pick(trade.name_parts)) +
                std::string(rng_.pick(kEmployerSuffixes));
    monthly_ = rounded(static_cast<double>(c.pay) * kLevels[level].pay_percent / 100.0 *
                           Vocabulary::tier_pay_percent(city_->tier) / 100.0 *
                           static_cast<double>(rng_.between(80, 120)) / 100.0,
                       100);
    std::vector<std::string_view> tags;
    for (auto i : sample(rng_, c.skills.size(), static_cast<std::size_t>(rng_.between(2, 4))))
      tags.push_back(c.skills[i]);
    for (auto t : tags)
      if (std::find(skill_names_.begin(), skill_names_.end(), t) == skill_names_.end())
        skill_names_.push_back(t);
    const std::string skills = joined(tags, "、");
    const Slots slots{c.category->name_zh, city_->city->name_zh, "", tags[0], tags[1], skills, 0};
    std::string duties;
    for (auto i :
         sample(rng_, family_->duties_zh.size(), static_cast<std::size_t>(rng_.between(2, 3))))
      duties += fill(family_->duties_zh[i], slots);
    std::string achievements;
    for (auto i :
         sample(rng_, std::size(kWorkAchievements), static_cast<std::size_t>(rng_.between(1, 2))))
      achievements += fill(kWorkAchievements[i], {.exp = rng_.between(2, 30)});
    latest_title_ = words_.title_zh(rng_, c, level);
    json e = {{"company_name", std::move(employer)},
              {"title", latest_title_},
              {"company_type", rng_.pick(kCompanyTypes)},
              {"company_size", rng_.pick(kSizes)},
              {"category_id", c.category->id},
              {"skill_tags", tags},
              {"start", month_text(start)},
              {"industry", trade.name},
              {"monthly_salary", monthly_},
              {"yearly_income", monthly_ * (intern ? rng_.between(2, 6) : rng_.between(12, 16))},
              {"duties", std::move(duties)},
              {"achievements", std::move(achievements)}};
    if (end) e["end"] = month_text(*end);
    // A few seekers hide from a former employer (RES-2); none of these is the recruiter's.
    if (rng_.between(0, 32) == 0) e["hide_from_company"] = true;
    if (std::find(industries_.begin(), industries_.end(), trade.name) == industries_.end())
      industries_.push_back(trade.name);
    work_.push_back(std::move(e));
    // Latest first: the category the seeker is in now is the one they want next.
    positions_.insert(positions_.begin(), c.category->id);
  }

  std::string resume_title() const {
    if (studying_) return std::string(home_->titles.front()) + "（实习）";
    const long long years = std::max(1LL, (this_month_ - work_start_) / 12);
    return latest_title_ + " · " + std::to_string(years) + "年经验";
  }

  json intention(long long search) {
    json positions = json::array();
    for (const auto& p : positions_)
      if (std::find(positions.begin(), positions.end(), p) == positions.end())
        positions.push_back(p);
    if (positions.size() < 3 && rng_.percent(30)) {
      const auto& other = sibling().category->id;
      if (std::find(positions.begin(), positions.end(), other) == positions.end())
        positions.push_back(other);
    }
    json cities = json::array({city_->city->code});
    if (rng_.between(0, 2) == 0) {
      const auto& other = words_.city(rng_).city->code;
      if (other != city_->city->code) cities.push_back(other);
    }
    const long long salary_min = (monthly_ * 11 / 10 / 1000 + 1) * 1000;
    const auto work_type = studying_ && rng_.percent(50) ? "internship"
                           : rng_.between(0, 19) == 0    ? "part_time"
                                                         : "full_time";
    return {{"positions", std::move(positions)},
            {"industries", industries_},
            {"cities", std::move(cities)},
            {"salary_min", salary_min},
            {"salary_max", salary_min + rng_.between(2, 10) * 1000},
            {"work_type", work_type},
            {"search_status", search < 10   ? "looking"
                              : search < 17 ? "browsing"
                                            : "not_looking"}};
  }

  json projects() {
    json out = json::array();
    if (studying_) return out;
    for (auto n = rng_.between(0, 2); n-- > 0;) {
      const auto& entry = work_[static_cast<std::size_t>(
          rng_.between(0, static_cast<long long>(work_.size()) - 1))];
      const Slots slots{.cat = home_->category->name_zh,
                        .skill = home_->skills[0],
                        .skill2 = home_->skills[1],
                        .skills = home_->skills[0]};
      out.push_back({{"name", rng_.pick(kProjects)},
                     {"start", entry["start"]},
                     {"description", fill(rng_.pick(family_->duties_zh), slots)},
                     {"company", entry["company_name"]},
                     {"role", fill(rng_.pick(kProjectRoles), slots)}});
    }
    return out;
  }

  json languages() {
    json out = json::array();
    if (rng_.percent(70))
      out.push_back({{"language", "英语"},
                     {"listening_speaking", rng_.pick(kLanguageLevels)},
                     {"reading_writing", rng_.pick(kLanguageLevels)}});
    if (rng_.between(0, 19) == 0)
      out.push_back({{"language", "日语"},
                     {"listening_speaking", "basic"},
                     {"reading_writing", rng_.pick(kLanguageLevels)}});
    return out;
  }

  // The skills of the jobs held, with a month count no longer than the career.
  json skills() {
    json out = json::array();
    const long long experience = std::max(6LL, this_month_ - work_start_);
    for (auto i : sample(rng_, skill_names_.size(), static_cast<std::size_t>(rng_.between(2, 6)))) {
      const long long months = rng_.between(6, experience);
      out.push_back({{"name", skill_names_[i]},
                     {"months", months},
                     {"level", months >= 96   ? "expert"
                               : months >= 36 ? "advanced"
                               : months >= 12 ? "intermediate"
                                              : "beginner"}});
    }
    return out;
  }

  json certificates() {
    json out = json::array();
    const long long until = std::min(graduation_, this_month_);
    for (auto n = rng_.between(0, 2); n-- > 0;) {
      const auto name = n == 0 ? rng_.pick(family_->certificates) : rng_.pick(kGeneralCertificates);
      out.push_back({{"name", name}, {"obtained", month_text(rng_.between(until - 24, until))}});
    }
    return out;
  }

  const Vocabulary& words_;
  SeedRng rng_;
  long long number_, this_month_;
  long long birth_year_ = 0, graduation_ = 0, work_start_ = 0, monthly_ = 0;
  bool studying_ = false;
  const CategoryWords* home_ = nullptr;
  const FamilyWords* family_ = nullptr;
  const CityWords* city_ = nullptr;
  json education_ = json::array(), work_ = json::array();
  std::vector<std::string> positions_;
  std::vector<std::string_view> industries_, skill_names_;
  std::string latest_title_;
};

}  // namespace

SyntheticCompany make_company(const Vocabulary& words, std::uint64_t seed, long long n, double rank,
                              const std::string& created_by, long long now) {
  SeedRng rng(seed, "company", n);
  SyntheticCompany out;
  out.trade =
      static_cast<std::size_t>(rng.between(0, static_cast<long long>(words.trades().size()) - 1));
  const auto& trade = words.trades()[out.trade];
  out.city = &words.company_city(rng);
  const std::string& city = out.city->short_name;
  const auto suffix = rng.between(0, 9);
  const std::string brand = words.brand(rng), part(rng.pick(trade.name_parts));
  const std::string tail = suffix < 7 ? "有限公司" : suffix < 9 ? "股份有限公司" : "集团有限公司";
  auto& row = out.row;
  row.id = synthetic_id("co_", seed, "company", n);
  // Both forms the registration rules allow: the region first, or in brackets after the brand.
  row.name =
      rng.percent(85) ? city + brand + part + tail : brand + "（" + city + "）" + part + tail;
  row.uscc = credit_code(rng, out.city->city->code);
  row.city_code = out.city->city->code;
  row.industry = trade.name;
  std::size_t size = 0;
  while (size + 1 < std::size(kSizes) && rank >= kSizeRanks[size]) ++size;
  row.size = kSizes[size];
  const Slots slots{.cat = trade.name,
                    .city = out.city->city->name_zh,
                    .company = row.name,
                    .exp = rng.between(1995, 2022)};
  row.description = fill(rng.pick(kCompanyIntros), slots) + std::string(rng.pick(kCompanyValues));
  row.created_by = created_by;
  row.created_at = now;
  return out;
}

JobMaker::JobMaker(const Vocabulary& words, std::vector<SyntheticCompany> companies,
                   std::string recruiter_id, std::uint64_t seed, long long now,
                   long long rules_version)
    : words_(words),
      companies_(std::move(companies)),
      hiring_(words.families().size()),
      recruiter_id_(std::move(recruiter_id)),
      seed_(seed),
      now_(now),
      rules_version_(rules_version) {
  for (std::size_t c = 0; c < companies_.size(); ++c)
    for (auto f : words_.trades()[companies_[c].trade].families) hiring_[f].push_back(c);
  // Every company hires people, money and paperwork; a family no trade of this run lists is
  // hired for by all of them too.
  for (auto f : words_.support_families()) hiring_[f].clear();
  for (auto& companies_of_family : hiring_)
    if (companies_of_family.empty())
      for (std::size_t c = 0; c < companies_.size(); ++c) companies_of_family.push_back(c);
}

jobs::store::JobRow JobMaker::make(long long n) const {
  SeedRng rng(seed_, "job", n);
  const auto& words = words_;
  const auto family_index = words.family(rng);
  const auto& family = words.families()[family_index];
  // Large employers post most: the company's position in the list is skewed to the front.
  const auto& hiring = hiring_[family_index];
  const double u = rng.unit();
  const auto& company = companies_[hiring[std::min(
      hiring.size() - 1,
      static_cast<std::size_t>(u * std::sqrt(u) * static_cast<double>(hiring.size())))]];
  const auto& category = words.categories()[rng.pick(family.categories)];
  // Most posts are at the head office, the rest at a branch elsewhere.
  const auto& city = rng.percent(65) ? *company.city : words.city(rng);

  jobs::store::JobRow j;
  j.id = synthetic_id("j_", seed_, "job", n);
  j.company_id = company.row.id;
  j.recruiter_id = recruiter_id_;
  j.status = "open";
  j.category_id = category.category->id;
  j.city_code = city.city->code;
  const std::size_t level = pick_level(rng);
  j.experience_years = rng.between(kLevels[level].min_years, kLevels[level].max_years);
  j.work_type = level == kInternLevel                      ? "internship"
                : rng.percent(category.frontline ? 10 : 3) ? "part_time"
                                                           : "full_time";

  PostText text{
      category,          family, {}, city.city->name_zh, city.city->name_en, company.row.name,
      j.experience_years};
  for (auto i : sample(rng, category.skills.size(), static_cast<std::size_t>(rng.between(2, 5))))
    text.tags.push_back(category.skills[i]);
  std::vector<std::string_view> tags = text.tags;
  if (rng.percent(15)) {
    const auto soft = rng.pick(kSoftSkills);
    if (std::find(tags.begin(), tags.end(), soft) == tags.end()) tags.push_back(soft);
  }
  j.skill_tags_json = json(tags).dump();

  const int language = static_cast<int>(rng.between(0, 99));  // <80 zh, <88 en, else both
  const std::string title_zh = words.title_zh(rng, category, level);
  const std::string title_en = words.title_en(category, level);
  j.title = language < 80 ? title_zh : language < 88 ? title_en : title_zh + " / " + title_en;
  if (language < 80 || language >= 88) j.description = description_zh(rng, text);
  if (language >= 80) {
    if (!j.description.empty()) j.description += "\n\n";
    j.description += description_en(rng, text);
  }

  double pay = static_cast<double>(category.pay) * kLevels[level].pay_percent / 100.0 *
               Vocabulary::tier_pay_percent(city.tier) / 100.0 *
               static_cast<double>(rng.between(85, 120)) / 100.0;
  if (j.work_type == "part_time") pay /= 2;
  j.salary_min = std::max(level == kInternLevel ? 1500LL : 2500LL, rounded(pay, 500));
  j.salary_max = rounded(
      static_cast<double>(j.salary_min) * static_cast<double>(rng.between(130, 170)) / 100.0, 500);
  j.salary_months = !category.frontline && rng.percent(30) ? rng.between(13, 16) : 12;
  j.education = pick_education(rng, category, level);
  j.headcount = category.frontline ? rng.between(1, 20) : rng.between(1, 3);
  if (rng.percent(70))
    j.address = city.city->name_zh + std::string(rng.pick(kRoads)) +
                std::to_string(rng.between(1, 999)) + "号";
  if (rng.percent(90)) {
    // Two uniform draws summed: offices cluster near the centre, a few are out of town.
    j.latitude = city.city->latitude + (rng.unit() + rng.unit() - 1) * 0.15;
    j.longitude = city.city->longitude + (rng.unit() + rng.unit() - 1) * 0.15;
  }
  j.rules_version = rules_version_;
  j.valid_days = rng.percent(70) ? 30 : 60;
  j.created_at = now_ - rng.between(0, 14 * 86400);
  const auto hidden = rng.between(0, 999);
  if (hidden < kPausedPerMille) {
    j.status = "paused";
  } else if (hidden < kPausedPerMille + kExpiredPerMille) {
    j.valid_days = 30;
    j.created_at = now_ - 40 * 86400 - rng.between(0, 86400);
  }
  j.updated_at = j.created_at;
  j.expires_at = j.created_at + j.valid_days * 86400;
  return j;
}

SeekerResume make_resume(const Vocabulary& words, std::uint64_t seed, long long number,
                         long long this_month) {
  return ResumeBuilder(words, seed, number, this_month).build();
}

long long month_number(long long now) {
  const auto t = static_cast<std::time_t>(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  return (utc.tm_year + 1900) * 12LL + utc.tm_mon;
}

}  // namespace hiresafe::cli
