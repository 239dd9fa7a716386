// A seeker's own lists and figures: saved posts and followed companies (JOB-4) and job-seeking
// statistics by week (HIR-5).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "disclosure/access_log.hpp"
#include "hiring/contact_store.hpp"
#include "identity/identity_service.hpp"
#include "store/database.hpp"

namespace hiresafe::hiring {

struct WeekStats {
  std::string week_start;  // the Monday that starts the week, China time, YYYY-MM-DD
  long long applications = 0, views = 0, replies = 0, invitations = 0, interviews = 0;
};

struct SeekerStats {
  std::vector<std::pair<std::string, long long>> by_state;  // every state, zero included
  WeekStats totals;                                         // the 12 weeks together
  std::vector<WeekStats> weeks;                             // oldest first, 12 of them
};

class SeekerDesk {
 public:
  SeekerDesk(hiresafe::store::Database& db, const core::Clock& clock,
             disclosure::AccessLog& access_log)
      : db_(db), clock_(clock), access_log_(access_log) {}

  core::Status save_job(const identity::Auth& auth, const std::string& job_id);
  core::Status unsave_job(const identity::Auth& auth, const std::string& job_id);
  core::Result<std::vector<store::SavedJobRow>> saved_jobs(const identity::Auth& auth);
  core::Status follow(const identity::Auth& auth, const std::string& company_id);
  core::Status unfollow(const identity::Auth& auth, const std::string& company_id);
  core::Result<std::vector<store::FollowRow>> followed(const identity::Auth& auth);

  core::Result<SeekerStats> stats(const identity::Auth& auth);

 private:
  hiresafe::store::Database& db_;
  const core::Clock& clock_;
  disclosure::AccessLog& access_log_;
};

// The start (unix seconds) of the China-time Monday week that holds `t`.
long long china_week_start(long long t);

}  // namespace hiresafe::hiring
