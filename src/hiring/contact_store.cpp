#include "hiring/contact_store.hpp"

#include "store/database.hpp"

namespace hiresafe::hiring::store {

using hiresafe::store::row_int;
using hiresafe::store::row_opt_int;
using hiresafe::store::row_opt_text;
using soci::into;
using soci::use;

namespace {
constexpr const char* kInvitationSelect =
    "SELECT i.id, i.kind, i.recruiter_id, i.seeker_id, i.resume_id, i.status, i.company_id, "
    "i.job_id, i.message, i.created_at, i.responded_at, COALESCE(c.name, ''), "
    "COALESCE(j.title, '') FROM contact_invitations i "
    "LEFT JOIN companies c ON c.id = i.company_id LEFT JOIN jobs j ON j.id = i.job_id ";

InvitationRow invitation_of(const soci::row& r) {
  InvitationRow i;
  i.id = r.get<std::string>(0);
  i.kind = r.get<std::string>(1);
  i.recruiter_id = r.get<std::string>(2);
  i.seeker_id = r.get<std::string>(3);
  i.resume_id = r.get<std::string>(4);
  i.status = r.get<std::string>(5);
  i.company_id = row_opt_text(r, 6);
  i.job_id = row_opt_text(r, 7);
  i.message = row_opt_text(r, 8);
  i.created_at = row_int(r, 9);
  i.responded_at = row_opt_int(r, 10);
  i.company_name = r.get<std::string>(11);
  i.job_title = r.get<std::string>(12);
  return i;
}

std::vector<InvitationRow> invitations_where(soci::session& sql, const std::string& where,
                                             const std::string& id, int limit) {
  std::vector<InvitationRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kInvitationSelect) + where +
                          " ORDER BY i.created_at DESC, i.id DESC LIMIT :n",
       use(id), use(limit));
  for (const auto& r : rows) out.push_back(invitation_of(r));
  return out;
}

std::vector<long long> times(soci::session& sql, const std::string& query, const std::string& id,
                             long long since) {
  std::vector<long long> out;
  soci::rowset<soci::row> rows = (sql.prepare << query, use(id), use(since));
  for (const auto& r : rows) out.push_back(row_int(r, 0));
  return out;
}
}  // namespace

void insert_invitation(soci::session& sql, const InvitationRow& r) {
  std::string company = r.company_id.value_or(""), job = r.job_id.value_or(""),
              message = r.message.value_or("");
  soci::indicator ci = r.company_id ? soci::i_ok : soci::i_null,
                  ji = r.job_id ? soci::i_ok : soci::i_null,
                  mi = r.message ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO contact_invitations (id, kind, company_id, recruiter_id, seeker_id, "
         "resume_id, job_id, message, status, created_at, responded_at) "
         "VALUES (:id, :k, :c, :r, :s, :res, :j, :m, :st, :at, NULL)",
      use(r.id), use(r.kind), use(company, ci), use(r.recruiter_id), use(r.seeker_id),
      use(r.resume_id), use(job, ji), use(message, mi), use(r.status), use(r.created_at);
}

std::optional<InvitationRow> invitation_by_id(soci::session& sql, const std::string& id) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kInvitationSelect) + "WHERE i.id = :id", use(id));
  for (const auto& r : rows) return invitation_of(r);
  return std::nullopt;
}

std::optional<InvitationRow> pending_invitation(soci::session& sql, const std::string& recruiter_id,
                                                const std::string& seeker_id,
                                                const std::string& kind,
                                                const std::optional<std::string>& job_id) {
  const std::string job = job_id.value_or("");
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kInvitationSelect) +
                          "WHERE i.recruiter_id = :r AND i.seeker_id = :s AND i.kind = :k "
                          "AND COALESCE(i.job_id, '') = :j AND i.status = 'pending'",
       use(recruiter_id), use(seeker_id), use(kind), use(job));
  for (const auto& r : rows) return invitation_of(r);
  return std::nullopt;
}

std::vector<InvitationRow> invitations_to(soci::session& sql, const std::string& seeker_id,
                                          int limit) {
  return invitations_where(sql, "WHERE i.seeker_id = :u", seeker_id, limit);
}

std::vector<InvitationRow> invitations_from(soci::session& sql, const std::string& recruiter_id,
                                            int limit) {
  return invitations_where(sql, "WHERE i.recruiter_id = :u", recruiter_id, limit);
}

