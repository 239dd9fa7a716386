#include "jobs/job_store.hpp"

#include "store/database.hpp"

namespace hiresafe::jobs::store {

using hiresafe::store::row_int;
using soci::into;
using soci::use;

namespace {
constexpr const char* kColumns =
    "id, company_id, recruiter_id, status, title, category_id, city_code, address, latitude, "
    "longitude, salary_min, salary_max, salary_months, education, experience_years, work_type, "
    "headcount, description, skill_tags, valid_days, rules_version, created_at, updated_at, "
    "expires_at";

constexpr const char* kQualifiedColumns =
    "j.id, j.company_id, j.recruiter_id, j.status, j.title, j.category_id, j.city_code, "
    "j.address, j.latitude, j.longitude, j.salary_min, j.salary_max, j.salary_months, "
    "j.education, j.experience_years, j.work_type, j.headcount, j.description, j.skill_tags, "
    "j.valid_days, j.rules_version, j.created_at, j.updated_at, j.expires_at";

double row_double(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string:
      return std::stod(r.get<std::string>(i));
    default:
      return static_cast<double>(row_int(r, i));
  }
}

JobRow from_row(const soci::row& r) {
  JobRow j;
  j.id = r.get<std::string>(0);
  j.company_id = r.get<std::string>(1);
  j.recruiter_id = r.get<std::string>(2);
  j.status = r.get<std::string>(3);
  j.title = r.get<std::string>(4);
  j.category_id = r.get<std::string>(5);
  j.city_code = r.get<std::string>(6);
  if (r.get_indicator(7) == soci::i_ok) j.address = r.get<std::string>(7);
  if (r.get_indicator(8) == soci::i_ok) j.latitude = row_double(r, 8);
  if (r.get_indicator(9) == soci::i_ok) j.longitude = row_double(r, 9);
  j.salary_min = row_int(r, 10);
  j.salary_max = row_int(r, 11);
  j.salary_months = row_int(r, 12);
  j.education = r.get<std::string>(13);
  j.experience_years = row_int(r, 14);
  j.work_type = r.get<std::string>(15);
  j.headcount = row_int(r, 16);
  j.description = r.get<std::string>(17);
  j.skill_tags_json = r.get<std::string>(18);
  j.valid_days = row_int(r, 19);
  j.rules_version = row_int(r, 20);
  j.created_at = row_int(r, 21);
  j.updated_at = row_int(r, 22);
  j.expires_at = row_int(r, 23);
  if (r.size() > 24 && r.get_indicator(24) == soci::i_ok) j.company_name = r.get<std::string>(24);
  return j;
}

// Binds every column but id/company/recruiter/created_at in one fixed order.
struct Binds {
  explicit Binds(const JobRow& j)
      : address(j.address.value_or("")),
        latitude(j.latitude.value_or(0)),
        longitude(j.longitude.value_or(0)),
        address_ind(j.address ? soci::i_ok : soci::i_null),
        lat_ind(j.latitude ? soci::i_ok : soci::i_null),
        lng_ind(j.longitude ? soci::i_ok : soci::i_null) {}
  std::string address;
  double latitude, longitude;
  soci::indicator address_ind, lat_ind, lng_ind;
};
}  // namespace

void insert_job(soci::session& sql, const JobRow& j) {
  Binds b(j);
  sql << std::string("INSERT INTO jobs (") + kColumns +
             ") VALUES (:id, :co, :re, :st, :ti, :ca, :ci, :ad, :la, :lo, :smin, :smax, :sm, :ed, "
             ":ex, :wt, :hc, :de, :sk, :vd, :rv, :cr, :up, :xp)",
      use(j.id), use(j.company_id), use(j.recruiter_id), use(j.status), use(j.title),
      use(j.category_id), use(j.city_code), use(b.address, b.address_ind),
      use(b.latitude, b.lat_ind), use(b.longitude, b.lng_ind), use(j.salary_min), use(j.salary_max),
      use(j.salary_months), use(j.education), use(j.experience_years), use(j.work_type),
      use(j.headcount), use(j.description), use(j.skill_tags_json), use(j.valid_days),
      use(j.rules_version), use(j.created_at), use(j.updated_at), use(j.expires_at);
}

