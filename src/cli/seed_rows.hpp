// Synthetic companies, job posts and resumes, each made from the vocabulary, the run's seed and
// its own row number alone, so the same seed gives the same rows on any thread and in any order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/seed_words.hpp"
#include "companies/company_store.hpp"
#include "jobs/job_store.hpp"

namespace hiresafe::cli {

struct SyntheticCompany {
  companies::store::CompanyRow row;
  std::size_t trade = 0;            // index into Vocabulary::trades()
  const CityWords* city = nullptr;  // its head office
};

// Company `n` (counted over the whole database) with a name like 上海星辰信息科技有限公司, a
// valid credit code registered in its city, a trade and a size. `rank` in [0, 1) places it among
// this run's companies: the first ones are the large employers that post the most.
SyntheticCompany make_company(const Vocabulary& words, std::uint64_t seed, long long n, double rank,
                              const std::string& created_by, long long now);

// Share of posts, in a thousand, that search must not find: paused by the recruiter, or past
// their expiry (published 40 days ago for 30).
inline constexpr int kPausedPerMille = 25;
inline constexpr int kExpiredPerMille = 25;

// The posts of one run. Which companies hire in which family is worked out once, up front.
class JobMaker {
 public:
  // `companies` (at least one) in rank order, as make_company's `rank` placed them.
  JobMaker(const Vocabulary& words, std::vector<SyntheticCompany> companies,
           std::string recruiter_id, std::uint64_t seed, long long now, long long rules_version);

  // Job post `n` (counted over the whole database): a family by its share of the market, a
  // company that hires in it (large ones more often), a category of the family, a title with a
  // seniority level, a description from the family's phrase banks naming the post's skill tags,
  // and pay by category, level and city tier.
  jobs::store::JobRow make(long long n) const;

 private:
  const Vocabulary& words_;
  std::vector<SyntheticCompany> companies_;
  std::vector<std::vector<std::size_t>> hiring_;  // by family: companies hiring in it, large first
  std::string recruiter_id_;
  std::uint64_t seed_;
  long long now_, rules_version_;
};

// A synthetic seeker's resume body (it passes parse_resume) and the values the account row
// needs.
struct SeekerResume {
  nlohmann::json body;
  std::string phone, birth_date;
};

// Seeker `number` (counted over the accounts in the database; it also makes the phone number
// unique). The career stays in one family, the latest job is in the category the seeker wants
// next, and the skills are those of the categories worked in. `this_month` is year * 12 + month
// - 1 of today.
SeekerResume make_resume(const Vocabulary& words, std::uint64_t seed, long long number,
                         long long this_month);

// year * 12 + (month - 1) of the UTC date at unix time `now`.
long long month_number(long long now);

}  // namespace hiresafe::cli
