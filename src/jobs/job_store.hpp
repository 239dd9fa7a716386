// SQL for job posts.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/connection.hpp"

namespace hiresafe::jobs::store {

struct JobRow {
  std::string id, company_id, recruiter_id, status, title, category_id, city_code, education,
      work_type, description, skill_tags_json;
  std::optional<std::string> address;
  std::optional<double> latitude, longitude;
  std::string company_name;  // read with the post (a join), never written
  long long salary_min = 0, salary_max = 0, salary_months = 12, experience_years = 0, headcount = 1,
            valid_days = 30, rules_version = 0, created_at = 0, updated_at = 0, expires_at = 0;
};

void insert_job(soci::session& sql, const JobRow& row);
void update_job(soci::session& sql, const JobRow& row);
std::optional<JobRow> job_by_id(hiresafe::store::Conn& conn, const std::string& id);
// Ids of the posts changed (created, edited, paused, reopened, closed) at or after `since`.
std::vector<std::string> jobs_changed_since(soci::session& sql, long long since);
// Posts of a company, newest first; `only_live` keeps open, unexpired ones.
std::vector<JobRow> jobs_of_company(soci::session& sql, const std::string& company_id,
                                    bool only_live, long long now, int limit);

// Every open post not expired at `now`, with its company name, in no particular order; for
// rebuilding the search index.
void each_live_job(soci::session& sql, long long now, const std::function<void(const JobRow&)>& f);

}  // namespace hiresafe::jobs::store