void update_job(soci::session& sql, const JobRow& j) {
  Binds b(j);
  sql << "UPDATE jobs SET status = :st, title = :ti, category_id = :ca, city_code = :ci, "
         "address = :ad, latitude = :la, longitude = :lo, salary_min = :smin, salary_max = :smax, "
         "salary_months = :sm, education = :ed, experience_years = :ex, work_type = :wt, "
         "headcount = :hc, description = :de, skill_tags = :sk, valid_days = :vd, "
         "rules_version = :rv, updated_at = :up, expires_at = :xp WHERE id = :id",
      use(j.status), use(j.title), use(j.category_id), use(j.city_code),
      use(b.address, b.address_ind), use(b.latitude, b.lat_ind), use(b.longitude, b.lng_ind),
      use(j.salary_min), use(j.salary_max), use(j.salary_months), use(j.education),
      use(j.experience_years), use(j.work_type), use(j.headcount), use(j.description),
      use(j.skill_tags_json), use(j.valid_days), use(j.rules_version), use(j.updated_at),
      use(j.expires_at), use(j.id);
}

std::optional<JobRow> job_by_id(hiresafe::store::Conn& conn, const std::string& id) {
  // The company's name comes in the same statement: one round trip per public read.
  static const std::string kQuery = std::string("SELECT ") + kQualifiedColumns +
                                    ", c.name FROM jobs j LEFT JOIN companies c ON "
                                    "c.id = j.company_id WHERE j.id = :id";
  JobRow j;
  hiresafe::store::OptText address, company;
  hiresafe::store::OptDouble latitude, longitude;
  const bool found = conn.once(
      kQuery, use(id), into(j.id), into(j.company_id), into(j.recruiter_id), into(j.status),
      into(j.title), into(j.category_id), into(j.city_code), into(address.value, address.ind),
      into(latitude.value, latitude.ind), into(longitude.value, longitude.ind), into(j.salary_min),
      into(j.salary_max), into(j.salary_months), into(j.education), into(j.experience_years),
      into(j.work_type), into(j.headcount), into(j.description), into(j.skill_tags_json),
      into(j.valid_days), into(j.rules_version), into(j.created_at), into(j.updated_at),
      into(j.expires_at), into(company.value, company.ind));
  if (!found) return std::nullopt;
  j.address = address.get();
  j.latitude = latitude.get();
  j.longitude = longitude.get();
  j.company_name = company.get().value_or("");
  return j;
}

std::vector<std::string> jobs_changed_since(soci::session& sql, long long since) {
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT id FROM jobs WHERE updated_at >= :since", use(since));
  return {rows.begin(), rows.end()};
}

std::vector<JobRow> jobs_of_company(soci::session& sql, const std::string& company_id,
                                    bool only_live, long long now, int limit) {
  std::vector<JobRow> out;
  const long long cutoff = only_live ? now : -1;
  const std::string status = only_live ? "open" : "%";
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kQualifiedColumns +
                          ", c.name FROM jobs j LEFT JOIN companies c ON c.id = j.company_id "
                          "WHERE j.company_id = :c AND j.status LIKE :s AND j.expires_at > :cut "
                          "ORDER BY j.created_at DESC, j.id LIMIT :lim",
       use(company_id), use(status), use(cutoff), use(limit));
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

void each_live_job(soci::session& sql, long long now,
                   const std::function<void(const JobRow&)>& f) {
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kQualifiedColumns +
                          ", c.name FROM jobs j JOIN companies c ON c.id = j.company_id "
                          "WHERE j.status = 'open' AND j.expires_at > :now",
       use(now));
  for (const auto& r : rows) f(from_row(r));
}

}  // namespace hiresafe::jobs::store