bool answer_invitation(soci::session& sql, const std::string& id, const std::string& status,
                       long long now) {
  soci::statement st = (sql.prepare << "UPDATE contact_invitations SET status = :s, "
                                       "responded_at = :now WHERE id = :id AND status = 'pending'",
                        use(status), use(now), use(id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void save_job(soci::session& sql, const std::string& user_id, const std::string& job_id,
              long long now) {
  sql << "INSERT INTO saved_jobs (user_id, job_id, created_at) VALUES (:u, :j, :at) "
         "ON CONFLICT (user_id, job_id) DO NOTHING",
      use(user_id), use(job_id), use(now);
}

void unsave_job(soci::session& sql, const std::string& user_id, const std::string& job_id) {
  sql << "DELETE FROM saved_jobs WHERE user_id = :u AND job_id = :j", use(user_id), use(job_id);
}

std::vector<SavedJobRow> saved_jobs(soci::session& sql, const std::string& user_id) {
  std::vector<SavedJobRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT j.id, j.title, j.status, j.company_id, c.name, j.city_code, "
                      "j.salary_min, j.salary_max, j.expires_at, s.created_at "
                      "FROM saved_jobs s JOIN jobs j ON j.id = s.job_id "
                      "JOIN companies c ON c.id = j.company_id "
                      "WHERE s.user_id = :u ORDER BY s.created_at DESC, j.id LIMIT 500",
       use(user_id));
  for (const auto& r : rows)
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), r.get<std::string>(4), r.get<std::string>(5),
                   row_int(r, 6), row_int(r, 7), row_int(r, 8), row_int(r, 9)});
  return out;
}

void follow_company(soci::session& sql, const std::string& user_id, const std::string& company_id,
                    long long now) {
  sql << "INSERT INTO company_follows (user_id, company_id, created_at) VALUES (:u, :c, :at) "
         "ON CONFLICT (user_id, company_id) DO NOTHING",
      use(user_id), use(company_id), use(now);
}

void unfollow_company(soci::session& sql, const std::string& user_id,
                      const std::string& company_id) {
  sql << "DELETE FROM company_follows WHERE user_id = :u AND company_id = :c", use(user_id),
      use(company_id);
}

std::vector<FollowRow> followed_companies(soci::session& sql, const std::string& user_id,
                                          long long now) {
  std::vector<FollowRow> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT c.id, c.name, c.city_code, c.industry, "
                      "(SELECT COUNT(*) FROM jobs j WHERE j.company_id = c.id "
                      "AND j.status = 'open' AND j.expires_at > :now), f.created_at "
                      "FROM company_follows f JOIN companies c ON c.id = f.company_id "
                      "WHERE f.user_id = :u ORDER BY f.created_at DESC, c.id LIMIT 500",
       use(now), use(user_id));
  for (const auto& r : rows)
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                   r.get<std::string>(3), row_int(r, 4), row_int(r, 5)});
  return out;
}

SeekerSeries seeker_series(soci::session& sql, const std::string& seeker_id, long long since) {
  SeekerSeries s;
  s.applications = times(sql,
                         "SELECT created_at FROM applications WHERE seeker_id = :u "
                         "AND created_at >= :since",
                         seeker_id, since);
  // Views and downloads of the seeker's resumes by others (RES-8's records).
  s.views = times(sql,
                  "SELECT at FROM access_records WHERE subject_user_id = :u AND "
                  "data_kind = 'resume' AND at >= :since",
                  seeker_id, since);
  // A reply is any move the company's side made on one of the seeker's applications.
  s.replies = times(sql,
                    "SELECT e.at FROM application_events e JOIN applications a ON "
                    "a.id = e.application_id WHERE a.seeker_id = :u AND "
                    "e.actor_role = 'recruiter' AND e.at >= :since",
                    seeker_id, since);
  s.invitations = times(sql,
                        "SELECT created_at FROM contact_invitations WHERE seeker_id = :u "
                        "AND created_at >= :since",
                        seeker_id, since);
  s.interviews = times(sql,
                       "SELECT created_at FROM interviews WHERE seeker_id = :u "
                       "AND created_at >= :since",
                       seeker_id, since);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT status, COUNT(*) FROM applications WHERE seeker_id = :u "
                      "GROUP BY status",
       use(seeker_id));
  for (const auto& r : rows) s.by_state.push_back({r.get<std::string>(0), row_int(r, 1)});
  return s;
}

}  // namespace hiresafe::hiring::store
