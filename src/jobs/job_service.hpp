// Job posts (JOB-1) under the publishing rules (JOB-2): verified recruiters publish, edit,
// pause, reopen and close; anyone reads open posts (browse-only, no account needed).
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/periodic.hpp"
#include "core/result.hpp"
#include "identity/identity_service.hpp"
#include "jobs/job_cache.hpp"
#include "jobs/job_store.hpp"
#include "jobs/publishing_rules.hpp"
#include "jobs/taxonomy.hpp"
#include "store/database.hpp"
#include "verification/verification_service.hpp"

namespace hiresafe::jobs {

// The education a post asks for, lowest first (search filters by "at most this level").
inline constexpr std::array<std::string_view, 8> kEducationLevels = {
    "any", "junior_high", "high_school", "vocational", "associate", "bachelor", "master",
    "doctorate"};
inline constexpr std::array<std::string_view, 3> kWorkTypes = {"full_time", "part_time",
                                                               "internship"};

struct JobInput {
  std::string title, category_id, city_code, education, work_type, description;
  std::optional<std::string> address;
  std::optional<double> latitude, longitude;
  long long salary_min = 0, salary_max = 0, salary_months = 12, experience_years = 0, headcount = 1,
            valid_days = 30;
  std::vector<std::string> skill_tags;
};

struct Job {
  store::JobRow row;
  std::vector<std::string> skill_tags;
  std::string company_name, city_name, province_code, category_name, category_parent_id;
  bool expired = false;
};

class JobService {
 public:
  JobService(hiresafe::store::Database& db, const core::Clock& clock, const Taxonomy& taxonomy,
             const PublishingRules& rules, verification::VerificationService& verification,
             JobCache& cache);
  ~JobService();

  core::Result<Job> create(const identity::Auth& auth, const JobInput& in);
  core::Result<Job> update(const identity::Auth& auth, const std::string& id, const JobInput& in);
  // action: pause | reopen | close.
  core::Result<Job> transition(const identity::Auth& auth, const std::string& id,
                               const std::string& action);
  // Public read, as JSON text (job_json): open, unexpired posts only; anything else is 404.
  // Served from the cache when it holds the post.
  core::Result<std::string> public_json(const std::string& id);
  core::Result<std::vector<Job>> company_jobs(const std::string& company_id);
  // The caller's company's posts in every state.
  core::Result<std::vector<Job>> my_company_jobs(const identity::Auth& auth);

  // Starts a thread that, every `interval`, forgets from the cache the posts changed lately in
  // the database, so a change made by another node (or the CLI) is served within about
  // `interval`. A server runs it; one-shot commands have no use for it.
  void start_cache_watch(std::chrono::milliseconds interval);
  // One round of the watch: forgets the posts changed at or after `since`.
  core::Status forget_changed(long long since);

 private:
  core::Result<store::JobRow> validate(const JobInput& in) const;
  Job view(soci::session& sql, store::JobRow row) const;
  core::Result<store::JobRow> owned(hiresafe::store::Conn& sql, const identity::Auth& auth,
                                    const std::string& id) const;

  hiresafe::store::Database& db_;
  const core::Clock& clock_;
  const Taxonomy& taxonomy_;
  const PublishingRules& rules_;
  verification::VerificationService& verification_;
  JobCache& cache_;

  std::optional<core::ChangeWatch> watch_;  // last: its rounds use the members above
};

}  // namespace hiresafe::jobs
