#include "jobs/job_json.hpp"

#include "http/json_util.hpp"

namespace hiresafe::jobs {

nlohmann::json job_json(const Job& j) {
  const auto& r = j.row;
  return {{"id", r.id},
          {"company_id", r.company_id},
          {"company_name", j.company_name},
          {"status", j.expired && r.status == "open" ? "expired" : r.status},
          {"title", r.title},
          {"category_id", r.category_id},
          {"category_name", j.category_name},
          {"category_parent_id", j.category_parent_id},
          {"city_code", r.city_code},
          {"city_name", j.city_name},
          {"province_code", j.province_code},
          {"address", http::nullable(r.address)},
          {"latitude", http::nullable(r.latitude)},
          {"longitude", http::nullable(r.longitude)},
          {"salary_min", r.salary_min},
          {"salary_max", r.salary_max},
          {"salary_months", r.salary_months},
          {"education", r.education},
          {"experience_years", r.experience_years},
          {"work_type", r.work_type},
          {"headcount", r.headcount},
          {"description", r.description},
          {"skill_tags", j.skill_tags},
          {"valid_days", r.valid_days},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at},
          {"expires_at", r.expires_at}};
}

}  // namespace hiresafe::jobs
