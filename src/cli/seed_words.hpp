// The words synthetic job posts, companies and resumes are made of: titles, skills and typical pay
// per job category, phrase banks per category family, trades with the families they hire in,
// and city tiers. Built once per seed run from the taxonomy; read-only afterwards, so threads
// may share it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cli/seed_random.hpp"
#include "core/result.hpp"
#include "jobs/publishing_rules.hpp"
#include "jobs/taxonomy.hpp"

namespace hiresafe::cli {

struct CategoryWords {
  const jobs::Category* category = nullptr;
  std::size_t family = 0;                // index into Vocabulary::families()
  std::vector<std::string_view> titles;  // job titles of the trade, e.g. "Java开发工程师"
  std::vector<std::string_view> manager_titles;  // the ones that already name a manager role
  std::string_view title_en;
  std::vector<std::string_view> skills;  // also the posts' skill tags: the search ground truth
  long long pay = 0;       // typical monthly pay of a mid-level post in a tier-1 city, yuan
  bool frontline = false;  // shop-floor, shop and field work: its own seniority ladder
};

struct FamilyWords {
  const jobs::Category* family = nullptr;
  std::vector<std::size_t> categories;  // indexes into Vocabulary::categories()
  std::vector<std::size_t> trades;      // trades that hire mostly in this family
  std::vector<std::string_view> duties_zh, needs_zh, duties_en, needs_en, perks_zh, majors,
      certificates;
};

// An industry a company belongs to.
struct TradeWords {
  std::string_view name;                     // companies.industry
  std::vector<std::string_view> name_parts;  // the middle of a company name, e.g. "信息科技"
  std::vector<std::size_t> families;         // the families it hires in most
};

struct CityWords {
  const jobs::City* city = nullptr;
  int tier = 4;            // 1: Beijing, Shanghai, Guangzhou, Shenzhen ... 4: the rest
  std::string short_name;  // "上海" for 上海市; empty when the name is not a plain "…市"
};

// A seniority step. "{t}" in a template stands for a job title.
struct Level {
  std::string_view office_zh, frontline_zh, office_en, frontline_en;
  int min_years, max_years;
  int pay_percent;  // of the category's mid-level pay
  int weight;       // share of posts, in a hundred
};
inline constexpr Level kLevels[] = {
    {"{t}实习生", "{t}学徒", "{t} Intern", "Trainee {t}", 0, 0, 30, 5},
    {"初级{t}", "{t}", "Junior {t}", "{t}", 0, 2, 65, 25},
    {"{t}", "{t}", "{t}", "{t}", 2, 5, 100, 35},
    {"高级{t}", "熟练{t}", "Senior {t}", "Experienced {t}", 5, 8, 135, 20},
    {"资深{t}", "资深{t}", "Principal {t}", "Senior {t}", 8, 12, 175, 8},
    {"{t}负责人", "{t}组长", "{t} Lead", "{t} Team Lead", 6, 15, 200, 7},
};
inline constexpr std::size_t kInternLevel = 0;
inline constexpr std::size_t kMidLevel = 2;
inline constexpr std::size_t kLeadLevel = 5;

// What a template's {name} slots are filled with; a slot with no value is left as it is.
struct Slots {
  std::string_view cat = {}, city = {}, company = {}, skill = {}, skill2 = {}, skills = {};
  long long exp = 0;
};
std::string fill(std::string_view tpl, const Slots& slots);

bool is_ascii(std::string_view s);
std::string joined(const std::vector<std::string_view>& items, std::string_view separator);

// A weighted choice among indexes.
class WeightedPicker {
 public:
  void add(std::size_t item, long long weight);
  std::size_t pick(SeedRng& rng) const;
  bool empty() const { return items_.empty(); }

 private:
  std::vector<std::size_t> items_;
  std::vector<long long> cumulative_;
};

class Vocabulary {
 public:
  // Fails when the taxonomy has no cities or categories, or a category has no words here: a
  // category added to the TSV needs its titles, skills and pay below.
  static core::Result<Vocabulary> build(const jobs::Taxonomy& taxonomy);

  // Synthetic posts stand for ones that passed JOB-2: every fragment, filled in with every
  // category and skill it can meet, and every title must pass the rules.
  core::Status check(const jobs::PublishingRules& rules) const;

  const std::vector<CategoryWords>& categories() const { return categories_; }
  const std::vector<FamilyWords>& families() const { return families_; }
  const std::vector<TradeWords>& trades() const { return trades_; }
  const std::vector<CityWords>& cities() const { return cities_; }
  // Families every trade hires in (people, money, paperwork, selling).
  const std::vector<std::size_t>& support_families() const { return support_families_; }

  // A family, weighted by its share of posts: more sales and software posts than legal ones.
  std::size_t family(SeedRng& rng) const { return family_picker_.pick(rng); }
  // A city, weighted by tier: most posts and seekers are in the large cities.
  const CityWords& city(SeedRng& rng) const { return cities_[all_cities_.pick(rng)]; }
  // A city with a plain "…市" name, for a company name.
  const CityWords& company_city(SeedRng& rng) const { return cities_[named_cities_.pick(rng)]; }
  // Monthly pay in a city of `tier` relative to a tier-1 city, in percent.
  static int tier_pay_percent(int tier);

  // The distinctive part of a company name, e.g. "星辰".
  std::string brand(SeedRng& rng) const;

  // "高级Java开发工程师" and "Senior Backend Engineer" for category `c` at `level`.
  std::string title_zh(SeedRng& rng, const CategoryWords& c, std::size_t level) const;
  std::string title_en(const CategoryWords& c, std::size_t level) const;

 private:
  std::vector<CategoryWords> categories_;
  std::vector<FamilyWords> families_;
  std::vector<TradeWords> trades_;
  std::vector<CityWords> cities_;
  std::vector<std::size_t> support_families_;
  WeightedPicker all_cities_, named_cities_, family_picker_;
};

// Phrase banks every family shares.
inline constexpr std::string_view kCommonNeedsZh[] = {
    "具备良好的沟通能力和团队合作精神。",
    "责任心强，善于学习新知识。",
    "能够独立分析和解决问题。",
    "做事认真细致，有较强的执行力。",
};
inline constexpr std::string_view kOffersZh[] = {
    "五险一金，带薪年假，节日福利。", "完善的培训体系和清晰的晋升通道。",
    "办公地点位于{city}，交通便利。", "{company}重视每一位同事的成长。",
    "年终奖金，每年组织员工体检。",   "周末双休，弹性工作时间。",
};
inline constexpr std::string_view kOffersEn[] = {
    "Social insurance, housing fund and paid annual leave.",
    "The office is in {city}, close to public transport.",
    "{company} offers a clear promotion path.",
    "A training budget and regular team events.",
};
// Experience lines, picked by the post's experience_years: with and without a number.
inline constexpr std::string_view kExperienceZh[] = {"经验不限，欢迎应届毕业生。",
                                                     "{exp}年以上{cat}相关工作经验。"};
inline constexpr std::string_view kExperienceEn[] = {"New graduates are welcome.",
                                                     "{exp}+ years of {cat} experience."};
// Tags any post may carry besides its category's skills.
inline constexpr std::string_view kSoftSkills[] = {"沟通能力", "团队合作", "Office", "英语"};

}  // namespace hiresafe::cli
