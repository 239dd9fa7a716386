// SQL for contact invitations (HIR-2), saved posts and followed companies (JOB-4), and the
// time series behind a seeker's statistics (HIR-5).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace hiresafe::hiring::store {

struct InvitationRow {
  std::string id, kind, recruiter_id, seeker_id, resume_id, status;
  std::optional<std::string> company_id, job_id, message;
  long long created_at = 0;
  std::optional<long long> responded_at;
  // Read with the row (joins), never written.
  std::string company_name, job_title;
};

void insert_invitation(soci::session& sql, const InvitationRow& row);
std::optional<InvitationRow> invitation_by_id(soci::session& sql, const std::string& id);
// A pending invitation of the same kind, to the same post, from the same recruiter.
std::optional<InvitationRow> pending_invitation(soci::session& sql, const std::string& recruiter_id,
                                                const std::string& seeker_id,
                                                const std::string& kind,
                                                const std::optional<std::string>& job_id);
std::vector<InvitationRow> invitations_to(soci::session& sql, const std::string& seeker_id,
                                          int limit);
std::vector<InvitationRow> invitations_from(soci::session& sql, const std::string& recruiter_id,
                                            int limit);
bool answer_invitation(soci::session& sql, const std::string& id, const std::string& status,
                       long long now);

// JOB-4. Saving twice or unsaving what is not saved changes nothing.
void save_job(soci::session& sql, const std::string& user_id, const std::string& job_id,
              long long now);
void unsave_job(soci::session& sql, const std::string& user_id, const std::string& job_id);
struct SavedJobRow {
  std::string job_id, title, status, company_id, company_name, city_code;
  long long salary_min = 0, salary_max = 0, expires_at = 0, saved_at = 0;
};
std::vector<SavedJobRow> saved_jobs(soci::session& sql, const std::string& user_id);
void follow_company(soci::session& sql, const std::string& user_id, const std::string& company_id,
                    long long now);
void unfollow_company(soci::session& sql, const std::string& user_id,
                      const std::string& company_id);
struct FollowRow {
  std::string company_id, name, city_code, industry;
  long long open_jobs = 0, followed_at = 0;
};
std::vector<FollowRow> followed_companies(soci::session& sql, const std::string& user_id,
                                          long long now);

// HIR-5: the times of one seeker's events since `since`, one series per kind.
struct SeekerSeries {
  std::vector<long long> applications, views, replies, invitations, interviews;
  std::vector<std::pair<std::string, long long>> by_state;  // current state counts
};
SeekerSeries seeker_series(soci::session& sql, const std::string& seeker_id, long long since);

}  // namespace hiresafe::hiring::store
