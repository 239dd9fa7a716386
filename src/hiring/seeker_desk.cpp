#include "hiring/seeker_desk.hpp"

#include <ctime>

#include "companies/company_store.hpp"
#include "hiring/application_states.hpp"
#include "jobs/job_store.hpp"

namespace hiresafe::hiring {

using core::Error;
using core::Result;

namespace {
constexpr long long kChinaOffset = 8 * 3600;  // UTC+8 all year: China has no daylight saving
constexpr long long kWeek = 7 * 86400;
constexpr int kWeeks = 12;

std::string china_date(long long t) {
  std::time_t shifted = static_cast<std::time_t>(t + kChinaOffset);
  std::tm tm{};
  gmtime_r(&shifted, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}
}  // namespace

long long china_week_start(long long t) {
  const long long local = t + kChinaOffset;
  long long days = local / 86400;
  if (local < 0 && local % 86400 != 0) --days;
  const long long monday = days - ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return monday * 86400 - kChinaOffset;
}

core::Status SeekerDesk::save_job(const identity::Auth& auth, const std::string& job_id) {
  const long long now = clock_.now();
  return db_.transaction<core::Unit>([&](hiresafe::store::Conn& conn) -> core::Status {
    auto job = jobs::store::job_by_id(conn, job_id);
    // Only a post one could read can be saved; once saved it stays listed whatever happens.
    if (!job || job->status != "open" || job->expires_at <= now)
      return Error::not_found("No such job post");
    store::save_job(conn, auth.user_id, job_id, now);
    return core::Unit{};
  });
}

core::Status SeekerDesk::unsave_job(const identity::Auth& auth, const std::string& job_id) {
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    store::unsave_job(sql, auth.user_id, job_id);
    return core::Unit{};
  });
}

Result<std::vector<store::SavedJobRow>> SeekerDesk::saved_jobs(const identity::Auth& auth) {
  const long long now = clock_.now();
  return db_.read<std::vector<store::SavedJobRow>>(
      [&](soci::session& sql) -> Result<std::vector<store::SavedJobRow>> {
        auto rows = store::saved_jobs(sql, auth.user_id);
        for (auto& r : rows)
          if (r.status == "open" && r.expires_at <= now) r.status = "expired";
        return rows;
      });
}

core::Status SeekerDesk::follow(const identity::Auth& auth, const std::string& company_id) {
  const long long now = clock_.now();
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    if (!companies::store::company_by_id(sql, company_id))
      return Error::not_found("No such company");
    store::follow_company(sql, auth.user_id, company_id, now);
    return core::Unit{};
  });
}

core::Status SeekerDesk::unfollow(const identity::Auth& auth, const std::string& company_id) {
  return db_.transaction<core::Unit>([&](soci::session& sql) -> core::Status {
    store::unfollow_company(sql, auth.user_id, company_id);
    return core::Unit{};
  });
}

Result<std::vector<store::FollowRow>> SeekerDesk::followed(const identity::Auth& auth) {
  const long long now = clock_.now();
  return db_.read<std::vector<store::FollowRow>>(
      [&](soci::session& sql) -> Result<std::vector<store::FollowRow>> {
        return store::followed_companies(sql, auth.user_id, now);
      });
}

Result<SeekerStats> SeekerDesk::stats(const identity::Auth& auth) {
  if (!auth.has_role("seeker"))
    return Error::forbidden("role-required", "Statistics are kept for job seekers");
  HS_CHECK(access_log_.flush());  // views still waiting for their batch count too
  const long long now = clock_.now();
  const long long first = china_week_start(now) - (kWeeks - 1) * kWeek;
  HS_TRY(auto series,
         db_.read<store::SeekerSeries>([&](soci::session& sql) -> Result<store::SeekerSeries> {
           return store::seeker_series(sql, auth.user_id, first);
         }));
  SeekerStats out;
  for (int w = 0; w < kWeeks; ++w) out.weeks.push_back({china_date(first + w * kWeek)});
  const auto count = [&](const std::vector<long long>& times, long long WeekStats::*field) {
    for (long long t : times) {
      const long long w = (t - first) / kWeek;
      if (t < first || w >= kWeeks) continue;
      ++(out.weeks[w].*field);
      ++(out.totals.*field);
    }
  };
  count(series.applications, &WeekStats::applications);
  count(series.views, &WeekStats::views);
  count(series.replies, &WeekStats::replies);
  count(series.invitations, &WeekStats::invitations);
  count(series.interviews, &WeekStats::interviews);
  out.totals.week_start = out.weeks.front().week_start;
  for (const char* state : kApplicationStates) {
    long long n = 0;
    for (const auto& [s, c] : series.by_state)
      if (s == state) n = c;
    out.by_state.push_back({state, n});
  }
  return out;
}

}  // namespace hiresafe::hiring
