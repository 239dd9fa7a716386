#include "store_rows.hpp"

namespace hiresafe::testing {

void insert_user_row(soci::session& sql, const std::string& id) {
  sql << "INSERT INTO users (id, phone_index, phone_enc, birth_date_enc, created_at) "
         "VALUES (:id, :ix, 'x', 'x', 0) ON CONFLICT (id) DO NOTHING",
      soci::use(id), soci::use(id);
}

void insert_company_row(soci::session& sql, const std::string& id, const std::string& owner) {
  sql << "INSERT INTO companies (id, name, uscc, city_code, industry, size, description, "
         "created_by, created_at) VALUES (:id, 'Co', '91110000000000000X', '110000', 'it', 's', "
         "'d', :owner, 0)",
      soci::use(id), soci::use(owner);
}

void insert_job_row(soci::session& sql, const std::string& id, const std::string& company,
                    const std::string& recruiter) {
  sql << "INSERT INTO jobs (id, company_id, recruiter_id, status, title, category_id, city_code, "
         "salary_min, salary_max, salary_months, education, experience_years, work_type, "
         "headcount, description, skill_tags, valid_days, rules_version, created_at, updated_at, "
         "expires_at) VALUES (:id, :co, :rec, 'open', 't', 'c', '110000', 1, 2, 12, 'any', 0, "
         "'full_time', 1, 'd', '', 30, 1, 0, 0, 0)",
      soci::use(id), soci::use(company), soci::use(recruiter);
}

void insert_resume_row(soci::session& sql, const std::string& id, const std::string& owner,
                       const std::string& title, const std::string& content,
                       const std::string& identity_enc) {
  sql << "INSERT INTO resumes (id, user_id, title, visibility, content, identity_enc, version, "
         "created_at, updated_at) VALUES (:id, :u, :t, 'public', :c, :i, 1, 0, 0)",
      soci::use(id), soci::use(owner), soci::use(title), soci::use(content),
      soci::use(identity_enc);
}

}  // namespace hiresafe::testing
