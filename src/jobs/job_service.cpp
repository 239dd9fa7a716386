#include "jobs/job_service.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "companies/company_store.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "jobs/job_json.hpp"
#include "search/outbox.hpp"

namespace hiresafe::jobs {

using core::Error;
using core::Result;

namespace {
// Monthly CNY. Below the lowest regional minimum wage or above a million a month is a typo.
constexpr long long kSalaryFloor = 500;
constexpr long long kSalaryCeiling = 1000000;

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// Forgets a post kept in memory once a change to it is over, whatever the outcome: a change
// that failed costs the next reader one database read.
struct ForgetAfter {
  JobCache& cache;
  const std::string& id;
  ~ForgetAfter() { cache.forget(id); }
};

void text(std::vector<core::FieldError>& p, const std::string& field, const std::string& v,
          std::size_t min, std::size_t max) {
  if (v.size() < min || v.size() > max || !core::clean_utf8(v))
    p.push_back({field, "must be " + std::to_string(min) + "-" + std::to_string(max) +
                            " bytes of plain text"});
}
}  // namespace

JobService::JobService(hiresafe::store::Database& db, const core::Clock& clock,
                       const Taxonomy& taxonomy, const PublishingRules& rules,
                       verification::VerificationService& verification, JobCache& cache)
    : db_(db),
      clock_(clock),
      taxonomy_(taxonomy),
      rules_(rules),
      verification_(verification),
      cache_(cache) {}

JobService::~JobService() = default;

Result<store::JobRow> JobService::validate(const JobInput& in) const {
  std::vector<core::FieldError> p;
  text(p, "title", in.title, 2, 120);
  text(p, "description", in.description, 10, 10000);
  if (in.address) text(p, "address", *in.address, 1, 300);
  const auto* category = taxonomy_.category(in.category_id);
  if (!category || category->parent_id.empty())
    p.push_back({"category_id", "must be a known second-level job category"});
  const auto* city = taxonomy_.city(in.city_code);
  if (!city || city->level != "city") p.push_back({"city_code", "must be a known city code"});
  if (in.latitude.has_value() != in.longitude.has_value())
    p.push_back({"latitude", "give both latitude and longitude, or neither"});
  if (in.latitude && (*in.latitude < -90 || *in.latitude > 90))
    p.push_back({"latitude", "must be between -90 and 90"});
  if (in.longitude && (*in.longitude < -180 || *in.longitude > 180))
    p.push_back({"longitude", "must be between -180 and 180"});
  if (in.salary_min < kSalaryFloor || in.salary_min > kSalaryCeiling)
    p.push_back({"salary_min", "must be a monthly amount between 500 and 1000000"});
  if (in.salary_max < kSalaryFloor || in.salary_max > kSalaryCeiling)
    p.push_back({"salary_max", "must be a monthly amount between 500 and 1000000"});
  if (in.salary_min > in.salary_max) p.push_back({"salary_min", "must not exceed salary_max"});
  if (in.salary_months < 12 || in.salary_months > 24)
    p.push_back({"salary_months", "must be 12 to 24"});
  if (!one_of(kEducationLevels, in.education))
    p.push_back({"education",
                 "must be any, junior_high, high_school, vocational, associate, "
                 "bachelor, master or doctorate"});
  if (in.experience_years < 0 || in.experience_years > 30)
    p.push_back({"experience_years", "must be 0 to 30"});
  if (!one_of(kWorkTypes, in.work_type))
    p.push_back({"work_type", "must be full_time, part_time or internship"});
  if (in.headcount < 1 || in.headcount > 9999) p.push_back({"headcount", "must be 1 to 9999"});
  if (in.valid_days < 1 || in.valid_days > 180) p.push_back({"valid_days", "must be 1 to 180"});
  if (in.skill_tags.size() > 20) p.push_back({"skill_tags", "at most 20 tags"});
  for (const auto& tag : in.skill_tags) {
    if (tag.empty() || tag.size() > 40 || !core::clean_utf8(tag)) {
      p.push_back({"skill_tags", "each tag is 1-40 bytes of plain text"});
      break;
    }
  }
  if (!p.empty()) return Error::invalid(std::move(p));

  // JOB-2: every offending phrase is named with its rule.
  std::string all_text = in.title + "\n" + in.description;
  for (const auto& tag : in.skill_tags) all_text += "\n" + tag;
  auto violations = rules_.check(all_text);
  if (!violations.empty()) {
    std::vector<core::FieldError> errors;
    for (const auto& v : violations) {
      errors.push_back({"description", "\"" + v.phrase + "\" — " + v.category + " (" + v.rule_id +
                                           "): " + v.reason_en + " / " + v.reason_zh});
    }
    auto e = Error::invalid(std::move(errors), "publishing-rules",
                            "The post breaks the publishing rules on discrimination");
    return e;
  }
  store::JobRow row;
  row.title = in.title;
  row.category_id = in.category_id;
  row.city_code = in.city_code;
  row.address = in.address;
  row.latitude = in.latitude;
  row.longitude = in.longitude;
  row.salary_min = in.salary_min;
  row.salary_max = in.salary_max;
  row.salary_months = in.salary_months;
  row.education = in.education;
  row.experience_years = in.experience_years;
  row.work_type = in.work_type;
  row.headcount = in.headcount;
  row.description = in.description;
  row.skill_tags_json = nlohmann::json(in.skill_tags).dump();
  row.valid_days = in.valid_days;
  row.rules_version = rules_.version();
  return row;
}

Job JobService::view(soci::session& sql, store::JobRow row) const {
  Job job;
  job.skill_tags = nlohmann::json::parse(row.skill_tags_json).get<std::vector<std::string>>();
  job.company_name = row.company_name;
  if (job.company_name.empty()) {  // rows just written carry no joined name
    if (auto company = companies::store::company_by_id(sql, row.company_id))
      job.company_name = company->name;
  }
  if (const auto* city = taxonomy_.city(row.city_code)) {
    job.city_name = city->name_zh;
    job.province_code = city->parent_code;
  }
  if (const auto* category = taxonomy_.category(row.category_id)) {
    job.category_name = category->name_zh;
    job.category_parent_id = category->parent_id;
  }
  job.expired = row.expires_at <= clock_.now();
  job.row = std::move(row);
  return job;
}

Result<store::JobRow> JobService::owned(hiresafe::store::Conn& sql, const identity::Auth& auth,
                                        const std::string& id) const {
  auto row = store::job_by_id(sql, id);
  // Another company's post is "not found" for this recruiter.
  if (!row || companies::store::company_of(sql, auth.user_id) != row->company_id)
    return Error::not_found("No such job post");
  return *row;
}

Result<Job> JobService::create(const identity::Auth& auth, const JobInput& in) {
  HS_CHECK(verification_.require_verified(auth));  // VER-3
  if (auth.active_role != "recruiter")
    return Error::forbidden("role-required", "Job posts are published by employer recruiters");
  HS_TRY(auto row, validate(in));
  const long long now = clock_.now();
  return db_.transaction<Job>([&](soci::session& sql) -> Result<Job> {
    auto company = companies::store::company_of(sql, auth.user_id);
    if (!company)
      return Error::forbidden("employment-verification-required", "Join a company first");
    row.id = core::new_id("j_");
    row.company_id = *company;
    row.recruiter_id = auth.user_id;
    row.status = "open";
    row.created_at = row.updated_at = now;
    row.expires_at = now + row.valid_days * 86400;
    store::insert_job(sql, row);
    search::enqueue(sql, search::kOutboxJob, row.id, now);
    return view(sql, row);
  });
}

Result<Job> JobService::update(const identity::Auth& auth, const std::string& id,
                               const JobInput& in) {
  HS_CHECK(verification_.require_verified(auth));
  HS_TRY(auto fresh, validate(in));
  const long long now = clock_.now();
  const ForgetAfter forget{cache_, id};
  return db_.transaction<Job>([&](hiresafe::store::Conn& sql) -> Result<Job> {
    HS_TRY(auto row, owned(sql, auth, id));
    if (row.status == "closed")
      return Error::conflict("job-closed", "A closed post cannot be edited");
    fresh.id = row.id;
    fresh.company_id = row.company_id;
    fresh.recruiter_id = row.recruiter_id;
    fresh.status = row.status;
    fresh.created_at = row.created_at;
    fresh.updated_at = now;
    // An edit keeps the post's remaining life unless its validity period changed.
    fresh.expires_at = fresh.valid_days == row.valid_days
                           ? row.expires_at
                           : row.created_at + fresh.valid_days * 86400;
    store::update_job(sql, fresh);
    search::enqueue(sql, search::kOutboxJob, fresh.id, now);
    return view(sql, fresh);
  });
}

Result<Job> JobService::transition(const identity::Auth& auth, const std::string& id,
                                   const std::string& action) {
  HS_CHECK(verification_.require_verified(auth));
  const long long now = clock_.now();
  const ForgetAfter forget{cache_, id};
  return db_.transaction<Job>([&](hiresafe::store::Conn& sql) -> Result<Job> {
    HS_TRY(auto row, owned(sql, auth, id));
    const std::string from = row.status;
    if (action == "pause" && from == "open") {
      row.status = "paused";
    } else if (action == "reopen" && from == "paused") {
      row.status = "open";
      // Reopening an expired post starts a new validity period.
      if (row.expires_at <= now) row.expires_at = now + row.valid_days * 86400;
    } else if (action == "close" && (from == "open" || from == "paused")) {
      row.status = "closed";
    } else {
      return Error::conflict("illegal-transition", "Cannot " + action + " a post that is " + from);
    }
    row.updated_at = now;
    store::update_job(sql, row);
    search::enqueue(sql, search::kOutboxJob, row.id, now);
    return view(sql, row);
  });
}

Result<std::string> JobService::public_json(const std::string& id) {
  const long long now = clock_.now();
  if (auto kept = cache_.find(id, now)) return kept->body;
  const JobCache::Ticket ticket = cache_.ticket(id);
  return db_.read<std::string>([&](hiresafe::store::Conn& sql) -> Result<std::string> {
    auto row = store::job_by_id(sql, id);
    if (!row || row->status != "open" || row->expires_at <= now)
      return Error::not_found("No such job post");
    const long long expires_at = row->expires_at;
    std::string body = job_json(view(sql, std::move(*row)))
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    cache_.put(id, ticket, {body, expires_at, now});
    return body;
  });
}

core::Status JobService::forget_changed(long long since) {
  HS_TRY(auto ids, db_.read<std::vector<std::string>>(
                       [&](soci::session& sql) -> Result<std::vector<std::string>> {
                         return store::jobs_changed_since(sql, since);
                       }));
  for (const auto& id : ids) cache_.forget(id);
  return core::Unit{};
}

void JobService::start_cache_watch(std::chrono::milliseconds interval) {
  if (!watch_)
    watch_.emplace(clock_, interval, [this](long long since) { return forget_changed(since); });
}

Result<std::vector<Job>> JobService::company_jobs(const std::string& company_id) {
  const long long now = clock_.now();
  return db_.read<std::vector<Job>>([&](soci::session& sql) -> Result<std::vector<Job>> {
    std::vector<Job> out;
    for (auto& row : store::jobs_of_company(sql, company_id, true, now, 200))
      out.push_back(view(sql, std::move(row)));
    return out;
  });
}

Result<std::vector<Job>> JobService::my_company_jobs(const identity::Auth& auth) {
  HS_CHECK(verification_.require_verified(auth));
  const long long now = clock_.now();
  return db_.read<std::vector<Job>>([&](soci::session& sql) -> Result<std::vector<Job>> {
    auto company = companies::store::company_of(sql, auth.user_id);
    std::vector<Job> out;
    if (!company) return out;
    for (auto& row : store::jobs_of_company(sql, *company, false, now, 500))
      out.push_back(view(sql, std::move(row)));
    return out;
  });
}

}  // namespace hiresafe::jobs
